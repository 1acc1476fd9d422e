"""Treatment requests: record, exempt, acknowledge, decide; the NSW clocks; refusals write nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_event_append
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.treatment.models import TreatmentRequest
from opencomp.treatment.services import (
    treatment_request_acknowledge,
    treatment_request_decide,
    treatment_request_record,
)

D = dt.date


def _obligations(claim, seq):
    return {
        o.rule_id: o
        for o in Obligation.objects.filter(claim=claim, trigger_seq=seq, rule_id__startswith="nsw.")
    }


def _fields(exc: ValidationFailed) -> set[str]:
    return {e.field for e in exc.errors}


def _snapshot(claim):
    return (
        ClaimEvent.objects.filter(claim=claim).count(),
        list(TreatmentRequest.objects.filter(claim=claim).values()),
        list(Obligation.objects.filter(claim=claim).values("key", "status")),
    )


def test_a_request_is_recorded_with_its_event(book, record):
    request = record(description="Lumbar mobilisation", treatments=6, estimated_cost=Decimal("540"))
    assert request.status == "exempt"  # physiotherapy, 8 days after the injury, 6 sessions
    event = ClaimEvent.objects.get(claim=book.other_claim, seq=request.received_seq)
    assert (event.kind, event.sensitivity) == ("request.received", "medical")
    assert event.payload["subject"] == "treatment"
    assert event.payload["treatment_request_id"] == request.pk
    assert event.payload["estimated_cost"] == "540.00"
    assert event.payload["pre_approval"] == "not_required"
    assert event.payload["from_party"] == "provider"
    assert "Physiotherapy: Lumbar mobilisation; 6 treatments, $540.00" in event.payload["description"]
    assert request.estimated_cost == Decimal("540.00")


def test_nsw_flow_inside_the_window_needs_no_approval(book, record, later):
    # Injury 20 Oct 2026; requested 20 Jan 2027, the last day of three months
    request = record(requested_on=D(2027, 1, 20), received_on=D(2027, 1, 22), treatments=8)
    assert request.status == "exempt"
    assert "window to 20 Jan 2027" in request.exemption
    # No acknowledgement or decision clock starts, so none stays open
    assert _obligations(book.other_claim, request.received_seq) == {}
    assert not Obligation.objects.filter(
        claim=book.other_claim, rule_id="nsw.treatment_decision", status="open"
    ).exists()
    # And there is nothing to acknowledge or decide
    with pytest.raises(ValidationFailed) as exc:
        treatment_request_decide(
            actor=book.users["other_adjuster"], request=request, decision="approved", reasons="Fine"
        )
    assert _fields(exc.value) == {"status"}
    with pytest.raises(ValidationFailed):
        treatment_request_acknowledge(actor=book.users["other_adjuster"], request=request)


def test_nsw_flow_outside_the_window_gets_a_21_day_decision_and_a_notice(book, record, later):
    adjuster = book.users["other_adjuster"]
    # Requested 21 Jan 2027, one day past three months from the injury: needs a decision
    request = record(requested_on=D(2027, 1, 21), received_on=D(2027, 1, 22))
    assert (request.status, request.exemption) == ("received", "")
    event = ClaimEvent.objects.get(claim=book.other_claim, seq=request.received_seq)
    assert event.payload["pre_approval"] == "required"
    found = _obligations(book.other_claim, request.received_seq)
    # 22 Jan 2027 + 21 calendar days = Fri 12 Feb 2027
    assert found["nsw.treatment_decision"].due_date == D(2027, 2, 12)
    assert found["nsw.treatment_decision"].status == "open"
    # 10 business days from Fri 22 Jan (26 Jan is Australia Day): Mon 8 Feb 2027
    assert found["nsw.treatment_acknowledge"].due_date == D(2027, 2, 8)

    request = treatment_request_acknowledge(actor=adjuster, request=request, note="Received, reviewing")
    assert request.status == "acknowledged"
    assert (
        _obligations(book.other_claim, request.received_seq)["nsw.treatment_acknowledge"].status
        == "satisfied"
    )

    request = treatment_request_decide(
        actor=adjuster,
        request=request,
        decision="partly_approved",
        reasons="Four sessions are reasonably necessary; review progress after them.",
        approved_treatments=4,
        approved_cost="360.00",
    )
    assert (request.status, request.decision, request.approved_treatments) == (
        "decided",
        "partly_approved",
        4,
    )
    assert request.approved_cost == Decimal("360.00")
    assert (
        _obligations(book.other_claim, request.received_seq)["nsw.treatment_decision"].status == "satisfied"
    )
    decided = ClaimEvent.objects.get(claim=book.other_claim, seq=request.decided_seq)
    assert decided.payload["approved_cost"] == "360.00"
    assert decided.payload["request_seq"] == request.received_seq

    # The notice is due within 2 business days of the decision (Mon 1 Feb 2027 → Wed 3 Feb)
    notice = _obligations(book.other_claim, request.decided_seq)["nsw.treatment_decision_notice"]
    assert (notice.status, notice.due_date) == ("open", D(2027, 2, 3))
    claim_event_append(
        actor=adjuster,
        claim=book.other_claim,
        kind="notice.sent",
        payload={"notice": "treatment_decision", "recipients": ["worker", "provider"]},
    )
    notice.refresh_from_db()
    assert notice.status == "satisfied"


def test_more_than_eight_sessions_in_the_window_need_a_decision(book, record):
    request = record(treatments=9)
    assert request.status == "received"
    assert "nsw.treatment_decision" in _obligations(book.other_claim, request.received_seq)


def test_surgery_always_needs_a_decision(book, record):
    request = record(service="surgery", treatments=1, estimated_cost="12000.00")
    assert request.status == "received"


def test_decisions_approved_and_declined(book, record):
    adjuster = book.users["other_adjuster"]
    approved = treatment_request_decide(
        actor=adjuster, request=record(treatments=10), decision="approved", reasons="Reasonably necessary."
    )
    assert (approved.approved_treatments, approved.approved_cost) == (10, Decimal("540.00"))
    declined = treatment_request_decide(
        actor=adjuster, request=record(service="surgery"), decision="declined", reasons="Not related."
    )
    assert (declined.approved_treatments, declined.approved_cost) == (None, None)
    with pytest.raises(ValidationFailed) as exc:
        treatment_request_decide(actor=adjuster, request=declined, decision="approved", reasons="Again")
    assert _fields(exc.value) == {"status"}


BAD_RECORDS = [
    ({"service": "massage"}, {"service"}),
    ({"service": "other", "description": ""}, {"description"}),
    ({"provider_name": ""}, {"provider_name"}),
    ({"treatments": 0}, {"treatments"}),
    ({"treatments": None}, {"treatments"}),
    ({"estimated_cost": "-1"}, {"estimated_cost"}),
    ({"estimated_cost": "12.345"}, {"estimated_cost"}),
    ({"estimated_cost": "lots"}, {"estimated_cost"}),
    ({"requested_on": None}, {"requested_on"}),
    ({"requested_on": D(2026, 10, 19)}, {"requested_on"}),
    ({"received_on": D(2027, 1, 1)}, {"received_on"}),
    ({"requested_on": D(2026, 10, 30), "received_on": D(2026, 10, 29)}, {"received_on"}),
    ({"diagnosis_codes": ["S33.5XXA"]}, {"diagnosis_codes"}),  # an NSW claim: no ICD-10-CM
]


@pytest.mark.parametrize(("bad", "fields"), BAD_RECORDS)
def test_a_bad_request_is_refused_naming_the_field_and_changes_nothing(book, record, bad, fields):
    before = _snapshot(book.other_claim)
    with pytest.raises(ValidationFailed) as exc:
        record(**bad)
    assert _fields(exc.value) == fields
    assert _snapshot(book.other_claim) == before


BAD_DECISIONS = [
    ({"decision": "maybe"}, {"decision"}),
    ({"reasons": "  "}, {"reasons"}),
    ({"decision": "approved", "approved_treatments": 5}, {"approved_treatments"}),
    ({"decision": "partly_approved"}, {"approved_treatments"}),
    ({"decision": "partly_approved", "approved_treatments": 11}, {"approved_treatments"}),
    ({"decision": "partly_approved", "approved_cost": "999.00"}, {"approved_cost"}),
    ({"decision": "partly_approved", "approved_treatments": 0}, {"approved_treatments"}),
    ({"decision": "declined", "approved_cost": "10.00"}, {"approved_cost"}),
]


@pytest.mark.parametrize(("bad", "fields"), BAD_DECISIONS)
def test_a_bad_decision_is_refused_naming_the_field_and_changes_nothing(book, record, bad, fields):
    request = record(treatments=10)
    before = _snapshot(book.other_claim)
    values = {"decision": "partly_approved", "reasons": "Some of it.", **bad}
    with pytest.raises(ValidationFailed) as exc:
        treatment_request_decide(actor=book.users["other_adjuster"], request=request, **values)
    assert _fields(exc.value) == fields
    assert _snapshot(book.other_claim) == before


@pytest.mark.parametrize("who", ["employer_coordinator", "worker", "provider", "auditor", "adjuster"])
def test_only_those_who_work_the_claim_record_or_decide(book, record, who):
    # The book's adjuster works the CO claim, not the NSW one
    request = record(treatments=10)
    before = _snapshot(book.other_claim)
    with pytest.raises(PermissionDenied):
        record(actor=book.users[who])
    with pytest.raises(PermissionDenied):
        treatment_request_decide(actor=book.users[who], request=request, decision="approved", reasons="x")
    with pytest.raises(PermissionDenied):
        treatment_request_acknowledge(actor=book.users[who], request=request)
    assert _snapshot(book.other_claim) == before


def test_us_claim_records_billable_icd_codes_with_their_dots(book):
    request = treatment_request_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        service="physiotherapy",
        treatments=12,
        estimated_cost="1200.00",
        requested_on=D(2026, 10, 22),
        received_on=D(2026, 10, 23),
        provider=book.provider,
        diagnosis_codes=["s335xxa", "M54.50", "S33.5XXA"],
    )
    assert request.diagnosis_codes == ["S33.5XXA", "M54.50"]
    assert request.provider_name == "Dr Jo Reyes"
    assert request.status == "received"  # Colorado holds no exemption
    event = ClaimEvent.objects.get(claim=book.claim, seq=request.received_seq)
    assert event.payload["diagnosis_codes"] == ["S33.5XXA", "M54.50"]


def test_us_claim_refuses_unknown_and_non_billable_codes(book):
    before = _snapshot(book.claim)
    with pytest.raises(ValidationFailed) as exc:
        treatment_request_record(
            actor=book.users["adjuster"],
            claim=book.claim,
            service="imaging",
            treatments=1,
            estimated_cost="400.00",
            requested_on=D(2026, 10, 22),
            received_on=D(2026, 10, 23),
            provider_name="Front Range Imaging",
            diagnosis_codes=["S33.5", "QQ9.9"],
        )
    messages = [(e.field, e.message) for e in exc.value.errors]
    assert messages == [
        ("diagnosis_codes", "S33.5 is not billable: choose a more specific code"),
        ("diagnosis_codes", "'QQ9.9' is not an ICD-10-CM code"),
    ]
    assert _snapshot(book.claim) == before


def test_request_events_recorded_elsewhere_keep_their_payloads():
    from opencomp.claims.events import validate_payload

    received = {"subject": "treatment", "received_on": "2026-11-02", "from_party": "worker"}
    received["description"] = ""
    assert validate_payload("request.received", received) == received
    decided = {"request_seq": 3, "decision": "approved", "reason": ""}
    assert validate_payload("request.decided", decided) == decided


def test_the_treatment_fields_cannot_be_appended_directly(book):
    before = _snapshot(book.other_claim)
    with pytest.raises(ValidationFailed) as exc:
        claim_event_append(
            actor=book.users["other_adjuster"],
            claim=book.other_claim,
            kind="request.received",
            payload={"subject": "treatment", "received_on": "2026-11-02", "pre_approval": "not_required"},
        )
    assert _fields(exc.value) == {"payload.pre_approval"}
    assert _snapshot(book.other_claim) == before
