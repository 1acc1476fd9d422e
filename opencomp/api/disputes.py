"""Disputes and their internal review, hearings and their orders, settlement offers and their approvals.

Whoever sees a claim sees its disputes (treatment disputes only with the claim's medical
detail) and hearings; settlement offers everyone but the worker and treating providers (403).
The claim's administrator (claims staff who may work it) records them; the internal review's
outcome only its reviewer; a settlement offer's approvals only those whose approval it needs
(a pool member's claim: the district and the pool; any other: a claims supervisor), never the
person who drafted it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.accounts.models import User
from opencomp.api.auth import user_of
from opencomp.api.errors import field_not_found, input_names, responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import PageParams
from opencomp.claims.access import claim_get_for_user, require
from opencomp.claims.models import Claim
from opencomp.core.errors import NotFound
from opencomp.disputes.access import user_can_manage_disputes
from opencomp.disputes.enums import FORUMS, DisputeKind, OfferResponse, ReviewOutcome
from opencomp.disputes.hearing_services import (
    OrderInput,
    RepresentativeInput,
    hearing_adjourn,
    hearing_cancel,
    hearing_order_comply,
    hearing_outcome_record,
    hearing_schedule,
)
from opencomp.disputes.models import Dispute, Hearing, SettlementOffer
from opencomp.disputes.selectors import (
    claim_disputes,
    claim_hearings,
    claim_settlement_offers,
    dispute_get,
    hearing_get,
    hearing_order_get,
    settlement_offer_get,
)
from opencomp.disputes.services import (
    dispute_close,
    dispute_escalate,
    dispute_raise,
    dispute_review_record,
    dispute_review_start,
)
from opencomp.disputes.settlement_services import (
    missing_approvals,
    settlement_approval_decide,
    settlement_offer_draft,
    settlement_offer_make,
    settlement_offer_respond,
    settlement_offer_withdraw,
)

router = Router(tags=["Disputes"])

if TYPE_CHECKING:
    KindName = str
    OutcomeName = str
    ResponseName = str
else:
    KindName = Literal[tuple(DisputeKind.values)]
    OutcomeName = Literal[tuple(ReviewOutcome.values)]
    ResponseName = Literal[tuple(OfferResponse.values)]

MONEY = 'An amount as a decimal string with at most two places ("25000.00").'
FORUM_CODES = ", ".join(f"`{f.code}` ({f.jurisdiction})" for f in FORUMS)
STAFF = "Claims staff who work the claim."


def _name(user: User | None) -> str:
    return "" if user is None else (user.get_full_name() or user.username)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- disputes -------------------------------------------------------------------------------------


class DisputeOut(BaseModel):
    id: int
    claim_number: str
    kind: str
    raised_by: str = Field(description="`worker`, `employer`, `provider` or `attorney`.")
    raised_by_name: str
    raised_on: dt.date
    decision_seq: int = Field(description="The claim event of the decision disputed.")
    decision_kind: str
    grounds: str
    status: str = Field(
        description="`open`, `under_review`, `reviewed`, `escalated`, `resolved` or `withdrawn`."
    )
    raised_seq: int
    reviewer: str
    review_outcome: str = Field(description="`upheld`, `varied`, `overturned`, or empty.")
    review_reasons: str
    follow_up: str = Field(description="What the adjuster records after a varied or overturned decision.")
    escalated_to: str
    escalated_on: dt.date | None
    escalation_reference: str
    closed_on: dt.date | None
    outcome: str

    @classmethod
    def of(cls, d: Dispute) -> DisputeOut:
        return cls(
            id=d.pk,
            claim_number=d.claim.number,
            kind=d.kind,
            raised_by=d.raised_by,
            raised_by_name=d.raised_by_name,
            raised_on=d.raised_on,
            decision_seq=d.decision_seq,
            decision_kind=d.decision_kind,
            grounds=d.grounds,
            status=d.status,
            raised_seq=d.raised_seq,
            reviewer=_name(d.reviewer),
            review_outcome=d.review_outcome,
            review_reasons=d.review_reasons,
            follow_up=d.follow_up,
            escalated_to=d.escalated_to,
            escalated_on=d.escalated_on,
            escalation_reference=d.escalation_reference,
            closed_on=d.closed_on,
            outcome=d.outcome,
        )


class DisputePage(BaseModel):
    count: int
    items: list[DisputeOut]


class DisputeIn(_In):
    kind: KindName
    raised_by: Literal["worker", "employer", "provider", "attorney"]
    raised_by_name: str = Field("", max_length=200)
    raised_on: dt.date
    decision_seq: int = Field(ge=1, description="The claim event of the decision disputed.")
    grounds: str = Field(max_length=4000)


class ReviewStartIn(_In):
    reviewer_id: int = Field(description="A claims user of the claim who had no part in the decision.")


class ReviewOutcomeIn(_In):
    outcome: OutcomeName
    reasons: str = Field(max_length=4000)


class EscalationIn(_In):
    to: str = Field(max_length=200, description="The body it went to (a commission, a court, an ombudsman).")
    on: dt.date
    reference: str = Field("", max_length=100)


class ResolutionIn(_In):
    status: Literal["resolved", "withdrawn"]
    note: str = Field(max_length=4000, description="How it was resolved, or why it was withdrawn.")
    on: dt.date


def _claim(request: HttpRequest, number: str) -> Claim:
    return claim_get_for_user(number=number, user=user_of(request))


def _dispute(request: HttpRequest, number: str, dispute_id: int) -> tuple[User, Dispute]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    return user, dispute_get(user=user, claim=claim, pk=dispute_id)


@router.get(
    "/claims/{number}/disputes",
    **responses({200: DisputePage}, 400, 404),
    summary="A claim's disputes",
    description="Newest first. Whoever sees the claim; treatment disputes only with its medical detail.",
)
def claim_dispute_list(request: HttpRequest, number: str, query: Query[PageParams]) -> DisputePage:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    count, items = page_of(claim_disputes(user=user, claim=claim), query)
    return DisputePage(count=count, items=[DisputeOut.of(d) for d in items])


@router.post(
    "/claims/{number}/disputes",
    **responses({201: DisputeOut}, 400, 403, 404),
    summary="Record a dispute",
    description="A party disputes the decision of event `decision_seq`: a liability dispute contests "
    "`liability.decided`; treatment, `request.decided` on a treatment request; work capacity, "
    "`milestone.recorded` of a work capacity decision; benefits, `benefit.rate_decided`, "
    "`indemnity.suspended` or `payment_schedule.stopped`. One live dispute per decision. Appends "
    f"`dispute.raised`. {STAFF}",
)
def claim_dispute_raise(request: HttpRequest, number: str, body: DisputeIn) -> Status[DisputeOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    dispute = dispute_raise(actor=user, claim=claim, **body.model_dump())
    return Status(201, DisputeOut.of(dispute))


@router.post(
    "/claims/{number}/disputes/{dispute_id}/review",
    **responses({200: DisputeOut}, 400, 403, 404, 409),
    summary="Start the internal review",
    description="Names the reviewer: a claims user who may work the claim and had no part in the original "
    "decision (not its maker, not the team manager who signed it off, not whoever recorded the decision it "
    f"corrected), refused naming `reviewer_id`. 409 when already under review. {STAFF}",
)
def dispute_review_start_api(
    request: HttpRequest, number: str, dispute_id: int, body: ReviewStartIn
) -> DisputeOut:
    user, dispute = _dispute(request, number, dispute_id)
    require(user_can_manage_disputes(user, dispute.claim), "Only the claim's administrator starts a review.")
    reviewer = User.objects.filter(pk=body.reviewer_id).first()
    if reviewer is None:
        raise field_not_found("reviewer_id", "user", body.reviewer_id)
    with input_names(reviewer="reviewer_id"):
        return DisputeOut.of(dispute_review_start(actor=user, dispute=dispute, reviewer=reviewer))


@router.post(
    "/claims/{number}/disputes/{dispute_id}/review-outcome",
    **responses({200: DisputeOut}, 400, 403, 404, 409),
    summary="Record the internal review's outcome",
    description="Upheld, varied or overturned, with reasons; only the reviewer. A varied or overturned "
    "decision is not changed by this: `follow_up` says what to record next (a new liability decision…). "
    "Appends `dispute.reviewed`.",
)
def dispute_review_record_api(
    request: HttpRequest, number: str, dispute_id: int, body: ReviewOutcomeIn
) -> DisputeOut:
    user, dispute = _dispute(request, number, dispute_id)
    return DisputeOut.of(dispute_review_record(actor=user, dispute=dispute, **body.model_dump()))


@router.post(
    "/claims/{number}/disputes/{dispute_id}/escalation",
    **responses({200: DisputeOut}, 400, 403, 404),
    summary="Record an external escalation",
    description=f"The dispute went to a body outside the administrator. Appends `dispute.escalated`. {STAFF}",
)
def dispute_escalate_api(
    request: HttpRequest, number: str, dispute_id: int, body: EscalationIn
) -> DisputeOut:
    user, dispute = _dispute(request, number, dispute_id)
    return DisputeOut.of(dispute_escalate(actor=user, dispute=dispute, **body.model_dump()))


@router.post(
    "/claims/{number}/disputes/{dispute_id}/resolution",
    **responses({200: DisputeOut}, 400, 403, 404, 409),
    summary="Resolve or withdraw a dispute",
    description=f"Appends `dispute.resolved` or `dispute.withdrawn`. {STAFF}",
)
def dispute_close_api(request: HttpRequest, number: str, dispute_id: int, body: ResolutionIn) -> DisputeOut:
    user, dispute = _dispute(request, number, dispute_id)
    return DisputeOut.of(dispute_close(actor=user, dispute=dispute, **body.model_dump()))


# --- hearings -------------------------------------------------------------------------------------


class RepresentativeIO(_In):
    name: str = Field(max_length=200)
    firm: str = Field("", max_length=200)
    side: Literal["worker", "employer", "insurer", "other"]


class OrderOut(BaseModel):
    id: int
    description: str
    due_on: dt.date
    recorded_seq: int = Field(
        description="Its `hearing.order_recorded` event (the diary obligation's trigger)."
    )
    complied_on: dt.date | None
    compliance_note: str


class HearingOut(BaseModel):
    id: int
    claim_number: str
    dispute_id: int | None
    forum: str
    forum_name: str
    starts_at: dt.datetime
    location: str
    status: str = Field(description="`scheduled`, `adjourned` (to `starts_at`), `held` or `cancelled`.")
    outcome: str
    cancel_reason: str
    scheduled_seq: int
    representatives: list[RepresentativeIO]
    orders: list[OrderOut]

    @classmethod
    def of(cls, h: Hearing) -> HearingOut:
        return cls(
            id=h.pk,
            claim_number=h.claim.number,
            dispute_id=h.dispute_id,
            forum=h.forum,
            forum_name=h.forum_name,
            starts_at=h.starts_at,
            location=h.location,
            status=h.status,
            outcome=h.outcome,
            cancel_reason=h.cancel_reason,
            scheduled_seq=h.scheduled_seq,
            representatives=[
                RepresentativeIO(name=r.name, firm=r.firm, side=r.side)  # type: ignore[arg-type]
                for r in h.representatives.all()
            ],
            orders=[
                OrderOut(
                    id=o.pk,
                    description=o.description,
                    due_on=o.due_on,
                    recorded_seq=o.recorded_seq,
                    complied_on=o.complied_on,
                    compliance_note=o.compliance_note,
                )
                for o in h.orders.all()
            ],
        )


class HearingPage(BaseModel):
    count: int
    items: list[HearingOut]


class HearingIn(_In):
    forum: str = Field(description=f"One of the claim's jurisdiction's forums: {FORUM_CODES}.")
    forum_name: str = Field("", max_length=200, description="The forum's name, for `other`.")
    starts_at: dt.datetime = Field(description="ISO 8601 with its offset.")
    location: str = Field(max_length=300, description="An address, a room, or a link.")
    dispute_id: int | None = None
    representatives: list[RepresentativeIO] = Field(default_factory=list, max_length=20)


class AdjournmentIn(_In):
    to_starts_at: dt.datetime
    reason: str = Field(max_length=2000)


class CancellationIn(_In):
    reason: str = Field(max_length=2000)


class OrderIn(_In):
    description: str = Field(max_length=200)
    due_on: dt.date


class OutcomeIn(_In):
    outcome: str = Field(max_length=4000)
    orders: list[OrderIn] = Field(default_factory=list, max_length=20)


class ComplianceIn(_In):
    complied_on: dt.date
    note: str = Field("", max_length=2000)


def _hearing(request: HttpRequest, number: str, hearing_id: int) -> tuple[User, Hearing]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    return user, hearing_get(claim=claim, pk=hearing_id)


@router.get(
    "/claims/{number}/hearings",
    **responses({200: HearingPage}, 400, 404),
    summary="A claim's hearings",
    description="By date, with representatives and orders. Whoever sees the claim.",
)
def claim_hearing_list(request: HttpRequest, number: str, query: Query[PageParams]) -> HearingPage:
    count, items = page_of(claim_hearings(claim=_claim(request, number)), query)
    return HearingPage(count=count, items=[HearingOut.of(h) for h in items])


@router.post(
    "/claims/{number}/hearings",
    **responses({201: HearingOut}, 400, 403, 404),
    summary="Schedule a hearing or conference",
    description=f"Appends `hearing.scheduled`. {STAFF}",
)
def claim_hearing_schedule(request: HttpRequest, number: str, body: HearingIn) -> Status[HearingOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_manage_disputes(user, claim), "Only the claim's administrator records its hearings.")
    dispute = None
    if body.dispute_id is not None:
        try:
            dispute = dispute_get(user=user, claim=claim, pk=body.dispute_id)
        except NotFound:
            raise field_not_found("dispute_id", "dispute of this claim", body.dispute_id) from None
    with input_names(forum_code="forum", dispute="dispute_id"):
        hearing = hearing_schedule(
            actor=user,
            claim=claim,
            forum_code=body.forum,
            forum_name=body.forum_name,
            starts_at=body.starts_at,
            location=body.location,
            representatives=[
                RepresentativeInput(name=r.name, side=r.side, firm=r.firm) for r in body.representatives
            ],
            dispute=dispute,
        )
    return Status(201, HearingOut.of(hearing))


@router.post(
    "/claims/{number}/hearings/{hearing_id}/adjournment",
    **responses({200: HearingOut}, 400, 403, 404, 409),
    summary="Adjourn a hearing to a new date",
    description=f"Appends `hearing.adjourned`. {STAFF}",
)
def hearing_adjourn_api(
    request: HttpRequest, number: str, hearing_id: int, body: AdjournmentIn
) -> HearingOut:
    user, hearing = _hearing(request, number, hearing_id)
    return HearingOut.of(hearing_adjourn(actor=user, hearing=hearing, **body.model_dump()))


@router.post(
    "/claims/{number}/hearings/{hearing_id}/cancellation",
    **responses({200: HearingOut}, 400, 403, 404, 409),
    summary="Cancel a hearing",
    description=f"Appends `hearing.cancelled`. {STAFF}",
)
def hearing_cancel_api(
    request: HttpRequest, number: str, hearing_id: int, body: CancellationIn
) -> HearingOut:
    user, hearing = _hearing(request, number, hearing_id)
    return HearingOut.of(hearing_cancel(actor=user, hearing=hearing, reason=body.reason))


@router.post(
    "/claims/{number}/hearings/{hearing_id}/outcome",
    **responses({200: HearingOut}, 400, 403, 404, 409),
    summary="Record a hearing's outcome and orders",
    description="Once it has taken place. Each order (what, by when) appends `hearing.order_recorded` and "
    "becomes an obligation in the claim's diary (rule `diary.hearing_order`), due on its date, until "
    f"its compliance is recorded. Appends `hearing.held`. {STAFF}",
)
def hearing_outcome_record_api(
    request: HttpRequest, number: str, hearing_id: int, body: OutcomeIn
) -> HearingOut:
    user, hearing = _hearing(request, number, hearing_id)
    hearing = hearing_outcome_record(
        actor=user,
        hearing=hearing,
        outcome=body.outcome,
        orders=[OrderInput(description=o.description, due_on=o.due_on) for o in body.orders],
    )
    return HearingOut.of(hearing_get(claim=hearing.claim, pk=hearing.pk))


@router.post(
    "/claims/{number}/hearings/{hearing_id}/orders/{order_id}/compliance",
    **responses({200: HearingOut}, 400, 403, 404, 409),
    summary="Record that an order was carried out",
    description="Satisfies the order's diary obligation (on time if `complied_on` is not after its due "
    f"date). Appends `hearing.order_complied`. {STAFF}",
)
def hearing_order_comply_api(
    request: HttpRequest, number: str, hearing_id: int, order_id: int, body: ComplianceIn
) -> HearingOut:
    user, hearing = _hearing(request, number, hearing_id)
    order = hearing_order_get(hearing=hearing, pk=order_id)
    hearing_order_comply(actor=user, order=order, **body.model_dump())
    return HearingOut.of(hearing_get(claim=hearing.claim, pk=hearing.pk))


# --- settlement offers ----------------------------------------------------------------------------


class ApprovalOut(BaseModel):
    party: str = Field(description="`district`, `pool` or `administrator`.")
    approved: bool
    reason: str
    decided_by: str
    decided_at: dt.datetime


class OfferOut(BaseModel):
    id: int
    claim_number: str
    dispute_id: int | None
    amount: str = Field(description=MONEY)
    terms: str
    status: str = Field(
        description="`drafted`, `approved`, `approval_refused`, `offered`, `accepted`, `rejected` or "
        "`withdrawn`."
    )
    required_approvals: list[str]
    missing_approvals: list[str]
    approvals: list[ApprovalOut]
    drafted_by: str
    drafted_at: dt.datetime
    drafted_seq: int
    offered_on: dt.date | None
    responded_on: dt.date | None
    response_note: str
    withdrawn_reason: str

    @classmethod
    def of(cls, o: SettlementOffer) -> OfferOut:
        return cls(
            id=o.pk,
            claim_number=o.claim.number,
            dispute_id=o.dispute_id,
            amount=str(o.amount),
            terms=o.terms,
            status=o.status,
            required_approvals=list(o.required_approvals),
            missing_approvals=missing_approvals(o),
            approvals=[
                ApprovalOut(
                    party=a.party,
                    approved=a.approved,
                    reason=a.reason,
                    decided_by=_name(a.decided_by),
                    decided_at=a.decided_at,
                )
                for a in o.approvals.all()
            ],
            drafted_by=_name(o.drafted_by),
            drafted_at=o.drafted_at,
            drafted_seq=o.drafted_seq,
            offered_on=o.offered_on,
            responded_on=o.responded_on,
            response_note=o.response_note,
            withdrawn_reason=o.withdrawn_reason,
        )


class OfferPage(BaseModel):
    count: int
    items: list[OfferOut]


class OfferIn(_In):
    amount: Decimal = Field(description=MONEY)
    terms: str = Field(max_length=4000)
    dispute_id: int | None = None


class ApprovalIn(_In):
    approve: bool
    reason: str = Field("", max_length=2000, description="Required when not approving.")


class MadeIn(_In):
    offered_on: dt.date


class ResponseIn(_In):
    response: ResponseName
    responded_on: dt.date
    note: str = Field("", max_length=2000)


class WithdrawalIn(_In):
    reason: str = Field(max_length=2000)


def _offer(request: HttpRequest, number: str, offer_id: int) -> tuple[User, SettlementOffer]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    return user, settlement_offer_get(user=user, claim=claim, pk=offer_id)


def _fresh(offer: SettlementOffer, user: User) -> OfferOut:
    return OfferOut.of(settlement_offer_get(user=user, claim=offer.claim, pk=offer.pk))


@router.get(
    "/claims/{number}/settlement-offers",
    **responses({200: OfferPage}, 400, 403, 404),
    summary="A claim's settlement offers",
    description="Newest first, with their approvals. Everyone who sees the claim but the worker and its "
    "treating providers (403).",
)
def claim_settlement_offer_list(request: HttpRequest, number: str, query: Query[PageParams]) -> OfferPage:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    count, items = page_of(claim_settlement_offers(user=user, claim=claim), query)
    return OfferPage(count=count, items=[OfferOut.of(o) for o in items])


@router.post(
    "/claims/{number}/settlement-offers",
    **responses({201: OfferOut}, 400, 403, 404),
    summary="Draft a settlement offer",
    description="Names the approvals it needs: on a pool member's claim the district (its WC coordinator) "
    "and the pool (its administrator or a claims supervisor of the pool), seed 003; otherwise a claims "
    f"supervisor of the administrator. Appends `settlement.drafted`. {STAFF}",
)
def claim_settlement_offer_draft(request: HttpRequest, number: str, body: OfferIn) -> Status[OfferOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_manage_disputes(user, claim), "Only the claim's administrator drafts settlement offers.")
    dispute = None
    if body.dispute_id is not None:
        try:
            dispute = dispute_get(user=user, claim=claim, pk=body.dispute_id)
        except NotFound:
            raise field_not_found("dispute_id", "dispute of this claim", body.dispute_id) from None
    with input_names(dispute="dispute_id"):
        offer = settlement_offer_draft(
            actor=user, claim=claim, amount=body.amount, terms=body.terms, dispute=dispute
        )
    return Status(201, _fresh(offer, user))


@router.post(
    "/claims/{number}/settlement-offers/{offer_id}/approvals",
    **responses({200: OfferOut}, 400, 403, 404, 409),
    summary="Approve or refuse a settlement offer",
    description="For the party the caller speaks for; never by the person who drafted it (403). A refusal "
    "needs a reason and ends the draft. 409 when the caller's party already decided or the offer is no "
    "longer awaiting approval. Appends `settlement.approval_decided`.",
)
def settlement_approval_decide_api(
    request: HttpRequest, number: str, offer_id: int, body: ApprovalIn
) -> OfferOut:
    user, offer = _offer(request, number, offer_id)
    return _fresh(settlement_approval_decide(actor=user, offer=offer, **body.model_dump()), user)


@router.post(
    "/claims/{number}/settlement-offers/{offer_id}/offer",
    **responses({200: OfferOut}, 400, 403, 404, 409),
    summary="Record that the offer was made",
    description="Only once every required approval is given (400 naming `status` and who must still "
    f"approve). Appends `settlement.offered`. {STAFF}",
)
def settlement_offer_make_api(request: HttpRequest, number: str, offer_id: int, body: MadeIn) -> OfferOut:
    user, offer = _offer(request, number, offer_id)
    return _fresh(settlement_offer_make(actor=user, offer=offer, offered_on=body.offered_on), user)


@router.post(
    "/claims/{number}/settlement-offers/{offer_id}/response",
    **responses({200: OfferOut}, 400, 403, 404, 409),
    summary="Record the answer to an offer",
    description=f"Accepted or rejected. Appends `settlement.responded`. {STAFF}",
)
def settlement_offer_respond_api(
    request: HttpRequest, number: str, offer_id: int, body: ResponseIn
) -> OfferOut:
    user, offer = _offer(request, number, offer_id)
    return _fresh(settlement_offer_respond(actor=user, offer=offer, **body.model_dump()), user)


@router.post(
    "/claims/{number}/settlement-offers/{offer_id}/withdrawal",
    **responses({200: OfferOut}, 400, 403, 404, 409),
    summary="Withdraw a settlement offer",
    description="A drafted, approved or made offer, with the reason. Appends `settlement.withdrawn`. "
    f"{STAFF}",
)
def settlement_offer_withdraw_api(
    request: HttpRequest, number: str, offer_id: int, body: WithdrawalIn
) -> OfferOut:
    user, offer = _offer(request, number, offer_id)
    return _fresh(settlement_offer_withdraw(actor=user, offer=offer, reason=body.reason), user)
