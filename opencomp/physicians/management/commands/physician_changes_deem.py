"""Approve, as deemed approved, change-of-physician requests unanswered past their due date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencomp.core import clock
from opencomp.physicians.services import physician_changes_deem_approved


class Command(BaseCommand):
    help = (
        "Approve every change-of-physician request still unanswered after its due date (CO: 20 days, "
        "seed 003) with the reason 'deemed approved'. Idempotent: a second run approves nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", help="The day the sweep runs for (YYYY-MM-DD); default today (UTC).")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options.get("as_of")
        try:
            as_of = dt.date.fromisoformat(raw) if raw else clock.today_in("UTC")
        except ValueError:
            raise CommandError(f"--as-of: {raw!r} is not a date (YYYY-MM-DD)") from None
        result = physician_changes_deem_approved(as_of=as_of)
        for change in result.approved:
            self.stdout.write(
                f"{change.claim.number}: change to {change.doctor_name} deemed approved "
                f"(due {change.due_on.isoformat() if change.due_on else '-'})"
            )
        self.stdout.write(
            f"{len(result.approved)} change request(s) deemed approved as of {as_of.isoformat()}"
        )
