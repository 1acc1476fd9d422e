"""Recurring indemnity: start and stop payment schedules and keep their rates current.

A ``PaymentSchedule`` pays one benefit in arrears, every week or every two weeks,
from the first day of incapacity; ``opencomp payments run`` (``payments.run``) issues
what is due for the whole book. What the run cannot compute in whole weeks at the
weekly rate is worked out here, per claim, with the benefits calculators:

- the weekly rate of each schedule week (``ScheduleRate``), from the rate decisions
  in force: Colorado and Minnesota the latest decision; NSW the decision for each
  entitlement week, never past the end of its entitlement period (s 32A) — a week
  without a decided rate is held by the run, not paid at an old rate;
- the periods holding waiting days or their payback, and a short last period when a
  schedule stops mid-period (``ScheduleAdjustment``, from ``disability_period``);
- the statutory end: Minnesota's TTD week limit ends the schedule on a known day.

Everything here locks the claim, appends a claim event in the same transaction and
writes nothing when it refuses (``ValidationFailed`` naming the field).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from opencomp.accounts.models import User
from opencomp.benefits.calculators.period import disability_period
from opencomp.benefits.calculators.types import day, dollars
from opencomp.benefits.calculators.weekly import BENEFITS
from opencomp.benefits.errors import calculator_errors
from opencomp.benefits.selectors import (
    WEEKLY_BANDS,
    PaidPeriod,
    continuing_periods,
    decisions_in_force,
    paid_periods,
    rate_decisions,
    usual_days_per_week,
)
from opencomp.claims.access import require, user_can_work_claim
from opencomp.claims.enums import ClaimStatus, EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import Conflict, ErrorCollector, ValidationFailed
from opencomp.jurisdictions.benefit_params import benefit_parameters
from opencomp.payments.bank import bank_details_current
from opencomp.payments.enums import PayeeKind, PaymentMethod, ScheduleStatus, StopReason
from opencomp.payments.models import PaymentSchedule, ScheduleAdjustment, ScheduleRate
from opencomp.payments.services import limits_of

WEEK = dt.timedelta(days=7)
DAY = dt.timedelta(days=1)
#: Claim statuses under which weekly benefits are payable (liability accepted, or provisionally).
PAYABLE_STATUSES = frozenset(
    {ClaimStatus.ACCEPTED, ClaimStatus.PROVISIONALLY_ACCEPTED, ClaimStatus.OPEN, ClaimStatus.REOPENED}
)
#: Jurisdictions whose periods are worked out day by day (waiting days, payback, short periods).
DAY_BY_DAY = frozenset({"CO", "MN"})
INTERVALS = (7, 14)


# --- periods --------------------------------------------------------------------------------------


def period_start(schedule: PaymentSchedule, period_no: int) -> dt.date:
    """The first day of period ``period_no`` (from 1)."""
    return schedule.first_day + dt.timedelta(days=(period_no - 1) * schedule.interval_days)


def period_natural_end(schedule: PaymentSchedule, period_no: int) -> dt.date:
    """The last day of period ``period_no`` before any stop shortens it."""
    return period_start(schedule, period_no) + dt.timedelta(days=schedule.interval_days - 1)


def period_of(schedule: PaymentSchedule, on: dt.date) -> int:
    """The period holding day ``on`` (0 for a day before the schedule)."""
    if on < schedule.first_day:
        return 0
    return (on - schedule.first_day).days // schedule.interval_days + 1


def compute_next_due(schedule: PaymentSchedule) -> dt.date | None:
    """The last day of the next unpaid period (it is due from then), or None when nothing is left."""
    if schedule.status == ScheduleStatus.ENDED:
        return None
    k = schedule.periods_paid + 1
    start = period_start(schedule, k)
    if schedule.last_day is not None:
        if start > schedule.last_day:
            return None
        return min(period_natural_end(schedule, k), schedule.last_day)
    return period_natural_end(schedule, k)


# --- rates ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateRow:
    first_week: int
    last_week: int | None
    weekly_rate: Decimal
    decision_seq: int
    rules_version: str


def _nsw_band_end(claim: Claim, week: int) -> int:
    params = benefit_parameters("NSW")
    first = int(params.figure("first_period_weeks", claim.injury_date).value)
    second = int(params.figure("second_period_last_week", claim.injury_date).value)
    limit = int(params.figure("weekly_limit_weeks", claim.injury_date).value)
    return first if week <= first else second if week <= second else limit


def rate_rows(claim: Claim, benefit: str, base_week: int) -> list[RateRow]:
    """The weekly rate of each schedule week (week 1 is entitlement week ``base_week + 1``).

    Outside NSW the latest decision governs every week. NSW: each decision governs
    from the entitlement week it was decided for to the week before the next
    decision, and never past the end of its entitlement period.
    """
    code = claim.jurisdiction
    in_force = decisions_in_force(code, rate_decisions(claim=claim, benefit=benefit))
    if not in_force:
        return []
    if code not in WEEKLY_BANDS:
        d = in_force[0]
        return [RateRow(1, None, d.weekly_rate, d.seq, d.rules_version)]
    rows = []
    for i, d in enumerate(in_force):
        week = d.entitlement_week or 1
        following = in_force[i + 1].entitlement_week if i + 1 < len(in_force) else None
        last = _nsw_band_end(claim, week)
        if following is not None:
            last = min(last, following - 1)
        first_week, last_week = max(1, week - base_week), last - base_week
        if last_week >= first_week:
            rows.append(RateRow(first_week, last_week, d.weekly_rate, d.seq, d.rules_version))
    return rows


def rate_for_week(rows: Sequence[RateRow], week: int) -> RateRow | None:
    for row in rows:
        if row.first_week <= week and (row.last_week is None or week <= row.last_week):
            return row
    return None


# --- the disability the schedule continues ----------------------------------------------------------


@dataclass(frozen=True)
class _Chain:
    disability_start: dt.date
    waiting_settled: bool
    base_week: int
    days_paid: int


def _chain(claim: Claim, first_day: dt.date, periods: Sequence[PaidPeriod]) -> _Chain:
    """The continuing disability ``first_day`` belongs to, and what earlier periods paid of it."""
    chain = continuing_periods(periods, first_day)
    start = chain[0].first_day if chain else first_day
    settled = any(p.waiting_paid_back for p in chain)
    weeks = sum((p.weeks or 0) for p in periods) if claim.jurisdiction in WEEKLY_BANDS else 0
    days = sum((p.return_to_work - p.first_day).days for p in periods)
    return _Chain(start, settled, weeks, days)


def _adjustment(
    claim: Claim,
    schedule: PaymentSchedule,
    period_no: int,
    last_day: dt.date,
    rate: RateRow,
    settled: bool,
) -> tuple[ScheduleAdjustment, bool]:
    """The calculator's amount for one period (CO, MN); returns it and whether the payback is settled."""
    start = period_start(schedule, period_no)
    with calculator_errors(refused="The payment schedule was not saved."):
        result = disability_period(
            claim.jurisdiction,
            weekly_rate=rate.weekly_rate,
            first_day=start,
            return_to_work=last_day + DAY,
            injury_date=claim.injury_date,
            days_per_week=schedule.work_pattern.get("days_per_week"),
            disability_start=schedule.disability_start,
            waiting_settled=settled,
        )
    details = {
        "weekly_rate": str(rate.weekly_rate),
        "rate_seq": rate.decision_seq,
        "days_per_week": result.days_per_week,
        "work_days": list(result.work_days),
        "waiting_days": [d.isoformat() for d in result.waiting_days],
        "waiting_paid_back": result.waiting_paid_back,
        "compensable_days": len(result.compensable_days),
        "rules_version": result.explanation.rules_version,
        "explanation": list(result.explanation.steps),
        "disability_start": schedule.disability_start.isoformat(),
        "waiting_settled": settled,
    }
    adjustment = ScheduleAdjustment(
        schedule=schedule, period_no=period_no, last_day=last_day, amount=result.amount, details=details
    )
    return adjustment, settled or result.waiting_paid_back


def _waiting_window_end(schedule: PaymentSchedule) -> dt.date:
    """Past this day no period holds waiting days or their payback (both fall within a month)."""
    return schedule.disability_start + dt.timedelta(days=31)


def _work_pattern(claim: Claim, schedule: PaymentSchedule, rate: RateRow) -> dict[str, Any]:
    """The calculator's days of a full week (MN: scheduled workdays), for the run's whole weeks."""
    asked = schedule.work_pattern.get("days_per_week")
    with calculator_errors(refused="The payment schedule was not saved."):
        week = disability_period(
            claim.jurisdiction,
            weekly_rate=rate.weekly_rate,
            first_day=schedule.first_day + 5 * WEEK,  # well past the waiting period and its payback
            return_to_work=schedule.first_day + 6 * WEEK,
            injury_date=claim.injury_date,
            days_per_week=asked,
            disability_start=schedule.first_day,
            waiting_settled=True,
        )
    return {
        "days_per_week": asked,
        "calc_days_per_week": week.days_per_week,
        "work_days": list(week.work_days),
    }


def _adjusted_periods(schedule: PaymentSchedule, settled: bool) -> list[int]:
    """The unpaid periods the calculator works out: the waiting window and a short last period."""
    paid = schedule.periods_paid
    chosen: set[int] = set()
    if not settled:
        k = paid + 1
        while period_start(schedule, k) <= _waiting_window_end(schedule):
            chosen.add(k)
            k += 1
    if schedule.last_day is not None:
        last = period_of(schedule, schedule.last_day)
        if last > paid and schedule.last_day < period_natural_end(schedule, last):
            chosen.add(last)
    return sorted(
        k for k in chosen if schedule.last_day is None or period_start(schedule, k) <= schedule.last_day
    )


def rebuild(claim: Claim, schedule: PaymentSchedule) -> None:
    """Recompute the rates and the unpaid adjusted periods of ``schedule`` (the claim is locked)."""
    rows = rate_rows(claim, schedule.benefit, schedule.base_week)
    ScheduleRate.objects.filter(schedule=schedule).delete()
    ScheduleRate.objects.bulk_create(
        ScheduleRate(
            schedule=schedule,
            first_week=r.first_week,
            last_week=r.last_week,
            weekly_rate=r.weekly_rate,
            decision_seq=r.decision_seq,
            rules_version=r.rules_version,
        )
        for r in rows
    )
    ScheduleAdjustment.objects.filter(schedule=schedule, period_no__gt=schedule.periods_paid).delete()
    if claim.jurisdiction in DAY_BY_DAY and rows:
        schedule.work_pattern = _work_pattern(claim, schedule, rows[0])
        schedule.save(update_fields=["work_pattern"])
        settled = (
            schedule.waiting_settled
            or ScheduleAdjustment.objects.filter(
                schedule=schedule, period_no__lte=schedule.periods_paid, details__waiting_paid_back=True
            ).exists()
        )
        adjustments = []
        for k in _adjusted_periods(schedule, settled):
            rate = rate_for_week(rows, (period_start(schedule, k) - schedule.first_day).days // 7 + 1)
            if rate is None:
                break  # the run holds the schedule here
            natural = period_natural_end(schedule, k)
            last_day = min(natural, schedule.last_day) if schedule.last_day is not None else natural
            adjustment, settled = _adjustment(claim, schedule, k, last_day, rate, settled)
            adjustments.append(adjustment)
        ScheduleAdjustment.objects.bulk_create(adjustments)
    schedule.next_due = compute_next_due(schedule)
    schedule.save(update_fields=["next_due"])


# --- start ----------------------------------------------------------------------------------------


def _interval(claim: Claim, interval_days: int | None, errors: ErrorCollector) -> int:
    params = benefit_parameters(claim.jurisdiction)
    name = "payment_interval_max_days"
    maximum = int(params.figure(name, claim.injury_date).value) if params.has(name) else None
    if interval_days is None:
        if maximum is None:
            errors.add(
                "interval_days",
                f"no payment interval is sourced for {claim.jurisdiction}: choose 7 (weekly) or 14 "
                "(every two weeks)",
            )
            return 7
        return maximum
    if interval_days not in INTERVALS:
        errors.add("interval_days", "must be 7 (weekly) or 14 (every two weeks)")
    elif maximum is not None and interval_days > maximum:
        source = params.citation(name).citation
        errors.add("interval_days", f"must be at most {maximum} days ({source})")
    return interval_days


def schedule_refusal(jurisdiction: str) -> str:
    """Why no schedule can pay in ``jurisdiction`` (empty when one can)."""
    if jurisdiction == "CT":
        return (
            "Connecticut's waiting period and daily rate are not in the sources held, so a CT "
            "schedule's first period cannot be computed; pay CT periods by hand"
        )
    return ""


def _check_start(claim: Claim, benefit: str, first_day: dt.date, errors: ErrorCollector) -> None:
    if claim.status not in PAYABLE_STATUSES:
        errors.add(
            "claim",
            f"the claim is {claim.get_status_display().lower()}: weekly benefits are paid on an accepted or "
            "provisionally accepted claim",
        )
    if benefit not in BENEFITS.get(claim.jurisdiction, ()):
        names = ", ".join(BENEFITS.get(claim.jurisdiction, ())) or "none"
        errors.add("benefit", f"must be one of the {claim.jurisdiction} benefits: {names}")
    refusal = schedule_refusal(claim.jurisdiction)
    if refusal:
        errors.add("benefit", refusal)
    if not isinstance(first_day, dt.date) or isinstance(first_day, dt.datetime):
        errors.add("first_day", "must be a date (YYYY-MM-DD)")
    elif first_day < claim.injury_date:
        errors.add("first_day", f"is before the injury date ({claim.injury_date.isoformat()})")


def _check_paid(claim: Claim, benefit: str, first_day: dt.date, periods: Sequence[PaidPeriod]) -> None:
    clash = next((p for p in periods if p.last_day >= first_day), None)
    if clash is not None:
        raise Conflict.for_field(
            "first_day",
            f"{benefit} is already paid to {clash.last_day.isoformat()} (event #{clash.seq}); a schedule "
            "starts after the last day paid",
        )
    if claim.jurisdiction in WEEKLY_BANDS and periods:
        start = min(p.first_day for p in periods)
        if (first_day - start).days % 7:
            raise ValidationFailed.for_field(
                "first_day",
                f"entitlement weeks run from the first paid day ({day(start)}), so a schedule starts on a "
                f"{start:%A}",
            )


def _payee(claim: Claim, method: str, errors: ErrorCollector) -> str:
    worker = claim.worker
    if method not in PaymentMethod.values:
        errors.add("method", f"must be one of {', '.join(PaymentMethod.values)}")
    elif method == PaymentMethod.EFT and bank_details_current(worker) is None:
        errors.add(
            "method",
            "the worker has no verified bank details: record them on the claim's financials page, or pay by "
            "cheque",
        )
    return f"{worker.given_name} {worker.family_name}".strip()


def _limit_day(claim: Claim, benefit: str, first_day: dt.date, chain: _Chain) -> dt.date | None:
    """Minnesota: the last day of TTD under the week limit, counted in calendar days of TTD paid."""
    if claim.jurisdiction != "MN" or benefit != "TTD":
        return None
    params = benefit_parameters("MN")
    weeks = int(params.figure("ttd_week_limit", claim.injury_date).value)
    remaining = weeks * 7 - chain.days_paid
    if remaining <= 0:
        raise ValidationFailed.for_field(
            "benefit",
            f"the {weeks} weeks of TTD payable ({params.citation('ttd_week_limit').citation}) are paid",
        )
    return first_day + dt.timedelta(days=remaining - 1)


def _schedule_payload(schedule: PaymentSchedule, rows: Sequence[RateRow], note: str) -> dict[str, Any]:
    first = rows[0] if rows else None
    return {
        "schedule_id": schedule.pk,
        "benefit": schedule.benefit,
        "first_day": schedule.first_day,
        "interval_days": schedule.interval_days,
        "payee_kind": schedule.payee_kind,
        "payee_name": schedule.payee_name,
        "method": schedule.method,
        "weekly_rate": first.weekly_rate if first else None,
        "rate_seq": first.decision_seq if first else None,
        "first_payment_due": schedule.next_due,
        "last_day": schedule.last_day,
        "note": note,
    }


@transaction.atomic
def payment_schedule_start(
    *,
    actor: User,
    claim: Claim,
    benefit: str,
    first_day: dt.date,
    interval_days: int | None = None,
    method: str = PaymentMethod.EFT,
    note: str = "",
) -> PaymentSchedule:
    """Start paying ``benefit`` to the worker every week or two from ``first_day``, in arrears.

    The claim must be accepted (or provisionally), the rate decided for the first
    week, and the days from ``first_day`` not yet paid. ``interval_days`` defaults to
    the rule pack's longest interval (Colorado: 14, C.R.S. 8-42-105(2)); where the
    pack holds none it must be given. Paying by EFT needs verified bank details. The
    actor's payment authority must cover one period's payment.

    Raises:
        PermissionDenied: the actor does not handle the claim, or lacks the authority.
        ValidationFailed: naming the field; nothing is written.
        Conflict: a schedule of the benefit is already paying, or the days are already paid.
    """
    require(user_can_work_claim(actor, claim), "Only the claim's administrator starts a payment schedule.")
    claim = claim_lock(claim)
    errors = ErrorCollector()
    _check_start(claim, benefit, first_day, errors)
    interval = _interval(claim, interval_days, errors)
    payee_name = _payee(claim, method, errors)
    errors.raise_if_any("The payment schedule was not started.")
    if PaymentSchedule.objects.filter(claim=claim, benefit=benefit, status=ScheduleStatus.ACTIVE).exists():
        raise Conflict.for_field(
            "benefit", f"a {benefit} schedule is already paying on this claim: stop it first"
        )
    periods = paid_periods(claim=claim, benefit=benefit)
    _check_paid(claim, benefit, first_day, periods)
    chain = _chain(claim, first_day, periods)
    rows = rate_rows(claim, benefit, chain.base_week)
    if not rows or rate_for_week(rows, 1) is None:
        raise ValidationFailed.for_field(
            "benefit",
            f"no {benefit} rate is decided for the week from {day(first_day)}; decide the rate first",
        )
    with calculator_errors(refused="The payment schedule was not started."):
        limit_day = _limit_day(claim, benefit, first_day, chain)
    per_period = rows[0].weekly_rate * (interval // 7)
    payment_limit, _ = limits_of(actor)
    require(
        per_period <= payment_limit,
        f"One period's payment ({dollars(per_period)}) is above your payment authority "
        f"({dollars(payment_limit)}); a supervisor with the authority starts this schedule.",
    )
    schedule = PaymentSchedule.objects.create(
        claim=claim,
        benefit=benefit,
        interval_days=interval,
        first_day=first_day,
        base_week=chain.base_week,
        disability_start=chain.disability_start,
        waiting_settled=chain.waiting_settled,
        work_pattern={"days_per_week": usual_days_per_week(claim)},
        payee_kind=PayeeKind.WORKER,
        payee_name=payee_name,
        method=method,
        last_day=limit_day,
        commences=not claim.events.filter(kind=EventKind.INDEMNITY_COMMENCED).exists(),
        started_by=actor,
        started_at=clock.now(),
    )
    rebuild(claim, schedule)
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.PAYMENT_SCHEDULE_STARTED,
        payload=_schedule_payload(schedule, rows, note.strip()),
    )
    return schedule


# --- stop -----------------------------------------------------------------------------------------


def _overpaid(schedule: PaymentSchedule, last_day: dt.date) -> list[dict[str, Any]]:
    """Payments of the schedule covering days after ``last_day`` (to void or recover by hand)."""
    from opencomp.payments.models import LedgerEntry

    entries = LedgerEntry.objects.filter(
        claim_id=schedule.claim_id,
        idempotency_key__startswith=f"schedule:{schedule.pk}:",
        period_end__gt=last_day,
        reversed_by__isnull=True,
    ).order_by("period_start")
    return [
        {
            "entry_id": e.pk,
            "period_start": e.period_start.isoformat() if e.period_start else None,
            "period_end": e.period_end.isoformat() if e.period_end else None,
        }
        for e in entries
    ]


def _nsw_whole_weeks(schedule: PaymentSchedule, last_day: dt.date) -> tuple[dt.date, int]:
    """NSW pays whole entitlement weeks: the last day of the last whole week, and the days left over."""
    days = (last_day - schedule.first_day).days + 1
    whole = schedule.first_day + dt.timedelta(days=(days // 7) * 7) - DAY
    return whole, days % 7


def schedule_stop(
    claim: Claim,
    schedule: PaymentSchedule,
    *,
    actor: User | None,
    reason: str,
    last_day: dt.date | None,
    note: str,
    source_seq: int | None = None,
) -> ClaimEvent:
    """Stop ``schedule`` after ``last_day`` (the claim is locked); the periods to it stay payable.

    ``last_day`` None: nothing more is paid (the last day already paid).
    """
    if last_day is None:
        last_day = schedule.paid_through or schedule.first_day - DAY
    if schedule.last_day is not None and last_day > schedule.last_day:
        last_day = schedule.last_day
    part_week = 0
    payable_last = last_day
    if claim.jurisdiction in WEEKLY_BANDS and last_day >= schedule.first_day:
        payable_last, part_week = _nsw_whole_weeks(schedule, last_day)
    payable_last = max(payable_last, schedule.first_day - DAY)
    overpaid = _overpaid(schedule, payable_last)
    if schedule.paid_through is not None and payable_last < schedule.paid_through:
        payable_last = schedule.paid_through  # paid days stay paid; the overpayment is listed
    schedule.status = ScheduleStatus.STOPPED
    schedule.stop_reason = reason
    schedule.last_day = payable_last
    schedule.stopped_at = clock.now()
    schedule.save(update_fields=["status", "stop_reason", "last_day", "stopped_at"])
    rebuild(claim, schedule)
    payload: dict[str, Any] = {
        "schedule_id": schedule.pk,
        "benefit": schedule.benefit,
        "reason": reason,
        "last_day": last_day,
        "payable_through": payable_last,
        "part_week_days_unpaid": part_week,
        "overpaid_entries": overpaid,
        "note": note,
        "source_seq": source_seq,
    }
    return claim_event_record(
        actor=actor, claim=claim, kind=EventKind.PAYMENT_SCHEDULE_STOPPED, payload=payload
    )


@transaction.atomic
def payment_schedule_stop(
    *, actor: User, schedule: PaymentSchedule, reason: str, last_day: dt.date, note: str = ""
) -> PaymentSchedule:
    """Stop a schedule: nothing after ``last_day`` is paid; the periods up to it still are.

    A Colorado or Minnesota period cut short is worked out day by day; NSW pays whole
    entitlement weeks, so days of a part week are left for the adjuster (the event
    says how many). Payments already made for days after ``last_day`` are listed in
    the event, to void or recover.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming the field. Conflict: the schedule is not paying.
    """
    claim = schedule.claim
    require(user_can_work_claim(actor, claim), "Only the claim's administrator stops a payment schedule.")
    claim = claim_lock(claim)
    schedule = PaymentSchedule.objects.select_for_update().get(pk=schedule.pk)
    errors = ErrorCollector()
    if reason not in StopReason.values:
        errors.add("reason", f"must be one of {', '.join(StopReason.values)}")
    if not isinstance(last_day, dt.date) or isinstance(last_day, dt.datetime):
        errors.add("last_day", "must be a date (YYYY-MM-DD)")
    elif last_day < schedule.first_day - DAY:
        errors.add("last_day", f"is before the schedule's first day ({schedule.first_day.isoformat()})")
    if reason == StopReason.OTHER and not note.strip():
        errors.add("note", "say why the schedule stops")
    errors.raise_if_any("The payment schedule was not stopped.")
    if schedule.status != ScheduleStatus.ACTIVE:
        raise Conflict.for_field("schedule", f"is already {schedule.get_status_display().lower()}")
    schedule_stop(claim, schedule, actor=actor, reason=reason, last_day=last_day, note=note.strip())
    return schedule


def schedules_stop_for_event(
    claim: Claim, event: ClaimEvent, reason: str, last_day: dt.date | None, benefit: str = ""
) -> None:
    """Stop the claim's paying schedules (of ``benefit``, or all) because of ``event``."""
    active = PaymentSchedule.objects.select_for_update().filter(claim=claim, status=ScheduleStatus.ACTIVE)
    if benefit:
        active = active.filter(benefit=benefit)
    label = EventKind(event.kind).label.lower()
    for schedule in active.order_by("pk"):
        schedule_stop(
            claim,
            schedule,
            actor=event.actor,
            reason=reason,
            last_day=last_day,
            note=f"{label} (event #{event.seq})",
            source_seq=event.seq,
        )


def schedules_rebuild(claim: Claim) -> None:
    """Recompute the rates of the claim's paying schedules (a rate was decided again)."""
    for schedule in PaymentSchedule.objects.select_for_update().filter(
        claim=claim, status=ScheduleStatus.ACTIVE
    ):
        rebuild(claim, schedule)
