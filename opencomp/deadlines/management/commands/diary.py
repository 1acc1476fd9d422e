"""``opencomp diary recompute|escalate``: batch work on the obligations table."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencomp.deadlines.batch import RecomputeStats, recompute
from opencomp.deadlines.services import escalations_run
from opencomp.jurisdictions import JURISDICTIONS


class Command(BaseCommand):
    help = "Recompute every claim's obligations from the event log, or escalate overdue ones."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rec = sub.add_parser(
            "recompute", help="rebuild obligations from the event log (after a pack changes)"
        )
        rec.add_argument("--jurisdiction", default="", help="only this jurisdiction's claims")
        rec.add_argument("--chunk-size", type=int, default=5_000, help="claims per transaction")
        rec.add_argument("--quiet", action="store_true", help="no progress lines")
        esc = sub.add_parser("escalate", help="escalate overdue obligations to supervisors (once each)")
        esc.add_argument("--batch-size", type=int, default=500, help="claims per transaction")
        esc.add_argument("--quiet", action="store_true", help="no progress lines")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "recompute":
            self._recompute(opts)
        else:
            self._escalate(opts)

    def _recompute(self, opts: dict[str, Any]) -> None:
        code = opts["jurisdiction"]
        if code and code not in JURISDICTIONS:
            raise CommandError(f"--jurisdiction: unknown {code!r}; known: {', '.join(sorted(JURISDICTIONS))}")
        if opts["chunk_size"] < 1:
            raise CommandError("--chunk-size: must be at least 1")
        started = time.perf_counter()

        def progress(stats: RecomputeStats, total: int) -> None:
            if not opts["quiet"]:
                rate = stats.events / max(time.perf_counter() - started, 1e-9)
                sys.stderr.write(
                    f"\r{stats.claims:,}/{total:,} claims, {stats.events:,} events, "
                    f"{stats.obligations:,} obligations ({rate:,.0f} events/s)"
                )

        stats = recompute(jurisdiction=code, chunk_size=opts["chunk_size"], progress=progress)
        if not opts["quiet"]:
            sys.stderr.write("\n")
        self.stdout.write(
            json.dumps(
                {
                    "claims": stats.claims,
                    "events": stats.events,
                    "obligations": stats.obligations,
                    "seconds": round(stats.seconds, 3),
                }
            )
        )

    def _escalate(self, opts: dict[str, Any]) -> None:
        if opts["batch_size"] < 1:
            raise CommandError("--batch-size: must be at least 1")

        def progress(done: int) -> None:
            if not opts["quiet"]:
                sys.stderr.write(f"\r{done:,} escalated")

        count = escalations_run(batch_size=opts["batch_size"], progress=progress)
        if not opts["quiet"] and count:
            sys.stderr.write("\n")
        self.stdout.write(json.dumps({"escalated": count}))
