"""Who sees a claim's closing checks and reopenings, and who closes and reopens it.

- The closing checklist and the reopenings are read by the claim's own staff (who may work
  it), by a read-only auditor of the administering organisation and by the regulator's
  compliance officer: the people who check how claims are handled. Others who see the claim
  (employer, worker, provider, pool administrator) get 403: they learn of a closure by the
  written confirmation (``nsw.closure_confirmation``), not from the checklist.
- Closing, recording the intention to close, reopening and determining a recurrence:
  the claim's administrator's staff (``claims.access.user_can_work_claim``).
"""

from __future__ import annotations

from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_work_claim
from opencomp.claims.models import Claim

#: Roles that review claim handling without working the claim.
REVIEWER_ROLES = frozenset({Role.AUDITOR, Role.COMPLIANCE_OFFICER})


def user_can_view_closure(user: User, claim: Claim) -> bool:
    """May read the closing checks and reopenings of ``claim`` (they can already see the claim)."""
    return user_can_work_claim(user, claim) or (user.is_authenticated and user.role in REVIEWER_ROLES)


def user_can_close_claim(user: User, claim: Claim) -> bool:
    """May close, finalise or reopen ``claim`` and record what closing needs."""
    return user_can_work_claim(user, claim)
