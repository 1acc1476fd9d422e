"""Deadlines through the API: a claim's obligations, waivers, the diary, the team's load, timeliness.

The book's clock stands at Monday 2 Nov 2026, 15:00 UTC. Its CO claim (assigned to Avery) has the
first report to the Division open and overdue (due 30 Oct), the employer's report done, and the
admission or contest open (due 19 Nov). Its NSW claim belongs to Harbour's adjuster.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.deadlines.models import Obligation

FIRST_REPORT = "co.first_report_division#1"


def url(claim, *parts: str) -> str:
    """``claims/<number>/...`` with each part URL-encoded (an obligation key's ``#`` as ``%23``)."""
    return "/".join(["claims", claim.number, *(quote(p, safe="") for p in parts)])


def log_size(claim) -> int:
    return ClaimEvent.objects.filter(claim=claim).count()


def status_of(claim, key: str) -> str:
    return Obligation.objects.get(claim=claim, key=key).status


def fields(reply) -> list[str]:
    return [e["field"] for e in reply.body["errors"]]


# --- a claim's obligations -----------------------------------------------------------------------


def test_claim_obligations_open_first_with_every_field(book, api):
    reply = api.get(url(book.claim, "obligations"), as_="adjuster")

    assert reply.status == 200
    assert reply.body["count"] == 3
    items = reply.body["items"]
    assert [(o["key"], o["status"], o["overdue"]) for o in items] == [
        (FIRST_REPORT, "open", True),
        ("co.admission_or_contest#1", "open", False),
        ("co.employer_report#1", "satisfied", False),
    ]
    first = Obligation.objects.get(claim=book.claim, key=FIRST_REPORT)
    assert items[0] == {
        "key": FIRST_REPORT,
        "rule_id": "co.first_report_division",
        "title": first.title,
        "subject": "",
        "obligor": "administrator",
        "citation": first.citation,
        "source_url": first.source_url,
        "status": "open",
        "overdue": True,
        "trigger_seq": 1,
        "instance": 0,
        "raw_due": "2026-10-30",
        "due_date": "2026-10-30",
        "due_at": items[0]["due_at"],
        "satisfied_seq": None,
        "satisfied_at": None,
        "closed_seq": None,
        "waiver_reason": "",
        "escalated_seq": None,
        "explanation": first.explanation,
        "rules_version": first.rules_version,
        "calendar_version": first.calendar_version,
        "computed_at": items[0]["computed_at"],
    }
    assert items[0]["due_at"].startswith("2026-10-31T05:59:59")


def test_claim_obligations_filter_by_status_and_paginate(book, api):
    open_ = api.get(url(book.claim, "obligations"), as_="adjuster", status="open")
    page = api.get(url(book.claim, "obligations"), as_="adjuster", limit=1, offset=1)
    bad = api.get(url(book.claim, "obligations"), as_="adjuster", status="pending")

    assert [o["key"] for o in open_.body["items"]] == [FIRST_REPORT, "co.admission_or_contest#1"]
    assert open_.body["count"] == 2
    assert page.body["count"] == 3
    assert [o["key"] for o in page.body["items"]] == ["co.admission_or_contest#1"]
    assert bad.status == 400
    assert fields(bad) == ["status"]


@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("other_adjuster", 404),  # another insurer's claim
        ("pool_administrator", 404),
        ("other_worker", 404),
        ("worker", 403),  # may see the claim, not its obligations
        ("employer_supervisor", 403),
        ("provider", 403),
        ("employer_coordinator", 200),
        ("compliance_officer", 200),
        ("auditor", 200),
    ],
)
def test_claim_obligations_hidden_claim_is_404_and_no_diary_role_is_403(book, api, caller, status):
    reply = api.get(url(book.claim, "obligations"), as_=caller)

    assert reply.status == status
    if status != 200:
        assert set(reply.body) == {"message", "errors"}


def test_unknown_claim_is_404(book, api):
    reply = api.get("claims/CO-26-999999/obligations", as_="admin")

    assert reply.status == 404


# --- waiving -------------------------------------------------------------------------------------


def test_waive_with_the_key_url_encoded(book, api):
    before = log_size(book.claim)

    reply = api.post(
        url(book.claim, "obligations", FIRST_REPORT, "waive"),
        {"reason": "  Medical-only in fact; no report due  "},
        as_="adjuster",
    )

    assert reply.status == 200
    assert reply.body["key"] == FIRST_REPORT
    assert reply.body["status"] == "waived"
    assert reply.body["overdue"] is False
    assert reply.body["waiver_reason"] == "Medical-only in fact; no report due"
    event = ClaimEvent.objects.get(claim=book.claim, seq=before + 1)
    assert event.kind == EventKind.OBLIGATION_WAIVED
    assert event.payload["key"] == FIRST_REPORT
    assert reply.body["closed_seq"] == event.seq
    assert log_size(book.claim) == before + 1


def test_a_raw_hash_is_not_a_key(book, api):
    # "#" unencoded starts the URL's fragment: the client never sends the rest.
    reply = api.post(f"claims/{book.claim.number}/obligations/co.first_report_division#1/waive", {})

    assert reply.status == 404


@pytest.mark.parametrize(
    ("_case", "body"),
    [("empty", {"reason": ""}), ("blank", {"reason": "   "}), ("missing", {})],
)
def test_waive_needs_a_reason(book, api, _case, body):
    before = log_size(book.claim)

    reply = api.post(url(book.claim, "obligations", FIRST_REPORT, "waive"), body, as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == ["reason"]
    assert log_size(book.claim) == before
    assert status_of(book.claim, FIRST_REPORT) == "open"


def test_waiving_twice_is_refused_naming_the_key(book, api):
    path = url(book.claim, "obligations", FIRST_REPORT, "waive")
    api.post(path, {"reason": "Not required"}, as_="adjuster")
    before = log_size(book.claim)

    again = api.post(path, {"reason": "Still not required"}, as_="adjuster2")

    assert again.status == 400
    assert fields(again) == ["key"]
    assert "already waived" in again.body["message"] or "already waived" in again.body["errors"][0]["message"]
    assert log_size(book.claim) == before
    assert ClaimEvent.objects.filter(kind=EventKind.OBLIGATION_WAIVED).count() == 1


@pytest.mark.parametrize(
    ("_case", "caller", "claim", "key", "status"),
    [
        ("hidden claim", "other_adjuster", "claim", FIRST_REPORT, 404),
        ("hidden claim, no such key", "other_adjuster", "claim", "nope#1", 404),
        ("reader of the claim", "auditor", "claim", FIRST_REPORT, 403),
        ("reader, no such key", "worker", "claim", "nope#1", 403),
        ("no such obligation", "adjuster", "claim", "co.first_report_division#2", 404),
        ("obligation of another claim", "adjuster", "other_claim", "nsw.liability_decision#1", 404),
    ],
)
def test_waive_refusals_write_nothing(book, api, _case, caller, claim, key, status):
    before = ClaimEvent.objects.count()

    reply = api.post(url(getattr(book, claim), "obligations", key, "waive"), {"reason": "x"}, as_=caller)

    assert reply.status == status
    assert ClaimEvent.objects.count() == before


# --- diary entries, information requests and completing them ------------------------------------


def test_add_a_diary_entry_then_complete_it(book, api):
    added = api.post(
        url(book.claim, "diary-entries"),
        {"title": "Call the worker about the MRI", "due_on": "2026-11-05", "details": "Ask for the date"},
        as_="adjuster",
    )

    assert added.status == 201
    seq = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.DIARY_ENTRY_ADDED).seq
    assert added.body["key"] == f"diary.entry#{seq}"
    assert (added.body["rule_id"], added.body["subject"]) == ("diary.entry", "Call the worker about the MRI")
    assert added.body["trigger_seq"] == seq
    assert (added.body["status"], added.body["due_date"], added.body["overdue"]) == (
        "open",
        "2026-11-05",
        False,
    )

    done = api.post(
        url(book.claim, "obligations", added.body["key"], "complete"), {"note": "Booked"}, as_="adjuster"
    )

    assert done.status == 200
    assert done.body["status"] == "satisfied"
    completed = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.DIARY_ENTRY_COMPLETED)
    assert completed.payload == {"entry_seq": seq, "note": "Booked"}
    assert done.body["satisfied_seq"] == completed.seq


@pytest.mark.parametrize(
    ("_case", "body", "bad"),
    [
        ("blank title", {"title": " ", "due_on": "2026-11-05"}, ["title"]),
        ("past date", {"title": "Call", "due_on": "2026-11-01"}, ["due_on"]),
        ("both", {"title": "", "due_on": "2026-10-01"}, ["title", "due_on"]),
        ("too far", {"title": "Call", "due_on": "2030-01-01"}, ["due_on"]),
        ("no date", {"title": "Call"}, ["due_on"]),
        ("not a date", {"title": "Call", "due_on": "soon"}, ["due_on"]),
        ("unknown field", {"title": "Call", "due_on": "2026-11-05", "priority": 1}, ["priority"]),
    ],
)
def test_bad_diary_entry_names_the_field_and_writes_nothing(book, api, _case, body, bad):
    before = log_size(book.claim)

    reply = api.post(url(book.claim, "diary-entries"), body, as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == bad
    assert log_size(book.claim) == before
    assert not Obligation.objects.filter(claim=book.claim, rule_id="diary.entry").exists()


def test_diary_entry_on_a_hidden_claim_is_404_and_for_a_reader_403(book, api):
    body = {"title": "Call", "due_on": "2026-11-05"}

    hidden = api.post(url(book.claim, "diary-entries"), body, as_="other_adjuster")
    reader = api.post(url(book.claim, "diary-entries"), body, as_="employer_coordinator")

    assert (hidden.status, reader.status) == (404, 403)
    assert not ClaimEvent.objects.filter(kind=EventKind.DIARY_ENTRY_ADDED).exists()


def test_request_information_then_receive_it(book, api):
    asked = api.post(
        url(book.claim, "information-requests"),
        {"party": "employer", "party_name": "Acme HR", "what": "Wage statement", "due_on": "2026-11-09"},
        as_="adjuster",
    )

    assert asked.status == 201
    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.INFO_REQUESTED)
    assert event.payload == {
        "party": "employer",
        "party_name": "Acme HR",
        "what": "Wage statement",
        "due_on": "2026-11-09",
    }
    assert (asked.body["key"], asked.body["rule_id"], asked.body["subject"], asked.body["due_date"]) == (
        f"diary.info_request#{event.seq}",
        "diary.info_request",
        "Wage statement",
        "2026-11-09",
    )

    received = api.post(url(book.claim, "obligations", asked.body["key"], "complete"), {}, as_="supervisor")

    assert received.status == 200
    assert received.body["status"] == "satisfied"
    assert ClaimEvent.objects.get(claim=book.claim, kind=EventKind.INFO_RECEIVED).payload == {
        "request_seq": event.seq,
        "note": "",
    }


@pytest.mark.parametrize(
    ("_case", "body", "bad"),
    [
        ("unknown party", {"party": "neighbour", "what": "Wages", "due_on": "2026-11-09"}, ["party"]),
        ("blank what", {"party": "employer", "what": "  ", "due_on": "2026-11-09"}, ["what"]),
        ("past date", {"party": "employer", "what": "Wages", "due_on": "2026-10-09"}, ["due_on"]),
    ],
)
def test_bad_information_request_names_the_field_and_writes_nothing(book, api, _case, body, bad):
    before = log_size(book.claim)

    reply = api.post(url(book.claim, "information-requests"), body, as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == bad
    assert log_size(book.claim) == before


def test_statutory_obligations_are_not_completed_by_hand(book, api):
    before = log_size(book.claim)

    reply = api.post(
        url(book.claim, "obligations", FIRST_REPORT, "complete"), {"note": "Filed"}, as_="adjuster"
    )

    assert reply.status == 400
    assert fields(reply) == ["key"]
    assert log_size(book.claim) == before
    assert status_of(book.claim, FIRST_REPORT) == "open"


def test_completing_twice_is_refused(book, api):
    added = api.post(
        url(book.claim, "diary-entries"), {"title": "Call", "due_on": "2026-11-05"}, as_="adjuster"
    )
    path = url(book.claim, "obligations", added.body["key"], "complete")
    api.post(path, {}, as_="adjuster")
    before = log_size(book.claim)

    again = api.post(path, {}, as_="adjuster")

    assert again.status == 400
    assert fields(again) == ["key"]
    assert log_size(book.claim) == before


# --- recording what satisfies an obligation through the event log --------------------------------


def test_notice_sent_through_the_events_endpoint_satisfies_the_liability_notice(book, api):
    # given: Harbour accepts liability on the NSW claim, which starts the written-notice clock
    claim = book.other_claim
    accepted = api.post(url(claim, "transition"), {"to_status": "accepted"}, as_="other_adjuster")
    key = f"nsw.liability_notice#{accepted.body['last_event_seq']}"
    assert status_of(claim, key) == "open"
    assert status_of(claim, "nsw.liability_decision#1") == "late"  # due 28 Oct

    # when
    sent = api.post(
        url(claim, "events"),
        {
            "kind": "notice.sent",
            "payload": {"notice": "liability_decision", "recipients": ["worker", "employer"]},
        },
        as_="other_adjuster",
    )
    listed = api.get(url(claim, "obligations"), as_="other_adjuster")

    # then
    assert sent.status == 201
    notice = {o["key"]: o for o in listed.body["items"]}[key]
    assert (notice["status"], notice["satisfied_seq"], notice["overdue"]) == (
        "satisfied",
        sent.body["seq"],
        False,
    )


def test_request_received_through_the_events_endpoint_starts_a_clock_its_decision_stops(book, api):
    received = api.post(
        url(book.claim, "events"),
        {"kind": "request.received", "payload": {"subject": "physician_change", "received_on": "2026-11-01"}},
        as_="adjuster",
    )
    key = f"co.physician_change_response#{received.body['seq']}"
    opened = Obligation.objects.get(claim=book.claim, key=key)

    decided = api.post(
        url(book.claim, "events"),
        {"kind": "request.decided", "payload": {"request_seq": received.body["seq"], "decision": "approved"}},
        as_="adjuster",
    )

    assert received.status == 201
    assert (opened.status, str(opened.due_date)) == ("open", "2026-11-23")  # 21 Nov is a Saturday
    assert decided.status == 201
    assert status_of(book.claim, key) == "satisfied"


def test_a_decision_must_name_a_request_received(book, api):
    before = log_size(book.claim)

    reply = api.post(
        url(book.claim, "events"),
        {"kind": "request.decided", "payload": {"request_seq": 1, "decision": "approved"}},
        as_="adjuster",
    )

    assert reply.status == 400
    assert fields(reply) == ["payload.request_seq"]
    assert log_size(book.claim) == before


def test_the_events_schema_documents_the_appendable_deadline_kinds():
    from opencomp.api.export_openapi import openapi_document

    event_in = json.loads(openapi_document())["components"]["schemas"]["EventIn"]

    assert {"notice.sent", "request.received", "request.decided", "report.filed"} <= set(
        event_in["properties"]["kind"]["enum"]
    )
    assert "`notice.sent`: notice, recipients" in event_in["properties"]["payload"]["description"]


# --- the diary -----------------------------------------------------------------------------------


def test_diary_lists_overdue_then_today_then_the_week(book, api):
    for title, due_on in (("Next week", "2026-11-06"), ("Today", "2026-11-02"), ("Too far", "2026-11-12")):
        api.post(url(book.claim, "diary-entries"), {"title": title, "due_on": due_on}, as_="adjuster")

    reply = api.get("diary", as_="adjuster")

    assert reply.status == 200
    assert [(r["bucket"], r["title"], r["subject"], r["due_date"]) for r in reply.body["items"]] == [
        ("overdue", "File the first report of injury with the Division", "", "2026-10-30"),
        ("today", "Today", "Today", "2026-11-02"),  # a diary entry is titled in the adjuster's words
        ("week", "Next week", "Next week", "2026-11-06"),
    ]
    assert reply.body["count"] == 3
    row = reply.body["items"][0]
    assert (row["claim_number"], row["key"], row["overdue"]) == (book.claim.number, FIRST_REPORT, True)
    assert row["worker"] == {"id": book.worker.pk, "name": "Maria Lopez"}
    assert row["assigned_adjuster"] == {"id": book.users["adjuster"].pk, "name": "Avery Adjuster"}


def test_diary_bucket_and_pages(book, api):
    for day in ("2026-11-03", "2026-11-04", "2026-11-05"):
        api.post(url(book.claim, "diary-entries"), {"title": day, "due_on": day}, as_="adjuster")

    week = api.get("diary", as_="adjuster", bucket="week")
    second = api.get("diary", as_="adjuster", limit=2, offset=2)
    beyond = api.get("diary", as_="adjuster", offset=10)

    assert [r["subject"] for r in week.body["items"]] == ["2026-11-03", "2026-11-04", "2026-11-05"]
    assert {r["bucket"] for r in week.body["items"]} == {"week"}
    assert week.body["count"] == 3
    assert (second.body["count"], [r["subject"] for r in second.body["items"]]) == (
        4,
        ["2026-11-04", "2026-11-05"],
    )
    assert (beyond.body["count"], beyond.body["items"]) == (4, [])


def test_diary_scopes(book, api):
    mine = api.get("diary", as_="adjuster2")  # nothing assigned to Blake
    team = api.get("diary", as_="supervisor", scope="team")
    own = api.get("diary", as_="supervisor")
    unassigned = api.get("diary", as_="supervisor", scope="team", adjuster_id=0)
    avery = api.get("diary", as_="supervisor", scope="team", adjuster_id=book.users["adjuster"].pk)
    everything = api.get("diary", as_="admin")  # no claims of their own: every claim by default
    colleague = api.get("diary", as_="adjuster2", scope="team")

    assert (mine.status, mine.body["count"]) == (200, 0)
    assert [(r["claim_number"], r["key"]) for r in team.body["items"]] == [(book.claim.number, FIRST_REPORT)]
    assert own.body["count"] == 0
    assert unassigned.body["count"] == 0
    assert avery.body["count"] == 1
    assert {r["claim_number"] for r in everything.body["items"]} == {
        book.claim.number,
        book.other_claim.number,
        book.pool_claim.number,
    }
    assert colleague.status == 403


def test_diary_filters_by_rule_and_jurisdiction(book, api):
    api.post(url(book.claim, "diary-entries"), {"title": "Call", "due_on": "2026-11-03"}, as_="adjuster")

    entries = api.get("diary", as_="admin", rule_id="diary.entry")
    nsw = api.get("diary", as_="admin", jurisdiction="NSW")

    assert [r["subject"] for r in entries.body["items"]] == ["Call"]
    assert {r["claim_number"] for r in nsw.body["items"]} == {book.other_claim.number}


@pytest.mark.parametrize("path", ["diary", "claims/{number}/obligations"])
def test_diary_and_obligations_do_not_query_per_row(book, api, path):
    path = path.format(number=book.claim.number)

    def grow() -> None:
        for day in ("2026-11-03", "2026-11-04"):
            api.post(url(book.claim, "diary-entries"), {"title": day, "due_on": day}, as_="adjuster")

    grow()
    with CaptureQueriesContext(connection) as few:
        first = api.get(path, as_="adjuster")
    grow()

    with CaptureQueriesContext(connection) as many:
        second = api.get(path, as_="adjuster")

    assert second.body["count"] == first.body["count"] + 2
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("caller", "query", "status", "bad"),
    [
        ("worker", {}, 403, []),
        ("employer_supervisor", {}, 403, []),
        ("adjuster", {"scope": "everyone"}, 400, ["scope"]),
        ("adjuster", {"bucket": "month"}, 400, ["bucket"]),
        ("adjuster", {"limit": 500}, 400, ["limit"]),
        ("adjuster", {"adjuster_id": 1}, 400, ["adjuster_id"]),
        ("supervisor", {"jurisdiction": "XX"}, 400, ["jurisdiction"]),
    ],
)
def test_diary_refusals(book, api, caller, query, status, bad):
    reply = api.get("diary", as_=caller, **query)

    assert reply.status == status
    assert fields(reply) == bad


def test_team_load_per_adjuster_for_supervisors(book, api):
    api.post(url(book.claim, "diary-entries"), {"title": "Call", "due_on": "2026-11-02"}, as_="adjuster")

    reply = api.get("diary/team", as_="supervisor")
    adjuster = api.get("diary/team", as_="adjuster")

    assert reply.status == 200
    assert reply.body == {
        "count": 1,
        "items": [
            {
                "adjuster": {"id": book.users["adjuster"].pk, "name": "Avery Adjuster"},
                "overdue": 1,
                "due_today": 1,
                "next_7_days": 0,
            }
        ],
    }
    assert adjuster.status == 403


def test_team_load_counts_unassigned_claims_under_null(book, api):
    api.post(url(book.claim, "assign"), {"adjuster_id": None}, as_="supervisor")

    reply = api.get("diary/team", as_="supervisor")

    assert [(r["adjuster"], r["overdue"]) for r in reply.body["items"]] == [(None, 1)]


# --- timeliness ----------------------------------------------------------------------------------


def test_timeliness_by_rule(book, api):
    reply = api.get(
        "timeliness", as_="supervisor", group_by="rule", due_from="2026-10-01", due_to="2026-11-30"
    )
    employer = api.get("timeliness", as_="supervisor", obligor="employer", due_from="2026-10-01")

    assert reply.status == 200
    first_report = Obligation.objects.get(claim=book.claim, key=FIRST_REPORT)
    assert reply.body == {  # the admission is not due yet; the employer's report is the employer's
        "count": 1,
        "items": [
            {
                "group": "co.first_report_division",
                "label": first_report.title,
                "counted": 1,
                "on_time": 0,
                "late": 0,
                "overdue": 1,
                "share_on_time": 0.0,
                "median_days_late": 3.0,
            }
        ],
    }
    assert [(r["group"], r["on_time"], r["share_on_time"]) for r in employer.body["items"]] == [
        ("co.employer_report", 1, 1.0)
    ]


def test_timeliness_by_adjuster_over_the_last_twelve_months(book, api):
    reply = api.get("timeliness", as_="admin", group_by="adjuster", jurisdiction="CO")
    old = api.get("timeliness", as_="admin", group_by="adjuster", due_to="2026-10-25")

    assert reply.status == 200
    assert {r["label"]: r["counted"] for r in reply.body["items"]} == {"Avery Adjuster": 1, "Unassigned": 1}
    assert old.body == {"count": 0, "items": []}


@pytest.mark.parametrize(
    ("caller", "query", "status", "bad"),
    [
        ("supervisor", {"group_by": "weekday"}, 400, ["group_by"]),
        ("supervisor", {"due_from": "yesterday"}, 400, ["due_from"]),
        ("supervisor", {"due_from": "2026-11-10", "due_to": "2026-11-01"}, 400, ["due_to"]),
        ("supervisor", {"due_from": "2026-12-01"}, 400, ["due_from"]),
        ("supervisor", {"jurisdiction": "XX"}, 400, ["jurisdiction"]),
        ("supervisor", {"obligor": "nobody"}, 400, ["obligor"]),
        ("adjuster", {}, 403, []),
        ("employer_coordinator", {}, 403, []),
        ("worker", {}, 403, []),
    ],
)
def test_timeliness_refusals(book, api, caller, query, status, bad):
    reply = api.get("timeliness", as_=caller, **query)

    assert reply.status == status
    assert fields(reply) == bad
