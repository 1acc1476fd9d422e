"""The bulk of the demo book: workers, intake records, claims and their event logs.

Rows are generated in Python in chunks of claims (in order of notification, so
claim numbers follow time) and written with ``bulk_create``; the per-claim
services are not called in a loop. The generator upholds what the services would:

- every claim's events are numbered 1..k with no gap, ``last_event_seq == k``;
- status changes follow ``lifecycle.check_transition`` from ``reported`` and the
  claim's ``status`` / ``status_changed_at`` are those of the last change;
- ``occurred_at`` and ``recorded_at`` increase strictly with ``seq`` and lie between
  the injury and now; every payload passes ``events.validate_payload``;
- intake records satisfy the intake rules (a report's employer knowledge is not
  before the injury; tests are inside the 8 h / 32 h windows or say why not);
- claim numbers are ``<JUR>-<YY>-<NNNNNN>`` and ``ClaimNumberSequence`` continues
  after the last one issued;
- the facts the rule packs' clocks start and stop on (contacts, decisions and their
  notices, first reports, weekly payments, certificates, plans, requests, tests, the
  adjuster's diary entries) are drawn against each rule's due date: mostly on time, a
  share late, and open or overdue only where the file is recent; what a closure does
  not cancel is done or waived, with the reason, before the file closes;
- a ``request_seq`` / ``entry_seq`` or a waiver's key names an earlier event of the
  right kind.

The obligations table is not written here: ``seed-demo`` rebuilds it from the logs
(``deadlines.batch.recompute``) once the book is in, then runs the escalation sweep.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, reset_queries
from django.utils import timezone

from opencomp.accounts.enums import EmployerPolicy
from opencomp.claims import lifecycle as lc
from opencomp.claims.enums import EventKind, Sensitivity
from opencomp.claims.events import validate_payload
from opencomp.claims.models import Claim, ClaimEvent, ClaimNumberSequence, ClaimParticipant
from opencomp.core import clock
from opencomp.core.models import AuditEntry
from opencomp.deadlines import packs as deadline_packs
from opencomp.demo import catalog, people, texts
from opencomp.demo.fixed import EmployerRef, Fixed, ProviderRef, UserRef
from opencomp.intake.enums import body_part_with_side
from opencomp.intake.models import DrugAlcoholTest, Incident, InjuryReport, SupervisorReport
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.parties.models import Employment, WageRecord, Worker

UTC = dt.UTC
DAY = 86400.0
BIZ_START = 8 * 3600  # business day 08:00-17:30 local
BIZ_LEN = 9.5 * 3600
CENT = Decimal("0.01")
BATCH = 2000

R, UI, ACC, PA, DEN, RE, OPEN, CLOSED, FIN, REOPENED = (
    lc.REPORTED,
    lc.UNDER_INVESTIGATION,
    lc.ACCEPTED,
    lc.PROVISIONALLY_ACCEPTED,
    lc.DENIED,
    lc.REASONABLE_EXCUSE,
    lc.OPEN,
    lc.CLOSED,
    lc.FINALISED,
    lc.REOPENED,
)
TERMINAL = frozenset({CLOSED, FIN})

# --------------------------------------------------------------------------------------
# How claims move: paths to each final status, delays, and the mix by age
# --------------------------------------------------------------------------------------

Paths = dict[str, tuple[tuple[tuple[str, ...], float], ...]]

US_PATHS: Paths = {
    R: (((), 1),),
    UI: (((UI,), 1),),
    ACC: (((ACC,), 6), ((UI, ACC), 4)),
    PA: (((PA,), 1),),
    RE: (((RE,), 1),),
    DEN: (((UI, DEN), 7), ((DEN,), 2), ((UI, DEN, UI, DEN), 1)),
    OPEN: (
        ((ACC, OPEN), 55),
        ((UI, ACC, OPEN), 35),
        ((UI, DEN, UI, ACC, OPEN), 4),
        ((ACC, OPEN, CLOSED, REOPENED, OPEN), 6),
    ),
    CLOSED: (
        ((ACC, CLOSED), 40),
        ((ACC, OPEN, CLOSED), 30),
        ((UI, ACC, OPEN, CLOSED), 15),
        ((UI, DEN, CLOSED), 10),
        ((ACC, OPEN, CLOSED, REOPENED, CLOSED), 5),
    ),
    FIN: (((ACC, OPEN, FIN), 6), ((UI, ACC, OPEN, FIN), 3), ((UI, DEN, UI, ACC, OPEN, FIN), 1)),
    REOPENED: (
        ((ACC, OPEN, CLOSED, REOPENED), 5),
        ((ACC, CLOSED, REOPENED), 3),
        ((ACC, OPEN, FIN, REOPENED), 2),
    ),
}
US_PATHS_MEDICAL_ONLY: Paths = {
    **US_PATHS,
    CLOSED: (((ACC, CLOSED), 70), ((UI, ACC, CLOSED), 10), ((UI, DEN, CLOSED), 15), ((ACC, OPEN, CLOSED), 5)),
}
NSW_PATHS: Paths = {
    R: (((), 1),),
    UI: (((RE, UI), 1), ((UI,), 1)),
    PA: (((PA,), 1),),
    RE: (((RE,), 1),),
    ACC: (((PA, ACC), 7), ((RE, ACC), 2), ((ACC,), 1)),
    DEN: (((RE, DEN), 4), ((PA, DEN), 4), ((UI, DEN), 2)),
    # Provisional liability mostly ends in acceptance within 12 weeks (s 267); a claim already
    # in management without one has that decision waived with the reason.
    OPEN: (((PA, ACC, OPEN), 6), ((PA, OPEN), 3), ((RE, PA, OPEN), 1)),
    FIN: (((PA, ACC, OPEN, FIN), 6), ((PA, OPEN, FIN), 3), ((ACC, OPEN, FIN), 1)),
    CLOSED: (((PA, DEN, CLOSED), 5), ((ACC, CLOSED), 3), ((RE, DEN, CLOSED), 2)),
    REOPENED: (((PA, ACC, OPEN, FIN, REOPENED), 6), ((PA, OPEN, FIN, REOPENED), 4)),
}
ALL_PATHS = (US_PATHS, US_PATHS_MEDICAL_ONLY, NSW_PATHS)

#: Delay before moving into a status, in business days: (from, to) → (low, high).
DELAYS: dict[tuple[str, str], tuple[float, float]] = {
    (R, UI): (0.1, 3),
    (R, ACC): (1, 8),
    (R, PA): (0.2, 4.5),
    (R, RE): (0.3, 4.5),
    (R, DEN): (3, 15),
    (UI, ACC): (5, 30),
    (UI, DEN): (8, 35),
    (RE, UI): (2, 10),
    (RE, ACC): (4, 20),
    (RE, PA): (2, 10),
    (RE, DEN): (8, 30),
    (PA, ACC): (20, 55),
    (PA, DEN): (15, 55),
    (PA, OPEN): (0.3, 5),
    (ACC, OPEN): (0.2, 4),
    (ACC, CLOSED): (15, 90),
    (DEN, UI): (20, 120),
    (DEN, ACC): (20, 120),
    (DEN, CLOSED): (15, 70),
    (OPEN, CLOSED): (25, 280),
    (OPEN, FIN): (60, 500),
    (CLOSED, REOPENED): (40, 350),
    (FIN, REOPENED): (40, 350),
    (REOPENED, OPEN): (1, 8),
    (REOPENED, CLOSED): (20, 150),
    (REOPENED, FIN): (40, 200),
}

_INF = float("inf")
#: Final status by the claim's age in calendar days: (age up to, weights).
US_TARGETS: tuple[tuple[float, dict[str, float]], ...] = (
    (3, {R: 50, UI: 25, ACC: 25}),
    (14, {R: 12, UI: 30, ACC: 35, DEN: 5, OPEN: 18}),
    (45, {R: 2, UI: 12, ACC: 20, DEN: 8, OPEN: 45, CLOSED: 13}),
    (180, {UI: 3, ACC: 7, DEN: 8, OPEN: 42, CLOSED: 36, REOPENED: 2, FIN: 2}),
    (540, {ACC: 2, DEN: 7, OPEN: 22, CLOSED: 56, FIN: 8, REOPENED: 5}),
    (_INF, {DEN: 6, OPEN: 10, CLOSED: 64, FIN: 15, REOPENED: 5}),
)
NSW_TARGETS: tuple[tuple[float, dict[str, float]], ...] = (
    (3, {R: 45, PA: 35, RE: 20}),
    (14, {R: 8, PA: 50, RE: 10, ACC: 7, UI: 5, DEN: 5, OPEN: 15}),
    (45, {PA: 25, RE: 3, UI: 5, ACC: 7, DEN: 7, OPEN: 43, FIN: 10}),
    (84, {PA: 8, ACC: 5, DEN: 6, OPEN: 46, FIN: 32, CLOSED: 3}),
    (180, {ACC: 3, DEN: 6, OPEN: 44, FIN: 40, CLOSED: 4, REOPENED: 3}),
    (_INF, {DEN: 5, OPEN: 18, FIN: 65, CLOSED: 5, REOPENED: 7}),
)

#: Claims every book has, whatever its size: (employer key, final status, age in days, tag).
#: They put every status and jurisdiction in the book, give the demo worker three claims, give
#: the demo adjuster recent claims whose clocks are running ("diary": with follow-ups due
#: today, this week and overdue) and show one death claim.
FORCED: tuple[tuple[str, str, int, str], ...] = (
    ("city", R, 3, "demo_worker"),
    ("city", OPEN, 140, "demo_worker"),
    ("city", CLOSED, 780, "demo_worker"),
    ("city", R, 4, ""),
    ("city", UI, 12, ""),
    ("city", ACC, 25, ""),
    ("city", DEN, 70, ""),
    ("city", OPEN, 100, ""),
    ("city", CLOSED, 420, ""),
    ("city", FIN, 650, ""),
    ("city", REOPENED, 540, ""),
    ("city", OPEN, 120, "psych"),
    ("nsw_aged", PA, 6, ""),
    ("nsw_civil", RE, 5, ""),
    ("nsw_freight", FIN, 320, ""),
    ("nsw_aged", OPEN, 90, ""),
    ("ct_agency", OPEN, 200, ""),
    ("ct_agency", DEN, 150, ""),
    ("mn_meat", UI, 9, ""),
    ("mn_foundry", OPEN, 160, ""),
    ("pm_elk", OPEN, 95, ""),
    ("pm_granite", CLOSED, 310, ""),
    ("city", UI, 8, "diary"),
    ("city", ACC, 12, "diary"),
    ("city", UI, 19, "diary"),
    ("city", OPEN, 33, "diary"),
    ("nsw_freight", OPEN, 75, "fatal"),
)
MIN_CLAIMS = len(FORCED)


def check_paths() -> None:
    """Every path above is legal from ``reported`` (raises ``IllegalTransition`` if not)."""
    for table in ALL_PATHS:
        for target, options in table.items():
            for path, _weight in options:
                current = R
                for status in path:
                    lc.check_transition(current, status)
                    current = status
                assert current == target, (target, path)  # noqa: S101


# --------------------------------------------------------------------------------------
# Business time
# --------------------------------------------------------------------------------------


def add_business_days(d: dt.date, k: int) -> dt.date:
    """``d`` (a weekday) plus ``k`` weekdays."""
    weeks, rem = divmod(k, 5)
    days = weeks * 7 + rem
    if d.weekday() + rem >= 5:
        days += 2
    return d + dt.timedelta(days=days)


def business_days_between(a: dt.date, b: dt.date) -> int:
    """Weekdays in ``[a, b)``; ``a`` is a weekday and ``b >= a``."""
    days = (b - a).days
    weeks, rem = divmod(days, 7)
    count = weeks * 5
    wd = a.weekday()
    for i in range(rem):
        if (wd + i) % 7 < 5:
            count += 1
    return count


def next_weekday(d: dt.date) -> dt.date:
    wd = d.weekday()
    return d if wd < 5 else d + dt.timedelta(days=7 - wd)


class BizAxis:
    """A claim's clock in business days: ``t = k + f`` is business day ``k`` after the base,
    at fraction ``f`` of 08:00-17:30 local time. Monotonic both ways."""

    __slots__ = ("base", "tz")

    def __init__(self, tz: ZoneInfo, start: dt.date) -> None:
        self.tz = tz
        self.base = next_weekday(start)

    def ts(self, t: float) -> float:
        k = int(t)
        day = add_business_days(self.base, k)
        start = dt.datetime(day.year, day.month, day.day, 8, tzinfo=self.tz).timestamp()
        return start + (t - k) * BIZ_LEN

    def t_of(self, ts: float) -> float:
        local = dt.datetime.fromtimestamp(ts, self.tz)
        d = local.date()
        if d < self.base:
            return 0.0
        k = business_days_between(self.base, d)
        if d.weekday() >= 5:
            return float(k)
        secs = local.hour * 3600 + local.minute * 60 + local.second - BIZ_START
        return k + min(max(secs / BIZ_LEN, 0.0), 1.0)


def local_ts(tz: ZoneInfo, d: dt.date, seconds: float) -> float:
    return dt.datetime(d.year, d.month, d.day, tzinfo=tz).timestamp() + seconds


def local_date(ts: float, tz: ZoneInfo) -> dt.date:
    return dt.datetime.fromtimestamp(ts, tz).date()


def aware(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, UTC)


# --------------------------------------------------------------------------------------
# The plan: one small record per claim, sorted by notification
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Plan:
    created: float  # UTC timestamp of the claim's creation (notification)
    order: int
    employer: int  # index into Fixed.employers
    establishment: int  # index into that employer's establishments
    scenario: int  # index into catalog.SCENARIOS
    injury_ts: float
    injury: dt.date
    injury_time: dt.time
    knowledge: dt.date
    submitted: float | None  # when the injury report was filed; None: notified without one
    target: str
    tag: str


@dataclass(slots=True)
class WorkerSlot:
    """A worker and their employment, created once and reused for repeat claims."""

    person: people.Person
    address: tuple[str, str, str, str, str]
    job: catalog.JobSpec
    establishment_id: int
    worker: Worker | None = None
    employment: Employment | None = None
    worker_id: int = 0
    employment_id: int = 0
    last_injury: dt.date = dt.date.min


@dataclass
class Counts:
    workers: int = 0
    employments: int = 0
    wages: int = 0
    incidents: int = 0
    reports: int = 0
    supervisor_reports: int = 0
    tests: int = 0
    claims: int = 0
    participants: int = 0
    events: int = 0


def _json_text(encoder: type[json.JSONEncoder] | None) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return None if value is None else json.dumps(value, cls=encoder)

    return convert


def _db_value(field: Any) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return field.get_db_prep_save(value, connection)

    return convert


class EventWriter:
    """Writes claim events: ``bulk_create``, or ``COPY … FROM STDIN`` on PostgreSQL.

    Events are most of the book's rows (about 19 a claim). Through ``bulk_create`` they go
    in at roughly 15,000 rows a second on PostgreSQL; ``COPY`` takes them at several times
    that. Either way it is a plain INSERT of the same validated rows in the caller's
    transaction: constraints, foreign keys and the append-only triggers all apply.
    """

    def __init__(self, use_copy: bool) -> None:
        self.use_copy = use_copy and connection.vendor == "postgresql"
        fields = ClaimEvent._meta.concrete_fields
        # Model order with defaults: positional construction is over twice as fast as keywords.
        self.model_fields: list[tuple[str, Any]] = [
            (f.attname, None if f.primary_key else f.get_default()) for f in fields
        ]
        self.copy_fields = [f for f in fields if not f.primary_key]
        self.copy_sql = "COPY {} ({}) FROM STDIN".format(
            connection.ops.quote_name(ClaimEvent._meta.db_table),
            ", ".join(connection.ops.quote_name(f.column) for f in self.copy_fields),
        )
        plain = {
            "IntegerField",
            "PositiveIntegerField",
            "BigIntegerField",
            "CharField",
            "TextField",
            "DateTimeField",
            "ForeignKey",
            "BooleanField",
        }
        self.converters: list[tuple[str, Any, Callable[[Any], Any] | None]] = []
        for f in self.copy_fields:
            kind = f.get_internal_type()
            conv: Callable[[Any], Any] | None = None
            if kind == "JSONField":
                conv = _json_text(getattr(f, "encoder", None))
            elif kind not in plain:
                conv = _db_value(f)
            self.converters.append((f.attname, f.get_default(), conv))

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if not self.use_copy:
            ClaimEvent.objects.bulk_create(
                [
                    ClaimEvent(*[row.get(name, default) for name, default in self.model_fields])
                    for row in rows
                ],
                batch_size=BATCH,
            )
            return
        with connection.cursor() as cursor, cursor.cursor.copy(self.copy_sql) as copy:
            for row in rows:
                copy.write_row(
                    [
                        row.get(name, default) if conv is None else conv(row.get(name, default))
                        for name, default, conv in self.converters
                    ]
                )


def _resolved(payload: dict[str, Any], seq_of: dict[int, int], day: dt.date) -> dict[str, Any]:
    """The payload with its ``_Ref`` / ``_Key`` / ``_Day`` values filled in."""
    out: dict[str, Any] = {}
    for name, value in payload.items():
        if isinstance(value, _Ref):
            value = seq_of[id(value.spec)]
        elif isinstance(value, _Key):
            seq = seq_of[id(value.spec)]
            value = f"{value.rule}#{seq}" + (f"#{value.instance}" if value.instance else "")
        elif isinstance(value, _Day):
            value = day + dt.timedelta(days=value.days)
        out[name] = value
    return out


def _settled(specs: list[Spec]) -> list[Spec]:
    """The specs in order, without any that would name an event not before it."""
    seen: set[int] = set()
    out = []
    for spec in specs:
        if spec[6] is RESOLVE and any(
            id(v.spec) not in seen for v in spec[3].values() if isinstance(v, _Ref | _Key)
        ):
            continue
        seen.add(id(spec))
        out.append(spec)
    return out


class _Filler(dict[str, str]):
    """Fills scenario templates from the workplace's words, falling back to the generic ones."""

    def __init__(self, rng: random.Random, tag: str, side: str) -> None:
        super().__init__(side=side)
        self.rng = rng
        self.words = catalog.CONTEXT.get(tag, {})

    def __missing__(self, key: str) -> str:
        options = self.words.get(key) or catalog.CONTEXT["*"][key]
        value = self.rng.choice(options)
        self[key] = value
        return value


# An event before its time is fixed: (t, priority, kind, payload, sensitivity, actor token, extra).
Spec = list[Any]


class _Ref:
    """In a payload: the seq of an earlier event of the claim (``request_seq``, ``entry_seq``)."""

    __slots__ = ("spec",)

    def __init__(self, spec: Spec) -> None:
        self.spec = spec


class _Key:
    """In a payload: an obligation's key, ``rule#trigger_seq`` (``#n`` for the n-th recurrence)."""

    __slots__ = ("instance", "rule", "spec")

    def __init__(self, rule: str, spec: Spec, instance: int = 0) -> None:
        self.rule, self.spec, self.instance = rule, spec, instance


class _Day:
    """In a payload: the local date the event happened, plus ``days``."""

    __slots__ = ("days",)

    def __init__(self, days: int = 0) -> None:
        self.days = days


#: ``extra`` of a spec whose payload holds ``_Ref`` / ``_Key`` / ``_Day`` values to fill in.
RESOLVE = "resolve"


class _Story:
    """One claim's events while they are drawn, on its business-day axis (see ``BizAxis``).

    ``t`` values count business days from the claim's first weekday; a rule's due date is
    the end of a business day, ``due_t = index + 1``. Holidays are ignored here (the rule
    packs count them), so a few events land a day late: part of the book's lateness.
    """

    __slots__ = ("avail", "axis", "closes", "rng", "specs", "t0", "t_up")

    def __init__(self, rng: random.Random, axis: BizAxis, t0: float, t_up: float) -> None:
        self.rng, self.axis, self.t0, self.t_up = rng, axis, t0, t_up
        self.avail = max(t_up - t0, 1e-4)
        self.specs: list[Spec] = []
        self.closes: list[float] = []  # when the file was closed or finalised

    def put(
        self,
        t: float,
        kind: str,
        payload: dict[str, Any] | None,
        actor: str | None = "adj",
        extra: Any = None,
        sensitivity: str = Sensitivity.NORMAL,
        prio: int = 5,
    ) -> Spec:
        """An event somewhere on the file: one that would fall after now is moved into the past."""
        t0, avail, rng = self.t0, self.avail, self.rng
        if t <= t0:
            t = t0 + avail * rng.uniform(0.001, 0.01)
        if t >= self.t_up:
            t = t0 + avail * rng.uniform(0.5, 0.99)
        spec = [t, prio, kind, payload, sensitivity, actor, extra]
        self.specs.append(spec)
        return spec

    def put_at(
        self,
        t: float | None,
        kind: str,
        payload: dict[str, Any],
        actor: str | None = "adj",
        extra: Any = None,
        prio: int = 6,
    ) -> Spec | None:
        """An event at its own time, or none if that time has not come yet."""
        if t is None or t >= self.t_up:
            return None
        if t <= self.t0:
            t = self.t0 + self.avail * self.rng.uniform(0.001, 0.01)
        spec = [t, prio, kind, payload, Sensitivity.NORMAL, actor, extra]
        self.specs.append(spec)
        return spec

    def stop_after(self, t: float) -> float:
        """When the file next closes after ``t`` (a closure cancels what is not yet due)."""
        for close in self.closes:
            if close > t:
                return close
        return _INF

    def done(
        self,
        start: float,
        due: float,
        *,
        late: float = 0.08,
        span: float = 5.0,
        lo: float = 0.1,
        hi: float = 0.85,
    ) -> float | None:
        """When something owed from ``start`` by ``due`` gets done: mostly on time, a share late;
        ``None`` if not yet (now is before that) or never (the file closed before it was due)."""
        rng = self.rng
        if rng.random() < late:  # a long tail: one late item in four is weeks late
            t = max(due, start) + rng.uniform(0.1, span) * (rng.uniform(2, 5) if rng.random() < 0.25 else 1)
        else:
            t = start + max(due - start, 0.2) * rng.uniform(lo, hi)
        stop = self.stop_after(start)
        if t >= stop:  # done late but before the file closed, or cancelled by the closure
            base = max(due, start)
            if base >= stop:
                return None
            t = base + min(stop - base, span) * rng.uniform(0.05, 0.9)
        return t if t < self.t_up else None

    def chain(self, first: float, end: float, *, period: int, late: float = 0.1) -> list[float]:
        """A recurring fact every ``period`` business days from ``first`` until ``end`` (or now)."""
        rng, out, t = self.rng, [first], first
        limit = min(end, self.t_up)
        while True:
            due = int(t) + period + 1
            if rng.random() < late:
                t = due + rng.uniform(0.1, 5)
                if limit <= t and due < limit < self.t_up:  # late, but before the file closed
                    t = due + (limit - due) * rng.uniform(0.1, 0.9)
            else:
                t = int(t) + period * rng.uniform(0.75, 0.99)
            if t >= limit:
                return out
            out.append(t)

    @staticmethod
    def biz_due(t: float, n: int) -> float:
        """End of the ``n``-th business day after the day of ``t``."""
        return float(int(t) + n + 1)

    def date_of(self, t: float) -> dt.date:
        return add_business_days(self.axis.base, max(int(t), 0))

    def index_of(self, day: dt.date) -> int:
        """The business-day index of ``day`` (a weekend day counts as the Monday after)."""
        base, day = self.axis.base, next_weekday(day)
        if day >= base:
            return business_days_between(base, day)
        return -business_days_between(day, base)

    def day_due(self, day: dt.date, days: int) -> float:
        """End of ``days`` calendar days after ``day`` (a weekend rolls to the Monday)."""
        return float(self.index_of(day + dt.timedelta(days=days)) + 1)

    def cal_due(self, t: float, days: int) -> float:
        return self.day_due(self.date_of(t), days)


@dataclass
class _ClaimWork:
    plan: Plan
    employer: EmployerRef
    slot: WorkerSlot
    scenario: catalog.Scenario
    report: InjuryReport | None
    claim: Claim
    specs: list[Spec]
    times: list[tuple[dt.datetime, dt.datetime]]
    participants: list[tuple[ClaimParticipant, Spec]] = field(default_factory=list)


class BookBuilder:
    def __init__(
        self,
        fixed: Fixed,
        *,
        seed: int,
        claims: int,
        rng: random.Random,
        progress: Callable[[int, int, float], None] | None = None,
        chunk_size: int = 2000,
        copy_events: bool = True,
    ) -> None:
        self.f = fixed
        self.seed = seed
        self.n = claims
        self.rng = rng
        self.progress = progress
        self.chunk_size = chunk_size
        self.events = EventWriter(copy_events)
        self.today = clock.today()
        # The book is drawn as of the start of today (server time zone), not the current
        # second: the same seed then gives the same book all day long.
        midnight = dt.datetime.combine(self.today, dt.time(), tzinfo=timezone.get_default_timezone())
        self.now_ts = midnight.timestamp()
        self.tz = {code: ZoneInfo(j.time_zone) for code, j in JURISDICTIONS.items()}
        # Nothing later than 15 minutes ago, and no local date after today.
        self.upper = {
            code: min(self.now_ts - 900, local_ts(tz, self.today, 23 * 3600 + 59 * 60))
            for code, tz in self.tz.items()
        }
        self.counts = Counts()
        self.sequences: dict[tuple[str, int], int] = {
            (s.jurisdiction, s.year): s.last for s in ClaimNumberSequence.objects.all()
        }
        self.employer_pick = people.Weighted([(i, e.spec.weight) for i, e in enumerate(fixed.employers)])
        self.est_pick = [
            people.Weighted([(i, est.spec.weight) for i, est in enumerate(e.establishments)])
            for e in fixed.employers
        ]
        self.scenario_pick: dict[str, people.Weighted[int]] = {}
        for tag in catalog.JOBS:
            pairs = [
                (i, s.weight) for i, s in enumerate(catalog.SCENARIOS) if s.tags is None or tag in s.tags
            ]
            self.scenario_pick[tag] = people.Weighted(pairs)
        self.job_pick = {
            tag: people.Weighted([(j, j.weight) for j in jobs]) for tag, jobs in catalog.JOBS.items()
        }
        self.employer_index = {e.spec.key: i for i, e in enumerate(fixed.employers)}
        self.reservoir: dict[tuple[int, int], list[WorkerSlot]] = {}
        self.demo_worker: WorkerSlot | None = None
        self.employee_numbers = dict.fromkeys(range(len(fixed.employers)), 0)
        self.rule_titles = {
            rule.id: rule.title for code in JURISDICTIONS for rule in deadline_packs.pack(code).rules
        }
        self.psych = {
            code: next(p for p in refs if "psycholog" in p.spec.specialty.lower())
            for code, refs in fixed.providers_by_jurisdiction.items()
        }

    # -- plan ---------------------------------------------------------------------------

    def _intake_times(
        self, p: Plan, jurisdiction: str, gradual: bool, with_report: bool, fatal: bool = False
    ) -> None:
        rng, tz = self.rng, self.tz[jurisdiction]
        if fatal:  # a death is known and notified at once
            k = 0
        elif gradual:
            k = rng.choice((0, 1, 3, 5, 7, 10, 14, 21))
        else:
            r = rng.random()
            k = 0 if r < 0.75 else 1 if r < 0.9 else rng.randint(2, 7)
        knowledge = p.injury + dt.timedelta(days=k)
        inj_secs = p.injury_time.hour * 3600 + p.injury_time.minute * 60
        created_day = knowledge
        if with_report:
            lo = max(inj_secs + 1200, 7 * 3600) if k == 0 else 7 * 3600
            if lo < 18 * 3600:
                submitted = local_ts(tz, knowledge, rng.uniform(lo, 18 * 3600))
            else:
                submitted = local_ts(tz, knowledge + dt.timedelta(days=1), rng.uniform(8 * 3600, 12 * 3600))
            earliest = submitted + 1800
            created_day = dt.datetime.fromtimestamp(submitted, tz).date()
        else:
            submitted = None
            earliest = p.injury_ts + 3600
        r = rng.random()
        lag = 0 if r < 0.55 or fatal else 1 if r < 0.85 else rng.randint(2, 4)
        day = add_business_days(next_weekday(created_day), lag)
        created = local_ts(tz, day, BIZ_START + rng.random() * BIZ_LEN)
        if created < earliest:
            day_end = local_ts(tz, day, BIZ_START + BIZ_LEN)
            if earliest + 600 < day_end:
                created = rng.uniform(earliest, day_end)
            else:
                nxt = add_business_days(next_weekday(day), 1)
                created = local_ts(tz, nxt, BIZ_START + rng.random() * BIZ_LEN * 0.5)
        upper = self.upper[jurisdiction]
        if created > upper or (submitted is not None and submitted > upper):
            span = upper - p.injury_ts
            if submitted is not None:
                submitted = p.injury_ts + span * rng.uniform(0.2, 0.45)
            created = p.injury_ts + span * rng.uniform(0.6, 0.9)
        first = submitted if submitted is not None else created
        knowledge = min(knowledge, dt.datetime.fromtimestamp(first, tz).date())
        p.knowledge = max(knowledge, p.injury)
        p.submitted = submitted
        p.created = created

    def _target(self, jurisdiction: str, age_days: float) -> str:
        table = NSW_TARGETS if jurisdiction == "NSW" else US_TARGETS
        for limit, weights in table:
            if age_days <= limit:
                return self.rng.choices(list(weights), list(weights.values()))[0]
        raise AssertionError("unreachable")

    def _new_plan(self, order: int, employer: int, age: int, target: str, tag: str) -> Plan:
        rng = self.rng
        emp = self.f.employers[employer]
        jurisdiction = emp.spec.jurisdiction
        est = self.est_pick[employer].pick(rng)
        if tag in ("demo_worker", "psych"):
            place = "parks" if tag == "demo_worker" else "police"
            est = next(i for i, e in enumerate(emp.establishments) if e.spec.tag == place)
        elif tag == "fatal":
            est = next(i for i, e in enumerate(emp.establishments) if e.spec.tag in catalog.DRIVING_TAGS)
        scen_tag = emp.establishments[est].spec.tag
        scenario = self.scenario_pick[scen_tag].pick(rng)
        while tag == "diary" and catalog.SCENARIOS[scenario].fatal:
            scenario = self.scenario_pick[scen_tag].pick(rng)
        key = {"psych": "psych", "fatal": "fatal_crash"}.get(tag)
        if tag == "demo_worker":
            key = ("ankle", "back_lift", "shoulder")[self.rng.randrange(3)]
        if key:
            scenario = next(i for i, s in enumerate(catalog.SCENARIOS) if s.key == key)
        injury = self.today - dt.timedelta(days=age)
        r = rng.random()
        if r < 0.85:
            minutes = rng.randint(6 * 60, 17 * 60 + 30)
        elif r < 0.95:
            minutes = rng.randint(17 * 60 + 30, 23 * 60)
        else:
            minutes = rng.randint(0, 6 * 60)
        injury_time = dt.time(minutes // 60, minutes % 60)
        tz = self.tz[jurisdiction]
        injury_ts = local_ts(tz, injury, minutes * 60.0)
        plan = Plan(
            0.0, order, employer, est, scenario, injury_ts, injury, injury_time, injury, None, target, tag
        )
        spec = catalog.SCENARIOS[scenario]
        p_report = 1.0 if spec.fatal or tag == "demo_worker" else 0.95 if emp.spec.key == "city" else 0.85
        with_report = rng.random() < p_report
        self._intake_times(plan, jurisdiction, spec.gradual, with_report, spec.fatal)
        if not target:
            plan.target = self._target(
                jurisdiction, (self.today - local_date(plan.created, self.tz[jurisdiction])).days
            )
        return plan

    def plans(self) -> Iterator[Plan]:
        """Every claim's plan, in order of notification, holding only a few days' worth at a time.

        Injury ages are counted per day first (85% spread over three years, 15% in the last
        two months); then days are walked from the oldest. A plan is released once no plan
        of a later injury day can be notified before it, so claim numbers follow time
        without sorting the whole book in memory.
        """
        rng = self.rng
        oldest = 1095
        per_day = [0] * (oldest + 1)
        for _ in range(self.n - len(FORCED)):
            per_day[rng.randint(2, 60) if rng.random() < 0.15 else rng.randint(2, oldest)] += 1
        forced: dict[int, list[tuple[str, str, int, str]]] = {}
        for item in FORCED:
            forced.setdefault(item[2], []).append(item)
        order = 0
        pending: list[Plan] = []
        for age in range(oldest, 1, -1):
            for key, target, _age, tag in forced.get(age, ()):
                pending.append(self._new_plan(order, self.employer_index[key], age, target, tag))
                order += 1
            for _ in range(per_day[age]):
                pending.append(self._new_plan(order, self.employer_pick.pick(rng), age, "", ""))
                order += 1
            # No plan injured on a later day can be notified before the next day begins anywhere.
            next_day = self.today - dt.timedelta(days=age - 1)
            boundary = min(local_ts(tz, next_day, 0) for tz in self.tz.values())
            pending.sort(key=lambda p: (p.created, p.order))
            cut = 0
            while cut < len(pending) and pending[cut].created < boundary:
                cut += 1
            yield from pending[:cut]
            del pending[:cut]
        pending.sort(key=lambda p: (p.created, p.order))
        yield from pending

    # -- workers ------------------------------------------------------------------------

    def _slot(self, plan: Plan, emp: EmployerRef, new_slots: list[WorkerSlot]) -> WorkerSlot:
        rng = self.rng
        if plan.tag == "demo_worker":
            if self.demo_worker is None:
                user = self.f.demo_users["worker"]
                person = people.Person(user.first_name, user.last_name, "female", "Spanish", False)
                job = next(j for j in catalog.JOBS["parks"] if j.title == "Parks Maintenance Worker")
                slot = self._make_slot(plan, emp, person, job, new_slots)
                assert slot.worker is not None  # noqa: S101
                slot.worker.user_id = user.pk
                slot.worker.email = user.email
                self.demo_worker = slot
            return self.demo_worker
        key = (plan.employer, plan.establishment)
        pool = self.reservoir.setdefault(key, [])
        if pool and rng.random() < 0.08:
            for _ in range(4):
                slot = rng.choice(pool)
                if slot.worker_id and slot.last_injury <= plan.injury - dt.timedelta(days=120):
                    return slot
        tag = emp.establishments[plan.establishment].spec.tag
        person = people.person(rng, emp.spec.jurisdiction)
        slot = self._make_slot(plan, emp, person, self.job_pick[tag].pick(rng), new_slots)
        if len(pool) < 200:
            pool.append(slot)
        else:
            pool[rng.randrange(200)] = slot
        return slot

    def _make_slot(
        self,
        plan: Plan,
        emp: EmployerRef,
        person: people.Person,
        job: catalog.JobSpec,
        new_slots: list[WorkerSlot],
    ) -> WorkerSlot:
        rng = self.rng
        jurisdiction = emp.spec.jurisdiction
        address = people.home_address(rng, jurisdiction)
        dob = people.date_of_birth(rng, plan.injury)
        created = min(plan.submitted or plan.created, plan.created) - rng.uniform(300, 3600)
        worker = Worker(
            given_name=person.given,
            family_name=person.family,
            date_of_birth=dob,
            gender=person.gender,
            street=address[0],
            city=address[1],
            region=address[2],
            postcode=address[3],
            country=address[4],
            phone=people.phone(rng, jurisdiction),
            email=people.email(rng, person) if rng.random() < 0.45 else "",
            preferred_language=person.language,
            interpreter_required=person.interpreter,
            created_at=aware(created),
        )
        adult = (
            dob.replace(year=dob.year + 18)
            if not (dob.month == 2 and dob.day == 29)
            else dob + dt.timedelta(days=18 * 365 + 5)
        )
        if job.employment_type in ("seasonal", "temporary"):
            tenure = rng.randint(20, 150)
        else:
            tenure = 30 + int(rng.expovariate(1 / (5 * 365)))
        hire = max(plan.injury - dt.timedelta(days=tenure), adult + dt.timedelta(days=rng.randint(0, 400)))
        hire = min(hire, plan.injury - dt.timedelta(days=7))
        self.employee_numbers[plan.employer] += 1
        employment = Employment(
            employer_id=emp.org.pk,
            establishment_id=emp.establishments[plan.establishment].id,
            employee_number=f"{emp.employee_prefix}{100000 + self.employee_numbers[plan.employer]}",
            job_title=job.title,
            hire_date=hire,
            employment_type=job.employment_type,
            hours_per_week=job.hours,
            days_per_week=job.days,
        )
        slot = WorkerSlot(person, address, job, emp.establishments[plan.establishment].id, worker, employment)
        new_slots.append(slot)
        return slot

    def _wages(self, slot: WorkerSlot, emp: EmployerRef, injury: dt.date) -> list[WageRecord]:
        job = slot.job
        if job.employment_type == "volunteer" or job.rate_high <= 0:
            return []
        rng = self.rng
        jurisdiction = emp.spec.jurisdiction
        weekly = jurisdiction == "MN" or emp.establishments[0].spec.tag in ("construction_au", "logistics_au")
        period = 7 if weekly else 14
        rate = rng.uniform(job.rate_low, job.rate_high)
        end = injury - dt.timedelta(days=rng.randint(1, period))
        out = []
        for i in range(rng.randint(3, 4)):
            p_end = end - dt.timedelta(days=i * period)
            p_start = p_end - dt.timedelta(days=period - 1)
            if p_start < (slot.employment.hire_date if slot.employment else injury):
                break
            hours = float(job.hours) * period / 7 * rng.uniform(0.9, 1.02)
            out.append(
                WageRecord(
                    employment=slot.employment,
                    period_start=p_start,
                    period_end=p_end,
                    kind="ordinary",
                    amount=Decimal(hours * rate).quantize(CENT),
                    hours=Decimal(hours).quantize(CENT),
                )
            )
            if rng.random() < 0.25 and job.employment_type in ("full_time",):
                ot = rng.uniform(2, 12)
                out.append(
                    WageRecord(
                        employment=slot.employment,
                        period_start=p_start,
                        period_end=p_end,
                        kind="overtime",
                        amount=Decimal(ot * rate * 1.5).quantize(CENT),
                        hours=Decimal(ot).quantize(CENT),
                    )
                )
            if jurisdiction == "NSW" and rng.random() < 0.3:
                out.append(
                    WageRecord(
                        employment=slot.employment,
                        period_start=p_start,
                        period_end=p_end,
                        kind="shift_allowance",
                        amount=Decimal(rng.uniform(40, 180)).quantize(CENT),
                    )
                )
        return out

    def _save_slots(
        self, slots: list[WorkerSlot], wage_for: list[tuple[WorkerSlot, EmployerRef, dt.date]]
    ) -> None:
        if not slots:
            return
        Worker.objects.bulk_create([s.worker for s in slots if s.worker], batch_size=BATCH)
        for s in slots:
            assert s.worker is not None  # noqa: S101
            assert s.employment is not None  # noqa: S101
            s.worker_id = s.worker.pk
            s.employment.worker_id = s.worker.pk
        Employment.objects.bulk_create([s.employment for s in slots if s.employment], batch_size=BATCH)
        wages: list[WageRecord] = []
        for s, emp, injury in wage_for:
            assert s.employment is not None  # noqa: S101
            s.employment_id = s.employment.pk
            wages.extend(self._wages(s, emp, injury))
        for s in slots:
            assert s.employment is not None  # noqa: S101
            s.employment_id = s.employment.pk
        WageRecord.objects.bulk_create(wages, batch_size=BATCH)
        self.counts.workers += len(slots)
        self.counts.employments += len(slots)
        self.counts.wages += len(wages)

    # -- intake -------------------------------------------------------------------------

    def _names(self, jurisdiction: str, n: int) -> str:
        return ", ".join(people.person(self.rng, jurisdiction).full_name for _ in range(n))

    def _side(self, scenario: catalog.Scenario) -> str:
        if not scenario.sided:
            return "not_applicable"
        if scenario.bilateral:
            return "both"
        return "left" if self.rng.random() < 0.5 else "right"

    def _intake_for_claim(
        self,
        plan: Plan,
        emp: EmployerRef,
        slot: WorkerSlot,
        scenario: catalog.Scenario,
        side: str,
        description: str,
        lost_time: bool,
        status: str,
        incidents: list[Incident],
        reports: list[InjuryReport],
        extras: list[tuple[InjuryReport, Any]],
    ) -> tuple[InjuryReport | None, DrugAlcoholTest | None]:
        """The claim's intake records; returns its injury report and post-accident test, if any."""
        if plan.submitted is None:
            return None, None
        rng = self.rng
        jurisdiction = emp.spec.jurisdiction
        tz = self.tz[jurisdiction]
        est = emp.establishments[plan.establishment]
        location = f"{rng.choice(catalog.LOCATIONS[est.spec.tag])}, {est.spec.name}"
        if scenario.vehicle:
            location = f"On the road ({est.spec.name} vehicle)"
        witnesses = self._names(jurisdiction, rng.randint(1, 2)) if rng.random() < 0.4 else ""
        incident = None
        if plan.tag == "demo_worker" or rng.random() < 0.55:
            logged = min(plan.injury_ts + rng.uniform(600, 6 * 3600), plan.submitted - 60)
            incident = Incident(
                employer_id=emp.org.pk,
                establishment_id=est.id,
                worker_id=slot.worker_id,
                person_name=slot.person.full_name,
                occupation=slot.job.title,
                occurred_at=dt.datetime.fromtimestamp(plan.injury_ts, tz),
                location=location,
                description=description,
                nature_of_injury=scenario.nature,
                body_part=scenario.body_part,
                outcome="fatality" if scenario.fatal else "lost_time" if lost_time else "medical_treatment",
                first_aid_given=rng.choice(
                    (
                        "Ice pack applied; referred to the designated clinic.",
                        "Wound cleaned and dressed; sent for medical treatment.",
                        "Assessed on site; taken to the clinic by the supervisor.",
                        "",
                    )
                ),
                first_aid_by=emp.line_supervisor.name if rng.random() < 0.5 else "",
                witnesses=witnesses,
                reported_by=slot.person.full_name,
                status="reported",
                recorded_by_id=emp.contact.id,
                recorded_at=aware(max(logged, plan.injury_ts + 60)),
            )
            incidents.append(incident)
        self_report = (rng.random() < 0.55 or plan.tag == "demo_worker") and not scenario.fatal
        submitter = emp.contact.id if rng.random() < 0.7 else emp.line_supervisor.id
        if plan.tag == "demo_worker":
            submitter = self.f.demo_users["worker"].pk
        report = InjuryReport(
            employer_id=emp.org.pk,
            establishment_id=est.id,
            worker_id=slot.worker_id,
            incident=incident,
            jurisdiction=jurisdiction,
            injury_date=plan.injury,
            injury_time=plan.injury_time,
            location=location,
            nature_of_injury=scenario.nature,
            body_part=scenario.body_part,
            body_side=side,
            how_it_happened=description,
            witnesses=witnesses,
            reported_to_employer_on=plan.knowledge,
            notifier_name=slot.person.full_name if self_report else emp.line_supervisor.name,
            notifier_address=", ".join(slot.address[:2]) if self_report else "",
            notifier_relationship="self" if self_report else "supervisor",
            medical_treatment_sought=True,
            time_lost=lost_time,
            status=status,
            submitted_by_id=submitter,
            submitted_at=aware(plan.submitted),
        )
        reports.append(report)
        return report, self._supervisor_and_test(plan, emp, report, scenario, description, extras)

    def _supervisor_and_test(
        self,
        plan: Plan,
        emp: EmployerRef,
        report: InjuryReport,
        scenario: catalog.Scenario,
        description: str,
        extras: list[tuple[InjuryReport, Any]],
    ) -> DrugAlcoholTest | None:
        rng = self.rng
        assert plan.submitted is not None  # noqa: S101
        upper = self.upper[emp.spec.jurisdiction]
        co = emp.spec.jurisdiction == "CO"
        if rng.random() < (0.45 if co else 0.25):
            found = rng.random() < 0.4
            procedures = rng.random() < 0.8
            required = rng.random() < 0.6
            violation = (not procedures) and rng.random() < 0.5
            extras.append(
                (
                    report,
                    SupervisorReport(
                        supervisor_name=emp.line_supervisor.name,
                        scene_inspected=rng.random() < 0.85,
                        hazard_found=found,
                        hazard_abated=found and rng.random() < 0.7,
                        hazard_description=rng.choice(catalog.HAZARDS) if found else "",
                        procedures_followed=procedures,
                        safety_equipment_required=required,
                        safety_equipment_used=required and rng.random() < 0.85,
                        safety_rule_violation=violation,
                        violation_details="Did not follow the two-person lift / lock-out procedure."
                        if violation
                        else "",
                        witness_statements="Statements attached from the named witnesses."
                        if report.witnesses
                        else "",
                        employee_statement=f'"{description}"',
                        corrective_action=rng.choice(catalog.CORRECTIVE_ACTIONS),
                        safety_officer_contacted=rng.random() < 0.5,
                        completed_by_id=emp.line_supervisor.id,
                        completed_at=aware(min(plan.submitted + rng.uniform(3600, 3 * DAY), upper)),
                    ),
                )
            )
        # The city's policy (seed 001) wants a record of every accident: tested, or why not.
        testing = EmployerPolicy.POST_ACCIDENT_TESTING in emp.org.policies
        p_test = 1.0 if testing else 0.15 if emp.spec.kind == "pool_member" else 0.0
        if rng.random() >= p_test:
            return None
        accident_at = dt.datetime.fromtimestamp(plan.injury_ts, self.tz[emp.spec.jurisdiction])
        r = rng.random()
        if scenario.fatal:
            reason = "fatality"
        elif r < 0.55:
            reason = "treated_away"
        elif r < 0.63:
            reason = "disabling_damage" if scenario.vehicle else "treated_away"
        elif r < 0.66:
            reason = "reasonable_suspicion"
        else:
            reason = "not_required"
        test = DrugAlcoholTest(accident_at=accident_at, reason=reason, recorded_by_id=emp.line_supervisor.id)
        last = plan.injury_ts
        if reason == "not_required":
            test.reason_not_tested = "No ground for post-accident testing: no indication of employee fault."
        else:
            fresh = self.now_ts - plan.injury_ts < 3 * DAY
            missed: list[str] = []
            if rng.random() < 0.88:
                at = plan.injury_ts + rng.uniform(1800, 7.5 * 3600)
                if at <= upper:
                    test.alcohol_tested_at = aware(at)
                    test.alcohol_result = (
                        "pending"
                        if fresh and rng.random() < 0.3
                        else ("positive" if rng.random() < 0.01 else "negative")
                    )
                    last = max(last, at)
            if test.alcohol_tested_at is None:
                missed.append(
                    "alcohol test not given within 8 hours: the employee was in the emergency "
                    "department until after the window closed"
                )
            if rng.random() < 0.93:
                at = plan.injury_ts + rng.uniform(3600, 31 * 3600)
                if at <= upper:
                    test.drug_tested_at = aware(at)
                    test.drug_result = (
                        "pending" if fresh else ("positive" if rng.random() < 0.02 else "negative")
                    )
                    test.duplicate_sample_preserved = True
                    last = max(last, at)
            if test.drug_tested_at is None:
                missed.append("drug test not given within 32 hours: the employee was admitted to hospital")
            if missed:
                test.reason_not_tested = "; ".join(missed).capitalize() + "."
        test.recorded_at = aware(min(max(last, plan.submitted) + rng.uniform(1800, DAY), upper))
        extras.append((report, test))
        return test

    # -- one claim's history ------------------------------------------------------------

    def _path(
        self, jurisdiction: str, target: str, lost_time: bool, *, fatal: bool = False
    ) -> tuple[str, ...]:
        table = NSW_PATHS if jurisdiction == "NSW" else US_PATHS if lost_time else US_PATHS_MEDICAL_ONLY
        options = table[target]
        if jurisdiction == "NSW" and lost_time:
            # A lost-time claim gets provisional payments, a reasonable excuse or a decision
            # within 7 days (s 267), not an open-ended investigation first.
            options = tuple(o for o in options if o[0][:1] != (UI,)) or options
        if fatal:  # a death claim is decided, not disputed or excused, in the book
            options = tuple(o for o in options if DEN not in o[0] and RE not in o[0]) or options
            if jurisdiction == "NSW":
                options = tuple(o for o in options if ACC in o[0] or PA not in o[0]) or options
        paths = [p for p, _ in options]
        return self.rng.choices(paths, [w for _, w in options])[0]

    def _fatal_target(self, plan: Plan, jurisdiction: str) -> str:
        if plan.target in (DEN, RE, CLOSED, REOPENED):
            return OPEN if (self.today - plan.injury).days < 400 else FIN
        if plan.target == UI and jurisdiction == "NSW":
            return PA
        return plan.target

    def _next_of_kin(self, slot: WorkerSlot, jurisdiction: str) -> str:
        relation = self.rng.choice(("spouse", "partner", "mother", "father"))
        given = people.person(self.rng, jurisdiction).given
        return f"{given} {slot.person.family} ({relation})"

    def _status_times(self, path: tuple[str, ...], t0: float, avail: float) -> list[float]:
        """When each status of the path is entered, scaled into the time available."""
        rng = self.rng
        times, current, t = [], R, t0
        for status in path:
            lo, hi = DELAYS[(current, status)]
            t += rng.uniform(lo, hi)
            times.append(t)
            current = status
        if times and times[-1] - t0 > 0.9 * avail:
            factor = 0.9 * avail / (times[-1] - t0)
            times = [t0 + (x - t0) * factor for x in times]
        return [t0, *times]

    def _claim_specs(
        self,
        plan: Plan,
        emp: EmployerRef,
        c: texts.ClaimText,
        doctor: ProviderRef | None,
        path: tuple[str, ...],
        st: _Story,
        test: DrugAlcoholTest | None,
    ) -> list[Spec]:
        rng = self.rng
        jurisdiction = emp.spec.jurisdiction
        nsw = jurisdiction == "NSW"
        staff = self.f.staff[emp.admin_key]
        t0, t_up, avail, specs = st.t0, st.t_up, st.avail, st.specs
        put, put_at = st.put, st.put_at
        A, N, M, S = (
            EventKind.ACTIVITY_LOGGED,
            EventKind.NOTE_ADDED,
            EventKind.MEDICAL_NOTE,
            EventKind.STATUS_CHANGED,
        )

        status_t = self._status_times(path, t0, avail)
        st.closes = [status_t[i + 1] for i, s in enumerate(path) if s in TERMINAL]
        terminal = plan.target in TERMINAL
        t_end = min(t_up, status_t[-1] + rng.uniform(0.5, 3)) if terminal else t_up

        def between(a: float, b: float) -> float:
            return a + (b - a) * rng.uniform(0.05, 0.95)

        # Creation, assignment, first contacts.
        created: Spec = [
            t0,
            0,
            EventKind.CLAIM_CREATED,
            None,
            Sensitivity.NORMAL,
            "sup" if rng.random() < 0.6 else None,
            None,
        ]
        specs.append(created)
        diary = plan.tag == "diary"
        assigned = diary or not (plan.target == R and rng.random() < 0.4)
        first_span = min(2.5, avail * 0.5)
        if assigned:  # the demo adjuster's diary claims are theirs
            who = staff.adjusters[0] if diary else staff.adjusters[self._pick_index(staff.adjuster_weights)]
            put(t0 + min(rng.uniform(0.01, 0.3), avail * 0.1), EventKind.ASSIGNED, None, "sup", who, prio=1)
        if test is not None:
            self._test_event(st, test)
        elif EmployerPolicy.POST_ACCIDENT_TESTING in emp.org.policies:
            for rule in ("co.alcohol_test", "co.drug_test"):
                self._waive(st, t0 + rng.uniform(0.05, 1.0), rule, created, texts.WAIVE_NO_TEST)
        t_contact: float | None = t0 + rng.uniform(0.3, 1.0) * first_span
        if nsw:  # early contact: within three business days of notification, a share late
            t_contact = st.done(t0, st.biz_due(t0, 3), late=0.1, span=6, lo=0.1, hi=0.8)
        if doctor is not None:
            part = ClaimParticipant(role="treating_doctor", provider_id=doctor.id)
            put(
                t0 + rng.uniform(0.02, 0.25) * first_span,
                EventKind.PARTICIPANT_ADDED,
                None,
                "adj",
                part,
                prio=2,
            )
        if t_contact is not None and (assigned or rng.random() < 0.5):
            put_at(t_contact, A, texts.contact_worker(c, rng), prio=5)
            put_at(t_contact + rng.uniform(0, 0.3), A, texts.contact_employer(c, rng), prio=5)
            if doctor is not None:
                put_at(t_contact + rng.uniform(0, 0.6), A, texts.contact_provider(c, rng), prio=5)
        if nsw and doctor is None:
            self._waive(
                st, t0 + rng.uniform(0.3, 2.5), "nsw.initial_contact_doctor", created, texts.WAIVE_NO_DOCTOR
            )
        if c.interpreter:
            put((t_contact or t0 + 0.3) + rng.uniform(0, 0.2), N, texts.interpreter_note(c))
        if c.lost_time and jurisdiction in ("CO", "MN"):  # first report of injury to the regulator
            due = st.day_due(plan.knowledge, 10 if jurisdiction == "CO" else 14)
            if not (diary and due > t_up - 3):  # the demo adjuster's recent ones are still to file
                put_at(
                    st.done(t0, due, late=0.08, span=6, lo=0.05, hi=0.7),
                    EventKind.REPORT_FILED,
                    texts.first_report(c, self._regulator_reference(jurisdiction)),
                )
        if c.lost_time and path:
            self._wage_information(st, c, (t_contact or t0 + 0.5) + rng.uniform(0.1, 2), t_end)
        if doctor is not None and (path or rng.random() < 0.5):
            put(
                (t_contact or t0 + 0.5) + rng.uniform(0.5, 5),
                M,
                texts.medical_initial(c),
                self._med_actor(doctor),
                sensitivity=Sensitivity.MEDICAL,
            )
        if c.restricted and doctor is not None:
            put(
                (t_contact or t0 + 0.5) + rng.uniform(3, 20),
                M,
                texts.medical_restricted(c, rng),
                self._med_actor(doctor),
                sensitivity=Sensitivity.RESTRICTED_MEDICAL,
            )
        elif rng.random() < 0.01 and doctor is not None:
            put(
                between(t0, t_end),
                M,
                texts.medical_restricted(c, rng),
                "adj",
                sensitivity=Sensitivity.RESTRICTED_MEDICAL,
            )

        # Status changes and what goes with them.
        prev = R
        participants_added: set[tuple[str, int]] = set()
        if doctor is not None:
            participants_added.add(("treating_doctor", doctor.id))
        changes: list[tuple[str, float, Spec]] = []
        offers_tracked = EmployerPolicy.MODIFIED_DUTY_PROGRAM in emp.org.policies
        for i, status in enumerate(path):
            ts, t_prev = status_t[i + 1], status_t[i]
            t_next = status_t[i + 2] if i + 2 < len(status_t) else t_end
            actor = "sup" if status in (DEN, FIN) and rng.random() < 0.3 else "adj"
            payload = {
                "from_status": prev,
                "to_status": status,
                "reason": texts.status_reason(c, prev, status, rng),
            }
            change: Spec = [ts, 3, S, payload, Sensitivity.NORMAL, actor, None]
            specs.append(change)
            changes.append((status, ts, change))
            for filing in texts.decision_filings(c, status):
                put(ts + (t_next - ts) * rng.uniform(0.02, 0.3), A, filing)
            if nsw and status in (PA, ACC, RE, DEN):  # the decision in writing: two business days
                put_at(
                    st.done(ts, st.biz_due(ts, 2), late=0.07, span=4, lo=0.05, hi=0.8),
                    EventKind.NOTICE_SENT,
                    texts.liability_notice(c, status),
                )
            if status == UI:
                put(between(ts, t_next), A, texts.recorded_statement(c, rng))
                if rng.random() < 0.6:
                    put(between(ts, t_next), A, texts.witness_statement(c))
                if rng.random() < 0.35:
                    self._ime(c, st, jurisdiction, participants_added, between(ts, t_next), t_next)
            elif status == DEN and rng.random() < (0.35 if jurisdiction != "NSW" else 0.2):
                self._attorney(c, put, jurisdiction, participants_added, between(ts, t_next))
            elif status == REOPENED:
                put(t_prev + (ts - t_prev) * rng.uniform(0.85, 0.97), A, texts.reopen_request(c))
                if doctor is not None:
                    put(
                        between(ts, t_next),
                        M,
                        texts.medical_followup(c, rng),
                        self._med_actor(doctor),
                        sensitivity=Sensitivity.MEDICAL,
                    )
                if jurisdiction != "NSW" and rng.random() < 0.25:
                    self._attorney(c, put, jurisdiction, participants_added, between(ts, t_next))
            elif status in (CLOSED, FIN):
                put(ts + (t_next - ts) * rng.uniform(0.02, 0.5), A, texts.closing_letter(c, status))
                if prev in (OPEN, REOPENED, ACC):
                    if doctor is not None and prev != ACC:
                        put(
                            t_prev + (ts - t_prev) * rng.uniform(0.9, 0.94),
                            M,
                            texts.medical_discharge(c),
                            self._med_actor(doctor),
                            sensitivity=Sensitivity.MEDICAL,
                        )
                    if status == FIN:
                        final = texts.final_filing(c)
                        if final is not None:
                            put(t_prev + (ts - t_prev) * rng.uniform(0.95, 0.98), A, final)
                        if jurisdiction != "NSW" and doctor is not None:
                            put(t_prev + (ts - t_prev) * rng.uniform(0.86, 0.89), A, texts.mmi(c, rng))
                        if jurisdiction != "NSW" and rng.random() < 0.4:
                            at = t_prev + (ts - t_prev) * rng.uniform(0.3, 0.7)
                            self._attorney(c, put, jurisdiction, participants_added, at)
            if status in (OPEN, PA) or (status == ACC and i == len(path) - 1):
                length = t_next - ts
                if c.lost_time and nsw:  # certificates and plan reviews carry most of the news
                    n = min(3, max(1, int(length / 40)))
                elif c.lost_time:
                    n = min(4, max(1, int(length / 30)))
                else:
                    n = min(2, int(length / 40) + (1 if rng.random() < 0.4 else 0))
                # Before a closure, leave room for MMI, discharge and the final filing.
                closing = i + 1 < len(path) and path[i + 1] in TERMINAL
                for _ in range(n):
                    activity, medical = texts.periodic(c, rng, offers_tracked=offers_tracked)
                    at = ts + (t_next - ts) * rng.uniform(0.05, 0.85 if closing else 0.95)
                    put(at, A, activity)
                    if medical is not None and doctor is not None:
                        put(at - 0.001, M, medical, self._med_actor(doctor), sensitivity=Sensitivity.MEDICAL)
                if status == OPEN and length > 120 and rng.random() < 0.3:
                    at = ts + (t_next - ts) * rng.uniform(0.1, 0.6)
                    self._ime(c, st, jurisdiction, participants_added, at, t_next)
                if status == OPEN and c.lost_time:
                    self._rehab(c, put, jurisdiction, participants_added, ts + (t_next - ts) * 0.1)
            prev = status

        # Notes and the odd reassignment (in NSW the new case manager calls the worker within a week).
        last_t = status_t[-1] if terminal else t_up
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
            put(between(t0, max(last_t, t0 + 0.01)), N, texts.note(c, rng))
        if assigned and not diary and len(staff.adjusters) > 1 and avail > 20 and rng.random() < 0.06:
            who = staff.adjusters[rng.randrange(len(staff.adjusters))]
            handover = put(between(t0 + 5, last_t), EventKind.ASSIGNED, None, "sup", who, prio=1)
            if nsw:
                t_h = handover[0]
                put_at(
                    st.done(t_h, st.cal_due(t_h, 7), late=0.08, span=5, lo=0.05, hi=0.8),
                    A,
                    texts.handover_call(c),
                )

        self._statutory(plan, emp, c, doctor, changes, st, created, assigned)

        if terminal:  # nothing but the closing letter after the file is closed
            limit = status_t[-1]
            for spec in specs:
                if spec[2] not in (S, EventKind.CLAIM_CREATED) and spec[0] > t_end:
                    spec[0] = limit + (t_end - limit) * rng.uniform(0.1, 0.9)
        return specs

    # -- the facts the statutory clocks run on -------------------------------------------

    def _regulator_reference(self, jurisdiction: str) -> str:
        prefix = {"CO": "WC", "MN": "DLI"}.get(jurisdiction, "FROI")
        return f"{prefix} {self.rng.randint(4_000_000, 5_999_999)}"

    def _test_event(self, st: _Story, test: DrugAlcoholTest) -> None:
        """The report's post-accident test record, copied onto the claim's log when the claim opens."""
        assert test.recorded_at is not None  # noqa: S101 - always set by _supervisor_and_test
        t = st.axis.t_of(test.recorded_at.timestamp())
        st.put(max(t, st.t0 + 1e-4), EventKind.TEST_RECORDED, None, "empsup", test, prio=1)

    def _waive(
        self, st: _Story, t: float, rule: str, trigger: Spec, reason: str, instance: int = 0
    ) -> Spec | None:
        """An obligation excused with a reason (before the file closes, if it is done by now)."""
        if t <= trigger[0] or t >= st.stop_after(trigger[0]):
            return None
        payload = {
            "key": _Key(rule, trigger, instance),
            "rule_id": rule,
            "title": self.rule_titles[rule],
            "reason": reason,
        }
        return st.put_at(t, EventKind.OBLIGATION_WAIVED, payload, extra=RESOLVE)

    def _wage_information(self, st: _Story, c: texts.ClaimText, t_req: float, t_end: float) -> None:
        """The wage statement: asked for, then received (in NSW all PIAWE information, then the
        recalculation and any adjustment; elsewhere a tracked request half of the time)."""
        rng = self.rng
        if c.nsw:
            st.put(t_req, EventKind.ACTIVITY_LOGGED, texts.wage_requested(c))
            t_rec = t_req + rng.uniform(2, 10)
            if rng.random() < 0.4:
                st.put(t_rec, EventKind.ACTIVITY_LOGGED, texts.wage_received(c))
            elif rng.random() < 0.9 and t_rec < st.stop_after(t_req):  # all PIAWE information in
                payload = {**texts.piawe_information(c), "received_on": _Day()}
                if st.put_at(t_rec, EventKind.REQUEST_RECEIVED, payload, extra=RESOLVE) is not None:
                    self._piawe(st, t_rec)
        elif rng.random() < 0.5:
            ask = st.put_at(
                t_req,
                EventKind.INFO_REQUESTED,
                {
                    "party": "employer",
                    "party_name": c.employer_contact,
                    "what": texts.wage_info_request(c),
                    "due_on": _Day(10),
                },
                extra=RESOLVE,
            )
            if ask is not None:
                st.put_at(
                    st.done(t_req, st.cal_due(t_req, 10), late=0.15, span=8, lo=0.2, hi=0.95),
                    EventKind.INFO_RECEIVED,
                    {"request_seq": _Ref(ask), "note": "Wage statement received; figures entered on file."},
                    extra=RESOLVE,
                )
        else:
            st.put(t_req, EventKind.ACTIVITY_LOGGED, texts.wage_requested(c))
            if rng.random() < 0.85 and t_req + 2 < t_end:
                st.put(t_req + rng.uniform(2, 10), EventKind.ACTIVITY_LOGGED, texts.wage_received(c))

    def _piawe(self, st: _Story, t_rec: float) -> None:
        rng = self.rng
        t_calc = st.done(t_rec, st.biz_due(t_rec, 5), late=0.1, span=6)
        calc = st.put_at(t_calc, EventKind.MILESTONE_RECORDED, texts.milestone("piawe_recalculated", rng))
        if calc is None:
            return
        if rng.random() < 0.4:
            st.put_at(
                st.done(calc[0], st.cal_due(calc[0], 14), late=0.1, span=6),
                EventKind.MILESTONE_RECORDED,
                texts.milestone("piawe_adjustment_paid", rng),
            )
        else:
            self._waive(st, calc[0] + rng.uniform(0.05, 1.5), "nsw.piawe_adjustment", calc, texts.WAIVE_PIAWE)

    def _time_off(self) -> float:
        """How long a lost-time worker is off or on restricted duties, in business days."""
        rng = self.rng
        r = rng.random()
        if r < 0.4:
            return rng.uniform(5, 20)
        if r < 0.7:
            return rng.uniform(20, 60)
        if r < 0.9:
            return rng.uniform(60, 150)
        return rng.uniform(150, 400)

    def _statutory(
        self,
        plan: Plan,
        emp: EmployerRef,
        c: texts.ClaimText,
        doctor: ProviderRef | None,
        changes: list[tuple[str, float, Spec]],
        st: _Story,
        created: Spec,
        assigned: bool,
    ) -> None:
        """Weekly payments, certificates, plans, requests, the employer's programs and the diary."""
        rng = self.rng
        jurisdiction = emp.spec.jurisdiction
        nsw = jurisdiction == "NSW"
        t0, t_up = st.t0, st.t_up
        MS = EventKind.MILESTONE_RECORDED

        def first(statuses: tuple[str, ...], after: float = -1.0) -> float:
            return next((t for s, t, _ in changes if s in statuses and t > after), _INF)

        first_decision = next((s for s, _t, _ in changes if s in (PA, ACC, DEN, RE)), None)

        # Weekly payments (temporary disability) start.
        indemnity: Spec | None = None
        if c.lost_time:
            t_ind: float | None = None
            if nsw:
                start = first((PA, ACC))
                if start < first((DEN,)) and start < st.stop_after(t0):
                    t_ind = start + rng.uniform(0.05, 2.5)
            elif jurisdiction == "MN":  # commence or deny within 14 days of knowledge
                if first_decision != DEN:
                    due = st.day_due(plan.knowledge, 14)
                    t_ind = st.done(t0, due, late=0.12, span=8, lo=0.15, hi=0.9)
            else:
                start = first((ACC,))
                if start < _INF:
                    t_ind = start + rng.uniform(0.2, 4)
            if t_ind is not None and t_ind < st.stop_after(t0):
                direct = nsw and rng.random() < 0.06
                benefit = "direct_payments" if direct else "weekly" if nsw else "temporary_total"
                indemnity = st.put_at(
                    t_ind,
                    EventKind.INDEMNITY_COMMENCED,
                    {
                        "benefit": benefit,
                        "first_day": plan.injury + dt.timedelta(days=1),
                        "first_payment_on": _Day(),
                    },
                    extra=RESOLVE,
                )
                if indemnity is not None and direct:
                    st.put_at(
                        st.done(t_ind, st.cal_due(t_ind, 5), late=0.1, span=5),
                        EventKind.NOTICE_SENT,
                        texts.direct_payments_notice(c),
                    )
        # When the worker is back at pre-injury duties (or payments stop on a dispute).
        support_from = indemnity[0] if indemnity is not None else t0
        back_at_work = support_from + self._time_off()
        denied_at = first((DEN,), after=support_from)
        support_end = min(back_at_work, denied_at, st.stop_after(support_from))
        why_end = "denied" if denied_at <= back_at_work else "rtw"

        if nsw:
            self._nsw_facts(plan, c, changes, st, created, indemnity, support_end, why_end)

        # The city's modified duty program: an offer letter after each partial-capacity report.
        if c.lost_time and doctor is not None and EmployerPolicy.MODIFIED_DUTY_PROGRAM in emp.org.policies:
            t_w = t0 + rng.uniform(0.3, 3)
            for k in range(3):
                if t_w >= min(support_end, t_up):
                    break
                if k and (k == 2 or t_w + 20 >= support_end) and support_end < t_up:
                    capacity = "full"  # released to regular duty
                else:
                    capacity = "none" if k == 0 and rng.random() < 0.3 else "partial"
                payload = {
                    **texts.work_status(c, capacity, rng),
                    "from_date": _Day(),
                    "to_date": _Day(rng.choice((14, 21, 28))),
                }
                actor = self._med_actor(doctor)
                st.put_at(t_w, EventKind.WORK_STATUS_RECORDED, payload, actor=actor, extra=RESOLVE)
                if capacity == "partial":
                    st.put_at(
                        st.done(t_w, st.biz_due(t_w, 5), late=0.08, span=6, lo=0.05, hi=0.8),
                        EventKind.NOTICE_SENT,
                        texts.modified_duty_offer(c),
                        actor="emp",
                    )
                t_w += rng.uniform(8, 20)

        # The pool's light duty: started, reviewed at least every 30 days, ended.
        if c.lost_time and EmployerPolicy.LIGHT_DUTY_REVIEW in emp.org.policies and rng.random() < 0.6:
            t_w = t0 + rng.uniform(0.5, 5)
            payload = {**texts.work_status(c, "partial", rng), "from_date": _Day(), "to_date": _Day(28)}
            if t_w < min(support_end, st.stop_after(t0)) and st.put_at(
                t_w, EventKind.WORK_STATUS_RECORDED, payload, extra=RESOLVE
            ):
                start_t = t_w + rng.uniform(0.5, 4)
                started = st.put_at(start_t, MS, texts.milestone("modified_duty_started", rng), actor="emp")
                if started is not None:
                    times = st.chain(start_t, support_end, period=20, late=0.08)
                    for t in times[1:]:
                        st.put_at(t, MS, texts.milestone("modified_duty_reviewed", rng), actor="emp")
                    due_next = st.cal_due(times[-1], 30)
                    t_ended = max(times[-1] + 0.05, min(support_end, due_next - 0.3))
                    if t_ended < st.stop_after(start_t):
                        st.put_at(t_ended, MS, texts.milestone("modified_duty_ended", rng), actor="emp")

        # Treatment requests (and in Colorado the odd change of physician).
        t_acc = first((PA, ACC, OPEN))
        if doctor is not None and t_acc < t_up:
            w_end = min(st.stop_after(t_acc), t_up, first((DEN,), after=t_acc))
            if w_end - t_acc > 1:
                r = rng.random()
                n = (0 if r < 0.55 else 1 if r < 0.92 else 2) if c.lost_time else int(r < 0.15)
                for _ in range(n):
                    self._treatment_request(st, c, nsw, t_acc + (w_end - t_acc) * rng.uniform(0.05, 0.95))
                if jurisdiction == "CO" and c.lost_time and rng.random() < 0.04:
                    tr = t_acc + (w_end - t_acc) * rng.uniform(0.05, 0.9)
                    req = st.put_at(
                        tr,
                        EventKind.REQUEST_RECEIVED,
                        {**texts.physician_change_request(c), "received_on": _Day()},
                        extra=RESOLVE,
                    )
                    if req is not None:
                        st.put_at(
                            st.done(tr, st.cal_due(tr, 20), late=0.1, span=8),
                            EventKind.REQUEST_DECIDED,
                            {
                                "request_seq": _Ref(req),
                                "decision": "approved" if rng.random() < 0.8 else "declined",
                                "reason": "Change to a physician on the designated provider list.",
                            },
                            extra=RESOLVE,
                        )

        # The adjuster's own diary entries and requests for information.
        if assigned:
            self._diary(plan, c, st, emp)

    def _treatment_request(self, st: _Story, c: texts.ClaimText, nsw: bool, tr: float) -> None:
        rng = self.rng
        req = st.put_at(
            tr,
            EventKind.REQUEST_RECEIVED,
            {**texts.treatment_request(c, rng), "received_on": _Day()},
            extra=RESOLVE,
        )
        if req is None:
            return
        # NSW: acknowledge within 10 business days, decide within 21 days, advise within 2.
        td = st.done(tr, st.cal_due(tr, 21), late=0.1 if nsw else 0.05, span=10, lo=0.1, hi=0.85)
        ack_due = st.biz_due(tr, 10)
        if rng.random() < (0.5 if nsw else 0.15) or (nsw and (td is None or td > ack_due)):
            ta = st.done(tr, ack_due, late=0.05, span=5, lo=0.05, hi=0.5)
            if ta is not None and (td is None or ta < td):
                st.put_at(
                    ta,
                    EventKind.REQUEST_ACKNOWLEDGED,
                    {"request_seq": _Ref(req), "note": "Received; the provider's report has been requested."},
                    extra=RESOLVE,
                )
        if td is None:
            return
        decision = rng.choices(("approved", "partly_approved", "declined"), (75, 10, 15))[0]
        decided = st.put_at(
            td,
            EventKind.REQUEST_DECIDED,
            {
                "request_seq": _Ref(req),
                "decision": decision,
                "reason": texts.treatment_decision(decision, rng),
            },
            extra=RESOLVE,
        )
        if decided is not None and nsw:
            st.put_at(
                st.done(td, st.biz_due(td, 2), late=0.06, span=4, lo=0.05, hi=0.8),
                EventKind.NOTICE_SENT,
                texts.treatment_decision_notice(c, decision),
            )

    def _nsw_facts(
        self,
        plan: Plan,
        c: texts.ClaimText,
        changes: list[tuple[str, float, Spec]],
        st: _Story,
        created: Spec,
        indemnity: Spec | None,
        support_end: float,
        why_end: str,
    ) -> None:
        """Certificates, the injury management plan, the recovery screen, provisional liability."""
        rng = self.rng
        t0, t_up = st.t0, st.t_up
        MS = EventKind.MILESTONE_RECORDED
        st.put_at(
            st.done(t0 + 0.5, st.biz_due(t0, 15), late=0.12, span=10, lo=0.1, hi=0.9),
            MS,
            texts.milestone("recovery_screen", rng),
        )
        # Provisional liability ends in acceptance or a dispute within 12 weeks; a claim already
        # in management (provisional → open) has the decision waived with the reason.
        for i, (status, t, spec) in enumerate(changes):
            if status != PA or (i + 1 < len(changes) and changes[i + 1][0] in (ACC, DEN)):
                continue
            due = st.cal_due(t, 84)
            if st.stop_after(t) > due and (due < t_up - 15 or rng.random() < 0.6):
                self._waive(
                    st,
                    due + rng.uniform(-10, 3),
                    "nsw.provisional_liability_end",
                    spec,
                    texts.WAIVE_PROVISIONAL,
                )
        if c.lost_time:
            first_cert = st.put_at(
                t0 + rng.uniform(0.1, 1.5),
                EventKind.WORK_STATUS_RECORDED,
                {
                    **texts.work_status(c, "none" if rng.random() < 0.55 else "partial", rng),
                    "from_date": _Day(),
                    "to_date": _Day(rng.choice((7, 14, 28))),
                },
                extra=RESOLVE,
            )
            if first_cert is not None and indemnity is not None:  # a certificate at least every 28 days
                certs = [first_cert]
                times = st.chain(first_cert[0], support_end, period=20, late=0.1)
                for k, t in enumerate(times[1:], start=1):
                    final = k == len(times) - 1 and why_end == "rtw" and support_end < t_up
                    payload = {
                        **texts.work_status(c, "full" if final else "partial", rng),
                        "from_date": _Day(),
                        "to_date": _Day(28),
                    }
                    cert = st.put_at(t, EventKind.WORK_STATUS_RECORDED, payload, extra=RESOLVE)
                    if cert is not None:
                        certs.append(cert)
                if support_end < t_up:
                    reason = (
                        texts.WAIVE_CERTIFICATE_RTW if why_end == "rtw" else texts.WAIVE_CERTIFICATE_DENIED
                    )
                    t_w = max(support_end, certs[-1][0]) + rng.uniform(0.05, 1.0)
                    self._waive(st, t_w, "nsw.certificate_current", certs[-1], reason, len(certs) - 1)
                # Every 130 weeks of weekly payments, a work capacity decision.
                due = st.day_due(plan.injury + dt.timedelta(days=1), 910)
                if due < t_up + 30 and st.stop_after(indemnity[0]) > due:
                    st.put_at(
                        st.done(due - 25, due, late=0.1, span=10, lo=0.3, hi=0.95),
                        MS,
                        texts.milestone("work_capacity_decision", rng),
                    )
        if c.significant:  # the injury management plan within 20 days, reviewed every 4 weeks
            t_p = st.done(t0 + 0.5, st.cal_due(t0, 20), late=0.1, span=8, lo=0.2, hi=0.9)
            plan0 = st.put_at(t_p, MS, texts.milestone("injury_plan_issued", rng))
            if plan0 is not None:
                end = (
                    support_end
                    if indemnity is not None
                    else min(plan0[0] + self._time_off(), st.stop_after(t0))
                )
                plans = [plan0]
                for t in st.chain(plan0[0], end, period=20, late=0.08)[1:]:
                    review = st.put_at(t, MS, texts.milestone("injury_plan_issued", rng))
                    if review is not None:
                        plans.append(review)
                if end < t_up:
                    reason = (
                        texts.WAIVE_PLAN_DENIED if why_end == "denied" and indemnity else texts.WAIVE_PLAN_RTW
                    )
                    t_w = max(end, plans[-1][0]) + rng.uniform(0.05, 1.0)
                    self._waive(
                        st, t_w, "nsw.injury_management_plan_review", plans[-1], reason, len(plans) - 1
                    )

    def _diary(self, plan: Plan, c: texts.ClaimText, st: _Story, emp: EmployerRef) -> None:
        rng = self.rng
        t0, t_up = st.t0, st.t_up
        hi = st.closes[-1] if plan.target in TERMINAL and st.closes else t_up
        if plan.tag == "diary":  # the demo adjuster's diary: due today, in a few days, overdue
            self._demo_diary(c, st)
        r = rng.random()
        n_entries = 0 if r < 0.72 else 1 if r < 0.94 else 2
        for _ in range(n_entries if hi - t0 > 1 else 0):
            t_add = t0 + 0.3 + (hi - t0 - 0.3) * rng.uniform(0.0, 1.0)
            days = rng.choice((2, 3, 5, 7, 7, 10, 14, 14, 21))
            while (st.date_of(t_add) + dt.timedelta(days=days)).weekday() >= 5:
                days += 1
            title, details = rng.choice(texts.DIARY_ENTRIES)
            entry = st.put_at(
                t_add,
                EventKind.DIARY_ENTRY_ADDED,
                {"title": title, "due_on": _Day(days), "details": details},
                extra=RESOLVE,
            )
            if entry is not None:
                st.put_at(
                    st.done(t_add, st.cal_due(t_add, days), late=0.12, span=6, lo=0.5, hi=0.97),
                    EventKind.DIARY_ENTRY_COMPLETED,
                    {"entry_seq": _Ref(entry), "note": "Done."},
                    extra=RESOLVE,
                )
        if hi - t0 > 1 and rng.random() < 0.08:
            party, what = rng.choice(texts.INFO_REQUESTS)
            name = {"provider": c.doctor, "worker": c.worker, "employer": c.employer_contact}[party]
            t_ask = t0 + 0.3 + (hi - t0 - 0.3) * rng.uniform(0.0, 0.9)
            days = rng.choice((7, 10, 14))
            ask = st.put_at(
                t_ask,
                EventKind.INFO_REQUESTED,
                {"party": party, "party_name": name, "what": what, "due_on": _Day(days)},
                extra=RESOLVE,
            )
            if ask is not None:
                st.put_at(
                    st.done(t_ask, st.cal_due(t_ask, days), late=0.2, span=8, lo=0.2, hi=0.95),
                    EventKind.INFO_RECEIVED,
                    {"request_seq": _Ref(ask), "note": "Received and filed."},
                    extra=RESOLVE,
                )

    def _demo_diary(self, c: texts.ClaimText, st: _Story) -> None:
        """Follow-ups of the demo adjuster's recent claims, dated from today so that right after
        seeding the diary has something overdue, something due today and something this week."""
        rng, today = self.rng, self.today
        t_add = max(st.t0 + 0.05, st.t_up - rng.uniform(1, 2.5))
        st.put_at(
            t_add,
            EventKind.DIARY_ENTRY_ADDED,
            {
                "title": "Call the worker after today's specialist review",
                "due_on": today,
                "details": "Ask about the outcome, restrictions and the next appointment.",
            },
        )
        title, details = rng.choice(texts.DIARY_ENTRIES)
        st.put_at(
            t_add + 0.01,
            EventKind.DIARY_ENTRY_ADDED,
            {"title": title, "due_on": today + dt.timedelta(days=rng.randint(1, 5)), "details": details},
        )
        t_ask = max(st.t0 + 0.02, st.t_up - rng.uniform(3, 5))
        st.put_at(
            t_ask,
            EventKind.INFO_REQUESTED,
            {
                "party": "employer",
                "party_name": c.employer_contact,
                "what": "Witness statements and the supervisor's report of the accident.",
                "due_on": today - dt.timedelta(days=rng.randint(1, 3)),
            },
        )

    def _fatal_specs(
        self,
        plan: Plan,
        emp: EmployerRef,
        c: texts.ClaimText,
        path: tuple[str, ...],
        st: _Story,
        test: DrugAlcoholTest | None,
    ) -> list[Spec]:
        """A death claim: the family instead of the worker, the investigation, the regulator's
        notice of a death, the liability decision in writing and the dependants' benefits."""
        rng = self.rng
        jurisdiction = emp.spec.jurisdiction
        nsw = jurisdiction == "NSW"
        staff = self.f.staff[emp.admin_key]
        t0, t_up, specs = st.t0, st.t_up, st.specs
        A, MS = EventKind.ACTIVITY_LOGGED, EventKind.MILESTONE_RECORDED
        status_t = self._status_times(path, t0, st.avail)
        st.closes = [status_t[i + 1] for i, s in enumerate(path) if s in TERMINAL]
        last_t = status_t[-1] if plan.target in TERMINAL else t_up
        created: Spec = [t0, 0, EventKind.CLAIM_CREATED, None, Sensitivity.NORMAL, "sup", None]
        specs.append(created)
        who = staff.adjusters[self._pick_index(staff.adjuster_weights)]
        st.put(t0 + min(rng.uniform(0.01, 0.2), st.avail * 0.1), EventKind.ASSIGNED, None, "sup", who, prio=1)
        if test is not None:
            self._test_event(st, test)
        t_family = st.done(t0, st.biz_due(t0, 5), late=0.05, span=4, lo=0.05, hi=0.5)
        st.put_at(t_family, A, texts.family_contact(c))
        if t_family is not None:
            st.put_at(t_family + rng.uniform(0.05, 0.5), A, texts.contact_employer(c, rng))
        if nsw:
            st.put_at(
                st.done(t0, st.biz_due(t0, 5), late=0.05, span=4, lo=0.05, hi=0.6),
                MS,
                texts.milestone("investigation_started", rng),
            )
            for rule in ("nsw.initial_contact_worker", "nsw.initial_contact_doctor"):
                self._waive(st, t0 + rng.uniform(0.05, 1.0), rule, created, texts.WAIVE_DECEASED)
            st.put_at(
                st.done(t0 + 0.5, st.biz_due(t0, 15), late=0.05, span=5, lo=0.1, hi=0.9),
                MS,
                texts.milestone("recovery_screen", rng),
            )
        if jurisdiction == "MN":  # notice of the death within 48 hours, the report within 7 days
            st.put_at(t0 + rng.uniform(0.02, 0.5), A, texts.regulator_death_call(c))
            st.put_at(
                st.done(t0, st.day_due(plan.knowledge, 7), late=0.05, span=4, lo=0.1, hi=0.8),
                EventKind.REPORT_FILED,
                texts.first_report(c, self._regulator_reference(jurisdiction)),
            )
        elif jurisdiction == "CO":
            st.put_at(
                st.done(t0, st.day_due(plan.knowledge, 10), late=0.05, span=4, lo=0.05, hi=0.6),
                EventKind.REPORT_FILED,
                texts.first_report(c, self._regulator_reference(jurisdiction)),
            )
        prev, benefits = R, False
        for i, status in enumerate(path):
            ts = status_t[i + 1]
            reason = texts.fatal_status_reason(c, prev, status)
            change: Spec = [
                ts,
                3,
                EventKind.STATUS_CHANGED,
                {"from_status": prev, "to_status": status, "reason": reason},
                Sensitivity.NORMAL,
                "sup" if rng.random() < 0.5 else "adj",
                None,
            ]
            specs.append(change)
            if status in (PA, ACC, DEN, RE):
                for filing in texts.decision_filings(c, status):
                    st.put_at(ts + rng.uniform(0.05, 2), A, filing)
                st.put_at(
                    st.done(ts, st.biz_due(ts, 2), late=0.05, span=3, lo=0.05, hi=0.8),
                    EventKind.NOTICE_SENT,
                    texts.death_notice(c, status),
                )
            if nsw and status in (PA, ACC):
                self._waive(
                    st, ts + rng.uniform(0.05, 1.0), "nsw.liability_notice", change, texts.WAIVE_DECEASED
                )
            if status in (PA, ACC):  # the dependants hear of their entitlements after each decision
                st.put_at(
                    st.done(ts, st.biz_due(ts, 10), late=0.08, span=6, lo=0.1, hi=0.8),
                    A,
                    texts.dependants_contact(c),
                )
            if status in (PA, ACC) and not benefits:
                benefits = True
                st.put_at(
                    ts + rng.uniform(0.1, 2),
                    EventKind.INDEMNITY_COMMENCED,
                    {
                        "benefit": "death_benefits",
                        "first_day": plan.injury + dt.timedelta(days=1),
                        "first_payment_on": _Day(),
                    },
                    extra=RESOLVE,
                )
            prev = status
        for _ in range(rng.randint(1, 3)):
            st.put(
                t0 + (max(last_t, t0 + 0.01) - t0) * rng.uniform(0.05, 0.95),
                EventKind.NOTE_ADDED,
                texts.fatal_note(c, rng),
            )
        return specs

    def _pick_index(self, weights: list[float]) -> int:
        return self.rng.choices(range(len(weights)), weights)[0]

    def _med_actor(self, doctor: ProviderRef) -> str:
        return "prov" if doctor.user_id and self.rng.random() < 0.5 else "adj"

    def _provider_of(self, jurisdiction: str, kind: str) -> ProviderRef | None:
        options = [p for p in self.f.providers_by_jurisdiction[jurisdiction] if p.kind == kind]
        return self.rng.choice(options) if options else None

    def _ime(self, c, st, jurisdiction, added, at, t_next) -> None:  # type: ignore[no-untyped-def]
        ime = self._provider_of(jurisdiction, "ime")
        if ime is None or ("ime", ime.id) in added:
            return
        added.add(("ime", ime.id))
        put = st.put
        rng = self.rng
        part = put(
            at,
            EventKind.PARTICIPANT_ADDED,
            None,
            "adj",
            ClaimParticipant(role="ime", provider_id=ime.id),
            prio=2,
        )
        if jurisdiction == "NSW":  # the date, and the worker's notice at least two weeks before it
            days = rng.randint(17, 30) if rng.random() < 0.92 else rng.randint(9, 13)
            details = f"Independent medical examination with {ime.name}."
            sched = st.put_at(
                part[0] + 0.01,
                EventKind.SCHEDULE_RECORDED,
                {"subject": "ime", "on": _Day(days), "details": details},
                extra=RESOLVE,
            )
            if sched is not None:
                st.put_at(
                    sched[0] + rng.uniform(0.02, 2), EventKind.NOTICE_SENT, texts.ime_notice(c, ime.name)
                )
        else:
            put(part[0] + 0.01, EventKind.ACTIVITY_LOGGED, texts.ime_scheduled(c, ime.name))
        put(
            at + (t_next - at) * self.rng.uniform(0.4, 0.9),
            EventKind.MEDICAL_NOTE,
            texts.medical_ime(c, ime.name, self.rng),
            "adj",
            sensitivity=Sensitivity.MEDICAL,
        )

    def _attorney(self, c, put, jurisdiction, added, at) -> None:  # type: ignore[no-untyped-def]
        rng = self.rng
        lawyers = self.f.attorneys.get(jurisdiction, [])
        workers = [a for a in lawyers if a.represents == "worker"]
        if not workers:
            return
        lawyer = rng.choice(workers)
        if ("worker_attorney", lawyer.id) in added:
            return
        added.add(("worker_attorney", lawyer.id))
        put(
            at,
            EventKind.PARTICIPANT_ADDED,
            None,
            "adj",
            ClaimParticipant(role="worker_attorney", attorney_id=lawyer.id),
            prio=2,
        )
        put(at + 0.02, EventKind.ACTIVITY_LOGGED, texts.attorney_letter(c, lawyer.label))
        defence = [a for a in lawyers if a.represents == "employer"]
        if jurisdiction != "NSW" and defence and rng.random() < 0.5:
            d = rng.choice(defence)
            if ("defense_attorney", d.id) not in added:
                added.add(("defense_attorney", d.id))
                put(
                    at + rng.uniform(1, 10),
                    EventKind.PARTICIPANT_ADDED,
                    None,
                    "adj",
                    ClaimParticipant(role="defense_attorney", attorney_id=d.id),
                    prio=2,
                )

    def _rehab(self, c, put, jurisdiction, added, at) -> None:  # type: ignore[no-untyped-def]
        p_rehab = {"NSW": 0.6 if c.significant else 0.2, "MN": 0.4}.get(jurisdiction, 0.0)
        if self.rng.random() >= p_rehab:
            return
        rehab = self._provider_of(jurisdiction, "rehabilitation")
        if rehab is None or ("rehabilitation", rehab.id) in added:
            return
        added.add(("rehabilitation", rehab.id))
        put(
            at,
            EventKind.PARTICIPANT_ADDED,
            None,
            "adj",
            ClaimParticipant(role="rehabilitation", provider_id=rehab.id),
            prio=2,
        )

    def _times(
        self, specs: list[Spec], axis: BizAxis, created: float, upper: float
    ) -> list[tuple[float, float]]:
        """Occurred/recorded timestamps, strictly increasing, between creation and ``upper``."""
        rng = self.rng
        occ = [created]
        for spec in specs[1:]:
            ts = float(round(axis.ts(spec[0])))
            if ts <= occ[-1]:
                ts = occ[-1] + rng.randint(1, 90)
            occ.append(ts)
        if occ[-1] > upper:
            span = max(upper - created, 1.0)
            scale = span / (occ[-1] - created)
            occ = [created + (x - created) * scale for x in occ]
            for i in range(1, len(occ)):
                if occ[i] <= occ[i - 1]:
                    occ[i] = occ[i - 1] + 0.001
        out = []
        for i, spec in enumerate(specs):
            o = occ[i]
            r = o
            if spec[2] in (EventKind.ACTIVITY_LOGGED, EventKind.NOTE_ADDED, EventKind.MEDICAL_NOTE):
                nxt = occ[i + 1] if i + 1 < len(occ) else upper
                r = o + max(0.0, min(rng.uniform(60, 5400), (nxt - o) / 2))
            out.append((o, r))
        return out

    # -- chunks -------------------------------------------------------------------------

    def _number(self, jurisdiction: str, year: int) -> str:
        key = (jurisdiction, year)
        last = self.sequences.get(key, 0) + 1
        self.sequences[key] = last
        return f"{jurisdiction}-{year % 100:02d}-{last:06d}"

    def write_chunk(self, plans: list[Plan]) -> None:
        rng = self.rng
        new_slots: list[WorkerSlot] = []
        wage_for: list[tuple[WorkerSlot, EmployerRef, dt.date]] = []
        chosen: list[tuple[Plan, EmployerRef, WorkerSlot]] = []
        for plan in plans:
            emp = self.f.employers[plan.employer]
            before = len(new_slots)
            slot = self._slot(plan, emp, new_slots)
            if len(new_slots) > before:
                wage_for.append((slot, emp, plan.injury))
            chosen.append((plan, emp, slot))
        self._save_slots(new_slots, wage_for)

        incidents: list[Incident] = []
        reports: list[InjuryReport] = []
        extras: list[tuple[InjuryReport, Any]] = []
        work: list[_ClaimWork] = []
        for plan, emp, slot in chosen:
            jurisdiction = emp.spec.jurisdiction
            tz = self.tz[jurisdiction]
            scenario = catalog.SCENARIOS[plan.scenario]
            tag = emp.establishments[plan.establishment].spec.tag
            side = self._side(scenario)
            filler = _Filler(rng, tag, side)
            description = rng.choice(scenario.templates).format_map(filler)
            restrictions = scenario.restrictions.format_map(filler)
            lost_time = rng.random() < scenario.lost_time
            if plan.target in (OPEN, FIN, REOPENED) and not lost_time:
                lost_time = rng.random() < 0.6
            if plan.tag == "demo_worker":
                lost_time = plan.target == OPEN
            fatal = scenario.fatal
            lost_time = lost_time or fatal or plan.tag == "diary"
            significant = jurisdiction == "NSW" and lost_time and rng.random() < scenario.significant
            slot.last_injury = max(slot.last_injury, plan.injury)
            report, test = self._intake_for_claim(
                plan,
                emp,
                slot,
                scenario,
                side,
                description,
                lost_time,
                "converted",
                incidents,
                reports,
                extras,
            )
            if plan.tag == "demo_worker":
                doctor: ProviderRef | None = self.f.providers["co_demo"]
            elif fatal:
                doctor = None
            elif scenario.restricted and scenario.key == "psych":
                doctor = self.psych[jurisdiction]
            elif rng.random() < 0.93:
                doctor = emp.doctors.pick(rng)
            else:
                doctor = None
            body_part = body_part_with_side(scenario.body_part, side)
            c = texts.ClaimText(
                jurisdiction=jurisdiction,
                worker=slot.person.full_name,
                worker_given=slot.person.given,
                language=slot.person.language,
                interpreter=slot.person.interpreter,
                employer=emp.org.name,
                employer_contact=emp.contact.name,
                doctor=doctor.name if doctor else "the treating doctor",
                regulator=self.f.regulators[jurisdiction].name,
                nature=scenario.nature,
                body_part=body_part,
                diagnosis=scenario.diagnosis,
                restrictions=restrictions,
                treatment=scenario.treatment,
                lost_time=lost_time,
                vehicle=scenario.vehicle,
                restricted=scenario.restricted,
                significant=significant,
                fatal=fatal,
                next_of_kin=self._next_of_kin(slot, jurisdiction) if fatal else "",
            )
            created_local = dt.datetime.fromtimestamp(plan.created, tz)
            axis = BizAxis(tz, created_local.date())
            upper = self.upper[jurisdiction]
            t0, t_up = axis.t_of(plan.created), axis.t_of(upper)
            st = _Story(rng, axis, t0, max(t_up, t0 + 1e-3))
            if fatal:
                plan.target = self._fatal_target(plan, jurisdiction)
                path = self._path(jurisdiction, plan.target, lost_time, fatal=True)
                specs = self._fatal_specs(plan, emp, c, path, st, test)
            else:
                path = self._path(jurisdiction, plan.target, lost_time)
                specs = self._claim_specs(plan, emp, c, doctor, path, st, test)
            head, rest = specs[0], specs[1:]
            rest.sort(key=lambda s: (s[0], s[1]))
            specs = _settled([head, *rest])
            staff = self.f.staff[emp.admin_key]
            current: UserRef | None = None
            for spec in specs:  # a reassignment goes to someone else than the current adjuster
                if spec[2] == EventKind.ASSIGNED:
                    if current is not None and spec[6].id == current.id:
                        spec[6] = rng.choice([a for a in staff.adjusters if a.id != current.id])
                    current = spec[6]
            stamps = self._times(specs, axis, plan.created, upper)
            times = [(aware(o), aware(r)) for o, r in stamps]
            status_at, assigned_to = times[0][1], None
            for spec, (_o, r) in zip(specs, times, strict=True):
                if spec[2] == EventKind.STATUS_CHANGED:
                    status_at = r
                elif spec[2] == EventKind.ASSIGNED:
                    assigned_to = spec[6]
            notification = created_local.date()
            claim = Claim(
                number=self._number(jurisdiction, notification.year),
                jurisdiction=jurisdiction,
                employer_id=emp.org.pk,
                administrator_id=self.f.staff[emp.admin_key].org.pk,
                establishment_id=slot.establishment_id,
                worker_id=slot.worker_id,
                employment_id=slot.employment_id,
                source_report=report,
                injury_date=plan.injury,
                injury_time=plan.injury_time,
                employer_knowledge_date=plan.knowledge,
                notification_date=notification,
                claim_type="lost_time" if lost_time else "medical_only",
                significant_injury=significant,
                fatal=fatal,
                nature_of_injury=scenario.nature,
                body_part=body_part,
                description=description,
                status=path[-1] if path else R,
                status_changed_at=status_at,
                assigned_adjuster_id=assigned_to.id if assigned_to else None,
                last_event_seq=len(specs),
                created_at=times[0][1],
                updated_at=times[-1][1],
            )
            w = _ClaimWork(plan, emp, slot, scenario, report, claim, specs, times)
            for spec, (_o, r) in zip(specs, times, strict=True):
                if spec[2] == EventKind.PARTICIPANT_ADDED:
                    part: ClaimParticipant = spec[6]
                    part.added_at = r
                    w.participants.append((part, spec))
            work.append(w)

        Incident.objects.bulk_create(incidents, batch_size=BATCH)
        for report in reports:
            if report.incident is not None:
                report.incident_id = report.incident.pk
        InjuryReport.objects.bulk_create(reports, batch_size=BATCH)
        self._save_extras(extras)
        for w in work:
            if w.report is not None:
                w.claim.source_report_id = w.report.pk
        Claim.objects.bulk_create([w.claim for w in work], batch_size=BATCH)
        parts: list[ClaimParticipant] = []
        for w in work:
            for part, _spec in w.participants:
                part.claim_id = w.claim.pk
                parts.append(part)
        ClaimParticipant.objects.bulk_create(parts, batch_size=BATCH)
        events: list[dict[str, Any]] = []
        for w in work:
            events.extend(self._events(w))
        self.events.write(events)
        self.counts.incidents += len(incidents)
        self.counts.reports += len(reports)
        self.counts.claims += len(work)
        self.counts.participants += len(parts)
        self.counts.events += len(events)
        self._first_aid(len(plans) // 2 + (1 if rng.random() < 0.5 else 0))
        reset_queries()  # DEBUG=1 would otherwise keep every bulk INSERT's SQL

    def _events(self, w: _ClaimWork) -> list[dict[str, Any]]:
        claim, staff = w.claim, self.f.staff[w.employer.admin_key]
        tz = self.tz[claim.jurisdiction]
        current: UserRef | None = None
        seq_of: dict[int, int] | None = None
        out = []
        for seq, (spec, (occurred, recorded)) in enumerate(zip(w.specs, w.times, strict=True), start=1):
            _t, _prio, kind, payload, sensitivity, actor, extra = spec
            if extra is RESOLVE:
                if seq_of is None:
                    seq_of = {id(s): i for i, s in enumerate(w.specs, start=1)}
                payload = _resolved(payload, seq_of, occurred.astimezone(tz).date())
            elif kind == EventKind.TEST_RECORDED:
                payload = {
                    "test_id": extra.pk,
                    "accident_at": extra.accident_at,
                    "reason": extra.reason,
                    "alcohol_tested_at": extra.alcohol_tested_at,
                    "drug_tested_at": extra.drug_tested_at,
                    "reason_not_tested": extra.reason_not_tested,
                }
            elif kind == EventKind.CLAIM_CREATED:
                payload = {
                    "jurisdiction": claim.jurisdiction,
                    "claim_type": claim.claim_type,
                    "employer_id": claim.employer_id,
                    "worker_id": claim.worker_id,
                    "injury_date": claim.injury_date,
                    "notification_date": claim.notification_date,
                    "source_report_id": w.report.pk if w.report is not None else None,
                }
            elif kind == EventKind.ASSIGNED:
                reason = "" if current is None else self.rng.choice(texts.REASSIGN_REASONS)
                payload = {
                    "from_adjuster_id": current.id if current else None,
                    "from_adjuster_name": current.name if current else "",
                    "to_adjuster_id": extra.id,
                    "to_adjuster_name": extra.name,
                    "reason": reason,
                    "notified": ["worker", "employer"],
                }
                current = extra
            elif kind == EventKind.PARTICIPANT_ADDED:
                participant: ClaimParticipant = extra
                name = (
                    self._provider_name(participant.provider_id)
                    if participant.provider_id
                    else self._attorney_label(participant.attorney_id)
                )
                payload = {"participant_id": participant.pk, "role": participant.role, "name": name}
            if actor == "adj":
                actor_id = current.id if current else staff.supervisor.id
            elif actor == "sup":
                actor_id = staff.supervisor.id
            elif actor == "prov":
                actor_id = self.f.demo_users["provider"].pk
            elif actor == "emp":
                actor_id = w.employer.contact.id
            elif actor == "empsup":
                actor_id = w.employer.line_supervisor.id
            else:
                actor_id = None
            out.append(
                {
                    "claim_id": claim.pk,
                    "seq": seq,
                    "kind": kind,
                    "occurred_at": occurred,
                    "recorded_at": recorded,
                    "actor_id": actor_id,
                    "payload": validate_payload(kind, payload),
                    "sensitivity": sensitivity,
                }
            )
        return out

    def _provider_name(self, provider_id: int) -> str:
        return self._names_by_id().get(("p", provider_id), "")

    def _attorney_label(self, attorney_id: int | None) -> str:
        return self._names_by_id().get(("a", attorney_id or 0), "")

    _name_cache: dict[tuple[str, int], str] | None = None

    def _names_by_id(self) -> dict[tuple[str, int], str]:
        if self._name_cache is None:
            cache = {("p", p.id): p.name for p in self.f.providers.values()}
            for refs in self.f.attorneys.values():
                cache.update({("a", a.id): a.label for a in refs})
            self._name_cache = cache
        return self._name_cache

    def _save_extras(self, extras: list[tuple[InjuryReport, Any]]) -> None:
        sups: list[SupervisorReport] = []
        tests: list[DrugAlcoholTest] = []
        for report, obj in extras:
            obj.report_id = report.pk
            (sups if isinstance(obj, SupervisorReport) else tests).append(obj)
        SupervisorReport.objects.bulk_create(sups, batch_size=BATCH)
        DrugAlcoholTest.objects.bulk_create(tests, batch_size=BATCH)
        self.counts.supervisor_reports += len(sups)
        self.counts.tests += len(tests)

    # -- the incident log and reports without claims -------------------------------------

    def _first_aid(self, n: int) -> None:
        rng = self.rng
        rows = []
        for _ in range(n):
            ei = self.employer_pick.pick(rng)
            emp = self.f.employers[ei]
            est_i = self.est_pick[ei].pick(rng)
            est = emp.establishments[est_i]
            jurisdiction = emp.spec.jurisdiction
            tz = self.tz[jurisdiction]
            day = self.today - dt.timedelta(days=rng.randint(1, 1095))
            occurred = local_ts(tz, day, rng.uniform(6 * 3600, 18 * 3600))
            occurred = min(occurred, self.upper[jurisdiction] - 3600)
            pool = self.reservoir.get((ei, est_i))
            slot = rng.choice(pool) if pool and rng.random() < 0.6 else None
            if slot is not None and not slot.worker_id:
                slot = None
            nature, part, template, aid = rng.choice(catalog.FIRST_AID)
            filler = _Filler(rng, est.spec.tag, "")
            name = slot.person.full_name if slot else people.person(rng, jurisdiction).full_name
            volunteer = slot is None and rng.random() < 0.15
            rows.append(
                Incident(
                    employer_id=emp.org.pk,
                    establishment_id=est.id,
                    worker_id=slot.worker_id if slot else None,
                    person_name=name,
                    occupation=slot.job.title
                    if slot
                    else ("Volunteer" if volunteer else self.job_pick[est.spec.tag].pick(rng).title),
                    occurred_at=dt.datetime.fromtimestamp(occurred, tz),
                    location=f"{rng.choice(catalog.LOCATIONS[est.spec.tag])}, {est.spec.name}",
                    description=template.format_map(filler),
                    nature_of_injury=nature if part != "None" else "",
                    body_part=part if part != "None" else "",
                    outcome="no_treatment" if part == "None" or rng.random() < 0.1 else "first_aid_only",
                    first_aid_given=aid,
                    first_aid_by=emp.line_supervisor.name
                    if aid and rng.random() < 0.5
                    else ("First aid officer" if aid else ""),
                    witnesses="",
                    reported_by=name if rng.random() < 0.6 else emp.line_supervisor.name,
                    status="logged",
                    recorded_by_id=emp.contact.id if rng.random() < 0.6 else emp.line_supervisor.id,
                    recorded_at=aware(min(occurred + rng.uniform(600, 2 * DAY), self.upper[jurisdiction])),
                )
            )
        Incident.objects.bulk_create(rows, batch_size=BATCH)
        self.counts.incidents += len(rows)

    def write_open_reports(self) -> None:
        """Reports still awaiting a claim (a few at the city, for the demo adjuster) and withdrawn ones."""
        rng = self.rng
        n_pending = max(4, round(self.n * 0.03))
        n_withdrawn = max(2, round(self.n * 0.01))
        city = self.employer_index["city"]
        items = []
        for i in range(n_pending + n_withdrawn):
            pending = i < n_pending
            ei = city if i < 2 or (pending and rng.random() < 0.3) else self.employer_pick.pick(rng)
            age = rng.randint(2, 12) if pending else rng.randint(5, 300)
            plan = self._new_plan(-1, ei, age, R, "")
            if plan.submitted is None:
                plan.submitted = max(plan.created - 3600, plan.injury_ts + 600)
                plan.knowledge = min(
                    plan.knowledge,
                    dt.datetime.fromtimestamp(
                        plan.submitted, self.tz[self.f.employers[ei].spec.jurisdiction]
                    ).date(),
                )
            items.append((plan, "submitted" if pending else "withdrawn"))
        new_slots: list[WorkerSlot] = []
        wage_for = []
        chosen = []
        for plan, status in items:
            emp = self.f.employers[plan.employer]
            tag = emp.establishments[plan.establishment].spec.tag
            person = people.person(rng, emp.spec.jurisdiction)
            slot = self._make_slot(plan, emp, person, self.job_pick[tag].pick(rng), new_slots)
            wage_for.append((slot, emp, plan.injury))
            chosen.append((plan, emp, slot, status))
        self._save_slots(new_slots, wage_for)
        incidents: list[Incident] = []
        reports: list[InjuryReport] = []
        extras: list[tuple[InjuryReport, Any]] = []
        for plan, emp, slot, status in chosen:
            scenario = catalog.SCENARIOS[plan.scenario]
            side = self._side(scenario)
            filler = _Filler(rng, emp.establishments[plan.establishment].spec.tag, side)
            description = rng.choice(scenario.templates).format_map(filler)
            self._intake_for_claim(
                plan,
                emp,
                slot,
                scenario,
                side,
                description,
                rng.random() < scenario.lost_time,
                status,
                incidents,
                reports,
                extras,
            )
        Incident.objects.bulk_create(incidents, batch_size=BATCH)
        for r in reports:
            if r.incident is not None:
                r.incident_id = r.incident.pk
        InjuryReport.objects.bulk_create(reports, batch_size=BATCH)
        self._save_extras(extras)
        self.counts.incidents += len(incidents)
        self.counts.reports += len(reports)

    # -- the whole book -----------------------------------------------------------------

    def build(self) -> Counts:
        started = time.monotonic()
        if connection.vendor == "postgresql":
            # Check foreign keys as each statement ends rather than queueing millions of
            # deferred checks for the commit (rows are written parents first).
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        chunk: list[Plan] = []
        done = 0
        for plan in self.plans():
            chunk.append(plan)
            if len(chunk) == self.chunk_size:
                self.write_chunk(chunk)
                done += len(chunk)
                chunk = []
                if self.progress is not None:
                    self.progress(done, self.n, time.monotonic() - started)
        if chunk:
            self.write_chunk(chunk)
            done += len(chunk)
            if self.progress is not None:
                self.progress(done, self.n, time.monotonic() - started)
        self.write_open_reports()
        for (jurisdiction, year), last in sorted(self.sequences.items()):
            ClaimNumberSequence.objects.update_or_create(
                jurisdiction=jurisdiction, year=year, defaults={"last": last}
            )
        AuditEntry.objects.create(
            at=clock.now(),
            actor=None,
            action="demo.book_seeded",
            object_type="demo.book",
            object_id=str(self.seed),
            data={"seed": self.seed, "claims": self.counts.claims, "events": self.counts.events},
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys are deferred
        return self.counts
