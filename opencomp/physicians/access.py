"""Who records and reads a claim's physicians and examinations.

- Record (designate the treating doctor, record and decide change requests, refer to an IME or
  an injury management consultant, record MMI and impairment ratings): those who work the claim
  (``claims.access.user_can_work_claim``: the administrator's adjusters and supervisors, and
  system administrators).
- Read all of it, reasons, purposes, outcomes and ratings included: those entitled to the claim's
  medical detail (``claims.access.visible_sensitivities``: its staff, its treating providers, the
  worker, the regulator), the same gate as the events, written with ``medical`` sensitivity.
- Everyone else who sees the claim (employers, pool administrators, auditors) is refused (403):
  an employer never sees an IME report without the worker's consent (seed 004), and reads the
  documents themselves through ``documents.access`` only.
"""

from __future__ import annotations

from opencomp.accounts.models import User
from opencomp.claims.access import user_can_work_claim, visible_sensitivities
from opencomp.claims.enums import Sensitivity
from opencomp.claims.models import Claim


def user_can_manage_physicians(user: User, claim: Claim) -> bool:
    """May record and decide the claim's treating doctor, changes, referrals, MMI and ratings."""
    return user_can_work_claim(user, claim)


def user_can_read_physicians(user: User, claim: Claim) -> bool:
    """May read the claim's treating doctors, change requests, referrals, MMI and ratings."""
    return Sensitivity.MEDICAL.value in visible_sensitivities(user, claim)
