"""Wage reimbursement schedules through the API: JSON, CSV upload, decision, reimbursement, queue.

The book's NSW claim is set up by the permission matrix's ``wrs_path``: injured Monday
14 October 2024, week-1 rate $1,425.00 (95% of PIAWE $1,500.00) from Tuesday 15 October.
"""

from __future__ import annotations

from opencomp.api.tests.conftest import Upload
from opencomp.api.tests.test_permission_matrix import wrs_path
from opencomp.payments.models import LedgerEntry
from opencomp.payments.models_reimbursements import WageReimbursement

CSV = (
    "Weeks paid,From,To,Earnings,Hours worked,Reimbursement\n"
    '1,15/10/2024,21/10/2024,,0,"$1,425.00"\n'
    '2,22/10/2024,28/10/2024,$300.00,12,"$1,200.00"\n'
)


def test_a_csv_schedule_is_uploaded_decided_and_reimbursed(api, book):
    path = wrs_path(book, "wage-reimbursements/csv")

    sent = api.post(path, Upload("wrs.csv", CSV.encode()), as_="other_employer_coordinator")

    assert sent.status == 201, sent.body
    wrs = sent.body
    assert (wrs["channel"], wrs["status"], wrs["amount_claimed"]) == ("csv", "submitted", "2625.00")
    # received Tuesday 3 November 2026 in Sydney (the book's clock is Monday 15:00 UTC): ten business days
    assert (wrs["received_on"], wrs["due_date"]) == ("2026-11-03", "2026-11-17")
    assert [w["weekly_rate"] for w in wrs["weeks"]] == ["1425.00", "1425.00"]

    decided = api.post(f"wage-reimbursements/{wrs['id']}/decision", {}, as_="other_adjuster")
    assert decided.status == 200, decided.body
    assert (decided.body["status"], decided.body["amount_approved"]) == ("partly_approved", "2550.00")
    assert [w["amount_allowed"] for w in decided.body["weeks"]] == ["1425.00", "1125.00"]

    paid = api.post(
        f"wage-reimbursements/{wrs['id']}/reimbursement", {"method": "cheque"}, as_="other_adjuster"
    )
    assert paid.status == 200, paid.body
    assert paid.body["status"] == "reimbursed"
    entry = LedgerEntry.objects.get(pk=paid.body["entry_id"])
    assert (entry.payee_name, entry.method, entry.idempotency_key) == (
        "Blue Gum Logistics",
        "cheque",
        f"wrs:{wrs['id']}",
    )

    again = api.post(f"wage-reimbursements/{wrs['id']}/reimbursement", {}, as_="other_adjuster")
    assert again.status == 409
    assert LedgerEntry.objects.filter(kind="payment").count() == 1


def test_a_bad_csv_cell_is_named_by_row_and_column_and_nothing_is_recorded(api, book):
    path = wrs_path(book, "wage-reimbursements/csv")
    bad = CSV.replace("$300.00", "three hundred").replace("22/10/2024", "2024-10-23")

    reply = api.post(path, Upload("wrs.csv", bad.encode()), as_="other_employer_coordinator")

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["row 3, earnings"]
    assert WageReimbursement.objects.count() == 0


def test_a_week_off_the_cycle_is_named_by_row_after_the_file_is_read(api, book):
    path = wrs_path(book, "wage-reimbursements/csv")
    bad = CSV.replace("22/10/2024,28/10/2024", "23/10/2024,29/10/2024")

    reply = api.post(path, Upload("wrs.csv", bad.encode()), as_="other_employer_coordinator")

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["row 3, week_from"]
    assert "runs Tue 22 Oct 2024 – Mon 28 Oct 2024" in reply.body["errors"][0]["message"]
    assert WageReimbursement.objects.count() == 0


def test_a_json_week_error_names_its_index(api, book):
    path = wrs_path(book)
    weeks = [
        {"week_number": 1, "week_from": "2024-10-15", "week_to": "2024-10-21", "amount_claimed": "1425.00"},
        {"week_number": 2, "week_from": "2024-10-22", "week_to": "2024-10-27", "amount_claimed": "1425.00"},
    ]

    reply = api.post(path, {"weeks": weeks}, as_="other_employer_coordinator")

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["weeks.1.week_to"]


def test_the_queue_lists_open_schedules_with_a_count(api, book):
    path = wrs_path(book)
    week = {"week_number": 1, "week_from": "2024-10-15", "week_to": "2024-10-21", "amount_claimed": "1425.00"}
    assert api.post(path, {"weeks": [week]}, as_="other_employer_coordinator").status == 201

    mine = api.get("wage-reimbursements", as_="other_adjuster", limit=1)
    theirs = api.get("wage-reimbursements", as_="adjuster")

    assert (mine.status, mine.body["count"], len(mine.body["items"])) == (200, 1, 1)
    assert mine.body["items"][0]["claim_number"] == book.other_claim.number
    assert theirs.body == {"count": 0, "items": []}
