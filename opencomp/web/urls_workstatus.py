"""URL patterns of the claim's work status page (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_workstatus as views

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/work-status/", views.claim_work_status_view, name="claim_work_status"),
    path(
        "claims/<str:number>/work-status/record/",
        views.claim_work_status_record_view,
        name="claim_work_status_record",
    ),
]
