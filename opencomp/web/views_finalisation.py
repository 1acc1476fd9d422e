"""Closing a claim (the pre-close checklist and the close form) and reopening it.

``/claims/<number>/close/`` shows every closing check with its state and a link to where it is
put right (the invoice, the schedule, the claim's diary, its financials), the form to record
telling a party of the intention to close, and the close form: the reason from seed 004's
Finalisation list, free text, and whether to release the remaining reserves. Closing runs the
checks again under the claim's lock; a failing one comes back on the form under its name.

``/claims/<number>/reopen/`` reopens a closed or finalised claim (why, when notified, the
evidence) and, once reopened for a recurrence or aggravation, records its determination.
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from opencomp.accounts.models import User
from opencomp.claims import lifecycle
from opencomp.claims.access import claim_get_for_user
from opencomp.claims.enums import ActivityChannel
from opencomp.claims.models import Claim
from opencomp.finalisation.access import user_can_close_claim, user_can_view_closure
from opencomp.finalisation.enums import (
    CloseTo,
    FinalisationReason,
    IntentionParty,
    RecurrenceOutcome,
    ReopenKind,
)
from opencomp.finalisation.selectors import (
    DISPUTES,
    INTENTION,
    INVOICES,
    OBLIGATIONS,
    REIMBURSEMENTS,
    RESERVES,
    ClosureCheck,
    claim_closures,
    claim_reopenings,
    closure_checklist,
    intention_events,
    pending_determination,
)
from opencomp.finalisation.services import (
    claim_close,
    claim_reopen,
    closure_intention_record,
    recurrence_determine,
)
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, textarea, yes_no


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


class IntentionForm(WebForm):
    party = forms.ChoiceField(label="Who was told", choices=IntentionParty.choices)
    party_name = forms.CharField(label="Their name", max_length=200, required=False)
    advised_on = forms.DateField(widget=date_input())
    channel = forms.ChoiceField(choices=ActivityChannel.choices)
    summary = forms.CharField(widget=textarea(2), max_length=2000, required=False)


class CloseForm(WebForm):
    to_status = forms.ChoiceField(label="Close as", choices=CloseTo.choices, widget=forms.RadioSelect)
    reason = forms.ChoiceField(
        label="Reason (seed 004's Finalisation list)", choices=FinalisationReason.choices
    )
    details = forms.CharField(widget=textarea(2), max_length=1500, required=False)
    release_reserves = forms.BooleanField(
        label="Release the remaining reserves (each set to what was paid)", required=False
    )
    expected_status = forms.CharField(widget=forms.HiddenInput, required=False)


class ReopenForm(WebForm):
    kind = forms.ChoiceField(label="Why", choices=ReopenKind.choices)
    notified_on = forms.DateField(label="Notified on", widget=date_input())
    evidence = forms.CharField(widget=textarea(2), max_length=1500)
    evidence.help_text = "What shows it: the certificate, report or decision, with its date."
    details = forms.CharField(widget=textarea(2), max_length=4000, required=False)
    expected_status = forms.CharField(widget=forms.HiddenInput, required=False)


class DeterminationForm(WebForm):
    outcome = forms.ChoiceField(choices=RecurrenceOutcome.choices, widget=forms.RadioSelect)
    decided_on = forms.DateField(label="Decided on", widget=date_input())
    further_treatment_required = yes_no("Further medical attention and treatment required?")
    reasons = forms.CharField(widget=textarea(3), max_length=4000)


def _link(claim: Claim, check: ClosureCheck, ref: object) -> str:
    """Where to put one blocking item right."""
    if check.key == INVOICES and isinstance(ref, int):
        return reverse("web:invoice_detail", args=[ref])
    if check.key == REIMBURSEMENTS and isinstance(ref, int):
        return reverse("web:reimbursement_detail", args=[ref])
    if check.key == OBLIGATIONS:
        return reverse("web:claim_obligations", args=[claim.number])
    if check.key == RESERVES:
        return reverse("web:claim_financials", args=[claim.number])
    if check.key == DISPUTES:
        return reverse("web:claim_disputes", args=[claim.number])
    if check.key == INTENTION:
        return "#intention"
    return reverse("web:claim_detail", args=[claim.number])


def _claim(request: HttpRequest, number: str) -> Claim:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_view_closure(user, claim), "You may not see this claim's closing checks.")
    return claim


def _close_page(
    request: HttpRequest,
    claim: Claim,
    *,
    form: CloseForm | None = None,
    intention_form: IntentionForm | None = None,
) -> HttpResponse:
    user = _user(request)
    may_close = user_can_close_claim(user, claim)
    checklist = closure_checklist(claim)
    checks = [
        {
            "check": c,
            "items": [{"text": i.text, "url": _link(claim, c, i.ref)} for i in c.items],
            "url": _link(claim, c, None),
        }
        for c in checklist.checks
    ]
    can_move = bool(lifecycle.allowed_transitions(claim.status) & {lifecycle.CLOSED, lifecycle.FINALISED})
    context = {
        "claim": claim,
        "checks": checks,
        "passed": checklist.passed,
        "may_close": may_close and can_move,
        "form": form
        if form is not None
        else CloseForm(initial={"to_status": CloseTo.CLOSED, "expected_status": claim.status}),
        "intention_form": intention_form if intention_form is not None else IntentionForm(prefix="intention"),
        "intentions": intention_events(claim),
        "closures": claim_closures(claim),
    }
    return render(request, "web/finalisation/close.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@application_errors
def claim_close_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim(request, number)
    if request.method == "GET":
        return _close_page(request, claim)
    require(user_can_close_claim(user, claim), "Only the claim's administrator closes it.")
    form = CloseForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["expected_status"] = data["expected_status"] or None
        try:
            claim = claim_close(actor=user, claim=claim, **data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(request, f"Claim {claim.number} is {claim.get_status_display().lower()}.")
            return redirect(reverse("web:claim_detail", args=[claim.number]))
    return _close_page(request, claim, form=form)


@login_required
@require_POST
@application_errors
def claim_close_intention_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim(request, number)
    require(user_can_close_claim(user, claim), "Only the claim's administrator closes it.")
    form = IntentionForm(request.POST, prefix="intention")
    if form.is_valid():
        try:
            closure_intention_record(actor=user, claim=claim, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            party = IntentionParty(form.cleaned_data["party"]).label.lower()
            messages.success(request, f"Recorded: the {party} was told of the intention to close.")
            return redirect(reverse("web:claim_close", args=[claim.number]))
    return _close_page(request, claim, intention_form=form)


def _reopen_page(
    request: HttpRequest,
    claim: Claim,
    *,
    form: ReopenForm | None = None,
    determination_form: DeterminationForm | None = None,
) -> HttpResponse:
    may = user_can_close_claim(_user(request), claim)
    pending = pending_determination(claim)
    context = {
        "claim": claim,
        "may_reopen": may and claim.status in {lifecycle.CLOSED, lifecycle.FINALISED},
        "form": form if form is not None else ReopenForm(initial={"expected_status": claim.status}),
        "pending": pending,
        "may_determine": may and pending is not None,
        "determination_form": determination_form
        if determination_form is not None
        else DeterminationForm(prefix="determination"),
        "reopenings": claim_reopenings(claim),
    }
    return render(request, "web/finalisation/reopen.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@application_errors
def claim_reopen_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim(request, number)
    if request.method == "GET":
        return _reopen_page(request, claim)
    require(user_can_close_claim(user, claim), "Only the claim's administrator reopens it.")
    form = ReopenForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["expected_status"] = data["expected_status"] or None
        try:
            claim = claim_reopen(actor=user, claim=claim, **data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(
                request, f"Claim {claim.number} is reopened ({ReopenKind(data['kind']).label.lower()})."
            )
            return redirect(reverse("web:claim_reopen", args=[claim.number]))
    return _reopen_page(request, claim, form=form)


@login_required
@require_POST
@application_errors
def claim_recurrence_determine_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim(request, number)
    require(user_can_close_claim(user, claim), "Only the claim's administrator determines a recurrence.")
    form = DeterminationForm(request.POST, prefix="determination")
    if form.is_valid():
        try:
            recurrence_determine(actor=user, claim=claim, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(request, f"{RecurrenceOutcome(form.cleaned_data['outcome']).label}.")
            return redirect(reverse("web:claim_reopen", args=[claim.number]))
    return _reopen_page(request, claim, determination_form=form)
