"""A claim's modified duty: assignments (offer, answer, review, extend, end) and less arduous duty searches.

Read by whoever reads the claim's work status in full (staff, treating providers, the worker,
the regulator) and by employer-side users while the worker's consent releases capacity and
restrictions to the employer; other roles that see the claim get 403, a hidden claim 404.
Written by those who work the claim. The offer is issued as the ``co.modified_duty_offer``
letter (PDF, certified mail with its article number); accepting it decides TPD on the
assignment's weekly earnings and starts its payment schedule unless ``start_tpd`` is false.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.accounts.models import User
from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.claims.access import claim_get_for_user, require
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.core.errors import NotFound
from opencomp.rtw.access import READ_REFUSED, user_can_read_modified_duty
from opencomp.rtw.enums import EndReason, ReviewKind
from opencomp.rtw.models import AssignmentReview, DutySearch, DutySearchCandidate, ModifiedDutyAssignment
from opencomp.rtw.selectors import assignment_get, assignments_of, reviews_of, search_get, searches_of
from opencomp.rtw.services import (
    duty_search_candidate_add,
    duty_search_conclude,
    duty_search_start,
    modified_duty_accept,
    modified_duty_delivery_record,
    modified_duty_end,
    modified_duty_extend,
    modified_duty_offer,
    modified_duty_refuse,
    modified_duty_review,
)

router = Router(tags=["Modified duty"])
WRITE = "Those who work the claim."
DEMAND = (
    "What the duty asks, in the shape of a restriction: `kind` (lifting, standing, sitting, walking, "
    "driving, arm_hand, bending, climbing, other), `limit` (lifting: weight in the claim's unit; "
    "standing, sitting, walking: minutes at a time), `side` (arm_hand), `note`."
)


class DemandIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: str
    limit: Decimal | None = None
    unit: str = ""
    side: str = ""
    note: str = Field("", max_length=500)


def _demands(items: list[DemandIn]) -> list[dict[str, Any]]:
    return [{**d.model_dump(), "limit": str(d.limit) if d.limit is not None else None} for d in items]


class ReviewOut(BaseModel):
    id: int
    kind: str = Field(description=", ".join(f"`{k}`" for k in ReviewKind.values))
    reviewed_on: dt.date
    work_status_report_id: int | None = Field(description="The RTW pass acknowledged (after a visit).")
    within_restrictions: bool
    note: str
    seq: int

    @classmethod
    def of(cls, r: AssignmentReview) -> ReviewOut:
        return cls(
            id=r.pk,
            kind=r.kind,
            reviewed_on=r.reviewed_on,
            work_status_report_id=r.work_status_report_id,
            within_restrictions=r.within_restrictions,
            note=r.note,
            seq=r.seq,
        )


class AssignmentOut(BaseModel):
    id: int
    status: str = Field(description="`offered`, `accepted` (starts later), `refused`, `active` or `ended`.")
    past_limit: bool = Field(description="Running after its limit: end or extend it.")
    position: str
    duties: str
    department: str
    agency: str
    other_placement: bool
    hours_per_day: Decimal
    days_per_week: Decimal
    weekly_earnings: Decimal
    demands: list[dict[str, str]]
    start_on: dt.date
    limit_on: dt.date = Field(description="Six months from the injury (seed 001) unless extended.")
    work_status_report_id: int = Field(
        description="The report whose restrictions the duties were checked against."
    )
    override_reason: str
    atp_approval_required: bool
    atp_approved_by: str
    atp_approved_on: dt.date | None
    letter_id: int | None = Field(description="The offer letter (`/api/v1/letters/{id}`).")
    delivered_on: dt.date | None = Field(description="The day the offer letter reached the worker.")
    delivery_signed_by: str
    offer_seq: int
    responded_on: dt.date | None
    refusal_reason: str
    ended_on: dt.date | None
    end_reason: str
    end_note: str
    reviews: list[ReviewOut]

    @classmethod
    def of(cls, a: ModifiedDutyAssignment) -> AssignmentOut:
        today = claim_today(a.claim)
        return cls(
            id=a.pk,
            status=a.status_on(today),
            past_limit=a.past_limit_on(today),
            position=a.position,
            duties=a.duties,
            department=a.department,
            agency=a.agency,
            other_placement=a.other_placement,
            hours_per_day=a.hours_per_day,
            days_per_week=a.days_per_week,
            weekly_earnings=a.weekly_earnings,
            demands=list(a.demands),
            start_on=a.start_on,
            limit_on=a.limit_on,
            work_status_report_id=a.work_status_report_id,
            override_reason=a.override_reason,
            atp_approval_required=a.atp_approval_required,
            atp_approved_by=a.atp_approved_by,
            atp_approved_on=a.atp_approved_on,
            letter_id=a.letter_id,
            delivered_on=a.delivered_on,
            delivery_signed_by=a.delivery_signed_by,
            offer_seq=a.offer_seq,
            responded_on=a.responded_on,
            refusal_reason=a.refusal_reason,
            ended_on=a.ended_on,
            end_reason=a.end_reason,
            end_note=a.end_note,
            reviews=[ReviewOut.of(r) for r in reviews_of(assignment=a)],
        )


class CandidateOut(BaseModel):
    id: int
    position: str
    department: str
    agency: str
    demands: list[dict[str, str]]
    fits_restrictions: bool
    note: str

    @classmethod
    def of(cls, c: DutySearchCandidate) -> CandidateOut:
        return cls(
            id=c.pk,
            position=c.position,
            department=c.department,
            agency=c.agency,
            demands=list(c.demands),
            fits_restrictions=c.fits_restrictions,
            note=c.note,
        )


class SearchOut(BaseModel):
    id: int
    job_classification: str
    permanent_restrictions: str
    started_on: dt.date
    outcome: str = Field(description="Empty while searching; `placed` or `no_position`.")
    concluded_on: dt.date | None
    placed_id: int | None
    note: str
    candidates: list[CandidateOut]

    @classmethod
    def of(cls, s: DutySearch) -> SearchOut:
        return cls(
            id=s.pk,
            job_classification=s.job_classification,
            permanent_restrictions=s.permanent_restrictions,
            started_on=s.started_on,
            outcome=s.outcome,
            concluded_on=s.concluded_on,
            placed_id=s.placed_id,
            note=s.note,
            candidates=[CandidateOut.of(c) for c in s.candidates.all()],
        )


class ModifiedDutyOut(BaseModel):
    claim_number: str
    assignments: list[AssignmentOut]
    searches: list[SearchOut]


class OfferIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    position: str = Field(max_length=200)
    duties: str = Field(max_length=4000)
    department: str = Field(max_length=200)
    agency: str = Field("", max_length=200)
    other_placement: bool = Field(False, description="Placed in another agency or department (seed 001).")
    hours_per_day: Decimal
    days_per_week: Decimal
    weekly_earnings: Decimal = Field(description="What the assignment pays a week (TPD's current earnings).")
    start_on: dt.date
    demands: list[DemandIn] = Field(default_factory=list, description=DEMAND)
    override_reason: str = Field(
        "", max_length=2000, description="Why an offer breaking a restriction is made."
    )
    atp_approved_by: str = Field("", max_length=200)
    atp_approved_on: dt.date | None = None
    delivery_method: str = Field("certified_mail", description="`certified_mail`, `mail` or `email`.")
    tracking_number: str = Field("", max_length=60, description="The certified mail article number.")
    copy_employer: bool = True


class DeliveryIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    delivered_on: dt.date
    signed_by: str = Field(max_length=200, description="Who signed the delivery verification.")


class AcceptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accepted_on: dt.date
    start_tpd: bool = Field(True, description="Stop TTD, decide TPD on the earnings and start paying it.")
    payment_method: str = Field("cheque", description="`cheque` or `eft`.")
    interval_days: int | None = None


class RefuseIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    refused_on: dt.date
    reason: str = Field(max_length=2000)


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reviewed_on: dt.date
    kind: str = Field(description="`periodic` or `after_visit`.")
    work_status_report_id: int | None = Field(None, description="The RTW pass acknowledged (after a visit).")
    note: str = Field("", max_length=4000)


class ExtendIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    limit_on: dt.date
    reason: str = Field(max_length=2000)


class EndIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    ended_on: dt.date
    reason: str = Field(description=", ".join(f"`{r}`" for r in EndReason.values))
    note: str = Field("", max_length=2000)


class SearchIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    job_classification: str = Field(max_length=200)
    permanent_restrictions: str = Field(max_length=4000)
    started_on: dt.date
    restrictions: list[DemandIn] = Field(default_factory=list, description="Structured, to check candidates.")


class CandidateIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    position: str = Field(max_length=200)
    department: str = Field(max_length=200)
    agency: str = Field("", max_length=200)
    demands: list[DemandIn] = Field(default_factory=list, description=DEMAND)
    note: str = Field("", max_length=4000)


class ConcludeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    outcome: str = Field(description="`placed` or `no_position`.")
    concluded_on: dt.date
    placed_id: int | None = Field(None, description="The candidate the worker was placed in.")
    note: str = Field("", max_length=4000)


def _claim(request: HttpRequest, number: str) -> tuple[User, Claim]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_modified_duty(user, claim), READ_REFUSED)
    return user, claim


def _assignment(claim: Claim, pk: int) -> ModifiedDutyAssignment:
    found = assignment_get(claim=claim, pk=pk)
    if found is None:
        raise NotFound(f"Modified duty assignment {pk} was not found on claim {claim.number}.")
    return found


def _search(claim: Claim, pk: int) -> DutySearch:
    found = search_get(claim=claim, pk=pk)
    if found is None:
        raise NotFound(f"Less arduous duty search {pk} was not found on claim {claim.number}.")
    return found


@router.get(
    "/claims/{number}/modified-duty",
    **responses({200: ModifiedDutyOut}, 403, 404),
    summary="A claim's modified duty assignments and less arduous duty searches",
)
def claim_modified_duty(request: HttpRequest, number: str) -> ModifiedDutyOut:
    _, claim = _claim(request, number)
    return ModifiedDutyOut(
        claim_number=claim.number,
        assignments=[AssignmentOut.of(a) for a in assignments_of(claim=claim)],
        searches=[SearchOut.of(s) for s in searches_of(claim=claim)],
    )


@router.post(
    "/claims/{number}/modified-duty",
    **responses({201: AssignmentOut}, 400, 403, 404),
    summary="Offer modified duty in writing",
    description="Checks the demands against the restrictions in force on the start day (a breach is refused, "
    "naming it, unless `override_reason`), requires the treating physician's sign-off where the employer's "
    "program asks for it, appends `modified_duty.offered` and issues the offer letter (`notice.sent`). "
    + WRITE,
)
def claim_modified_duty_offer(request: HttpRequest, number: str, body: OfferIn) -> Status[AssignmentOut]:
    user, claim = _claim(request, number)
    data = body.model_dump()
    data["demands"] = _demands(body.demands)
    assignment = modified_duty_offer(actor=user, claim=claim, **data)
    return Status(201, AssignmentOut.of(assignment))


@router.post(
    "/claims/{number}/modified-duty/{assignment_id}/delivery",
    **responses({200: AssignmentOut}, 400, 403, 404, 409),
    summary="Record the delivery of a modified duty offer letter",
    description="The certified mail receipt or the worker's signed delivery verification (seed 001); "
    "appends `activity.logged`. " + WRITE,
)
def claim_modified_duty_delivery(
    request: HttpRequest, number: str, assignment_id: int, body: DeliveryIn
) -> AssignmentOut:
    user, claim = _claim(request, number)
    done = modified_duty_delivery_record(
        actor=user, assignment=_assignment(claim, assignment_id), **body.model_dump()
    )
    return AssignmentOut.of(done)


@router.post(
    "/claims/{number}/modified-duty/{assignment_id}/acceptance",
    **responses({200: AssignmentOut}, 400, 403, 404, 409),
    summary="Record the worker's acceptance of a modified duty offer",
    description="Appends `modified_duty.responded` and the milestone `modified_duty_started`; with "
    "`start_tpd`, stops TTD the day before the start, decides TPD on the weekly earnings and starts paying "
    "it. " + WRITE,
)
def claim_modified_duty_accept(
    request: HttpRequest, number: str, assignment_id: int, body: AcceptIn
) -> AssignmentOut:
    user, claim = _claim(request, number)
    done = modified_duty_accept(actor=user, assignment=_assignment(claim, assignment_id), **body.model_dump())
    return AssignmentOut.of(done)


@router.post(
    "/claims/{number}/modified-duty/{assignment_id}/refusal",
    **responses({200: AssignmentOut}, 400, 403, 404, 409),
    summary="Record the worker's refusal of a modified duty offer",
    description="Appends `modified_duty.responded`; in Colorado TPD ends (C.R.S. 8-42-106(1)): "
    "`indemnity.suspended` for TPD. " + WRITE,
)
def claim_modified_duty_refuse(
    request: HttpRequest, number: str, assignment_id: int, body: RefuseIn
) -> AssignmentOut:
    user, claim = _claim(request, number)
    done = modified_duty_refuse(actor=user, assignment=_assignment(claim, assignment_id), **body.model_dump())
    return AssignmentOut.of(done)


@router.post(
    "/claims/{number}/modified-duty/{assignment_id}/reviews",
    **responses({201: ReviewOut}, 400, 403, 404, 409),
    summary="Review a modified duty assignment (every 30 days or after a visit)",
    description="Appends the milestone `modified_duty_reviewed`. Those who work the claim, and the "
    "employer's supervisors and coordinators while the worker's consent releases capacity and "
    "restrictions to the employer (the supervisor signing the RTW pass, seed 001).",
)
def claim_modified_duty_review(
    request: HttpRequest, number: str, assignment_id: int, body: ReviewIn
) -> Status[ReviewOut]:
    user, claim = _claim(request, number)
    review = modified_duty_review(
        actor=user, assignment=_assignment(claim, assignment_id), **body.model_dump()
    )
    return Status(201, ReviewOut.of(review))


@router.post(
    "/claims/{number}/modified-duty/{assignment_id}/extension",
    **responses({200: AssignmentOut}, 400, 403, 404, 409),
    summary="Extend a modified duty assignment past its limit",
    description="Appends `modified_duty.extended` with the coordinator's reason. " + WRITE,
)
def claim_modified_duty_extend(
    request: HttpRequest, number: str, assignment_id: int, body: ExtendIn
) -> AssignmentOut:
    user, claim = _claim(request, number)
    done = modified_duty_extend(actor=user, assignment=_assignment(claim, assignment_id), **body.model_dump())
    return AssignmentOut.of(done)


@router.post(
    "/claims/{number}/modified-duty/{assignment_id}/end",
    **responses({200: AssignmentOut}, 400, 403, 404, 409),
    summary="End a modified duty assignment",
    description="Appends the milestone `modified_duty_ended`. MMI and a release to full duty end it by "
    "themselves. " + WRITE,
)
def claim_modified_duty_end(
    request: HttpRequest, number: str, assignment_id: int, body: EndIn
) -> AssignmentOut:
    user, claim = _claim(request, number)
    done = modified_duty_end(actor=user, assignment=_assignment(claim, assignment_id), **body.model_dump())
    return AssignmentOut.of(done)


@router.post(
    "/claims/{number}/duty-searches",
    **responses({201: SearchOut}, 400, 403, 404),
    summary="Start a less arduous duty search (at MMI with permanent restrictions)",
    description="Seed 000. Appends `duty_search.recorded` (started). " + WRITE,
)
def claim_duty_search_start(request: HttpRequest, number: str, body: SearchIn) -> Status[SearchOut]:
    user, claim = _claim(request, number)
    data = body.model_dump()
    data["restrictions"] = _demands(body.restrictions)
    search = duty_search_start(actor=user, claim=claim, **data)
    return Status(201, SearchOut.of(search))


@router.post(
    "/claims/{number}/duty-searches/{search_id}/candidates",
    **responses({201: CandidateOut}, 400, 403, 404, 409),
    summary="Add a candidate position to a less arduous duty search",
    description="Whether its demands fit the permanent restrictions is recorded. " + WRITE,
)
def claim_duty_search_candidate(
    request: HttpRequest, number: str, search_id: int, body: CandidateIn
) -> Status[CandidateOut]:
    user, claim = _claim(request, number)
    data = body.model_dump()
    data["demands"] = _demands(body.demands)
    candidate = duty_search_candidate_add(actor=user, search=_search(claim, search_id), **data)
    return Status(201, CandidateOut.of(candidate))


@router.post(
    "/claims/{number}/duty-searches/{search_id}/conclusion",
    **responses({200: SearchOut}, 400, 403, 404, 409),
    summary="Conclude a less arduous duty search",
    description="Placed in a candidate that fits, or no suitable position (with a note). " + WRITE,
)
def claim_duty_search_conclude(
    request: HttpRequest, number: str, search_id: int, body: ConcludeIn
) -> SearchOut:
    user, claim = _claim(request, number)
    search = duty_search_conclude(actor=user, search=_search(claim, search_id), **body.model_dump())
    return SearchOut.of(search_get(claim=claim, pk=search.pk) or search)
