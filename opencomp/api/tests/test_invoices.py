"""Provider invoices through the API: record, review, decide, pay (posted or waiting), the register.

The book's clock stands at Monday 2 Nov 2026; its CO claim was injured on 20 Oct 2026 and has a $10,000
medical reserve. The adjuster may pay up to $500.00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.payments.models import Authority
from opencomp.payments.models_invoices import ProviderInvoice
from opencomp.payments.services import approval_decide, reserve_set

INVOICE = {
    "provider_name": "Front Range Physio",
    "invoice_number": "FRP-1042",
    "received_on": "2026-10-30",
    "total": "300.00",
    "lines": [
        {
            "service_date": "2026-10-22",
            "item_code": "PT01",
            "description": "Assessment",
            "amount_claimed": "180.00",
        },
        {
            "service_date": "2026-10-27",
            "item_code": "PT02",
            "description": "Treatment",
            "units": "2",
            "amount_claimed": "120.00",
        },
    ],
}


@pytest.fixture
def claim(book):
    for key, pay in (("adjuster", "500.00"), ("supervisor", "50000.00")):
        Authority.objects.create(
            user=book.users[key],
            payment_limit=Decimal(pay),
            reserve_limit=Decimal("50000.00"),
            set_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        )
    reserve_set(
        actor=book.users["admin"],
        claim=book.claim,
        category="medical",
        amount=Decimal("10000.00"),
        reason="Initial",
    )
    return book.claim


def fields(reply) -> list[str]:
    return [e["field"] for e in reply.body["errors"]]


def record(api, claim, body=INVOICE):
    reply = api.post(f"claims/{claim.number}/invoices", body, as_="adjuster")
    assert reply.status == 201, reply.body
    return reply.body


def test_an_invoice_from_receipt_to_payment(api, book, claim):
    # record
    invoice = record(api, claim)
    assert (invoice["status"], invoice["amount_claimed"], invoice["service_to"]) == (
        "received",
        "300.00",
        "2026-10-27",
    )
    assert "No fee schedule is held" in invoice["fee_schedule"]
    assert [line["units"] for line in invoice["lines"]] == ["1.00", "2.00"]
    path = f"invoices/{invoice['id']}"

    # review: 180.00 and 90.00 of 120.00; no treatment request is approved, so both are flagged
    reviewed = api.post(
        f"{path}/review",
        {"lines": [{"amount_approved": "180.00"}, {"amount_approved": "90.00"}]},
        as_="adjuster",
    )
    assert reviewed.status == 200, reviewed.body
    assert [line["flags"] for line in reviewed.body["lines"]] == [["no_approved_treatment"]] * 2

    # decide
    decided = api.post(
        f"{path}/decision", {"outcome": "partly_approved", "reasons": "PT02 one unit only"}, as_="adjuster"
    )
    assert (decided.status, decided.body["status"], decided.body["amount_approved"]) == (
        200,
        "partly_approved",
        "270.00",
    )

    # pay, then pay again
    paid = api.post(f"{path}/payment", {"method": "cheque"}, as_="adjuster")
    assert (paid.status, paid.body["status"]) == (200, "paid")
    assert paid.body["entry_id"] is not None
    again = api.post(f"{path}/payment", {}, as_="adjuster")
    assert again.status == 409
    assert fields(again) == ["status"]
    kinds = ClaimEvent.objects.filter(claim=claim, kind__startswith="invoice.").values_list("kind", flat=True)
    assert list(kinds.order_by("seq")) == [
        EventKind.INVOICE_RECEIVED,
        EventKind.INVOICE_REVIEWED,
        EventKind.INVOICE_DECIDED,
        EventKind.INVOICE_PAID,
    ]


def test_bad_input_names_the_line_field(api, book, claim):
    body = {**INVOICE, "lines": [INVOICE["lines"][0], {**INVOICE["lines"][1], "service_date": "2026-10-01"}]}
    reply = api.post(f"claims/{claim.number}/invoices", body, as_="adjuster")
    assert reply.status == 400
    assert fields(reply) == ["lines[1].service_date"]
    assert ProviderInvoice.objects.count() == 0


def test_a_duplicate_invoice_is_a_conflict(api, book, claim):
    record(api, claim)
    reply = api.post(f"claims/{claim.number}/invoices", INVOICE, as_="adjuster")
    assert reply.status == 409
    assert fields(reply) == ["invoice_number"]


def test_above_authority_the_payment_waits_and_is_paid_on_approval(api, book, claim):
    invoice = record(api, claim)
    path = f"invoices/{invoice['id']}"
    api.post(
        f"{path}/review",
        {"lines": [{"amount_approved": "180.00"}, {"amount_approved": "120.00"}]},
        as_="adjuster",
    )
    api.post(f"{path}/decision", {"outcome": "approved"}, as_="adjuster")

    waiting = api.post(f"{path}/payment", {}, as_="adjuster")  # $300.00 is within $500.00…
    assert waiting.status == 200
    # …so a second invoice of $600.00 is the one that waits
    big = record(
        api,
        claim,
        {
            **INVOICE,
            "invoice_number": "FRP-1043",
            "total": "600.00",
            "lines": [
                {
                    "service_date": "2026-10-28",
                    "item_code": "PT03",
                    "description": "Surgery consult",
                    "amount_claimed": "600.00",
                }
            ],
        },
    )
    path = f"invoices/{big['id']}"
    api.post(f"{path}/review", {"lines": [{"amount_approved": "600.00"}]}, as_="adjuster")
    api.post(f"{path}/decision", {"outcome": "approved"}, as_="adjuster")
    queued = api.post(f"{path}/payment", {}, as_="adjuster")
    assert (queued.status, queued.body["status"], queued.body["awaiting_approval"]) == (202, "approved", True)

    request = ProviderInvoice.objects.get(pk=big["id"]).approval
    approval_decide(actor=book.users["supervisor"], request=request, approve=True)
    shown = api.get(path, as_="adjuster")
    assert (shown.body["status"], shown.body["awaiting_approval"]) == ("paid", False)


def test_employers_see_invoices_without_their_lines(api, book, claim):
    invoice = record(api, claim)
    shown = api.get(f"invoices/{invoice['id']}", as_="employer_coordinator")
    assert shown.status == 200
    assert shown.body["lines"] is None
    listed = api.get(f"claims/{claim.number}/invoices", as_="employer_coordinator")
    assert [i["lines"] for i in listed.body] == [None]
    assert api.get(f"invoices/{invoice['id']}", as_="worker").status == 404


def test_the_register_pages_and_filters(api, book, claim):
    for n in range(3):
        record(api, claim, {**INVOICE, "invoice_number": f"FRP-{n}"})
    page = api.get("invoices", as_="adjuster", limit=2, offset=0)
    assert page.status == 200
    assert page.body["count"] == 3
    assert [i["invoice_number"] for i in page.body["items"]] == ["FRP-0", "FRP-1"]
    assert all(i["lines"] is None for i in page.body["items"])
    assert api.get("invoices", as_="adjuster", status="paid").body["count"] == 0
    assert api.get("invoices", as_="adjuster", provider="physio").body["count"] == 3
    assert api.get("invoices", as_="other_adjuster").body["count"] == 0
