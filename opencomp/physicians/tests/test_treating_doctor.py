"""The treating doctor, change requests, their decisions and the deemed-approval sweep."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opencomp.claims.models import ClaimEvent
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.physicians.models import PhysicianChangeRequest, TreatingDoctor
from opencomp.physicians.selectors import treating_doctor_current, treating_doctor_history
from opencomp.physicians.services import (
    physician_change_decide,
    physician_change_request,
    physician_changes_deem_approved,
    physician_changes_due_for_deemed_approval,
    treating_doctor_designate,
)

D = dt.date


def _fields(exc: ValidationFailed) -> set[str]:
    return {e.field for e in exc.errors}


def _snapshot(claim):
    return (
        ClaimEvent.objects.filter(claim=claim).count(),
        list(TreatingDoctor.objects.filter(claim=claim).values()),
        list(PhysicianChangeRequest.objects.filter(claim=claim).values()),
    )


def test_designating_the_first_doctor_appends_the_event(book, co_doctor):
    assert treating_doctor_current(book.claim) == co_doctor
    assert (co_doctor.doctor_name, co_doctor.practice_name) == (
        "Dr Jo Reyes",
        "Front Range Occupational Health",
    )
    event = ClaimEvent.objects.get(claim=book.claim, seq=co_doctor.recorded_seq)
    assert event.kind == "treating_doctor.changed"
    assert event.payload["how_chosen"] == "designated"
    assert event.payload["from_date"] == "2026-10-20"


def test_designation_refusals_name_the_field_and_write_nothing(book, co_doctor):
    before = _snapshot(book.claim)
    with pytest.raises(ValidationFailed) as exc:
        treating_doctor_designate(
            actor=book.users["adjuster"],
            claim=book.claim,
            doctor_name="Dr Other",
            from_date=D(2026, 10, 22),
            how_chosen="designated",
        )
    assert _fields(exc.value) == {"treating_doctor"}
    with pytest.raises(ValidationFailed) as exc:
        treating_doctor_designate(
            actor=book.users["other_adjuster"],
            claim=book.other_claim,
            doctor_name="",
            from_date=D(2026, 12, 1),
            how_chosen="designated",
        )
    assert _fields(exc.value) == {"doctor_name", "from_date", "how_chosen"}
    assert _snapshot(book.claim) == before
    assert not TreatingDoctor.objects.filter(claim=book.other_claim).exists()
    with pytest.raises(PermissionDenied):
        treating_doctor_designate(
            actor=book.users["employer_coordinator"],
            claim=book.claim,
            doctor_name="Dr X",
            from_date=D(2026, 10, 22),
            how_chosen="designated",
        )


def test_a_co_change_request_gets_its_20_day_diary_item_and_due_date(book, co_doctor):
    change = physician_change_request(
        actor=book.users["adjuster"],
        claim=book.claim,
        doctor_name="Dr Sam Ortiz",
        practice_name="Denver Spine",
        received_on=D(2026, 10, 26),
    )
    event = ClaimEvent.objects.get(claim=book.claim, seq=change.received_seq)
    assert (event.kind, event.payload["subject"], event.sensitivity) == (
        "request.received",
        "physician_change",
        "medical",
    )
    assert event.payload["physician_change_id"] == change.pk
    obligation = Obligation.objects.get(
        claim=book.claim, rule_id="co.physician_change_response", trigger_seq=change.received_seq
    )
    # 20 calendar days from 26 Oct 2026 is Sunday 15 Nov: rolled to Monday 16 Nov (C.R.S. 2-4-108)
    assert obligation.due_date == D(2026, 11, 16)
    assert change.due_on == D(2026, 11, 16)
    assert "seed 003" in change.deemed_citation
    assert change.status == "pending"


def test_nsw_change_needs_reasons_and_has_no_deemed_approval(book, nsw_doctor):
    adjuster = book.users["other_adjuster"]
    before = _snapshot(book.other_claim)
    with pytest.raises(ValidationFailed) as exc:
        physician_change_request(
            actor=adjuster, claim=book.other_claim, doctor_name="Dr Lee", received_on=D(2026, 10, 28)
        )
    assert _fields(exc.value) == {"reasons"}
    assert "reasons for the change" in exc.value.errors[0].message
    assert _snapshot(book.other_claim) == before
    change = physician_change_request(
        actor=adjuster,
        claim=book.other_claim,
        doctor_name="Dr Lee",
        reasons="Moved house; the practice is now two hours away",
        received_on=D(2026, 10, 28),
    )
    assert change.due_on is None
    assert physician_changes_deem_approved(as_of=D(2027, 6, 1)).approved == ()


def test_approval_switches_the_doctor_and_keeps_the_history(book, co_doctor):
    adjuster = book.users["adjuster"]
    change = physician_change_request(
        actor=adjuster, claim=book.claim, doctor_name="Dr Sam Ortiz", received_on=D(2026, 10, 26)
    )
    with pytest.raises(ValidationFailed) as exc:
        physician_change_decide(actor=adjuster, change=change, decision="maybe", reasons="")
    assert _fields(exc.value) == {"decision", "reasons"}
    physician_change_decide(
        actor=adjuster,
        change=change,
        decision="approved",
        reasons="Closer to home",
        effective_on=D(2026, 11, 1),
    )
    change.refresh_from_db()
    assert change.status == "approved"
    decided = ClaimEvent.objects.get(claim=book.claim, seq=change.decided_seq)
    assert (decided.kind, decided.payload["decision"], decided.payload["request_seq"]) == (
        "request.decided",
        "approved",
        change.received_seq,
    )
    history = list(treating_doctor_history(book.claim))
    assert [(s.doctor_name, s.from_date, s.to_date) for s in history] == [
        ("Dr Sam Ortiz", D(2026, 11, 1), None),
        ("Dr Jo Reyes", D(2026, 10, 20), D(2026, 10, 31)),
    ]
    assert history[0].how_chosen == "change_approved"
    # The diary item is satisfied by the decision
    obligation = Obligation.objects.get(claim=book.claim, rule_id="co.physician_change_response")
    assert obligation.status == "satisfied"
    with pytest.raises(ValidationFailed) as exc:
        physician_change_decide(actor=adjuster, change=change, decision="declined", reasons="No")
    assert _fields(exc.value) == {"status"}


def test_a_declined_change_keeps_the_doctor(book, co_doctor, frozen_now):
    adjuster = book.users["adjuster"]
    change = physician_change_request(
        actor=adjuster, claim=book.claim, doctor_name="Dr Sam Ortiz", received_on=D(2026, 10, 26)
    )
    physician_change_decide(actor=adjuster, change=change, decision="declined", reasons="Not on the panel")
    assert treating_doctor_current(book.claim) == co_doctor
    frozen_now.move_to(dt.datetime(2027, 1, 1, 18, 0, tzinfo=dt.UTC))
    assert physician_changes_deem_approved(as_of=D(2027, 1, 1)).approved == ()


def test_the_sweep_deems_unanswered_requests_approved_once(book, co_doctor, frozen_now):
    adjuster = book.users["adjuster"]
    change = physician_change_request(
        actor=adjuster, claim=book.claim, doctor_name="Dr Sam Ortiz", received_on=D(2026, 10, 26)
    )
    # On its due date it is still in time: nothing is approved
    frozen_now.move_to(dt.datetime(2026, 11, 16, 15, 0, tzinfo=dt.UTC))
    assert physician_changes_deem_approved(as_of=D(2026, 11, 16)).approved == ()
    # Just after midnight UTC on 17 Nov it is still 16 Nov in Denver: not yet
    frozen_now.move_to(dt.datetime(2026, 11, 17, 1, 0, tzinfo=dt.UTC))
    assert physician_changes_deem_approved(as_of=D(2026, 11, 17)).approved == ()
    frozen_now.move_to(dt.datetime(2026, 11, 17, 15, 0, tzinfo=dt.UTC))
    first = physician_changes_deem_approved(as_of=D(2026, 11, 17))
    assert [c.pk for c in first.approved] == [change.pk]
    change.refresh_from_db()
    assert change.status == "deemed_approved"
    decided = ClaimEvent.objects.get(claim=book.claim, seq=change.decided_seq)
    assert decided.actor is None
    assert decided.payload["reason"].startswith("deemed approved: no answer by 16 Nov 2026")
    assert decided.payload["deemed"] is True
    current = treating_doctor_current(book.claim)
    assert (current.doctor_name, current.from_date, current.how_chosen) == (
        "Dr Sam Ortiz",
        D(2026, 11, 17),
        "change_deemed_approved",
    )
    events = ClaimEvent.objects.filter(claim=book.claim).count()
    # A second run approves nothing and appends nothing
    assert physician_changes_deem_approved(as_of=D(2026, 11, 17)).approved == ()
    assert ClaimEvent.objects.filter(claim=book.claim).count() == events


def test_the_sweep_finds_the_due_requests_in_one_query(book, co_doctor):
    physician_change_request(
        actor=book.users["adjuster"],
        claim=book.claim,
        doctor_name="Dr Sam Ortiz",
        received_on=D(2026, 10, 26),
    )
    with CaptureQueriesContext(connection) as queries:
        due = physician_changes_due_for_deemed_approval(as_of=D(2026, 11, 17))
    assert len(due) == 1
    assert len(queries.captured_queries) == 1


def test_the_management_command_runs_the_sweep(book, co_doctor, capsys, frozen_now):
    physician_change_request(
        actor=book.users["adjuster"],
        claim=book.claim,
        doctor_name="Dr Sam Ortiz",
        received_on=D(2026, 10, 26),
    )
    # A date ahead of the claim's today approves nothing yet
    call_command("physician_changes_deem", "--as-of", "2026-11-17")
    assert "0 change request(s) deemed approved" in capsys.readouterr().out
    frozen_now.move_to(dt.datetime(2026, 11, 17, 15, 0, tzinfo=dt.UTC))
    call_command("physician_changes_deem", "--as-of", "2026-11-17")
    out = capsys.readouterr().out
    assert "1 change request(s) deemed approved as of 2026-11-17" in out
    call_command("physician_changes_deem", "--as-of", "2026-11-17")
    assert "0 change request(s) deemed approved" in capsys.readouterr().out


def test_one_pending_request_at_a_time_and_not_the_same_doctor(book, co_doctor):
    adjuster = book.users["adjuster"]
    with pytest.raises(ValidationFailed) as exc:
        physician_change_request(
            actor=adjuster, claim=book.claim, doctor_name="dr jo reyes", received_on=D(2026, 10, 26)
        )
    assert _fields(exc.value) == {"doctor_name"}
    physician_change_request(
        actor=adjuster, claim=book.claim, doctor_name="Dr A", received_on=D(2026, 10, 26)
    )
    with pytest.raises(ValidationFailed) as exc:
        physician_change_request(
            actor=adjuster, claim=book.claim, doctor_name="Dr B", received_on=D(2026, 10, 27)
        )
    assert _fields(exc.value) == {"status"}


def test_an_answer_appended_to_the_log_directly_is_not_deemed_approved(book, co_doctor, frozen_now):
    from opencomp.claims.services import claim_event_append

    change = physician_change_request(
        actor=book.users["adjuster"],
        claim=book.claim,
        doctor_name="Dr Sam Ortiz",
        received_on=D(2026, 10, 26),
    )
    claim_event_append(
        actor=book.users["adjuster"],
        claim=book.claim,
        kind="request.decided",
        payload={"request_seq": change.received_seq, "decision": "declined", "reason": "By letter"},
    )
    frozen_now.move_to(dt.datetime(2026, 11, 17, 15, 0, tzinfo=dt.UTC))
    assert physician_changes_due_for_deemed_approval(as_of=D(2026, 11, 17)) == []
    assert physician_changes_deem_approved(as_of=D(2026, 11, 17)).approved == ()
