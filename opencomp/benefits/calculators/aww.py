"""Average weekly wage from wage history: the methods the rule packs source.

* Colorado, C.R.S. 8-42-102(2)(a): a monthly wage × 12 ÷ 52 (:func:`aww_from_monthly`);
  8-42-102(2)(d): an hourly rate × hours a day × days a week (:func:`aww_from_hourly`).
* Minnesota, regular employment: gross wages of the 26 weeks before the injury ÷ 26
  (:func:`aww_mn_26_weeks`).
* Connecticut, C.G.S. 31-310: total wages of the 52 calendar weeks before the week of
  injury ÷ the weeks actually employed (:func:`aww_ct_52_weeks`).
* New South Wales, SIRA GN 5.1A: PIAWE = gross earnings in the relevant period (the 52
  weeks before the injury, or from the start of employment if later) ÷ the period in
  weeks, earnings of every concurrent employer summed (:func:`piawe_nsw`).

Wage history is a list of :class:`WageLine` (a pay period, inclusive at both ends, and
its gross amount). A line wholly inside the window counts in full; a line straddling an
edge of the window is pro-rated by days, exactly; lines starting on or after the injury
are ignored. Sums are exact fractions; the average is rounded to the cent, half up, once,
at the end.

:func:`average_weekly_wage` dispatches on (jurisdiction, method) for the CLI and the web.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any

from opencomp.benefits.calculators.types import (
    Explanation,
    ExplanationBuilder,
    InputError,
    Source,
    day,
    dollars,
    exact,
    money,
    params_for,
    require_money,
)
from opencomp.jurisdictions.benefit_params import BenefitParameters

__all__ = [
    "KINDS",
    "METHODS",
    "AverageWeeklyWage",
    "WageLine",
    "average_weekly_wage",
    "aww_ct_52_weeks",
    "aww_from_hourly",
    "aww_from_monthly",
    "aww_mn_26_weeks",
    "piawe_nsw",
]

KINDS = ("ordinary", "overtime", "shift_allowance", "other_allowance", "bonus", "non_pecuniary")
"""The kinds of earnings a wage line may be; every kind is counted as gross earnings."""

METHODS: dict[str, tuple[str, ...]] = {
    "CO": ("monthly", "hourly"),
    "MN": ("26_weeks",),
    "CT": ("52_weeks",),
    "NSW": ("piawe",),
}
"""The average-weekly-wage methods each jurisdiction has sourced."""

KNOWN_METHODS = "; ".join(f"{code}: {', '.join(names)}" for code, names in METHODS.items())

MN_WEEKS = 26  # Minn. Stat. 176.011 subd. 18 as summarised (citation aww_26_weeks)
CT_WEEKS = 52  # C.G.S. 31-310 (citation aww_52_weeks)
CO_MONTHS_A_YEAR = 12  # C.R.S. 8-42-102(2)(a) (citation aww_monthly): "multiplied by twelve …
CO_WEEKS_A_YEAR = 52  # … and divided by fifty-two"

WEEK_START_ASSUMPTION = Source(
    citation=(
        "OpenComp assumption: the text of C.G.S. 31-310 held does not say on which day a calendar week "
        "starts; weeks are taken as Sunday to Saturday"
    ),
    grade="D",
)


@dataclass(frozen=True)
class WageLine:
    """Gross earnings for one pay period (both ends inclusive) from one employer."""

    period_start: dt.date
    period_end: dt.date
    amount: Decimal
    kind: str = "ordinary"
    hours: Decimal | None = None
    employer: str = ""


@dataclass(frozen=True)
class AverageWeeklyWage:
    """An average weekly wage, how it was reached and the figures it used."""

    jurisdiction: str
    method: str
    injury_date: dt.date
    amount: Decimal
    total_earnings: Decimal
    weeks: Decimal
    window_start: dt.date | None
    window_end: dt.date | None
    by_employer: tuple[tuple[str, Decimal], ...]
    explanation: Explanation

    def as_json(self) -> dict[str, Any]:
        window: dict[str, Any] | None = None
        if self.window_start is not None and self.window_end is not None:
            window = {
                "start": self.window_start.isoformat(),
                "end": self.window_end.isoformat(),
                "days": (self.window_end - self.window_start).days + 1,
            }
        return {
            "jurisdiction": self.jurisdiction,
            "method": self.method,
            "injury_date": self.injury_date.isoformat(),
            "average_weekly_wage": str(self.amount),
            "total_earnings": str(self.total_earnings),
            "weeks": _number(self.weeks),
            "window": window,
            "by_employer": [{"employer": name, "earnings": str(amount)} for name, amount in self.by_employer],
            **self.explanation.as_json(),
        }


# --------------------------------------------------------------------------- checks


def _check_date(field_name: str, value: object) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InputError(field_name, "must be a date such as 2024-03-15")
    return value


def _check_number(field_name: str, value: object, *, upper: Decimal, unit: str) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InputError(field_name, f"must be a number of {unit} such as 8 (a Decimal, not a float)")
    if value <= 0:
        raise InputError(field_name, "must be more than zero")
    if value > upper:
        raise InputError(field_name, f"must be at most {upper} ({unit})")
    return value


def _check_lines(lines: object) -> tuple[WageLine, ...]:
    if isinstance(lines, str | bytes) or not isinstance(lines, Sequence):
        raise InputError("lines", "must be a list of wage lines")
    checked = []
    for i, line in enumerate(lines):
        name = f"lines[{i}]"
        if not isinstance(line, WageLine):
            raise InputError(name, "must be a wage line (period start and end, amount)")
        _check_date(f"{name}.period_start", line.period_start)
        _check_date(f"{name}.period_end", line.period_end)
        if line.period_end < line.period_start:
            raise InputError(
                f"{name}.period_end",
                f"line {i + 1} ends ({line.period_end.isoformat()}) before it starts "
                f"({line.period_start.isoformat()})",
            )
        require_money(f"{name}.amount", line.amount)
        if line.kind not in KINDS:
            raise InputError(
                f"{name}.kind", f"{line.kind!r} is not a kind of earnings; known: {', '.join(KINDS)}"
            )
        if line.hours is not None and (
            not isinstance(line.hours, Decimal) or not line.hours.is_finite() or line.hours < 0
        ):
            raise InputError(
                f"{name}.hours", "must be a number of hours, not negative (a Decimal, not a float)"
            )
        if not isinstance(line.employer, str):
            raise InputError(f"{name}.employer", "must be text naming the employer")
        checked.append(line)
    return tuple(checked)


# --------------------------------------------------------------------------- window arithmetic


def _days(start: dt.date, end: dt.date) -> int:
    """Days from ``start`` to ``end``, both inclusive."""
    return (end - start).days + 1


def _overlap(line: WageLine, start: dt.date, end: dt.date) -> int:
    """Days of ``line`` inside [start, end]."""
    first = max(line.period_start, start)
    last = min(line.period_end, end)
    return _days(first, last) if first <= last else 0


def _share(line: WageLine, start: dt.date, end: dt.date) -> Fraction:
    """The exact part of ``line``'s amount earned inside [start, end], pro-rated by days."""
    inside = _overlap(line, start, end)
    if inside == 0:
        return Fraction(0)
    return Fraction(line.amount) * inside / _days(line.period_start, line.period_end)


def _shown(value: Fraction) -> str:
    """A money amount for explanations; an amount with more than cents shows six places and ``…``."""
    amount = exact(value)
    if amount == money(amount):
        return dollars(amount)
    return f"${amount.quantize(Decimal('0.000001'), rounding=ROUND_DOWN):,}…"


def _number(value: Decimal) -> str:
    """A Decimal without trailing zeros and without an exponent (``52``, ``9.714…``)."""
    return f"{value.normalize():f}" if value == value.to_integral_value() else str(value)


def _label(i: int, line: WageLine) -> str:
    employer = f", {line.employer}" if line.employer else ""
    return (
        f"line {i + 1} ({day(line.period_start)} to {day(line.period_end)}, {dollars(line.amount)}{employer})"
    )


def _numbers(indexes: list[int]) -> str:
    """``Line 3``, ``Lines 1, 4 and 7``, ``Lines 2 to 26`` (one-based, consecutive lines as ranges)."""
    runs: list[list[int]] = []
    for i in indexes:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    words = [str(run[0] + 1) if len(run) == 1 else f"{run[0] + 1} to {run[-1] + 1}" for run in runs]
    if len(indexes) == 1:
        return f"Line {words[0]}"
    if len(words) == 1:
        return f"Lines {words[0]}"
    return f"Lines {', '.join(words[:-1])} and {words[-1]}"


def _verb(indexes: list[int], one: str, many: str) -> str:
    return one if len(indexes) == 1 else many


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class _Tally:
    """Earnings of the lines inside a window, exactly."""

    total: Fraction = Fraction(0)
    by_employer: dict[str, Fraction] = field(default_factory=dict)
    by_kind: dict[str, Fraction] = field(default_factory=dict)
    full: list[int] = field(default_factory=list)
    prorated: list[str] = field(default_factory=list)
    before: list[int] = field(default_factory=list)
    between: list[int] = field(default_factory=list)
    after_injury: list[int] = field(default_factory=list)


def _tally(
    lines: Sequence[WageLine], start: dt.date, end: dt.date, injury_date: dt.date, noun: str
) -> _Tally:
    """Sum the lines inside [start, end]; ``noun`` names the window in the explanation."""
    tally = _Tally()
    for i, line in enumerate(lines):
        if line.period_start >= injury_date:
            tally.after_injury.append(i)
            continue
        inside = _overlap(line, start, end)
        if inside == 0:
            (tally.before if line.period_end < start else tally.between).append(i)
            continue
        length = _days(line.period_start, line.period_end)
        share = _share(line, start, end)
        if inside == length:
            tally.full.append(i)
        else:
            tally.prorated.append(
                f"{_cap(_label(i, line))} has {inside} of its {length} days in {noun}: "
                f"{inside}/{length} × {dollars(line.amount)} = {_shown(share)} counted."
            )
        tally.total += share
        tally.by_employer[line.employer] = tally.by_employer.get(line.employer, Fraction(0)) + share
        tally.by_kind[line.kind] = tally.by_kind.get(line.kind, Fraction(0)) + share
    return tally


def _explain_tally(builder: ExplanationBuilder, tally: _Tally, injury_date: dt.date, noun: str) -> None:
    if tally.full:
        builder.step(
            f"{_numbers(tally.full)} {_verb(tally.full, 'falls', 'fall')} wholly inside {noun} and "
            f"{_verb(tally.full, 'counts', 'count')} in full."
        )
    for text in tally.prorated:
        builder.step(text)
    if tally.before:
        builder.step(
            f"{_numbers(tally.before)} {_verb(tally.before, 'ends', 'end')} before {noun} and "
            f"{_verb(tally.before, 'is', 'are')} not counted."
        )
    if tally.between:
        builder.step(
            f"{_numbers(tally.between)} {_verb(tally.between, 'falls', 'fall')} in the week of injury, after "
            f"{noun}, and {_verb(tally.between, 'is', 'are')} not counted."
        )
    if tally.after_injury:
        builder.step(
            f"{_numbers(tally.after_injury)} {_verb(tally.after_injury, 'starts', 'start')} on or after "
            f"the injury ({day(injury_date)}) and {_verb(tally.after_injury, 'is', 'are')} ignored: earnings "
            "after the injury do not count."
        )
    if len(tally.by_kind) > 1:
        kinds = ", ".join(f"{kind.replace('_', ' ')} {_shown(v)}" for kind, v in tally.by_kind.items())
        builder.step(f"Earnings by kind: {kinds}; every kind given is counted as gross earnings.")


def _divide(
    builder: ExplanationBuilder,
    params: BenefitParameters,
    total: Fraction,
    weeks: Fraction,
    weeks_words: str,
) -> Decimal:
    average = total / weeks
    amount = money(average)
    builder.step(
        f"Average weekly wage = {_shown(total)} ÷ {weeks_words} = {_shown(average)}, rounded to the cent, "
        f"half up: {dollars(amount)}.",
        params.citation("rounding"),
    )
    return amount


def _result(
    params: BenefitParameters,
    builder: ExplanationBuilder,
    *,
    method: str,
    injury_date: dt.date,
    amount: Decimal,
    total: Fraction,
    weeks: Fraction,
    window: tuple[dt.date, dt.date] | None = None,
    by_employer: tuple[tuple[str, Decimal], ...] = (),
) -> AverageWeeklyWage:
    return AverageWeeklyWage(
        jurisdiction=params.code,
        method=method,
        injury_date=injury_date,
        amount=amount,
        total_earnings=money(total),
        weeks=exact(weeks),
        window_start=window[0] if window else None,
        window_end=window[1] if window else None,
        by_employer=by_employer,
        explanation=builder.build(),
    )


def _not_sourced(jurisdiction: str, words: str) -> InputError:
    return InputError(
        "method", f"the {words} method is not sourced for {jurisdiction}; known for {KNOWN_METHODS}"
    )


# --------------------------------------------------------------------------- Colorado


def aww_from_monthly(
    monthly_wage: Decimal, *, injury_date: dt.date, jurisdiction: str = "CO"
) -> AverageWeeklyWage:
    """A monthly wage × 12 ÷ 52 (C.R.S. 8-42-102(2)(a)).

    Raises:
        InputError: ``monthly_wage`` is not a positive amount in cents; ``injury_date`` is
            not a date; ``method`` when ``jurisdiction`` has no monthly method sourced.
    """
    params = params_for(jurisdiction)
    if "aww_monthly" not in params.citations:
        raise _not_sourced(jurisdiction, "monthly-wage")
    require_money("monthly_wage", monthly_wage, allow_zero=False)
    _check_date("injury_date", injury_date)
    builder = ExplanationBuilder(params.rules_version)
    annual = Fraction(monthly_wage) * CO_MONTHS_A_YEAR
    builder.step(
        f"A monthly wage is multiplied by {CO_MONTHS_A_YEAR} and divided by {CO_WEEKS_A_YEAR}: "
        f"{dollars(monthly_wage)} × {CO_MONTHS_A_YEAR} = {_shown(annual)} a year.",
        params.citation("aww_monthly"),
    )
    weeks = Fraction(CO_WEEKS_A_YEAR)
    amount = _divide(builder, params, annual, weeks, f"{CO_WEEKS_A_YEAR} weeks")
    return _result(
        params, builder, method="monthly", injury_date=injury_date, amount=amount, total=annual, weeks=weeks
    )


def aww_from_hourly(
    hourly_rate: Decimal,
    hours_per_day: Decimal,
    days_per_week: Decimal,
    *,
    injury_date: dt.date,
    jurisdiction: str = "CO",
) -> AverageWeeklyWage:
    """An hourly rate × hours worked a day × days worked a week (C.R.S. 8-42-102(2)(d)).

    Raises:
        InputError: naming the argument that is not usable (rate in cents, more than zero;
            0 < hours_per_day <= 24; 0 < days_per_week <= 7), or ``method`` when
            ``jurisdiction`` has no hourly method sourced.
    """
    params = params_for(jurisdiction)
    if "aww_hourly" not in params.citations:
        raise _not_sourced(jurisdiction, "hourly-wage")
    require_money("hourly_rate", hourly_rate, allow_zero=False)
    _check_number("hours_per_day", hours_per_day, upper=Decimal(24), unit="hours a day")
    _check_number("days_per_week", days_per_week, upper=Decimal(7), unit="days a week")
    _check_date("injury_date", injury_date)
    builder = ExplanationBuilder(params.rules_version)
    weekly = Fraction(hourly_rate) * Fraction(hours_per_day) * Fraction(days_per_week)
    builder.step(
        f"An hourly wage is multiplied by the hours worked a day and the days worked a week: "
        f"{dollars(hourly_rate)} × {_number(hours_per_day)} hours × {_number(days_per_week)} days "
        f"= {_shown(weekly)} a week.",
        params.citation("aww_hourly"),
    )
    weeks = Fraction(1)
    amount = money(weekly)
    builder.step(
        f"Average weekly wage {_shown(weekly)}, rounded to the cent, half up: {dollars(amount)}.",
        params.citation("rounding"),
    )
    return _result(
        params, builder, method="hourly", injury_date=injury_date, amount=amount, total=weekly, weeks=weeks
    )


# --------------------------------------------------------------------------- Minnesota


def aww_mn_26_weeks(lines: Sequence[WageLine], *, injury_date: dt.date) -> AverageWeeklyWage:
    """Minnesota, regular employment: gross wages of the 26 weeks before the injury ÷ 26.

    The window is the 182 days ending the day before the injury.

    Raises:
        InputError: a line or ``injury_date`` is not usable (the field is named), or
            ``lines`` when nothing was earned in the window.
    """
    params = params_for("MN")
    _check_date("injury_date", injury_date)
    checked = _check_lines(lines)
    start = injury_date - dt.timedelta(days=7 * MN_WEEKS)
    end = injury_date - dt.timedelta(days=1)
    builder = ExplanationBuilder(params.rules_version)
    builder.step(
        f"Regular employment: the gross wages of the {MN_WEEKS} weeks before the injury are divided by "
        f"{MN_WEEKS}. Injury on {day(injury_date)}; the window is {day(start)} to {day(end)} "
        f"({7 * MN_WEEKS} days).",
        params.citation("aww_26_weeks"),
    )
    tally = _tally(checked, start, end, injury_date, "the window")
    _explain_tally(builder, tally, injury_date, "the window")
    if tally.total == 0:
        raise InputError(
            "lines",
            f"no earnings in the {MN_WEEKS} weeks before the injury ({day(start)} to {day(end)}); "
            "give the wage lines of that period",
        )
    builder.step(f"Gross wages in the window: {_shown(tally.total)}.")
    weeks = Fraction(MN_WEEKS)
    amount = _divide(builder, params, tally.total, weeks, f"{MN_WEEKS} weeks")
    return _result(
        params,
        builder,
        method="26_weeks",
        injury_date=injury_date,
        amount=amount,
        total=tally.total,
        weeks=weeks,
        window=(start, end),
    )


# --------------------------------------------------------------------------- Connecticut


def _sunday_on_or_before(value: dt.date) -> dt.date:
    return value - dt.timedelta(days=(value.weekday() + 1) % 7)


def _runs(weeks: list[dt.date]) -> str:
    """Consecutive week starts as ranges: ``Sun 1 Jan 2023 to Sat 14 Jan 2023 (2 weeks)``."""
    groups: list[list[dt.date]] = []
    for start in weeks:
        if groups and start - groups[-1][-1] == dt.timedelta(days=7):
            groups[-1].append(start)
        else:
            groups.append([start])
    parts = []
    for group in groups:
        count = len(group)
        parts.append(
            f"{day(group[0])} to {day(group[-1] + dt.timedelta(days=6))} "
            f"({count} week{'s' if count > 1 else ''})"
        )
    return "; ".join(parts)


def aww_ct_52_weeks(
    lines: Sequence[WageLine], *, injury_date: dt.date, hire_date: dt.date | None = None
) -> AverageWeeklyWage:
    """Connecticut (C.G.S. 31-310): wages of the 52 calendar weeks before the week of injury ÷ weeks employed.

    Calendar weeks run Sunday to Saturday (an assumption, grade D). A week with no
    earnings at all is taken as seven consecutive days' absence and is not a week
    employed. When ``hire_date`` falls mid-week, that partial first week is left out with
    its wages (and so is any week before it).

    Raises:
        InputError: a line, ``injury_date`` or ``hire_date`` is not usable (the field is
            named), or ``lines`` when no week of the window had earnings.
    """
    params = params_for("CT")
    _check_date("injury_date", injury_date)
    if hire_date is not None:
        _check_date("hire_date", hire_date)
        if hire_date > injury_date:
            raise InputError("hire_date", f"is after the injury date ({injury_date.isoformat()})")
    checked = _check_lines(lines)
    injury_week = _sunday_on_or_before(injury_date)
    start = injury_week - dt.timedelta(days=7 * CT_WEEKS)
    end = injury_week - dt.timedelta(days=1)
    builder = ExplanationBuilder(params.rules_version)
    builder.step(
        f"Total wages in the {CT_WEEKS} calendar weeks before the week of injury are divided by the number "
        f"of weeks actually employed; a week with no earnings at all is taken as seven consecutive days' "
        f"absence and is not a week employed.",
        params.citation("aww_52_weeks"),
    )
    builder.step(
        f"Calendar weeks are taken to run Sunday to Saturday (the statute text held does not say; an "
        f"assumption). Injury on {day(injury_date)}, in the week from {day(injury_week)}; the {CT_WEEKS} "
        f"weeks before it run from {day(start)} to {day(end)}.",
        WEEK_START_ASSUMPTION,
    )
    tally = _tally(checked, start, end, injury_date, "the window")
    _explain_tally(builder, tally, injury_date, "the window")

    first_week = start
    if hire_date is not None:
        hire_week = _sunday_on_or_before(hire_date)
        first_week = hire_week if hire_week == hire_date else hire_week + dt.timedelta(days=7)
        if first_week > end:
            raise InputError(
                "hire_date",
                f"the employee was hired on {day(hire_date)}, with no full week employed before the week of "
                f"injury; the {CT_WEEKS}-week method cannot be used",
            )
    week_starts = [start + dt.timedelta(days=7 * k) for k in range(CT_WEEKS)]
    earned = {
        ws: sum(
            (
                _share(line, ws, ws + dt.timedelta(days=6))
                for line in checked
                if line.period_start < injury_date
            ),
            Fraction(0),
        )
        for ws in week_starts
    }
    before_hire = [ws for ws in week_starts if ws < first_week]
    if hire_date is not None and before_hire:
        left_out = sum((earned[ws] for ws in before_hire), Fraction(0))
        if first_week == hire_date:
            text = f"Hired on {day(hire_date)}, a Sunday: the weeks before it are not weeks employed"
        else:
            text = (
                f"Hired on {day(hire_date)}, mid-week: that partial first week is not a week employed and is "
                f"left out, with any week before it"
            )
        builder.step(
            f"{text}; wages left out with them: {_shown(left_out)}. Weeks employed are counted from "
            f"{day(first_week)}.",
            params.citation("aww_52_weeks"),
        )
    candidates = [ws for ws in week_starts if ws >= first_week]
    employed = [ws for ws in candidates if earned[ws] > 0]
    idle = [ws for ws in candidates if earned[ws] == 0]
    if idle:
        builder.step(f"Weeks with no earnings, not weeks employed: {_runs(idle)}.")
    if any(
        _sunday_on_or_before(max(line.period_start, start)) != _sunday_on_or_before(min(line.period_end, end))
        for line in checked
        if _overlap(line, start, end)
    ):
        builder.step(
            "Lines spanning more than one calendar week are spread over their days to find the weeks "
            "with earnings."
        )
    if not employed:
        raise InputError(
            "lines",
            f"no earnings in the {CT_WEEKS} calendar weeks before the week of injury ({day(start)} to "
            f"{day(end)}); give the wage lines of that period",
        )
    total = sum((earned[ws] for ws in employed), Fraction(0))
    weeks = Fraction(len(employed))
    builder.step(f"Weeks actually employed: {len(employed)}; their total wages: {_shown(total)}.")
    amount = _divide(builder, params, total, weeks, f"{len(employed)} weeks")
    return _result(
        params,
        builder,
        method="52_weeks",
        injury_date=injury_date,
        amount=amount,
        total=total,
        weeks=weeks,
        window=(start, end),
    )


# --------------------------------------------------------------------------- New South Wales


def piawe_nsw(
    lines: Sequence[WageLine], *, injury_date: dt.date, employment_start: dt.date | None = None
) -> AverageWeeklyWage:
    """NSW pre-injury average weekly earnings (SIRA GN 5.1A, injuries from 21 October 2019).

    Gross earnings in the relevant period ÷ the relevant period in weeks. The relevant
    period is the 52 weeks before the injury, or from ``employment_start`` if that is
    later (then weeks = days ÷ 7, exactly). Earnings of every employer are summed.

    Raises:
        MissingFigure: the injury is before 21 October 2019 (s 44C is not implemented).
        InputError: a line, ``injury_date`` or ``employment_start`` is not usable (the
            field is named), or ``lines`` when nothing was earned in the period.
    """
    params = params_for("NSW")
    _check_date("injury_date", injury_date)
    relevant = params.figure("piawe_relevant_weeks", injury_date)
    if employment_start is not None:
        _check_date("employment_start", employment_start)
        if employment_start >= injury_date:
            raise InputError("employment_start", f"is not before the injury date ({injury_date.isoformat()})")
    checked = _check_lines(lines)
    builder = ExplanationBuilder(params.rules_version)
    builder.step(
        "PIAWE = gross earnings in the relevant period ÷ the relevant period in weeks; earnings from all "
        "employment at the time of injury are counted.",
        params.citation("piawe"),
    )
    builder.figure(relevant)
    full_days = relevant.ratio * 7
    if full_days.denominator != 1:  # pragma: no cover - the pack holds whole weeks
        raise ValueError(f"piawe_relevant_weeks {relevant.text} is not a whole number of days")
    start = injury_date - dt.timedelta(days=int(full_days))
    end = injury_date - dt.timedelta(days=1)
    if employment_start is not None and employment_start > start:
        start = employment_start
        days = _days(start, end)
        weeks = Fraction(days, 7)
        weeks_words = f"{_weeks_text(weeks)} weeks ({days} days ÷ 7)"
        builder.step(
            f"Employment started on {day(employment_start)}, less than {relevant.text} weeks before the "
            f"injury ({day(injury_date)}): the relevant period is {day(start)} to {day(end)}, "
            f"{weeks_words}."
        )
    else:
        weeks = relevant.ratio
        weeks_words = f"{relevant.text} weeks"
        builder.step(
            f"Relevant period: the {relevant.text} weeks before the injury ({day(injury_date)}), "
            f"{day(start)} to {day(end)}."
        )
    tally = _tally(checked, start, end, injury_date, "the relevant period")
    _explain_tally(builder, tally, injury_date, "the relevant period")
    if tally.total == 0:
        raise InputError(
            "lines",
            f"no earnings in the relevant period before the injury ({day(start)} to {day(end)}); "
            "give the wage lines of that period",
        )
    by_employer = tuple((name, money(v)) for name, v in tally.by_employer.items())
    if len(by_employer) > 1:
        parts = "; ".join(
            f"{name or '(employer not named)'} {_shown(tally.by_employer[name])}" for name, _ in by_employer
        )
        builder.step(f"Concurrent employment, earnings by employer: {parts}; summed: {_shown(tally.total)}.")
    else:
        builder.step(f"Gross earnings in the relevant period: {_shown(tally.total)}.")
    amount = _divide(builder, params, tally.total, weeks, weeks_words)
    return _result(
        params,
        builder,
        method="piawe",
        injury_date=injury_date,
        amount=amount,
        total=tally.total,
        weeks=weeks,
        window=(start, end),
        by_employer=by_employer,
    )


def _weeks_text(weeks: Fraction) -> str:
    """``10`` for whole weeks, else six places and ``…`` (``9.714285…``)."""
    if weeks.denominator == 1:
        return str(weeks.numerator)
    return f"{exact(weeks).quantize(Decimal('0.000001'), rounding=ROUND_DOWN)}…"


# --------------------------------------------------------------------------- dispatcher

_CALCULATORS: dict[tuple[str, str], Callable[..., AverageWeeklyWage]] = {
    ("CO", "monthly"): aww_from_monthly,
    ("CO", "hourly"): aww_from_hourly,
    ("MN", "26_weeks"): aww_mn_26_weeks,
    ("CT", "52_weeks"): aww_ct_52_weeks,
    ("NSW", "piawe"): piawe_nsw,
}


def average_weekly_wage(jurisdiction: str, method: str, **inputs: Any) -> AverageWeeklyWage:
    """The average weekly wage of ``jurisdiction`` by ``method`` from keyword ``inputs``.

    Raises:
        InputError: ``jurisdiction`` unknown; ``method`` not sourced for it; an input the
            method does not take, or a required input missing (each named).
    """
    calculator = _CALCULATORS.get((jurisdiction, method))
    if calculator is None:
        if jurisdiction not in METHODS:
            params_for(jurisdiction)  # an unknown jurisdiction is named as such
        raise InputError(
            "method",
            f"{method!r} is not an average-weekly-wage method for {jurisdiction}; known for {KNOWN_METHODS}",
        )
    parameters = inspect.signature(calculator).parameters
    takes = [name for name in parameters if name != "jurisdiction"]
    for name in inputs:
        if name not in takes:
            raise InputError(
                name, f"is not an input of the {jurisdiction} {method} method; it takes: {', '.join(takes)}"
            )
    for name in takes:
        if parameters[name].default is inspect.Parameter.empty and name not in inputs:
            raise InputError(name, f"is required for the {jurisdiction} {method} method")
    if "jurisdiction" in parameters:
        inputs["jurisdiction"] = jurisdiction
    return calculator(**inputs)
