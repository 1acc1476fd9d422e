"""Book-wide money: spend by category, employer, jurisdiction and period; the payment register; bank files.

Spend and the register cover the claims the caller may see, for every role but workers
and treating providers; both download as CSV or XLSX with ``format``. Bank payment files
(ABA for Australian claims, NACHA PPD for US claims) hold whole account numbers: only a
claims supervisor (their organisation's claims) or a system administrator writes, lists
and downloads them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Query, Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import PageParams
from opencomp.core import clock
from opencomp.payments.enums import Category, PaymentMethod
from opencomp.payments.models_bankfiles import PaymentFileExport
from opencomp.payments.payment_files import (
    Exclusion,
    payment_file_export,
    payment_file_get,
    payment_file_list,
    payment_file_reissue,
)
from opencomp.payments.report_exports import register_cells, register_table, spend_table, table_response
from opencomp.payments.report_selectors import (
    GROUPINGS,
    RegisterFilters,
    SpendFilters,
    SpendReport,
    SpendRow,
    payment_register,
    spend_report,
)

router = Router(tags=["Book financials"])

if TYPE_CHECKING:
    CategoryName = str
    MethodName = str
else:
    CategoryName = Literal[tuple(Category.values)]
    MethodName = Literal[tuple(PaymentMethod.values)]

MONEY = 'Decimal strings with two places ("1939.88").'
DOWNLOAD = {
    "content": {
        "text/csv": {"schema": {"type": "string"}},
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            "schema": {"type": "string", "format": "binary"}
        },
    }
}


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SpendQuery(BaseModel):
    group_by: str = Field(
        "category",
        description=f"Comma-separated, any of {', '.join(GROUPINGS)}; empty for the totals only.",
    )
    period: Literal["month", "quarter", "year"] = Field("month", description="What `period` groups by.")
    date_from: dt.date | None = Field(None, description="First day of the entries counted (their date).")
    date_to: dt.date | None = Field(None, description="Last day of the entries counted.")
    jurisdiction: str = ""
    employer_id: int | None = None
    category: CategoryName | None = None
    as_of: dt.date | None = Field(
        None, description="Also the reserve, paid to date, outstanding and incurred on this day."
    )
    format: Literal["json", "csv", "xlsx"] = Field("json", description="`csv` or `xlsx` downloads the table.")

    def filters(self) -> SpendFilters:
        return SpendFilters(
            date_from=self.date_from,
            date_to=self.date_to,
            jurisdiction=self.jurisdiction,
            employer_id=self.employer_id,
            category=self.category or "",
            as_of=self.as_of,
        )


class SpendRowOut(BaseModel):
    period_start: dt.date | None = Field(description="First day of the month, quarter or year.")
    jurisdiction: str | None
    employer_id: int | None
    employer_name: str | None
    category: str | None
    bucket: str | None
    payments: int = Field(description="Payments counted.")
    voids: int = Field(description="Voids counted.")
    paid: str = Field(description=f"Payments. {MONEY}")
    voided: str = Field(description="Payments taken back by voids dated in the range (positive).")
    net_paid: str = Field(description="Paid less voided.")
    recovered: str = Field(description="Money received back (subrogation, overpayments, reinsurance).")
    net: str = Field(description="Net paid less recovered.")
    reserve: str | None = Field(description="With `as_of`: the case reserve on that day.")
    paid_to_date: str | None = Field(description="With `as_of`: all paid up to that day, net of voids.")
    outstanding: str | None
    incurred: str | None

    @classmethod
    def of(cls, r: SpendRow) -> SpendRowOut:
        def text(value: Any) -> str | None:
            return None if value is None else str(value)

        return cls(
            period_start=r.period_start,
            jurisdiction=r.jurisdiction,
            employer_id=r.employer_id,
            employer_name=r.employer_name,
            category=r.category,
            bucket=r.bucket,
            payments=r.payments,
            voids=r.voids,
            paid=str(r.paid),
            voided=str(r.voided),
            net_paid=str(r.net_paid),
            recovered=str(r.recovered),
            net=str(r.net),
            reserve=text(r.reserve),
            paid_to_date=text(r.paid_to_date),
            outstanding=text(r.outstanding),
            incurred=text(r.incurred),
        )


class SpendOut(BaseModel):
    group_by: list[str]
    period: str
    rows: list[SpendRowOut]
    total: SpendRowOut

    @classmethod
    def of(cls, report: SpendReport) -> SpendOut:
        return cls(
            group_by=list(report.group_by),
            period=report.period,
            rows=[SpendRowOut.of(r) for r in report.rows],
            total=SpendRowOut.of(report.total),
        )


class RegisterQuery(PageParams):
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    jurisdiction: str = ""
    employer_id: int | None = None
    category: CategoryName | None = None
    method: MethodName | None = None
    format: Literal["json", "csv", "xlsx"] = Field(
        "json", description="`csv` or `xlsx` downloads the whole register (no paging)."
    )

    def filters(self) -> RegisterFilters:
        return RegisterFilters(
            date_from=self.date_from,
            date_to=self.date_to,
            jurisdiction=self.jurisdiction,
            employer_id=self.employer_id,
            category=self.category or "",
            method=self.method or "",
        )


class RegisterEntryOut(BaseModel):
    id: int
    occurred_on: dt.date
    kind: str = Field(description="payment or void.")
    claim_number: str
    jurisdiction: str
    employer: str
    category: str
    bucket: str
    benefit: str
    amount: str = Field(description=f"The amount paid (a void: negative). {MONEY}")
    payee_kind: str
    payee_name: str
    method: str
    period_start: dt.date | None
    period_end: dt.date | None
    reverses: int | None = Field(description="A void: the payment it reverses.")
    voided_by: int | None = Field(description="A payment: the void that reversed it.")
    reason: str
    payment_file: str | None = Field(description="The live bank file holding the payment, if any.")


class RegisterPage(BaseModel):
    count: int
    items: list[RegisterEntryOut]


class ExclusionOut(BaseModel):
    entry_id: int
    claim_number: str
    payee_name: str
    amount: str
    reason: str = Field(description="Why the payment is not in the file.")


class PaymentFileOut(BaseModel):
    id: int
    country: str
    format: str = Field(description="aba (Australia) or nacha (United States, PPD credits).")
    file_name: str
    date_from: dt.date
    date_to: dt.date
    processing_date: dt.date
    line_count: int
    total: str = Field(description=MONEY)
    sha256: str
    created_by: str
    created_at: dt.datetime
    reissue_of: int | None
    reissue_reason: str
    reissued_by: int | None = Field(description="The file that superseded this one; null while it is live.")
    excluded: list[ExclusionOut] = Field(description="Payments of the range left out, with the reason.")

    @classmethod
    def of(cls, f: PaymentFileExport) -> PaymentFileOut:
        reissued = getattr(f, "reissued_by", None)  # the reverse one-to-one raises when there is none
        return cls(
            id=f.pk,
            country=f.country,
            format=f.format,
            file_name=f.file_name,
            date_from=f.date_from,
            date_to=f.date_to,
            processing_date=f.processing_date,
            line_count=f.line_count,
            total=str(f.total),
            sha256=f.sha256,
            created_by=f.created_by.get_full_name() or f.created_by.username,
            created_at=f.created_at,
            reissue_of=f.reissue_of_id,
            reissue_reason=f.reissue_reason,
            reissued_by=None if reissued is None else reissued.pk,
            excluded=[ExclusionOut(**e) for e in f.excluded],
        )


class PaymentFilePage(BaseModel):
    count: int
    items: list[PaymentFileOut]


class PaymentFileIn(_In):
    country: Literal["AU", "US"] = Field(description="AU: an ABA file of NSW claims; US: a NACHA file.")
    date_from: dt.date = Field(description="First payment date taken.")
    date_to: dt.date = Field(description="Last payment date taken.")
    processing_date: dt.date | None = Field(
        None, description="The day the bank processes (ABA) or settles (NACHA) the file; defaults to today."
    )


class ReissueIn(_In):
    reason: str = Field(max_length=2000, description="Why the file is written again.")
    processing_date: dt.date | None = None


def _downloadable(ok: dict[int, Any], description: str) -> dict[str, Any]:
    documented = responses(ok, 400, 403)
    documented["openapi_extra"]["responses"][200] = {"description": description, **DOWNLOAD}
    return documented


def _download_only() -> dict[str, Any]:
    documented = responses({}, 403, 404)
    documented["openapi_extra"]["responses"][200] = {
        "description": "The file as the bank takes it (ASCII text).",
        "content": {"text/plain": {"schema": {"type": "string"}}},
    }
    return documented


def _out(exclusions: list[Exclusion], f: PaymentFileExport) -> PaymentFileOut:
    fresh = PaymentFileExport.objects.select_related("created_by").get(pk=f.pk)
    out = PaymentFileOut.of(fresh)
    out.excluded = [ExclusionOut(**e.as_json()) for e in exclusions]
    return out


@router.get(
    "/book/spend",
    **_downloadable({200: SpendOut}, "The spend table (JSON, CSV or XLSX)."),
    summary="Spend across the book",
    description="Paid, voided, net paid, recovered and net, grouped by any of period, jurisdiction, "
    "employer, category and bucket, with a totals row, over the claims you may see. A void counts on its "
    "own date. With `as_of`: the reserve, paid to date, outstanding and incurred on that day. Not for "
    "workers and providers.",
)
def book_spend(request: HttpRequest, query: Query[SpendQuery]) -> Any:
    groups = [g.strip() for g in query.group_by.split(",") if g.strip()]
    user = user_of(request)
    report = spend_report(user=user, group_by=groups, period=query.period, filters=query.filters())
    if query.format != "json":
        return table_response(spend_table(report), fmt=query.format, stem="spend", on=clock.today())
    return SpendOut.of(report)


@router.get(
    "/book/payments",
    **_downloadable({200: RegisterPage}, "A page of the register, or all of it as a file."),
    summary="The payment register",
    description="Payments and voids over the claims you may see, oldest first, with payee, method, the days "
    "covered, the void of a payment and the payment of a void, and the live bank file. Not for workers and "
    "providers.",
)
def book_payment_register(
    request: HttpRequest, query: Query[RegisterQuery]
) -> RegisterPage | HttpResponse | StreamingHttpResponse:
    entries = payment_register(user=user_of(request), filters=query.filters())
    if query.format != "json":
        table = register_table(entries)
        return table_response(table, fmt=query.format, stem="payment-register", on=clock.today())
    count, items = page_of(entries, query)
    return RegisterPage(count=count, items=[_register_out(e) for e in items])


def _register_out(e: Any) -> RegisterEntryOut:
    cells = register_cells(e)
    return RegisterEntryOut(
        id=e.pk,
        occurred_on=e.occurred_on,
        kind=e.kind,
        claim_number=e.claim_number,
        jurisdiction=e.jurisdiction,
        employer=e.employer_name,
        category=e.category,
        bucket=e.bucket,
        benefit=e.benefit,
        amount=str(cells[9]),
        payee_kind=e.payee_kind,
        payee_name=e.payee_name,
        method=e.method,
        period_start=e.period_start,
        period_end=e.period_end,
        reverses=e.reverses_id,
        voided_by=e.voided_by_id,
        reason=e.reason,
        payment_file=e.payment_file,
    )


@router.post(
    "/payment-files",
    **responses({201: PaymentFileOut}, 400, 403, 409),
    summary="Write a bank payment file",
    description="The live EFT payments to workers dated in the range and in no file yet, for the claims "
    "of the country that your organisation administers (a system administrator: every claim), paid to each "
    "worker's verified bank details. Payments that cannot go in are listed in `excluded` with the reason. "
    "Refused when nothing is ready or no originator is configured. Claims supervisors and system "
    "administrators.",
)
def payment_file_create(request: HttpRequest, body: PaymentFileIn) -> Status[PaymentFileOut]:
    file, excluded = payment_file_export(
        actor=user_of(request),
        country=body.country,
        date_from=body.date_from,
        date_to=body.date_to,
        processing_date=body.processing_date,
    )
    return Status(201, _out(excluded, file))


@router.get(
    "/payment-files",
    **responses({200: PaymentFilePage}, 403),
    summary="List bank payment files",
    description="Newest first; a supervisor sees their organisation's files. Claims supervisors and system "
    "administrators.",
)
def payment_file_index(request: HttpRequest, page: Query[PageParams]) -> PaymentFilePage:
    count, items = page_of(payment_file_list(user=user_of(request)), page)
    return PaymentFilePage(count=count, items=[PaymentFileOut.of(f) for f in items])


@router.get(
    "/payment-files/{file_id}/download",
    **_download_only(),
    summary="Download a bank payment file",
)
def payment_file_download(request: HttpRequest, file_id: int) -> HttpResponse:
    file = payment_file_get(user=user_of(request), file_id=file_id)
    response = HttpResponse(file.content.encode("ascii"), content_type="text/plain; charset=us-ascii")
    response["Content-Disposition"] = f'attachment; filename="{file.file_name}"'
    return response


@router.post(
    "/payment-files/{file_id}/reissue",
    **responses({201: PaymentFileOut}, 400, 403, 404, 409),
    summary="Re-issue a bank payment file",
    description="Writes the file again (the bank lost or rejected it) with a reason: its payments that are "
    "still live, to the workers' current bank details. The old file is no longer live; a file is re-issued "
    "once.",
)
def payment_file_reissue_api(request: HttpRequest, file_id: int, body: ReissueIn) -> Status[PaymentFileOut]:
    user = user_of(request)
    file = payment_file_get(user=user, file_id=file_id)
    new, excluded = payment_file_reissue(
        actor=user, file=file, reason=body.reason, processing_date=body.processing_date
    )
    return Status(201, _out(excluded, new))
