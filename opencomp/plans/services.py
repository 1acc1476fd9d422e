"""Every write of plans and work capacity decisions.

Each service checks the actor (``plans.access``), then the input, reporting every problem at
once under the field it concerns; a refused request writes nothing. Under the claim's row
lock it writes its rows and appends the claim event that records them, in one transaction:

- ``plan_create`` / ``plan_revise``: a plan version, with ``milestone.recorded``
  ``injury_plan_issued`` for an injury management plan (the milestone the NSW rules
  ``nsw.injury_management_plan`` — due 20 days from notification of a significant injury —
  and ``nsw.injury_management_plan_review`` — every 4 weeks, restarted by each version — wait
  for), or ``rtw_plan_issued`` for a return-to-work plan.
- ``plan_share``: the current version's letter (``letters.services.letter_issue``:
  ``notice.sent``) and the share row naming the parties it went to.
- ``plan_sign_off``: a party's sign-off of a return-to-work plan version (``rtw_plan_signed``).
- ``work_capacity_decide``: a decision of the types of s 43(1) (a)–(f) with
  ``milestone.recorded`` ``work_capacity_decision`` (the NSW rule ``nsw.work_capacity_decision``
  waits for it, and a dispute of kind ``work_capacity`` contests it).
- ``work_capacity_notice_issue``: the s 78 notice with the internal review right, and the
  earliest day a reduction or discontinuation may take effect (``plans.rules``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.enums import EventKind, Milestone, Sensitivity, WorkCapacity
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector, ValidationFailed
from opencomp.documents.models import ClaimDocument
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.letters.services import RecipientInput, letter_issue
from opencomp.plans import letters as plan_letters
from opencomp.plans.access import WRITE_REFUSED, user_can_manage_plans
from opencomp.plans.enums import (
    ADVERSE,
    DecisionEffect,
    DecisionType,
    PlanKind,
    PlanStatus,
    ResponsibleParty,
    SignOffParty,
)
from opencomp.plans.models import Plan, PlanShare, PlanSignOff, PlanVersion, WorkCapacityDecision
from opencomp.plans.selectors import current_version, paid_periods

TEXT_LIMIT = 4000
NAME_LIMIT = 200
ITEMS_MAX = 30
HOURS_WEEKS_MAX = 52
#: The plans only NSW keeps (seed 004); a return-to-work plan may be kept on any claim.
NSW_ONLY = frozenset({PlanKind.INJURY_MANAGEMENT})


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _occurred_at(claim: Claim, day: dt.date) -> dt.datetime:
    zone = ZoneInfo(JURISDICTIONS[claim.jurisdiction].time_zone)
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone)


def _text(errors: ErrorCollector, field: str, value: str | None, *, limit: int, required: str = "") -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        errors.add(field, required)
    elif len(cleaned) > limit:
        errors.add(field, f"must be at most {limit} characters")
    return cleaned


def _past(
    errors: ErrorCollector, field: str, value: dt.date | None, claim: Claim, what: str
) -> dt.date | None:
    if value is None:
        errors.add(field, f"give the date {what}")
        return None
    if value < claim.injury_date:
        errors.add(field, f"is before the injury date ({_fmt(claim.injury_date)})")
        return None
    if value > claim_today(claim):
        errors.add(field, "is in the future")
        return None
    return value


def _money(errors: ErrorCollector, field: str, value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        errors.add(field, "give the amount as a decimal string such as '812.50', not a float")
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        errors.add(field, "must be an amount such as 812.50")
        return None
    if not amount.is_finite() or amount < 0:
        errors.add(field, "must be an amount of 0 or more")
        return None
    if amount != amount.quantize(Decimal("0.01")):
        errors.add(field, "has more than two decimal places")
        return None
    return amount.quantize(Decimal("0.01"))


def _strings(errors: ErrorCollector, field: str, items: Iterable[str] | None) -> list[str]:
    rows = [(i or "").strip() if isinstance(i, str) else i for i in (items or ())]
    if len(rows) > ITEMS_MAX:
        errors.add(field, f"at most {ITEMS_MAX} items")
        return []
    out = []
    for index, item in enumerate(rows):
        if not isinstance(item, str) or not item:
            errors.add(f"{field}.{index}", "give the text, or leave the row out")
        elif len(item) > TEXT_LIMIT:
            errors.add(f"{field}.{index}", f"must be at most {TEXT_LIMIT} characters")
        else:
            out.append(item)
    return out


def _actions(
    errors: ErrorCollector, items: Iterable[dict[str, Any]] | None, *, after: dt.date | None
) -> list[dict[str, str]]:
    rows = list(items or ())
    if len(rows) > ITEMS_MAX:
        errors.add("actions", f"at most {ITEMS_MAX} actions")
        return []
    out = []
    for index, item in enumerate(rows):
        field = f"actions.{index}"
        if not isinstance(item, dict):
            errors.add(field, "must be an object with responsible, party, action, outcome and due_on")
            continue
        responsible = " ".join(str(item.get("responsible") or "").split())
        party = str(item.get("party") or "")
        action = str(item.get("action") or "").strip()
        outcome = str(item.get("outcome") or "").strip()
        due = item.get("due_on")
        problems = len(errors.errors)
        if not responsible:
            errors.add(f"{field}.responsible", "name the person responsible")
        elif len(responsible) > NAME_LIMIT:
            errors.add(f"{field}.responsible", f"must be at most {NAME_LIMIT} characters")
        if party not in ResponsibleParty.values:
            errors.add(f"{field}.party", f"choose one of: {', '.join(ResponsibleParty.values)}")
        if not action:
            errors.add(f"{field}.action", "say what is to be done")
        elif len(action) > TEXT_LIMIT:
            errors.add(f"{field}.action", f"must be at most {TEXT_LIMIT} characters")
        if len(outcome) > TEXT_LIMIT:
            errors.add(f"{field}.outcome", f"must be at most {TEXT_LIMIT} characters")
        due_on: dt.date | None = None
        if isinstance(due, dt.date):
            due_on = due
        elif isinstance(due, str) and due:
            try:
                due_on = dt.date.fromisoformat(due)
            except ValueError:
                errors.add(f"{field}.due_on", "must be a date (YYYY-MM-DD)")
        if due_on is None and not (isinstance(due, str) and due):
            errors.add(f"{field}.due_on", "give the date the action is due (its review date)")
        elif due_on is not None and after is not None and due_on < after:
            errors.add(f"{field}.due_on", f"is before the plan's date ({_fmt(after)})")
        if len(errors.errors) == problems and due_on is not None:
            out.append(
                {
                    "responsible": responsible,
                    "party": party,
                    "action": action,
                    "outcome": outcome,
                    "due_on": due_on.isoformat(),
                }
            )
    return out


def _support_team(errors: ErrorCollector, team: dict[str, str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for party, name in (team or {}).items():
        if party not in ResponsibleParty.values:
            errors.add(
                f"support_team.{party}", f"is not a party: one of {', '.join(ResponsibleParty.values)}"
            )
            continue
        cleaned = " ".join(str(name or "").split())
        if len(cleaned) > NAME_LIMIT:
            errors.add(f"support_team.{party}", f"must be at most {NAME_LIMIT} characters")
        elif cleaned:
            out[party] = cleaned
    return out


def _hours(errors: ErrorCollector, items: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
    rows = list(items or ())
    if len(rows) > HOURS_WEEKS_MAX:
        errors.add("hours", f"at most {HOURS_WEEKS_MAX} weeks")
        return []
    out: list[dict[str, Any]] = []
    last_week = 0
    for index, item in enumerate(rows):
        field = f"hours.{index}"
        if not isinstance(item, dict):
            errors.add(field, "must be an object with week, hours_per_day and days_per_week")
            continue
        week = item.get("week")
        if not isinstance(week, int) or isinstance(week, bool) or week < 1:
            errors.add(f"{field}.week", "must be a week number from 1")
            continue
        if week <= last_week:
            errors.add(f"{field}.week", "give the weeks in order, each once")
            continue
        last_week = week
        values: dict[str, Any] = {"week": week}
        for name, maximum in (("hours_per_day", Decimal(24)), ("days_per_week", Decimal(7))):
            amount = _money(errors, f"{field}.{name}", item.get(name))
            if amount is None:
                if item.get(name) in (None, ""):
                    errors.add(f"{field}.{name}", "give the number")
                continue
            if not Decimal(0) < amount <= maximum:
                errors.add(f"{field}.{name}", f"must be more than 0 and at most {maximum}")
                continue
            values[name] = str(amount.normalize())
        if len(values) == 3:
            out.append(values)
    return out


def _milestone(kind: str) -> str:
    return Milestone.INJURY_PLAN_ISSUED if kind == PlanKind.INJURY_MANAGEMENT else Milestone.RTW_PLAN_ISSUED


def _write_version(
    *,
    actor: User,
    claim: Claim,
    kind: str,
    plan: Plan | None,
    issued_on: dt.date | None,
    goal: str,
    review_on: dt.date | None,
    goals: Iterable[str] | None,
    actions: Iterable[dict[str, Any]] | None,
    support_team: dict[str, str] | None,
    duties: Iterable[str] | None,
    hours: Iterable[dict[str, Any]] | None,
    supervisor: str,
    starts_on: dt.date | None,
    changes: str,
) -> PlanVersion:
    errors = ErrorCollector()
    issued = _past(errors, "issued_on", issued_on, claim, "the plan was made")
    goal = _text(errors, "goal", goal, limit=TEXT_LIMIT, required="give the current return-to-work goal")
    if review_on is None:
        errors.add("review_on", "give the date the plan is reviewed next")
    elif issued is not None and review_on <= issued:
        errors.add("review_on", f"must be after the plan's date ({_fmt(issued)})")
    goal_list = _strings(errors, "goals", goals)
    action_list = _actions(errors, actions, after=issued)
    team = _support_team(errors, support_team)
    duty_list = _strings(errors, "duties", duties)
    hour_list = _hours(errors, hours)
    supervisor = " ".join((supervisor or "").split())
    if len(supervisor) > NAME_LIMIT:
        errors.add("supervisor", f"must be at most {NAME_LIMIT} characters")
    if kind == PlanKind.RETURN_TO_WORK:
        if not duty_list and not errors.errors:
            errors.add("duties", "list the duties the worker is to do")
        if not supervisor:
            errors.add("supervisor", "name the worker's supervisor for the plan")
        if starts_on is None:
            errors.add("starts_on", "give the date the plan starts")
        elif starts_on < claim.injury_date:
            errors.add("starts_on", f"is before the injury date ({_fmt(claim.injury_date)})")
    else:
        for name, given in (("duties", duty_list), ("hours", hour_list)):
            if given:
                errors.add(name, "belongs to a return-to-work plan")
        if supervisor:
            errors.add("supervisor", "belongs to a return-to-work plan")
        if starts_on is not None:
            errors.add("starts_on", "belongs to a return-to-work plan")
    changes = _text(
        errors,
        "changes",
        changes,
        limit=TEXT_LIMIT,
        required="say what changed from the previous version, and why" if plan is not None else "",
    )
    if plan is None and changes:
        errors.add("changes", "only a revision says what changed")
    previous = current_version(plan) if plan is not None else None
    if previous is not None and issued is not None and issued < previous.issued_on:
        errors.add("issued_on", f"is before version {previous.number} ({_fmt(previous.issued_on)})")
    if plan is not None and plan.status != PlanStatus.ACTIVE:
        errors.add("plan_id", "the plan is closed")
    errors.raise_if_any("The plan was not recorded." if plan is None else "The plan was not revised.")
    assert issued is not None  # noqa: S101 - no errors: given
    assert review_on is not None  # noqa: S101

    claim = claim_lock(claim)
    now = clock.now()
    if plan is None:
        if Plan.objects.filter(claim=claim, kind=kind).exists():
            raise ValidationFailed.for_field(
                "kind", f"the claim already has its {PlanKind(kind).label.lower()}; revise it"
            )
        plan = Plan.objects.create(claim=claim, kind=kind, created_by=actor, created_at=now)
        number = 1
    else:
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        last = current_version(plan)
        number = (last.number if last else 0) + 1
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        issued_on=issued,
        goal=goal,
        goals=goal_list,
        actions=action_list,
        support_team=team,
        review_on=review_on,
        changes=changes,
        duties=duty_list,
        hours=hour_list,
        supervisor=supervisor,
        starts_on=starts_on,
        recorded_by=actor,
        recorded_at=now,
        seq=claim.last_event_seq + 1,  # the event appended next; checked below
    )
    what = PlanKind(kind).label
    verb = "issued" if number == 1 else "revised"
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.MILESTONE_RECORDED,
        payload={
            "milestone": _milestone(kind),
            "summary": f"{what} version {number} {verb}; next review {_fmt(review_on)}.",
        },
        occurred_at=_occurred_at(claim, issued),
        sensitivity=Sensitivity.MEDICAL,
    )
    if event.seq != version.seq:  # pragma: no cover - the claim row lock makes this impossible
        raise RuntimeError("plan version and its event disagree on the sequence number")
    return version


@transaction.atomic
def plan_create(
    *,
    actor: User,
    claim: Claim,
    kind: str,
    issued_on: dt.date | None,
    goal: str,
    review_on: dt.date | None,
    goals: Iterable[str] | None = (),
    actions: Iterable[dict[str, Any]] | None = (),
    support_team: dict[str, str] | None = None,
    duties: Iterable[str] | None = (),
    hours: Iterable[dict[str, Any]] | None = (),
    supervisor: str = "",
    starts_on: dt.date | None = None,
) -> PlanVersion:
    """Issue the claim's first plan of ``kind`` (version 1); appends the plan's milestone.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``kind``, ``issued_on``, ``goal``, ``review_on``, ``goals.<n>``,
            ``actions.<n>.<field>``, ``support_team.<party>``, ``duties``, ``hours.<n>.<field>``,
            ``supervisor`` or ``starts_on``; nothing is written.
    """
    require(user_can_manage_plans(actor, claim), WRITE_REFUSED)
    if kind not in PlanKind.values:
        raise ValidationFailed.for_field("kind", f"choose one of: {', '.join(PlanKind.values)}")
    if kind in NSW_ONLY and claim.jurisdiction != "NSW":
        raise ValidationFailed.for_field("kind", "an injury management plan is kept on NSW claims (seed 004)")
    if Plan.objects.filter(claim=claim, kind=kind).exists():
        raise ValidationFailed.for_field(
            "kind", f"the claim already has its {PlanKind(kind).label.lower()}; revise it"
        )
    return _write_version(
        actor=actor,
        claim=claim,
        kind=kind,
        plan=None,
        issued_on=issued_on,
        goal=goal,
        review_on=review_on,
        goals=goals,
        actions=actions,
        support_team=support_team,
        duties=duties,
        hours=hours,
        supervisor=supervisor,
        starts_on=starts_on,
        changes="",
    )


@transaction.atomic
def plan_revise(
    *,
    actor: User,
    plan: Plan,
    issued_on: dt.date | None,
    goal: str,
    review_on: dt.date | None,
    changes: str,
    goals: Iterable[str] | None = (),
    actions: Iterable[dict[str, Any]] | None = (),
    support_team: dict[str, str] | None = None,
    duties: Iterable[str] | None = (),
    hours: Iterable[dict[str, Any]] | None = (),
    supervisor: str = "",
    starts_on: dt.date | None = None,
) -> PlanVersion:
    """Write the next version of ``plan`` (a review that changed it); earlier versions stay as they were.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: as ``plan_create``, and ``changes`` (required) or ``plan_id`` (closed).
    """
    require(user_can_manage_plans(actor, plan.claim), WRITE_REFUSED)
    return _write_version(
        actor=actor,
        claim=plan.claim,
        kind=plan.kind,
        plan=plan,
        issued_on=issued_on,
        goal=goal,
        review_on=review_on,
        goals=goals,
        actions=actions,
        support_team=support_team,
        duties=duties,
        hours=hours,
        supervisor=supervisor,
        starts_on=starts_on,
        changes=changes,
    )


@transaction.atomic
def plan_share(*, actor: User, plan: Plan, recipients: Sequence[RecipientInput]) -> PlanShare:
    """Send the plan's current version to the parties as a letter (PDF); records who and when.

    An injury management plan goes to at least the worker and the employer (and to the
    nominated treating doctor as ``provider`` when named); a return-to-work plan likewise.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: as ``letters.services.letter_issue`` (``recipients[i].<field>``,
            ``template_id``); nothing is written or sent.
    """
    require(user_can_manage_plans(actor, plan.claim), WRITE_REFUSED)
    version = current_version(plan)
    if version is None:  # pragma: no cover - a plan is created with its first version
        raise ValidationFailed.for_field("plan_id", "the plan has no version to share")
    template_id = (
        plan_letters.PLAN_TEMPLATE if plan.kind == PlanKind.INJURY_MANAGEMENT else plan_letters.RTW_TEMPLATE
    )
    letter = letter_issue(actor=actor, claim=plan.claim, template_id=template_id, recipients=recipients)
    return PlanShare.objects.create(
        version=version,
        letter=letter,
        parties=list(dict.fromkeys(r.party for r in recipients)),
        shared_by=actor,
        shared_at=letter.issued_at,
    )


@transaction.atomic
def plan_sign_off(
    *, actor: User, plan: Plan, party: str, name: str, signed_on: dt.date | None
) -> PlanSignOff:
    """Record that ``party`` signed the current version of a return-to-work plan (``rtw_plan_signed``).

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``plan_id`` (not a return-to-work plan), ``party`` (unknown, or
            already signed this version), ``name`` or ``signed_on``; nothing is written.
    """
    claim = plan.claim
    require(user_can_manage_plans(actor, claim), WRITE_REFUSED)
    errors = ErrorCollector()
    if plan.kind != PlanKind.RETURN_TO_WORK:
        errors.add("plan_id", "only a return-to-work plan is signed off by the parties")
    version = current_version(plan)
    if party not in SignOffParty.values:
        errors.add("party", f"choose one of: {', '.join(SignOffParty.values)}")
    elif version is not None and PlanSignOff.objects.filter(version=version, party=party).exists():
        errors.add(
            "party", f"the {SignOffParty(party).label.lower()} has already signed version {version.number}"
        )
    name = _text(
        errors,
        "name",
        " ".join((name or "").split()),
        limit=NAME_LIMIT,
        required="give the name of who signed",
    )
    signed = _past(errors, "signed_on", signed_on, claim, "it was signed")
    if signed is not None and version is not None and signed < version.issued_on:
        errors.add("signed_on", f"is before version {version.number} was made ({_fmt(version.issued_on)})")
    errors.raise_if_any("The sign-off was not recorded.")
    assert version is not None  # noqa: S101 - no errors: found
    assert signed is not None  # noqa: S101
    claim = claim_lock(claim)
    sign_off = PlanSignOff.objects.create(
        version=version,
        party=party,
        name=name,
        signed_on=signed,
        recorded_by=actor,
        recorded_at=clock.now(),
        seq=claim.last_event_seq + 1,
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.MILESTONE_RECORDED,
        payload={
            "milestone": Milestone.RTW_PLAN_SIGNED,
            "summary": f"Return-to-work plan version {version.number} signed by the "
            f"{SignOffParty(party).label.lower()} ({name}) on {_fmt(signed)}.",
        },
        occurred_at=_occurred_at(claim, signed),
    )
    if event.seq != sign_off.seq:  # pragma: no cover
        raise RuntimeError("sign-off and its event disagree on the sequence number")
    return sign_off


@transaction.atomic
def work_capacity_decide(
    *,
    actor: User,
    claim: Claim,
    types: Iterable[str],
    decided_on: dt.date | None,
    capacity: str,
    effect: str,
    reasons: str,
    evidence_ids: Iterable[int],
    suitable_employment: str = "",
    able_to_earn: Decimal | str | None = None,
    current_weekly_amount: Decimal | str | None = None,
    new_weekly_amount: Decimal | str | None = None,
) -> WorkCapacityDecision:
    """Record a NSW work capacity decision; appends ``milestone.recorded`` ``work_capacity_decision``.

    ``types`` are the s 43(1) letters decided (a–f). A decision that reduces or stops weekly
    payments is a decision of type (f) (seed 004) and gives the current weekly amount (and the
    new one, lower, for a reduction). A decision of type (b) says what suitable employment is;
    one of type (c) gives the amount the worker is able to earn in it. The evidence relied on
    is one or more documents of the claim.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``claim`` (not NSW), ``types``, ``decided_on``, ``capacity``,
            ``effect``, ``reasons``, ``evidence_ids``, ``suitable_employment``, ``able_to_earn``,
            ``current_weekly_amount`` or ``new_weekly_amount``; nothing is written.
    """
    require(user_can_manage_plans(actor, claim), WRITE_REFUSED)
    errors = ErrorCollector()
    if claim.jurisdiction != "NSW":
        errors.add(
            "claim", "work capacity decisions are made on NSW claims (Workers Compensation Act 1987 s 43)"
        )
    chosen = sorted(set(types or ()))
    if not chosen:
        errors.add("types", "choose the decisions made: one or more of a–f (s 43(1))")
    elif any(t not in DecisionType.values for t in chosen):
        errors.add("types", f"choose from: {', '.join(DecisionType.values)}")
    decided = _past(errors, "decided_on", decided_on, claim, "of the decision")
    if capacity not in WorkCapacity.values:
        errors.add("capacity", f"choose one of: {', '.join(WorkCapacity.values)}")
    if effect not in DecisionEffect.values:
        errors.add("effect", f"choose one of: {', '.join(DecisionEffect.values)}")
    reasons = _text(
        errors, "reasons", reasons, limit=TEXT_LIMIT, required="give the reasons for the decision"
    )
    suitable = _text(errors, "suitable_employment", suitable_employment, limit=TEXT_LIMIT)
    if DecisionType.B in chosen and not suitable:
        errors.add("suitable_employment", "a decision (b) says what constitutes suitable employment")
    able = _money(errors, "able_to_earn", able_to_earn)
    if (
        DecisionType.C in chosen
        and able is None
        and not any(e.field == "able_to_earn" for e in errors.errors)
    ):
        errors.add("able_to_earn", "a decision (c) gives the weekly amount the worker is able to earn")
    current = _money(errors, "current_weekly_amount", current_weekly_amount)
    new = _money(errors, "new_weekly_amount", new_weekly_amount)
    if effect in ADVERSE:
        if DecisionType.F not in chosen:
            errors.add("types", "a decision to reduce or stop weekly payments is a decision (f)")
        if current is None and not any(e.field == "current_weekly_amount" for e in errors.errors):
            errors.add("current_weekly_amount", "give the weekly amount paid now")
    if effect == DecisionEffect.REDUCE:
        if new is None and not any(e.field == "new_weekly_amount" for e in errors.errors):
            errors.add("new_weekly_amount", "give the reduced weekly amount")
        elif new is not None and current is not None and new >= current:
            errors.add("new_weekly_amount", f"must be less than the current weekly amount ({current})")
    elif effect == DecisionEffect.DISCONTINUE and new not in (None, Decimal("0.00")):
        errors.add("new_weekly_amount", "leave empty: weekly payments stop")
    elif effect == DecisionEffect.INCREASE and new is not None and current is not None and new <= current:
        errors.add("new_weekly_amount", f"must be more than the current weekly amount ({current})")
    elif effect == DecisionEffect.NO_CHANGE and new is not None:
        errors.add("new_weekly_amount", "leave empty: weekly payments do not change")
    wanted = sorted(set(evidence_ids or ()))
    documents = list(ClaimDocument.objects.filter(claim=claim, pk__in=wanted))
    if not wanted:
        errors.add("evidence_ids", "name the documents the decision relies on")
    elif len(documents) != len(wanted):
        missing = sorted(set(wanted) - {d.pk for d in documents})
        errors.add("evidence_ids", f"not documents of this claim: {', '.join(map(str, missing))}")
    errors.raise_if_any("The work capacity decision was not recorded.")
    assert decided is not None  # noqa: S101

    claim = claim_lock(claim)
    decision = WorkCapacityDecision.objects.create(
        claim=claim,
        types=chosen,
        decided_on=decided,
        capacity=capacity,
        suitable_employment=suitable,
        able_to_earn=able,
        current_weekly_amount=current,
        new_weekly_amount=Decimal("0.00") if effect == DecisionEffect.DISCONTINUE else new,
        effect=effect,
        reasons=reasons,
        recorded_by=actor,
        recorded_at=clock.now(),
        seq=claim.last_event_seq + 1,
    )
    decision.evidence.set(documents)
    letters_decided = ", ".join(f"({t})" for t in chosen)
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.MILESTONE_RECORDED,
        payload={
            "milestone": Milestone.WORK_CAPACITY_DECISION,
            "summary": (
                f"Work capacity decision s 43(1) {letters_decided}: {DecisionEffect(effect).label.lower()}."
            ),
        },
        occurred_at=_occurred_at(claim, decided),
        sensitivity=Sensitivity.MEDICAL,
    )
    if event.seq != decision.seq:  # pragma: no cover
        raise RuntimeError("work capacity decision and its event disagree on the sequence number")
    return decision


@transaction.atomic
def work_capacity_notice_issue(
    *, actor: User, decision: WorkCapacityDecision, recipients: Sequence[RecipientInput]
) -> WorkCapacityDecision:
    """Send the s 78 notice of ``decision`` (the claim's latest) and fix when a reduction may apply.

    The notice gives the decision, its reasons, the evidence, the internal review right and,
    for a reduction or discontinuation, the earliest day it may take effect: three months after
    the notice if the worker has had continuous weekly payments for 12 weeks or more, else the
    notice date (``plans.rules.reduction_timing``, seed 004).

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``decision_id`` (a later decision exists, or its notice was
            sent) or as ``letters.services.letter_issue``; nothing is written or sent.
    """
    claim = decision.claim
    require(user_can_manage_plans(actor, claim), WRITE_REFUSED)
    claim = claim_lock(claim)
    decision = WorkCapacityDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.letter_id is not None:
        raise ValidationFailed.for_field("decision_id", "its notice has already been sent")
    latest = WorkCapacityDecision.objects.filter(claim=claim).order_by("-seq").first()
    if latest is not None and latest.pk != decision.pk:
        raise ValidationFailed.for_field(
            "decision_id", "a later work capacity decision replaces it; send that one's notice"
        )
    letter = letter_issue(
        actor=actor, claim=claim, template_id=plan_letters.DECISION_TEMPLATE, recipients=recipients
    )
    notice_on = dt.date.fromisoformat(letter.content["notice_on"])
    timing = plan_letters.timing_for(decision, notice_on=notice_on, periods=paid_periods(claim))
    decision.letter = letter
    decision.notice_on = notice_on
    decision.continuous_days = timing.continuous_days if timing else None
    decision.takes_effect_on = timing.earliest if timing else None
    decision.timing_explanation = timing.explanation if timing else ""
    decision.save(
        update_fields=["letter", "notice_on", "continuous_days", "takes_effect_on", "timing_explanation"]
    )
    return decision
