"""Claims: the work queue, intake, status, assignment and the claim's event log."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from opencomp.accounts.models import Organisation, User
from opencomp.api.access import (
    employer_for_filing,
    establishment_of,
    require_claims_staff,
    worker_for,
)
from opencomp.api.auth import user_of
from opencomp.api.errors import field_not_found, input_names, responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import (
    AssignIn,
    ClaimFiltersIn,
    ClaimIn,
    ClaimOut,
    ClaimPage,
    ClaimSummaryOut,
    EventFilters,
    EventIn,
    EventOut,
    EventPage,
    LiabilityDecisionIn,
    TransitionIn,
)
from opencomp.claims.access import claim_get_for_user, require, user_can_assign_claim, user_can_work_claim
from opencomp.claims.liability_services import LiabilityInput, liability_decide
from opencomp.claims.models import Claim
from opencomp.claims.selectors import ClaimFilters, adjusters_for, claim_event_count, claim_list
from opencomp.claims.services import (
    ClaimDraft,
    claim_assign,
    claim_create,
    claim_event_append,
    claim_timeline_read,
    claim_transition,
)
from opencomp.intake.access import user_can_file_for_employer
from opencomp.parties.models import Employment, Worker
from opencomp.triage.access import triage_band_filter
from opencomp.triage.selectors import claims_in_band

router = Router(tags=["Claims"])

#: Service field names → the names the API's input uses.
REFERENCE_FIELDS = {
    "employer": "employer_id",
    "worker": "worker_id",
    "employment": "worker_id",
    "establishment": "establishment_id",
}


def _claim(request: HttpRequest, number: str) -> Claim:
    return claim_get_for_user(number=number, user=user_of(request))


#: Columns the intake path reads. On this path the ORM's CPU cost grows with the columns it maps
#: more than with the number of queries (see bench/intake.py); anything else loads on first use.
INTAKE_COLUMNS = (
    "id",
    "worker_id",
    "employer_id",
    "establishment_id",
    "hire_date",
    "worker__id",
    "worker__given_name",
    "worker__family_name",
    "establishment__id",
    "establishment__name",
    "establishment__organisation_id",
    "employer__id",
    "employer__kind",
    "employer__name",
    "employer__claims_administrator_id",
    "employer__parent_id",
    "employer__policies",  # the deadline rules read the employer's own programs
    "employer__claims_administrator__id",
    "employer__claims_administrator__kind",
    "employer__claims_administrator__name",
)


def _intake_parties(
    user: User, employer_id: int, worker_id: int
) -> tuple[Organisation, Worker, Employment | None]:
    """The employer (with its administrator), the worker and their employment there, in one query.

    The employer must be one ``user`` may file for. When the worker has no employment there, the
    employer and the worker are looked up on their own so the error names the right field: a
    worker the user may not see is "not found", a visible one is left to ``claim_create`` to refuse.
    """
    employment = (
        Employment.objects.select_related("worker", "establishment", "employer__claims_administrator")
        .only(*INTAKE_COLUMNS)
        .filter(worker_id=worker_id, employer_id=employer_id)
        .order_by("-hire_date", "-pk")  # the employment claim_create would pick
        .first()
    )
    if employment is not None and not user_can_file_for_employer(user, employment.employer):
        employment = None  # an employer the user may not file for: answered as not found below
    if employment is not None:
        return employment.employer, employment.worker, employment
    employer = employer_for_filing(user, employer_id)
    return employer, worker_for(user, worker_id), None


@router.get(
    "",
    **responses({200: ClaimPage}, 400),
    summary="List claims (work queue)",
    description="Claims you may see, filtered and sorted; `mine` keeps those assigned to you.",
)
def claim_list_api(request: HttpRequest, filters: Query[ClaimFiltersIn]) -> ClaimPage:
    qs = claim_list(
        user=user_of(request),
        filters=ClaimFilters(
            mine=filters.mine,
            q=filters.q,
            status=filters.status or "",
            jurisdiction=filters.jurisdiction or "",
            employer_id=filters.employer_id,
            adjuster_id=filters.adjuster_id,
            sort=filters.sort,
        ),
    )
    if filters.triage_band:
        qs = claims_in_band(qs, triage_band_filter(user_of(request), filters.triage_band))
    count, items = page_of(qs, filters)
    return ClaimPage(count=count, items=[ClaimSummaryOut.of(c) for c in items])


@router.post(
    "",
    **responses({201: ClaimOut}, 400, 403),
    summary="Open a claim",
    description="Claims staff of the employer's administrator open a claim directly from intake fields. "
    "The claim is numbered, starts `reported` and its log starts with `claim.created`.",
)
def claim_create_api(request: HttpRequest, body: ClaimIn) -> Status[ClaimOut]:
    user = user_of(request)
    require_claims_staff(user)
    employer, worker, employment = _intake_parties(user, body.employer_id, body.worker_id)
    establishment = None
    if body.establishment_id is not None:
        if employment is not None and employment.establishment_id == body.establishment_id:
            establishment = employment.establishment  # already loaded, and of this employer
        else:
            establishment = establishment_of(employer, body.establishment_id)
    with input_names(**REFERENCE_FIELDS):
        claim = claim_create(
            actor=user,
            draft=ClaimDraft(
                jurisdiction=body.jurisdiction,
                employer=employer,
                worker=worker,
                employment=employment,
                establishment=establishment,
                injury_date=body.injury_date,
                injury_time=body.injury_time,
                employer_knowledge_date=body.employer_knowledge_date,
                notification_date=body.notification_date,
                claim_type=body.claim_type,
                significant_injury=body.significant_injury,
                nature_of_injury=body.nature_of_injury,
                body_part=body.body_part,
                description=body.description,
            ),
        )
    return Status(201, ClaimOut.of(claim))


@router.get("/{number}", **responses({200: ClaimOut}, 404), summary="Get a claim")
def claim_get(request: HttpRequest, number: str) -> ClaimOut:
    return ClaimOut.of(_claim(request, number))


@router.post(
    "/{number}/transition",
    **responses({200: ClaimOut}, 400, 403, 404, 409),
    summary="Change a claim's status",
    description="Moves the claim along the lifecycle (reported → under investigation → accepted / denied … → "
    "closed / finalised → reopened). Denials, closures and reopenings need a reason. Send "
    "`expected_status` to fail with 409 if someone else moved the claim first.",
)
def claim_transition_api(request: HttpRequest, body: TransitionIn, number: str) -> ClaimOut:
    claim = _claim(request, number)
    updated = claim_transition(
        actor=user_of(request),
        claim=claim,
        to_status=body.to_status,
        reason=body.reason,
        expected_status=body.expected_status,
    )
    return ClaimOut.of(updated)


@router.post(
    "/{number}/liability-decisions",
    **responses({200: ClaimOut}, 400, 403, 404, 409),
    summary="Record a liability decision",
    description="A liability decision the claim's jurisdiction allows, with what it must carry (NSW: "
    "reasonable excuses from the program's list and what the worker must do; a dispute's reasons, evidence "
    "and a team manager's sign-off). Moves the claim (`claim.status_changed`) and records "
    "`liability.decided`.",
)
def claim_liability_decide_api(request: HttpRequest, body: LiabilityDecisionIn, number: str) -> ClaimOut:
    user = user_of(request)
    claim = _claim(request, number)
    require(user_can_work_claim(user, claim), "You may not decide liability on this claim.")
    manager: User | None = None
    if body.signed_off_by_id is not None:
        manager = User.objects.filter(pk=body.signed_off_by_id, is_active=True).first()
        if manager is None or not user_can_work_claim(manager, claim):
            raise field_not_found("signed_off_by_id", "team manager of this claim", body.signed_off_by_id)
    with input_names(signed_off_by="signed_off_by_id"):
        updated = liability_decide(
            actor=user,
            claim=claim,
            given=LiabilityInput(
                decision=body.decision,
                reasons=body.reasons,
                excuses=tuple(body.excuses),
                worker_action=body.worker_action,
                evidence=tuple(body.evidence),
                signed_off_by=manager,
                mmi_date=body.mmi_date,
                impairment_percent=body.impairment_percent,
                permanent_restrictions=body.permanent_restrictions,
                maintenance_care=body.maintenance_care,
                maintenance_care_details=body.maintenance_care_details,
            ),
            expected_status=body.expected_status,
        )
    return ClaimOut.of(updated)


@router.post(
    "/{number}/assign",
    **responses({200: ClaimOut}, 400, 403, 404),
    summary="Assign a claim's adjuster",
    description="Claims supervisors assign, reassign or (with `adjuster_id: null`) unassign the adjuster. "
    "The worker and the employer are notified.",
)
def claim_assign_api(request: HttpRequest, body: AssignIn, number: str) -> ClaimOut:
    user = user_of(request)
    claim = _claim(request, number)
    # Checked before looking the adjuster up, so that who works where is not probed through this endpoint.
    require(user_can_assign_claim(user, claim), "Only a claims supervisor may assign this claim.")
    adjuster: User | None = None
    if body.adjuster_id is not None:
        adjuster = adjusters_for(claim=claim).filter(pk=body.adjuster_id).first()
        if adjuster is None:
            raise field_not_found(
                "adjuster_id", f"active adjuster of {claim.administrator.name}", body.adjuster_id
            )
    with input_names(adjuster="adjuster_id"):
        updated = claim_assign(actor=user, claim=claim, adjuster=adjuster, reason=body.reason)
    return ClaimOut.of(updated)


@router.get(
    "/{number}/events",
    **responses({200: EventPage}, 400, 404),
    summary="Read a claim's event log",
    description="Newest first. Events you may not read (medical detail beyond your access) are listed with "
    "their kind, number and dates but `redacted: true` and no payload. Reads of medical detail are recorded.",
)
def claim_event_list(request: HttpRequest, filters: Query[EventFilters], number: str) -> EventPage:
    claim = _claim(request, number)
    kinds = [str(k) for k in filters.kind] or None
    count = claim_event_count(claim=claim, kinds=kinds)
    page = (
        claim_timeline_read(
            user=user_of(request),
            claim=claim,
            channel="api",
            kinds=kinds,
            offset=filters.offset,
            limit=filters.limit,
        )
        if filters.offset < count
        else []
    )
    return EventPage(
        count=count,
        items=[EventOut.of(t.event, redacted=t.redacted, corrected_by_seq=t.corrected_by_seq) for t in page],
    )


@router.post(
    "/{number}/events",
    **responses({201: EventOut}, 400, 403, 404),
    summary="Append to a claim's event log",
    description="An activity-log entry, a note, a medical note, or a fact the statutory clocks run on "
    "(notice sent, report filed, request received / acknowledged / decided / completed, date scheduled, "
    "work status, milestone, weekly payments commenced); or, with `corrects_seq`, a correction of an "
    "earlier event of the same kind (the original stays in the log). Obligations the event satisfies or "
    "starts are updated in the same transaction.",
)
def claim_event_create(request: HttpRequest, body: EventIn, number: str) -> Status[EventOut]:
    claim = _claim(request, number)
    corrects = None
    if body.corrects_seq is not None:
        corrects = claim.events.filter(seq=body.corrects_seq).first()
        if corrects is None:
            raise field_not_found("corrects_seq", f"event of claim {claim.number}", body.corrects_seq)
    with input_names(corrects="corrects_seq"):
        event = claim_event_append(
            actor=user_of(request),
            claim=claim,
            kind=body.kind,
            payload=body.payload,
            occurred_at=body.occurred_at,
            corrects=corrects,
            restricted=body.restricted,
        )
    return Status(201, EventOut.of(event, redacted=False, corrected_by_seq=None))
