"""Employer wage reimbursement schedules (WRS, NSW, seed 004 Appendix 1).

The employer sends the entitlement weeks it paid the worker (JSON, or a CSV file in
the form's columns); the insurer's claims staff decide each week against the weekly
rate decided for it and reimburse the employer within ten business days of receipt
(rule ``nsw.wrs_reimbursement``). Money is a decimal string with two places. Seen by
the claim's employer's people and by everyone who sees the claim's financials, never
by the worker or a treating provider; decided and reimbursed by the claim's staff.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import File, Query, Router, Status, UploadedFile
from pydantic import BaseModel, ConfigDict, Field

from opencomp.accounts.models import User
from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import PageParams
from opencomp.claims.access import claim_get_for_user, require
from opencomp.claims.models import Claim
from opencomp.payments.models_reimbursements import (
    ReimbursementChannel,
    ReimbursementStatus,
    WageReimbursement,
    WageReimbursementWeek,
)
from opencomp.payments.reimbursement_csv import reimbursement_csv_parse
from opencomp.payments.reimbursement_selectors import (
    reimbursement_get_for_user,
    reimbursement_list,
    reimbursement_queue,
    reimbursement_read,
    user_can_view_reimbursement_queue,
    user_can_view_reimbursements,
)
from opencomp.payments.reimbursement_services import (
    WeekLine,
    wage_reimbursement_decide,
    wage_reimbursement_reimburse,
    wage_reimbursement_submit,
)

router = Router(tags=["Wage reimbursements"])

MONEY = 'An amount as a decimal string with at most two places ("1425.00").'
NOT_SEEN = "Workers and providers do not see a claim's wage reimbursements."


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class WeekOut(BaseModel):
    week_number: int = Field(description="The entitlement week (weeks paid, counted in aggregate).")
    week_from: dt.date
    week_to: dt.date
    earnings: str
    hours_worked: str
    hours_lost: str
    amount_claimed: str = Field(description=f"What the employer claims for the week. {MONEY}")
    weekly_rate: str | None = Field(description="The weekly rate decided for the week (the form's DWB).")
    rate_seq: int | None = Field(description="The `benefit.rate_decided` event the rate is from.")
    amount_allowed: str | None = Field(description="What the insurer allows; null until decided.")
    rejection_reason: str = Field(description="Why less than claimed is allowed.")
    entry_id: int | None = Field(description="The payment that reimbursed the week.")

    @classmethod
    def of(cls, w: WageReimbursementWeek) -> WeekOut:
        return cls(
            week_number=w.week_number,
            week_from=w.week_from,
            week_to=w.week_to,
            earnings=str(w.earnings),
            hours_worked=str(w.hours_worked),
            hours_lost=str(w.hours_lost),
            amount_claimed=str(w.amount_claimed),
            weekly_rate=_money(w.weekly_rate),
            rate_seq=w.rate_seq,
            amount_allowed=_money(w.amount_allowed),
            rejection_reason=w.rejection_reason,
            entry_id=w.entry_id,
        )


class ReimbursementOut(BaseModel):
    id: int
    claim_number: str
    employer_name: str
    received_on: dt.date
    due_date: dt.date | None = Field(
        description="Reimburse, or notify the delay, by this day (ten business days from receipt)."
    )
    channel: str = Field(description="api, csv or web.")
    period_from: dt.date
    period_to: dt.date
    status: str = Field(
        description="submitted, approved, partly_approved, rejected, awaiting_approval (the payment waits "
        "for a supervisor) or reimbursed."
    )
    amount_claimed: str
    amount_approved: str | None
    reasons: str
    submitted_seq: int | None = Field(description="The claim's `wage_reimbursement.submitted` event.")
    method: str
    entry_id: int | None = Field(description="The (first) payment to the employer.")
    pending_request_id: int | None = Field(description="The payment waiting for approval.")
    weeks: list[WeekOut]

    @classmethod
    def of(cls, r: WageReimbursement) -> ReimbursementOut:
        return cls(
            id=r.pk,
            claim_number=r.claim.number,
            employer_name=r.employer.name,
            received_on=r.received_on,
            due_date=getattr(r, "due_date", None),
            channel=r.channel,
            period_from=r.period_from,
            period_to=r.period_to,
            status=r.status,
            amount_claimed=str(r.amount_claimed),
            amount_approved=_money(r.amount_approved),
            reasons=r.reasons,
            submitted_seq=r.submitted_seq,
            method=r.method,
            entry_id=r.entry_id,
            pending_request_id=r.pending_request_id,
            weeks=[WeekOut.of(w) for w in r.weeks.all()],
        )


class ReimbursementPage(BaseModel):
    count: int
    items: list[ReimbursementOut]


class WeekIn(_In):
    week_number: int = Field(ge=1, description="The entitlement week.")
    week_from: dt.date = Field(description="First day of the 7-day entitlement week.")
    week_to: dt.date = Field(description="Its last day (week_from + 6).")
    earnings: Decimal = Field(Decimal("0.00"), description=f"The worker's earnings in the week. {MONEY}")
    hours_worked: Decimal = Field(Decimal("0"), description="Hours worked in the week.")
    hours_lost: Decimal | None = Field(
        None, description="Hours lost; by default the employment record's weekly hours less those worked."
    )
    amount_claimed: Decimal = Field(description=f"The reimbursement claimed for the week. {MONEY}")


class ReimbursementIn(_In):
    weeks: list[WeekIn] = Field(min_length=1, max_length=52)
    received_on: dt.date | None = Field(None, description="Day the schedule was received; by default today.")


class DecisionIn(_In):
    reject: bool = Field(False, description="Reject the whole schedule (a `note` says why).")
    note: str = Field("", max_length=2000)


class ReimburseIn(_In):
    method: Literal["eft", "cheque"] = "eft"


class QueueFilters(PageParams):
    status: Literal[tuple(ReimbursementStatus.open_values())] | None = Field(  # type: ignore[valid-type]
        None, description="One open status; by default every schedule still to decide or pay."
    )


def _claim(request: HttpRequest, number: str) -> tuple[User, Claim]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_view_reimbursements(user, claim), NOT_SEEN)
    return user, claim


def _one(request: HttpRequest, reimbursement_id: int) -> tuple[User, WageReimbursement]:
    user = user_of(request)
    reimbursement = reimbursement_get_for_user(pk=reimbursement_id, user=user)
    require(user_can_view_reimbursements(user, reimbursement.claim), NOT_SEEN)
    return user, reimbursement


def _out(reimbursement: WageReimbursement) -> ReimbursementOut:
    return ReimbursementOut.of(reimbursement_read(pk=reimbursement.pk))


def _submitted(
    request: HttpRequest, number: str, weeks: list[WeekLine], channel: str, **kw: Any
) -> Status[ReimbursementOut]:
    user, claim = _claim(request, number)
    reimbursement = wage_reimbursement_submit(actor=user, claim=claim, weeks=weeks, channel=channel, **kw)
    return Status(201, _out(reimbursement))


@router.get(
    "/claims/{number}/wage-reimbursements",
    **responses({200: list[ReimbursementOut]}, 403, 404),
    summary="A claim's wage reimbursement schedules",
    description="Every schedule the employer sent for the claim, newest first, with its weeks and due date. "
    "The claim's employer's people and everyone who sees the claim's financials.",
)
def reimbursements_list(request: HttpRequest, number: str) -> list[ReimbursementOut]:
    _, claim = _claim(request, number)
    return [ReimbursementOut.of(r) for r in reimbursement_list(claim=claim)]


@router.post(
    "/claims/{number}/wage-reimbursements",
    **responses({201: ReimbursementOut}, 400, 403, 404),
    summary="Send a wage reimbursement schedule",
    description="The entitlement weeks the employer paid: each 7 days on the claim's entitlement-week cycle, "
    "ended, not already paid or on another schedule, with a decided weekly rate. One bad week refuses the "
    "whole schedule; errors name it (`weeks.2.week_from`). Raises the 10-business-day obligation. The "
    "claim's employer's people, or its claims staff.",
)
def reimbursement_submit(
    request: HttpRequest, number: str, body: ReimbursementIn
) -> Status[ReimbursementOut]:
    weeks = [
        WeekLine(
            week_number=w.week_number,
            week_from=w.week_from,
            week_to=w.week_to,
            amount_claimed=w.amount_claimed,
            earnings=w.earnings,
            hours_worked=w.hours_worked,
            hours_lost=w.hours_lost,
        )
        for w in body.weeks
    ]
    return _submitted(request, number, weeks, ReimbursementChannel.API, received_on=body.received_on)


@router.post(
    "/claims/{number}/wage-reimbursements/csv",
    **responses({201: ReimbursementOut}, 400, 403, 404),
    summary="Upload a wage reimbursement schedule (CSV)",
    description="A CSV file (`file`, multipart) with a header row and one row per entitlement week: "
    "`week_number, week_from, week_to, earnings, hours_worked, hours_lost, amount_claimed` (the form's "
    "`weeks paid, from, to, … reimbursement` are accepted; dates `2025-01-06` or `06/01/2025`; money with "
    "`$` and commas). At most 52 weeks and 256 KB. Errors name the row and column (`row 3, earnings`); one "
    "error rejects the file and nothing is recorded.",
)
def reimbursement_upload(
    request: HttpRequest, number: str, file: File[UploadedFile]
) -> Status[ReimbursementOut]:
    _claim(request, number)  # refuse before reading the file
    weeks = reimbursement_csv_parse(file.read(256 * 1024 + 1))
    return _submitted(request, number, weeks, ReimbursementChannel.CSV)


@router.get(
    "/wage-reimbursements",
    **responses({200: ReimbursementPage}, 400, 403),
    summary="Wage reimbursement queue",
    description="Schedules still to decide or pay on the claims you see, the soonest due first. Workers and "
    "providers see none.",
)
def reimbursement_queue_api(request: HttpRequest, filters: Query[QueueFilters]) -> ReimbursementPage:
    user = user_of(request)
    require(user_can_view_reimbursement_queue(user), NOT_SEEN)
    qs = reimbursement_queue(user=user, status=filters.status).prefetch_related("weeks")
    count, items = page_of(qs, filters)
    return ReimbursementPage(count=count, items=[ReimbursementOut.of(r) for r in items])


@router.get(
    "/wage-reimbursements/{reimbursement_id}",
    **responses({200: ReimbursementOut}, 403, 404),
    summary="One wage reimbursement schedule",
    description="With its weeks, the rate in force for each and what was allowed.",
)
def reimbursement_detail(request: HttpRequest, reimbursement_id: int) -> ReimbursementOut:
    _, reimbursement = _one(request, reimbursement_id)
    return ReimbursementOut.of(reimbursement)


@router.post(
    "/wage-reimbursements/{reimbursement_id}/decision",
    **responses({200: ReimbursementOut}, 400, 403, 404, 409),
    summary="Decide a wage reimbursement schedule",
    description="Each week is allowed the lesser of what is claimed and the decided weekly rate less the "
    "week's earnings (a rate decided with current weekly earnings is already net of them): approved, "
    "partly_approved or rejected, with the reasons. `reject` refuses the whole schedule with a `note`. "
    "Already decided: 409. Claims staff who work the claim.",
)
def reimbursement_decide(request: HttpRequest, reimbursement_id: int, body: DecisionIn) -> ReimbursementOut:
    user, reimbursement = _one(request, reimbursement_id)
    decided = wage_reimbursement_decide(
        actor=user, reimbursement=reimbursement, reject=body.reject, note=body.note
    )
    return _out(decided)


@router.post(
    "/wage-reimbursements/{reimbursement_id}/reimbursement",
    **responses({200: ReimbursementOut}, 400, 403, 404, 409),
    summary="Reimburse the employer",
    description="One indemnity payment to the employer per run of consecutive approved weeks (idempotency "
    "key `wrs:<id>`), covering their days: a day already paid by a payment schedule is a 409. Above your "
    "payment authority the schedule is `awaiting_approval` until a supervisor approves the payment. Not "
    "approved or already paid: 409. Claims staff who work the claim.",
)
def reimbursement_reimburse(
    request: HttpRequest, reimbursement_id: int, body: ReimburseIn
) -> ReimbursementOut:
    user, reimbursement = _one(request, reimbursement_id)
    paid = wage_reimbursement_reimburse(actor=user, reimbursement=reimbursement, method=body.method)
    return _out(paid)
