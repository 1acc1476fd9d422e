"""Employer wage reimbursement schedules (WRS): submitted, decided, reimbursed.

Seed 004: under a WRS agreement the NSW employer pays the worker's weekly compensation
and sends the insurer a schedule each fortnight (Appendix 1: per entitlement week the
dates, the weekly benefit (DWB), earnings, hours worked and lost, and the reimbursement
DWB − earnings). The insurer checks it against the weekly rate decided for each
entitlement week and reimburses within ten business days, or notifies the delay (rule
``nsw.wrs_reimbursement``, raised by ``wage_reimbursement.submitted``).

- ``wage_reimbursement_submit``: the employer (or claims staff keying a paper form)
  records the weeks; each is checked against the claim and named when refused
  (``row 3, week_from`` for a CSV line, ``weeks.2.week_from`` otherwise); one error
  refuses the whole schedule.
- ``wage_reimbursement_decide``: claims staff allow, per week, the lesser of what is
  claimed and the decided weekly rate less the week's earnings (the form's
  reimbursement); when the rate was decided with current weekly earnings (s 37) it is
  already net of them, and the rate alone caps the week.
- ``wage_reimbursement_reimburse``: one indemnity payment (benefit ``weekly``) to the
  employer per run of consecutive approved weeks, through ``payment_issue``: its cover
  refuses a day already paid by a payment schedule, and a payment above the actor's
  authority waits for a supervisor (``wage_reimbursement_on_approval`` finishes it).

Every service locks the claim and the schedule row, appends its claim event in the
same transaction and writes nothing when it refuses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from opencomp.accounts.access import is_employer_user
from opencomp.accounts.models import User
from opencomp.benefits.calculators.types import day, dollars
from opencomp.benefits.selectors import RateDecision, rate_decisions
from opencomp.claims.access import require, user_can_work_claim
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import Conflict, ErrorCollector, NotFound, ValidationFailed
from opencomp.core.money import CENT
from opencomp.jurisdictions.benefit_params import benefit_parameters
from opencomp.payments.enums import Category, PayeeKind, PaymentMethod
from opencomp.payments.models import ApprovalRequest, IndemnityCover, LedgerEntry
from opencomp.payments.models_reimbursements import (
    ReimbursementChannel,
    ReimbursementStatus,
    WageReimbursement,
    WageReimbursementWeek,
)
from opencomp.payments.schedule_services import PAYABLE_STATUSES, RateRow, rate_for_week, rate_rows
from opencomp.payments.services import PaymentInput, payment_issue

ZERO = Decimal("0.00")
WEEK_DAYS = 7
MAX_HOURS = Decimal(7 * 24)
MAX_WEEKS = 52
#: The NSW weekly benefit, as the benefits app names it (``BENEFITS["NSW"]``).
BENEFIT = "weekly"
#: Schedule statuses whose weeks count as claimed (a rejected schedule's weeks may be sent again).
LIVE = (
    ReimbursementStatus.SUBMITTED,
    ReimbursementStatus.APPROVED,
    ReimbursementStatus.PARTLY_APPROVED,
    ReimbursementStatus.AWAITING_APPROVAL,
    ReimbursementStatus.REIMBURSED,
)
SUBMIT_REFUSED = "The wage reimbursement schedule was not recorded."


@dataclass(frozen=True)
class WeekLine:
    """One entitlement week as the employer sends it; ``label`` names it in errors (``row 3``)."""

    week_number: int
    week_from: dt.date
    week_to: dt.date
    amount_claimed: Decimal
    earnings: Decimal = ZERO
    hours_worked: Decimal = Decimal("0")
    hours_lost: Decimal | None = None
    label: str = ""


def _at(line: WeekLine, index: int, column: str) -> str:
    """``row 3, earnings`` for a CSV line; ``weeks.0.earnings`` otherwise."""
    if line.label.startswith("row "):
        return f"{line.label}, {column}"
    return f"weeks.{index}.{column}"


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _money_ok(value: object) -> bool:
    return isinstance(value, Decimal) and value.is_finite() and value >= 0 and value == value.quantize(CENT)


def _hours_ok(value: object) -> bool:
    return (
        isinstance(value, Decimal)
        and value.is_finite()
        and 0 <= value <= MAX_HOURS
        and value == value.quantize(CENT)
    )


# --- access ---------------------------------------------------------------------------------------


def user_can_submit_reimbursement(user: User, claim: Claim) -> bool:
    """The claim's employer's people (supervisor, WC/RTW coordinator), or its claims staff."""
    if user_can_work_claim(user, claim):
        return True
    return bool(is_employer_user(user) and user.organisation_id and user.organisation_id == claim.employer_id)


# --- submit ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rates:
    rows: list[RateRow]
    decisions: dict[int, RateDecision]

    def for_week(self, number: int) -> tuple[RateRow, RateDecision] | None:
        row = rate_for_week(self.rows, number)
        if row is None:
            return None
        return row, self.decisions[row.decision_seq]

    def week_dates(self, number: int) -> tuple[dt.date, dt.date] | None:
        """Entitlement week ``number``'s days, counted from the decision that governs it."""
        found = self.for_week(number)
        if found is None:
            return None
        _, decision = found
        weeks_after = number - (decision.entitlement_week or 1)
        start = decision.effective_from + dt.timedelta(days=WEEK_DAYS * weeks_after)
        return start, start + dt.timedelta(days=WEEK_DAYS - 1)


def _rates(claim: Claim) -> _Rates:
    return _Rates(
        rows=rate_rows(claim, BENEFIT, 0),
        decisions={d.seq: d for d in rate_decisions(claim=claim, benefit=BENEFIT)},
    )


def _check_claim(claim: Claim, errors: ErrorCollector) -> None:
    if claim.jurisdiction != "NSW":
        errors.add("claim", "wage reimbursement schedules are for NSW claims (seed 004)")
    elif claim.status not in PAYABLE_STATUSES:
        errors.add(
            "claim",
            f"the claim is {claim.get_status_display().lower()}: weekly payments are reimbursed on an "
            "accepted or provisionally accepted claim",
        )


def _check_line_form(line: WeekLine, i: int, claim: Claim, today: dt.date, errors: ErrorCollector) -> bool:
    """The line's own values; False when it cannot be checked against the claim."""
    before = len(errors.errors)
    number = line.week_number
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        errors.add(_at(line, i, "week_number"), "must be an entitlement week number, 1 or more")
    if not _is_date(line.week_from):
        errors.add(_at(line, i, "week_from"), "must be a date (YYYY-MM-DD)")
    if not _is_date(line.week_to):
        errors.add(_at(line, i, "week_to"), "must be a date (YYYY-MM-DD)")
    for column in ("amount_claimed", "earnings"):
        if not _money_ok(getattr(line, column)):
            errors.add(_at(line, i, column), "must be an amount, 0 or more, with at most two decimal places")
    if not _hours_ok(line.hours_worked):
        errors.add(_at(line, i, "hours_worked"), f"must be a number of hours from 0 to {MAX_HOURS}")
    if line.hours_lost is not None and not _hours_ok(line.hours_lost):
        errors.add(_at(line, i, "hours_lost"), f"must be a number of hours from 0 to {MAX_HOURS}")
    if len(errors.errors) > before:
        return False
    if line.week_to != line.week_from + dt.timedelta(days=WEEK_DAYS - 1):
        errors.add(
            _at(line, i, "week_to"),
            f"must be {(line.week_from + dt.timedelta(days=WEEK_DAYS - 1)).isoformat()}: the schedule is in "
            "7-day entitlement weeks",
        )
        return False
    if line.week_from < claim.injury_date:
        errors.add(_at(line, i, "week_from"), f"is before the injury date ({claim.injury_date.isoformat()})")
        return False
    if line.week_to > today:
        errors.add(
            _at(line, i, "week_to"),
            f"is in the future (today is {today.isoformat()}): a week is reimbursed once it is paid",
        )
        return False
    return True


def _covers(claim: Claim) -> list[tuple[int, dt.date, dt.date]]:
    """(entry, first day, last day) of the live weekly payments of the claim."""
    rows = IndemnityCover.objects.filter(claim=claim, benefit=BENEFIT)
    return list(rows.values_list("entry_id", "first_day", "last_day"))


def _claimed_elsewhere(claim: Claim) -> list[WageReimbursementWeek]:
    """Weeks of the claim's live schedules: waiting for a decision, or allowed something."""
    return list(
        WageReimbursementWeek.objects.filter(reimbursement__claim=claim, reimbursement__status__in=LIVE)
        .filter(Q(reimbursement__status=ReimbursementStatus.SUBMITTED) | Q(amount_allowed__gt=0))
        .select_related("reimbursement")
    )


def _check_against_claim(
    claim: Claim, lines: Sequence[WeekLine], rates: _Rates, errors: ErrorCollector
) -> None:
    covers = _covers(claim)
    earlier = _claimed_elsewhere(claim)
    seen: dict[int, str] = {}
    for i, line in enumerate(lines):
        number = line.week_number
        twin = seen.get(number)
        if twin is not None:
            errors.add(_at(line, i, "week_number"), f"week {number} is also on {twin}")
            continue
        seen[number] = line.label or f"weeks.{i}"
        dates = rates.week_dates(number)
        if dates is None:
            errors.add(
                _at(line, i, "week_number"),
                f"no weekly rate is decided for entitlement week {number}: the insurer decides it before the "
                "week is reimbursed",
            )
            continue
        if (line.week_from, line.week_to) != dates:
            errors.add(
                _at(line, i, "week_from"),
                f"entitlement week {number} runs {day(dates[0])} – {day(dates[1])} on this claim, not from "
                f"{day(line.week_from)}",
            )
            continue
        paid = next((c for c in covers if c[1] <= line.week_to and line.week_from <= c[2]), None)
        if paid is not None:
            errors.add(
                _at(line, i, "week_from"),
                f"week {number} is already paid (payment #{paid[0]}, {day(paid[1])} – {day(paid[2])}); a day "
                "is never paid twice",
            )
            continue
        claimed = next((w for w in earlier if w.week_number == number or w.week_from == line.week_from), None)
        if claimed is not None:
            errors.add(
                _at(line, i, "week_number"),
                f"week {number} is already on wage reimbursement schedule #{claimed.reimbursement_id} "
                f"({claimed.reimbursement.get_status_display().lower()})",
            )


def reimbursable_weeks(*, claim: Claim, through: dt.date) -> list[tuple[int, dt.date, dt.date, Decimal]]:
    """(week, first day, last day, rate) of the entitlement weeks a schedule may claim, ended by ``through``.

    The weeks with a decided rate, not paid and not on a live schedule (a form's rows to fill in).
    """
    rates = _rates(claim)
    covers = _covers(claim)
    claimed = {w.week_number for w in _claimed_elsewhere(claim)}
    weeks = []
    for row in rates.rows:
        last = row.last_week or row.first_week
        for number in range(row.first_week, last + 1):
            dates = rates.week_dates(number)
            if dates is None or dates[1] > through or number in claimed:
                continue
            if any(c[1] <= dates[1] and dates[0] <= c[2] for c in covers):
                continue
            weeks.append((number, dates[0], dates[1], row.weekly_rate))
    return weeks


def _hours_lost(claim: Claim, line: WeekLine) -> Decimal:
    if line.hours_lost is not None:
        return line.hours_lost
    usual = claim.employment.hours_per_week if claim.employment is not None else None
    return max(usual - line.hours_worked, Decimal("0")) if usual is not None else Decimal("0")


@transaction.atomic
def wage_reimbursement_submit(
    *,
    actor: User,
    claim: Claim,
    weeks: Sequence[WeekLine],
    channel: str,
    received_on: dt.date | None = None,
) -> WageReimbursement:
    """Record the employer's schedule of ``weeks`` (event ``wage_reimbursement.submitted``).

    Each week must be 7 days on the claim's entitlement-week cycle (as the rate
    decisions count it), numbered as the claim numbers it, ended, not already paid or
    on another live schedule, and have a decided weekly rate. The claim must be NSW
    and accepted (or provisionally). The employer is the claim's employer.

    Raises:
        PermissionDenied: the actor is neither the claim's employer nor its claims staff.
        ValidationFailed: naming the line and the column; nothing is written.
    """
    require(
        user_can_submit_reimbursement(actor, claim),
        "Only the claim's employer, or its claims staff, send a wage reimbursement schedule.",
    )
    claim = claim_lock(claim)
    today = claim_today(claim)
    errors = ErrorCollector()
    if channel not in ReimbursementChannel.values:
        errors.add("channel", f"must be one of {', '.join(ReimbursementChannel.values)}")
    _check_claim(claim, errors)
    received = received_on or today
    if not _is_date(received):
        errors.add("received_on", "must be a date (YYYY-MM-DD)")
    elif received > today:
        errors.add("received_on", f"is in the future (today is {today.isoformat()})")
    elif received < claim.injury_date:
        errors.add("received_on", f"is before the injury date ({claim.injury_date.isoformat()})")
    if not weeks:
        errors.add("weeks", "a schedule has at least one entitlement week")
    elif len(weeks) > MAX_WEEKS:
        errors.add("weeks", f"holds {len(weeks)} weeks; at most {MAX_WEEKS} per schedule")
    errors.raise_if_any(SUBMIT_REFUSED)
    checkable = [line for i, line in enumerate(weeks) if _check_line_form(line, i, claim, today, errors)]
    if len(checkable) == len(weeks):
        _check_against_claim(claim, weeks, _rates(claim), errors)
    errors.raise_if_any(SUBMIT_REFUSED)
    rates = _rates(claim)
    ordered = sorted(weeks, key=lambda w: w.week_from)
    reimbursement = WageReimbursement.objects.create(
        claim=claim,
        employer=claim.employer,
        received_on=received,
        channel=channel,
        period_from=ordered[0].week_from,
        period_to=ordered[-1].week_to,
        amount_claimed=sum((w.amount_claimed for w in weeks), ZERO),
        submitted_by=actor,
        submitted_at=clock.now(),
    )
    rows = []
    for line in ordered:
        found = rates.for_week(line.week_number)
        rows.append(
            WageReimbursementWeek(
                reimbursement=reimbursement,
                week_number=line.week_number,
                week_from=line.week_from,
                week_to=line.week_to,
                earnings=line.earnings,
                hours_worked=line.hours_worked,
                hours_lost=_hours_lost(claim, line),
                amount_claimed=line.amount_claimed,
                weekly_rate=found[0].weekly_rate if found else None,
                rate_seq=found[0].decision_seq if found else None,
            )
        )
    WageReimbursementWeek.objects.bulk_create(rows)
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.WAGE_REIMBURSEMENT_SUBMITTED,
        payload={
            "reimbursement_id": reimbursement.pk,
            "employer_name": claim.employer.name,
            "received_on": received,
            "period_from": reimbursement.period_from,
            "period_to": reimbursement.period_to,
            "week_count": len(rows),
            "amount_claimed": reimbursement.amount_claimed,
            "channel": channel,
        },
    )
    reimbursement.submitted_seq = event.seq
    reimbursement.save(update_fields=["submitted_seq"])
    return reimbursement


# --- decide ---------------------------------------------------------------------------------------


def _second_period_first_week(claim: Claim) -> int:
    return int(benefit_parameters("NSW").figure("first_period_weeks", claim.injury_date).value) + 1


def _hours_threshold(claim: Claim) -> Decimal:
    return benefit_parameters("NSW").figure("hours_threshold", claim.injury_date).value


def _week_review(
    claim: Claim, week: WageReimbursementWeek, rates: _Rates, covers: list[tuple[int, dt.date, dt.date]]
) -> tuple[Decimal, str]:
    """(allowed, why less than claimed) for one week."""
    label = f"Week {week.week_number} ({day(week.week_from)} – {day(week.week_to)})"
    found = rates.for_week(week.week_number)
    if found is None:
        return ZERO, f"{label}: no weekly rate is decided for the week; nothing allowed."
    row, decision = found
    week.weekly_rate, week.rate_seq = row.weekly_rate, row.decision_seq
    paid = next((c for c in covers if c[1] <= week.week_to and week.week_from <= c[2]), None)
    if paid is not None:
        return ZERO, f"{label}: already paid by payment #{paid[0]}; nothing allowed."
    if decision.current_earnings is None:
        net = max(row.weekly_rate - week.earnings, ZERO)
        basis = (
            f"the weekly payment {dollars(row.weekly_rate)} (decision #{row.decision_seq}) less earnings "
            f"{dollars(week.earnings)} = {dollars(net)}"
        )
    else:
        net = row.weekly_rate
        basis = (
            f"the weekly payment {dollars(row.weekly_rate)} (decision #{row.decision_seq}, already net of "
            f"current weekly earnings of {dollars(decision.current_earnings)}, s 37)"
        )
    allowed = min(week.amount_claimed, net)
    notes = []
    if allowed < week.amount_claimed:
        notes.append(f"claimed {dollars(week.amount_claimed)}; allowed {dollars(allowed)}: {basis}.")
    if (
        week.week_number >= _second_period_first_week(claim)
        and decision.hours_worked is None
        and week.hours_worked >= _hours_threshold(claim)
    ):
        notes.append(
            f"{week.hours_worked} hours worked: from week {_second_period_first_week(claim)} working "
            f"{_hours_threshold(claim)} hours or more keeps 95% of PIAWE — decide the rate for the week with "
            "the hours worked."
        )
    return allowed, f"{label}: {' '.join(notes)}" if notes else ""


@transaction.atomic
def wage_reimbursement_decide(
    *, actor: User, reimbursement: WageReimbursement, reject: bool = False, note: str = ""
) -> WageReimbursement:
    """Check each week against the rate in force and allow what is due (event ``wage_reimbursement.decided``).

    Per week: the lesser of what is claimed and the decided weekly rate less the
    week's earnings (the form's reimbursement, DWB − earnings); a rate decided with
    current weekly earnings is already net of them. ``reject`` refuses the whole
    schedule with ``note`` as the reason (not under a WRS agreement, not the
    worker's employer…).

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: a rejection without a reason.
        Conflict: already decided.
    """
    claim = reimbursement.claim
    require(user_can_work_claim(actor, claim), "Only the claim's administrator decides a wage reimbursement.")
    claim = claim_lock(claim)
    reimbursement = WageReimbursement.objects.select_for_update().get(pk=reimbursement.pk)
    if reimbursement.status != ReimbursementStatus.SUBMITTED:
        raise Conflict.for_field("reimbursement", f"is already {reimbursement.get_status_display().lower()}")
    note = note.strip()
    if reject and not note:
        raise ValidationFailed.for_field("note", "say why the schedule is rejected")
    weeks = list(reimbursement.weeks.order_by("week_from"))
    rates = _rates(claim)
    covers = _covers(claim)
    reasons = []
    for week in weeks:
        if reject:
            week.amount_allowed, week.rejection_reason = ZERO, note
            continue
        allowed, why = _week_review(claim, week, rates, covers)
        week.amount_allowed, week.rejection_reason = allowed, why
        if why:
            reasons.append(why)
    WageReimbursementWeek.objects.bulk_update(
        weeks, ["amount_allowed", "rejection_reason", "weekly_rate", "rate_seq"]
    )
    approved = sum((w.amount_allowed or ZERO for w in weeks), ZERO)
    if reject or approved == 0:
        status = ReimbursementStatus.REJECTED
    elif approved == reimbursement.amount_claimed:
        status = ReimbursementStatus.APPROVED
    else:
        status = ReimbursementStatus.PARTLY_APPROVED
    if note:
        reasons.insert(0, note)
    reimbursement.status = status
    reimbursement.amount_approved = approved
    reimbursement.reasons = "\n".join(reasons)[:2000]
    reimbursement.decided_by = actor
    reimbursement.decided_at = clock.now()
    reimbursement.save(update_fields=["status", "amount_approved", "reasons", "decided_by", "decided_at"])
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.WAGE_REIMBURSEMENT_DECIDED,
        payload={
            "reimbursement_id": reimbursement.pk,
            "submitted_seq": reimbursement.submitted_seq,
            "outcome": status,
            "amount_claimed": reimbursement.amount_claimed,
            "amount_approved": approved,
            "reasons": reimbursement.reasons,
        },
    )
    return reimbursement


# --- reimburse ------------------------------------------------------------------------------------


def _runs(weeks: Sequence[WageReimbursementWeek]) -> list[list[WageReimbursementWeek]]:
    """The approved weeks in runs of consecutive days (one payment each)."""
    runs: list[list[WageReimbursementWeek]] = []
    for week in sorted(weeks, key=lambda w: w.week_from):
        if runs and runs[-1][-1].week_to + dt.timedelta(days=1) == week.week_from:
            runs[-1].append(week)
        else:
            runs.append([week])
    return runs


def _key(reimbursement: WageReimbursement, n: int, runs: int) -> str:
    """``wrs:<id>``, or ``wrs:<id>:<n>`` when the weeks need several payments.

    After a supervisor rejected a payment, paying again is a new attempt (``wrs:<id>:a2``).
    """
    base = f"wrs:{reimbursement.pk}"
    if reimbursement.payment_attempt > 1:
        base += f":a{reimbursement.payment_attempt}"
    return base if runs == 1 else f"{base}:{n}"


def _record_reimbursed(claim: Claim, actor: User | None, reimbursement: WageReimbursement) -> ClaimEvent:
    entries = (
        reimbursement.weeks.filter(amount_allowed__gt=0).exclude(entry=None).order_by("week_from")
    ).values_list("entry_id", flat=True)
    first = entries[0]
    reimbursement.status = ReimbursementStatus.REIMBURSED
    reimbursement.entry_id = first
    reimbursement.pending_request = None
    reimbursement.reimbursed_at = clock.now()
    reimbursement.save(update_fields=["status", "entry", "pending_request", "reimbursed_at"])
    return claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.WAGE_REIMBURSEMENT_REIMBURSED,
        payload={
            "reimbursement_id": reimbursement.pk,
            "submitted_seq": reimbursement.submitted_seq,
            "entry_id": first,
            "amount": reimbursement.amount_approved,
            "method": reimbursement.method,
        },
    )


@transaction.atomic
def wage_reimbursement_reimburse(
    *, actor: User, reimbursement: WageReimbursement, method: str = PaymentMethod.EFT
) -> WageReimbursement:
    """Pay the employer what was approved (event ``wage_reimbursement.reimbursed``).

    One indemnity payment of benefit ``weekly`` per run of consecutive approved weeks,
    covering those days (idempotency key ``wrs:<id>`` or ``wrs:<id>:<n>``). A payment
    above the actor's authority waits for a supervisor: the schedule is then
    ``awaiting_approval`` and is reimbursed when the supervisor approves.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: more than the outstanding indemnity reserve; a bad method.
        Conflict: not approved (or already paid); a day already paid by another payment.
    """
    claim = reimbursement.claim
    require(user_can_work_claim(actor, claim), "Only the claim's administrator reimburses the employer.")
    claim = claim_lock(claim)
    reimbursement = WageReimbursement.objects.select_for_update().get(pk=reimbursement.pk)
    if reimbursement.status not in ReimbursementStatus.payable_values():
        raise Conflict.for_field(
            "reimbursement",
            f"is {reimbursement.get_status_display().lower()}: only an approved schedule is reimbursed",
        )
    if method not in PaymentMethod.values:
        raise ValidationFailed.for_field("method", f"must be one of {', '.join(PaymentMethod.values)}")
    # the approved weeks not paid yet (a payment of an earlier attempt may have posted)
    weeks = list(reimbursement.weeks.filter(amount_allowed__gt=0, entry=None))
    runs = _runs(weeks)
    reimbursement.method = method
    pending: ApprovalRequest | None = None
    for n, run in enumerate(runs, start=1):
        first, last = run[0], run[-1]
        numbers = f"week {first.week_number}"
        if len(run) > 1:
            numbers = f"weeks {first.week_number}–{last.week_number}"
        payment = PaymentInput(
            category=Category.INDEMNITY,
            amount=sum((w.amount_allowed or ZERO for w in run), ZERO),
            payee_kind=PayeeKind.EMPLOYER,
            payee_name=reimbursement.employer.name,
            method=method,
            benefit=BENEFIT,
            period_start=first.week_from,
            period_end=last.week_to,
            idempotency_key=_key(reimbursement, n, len(runs)),
            reason=f"Wage reimbursement schedule #{reimbursement.pk}, {numbers}",
        )
        result = payment_issue(actor=actor, claim=claim, payment=payment)
        ids = [w.pk for w in run]
        if isinstance(result, LedgerEntry):
            WageReimbursementWeek.objects.filter(pk__in=ids).update(entry=result)
        else:
            WageReimbursementWeek.objects.filter(pk__in=ids).update(approval_request=result)
            pending = pending or result
    if pending is not None:
        reimbursement.status = ReimbursementStatus.AWAITING_APPROVAL
        reimbursement.pending_request = pending
        reimbursement.save(update_fields=["status", "pending_request", "method"])
        return reimbursement
    reimbursement.save(update_fields=["method"])
    _record_reimbursed(claim, actor, reimbursement)
    return reimbursement


def wage_reimbursement_on_approval(claim: Claim, event: ClaimEvent) -> None:
    """A supervisor decided a payment of a schedule: reimbursed when its last payment posts.

    Called in the transaction of ``approval.decided`` (``listeners_reimbursements``).
    A rejected payment returns the schedule to its decision, to pay again.
    """
    request_id = event.payload.get("request_id")
    weeks = list(WageReimbursementWeek.objects.filter(approval_request_id=request_id))
    if not weeks:
        return
    reimbursement = WageReimbursement.objects.select_for_update().get(pk=weeks[0].reimbursement_id)
    ids = [w.pk for w in weeks]
    if event.payload.get("approved"):
        WageReimbursementWeek.objects.filter(pk__in=ids).update(entry_id=event.payload["entry_id"])
        waiting = reimbursement.weeks.filter(amount_allowed__gt=0, entry=None).exists()
        if not waiting and reimbursement.status == ReimbursementStatus.AWAITING_APPROVAL:
            _record_reimbursed(claim, event.actor, reimbursement)
        return
    WageReimbursementWeek.objects.filter(pk__in=ids).update(approval_request=None)
    if reimbursement.weeks.filter(amount_allowed__gt=0).exclude(approval_request=None).exists():
        return  # another payment of the schedule still waits
    decided = (
        ReimbursementStatus.APPROVED
        if reimbursement.amount_approved == reimbursement.amount_claimed
        else ReimbursementStatus.PARTLY_APPROVED
    )
    reason = event.payload.get("reason", "")
    reimbursement.status = decided
    reimbursement.pending_request = None
    reimbursement.payment_attempt += 1
    reimbursement.reasons = f"{reimbursement.reasons}\nPayment not approved: {reason}".strip()
    reimbursement.save(update_fields=["status", "pending_request", "payment_attempt", "reasons"])


def reimbursement_get(pk: int) -> WageReimbursement:
    reimbursement = WageReimbursement.objects.select_related("claim", "employer").filter(pk=pk).first()
    if reimbursement is None:
        raise NotFound(f"Wage reimbursement schedule {pk} was not found.")
    return reimbursement
