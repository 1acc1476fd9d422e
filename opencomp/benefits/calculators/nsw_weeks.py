"""NSW entitlement weeks, the step-down dates they lead to, and the s 59A medical limit.

An entitlement week (SIRA GN 3.10, s 39) is a 7-day block that starts on the
first day of incapacity (a Wednesday start runs Wednesday to Tuesday) in which any
weekly payment was made, even for part of a day; weeks are counted in aggregate,
so weeks with no payment do not count. The first entitlement period is aggregate
weeks 1–13, the second weeks 14–130 (s 32A); weekly payments cease after an
aggregate 260 weeks unless whole person impairment is more than 20% (s 39).

Medical expenses (s 59A) end 2 years (WPI 10% or less, or not assessed) or 5 years
(more than 10%, not more than 20%) after the claim, or after weekly payments cease
if any were paid; with WPI over 20% there is no limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from opencomp.benefits.calculators.types import (
    Explanation,
    ExplanationBuilder,
    InputError,
    MissingFigure,
    day,
    params_for,
)
from opencomp.jurisdictions.benefit_params import BenefitParameters

BLOCK_DAYS = 7


@dataclass(frozen=True)
class EntitlementWeek:
    """One entitlement week: its aggregate number and its 7 days."""

    number: int
    start: dt.date
    end: dt.date
    projected: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "projected": self.projected,
        }


@dataclass(frozen=True)
class StepDowns:
    """Where a worker stands in the aggregate weeks, and when the periods change if paid on."""

    first_incapacity: dt.date
    as_at: dt.date
    weeks_paid: int
    second_period_starts: dt.date  # start of aggregate week 14
    after_130_starts: dt.date  # start of aggregate week 131
    s39_ends_after: dt.date  # last day of aggregate week 260
    weeks: tuple[EntitlementWeek, ...]  # the paid weeks up to as_at
    explanation: Explanation

    def as_json(self) -> dict[str, Any]:
        return {
            "first_incapacity": self.first_incapacity.isoformat(),
            "as_at": self.as_at.isoformat(),
            "weeks_paid": self.weeks_paid,
            "second_period_starts": self.second_period_starts.isoformat(),
            "after_130_starts": self.after_130_starts.isoformat(),
            "s39_ends_after": self.s39_ends_after.isoformat(),
            "weeks": [w.as_json() for w in self.weeks],
            **self.explanation.as_json(),
        }


@dataclass(frozen=True)
class MedicalLimit:
    """When the s 59A entitlement to medical expenses ends (``ends_on`` None: no limit)."""

    wpi: Decimal | None
    ends_on: dt.date | None
    basis: str
    explanation: Explanation

    def as_json(self) -> dict[str, Any]:
        return {
            "wpi": None if self.wpi is None else str(self.wpi),
            "ends_on": None if self.ends_on is None else self.ends_on.isoformat(),
            "basis": self.basis,
            **self.explanation.as_json(),
        }


def _check_date(field_name: str, value: object) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InputError(field_name, "must be a date (YYYY-MM-DD)")
    return value


def _block_start(first_incapacity: dt.date, index: int) -> dt.date:
    return first_incapacity + dt.timedelta(days=index * BLOCK_DAYS)


def _paid_blocks(first_incapacity: dt.date, paid_days: Iterable[dt.date]) -> list[int]:
    blocks = set()
    for i, paid in enumerate(paid_days):
        paid = _check_date(f"paid_days[{i}]", paid)
        if paid < first_incapacity:
            raise InputError(
                "paid_days",
                f"{paid.isoformat()} is before the first day of incapacity ({first_incapacity.isoformat()})",
            )
        blocks.add((paid - first_incapacity).days // BLOCK_DAYS)
    return sorted(blocks)


def _weeks(first_incapacity: dt.date, blocks: Sequence[int]) -> tuple[EntitlementWeek, ...]:
    return tuple(
        EntitlementWeek(
            n,
            _block_start(first_incapacity, b),
            _block_start(first_incapacity, b) + dt.timedelta(days=BLOCK_DAYS - 1),
            projected=False,
        )
        for n, b in enumerate(blocks, start=1)
    )


def entitlement_weeks(first_incapacity: dt.date, paid_days: Iterable[dt.date]) -> tuple[EntitlementWeek, ...]:
    """The entitlement weeks of ``paid_days``: each 7-day block from ``first_incapacity`` with a payment.

    Raises:
        InputError: a paid day is not a date or is before the first day of incapacity.
    """
    first = _check_date("first_incapacity", first_incapacity)
    return _weeks(first, _paid_blocks(first, paid_days))


def step_downs(
    *,
    injury_date: dt.date,
    first_incapacity: dt.date,
    paid_days: Iterable[dt.date] = (),
    as_at: dt.date | None = None,
) -> StepDowns:
    """The aggregate weeks paid up to ``as_at`` and the start of weeks 14 and 131 and the end of week 260.

    Weeks already paid give their own dates; the rest are projected as paid
    continuously from the block after the one containing ``as_at`` (default: the
    last paid day, or the first day of incapacity when nothing has been paid).
    Paid days after ``as_at`` are not counted.

    Raises:
        InputError: an argument is unusable (``field`` names it).
        MissingFigure: a figure for the injury date is not in the rule pack.
    """
    params = params_for("NSW")
    injury = _check_date("injury_date", injury_date)
    first = _check_date("first_incapacity", first_incapacity)
    if first < injury:
        raise InputError("first_incapacity", f"is before the injury date ({injury.isoformat()})")
    paid = [_check_date(f"paid_days[{i}]", d) for i, d in enumerate(paid_days)]
    _paid_blocks(first, paid)  # refuses a paid day before the first day of incapacity
    if as_at is None:
        as_at = max(paid, default=first)
    as_at = _check_date("as_at", as_at)
    if as_at < first:
        raise InputError("as_at", f"is before the first day of incapacity ({first.isoformat()})")
    counted = [d for d in paid if d <= as_at]
    blocks = _paid_blocks(first, counted)
    weeks = _weeks(first, blocks)

    builder = ExplanationBuilder(params.rules_version)
    s39 = params.citation("s39")
    periods = params.citation("entitlement_periods")
    first_weeks = int(builder.figure(params.figure("first_period_weeks", injury)).value)
    second_last = int(builder.figure(params.figure("second_period_last_week", injury)).value)
    limit = int(builder.figure(params.figure("weekly_limit_weeks", injury)).value)
    wpi_over = builder.figure(params.figure("wpi_exception_over", injury))

    end_of_block_zero = first + dt.timedelta(days=BLOCK_DAYS - 1)
    builder.step(
        f"Entitlement weeks are 7-day blocks starting on the first day of incapacity, {day(first)} (the "
        f"first runs to {day(end_of_block_zero)}); a block counts if any weekly payment was made in it, even "
        "for part of a day, and weeks are counted in aggregate.",
        s39,
    )
    left_out = len(paid) - len(counted)
    builder.step(
        f"As at {day(as_at)}: {len(weeks)} entitlement week{'s' if len(weeks) != 1 else ''} paid"
        f"{f' (from {len(counted)} paid days)' if counted else ''}"
        f"{f'; {left_out} paid day(s) after {day(as_at)} are not counted' if left_out else ''}."
    )
    gaps = sum(b - a - 1 for a, b in pairwise(blocks))
    if gaps:
        builder.step(
            f"{gaps} block{'s' if gaps != 1 else ''} without a payment between paid weeks "
            f"{'do' if gaps != 1 else 'does'} not count, so the later weeks move back by as many weeks."
        )
    as_at_block = (as_at - first).days // BLOCK_DAYS
    next_block = as_at_block + 1 if blocks and blocks[-1] == as_at_block else as_at_block
    projected_from = _block_start(first, next_block)
    if len(weeks) < limit:
        paid_text = "No week has been paid yet" if not weeks else f"{_count(len(weeks))} paid"
        builder.step(
            f"{paid_text}; the weeks after are projected as paid every week from {day(projected_from)} "
            "(the step-down dates move later by a week for every week without a payment)."
        )

    def start_of(number: int) -> dt.date:
        if number <= len(weeks):
            return weeks[number - 1].start
        return _block_start(first, next_block + number - len(weeks) - 1)

    second = start_of(first_weeks + 1)
    after_130 = start_of(second_last + 1)
    ends = start_of(limit) + dt.timedelta(days=BLOCK_DAYS - 1)
    builder.step(
        f"The first entitlement period is aggregate weeks 1–{first_weeks}; the second entitlement period "
        f"(weeks {first_weeks + 1}–{second_last}) starts {day(second)}: from then "
        f"{_step_down_words(params, injury)}.",
        periods,
    )
    builder.step(
        f"Week {second_last + 1} starts {day(after_130)}: after {second_last} weeks weekly payments continue "
        "only in the cases SIRA lists (no current work capacity likely to continue indefinitely, or working "
        "15 hours a week or more and earning at least the threshold, or WPI over 20%): an insurer's work "
        "capacity decision.",
        params.citation("after_130_weeks"),
    )
    builder.step(
        f"Aggregate week {limit} ends {day(ends)}: weekly payments cease after it (s 39) unless whole person "
        f"impairment is more than {wpi_over.text}%.",
        s39,
    )
    return StepDowns(
        first_incapacity=first,
        as_at=as_at,
        weeks_paid=len(weeks),
        second_period_starts=second,
        after_130_starts=after_130,
        s39_ends_after=ends,
        weeks=weeks,
        explanation=builder.build(),
    )


def _count(n: int) -> str:
    return f"{n} week{'s' if n != 1 else ''}"


def _step_down_words(params: BenefitParameters, injury: dt.date) -> str:
    """'from 95% to 80% of PIAWE unless … 15 hours …' when the figures for the injury date are held."""
    try:
        high = params.figure("first_period_percent", injury)
        low = params.figure("second_period_percent", injury)
        hours = params.figure("hours_threshold", injury)
    except MissingFigure:
        return "the weekly payment formula changes (the percentages for this injury date are not held)"
    return (
        f"the weekly payment steps down from {high.text} to {low.text} of PIAWE unless the worker is working "
        f"{hours.text} hours a week or more"
    )


def add_years(start: dt.date, years: int) -> dt.date:
    """``start`` plus calendar ``years``; 29 February becomes 28 February in a common year."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def medical_entitlement_end(
    *,
    injury_date: dt.date,
    claim_date: dt.date,
    weekly_payments_ceased: dt.date | None,
    wpi: Decimal | None,
) -> MedicalLimit:
    """When the worker's entitlement to medical expenses ends under s 59A.

    Raises:
        InputError: an argument is unusable (``field`` names it).
        MissingFigure: a figure for the injury date is not in the rule pack.
    """
    params = params_for("NSW")
    injury = _check_date("injury_date", injury_date)
    claim = _check_date("claim_date", claim_date)
    if claim < injury:
        raise InputError("claim_date", f"is before the injury date ({injury.isoformat()})")
    ceased = (
        None
        if weekly_payments_ceased is None
        else _check_date("weekly_payments_ceased", weekly_payments_ceased)
    )
    if ceased is not None and ceased < injury:
        raise InputError("weekly_payments_ceased", f"is before the injury date ({injury.isoformat()})")
    if wpi is not None and (not isinstance(wpi, Decimal) or not wpi.is_finite() or not 0 <= wpi <= 100):
        raise InputError("wpi", "must be a whole person impairment percentage from 0 to 100, such as 12")

    builder = ExplanationBuilder(params.rules_version)
    lower_band = builder.figure(params.figure("medical_wpi_lower_band", injury)).value.normalize()
    upper_band = builder.figure(params.figure("medical_wpi_upper_band", injury)).value.normalize()
    s59a = params.citation("s59a")
    shown = "not assessed" if wpi is None else f"{wpi.normalize():f}%"
    if wpi is not None and wpi > upper_band:
        builder.step(
            f"Whole person impairment {shown} is more than {upper_band}%: medical expenses have no time "
            "limit.",
            params.citation("s59a_over_20"),
        )
        return MedicalLimit(
            wpi, None, f"WPI {shown}, more than {upper_band}%: no time limit", builder.build()
        )

    if wpi is None or wpi <= lower_band:
        fig = builder.figure(params.figure("medical_years_wpi_10_or_less", injury))
        band = f"WPI {shown}" + ("" if wpi is None else f", {lower_band}% or less")
    else:
        fig = builder.figure(params.figure("medical_years_wpi_11_to_20", injury))
        band = f"WPI {shown}, more than {lower_band}% and not more than {upper_band}%"
    years = int(fig.value)
    if ceased is None:
        anchor, anchor_text = claim, f"the claim ({day(claim)}), as no weekly payments were made"
    else:
        anchor, anchor_text = ceased, f"when weekly payments ceased ({day(ceased)})"
    ends = add_years(anchor, years)
    builder.step(
        f"{band}: medical expenses are payable for {years} years from {anchor_text}.",
        s59a,
    )
    leap = anchor.month == 2 and anchor.day == 29 and ends.day == 28
    builder.step(
        f"{years} calendar years from {day(anchor)} is {day(ends)}"
        f"{' (29 February has no anniversary in a common year: 28 February is used)' if leap else ''}."
    )
    builder.step(
        "The entitlement revives for any period in which weekly payments are again payable.",
        s59a,
    )
    basis = f"{band}; {years} years from {anchor_text}"
    return MedicalLimit(wpi, ends, basis, builder.build())
