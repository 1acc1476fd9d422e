"""Provider invoices: receive, review, decide and pay (seed 004: pay within 10 business days).

Every service locks the claim row first and then the invoice row, checks the actor and the
input, changes the invoice and appends its claim event in the same transaction; bad input
raises ``ValidationFailed`` naming the field (``lines[2].amount_claimed``) and writes
nothing. No fee schedule is held (no sourced amounts), so the review checks each line
against the amount claimed and the approved treatment only.

The payment goes through ``payment_issue`` (medical, to the provider, idempotency key
``invoice:<id>:<round>``). Above the payer's authority it waits as an approval request; the
listeners in ``listeners_invoices.py`` mark the invoice paid when a supervisor approves it,
return it to approved-unpaid when the request is rejected, and reopen it when its payment
is voided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.db import IntegrityError, transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require, user_can_work_claim
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import Conflict, ErrorCollector, ValidationFailed
from opencomp.core.money import CENT
from opencomp.parties.models import Provider
from opencomp.payments.enums import Category, PayeeKind, PaymentMethod
from opencomp.payments.enums_invoices import (
    LIVE,
    PAYABLE,
    InvoiceOutcome,
    InvoiceStatus,
    LineFlag,
)
from opencomp.payments.invoice_selectors import ApprovedTreatment, approved_treatments
from opencomp.payments.models import ApprovalRequest, LedgerEntry
from opencomp.payments.models_invoices import InvoiceLine, ProviderInvoice, provider_key
from opencomp.payments.services import PaymentInput, payment_issue

ZERO = Decimal("0.00")
MAX_LINES = 60


@dataclass(frozen=True)
class LineInput:
    """One service billed: when, what (the provider's item code), how many units, for how much."""

    service_date: dt.date | None
    item_code: str
    description: str
    units: Decimal
    amount_claimed: Decimal


@dataclass(frozen=True)
class InvoiceInput:
    """A provider's invoice as received; ``total``, when given, must equal the sum of the lines."""

    provider_name: str
    invoice_number: str
    received_on: dt.date | None
    lines: Sequence[LineInput] = field(default_factory=tuple)
    provider: Provider | None = None
    total: Decimal | None = None


@dataclass(frozen=True)
class LineReview:
    """The reviewer's figure for one line, with the treatment request it falls under if not found itself."""

    amount_approved: Decimal
    treatment_seq: int | None = None
    note: str = ""


# --- checks ---------------------------------------------------------------------------------------


def _money(errors: ErrorCollector, name: str, value: object, *, allow_zero: bool = False) -> Decimal | None:
    if not isinstance(value, Decimal) or not value.is_finite():
        errors.add(name, "must be an amount such as 184.50")
        return None
    if value != value.quantize(CENT):
        errors.add(name, "has more than two decimal places")
        return None
    if value < 0 or (value == 0 and not allow_zero):
        errors.add(name, "must not be negative" if allow_zero else "must be more than zero")
        return None
    return value


def _text(errors: ErrorCollector, name: str, value: str, *, limit: int, what: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        errors.add(name, what)
    elif len(text) > limit:
        errors.add(name, f"must be at most {limit} characters")
    return text


def _day(errors: ErrorCollector, name: str, value: dt.date | None, claim: Claim, today: dt.date) -> bool:
    if not isinstance(value, dt.date):
        errors.add(name, "give the date (YYYY-MM-DD)")
        return False
    if value < claim.injury_date:
        errors.add(name, f"is before the injury date ({claim.injury_date.isoformat()})")
        return False
    if value > today:
        errors.add(name, f"is in the future (today is {today.isoformat()})")
        return False
    return True


def _check_line(
    errors: ErrorCollector, at: str, line: LineInput, claim: Claim, today: dt.date, received: dt.date | None
) -> None:
    in_range = _day(errors, f"{at}.service_date", line.service_date, claim, today)
    if in_range and received is not None and line.service_date > received:  # type: ignore[operator]
        errors.add(f"{at}.service_date", f"is after the invoice was received ({received.isoformat()})")
    _text(errors, f"{at}.item_code", line.item_code, limit=30, what="give the provider's item code")
    _text(errors, f"{at}.description", line.description, limit=300, what="say what the service was")
    units = line.units
    if not isinstance(units, Decimal) or not units.is_finite() or units <= 0:
        errors.add(f"{at}.units", "must be a number more than zero")
    elif units != units.quantize(CENT):
        errors.add(f"{at}.units", "has more than two decimal places")
    _money(errors, f"{at}.amount_claimed", line.amount_claimed)


def _require_works(actor: User, claim: Claim) -> None:
    require(user_can_work_claim(actor, claim), "Only the claim's administrator handles its invoices.")


def _locked(invoice: ProviderInvoice) -> tuple[Claim, ProviderInvoice]:
    """The claim, then the invoice, under their row locks (always in that order)."""
    claim = claim_lock(invoice.claim)
    return claim, ProviderInvoice.objects.select_for_update().get(pk=invoice.pk)


def _expect(invoice: ProviderInvoice, allowed: frozenset[str] | set[str], doing: str) -> None:
    if invoice.status not in allowed:
        raise Conflict.for_field(
            "status", f"the invoice is {invoice.get_status_display().lower()}; it cannot be {doing} now"
        )


def _save(invoice: ProviderInvoice, *names: str) -> None:
    invoice.updated_at = clock.now()
    invoice.save(update_fields=[*names, "updated_at"])


# --- receive --------------------------------------------------------------------------------------


@transaction.atomic
def invoice_receive(*, actor: User, claim: Claim, invoice: InvoiceInput) -> ProviderInvoice:
    """Record a provider's invoice and its lines; appends ``invoice.received``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming the field (``lines[1].service_date``); nothing is written.
        Conflict: the provider's invoice number is already recorded (``invoice_number``).
    """
    _require_works(actor, claim)
    claim = claim_lock(claim)
    today = claim_today(claim)
    errors = ErrorCollector()
    name = invoice.provider_name or (invoice.provider.name if invoice.provider is not None else "")
    name = _text(errors, "provider_name", name, limit=200, what="name the provider")
    number = _text(errors, "invoice_number", invoice.invoice_number, limit=60, what="give the invoice number")
    received = invoice.received_on if _day(errors, "received_on", invoice.received_on, claim, today) else None
    lines = list(invoice.lines)
    if not lines:
        errors.add("lines", "an invoice has at least one line")
    elif len(lines) > MAX_LINES:
        errors.add("lines", f"at most {MAX_LINES} lines; split the invoice")
    for i, line in enumerate(lines):
        _check_line(errors, f"lines[{i}]", line, claim, today, received)
    errors.raise_if_any("The invoice was not recorded.")
    claimed = sum((line.amount_claimed for line in lines), ZERO)
    if invoice.total is not None and invoice.total != claimed:
        raise ValidationFailed.for_field(
            "total", f"is {invoice.total} but the lines add up to {claimed}; check the lines"
        )
    key = provider_key(name)
    _refuse_duplicate(key, name, number)
    days = [line.service_date for line in lines if line.service_date is not None]
    now = clock.now()
    try:
        with transaction.atomic():
            record = ProviderInvoice.objects.create(
                claim=claim,
                provider=invoice.provider,
                provider_name=name,
                provider_key=key,
                invoice_number=number,
                received_on=cast(dt.date, received),  # checked above
                service_from=min(days),
                service_to=max(days),
                amount_claimed=claimed,
                received_seq=claim.last_event_seq + 1,  # the event appended next; checked below
                received_by=actor,
                created_at=now,
                updated_at=now,
            )
    except IntegrityError:
        _refuse_duplicate(key, name, number)
        raise
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=record,
            position=i + 1,
            service_date=cast(dt.date, line.service_date),  # checked above
            item_code=" ".join(line.item_code.split()),
            description=" ".join(line.description.split()),
            units=line.units,
            amount_claimed=line.amount_claimed,
        )
        for i, line in enumerate(lines)
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.INVOICE_RECEIVED,
        payload={
            "invoice_id": record.pk,
            "provider_name": name,
            "invoice_number": number,
            "received_on": received,
            "service_from": record.service_from,
            "service_to": record.service_to,
            "amount_claimed": claimed,
            "line_count": len(lines),
        },
    )
    if event.seq != record.received_seq:
        record.received_seq = event.seq
        record.save(update_fields=["received_seq"])
    return record


def _refuse_duplicate(key: str, name: str, number: str) -> None:
    other = ProviderInvoice.objects.select_related("claim").filter(provider_key=key, invoice_number=number)
    found = other.first()
    if found is not None:
        raise Conflict.for_field(
            "invoice_number",
            f"{name}'s invoice {number} is already recorded (claim {found.claim.number}, "
            f"{found.get_status_display().lower()}); a duplicate is not recorded again",
        )


# --- review ---------------------------------------------------------------------------------------


def _covering(treatments: list[ApprovedTreatment], day: dt.date) -> ApprovedTreatment | None:
    """The latest approved treatment request received on or before ``day``."""
    found = [t for t in treatments if t.received_on <= day]
    return found[-1] if found else None


def _duplicates(invoice: ProviderInvoice) -> set[tuple[dt.date, str]]:
    """(service date, item code) pairs of the same provider on the claim's other live invoices."""
    return set(
        InvoiceLine.objects.filter(
            invoice__claim_id=invoice.claim_id,
            invoice__provider_key=invoice.provider_key,
            invoice__status__in=LIVE,
        )
        .exclude(invoice=invoice)
        .values_list("service_date", "item_code")
    )


def line_flags(
    line: InvoiceLine,
    *,
    claim: Claim,
    treatment: ApprovedTreatment | None,
    duplicates: set[tuple[dt.date, str]],
) -> list[str]:
    """What a reviewer should look at on ``line``; nothing here refuses or reduces a line."""
    flags = []
    if treatment is None:
        flags.append(LineFlag.NO_APPROVED_TREATMENT.value)
    if line.service_date < claim.injury_date:
        flags.append(LineFlag.BEFORE_INJURY.value)
    if (line.service_date, line.item_code) in duplicates:
        flags.append(LineFlag.DUPLICATE_SERVICE.value)
    return flags


@transaction.atomic
def invoice_review(
    *, actor: User, invoice: ProviderInvoice, lines: Sequence[LineReview], note: str = ""
) -> ProviderInvoice:
    """Check each line and set the amount the reviewer recommends; appends ``invoice.reviewed``.

    The flags are found here, not given: no approved treatment covers the service (none
    received on or before the service date, unless ``treatment_seq`` names one), the
    service is before the injury date, or the same provider billed the same item on the
    same date on another live invoice of the claim. A reviewed invoice may be reviewed again.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming the field (``lines[0].amount_approved``); nothing is written.
        Conflict: the invoice is already decided.
    """
    _require_works(actor, invoice.claim)
    claim, invoice = _locked(invoice)
    _expect(invoice, {InvoiceStatus.RECEIVED, InvoiceStatus.REVIEWED}, "reviewed")
    current = list(invoice.lines.order_by("position"))
    treatments = approved_treatments(claim)
    by_seq = {t.seq: t for t in treatments}
    errors = ErrorCollector()
    if len(lines) != len(current):
        errors.add("lines", f"review each of the invoice's {len(current)} lines, in order")
        errors.raise_if_any("The invoice was not reviewed.")
    chosen: list[ApprovedTreatment | None] = []
    for i, (line, review) in enumerate(zip(current, lines, strict=True)):
        at = f"lines[{i}]"
        amount = _money(errors, f"{at}.amount_approved", review.amount_approved, allow_zero=True)
        if amount is not None and amount > line.amount_claimed:
            errors.add(f"{at}.amount_approved", f"is more than the {line.amount_claimed} claimed")
        if review.treatment_seq is not None and review.treatment_seq not in by_seq:
            errors.add(f"{at}.treatment_seq", "is not an approved treatment request of this claim")
        if len(review.note) > 500:
            errors.add(f"{at}.note", "must be at most 500 characters")
        if review.treatment_seq is not None:
            chosen.append(by_seq.get(review.treatment_seq))
        else:
            chosen.append(_covering(treatments, line.service_date))
    if len(note) > 2000:
        errors.add("note", "must be at most 2000 characters")
    errors.raise_if_any("The invoice was not reviewed.")
    duplicates = _duplicates(invoice)
    found: list[str] = []
    for line, review, treatment in zip(current, lines, chosen, strict=True):
        line.amount_approved = review.amount_approved
        line.treatment_seq = None if treatment is None else treatment.seq
        line.flags = line_flags(line, claim=claim, treatment=treatment, duplicates=duplicates)
        line.review_note = review.note.strip()
        found.extend(f"line {line.position}: {flag}" for flag in line.flags)
    InvoiceLine.objects.bulk_update(current, ["amount_approved", "treatment_seq", "flags", "review_note"])
    recommended = sum((line.amount_approved or ZERO for line in current), ZERO)
    invoice.status = InvoiceStatus.REVIEWED
    invoice.review_note = note.strip()
    invoice.reviewed_by = actor
    _save(invoice, "status", "review_note", "reviewed_by")
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.INVOICE_REVIEWED,
        payload={
            "invoice_id": invoice.pk,
            "received_seq": invoice.received_seq,
            "amount_claimed": invoice.amount_claimed,
            "amount_recommended": recommended,
            "flags": found,
            "note": invoice.review_note,
        },
    )
    return invoice


# --- decide ---------------------------------------------------------------------------------------


@transaction.atomic
def invoice_decide(
    *, actor: User, invoice: ProviderInvoice, outcome: str, reasons: str = ""
) -> ProviderInvoice:
    """Approve, partly approve or deny a reviewed invoice; appends ``invoice.decided``.

    The approved amount is the sum of the lines' reviewed amounts: all of the claim to
    approve, less (but something) to partly approve; a denial approves nothing. A partial
    approval or a denial gives the reasons the provider is told. A denial answers the NSW
    payment clock; an approval waits for the payment.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming the field; nothing is written.
        Conflict: the invoice is not reviewed, or already decided.
    """
    _require_works(actor, invoice.claim)
    claim, invoice = _locked(invoice)
    if outcome not in InvoiceOutcome.values:
        raise ValidationFailed.for_field("outcome", f"must be one of {', '.join(InvoiceOutcome.values)}")
    _expect(invoice, {InvoiceStatus.REVIEWED}, "decided (review it first)")
    reasons = reasons.strip()
    lines = list(invoice.lines.order_by("position"))
    approved = sum((line.amount_approved or ZERO for line in lines), ZERO)
    errors = ErrorCollector()
    if outcome != InvoiceOutcome.APPROVED and not reasons:
        errors.add("reasons", "give the reasons the provider is told")
    if len(reasons) > 2000:
        errors.add("reasons", "must be at most 2000 characters")
    if outcome == InvoiceOutcome.APPROVED and approved != invoice.amount_claimed:
        errors.add(
            "outcome",
            f"the reviewed lines approve {approved} of the {invoice.amount_claimed} claimed; "
            "partly approve it, or review the lines again",
        )
    if outcome == InvoiceOutcome.PARTLY_APPROVED and not (ZERO < approved < invoice.amount_claimed):
        errors.add(
            "outcome",
            f"the reviewed lines approve {approved} of the {invoice.amount_claimed} claimed; "
            "a partial approval is more than nil and less than the claim",
        )
    errors.raise_if_any("The invoice was not decided.")
    if outcome == InvoiceOutcome.DENIED:
        approved = ZERO
    invoice.status = outcome
    invoice.outcome = outcome
    invoice.amount_approved = approved
    invoice.decision_reasons = reasons
    invoice.decided_by = actor
    _save(invoice, "status", "outcome", "amount_approved", "decision_reasons", "decided_by")
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.INVOICE_DECIDED,
        payload={
            "invoice_id": invoice.pk,
            "received_seq": invoice.received_seq,
            "outcome": outcome,
            "amount_claimed": invoice.amount_claimed,
            "amount_approved": approved,
            "reasons": reasons,
        },
    )
    return invoice


# --- pay ------------------------------------------------------------------------------------------


def _record_paid(
    claim: Claim, invoice: ProviderInvoice, entry: LedgerEntry, actor: User | None
) -> ClaimEvent:
    invoice.status = InvoiceStatus.PAID
    invoice.entry = entry
    invoice.approval = None
    _save(invoice, "status", "entry", "approval")
    return claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.INVOICE_PAID,
        payload={
            "invoice_id": invoice.pk,
            "received_seq": invoice.received_seq,
            "entry_id": entry.pk,
            "amount": invoice.amount_approved,
            "method": entry.method,
        },
    )


@transaction.atomic
def invoice_pay(
    *,
    actor: User,
    invoice: ProviderInvoice,
    method: str = PaymentMethod.EFT,
    paid_on: dt.date | None = None,
) -> ProviderInvoice:
    """Pay the approved amount to the provider from the medical reserve; appends ``invoice.paid``.

    Above the actor's payment authority the payment waits for a supervisor: the invoice
    keeps its decided status with ``approval`` set ("awaiting approval") and is paid when
    the request is approved.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming the field (more than the outstanding medical reserve included).
        Conflict: already paid, waiting for approval, denied or not decided yet.
    """
    _require_works(actor, invoice.claim)
    claim, invoice = _locked(invoice)
    if invoice.status == InvoiceStatus.PAID:
        raise Conflict.for_field("status", f"the invoice is already paid (payment #{invoice.entry_id})")
    if invoice.approval_id is not None:
        raise Conflict.for_field("status", "the payment is already waiting for a supervisor's approval")
    _expect(invoice, PAYABLE, "paid")
    if method not in PaymentMethod.values:
        raise ValidationFailed.for_field("method", f"must be one of {', '.join(PaymentMethod.values)}")
    if paid_on is not None and paid_on > claim_today(claim):
        raise ValidationFailed.for_field("paid_on", "is in the future")
    amount = invoice.amount_approved or ZERO
    payment = PaymentInput(
        category=Category.MEDICAL,
        amount=amount,
        payee_kind=PayeeKind.PROVIDER,
        payee_name=invoice.provider_name,
        method=method,
        occurred_on=paid_on,
        idempotency_key=invoice.idempotency_key,
        reason=f"Invoice {invoice.invoice_number} of {invoice.provider_name}",
    )
    result = payment_issue(actor=actor, claim=claim, payment=payment)
    if isinstance(result, ApprovalRequest):
        invoice.approval = result
        _save(invoice, "approval")
        return invoice
    _record_paid(claim, invoice, result, actor)
    return invoice


# --- what the ledger tells the invoice (called by the listeners) ----------------------------------


def invoice_approval_decided(claim: Claim, request_id: int, entry_id: int | None, actor: User | None) -> None:
    """A supervisor decided the invoice's waiting payment: paid, or back to approved-unpaid."""
    invoice = ProviderInvoice.objects.select_for_update().filter(approval_id=request_id).first()
    if invoice is None:
        return
    if entry_id is None:
        invoice.approval = None
        invoice.payment_round += 1  # the rejected request keeps its key; a new attempt needs a new one
        _save(invoice, "approval", "payment_round")
        return
    _record_paid(claim, invoice, LedgerEntry.objects.get(pk=entry_id), actor)


def invoice_payment_voided(voided_entry_id: int) -> None:
    """The invoice's payment was voided: back to its decided status, payable again."""
    invoice = ProviderInvoice.objects.select_for_update().filter(entry_id=voided_entry_id).first()
    if invoice is None:
        return
    invoice.status = invoice.outcome
    invoice.entry = None
    invoice.payment_round += 1
    _save(invoice, "status", "entry", "payment_round")
