"""Who records and reads treatment requests.

- Record a request, acknowledge it, decide it: those who work the claim
  (``claims.access.user_can_work_claim``: the administrator's adjusters and supervisors, and
  system administrators).
- Read the requests, their diagnosis codes included: those entitled to the claim's medical
  detail (``claims.access.visible_sensitivities``: its staff, its treating providers, the worker,
  the regulator), the same gate as the request events, written with ``medical`` sensitivity.
- Everyone else who sees the claim (employers, pool administrators, auditors) is refused (403):
  what treatment a worker receives, and the diagnosis, never reach the employer.
"""

from __future__ import annotations

from opencomp.accounts.access import is_admin, is_claims_staff
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_work_claim, visible_sensitivities
from opencomp.claims.enums import Sensitivity
from opencomp.claims.models import Claim


def user_can_manage_treatment(user: User, claim: Claim) -> bool:
    """May record, acknowledge and decide the claim's treatment requests."""
    return user_can_work_claim(user, claim)


def user_can_read_treatment(user: User, claim: Claim) -> bool:
    """May read the claim's treatment requests and their diagnosis codes."""
    return Sensitivity.MEDICAL.value in visible_sensitivities(user, claim)


def user_can_search_diagnoses(user: User) -> bool:
    """May search the ICD-10-CM code set: those who record treatment requests (claims staff, admins)."""
    return is_admin(user) or is_claims_staff(user)
