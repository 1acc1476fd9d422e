"""Who records, reads and relies on the worker's consents.

- Record a consent, its withdrawal, a disclosure, a request for own information, and
  its completion: those who work the claim (``claims.access.user_can_work_claim``: the
  administrator's adjusters and supervisors, and system administrators).
- Read every consent, the disclosure log and the requests: those entitled to the claim's
  medical detail (the claim's staff, its treating providers, the worker, the regulator),
  the same gate as the ``consent.*`` and ``information.disclosed`` events, which carry
  ``medical`` sensitivity.
- Employer-side users (supervisor, coordinator) read only their part: the consents that
  release something to the employer, with only the categories released to the employer,
  and the disclosures made to the employer. Not the withdrawal reason, not other
  recipients' scopes, not the requests.
- Everyone else who sees the claim (auditors, pool administrators) is refused (403).

The documents context relies on ``employer_released_categories`` to widen what an
employer-side user sees (``documents.access.visible_categories``).
"""

from __future__ import annotations

from opencomp.accounts.access import is_employer_user
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_work_claim, visible_sensitivities
from opencomp.claims.enums import Sensitivity
from opencomp.claims.models import Claim

ALL = "all"
EMPLOYER = "employer"


def user_can_manage_consents(user: User, claim: Claim) -> bool:
    """May record consents, withdrawals, disclosures and requests for own information."""
    return user_can_work_claim(user, claim)


def consent_view_of(user: User, claim: Claim) -> str | None:
    """What ``user`` (who sees the claim) may read of its consents: ``all``, ``employer`` or nothing."""
    if Sensitivity.MEDICAL.value in visible_sensitivities(user, claim):
        return ALL
    if is_employer_user(user):
        return EMPLOYER
    return None


def user_can_read_consents(user: User, claim: Claim) -> bool:
    return consent_view_of(user, claim) is not None


def user_reads_all_consents(user: User, claim: Claim) -> bool:
    return consent_view_of(user, claim) == ALL
