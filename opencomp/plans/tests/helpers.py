"""Weekly payments for the plans tests: ledger entries and the cover rows of their days (bare ORM)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from opencomp.payments.enums import Account, Category, EntryKind
from opencomp.payments.models import IndemnityCover, LedgerEntry, LedgerLine


def pay(claim, first: dt.date, last: dt.date) -> None:
    """A weekly payment for ``first``–``last`` and the cover row of its days (bare ORM)."""
    entry = LedgerEntry.objects.create(
        claim=claim,
        kind=EntryKind.PAYMENT,
        category=Category.INDEMNITY,
        occurred_on=last,
        recorded_at=dt.datetime(2026, 11, 2, tzinfo=dt.UTC),
        benefit="weekly",
        period_start=first,
        period_end=last,
    )
    for account, amount in ((Account.PAID, "1425.00"), (Account.DISBURSED, "-1425.00")):
        LedgerLine.objects.create(
            entry=entry, claim=claim, account=account, category=Category.INDEMNITY, amount=Decimal(amount)
        )
    IndemnityCover.objects.create(entry=entry, claim=claim, benefit="weekly", first_day=first, last_day=last)


def pay_weeks(claim, first: dt.date, weeks: int) -> None:
    for i in range(weeks):
        start = first + dt.timedelta(days=7 * i)
        pay(claim, start, start + dt.timedelta(days=6))
