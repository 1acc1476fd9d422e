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
    ParticipantRole,
    Sensitivity,
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


SCHEMAS: dict[str, type[Payload]] = {
    EventKind.CLAIM_CREATED: ClaimCreated,
    EventKind.STATUS_CHANGED: StatusChanged,
    EventKind.ASSIGNED: Assigned,
    EventKind.DETAILS_CORRECTED: DetailsCorrected,
    EventKind.PARTICIPANT_ADDED: ParticipantAdded,
    EventKind.ACTIVITY_LOGGED: ActivityLogged,
    EventKind.NOTE_ADDED: NoteAdded,
    EventKind.MEDICAL_NOTE: MedicalNote,
}

#: Kinds that people append directly (the rest are written by dedicated services).
APPENDABLE_KINDS = frozenset({EventKind.ACTIVITY_LOGGED, EventKind.NOTE_ADDED, EventKind.MEDICAL_NOTE})

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
