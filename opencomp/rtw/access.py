"""Who works and reads a claim's modified duty.

- Offer, answer, review, extend and end an assignment: those who work the claim
  (``claims.access.user_can_work_claim``): the offer goes out as the administrator's letter
  (``letters.services.letter_issue``), and accepting it decides the TPD rate and starts its
  payment schedule.
- Review a running assignment (and acknowledge the RTW pass of a visit): also the employer's
  supervisors and coordinators while the worker's consent releases capacity and restrictions to
  the employer (seed 001: "The Supervisor should review and sign this pass ... acknowledging the
  employee's restrictions").
- Read the assignments: whoever reads the claim's work status in full (its staff, treating
  providers, the worker, the regulator), and employer-side users while a consent of the worker
  in force releases ``capacity_restrictions`` to the employer (an assignment is built on the
  restrictions). Everyone else who sees the claim is refused (403).
"""

from __future__ import annotations

from opencomp.accounts.access import is_employer_user
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_work_claim
from opencomp.claims.models import Claim
from opencomp.workstatus.access import FULL, RELEASED, work_status_view_of

WRITE_REFUSED = "Only those who work the claim offer, answer, review, extend and end modified duty."
REVIEW_REFUSED = (
    "Only those who work the claim, and the employer's supervisors and coordinators under the worker's "
    "consent, review modified duty."
)
READ_REFUSED = "Your role does not read this claim's modified duty (or the worker has not released it)."


def user_can_work_modified_duty(user: User, claim: Claim) -> bool:
    return user_can_work_claim(user, claim)


def user_can_review_modified_duty(user: User, claim: Claim) -> bool:
    if user_can_work_claim(user, claim):
        return True
    return is_employer_user(user) and work_status_view_of(user, claim) == RELEASED


def user_can_read_modified_duty(user: User, claim: Claim) -> bool:
    return work_status_view_of(user, claim) in (FULL, RELEASED)
