"""Reads of the benefits context: wage statements, rate decisions and paid periods of a claim.

Everything here is read from the claim's event log (``wage.statement_recorded``,
``benefit.rate_decided``, ``benefit.period_paid``); there is no table of its own.
Money comes back as ``Decimal``. The caller has already checked that the user may
see the claim (``claims.access.claim_get_for_user``).

Which decision governs a paid period: in Colorado, Minnesota and Connecticut a
weekly rate is one figure for the injury, so the latest decision of a benefit
governs every period of it. In NSW the rate depends on the entitlement week, so
a decision governs the days from its ``effective_from`` (the start of the
entitlement week it was decided for) up to the next decision in force; the latest
decision for each ``effective_from`` is the one in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from opencomp.benefits.calculators.aww import METHODS
from opencomp.benefits.calculators.nsw_weeks import StepDowns, step_downs
from opencomp.benefits.calculators.types import InputError, MissingFigure, dollars
from opencomp.benefits.calculators.weekly import BENEFITS
from opencomp.claims.enums import EventKind, ScheduleSubject
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.jurisdictions.benefit_params import benefit_parameters
from opencomp.physicians.enums import RatingKind
from opencomp.physicians.selectors import impairment_default

ZERO = Decimal("0.00")

#: What the weekly rate is a share of, by jurisdiction (for labels).
BASIS_LABELS: dict[str, str] = {"CO": "AWW", "MN": "AWW", "CT": "after-tax AWW", "NSW": "PIAWE"}
#: Wage statement methods by jurisdiction: the calculator's, and an AWW agreed or ordered.
WAGE_METHODS: dict[str, tuple[str, ...]] = {code: (*methods, "agreed") for code, methods in METHODS.items()}
#: Jurisdictions whose rates are decided by entitlement week (a decision per week band).
WEEKLY_BANDS = frozenset({"NSW"})


def _money(value: Any) -> Decimal:
    return Decimal(str(value))


def _money_or_none(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _date_or_none(value: Any) -> dt.date | None:
    return None if value is None else _date(value)


def _actor_name(event: ClaimEvent) -> str:
    return str(event.actor) if event.actor is not None else "OpenComp"


def difference_words(amount: Decimal) -> str:
    """``Arrears of $123.45 owed to the worker``, ``Overpaid by $123.45`` or ``No difference``."""
    if amount > 0:
        return f"Arrears of {dollars(amount)} owed to the worker"
    if amount < 0:
        return f"Overpaid by {dollars(-amount)}"
    return "No difference"


@dataclass(frozen=True)
class WageStatement:
    """One ``wage.statement_recorded`` event."""

    seq: int
    recorded_at: dt.datetime
    actor_name: str
    method: str
    average_weekly_wage: Decimal
    after_tax_aww: Decimal | None
    payload: dict[str, Any]

    @classmethod
    def from_event(cls, event: ClaimEvent) -> WageStatement:
        p = event.payload
        return cls(
            seq=event.seq,
            recorded_at=event.recorded_at,
            actor_name=_actor_name(event),
            method=p["method"],
            average_weekly_wage=_money(p["average_weekly_wage"]),
            after_tax_aww=_money_or_none(p.get("after_tax_aww")),
            payload=p,
        )


@dataclass(frozen=True)
class DifferenceLine:
    """One paid period re-run at a decision's rate."""

    period_seq: int
    first_day: dt.date
    return_to_work: dt.date
    paid: Decimal
    due: Decimal
    difference: Decimal


@dataclass(frozen=True)
class RateDecision:
    """One ``benefit.rate_decided`` event."""

    seq: int
    recorded_at: dt.datetime
    actor_name: str
    benefit: str
    weekly_rate: Decimal
    basis: Decimal
    injury_date: dt.date
    effective_from: dt.date
    wage_statement_seq: int
    previous_rate: Decimal | None
    paid_to_date: Decimal
    due_at_new_rate: Decimal
    difference: Decimal
    difference_periods: tuple[DifferenceLine, ...]
    maximum: Decimal | None
    minimum: Decimal | None
    current_earnings: Decimal | None
    hours_worked: Decimal | None
    entitlement_week: int | None
    week_start: dt.date | None
    reason: str
    rules_version: str
    explanation: tuple[str, ...]
    citations: tuple[dict[str, Any], ...]
    payload: dict[str, Any]

    @property
    def difference_words(self) -> str:
        return difference_words(self.difference)

    @classmethod
    def from_event(cls, event: ClaimEvent) -> RateDecision:
        p = event.payload
        return cls(
            seq=event.seq,
            recorded_at=event.recorded_at,
            actor_name=_actor_name(event),
            benefit=p["benefit"],
            weekly_rate=_money(p["weekly_rate"]),
            basis=_money(p["basis"]),
            injury_date=_date(p["injury_date"]),
            effective_from=_date(p["effective_from"]),
            wage_statement_seq=int(p["wage_statement_seq"]),
            previous_rate=_money_or_none(p.get("previous_rate")),
            paid_to_date=_money(p["paid_to_date"]),
            due_at_new_rate=_money(p["due_at_new_rate"]),
            difference=_money(p["difference"]),
            difference_periods=tuple(
                DifferenceLine(
                    period_seq=int(d["period_seq"]),
                    first_day=_date(d["first_day"]),
                    return_to_work=_date(d["return_to_work"]),
                    paid=_money(d["paid"]),
                    due=_money(d["due"]),
                    difference=_money(d["difference"]),
                )
                for d in p.get("difference_periods", [])
            ),
            maximum=_money_or_none(p.get("maximum")),
            minimum=_money_or_none(p.get("minimum")),
            current_earnings=_money_or_none(p.get("current_earnings")),
            hours_worked=_money_or_none(p.get("hours_worked")),
            entitlement_week=p.get("entitlement_week"),
            week_start=_date_or_none(p.get("week_start")),
            reason=p.get("reason", ""),
            rules_version=p["rules_version"],
            explanation=tuple(p.get("explanation", [])),
            citations=tuple(p.get("citations", [])),
            payload=p,
        )


@dataclass(frozen=True)
class PaidPeriod:
    """One ``benefit.period_paid`` event: days ``first_day`` … ``return_to_work`` − 1."""

    seq: int
    recorded_at: dt.datetime
    actor_name: str
    benefit: str
    first_day: dt.date
    return_to_work: dt.date
    weekly_rate: Decimal
    rate_seq: int
    days_per_week: int | None
    work_days: tuple[int, ...]
    weeks: int | None
    amount: Decimal
    waiting_days: tuple[dt.date, ...]
    waiting_paid_back: bool
    compensable_days: int
    rules_version: str
    explanation: tuple[str, ...]
    payload: dict[str, Any]
    #: First day of the continuing disability the period is an instalment of (``None``: ``first_day``).
    disability_start: dt.date | None = None
    #: An earlier instalment of the disability had already paid the waiting period back.
    waiting_settled: bool = False

    def __post_init__(self) -> None:
        if self.disability_start is None:
            object.__setattr__(self, "disability_start", self.first_day)

    @property
    def last_day(self) -> dt.date:
        return self.return_to_work - dt.timedelta(days=1)

    def days(self) -> list[dt.date]:
        """Every calendar day of the period."""
        return [
            self.first_day + dt.timedelta(days=i) for i in range((self.return_to_work - self.first_day).days)
        ]

    def overlaps(self, first_day: dt.date, return_to_work: dt.date) -> bool:
        return first_day < self.return_to_work and self.first_day < return_to_work

    @classmethod
    def from_event(cls, event: ClaimEvent) -> PaidPeriod:
        p = event.payload
        return cls(
            seq=event.seq,
            recorded_at=event.recorded_at,
            actor_name=_actor_name(event),
            benefit=p["benefit"],
            first_day=_date(p["first_day"]),
            return_to_work=_date(p["return_to_work"]),
            weekly_rate=_money(p["weekly_rate"]),
            rate_seq=int(p["rate_seq"]),
            days_per_week=p.get("days_per_week"),
            work_days=tuple(p.get("work_days", [])),
            weeks=p.get("weeks"),
            amount=_money(p["amount"]),
            waiting_days=tuple(_date(d) for d in p.get("waiting_days", [])),
            waiting_paid_back=bool(p.get("waiting_paid_back", False)),
            compensable_days=int(p["compensable_days"]),
            rules_version=p["rules_version"],
            explanation=tuple(p.get("explanation", [])),
            payload=p,
            disability_start=_date(p.get("disability_start") or p["first_day"]),
            waiting_settled=bool(p.get("waiting_settled", False)),
        )


@dataclass(frozen=True)
class BenefitPosition:
    """Where one benefit of the claim stands."""

    benefit: str
    current: RateDecision | None  # the decision in force latest in time
    in_force: tuple[RateDecision, ...]  # by effective_from (one, outside NSW)
    history: tuple[RateDecision, ...]  # latest first
    periods: tuple[PaidPeriod, ...]  # by first day
    total_paid: Decimal


@dataclass(frozen=True)
class StepDownDates:
    """NSW: the aggregate entitlement weeks paid and the dates the weekly payment changes."""

    first_incapacity: dt.date
    weeks_paid: int
    second_period_starts: dt.date
    after_130_starts: dt.date
    s39_ends_after: dt.date
    scheduled: tuple[dt.date, ...]  # step-down dates recorded on the log (``schedule.recorded``)
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class BenefitSummary:
    """Everything the benefits page and ``GET /claims/{number}/benefits`` show."""

    claim_number: str
    jurisdiction: str
    injury_date: dt.date
    basis_label: str
    benefits_available: tuple[str, ...]
    wage_methods: tuple[str, ...]
    wage_statement: WageStatement | None
    wage_statements: tuple[WageStatement, ...]  # latest first
    average_weekly_wage: Decimal | None
    benefits: tuple[BenefitPosition, ...]  # one per benefit of the jurisdiction
    step_downs: StepDownDates | None

    def benefit(self, name: str) -> BenefitPosition | None:
        return next((b for b in self.benefits if b.benefit == name), None)

    @property
    def decided(self) -> tuple[BenefitPosition, ...]:
        return tuple(b for b in self.benefits if b.current is not None)


# --- readers ---------------------------------------------------------------------------


def _events(claim: Claim, kind: str) -> list[ClaimEvent]:
    return list(ClaimEvent.objects.filter(claim=claim, kind=kind).select_related("actor").order_by("seq"))


def wage_statements(*, claim: Claim) -> list[WageStatement]:
    """The claim's wage statements, oldest first."""
    return [WageStatement.from_event(e) for e in _events(claim, EventKind.WAGE_STATEMENT_RECORDED)]


def wage_statement_latest(*, claim: Claim) -> WageStatement | None:
    """The wage statement rates are decided on: the latest recorded."""
    event = (
        ClaimEvent.objects.filter(claim=claim, kind=EventKind.WAGE_STATEMENT_RECORDED)
        .select_related("actor")
        .order_by("-seq")
        .first()
    )
    return None if event is None else WageStatement.from_event(event)


def rate_decisions(*, claim: Claim, benefit: str | None = None) -> list[RateDecision]:
    """The claim's rate decisions (of ``benefit``, or all), oldest first."""
    decisions = [RateDecision.from_event(e) for e in _events(claim, EventKind.BENEFIT_RATE_DECIDED)]
    return [d for d in decisions if benefit is None or d.benefit == benefit]


def paid_periods(*, claim: Claim, benefit: str | None = None) -> list[PaidPeriod]:
    """The claim's paid periods (of ``benefit``, or all), by first day."""
    periods = [PaidPeriod.from_event(e) for e in _events(claim, EventKind.BENEFIT_PERIOD_PAID)]
    chosen = [p for p in periods if benefit is None or p.benefit == benefit]
    return sorted(chosen, key=lambda p: (p.first_day, p.seq))


def continuing_periods(periods: Sequence[PaidPeriod], first_day: dt.date) -> list[PaidPeriod]:
    """The paid periods running back to back into a period from ``first_day``, earliest first.

    Each ends the day before the next begins (its ``return_to_work`` is the next one's
    ``first_day``): one continuing disability paid in instalments.
    """
    ending = {p.return_to_work: p for p in periods}
    chain: list[PaidPeriod] = []
    start = first_day
    while (previous := ending.get(start)) is not None:
        chain.insert(0, previous)
        start = previous.first_day
    return chain


def usual_days_per_week(claim: Claim) -> int | None:
    """Minnesota: the scheduled workdays a week of the claim's employment record (a whole 1-7), or None."""
    if claim.jurisdiction == "MN" and claim.employment is not None:
        usual = claim.employment.days_per_week
        if usual == usual.to_integral_value() and 1 <= usual <= 7:
            return int(usual)
    return None


def decisions_in_force(jurisdiction: str, decisions: Sequence[RateDecision]) -> list[RateDecision]:
    """The decisions of one benefit that govern its periods, by ``effective_from``.

    Outside NSW: the latest decision alone. NSW: the latest decision for each
    ``effective_from`` (the entitlement week it was decided for).
    """
    if not decisions:
        return []
    if jurisdiction not in WEEKLY_BANDS:
        return [max(decisions, key=lambda d: d.seq)]
    latest: dict[dt.date, RateDecision] = {}
    for d in sorted(decisions, key=lambda d: d.seq):
        latest[d.effective_from] = d
    return [latest[k] for k in sorted(latest)]


def decision_for_day(
    jurisdiction: str, decisions: Sequence[RateDecision], day: dt.date
) -> RateDecision | None:
    """The decision in force that governs a period starting on ``day``."""
    in_force = decisions_in_force(jurisdiction, decisions)
    if jurisdiction not in WEEKLY_BANDS:
        return in_force[0] if in_force else None
    governing = [d for d in in_force if d.effective_from <= day]
    return governing[-1] if governing else None


def governed_periods(
    jurisdiction: str, periods: Sequence[PaidPeriod], effective_from: dt.date, next_from: dt.date | None
) -> list[PaidPeriod]:
    """The paid periods a decision effective from ``effective_from`` governs."""
    if jurisdiction not in WEEKLY_BANDS:
        return list(periods)
    return [
        p for p in periods if p.first_day >= effective_from and (next_from is None or p.first_day < next_from)
    ]


def scheduled_step_downs(*, claim: Claim) -> list[dt.date]:
    """Step-down dates recorded on the claim's log."""
    events = _events(claim, EventKind.SCHEDULE_RECORDED)
    return sorted(
        _date(e.payload["on"]) for e in events if e.payload.get("subject") == ScheduleSubject.STEP_DOWN
    )


def nsw_step_downs(
    *, injury_date: dt.date, periods: Sequence[PaidPeriod], decisions: Sequence[RateDecision]
) -> StepDowns | None:
    """NSW: the step-down dates from the weeks paid so far (``None`` before any decision or payment).

    The first day of incapacity is taken as the first day paid or, before any
    payment, the start of the earliest entitlement week a rate was decided for.
    """
    starts = [p.first_day for p in periods] or [
        d.effective_from for d in decisions_in_force("NSW", decisions)
    ]
    if not starts:
        return None
    paid_days = [day for p in periods for day in p.days()]
    try:
        return step_downs(injury_date=injury_date, first_incapacity=min(starts), paid_days=paid_days)
    except (InputError, MissingFigure):
        return None


def benefit_summary(*, claim: Claim) -> BenefitSummary:
    """The claim's wage statement, AWW/PIAWE, rates decided, their history and the periods paid."""
    code = claim.jurisdiction
    statements = wage_statements(claim=claim)
    latest = statements[-1] if statements else None
    decisions = rate_decisions(claim=claim)
    periods = paid_periods(claim=claim)
    positions = []
    for name in BENEFITS.get(code, ()):
        mine = [d for d in decisions if d.benefit == name]
        paid = [p for p in periods if p.benefit == name]
        in_force = decisions_in_force(code, mine)
        positions.append(
            BenefitPosition(
                benefit=name,
                current=in_force[-1] if in_force else None,
                in_force=tuple(in_force),
                history=tuple(sorted(mine, key=lambda d: -d.seq)),
                periods=tuple(paid),
                total_paid=sum((p.amount for p in paid), ZERO),
            )
        )
    step_down_dates = None
    if code == "NSW":
        found = nsw_step_downs(
            injury_date=claim.injury_date,
            periods=[p for p in periods if p.benefit == "weekly"],
            decisions=[d for d in decisions if d.benefit == "weekly"],
        )
        if found is not None:
            step_down_dates = StepDownDates(
                first_incapacity=found.first_incapacity,
                weeks_paid=found.weeks_paid,
                second_period_starts=found.second_period_starts,
                after_130_starts=found.after_130_starts,
                s39_ends_after=found.s39_ends_after,
                scheduled=tuple(scheduled_step_downs(claim=claim)),
                explanation=found.explanation.steps,
            )
    return BenefitSummary(
        claim_number=claim.number,
        jurisdiction=code,
        injury_date=claim.injury_date,
        basis_label=BASIS_LABELS.get(code, "AWW"),
        benefits_available=BENEFITS.get(code, ()),
        wage_methods=WAGE_METHODS.get(code, ("agreed",)),
        wage_statement=latest,
        wage_statements=tuple(reversed(statements)),
        average_weekly_wage=latest.average_weekly_wage if latest else None,
        benefits=tuple(positions),
        step_downs=step_down_dates,
    )


# --- Colorado's combined cap (C.R.S. 8-42-107.5) ---------------------------------------------

#: The impairment rating at or under which the lower combined cap applies (8-42-107.5: "19% or less").
CO_CAP_RATING_THRESHOLD = Decimal("19")


@dataclass(frozen=True)
class CombinedCap:
    """Colorado's combined TTD/TPD/PPD cap for a claim: which one applies, why, and its source.

    ``amount`` is ``None`` when no rating is known (the cap depends on it) or when the benefit
    parameters hold no sourced figure for the injury date; ``explanation`` says which.
    """

    rating: Decimal | None
    rating_source: str
    parameter: str
    amount: Decimal | None
    citation: str
    explanation: str


def co_combined_cap(*, claim: Claim, rating: Decimal | None = None) -> CombinedCap | None:
    """The combined cap of a Colorado claim (``None`` elsewhere).

    ``rating`` (%) defaults to the claim's latest PPD rating (``physicians``), and the result says
    "from the impairment rating of <date>". 19% or less: ``combined_cap_rating_19_or_less``; over
    19%: ``combined_cap_rating_over_19`` (benefit parameters, keyed by injury date).
    """
    if claim.jurisdiction != "CO":
        return None
    if rating is not None:
        source = "as given"
    else:
        found = impairment_default(claim, kind=RatingKind.PPD)
        if found is None:
            return CombinedCap(
                None,
                "",
                "",
                None,
                "",
                "No impairment rating recorded: the combined cap (C.R.S. 8-42-107.5) depends on it.",
            )
        rating, source = found.percent, found.source
    name = (
        "combined_cap_rating_19_or_less"
        if rating <= CO_CAP_RATING_THRESHOLD
        else "combined_cap_rating_over_19"
    )
    band = "19% or less" if rating <= CO_CAP_RATING_THRESHOLD else "over 19%"
    shown = f"{rating.normalize():f}%"
    try:
        fig = benefit_parameters("CO").figure(name, claim.injury_date)
    except MissingFigure:
        return CombinedCap(
            rating,
            source,
            name,
            None,
            "",
            f"Rating {shown} {source} ({band}): no sourced combined cap is held for an injury on "
            f"{claim.injury_date.isoformat()} (C.R.S. 8-42-107.5 figures are indexed each July 1; only some "
            "years are held).",
        )
    return CombinedCap(
        rating,
        source,
        name,
        fig.value,
        fig.source.citation,
        f"Rating {shown} {source} ({band}): combined cap {fig.text} for an injury on "
        f"{claim.injury_date.isoformat()}.",
    )
