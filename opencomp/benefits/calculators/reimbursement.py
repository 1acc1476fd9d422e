"""The employer's weekly compensation wage reimbursement schedule (seed 004, Appendix 1).

For each entitlement week the form shows the weekly benefit (DWB: 95% of PIAWE in
weeks 1–13 and from week 14 when working 15 hours or more, otherwise 80%, capped
at the NSW maximum weekly amount for the week), the worker's earnings and hours
worked, the hours lost (pre-injury hours − hours worked) and the reimbursement
(DWB − earnings). Weeks after 130 need the insurer's work capacity decision and
are not on the form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from opencomp.benefits.calculators.types import (
    Explanation,
    ExplanationBuilder,
    InputError,
    MissingFigure,
    day,
    dollars,
    exact,
    money,
    params_for,
    require_money,
)
from opencomp.core.money import CENT

ZERO = Decimal("0.00")
WEEK_DAYS = 7
HOURS_IN_A_WEEK = Decimal(7 * 24)


@dataclass(frozen=True)
class ReimbursementWeekInput:
    """One row of the form as the employer fills it in."""

    week_number: int
    start: dt.date
    end: dt.date
    earnings: Decimal
    hours_worked: Decimal


@dataclass(frozen=True)
class ReimbursementRow:
    """One entitlement week of the schedule."""

    week_number: int
    start: dt.date
    end: dt.date
    period: str
    percent: Fraction
    weekly_benefit: Decimal  # DWB
    maximum_applied: bool
    earnings: Decimal
    hours_worked: Decimal
    hours_lost: Decimal
    reimbursement: Decimal

    def as_json(self) -> dict[str, Any]:
        return {
            "week_number": self.week_number,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "period": self.period,
            "percent": f"{exact(self.percent):.2f}",
            "weekly_benefit": str(self.weekly_benefit),
            "maximum_applied": self.maximum_applied,
            "earnings": str(self.earnings),
            "hours_worked": _hours(self.hours_worked),
            "hours_lost": _hours(self.hours_lost),
            "reimbursement": str(self.reimbursement),
        }


@dataclass(frozen=True)
class ReimbursementSchedule:
    """The whole form: the rows and their totals."""

    injury_date: dt.date
    piawe: Decimal
    pre_injury_hours: Decimal
    rows: tuple[ReimbursementRow, ...]
    total_earnings: Decimal
    total_hours_worked: Decimal
    total_hours_lost: Decimal
    total_reimbursement: Decimal
    warnings: tuple[str, ...]
    explanation: Explanation

    def as_json(self) -> dict[str, Any]:
        return {
            "injury_date": self.injury_date.isoformat(),
            "piawe": str(self.piawe),
            "pre_injury_hours": _hours(self.pre_injury_hours),
            "rows": [row.as_json() for row in self.rows],
            "total_earnings": str(self.total_earnings),
            "total_hours_worked": _hours(self.total_hours_worked),
            "total_hours_lost": _hours(self.total_hours_lost),
            "total_reimbursement": str(self.total_reimbursement),
            "warnings": list(self.warnings),
            **self.explanation.as_json(),
        }


def _hours(value: Decimal) -> str:
    return str(value.quantize(CENT))


def _require_hours(field_name: str, value: Decimal) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InputError(field_name, "must be a number of hours such as 38 or 7.5")
    if value < 0:
        raise InputError(field_name, "must not be negative")
    if value > HOURS_IN_A_WEEK:
        raise InputError(field_name, f"is more than the {HOURS_IN_A_WEEK} hours in a week")
    if value != value.quantize(CENT):
        raise InputError(field_name, "has more than two decimal places")
    return value


def _check_date(field_name: str, value: object) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InputError(field_name, "must be a date (YYYY-MM-DD)")
    return value


def _validate_weeks(
    injury_date: dt.date, weeks: Sequence[ReimbursementWeekInput], last_week: int
) -> list[ReimbursementWeekInput]:
    if not weeks:
        raise InputError("weeks", "needs at least one entitlement week")
    checked: list[ReimbursementWeekInput] = []
    for i, week in enumerate(weeks):
        at = f"weeks[{i}]"
        number = week.week_number
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise InputError(f"{at}.week_number", "must be an entitlement week number, 1 or more")
        if number > last_week:
            raise InputError(
                f"{at}.week_number",
                f"weeks after {last_week} need a work capacity decision by the insurer and are not in the "
                "reimbursement form",
            )
        start = _check_date(f"{at}.start", week.start)
        end = _check_date(f"{at}.end", week.end)
        if end < start:
            raise InputError(f"{at}.end", f"is before the start of the week ({start.isoformat()})")
        length = (end - start).days + 1
        edge = i in (0, len(weeks) - 1)
        if length > WEEK_DAYS or (not edge and length != WEEK_DAYS):
            raise InputError(
                f"{at}.end",
                f"must be {'at the latest ' if edge else ''}"
                f"{(start + dt.timedelta(days=WEEK_DAYS - 1)).isoformat()}: the form is in 7-day weeks (only "
                "the first and last weeks may be shorter, when incapacity starts or ends mid-week)",
            )
        if start < injury_date:
            raise InputError(f"{at}.start", f"is before the injury date ({injury_date.isoformat()})")
        if checked:
            before = checked[-1]
            if number != before.week_number + 1:
                raise InputError(
                    f"{at}.week_number",
                    f"must be {before.week_number + 1}: weeks are numbered consecutively",
                )
            if start <= before.end:
                raise InputError(
                    f"{at}.start", f"overlaps the week before, which ends {before.end.isoformat()}"
                )
        checked.append(
            ReimbursementWeekInput(
                number,
                start,
                end,
                require_money(f"{at}.earnings", week.earnings).quantize(CENT),
                _require_hours(f"{at}.hours_worked", week.hours_worked),
            )
        )
    return checked


def reimbursement_schedule(
    *,
    injury_date: dt.date,
    piawe: Decimal,
    pre_injury_hours: Decimal,
    weeks: Sequence[ReimbursementWeekInput],
) -> ReimbursementSchedule:
    """The wage reimbursement schedule for the entitlement weeks given.

    A week whose NSW maximum weekly amount is not in the rule pack is not capped;
    the schedule carries a warning for it instead of failing.

    Raises:
        InputError: an argument is unusable (``field`` names it, e.g. ``weeks[2].end``).
        MissingFigure: a percentage or period length for the injury date is not in the rule pack.
    """
    params = params_for("NSW")
    injury = _check_date("injury_date", injury_date)
    piawe = require_money("piawe", piawe, allow_zero=False).quantize(CENT)
    pre_hours = _require_hours("pre_injury_hours", pre_injury_hours)

    builder = ExplanationBuilder(params.rules_version)
    form = params.citation("reimbursement")
    formulas = params.citation("weekly_formulas")
    builder.cite(form, params.citation("rounding"))
    first_weeks = int(builder.figure(params.figure("first_period_weeks", injury)).value)
    last_week = int(builder.figure(params.figure("second_period_last_week", injury)).value)
    checked = _validate_weeks(injury, weeks, last_week)

    high = builder.figure(params.figure("first_period_percent", injury))
    low = builder.figure(params.figure("second_period_percent", injury))
    hours_fig = builder.figure(params.figure("hours_threshold", injury))
    threshold = hours_fig.value
    builder.step(
        f"PIAWE {dollars(piawe)}; pre-injury hours {_hours(pre_hours)} a week. The weekly benefit (DWB) is "
        f"{high.text} of PIAWE in weeks 1–{first_weeks}; in weeks {first_weeks + 1}–{last_week} it is "
        f"{high.text} when the worker works {hours_fig.text} hours or more in the week, otherwise "
        f"{low.text}; it is never more than the maximum weekly amount.",
        formulas,
        params.citation("entitlement_periods"),
    )
    builder.step(
        "Per week: hours lost = pre-injury hours − hours worked (not below 0); reimbursement = DWB − the "
        "worker's earnings for the week (not below 0).",
        form,
    )

    rows: list[ReimbursementRow] = []
    warnings: list[str] = []
    for week in checked:
        if week.week_number <= first_weeks:
            fig = high
            period = f"first entitlement period (weeks 1–{first_weeks})"
        elif week.hours_worked >= threshold:
            fig = high
            period = (
                f"second entitlement period (weeks {first_weeks + 1}–{last_week}), working "
                f"{hours_fig.text} hours or more"
            )
        else:
            fig = low
            period = (
                f"second entitlement period (weeks {first_weeks + 1}–{last_week}), no capacity or working "
                f"less than {hours_fig.text} hours"
            )
        dwb = money(Fraction(piawe) * fig.ratio)
        text = f"{fig.text} × {dollars(piawe)} = {dollars(dwb)}"
        capped = False
        try:
            maximum = builder.figure(params.figure("max_weekly", week.start))
        except MissingFigure:
            warning = (
                f"maximum weekly amount for the week of {day(week.start)} (week {week.week_number}) is not "
                "in the rule pack; DWB not capped — check it"
            )
            warnings.append(warning)
            text += " (the maximum weekly amount for this week is not held: not capped — check it)"
        else:
            if dwb > maximum.value:
                capped = True
                dwb = maximum.value.quantize(CENT)
                text += f", more than the maximum {maximum.text} for {maximum.period}: DWB {dollars(dwb)}"
            else:
                text += f", within the maximum {maximum.text}"
        length = (week.end - week.start).days + 1
        if length < WEEK_DAYS:
            warnings.append(
                f"week {week.week_number} covers {length} day{'s' if length != 1 else ''} "
                f"({day(week.start)} – {day(week.end)}); the DWB shown is the full weekly amount: the form "
                "does not say how a part week is paid — check it"
            )
        hours_lost = max(pre_hours - week.hours_worked, Decimal(0))
        reimbursement = max(dwb - week.earnings, ZERO)
        builder.step(
            f"Week {week.week_number} ({day(week.start)} – {day(week.end)}), {period}: DWB {text}; earnings "
            f"{dollars(week.earnings)}, {_hours(week.hours_worked)} hours worked, {_hours(hours_lost)} hours "
            f"lost; reimbursement {dollars(dwb)} − {dollars(week.earnings)} = {dollars(reimbursement)}"
            f"{' (earnings at or above the DWB: nothing to reimburse)' if week.earnings >= dwb else ''}."
        )
        rows.append(
            ReimbursementRow(
                week_number=week.week_number,
                start=week.start,
                end=week.end,
                period=period,
                percent=fig.ratio,
                weekly_benefit=dwb,
                maximum_applied=capped,
                earnings=week.earnings,
                hours_worked=week.hours_worked,
                hours_lost=hours_lost,
                reimbursement=reimbursement,
            )
        )

    total_earnings = sum((r.earnings for r in rows), ZERO)
    total_worked = sum((r.hours_worked for r in rows), ZERO)
    total_lost = sum((r.hours_lost for r in rows), ZERO)
    total = sum((r.reimbursement for r in rows), ZERO)
    builder.step(
        f"Totals over {len(rows)} week{'s' if len(rows) != 1 else ''}: earnings {dollars(total_earnings)}, "
        f"{_hours(total_worked)} hours worked, {_hours(total_lost)} hours lost, reimbursement "
        f"{dollars(total)}."
    )
    return ReimbursementSchedule(
        injury_date=injury,
        piawe=piawe,
        pre_injury_hours=pre_hours,
        rows=tuple(rows),
        total_earnings=total_earnings,
        total_hours_worked=total_worked,
        total_hours_lost=total_lost,
        total_reimbursement=total,
        warnings=tuple(warnings),
        explanation=builder.build(),
    )
