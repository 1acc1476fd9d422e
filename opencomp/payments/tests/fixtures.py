"""Helpers for the payments service and selector tests (imported, not a conftest).

The book's clock is Monday 2 November 2026, 15:00 UTC (08:00 in Denver). The book's CO
claim was injured on Tuesday 20 October 2026, is administered by Summit Mutual and
assigned to "adjuster".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import ClaimDraft, claim_create
from opencomp.core import clock
from opencomp.core.models import AuditEntry
from opencomp.payments.enums import Bucket, Category, PayeeKind
from opencomp.payments.models import (
    ApprovalRequest,
    Authority,
    IndemnityCover,
    LedgerEntry,
    LedgerLine,
    RepaymentPlan,
)
from opencomp.payments.services import PaymentInput

D = dt.date
M = Decimal

#: What a refused request must leave untouched.
WRITTEN = {
    "entries": LedgerEntry,
    "lines": LedgerLine,
    "events": ClaimEvent,
    "requests": ApprovalRequest,
    "covers": IndemnityCover,
    "plans": RepaymentPlan,
    "authorities": Authority,
    "audit": AuditEntry,
}


def counts() -> dict[str, int]:
    """How many rows each table the payments services write holds."""
    return {name: model.objects.count() for name, model in WRITTEN.items()}


def fields(exc: pytest.ExceptionInfo) -> list[str]:
    return [e.field for e in exc.value.errors]


def give_authority(user, *, payment: str, reserve: str) -> Authority:
    """Set ``user``'s authority directly (the service is tested on its own)."""
    authority, _ = Authority.objects.update_or_create(
        user=user,
        defaults={"payment_limit": M(payment), "reserve_limit": M(reserve), "set_at": clock.now()},
    )
    return authority


def events_of(claim: Claim, kind: str) -> list[ClaimEvent]:
    return list(ClaimEvent.objects.filter(claim=claim, kind=kind).order_by("seq"))


def latest(claim: Claim, kind: str) -> ClaimEvent:
    event = ClaimEvent.objects.filter(claim=claim, kind=kind).order_by("-seq").first()
    assert event is not None, f"no {kind} event"
    return event


def lines_of(entry: LedgerEntry) -> list[tuple[str, str, str, Decimal]]:
    """(account, category, bucket, amount) of each of the entry's lines, in posting order."""
    return [(line.account, line.category, line.bucket, line.amount) for line in entry.lines.order_by("id")]


def unbalanced_entries(claim: Claim) -> list[int]:
    """Entries of the claim whose lines do not sum to zero (added exactly, in Python)."""
    totals: dict[int, Decimal] = {}
    for entry_id, amount in LedgerLine.objects.filter(claim=claim).values_list("entry_id", "amount"):
        totals[entry_id] = totals.get(entry_id, M("0")) + Decimal(str(amount))
    return sorted(entry_id for entry_id, total in totals.items() if total != 0)


def indemnity(
    amount: str,
    first: dt.date,
    last: dt.date,
    *,
    benefit: str = "TTD",
    key: str | None = None,
) -> PaymentInput:
    """A TTD (or other) payment to the book's worker for ``first``–``last``."""
    return PaymentInput(
        category=Category.INDEMNITY,
        amount=M(amount),
        payee_kind=PayeeKind.WORKER,
        payee_name="Maria Lopez",
        benefit=benefit,
        period_start=first,
        period_end=last,
        idempotency_key=key,
    )


def medical(amount: str, *, key: str | None = None, bucket: str = Bucket.GENERAL) -> PaymentInput:
    """A bill paid to the book's treating doctor."""
    return PaymentInput(
        category=Category.MEDICAL,
        amount=M(amount),
        payee_kind=PayeeKind.PROVIDER,
        payee_name="Dr Jo Reyes",
        bucket=bucket,
        idempotency_key=key,
        reason="Office visit 27 Oct 2026",
    )


def second_claim(book) -> Claim:
    """Another claim of the book's worker at Acme, also administered by Summit Mutual."""
    draft = ClaimDraft(
        jurisdiction="CO",
        employer=book.employer,
        worker=book.worker,
        injury_date=D(2026, 9, 14),
        employer_knowledge_date=D(2026, 9, 14),
        notification_date=D(2026, 9, 15),
        claim_type="lost_time",
        nature_of_injury="Laceration",
        body_part="Left hand",
        description="Cut on a sheet edge.",
    )
    return claim_create(actor=None, draft=draft)


def eft_payment(book) -> LedgerEntry:
    """TTD of 1,293.25 by EFT to the book's worker, paid 28 October 2026; her verified US account on file."""
    from opencomp.payments.bank import bank_details_change
    from opencomp.payments.services import payment_issue, reserve_set

    admin = book.users["admin"]
    reserve_set(actor=admin, claim=book.claim, category=Category.INDEMNITY, amount=M("5000.00"), reason="TTD")
    bank_details_change(
        actor=admin,
        claim=book.claim,
        account_name="Maria Lopez",
        bsb_or_routing="021000021",
        account_number="123456789012",
        verification_method="call_back_to_known_number",
        verification_note="Called back on the number on the claim form.",
    )
    ttd = indemnity("1293.25", D(2026, 10, 21), D(2026, 10, 27))
    payment = dataclasses.replace(ttd, occurred_on=D(2026, 10, 28))
    entry = payment_issue(actor=admin, claim=book.claim, payment=payment)
    assert isinstance(entry, LedgerEntry)
    return entry
