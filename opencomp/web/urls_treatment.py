"""URL patterns of the treatment requests page and the ICD-10-CM autocomplete (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_treatment as views

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/treatment/", views.claim_treatment_view, name="claim_treatment"),
    path(
        "claims/<str:number>/treatment/new/", views.claim_treatment_record_view, name="claim_treatment_record"
    ),
    path(
        "claims/<str:number>/treatment/<int:pk>/acknowledge/",
        views.claim_treatment_acknowledge_view,
        name="claim_treatment_acknowledge",
    ),
    path(
        "claims/<str:number>/treatment/<int:pk>/decide/",
        views.claim_treatment_decide_view,
        name="claim_treatment_decide",
    ),
    path("icd10cm/options/", views.icd10cm_options_view, name="icd10cm_options"),
]
