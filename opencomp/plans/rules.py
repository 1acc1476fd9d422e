"""The delay before a work capacity decision may reduce or stop weekly payments (pure).

Seed 004, Work Capacity Assessment and Decisions: "After receiving the Work Capacity Decision
Notice, the worker will have three (3) months before any reduction is made to their weekly
compensation payments if they have been receiving continuous weekly benefit payments for 12
weeks or more." Otherwise nothing in the seed delays it, so it may take effect on the notice
date.

How it is counted here (the seed says no more):

- *Continuous weekly payments*: the days covered by weekly payments (``IndemnityCover`` rows
  of live payments) joined where one period starts the day after (or before) another ends.
  The run that holds the latest paid day on or before the notice date is the one that counts;
  its days up to the notice date are counted, and 12 weeks are 84 days. Payments are made in
  arrears, so the run is counted even when its last period ended a few days before the notice:
  an error errs toward the worker, who then keeps the three months.
- *Three months*: calendar months from the notice date, to the same day number, or the last
  day of the month when it has no such day (30 November + 3 months = 28 February, or the 29th
  in a leap year).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

CONTINUOUS_WEEKS = 12
DELAY_MONTHS = 3


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def continuous_paid_days(
    periods: Iterable[tuple[dt.date, dt.date]], *, on: dt.date
) -> tuple[int, dt.date | None]:
    """Days of the latest run of back-to-back paid periods up to ``on``, and the run's first day."""
    ordered = sorted((first, last) for first, last in periods if first <= on)
    run_first: dt.date | None = None
    run_last: dt.date | None = None
    for first, last in ordered:
        if run_last is not None and first <= run_last + dt.timedelta(days=1):
            run_last = max(run_last, last)
        else:
            run_first, run_last = first, last
    if run_first is None or run_last is None:
        return 0, None
    return (min(run_last, on) - run_first).days + 1, run_first


@dataclass(frozen=True)
class ReductionTiming:
    """When a reduction or discontinuation may take effect, and why."""

    notice_on: dt.date
    continuous_days: int
    run_from: dt.date | None
    delayed: bool
    earliest: dt.date
    explanation: str


def reduction_timing(
    *, notice_on: dt.date, paid_periods: Iterable[tuple[dt.date, dt.date]]
) -> ReductionTiming:
    """The earliest day a reduction under a work capacity decision noticed on ``notice_on`` may apply."""
    days, run_from = continuous_paid_days(paid_periods, on=notice_on)
    weeks, rest = divmod(days, 7)
    held = f"{weeks} weeks" + (f" and {rest} days" if rest else "")
    if days >= CONTINUOUS_WEEKS * 7:
        earliest = add_months(notice_on, DELAY_MONTHS)
        why = (
            f"Continuous weekly payments for {held} (from {run_from:%d %b %Y}) — 12 weeks or more, so no "
            f"reduction before three months after the notice of {notice_on:%d %b %Y}: {earliest:%d %b %Y}."
        )
        return ReductionTiming(notice_on, days, run_from, True, earliest, why)
    paid = f"continuous weekly payments for {held}" if days else "no weekly payments"
    why = (
        f"The worker has had {paid} by the notice of {notice_on:%d %b %Y} — fewer than 12 weeks, so the "
        "three months' delay does not apply: it may take effect from the notice date."
    )
    return ReductionTiming(notice_on, days, run_from, False, notice_on, why)
