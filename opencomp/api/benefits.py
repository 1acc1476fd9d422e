"""Benefits: the calculators, and a claim's wage statements, benefit rates and paid periods.

The calculators (``POST /calc/...``) are pure: they look nothing up and write nothing,
and answer every step of the arithmetic with its citation. Any staff role may use them;
workers and providers may not (403). A calculator's refusal of an input is a 400 naming
the input, as any other validation error; a date for which the rule pack holds no
sourced figure is a 400 naming the date, with the figure that is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.benefits.access import user_can_use_calculators, user_can_view_benefits
from opencomp.benefits.calculators.aww import KINDS, METHODS, WageLine, average_weekly_wage
from opencomp.benefits.calculators.period import disability_period
from opencomp.benefits.calculators.weekly import BENEFITS, weekly_benefit
from opencomp.benefits.errors import calculator_errors, dotted
from opencomp.benefits.selectors import (
    WAGE_METHODS,
    BenefitSummary,
    PaidPeriod,
    RateDecision,
    WageStatement,
    benefit_summary,
    rate_decisions,
)
from opencomp.benefits.services import (
    WageStatementInput,
    benefit_period_record,
    benefit_rate_decide,
    wage_statement_record,
)
from opencomp.claims.access import claim_get_for_user, require
from opencomp.claims.models import Claim
from opencomp.core.errors import ApplicationError, FieldError

router = Router(tags=["Benefits"])

if TYPE_CHECKING:
    BenefitJurisdiction = str
    BenefitName = str
    AwwMethod = str
    EarningsKind = str
else:
    BenefitJurisdiction = Literal[tuple(BENEFITS)]
    BenefitName = Literal[tuple(dict.fromkeys(b for names in BENEFITS.values() for b in names))]
    AwwMethod = Literal[tuple(dict.fromkeys(m for names in METHODS.values() for m in names))]
    EarningsKind = Literal[KINDS]

MONEY = 'An amount as a decimal string with at most two places ("1939.88").'

# --- who may calculate ---------------------------------------------------------------------------


def _require_calculators(request: HttpRequest) -> None:
    require(user_can_use_calculators(user_of(request)), "Your role does not use the benefit calculators.")


# --- errors --------------------------------------------------------------------------------------


@contextmanager
def dotted_fields() -> Iterator[None]:
    """A service's field errors with the API's dotted paths (``lines[2].amount`` → ``lines.2.amount``)."""
    try:
        yield
    except ApplicationError as exc:
        if not any("[" in e.field for e in exc.errors):
            raise
        message = exc.message
        for e in exc.errors:
            message = message.replace(e.field, dotted(e.field))
        errors = [FieldError(dotted(e.field), e.message) for e in exc.errors]
        raise type(exc)(message, errors=errors) from exc


# --- schemas -------------------------------------------------------------------------------------


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CitationOut(BaseModel):
    citation: str
    url: str
    grade: str = Field(
        description="R statute or regulator text, S secondary quoting a regulator, D derived, P program."
    )


class WeeklyBenefitIn(_In):
    jurisdiction: BenefitJurisdiction
    benefit: BenefitName = Field(description="CO, MN, CT: `TTD` or `TPD`; NSW: `weekly`.")
    injury_date: dt.date = Field(description="Keys the US maxima and minima.")
    aww: Decimal | None = Field(None, description=f"Average weekly wage (CO, MN; CT gross). {MONEY}")
    current_earnings: Decimal | None = Field(
        None, description=f"Earnings a week while partially disabled (TPD; NSW CWE). {MONEY}"
    )
    after_tax_aww: Decimal | None = Field(None, description=f"CT: the after-tax average weekly wage. {MONEY}")
    piawe: Decimal | None = Field(None, description=f"NSW: pre-injury average weekly earnings. {MONEY}")
    piawe_as_at: dt.date | None = Field(None, description="NSW: the date the PIAWE is at (the injury date).")
    entitlement_week: int | None = Field(None, ge=1, description="NSW: the week of entitlement, from 1.")
    hours_worked: Decimal | None = Field(None, description="NSW: hours worked a week (after week 13).")
    week_start: dt.date | None = Field(
        None, description="NSW: the first day of the week paid (keys the maximum and indexation)."
    )
    after_130_eligible: bool = Field(False, description="NSW: a work capacity decision allows weeks 131+.")
    wpi: Decimal | None = Field(None, description="NSW: whole person impairment, percent.")


class WeeklyBenefitOut(BaseModel):
    jurisdiction: str
    benefit: str
    injury_date: dt.date
    inputs: dict[str, str] = Field(description="The inputs the result used, as text.")
    weekly_amount: str = Field(description=f"The weekly benefit. {MONEY}")
    maximum: str | None = Field(description="The maximum that applied, if any.")
    minimum: str | None = Field(description="The minimum that applied, if any.")
    explanation: list[str] = Field(
        description="Every step of the arithmetic in words, with the figures used."
    )
    citations: list[CitationOut] = Field(description="The source of every statutory figure and method used.")
    rules_version: str = Field(description="The version of the benefit parameters the result used.")


class DisabilityPeriodIn(_In):
    jurisdiction: BenefitJurisdiction = Field(
        description="CO or MN (CT and NSW have no day-by-day rule here)."
    )
    weekly_rate: Decimal = Field(description=f"The weekly benefit rate. {MONEY}")
    first_day: dt.date = Field(description="The first day of disability (the day the worker left work).")
    return_to_work: dt.date = Field(
        description="The first day back at work (the period ends the day before)."
    )
    injury_date: dt.date | None = Field(None, description="Keys the figures; defaults to `first_day`.")
    days_per_week: int | None = Field(None, ge=1, le=7, description="MN: days worked a week (default 5).")
    work_days: list[int] | None = Field(
        None, description="MN: the ISO weekdays worked (1 = Monday … 7 = Sunday); default Monday to Friday."
    )
    disability_start: dt.date | None = Field(
        None,
        description="The first day of a continuing disability this period continues (an earlier instalment "
        "ran back to back into it); defaults to `first_day`.",
    )
    waiting_settled: bool = Field(
        False, description="An earlier instalment of the disability already paid the waiting days back."
    )


class DayLineOut(BaseModel):
    day: dt.date
    kind: str = Field(
        description="waiting, compensable, waiting_paid_back, non_workday, injury_day or after_90_days."
    )
    fraction: str = Field(description="The share of a week the day pays (`1/7`, `1/5`, `0/1`).")
    amount: str


class DisabilityPeriodOut(BaseModel):
    jurisdiction: str
    weekly_rate: str
    first_day: dt.date
    return_to_work: dt.date
    days_per_week: int
    work_days: list[int]
    disability_start: dt.date = Field(description="The first day of the disability the period belongs to.")
    waiting_settled: bool
    waiting_days: list[dt.date]
    waiting_paid_back: bool
    compensable_days: list[dt.date] = Field(description="The days paid, waiting days paid back included.")
    amount: str = Field(description=f"The amount owed for the period. {MONEY}")
    days: list[DayLineOut] = Field(description="Every calendar day of the period.")
    explanation: list[str] = Field(
        description="Every step of the arithmetic in words, with the figures used."
    )
    citations: list[CitationOut] = Field(description="The source of every statutory figure and method used.")
    rules_version: str = Field(description="The version of the benefit parameters the result used.")


class WageLineIn(_In):
    period_start: dt.date
    period_end: dt.date = Field(description="The last day of the pay period (inclusive).")
    amount: Decimal = Field(description=f"Gross earnings for the period. {MONEY}")
    kind: EarningsKind = "ordinary"
    hours: Decimal | None = None
    employer: str = Field("", max_length=200, description="NSW: name each concurrent employer.")

    def line(self) -> WageLine:
        return WageLine(
            period_start=self.period_start,
            period_end=self.period_end,
            amount=self.amount,
            kind=self.kind,
            hours=self.hours,
            employer=self.employer,
        )


class AverageWeeklyWageIn(_In):
    jurisdiction: BenefitJurisdiction
    method: AwwMethod = Field(
        description="CO: `monthly` or `hourly`; MN: `26_weeks`; CT: `52_weeks`; NSW: `piawe`."
    )
    injury_date: dt.date
    monthly_wage: Decimal | None = Field(None, description=f"CO monthly. {MONEY}")
    hourly_rate: Decimal | None = Field(None, description=f"CO hourly. {MONEY}")
    hours_per_day: Decimal | None = Field(None, description="CO hourly.")
    days_per_week: Decimal | None = Field(None, description="CO hourly.")
    lines: list[WageLineIn] | None = Field(
        None, description="MN, CT, NSW: the pay periods before the injury."
    )
    hire_date: dt.date | None = Field(None, description="CT: when employment began, if within the 52 weeks.")
    employment_start: dt.date | None = Field(
        None, description="NSW: when employment began, if within the 52 weeks."
    )

    def inputs(self) -> dict[str, Any]:
        """The method's keyword inputs: the ones given (the calculator refuses those it does not take)."""
        given = self.model_dump(exclude={"jurisdiction", "method", "lines"}, exclude_none=True)
        if self.lines is not None:
            given["lines"] = [line.line() for line in self.lines]
        return given


class WindowOut(BaseModel):
    start: dt.date
    end: dt.date
    days: int


class EmployerEarningsOut(BaseModel):
    employer: str
    earnings: str


class AverageWeeklyWageOut(BaseModel):
    jurisdiction: str
    method: str
    injury_date: dt.date
    average_weekly_wage: str = Field(description=f"The AWW (NSW: the PIAWE). {MONEY}")
    total_earnings: str
    weeks: str = Field(description="The weeks divided by (exact; a fraction is shown to six places).")
    window: WindowOut | None = Field(description="The period of wages counted, when the method has one.")
    by_employer: list[EmployerEarningsOut]
    explanation: list[str] = Field(
        description="Every step of the arithmetic in words, with the figures used."
    )
    citations: list[CitationOut] = Field(description="The source of every statutory figure and method used.")
    rules_version: str = Field(description="The version of the benefit parameters the result used.")


# --- calculators ---------------------------------------------------------------------------------


@router.post(
    "/calc/weekly-benefit",
    **responses({200: WeeklyBenefitOut}, 400, 403),
    summary="Calculate a weekly benefit",
    description="The weekly TTD or TPD (Colorado, Minnesota, Connecticut) or NSW weekly payment for the "
    "inputs, within the maximum and minimum for the injury date (NSW: for the week), with every step and "
    "its citation. Nothing is recorded. A date the rule pack holds no sourced figure for is refused "
    "naming the date and the missing figure.",
)
def weekly_benefit_api(request: HttpRequest, body: WeeklyBenefitIn) -> WeeklyBenefitOut:
    _require_calculators(request)
    with calculator_errors(dotted_paths=True):
        result = weekly_benefit(
            body.jurisdiction, body.benefit, **body.model_dump(exclude={"jurisdiction", "benefit"})
        )
    return WeeklyBenefitOut.model_validate(result.as_json())


@router.post(
    "/calc/disability-period",
    **responses({200: DisabilityPeriodOut}, 400, 403),
    summary="Calculate a period of disability",
    description="Colorado and Minnesota: the waiting days, the days paid and the amount owed at a weekly "
    "rate from the first day of disability to the day before the return to work, day by day. Nothing is "
    "recorded.",
)
def disability_period_api(request: HttpRequest, body: DisabilityPeriodIn) -> DisabilityPeriodOut:
    _require_calculators(request)
    date_fields = {} if body.injury_date is not None else {"injury_date": "first_day"}
    with calculator_errors(date_fields, dotted_paths=True):
        result = disability_period(
            body.jurisdiction,
            weekly_rate=body.weekly_rate,
            first_day=body.first_day,
            return_to_work=body.return_to_work,
            injury_date=body.injury_date,
            days_per_week=body.days_per_week,
            work_days=body.work_days,
            disability_start=body.disability_start,
            waiting_settled=body.waiting_settled,
        )
    return DisabilityPeriodOut.model_validate(result.as_json())


@router.post(
    "/calc/average-weekly-wage",
    **responses({200: AverageWeeklyWageOut}, 400, 403),
    summary="Calculate an average weekly wage",
    description="The average weekly wage (NSW: PIAWE) by a method the jurisdiction's sources hold: CO "
    "`monthly` (`monthly_wage`) or `hourly` (`hourly_rate`, `hours_per_day`, `days_per_week`); MN "
    "`26_weeks`, CT `52_weeks` (`hire_date`), NSW `piawe` (`employment_start`) from `lines`. An input the "
    "method does not take is refused. Nothing is recorded.",
)
def average_weekly_wage_api(request: HttpRequest, body: AverageWeeklyWageIn) -> AverageWeeklyWageOut:
    _require_calculators(request)
    with calculator_errors(dotted_paths=True):
        result = average_weekly_wage(body.jurisdiction, body.method, **body.inputs())
    return AverageWeeklyWageOut.model_validate(result.as_json())


# --- a claim's benefits: schemas -----------------------------------------------------------------

if TYPE_CHECKING:
    WageMethod = str
else:
    WageMethod = Literal[tuple(dict.fromkeys(m for names in WAGE_METHODS.values() for m in names))]


def _text(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


def _citations(items: Sequence[Mapping[str, Any]]) -> list[CitationOut]:
    return [
        CitationOut(
            citation=str(c.get("citation", "")), url=str(c.get("url", "")), grade=str(c.get("grade", ""))
        )
        for c in items
    ]


class WageLineOut(BaseModel):
    period_start: dt.date
    period_end: dt.date
    amount: str
    kind: str
    hours: str | None
    employer: str


class WageStatementOut(BaseModel):
    seq: int = Field(description="The `wage.statement_recorded` event.")
    recorded_at: dt.datetime
    recorded_by: str
    method: str
    average_weekly_wage: str = Field(description=f"The AWW computed (NSW: the PIAWE). {MONEY}")
    monthly_wage: str | None
    hourly_rate: str | None
    hours_per_day: str | None
    days_per_week: str | None
    agreed_aww: str | None
    after_tax_aww: str | None = Field(description="CT: the after-tax AWW the rates use.")
    lines: list[WageLineOut]
    hire_date: dt.date | None
    employment_start: dt.date | None
    note: str
    explanation: list[str] = Field(
        description="Every step of the arithmetic in words, with the figures used."
    )
    citations: list[CitationOut] = Field(description="The source of every statutory figure and method used.")
    rules_version: str = Field(description="The version of the benefit parameters the result used.")

    @classmethod
    def of(cls, w: WageStatement) -> WageStatementOut:
        p = w.payload

        def opt(name: str) -> str | None:
            value = p.get(name)
            return None if value is None else str(value)

        return cls(
            seq=w.seq,
            recorded_at=w.recorded_at,
            recorded_by=w.actor_name,
            method=w.method,
            average_weekly_wage=str(w.average_weekly_wage),
            monthly_wage=opt("monthly_wage"),
            hourly_rate=opt("hourly_rate"),
            hours_per_day=opt("hours_per_day"),
            days_per_week=opt("days_per_week"),
            agreed_aww=opt("agreed_aww"),
            after_tax_aww=_text(w.after_tax_aww),
            lines=[
                WageLineOut(
                    period_start=line["period_start"],
                    period_end=line["period_end"],
                    amount=str(line["amount"]),
                    kind=str(line.get("kind", "ordinary")),
                    hours=None if line.get("hours") is None else str(line["hours"]),
                    employer=str(line.get("employer", "")),
                )
                for line in p.get("lines", [])
            ],
            hire_date=p.get("hire_date"),
            employment_start=p.get("employment_start"),
            note=str(p.get("note", "")),
            explanation=[str(s) for s in p.get("explanation", [])],
            citations=_citations(p.get("citations", [])),
            rules_version=str(p.get("rules_version", "")),
        )


class DifferenceLineOut(BaseModel):
    period_seq: int = Field(description="The `benefit.period_paid` event.")
    first_day: dt.date
    return_to_work: dt.date
    paid: str
    due: str = Field(description="The same days at the decided rate.")
    difference: str = Field(description="`due` − `paid`: positive is owed to the worker, negative overpaid.")


class RateDecisionOut(BaseModel):
    seq: int = Field(description="The `benefit.rate_decided` event.")
    recorded_at: dt.datetime
    decided_by: str
    benefit: str
    weekly_rate: str = Field(description=f"The weekly rate decided. {MONEY}")
    basis: str = Field(description="The AWW (CT: after-tax AWW; NSW: PIAWE) the rate is a share of.")
    injury_date: dt.date
    effective_from: dt.date = Field(description="NSW: the start of the entitlement week decided for.")
    wage_statement_seq: int
    previous_rate: str | None = Field(description="The rate this decision replaces, if any.")
    paid_to_date: str = Field(description="Paid so far for the periods this rate governs.")
    due_at_new_rate: str = Field(description="What those periods come to at this rate.")
    difference: str = Field(
        description="`due_at_new_rate` − `paid_to_date`: positive is arrears owed to the worker, negative "
        "an overpayment."
    )
    difference_words: str = Field(description='"Arrears of $123.45 owed to the worker", "Overpaid by $…".')
    difference_periods: list[DifferenceLineOut]
    maximum: str | None
    minimum: str | None
    current_earnings: str | None
    hours_worked: str | None
    entitlement_week: int | None
    week_start: dt.date | None
    reason: str
    explanation: list[str] = Field(
        description="Every step of the arithmetic in words, with the figures used."
    )
    citations: list[CitationOut] = Field(description="The source of every statutory figure and method used.")
    rules_version: str = Field(description="The version of the benefit parameters the result used.")

    @classmethod
    def of(cls, d: RateDecision) -> RateDecisionOut:
        return cls(
            seq=d.seq,
            recorded_at=d.recorded_at,
            decided_by=d.actor_name,
            benefit=d.benefit,
            weekly_rate=str(d.weekly_rate),
            basis=str(d.basis),
            injury_date=d.injury_date,
            effective_from=d.effective_from,
            wage_statement_seq=d.wage_statement_seq,
            previous_rate=_text(d.previous_rate),
            paid_to_date=str(d.paid_to_date),
            due_at_new_rate=str(d.due_at_new_rate),
            difference=str(d.difference),
            difference_words=d.difference_words,
            difference_periods=[
                DifferenceLineOut(
                    period_seq=line.period_seq,
                    first_day=line.first_day,
                    return_to_work=line.return_to_work,
                    paid=str(line.paid),
                    due=str(line.due),
                    difference=str(line.difference),
                )
                for line in d.difference_periods
            ],
            maximum=_text(d.maximum),
            minimum=_text(d.minimum),
            current_earnings=_text(d.current_earnings),
            hours_worked=_text(d.hours_worked),
            entitlement_week=d.entitlement_week,
            week_start=d.week_start,
            reason=d.reason,
            explanation=list(d.explanation),
            citations=_citations(d.citations),
            rules_version=d.rules_version,
        )


class PaidPeriodOut(BaseModel):
    seq: int = Field(description="The `benefit.period_paid` event.")
    recorded_at: dt.datetime
    recorded_by: str
    benefit: str
    first_day: dt.date
    return_to_work: dt.date = Field(description="The first day back (the period ends the day before).")
    weekly_rate: str
    rate_seq: int = Field(description="The decision whose rate was paid.")
    days_per_week: int | None
    work_days: list[int]
    weeks: int | None = Field(description="NSW: entitlement weeks paid.")
    amount: str = Field(description=f"The amount paid. {MONEY}")
    waiting_days: list[dt.date]
    compensable_days: int
    explanation: list[str]
    rules_version: str

    @classmethod
    def of(cls, p: PaidPeriod) -> PaidPeriodOut:
        return cls(
            seq=p.seq,
            recorded_at=p.recorded_at,
            recorded_by=p.actor_name,
            benefit=p.benefit,
            first_day=p.first_day,
            return_to_work=p.return_to_work,
            weekly_rate=str(p.weekly_rate),
            rate_seq=p.rate_seq,
            days_per_week=p.days_per_week,
            work_days=list(p.work_days),
            weeks=p.weeks,
            amount=str(p.amount),
            waiting_days=list(p.waiting_days),
            compensable_days=p.compensable_days,
            explanation=list(p.explanation),
            rules_version=p.rules_version,
        )


class BenefitPositionOut(BaseModel):
    benefit: str
    current: RateDecisionOut | None = Field(description="The decision in force (NSW: the latest week's).")
    in_force: list[RateDecisionOut] = Field(description="NSW: one decision per entitlement week band.")
    history: list[RateDecisionOut] = Field(description="Every decision, latest first.")
    periods: list[PaidPeriodOut] = Field(description="Periods paid, by first day.")
    total_paid: str


class StepDownOut(BaseModel):
    first_incapacity: dt.date
    weeks_paid: int
    second_period_starts: dt.date = Field(description="Entitlement week 14: the weekly payment steps down.")
    after_130_starts: dt.date
    s39_ends_after: dt.date
    scheduled: list[dt.date] = Field(description="Step-down dates recorded on the claim (with their notice).")
    explanation: list[str]


class BenefitSummaryOut(BaseModel):
    claim_number: str
    jurisdiction: str
    injury_date: dt.date
    basis_label: str = Field(description="What the weekly rate is a share of: AWW, after-tax AWW or PIAWE.")
    benefits_available: list[str]
    wage_methods: list[str] = Field(description="The wage statement methods of the jurisdiction.")
    average_weekly_wage: str | None = Field(description="From the latest wage statement.")
    wage_statement: WageStatementOut | None = Field(description="The latest, which rates are decided on.")
    wage_statements: list[WageStatementOut] = Field(description="Every wage statement, latest first.")
    benefits: list[BenefitPositionOut]
    step_downs: StepDownOut | None = Field(description="NSW: the dates the weekly payment changes.")

    @classmethod
    def of(cls, s: BenefitSummary) -> BenefitSummaryOut:
        return cls(
            claim_number=s.claim_number,
            jurisdiction=s.jurisdiction,
            injury_date=s.injury_date,
            basis_label=s.basis_label,
            benefits_available=list(s.benefits_available),
            wage_methods=list(s.wage_methods),
            average_weekly_wage=_text(s.average_weekly_wage),
            wage_statement=None if s.wage_statement is None else WageStatementOut.of(s.wage_statement),
            wage_statements=[WageStatementOut.of(w) for w in s.wage_statements],
            benefits=[
                BenefitPositionOut(
                    benefit=b.benefit,
                    current=None if b.current is None else RateDecisionOut.of(b.current),
                    in_force=[RateDecisionOut.of(d) for d in b.in_force],
                    history=[RateDecisionOut.of(d) for d in b.history],
                    periods=[PaidPeriodOut.of(p) for p in b.periods],
                    total_paid=str(b.total_paid),
                )
                for b in s.benefits
            ],
            step_downs=None
            if s.step_downs is None
            else StepDownOut(
                first_incapacity=s.step_downs.first_incapacity,
                weeks_paid=s.step_downs.weeks_paid,
                second_period_starts=s.step_downs.second_period_starts,
                after_130_starts=s.step_downs.after_130_starts,
                s39_ends_after=s.step_downs.s39_ends_after,
                scheduled=list(s.step_downs.scheduled),
                explanation=list(s.step_downs.explanation),
            ),
        )


class WageStatementIn(_In):
    method: WageMethod = Field(
        description="CO `monthly` or `hourly`; MN `26_weeks`; CT `52_weeks`; NSW `piawe`; anywhere `agreed` "
        "(an AWW agreed or ordered, with a `note` saying by whom)."
    )
    monthly_wage: Decimal | None = Field(None, description=f"CO monthly. {MONEY}")
    hourly_rate: Decimal | None = Field(None, description=f"CO hourly. {MONEY}")
    hours_per_day: Decimal | None = Field(None, description="CO hourly.")
    days_per_week: Decimal | None = Field(None, description="CO hourly.")
    agreed_aww: Decimal | None = Field(
        None, description=f"`agreed`: the AWW (NSW: PIAWE) agreed or ordered. {MONEY}"
    )
    after_tax_aww: Decimal | None = Field(
        None, description=f"CT: the after-tax AWW from the Commission's tables (CT rates need it). {MONEY}"
    )
    lines: list[WageLineIn] = Field(
        default_factory=list,
        description="`26_weeks`, `52_weeks`, `piawe`: the pay periods before the injury.",
    )
    hire_date: dt.date | None = Field(None, description="CT: defaults to the claim's employment record.")
    employment_start: dt.date | None = Field(
        None, description="NSW: defaults to the claim's employment record."
    )
    note: str = Field(
        "", max_length=2000, description="Required for `agreed`: who agreed or ordered it, when."
    )

    def statement(self) -> WageStatementInput:
        return WageStatementInput(
            method=self.method,
            monthly_wage=self.monthly_wage,
            hourly_rate=self.hourly_rate,
            hours_per_day=self.hours_per_day,
            days_per_week=self.days_per_week,
            agreed_aww=self.agreed_aww,
            after_tax_aww=self.after_tax_aww,
            lines=tuple(line.line() for line in self.lines),
            hire_date=self.hire_date,
            employment_start=self.employment_start,
            note=self.note,
        )


class WageStatementRecordedOut(WageStatementOut):
    redecided: list[RateDecisionOut] = Field(
        description="Rates decided again because the AWW changed, with the arrears or overpayment on the "
        "periods already paid."
    )


class BenefitRateIn(_In):
    benefit: BenefitName = Field(description="CO, MN, CT: `TTD` or `TPD`; NSW: `weekly`.")
    current_earnings: Decimal | None = Field(
        None, description=f"TPD (NSW: with capacity): current weekly earnings. {MONEY}"
    )
    hours_worked: Decimal | None = Field(None, description="NSW: hours worked a week.")
    entitlement_week: int | None = Field(
        None, ge=1, description="NSW: defaults to 1 + the entitlement weeks already paid."
    )
    week_start: dt.date | None = Field(
        None, description="NSW: defaults to the day after the last paid period."
    )
    reason: str = Field("", max_length=2000)
    wpi: Decimal | None = Field(
        None,
        description="NSW: whole person impairment, percent; defaults to the claim's latest WPI rating "
        "(the explanation says so).",
    )


class BenefitPeriodIn(_In):
    benefit: BenefitName
    first_day: dt.date = Field(description="The first day of the period (of disability).")
    return_to_work: dt.date = Field(description="The first day back (the period ends the day before).")
    days_per_week: int | None = Field(
        None, ge=1, le=7, description="MN: days worked a week (default: the claim's employment)."
    )
    work_days: list[int] | None = Field(None, description="MN: the ISO weekdays worked (1 = Monday … 7).")


# --- a claim's benefits: operations --------------------------------------------------------------


def _claim_benefits(request: HttpRequest, number: str) -> Claim:
    """The claim (404 if hidden), if the caller may see its benefits (403 for treating providers)."""
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_view_benefits(user, claim), "Treating providers do not see a claim's benefits.")
    return claim


@router.get(
    "/claims/{number}/benefits",
    **responses({200: BenefitSummaryOut}, 403, 404),
    summary="A claim's benefits",
    description="The latest wage statement and the AWW (NSW: PIAWE) computed from it, the weekly rate in "
    "force for each benefit with its explanation and citations, every decision with the difference it "
    "made (arrears or overpayment), the periods paid and, in NSW, the step-down dates. Everyone who may "
    "see the claim but its treating providers.",
)
def claim_benefits(request: HttpRequest, number: str) -> BenefitSummaryOut:
    claim = _claim_benefits(request, number)
    return BenefitSummaryOut.of(benefit_summary(claim=claim))


@router.post(
    "/claims/{number}/wage-statements",
    **responses({201: WageStatementRecordedOut}, 400, 403, 404),
    summary="Record a wage statement",
    description="The worker's wages by a method of the claim's jurisdiction; the AWW (NSW: PIAWE) is "
    "computed and recorded with its explanation (`wage.statement_recorded`). Every benefit already decided "
    "is decided again on it; where the weekly rate changes a new decision is recorded with the arrears or "
    "overpayment on the periods already paid (`redecided`). Claims staff who work the claim and the "
    "employer's coordinator or supervisor. A wage line at fault is named `lines.<n>.<field>`.",
)
def wage_statement_record_api(
    request: HttpRequest, body: WageStatementIn, number: str
) -> Status[WageStatementRecordedOut]:
    claim = claim_get_for_user(number=number, user=user_of(request))
    with dotted_fields():
        event = wage_statement_record(actor=user_of(request), claim=claim, statement=body.statement())
    statement = WageStatementOut.of(WageStatement.from_event(event))
    redecided = [RateDecisionOut.of(d) for d in rate_decisions(claim=claim) if d.seq > event.seq]
    return Status(201, WageStatementRecordedOut(**statement.model_dump(), redecided=redecided))


@router.post(
    "/claims/{number}/benefit-rates",
    **responses({201: RateDecisionOut}, 400, 403, 404),
    summary="Decide a weekly benefit rate",
    description="The weekly rate of `benefit` from the latest wage statement (`benefit.rate_decided`), with "
    "every period of it already paid re-run at the rate: `difference` is the arrears (positive) or "
    "overpayment (negative). No wage statement yet is a 400 naming `wage_statement`; a date with no "
    "sourced figure a 400 naming `injury_date` (NSW's weekly maximum: `week_start`). NSW: the step-down "
    "date is scheduled and its notice put in the diary. Claims staff who work the claim.",
)
def benefit_rate_decide_api(
    request: HttpRequest, body: BenefitRateIn, number: str
) -> Status[RateDecisionOut]:
    claim = claim_get_for_user(number=number, user=user_of(request))
    event = benefit_rate_decide(
        actor=user_of(request),
        claim=claim,
        benefit=body.benefit,
        current_earnings=body.current_earnings,
        hours_worked=body.hours_worked,
        entitlement_week=body.entitlement_week,
        week_start=body.week_start,
        reason=body.reason,
        wpi=body.wpi,
    )
    return Status(201, RateDecisionOut.of(RateDecision.from_event(event)))


def _period_responses() -> dict[str, Any]:
    """The operation's responses, with what its 409 means."""
    documented = responses({201: PaidPeriodOut}, 400, 403, 404, 409)
    documented["openapi_extra"]["responses"][409] = {
        "description": "A day of the period was already paid for the benefit; nothing was written."
    }
    return documented


@router.post(
    "/claims/{number}/benefit-periods",
    **_period_responses(),
    summary="Record a paid period",
    description="A period of `benefit` paid at the rate in force (`benefit.period_paid`): CO and MN day by "
    "day with the waiting period; NSW in whole entitlement weeks from the first paid day. A day already "
    "paid for the benefit is refused with 409 (a day is never paid twice). Claims staff who work the claim.",
)
def benefit_period_record_api(
    request: HttpRequest, body: BenefitPeriodIn, number: str
) -> Status[PaidPeriodOut]:
    claim = claim_get_for_user(number=number, user=user_of(request))
    event = benefit_period_record(
        actor=user_of(request),
        claim=claim,
        benefit=body.benefit,
        first_day=body.first_day,
        return_to_work=body.return_to_work,
        days_per_week=body.days_per_week,
        work_days=body.work_days,
    )
    return Status(201, PaidPeriodOut.of(PaidPeriod.from_event(event)))
