"""Intake: the register of injuries (incidents) and injury reports, and turning a report into a claim."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status

from opencomp.accounts.models import User
from opencomp.api.access import (
    INTAKE_FILER_ROLES,
    employer_for_filing,
    establishment_of,
    incident_for,
    require_role,
    worker_for,
)
from opencomp.api.auth import user_of
from opencomp.api.errors import input_names, responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import (
    ClaimOut,
    DrugAlcoholTestIn,
    DrugAlcoholTestOut,
    IncidentFilters,
    IncidentIn,
    IncidentOut,
    IncidentPage,
    ReportFilters,
    ReportIn,
    ReportOut,
    ReportPage,
    ReportToClaimIn,
    SupervisorReportIn,
    SupervisorReportOut,
)
from opencomp.claims.services import claim_create_from_report
from opencomp.core.errors import NotFound
from opencomp.intake import selectors as intake_selectors
from opencomp.intake.access import incident_get_for_user, report_queryset_for_user
from opencomp.intake.models import InjuryReport
from opencomp.intake.services import (
    drug_alcohol_test_record,
    incident_log,
    injury_report_submit,
    supervisor_report_submit,
)

incidents = Router(tags=["Intake"])
reports = Router(tags=["Intake"])

#: Service field names → the names the API's input uses.
REFERENCE_FIELDS = {
    "employer": "employer_id",
    "worker": "worker_id",
    "establishment": "establishment_id",
    "incident": "incident_id",
}


# --- the register of injuries ---------------------------------------------------------------------


@incidents.get(
    "",
    **responses({200: IncidentPage}, 400),
    summary="List incidents (register of injuries)",
    description="Lines of the incident log of employers whose records you may see. Workers see none.",
)
def incident_list(request: HttpRequest, filters: Query[IncidentFilters]) -> IncidentPage:
    qs = intake_selectors.incident_list(
        user=user_of(request),
        filters=intake_selectors.IncidentFilters(
            outcome=filters.outcome or "",
            status=filters.status or "",
            date_from=filters.occurred_from,
            date_to=filters.occurred_to,
            employer_id=filters.employer_id,
            worker_id=filters.worker_id,
        ),
    )
    count, items = page_of(qs, filters)
    return IncidentPage(count=count, items=[IncidentOut.of(i) for i in items])


@incidents.get(
    "/{int:incident_id}",
    **responses({200: IncidentOut}, 404),
    summary="Get an incident",
)
def incident_get(request: HttpRequest, incident_id: int) -> IncidentOut:
    return IncidentOut.of(incident_get_for_user(incident_id=incident_id, user=user_of(request)))


@incidents.post(
    "",
    **responses({201: IncidentOut}, 400, 403),
    summary="Log an incident",
    description="Record one line of the register of injuries, including first-aid-only events.",
)
def incident_create(request: HttpRequest, body: IncidentIn) -> Status[IncidentOut]:
    user = user_of(request)
    require_role(user, INTAKE_FILER_ROLES, "You may not log incidents.")
    employer = employer_for_filing(user, body.employer_id)
    worker = worker_for(user, body.worker_id) if body.worker_id is not None else None
    establishment = (
        establishment_of(employer, body.establishment_id) if body.establishment_id is not None else None
    )
    with input_names(**REFERENCE_FIELDS):
        incident = incident_log(
            actor=user,
            employer=employer,
            establishment=establishment,
            worker=worker,
            person_name=body.person_name,
            occupation=body.occupation,
            occurred_at=body.occurred_at,
            location=body.location,
            description=body.description,
            nature_of_injury=body.nature_of_injury,
            body_part=body.body_part,
            outcome=body.outcome,
            first_aid_given=body.first_aid_given,
            first_aid_by=body.first_aid_by,
            witnesses=body.witnesses,
            reported_by=body.reported_by,
        )
    return Status(201, IncidentOut.of(incident))


# --- injury reports -------------------------------------------------------------------------------


def _reports(user: User) -> QuerySet[InjuryReport]:
    """Reports ``user`` may see, with what the response shows of their follow-up."""
    return report_queryset_for_user(user).select_related("claim", "supervisor_report", "drug_alcohol_test")


def _report_for(user: User, report_id: int) -> InjuryReport:
    report = _reports(user).filter(pk=report_id).first()
    if report is None:
        raise NotFound(f"Injury report {report_id} was not found.")
    return report


@reports.get(
    "",
    **responses({200: ReportPage}, 400),
    summary="List injury reports",
    description="Employee injury reports you may see; a worker sees their own.",
)
def report_list(request: HttpRequest, filters: Query[ReportFilters]) -> ReportPage:
    qs = _reports(user_of(request))
    if filters.employer_id is not None:
        qs = qs.filter(employer_id=filters.employer_id)
    if filters.worker_id is not None:
        qs = qs.filter(worker_id=filters.worker_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    count, items = page_of(qs.order_by("-submitted_at", "-pk"), filters)
    return ReportPage(count=count, items=[ReportOut.of(r) for r in items])


@reports.get("/{int:report_id}", **responses({200: ReportOut}, 404), summary="Get an injury report")
def report_get(request: HttpRequest, report_id: int) -> ReportOut:
    return ReportOut.of(_report_for(user_of(request), report_id))


@reports.post(
    "",
    **responses({201: ReportOut}, 400, 403),
    summary="File an injury report",
    description="The employee's report of injury (ADM 4 / WC1 / NSW notification). "
    "A worker may file their own.",
)
def report_create(request: HttpRequest, body: ReportIn) -> Status[ReportOut]:
    user = user_of(request)
    require_role(user, INTAKE_FILER_ROLES, "You may not file injury reports.")
    employer = employer_for_filing(user, body.employer_id)
    worker = worker_for(user, body.worker_id)
    establishment = (
        establishment_of(employer, body.establishment_id) if body.establishment_id is not None else None
    )
    incident = incident_for(user, body.incident_id) if body.incident_id is not None else None
    with input_names(**REFERENCE_FIELDS):
        report = injury_report_submit(
            actor=user,
            employer=employer,
            worker=worker,
            establishment=establishment,
            incident=incident,
            jurisdiction=body.jurisdiction,
            injury_date=body.injury_date,
            injury_time=body.injury_time,
            location=body.location,
            nature_of_injury=body.nature_of_injury,
            body_part=body.body_part,
            body_side=body.body_side,
            how_it_happened=body.how_it_happened,
            witnesses=body.witnesses,
            reported_to_employer_on=body.reported_to_employer_on,
            notifier_name=body.notifier_name,
            notifier_address=body.notifier_address,
            notifier_relationship=body.notifier_relationship,
            medical_treatment_sought=body.medical_treatment_sought,
            time_lost=body.time_lost,
        )
    return Status(201, ReportOut.of(report, fresh=True))


@reports.post(
    "/{int:report_id}/supervisor-report",
    **responses({201: SupervisorReportOut}, 400, 403, 404),
    summary="File the supervisor's report",
    description="The supervisor's report of accident or incident; one per injury report.",
)
def supervisor_report_create(
    request: HttpRequest, report_id: int, body: SupervisorReportIn
) -> Status[SupervisorReportOut]:
    user = user_of(request)
    report = _report_for(user, report_id)
    sup = supervisor_report_submit(actor=user, report=report, **body.model_dump())
    return Status(201, SupervisorReportOut.of(sup))


@reports.post(
    "/{int:report_id}/drug-alcohol-test",
    **responses({201: DrugAlcoholTestOut}, 400, 403, 404),
    summary="Record the post-accident drug and alcohol test",
    description="The test given within the windows (alcohol 8 h, drug 32 h), or why none was given.",
)
def drug_alcohol_test_create(
    request: HttpRequest, report_id: int, body: DrugAlcoholTestIn
) -> Status[DrugAlcoholTestOut]:
    user = user_of(request)
    report = _report_for(user, report_id)
    test = drug_alcohol_test_record(actor=user, report=report, **body.model_dump())
    return Status(201, DrugAlcoholTestOut.of(test))


@reports.post(
    "/{int:report_id}/claim",
    **responses({201: ClaimOut}, 400, 403, 404),
    summary="Open a claim from an injury report",
    description="Claims staff of the employer's administrator turn a submitted report into a claim.",
)
def report_convert(request: HttpRequest, report_id: int, body: ReportToClaimIn) -> Status[ClaimOut]:
    user = user_of(request)
    report = _report_for(user, report_id)
    with input_names(report="report_id", **REFERENCE_FIELDS):
        claim = claim_create_from_report(
            actor=user,
            report=report,
            claim_type=body.claim_type,
            significant_injury=body.significant_injury,
            notification_date=body.notification_date,
        )
    return Status(201, ClaimOut.of(claim))
