"""Provider invoices on the demo book, in every state, through the real invoice services.

``seed-demo`` calls :func:`seed_invoices` right after the financials step: on a few claims
that have a medical reserve (NSW claims first, so the 10-business-day payment deadline
shows), one invoice each from the claim's clinic, taken to a state in turn: received,
reviewed, approved and unpaid, partly approved and paid, denied, paid, and one above the
adjuster's authority waiting for the supervisor. Deterministic for a given seed and day.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.core.errors import ApplicationError
from opencomp.payments.enums import Account, Category
from opencomp.payments.invoice_services import (
    InvoiceInput,
    LineInput,
    LineReview,
    invoice_decide,
    invoice_pay,
    invoice_receive,
    invoice_review,
)
from opencomp.payments.models import LedgerEntry, LedgerLine
from opencomp.payments.models_invoices import ProviderInvoice

#: The states the sampled claims' invoices are taken to, in turn.
STATES = (
    "received",
    "reviewed",
    "approved",
    "partly_paid",
    "denied",
    "paid",
    "awaiting_approval",
    "paid",
)
CLAIMS = 16
ITEMS = (
    ("CONS", "Consultation", Decimal("95.00")),
    ("PHYS", "Physiotherapy session", Decimal("88.50")),
    ("XRAY", "X-ray, lumbar spine", Decimal("142.00")),
    ("REPT", "Report to the insurer", Decimal("60.00")),
)
SURGERY = ("SURG", "Arthroscopy, day surgery", Decimal("3120.00"))


@dataclass
class InvoiceCounts:
    invoices: int = 0
    states: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        states = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(self.states.items()))
        text = f"invoices: {self.invoices} provider invoices ({states})"
        if self.refusals:
            text += "; refused: " + ", ".join(f"{k} {v}" for k, v in sorted(self.refusals.items()))
        return text


def _sample(limit: int) -> list[Claim]:
    """Claims with a medical reserve and an adjuster, NSW first, then by number."""
    ids = set(
        LedgerLine.objects.filter(account=Account.RESERVE, category=Category.MEDICAL).values_list(
            "claim_id", flat=True
        )
    )
    claims = Claim.objects.filter(pk__in=ids, assigned_adjuster__isnull=False).select_related(
        "assigned_adjuster", "worker"
    )
    ordered = sorted(claims, key=lambda c: (c.jurisdiction != "NSW", c.number))
    return ordered[:limit]


def _clinic(claim: Claim) -> str:
    """The clinic the claim's medical payments went to, or a generic one."""
    entry = LedgerEntry.objects.filter(claim=claim, category=Category.MEDICAL, payee_kind="provider").first()
    return entry.payee_name if entry is not None and entry.payee_name else "Harbour Street Medical Centre"


def _lines(rng: random.Random, claim: Claim, received: dt.date, *, large: bool) -> list[LineInput]:
    first = max(claim.injury_date, received - dt.timedelta(days=20))
    span = (received - first).days
    chosen = [SURGERY] if large else rng.sample(ITEMS, rng.randint(2, 3))
    return [
        LineInput(
            service_date=first + dt.timedelta(days=rng.randint(0, span)),
            item_code=code,
            description=text,
            units=Decimal("1"),
            amount_claimed=amount,
        )
        for code, text, amount in chosen
    ]


def _try(counts: InvoiceCounts, item: str, call: Callable[[], object]) -> bool:
    try:
        with transaction.atomic():
            call()
    except ApplicationError as exc:
        fields = ",".join(e.field for e in exc.errors) or type(exc).__name__
        counts.refusals[f"{item} {fields}"] += 1
        return False
    return True


def _one(rng: random.Random, claim: Claim, state: str, counts: InvoiceCounts) -> None:
    actor = claim.assigned_adjuster
    if actor is None:  # sampled with one
        return
    today = claim_today(claim)
    received = max(claim.injury_date, today - dt.timedelta(days=rng.randint(2, 12)))
    lines = _lines(rng, claim, received, large=state == "awaiting_approval")
    number = f"{claim.number[-6:]}-{rng.randint(1000, 9999)}"
    invoice = InvoiceInput(
        provider_name=_clinic(claim), invoice_number=number, received_on=received, lines=lines
    )
    done: dict[str, object] = {}

    def receive() -> None:
        done["invoice"] = invoice_receive(actor=actor, claim=claim, invoice=invoice)

    if not _try(counts, "invoice", receive):
        return
    record = done["invoice"]
    if not isinstance(record, ProviderInvoice):
        return
    counts.invoices += 1
    if state == "received":
        counts.states[state] += 1
        return
    partly = state in {"partly_paid"}
    half = (lines[0].amount_claimed / 2).quantize(Decimal("0.01"))
    reviews = [
        LineReview(amount_approved=half if partly and i == 0 else line.amount_claimed)
        for i, line in enumerate(lines)
    ]
    if state == "denied":
        reviews = [LineReview(amount_approved=Decimal("0.00")) for _ in lines]
    note = "Checked against the approved treatment and the amount claimed."
    if not _try(
        counts, "review", lambda: invoice_review(actor=actor, invoice=record, lines=reviews, note=note)
    ):
        return
    if state == "reviewed":
        counts.states[state] += 1
        return
    outcome, reasons = "approved", ""
    if partly:
        outcome, reasons = "partly_approved", "The first item is paid at half: one session was billed twice."
    if state == "denied":
        outcome, reasons = "denied", "The service is not related to the accepted injury."

    def decide() -> None:
        invoice_decide(actor=actor, invoice=record, outcome=outcome, reasons=reasons)

    if not _try(counts, "decision", decide):
        return
    if state in {"approved", "denied"}:
        counts.states[state] += 1
        return
    if _try(counts, "payment", lambda: invoice_pay(actor=actor, invoice=record)):
        counts.states[state] += 1


def seed_invoices(
    *, seed: int, limit: int = CLAIMS, write: Callable[[str], None] | None = None
) -> InvoiceCounts:
    """One invoice on each of up to ``limit`` sampled claims, in the states of ``STATES`` in turn."""
    rng = random.Random(f"invoices-{seed}")  # noqa: S311 - a reproducible demo, not a secret
    counts = InvoiceCounts()
    for i, claim in enumerate(_sample(limit)):
        _one(rng, claim, STATES[i % len(STATES)], counts)
    if write is not None:
        write(counts.summary())
    return counts
