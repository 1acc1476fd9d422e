"""Acceptance (issue 3): an NSW claim notified on the Thursday before Easter 2025.

Good Friday (18 April), Easter Saturday, Sunday and Monday (19 to 21 April) are not
business days in NSW, so the three contacts due "within three business days" fall on
Thursday 24 April, the same day as the liability decision due seven calendar days
after notification. Contacts logged by phone satisfy them; what is left overdue is
escalated to the administrator's supervisors once, however often (or however many
at once) the sweep runs.
"""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connections

from opencomp.accounts.models import Notification
from opencomp.accounts.services import user_create
from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import (
    ClaimDraft,
    claim_assign,
    claim_create,
    claim_event_append,
    claim_transition,
)
from opencomp.deadlines import batch
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.services import escalations_run

SYDNEY = ZoneInfo("Australia/Sydney")
NOTIFIED = dt.date(2025, 4, 17)  # Thursday before Easter
DUE = dt.date(2025, 4, 24)
CONTACTS = {
    "worker": "nsw.initial_contact_worker#1",
    "employer": "nsw.initial_contact_employer#1",
    "provider": "nsw.initial_contact_doctor#1",
}
OVERDUE = ["nsw.liability_decision#1", "nsw.weekly_payments_start#1"]


def _at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2025, 4, day, hour, 0, tzinfo=SYDNEY)


def _second_supervisor(book):
    return user_create(
        actor=None,
        username="supervisor_b",
        password="correct-horse-battery-staple",
        role="supervisor",
        organisation=book.insurer,
        first_name="Bea",
        last_name="Boss",
    )


def _notify_claim(book, traveller):
    """Thu 17 Apr 2025, 2 pm in Sydney: Summit Mutual is notified of Tom's claim."""
    traveller.move_to(_at(17, 14))
    claim = claim_create(
        actor=book.users["adjuster"],
        draft=ClaimDraft(
            jurisdiction="NSW",
            employer=book.other_employer,
            worker=book.other_worker,
            administrator=book.insurer,
            injury_date=dt.date(2025, 4, 16),
            employer_knowledge_date=dt.date(2025, 4, 16),
            notification_date=NOTIFIED,
            claim_type="lost_time",
            nature_of_injury="Sprain",
            body_part="Right ankle",
            description="Rolled the ankle stepping off the loading dock.",
        ),
    )
    return claim_assign(actor=book.users["supervisor"], claim=claim, adjuster=book.users["adjuster"])


def _log_contacts(book, claim, traveller):
    """Tue 22 Apr 2025, 10 am: the adjuster phones the worker, the employer and the doctor."""
    traveller.move_to(_at(22, 10))
    events = {}
    for party in CONTACTS:
        events[party] = claim_event_append(
            actor=book.users["adjuster"],
            claim=claim,
            kind="activity.logged",
            payload={
                "party": party,
                "channel": "phone",
                "direction": "outbound",
                "issue": "Initial contact",
                "action": "Explained the claim and the next steps.",
            },
        )
    return events


def _row(claim, key):
    return Obligation.objects.get(claim=claim, key=key)


def test_easter_is_not_counted_in_the_three_business_days(book, frozen_now):
    # Given the claim notified on Thursday 17 April 2025
    claim = _notify_claim(book, frozen_now)

    # Then each contact is due Thursday 24 April: Good Friday and Easter Saturday to Monday are skipped
    for key in CONTACTS.values():
        row = _row(claim, key)
        assert (row.status, row.obligor, row.trigger_seq) == ("open", "administrator", 1)
        assert (row.raw_due, row.due_date) == (DUE, DUE)
        assert row.due_at == dt.datetime.combine(DUE, dt.time.max, tzinfo=SYDNEY)
        assert row.anchor_at == dt.datetime(2025, 4, 17, tzinfo=SYDNEY)
        assert row.explanation == [
            "Triggered by claim.created (event #1); clock starts at notification date Thu 17 Apr 2025",
            "3 business days after Thu 17 Apr 2025, not counting that day; not business days: "
            "Fri 18 Apr 2025 (Good Friday), Sat 19 Apr 2025 (Easter Saturday), "
            "Sun 20 Apr 2025 (Easter Sunday), Mon 21 Apr 2025 (Easter Monday) → Thu 24 Apr 2025",
        ]
    # And the liability decision, 7 calendar days, is due the same Thursday
    decision = _row(claim, "nsw.liability_decision#1")
    assert (decision.status, decision.raw_due, decision.due_date) == ("open", DUE, DUE)
    assert decision.explanation[-1] == "7 calendar days after Thu 17 Apr 2025 → Thu 24 Apr 2025"
    assert decision.rules_version.startswith("NSW-2026.11.4+")
    assert decision.citation.startswith("Injury management program (seed 004), Assessing liability")


def test_phone_contacts_satisfy_each_contact(book, frozen_now):
    # Given the claim notified on Thursday 17 April 2025
    claim = _notify_claim(book, frozen_now)

    # When the adjuster phones the worker, the employer and the doctor on Tuesday 22 April
    events = _log_contacts(book, claim, frozen_now)

    # Then each contact is done on time by its own call
    for party, key in CONTACTS.items():
        row = _row(claim, key)
        assert (row.status, row.satisfied_seq) == ("satisfied", events[party].seq)
        assert row.satisfied_at == events[party].occurred_at
        assert row.explanation[-1] == (
            f"Done by activity.logged (event #{events[party].seq}) on Tue 22 Apr 2025: on time"
        )
    # And the liability decision is still open
    assert _row(claim, "nsw.liability_decision#1").status == "open"


def test_an_overdue_obligation_is_escalated_exactly_once(book, frozen_now):
    # Given the claim with its contacts made and two supervisors at the administrator
    supervisors = [book.users["supervisor"], _second_supervisor(book)]
    claim = _notify_claim(book, frozen_now)
    _log_contacts(book, claim, frozen_now)

    # When the sweep runs on Thursday 24 April at 5 pm, before the end of the due day
    frozen_now.move_to(_at(24, 17))
    assert escalations_run() == 0

    # And twice on Monday 28 April, after the due day
    frozen_now.move_to(_at(28, 9))
    first = escalations_run()
    second = escalations_run()

    # Then the liability decision and the first weekly payment are escalated, once each
    assert (first, second) == (2, 0)
    escalations = ClaimEvent.objects.filter(claim=claim, kind=EventKind.OBLIGATION_ESCALATED).order_by("seq")
    assert [e.payload["key"] for e in escalations] == OVERDUE
    for event in escalations:
        assert event.actor is None
        assert event.payload["due_date"] == "2025-04-24"
        assert event.payload["adjuster_id"] == book.users["adjuster"].pk
        assert event.payload["supervisor_ids"] == [s.pk for s in supervisors]
        row = _row(claim, event.payload["key"])
        assert (row.status, row.escalated_seq) == ("open", event.seq)
        assert row.explanation[-1] == f"Escalated to the supervisor by event #{event.seq}"
    # And each supervisor has one portal notice per escalated obligation, nobody else has any
    notices = Notification.objects.filter(claim_number=claim.number, channel="portal")
    assert sorted((n.recipient.username, n.subject) for n in notices) == sorted(
        (s.username, f"Overdue on {claim.number}: {title}")
        for s in supervisors
        for title in (
            "Decide liability (provisional, accepted, reasonable excuse or disputed)",
            "Start weekly payments",
        )
    )
    assert "was due 24 Apr 2025" in notices.first().body
    # And the satisfied contacts and the not-yet-due recovery screen are not escalated
    for key in [*CONTACTS.values(), "nsw.recovery_screen#1"]:
        assert _row(claim, key).escalated_seq is None


def test_an_escalation_survives_recompute_and_later_events(book, frozen_now):
    # Given the overdue obligations escalated on Monday 28 April
    claim = _notify_claim(book, frozen_now)
    _log_contacts(book, claim, frozen_now)
    frozen_now.move_to(_at(28, 9))
    escalations_run()
    escalated = {key: _row(claim, key).escalated_seq for key in OVERDUE}

    # When the liability decision is made late, and the whole table is recomputed
    frozen_now.move_to(_at(28, 11))
    claim_transition(actor=book.users["adjuster"], claim=claim, to_status="provisionally_accepted")
    decision = _row(claim, "nsw.liability_decision#1")
    assert (decision.status, decision.escalated_seq) == ("late", escalated["nsw.liability_decision#1"])
    batch.recompute()

    # Then the rows still carry their escalation, and the sweep escalates nothing again
    for key, seq in escalated.items():
        assert _row(claim, key).escalated_seq == seq
    assert _row(claim, "nsw.liability_decision#1").status == "late"
    assert escalations_run() == 0
    assert ClaimEvent.objects.filter(claim=claim, kind=EventKind.OBLIGATION_ESCALATED).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_escalate_each_obligation_once(frozen_now):
    """Two escalation runs start together (two workers, or cron overlapping): no double escalation."""
    from conftest import build_book

    # Given the claim with its contacts made, overdue on Monday 28 April
    book = build_book()
    supervisors = [book.users["supervisor"], _second_supervisor(book)]
    claim = _notify_claim(book, frozen_now)
    _log_contacts(book, claim, frozen_now)
    frozen_now.move_to(_at(28, 9))
    barrier = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            barrier.wait(timeout=10)
            counts.append(escalations_run())
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    # When two sweeps run at the same moment
    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    # Then between them they escalated each overdue obligation once
    assert errors == []
    assert sorted(counts) == [0, 2]
    escalations = ClaimEvent.objects.filter(claim=claim, kind=EventKind.OBLIGATION_ESCALATED)
    assert sorted(e.payload["key"] for e in escalations) == OVERDUE
    assert Notification.objects.filter(claim_number=claim.number, channel="portal").count() == 2 * len(
        supervisors
    )
    for event in escalations:
        assert _row(claim, event.payload["key"]).escalated_seq == event.seq
    claim.refresh_from_db()
    assert claim.last_event_seq == ClaimEvent.objects.filter(claim=claim).count()


def test_a_claim_notified_on_a_sydney_morning_is_notified_that_day(book, frozen_now):
    # Given 9 am on Thursday 17 April 2025 in Sydney (23:00 on Wednesday in UTC)
    frozen_now.move_to(_at(17, 9))

    # When the claim is opened as notified today
    claim = claim_create(
        actor=book.users["adjuster"],
        draft=ClaimDraft(
            jurisdiction="NSW",
            employer=book.other_employer,
            worker=book.other_worker,
            administrator=book.insurer,
            injury_date=dt.date(2025, 4, 16),
            employer_knowledge_date=dt.date(2025, 4, 16),
            notification_date=NOTIFIED,
            claim_type="lost_time",
            nature_of_injury="Sprain",
            body_part="Right ankle",
            description="Rolled the ankle stepping off the loading dock.",
        ),
    )

    # Then it is accepted, and the clocks count from that Thursday
    assert _row(claim, "nsw.liability_decision#1").due_date == DUE
