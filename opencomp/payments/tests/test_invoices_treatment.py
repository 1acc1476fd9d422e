"""Invoices read the treatment register's decisions and exemptions as approved treatment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from opencomp.payments.invoice_selectors import approved_treatments
from opencomp.payments.invoice_services import (
    InvoiceInput,
    LineInput,
    LineReview,
    invoice_receive,
    invoice_review,
)
from opencomp.treatment.services import treatment_request_decide, treatment_request_record

D = dt.date


def _record(book, **overrides):
    values = dict(
        actor=book.users["other_adjuster"],
        claim=book.other_claim,
        service="physiotherapy",
        treatments=6,
        estimated_cost="540.00",
        requested_on=D(2026, 10, 28),
        received_on=D(2026, 10, 29),
        provider_name="Harbour Physio, Jane Lee",
    )
    values.update(overrides)
    return treatment_request_record(**values)


def test_approved_and_exempt_treatment_is_what_invoices_read(book):
    adjuster = book.users["other_adjuster"]
    exempt = _record(book)  # physiotherapy within three months of the injury: no pre-approval
    approved = treatment_request_decide(
        actor=adjuster, request=_record(book, service="surgery"), decision="approved", reasons="Needed."
    )
    partly = treatment_request_decide(
        actor=adjuster,
        request=_record(book, service="psychology", treatments=12),
        decision="partly_approved",
        reasons="Six for now.",
        approved_treatments=6,
    )
    declined = treatment_request_decide(
        actor=adjuster, request=_record(book, service="imaging"), decision="declined", reasons="Not needed."
    )
    _record(book, service="other", description="Hydrotherapy")  # undecided
    found = {t.seq: t.decision for t in approved_treatments(book.other_claim)}
    assert found == {
        exempt.received_seq: "exempt",
        approved.received_seq: "approved",
        partly.received_seq: "partly_approved",
    }
    assert declined.received_seq not in found


def test_a_line_after_exempt_treatment_is_not_flagged_and_one_before_any_is(book):
    adjuster = book.users["other_adjuster"]
    _record(book, requested_on=D(2026, 10, 28), received_on=D(2026, 10, 29))  # exempt physiotherapy

    def line(day):
        return LineInput(
            service_date=day,
            item_code="PT001",
            description="Physio",
            units=Decimal("1"),
            amount_claimed=Decimal("90"),
        )

    invoice = invoice_receive(
        actor=adjuster,
        claim=book.other_claim,
        invoice=InvoiceInput(
            provider_name="Harbour Physio",
            invoice_number="HP-1",
            received_on=D(2026, 11, 2),
            lines=(line(D(2026, 10, 27)), line(D(2026, 10, 30))),
        ),
    )
    invoice_review(
        actor=adjuster, invoice=invoice, lines=[LineReview(Decimal("0.00")), LineReview(Decimal("90.00"))]
    )
    before, after = list(invoice.lines.order_by("position"))
    assert before.flags == ["no_approved_treatment"]
    assert after.flags == []
