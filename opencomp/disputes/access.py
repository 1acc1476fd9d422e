"""Who sees and does what with a claim's disputes, hearings and settlement offers.

- Whoever may see the claim (``claims.access``) sees its disputes and hearings, except
  treatment disputes: those carry medical detail and are seen only by users entitled to the
  claim's medical detail (the gate of medical events; not employers, pool administrators or
  auditors).
- Settlement offers are money: everyone who sees the claim but the worker and treating
  providers (as the claim's financials, ``payments.access``). The offer reaches the worker
  as a letter, outside the system.
- Only claims staff who may work the claim record disputes, reviews, hearings and offers.
- A settlement offer needs the approvals of ``required_approvals``: on a pool member's claim
  the member employer (the district) and the pool (seed 003: "No settlement offers will be
  made without the approval of the district and the pool"); on any other claim a claims
  supervisor of the administrator (the administrator's own rule, as for payments above an
  adjuster's authority). ``approval_party_of`` says which of them a user speaks for.
"""

from __future__ import annotations

from opencomp.accounts.access import is_admin, is_supervisor
from opencomp.accounts.enums import OrganisationKind, Role
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_work_claim, visible_sensitivities
from opencomp.claims.enums import Sensitivity
from opencomp.claims.models import Claim
from opencomp.disputes.enums import ApprovalParty, DisputeKind

#: Roles that never see settlement offers (as the claim's money, ``payments.access.NO_FINANCIALS``).
NO_SETTLEMENTS = frozenset({Role.WORKER, Role.PROVIDER})


def user_can_manage_disputes(user: User, claim: Claim) -> bool:
    """May record disputes, reviews, hearings and settlement offers on the claim."""
    return user_can_work_claim(user, claim)


def visible_dispute_kinds(user: User, claim: Claim) -> frozenset[str]:
    """The kinds of dispute ``user`` may see on ``claim`` (they can already see the claim)."""
    kinds = set(DisputeKind.values)
    if Sensitivity.MEDICAL.value not in visible_sensitivities(user, claim):
        kinds.discard(DisputeKind.TREATMENT)
    return frozenset(kinds)


def user_can_view_settlements(user: User, claim: Claim) -> bool:
    """Everyone who sees the claim but workers and treating providers (the caller checked visibility)."""
    return is_admin(user) or user.role not in NO_SETTLEMENTS


def pool_of(claim: Claim) -> int | None:
    """The pool the claim's employer is a member of, if it is one."""
    employer = claim.employer
    if employer.kind == OrganisationKind.POOL_MEMBER and employer.parent_id is not None:
        return employer.parent_id
    return None


def required_approvals(claim: Claim) -> list[str]:
    """Whose approval a settlement offer on ``claim`` needs, in the order they are asked."""
    if pool_of(claim) is not None:
        return [ApprovalParty.DISTRICT, ApprovalParty.POOL]
    return [ApprovalParty.ADMINISTRATOR]


def _speaks_for(user: User, claim: Claim, party: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if party == ApprovalParty.DISTRICT:
        return user.role == Role.EMPLOYER_COORDINATOR and user.organisation_id == claim.employer_id
    if party == ApprovalParty.POOL:
        pool = pool_of(claim)
        return (
            pool is not None
            and user.organisation_id == pool
            and user.role in {Role.POOL_ADMINISTRATOR, Role.SUPERVISOR}
        )
    if party == ApprovalParty.ADMINISTRATOR:
        return is_supervisor(user) and user_can_work_claim(user, claim)
    return False


def approval_parties_of(user: User, claim: Claim, parties: list[str]) -> list[str]:
    """Which of ``parties`` ``user`` may approve for (the district's WC coordinator, the pool's
    administrator or claims supervisor, the administrator's claims supervisor)."""
    return [party for party in parties if _speaks_for(user, claim, party)]


def who_approves(party: str) -> str:
    """In words, who may give ``party``'s approval."""
    return {
        ApprovalParty.DISTRICT: "the member employer's WC coordinator",
        ApprovalParty.POOL: "the pool's administrator or a claims supervisor of the pool",
        ApprovalParty.ADMINISTRATOR: "a claims supervisor of the administrator",
    }[ApprovalParty(party)]
