"""Start and stop a claim's payment schedules from its financials page.

Both forms post here and come back to the page (``#schedules``), or re-render it
with the errors beside the fields; the claim's staff only (``views_financials``
owns the page and its access checks).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from opencomp.core.errors import NotFound
from opencomp.payments.models import PaymentSchedule
from opencomp.payments.schedule_services import payment_schedule_start, payment_schedule_stop
from opencomp.web import views_financials as financials
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply
from opencomp.web.schedules import ScheduleStartForm, ScheduleStopForm
from opencomp.web.views_benefits import BENEFIT_LABELS, day_text


@login_required
@require_POST
@application_errors
def claim_schedule_start_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = financials._claim_to_work(request, number)
    form = ScheduleStartForm(request.POST, prefix="schedule", jurisdiction=claim.jurisdiction)
    if form.is_valid():
        data = form.cleaned_data
        try:
            schedule = payment_schedule_start(
                actor=financials._user(request),
                claim=claim,
                benefit=data["benefit"],
                first_day=data["first_day"],
                interval_days=data["interval_days"],
                method=data["method"],
                note=data["note"] or "",
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            due = f", first payment due {day_text(schedule.next_due)}" if schedule.next_due else ""
            benefit = BENEFIT_LABELS.get(schedule.benefit, schedule.benefit)
            notice = (
                f"Payment schedule #{schedule.pk} started: {benefit}"
                f" every {schedule.interval_days} days from {day_text(schedule.first_day)}{due}."
            )
            return financials._done(request, claim, notice, "schedules")
    return financials._financials_page(request, claim, bound={"schedule_start": form, "form": form})


@login_required
@require_POST
@application_errors
def claim_schedule_stop_view(request: HttpRequest, number: str, schedule_id: int) -> HttpResponse:
    claim = financials._claim_to_work(request, number)
    schedule = PaymentSchedule.objects.filter(pk=schedule_id, claim=claim).select_related("claim").first()
    if schedule is None:
        raise NotFound(f"Payment schedule #{schedule_id} was not found on claim {claim.number}.")
    form = ScheduleStopForm(request.POST, prefix=f"stop-{schedule.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            stopped = payment_schedule_stop(
                actor=financials._user(request),
                schedule=schedule,
                reason=data["reason"],
                last_day=data["last_day"],
                note=data["note"] or "",
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            notice = (
                f"Payment schedule #{stopped.pk} stopped: nothing after {day_text(data['last_day'])} is paid"
                f"; paid through {day_text(stopped.paid_through) if stopped.paid_through else 'nothing yet'}."
            )
            return financials._done(request, claim, notice, "schedules")
    bound = {"schedule_stop": form, "form": form}
    return financials._financials_page(request, claim, bound=bound, stop_schedule=schedule.pk)
