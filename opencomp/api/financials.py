"""Claim financials: reserves, payments, voids, recoveries and the approval queue.

Money is a decimal string with two places (``"1293.25"``). A payment or reserve change
above the caller's authority is not posted: it answers 202 with the approval request
that waits in the supervisors' queue. Payments to providers are medical detail: a
claim's financials are seen by everyone who sees the claim but its worker and its
treating providers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.accounts.access import is_supervisor
from opencomp.accounts.models import User
from opencomp.api.auth import user_of
from opencomp.api.errors import ERROR_DESCRIPTIONS, field_not_found, responses
from opencomp.claims.access import claim_get_for_user, require, user_can_view_claim, user_can_work_claim
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.core.errors import NotFound
from opencomp.payments.access import user_can_view_financials
from opencomp.payments.bank import bank_details_change, bank_details_current
from opencomp.payments.enums import (
    Account,
    Bucket,
    Category,
    PayeeKind,
    PaymentMethod,
    RecoveryKind,
    RequestStatus,
    VerificationMethod,
)
from opencomp.payments.models import ApprovalRequest, BankDetails, LedgerEntry, RepaymentPlan
from opencomp.payments.reserves import Suggestion, suggested_indemnity_reserve
from opencomp.payments.selectors import (
    approval_queue,
    financial_summary,
    payment_history,
    plan_still_owed,
)
from opencomp.payments.services import (
    PaymentInput,
    approval_decide,
    payment_issue,
    payment_void,
    recovery_record,
    repayment_plan_agree,
    request_get,
    reserve_set,
)

router = Router(tags=["Financials"])

if TYPE_CHECKING:
    CategoryName = str
    BucketName = str
    PayeeKindName = str
    MethodName = str
    RecoveryKindName = str
    VerificationMethodName = str
else:
    CategoryName = Literal[tuple(Category.values)]
    BucketName = Literal[tuple(Bucket.values)]
    PayeeKindName = Literal[tuple(PayeeKind.values)]
    MethodName = Literal[tuple(PaymentMethod.values)]
    RecoveryKindName = Literal[tuple(RecoveryKind.values)]
    VerificationMethodName = Literal[tuple(VerificationMethod.values)]

MONEY = 'An amount as a decimal string with at most two places ("1939.88").'


# --- schemas -------------------------------------------------------------------------------------


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PositionOut(BaseModel):
    category: str
    bucket: str
    reserve: str = Field(description=f"The case reserve. {MONEY}")
    paid: str
    outstanding: str = Field(description="Reserve less paid.")
    recovered: str
    incurred: str = Field(description="Paid plus the outstanding reserve (never less than paid).")
    net_incurred: str = Field(description="Incurred less recovered.")


class EntryOut(BaseModel):
    id: int
    kind: str = Field(description="reserve_change, payment, void or recovery.")
    category: str
    bucket: str
    amount: str = Field(
        description="Payments: paid; voids: the paid amount reversed (negative); recoveries: received; "
        f"reserve changes: the change. {MONEY}"
    )
    occurred_on: dt.date
    recorded_at: dt.datetime
    recorded_by: str
    approved_by: str
    reason: str
    benefit: str
    period_start: dt.date | None
    period_end: dt.date | None
    payee_kind: str
    payee_name: str = Field(description="Payments: the payee; recoveries: who paid it back.")
    method: str
    recovery_kind: str
    plan_id: int | None
    idempotency_key: str | None
    reverses: int | None = Field(description="A void: the payment it reverses.")
    voided_by: int | None = Field(description="A payment: the void that reversed it, if any.")

    @classmethod
    def of(cls, e: LedgerEntry) -> EntryOut:
        accounts = {
            "reserve_change": Account.RESERVE,
            "payment": Account.PAID,
            "void": Account.PAID,
            "recovery": Account.RECEIVED,
        }
        account = accounts.get(e.kind, Account.PAID)
        amount = sum((line.amount for line in e.lines.all() if line.account == account), Decimal("0.00"))
        voided = getattr(e, "reversed_by", None)
        return cls(
            id=e.pk,
            kind=e.kind,
            category=e.category,
            bucket=e.bucket,
            amount=str(amount),
            occurred_on=e.occurred_on,
            recorded_at=e.recorded_at,
            recorded_by=_name(e.actor),
            approved_by=_name(e.approved_by),
            reason=e.reason,
            benefit=e.benefit,
            period_start=e.period_start,
            period_end=e.period_end,
            payee_kind=e.payee_kind,
            payee_name=e.payee_name,
            method=e.method,
            recovery_kind=e.recovery_kind,
            plan_id=e.plan_id,
            idempotency_key=e.idempotency_key,
            reverses=e.reverses_id,
            voided_by=None if voided is None else voided.pk,
        )


def _name(user: User | None) -> str:
    return "" if user is None else (user.get_full_name() or user.username)


class ApprovalRequestOut(BaseModel):
    id: int
    claim_number: str
    kind: str = Field(description="payment or reserve_change.")
    status: str = Field(description="pending, approved or rejected.")
    amount: str = Field(description=f"The payment, or the size of the reserve change. {MONEY}")
    details: dict[str, Any] = Field(description="What is posted when it is approved.")
    requested_by: str
    requested_at: dt.datetime
    decided_by: str
    decided_at: dt.datetime | None
    decision_reason: str
    entry_id: int | None = Field(description="The ledger entry posted on approval.")

    @classmethod
    def of(cls, r: ApprovalRequest) -> ApprovalRequestOut:
        return cls(
            id=r.pk,
            claim_number=r.claim.number,
            kind=r.kind,
            status=r.status,
            amount=str(r.amount),
            details=r.details,
            requested_by=_name(r.requested_by),
            requested_at=r.requested_at,
            decided_by=_name(r.decided_by),
            decided_at=r.decided_at,
            decision_reason=r.decision_reason,
            entry_id=r.entry_id,
        )


class RepaymentPlanOut(BaseModel):
    id: int
    kind: str
    category: str
    owed: str
    still_owed: str = Field(description="Owed less the recoveries recorded against the plan.")
    debtor: str
    terms: str

    @classmethod
    def of(cls, p: RepaymentPlan) -> RepaymentPlanOut:
        return cls(
            id=p.pk,
            kind=p.kind,
            category=p.category,
            owed=str(p.owed),
            still_owed=str(plan_still_owed(p)),
            debtor=p.debtor,
            terms=p.terms,
        )


def _weeks(weeks: Any) -> str:
    """Weeks (an exact fraction) as a decimal string with four places."""
    return str((Decimal(weeks.numerator) / Decimal(weeks.denominator)).quantize(Decimal("0.0001")))


class CitationOut(BaseModel):
    citation: str
    url: str = ""
    grade: str


class SuggestedReserveOut(BaseModel):
    benefit: str = Field(description="The benefit the suggestion is for (TTD, or `weekly` in NSW).")
    weekly_rate: str = Field(description=f"The weekly rate of the decision in force. {MONEY}")
    rate_decision_seq: int = Field(description="The `benefit.rate_decided` event the rate is from.")
    as_at: dt.date = Field(
        description="The day the remaining weeks are counted from (today, in the claim's zone)."
    )
    expected_return: dt.date | None
    paid_to_date: str = Field(description=f"The amounts of the benefit's paid periods. {MONEY}")
    weeks_paid: str = Field(
        description="Weeks paid, four places: calendar days of the paid periods ÷ 7 (CO, MN, CT); "
        "aggregate entitlement weeks (NSW)."
    )
    limit_weeks: int | None = Field(
        description="The statutory duration limit applied, if the pack holds one."
    )
    remaining_weeks: str | None = Field(description="Weeks still to come, four places; null with no amount.")
    amount: str | None = Field(
        description="Paid so far + remaining weeks × the weekly rate, rounded half up: the total incurred "
        f"the indemnity reserve would be set to. Null when an expected return-to-work date is needed. {MONEY}"
    )
    basis: list[str] = Field(description="How the figure was reached, line by line.")
    citations: list[CitationOut]

    @classmethod
    def of(cls, s: Suggestion) -> SuggestedReserveOut:
        return cls(
            benefit=s.benefit,
            weekly_rate=str(s.weekly_rate),
            rate_decision_seq=s.rate_seq,
            as_at=s.as_at,
            expected_return=s.expected_return,
            paid_to_date=str(s.paid_to_date),
            weeks_paid=_weeks(s.weeks_paid),
            limit_weeks=s.limit_weeks,
            remaining_weeks=None if s.remaining_weeks is None else _weeks(s.remaining_weeks),
            amount=None if s.amount is None else str(s.amount),
            basis=list(s.basis),
            citations=[CitationOut(**c) for c in s.citations],
        )


class SuggestionQuery(BaseModel):
    expected_return: dt.date | None = Field(
        default=None,
        description="The expected return-to-work date the suggested indemnity reserve counts to; without it "
        "the statutory maximum duration (MN, NSW) or no amount (CO, CT).",
    )


class BankDetailsOut(BaseModel):
    """A worker's bank details as shown: the account number masked to its last three digits."""

    id: int
    worker_id: int
    account_name: str
    bsb_or_routing: str = Field(description="The BSB (AU) or ABA routing number (US).")
    account_number_masked: str = Field(description='The last three digits only ("•••• 789").')
    verification_method: str
    verification_note: str
    verified_by: str
    recorded_at: dt.datetime
    claim_number: str = Field(description="The claim the change was recorded on.")

    @classmethod
    def of(cls, b: BankDetails) -> BankDetailsOut:
        return cls(
            id=b.pk,
            worker_id=b.worker_id,
            account_name=b.account_name,
            bsb_or_routing=b.bsb_or_routing,
            account_number_masked=b.masked_number,
            verification_method=b.verification_method,
            verification_note=b.verification_note,
            verified_by=_name(b.verified_by),
            recorded_at=b.recorded_at,
            claim_number=b.claim.number,
        )


class FinancialsOut(BaseModel):
    claim_number: str
    positions: list[PositionOut] = Field(description="Each category and bucket with a ledger line.")
    totals: PositionOut = Field(description="The sums over every position (category and bucket `total`).")
    history: list[EntryOut] = Field(description="Payments, voids and recoveries, oldest first.")
    pending_requests: list[ApprovalRequestOut] = Field(description="Requests waiting for approval.")
    repayment_plans: list[RepaymentPlanOut]
    suggested_indemnity_reserve: SuggestedReserveOut | None = Field(
        default=None,
        description="A suggested indemnity reserve from the benefit schedule (paid so far + remaining "
        "weeks × the weekly rate in force); null before a weekly rate is decided. Nothing is written.",
    )
    bank_details: BankDetailsOut | None = Field(
        default=None, description="The worker's bank details in force (masked); null when none is recorded."
    )


class ReserveIn(_In):
    category: CategoryName
    bucket: BucketName = "general"
    amount: Decimal = Field(description=f"The new reserve (not the change). {MONEY}")
    reason: str = Field(max_length=2000)


class PaymentIn(_In):
    category: CategoryName
    bucket: BucketName = "general"
    amount: Decimal = Field(description=MONEY)
    payee_kind: PayeeKindName
    payee_name: str = Field(max_length=200)
    method: MethodName = "eft"
    benefit: str = Field(
        "", max_length=20, description="Indemnity: the benefit paid (`TTD`, `TPD`, `weekly`)."
    )
    period_start: dt.date | None = Field(None, description="Indemnity: the first day covered.")
    period_end: dt.date | None = Field(None, description="Indemnity: the last day covered.")
    occurred_on: dt.date | None = Field(None, description="The payment date; defaults to today.")
    idempotency_key: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Send the same key when retrying: the request answers what the first one did and "
        "nothing is paid twice.",
    )
    reason: str = Field("", max_length=2000)

    def payment(self) -> PaymentInput:
        return PaymentInput(**self.model_dump())


class VoidIn(_In):
    reason: str = Field(max_length=2000)


class RecoveryIn(_In):
    category: CategoryName
    bucket: BucketName = "general"
    amount: Decimal = Field(description=MONEY)
    kind: RecoveryKindName
    payer: str = Field(max_length=200)
    reason: str = Field("", max_length=2000)
    plan_id: int | None = Field(None, description="The repayment plan the money is repaid under.")
    received_on: dt.date | None = Field(None, description="Defaults to today.")
    idempotency_key: str | None = Field(None, min_length=1, max_length=100)


class RepaymentPlanIn(_In):
    kind: RecoveryKindName
    category: CategoryName
    owed: Decimal = Field(description=MONEY)
    debtor: str = Field(max_length=200)
    terms: str = Field(max_length=2000)


class BankDetailsIn(_In):
    account_name: str = Field(max_length=200)
    bsb_or_routing: str = Field(
        max_length=20, description="AU claims: a 6-digit BSB; US claims: a 9-digit ABA routing number."
    )
    account_number: str = Field(max_length=30, description="4 to 17 digits (spaces and hyphens ignored).")
    verification_method: VerificationMethodName
    verification_note: str = Field(max_length=2000, description="What was checked to verify the change.")


class DecisionIn(_In):
    approve: bool
    reason: str = Field("", max_length=2000, description="Required to reject.")


# --- helpers -------------------------------------------------------------------------------------


def financials_claim(request: HttpRequest, number: str) -> Claim:
    """The claim (404 if hidden), if the caller may see its money (403 for workers and providers)."""
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_view_financials(user, claim), "Workers and providers do not see a claim's payments.")
    return claim


def _claim_to_work(request: HttpRequest, number: str) -> Claim:
    claim = financials_claim(request, number)
    require(user_can_work_claim(user_of(request), claim), "Only the claim's administrator handles its money.")
    return claim


def _entry(e: LedgerEntry) -> EntryOut:
    entry = (
        LedgerEntry.objects.select_related("actor", "approved_by", "reversed_by")
        .prefetch_related("lines")
        .get(pk=e.pk)
    )
    return EntryOut.of(entry)


def _request_out(r: ApprovalRequest) -> ApprovalRequestOut:
    item = ApprovalRequest.objects.select_related("claim", "requested_by", "decided_by").get(pk=r.pk)
    return ApprovalRequestOut.of(item)


def _posted_or_queued(result: LedgerEntry | ApprovalRequest) -> Status[Any]:
    if isinstance(result, ApprovalRequest):
        return Status(202, _request_out(result))
    return Status(201, _entry(result))


def _write_responses() -> dict[str, Any]:
    documented = responses({201: EntryOut, 202: ApprovalRequestOut}, 400, 403, 404, 409)
    extra = documented["openapi_extra"]["responses"]
    extra[201] = {"description": "Posted: the ledger entry."}
    extra[202] = {
        "description": "Above your authority: the approval request waiting in the supervisors' queue."
    }
    extra[409] = {
        "description": "A day of the period is already paid, or the idempotency key is another claim's."
    }
    return documented


def _doc(ok: dict[int, Any], *errors: int, **described: str) -> dict[str, Any]:
    documented = responses(ok, *errors)
    for code, text in described.items():
        documented["openapi_extra"]["responses"][int(code.removeprefix("s"))] = {"description": text}
    return documented


# --- operations ----------------------------------------------------------------------------------


@router.get(
    "/claims/{number}/financials",
    **responses({200: FinancialsOut}, 403, 404),
    summary="A claim's financials",
    description="Reserve, paid, outstanding, recovered, incurred and net incurred by category and bucket "
    "with their totals; the payment history (voids against the payment they reverse, recoveries); the "
    "requests waiting for approval and the repayment plans. Everyone who may see the claim but its worker "
    "and its treating providers. With a suggested indemnity reserve from the benefit schedule, counted to "
    "`expected_return` when given.",
)
def claim_financials(request: HttpRequest, number: str, query: Query[SuggestionQuery]) -> FinancialsOut:
    claim = financials_claim(request, number)
    suggestion = suggested_indemnity_reserve(
        claim=claim,
        expected_return=query.expected_return,
        as_at=claim_today(claim),
    )
    summary = financial_summary(claim=claim)

    def position(p: Any) -> PositionOut:
        return PositionOut(
            category=p.category,
            bucket=p.bucket,
            reserve=str(p.reserve),
            paid=str(p.paid),
            outstanding=str(p.outstanding),
            recovered=str(p.recovered),
            incurred=str(p.incurred),
            net_incurred=str(p.net_incurred),
        )

    history = payment_history(claim=claim)
    prefetch_related_objects(history, "lines")
    totals = {a: str(summary.total(a)) for a in ("reserve", "paid", "outstanding", "recovered", "incurred")}
    bank = bank_details_current(claim.worker_id)
    pending = ApprovalRequest.objects.filter(claim=claim, status=RequestStatus.PENDING).select_related(
        "claim", "requested_by", "decided_by"
    )
    return FinancialsOut(
        claim_number=claim.number,
        positions=[position(p) for p in summary.positions],
        totals=PositionOut(
            category="total", bucket="total", net_incurred=str(summary.total("net_incurred")), **totals
        ),
        history=[EntryOut.of(e) for e in history],
        pending_requests=[ApprovalRequestOut.of(r) for r in pending.order_by("requested_at", "pk")],
        repayment_plans=[RepaymentPlanOut.of(p) for p in RepaymentPlan.objects.filter(claim=claim)],
        suggested_indemnity_reserve=None if suggestion is None else SuggestedReserveOut.of(suggestion),
        bank_details=None if bank is None else BankDetailsOut.of(bank),
    )


@router.post(
    "/claims/{number}/reserves",
    **_write_responses(),
    summary="Set a reserve",
    description="Set the reserve of `category`/`bucket` to `amount` (a `reserve_change` entry of the "
    "difference, with its reason). Below what is already paid is refused (the outstanding reserve is never "
    "negative). A change above your reserve authority answers 202 with the approval request. Claims staff "
    "who work the claim.",
)
def reserve_set_api(request: HttpRequest, body: ReserveIn, number: str) -> Status[Any]:
    claim = _claim_to_work(request, number)
    result = reserve_set(
        actor=user_of(request),
        claim=claim,
        category=body.category,
        bucket=body.bucket,
        amount=body.amount,
        reason=body.reason,
    )
    return _posted_or_queued(result)


@router.post(
    "/claims/{number}/payments",
    **_write_responses(),
    summary="Issue a payment",
    description="Pay from the outstanding reserve of `category`/`bucket`. An indemnity payment names its "
    "benefit and the period it covers; a day already paid for the benefit is a 409. More than the "
    "outstanding reserve is a 400 naming `amount`. Above your payment authority the answer is 202 with the "
    "approval request. Retrying with the same `idempotency_key` answers what the first request produced "
    "(the payment, or the approval request) and pays nothing twice. Claims staff who work the claim.",
)
def payment_issue_api(request: HttpRequest, body: PaymentIn, number: str) -> Status[Any]:
    claim = _claim_to_work(request, number)
    return _posted_or_queued(payment_issue(actor=user_of(request), claim=claim, payment=body.payment()))


@router.post(
    "/payments/{entry_id}/void",
    **_doc(
        {201: EntryOut},
        400,
        403,
        404,
        409,
        s409="The payment was already voided.",
        s201="The void: a reversing entry; the payment and its lines stay.",
    ),
    summary="Void a payment",
    description="Reverse a payment with a reason (a `void` entry; the payment stays in the history). Its "
    "days are free to be paid again and the outstanding reserve is restored. Voiding more than your "
    "payment authority is a 403. Claims staff who work the claim.",
)
def payment_void_api(request: HttpRequest, body: VoidIn, entry_id: int) -> Status[EntryOut]:
    entry = LedgerEntry.objects.select_related("claim").filter(pk=entry_id).first()
    user = user_of(request)
    if entry is None or not user_can_view_claim(user, entry.claim):
        raise NotFound(f"Payment {entry_id} was not found.")
    _claim_to_work(request, entry.claim.number)
    return Status(201, _entry(payment_void(actor=user, entry=entry, reason=body.reason)))


@router.post(
    "/claims/{number}/recoveries",
    **_doc({201: EntryOut}, 400, 403, 404),
    summary="Record a recovery",
    description="Money received back on the claim (subrogation, an overpayment repaid, reinsurance): it "
    "reduces net incurred and, against a repayment plan (`plan_id`), what is still owed; more than is still "
    "owed is refused. Claims staff who work the claim.",
)
def recovery_record_api(request: HttpRequest, body: RecoveryIn, number: str) -> Status[EntryOut]:
    claim = _claim_to_work(request, number)
    plan = None
    if body.plan_id is not None:
        plan = RepaymentPlan.objects.filter(pk=body.plan_id, claim=claim).first()
        if plan is None:
            raise field_not_found("plan_id", "repayment plan of this claim", body.plan_id)
    entry = recovery_record(
        actor=user_of(request),
        claim=claim,
        category=body.category,
        bucket=body.bucket,
        amount=body.amount,
        kind=body.kind,
        payer=body.payer,
        reason=body.reason,
        plan=plan,
        idempotency_key=body.idempotency_key,
        received_on=body.received_on,
    )
    return Status(201, _entry(entry))


@router.post(
    "/claims/{number}/repayment-plans",
    **_doc({201: RepaymentPlanOut}, 400, 403, 404),
    summary="Agree a repayment plan",
    description="Record what is owed back (an overpayment, a third party's share), by whom and on what "
    "terms; recoveries against it reduce what is still owed. Claims staff who work the claim.",
)
def repayment_plan_agree_api(
    request: HttpRequest, body: RepaymentPlanIn, number: str
) -> Status[RepaymentPlanOut]:
    claim = _claim_to_work(request, number)
    plan = repayment_plan_agree(actor=user_of(request), claim=claim, **body.model_dump())
    return Status(201, RepaymentPlanOut.of(plan))


@router.post(
    "/claims/{number}/bank-details",
    **_doc({201: BankDetailsOut}, 400, 403, 404),
    summary="Change the worker's bank details",
    description="Record the claim's worker's new bank account, with how the change was verified (a call "
    "back to a number already on file, in person with identification, or a signed form with "
    "identification) and a note of what was checked; both are required. The details are a history: the "
    "change is a new record and a `bank_details.changed` claim event, which shows only the last three "
    "digits of the account number. The answer masks the number the same way. Claims staff who work the "
    "claim.",
)
def bank_details_change_api(request: HttpRequest, body: BankDetailsIn, number: str) -> Status[BankDetailsOut]:
    claim = _claim_to_work(request, number)
    details = bank_details_change(actor=user_of(request), claim=claim, **body.model_dump())
    return Status(201, BankDetailsOut.of(details))


def _require_approver(user: User) -> None:
    require(is_supervisor(user), "Only supervisors decide approval requests.")


@router.get(
    "/approvals",
    **responses({200: list[ApprovalRequestOut]}, 403),
    summary="The approval queue",
    description="Payments and reserve changes waiting for approval on your organisation's claims (an "
    "administrator: every claim's), oldest first. Supervisors and administrators.",
)
def approval_queue_api(request: HttpRequest) -> list[ApprovalRequestOut]:
    user = user_of(request)
    _require_approver(user)
    items = approval_queue(administrator_id=user.organisation_id)  # an administrator: every claim's
    return [ApprovalRequestOut.of(r) for r in items]


@router.post(
    "/approvals/{request_id}/decision",
    **_doc(
        {200: ApprovalRequestOut},
        400,
        403,
        404,
        409,
        s409="The request was already decided.",
        s403=ERROR_DESCRIPTIONS[403] + " Your own request, or one above your authority, is refused.",
    ),
    summary="Approve or reject a request",
    description="Approve (the payment or reserve change is posted, with you as its approver) or reject "
    "(a reason is required) a waiting request; both are claim events with the reason. A supervisor of the "
    "claim's administrator with the authority for the amount, not the requester.",
)
def approval_decide_api(request: HttpRequest, body: DecisionIn, request_id: int) -> ApprovalRequestOut:
    user = user_of(request)
    _require_approver(user)
    item = request_get(request_id)
    if not user_can_view_claim(user, item.claim):
        raise NotFound(f"Approval request {request_id} was not found.")
    decided = approval_decide(actor=user, request=item, approve=body.approve, reason=body.reason)
    return _request_out(decided)
