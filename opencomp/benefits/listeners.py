"""Claim-log listeners of the benefits context (registered in ``apps.py``).

A corrected injury date changes the statutory figures a weekly rate is keyed on,
so each decided benefit is decided again in the same transaction as the
correction; if a rate cannot be decided for the new date (no sourced maximum,
say) the correction is refused with the reason.
"""

from __future__ import annotations

from opencomp.benefits.services import benefits_redecide
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent


def decisions_on_event(claim: Claim, event: ClaimEvent) -> None:
    """Claims hook: re-decide each decided benefit when the injury date is corrected."""
    if event.kind != EventKind.DETAILS_CORRECTED:
        return
    changes = (event.payload or {}).get("changes") or {}
    if "injury_date" not in changes:
        return
    old, new = changes["injury_date"]
    benefits_redecide(
        claim=claim,
        actor=event.actor,
        reason=f"injury date corrected from {old} to {new} (event #{event.seq})",
    )
