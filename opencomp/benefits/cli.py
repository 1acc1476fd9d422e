"""The benefit subcommands of ``opencomp calc`` (JSON out, Decimal strings).

    opencomp calc weekly-benefit --jurisdiction CO --benefit TTD --injury-date 2023-09-01 --aww 1939.88
    opencomp calc weekly-benefit --jurisdiction NSW --benefit weekly --injury-date 2024-10-14 \\
        --piawe 1500.00 --entitlement-week 20 --current-earnings 300.00 --hours-worked 12
    opencomp calc disability-period --jurisdiction MN --weekly-rate 500.00 --injury-date 2024-12-01 \\
        --first-day 2024-12-02 --return-to-work 2024-12-16 [--days-per-week 5]
    opencomp calc average-weekly-wage --jurisdiction MN --method 26_weeks --injury-date 2024-12-01 \\
        --wages wages.csv
    opencomp calc index-piawe --piawe 1500.00 --as-at 2019-11-01 --to 2022-10-05
    opencomp calc step-downs --injury-date 2024-10-14 --first-incapacity 2024-10-15 [--as-at D]
    opencomp calc salary-continuation --weekly-gross 1500.00 --ttd-rate 1000.00 \\
        --injury-date 2025-08-04 --return-to-work 2025-08-25
    opencomp calc reimbursement --injury-date 2021-03-01 --piawe 1000.00 --pre-injury-hours 38 \\
        --weeks weeks.csv

Bad input exits with status 2 and one line naming the option; a date the rule pack holds
no sourced figure for is bad input too (the message names the missing figure).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from opencomp.benefits.calculators.types import InputError, MissingFigure
from opencomp.jurisdictions.registry import JURISDICTIONS

WEEKDAYS = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
ACTIONS = (
    "weekly-benefit",
    "disability-period",
    "average-weekly-wage",
    "index-piawe",
    "step-downs",
    "salary-continuation",
    "reimbursement",
)
#: Which option a calculator field or a missing figure's date comes from.
FIELD_OPTION = {"lines": "--wages", "weeks": "--weeks", "as_at": "--as-at", "to_date": "--to"}
FIGURE_OPTION = {"max_weekly": "--injury-date", "index_factor": "--to", "index_number": "--to"}


class BadOption(ValueError):
    """An option a benefit subcommand cannot use."""

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        self.message = message
        super().__init__(f"{option}: {message}")


def add_parsers(sub: Any, parser_class: type[CommandParser]) -> None:
    """Add the benefit subcommands to the ``calc`` command's subparsers."""
    weekly = sub.add_parser(
        "weekly-benefit",
        help="the weekly benefit for an injury (TTD/TPD; NSW weekly payments)",
        description="The weekly amount of a benefit with the statute's figures for the date, explained.",
    )
    weekly.add_argument("--jurisdiction", required=True, help="CO, MN, CT or NSW")
    weekly.add_argument("--benefit", required=True, help="TTD or TPD (CO, MN, CT); weekly (NSW)")
    weekly.add_argument("--injury-date", required=True, help="YYYY-MM-DD")
    weekly.add_argument("--aww", help="average weekly wage (gross; CT: needed only below the minimum)")
    weekly.add_argument("--current-earnings", help="current weekly earnings (TPD; NSW CWE; CT after tax)")
    weekly.add_argument("--after-tax-aww", help="CT: the after-tax AWW from the Commission's tables")
    weekly.add_argument("--piawe", help="NSW: pre-injury average weekly earnings")
    weekly.add_argument(
        "--piawe-as-at", help="NSW: the date the PIAWE given applies at (default injury date)"
    )
    weekly.add_argument("--entitlement-week", help="NSW: the aggregate entitlement week (1, 2, …)")
    weekly.add_argument("--hours-worked", help="NSW: hours worked a week (from week 14)")
    weekly.add_argument("--week-start", help="NSW: the date the entitlement week starts")
    weekly.add_argument("--after-130-eligible", action="store_true", help="NSW: s 38 continuation decided")
    weekly.add_argument("--wpi", help="NSW: whole person impairment, %%")

    period = sub.add_parser(
        "disability-period",
        help="waiting days, compensable days and the amount of a period of disability",
        description="Waiting period, compensable days and amount of a disability period (CO, MN).",
    )
    period.add_argument("--jurisdiction", required=True, help="CO or MN")
    period.add_argument("--weekly-rate", required=True, help="the weekly benefit rate")
    period.add_argument("--first-day", required=True, help="YYYY-MM-DD, first day of disability")
    period.add_argument("--return-to-work", required=True, help="YYYY-MM-DD, first day back at work")
    period.add_argument("--injury-date", help="YYYY-MM-DD (default: the first day)")
    period.add_argument("--days-per-week", help="days worked a week (MN default 5; CO 7)")
    period.add_argument("--work-days", help="scheduled days, e.g. mon,tue,wed,thu,fri")
    period.add_argument(
        "--disability-start", help="YYYY-MM-DD: first day of a continuing disability this period continues"
    )
    period.add_argument(
        "--waiting-settled", action="store_true", help="an earlier instalment already paid the waiting days"
    )

    aww = sub.add_parser(
        "average-weekly-wage",
        help="average weekly wage / PIAWE from wages",
        description="Average weekly wage (CO monthly/hourly, MN 26 weeks, CT 52 weeks, NSW PIAWE).",
    )
    aww.add_argument("--jurisdiction", required=True, help="CO, MN, CT or NSW")
    aww.add_argument("--method", required=True, help="monthly, hourly, 26_weeks, 52_weeks or piawe")
    aww.add_argument("--injury-date", required=True, help="YYYY-MM-DD")
    aww.add_argument("--monthly-wage", help="CO monthly: the monthly wage")
    aww.add_argument("--hourly-rate", help="CO hourly: the hourly rate")
    aww.add_argument("--hours-per-day", help="CO hourly: hours worked a day")
    aww.add_argument("--days-per-week", help="CO hourly: days worked a week")
    aww.add_argument("--wages", help="CSV: period_start,period_end,amount[,kind,hours,employer]")
    aww.add_argument("--hire-date", help="CT: hire date (a partial first week is left out)")
    aww.add_argument("--employment-start", help="NSW: start of employment if within the 52 weeks")

    index = sub.add_parser(
        "index-piawe",
        help="NSW: PIAWE indexed through each April/October review",
        description="Index a PIAWE from one date to another through the 1 April / 1 October reviews.",
    )
    index.add_argument("--piawe", required=True, help="the PIAWE at --as-at")
    index.add_argument("--as-at", required=True, help="YYYY-MM-DD the PIAWE applies at")
    index.add_argument("--to", required=True, help="YYYY-MM-DD to index to")
    index.add_argument("--injury-date", help="YYYY-MM-DD (default --as-at)")

    steps = sub.add_parser(
        "step-downs",
        help="NSW: entitlement-week step-down dates and the s 39 end",
        description="NSW entitlement weeks: start of week 14, week 131 and the end of week 260.",
    )
    steps.add_argument("--injury-date", required=True, help="YYYY-MM-DD")
    steps.add_argument("--first-incapacity", required=True, help="YYYY-MM-DD, first day of incapacity")
    steps.add_argument("--as-at", help="YYYY-MM-DD; weeks before it counted as paid, after it projected")

    sc = sub.add_parser(
        "salary-continuation",
        help="Denver Career Service salary continuation (seed 001)",
        description="80%% of gross salary less the disability rate, up to 90 days from the injury.",
    )
    sc.add_argument("--weekly-gross", required=True, help="gross weekly salary")
    sc.add_argument("--ttd-rate", required=True, help="the weekly temporary disability rate")
    sc.add_argument("--injury-date", required=True, help="YYYY-MM-DD")
    sc.add_argument("--return-to-work", required=True, help="YYYY-MM-DD, first day back")
    sc.add_argument("--first-day-off", help="YYYY-MM-DD (default the day after the injury)")
    sc.add_argument("--days-per-week", help="scheduled shifts a week (default 5)")
    sc.add_argument("--work-days", help="scheduled days, e.g. mon,tue,wed,thu,fri")

    reimb = sub.add_parser(
        "reimbursement",
        help="NSW employer wage reimbursement schedule (seed 004, Appendix 1)",
        description="Per entitlement week: weekly benefit − earnings, hours lost, and totals.",
    )
    reimb.add_argument("--injury-date", required=True, help="YYYY-MM-DD")
    reimb.add_argument("--piawe", required=True, help="PIAWE")
    reimb.add_argument("--pre-injury-hours", required=True, help="pre-injury hours a week")
    reimb.add_argument("--weeks", required=True, help="CSV: week_number,start,end,earnings,hours_worked")


def run(action: str, opts: dict[str, Any]) -> dict[str, Any]:
    """Run a benefit subcommand; its JSON-ready result.

    Raises:
        BadOption: naming the option at fault.
    """
    handler: Callable[[dict[str, Any]], dict[str, Any]] = _HANDLERS[action]
    try:
        return handler(opts)
    except InputError as exc:
        raise BadOption(FIELD_OPTION.get(exc.field.split("[")[0], _option(exc.field)), exc.message) from None
    except MissingFigure as exc:
        option = FIGURE_OPTION.get(exc.name, "--injury-date")
        if exc.name == "max_weekly" and opts.get("week_start"):
            option = "--week-start"
        raise BadOption(option, str(exc)) from None


def _option(field: str) -> str:
    return "--" + field.split("[")[0].split(".")[0].replace("_", "-")


def _jurisdiction(value: str) -> str:
    code = value.strip().upper()
    if code not in JURISDICTIONS:
        raise BadOption(
            "--jurisdiction", f"unknown jurisdiction {value!r}; known: {', '.join(sorted(JURISDICTIONS))}"
        )
    return code


def _date(option: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadOption(option, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _required_date(option: str, value: str) -> dt.date:
    day = _date(option, value)
    if day is None:
        raise BadOption(option, "is required")
    return day


def _decimal(option: str, value: str | None, *, places: int | None = 2) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.strip().replace(",", ""))
    except InvalidOperation:
        raise BadOption(option, f"{value!r} is not a number") from None
    if not number.is_finite():
        raise BadOption(option, f"{value!r} is not a number")
    if number < 0:
        raise BadOption(option, "must not be negative")
    if places is not None and number != round(number, places):
        raise BadOption(option, f"{value!r} has more than {places} decimal places")
    return number


def _required_decimal(option: str, value: str) -> Decimal:
    number = _decimal(option, value)
    if number is None:
        raise BadOption(option, "is required")
    return number


def _int(option: str, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise BadOption(option, f"{value!r} is not a whole number") from None


def _work_days(value: str | None) -> list[int] | None:
    if value is None:
        return None
    days = []
    for part in value.split(","):
        key = part.strip().lower()[:3]
        if key not in WEEKDAYS:
            raise BadOption("--work-days", f"{part!r} is not a day (mon, tue, wed, thu, fri, sat, sun)")
        days.append(WEEKDAYS[key])
    return days


def _csv_rows(option: str, path: str, columns: tuple[str, ...], required: int) -> list[dict[str, str]]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise BadOption(option, f"cannot read {path!r}: {exc.strerror}") from None
    reader = csv.reader(text.splitlines())
    rows: list[dict[str, str]] = []
    for number, row in enumerate(reader, start=1):
        if not row or not "".join(row).strip():
            continue
        if number == 1 and row[0].strip().lower() == columns[0]:
            continue  # a header row
        if len(row) < required or len(row) > len(columns):
            raise BadOption(option, f"line {number}: expected {', '.join(columns[:required])}[, …]")
        rows.append({columns[i]: cell.strip() for i, cell in enumerate(row)})
    if not rows:
        raise BadOption(option, f"{path!r} has no rows")
    return rows


def _weekly(opts: dict[str, Any]) -> dict[str, Any]:
    from opencomp.benefits.calculators.weekly import weekly_benefit

    return weekly_benefit(
        _jurisdiction(opts["jurisdiction"]),
        opts["benefit"].strip(),
        injury_date=_required_date("--injury-date", opts["injury_date"]),
        aww=_decimal("--aww", opts["aww"]),
        current_earnings=_decimal("--current-earnings", opts["current_earnings"]),
        after_tax_aww=_decimal("--after-tax-aww", opts["after_tax_aww"]),
        piawe=_decimal("--piawe", opts["piawe"]),
        piawe_as_at=_date("--piawe-as-at", opts["piawe_as_at"]),
        entitlement_week=_int("--entitlement-week", opts["entitlement_week"]),
        hours_worked=_decimal("--hours-worked", opts["hours_worked"]),
        week_start=_date("--week-start", opts["week_start"]),
        after_130_eligible=bool(opts["after_130_eligible"]),
        wpi=_decimal("--wpi", opts["wpi"]),
    ).as_json()


def _period(opts: dict[str, Any]) -> dict[str, Any]:
    from opencomp.benefits.calculators.period import disability_period

    rate = _required_decimal("--weekly-rate", opts["weekly_rate"])
    return disability_period(
        _jurisdiction(opts["jurisdiction"]),
        weekly_rate=rate,
        first_day=_required_date("--first-day", opts["first_day"]),
        return_to_work=_required_date("--return-to-work", opts["return_to_work"]),
        injury_date=_date("--injury-date", opts["injury_date"]),
        days_per_week=_int("--days-per-week", opts["days_per_week"]),
        work_days=_work_days(opts["work_days"]),
        disability_start=_date("--disability-start", opts["disability_start"]),
        waiting_settled=bool(opts["waiting_settled"]),
    ).as_json()


def _wage_lines(path: str) -> list[Any]:
    from opencomp.benefits.calculators.aww import WageLine

    lines = []
    columns = ("period_start", "period_end", "amount", "kind", "hours", "employer")
    for i, row in enumerate(_csv_rows("--wages", path, columns, 3), start=1):
        where = f"--wages (row {i})"
        hours = row.get("hours") or None
        lines.append(
            WageLine(
                period_start=_required_date(where, row["period_start"]),
                period_end=_required_date(where, row["period_end"]),
                amount=_decimal(where, row["amount"]) or Decimal("0.00"),
                kind=row.get("kind") or "ordinary",
                hours=_decimal(where, hours) if hours else None,
                employer=row.get("employer", ""),
            )
        )
    return lines


def _aww(opts: dict[str, Any]) -> dict[str, Any]:
    from opencomp.benefits.calculators.aww import average_weekly_wage

    inputs: dict[str, Any] = {"injury_date": _required_date("--injury-date", opts["injury_date"])}
    for key in ("monthly_wage", "hourly_rate", "hours_per_day", "days_per_week"):
        if opts[key] is not None:
            inputs[key] = _decimal("--" + key.replace("_", "-"), opts[key], places=None)
    if opts["wages"]:
        inputs["lines"] = _wage_lines(opts["wages"])
    for key in ("hire_date", "employment_start"):
        if opts[key]:
            inputs[key] = _date("--" + key.replace("_", "-"), opts[key])
    return average_weekly_wage(
        _jurisdiction(opts["jurisdiction"]), opts["method"].strip(), **inputs
    ).as_json()


def _index(opts: dict[str, Any]) -> dict[str, Any]:
    from opencomp.benefits.calculators.weekly import index_piawe

    piawe = _required_decimal("--piawe", opts["piawe"])
    as_at = _required_date("--as-at", opts["as_at"])
    return index_piawe(
        piawe,
        injury_date=_date("--injury-date", opts["injury_date"]) or as_at,
        as_at=as_at,
        to_date=_required_date("--to", opts["to"]),
    ).as_json()


def _step_downs(opts: dict[str, Any]) -> dict[str, Any]:
    from opencomp.benefits.calculators.nsw_weeks import step_downs

    return step_downs(
        injury_date=_required_date("--injury-date", opts["injury_date"]),
        first_incapacity=_required_date("--first-incapacity", opts["first_incapacity"]),
        as_at=_date("--as-at", opts["as_at"]),
    ).as_json()


def _salary_continuation(opts: dict[str, Any]) -> dict[str, Any]:
    from opencomp.benefits.calculators.period import salary_continuation

    gross = _required_decimal("--weekly-gross", opts["weekly_gross"])
    rate = _required_decimal("--ttd-rate", opts["ttd_rate"])
    return salary_continuation(
        weekly_gross=gross,
        ttd_weekly_rate=rate,
        injury_date=_required_date("--injury-date", opts["injury_date"]),
        return_to_work=_required_date("--return-to-work", opts["return_to_work"]),
        first_day_off=_date("--first-day-off", opts["first_day_off"]),
        days_per_week=_int("--days-per-week", opts["days_per_week"]) or 5,
        work_days=_work_days(opts["work_days"]),
    ).as_json()


def _reimbursement(opts: dict[str, Any]) -> dict[str, Any]:
    from opencomp.benefits.calculators.reimbursement import ReimbursementWeekInput, reimbursement_schedule

    columns = ("week_number", "start", "end", "earnings", "hours_worked")
    weeks = []
    for i, row in enumerate(_csv_rows("--weeks", opts["weeks"], columns, 5), start=1):
        where = f"--weeks (row {i})"
        weeks.append(
            ReimbursementWeekInput(
                week_number=_int(where, row["week_number"]) or 0,
                start=_required_date(where, row["start"]),
                end=_required_date(where, row["end"]),
                earnings=_decimal(where, row["earnings"]) or Decimal("0.00"),
                hours_worked=_decimal(where, row["hours_worked"]) or Decimal("0"),
            )
        )
    piawe = _required_decimal("--piawe", opts["piawe"])
    hours = _required_decimal("--pre-injury-hours", opts["pre_injury_hours"])
    return reimbursement_schedule(
        injury_date=_required_date("--injury-date", opts["injury_date"]),
        piawe=piawe,
        pre_injury_hours=hours,
        weeks=weeks,
    ).as_json()


_HANDLERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "weekly-benefit": _weekly,
    "disability-period": _period,
    "average-weekly-wage": _aww,
    "index-piawe": _index,
    "step-downs": _step_downs,
    "salary-continuation": _salary_continuation,
    "reimbursement": _reimbursement,
}
