"""Writes to a claim's ledger: reserves, payments, voids, recoveries, authority and approvals.

Every service locks the claim row first (so two requests for one claim run one after the
other), checks the actor's rights and the input, posts one balanced ``LedgerEntry`` and
appends its claim event in the same transaction. An amount above the actor's authority is
not posted: it becomes an ``ApprovalRequest`` in the supervisors' queue, and is posted only
when a supervisor with enough authority approves it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from opencomp.accounts.access import is_admin, is_supervisor
from opencomp.accounts.models import User
from opencomp.claims.access import require, user_can_work_claim
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import Conflict, ErrorCollector, FieldError, NotFound, ValidationFailed
from opencomp.core.money import CENT
from opencomp.core.services import audit_record
from opencomp.payments.enums import (
    Account,
    Bucket,
    Category,
    EntryKind,
    PayeeKind,
    PaymentMethod,
    RecoveryKind,
    RequestKind,
    RequestStatus,
)
from opencomp.payments.models import (
    ApprovalRequest,
    Authority,
    IndemnityCover,
    LedgerEntry,
    LedgerLine,
    RepaymentPlan,
)
from opencomp.payments.selectors import balance

UNLIMITED = Decimal("999999999999.99")


@dataclass(frozen=True)
class PaymentInput:
    """A payment to post: what for, to whom, how, and (indemnity) which days it covers."""

    category: str
    amount: Decimal
    payee_kind: str
    payee_name: str
    method: str = PaymentMethod.EFT
    bucket: str = Bucket.GENERAL
    benefit: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    occurred_on: dt.date | None = None
    idempotency_key: str | None = None
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)


# --- checks ---------------------------------------------------------------------------------------


def _amount(errors: ErrorCollector, name: str, value: object, *, allow_zero: bool = False) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        errors.add(name, "must be an amount such as 1293.25")
        return Decimal("0.00")
    if value != value.quantize(CENT):
        errors.add(name, "has more than two decimal places")
    if value < 0 or (value == 0 and not allow_zero):
        errors.add(name, "must be more than zero" if not allow_zero else "must not be negative")
    return value


def _choice(errors: ErrorCollector, name: str, value: str, choices: type[Any]) -> None:
    if value not in choices.values:
        errors.add(name, f"must be one of {', '.join(choices.values)}")


def limits_of(user: User) -> tuple[Decimal, Decimal]:
    """(payment limit, reserve limit): an administrator's are unlimited; no authority set is nil."""
    if is_admin(user):
        return UNLIMITED, UNLIMITED
    authority = Authority.objects.filter(user=user).first()
    if authority is None:
        return Decimal("0.00"), Decimal("0.00")
    return authority.payment_limit, authority.reserve_limit


def _require_works(actor: User, claim: Claim) -> None:
    require(user_can_work_claim(actor, claim), "Only the claim's administrator handles its money.")


# --- posting --------------------------------------------------------------------------------------


def _post(
    claim: Claim, *, kind: str, category: str, bucket: str, lines: list[tuple[str, Decimal]], **fields: Any
) -> LedgerEntry:
    """Insert one entry and its lines; the lines must sum to zero (checked here for SQLite too)."""
    if sum(amount for _, amount in lines) != 0:
        raise ValueError("ledger lines must sum to zero")
    entry = LedgerEntry.objects.create(
        claim=claim,
        kind=kind,
        category=category,
        bucket=bucket,
        recorded_at=clock.now(),
        **fields,
    )
    LedgerLine.objects.bulk_create(
        LedgerLine(entry=entry, claim=claim, account=account, category=category, bucket=bucket, amount=amount)
        for account, amount in lines
    )
    return entry


def _name(user: User | None) -> str:
    return "" if user is None else (user.get_full_name() or user.username)


def _request(
    claim: Claim,
    actor: User,
    *,
    kind: str,
    amount: Decimal,
    limit: Decimal,
    details: dict[str, Any],
    summary: str,
) -> ApprovalRequest:
    key = details.get("idempotency_key")
    request = ApprovalRequest.objects.create(
        claim=claim,
        kind=kind,
        amount=amount,
        details=details,
        requested_by=actor,
        requested_at=clock.now(),
        idempotency_key=key,
    )
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.APPROVAL_REQUESTED,
        payload={
            "request_id": request.pk,
            "kind": kind,
            "amount": amount,
            "summary": summary,
            "limit": limit,
        },
    )
    return request


# --- reserves -------------------------------------------------------------------------------------


def _reserve_entry(
    claim: Claim,
    actor: User | None,
    *,
    category: str,
    bucket: str,
    new: Decimal,
    reason: str,
    approver: User | None,
) -> LedgerEntry:
    current = balance(claim=claim, account=Account.RESERVE, category=category, bucket=bucket)
    change = new - current
    entry = _post(
        claim,
        kind=EntryKind.RESERVE_CHANGE,
        category=category,
        bucket=bucket,
        lines=[(Account.RESERVE, change), (Account.RESERVE_MOVEMENT, -change)],
        occurred_on=claim_today(claim),
        actor=actor,
        approved_by=approver,
        reason=reason,
    )
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.RESERVE_CHANGED,
        payload={
            "entry_id": entry.pk,
            "category": category,
            "bucket": bucket,
            "previous": current,
            "new": new,
            "change": change,
            "reason": reason,
            "approved_by": _name(approver),
        },
    )
    return entry


def _check_reserve(claim: Claim, *, category: str, bucket: str, new: Decimal) -> Decimal:
    """The current reserve; refuses a reserve below what is paid, or no change at all."""
    current = balance(claim=claim, account=Account.RESERVE, category=category, bucket=bucket)
    paid = balance(claim=claim, account=Account.PAID, category=category, bucket=bucket)
    if new < paid:
        raise ValidationFailed.for_field(
            "amount", f"is below the {paid} already paid; the outstanding reserve cannot be negative"
        )
    if new == current:
        raise ValidationFailed.for_field("amount", f"the reserve is already {current}")
    return current


@transaction.atomic
def reserve_set(
    *, actor: User, claim: Claim, category: str, amount: Decimal, reason: str, bucket: str = Bucket.GENERAL
) -> LedgerEntry | ApprovalRequest:
    """Set the reserve of ``category``/``bucket`` to ``amount`` (a ledger entry of the change).

    A reserve below what is already paid would make the outstanding negative: refused.
    A change larger than the actor's reserve authority waits for approval.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming the field; nothing is written.
    """
    _require_works(actor, claim)
    claim = claim_lock(claim)
    errors = ErrorCollector()
    _choice(errors, "category", category, Category)
    _choice(errors, "bucket", bucket, Bucket)
    new = _amount(errors, "amount", amount, allow_zero=True)
    if not reason.strip():
        errors.add("reason", "say why the reserve changes")
    errors.raise_if_any("The reserve was not changed.")
    current = _check_reserve(claim, category=category, bucket=bucket, new=new)
    _, limit = limits_of(actor)
    change = abs(new - current)
    if change > limit:
        details = {"category": category, "bucket": bucket, "amount": str(new), "reason": reason.strip()}
        summary = f"{category} reserve ({bucket}) from {current} to {new}: {reason.strip()}"
        return _request(
            claim,
            actor,
            kind=RequestKind.RESERVE_CHANGE,
            amount=change,
            limit=limit,
            details=details,
            summary=summary,
        )
    return _reserve_entry(
        claim, actor, category=category, bucket=bucket, new=new, reason=reason.strip(), approver=None
    )


# --- payments -------------------------------------------------------------------------------------


def _check_payment(claim: Claim, payment: PaymentInput) -> None:
    errors = ErrorCollector()
    _choice(errors, "category", payment.category, Category)
    _choice(errors, "bucket", payment.bucket, Bucket)
    _choice(errors, "payee_kind", payment.payee_kind, PayeeKind)
    _choice(errors, "method", payment.method, PaymentMethod)
    _amount(errors, "amount", payment.amount)
    if not payment.payee_name.strip():
        errors.add("payee_name", "name the payee")
    if payment.idempotency_key is not None and not (0 < len(payment.idempotency_key) <= 100):
        errors.add("idempotency_key", "must be 1 to 100 characters")
    period = (payment.period_start, payment.period_end)
    if payment.category == Category.INDEMNITY and payment.bucket == Bucket.GENERAL:
        if not payment.benefit:
            errors.add("benefit", "an indemnity payment names its benefit (TTD, TPD, weekly…)")
        if None in period:
            errors.add("period_start", "an indemnity payment covers a period: give its first and last day")
    if None not in period and payment.period_end < payment.period_start:  # type: ignore[operator]
        errors.add("period_end", "is before the period's first day")
    if payment.period_start is not None and payment.period_start < claim.injury_date:
        errors.add("period_start", f"is before the injury date ({claim.injury_date.isoformat()})")
    errors.raise_if_any("The payment was not made.")


def _existing(key: str | None) -> LedgerEntry | None:
    return None if key is None else LedgerEntry.objects.filter(idempotency_key=key).first()


def _check_outstanding(claim: Claim, payment: PaymentInput) -> None:
    outstanding = balance(
        claim=claim, account=Account.RESERVE, category=payment.category, bucket=payment.bucket
    ) - balance(claim=claim, account=Account.PAID, category=payment.category, bucket=payment.bucket)
    if payment.amount > outstanding:
        raise ValidationFailed.for_field(
            "amount",
            f"{payment.amount} is more than the outstanding {payment.category} reserve ({payment.bucket}) of "
            f"{outstanding}; raise the reserve first",
        )


def _payment_entry(
    claim: Claim, actor: User | None, payment: PaymentInput, approver: User | None
) -> LedgerEntry:
    _check_outstanding(claim, payment)
    first_day, last_day = payment.period_start, payment.period_end
    try:
        with transaction.atomic():
            entry = _post(
                claim,
                kind=EntryKind.PAYMENT,
                category=payment.category,
                bucket=payment.bucket,
                lines=[(Account.PAID, payment.amount), (Account.DISBURSED, -payment.amount)],
                occurred_on=payment.occurred_on or claim_today(claim),
                actor=actor,
                approved_by=approver,
                reason=payment.reason,
                idempotency_key=payment.idempotency_key,
                benefit=payment.benefit,
                period_start=payment.period_start,
                period_end=payment.period_end,
                payee_kind=payment.payee_kind,
                payee_name=payment.payee_name.strip(),
                method=payment.method,
            )
            if payment.category == Category.INDEMNITY and payment.benefit and first_day and last_day:
                IndemnityCover.objects.create(
                    entry=entry, claim=claim, benefit=payment.benefit, first_day=first_day, last_day=last_day
                )
    except IntegrityError as exc:
        if "cover" in str(exc) or "overlap" in str(exc):
            message = (
                f"{payment.benefit} is already paid for a day of {payment.period_start} to "
                f"{payment.period_end}; a day is never paid twice"
            )
            raise Conflict(
                f"The payment was not made: {message}.", errors=[FieldError("period_start", message)]
            ) from None
        raise
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.PAYMENT_ISSUED,
        payload={
            "entry_id": entry.pk,
            "category": payment.category,
            "bucket": payment.bucket,
            "amount": payment.amount,
            "payee_kind": payment.payee_kind,
            "payee_name": entry.payee_name,
            "method": payment.method,
            "benefit": payment.benefit,
            "period_start": payment.period_start,
            "period_end": payment.period_end,
            "idempotency_key": payment.idempotency_key,
            "reason": payment.reason,
            "approved_by": _name(approver),
        },
    )
    return entry


@transaction.atomic
def payment_issue(*, actor: User, claim: Claim, payment: PaymentInput) -> LedgerEntry | ApprovalRequest:
    """Pay ``payment`` from the claim's outstanding reserve, or queue it for approval.

    Idempotent: a request whose ``idempotency_key`` was already used returns what that
    request produced (the payment, or the approval request) and writes nothing.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming the field (more than the outstanding reserve included).
        Conflict: an indemnity day of the period is already paid.
    """
    _require_works(actor, claim)
    claim = claim_lock(claim)
    existing = _existing(payment.idempotency_key)
    if existing is not None:
        if existing.claim_id != claim.pk or existing.kind != EntryKind.PAYMENT:
            raise Conflict.for_field("idempotency_key", "is already used by another claim or entry")
        return existing
    if payment.idempotency_key is not None:
        queued = ApprovalRequest.objects.filter(idempotency_key=payment.idempotency_key).first()
        if queued is not None:
            if queued.claim_id != claim.pk or queued.kind != RequestKind.PAYMENT:
                raise Conflict.for_field("idempotency_key", "is already used by a request of another claim")
            return queued
    _check_payment(claim, payment)
    _check_outstanding(claim, payment)  # refused now, not only when a supervisor approves it
    limit, _ = limits_of(actor)
    if payment.amount > limit:
        details = _payment_details(payment)
        summary = f"{payment.category} payment of {payment.amount} to {payment.payee_name.strip()}"
        return _request(
            claim,
            actor,
            kind=RequestKind.PAYMENT,
            amount=payment.amount,
            limit=limit,
            details=details,
            summary=summary,
        )
    return _payment_entry(claim, actor, payment, approver=None)


def _payment_details(payment: PaymentInput) -> dict[str, Any]:
    return {
        "category": payment.category,
        "bucket": payment.bucket,
        "amount": str(payment.amount),
        "payee_kind": payment.payee_kind,
        "payee_name": payment.payee_name.strip(),
        "method": payment.method,
        "benefit": payment.benefit,
        "period_start": payment.period_start.isoformat() if payment.period_start else None,
        "period_end": payment.period_end.isoformat() if payment.period_end else None,
        "occurred_on": payment.occurred_on.isoformat() if payment.occurred_on else None,
        "idempotency_key": payment.idempotency_key,
        "reason": payment.reason,
    }


def _payment_from(details: dict[str, Any]) -> PaymentInput:
    def day(name: str) -> dt.date | None:
        value = details.get(name)
        return None if value is None else dt.date.fromisoformat(value)

    return PaymentInput(
        category=details["category"],
        bucket=details["bucket"],
        amount=Decimal(details["amount"]),
        payee_kind=details["payee_kind"],
        payee_name=details["payee_name"],
        method=details["method"],
        benefit=details.get("benefit", ""),
        period_start=day("period_start"),
        period_end=day("period_end"),
        occurred_on=day("occurred_on"),
        idempotency_key=details.get("idempotency_key"),
        reason=details.get("reason", ""),
    )


@transaction.atomic
def payment_void(*, actor: User, entry: LedgerEntry, reason: str) -> LedgerEntry:
    """Void a payment: a reversing entry (the payment and its lines stay); its days are free again.

    Raises:
        PermissionDenied: the actor does not handle the claim or lacks the authority for the amount.
        ValidationFailed: not a payment, or no reason.
        Conflict: already voided.
    """
    claim = entry.claim
    _require_works(actor, claim)
    claim = claim_lock(claim)
    if not reason.strip():
        raise ValidationFailed.for_field("reason", "say why the payment is voided")
    if entry.kind != EntryKind.PAYMENT:
        raise ValidationFailed.for_field("entry", "only a payment can be voided")
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise Conflict.for_field("entry", f"payment #{entry.pk} is already voided")
    limit, _ = limits_of(actor)
    lines = list(entry.lines.all())
    amount = sum((line.amount for line in lines if line.account == Account.PAID), Decimal("0.00"))
    require(amount <= limit, f"Voiding {amount} is above your payment authority ({limit}).")
    void = _post(
        claim,
        kind=EntryKind.VOID,
        category=entry.category,
        bucket=entry.bucket,
        lines=[(line.account, -line.amount) for line in lines],
        occurred_on=claim_today(claim),
        actor=actor,
        reason=reason.strip(),
        reverses=entry,
        benefit=entry.benefit,
        period_start=entry.period_start,
        period_end=entry.period_end,
        payee_kind=entry.payee_kind,
        payee_name=entry.payee_name,
        method=entry.method,
    )
    IndemnityCover.objects.filter(entry=entry).delete()
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.PAYMENT_VOIDED,
        payload={
            "entry_id": void.pk,
            "voided_entry_id": entry.pk,
            "amount": amount,
            "reason": reason.strip(),
        },
    )
    return void


# --- recoveries -----------------------------------------------------------------------------------


@transaction.atomic
def repayment_plan_agree(
    *, actor: User, claim: Claim, kind: str, category: str, owed: Decimal, debtor: str, terms: str
) -> RepaymentPlan:
    """Record what is owed back (an overpayment, a third party's share) and how it is repaid."""
    _require_works(actor, claim)
    claim = claim_lock(claim)
    errors = ErrorCollector()
    _choice(errors, "kind", kind, RecoveryKind)
    _choice(errors, "category", category, Category)
    _amount(errors, "owed", owed)
    if not debtor.strip():
        errors.add("debtor", "name who owes it")
    if not terms.strip():
        errors.add("terms", "say how it is repaid (instalments, deduction, lump sum)")
    errors.raise_if_any("The repayment plan was not recorded.")
    plan = RepaymentPlan.objects.create(
        claim=claim,
        kind=kind,
        category=category,
        owed=owed,
        debtor=debtor.strip(),
        terms=terms.strip(),
        created_by=actor,
        created_at=clock.now(),
    )
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.REPAYMENT_PLAN_AGREED,
        payload={
            "plan_id": plan.pk,
            "kind": kind,
            "category": category,
            "owed": owed,
            "debtor": plan.debtor,
            "terms": plan.terms,
        },
    )
    return plan


@transaction.atomic
def recovery_record(
    *,
    actor: User,
    claim: Claim,
    category: str,
    amount: Decimal,
    kind: str,
    payer: str,
    reason: str = "",
    bucket: str = Bucket.GENERAL,
    plan: RepaymentPlan | None = None,
    idempotency_key: str | None = None,
    received_on: dt.date | None = None,
) -> LedgerEntry:
    """Money received back on the claim (subrogation, an overpayment repaid, reinsurance).

    It reduces net incurred; against a repayment plan it reduces what is still owed (never
    below nil).

    Raises:
        ValidationFailed: naming the field; nothing is written.
    """
    _require_works(actor, claim)
    claim = claim_lock(claim)
    existing = _existing(idempotency_key)
    if existing is not None:
        if existing.claim_id != claim.pk or existing.kind != EntryKind.RECOVERY:
            raise Conflict.for_field("idempotency_key", "is already used by another claim or entry")
        return existing
    errors = ErrorCollector()
    _choice(errors, "category", category, Category)
    _choice(errors, "bucket", bucket, Bucket)
    _choice(errors, "kind", kind, RecoveryKind)
    _amount(errors, "amount", amount)
    if not payer.strip():
        errors.add("payer", "name who paid it")
    if plan is not None and plan.claim_id != claim.pk:
        errors.add("plan", "belongs to another claim")
    errors.raise_if_any("The recovery was not recorded.")
    if plan is not None:
        from opencomp.payments.selectors import plan_still_owed

        owed = plan_still_owed(plan)
        if amount > owed:
            raise ValidationFailed.for_field("amount", f"is more than the {owed} still owed on the plan")
    entry = _post(
        claim,
        kind=EntryKind.RECOVERY,
        category=category,
        bucket=bucket,
        lines=[(Account.RECEIVED, amount), (Account.RECOVERED, -amount)],
        occurred_on=received_on or claim_today(claim),
        actor=actor,
        reason=reason,
        recovery_kind=kind,
        payee_name=payer.strip(),
        plan=plan,
        idempotency_key=idempotency_key,
    )
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.RECOVERY_RECORDED,
        payload={
            "entry_id": entry.pk,
            "category": category,
            "bucket": bucket,
            "amount": amount,
            "kind": kind,
            "payer": payer.strip(),
            "plan_id": None if plan is None else plan.pk,
            "reason": reason,
        },
    )
    return entry


# --- authority and approvals ----------------------------------------------------------------------


@transaction.atomic
def authority_set(*, actor: User, user: User, payment_limit: Decimal, reserve_limit: Decimal) -> Authority:
    """Set a user's payment and reserve authority (administrators, or a supervisor for their staff)."""
    allowed = is_admin(actor) or (
        is_supervisor(actor)
        and actor.organisation_id is not None
        and actor.organisation_id == user.organisation_id
    )
    require(allowed, "Only an administrator, or a supervisor for their own staff, sets authority.")
    errors = ErrorCollector()
    _amount(errors, "payment_limit", payment_limit, allow_zero=True)
    _amount(errors, "reserve_limit", reserve_limit, allow_zero=True)
    errors.raise_if_any("The authority was not set.")
    if not is_admin(actor):
        own_pay, own_reserve = limits_of(actor)
        if payment_limit > own_pay:
            errors.add("payment_limit", f"cannot be more than your own payment authority ({own_pay})")
        if reserve_limit > own_reserve:
            errors.add("reserve_limit", f"cannot be more than your own reserve authority ({own_reserve})")
        errors.raise_if_any("The authority was not set.")
    authority, _ = Authority.objects.update_or_create(
        user=user,
        defaults={
            "payment_limit": payment_limit,
            "reserve_limit": reserve_limit,
            "set_by": actor,
            "set_at": clock.now(),
        },
    )
    audit_record(
        actor=actor,
        action="payment_authority.set",
        obj=authority,
        data={"payment_limit": str(payment_limit), "reserve_limit": str(reserve_limit)},
    )
    return authority


def user_can_approve(user: User, request: ApprovalRequest) -> bool:
    """A supervisor (or administrator) of the claim's administrator, not the requester, with the authority."""
    if request.requested_by_id == user.pk or not is_supervisor(user):
        return False
    if not user_can_work_claim(user, request.claim):
        return False
    payment_limit, reserve_limit = limits_of(user)
    limit = payment_limit if request.kind == RequestKind.PAYMENT else reserve_limit
    return request.amount <= limit


@transaction.atomic
def approval_decide(
    *, actor: User, request: ApprovalRequest, approve: bool, reason: str = ""
) -> ApprovalRequest:
    """Approve (and post) or reject a waiting request; both are claim events with the reason.

    Raises:
        PermissionDenied: the actor may not decide it (the requester, no authority…).
        ValidationFailed: a rejection without a reason; an approval the ledger refuses.
        Conflict: the request was already decided.
    """
    claim = claim_lock(request.claim)
    request = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
    require(
        user_can_approve(actor, request),
        "You may not decide this request (your own, or above your authority).",
    )
    if request.status != RequestStatus.PENDING:
        raise Conflict.for_field("request", f"was already {request.get_status_display().lower()}")
    if not approve and not reason.strip():
        raise ValidationFailed.for_field("reason", "say why it is rejected")
    entry: LedgerEntry | None = None
    if approve:
        details = request.details
        if request.kind == RequestKind.PAYMENT:
            payment = _payment_from(details)
            _check_payment(claim, payment)
            entry = _payment_entry(claim, request.requested_by, payment, approver=actor)
        else:
            category, bucket, new = details["category"], details["bucket"], Decimal(details["amount"])
            _check_reserve(claim, category=category, bucket=bucket, new=new)  # payments may have moved on
            entry = _reserve_entry(
                claim,
                request.requested_by,
                category=category,
                bucket=bucket,
                new=new,
                reason=details["reason"],
                approver=actor,
            )
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    request.decided_by = actor
    request.decided_at = clock.now()
    request.decision_reason = reason.strip()
    request.entry = entry
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "entry"])
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.APPROVAL_DECIDED,
        payload={
            "request_id": request.pk,
            "kind": request.kind,
            "amount": request.amount,
            "approved": approve,
            "reason": reason.strip(),
            "entry_id": None if entry is None else entry.pk,
        },
    )
    return request


def request_get(pk: int) -> ApprovalRequest:
    request = ApprovalRequest.objects.select_related("claim").filter(pk=pk).first()
    if request is None:
        raise NotFound(f"Approval request {pk} was not found.")
    return request
