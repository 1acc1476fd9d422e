"""Provider invoices on the demo book: ``seed-demo`` leaves invoices in every state, nothing refused."""

from __future__ import annotations

from opencomp.demo.tests.test_demo_financials import book, demo_output
from opencomp.payments.enums_invoices import InvoiceStatus
from opencomp.payments.models_invoices import ProviderInvoice

__all__ = ["book", "demo_output"]


def test_the_demo_has_invoices_in_each_state(book):
    statuses = set(ProviderInvoice.objects.values_list("status", flat=True))
    assert "invoices: " in book
    assert "refused:" not in book.split("invoices: ", 1)[1].splitlines()[0]
    assert {
        InvoiceStatus.RECEIVED,
        InvoiceStatus.REVIEWED,
        InvoiceStatus.DENIED,
        InvoiceStatus.PAID,
    } <= statuses
    assert ProviderInvoice.objects.filter(approval__isnull=False).exists()
