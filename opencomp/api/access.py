"""Lookups of objects named by id in API input, and the API's role gates.

Visibility rules live in the contexts (``claims.access``, ``intake.access``). Every
lookup of an id that came in a request goes through the caller's visibility: an id the
caller may not see is reported exactly like one that does not exist.
"""

from __future__ import annotations

from opencomp.accounts.access import is_admin, is_claims_staff
from opencomp.accounts.enums import Role
from opencomp.accounts.models import Organisation, User
from opencomp.api.errors import field_not_found
from opencomp.core.errors import PermissionDenied
from opencomp.intake.access import filing_employers_for, incident_queryset_for_user, worker_queryset_for_user
from opencomp.intake.models import Incident
from opencomp.parties.models import Establishment, Worker

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
