"""CSV and XLSX downloads of the spend table and the payment register.

A table is a header and rows of plain values (``str``, ``int``, ``Decimal``, ``date``);
:func:`spend_table` and :func:`register_table` build them from the selectors, and
:func:`csv_response` (streamed, row by row) and :func:`xlsx_response` (openpyxl
write-only: a bold header row, frozen, money as ``#,##0.00`` numbers, dates as dates)
write them. A text cell that a spreadsheet would take for a formula (``=``, ``+``,
``-``, ``@``) is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse

from opencomp.payments.enums import Bucket, Category, EntryKind, PayeeKind, PaymentMethod
from opencomp.payments.models import LedgerEntry
from opencomp.payments.report_selectors import SpendReport, SpendRow

Cell = str | int | Decimal | dt.date | None
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
GROUP_HEADERS = {
    "period": "Period",
    "jurisdiction": "Jurisdiction",
    "employer": "Employer",
    "category": "Category",
    "bucket": "Bucket",
}


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: Iterable[Sequence[Cell]]
    #: Indices of the columns holding money (number format in XLSX).
    money: frozenset[int]


def _period_label(start: dt.date | None, period: str) -> str:
    if start is None:
        return ""
    if period == "year":
        return f"{start.year}"
    if period == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start:%Y-%m}"


def spend_columns(report: SpendReport) -> list[str]:
    figures = ["Payments", "Voids", "Paid", "Voided", "Net paid", "Recovered", "Net"]
    if report.filters.as_of is not None:
        figures += ["Reserve", "Paid to date", "Outstanding", "Incurred"]
    return [GROUP_HEADERS[g] for g in report.group_by] + figures


def spend_cells(report: SpendReport, row: SpendRow, *, total: bool = False) -> list[Cell]:
    """One row of the spend table: its group's labels (``Total`` on the totals row) and its figures."""
    labels: list[Cell] = []
    for i, g in enumerate(report.group_by):
        if total:
            labels.append("Total" if i == 0 else "")
        elif g == "period":
            labels.append(_period_label(row.period_start, report.period))
        elif g == "jurisdiction":
            labels.append(row.jurisdiction or "")
        elif g == "employer":
            labels.append(row.employer_name or "")
        elif g == "category":
            labels.append(Category(row.category).label if row.category in Category.values else row.category)
        else:
            labels.append(Bucket(row.bucket).label if row.bucket in Bucket.values else row.bucket)
    figures: list[Cell] = [
        row.payments,
        row.voids,
        row.paid,
        row.voided,
        row.net_paid,
        row.recovered,
        row.net,
    ]
    if report.filters.as_of is not None:
        figures += [row.reserve, row.paid_to_date, row.outstanding, row.incurred]
    return labels + figures


def spend_table(report: SpendReport) -> Table:
    header = spend_columns(report)
    first_money = len(report.group_by) + 2
    rows: list[Sequence[Cell]] = [spend_cells(report, r) for r in report.rows]
    total = spend_cells(report, report.total, total=True)
    rows.append(total)
    return Table("Spend", header, rows, frozenset(range(first_money, len(header))))


REGISTER_HEADER = [
    "Entry",
    "Date",
    "Kind",
    "Claim",
    "Jurisdiction",
    "Employer",
    "Category",
    "Bucket",
    "Benefit",
    "Amount",
    "Payee kind",
    "Payee",
    "Method",
    "Period start",
    "Period end",
    "Reverses",
    "Voided by",
    "Reason",
    "Bank file",
]


def register_cells(e: LedgerEntry) -> list[Cell]:
    """One register row; ``e`` comes from :func:`payment_register` (with its annotations)."""
    data: Any = e
    return [
        e.pk,
        e.occurred_on,
        EntryKind(e.kind).label if e.kind in EntryKind.values else e.kind,
        data.claim_number,
        data.jurisdiction,
        data.employer_name,
        Category(e.category).label if e.category in Category.values else e.category,
        Bucket(e.bucket).label if e.bucket in Bucket.values else e.bucket,
        e.benefit,
        None if data.amount is None else Decimal(str(data.amount)).quantize(Decimal("0.01")),
        PayeeKind(e.payee_kind).label if e.payee_kind in PayeeKind.values else e.payee_kind,
        e.payee_name,
        PaymentMethod(e.method).label if e.method in PaymentMethod.values else e.method,
        e.period_start,
        e.period_end,
        e.reverses_id,
        data.voided_by_id,
        e.reason,
        data.payment_file or "",
    ]


def register_table(entries: QuerySet[LedgerEntry]) -> Table:
    """The register, read in chunks (never the whole book in memory at once)."""
    rows = (register_cells(e) for e in entries.iterator(chunk_size=2000))
    return Table("Payment register", REGISTER_HEADER, rows, frozenset({REGISTER_HEADER.index("Amount")}))


# --- writers ----------------------------------------------------------------------------------------


def _text(value: str) -> str:
    return "'" + value if value[:1] in {"=", "+", "-", "@"} else value


def _csv_value(value: Cell) -> str | int:
    if value is None:
        return ""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class _Echo:
    """A file-like object whose ``write`` hands the line back (for a streamed CSV)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(table: Table) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(table.header)
    for row in table.rows:
        yield writer.writerow([_csv_value(v) for v in row])


def _disposition(filename: str) -> str:
    return f'attachment; filename="{filename}"'


def csv_response(table: Table, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    return response


def xlsx_bytes(table: Table) -> bytes:
    from openpyxl import Workbook  # imported when a workbook is asked for, not at start-up
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in table.header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        cells = []
        for i, value in enumerate(row):
            cell = WriteOnlyCell(sheet, value=_text(value) if isinstance(value, str) else value)
            if i in table.money:
                cell.number_format = MONEY_FORMAT
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(table: Table, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(table), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response


def table_response(table: Table, *, fmt: str, stem: str, on: dt.date) -> HttpResponse | StreamingHttpResponse:
    """The table as ``fmt`` (``csv`` or ``xlsx``), named ``<stem>-<date>.<fmt>``."""
    filename = f"{stem}-{on.isoformat()}.{fmt}"
    return xlsx_response(table, filename) if fmt == "xlsx" else csv_response(table, filename)
