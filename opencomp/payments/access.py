"""Who sees a claim's money (the API and the web both ask here)."""

from __future__ import annotations

from opencomp.accounts.access import is_admin
from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.claims.models import Claim

#: Roles that never see a claim's money (payments to providers are medical detail).
NO_FINANCIALS = frozenset({Role.WORKER, Role.PROVIDER})


def user_can_view_financials(user: User, claim: Claim) -> bool:
    """Everyone who sees the claim but workers and treating providers (the caller checked visibility)."""
    return is_admin(user) or user.role not in NO_FINANCIALS


def user_can_view_book_financials(user: User) -> bool:
    """Book-wide spend and the payment register: the roles that see a claim's money, over their claims."""
    return bool(user.is_authenticated and (is_admin(user) or user.role not in NO_FINANCIALS))


def user_can_export_payment_files(user: User) -> bool:
    """Bank payment files (whole account numbers): a claims supervisor, or a system administrator."""
    return is_admin(user) or bool(
        user.is_authenticated and user.role == Role.SUPERVISOR and user.organisation_id is not None
    )
