"""Writes of the benefits context: wage statements, weekly rate decisions and paid periods.

Each is an event on the claim's log, written through
``claims.services.claim_event_record`` (which locks the claim and tells the
listeners, so the diary follows). Amounts are the pure calculators' results,
stored exactly as they returned them (Decimal strings with cents).

- ``wage_statement_record``: the wage figures and the AWW (PIAWE in NSW) computed
  from them; every benefit already decided is decided again, and a new decision is
  recorded where the rate changes.
- ``benefit_rate_decide``: a weekly rate from the latest wage statement, with the
  difference it makes to every period already paid (arrears or an overpayment).
  NSW: the step-down date (start of entitlement week 14) is scheduled, and the
  rule pack's ``nsw.step_down_notice`` puts the notice in the diary.
- ``benefit_period_record``: a period paid at the rate in force.
- ``benefits_redecide``: decide every decided benefit again (after a wage statement,
  and from ``listeners.py`` when the injury date is corrected).

Bad input raises ``ValidationFailed`` naming the field (the calculator's own field
name, or ``injury_date``/``week_start`` when the rule pack holds no sourced figure
for the date); a day already paid raises ``Conflict``. A refused request writes
nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.db import transaction

from opencomp.accounts.models import User
from opencomp.benefits.access import user_can_record_wages
from opencomp.benefits.calculators.aww import AverageWeeklyWage, WageLine, average_weekly_wage
from opencomp.benefits.calculators.nsw_weeks import entitlement_weeks
from opencomp.benefits.calculators.period import disability_period
from opencomp.benefits.calculators.types import (
    day,
    dollars,
    params_for,
    require_money,
)
from opencomp.benefits.calculators.weekly import BENEFITS, WeeklyBenefit, weekly_benefit
from opencomp.benefits.errors import calculator_errors
from opencomp.benefits.selectors import (
    WAGE_METHODS,
    WEEKLY_BANDS,
    PaidPeriod,
    RateDecision,
    WageStatement,
    continuing_periods,
    decision_for_day,
    decisions_in_force,
    difference_words,
    governed_periods,
    nsw_step_downs,
    paid_periods,
    rate_decisions,
    scheduled_step_downs,
    usual_days_per_week,
    wage_statement_latest,
)
from opencomp.claims.access import require, user_can_work_claim
from opencomp.claims.enums import EventKind, ScheduleSubject
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core.errors import Conflict, ErrorCollector, FieldError, ValidationFailed
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.jurisdictions.benefit_params import benefit_parameters
from opencomp.physicians.enums import RatingKind
from opencomp.physicians.selectors import impairment_default

T = TypeVar("T")
ZERO = Decimal("0.00")
WEEK = dt.timedelta(days=7)

#: The inputs each wage statement method reads (``after_tax_aww`` is Connecticut's, with any method).
METHOD_INPUTS: dict[str, frozenset[str]] = {
    "monthly": frozenset({"monthly_wage"}),
    "hourly": frozenset({"hourly_rate", "hours_per_day", "days_per_week"}),
    "26_weeks": frozenset({"lines"}),
    "52_weeks": frozenset({"lines", "hire_date"}),
    "piawe": frozenset({"lines", "employment_start"}),
    "agreed": frozenset({"agreed_aww"}),
}
_OPTIONAL_INPUTS = (
    "monthly_wage",
    "hourly_rate",
    "hours_per_day",
    "days_per_week",
    "agreed_aww",
    "hire_date",
    "employment_start",
)
#: Where a missing figure's date came from, by the parameter's key.


@dataclass(frozen=True)
class WageStatementInput:
    """The wage figures of a claim, by method.

    ``method``: ``monthly`` or ``hourly`` (CO), ``26_weeks`` (MN), ``52_weeks`` (CT),
    ``piawe`` (NSW), or ``agreed`` anywhere (an AWW agreed or ordered, with a ``note``
    saying by whom). ``after_tax_aww`` is Connecticut's after-tax AWW from the
    Commission's tables, with any CT method. ``hire_date`` (CT) and
    ``employment_start`` (NSW) default to the claim's employment record.
    """

    method: str
    monthly_wage: Decimal | None = None
    hourly_rate: Decimal | None = None
    hours_per_day: Decimal | None = None
    days_per_week: Decimal | None = None
    agreed_aww: Decimal | None = None
    after_tax_aww: Decimal | None = None
    lines: Sequence[WageLine] = ()
    hire_date: dt.date | None = None
    employment_start: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class _Ask:
    """A rate decision asked for, with its inputs resolved (``week_start`` None: the calculator's default)."""

    benefit: str
    current_earnings: Decimal | None = None
    hours_worked: Decimal | None = None
    entitlement_week: int | None = None
    week_start: dt.date | None = None
    week_note: str = ""
    #: NSW: the whole person impairment (%), and where it came from (given, or the latest rating).
    wpi: Decimal | None = None
    wpi_note: str = ""


# --- shared ----------------------------------------------------------------------------


def _calculate(compute: Callable[[], T], refused: str) -> T:
    """Run a calculator; its ``InputError`` and ``MissingFigure`` become ``ValidationFailed``."""
    with calculator_errors(refused=refused):
        return compute()


def _date_words(value: dt.date) -> str:
    return f"{value.day} {value:%b %Y}"


def _wpi(claim: Claim, given: Decimal | None) -> tuple[Decimal | None, str]:
    """NSW: the WPI a decision uses, and the step that says where it came from."""
    if claim.jurisdiction != "NSW":
        if given is not None:
            raise ValidationFailed.for_field("wpi", "is used only for NSW weekly payments")
        return given, ""
    if given is not None:
        return given, f"WPI {given.normalize():f}% as given."
    found = impairment_default(claim, kind=RatingKind.WPI)
    if found is None:
        return None, ""
    return found.percent, f"WPI {found.percent.normalize():f}% {found.source}."


def _check_benefit(claim: Claim, benefit: str) -> None:
    known = BENEFITS.get(claim.jurisdiction, ())
    if benefit not in known:
        raise ValidationFailed.for_field(
            "benefit", f"{claim.jurisdiction} benefits are {', '.join(known)}, not {benefit!r}"
        )


# --- wage statements -------------------------------------------------------------------


def _check_statement(claim: Claim, statement: WageStatementInput) -> None:
    code = claim.jurisdiction
    methods = WAGE_METHODS.get(code, ("agreed",))
    if statement.method not in methods:
        raise ValidationFailed.for_field(
            "method", f"{code} wage statements use {', '.join(methods)}, not {statement.method!r}"
        )
    used = METHOD_INPUTS[statement.method]
    errors = ErrorCollector()
    for name in _OPTIONAL_INPUTS:
        if getattr(statement, name) is not None and name not in used:
            errors.add(name, f"is not used by the {statement.method} method")
    if statement.lines and "lines" not in used:
        errors.add("lines", f"wage lines are not used by the {statement.method} method")
    if statement.after_tax_aww is not None and code != "CT":
        errors.add("after_tax_aww", "is used only for Connecticut rates")
    note = statement.note.strip()
    if statement.method == "agreed" and not note:
        errors.add("note", "say who agreed or ordered the average weekly wage, and when")
    if len(note) > 2000:
        errors.add("note", "is longer than 2000 characters")
    errors.raise_if_any("The wage statement was not recorded.")


def _employment_start(claim: Claim) -> dt.date | None:
    """The claim's employment start date, when it is before the injury (the calculators' default)."""
    employment = claim.employment
    if employment is None or employment.hire_date >= claim.injury_date:
        return None
    return employment.hire_date


def _line_payload(line: WageLine) -> dict[str, Any]:
    return {
        "period_start": line.period_start,
        "period_end": line.period_end,
        "amount": line.amount,
        "kind": line.kind,
        "hours": line.hours,
        "employer": line.employer,
    }


def _statement_payload(claim: Claim, statement: WageStatementInput) -> dict[str, Any]:
    """Compute the AWW (or PIAWE) of ``statement`` and the payload that records it."""
    code = claim.jurisdiction
    refused = "The wage statement was not recorded."
    hire_date, employment_start = statement.hire_date, statement.employment_start
    after_tax = statement.after_tax_aww
    if after_tax is not None:
        _calculate(lambda: require_money("after_tax_aww", after_tax, allow_zero=False), refused)
    note = statement.note.strip()
    if statement.method == "agreed":
        agreed = statement.agreed_aww
        if agreed is None:
            raise ValidationFailed.for_field("agreed_aww", "give the average weekly wage agreed or ordered")
        amount = _calculate(lambda: require_money("agreed_aww", agreed, allow_zero=False), refused)
        params = _calculate(lambda: params_for(code), refused)
        label = "PIAWE" if code == "NSW" else "Average weekly wage"
        explanation = [f"{label} agreed or ordered: {dollars(amount)} ({note})."]
        rules_version, citations = params.rules_version, []
    else:
        inputs: dict[str, Any] = {"injury_date": claim.injury_date}
        if statement.method == "monthly":
            inputs["monthly_wage"] = statement.monthly_wage
        elif statement.method == "hourly":
            inputs.update(
                hourly_rate=statement.hourly_rate,
                hours_per_day=statement.hours_per_day,
                days_per_week=statement.days_per_week,
            )
        else:
            inputs["lines"] = tuple(statement.lines)
        if statement.method == "52_weeks":
            hire_date = hire_date or _employment_start(claim)
            inputs["hire_date"] = hire_date
        if statement.method == "piawe":
            employment_start = employment_start or _employment_start(claim)
            inputs["employment_start"] = employment_start
        result: AverageWeeklyWage = _calculate(
            lambda: average_weekly_wage(code, statement.method, **inputs), refused
        )
        amount = result.amount
        explanation = list(result.explanation.steps)
        rules_version = result.explanation.rules_version
        citations = result.explanation.citations_json()
    return {
        "method": statement.method,
        "monthly_wage": statement.monthly_wage,
        "hourly_rate": statement.hourly_rate,
        "hours_per_day": statement.hours_per_day,
        "days_per_week": statement.days_per_week,
        "agreed_aww": statement.agreed_aww,
        "after_tax_aww": after_tax,
        "lines": [_line_payload(line) for line in statement.lines],
        "hire_date": hire_date,
        "employment_start": employment_start,
        "injury_date": claim.injury_date,
        "average_weekly_wage": amount,
        "rules_version": rules_version,
        "explanation": explanation,
        "citations": citations,
        "note": note,
    }


@transaction.atomic
def wage_statement_record(*, actor: User | None, claim: Claim, statement: WageStatementInput) -> ClaimEvent:
    """Record the claim's wage figures and the AWW (PIAWE in NSW) the calculator computes from them.

    The method must be one the claim's jurisdiction has (or ``agreed``). Every
    benefit already decided is decided again on the new figure, and a new
    ``benefit.rate_decided`` is recorded where the weekly rate changes (reason
    "wage statement of <date> changed the AWW"), with the arrears or overpayment on
    the periods already paid. ``actor=None`` is system work.

    Raises:
        PermissionDenied: the actor neither works the claim nor is the claim
            employer's coordinator or supervisor.
        ValidationFailed: a figure is missing or unusable (the field is named, e.g.
            ``lines[2].amount``), or a rate cannot be decided again on it.
    """
    if actor is not None:
        require(user_can_record_wages(actor, claim), "You may not record wage statements on this claim.")
    claim = claim_lock(claim)
    _check_statement(claim, statement)
    payload = _statement_payload(claim, statement)
    event = claim_event_record(
        actor=actor, claim=claim, kind=EventKind.WAGE_STATEMENT_RECORDED, payload=payload
    )
    label = "PIAWE" if claim.jurisdiction == "NSW" else "AWW"
    # A rate is decided by the claim's administrator: an employer's wage statement re-decides as the system.
    decider = actor if actor is not None and user_can_work_claim(actor, claim) else None
    benefits_redecide(
        claim=claim,
        actor=decider,
        reason=(
            f"wage statement of {_date_words(claim_today(claim))} changed the {label} (event #{event.seq})"
        ),
    )
    return event


# --- rate decisions --------------------------------------------------------------------


def _nsw_weeks_paid(periods: Sequence[PaidPeriod], before: dt.date | None = None) -> int:
    """Aggregate entitlement weeks paid (before ``before``, when given)."""
    if not periods:
        return 0
    first = min(p.first_day for p in periods)
    days = [d for p in periods for d in p.days() if before is None or d < before]
    return len(entitlement_weeks(first, days))


def _rate(claim: Claim, ask: _Ask, statement: WageStatement, refused: str) -> tuple[WeeklyBenefit, Decimal]:
    """The calculator's weekly rate for ``ask`` on ``statement``, and the basis it used."""
    code = claim.jurisdiction
    aww = statement.average_weekly_wage
    if code == "NSW":
        result = _calculate(
            lambda: weekly_benefit(
                "NSW",
                ask.benefit,
                injury_date=claim.injury_date,
                piawe=aww,
                entitlement_week=ask.entitlement_week,
                week_start=ask.week_start,
                current_earnings=ask.current_earnings,
                hours_worked=ask.hours_worked,
                wpi=ask.wpi,
            ),
            refused,
        )
        return result, aww
    if code == "CT":
        after_tax = statement.after_tax_aww
        if after_tax is None:
            message = (
                "Connecticut rates are 75% of the after-tax AWW: record it on the wage statement, from the "
                "Commission's benefit tables"
            )
            raise ValidationFailed(
                f"{refused} after_tax_aww: {message}", errors=[FieldError("after_tax_aww", message)]
            )
        result = _calculate(
            lambda: weekly_benefit(
                "CT",
                ask.benefit,
                injury_date=claim.injury_date,
                after_tax_aww=after_tax,
                aww=aww,
                current_earnings=ask.current_earnings,
            ),
            refused,
        )
        return result, after_tax
    result = _calculate(
        lambda: weekly_benefit(
            code, ask.benefit, injury_date=claim.injury_date, aww=aww, current_earnings=ask.current_earnings
        ),
        refused,
    )
    return result, aww


def _period_due(claim: Claim, period: PaidPeriod, rate: Decimal, refused: str) -> Decimal:
    """What ``period`` comes to at weekly ``rate``: the same days (CO, MN) or weeks (NSW).

    CO and MN periods are re-run as they were paid: an instalment of the same continuing
    disability, with the waiting period settled or not as it was then, so the same days are paid.
    """
    if claim.jurisdiction in WEEKLY_BANDS:
        weeks = period.weeks or (period.return_to_work - period.first_day).days // 7
        return rate * weeks
    result = _calculate(
        lambda: disability_period(
            claim.jurisdiction,
            weekly_rate=rate,
            first_day=period.first_day,
            return_to_work=period.return_to_work,
            injury_date=claim.injury_date,
            days_per_week=period.days_per_week,
            work_days=period.work_days or None,
            disability_start=period.disability_start,
            waiting_settled=period.waiting_settled,
        ),
        refused,
    )
    return result.amount


def _basis_step(claim: Claim, statement: WageStatement, ask: _Ask) -> list[str]:
    zone = ZoneInfo(JURISDICTIONS[claim.jurisdiction].time_zone)
    when = _date_words(statement.recorded_at.astimezone(zone).date())
    source = f"the wage statement of {when} (event #{statement.seq}, {statement.method} method)"
    aww = dollars(statement.average_weekly_wage)
    if claim.jurisdiction == "NSW":
        steps = [f"PIAWE {aww} from {source}; entitlement week {ask.entitlement_week}{ask.week_note}."]
        if ask.wpi_note:
            steps.append(ask.wpi_note)
    elif claim.jurisdiction == "CT":
        after_tax = dollars(statement.after_tax_aww) if statement.after_tax_aww is not None else "not given"
        steps = [f"After-tax average weekly wage {after_tax} (gross AWW {aww}) from {source}."]
    else:
        steps = [f"Average weekly wage {aww} from {source}."]
    computed_for = statement.payload.get("injury_date")
    if computed_for and computed_for != claim.injury_date.isoformat():
        steps.append(
            f"The wage statement was computed for an injury on {computed_for}; the injury date is now "
            f"{claim.injury_date.isoformat()}. Record a new wage statement if the earnings window changes."
        )
    return steps


def _decision_payload(
    claim: Claim, ask: _Ask, statement: WageStatement, *, reason: str, refused: str
) -> dict[str, Any]:
    """Decide ``ask`` on ``statement`` and compare it with every period it governs."""
    code = claim.jurisdiction
    decisions = rate_decisions(claim=claim, benefit=ask.benefit)
    periods = paid_periods(claim=claim, benefit=ask.benefit)
    if code in WEEKLY_BANDS:
        early = [p for p in periods if p.first_day < claim.injury_date]
        if early:
            raise ValidationFailed.for_field(
                "injury_date",
                f"weekly payments were made from {early[0].first_day.isoformat()}, before the injury date "
                f"{claim.injury_date.isoformat()}",
            )
    result, basis = _rate(claim, ask, statement, refused)
    rate = result.weekly_amount
    if code in WEEKLY_BANDS:
        week = ask.entitlement_week or 1
        effective_from = ask.week_start or claim.injury_date + WEEK * (week - 1)
    else:
        effective_from = claim.injury_date
    later = [
        d.effective_from for d in decisions_in_force(code, decisions) if d.effective_from > effective_from
    ]
    governed = governed_periods(code, periods, effective_from, min(later) if later else None)
    previous = decision_for_day(code, decisions, effective_from)
    lines: list[dict[str, Any]] = []
    paid = due_total = ZERO
    for period in governed:
        due = _period_due(claim, period, rate, refused)
        paid += period.amount
        due_total += due
        lines.append(
            {
                "period_seq": period.seq,
                "first_day": period.first_day,
                "return_to_work": period.return_to_work,
                "paid": period.amount,
                "due": due,
                "difference": due - period.amount,
            }
        )
    difference = due_total - paid
    explanation = [*_basis_step(claim, statement, ask), *result.explanation.steps]
    if not lines:
        explanation.append(
            f"No {ask.benefit} period at this rate has been paid yet: nothing is owed or overpaid."
        )
    else:
        count = f"{len(lines)} period{'s' if len(lines) != 1 else ''}"
        explanation.append(
            f"{count} already paid: {dollars(paid)}. At {dollars(rate)} a week the same days come to "
            f"{dollars(due_total)}: {difference_words(difference).lower()}."
        )
    return {
        "benefit": ask.benefit,
        "weekly_rate": rate,
        "basis": basis,
        "injury_date": claim.injury_date,
        "effective_from": effective_from,
        "wage_statement_seq": statement.seq,
        "previous_rate": previous.weekly_rate if previous is not None else None,
        "paid_to_date": paid,
        "due_at_new_rate": due_total,
        "difference": difference,
        "difference_periods": lines,
        "maximum": result.maximum,
        "minimum": result.minimum,
        "current_earnings": ask.current_earnings,
        "hours_worked": ask.hours_worked,
        "entitlement_week": ask.entitlement_week,
        "week_start": ask.week_start,
        "rules_version": result.explanation.rules_version,
        "explanation": explanation,
        "citations": result.explanation.citations_json(),
        "reason": reason.strip(),
    }


def _schedule_step_down(claim: Claim, actor: User | None) -> ClaimEvent | None:
    """NSW: record the start of entitlement week 14 as a step-down date, once, while it is ahead."""
    found = nsw_step_downs(
        injury_date=claim.injury_date,
        periods=paid_periods(claim=claim, benefit="weekly"),
        decisions=rate_decisions(claim=claim, benefit="weekly"),
    )
    if found is None:
        return None
    on = found.second_period_starts
    if on <= claim_today(claim) or on in scheduled_step_downs(claim=claim):
        return None
    first_weeks = int(benefit_parameters("NSW").figure("first_period_weeks", claim.injury_date).value)
    details = (
        f"Entitlement week {first_weeks + 1} starts {day(on)} ({found.weeks_paid} week"
        f"{'s' if found.weeks_paid != 1 else ''} paid, the rest projected as paid every week): the second "
        "entitlement period (s 32A), when the weekly payment steps down."
    )
    return claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.SCHEDULE_RECORDED,
        payload={"subject": ScheduleSubject.STEP_DOWN, "on": on, "details": details},
    )


def _record_decision(claim: Claim, actor: User | None, payload: dict[str, Any]) -> ClaimEvent:
    event = claim_event_record(actor=actor, claim=claim, kind=EventKind.BENEFIT_RATE_DECIDED, payload=payload)
    if claim.jurisdiction == "NSW":
        _schedule_step_down(claim, actor)
    return event


def _check_decision_inputs(
    claim: Claim,
    benefit: str,
    *,
    current_earnings: Decimal | None,
    hours_worked: Decimal | None,
    entitlement_week: int | None,
    week_start: dt.date | None,
    reason: str,
) -> None:
    _check_benefit(claim, benefit)
    errors = ErrorCollector()
    if claim.jurisdiction != "NSW":
        for name, value in (
            ("hours_worked", hours_worked),
            ("entitlement_week", entitlement_week),
            ("week_start", week_start),
        ):
            if value is not None:
                errors.add(name, "is used only for NSW weekly payments")
        if benefit == "TTD" and current_earnings is not None:
            errors.add("current_earnings", "is used only for TPD (temporary partial disability)")
    if len(reason.strip()) > 2000:
        errors.add("reason", "is longer than 2000 characters")
    errors.raise_if_any("The rate was not decided.")


@transaction.atomic
def benefit_rate_decide(
    *,
    actor: User | None,
    claim: Claim,
    benefit: str,
    current_earnings: Decimal | None = None,
    hours_worked: Decimal | None = None,
    entitlement_week: int | None = None,
    week_start: dt.date | None = None,
    reason: str = "",
    wpi: Decimal | None = None,
) -> ClaimEvent:
    """Decide the weekly rate of ``benefit`` from the latest wage statement; record ``benefit.rate_decided``.

    NSW: ``wpi`` (whole person impairment, %) decides weeks after 260 (s 39); when not given it is
    the claim's latest WPI rating (``physicians``), and the explanation says so.

    The rate is the calculator's (Connecticut on the statement's after-tax AWW; NSW
    on the PIAWE for ``entitlement_week``, by default 1 + the entitlement weeks
    already paid, starting ``week_start``, by default the day after the last paid
    period). Every period of the benefit the rate governs is re-run at it (the same
    days through the disability-period calculator; NSW whole weeks × the rate): the
    decision records what was paid, what is due and the difference (positive:
    arrears owed to the worker; negative: overpaid). NSW: the step-down date is
    scheduled on the log when it is ahead and not yet scheduled, so the diary gets
    the notice due 15 business days before it.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: no wage statement (``wage_statement``), an unusable input
            (named), or no sourced figure for the date (``injury_date``; NSW's
            maximum by payment week: ``week_start``).
    """
    if actor is not None:
        require(user_can_work_claim(actor, claim), "Only the claim's administrator may decide benefit rates.")
    claim = claim_lock(claim)
    _check_decision_inputs(
        claim,
        benefit,
        current_earnings=current_earnings,
        hours_worked=hours_worked,
        entitlement_week=entitlement_week,
        week_start=week_start,
        reason=reason,
    )
    wpi, wpi_note = _wpi(claim, wpi)
    statement = wage_statement_latest(claim=claim)
    if statement is None:
        raise ValidationFailed.for_field("wage_statement", "record a wage statement before deciding a rate")
    week_note = ""
    if claim.jurisdiction == "NSW":
        periods = paid_periods(claim=claim, benefit=benefit)
        paid_weeks = _nsw_weeks_paid(periods)
        if entitlement_week is None:
            entitlement_week = paid_weeks + 1
            week_note = f" (1 + {paid_weeks} entitlement week{'s' if paid_weeks != 1 else ''} paid)"
            if week_start is None and periods:
                week_start = max(p.return_to_work for p in periods)
    ask = _Ask(
        benefit, current_earnings, hours_worked, entitlement_week, week_start, week_note, wpi, wpi_note
    )
    refused = "The rate was not decided."
    payload = _decision_payload(claim, ask, statement, reason=reason, refused=refused)
    return _record_decision(claim, actor, payload)


@transaction.atomic
def benefits_redecide(*, claim: Claim, reason: str, actor: User | None = None) -> list[ClaimEvent]:
    """Decide every decided benefit again on the latest wage statement and the claim's current facts.

    Each decision in force is re-run with its own inputs (current earnings, hours,
    entitlement week and its start); a new decision is recorded only where the
    weekly rate changes. Called after a wage statement and when the injury date is
    corrected; the caller has checked the actor's rights.

    Raises:
        ValidationFailed: a rate cannot be decided on the new facts (the whole
            request that caused it is refused).
    """
    claim = claim_lock(claim)
    statement = wage_statement_latest(claim=claim)
    if statement is None:
        return []
    code = claim.jurisdiction
    recorded = []
    for benefit in BENEFITS.get(code, ()):
        for decision in decisions_in_force(code, rate_decisions(claim=claim, benefit=benefit)):
            week_start = None
            if code in WEEKLY_BANDS and decision.effective_from >= claim.injury_date:
                week_start = decision.effective_from
            wpi, wpi_note = _wpi(claim, None)
            ask = _Ask(
                benefit,
                decision.current_earnings,
                decision.hours_worked,
                decision.entitlement_week,
                week_start,
                wpi=wpi,
                wpi_note=wpi_note,
            )
            refused = f"The {benefit} rate decided in event #{decision.seq} cannot be decided again:"
            payload = _decision_payload(claim, ask, statement, reason=reason, refused=refused)
            if payload["weekly_rate"] != decision.weekly_rate:
                recorded.append(_record_decision(claim, actor, payload))
    return recorded


# --- paid periods ----------------------------------------------------------------------


def _nsw_band(week: int, first_weeks: int, last_second: int) -> int:
    return 1 if week <= first_weeks else 2 if week <= last_second else 3


_BAND_NAMES = {1: "first entitlement period", 2: "second entitlement period", 3: "period after week 130"}


def _nsw_period(
    claim: Claim,
    decision: RateDecision,
    periods: Sequence[PaidPeriod],
    first_day: dt.date,
    return_to_work: dt.date,
) -> dict[str, Any]:
    length = (return_to_work - first_day).days
    if length % 7:
        raise ValidationFailed.for_field(
            "return_to_work",
            f"NSW weekly payments are recorded in whole entitlement weeks; {length} days is not a whole "
            "number of weeks",
        )
    if periods:
        start = min(p.first_day for p in periods)
        if (first_day - start).days % 7:
            raise ValidationFailed.for_field(
                "first_day",
                f"entitlement weeks run from the first paid day ({day(start)}), so a period starts on a "
                f"{start:%A}",
            )
    weeks = length // 7
    first_no = _nsw_weeks_paid(periods, before=first_day) + 1
    last_no = first_no + weeks - 1
    params = benefit_parameters("NSW")
    first_weeks = int(params.figure("first_period_weeks", claim.injury_date).value)
    last_second = int(params.figure("second_period_last_week", claim.injury_date).value)
    decided_week = decision.entitlement_week or 1
    decided_band = _nsw_band(decided_week, first_weeks, last_second)
    first_band = _nsw_band(first_no, first_weeks, last_second)
    if first_band != decided_band:
        raise ValidationFailed.for_field(
            "first_day",
            f"the rate in force (event #{decision.seq}) was decided for entitlement week {decided_week}, in "
            f"the {_BAND_NAMES[decided_band]}; this period starts with week {first_no}, in the "
            f"{_BAND_NAMES[first_band]}: decide the rate for week {first_no} first",
        )
    if _nsw_band(last_no, first_weeks, last_second) != first_band:
        boundary = first_weeks if first_band == 1 else last_second
        raise ValidationFailed.for_field(
            "return_to_work",
            f"the period runs from entitlement week {first_no} to {last_no}, past week {boundary} where the "
            f"{_BAND_NAMES[first_band]} ends; record it up to week {boundary} and decide the next rate",
        )
    rate = decision.weekly_rate
    amount = rate * weeks
    last_day = return_to_work - dt.timedelta(days=1)
    plural = "s" if weeks != 1 else ""
    numbers = f"{first_no}" if weeks == 1 else f"{first_no}–{last_no}"
    return {
        "days_per_week": None,
        "work_days": [],
        "weeks": weeks,
        "amount": amount,
        "waiting_days": [],
        "waiting_paid_back": False,
        "compensable_days": length,
        "rules_version": params.rules_version,
        "explanation": [
            f"{weeks} entitlement week{plural} (week{plural} {numbers}) from {day(first_day)} to "
            f"{day(last_day)} at {dollars(rate)} a week (rate decided in event #{decision.seq}) = "
            f"{dollars(amount)}."
        ],
    }


@transaction.atomic
def benefit_period_record(
    *,
    actor: User | None,
    claim: Claim,
    benefit: str,
    first_day: dt.date,
    return_to_work: dt.date,
    days_per_week: int | None = None,
    work_days: Sequence[int] | None = None,
) -> ClaimEvent:
    """Record a period of ``benefit`` paid at the rate in force: days ``first_day`` … ``return_to_work`` − 1.

    Colorado and Minnesota: the disability-period calculator gives the waiting days,
    the days paid and the amount (Minnesota's days worked a week default to the
    claim's employment record). Periods of the benefit already paid that run back to
    back into this one (each ``return_to_work`` the next ``first_day``) are one
    continuing disability: the waiting period is counted from the first of them, and
    when the disability reaches the payback day in this period the waiting days not
    yet paid are paid back in it (never twice). NSW: whole entitlement weeks counted from the first
    paid day, each at the weekly rate; a period may not run into the next
    entitlement period (decide its rate first). Connecticut periods cannot be
    computed (no sourced waiting period or daily rate).

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: an unusable date or schedule (named), or no rate decided.
        Conflict: a day of the period was already paid for this benefit.
    """
    if actor is not None:
        require(
            user_can_work_claim(actor, claim), "Only the claim's administrator may record benefit payments."
        )
    claim = claim_lock(claim)
    _check_benefit(claim, benefit)
    code = claim.jurisdiction
    errors = ErrorCollector()
    for name, value in (("first_day", first_day), ("return_to_work", return_to_work)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            errors.add(name, "must be a date (YYYY-MM-DD)")
    errors.raise_if_any("The period was not recorded.")
    if return_to_work <= first_day:
        errors.add("return_to_work", "must be after the first day (it is the first day back at work)")
    if first_day < claim.injury_date:
        errors.add("first_day", f"is before the injury date ({claim.injury_date.isoformat()})")
    if first_day > claim_today(claim):
        errors.add("first_day", "is in the future")
    if code == "NSW":
        if days_per_week is not None:
            errors.add("days_per_week", "NSW weekly payments are paid by entitlement week, not by day")
        if work_days is not None:
            errors.add("work_days", "NSW weekly payments are paid by entitlement week, not by day")
    errors.raise_if_any("The period was not recorded.")
    decision = decision_for_day(code, rate_decisions(claim=claim, benefit=benefit), first_day)
    if decision is None:
        raise ValidationFailed.for_field(
            "benefit",
            f"no {benefit} rate is decided for a period from {first_day.isoformat()}; decide the rate first",
        )
    periods = paid_periods(claim=claim, benefit=benefit)
    clash = next((p for p in periods if p.overlaps(first_day, return_to_work)), None)
    if clash is not None:
        message = (
            f"{benefit} was already paid for {clash.first_day.isoformat()} to {clash.last_day.isoformat()} "
            f"(event #{clash.seq}); a day is never paid twice"
        )
        raise Conflict(f"The period was not recorded: {message}.", errors=[FieldError("first_day", message)])
    later = next((p for p in periods if p.first_day == return_to_work), None)
    if later is not None and code != "NSW":
        message = (
            f"the {benefit} period from {later.first_day.isoformat()} (event #{later.seq}) continues this "
            "disability and was already worked out without it; record the periods of a continuing "
            "disability in order"
        )
        raise Conflict(
            f"The period was not recorded: {message}.", errors=[FieldError("return_to_work", message)]
        )
    refused = "The period was not recorded."
    if code == "NSW":
        computed = _nsw_period(claim, decision, periods, first_day, return_to_work)
    else:
        if days_per_week is None and work_days is None:
            days_per_week = usual_days_per_week(claim)
        chain = continuing_periods(periods, first_day)
        disability_start = chain[0].first_day if chain else first_day
        waiting_settled = any(p.waiting_paid_back for p in chain)
        result = _calculate(
            lambda: disability_period(
                code,
                weekly_rate=decision.weekly_rate,
                first_day=first_day,
                return_to_work=return_to_work,
                injury_date=claim.injury_date,
                days_per_week=days_per_week,
                work_days=work_days,
                disability_start=disability_start,
                waiting_settled=waiting_settled,
            ),
            refused,
        )
        computed = {
            "days_per_week": result.days_per_week,
            "work_days": list(result.work_days),
            "weeks": None,
            "amount": result.amount,
            "waiting_days": list(result.waiting_days),
            "waiting_paid_back": result.waiting_paid_back,
            "compensable_days": len(result.compensable_days),
            "rules_version": result.explanation.rules_version,
            "explanation": list(result.explanation.steps),
            "disability_start": result.disability_start,
            "waiting_settled": result.waiting_settled,
        }
    payload = {
        "benefit": benefit,
        "first_day": first_day,
        "return_to_work": return_to_work,
        "weekly_rate": decision.weekly_rate,
        "rate_seq": decision.seq,
        **computed,
    }
    return claim_event_record(actor=actor, claim=claim, kind=EventKind.BENEFIT_PERIOD_PAID, payload=payload)
