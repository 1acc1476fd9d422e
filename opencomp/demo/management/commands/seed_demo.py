"""``opencomp seed-demo``: load the demo book (or a benchmark-sized one) into the database."""

from __future__ import annotations

import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import reset_queries, transaction

from opencomp.accounts.models import Organisation, User
from opencomp.claims.models import Claim
from opencomp.core import clock
from opencomp.deadlines import batch
from opencomp.deadlines.services import escalations_run
from opencomp.demo import DEMO_USERS, summary
from opencomp.demo import benefits as demo_benefits
from opencomp.demo import financials as demo_financials
from opencomp.demo import invoices as demo_invoices
from opencomp.demo import letters as demo_letters
from opencomp.demo import schedules as demo_schedules
from opencomp.demo.book import MIN_CLAIMS, BookBuilder, check_paths
from opencomp.demo.fixed import build_fixed
from opencomp.demo.reset import flush_database
from opencomp.parties.models import Worker
from opencomp.triage.services import triage_sweep

DEFAULT_SEED = 20240611


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def existing_data() -> dict[str, int]:
    """What is already in the database that a demo book would collide with."""
    found = {
        "claims": Claim.objects.count(),
        "organisations": Organisation.objects.count(),
        "workers": Worker.objects.count(),
        "demo logins": User.objects.filter(username__in=DEMO_USERS.values()).count(),
    }
    return {k: v for k, v in found.items() if v}


class Command(BaseCommand):
    help = (
        "Load a realistic synthetic demo book: organisations in CO, CT, MN and NSW, one login per role "
        "(password opencomp-demo), workers, the incident log, injury reports and N claims at every stage "
        "with their event logs. Deterministic for a given --seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--claims", type=int, default=300, help="Number of claims (default 300).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed (default fixed).")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Wipe the whole database (every table, with Django's flush) before loading.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (but list the demo logins) when the database already holds data.",
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")
        parser.add_argument(
            "--chunk-size", type=int, default=2000, help="Claims generated and written per batch."
        )
        parser.add_argument(
            "--no-copy",
            action="store_true",
            help="On PostgreSQL, write claim events with bulk_create instead of COPY "
            "(slower; for comparison).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        n, seed, quiet = options["claims"], options["seed"], options["quiet"]
        if n < MIN_CLAIMS:
            raise CommandError(
                f"--claims must be at least {MIN_CLAIMS} (one claim for every status and "
                "jurisdiction and the demo worker's claims)."
            )
        if options["chunk_size"] < 1:
            raise CommandError("--chunk-size must be positive.")
        check_paths()
        found = existing_data()
        if found and not options["reset"]:
            held = ", ".join(f"{v:,} {k}" for k, v in found.items())
            if options["if_empty"]:
                if not quiet:
                    self.stdout.write(
                        f"The database already holds data ({held}); the demo book was not loaded."
                    )
                    self._logins()
                return
            raise CommandError(
                f"The database already holds {held}. seed-demo loads a book into an empty database only: "
                "run it with --reset to wipe the whole database and load a fresh demo book, "
                "or with --if-empty to keep what is there. Nothing was changed."
            )

        started = time.monotonic()
        last_decile = [-1]

        def progress(done: int, total: int, elapsed: float) -> None:
            if quiet:
                return
            decile = done * 10 // total
            if decile == last_decile[0] and done != total:
                return
            last_decile[0] = decile
            rate = done / elapsed if elapsed > 0 else 0.0
            left = (total - done) / rate if rate else 0.0
            self.stdout.write(
                f"  {done * 100 // total:3d}%  {done:>9,}/{total:,} claims  {rate:,.0f} claims/s  "
                f"elapsed {_clock(elapsed)}  left ~{_clock(left)}"
            )

        if not quiet:
            self.stdout.write(f"Loading a demo book of {n:,} claims (seed {seed})…")
        with transaction.atomic():
            if options["reset"]:
                if not quiet and found:
                    self.stdout.write("Wiping the database (--reset)…")
                flush_database()
            rng = random.Random(seed)
            fixed = build_fixed(rng)
            builder = BookBuilder(
                fixed,
                seed=seed,
                claims=n,
                rng=rng,
                progress=progress,
                chunk_size=options["chunk_size"],
                copy_events=not options["no_copy"],
            )
            counts = builder.build()
            benefits = self._benefits(seed, quiet)
            counts.events += benefits.events
            financials = self._financials(seed, quiet)
            counts.events += financials.events
            schedules = self._schedules(quiet)
            counts.events += schedules.events
            letters = self._letters(quiet)
            triaged = self._triage(quiet)
            self._deadlines(quiet)
        elapsed = time.monotonic() - started
        if quiet:
            return
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo book loaded in {elapsed:.1f} s: {counts.claims:,} claims, {counts.events:,} events, "
                f"{counts.workers:,} workers, {counts.incidents:,} incidents, "
                f"{counts.reports:,} injury reports."
            )
        )
        self.stdout.write("")
        for line in summary.book_table():
            self.stdout.write(line)
        self.stdout.write(summary.totals_line())
        self.stdout.write(benefits.summary())
        self.stdout.write(financials.summary())
        self.stdout.write(schedules.summary())
        self.stdout.write(letters.summary())
        self.stdout.write(triaged)
        for line in summary.deadlines_lines(clock.now(), clock.today()):
            self.stdout.write(line)
        self.stdout.write("")
        self._logins()

    def _benefits(self, seed: int, quiet: bool) -> demo_benefits.BenefitCounts:
        """Wage statements, rate decisions and paid periods on a bounded sample of lost-time claims,
        through the benefits services (their events are the latest on those claims' logs)."""
        if not quiet:
            self.stdout.write(
                "Recording wage statements, benefit rates and paid periods on a sample of claims…"
            )
        counts = demo_benefits.seed_benefits(seed=seed, write=None if quiet else self.stdout.write)
        if not quiet:
            self.stdout.write(counts.details())
        return counts

    def _financials(self, seed: int, quiet: bool) -> demo_financials.FinancialCounts:
        """Payment authority for the staff; reserves, payments (the benefit periods paid), approvals,
        voids and recoveries on a bounded sample of lost-time claims, through the payments services."""
        if not quiet:
            self.stdout.write(
                "Setting reserves, issuing payments and recording recoveries on a sample of claims…"
            )
        counts = demo_financials.seed_financials(seed=seed, write=None if quiet else self.stdout.write)
        demo_invoices.seed_invoices(seed=seed, write=None if quiet else self.stdout.write)
        if not quiet:
            self.stdout.write(counts.details())
        return counts

    def _schedules(self, quiet: bool) -> demo_schedules.ScheduleCounts:
        """Payment schedules on a bounded sample of accepted claims, then one payment run for the book."""
        if not quiet:
            self.stdout.write("Starting payment schedules and running the payments due…")
        counts = demo_schedules.seed_schedules(write=None if quiet else self.stdout.write)
        if not quiet:
            self.stdout.write(counts.details())
        return counts

    def _letters(self, quiet: bool) -> demo_letters.LetterCounts:
        """A liability decision and its letter (a PDF on the claim) on a few claims of each jurisdiction."""
        if not quiet:
            self.stdout.write("Recording liability decisions and issuing their letters on a few claims…")
        return demo_letters.seed_letters(write=None if quiet else self.stdout.write)

    def _triage(self, quiet: bool) -> str:
        """A provisional risk triage from the file of every claim still handled (the book-wide sweep)."""
        if not quiet:
            self.stdout.write("Triaging the open claims from the file…")
        result = triage_sweep(on=clock.today(), progress=lambda n: reset_queries())
        bands = ", ".join(f"{band} {n:,}" for band, n in sorted(result.by_band.items()))
        return f"Risk triage (provisional, from the file): {result.triaged:,} claims ({bands})."

    def _deadlines(self, quiet: bool) -> None:
        """Obligations from the generated logs (the claims services' hooks did not run for the
        bulk-written events), then one escalation sweep so overdue items reach the supervisors."""
        started = time.monotonic()
        last_decile = [-1]

        def progress(stats: batch.RecomputeStats, total: int) -> None:
            reset_queries()  # DEBUG=1 would otherwise keep every statement
            decile = stats.claims * 10 // max(total, 1)
            if quiet or (decile == last_decile[0] and stats.claims < total):
                return
            last_decile[0] = decile
            self.stdout.write(
                f"  {stats.claims * 100 // max(total, 1):3d}%  {stats.claims:>9,}/{total:,} claims  "
                f"{stats.obligations:,} obligations  elapsed {_clock(time.monotonic() - started)}"
            )

        if not quiet:
            self.stdout.write("Computing deadlines from the claim logs…")
        batch.recompute(progress=progress)
        escalated = escalations_run(progress=lambda n: reset_queries())
        if not quiet:
            self.stdout.write(f"  escalated {escalated:,} overdue obligations to the supervisors")

    def _logins(self) -> None:
        self.stdout.write("Demo logins:")
        for line in summary.logins_table():
            self.stdout.write(f"  {line}")
