"""Provider invoices: record, review, decide and pay; the book-wide invoice register.

An invoice moves received → reviewed → approved / partly approved / denied → paid, each
step a claim event. No fee schedule is held (no fee-schedule amounts are sourced), so each
line is checked against the amount claimed and the approved treatment only. Invoices are
seen by whoever sees the claim's money (not its worker nor its treating providers); their
lines say what treatment was given and are left out for those who may not read the claim's
medical detail (employers, pool administrators, auditors).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.accounts.models import User
from opencomp.api.auth import user_of
from opencomp.api.errors import field_not_found, responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import PageParams
from opencomp.claims.access import claim_get_for_user, require, user_can_work_claim
from opencomp.claims.models import Claim
from opencomp.core import clock
from opencomp.parties.models import Provider
from opencomp.payments.enums import PaymentMethod
from opencomp.payments.enums_invoices import InvoiceOutcome, InvoiceStatus
from opencomp.payments.invoice_selectors import (
    NO_FEE_SCHEDULE,
    RegisterFilters,
    claim_invoices,
    invoice_get_for_user,
    invoice_register,
    user_can_view_invoice_lines,
    user_can_view_invoices,
)
from opencomp.payments.invoice_services import (
    InvoiceInput,
    LineInput,
    LineReview,
    invoice_decide,
    invoice_pay,
    invoice_receive,
    invoice_review,
)
from opencomp.payments.models_invoices import InvoiceLine, ProviderInvoice

router = Router(tags=["Invoices"])

if TYPE_CHECKING:
    StatusName = str
    OutcomeName = str
    MethodName = str
else:
    StatusName = Literal[tuple(InvoiceStatus.values)]
    OutcomeName = Literal[tuple(InvoiceOutcome.values)]
    MethodName = Literal[tuple(PaymentMethod.values)]

MONEY = 'An amount as a decimal string with at most two places ("184.50").'


# --- schemas -------------------------------------------------------------------------------------


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class LineOut(BaseModel):
    position: int = Field(description="1, 2, 3… in the provider's order.")
    service_date: dt.date
    item_code: str
    description: str
    units: str
    amount_claimed: str
    amount_approved: str | None = Field(description="Set by the review; never more than claimed.")
    treatment_seq: int | None = Field(
        description="The approved treatment request (`request.received` event) the service falls under."
    )
    flags: list[str] = Field(
        description="What the review found: `no_approved_treatment`, `before_injury`, `duplicate_service`."
    )
    review_note: str

    @classmethod
    def of(cls, line: InvoiceLine) -> LineOut:
        return cls(
            position=line.position,
            service_date=line.service_date,
            item_code=line.item_code,
            description=line.description,
            units=str(line.units),
            amount_claimed=str(line.amount_claimed),
            amount_approved=None if line.amount_approved is None else str(line.amount_approved),
            treatment_seq=line.treatment_seq,
            flags=list(line.flags),
            review_note=line.review_note,
        )


class InvoiceOut(BaseModel):
    id: int
    claim_number: str
    provider_id: int | None
    provider_name: str
    invoice_number: str
    received_on: dt.date
    service_from: dt.date
    service_to: dt.date
    amount_claimed: str = Field(description=MONEY)
    amount_approved: str | None = Field(description="Set by the decision: the sum of the reviewed lines.")
    status: str = Field(description="received, reviewed, approved, partly_approved, denied or paid.")
    awaiting_approval: bool = Field(description="The payment waits for a supervisor (`approval_request_id`).")
    decision_reasons: str
    review_note: str
    received_seq: int = Field(description="The `invoice.received` event; the payment clock runs from it.")
    due_date: dt.date | None = Field(
        description="The payment deadline (NSW: 10 business days from receipt); null where no rule sets one."
    )
    deadline_status: str | None = Field(description="The deadline's obligation: open, satisfied, late…")
    entry_id: int | None = Field(description="The payment in force (a void clears it).")
    approval_request_id: int | None
    fee_schedule: str = Field(description="What the amounts are checked against.")
    lines: list[LineOut] | None = Field(
        description="Null for callers who may not read the claim's medical detail."
    )

    @classmethod
    def of(cls, i: ProviderInvoice, *, lines: bool) -> InvoiceOut:
        return cls(
            id=i.pk,
            claim_number=i.claim.number,
            provider_id=i.provider_id,
            provider_name=i.provider_name,
            invoice_number=i.invoice_number,
            received_on=i.received_on,
            service_from=i.service_from,
            service_to=i.service_to,
            amount_claimed=str(i.amount_claimed),
            amount_approved=None if i.amount_approved is None else str(i.amount_approved),
            status=i.status,
            awaiting_approval=i.awaiting_approval,
            decision_reasons=i.decision_reasons,
            review_note=i.review_note,
            received_seq=i.received_seq,
            due_date=getattr(i, "due_date", None),
            deadline_status=getattr(i, "deadline_status", None),
            entry_id=i.entry_id,
            approval_request_id=i.approval_id,
            fee_schedule=NO_FEE_SCHEDULE,
            lines=[LineOut.of(line) for line in i.lines.all()] if lines else None,
        )


class InvoicePage(BaseModel):
    count: int
    items: list[InvoiceOut] = Field(description="Without their lines (see each invoice).")


class LineIn(_In):
    service_date: dt.date
    item_code: str = Field(max_length=30, description="The provider's item or service code.")
    description: str = Field(max_length=300)
    units: Decimal = Field(Decimal("1"), description="How many of the item (hours, sessions…).")
    amount_claimed: Decimal = Field(description=MONEY)


class InvoiceIn(_In):
    provider_name: str = Field("", max_length=200, description="Required unless `provider_id` is given.")
    provider_id: int | None = Field(None, description="The provider on file, if it is one.")
    invoice_number: str = Field(max_length=60, description="The provider's own number; unique per provider.")
    received_on: dt.date = Field(description="The day the invoice arrived; the payment clock starts here.")
    total: Decimal | None = Field(
        None, description=f"The invoice's total, checked against the lines. {MONEY}"
    )
    lines: list[LineIn] = Field(min_length=1, max_length=60)


class LineReviewIn(_In):
    amount_approved: Decimal = Field(description=f"What the line is worth paying, at most its claim. {MONEY}")
    treatment_seq: int | None = Field(
        None, description="The approved treatment request it falls under, when not found by date."
    )
    note: str = Field("", max_length=500)


class ReviewIn(_In):
    lines: list[LineReviewIn] = Field(description="One per invoice line, in order.")
    note: str = Field("", max_length=2000)


class DecideIn(_In):
    outcome: OutcomeName
    reasons: str = Field("", max_length=2000, description="Required to partly approve or deny.")


class PayIn(_In):
    method: MethodName = "eft"
    paid_on: dt.date | None = Field(None, description="The payment date; defaults to today.")


class RegisterQuery(PageParams):
    status: StatusName | None = None
    provider: str = Field("", max_length=200, description="Part of the provider's name.")
    claim_number: str = Field("", max_length=30)
    overdue: bool = Field(False, description="Only invoices whose payment deadline has passed unpaid.")
    received_from: dt.date | None = None
    received_to: dt.date | None = None


# --- helpers -------------------------------------------------------------------------------------


def _claim(request: HttpRequest, number: str, *, work: bool = False) -> Claim:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_view_invoices(user), "Workers and providers do not see a claim's invoices.")
    if work:
        require(user_can_work_claim(user, claim), "Only the claim's administrator handles its invoices.")
    return claim


def _invoice(request: HttpRequest, invoice_id: int, *, work: bool = False) -> ProviderInvoice:
    user = user_of(request)
    invoice = invoice_get_for_user(pk=invoice_id, user=user)
    if work:
        require(
            user_can_work_claim(user, invoice.claim), "Only the claim's administrator handles its invoices."
        )
    return invoice


def _out(user: User, invoice: ProviderInvoice) -> InvoiceOut:
    fresh = invoice_get_for_user(pk=invoice.pk, user=user)
    return InvoiceOut.of(fresh, lines=user_can_view_invoice_lines(user, fresh.claim))


def _doc(ok: dict[int, Any], *errors: int, **described: str) -> dict[str, Any]:
    documented = responses(ok, *errors)
    for code, text in described.items():
        documented["openapi_extra"]["responses"][int(code.removeprefix("s"))] = {"description": text}
    return documented


# --- operations ----------------------------------------------------------------------------------


@router.get(
    "/claims/{number}/invoices",
    **responses({200: list[InvoiceOut]}, 403, 404),
    summary="A claim's provider invoices",
    description="Newest received first, each with its payment deadline. Everyone who may see the claim's "
    "money; the lines only for those who may read its medical detail.",
)
def claim_invoice_list(request: HttpRequest, number: str) -> list[InvoiceOut]:
    claim = _claim(request, number)
    lines = user_can_view_invoice_lines(user_of(request), claim)
    return [InvoiceOut.of(i, lines=lines) for i in claim_invoices(claim)]


@router.post(
    "/claims/{number}/invoices",
    **_doc(
        {201: InvoiceOut},
        400,
        403,
        404,
        409,
        s409="The provider's invoice number is already recorded (`invoice_number`).",
    ),
    summary="Record a provider invoice",
    description="An invoice as received, with its lines. Service dates before the injury, after receipt or "
    "in the future are refused, naming the line (`lines[2].service_date`); a provider's invoice number is "
    "recorded once. Appends `invoice.received` (in NSW the 10-business-day payment clock starts). Claims "
    "staff who work the claim.",
)
def invoice_receive_api(request: HttpRequest, body: InvoiceIn, number: str) -> Status[InvoiceOut]:
    claim = _claim(request, number, work=True)
    provider = None
    if body.provider_id is not None:
        provider = Provider.objects.filter(pk=body.provider_id).first()
        if provider is None:
            raise field_not_found("provider_id", "provider", body.provider_id)
    invoice = invoice_receive(
        actor=user_of(request),
        claim=claim,
        invoice=InvoiceInput(
            provider_name=body.provider_name,
            invoice_number=body.invoice_number,
            received_on=body.received_on,
            lines=[LineInput(**line.model_dump()) for line in body.lines],
            provider=provider,
            total=body.total,
        ),
    )
    return Status(201, _out(user_of(request), invoice))


@router.get(
    "/invoices/{invoice_id}",
    **responses({200: InvoiceOut}, 404),
    summary="A provider invoice",
    description="The invoice, its deadline and (for those who may read the claim's medical detail) its "
    "lines with the review's flags.",
)
def invoice_detail(request: HttpRequest, invoice_id: int) -> InvoiceOut:
    return _out(user_of(request), _invoice(request, invoice_id))


@router.post(
    "/invoices/{invoice_id}/review",
    **_doc({200: InvoiceOut}, 400, 403, 404, 409, s409="The invoice is already decided."),
    summary="Review an invoice",
    description=f"{NO_FEE_SCHEDULE} Give each line's approved amount (at most its claim). The review flags "
    "lines no approved treatment request covers (none received on or before the service date), services "
    "before the injury, and the same provider, date and item on another live invoice of the claim. Appends "
    "`invoice.reviewed`; may be repeated until the invoice is decided. Claims staff who work the claim.",
)
def invoice_review_api(request: HttpRequest, body: ReviewIn, invoice_id: int) -> InvoiceOut:
    invoice = _invoice(request, invoice_id, work=True)
    reviews = [LineReview(**line.model_dump()) for line in body.lines]
    invoice_review(actor=user_of(request), invoice=invoice, lines=reviews, note=body.note)
    return _out(user_of(request), invoice)


@router.post(
    "/invoices/{invoice_id}/decision",
    **_doc({200: InvoiceOut}, 400, 403, 404, 409, s409="The invoice is not reviewed, or already decided."),
    summary="Decide an invoice",
    description="`approved` (the reviewed lines approve all of the claim), `partly_approved` (more than nil "
    "and less than the claim) or `denied`; the last two with the reasons the provider is told. The amount "
    "approved is the sum of the reviewed lines. Appends `invoice.decided`; a denial answers the NSW "
    "payment clock. Claims staff who work the claim.",
)
def invoice_decide_api(request: HttpRequest, body: DecideIn, invoice_id: int) -> InvoiceOut:
    invoice = _invoice(request, invoice_id, work=True)
    invoice_decide(actor=user_of(request), invoice=invoice, outcome=body.outcome, reasons=body.reasons)
    return _out(user_of(request), invoice)


@router.post(
    "/invoices/{invoice_id}/payment",
    **_doc(
        {200: InvoiceOut, 202: InvoiceOut},
        400,
        403,
        404,
        409,
        s200="Paid: the invoice with its payment (`entry_id`).",
        s202="Above your payment authority: the payment waits for a supervisor (`approval_request_id`); the "
        "invoice is paid when it is approved.",
        s409="Already paid, waiting for approval, denied or not decided.",
    ),
    summary="Pay an invoice",
    description="Pay the approved amount to the provider from the claim's medical reserve (a medical "
    "payment with the idempotency key `invoice:<id>:<round>`); more than the outstanding reserve is a 400 "
    "naming `amount`. Appends `invoice.paid`, which answers the NSW payment clock. Voiding the payment "
    "reopens the invoice. Claims staff who work the claim.",
)
def invoice_pay_api(request: HttpRequest, body: PayIn, invoice_id: int) -> Status[InvoiceOut]:
    invoice = _invoice(request, invoice_id, work=True)
    invoice = invoice_pay(actor=user_of(request), invoice=invoice, method=body.method, paid_on=body.paid_on)
    return Status(202 if invoice.awaiting_approval else 200, _out(user_of(request), invoice))


@router.get(
    "/invoices",
    **responses({200: InvoicePage}, 403),
    summary="The invoice register",
    description="Provider invoices of every claim you may see, oldest received first (the order they are "
    "due), filtered by status, provider, claim, receipt dates, or `overdue` (the payment deadline passed "
    "with the obligation still open). Everyone who sees claims' money: not workers nor providers.",
)
def invoice_register_api(request: HttpRequest, query: Query[RegisterQuery]) -> InvoicePage:
    user = user_of(request)
    require(user_can_view_invoices(user), "Workers and providers do not see invoices.")
    filters = RegisterFilters(
        status=query.status or "",
        provider=query.provider,
        overdue=query.overdue,
        received_from=query.received_from,
        received_to=query.received_to,
        claim_number=query.claim_number,
    )
    count, items = page_of(invoice_register(user=user, filters=filters, now=clock.now()), query)
    return InvoicePage(count=count, items=[InvoiceOut.of(i, lines=False) for i in items])
