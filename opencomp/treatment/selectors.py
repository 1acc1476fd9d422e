"""Reads of treatment requests: a claim's requests with their decision deadline, one request."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.models import Claim
from opencomp.core.errors import NotFound
from opencomp.deadlines.models import Obligation
from opencomp.treatment.access import user_can_read_treatment
from opencomp.treatment.models import TreatmentRequest

#: The rule whose obligation is a request's decision deadline (NSW; other packs hold none).
DECISION_RULE = "nsw.treatment_decision"


@dataclass(frozen=True)
class TreatmentRow:
    """A request with the obligation its receipt started (the decision deadline), if any."""

    request: TreatmentRequest
    deadline: Obligation | None


def claim_treatment_requests(*, claim: Claim) -> QuerySet[TreatmentRequest]:
    """The claim's requests, latest received first."""
    return TreatmentRequest.objects.filter(claim=claim).select_related(
        "provider", "recorded_by", "decided_by"
    )


def treatment_rows(claim: Claim, requests: list[TreatmentRequest]) -> list[TreatmentRow]:
    """Each request with its decision deadline (one query for all)."""
    seqs = [r.received_seq for r in requests]
    started = {
        o.trigger_seq: o
        for o in Obligation.objects.filter(claim=claim, rule_id=DECISION_RULE, trigger_seq__in=seqs).order_by(
            "-instance"
        )
    }
    return [TreatmentRow(request=r, deadline=started.get(r.received_seq)) for r in requests]


def treatment_request_get_for_user(*, user: User, claim: Claim, pk: int) -> TreatmentRequest:
    """One request of ``claim`` that ``user`` may read.

    Raises:
        PermissionDenied: the user's role does not read the claim's treatment requests.
        NotFound: no such request on this claim.
    """
    require(user_can_read_treatment(user, claim), "Your role does not read this claim's treatment requests.")
    found = claim_treatment_requests(claim=claim).filter(pk=pk).first()
    if found is None:
        raise NotFound(f"Treatment request {pk} was not found on claim {claim.number}.")
    return found
