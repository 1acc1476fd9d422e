"""Writes of the claims context.

Every change to a claim goes through one of these services. Each locks the claim
row, checks the actor's rights and the domain rules, appends exactly one event to
the claim's log and updates the projection on ``Claim``, all in one transaction.
A refused request raises an ``ApplicationError`` and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, models, transaction

from opencomp.accounts.enums import Role
from opencomp.accounts.models import Organisation, User
from opencomp.accounts.services import notification_queue
from opencomp.claims import hooks, lifecycle
from opencomp.claims.access import (
    require,
    user_can_assign_claim,
    user_can_open_claim,
    user_can_record_medical,
    user_can_work_claim,
    visible_sensitivities,
)
from opencomp.claims.enums import ClaimStatus, ClaimType, EventKind, ParticipantRole, Sensitivity
from opencomp.claims.events import (
    APPENDABLE_KINDS,
    DEFAULT_SENSITIVITY,
    REFERENCES,
    SERVICE_ONLY_FIELDS,
    validate_payload,
)
from opencomp.claims.models import (
    Claim,
    ClaimEvent,
    ClaimNumberSequence,
    ClaimParticipant,
    MedicalDetailRead,
)
from opencomp.claims.selectors import claim_today
from opencomp.core import clock
from opencomp.core.errors import Conflict, ErrorCollector, PermissionDenied, ValidationFailed
from opencomp.core.services import full_clean_or_raise
from opencomp.intake.enums import ReportStatus, body_part_with_side
from opencomp.intake.models import DrugAlcoholTest, InjuryReport
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.parties.models import Attorney, Employment, Establishment, Provider, Worker

#: Claim fields that ``claim_correct_details`` may change.
CORRECTABLE_FIELDS = (
    "injury_date",
    "injury_time",
    "employer_knowledge_date",
    "notification_date",
    "nature_of_injury",
    "body_part",
    "description",
    "claim_type",
    "significant_injury",
    "fatal",
)


def _lock(claim: Claim) -> Claim:
    """Re-read the claim under a row lock (PostgreSQL); SQLite serialises writers itself."""
    return (
        Claim.objects.select_for_update(of=("self",))
        .select_related("employer", "administrator", "worker", "establishment", "assigned_adjuster")
        .get(pk=claim.pk)
    )


def claim_lock(claim: Claim) -> Claim:
    """The claim re-read under its row lock: for other contexts' services, before they read and write.

    What they read next (its events, ledger, decisions) cannot change before they commit.
    """
    return _lock(claim)


def _write_event(
    claim: Claim,
    *,
    seq: int,
    kind: str,
    payload: dict[str, Any],
    actor: User | None,
    occurred_at: dt.datetime | None,
    sensitivity: str,
    corrects: ClaimEvent | None,
) -> ClaimEvent:
    now = clock.now()
    return ClaimEvent.objects.create(
        claim=claim,
        seq=seq,
        kind=kind,
        occurred_at=occurred_at or now,
        recorded_at=now,
        actor=actor if actor is not None and actor.pk else None,
        payload=validate_payload(kind, payload),
        sensitivity=sensitivity,
        corrects=corrects,
    )


def _append(
    claim: Claim,
    *,
    kind: str,
    payload: dict[str, Any],
    actor: User | None,
    occurred_at: dt.datetime | None = None,
    sensitivity: str = Sensitivity.NORMAL,
    corrects: ClaimEvent | None = None,
) -> ClaimEvent:
    """Append one validated event to a locked claim and advance its sequence.

    The caller saves the claim afterwards (``last_event_seq`` and ``updated_at``).
    """
    claim.last_event_seq += 1
    event = _write_event(
        claim,
        seq=claim.last_event_seq,
        kind=kind,
        payload=payload,
        actor=actor,
        occurred_at=occurred_at,
        sensitivity=sensitivity,
        corrects=corrects,
    )
    claim.updated_at = event.recorded_at  # the claim changed at the instant its event was recorded
    return event


_NEXT_NUMBER_SQL = (
    "UPDATE claims_claimnumbersequence SET last = last + 1 "
    "WHERE jurisdiction = %s AND year = %s RETURNING last"
)


def claim_number_next(*, jurisdiction: str, year: int) -> str:
    """Issue the next claim number, ``<JUR>-<YY>-<NNNNNN>``, inside the caller's transaction.

    The counter row stays locked until the caller commits, so numbers are never reused;
    a rolled-back claim leaves no gap because its increment rolls back too.
    """
    with connection.cursor() as cursor:
        for _ in range(2):
            cursor.execute(_NEXT_NUMBER_SQL, [jurisdiction, year])
            row = cursor.fetchone()
            if row is not None:
                return f"{jurisdiction}-{year % 100:02d}-{row[0]:06d}"
            try:
                with transaction.atomic():
                    ClaimNumberSequence.objects.create(jurisdiction=jurisdiction, year=year, last=0)
            except IntegrityError:
                pass  # another transaction created the row first; increment theirs
    raise RuntimeError(f"could not issue a claim number for {jurisdiction} {year}")


def _require_can_open_claim(actor: User | None, administrator: Organisation) -> None:
    if actor is None:
        return  # system work (imports, demo book) runs without a person
    if not user_can_open_claim(actor, administrator):
        raise PermissionDenied(f"You may not open claims administered by {administrator.name}.")


@dataclass(frozen=True)
class ClaimDraft:
    """Everything needed to open a claim; validated by ``claim_create``."""

    jurisdiction: str
    employer: Organisation
    worker: Worker
    injury_date: dt.date
    employer_knowledge_date: dt.date
    claim_type: str
    nature_of_injury: str
    body_part: str
    description: str
    notification_date: dt.date | None = None
    administrator: Organisation | None = None
    establishment: Establishment | None = None
    employment: Employment | None = None
    injury_time: dt.time | None = None
    significant_injury: bool = False
    fatal: bool = False
    source_report: InjuryReport | None = None


def _validate_draft(draft: ClaimDraft, *, today: dt.date) -> tuple[Organisation, dt.date, Employment | None]:
    errors = ErrorCollector()
    if draft.jurisdiction not in JURISDICTIONS:
        errors.add(
            "jurisdiction",
            f"unknown jurisdiction {draft.jurisdiction!r}; known: {', '.join(sorted(JURISDICTIONS))}",
        )
    if not draft.employer.is_employer:
        errors.add("employer", f"{draft.employer.name} is not an employer")
    administrator = draft.administrator or draft.employer.claims_administrator_or_self()
    if not administrator.is_administrator:
        errors.add("administrator", f"{administrator.name} does not administer claims")
    if draft.claim_type not in ClaimType.values:
        errors.add("claim_type", f"must be one of {', '.join(ClaimType.values)}")
    notification_date = draft.notification_date or today
    for name, value in (
        ("injury_date", draft.injury_date),
        ("employer_knowledge_date", draft.employer_knowledge_date),
        ("notification_date", notification_date),
    ):
        if value > today:
            errors.add(name, "is in the future")
    if draft.employer_knowledge_date < draft.injury_date:
        errors.add("employer_knowledge_date", "is before the injury date")
    if notification_date < draft.injury_date:
        errors.add("notification_date", "is before the injury date")
    employment = draft.employment
    if employment is None:
        employment = (
            Employment.objects.filter(worker=draft.worker, employer=draft.employer)
            .select_related("establishment")
            .order_by("-hire_date")
            .first()
        )
        if employment is None:
            errors.add("worker", f"has no employment with {draft.employer.name}")
    elif employment.worker_id != draft.worker.pk or employment.employer_id != draft.employer.pk:
        errors.add("employment", "is not this worker's employment with this employer")
    if draft.establishment is not None and draft.establishment.organisation_id != draft.employer.pk:
        errors.add("establishment", "belongs to a different employer")
    for name in ("nature_of_injury", "body_part", "description"):
        if not str(getattr(draft, name)).strip():
            errors.add(name, "is required")
    errors.raise_if_any("The claim cannot be opened.")
    return administrator, notification_date, employment


_CLAIM_RELATIONS = [
    "number",
    "employer",
    "administrator",
    "worker",
    "employment",
    "establishment",
    "source_report",
    "assigned_adjuster",
]


@transaction.atomic
def claim_create(*, actor: User | None, draft: ClaimDraft) -> Claim:
    """Open a claim: assign its number and jurisdiction and start its event log."""
    now = clock.now()
    zone = JURISDICTIONS[draft.jurisdiction].time_zone if draft.jurisdiction in JURISDICTIONS else "UTC"
    administrator, notification_date, employment = _validate_draft(draft, today=clock.today_in(zone))
    _require_can_open_claim(actor, administrator)
    claim = Claim(
        number=claim_number_next(jurisdiction=draft.jurisdiction, year=notification_date.year),
        jurisdiction=draft.jurisdiction,
        employer=draft.employer,
        administrator=administrator,
        establishment=draft.establishment or (employment.establishment if employment else None),
        worker=draft.worker,
        employment=employment,
        source_report=draft.source_report,
        injury_date=draft.injury_date,
        injury_time=draft.injury_time,
        employer_knowledge_date=draft.employer_knowledge_date,
        notification_date=notification_date,
        claim_type=draft.claim_type,
        significant_injury=draft.significant_injury,
        fatal=draft.fatal,
        nature_of_injury=draft.nature_of_injury.strip(),
        body_part=draft.body_part.strip(),
        description=draft.description.strip(),
        status=ClaimStatus.REPORTED,
        status_changed_at=now,
        last_event_seq=1,
        created_at=now,
        updated_at=now,
    )
    # Related objects were checked by _validate_draft and the date rules there are the
    # table's check constraints, which the database enforces as well.
    full_clean_or_raise(claim, exclude=_CLAIM_RELATIONS, validate_constraints=False)
    claim.save(force_insert=True)
    event = _write_event(
        claim,
        seq=1,
        kind=EventKind.CLAIM_CREATED,
        payload={
            "jurisdiction": claim.jurisdiction,
            "claim_type": claim.claim_type,
            "employer_id": claim.employer_id,
            "worker_id": claim.worker_id,
            "injury_date": claim.injury_date,
            "notification_date": claim.notification_date,
            "source_report_id": draft.source_report.pk if draft.source_report else None,
        },
        actor=actor,
        occurred_at=None,
        sensitivity=Sensitivity.NORMAL,
        corrects=None,
    )
    hooks.event_appended(claim, event)
    return claim


@transaction.atomic
def claim_create_from_report(
    *,
    actor: User | None,
    report: InjuryReport,
    claim_type: str,
    significant_injury: bool = False,
    notification_date: dt.date | None = None,
    administrator: Organisation | None = None,
) -> Claim:
    """Turn a submitted injury report into a claim (the report is marked converted)."""
    report = InjuryReport.objects.select_for_update().select_related("employer", "worker").get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationFailed.for_field(
            "report",
            f"report {report.pk} is no longer awaiting a claim ({report.get_status_display().lower()})",
        )
    draft = ClaimDraft(
        jurisdiction=report.jurisdiction,
        employer=report.employer,
        worker=report.worker,
        injury_date=report.injury_date,
        injury_time=report.injury_time,
        employer_knowledge_date=report.reported_to_employer_on,
        notification_date=notification_date,
        claim_type=claim_type,
        significant_injury=significant_injury,
        nature_of_injury=report.nature_of_injury,
        body_part=body_part_with_side(report.body_part, report.body_side),
        description=report.how_it_happened,
        administrator=administrator,
        establishment=report.establishment,
        source_report=report,
    )
    claim = claim_create(actor=actor, draft=draft)
    report.status = ReportStatus.CONVERTED
    report.save(update_fields=["status"])
    test = DrugAlcoholTest.objects.filter(report=report).first()
    if test is not None:
        claim_test_attach(claim=claim, test=test)
    return claim


def _test_payload(test: DrugAlcoholTest) -> dict[str, Any]:
    return {
        "test_id": test.pk,
        "accident_at": test.accident_at,
        "reason": test.reason,
        "alcohol_tested_at": test.alcohol_tested_at,
        "drug_tested_at": test.drug_tested_at,
        "reason_not_tested": test.reason_not_tested,
    }


@transaction.atomic
def claim_test_attach(*, claim: Claim, test: DrugAlcoholTest) -> ClaimEvent:
    """Copy the report's post-accident test record onto the claim's log (the testing clocks read it)."""
    claim = _lock(claim)
    event = _append(
        claim,
        kind=EventKind.TEST_RECORDED,
        payload=_test_payload(test),
        actor=test.recorded_by,
        occurred_at=test.recorded_at,
    )
    claim.save(update_fields=["last_event_seq", "updated_at"])
    hooks.event_appended(claim, event)
    return event


def _on_test_recorded(sender: object, *, test: DrugAlcoholTest, **kwargs: object) -> None:
    """A test recorded after its report became a claim goes onto that claim's log."""
    claim = Claim.objects.filter(source_report_id=test.report_id).first()
    if claim is not None:
        claim_test_attach(claim=claim, test=test)


def claim_events_append_bulk(
    *,
    entries: list[tuple[Claim, str, dict[str, Any]]],
    occurred_at: dt.datetime | None = None,
    sensitivity: str = Sensitivity.NORMAL,
) -> list[ClaimEvent]:
    """Append many system events at once (sweeps); return them in the order given.

    The caller holds the row locks of every claim named (``select_for_update``) and
    keeps its own derived rows current: listeners are not called, which is what
    makes a sweep over the whole book a few statements per batch instead of a
    transaction per claim.
    """
    now = clock.now()
    events = []
    touched: dict[int, Claim] = {}
    for claim, kind, payload in entries:
        claim.last_event_seq += 1
        claim.updated_at = now
        touched[claim.pk] = claim
        events.append(
            ClaimEvent(
                claim=claim,
                seq=claim.last_event_seq,
                kind=kind,
                occurred_at=occurred_at or now,
                recorded_at=now,
                actor=None,
                payload=validate_payload(kind, payload),
                sensitivity=sensitivity,
            )
        )
    ClaimEvent.objects.bulk_create(events)
    Claim.objects.bulk_update(list(touched.values()), ["last_event_seq", "updated_at"])
    return events


@transaction.atomic
def claim_event_record(
    *,
    actor: User | None,
    claim: Claim,
    kind: str,
    payload: dict[str, Any],
    occurred_at: dt.datetime | None = None,
    sensitivity: str = Sensitivity.NORMAL,
    corrects: ClaimEvent | None = None,
) -> ClaimEvent:
    """Append an event another context's service writes (the diary's waivers).

    The calling service has checked the actor's rights; the payload is validated here.
    ``sensitivity`` hides the payload from those who may not read medical detail;
    ``corrects`` names the event of the claim this one corrects (same kind).
    """
    claim = _lock(claim)
    if corrects is not None:
        _check_correction(claim, kind, corrects)
    event = _append(
        claim,
        kind=kind,
        payload=payload,
        actor=actor,
        occurred_at=occurred_at,
        sensitivity=sensitivity,
        corrects=corrects,
    )
    claim.save(update_fields=["last_event_seq", "updated_at"])
    hooks.event_appended(claim, event)
    return event


@transaction.atomic
def claim_transition(
    *,
    actor: User | None,
    claim: Claim,
    to_status: str,
    reason: str = "",
    expected_status: str | None = None,
    occurred_at: dt.datetime | None = None,
) -> Claim:
    """Move a claim to another status along the lifecycle table; appends ``claim.status_changed``.

    ``expected_status``, when given, is the status the caller saw; if another user
    moved the claim meanwhile the request fails with ``Conflict`` instead of acting on
    a state the caller never saw.
    """
    if actor is not None:
        require(user_can_work_claim(actor, claim), "You may not change the status of this claim.")
    claim = _lock(claim)
    if expected_status is not None and claim.status != expected_status:
        raise Conflict(
            f"Claim {claim.number} is now '{claim.status}', not '{expected_status}'; reload and try again."
        )
    try:
        lifecycle.check_transition(claim.status, to_status)
    except lifecycle.IllegalTransition as exc:
        raise ValidationFailed.for_field("to_status", str(exc)) from None
    except ValueError as exc:
        raise ValidationFailed.for_field("to_status", str(exc)) from None
    reason = reason.strip()
    if to_status in lifecycle.REASON_REQUIRED and not reason:
        raise ValidationFailed.for_field(
            "reason", f"give a reason for moving the claim to {ClaimStatus(to_status).label.lower()}"
        )
    if occurred_at is not None and occurred_at > clock.now():
        raise ValidationFailed.for_field("occurred_at", "is in the future")
    event = _append(
        claim,
        kind=EventKind.STATUS_CHANGED,
        payload={"from_status": claim.status, "to_status": to_status, "reason": reason},
        actor=actor,
        occurred_at=occurred_at,
    )
    claim.status = to_status
    claim.status_changed_at = event.recorded_at  # the same instant as its event, not a second reading
    claim.save(update_fields=["status", "status_changed_at", "last_event_seq", "updated_at"])
    hooks.event_appended(claim, event)
    return claim


def _notify_assignment(claim: Claim, adjuster: User | None) -> list[str]:
    name = adjuster.get_full_name() if adjuster else "the claims team"
    contact = (adjuster.email if adjuster else "") or claim.administrator.email
    body = (
        f"Claim {claim.number} is now managed by {name}"
        + (f" ({contact})" if contact else "")
        + f", {claim.administrator.name}. Please direct questions about the claim to them."
    )
    subject = f"Your claims contact for claim {claim.number}"
    notified = []
    worker = claim.worker
    notification_queue(
        recipient_name=worker.full_name,
        recipient_address=worker.email,
        subject=subject,
        body=f"Dear {worker.given_name},\n\n{body}",
        claim_number=claim.number,
        channel="email" if worker.email else "letter",
    )
    notified.append("worker")
    employer = claim.employer
    notification_queue(
        recipient_name=employer.name,
        recipient_address=employer.email,
        subject=subject,
        body=f"To {employer.name},\n\n{body}",
        claim_number=claim.number,
        channel="email" if employer.email else "letter",
    )
    notified.append("employer")
    return notified


@transaction.atomic
def claim_assign(*, actor: User | None, claim: Claim, adjuster: User | None, reason: str = "") -> Claim:
    """Assign (or reassign, or unassign) the claim's adjuster; the worker and employer are notified."""
    if actor is not None:
        require(user_can_assign_claim(actor, claim), "Only a claims supervisor may assign this claim.")
    claim = _lock(claim)
    if adjuster is not None:
        if adjuster.role not in (Role.ADJUSTER, Role.SUPERVISOR) or not adjuster.is_active:
            raise ValidationFailed.for_field("adjuster", f"{adjuster} is not an active adjuster")
        if adjuster.organisation_id != claim.administrator_id:
            raise ValidationFailed.for_field(
                "adjuster", f"{adjuster} does not work for {claim.administrator.name}"
            )
    previous = claim.assigned_adjuster
    if (previous.pk if previous else None) == (adjuster.pk if adjuster else None):
        raise ValidationFailed.for_field("adjuster", "the claim is already assigned to them")
    notified = _notify_assignment(claim, adjuster)
    event = _append(
        claim,
        kind=EventKind.ASSIGNED,
        payload={
            "from_adjuster_id": previous.pk if previous else None,
            "from_adjuster_name": str(previous) if previous else "",
            "to_adjuster_id": adjuster.pk if adjuster else None,
            "to_adjuster_name": str(adjuster) if adjuster else "",
            "reason": reason.strip(),
            "notified": notified,
        },
        actor=actor,
    )
    claim.assigned_adjuster = adjuster
    claim.save(update_fields=["assigned_adjuster", "last_event_seq", "updated_at"])
    hooks.event_appended(claim, event)
    return claim


def _check_correction(claim: Claim, kind: str, corrects: ClaimEvent) -> None:
    if corrects.claim_id != claim.pk:
        raise ValidationFailed.for_field("corrects", "is an event of another claim")
    if corrects.kind != kind:
        raise ValidationFailed.for_field("corrects", f"is a {corrects.kind} event, not {kind}")
    if ClaimEvent.objects.filter(corrects=corrects).exists():
        raise ValidationFailed.for_field(
            "corrects", f"event {corrects.seq} was already corrected; correct the latest version"
        )


def _check_reference(claim: Claim, kind: str, payload: dict[str, Any]) -> None:
    field, wanted = REFERENCES[kind]
    seq = payload[field]
    if not ClaimEvent.objects.filter(claim=claim, seq=seq, kind=wanted).exists():
        raise ValidationFailed.for_field(f"payload.{field}", f"this claim has no {wanted} event #{seq}")


@transaction.atomic
def claim_event_append(
    *,
    actor: User | None,
    claim: Claim,
    kind: str,
    payload: dict[str, Any],
    occurred_at: dt.datetime | None = None,
    corrects: ClaimEvent | None = None,
    restricted: bool = False,
) -> ClaimEvent:
    """Append an entry people record directly (``APPENDABLE_KINDS``); or correct an earlier one.

    Activity-log entries, notes and medical notes, and the facts the statutory
    clocks run on: notices sent, reports filed, requests received and answered,
    scheduled dates, work status, milestones, weekly payments commenced.

    A correction is a new event of the same kind that names the event it corrects;
    the original stays in the log.
    """
    if kind not in APPENDABLE_KINDS:
        raise ValidationFailed.for_field(
            "kind",
            f"events of kind {kind!r} cannot be appended directly; use {', '.join(sorted(APPENDABLE_KINDS))}",
        )
    if actor is not None:
        if kind == EventKind.MEDICAL_NOTE:
            require(user_can_record_medical(actor, claim), "You may not record medical detail on this claim.")
        else:
            require(user_can_work_claim(actor, claim), "You may not add to this claim's log.")
    if restricted and kind != EventKind.MEDICAL_NOTE:
        raise ValidationFailed.for_field("restricted", "only medical notes can be restricted")
    for name in sorted(SERVICE_ONLY_FIELDS.get(kind, frozenset()) & set(payload)):
        raise ValidationFailed.for_field(
            f"payload.{name}",
            "is written by OpenComp's own services (letters, work status reports, treatment requests), "
            "not recorded directly",
        )
    if occurred_at is not None:
        if occurred_at > clock.now():
            raise ValidationFailed.for_field("occurred_at", "is in the future")
        if occurred_at.date() < claim.injury_date:
            raise ValidationFailed.for_field("occurred_at", "is before the injury date")
    claim = _lock(claim)
    if corrects is not None:
        _check_correction(claim, kind, corrects)
    if kind in REFERENCES:
        _check_reference(claim, kind, validate_payload(kind, payload))
    sensitivity = (
        Sensitivity.RESTRICTED_MEDICAL if restricted else DEFAULT_SENSITIVITY.get(kind, Sensitivity.NORMAL)
    )
    event = _append(
        claim,
        kind=kind,
        payload=payload,
        actor=actor,
        occurred_at=occurred_at,
        sensitivity=sensitivity,
        corrects=corrects,
    )
    claim.save(update_fields=["last_event_seq", "updated_at"])
    hooks.event_appended(claim, event)
    return event


def _coerce_correction(name: str, value: Any) -> Any:
    field = Claim._meta.get_field(name)
    if not isinstance(field, models.Field):  # CORRECTABLE_FIELDS names concrete columns only
        raise TypeError(f"{name} is not a column of Claim")
    try:
        return field.to_python(value)
    except Exception as exc:  # Django raises ValidationError with a readable message
        raise ValidationFailed.for_field(name, "; ".join(getattr(exc, "messages", [str(exc)]))) from None


@transaction.atomic
def claim_correct_details(*, actor: User | None, claim: Claim, changes: dict[str, Any], reason: str) -> Claim:
    """Correct facts recorded when the claim was opened; the correction is an event."""
    if actor is not None:
        require(user_can_work_claim(actor, claim), "You may not correct this claim.")
    unknown = sorted(set(changes) - set(CORRECTABLE_FIELDS))
    if unknown:
        raise ValidationFailed.for_field(unknown[0], "cannot be corrected this way")
    if not changes:
        raise ValidationFailed.for_field("changes", "name at least one field to correct")
    if not reason.strip():
        raise ValidationFailed.for_field("reason", "is required")
    claim = _lock(claim)
    diff: dict[str, list[Any]] = {}
    for name, raw in changes.items():
        new = _coerce_correction(name, raw)
        old = getattr(claim, name)
        if new != old:
            diff[name] = [old, new]
            setattr(claim, name, new)
    if not diff:
        raise ValidationFailed.for_field("changes", "nothing differs from what is recorded")
    today = claim_today(claim)
    errors = ErrorCollector()
    if claim.injury_date > today:
        errors.add("injury_date", "is in the future")
    if claim.employer_knowledge_date < claim.injury_date:
        errors.add("employer_knowledge_date", "is before the injury date")
    if claim.notification_date < claim.injury_date:
        errors.add("notification_date", "is before the injury date")
    errors.raise_if_any("The correction is not valid.")
    full_clean_or_raise(claim, exclude=["number"])
    created = claim.events.filter(kind=EventKind.CLAIM_CREATED).first()
    event = _append(
        claim,
        kind=EventKind.DETAILS_CORRECTED,
        payload={"changes": {k: [str(v[0]), str(v[1])] for k, v in diff.items()}, "reason": reason.strip()},
        actor=actor,
        corrects=created,
    )
    claim.save(update_fields=[*diff.keys(), "last_event_seq", "updated_at"])
    hooks.event_appended(claim, event)
    return claim


@transaction.atomic
def claim_participant_add(
    *,
    actor: User | None,
    claim: Claim,
    role: str,
    provider: Provider | None = None,
    attorney: Attorney | None = None,
) -> ClaimParticipant:
    """Add a treating provider, IME or attorney to the claim."""
    if actor is not None:
        require(user_can_work_claim(actor, claim), "You may not change this claim's parties.")
    if (provider is None) == (attorney is None):
        raise ValidationFailed.for_field("provider", "give either a provider or an attorney")
    attorney_roles = {ParticipantRole.WORKER_ATTORNEY, ParticipantRole.DEFENSE_ATTORNEY}
    if role not in ParticipantRole.values:
        raise ValidationFailed.for_field("role", f"must be one of {', '.join(ParticipantRole.values)}")
    if (attorney is not None) != (role in attorney_roles):
        raise ValidationFailed.for_field("role", "does not fit the kind of participant")
    claim = _lock(claim)
    if claim.participants.filter(role=role, provider=provider, attorney=attorney).exists():
        raise ValidationFailed.for_field("role", "that participant is already on the claim in that role")
    participant = ClaimParticipant.objects.create(
        claim=claim, role=role, provider=provider, attorney=attorney, added_at=clock.now()
    )
    event = _append(
        claim,
        kind=EventKind.PARTICIPANT_ADDED,
        payload={"participant_id": participant.pk, "role": role, "name": str(provider or attorney)},
        actor=actor,
    )
    claim.save(update_fields=["last_event_seq", "updated_at"])
    hooks.event_appended(claim, event)
    return participant


def medical_read_record(*, user: User, claim: Claim, events: list[ClaimEvent], channel: str) -> None:
    """Record that ``user`` was shown medical detail; a no-op when none was shown."""
    ids = [e.pk for e in events if e.sensitivity != Sensitivity.NORMAL]
    if ids and user.is_authenticated:
        MedicalDetailRead.objects.create(
            claim=claim, user=user, at=clock.now(), channel=channel, event_ids=ids
        )


@dataclass(frozen=True)
class TimelineEntry:
    event: ClaimEvent
    redacted: bool
    corrected_by_seq: int | None


def claim_timeline_read(
    *,
    user: User,
    claim: Claim,
    channel: str,
    kinds: list[str] | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[TimelineEntry]:
    """The claim's events as ``user`` may see them, newest first; medical reads are recorded.

    Events the user is not entitled to read are returned redacted (their existence
    and date stay visible, so the timeline has no unexplained gaps). With
    ``offset``/``limit`` only that page is read, and only what it shows is recorded.
    """
    events_qs = claim.events.select_related("actor", "corrects").order_by("-seq")
    if kinds:
        events_qs = events_qs.filter(kind__in=kinds)
    if limit is not None:
        events_qs = events_qs[offset : offset + limit]
    elif offset:
        events_qs = events_qs[offset:]
    events = list(events_qs)
    corrected_by = dict(
        ClaimEvent.objects.filter(claim=claim, corrects__in=[e.pk for e in events]).values_list(
            "corrects_id", "seq"
        )
    )
    allowed = visible_sensitivities(user, claim)
    entries = [
        TimelineEntry(event=e, redacted=e.sensitivity not in allowed, corrected_by_seq=corrected_by.get(e.pk))
        for e in events
    ]
    medical_read_record(
        user=user, claim=claim, events=[t.event for t in entries if not t.redacted], channel=channel
    )
    return entries
