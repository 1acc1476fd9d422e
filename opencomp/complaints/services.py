"""Every write of complaints: receive, progress contacts, and the three stages in order.

Seed 004 section 8: stage 1, internal dispute resolution by workers compensation senior
staff, with ongoing dialogue with the complainant, ends in an outcome; stage 2, if the
complainant is not satisfied, is a further review by senior management, who make the final
decision on behalf of the organisation; stage 3, the complainant may refer the complaint to
the external body (IRO, SIRA). A complaint's status moves only forward through
``ComplaintStatus.order()``; each step is a claim event written in the same transaction as the
row (``complaint.received``, ``complaint.contacted``, ``complaint.stage_1_decided``,
``complaint.escalated``, ``complaint.final_decided``, ``complaint.referred``). Each service
locks the claim, then the complaint, and checks the status it found under the lock, so two
people cannot both take the same step. A refused request writes nothing.

Neither seed 004 ("we aim to resolve matters promptly") nor statutes.md gives a timeframe for
any stage, so no stage has a deadline.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.enums import ActivityChannel, ActivityDirection, EventKind
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.complaints.access import user_can_decide_stage_2, user_can_handle_complaints
from opencomp.complaints.enums import ComplainantKind, ComplaintStatus, ExternalBody
from opencomp.complaints.models import Complaint, ComplaintContact
from opencomp.complaints.selectors import user_name
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector, PermissionDenied, ValidationFailed

TEXT_LIMIT = 8000

#: What each step needs the complaint to be at, and the words used when it is not.
_NEXT_STEP = {
    ComplaintStatus.STAGE_1: "give the stage 1 outcome",
    ComplaintStatus.STAGE_1_DECIDED: "escalate it to stage 2 or leave it resolved",
    ComplaintStatus.STAGE_2: "record senior management's final decision",
    ComplaintStatus.FINAL_DECIDED: "record a referral to IRO or SIRA, or leave it decided",
    ComplaintStatus.REFERRED: "nothing: it is with the external body",
}


def _require_handles(actor: User, claim: Claim) -> None:
    require(
        user_can_handle_complaints(actor, claim), "Only the claim's administrator handles its complaints."
    )


def _text(
    errors: ErrorCollector, name: str, value: str, *, required: str = "", limit: int = TEXT_LIMIT
) -> str:
    text = (value or "").strip()
    if required and not text:
        errors.add(name, required)
    elif len(text) > limit:
        errors.add(name, f"must be at most {limit} characters")
    return text


def _date(
    errors: ErrorCollector,
    name: str,
    value: dt.date | None,
    *,
    today: dt.date,
    not_before: dt.date,
    what: str,
) -> None:
    if value is None:
        errors.add(name, "give the date")
    elif value > today:
        errors.add(name, "is in the future")
    elif value < not_before:
        errors.add(name, f"is before {what} ({not_before:%d %b %Y})")


def _locked(complaint: Complaint) -> Complaint:
    claim_lock(complaint.claim)
    return Complaint.objects.select_for_update().select_related("claim").get(pk=complaint.pk)


def _require_status(complaint: Complaint, wanted: str, step: str) -> None:
    """Refuse a step out of order, saying where the complaint is and what comes next there."""
    if complaint.status != wanted:
        raise ValidationFailed.for_field(
            "status",
            f"cannot {step}: the complaint is at “{complaint.get_status_display()}” "
            f"(next there: {_NEXT_STEP[ComplaintStatus(complaint.status)]})",
        )


@transaction.atomic
def complaint_receive(
    *,
    actor: User,
    claim: Claim,
    complainant_kind: str,
    complainant_name: str,
    received_on: dt.date | None,
    channel: str,
    subject: str,
    details: str,
) -> Complaint:
    """Record a complaint about the handling of ``claim``; stage 1 begins. Appends ``complaint.received``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``complainant_kind``, ``complainant_name``, ``received_on``,
            ``channel``, ``subject`` or ``details``; nothing is written.
    """
    _require_handles(actor, claim)
    errors = ErrorCollector()
    if complainant_kind not in ComplainantKind.values:
        errors.add("complainant_kind", f"must be one of {', '.join(ComplainantKind.values)}")
    name = _text(errors, "complainant_name", complainant_name, required="name who raised it", limit=200)
    _date(
        errors,
        "received_on",
        received_on,
        today=claim_today(claim),
        not_before=claim.injury_date,
        what="the injury date",
    )
    if channel not in ActivityChannel.values:
        errors.add("channel", f"must be one of {', '.join(ActivityChannel.values)}")
    subject = _text(errors, "subject", subject, required="say in a line what it is about", limit=200)
    details = _text(errors, "details", details, required="record what the complainant said")
    errors.raise_if_any("The complaint was not recorded.")
    assert received_on is not None  # noqa: S101 - checked above
    claim = claim_lock(claim)
    now = clock.now()
    complaint = Complaint.objects.create(
        claim=claim,
        complainant_kind=complainant_kind,
        complainant_name=name,
        received_on=received_on,
        channel=channel,
        subject=subject,
        details=details,
        status=ComplaintStatus.STAGE_1,
        received_seq=claim.last_event_seq + 1,
        recorded_by=actor,
        recorded_at=now,
        updated_at=now,
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.COMPLAINT_RECEIVED,
        payload={
            "complaint_id": complaint.pk,
            "complainant_kind": complainant_kind,
            "complainant_name": name,
            "received_on": received_on,
            "channel": channel,
            "subject": subject,
            "details": details,
        },
    )
    if event.seq != complaint.received_seq:
        complaint.received_seq = event.seq
        complaint.save(update_fields=["received_seq"])
    return complaint


@transaction.atomic
def complaint_contact_record(
    *,
    actor: User,
    complaint: Complaint,
    contacted_on: dt.date | None,
    channel: str,
    direction: str,
    summary: str,
) -> ComplaintContact:
    """Log a progress contact with the complainant (any stage); appends ``complaint.contacted``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``contacted_on``, ``channel``, ``direction`` or ``summary``.
    """
    claim = complaint.claim
    _require_handles(actor, claim)
    errors = ErrorCollector()
    _date(
        errors,
        "contacted_on",
        contacted_on,
        today=claim_today(claim),
        not_before=complaint.received_on,
        what="the complaint was received",
    )
    if channel not in ActivityChannel.values:
        errors.add("channel", f"must be one of {', '.join(ActivityChannel.values)}")
    if direction not in ActivityDirection.values:
        errors.add("direction", f"must be one of {', '.join(ActivityDirection.values)}")
    summary = _text(errors, "summary", summary, required="say what was discussed", limit=4000)
    errors.raise_if_any("The contact was not recorded.")
    assert contacted_on is not None  # noqa: S101 - checked above
    complaint = _locked(complaint)
    event = claim_event_record(
        actor=actor,
        claim=complaint.claim,
        kind=EventKind.COMPLAINT_CONTACTED,
        payload={
            "complaint_id": complaint.pk,
            "received_seq": complaint.received_seq,
            "contacted_on": contacted_on,
            "channel": channel,
            "direction": direction,
            "summary": summary,
        },
    )
    complaint.updated_at = clock.now()
    complaint.save(update_fields=["updated_at"])
    return ComplaintContact.objects.create(
        complaint=complaint,
        contacted_on=contacted_on,
        channel=channel,
        direction=direction,
        summary=summary,
        seq=event.seq,
        recorded_by=actor,
        recorded_at=event.recorded_at,
    )


@transaction.atomic
def complaint_stage_1_decide(
    *, actor: User, complaint: Complaint, outcome: str, decided_on: dt.date | None
) -> Complaint:
    """Stage 1 (internal dispute resolution): record its outcome. Appends ``complaint.stage_1_decided``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``outcome``, ``decided_on`` or ``status`` (not at stage 1).
    """
    _require_handles(actor, complaint.claim)
    errors = ErrorCollector()
    outcome = _text(errors, "outcome", outcome, required="record the outcome given to the complainant")
    _date(
        errors,
        "decided_on",
        decided_on,
        today=claim_today(complaint.claim),
        not_before=complaint.received_on,
        what="the complaint was received",
    )
    errors.raise_if_any("The stage 1 outcome was not recorded.")
    complaint = _locked(complaint)
    _require_status(complaint, ComplaintStatus.STAGE_1, "give the stage 1 outcome")
    claim_event_record(
        actor=actor,
        claim=complaint.claim,
        kind=EventKind.COMPLAINT_STAGE_1_DECIDED,
        payload={
            "complaint_id": complaint.pk,
            "received_seq": complaint.received_seq,
            "decided_on": decided_on,
            "outcome": outcome,
            "decided_by_id": actor.pk,
            "decided_by_name": user_name(actor),
        },
    )
    complaint.status = ComplaintStatus.STAGE_1_DECIDED
    complaint.stage_1_outcome = outcome
    complaint.stage_1_decided_on = decided_on
    complaint.stage_1_decided_by = actor
    complaint.updated_at = clock.now()
    complaint.save()
    return complaint


@transaction.atomic
def complaint_escalate(
    *, actor: User, complaint: Complaint, escalated_on: dt.date | None, reason: str
) -> Complaint:
    """Stage 2 begins: the complainant is not satisfied with the stage 1 outcome.

    Appends ``complaint.escalated``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``reason``, ``escalated_on`` or ``status`` (no stage 1 outcome yet,
            or already past it).
    """
    _require_handles(actor, complaint.claim)
    errors = ErrorCollector()
    reason = _text(errors, "reason", reason, required="say why the complainant is not satisfied", limit=4000)
    if escalated_on is None:
        errors.add("escalated_on", "give the date")
    elif escalated_on > claim_today(complaint.claim):
        errors.add("escalated_on", "is in the future")
    errors.raise_if_any("The complaint was not escalated.")
    complaint = _locked(complaint)
    _require_status(complaint, ComplaintStatus.STAGE_1_DECIDED, "escalate to stage 2")
    assert complaint.stage_1_decided_on is not None  # noqa: S101 - set by the earlier stage
    assert escalated_on is not None  # noqa: S101 - checked above
    if escalated_on < complaint.stage_1_decided_on:
        raise ValidationFailed.for_field(
            "escalated_on", f"is before the stage 1 outcome ({complaint.stage_1_decided_on:%d %b %Y})"
        )
    claim_event_record(
        actor=actor,
        claim=complaint.claim,
        kind=EventKind.COMPLAINT_ESCALATED,
        payload={
            "complaint_id": complaint.pk,
            "received_seq": complaint.received_seq,
            "escalated_on": escalated_on,
            "reason": reason,
        },
    )
    complaint.status = ComplaintStatus.STAGE_2
    complaint.escalated_on = escalated_on
    complaint.escalation_reason = reason
    complaint.updated_at = clock.now()
    complaint.save()
    return complaint


@transaction.atomic
def complaint_final_decide(
    *, actor: User, complaint: Complaint, decision: str, decided_on: dt.date | None
) -> Complaint:
    """Stage 2: senior management's final decision on behalf of the organisation. Appends
    ``complaint.final_decided``.

    The decider holds a senior management role (claims supervisor or administrator, see
    ``complaints.access``) and is not whoever gave the stage 1 outcome.

    Raises:
        PermissionDenied: the actor is not senior management of the claim's administrator.
        ValidationFailed: naming ``decision``, ``decided_on``, ``status`` (not escalated) or
            ``decided_by`` (the stage 1 decider).
    """
    claim = complaint.claim
    _require_handles(actor, claim)
    if not user_can_decide_stage_2(actor, claim):
        raise PermissionDenied(
            "Only senior management (a claims supervisor) makes the stage 2 final decision on a complaint."
        )
    errors = ErrorCollector()
    decision = _text(errors, "decision", decision, required="record the final decision")
    if decided_on is None:
        errors.add("decided_on", "give the date")
    elif decided_on > claim_today(claim):
        errors.add("decided_on", "is in the future")
    errors.raise_if_any("The final decision was not recorded.")
    complaint = _locked(complaint)
    _require_status(complaint, ComplaintStatus.STAGE_2, "make the stage 2 final decision")
    if complaint.stage_1_decided_by_id == actor.pk:
        raise ValidationFailed.for_field(
            "decided_by",
            "you gave the stage 1 outcome; the stage 2 review is by another, more senior person",
        )
    assert complaint.escalated_on is not None  # noqa: S101 - set by the earlier stage
    assert decided_on is not None  # noqa: S101 - checked above
    assert complaint.stage_1_decided_by_id is not None  # noqa: S101 - stage 1 decided
    if decided_on < complaint.escalated_on:
        raise ValidationFailed.for_field(
            "decided_on", f"is before the escalation to stage 2 ({complaint.escalated_on:%d %b %Y})"
        )
    claim_event_record(
        actor=actor,
        claim=complaint.claim,
        kind=EventKind.COMPLAINT_FINAL_DECIDED,
        payload={
            "complaint_id": complaint.pk,
            "received_seq": complaint.received_seq,
            "decided_on": decided_on,
            "decision": decision,
            "decided_by_id": actor.pk,
            "decided_by_name": user_name(actor),
            "stage_1_decided_by_id": complaint.stage_1_decided_by_id,
        },
    )
    complaint.status = ComplaintStatus.FINAL_DECIDED
    complaint.final_decision = decision
    complaint.final_decided_on = decided_on
    complaint.final_decided_by = actor
    complaint.updated_at = clock.now()
    complaint.save()
    return complaint


@transaction.atomic
def complaint_refer(
    *,
    actor: User,
    complaint: Complaint,
    body: str,
    referred_on: dt.date | None,
    reference: str = "",
    note: str = "",
) -> Complaint:
    """Stage 3: the complainant referred the complaint to IRO or SIRA. Appends ``complaint.referred``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``body``, ``referred_on``, ``reference``, ``note`` or ``status``
            (no final decision yet).
    """
    _require_handles(actor, complaint.claim)
    errors = ErrorCollector()
    if body not in ExternalBody.values:
        errors.add("body", f"must be one of {', '.join(ExternalBody.values)}")
    if referred_on is None:
        errors.add("referred_on", "give the date")
    elif referred_on > claim_today(complaint.claim):
        errors.add("referred_on", "is in the future")
    reference = _text(errors, "reference", reference, limit=100)
    note = _text(errors, "note", note, limit=2000)
    errors.raise_if_any("The referral was not recorded.")
    complaint = _locked(complaint)
    _require_status(complaint, ComplaintStatus.FINAL_DECIDED, "record a stage 3 referral")
    assert complaint.final_decided_on is not None  # noqa: S101 - set by the earlier stage
    assert referred_on is not None  # noqa: S101 - checked above
    if referred_on < complaint.final_decided_on:
        raise ValidationFailed.for_field(
            "referred_on", f"is before the final decision ({complaint.final_decided_on:%d %b %Y})"
        )
    claim_event_record(
        actor=actor,
        claim=complaint.claim,
        kind=EventKind.COMPLAINT_REFERRED,
        payload={
            "complaint_id": complaint.pk,
            "received_seq": complaint.received_seq,
            "body": body,
            "referred_on": referred_on,
            "reference": reference,
            "note": note,
        },
    )
    complaint.status = ComplaintStatus.REFERRED
    complaint.external_body = body
    complaint.referred_on = referred_on
    complaint.external_reference = reference
    complaint.updated_at = clock.now()
    complaint.save()
    return complaint
