"""Treatment requests and the ICD-10-CM code set.

Those who work the claim record, acknowledge and decide requests. Those entitled to the
claim's medical detail (its staff, treating providers, the worker, the regulator) read them,
diagnosis codes included; other roles that see the claim (employers, pool administrators,
auditors) get 403, and a hidden claim is 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import PageParams
from opencomp.claims.access import claim_get_for_user, require
from opencomp.claims.models import Claim
from opencomp.core.errors import ValidationFailed
from opencomp.parties.models import Provider
from opencomp.treatment import icd10cm
from opencomp.treatment.access import user_can_read_treatment, user_can_search_diagnoses
from opencomp.treatment.enums import TreatmentDecision, TreatmentService
from opencomp.treatment.selectors import (
    TreatmentRow,
    claim_treatment_requests,
    treatment_request_get_for_user,
    treatment_rows,
)
from opencomp.treatment.services import (
    treatment_reads_record,
    treatment_request_acknowledge,
    treatment_request_decide,
    treatment_request_record,
)

router = Router(tags=["Treatment"])

SERVICES = ", ".join(f"`{s}`" for s in TreatmentService.values)
DECISIONS = ", ".join(f"`{d}`" for d in TreatmentDecision.values)
READ = "Read by those who may read the claim's medical detail (staff, treating providers, worker, regulator)"
WRITE = "Those who work the claim (its administrator's adjusters and supervisors, system administrators)."


def _name(user: object) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""  # type: ignore[attr-defined]


def _readable(request: HttpRequest, number: str) -> Claim:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_treatment(user, claim), "Your role does not read this claim's treatment requests.")
    return claim


class DiagnosisOut(BaseModel):
    code: str = Field(description="ICD-10-CM code with its dot (`S33.5XXA`).")
    description: str


class TreatmentRequestOut(BaseModel):
    id: int
    claim_number: str
    service: str = Field(description=f"One of {SERVICES}.")
    description: str
    provider_id: int | None
    provider_name: str
    treatments: int
    estimated_cost: Decimal
    requested_on: dt.date
    received_on: dt.date
    diagnosis_codes: list[DiagnosisOut]
    status: str = Field(
        description="`received`, `acknowledged`, `decided` or `exempt` (no pre-approval needed)."
    )
    exemption: str = Field(description="Why no pre-approval is needed, with its source; empty otherwise.")
    received_seq: int = Field(description="The claim's `request.received` event (subject `treatment`).")
    decision_due_date: dt.date | None = Field(
        description="The decision deadline from the rule pack (NSW: 21 days from receipt); none if none runs."
    )
    decision_deadline_status: str = Field(
        description="`open`, `satisfied`, `late`, `waived`, `cancelled` or empty."
    )
    acknowledged_seq: int | None
    acknowledged_at: dt.datetime | None
    decision: str = Field(description=f"{DECISIONS}, or empty.")
    approved_treatments: int | None
    approved_cost: Decimal | None
    reasons: str
    decided_seq: int | None
    decided_at: dt.datetime | None
    decided_by: str
    recorded_by: str
    recorded_at: dt.datetime

    @classmethod
    def of(cls, row: TreatmentRow) -> TreatmentRequestOut:
        r, o = row.request, row.deadline
        codes = [icd10cm.lookup(c) or icd10cm.Diagnosis(c, "") for c in r.diagnosis_codes]
        return cls(
            id=r.pk,
            claim_number=r.claim.number,
            service=r.service,
            description=r.description,
            provider_id=r.provider_id,
            provider_name=r.provider_name,
            treatments=r.treatments,
            estimated_cost=r.estimated_cost,
            requested_on=r.requested_on,
            received_on=r.received_on,
            diagnosis_codes=[DiagnosisOut(code=d.code, description=d.description) for d in codes],
            status=r.status,
            exemption=r.exemption,
            received_seq=r.received_seq,
            decision_due_date=o.due_date if o else None,
            decision_deadline_status=o.status if o else "",
            acknowledged_seq=r.acknowledged_seq,
            acknowledged_at=r.acknowledged_at,
            decision=r.decision,
            approved_treatments=r.approved_treatments,
            approved_cost=r.approved_cost,
            reasons=r.reasons,
            decided_seq=r.decided_seq,
            decided_at=r.decided_at,
            decided_by=_name(r.decided_by),
            recorded_by=_name(r.recorded_by),
            recorded_at=r.recorded_at,
        )


class TreatmentRequestPage(BaseModel):
    count: int
    items: list[TreatmentRequestOut]


class TreatmentRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    service: str = Field(description=f"One of {SERVICES}.")
    description: str = Field("", max_length=500, description="What exactly (needed for `other`).")
    provider_id: int | None = Field(None, description="A provider of the parties register.")
    provider_name: str = Field(
        "", max_length=200, description="The provider's name when not in the register."
    )
    treatments: int = Field(description="Number of treatments (sessions, items) asked for.")
    estimated_cost: Decimal = Field(description="Estimated cost of the request, in the claim's currency.")
    requested_on: dt.date = Field(
        description="The date of the provider's request (exemptions count from it)."
    )
    received_on: dt.date = Field(description="When the administrator received it (the clocks count from it).")
    diagnosis_codes: list[str] = Field(
        default_factory=list, description="Billable ICD-10-CM codes (US claims only), at most 12."
    )


class AcknowledgementIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    note: str = Field("", max_length=2000)


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    decision: str = Field(description=f"One of {DECISIONS}.")
    reasons: str = Field(max_length=2000, description="The reasons for the decision (they go in the notice).")
    approved_treatments: int | None = Field(None, description="For `partly_approved`: treatments approved.")
    approved_cost: Decimal | None = Field(None, description="For `partly_approved`: the cost approved.")


class DiagnosisQuery(BaseModel):
    q: str = Field(
        min_length=1, max_length=100, description="A code (or its start) or words of the description."
    )
    limit: int = Field(icd10cm.LIMIT, ge=1, le=icd10cm.MAX_LIMIT)


def _row(claim: Claim, pk: int) -> TreatmentRow:
    request = claim_treatment_requests(claim=claim).get(pk=pk)
    return treatment_rows(claim, [request])[0]


@router.get(
    "/icd10cm",
    **responses({200: list[DiagnosisOut]}, 400, 403),
    summary="Search ICD-10-CM codes",
    description="Billable codes matching a code (or its start, dot optional), in code order, or every "
    "word given, those starting with the words first; at most `limit`. For claims staff.",
)
def icd10cm_search(request: HttpRequest, query: Query[DiagnosisQuery]) -> list[DiagnosisOut]:
    require(user_can_search_diagnoses(user_of(request)), "Your role does not search diagnosis codes.")
    return [
        DiagnosisOut(code=d.code, description=d.description)
        for d in icd10cm.search(query.q, limit=query.limit)
    ]


@router.get(
    "/claims/{number}/treatment-requests",
    **responses({200: TreatmentRequestPage}, 400, 403, 404),
    summary="A claim's treatment requests",
    description=f"Latest received first, each with its decision deadline. {READ}; other roles: 403. "
    "Each read is recorded (medical detail read).",
)
def claim_treatment_request_list(
    request: HttpRequest, number: str, query: Query[PageParams]
) -> TreatmentRequestPage:
    claim = _readable(request, number)
    count, items = page_of(claim_treatment_requests(claim=claim), query)
    treatment_reads_record(user=user_of(request), claim=claim, requests=items, channel="api")
    return TreatmentRequestPage(
        count=count, items=[TreatmentRequestOut.of(r) for r in treatment_rows(claim, items)]
    )


@router.post(
    "/claims/{number}/treatment-requests",
    **responses({201: TreatmentRequestOut}, 400, 403, 404),
    summary="Record a treatment request",
    description="Appends `request.received` (subject `treatment`). Inside a pre-approval exemption of the "
    "jurisdiction (NSW, seed 004: allied health within three months of the injury up to eight consultations, "
    "pharmacy within one month) the request is `exempt` and starts no decision clock; otherwise the pack's "
    f"clocks start (NSW: acknowledge in 10 business days, decide in 21 days). {WRITE}",
)
def claim_treatment_request_record(
    request: HttpRequest, number: str, body: TreatmentRequestIn
) -> Status[TreatmentRequestOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    values = body.model_dump()
    provider_id = values.pop("provider_id")
    provider = None
    if provider_id is not None:
        provider = Provider.objects.filter(pk=provider_id).first()
        if provider is None:
            raise ValidationFailed.for_field("provider_id", f"there is no provider {provider_id}")
    created = treatment_request_record(actor=user, claim=claim, provider=provider, **values)
    return Status(201, TreatmentRequestOut.of(_row(claim, created.pk)))


@router.post(
    "/claims/{number}/treatment-requests/{request_id}/acknowledgement",
    **responses({200: TreatmentRequestOut}, 400, 403, 404),
    summary="Acknowledge a treatment request",
    description=f"Appends `request.acknowledged`. Refused for an exempt or answered request. {WRITE}",
)
def claim_treatment_request_acknowledge(
    request: HttpRequest, number: str, request_id: int, body: AcknowledgementIn
) -> TreatmentRequestOut:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    found = treatment_request_get_for_user(user=user, claim=claim, pk=request_id)
    treatment_request_acknowledge(actor=user, request=found, note=body.note)
    return TreatmentRequestOut.of(_row(claim, request_id))


@router.post(
    "/claims/{number}/treatment-requests/{request_id}/decision",
    **responses({200: TreatmentRequestOut}, 400, 403, 404),
    summary="Decide a treatment request",
    description="Approved, partly approved (fewer treatments or a lower cost) or declined, with reasons. "
    "Appends `request.decided`, which invoices read as approved treatment and which starts the notice clock "
    f"(NSW: advise the parties within 2 business days). Refused for an exempt or decided request. {WRITE}",
)
def claim_treatment_request_decide(
    request: HttpRequest, number: str, request_id: int, body: DecisionIn
) -> TreatmentRequestOut:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    found = treatment_request_get_for_user(user=user, claim=claim, pk=request_id)
    treatment_request_decide(actor=user, request=found, **body.model_dump())
    return TreatmentRequestOut.of(_row(claim, request_id))
