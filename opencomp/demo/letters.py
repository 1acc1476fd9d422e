"""Liability decisions and their letters on a few demo claims, through the real services.

``seed-demo`` calls :func:`seed_letters` after the benefits, financials and schedules. In
each jurisdiction, the first claims (by number) still waiting for a liability decision —
reported or under investigation, with an adjuster, a worker's postal address and an
establishment address for the employer — get a decision recorded by their adjuster
(``claims.liability_services``) and its letter issued (``letters.services``): printed as
PDF, kept on the claim's documents and recorded as the notice sent, to the worker and the
employer by mail. The decisions are ones that need no wage figures, so the sample is not
limited to claims with payroll:

- NSW: a reasonable excuse (insufficient medical information) and what the worker must do;
- Colorado: a notice of contest;
- Minnesota: primary liability accepted on a medical-only claim (a denial if there is none);
- Connecticut: a disclaimer.

The letters are the demo's only PDFs: about one second of printing each.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from opencomp.claims import lifecycle as lc
from opencomp.claims.enums import ClaimType
from opencomp.claims.liability_services import LiabilityInput, liability_decide
from opencomp.claims.models import Claim
from opencomp.letters.catalog import for_decision
from opencomp.letters.content import addressees
from opencomp.letters.services import RecipientInput, letter_issue

#: Claims given a decision and its letter in each jurisdiction.
PER_JURISDICTION = 2

NSW_ACTION = (
    "Please ask your nominated treating doctor for a certificate of capacity and send it to us, or give us "
    "your consent to contact the doctor directly. We will decide your claim within 7 days of receiving it."
)


@dataclass
class LetterCounts:
    decisions: int = 0
    letters: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return f"letters: {self.letters:,} notices issued as PDF for {self.decisions:,} liability decisions"


def _decision(claim: Claim) -> LiabilityInput:
    if claim.jurisdiction == "NSW":
        return LiabilityInput(
            decision="reasonable_excuse",
            excuses=("insufficient_medical_information",),
            worker_action=NSW_ACTION,
        )
    if claim.jurisdiction == "CO":
        return LiabilityInput(
            decision="contest",
            reasons="The claim is under investigation: the employer reports no witness to the incident and "
            "the first medical record describes a condition present before the date of injury.",
        )
    if claim.jurisdiction == "MN" and claim.claim_type == ClaimType.MEDICAL_ONLY:
        return LiabilityInput(decision="accepted")
    if claim.jurisdiction == "MN":
        return LiabilityInput(
            decision="denied", reasons="No medical evidence relates the condition to the employment."
        )
    return LiabilityInput(
        decision="disclaimer",
        reasons="The injury did not arise out of the employment: the worker was on an unpaid meal break off "
        "the agency's premises.",
    )


def _recipients(claim: Claim) -> list[RecipientInput] | None:
    """The worker and the employer by mail at the addresses the claim holds (``None`` if one is missing)."""
    found = [a for a in addressees(claim) if a.party in ("worker", "employer")]
    if any(not a.address for a in found):
        return None
    return [RecipientInput(a.party, a.name, "mail", address=a.address) for a in found]


def _candidates(jurisdiction: str) -> list[Claim]:
    waiting = (
        Claim.objects.filter(
            jurisdiction=jurisdiction,
            status__in=(lc.REPORTED, lc.UNDER_INVESTIGATION),
            assigned_adjuster__isnull=False,
            establishment__isnull=False,
        )
        .exclude(worker__street="")
        .select_related("worker", "employer", "establishment", "assigned_adjuster", "administrator")
        .order_by("number")
    )
    if jurisdiction == "MN":  # a medical-only acceptance first, when the book has one
        return sorted(waiting[:50], key=lambda c: (c.claim_type != ClaimType.MEDICAL_ONLY, c.number))
    return list(waiting[: PER_JURISDICTION * 5])


def seed_letters(*, write: Callable[[str], None] | None = None) -> LetterCounts:
    """Record a liability decision and issue its letter on a few claims of each jurisdiction."""
    started = time.monotonic()
    counts = LetterCounts()
    for jurisdiction in ("NSW", "CO", "MN", "CT"):
        done = 0
        for claim in _candidates(jurisdiction):
            recipients = _recipients(claim)
            if done == PER_JURISDICTION or recipients is None:
                continue
            adjuster = claim.assigned_adjuster
            if adjuster is None:  # filtered out above; kept for the type checker
                continue
            given = _decision(claim)
            letter = for_decision(claim.jurisdiction, given.decision)
            if letter is None:
                continue
            with transaction.atomic():
                claim = liability_decide(actor=adjuster, claim=claim, given=given)
                letter_issue(
                    actor=adjuster,
                    claim=claim,
                    template_id=letter.id,
                    recipients=recipients,
                    enclosures_confirmed=True,  # the demo adjuster encloses the CO brochure
                )
            counts.decisions += 1
            counts.letters += 1
            done += 1
    counts.seconds = time.monotonic() - started
    if write is not None:
        write(f"  {counts.letters} letters issued in {counts.seconds:.1f} s")
    return counts
