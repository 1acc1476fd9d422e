"""The claim file is an append-only event log."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_event_append
from opencomp.core.errors import PermissionDenied, ValidationFailed

ACTIVITY = {
    "party": "worker",
    "channel": "phone",
    "direction": "outbound",
    "issue": "Initial contact",
    "action": "Called the worker to explain the claim process.",
    "result": "Worker understands; wants an interpreter for letters.",
}

pytestmark = pytest.mark.smoke


def test_activity_entry_appends_numbered_event(book):
    # given
    claim = book.claim
    before = claim.last_event_seq

    # when
    event = claim_event_append(
        actor=book.users["adjuster"], claim=claim, kind=EventKind.ACTIVITY_LOGGED, payload=ACTIVITY
    )

    # then
    claim.refresh_from_db()
    assert event.seq == before + 1
    assert claim.last_event_seq == before + 1
    assert event.payload["channel"] == "phone"
    assert event.actor == book.users["adjuster"]


def test_events_cannot_be_updated_or_deleted_through_the_orm(book):
    event = book.claim.events.first()

    event.payload = {"tampered": True}
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
    with pytest.raises(TypeError, match="append-only"):
        ClaimEvent.objects.filter(pk=event.pk).update(kind="note.added")
    with pytest.raises(TypeError, match="append-only"):
        ClaimEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.parametrize(
    ("_case", "sql"),
    [
        ("update", "UPDATE claims_claimevent SET kind = 'note.added' WHERE id = %s"),
        ("delete", "DELETE FROM claims_claimevent WHERE id = %s"),
    ],
)
def test_events_cannot_be_updated_or_deleted_in_sql(book, _case, sql):
    event = book.claim.events.first()

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, [event.pk])

    assert ClaimEvent.objects.get(pk=event.pk).kind == event.kind


def test_bad_payload_is_refused_naming_the_field_and_writes_nothing(book):
    count = ClaimEvent.objects.count()

    with pytest.raises(ValidationFailed) as exc:
        claim_event_append(
            actor=book.users["adjuster"],
            claim=book.claim,
            kind=EventKind.ACTIVITY_LOGGED,
            payload={**ACTIVITY, "channel": "carrier pigeon"},
        )

    assert [e.field for e in exc.value.errors] == ["payload.channel"]
    assert ClaimEvent.objects.count() == count


def test_system_kinds_cannot_be_appended_directly(book):
    with pytest.raises(ValidationFailed) as exc:
        claim_event_append(
            actor=book.users["adjuster"],
            claim=book.claim,
            kind=EventKind.STATUS_CHANGED,
            payload={"from_status": "reported", "to_status": "accepted"},
        )
    assert exc.value.errors[0].field == "kind"


def test_a_notice_recorded_directly_cannot_claim_to_be_an_issued_letter(book):
    before = ClaimEvent.objects.filter(claim=book.claim).count()

    with pytest.raises(ValidationFailed) as exc:
        claim_event_append(
            actor=book.users["adjuster"],
            claim=book.claim,
            kind=EventKind.NOTICE_SENT,
            payload={"notice": "liability_decision", "recipients": ["worker"], "letter_id": 1},
        )

    assert exc.value.errors[0].field == "payload.letter_id"
    assert ClaimEvent.objects.filter(claim=book.claim).count() == before


def test_correction_is_a_new_event_linked_to_the_original(book):
    adjuster = book.users["adjuster"]
    original = claim_event_append(
        actor=adjuster, claim=book.claim, kind=EventKind.ACTIVITY_LOGGED, payload=ACTIVITY
    )

    fixed = claim_event_append(
        actor=adjuster,
        claim=book.claim,
        kind=EventKind.ACTIVITY_LOGGED,
        payload={**ACTIVITY, "direction": "inbound"},
        corrects=original,
    )

    assert fixed.corrects == original
    assert ClaimEvent.objects.get(pk=original.pk).payload["direction"] == "outbound"
    with pytest.raises(ValidationFailed, match="already corrected"):
        claim_event_append(
            actor=adjuster,
            claim=book.claim,
            kind=EventKind.ACTIVITY_LOGGED,
            payload=ACTIVITY,
            corrects=original,
        )


def test_employer_cannot_write_to_the_claim_log(book):
    count = ClaimEvent.objects.count()
    with pytest.raises(PermissionDenied):
        claim_event_append(
            actor=book.users["employer_coordinator"],
            claim=book.claim,
            kind=EventKind.ACTIVITY_LOGGED,
            payload=ACTIVITY,
        )
    assert ClaimEvent.objects.count() == count
