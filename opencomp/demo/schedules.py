"""Payment schedules on the demo book, then one payment run over the whole book.

``seed-demo`` calls :func:`seed_schedules` right after the financials step. Through the
real services (``opencomp.payments.schedule_services`` and ``opencomp.payments.run``):

1. **A bounded sample**: up to ``PER_JURISDICTION`` claims each in Colorado, Minnesota
   and NSW that are accepted (or provisionally, or open), have a weekly rate decided
   and an adjuster: the demo adjuster's first, then the most recent injuries.
   Connecticut is left out: its waiting period and daily rate are not sourced, so the
   service refuses a CT schedule.
2. **A schedule per claim**, started by the claim's adjuster for the benefit of its
   latest rate decision, from the day after the last day paid (the injury's next day
   when nothing is paid), by cheque (the demo holds no bank details). Colorado pays
   every 14 days (its sourced interval); Minnesota and NSW weekly.
3. **One payment run** through today: every due period of the book is paid in one
   set-based pass, or held with its reason (no rate decided for an NSW week, a
   reserve too low, a day already paid).

Refusals are counted by their first words and never stop the step.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from opencomp.benefits.selectors import paid_periods, rate_decisions
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.core import clock
from opencomp.core.errors import ApplicationError
from opencomp.demo import DEMO_USERS
from opencomp.payments.enums import PaymentMethod
from opencomp.payments.models import PaymentSchedule
from opencomp.payments.run import RunStats, payment_run
from opencomp.payments.schedule_services import PAYABLE_STATUSES, payment_schedule_start

#: Schedules started per jurisdiction (CO, MN, NSW).
PER_JURISDICTION = 4
#: How many candidate claims of a jurisdiction are looked at (a bounded query on any book).
LOOK_AT = 60
INTERVALS = {"CO": None, "MN": 7, "NSW": 7}  # None: the pack's sourced interval (CO: 14 days)
DAY = dt.timedelta(days=1)


@dataclass
class ScheduleCounts:
    """What :func:`seed_schedules` did."""

    started: int = 0
    refusals: Counter[str] = field(default_factory=Counter)
    run: RunStats | None = None
    seconds: float = 0.0

    @property
    def events(self) -> int:
        """Events appended: a start each, a payment each, and a claim's first payment (commenced)."""
        run = self.run
        return self.started + (0 if run is None else run.payments + run.commenced)

    def summary(self) -> str:
        run = self.run
        paid = "" if run is None else f"; the payment run paid {run.payments:,} periods ({run.amount:,.2f})"
        return f"payment schedules: {self.started:,} started{paid}"

    def details(self) -> str:
        text = f"  {self.seconds:.1f} s"
        if self.run is not None and self.run.held:
            held = self.run.held_by_reason()
            text += "; held: " + ", ".join(f"{k} {v}" for k, v in sorted(held.items()))
        if self.refusals:
            text += "; not started: " + ", ".join(f"{k} {v}" for k, v in sorted(self.refusals.items()))
        return text


def _candidates(jurisdiction: str) -> list[Claim]:
    """Payable claims with a decided rate and an adjuster, the demo adjuster's first (bounded)."""
    decided = ClaimEvent.objects.filter(kind=EventKind.BENEFIT_RATE_DECIDED, claim__jurisdiction=jurisdiction)
    ids = list(decided.order_by("claim_id").values_list("claim_id", flat=True).distinct()[: LOOK_AT * 4])
    claims = (
        Claim.objects.filter(pk__in=ids, status__in=PAYABLE_STATUSES, assigned_adjuster__isnull=False)
        .exclude(pk__in=PaymentSchedule.objects.values("claim_id"))
        .select_related("assigned_adjuster", "worker")
        .order_by("-injury_date", "number")[:LOOK_AT]
    )
    mine = DEMO_USERS["adjuster"]
    return sorted(claims, key=lambda c: c.assigned_adjuster.username != mine)  # type: ignore[union-attr]


def _start(claim: Claim) -> PaymentSchedule:
    decisions = rate_decisions(claim=claim)
    benefit = decisions[-1].benefit
    periods = paid_periods(claim=claim, benefit=benefit)
    first_day = max((p.last_day for p in periods), default=claim.injury_date) + DAY
    return payment_schedule_start(
        actor=claim.assigned_adjuster,  # type: ignore[arg-type]
        claim=claim,
        benefit=benefit,
        first_day=first_day,
        interval_days=INTERVALS[claim.jurisdiction],
        method=PaymentMethod.CHEQUE,
        note="Weekly benefits continue until the worker returns to work.",
    )


def seed_schedules(*, write: Callable[[str], None] | None = None) -> ScheduleCounts:
    """Start schedules on a bounded sample, then run the payments due through today."""
    started = time.monotonic()
    counts = ScheduleCounts()
    for jurisdiction in INTERVALS:
        made = 0
        for claim in _candidates(jurisdiction):
            if made == PER_JURISDICTION:
                break
            try:
                with transaction.atomic():
                    _start(claim)
            except ApplicationError as exc:
                counts.refusals[" ".join(str(exc).split()[:4])] += 1
                continue
            made += 1
            counts.started += 1
    if write is not None:
        write(f"  {counts.started:,} schedules started; running the payments due through today…")
    counts.run = payment_run(through=clock.today())
    counts.seconds = time.monotonic() - started
    return counts
