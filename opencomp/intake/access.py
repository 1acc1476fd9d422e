"""Who may see and file intake records.

Employer users see their own organisation's; a pool administrator sees its members';
claims staff see the employers whose claims their organisation administers; a
worker sees their own reports (never the register); admins see all.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opencomp.accounts.access import is_admin, is_claims_staff, is_employer_user
from opencomp.accounts.enums import OrganisationKind, Role
from opencomp.accounts.models import Organisation, User
from opencomp.core.errors import NotFound
from opencomp.intake.models import Incident, InjuryReport
from opencomp.parties.models import Employment, Establishment, Worker


def employers_visible_to(user: User) -> QuerySet[Organisation]:
    """Employers whose intake records and workers the user may see."""
    employers = Organisation.objects.filter(kind__in=OrganisationKind.employer_kinds())
    if not user.is_authenticated:
        return employers.none()
    if is_admin(user):
        return employers
    org_id = user.organisation_id
    if org_id is None:
        return employers.none()
    if is_employer_user(user):
        return employers.filter(pk=org_id)
    if user.role == Role.POOL_ADMINISTRATOR:
        return employers.filter(Q(parent_id=org_id) | Q(claims_administrator_id=org_id))
    if is_claims_staff(user) or user.role == Role.AUDITOR:
        return employers.filter(Q(pk=org_id) | Q(claims_administrator_id=org_id))
    return employers.none()


def employer_visible_to(user: User, employer: Organisation) -> bool:
    """``employers_visible_to`` for one loaded employer, without a query.

    The same rule as the queryset above, role by role; a test holds the two in step
    for every role and employer.
    """
    if not user.is_authenticated or employer.kind not in OrganisationKind.employer_kinds():
        return False
    if is_admin(user):
        return True
    org_id = user.organisation_id
    if org_id is None:
        return False
    if is_employer_user(user):
        return employer.pk == org_id
    if user.role == Role.POOL_ADMINISTRATOR:
        return org_id in (employer.parent_id, employer.claims_administrator_id)
    if is_claims_staff(user) or user.role == Role.AUDITOR:
        return org_id in (employer.pk, employer.claims_administrator_id)
    return False


def user_can_file_for_employer(user: User, employer: Organisation) -> bool:
    if user.role == Role.AUDITOR:
        return False
    return employer_visible_to(user, employer)


def report_queryset_for_user(user: User) -> QuerySet[InjuryReport]:
    reports = InjuryReport.objects.select_related("employer", "worker", "establishment")
    if user.is_authenticated and user.role == Role.WORKER:
        return reports.filter(worker__user=user)
    return reports.filter(employer__in=employers_visible_to(user))


def incident_queryset_for_user(user: User) -> QuerySet[Incident]:
    return Incident.objects.select_related("employer", "worker", "establishment").filter(
        employer__in=employers_visible_to(user)
    )


def report_get_for_user(*, report_id: int, user: User) -> InjuryReport:
    """The report, or ``NotFound`` whether it is missing or hidden from the user."""
    report = report_queryset_for_user(user).filter(pk=report_id).first()
    if report is None:
        raise NotFound(f"Injury report {report_id} was not found.")
    return report


def incident_get_for_user(*, incident_id: int, user: User) -> Incident:
    incident = incident_queryset_for_user(user).filter(pk=incident_id).first()
    if incident is None:
        raise NotFound(f"Incident {incident_id} was not found.")
    return incident


def filing_employers_for(user: User) -> QuerySet[Organisation]:
    """Employers the user may file incidents and injury reports for.

    Mirrors ``intake.access.user_can_file_for_employer`` (auditors never file) and
    ``intake.services._require_filer`` (a worker files only with their own employers).
    """
    if not user.is_authenticated or user.role == Role.AUDITOR:
        return Organisation.objects.none()
    if user.role == Role.WORKER:
        return Organisation.objects.filter(employments__worker__user=user).distinct().order_by("name")
    return employers_visible_to(user).order_by("name")


def workers_for_filing(user: User, employer_id: int | None = None) -> QuerySet[Worker]:
    """Workers an injury report may name: the user themself, or employees of a filing employer."""
    if user.is_authenticated and user.role == Role.WORKER:
        workers = Worker.objects.filter(user=user)
        if employer_id:
            workers = workers.filter(employments__employer_id=employer_id)
        return workers.distinct()
    employers = filing_employers_for(user)
    if employer_id:
        employers = employers.filter(pk=employer_id)
    return (
        Worker.objects.filter(employments__employer__in=employers)
        .distinct()
        .order_by("family_name", "given_name", "pk")
    )


def establishments_for_filing(user: User) -> QuerySet[Establishment]:
    return Establishment.objects.filter(organisation__in=filing_employers_for(user)).select_related(
        "organisation"
    )


def worker_queryset_for_user(user: User) -> QuerySet[Worker]:
    """Workers ``user`` may see: employees of employers whose records they see; a worker sees themself."""
    workers = Worker.objects.all()
    if not user.is_authenticated:
        return workers.none()
    if is_admin(user):
        return workers
    if user.role == Role.WORKER:
        return workers.filter(user=user)
    employed = Employment.objects.filter(employer__in=employers_visible_to(user)).values("worker_id")
    return workers.filter(pk__in=employed)


def employments_visible_to(user: User) -> QuerySet[Employment]:
    """Employments shown with a worker: a worker sees all theirs, others those with employers they see."""
    employments = Employment.objects.select_related("employer", "establishment").order_by("-hire_date", "pk")
    if is_admin(user) or user.role == Role.WORKER:
        return employments
    return employments.filter(employer__in=employers_visible_to(user))
