"""Payload schemas of claim events, one per kind.

A payload is validated here before it is stored, so the log never holds a shape
the timeline, the regulator's activity log or the EDI builders cannot read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from opencomp.claims.enums import (
    ActivityChannel,
    ActivityDirection,
    ActivityParty,
    ClaimStatus,
    EventKind,
    Milestone,
    NoticeType,
    ParticipantRole,
    ReportType,
    RequestDecision,
    RequestSubject,
    ScheduleSubject,
    Sensitivity,
    WorkCapacity,
)
from opencomp.core.errors import FieldError, ValidationFailed


class Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)


class ClaimCreated(Payload):
    jurisdiction: str
    claim_type: str
    employer_id: int
    worker_id: int
    injury_date: dt.date
    notification_date: dt.date
    source_report_id: int | None = None


class StatusChanged(Payload):
    from_status: ClaimStatus
    to_status: ClaimStatus
    reason: str = Field(default="", max_length=2000)


class Assigned(Payload):
    from_adjuster_id: int | None
    from_adjuster_name: str
    to_adjuster_id: int | None
    to_adjuster_name: str
    reason: str = Field(default="", max_length=2000)
    notified: list[str] = Field(default_factory=list)


class DetailsCorrected(Payload):
    changes: dict[str, list[Any]]
    reason: str = Field(min_length=1, max_length=2000)


class ParticipantAdded(Payload):
    participant_id: int
    role: ParticipantRole
    name: str


class ActivityLogged(Payload):
    """An entry of the activity log a regulator reads (seed 002)."""

    party: ActivityParty
    party_name: str = Field(default="", max_length=200)
    channel: ActivityChannel
    direction: ActivityDirection
    issue: str = Field(min_length=1, max_length=200)
    action: str = Field(min_length=1, max_length=4000)
    result: str = Field(default="", max_length=4000)


class NoteAdded(Payload):
    text: str = Field(min_length=1, max_length=8000)


class MedicalNote(Payload):
    summary: str = Field(min_length=1, max_length=8000)
    diagnosis: str = Field(default="", max_length=200)
    provider_name: str = Field(default="", max_length=200)


class NoticeSent(Payload):
    """A written notice went out (liability decision, modified duty offer, step-down…)."""

    notice: NoticeType
    recipients: list[ActivityParty] = Field(min_length=1)
    channel: ActivityChannel = ActivityChannel.LETTER
    summary: str = Field(default="", max_length=2000)


class ReportFiled(Payload):
    report: ReportType
    filed_with: str = Field(min_length=1, max_length=200)
    reference: str = Field(default="", max_length=100)


class RequestReceived(Payload):
    """A request or document arrived that the administrator must answer in time."""

    subject: RequestSubject
    received_on: dt.date
    from_party: ActivityParty = ActivityParty.WORKER
    description: str = Field(default="", max_length=2000)


class RequestAcknowledged(Payload):
    request_seq: int = Field(ge=1)
    note: str = Field(default="", max_length=2000)


class RequestDecided(Payload):
    request_seq: int = Field(ge=1)
    decision: RequestDecision
    reason: str = Field(default="", max_length=2000)


class RequestCompleted(Payload):
    request_seq: int = Field(ge=1)
    note: str = Field(default="", max_length=2000)


class ScheduleRecorded(Payload):
    """A future date a rule counts back from (an IME, a step-down, an interview)."""

    subject: ScheduleSubject
    on: dt.date
    details: str = Field(default="", max_length=2000)


class WorkStatusRecorded(Payload):
    """A certificate of capacity / work status report: what the worker can do, and until when."""

    capacity: WorkCapacity
    from_date: dt.date
    to_date: dt.date | None = None
    restrictions: str = Field(default="", max_length=4000)
    certificate: bool = True
    provider_name: str = Field(default="", max_length=200)


class MilestoneRecorded(Payload):
    milestone: Milestone
    summary: str = Field(default="", max_length=4000)


class IndemnityCommenced(Payload):
    benefit: str = Field(min_length=1, max_length=40)
    first_day: dt.date
    first_payment_on: dt.date


class TestRecorded(Payload):
    """The post-accident drug and alcohol test record, copied onto the claim's log."""

    test_id: int
    accident_at: dt.datetime
    reason: str
    alcohol_tested_at: dt.datetime | None = None
    drug_tested_at: dt.datetime | None = None
    reason_not_tested: str = ""


class ObligationWaived(Payload):
    key: str = Field(min_length=3, max_length=120)
    rule_id: str = Field(min_length=3, max_length=80)
    title: str = Field(default="", max_length=200)
    reason: str = Field(min_length=1, max_length=2000)


class ObligationEscalated(Payload):
    key: str = Field(min_length=3, max_length=120)
    rule_id: str = Field(min_length=3, max_length=80)
    title: str = Field(default="", max_length=200)
    due_date: dt.date
    adjuster_id: int | None = None
    supervisor_ids: list[int] = Field(default_factory=list)


class DiaryEntryAdded(Payload):
    title: str = Field(min_length=1, max_length=200)
    due_on: dt.date
    details: str = Field(default="", max_length=4000)


class DiaryEntryCompleted(Payload):
    entry_seq: int = Field(ge=1)
    note: str = Field(default="", max_length=2000)


class InfoRequested(Payload):
    """A request for missing information: from whom, what, and by when."""

    party: ActivityParty
    party_name: str = Field(default="", max_length=200)
    what: str = Field(min_length=1, max_length=2000)
    due_on: dt.date


class InfoReceived(Payload):
    request_seq: int = Field(ge=1)
    note: str = Field(default="", max_length=2000)


SCHEMAS: dict[str, type[Payload]] = {
    EventKind.CLAIM_CREATED: ClaimCreated,
    EventKind.STATUS_CHANGED: StatusChanged,
    EventKind.ASSIGNED: Assigned,
    EventKind.DETAILS_CORRECTED: DetailsCorrected,
    EventKind.PARTICIPANT_ADDED: ParticipantAdded,
    EventKind.ACTIVITY_LOGGED: ActivityLogged,
    EventKind.NOTE_ADDED: NoteAdded,
    EventKind.MEDICAL_NOTE: MedicalNote,
    EventKind.NOTICE_SENT: NoticeSent,
    EventKind.REPORT_FILED: ReportFiled,
    EventKind.REQUEST_RECEIVED: RequestReceived,
    EventKind.REQUEST_ACKNOWLEDGED: RequestAcknowledged,
    EventKind.REQUEST_DECIDED: RequestDecided,
    EventKind.REQUEST_COMPLETED: RequestCompleted,
    EventKind.SCHEDULE_RECORDED: ScheduleRecorded,
    EventKind.WORK_STATUS_RECORDED: WorkStatusRecorded,
    EventKind.MILESTONE_RECORDED: MilestoneRecorded,
    EventKind.INDEMNITY_COMMENCED: IndemnityCommenced,
    EventKind.TEST_RECORDED: TestRecorded,
    EventKind.OBLIGATION_WAIVED: ObligationWaived,
    EventKind.OBLIGATION_ESCALATED: ObligationEscalated,
    EventKind.DIARY_ENTRY_ADDED: DiaryEntryAdded,
    EventKind.DIARY_ENTRY_COMPLETED: DiaryEntryCompleted,
    EventKind.INFO_REQUESTED: InfoRequested,
    EventKind.INFO_RECEIVED: InfoReceived,
}

#: Kinds that people append directly (the rest are written by dedicated services).
APPENDABLE_KINDS = frozenset(
    {
        EventKind.ACTIVITY_LOGGED,
        EventKind.NOTE_ADDED,
        EventKind.MEDICAL_NOTE,
        EventKind.NOTICE_SENT,
        EventKind.REPORT_FILED,
        EventKind.REQUEST_RECEIVED,
        EventKind.REQUEST_ACKNOWLEDGED,
        EventKind.REQUEST_DECIDED,
        EventKind.REQUEST_COMPLETED,
        EventKind.SCHEDULE_RECORDED,
        EventKind.WORK_STATUS_RECORDED,
        EventKind.MILESTONE_RECORDED,
        EventKind.INDEMNITY_COMMENCED,
    }
)

#: Appendable kinds whose ``*_seq`` payload field must name an earlier event of a given kind.
REFERENCES: dict[str, tuple[str, str]] = {
    EventKind.REQUEST_ACKNOWLEDGED: ("request_seq", EventKind.REQUEST_RECEIVED),
    EventKind.REQUEST_DECIDED: ("request_seq", EventKind.REQUEST_RECEIVED),
    EventKind.REQUEST_COMPLETED: ("request_seq", EventKind.REQUEST_RECEIVED),
    EventKind.DIARY_ENTRY_COMPLETED: ("entry_seq", EventKind.DIARY_ENTRY_ADDED),
    EventKind.INFO_RECEIVED: ("request_seq", EventKind.INFO_REQUESTED),
}

#: Sensitivity a kind carries unless the writer asks for a stricter one.
DEFAULT_SENSITIVITY: dict[str, str] = {EventKind.MEDICAL_NOTE: Sensitivity.MEDICAL}


def validate_payload(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Validate ``payload`` for ``kind``; return its JSON-ready form.

    Raises:
        ValidationFailed: naming each bad field as ``payload.<field>``.
    """
    schema = SCHEMAS.get(kind)
    if schema is None:
        raise ValidationFailed.for_field("kind", f"unknown event kind {kind!r}")
    if not isinstance(payload, dict):
        raise ValidationFailed.for_field("payload", "must be an object")
    try:
        model = schema.model_validate(payload)
    except ValidationError as exc:
        errors = [
            FieldError(".".join(["payload", *(str(p) for p in err["loc"])]), err["msg"])
            for err in exc.errors()
        ]
        detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
        raise ValidationFailed(f"The event payload is not valid. {detail}", errors=errors) from None
    return model.model_dump(mode="json")
