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
