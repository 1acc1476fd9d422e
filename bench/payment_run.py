"""Payment run benchmark: ``opencomp payments run`` over N claimants in payment, against a bulk insert.

    .venv/bin/python bench/payment_run.py [--quick] [--sizes 10000,100000] [--repeats 3]
                                          [--workers N] [--keep]

For each size N (default 10k and 100k claimants; ``--quick``: 2k):

1. Makes a fresh PostgreSQL database ``opencomp_bench_payrun_<N>`` (same server and user as
   ``--database-url``), migrates it, and builds three seed claims through the real services
   (a book of parties and users from the test suite's ``build_book``): a Colorado and a
   Minnesota claim accepted, wage statement recorded, TTD decided, reserved and paid weekly
   by a schedule up to last week, and a Colorado claim whose schedule starts last week (its
   first payment records ``indemnity.commenced`` and rebuilds the claim's obligations). The
   seeds are cloned with set-based SQL to N claims (98% steady, 2% first payments): claims,
   events, obligations, ledger entries and lines, days covered, schedules and their rates.
   Every claimant has exactly one weekly period due, ending yesterday.
2. The floor: one ``COPY`` of 2N balanced ledger lines (what the run posts) into
   ``payments_ledgerline`` of one claim, against N entries made beforehand, committed (so
   the deferred balance trigger runs, as it does for the run).
3. ``payment_run(through=yesterday)`` (default workers: one connection per core): seconds,
   payments, amount; then a second run with the same date (it must issue nothing): seconds.
   Each repeat starts from the same database: a template copy made before the first run.
4. Floors and runs are measured ``--repeats`` times (default 3), each after a ``CHECKPOINT``
   (no timing writes out what came before it); the medians are reported, with every figure.
5. Prints a table and one JSON line with every size's figures; the headline figures are the
   largest size's. Goals: the run ≤ 3× the floor, and 100k claimants in ≤ 60 s on 2 cores.

Each size runs in a child process (Django is set up against one database per process).
``--keep`` keeps the databases (they are dropped otherwise), and each one's state before the
run as ``<database>_before`` (to profile the same run again).
"""

# ruff: noqa: S608 -- the SQL is built from constants and information_schema column names only
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/opencomp_bench_payrun"
GOAL = "run <= 3x floor (bulk insert of the same number of ledger lines); 100k claimants <= 60 s"
GOAL_RATIO = 3.0
GOAL_100K_SECONDS = 60.0
FULL_SIZES = (10_000, 100_000)
QUICK_SIZES = (2_000,)
NEW_SHARE = 0.02
REPEATS = 3
#: Claim-owned tables cloned from the seeds (ids handled per table below).
STRIDE = 10_000  # ledger entry ids of one clone: seed id - seed's first id + g * STRIDE


# --- child: one size -----------------------------------------------------------------------------


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencomp.settings")
    os.environ.setdefault("OPENCOMP_DEV", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _seed(yesterday: dt.date) -> dict[str, Any]:
    """Three claims in payment through the real services; returns their ids."""
    from decimal import Decimal

    from conftest import build_book  # the test suite's book of parties and users
    from opencomp.benefits.calculators.aww import WageLine
    from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
    from opencomp.claims.services import ClaimDraft, claim_assign, claim_create, claim_transition
    from opencomp.payments.run import payment_run
    from opencomp.payments.schedule_services import payment_schedule_start
    from opencomp.payments.services import reserve_set

    book = build_book()
    admin = book.users["admin"]

    def claim(code: str, injury: dt.date) -> Any:
        draft = ClaimDraft(
            jurisdiction=code,
            employer=book.employer,
            worker=book.worker,
            injury_date=injury,
            employer_knowledge_date=injury,
            notification_date=injury + dt.timedelta(days=1),
            claim_type="lost_time",
            nature_of_injury="Strain",
            body_part="Lower back",
            description="Lifting a steel sheet onto the press.",
        )
        c = claim_assign(
            actor=None, claim=claim_create(actor=None, draft=draft), adjuster=book.users["adjuster"]
        )
        return claim_transition(actor=None, claim=c, to_status="accepted")

    def in_payment(c: Any, statement: Any, first_day: dt.date) -> Any:
        wage_statement_record(actor=admin, claim=c, statement=statement)
        benefit_rate_decide(actor=admin, claim=c, benefit="TTD")
        reserve_set(actor=admin, claim=c, category="indemnity", amount=Decimal("9000000.00"), reason="Bench")
        return payment_schedule_start(
            actor=admin, claim=c, benefit="TTD", first_day=first_day, interval_days=7, method="cheque"
        )

    # every period ends on yesterday's weekday: first days are yesterday − 6 − 7k
    co_first = yesterday - dt.timedelta(days=6 + 7 * 12)
    co = claim("CO", dt.date(2026, 6, 1))  # FY 2025-26 maximum (injuries to 30 Jun 2026)
    co_schedule = in_payment(
        co, WageStatementInput(method="monthly", monthly_wage=Decimal("6500.00")), co_first
    )
    mn_first = yesterday - dt.timedelta(days=6 + 7 * 20)
    mn_injury = mn_first - dt.timedelta(days=1)
    mn = claim("MN", mn_injury)
    weeks = tuple(
        WageLine(
            period_start=mn_injury - dt.timedelta(days=7 * (26 - i)),
            period_end=mn_injury - dt.timedelta(days=7 * (26 - i) - 6),
            amount=Decimal("1500.00"),
        )
        for i in range(26)
    )
    mn_schedule = in_payment(mn, WageStatementInput(method="26_weeks", lines=weeks), mn_first)
    payment_run(through=yesterday - dt.timedelta(days=7))  # the steady seeds: paid to last week
    new = claim("CO", dt.date(2026, 6, 1))
    new_first = yesterday - dt.timedelta(days=6)
    new_schedule = in_payment(
        new, WageStatementInput(method="monthly", monthly_wage=Decimal("5200.00")), new_first
    )
    return {
        "seeds": [co.pk, mn.pk, new.pk],
        "schedules": [co_schedule.pk, mn_schedule.pk, new_schedule.pk],
    }


CLAIM_COLUMNS_SKIP = {"id", "number"}


def _columns(cursor: Any, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def _clone(seed_claim: int, seed_schedule: int, first_g: int, count: int) -> None:
    """Clone one seed claim ``count`` times (clone numbers ``first_g`` …) with set-based SQL."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM claims_claim")
        claim_base = cur.fetchone()[0]
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM payments_paymentschedule")
        schedule_base = cur.fetchone()[0]
        cur.execute("SELECT MIN(id) FROM payments_ledgerentry WHERE claim_id = %s", [seed_claim])
        seed_entry_min = cur.fetchone()[0]
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM payments_ledgerentry")
        entry_base = cur.fetchone()[0]
        params = {"seed": seed_claim, "n": count, "g0": first_g}

        def cols(table: str, skip: set[str]) -> list[str]:
            return [c for c in _columns(cur, table) if c not in skip]

        claim_cols = cols("claims_claim", CLAIM_COLUMNS_SKIP)
        cur.execute(
            f"INSERT INTO claims_claim (id, number, {', '.join(claim_cols)})"
            f" SELECT {claim_base} + g, c.number || '-' || (%(g0)s + g),"
            f" {', '.join('c.' + x for x in claim_cols)}"
            " FROM claims_claim c, generate_series(1, %(n)s) g WHERE c.id = %(seed)s",
            params,
        )
        new_claim = f"{claim_base} + g"
        event_cols = cols("claims_claimevent", {"id", "claim_id", "corrects_id"})
        cur.execute(
            f"INSERT INTO claims_claimevent (claim_id, {', '.join(event_cols)})"
            f" SELECT {new_claim}, {', '.join('e.' + x for x in event_cols)}"
            " FROM claims_claimevent e, generate_series(1, %(n)s) g WHERE e.claim_id = %(seed)s",
            params,
        )
        ob_cols = cols("deadlines_obligation", {"id", "claim_id"})
        cur.execute(
            f"INSERT INTO deadlines_obligation (claim_id, {', '.join(ob_cols)})"
            f" SELECT {new_claim}, {', '.join('o.' + x for x in ob_cols)}"
            " FROM deadlines_obligation o, generate_series(1, %(n)s) g WHERE o.claim_id = %(seed)s",
            params,
        )
        new_entry = f"{entry_base} + (g - 1) * {STRIDE} + (e.id - {seed_entry_min}) + 1"
        entry_cols = cols(
            "payments_ledgerentry", {"id", "claim_id", "idempotency_key", "reverses_id", "plan_id"}
        )
        cur.execute(
            f"INSERT INTO payments_ledgerentry (id, claim_id, idempotency_key, {', '.join(entry_cols)})"
            f" SELECT {new_entry}, {new_claim}, e.idempotency_key || '#' || (%(g0)s + g),"
            f" {', '.join('e.' + x for x in entry_cols)}"
            " FROM payments_ledgerentry e, generate_series(1, %(n)s) g WHERE e.claim_id = %(seed)s",
            params,
        )
        line_cols = cols("payments_ledgerline", {"id", "claim_id", "entry_id"})
        cur.execute(
            f"INSERT INTO payments_ledgerline (entry_id, claim_id, {', '.join(line_cols)})"
            f" SELECT {new_entry}, {new_claim}, {', '.join('l.' + x for x in line_cols)}"
            " FROM payments_ledgerline l JOIN payments_ledgerentry e ON e.id = l.entry_id,"
            " generate_series(1, %(n)s) g WHERE l.claim_id = %(seed)s",
            params,
        )
        cover_cols = cols("payments_indemnitycover", {"id", "claim_id", "entry_id"})
        cur.execute(
            f"INSERT INTO payments_indemnitycover (entry_id, claim_id, {', '.join(cover_cols)})"
            f" SELECT {new_entry}, {new_claim}, {', '.join('v.' + x for x in cover_cols)}"
            " FROM payments_indemnitycover v JOIN payments_ledgerentry e ON e.id = v.entry_id,"
            " generate_series(1, %(n)s) g WHERE v.claim_id = %(seed)s",
            params,
        )
        schedule_cols = cols("payments_paymentschedule", {"id", "claim_id"})
        cur.execute(
            f"INSERT INTO payments_paymentschedule (id, claim_id, {', '.join(schedule_cols)})"
            f" SELECT {schedule_base} + g, {new_claim}, {', '.join('s.' + x for x in schedule_cols)}"
            " FROM payments_paymentschedule s, generate_series(1, %(n)s) g WHERE s.id = %(schedule)s",
            {**params, "schedule": seed_schedule},
        )
        for table in ("payments_schedulerate", "payments_scheduleadjustment"):
            other = cols(table, {"id", "schedule_id"})
            cur.execute(
                f"INSERT INTO {table} (schedule_id, {', '.join(other)})"
                f" SELECT {schedule_base} + g, {', '.join('r.' + x for x in other)}"
                " FROM " + table + " r, generate_series(1, %(n)s) g WHERE r.schedule_id = %(schedule)s",
                {**params, "schedule": seed_schedule},
            )
        for table in ("claims_claim", "payments_paymentschedule", "payments_ledgerentry"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            )


def _floor(payments: int) -> float:
    """Seconds to COPY ``2 × payments`` balanced ledger lines (entries made beforehand) and commit."""
    from django.db import connection, transaction

    from opencomp.core.bulk import copy_rows
    from opencomp.payments.run import LINE_COLUMNS

    with connection.cursor() as cur:
        cur.execute("SELECT MIN(id) FROM claims_claim")
        claim_id = cur.fetchone()[0]
        cur.execute(
            "INSERT INTO payments_ledgerentry (claim_id, kind, category, bucket, occurred_on, recorded_at,"
            " reason,"
            " benefit, payee_kind, payee_name, method, recovery_kind)"
            " SELECT %s, 'payment', 'indemnity', 'general', CURRENT_DATE, now(), 'floor', 'TTD', 'worker',"
            " 'Floor', 'cheque', '' FROM generate_series(1, %s) RETURNING id",
            [claim_id, payments],
        )
        ids = [row[0] for row in cur.fetchall()]
    from decimal import Decimal

    rows = []
    for entry_id in ids:
        rows.append((entry_id, claim_id, "paid", "indemnity", "general", Decimal("1000.00")))
        rows.append((entry_id, claim_id, "disbursed", "indemnity", "general", Decimal("-1000.00")))
    started = time.perf_counter()
    with transaction.atomic():
        copy_rows("payments_ledgerline", LINE_COLUMNS, rows)
    return time.perf_counter() - started


def _copy_before(url: str) -> None:
    """Keep the database as it is now (before the run) as ``<name>_before``."""
    from django.db import connection

    name = urlsplit(url).path.lstrip("/")
    connection.close()  # a template must have no other session
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}_before" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}_before" TEMPLATE "{name}"')


def _restore_before(url: str) -> None:
    """Put the database back as it was before the run (from ``<name>_before``)."""
    from django.db import connection

    name = urlsplit(url).path.lstrip("/")
    connection.close()
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{name}_before"')


def _checkpoint() -> None:
    """Write out what came before, so the timing that follows does not pay for it."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("CHECKPOINT")


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def child(url: str, size: int, workers: int | None, keep: bool, repeats: int) -> dict[str, Any]:
    _setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    from opencomp.core import clock
    from opencomp.payments.run import payment_run

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    yesterday = clock.today_in("America/Denver") - dt.timedelta(days=1)
    seeds = _seed(yesterday)
    new = max(1, int(size * NEW_SHARE))
    steady = size - new
    co, mn, fresh = seeds["seeds"]
    co_s, mn_s, fresh_s = seeds["schedules"]
    _clone(co, co_s, 1, steady // 2 - 1)
    _clone(mn, mn_s, steady // 2, steady - steady // 2 - 1)
    _clone(fresh, fresh_s, steady, new - 1)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
        cur.execute("SELECT count(*) FROM payments_paymentschedule WHERE next_due <= %s", [yesterday])
        due = cur.fetchone()[0]
    built = time.perf_counter() - t0
    floors = []
    for _ in range(repeats):
        _checkpoint()
        floors.append(_floor(due))
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")  # the floors' rows: no autovacuum starts during a run
    _copy_before(url)  # every run starts from this state
    runs, seconds = [], []
    for i in range(repeats):
        if i:
            _restore_before(url)
        _checkpoint()
        if os.environ.get("BENCH_PROFILE") and i == 0:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            first = profiler.runcall(payment_run, through=yesterday, workers=workers)
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
        else:
            first = payment_run(through=yesterday, workers=workers)
        second = payment_run(through=yesterday, workers=workers)
        runs.append((first, second))
        seconds.append(first.seconds)
    if not keep:
        connection.close()
        recreate(f"{url}_before", drop_only=True)
    first, second = runs[0]
    return {
        "size": size,
        "due": due,
        "build_seconds": round(built, 1),
        "floor_seconds": round(_median(floors), 3),
        "floor_runs": [round(f, 3) for f in floors],
        "seconds": round(_median(seconds), 3),
        "run_seconds": [round(t, 3) for t in seconds],
        "payments": first.payments,
        "amount": str(first.amount),
        "same_every_run": all(
            (r.payments, r.amount, len(r.held), r.commenced)
            == (first.payments, first.amount, len(first.held), first.commenced)
            for r, _ in runs
        ),
        "held": len(first.held),
        "commenced": first.commenced,
        "obligations_rebuilt": first.obligations_rebuilt,
        "second_seconds": round(max(s.seconds for _, s in runs), 3),
        "second_payments": max(s.payments for _, s in runs),
        "set_based_payments": first.set_based_payments,
        "workers": first.workers,
    }


# --- parent ----------------------------------------------------------------------------------------


def size_url(base: str, size: int) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"{parts.path}_{size}"))


def _admin(url: str) -> Any:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(admin, autocommit=True)


def recreate(url: str, *, drop_only: bool = False) -> None:
    name = urlsplit(url).path.lstrip("/")
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="one small size (2k claimants)")
    parser.add_argument("--sizes", default="", help="comma-separated sizes, e.g. 10000,100000")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--keep", action="store_true", help="keep the bench databases")
    parser.add_argument(
        "--repeats",
        type=int,
        default=REPEATS,
        help="floors and runs measured at each size (medians reported)",
    )
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary of each first run")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="ranges the run takes at once (default: the run's, one per core)",
    )
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        url = size_url(args.database_url, args.child)
        print(json.dumps(child(url, args.child, args.workers, args.keep, args.repeats)))
        return 0
    if args.profile:
        os.environ["BENCH_PROFILE"] = "1"
    sizes = [int(s) for s in args.sizes.split(",") if s] or list(QUICK_SIZES if args.quick else FULL_SIZES)
    results = []
    for size in sizes:
        url = size_url(args.database_url, size)
        recreate(url)
        print(f"payment run bench: {size:,} claimants in payment ({url})", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--database-url", args.database_url]
            + (["--workers", str(args.workers)] if args.workers else [])
            + (["--keep"] if args.keep else [])
            + ["--repeats", str(args.repeats)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        if proc.returncode != 0 or args.profile:
            print(proc.stderr, file=sys.stderr)
        if proc.returncode != 0:
            print(proc.stdout, file=sys.stderr)
            return 1
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        if not args.keep:
            recreate(url, drop_only=True)
    print(
        f"{'claimants':>10} {'payments':>9} {'floor s':>8} {'run s':>8} {'ratio':>6}"
        f" {'2nd run s':>9} {'2nd pays':>8} {'workers':>7} {'by SQL':>7}"
    )
    for r in results:
        ratio = r["seconds"] / r["floor_seconds"] if r["floor_seconds"] else float("inf")
        r["ratio_to_floor"] = round(ratio, 2)
        print(
            f"{r['size']:>10,} {r['payments']:>9,} {r['floor_seconds']:>8.2f} {r['seconds']:>8.2f}"
            f" {ratio:>6.2f}"
            f" {r['second_seconds']:>9.3f} {r['second_payments']:>8} {r['workers']:>7}"
            f" {r['set_based_payments']:>7,}"
        )
    largest = results[-1]
    meets = all(r["ratio_to_floor"] <= GOAL_RATIO and r["second_payments"] == 0 for r in results) and all(
        r["seconds"] <= GOAL_100K_SECONDS for r in results if r["size"] >= 100_000
    )
    print(
        json.dumps(
            {
                "bench": "payment_run",
                "size": largest["size"],
                "seconds": largest["seconds"],
                "floor_seconds": largest["floor_seconds"],
                "ratio_to_floor": largest["ratio_to_floor"],
                "goal": GOAL,
                "meets_goal": meets,
                "second_run_seconds": largest["second_seconds"],
                "second_run_payments": largest["second_payments"],
                "workers": largest["workers"],
                "cpu_count": os.cpu_count(),
                "sizes": results,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
