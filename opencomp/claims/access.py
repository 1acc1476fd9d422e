"""Claim-level access: the only way interface code obtains a claim.

Who sees a claim:
- system administrator: every claim;
- adjuster, supervisor, auditor: claims their organisation administers;
- employer supervisor and coordinator: their own organisation's claims;
- pool administrator: claims of the pool's members, and claims the pool administers;
- injured worker: their own claims;
- treating provider: claims they are a participant in;
- compliance officer: claims in their regulator's jurisdiction.

Medical detail (events with sensitivity ``medical`` or ``restricted_medical``) is a
further gate: see ``visible_sensitivities``. Every read of it is recorded by
``claims.services.medical_read_record``.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opencomp.accounts.access import is_admin, is_claims_staff, is_employer_user, is_supervisor
from opencomp.accounts.enums import Role
from opencomp.accounts.models import Organisation, User
from opencomp.claims.enums import Sensitivity
from opencomp.claims.models import Claim
from opencomp.core.errors import NotFound, PermissionDenied
from opencomp.intake.access import employers_visible_to
from opencomp.parties.models import Employment


def claim_queryset_for_user(user: User) -> QuerySet[Claim]:
    """All claims ``user`` may see (not yet ordered or joined)."""
    claims = Claim.objects.all()
    if not user.is_authenticated:
        return claims.none()
    if is_admin(user):
        return claims
    org_id = user.organisation_id
    role = user.role
    if role in {Role.ADJUSTER, Role.SUPERVISOR, Role.AUDITOR} and org_id:
        return claims.filter(administrator_id=org_id)
    if is_employer_user(user) and org_id:
        return claims.filter(employer_id=org_id)
    if role == Role.POOL_ADMINISTRATOR and org_id:
        return claims.filter(Q(employer__parent_id=org_id) | Q(administrator_id=org_id))
    if role == Role.WORKER:
        return claims.filter(worker__user=user)
    if role == Role.PROVIDER:
        return claims.filter(participants__provider__user=user).distinct()
    if role == Role.COMPLIANCE_OFFICER and user.organisation is not None:
        return claims.filter(jurisdiction=user.organisation.jurisdiction)
    return claims.none()


def claim_get_for_user(*, number: str, user: User) -> Claim:
    """The claim, or ``NotFound`` both when it is missing and when the user may not see it."""
    claim = (
        claim_queryset_for_user(user)
        .select_related("employer", "administrator", "worker", "establishment", "assigned_adjuster")
        .filter(number=number)
        .first()
    )
    if claim is None:
        raise NotFound(f"Claim {number} was not found.")
    return claim


def user_can_view_claim(user: User, claim: Claim) -> bool:
    return claim_queryset_for_user(user).filter(pk=claim.pk).exists()


def user_can_work_claim(user: User, claim: Claim) -> bool:
    """May change the claim: transition it, log activity, correct it."""
    if is_admin(user):
        return True
    return bool(
        is_claims_staff(user)
        and user.organisation_id is not None
        and user.organisation_id == claim.administrator_id
    )


def user_can_open_claim(user: User, administrator: Organisation) -> bool:
    """May open claims that ``administrator`` will handle."""
    return is_admin(user) or (is_claims_staff(user) and user.organisation_id == administrator.pk)


def user_can_assign_claim(user: User, claim: Claim) -> bool:
    return user_can_work_claim(user, claim) and is_supervisor(user)


def _is_provider_on(user: User, claim: Claim) -> bool:
    return user.role == Role.PROVIDER and claim.participants.filter(provider__user=user).exists()


def visible_sensitivities(user: User, claim: Claim) -> frozenset[str]:
    """Which event sensitivities ``user`` may read on ``claim`` (they can already see the claim).

    Claims staff and the claim's treating providers see all medical detail; the
    worker and the regulator see ordinary medical detail but not restricted notes
    (for example a psychiatric report withheld on the treating doctor's advice);
    employers, pool administrators and auditors see none.
    """
    normal = frozenset({Sensitivity.NORMAL.value})
    everything = frozenset(Sensitivity.values)
    if user_can_work_claim(user, claim) or _is_provider_on(user, claim):
        return everything
    if user.role in {Role.WORKER, Role.COMPLIANCE_OFFICER}:
        return normal | {Sensitivity.MEDICAL.value}
    return normal


def user_can_record_medical(user: User, claim: Claim) -> bool:
    return user_can_work_claim(user, claim) or _is_provider_on(user, claim)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


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
