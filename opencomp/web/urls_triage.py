"""URL patterns of the claim's risk triage page (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_triage as views

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/triage/", views.claim_triage_view, name="claim_triage"),
    path("claims/<str:number>/triage/record/", views.claim_triage_record_view, name="claim_triage_record"),
]
