"""A claim's risk triage: the band in force and its history, and recording one.

Those who work the claim and the regulator's compliance officer read everything, factors and
psychosocial flags included; auditors and pool administrators read the band, handling, score,
occasion and date of each triage (no factors); other roles that see the claim get 403 and a
hidden claim is 404. Those who work the claim record a triage (and override its band with a
reason). The policy (``GET /triage/policy``) lists the injury types, flags and bands.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.claims.access import claim_get_for_user, require
from opencomp.triage.access import FULL, triage_view_of, user_can_read_triage
from opencomp.triage.models import TriageAssessment
from opencomp.triage.policy import triage_policy
from opencomp.triage.selectors import triage_history
from opencomp.triage.services import triage_record

router = Router(tags=["Risk triage"])

READ_REFUSED = "Your role does not read this claim's triage."


class TriageFactorOut(BaseModel):
    factor: str = Field(
        description="`injury_type`, `time_off_work`, `psychosocial`, `age` or `prior_claims`."
    )
    label: str
    value: str = Field(description="What the factor was scored on.")
    points: int
    explanation: str


class TriageOut(BaseModel):
    id: int
    occasion: str = Field(
        description="`first_contact`, `strategic_review` or `on_file` (the sweep's, provisional)."
    )
    assessed_on: dt.date
    score: int
    computed_band: str
    band: str = Field(description="The band in force: the computed one or the override.")
    handling: str = Field(description="The handling the band chooses (`fast_track`, `specialist`, …).")
    overridden: bool
    override_reason: str = Field(description="Empty unless overridden; empty in the summary view.")
    policy_version: str
    factors: list[TriageFactorOut] = Field(description="Each factor's part; empty in the summary view.")
    injury_type: str = Field(description="Empty in the summary view.")
    psychosocial_flags: list[str] = Field(description="Empty in the summary view.")
    note: str = Field(description="Empty in the summary view.")
    recorded_by: str = Field(description="Empty for the sweep.")
    seq: int = Field(description="The claim's `triage.recorded` event.")

    @classmethod
    def of(cls, a: TriageAssessment, *, everything: bool) -> TriageOut:
        by = a.recorded_by
        return cls(
            id=a.pk,
            occasion=a.occasion,
            assessed_on=a.assessed_on,
            score=a.score,
            computed_band=a.computed_band,
            band=a.band,
            handling=a.handling,
            overridden=a.overridden,
            override_reason=a.override_reason if everything else "",
            policy_version=a.policy_version,
            factors=[TriageFactorOut(**f) for f in a.factors] if everything else [],
            injury_type=a.injury_type if everything else "",
            psychosocial_flags=list(a.psychosocial_flags) if everything else [],
            note=a.note if everything else "",
            recorded_by=(by.get_full_name() or by.username) if by is not None else "",
            seq=a.seq,
        )


class ClaimTriageOut(BaseModel):
    claim_number: str
    view: str = Field(description="`full` or `summary` (band, handling, score and when).")
    current: TriageOut | None = Field(
        description="The triage in force (the latest); none when never triaged."
    )
    history: list[TriageOut] = Field(description="Every triage, newest first.")
    policy_basis: str = Field(description="What the policy's weights are (and are not).")


class TriageIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    occasion: str = Field(description="`first_contact` or `strategic_review`.")
    injury_type: str = Field(description="One of the policy's injury types (`GET /triage/policy`).")
    psychosocial_flags: list[str] = Field(default_factory=list, description="The policy's flags found.")
    days_off_work: int | None = Field(
        None, description="Days of no capacity so far; default: those the claim's work status reports cover."
    )
    band: str | None = Field(None, description="Override the computed band (with `override_reason`).")
    override_reason: str = Field("", max_length=4000)
    note: str = Field("", max_length=4000)


class PolicyItemOut(BaseModel):
    code: str
    label: str
    points: int | None = None


class TriagePolicyOut(BaseModel):
    version: str
    name: str
    basis: str
    handling_source: str
    bands: list[PolicyItemOut]
    injury_types: list[PolicyItemOut]
    psychosocial_flags: list[PolicyItemOut]


@router.get(
    "/triage/policy",
    **responses({200: TriagePolicyOut}),
    summary="The triage policy in force",
    description="Its version, what its weights are, the bands with their handling, the injury types and the "
    "psychosocial flags with their points. Any signed-in user.",
)
def triage_policy_get(request: HttpRequest) -> TriagePolicyOut:
    user_of(request)
    policy = triage_policy()
    return TriagePolicyOut(
        version=policy.version,
        name=policy.name,
        basis=policy.basis,
        handling_source=policy.handling_source,
        bands=[PolicyItemOut(code=b.band, label=f"{b.label}: {b.handling_label}") for b in policy.bands],
        injury_types=[
            PolicyItemOut(code=t.type, label=t.label, points=t.points) for t in policy.injury_types
        ],
        psychosocial_flags=[
            PolicyItemOut(code=f.flag, label=f.label, points=f.points) for f in policy.psychosocial.flags
        ],
    )


@router.get(
    "/claims/{number}/triage",
    **responses({200: ClaimTriageOut}, 403, 404),
    summary="A claim's risk triage and its history",
    description="Those who work the claim and the regulator read every factor, psychosocial flags included; "
    "auditors and pool administrators the band, handling, score, occasion and date. Other roles: 403.",
)
def claim_triage(request: HttpRequest, number: str) -> ClaimTriageOut:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_triage(user, claim), READ_REFUSED)
    view = triage_view_of(user, claim)
    everything = view == FULL
    history = [TriageOut.of(a, everything=everything) for a in triage_history(claim=claim)]
    return ClaimTriageOut(
        claim_number=claim.number,
        view=view or "",
        current=history[0] if history else None,
        history=history,
        policy_basis=triage_policy().basis,
    )


@router.post(
    "/claims/{number}/triage",
    **responses({201: TriageOut}, 400, 403, 404),
    summary="Record a risk triage (first contact or strategic review)",
    description="Scores the facts under the policy in force and appends `triage.recorded` (medical "
    "sensitivity). `band` overrides the computed band and needs `override_reason`. Those who work the claim.",
)
def claim_triage_record(request: HttpRequest, number: str, body: TriageIn) -> Status[TriageOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    assessment = triage_record(actor=user, claim=claim, **body.model_dump())
    return Status(201, TriageOut.of(assessment, everything=True))
