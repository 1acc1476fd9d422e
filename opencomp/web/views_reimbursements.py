"""Employer wage reimbursement schedules (WRS) pages.

- ``/claims/<number>/wage-reimbursements/new/``: the employer (or the claim's staff,
  keying a paper form) sends a schedule, as a CSV file in the form's columns or week by
  week in the form below it;
- ``/wage-reimbursements/<pk>/``: one schedule, its weeks against the rate in force; the
  claim's staff decide it and reimburse the employer;
- ``/wage-reimbursements/``: the book-wide queue of schedules still to decide or pay on
  the user's claims, soonest due first;
- a "Wage reimbursements" card on the claim's financials page (NSW claims).

Workers and treating providers see none of it; employers see their own workers' claims.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencomp.accounts.models import User
from opencomp.claims.access import claim_get_for_user, user_can_work_claim
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.core.errors import ApplicationError
from opencomp.payments.enums import PaymentMethod
from opencomp.payments.models_reimbursements import (
    ReimbursementChannel,
    ReimbursementStatus,
    WageReimbursement,
)
from opencomp.payments.reimbursement_csv import MAX_BYTES, reimbursement_csv_parse
from opencomp.payments.reimbursement_selectors import (
    reimbursement_get_for_user,
    reimbursement_list,
    reimbursement_queue,
    user_can_view_reimbursement_queue,
    user_can_view_reimbursements,
)
from opencomp.payments.reimbursement_services import (
    WeekLine,
    reimbursable_weeks,
    user_can_submit_reimbursement,
    wage_reimbursement_decide,
    wage_reimbursement_reimburse,
    wage_reimbursement_submit,
)
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, textarea
from opencomp.web.views_benefits import money_text

SUBMIT_TEMPLATE = "web/reimbursements/submit.html"
DETAIL_TEMPLATE = "web/reimbursements/detail.html"
QUEUE_TEMPLATE = "web/reimbursements/queue.html"
NOT_SEEN = "Workers and providers do not see a claim's wage reimbursements."
WEEK_ROWS = 2
PER_PAGE = 50
ZERO = Decimal("0.00")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


# Forms ------------------------------------------------------------------------------------------


def _amount(label: str, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def _hours(label: str) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, max_digits=6, decimal_places=2, min_value=0)


class UploadForm(WebForm):
    file = forms.FileField(
        label="CSV file",
        help_text="One row per entitlement week: week_number, week_from, week_to, earnings, hours_worked, "
        "hours_lost, amount_claimed (the form's column names are accepted too).",
    )


class WeekForm(WebForm):
    week_number = forms.IntegerField(label="Week", min_value=1)
    week_from = forms.DateField(label="From", widget=date_input())
    week_to = forms.DateField(label="To", widget=date_input())
    earnings = _amount("Earnings", required=False)
    hours_worked = _hours("Hours worked")
    hours_lost = _hours("Hours lost")
    amount_claimed = _amount("Reimbursement")


WeekFormSet = forms.formset_factory(WeekForm, extra=WEEK_ROWS, max_num=52, validate_max=True)


class DecideForm(WebForm):
    decision = forms.ChoiceField(choices=[("review", "Check against the rates"), ("reject", "Reject")])
    note = forms.CharField(
        widget=textarea(2), required=False, max_length=2000, help_text="Required to reject the schedule."
    )


class ReimburseForm(WebForm):
    method = forms.ChoiceField(choices=PaymentMethod.choices)


def _week_lines(formset: Any) -> list[WeekLine]:
    lines = []
    for i, form in enumerate(formset.forms):
        data = form.cleaned_data
        if not data:
            continue
        lines.append(
            WeekLine(
                week_number=data["week_number"],
                week_from=data["week_from"],
                week_to=data["week_to"],
                amount_claimed=data["amount_claimed"],
                earnings=data.get("earnings") or ZERO,
                hours_worked=data.get("hours_worked") or ZERO,
                hours_lost=data.get("hours_lost"),
                label=f"weeks.{i}",
            )
        )
    return lines


# The claim's card on its financials page -----------------------------------------------------------


def reimbursement_context(user: User, claim: Claim) -> dict[str, Any]:
    """What the financials page's "Wage reimbursements" card shows (nothing outside NSW)."""
    if claim.jurisdiction != "NSW" or not user_can_view_reimbursements(user, claim):
        return {"wrs": None}
    return {
        "wrs": list(reimbursement_list(claim=claim)),
        "may_submit_wrs": user_can_submit_reimbursement(user, claim),
    }


# Submit ------------------------------------------------------------------------------------------


def _claim_to_submit(request: HttpRequest, number: str) -> Claim:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_view_reimbursements(user, claim), NOT_SEEN)
    require(
        user_can_submit_reimbursement(user, claim),
        "Only the claim's employer, or its claims staff, send a wage reimbursement schedule.",
    )
    return claim


def _submit_page(request: HttpRequest, claim: Claim, upload: UploadForm, weeks: Any) -> HttpResponse:
    return render(
        request,
        SUBMIT_TEMPLATE,
        {"claim": claim, "upload_form": upload, "formset": weeks, "form": upload if upload.errors else weeks},
    )


def _sent(request: HttpRequest, reimbursement: WageReimbursement) -> HttpResponse:
    messages.success(
        request,
        f"Wage reimbursement schedule #{reimbursement.pk} received: {reimbursement.weeks.count()} week(s), "
        f"{money_text(reimbursement.amount_claimed)} claimed.",
    )
    return redirect("web:reimbursement_detail", pk=reimbursement.pk)


@login_required
@require_http_methods(["GET", "POST"])
@application_errors
def claim_reimbursement_submit_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim_to_submit(request, number)
    upload = UploadForm(prefix="upload")
    if request.method == "GET":
        return _submit_page(request, claim, upload, WeekFormSet(prefix="weeks", initial=_next_weeks(claim)))
    weeks = WeekFormSet(prefix="weeks")
    if request.FILES:
        upload = UploadForm(request.POST, request.FILES, prefix="upload")
        if upload.is_valid():
            try:
                data = upload.cleaned_data["file"].read(MAX_BYTES + 1)
                lines = reimbursement_csv_parse(data)
                sent = wage_reimbursement_submit(
                    actor=user, claim=claim, weeks=lines, channel=ReimbursementChannel.CSV
                )
            except FORM_ERRORS as exc:
                _all_on_form(upload, exc)
            else:
                return _sent(request, sent)
        return _submit_page(request, claim, upload, weeks)
    weeks = WeekFormSet(request.POST, prefix="weeks")
    if weeks.is_valid():
        try:
            sent = wage_reimbursement_submit(
                actor=user, claim=claim, weeks=_week_lines(weeks), channel=ReimbursementChannel.WEB
            )
        except FORM_ERRORS as exc:
            _weeks_errors(weeks, exc)
        else:
            return _sent(request, sent)
    return _submit_page(request, claim, upload, weeks)


def _next_weeks(claim: Claim) -> list[dict[str, Any]]:
    """The first two weeks a schedule may claim (decided rate, ended, unpaid), to fill in the rows."""
    today = claim_today(claim)
    weeks = reimbursable_weeks(claim=claim, through=today)[:WEEK_ROWS]
    return [{"week_number": n, "week_from": first, "week_to": last} for n, first, last, _rate in weeks]


def _all_on_form(form: forms.BaseForm, exc: ApplicationError) -> None:
    """A file's errors name rows (``row 3, earnings``): each one above the form, as it is."""
    if not exc.errors:
        form.add_error(None, exc.message)
    for error in exc.errors:
        form.add_error(None, f"{error.field}: {error.message}")


def _weeks_errors(formset: Any, exc: ApplicationError) -> None:
    """Put ``weeks.<i>.<column>`` errors on that row's field; the others above the week rows."""
    first = formset.forms[0]
    if not exc.errors:
        first.add_error(None, exc.message)
    for error in exc.errors:
        _, i, column = ([*error.field.split("."), "", ""])[:3]
        form = formset.forms[int(i)] if i.isdigit() and int(i) < len(formset.forms) else None
        if form is not None and column in form.fields:
            form.add_error(column, error.message)
        else:
            first.add_error(None, f"{error.field}: {error.message}")


# One schedule ------------------------------------------------------------------------------------


def _reimbursement(request: HttpRequest, pk: int) -> WageReimbursement:
    user = _user(request)
    reimbursement = reimbursement_get_for_user(pk=pk, user=user)
    require(user_can_view_reimbursements(user, reimbursement.claim), NOT_SEEN)
    return reimbursement


def _detail_page(
    request: HttpRequest,
    reimbursement: WageReimbursement,
    *,
    decide: DecideForm | None = None,
    reimburse: ReimburseForm | None = None,
) -> HttpResponse:
    user = _user(request)
    may_work = user_can_work_claim(user, reimbursement.claim)
    status = reimbursement.status
    context = {
        "claim": reimbursement.claim,
        "r": reimbursement,
        "weeks": list(reimbursement.weeks.order_by("week_number")),
        "may_work": may_work,
        "decide_form": (decide or DecideForm(prefix="decide"))
        if may_work and status == ReimbursementStatus.SUBMITTED
        else None,
        "reimburse_form": (reimburse or ReimburseForm(prefix="reimburse"))
        if may_work and status in ReimbursementStatus.payable_values()
        else None,
        "form": decide or reimburse,
    }
    return render(request, DETAIL_TEMPLATE, context)


@login_required
@require_GET
@application_errors
def reimbursement_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _reimbursement(request, pk))


def _require_works(request: HttpRequest, reimbursement: WageReimbursement) -> None:
    require(
        user_can_work_claim(_user(request), reimbursement.claim),
        "Only the claim's administrator decides and reimburses a wage reimbursement schedule.",
    )


@login_required
@require_POST
@application_errors
def reimbursement_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    reimbursement = _reimbursement(request, pk)
    _require_works(request, reimbursement)
    form = DecideForm(request.POST, prefix="decide")
    if form.is_valid():
        try:
            decided = wage_reimbursement_decide(
                actor=_user(request),
                reimbursement=reimbursement,
                reject=form.cleaned_data["decision"] == "reject",
                note=form.cleaned_data["note"],
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(
                request,
                f"Schedule #{decided.pk} {decided.get_status_display().lower()}: "
                f"{money_text(decided.amount_approved)} of {money_text(decided.amount_claimed)} allowed.",
            )
            return redirect("web:reimbursement_detail", pk=decided.pk)
    return _detail_page(request, reimbursement, decide=form)


@login_required
@require_POST
@application_errors
def reimbursement_reimburse_view(request: HttpRequest, pk: int) -> HttpResponse:
    reimbursement = _reimbursement(request, pk)
    _require_works(request, reimbursement)
    form = ReimburseForm(request.POST, prefix="reimburse")
    if form.is_valid():
        try:
            paid = wage_reimbursement_reimburse(
                actor=_user(request), reimbursement=reimbursement, method=form.cleaned_data["method"]
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            if paid.status == ReimbursementStatus.AWAITING_APPROVAL:
                messages.info(
                    request,
                    f"Above your payment authority: the payment to {paid.employer.name} waits in the "
                    "supervisors' approval queue.",
                )
            else:
                messages.success(
                    request, f"{paid.employer.name} reimbursed {money_text(paid.amount_approved)}."
                )
            return redirect("web:reimbursement_detail", pk=paid.pk)
    return _detail_page(request, reimbursement, reimburse=form)


# The book-wide queue -----------------------------------------------------------------------------


@login_required
@require_GET
@application_errors
def reimbursement_queue_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(user_can_view_reimbursement_queue(user), NOT_SEEN)
    status = request.GET.get("status", "")
    if status not in ReimbursementStatus.open_values():
        status = ""
    page = Paginator(reimbursement_queue(user=user, status=status or None), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        QUEUE_TEMPLATE,
        {
            "page": page,
            "status": status,
            "statuses": [(s, ReimbursementStatus(s).label) for s in ReimbursementStatus.open_values()],
        },
    )
