"""URL patterns of the claim's plans and work capacity decisions page (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_plans as views

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/plans/", views.claim_plans_view, name="claim_plans"),
    path("claims/<str:number>/plans/new/", views.claim_plan_create_view, name="claim_plan_create"),
    path(
        "claims/<str:number>/plans/<int:plan_id>/revise/",
        views.claim_plan_revise_view,
        name="claim_plan_revise",
    ),
    path(
        "claims/<str:number>/plans/<int:plan_id>/share/", views.claim_plan_share_view, name="claim_plan_share"
    ),
    path(
        "claims/<str:number>/plans/<int:plan_id>/sign-off/",
        views.claim_plan_sign_off_view,
        name="claim_plan_sign_off",
    ),
    path(
        "claims/<str:number>/work-capacity-decisions/",
        views.claim_decision_create_view,
        name="claim_decision_create",
    ),
    path(
        "claims/<str:number>/work-capacity-decisions/<int:decision_id>/notice/",
        views.claim_decision_notice_view,
        name="claim_decision_notice",
    ),
]
