"""Read an employer's wage reimbursement schedule (WRS) from a CSV file.

One row per entitlement week, as on the form of seed 004 (Appendix 1). The header row
names the columns, in any order and any case (spaces or hyphens for underscores); the
form's own words are accepted too:

================  =====================================  ==========================================
column            also accepted                          value
================  =====================================  ==========================================
week_number       weeks_paid, week, entitlement_week     the entitlement week (1, 2, …) — required
week_from         from                                   first day of the 7-day week — required
week_to           to                                     last day of the week — required
earnings                                                 what the worker earned in the week (blank: 0)
hours_worked                                             hours worked in the week (blank: 0)
hours_lost                                               hours lost (blank: worked out from the
                                                         pre-injury hours of the employment record)
amount_claimed    reimbursement, amount                  what the employer paid and claims — required
entitlement_period, dwb, weekly_benefit                  the form's automatic columns: read and ignored
================  =====================================  ==========================================

Dates are ``2025-01-06`` or ``06/01/2025`` (day first, as on the form). Money may carry
``$`` and thousands commas (``$1,425.00``). The header is row 1, so the first week is
row 2, as a spreadsheet numbers it. Every error names its row and column
(``row 3, earnings``); one error rejects the whole file, and nothing is recorded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from opencomp.core.errors import ErrorCollector, ValidationFailed
from opencomp.core.money import CENT
from opencomp.payments.reimbursement_services import WeekLine

#: The largest file read (a fortnightly schedule is a few hundred bytes).
MAX_BYTES = 256 * 1024
#: The most weeks one file may hold (a year of weekly lines).
MAX_ROWS = 52
REQUIRED = ("week_number", "week_from", "week_to", "amount_claimed")
COLUMNS = (*REQUIRED, "earnings", "hours_worked", "hours_lost")
IGNORED = frozenset({"entitlement_period", "dwb", "weekly_benefit"})
ALIASES = {
    "weeks_paid": "week_number",
    "week": "week_number",
    "entitlement_week": "week_number",
    "from": "week_from",
    "to": "week_to",
    "reimbursement": "amount_claimed",
    "amount": "amount_claimed",
}
FILE = "file"
MAX_HOURS = Decimal(7 * 24)
DATE = "must be a date such as 2025-01-06 or 06/01/2025"
T = TypeVar("T")
_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _column(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", name.strip().lower())
    return ALIASES.get(key, key)


def _at(row: int, column: str) -> str:
    return f"row {row}, {column}"


def parse_date(text: str) -> dt.date:
    """``2025-01-06`` or ``06/01/2025`` (day first); ``ValueError`` otherwise."""
    text = text.strip()
    match = _DAY_FIRST.match(text)
    if match:
        d, m, y = (int(g) for g in match.groups())
        return dt.date(y, m, d)
    return dt.date.fromisoformat(text)


def parse_money(text: str) -> Decimal:
    """``1425``, ``1,425.00`` or ``$1,425.00``; ``ValueError`` when not an amount of at most 2 places."""
    cleaned = text.strip().replace("$", "").replace(",", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("must be an amount such as 1425.00 or $1,425.00") from None
    if not value.is_finite():
        raise ValueError("must be an amount such as 1425.00 or $1,425.00")
    if value < 0:
        raise ValueError("must not be negative")
    if value != value.quantize(CENT):
        raise ValueError("has more than two decimal places")
    return value.quantize(CENT)


def _hours(text: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError("must be a number of hours such as 38 or 7.5") from None
    if not value.is_finite() or value < 0:
        raise ValueError("must be a number of hours, 0 or more")
    if value > MAX_HOURS:
        raise ValueError(f"is more than the {MAX_HOURS} hours in a week")
    if value != value.quantize(CENT):
        raise ValueError("has more than two decimal places")
    return value


def _text(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationFailed.for_field(FILE, f"is larger than {MAX_BYTES // 1024} KB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed.for_field(FILE, "is not UTF-8 text: save it as CSV UTF-8") from None


def _header(names: list[str]) -> list[str]:
    columns = [_column(n) for n in names]
    errors = ErrorCollector()
    for i, column in enumerate(columns):
        if column and column not in COLUMNS and column not in IGNORED:
            errors.add(_at(1, names[i].strip()), f"is not a column of the schedule ({', '.join(COLUMNS)})")
    for column in REQUIRED:
        if column not in columns:
            errors.add(_at(1, column), "the header has no such column")
    duplicates = sorted({c for c in columns if c and columns.count(c) > 1})
    for column in duplicates:
        errors.add(_at(1, column), "appears more than once in the header")
    errors.raise_if_any("The file was not accepted: its header row is not a wage reimbursement schedule.")
    return columns


def reimbursement_csv_parse(data: bytes) -> list[WeekLine]:
    """The weeks of a CSV schedule, checked line by line; ``ValidationFailed`` names every bad cell.

    Only the form of each cell is checked here; ``wage_reimbursement_submit`` checks the
    weeks against the claim (and names the same rows).
    """
    rows = list(csv.reader(io.StringIO(_text(data))))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ValidationFailed.for_field(FILE, "is empty: the first row names the columns")
    columns = _header(rows[0])
    errors = ErrorCollector()
    weeks: list[WeekLine] = []
    numbered = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell.strip() for cell in r)]
    if not numbered:
        raise ValidationFailed.for_field(FILE, "holds no weeks: one row per week follows the header")
    if len(numbered) > MAX_ROWS:
        raise ValidationFailed.for_field(FILE, f"holds {len(numbered)} weeks; at most {MAX_ROWS} per file")
    for number, row in numbered:
        if len(row) > len(columns):
            errors.add(_at(number, "row"), f"has {len(row)} cells; the header has {len(columns)}")
            continue
        cells = {c: (row[i].strip() if i < len(row) else "") for i, c in enumerate(columns) if c}
        line = _line(number, cells, errors)
        if line is not None:
            weeks.append(line)
    errors.raise_if_any(f"The file was not accepted: {len(errors.errors)} error(s); nothing was recorded.")
    return weeks


def _line(row: int, cells: dict[str, str], errors: ErrorCollector) -> WeekLine | None:
    before = len(errors.errors)
    for column in REQUIRED:
        if not cells.get(column):
            errors.add(_at(row, column), "is required")

    def read(column: str, parse: Callable[[str], T], default: T) -> T:
        text = cells.get(column, "")
        if not text:
            return default
        try:
            return parse(text)
        except ValueError as exc:
            dated = column in ("week_from", "week_to")
            errors.add(_at(row, column), DATE if dated else str(exc))
            return default

    week_number = read("week_number", _week_number, 0)
    week_from = read("week_from", parse_date, dt.date.min)
    week_to = read("week_to", parse_date, dt.date.min)
    amount = read("amount_claimed", parse_money, Decimal("0.00"))
    earnings = read("earnings", parse_money, Decimal("0.00"))
    worked = read("hours_worked", _hours, Decimal("0"))
    lost: Decimal | None = read("hours_lost", _hours, None)
    if len(errors.errors) > before:
        return None
    return WeekLine(
        week_number=week_number,
        week_from=week_from,
        week_to=week_to,
        amount_claimed=amount,
        earnings=earnings,
        hours_worked=worked,
        hours_lost=lost,
        label=f"row {row}",
    )


def _week_number(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise ValueError("must be an entitlement week number, 1 or more")
    return int(text)
