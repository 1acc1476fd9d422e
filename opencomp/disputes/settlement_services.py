"""Settlement offers: drafted, approved by whoever must approve them, made, answered or withdrawn.

Seed 003 (a public-entity pool): "No settlement offers will be made without the approval of
the district and the pool." An offer on a pool member's claim therefore needs two approvals,
the member employer's (its WC coordinator) and the pool's (its administrator, or a claims
supervisor of the pool); an offer on any other claim needs a claims supervisor of the
administrator (``disputes.access.required_approvals``, fixed when the offer is drafted). The
shape is that of payment approvals (``payments.services.approval_decide``): the person who
drafted the offer never approves it, a refusal needs a reason, and each decision is a claim
event. An offer is made (``offered``) only once every required approval is given; a refused
approval ends the draft (draft a new offer).

Every service locks the claim and the offer before it reads the state, so two approvals
given at once are decided one after the other: the second for the same party is refused, and
the one that completes the set moves the offer to approved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import Conflict, ErrorCollector, PermissionDenied, ValidationFailed
from opencomp.disputes.access import (
    approval_parties_of,
    required_approvals,
    user_can_manage_disputes,
    who_approves,
)
from opencomp.disputes.common import local_date, money, past_date, text
from opencomp.disputes.enums import (
    CLOSED_DISPUTE,
    WITHDRAWABLE_OFFER,
    ApprovalParty,
    OfferResponse,
    OfferStatus,
)
from opencomp.disputes.models import Dispute, SettlementApproval, SettlementOffer

NOT_STAFF = "Only the claim's administrator drafts, makes and withdraws settlement offers."


def _require_manages(actor: User, claim: Claim) -> None:
    require(user_can_manage_disputes(actor, claim), NOT_STAFF)


def _locked(offer: SettlementOffer) -> tuple[Claim, SettlementOffer]:
    claim = claim_lock(offer.claim)
    return claim, SettlementOffer.objects.select_for_update().get(pk=offer.pk)


def _status_text(offer: SettlementOffer) -> str:
    return offer.get_status_display().lower()


def missing_approvals(offer: SettlementOffer) -> list[str]:
    """The required parties that have not approved ``offer`` yet."""
    given = set(offer.approvals.filter(approved=True).values_list("party", flat=True))
    return [p for p in offer.required_approvals if p not in given]


@transaction.atomic
def settlement_offer_draft(
    *, actor: User, claim: Claim, amount: Decimal, terms: str, dispute: Dispute | None = None
) -> SettlementOffer:
    """Draft an offer of ``amount`` on ``terms`` (optionally settling ``dispute``); appends
    ``settlement.drafted`` naming the approvals it needs.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``amount`` (not a positive amount in cents), ``terms`` or
            ``dispute`` (of another claim, or closed); nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    amount = money(errors, "amount", amount)
    terms = text(errors, "terms", terms, limit=4000, required="set out the terms of the offer")
    if dispute is not None and (dispute.claim_id != claim.pk or dispute.status in CLOSED_DISPUTE):
        errors.add("dispute", "must be a dispute of this claim that is not closed")
    errors.raise_if_any("The settlement offer was not drafted.")
    claim = claim_lock(claim)
    parties = required_approvals(claim)
    now = clock.now()
    offer = SettlementOffer.objects.create(
        claim=claim,
        dispute=dispute,
        amount=amount,
        terms=terms,
        required_approvals=[str(p) for p in parties],
        drafted_by=actor,
        drafted_at=now,
        drafted_seq=claim.last_event_seq + 1,  # the event appended next; checked below
        updated_at=now,
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.SETTLEMENT_DRAFTED,
        payload={
            "offer_id": offer.pk,
            "amount": amount,
            "terms": terms,
            "dispute_id": dispute.pk if dispute else None,
            "required_approvals": [str(p) for p in parties],
        },
    )
    if event.seq != offer.drafted_seq:
        offer.drafted_seq = event.seq
        offer.save(update_fields=["drafted_seq"])
    return offer


@transaction.atomic
def settlement_approval_decide(
    *, actor: User, offer: SettlementOffer, approve: bool, reason: str = ""
) -> SettlementOffer:
    """Approve (or refuse, with a reason) ``offer`` for the party ``actor`` speaks for; appends
    ``settlement.approval_decided``. The last required approval moves the offer to approved; a
    refusal moves it to approval refused.

    Raises:
        PermissionDenied: the actor drafted the offer, or speaks for none of the parties whose
            approval it needs.
        ValidationFailed: a refusal without a ``reason``.
        Conflict: the offer is no longer awaiting approval, or the actor's party already decided.
    """
    reason = " ".join((reason or "").split())
    if not approve and not reason:
        raise ValidationFailed.for_field("reason", "say why the offer is not approved")
    if len(reason) > 2000:
        raise ValidationFailed.for_field("reason", "must be at most 2000 characters")
    claim, offer = _locked(offer)
    if offer.drafted_by_id == actor.pk:
        raise PermissionDenied("You drafted this offer; its approval must come from someone else.")
    parties = approval_parties_of(actor, claim, list(offer.required_approvals))
    if not parties:
        needed = "; ".join(who_approves(p) for p in offer.required_approvals)
        raise PermissionDenied(f"This offer needs the approval of {needed}; you may not give it.")
    if offer.status != OfferStatus.DRAFTED:
        raise Conflict.for_field("status", f"the offer is {_status_text(offer)}, no longer awaiting approval")
    decided = set(offer.approvals.values_list("party", flat=True))
    pending = [p for p in parties if p not in decided]
    if not pending:
        labels = ", ".join(ApprovalParty(p).label.lower() for p in parties)
        raise Conflict.for_field("approval", f"{labels} already decided on this offer")
    party = pending[0]
    now = clock.now()
    approval = SettlementApproval.objects.create(
        offer=offer,
        party=party,
        approved=approve,
        reason=reason,
        decided_by=actor,
        decided_at=now,
        decided_seq=claim.last_event_seq + 1,  # the event appended next; checked below
    )
    if not approve:
        offer.status = OfferStatus.APPROVAL_REFUSED
    elif not missing_approvals(offer):
        offer.status = OfferStatus.APPROVED
    offer.updated_at = now
    offer.save(update_fields=["status", "updated_at"])
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.SETTLEMENT_APPROVAL_DECIDED,
        payload={
            "offer_id": offer.pk,
            "drafted_seq": offer.drafted_seq,
            "party": party,
            "approved": approve,
            "amount": offer.amount,
            "reason": reason,
        },
    )
    if event.seq != approval.decided_seq:
        approval.decided_seq = event.seq
        approval.save(update_fields=["decided_seq"])
    return offer


@transaction.atomic
def settlement_offer_make(
    *, actor: User, offer: SettlementOffer, offered_on: dt.date | None
) -> SettlementOffer:
    """The approved offer was made on ``offered_on``; appends ``settlement.offered``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``offered_on``, or ``status`` when approvals are missing or refused.
        Conflict: the offer was already made (or answered, or withdrawn).
    """
    _require_manages(actor, offer.claim)
    errors = ErrorCollector()
    past_date(
        errors, "offered_on", offered_on, offer.claim, not_before=local_date(offer.claim, offer.drafted_at)
    )
    errors.raise_if_any("The offer was not recorded as made.")
    claim, offer = _locked(offer)
    if offer.status == OfferStatus.DRAFTED:
        missing = "; ".join(who_approves(p) for p in missing_approvals(offer))
        raise ValidationFailed.for_field("status", f"the offer still needs the approval of {missing}")
    if offer.status != OfferStatus.APPROVED:
        problem = Conflict if offer.status != OfferStatus.APPROVAL_REFUSED else ValidationFailed
        raise problem.for_field(
            "status", f"the offer is {_status_text(offer)}; only an approved offer is made"
        )
    offer.status = OfferStatus.OFFERED
    offer.offered_on = offered_on
    offer.updated_at = clock.now()
    offer.save(update_fields=["status", "offered_on", "updated_at"])
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.SETTLEMENT_OFFERED,
        payload={
            "offer_id": offer.pk,
            "drafted_seq": offer.drafted_seq,
            "amount": offer.amount,
            "offered_on": offered_on,
        },
    )
    return offer


@transaction.atomic
def settlement_offer_respond(
    *, actor: User, offer: SettlementOffer, response: str, responded_on: dt.date | None, note: str = ""
) -> SettlementOffer:
    """The offer was accepted or rejected on ``responded_on``; appends ``settlement.responded``.

    Accepting an offer does not close its dispute or the claim: the adjuster resolves the
    dispute and finalises the claim (with its payment) through their own services.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``response``, ``responded_on``, ``note`` or ``status`` (not made).
        Conflict: the offer was already answered or withdrawn.
    """
    _require_manages(actor, offer.claim)
    errors = ErrorCollector()
    if response not in OfferResponse.values:
        errors.add("response", f"choose one of: {', '.join(OfferResponse.values)}")
    note = text(errors, "note", note, limit=2000)
    past_date(errors, "responded_on", responded_on, offer.claim, not_before=offer.offered_on)
    errors.raise_if_any("The answer to the offer was not recorded.")
    claim, offer = _locked(offer)
    if offer.status in {OfferStatus.ACCEPTED, OfferStatus.REJECTED, OfferStatus.WITHDRAWN}:
        raise Conflict.for_field("status", f"the offer was already {_status_text(offer)}")
    if offer.status != OfferStatus.OFFERED:
        raise ValidationFailed.for_field(
            "status", f"the offer is {_status_text(offer)}; it has not been made"
        )
    if responded_on is not None and offer.offered_on is not None and responded_on < offer.offered_on:
        raise ValidationFailed.for_field("responded_on", f"is before the offer was made ({offer.offered_on})")
    offer.status = response
    offer.responded_on = responded_on
    offer.response_note = note
    offer.updated_at = clock.now()
    offer.save(update_fields=["status", "responded_on", "response_note", "updated_at"])
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.SETTLEMENT_RESPONDED,
        payload={
            "offer_id": offer.pk,
            "drafted_seq": offer.drafted_seq,
            "response": response,
            "responded_on": responded_on,
            "note": note,
        },
    )
    return offer


@transaction.atomic
def settlement_offer_withdraw(*, actor: User, offer: SettlementOffer, reason: str) -> SettlementOffer:
    """Withdraw a drafted, approved or made offer, with the reason; appends ``settlement.withdrawn``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``reason``, or ``status`` (answered, or approval refused).
        Conflict: the offer was already withdrawn.
    """
    _require_manages(actor, offer.claim)
    errors = ErrorCollector()
    reason = text(errors, "reason", reason, limit=2000, required="say why the offer is withdrawn")
    errors.raise_if_any("The offer was not withdrawn.")
    claim, offer = _locked(offer)
    if offer.status == OfferStatus.WITHDRAWN:
        raise Conflict.for_field("status", "the offer was already withdrawn")
    if offer.status not in WITHDRAWABLE_OFFER:
        raise ValidationFailed.for_field(
            "status", f"the offer is {_status_text(offer)}; it cannot be withdrawn"
        )
    offer.status = OfferStatus.WITHDRAWN
    offer.withdrawn_reason = reason
    offer.updated_at = clock.now()
    offer.save(update_fields=["status", "withdrawn_reason", "updated_at"])
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.SETTLEMENT_WITHDRAWN,
        payload={"offer_id": offer.pk, "drafted_seq": offer.drafted_seq, "reason": reason},
    )
    return offer
