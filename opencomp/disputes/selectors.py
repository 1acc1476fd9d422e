"""Reads of disputes, hearings and settlement offers; what the user may not see is left out or
"not found" (ADR 0002). The caller has obtained the claim through ``claims.access``."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from opencomp.accounts.models import User
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.core.errors import NotFound, PermissionDenied
from opencomp.disputes.access import user_can_view_settlements, visible_dispute_kinds
from opencomp.disputes.enums import DISPUTABLE
from opencomp.disputes.models import (
    Dispute,
    Hearing,
    HearingOrder,
    HearingRepresentative,
    SettlementApproval,
    SettlementOffer,
)

SETTLEMENTS_HIDDEN = "Settlement offers are shown to the claim's administrator, employer and regulator only."


def claim_disputes(*, user: User, claim: Claim) -> QuerySet[Dispute]:
    """The claim's disputes ``user`` may see (treatment disputes only with medical detail), newest first."""
    return Dispute.objects.filter(
        claim=claim, kind__in=sorted(visible_dispute_kinds(user, claim))
    ).select_related("reviewer", "recorded_by")


def dispute_get(*, user: User, claim: Claim, pk: int) -> Dispute:
    """One dispute of the claim, or ``NotFound`` when it is missing or its kind is hidden from ``user``."""
    dispute = claim_disputes(user=user, claim=claim).filter(pk=pk).first()
    if dispute is None:
        raise NotFound(f"Dispute {pk} was not found on claim {claim.number}.")
    return dispute


def claim_hearings(*, claim: Claim) -> QuerySet[Hearing]:
    """The claim's hearings by date, with their representatives and orders."""
    return (
        Hearing.objects.filter(claim=claim)
        .select_related("dispute")
        .prefetch_related(
            Prefetch("representatives", queryset=HearingRepresentative.objects.order_by("pk")),
            Prefetch("orders", queryset=HearingOrder.objects.order_by("due_on", "pk")),
        )
    )


def hearing_get(*, claim: Claim, pk: int) -> Hearing:
    hearing = claim_hearings(claim=claim).filter(pk=pk).first()
    if hearing is None:
        raise NotFound(f"Hearing {pk} was not found on claim {claim.number}.")
    return hearing


def hearing_order_get(*, hearing: Hearing, pk: int) -> HearingOrder:
    order = HearingOrder.objects.filter(hearing=hearing, pk=pk).select_related("hearing").first()
    if order is None:
        raise NotFound(f"Order {pk} was not found on that hearing.")
    return order


def claim_settlement_offers(*, user: User, claim: Claim) -> QuerySet[SettlementOffer]:
    """The claim's settlement offers, newest first.

    Raises:
        PermissionDenied: ``user`` sees the claim but not its settlement offers (worker, provider).
    """
    if not user_can_view_settlements(user, claim):
        raise PermissionDenied(SETTLEMENTS_HIDDEN)
    return (
        SettlementOffer.objects.filter(claim=claim)
        .select_related("drafted_by", "dispute")
        .prefetch_related(
            Prefetch(
                "approvals", queryset=SettlementApproval.objects.select_related("decided_by").order_by("pk")
            )
        )
    )


def settlement_offer_get(*, user: User, claim: Claim, pk: int) -> SettlementOffer:
    offer = claim_settlement_offers(user=user, claim=claim).filter(pk=pk).first()
    if offer is None:
        raise NotFound(f"Settlement offer {pk} was not found on claim {claim.number}.")
    return offer


def reviewer_candidates(*, claim: Claim) -> QuerySet[User]:
    """Claims users of the claim's administrator who may be named reviewer (the service checks the rest)."""
    return User.objects.filter(
        organisation_id=claim.administrator_id, role__in=["adjuster", "supervisor"], is_active=True
    ).order_by("last_name", "first_name", "pk")


def disputable_decisions(*, claim: Claim) -> QuerySet[ClaimEvent]:
    """The claim's events a dispute may contest (the service checks the kind fits), newest first."""
    kinds = sorted(set().union(*DISPUTABLE.values()))
    return ClaimEvent.objects.filter(claim=claim, kind__in=kinds).order_by("-seq")
