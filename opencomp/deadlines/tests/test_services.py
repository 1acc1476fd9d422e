"""The obligations table kept current with the claim's log, waivers, the diary, post-accident tests.

Runs against the database through the real services: every row checked here was
written by ``obligations_on_event`` in the transaction of the event that changed it.
The book's clock is Monday 2 November 2026, 15:00 UTC.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opencomp.accounts.models import Organisation
from opencomp.claims import hooks
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import (
    claim_correct_details,
    claim_create_from_report,
    claim_event_append,
    claim_participant_add,
    claim_transition,
)
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.deadlines import batch, packs
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.services import (
    ENGINE_FIELDS,
    diary_entry_add,
    info_request_add,
    obligation_complete,
    obligation_waive,
)
from opencomp.intake.services import drug_alcohol_test_record, injury_report_submit
from opencomp.jurisdictions import rulepack

DENVER = ZoneInfo("America/Denver")
SYDNEY = ZoneInfo("Australia/Sydney")
D = dt.date


def _end_of(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.max, tzinfo=zone)


def _row(claim: Claim, key: str) -> Obligation:
    return Obligation.objects.get(claim=claim, key=key)


def _snapshot(claim: Claim) -> dict[str, tuple]:
    """Every row of the claim: its id, engine fields and when it was computed."""
    return {
        o.key: (o.pk, *(getattr(o, f) for f in ENGINE_FIELDS), o.computed_at)
        for o in Obligation.objects.filter(claim=claim)
    }


def _statuses(claim: Claim) -> dict[str, str]:
    return dict(Obligation.objects.filter(claim=claim).values_list("key", "status"))


def _phone(party: str) -> dict[str, str]:
    return {
        "party": party,
        "channel": "phone",
        "direction": "outbound",
        "issue": "Initial contact",
        "action": "Explained the claim process.",
    }


# --- the table follows every kind of event, in the event's transaction ------------------

# The book's NSW claim (administered by Harbour Insurance, notified Wed 21 Oct 2026) as
# it stands on Mon 2 Nov 2026: the three contacts were due Mon 26 Oct, the liability
# decision and weekly payments Wed 28 Oct, the recovery screen Wed 11 Nov.
NSW_BEFORE = {
    "nsw.initial_contact_worker#1": "open",
    "nsw.initial_contact_employer#1": "open",
    "nsw.initial_contact_doctor#1": "open",
    "nsw.liability_decision#1": "open",
    "nsw.weekly_payments_start#1": "open",
    "nsw.recovery_screen#1": "open",
}


def _log_worker_call(book, claim):
    claim_event_append(
        actor=book.users["other_adjuster"], claim=claim, kind="activity.logged", payload=_phone("worker")
    )
    return {**NSW_BEFORE, "nsw.initial_contact_worker#1": "late"}


def _accept_provisionally(book, claim):
    claim_transition(actor=book.users["other_adjuster"], claim=claim, to_status="provisionally_accepted")
    return {
        **NSW_BEFORE,
        "nsw.liability_decision#1": "late",
        "nsw.liability_notice#2": "open",
        "nsw.provisional_liability_end#2": "open",
    }


def _correct_significant(book, claim):
    claim_correct_details(
        actor=book.users["other_adjuster"],
        claim=claim,
        changes={"significant_injury": True},
        reason="Off work for more than 7 days.",
    )
    return {**NSW_BEFORE, "nsw.injury_management_plan#1": "open"}


def _receive_treatment_request(book, claim):
    claim_event_append(
        actor=book.users["other_adjuster"],
        claim=claim,
        kind="request.received",
        payload={"subject": "treatment", "received_on": "2026-11-02"},
    )
    return {**NSW_BEFORE, "nsw.treatment_acknowledge#2": "open", "nsw.treatment_decision#2": "open"}


def _waive_recovery_screen(book, claim):
    obligation_waive(
        actor=book.users["other_adjuster"],
        obligation=_row(claim, "nsw.recovery_screen#1"),
        reason="No third party involved.",
    )
    return {**NSW_BEFORE, "nsw.recovery_screen#1": "waived"}


def _add_diary_entry(book, claim):
    diary_entry_add(
        actor=book.users["other_adjuster"], claim=claim, title="Chase the wage records", due_on=D(2026, 11, 9)
    )
    return {**NSW_BEFORE, "diary.entry#2": "open"}


def _request_information(book, claim):
    info_request_add(
        actor=book.users["other_adjuster"],
        claim=claim,
        party="employer",
        what="Wage records for the last 52 weeks",
        due_on=D(2026, 11, 9),
    )
    return {**NSW_BEFORE, "diary.info_request#2": "open"}


EVENT_CASES = [
    ("activity logged", _log_worker_call),
    ("status changed", _accept_provisionally),
    ("details corrected", _correct_significant),
    ("request received", _receive_treatment_request),
    ("obligation waived", _waive_recovery_screen),
    ("diary entry added", _add_diary_entry),
    ("information requested", _request_information),
]


@pytest.mark.parametrize(("_case", "act"), EVENT_CASES, ids=[c[0] for c in EVENT_CASES])
def test_each_kind_of_event_updates_the_rows(book, _case, act):
    # Given the book's NSW claim with its six opening obligations
    claim = book.other_claim
    assert _statuses(claim) == NSW_BEFORE

    # When the event is recorded
    expected = act(book, claim)

    # Then the table already shows what the event changed
    assert _statuses(claim) == expected


class ListenerFailed(RuntimeError):
    pass


@pytest.mark.parametrize(("_case", "act"), EVENT_CASES, ids=[c[0] for c in EVENT_CASES])
def test_a_failing_listener_rolls_back_the_event_and_the_rows(book, monkeypatch, _case, act):
    # Given a listener after the deadlines one that looks at the rows, then fails
    claim = book.other_claim
    before = _snapshot(claim)
    events = ClaimEvent.objects.count()
    seen_inside: list[dict[str, str]] = []

    def fail(claim, event):
        seen_inside.append(_statuses(claim))
        raise ListenerFailed("the next listener is broken")

    monkeypatch.setattr(hooks, "_listeners", [*hooks._listeners, fail])

    # When the event is recorded
    with pytest.raises(ListenerFailed):
        act(book, claim)

    # Then the rows had changed inside the event's transaction...
    assert len(seen_inside) == 1
    assert seen_inside[0] != NSW_BEFORE
    # ...and nothing of it is left: no event, the claim's sequence and every row as before
    assert ClaimEvent.objects.count() == events
    assert Claim.objects.get(pk=claim.pk).last_event_seq == claim.last_event_seq
    assert _snapshot(claim) == before


def test_correcting_the_notification_date_moves_the_due_dates(book):
    # Given the NSW claim notified Wed 21 Oct 2026
    claim = book.other_claim

    # When the notification date is corrected to Thu 22 Oct
    claim_correct_details(
        actor=book.users["other_adjuster"],
        claim=claim,
        changes={"notification_date": "2026-10-22"},
        reason="The claim form was received on the 22nd.",
    )

    # Then the clocks count from the 22nd: 3 business days (Fri 23, Mon 26, Tue 27) and 7 days
    contact = _row(claim, "nsw.initial_contact_worker#1")
    assert contact.due_date == D(2026, 10, 27)
    assert contact.due_at == _end_of(D(2026, 10, 27), SYDNEY)
    assert contact.anchor_at == dt.datetime(2026, 10, 22, tzinfo=SYDNEY)
    assert _row(claim, "nsw.liability_decision#1").due_date == D(2026, 10, 29)
    assert _row(claim, "nsw.recovery_screen#1").due_date == D(2026, 11, 12)
    assert set(_statuses(claim)) == set(NSW_BEFORE)


def test_correcting_significant_injury_adds_the_injury_management_plan(book):
    # Given the NSW claim, not a significant injury
    claim = book.other_claim
    assert not Obligation.objects.filter(claim=claim, rule_id="nsw.injury_management_plan").exists()

    # When it is corrected to a significant injury
    claim_correct_details(
        actor=book.users["other_adjuster"],
        claim=claim,
        changes={"significant_injury": True},
        reason="Certificate says 6 weeks off.",
    )

    # Then the plan is due 20 calendar days after notification (Wed 21 Oct → Tue 10 Nov)
    plan = _row(claim, "nsw.injury_management_plan#1")
    assert (plan.status, plan.due_date, plan.trigger_seq) == ("open", D(2026, 11, 10), 1)
    assert plan.explanation[0] == "applies because significant injury is True"

    # And correcting it back removes it again
    claim_correct_details(
        actor=book.users["other_adjuster"],
        claim=claim,
        changes={"significant_injury": False},
        reason="Back at work within the week.",
    )
    assert not Obligation.objects.filter(claim=claim, rule_id="nsw.injury_management_plan").exists()


def test_closing_cancels_what_is_not_yet_due_and_leaves_overdue_ones_open(book):
    # Given the NSW claim accepted on Mon 2 Nov (the liability notice now due Wed 4 Nov)
    claim = book.other_claim
    actor = book.users["other_adjuster"]
    claim = claim_transition(actor=actor, claim=claim, to_status="accepted")
    notice_key = f"nsw.liability_notice#{claim.last_event_seq}"

    # When the claim is closed the same day
    claim = claim_transition(actor=actor, claim=claim, to_status="closed", reason="Returned to work.")

    # Then what was not yet due is no longer needed, closed by the closing event
    closed_seq = claim.last_event_seq
    for key in ("nsw.recovery_screen#1", notice_key):
        row = _row(claim, key)
        assert (row.status, row.closed_seq) == ("cancelled", closed_seq)
    # And what was already overdue stays open until done or waived
    for key in ("nsw.initial_contact_worker#1", "nsw.weekly_payments_start#1"):
        row = _row(claim, key)
        assert (row.status, row.closed_seq) == ("open", None)
        assert row.explanation[-1] == (
            f"claim.status_changed (event #{closed_seq}) came after the due date, "
            "so this stays open until done or waived"
        )
    assert _row(claim, "nsw.liability_decision#1").status == "late"


def _add_note(book, claim):
    claim_event_append(
        actor=book.users["other_adjuster"],
        claim=claim,
        kind="note.added",
        payload={"text": "Left a voicemail."},
    )


def _add_medical_note(book, claim):
    claim_event_append(
        actor=book.users["other_adjuster"],
        claim=claim,
        kind="medical.note_recorded",
        payload={"summary": "Lumbar strain, 2 weeks off."},
    )


def _add_participant(book, claim):
    claim_participant_add(
        actor=book.users["other_adjuster"], claim=claim, role="treating_doctor", provider=book.provider
    )


@pytest.mark.parametrize(
    ("_case", "act"),
    [("note", _add_note), ("medical note", _add_medical_note), ("participant", _add_participant)],
)
def test_events_no_rule_reads_do_not_touch_the_table(book, frozen_now, _case, act):
    # Given the NSW claim's rows, computed an hour ago
    claim = book.other_claim
    before = _snapshot(claim)
    frozen_now.shift(dt.timedelta(hours=1))

    # When an event of a kind no NSW rule reads is recorded
    with CaptureQueriesContext(connection) as queries:
        act(book, claim)

    # Then the obligations table is not even read, and every row is as it was
    assert not [q["sql"] for q in queries.captured_queries if "deadlines_obligation" in q["sql"]]
    assert _snapshot(claim) == before


def test_an_event_that_changes_no_obligation_rewrites_no_row(book, frozen_now):
    # Given the NSW claim's rows, computed an hour ago
    claim = book.other_claim
    before = _snapshot(claim)
    frozen_now.shift(dt.timedelta(hours=1))

    # When an activity no rule is satisfied by is logged (a kind the rules read)
    claim_event_append(
        actor=book.users["other_adjuster"],
        claim=claim,
        kind="activity.logged",
        payload={**_phone("insurer"), "channel": "email"},
    )

    # Then no row is rewritten (computed_at unchanged)
    assert _snapshot(claim) == before


# --- waivers ----------------------------------------------------------------------------


def test_a_waiver_needs_a_reason_and_writes_nothing_without_one(book):
    # Given the CO claim's overdue first report (due Fri 30 Oct 2026)
    row = _row(book.claim, "co.first_report_division#1")
    events = ClaimEvent.objects.count()

    # When it is waived with a blank reason
    with pytest.raises(ValidationFailed) as exc:
        obligation_waive(actor=book.users["adjuster"], obligation=row, reason="   ")

    # Then the reason is named and nothing is written
    assert [e.field for e in exc.value.errors] == ["reason"]
    assert ClaimEvent.objects.count() == events
    assert _row(book.claim, "co.first_report_division#1").status == "open"


def test_a_waiver_is_an_event_and_the_row_becomes_waived(book):
    # Given the CO claim's open first report
    row = _row(book.claim, "co.first_report_division#1")

    # When the adjuster waives it with a reason
    waived = obligation_waive(
        actor=book.users["adjuster"], obligation=row, reason="  Medical only after all; no lost time.  "
    )

    # Then the claim's log holds the waiver and the row is waived by it
    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.OBLIGATION_WAIVED)
    assert event.actor == book.users["adjuster"]
    assert event.payload == {
        "key": "co.first_report_division#1",
        "rule_id": "co.first_report_division",
        "title": "File the first report of injury with the Division",
        "reason": "Medical only after all; no lost time.",
    }
    assert waived.pk == row.pk
    assert (waived.status, waived.closed_seq) == ("waived", event.seq)
    assert waived.waiver_reason == "Medical only after all; no lost time."
    assert waived.explanation[-1] == f"Waived by event #{event.seq}: Medical only after all; no lost time."


@pytest.mark.parametrize("status", ["satisfied", "waived"])
def test_an_obligation_no_longer_open_cannot_be_waived(book, status):
    # Given an obligation already done (the employer's report) or already waived
    if status == "satisfied":
        row = _row(book.claim, "co.employer_report#1")
    else:
        row = _row(book.claim, "co.first_report_division#1")
        obligation_waive(actor=book.users["adjuster"], obligation=row, reason="No lost time.")
    events = ClaimEvent.objects.count()

    # When someone (with the row as it was read) waives it
    with pytest.raises(ValidationFailed) as exc:
        obligation_waive(actor=book.users["supervisor"], obligation=row, reason="Not needed.")

    # Then it is refused on the obligation field and nothing is written
    assert [e.field for e in exc.value.errors] == ["obligation"]
    label = {"satisfied": "done on time", "waived": "waived"}[status]
    assert exc.value.errors[0].message == f"is already {label}"
    assert ClaimEvent.objects.count() == events


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("adjuster", True),
        ("adjuster2", True),  # any adjuster of the administrator, not only the assigned one
        ("supervisor", True),
        ("admin", True),
        ("other_adjuster", False),
        ("auditor", False),
        ("employer_coordinator", False),
        ("employer_supervisor", False),
        ("worker", False),
        ("provider", False),
        ("compliance_officer", False),
    ],
)
def test_only_claims_staff_of_the_administrator_may_waive(book, username, allowed):
    # Given the CO claim's open first report
    row = _row(book.claim, "co.first_report_division#1")
    events = ClaimEvent.objects.count()

    # When the user waives it
    def waive():
        return obligation_waive(actor=book.users[username], obligation=row, reason="No lost time.")

    # Then only the administrator's claims staff may
    if allowed:
        assert waive().status == "waived"
    else:
        with pytest.raises(PermissionDenied):
            waive()
        assert ClaimEvent.objects.count() == events
        assert _row(book.claim, "co.first_report_division#1").status == "open"


def test_a_waiver_survives_later_events(book):
    # Given a waived obligation
    row = _row(book.claim, "co.first_report_division#1")
    obligation_waive(actor=book.users["adjuster"], obligation=row, reason="No lost time.")

    # When the report is filed after all
    claim_event_append(
        actor=book.users["adjuster"],
        claim=book.claim,
        kind="report.filed",
        payload={"report": "first_report_of_injury", "filed_with": "CO Division"},
    )

    # Then the earlier waiver still decides it
    assert _row(book.claim, "co.first_report_division#1").status == "waived"


# --- the adjuster's diary entries and requests for information --------------------------


@pytest.mark.parametrize(
    ("title", "due_on", "fields"),
    [
        ("  ", None, ["title", "due_on"]),
        ("Call the worker", D(2026, 11, 1), ["due_on"]),
        ("Call the worker", D(2029, 11, 5), ["due_on"]),
    ],
    ids=["blank", "past", "too far"],
)
def test_a_diary_entry_is_validated_and_nothing_is_written_when_refused(book, title, due_on, fields):
    events = ClaimEvent.objects.count()

    with pytest.raises(ValidationFailed) as exc:
        diary_entry_add(actor=book.users["adjuster"], claim=book.claim, title=title, due_on=due_on)

    assert [e.field for e in exc.value.errors] == fields
    assert ClaimEvent.objects.count() == events


def test_a_request_for_information_is_validated(book):
    events = ClaimEvent.objects.count()

    with pytest.raises(ValidationFailed) as exc:
        info_request_add(
            actor=book.users["adjuster"], claim=book.claim, party="neighbour", what=" ", due_on=None
        )

    assert [e.field for e in exc.value.errors] == ["party", "what", "due_on"]
    assert ClaimEvent.objects.count() == events


def test_only_the_administrator_works_the_diary(book):
    with pytest.raises(PermissionDenied):
        diary_entry_add(
            actor=book.users["employer_coordinator"], claim=book.claim, title="x", due_on=D(2026, 11, 5)
        )
    with pytest.raises(PermissionDenied):
        info_request_add(
            actor=book.users["other_adjuster"],
            claim=book.claim,
            party="worker",
            what="x",
            due_on=D(2026, 11, 5),
        )


def test_a_diary_entry_becomes_an_obligation_due_on_its_date_and_is_done_by_completing_it(book):
    # Given a diary entry due Thu 5 Nov 2026 on the CO claim
    event = diary_entry_add(
        actor=book.users["adjuster"],
        claim=book.claim,
        title="  Call the worker about the MRI ",
        due_on=D(2026, 11, 5),
        details="Results due Wednesday.",
    )
    assert event.kind == EventKind.DIARY_ENTRY_ADDED
    assert event.payload == {
        "title": "Call the worker about the MRI",
        "due_on": "2026-11-05",
        "details": "Results due Wednesday.",
    }
    row = _row(book.claim, f"diary.entry#{event.seq}")
    assert (row.rule_id, row.status, row.obligor, row.trigger_seq) == (
        "diary.entry",
        "open",
        "administrator",
        event.seq,
    )
    assert (row.raw_due, row.due_date) == (D(2026, 11, 5), D(2026, 11, 5))
    assert row.due_at == _end_of(D(2026, 11, 5), DENVER)

    # When the adjuster marks it done the same day it was set
    done = obligation_complete(actor=book.users["adjuster"], obligation=row, note=" Spoke to her. ")

    # Then a completion event names the entry and the entry is done on time
    completion = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.DIARY_ENTRY_COMPLETED)
    assert completion.payload == {"entry_seq": event.seq, "note": "Spoke to her."}
    assert (done.status, done.satisfied_seq) == ("satisfied", completion.seq)
    assert done.satisfied_at == completion.occurred_at


def test_a_request_for_information_followed_up_after_its_date_is_late(book, frozen_now):
    # Given a request to the employer for wage records, to follow up on Tue 3 Nov 2026
    event = info_request_add(
        actor=book.users["adjuster"],
        claim=book.claim,
        party="employer",
        party_name=" Acme payroll ",
        what="Wage records for the last 52 weeks",
        due_on=D(2026, 11, 3),
    )
    assert event.payload["party_name"] == "Acme payroll"
    row = _row(book.claim, f"diary.info_request#{event.seq}")
    assert (row.rule_id, row.status, row.due_date) == ("diary.info_request", "open", D(2026, 11, 3))

    # When the information is received on Thu 5 Nov
    frozen_now.move_to(dt.datetime(2026, 11, 5, 17, 0, tzinfo=dt.UTC))
    done = obligation_complete(actor=book.users["adjuster2"], obligation=row)

    # Then the follow-up is done, late
    received = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.INFO_RECEIVED)
    assert received.payload == {"request_seq": event.seq, "note": ""}
    assert (done.status, done.satisfied_seq) == ("late", received.seq)


def test_a_statutory_obligation_cannot_be_ticked_off(book):
    # Given the CO claim's open first report
    row = _row(book.claim, "co.first_report_division#1")
    events = ClaimEvent.objects.count()

    # When the adjuster tries to mark it done
    with pytest.raises(ValidationFailed) as exc:
        obligation_complete(actor=book.users["adjuster"], obligation=row)

    # Then it is refused on the obligation field; it is done by filing the report
    assert [e.field for e in exc.value.errors] == ["obligation"]
    assert "recording what satisfies it" in exc.value.errors[0].message
    assert ClaimEvent.objects.count() == events


def test_a_diary_entry_cannot_be_completed_twice(book):
    # Given a diary entry completed once, and the row as it was read before that
    event = diary_entry_add(
        actor=book.users["adjuster"], claim=book.claim, title="Call", due_on=D(2026, 11, 5)
    )
    row = _row(book.claim, f"diary.entry#{event.seq}")
    obligation_complete(actor=book.users["adjuster"], obligation=row)
    events = ClaimEvent.objects.count()

    # When someone completes it again from the stale row
    with pytest.raises(ValidationFailed) as exc:
        obligation_complete(actor=book.users["adjuster2"], obligation=row)

    # Then it is refused and no second completion is written
    assert [e.field for e in exc.value.errors] == ["obligation"]
    assert exc.value.errors[0].message == "is already done on time"
    assert ClaimEvent.objects.count() == events


def test_diary_dates_are_the_claims_jurisdictions_dates(book, frozen_now):
    # Given 8 pm on Mon 2 Nov 2026 in Denver (already Tue 3 Nov in UTC)
    frozen_now.move_to(dt.datetime(2026, 11, 2, 20, 0, tzinfo=DENVER))

    # When the adjuster sets a CO diary entry for today
    event = diary_entry_add(
        actor=book.users["adjuster"], claim=book.claim, title="Call", due_on=D(2026, 11, 2)
    )

    # Then it is accepted (today in Colorado), and yesterday is the past
    assert _row(book.claim, f"diary.entry#{event.seq}").due_date == D(2026, 11, 2)
    with pytest.raises(ValidationFailed) as exc:
        diary_entry_add(actor=book.users["adjuster"], claim=book.claim, title="Call", due_on=D(2026, 11, 1))
    assert [e.field for e in exc.value.errors] == ["due_on"]

    # And at 9 am on Tue 3 Nov in Sydney (still Mon 2 Nov in UTC) Monday is past for an NSW claim
    frozen_now.move_to(dt.datetime(2026, 11, 3, 9, 0, tzinfo=SYDNEY))
    with pytest.raises(ValidationFailed) as exc:
        diary_entry_add(
            actor=book.users["other_adjuster"], claim=book.other_claim, title="Call", due_on=D(2026, 11, 2)
        )
    assert exc.value.errors[0].message == "is in the past"


# --- post-accident drug and alcohol tests (a CO employer's own policy) -------------------

ACCIDENT = dt.datetime(2026, 10, 29, 9, 15, tzinfo=DENVER)


@pytest.fixture
def testing_employer(book):
    Organisation.objects.filter(pk=book.employer.pk).update(policies=["post_accident_testing"])
    book.employer.refresh_from_db()
    return book.employer


def _report(book):
    return injury_report_submit(
        actor=book.users["employer_supervisor"],
        employer=book.employer,
        worker=book.worker,
        jurisdiction="CO",
        injury_date=D(2026, 10, 29),
        injury_time=dt.time(9, 15),
        location="Press line 3",
        nature_of_injury="Crush",
        body_part="Finger",
        how_it_happened="Finger caught in the press die during setup.",
        reported_to_employer_on=D(2026, 10, 29),
        notifier_name="Pat Foreman",
        notifier_relationship="supervisor",
    )


def test_a_test_on_the_report_goes_onto_the_new_claims_log_and_satisfies_both_clocks(book, testing_employer):
    # Given a report whose alcohol test was 1 h 30 after the accident and drug test 31 h after
    report = _report(book)
    test = drug_alcohol_test_record(
        actor=book.users["employer_supervisor"],
        report=report,
        accident_at=ACCIDENT,
        reason="treated_away",
        alcohol_tested_at=ACCIDENT + dt.timedelta(hours=1, minutes=30),
        alcohol_result="negative",
        drug_tested_at=ACCIDENT + dt.timedelta(hours=31),
        drug_result="pending",
    )

    # When the report becomes a claim
    claim = claim_create_from_report(actor=book.users["adjuster"], report=report, claim_type="lost_time")

    # Then the test record is the claim's second event
    event = ClaimEvent.objects.get(claim=claim, seq=2)
    assert event.kind == EventKind.TEST_RECORDED
    assert event.payload["test_id"] == test.pk
    # And both clocks, counted from the accident at 09:15 Denver time, are done on time
    alcohol = _row(claim, "co.alcohol_test#1")
    assert (alcohol.status, alcohol.satisfied_seq) == ("satisfied", 2)
    assert alcohol.due_at == dt.datetime(2026, 10, 29, 17, 15, tzinfo=DENVER)
    assert alcohol.satisfied_at == ACCIDENT + dt.timedelta(hours=1, minutes=30)
    drug = _row(claim, "co.drug_test#1")
    assert (drug.status, drug.satisfied_seq) == ("satisfied", 2)
    assert drug.due_at == dt.datetime(2026, 10, 30, 17, 15, tzinfo=DENVER)
    assert drug.satisfied_at == ACCIDENT + dt.timedelta(hours=31)


def test_a_test_recorded_after_the_claim_exists_lands_on_its_log(book, testing_employer):
    # Given a claim from a report with no test yet: both test clocks are open (and overdue)
    report = _report(book)
    claim = claim_create_from_report(actor=book.users["adjuster"], report=report, claim_type="lost_time")
    assert _statuses(claim)["co.alcohol_test#1"] == "open"
    assert _statuses(claim)["co.drug_test#1"] == "open"

    # When the employer records the alcohol test, and why no drug test was given
    test = drug_alcohol_test_record(
        actor=book.users["employer_supervisor"],
        report=report,
        accident_at=ACCIDENT,
        reason="treated_away",
        alcohol_tested_at=ACCIDENT + dt.timedelta(hours=2),
        alcohol_result="negative",
        reason_not_tested="Clinic had no drug screening kits.",
    )

    # Then the record is on the claim's log and both clocks are done
    event = ClaimEvent.objects.get(claim=claim, kind=EventKind.TEST_RECORDED)
    assert event.payload["test_id"] == test.pk
    assert event.payload["reason_not_tested"] == "Clinic had no drug screening kits."
    alcohol = _row(claim, "co.alcohol_test#1")
    assert (alcohol.status, alcohol.satisfied_seq) == ("satisfied", event.seq)
    assert alcohol.satisfied_at == ACCIDENT + dt.timedelta(hours=2)
    drug = _row(claim, "co.drug_test#1")
    assert (drug.status, drug.satisfied_seq, drug.satisfied_at) == ("satisfied", event.seq, ACCIDENT)


def test_employers_without_the_policy_have_no_test_clocks(book):
    claim = claim_create_from_report(
        actor=book.users["adjuster"], report=_report(book), claim_type="lost_time"
    )

    assert not Obligation.objects.filter(
        claim=claim, rule_id__in=["co.alcohol_test", "co.drug_test"]
    ).exists()


# --- the system check on the rule packs --------------------------------------------------


@pytest.fixture
def pack_dir(tmp_path, monkeypatch):
    """A copy of the shipped packs that ``packs.pack`` loads from (caches cleared around it)."""
    directory = tmp_path / "packs"
    shutil.copytree(rulepack.PACK_DIR, directory)
    packs.pack.cache_clear()
    packs.relevant_kinds.cache_clear()
    monkeypatch.setattr(packs, "load_pack", functools.partial(rulepack.load_pack, directory=directory))
    yield directory
    packs.pack.cache_clear()
    packs.relevant_kinds.cache_clear()


def test_the_shipped_packs_pass_the_system_check():
    packs.pack.cache_clear()

    assert packs.check_packs() == []


def test_a_broken_pack_fails_the_system_check_naming_file_rule_and_field(pack_dir):
    # Given an NSW rule with an unknown unit, a CO rule waiting for an unknown event kind,
    # and no CT pack at all
    nsw = pack_dir / "nsw.yaml"
    text = nsw.read_text()
    old = (
        "    due: {amount: 7, unit: calendar_days}\n"
        "    satisfied_by:\n"
        "      - event: claim.status_changed\n"
        "        where: {to_status: [accepted, provisionally_accepted, denied, reasonable_excuse]}"
    )
    assert text.count(old) == 1
    nsw.write_text(text.replace(old, old.replace("calendar_days", "fortnights")))
    co = pack_dir / "co.yaml"
    co.write_text(co.read_text().replace("event: report.filed", "event: report.faxed"))
    (pack_dir / "ct.yaml").unlink()

    # When the system check runs
    errors = packs.check_packs()

    # Then each problem is one error naming the file, the rule and the field
    messages = sorted(e.msg for e in errors)
    assert {e.id for e in errors} == {"opencomp.E001"}
    assert messages == [
        "co.yaml: rule co.first_report_division: satisfied_by.0.event: unknown event kind 'report.faxed'",
        "ct.yaml: (file): cannot be read: No such file or directory",
        "nsw.yaml: rule nsw.liability_decision: due.unit: Input should be 'calendar_days', "
        "'business_days', 'hours', 'weeks' or 'years'",
    ]


def test_a_broken_common_pack_is_reported_once(pack_dir):
    # Given the diary's common rules (shared by every jurisdiction) with an unknown source grade
    common = pack_dir / "common.yaml"
    text = common.read_text()
    assert text.count("grade: A}") == 3
    common.write_text(text.replace("grade: A}", "grade: Z}", 1))

    # When the system check runs
    errors = packs.check_packs()

    # Then the one problem is one error, not one per jurisdiction
    assert [e.msg for e in errors] == [
        "common.yaml: rule diary.entry: source.grade: Input should be 'R', 'S', 'D', 'P' or 'A'"
    ]


def test_a_row_read_before_a_full_recompute_can_still_be_waived_and_completed(book):
    # Given rows read before a full recompute replaced them (new ids, same keys)
    event = diary_entry_add(
        actor=book.users["adjuster"], claim=book.claim, title="Call", due_on=D(2026, 11, 5)
    )
    report = _row(book.claim, "co.first_report_division#1")
    entry = _row(book.claim, f"diary.entry#{event.seq}")
    batch.recompute()
    assert not Obligation.objects.filter(pk__in=[report.pk, entry.pk]).exists()

    # When the adjuster acts on them
    waived = obligation_waive(actor=book.users["adjuster"], obligation=report, reason="No lost time.")
    done = obligation_complete(actor=book.users["adjuster"], obligation=entry)

    # Then both are found by their keys
    assert (waived.key, waived.status) == ("co.first_report_division#1", "waived")
    assert (done.key, done.status) == (entry.key, "satisfied")
