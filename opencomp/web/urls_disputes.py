"""URL patterns of the claim's disputes and hearings page (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_disputes as views

C = "claims/<str:number>"

urlpatterns: list[URLPattern] = [
    path(f"{C}/disputes/", views.claim_disputes_view, name="claim_disputes"),
    path(f"{C}/disputes/<int:pk>/review/", views.dispute_review_start_view, name="dispute_review_start"),
    path(
        f"{C}/disputes/<int:pk>/review-outcome/",
        views.dispute_review_record_view,
        name="dispute_review_record",
    ),
    path(f"{C}/disputes/<int:pk>/escalation/", views.dispute_escalate_view, name="dispute_escalate"),
    path(f"{C}/disputes/<int:pk>/resolution/", views.dispute_close_view, name="dispute_close"),
    path(f"{C}/hearings/", views.claim_hearing_schedule_view, name="claim_hearing_schedule"),
    path(f"{C}/hearings/<int:pk>/adjournment/", views.hearing_adjourn_view, name="hearing_adjourn"),
    path(f"{C}/hearings/<int:pk>/cancellation/", views.hearing_cancel_view, name="hearing_cancel"),
    path(f"{C}/hearings/<int:pk>/outcome/", views.hearing_outcome_view, name="hearing_outcome"),
    path(
        f"{C}/hearings/<int:pk>/orders/<int:order_pk>/compliance/",
        views.hearing_order_comply_view,
        name="hearing_order_comply",
    ),
    path(f"{C}/settlement-offers/", views.claim_settlement_draft_view, name="claim_settlement_draft"),
    path(
        f"{C}/settlement-offers/<int:pk>/approvals/", views.settlement_approve_view, name="settlement_approve"
    ),
    path(f"{C}/settlement-offers/<int:pk>/offer/", views.settlement_make_view, name="settlement_make"),
    path(
        f"{C}/settlement-offers/<int:pk>/response/", views.settlement_respond_view, name="settlement_respond"
    ),
    path(
        f"{C}/settlement-offers/<int:pk>/withdrawal/",
        views.settlement_withdraw_view,
        name="settlement_withdraw",
    ),
]
