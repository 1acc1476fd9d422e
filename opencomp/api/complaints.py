"""Complaints about the handling of a claim (seed 004 section 8): list, raise, and the three stages.

Read by the claim's staff, its administrator's auditor and the regulator's compliance officer
(others who see the claim get 403, whoever does not 404); written by the claim's staff; the stage 2
final decision by a claims supervisor (or administrator) who did not give the stage 1 outcome.
A step out of order is refused with 400 naming `status`.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.accounts.models import User
from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.claims.access import claim_get_for_user, require
from opencomp.claims.models import Claim
from opencomp.complaints.access import user_can_view_complaints
from opencomp.complaints.enums import ComplainantKind, ExternalBody
from opencomp.complaints.models import Complaint, ComplaintContact
from opencomp.complaints.selectors import claim_complaints, complaint_contacts, complaint_get, user_name
from opencomp.complaints.services import (
    complaint_contact_record,
    complaint_escalate,
    complaint_final_decide,
    complaint_receive,
    complaint_refer,
    complaint_stage_1_decide,
)

router = Router(tags=["Complaints"])

KINDS = ", ".join(f"`{c}`" for c in ComplainantKind.values)
BODIES = ", ".join(f"`{c}`" for c in ExternalBody.values)


class ContactOut(BaseModel):
    seq: int
    contacted_on: dt.date
    channel: str
    direction: str
    summary: str
    recorded_by: str

    @classmethod
    def of(cls, c: ComplaintContact) -> ContactOut:
        return cls(
            seq=c.seq,
            contacted_on=c.contacted_on,
            channel=c.channel,
            direction=c.direction,
            summary=c.summary,
            recorded_by=user_name(c.recorded_by),
        )


class ComplaintOut(BaseModel):
    id: int
    claim_number: str
    stage: int = Field(description="1, 2 or 3.")
    status: str = Field(description="`stage_1`, `stage_1_decided`, `stage_2`, `final_decided` or `referred`.")
    complainant_kind: str
    complainant_name: str
    received_on: dt.date
    channel: str
    subject: str
    details: str
    received_seq: int = Field(description="The claim's `complaint.received` event.")
    stage_1_outcome: str
    stage_1_decided_on: dt.date | None
    stage_1_decided_by: str
    escalated_on: dt.date | None
    escalation_reason: str
    final_decision: str
    final_decided_on: dt.date | None
    final_decided_by: str
    external_body: str
    referred_on: dt.date | None
    external_reference: str
    contacts: list[ContactOut]

    @classmethod
    def of(cls, c: Complaint) -> ComplaintOut:
        return cls(
            id=c.pk,
            claim_number=c.claim.number,
            stage=c.stage,
            status=c.status,
            complainant_kind=c.complainant_kind,
            complainant_name=c.complainant_name,
            received_on=c.received_on,
            channel=c.channel,
            subject=c.subject,
            details=c.details,
            received_seq=c.received_seq,
            stage_1_outcome=c.stage_1_outcome,
            stage_1_decided_on=c.stage_1_decided_on,
            stage_1_decided_by=user_name(c.stage_1_decided_by),
            escalated_on=c.escalated_on,
            escalation_reason=c.escalation_reason,
            final_decision=c.final_decision,
            final_decided_on=c.final_decided_on,
            final_decided_by=user_name(c.final_decided_by),
            external_body=c.external_body,
            referred_on=c.referred_on,
            external_reference=c.external_reference,
            contacts=[ContactOut.of(x) for x in complaint_contacts(complaint=c)],
        )


class ComplaintPage(BaseModel):
    count: int
    items: list[ComplaintOut]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ComplaintIn(_In):
    complainant_kind: str = Field(description=f"One of {KINDS}.")
    complainant_name: str = ""
    received_on: dt.date | None = None
    channel: str = Field(
        description="How it came: `phone`, `email`, `letter`, `in_person`, `portal`, `fax`, `sms`."
    )
    subject: str = ""
    details: str = ""


class ContactIn(_In):
    contacted_on: dt.date | None = None
    channel: str
    direction: str = Field(description="`inbound`, `outbound` or `internal`.")
    summary: str = ""


class Stage1In(_In):
    outcome: str = ""
    decided_on: dt.date | None = None


class EscalateIn(_In):
    escalated_on: dt.date | None = None
    reason: str = Field("", description="Why the complainant is not satisfied with the stage 1 outcome.")


class FinalDecisionIn(_In):
    decision: str = ""
    decided_on: dt.date | None = None


class ReferralIn(_In):
    body: str = Field(description=f"The external dispute resolution body: {BODIES}.")
    referred_on: dt.date | None = None
    reference: str = ""
    note: str = ""


def _readable(request: HttpRequest, number: str) -> tuple[User, Claim]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_view_complaints(user, claim), "You may not see this claim's complaints.")
    return user, claim


def _complaint(request: HttpRequest, number: str, complaint_id: int) -> tuple[User, Complaint]:
    user, claim = _readable(request, number)
    return user, complaint_get(claim=claim, pk=complaint_id)


@router.get(
    "/claims/{number}/complaints",
    **responses({200: ComplaintPage}, 403, 404),
    summary="A claim's complaints",
    description="Newest first, with their progress contacts. The claim's staff, auditor and compliance "
    "officer.",
)
def claim_complaint_list(request: HttpRequest, number: str) -> ComplaintPage:
    _, claim = _readable(request, number)
    items = [ComplaintOut.of(c) for c in claim_complaints(claim=claim)]
    return ComplaintPage(count=len(items), items=items)


@router.post(
    "/claims/{number}/complaints",
    **responses({201: ComplaintOut}, 400, 403, 404),
    summary="Record a complaint",
    description=f"A stakeholder ({KINDS}, named) complains about their experience of the claims process; "
    "stage 1 (internal dispute resolution) begins. Appends `complaint.received`. No stage has a timeframe: "
    "neither seed 004 nor the statutes give one.",
)
def claim_complaint_receive(request: HttpRequest, number: str, body: ComplaintIn) -> Status[ComplaintOut]:
    user, claim = _readable(request, number)
    complaint = complaint_receive(actor=user, claim=claim, **body.model_dump())
    return Status(201, ComplaintOut.of(complaint))


@router.get(
    "/claims/{number}/complaints/{complaint_id}",
    **responses({200: ComplaintOut}, 403, 404),
    summary="A complaint",
)
def claim_complaint_detail(request: HttpRequest, number: str, complaint_id: int) -> ComplaintOut:
    return ComplaintOut.of(_complaint(request, number, complaint_id)[1])


@router.post(
    "/claims/{number}/complaints/{complaint_id}/contacts",
    **responses({201: ComplaintOut}, 400, 403, 404),
    summary="Log a progress contact with the complainant",
    description="Seed 004's ongoing dialogue, at any stage. Appends `complaint.contacted`.",
)
def complaint_contact_api(
    request: HttpRequest, number: str, complaint_id: int, body: ContactIn
) -> Status[ComplaintOut]:
    user, complaint = _complaint(request, number, complaint_id)
    complaint_contact_record(actor=user, complaint=complaint, **body.model_dump())
    return Status(201, ComplaintOut.of(complaint_get(claim=complaint.claim, pk=complaint.pk)))


@router.post(
    "/claims/{number}/complaints/{complaint_id}/stage-1-outcome",
    **responses({200: ComplaintOut}, 400, 403, 404),
    summary="Give the stage 1 outcome",
    description="Internal dispute resolution by the claim's senior staff. Appends "
    "`complaint.stage_1_decided`.",
)
def complaint_stage_1_api(
    request: HttpRequest, number: str, complaint_id: int, body: Stage1In
) -> ComplaintOut:
    user, complaint = _complaint(request, number, complaint_id)
    return ComplaintOut.of(complaint_stage_1_decide(actor=user, complaint=complaint, **body.model_dump()))


@router.post(
    "/claims/{number}/complaints/{complaint_id}/escalation",
    **responses({200: ComplaintOut}, 400, 403, 404),
    summary="Escalate to stage 2",
    description="The complainant is not satisfied with the stage 1 outcome: senior management reviews it. "
    "Refused (400, `status`) before a stage 1 outcome. Appends `complaint.escalated`.",
)
def complaint_escalate_api(
    request: HttpRequest, number: str, complaint_id: int, body: EscalateIn
) -> ComplaintOut:
    user, complaint = _complaint(request, number, complaint_id)
    return ComplaintOut.of(complaint_escalate(actor=user, complaint=complaint, **body.model_dump()))


@router.post(
    "/claims/{number}/complaints/{complaint_id}/final-decision",
    **responses({200: ComplaintOut}, 400, 403, 404),
    summary="Make the stage 2 final decision",
    description="Senior management's final decision on behalf of the organisation: a claims supervisor (or "
    "administrator) of the claim's administrator (403 otherwise), never whoever gave the stage 1 outcome "
    "(400, `decided_by`). Appends `complaint.final_decided`.",
)
def complaint_final_decide_api(
    request: HttpRequest, number: str, complaint_id: int, body: FinalDecisionIn
) -> ComplaintOut:
    user, complaint = _complaint(request, number, complaint_id)
    return ComplaintOut.of(complaint_final_decide(actor=user, complaint=complaint, **body.model_dump()))


@router.post(
    "/claims/{number}/complaints/{complaint_id}/referral",
    **responses({200: ComplaintOut}, 400, 403, 404),
    summary="Record a stage 3 referral",
    description=f"The complainant referred it to the external body ({BODIES}), with the date and their "
    "reference; only after the stage 2 final decision. Appends `complaint.referred`.",
)
def complaint_refer_api(
    request: HttpRequest, number: str, complaint_id: int, body: ReferralIn
) -> ComplaintOut:
    user, complaint = _complaint(request, number, complaint_id)
    return ComplaintOut.of(complaint_refer(actor=user, complaint=complaint, **body.model_dump()))
