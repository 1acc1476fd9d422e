"""The payment run: every due period of every payment schedule in the book.

``payment_run(through=…)`` walks the schedules due by ``through`` in ranges of ids. Each
range is one transaction with a fixed number of statements, whatever its size:

1. lock the claims of the range's due schedules (``FOR UPDATE``, in id order — the
   services lock a claim before its schedule, so nothing deadlocks);
2. on PostgreSQL, the set-based pass (``run_ordinary.pay_ordinary``): the claims whose due
   periods are all ordinary (whole weeks at decided rates, nothing to adjust or hold) are
   worked out and written by the database in a handful of ``INSERT … SELECT`` statements;
3. the Python pass, for what is left (every schedule on SQLite): read the schedules, their
   weekly rates and worked-out periods, the outstanding indemnity reserve of each claim and
   any indemnity days already paid by other payments; work out each schedule's due periods
   in memory — whole weeks at each week's rate, or the amount ``schedule_services`` worked
   out with the calculators (waiting days, payback, a short last period) — and *hold* a
   schedule, with the reason, when a week has no decided rate, the reserve would go below
   nil, a day is already paid, or the claim is not accepted; write with one ``COPY`` per
   table on PostgreSQL (one multi-row insert on SQLite): the ledger entries with their
   idempotency keys ``schedule:<id>:<period>:<week>``, two balanced lines each, the days
   each covers, one ``benefit.period_paid`` event each (with ``indemnity.commenced`` for a
   claim's first payment), then advance the claims' event sequence and the schedules'
   cursors with one ``UPDATE`` each;
4. rebuild the obligations of the claims whose new events a rule reads (the first
   payment satisfies the first-payment deadlines).

Both passes write the same rows for the same period (``tests/test_run_ordinary.py``). On
PostgreSQL, outside a caller's transaction, ranges run at once on their own connections.
A second run with the same ``through`` finds nothing due (the cursors moved; the
idempotency keys would refuse a payment made twice anyway). Only what the database
guarantees is trusted: the balance trigger, the cover exclusion constraint and the
unique keys still check every row.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, DecimalField, F, Sum, When

from opencomp.benefits.calculators.types import day, dollars
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim
from opencomp.core import clock
from opencomp.core.bulk import insert_rows
from opencomp.deadlines.batch import read_kinds, recompute_claims
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.payments.enums import Account, Bucket, Category, EntryKind, ScheduleStatus, StopReason
from opencomp.payments.models import (
    IndemnityCover,
    LedgerLine,
    PaymentSchedule,
    ScheduleAdjustment,
    ScheduleRate,
)
from opencomp.payments.run_ordinary import pay_ordinary
from opencomp.payments.schedule_services import PAYABLE_STATUSES, RateRow, rate_for_week

ZERO = Decimal("0.00")
DAY = dt.timedelta(days=1)
#: Ranges run at once at most (PostgreSQL; one connection each).
MAX_WORKERS = 4

ENTRY_COLUMNS = (
    "id",
    "claim_id",
    "kind",
    "category",
    "bucket",
    "occurred_on",
    "recorded_at",
    "reason",
    "idempotency_key",
    "benefit",
    "period_start",
    "period_end",
    "payee_kind",
    "payee_name",
    "method",
    "recovery_kind",
    "event_seq",
)
LINE_COLUMNS = ("entry_id", "claim_id", "account", "category", "bucket", "amount")
COVER_COLUMNS = ("entry_id", "claim_id", "benefit", "first_day", "last_day")
EVENT_COLUMNS = ("claim_id", "seq", "kind", "occurred_at", "recorded_at", "payload", "sensitivity")


@dataclass(frozen=True)
class Held:
    """A schedule the run could not pay, and why."""

    claim_number: str
    schedule_id: int
    period_no: int
    reason: str


@dataclass
class RunStats:
    """What a run did (or, dry, would do)."""

    through: dt.date
    due_schedules: int = 0
    schedules_paid: int = 0
    payments: int = 0
    periods: int = 0
    amount: Decimal = ZERO
    commenced: int = 0
    ended: int = 0
    held: list[Held] = field(default_factory=list)
    obligations_rebuilt: int = 0
    #: Payments the database worked out itself (the set-based pass; PostgreSQL).
    set_based_payments: int = 0
    #: Ranges run at once (connections used).
    workers: int = 1
    seconds: float = 0.0

    def held_by_reason(self) -> Counter[str]:
        return Counter(h.reason.split(":")[0] for h in self.held)

    def add(self, other: RunStats) -> None:
        """Count in what another range did."""
        for name in (
            "due_schedules",
            "schedules_paid",
            "payments",
            "periods",
            "amount",
            "commenced",
            "ended",
            "obligations_rebuilt",
            "set_based_payments",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.held.extend(other.held)


@dataclass(frozen=True)
class _Adjusted:
    last_day: dt.date
    amount: Decimal
    details: dict[str, Any]


@dataclass(frozen=True)
class _Schedule:
    id: int
    claim_id: int
    benefit: str
    interval_days: int
    first_day: dt.date
    base_week: int
    disability_start: dt.date
    work_pattern: dict[str, Any]
    payee_kind: str
    payee_name: str
    method: str
    status: str
    last_day: dt.date | None
    periods_paid: int
    paid_through: dt.date | None
    commences: bool
    held_reason: str


@dataclass(frozen=True)
class _Claim:
    id: int
    number: str
    jurisdiction: str
    status: str
    last_event_seq: int


@dataclass
class _Payment:
    schedule: _Schedule
    period_no: int
    first_day: dt.date
    last_day: dt.date
    amount: Decimal
    payload: dict[str, Any]
    first_week: int


@dataclass
class _Plan:
    """What one range will write."""

    payments: list[_Payment] = field(default_factory=list)
    cursors: dict[int, tuple[int, dt.date | None, dt.date | None, str, str]] = field(default_factory=dict)
    commenced: list[tuple[_Schedule, dt.date]] = field(default_factory=list)
    #: Schedules whose hold changed or stands: id → (reason or "", the jurisdiction's today or None).
    holds: dict[int, tuple[str, dt.date | None]] = field(default_factory=dict)


# --- reading ----------------------------------------------------------------------------------------


def _due(through: dt.date, jurisdiction: str) -> Any:
    qs = PaymentSchedule.objects.filter(next_due__lte=through)
    if jurisdiction:
        qs = qs.filter(claim__jurisdiction=jurisdiction)
    return qs


def _due_claims(lo: int, hi: int, through: dt.date, jurisdiction: str) -> Any:
    due = _due(through, jurisdiction).filter(pk__gte=lo, pk__lte=hi).values("claim_id")
    qs = Claim.objects.filter(pk__in=due).order_by("pk")
    if connection.vendor == "postgresql":
        qs = qs.select_for_update(of=("self",))
    return qs


def _lock_claims(lo: int, hi: int, through: dt.date, jurisdiction: str) -> dict[int, _Claim]:
    rows = _due_claims(lo, hi, through, jurisdiction).values_list(
        "pk", "number", "jurisdiction", "status", "last_event_seq"
    )
    return {pk: _Claim(pk, number, code, status, seq) for pk, number, code, status, seq in rows}


def _lock_only(lo: int, hi: int, through: dt.date, jurisdiction: str) -> None:
    """Lock the range's claims (PostgreSQL) without bringing their rows back."""
    sql, params = _due_claims(lo, hi, through, jurisdiction).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS locked", params)  # noqa: S608 (the ORM's own SQL)


def _schedules(lo: int, hi: int, through: dt.date, claims: dict[int, _Claim]) -> list[_Schedule]:
    rows = (
        PaymentSchedule.objects.filter(pk__gte=lo, pk__lte=hi, next_due__lte=through)
        .order_by("claim_id", "pk")
        .values_list(
            "pk",
            "claim_id",
            "benefit",
            "interval_days",
            "first_day",
            "base_week",
            "disability_start",
            "work_pattern",
            "payee_kind",
            "payee_name",
            "method",
            "status",
            "last_day",
            "periods_paid",
            "paid_through",
            "commences",
            "held_reason",
        )
    )
    return [_Schedule(*row) for row in rows if row[1] in claims]


def _rates(schedule_ids: list[int]) -> dict[int, list[RateRow]]:
    found: dict[int, list[RateRow]] = defaultdict(list)
    rows = ScheduleRate.objects.filter(schedule_id__in=schedule_ids).order_by("schedule_id", "first_week")
    for sid, first, last, rate, seq, version in rows.values_list(
        "schedule_id", "first_week", "last_week", "weekly_rate", "decision_seq", "rules_version"
    ):
        found[sid].append(RateRow(first, last, rate, seq, version))
    return found


def _adjustments(schedule_ids: list[int]) -> dict[tuple[int, int], _Adjusted]:
    rows = ScheduleAdjustment.objects.filter(
        schedule_id__in=schedule_ids, period_no__gt=F("schedule__periods_paid")
    )
    return {
        (sid, k): _Adjusted(last, amount, details)
        for sid, k, last, amount, details in rows.values_list(
            "schedule_id", "period_no", "last_day", "amount", "details"
        )
    }


def _outstanding(claim_ids: Any) -> dict[int, Decimal]:
    """Outstanding indemnity reserve (general bucket) of each claim: reserve − paid."""
    signed = Case(
        When(account=Account.RESERVE, then=F("amount")),
        default=-F("amount"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    rows = (
        LedgerLine.objects.filter(
            claim_id__in=claim_ids,
            category=Category.INDEMNITY,
            bucket=Bucket.GENERAL,
            account__in=(Account.RESERVE, Account.PAID),
        )
        .values("claim_id")
        .annotate(outstanding=Sum(signed))
        .values_list("claim_id", "outstanding")
    )
    return {claim_id: (value or ZERO).quantize(Decimal("0.01")) for claim_id, value in rows}


def _paid_elsewhere(
    schedules: Sequence[_Schedule], claim_ids: Any
) -> dict[int, list[tuple[dt.date, dt.date, int]]]:
    """Days of each schedule's benefit already covered by a live payment after the schedule's cursor."""
    by_claim: dict[int, list[_Schedule]] = defaultdict(list)
    for s in schedules:
        by_claim[s.claim_id].append(s)
    earliest = min((s.paid_through or s.first_day - DAY) for s in schedules) if schedules else None
    found: dict[int, list[tuple[dt.date, dt.date, int]]] = defaultdict(list)
    if earliest is None:
        return found
    covers = IndemnityCover.objects.filter(claim_id__in=claim_ids, last_day__gt=earliest).values_list(
        "claim_id", "benefit", "first_day", "last_day", "entry_id"
    )
    for claim_id, benefit, first, last, entry_id in covers:
        for s in by_claim[claim_id]:
            if s.benefit == benefit and last > (s.paid_through or s.first_day - DAY):
                found[s.id].append((first, last, entry_id))
    return found


# --- working out ------------------------------------------------------------------------------------


def _segments(
    s: _Schedule, rates: Sequence[RateRow], start: dt.date, end: dt.date, code: str
) -> list[tuple[int, int, RateRow]] | str:
    """The period's weeks grouped by rate: ``(first week, weeks, rate)``; a hold reason if a week has none."""
    days = (end - start).days + 1
    if days % 7:
        return f"no worked-out amount: period {day(start)} to {day(end)} is not whole weeks"
    first = (start - s.first_day).days // 7 + 1
    groups: list[tuple[int, int, RateRow]] = []
    for week in range(first, first + days // 7):
        rate = rate_for_week(rates, week)
        if rate is None:
            label = (
                f"entitlement week {s.base_week + week}" if code == "NSW" else f"week {week} of the schedule"
            )
            return f"no rate decided: no {s.benefit} rate is decided for {label}"
        if groups and groups[-1][2] is rate:
            groups[-1] = (groups[-1][0], groups[-1][1] + 1, rate)
        else:
            groups.append((week, 1, rate))
    return groups


def _regular_payload(
    s: _Schedule, code: str, start: dt.date, weeks: int, first_week: int, rate: RateRow
) -> dict[str, Any]:
    end = start + dt.timedelta(days=7 * weeks - 1)
    amount = rate.weekly_rate * weeks
    plural = "s" if weeks != 1 else ""
    if code == "NSW":
        a, b = s.base_week + first_week, s.base_week + first_week + weeks - 1
        numbers = f"{a}" if weeks == 1 else f"{a}–{b}"
        text = (
            f"{weeks} entitlement week{plural} (week{plural} {numbers}) from {day(start)} to {day(end)} at "
            f"{dollars(rate.weekly_rate)} a week (rate decided in event #{rate.decision_seq}) = "
            f"{dollars(amount)}."
        )
        days_per_week, work_days, compensable, weeks_field = None, [], 7 * weeks, weeks
    else:
        pattern = s.work_pattern
        work_days = list(pattern.get("work_days") or range(1, 8))
        days_per_week = pattern.get("calc_days_per_week") or len(work_days)
        compensable = sum(
            1 for i in range(7 * weeks) if (start + dt.timedelta(days=i)).isoweekday() in work_days
        )
        weeks_field = None
        text = (
            f"{weeks} full week{plural} from {day(start)} to {day(end)} at {dollars(rate.weekly_rate)} a "
            f"week (rate decided in event #{rate.decision_seq}) = {dollars(amount)}; the waiting period is "
            "settled, so "
            "every day of the period is paid."
        )
    return {
        "benefit": s.benefit,
        "first_day": start.isoformat(),
        "return_to_work": (end + DAY).isoformat(),
        "weekly_rate": str(rate.weekly_rate),
        "rate_seq": rate.decision_seq,
        "days_per_week": days_per_week,
        "work_days": work_days,
        "weeks": weeks_field,
        "amount": str(amount),
        "waiting_days": [],
        "waiting_paid_back": False,
        "compensable_days": compensable,
        "rules_version": rate.rules_version,
        "explanation": [text],
        "disability_start": s.disability_start.isoformat(),
        "waiting_settled": True,
    }


def _adjusted_payload(s: _Schedule, start: dt.date, adjusted: _Adjusted) -> dict[str, Any]:
    d = adjusted.details
    return {
        "benefit": s.benefit,
        "first_day": start.isoformat(),
        "return_to_work": (adjusted.last_day + DAY).isoformat(),
        "weekly_rate": d["weekly_rate"],
        "rate_seq": d["rate_seq"],
        "days_per_week": d["days_per_week"],
        "work_days": d["work_days"],
        "weeks": None,
        "amount": str(adjusted.amount),
        "waiting_days": d["waiting_days"],
        "waiting_paid_back": d["waiting_paid_back"],
        "compensable_days": d["compensable_days"],
        "rules_version": d["rules_version"],
        "explanation": d["explanation"],
        "disability_start": d["disability_start"],
        "waiting_settled": d["waiting_settled"],
    }


@dataclass
class _Context:
    through: dt.date
    today: dict[str, dt.date]
    claims: dict[int, _Claim]
    rates: dict[int, list[RateRow]]
    adjustments: dict[tuple[int, int], _Adjusted]
    outstanding: dict[int, Decimal]
    paid_elsewhere: dict[int, list[tuple[dt.date, dt.date, int]]]


def _plan_schedule(s: _Schedule, ctx: _Context, plan: _Plan, stats: RunStats) -> None:
    claim = ctx.claims[s.claim_id]
    code = claim.jurisdiction
    until = min(ctx.through, ctx.today[code])
    k = s.periods_paid + 1
    paid_through, status, stop_reason = s.paid_through, s.status, ""
    hold = None if claim.status in PAYABLE_STATUSES else f"claim not accepted: the claim is {claim.status}"
    paid_any = False
    while hold is None:
        start = s.first_day + dt.timedelta(days=(k - 1) * s.interval_days)
        if s.last_day is not None and start > s.last_day:
            break
        natural = start + dt.timedelta(days=s.interval_days - 1)
        adjusted = ctx.adjustments.get((s.id, k))
        end = adjusted.last_day if adjusted else min(natural, s.last_day) if s.last_day else natural
        if end > until:
            break
        clash = next((c for c in ctx.paid_elsewhere.get(s.id, ()) if c[0] <= end and start <= c[1]), None)
        if clash is not None:
            hold = f"days already paid: {day(clash[0])} to {day(clash[1])} by payment #{clash[2]}"
            break
        payments: list[_Payment] = []
        if adjusted is not None:
            payload = _adjusted_payload(s, start, adjusted)
            week = (start - s.first_day).days // 7 + 1
            payments.append(_Payment(s, k, start, end, adjusted.amount, payload, week))
        else:
            groups = _segments(s, ctx.rates.get(s.id, ()), start, end, code)
            if isinstance(groups, str):
                hold = groups
                break
            cursor = start
            for first_week, weeks, rate in groups:
                payload = _regular_payload(s, code, cursor, weeks, first_week, rate)
                last = cursor + dt.timedelta(days=7 * weeks - 1)
                payments.append(_Payment(s, k, cursor, last, rate.weekly_rate * weeks, payload, first_week))
                cursor = last + DAY
        total = sum((p.amount for p in payments), ZERO)
        available = ctx.outstanding.get(s.claim_id, ZERO)
        if total > available:
            hold = (
                f"reserve too low: {dollars(total)} is due and the outstanding indemnity reserve is "
                f"{dollars(available)}"
            )
            break
        ctx.outstanding[s.claim_id] = available - total
        plan.payments.extend(payments)
        stats.periods += 1
        paid_any = True
        paid_through = end
        k += 1
    if hold is not None:
        stats.held.append(Held(claim.number, s.id, k, hold))
        plan.holds[s.id] = (hold[:300], ctx.today[code])
    elif s.held_reason:
        plan.holds[s.id] = ("", None)
    if not paid_any:
        return
    stats.schedules_paid += 1
    periods_paid = k - 1
    next_start = s.first_day + dt.timedelta(days=periods_paid * s.interval_days)
    if s.last_day is not None and next_start > s.last_day:
        next_due_day = None
        if status == ScheduleStatus.ACTIVE:
            status, stop_reason = ScheduleStatus.ENDED, StopReason.STATUTORY_LIMIT
    else:
        next_natural = next_start + dt.timedelta(days=s.interval_days - 1)
        adjusted = ctx.adjustments.get((s.id, k))
        next_due_day = (
            adjusted.last_day if adjusted else min(next_natural, s.last_day) if s.last_day else next_natural
        )
    plan.cursors[s.id] = (periods_paid, paid_through, next_due_day, status, stop_reason)
    if s.commences and s.periods_paid == 0:
        plan.commenced.append((s, ctx.today[code]))


# --- writing ----------------------------------------------------------------------------------------


def _entry_ids(count: int) -> list[int]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('payments_ledgerentry', 'id'))"
                " FROM generate_series(1, %s)",
                [count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM payments_ledgerentry")
        top = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = 'payments_ledgerentry'")
        row = cursor.fetchone()
        top = max(top, row[0] if row else 0)
        return list(range(top + 1, top + 1 + count))


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _write(plan: _Plan, claims: dict[int, _Claim], today: dict[str, dt.date], stats: RunStats) -> set[int]:
    """Write the range's payments; returns the claims whose new events a rule reads."""
    now = clock.now()
    postgres = connection.vendor == "postgresql"
    seqs = {claim_id: c.last_event_seq for claim_id, c in claims.items()}
    events: list[tuple[Any, ...]] = []
    touched: set[int] = set()
    kinds_read = set(read_kinds())

    def event(claim_id: int, kind: str, payload: dict[str, Any]) -> int:
        seqs[claim_id] += 1
        events.append((claim_id, seqs[claim_id], kind, now, now, json.dumps(payload), "normal"))
        if kind in kinds_read:
            touched.add(claim_id)
        return seqs[claim_id]

    for s, first_payment_on in plan.commenced:
        commenced = {
            "benefit": s.benefit,
            "first_day": s.first_day.isoformat(),
            "first_payment_on": first_payment_on.isoformat(),
        }
        event(s.claim_id, EventKind.INDEMNITY_COMMENCED, commenced)
    ledgered = [p for p in plan.payments if p.amount > 0]
    ids = iter(_entry_ids(len(ledgered)))
    entries, lines, covers = [], [], []
    for p in plan.payments:
        s = p.schedule
        code = claims[s.claim_id].jurisdiction
        payload: dict[str, Any] = {
            **p.payload,
            "schedule_id": s.id,
            "period_no": p.period_no,
            "entry_id": None,
        }
        if p.amount <= 0:
            event(s.claim_id, EventKind.BENEFIT_PERIOD_PAID, payload)
            continue
        entry_id = next(ids)
        payload["entry_id"] = entry_id
        seq = event(s.claim_id, EventKind.BENEFIT_PERIOD_PAID, payload)
        key = f"schedule:{s.id}:{p.period_no}:{p.first_week}"
        entries.append(
            (
                entry_id,
                s.claim_id,
                EntryKind.PAYMENT,
                Category.INDEMNITY,
                Bucket.GENERAL,
                today[code],
                now,
                f"{s.benefit} period {p.period_no} of payment schedule #{s.id}",
                key,
                s.benefit,
                p.first_day,
                p.last_day,
                s.payee_kind,
                s.payee_name,
                s.method,
                "",
                seq,
            )
        )
        lines.append((entry_id, s.claim_id, Account.PAID, Category.INDEMNITY, Bucket.GENERAL, p.amount))
        lines.append((entry_id, s.claim_id, Account.DISBURSED, Category.INDEMNITY, Bucket.GENERAL, -p.amount))
        covers.append((entry_id, s.claim_id, s.benefit, p.first_day, p.last_day))
        stats.payments += 1
        stats.amount += p.amount
    if not postgres:
        entries = [tuple(_sqlite_value(v) for v in row) for row in entries]
        lines = [tuple(_sqlite_value(v) for v in row) for row in lines]
        covers = [tuple(_sqlite_value(v) for v in row) for row in covers]
        events = [tuple(_sqlite_value(v) for v in row) for row in events]
    insert_rows("claims_claimevent", EVENT_COLUMNS, events)
    insert_rows("payments_ledgerentry", ENTRY_COLUMNS, entries)
    insert_rows("payments_ledgerline", LINE_COLUMNS, lines)
    insert_rows("payments_indemnitycover", COVER_COLUMNS, covers)
    _advance_claims({cid: seq for cid, seq in seqs.items() if seq != claims[cid].last_event_seq}, now)
    _advance_schedules(plan.cursors)
    _record_holds(plan.holds)
    stats.commenced += len(plan.commenced)
    stats.ended += sum(1 for c in plan.cursors.values() if c[3] == ScheduleStatus.ENDED)
    return touched


def _advance_claims(seqs: dict[int, int], now: dt.datetime) -> None:
    if not seqs:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE claims_claim c SET last_event_seq = v.seq, updated_at = %s"
                " FROM unnest(%s::bigint[], %s::int[]) AS v(id, seq) WHERE c.id = v.id",
                [now, list(seqs), list(seqs.values())],
            )
        else:
            cursor.executemany(
                "UPDATE claims_claim SET last_event_seq = %s, updated_at = %s WHERE id = %s",
                [(seq, _sqlite_value(now), cid) for cid, seq in seqs.items()],
            )


def _advance_schedules(cursors: dict[int, tuple[int, dt.date | None, dt.date | None, str, str]]) -> None:
    if not cursors:
        return
    ids = list(cursors)
    values = list(cursors.values())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE payments_paymentschedule s SET periods_paid = v.k, paid_through = v.paid,"
                " next_due = v.due, status = v.status,"
                " stop_reason = CASE WHEN v.reason = '' THEN s.stop_reason ELSE v.reason END,"
                " commences = false"
                " FROM unnest(%s::bigint[], %s::int[], %s::date[], %s::date[], %s::text[], %s::text[])"
                " AS v(id, k, paid, due, status, reason) WHERE s.id = v.id",
                [ids, *[list(col) for col in zip(*values, strict=True)]],
            )
        else:
            cursor.executemany(
                "UPDATE payments_paymentschedule SET periods_paid = %s, paid_through = %s, next_due = %s,"
                " status = %s, stop_reason = CASE WHEN %s = '' THEN stop_reason ELSE %s END, commences = 0"
                " WHERE id = %s",
                [
                    (k, _sqlite_value(paid), _sqlite_value(due), status, reason, reason, sid)
                    for sid, (k, paid, due, status, reason) in cursors.items()
                ],
            )


def _record_holds(holds: dict[int, tuple[str, dt.date | None]]) -> None:
    """Each schedule's hold as this run found it (shown on the claim's financials page)."""
    if not holds:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE payments_paymentschedule s SET held_reason = v.reason, held_on = v.on_day"
                " FROM unnest(%s::bigint[], %s::text[], %s::date[]) AS v(id, reason, on_day)"
                " WHERE s.id = v.id",
                [list(holds), [r for r, _ in holds.values()], [d for _, d in holds.values()]],
            )
        else:
            cursor.executemany(
                "UPDATE payments_paymentschedule SET held_reason = %s, held_on = %s WHERE id = %s",
                [(reason, _sqlite_value(on), sid) for sid, (reason, on) in holds.items()],
            )


# --- the run ----------------------------------------------------------------------------------------


def _ranges(ids: list[int], size: int, workers: int) -> list[tuple[int, int]]:
    """Ranges of at most ``size`` due schedules, and at least one per worker."""
    if not ids:
        return []
    size = max(1, min(size, -(-len(ids) // workers)))
    return [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]


def _heaviest_first(ranges: list[tuple[int, int]], first_payments: list[int]) -> list[tuple[int, int]]:
    """Ranges with the most first payments first (worked out in Python, obligations rebuilt).

    When ranges run at once, the longest ones start first, so no worker is left with a long
    range at the end while the others wait (longest-processing-time-first scheduling).
    """
    starts = [lo for lo, _ in ranges]
    weight = Counter(bisect_right(starts, pk) - 1 for pk in first_payments)
    return [r for _, r in sorted(enumerate(ranges), key=lambda ir: (-weight[ir[0]], ir[0]))]


def _workers(asked: int | None) -> int:
    """One connection per core on PostgreSQL, outside a caller's transaction; else one."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return 1
    if asked is not None:
        return max(1, asked)
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


class _DryRun(Exception):
    pass


def _pay_ordinary(
    lo: int, hi: int, through: dt.date, jurisdiction: str, today: dict[str, dt.date], stats: RunStats
) -> tuple[set[int], set[int]]:
    """The set-based pass (PostgreSQL): returns the schedules it paid and the claims a rule reads."""
    done = pay_ordinary(
        lo=lo, hi=hi, through=through, jurisdiction=jurisdiction, today=today, now=clock.now()
    )
    stats.due_schedules += len(done.schedules)
    stats.schedules_paid += len(done.schedules)
    stats.payments += done.payments
    stats.set_based_payments += done.payments
    stats.periods += done.periods
    stats.amount += done.amount
    stats.commenced += done.commenced
    stats.ended += done.ended
    kinds_read = set(read_kinds())
    touched: set[int] = set()
    if EventKind.BENEFIT_PERIOD_PAID in kinds_read:
        touched.update(done.claims)
    if EventKind.INDEMNITY_COMMENCED in kinds_read:
        touched.update(done.commenced_claims)
    return done.schedules, touched


def _plan_and_write(
    through: dt.date,
    today: dict[str, dt.date],
    claims: dict[int, _Claim],
    schedules: list[_Schedule],
    stats: RunStats,
) -> set[int]:
    """Plan ``schedules`` period by period in Python and write them; returns the claims a rule reads.

    The reads name the schedules and claims (at most one range of ids): after the set-based
    pass only a few are left, and a join on "due in the range" would plan for all of them.
    """
    schedule_ids = [s.id for s in schedules]
    claim_ids = sorted({s.claim_id for s in schedules})
    ctx = _Context(
        through=through,
        today=today,
        claims=claims,
        rates=_rates(schedule_ids),
        adjustments=_adjustments(schedule_ids),
        outstanding=_outstanding(claim_ids),
        paid_elsewhere=_paid_elsewhere(schedules, claim_ids),
    )
    plan = _Plan()
    for s in schedules:
        _plan_schedule(s, ctx, plan, stats)
    stats.due_schedules += len(schedules)
    return _write(plan, claims, today, stats)


def _run_range(
    lo: int,
    hi: int,
    through: dt.date,
    jurisdiction: str,
    today: dict[str, dt.date],
    stats: RunStats,
    *,
    dry_run: bool,
    set_based: bool,
) -> None:
    try:
        with transaction.atomic():
            paid: set[int] = set()
            touched: set[int] = set()
            if set_based and connection.vendor == "postgresql":
                _lock_only(lo, hi, through, jurisdiction)
                paid, touched = _pay_ordinary(lo, hi, through, jurisdiction, today, stats)
            # what is left to plan in Python, with the claims' sequence numbers as they now stand
            claims = _lock_claims(lo, hi, through, jurisdiction)
            schedules = [s for s in _schedules(lo, hi, through, claims) if s.id not in paid]
            if schedules:
                touched |= _plan_and_write(through, today, claims, schedules, stats)
            if touched:
                stats.obligations_rebuilt += recompute_claims(sorted(touched)).claims
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass


def _range_in_thread(
    lo: int,
    hi: int,
    through: dt.date,
    jurisdiction: str,
    today: dict[str, dt.date],
    *,
    dry_run: bool,
    set_based: bool,
) -> RunStats:
    """One range on this thread's own connection (closed after: the pool's threads end)."""
    stats = RunStats(through=through)
    try:
        _run_range(lo, hi, through, jurisdiction, today, stats, dry_run=dry_run, set_based=set_based)
    finally:
        connection.close()
    return stats


def payment_run(
    *,
    through: dt.date,
    jurisdiction: str = "",
    chunk_size: int = 10_000,
    dry_run: bool = False,
    set_based: bool = True,
    workers: int | None = None,
    progress: Callable[[RunStats, int], None] | None = None,
) -> RunStats:
    """Issue every payment schedule period due by ``through`` (its last day on or before it).

    A period is paid in arrears: only once its last day has come in the claim's
    jurisdiction. ``dry_run`` works everything out and writes nothing. On PostgreSQL the
    ordinary periods are worked out and written by the database (``run_ordinary``) and the
    rest in Python; ``set_based=False`` plans every period in Python (the tests compare both).

    Each range of schedules is one transaction. On PostgreSQL, outside a caller's
    transaction, ``workers`` ranges run at once, each on its own connection (default: one per
    core, at most ``MAX_WORKERS``): they lock their claims in id order, so two ranges sharing a
    claim wait for each other rather than deadlock. Inside a transaction (tests, a service)
    the ranges run one after the other on the caller's connection.
    """
    started = time.perf_counter()
    stats = RunStats(through=through)
    today = {code: clock.today_in(j.time_zone) for code, j in JURISDICTIONS.items()}
    due = list(_due(through, jurisdiction).order_by("pk").values_list("pk", "commences"))
    ids = [pk for pk, _ in due]
    threads = _workers(workers)
    ranges = _ranges(ids, chunk_size, threads)
    stats.workers = min(threads, len(ranges)) or 1
    if threads == 1 or len(ranges) == 1:
        for lo, hi in ranges:
            _run_range(lo, hi, through, jurisdiction, today, stats, dry_run=dry_run, set_based=set_based)
            if progress is not None:
                progress(stats, len(ids))
    else:
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="payment-run") as pool:
            futures = [
                pool.submit(
                    _range_in_thread,
                    lo,
                    hi,
                    through,
                    jurisdiction,
                    today,
                    dry_run=dry_run,
                    set_based=set_based,
                )
                for lo, hi in _heaviest_first(ranges, [pk for pk, commences in due if commences])
            ]
            for future in as_completed(futures):
                stats.add(future.result())
                if progress is not None:
                    progress(stats, len(ids))
        stats.held.sort(key=lambda h: (h.schedule_id, h.period_no))
    stats.seconds = time.perf_counter() - started
    return stats
