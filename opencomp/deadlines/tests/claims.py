"""A claim opened through the real service, for tests that need one in a given jurisdiction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from opencomp.claims.models import Claim
from opencomp.claims.services import ClaimDraft, claim_create


def open_claim(book: Any, jurisdiction: str, **overrides: Any) -> Claim:
    """Maria's lost-time claim at Acme, injured Mon 26 Oct 2026, notified Tue 27 Oct (``overrides`` win)."""
    values: dict[str, Any] = dict(
        jurisdiction=jurisdiction,
        employer=book.employer,
        worker=book.worker,
        injury_date=dt.date(2026, 10, 26),
        employer_knowledge_date=dt.date(2026, 10, 26),
        notification_date=dt.date(2026, 10, 27),
        claim_type="lost_time",
        nature_of_injury="Fracture",
        body_part="Left wrist",
        description="Fell from a ladder.",
    )
    values.update(overrides)
    return claim_create(actor=book.users["adjuster"], draft=ClaimDraft(**values))
