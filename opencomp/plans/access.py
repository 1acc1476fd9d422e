"""Who writes and reads a claim's plans and work capacity decisions.

- Write (issue and revise plans, share them, record sign-offs, decide work capacity and send
  its notice): those who work the claim (``claims.access.user_can_work_claim``).
- Read every plan version and every decision: those entitled to the claim's medical detail
  (its staff, its treating providers, the worker, the regulator) — a plan carries treatment
  and capacity.
- Employer-side users read the return-to-work plan (duties, hours, supervisor, dates and
  sign-offs) only while a consent of the worker in force today releases
  ``capacity_restrictions`` to the employer, as work status does (``workstatus.access``);
  otherwise they are told it is not released by the worker. They read the injury management
  plan only as the letter it was shared in, and no work capacity decision here.
- Everyone else who sees the claim is refused (403).
"""

from __future__ import annotations

from opencomp.accounts.access import is_employer_user
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_work_claim, visible_sensitivities
from opencomp.claims.enums import Sensitivity
from opencomp.claims.models import Claim
from opencomp.consent.enums import ConsentCategory
from opencomp.consent.selectors import employer_released_categories

FULL = "full"
RELEASED = "released"
WITHHELD = "withheld"

WRITE_REFUSED = "Only those who work the claim issue its plans and work capacity decisions."


def user_can_manage_plans(user: User, claim: Claim) -> bool:
    return user_can_work_claim(user, claim)


def plans_view_of(user: User, claim: Claim) -> str | None:
    """What ``user`` (who sees the claim) may read of its plans: full, released, withheld or nothing."""
    if Sensitivity.MEDICAL.value in visible_sensitivities(user, claim):
        return FULL
    if is_employer_user(user):
        released = employer_released_categories(user, claim)
        return RELEASED if ConsentCategory.CAPACITY_RESTRICTIONS.value in released else WITHHELD
    return None


def user_can_read_plans(user: User, claim: Claim) -> bool:
    return plans_view_of(user, claim) is not None


def user_can_read_decisions(user: User, claim: Claim) -> bool:
    return plans_view_of(user, claim) == FULL
