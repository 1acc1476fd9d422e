"""An NSW claim ready to close, for the finalisation tests (imported by the API and web tests too).

The book's NSW claim (Tom Nguyen at Blue Gum Logistics, handled by Harbour Insurance's
``other_adjuster``) made ready for wage reimbursements (``payments.tests.reimbursement_setup``),
moved to open, its indemnity reserve released, every open obligation waived and the worker
and employer told of the intention to close: every closing check passes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from opencomp.claims.models import Claim
from opencomp.claims.services import claim_transition
from opencomp.deadlines.models import Obligation, ObligationStatus, Obligor
from opencomp.deadlines.services import obligation_waive
from opencomp.finalisation.services import closure_intention_record
from opencomp.payments.services import reserve_set
from opencomp.payments.tests.reimbursement_setup import wrs_claim_ready

ADVISED_ON = dt.date(2026, 10, 30)


def clear_diary(book: Any, claim: Claim) -> None:
    """Waive every open obligation of the administrator (a recurring one may start again: repeat)."""
    actor = book.users["other_adjuster"]
    for _ in range(5):
        rows = list(
            Obligation.objects.filter(
                claim=claim, status=ObligationStatus.OPEN, obligor=Obligor.ADMINISTRATOR
            )
        )
        if not rows:
            return
        for row in rows:
            obligation_waive(actor=actor, obligation=row, reason="Not needed: the claim is being closed")
    raise AssertionError("obligations keep reopening")


def tell(book: Any, claim: Claim, *parties: str) -> None:
    for party in parties:
        closure_intention_record(
            actor=book.users["other_adjuster"],
            claim=claim,
            party=party,
            channel="phone",
            advised_on=ADVISED_ON,
            summary="Advised we intend to close the claim; nothing is outstanding.",
        )


def ready_to_close(book: Any, *, told: tuple[str, ...] = ("worker", "employer")) -> Claim:
    claim = wrs_claim_ready(book)
    claim = claim_transition(actor=book.users["other_adjuster"], claim=claim, to_status="open")
    reserve_set(
        actor=book.users["admin"], claim=claim, category="indemnity", amount=Decimal("0"), reason="Not needed"
    )
    clear_diary(book, claim)
    tell(book, claim, *told)
    return Claim.objects.get(pk=claim.pk)
