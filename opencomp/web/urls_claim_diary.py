"""URL patterns of the claim diary pages (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_claim_diary as views

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/obligations/", views.claim_obligations_view, name="claim_obligations"),
    path(
        "claims/<str:number>/obligations/<int:pk>/waive/",
        views.claim_obligation_waive_view,
        name="claim_obligation_waive",
    ),
    path(
        "claims/<str:number>/obligations/<int:pk>/complete/",
        views.claim_obligation_complete_view,
        name="claim_obligation_complete",
    ),
    path("claims/<str:number>/diary/", views.claim_diary_entry_add_view, name="claim_diary_entry_add"),
    path(
        "claims/<str:number>/info-requests/", views.claim_info_request_add_view, name="claim_info_request_add"
    ),
    path("claims/<str:number>/facts/", views.claim_fact_record_view, name="claim_fact_record"),
]
