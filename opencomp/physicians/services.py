"""Writes of physicians and examinations; each appends its claim event in the same transaction.

- ``treating_doctor_designate``: the claim's first treating doctor (``treating_doctor.changed``).
- ``physician_change_request``: the worker asks to change treating doctor (``request.received``,
  subject ``physician_change``). In Colorado the pack's rule ``co.physician_change_response``
  puts the answer in the diary 20 days out; its due date is also the day after which an
  unanswered request is deemed approved (seed 003: "Approval will be automatic if the claims
  administrator fails to respond within 20 days"). NSW needs the worker's reasons (seed 004).
- ``physician_change_decide``: approve or decline with reasons (``request.decided``); approval
  switches the treating doctor, the history kept.
- ``physician_changes_deem_approved``: the sweep that approves, as "deemed approved", every
  change request still unanswered after its due date (one query finds them; idempotent).
- ``mmi_record``: maximum medical improvement (``mmi.recorded``; payment schedules stop on it).
- ``impairment_rate``: a PPD (US) or WPI (NSW) rating (``impairment.rated``, this service only).
- ``ime_refer`` / ``ime_outcome_record``: an IME appointment (``schedule.recorded``, subject
  ``ime``: the NSW notice clock counts back from it) and whether it was attended.
- ``imc_refer`` / ``imc_outcome_record``: an injury management consultant referral (seed 004).

Bad input raises ``ValidationFailed`` naming every bad field, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Exists, OuterRef

from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.enums import ActivityParty, EventKind, RequestSubject, ScheduleSubject, Sensitivity
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector, ValidationFailed
from opencomp.deadlines.models import Obligation, ObligationStatus
from opencomp.documents.enums import DocumentCategory
from opencomp.documents.models import ClaimDocument
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.jurisdictions.rulepack import pack_for
from opencomp.parties.models import Provider
from opencomp.physicians.access import user_can_manage_physicians
from opencomp.physicians.enums import (
    CHANGE_NEEDS_REASONS,
    DEEMED_APPROVAL_RULES,
    IME_NOTICE_RULE,
    ChangeDecision,
    ChangeStatus,
    HowChosen,
    ImcStatus,
    ImeOutcome,
    ImeStatus,
    RatingBasis,
    RatingKind,
)
from opencomp.physicians.models import (
    ImcReferral,
    ImeReferral,
    ImpairmentRating,
    PhysicianChangeRequest,
    TreatingDoctor,
)

NAME_LIMIT = 200
SHORT_LIMIT = 100
PLACE_LIMIT = 300
TEXT_LIMIT = 2000
#: The reason recorded on a change request approved by the sweep.
DEEMED_REASON = "deemed approved"


def _require_manages(actor: User, claim: Claim) -> None:
    require(
        user_can_manage_physicians(actor, claim),
        "Only those who work the claim record treating doctors, examinations and ratings.",
    )


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _name(errors: ErrorCollector, name: str, value: str, *, what: str, limit: int = NAME_LIMIT) -> str:
    value = _text(value)
    if not value:
        errors.add(name, f"give {what}")
    elif len(value) > limit:
        errors.add(name, f"must be at most {limit} characters")
    return value


def _long(errors: ErrorCollector, name: str, value: str, *, what: str = "", required: bool = True) -> str:
    value = (value or "").strip()
    if not value and required:
        errors.add(name, f"give {what}")
    elif len(value) > TEXT_LIMIT:
        errors.add(name, f"must be at most {TEXT_LIMIT} characters")
    return value


def _past_date(
    errors: ErrorCollector, name: str, value: dt.date | None, *, claim: Claim, what: str
) -> dt.date | None:
    """A required date that has happened, on or after the injury date."""
    if value is None:
        errors.add(name, f"give the date {what}")
        return None
    if value > claim_today(claim):
        errors.add(name, "is in the future")
        return None
    if value < claim.injury_date:
        errors.add(name, f"is before the injury date ({_fmt(claim.injury_date)})")
        return None
    return value


def _document(
    errors: ErrorCollector, name: str, document: ClaimDocument | None, *, claim: Claim, categories: set[str]
) -> None:
    if document is None:
        return
    if document.claim_id != claim.pk:
        errors.add(name, "is a document of another claim")
    elif document.category not in categories:
        allowed = ", ".join(sorted(DocumentCategory(c).label.lower() for c in categories))
        errors.add(name, f"must be filed as: {allowed}")


def _check_event(event: ClaimEvent, expected: int, what: str) -> None:
    if event.seq != expected:  # the log and the row must agree (the claim is locked)
        raise RuntimeError(f"{what} expected event {expected}, got {event.seq}")


# --- the treating doctor ---------------------------------------------------------------------


def current_treating_doctor(claim: Claim) -> TreatingDoctor | None:
    return TreatingDoctor.objects.filter(claim=claim, to_date__isnull=True).first()


def _switch_doctor(
    *,
    actor: User | None,
    claim: Claim,
    doctor_name: str,
    practice_name: str,
    provider: Provider | None,
    from_date: dt.date,
    how_chosen: str,
    change: PhysicianChangeRequest | None,
) -> TreatingDoctor:
    """Close the current spell the day before ``from_date`` and open the new one (claim locked)."""
    claim = claim_lock(claim)  # fresh: an event may have been appended since the caller read it
    current = TreatingDoctor.objects.select_for_update().filter(claim=claim, to_date__isnull=True).first()
    previous_name = ""
    if current is not None:
        current.to_date = max(from_date - dt.timedelta(days=1), current.from_date)
        current.save(update_fields=["to_date"])
        previous_name = current.doctor_name
    spell = TreatingDoctor.objects.create(
        claim=claim,
        provider=provider,
        doctor_name=doctor_name,
        practice_name=practice_name,
        from_date=from_date,
        how_chosen=how_chosen,
        change_request=change,
        recorded_seq=claim.last_event_seq + 1,
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.TREATING_DOCTOR_CHANGED,
        payload={
            "treating_doctor_id": spell.pk,
            "doctor_name": doctor_name,
            "practice_name": practice_name,
            "from_date": from_date.isoformat(),
            "how_chosen": how_chosen,
            "previous_doctor_name": previous_name,
            "change_request_seq": change.received_seq if change is not None else None,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    _check_event(event, spell.recorded_seq, f"treating doctor {spell.pk}")
    return spell


@transaction.atomic
def treating_doctor_designate(
    *,
    actor: User,
    claim: Claim,
    doctor_name: str = "",
    provider: Provider | None = None,
    practice_name: str = "",
    from_date: dt.date | None,
    how_chosen: str,
) -> TreatingDoctor:
    """Record the claim's first treating doctor; appends ``treating_doctor.changed``.

    ``how_chosen``: ``designated`` (CO: by the employer at the time of injury), ``worker_choice``
    (CO: no designation made) or ``nominated`` (NSW: the worker's nominated treating doctor).
    A later doctor comes only through a change request.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``treating_doctor`` (one is already recorded), ``doctor_name``,
            ``practice_name``, ``from_date`` or ``how_chosen``; nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    current = current_treating_doctor(claim)
    if current is not None:
        errors.add(
            "treating_doctor",
            f"{current.doctor_name} is already the treating doctor: record a change request instead",
        )
    name = _name(
        errors,
        "doctor_name",
        doctor_name or (provider.name if provider is not None else ""),
        what="the doctor's name",
    )
    practice = _text(practice_name) or (provider.practice_name if provider is not None else "")
    if len(practice) > NAME_LIMIT:
        errors.add("practice_name", f"must be at most {NAME_LIMIT} characters")
    allowed = (
        {HowChosen.NOMINATED}
        if claim.jurisdiction in CHANGE_NEEDS_REASONS
        else {HowChosen.DESIGNATED, HowChosen.WORKER_CHOICE}
    )
    if how_chosen not in allowed:
        errors.add("how_chosen", f"choose one of: {', '.join(sorted(allowed))}")
    start = _past_date(errors, "from_date", from_date, claim=claim, what="the doctor started treating")
    errors.raise_if_any("The treating doctor was not recorded.")
    assert start is not None  # noqa: S101
    claim = claim_lock(claim)
    return _switch_doctor(
        actor=actor,
        claim=claim,
        doctor_name=name,
        practice_name=practice,
        provider=provider,
        from_date=start,
        how_chosen=how_chosen,
        change=None,
    )


# --- change requests -------------------------------------------------------------------------


def _deemed_obligation(claim: Claim, seq: int) -> Obligation | None:
    return (
        Obligation.objects.filter(claim=claim, trigger_seq=seq, rule_id__in=sorted(DEEMED_APPROVAL_RULES))
        .order_by("due_date")
        .first()
    )


@transaction.atomic
def physician_change_request(
    *,
    actor: User,
    claim: Claim,
    doctor_name: str = "",
    provider: Provider | None = None,
    practice_name: str = "",
    reasons: str = "",
    received_on: dt.date | None,
) -> PhysicianChangeRequest:
    """Record the worker's request to change treating doctor; appends ``request.received``.

    NSW: the worker must give reasons (seed 004). Colorado: the pack's 20-day answer clock starts
    on ``received_on``, and its due date is kept as the day after which the request is deemed
    approved if still unanswered (seed 003).

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``treating_doctor`` (none recorded yet), ``status`` (a change
            request is already waiting), ``doctor_name``, ``practice_name``, ``reasons`` or
            ``received_on``; nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    current = current_treating_doctor(claim)
    if current is None:
        errors.add("treating_doctor", "record the first treating doctor before a change")
    if PhysicianChangeRequest.objects.filter(claim=claim, status=ChangeStatus.PENDING).exists():
        errors.add("status", "a change request is already waiting for an answer")
    name = _name(
        errors,
        "doctor_name",
        doctor_name or (provider.name if provider is not None else ""),
        what="the doctor the worker wants to change to",
    )
    if current is not None and name and name.casefold() == current.doctor_name.casefold():
        errors.add("doctor_name", f"{current.doctor_name} is already the treating doctor")
    practice = _text(practice_name) or (provider.practice_name if provider is not None else "")
    if len(practice) > NAME_LIMIT:
        errors.add("practice_name", f"must be at most {NAME_LIMIT} characters")
    needs_reasons = claim.jurisdiction in CHANGE_NEEDS_REASONS
    reasons = _long(
        errors,
        "reasons",
        reasons,
        what="the worker's reasons for the change (a nominated treating doctor is changed only with reasons)",
        required=needs_reasons,
    )
    received = _past_date(errors, "received_on", received_on, claim=claim, what="the request was received")
    errors.raise_if_any("The change request was not recorded.")
    assert received is not None  # noqa: S101
    claim = claim_lock(claim)
    change = PhysicianChangeRequest.objects.create(
        claim=claim,
        provider=provider,
        doctor_name=name,
        practice_name=practice,
        reasons=reasons,
        received_on=received,
        received_seq=claim.last_event_seq + 1,
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    description = f"Change of treating doctor to {name}" + (f" ({practice})" if practice else "")
    if reasons:
        description += f": {reasons}"
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.REQUEST_RECEIVED,
        payload={
            "subject": RequestSubject.PHYSICIAN_CHANGE,
            "received_on": received.isoformat(),
            "from_party": ActivityParty.WORKER,
            "description": description[:TEXT_LIMIT],
            "physician_change_id": change.pk,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    _check_event(event, change.received_seq, f"physician change {change.pk}")
    obligation = _deemed_obligation(claim, event.seq)  # the diary item the event just opened
    if obligation is not None:
        change.due_on = obligation.due_date
        change.deemed_rule = obligation.rule_id
        change.deemed_citation = obligation.citation[:400]
        change.save(update_fields=["due_on", "deemed_rule", "deemed_citation"])
    return change


def _decide(
    *,
    actor: User | None,
    claim: Claim,
    change: PhysicianChangeRequest,
    decision: str,
    reasons: str,
    effective: dt.date,
    deemed: bool,
) -> PhysicianChangeRequest:
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.REQUEST_DECIDED,
        payload={
            "request_seq": change.received_seq,
            "decision": decision,
            "reason": reasons,
            "physician_change_id": change.pk,
            "deemed": True if deemed else None,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    if decision == ChangeDecision.APPROVED:
        change.status = ChangeStatus.DEEMED_APPROVED if deemed else ChangeStatus.APPROVED
    else:
        change.status = ChangeStatus.DECLINED
    change.decision_reasons = reasons
    change.decided_seq = event.seq
    change.decided_at = event.recorded_at
    change.decided_by = actor
    change.save(update_fields=["status", "decision_reasons", "decided_seq", "decided_at", "decided_by"])
    if decision == ChangeDecision.APPROVED:
        _switch_doctor(
            actor=actor,
            claim=claim,
            doctor_name=change.doctor_name,
            practice_name=change.practice_name,
            provider=change.provider,
            from_date=effective,
            how_chosen=HowChosen.CHANGE_DEEMED_APPROVED if deemed else HowChosen.CHANGE_APPROVED,
            change=change,
        )
    return change


@transaction.atomic
def physician_change_decide(
    *,
    actor: User,
    change: PhysicianChangeRequest,
    decision: str,
    reasons: str,
    effective_on: dt.date | None = None,
) -> PhysicianChangeRequest:
    """Approve or decline a change request, with reasons; appends ``request.decided``.

    Approval makes the requested doctor the treating doctor from ``effective_on`` (default: the
    claim's today), closing the current one the day before; the history is kept.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``status`` (already answered), ``decision``, ``reasons`` or
            ``effective_on``; nothing is written.
    """
    _require_manages(actor, change.claim)
    claim = claim_lock(change.claim)
    change = PhysicianChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.PENDING:
        raise ValidationFailed.for_field("status", f"was already {change.get_status_display().lower()}")
    errors = ErrorCollector()
    if decision not in ChangeDecision.values:
        errors.add("decision", f"choose one of: {', '.join(ChangeDecision.values)}")
    reasons = _long(errors, "reasons", reasons, what="the reasons for the decision")
    effective = effective_on or claim_today(claim)
    current = current_treating_doctor(claim)
    if decision == ChangeDecision.APPROVED:
        if effective < change.received_on:
            errors.add("effective_on", f"is before the request was received ({_fmt(change.received_on)})")
        elif current is not None and effective <= current.from_date:
            errors.add(
                "effective_on", f"must be after {current.doctor_name} started ({_fmt(current.from_date)})"
            )
        elif effective > claim_today(claim) + dt.timedelta(days=366):
            errors.add("effective_on", "is more than a year ahead")
    errors.raise_if_any("The change request was not decided.")
    return _decide(
        actor=actor,
        claim=claim,
        change=change,
        decision=decision,
        reasons=reasons,
        effective=effective,
        deemed=False,
    )


@dataclass(frozen=True)
class SweepResult:
    as_of: dt.date
    approved: tuple[PhysicianChangeRequest, ...]


def physician_changes_due_for_deemed_approval(*, as_of: dt.date) -> list[int]:
    """Ids of change requests unanswered after their due date: one query over the whole book.

    Unanswered means pending here and its diary item still open: an answer appended to the log
    directly (a ``request.decided`` naming the request) satisfies the item, and a waived item
    (excused, with its reason) is not deemed approved either.
    """
    open_item = Obligation.objects.filter(
        claim_id=OuterRef("claim_id"),
        trigger_seq=OuterRef("received_seq"),
        rule_id=OuterRef("deemed_rule"),
        status=ObligationStatus.OPEN,
    )
    return list(
        PhysicianChangeRequest.objects.filter(status=ChangeStatus.PENDING, due_on__lt=as_of)
        .filter(Exists(open_item))
        .order_by("due_on", "pk")
        .values_list("pk", flat=True)
    )


def physician_changes_deem_approved(*, as_of: dt.date) -> SweepResult:
    """Approve, as deemed approved, every change request still unanswered after its due date.

    The due date is the pack rule's (``co.physician_change_response``: 20 days from receipt,
    seed 003); a request answered on its due date is in time. Each approval is its own
    transaction (``request.decided`` with reason "deemed approved", then the new treating
    doctor from the day after the due date). A request is never deemed approved before its due date
    has passed in the claim's own time zone, whatever ``as_of`` says. A second run with the same date
    approves nothing.
    """
    approved: list[PhysicianChangeRequest] = []
    for pk in physician_changes_due_for_deemed_approval(as_of=as_of):
        with transaction.atomic():
            change = PhysicianChangeRequest.objects.select_related("claim").get(pk=pk)
            claim = claim_lock(change.claim)
            change = PhysicianChangeRequest.objects.select_for_update().get(pk=pk)
            if change.status != ChangeStatus.PENDING or change.due_on is None:
                continue  # answered meanwhile
            if change.due_on >= min(as_of, claim_today(claim)):
                continue  # not yet past its due date in the claim's own time zone
            reason = (
                f"{DEEMED_REASON}: no answer by {_fmt(change.due_on)} "
                f"({change.deemed_citation or change.deemed_rule})"
            )
            effective = change.due_on + dt.timedelta(days=1)
            current = current_treating_doctor(claim)
            if current is not None and effective <= current.from_date:
                effective = current.from_date + dt.timedelta(days=1)
            approved.append(
                _decide(
                    actor=None,
                    claim=claim,
                    change=change,
                    decision=ChangeDecision.APPROVED,
                    reasons=reason[:TEXT_LIMIT],
                    effective=effective,
                    deemed=True,
                )
            )
    return SweepResult(as_of=as_of, approved=tuple(approved))


# --- MMI and impairment ----------------------------------------------------------------------


@transaction.atomic
def mmi_record(
    *,
    actor: User,
    claim: Claim,
    mmi_date: dt.date | None,
    physician_name: str = "",
    report: ClaimDocument | None = None,
    note: str = "",
) -> ClaimEvent:
    """Record maximum medical improvement; appends ``mmi.recorded`` (payment schedules stop on it).

    ``physician_name`` defaults to the current treating doctor; ``report`` (a medical or IME report
    of the claim) is named in the note.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``mmi_date``, ``physician_name``, ``report`` or ``note``.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    day = _past_date(errors, "mmi_date", mmi_date, claim=claim, what="of maximum medical improvement")
    current = current_treating_doctor(claim)
    name = _name(
        errors,
        "physician_name",
        physician_name or (current.doctor_name if current is not None else ""),
        what="the physician who found MMI",
    )
    _document(
        errors,
        "report",
        report,
        claim=claim,
        categories={DocumentCategory.MEDICAL_REPORT, DocumentCategory.IME_REPORT},
    )
    note = _long(errors, "note", note, required=False)
    errors.raise_if_any("MMI was not recorded.")
    assert day is not None  # noqa: S101
    if report is not None:
        note = f"{note} (report: document {report.pk}, {report.title})".strip()[:TEXT_LIMIT]
    return claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.MMI_RECORDED,
        payload={"mmi_date": day.isoformat(), "provider_name": name, "note": note},
        sensitivity=Sensitivity.MEDICAL,
    )


def rating_kind_for(claim: Claim) -> str:
    """WPI on Australian claims (NSW), PPD on US claims."""
    return RatingKind.WPI if JURISDICTIONS[claim.jurisdiction].country == "AU" else RatingKind.PPD


@transaction.atomic
def impairment_rate(
    *,
    actor: User,
    claim: Claim,
    percent: Decimal | str | None,
    rater_name: str,
    rated_on: dt.date | None,
    basis: str = RatingBasis.WHOLE_PERSON,
    body_part: str = "",
    report: ClaimDocument | None = None,
    note: str = "",
) -> ImpairmentRating:
    """Record a permanent impairment rating; appends ``impairment.rated`` (only this service does).

    The kind follows the claim: WPI (NSW, always whole person) or PPD (US; ``scheduled`` with
    its ``body_part``, or ``whole_person``). The latest rating is the benefits' default
    (``physicians.selectors.impairment_current``).

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``percent``, ``basis``, ``body_part``, ``rater_name``,
            ``rated_on``, ``report`` or ``note``; nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    kind = rating_kind_for(claim)
    value: Decimal | None = None
    if percent is None or percent == "" or isinstance(percent, float | bool):
        errors.add("percent", "give the rating as a percentage such as 12 or 12.5")
    else:
        try:
            value = Decimal(str(percent).strip())
        except InvalidOperation:
            errors.add("percent", "give the rating as a percentage such as 12 or 12.5")
        else:
            if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
                errors.add("percent", "must be a percentage from 0 to 100")
                value = None
            elif value != value.quantize(Decimal("0.01")):
                errors.add("percent", "give at most two decimal places")
                value = None
    if basis not in RatingBasis.values:
        errors.add("basis", f"choose one of: {', '.join(RatingBasis.values)}")
    elif kind == RatingKind.WPI and basis != RatingBasis.WHOLE_PERSON:
        errors.add("basis", "a whole person impairment (WPI) rating is of the whole person")
    part = _text(body_part)
    if basis == RatingBasis.SCHEDULED and not part:
        errors.add("body_part", "name the scheduled body part rated")
    elif len(part) > NAME_LIMIT:
        errors.add("body_part", f"must be at most {NAME_LIMIT} characters")
    rater = _name(errors, "rater_name", rater_name, what="who rated the impairment")
    rated = _past_date(errors, "rated_on", rated_on, claim=claim, what="of the rating")
    _document(
        errors,
        "report",
        report,
        claim=claim,
        categories={DocumentCategory.MEDICAL_REPORT, DocumentCategory.IME_REPORT},
    )
    note = _long(errors, "note", note, required=False)
    errors.raise_if_any("The impairment rating was not recorded.")
    assert value is not None  # noqa: S101
    assert rated is not None  # noqa: S101
    claim = claim_lock(claim)
    rating = ImpairmentRating.objects.create(
        claim=claim,
        kind=kind,
        percent=value,
        basis=basis,
        body_part=part,
        rater_name=rater,
        rated_on=rated,
        report=report,
        note=note,
        recorded_seq=claim.last_event_seq + 1,
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.IMPAIRMENT_RATED,
        payload={
            "rating_id": rating.pk,
            "kind": kind,
            "percent": str(value),
            "basis": basis,
            "body_part": part,
            "rater_name": rater,
            "rated_on": rated.isoformat(),
            "document_id": report.pk if report is not None else None,
            "note": note,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    _check_event(event, rating.recorded_seq, f"impairment rating {rating.pk}")
    return rating


# --- IME referrals ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticePeriod:
    """The least notice of an IME appointment the jurisdiction asks for, with its source."""

    days: int
    text: str
    citation: str


def ime_notice_period(jurisdiction: str) -> NoticePeriod | None:
    """From the pack's rule ``nsw.ime_notice`` (seed 004: two weeks); ``None`` where no pack has one."""
    try:
        rule = pack_for(jurisdiction).rule(IME_NOTICE_RULE)
    except KeyError:
        return None
    unit_days = {"calendar_days": 1, "weeks": 7}.get(rule.due.unit)
    if unit_days is None:  # a business-day or hourly notice would need the calendar; none is held
        raise RuntimeError(f"{IME_NOTICE_RULE}: notice in {rule.due.unit} is not supported here")
    return NoticePeriod(rule.due.amount * unit_days, rule.due.describe(), rule.source.citation)


#: Why a repeat IME for the same injury may go to another doctor (seed 004, Independent medical
#: examinations: "unless this doctor is no longer consulting in a location convenient to the
#: worker, or they are no longer performing IMEs").
DIFFERENT_DOCTOR_REASONS = {
    "location_not_convenient": "The original doctor no longer consults where it is convenient for the worker",
    "no_longer_performing_imes": "The original doctor no longer performs IMEs",
}


@transaction.atomic
def ime_refer(
    *,
    actor: User,
    claim: Claim,
    doctor_name: str = "",
    provider: Provider | None = None,
    specialty: str,
    purpose: str,
    appointment_at: dt.datetime | None,
    place: str,
    notice_given_on: dt.date | None,
    shorter_notice_agreed: bool = False,
    shorter_notice_note: str = "",
    different_doctor_reason: str = "",
) -> ImeReferral:
    """Refer the worker to an IME; appends ``schedule.recorded`` (subject ``ime``).

    The appointment must be at least the jurisdiction's notice period after the worker was told
    (NSW: two weeks, rule ``nsw.ime_notice`` from seed 004) unless the worker agreed to shorter
    notice (recorded, with a note). A repeat IME for the same injury goes to the doctor of the
    original IME unless a reason of ``DIFFERENT_DOCTOR_REASONS`` is given (seed 004).

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``doctor_name``, ``specialty``, ``purpose``, ``appointment_at``,
            ``place``, ``notice_given_on``, ``shorter_notice_note`` or ``different_doctor_reason``;
            nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    name = _name(
        errors,
        "doctor_name",
        doctor_name or (provider.name if provider is not None else ""),
        what="the examining doctor's name",
    )
    spec = _name(
        errors,
        "specialty",
        specialty or (provider.specialty if provider is not None else ""),
        what="the doctor's specialty",
        limit=SHORT_LIMIT,
    )
    purpose = _long(errors, "purpose", purpose, what="the purpose of the examination (the questions asked)")
    where = _name(errors, "place", place, what="where the examination is", limit=PLACE_LIMIT)
    notice = _past_date(errors, "notice_given_on", notice_given_on, claim=claim, what="the worker was told")
    today = claim_today(claim)
    if appointment_at is None:
        errors.add("appointment_at", "give the appointment's date and time")
    elif appointment_at.tzinfo is None:
        errors.add("appointment_at", "give the time with its time zone")
    elif notice is not None and appointment_at.date() <= notice:
        errors.add("appointment_at", f"must be after the worker was told ({_fmt(notice)})")
    elif appointment_at.date() < today:
        errors.add("appointment_at", "is in the past: record the IME before it happens")
    note = _text(shorter_notice_note)
    period = ime_notice_period(claim.jurisdiction)
    if period is not None and appointment_at is not None and notice is not None:
        gap = (appointment_at.date() - notice).days
        if gap < period.days and not shorter_notice_agreed:
            errors.add(
                "appointment_at",
                f"gives {gap} days' notice: at least {period.text} are needed "
                f"({period.citation}) unless the worker agrees to shorter notice",
            )
    if shorter_notice_agreed and not note:
        errors.add("shorter_notice_note", "say when and how the worker agreed to shorter notice")
    elif len(note) > 500:
        errors.add("shorter_notice_note", "must be at most 500 characters")
    original = (
        ImeReferral.objects.filter(claim=claim, previous__isnull=True)
        .exclude(status=ImeStatus.CANCELLED)
        .order_by("appointment_at", "pk")
        .first()
    )
    reason = different_doctor_reason or ""
    if reason and reason not in DIFFERENT_DOCTOR_REASONS:
        errors.add("different_doctor_reason", f"choose one of: {', '.join(DIFFERENT_DOCTOR_REASONS)}")
    if original is not None and name:
        same = name.casefold() == original.doctor_name.casefold() or (
            provider is not None and provider.pk == original.provider_id
        )
        if same and reason:
            errors.add("different_doctor_reason", "leave empty: this is the original IME's doctor")
        elif not same and not reason:
            errors.add(
                "doctor_name",
                f"a repeat IME for the same injury goes to {original.doctor_name}, who did the original "
                "(seed 004), unless they no longer consult in a location convenient to the worker or no "
                "longer perform IMEs: give that reason",
            )
    elif original is None and reason:
        errors.add("different_doctor_reason", "only a repeat IME needs a reason for another doctor")
    errors.raise_if_any("The IME referral was not recorded.")
    assert appointment_at is not None  # noqa: S101
    assert notice is not None  # noqa: S101
    claim = claim_lock(claim)
    referral = ImeReferral.objects.create(
        claim=claim,
        provider=provider,
        doctor_name=name,
        specialty=spec,
        purpose=purpose,
        appointment_at=appointment_at,
        place=where,
        notice_given_on=notice,
        shorter_notice_agreed=shorter_notice_agreed,
        shorter_notice_note=note if shorter_notice_agreed else "",
        previous=original,
        different_doctor_reason=reason,
        scheduled_seq=claim.last_event_seq + 1,
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    details = f"IME with {name} ({spec}) at {where}, {appointment_at:%H:%M}; worker told {_fmt(notice)}"
    if shorter_notice_agreed:
        details += f"; shorter notice agreed: {note}"
    if reason:
        details += f"; another doctor than the original IME's: {DIFFERENT_DOCTOR_REASONS[reason]}"
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.SCHEDULE_RECORDED,
        payload={
            "subject": ScheduleSubject.IME,
            "on": appointment_at.date().isoformat(),
            "details": details[:TEXT_LIMIT],
            "ime_referral_id": referral.pk,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    _check_event(event, referral.scheduled_seq, f"IME referral {referral.pk}")
    return referral


@transaction.atomic
def ime_outcome_record(
    *,
    actor: User,
    referral: ImeReferral,
    outcome: str,
    on: dt.date | None = None,
    report: ClaimDocument | None = None,
    note: str = "",
) -> ImeReferral:
    """Record that the IME was attended, not attended or cancelled; appends ``ime.outcome_recorded``.

    The IME report is a claim document filed as ``ime_report`` (restricted: read only by those
    entitled to the claim's medical detail; an employer never without the worker's consent).

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``status`` (already recorded), ``outcome``, ``on``, ``report`` or
            ``note``; nothing is written.
    """
    _require_manages(actor, referral.claim)
    claim = claim_lock(referral.claim)
    referral = ImeReferral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != ImeStatus.SCHEDULED:
        raise ValidationFailed.for_field("status", f"was already {referral.get_status_display().lower()}")
    errors = ErrorCollector()
    if outcome not in ImeOutcome.values:
        errors.add("outcome", f"choose one of: {', '.join(ImeOutcome.values)}")
    day = on or claim_today(claim)
    if day > claim_today(claim):
        errors.add("on", "is in the future")
    elif outcome != ImeOutcome.CANCELLED and day < referral.appointment_at.date():
        errors.add("on", f"is before the appointment ({_fmt(referral.appointment_at.date())})")
    if report is not None and outcome != ImeOutcome.ATTENDED:
        errors.add("report", "an IME report comes only from an attended examination")
    _document(errors, "report", report, claim=claim, categories={DocumentCategory.IME_REPORT})
    note = _long(errors, "note", note, what="why it was cancelled", required=outcome == ImeOutcome.CANCELLED)
    errors.raise_if_any("The IME outcome was not recorded.")
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.IME_OUTCOME_RECORDED,
        payload={
            "ime_referral_id": referral.pk,
            "schedule_seq": referral.scheduled_seq,
            "outcome": outcome,
            "on": day.isoformat(),
            "report_document_id": report.pk if report is not None else None,
            "note": note,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    referral.status = outcome
    referral.outcome_seq = event.seq
    referral.outcome_on = day
    referral.outcome_note = note
    referral.report = report
    referral.save(update_fields=["status", "outcome_seq", "outcome_on", "outcome_note", "report"])
    return referral


# --- injury management consultants -----------------------------------------------------------


@transaction.atomic
def imc_refer(
    *,
    actor: User,
    claim: Claim,
    consultant_name: str,
    reason: str,
    referred_on: dt.date | None,
    worker_and_doctor_told: bool,
) -> ImcReferral:
    """Refer to an injury management consultant (seed 004); appends ``imc.referred``.

    Seed 004: before referring, the insurer contacts the worker and the nominated treating doctor
    to explain the purpose and the consultant's role; ``worker_and_doctor_told`` records that.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``consultant_name``, ``reason``, ``referred_on`` or
            ``worker_and_doctor_told``; nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    name = _name(errors, "consultant_name", consultant_name, what="the consultant's name")
    reason = _long(errors, "reason", reason, what="the reason for the referral")
    referred = _past_date(errors, "referred_on", referred_on, claim=claim, what="of the referral")
    if not worker_and_doctor_told:
        errors.add(
            "worker_and_doctor_told",
            "tell the worker and the nominated treating doctor of the referral's purpose first (seed 004)",
        )
    errors.raise_if_any("The referral was not recorded.")
    assert referred is not None  # noqa: S101
    claim = claim_lock(claim)
    referral = ImcReferral.objects.create(
        claim=claim,
        consultant_name=name,
        reason=reason,
        referred_on=referred,
        referred_seq=claim.last_event_seq + 1,
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.IMC_REFERRED,
        payload={
            "imc_referral_id": referral.pk,
            "consultant_name": name,
            "referred_on": referred.isoformat(),
            "reason": reason,
            "worker_and_doctor_told": True,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    _check_event(event, referral.referred_seq, f"IMC referral {referral.pk}")
    return referral


@transaction.atomic
def imc_outcome_record(
    *,
    actor: User,
    referral: ImcReferral,
    outcome: str,
    on: dt.date | None,
    report: ClaimDocument | None = None,
) -> ImcReferral:
    """Record the consultant's outcome; appends ``imc.outcome_recorded``.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``status``, ``outcome``, ``on`` or ``report``.
    """
    _require_manages(actor, referral.claim)
    claim = claim_lock(referral.claim)
    referral = ImcReferral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != ImcStatus.REFERRED:
        raise ValidationFailed.for_field("status", "the outcome was already recorded")
    errors = ErrorCollector()
    outcome = _long(errors, "outcome", outcome, what="the outcome")
    day = _past_date(errors, "on", on, claim=claim, what="of the outcome")
    if day is not None and day < referral.referred_on:
        errors.add("on", f"is before the referral ({_fmt(referral.referred_on)})")
    _document(
        errors,
        "report",
        report,
        claim=claim,
        categories={DocumentCategory.MEDICAL_REPORT, DocumentCategory.IME_REPORT},
    )
    errors.raise_if_any("The outcome was not recorded.")
    assert day is not None  # noqa: S101
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.IMC_OUTCOME_RECORDED,
        payload={
            "imc_referral_id": referral.pk,
            "referred_seq": referral.referred_seq,
            "on": day.isoformat(),
            "outcome": outcome,
            "report_document_id": report.pk if report is not None else None,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    referral.status = ImcStatus.COMPLETED
    referral.outcome = outcome
    referral.outcome_on = day
    referral.outcome_seq = event.seq
    referral.report = report
    referral.save(update_fields=["status", "outcome", "outcome_on", "outcome_seq", "report"])
    return referral
