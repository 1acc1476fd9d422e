"""Claims for the benefits tests, opened through the real services on the book's parties.

The book's clock is Monday 2 November 2026, 15:00 UTC. The NSW claim is opened and
worked on Monday 28 October 2024 (the clock is moved back), so that the start of its
14th entitlement week is still ahead and the payment weeks fall where the rule pack
holds the NSW maximum (1 October 2024 to 31 March 2025).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from opencomp.benefits.calculators.aww import WageLine
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import ClaimDraft, claim_create

D = dt.date
NSW_NOW = dt.datetime(2024, 10, 28, 1, 0, tzinfo=dt.UTC)  # Mon 28 Oct 2024, 12:00 in Sydney


def open_claim(book, jurisdiction: str, injury: dt.date, *, nsw: bool = False) -> Claim:
    """A lost-time claim of the book's worker (NSW: the other worker, Harbour Insurance's)."""
    draft = ClaimDraft(
        jurisdiction=jurisdiction,
        employer=book.other_employer if nsw else book.employer,
        worker=book.other_worker if nsw else book.worker,
        injury_date=injury,
        employer_knowledge_date=injury + dt.timedelta(days=1),
        notification_date=injury + dt.timedelta(days=1),
        claim_type="lost_time",
        nature_of_injury="Strain",
        body_part="Lower back",
        description="Lifting a steel sheet onto the press.",
    )
    return claim_create(actor=None, draft=draft)


def lines(first: dt.date, count: int, amount: str, *, days: int = 14) -> tuple[WageLine, ...]:
    """``count`` consecutive pay periods of ``days`` days from ``first``, each paid ``amount``."""
    return tuple(
        WageLine(
            period_start=first + dt.timedelta(days=days * i),
            period_end=first + dt.timedelta(days=days * (i + 1) - 1),
            amount=Decimal(amount),
        )
        for i in range(count)
    )


def events(claim: Claim, kind: str | None = None) -> int:
    qs = ClaimEvent.objects.filter(claim=claim)
    return (qs.filter(kind=kind) if kind else qs).count()


@pytest.fixture
def co_claim(book) -> Claim:
    """CO, injured Fri 1 Sep 2023 (maximum TTD $1,293.25 for injuries in FY 2023-24)."""
    return open_claim(book, "CO", D(2023, 9, 1))


@pytest.fixture
def mn_claim(book) -> Claim:
    """MN, injured Sun 1 Dec 2024 (maximum $1,481.76 for injuries 1 Oct 2024 – 30 Sep 2025)."""
    return open_claim(book, "MN", D(2024, 12, 1))


@pytest.fixture
def nsw_claim(book):
    """NSW, injured Mon 14 Oct 2024; the clock stands at Mon 28 Oct 2024 while the test runs."""
    with time_machine.travel(NSW_NOW, tick=False):
        yield open_claim(book, "NSW", D(2024, 10, 14), nsw=True)
