"""Rule packs: a jurisdiction's calendar, counting convention and deadline rules, as data.

One YAML file per jurisdiction in ``packs/`` (``nsw.yaml``…) plus ``common.yaml``
(the adjuster's own diary entries and information requests, the same everywhere).
A pack is validated when it is loaded; every problem is reported at once, each
naming the file, the rule and the field, and a pack with any problem is refused.

Every rule carries its source (citation, address and grade). Rules without a
source stay out of the packs; the pack's ``notes`` say what was left out and why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from opencomp.jurisdictions.calendar import BusinessCalendar, HolidayAddition, HolidayRemoval
from opencomp.jurisdictions.registry import JURISDICTIONS

PACK_DIR = Path(__file__).with_name("packs")
COMMON_FILE = "common.yaml"

#: Claim facts a rule may test or anchor on (``claim.<fact>``).
CLAIM_FACTS = frozenset(
    {
        "jurisdiction",
        "claim_type",
        "significant_injury",
        "status",
        "fatal",
        "employer_policies",
        "injury_date",
        "injury_at",
        "employer_knowledge_date",
        "notification_date",
    }
)
DATE_FACTS = frozenset({"injury_date", "injury_at", "employer_knowledge_date", "notification_date"})

Unit = Literal["calendar_days", "business_days", "hours", "weeks", "years"]
#: R regulator or statute text; S secondary quoting a regulator; D derived; P a published
#: injury-management or claims program of an insurer, employer or pool (the seeds).
#: A set by the administrator itself (the adjuster's own diary).
Grade = Literal["R", "S", "D", "P", "A"]
Scalar = str | int | bool
Category = Literal["public", "bank", "government", "optional"]
ANCHOR = re.compile(r"^(claim\.[a-z_]+|event\.occurred_at|event\.payload\.[a-z_]+)$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    citation: Annotated[str, Field(min_length=3)]
    url: str = ""
    grade: Grade


class Period(_Model):
    amount: Annotated[int, Field(ge=0, le=5000)]
    unit: Unit

    def describe(self) -> str:
        noun = {
            "calendar_days": "calendar day",
            "business_days": "business day",
            "hours": "hour",
            "weeks": "week",
            "years": "year",
        }[self.unit]
        return f"{self.amount} {noun}{'' if self.amount == 1 else 's'}"


class Match(_Model):
    """An event of ``event`` kind whose payload fields match ``where``.

    ``ref`` names a payload field that must hold the trigger event's ``seq`` (a
    treatment decision answers *this* request). ``at`` says when the matched event
    counts as having happened (default: its ``occurred_at``). ``include_trigger``
    lets the trigger event itself satisfy the rule.
    """

    event: Annotated[str, Field(min_length=3)]
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    contains: dict[str, list[Scalar]] = Field(default_factory=dict)
    ref: str | None = None
    at: str = "event.occurred_at"
    include_trigger: bool = False

    @field_validator("at")
    @classmethod
    def _check_at(cls, value: str) -> str:
        _check_anchor(value)
        return value


class Condition(_Model):
    """A claim fact equal to / among values, or an event seen (or not) in the log."""

    fact: str | None = None
    equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    seen: Match | None = None
    not_seen: Match | None = None

    @field_validator("fact")
    @classmethod
    def _known_fact(cls, value: str | None) -> str | None:
        if value is not None and value not in CLAIM_FACTS:
            raise ValueError(f"unknown claim fact {value!r}; known: {', '.join(sorted(CLAIM_FACTS))}")
        return value

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [self.fact is not None, self.seen is not None, self.not_seen is not None]
        if sum(forms) != 1:
            raise ValueError("give exactly one of fact, seen, not_seen")
        if self.fact is not None and (self.equals is None) == (self.in_ is None):
            raise ValueError("a fact condition needs exactly one of equals, in")
        return self


class Trigger(_Model):
    """What starts the clock: an event (each match starts one obligation) or another rule."""

    event: str | None = None
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    #: An event whose payload matches every field of ``unless`` starts no clock.
    unless: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    anchor: str = "event.occurred_at"
    rule: str | None = None
    rule_anchor: Literal["due", "satisfied_or_due"] = "due"

    @field_validator("anchor")
    @classmethod
    def _anchor_ok(cls, value: str) -> str:
        _check_anchor(value)
        return value

    @model_validator(mode="after")
    def _one_form(self) -> Trigger:
        if (self.event is None) == (self.rule is None):
            raise ValueError("give exactly one of event, rule")
        return self


class Recurrence(_Model):
    """The clock restarts each time the rule is satisfied, ``every`` after that."""

    every: Period


class Rule(_Model):
    id: Annotated[str, Field(pattern=r"^[a-z]+\.[a-z0-9_]+$")]
    title: Annotated[str, Field(min_length=3, max_length=120)]
    obligor: Literal["administrator", "employer", "worker", "provider"]
    source: Source
    trigger: Trigger
    due: Period
    direction: Literal["after", "before"] = "after"
    roll: bool | None = None
    applies_if: list[Condition] = Field(default_factory=list)
    satisfied_by: Annotated[list[Match], Field(min_length=1)]
    cancelled_by: list[Match] = Field(default_factory=list)
    recurs: Recurrence | None = None
    notes: str = ""
    #: A payload field of the trigger event whose text titles the obligation (diary entries).
    title_from: str | None = None

    @field_validator("direction")
    @classmethod
    def _hours_forwards(cls, value: str, info: ValidationInfo) -> str:
        due = info.data.get("due")
        if value == "before" and isinstance(due, Period) and due.unit == "hours":
            raise ValueError("hour periods count forwards only")
        return value

    @field_validator("recurs")
    @classmethod
    def _recurs_forwards(cls, value: Recurrence | None, info: ValidationInfo) -> Recurrence | None:
        if value is not None and info.data.get("direction") == "before":
            raise ValueError("a rule that counts backwards cannot recur")
        return value


class HolidayRemovalSpec(_Model):
    name: str
    source: str
    from_year: int | None = None


class HolidayAdditionSpec(_Model):
    name: str
    source: str
    date: dt.date | None = None
    after: str | None = None
    days: int = 0
    from_year: int | None = None

    @model_validator(mode="after")
    def _one_form(self) -> HolidayAdditionSpec:
        if (self.date is None) == (self.after is None):
            raise ValueError("give exactly one of date, after")
        return self


def _public_only() -> list[Category]:
    return ["public"]


class CalendarSpec(_Model):
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    subdivision: str
    categories: list[Category] = Field(default_factory=_public_only)
    source: Source
    remove: list[HolidayRemovalSpec] = Field(default_factory=list)
    add: list[HolidayAdditionSpec] = Field(default_factory=list)


class Counting(_Model):
    exclude_trigger_day: Literal[True] = True
    roll_last_day: bool
    source: Source | None = None

    @model_validator(mode="after")
    def _sourced(self) -> Counting:
        if self.roll_last_day and self.source is None:
            raise ValueError("rolling the last day needs a source")
        return self


class Defaults(_Model):
    cancelled_by: list[Match] = Field(default_factory=list)


class PackFile(_Model):
    jurisdiction: str
    version: Annotated[str, Field(pattern=r"^\d{4}\.\d{1,2}\.\d{1,3}$")]
    title: str
    calendar: CalendarSpec | None = None
    counting: Counting | None = None
    defaults: Defaults = Field(default_factory=Defaults)
    notes: list[str] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)


def _check_anchor(value: str) -> None:
    if not ANCHOR.match(value):
        raise ValueError(f"{value!r} is not claim.<fact>, event.occurred_at or event.payload.<field>")
    fact = value.removeprefix("claim.")
    if value.startswith("claim.") and fact not in DATE_FACTS:
        raise ValueError(f"{value!r} is not a date; date facts: {', '.join(sorted(DATE_FACTS))}")


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack file."""

    file: str
    rule: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: rule {self.rule}" if self.rule else self.file
        return f"{where}: {self.field}: {self.message}"


class RulePackError(ValueError):
    """A pack that cannot be used; ``problems`` lists every fault found."""

    def __init__(self, problems: list[PackProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class RulePack:
    """A loaded, validated pack: rules (its own plus the common ones) and its calendar."""

    code: str
    title: str
    version: str
    rules_version: str
    calendar: BusinessCalendar
    roll_last_day: bool
    counting_source: Source | None
    calendar_source: Source
    time_zone: str
    rules: tuple[Rule, ...]
    default_cancelled_by: tuple[Match, ...]
    notes: tuple[str, ...]

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id.

        Raises:
            KeyError: naming the rule and the ids the pack has.
        """
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        known = ", ".join(r.id for r in self.rules)
        raise KeyError(f"{self.code} has no rule {rule_id!r}; it has: {known}")

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)


def _problems_from(exc: ValidationError, file: str, raw: Any) -> list[PackProblem]:
    problems = []
    for err in exc.errors():
        loc = list(err["loc"])
        rule_id = None
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            rules = raw.get("rules") if isinstance(raw, dict) else None
            entry = rules[loc[1]] if isinstance(rules, list) and loc[1] < len(rules) else None
            rule_id = (
                str(entry.get("id")) if isinstance(entry, dict) and entry.get("id") else f"#{loc[1] + 1}"
            )
            loc = loc[2:]
        field = ".".join(str(p) for p in loc) or ("(rule)" if rule_id else "(file)")
        problems.append(PackProblem(file, rule_id, field, err["msg"].removeprefix("Value error, ")))
    return problems


def _parse(path: Path) -> tuple[PackFile | None, list[PackProblem], bytes]:
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [PackProblem(name, None, "(file)", f"cannot be read: {exc.strerror}")], b""
    try:
        raw = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        return None, [PackProblem(name, None, "(file)", f"is not valid YAML: {_yaml_error(exc)}")], data
    if not isinstance(raw, dict):
        return None, [PackProblem(name, None, "(file)", "must be a mapping")], data
    try:
        return PackFile.model_validate(raw), [], data
    except ValidationError as exc:
        return None, _problems_from(exc, name, raw), data


def _yaml_error(exc: yaml.YAMLError) -> str:
    """One line: what the parser found and where (PyYAML's own text spans several lines)."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})" if mark else str(problem)


def _matches(rule: Rule) -> Iterable[tuple[str, Match]]:
    for i, m in enumerate(rule.satisfied_by):
        yield f"satisfied_by.{i}", m
    for i, m in enumerate(rule.cancelled_by):
        yield f"cancelled_by.{i}", m
    for i, c in enumerate(rule.applies_if):
        if c.seen is not None:
            yield f"applies_if.{i}.seen", c.seen
        if c.not_seen is not None:
            yield f"applies_if.{i}.not_seen", c.not_seen


def _check_rules(
    file: str, prefix: str, rules: list[Rule], known_events: frozenset[str] | None, all_ids: set[str]
) -> list[PackProblem]:
    problems: list[PackProblem] = []
    seen: set[str] = set()
    for rule in rules:
        if not rule.id.startswith(prefix + "."):
            problems.append(PackProblem(file, rule.id, "id", f"must start with {prefix + '.'!r}"))
        if rule.id in seen:
            problems.append(PackProblem(file, rule.id, "id", "is used by another rule"))
        seen.add(rule.id)
        if rule.trigger.rule is not None and rule.trigger.rule not in all_ids:
            problems.append(PackProblem(file, rule.id, "trigger.rule", f"no rule {rule.trigger.rule!r}"))
        if known_events is not None:
            kinds = [("trigger.event", rule.trigger.event)] if rule.trigger.event else []
            kinds += [(f"{where}.event", m.event) for where, m in _matches(rule)]
            for field, kind in kinds:
                if kind not in known_events:
                    problems.append(PackProblem(file, rule.id, field, f"unknown event kind {kind!r}"))
        if rule.trigger.rule is not None and rule.trigger.anchor != "event.occurred_at":
            problems.append(PackProblem(file, rule.id, "trigger.anchor", "a rule trigger takes rule_anchor"))
    return problems


def _cycle(rules: list[Rule]) -> list[str] | None:
    """The first loop of rule triggers found, as ids from a rule back to itself."""
    refs = {r.id: r.trigger.rule for r in rules}
    for start in refs:
        path, node = [start], refs[start]
        while node is not None:
            if node in path:
                return [*path[path.index(node) :], node]
            path.append(node)
            node = refs.get(node)
    return None


def load_pack(
    code: str, *, known_events: frozenset[str] | None = None, directory: Path = PACK_DIR
) -> RulePack:
    """Load and validate the pack for jurisdiction ``code`` (with the common rules).

    Raises:
        KeyError: unknown jurisdiction.
        RulePackError: listing every problem found, each naming file, rule and field.
    """
    jurisdiction = JURISDICTIONS.get(code)
    if jurisdiction is None:
        known = ", ".join(sorted(JURISDICTIONS))
        raise KeyError(f"unknown jurisdiction {code!r}; known: {known}")
    path = directory / f"{code.lower()}.yaml"
    pack, problems, data = _parse(path)
    common, common_problems, common_data = _parse(directory / COMMON_FILE)
    problems += common_problems
    if pack is None or common is None:
        raise RulePackError(problems)
    if pack.jurisdiction != code:
        problems.append(
            PackProblem(path.name, None, "jurisdiction", f"is {pack.jurisdiction!r}, not {code!r}")
        )
    if pack.calendar is None:
        problems.append(PackProblem(path.name, None, "calendar", "is required"))
    if pack.counting is None:
        problems.append(PackProblem(path.name, None, "counting", "is required"))
    all_rules = [*pack.rules, *common.rules]
    ids = {r.id for r in all_rules}
    problems += _check_rules(path.name, code.lower(), pack.rules, known_events, ids)
    problems += _check_rules(COMMON_FILE, "diary", common.rules, known_events, ids)
    if known_events is not None:
        for i, match in enumerate(pack.defaults.cancelled_by):
            if match.event not in known_events:
                field = f"defaults.cancelled_by.{i}.event"
                problems.append(PackProblem(path.name, None, field, f"unknown event kind {match.event!r}"))
    cycle = _cycle(all_rules)
    if cycle:
        file = path.name if any(r.id == cycle[0] for r in pack.rules) else COMMON_FILE
        loop = " → ".join(cycle)
        problems.append(
            PackProblem(file, cycle[0], "trigger.rule", f"rules trigger each other in a loop: {loop}")
        )
    cal, counting = pack.calendar, pack.counting
    if problems or cal is None or counting is None:
        raise RulePackError(problems)
    calendar = BusinessCalendar(
        code=code,
        country=cal.country,
        subdivision=cal.subdivision,
        categories=tuple(cal.categories),
        removals=tuple(HolidayRemoval(r.name, r.source, r.from_year) for r in cal.remove),
        additions=tuple(
            HolidayAddition(a.name, a.source, a.date, a.after, a.days, a.from_year) for a in cal.add
        ),
    )
    digest = hashlib.sha1(data + b"\0" + common_data, usedforsecurity=False).hexdigest()[:8]
    return RulePack(
        code=code,
        title=pack.title,
        version=pack.version,
        rules_version=f"{code}-{pack.version}+{digest}",
        calendar=calendar,
        roll_last_day=counting.roll_last_day,
        counting_source=counting.source,
        calendar_source=cal.source,
        time_zone=jurisdiction.time_zone,
        rules=tuple(_in_dependency_order(all_rules)),
        default_cancelled_by=tuple(pack.defaults.cancelled_by),
        notes=tuple(pack.notes),
    )


def _in_dependency_order(rules: list[Rule]) -> list[Rule]:
    """Rules sorted so a rule triggered by another comes after it (file order otherwise)."""
    placed: list[Rule] = []
    done: set[str] = set()
    pending = list(rules)
    while pending:
        for rule in pending:
            if rule.trigger.rule is None or rule.trigger.rule in done:
                placed.append(rule)
                done.add(rule.id)
                pending.remove(rule)
                break
    return placed


@cache
def pack_for(code: str) -> RulePack:
    """The pack for ``code``, loaded once per process (no event-kind check; see ``load_pack``)."""
    return load_pack(code)


def available() -> list[str]:
    """Jurisdiction codes that have a pack file."""
    return sorted(code for code in JURISDICTIONS if (PACK_DIR / f"{code.lower()}.yaml").exists())
