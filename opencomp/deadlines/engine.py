"""The deadline engine: a claim's obligations from its facts, its event log and its rule pack.

Pure: no database, no clock. Given the same facts, events and pack it always gives
the same obligations, each with its due date, its state and the reasons for both,
so any due date can be reproduced and explained later.

States:
    open       not yet done (it is *overdue* once ``due_at`` has passed: that depends
               on "now", so it is worked out by whoever asks, not stored)
    satisfied  done on or before the due date
    late       done after the due date
    waived     excused by a person, with a reason (an ``obligation.waived`` event)
    cancelled  no longer needed (a cancelling event came first, e.g. the claim closed)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from opencomp.jurisdictions.calendar import BusinessCalendar
from opencomp.jurisdictions.rulepack import Match, Period, Rule, RulePack

OPEN, SATISFIED, LATE, WAIVED, CANCELLED = "open", "satisfied", "late", "waived", "cancelled"
STATES = (OPEN, SATISFIED, LATE, WAIVED, CANCELLED)
WAIVED_EVENT = "obligation.waived"
ESCALATED_EVENT = "obligation.escalated"
#: The common rules behind the adjuster's own diary entries and information requests.
DIARY_RULE = "diary.entry"
INFO_RULE = "diary.info_request"
#: A recurring rule stops after this many instances (a 28-day certificate for 38 years).
MAX_RECURRENCES = 500
#: In a ``where``, matches any non-empty value.
ANY = "*"


@dataclass(frozen=True)
class ClaimFacts:
    """The claim's current facts the rules test and anchor on."""

    jurisdiction: str
    claim_type: str
    significant_injury: bool
    status: str
    injury_date: dt.date
    injury_time: dt.time | None
    employer_knowledge_date: dt.date
    notification_date: dt.date
    fatal: bool = False
    employer_policies: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventRecord:
    """One event of the claim's log, as the engine needs it."""

    seq: int
    kind: str
    occurred_at: dt.datetime
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Obligation:
    """One thing someone must do by a date, and where it stands.

    ``key`` is stable for the same rule, trigger and recurrence, so a waiver or an
    escalation recorded against it still finds it after a recompute.
    """

    key: str
    rule_id: str
    title: str
    obligor: str
    citation: str
    source_url: str
    status: str
    trigger_seq: int
    instance: int
    anchor: dt.datetime
    raw_due: dt.date
    due_date: dt.date
    due_at: dt.datetime
    satisfied_seq: int | None = None
    satisfied_at: dt.datetime | None = None
    closed_seq: int | None = None
    waiver_reason: str = ""
    escalated_seq: int | None = None
    explanation: tuple[str, ...] = ()
    rules_version: str = ""
    calendar_version: str = ""

    @property
    def is_done(self) -> bool:
        return self.status != OPEN

    def overdue(self, now: dt.datetime) -> bool:
        """Open and past its due time at ``now``."""
        return self.status == OPEN and now > self.due_at

    def days_late(self, now: dt.datetime) -> int | None:
        """Calendar days after the due date it was done (or, if still open, ``now`` is).

        Days are the jurisdiction's (``due_at``'s zone), whatever zone ``now`` is given in.
        """
        zone = self.due_at.tzinfo
        if self.status == LATE and self.satisfied_at is not None:
            return max(1, (self.satisfied_at.astimezone(zone).date() - self.due_date).days)
        if self.overdue(now):
            return max(1, (now.astimezone(zone).date() - self.due_date).days)
        return None


class _Log:
    """The claim's events indexed by kind, for the engine's lookups."""

    def __init__(self, events: Sequence[EventRecord]) -> None:
        self.events = sorted(events, key=lambda e: e.seq)
        self.by_kind: dict[str, list[EventRecord]] = defaultdict(list)
        self.by_seq: dict[int, EventRecord] = {}
        for event in self.events:
            self.by_kind[event.kind].append(event)
            self.by_seq[event.seq] = event

    def first(
        self, matchers: Iterable[Match], *, after_seq: int, trigger_seq: int
    ) -> tuple[EventRecord, Match] | None:
        """The earliest event (by seq) after ``after_seq`` that any matcher accepts."""
        best: tuple[EventRecord, Match] | None = None
        for matcher in matchers:
            for event in self.by_kind.get(matcher.event, ()):
                if best is not None and event.seq >= best[0].seq:
                    break
                late_enough = event.seq > after_seq or (matcher.include_trigger and event.seq == trigger_seq)
                if not late_enough or not _payload_matches(event.payload, matcher.where, matcher.contains):
                    continue
                if matcher.ref is not None and event.payload.get(matcher.ref) != trigger_seq:
                    continue
                best = (event, matcher)
                break
        return best

    def keyed(self, kind: str, key: str, *, after_seq: int) -> EventRecord | None:
        for event in self.by_kind.get(kind, ()):
            if event.seq > after_seq and event.payload.get("key") == key:
                return event
        return None


def _payload_matches(
    payload: Mapping[str, Any], where: Mapping[str, Any], contains: Mapping[str, Any] | None = None
) -> bool:
    """``where``: each field equal to the value or one of the list ("*": any non-empty value;
    a list field: any overlap). ``contains``: each list field holds every value given."""
    for name, wanted in (contains or {}).items():
        have = payload.get(name)
        if not isinstance(have, list) or not all(w in have for w in wanted):
            return False
    for name, wanted in where.items():
        have = payload.get(name)
        if wanted == ANY:
            if have in (None, "", []):
                return False
            continue
        allowed = wanted if isinstance(wanted, list) else [wanted]
        if isinstance(have, list):
            if not any(h in allowed for h in have):
                return False
        elif have not in allowed:
            return False
    return True


@dataclass(frozen=True)
class _Context:
    facts: ClaimFacts
    log: _Log
    pack: RulePack
    zone: ZoneInfo

    @property
    def calendar(self) -> BusinessCalendar:
        return self.pack.calendar

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.zone)

    def start_of(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time.min, tzinfo=self.zone)

    def end_of(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time.max, tzinfo=self.zone)

    def resolve(self, spec: str, event: EventRecord | None) -> dt.datetime | None:
        """The moment an anchor spec names, in the jurisdiction's zone (dates at 00:00)."""
        if spec == "event.occurred_at":
            return self.local(event.occurred_at) if event else None
        if spec.startswith("event.payload."):
            if event is None:
                return None
            return self._moment(event.payload.get(spec.removeprefix("event.payload.")))
        return self._moment(self.fact(spec.removeprefix("claim.")))

    def fact(self, name: str) -> Any:
        """A claim fact by its pack name (``injury_at`` is the injury date at its time, if known)."""
        if name == "injury_at":
            return dt.datetime.combine(
                self.facts.injury_date, self.facts.injury_time or dt.time.min, tzinfo=self.zone
            )
        return getattr(self.facts, name, None)

    def _moment(self, value: Any) -> dt.datetime | None:
        if isinstance(value, dt.datetime):
            return self.local(value) if value.tzinfo else value.replace(tzinfo=self.zone)
        if isinstance(value, dt.date):
            return self.start_of(value)
        if isinstance(value, str) and value:
            try:
                return self._moment(dt.datetime.fromisoformat(value))
            except ValueError:
                return None
        return None


def _not_after(moment: dt.datetime, limit: dt.datetime) -> bool:
    """``moment`` is at or before ``limit`` as instants (Python compares two datetimes of
    the same zone by their wall clocks, which is wrong in the repeated hour of a DST change)."""
    return moment.astimezone(dt.UTC) <= limit.astimezone(dt.UTC)


@lru_cache(maxsize=1 << 16)
def _fmt(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _applies(rule: Rule, ctx: _Context) -> tuple[bool, list[str]]:
    reasons: list[str] = []
    for cond in rule.applies_if:
        if cond.fact is not None:
            value = ctx.fact(cond.fact)
            allowed = [cond.equals] if cond.in_ is None else cond.in_
            held = value if isinstance(value, tuple) else (value,)
            if not any(v in allowed for v in held):
                return False, []
            name = cond.fact.replace("_", " ")
            if isinstance(value, tuple):
                found = ", ".join(str(v) for v in held if v in allowed)
                reasons.append(f"applies because {name} include {found}")
            else:
                reasons.append(f"applies because {name} is {value}")
        else:
            matcher = cond.seen or cond.not_seen
            if matcher is None:  # the schema allows no other form
                raise ValueError(f"{rule.id}: a condition names no fact and no event")
            hit = ctx.log.first([matcher], after_seq=0, trigger_seq=0)
            if (hit is not None) != (cond.seen is not None):
                return False, []
            reasons.append(f"applies because {matcher.event} {'was' if cond.seen else 'was not'} recorded")
    return True, reasons


#: Day-unit due dates by (calendar code and version, amount, unit, direction, roll, anchor day): a book of
#: claims has a few thousand distinct anchor days, so a recompute counts each once.
_DAY_DUE_CACHE: dict[
    tuple[str, str, int, str, str, bool, dt.date], tuple[dt.date, dt.date, tuple[str, ...]]
] = {}
_DAY_DUE_CACHE_LIMIT = 250_000


def due_for(
    period: Period, anchor: dt.datetime, *, direction: str, roll: bool, calendar: BusinessCalendar
) -> tuple[dt.date, dt.date, dt.datetime | None, list[str]]:
    """Raw due date, due date, exact due time (hour rules only) and the counting steps.

    Day-unit results depend only on the anchor's day, so they are memoised.
    """
    if period.unit == "hours":
        return _due_in_hours(period, anchor)
    key = (calendar.code, calendar.version, period.amount, period.unit, direction, roll, anchor.date())
    hit = _DAY_DUE_CACHE.get(key)
    if hit is None:
        raw, due, _, steps = _due_in_days(
            period, anchor.date(), direction=direction, roll=roll, calendar=calendar
        )
        if len(_DAY_DUE_CACHE) >= _DAY_DUE_CACHE_LIMIT:
            _DAY_DUE_CACHE.clear()
        hit = _DAY_DUE_CACHE[key] = (raw, due, tuple(steps))
    return hit[0], hit[1], None, list(hit[2])


def _due_in_hours(
    period: Period, anchor: dt.datetime
) -> tuple[dt.date, dt.date, dt.datetime | None, list[str]]:
    if anchor.tzinfo is None:
        raise ValueError("an hour period needs an anchor with its time zone")
    # Elapsed hours, not wall-clock ones: across a daylight-saving change the clock
    # jumps, the hours the statute or policy gives do not.
    due_at = (anchor.astimezone(dt.UTC) + dt.timedelta(hours=period.amount)).astimezone(anchor.tzinfo)
    steps = [
        f"{period.describe()} after {_fmt(anchor.date())} {anchor:%H:%M %Z}"
        f" → {_fmt(due_at.date())} {due_at:%H:%M %Z}"
    ]
    return due_at.date(), due_at.date(), due_at, steps


def _due_in_days(
    period: Period, day: dt.date, *, direction: str, roll: bool, calendar: BusinessCalendar
) -> tuple[dt.date, dt.date, dt.datetime | None, list[str]]:
    """Raw due date, due date and the counting steps of a day, week or year period.

    The anchor day is never counted. Calendar periods land on a raw date which, when
    ``roll`` is set and it is not a business day, moves to the next business day
    (or, counting backwards, the one before). Business-day periods count only
    business days, so they always land on one.
    """
    steps: list[str] = []
    sign = 1 if direction == "after" else -1
    word = "after" if direction == "after" else "before"
    if period.unit == "business_days":
        due = calendar.add_business_days(day, sign * period.amount)
        lo, hi = (day, due) if sign > 0 else (due, day)
        closed = [(d, why) for d, why in calendar.closed_days_between(lo, hi) if d != day]
        named = [f"{_fmt(d)} ({why})" for d, why in closed if d.weekday() < 5 or calendar.holiday_name(d)]
        weekend = len(closed) - len(named)
        text = f"{period.describe()} {word} {_fmt(day)}, not counting that day"
        skipped = named + ([f"{weekend} weekend day{'s' if weekend != 1 else ''}"] if weekend else [])
        if skipped:
            text += "; not business days: " + ", ".join(skipped)
        steps.append(f"{text} → {_fmt(due)}")
        return due, due, None, steps
    if period.unit == "years":
        target_year = day.year + sign * period.amount
        raw = (
            day.replace(year=target_year)
            if not (day.month == 2 and day.day == 29)
            else dt.date(target_year, 2, 28)
        )
    else:
        days = period.amount * (7 if period.unit == "weeks" else 1)
        raw = day + dt.timedelta(days=sign * days)
    steps.append(f"{period.describe()} {word} {_fmt(day)} → {_fmt(raw)}")
    due = raw
    why = calendar.why_closed(raw)
    if why and roll:
        due = calendar.roll_forward(raw) if sign > 0 else calendar.roll_back(raw)
        moved = "moves to" if sign > 0 else "brought back to"
        steps.append(f"{_fmt(raw)} is not a business day ({why}): {moved} {_fmt(due)}")
    elif why:
        steps.append(f"{_fmt(raw)} is not a business day ({why}); this rule does not move it")
    return raw, due, None, steps


def _title(rule: Rule, trigger: EventRecord | None) -> str:
    """The rule's title, or the trigger's own words where the rule says so (diary entries)."""
    if rule.title_from and trigger is not None:
        text = str(trigger.payload.get(rule.title_from) or "").strip()
        if text:
            return text if len(text) <= 200 else text[:199] + "…"
    return rule.title


def _describe_event(event: EventRecord) -> str:
    return f"{event.kind} (event #{event.seq})"


def _instances(
    rule: Rule, ctx: _Context, done: Mapping[str, list[Obligation]]
) -> list[tuple[int, dt.datetime, str]]:
    """(trigger seq, anchor moment, description) for each time the rule's clock starts."""
    trig = rule.trigger
    out: list[tuple[int, dt.datetime, str]] = []
    if trig.rule is not None:
        for parent in done.get(trig.rule, ()):
            if parent.status in (WAIVED, CANCELLED):
                continue
            day = parent.due_date
            what = f"the due date of {parent.rule_id}"
            if trig.rule_anchor == "satisfied_or_due" and parent.satisfied_at is not None:
                sat_day = ctx.local(parent.satisfied_at).date()
                if sat_day < day:
                    day, what = sat_day, f"the day {parent.rule_id} was done"
            out.append((parent.trigger_seq, ctx.start_of(day), f"Counted from {what}, {_fmt(day)}"))
        return out
    for event in ctx.log.by_kind.get(trig.event or "", ()):
        if not _payload_matches(event.payload, trig.where):
            continue
        if trig.unless and _payload_matches(event.payload, trig.unless):
            continue
        anchor = ctx.resolve(trig.anchor, event)
        if anchor is None:
            continue
        label = trig.anchor.replace("claim.", "").replace("event.payload.", "").replace("event.", "")
        starts = f"clock starts at {label.replace('_', ' ')} {_fmt(anchor.date())}"
        out.append((event.seq, anchor, f"Triggered by {_describe_event(event)}; {starts}"))
        if rule.recurs is not None:
            break
    return out


def _evaluate(
    rule: Rule, ctx: _Context, trigger_seq: int, anchor: dt.datetime, instance: int, reasons: list[str]
) -> Obligation:
    pack = ctx.pack
    roll = pack.roll_last_day if rule.roll is None else rule.roll
    raw, due, exact, steps = due_for(
        rule.due, anchor, direction=rule.direction, roll=roll, calendar=ctx.calendar
    )
    due_at = exact or ctx.end_of(due)
    key = f"{rule.id}#{trigger_seq}" + (f"#{instance}" if instance else "")
    explanation = [*reasons, *steps]
    status, satisfied_seq, satisfied_at, closed_seq, waiver_reason = OPEN, None, None, None, ""

    after = trigger_seq
    hit = ctx.log.first(rule.satisfied_by, after_seq=after, trigger_seq=trigger_seq)
    cancel = ctx.log.first(
        [*rule.cancelled_by, *pack.default_cancelled_by], after_seq=after, trigger_seq=trigger_seq
    )
    waiver = ctx.log.keyed(WAIVED_EVENT, key, after_seq=0)
    candidates: list[tuple[int, str]] = []
    if hit:
        candidates.append((hit[0].seq, "hit"))
    if cancel and _not_after(cancel[0].occurred_at, due_at):
        candidates.append((cancel[0].seq, "cancel"))
    elif cancel:
        explanation.append(
            f"{_describe_event(cancel[0])} came after the due date, so this stays open until done or waived"
        )
    if waiver:
        candidates.append((waiver.seq, "waiver"))
    if candidates:
        _, first = min(candidates)
        if first == "hit" and hit:
            event, matcher = hit
            when = ctx.resolve(matcher.at, event) or ctx.local(event.occurred_at)
            satisfied_seq, satisfied_at = event.seq, when
            on_time = _not_after(when, due_at)
            status = SATISFIED if on_time else LATE
            explanation.append(
                f"Done by {_describe_event(event)} on {_fmt(when.date())}: {'on time' if on_time else 'late'}"
            )
        elif first == "cancel" and cancel:
            status, closed_seq = CANCELLED, cancel[0].seq
            explanation.append(f"No longer needed: {_describe_event(cancel[0])}")
        elif waiver:
            status, closed_seq = WAIVED, waiver.seq
            waiver_reason = str(waiver.payload.get("reason", ""))
            explanation.append(f"Waived by event #{waiver.seq}: {waiver_reason}")
    escalation = ctx.log.keyed(ESCALATED_EVENT, key, after_seq=0)
    if escalation:
        explanation.append(f"Escalated to the supervisor by event #{escalation.seq}")
    return Obligation(
        key=key,
        rule_id=rule.id,
        title=_title(rule, ctx.log.by_seq.get(trigger_seq)),
        obligor=rule.obligor,
        citation=rule.source.citation,
        source_url=rule.source.url,
        status=status,
        trigger_seq=trigger_seq,
        instance=instance,
        anchor=anchor,
        raw_due=raw,
        due_date=due,
        due_at=due_at,
        satisfied_seq=satisfied_seq,
        satisfied_at=satisfied_at,
        closed_seq=closed_seq,
        waiver_reason=waiver_reason,
        escalated_seq=escalation.seq if escalation else None,
        explanation=tuple(explanation),
        rules_version=pack.rules_version,
        calendar_version=ctx.calendar.version,
    )


def obligations(facts: ClaimFacts, events: Sequence[EventRecord], pack: RulePack) -> list[Obligation]:
    """Every obligation the pack's rules give this claim, in rule order then due date."""
    ctx = _Context(facts=facts, log=_Log(events), pack=pack, zone=ZoneInfo(pack.time_zone))
    done: dict[str, list[Obligation]] = {}
    out: list[Obligation] = []
    for rule in pack.rules:
        applies, reasons = _applies(rule, ctx)
        if not applies:
            continue
        found: list[Obligation] = []
        for trigger_seq, anchor, why in _instances(rule, ctx, done):
            found.extend(_chain(rule, ctx, trigger_seq, anchor, [*reasons, why]))
        done[rule.id] = found
        out.extend(found)
    return out


def _chain(
    rule: Rule, ctx: _Context, trigger_seq: int, anchor: dt.datetime, reasons: list[str]
) -> Iterable[Obligation]:
    """One obligation, or for a recurring rule the run of them, each counted from the last one done."""
    current = _evaluate(rule, ctx, trigger_seq, anchor, 0, reasons)
    yield current
    if rule.recurs is None:
        return
    for instance in range(1, MAX_RECURRENCES):
        if (
            current.status not in (SATISFIED, LATE)
            or current.satisfied_seq is None
            or current.satisfied_at is None
        ):
            return
        next_anchor = ctx.start_of(current.satisfied_at.date())
        why = (
            f"Recurs every {rule.recurs.every.describe()}: counted from {_fmt(next_anchor.date())},"
            " when the last one was done"
        )
        recurring = rule.model_copy(update={"due": rule.recurs.every})
        current = _evaluate(recurring, ctx, current.satisfied_seq, next_anchor, instance, [why])
        yield current
