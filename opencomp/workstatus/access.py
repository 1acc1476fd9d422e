"""Who records and reads a claim's work status.

- Record a report (or correct one): those who work the claim and its treating providers
  (``claims.access.user_can_record_medical``), the same people who record medical notes.
- Read every report with its provider and certificate: those entitled to the claim's medical
  detail (its staff, its treating providers, the worker, the regulator).
- Employer-side users (supervisor, WC / RTW coordinator) read capacity, hours, restrictions,
  validity and next review only while a consent of the worker in force today releases
  ``capacity_restrictions`` to the employer (both roles' ceilings allow it,
  ``consent.rules.EMPLOYER_ROLE_CEILING``); otherwise they are told it is not released by the
  worker. Never the provider, the certificate document or the correction reasons.
- Everyone else who sees the claim (auditors, pool administrators) is refused (403).

No diagnosis is part of a work status report, so none can leak through it.
"""

from __future__ import annotations

from opencomp.accounts.access import is_employer_user
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_record_medical, visible_sensitivities
from opencomp.claims.enums import Sensitivity
from opencomp.claims.models import Claim
from opencomp.consent.enums import ConsentCategory
from opencomp.consent.selectors import employer_released_categories

#: Everything, with the provider and the certificate.
FULL = "full"
#: Capacity, hours, restrictions, validity and next review (an employer under the worker's consent).
RELEASED = "released"
#: An employer without a consent releasing capacity and restrictions: "not released by the worker".
WITHHELD = "withheld"


def user_can_record_work_status(user: User, claim: Claim) -> bool:
    return user_can_record_medical(user, claim)


def work_status_view_of(user: User, claim: Claim) -> str | None:
    """What ``user`` (who sees the claim) may read of its work status: full, released, withheld or nothing."""
    if Sensitivity.MEDICAL.value in visible_sensitivities(user, claim):
        return FULL
    if is_employer_user(user):
        released = employer_released_categories(user, claim)
        return RELEASED if ConsentCategory.CAPACITY_RESTRICTIONS.value in released else WITHHELD
    return None


def user_can_read_work_status(user: User, claim: Claim) -> bool:
    return work_status_view_of(user, claim) is not None
