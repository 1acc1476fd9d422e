"""``manage.py triage_sweep [--on DATE] [--batch-size N] [--json]``: triage the untriaged book."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencomp.core import clock
from opencomp.triage.services import SWEEP_BATCH, triage_sweep


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--on: {value!r} is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = (
        "Triage, from the file alone, every claim still being handled that has never been triaged "
        "(provisional 'on_file' triage: the injury type the claim's words suggest, no psychosocial flag). "
        "Idempotent: a second run triages nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="the assessment day, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--batch-size", type=int, default=SWEEP_BATCH, help="claims locked per transaction"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON line instead of text")

    def handle(self, *args: Any, **opts: Any) -> None:
        on = _date(opts["on"]) if opts["on"] else clock.today()
        size = opts["batch_size"]
        if not 1 <= size <= 10_000:
            raise CommandError("--batch-size: give a number from 1 to 10000")
        quiet = opts["json"]

        def progress(count: int) -> None:
            if not quiet:
                self.stderr.write(f"  {count} claims triaged…")

        result = triage_sweep(on=on, batch_size=size, progress=progress)
        if quiet:
            self.stdout.write(
                json.dumps({"on": on.isoformat(), "triaged": result.triaged, "by_band": result.by_band})
            )
            return
        bands = ", ".join(f"{band} {n}" for band, n in sorted(result.by_band.items())) or "none"
        self.stdout.write(f"Triaged {result.triaged} claims from the file as at {on.isoformat()} ({bands}).")
