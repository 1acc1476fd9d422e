"""Claim-log listeners of the payments context (registered in ``apps.py``).

Payment schedules follow the claim's log in the same transaction as the event:

- a work status of full capacity is a return to work: schedules stop the day before;
- ``mmi.recorded`` stops them on the MMI date, for the adjuster to decide what follows
  (the rule packs do not hold what MMI changes for each benefit);
- ``indemnity.suspended`` stops them (one benefit, or all) after its ``last_day``;
- the claim closed, finalised or denied: nothing more is paid;
- a rate decided again: the schedules' weekly rates and worked-out periods are rebuilt.
"""

from __future__ import annotations

import datetime as dt

from opencomp.claims.enums import ClaimStatus, EventKind, WorkCapacity
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.payments.enums import StopReason
from opencomp.payments.models import PaymentSchedule
from opencomp.payments.schedule_services import schedules_rebuild, schedules_stop_for_event

#: Statuses under which nothing more is paid.
CLOSING = frozenset({ClaimStatus.CLOSED, ClaimStatus.FINALISED, ClaimStatus.DENIED})
WATCHED = frozenset(
    {
        EventKind.WORK_STATUS_RECORDED,
        EventKind.MMI_RECORDED,
        EventKind.INDEMNITY_SUSPENDED,
        EventKind.STATUS_CHANGED,
        EventKind.BENEFIT_RATE_DECIDED,
    }
)


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def schedules_on_event(claim: Claim, event: ClaimEvent) -> None:
    """Claims hook: stop or rebuild the claim's payment schedules."""
    if event.kind not in WATCHED or not PaymentSchedule.objects.filter(claim=claim, status="active").exists():
        return
    p = event.payload or {}
    if event.kind == EventKind.WORK_STATUS_RECORDED:
        if p.get("capacity") == WorkCapacity.FULL:
            last = _date(p["from_date"]) - dt.timedelta(days=1)
            schedules_stop_for_event(claim, event, StopReason.RETURN_TO_WORK, last)
    elif event.kind == EventKind.MMI_RECORDED:
        schedules_stop_for_event(claim, event, StopReason.MMI, _date(p["mmi_date"]))
    elif event.kind == EventKind.INDEMNITY_SUSPENDED:
        schedules_stop_for_event(
            claim, event, StopReason.SUSPENSION, _date(p["last_day"]), benefit=p.get("benefit", "")
        )
    elif event.kind == EventKind.STATUS_CHANGED:
        if p.get("to_status") in CLOSING:
            schedules_stop_for_event(claim, event, StopReason.CLAIM_CLOSED, None)
    else:
        schedules_rebuild(claim)
