"""Visibility of organisations and workers, and lookups of objects named by id in input.

The claim and intake contexts own their access rules (``claims.access``,
``intake.access``); organisations and workers have none yet, so the API defines them
here, built only from those rules. They belong in ``accounts``/``parties`` selectors
once those exist (see the API's hand-over notes).

Every lookup of an id that came in a request goes through the caller's visibility:
an id the caller may not see is reported exactly like one that does not exist.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opencomp.accounts.access import is_admin, is_claims_staff
from opencomp.accounts.enums import Role
from opencomp.accounts.models import Organisation, User
from opencomp.api.errors import field_not_found
from opencomp.claims.access import claim_queryset_for_user
from opencomp.core.errors import PermissionDenied
from opencomp.intake.access import employers_visible_to, filing_employers_for, incident_queryset_for_user
from opencomp.intake.models import Incident
from opencomp.parties.models import Employment, Establishment, Worker

#: Roles that may file intake records (the register, injury reports, new workers).
#: The services decide for a given employer; these roles are the only ones that ever may.
INTAKE_FILER_ROLES = frozenset(
    {
        Role.ADJUSTER,
        Role.SUPERVISOR,
        Role.ADMIN,
        Role.EMPLOYER_SUPERVISOR,
        Role.EMPLOYER_COORDINATOR,
        Role.POOL_ADMINISTRATOR,
        Role.WORKER,
    }
)
#: Workers register only themselves (through their employer), never other workers.
WORKER_REGISTRAR_ROLES = INTAKE_FILER_ROLES - {Role.WORKER}


def require_role(user: User, roles: frozenset[str], message: str) -> None:
    if not (user.role in roles or is_admin(user)):
        raise PermissionDenied(message)


def require_claims_staff(user: User) -> None:
    if not is_claims_staff(user):
        raise PermissionDenied("Only claims staff may open claims.")


def organisation_queryset_for_user(user: User) -> QuerySet[Organisation]:
    """Organisations ``user`` may see.

    Their own organisation and whoever administers it or is its pool; the employers
    whose records they may see (``intake.access``); the employers and administrators
    of claims they may see (``claims.access``); a worker's own employers; all for admins.
    """
    orgs = Organisation.objects.all()
    if not user.is_authenticated:
        return orgs.none()
    if is_admin(user):
        return orgs
    claims = claim_queryset_for_user(user)
    condition = (
        Q(pk__in=employers_visible_to(user).values("pk"))
        | Q(pk__in=claims.values("employer_id"))
        | Q(pk__in=claims.values("administrator_id"))
    )
    if user.organisation_id is not None:
        own = Organisation.objects.filter(pk=user.organisation_id)
        condition |= (
            Q(pk=user.organisation_id)
            | Q(pk__in=own.values("claims_administrator_id"))
            | Q(pk__in=own.values("parent_id"))
        )
    if user.role == Role.WORKER:
        condition |= Q(pk__in=Employment.objects.filter(worker__user=user).values("employer_id"))
    return orgs.filter(condition)


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


def employer_for_filing(user: User, employer_id: int, *, field: str = "employer_id") -> Organisation:
    """The employer ``user`` may file for (``intake.access.filing_employers_for``), with its administrator."""
    employers = filing_employers_for(user).select_related("claims_administrator").order_by()
    try:
        # get(), not first(): no ORDER BY to compile, which halves this query's CPU cost
        return employers.get(pk=employer_id)
    except Organisation.DoesNotExist:
        raise field_not_found(field, "employer", employer_id) from None


def worker_for(user: User, worker_id: int, *, field: str = "worker_id") -> Worker:
    worker = worker_queryset_for_user(user).filter(pk=worker_id).first()
    if worker is None:
        raise field_not_found(field, "worker", worker_id)
    return worker


def establishment_of(
    employer: Organisation, establishment_id: int, *, field: str = "establishment_id"
) -> Establishment:
    """An establishment of ``employer`` (one of another employer is not found)."""
    est = Establishment.objects.filter(pk=establishment_id, organisation=employer).first()
    if est is None:
        raise field_not_found(field, f"establishment of {employer.name}", establishment_id)
    return est


def incident_for(user: User, incident_id: int, *, field: str = "incident_id") -> Incident:
    incident = incident_queryset_for_user(user).filter(pk=incident_id).first()
    if incident is None:
        raise field_not_found(field, "incident", incident_id)
    return incident
