"""The diary pages: the work queue's diary, the full diary, team load, timeliness, notices.

The clock is pinned to Mon 2 Nov 2026 15:00 UTC (``frozen_now``). The insurer's users
have no home jurisdiction, so their "today" is the server's (UTC): 2 Nov 2026.
``book.claim`` (CO-26-000001, assigned to Avery Adjuster) was notified on 21 Oct; its
"File the first report of injury with the Division" fell due on Fri 30 Oct and is open.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from opencomp.accounts.models import Notification, Organisation
from opencomp.accounts.services import notification_queue, user_create
from opencomp.claims.services import ClaimDraft, claim_assign, claim_create
from opencomp.core.errors import NotFound
from opencomp.core.models import AuditEntry
from opencomp.deadlines import selectors
from opencomp.deadlines.models import Obligation, ObligationStatus
from opencomp.deadlines.notices import notice_mark_read, notices_mark_all_read
from opencomp.deadlines.services import diary_entry_add, escalations_run

NOW = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 2)
DENVER = ZoneInfo("America/Denver")
FIRST_REPORT = "co.first_report_division"
ADMISSION = "co.admission_or_contest"


def _claim(book, *, employer=None, worker=None, jurisdiction="CO", known=None, notified=None, **kw):
    """A lost-time claim; like ``book.claim``, injured and known on 20 Oct and notified on 21 Oct."""
    known = known or notified or dt.date(2026, 10, 20)
    return claim_create(
        actor=None,
        draft=ClaimDraft(
            jurisdiction=jurisdiction,
            employer=employer or book.employer,
            worker=worker or book.worker,
            injury_date=known,
            employer_knowledge_date=known,
            notification_date=notified or dt.date(2026, 10, 21),
            claim_type="lost_time",
            nature_of_injury="Strain",
            body_part="Shoulder",
            description="Lifting a pallet.",
            **kw,
        ),
    )


def _entry(claim, actor, due_on: dt.date, title: str = "Call the treating doctor"):
    """A diary entry due on ``due_on``; one already past was set on the morning of its day."""
    set_at = NOW if due_on >= TODAY else dt.datetime.combine(due_on, dt.time(9), tzinfo=DENVER)
    with time_machine.travel(set_at, tick=False):
        diary_entry_add(actor=actor, claim=claim, title=title, due_on=due_on)
    claim.refresh_from_db()


def _keys(rows) -> list[tuple[str, str]]:
    """(claim number, rule id) of diary rows or obligations."""
    return [(o.claim.number, o.rule_id) for o in (getattr(row, "obligation", row) for row in rows)]


@pytest.fixture
def diary(book):
    """Diary entries on Avery's claim, and a second Acme claim for Blake with one of its own.

    Avery (``book.claim``): first report overdue since 30 Oct; entries due 31 Oct
    (overdue), 2 Nov (today), 9 Nov (the 7th day ahead) and 10 Nov (beyond).
    Blake (CO-26-000003): first report also overdue since 30 Oct; an entry due 3 Nov.
    """
    adjuster, adjuster2 = book.users["adjuster"], book.users["adjuster2"]
    for due in (dt.date(2026, 10, 31), TODAY, dt.date(2026, 11, 9), dt.date(2026, 11, 10)):
        _entry(book.claim, adjuster, due)
    blake = claim_assign(actor=None, claim=_claim(book), adjuster=adjuster2)
    _entry(blake, adjuster2, dt.date(2026, 11, 3))
    return blake


# The diary on the work queue -------------------------------------------------------------------


def test_adjusters_work_queue_opens_with_their_diary_in_three_buckets(book, diary, login):
    # given
    client = login("adjuster")

    # when
    response = client.get(reverse("web:work_queue"))

    # then
    preview = response.context["diary"]
    buckets = {b.key: b for b in preview.buckets}
    assert preview.scope == "mine"
    assert preview.scope_links == []  # an adjuster has no team diary
    assert _keys(buckets["overdue"].rows) == [("CO-26-000001", FIRST_REPORT), ("CO-26-000001", "diary.entry")]
    assert [r.days_overdue for r in buckets["overdue"].rows] == [3, 2]
    assert _keys(buckets["due_today"].rows) == [("CO-26-000001", "diary.entry")]
    assert [r.obligation.due_date for r in buckets["next_7_days"].rows] == [dt.date(2026, 11, 9)]
    assert (buckets["overdue"].count, buckets["due_today"].count, buckets["next_7_days"].count) == (2, 1, 1)
    html = response.content.decode()
    assert "3 days overdue" in html
    assert "CO-26-000003" not in html  # Blake's claim: neither in Avery's diary nor in their queue
    assert 'href="/claims/CO-26-000001/"' in html
    assert "File the first report of injury with the Division" in html


def test_work_queue_diary_caps_each_bucket_and_links_to_the_full_list(book, diary, login):
    # given: six more overdue entries, eight overdue in all
    for day in range(24, 30):
        _entry(book.claim, book.users["adjuster"], dt.date(2026, 10, day))
    client = login("adjuster")

    # when
    response = client.get(reverse("web:work_queue"))

    # then
    overdue = response.context["diary"].buckets[0]
    assert overdue.count == 8
    assert len(overdue.rows) == 5
    assert overdue.all_url == "/diary/?scope=mine&bucket=overdue"
    assert 'href="/diary/?scope=mine&amp;bucket=overdue">Show all 8 overdue</a>' in response.content.decode()


def test_supervisor_sees_mine_by_default_and_the_team_with_its_adjusters(book, diary, login):
    # given
    client = login("supervisor")

    # when
    mine = client.get(reverse("web:work_queue"))
    team = client.get(reverse("web:work_queue"), {"diary": "team"})

    # then
    assert mine.context["diary"].scope == "mine"
    assert mine.context["diary"].total == 0
    assert "Your diary is clear" in mine.content.decode()
    preview = team.context["diary"]
    overdue = {b.key: b for b in preview.buckets}["overdue"]
    assert preview.scope == "team"
    assert _keys(overdue.rows) == [
        ("CO-26-000001", FIRST_REPORT),
        ("CO-26-000003", FIRST_REPORT),
        ("CO-26-000001", "diary.entry"),
    ]
    assert {b.key: b.count for b in preview.buckets} == {"overdue": 3, "due_today": 1, "next_7_days": 2}
    html = team.content.decode()
    assert "Blake Second" in html
    assert "Avery Adjuster" in html
    assert '<input type="hidden" name="diary" value="team">' in html


def test_adjuster_asking_for_the_team_diary_gets_their_own(book, diary, login):
    response = login("adjuster").get(reverse("web:work_queue"), {"diary": "team"})

    assert response.context["diary"].scope == "mine"
    assert "Blake Second" not in response.content.decode()


@pytest.mark.parametrize("role", ["employer_coordinator", "auditor", "worker", "admin"])
def test_only_adjusters_and_supervisors_get_the_diary_on_the_work_queue(book, role, login):
    response = login(role).get(reverse("web:work_queue"))

    assert response.context["diary"] is None
    assert 'id="diary-title"' not in response.content.decode()


# The full diary ---------------------------------------------------------------------------------


def _diary(client, **params):
    return client.get(reverse("web:diary"), params)


def test_full_diary_lists_every_bucket_with_counts_in_the_tabs(book, diary, login):
    # when
    response = _diary(login("adjuster"))

    # then
    assert response.status_code == 200
    assert [r.bucket for r in response.context["rows"]] == [
        "overdue",
        "overdue",
        "due_today",
        "next_7_days",
    ]
    assert [(label, count) for _key, label, count, _url in response.context["tabs"]] == [
        ("All", 4),
        ("Overdue", 2),
        ("Due today", 1),
        ("Next 7 days", 1),
    ]
    assert response.context["show_adjuster"] is False


def test_full_diary_filters_by_bucket_adjuster_jurisdiction_and_rule(book, diary, login):
    # given
    client = login("supervisor")
    blake = book.users["adjuster2"].pk

    # when
    overdue = _diary(client, scope="team", bucket="overdue")
    for_blake = _diary(client, adjuster=blake)
    first_reports = _diary(client, scope="team", rule=FIRST_REPORT)
    in_nsw = _diary(client, scope="team", jurisdiction="NSW")

    # then
    assert _keys(overdue.context["rows"]) == [
        ("CO-26-000001", FIRST_REPORT),
        ("CO-26-000003", FIRST_REPORT),
        ("CO-26-000001", "diary.entry"),
    ]
    assert overdue.context["show_adjuster"] is True
    assert _keys(for_blake.context["rows"]) == [
        ("CO-26-000003", FIRST_REPORT),
        ("CO-26-000003", "diary.entry"),
    ]
    assert for_blake.context["filters"].team is True  # naming an adjuster means the team's claims
    assert _keys(first_reports.context["rows"]) == [
        ("CO-26-000001", FIRST_REPORT),
        ("CO-26-000003", FIRST_REPORT),
    ]
    assert in_nsw.context["rows"] == []
    assert "No open obligations match these filters." in in_nsw.content.decode()


def test_full_diary_filters_unassigned_claims(book, diary, login):
    # given: an unassigned Acme claim
    _claim(book)

    # when
    response = _diary(login("supervisor"), adjuster=selectors.UNASSIGNED, bucket="overdue")

    # then
    assert _keys(response.context["rows"]) == [("CO-26-000004", FIRST_REPORT)]
    assert "<td>Unassigned</td>" in response.content.decode()


def test_full_diary_is_paginated(book, login):
    # given: 30 entries due today
    for _ in range(30):
        _entry(book.claim, book.users["adjuster"], TODAY)
    client = login("adjuster")

    # when
    first = _diary(client, bucket="due_today")
    second = _diary(client, bucket="due_today", page=2)

    # then
    assert len(first.context["rows"]) == 25
    assert len(second.context["rows"]) == 5
    assert "26\N{EN DASH}30 of 30" in second.content.decode()
    assert 'href="?bucket=due_today&amp;page=2"' in first.content.decode()


@pytest.mark.parametrize(
    ("role", "params", "field"),
    [
        pytest.param("adjuster", {"bucket": "someday"}, "bucket", id="unknown-bucket"),
        pytest.param("adjuster", {"scope": "team"}, "scope", id="adjuster-has-no-team"),
        pytest.param("supervisor", {"adjuster": "999999"}, "adjuster", id="unknown-adjuster"),
        pytest.param("supervisor", {"adjuster": "avery"}, "adjuster", id="adjuster-not-a-number"),
        pytest.param("supervisor", {"rule": "co.nothing"}, "rule", id="unknown-rule"),
        pytest.param("supervisor", {"jurisdiction": "XX"}, "jurisdiction", id="unknown-jurisdiction"),
    ],
)
def test_full_diary_refuses_filters_it_does_not_offer_with_a_field_error(
    book, diary, login, role, params, field
):
    # when
    response = _diary(login(role), **params)

    # then
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert response.context["rows"] == []
    html = response.content.decode()
    assert "field--error" in html
    assert "These filters cannot be applied." in html


def test_adjuster_filter_is_only_offered_to_supervisors(book, diary, login):
    # when: an adjuster names a colleague
    response = _diary(login("adjuster"), adjuster=book.users["adjuster2"].pk)

    # then: the field does not exist for them, so it narrows nothing and reveals nothing
    assert "adjuster" not in response.context["form"].fields
    assert {o.obligation.claim.assigned_adjuster_id for o in response.context["rows"]} == {
        book.users["adjuster"].pk
    }


def test_nsw_claim_due_today_in_sydney_is_already_overdue_for_a_utc_adjuster(book, login):
    # given: Blue Gum claims notified Wed 28 and Thu 29 Oct; 3 business days → Mon 2 / Tue 3 Nov,
    # end of day in Sydney (13:00 UTC). At 15:00 UTC it is already Tue 3 Nov 02:00 in Sydney.
    harbour = book.users["other_adjuster"]
    for notified in (dt.date(2026, 10, 28), dt.date(2026, 10, 29)):
        claim = _claim(
            book,
            employer=book.other_employer,
            worker=book.other_worker,
            jurisdiction="NSW",
            notified=notified,
        )
        claim_assign(actor=None, claim=claim, adjuster=harbour)

    # when
    utc_adjuster = _diary(login("other_adjuster"), rule="nsw.initial_contact_worker")
    sydney_officer = _diary(login("nsw_compliance_officer"), rule="nsw.initial_contact_worker")

    # then
    assert [(r.obligation.claim.number, r.bucket, r.days_overdue) for r in utc_adjuster.context["rows"]] == [
        ("NSW-26-000002", "overdue", 1),
        ("NSW-26-000003", "next_7_days", None),
    ]
    # in Sydney it is Tuesday 3 Nov: the second claim's contact is due today
    buckets = [(r.obligation.claim.number, r.bucket) for r in sydney_officer.context["rows"]]
    assert ("NSW-26-000003", "due_today") in buckets
    assert ("NSW-26-000002", "overdue") in buckets


def test_employer_coordinator_diary_lists_the_employers_hour_rules_with_their_time(book, login):
    # given: Acme tests after accidents; an injury at 06:00 Denver today → alcohol test by 14:00,
    # drug test by 14:00 tomorrow (8 and 32 hours)
    Organisation.objects.filter(pk=book.employer.pk).update(policies=["post_accident_testing"])
    book.employer.refresh_from_db()
    _claim(book, notified=TODAY, injury_time=dt.time(6, 0))

    # when
    response = _diary(login("employer_coordinator"), rule="co.alcohol_test")
    drug = _diary(login("employer_coordinator"), rule="co.drug_test")

    # then
    (alcohol,) = response.context["rows"]
    assert alcohol.timed is True
    assert alcohol.bucket == "due_today"
    assert alcohol.obligation.due_at == dt.datetime(2026, 11, 2, 14, 0, tzinfo=DENVER)
    assert "2 Nov 2026 14:00" in response.content.decode()  # Denver time: the coordinator's zone
    assert [r.bucket for r in drug.context["rows"]] == ["next_7_days"]
    assert "3 Nov 2026 14:00" in drug.content.decode()


def test_day_rules_show_their_date_without_a_time(book, login):
    response = _diary(login("adjuster"), bucket="overdue")

    (row,) = response.context["rows"]
    assert row.timed is False
    assert '<time datetime="2026-10-30">30 Oct 2026</time>' in response.content.decode()


def test_oversight_roles_see_every_claim_they_may_see_with_the_adjuster(book, diary, login):
    # when
    auditor = _diary(login("auditor"), bucket="overdue")
    pool = _diary(login("pool_administrator"), bucket="overdue")

    # then
    assert auditor.context["filters"].team is True
    assert auditor.context["show_adjuster"] is True
    assert [n for n, _rule in _keys(auditor.context["rows"])] == [
        "CO-26-000001",
        "CO-26-000003",
        "CO-26-000001",
    ]
    assert _keys(pool.context["rows"]) == [("CO-26-000002", FIRST_REPORT)]


# Team load --------------------------------------------------------------------------------------


def test_team_load_counts_per_adjuster_most_overdue_first(book, diary, login):
    # given: an unassigned claim with its first report due in 5 days (notified 28 Oct → 7 Nov)
    _claim(book, notified=dt.date(2026, 10, 28))

    # when
    response = login("supervisor").get(reverse("web:diary_team"))

    # then
    loads = [
        (r.load.adjuster_name, r.load.overdue, r.load.due_today, r.load.next_7_days)
        for r in response.context["rows"]
    ]
    assert loads == [
        ("Avery Adjuster", 2, 1, 1),
        ("Blake Second", 1, 0, 1),
        ("Unassigned", 0, 0, 1),
        ("Sam Supervisor", 0, 0, 0),
    ]
    totals = response.context["totals"]
    assert (totals.overdue, totals.due_today, totals.next_7_days, totals.total) == (3, 1, 3, 7)
    blake = response.context["rows"][1]
    assert (
        blake.links["overdue"] == f"/diary/?scope=team&adjuster={book.users['adjuster2'].pk}&bucket=overdue"
    )
    assert (
        response.context["rows"][2].links["next_7_days"] == "/diary/?scope=team&adjuster=0&bucket=next_7_days"
    )


def test_team_load_link_opens_the_filtered_diary(book, diary, login):
    # given
    client = login("supervisor")
    link = client.get(reverse("web:diary_team")).context["rows"][1].links["overdue"]

    # when
    response = client.get(link)

    # then
    assert _keys(response.context["rows"]) == [("CO-26-000003", FIRST_REPORT)]


# Timeliness -------------------------------------------------------------------------------------


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.max, tzinfo=DENVER)


def _obligation(claim, n: int, rule_id: str, status: str, due: dt.date, done: dt.date | None = None, **kw):
    return Obligation.objects.create(
        claim=claim,
        key=f"{rule_id}#test{n}",
        rule_id=rule_id,
        title={FIRST_REPORT: "File the first report", ADMISSION: "Admit or contest"}.get(rule_id, rule_id),
        obligor=kw.pop("obligor", "administrator"),
        citation="Test",
        status=status,
        trigger_seq=1,
        anchor_at=_end_of(due),
        raw_due=due,
        due_date=due,
        due_at=_end_of(due),
        satisfied_at=dt.datetime.combine(done, dt.time(10), tzinfo=DENVER) if done else None,
        rules_version="test",
        calendar_version="test",
        computed_at=NOW,
        **kw,
    )


@pytest.fixture
def march(book, diary):
    """Obligations due in March 2026, hand-built.

    Avery's claim, first report: on time; late by 3 and by 1 day; open since 20 Mar
    (227 days late on 2 Nov); one waived and one cancelled (not counted).
    Blake's claim, admission: on time twice; late by 10 days; on time but due 1 Apr
    (outside March); and an employer obligation done late (not the administrator's).
    """
    S, L, OPEN = ObligationStatus.SATISFIED, ObligationStatus.LATE, ObligationStatus.OPEN
    D = dt.date
    for n, (status, due, done) in enumerate(
        [
            (S, D(2026, 3, 10), D(2026, 3, 9)),
            (L, D(2026, 3, 10), D(2026, 3, 13)),
            (L, D(2026, 3, 10), D(2026, 3, 11)),
            (OPEN, D(2026, 3, 20), None),
            (ObligationStatus.WAIVED, D(2026, 3, 12), None),
            (ObligationStatus.CANCELLED, D(2026, 3, 12), None),
        ]
    ):
        _obligation(book.claim, n, FIRST_REPORT, status, due, done)
    for n, (status, due, done) in enumerate(
        [
            (S, D(2026, 3, 5), D(2026, 3, 5)),
            (S, D(2026, 3, 6), D(2026, 3, 2)),
            (L, D(2026, 3, 6), D(2026, 3, 16)),
            (S, D(2026, 4, 1), D(2026, 3, 30)),
        ]
    ):
        _obligation(diary, n, ADMISSION, status, due, done)
    _obligation(diary, 9, "co.employer_report", L, D(2026, 3, 6), D(2026, 3, 20), obligor="employer")


MARCH = {"due_from": "2026-03-01", "due_to": "2026-03-31"}


def _row(table, group):
    return next(r for r in table.rows if r.label == group)


def test_timeliness_by_rule_adjuster_and_administrator(book, march, login):
    # when
    response = login("supervisor").get(reverse("web:diary_timeliness"), MARCH)

    # then
    tables = {t.key: t for t in response.context["tables"]}
    by_rule = [
        (r.group, r.counted, r.on_time, r.late, r.overdue, r.share_on_time, r.median_days_late)
        for r in tables["rule"].rows
    ]
    assert by_rule == [
        (FIRST_REPORT, 4, 1, 2, 1, 0.25, 3.0),
        (ADMISSION, 3, 2, 1, 0, 2 / 3, 10.0),
    ]
    assert [(r.label, r.counted, r.share_on_time, r.median_days_late) for r in tables["adjuster"].rows] == [
        ("Avery Adjuster", 4, 0.25, 3.0),
        ("Blake Second", 3, 2 / 3, 10.0),
    ]
    (summit,) = tables["administrator"].rows
    assert (summit.label, summit.counted, summit.on_time, summit.late, summit.overdue) == (
        "Summit Mutual",
        7,
        3,
        3,
        1,
    )
    assert summit.share_on_time == 3 / 7
    assert summit.median_days_late == 6.5  # 1, 3, 10, 227
    html = response.content.decode()
    assert '<span class="share">25.0%</span>' in html
    assert '<span class="share">66.7%</span>' in html
    assert '<span class="share">42.9%</span>' in html
    assert '<td class="num">6.5</td>' in html


def test_timeliness_selector_counts_every_obligor_unless_told(book, march):
    # when
    everyone = selectors.timeliness(
        book.users["supervisor"],
        group_by="administrator",
        due_from=dt.date(2026, 3, 1),
        due_to=dt.date(2026, 3, 31),
        now=NOW,
    )

    # then: the employer's report, 14 days late, counts too: 1, 3, 10, 14, 227
    (summit,) = everyone
    assert (summit.counted, summit.late, summit.median_days_late) == (8, 4, 10.0)


def test_timeliness_filters_by_jurisdiction(book, march, login):
    response = login("supervisor").get(reverse("web:diary_timeliness"), {**MARCH, "jurisdiction": "NSW"})

    assert response.context["empty"] is True
    assert "No obligations were due in this period." in response.content.decode()


def test_timeliness_defaults_to_the_last_12_months(book, march, login):
    # when
    response = login("auditor").get(reverse("web:diary_timeliness"))

    # then
    form = response.context["form"]
    assert (form.cleaned_data["due_from"], form.cleaned_data["due_to"]) == (dt.date(2025, 11, 3), TODAY)
    (summit,) = {t.key: t for t in response.context["tables"]}["administrator"].rows
    # March's seven, the admission due 1 Apr, and three overdue since 30 and 31 Oct
    assert summit.counted == 7 + 1 + 3
    assert 'value="2025-11-03"' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        pytest.param(
            {"due_from": "2026-05-01", "due_to": "2026-04-01"},
            "due_to",
            "Due to must be on or after Due from.",
            id="from-after-to",
        ),
        pytest.param(
            {"due_from": "2026-13-01", "due_to": "2026-04-01"},
            "due_from",
            "Enter a valid date.",
            id="bad-date",
        ),
        pytest.param({"due_from": "2026-01-01"}, "due_to", "This field is required.", id="missing-end"),
        pytest.param(
            {**MARCH, "jurisdiction": "XX"}, "jurisdiction", "Select a valid choice.", id="bad-jurisdiction"
        ),
    ],
)
def test_timeliness_validates_the_period_with_field_errors(book, login, params, field, message):
    # when
    response = login("supervisor").get(reverse("web:diary_timeliness"), params)

    # then
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert errors[field][0].startswith(message)
    assert response.context["tables"] == []
    html = response.content.decode()
    assert "This period cannot be shown." in html
    assert "field--error" in html


# Notices ----------------------------------------------------------------------------------------


@pytest.fixture
def escalated(book, diary):
    """The nightly sweep escalated the three overdue obligations on Summit's claims: three notices to Sam."""
    escalations_run(now=NOW)
    return list(Notification.objects.filter(recipient=book.users["supervisor"]))


def test_notices_list_the_supervisors_escalations_newest_first_with_an_unread_badge(book, escalated, login):
    # given
    notification_queue(
        recipient_name="Sam Supervisor",
        recipient_address="",
        subject="Newest",
        body="A later notice.",
        channel="portal",
        recipient=book.users["supervisor"],
    )
    notification_queue(  # someone else's
        recipient_name="Avery Adjuster",
        recipient_address="",
        subject="Not for Sam",
        body="",
        channel="portal",
        recipient=book.users["adjuster"],
    )

    # when
    response = login("supervisor").get(reverse("web:notice_list"))

    # then
    notices = list(response.context["page"].object_list)
    assert notices[0].subject == "Newest"
    assert len(notices) == 4
    assert response.context["unread"] == 4
    html = response.content.decode()
    assert "Not for Sam" not in html
    assert "Overdue on CO-26-000003: File the first report of injury with the Division" in html
    assert (
        '<span id="notice-count" class="nav-count">4<span class="visually-hidden"> unread</span></span>'
        in html
    )


def test_nav_badge_is_hidden_with_nothing_unread(book, login):
    html = login("adjuster").get(reverse("web:work_queue")).content.decode()

    assert '<span id="notice-count" class="nav-count" hidden>0' in html
    assert '<a href="/diary/">Diary</a>' in html
    assert "Timeliness" not in html  # an adjuster does not review timeliness


def test_mark_read_over_htmx_returns_the_row_and_the_new_count(book, escalated, login):
    # given
    client = login("supervisor")
    notice = escalated[0]

    # when
    response = client.post(reverse("web:notice_mark_read", args=[notice.pk]), HTTP_HX_REQUEST="true")

    # then
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<li class="notice-item" id="notice-{notice.pk}">' in html
    assert 'hx-swap-oob="true"' in html
    assert ">2<span" in html
    assert AuditEntry.objects.filter(action="notice.read", object_id=str(notice.pk)).count() == 1


def test_mark_read_without_htmx_redirects_back_to_the_notices(book, escalated, login):
    response = login("supervisor").post(
        reverse("web:notice_mark_read", args=[escalated[0].pk]), {"page": "1"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/notices/?page=1"


@pytest.mark.parametrize(
    ("role", "status"), [("adjuster", 404), ("admin", 404), ("auditor", 404), ("worker", 403)]
)
def test_only_the_recipient_may_mark_a_notice_read(book, escalated, login, role, status):
    # when
    response = login(role).post(reverse("web:notice_mark_read", args=[escalated[0].pk]))

    # then
    assert response.status_code == status
    assert not Notification.objects.filter(read_at__isnull=False).exists()
    assert not AuditEntry.objects.filter(action="notice.read").exists()


def test_mark_all_read_marks_only_the_users_own_notices(book, escalated, login):
    # given
    other = notification_queue(
        recipient_name="Avery Adjuster",
        recipient_address="",
        subject="Avery's",
        body="",
        channel="portal",
        recipient=book.users["adjuster"],
    )

    # when
    response = login("supervisor").post(reverse("web:notices_mark_all_read"), follow=True)

    # then
    assert "3 notices marked read." in response.content.decode()
    assert not Notification.objects.filter(recipient=book.users["supervisor"], read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None
    (entry,) = AuditEntry.objects.filter(action="notices.read_all")
    assert entry.data == {"notices": sorted(n.pk for n in escalated)}


# Selectors and services -------------------------------------------------------------------------


def test_diary_counts_and_diary_for_agree(book, diary):
    # given
    supervisor = book.users["supervisor"]

    # when
    counts = selectors.diary_counts(
        supervisor, now=NOW, today=TODAY, filters=selectors.DiaryFilters(team=True)
    )
    lists = selectors.diary_for(supervisor, now=NOW, today=TODAY, team=True, limit=2)

    # then
    assert (counts.overdue, counts.due_today, counts.next_7_days) == (3, 1, 2)
    assert (len(lists.overdue), len(lists.due_today), len(lists.next_7_days)) == (2, 1, 2)


def test_buckets_are_disjoint_at_their_edges(book, diary):
    # given: the entry due today is due until 23:59:59.999999 in Denver
    entry_today = Obligation.objects.get(claim=book.claim, rule_id="diary.entry", due_date=TODAY)
    just_before = entry_today.due_at - dt.timedelta(microseconds=1)

    # when / then
    assert selectors.bucket_of(entry_today, now=just_before, today=TODAY) == "due_today"
    assert (
        selectors.bucket_of(entry_today, now=entry_today.due_at + dt.timedelta(microseconds=1), today=TODAY)
        == "overdue"
    )
    assert selectors.bucket_of(entry_today, now=NOW, today=dt.date(2026, 11, 1)) == "next_7_days"
    assert selectors.days_overdue(entry_today, now=NOW, today=TODAY) is None


def test_default_period_is_the_last_12_months_even_from_a_leap_day():
    assert selectors.default_period(TODAY) == (dt.date(2025, 11, 3), TODAY)
    assert selectors.default_period(dt.date(2028, 2, 29)) == (dt.date(2027, 3, 1), dt.date(2028, 2, 29))


def test_rule_choices_follow_whose_obligations_the_diary_lists(book):
    # when
    adjuster = dict(selectors.diary_rule_choices(book.users["adjuster"]))
    coordinator = dict(selectors.diary_rule_choices(book.users["employer_coordinator"]))

    # then
    assert ("co.first_report_division", "File the first report of injury with the Division") in adjuster[
        "Colorado"
    ]
    assert "co.alcohol_test" not in dict(adjuster["Colorado"])
    assert ("diary.entry", "Diary entry") in adjuster["All jurisdictions"]
    assert "co.alcohol_test" in dict(coordinator["Colorado"])
    assert "New South Wales" not in coordinator  # no NSW rule is the employer's


def test_team_load_without_idle_adjusters_keeps_its_old_shape(book, diary):
    loads = selectors.team_load(book.users["supervisor"], now=NOW, today=TODAY)

    assert [(t.adjuster_name, t.overdue) for t in loads] == [("Avery Adjuster", 2), ("Blake Second", 1)]


def test_notice_services_refuse_anyone_but_the_recipient_and_are_idempotent(book, escalated):
    # given
    notice = escalated[0]

    # when / then
    with pytest.raises(NotFound):
        notice_mark_read(actor=book.users["adjuster"], notice=notice)
    first = notice_mark_read(actor=book.users["supervisor"], notice=notice).read_at
    again = notice_mark_read(actor=book.users["supervisor"], notice=notice).read_at
    assert first == again
    assert AuditEntry.objects.filter(action="notice.read").count() == 1
    assert notices_mark_all_read(actor=book.users["supervisor"]) == 2
    assert notices_mark_all_read(actor=book.users["supervisor"]) == 0
    assert selectors.notice_unread_count(book.users["supervisor"]) == 0
    with pytest.raises(NotFound):
        selectors.notice_get_for_user(user=book.users["adjuster"], notice_id=notice.pk)


def test_a_second_claims_supervisor_is_listed_in_the_team_load(book, diary):
    # given
    user_create(
        actor=None,
        username="sup2",
        password="x-very-long-password-1",
        role="supervisor",
        organisation=book.insurer,
        first_name="Zoe",
        last_name="Zed",
        email="sup2@example.test",
    )

    # when
    loads = selectors.team_load(book.users["supervisor"], now=NOW, today=TODAY, include_idle=True)

    # then
    assert [t.adjuster_name for t in loads][-2:] == ["Sam Supervisor", "Zoe Zed"]
