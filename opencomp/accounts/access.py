"""Role predicates shared by every context's access rules."""

from __future__ import annotations

from opencomp.accounts.enums import Role
from opencomp.accounts.models import User


def is_admin(user: User) -> bool:
    return bool(user.is_authenticated and (user.role == Role.ADMIN or user.is_superuser))


def is_claims_staff(user: User) -> bool:
    """Adjusters and supervisors of an administering organisation, and administrators."""
    return bool(user.is_authenticated and (user.role in Role.claims_staff() or user.is_superuser))


def is_supervisor(user: User) -> bool:
    return bool(user.is_authenticated and (user.role in {Role.SUPERVISOR, Role.ADMIN} or user.is_superuser))


def is_employer_user(user: User) -> bool:
    return bool(user.is_authenticated and user.role in Role.employer_roles())
