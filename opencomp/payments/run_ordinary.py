# ruff: noqa: S608 -- the SQL is assembled from this module's constants; every value is a parameter
"""The payment run's ordinary periods, worked out and written by the database (PostgreSQL).

Most schedules in a run have nothing to hold: each due period is either whole weeks at
decided weekly rates or a period the calculator already worked out when the schedule was
started or stopped (waiting days, their payback, a short last period: ``ScheduleAdjustment``),
no day is paid by another payment, the outstanding indemnity reserve covers it all and the
claim is accepted. ``pay_ordinary`` pays those with a fixed number of set-based statements,
whatever their number:

1. one ``CREATE TEMP TABLE … AS SELECT`` plans the range: the due periods of every schedule
   (``generate_series`` from the cursor up to the first period not ended by ``until``; whole
   weeks each joined to its rate and grouped by rate into payments, a worked-out period as
   one payment of its amount), which claims have only such periods due and enough reserve
   for all of them, the events' sequence numbers (after the claim's last) and the entry ids
   (the ledger's own sequence);
2. ``INSERT … SELECT`` from that table: the events (``indemnity.commenced`` first for a
   schedule's first payment; each ``benefit.period_paid`` payload built with
   ``jsonb_build_object`` exactly as ``run._regular_payload`` / ``run._adjusted_payload``
   build it in Python), the ledger entries with their idempotency keys, two balanced lines
   each, the days each covers;
3. one ``UPDATE`` each advances the claims' event sequence and the schedules' cursors.

A claim with anything else due — a week with no decided rate, a period that is not whole
weeks and was not worked out, a day paid by another payment, too little reserve, a claim not
accepted — is left untouched for the run's Python planning (``run._plan_schedule``), which
pays what it can and says why it holds the rest. The database's own checks (balance
trigger, cover exclusion constraint, unique keys, line and cover matching triggers) check
every row written here as they do for every other writer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection

from opencomp.claims.enums import EventKind
from opencomp.payments.enums import Account, Bucket, Category, EntryKind, ScheduleStatus, StopReason
from opencomp.payments.schedule_services import PAYABLE_STATUSES

TABLE = "oc_run_pay"


def _day(expr: str) -> str:
    """``Fri 1 Sep 2023`` (as ``calculators.types.day``)."""
    return f"to_char({expr}, 'Dy FMDD Mon YYYY')"


def _dollars(expr: str) -> str:
    """``$1,293.25`` (as ``calculators.types.dollars``; amounts here are never negative)."""
    return f"'$' || to_char({expr}, 'FM999,999,999,999,990.00')"


def _iso(expr: str) -> str:
    return f"to_char({expr}, 'YYYY-MM-DD')"


_PLURAL = "CASE WHEN p.weeks = 1 THEN '' ELSE 's' END"
_NSW_TEXT = (
    f"p.weeks || ' entitlement week' || {_PLURAL} || ' (week' || {_PLURAL} || ' ' ||"
    " CASE WHEN p.weeks = 1 THEN (p.base_week + p.first_week)::text"
    " ELSE (p.base_week + p.first_week) || '–' || (p.base_week + p.first_week + p.weeks - 1) END ||"
    f" ') from ' || {_day('p.pay_first')} || ' to ' || {_day('p.pay_last')} || ' at ' ||"
    f" {_dollars('p.weekly_rate')} || ' a week (rate decided in event #' || p.decision_seq || ') = ' ||"
    f" {_dollars('p.amount')} || '.'"
)
_WEEKS_TEXT = (
    f"p.weeks || ' full week' || {_PLURAL} || ' from ' || {_day('p.pay_first')} || ' to ' ||"
    f" {_day('p.pay_last')} || ' at ' || {_dollars('p.weekly_rate')} ||"
    " ' a week (rate decided in event #' || p.decision_seq || ') = ' ||"
    f" {_dollars('p.amount')} || '; the waiting period is settled, so every day of the period is paid.'"
)
#: The ``benefit.period_paid`` payload of a whole-weeks payment (``run._regular_payload`` + cursor keys).
_WEEKS_PAYLOAD = f"""jsonb_build_object(
    'benefit', p.benefit,
    'first_day', {_iso("p.pay_first")},
    'return_to_work', {_iso("p.pay_last + 1")},
    'weekly_rate', p.weekly_rate::text,
    'rate_seq', p.decision_seq,
    'days_per_week', CASE WHEN p.nsw THEN NULL ELSE p.days_per_week END,
    'work_days', CASE WHEN p.nsw THEN '[]'::jsonb ELSE p.work_days END,
    'weeks', CASE WHEN p.nsw THEN p.weeks END,
    'amount', p.amount::text,
    'waiting_days', '[]'::jsonb,
    'waiting_paid_back', false,
    'compensable_days', CASE WHEN p.nsw THEN 7 * p.weeks ELSE p.weeks * p.days_in_week END,
    'rules_version', p.rules_version,
    'explanation', jsonb_build_array(CASE WHEN p.nsw THEN {_NSW_TEXT} ELSE {_WEEKS_TEXT} END),
    'disability_start', {_iso("p.disability_start")},
    'waiting_settled', true,
    'schedule_id', p.schedule_id,
    'period_no', p.k,
    'entry_id', p.entry_id
)"""
#: The payload of a worked-out period: the calculator's figures kept with the schedule
#: (``run._adjusted_payload`` + cursor keys).
_WORKED_OUT_PAYLOAD = f"""jsonb_build_object(
    'benefit', p.benefit,
    'first_day', {_iso("p.pay_first")},
    'return_to_work', {_iso("p.pay_last + 1")},
    'weekly_rate', p.details -> 'weekly_rate',
    'rate_seq', p.details -> 'rate_seq',
    'days_per_week', p.details -> 'days_per_week',
    'work_days', p.details -> 'work_days',
    'weeks', NULL,
    'amount', p.amount::text,
    'waiting_days', p.details -> 'waiting_days',
    'waiting_paid_back', p.details -> 'waiting_paid_back',
    'compensable_days', p.details -> 'compensable_days',
    'rules_version', p.details -> 'rules_version',
    'explanation', p.details -> 'explanation',
    'disability_start', p.details -> 'disability_start',
    'waiting_settled', p.details -> 'waiting_settled',
    'schedule_id', p.schedule_id,
    'period_no', p.k,
    'entry_id', p.entry_id
)"""
_PAYLOAD = f"CASE WHEN p.details IS NULL THEN {_WEEKS_PAYLOAD} ELSE {_WORKED_OUT_PAYLOAD} END"

# Period k of a schedule starts on first_day + (k−1)·interval and ends on its worked-out last
# day if it has one (waiting days, their payback, a short last period), else a whole interval
# later or on the schedule's last day, whichever comes first. The due periods are those from
# the cursor on, up to the first that has not ended by ``until`` (as ``run._plan_schedule``
# walks them). Weeks count from the schedule's first day (week 1). Integer division
# truncates toward zero, so a first day after ``until`` gives no period.
_PLAN = f"""
CREATE TEMP TABLE {TABLE} ON COMMIT DROP AS
WITH j AS (
  SELECT * FROM unnest(%(codes)s::text[], %(todays)s::date[]) AS j(code, today)
),
span AS (
  SELECT s.id, s.claim_id, s.benefit, s.interval_days, s.first_day, s.base_week, s.disability_start,
    s.payee_kind, s.payee_name, s.method, s.status, s.last_day, s.periods_paid,
    s.commences AND s.periods_paid = 0 AS commences,
    c.jurisdiction, c.jurisdiction = 'NSW' AS nsw, c.status AS claim_status, c.last_event_seq, j.today,
    LEAST(%(through)s::date, j.today) AS until,
    (LEAST(%(through)s::date, j.today, s.last_day) - s.first_day) / s.interval_days + 1 AS k_top,
    COALESCE(NULLIF(NULLIF(s.work_pattern -> 'work_days', 'null'::jsonb), '[]'::jsonb),
             '[1, 2, 3, 4, 5, 6, 7]'::jsonb) AS work_days,
    NULLIF(NULLIF(s.work_pattern -> 'calc_days_per_week', 'null'::jsonb), '0'::jsonb) AS calc_days
  FROM payments_paymentschedule s
  JOIN claims_claim c ON c.id = s.claim_id
  JOIN j ON j.code = c.jurisdiction
  WHERE s.id BETWEEN %(lo)s AND %(hi)s AND s.next_due <= %(through)s
    AND (%(jurisdiction)s = '' OR c.jurisdiction = %(jurisdiction)s)
),
periods AS (
  SELECT p.id, k.k, p.first_day + (k.k - 1) * p.interval_days AS start,
    COALESCE(a.last_day, LEAST(p.first_day + k.k * p.interval_days - 1, p.last_day)) AS finish,
    a.amount AS worked_amount, a.details,
    bool_and(COALESCE(a.last_day, LEAST(p.first_day + k.k * p.interval_days - 1, p.last_day)) <= p.until)
      OVER (PARTITION BY p.id ORDER BY k.k) AS ended_in_time
  FROM span p
  CROSS JOIN LATERAL generate_series(p.periods_paid + 1, p.k_top) AS k(k)
  LEFT JOIN LATERAL (  -- a lookup per period (a join would be planned for a thousand periods each)
    SELECT a.last_day, a.amount, a.details FROM payments_scheduleadjustment a
    WHERE a.schedule_id = p.id AND a.period_no = k.k LIMIT 1
  ) a ON true
  WHERE p.claim_status = ANY(%(payable)s)
),
due_periods AS (
  SELECT * FROM periods WHERE ended_in_time
),
bounds AS (
  SELECT id, max(k) AS k_hi, min(start) AS span_first, max(finish) AS span_last,
    bool_and(CASE WHEN details IS NULL THEN (finish - start + 1) %% 7 = 0 ELSE worked_amount > 0 END)
      AS shaped
  FROM due_periods GROUP BY id
),
open AS (
  SELECT p.*, b.k_hi FROM span p JOIN bounds b ON b.id = p.id
  LEFT JOIN LATERAL (  -- a day already paid by another payment (an index lookup per schedule)
    SELECT 1 AS paid FROM payments_indemnitycover v
    WHERE v.claim_id = p.claim_id AND v.benefit = p.benefit
      AND v.last_day >= b.span_first AND v.first_day <= b.span_last
    LIMIT 1
  ) clash ON true
  WHERE b.shaped AND clash.paid IS NULL
),
weeks AS (
  SELECT o.id, d.k, w.w, r.id AS rate_id, r.weekly_rate, r.decision_seq, r.rules_version
  FROM open o JOIN due_periods d ON d.id = o.id AND d.details IS NULL
  CROSS JOIN LATERAL generate_series((d.start - o.first_day) / 7 + 1,
                                     (d.finish - o.first_day + 1) / 7) AS w(w)
  LEFT JOIN LATERAL (
    SELECT r.id, r.weekly_rate, r.decision_seq, r.rules_version FROM payments_schedulerate r
    WHERE r.schedule_id = o.id AND r.first_week <= w.w AND (r.last_week IS NULL OR w.w <= r.last_week)
    ORDER BY r.first_week, r.id LIMIT 1
  ) r ON true
),
pay AS (
  SELECT id, k, min(w) AS first_week, count(*)::int AS weeks, weekly_rate, decision_seq, rules_version,
    weekly_rate * count(*) AS amount, NULL::jsonb AS details, NULL::date AS worked_last,
    bool_and(rate_id IS NOT NULL AND weekly_rate > 0) AS rated
  FROM weeks GROUP BY id, k, rate_id, weekly_rate, decision_seq, rules_version
  UNION ALL
  SELECT d.id, d.k, (d.start - o.first_day) / 7 + 1, NULL, NULL, NULL, NULL, d.worked_amount, d.details,
    d.finish, true
  FROM open o JOIN due_periods d ON d.id = o.id AND d.details IS NOT NULL
),
totals AS (
  SELECT id, bool_and(rated) AS rated, sum(amount) AS amount FROM pay GROUP BY id
),
outstanding AS MATERIALIZED (
  SELECT l.claim_id, sum(CASE WHEN l.account = %(reserve)s THEN l.amount ELSE -l.amount END) AS amount
  FROM payments_ledgerline l
  WHERE l.claim_id IN (SELECT claim_id FROM open) AND l.category = %(indemnity)s AND l.bucket = %(general)s
    AND l.account IN (%(reserve)s, %(paid)s)
  GROUP BY l.claim_id
),
claim_ok AS (
  SELECT p.claim_id FROM span p LEFT JOIN totals t ON t.id = p.id
    LEFT JOIN outstanding o ON o.claim_id = p.claim_id
  GROUP BY p.claim_id
  HAVING bool_and(t.rated IS TRUE) AND sum(t.amount) <= COALESCE(min(o.amount), 0)
),
chosen AS (
  SELECT o.*,
    sum(o.commences::int) OVER (PARTITION BY o.claim_id) AS commencing,
    sum(o.commences::int) OVER (PARTITION BY o.claim_id ORDER BY o.id) AS commencing_no
  FROM open o WHERE o.claim_id IN (SELECT claim_id FROM claim_ok)
),
planned AS (
  SELECT c.id AS schedule_id, c.claim_id, c.benefit, c.interval_days, c.first_day, c.base_week,
    c.disability_start, c.payee_kind, c.payee_name, c.method, c.status, c.last_day, c.k_hi,
    c.nsw, c.today, c.work_days, COALESCE(c.calc_days, to_jsonb(jsonb_array_length(c.work_days)))
      AS days_per_week, jsonb_array_length(c.work_days) AS days_in_week,
    CASE WHEN c.commences THEN c.last_event_seq + c.commencing_no END AS commenced_seq,
    y.k, y.first_week, y.weeks, y.weekly_rate, y.decision_seq, y.rules_version, y.amount, y.details,
    CASE WHEN y.details IS NULL THEN c.first_day + (y.first_week - 1) * 7
         ELSE c.first_day + (y.k - 1) * c.interval_days END AS pay_first,
    CASE WHEN y.details IS NULL THEN c.first_day + (y.first_week - 1 + y.weeks) * 7 - 1
         ELSE y.worked_last END AS pay_last,
    c.last_event_seq + c.commencing
      + row_number() OVER (PARTITION BY c.claim_id ORDER BY c.id, y.k, y.first_week) AS seq,
    row_number() OVER (PARTITION BY c.id ORDER BY y.k, y.first_week) = 1 AS opens
  FROM chosen c JOIN pay y ON y.id = c.id
  ORDER BY c.claim_id, seq
),
numbered AS (
  SELECT planned.*, nextval(%(entry_sequence)s::regclass) AS entry_id FROM planned
)
SELECT * FROM numbered
"""

# The temp table's rows are in (claim, seq) order, and entry ids were drawn in that order:
# the inserts read it as it is (no sort).
_COMMENCED = f"""
INSERT INTO claims_claimevent (claim_id, seq, kind, occurred_at, recorded_at, payload, sensitivity)
SELECT claim_id, commenced_seq, %(commenced)s, %(now)s, %(now)s,
  jsonb_build_object('benefit', benefit, 'first_day', {_iso("first_day")},
                     'first_payment_on', {_iso("today")}),
  'normal'
FROM {TABLE} WHERE opens AND commenced_seq IS NOT NULL
"""
_EVENTS = f"""
INSERT INTO claims_claimevent (claim_id, seq, kind, occurred_at, recorded_at, payload, sensitivity)
SELECT p.claim_id, p.seq, %(period_paid)s, %(now)s, %(now)s, {_PAYLOAD}, 'normal' FROM {TABLE} p
"""
_ENTRIES = f"""
INSERT INTO payments_ledgerentry (id, claim_id, kind, category, bucket, occurred_on, recorded_at, reason,
  idempotency_key, benefit, period_start, period_end, payee_kind, payee_name, method, recovery_kind,
  event_seq)
SELECT entry_id, claim_id, %(payment)s, %(indemnity)s, %(general)s, today, %(now)s,
  benefit || ' period ' || k || ' of payment schedule #' || schedule_id,
  'schedule:' || schedule_id || ':' || k || ':' || first_week,
  benefit, pay_first, pay_last, payee_kind, payee_name, method, '', seq
FROM {TABLE}
"""
_LINES = f"""
INSERT INTO payments_ledgerline (entry_id, claim_id, account, category, bucket, amount)
SELECT t.entry_id, t.claim_id, a.account, %(indemnity)s, %(general)s, a.sign * t.amount
FROM {TABLE} t CROSS JOIN (VALUES (%(paid)s, 1), (%(disbursed)s, -1)) AS a(account, sign)
"""
_COVERS = f"""
INSERT INTO payments_indemnitycover (entry_id, claim_id, benefit, first_day, last_day)
SELECT entry_id, claim_id, benefit, pay_first, pay_last FROM {TABLE}
"""
_CLAIMS = f"""
UPDATE claims_claim c SET last_event_seq = t.seq, updated_at = %(now)s
FROM (SELECT claim_id, max(seq) AS seq FROM {TABLE} GROUP BY claim_id) t WHERE c.id = t.claim_id
"""
# After period k_hi the next period starts on first_day + k_hi·interval: past the last day the
# schedule has no next period (an active one has ended: its statutory limit), otherwise the
# next one ends on its worked-out last day, or a whole interval later, or on the last day.
_SCHEDULES = f"""
UPDATE payments_paymentschedule s SET
  periods_paid = t.k_hi,
  paid_through = t.paid_through,
  next_due = CASE WHEN t.past_last THEN NULL
                  ELSE COALESCE(a.last_day, LEAST(t.next_start + s.interval_days - 1, s.last_day)) END,
  status = CASE WHEN t.past_last AND s.status = %(active)s THEN %(ended)s ELSE s.status END,
  stop_reason = CASE WHEN t.past_last AND s.status = %(active)s THEN %(limit)s ELSE s.stop_reason END,
  commences = false, held_reason = '', held_on = NULL
FROM (
  SELECT schedule_id, k_hi, max(pay_last) AS paid_through,
    min(first_day) + k_hi * min(interval_days) AS next_start,
    bool_or(last_day IS NOT NULL AND first_day + k_hi * interval_days > last_day) AS past_last
  FROM {TABLE} GROUP BY schedule_id, k_hi
) t
LEFT JOIN payments_scheduleadjustment a ON a.schedule_id = t.schedule_id AND a.period_no = t.k_hi + 1
WHERE s.id = t.schedule_id
RETURNING s.id, s.status = %(ended)s AND t.past_last
"""
_SUMMARY = f"""
SELECT count(*), COALESCE(sum(amount), 0), count(DISTINCT (schedule_id, k)),
  count(*) FILTER (WHERE opens AND commenced_seq IS NOT NULL),
  COALESCE(array_agg(DISTINCT claim_id), '{{}}'),
  COALESCE(array_agg(DISTINCT claim_id) FILTER (WHERE commenced_seq IS NOT NULL), '{{}}')
FROM {TABLE}
"""


@dataclass
class Ordinary:
    """What ``pay_ordinary`` wrote for one range."""

    payments: int = 0
    amount: Decimal = Decimal("0.00")
    periods: int = 0
    commenced: int = 0
    ended: int = 0
    schedules: set[int] = field(default_factory=set)
    claims: list[int] = field(default_factory=list)
    commenced_claims: list[int] = field(default_factory=list)


def _entry_sequence() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence('payments_ledgerentry', 'id')")
        return str(cursor.fetchone()[0])


def pay_ordinary(
    *, lo: int, hi: int, through: dt.date, jurisdiction: str, today: dict[str, dt.date], now: dt.datetime
) -> Ordinary:
    """Pay the ordinary due periods of the schedules with ids ``lo``…``hi`` (PostgreSQL only).

    The caller holds the claims' locks (``FOR UPDATE``) and the transaction. Returns what
    was written; the schedules it paid are no longer due (or, when ``through`` is after a
    jurisdiction's today, due only for a period that has not ended yet).
    """
    params: dict[str, Any] = {
        "lo": lo,
        "hi": hi,
        "through": through,
        "jurisdiction": jurisdiction,
        "codes": list(today),
        "todays": list(today.values()),
        "payable": sorted(PAYABLE_STATUSES),
        "now": now,
        "entry_sequence": _entry_sequence(),
        "reserve": Account.RESERVE,
        "paid": Account.PAID,
        "disbursed": Account.DISBURSED,
        "indemnity": Category.INDEMNITY,
        "general": Bucket.GENERAL,
        "payment": EntryKind.PAYMENT,
        "commenced": EventKind.INDEMNITY_COMMENCED,
        "period_paid": EventKind.BENEFIT_PERIOD_PAID,
        "active": ScheduleStatus.ACTIVE,
        "ended": ScheduleStatus.ENDED,
        "limit": StopReason.STATUTORY_LIMIT,
    }
    done = Ordinary()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        # The plan's estimates cross PostgreSQL's JIT threshold and compiling costs seconds
        # more than the plan itself (for this transaction's statements only; restored below).
        cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
        jit = cursor.fetchone()[0]
        cursor.execute(_PLAN, params)
        cursor.execute("SELECT set_config('jit', %s, true)", [jit])
        cursor.execute(_SUMMARY)
        payments, amount, periods, commenced, claims, commenced_claims = cursor.fetchone()
        if not payments:
            cursor.execute(f"DROP TABLE {TABLE}")
            return done
        for sql in (_COMMENCED, _EVENTS, _ENTRIES, _LINES, _COVERS, _CLAIMS):
            cursor.execute(sql, params)
        cursor.execute(_SCHEDULES, params)
        for schedule_id, ended in cursor.fetchall():
            done.schedules.add(schedule_id)
            done.ended += bool(ended)
        cursor.execute(f"DROP TABLE {TABLE}")
    done.payments, done.amount, done.periods, done.commenced = payments, amount, periods, commenced
    done.claims, done.commenced_claims = list(claims), list(commenced_claims)
    return done
