"""Who keeps and reads an establishment's OSHA logs.

- Keep them (record and correct cases, enter the year's hours and employees, certify): the
  employer's WC / RTW coordinators (seed 000's coordinator "maintains" the tracking system),
  the claims staff of the employer's claims administrator, and system administrators.
- Read the logs (Form 300 with names except privacy cases, 300A, 301s, ITA files, rates):
  those who keep them, the employer's supervisors, and the administrator's auditors.
- The confidential list of privacy cases' names (1904.29(b)(6)): only those who keep the logs.
- Everyone else: refused (the establishment is "not found" for those who cannot see it).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opencomp.accounts.access import is_admin, is_claims_staff
from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.parties.models import Establishment


def _administrator_id(establishment: Establishment) -> int:
    org = establishment.organisation
    return org.claims_administrator_id or org.pk


def user_can_keep_osha(user: User, establishment: Establishment) -> bool:
    if is_admin(user):
        return True
    if user.role == Role.EMPLOYER_COORDINATOR and user.organisation_id == establishment.organisation_id:
        return True
    return bool(is_claims_staff(user) and user.organisation_id == _administrator_id(establishment))


def user_can_read_osha(user: User, establishment: Establishment) -> bool:
    if user_can_keep_osha(user, establishment):
        return True
    if user.role == Role.EMPLOYER_SUPERVISOR and user.organisation_id == establishment.organisation_id:
        return True
    return user.role == Role.AUDITOR and user.organisation_id == _administrator_id(establishment)


def user_can_read_privacy_list(user: User, establishment: Establishment) -> bool:
    return user_can_keep_osha(user, establishment)


def establishments_readable(user: User) -> QuerySet[Establishment]:
    """The US establishments whose OSHA logs ``user`` reads (see the module docstring), by name."""
    establishments = Establishment.objects.filter(country="US").select_related("organisation")
    if is_admin(user):
        return establishments.order_by("name", "pk")
    condition = Q(pk__in=[])
    if user.organisation_id is not None:
        if user.role in {Role.EMPLOYER_COORDINATOR, Role.EMPLOYER_SUPERVISOR}:
            condition |= Q(organisation_id=user.organisation_id)
        if is_claims_staff(user) or user.role == Role.AUDITOR:
            condition |= Q(organisation__claims_administrator_id=user.organisation_id) | Q(
                organisation__claims_administrator__isnull=True, organisation_id=user.organisation_id
            )
    return establishments.filter(condition).order_by("name", "pk")
