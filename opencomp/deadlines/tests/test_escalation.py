"""The escalation sweep: each overdue obligation of the administrator, once, to its supervisors.

On the book's clock (Mon 2 Nov 2026, 15:00 UTC) the overdue administrator obligations are
the CO claim's first report (due Fri 30 Oct), the pool claim's first report (same
day) and five of the NSW claim's (the three contacts due Mon 26 Oct, the liability
decision and the first weekly payment due Wed 28 Oct). Summit Mutual has one
supervisor; Harbour Insurance and the pool have none.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from opencomp.accounts.models import Notification, Organisation, User
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import ClaimDraft, claim_create
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.services import (
    ENGINE_FIELDS,
    escalations_run,
    obligation_row,
    obligation_waive,
    obligations_compute,
)

NOW = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)
NSW_OVERDUE = [
    "nsw.initial_contact_doctor#1",
    "nsw.initial_contact_employer#1",
    "nsw.initial_contact_worker#1",
    "nsw.liability_decision#1",
    "nsw.weekly_payments_start#1",
]


def _escalated(claim) -> list[str]:
    return sorted(
        ClaimEvent.objects.filter(claim=claim, kind=EventKind.OBLIGATION_ESCALATED).values_list(
            "payload__key", flat=True
        )
    )


def test_the_sweep_escalates_every_overdue_administrator_obligation_in_batches(book):
    # Given the book on Monday 2 November
    progress: list[int] = []

    # When the sweep runs one claim per transaction
    count = escalations_run(now=NOW, batch_size=1, progress=progress.append)

    # Then the seven overdue obligations are escalated, claim by claim
    assert count == 7
    assert progress == [1, 6, 7]
    assert _escalated(book.claim) == ["co.first_report_division#1"]
    assert _escalated(book.pool_claim) == ["co.first_report_division#1"]
    assert _escalated(book.other_claim) == NSW_OVERDUE
    # And each claim's log advanced by its escalations, dated when the sweep ran
    for claim, n in ((book.claim, 1), (book.pool_claim, 1), (book.other_claim, 5)):
        fresh = Claim.objects.get(pk=claim.pk)
        assert fresh.last_event_seq == claim.last_event_seq + n
        assert fresh.last_event_seq == ClaimEvent.objects.filter(claim=claim).count()
    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.OBLIGATION_ESCALATED)
    assert event.occurred_at == NOW
    assert event.payload == {
        "key": "co.first_report_division#1",
        "rule_id": "co.first_report_division",
        "title": "File the first report of injury with the Division",
        "due_date": "2026-10-30",
        "adjuster_id": book.users["adjuster"].pk,
        "supervisor_ids": [book.users["supervisor"].pk],
    }


def test_supervisors_get_one_portal_notice_each_and_nobody_else_any(book):
    # When the sweep runs
    escalations_run(now=NOW)

    # Then Summit Mutual's supervisor has one notice, for the one overdue obligation of its claim
    notices = Notification.objects.filter(channel="portal")
    assert [(n.recipient, n.claim_number) for n in notices] == [(book.users["supervisor"], book.claim.number)]
    notice = notices.get()
    assert (
        notice.subject == f"Overdue on {book.claim.number}: File the first report of injury with the Division"
    )
    assert notice.body.startswith(
        f"File the first report of injury with the Division on claim {book.claim.number} "
        "was due 30 Oct 2026 (C.R.S. 8-43-101(1)"
    )
    assert notice.recipient_name == "Sam Supervisor"
    # And the NSW and pool claims are escalated on their logs, with no one to notify
    for claim in (book.other_claim, book.pool_claim):
        events = ClaimEvent.objects.filter(claim=claim, kind=EventKind.OBLIGATION_ESCALATED)
        assert {tuple(e.payload["supervisor_ids"]) for e in events} == {()}


def test_inactive_supervisors_are_not_notified(book):
    User.objects.filter(pk=book.users["supervisor"].pk).update(is_active=False)

    escalations_run(now=NOW)

    assert not Notification.objects.filter(channel="portal").exists()
    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.OBLIGATION_ESCALATED)
    assert event.payload["supervisor_ids"] == []


def test_a_second_sweep_escalates_nothing(book):
    assert escalations_run(now=NOW) == 7
    events, notices = ClaimEvent.objects.count(), Notification.objects.count()

    assert escalations_run(now=NOW + dt.timedelta(days=1)) == 0

    assert (ClaimEvent.objects.count(), Notification.objects.count()) == (events, notices)


def test_an_obligation_is_escalated_only_once_its_due_time_has_passed(book):
    # Given the CO claim's admission or contest, due at the end of Thu 19 Nov 2026 in Denver
    escalations_run(now=NOW)
    row = Obligation.objects.get(claim=book.claim, key="co.admission_or_contest#1")

    # When the sweep runs at its due time exactly
    escalations_run(now=row.due_at)

    # Then it is not escalated yet
    assert _escalated(book.claim) == ["co.first_report_division#1"]

    # And a moment later it is
    escalations_run(now=row.due_at + dt.timedelta(microseconds=1))
    assert _escalated(book.claim) == ["co.admission_or_contest#1", "co.first_report_division#1"]
    row.refresh_from_db()
    assert row.escalated_seq == Claim.objects.get(pk=book.claim.pk).last_event_seq


def test_done_waived_and_other_parties_obligations_are_not_escalated(book):
    # Given an employer with the post-accident testing policy whose claim has no test record
    # (its alcohol and drug test clocks, the employer's, are overdue), and a waived obligation
    Organisation.objects.filter(pk=book.employer.pk).update(policies=["post_accident_testing"])
    book.employer.refresh_from_db()
    claim = claim_create(
        actor=None,
        draft=ClaimDraft(
            jurisdiction="CO",
            employer=book.employer,
            worker=book.worker,
            injury_date=dt.date(2026, 10, 29),
            injury_time=dt.time(9, 15),
            employer_knowledge_date=dt.date(2026, 10, 29),
            notification_date=dt.date(2026, 10, 30),
            claim_type="medical_only",
            nature_of_injury="Crush",
            body_part="Finger",
            description="Finger caught in the press.",
        ),
    )
    overdue_employer = Obligation.objects.filter(
        claim=claim, obligor="employer", status="open", due_at__lt=NOW
    )
    assert sorted(overdue_employer.values_list("rule_id", flat=True)) == ["co.alcohol_test", "co.drug_test"]
    obligation_waive(
        actor=book.users["adjuster"],
        obligation=Obligation.objects.get(claim=book.claim, key="co.first_report_division#1"),
        reason="Medical only after all.",
    )

    # When the sweep runs
    escalations_run(now=NOW)

    # Then none of them is escalated, nor the CO claim's satisfied employer report
    assert _escalated(claim) == []
    assert _escalated(book.claim) == []
    assert not Obligation.objects.filter(claim__in=[claim, book.claim], escalated_seq__isnull=False).exists()


def test_escalated_rows_are_what_the_engine_computes_from_the_log(book):
    # Given the sweep updated the rows itself (it appends its events in bulk, without listeners)
    escalations_run(now=NOW)

    # Then every row is exactly what the engine gives from the claim's log now
    for claim in Claim.objects.all():
        expected = {
            o.key: tuple(getattr(obligation_row(claim.pk, o, NOW), f) for f in ENGINE_FIELDS)
            for o in obligations_compute(claim)
        }
        stored = {
            row.key: tuple(getattr(row, f) for f in ENGINE_FIELDS)
            for row in Obligation.objects.filter(claim=claim)
        }
        assert stored == expected


@pytest.mark.parametrize("args", [[], ["--quiet"]])
def test_the_diary_escalate_command_reports_how_many(book, args):
    out = io.StringIO()

    call_command("diary", "escalate", *args, stdout=out, stderr=io.StringIO())

    assert json.loads(out.getvalue()) == {"escalated": 7}
    assert _escalated(book.other_claim) == NSW_OVERDUE
