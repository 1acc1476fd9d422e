"""URL patterns of the claim's consent and privacy page (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_consent as views

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/consent/", views.claim_consent_view, name="claim_consent"),
    path("claims/<str:number>/consent/give/", views.claim_consent_give_view, name="claim_consent_give"),
    path(
        "claims/<str:number>/consent/<int:pk>/withdraw/",
        views.claim_consent_withdraw_view,
        name="claim_consent_withdraw",
    ),
    path(
        "claims/<str:number>/disclosures/", views.claim_disclosure_record_view, name="claim_disclosure_record"
    ),
    path(
        "claims/<str:number>/access-requests/",
        views.claim_access_request_add_view,
        name="claim_access_request_add",
    ),
    path(
        "claims/<str:number>/access-requests/<int:seq>/complete/",
        views.claim_access_request_complete_view,
        name="claim_access_request_complete",
    ),
]
