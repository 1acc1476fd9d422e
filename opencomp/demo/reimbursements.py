"""Employer wage reimbursement schedules (WRS) on the demo book's NSW claims.

``seed_financials`` calls :func:`seed_reimbursements` last, in the same transaction (its
payments join the financials summary),
once the claims' weekly rates are decided and their paid periods paid. Through the
real services (``opencomp.payments.reimbursement_services``), on a few NSW claims with
a decided weekly rate, the employer's coordinator (or the adjuster, keying a paper
form) sends fortnights of entitlement weeks not yet paid (up to four a claim); in
turn each is decided and reimbursed, decided only, reimbursed after a partial
allowance (the worker back part time, the employer claiming $50.00 too much), or left
waiting for review. Each
submission raises ``nsw.wrs_reimbursement`` (ten business days).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db.models import Exists, OuterRef

from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.core.errors import ApplicationError
from opencomp.payments.models_reimbursements import (
    ReimbursementChannel,
    ReimbursementStatus,
    WageReimbursement,
)
from opencomp.payments.reimbursement_services import (
    WeekLine,
    reimbursable_weeks,
    wage_reimbursement_decide,
    wage_reimbursement_reimburse,
    wage_reimbursement_submit,
)
from opencomp.payments.schedule_services import PAYABLE_STATUSES

#: How many schedules are sent, and at most how many on one claim (consecutive fortnights).
SCHEDULES = 8
PER_CLAIM = 4
CHANNELS = (ReimbursementChannel.CSV, ReimbursementChannel.WEB, ReimbursementChannel.API)


class Totals(Protocol):
    """The financials step's counts, which the schedules' payments join (its summary is the ledger's)."""

    indemnity_payments: int
    paid: Decimal
    pending: int


@dataclass
class ReimbursementCounts:
    submitted: int = 0
    decided: int = 0
    reimbursed: int = 0
    refused: int = 0

    def summary(self) -> str:
        return (
            f"wage reimbursements: {self.submitted} schedules sent, {self.decided} decided, "
            f"{self.reimbursed} reimbursed, {self.refused} refused by the services"
        )


def _candidates() -> list[Claim]:
    rated = ClaimEvent.objects.filter(claim=OuterRef("pk"), kind=EventKind.BENEFIT_RATE_DECIDED)
    return list(
        Claim.objects.filter(jurisdiction="NSW", status__in=PAYABLE_STATUSES)
        .filter(Exists(rated))
        .select_related("employer", "assigned_adjuster")
        .order_by("pk")[: SCHEDULES * 5]
    )


def _sender(claim: Claim) -> User | None:
    coordinator = (
        User.objects.filter(organisation_id=claim.employer_id, role=Role.EMPLOYER_COORDINATOR, is_active=True)
        .order_by("pk")
        .first()
    )
    return coordinator or claim.assigned_adjuster


def _staff(claim: Claim) -> User | None:
    supervisor = (
        User.objects.filter(organisation_id=claim.administrator_id, role=Role.SUPERVISOR, is_active=True)
        .order_by("pk")
        .first()
    )
    return claim.assigned_adjuster or supervisor


def _lines(claim: Claim, part_time: bool) -> list[WeekLine]:
    today = claim_today(claim)
    weeks = reimbursable_weeks(claim=claim, through=today)[:2]
    if len(weeks) == 2 and (weeks[1][1] - weeks[0][2]).days != 1:
        weeks = weeks[:1]  # one payment per schedule: consecutive weeks only
    lines = []
    for i, (number, first, last, rate) in enumerate(weeks):
        earnings = Decimal("0.00")
        claimed = rate
        if part_time and i == 1:
            earnings = (rate * Decimal("0.25")).quantize(Decimal("0.01"))
            claimed = rate - earnings + Decimal("50.00")  # the employer forgot part of the earnings
        lines.append(
            WeekLine(
                week_number=number,
                week_from=first,
                week_to=last,
                amount_claimed=claimed,
                earnings=earnings,
                hours_worked=Decimal("12") if earnings else Decimal("0"),
            )
        )
    return lines


def _review(wrs: WageReimbursement, staff: User, n: int, counts: ReimbursementCounts, totals: Totals) -> None:
    """In turn: decided and reimbursed; decided only; partly allowed and reimbursed; left for review."""
    if n % 4 == 3:
        return
    try:
        decided = wage_reimbursement_decide(actor=staff, reimbursement=wrs)
        counts.decided += 1
        if n % 4 != 1 and decided.status in ReimbursementStatus.payable_values():
            paid = wage_reimbursement_reimburse(actor=staff, reimbursement=decided)
            if paid.status == ReimbursementStatus.AWAITING_APPROVAL:
                totals.pending += 1
            else:
                counts.reimbursed += 1
                totals.indemnity_payments += 1  # consecutive weeks: one payment
                totals.paid += paid.amount_approved or Decimal("0.00")
    except ApplicationError:
        counts.refused += 1


def seed_reimbursements(*, totals: Totals, write: Callable[[str], None] | None = None) -> ReimbursementCounts:
    """Up to ``SCHEDULES`` fortnightly schedules on the NSW claims with a decided rate, in every state."""
    counts = ReimbursementCounts()
    for claim in _candidates():
        sender, staff = _sender(claim), _staff(claim)
        if sender is None or staff is None:
            continue
        for _ in range(PER_CLAIM):
            n = counts.submitted
            lines = _lines(claim, part_time=n % 4 == 2)
            if n >= SCHEDULES or not lines:
                break
            channel = CHANNELS[n % len(CHANNELS)] if sender.role == Role.EMPLOYER_COORDINATOR else "web"
            try:
                wrs = wage_reimbursement_submit(actor=sender, claim=claim, weeks=lines, channel=channel)
            except ApplicationError:
                counts.refused += 1
                break
            counts.submitted += 1
            _review(wrs, staff, n, counts, totals)
    if write is not None:
        write(f"  {counts.summary()}")
    return counts
