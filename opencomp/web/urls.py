from django.urls import path

from opencomp.web import (
    urls_benefits,
    urls_claim_diary,
    urls_complaints,
    urls_consent,
    urls_diary,
    urls_disputes,
    urls_documents,
    urls_financials,
    urls_invoices,
    urls_letters,
    urls_osha,
    urls_physicians,
    urls_plans,
    urls_reimbursements,
    urls_reports,
    urls_rtw,
    urls_treatment,
    urls_triage,
    urls_workstatus,
    views,
)

app_name = "web"

urlpatterns = [
    path("", views.work_queue_view, name="work_queue"),
    path("claims/<str:number>/", views.claim_detail_view, name="claim_detail"),
    path("claims/<str:number>/activity/", views.claim_activity_add_view, name="claim_activity_add"),
    path("claims/<str:number>/notes/", views.claim_note_add_view, name="claim_note_add"),
    path(
        "claims/<str:number>/medical-notes/", views.claim_medical_note_add_view, name="claim_medical_note_add"
    ),
    path("claims/<str:number>/status/", views.claim_transition_view, name="claim_transition"),
    path("claims/<str:number>/liability/", views.claim_liability_view, name="claim_liability"),
    path("claims/<str:number>/assignment/", views.claim_assign_view, name="claim_assign"),
    path("incidents/", views.incident_list_view, name="incident_list"),
    path("incidents/new/", views.incident_create_view, name="incident_create"),
    path("reports/", views.report_list_view, name="report_list"),
    path("reports/new/", views.report_create_view, name="report_create"),
    path("reports/new/workers/", views.report_worker_options_view, name="report_worker_options"),
    path("reports/<int:pk>/", views.report_detail_view, name="report_detail"),
    path(
        "reports/<int:pk>/supervisor-report/", views.report_supervisor_add_view, name="report_supervisor_add"
    ),
    path("reports/<int:pk>/drug-alcohol-test/", views.report_test_add_view, name="report_test_add"),
    path("reports/<int:pk>/claim/", views.report_claim_create_view, name="report_claim_create"),
]

urlpatterns += (
    urls_claim_diary.urlpatterns
    + urls_diary.urlpatterns
    + urls_benefits.urlpatterns
    + urls_financials.urlpatterns
    + urls_invoices.urlpatterns
    + urls_reports.urlpatterns
    + urls_reimbursements.urlpatterns
    + urls_documents.urlpatterns
    + urls_letters.urlpatterns
    + urls_consent.urlpatterns
    + urls_workstatus.urlpatterns
    + urls_triage.urlpatterns
    + urls_osha.urlpatterns
    + urls_disputes.urlpatterns
    + urls_complaints.urlpatterns
    + urls_treatment.urlpatterns
    # Plans and work capacity decisions (issue 7, item 5).
    + urls_plans.urlpatterns
    + urls_physicians.urlpatterns
    + urls_rtw.urlpatterns
)
