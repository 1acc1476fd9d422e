"""A claim's work status: the status in force today, the history of reports, and recording one.

Those entitled to the claim's medical detail (its staff, treating providers, the worker, the
regulator) read everything. Employer-side users read capacity, hours, restrictions, validity
and next review only while the worker's consent releases ``capacity_restrictions`` to the
employer; otherwise the answer says it is not released by the worker. Other roles that see
the claim get 403; a hidden claim is 404. Those who work the claim and its treating providers
record reports.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.claims.access import claim_get_for_user, require
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.workstatus.access import FULL, RELEASED, user_can_read_work_status, work_status_view_of
from opencomp.workstatus.enums import ReportKind, RestrictionKind
from opencomp.workstatus.models import WorkStatusReport
from opencomp.workstatus.selectors import work_status_history, work_status_on
from opencomp.workstatus.services import work_status_record

router = Router(tags=["Work status"])

READ_REFUSED = "Your role does not read this claim's work status."
NOT_RELEASED = (
    "Not released by the worker: no consent in force releases capacity and restrictions to the employer."
)
KINDS = ", ".join(f"`{k}`" for k in ReportKind.values)
RESTRICTIONS = ", ".join(f"`{k}`" for k in RestrictionKind.values)


class WorkStatusRestrictionOut(BaseModel):
    kind: str = Field(description=f"One of {RESTRICTIONS}.")
    limit: str = Field(description="Lifting: the most weight; standing, sitting, walking: minutes at a time.")
    unit: str = Field(description="`kg` (Australia) or `lb` (United States) for lifting; `min` for minutes.")
    side: str = Field(description="For the use of an arm or hand: `left`, `right` or `both`.")
    note: str


class WorkStatusReportOut(BaseModel):
    id: int
    kind: str = Field(description=f"One of {KINDS}.")
    examined_on: dt.date
    valid_from: dt.date
    valid_to: dt.date | None = Field(description="Last day covered; none: until reviewed.")
    capacity: str = Field(description="`full`, `partial` (modified duties) or `none`.")
    hours_per_day: Decimal | None
    days_per_week: Decimal | None
    restrictions: list[WorkStatusRestrictionOut]
    restrictions_text: str
    next_review_on: dt.date | None
    provider_name: str = Field(description="Empty for employer-side users.")
    provider_id: int | None
    document_id: int | None = Field(description="The certificate uploaded; none for employer-side users.")
    corrects_id: int | None
    corrected_by_id: int | None = Field(description="The report that corrects this one, if any.")
    correction_reason: str = Field(description="Empty for employer-side users.")
    seq: int = Field(description="The claim's `work_status.recorded` event.")

    @classmethod
    def of(cls, r: WorkStatusReport, *, everything: bool) -> WorkStatusReportOut:
        corrected_by = getattr(r, "corrected_by", None)
        return cls(
            id=r.pk,
            kind=r.kind,
            examined_on=r.examined_on,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            capacity=r.capacity,
            hours_per_day=r.hours_per_day,
            days_per_week=r.days_per_week,
            restrictions=[WorkStatusRestrictionOut(**i) for i in r.restrictions],
            restrictions_text=r.restrictions_text,
            next_review_on=r.next_review_on,
            provider_name=r.provider_name if everything else "",
            provider_id=r.provider_id if everything else None,
            document_id=r.document_id if everything else None,
            corrects_id=r.corrects_id,
            corrected_by_id=corrected_by.pk if corrected_by is not None else None,
            correction_reason=r.correction_reason if everything else "",
            seq=r.seq,
        )


class WorkStatusOut(BaseModel):
    claim_number: str
    on: dt.date = Field(description="Today in the claim's jurisdiction.")
    released: bool = Field(
        description="False when the worker has not released it to you (employer-side users)."
    )
    message: str = Field(description="Why nothing is shown, when not released.")
    state: str = Field(
        description="`in_force`, `expired` (the last report lapsed) or `none`; empty when not released."
    )
    current: WorkStatusReportOut | None = Field(
        description="The report in force today (the lapsed one when expired)."
    )
    history: list[WorkStatusReportOut] = Field(
        description="Every report, corrected ones included, newest examination first."
    )


class WorkStatusRestrictionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: str = Field(description=f"One of {RESTRICTIONS}.")
    limit: Decimal | None = Field(
        None, description="Lifting: the most weight in the claim's unit; standing, sitting, walking: minutes."
    )
    unit: str = Field("", description="Optional; must be the claim's unit (`kg` or `lb`) or `min`.")
    side: str = Field("", description="Use of an arm or hand: `left`, `right` or `both`.")
    note: str = Field("", max_length=500)


class WorkStatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: str = Field(description=f"One of {KINDS}.")
    examined_on: dt.date
    valid_from: dt.date
    valid_to: dt.date | None = None
    capacity: str = Field(description="`full`, `partial` or `none`.")
    hours_per_day: Decimal | None = Field(None, description="More than 0, at most 24.")
    days_per_week: Decimal | None = Field(None, description="More than 0, at most 7.")
    restrictions: list[WorkStatusRestrictionIn] = Field(default_factory=list)
    restrictions_text: str = Field("", max_length=4000)
    next_review_on: dt.date | None = None
    provider_id: int | None = Field(
        None, description="One of the claim's providers; or give `provider_name`."
    )
    provider_name: str = Field("", max_length=200)
    document_id: int | None = Field(
        None, description="The uploaded certificate: a certificate document of the claim."
    )
    corrects_id: int | None = Field(None, description="The report of the claim this one corrects.")
    correction_reason: str = Field("", max_length=4000)


def _out(claim: Claim, view: str | None) -> WorkStatusOut:
    today = claim_today(claim)
    if view not in (FULL, RELEASED):
        return WorkStatusOut(
            claim_number=claim.number,
            on=today,
            released=False,
            message=NOT_RELEASED,
            state="",
            current=None,
            history=[],
        )
    everything = view == FULL
    status = work_status_on(claim=claim, on=today)
    return WorkStatusOut(
        claim_number=claim.number,
        on=today,
        released=True,
        message="",
        state=status.state,
        current=WorkStatusReportOut.of(status.report, everything=everything) if status.report else None,
        history=[WorkStatusReportOut.of(r, everything=everything) for r in work_status_history(claim=claim)],
    )


@router.get(
    "/claims/{number}/work-status",
    **responses({200: WorkStatusOut}, 403, 404),
    summary="A claim's work status and its history",
    description="The status in force today (the covering report examined last; `expired` when the last one "
    "lapsed) and every report. Staff, treating providers, the worker and the regulator read everything; "
    "employer-side users only capacity, hours, restrictions, validity and next review, and only while the "
    "worker's consent releases capacity and restrictions to the employer. Other roles: 403.",
)
def claim_work_status(request: HttpRequest, number: str) -> WorkStatusOut:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_work_status(user, claim), READ_REFUSED)
    return _out(claim, work_status_view_of(user, claim))


@router.post(
    "/claims/{number}/work-status",
    **responses({201: WorkStatusReportOut}, 400, 403, 404),
    summary="Record a certificate of capacity, RTW pass or activity report",
    description="Appends `work_status.recorded` (`certificate` true for a certificate of capacity). A change "
    "of capacity or restrictions notifies the adjuster, and the employer's supervisors and coordinators "
    "when the worker's consent releases capacity and restrictions to the employer. Those who work the "
    "claim and its treating providers.",
)
def claim_work_status_record(
    request: HttpRequest, number: str, body: WorkStatusIn
) -> Status[WorkStatusReportOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    data = body.model_dump()
    data["restrictions"] = [
        {**r, "limit": str(r["limit"]) if r["limit"] is not None else None} for r in data["restrictions"]
    ]
    report = work_status_record(actor=user, claim=claim, **data)
    return Status(201, WorkStatusReportOut.of(report, everything=True))
