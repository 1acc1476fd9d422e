"""Physicians and examinations: the treating doctor and changes, MMI, impairment, IMEs, consultants.

Those who work the claim record. Those entitled to the claim's medical detail (its staff,
treating providers, the worker, the regulator) read the whole of it; other roles that see the
claim (employers, pool administrators, auditors) get 403, and a hidden claim is 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.benefits.selectors import co_combined_cap
from opencomp.claims.access import claim_get_for_user, require
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import medical_read_record
from opencomp.core.errors import NotFound, ValidationFailed
from opencomp.documents.models import ClaimDocument
from opencomp.parties.models import Provider
from opencomp.physicians import selectors
from opencomp.physicians.access import user_can_read_physicians
from opencomp.physicians.models import ImcReferral, ImeReferral, PhysicianChangeRequest
from opencomp.physicians.services import (
    DIFFERENT_DOCTOR_REASONS,
    imc_outcome_record,
    imc_refer,
    ime_outcome_record,
    ime_refer,
    impairment_rate,
    mmi_record,
    physician_change_decide,
    physician_change_request,
    treating_doctor_designate,
)

router = Router(tags=["Physicians and examinations"])

READ = "Read by those who may read the claim's medical detail (staff, treating providers, worker, regulator)"
WRITE = "Those who work the claim (its administrator's adjusters and supervisors, system administrators)."


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TreatingDoctorOut(BaseModel):
    id: int
    doctor_name: str
    practice_name: str
    provider_id: int | None
    from_date: dt.date
    to_date: dt.date | None = Field(description="The last day; null while current.")
    how_chosen: str = Field(
        description="`designated`, `worker_choice`, `nominated`, `change_approved` or "
        "`change_deemed_approved`."
    )
    recorded_seq: int


class ChangeRequestOut(BaseModel):
    id: int
    doctor_name: str
    practice_name: str
    reasons: str
    received_on: dt.date
    due_on: dt.date | None = Field(
        description="CO: the answer's due date (20 days, rolled); unanswered after it, the request is deemed "
        "approved (seed 003). Null where no such rule runs (NSW)."
    )
    status: str = Field(description="`pending`, `approved`, `deemed_approved` or `declined`.")
    decision_reasons: str
    received_seq: int
    decided_seq: int | None


class ImeOut(BaseModel):
    id: int
    doctor_name: str
    specialty: str
    purpose: str
    appointment_at: dt.datetime
    place: str
    notice_given_on: dt.date
    shorter_notice_agreed: bool
    shorter_notice_note: str
    repeat_of: int | None = Field(description="The original IME this one repeats.")
    different_doctor_reason: str
    status: str = Field(description="`scheduled`, `attended`, `not_attended` or `cancelled`.")
    outcome_on: dt.date | None
    outcome_note: str
    report_document_id: int | None
    scheduled_seq: int


class ImcOut(BaseModel):
    id: int
    consultant_name: str
    reason: str
    referred_on: dt.date
    status: str = Field(description="`referred` or `completed`.")
    outcome: str
    outcome_on: dt.date | None
    report_document_id: int | None


class RatingOut(BaseModel):
    id: int
    kind: str = Field(description="`ppd` (US) or `wpi` (NSW).")
    percent: Decimal
    basis: str = Field(description="`scheduled` or `whole_person`.")
    body_part: str
    rater_name: str
    rated_on: dt.date
    report_document_id: int | None
    recorded_seq: int


class MmiOut(BaseModel):
    seq: int
    mmi_date: dt.date
    provider_name: str
    note: str


class CombinedCapOut(BaseModel):
    amount: Decimal | None = Field(description="Null when no rating is known or no sourced figure is held.")
    rating: Decimal | None
    rating_source: str = Field(description="`as given` or `from the impairment rating of <date> …`.")
    citation: str
    explanation: str


class PhysiciansOut(BaseModel):
    claim_number: str
    treating_doctor: TreatingDoctorOut | None
    history: list[TreatingDoctorOut] = Field(description="Every spell, the current first.")
    change_requests: list[ChangeRequestOut]
    ime_referrals: list[ImeOut]
    imc_referrals: list[ImcOut]
    mmi: MmiOut | None = Field(description="The latest `mmi.recorded`.")
    ratings: list[RatingOut] = Field(description="Latest first; the first is the benefits' default.")
    combined_cap: CombinedCapOut | None = Field(
        description="CO only: the combined TTD/TPD/PPD cap (C.R.S. 8-42-107.5) from the latest PPD rating."
    )


def _doctor(d: Any) -> TreatingDoctorOut:
    return TreatingDoctorOut(
        id=d.pk,
        doctor_name=d.doctor_name,
        practice_name=d.practice_name,
        provider_id=d.provider_id,
        from_date=d.from_date,
        to_date=d.to_date,
        how_chosen=d.how_chosen,
        recorded_seq=d.recorded_seq,
    )


def _change(c: PhysicianChangeRequest) -> ChangeRequestOut:
    return ChangeRequestOut(
        id=c.pk,
        doctor_name=c.doctor_name,
        practice_name=c.practice_name,
        reasons=c.reasons,
        received_on=c.received_on,
        due_on=c.due_on,
        status=c.status,
        decision_reasons=c.decision_reasons,
        received_seq=c.received_seq,
        decided_seq=c.decided_seq,
    )


def _ime(r: ImeReferral) -> ImeOut:
    return ImeOut(
        id=r.pk,
        doctor_name=r.doctor_name,
        specialty=r.specialty,
        purpose=r.purpose,
        appointment_at=r.appointment_at,
        place=r.place,
        notice_given_on=r.notice_given_on,
        shorter_notice_agreed=r.shorter_notice_agreed,
        shorter_notice_note=r.shorter_notice_note,
        repeat_of=r.previous_id,
        different_doctor_reason=r.different_doctor_reason,
        status=r.status,
        outcome_on=r.outcome_on,
        outcome_note=r.outcome_note,
        report_document_id=r.report_id,
        scheduled_seq=r.scheduled_seq,
    )


def _imc(r: ImcReferral) -> ImcOut:
    return ImcOut(
        id=r.pk,
        consultant_name=r.consultant_name,
        reason=r.reason,
        referred_on=r.referred_on,
        status=r.status,
        outcome=r.outcome,
        outcome_on=r.outcome_on,
        report_document_id=r.report_id,
    )


def physicians_out(claim: Claim) -> PhysiciansOut:
    current = selectors.treating_doctor_current(claim)
    mmi = selectors.mmi_current(claim)
    cap = co_combined_cap(claim=claim)
    return PhysiciansOut(
        claim_number=claim.number,
        treating_doctor=_doctor(current) if current else None,
        history=[_doctor(d) for d in selectors.treating_doctor_history(claim)],
        change_requests=[_change(c) for c in selectors.physician_changes(claim)],
        ime_referrals=[_ime(r) for r in selectors.ime_referrals(claim)],
        imc_referrals=[_imc(r) for r in selectors.imc_referrals(claim)],
        mmi=MmiOut(
            seq=mmi.seq,
            mmi_date=dt.date.fromisoformat(mmi.payload["mmi_date"]),
            provider_name=mmi.payload.get("provider_name", ""),
            note=mmi.payload.get("note", ""),
        )
        if mmi
        else None,
        ratings=[
            RatingOut(
                id=r.pk,
                kind=r.kind,
                percent=r.percent,
                basis=r.basis,
                body_part=r.body_part,
                rater_name=r.rater_name,
                rated_on=r.rated_on,
                report_document_id=r.report_id,
                recorded_seq=r.recorded_seq,
            )
            for r in selectors.impairment_ratings(claim)
        ],
        combined_cap=CombinedCapOut(
            amount=cap.amount,
            rating=cap.rating,
            rating_source=cap.rating_source,
            citation=cap.citation,
            explanation=cap.explanation,
        )
        if cap
        else None,
    )


def _provider(provider_id: int | None) -> Provider | None:
    if provider_id is None:
        return None
    provider = Provider.objects.filter(pk=provider_id).first()
    if provider is None:
        raise ValidationFailed.for_field("provider_id", f"there is no provider {provider_id}")
    return provider


def _document(claim: Claim, document_id: int | None, field: str) -> ClaimDocument | None:
    if document_id is None:
        return None
    document = ClaimDocument.objects.filter(pk=document_id, claim=claim).first()
    if document is None:
        raise ValidationFailed.for_field(field, f"this claim has no document {document_id}")
    return document


def _claim(request: HttpRequest, number: str) -> Claim:
    return claim_get_for_user(number=number, user=user_of(request))


def _out(request: HttpRequest, claim: Claim) -> PhysiciansOut:
    """The claim's physicians, if the caller may read them; the read is recorded (medical detail)."""
    user = user_of(request)
    require(user_can_read_physicians(user, claim), "Your role does not read this claim's medical detail.")
    out = physicians_out(claim)
    seqs = [d.recorded_seq for d in out.history] + [c.received_seq for c in out.change_requests]
    seqs += [r.scheduled_seq for r in out.ime_referrals] + [r.recorded_seq for r in out.ratings]
    if seqs:
        events = list(ClaimEvent.objects.filter(claim=claim, seq__in=seqs).order_by("seq"))
        medical_read_record(user=user, claim=claim, events=events, channel="api")
    return out


@router.get(
    "/claims/{number}/physicians",
    **responses({200: PhysiciansOut}, 403, 404),
    summary="A claim's physicians and examinations",
    description=f"The treating doctor and its history, change requests with their due dates, IME and injury "
    f"management consultant referrals, MMI, impairment ratings and (CO) the combined cap. {READ}; other "
    "roles: 403. Each read is recorded (medical detail read).",
)
def claim_physicians(request: HttpRequest, number: str) -> PhysiciansOut:
    return _out(request, _claim(request, number))


class DesignateIn(_In):
    doctor_name: str = Field("", max_length=200, description="Needed unless `provider_id` is given.")
    provider_id: int | None = None
    practice_name: str = Field("", max_length=200)
    from_date: dt.date
    how_chosen: str = Field(description="CO: `designated` or `worker_choice`; NSW: `nominated`.")


@router.post(
    "/claims/{number}/treating-doctor",
    **responses({201: PhysiciansOut}, 400, 403, 404),
    summary="Record the first treating doctor",
    description="Appends `treating_doctor.changed`. A later doctor comes only through a change request. "
    f"{WRITE}",
)
def claim_treating_doctor_designate(
    request: HttpRequest, number: str, body: DesignateIn
) -> Status[PhysiciansOut]:
    claim = _claim(request, number)
    values = body.model_dump()
    provider = _provider(values.pop("provider_id"))
    treating_doctor_designate(actor=user_of(request), claim=claim, provider=provider, **values)
    return Status(201, _out(request, claim))


class ChangeIn(_In):
    doctor_name: str = Field("", max_length=200, description="The doctor asked for.")
    provider_id: int | None = None
    practice_name: str = Field("", max_length=200)
    reasons: str = Field("", max_length=2000, description="NSW: required (seed 004).")
    received_on: dt.date


@router.post(
    "/claims/{number}/physician-changes",
    **responses({201: PhysiciansOut}, 400, 403, 404),
    summary="Record a request to change treating doctor",
    description="Appends `request.received` (subject `physician_change`). CO: the answer is due in 20 days "
    "(`co.physician_change_response`, seed 003); unanswered after it, the sweep `physician_changes_deem` "
    f"approves it as deemed approved. NSW: the worker's reasons are required (seed 004). {WRITE}",
)
def claim_physician_change_request(
    request: HttpRequest, number: str, body: ChangeIn
) -> Status[PhysiciansOut]:
    claim = _claim(request, number)
    values = body.model_dump()
    provider = _provider(values.pop("provider_id"))
    physician_change_request(actor=user_of(request), claim=claim, provider=provider, **values)
    return Status(201, _out(request, claim))


class ChangeDecisionIn(_In):
    decision: str = Field(description="`approved` or `declined`.")
    reasons: str = Field(max_length=2000)
    effective_on: dt.date | None = Field(
        None, description="Approval: the new doctor's first day (default today)."
    )


@router.post(
    "/claims/{number}/physician-changes/{change_id}/decision",
    **responses({200: PhysiciansOut}, 400, 403, 404),
    summary="Decide a request to change treating doctor",
    description=f"Appends `request.decided`; approval switches the treating doctor (history kept). {WRITE}",
)
def claim_physician_change_decide(
    request: HttpRequest, number: str, change_id: int, body: ChangeDecisionIn
) -> PhysiciansOut:
    claim = _claim(request, number)
    change = PhysicianChangeRequest.objects.filter(claim=claim, pk=change_id).first()
    if change is None:
        raise NotFound(f"This claim has no change request {change_id}.")
    physician_change_decide(actor=user_of(request), change=change, **body.model_dump())
    return _out(request, claim)


class MmiIn(_In):
    mmi_date: dt.date
    physician_name: str = Field("", max_length=200, description="Default: the current treating doctor.")
    report_document_id: int | None = Field(None, description="A medical or IME report of the claim.")
    note: str = Field("", max_length=2000)


@router.post(
    "/claims/{number}/mmi",
    **responses({201: PhysiciansOut}, 400, 403, 404),
    summary="Record maximum medical improvement",
    description=f"Appends `mmi.recorded`; the claim's payment schedules stop on the MMI date. {WRITE}",
)
def claim_mmi_record(request: HttpRequest, number: str, body: MmiIn) -> Status[PhysiciansOut]:
    claim = _claim(request, number)
    values = body.model_dump()
    report = _document(claim, values.pop("report_document_id"), "report_document_id")
    mmi_record(actor=user_of(request), claim=claim, report=report, **values)
    return Status(201, _out(request, claim))


class RatingIn(_In):
    percent: Decimal = Field(description="The rating, 0–100, at most two decimals.")
    rater_name: str = Field(max_length=200)
    rated_on: dt.date
    basis: str = Field("whole_person", description="`scheduled` (US, with `body_part`) or `whole_person`.")
    body_part: str = Field("", max_length=200)
    report_document_id: int | None = None
    note: str = Field("", max_length=2000)


@router.post(
    "/claims/{number}/impairment-ratings",
    **responses({201: PhysiciansOut}, 400, 403, 404),
    summary="Record a permanent impairment rating",
    description="Appends `impairment.rated`: PPD on US claims, WPI on NSW claims. The latest rating is the "
    f"default WPI of NSW rate decisions and the rating of Colorado's combined cap. {WRITE}",
)
def claim_impairment_rate(request: HttpRequest, number: str, body: RatingIn) -> Status[PhysiciansOut]:
    claim = _claim(request, number)
    values = body.model_dump()
    report = _document(claim, values.pop("report_document_id"), "report_document_id")
    impairment_rate(actor=user_of(request), claim=claim, report=report, **values)
    return Status(201, _out(request, claim))


class ImeIn(_In):
    doctor_name: str = Field("", max_length=200)
    provider_id: int | None = None
    specialty: str = Field("", max_length=100)
    purpose: str = Field(max_length=2000)
    appointment_at: dt.datetime = Field(description="With its time zone.")
    place: str = Field(max_length=300)
    notice_given_on: dt.date
    shorter_notice_agreed: bool = False
    shorter_notice_note: str = Field("", max_length=500)
    different_doctor_reason: str = Field(
        "", description=f"Repeat IME with another doctor: one of {', '.join(DIFFERENT_DOCTOR_REASONS)}."
    )


@router.post(
    "/claims/{number}/ime-referrals",
    **responses({201: PhysiciansOut}, 400, 403, 404),
    summary="Refer the worker to an IME",
    description="Appends `schedule.recorded` (subject `ime`). NSW: at least two weeks' notice unless the "
    "worker "
    "agreed to shorter notice (`nsw.ime_notice`, seed 004); a repeat IME goes to the original IME's doctor "
    f"unless they no longer consult conveniently for the worker or no longer perform IMEs. {WRITE}",
)
def claim_ime_refer(request: HttpRequest, number: str, body: ImeIn) -> Status[PhysiciansOut]:
    claim = _claim(request, number)
    values = body.model_dump()
    provider = _provider(values.pop("provider_id"))
    ime_refer(actor=user_of(request), claim=claim, provider=provider, **values)
    return Status(201, _out(request, claim))


class ImeOutcomeIn(_In):
    outcome: str = Field(description="`attended`, `not_attended` or `cancelled`.")
    on: dt.date | None = None
    report_document_id: int | None = Field(None, description="Attended: the IME report (an `ime_report`).")
    note: str = Field("", max_length=2000)


@router.post(
    "/claims/{number}/ime-referrals/{referral_id}/outcome",
    **responses({200: PhysiciansOut}, 400, 403, 404),
    summary="Record an IME's outcome",
    description=f"Appends `ime.outcome_recorded`. {WRITE}",
)
def claim_ime_outcome(
    request: HttpRequest, number: str, referral_id: int, body: ImeOutcomeIn
) -> PhysiciansOut:
    claim = _claim(request, number)
    referral = ImeReferral.objects.filter(claim=claim, pk=referral_id).first()
    if referral is None:
        raise NotFound(f"This claim has no IME referral {referral_id}.")
    values = body.model_dump()
    report = _document(claim, values.pop("report_document_id"), "report_document_id")
    ime_outcome_record(actor=user_of(request), referral=referral, report=report, **values)
    return _out(request, claim)


class ImcIn(_In):
    consultant_name: str = Field(max_length=200)
    reason: str = Field(max_length=2000)
    referred_on: dt.date
    worker_and_doctor_told: bool = Field(
        description="The worker and the nominated treating doctor were told the purpose first (seed 004)."
    )


@router.post(
    "/claims/{number}/imc-referrals",
    **responses({201: PhysiciansOut}, 400, 403, 404),
    summary="Refer to an injury management consultant",
    description=f"Appends `imc.referred`. {WRITE}",
)
def claim_imc_refer(request: HttpRequest, number: str, body: ImcIn) -> Status[PhysiciansOut]:
    claim = _claim(request, number)
    imc_refer(actor=user_of(request), claim=claim, **body.model_dump())
    return Status(201, _out(request, claim))


class ImcOutcomeIn(_In):
    outcome: str = Field(max_length=2000)
    on: dt.date
    report_document_id: int | None = None


@router.post(
    "/claims/{number}/imc-referrals/{referral_id}/outcome",
    **responses({200: PhysiciansOut}, 400, 403, 404),
    summary="Record an injury management consultant's outcome",
    description=f"Appends `imc.outcome_recorded`. {WRITE}",
)
def claim_imc_outcome(
    request: HttpRequest, number: str, referral_id: int, body: ImcOutcomeIn
) -> PhysiciansOut:
    claim = _claim(request, number)
    referral = ImcReferral.objects.filter(claim=claim, pk=referral_id).first()
    if referral is None:
        raise NotFound(f"This claim has no consultant referral {referral_id}.")
    values = body.model_dump()
    report = _document(claim, values.pop("report_document_id"), "report_document_id")
    imc_outcome_record(actor=user_of(request), referral=referral, report=report, **values)
    return _out(request, claim)
