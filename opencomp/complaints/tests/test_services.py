"""Complaints: received, progress contacts, and the three stages of seed 004 in order."""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.claims.enums import EventKind
from opencomp.claims.events import SCHEMAS
from opencomp.claims.models import ClaimEvent
from opencomp.complaints.enums import ComplainantKind, ComplaintStatus, ExternalBody
from opencomp.complaints.models import Complaint, ComplaintContact
from opencomp.complaints.services import (
    complaint_contact_record,
    complaint_escalate,
    complaint_final_decide,
    complaint_receive,
    complaint_refer,
    complaint_stage_1_decide,
)
from opencomp.core.errors import PermissionDenied, ValidationFailed

D = dt.date


def _fields(exc) -> list[str]:
    return [e.field for e in exc.value.errors]


def _received(book, **overrides):
    values = dict(
        actor=book.users["adjuster"],
        claim=book.claim,
        complainant_kind="worker",
        complainant_name="Maria Lopez",
        received_on=D(2026, 10, 28),
        channel="phone",
        subject="Weekly payment late",
        details="Her weekly payment for the week to 25 October has not arrived.",
    )
    values.update(overrides)
    return complaint_receive(**values)


def _snapshot(book, complaint=None):
    claim = book.claim.__class__.objects.get(pk=book.claim.pk)
    row = Complaint.objects.get(pk=complaint.pk) if complaint else None
    return (
        claim.last_event_seq,
        Complaint.objects.count(),
        ComplaintContact.objects.count(),
        (row.status, row.updated_at) if row else None,
    )


def _through_stage_1(book):
    complaint = _received(book)
    return complaint_stage_1_decide(
        actor=book.users["adjuster"],
        complaint=complaint,
        outcome="Payment reissued",
        decided_on=D(2026, 10, 29),
    )


def _through_stage_2(book):
    complaint = complaint_escalate(
        actor=book.users["adjuster"],
        complaint=_through_stage_1(book),
        escalated_on=D(2026, 10, 30),
        reason="Wants interest",
    )
    return complaint_final_decide(
        actor=book.users["supervisor"],
        complaint=complaint,
        decision="Interest paid",
        decided_on=D(2026, 11, 2),
    )


def test_event_patterns_match_the_enums():
    received = SCHEMAS[EventKind.COMPLAINT_RECEIVED].model_fields["complainant_kind"].metadata
    referred = SCHEMAS[EventKind.COMPLAINT_REFERRED].model_fields["body"].metadata
    assert [m.pattern for m in received if hasattr(m, "pattern")] == [
        f"^({'|'.join(ComplainantKind.values)})$"
    ]
    assert [m.pattern for m in referred if hasattr(m, "pattern")] == [f"^({'|'.join(ExternalBody.values)})$"]


def test_a_complaint_is_received_at_stage_1_as_a_claim_event(book):
    complaint = _received(book)

    assert complaint.status == ComplaintStatus.STAGE_1
    assert complaint.stage == 1
    event = ClaimEvent.objects.get(claim=book.claim, seq=complaint.received_seq)
    assert event.kind == EventKind.COMPLAINT_RECEIVED
    assert event.payload["complaint_id"] == complaint.pk
    assert event.payload["complainant_name"] == "Maria Lopez"


def test_bad_input_names_every_field_and_writes_nothing(book):
    before = _snapshot(book)
    with pytest.raises(ValidationFailed) as exc:
        _received(
            book,
            complainant_kind="neighbour",
            complainant_name=" ",
            received_on=D(2027, 1, 1),
            channel="pigeon",
            subject="",
            details="",
        )
    assert _fields(exc) == [
        "complainant_kind",
        "complainant_name",
        "received_on",
        "channel",
        "subject",
        "details",
    ]
    assert _snapshot(book) == before


def test_the_stages_in_order_each_a_claim_event(book):
    complaint = _received(book)
    contact = complaint_contact_record(
        actor=book.users["adjuster"],
        complaint=complaint,
        contacted_on=D(2026, 10, 28),
        channel="phone",
        direction="outbound",
        summary="Told her the payment is being traced.",
    )
    complaint = complaint_stage_1_decide(
        actor=book.users["adjuster"],
        complaint=complaint,
        outcome="Payment reissued",
        decided_on=D(2026, 10, 29),
    )
    complaint = complaint_escalate(
        actor=book.users["adjuster"],
        complaint=complaint,
        escalated_on=D(2026, 10, 30),
        reason="Wants interest",
    )
    assert complaint.stage == 2
    complaint = complaint_final_decide(
        actor=book.users["supervisor"],
        complaint=complaint,
        decision="Interest paid",
        decided_on=D(2026, 11, 2),
    )
    complaint = complaint_refer(
        actor=book.users["adjuster"],
        complaint=complaint,
        body="iro",
        referred_on=D(2026, 11, 2),
        reference="IRO-123",
    )

    assert complaint.status == ComplaintStatus.REFERRED
    assert complaint.stage == 3
    assert contact.seq == complaint.received_seq + 1
    kinds = list(
        ClaimEvent.objects.filter(claim=book.claim, seq__gte=complaint.received_seq)
        .order_by("seq")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        EventKind.COMPLAINT_RECEIVED,
        EventKind.COMPLAINT_CONTACTED,
        EventKind.COMPLAINT_STAGE_1_DECIDED,
        EventKind.COMPLAINT_ESCALATED,
        EventKind.COMPLAINT_FINAL_DECIDED,
        EventKind.COMPLAINT_REFERRED,
    ]
    final = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.COMPLAINT_FINAL_DECIDED)
    assert final.payload["decided_by_id"] == book.users["supervisor"].pk
    assert final.payload["stage_1_decided_by_id"] == book.users["adjuster"].pk


def test_stage_2_before_a_stage_1_outcome_is_refused(book):
    complaint = _received(book)
    before = _snapshot(book, complaint)

    with pytest.raises(ValidationFailed) as exc:
        complaint_escalate(
            actor=book.users["adjuster"], complaint=complaint, escalated_on=D(2026, 10, 30), reason="x"
        )

    assert _fields(exc) == ["status"]
    assert "cannot escalate to stage 2" in exc.value.errors[0].message
    assert "give the stage 1 outcome" in exc.value.errors[0].message
    assert _snapshot(book, complaint) == before


@pytest.mark.parametrize(
    "step",
    ["stage_1_again", "final_before_escalation", "referral_before_final"],
)
def test_steps_out_of_order_are_refused(book, step):
    complaint = _through_stage_1(book)
    before = _snapshot(book, complaint)
    steps = {
        "stage_1_again": lambda: complaint_stage_1_decide(
            actor=book.users["adjuster2"], complaint=complaint, outcome="Other", decided_on=D(2026, 10, 29)
        ),
        "final_before_escalation": lambda: complaint_final_decide(
            actor=book.users["supervisor"], complaint=complaint, decision="Final", decided_on=D(2026, 11, 2)
        ),
        "referral_before_final": lambda: complaint_refer(
            actor=book.users["adjuster"], complaint=complaint, body="sira", referred_on=D(2026, 11, 2)
        ),
    }
    with pytest.raises(ValidationFailed) as exc:
        steps[step]()
    assert _fields(exc) == ["status"]
    assert _snapshot(book, complaint) == before


def test_the_same_person_cannot_decide_both_stages(book):
    supervisor = book.users["supervisor"]
    complaint = _received(book)
    complaint = complaint_stage_1_decide(
        actor=supervisor, complaint=complaint, outcome="Payment reissued", decided_on=D(2026, 10, 29)
    )
    complaint = complaint_escalate(
        actor=supervisor, complaint=complaint, escalated_on=D(2026, 10, 30), reason="x"
    )
    before = _snapshot(book, complaint)

    with pytest.raises(ValidationFailed) as exc:
        complaint_final_decide(
            actor=supervisor, complaint=complaint, decision="Final", decided_on=D(2026, 11, 2)
        )

    assert _fields(exc) == ["decided_by"]
    assert _snapshot(book, complaint) == before
    # Another senior person may.
    complaint = complaint_final_decide(
        actor=book.users["admin"], complaint=complaint, decision="Final", decided_on=D(2026, 11, 2)
    )
    assert complaint.status == ComplaintStatus.FINAL_DECIDED


def test_an_adjuster_cannot_make_the_stage_2_decision(book):
    complaint = complaint_escalate(
        actor=book.users["adjuster"],
        complaint=_through_stage_1(book),
        escalated_on=D(2026, 10, 30),
        reason="x",
    )
    before = _snapshot(book, complaint)
    with pytest.raises(PermissionDenied):
        complaint_final_decide(
            actor=book.users["adjuster2"], complaint=complaint, decision="Final", decided_on=D(2026, 11, 2)
        )
    assert _snapshot(book, complaint) == before


def test_the_database_refuses_the_same_decider_for_both_stages(book):
    from django.db import IntegrityError, transaction

    complaint = _through_stage_2(book)
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(final_decided_by=complaint.stage_1_decided_by)


def test_dates_must_follow_the_stages(book):
    complaint = _through_stage_1(book)
    with pytest.raises(ValidationFailed) as exc:
        complaint_escalate(
            actor=book.users["adjuster"], complaint=complaint, escalated_on=D(2026, 10, 28), reason="x"
        )
    assert _fields(exc) == ["escalated_on"]
    complaint = _through_stage_2(book)
    with pytest.raises(ValidationFailed) as exc:
        complaint_refer(
            actor=book.users["adjuster"], complaint=complaint, body="sira", referred_on=D(2026, 11, 1)
        )
    assert _fields(exc) == ["referred_on"]


def test_only_the_claims_administrator_handles_complaints(book):
    for key in ("auditor", "compliance_officer", "employer_coordinator", "worker", "other_adjuster"):
        with pytest.raises(PermissionDenied):
            _received(book, actor=book.users[key])
    assert Complaint.objects.count() == 0
