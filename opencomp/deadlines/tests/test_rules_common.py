"""The rules every pack shares (the adjuster's diary), and checks across all packs.

* every rule id the issue asks for exists, and every rule names its source;
* every payload field and value a pack matches on is one the event schemas can hold;
* every rule of every pack, walked once through the engine, gives an obligation that a
  matching event then satisfies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from opencomp.claims.enums import EventKind
from opencomp.claims.events import SCHEMAS
from opencomp.deadlines.engine import ANY, LATE, OPEN, SATISFIED, EventRecord, obligations
from opencomp.deadlines.tests.builders import D, Log, dates, facts, of, only, run
from opencomp.jurisdictions.rulepack import Match, Rule, RulePack, available, load_pack, pack_for

REQUIRED = {
    "NSW": [
        "nsw.initial_contact_worker",
        "nsw.initial_contact_employer",
        "nsw.initial_contact_doctor",
        "nsw.liability_decision",
        "nsw.liability_notice",
        "nsw.weekly_payments_start",
        "nsw.injury_management_plan",
        "nsw.recovery_screen",
        "nsw.treatment_acknowledge",
        "nsw.treatment_decision",
        "nsw.certificate_current",
    ],
    "CO": [
        "co.employer_report",
        "co.first_report_division",
        "co.admission_or_contest",
        "co.modified_duty_letter",
        "co.physician_change_response",
        "co.alcohol_test",
        "co.drug_test",
    ],
    "MN": ["mn.first_action", "mn.first_report_filing"],
    "CT": [],
}
DIARY = ("diary.entry", "diary.info_request", "diary.hearing_order")
ALL_RULES = [(code, rule.id) for code in available() for rule in pack_for(code).rules]


def test_every_jurisdiction_has_a_pack():
    assert available() == ["CO", "CT", "MN", "NSW"]


@pytest.mark.parametrize("code", sorted(REQUIRED))
def test_required_rules_exist(code):
    ids = pack_for(code).rule_ids
    assert set(REQUIRED[code]) <= set(ids)
    assert set(DIARY) <= set(ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("code", "rule_id"), ALL_RULES)
def test_every_rule_names_its_source(code, rule_id):
    rule = pack_for(code).rule(rule_id)
    assert len(rule.source.citation) >= 10 or rule.source.grade == "A"
    assert rule.source.grade in ("R", "S", "D", "P", "A")
    if rule.source.grade == "R":
        assert rule.source.url.startswith("http"), "a statute or regulator rule gives its address"
    if rule.source.grade == "A":
        assert rule_id.startswith("diary.")


@pytest.mark.smoke
@pytest.mark.parametrize("code", sorted(REQUIRED))
def test_real_packs_load_with_the_application_event_kinds(code):
    loaded = load_pack(code, known_events=frozenset(EventKind.values))
    assert loaded.rule_ids == pack_for(code).rule_ids
    assert loaded.rules_version == pack_for(code).rules_version


def test_every_pack_names_calendar_and_counting_sources():
    for code in available():
        pack = pack_for(code)
        assert pack.calendar_source.citation
        if pack.roll_last_day:
            assert pack.counting_source is not None


# --- pack values against the event schemas ---------------------------------------------------


def _matches(rule: Rule) -> list[Match]:
    found = [*rule.satisfied_by, *rule.cancelled_by]
    found += [m for c in rule.applies_if for m in (c.seen, c.not_seen) if m is not None]
    return found


def _check_fields(kind: str, fields: dict[str, Any], where: str) -> list[str]:
    schema = SCHEMAS.get(kind)
    if schema is None:
        return [f"{where}: unknown kind {kind}"]
    problems = []
    for name, wanted in fields.items():
        info = schema.model_fields.get(name)
        if info is None:
            problems.append(f"{where}: {kind} has no field {name!r}")
            continue
        if wanted == ANY:
            continue
        adapter = TypeAdapter(info.annotation)
        is_list = str(info.annotation).startswith("list")
        for value in wanted if isinstance(wanted, list) else [wanted]:
            try:
                adapter.validate_python([value] if is_list else value)
            except ValidationError:
                problems.append(f"{where}: {kind}.{name} cannot be {value!r}")
    return problems


@pytest.mark.parametrize("code", sorted(REQUIRED))
def test_pack_payload_fields_and_values_exist_in_the_event_schemas(code):
    pack = pack_for(code)
    problems: list[str] = []
    for match in pack.default_cancelled_by:
        problems += _check_fields(match.event, match.where, "defaults")
    for rule in pack.rules:
        trig = rule.trigger
        if trig.event:
            problems += _check_fields(trig.event, trig.where, f"{rule.id} trigger")
            if trig.anchor.startswith("event.payload."):
                field = trig.anchor.removeprefix("event.payload.")
                problems += _check_fields(trig.event, {field: ANY}, f"{rule.id} anchor")
        for m in _matches(rule):
            problems += _check_fields(m.event, {**m.where, **m.contains}, rule.id)
            if m.ref:
                problems += _check_fields(m.event, {m.ref: 1}, f"{rule.id} ref")
            if m.at.startswith("event.payload."):
                problems += _check_fields(m.event, {m.at.removeprefix("event.payload."): ANY}, rule.id)
    assert problems == []


# --- every rule once through the engine --------------------------------------------------------

WHEN = dt.datetime(2025, 6, 2, 1, 0, tzinfo=dt.UTC)  # a Monday, in every zone's business hours
DAY = "2025-06-02"


def _payload(fields: dict[str, Any], contains: dict[str, list[Any]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, wanted in fields.items():
        value = wanted[0] if isinstance(wanted, list) else wanted
        out[name] = "2025-06-02T09:00:00" if value == ANY else value
    for name, values in (contains or {}).items():
        out[name] = list(values)
    return out


class _Walk:
    """Facts and events that make one rule (and any rule it counts from) apply and start."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.fact_values: dict[str, Any] = {}
        self.events: list[EventRecord] = []

    def add(self, kind: str, payload: dict[str, Any]) -> int:
        seq = len(self.events) + 1
        self.events.append(EventRecord(seq, kind, WHEN + dt.timedelta(minutes=seq), payload))
        return seq

    def start(self, rule: Rule, pack: RulePack) -> None:
        for cond in rule.applies_if:
            if cond.fact is not None:
                value = cond.equals if cond.in_ is None else cond.in_[0]
                self.fact_values[cond.fact] = (value,) if cond.fact == "employer_policies" else value
            elif cond.seen is not None:
                self.add(cond.seen.event, _payload(cond.seen.where, cond.seen.contains))
        trig = rule.trigger
        if trig.rule is not None:
            self.start(pack.rule(trig.rule), pack)
            return
        assert trig.event is not None
        payload = _payload(trig.where)
        if trig.anchor.startswith("event.payload."):
            payload[trig.anchor.removeprefix("event.payload.")] = DAY
        if trig.event != "claim.created" or not any(e.kind == "claim.created" for e in self.events):
            self.add(trig.event, payload)

    def facts(self) -> Any:
        return facts(self.code, injury_time=dt.time(9, 0), **self.fact_values)


@pytest.mark.parametrize(("code", "rule_id"), ALL_RULES)
def test_every_rule_gives_an_obligation_that_can_be_met(code, rule_id):
    pack = pack_for(code)
    rule = pack.rule(rule_id)
    walk = _Walk(code)
    walk.add("claim.created", {})
    walk.start(rule, pack)
    found = of(obligations(walk.facts(), walk.events, pack), rule_id)
    assert len(found) >= 1, f"{rule_id} gave no obligation"
    first = found[0]
    assert first.citation == rule.source.citation
    assert first.rules_version == pack.rules_version
    assert first.calendar_version == pack.calendar.version
    assert first.explanation
    if first.status == OPEN:
        match = rule.satisfied_by[0]
        payload = _payload(match.where, match.contains)
        if match.ref:
            payload[match.ref] = first.trigger_seq
        if match.at.startswith("event.payload."):
            payload[match.at.removeprefix("event.payload.")] = "2025-06-02T09:00:00"
        walk.add(match.event, payload)
        first = of(obligations(walk.facts(), walk.events, pack), rule_id)[0]
    assert first.status in (SATISFIED, LATE), first.explanation


# --- the diary ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["NSW", "CO", "MN", "CT"])
def test_diary_entry_due_on_the_day_set_even_a_holiday(code):
    # Due on Thu 25 Dec 2025 (Christmas everywhere): the adjuster's own date never moves.
    f = facts(code)
    log = Log(code)
    log.created(f)
    entry = log.add(
        "diary.entry_added", D(2025, 12, 1), dict(title="Call the worker", due_on=D(2025, 12, 25))
    )
    o = only(run(f, log), "diary.entry")
    assert (o.key, *dates(o)) == (f"diary.entry#{entry}", D(2025, 12, 25), D(2025, 12, 25), OPEN)
    assert o.due_at.date() == D(2025, 12, 25)


def test_diary_entry_completed_for_another_entry_does_not_count():
    f = facts("NSW")
    log = Log("NSW")
    log.created(f)
    a = log.add("diary.entry_added", D(2025, 12, 1), dict(title="A", due_on=D(2025, 12, 5)))
    b = log.add("diary.entry_added", D(2025, 12, 1), dict(title="B", due_on=D(2025, 12, 5)))
    log.add("diary.entry_completed", D(2025, 12, 4), dict(entry_seq=b))
    log.add("diary.entry_completed", D(2025, 12, 8), dict(entry_seq=a))
    found = {o.trigger_seq: o.status for o in of(run(f, log), "diary.entry")}
    assert found == {a: LATE, b: SATISFIED}


def test_info_request_follow_up():
    f = facts("CO")
    log = Log("CO")
    log.created(f)
    request = log.add(
        "info.requested", D(2025, 6, 2), dict(party="provider", what="Clinic notes", due_on=D(2025, 6, 16))
    )
    log.add("info.received", D(2025, 6, 16), dict(request_seq=request), at=dt.time(23, 0))
    assert dates(only(run(f, log), "diary.info_request")) == (D(2025, 6, 16), D(2025, 6, 16), SATISFIED)


@pytest.mark.parametrize("code", ["NSW", "CO", "MN", "CT"])
def test_diary_entry_cancelled_when_claim_closed_first(code):
    f = facts(code)
    log = Log(code)
    log.created(f)
    log.add("diary.entry_added", D(2025, 12, 1), dict(title="Call", due_on=D(2025, 12, 10)))
    closed = log.status("closed", D(2025, 12, 3))
    o = only(run(f, log), "diary.entry")
    assert (o.status, o.closed_seq) == ("cancelled", closed)


def test_connecticut_has_only_the_diary_and_does_not_roll():
    pack = pack_for("CT")
    assert pack.rule_ids == DIARY
    assert pack.roll_last_day is False
    f = facts("CT", claim_type="lost_time", fatal=True, significant_injury=True)
    log = Log("CT")
    log.created(f)
    assert run(f, log) == []
