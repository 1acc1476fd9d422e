"""URL patterns of the benefits pages (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_benefits as views

urlpatterns: list[URLPattern] = [
    path("calculators/", views.calculators_view, name="calculators"),
    path("claims/<str:number>/benefits/", views.claim_benefits_view, name="claim_benefits"),
    path(
        "claims/<str:number>/benefits/wage-statements/",
        views.claim_wage_statement_record_view,
        name="claim_wage_statement_record",
    ),
    path(
        "claims/<str:number>/benefits/rates/",
        views.claim_benefit_rate_decide_view,
        name="claim_benefit_rate_decide",
    ),
    path(
        "claims/<str:number>/benefits/periods/",
        views.claim_benefit_period_record_view,
        name="claim_benefit_period_record",
    ),
]
