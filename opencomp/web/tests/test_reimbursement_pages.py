"""Wage reimbursement pages: the employer sends a schedule, the adjuster decides and reimburses it."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opencomp.payments.models import LedgerEntry
from opencomp.payments.models_reimbursements import WageReimbursement
from opencomp.payments.tests.reimbursement_setup import wrs_claim_ready, wrs_sent

CSV = (
    "Weeks paid,From,To,Earnings,Hours worked,Reimbursement\n"
    '1,15/10/2024,21/10/2024,,0,"$1,425.00"\n'
    '2,22/10/2024,28/10/2024,$300.00,12,"$1,200.00"\n'
)


def _submit_url(claim) -> str:
    return reverse("web:claim_reimbursement_submit", args=[claim.number])


def test_the_employer_uploads_a_csv_and_sees_the_schedule(book, login):
    claim = wrs_claim_ready(book)
    client = login("other_employer_coordinator")

    page = client.get(_submit_url(claim))
    assert page.status_code == 200
    assert "Upload a CSV file" in page.content.decode()
    first = page.context["formset"].forms[0]  # filled with the next week the claim can be reimbursed for
    assert (first.initial["week_number"], str(first.initial["week_from"])) == (1, "2024-10-15")

    reply = client.post(_submit_url(claim), {"upload-file": SimpleUploadedFile("wrs.csv", CSV.encode())})

    wrs = WageReimbursement.objects.get()
    assert reply.status_code == 302
    assert reply["Location"] == reverse("web:reimbursement_detail", args=[wrs.pk])
    assert (wrs.channel, wrs.amount_claimed) == ("csv", 2625)
    detail = client.get(reply["Location"]).content.decode()
    assert "Waiting for review" in detail
    assert "$1425.00" in detail
    assert "Decide" not in detail  # the employer does not decide


def test_a_bad_csv_shows_each_row_and_column_and_records_nothing(book, login):
    claim = wrs_claim_ready(book)
    client = login("other_employer_coordinator")
    bad = CSV.replace("$300.00", "lots").replace('"$1,425.00"', "-3")

    reply = client.post(_submit_url(claim), {"upload-file": SimpleUploadedFile("wrs.csv", bad.encode())})

    assert reply.status_code == 200
    errors = reply.context["upload_form"].non_field_errors()
    assert list(errors) == [
        "row 2, amount_claimed: must not be negative",
        "row 3, earnings: must be an amount such as 1425.00 or $1,425.00",
    ]
    assert WageReimbursement.objects.count() == 0


def test_a_week_row_error_is_shown_on_its_field(book, login):
    claim = wrs_claim_ready(book)
    client = login("other_employer_coordinator")
    data = {
        "weeks-TOTAL_FORMS": "2",
        "weeks-INITIAL_FORMS": "0",
        "weeks-0-week_number": "1",
        "weeks-0-week_from": "2024-10-15",
        "weeks-0-week_to": "2024-10-20",
        "weeks-0-amount_claimed": "1425.00",
    }

    reply = client.post(_submit_url(claim), data)

    assert reply.status_code == 200
    assert reply.context["formset"].forms[0].errors["week_to"] == [
        "must be 2024-10-21: the schedule is in 7-day entitlement weeks"
    ]
    assert WageReimbursement.objects.count() == 0


def test_the_adjuster_decides_and_reimburses_from_the_schedule_page(book, login):
    wrs = wrs_sent(book)
    client = login("other_adjuster")

    decided = client.post(reverse("web:reimbursement_decide", args=[wrs.pk]), {"decide-decision": "review"})
    assert decided.status_code == 302
    paid = client.post(reverse("web:reimbursement_reimburse", args=[wrs.pk]), {"reimburse-method": "cheque"})
    assert paid.status_code == 302

    wrs.refresh_from_db()
    assert (wrs.status, wrs.amount_approved) == ("reimbursed", 1425)
    assert LedgerEntry.objects.get(kind="payment").payee_name == "Blue Gum Logistics"
    financials = client.get(reverse("web:claim_financials", args=[wrs.claim.number])).content.decode()
    assert "Wage reimbursements" in financials
    assert f"#{wrs.pk}" in financials
    assert "Reimbursed" in financials


def test_rejecting_needs_a_reason_shown_on_the_form(book, login):
    wrs = wrs_sent(book)
    client = login("other_adjuster")

    reply = client.post(reverse("web:reimbursement_decide", args=[wrs.pk]), {"decide-decision": "reject"})

    assert reply.status_code == 200
    assert reply.context["decide_form"].errors["note"] == ["Say why the schedule is rejected"]
    wrs.refresh_from_db()
    assert wrs.status == "submitted"


def test_the_queue_lists_what_is_due_on_the_users_claims(book, login):
    wrs = wrs_sent(book)

    mine = login("other_adjuster").get(reverse("web:reimbursement_queue")).content.decode()
    assert f"#{wrs.pk}" in mine
    assert "17 Nov 2026" in mine


def test_a_co_claims_financials_page_has_no_wage_reimbursements_card(book, login):
    page = login("adjuster").get(reverse("web:claim_financials", args=[book.claim.number])).content.decode()
    assert "Wage reimbursements" not in page
