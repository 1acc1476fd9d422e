"""Every write of modified duty: offer, accept, refuse, review, extend, end.

Each service checks the actor (``rtw.access``), then the input, reporting every problem at
once under the field it concerns; a refused request writes nothing. Under the claim's row
lock it changes the assignment and appends its claim event in the same transaction.

- ``modified_duty_offer`` checks the duties' demands against the restrictions of the work
  status in force on the start day (a demand that breaks one is refused, naming it, unless an
  override reason is given), requires the treating physician's sign-off where the employer's
  program asks for it (Denver's offer letter "shall be signed and dated by the ATP", seed 001;
  the pool's light duty job is "faxed to the workers' attending physician for approval", seed
  003), appends ``modified_duty.offered`` and issues the offer letter (``co.modified_duty_offer``)
  to the worker by certified mail with its article number: the ``notice.sent`` that satisfies
  Colorado's ``co.modified_duty_letter`` (5 business days from the restrictions, seed 001).
- ``modified_duty_accept``: ``modified_duty.responded`` (accepted) and the milestone
  ``modified_duty_started`` (which starts ``co.light_duty_review``); by default the TTD
  schedules stop the day before the start (a return to work), the TPD rate is decided with the
  assignment's weekly earnings as current earnings, and a TPD schedule starts on the start day.
- ``modified_duty_refuse``: ``modified_duty.responded`` (refused). In Colorado TPD ends on a
  refused written modified-duty offer (C.R.S. 8-42-106(1)): ``indemnity.suspended`` for TPD
  from the refusal day, which stops any TPD schedule. What a refusal does to TTD is not in
  the sourced figures (statutes.md), so nothing is done to TTD: the adjuster decides. Elsewhere
  the refusal is recorded with no effect on benefits (no sourced rule).
- ``modified_duty_review``: the milestone ``modified_duty_reviewed`` (periodic, or after a
  doctor visit acknowledging its RTW pass); says whether the duties still meet the restrictions.
- ``modified_duty_extend``: past the program's limit, with the coordinator's reason.
- ``modified_duty_end``: the milestone ``modified_duty_ended``; MMI and a release to full
  duty end it by themselves (``rtw.listeners``).
- ``duty_search_start`` / ``_candidate_add`` / ``_conclude``: the less arduous duty search for a
  worker at MMI with permanent restrictions (seed 000), each step a ``duty_search.recorded``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from opencomp.accounts.enums import EmployerPolicy
from opencomp.accounts.models import User
from opencomp.benefits.calculators.types import dollars
from opencomp.benefits.services import benefit_rate_decide
from opencomp.claims.access import require
from opencomp.claims.enums import EventKind, Milestone, Sensitivity, WorkCapacity
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import Conflict, ErrorCollector
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.letters.content import addressees
from opencomp.letters.enums import POSTAL, DeliveryMethod
from opencomp.letters.services import RecipientInput, letter_issue
from opencomp.payments.enums import PaymentMethod, ScheduleStatus, StopReason
from opencomp.payments.models import PaymentSchedule
from opencomp.payments.schedule_services import payment_schedule_start, payment_schedule_stop
from opencomp.rtw import rules
from opencomp.rtw.access import (
    REVIEW_REFUSED,
    WRITE_REFUSED,
    user_can_review_modified_duty,
    user_can_work_modified_duty,
)
from opencomp.rtw.enums import RUNNING, AssignmentStatus, EndReason, ReviewKind, SearchOutcome
from opencomp.rtw.models import AssignmentReview, DutySearch, DutySearchCandidate, ModifiedDutyAssignment
from opencomp.workstatus import rules as status_rules
from opencomp.workstatus.models import WorkStatusReport
from opencomp.workstatus.selectors import work_status_on

NAME_LIMIT = 200
TEXT_LIMIT = 4000
REASON_LIMIT = 2000
DEMANDS_MAX = 20
OFFER_TEMPLATE = "co.modified_duty_offer"
#: Letters of the modified duty offer, by jurisdiction (only Colorado's program is in the seeds).
OFFER_TEMPLATES = {"CO": OFFER_TEMPLATE}
#: Policies whose program has the treating physician approve the duties (seeds 001 and 003).
ATP_SIGN_OFF_POLICIES = frozenset({EmployerPolicy.MODIFIED_DUTY_PROGRAM, EmployerPolicy.LIGHT_DUTY_REVIEW})
EARNINGS_MAX = Decimal("100000")


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _occurred_at(claim: Claim, day: dt.date) -> dt.datetime:
    zone = ZoneInfo(JURISDICTIONS[claim.jurisdiction].time_zone)
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone)


def _text(errors: ErrorCollector, name: str, value: str, *, limit: int, required: str = "") -> str:
    text = " ".join((value or "").split()) if limit <= NAME_LIMIT else (value or "").strip()
    if required and not text:
        errors.add(name, required)
    elif len(text) > limit:
        errors.add(name, f"must be at most {limit} characters")
    return text


def _decimal(
    errors: ErrorCollector, name: str, value: Any, *, high: Decimal, what: str, zero: bool = False
) -> Decimal | None:
    """A positive number of at most ``high`` with at most two decimals (``zero``: 0 allowed)."""
    if value is None or value == "":
        errors.add(name, f"give the {what}")
        return None
    if isinstance(value, float):
        errors.add(name, "give the number as a decimal string, not a float")
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        errors.add(name, "must be a number")
        return None
    if not number.is_finite() or number < 0 or number > high or (number == 0 and not zero):
        errors.add(name, f"must be {'0 or more' if zero else 'more than 0'} and at most {high}")
        return None
    if number != number.quantize(Decimal("0.01")):
        errors.add(name, "has more than two decimal places")
        return None
    return number


def _demands(errors: ErrorCollector, items: Iterable[dict[str, Any]], *, unit: str) -> list[dict[str, str]]:
    rows = list(items or ())
    if len(rows) > DEMANDS_MAX:
        errors.add("demands", f"at most {DEMANDS_MAX} demands")
        return []
    cleaned: list[dict[str, str]] = []
    for index, item in enumerate(rows):
        if not isinstance(item, dict):
            errors.add(f"demands.{index}", "must be an object with kind, limit, side and note")
            continue
        out, problems = rules.demand_clean(item, unit=unit)
        for field_name, message in problems.items():
            errors.add(f"demands.{index}.{field_name}", message)
        if not problems:
            cleaned.append(out)
    return cleaned


def _running(assignment: ModifiedDutyAssignment, verb: str) -> ModifiedDutyAssignment:
    fresh = ModifiedDutyAssignment.objects.select_for_update().get(pk=assignment.pk)
    if fresh.status not in RUNNING:
        raise Conflict.for_field(
            "assignment", f"is {fresh.get_status_display().lower()}: only a running assignment is {verb}"
        )
    return fresh


def _milestone(actor: User | None, claim: Claim, milestone: str, summary: str, day: dt.date) -> ClaimEvent:
    return claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.MILESTONE_RECORDED,
        payload={"milestone": milestone, "summary": summary},
        occurred_at=_occurred_at(claim, day),
    )


# --- offer ---------------------------------------------------------------------------------------


@transaction.atomic
def modified_duty_offer(
    *,
    actor: User,
    claim: Claim,
    position: str,
    duties: str,
    department: str,
    hours_per_day: Decimal | str | None,
    days_per_week: Decimal | str | None,
    weekly_earnings: Decimal | str | None,
    start_on: dt.date | None,
    agency: str = "",
    other_placement: bool = False,
    demands: Iterable[dict[str, Any]] = (),
    override_reason: str = "",
    atp_approved_by: str = "",
    atp_approved_on: dt.date | None = None,
    delivery_method: str = DeliveryMethod.CERTIFIED_MAIL,
    tracking_number: str = "",
    copy_employer: bool = True,
) -> ModifiedDutyAssignment:
    """Offer modified duty in writing; appends ``modified_duty.offered`` and issues the offer letter.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``position``, ``duties``, ``department``, ``agency``,
            ``hours_per_day``, ``days_per_week``, ``weekly_earnings``, ``start_on``,
            ``demands.<n>[.<field>]`` (a demand breaking a restriction, unless
            ``override_reason``), ``work_status``, ``atp_approved_by``, ``atp_approved_on``,
            ``delivery_method`` or ``tracking_number``; nothing is written or sent.
    """
    require(user_can_work_modified_duty(actor, claim), WRITE_REFUSED)
    errors = ErrorCollector()
    template_id = OFFER_TEMPLATES.get(claim.jurisdiction)
    if template_id is None:
        errors.add("claim", f"there is no modified duty offer letter for {claim.jurisdiction} claims yet")
    position_text = _text(errors, "position", position, limit=NAME_LIMIT, required="name the position")
    duties_text = _text(errors, "duties", duties, limit=TEXT_LIMIT, required="describe the modified duties")
    department_text = _text(
        errors, "department", department, limit=NAME_LIMIT, required="name the department"
    )
    agency_text = _text(errors, "agency", agency, limit=NAME_LIMIT)
    hours = _decimal(errors, "hours_per_day", hours_per_day, high=Decimal(24), what="hours a day")
    days = _decimal(errors, "days_per_week", days_per_week, high=Decimal(7), what="days a week")
    earnings = _decimal(
        errors, "weekly_earnings", weekly_earnings, high=EARNINGS_MAX, what="weekly earnings", zero=True
    )
    today = claim_today(claim)
    if start_on is None:
        errors.add("start_on", "give the day the assignment starts")
    elif start_on < claim.injury_date:
        errors.add("start_on", f"is before the injury date ({_fmt(claim.injury_date)})")
    unit = status_rules.weight_unit(JURISDICTIONS[claim.jurisdiction].country)
    items = _demands(errors, demands, unit=unit)
    override = _text(errors, "override_reason", override_reason, limit=REASON_LIMIT)
    report: WorkStatusReport | None = None
    if start_on is not None:
        status = work_status_on(claim=claim, on=start_on)
        report = status.report if status.in_force else None
        if report is None:
            errors.add(
                "work_status",
                f"no work status report is in force on {_fmt(start_on)}: record the restrictions first",
            )
        elif report.capacity == WorkCapacity.NONE:
            errors.add(
                "work_status",
                f"the {report.get_kind_display().lower()} of {_fmt(report.examined_on)} gives no capacity "
                "for work",
            )
        elif report.capacity == WorkCapacity.FULL:
            errors.add(
                "work_status",
                f"the worker is fit for pre-injury duties from {_fmt(report.valid_from)}: no modified duty "
                "is needed",
            )
        else:
            broken = rules.breaches(items, list(report.restrictions))
            for index, restriction in broken:
                if not override:
                    errors.add(
                        f"demands.{index}",
                        f'{rules.describe_demand(items[index])} breaks the restriction "{restriction}" '
                        f"of the {report.get_kind_display().lower()} of {_fmt(report.examined_on)}; change "
                        "the duties or give "
                        "an override reason",
                    )
            if override and not broken:
                errors.add("override_reason", "only an offer breaking a restriction takes an override reason")
    policies = set(claim.employer.policies or ())
    sign_off_required = bool(policies & ATP_SIGN_OFF_POLICIES)
    approver = _text(errors, "atp_approved_by", atp_approved_by, limit=NAME_LIMIT)
    if sign_off_required and not approver:
        errors.add(
            "atp_approved_by",
            "the employer's modified duty program has the treating physician sign the offer: name them",
        )
    if sign_off_required and atp_approved_on is None:
        errors.add("atp_approved_on", "give the day the treating physician signed the offer")
    if atp_approved_on is not None:
        if atp_approved_on > today:
            errors.add("atp_approved_on", "is in the future")
        elif atp_approved_on < claim.injury_date:
            errors.add("atp_approved_on", f"is before the injury date ({_fmt(claim.injury_date)})")
    if delivery_method not in DeliveryMethod.values:
        errors.add("delivery_method", f"send by one of {', '.join(DeliveryMethod.values)}")
    tracking = (tracking_number or "").strip()
    if delivery_method == DeliveryMethod.CERTIFIED_MAIL and not tracking:
        errors.add("tracking_number", "give the certified mail article number")
    worker, employer = addressees(claim)
    if delivery_method in POSTAL and not worker.address:
        errors.add(
            "delivery_method", "the worker has no postal address on file: record it, or send by e-mail"
        )
    if delivery_method == DeliveryMethod.EMAIL and not worker.email:
        errors.add("delivery_method", "the worker has no e-mail address on file")
    if copy_employer and not employer.address:
        errors.add("copy_employer", "the employer has no postal address on file for its copy")
    errors.raise_if_any("The modified duty offer was not made.")
    # No errors: each was given and checked.
    assert report is not None  # noqa: S101
    assert start_on is not None  # noqa: S101
    assert hours is not None  # noqa: S101
    assert days is not None  # noqa: S101
    assert earnings is not None  # noqa: S101
    assert template_id is not None  # noqa: S101

    claim = claim_lock(claim)
    limit_on = max(rules.program_limit(claim.injury_date), start_on)
    assignment = ModifiedDutyAssignment.objects.create(
        claim=claim,
        position=position_text,
        duties=duties_text,
        department=department_text,
        agency=agency_text,
        other_placement=other_placement,
        hours_per_day=hours,
        days_per_week=days,
        weekly_earnings=earnings,
        demands=items,
        start_on=start_on,
        limit_on=limit_on,
        work_status_report=report,
        override_reason=override,
        atp_approval_required=sign_off_required,
        atp_approved_by=approver,
        atp_approved_on=atp_approved_on,
        offered_by=actor,
        offered_at=clock.now(),
        offer_seq=claim.last_event_seq + 1,
    )
    restrictions = [status_rules.describe_restriction(i) for i in report.restrictions]
    if report.restrictions_text:
        restrictions.append(report.restrictions_text)
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.MODIFIED_DUTY_OFFERED,
        payload={
            "assignment_id": assignment.pk,
            "position": position_text,
            "duties": duties_text,
            "department": department_text,
            "agency": agency_text,
            "other_placement": other_placement,
            "hours_per_day": str(hours),
            "days_per_week": str(days),
            "weekly_earnings": str(earnings),
            "start_on": start_on.isoformat(),
            "limit_on": limit_on.isoformat(),
            "demands": items,
            "work_status_report_id": report.pk,
            "restrictions_of": report.examined_on.isoformat(),
            "restrictions": "; ".join(restrictions)[:TEXT_LIMIT],
            "override_reason": override,
            "atp_approval_required": sign_off_required,
            "atp_approved_by": approver,
            "atp_approved_on": atp_approved_on.isoformat() if atp_approved_on else None,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    if event.seq != assignment.offer_seq:  # pragma: no cover - the claim row lock makes this impossible
        raise RuntimeError("the assignment and its offer event disagree on the sequence number")
    recipients = [
        RecipientInput(
            party="worker",
            name=worker.name,
            method=delivery_method,
            address=worker.address,
            email=worker.email,
            tracking_number=tracking,
        )
    ]
    if copy_employer:
        recipients.append(
            RecipientInput(party="employer", name=employer.name, method="mail", address=employer.address)
        )
    assignment.letter = letter_issue(actor=actor, claim=claim, template_id=template_id, recipients=recipients)
    assignment.save(update_fields=["letter"])
    return assignment


# --- delivery ------------------------------------------------------------------------------------


@transaction.atomic
def modified_duty_delivery_record(
    *, actor: User, assignment: ModifiedDutyAssignment, delivered_on: dt.date | None, signed_by: str
) -> ModifiedDutyAssignment:
    """The offer letter reached the worker (the certified mail receipt; seed 001: the employee signs
    the delivery verification): an outbound letter's delivery on the claim's activity log.

    Raises:
        PermissionDenied; ValidationFailed naming ``delivered_on`` or ``signed_by``;
        Conflict: the delivery is already recorded.
    """
    claim = assignment.claim
    require(user_can_work_modified_duty(actor, claim), WRITE_REFUSED)
    errors = ErrorCollector()
    offered = assignment.offered_at.date()
    if delivered_on is None:
        errors.add("delivered_on", "give the day the letter was delivered")
    elif delivered_on > claim_today(claim):
        errors.add("delivered_on", "is in the future")
    elif delivered_on < offered:
        errors.add("delivered_on", f"is before the offer ({_fmt(offered)})")
    name = _text(errors, "signed_by", signed_by, limit=NAME_LIMIT, required="name who signed for it")
    errors.raise_if_any("The delivery was not recorded.")
    assert delivered_on is not None  # noqa: S101
    claim = claim_lock(claim)
    assignment = ModifiedDutyAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.delivered_on is not None:
        raise Conflict.for_field(
            "assignment", f"its delivery is already recorded ({_fmt(assignment.delivered_on)})"
        )
    assignment.delivered_on = delivered_on
    assignment.delivery_signed_by = name
    assignment.save(update_fields=["delivered_on", "delivery_signed_by"])
    tracking = ""
    if assignment.letter is not None:
        row = assignment.letter.recipients.filter(party="worker").first()
        tracking = f" (article {row.tracking_number})" if row is not None and row.tracking_number else ""
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.ACTIVITY_LOGGED,
        payload={
            "party": "worker",
            "party_name": name,
            "channel": "letter",
            "direction": "outbound",
            "issue": "Modified duty offer delivered",
            "action": f"Offer of {assignment.position} delivered on {_fmt(delivered_on)}{tracking}.",
            "result": f"Delivery verification signed by {name}.",
        },
        occurred_at=_occurred_at(claim, delivered_on),
    )
    return assignment


# --- answer --------------------------------------------------------------------------------------


def _answered_day(
    errors: ErrorCollector, name: str, day: dt.date | None, assignment: ModifiedDutyAssignment
) -> None:
    offered = assignment.offered_at.date()
    if day is None:
        errors.add(name, "give the day")
    elif day > claim_today(assignment.claim):
        errors.add(name, "is in the future")
    elif day < offered:
        errors.add(name, f"is before the offer ({_fmt(offered)})")


def _tpd_start(
    actor: User, claim: Claim, assignment: ModifiedDutyAssignment, *, method: str, interval_days: int | None
) -> str:
    """Stop TTD the day before the start, decide TPD on the assignment's earnings, start paying it."""
    effects: list[str] = []
    last_ttd = assignment.start_on - dt.timedelta(days=1)
    for schedule in PaymentSchedule.objects.filter(claim=claim, benefit="TTD", status=ScheduleStatus.ACTIVE):
        payment_schedule_stop(
            actor=actor,
            schedule=schedule,
            reason=StopReason.RETURN_TO_WORK,
            last_day=last_ttd,
            note=f"Returned to modified duty ({assignment.position}) from {_fmt(assignment.start_on)}",
        )
        effects.append(f"TTD stopped after {_fmt(last_ttd)}")
    decision = benefit_rate_decide(
        actor=actor,
        claim=claim,
        benefit="TPD",
        current_earnings=assignment.weekly_earnings,
        reason=(
            f"Modified duty from {_fmt(assignment.start_on)} at {dollars(assignment.weekly_earnings)} a week"
        ),
    )
    rate = Decimal(decision.payload["weekly_rate"])
    effects.append(
        f"TPD decided at {dollars(rate)} a week on earnings of {dollars(assignment.weekly_earnings)}"
    )
    if rate > 0:
        payment_schedule_start(
            actor=actor,
            claim=claim,
            benefit="TPD",
            first_day=assignment.start_on,
            interval_days=interval_days,
            method=method,
            note=f"Modified duty: {assignment.position}",
        )
        effects.append(f"TPD paid from {_fmt(assignment.start_on)}")
    else:
        effects.append("no TPD is payable: the earnings are not below the AWW")
    return "; ".join(effects) + "."


@transaction.atomic
def modified_duty_accept(
    *,
    actor: User,
    assignment: ModifiedDutyAssignment,
    accepted_on: dt.date | None,
    start_tpd: bool = True,
    payment_method: str = PaymentMethod.CHEQUE,
    interval_days: int | None = None,
) -> ModifiedDutyAssignment:
    """The worker accepted the offer: ``modified_duty.responded`` and ``modified_duty_started``.

    With ``start_tpd`` (the default) TTD schedules stop the day before the start, the TPD
    rate is decided with the assignment's weekly earnings as current earnings, and a TPD
    schedule starts on the start day (none when the rate is nil).

    Raises:
        PermissionDenied: the actor does not work the claim (or lacks payment authority).
        ValidationFailed: ``accepted_on``, or what deciding or paying TPD needs (named).
        Conflict: the offer was already answered.
    """
    claim = assignment.claim
    require(user_can_work_modified_duty(actor, claim), WRITE_REFUSED)
    errors = ErrorCollector()
    _answered_day(errors, "accepted_on", accepted_on, assignment)
    if payment_method not in PaymentMethod.values:
        errors.add("payment_method", f"choose one of: {', '.join(PaymentMethod.values)}")
    errors.raise_if_any("The acceptance was not recorded.")
    assert accepted_on is not None  # noqa: S101
    claim = claim_lock(claim)
    assignment = ModifiedDutyAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status != AssignmentStatus.OFFERED:
        raise Conflict.for_field(
            "assignment", f"the offer is already {assignment.get_status_display().lower()}"
        )
    today = claim_today(claim)
    effect = (
        _tpd_start(actor, claim, assignment, method=payment_method, interval_days=interval_days)
        if start_tpd
        else ""
    )
    assignment.status = AssignmentStatus.ACTIVE if assignment.start_on <= today else AssignmentStatus.ACCEPTED
    assignment.responded_on = accepted_on
    assignment.save(update_fields=["status", "responded_on"])
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.MODIFIED_DUTY_RESPONDED,
        payload={
            "assignment_id": assignment.pk,
            "offer_seq": assignment.offer_seq,
            "response": "accepted",
            "responded_on": accepted_on.isoformat(),
            "benefit_effect": effect,
        },
        occurred_at=_occurred_at(claim, accepted_on),
    )
    _milestone(
        actor,
        claim,
        Milestone.MODIFIED_DUTY_STARTED,
        f"{assignment.position}, {assignment.department}: from {_fmt(assignment.start_on)}, "
        f"{dollars(assignment.weekly_earnings)} a week.",
        min(assignment.start_on, today),
    )
    return assignment


@transaction.atomic
def modified_duty_refuse(
    *, actor: User, assignment: ModifiedDutyAssignment, refused_on: dt.date | None, reason: str
) -> ModifiedDutyAssignment:
    """The worker refused the written offer: ``modified_duty.responded``; in Colorado TPD ends.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: ``refused_on`` or ``reason``. Conflict: the offer was already answered.
    """
    claim = assignment.claim
    require(user_can_work_modified_duty(actor, claim), WRITE_REFUSED)
    errors = ErrorCollector()
    _answered_day(errors, "refused_on", refused_on, assignment)
    text = _text(
        errors, "reason", reason, limit=REASON_LIMIT, required="say why the worker refused, in their words"
    )
    errors.raise_if_any("The refusal was not recorded.")
    assert refused_on is not None  # noqa: S101
    claim = claim_lock(claim)
    assignment = ModifiedDutyAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status != AssignmentStatus.OFFERED:
        raise Conflict.for_field(
            "assignment", f"the offer is already {assignment.get_status_display().lower()}"
        )
    assignment.status = AssignmentStatus.REFUSED
    assignment.responded_on = refused_on
    assignment.refusal_reason = text
    assignment.save(update_fields=["status", "responded_on", "refusal_reason"])
    if claim.jurisdiction == "CO":
        effect = (
            f"TPD ends on the refusal of a written modified-duty offer ({rules.CO_TPD_CITATION}): none is "
            f"paid from {_fmt(refused_on)}. The effect on TTD is not among the sourced rules: the adjuster "
            "decides."
        )
    else:
        effect = (
            f"No effect on benefits is recorded: no sourced {claim.jurisdiction} rule ties benefits to a "
            "refusal."
        )
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.MODIFIED_DUTY_RESPONDED,
        payload={
            "assignment_id": assignment.pk,
            "offer_seq": assignment.offer_seq,
            "response": "refused",
            "responded_on": refused_on.isoformat(),
            "reason": text,
            "benefit_effect": effect,
        },
        occurred_at=_occurred_at(claim, refused_on),
    )
    if claim.jurisdiction == "CO":
        claim_event_record(
            actor=actor,
            claim=claim,
            kind=EventKind.INDEMNITY_SUSPENDED,
            payload={
                "last_day": (refused_on - dt.timedelta(days=1)).isoformat(),
                "benefit": "TPD",
                "reason": f"Written modified duty offer ({assignment.position}) refused on "
                f"{_fmt(refused_on)}: "
                f"TPD ends ({rules.CO_TPD_CITATION}).",
            },
            occurred_at=_occurred_at(claim, refused_on),
        )
    return assignment


# --- while it runs -------------------------------------------------------------------------------


@transaction.atomic
def modified_duty_review(
    *,
    actor: User,
    assignment: ModifiedDutyAssignment,
    reviewed_on: dt.date | None,
    kind: str,
    work_status_report_id: int | None = None,
    note: str = "",
) -> AssignmentReview:
    """Review a running assignment (every 30 days, or after a doctor visit acknowledging its RTW pass).

    Appends ``modified_duty_reviewed`` (satisfying ``co.light_duty_review``); whether the
    duties still meet the restrictions in force on the review day is recorded, not refused.

    Raises:
        PermissionDenied; ValidationFailed naming ``reviewed_on``, ``kind``,
        ``work_status_report_id`` or ``note``; Conflict: the assignment is not running.
    """
    claim = assignment.claim
    require(user_can_review_modified_duty(actor, claim), REVIEW_REFUSED)
    errors = ErrorCollector()
    if kind not in ReviewKind.values:
        errors.add("kind", f"choose one of: {', '.join(ReviewKind.values)}")
    if reviewed_on is None:
        errors.add("reviewed_on", "give the day of the review")
    elif reviewed_on > claim_today(claim):
        errors.add("reviewed_on", "is in the future")
    elif reviewed_on < assignment.start_on:
        errors.add("reviewed_on", f"is before the assignment started ({_fmt(assignment.start_on)})")
    report: WorkStatusReport | None = None
    if work_status_report_id is not None:
        report = WorkStatusReport.objects.filter(pk=work_status_report_id, claim=claim).first()
        if report is None:
            errors.add("work_status_report_id", "is not a work status report of this claim")
    elif kind == ReviewKind.AFTER_VISIT:
        errors.add("work_status_report_id", "name the RTW pass of the visit the supervisor acknowledged")
    text = _text(errors, "note", note, limit=TEXT_LIMIT)
    errors.raise_if_any("The review was not recorded.")
    assert reviewed_on is not None  # noqa: S101
    claim = claim_lock(claim)
    assignment = _running(assignment, "reviewed")
    status = work_status_on(claim=claim, on=reviewed_on)
    current = status.report if status.in_force else None
    within = (
        current is not None
        and current.capacity == WorkCapacity.PARTIAL
        and not rules.breaches(list(assignment.demands), list(current.restrictions))
    )
    summary = f"{ReviewKind(kind).label} of {assignment.position} on {_fmt(reviewed_on)}: " + (
        "the duties meet the restrictions in force."
        if within
        else "the duties no longer meet the restrictions in force (or none is in force): see the coordinator."
    )
    if report is not None:
        summary += f" RTW pass of {_fmt(report.examined_on)} acknowledged."
    event = _milestone(
        actor, claim, Milestone.MODIFIED_DUTY_REVIEWED, summary + (f" {text}" if text else ""), reviewed_on
    )
    return AssignmentReview.objects.create(
        assignment=assignment,
        kind=kind,
        reviewed_on=reviewed_on,
        work_status_report=report,
        within_restrictions=within,
        note=text,
        reviewed_by=actor,
        recorded_at=clock.now(),
        seq=event.seq,
    )


@transaction.atomic
def modified_duty_extend(
    *, actor: User, assignment: ModifiedDutyAssignment, limit_on: dt.date | None, reason: str
) -> ModifiedDutyAssignment:
    """Extend a running assignment past its limit (the coordinator with the supervisor, seed 001).

    Raises:
        PermissionDenied; ValidationFailed naming ``limit_on`` or ``reason``;
        Conflict: the assignment is not running.
    """
    claim = assignment.claim
    require(user_can_work_modified_duty(actor, claim), WRITE_REFUSED)
    errors = ErrorCollector()
    if limit_on is None:
        errors.add("limit_on", "give the new last day")
    elif limit_on <= assignment.limit_on:
        errors.add("limit_on", f"must be after the current limit ({_fmt(assignment.limit_on)})")
    text = _text(errors, "reason", reason, limit=REASON_LIMIT, required="say why the assignment is extended")
    errors.raise_if_any("The assignment was not extended.")
    assert limit_on is not None  # noqa: S101
    claim = claim_lock(claim)
    assignment = _running(assignment, "extended")
    previous = assignment.limit_on
    assignment.limit_on = limit_on
    assignment.save(update_fields=["limit_on"])
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.MODIFIED_DUTY_EXTENDED,
        payload={
            "assignment_id": assignment.pk,
            "previous_limit_on": previous.isoformat(),
            "limit_on": limit_on.isoformat(),
            "reason": text,
        },
    )
    return assignment


def assignment_end(
    claim: Claim,
    assignment: ModifiedDutyAssignment,
    *,
    actor: User | None,
    ended_on: dt.date,
    reason: str,
    note: str,
) -> ModifiedDutyAssignment:
    """End ``assignment`` (the claim is locked, the assignment running): ``modified_duty_ended``."""
    assignment.status = AssignmentStatus.ENDED
    assignment.ended_on = ended_on
    assignment.end_reason = reason
    assignment.end_note = note
    assignment.save(update_fields=["status", "ended_on", "end_reason", "end_note"])
    summary = f"{assignment.position} ended on {_fmt(ended_on)}: {EndReason(reason).label.lower()}."
    _milestone(actor, claim, Milestone.MODIFIED_DUTY_ENDED, summary + (f" {note}" if note else ""), ended_on)
    return assignment


@transaction.atomic
def modified_duty_end(
    *, actor: User, assignment: ModifiedDutyAssignment, ended_on: dt.date | None, reason: str, note: str = ""
) -> ModifiedDutyAssignment:
    """End a running assignment on ``ended_on`` (its last day); appends ``modified_duty_ended``.

    Raises:
        PermissionDenied; ValidationFailed naming ``ended_on``, ``reason`` or ``note``;
        Conflict: the assignment is not running.
    """
    claim = assignment.claim
    require(user_can_work_modified_duty(actor, claim), WRITE_REFUSED)
    errors = ErrorCollector()
    if reason not in EndReason.values:
        errors.add("reason", f"choose one of: {', '.join(EndReason.values)}")
    if ended_on is None:
        errors.add("ended_on", "give the assignment's last day")
    elif ended_on > claim_today(claim):
        errors.add("ended_on", "is in the future")
    elif ended_on < assignment.start_on - dt.timedelta(days=1):
        errors.add("ended_on", f"is before the assignment started ({_fmt(assignment.start_on)})")
    elif reason == EndReason.TIME_LIMIT and ended_on < assignment.limit_on:
        errors.add("ended_on", f"the limit is {_fmt(assignment.limit_on)}: it has not been reached")
    text = _text(errors, "note", note, limit=REASON_LIMIT)
    if reason == EndReason.OTHER and not text:
        errors.add("note", "say why the assignment ends")
    errors.raise_if_any("The assignment was not ended.")
    assert ended_on is not None  # noqa: S101
    claim = claim_lock(claim)
    assignment = _running(assignment, "ended")
    return assignment_end(claim, assignment, actor=actor, ended_on=ended_on, reason=reason, note=text)


# --- less arduous duty search (seed 000) ---------------------------------------------------------


def _search_event(actor: User, claim: Claim, payload: dict[str, Any]) -> ClaimEvent:
    return claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.DUTY_SEARCH_RECORDED,
        payload=payload,
        sensitivity=Sensitivity.MEDICAL,
    )


@transaction.atomic
def duty_search_start(
    *,
    actor: User,
    claim: Claim,
    job_classification: str,
    permanent_restrictions: str,
    started_on: dt.date | None,
    restrictions: Iterable[dict[str, Any]] = (),
) -> DutySearch:
    """Start a less arduous duty search for a worker at MMI with permanent restrictions (seed 000).

    Raises:
        PermissionDenied; ValidationFailed naming ``claim`` (no MMI recorded),
        ``job_classification``, ``permanent_restrictions``, ``restrictions.<n>.<field>`` or
        ``started_on``; nothing is written.
    """
    require(user_can_work_modified_duty(actor, claim), WRITE_REFUSED)
    errors = ErrorCollector()
    if not ClaimEvent.objects.filter(claim=claim, kind=EventKind.MMI_RECORDED).exists():
        errors.add("claim", "the search is for a worker at maximum medical improvement: record MMI first")
    job = _text(errors, "job_classification", job_classification, limit=NAME_LIMIT, required="name the job")
    text = _text(
        errors,
        "permanent_restrictions",
        permanent_restrictions,
        limit=TEXT_LIMIT,
        required="give the permanent restrictions",
    )
    unit = status_rules.weight_unit(JURISDICTIONS[claim.jurisdiction].country)
    items: list[dict[str, str]] = []
    for index, item in enumerate(list(restrictions or ())):
        out, problems = status_rules.restriction_clean(dict(item), unit=unit)
        for name, message in problems.items():
            errors.add(f"restrictions.{index}.{name}", message)
        if not problems:
            items.append(out)
    if started_on is None:
        errors.add("started_on", "give the day the search started")
    elif started_on > claim_today(claim):
        errors.add("started_on", "is in the future")
    errors.raise_if_any("The search was not started.")
    assert started_on is not None  # noqa: S101
    claim = claim_lock(claim)
    search = DutySearch.objects.create(
        claim=claim,
        job_classification=job,
        permanent_restrictions=text,
        restrictions=items,
        started_on=started_on,
        started_by=actor,
        seq=claim.last_event_seq + 1,
    )
    _search_event(
        actor,
        claim,
        {
            "search_id": search.pk,
            "action": "started",
            "summary": f"Less arduous duty search started {_fmt(started_on)}: cannot continue as {job}.",
        },
    )
    return search


@transaction.atomic
def duty_search_candidate_add(
    *,
    actor: User,
    search: DutySearch,
    position: str,
    department: str,
    agency: str = "",
    demands: Iterable[dict[str, Any]] = (),
    note: str = "",
) -> DutySearchCandidate:
    """Add a candidate position; whether its demands fit the permanent restrictions is recorded.

    Raises:
        PermissionDenied; ValidationFailed naming ``position``, ``department``, ``agency``,
        ``demands.<n>[.<field>]`` or ``note``; Conflict: the search is concluded.
    """
    claim = search.claim
    require(user_can_work_modified_duty(actor, claim), WRITE_REFUSED)
    errors = ErrorCollector()
    position_text = _text(errors, "position", position, limit=NAME_LIMIT, required="name the position")
    department_text = _text(
        errors, "department", department, limit=NAME_LIMIT, required="name the department"
    )
    agency_text = _text(errors, "agency", agency, limit=NAME_LIMIT)
    unit = status_rules.weight_unit(JURISDICTIONS[claim.jurisdiction].country)
    items = _demands(errors, demands, unit=unit)
    text = _text(errors, "note", note, limit=TEXT_LIMIT)
    errors.raise_if_any("The candidate was not added.")
    claim = claim_lock(claim)
    search = DutySearch.objects.select_for_update().get(pk=search.pk)
    if search.outcome:
        raise Conflict.for_field("search", "is concluded")
    fits = not rules.breaches(items, list(search.restrictions))
    candidate = DutySearchCandidate.objects.create(
        search=search,
        position=position_text,
        department=department_text,
        agency=agency_text,
        demands=items,
        fits_restrictions=fits,
        note=text,
        seq=claim.last_event_seq + 1,
    )
    _search_event(
        actor,
        claim,
        {
            "search_id": search.pk,
            "action": "candidate_added",
            "candidate_id": candidate.pk,
            "fits_restrictions": fits,
            "summary": f"Candidate: {position_text}, {department_text}"
            + (
                " (fits the permanent restrictions)."
                if fits
                else " (does not fit the permanent restrictions)."
            ),
        },
    )
    return candidate


@transaction.atomic
def duty_search_conclude(
    *,
    actor: User,
    search: DutySearch,
    outcome: str,
    concluded_on: dt.date | None,
    placed_id: int | None = None,
    note: str = "",
) -> DutySearch:
    """Conclude a search: placed in one of its candidates (that fits), or no suitable position.

    Raises:
        PermissionDenied; ValidationFailed naming ``outcome``, ``concluded_on``, ``placed_id``
        or ``note``; Conflict: already concluded.
    """
    claim = search.claim
    require(user_can_work_modified_duty(actor, claim), WRITE_REFUSED)
    errors = ErrorCollector()
    if outcome not in (SearchOutcome.PLACED, SearchOutcome.NO_POSITION):
        errors.add("outcome", "choose placed or no_position")
    if concluded_on is None:
        errors.add("concluded_on", "give the day")
    elif concluded_on > claim_today(claim):
        errors.add("concluded_on", "is in the future")
    elif concluded_on < search.started_on:
        errors.add("concluded_on", f"is before the search started ({_fmt(search.started_on)})")
    placed: DutySearchCandidate | None = None
    if outcome == SearchOutcome.PLACED:
        placed = search.candidates.filter(pk=placed_id).first() if placed_id is not None else None
        if placed is None:
            errors.add("placed_id", "choose the candidate position the worker was placed in")
        elif not placed.fits_restrictions:
            errors.add("placed_id", "that position does not fit the permanent restrictions")
    elif placed_id is not None:
        errors.add("placed_id", "only a placement names a candidate")
    text = _text(errors, "note", note, limit=TEXT_LIMIT)
    if outcome == SearchOutcome.NO_POSITION and not text:
        errors.add("note", "say where was searched and why nothing fits")
    errors.raise_if_any("The search was not concluded.")
    claim = claim_lock(claim)
    search = DutySearch.objects.select_for_update().get(pk=search.pk)
    if search.outcome:
        raise Conflict.for_field("search", "is already concluded")
    search.outcome = outcome
    search.concluded_on = concluded_on
    search.placed = placed
    search.note = text
    search.save(update_fields=["outcome", "concluded_on", "placed", "note"])
    words = f"placed as {placed.position}, {placed.department}" if placed else "no suitable position found"
    _search_event(
        actor,
        claim,
        {
            "search_id": search.pk,
            "action": "concluded",
            "outcome": outcome,
            "candidate_id": placed.pk if placed else None,
            "summary": f"Less arduous duty search concluded: {words}." + (f" {text}" if text else ""),
        },
    )
    return search
