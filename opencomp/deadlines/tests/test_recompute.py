"""The full recompute (``batch.recompute``) rebuilds exactly what the incremental path keeps.

The incremental path is ``obligations_on_event`` inside each event's transaction (and
the escalation sweep's own row updates); the full path reads the event log in ranges
and replaces the rows (``COPY`` on PostgreSQL). Both must leave the same table, so a
recompute after a rule pack changes moves only what the pack changed.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from zoneinfo import ZoneInfo

import pytest

from opencomp.claims.models import Claim
from opencomp.claims.services import (
    claim_correct_details,
    claim_event_append,
    claim_transition,
)
from opencomp.deadlines import batch, packs
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.services import (
    ENGINE_FIELDS,
    diary_entry_add,
    escalations_run,
    info_request_add,
    obligation_complete,
    obligation_waive,
)
from opencomp.deadlines.tests.claims import open_claim
from opencomp.jurisdictions import rulepack

D = dt.date
DENVER = ZoneInfo("America/Denver")
SYDNEY = ZoneInfo("Australia/Sydney")


def _table() -> dict[tuple[int, str], tuple]:
    """Every row by (claim, key): the engine's fields (not the row id or computed_at)."""
    return {
        (o.claim_id, o.key): tuple(getattr(o, f) for f in ENGINE_FIELDS) for o in Obligation.objects.all()
    }


def _stamps() -> dict[tuple[int, str], tuple[int, dt.datetime]]:
    return {(o.claim_id, o.key): (o.pk, o.computed_at) for o in Obligation.objects.all()}


def _append(actor, claim, kind, payload, occurred_at=None):
    return claim_event_append(actor=actor, claim=claim, kind=kind, payload=payload, occurred_at=occurred_at)


def _call(party, **extra):
    return {
        "party": party,
        "channel": "phone",
        "direction": "outbound",
        "issue": "Contact",
        "action": "Called.",
        **extra,
    }


def _co_events(book):
    adjuster = book.users["adjuster"]
    claim = book.claim
    _append(
        adjuster,
        claim,
        "report.filed",
        {"report": "first_report_of_injury", "filed_with": "CO Division"},
        occurred_at=dt.datetime(2026, 10, 28, 10, tzinfo=DENVER),
    )
    claim = claim_transition(actor=adjuster, claim=claim, to_status="accepted")
    request = _append(
        adjuster, claim, "request.received", {"subject": "physician_change", "received_on": "2026-10-30"}
    )
    _append(adjuster, claim, "request.decided", {"request_seq": request.seq, "decision": "approved"})
    diary_entry_add(actor=adjuster, claim=claim, title="Review the MRI", due_on=D(2026, 11, 6))
    info = info_request_add(
        actor=adjuster, claim=claim, party="employer", what="Wage records", due_on=D(2026, 11, 4)
    )
    obligation_complete(
        actor=adjuster, obligation=Obligation.objects.get(claim=claim, key=f"diary.info_request#{info.seq}")
    )
    pool_row = Obligation.objects.get(claim=book.pool_claim, key="co.first_report_division#1")
    obligation_waive(actor=book.users["admin"], obligation=pool_row, reason="Medical only.")


def _nsw_events(book):
    actor = book.users["other_adjuster"]
    claim = book.other_claim
    claim = claim_correct_details(
        actor=actor, claim=claim, changes={"significant_injury": True}, reason="Six weeks off work."
    )
    _append(
        actor,
        claim,
        "activity.logged",
        _call("worker"),
        occurred_at=dt.datetime(2026, 10, 23, 9, tzinfo=SYDNEY),
    )
    _append(actor, claim, "activity.logged", _call("employer"))
    claim = claim_transition(
        actor=actor,
        claim=claim,
        to_status="provisionally_accepted",
        occurred_at=dt.datetime(2026, 10, 27, 12, tzinfo=SYDNEY),
    )
    _append(
        actor,
        claim,
        "notice.sent",
        {"notice": "liability_decision", "recipients": ["worker", "employer"]},
        occurred_at=dt.datetime(2026, 10, 28, 12, tzinfo=SYDNEY),
    )
    _append(
        actor,
        claim,
        "indemnity.commenced",
        {"benefit": "direct_payments", "first_day": "2026-10-27", "first_payment_on": "2026-10-28"},
        occurred_at=dt.datetime(2026, 10, 28, 13, tzinfo=SYDNEY),
    )
    for day in (27, 30):
        _append(
            actor,
            claim,
            "work_status.recorded",
            {"capacity": "none", "from_date": f"2026-10-{day}", "certificate": True},
            occurred_at=dt.datetime(2026, 10, day, 15, tzinfo=SYDNEY),
        )
    _append(actor, claim, "milestone.recorded", {"milestone": "injury_plan_issued"})
    request = _append(actor, claim, "request.received", {"subject": "treatment", "received_on": "2026-10-30"})
    _append(actor, claim, "request.acknowledged", {"request_seq": request.seq})
    _append(actor, claim, "schedule.recorded", {"subject": "ime", "on": "2026-11-20"})


def _other_jurisdictions(book):
    mn = open_claim(book, "MN", fatal=True)
    _append(
        book.users["adjuster"],
        mn,
        "report.filed",
        {"report": "first_report_of_injury", "filed_with": "MN DLI"},
    )
    ct = open_claim(book, "CT")
    diary_entry_add(actor=book.users["adjuster"], claim=ct, title="Call the worker", due_on=D(2026, 11, 3))
    ct = claim_transition(actor=book.users["adjuster"], claim=ct, to_status="accepted")
    claim_transition(actor=book.users["adjuster"], claim=ct, to_status="closed", reason="Back at work.")
    return mn, ct


@pytest.fixture
def varied_book(book, frozen_now):
    """The book's claims with a varied log in every jurisdiction, and the overdue escalated."""
    _co_events(book)
    _nsw_events(book)
    mn, ct = _other_jurisdictions(book)
    escalated = escalations_run()
    assert escalated > 0
    frozen_now.shift(dt.timedelta(hours=1))
    return book, mn, ct


def test_the_varied_book_has_rows_in_every_state_and_jurisdiction(varied_book):
    # Given the varied book (a guard that the comparisons below compare something)
    statuses = set(Obligation.objects.values_list("status", flat=True))
    jurisdictions = set(Obligation.objects.values_list("claim__jurisdiction", flat=True))

    # Then every state and every jurisdiction is represented, and recurring rules recurred
    assert statuses == {"open", "satisfied", "late", "waived", "cancelled"}
    assert jurisdictions == {"CO", "CT", "MN", "NSW"}
    assert Obligation.objects.filter(escalated_seq__isnull=False).exists()
    assert Obligation.objects.filter(key__startswith="nsw.certificate_current#", instance=1).exists()
    assert Obligation.objects.filter(rule_id="nsw.injury_management_plan_review").exists()


def test_recompute_rebuilds_exactly_the_incremental_rows(varied_book):
    # Given the table the incremental path kept
    before = _table()

    # When everything is recomputed from the event log, in ranges of two claims
    stats = batch.recompute(chunk_size=2)

    # Then every row is the same, field by field
    assert _table() == before
    assert stats.claims == Claim.objects.count() == 5
    assert stats.obligations == len(before)


def test_recompute_of_one_jurisdiction_touches_only_its_claims(varied_book, frozen_now):
    # Given the table as the incremental path left it
    before_rows, before_stamps = _table(), _stamps()
    nsw = set(Claim.objects.filter(jurisdiction="NSW").values_list("pk", flat=True))

    # When only NSW is recomputed, an hour later
    frozen_now.shift(dt.timedelta(hours=1))
    stats = batch.recompute(jurisdiction="NSW")

    # Then the NSW rows are rewritten with the same values, the others not even rewritten
    assert stats.claims == 1
    assert _table() == before_rows
    after_stamps = _stamps()
    for (claim_id, key), (pk, computed_at) in after_stamps.items():
        if claim_id in nsw:
            assert computed_at > before_stamps[(claim_id, key)][1]
        else:
            assert (pk, computed_at) == before_stamps[(claim_id, key)]


def test_recompute_twice_gives_the_same_table(varied_book):
    batch.recompute()
    first = _table()

    batch.recompute()

    assert _table() == first


def test_recompute_of_an_empty_selection_does_nothing(book):
    before = _stamps()

    stats = batch.recompute(jurisdiction="MN")

    assert (stats.claims, stats.obligations) == (0, 0)
    assert _stamps() == before


@pytest.fixture
def pack_dir(tmp_path, monkeypatch):
    """A copy of the shipped packs that ``packs.pack`` loads from (caches cleared around it)."""
    directory = tmp_path / "packs"
    shutil.copytree(rulepack.PACK_DIR, directory)
    monkeypatch.setattr(packs, "load_pack", functools.partial(rulepack.load_pack, directory=directory))
    yield directory
    packs.pack.cache_clear()
    packs.relevant_kinds.cache_clear()


def test_recompute_after_a_pack_change_moves_due_dates_and_the_rules_version(varied_book, pack_dir):
    # Given the table built under the shipped packs
    before = {(o.claim_id, o.key): o for o in Obligation.objects.all()}
    claim = varied_book[0].other_claim
    old = before[(claim.pk, "nsw.liability_notice#5")]
    assert old.due_date == D(2026, 10, 29)

    # When the NSW pack gives 3 business days for the liability notice instead of 2
    nsw = pack_dir / "nsw.yaml"
    text = nsw.read_text()
    old_rule = (
        "    due: {amount: 2, unit: business_days}\n"
        "    satisfied_by:\n"
        "      - event: notice.sent\n"
        "        where: {notice: liability_decision}"
    )
    assert text.count(old_rule) == 1
    nsw.write_text(text.replace(old_rule, old_rule.replace("amount: 2", "amount: 3")))
    packs.pack.cache_clear()
    packs.relevant_kinds.cache_clear()
    stats = batch.recompute()

    # Then the notice is due a business day later (Tue 27 Oct → Fri 30 Oct), still done on time
    new = Obligation.objects.get(claim=claim, key="nsw.liability_notice#5")
    assert (new.due_date, new.status) == (D(2026, 10, 30), "satisfied")
    assert (
        new.explanation[-2]
        == "3 business days after Tue 27 Oct 2026, not counting that day → Fri 30 Oct 2026"
    )
    # And every NSW row carries the new rules version; the other packs' rows keep theirs
    new_version = packs.pack("NSW").rules_version
    assert new_version.startswith("NSW-2026.11.4+")
    assert new_version != old.rules_version
    after = {(o.claim_id, o.key): o for o in Obligation.objects.all()}
    assert set(after) == set(before)
    for ref, row in after.items():
        if row.claim.jurisdiction == "NSW":
            assert row.rules_version == new_version
        else:
            assert row.rules_version == before[ref].rules_version
    # And nothing else moved
    changed = {ref for ref, row in after.items() if row.due_date != before[ref].due_date}
    assert changed == {(claim.pk, "nsw.liability_notice#5")}
    assert stats.claims == 5
