"""A claim's plans and work capacity decisions.

Injury management plans (NSW, seed 004 appendix 2) and return-to-work plans, each with its
versions (a revision is a new version; earlier ones are kept), the letters they were shared
in and, for a return-to-work plan, the parties' sign-offs. NSW work capacity decisions
(s 43(1) (a)–(f)) with their evidence, outcome and s 78 notice, and the earliest day a
reduction may take effect (three months after the notice when the worker has had 12 weeks or
more of continuous weekly payments, seed 004).

Those who work the claim write. Those entitled to the claim's medical detail read everything;
employer-side users read the return-to-work plan only while the worker's consent releases
capacity and restrictions to the employer; other roles that see the claim get 403.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import BaseModel, Field

from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.api.letters import RecipientIn, _dotted
from opencomp.api.schemas import In
from opencomp.claims.access import claim_get_for_user, require
from opencomp.claims.models import Claim
from opencomp.core.errors import NotFound, ValidationFailed
from opencomp.letters.services import RecipientInput
from opencomp.plans.access import (
    FULL,
    RELEASED,
    plans_view_of,
    user_can_read_decisions,
    user_can_read_plans,
)
from opencomp.plans.enums import DecisionEffect, DecisionType, PlanKind, ResponsibleParty
from opencomp.plans.models import Plan, PlanVersion, WorkCapacityDecision
from opencomp.plans.selectors import claim_decisions, claim_plans, decision_get, plan_get, plan_versions
from opencomp.plans.services import (
    plan_create,
    plan_revise,
    plan_share,
    plan_sign_off,
    work_capacity_decide,
    work_capacity_notice_issue,
)

router = Router(tags=["Plans and work capacity decisions"])

READ_REFUSED = "Your role does not read this claim's plans."
DECISIONS_REFUSED = "Your role does not read this claim's work capacity decisions."
NOT_RELEASED = (
    "Not released by the worker: no consent in force releases capacity and restrictions to the employer."
)
KINDS = ", ".join(f"`{k}`" for k in PlanKind.values)
PARTIES = ", ".join(f"`{k}`" for k in ResponsibleParty.values)


class ActionIn(In):
    responsible: str = Field(max_length=200, description="The person responsible.")
    party: str = Field(description=f"One of {PARTIES}.")
    action: str = Field(max_length=4000)
    outcome: str = Field("", max_length=4000, description="The anticipated outcome.")
    due_on: dt.date = Field(description="Its review date.")


class HoursIn(In):
    week: int = Field(description="Week of the plan, from 1, in order.")
    hours_per_day: Decimal
    days_per_week: Decimal


class PlanVersionIn(In):
    issued_on: dt.date = Field(description="The day this version was made with the parties.")
    goal: str = Field(max_length=4000, description="The current return-to-work goal.")
    review_on: dt.date = Field(description="When the plan is reviewed next.")
    goals: list[str] = Field(default_factory=list, max_length=30)
    actions: list[ActionIn] = Field(default_factory=list, max_length=30)
    support_team: dict[str, str] = Field(default_factory=dict, description=f"Party ({PARTIES}) → name.")
    duties: list[str] = Field(default_factory=list, max_length=30, description="Return-to-work plans.")
    hours: list[HoursIn] = Field(default_factory=list, max_length=52, description="Return-to-work plans.")
    supervisor: str = Field("", max_length=200, description="Return-to-work plans.")
    starts_on: dt.date | None = Field(None, description="Return-to-work plans.")


class PlanCreateIn(PlanVersionIn):
    kind: str = Field(description=f"One of {KINDS}; an injury management plan on NSW claims only.")


class PlanReviseIn(PlanVersionIn):
    changes: str = Field(max_length=4000, description="What changed from the previous version, and why.")


class ShareIn(In):
    recipients: list[RecipientIn] = Field(max_length=20, description="At least the worker and the employer.")


class SignOffIn(In):
    party: str = Field(description="`worker`, `employer` or `doctor`.")
    name: str = Field(max_length=200)
    signed_on: dt.date


class ShareOut(BaseModel):
    letter_id: int
    document_id: int
    parties: list[str]
    shared_at: dt.datetime


class SignOffOut(BaseModel):
    party: str
    name: str
    signed_on: dt.date


class PlanVersionOut(BaseModel):
    number: int
    issued_on: dt.date
    goal: str
    goals: list[str]
    actions: list[dict[str, str]]
    support_team: dict[str, str]
    review_on: dt.date
    changes: str
    duties: list[str]
    hours: list[dict[str, Any]]
    supervisor: str
    starts_on: dt.date | None
    seq: int = Field(description="The claim's milestone event of this version.")
    shares: list[ShareOut]
    sign_offs: list[SignOffOut]

    @classmethod
    def of(cls, v: PlanVersion) -> PlanVersionOut:
        return cls(
            number=v.number,
            issued_on=v.issued_on,
            goal=v.goal,
            goals=list(v.goals),
            actions=list(v.actions),
            support_team=dict(v.support_team),
            review_on=v.review_on,
            changes=v.changes,
            duties=list(v.duties),
            hours=list(v.hours),
            supervisor=v.supervisor,
            starts_on=v.starts_on,
            seq=v.seq,
            shares=[
                ShareOut(
                    letter_id=s.letter_id,
                    document_id=s.letter.document_id,
                    parties=list(s.parties),
                    shared_at=s.shared_at,
                )
                for s in v.shares.all()
            ],
            sign_offs=[
                SignOffOut(party=s.party, name=s.name, signed_on=s.signed_on) for s in v.sign_offs.all()
            ],
        )


class PlanOut(BaseModel):
    id: int
    kind: str
    status: str
    versions: list[PlanVersionOut] = Field(description="Newest first; the first is the one in force.")

    @classmethod
    def of(cls, plan: Plan) -> PlanOut:
        return cls(
            id=plan.pk,
            kind=plan.kind,
            status=plan.status,
            versions=[PlanVersionOut.of(v) for v in plan_versions(plan)],
        )


class PlansOut(BaseModel):
    claim_number: str
    released: bool = Field(description="False when the worker has not released the RTW plan to you.")
    message: str
    plans: list[PlanOut]


class DecisionIn(In):
    types: list[str] = Field(max_length=6, description="The s 43(1) decisions made: `a`–`f`.")
    decided_on: dt.date
    capacity: str = Field(description="`full`, `partial` or `none`.")
    effect: str = Field(description=", ".join(f"`{e}`" for e in DecisionEffect.values) + ".")
    reasons: str = Field(max_length=4000)
    evidence_ids: list[int] = Field(max_length=50, description="Documents of the claim relied on.")
    suitable_employment: str = Field("", max_length=4000, description="Required for a decision (b).")
    able_to_earn: Decimal | None = Field(None, description="Weekly; required for a decision (c).")
    current_weekly_amount: Decimal | None = Field(None, description="Required to reduce or stop payments.")
    new_weekly_amount: Decimal | None = Field(None, description="Required to reduce them.")


class DecisionOut(BaseModel):
    id: int
    types: list[str]
    type_labels: list[str] = Field(description="The s 43(1) wording of each (seed 004).")
    decided_on: dt.date
    capacity: str
    effect: str
    suitable_employment: str
    able_to_earn: Decimal | None
    current_weekly_amount: Decimal | None
    new_weekly_amount: Decimal | None
    reasons: str
    evidence_ids: list[int]
    seq: int = Field(description="The claim's `work_capacity_decision` milestone (dispute it by this).")
    letter_id: int | None
    notice_on: dt.date | None
    continuous_days: int | None = Field(description="Days of continuous weekly payments by the notice.")
    takes_effect_on: dt.date | None = Field(
        description="Earliest day a reduction or discontinuation applies."
    )
    timing_explanation: str

    @classmethod
    def of(cls, d: WorkCapacityDecision) -> DecisionOut:
        return cls(
            id=d.pk,
            types=list(d.types),
            type_labels=[DecisionType(t).label for t in d.types],
            decided_on=d.decided_on,
            capacity=d.capacity,
            effect=d.effect,
            suitable_employment=d.suitable_employment,
            able_to_earn=d.able_to_earn,
            current_weekly_amount=d.current_weekly_amount,
            new_weekly_amount=d.new_weekly_amount,
            reasons=d.reasons,
            evidence_ids=sorted(doc.pk for doc in d.evidence.all()),
            seq=d.seq,
            letter_id=d.letter_id,
            notice_on=d.notice_on,
            continuous_days=d.continuous_days,
            takes_effect_on=d.takes_effect_on,
            timing_explanation=d.timing_explanation,
        )


def _recipients(body: ShareIn) -> list[RecipientInput]:
    return [
        RecipientInput(
            party=r.party,
            name=r.name,
            method=r.method,
            address=r.address,
            email=r.email,
            tracking_number=r.tracking_number,
        )
        for r in body.recipients
    ]


def _version_args(body: PlanVersionIn) -> dict[str, Any]:
    return {
        "issued_on": body.issued_on,
        "goal": body.goal,
        "review_on": body.review_on,
        "goals": body.goals,
        "actions": [a.model_dump() for a in body.actions],
        "support_team": body.support_team,
        "duties": body.duties,
        "hours": [
            {"week": h.week, "hours_per_day": str(h.hours_per_day), "days_per_week": str(h.days_per_week)}
            for h in body.hours
        ],
        "supervisor": body.supervisor,
        "starts_on": body.starts_on,
    }


def _plan(claim: Claim, plan_id: int) -> Plan:
    plan = plan_get(claim=claim, pk=plan_id)
    if plan is None:
        raise NotFound(f"Claim {claim.number} has no plan {plan_id}.")
    return plan


@router.get(
    "/claims/{number}/plans",
    **responses({200: PlansOut}, 403, 404),
    summary="A claim's injury management and return-to-work plans",
    description="Each plan with every version (newest first), the letters it was shared in and the "
    "sign-offs. Staff, treating providers, the worker and the regulator read both plans; employer-side "
    "users only the "
    "return-to-work plan, and only while the worker's consent releases capacity and restrictions to the "
    "employer. Other roles: 403.",
)
def claim_plans_list(request: HttpRequest, number: str) -> PlansOut:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_plans(user, claim), READ_REFUSED)
    view = plans_view_of(user, claim)
    found = claim_plans(claim=claim)
    if view == FULL:
        shown = [p for p in found.values() if p is not None]
    elif view == RELEASED:
        rtw = found[PlanKind.RETURN_TO_WORK]
        shown = [rtw] if rtw is not None else []
    else:
        return PlansOut(claim_number=claim.number, released=False, message=NOT_RELEASED, plans=[])
    return PlansOut(
        claim_number=claim.number, released=True, message="", plans=[PlanOut.of(p) for p in shown]
    )


@router.post(
    "/claims/{number}/plans",
    **responses({201: PlanOut}, 400, 403, 404),
    summary="Issue a plan (version 1)",
    description="Appends `milestone.recorded`: `injury_plan_issued` for an injury management plan (it "
    "satisfies the NSW 20-day plan rule and starts the 4-weekly review), `rtw_plan_issued` for a "
    "return-to-work plan. Those who work the claim.",
)
def claim_plan_create(request: HttpRequest, number: str, body: PlanCreateIn) -> Status[PlanOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    version = plan_create(actor=user, claim=claim, kind=body.kind, **_version_args(body))
    return Status(201, PlanOut.of(version.plan))


@router.post(
    "/claims/{number}/plans/{plan_id}/versions",
    **responses({201: PlanOut}, 400, 403, 404),
    summary="Revise a plan (a new version)",
    description="Earlier versions are kept as they were. Appends the plan's milestone again (for an injury "
    "management plan it satisfies the review due and restarts the 4-weekly review).",
)
def claim_plan_revise(request: HttpRequest, number: str, plan_id: int, body: PlanReviseIn) -> Status[PlanOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    version = plan_revise(actor=user, plan=_plan(claim, plan_id), changes=body.changes, **_version_args(body))
    return Status(201, PlanOut.of(version.plan))


@router.post(
    "/claims/{number}/plans/{plan_id}/shares",
    **responses({201: PlanOut}, 400, 403, 404),
    summary="Share the plan's current version with the parties",
    description="Issues the plan's letter (PDF) to the recipients (at least the worker and the employer; the "
    "nominated treating doctor as `provider`) and appends `notice.sent`.",
)
def claim_plan_share(request: HttpRequest, number: str, plan_id: int, body: ShareIn) -> Status[PlanOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    plan = _plan(claim, plan_id)
    try:
        plan_share(actor=user, plan=plan, recipients=_recipients(body))
    except ValidationFailed as exc:
        raise _dotted(exc) from None
    return Status(201, PlanOut.of(plan))


@router.post(
    "/claims/{number}/plans/{plan_id}/sign-offs",
    **responses({201: PlanOut}, 400, 403, 404),
    summary="Record a party's sign-off of a return-to-work plan",
    description="The worker, the employer or the treating doctor signs the current version; appends "
    "`milestone.recorded` `rtw_plan_signed`.",
)
def claim_plan_sign_off(request: HttpRequest, number: str, plan_id: int, body: SignOffIn) -> Status[PlanOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    plan = _plan(claim, plan_id)
    plan_sign_off(actor=user, plan=plan, party=body.party, name=body.name, signed_on=body.signed_on)
    return Status(201, PlanOut.of(plan))


@router.get(
    "/claims/{number}/work-capacity-decisions",
    **responses({200: list[DecisionOut]}, 403, 404),
    summary="A claim's work capacity decisions",
    description="Newest first, with the notice and the earliest day a reduction may take effect. Those "
    "entitled to the claim's medical detail.",
)
def claim_decisions_list(request: HttpRequest, number: str) -> list[DecisionOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_decisions(user, claim), DECISIONS_REFUSED)
    return [DecisionOut.of(d) for d in claim_decisions(claim=claim)]


@router.post(
    "/claims/{number}/work-capacity-decisions",
    **responses({201: DecisionOut}, 400, 403, 404),
    summary="Record a work capacity decision (NSW)",
    description="Appends `milestone.recorded` `work_capacity_decision` (the NSW 130-week / two-yearly rule "
    "waits for it; a `work_capacity` dispute contests it). A reduction or discontinuation is a decision (f). "
    "Those who work the claim.",
)
def claim_decision_create(request: HttpRequest, number: str, body: DecisionIn) -> Status[DecisionOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    decision = work_capacity_decide(actor=user, claim=claim, **body.model_dump())
    return Status(201, DecisionOut.of(decision))


@router.post(
    "/claims/{number}/work-capacity-decisions/{decision_id}/notice",
    **responses({201: DecisionOut}, 400, 403, 404),
    summary="Send the notice of a work capacity decision (s 78)",
    description="Issues the notice (PDF) with the reasons, the evidence and the right to an internal review, "
    "and fixes the earliest day a reduction or discontinuation may take effect: three months after the "
    "notice when the worker has had 12 weeks or more of continuous weekly payments, else the notice date.",
)
def claim_decision_notice(
    request: HttpRequest, number: str, decision_id: int, body: ShareIn
) -> Status[DecisionOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    decision = decision_get(claim=claim, pk=decision_id)
    if decision is None:
        raise NotFound(f"Claim {claim.number} has no work capacity decision {decision_id}.")
    try:
        decision = work_capacity_notice_issue(actor=user, decision=decision, recipients=_recipients(body))
    except ValidationFailed as exc:
        raise _dotted(exc) from None
    return Status(201, DecisionOut.of(decision))
