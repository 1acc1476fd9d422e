"""Payment schedules: recurring indemnity paid every week or two by the payment run.

A schedule pays one benefit in arrears from its first day; ``opencomp payments run``
issues its due periods for the whole book. Stopping one (return to work, MMI,
suspension) leaves the periods up to its last day payable. Seen by everyone who sees
the claim's financials; started and stopped by the claim's staff.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.api.financials import financials_claim
from opencomp.claims.access import require, user_can_work_claim
from opencomp.core.errors import NotFound
from opencomp.payments.enums import StopReason
from opencomp.payments.models import PaymentSchedule
from opencomp.payments.schedule_services import payment_schedule_start, payment_schedule_stop

router = Router(tags=["Payment schedules"])


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScheduleRateOut(BaseModel):
    first_week: int
    last_week: int | None
    weekly_rate: str
    decision_seq: int


class ScheduleOut(BaseModel):
    id: int
    claim_number: str
    benefit: str
    interval_days: int
    first_day: dt.date
    status: str
    stop_reason: str
    last_day: dt.date | None = Field(description="The last payable day (a stop or a statutory limit).")
    periods_paid: int
    paid_through: dt.date | None
    next_due: dt.date | None = Field(description="The next period is paid once this, its last day, has come.")
    payee_kind: str
    payee_name: str
    method: str
    rates: list[ScheduleRateOut]

    @classmethod
    def of(cls, s: PaymentSchedule) -> ScheduleOut:
        return cls(
            id=s.pk,
            claim_number=s.claim.number,
            benefit=s.benefit,
            interval_days=s.interval_days,
            first_day=s.first_day,
            status=s.status,
            stop_reason=s.stop_reason,
            last_day=s.last_day,
            periods_paid=s.periods_paid,
            paid_through=s.paid_through,
            next_due=s.next_due,
            payee_kind=s.payee_kind,
            payee_name=s.payee_name,
            method=s.method,
            rates=[
                ScheduleRateOut(
                    first_week=r.first_week,
                    last_week=r.last_week,
                    weekly_rate=str(r.weekly_rate),
                    decision_seq=r.decision_seq,
                )
                for r in s.rates.all()
            ],
        )


class ScheduleIn(_Strict):
    benefit: str = Field(description="TTD or TPD (CO, MN); weekly (NSW).")
    first_day: dt.date = Field(description="First day of incapacity the schedule pays.")
    interval_days: Literal[7, 14] | None = Field(
        default=None,
        description="7 or 14; defaults to the rule pack's longest interval where one is sourced.",
    )
    method: Literal["eft", "cheque"] = "eft"
    note: str = Field(default="", max_length=2000)


class StopIn(_Strict):
    reason: Literal[tuple(StopReason.values)]  # type: ignore[valid-type]
    last_day: dt.date = Field(description="The last day paid; the periods up to it stay payable.")
    note: str = Field(default="", max_length=2000)


@router.get(
    "/claims/{number}/payment-schedules",
    **responses({200: list[ScheduleOut]}, 403, 404),
    summary="A claim's payment schedules",
    description="Every schedule of the claim, paying or not, with its cursor, next due date and the weekly "
    "rate of each schedule week. Everyone who may see the claim's financials.",
)
def schedules_list(request: HttpRequest, number: str) -> list[ScheduleOut]:
    claim = financials_claim(request, number)
    schedules = PaymentSchedule.objects.filter(claim=claim).select_related("claim").prefetch_related("rates")
    return [ScheduleOut.of(s) for s in schedules.order_by("pk")]


@router.post(
    "/claims/{number}/payment-schedules",
    **responses({201: ScheduleOut}, 400, 403, 404, 409),
    summary="Start a payment schedule",
    description="Pay `benefit` to the worker every week or two, in arrears, from `first_day`. The claim must "
    "be accepted (or provisionally), the rate decided and the days unpaid; EFT needs verified bank details; "
    "your payment authority must cover one period. A benefit already paying by a schedule is a 409. Claims "
    "staff who work the claim.",
)
def schedule_start(request: HttpRequest, number: str, body: ScheduleIn) -> Status[ScheduleOut]:
    claim = financials_claim(request, number)
    actor = user_of(request)
    require(user_can_work_claim(actor, claim), "Only the claim's administrator starts a payment schedule.")
    schedule = payment_schedule_start(
        actor=actor,
        claim=claim,
        benefit=body.benefit,
        first_day=body.first_day,
        interval_days=body.interval_days,
        method=body.method,
        note=body.note,
    )
    return Status(201, ScheduleOut.of(schedule))


@router.post(
    "/payment-schedules/{schedule_id}/stop",
    **responses({200: ScheduleOut}, 400, 403, 404, 409),
    summary="Stop a payment schedule",
    description="Nothing after `last_day` is paid; the periods up to it still are (a Colorado or Minnesota "
    "period cut short is worked out day by day; NSW pays whole entitlement weeks). Payments already made for "
    "later days are listed in the claim's `payment_schedule.stopped` event. A schedule not paying is a 409. "
    "Claims staff who work the claim.",
)
def schedule_stop(request: HttpRequest, schedule_id: int, body: StopIn) -> ScheduleOut:
    actor = user_of(request)
    schedule = PaymentSchedule.objects.select_related("claim").filter(pk=schedule_id).first()
    if schedule is None:
        raise NotFound(f"Payment schedule {schedule_id} was not found.")
    financials_claim(request, schedule.claim.number)
    require(
        user_can_work_claim(actor, schedule.claim), "Only the claim's administrator stops a payment schedule."
    )
    stopped = payment_schedule_stop(
        actor=actor, schedule=schedule, reason=body.reason, last_day=body.last_day, note=body.note
    )
    return ScheduleOut.of(stopped)
