"""Weekly benefit rates: TTD and TPD (Colorado, Minnesota, Connecticut) and NSW weekly payments.

Each function resolves the statutory figures for the date that keys them (the
injury date for US maxima and minima; the payment week for the NSW maximum;
each review date for NSW indexation), does the arithmetic exactly (fractions,
rounded to the cent once per statutory step) and explains every step with its
citation. A date with no sourced figure raises ``MissingFigure``; nothing is
guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from opencomp.benefits.calculators.types import (
    Explanation,
    ExplanationBuilder,
    Figure,
    InputError,
    MissingFigure,
    day,
    dollars,
    money,
    params_for,
    require_money,
)
from opencomp.core.money import round_to_step
from opencomp.jurisdictions.benefit_params import BenefitParameters

Benefit = Literal["TTD", "TPD", "weekly"]
BENEFITS: dict[str, tuple[str, ...]] = {
    "CO": ("TTD", "TPD"),
    "MN": ("TTD", "TPD"),
    "CT": ("TTD", "TPD"),
    "NSW": ("weekly",),
}
REVIEW_MONTHS = (4, 10)
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class WeeklyBenefit:
    """A weekly benefit amount and how it was reached."""

    jurisdiction: str
    benefit: str
    injury_date: dt.date
    weekly_amount: Decimal
    maximum: Decimal | None
    minimum: Decimal | None
    explanation: Explanation
    inputs: tuple[tuple[str, str], ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "benefit": self.benefit,
            "injury_date": self.injury_date.isoformat(),
            "inputs": dict(self.inputs),
            "weekly_amount": str(self.weekly_amount),
            "maximum": None if self.maximum is None else str(self.maximum),
            "minimum": None if self.minimum is None else str(self.minimum),
            **self.explanation.as_json(),
        }


@dataclass(frozen=True)
class IndexedPiawe:
    """PIAWE carried from one date to another through each April and October review."""

    piawe: Decimal
    as_at: dt.date
    indexed: Decimal
    to_date: dt.date
    reviews: tuple[tuple[dt.date, Fraction, Decimal], ...]
    explanation: Explanation

    def as_json(self) -> dict[str, Any]:
        return {
            "piawe": str(self.piawe),
            "as_at": self.as_at.isoformat(),
            "indexed_piawe": str(self.indexed),
            "to_date": self.to_date.isoformat(),
            "reviews": [
                {"review_date": d.isoformat(), "factor": f"{float(f):.6f}", "piawe": str(p)}
                for d, f, p in self.reviews
            ],
            **self.explanation.as_json(),
        }


def weekly_benefit(
    jurisdiction: str,
    benefit: str,
    *,
    injury_date: dt.date,
    aww: Decimal | None = None,
    current_earnings: Decimal | None = None,
    after_tax_aww: Decimal | None = None,
    piawe: Decimal | None = None,
    piawe_as_at: dt.date | None = None,
    entitlement_week: int | None = None,
    hours_worked: Decimal | None = None,
    week_start: dt.date | None = None,
    after_130_eligible: bool = False,
    wpi: Decimal | None = None,
) -> WeeklyBenefit:
    """The weekly amount of ``benefit`` in ``jurisdiction`` for an injury on ``injury_date``.

    Colorado and Minnesota: TTD = ⅔ × AWW within the maximum (and Minnesota's
    minimum with its actual-wage floor); TPD = ⅔ × (AWW − current earnings) within
    the maximum. Connecticut: TTD = 75% × after-tax AWW within the maximum and the
    minimum (20% of the maximum, not more than 75% of the gross AWW); TPD = 75% ×
    (after-tax AWW − after-tax current earnings) within the partial maximum. NSW:
    the s 36/37 formulas by entitlement week on the PIAWE indexed to the week.

    Raises:
        InputError: an argument is missing or unusable (``field`` names it).
        MissingFigure: a statutory figure for the date is not in the rule pack.
    """
    params = params_for(jurisdiction)
    known = BENEFITS[jurisdiction]
    if benefit not in known:
        raise InputError("benefit", f"{jurisdiction} benefits are {', '.join(known)}, not {benefit!r}")
    if jurisdiction == "NSW":
        if piawe is None:
            raise InputError("piawe", "NSW weekly payments need the PIAWE")
        if entitlement_week is None:
            raise InputError("entitlement_week", "NSW weekly payments need the entitlement week (1 or more)")
        return _nsw_weekly(
            params,
            injury_date=injury_date,
            piawe=require_money("piawe", piawe),
            piawe_as_at=piawe_as_at or injury_date,
            week=entitlement_week,
            current_earnings=current_earnings,
            hours_worked=hours_worked,
            week_start=week_start,
            after_130_eligible=after_130_eligible,
            wpi=wpi,
        )
    if jurisdiction == "CT":
        return _ct(params, benefit, injury_date, after_tax_aww, aww, current_earnings)
    return _two_thirds(params, benefit, injury_date, aww, current_earnings)


def _inputs(**values: object) -> tuple[tuple[str, str], ...]:
    return tuple(
        (k, v.isoformat() if isinstance(v, dt.date) else str(v)) for k, v in values.items() if v is not None
    )


def _fraction_step(builder: ExplanationBuilder, label: str, amount: Decimal, fig: Figure) -> Decimal:
    exact = Fraction(amount) * fig.ratio
    result = money(exact)
    shown = Decimal(exact.numerator) / Decimal(exact.denominator)
    builder.figure(fig)
    worked = (
        dollars(result) if shown == result else f"{shown:.4f}… → {dollars(result)} (to the cent, half up)"
    )
    builder.step(f"{label} {dollars(amount)} × {fig.text} = {worked}.")
    return result


def _maximum(builder: ExplanationBuilder, params: BenefitParameters, name: str, on: dt.date) -> Decimal:
    fig = builder.figure(params.figure(name, on))
    builder.step(f"The {fig.description} for injuries {fig.period} is {fig.text} ({fig.source.citation}).")
    return fig.value


def _two_thirds(
    params: BenefitParameters,
    benefit: str,
    injury_date: dt.date,
    aww: Decimal | None,
    current_earnings: Decimal | None,
) -> WeeklyBenefit:
    code = params.code
    if aww is None:
        raise InputError("aww", f"{code} {benefit} needs the average weekly wage")
    aww = require_money("aww", aww)
    builder = ExplanationBuilder(params.rules_version)
    rule = params.citation("ttd" if benefit == "TTD" else "tpd")
    builder.cite(rule, params.citation("rounding"))
    pct = params.figure("ttd_percent", injury_date)
    maximum = _maximum(builder, params, "max_weekly", injury_date)
    minimum: Decimal | None = None
    if benefit == "TPD":
        if current_earnings is None:
            raise InputError("current_earnings", f"{code} TPD needs the current weekly earnings")
        current = require_money("current_earnings", current_earnings)
        loss = max(aww - current, ZERO)
        builder.step(
            f"Wage loss: AWW {dollars(aww)} − current earnings {dollars(current)} = {dollars(loss)}"
            f"{' (earnings at or above the AWW: no loss)' if current >= aww else ''}.",
            rule,
        )
        base = _fraction_step(builder, "TPD: wage loss", loss, pct)
        amount = min(base, maximum)
        inputs = _inputs(aww=aww, current_earnings=current)
    else:
        base = _fraction_step(builder, "TTD: AWW", aww, pct)
        amount = base
        if code == "MN":
            minimum = _mn_minimum(builder, params, injury_date, maximum)
            floor = min(minimum, aww)
            if base < floor:
                amount = floor
                if aww < minimum:
                    builder.step(
                        f"⅔ of the wage is below the minimum {dollars(minimum)} and the actual weekly wage "
                        f"{dollars(aww)} is less than the minimum, so the rate is the actual wage "
                        f"{dollars(aww)}.",
                        params.citation("minimum"),
                    )
                else:
                    builder.step(
                        f"⅔ of the wage is below the minimum, so the rate is the minimum {dollars(minimum)}.",
                        params.citation("minimum"),
                    )
        amount = min(amount, maximum)
        inputs = _inputs(aww=aww)
    if amount == maximum and base > maximum:
        builder.step(
            f"{dollars(base)} is above the maximum, so the weekly {benefit} is the maximum "
            f"{dollars(maximum)}."
        )
    builder.step(f"Weekly {benefit}: {dollars(amount)}.")
    return WeeklyBenefit(
        code,
        benefit,
        injury_date,
        amount,
        maximum,
        minimum,
        builder.build(),
        _inputs(injury_date=injury_date) + inputs,
    )


def _mn_minimum(
    builder: ExplanationBuilder, params: BenefitParameters, injury_date: dt.date, maximum: Decimal
) -> Decimal:
    try:
        share = params.figure("min_percent_of_max", injury_date)
    except MissingFigure:
        fig = builder.figure(params.figure("min_weekly", injury_date))
        builder.step(
            f"The minimum weekly rate for injuries {fig.period} is {fig.text} ({fig.source.citation})."
        )
        return fig.value
    builder.figure(share)
    minimum = money(Fraction(maximum) * share.ratio)
    builder.step(
        f"The minimum weekly rate is {share.text} of the maximum: {dollars(maximum)} × {share.text} = "
        f"{dollars(minimum)} ({share.source.citation}), or the actual weekly wage if that is less.",
        params.citation("minimum"),
    )
    return minimum


def _ct(
    params: BenefitParameters,
    benefit: str,
    injury_date: dt.date,
    after_tax_aww: Decimal | None,
    aww: Decimal | None,
    current_earnings: Decimal | None,
) -> WeeklyBenefit:
    if after_tax_aww is None:
        raise InputError(
            "after_tax_aww",
            "Connecticut rates are 75% of the after-tax AWW; take it from the Commission's benefit tables",
        )
    after_tax = require_money("after_tax_aww", after_tax_aww)
    builder = ExplanationBuilder(params.rules_version)
    builder.cite(params.citation("after_tax_tables"), params.citation("rounding"))
    builder.step(f"After-tax AWW (from the Commission's tables, as given): {dollars(after_tax)}.")
    if benefit == "TPD":
        if current_earnings is None:
            raise InputError("current_earnings", "CT TPD needs the after-tax current weekly earnings")
        current = require_money("current_earnings", current_earnings)
        maximum = _maximum(builder, params, "max_weekly_partial", injury_date)
        loss = max(after_tax - current, ZERO)
        builder.step(
            f"After-tax wage loss: {dollars(after_tax)} − after-tax current earnings {dollars(current)} = "
            f"{dollars(loss)}.",
            params.citation("tpd"),
        )
        base = _fraction_step(
            builder, "Partial incapacity: wage loss", loss, params.figure("tpd_percent", injury_date)
        )
        amount = min(base, maximum)
        if base > maximum:
            builder.step(f"{dollars(base)} is above the maximum, so the weekly rate is {dollars(maximum)}.")
        builder.step(f"Weekly TPD: {dollars(amount)}.")
        inputs = _inputs(injury_date=injury_date, after_tax_aww=after_tax, current_earnings=current)
        return WeeklyBenefit("CT", benefit, injury_date, amount, maximum, None, builder.build(), inputs)
    maximum = _maximum(builder, params, "max_weekly", injury_date)
    base = _fraction_step(builder, "TTD: after-tax AWW", after_tax, params.figure("ttd_percent", injury_date))
    share = builder.figure(params.figure("min_percent_of_max", injury_date))
    minimum = money(Fraction(maximum) * share.ratio)
    builder.step(
        f"The minimum is {share.text} of the maximum: {dollars(minimum)}, but not more than 75% of the "
        "average weekly wage.",
        params.citation("ttd"),
    )
    amount = base
    if base < minimum:
        if aww is None:
            raise InputError(
                "aww",
                f"75% of the after-tax AWW ({dollars(base)}) is below the minimum {dollars(minimum)}; "
                "the minimum may not exceed 75% of the gross average weekly wage, so give the gross AWW",
            )
        gross = require_money("aww", aww)
        cap = _fraction_step(
            builder, "75% of the gross AWW:", gross, params.figure("min_cap_percent_of_aww", injury_date)
        )
        amount = min(minimum, cap)
        builder.step(
            f"The rate is raised to the minimum, limited to 75% of the gross AWW: {dollars(amount)}."
        )
    if amount > maximum:
        builder.step(f"{dollars(amount)} is above the maximum, so the weekly TTD is {dollars(maximum)}.")
        amount = maximum
    builder.step(f"Weekly TTD: {dollars(amount)}.")
    inputs = _inputs(injury_date=injury_date, after_tax_aww=after_tax, aww=aww)
    return WeeklyBenefit("CT", benefit, injury_date, amount, maximum, minimum, builder.build(), inputs)


# --- NSW ---------------------------------------------------------------------------------------


def review_dates(after: dt.date, up_to: dt.date) -> list[dt.date]:
    """Indexation review dates (1 April, 1 October) strictly after ``after`` and on or before ``up_to``."""
    dates = []
    for year in range(after.year, up_to.year + 1):
        for month in REVIEW_MONTHS:
            d = dt.date(year, month, 1)
            if after < d <= up_to:
                dates.append(d)
    return dates


def _previous_review(d: dt.date) -> dt.date:
    return dt.date(d.year - 1, 10, 1) if d.month == 4 else dt.date(d.year, 4, 1)


def _factor(builder: ExplanationBuilder, params: BenefitParameters, review: dt.date) -> Fraction:
    try:
        fig = builder.figure(params.figure("index_factor", review))
        builder.step(f"Review {day(review)}: factor B/C = {fig.text} ({fig.source.citation}).")
        return fig.ratio
    except MissingFigure:
        pass
    before = _previous_review(review)
    latest = builder.figure(params.figure("index_number", review))
    prior = builder.figure(params.figure("index_number", before))
    ratio = latest.ratio / prior.ratio
    builder.step(
        f"Review {day(review)}: factor B/C = index {latest.text} ÷ index {prior.text} at {day(before)} "
        f"= {Decimal(ratio.numerator) / Decimal(ratio.denominator):.6f} ({latest.source.citation})."
    )
    return ratio


def index_piawe(piawe: Decimal, *, injury_date: dt.date, as_at: dt.date, to_date: dt.date) -> IndexedPiawe:
    """NSW PIAWE carried from ``as_at`` to ``to_date`` through each 1 April / 1 October review.

    At each review date after ``as_at`` and on or before ``to_date`` the amount is
    multiplied by B/C (the Order's factor, or the ratio of its index numbers),
    never reduced, and rounded as SIRA GN 5.13 says: under $1,000 to the nearest
    whole dollar, $1,000 or more to the nearest $10 (half up).

    Raises:
        InputError: ``to_date`` before ``as_at``.
        MissingFigure: a review date whose factor (or index numbers) the pack does not hold.
    """
    params = params_for("NSW")
    piawe = require_money("piawe", piawe)
    if to_date < as_at:
        raise InputError("week_start", f"{day(to_date)} is before the PIAWE date {day(as_at)}")
    builder = ExplanationBuilder(params.rules_version)
    rule = params.citation("indexation")
    reviews = review_dates(as_at, to_date)
    if not reviews:
        builder.step(
            f"No indexation review date (1 April, 1 October) falls after {day(as_at)} up to {day(to_date)}."
        )
    amount = piawe
    steps: list[tuple[dt.date, Fraction, Decimal]] = []
    for review in reviews:
        factor = _factor(builder, params, review)
        threshold = params.figure("indexation_round_below", review)
        builder.cite(threshold.source)
        if factor < 1:
            builder.step(
                f"The factor is below 1; indexation never reduces PIAWE, so it stays {dollars(amount)}.", rule
            )
            steps.append((review, factor, amount))
            continue
        before = amount
        raw = Fraction(amount) * factor
        exact_value = Decimal(raw.numerator) / Decimal(raw.denominator)
        step = Decimal("1") if exact_value < threshold.value else Decimal("10")
        amount = round_to_step(exact_value, step)
        builder.step(
            f"{dollars(before)} × factor = {exact_value:.4f} → {dollars(amount)} "
            f"(rounded to the nearest {'dollar' if step == 1 else '$10'}).",
            rule,
        )
        steps.append((review, factor, amount))
    del injury_date  # the injury date does not change the indexation arithmetic
    return IndexedPiawe(piawe, as_at, amount, to_date, tuple(steps), builder.build())


def _nsw_weekly(
    params: BenefitParameters,
    *,
    injury_date: dt.date,
    piawe: Decimal,
    piawe_as_at: dt.date,
    week: int,
    current_earnings: Decimal | None,
    hours_worked: Decimal | None,
    week_start: dt.date | None,
    after_130_eligible: bool,
    wpi: Decimal | None,
) -> WeeklyBenefit:
    if week < 1:
        raise InputError("entitlement_week", "must be 1 or more")
    if hours_worked is not None and not (Decimal(0) <= hours_worked <= Decimal(168)):
        raise InputError("hours_worked", "must be between 0 and 168")
    if wpi is not None and not (Decimal(0) <= wpi <= Decimal(100)):
        raise InputError("wpi", "must be a percentage between 0 and 100")
    builder = ExplanationBuilder(params.rules_version)
    high = params.figure("first_period_percent", injury_date)
    low = params.figure("second_period_percent", injury_date)
    first_weeks = int(params.figure("first_period_weeks", injury_date).value)
    last_second = int(params.figure("second_period_last_week", injury_date).value)
    limit = int(params.figure("weekly_limit_weeks", injury_date).value)
    wpi_over = params.figure("wpi_exception_over", injury_date)
    hours_from = params.figure("hours_threshold", injury_date)
    builder.cite(
        params.citation("weekly_formulas"),
        params.citation("entitlement_periods"),
        params.citation("rounding"),
    )
    if week_start is None:
        week_start = injury_date + dt.timedelta(days=7 * (week - 1))
        builder.step(
            f"Week {week} is taken to start {day(week_start)} (weeks counted from the injury date with "
            "payments every week); give the week's start date when incapacity began later or payments "
            "had gaps."
        )
    if week_start < injury_date:
        raise InputError("week_start", f"{day(week_start)} is before the injury date {day(injury_date)}")
    inputs = _inputs(
        injury_date=injury_date,
        piawe=piawe,
        piawe_as_at=piawe_as_at,
        entitlement_week=week,
        week_start=week_start,
        current_earnings=current_earnings,
        hours_worked=hours_worked,
        wpi=wpi,
    )
    if week > last_second:
        wpi_exempt = wpi is not None and wpi > wpi_over.value
        if week > limit and not wpi_exempt:
            builder.figure(wpi_over)
            builder.step(
                f"Week {week} is after the aggregate {limit} weeks of s 39 and the WPI is not more than "
                f"{wpi_over.text}%: no weekly payment.",
                params.citation("s39"),
            )
            return WeeklyBenefit("NSW", "weekly", injury_date, ZERO, None, None, builder.build(), inputs)
        if not (after_130_eligible or wpi_exempt):
            builder.step(
                f"Week {week} is after week {last_second}: weekly payments continue only with no current "
                "work capacity likely to continue indefinitely, or working 15 hours or more at the "
                "threshold, or WPI over 20% (a work capacity decision). None was given: no weekly payment.",
                params.citation("after_130_weeks"),
            )
            return WeeklyBenefit("NSW", "weekly", injury_date, ZERO, None, None, builder.build(), inputs)
    indexed = index_piawe(piawe, injury_date=injury_date, as_at=piawe_as_at, to_date=week_start)
    for text in indexed.explanation.steps:
        builder.step(text)
    builder.cite(*indexed.explanation.citations)
    current_piawe = indexed.indexed
    if current_piawe != piawe:
        builder.step(f"PIAWE indexed to the week: {dollars(current_piawe)}.")
    fig_max = builder.figure(params.figure("max_weekly", week_start))
    maximum = fig_max.value
    builder.step(
        f"The maximum weekly compensation amount for the week of {day(week_start)} is {fig_max.text} "
        f"({fig_max.source.citation})."
    )
    capacity = current_earnings is not None or hours_worked is not None
    cwe = ZERO
    if capacity:
        if current_earnings is None:
            raise InputError(
                "current_earnings", "give the current weekly earnings (CWE) with the hours worked"
            )
        cwe = require_money("current_earnings", current_earnings)
    if week <= first_weeks:
        pct, label = high, f"first entitlement period (weeks 1–{first_weeks})"
    elif week <= last_second:
        if capacity and hours_worked is None:
            raise InputError(
                "hours_worked", f"from week {first_weeks + 1} the hours worked a week decide 95% or 80%"
            )
        if capacity and hours_worked is not None and hours_worked >= hours_from.value:
            builder.figure(hours_from)
            pct, label = high, f"second entitlement period, working {hours_from.text} hours or more a week"
        else:
            if capacity:
                builder.figure(hours_from)
                builder.cite(params.citation("under_15_hours"))
            pct = low
            label = "second entitlement period, " + (
                "under 15 hours a week" if capacity else "no current work capacity"
            )
    else:
        pct, label = low, f"after week {last_second} (s 38 continuation)"
    builder.figure(pct)
    share = money(Fraction(current_piawe) * pct.ratio)
    builder.step(f"Week {week}: {label}: {pct.text} × PIAWE {dollars(current_piawe)} = {dollars(share)}.")
    if capacity:
        amount = max(min(share - cwe, maximum - cwe), ZERO)
        builder.step(
            f"With current weekly earnings {dollars(cwe)}: the lesser of {dollars(share)} − "
            f"{dollars(cwe)} and the maximum {dollars(maximum)} − {dollars(cwe)} = {dollars(amount)}"
            f"{' (not less than nil)' if share - cwe < 0 else ''}."
        )
    else:
        amount = min(share, maximum)
        if share > maximum:
            builder.step(
                f"{dollars(share)} is above the maximum, so the weekly payment is {dollars(maximum)}."
            )
    builder.step(f"Weekly payment for week {week}: {dollars(amount)}.")
    return WeeklyBenefit("NSW", "weekly", injury_date, amount, maximum, None, builder.build(), inputs)
