"""Who records and reads a claim's risk triage.

- Record a triage (first contact, strategic review; override the band with a reason): those
  who work the claim (``claims.access.user_can_work_claim``).
- Read everything, psychosocial flags included: those who work the claim, and the regulator's
  compliance officer (who reads the claim's medical detail).
- Read the band, handling, score and when (no factors, so no psychosocial flag can be inferred):
  auditors and pool administrators who see the claim -- oversight of how claims are handled.
- Employers, workers and providers: nothing (403). The triage is the administrator's handling
  decision; its psychosocial flags are sensitive.
"""

from __future__ import annotations

from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_view_claim, user_can_work_claim
from opencomp.claims.models import Claim

#: Everything, factors and psychosocial flags included.
FULL = "full"
#: Band, handling, score, occasion and date.
SUMMARY = "summary"


def user_can_record_triage(user: User, claim: Claim) -> bool:
    return user_can_work_claim(user, claim)


def triage_view_of(user: User, claim: Claim) -> str | None:
    """What ``user`` may read of the claim's triage: full, summary or nothing."""
    if user_can_work_claim(user, claim):
        return FULL
    if user.role == Role.COMPLIANCE_OFFICER and user_can_view_claim(user, claim):
        return FULL
    if user.role in {Role.AUDITOR, Role.POOL_ADMINISTRATOR} and user_can_view_claim(user, claim):
        return SUMMARY
    return None


def user_can_read_triage(user: User, claim: Claim) -> bool:
    return triage_view_of(user, claim) is not None
