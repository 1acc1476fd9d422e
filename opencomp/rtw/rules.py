"""The rules of modified duty as plain functions: no database, no clock.

- A duty's **demands** are written in the shape of a restriction (``workstatus.rules``): lifting
  up to a weight, standing, sitting or walking for minutes at a time, driving, bending,
  climbing, use of an arm or hand. A demand **breaks** a restriction of the same kind when it
  asks more than the limit (lifting, minutes), or at all for driving, bending, climbing and the
  use of an arm or hand (side ``both`` or the same side). ``other`` restrictions are free text:
  no program can compare them, which is why the treating physician signs the offer off.
- The program's **limit** (seed 001, Denver's Temporary Modified Duty Program): an assignment
  ends when six months from the date of injury have elapsed, unless the modified duty
  coordinator extends it; MMI or a release to full duty ends it sooner. This is the employer's
  program rule, not a statute.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from opencomp.workstatus import rules as status_rules
from opencomp.workstatus.enums import RestrictionKind

#: Seed 001: "the six month timeframe (from the date of injury) allotted for this program".
PROGRAM_LIMIT_MONTHS = 6
PROGRAM_SOURCE = (
    "Temporary Modified Duty Program (seed 001): a modified duty assignment ends when the six month "
    "timeframe from the date of injury has elapsed, at MMI or on release to full duty; the Modified Duty "
    "Coordinator with the supervisor may extend it. An employer's program rule, not a statute."
)
#: C.R.S. 8-42-106(1) (statutes.md §4.1): TPD ends at MMI or on a refused written modified-duty offer.
CO_TPD_CITATION = "C.R.S. 8-42-106(1)"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` calendar months on; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def program_limit(injury_date: dt.date) -> dt.date:
    """The last day of the program's six months from the date of injury (seed 001)."""
    return add_months(injury_date, PROGRAM_LIMIT_MONTHS) - dt.timedelta(days=1)


def demand_clean(item: dict[str, Any], *, unit: str) -> tuple[dict[str, str], dict[str, str]]:
    """A demand in the stored shape of a restriction, and its problems by field."""
    kind = str(item.get("kind") or "")
    if kind in (RestrictionKind.DRIVING, RestrictionKind.BENDING, RestrictionKind.CLIMBING):
        item = {**item, "note": item.get("note") or "required"}
    if kind == RestrictionKind.ARM_HAND and not item.get("side"):
        item = {**item, "side": "both"}
    return status_rules.restriction_clean(item, unit=unit)


def _sides_meet(a: str, b: str) -> bool:
    return "both" in (a, b) or a == b


def breaches(demands: list[dict[str, str]], restrictions: list[dict[str, str]]) -> list[tuple[int, str]]:
    """Each demand (by index) that breaks a restriction, with the restriction in words."""
    found: list[tuple[int, str]] = []
    for index, demand in enumerate(demands):
        for restriction in restrictions:
            if restriction["kind"] != demand["kind"] or demand["kind"] == RestrictionKind.OTHER:
                continue
            kind = demand["kind"]
            if kind == RestrictionKind.LIFTING or kind in status_rules.MINUTE_KINDS:
                broken = Decimal(demand["limit"] or "0") > Decimal(restriction["limit"] or "0")
            elif kind == RestrictionKind.ARM_HAND:
                broken = _sides_meet(demand["side"], restriction["side"])
            else:
                broken = True
            if broken:
                found.append((index, status_rules.describe_restriction(restriction)))
    return found


def describe_demand(item: dict[str, str]) -> str:
    """One demand in words: "Lifting: up to 25 lb"."""
    kind = RestrictionKind(item["kind"])
    if kind == RestrictionKind.LIFTING:
        return f"{kind.label}: up to {item['limit']} {item['unit']}"
    if kind in status_rules.MINUTE_KINDS:
        return f"{kind.label}: up to {item['limit']} minutes at a time"
    if kind == RestrictionKind.ARM_HAND:
        return f"{kind.label} ({item['side']})"
    if kind == RestrictionKind.OTHER:
        return f"Other: {item['note']}"
    return kind.label
