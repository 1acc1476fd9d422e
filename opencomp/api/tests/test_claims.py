"""Claims through the API: intake, the work queue, status, assignment and the event log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opencomp.accounts.models import Organisation
from opencomp.api.tests.bodies import claim_body
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent, MedicalDetailRead
from opencomp.claims.services import ClaimDraft, claim_create, claim_event_append


def more_claims(book, n: int) -> list[Claim]:
    """``n`` more claims for Maria at Acme (administered by the insurer), oldest first."""
    return [
        claim_create(
            actor=None,
            draft=ClaimDraft(
                jurisdiction="CO",
                employer=book.employer,
                worker=book.worker,
                injury_date=dt.date(2026, 10, 1) + dt.timedelta(days=i),
                employer_knowledge_date=dt.date(2026, 10, 1) + dt.timedelta(days=i),
                claim_type="medical_only",
                nature_of_injury="Strain",
                body_part="Wrist",
                description=f"Repetitive strain #{i}.",
            ),
        )
        for i in range(n)
    ]


def test_open_claim_from_intake_fields(book, api):
    # when
    reply = api.post(
        "claims",
        claim_body(book, injury_time="09:15:00", notification_date="2026-11-01", significant_injury=True),
        as_="adjuster",
    )

    # then
    assert reply.status == 201
    body = reply.body
    claim = Claim.objects.get(number=body["number"])
    assert body["number"].startswith("CO-26-")
    assert body == {
        "number": claim.number,
        "jurisdiction": "CO",
        "status": "reported",
        "status_changed_at": body["status_changed_at"],
        "claim_type": "medical_only",
        "employer": {"id": book.employer.pk, "name": "Acme Fabrication"},
        "administrator": {"id": book.insurer.pk, "name": "Summit Mutual"},
        "establishment": {"id": book.establishment.pk, "name": "Plant 1"},
        "worker": {"id": book.worker.pk, "name": "Maria Lopez"},
        "assigned_adjuster": None,
        "source_report_id": None,
        "injury_date": "2026-10-30",
        "injury_time": "09:15:00",
        "employer_knowledge_date": "2026-10-30",
        "notification_date": "2026-11-01",
        "significant_injury": True,
        "nature_of_injury": "Contusion",
        "body_part": "Left knee",
        "description": "Slipped on an oily floor near press 3.",
        "last_event_seq": 1,
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }
    assert list(claim.events.values_list("kind", flat=True)) == [EventKind.CLAIM_CREATED]
    assert claim.events.get().actor == book.users["adjuster"]


def test_open_claim_reads_twice_and_writes_only_the_claim(book, api):
    # given: one request to warm up the claim-number row
    assert (
        api.post("claims", claim_body(book, establishment_id=book.establishment.pk), as_="adjuster").status
        == 201
    )

    # when
    with CaptureQueriesContext(connection) as queries:
        reply = api.post("claims", claim_body(book, establishment_id=book.establishment.pk), as_="adjuster")

    # then: the token, then employer + worker + employment in one query; then only the service's writes
    assert reply.status == 201
    sql = [q["sql"].lstrip().split(" ", 1)[0].upper() for q in queries.captured_queries]
    listing = "\n".join(q["sql"][:120] for q in queries.captured_queries)
    assert sql.count("SELECT") == 2, listing
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert len(writes) == 4, listing  # claim number, claim, claim.created event, its obligations
    assert "claims_claimnumbersequence" in writes[0]
    assert "claims_claim" in writes[1]
    assert "claims_claimevent" in writes[2]
    assert "deadlines_obligation" in writes[3]


def test_employer_cannot_read_another_employers_claim_or_its_events(book, api):
    claim = api.get(f"claims/{book.claim.number}", as_="other_employer_coordinator")
    events = api.get(f"claims/{book.claim.number}/events", as_="other_employer_coordinator")
    own = api.get(f"claims/{book.other_claim.number}", as_="other_employer_coordinator")

    assert claim.status == 404
    assert events.status == 404
    assert own.status == 200


def test_employer_list_shows_only_their_claims(book, api):
    reply = api.get("claims", as_="employer_coordinator")

    assert reply.status == 200
    assert reply.body["count"] == 1
    assert [c["number"] for c in reply.body["items"]] == [book.claim.number]


def test_worker_gets_redacted_payloads_for_restricted_medical_notes(book, api):
    # given: an ordinary and a restricted medical note, recorded by the adjuster through the API
    note = {
        "kind": "medical.note_recorded",
        "payload": {"summary": "Sprain; ice and rest.", "diagnosis": "S93.4"},
    }
    psych = {
        "kind": "medical.note_recorded",
        "payload": {"summary": "Psychiatric report: withheld on the treating doctor's advice."},
        "restricted": True,
    }
    assert api.post(f"claims/{book.claim.number}/events", note, as_="adjuster").status == 201
    written = api.post(f"claims/{book.claim.number}/events", psych, as_="adjuster")
    assert written.status == 201
    assert written.body["sensitivity"] == "restricted_medical"
    reads_before = MedicalDetailRead.objects.count()

    # when
    reply = api.get(f"claims/{book.claim.number}/events", as_="worker", kind=EventKind.MEDICAL_NOTE)

    # then
    assert reply.status == 200
    restricted, ordinary = reply.body["items"]  # newest first
    assert restricted == {
        "seq": written.body["seq"],
        "kind": "medical.note_recorded",
        "occurred_at": restricted["occurred_at"],
        "recorded_at": restricted["recorded_at"],
        "sensitivity": "restricted_medical",
        "redacted": True,
        "actor": None,
        "corrects_seq": None,
        "corrected_by_seq": None,
        "payload": None,
    }
    assert ordinary["redacted"] is False
    assert ordinary["payload"]["summary"] == "Sprain; ice and rest."
    # the read of the ordinary medical note is recorded, the withheld one is not
    read = MedicalDetailRead.objects.order_by("-pk").first()
    assert MedicalDetailRead.objects.count() == reads_before + 1
    assert read.channel == "api"
    assert read.user == book.users["worker"]
    assert read.event_ids == [ClaimEvent.objects.get(claim=book.claim, seq=ordinary["seq"]).pk]


def test_claims_staff_read_restricted_notes_and_employers_read_no_medical_detail(book, api):
    psych = {"kind": "medical.note_recorded", "payload": {"summary": "Withheld."}, "restricted": True}
    assert api.post(f"claims/{book.claim.number}/events", psych, as_="adjuster").status == 201

    staff = api.get(f"claims/{book.claim.number}/events", as_="supervisor", kind=EventKind.MEDICAL_NOTE)
    employer = api.get(f"claims/{book.claim.number}/events", as_="employer_coordinator")

    assert staff.body["items"][0]["payload"] == {"summary": "Withheld.", "diagnosis": "", "provider_name": ""}
    by_kind = {(e["kind"], e["redacted"]) for e in employer.body["items"]}
    assert ("medical.note_recorded", True) in by_kind
    assert ("medical.note_recorded", False) not in by_kind
    assert ("claim.created", False) in by_kind


def test_pagination_counts_are_exact(book, api):
    # given: the insurer administers the book's claim plus 11 more
    more_claims(book, 11)

    # when
    pages = [
        api.get("claims", as_="adjuster", limit=5, offset=offset, sort="oldest") for offset in (0, 5, 10, 15)
    ]

    # then
    assert [p.status for p in pages] == [200, 200, 200, 200]
    assert [p.body["count"] for p in pages] == [12, 12, 12, 12]
    assert [len(p.body["items"]) for p in pages] == [5, 5, 2, 0]
    numbers = [c["number"] for p in pages for c in p.body["items"]]
    assert len(set(numbers)) == 12
    assert numbers == sorted(
        Claim.objects.filter(administrator=book.insurer).values_list("number", flat=True)
    )


def test_claim_list_does_not_query_per_claim(book, api, django_assert_max_num_queries):
    more_claims(book, 2)
    with CaptureQueriesContext(connection) as few:
        api.get("claims", as_="adjuster")
    more_claims(book, 10)

    with CaptureQueriesContext(connection) as many:
        reply = api.get("claims", as_="adjuster")

    assert reply.body["count"] == 13
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("_case", "query", "expected"),
    [
        ("status", {"status": "reported"}, ["claim", "pool_claim", "other_claim"]),
        ("jurisdiction", {"jurisdiction": "NSW"}, ["other_claim"]),
        ("employer", {"employer_id": "pool_member"}, ["pool_claim"]),
        ("mine", {"mine": "true"}, []),
        ("worker name", {"q": "lopez"}, ["claim"]),
        ("number prefix", {"q": "NSW-"}, ["other_claim"]),
    ],
)
def test_claim_list_filters(book, api, _case, query, expected):
    if "employer_id" in query:
        query = {"employer_id": getattr(book, query["employer_id"]).pk}

    reply = api.get("claims", as_="admin", **query)

    assert reply.status == 200
    assert sorted(c["number"] for c in reply.body["items"]) == sorted(
        getattr(book, n).number for n in expected
    )
    assert reply.body["count"] == len(expected)


def test_mine_lists_claims_assigned_to_me(book, api):
    reply = api.get("claims", as_="adjuster", mine="true")

    assert [c["number"] for c in reply.body["items"]] == [book.claim.number]
    assert reply.body["items"][0]["assigned_adjuster"] == {
        "id": book.users["adjuster"].pk,
        "name": "Avery Adjuster",
    }


def test_transition_moves_the_claim_and_appends_an_event(book, api):
    reply = api.post(
        f"claims/{book.claim.number}/transition",
        {"to_status": "accepted", "reason": "Compensable", "expected_status": "reported"},
        as_="adjuster",
    )

    assert reply.status == 200
    assert reply.body["status"] == "accepted"
    assert reply.body["establishment"] == {"id": book.establishment.pk, "name": "Plant 1"}
    last = ClaimEvent.objects.filter(claim=book.claim).order_by("-seq").first()
    assert last.kind == EventKind.STATUS_CHANGED
    assert last.payload == {"from_status": "reported", "to_status": "accepted", "reason": "Compensable"}
    assert reply.body["last_event_seq"] == last.seq


def test_assign_and_unassign(book, api):
    adjuster2 = book.users["adjuster2"]

    assigned = api.post(
        f"claims/{book.claim.number}/assign",
        {"adjuster_id": adjuster2.pk, "reason": "Leave cover"},
        as_="supervisor",
    )
    unassigned = api.post(f"claims/{book.claim.number}/assign", {"adjuster_id": None}, as_="supervisor")

    assert assigned.status == 200
    assert assigned.body["assigned_adjuster"] == {"id": adjuster2.pk, "name": "Blake Second"}
    assert unassigned.status == 200
    assert unassigned.body["assigned_adjuster"] is None


@pytest.mark.parametrize(
    ("_case", "adjuster"),
    [
        ("another insurer's adjuster", lambda book: book.users["other_adjuster"].pk),
        ("not an adjuster", lambda book: book.users["employer_coordinator"].pk),
        ("does not exist", lambda book: 999_999),
    ],
)
def test_assign_to_someone_who_cannot_take_the_claim_is_400(book, api, _case, adjuster):
    count = ClaimEvent.objects.count()

    reply = api.post(f"claims/{book.claim.number}/assign", {"adjuster_id": adjuster(book)}, as_="supervisor")

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["adjuster_id"]
    assert ClaimEvent.objects.count() == count


def test_assign_needs_the_adjuster_id_key(book, api):
    reply = api.post(f"claims/{book.claim.number}/assign", {"reason": "?"}, as_="supervisor")

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["adjuster_id"]


def test_correction_names_the_event_it_corrects(book, api):
    # given
    first = api.post(
        f"claims/{book.claim.number}/events",
        {"kind": "note.added", "payload": {"text": "Typo"}},
        as_="adjuster",
    )

    # when
    fixed = api.post(
        f"claims/{book.claim.number}/events",
        {"kind": "note.added", "payload": {"text": "Fixed"}, "corrects_seq": first.body["seq"]},
        as_="adjuster",
    )
    log = api.get(f"claims/{book.claim.number}/events", as_="adjuster", kind="note.added")

    # then
    assert fixed.status == 201
    assert fixed.body["corrects_seq"] == first.body["seq"]
    assert [(e["seq"], e["corrects_seq"], e["corrected_by_seq"]) for e in log.body["items"]] == [
        (fixed.body["seq"], first.body["seq"], None),
        (first.body["seq"], None, fixed.body["seq"]),
    ]


@pytest.mark.parametrize(
    ("_case", "corrects_seq", "field"),
    [("no such event", 99, "corrects_seq"), ("event of another kind", 1, "corrects_seq")],
)
def test_bad_correction_target_is_400(book, api, _case, corrects_seq, field):
    count = ClaimEvent.objects.count()

    reply = api.post(
        f"claims/{book.claim.number}/events",
        {"kind": "note.added", "payload": {"text": "Fixed"}, "corrects_seq": corrects_seq},
        as_="adjuster",
    )

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == [field]
    assert ClaimEvent.objects.count() == count


def test_system_event_kinds_cannot_be_appended(book, api):
    reply = api.post(
        f"claims/{book.claim.number}/events",
        {"kind": "claim.status_changed", "payload": {"from_status": "reported", "to_status": "accepted"}},
        as_="adjuster",
    )

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["kind"]


def test_event_list_is_paginated_newest_first(book, api):
    for i in range(4):
        claim_event_append(actor=None, claim=book.claim, kind=EventKind.NOTE_ADDED, payload={"text": f"n{i}"})
    total = ClaimEvent.objects.filter(claim=book.claim).count()

    first = api.get(f"claims/{book.claim.number}/events", as_="adjuster", limit=2)
    rest = api.get(f"claims/{book.claim.number}/events", as_="adjuster", limit=200, offset=2)

    assert first.body["count"] == rest.body["count"] == total
    seqs = [e["seq"] for e in first.body["items"] + rest.body["items"]]
    assert seqs == list(range(total, 0, -1))


def _grow(book, what: str) -> None:
    """Add five more items of ``what`` visible to the admin."""
    from opencomp.api.tests.bodies import new_incident, new_report
    from opencomp.intake.services import incident_log, injury_report_submit

    for i in range(5):
        if what == "events":
            claim_event_append(
                actor=None, claim=book.claim, kind=EventKind.NOTE_ADDED, payload={"text": f"n{i}"}
            )
        elif what == "incidents":
            body = new_incident(book)
            incident_log(
                actor=book.users["admin"],
                employer=book.employer,
                worker=book.worker,
                person_name=body["person_name"],
                occurred_at=dt.datetime(2026, 10, 1 + i, tzinfo=dt.UTC),
                location=body["location"],
                description=body["description"],
                outcome=body["outcome"],
                reported_by=body["reported_by"],
            )
        elif what == "reports":
            body = new_report(book)
            injury_report_submit(
                actor=book.users["admin"],
                employer=book.employer,
                worker=book.worker,
                jurisdiction="CO",
                injury_date=dt.date(2026, 10, 1 + i),
                location=body["location"],
                nature_of_injury=body["nature_of_injury"],
                body_part=body["body_part"],
                how_it_happened=body["how_it_happened"],
                reported_to_employer_on=dt.date(2026, 10, 1 + i),
                notifier_name=body["notifier_name"],
                notifier_relationship="self",
            )
        elif what == "organisations":
            from opencomp.accounts.services import organisation_create

            n = Organisation.objects.count()
            organisation_create(
                actor=None, kind="employer", name=f"Extra {n}", claims_administrator=book.insurer
            )


@pytest.mark.parametrize(
    ("_case", "path"),
    [
        ("events", "claims/{number}/events"),
        ("incidents", "incidents"),
        ("reports", "reports"),
        ("organisations", "organisations"),
    ],
)
def test_lists_do_not_query_per_item(book, api, _case, path):
    url = path.format(number=book.claim.number)
    _grow(book, _case)
    with CaptureQueriesContext(connection) as few:
        first = api.get(url, as_="admin")
    _grow(book, _case)

    with CaptureQueriesContext(connection) as many:
        second = api.get(url, as_="admin")

    assert second.body["count"] == first.body["count"] + 5
    assert len(many) == len(few)


def test_only_the_page_of_events_shown_is_recorded_as_read(api, book):
    # given: two medical notes, newest first in the log
    from opencomp.claims.models import MedicalDetailRead
    from opencomp.claims.services import claim_event_append

    adjuster = book.users["adjuster"]
    notes = [
        claim_event_append(
            actor=adjuster, claim=book.claim, kind="medical.note_recorded", payload={"summary": f"Visit {i}"}
        )
        for i in range(2)
    ]

    # when
    reply = api.get(f"claims/{book.claim.number}/events", as_="adjuster", limit=1, offset=0)

    # then
    assert reply.status == 200
    body = reply.body
    assert body["count"] == book.claim.events.count()
    assert [e["seq"] for e in body["items"]] == [notes[1].seq]
    assert MedicalDetailRead.objects.get(user=adjuster).event_ids == [notes[1].pk]
