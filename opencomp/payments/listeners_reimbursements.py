"""Claim-log listener of wage reimbursement schedules (it registers itself when ``apps.py`` imports it).

A schedule's payment above the reimburser's authority waits for a supervisor; when the
supervisor decides it (``approval.decided``, in the same transaction) the schedule is
reimbursed (event ``wage_reimbursement.reimbursed``) or returned to its decision.
"""

from __future__ import annotations

from opencomp.claims import hooks
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.payments.reimbursement_services import wage_reimbursement_on_approval


@hooks.on_event_appended
def reimbursements_on_event(claim: Claim, event: ClaimEvent) -> None:
    """Claims hook: finish a schedule whose payment a supervisor decided."""
    if event.kind == EventKind.APPROVAL_DECIDED and event.payload.get("kind") == "payment":
        wage_reimbursement_on_approval(claim, event)
