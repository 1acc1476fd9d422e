"""URL patterns of the claim financials pages and the approval queue (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_financials as views
from opencomp.web import views_schedules

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/financials/", views.claim_financials_view, name="claim_financials"),
    path("claims/<str:number>/financials/reserves/", views.claim_reserve_set_view, name="claim_reserve_set"),
    path(
        "claims/<str:number>/financials/payments/", views.claim_payment_issue_view, name="claim_payment_issue"
    ),
    path(
        "claims/<str:number>/financials/payments/<int:entry_id>/void/",
        views.claim_payment_void_view,
        name="claim_payment_void",
    ),
    path(
        "claims/<str:number>/financials/recoveries/",
        views.claim_recovery_record_view,
        name="claim_recovery_record",
    ),
    path(
        "claims/<str:number>/financials/repayment-plans/",
        views.claim_repayment_plan_agree_view,
        name="claim_repayment_plan_agree",
    ),
    path(
        "claims/<str:number>/financials/bank-details/",
        views.claim_bank_details_change_view,
        name="claim_bank_details_change",
    ),
    path(
        "claims/<str:number>/financials/schedules/",
        views_schedules.claim_schedule_start_view,
        name="claim_schedule_start",
    ),
    path(
        "claims/<str:number>/financials/schedules/<int:schedule_id>/stop/",
        views_schedules.claim_schedule_stop_view,
        name="claim_schedule_stop",
    ),
    path("approvals/", views.approval_queue_view, name="approval_queue"),
    path("approvals/<int:pk>/decision/", views.approval_decide_view, name="approval_decide"),
]
