"""Rule pack validation: every fault found at once, each naming file, rule and field."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from opencomp.jurisdictions.rulepack import (
    CLAIM_FACTS,
    PACK_DIR,
    PackProblem,
    RulePackError,
    available,
    load_pack,
    pack_for,
)

SOURCE = {"citation": "Test Act 2000 s 1", "url": "https://example.org/s1", "grade": "R"}
KNOWN = frozenset(
    {
        "claim.created",
        "claim.status_changed",
        "activity.logged",
        "diary.entry_added",
        "diary.entry_completed",
        "info.requested",
        "info.received",
        "hearing.order_recorded",
        "hearing.order_complied",
    }
)


def rule(rule_id: str = "nsw.a", **changes: Any) -> dict[str, Any]:
    r: dict[str, Any] = {
        "id": rule_id,
        "title": "A rule",
        "obligor": "administrator",
        "source": SOURCE,
        "trigger": {"event": "claim.created", "anchor": "claim.notification_date"},
        "due": {"amount": 3, "unit": "business_days"},
        "satisfied_by": [{"event": "activity.logged", "where": {"party": "worker"}}],
    }
    r.update(changes)
    return r


def pack(*rules: dict[str, Any], **changes: Any) -> dict[str, Any]:
    p: dict[str, Any] = {
        "jurisdiction": "NSW",
        "version": "2026.1.1",
        "title": "Test pack",
        "calendar": {"country": "AU", "subdivision": "NSW", "source": SOURCE},
        "counting": {"roll_last_day": True, "source": SOURCE},
        "rules": list(rules) or [rule()],
    }
    p.update(changes)
    return p


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    shutil.copy(PACK_DIR / "common.yaml", tmp_path / "common.yaml")
    return tmp_path


def write(directory: Path, content: dict[str, Any] | str, name: str = "nsw.yaml") -> None:
    text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
    (directory / name).write_text(text, encoding="utf-8")


def problems(directory: Path, code: str = "NSW", **kw: Any) -> list[PackProblem]:
    with pytest.raises(RulePackError) as caught:
        load_pack(code, directory=directory, **kw)
    return caught.value.problems


def test_a_valid_pack_loads(packs):
    write(packs, pack())
    loaded = load_pack("NSW", directory=packs, known_events=KNOWN)
    assert loaded.rule_ids == ("nsw.a", "diary.entry", "diary.info_request", "diary.hearing_order")
    assert loaded.time_zone == "Australia/Sydney"
    assert loaded.rules_version.startswith("NSW-2026.1.1+")


def test_unknown_unit(packs):
    write(packs, pack(rule(due={"amount": 3, "unit": "fortnights"})))
    assert problems(packs) == [
        PackProblem(
            "nsw.yaml",
            "nsw.a",
            "due.unit",
            "Input should be 'calendar_days', 'business_days', 'hours', 'weeks' or 'years'",
        )
    ]


def test_missing_source(packs):
    bad = rule()
    del bad["source"]
    write(packs, pack(bad))
    [problem] = problems(packs)
    assert problem == PackProblem("nsw.yaml", "nsw.a", "source", "Field required")
    assert str(problem) == "nsw.yaml: rule nsw.a: source: Field required"


def test_empty_citation(packs):
    write(packs, pack(rule(source={"citation": "", "grade": "R"})))
    assert problems(packs) == [
        PackProblem("nsw.yaml", "nsw.a", "source.citation", "String should have at least 3 characters")
    ]


def test_rule_id_with_the_wrong_prefix(packs):
    write(packs, pack(rule("co.a")))
    assert problems(packs) == [PackProblem("nsw.yaml", "co.a", "id", "must start with 'nsw.'")]


def test_duplicate_rule_id(packs):
    write(packs, pack(rule(), rule(title="The same id again")))
    assert problems(packs) == [PackProblem("nsw.yaml", "nsw.a", "id", "is used by another rule")]


def test_trigger_rule_naming_a_missing_rule(packs):
    write(packs, pack(rule(), rule("nsw.b", trigger={"rule": "nsw.zzz"})))
    assert problems(packs) == [PackProblem("nsw.yaml", "nsw.b", "trigger.rule", "no rule 'nsw.zzz'")]


def test_rule_triggers_in_a_loop(packs):
    write(
        packs,
        pack(
            rule(),
            rule("nsw.b", trigger={"rule": "nsw.c"}),
            rule("nsw.c", trigger={"rule": "nsw.d"}),
            rule("nsw.d", trigger={"rule": "nsw.b"}),
        ),
    )
    assert problems(packs) == [
        PackProblem(
            "nsw.yaml",
            "nsw.b",
            "trigger.rule",
            "rules trigger each other in a loop: nsw.b → nsw.c → nsw.d → nsw.b",
        )
    ]


def test_a_rule_triggering_itself(packs):
    write(packs, pack(rule("nsw.a", trigger={"rule": "nsw.a"})))
    assert problems(packs) == [
        PackProblem("nsw.yaml", "nsw.a", "trigger.rule", "rules trigger each other in a loop: nsw.a → nsw.a")
    ]


def test_unknown_claim_fact(packs):
    write(packs, pack(rule(applies_if=[{"fact": "shoe_size", "equals": 9}])))
    known = ", ".join(sorted(CLAIM_FACTS))
    assert problems(packs) == [
        PackProblem(
            "nsw.yaml", "nsw.a", "applies_if.0.fact", f"unknown claim fact 'shoe_size'; known: {known}"
        )
    ]


def test_trigger_needs_event_or_rule(packs):
    write(packs, pack(rule(trigger={"anchor": "event.occurred_at"})))
    assert problems(packs) == [PackProblem("nsw.yaml", "nsw.a", "trigger", "give exactly one of event, rule")]


def test_fact_condition_needs_a_value(packs):
    write(packs, pack(rule(applies_if=[{"fact": "fatal"}])))
    assert problems(packs) == [
        PackProblem("nsw.yaml", "nsw.a", "applies_if.0", "a fact condition needs exactly one of equals, in")
    ]


@pytest.mark.parametrize(
    ("where", "change", "field", "message"),
    [
        (
            "trigger",
            {"trigger": {"event": "claim.created", "anchor": "event.payload.Due-On"}},
            "trigger.anchor",
            "'event.payload.Due-On' is not claim.<fact>, event.occurred_at or event.payload.<field>",
        ),
        (
            "trigger, not a date",
            {"trigger": {"event": "claim.created", "anchor": "claim.status"}},
            "trigger.anchor",
            "'claim.status' is not a date; date facts: employer_knowledge_date, injury_at, injury_date, "
            "notification_date",
        ),
        (
            "satisfied_by",
            {"satisfied_by": [{"event": "activity.logged", "at": "yesterday"}]},
            "satisfied_by.0.at",
            "'yesterday' is not claim.<fact>, event.occurred_at or event.payload.<field>",
        ),
        (
            "rule trigger",
            {"trigger": {"rule": "nsw.a", "anchor": "claim.injury_date"}},
            "trigger.anchor",
            "a rule trigger takes rule_anchor",
        ),
    ],
)
def test_bad_anchor(packs, where, change, field, message):
    rules = [rule(), rule("nsw.b", **change)] if where == "rule trigger" else [rule(**change)]
    write(packs, pack(*rules))
    rule_id = "nsw.b" if where == "rule trigger" else "nsw.a"
    assert problems(packs) == [PackProblem("nsw.yaml", rule_id, field, message)]


def test_unknown_event_kinds_when_known_events_given(packs):
    write(
        packs,
        pack(
            rule(
                trigger={"event": "claim.exploded"},
                satisfied_by=[{"event": "activity.logged"}, {"event": "notice.mailed"}],
                applies_if=[{"not_seen": {"event": "claim.vanished"}}],
            ),
            defaults={"cancelled_by": [{"event": "claim.shredded"}]},
        ),
    )
    assert problems(packs, known_events=KNOWN) == [
        PackProblem("nsw.yaml", "nsw.a", "trigger.event", "unknown event kind 'claim.exploded'"),
        PackProblem("nsw.yaml", "nsw.a", "satisfied_by.1.event", "unknown event kind 'notice.mailed'"),
        PackProblem(
            "nsw.yaml", "nsw.a", "applies_if.0.not_seen.event", "unknown event kind 'claim.vanished'"
        ),
        PackProblem("nsw.yaml", None, "defaults.cancelled_by.0.event", "unknown event kind 'claim.shredded'"),
    ]
    load_pack("NSW", directory=packs)  # without known_events the kinds are not checked


def test_invalid_yaml(packs):
    write(packs, "jurisdiction: NSW\nrules: [\n - id: nsw.a\n   title: x\n  oops: ]\n")
    [problem] = problems(packs)
    assert (problem.file, problem.rule, problem.field) == ("nsw.yaml", None, "(file)")
    assert problem.message.startswith("is not valid YAML: ")
    assert "(line 3, column 2)" in problem.message
    assert "\n" not in str(problem)


def test_not_a_mapping(packs):
    write(packs, "- just\n- a list\n")
    assert problems(packs) == [PackProblem("nsw.yaml", None, "(file)", "must be a mapping")]


def test_wrong_jurisdiction(packs):
    write(packs, pack(jurisdiction="CO"))
    assert problems(packs) == [PackProblem("nsw.yaml", None, "jurisdiction", "is 'CO', not 'NSW'")]


def test_missing_calendar_and_counting(packs):
    p = pack()
    del p["calendar"], p["counting"]
    write(packs, p)
    assert problems(packs) == [
        PackProblem("nsw.yaml", None, "calendar", "is required"),
        PackProblem("nsw.yaml", None, "counting", "is required"),
    ]


def test_rolling_needs_a_source(packs):
    write(packs, pack(counting={"roll_last_day": True}))
    assert problems(packs) == [
        PackProblem("nsw.yaml", None, "counting", "rolling the last day needs a source")
    ]


def test_backwards_rules_cannot_recur_or_count_hours(packs):
    write(
        packs,
        pack(
            rule(direction="before", recurs={"every": {"amount": 2, "unit": "weeks"}}),
            rule("nsw.b", direction="before", due={"amount": 8, "unit": "hours"}),
        ),
    )
    assert problems(packs) == [
        PackProblem("nsw.yaml", "nsw.a", "recurs", "a rule that counts backwards cannot recur"),
        PackProblem("nsw.yaml", "nsw.b", "direction", "hour periods count forwards only"),
    ]


def test_schema_problems_reported_together_a_rule_without_id_by_number(packs):
    nameless = rule()
    del nameless["id"]
    write(packs, pack(rule(due={"amount": -1, "unit": "weeks"}), nameless, rule("co.x")))
    assert [str(p) for p in problems(packs)] == [
        "nsw.yaml: rule nsw.a: due.amount: Input should be greater than or equal to 0",
        "nsw.yaml: rule #2: id: Field required",
    ]


def test_problems_in_common_yaml_name_that_file(packs):
    write(packs, pack())
    common = yaml.safe_load((packs / "common.yaml").read_text())
    common["rules"][0]["id"] = "nsw.entry"
    write(packs, common, "common.yaml")
    assert problems(packs) == [PackProblem("common.yaml", "nsw.entry", "id", "must start with 'diary.'")]


def test_missing_file(packs):
    [problem] = problems(packs)
    assert (problem.file, problem.field) == ("nsw.yaml", "(file)")
    assert problem.message.startswith("cannot be read")


def test_unknown_jurisdiction():
    with pytest.raises(KeyError, match="unknown jurisdiction 'XX'; known: CO, CT, MN, NSW"):
        load_pack("XX")


def test_error_message_joins_every_problem(packs):
    write(packs, pack(rule("co.a"), jurisdiction="CO"))
    with pytest.raises(RulePackError) as caught:
        load_pack("NSW", directory=packs)
    assert str(caught.value) == (
        "nsw.yaml: jurisdiction: is 'CO', not 'NSW'; nsw.yaml: rule co.a: id: must start with 'nsw.'"
    )


def test_rules_version_follows_the_file_content(packs):
    write(packs, pack())
    first = load_pack("NSW", directory=packs).rules_version
    write(packs, pack(rule(title="A rule, retitled")))
    assert load_pack("NSW", directory=packs).rules_version != first


def test_rules_come_after_the_rule_they_count_from(packs):
    write(packs, pack(rule("nsw.b", trigger={"rule": "nsw.a"}), rule("nsw.a")))
    assert load_pack("NSW", directory=packs).rule_ids[:2] == ("nsw.a", "nsw.b")


# --- the real packs ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["CO", "CT", "MN", "NSW"])
def test_real_packs_load(code):
    # With the application's event kinds: opencomp/deadlines/tests/test_rules_common.py (this
    # package may not import opencomp.claims, even in tests: the layers contract).
    loaded = load_pack(code)
    assert loaded.code == code
    assert loaded.rule_ids == pack_for(code).rule_ids
    assert loaded.rules_version == pack_for(code).rules_version


def test_available_and_cached():
    assert available() == ["CO", "CT", "MN", "NSW"]
    assert pack_for("NSW") is pack_for("NSW")
