"""Who gets what from every page: one row per URL and method, one column per role.

Legend:
  L    anonymous: redirected to the login page, nothing written
  200  the page is shown
  D    done: the action succeeded and redirected (something was written)
  F    the form is shown again with an error, nothing written (the chosen employer or
       worker is not among the user's choices)
  403  the user may see the object but not do this; nothing written
  404  the user may not know the object exists; nothing written

Columns: an(onymous) adj(uster) ad2 (adjuster2) sup(ervisor) oad (other_adjuster)
esu (employer_supervisor) eco (employer_coordinator) oec (other_employer_coordinator)
wrk (worker) owk (other_worker) prv (provider) co (compliance_officer)
nsw (nsw_compliance_officer) pol (pool_administrator) aud (auditor) adm (admin).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from opencomp.claims.models import Claim, ClaimEvent
from opencomp.core.models import AuditEntry
from opencomp.intake.models import DrugAlcoholTest, Incident, InjuryReport, SupervisorReport
from opencomp.web import urls as web_urls

COLUMNS = (
    "anonymous",
    "adjuster",
    "adjuster2",
    "supervisor",
    "other_adjuster",
    "employer_supervisor",
    "employer_coordinator",
    "other_employer_coordinator",
    "worker",
    "other_worker",
    "provider",
    "compliance_officer",
    "nsw_compliance_officer",
    "pool_administrator",
    "auditor",
    "admin",
)

# fmt: off
MATRIX = {
    #                                      an  adj ad2 sup oad esu eco oec wrk owk prv co  nsw pol aud adm
    ("work_queue", "GET"):                "L   200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("claim_detail", "GET"):              "L   200 200 200 404 200 200 404 200 404 200 200 404 404 200 200",
    ("claim_activity_add", "POST"):       "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_note_add", "POST"):           "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_medical_note_add", "POST"):   "L   D   D   D   404 403 403 404 403 404 D   403 404 404 403 D",
    ("claim_transition", "POST"):         "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_liability", "POST"):          "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_assign", "POST"):             "L   403 403 D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("incident_list", "GET"):             "L   200 200 200 200 200 200 200 403 403 403 403 403 200 200 200",
    ("incident_create", "GET"):           "L   200 200 200 200 200 200 200 403 403 403 403 403 200 403 200",
    ("incident_create", "POST"):          "L   D   D   D   F   D   D   F   403 403 403 403 403 F   403 D",
    ("report_list", "GET"):               "L   200 200 200 200 200 200 200 200 200 403 403 403 200 200 200",
    ("report_create", "GET"):             "L   200 200 200 200 200 200 200 200 200 403 403 403 200 403 200",
    ("report_create", "POST"):            "L   D   D   D   F   D   D   F   D   F   403 403 403 F   403 D",
    ("report_worker_options", "GET"):     "L   200 200 200 200 200 200 200 200 200 403 403 403 200 403 200",
    ("report_detail", "GET"):             "L   200 200 200 404 200 200 404 200 404 404 404 404 404 200 200",
    ("report_supervisor_add", "POST"):    "L   D   D   D   404 D   D   404 403 404 404 404 404 404 403 D",
    ("report_test_add", "POST"):          "L   D   D   D   404 D   D   404 403 404 404 404 404 404 403 D",
    ("report_claim_create", "POST"):      "L   D   D   D   404 403 403 404 403 404 404 404 404 404 403 D",
    ("claim_obligations", "GET"):         "L   200 200 200 404 403 200 404 403 404 403 200 404 404 200 200",
    ("claim_obligation_waive", "POST"):   "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    # F: the book's obligations are statutory ones, done by recording what satisfies them, not ticked off
    ("claim_obligation_complete", "POST"): "L  F   F   F   404 403 403 404 403 404 403 403 404 404 403 F",
    ("claim_diary_entry_add", "POST"):    "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_info_request_add", "POST"):   "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_fact_record", "POST"):        "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("diary", "GET"):                     "L   200 200 200 200 403 200 200 403 403 403 200 200 200 200 200",
    ("diary_team", "GET"):                "L   403 403 200 403 403 403 403 403 403 403 403 403 403 403 200",
    ("diary_timeliness", "GET"):          "L   403 403 200 403 403 403 403 403 403 403 200 200 200 200 200",
    ("notice_list", "GET"):               "L   200 200 200 200 403 200 200 403 403 403 200 200 200 200 200",
    ("notice_mark_read", "POST"):         "L   404 404 D   404 403 404 404 403 403 403 404 404 404 404 404",
    ("notices_mark_all_read", "POST"):    "L   D   D   D   D   403 D   D   403 403 403 D   D   D   D   D",
    ("calculators", "GET"):               "L   200 200 200 200 200 200 200 403 403 403 200 200 200 200 200",
    ("claim_benefits", "GET"):            "L   200 200 200 404 200 200 404 200 404 403 200 404 404 200 200",
    ("claim_wage_statement_record", "POST"): "L D  D   D   404 D   D   404 403 404 403 403 404 404 403 D",
    ("claim_benefit_rate_decide", "POST"): "L  D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_benefit_period_record", "POST"): "L D  D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_financials", "GET"):          "L   200 200 200 404 200 200 404 403 404 403 200 404 404 200 200",
    ("claim_reserve_set", "POST"):        "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_payment_issue", "POST"):      "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_payment_void", "POST"):       "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_recovery_record", "POST"):    "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_repayment_plan_agree", "POST"): "L D  D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_bank_details_change", "POST"): "L  D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_schedule_start", "POST"):     "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_schedule_stop", "POST"):      "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("approval_queue", "GET"):            "L   403 403 200 403 403 403 403 403 403 403 403 403 403 403 200",
    ("approval_decide", "POST"):          "L   403 403 D   403 403 403 403 403 403 403 403 403 403 403 D",
    ("invoice_register", "GET"):          "L   200 200 200 200 200 200 200 403 403 403 200 200 200 200 200",
    ("invoice_detail", "GET"):            "L   200 200 200 404 200 200 404 404 404 404 200 404 404 200 200",
    ("invoice_review", "POST"):           "L   D   D   D   404 403 403 404 404 404 404 403 404 404 403 D",
    ("invoice_decide", "POST"):           "L   D   D   D   404 403 403 404 404 404 404 403 404 404 403 D",
    ("invoice_pay", "POST"):              "L   D   D   D   404 403 403 404 404 404 404 403 404 404 403 D",
    ("claim_invoice_create", "GET"):      "L   200 200 200 404 403 403 404 403 404 403 403 404 404 403 200",
    ("claim_invoice_create", "POST"):     "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("spend_report", "GET"):              "L   200 200 200 200 200 200 200 403 403 403 200 200 200 200 200",
    ("payment_register_export", "GET"):   "L   200 200 200 200 200 200 200 403 403 403 200 200 200 200 200",
    ("payment_files", "GET"):             "L   403 403 200 403 403 403 403 403 403 403 403 403 403 403 200",
    ("payment_file_export", "POST"):      "L   403 403 D   403 403 403 403 403 403 403 403 403 403 403 D",
    ("payment_file_download", "GET"):     "L   403 403 200 403 403 403 403 403 403 403 403 403 403 403 200",
    ("payment_file_reissue", "POST"):     "L   403 403 D   403 403 403 403 403 403 403 403 403 403 403 D",
    # wage reimbursement schedules: the book's NSW claim (Blue Gum, Harbour Insurance)
    ("claim_reimbursement_submit", "GET"): "L  404 404 404 200 404 404 200 404 403 404 404 403 404 404 200",
    ("claim_reimbursement_submit", "POST"): "L 404 404 404 D   404 404 D   404 403 404 404 403 404 404 D",
    ("reimbursement_queue", "GET"):       "L   200 200 200 200 200 200 200 403 403 403 200 200 200 200 200",
    ("reimbursement_detail", "GET"):      "L   404 404 404 200 404 404 200 404 403 404 404 200 404 404 200",
    ("reimbursement_decide", "POST"):     "L   404 404 404 D   404 404 403 404 403 404 404 403 404 404 D",
    ("reimbursement_reimburse", "POST"):  "L   404 404 404 D   404 404 403 404 403 404 404 403 404 404 D",
    # documents: view a medical report, download an IME report (restricted; employers never see an IME report)
    ("claim_documents", "GET"):           "L   200 200 200 404 200 200 404 200 404 200 200 404 404 200 200",
    ("claim_documents", "POST"):          "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("document_view", "GET"):             "L   200 200 200 404 404 404 404 200 404 200 200 404 404 404 200",
    ("document_download", "GET"):         "L   200 200 200 404 404 404 404 200 404 200 200 404 404 404 200",
    ("document_reclassify", "POST"):      "L   D   D   D   404 404 404 404 403 404 403 403 404 404 404 D",
    # letters: whoever sees the claim lists them; its staff prepare, preview and issue
    ("claim_letters", "GET"):             "L   200 200 200 404 200 200 404 200 404 200 200 404 404 200 200",
    ("claim_letter_prepare", "GET"):      "L   200 200 200 404 403 403 404 403 404 403 403 404 404 403 200",
    ("claim_letter_prepare", "POST"):     "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_letter_preview_html", "GET"): "L   200 200 200 404 403 403 404 403 404 403 403 404 404 403 200",
    ("claim_letter_preview_pdf", "GET"):  "L   200 200 200 404 403 403 404 403 404 403 403 404 404 403 200",
    # consent and privacy: read in full by those entitled to medical detail, in part by the employer's people
    # work status: in full for medical readers, the employer's people under consent (here: not released)
    ("claim_work_status", "GET"):         "L   200 200 200 404 200 200 404 200 404 200 200 404 404 403 200",
    ("claim_work_status_record", "POST"): "L   D   D   D   404 403 403 404 403 404 D   403 404 404 403 D",
    # risk triage: those who work the claim and the regulator in full, auditors in summary; staff record it
    ("claim_triage", "GET"):              "L   200 200 200 404 403 403 404 403 404 403 200 404 404 200 200",
    ("claim_triage_record", "POST"):      "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    # OSHA logs: kept by the employer's coordinators and administrator staff, read by supervisors, auditors
    ("osha_index", "GET"):                "L   200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("osha_log", "GET"):                  "L   200 200 200 404 200 200 404 404 404 404 404 404 404 200 200",
    ("osha_download", "GET"):             "L   200 200 200 404 403 200 404 404 404 404 404 404 404 403 200",
    ("claim_consent", "GET"):             "L   200 200 200 404 200 200 404 200 404 200 200 404 404 403 200",
    ("claim_consent_give", "POST"):       "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_consent_withdraw", "POST"):   "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_disclosure_record", "POST"):  "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_access_request_add", "POST"): "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_access_request_complete", "POST"): "L D D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    # disputes and hearings: the book's claim, contested by its adjuster; offers drafted by the adjuster
    ("claim_disputes", "GET"):            "L   200 200 200 404 200 200 404 200 404 200 200 404 404 200 200",
    ("claim_disputes", "POST"):           "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("dispute_review_start", "POST"):     "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    # only the reviewer (adjuster2) records the review's outcome
    ("dispute_review_record", "POST"):    "L   403 D   403 404 403 403 404 403 404 403 403 404 404 403 403",
    ("dispute_escalate", "POST"):         "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("dispute_close", "POST"):            "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_hearing_schedule", "POST"):   "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("hearing_adjourn", "POST"):          "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("hearing_cancel", "POST"):           "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("hearing_outcome", "POST"):          "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("hearing_order_comply", "POST"):     "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_settlement_draft", "POST"):   "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    # a claims supervisor approves (not the adjuster who drafted it); the book's claim has no pool
    ("settlement_approve", "POST"):       "L   403 403 D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("settlement_make", "POST"):          "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("settlement_respond", "POST"):       "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("settlement_withdraw", "POST"):      "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    # complaints: read by the claim's staff, auditor and regulator; the stage 2 decision by senior management
    ("claim_complaints", "GET"):          "L   200 200 200 404 403 403 404 403 404 403 200 404 404 200 200",
    ("claim_complaints", "POST"):         "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_complaint_step", "POST"):     "L   403 403 D   404 403 403 404 403 404 403 403 404 404 403 D",
    # finalisation on the book's NSW claim (Harbour's): its staff close and reopen it; the NSW regulator reads
    ("claim_close", "GET"):               "L   404 404 404 200 404 404 403 404 403 404 404 200 404 404 200",
    ("claim_close", "POST"):              "L   404 404 404 D   404 404 403 404 403 404 404 403 404 404 D",
    ("claim_close_intention", "POST"):    "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_reopen", "GET"):              "L   404 404 404 200 404 404 403 404 403 404 404 200 404 404 200",
    ("claim_reopen", "POST"):             "L   404 404 404 D   404 404 403 404 403 404 404 403 404 404 D",
    ("claim_recurrence_determine", "POST"): "L 404 404 404 D   404 404 403 404 403 404 404 403 404 404 D",
    # treatment requests: read by those entitled to medical detail (never the employer), written by its staff
    ("claim_treatment", "GET"):           "L   200 200 200 404 403 403 404 200 404 200 200 404 404 403 200",
    ("claim_treatment_record", "POST"):   "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_treatment_acknowledge", "POST"): "L D  D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_treatment_decide", "POST"):   "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    # modified duty: read like treatment (employers here have no consent releasing restrictions); staff write
    ("claim_modified_duty", "GET"):       "L   200 200 200 404 403 403 404 200 404 200 200 404 404 403 200",
    ("claim_modified_duty_offer", "POST"): "L  D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_modified_duty_delivery", "POST"): "L D D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_modified_duty_accept", "POST"): "L D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_modified_duty_refuse", "POST"): "L D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_modified_duty_review", "POST"): "L D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_modified_duty_extend", "POST"): "L D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_modified_duty_end", "POST"):  "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_duty_search_start", "POST"):  "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_duty_search_candidate", "POST"): "L D  D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_duty_search_conclude", "POST"): "L D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("icd10cm_options", "GET"):           "L   200 200 200 200 403 403 403 403 403 403 403 403 403 403 200",
    # plans (a return-to-work plan on the book's claim) and work capacity decisions (the book's NSW claim)
    ("claim_plans", "GET"):               "L   200 200 200 404 200 200 404 200 404 200 200 404 404 403 200",
    ("claim_plan_create", "POST"):        "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_plan_revise", "POST"):        "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_plan_share", "POST"):         "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_plan_sign_off", "POST"):      "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_decision_create", "POST"):    "L   404 404 404 D   404 404 403 404 403 404 404 403 404 404 D",
    ("claim_decision_notice", "POST"):    "L   404 404 404 D   404 404 403 404 403 404 404 403 404 404 D",
}
# physicians and examinations: read by those entitled to medical detail (never the employer),
# written by its staff
MATRIX.update({
    ("claim_physicians", "GET"): "L   200 200 200 404 403 403 404 200 404 200 200 404 404 403 200",
    ("claim_treating_doctor", "POST"): "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_physician_change", "POST"): "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_physician_change_decide", "POST"): "L  D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_mmi", "POST"): "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_impairment", "POST"): "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_ime", "POST"): "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_ime_outcome", "POST"): "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_imc", "POST"): "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
    ("claim_imc_outcome", "POST"): "L   D   D   D   404 403 403 404 403 404 403 403 404 404 403 D",
})
# fmt: on


def _cases() -> list[Any]:
    cases = []
    for (name, method), row in MATRIX.items():
        expectations = row.split()
        assert len(expectations) == len(COLUMNS), f"{name} {method}: {len(expectations)} columns"
        for role, expected in zip(COLUMNS, expectations, strict=True):
            cases.append(pytest.param(name, method, role, expected, id=f"{name}-{method}-{role}"))
    return cases


def _claim_args(book, report) -> list[str]:
    return [book.claim.number]


def _report_args(book, report) -> list[int]:
    return [report.pk]


def _no_args(book, report) -> list[Any]:
    return []


ACTIVITY = {
    "activity-party": "worker",
    "activity-channel": "phone",
    "activity-direction": "outbound",
    "activity-issue": "Initial contact",
    "activity-action": "Explained the claim process.",
}


def _incident_data(book, report) -> dict[str, Any]:
    return {
        "employer": book.employer.pk,
        "person_name": "Maria Lopez",
        "occurred_at": "2026-10-30T09:30",
        "location": "Press line 2",
        "description": "Caught a sheet edge.",
        "outcome": "first_aid_only",
        "reported_by": "Pat Foreman",
    }


def _report_data(book, report) -> dict[str, Any]:
    return {
        "employer": book.employer.pk,
        "worker": book.worker.pk,
        "jurisdiction": "CO",
        "injury_date": "2026-10-31",
        "location": "Loading dock",
        "nature_of_injury": "Sprain",
        "body_part": "Ankle",
        "body_side": "left",
        "how_it_happened": "Stepped off the dock plate.",
        "reported_to_employer_on": "2026-10-31",
        "notifier_name": "Maria Lopez",
        "notifier_relationship": "self",
    }


def _supervisor_data(book, report) -> dict[str, Any]:
    answers = dict.fromkeys(
        (
            "scene_inspected",
            "hazard_found",
            "hazard_abated",
            "procedures_followed",
            "safety_equipment_required",
            "safety_equipment_used",
            "safety_rule_violation",
        ),
        "no",
    )
    return {"supervisor-supervisor_name": "Pat Foreman"} | {f"supervisor-{k}": v for k, v in answers.items()}


def _open_obligation_args(book, report) -> list[Any]:
    from opencomp.deadlines.models import Obligation

    obligation = Obligation.objects.filter(claim=book.claim, status="open").order_by("pk").first()
    return [book.claim.number, obligation.pk]


def _waive_data(book, report) -> dict[str, Any]:
    _number, pk = _open_obligation_args(book, report)
    return {f"waive-{pk}-reason": "The employer filed it with the Division itself."}


def _portal_notice(user, subject: str = "Overdue on CO-26-000001: File the first report"):
    from opencomp.accounts.services import notification_queue

    return notification_queue(
        recipient_name=str(user),
        recipient_address="",
        subject=subject,
        body="It is not done.",
        claim_number="CO-26-000001",
        channel="portal",
        recipient=user,
    )


def _supervisor_notice_args(book, report) -> list[int]:
    return [_portal_notice(book.users["supervisor"]).pk]


def _everyone_has_an_unread_notice(book, report) -> list[Any]:
    for user in book.users.values():
        _portal_notice(user)
    return []


def _benefits_claim_args(book, report, *, wage_statement: bool = False, rate: bool = False) -> list[str]:
    """The book's claim, injured in a year with a sourced CO maximum; with a wage statement and a TTD rate."""
    from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
    from opencomp.claims.services import claim_correct_details

    claim = claim_correct_details(
        actor=None, claim=book.claim, changes={"injury_date": dt.date(2025, 10, 20)}, reason="Year mistyped"
    )
    if wage_statement or rate:
        statement = WageStatementInput(method="monthly", monthly_wage=Decimal("4000.00"))
        wage_statement_record(actor=None, claim=claim, statement=statement)
    if rate:
        benefit_rate_decide(actor=None, claim=claim, benefit="TTD")
    return [claim.number]


def _money_staff(book) -> None:
    """A $10,000 medical reserve on the book's claim; its staff may pay $5,000 without approval."""
    from opencomp.payments.models import Authority
    from opencomp.payments.services import reserve_set

    for key in ("adjuster", "adjuster2", "supervisor"):
        Authority.objects.create(
            user=book.users[key],
            payment_limit=Decimal("5000.00"),
            reserve_limit=Decimal("50000.00"),
            set_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        )
    reserve_set(
        actor=book.users["admin"],
        claim=book.claim,
        category="medical",
        amount=Decimal("10000.00"),
        reason="Initial estimate",
    )


def _payment(book, actor_key: str):
    from opencomp.payments.services import PaymentInput, payment_issue

    payment = PaymentInput(
        category="medical", amount=Decimal("250.00"), payee_kind="provider", payee_name="Dr Jo Reyes"
    )
    return payment_issue(actor=book.users[actor_key], claim=book.claim, payment=payment)


def _financial_claim_args(book, report) -> list[str]:
    _money_staff(book)
    return [book.claim.number]


def _schedule_claim_args(book, report) -> list[str]:
    """The book's claim accepted, with a TTD rate, an indemnity reserve and staff authority."""
    from opencomp.claims.services import claim_transition
    from opencomp.payments.services import reserve_set

    number = _benefits_claim_args(book, report, rate=True)[0]
    _money_staff(book)
    claim = claim_transition(actor=None, claim=Claim.objects.get(number=number), to_status="accepted")
    reserve_set(
        actor=book.users["admin"], claim=claim, category="indemnity", amount=Decimal("40000.00"), reason="TTD"
    )
    return [number]


def _schedule_stop_args(book, report) -> list[Any]:
    from opencomp.payments.schedule_services import payment_schedule_start

    number = _schedule_claim_args(book, report)[0]
    claim = Claim.objects.get(number=number)
    first_day = dt.date(2025, 10, 21)
    schedule = payment_schedule_start(
        actor=book.users["admin"], claim=claim, benefit="TTD", first_day=first_day, method="cheque"
    )
    return [number, schedule.pk]


def _schedule_stop_data(book, report) -> dict[str, Any]:
    from opencomp.payments.models import PaymentSchedule

    schedule = PaymentSchedule.objects.latest("pk")
    return {f"stop-{schedule.pk}-reason": "return_to_work", f"stop-{schedule.pk}-last_day": "2025-11-30"}


def _payment_void_args(book, report) -> list[Any]:
    _money_staff(book)
    return [book.claim.number, _payment(book, "admin").pk]


def _approval_args(book, report) -> list[int]:
    """A payment of the adjuster's waiting for approval (they have no authority; the supervisor has)."""
    from opencomp.payments.models import Authority

    _money_staff(book)
    Authority.objects.filter(user=book.users["adjuster"]).delete()
    return [_payment(book, "adjuster").pk]


def _eft_payment(book, report) -> list[Any]:
    """A TTD payment by EFT to Maria in October, her verified bank details on file."""
    from opencomp.payments.tests.fixtures import eft_payment

    eft_payment(book)
    return []


PAYMENT_FILE = {"country": "US", "date_from": "2026-10-01", "date_to": "2026-10-31"}


def _reissue_data(book, report) -> dict[str, Any]:
    from opencomp.payments.models import PaymentFileExport

    return {f"reissue-{PaymentFileExport.objects.latest('pk').pk}-reason": "The bank rejected the file"}


def _payment_file_args(book, report) -> list[int]:
    """A bank file of Summit Mutual's, written by its supervisor."""
    from opencomp.payments.payment_files import payment_file_export

    _eft_payment(book, report)
    file, _ = payment_file_export(
        actor=book.users["supervisor"],
        country="US",
        date_from=dt.date(2026, 10, 1),
        date_to=dt.date(2026, 10, 31),
    )
    return [file.pk]


def _void_data(book, report) -> dict[str, Any]:
    from opencomp.payments.models import LedgerEntry

    entry = LedgerEntry.objects.filter(kind="payment").latest("pk")
    return {f"void-{entry.pk}-reason": "Duplicate invoice"}


def _decision_data(book, report) -> dict[str, Any]:
    from opencomp.payments.models import ApprovalRequest

    request = ApprovalRequest.objects.latest("pk")
    return {f"decide-{request.pk}-decision": "approve"}


def _invoice_args(book, report, stage: str = "received") -> list[int]:
    """An invoice of $120.00 on the book's claim (with its medical reserve), taken to ``stage``."""
    from opencomp.payments.invoice_services import (
        InvoiceInput,
        LineInput,
        LineReview,
        invoice_decide,
        invoice_receive,
        invoice_review,
    )

    _money_staff(book)
    admin = book.users["admin"]
    line = LineInput(dt.date(2026, 10, 22), "AA010", "Consult", Decimal("1"), Decimal("120.00"))
    invoice = invoice_receive(
        actor=admin,
        claim=book.claim,
        invoice=InvoiceInput("Dr Jo Reyes", "INV-1", dt.date(2026, 10, 30), (line,)),
    )
    if stage in {"reviewed", "decided"}:
        invoice_review(actor=admin, invoice=invoice, lines=[LineReview(Decimal("120.00"))])
    if stage == "decided":
        invoice_decide(actor=admin, invoice=invoice, outcome="approved")
    return [invoice.pk]


NEW_INVOICE = {
    "invoice-provider_name": "Front Range Physio",
    "invoice-invoice_number": "FRP-9",
    "invoice-received_on": "2026-10-30",
    "line-0-service_date": "2026-10-22",
    "line-0-item_code": "PT01",
    "line-0-description": "Assessment",
    "line-0-units": "1",
    "line-0-amount_claimed": "180.00",
}


def _wrs_claim_args(book, report) -> list[str]:
    from opencomp.payments.tests.reimbursement_setup import wrs_claim_ready

    return [wrs_claim_ready(book).number]


def _wrs_args(book, report, *, decided: bool = False) -> list[int]:
    from opencomp.payments.tests.reimbursement_setup import wrs_sent

    return [wrs_sent(book, decided=decided).pk]


WRS_WEEKS = {
    "weeks-TOTAL_FORMS": "2",
    "weeks-INITIAL_FORMS": "0",
    "weeks-0-week_number": "1",
    "weeks-0-week_from": "2024-10-15",
    "weeks-0-week_to": "2024-10-21",
    "weeks-0-amount_claimed": "1425.00",
}

FINANCIAL_PAYMENT = {
    "payment-category": "medical",
    "payment-bucket": "general",
    "payment-amount": "300.00",
    "payment-payee_kind": "provider",
    "payment-payee_name": "Front Range Physio",
    "payment-method": "eft",
    "payment-idempotency_key": "matrix-payment",
}

WEEKLY_BENEFIT = {
    "calc": "weekly",
    "weekly-jurisdiction": "CO",
    "weekly-benefit": "TTD",
    "weekly-injury_date": "2023-09-01",
    "weekly-aww": "1939.88",
}

ENDPOINTS: dict[str, tuple[Callable[..., list[Any]], Callable[..., dict[str, Any]]]] = {
    "work_queue": (_no_args, lambda book, report: {}),
    "claim_detail": (_claim_args, lambda book, report: {}),
    "claim_activity_add": (_claim_args, lambda book, report: ACTIVITY),
    "claim_note_add": (_claim_args, lambda book, report: {"note-text": "Employer offers modified duty."}),
    "claim_medical_note_add": (_claim_args, lambda book, report: {"medical-summary": "Physiotherapy x6."}),
    "claim_transition": (
        _claim_args,
        lambda book, report: {
            "status-to_status": "under_investigation",
            "status-expected_status": "reported",
        },
    ),
    "claim_liability": (
        _claim_args,
        lambda book, report: {"liability-decision": "admission", "liability-expected_status": "reported"},
    ),
    "claim_assign": (_claim_args, lambda book, report: {"assign-adjuster": book.users["adjuster2"].pk}),
    "incident_list": (_no_args, lambda book, report: {}),
    "incident_create": (_no_args, _incident_data),
    "report_list": (_no_args, lambda book, report: {}),
    "report_create": (_no_args, _report_data),
    "report_worker_options": (_no_args, lambda book, report: {"employer": book.employer.pk}),
    "report_detail": (_report_args, lambda book, report: {}),
    "report_supervisor_add": (_report_args, _supervisor_data),
    "report_test_add": (
        _report_args,
        lambda book, report: {
            "test-accident_at": "2026-10-30T09:30",
            "test-reason": "not_required",
            "test-alcohol_result": "not_tested",
            "test-drug_result": "not_tested",
        },
    ),
    "report_claim_create": (_report_args, lambda book, report: {"claim-claim_type": "medical_only"}),
    "claim_obligations": (_claim_args, lambda book, report: {}),
    "claim_obligation_waive": (_open_obligation_args, _waive_data),
    "claim_obligation_complete": (_open_obligation_args, lambda book, report: {}),
    "claim_diary_entry_add": (
        _claim_args,
        lambda book, report: {"diary-title": "Call the worker", "diary-due_on": "2026-11-10"},
    ),
    "claim_info_request_add": (
        _claim_args,
        lambda book, report: {
            "info-party": "employer",
            "info-what": "Wage records",
            "info-due_on": "2026-11-10",
        },
    ),
    "claim_fact_record": (
        _claim_args,
        lambda book, report: {"fact-kind": "milestone.recorded", "fact-milestone": "recovery_screen"},
    ),
    "diary": (_no_args, lambda book, report: {}),
    "diary_team": (_no_args, lambda book, report: {}),
    "diary_timeliness": (_no_args, lambda book, report: {}),
    "notice_list": (_no_args, lambda book, report: {}),
    "notice_mark_read": (_supervisor_notice_args, lambda book, report: {}),
    "notices_mark_all_read": (_everyone_has_an_unread_notice, lambda book, report: {}),
    "calculators": (_no_args, lambda book, report: WEEKLY_BENEFIT),
    "claim_benefits": (
        lambda book, report: _benefits_claim_args(book, report, rate=True),
        lambda book, report: {},
    ),
    "claim_wage_statement_record": (
        _benefits_claim_args,
        lambda book, report: {"wage-method": "monthly", "wage-monthly_wage": "4000.00"},
    ),
    "claim_benefit_rate_decide": (
        lambda book, report: _benefits_claim_args(book, report, wage_statement=True),
        lambda book, report: {"rate-benefit": "TTD"},
    ),
    "claim_benefit_period_record": (
        lambda book, report: _benefits_claim_args(book, report, rate=True),
        lambda book, report: {
            "period-benefit": "TTD",
            "period-first_day": "2025-10-21",
            "period-return_to_work": "2025-11-20",
        },
    ),
    "claim_financials": (_claim_args, lambda book, report: {}),
    "claim_reserve_set": (
        _claim_args,
        lambda book, report: {
            "reserve-category": "medical",
            "reserve-bucket": "general",
            "reserve-amount": "800.00",
            "reserve-reason": "Initial estimate",
        },
    ),
    "claim_payment_issue": (_financial_claim_args, lambda book, report: FINANCIAL_PAYMENT),
    "claim_payment_void": (_payment_void_args, _void_data),
    "claim_recovery_record": (
        _claim_args,
        lambda book, report: {
            "recovery-category": "indemnity",
            "recovery-amount": "120.00",
            "recovery-kind": "subrogation",
            "recovery-payer": "Third Party Insurance",
        },
    ),
    "claim_repayment_plan_agree": (
        _claim_args,
        lambda book, report: {
            "plan-kind": "overpayment",
            "plan-category": "indemnity",
            "plan-owed": "450.00",
            "plan-debtor": "Maria Lopez",
            "plan-terms": "Three instalments",
        },
    ),
    "claim_bank_details_change": (
        _claim_args,
        lambda book, report: {
            "bank-account_name": "Maria Lopez",
            "bank-bsb_or_routing": "021000021",
            "bank-account_number": "123456789012",
            "bank-verification_method": "call_back_to_known_number",
            "bank-verification_note": "Called back on the number on the claim form.",
        },
    ),
    "claim_schedule_start": (
        _schedule_claim_args,
        lambda book, report: {
            "schedule-benefit": "TTD",
            "schedule-first_day": "2025-10-21",
            "schedule-method": "cheque",
        },
    ),
    "claim_schedule_stop": (_schedule_stop_args, _schedule_stop_data),
    "approval_queue": (_no_args, lambda book, report: {}),
    "approval_decide": (_approval_args, _decision_data),
    "invoice_register": (_no_args, lambda book, report: {}),
    "invoice_detail": (_invoice_args, lambda book, report: {}),
    "invoice_review": (_invoice_args, lambda book, report: {"review-amount_1": "120.00"}),
    "invoice_decide": (
        lambda book, report: _invoice_args(book, report, "reviewed"),
        lambda book, report: {"decide-outcome": "approved"},
    ),
    "invoice_pay": (
        lambda book, report: _invoice_args(book, report, "decided"),
        lambda book, report: {"pay-method": "eft"},
    ),
    "claim_invoice_create": (_financial_claim_args, lambda book, report: NEW_INVOICE),
    "spend_report": (_no_args, lambda book, report: {"group_by": ["category", "employer"]}),
    "payment_register_export": (_no_args, lambda book, report: {"format": "csv"}),
    "payment_files": (_no_args, lambda book, report: {}),
    "payment_file_export": (_eft_payment, lambda book, report: PAYMENT_FILE),
    "payment_file_download": (_payment_file_args, lambda book, report: {}),
    "payment_file_reissue": (_payment_file_args, _reissue_data),
    "claim_reimbursement_submit": (_wrs_claim_args, lambda book, report: WRS_WEEKS),
    "reimbursement_queue": (_no_args, lambda book, report: {}),
    "reimbursement_detail": (_wrs_args, lambda book, report: {}),
    "reimbursement_decide": (_wrs_args, lambda book, report: {"decide-decision": "review"}),
    "reimbursement_reimburse": (
        lambda book, report: _wrs_args(book, report, decided=True),
        lambda book, report: {"reimburse-method": "cheque"},
    ),
}


def _document_args(category: str) -> Callable[[Any, Any], list[int]]:
    def args(book, report) -> list[int]:
        import io

        from opencomp.documents.services import document_upload

        document = document_upload(
            actor=book.users["adjuster"],
            claim=book.claim,
            category=category,
            title=f"A {category}",
            file_name="scan.pdf",
            content=io.BytesIO(b"%PDF-1.7\n%%EOF\n"),
        )
        return [document.pk]

    return args


def _document_upload(book, report) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("letter.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")
    return {"file": pdf, "category": "legal", "title": "Solicitor's letter"}


def _reclassify_data(book, report) -> dict[str, Any]:
    from opencomp.documents.models import ClaimDocument

    pk = ClaimDocument.objects.latest("pk").pk
    return {f"doc-{pk}-category": "medical_report", f"doc-{pk}-reason": "A report, not a certificate"}


ENDPOINTS.update(
    {
        "claim_documents": (_claim_args, _document_upload),
        "document_view": (_document_args("medical_report"), lambda book, report: {}),
        "document_download": (_document_args("ime_report"), lambda book, report: {}),
        "document_reclassify": (_document_args("certificate"), _reclassify_data),
    }
)


def _contested_letter_args(book, report) -> list[str]:
    """The book's claim given a notice of contest, and its letter (ready to issue)."""
    from opencomp.claims.liability_services import LiabilityInput, liability_decide

    liability_decide(
        actor=book.users["adjuster"],
        claim=book.claim,
        given=LiabilityInput(decision="contest", reasons="Not in the course of employment."),
    )
    return [book.claim.number, "co.notice_of_contest"]


def _letter_issue_data(book, report) -> dict[str, Any]:
    rows = [
        {"party": "worker", "name": "Maria Lopez", "address": "12 Elm Street"},
        {"party": "employer", "name": "Acme", "address": "1 Plant Road"},
    ]
    data: dict[str, Any] = {"to-TOTAL_FORMS": "2", "to-INITIAL_FORMS": "2", "enclosures_confirmed": "on"}
    for i, row in enumerate(rows):
        data |= {f"to-{i}-include": "on", f"to-{i}-method": "mail"} | {
            f"to-{i}-{k}": v for k, v in row.items()
        }
    return data


def _consent_args(book, report) -> list[Any]:
    from opencomp.consent.services import consent_give

    consent = consent_give(
        actor=book.users["adjuster"],
        claim=book.claim,
        given_by="worker",
        given_on=dt.date(2026, 10, 22),
        method="signed_form",
        categories=["certificate"],
        recipients=["employer"],
        purpose="Return to work planning",
    )
    return [book.claim.number, consent.pk]


def _withdraw_data(book, report) -> dict[str, Any]:
    from opencomp.consent.models import Consent

    pk = Consent.objects.latest("pk").pk
    return {f"withdraw-{pk}-withdrawn_on": "2026-11-01", f"withdraw-{pk}-method": "email"}


def _access_request_args(book, report) -> list[Any]:
    from opencomp.consent.services import access_request_record

    event = access_request_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        received_on=dt.date(2026, 10, 29),
        from_party="worker",
        description="My medical reports",
    )
    return [book.claim.number, event.seq]


def _complete_data(book, report) -> dict[str, Any]:
    seq = ClaimEvent.objects.filter(claim=book.claim, kind="request.received").latest("seq").seq
    return {f"complete-{seq}-provided": "Copies of two reports", f"complete-{seq}-channel": "email"}


def _disputes_setup():
    from opencomp.disputes.tests import setup

    return setup


def _contested_args(book, report) -> list[str]:
    _disputes_setup().contested(book)
    return [book.claim.number]


def _dispute_args(stage: str) -> Callable[[Any, Any], list[Any]]:
    def args(book, report) -> list[Any]:
        setup = _disputes_setup()
        dispute = setup.under_review(book) if stage == "review" else setup.liability_dispute(book)
        return [book.claim.number, dispute.pk]

    return args


def _latest(model_name: str) -> int:
    from opencomp.disputes import models

    return getattr(models, model_name).objects.latest("pk").pk


def _hearing_args(stage: str) -> Callable[[Any, Any], list[Any]]:
    def args(book, report) -> list[Any]:
        setup = _disputes_setup()
        if stage == "held":
            held = setup.held_with_order(book)
            return [book.claim.number, held.pk, held.orders.get().pk]
        starts_at = setup.NEXT_WEEK if stage == "next_week" else setup.HEARD_AT
        return [book.claim.number, setup.hearing(book, starts_at=starts_at).pk]

    return args


def _offer_args(stage: str) -> Callable[[Any, Any], list[Any]]:
    def args(book, report) -> list[Any]:
        from opencomp.disputes.settlement_services import settlement_approval_decide, settlement_offer_make

        offer = _disputes_setup().offer(book)
        if stage in {"approved", "offered"}:
            offer = settlement_approval_decide(actor=book.users["supervisor"], offer=offer, approve=True)
        if stage == "offered":
            settlement_offer_make(actor=book.users["adjuster"], offer=offer, offered_on=dt.date(2026, 11, 2))
        return [book.claim.number, offer.pk]

    return args


def _prefixed(prefix: str, model_name: str, **data: Any) -> Callable[[Any, Any], dict[str, Any]]:
    def build(book, report) -> dict[str, Any]:
        pk = _latest(model_name)
        return {f"{prefix}-{pk}-{k}": v(book) if callable(v) else v for k, v in data.items()}

    return build


def _new_dispute(book, report) -> dict[str, Any]:
    seq = _disputes_setup().decision_of(book.claim).seq
    return {
        "dispute-kind": "liability",
        "dispute-decision_seq": seq,
        "dispute-raised_by": "worker",
        "dispute-raised_on": "2026-11-02",
        "dispute-grounds": "She was lifting at work.",
    }


def _comply_data(book, report) -> dict[str, Any]:
    return {f"comply-{_latest('HearingOrder')}-complied_on": "2026-11-02"}


ENDPOINTS.update(
    {
        "claim_letters": (_claim_args, lambda book, report: {}),
        "claim_letter_prepare": (_contested_letter_args, _letter_issue_data),
        "claim_letter_preview_html": (_contested_letter_args, lambda book, report: {}),
        "claim_letter_preview_pdf": (_contested_letter_args, lambda book, report: {}),
        "claim_work_status": (_claim_args, lambda book, report: {}),
        "claim_work_status_record": (
            _claim_args,
            lambda book, report: {
                "status-kind": "rtw_pass",
                "status-examined_on": "2026-10-22",
                "status-valid_from": "2026-10-22",
                "status-capacity": "partial",
                "status-lifting": "20",
                "status-provider_name": "Dr Jo Reyes",
            },
        ),
        "osha_index": (lambda book, report: [], lambda book, report: {}),
        "osha_log": (lambda book, report: [book.establishment.pk, 2025], lambda book, report: {}),
        "osha_download": (
            lambda book, report: [book.establishment.pk, 2025, "privacy-list.csv"],
            lambda book, report: {},
        ),
        "claim_triage": (_claim_args, lambda book, report: {}),
        "claim_triage_record": (
            _claim_args,
            lambda book, report: {
                "triage-occasion": "first_contact",
                "triage-injury_type": "soft_tissue",
                "triage-psychosocial_flags": ["distress"],
            },
        ),
        "claim_consent": (_claim_args, lambda book, report: {}),
        "claim_consent_give": (
            _claim_args,
            lambda book, report: {
                "consent-given_by": "worker",
                "consent-given_on": "2026-10-22",
                "consent-method": "signed_form",
                "consent-categories": ["certificate"],
                "consent-recipients": ["employer"],
                "consent-purpose": "Return to work planning",
            },
        ),
        "claim_consent_withdraw": (_consent_args, _withdraw_data),
        "claim_disclosure_record": (
            lambda book, report: _consent_args(book, report)[:1],
            lambda book, report: {
                "disclosure-category": "certificate",
                "disclosure-recipient": "employer",
                "disclosure-recipient_name": "Acme Fabrication",
                "disclosure-channel": "email",
                "disclosure-disclosed_on": "2026-10-28",
                "disclosure-description": "Certificate of 27 Oct",
            },
        ),
        "claim_access_request_add": (
            _claim_args,
            lambda book, report: {
                "request-received_on": "2026-10-29",
                "request-from_party": "worker",
                "request-description": "My file",
            },
        ),
        "claim_access_request_complete": (_access_request_args, _complete_data),
        "claim_disputes": (_contested_args, _new_dispute),
        "dispute_review_start": (
            _dispute_args("open"),
            _prefixed("review", "Dispute", reviewer=lambda book: book.users["adjuster2"].pk),
        ),
        "dispute_review_record": (
            _dispute_args("review"),
            _prefixed("outcome", "Dispute", outcome="upheld", reasons="The contest stands."),
        ),
        "dispute_escalate": (
            _dispute_args("open"),
            _prefixed("escalate", "Dispute", to="Division of Administrative Hearings", on="2026-11-02"),
        ),
        "dispute_close": (
            _dispute_args("open"),
            _prefixed("close", "Dispute", status="withdrawn", note="Worker withdrew", on="2026-11-02"),
        ),
        "claim_hearing_schedule": (
            _claim_args,
            lambda book, report: {
                "hearing-forum": "co_alj_hearing",
                "hearing-starts_at": "2026-11-09T09:00",
                "hearing-location": "1525 Sherman St, Denver",
                "hearing-rep_1_name": "Lee Ortiz",
                "hearing-rep_1_side": "worker",
            },
        ),
        "hearing_adjourn": (
            _hearing_args("next_week"),
            _prefixed("adjourn", "Hearing", to_starts_at="2026-11-23T09:00", reason="Judge ill"),
        ),
        "hearing_cancel": (_hearing_args("past"), _prefixed("cancel", "Hearing", reason="Settled")),
        "hearing_outcome": (
            _hearing_args("past"),
            _prefixed(
                "held",
                "Hearing",
                outcome="Bills to be paid",
                order_1_description="Pay the bills",
                order_1_due_on="2026-11-16",
            ),
        ),
        "hearing_order_comply": (_hearing_args("held"), _comply_data),
        "claim_settlement_draft": (
            _claim_args,
            lambda book, report: {"offer-amount": "25000.00", "offer-terms": "Full and final settlement"},
        ),
        "settlement_approve": (
            _offer_args("drafted"),
            _prefixed("approve", "SettlementOffer", decision="approve"),
        ),
        "settlement_make": (
            _offer_args("approved"),
            _prefixed("make", "SettlementOffer", offered_on="2026-11-02"),
        ),
        "settlement_respond": (
            _offer_args("offered"),
            _prefixed("respond", "SettlementOffer", response="accepted", responded_on="2026-11-02"),
        ),
        "settlement_withdraw": (
            _offer_args("drafted"),
            _prefixed("withdraw", "SettlementOffer", reason="Resolved"),
        ),
    }
)


def _complaint_step_args(book, report) -> list[Any]:
    """A complaint escalated to stage 2 on the book's claim (stage 1 decided by the adjuster)."""
    from opencomp.complaints.services import complaint_escalate, complaint_receive, complaint_stage_1_decide

    adjuster = book.users["adjuster"]
    complaint = complaint_receive(
        actor=adjuster,
        claim=book.claim,
        complainant_kind="worker",
        complainant_name="Maria Lopez",
        received_on=dt.date(2026, 10, 28),
        channel="phone",
        subject="Payment late",
        details="The weekly payment has not arrived.",
    )
    complaint = complaint_stage_1_decide(
        actor=adjuster, complaint=complaint, outcome="Reissued", decided_on=dt.date(2026, 10, 29)
    )
    complaint_escalate(
        actor=adjuster, complaint=complaint, escalated_on=dt.date(2026, 10, 30), reason="Not satisfied"
    )
    return [book.claim.number, complaint.pk, "final"]


def _complaint_final_data(book, report) -> dict[str, Any]:
    from opencomp.complaints.models import Complaint

    prefix = f"c{Complaint.objects.latest('pk').pk}-final"
    return {f"{prefix}-decision": "Upheld; interest paid", f"{prefix}-decided_on": "2026-11-02"}


def _nsw_claim_args(state: str) -> Callable[[Any, Any], list[str]]:
    def args(book, report) -> list[str]:
        from opencomp.finalisation.services import claim_close, claim_reopen
        from opencomp.finalisation.tests.setup import ready_to_close

        claim = ready_to_close(book)
        if state in {"closed", "reopened"}:
            claim = claim_close(
                actor=book.users["other_adjuster"],
                claim=claim,
                to_status="closed",
                reason="pre_injury_duties",
            )
        if state == "reopened":
            claim_reopen(
                actor=book.users["other_adjuster"],
                claim=claim,
                kind="recurrence",
                notified_on=dt.date(2026, 10, 30),
                evidence="New certificate",
            )
        return [claim.number]

    return args


ENDPOINTS.update(
    {
        "claim_complaints": (
            _claim_args,
            lambda book, report: {
                "complainant_kind": "employer",
                "complainant_name": "Acme HR",
                "received_on": "2026-10-29",
                "channel": "email",
                "subject": "No reply",
                "details": "Emails unanswered for two weeks.",
            },
        ),
        "claim_complaint_step": (_complaint_step_args, _complaint_final_data),
        "claim_close": (
            _nsw_claim_args("ready"),
            lambda book, report: {"to_status": "closed", "reason": "pre_injury_duties"},
        ),
        "claim_close_intention": (
            _claim_args,
            lambda book, report: {
                "intention-party": "worker",
                "intention-advised_on": "2026-10-30",
                "intention-channel": "phone",
            },
        ),
        "claim_reopen": (
            _nsw_claim_args("closed"),
            lambda book, report: {
                "kind": "aggravation",
                "notified_on": "2026-10-30",
                "evidence": "Doctor's report",
            },
        ),
        "claim_recurrence_determine": (
            _nsw_claim_args("reopened"),
            lambda book, report: {
                "determination-outcome": "accepted",
                "determination-decided_on": "2026-10-30",
                "determination-further_treatment_required": "yes",
                "determination-reasons": "Recurrence confirmed by the treating doctor",
            },
        ),
    }
)


def _treatment_args(book, report) -> list[Any]:
    from opencomp.treatment.services import treatment_request_record

    request = treatment_request_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        service="psychology",
        treatments=6,
        estimated_cost=Decimal("900.00"),
        requested_on=dt.date(2026, 10, 22),
        received_on=dt.date(2026, 10, 23),
        provider_name="Dr Lee Psychology",
        diagnosis_codes=["F43.10"],
    )
    return [book.claim.number, request.pk]


ENDPOINTS.update(
    {
        "claim_treatment": (_claim_args, lambda book, report: {}),
        "claim_treatment_record": (
            _claim_args,
            lambda book, report: {
                "treatment-service": "physiotherapy",
                "treatment-provider_name": "Front Range Physio",
                "treatment-treatments": "12",
                "treatment-estimated_cost": "1200.00",
                "treatment-requested_on": "2026-10-22",
                "treatment-received_on": "2026-10-23",
                "treatment-diagnosis_codes": "S33.5XXA, M54.50",
            },
        ),
        "claim_treatment_acknowledge": (
            _treatment_args,
            lambda book, report: {f"ack-{_latest_treatment()}-note": "Received"},
        ),
        "claim_treatment_decide": (
            _treatment_args,
            lambda book, report: {
                f"decide-{_latest_treatment()}-decision": "approved",
                f"decide-{_latest_treatment()}-reasons": "Reasonably necessary",
            },
        ),
        "icd10cm_options": (_no_args, lambda book, report: {"q": "S33.5"}),
    }
)


def _md_setup(book, state: str) -> int:
    """Restrictions on the book's claim and, by ``state``, an offered or running assignment or a search."""
    from opencomp.claims.services import claim_event_append
    from opencomp.parties.models import Worker
    from opencomp.rtw.services import duty_search_start, modified_duty_accept, modified_duty_offer
    from opencomp.workstatus.services import work_status_record

    adjuster = book.users["adjuster"]
    if state == "search":
        claim_event_append(
            actor=adjuster, claim=book.claim, kind="mmi.recorded", payload={"mmi_date": "2026-11-01"}
        )
        return duty_search_start(
            actor=adjuster,
            claim=book.claim,
            job_classification="Machine operator",
            permanent_restrictions="No lifting over 15 lb.",
            started_on=dt.date(2026, 11, 2),
        ).pk
    Worker.objects.filter(pk=book.worker.pk).update(
        street="12 Elm St", city="Denver", region="CO", postcode="80203"
    )
    work_status_record(
        actor=adjuster,
        claim=book.claim,
        kind="rtw_pass",
        examined_on=dt.date(2026, 10, 22),
        valid_from=dt.date(2026, 10, 22),
        capacity="partial",
        restrictions=[{"kind": "lifting", "limit": "20"}],
        provider_name="Dr Jo Reyes",
    )
    if state == "restrictions":
        return 0
    assignment = modified_duty_offer(
        actor=adjuster,
        claim=book.claim,
        position="Records clerk",
        duties="Filing",
        department="Fleet Maintenance",
        hours_per_day="6",
        days_per_week="5",
        weekly_earnings="600.00",
        start_on=dt.date(2026, 11, 2),
        tracking_number="9407 1000 0000 0000 0000 01",
    )
    if state == "running":
        modified_duty_accept(
            actor=adjuster, assignment=assignment, accepted_on=dt.date(2026, 11, 2), start_tpd=False
        )
    return assignment.pk


def _md_args(state: str) -> Callable[[Any, Any], list[Any]]:
    def args(book, report) -> list[Any]:
        pk = _md_setup(book, state)
        return [book.claim.number] if state == "restrictions" else [book.claim.number, pk]

    return args


def _md_pk() -> int:
    from opencomp.rtw.models import ModifiedDutyAssignment

    return ModifiedDutyAssignment.objects.latest("pk").pk


def _search_pk() -> int:
    from opencomp.rtw.models import DutySearch

    return DutySearch.objects.latest("pk").pk


ENDPOINTS.update(
    {
        "claim_modified_duty": (_claim_args, lambda book, report: {}),
        "claim_modified_duty_offer": (
            _md_args("restrictions"),
            lambda book, report: {
                "offer-position": "Records clerk",
                "offer-duties": "Scanning and filing work orders.",
                "offer-department": "Fleet Maintenance",
                "offer-hours_per_day": "6",
                "offer-days_per_week": "5",
                "offer-weekly_earnings": "600.00",
                "offer-start_on": "2026-11-02",
                "offer-lifting": "10",
                "offer-delivery_method": "certified_mail",
                "offer-tracking_number": "9407 1000 0000 0000 0000 01",
                "offer-copy_employer": "on",
            },
        ),
        "claim_modified_duty_delivery": (
            _md_args("offered"),
            lambda book, report: {
                f"delivery-{_md_pk()}-delivered_on": "2026-11-02",
                f"delivery-{_md_pk()}-signed_by": "Maria Lopez",
            },
        ),
        "claim_modified_duty_accept": (
            _md_args("offered"),
            lambda book, report: {
                f"accept-{_md_pk()}-accepted_on": "2026-11-02",
                f"accept-{_md_pk()}-payment_method": "cheque",
            },
        ),
        "claim_modified_duty_refuse": (
            _md_args("offered"),
            lambda book, report: {
                f"refuse-{_md_pk()}-refused_on": "2026-11-02",
                f"refuse-{_md_pk()}-reason": "Too far",
            },
        ),
        "claim_modified_duty_review": (
            _md_args("running"),
            lambda book, report: {
                f"review-{_md_pk()}-reviewed_on": "2026-11-02",
                f"review-{_md_pk()}-kind": "periodic",
            },
        ),
        "claim_modified_duty_extend": (
            _md_args("running"),
            lambda book, report: {
                f"extend-{_md_pk()}-limit_on": "2027-06-30",
                f"extend-{_md_pk()}-reason": "Surgery pending",
            },
        ),
        "claim_modified_duty_end": (
            _md_args("running"),
            lambda book, report: {
                f"end-{_md_pk()}-ended_on": "2026-11-02",
                f"end-{_md_pk()}-reason": "worker_left",
            },
        ),
        "claim_duty_search_start": (
            lambda book, report: _md_args("search")(book, report)[:1],
            lambda book, report: {
                "search-job_classification": "Machine operator",
                "search-permanent_restrictions": "No lifting over 15 lb.",
                "search-started_on": "2026-11-02",
                "search-lifting": "15",
            },
        ),
        "claim_duty_search_candidate": (
            _md_args("search"),
            lambda book, report: {
                f"candidate-{_search_pk()}-position": "Dispatcher",
                f"candidate-{_search_pk()}-department": "Fleet",
            },
        ),
        "claim_duty_search_conclude": (
            _md_args("search"),
            lambda book, report: {
                f"conclude-{_search_pk()}-outcome": "no_position",
                f"conclude-{_search_pk()}-concluded_on": "2026-11-02",
                f"conclude-{_search_pk()}-note": "Nothing within 15 lb",
            },
        ),
    }
)


def _latest_treatment() -> int:
    from opencomp.treatment.models import TreatmentRequest

    return TreatmentRequest.objects.latest("pk").pk


def _rtw_plan_args(book, report) -> list[Any]:
    from opencomp.plans.services import plan_create

    version = plan_create(
        actor=book.users["adjuster"],
        claim=book.claim,
        kind="return_to_work",
        issued_on=dt.date(2026, 10, 30),
        goal="Back to full duties",
        review_on=dt.date(2026, 11, 13),
        duties=["Bench work"],
        supervisor="Pat Reed",
        starts_on=dt.date(2026, 11, 2),
    )
    return [book.claim.number, version.plan_id]


def _plan_data(prefix: str, *, new: bool = False, **extra: str) -> Callable[[Any, Any], dict[str, Any]]:
    """Form data under ``prefix`` and the latest plan's id (``new``: the plain prefix of the create form)."""

    def build(book, report) -> dict[str, Any]:
        from opencomp.plans.models import Plan

        name = prefix if new else f"{prefix}{Plan.objects.latest('pk').pk}"
        return {f"{name}-{k}": v for k, v in extra.items()}

    return build


RTW_FORM = {
    "kind": "return_to_work",
    "issued_on": "2026-10-30",
    "goal": "Back to full duties",
    "review_on": "2026-11-13",
    "duties": "Bench work",
    "hours": "1 4 5",
    "supervisor": "Pat Reed",
    "starts_on": "2026-11-02",
}


def _nsw_evidence(book) -> int:
    import io

    from opencomp.documents.services import document_upload
    from opencomp.documents.tests import samples

    return document_upload(
        actor=book.users["other_adjuster"],
        claim=book.other_claim,
        category="medical_report",
        title="Functional capacity report",
        file_name="report.pdf",
        content=io.BytesIO(samples.PDF),
    ).pk


def _nsw_decision_args(book, report) -> list[Any]:
    from opencomp.plans.services import work_capacity_decide

    decision = work_capacity_decide(
        actor=book.users["other_adjuster"],
        claim=book.other_claim,
        types=["a"],
        decided_on=dt.date(2026, 10, 30),
        capacity="partial",
        effect="no_change",
        reasons="Fit for suitable duties",
        evidence_ids=[_nsw_evidence(book)],
    )
    return [book.other_claim.number, decision.pk]


def _decision_data(book, report) -> dict[str, Any]:
    return {
        "decision-types": ["a"],
        "decision-decided_on": "2026-10-30",
        "decision-capacity": "partial",
        "decision-effect": "no_change",
        "decision-reasons": "Fit for suitable duties",
        "decision-evidence_ids": [str(_nsw_evidence(book))],
    }


def _notice_data(book, report) -> dict[str, Any]:
    from opencomp.plans.models import WorkCapacityDecision

    pk = WorkCapacityDecision.objects.latest("pk").pk
    return {f"notice{pk}-worker_address": "3 Harbour Street\nSydney NSW 2000"}


def _designated_args(book, report) -> list[Any]:
    from opencomp.physicians.services import treating_doctor_designate

    treating_doctor_designate(
        actor=book.users["adjuster"],
        claim=book.claim,
        doctor_name="Dr Jo Reyes",
        from_date=dt.date(2026, 10, 20),
        how_chosen="designated",
    )
    return [book.claim.number]


def _change_args(book, report) -> list[Any]:
    from opencomp.physicians.services import physician_change_request

    _designated_args(book, report)
    change = physician_change_request(
        actor=book.users["adjuster"],
        claim=book.claim,
        doctor_name="Dr Sam Ortiz",
        received_on=dt.date(2026, 10, 26),
    )
    return [book.claim.number, change.pk]


def _ime_args(book, report) -> list[Any]:
    from opencomp.physicians.services import ime_refer

    referral = ime_refer(
        actor=book.users["adjuster"],
        claim=book.claim,
        doctor_name="Dr Helen Marsh",
        specialty="Orthopaedics",
        purpose="Causation",
        appointment_at=dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC),
        place="Denver",
        notice_given_on=dt.date(2026, 11, 2),
    )
    return [book.claim.number, referral.pk]


def _imc_args(book, report) -> list[Any]:
    from opencomp.physicians.services import imc_refer

    referral = imc_refer(
        actor=book.users["adjuster"],
        claim=book.claim,
        consultant_name="Dr Ian Cole",
        reason="Delayed recovery",
        referred_on=dt.date(2026, 10, 30),
        worker_and_doctor_told=True,
    )
    return [book.claim.number, referral.pk]


def _latest_pk(model_name: str) -> int:
    from opencomp.physicians import models

    return getattr(models, model_name).objects.latest("pk").pk


ENDPOINTS.update(
    {
        "claim_plans": (_claim_args, lambda book, report: {}),
        "claim_plan_create": (_claim_args, _plan_data("plan", new=True, **RTW_FORM)),
        "claim_plan_revise": (_rtw_plan_args, _plan_data("plan", **RTW_FORM, changes="Hours up")),
        "claim_plan_share": (
            _rtw_plan_args,
            _plan_data("share", worker_address="12 Elm Street", employer_address="1 Plant Road"),
        ),
        "claim_plan_sign_off": (
            _rtw_plan_args,
            _plan_data("signoff", party="worker", name="Maria Lopez", signed_on="2026-10-30"),
        ),
        "claim_decision_create": (lambda book, report: [book.other_claim.number], _decision_data),
        "claim_decision_notice": (_nsw_decision_args, _notice_data),
        "claim_physicians": (_designated_args, lambda book, report: {}),
        "claim_treating_doctor": (
            _claim_args,
            lambda book, report: {
                "designate-doctor_name": "Dr Jo Reyes",
                "designate-from_date": "2026-10-20",
                "designate-how_chosen": "designated",
            },
        ),
        "claim_physician_change": (
            _designated_args,
            lambda book, report: {"change-doctor_name": "Dr Sam Ortiz", "change-received_on": "2026-10-26"},
        ),
        "claim_physician_change_decide": (
            _change_args,
            lambda book, report: {
                f"change-{_latest_pk('PhysicianChangeRequest')}-decision": "approved",
                f"change-{_latest_pk('PhysicianChangeRequest')}-reasons": "Closer to home",
                f"change-{_latest_pk('PhysicianChangeRequest')}-effective_on": "2026-11-01",
            },
        ),
        "claim_mmi": (
            _claim_args,
            lambda book, report: {"mmi-mmi_date": "2026-10-30", "mmi-physician_name": "Dr Jo Reyes"},
        ),
        "claim_impairment": (
            _claim_args,
            lambda book, report: {
                "rating-percent": "12.5",
                "rating-basis": "whole_person",
                "rating-rater_name": "Dr Level II",
                "rating-rated_on": "2026-10-30",
            },
        ),
        "claim_ime": (
            _claim_args,
            lambda book, report: {
                "ime-doctor_name": "Dr Helen Marsh",
                "ime-specialty": "Orthopaedics",
                "ime-purpose": "Causation",
                "ime-appointment_on": "2026-11-20",
                "ime-appointment_time": "10:00",
                "ime-place": "Denver",
                "ime-notice_given_on": "2026-11-02",
            },
        ),
        "claim_ime_outcome": (
            _ime_args,
            lambda book, report: {
                f"ime-{_latest_pk('ImeReferral')}-outcome": "cancelled",
                f"ime-{_latest_pk('ImeReferral')}-note": "Worker unwell",
            },
        ),
        "claim_imc": (
            _claim_args,
            lambda book, report: {
                "imc-consultant_name": "Dr Ian Cole",
                "imc-reason": "Delayed recovery",
                "imc-referred_on": "2026-10-30",
                "imc-worker_and_doctor_told": "on",
            },
        ),
        "claim_imc_outcome": (
            _imc_args,
            lambda book, report: {
                f"imc-{_latest_pk('ImcReferral')}-outcome": "Upgrade agreed",
                f"imc-{_latest_pk('ImcReferral')}-on": "2026-11-02",
            },
        ),
    }
)


WRITTEN = (Claim, ClaimEvent, Incident, InjuryReport, SupervisorReport, DrugAlcoholTest, AuditEntry)


def _written() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in WRITTEN}


def _prepare(name: str, book, report) -> tuple[str, dict[str, Any]]:
    """The URL and the data of a request; building them may set up what the request acts on."""
    args_for, data_for = ENDPOINTS[name]
    return reverse(f"web:{name}", args=args_for(book, report)), data_for(book, report)


def test_matrix_has_a_column_for_every_role_of_the_book(book):
    # given / when
    roles = set(COLUMNS) - {"anonymous"}

    # then
    assert roles == set(book.users)


def test_matrix_has_a_row_for_every_web_url():
    # given
    url_names = {pattern.name for pattern in web_urls.urlpatterns}

    # when
    listed = {name for name, _method in MATRIX}

    # then
    assert listed == url_names
    assert set(ENDPOINTS) == url_names


@pytest.mark.parametrize(("name", "method", "role", "expected"), _cases())
def test_permission_matrix(name, method, role, expected, book, report, login):
    # given
    client = login(None if role == "anonymous" else role)
    url, data = _prepare(name, book, report)
    before = _written()

    # when
    response = (client.get if method == "GET" else client.post)(url, data)

    # then
    location = response.get("Location", "")
    if expected == "L":
        assert response.status_code == 302
        assert location.startswith("/login/?next=")
    elif expected == "D":
        assert response.status_code == 302
        assert not location.startswith("/login/")
    elif expected == "F":
        assert response.status_code == 200
        assert response.context["form"].errors
    else:
        assert response.status_code == int(expected)
    if method == "POST" and expected != "D":
        assert _written() == before
    if method == "POST" and expected == "D":
        assert _written() != before


def _unlisted_methods() -> list[Any]:
    return [
        pytest.param(pattern.name, method, id=f"{pattern.name}-{method}")
        for pattern in web_urls.urlpatterns
        for method in ("GET", "POST", "PUT", "DELETE")
        if (pattern.name, method) not in MATRIX
    ]


@pytest.mark.parametrize(("name", "method"), _unlisted_methods())
def test_methods_missing_from_the_matrix_are_refused(name, method, book, report, login):
    # given
    client = login("admin")
    url, _data = _prepare(name, book, report)
    before = _written()

    # when
    response = client.generic(method, url)

    # then
    assert response.status_code == 405
    assert _written() == before
