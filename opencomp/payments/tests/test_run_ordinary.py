"""The payment run's set-based pass writes exactly what its Python planning writes.

On PostgreSQL ``payment_run`` pays ordinary periods with set-based SQL (``run_ordinary``)
and leaves the rest to Python; ``set_based=False`` plans everything in Python. Each test
runs one book both ways from the same state (a savepoint rolled back in between) and
compares every row written: events and their payloads, ledger entries, lines and covers,
the schedules' cursors and holds, the claims' sequence numbers, the rebuilt obligations.

The books mix whole weeks at decided rates, periods the calculator worked out (waiting
days, their payback, a short last period) and schedules only the Python planning pays (a
held one), so both passes run in one range.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection, transaction

from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
from opencomp.benefits.tests.conftest import lines
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import claim_event_append, claim_transition
from opencomp.deadlines.models import Obligation
from opencomp.payments.enums import Category
from opencomp.payments.models import IndemnityCover, LedgerEntry, LedgerLine, PaymentSchedule
from opencomp.payments.run import RunStats, payment_run
from opencomp.payments.schedule_services import payment_schedule_start
from opencomp.payments.services import reserve_set
from opencomp.payments.tests.fixtures import D, M, give_authority
from opencomp.payments.tests.test_schedules import _accepted_co, _accepted_mn, _start

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the set-based pass is PostgreSQL's (SQLite plans in Python)"
)


@pytest.fixture
def staff(book):
    users = book.users
    give_authority(users["adjuster"], payment="5000.00", reserve="2000000.00")
    give_authority(users["other_adjuster"], payment="5000.00", reserve="2000000.00")
    return users


def _snapshot() -> dict[str, Any]:
    """Every row a run writes, with entry ids replaced by their order (ids differ between runs)."""
    entry_ids = list(LedgerEntry.objects.order_by("claim_id", "event_seq", "id").values_list("id", flat=True))
    order = {pk: i for i, pk in enumerate(entry_ids)}

    def entry_no(pk: int | None) -> int | None:
        return None if pk is None else order[pk]

    events = []
    for e in ClaimEvent.objects.order_by("claim_id", "seq"):
        payload = dict(e.payload)
        if "entry_id" in payload:
            payload["entry_id"] = entry_no(payload["entry_id"])
        events.append((e.claim_id, e.seq, e.kind, e.sensitivity, e.actor_id, payload))
    entries = [
        (
            order[e.pk],
            e.claim_id,
            e.kind,
            e.category,
            e.bucket,
            e.occurred_on,
            e.reason,
            e.idempotency_key,
            e.benefit,
            e.period_start,
            e.period_end,
            e.payee_kind,
            e.payee_name,
            e.method,
            e.recovery_kind,
            e.event_seq,
            e.actor_id,
            sorted((line.account, line.category, line.bucket, line.amount) for line in e.lines.all()),
        )
        for e in LedgerEntry.objects.prefetch_related("lines")
    ]
    covers = sorted(
        (entry_no(c.entry_id), c.claim_id, c.benefit, c.first_day, c.last_day)
        for c in IndemnityCover.objects.all()
    )
    schedules = list(
        PaymentSchedule.objects.order_by("pk").values_list(
            "pk",
            "periods_paid",
            "paid_through",
            "next_due",
            "status",
            "stop_reason",
            "commences",
            "held_reason",
            "held_on",
        )
    )
    obligations = sorted(
        Obligation.objects.values_list(
            "claim_id", "rule_id", "instance", "status", "due_date", "satisfied_seq", "trigger_seq"
        )
    )
    return {
        "events": events,
        "entries": sorted(entries),
        "lines": LedgerLine.objects.count(),
        "covers": covers,
        "schedules": schedules,
        "claims": sorted(Claim.objects.values_list("pk", "last_event_seq")),
        "obligations": obligations,
    }


def _stats(stats: RunStats) -> tuple[Any, ...]:
    return (
        stats.due_schedules,
        stats.schedules_paid,
        stats.payments,
        stats.periods,
        stats.amount,
        stats.commenced,
        stats.ended,
        sorted((h.claim_number, h.schedule_id, h.period_no, h.reason) for h in stats.held),
        stats.obligations_rebuilt,
        stats.set_based_payments,
    )


def _both_ways(through: dt.date) -> tuple[tuple[Any, ...], dict[str, Any], tuple[Any, ...], dict[str, Any]]:
    """Run ``through`` set-based and in Python from the same state: (stats, rows) of each."""
    with transaction.atomic():
        before = transaction.savepoint()
        fast = payment_run(through=through)
        fast_rows = _snapshot()
        transaction.savepoint_rollback(before)
        slow = payment_run(through=through, set_based=False)
        slow_rows = _snapshot()
    return _stats(fast), fast_rows, _stats(slow), slow_rows


def _assert_same(through: dt.date, *, set_based: int) -> tuple[Any, ...]:
    """Both ways write the same; the set-based pass paid ``set_based`` of the payments itself."""
    fast, fast_rows, slow, slow_rows = _both_ways(through)
    for key in fast_rows:
        assert fast_rows[key] == slow_rows[key], key
    assert fast[:-1] == slow[:-1]
    assert (fast[-1], slow[-1]) == (set_based, 0)
    return fast


def _short_reserve_co(book, staff):
    """A CO claim whose reserve covers one fortnight: the run holds its schedule (Python)."""
    claim = _accepted_co(book, staff, reserve="2000.00")
    _start(claim, staff["adjuster"])
    return claim


def test_a_co_catch_up_of_many_fortnights_beside_a_held_schedule(book, staff):
    # given a CO schedule whose first three fortnights (the month in which the calculator works
    # out the waiting days and their payback) are paid, and another claim with too little reserve
    co = _accepted_co(book, staff)
    schedule = _start(co, staff["adjuster"])
    payment_run(through=D(2026, 7, 13))
    _short_reserve_co(book, staff)

    # when eight more fortnights are due, the run writes the same rows either way
    stats = _assert_same(D(2026, 11, 2), set_based=8)

    # and the set-based pass paid them: eight fortnights of $2,000.00 on the CO claim
    payments, amount, held = stats[2], stats[4], stats[7]
    assert payments == 8 + 1  # and the held claim's first fortnight (its waiting days)
    assert amount == M("2000.00") * 8 + M("1571.43")
    assert [h[3].split(":")[0] for h in held] == ["reserve too low"]
    ordinary = LedgerEntry.objects.filter(idempotency_key=f"schedule:{schedule.pk}:4:7").get()
    assert (ordinary.period_start, ordinary.period_end) == (D(2026, 7, 14), D(2026, 7, 27))


def test_a_co_schedule_from_its_first_day_pays_its_waiting_month_as_worked_out(book, staff):
    # given a new CO schedule (its first three fortnights worked out by the calculator: the
    # waiting days, their payback) and a claim whose reserve covers only its first fortnight
    co = _accepted_co(book, staff)
    _start(co, staff["adjuster"])
    _short_reserve_co(book, staff)

    # when eleven fortnights are due, both ways write the same rows
    stats = _assert_same(D(2026, 11, 2), set_based=11)

    # the worked-out fortnights first ($1,571.43, $2,428.57: the waiting days paid back), and
    # the other claim's first fortnight paid, its second held, by the Python planning
    assert stats[2] == 11 + 1
    assert stats[4] == M("22000.00") + M("1571.43")
    assert stats[5] == 2  # indemnity.commenced on both claims
    assert [h[3].split(":")[0] for h in stats[7]] == ["reserve too low"]


def test_a_return_to_work_pays_the_short_last_period_and_nothing_after(book, staff):
    co = _accepted_co(book, staff)
    schedule = _start(co, staff["adjuster"])
    payment_run(through=D(2026, 7, 13))  # periods 1-3
    # a full-capacity work status from Thu 23 Jul: the schedule stops on Wed 22 Jul and its
    # last period (14-22 Jul, 9 days) is worked out
    claim_event_append(
        actor=staff["adjuster"],
        claim=co,
        kind=EventKind.WORK_STATUS_RECORDED,
        payload={"capacity": "full", "from_date": "2026-07-23"},
    )

    stats = _assert_same(D(2026, 11, 2), set_based=1)

    assert (stats[2], stats[4]) == (1, M("1285.71"))
    schedule.refresh_from_db()
    assert (schedule.status, schedule.paid_through, schedule.next_due) == ("stopped", D(2026, 7, 22), None)


def test_an_mn_schedule_pays_to_its_130th_week_and_ends(book, staff):
    # MN, injured Sun 1 Dec 2024: TTD $1,000.00; 130 weeks of TTD end the schedule on Sun 30 May 2027
    claim = _accepted_mn(book, staff)
    schedule = _start(claim, staff["admin"], first_day=D(2024, 12, 2), interval_days=7)
    assert schedule.last_day == D(2027, 5, 30)
    with time_machine.travel(dt.datetime(2025, 1, 6, 18, 0, tzinfo=dt.UTC), tick=False):
        # weeks 1-5, some worked out by the calculator (the waiting days, their payback)
        first = _assert_same(D(2025, 1, 5), set_based=5)
        payment_run(through=D(2025, 1, 5))
    assert (first[2], first[4]) == (5, M("5000.00"))

    with time_machine.travel(dt.datetime(2027, 6, 8, 18, 0, tzinfo=dt.UTC), tick=False):
        stats = _assert_same(D(2027, 6, 7), set_based=125)

    # weeks 6 to 130 at $1,000.00, then the schedule has ended at its statutory limit
    assert (stats[2], stats[4], stats[6]) == (125, M("125000.00"), 1)
    schedule.refresh_from_db()
    assert (schedule.status, schedule.stop_reason, schedule.next_due) == ("ended", "statutory_limit", None)


NSW_START = dt.datetime(2024, 10, 28, 1, 0, tzinfo=dt.UTC)
NSW_RUN = dt.datetime(2025, 2, 10, 1, 0, tzinfo=dt.UTC)  # Mon 10 Feb 2025, 12:00 in Sydney


def test_nsw_first_payment_and_a_fortnight_split_by_the_week_14_step_down(book, staff, nsw_claim):
    # given an NSW schedule every fortnight from Tue 15 Oct 2024 (no waiting period: every
    # period is ordinary) with rates decided for week 1 and for week 14 (the step-down)
    adjuster = staff["other_adjuster"]
    with time_machine.travel(NSW_START, tick=False):
        claim = claim_transition(actor=None, claim=nsw_claim, to_status="provisionally_accepted")
        statement = WageStatementInput("piawe", lines=lines(D(2023, 10, 16), 26, "3000.00"))
        wage_statement_record(actor=adjuster, claim=claim, statement=statement)
        benefit_rate_decide(actor=adjuster, claim=claim, benefit="weekly", week_start=D(2024, 10, 15))
        reserve_set(
            actor=adjuster, claim=claim, category=Category.INDEMNITY, amount=M("90000.00"), reason="Initial"
        )
        payment_schedule_start(
            actor=adjuster,
            claim=claim,
            benefit="weekly",
            first_day=D(2024, 10, 15),
            interval_days=14,
            method="cheque",
        )
    with time_machine.travel(NSW_RUN, tick=False):
        benefit_rate_decide(
            actor=adjuster, claim=claim, benefit="weekly", entitlement_week=14, week_start=D(2025, 1, 14)
        )

        # when the first eight fortnights are due at once, both ways write the same rows:
        # the first payment's indemnity.commenced (and the obligations it satisfies), and
        # weeks 13-14 as two payments at 95% and 80% of PIAWE
        stats = _assert_same(D(2025, 2, 9), set_based=9)

    assert (stats[2], stats[5], stats[8]) == (9, 1, 1)
    split = LedgerEntry.objects.filter(claim=claim, period_start__in=[D(2025, 1, 7), D(2025, 1, 14)])
    assert sorted((e.period_start, e.lines.get(account="paid").amount) for e in split) == [
        (D(2025, 1, 7), M("1425.00")),
        (D(2025, 1, 14), M("1200.00")),
    ]
    # the seven-day rule is met (late: the first payment is months after the notification)
    rule = Obligation.objects.get(claim=claim, rule_id="nsw.weekly_payments_start")
    commenced = ClaimEvent.objects.get(claim=claim, kind="indemnity.commenced")
    assert (rule.status, rule.satisfied_seq) == ("late", commenced.seq)
