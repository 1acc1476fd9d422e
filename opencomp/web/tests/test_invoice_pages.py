"""Provider invoice pages: record with lines, review, decide, pay; the register and the claim's card.

The book's clock stands at Monday 2 Nov 2026; its CO claim was injured on 20 Oct 2026 and has a
$10,000 medical reserve. The adjuster may pay up to $5,000.00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from opencomp.payments.enums_invoices import InvoiceStatus
from opencomp.payments.models import Authority
from opencomp.payments.models_invoices import ProviderInvoice
from opencomp.payments.services import reserve_set

NEW = {
    "invoice-provider_name": "Front Range Physio",
    "invoice-invoice_number": "FRP-1042",
    "invoice-received_on": "2026-10-30",
    "line-0-service_date": "2026-10-22",
    "line-0-item_code": "PT01",
    "line-0-description": "Assessment",
    "line-0-units": "1",
    "line-0-amount_claimed": "180.00",
    "line-1-service_date": "2026-10-27",
    "line-1-item_code": "PT02",
    "line-1-description": "Treatment",
    "line-1-units": "2",
    "line-1-amount_claimed": "120.00",
}


@pytest.fixture
def money(book):
    Authority.objects.create(
        user=book.users["adjuster"],
        payment_limit=Decimal("5000.00"),
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


def test_an_invoice_recorded_reviewed_decided_and_paid_on_the_pages(book, money, login):
    client = login("adjuster")

    # record
    response = client.post(reverse("web:claim_invoice_create", args=[book.claim.number]), NEW)
    invoice = ProviderInvoice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:invoice_detail", args=[invoice.pk])
    assert invoice.amount_claimed == Decimal("300.00")
    assert invoice.lines.count() == 2

    detail = client.get(reverse("web:invoice_detail", args=[invoice.pk]))
    assert detail.status_code == 200
    assert b"No fee schedule is held" in detail.content
    assert b"No approved treatment covers the service" not in detail.content  # not reviewed yet

    # review, decide, pay
    url = reverse("web:invoice_review", args=[invoice.pk])
    assert client.post(url, {"review-amount_1": "180.00", "review-amount_2": "60.00"}).status_code == 302
    url = reverse("web:invoice_decide", args=[invoice.pk])
    data = {"decide-outcome": "partly_approved", "decide-reasons": "One unit of PT02"}
    assert client.post(url, data).status_code == 302
    assert (
        client.post(reverse("web:invoice_pay", args=[invoice.pk]), {"pay-method": "eft"}).status_code == 302
    )

    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_approved) == (InvoiceStatus.PAID, Decimal("240.00"))
    shown = client.get(reverse("web:invoice_detail", args=[invoice.pk]))
    assert b"No approved treatment covers the service" in shown.content
    assert "pay_form" not in shown.context


def test_a_bad_line_is_shown_on_its_row(book, money, login):
    data = {**NEW, "line-1-service_date": "2026-10-01"}

    response = login("adjuster").post(reverse("web:claim_invoice_create", args=[book.claim.number]), data)

    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows[1].errors["service_date"] == ["is before the injury date (2026-10-20)"]
    assert ProviderInvoice.objects.count() == 0


def test_a_decision_the_lines_do_not_support_is_shown_on_the_form(book, money, login):
    client = login("adjuster")
    client.post(reverse("web:claim_invoice_create", args=[book.claim.number]), NEW)
    invoice = ProviderInvoice.objects.get()
    client.post(
        reverse("web:invoice_review", args=[invoice.pk]),
        {"review-amount_1": "180.00", "review-amount_2": "60.00"},
    )

    response = client.post(reverse("web:invoice_decide", args=[invoice.pk]), {"decide-outcome": "approved"})

    assert response.status_code == 200
    assert "approve 240.00 of the 300.00 claimed" in str(response.context["form"].errors["outcome"])


def test_employers_see_the_invoice_but_not_its_lines(book, money, login):
    login("adjuster").post(reverse("web:claim_invoice_create", args=[book.claim.number]), NEW)
    invoice = ProviderInvoice.objects.get()

    response = login("employer_coordinator").get(reverse("web:invoice_detail", args=[invoice.pk]))

    assert response.status_code == 200
    assert response.context["lines"] is None
    assert b"PT01" not in response.content


def test_the_register_and_the_claim_financials_card_list_the_invoice(book, money, login):
    client = login("adjuster")
    client.post(reverse("web:claim_invoice_create", args=[book.claim.number]), NEW)

    register = client.get(reverse("web:invoice_register"), {"status": "received"})
    financials = client.get(reverse("web:claim_financials", args=[book.claim.number]))
    nothing = client.get(reverse("web:invoice_register"), {"status": "paid"})

    assert [i.invoice_number for i in register.context["page"].object_list] == ["FRP-1042"]
    assert "$300.00" in register.content.decode()  # claimed: 180.00 + 120.00, shown as money
    assert b"FRP-1042" in financials.content
    assert "$300.00" in financials.content.decode()
    assert b"Record an invoice" in financials.content
    assert list(nothing.context["page"].object_list) == []
