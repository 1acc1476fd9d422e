"""Full recompute of the obligations table from the event log (after a rule pack changes).

The book is walked in ranges of claim ids. Each range is one transaction: its claims
are share-locked (PostgreSQL; writers of those claims wait, readers do not), its
events are read in one ordered scan, the engine runs per claim in memory, and the
range's rows are replaced with one delete and one ``COPY`` (PostgreSQL) or one
multi-row insert (SQLite). Only events of kinds some rule reads are fetched. Memory is
bounded by one range; the cost is one pass over the event table plus the engine.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from typing import Any

from django.db import connection, transaction

from opencomp.claims.models import Claim, ClaimEvent
from opencomp.core import clock
from opencomp.core.bulk import copy_rows
from opencomp.deadlines import engine
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.packs import pack, relevant_kinds
from opencomp.deadlines.services import obligation_row
from opencomp.jurisdictions import JURISDICTIONS

COLUMNS = (
    "claim_id",
    "key",
    "rule_id",
    "title",
    "obligor",
    "citation",
    "source_url",
    "status",
    "trigger_seq",
    "instance",
    "anchor_at",
    "raw_due",
    "due_date",
    "due_at",
    "satisfied_seq",
    "satisfied_at",
    "closed_seq",
    "waiver_reason",
    "escalated_seq",
    "explanation",
    "rules_version",
    "calendar_version",
    "computed_at",
)
CLAIM_COLUMNS = (
    "id",
    "jurisdiction",
    "claim_type",
    "significant_injury",
    "status",
    "injury_date",
    "injury_time",
    "employer_knowledge_date",
    "notification_date",
    "fatal",
    "employer__policies",
)


_EVENTS_SQL = (
    "SELECT e.claim_id, e.seq, e.kind, e.occurred_at, e.payload FROM claims_claimevent e"
    " WHERE e.claim_id BETWEEN %s AND %s AND e.kind = ANY(%s) ORDER BY e.claim_id, e.seq"
)
_EVENTS_BY_JURISDICTION_SQL = (
    "SELECT e.claim_id, e.seq, e.kind, e.occurred_at, e.payload FROM claims_claimevent e"
    " JOIN claims_claim c ON c.id = e.claim_id"
    " WHERE e.claim_id BETWEEN %s AND %s AND e.kind = ANY(%s) AND c.jurisdiction = %s"
    " ORDER BY e.claim_id, e.seq"
)


@cache
def read_kinds() -> list[str]:
    """Event kinds any pack's rules read: the others (notes, medical notes…) are never fetched."""
    return sorted(set().union(*(relevant_kinds(code) for code in JURISDICTIONS)))


@dataclass
class RecomputeStats:
    """What a recompute did; ``events`` counts the events read (kinds some rule reads)."""

    claims: int = 0
    events: int = 0
    obligations: int = 0
    seconds: float = 0.0


def _ranges(lo: int, hi: int, size: int) -> Iterator[tuple[int, int]]:
    start = lo
    while start <= hi:
        yield start, min(hi, start + size - 1)
        start += size


def _events(lo: int, hi: int, jurisdiction: str) -> Iterator[tuple[int, engine.EventRecord]]:
    if connection.vendor == "postgresql":
        sql = _EVENTS_BY_JURISDICTION_SQL if jurisdiction else _EVENTS_SQL
        params: list[Any] = [lo, hi, read_kinds()] + ([jurisdiction] if jurisdiction else [])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(20_000):
                for claim_id, seq, kind, occurred_at, payload in rows:
                    if isinstance(payload, str):
                        payload = json.loads(payload)
                    yield claim_id, engine.EventRecord(seq, kind, occurred_at, payload)
        return
    qs = ClaimEvent.objects.filter(claim_id__gte=lo, claim_id__lte=hi, kind__in=read_kinds())
    if jurisdiction:
        qs = qs.filter(claim__jurisdiction=jurisdiction)
    rows = qs.order_by("claim_id", "seq").values_list("claim_id", "seq", "kind", "occurred_at", "payload")
    for claim_id, seq, kind, occurred_at, payload in rows.iterator(chunk_size=20_000):
        yield claim_id, engine.EventRecord(seq, kind, occurred_at, payload or {})


def _events_of(claim_ids: Sequence[int]) -> Iterator[tuple[int, engine.EventRecord]]:
    qs = ClaimEvent.objects.filter(claim_id__in=list(claim_ids), kind__in=read_kinds())
    rows = qs.order_by("claim_id", "seq").values_list("claim_id", "seq", "kind", "occurred_at", "payload")
    for claim_id, seq, kind, occurred_at, payload in rows.iterator(chunk_size=20_000):
        yield claim_id, engine.EventRecord(seq, kind, occurred_at, payload or {})


def _facts(row: dict[str, Any]) -> engine.ClaimFacts:
    return engine.ClaimFacts(
        jurisdiction=row["jurisdiction"],
        claim_type=row["claim_type"],
        significant_injury=row["significant_injury"],
        status=row["status"],
        injury_date=row["injury_date"],
        injury_time=row["injury_time"],
        employer_knowledge_date=row["employer_knowledge_date"],
        notification_date=row["notification_date"],
        fatal=row["fatal"],
        employer_policies=tuple(row["employer__policies"] or ()),
    )


def _write_obligations(
    facts: dict[int, engine.ClaimFacts],
    events: Iterator[tuple[int, engine.EventRecord]],
    stats: RecomputeStats,
) -> None:
    """Run the engine over each claim's events (ordered by claim) and insert the obligations.

    The caller has deleted the claims' old rows. PostgreSQL: one ``COPY``; SQLite: one
    multi-row insert. Events of claims not in ``facts`` are read past.
    """
    now = clock.now()
    postgres = connection.vendor == "postgresql"
    tuples: list[tuple[Any, ...]] = []
    models: list[Obligation] = []
    for claim_id, group in groupby(events, key=lambda item: item[0]):
        records = [record for _, record in group]
        stats.events += len(records)
        claim_facts = facts.get(claim_id)
        if claim_facts is None:
            continue
        for o in engine.obligations(claim_facts, records, pack(claim_facts.jurisdiction)):
            if postgres:
                tuples.append(_as_tuple(claim_id, o, now))
            else:
                models.append(obligation_row(claim_id, o, now))
    if postgres:
        copy_rows("deadlines_obligation", COLUMNS, tuples)
        stats.obligations += len(tuples)
    else:
        Obligation.objects.bulk_create(models, batch_size=500)
        stats.obligations += len(models)


def _as_tuple(claim_id: int, o: engine.Obligation, now: dt.datetime) -> tuple[Any, ...]:
    return (
        claim_id,
        o.key,
        o.rule_id,
        o.title,
        o.obligor,
        o.citation[:400],
        o.source_url[:400],
        o.status,
        o.trigger_seq,
        o.instance,
        o.anchor,
        o.raw_due,
        o.due_date,
        o.due_at,
        o.satisfied_seq,
        o.satisfied_at,
        o.closed_seq,
        o.waiver_reason,
        o.escalated_seq,
        json.dumps(list(o.explanation)),
        o.rules_version,
        o.calendar_version,
        now,
    )


@transaction.atomic
def _recompute_range(
    lo: int, hi: int, jurisdiction: str, stats: RecomputeStats, employer_id: int | None = None
) -> None:
    claims_qs = Claim.objects.filter(pk__gte=lo, pk__lte=hi)
    if jurisdiction:
        claims_qs = claims_qs.filter(jurisdiction=jurisdiction)
    if employer_id is not None:
        claims_qs = claims_qs.filter(employer_id=employer_id)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM claims_claim WHERE id BETWEEN %s AND %s FOR SHARE", [lo, hi])
    facts = {row["id"]: _facts(row) for row in claims_qs.values(*CLAIM_COLUMNS)}
    if not facts:
        return
    stats.claims += len(facts)
    scoped = bool(jurisdiction) or employer_id is not None
    if scoped:
        Obligation.objects.filter(claim_id__in=list(facts)).delete()
    else:
        Obligation.objects.filter(claim_id__gte=lo, claim_id__lte=hi).delete()
    _write_obligations(facts, _events(lo, hi, jurisdiction), stats)


def recompute(
    *,
    jurisdiction: str = "",
    employer_id: int | None = None,
    chunk_size: int = 5_000,
    progress: Callable[[RecomputeStats, int], None] | None = None,
) -> RecomputeStats:
    """Rebuild the obligations of every claim (or one jurisdiction's, or one employer's) from the log."""
    started = time.perf_counter()
    stats = RecomputeStats()
    qs = Claim.objects.all()
    if jurisdiction:
        qs = qs.filter(jurisdiction=jurisdiction)
    if employer_id is not None:
        qs = qs.filter(employer_id=employer_id)
    bounds = qs.order_by().values_list("pk", flat=True)
    lo, hi = bounds.order_by("pk").first(), bounds.order_by("-pk").first()
    total = qs.count()
    if lo is None or hi is None:
        return stats
    for start, end in _ranges(lo, hi, chunk_size):
        _recompute_range(start, end, jurisdiction, stats, employer_id)
        if progress:
            progress(stats, total)
    stats.seconds = time.perf_counter() - started
    return stats


def recompute_claims(claim_ids: Sequence[int]) -> RecomputeStats:
    """Rebuild the obligations of ``claim_ids`` from their logs, inside the caller's transaction.

    For batch writers (the payment run) that append events of kinds a rule reads
    without going through the claim services: one read of those claims' events, the
    engine per claim in memory, one delete and one ``COPY`` (a multi-row insert on SQLite).
    """
    started = time.perf_counter()
    stats = RecomputeStats()
    ordered = sorted(set(claim_ids))
    for i in range(0, len(ordered), 5_000):
        _recompute_ids(ordered[i : i + 5_000], stats)
    stats.seconds = time.perf_counter() - started
    return stats


def _recompute_ids(ids: list[int], stats: RecomputeStats) -> None:
    facts = {row["id"]: _facts(row) for row in Claim.objects.filter(pk__in=ids).values(*CLAIM_COLUMNS)}
    stats.claims += len(facts)
    Obligation.objects.filter(claim_id__in=ids).delete()
    _write_obligations(facts, _events_of(ids), stats)
