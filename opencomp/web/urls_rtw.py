"""URL patterns of the claim's modified duty page (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_rtw as views

_A = "claims/<str:number>/modified-duty/<int:pk>"
_S = "claims/<str:number>/modified-duty/searches"

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/modified-duty/", views.claim_modified_duty_view, name="claim_modified_duty"),
    path(
        "claims/<str:number>/modified-duty/offer/",
        views.claim_modified_duty_offer_view,
        name="claim_modified_duty_offer",
    ),
    path(f"{_A}/delivery/", views.claim_modified_duty_delivery_view, name="claim_modified_duty_delivery"),
    path(f"{_A}/accept/", views.claim_modified_duty_accept_view, name="claim_modified_duty_accept"),
    path(f"{_A}/refuse/", views.claim_modified_duty_refuse_view, name="claim_modified_duty_refuse"),
    path(f"{_A}/review/", views.claim_modified_duty_review_view, name="claim_modified_duty_review"),
    path(f"{_A}/extend/", views.claim_modified_duty_extend_view, name="claim_modified_duty_extend"),
    path(f"{_A}/end/", views.claim_modified_duty_end_view, name="claim_modified_duty_end"),
    path(f"{_S}/", views.claim_duty_search_start_view, name="claim_duty_search_start"),
    path(
        f"{_S}/<int:pk>/candidate/",
        views.claim_duty_search_candidate_view,
        name="claim_duty_search_candidate",
    ),
    path(
        f"{_S}/<int:pk>/conclude/", views.claim_duty_search_conclude_view, name="claim_duty_search_conclude"
    ),
]
