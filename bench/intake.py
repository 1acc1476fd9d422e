"""Intake benchmark: sustained ``POST /api/v1/claims`` against gunicorn on PostgreSQL.

    .venv/bin/python bench/intake.py [--quick] [--seconds N] [--workers N] [--threads N]

1. Creates the database named by ``DATABASE_URL`` if missing (default
   ``postgresql://postgres@127.0.0.1:5432/opencomp_bench``) and migrates it.
2. Seeds, through the services, an insurer, employers in every jurisdiction with
   establishments and workers, and an adjuster with an API token (reused on later runs).
3. Starts gunicorn (DEBUG off, its own SECRET_KEY, LOG_LEVEL=WARNING) on a free port and
   waits for ``/api/v1/health``.
4. Drives two phases with a small asyncio HTTP client (keep-alive when the server allows
   it): the floor, ``GET /api/v1/health`` (no database), then intake, ``POST
   /api/v1/claims`` with varied realistic bodies. Each phase has a short warm-up first.
5. Prints a table, then one JSON line with the figures. Any non-2xx answer is an error.

The server is stopped at the end, on errors and on Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import itertools
import json
import os
import random
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/opencomp_bench"
GOAL = "≥300 intakes/s and ≥0.3 of the floor's throughput on 2 cores"
GOAL_INTAKES_PER_SECOND = 300.0
GOAL_RATIO = 0.3

INSURER = "Bench Mutual"
EMPLOYERS = [  # name, jurisdiction, region, city, postcode, country
    ("Bench Foundry", "CO", "CO", "Denver", "80202", "US"),
    ("Bench Freight", "CO", "CO", "Pueblo", "81003", "US"),
    ("Bench Hospital", "CT", "CT", "Hartford", "06103", "US"),
    ("Bench Dairy", "MN", "MN", "Duluth", "55802", "US"),
    ("Bench Stevedores", "NSW", "NSW", "Newcastle", "2300", "AU"),
]
WORKERS_PER_EMPLOYER = 40
GIVEN = ["Maria", "Tom", "Aisha", "Wei", "Oskar", "Priya", "Jamal", "Lena", "Diego", "Hana", "Sam", "Ruth"]
FAMILY = ["Lopez", "Nguyen", "Okafor", "Chen", "Berg", "Shah", "Brown", "Kowalski", "Silva", "Sato"]
INJURIES = [
    ("Strain", "Lower back", "Lifting a {thing} onto the {place} without a second person."),
    ("Laceration", "Left hand", "Cut on the edge of a {thing} while clearing the {place}."),
    ("Contusion", "Right knee", "Slipped on a wet floor near the {place} carrying a {thing}."),
    ("Fracture", "Left wrist", "Fell from a step ladder at the {place} reaching for a {thing}."),
    ("Sprain", "Right ankle", "Stepped off the {place} onto a loose {thing}."),
    ("Burn", "Right forearm", "Touched a hot {thing} at the {place}."),
    ("Crush injury", "Right foot", "A {thing} rolled off a pallet at the {place}."),
    ("Hearing loss", "Both ears", "Years of work next to the {thing} at the {place} without protection."),
]
THINGS = ["steel sheet", "crate", "drum", "pallet jack", "ladder", "trolley", "press guard", "hose"]
PLACES = ["press line", "loading dock", "cold store", "ward", "yard", "mezzanine", "wash bay"]


# --- database and seed ----------------------------------------------------------------------------


def ensure_database(url: str) -> bool:
    """Create the database if it does not exist; True when it was created."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres", query=""))  # Django options are not libpq's
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def django_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="opencomp.settings", OPENCOMP_DEV="1")
    return env


def migrate(database_url: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=django_env(database_url),
        check=True,
    )


@dataclass
class Seed:
    token: str
    employers: list[dict]  # {"id", "jurisdiction", "establishment_id", "workers": [ids]}


def seed(database_url: str) -> Seed:
    """The bench book, made (once) through the services; a fresh token for this run."""
    os.environ.update(django_env(database_url))
    import django

    django.setup()
    from django.db import connections, transaction

    from opencomp.accounts.models import ApiToken, Organisation, User
    from opencomp.accounts.services import api_token_issue, api_token_revoke, organisation_create, user_create
    from opencomp.parties.models import Employment, Establishment
    from opencomp.parties.services import employment_create, establishment_create, worker_create

    with transaction.atomic():
        insurer = Organisation.objects.filter(kind="insurer", name=INSURER).first()
        if insurer is None:
            insurer = organisation_create(actor=None, kind="insurer", name=INSURER, email="claims@bench.test")
            rng = random.Random(7)
            for name, jurisdiction, region, city, postcode, country in EMPLOYERS:
                employer = organisation_create(
                    actor=None,
                    kind="employer",
                    name=name,
                    jurisdiction=jurisdiction,
                    claims_administrator=insurer,
                )
                site = establishment_create(
                    actor=None,
                    organisation=employer,
                    name=f"{city} site",
                    street="1 Industrial Way",
                    city=city,
                    region=region,
                    postcode=postcode,
                    country=country,
                )
                for i in range(WORKERS_PER_EMPLOYER):
                    worker = worker_create(
                        actor=None,
                        given_name=rng.choice(GIVEN),
                        family_name=f"{rng.choice(FAMILY)}-{i}",
                        date_of_birth=dt.date(
                            1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28)
                        ),
                        country=country,
                    )
                    employment_create(
                        actor=None,
                        worker=worker,
                        employer=employer,
                        job_title="Operator",
                        hire_date=dt.date(2010 + rng.randrange(12), 1 + rng.randrange(12), 1),
                        employment_type="full_time",
                        hours_per_week=Decimal("38"),
                        days_per_week=Decimal("5"),
                        establishment=site if i % 2 else None,
                    )
            user_create(
                actor=None,
                username="bench_adjuster",
                password=None,
                role="adjuster",
                organisation=insurer,
                first_name="Bench",
                last_name="Adjuster",
            )
        adjuster = User.objects.get(username="bench_adjuster")
        for old in ApiToken.objects.filter(user=adjuster, revoked_at__isnull=True):
            api_token_revoke(actor=None, token=old)
        _, raw = api_token_issue(actor=None, user=adjuster, name="bench")
        employers = []
        for employer in Organisation.objects.filter(claims_administrator=insurer).order_by("pk"):
            site = Establishment.objects.filter(organisation=employer).first()
            employers.append(
                {
                    "id": employer.pk,
                    "jurisdiction": employer.jurisdiction,
                    "establishment_id": site.pk if site else None,
                    "workers": list(
                        Employment.objects.filter(employer=employer).values_list("worker_id", flat=True)
                    ),
                }
            )
    connections.close_all()
    return Seed(token=raw, employers=employers)


def claim_count() -> int:
    from django.db import connections

    from opencomp.claims.models import Claim

    try:
        return Claim.objects.count()
    finally:
        connections.close_all()


def claim_bodies(seed: Seed, n: int, *, today: dt.date, rng: random.Random) -> list[bytes]:
    """``n`` varied, valid intake bodies."""
    bodies = []
    for _ in range(n):
        employer = rng.choice(seed.employers)
        nature, body_part, story = rng.choice(INJURIES)
        injury = today - dt.timedelta(days=rng.randrange(1, 90))
        knowledge = min(today, injury + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2, 5])))
        body: dict[str, object] = {
            "employer_id": employer["id"],
            "worker_id": rng.choice(employer["workers"]),
            "jurisdiction": employer["jurisdiction"],
            "injury_date": injury.isoformat(),
            "employer_knowledge_date": knowledge.isoformat(),
            "claim_type": rng.choice(["medical_only", "medical_only", "lost_time"]),
            "nature_of_injury": nature,
            "body_part": body_part,
            "description": story.format(thing=rng.choice(THINGS), place=rng.choice(PLACES)),
        }
        if rng.random() < 0.6:
            body["notification_date"] = min(
                today, knowledge + dt.timedelta(days=rng.randrange(3))
            ).isoformat()
        if rng.random() < 0.5:
            body["injury_time"] = f"{rng.randrange(6, 22):02d}:{rng.randrange(60):02d}:00"
        if rng.random() < 0.2:
            body["significant_injury"] = True
        if employer["establishment_id"] and rng.random() < 0.3:
            body["establishment_id"] = employer["establishment_id"]
        bodies.append(json.dumps(body).encode())
    return bodies


# --- the server -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """gunicorn in its own process group; ``stop`` is idempotent."""

    def __init__(self, *, database_url: str, port: int, workers: int, threads: int, log: Path) -> None:
        env = dict(os.environ)
        for name in ("OPENCOMP_DEV", "DEBUG", "DJANGO_SETTINGS_MODULE"):
            env.pop(name, None)
        env.update(
            DATABASE_URL=database_url,
            SECRET_KEY=secrets.token_urlsafe(50),
            DEBUG="0",
            LOG_LEVEL="WARNING",
            CONN_MAX_AGE="600",
            PYTHONWARNINGS="ignore",
        )
        gunicorn = shutil.which("gunicorn", path=str(VENV_BIN)) or "gunicorn"
        cmd = [
            gunicorn,
            "opencomp.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--backlog",
            "2048",
        ]
        if threads > 1:
            cmd += ["--threads", str(threads), "--keep-alive", "5"]
        self.cmd = cmd
        self.log = log
        self._log_file = log.open("wb")
        self.process = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, host: str, port: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log}")
            with contextlib.suppress(OSError):
                status, _ = http_get(host, port, "/api/v1/health")
                if status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /api/v1/health within {timeout:.0f} s; see {self.log}")

    def worker_pids(self) -> list[int]:
        return [self.process.pid, *children_of(self.process.pid)]

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log_file.close()


def http_get(host: str, port: int, path: str) -> tuple[int, bytes]:
    import http.client

    conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# --- CPU accounting from /proc (Linux) ------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # the command name is in parentheses and may contain spaces
    return [
        raw[: raw.index(" (")],
        raw[raw.index(" (") + 2 : raw.rindex(")")],
        *raw[raw.rindex(")") + 2 :].split(),
    ]


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and fields[3] == str(pid):
                found.append(int(entry.name))
    return found


def cpu_by_pid(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each live process of ``pids``."""
    found = {}
    for pid in pids:
        fields = _stat(pid)
        if fields:
            found[pid] = (int(fields[13]) + int(fields[14])) / TICKS  # utime + stime
    return found


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU used between two samples; a process first seen in ``after`` started in between."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def postgres_pids() -> list[int]:
    """The server processes of the bench database's connections (the app's), when PostgreSQL is local.

    Other databases' sessions on the same server (and background writers) are not counted.
    """
    from django.db import connections

    try:
        with connections["default"].cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            pids = [row[0] for row in cursor.fetchall()]
    finally:
        connections.close_all()
    return [pid for pid in pids if Path(f"/proc/{pid}").exists()]


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- the load generator ---------------------------------------------------------------------------


class HttpConnection(asyncio.Protocol):
    """One HTTP/1.1 connection: write a request, wait for the whole response (Content-Length framed)."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.waiter: asyncio.Future[tuple[int, bytes, bool]] | None = None
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if self.waiter is not None and not self.waiter.done():
            parsed = self._parse()
            if parsed is not None:
                self.waiter.set_result(parsed)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionError("the server closed the connection mid-response"))

    def _parse(self) -> tuple[int, bytes, bool] | None:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return None
        head = bytes(self.buffer[:end]).split(b"\r\n")
        status = int(head[0].split(b" ", 2)[1])
        length, close = 0, False
        for line in head[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection":
                close = value.strip().lower() == b"close"
        total = end + 4 + length
        if len(self.buffer) < total:
            return None
        body = bytes(self.buffer[end + 4 : total])
        del self.buffer[:total]
        return status, body, close

    async def send(self, request: bytes) -> tuple[int, bytes, bool]:
        if self.transport is None:
            raise ConnectionError("not connected")
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return await self.waiter


@dataclass
class PhaseResult:
    name: str
    seconds: float = 0.0
    ok: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    client_cpu: float = 0.0
    server_cpu: float = 0.0
    postgres_cpu: float = 0.0

    @property
    def throughput(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile_ms(self, q: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def build_requests(
    host: str, port: int, method: str, path: str, token: str | None, bodies: list[bytes]
) -> list[bytes]:
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n"
    if token:
        head += f"Authorization: Bearer {token}\r\n"
    if not bodies:
        return [(head + "\r\n").encode()]
    return [
        (head + f"Content-Type: application/json\r\nContent-Length: {len(b)}\r\n\r\n").encode() + b
        for b in bodies
    ]


#: Requests per keep-alive connection before the client reconnects. gunicorn's threaded workers
#: keep a connection for its lifetime, so long-lived connections can pile up on one worker (one
#: core) and halve the throughput at random; reconnecting now and then spreads them again.
REQUESTS_PER_CONNECTION = 50


async def drive(
    name: str, host: str, port: int, requests: list[bytes], *, seconds: float, connections: int, record: bool
) -> PhaseResult:
    """Keep ``connections`` requests in flight for ``seconds``; reconnect when the server closes."""
    per_connection = REQUESTS_PER_CONNECTION
    loop = asyncio.get_running_loop()
    result = PhaseResult(name)
    feed = itertools.cycle(requests)
    deadline = time.perf_counter() + seconds

    async def one_connection() -> None:
        conn: HttpConnection | None = None
        used = 0
        while time.perf_counter() < deadline:
            request = next(feed)
            started = time.perf_counter()
            try:
                if conn is None or conn.closed:
                    _, conn = await loop.create_connection(HttpConnection, host, port)
                    used = 0
                status, body, close = await conn.send(request)
                used += 1
            except (OSError, ConnectionError) as exc:
                result.errors += 1
                result.statuses[type(exc).__name__] += 1
                conn = None
                await asyncio.sleep(0.01)
                continue
            elapsed = time.perf_counter() - started
            if record:
                result.latencies.append(elapsed)
            result.statuses[status] += 1
            if 200 <= status < 300:
                result.ok += 1
            else:
                result.errors += 1
                if len(result.samples) < 3:
                    result.samples.append(f"{status}: {body[:300].decode(errors='replace')}")
            if (close or used >= per_connection) and conn is not None:
                if conn.transport is not None:
                    conn.transport.close()
                conn = None
        if conn is not None and conn.transport is not None:
            conn.transport.close()

    started = time.perf_counter()
    await asyncio.gather(*(one_connection() for _ in range(connections)))
    result.seconds = time.perf_counter() - started
    return result


def run_phase(
    name: str,
    host: str,
    port: int,
    requests: list[bytes],
    *,
    seconds: float,
    warmup: float,
    connections: int,
    server: Server,
) -> tuple[PhaseResult, int]:
    """The measured phase, and how many requests its warm-up completed."""
    warm = PhaseResult(name)
    if warmup > 0:
        warm = asyncio.run(
            drive(name, host, port, requests, seconds=warmup, connections=connections, record=False)
        )
        if warm.errors:
            raise RuntimeError(f"{name} warm-up failed: {dict(warm.statuses)} {warm.samples}")
    client_before, server_before = own_cpu_seconds(), cpu_by_pid(server.worker_pids())
    pg_before = cpu_by_pid(postgres_pids())
    result = asyncio.run(
        drive(name, host, port, requests, seconds=seconds, connections=connections, record=True)
    )
    client_after, server_after = own_cpu_seconds(), cpu_by_pid(server.worker_pids())
    pg_after = cpu_by_pid(sorted(set(pg_before) | set(postgres_pids())))
    result.client_cpu = client_after - client_before
    result.server_cpu = cpu_used(server_before, server_after)
    result.postgres_cpu = cpu_used(pg_before, pg_after)
    return result, warm.ok


# --- report ---------------------------------------------------------------------------------------


def table(results: list[PhaseResult]) -> str:
    header = (
        f"{'phase':<8} {'requests':>9} {'seconds':>8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
        f" {'cpu ms/req: client':>19} {'server':>7} {'postgres':>9}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        per = 1000 / r.ok if r.ok else 0.0
        p50, p99 = r.percentile_ms(0.5), r.percentile_ms(0.99)
        lines.append(
            f"{r.name:<8} {r.ok:>9} {r.seconds:>8.2f} {r.throughput:>9.1f} {p50:>8.2f} {p99:>8.2f}"
            f" {r.errors:>7} {r.client_cpu * per:>19.3f} {r.server_cpu * per:>7.3f}"
            f" {r.postgres_cpu * per:>9.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 s phases instead of 30 s")
    parser.add_argument("--seconds", type=float, help="length of each measured phase")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", "3")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS", "2")))
    parser.add_argument("--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", "8")))
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
    args, _ = parser.parse_known_args(argv)  # `make bench` passes the same BENCH_ARGS to every script
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print(f"bench/intake.py needs PostgreSQL; DATABASE_URL is {args.database_url!r}", file=sys.stderr)
        return 2
    seconds = args.seconds or (5.0 if args.quick else 30.0)
    warmup = 1.0 if args.quick else 3.0
    host, port = "127.0.0.1", free_port()

    created = ensure_database(args.database_url)
    name = urlsplit(args.database_url).path.lstrip("/")
    print(f"database: {name} ({'created' if created else 'exists'}); migrating…")
    migrate(args.database_url)
    book = seed(args.database_url)
    workers = sum(len(e["workers"]) for e in book.employers)
    print(f"seeded: {len(book.employers)} employers, {workers} workers, adjuster token {book.token[:10]}…")

    log = Path(tempfile.mkdtemp(prefix="opencomp-bench-")) / "gunicorn.log"
    server = Server(
        database_url=args.database_url, port=port, workers=args.workers, threads=args.threads, log=log
    )
    # Ctrl-C (even when started in the background, where SIGINT starts out ignored) and SIGTERM
    # both unwind through the ``finally`` below, which stops the server.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        server.wait_ready(host, port)
        print(
            f"server: {' '.join(server.cmd[1:])}  ({os.cpu_count()} CPUs);"
            f" client: {args.connections} connections; {seconds:.0f} s per phase after {warmup:.0f} s warm-up"
        )
        floor_requests = build_requests(host, port, "GET", "/api/v1/health", None, [])
        floor, _ = run_phase(
            "floor",
            host,
            port,
            floor_requests,
            seconds=seconds,
            warmup=warmup,
            connections=args.connections,
            server=server,
        )
        today = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)  # a day's margin for the server's clock
        bodies = claim_bodies(book, 5000, today=today, rng=random.Random(2026))
        intake_requests = build_requests(host, port, "POST", "/api/v1/claims", book.token, bodies)
        claims_before = claim_count()
        intake, intake_warm = run_phase(
            "intake",
            host,
            port,
            intake_requests,
            seconds=seconds,
            warmup=warmup,
            connections=args.connections,
            server=server,
        )
        claims_written = claim_count() - claims_before
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)

    # every 201 (warm-up included) must be exactly one new claim row, and nothing else was written
    unaccounted = abs(claims_written - (intake.ok + intake_warm))
    print()
    print(table([floor, intake]))
    print(
        f"claims written: {claims_written} ({intake.ok} measured + {intake_warm} warm-up; "
        f"{'all accounted for' if not unaccounted else f'{unaccounted} UNACCOUNTED FOR'})"
    )
    for r in (floor, intake):
        if r.errors:
            print(f"{r.name} errors by status: {dict(r.statuses)}; e.g. {r.samples}")
    errors = floor.errors + intake.errors + unaccounted
    ratio = intake.throughput / floor.throughput if floor.throughput else 0.0
    figures = {
        "bench": "intake",
        "size": intake.ok,
        "seconds": round(intake.seconds, 3),
        "floor_seconds": round(intake.ok / floor.throughput, 3) if floor.throughput else None,
        "ratio_to_floor": round(ratio, 3),
        "goal": GOAL,
        "meets_goal": bool(
            errors == 0 and intake.throughput >= GOAL_INTAKES_PER_SECOND and ratio >= GOAL_RATIO
        ),
        "intakes_per_second": round(intake.throughput, 1),
        "floor_requests_per_second": round(floor.throughput, 1),
        "p50_ms": round(intake.percentile_ms(0.5), 2),
        "p99_ms": round(intake.percentile_ms(0.99), 2),
        "floor_p50_ms": round(floor.percentile_ms(0.5), 2),
        "floor_p99_ms": round(floor.percentile_ms(0.99), 2),
        "errors": errors,
    }
    print(json.dumps(figures))
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted; the server was stopped", file=sys.stderr)
        sys.exit(130)
