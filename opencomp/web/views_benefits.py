"""Benefits pages: the calculators, and a claim's wage statement, rates and paid periods.

The calculator page (``/calculators/``) runs the pure calculators on what the user
types and shows the amount with every step, its citations and the rules version; it
records nothing, so its forms are GET forms. Staff roles use it; workers and
providers get a 403.

A calculator's ``InputError`` goes on the form field it names; a date the rule pack
holds no sourced figure for (``MissingFigure``) goes on the date field, with the
whole message naming the missing figure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from opencomp.accounts.models import User
from opencomp.benefits.access import user_can_record_wages, user_can_use_calculators, user_can_view_benefits
from opencomp.benefits.calculators.aww import WageLine
from opencomp.benefits.calculators.period import DisabilityPeriod, disability_period
from opencomp.benefits.calculators.types import Explanation, day, dollars
from opencomp.benefits.calculators.weekly import BENEFITS, WeeklyBenefit, weekly_benefit
from opencomp.benefits.errors import calculator_errors
from opencomp.benefits.selectors import (
    WAGE_METHODS,
    BenefitSummary,
    PaidPeriod,
    RateDecision,
    StepDownDates,
    WageStatement,
    benefit_summary,
    rate_decisions,
)
from opencomp.benefits.services import (
    METHOD_INPUTS,
    WageStatementInput,
    benefit_period_record,
    benefit_rate_decide,
    wage_statement_record,
)
from opencomp.claims.access import claim_get_for_user, user_can_work_claim
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.core.errors import ApplicationError, ValidationFailed
from opencomp.jurisdictions import choices as jurisdiction_choices
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, textarea

CALCULATORS_TEMPLATE = "web/benefits/calculators.html"
BENEFIT_LABELS = {
    "TTD": "Temporary total disability (TTD)",
    "TPD": "Temporary partial disability (TPD)",
    "weekly": "Weekly payments (NSW)",
}
#: The weekly form's fields only NSW uses (shown folded away unless NSW is chosen).
NSW_FIELDS = ("piawe", "piawe_as_at", "entitlement_week", "week_start", "hours_worked", "wpi")
WEEKDAY_CHOICES = [(1, "Mon"), (2, "Tue"), (3, "Wed"), (4, "Thu"), (5, "Fri"), (6, "Sat"), (7, "Sun")]


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


# Who may calculate ------------------------------------------------------------------------------

# Presentation -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    citation: str
    url: str
    grade: str

    @property
    def link(self) -> str:
        """The source's address when it is a web address (the packs' only kind of link)."""
        return self.url if self.url.startswith(("https://", "http://")) else ""


@dataclass(frozen=True)
class Explained:
    """An explanation as the pages show it: the steps, the citations and the rules version."""

    steps: tuple[str, ...]
    citations: tuple[Citation, ...]
    rules_version: str

    @classmethod
    def of(cls, explanation: Explanation | Mapping[str, Any]) -> Explained:
        """From a calculator's explanation, or from an event payload's ``explanation`` etc."""
        if isinstance(explanation, Explanation):
            return cls(
                steps=explanation.steps,
                citations=tuple(Citation(c.citation, c.url, c.grade) for c in explanation.citations),
                rules_version=explanation.rules_version,
            )
        citations = explanation.get("citations") or []
        return cls(
            steps=tuple(str(s) for s in explanation.get("explanation") or []),
            citations=tuple(
                Citation(str(c.get("citation", "")), str(c.get("url", "")), str(c.get("grade", "")))
                for c in citations
                if isinstance(c, Mapping)
            ),
            rules_version=str(explanation.get("rules_version", "")),
        )


def money_text(amount: Decimal | str | None) -> str:
    """``$1,293.25`` (empty for no amount)."""
    if amount is None or amount == "":
        return ""
    return dollars(Decimal(str(amount)))


def day_text(value: dt.date | str | None) -> str:
    if value is None or value == "":
        return ""
    return day(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))


@dataclass(frozen=True)
class WeeklyResult:
    result: WeeklyBenefit
    explained: Explained

    @property
    def amount(self) -> str:
        return money_text(self.result.weekly_amount)

    @property
    def maximum(self) -> str:
        return money_text(self.result.maximum)

    @property
    def minimum(self) -> str:
        return money_text(self.result.minimum)

    @property
    def benefit_label(self) -> str:
        return BENEFIT_LABELS.get(self.result.benefit, self.result.benefit)

    @property
    def period_query(self) -> str:
        """The period calculator's fields filled with this rate (for a link)."""
        r = self.result
        values = {"jurisdiction": r.jurisdiction, "weekly_rate": str(r.weekly_amount)}
        values["injury_date"] = r.injury_date.isoformat()
        return urlencode({f"period-{key}": value for key, value in values.items()})


@dataclass(frozen=True)
class PeriodResult:
    result: DisabilityPeriod
    explained: Explained

    @property
    def amount(self) -> str:
        return money_text(self.result.amount)

    @property
    def waiting_days(self) -> list[str]:
        return [day_text(d) for d in self.result.waiting_days]

    @property
    def compensable_count(self) -> int:
        return len(self.result.compensable_days)

    @property
    def days(self) -> list[dict[str, str]]:
        return [
            {
                "day": day_text(line.day),
                "kind": line.kind.replace("_", " "),
                "amount": money_text(line.amount) if line.amount else "",
            }
            for line in self.result.days
        ]


# Calculator forms -------------------------------------------------------------------------------


def _money(label: str, *, required: bool = False, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def _benefit_jurisdictions() -> list[tuple[str, str]]:
    return [(code, name) for code, name in jurisdiction_choices() if code in BENEFITS]


class WeeklyBenefitForm(WebForm):
    jurisdiction = forms.ChoiceField(choices=_benefit_jurisdictions)
    benefit = forms.ChoiceField(
        choices=list(BENEFIT_LABELS.items()), help_text="CO, MN and CT: TTD or TPD; NSW: weekly payments."
    )
    injury_date = forms.DateField(label="Date of injury", widget=date_input())
    aww = _money("Average weekly wage (AWW)", help_text="CO, MN; CT: the gross AWW.")
    current_earnings = _money(
        "Current weekly earnings", help_text="TPD: earnings a week while partially disabled; NSW: CWE."
    )
    after_tax_aww = _money("After-tax AWW", help_text="CT only.")
    piawe = _money("PIAWE", help_text="NSW: pre-injury average weekly earnings.")
    piawe_as_at = forms.DateField(
        label="PIAWE as at",
        required=False,
        widget=date_input(),
        help_text="NSW: defaults to the injury date.",
    )
    entitlement_week = forms.IntegerField(label="Entitlement week", required=False, min_value=1)
    week_start = forms.DateField(
        label="Week starting",
        required=False,
        widget=date_input(),
        help_text="NSW: the first day of the week.",
    )
    hours_worked = forms.DecimalField(
        label="Hours worked a week", required=False, max_digits=5, decimal_places=2, min_value=0
    )
    wpi = forms.DecimalField(label="WPI %", required=False, max_digits=5, decimal_places=2, min_value=0)
    after_130_eligible = forms.BooleanField(
        label="Weeks 131+ allowed by a work capacity decision", required=False
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {
            "jurisdiction": data.pop("jurisdiction"),
            "benefit": data.pop("benefit"),
            **{k: v for k, v in data.items() if v is not None and v != ""},
        }


class DisabilityPeriodForm(WebForm):
    jurisdiction = forms.ChoiceField(
        choices=_benefit_jurisdictions, help_text="Colorado and Minnesota count a period day by day."
    )
    weekly_rate = _money("Weekly rate", required=True)
    first_day = forms.DateField(
        label="First day of disability", widget=date_input(), help_text="The day the worker left work."
    )
    return_to_work = forms.DateField(
        label="Back at work on",
        widget=date_input(),
        help_text="The first day back; the period ends the day before.",
    )
    injury_date = forms.DateField(
        label="Date of injury", required=False, widget=date_input(), help_text="Defaults to the first day."
    )
    work_days = forms.TypedMultipleChoiceField(
        label="Days worked",
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Minnesota pays scheduled workdays; default Monday to Friday.",
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {
            "jurisdiction": data["jurisdiction"],
            "weekly_rate": data["weekly_rate"],
            "first_day": data["first_day"],
            "return_to_work": data["return_to_work"],
            "injury_date": data["injury_date"],
            "work_days": data["work_days"] or None,
        }


def _calculate(form: WebForm, run: Callable[..., Any], **date_fields: str) -> Any:
    """The calculator's result for a valid ``form``, or None with the refusal on the form."""
    if not form.is_valid():
        return None
    try:
        with calculator_errors(date_fields):
            return run(**form.service_kwargs())
    except ValidationFailed as exc:
        form_error_apply(form, exc)
        return None


def _prefixed_initial(params: QueryDict, prefix: str) -> dict[str, str]:
    """Values a link carries for a form it does not submit (``period-weekly_rate=…``)."""
    start = f"{prefix}-"
    return {key.removeprefix(start): str(params.get(key, "")) for key in params if key.startswith(start)}


@login_required
@require_GET
@application_errors
def calculators_view(request: HttpRequest) -> HttpResponse:
    require(user_can_use_calculators(_user(request)), "Your role does not use the benefit calculators.")
    calc = request.GET.get("calc", "")
    weekly_data = request.GET if calc == "weekly" else None
    period_data = request.GET if calc == "period" else None
    weekly_form = WeeklyBenefitForm(
        weekly_data,
        prefix="weekly",
        initial=_prefixed_initial(request.GET, "weekly") if not weekly_data else None,
    )
    period_form = DisabilityPeriodForm(
        period_data,
        prefix="period",
        initial=_prefixed_initial(request.GET, "period") if not period_data else None,
    )
    weekly = period = None
    if weekly_data is not None:
        result = _calculate(weekly_form, weekly_benefit)
        weekly = None if result is None else WeeklyResult(result, Explained.of(result.explanation))
    if period_data is not None:
        injury_given = bool(request.GET.get("period-injury_date"))
        result = _calculate(
            period_form, disability_period, **({} if injury_given else {"injury_date": "first_day"})
        )
        period = None if result is None else PeriodResult(result, Explained.of(result.explanation))
    context = {
        "weekly_form": weekly_form,
        "period_form": period_form,
        "weekly": weekly,
        "period": period,
        "calc": calc,
        "nsw_open": weekly_data is not None
        and (
            weekly_data.get("weekly-jurisdiction") == "NSW"
            or any(weekly_form.errors.get(name) for name in NSW_FIELDS)
        ),
        "form": period_form if calc == "period" else weekly_form,
    }
    return render(request, CALCULATORS_TEMPLATE, context)


# The claim's benefits page ----------------------------------------------------------------------

CLAIM_TEMPLATE = "web/benefits/claim.html"
#: Blank wage line rows the form starts with, and how many "More rows" adds.
LINE_ROWS = 6
MAX_LINE_ROWS = 120
METHOD_LABELS = {
    "monthly": "Monthly wage (× 12 ÷ 52)",
    "hourly": "Hourly rate × hours a day × days a week",
    "26_weeks": "Wages of the 26 weeks before the injury",
    "52_weeks": "Wages of the 52 calendar weeks before the week of injury",
    "piawe": "PIAWE: earnings of the 52 weeks before the injury",
    "agreed": "Agreed or ordered",
}
KIND_LABELS = {
    "ordinary": "Ordinary",
    "overtime": "Overtime",
    "shift_allowance": "Shift allowance",
    "other_allowance": "Other allowance",
    "bonus": "Bonus",
    "non_pecuniary": "Non-pecuniary",
}
#: The wage statement form's inputs besides the lines, in the order shown.
STATEMENT_INPUTS = (
    "monthly_wage",
    "hourly_rate",
    "hours_per_day",
    "days_per_week",
    "agreed_aww",
    "after_tax_aww",
    "hire_date",
    "employment_start",
)


def _drop_fields(form: forms.BaseForm, keep: Callable[[str], bool]) -> None:
    for name in [name for name in form.fields if not keep(name)]:
        del form.fields[name]


class WageStatementForm(WebForm):
    """A wage statement by one of the jurisdiction's methods; only that jurisdiction's inputs are shown."""

    method = forms.ChoiceField(label="Method")
    monthly_wage = _money("Monthly wage", help_text="Monthly method.")
    hourly_rate = _money("Hourly rate", help_text="Hourly method.")
    hours_per_day = forms.DecimalField(
        label="Hours a day", required=False, max_digits=4, decimal_places=2, help_text="Hourly method."
    )
    days_per_week = forms.DecimalField(
        label="Days a week", required=False, max_digits=3, decimal_places=1, help_text="Hourly method."
    )
    agreed_aww = _money("Agreed AWW", help_text="Agreed method: the figure agreed or ordered.")
    after_tax_aww = _money(
        "After-tax AWW", help_text="From the Commission's tables; Connecticut rates are 75% of it."
    )
    hire_date = forms.DateField(
        label="Hire date", required=False, widget=date_input(), help_text="Defaults to the employment record."
    )
    employment_start = forms.DateField(
        label="Employment started",
        required=False,
        widget=date_input(),
        help_text="Defaults to the employment record.",
    )
    note = forms.CharField(
        widget=textarea(2),
        required=False,
        max_length=2000,
        help_text="Required for an agreed AWW: who agreed or ordered it, and when.",
    )

    def __init__(self, *args: Any, jurisdiction: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        methods = WAGE_METHODS.get(jurisdiction, ("agreed",))
        cast(forms.ChoiceField, self.fields["method"]).choices = [
            (m, METHOD_LABELS.get(m, m)) for m in methods
        ]
        used = {name for m in methods for name in METHOD_INPUTS.get(m, ())}
        if jurisdiction == "CT":
            used.add("after_tax_aww")
        self.uses_lines = "lines" in used
        _drop_fields(self, lambda name: name in ("method", "note") or name in used)

    def statement(self, lines: list[WageLine]) -> WageStatementInput:
        data = self.cleaned_data
        values = {name: data.get(name) for name in STATEMENT_INPUTS}
        return WageStatementInput(
            method=data["method"], lines=tuple(lines), note=data.get("note") or "", **values
        )


class WageLineForm(WebForm):
    period_start = forms.DateField(label="From", required=False, widget=date_input())
    period_end = forms.DateField(label="To", required=False, widget=date_input())
    amount = _money("Gross amount")
    kind = forms.ChoiceField(label="Kind", choices=list(KIND_LABELS.items()), required=False)
    hours = forms.DecimalField(label="Hours", required=False, max_digits=6, decimal_places=2, min_value=0)
    employer = forms.CharField(label="Employer", required=False, max_length=200)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(
            data.get(name) for name in ("period_start", "period_end", "amount", "hours", "employer")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.is_blank():
            for name in ("period_start", "period_end", "amount"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, "Give the pay period's dates and gross amount, or clear the row.")
        return data

    def line(self) -> WageLine:
        data = self.cleaned_data
        return WageLine(
            period_start=data["period_start"],
            period_end=data["period_end"],
            amount=data["amount"],
            kind=data.get("kind") or "ordinary",
            hours=data.get("hours"),
            employer=data.get("employer") or "",
        )


WageLineFormSet = forms.formset_factory(
    WageLineForm, extra=LINE_ROWS, max_num=MAX_LINE_ROWS, absolute_max=MAX_LINE_ROWS
)


def _line_formset(data: QueryDict | None, *, more: bool = False) -> forms.BaseFormSet[WageLineForm]:
    """The wage lines table: blank rows, the rows posted, or (``more``) those and more blank ones."""
    if data is None:
        return WageLineFormSet(prefix="lines")
    if more:
        data = data.copy()
        try:
            rows = int(data.get("lines-TOTAL_FORMS", "0"))
        except ValueError:
            rows = 0
        data["lines-TOTAL_FORMS"] = str(min(max(rows, 0) + LINE_ROWS, MAX_LINE_ROWS))
    return WageLineFormSet(data, prefix="lines")


LINE_FIELD = re.compile(r"^lines\[(\d+)\]\.(\w+)$")


def _apply_statement_errors(
    form: WageStatementForm, formset: forms.BaseFormSet[WageLineForm], rows: list[int], exc: ApplicationError
) -> None:
    """The service's refusal on the form, an error on ``lines[i].field`` on the row the line came from."""
    rest = []
    for error in exc.errors:
        match = LINE_FIELD.match(error.field)
        if match and int(match[1]) < len(rows) and match[2] in WageLineForm.base_fields:
            row = formset.forms[rows[int(match[1])]]
            row.add_error(match[2], _line_sentence(row, match[2], error.message))
        else:
            rest.append(error)
    if rest or not exc.errors:
        form_error_apply(form, type(exc)(exc.message, errors=rest))


def _line_sentence(row: WageLineForm, name: str, message: str) -> str:
    label = str(row.fields[name].label or name)
    return (
        f"{label} {message}"
        if message.startswith(("is ", "has ", "must "))
        else message[:1].upper() + message[1:]
    )


class RateForm(WebForm):
    benefit = forms.ChoiceField()
    current_earnings = _money(
        "Current weekly earnings",
        help_text="TPD: earnings a week while partially disabled; NSW: with capacity.",
    )
    entitlement_week = forms.IntegerField(
        label="Entitlement week", required=False, min_value=1, help_text="Defaults to 1 + the weeks paid."
    )
    week_start = forms.DateField(
        label="Week starting",
        required=False,
        widget=date_input(),
        help_text="Defaults to the day after the last period paid.",
    )
    hours_worked = forms.DecimalField(
        label="Hours worked a week", required=False, max_digits=5, decimal_places=2, min_value=0
    )
    reason = forms.CharField(widget=textarea(2), required=False, max_length=2000)
    wpi = forms.DecimalField(
        label="WPI %",
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        help_text="Defaults to the latest whole person impairment rating (physicians and examinations).",
    )

    def __init__(self, *args: Any, jurisdiction: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        benefits = BENEFITS.get(jurisdiction, ())
        cast(forms.ChoiceField, self.fields["benefit"]).choices = [
            (b, BENEFIT_LABELS.get(b, b)) for b in benefits
        ]
        if jurisdiction != "NSW":
            _drop_fields(
                self, lambda name: name not in ("entitlement_week", "week_start", "hours_worked", "wpi")
            )


class PeriodForm(WebForm):
    benefit = forms.ChoiceField()
    first_day = forms.DateField(label="First day", widget=date_input())
    return_to_work = forms.DateField(
        label="Back at work on",
        widget=date_input(),
        help_text="The first day back; the period ends the day before.",
    )
    work_days = forms.TypedMultipleChoiceField(
        label="Days worked",
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Minnesota pays scheduled workdays; default: the employment record's days a week.",
    )

    def __init__(self, *args: Any, jurisdiction: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        benefits = BENEFITS.get(jurisdiction, ())
        cast(forms.ChoiceField, self.fields["benefit"]).choices = [
            (b, BENEFIT_LABELS.get(b, b)) for b in benefits
        ]
        if jurisdiction == "NSW":
            self.fields[
                "return_to_work"
            ].help_text = "The day after the last day paid: whole entitlement weeks from the first day paid."
        if jurisdiction != "MN":
            _drop_fields(self, lambda name: name != "work_days")

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if "work_days" in data:
            data["work_days"] = data["work_days"] or None
        return data


# Presentation of the claim's benefits -----------------------------------------------------------


@dataclass(frozen=True)
class DifferenceRow:
    period_seq: int
    days: str
    paid: str
    due: str
    difference: str


@dataclass(frozen=True)
class DecisionRow:
    decision: RateDecision
    explained: Explained

    @property
    def rate(self) -> str:
        return money_text(self.decision.weekly_rate)

    @property
    def previous_rate(self) -> str:
        return money_text(self.decision.previous_rate)

    @property
    def basis(self) -> str:
        return money_text(self.decision.basis)

    @property
    def maximum(self) -> str:
        return money_text(self.decision.maximum)

    @property
    def minimum(self) -> str:
        return money_text(self.decision.minimum)

    @property
    def paid_to_date(self) -> str:
        return money_text(self.decision.paid_to_date)

    @property
    def due_at_new_rate(self) -> str:
        return money_text(self.decision.due_at_new_rate)

    @property
    def difference_words(self) -> str:
        return self.decision.difference_words

    @property
    def difference_state(self) -> str:
        """``owed``, ``overpaid`` or ``none`` (for styling only; the words carry the meaning)."""
        amount = self.decision.difference
        return "owed" if amount > 0 else "overpaid" if amount < 0 else "none"

    @property
    def effective_from(self) -> str:
        return day_text(self.decision.effective_from)

    @property
    def lines(self) -> list[DifferenceRow]:
        return [
            DifferenceRow(
                period_seq=line.period_seq,
                days=f"{day_text(line.first_day)} – {day_text(line.return_to_work - dt.timedelta(days=1))}",
                paid=money_text(line.paid),
                due=money_text(line.due),
                difference=money_text(line.difference),
            )
            for line in self.decision.difference_periods
        ]


@dataclass(frozen=True)
class PeriodRow:
    period: PaidPeriod

    @property
    def days(self) -> str:
        return f"{day_text(self.period.first_day)} – {day_text(self.period.last_day)}"

    @property
    def back_on(self) -> str:
        return day_text(self.period.return_to_work)

    @property
    def rate(self) -> str:
        return money_text(self.period.weekly_rate)

    @property
    def amount(self) -> str:
        return money_text(self.period.amount)

    @property
    def waiting(self) -> str:
        """The waiting days and what became of them (a later instalment may pay them back)."""
        period = self.period
        if not period.waiting_days:
            return ""
        listed = ", ".join(day_text(d) for d in period.waiting_days)
        if period.waiting_settled:
            return f"{listed} (paid back earlier)"
        return f"{listed} ({'paid back' if period.waiting_paid_back else 'not paid'})"

    @property
    def continues(self) -> str:
        """``continues the disability from …`` for an instalment of a longer disability."""
        start = self.period.disability_start
        if start is None or start >= self.period.first_day:
            return ""
        return f"continues the disability from {day_text(start)}"


@dataclass(frozen=True)
class PositionView:
    benefit: str
    label: str
    current: DecisionRow | None
    in_force: list[DecisionRow]
    history: list[DecisionRow]
    periods: list[PeriodRow]
    total_paid: str


@dataclass(frozen=True)
class StatementView:
    statement: WageStatement
    explained: Explained

    @property
    def amount(self) -> str:
        return money_text(self.statement.average_weekly_wage)

    @property
    def after_tax(self) -> str:
        return money_text(self.statement.after_tax_aww)

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.statement.method, self.statement.method)

    @property
    def note(self) -> str:
        return str(self.statement.payload.get("note", ""))

    @property
    def lines(self) -> list[dict[str, str]]:
        return [
            {
                "days": f"{day_text(line['period_start'])} – {day_text(line['period_end'])}",
                "amount": money_text(line["amount"]),
                "kind": KIND_LABELS.get(str(line.get("kind", "")), str(line.get("kind", ""))),
                "hours": "" if line.get("hours") is None else str(line["hours"]),
                "employer": str(line.get("employer", "")),
            }
            for line in self.statement.payload.get("lines", [])
        ]


def _decision_row(decision: RateDecision) -> DecisionRow:
    return DecisionRow(decision, Explained.of(decision.payload))


def _statement_view(statement: WageStatement) -> StatementView:
    return StatementView(statement, Explained.of(statement.payload))


def _positions(summary: BenefitSummary) -> list[PositionView]:
    return [
        PositionView(
            benefit=b.benefit,
            label=BENEFIT_LABELS.get(b.benefit, b.benefit),
            current=None if b.current is None else _decision_row(b.current),
            in_force=[_decision_row(d) for d in b.in_force],
            history=[_decision_row(d) for d in b.history],
            periods=[PeriodRow(p) for p in b.periods],
            total_paid=money_text(b.total_paid),
        )
        for b in summary.benefits
    ]


@dataclass(frozen=True)
class StepDownView:
    dates: StepDownDates

    @property
    def second_period_starts(self) -> str:
        return day_text(self.dates.second_period_starts)

    @property
    def after_130_starts(self) -> str:
        return day_text(self.dates.after_130_starts)

    @property
    def s39_ends_after(self) -> str:
        return day_text(self.dates.s39_ends_after)

    @property
    def scheduled(self) -> list[str]:
        return [day_text(d) for d in self.dates.scheduled]


# The claim's benefits views ---------------------------------------------------------------------


def _claim_to_view(request: HttpRequest, number: str) -> Claim:
    """The claim (404 when hidden), if the user may see its benefits (403 for treating providers)."""
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_view_benefits(user, claim), "Treating providers do not see a claim's benefits.")
    return claim


def _benefits_page(
    request: HttpRequest,
    claim: Claim,
    *,
    bound: Mapping[str, Any] | None = None,
    open_form: str = "",
) -> HttpResponse:
    """The claim's benefits page; ``bound`` holds a refused (or grown) form to show again, by key."""
    bound = bound or {}
    user = _user(request)
    code = claim.jurisdiction
    summary = benefit_summary(claim=claim)
    may_work = user_can_work_claim(user, claim)
    may_record_wages = user_can_record_wages(user, claim)
    context: dict[str, Any] = {
        "claim": claim,
        "summary": summary,
        "statement": None if summary.wage_statement is None else _statement_view(summary.wage_statement),
        "earlier_statements": [_statement_view(w) for w in summary.wage_statements[1:]],
        "positions": _positions(summary),
        "step_downs": None if summary.step_downs is None else StepDownView(summary.step_downs),
        "may_work": may_work,
        "may_record_wages": may_record_wages,
        "may_calculate": user_can_use_calculators(user),
        "open_form": open_form or next(iter(bound), ""),
        "form": bound.get("form"),
    }
    if may_record_wages:
        context["wage_form"] = bound.get("wage") or WageStatementForm(prefix="wage", jurisdiction=code)
        context["line_formset"] = bound.get("lines") or _line_formset(None)
    if may_work:
        context["rate_form"] = bound.get("rate") or RateForm(prefix="rate", jurisdiction=code)
        context["period_form"] = bound.get("period") or PeriodForm(prefix="period", jurisdiction=code)
    return render(request, CLAIM_TEMPLATE, context)


def _done(request: HttpRequest, claim: Claim, notice: str, anchor: str) -> HttpResponse:
    messages.success(request, notice)
    return redirect(reverse("web:claim_benefits", args=[claim.number]) + f"#{anchor}")


@login_required
@require_GET
@application_errors
def claim_benefits_view(request: HttpRequest, number: str) -> HttpResponse:
    return _benefits_page(request, _claim_to_view(request, number))


@login_required
@require_POST
@application_errors
def claim_wage_statement_record_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim_to_view(request, number)
    require(user_can_record_wages(user, claim), "You may not record wage statements on this claim.")
    form = WageStatementForm(request.POST, prefix="wage", jurisdiction=claim.jurisdiction)
    more = "more_lines" in request.POST
    formset = _line_formset(request.POST if form.uses_lines else None, more=more)
    if more:
        return _benefits_page(request, claim, bound={"wage": form, "lines": formset}, open_form="wage")
    forms_valid = form.is_valid()
    rows: list[int] = []
    if form.uses_lines:
        forms_valid = formset.is_valid() and forms_valid
        rows = [i for i, row in enumerate(formset.forms) if row.is_valid() and not row.is_blank()]
    if forms_valid:
        lines = [formset.forms[i].line() for i in rows]
        try:
            event = wage_statement_record(actor=user, claim=claim, statement=form.statement(lines))
        except FORM_ERRORS as exc:
            _apply_statement_errors(form, formset, rows, exc)
        else:
            return _done(request, claim, _statement_notice(claim, event), "wages")
    return _benefits_page(
        request, claim, bound={"wage": form, "lines": formset, "form": form}, open_form="wage"
    )


def _statement_notice(claim: Claim, event: ClaimEvent) -> str:
    statement = WageStatement.from_event(event)
    label = "PIAWE" if claim.jurisdiction == "NSW" else "AWW"
    parts = [f"Wage statement recorded (#{event.seq}): {label} {money_text(statement.average_weekly_wage)}."]
    parts.extend(
        f"{d.benefit} rate decided again (#{d.seq}): {money_text(d.weekly_rate)} a week; "
        f"{d.difference_words[:1].lower()}{d.difference_words[1:]}."
        for d in rate_decisions(claim=claim)
        if d.seq > event.seq
    )
    return " ".join(parts)


@login_required
@require_POST
@application_errors
def claim_benefit_rate_decide_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim_to_view(request, number)
    require(user_can_work_claim(user, claim), "Only the claim's administrator may decide benefit rates.")
    form = RateForm(request.POST, prefix="rate", jurisdiction=claim.jurisdiction)
    if form.is_valid():
        try:
            event = benefit_rate_decide(actor=user, claim=claim, **form.service_kwargs())
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            decision = RateDecision.from_event(event)
            notice = (
                f"{decision.benefit} rate decided (#{event.seq}): {money_text(decision.weekly_rate)} a week. "
                f"{decision.difference_words}."
            )
            return _done(request, claim, notice, f"benefit-{decision.benefit}")
    return _benefits_page(request, claim, bound={"rate": form, "form": form}, open_form="rate")


@login_required
@require_POST
@application_errors
def claim_benefit_period_record_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim_to_view(request, number)
    require(user_can_work_claim(user, claim), "Only the claim's administrator may record benefit payments.")
    form = PeriodForm(request.POST, prefix="period", jurisdiction=claim.jurisdiction)
    if form.is_valid():
        try:
            event = benefit_period_record(actor=user, claim=claim, **form.service_kwargs())
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            period = PaidPeriod.from_event(event)
            notice = (
                f"{period.benefit} period recorded (#{event.seq}): {PeriodRow(period).days}, "
                f"{money_text(period.amount)} at {money_text(period.weekly_rate)} a week."
            )
            return _done(request, claim, notice, f"benefit-{period.benefit}")
    return _benefits_page(request, claim, bound={"period": form, "form": form}, open_form="period")
