"""URL patterns of a claim's physicians and examinations page (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_physicians as views

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/physicians/", views.claim_physicians_view, name="claim_physicians"),
    path(
        "claims/<str:number>/physicians/treating-doctor/",
        views.claim_treating_doctor_view,
        name="claim_treating_doctor",
    ),
    path(
        "claims/<str:number>/physicians/changes/",
        views.claim_physician_change_view,
        name="claim_physician_change",
    ),
    path(
        "claims/<str:number>/physicians/changes/<int:pk>/decide/",
        views.claim_physician_change_decide_view,
        name="claim_physician_change_decide",
    ),
    path("claims/<str:number>/physicians/mmi/", views.claim_mmi_view, name="claim_mmi"),
    path("claims/<str:number>/physicians/ratings/", views.claim_impairment_view, name="claim_impairment"),
    path("claims/<str:number>/physicians/imes/", views.claim_ime_view, name="claim_ime"),
    path(
        "claims/<str:number>/physicians/imes/<int:pk>/outcome/",
        views.claim_ime_outcome_view,
        name="claim_ime_outcome",
    ),
    path("claims/<str:number>/physicians/imcs/", views.claim_imc_view, name="claim_imc"),
    path(
        "claims/<str:number>/physicians/imcs/<int:pk>/outcome/",
        views.claim_imc_outcome_view,
        name="claim_imc_outcome",
    ),
]
