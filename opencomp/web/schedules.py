"""The payment schedules section of the claim financials page: its forms and rows.

The "Payment schedules" section lists the claim's schedules (benefit, interval,
cursor, next due date, the weekly rate of each schedule week, why one stopped);
the claim's staff start one (the benefit, its first day, every 7 or 14 days) and
stop one (the reason and the last day paid). ``opencomp payments run`` issues the
due periods for the whole book; the page says when the next one falls due.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms

from opencomp.benefits.calculators.weekly import BENEFITS
from opencomp.claims.models import Claim
from opencomp.payments.enums import PaymentMethod, ScheduleStatus, StopReason
from opencomp.payments.models import PaymentSchedule
from opencomp.payments.schedule_services import schedule_refusal
from opencomp.web.forms import WebForm, date_input, textarea
from opencomp.web.views_benefits import BENEFIT_LABELS, day_text, money_text


class ScheduleStartForm(WebForm):
    benefit = forms.ChoiceField(choices=[])
    first_day = forms.DateField(
        label="First day paid",
        widget=date_input(),
        help_text="The first day of incapacity the schedule pays.",
    )
    interval_days = forms.TypedChoiceField(
        label="Paid every",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "The jurisdiction's interval"), (7, "7 days"), (14, "14 days")],
        help_text="Colorado: at least every two weeks (C.R.S. 8-42-105(2)). Elsewhere, choose.",
    )
    method = forms.ChoiceField(choices=PaymentMethod.choices, initial=PaymentMethod.EFT)
    note = forms.CharField(widget=textarea(2), required=False, max_length=2000)

    def __init__(self, *args: Any, jurisdiction: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        benefits = BENEFITS.get(jurisdiction, ())
        self.fields["benefit"].choices = [(b, BENEFIT_LABELS.get(b, b)) for b in benefits]  # type: ignore[attr-defined]


class ScheduleStopForm(WebForm):
    reason = forms.ChoiceField(choices=[("", "—"), *StopReason.choices])
    last_day = forms.DateField(
        label="Last day paid", widget=date_input(), help_text="The periods up to this day stay payable."
    )
    note = forms.CharField(
        widget=textarea(2), required=False, max_length=2000, help_text="Required for Other."
    )


@dataclass(frozen=True)
class ScheduleRow:
    """One schedule as the page shows it."""

    schedule: PaymentSchedule
    stop_form: ScheduleStopForm | None

    @property
    def benefit(self) -> str:
        return BENEFIT_LABELS.get(self.schedule.benefit, self.schedule.benefit)

    @property
    def status(self) -> str:
        s = self.schedule
        if s.status == ScheduleStatus.STOPPED and s.stop_reason:
            return f"{s.get_status_display()}: {StopReason(s.stop_reason).label}"
        return s.get_status_display()

    @property
    def held(self) -> str:
        """Why the last payment run did not pay the next period (paying schedules only)."""
        s = self.schedule
        if s.status != ScheduleStatus.ACTIVE or not s.held_reason:
            return ""
        return f"Held by the run of {day_text(s.held_on)}: {s.held_reason}" if s.held_on else s.held_reason

    @property
    def payee(self) -> str:
        s = self.schedule
        return f"{s.payee_name} ({PaymentMethod(s.method).label})"

    @property
    def rates(self) -> list[str]:
        lines = []
        for r in self.schedule.rates.all():
            weeks = f"week {r.first_week}" + (
                "" if r.last_week == r.first_week else f"–{r.last_week}" if r.last_week else " on"
            )
            lines.append(f"{weeks}: {money_text(r.weekly_rate)} a week")
        return lines

    def day(self, value: Any) -> str:
        return "—" if value is None else day_text(value)

    @property
    def first_day(self) -> str:
        return self.day(self.schedule.first_day)

    @property
    def last_day(self) -> str:
        return self.day(self.schedule.last_day)

    @property
    def paid_through(self) -> str:
        return self.day(self.schedule.paid_through)

    @property
    def next_due(self) -> str:
        return self.day(self.schedule.next_due)


def schedules_context(
    claim: Claim, *, may_work: bool, bound: Mapping[str, Any], stop_schedule: int = 0
) -> dict[str, Any]:
    """The schedules section's context: the rows, and for the claim's staff the start form."""
    schedules = PaymentSchedule.objects.filter(claim=claim).prefetch_related("rates").order_by("-pk")

    def stop_form(s: PaymentSchedule) -> ScheduleStopForm | None:
        if not may_work or s.status != ScheduleStatus.ACTIVE:
            return None
        if s.pk == stop_schedule and "schedule_stop" in bound:
            return bound["schedule_stop"]  # type: ignore[no-any-return]
        return ScheduleStopForm(prefix=f"stop-{s.pk}")

    context: dict[str, Any] = {"schedules": [ScheduleRow(s, stop_form(s)) for s in schedules]}
    if may_work:
        context["schedule_form"] = bound.get("schedule_start") or ScheduleStartForm(
            prefix="schedule", jurisdiction=claim.jurisdiction
        )
        context["schedule_refusal"] = schedule_refusal(claim.jurisdiction)
    return context
