"""Who may use the benefit calculators and a claim's benefits (the API and the web both ask here)."""

from __future__ import annotations

from opencomp.accounts.access import is_admin
from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_work_claim
from opencomp.claims.models import Claim

#: Roles that use the calculators: everyone who handles, reviews or pays for claims; not workers
#: or treating providers.
CALCULATOR_ROLES = frozenset(
    {
        Role.ADJUSTER,
        Role.SUPERVISOR,
        Role.ADMIN,
        Role.AUDITOR,
        Role.COMPLIANCE_OFFICER,
        Role.EMPLOYER_COORDINATOR,
        Role.EMPLOYER_SUPERVISOR,
        Role.POOL_ADMINISTRATOR,
    }
)


def user_can_use_calculators(user: User) -> bool:
    return bool(user.is_authenticated and (user.role in CALCULATOR_ROLES or is_admin(user)))


def user_can_view_benefits(user: User, claim: Claim) -> bool:
    """Everyone who sees the claim but its treating providers (the caller has checked visibility)."""
    return user.role != Role.PROVIDER or is_admin(user)


def user_can_record_wages(user: User, claim: Claim) -> bool:
    """Claims staff who work the claim, and the claim employer's coordinator or supervisor."""
    if user_can_work_claim(user, claim):
        return True
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role in Role.employer_roles()
        and user.organisation_id is not None
        and user.organisation_id == claim.employer_id
    )
