"""URL patterns of the complaints and finalisation pages (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_complaints, views_finalisation

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/complaints/", views_complaints.claim_complaints_view, name="claim_complaints"),
    path(
        "claims/<str:number>/complaints/<int:pk>/<slug:step>/",
        views_complaints.claim_complaint_step_view,
        name="claim_complaint_step",
    ),
    path("claims/<str:number>/close/", views_finalisation.claim_close_view, name="claim_close"),
    path(
        "claims/<str:number>/close/intention/",
        views_finalisation.claim_close_intention_view,
        name="claim_close_intention",
    ),
    path("claims/<str:number>/reopen/", views_finalisation.claim_reopen_view, name="claim_reopen"),
    path(
        "claims/<str:number>/reopen/determination/",
        views_finalisation.claim_recurrence_determine_view,
        name="claim_recurrence_determine",
    ),
]
