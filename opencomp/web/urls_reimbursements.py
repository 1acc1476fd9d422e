"""URL patterns of the wage reimbursement schedule pages (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_reimbursements as views

urlpatterns: list[URLPattern] = [
    path(
        "claims/<str:number>/wage-reimbursements/new/",
        views.claim_reimbursement_submit_view,
        name="claim_reimbursement_submit",
    ),
    path("wage-reimbursements/", views.reimbursement_queue_view, name="reimbursement_queue"),
    path("wage-reimbursements/<int:pk>/", views.reimbursement_detail_view, name="reimbursement_detail"),
    path(
        "wage-reimbursements/<int:pk>/decision/", views.reimbursement_decide_view, name="reimbursement_decide"
    ),
    path(
        "wage-reimbursements/<int:pk>/reimbursement/",
        views.reimbursement_reimburse_view,
        name="reimbursement_reimburse",
    ),
]
