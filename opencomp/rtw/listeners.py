"""Claim-log listener of modified duty (registered in ``apps.py``).

Seed 001: a modified duty assignment "ends when ... the workers' compensation doctor
determines that the employee has reached ... MMI or is released to full duty". So, in the
same transaction as the event:

- ``mmi.recorded`` ends the running assignment on the MMI date;
- a work status of full capacity ends it the day before that status starts.
"""

from __future__ import annotations

import datetime as dt

from opencomp.claims.enums import EventKind, WorkCapacity
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.rtw.enums import RUNNING, EndReason
from opencomp.rtw.models import ModifiedDutyAssignment


def assignments_on_event(claim: Claim, event: ClaimEvent) -> None:
    """Claims hook: end the running assignment at MMI or on a release to full duty."""
    if event.kind == EventKind.MMI_RECORDED:
        ended_on = dt.date.fromisoformat(event.payload["mmi_date"])
        reason, note = EndReason.MMI, f"MMI recorded (event #{event.seq})."
    elif event.kind == EventKind.WORK_STATUS_RECORDED and event.payload.get("capacity") == WorkCapacity.FULL:
        ended_on = dt.date.fromisoformat(event.payload["from_date"]) - dt.timedelta(days=1)
        reason, note = EndReason.FULL_DUTY, f"Released to full duty (event #{event.seq})."
    else:
        return
    from opencomp.rtw.services import assignment_end  # the services import the payments and letters apps

    for assignment in ModifiedDutyAssignment.objects.select_for_update().filter(
        claim=claim, status__in=RUNNING
    ):
        assignment_end(
            claim,
            assignment,
            actor=event.actor,
            ended_on=max(ended_on, assignment.start_on - dt.timedelta(days=1)),
            reason=reason,
            note=note,
        )
