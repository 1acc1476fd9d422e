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
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.triage.policy import triage_policy

#: The filter value for claims never triaged.
UNTRIAGED = "untriaged"

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


#: Roles that may filter a list of claims by triage band (each reads the triage of the claims it sees).
BAND_FILTER_ROLES = frozenset(
    {
        Role.ADJUSTER,
        Role.SUPERVISOR,
        Role.ADMIN,
        Role.COMPLIANCE_OFFICER,
        Role.AUDITOR,
        Role.POOL_ADMINISTRATOR,
    }
)


def triage_band_filter(user: User, band: str) -> str:
    """``band`` checked for a claim list filter by ``user``: a known band or ``untriaged``.

    Raises:
        PermissionDenied: the role does not read triage (the filter would reveal it).
        ValidationFailed: naming ``triage_band``.
    """
    if user.role not in BAND_FILTER_ROLES:
        raise PermissionDenied("Your role does not read triage, so it cannot filter by triage band.")
    known = [b.band for b in triage_policy().bands] + [UNTRIAGED]
    if band not in known:
        raise ValidationFailed.for_field("triage_band", f"choose one of: {', '.join(known)}")
    return band


def user_can_read_triage(user: User, claim: Claim) -> bool:
    return triage_view_of(user, claim) is not None
