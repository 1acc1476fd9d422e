"""The rules of work status reports as plain functions: no database, no clock.

- A report covers day ``D`` when ``valid_from <= D`` and (no ``valid_to`` or ``D <= valid_to``).
  The status in force on ``D`` is the covering report examined last (then recorded last); when
  none covers ``D`` but one began before it, the status has **expired** (the worker needs a new
  certificate).
- Structured restrictions come from ``RestrictionKind``: lifting carries a maximum weight in
  the claim's unit (kilograms in Australia, pounds in the United States); standing, sitting
  and walking a limit in minutes at a time; use of an arm or hand names the side; driving,
  bending and climbing are restricted as their note says; ``other`` needs its note. Each kind
  appears once, ``other`` as often as needed.
- A change worth telling people about is a change of capacity, or of the restrictions
  (structured or free text), from the previous report; the first report is a change.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from opencomp.workstatus.enums import RestrictionKind, Side, WeightUnit

HOURS_PER_DAY_MAX = Decimal("24")
DAYS_PER_WEEK_MAX = Decimal("7")
#: Limits of a lifting restriction, by unit (a person's whole-body lift does not exceed these).
WEIGHT_MAX = {WeightUnit.KG.value: Decimal("100"), WeightUnit.LB.value: Decimal("220")}
#: Standing, sitting or walking at a time: at most a day.
MINUTES_MAX = Decimal("1440")
MINUTE_KINDS = frozenset({RestrictionKind.STANDING, RestrictionKind.SITTING, RestrictionKind.WALKING})
NOTE_ONLY_KINDS = frozenset({RestrictionKind.DRIVING, RestrictionKind.BENDING, RestrictionKind.CLIMBING})
NOTE_LIMIT = 500


def weight_unit(country: str) -> str:
    """The unit a lifting limit is written in: kilograms in Australia, pounds in the United States."""
    return WeightUnit.LB.value if country == "US" else WeightUnit.KG.value


def covers(*, valid_from: dt.date, valid_to: dt.date | None, on: dt.date) -> bool:
    return valid_from <= on and (valid_to is None or on <= valid_to)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        raise ValueError("give the number as a decimal string, not a float")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError("must be a number") from None
    if not number.is_finite():
        raise ValueError("must be a number")
    return number


def restriction_clean(item: dict[str, Any], *, unit: str) -> tuple[dict[str, str], dict[str, str]]:
    """One restriction in its stored shape, and the problems with it by field (empty when none).

    The stored shape: ``kind``, ``limit`` (a decimal string or empty), ``unit``, ``side``, ``note``.
    """
    problems: dict[str, str] = {}
    kind = str(item.get("kind") or "")
    note = " ".join(str(item.get("note") or "").split())
    side = str(item.get("side") or "")
    out = {"kind": kind, "limit": "", "unit": "", "side": "", "note": note}
    if kind not in RestrictionKind.values:
        problems["kind"] = f"choose one of: {', '.join(RestrictionKind.values)}"
        return out, problems
    if len(note) > NOTE_LIMIT:
        problems["note"] = f"must be at most {NOTE_LIMIT} characters"
    try:
        limit = _decimal(item.get("limit"))
    except ValueError as exc:
        problems["limit"] = str(exc)
        limit = None
    given_unit = str(item.get("unit") or "")
    if kind == RestrictionKind.LIFTING:
        if given_unit and given_unit != unit:
            problems["unit"] = f"lifting limits on this claim are in {unit}"
        if limit is None and "limit" not in problems:
            problems["limit"] = f"give the most the worker may lift, in {unit} (0: no lifting)"
        elif limit is not None and not Decimal(0) <= limit <= WEIGHT_MAX[unit]:
            problems["limit"] = f"must be between 0 and {WEIGHT_MAX[unit]} {unit}"
        out["unit"] = unit
    elif kind in MINUTE_KINDS:
        if given_unit and given_unit != "min":
            problems["unit"] = "standing, sitting and walking limits are in minutes"
        if limit is None and "limit" not in problems:
            problems["limit"] = "give the minutes at a time (0: not at all)"
        elif limit is not None and (not Decimal(0) <= limit <= MINUTES_MAX or limit != limit.to_integral()):
            problems["limit"] = f"must be whole minutes between 0 and {MINUTES_MAX}"
        out["unit"] = "min"
    elif limit is not None:
        problems["limit"] = "only lifting, standing, sitting and walking take a limit"
    if kind == RestrictionKind.ARM_HAND:
        if side not in Side.values:
            problems["side"] = f"choose one of: {', '.join(Side.values)}"
        out["side"] = side
    elif side:
        problems["side"] = "only a restriction on the use of an arm or hand names a side"
    if kind == RestrictionKind.OTHER and not note:
        problems["note"] = "say what the restriction is"
    if limit is not None and "limit" not in problems:
        out["limit"] = str(int(limit)) if limit == limit.to_integral() else str(limit.normalize())
    return out, problems


def restrictions_differ(
    before: list[dict[str, str]] | None, before_text: str, after: list[dict[str, str]], after_text: str
) -> bool:
    """Whether the restrictions changed (order aside)."""
    if before is None:
        return bool(after or after_text)

    def key(items: list[dict[str, str]]) -> list[tuple[str, ...]]:
        return sorted(
            tuple(str(i.get(k, "")) for k in ("kind", "limit", "unit", "side", "note")) for i in items
        )

    return key(before) != key(after) or " ".join(before_text.split()) != " ".join(after_text.split())


def describe_restriction(item: dict[str, str]) -> str:
    """One restriction in words: "Lifting: at most 10 kg (from floor)"."""
    kind = RestrictionKind(item["kind"])
    text = kind.label
    if kind == RestrictionKind.LIFTING:
        text += f": at most {item['limit']} {item['unit']}" if item["limit"] != "0" else ": none"
    elif kind in MINUTE_KINDS:
        text += f": at most {item['limit']} minutes at a time" if item["limit"] != "0" else ": none"
    elif kind == RestrictionKind.ARM_HAND:
        text += f" ({Side(item['side']).label.lower()})"
    if item.get("note"):
        text += (" — " if kind != RestrictionKind.OTHER else ": ") + item["note"]
    return text
