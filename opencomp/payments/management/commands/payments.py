"""``opencomp payments run --through DATE``: issue every due payment schedule period in the book.

``opencomp payments bank-file --country AU|US --from DATE --to DATE --user NAME [--out PATH]``: write
the bank payment file of the range's EFT payments not yet in a file (``payments.payment_files``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencomp.jurisdictions import JURISDICTIONS
from opencomp.payments.run import RunStats, payment_run

HELD_SHOWN = 20


def _date(text: str, option: str = "--through") -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Issue every payment schedule period due by a date, for the whole book (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="issue every period whose last day is on or before --through")
        run.add_argument("--through", required=True, help="last day of the periods to pay (YYYY-MM-DD)")
        run.add_argument("--jurisdiction", default="", help="only this jurisdiction's claims")
        run.add_argument("--chunk-size", type=int, default=10_000, help="schedules per transaction")
        run.add_argument(
            "--workers",
            type=int,
            default=None,
            help="ranges run at once on PostgreSQL, one connection each (default: one per core, at most 4)",
        )
        run.add_argument("--dry-run", action="store_true", help="work everything out, write nothing")
        run.add_argument("--quiet", action="store_true", help="no progress lines")
        bank = sub.add_parser("bank-file", help="write the bank file of a range's EFT payments not in one")
        bank.add_argument("--country", required=True, choices=["AU", "US"], help="AU: ABA; US: NACHA PPD")
        bank.add_argument("--from", dest="date_from", required=True, help="first payment date (YYYY-MM-DD)")
        bank.add_argument("--to", dest="date_to", required=True, help="last payment date (YYYY-MM-DD)")
        bank.add_argument("--user", required=True, help="the supervisor or administrator (username)")
        bank.add_argument("--out", default="", help="where to write the file (default: its own name, here)")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "bank-file":
            self._bank_file(opts)
            return
        through = _date(opts["through"])
        code = opts["jurisdiction"]
        if code and code not in JURISDICTIONS:
            raise CommandError(f"--jurisdiction: unknown {code!r}; known: {', '.join(sorted(JURISDICTIONS))}")
        if opts["chunk_size"] < 1:
            raise CommandError("--chunk-size: must be at least 1")
        if opts["workers"] is not None and opts["workers"] < 1:
            raise CommandError("--workers: must be at least 1")
        started = time.perf_counter()

        def progress(stats: RunStats, total: int) -> None:
            if not opts["quiet"]:
                sys.stderr.write(
                    f"\r{stats.due_schedules:,}/{total:,} schedules due, {stats.payments:,} payments "
                    f"(${stats.amount:,}), {len(stats.held):,} held, {time.perf_counter() - started:.1f} s"
                )

        stats = payment_run(
            through=through,
            jurisdiction=code,
            chunk_size=opts["chunk_size"],
            dry_run=opts["dry_run"],
            workers=opts["workers"],
            progress=progress,
        )
        if not opts["quiet"]:
            sys.stderr.write("\n")
            for held in stats.held[:HELD_SHOWN]:
                sys.stderr.write(
                    f"held: {held.claim_number} schedule #{held.schedule_id} period {held.period_no}: "
                    f"{held.reason}\n"
                )
            if len(stats.held) > HELD_SHOWN:
                sys.stderr.write(f"… and {len(stats.held) - HELD_SHOWN:,} more held\n")
        self.stdout.write(
            json.dumps(
                {
                    "through": through.isoformat(),
                    "dry_run": opts["dry_run"],
                    "due_schedules": stats.due_schedules,
                    "schedules_paid": stats.schedules_paid,
                    "payments": stats.payments,
                    "periods": stats.periods,
                    "amount": str(stats.amount),
                    "commenced": stats.commenced,
                    "ended": stats.ended,
                    "held": len(stats.held),
                    "held_by_reason": dict(stats.held_by_reason()),
                    "obligations_rebuilt": stats.obligations_rebuilt,
                    "set_based_payments": stats.set_based_payments,
                    "workers": stats.workers,
                    "seconds": round(stats.seconds, 3),
                }
            )
        )

    def _bank_file(self, opts: dict[str, Any]) -> None:
        from opencomp.accounts.models import User
        from opencomp.core.errors import ApplicationError
        from opencomp.payments.payment_files import payment_file_export

        user = User.objects.filter(username=opts["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"--user: no active user {opts['user']!r}")
        try:
            file, excluded = payment_file_export(
                actor=user,
                country=opts["country"],
                date_from=_date(opts["date_from"], "--from"),
                date_to=_date(opts["date_to"], "--to"),
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        out = Path(opts["out"] or file.file_name)
        out.write_bytes(file.content.encode("ascii"))
        for e in excluded:
            what = f"{e.claim_number} #{e.entry_id} {e.payee_name} {e.amount}"
            sys.stderr.write(f"excluded: {what}: {e.reason}\n")
        self.stdout.write(
            json.dumps(
                {
                    "file_id": file.pk,
                    "file_name": file.file_name,
                    "written_to": str(out),
                    "payments": file.line_count,
                    "total": str(file.total),
                    "excluded": len(excluded),
                    "sha256": file.sha256,
                }
            )
        )
