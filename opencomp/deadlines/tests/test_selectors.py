"""The diary, the team's load and timeliness, on a hand-built obligations table.

The rows are written directly (not by the engine) so each bucket and count below
has a known answer. Now is Monday 2 November 2026, 15:00 UTC (8 am in Denver).
"""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from opencomp.claims.services import ClaimDraft, claim_assign, claim_create
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.selectors import diary_for, team_load, timeliness

D = dt.date
DENVER = ZoneInfo("America/Denver")
NOW = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)
TODAY = D(2026, 11, 2)
_keys = itertools.count(1)
TITLES = {
    "co.first_report_division": "File the first report of injury with the Division",
    "co.admission_or_contest": "File an admission of liability or a notice of contest",
    "co.employer_report": "Employer reports the injury to the insurer or administrator",
    "nsw.liability_decision": "Decide liability",
    "diary.entry": "Diary entry",
    "diary.info_request": "Follow up the request for information",
}


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.max, tzinfo=DENVER)


def _row(claim, rule_id, due, status="open", obligor="administrator", done_on=None) -> Obligation:
    """One obligation of ``rule_id`` due at the end of ``due`` in Denver (done at noon ``done_on``)."""
    n = next(_keys)
    return Obligation.objects.create(
        claim=claim,
        key=f"{rule_id}#{n}",
        rule_id=rule_id,
        title=TITLES[rule_id],
        obligor=obligor,
        citation="Test citation",
        status=status,
        trigger_seq=n,
        anchor_at=dt.datetime.combine(due, dt.time.min, tzinfo=DENVER),
        raw_due=due,
        due_date=due,
        due_at=_end_of(due),
        satisfied_seq=n if done_on else None,
        satisfied_at=dt.datetime.combine(done_on, dt.time(12), tzinfo=DENVER) if done_on else None,
        rules_version="CO-test",
        calendar_version="test",
        computed_at=NOW,
    )


def _claim(book, adjuster):
    claim = claim_create(
        actor=None,
        draft=ClaimDraft(
            jurisdiction="CO",
            employer=book.employer,
            worker=book.worker,
            injury_date=D(2026, 10, 20),
            employer_knowledge_date=D(2026, 10, 20),
            notification_date=D(2026, 10, 21),
            claim_type="medical_only",
            nature_of_injury="Cut",
            body_part="Hand",
            description="Cut on sheet metal.",
        ),
    )
    if adjuster is not None:
        claim = claim_assign(actor=None, claim=claim, adjuster=adjuster)
    return claim


@pytest.fixture
def team(book):
    """Summit Mutual's claims: Avery's (the book's CO claim), Blake's, and an unassigned one."""
    Obligation.objects.all().delete()
    avery = book.claim
    blake = _claim(book, book.users["adjuster2"])
    nobody = _claim(book, None)
    Obligation.objects.all().delete()
    rows = {
        # Avery: two overdue, one due today, two within 7 days, and five that are not in the diary
        "a_overdue_1": _row(avery, "co.first_report_division", D(2026, 10, 30)),
        "a_overdue_2": _row(avery, "diary.entry", D(2026, 11, 1)),
        "a_today": _row(avery, "diary.info_request", TODAY),
        "a_week_1": _row(avery, "co.admission_or_contest", D(2026, 11, 5)),
        "a_week_2": _row(avery, "diary.entry", D(2026, 11, 9)),
        "a_later": _row(avery, "diary.entry", D(2026, 11, 10)),
        "a_done": _row(avery, "diary.entry", D(2026, 10, 28), status="satisfied", done_on=D(2026, 10, 27)),
        "a_waived": _row(avery, "diary.entry", D(2026, 10, 29), status="waived"),
        "a_employer": _row(avery, "co.employer_report", D(2026, 10, 30), obligor="employer"),
        "a_worker": _row(avery, "co.employer_report", TODAY, obligor="worker"),
        # Blake: one overdue, one within 7 days
        "b_overdue": _row(blake, "co.first_report_division", D(2026, 10, 31)),
        "b_week": _row(blake, "diary.entry", D(2026, 11, 3)),
        # Unassigned: one due today
        "n_today": _row(nobody, "diary.entry", TODAY),
    }
    # The NSW claim is another administrator's: never in Summit Mutual's views
    _row(book.other_claim, "nsw.liability_decision", D(2026, 10, 28))
    return rows


def _keys_of(rows):
    return [o.key for o in rows]


def test_the_adjusters_diary_buckets_their_open_obligations(book, team):
    # When Avery opens the diary
    diary = diary_for(book.users["adjuster"], now=NOW, today=TODAY)

    # Then it shows Avery's administrator obligations by bucket, soonest first
    assert _keys_of(diary.overdue) == [team["a_overdue_1"].key, team["a_overdue_2"].key]
    assert _keys_of(diary.due_today) == [team["a_today"].key]
    assert _keys_of(diary.next_7_days) == [team["a_week_1"].key, team["a_week_2"].key]
    assert diary.total == 5


def test_the_team_diary_shows_every_claim_of_the_administrator(book, team):
    diary = diary_for(book.users["supervisor"], now=NOW, today=TODAY, team=True)

    assert _keys_of(diary.overdue) == [team[k].key for k in ("a_overdue_1", "b_overdue", "a_overdue_2")]
    assert _keys_of(diary.due_today) == [team[k].key for k in ("a_today", "n_today")]
    assert _keys_of(diary.next_7_days) == [team[k].key for k in ("b_week", "a_week_1", "a_week_2")]


def test_the_diary_buckets_follow_the_clock(book, team):
    # When it is 8 am on Tue 3 Nov in Denver
    diary = diary_for(
        book.users["supervisor"],
        now=dt.datetime(2026, 11, 3, 15, tzinfo=dt.UTC),
        today=D(2026, 11, 3),
        team=True,
    )

    # Then what was due yesterday is overdue and Blake's Tuesday entry is due today
    assert len(diary.overdue) == 5
    assert _keys_of(diary.due_today) == [team["b_week"].key]
    assert _keys_of(diary.next_7_days) == [team[k].key for k in ("a_week_1", "a_week_2", "a_later")]


@pytest.mark.parametrize("username", ["worker", "employer_supervisor", "provider"])
def test_people_outside_the_administrator_see_no_diary(book, team, username):
    diary = diary_for(book.users[username], now=NOW, today=TODAY, team=True)

    assert diary.total == 0


def test_another_administrators_adjuster_sees_only_their_own_claims(book, team):
    # When Harbour Insurance's adjuster looks at the whole team's diary, and at their own
    team_diary = diary_for(book.users["other_adjuster"], now=NOW, today=TODAY, team=True)
    own_diary = diary_for(book.users["other_adjuster"], now=NOW, today=TODAY)

    # Then only Harbour's overdue NSW decision shows, and none is assigned to them
    assert [o.claim_id for o in team_diary.overdue] == [book.other_claim.pk]
    assert team_diary.total == 1
    assert own_diary.total == 0


def test_a_bucket_holds_at_most_the_limit(book, team):
    diary = diary_for(book.users["supervisor"], now=NOW, today=TODAY, team=True, limit=1)

    assert (len(diary.overdue), len(diary.due_today), len(diary.next_7_days)) == (1, 1, 1)
    assert _keys_of(diary.overdue) == [team["a_overdue_1"].key]


def test_team_load_counts_per_adjuster(book, team):
    # When the supervisor looks at the team
    load = team_load(book.users["supervisor"], now=NOW, today=TODAY)

    # Then each adjuster's open obligations are counted by bucket, most overdue first
    assert [(t.adjuster_id, t.adjuster_name, t.overdue, t.due_today, t.next_7_days) for t in load] == [
        (book.users["adjuster"].pk, "Avery Adjuster", 2, 1, 2),
        (book.users["adjuster2"].pk, "Blake Second", 1, 0, 1),
        (None, "Unassigned", 0, 1, 0),
    ]


@pytest.fixture
def history(book):
    """Obligations due in October 2026 on Avery's and Blake's claims, in every state."""
    Obligation.objects.all().delete()
    avery = book.claim
    blake = _claim(book, book.users["adjuster2"])
    Obligation.objects.all().delete()
    # co.first_report_division: 2 on time, late by 3 and by 1 day, 1 overdue (3 days at Mon 2 Nov)
    _row(avery, "co.first_report_division", D(2026, 10, 20), "satisfied", done_on=D(2026, 10, 19))
    _row(blake, "co.first_report_division", D(2026, 10, 20), "satisfied", done_on=D(2026, 10, 20))
    _row(avery, "co.first_report_division", D(2026, 10, 20), "late", done_on=D(2026, 10, 23))
    _row(blake, "co.first_report_division", D(2026, 10, 20), "late", done_on=D(2026, 10, 21))
    _row(avery, "co.first_report_division", D(2026, 10, 30))
    # ...and not counted: waived, cancelled, open and not yet due, due outside the period
    _row(avery, "co.first_report_division", D(2026, 10, 25), "waived")
    _row(avery, "co.first_report_division", D(2026, 10, 25), "cancelled")
    _row(avery, "co.first_report_division", D(2026, 11, 5))
    _row(avery, "co.first_report_division", D(2026, 9, 30), "late", done_on=D(2026, 10, 30))
    # co.admission_or_contest: 1 on time
    _row(blake, "co.admission_or_contest", D(2026, 10, 15), "satisfied", done_on=D(2026, 10, 15))
    # diary.entry: late by 2 days, and by 4 days
    _row(avery, "diary.entry", D(2026, 10, 10), "late", done_on=D(2026, 10, 12))
    _row(blake, "diary.entry", D(2026, 10, 10), "late", done_on=D(2026, 10, 14))
    # another administrator's claim: not Summit Mutual's to count
    _row(book.other_claim, "diary.entry", D(2026, 10, 10), "late", done_on=D(2026, 10, 30))
    return avery, blake


def test_timeliness_by_rule(book, history):
    # When the supervisor asks how October went, by rule
    rows = timeliness(
        book.users["supervisor"], group_by="rule", due_from=D(2026, 10, 1), due_to=D(2026, 10, 31), now=NOW
    )

    # Then each rule's share on time and median days late (late and overdue ones) are exact
    assert [t.group for t in rows] == ["diary.entry", "co.first_report_division", "co.admission_or_contest"]
    assert [
        (t.label, t.counted, t.on_time, t.late, t.overdue, t.share_on_time, t.median_days_late) for t in rows
    ] == [
        ("Diary entry", 2, 0, 2, 0, 0.0, 3.0),
        ("File the first report of injury with the Division", 5, 2, 2, 1, 0.4, 3.0),
        ("File an admission of liability or a notice of contest", 1, 1, 0, 0, 1.0, None),
    ]


def test_timeliness_by_adjuster(book, history):
    rows = timeliness(
        book.users["supervisor"],
        group_by="adjuster",
        due_from=D(2026, 10, 1),
        due_to=D(2026, 10, 31),
        now=NOW,
    )

    # Avery: on time 1, late 3 and 2 days, overdue 3 days → 1/4, median 3
    # Blake: on time 2, late 1 and 4 days → 2/4, median 2.5
    assert [(t.label, t.counted, t.share_on_time, t.median_days_late) for t in rows] == [
        ("Avery Adjuster", 4, 0.25, 3.0),
        ("Blake Second", 4, 0.5, 2.5),
    ]
    assert rows[0].group == str(book.users["adjuster"].pk)


def test_timeliness_by_administrator_and_jurisdiction(book, history):
    rows = timeliness(
        book.users["admin"],
        group_by="administrator",
        due_from=D(2026, 10, 1),
        due_to=D(2026, 10, 31),
        now=NOW,
        jurisdiction="NSW",
    )

    assert [(t.label, t.counted, t.late, t.share_on_time, t.median_days_late) for t in rows] == [
        ("Harbour Insurance", 1, 1, 0.0, 20.0)
    ]


def test_timeliness_refuses_an_unknown_grouping(book):
    with pytest.raises(ValueError, match="group_by must be one of rule, adjuster, administrator"):
        timeliness(book.users["supervisor"], group_by="moon", due_from=TODAY, due_to=TODAY, now=NOW)
