"""Who sees and handles a claim's complaints.

Complaints are kept on the claim they are about (seed 004: "concerns or issues relating to their
experience with the claims process"), so nobody sees one without seeing the claim.

- Read: the claim's own staff (who may work it), the administrator's read-only auditor and
  the regulator's compliance officer. Others who see the claim (employer, worker, provider,
  pool administrator) get 403: a complaint may be about them.
- Record a complaint, log progress contacts, give the stage 1 outcome, escalate to stage 2
  and record a stage 3 referral: the claim's staff (adjuster, supervisor; seed 004's
  "workers compensation senior staff").
- Make the stage 2 final decision: "Senior Workers Compensation Management". In
  ``accounts`` roles that is a claims supervisor of the administering organisation (or a system
  administrator): the management role above the case manager. It must be another person than
  whoever gave the stage 1 outcome (a supervisor who decided stage 1 cannot decide stage 2;
  another supervisor can). The database refuses the same person deciding both stages as well.
"""

from __future__ import annotations

from opencomp.accounts.access import is_supervisor
from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_work_claim
from opencomp.claims.models import Claim

REVIEWER_ROLES = frozenset({Role.AUDITOR, Role.COMPLIANCE_OFFICER})


def user_can_view_complaints(user: User, claim: Claim) -> bool:
    """May read the complaints of ``claim`` (they can already see the claim)."""
    return user_can_work_claim(user, claim) or (user.is_authenticated and user.role in REVIEWER_ROLES)


def user_can_handle_complaints(user: User, claim: Claim) -> bool:
    """May record complaints and take them through stage 1, the escalation and the referral."""
    return user_can_work_claim(user, claim)


def user_can_decide_stage_2(user: User, claim: Claim) -> bool:
    """Holds a senior management role on the claim (supervisor or administrator)."""
    return user_can_work_claim(user, claim) and is_supervisor(user)
