"""A disability period day by day: waiting days, compensable days and the amount owed.

Minnesota (Minn. Stat. 176.121): the first three calendar days of disability are a
waiting period, paid back when the disability continues on the tenth calendar
day; only scheduled workdays are paid, each 1/(days worked a week) of the weekly
rate. Colorado (C.R.S. 8-42-103): the first three days are a waiting period, paid
back when the disability lasts longer than two weeks; temporary disability is
paid by calendar day, the weekly rate ÷ 7. Denver Career Service salary
continuation (seed 001) is :func:`salary_continuation`.

A disability paid in instalments (periods that run back to back, each ending
the day before the next begins) is one disability: ``disability_start`` is its
first day. The waiting period is counted from it, and whether it is paid back is
judged on the whole disability up to the period's return to work; the instalment
in which the disability reaches the payback day pays the earlier waiting days
too (``waiting_settled`` says an earlier instalment already did, so they are
never paid twice).

Amounts are exact and sum to the cent: the disability is cut into 7-day blocks
from its first day (so instalments line up with its whole weeks); each block's
amount in a period is rounded once (weekly rate × paid days × the daily
fraction) and shared among its paid days by largest remainder, so the days add
up to the block and the blocks to the total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import Any, Literal

from opencomp.benefits.calculators.types import (
    Explanation,
    ExplanationBuilder,
    InputError,
    Source,
    day,
    dollars,
    money,
    params_for,
    require_money,
)
from opencomp.core.money import CENT
from opencomp.jurisdictions.benefit_params import BenefitParameters

DayKind = Literal["waiting", "compensable", "waiting_paid_back", "non_workday", "injury_day", "after_90_days"]
PAID_KINDS: frozenset[str] = frozenset({"compensable", "waiting_paid_back"})
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ZERO = Decimal("0.00")
ONE_DAY = dt.timedelta(days=1)
BLOCK_DAYS = 7


@dataclass(frozen=True)
class DayLine:
    """One calendar day of a period: what it is and what it pays."""

    day: dt.date
    kind: DayKind
    fraction: Fraction  # of a week; 0 for an unpaid day
    amount: Decimal

    def as_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "kind": self.kind,
            "fraction": f"{self.fraction.numerator}/{self.fraction.denominator}",
            "amount": str(self.amount),
        }


@dataclass(frozen=True)
class DisabilityPeriod:
    """A period of temporary disability: its waiting period, the days paid and the amount."""

    jurisdiction: str
    weekly_rate: Decimal
    first_day: dt.date
    return_to_work: dt.date
    disability_start: dt.date  # first day of the continuing disability (first_day unless continued)
    waiting_settled: bool  # an earlier instalment already paid the waiting period back
    days_per_week: int
    work_days: tuple[int, ...]  # ISO weekdays 1=Mon..7=Sun
    waiting_days: tuple[dt.date, ...]  # of the disability: may fall before first_day
    waiting_paid_back: bool  # judged on the whole disability, disability_start to return_to_work − 1
    compensable_days: tuple[dt.date, ...]  # days paid (incl. waiting days paid back)
    # earlier waiting days paid back now (before first_day), then every calendar day from first_day to
    # return_to_work − 1
    days: tuple[DayLine, ...]
    amount: Decimal
    explanation: Explanation

    def as_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "weekly_rate": str(self.weekly_rate),
            "first_day": self.first_day.isoformat(),
            "return_to_work": self.return_to_work.isoformat(),
            "disability_start": self.disability_start.isoformat(),
            "waiting_settled": self.waiting_settled,
            "days_per_week": self.days_per_week,
            "work_days": list(self.work_days),
            "waiting_days": [d.isoformat() for d in self.waiting_days],
            "waiting_paid_back": self.waiting_paid_back,
            "compensable_days": [d.isoformat() for d in self.compensable_days],
            "amount": str(self.amount),
            "days": [line.as_json() for line in self.days],
            **self.explanation.as_json(),
        }


@dataclass(frozen=True)
class SalaryContinuation:
    """Denver Career Service salary continuation for one absence after a work injury."""

    weekly_gross: Decimal
    ttd_weekly_rate: Decimal
    weekly_continuation: Decimal  # max(0, 80% of gross − the TTD rate)
    injury_date: dt.date
    first_day_off: dt.date
    return_to_work: dt.date
    last_day_covered: dt.date  # injury_date + 89 days
    injury_day_pay: Decimal  # a full day's regular pay, reported apart from the total
    days_per_week: int
    work_days: tuple[int, ...]
    waiting_days: tuple[dt.date, ...]
    waiting_paid_back: bool
    days: tuple[DayLine, ...]  # the injury day, then every day from first_day_off to return_to_work − 1
    total: Decimal  # salary continuation only: the sum of the days other than the injury day
    explanation: Explanation

    def as_json(self) -> dict[str, Any]:
        return {
            "weekly_gross": str(self.weekly_gross),
            "ttd_weekly_rate": str(self.ttd_weekly_rate),
            "weekly_continuation": str(self.weekly_continuation),
            "injury_date": self.injury_date.isoformat(),
            "first_day_off": self.first_day_off.isoformat(),
            "return_to_work": self.return_to_work.isoformat(),
            "last_day_covered": self.last_day_covered.isoformat(),
            "injury_day_pay": str(self.injury_day_pay),
            "days_per_week": self.days_per_week,
            "work_days": list(self.work_days),
            "waiting_days": [d.isoformat() for d in self.waiting_days],
            "waiting_paid_back": self.waiting_paid_back,
            "days": [line.as_json() for line in self.days],
            "total": str(self.total),
            **self.explanation.as_json(),
        }


# ---------------------------------------------------------------------------
# shared helpers


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _days_between(start: dt.date, stop: dt.date) -> list[dt.date]:
    """``start`` … ``stop`` − 1."""
    return [start + dt.timedelta(days=i) for i in range((stop - start).days)]


def _span(days: Sequence[dt.date]) -> str:
    if not days:
        return "none"
    if len(days) == 1:
        return day(days[0])
    return f"{day(days[0])} – {day(days[-1])}"


def _weekday_names(work_days: Sequence[int]) -> str:
    return ", ".join(WEEKDAYS[d - 1] for d in work_days)


def _schedule(
    days_per_week: int | None, work_days: Sequence[int] | None, *, default: int
) -> tuple[int, tuple[int, ...]]:
    """Check and complete the days worked a week and which weekdays they are."""
    if work_days is not None and (isinstance(work_days, str) or not isinstance(work_days, Sequence)):
        raise InputError("work_days", "must be a list of ISO weekdays, 1 (Monday) to 7 (Sunday)")
    if days_per_week is None:
        days_per_week = default if work_days is None else len(set(work_days))
    if isinstance(days_per_week, bool) or not isinstance(days_per_week, int) or not 1 <= days_per_week <= 7:
        raise InputError("days_per_week", "must be a whole number of days from 1 to 7")
    if work_days is None:
        return days_per_week, tuple(range(1, days_per_week + 1))
    if any(isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= 7 for d in work_days):
        raise InputError("work_days", "must be ISO weekdays, 1 (Monday) to 7 (Sunday)")
    chosen = tuple(sorted(set(work_days)))
    if len(chosen) != len(work_days):
        raise InputError("work_days", "lists a weekday more than once")
    if len(chosen) != days_per_week:
        raise InputError("work_days", f"names {len(chosen)} weekdays but days_per_week is {days_per_week}")
    return days_per_week, chosen


def _allocate(total: Decimal, shares: Sequence[Fraction]) -> list[Decimal]:
    """Share ``total`` (cents) among exact ``shares`` by largest remainder; ties go to the earlier.

    ``total`` is the shares' exact sum rounded to the cent, so the cents left after
    flooring each share are fewer than one per share.
    """
    if not shares:
        return []
    cents = [share * 100 for share in shares]
    floors = [floor(c) for c in cents]
    left = int(total * 100) - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-(cents[i] - floors[i]), i))
    for i in range(max(left, 0)):
        floors[order[i % len(order)]] += 1
    return [Decimal(c).scaleb(-2) for c in floors]


def _paid_by_block(
    builder: ExplanationBuilder,
    start: dt.date,
    days: Sequence[dt.date],
    paid: set[dt.date],
    weekly: Decimal,
    fraction: Fraction,
    label: str,
) -> dict[dt.date, Decimal]:
    """Each paid day's amount: 7-day blocks from ``start``, each rounded once, shared by remainder."""
    blocks: dict[int, list[dt.date]] = {}
    for d in days:
        blocks.setdefault((d - start).days // BLOCK_DAYS, []).append(d)
    amounts: dict[dt.date, Decimal] = {}
    for index, block_days in sorted(blocks.items()):
        block_paid = [d for d in block_days if d in paid]
        block_start = start + dt.timedelta(days=index * BLOCK_DAYS)
        block_end = block_start + dt.timedelta(days=BLOCK_DAYS - 1)
        exact = Fraction(weekly) * len(block_paid) * fraction
        block_amount = money(exact)
        shown = Decimal(exact.numerator) / Decimal(exact.denominator)
        worked = (
            dollars(block_amount)
            if shown == block_amount
            else f"{shown:.4f}… → {dollars(block_amount)} (to the cent, half up)"
        )
        builder.step(
            f"Week {index + 1} ({day(block_start)} – {day(block_end)}): {len(block_paid)} paid "
            f"day{'s' if len(block_paid) != 1 else ''} × {fraction.numerator}/{fraction.denominator} "
            f"of the {label} {dollars(weekly)} = {worked}."
        )
        shares = _allocate(block_amount, [Fraction(weekly) * fraction] * len(block_paid))
        amounts.update(zip(block_paid, shares, strict=True))
    return amounts


def _check_date(field_name: str, value: object) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InputError(field_name, "must be a date (YYYY-MM-DD)")
    return value


# ---------------------------------------------------------------------------
# disability periods (MN, CO)


def disability_period(
    jurisdiction: str,
    *,
    weekly_rate: Decimal,
    first_day: dt.date,
    return_to_work: dt.date,
    injury_date: dt.date | None = None,
    days_per_week: int | None = None,
    work_days: Sequence[int] | None = None,
    disability_start: dt.date | None = None,
    waiting_settled: bool = False,
) -> DisabilityPeriod:
    """The waiting days, compensable days and amount of a period of temporary disability.

    The period runs from ``first_day`` to the day before ``return_to_work`` (the
    first day back). ``disability_start`` (default ``first_day``) is the first day of
    the continuing disability when the period is an instalment of a longer one: the
    waiting period is counted from it and its payback judged on the whole disability
    to ``return_to_work`` − 1; when the disability reaches the payback day in this
    period, the earlier waiting days (scheduled workdays in MN, every day in CO) are
    paid in it as ``waiting_paid_back``, unless ``waiting_settled`` says an earlier
    instalment already paid them back. ``injury_date`` (default ``disability_start``)
    keys the figures.

    Raises:
        InputError: an argument is unusable, or the jurisdiction has no day-by-day rule here.
        MissingFigure: a figure for the injury date is not in the rule pack.
    """
    if jurisdiction == "CT":
        raise InputError(
            "jurisdiction",
            "Connecticut's waiting period and daily rate are not in the sources held, so a CT "
            "disability period cannot be computed day by day",
        )
    if jurisdiction == "NSW":
        raise InputError(
            "jurisdiction",
            "NSW weekly payments are counted in entitlement weeks, not days of a waiting period: use "
            "the NSW entitlement weeks (nsw_weeks) or the wage reimbursement schedule (reimbursement)",
        )
    params = params_for(jurisdiction)
    if jurisdiction not in ("MN", "CO"):
        raise InputError("jurisdiction", f"no disability-period rule is held for {jurisdiction}")
    weekly_rate = require_money("weekly_rate", weekly_rate).quantize(CENT)
    first_day = _check_date("first_day", first_day)
    return_to_work = _check_date("return_to_work", return_to_work)
    if return_to_work <= first_day:
        raise InputError(
            "return_to_work",
            f"must be after the first day of disability ({first_day.isoformat()}): it is the first day "
            "back at work",
        )
    start = first_day if disability_start is None else _check_date("disability_start", disability_start)
    if start > first_day:
        raise InputError(
            "disability_start",
            f"is after the period's first day ({first_day.isoformat()}): it is the first day of the "
            "continuing disability, on or before the period's first day",
        )
    if not isinstance(waiting_settled, bool):
        raise InputError("waiting_settled", "must be true or false")
    injury = start if injury_date is None else _check_date("injury_date", injury_date)
    if injury > start:
        raise InputError("injury_date", f"is after the first day of disability ({start.isoformat()})")
    span = _Span(start, first_day, return_to_work, waiting_settled)
    if jurisdiction == "MN":
        return _minnesota(params, weekly_rate, span, injury, days_per_week, work_days)
    return _colorado(params, weekly_rate, span, injury, days_per_week, work_days)


@dataclass(frozen=True)
class _Span:
    """A period of a (possibly continuing) disability."""

    start: dt.date  # first day of the disability
    first_day: dt.date  # first day of this period
    return_to_work: dt.date
    waiting_settled: bool

    @property
    def days(self) -> list[dt.date]:
        """The days of this period."""
        return _days_between(self.first_day, self.return_to_work)

    @property
    def whole(self) -> list[dt.date]:
        """The days of the disability, from its first day to the day before the return to work."""
        return _days_between(self.start, self.return_to_work)


def _period_lines(
    days: Sequence[dt.date],
    work_days: Sequence[int],
    waiting: Sequence[dt.date],
    paid_back: bool,
    amounts: dict[dt.date, Decimal],
    fraction: Fraction,
) -> tuple[DayLine, ...]:
    lines = []
    waiting_set = set(waiting)
    for d in days:
        kind: DayKind
        if d in waiting_set and not paid_back:
            kind = "waiting"
        elif d.isoweekday() not in work_days:
            kind = "non_workday"
        elif d in waiting_set:
            kind = "waiting_paid_back"
        else:
            kind = "compensable"
        paid = kind in PAID_KINDS
        lines.append(DayLine(d, kind, fraction if paid else Fraction(0), amounts[d] if paid else ZERO))
    return tuple(lines)


def _intro(builder: ExplanationBuilder, span: _Span) -> None:
    days = span.days
    builder.step(
        f"Disability from {day(days[0])} to {day(days[-1])}: {len(days)} calendar "
        f"day{'s' if len(days) != 1 else ''}; {day(span.return_to_work)} is the first day back at work."
    )
    if span.start < span.first_day:
        before = (span.first_day - span.start).days
        builder.step(
            f"This period continues a disability that began on {day(span.start)} ({before} calendar "
            f"day{'s' if before != 1 else ''} in earlier periods running back to back into this one): "
            f"{day(span.first_day)} is its {_ordinal(before + 1)} calendar day, and its waiting period, the "
            "payback of it and its weeks are counted from its first day."
        )


def _check_settled(span: _Span, reached_by: int, words: str) -> None:
    """``waiting_settled`` needs a disability before this period long enough to have paid the waiting back."""
    before = (span.first_day - span.start).days
    if span.waiting_settled and before < reached_by:
        raise InputError(
            "waiting_settled",
            f"the disability before this period ({before} calendar day{'s' if before != 1 else ''} from "
            f"{span.start.isoformat()}) is too short for an earlier period to have paid the waiting "
            f"period back ({words})",
        )


def _settle(
    builder: ExplanationBuilder,
    span: _Span,
    waiting: Sequence[dt.date],
    reached: bool,
    schedule: Sequence[int],
    rule: Source,
    scheduled_only: bool,
) -> list[dt.date]:
    """The earlier waiting days (before the period's first day) paid back in this period."""
    before = [d for d in waiting if d < span.first_day]
    if not before:
        return []
    if span.waiting_settled:
        builder.step(
            f"The waiting period ({_span(before)}) was paid back in an earlier period of this disability: "
            "it is not paid again.",
            rule,
        )
        return []
    if not reached:
        return []
    owed = [d for d in before if d.isoweekday() in schedule]
    which = " on scheduled workdays" if scheduled_only else ""
    if owed:
        builder.step(
            f"The waiting days before this period{which} ({', '.join(day(d) for d in owed)}) were not paid "
            "in the earlier period and are paid back in this one.",
            rule,
        )
    else:
        builder.step(
            f"The waiting days before this period ({_span(before)}) fall on nonscheduled days: nothing to "
            "pay back for them.",
            rule,
        )
    return owed


def _minnesota(
    params: BenefitParameters,
    weekly_rate: Decimal,
    span: _Span,
    injury: dt.date,
    days_per_week: int | None,
    work_days: Sequence[int] | None,
) -> DisabilityPeriod:
    per_week, schedule = _schedule(days_per_week, work_days, default=5)
    builder = ExplanationBuilder(params.rules_version)
    rule = params.citation("waiting_period")
    builder.cite(params.citation("rounding"))
    days, whole = span.days, span.whole
    _intro(builder, span)

    waiting_fig = builder.figure(params.figure("waiting_days", injury))
    payback_fig = builder.figure(params.figure("waiting_payback_day", injury))
    n_waiting = int(waiting_fig.value)
    payback_day = int(payback_fig.value)
    _check_settled(span, payback_day, f"it continues on the {_ordinal(payback_day)} calendar day")
    waiting = whole[:n_waiting]
    builder.step(
        f"No compensation is paid for the first {n_waiting} calendar days of disability (the waiting "
        f"period): {_span(waiting)}.",
        rule,
    )
    tenth = span.start + dt.timedelta(days=payback_day - 1)
    reached = len(whole) >= payback_day
    if reached:
        builder.step(
            f"The disability continued on the {_ordinal(payback_day)} calendar day ({day(tenth)}), so "
            "compensation is computed from the first day: the waiting period is paid back.",
            rule,
        )
    else:
        builder.step(
            f"The disability ended before the {_ordinal(payback_day)} calendar day ({day(tenth)}), so the "
            "waiting period is not paid.",
            rule,
        )
    paid_back = reached or span.waiting_settled
    earlier = _settle(builder, span, waiting, reached, schedule, rule, scheduled_only=True)
    fraction = Fraction(1, per_week)
    builder.step(
        f"Only scheduled workdays ({_weekday_names(schedule)}) are paid; with {per_week} workdays a week "
        f"each is {fraction.numerator}/{fraction.denominator} of the weekly rate {dollars(weekly_rate)}.",
        params.citation("daily_fraction"),
    )
    off_days = [d for d in days if d.isoweekday() not in schedule and (paid_back or d not in waiting)]
    if off_days:
        builder.step(
            f"{len(off_days)} day{'s' if len(off_days) != 1 else ''} of disability outside the waiting "
            f"period {'fall' if len(off_days) != 1 else 'falls'} on nonscheduled days and "
            f"{'are' if len(off_days) != 1 else 'is'} not paid.",
            params.citation("nonscheduled_days"),
        )
    return _finish(
        builder, "MN", weekly_rate, span, per_week, schedule, waiting, paid_back, earlier, fraction
    )


def _colorado(
    params: BenefitParameters,
    weekly_rate: Decimal,
    span: _Span,
    injury: dt.date,
    days_per_week: int | None,
    work_days: Sequence[int] | None,
) -> DisabilityPeriod:
    if days_per_week is not None and days_per_week != 7:
        raise InputError(
            "days_per_week",
            "Colorado pays by calendar day (weekly rate ÷ 7), so days_per_week must be 7 (or left out)",
        )
    if work_days is not None and len(set(work_days)) != 7:
        raise InputError(
            "work_days", "Colorado pays by calendar day (weekly rate ÷ 7): every weekday is paid"
        )
    per_week, schedule = _schedule(7, work_days, default=7)
    builder = ExplanationBuilder(params.rules_version)
    rule = params.citation("waiting_period")
    builder.cite(params.citation("rounding"))
    whole = span.whole
    _intro(builder, span)

    waiting_fig = builder.figure(params.figure("waiting_days", injury))
    payback_fig = builder.figure(params.figure("waiting_payback_after_days", injury))
    n_waiting = int(waiting_fig.value)
    payback_after = int(payback_fig.value)
    _check_settled(span, payback_after + 1, f"it lasts longer than {payback_after} days")
    waiting = whole[:n_waiting]
    builder.step(
        f"No compensation is paid for the first {n_waiting} days of disability from the day the employee "
        f"leaves work (the waiting period): {_span(waiting)}.",
        rule,
    )
    reached = len(whole) > payback_after
    since = f" (from {day(span.start)})" if span.start < span.first_day else ""
    if reached:
        builder.step(
            f"The disability lasted {len(whole)} days{since}, longer than {payback_after} days, so "
            "compensation is recoverable from the day the employee left work: the waiting period is paid "
            "back.",
            rule,
        )
    else:
        builder.step(
            f"The disability lasted {len(whole)} day{'s' if len(whole) != 1 else ''}{since}, not longer than "
            f"{payback_after} days, so the waiting period is not paid.",
            rule,
        )
    paid_back = reached or span.waiting_settled
    earlier = _settle(builder, span, waiting, reached, schedule, rule, scheduled_only=False)
    fraction = Fraction(1, 7)
    builder.step(
        f"Colorado pays temporary disability by calendar day: each day is 1/7 of the weekly rate "
        f"{dollars(weekly_rate)}.",
        params.citation("daily_rate"),
    )
    return _finish(
        builder, "CO", weekly_rate, span, per_week, schedule, waiting, paid_back, earlier, fraction
    )


def _finish(
    builder: ExplanationBuilder,
    code: str,
    weekly_rate: Decimal,
    span: _Span,
    per_week: int,
    schedule: tuple[int, ...],
    waiting: Sequence[dt.date],
    paid_back: bool,
    earlier: Sequence[dt.date],
    fraction: Fraction,
) -> DisabilityPeriod:
    days = span.days
    waiting_set = set(waiting)
    current = [d for d in days if d.isoweekday() in schedule and (paid_back or d not in waiting_set)]
    paid = [*earlier, *current]
    reported = [*earlier, *days]
    amounts = _paid_by_block(builder, span.start, reported, set(paid), weekly_rate, fraction, "weekly rate")
    back = tuple(DayLine(d, "waiting_paid_back", fraction, amounts[d]) for d in earlier)
    lines = back + _period_lines(days, schedule, waiting, paid_back, amounts, fraction)
    total = sum((line.amount for line in lines), ZERO)
    builder.step(
        f"Total: {len(paid)} paid day{'s' if len(paid) != 1 else ''}, {dollars(total)}"
        f"{' (nothing is owed)' if not paid else ''}. Each week is rounded to the cent once and shared "
        "among its paid days, so the days add up to the total."
    )
    return DisabilityPeriod(
        jurisdiction=code,
        weekly_rate=weekly_rate,
        first_day=span.first_day,
        return_to_work=span.return_to_work,
        disability_start=span.start,
        waiting_settled=span.waiting_settled,
        days_per_week=per_week,
        work_days=schedule,
        waiting_days=tuple(waiting),
        waiting_paid_back=paid_back,
        compensable_days=tuple(paid),
        days=lines,
        amount=total,
        explanation=builder.build(),
    )


# ---------------------------------------------------------------------------
# Denver Career Service salary continuation (seed 001)


def salary_continuation(
    *,
    weekly_gross: Decimal,
    ttd_weekly_rate: Decimal,
    injury_date: dt.date,
    return_to_work: dt.date,
    first_day_off: dt.date | None = None,
    days_per_week: int = 5,
    work_days: Sequence[int] | None = None,
) -> SalaryContinuation:
    """Denver Career Service salary continuation for an absence after a work injury.

    The day of injury is paid a full day's regular pay (reported as
    ``injury_day_pay``, not in ``total``). From ``first_day_off`` (default the day
    after the injury) to the day before ``return_to_work``, each lost scheduled
    shift is paid (80% of gross − the TTD rate) ÷ days worked a week, for days up
    to 89 days after the injury; the first three lost shifts are a waiting period
    unless the employee is off work more than two weeks.

    Raises:
        InputError: an argument is unusable (``field`` names it).
        MissingFigure: a figure for the injury date is not in the rule pack.
    """
    params = params_for("CO")
    weekly_gross = require_money("weekly_gross", weekly_gross, allow_zero=False).quantize(CENT)
    ttd_weekly_rate = require_money("ttd_weekly_rate", ttd_weekly_rate).quantize(CENT)
    injury = _check_date("injury_date", injury_date)
    return_to_work = _check_date("return_to_work", return_to_work)
    off = injury + ONE_DAY if first_day_off is None else _check_date("first_day_off", first_day_off)
    if off <= injury:
        raise InputError(
            "first_day_off",
            f"must be after the injury date ({injury.isoformat()}): the day of injury is paid in full",
        )
    if return_to_work <= off:
        raise InputError(
            "return_to_work",
            f"must be after the first day off work ({off.isoformat()}): it is the first day back at work",
        )
    per_week, schedule = _schedule(days_per_week, work_days, default=5)

    builder = ExplanationBuilder(params.rules_version)
    rule = params.citation("salary_continuation")
    builder.cite(rule, params.citation("rounding"))
    pct = builder.figure(params.figure("salary_continuation_percent", injury))
    cover = builder.figure(params.figure("salary_continuation_days", injury))
    waiting_fig = builder.figure(params.figure("salary_continuation_waiting_shifts", injury))
    payback_fig = builder.figure(params.figure("salary_continuation_payback_after_days", injury))

    injury_day_pay = money(Fraction(weekly_gross) / per_week)
    builder.step(
        f"The day of injury ({day(injury)}) is paid a full day's regular pay: {dollars(weekly_gross)} ÷ "
        f"{per_week} = {dollars(injury_day_pay)}; it is not salary continuation and is not in the total.",
        rule,
    )
    share = money(Fraction(weekly_gross) * pct.ratio)
    weekly_cont = max(share - ttd_weekly_rate, ZERO)
    builder.step(
        f"Salary continuation makes the temporary disability rate up to {pct.text} of gross salary: "
        f"{pct.text} × {dollars(weekly_gross)} = {dollars(share)}; less the TTD rate "
        f"{dollars(ttd_weekly_rate)} = {dollars(weekly_cont)} a week"
        f"{' (the TTD rate is at or above it: nothing to make up)' if share <= ttd_weekly_rate else ''}.",
        rule,
    )
    n_cover = int(cover.value)
    last_covered = injury + dt.timedelta(days=n_cover - 1)
    builder.step(
        f"Salary continuation runs for up to {n_cover} consecutive calendar days from the date of injury: "
        f"to {day(last_covered)}.",
        rule,
    )

    days = _days_between(off, return_to_work)
    builder.step(
        f"Off work from {day(off)} to {day(days[-1])}: {len(days)} calendar day"
        f"{'s' if len(days) != 1 else ''}; {day(return_to_work)} is the first day back."
    )
    n_waiting = int(waiting_fig.value)
    payback_after = int(payback_fig.value)
    covered_shifts = [d for d in days if d <= last_covered and d.isoweekday() in schedule]
    waiting = covered_shifts[:n_waiting]
    builder.step(
        f"The first {n_waiting} full lost scheduled shifts after the day of injury "
        f"({', '.join(day(d) for d in waiting) or 'none'}) are a waiting period (the same {n_waiting} "
        "days as C.R.S. 8-42-103, counted in scheduled shifts).",
        rule,
    )
    paid_back = len(days) > payback_after
    if paid_back:
        builder.step(
            f"Off work {len(days)} days, more than {payback_after} days (two weeks), so the waiting shifts "
            "are paid as salary continuation.",
            rule,
        )
    else:
        builder.step(
            f"Off work {len(days)} day{'s' if len(days) != 1 else ''}, not more than {payback_after} days "
            "(two weeks), so the waiting shifts are not paid as salary continuation (the employee uses "
            "sick leave, vacation or leave without pay).",
            rule,
        )
    waiting_set = set(waiting)
    paid = [d for d in covered_shifts if paid_back or d not in waiting_set]
    fraction = Fraction(1, per_week)
    builder.step(
        f"Each paid lost shift ({_weekday_names(schedule)} are scheduled) is {fraction.numerator}/"
        f"{fraction.denominator} of the weekly salary continuation {dollars(weekly_cont)}.",
        rule,
    )
    amounts = _paid_by_block(builder, off, days, set(paid), weekly_cont, fraction, "weekly continuation")

    lines = [DayLine(injury, "injury_day", fraction, injury_day_pay)]
    for d in days:
        kind: DayKind
        if d > last_covered:
            kind = "after_90_days"
        elif d.isoweekday() not in schedule:
            kind = "non_workday"
        elif d in waiting_set:
            kind = "waiting_paid_back" if paid_back else "waiting"
        else:
            kind = "compensable"
        pays = kind in PAID_KINDS
        lines.append(DayLine(d, kind, fraction if pays else Fraction(0), amounts[d] if pays else ZERO))
    after = [d for d in days if d > last_covered]
    if after:
        builder.step(
            f"{len(after)} day{'s' if len(after) != 1 else ''} off work after {day(last_covered)} "
            f"{'are' if len(after) != 1 else 'is'} past the {n_cover}-day limit: no salary continuation "
            "(temporary disability benefits continue under the statute).",
            rule,
        )
    total = sum((line.amount for line in lines[1:]), ZERO)
    builder.step(
        f"Total salary continuation: {len(paid)} shift{'s' if len(paid) != 1 else ''}, {dollars(total)} "
        f"(plus the injury day's pay {dollars(injury_day_pay)}, and the TTD paid by the insurer)."
    )
    return SalaryContinuation(
        weekly_gross=weekly_gross,
        ttd_weekly_rate=ttd_weekly_rate,
        weekly_continuation=weekly_cont,
        injury_date=injury,
        first_day_off=off,
        return_to_work=return_to_work,
        last_day_covered=last_covered,
        injury_day_pay=injury_day_pay,
        days_per_week=per_week,
        work_days=schedule,
        waiting_days=tuple(waiting),
        waiting_paid_back=paid_back,
        days=tuple(lines),
        total=total,
        explanation=builder.build(),
    )
