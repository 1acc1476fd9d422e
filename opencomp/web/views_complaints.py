"""A claim's complaints page: the complaints with their stages, and the forms that move them on.

``/claims/<number>/complaints/`` lists the claim's complaints (its staff, auditor and compliance
officer; 403 for others who see the claim) and, for its staff, the form to record one. Each
complaint offers the next step of seed 004's three stages only: a progress contact at any
stage, then the stage 1 outcome, the escalation to stage 2, senior management's final
decision (supervisors) and the stage 3 referral, each posted to
``/claims/<number>/complaints/<pk>/<step>/``.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from opencomp.accounts.models import User
from opencomp.claims.access import claim_get_for_user
from opencomp.claims.enums import ActivityChannel, ActivityDirection
from opencomp.claims.models import Claim
from opencomp.complaints.access import (
    user_can_decide_stage_2,
    user_can_handle_complaints,
    user_can_view_complaints,
)
from opencomp.complaints.enums import ComplainantKind, ComplaintStatus, ExternalBody
from opencomp.complaints.models import Complaint
from opencomp.complaints.selectors import claim_complaints, complaint_get
from opencomp.complaints.services import (
    complaint_contact_record,
    complaint_escalate,
    complaint_final_decide,
    complaint_receive,
    complaint_refer,
    complaint_stage_1_decide,
)
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, textarea


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


class ComplaintForm(WebForm):
    complainant_kind = forms.ChoiceField(label="Raised by", choices=ComplainantKind.choices)
    complainant_name = forms.CharField(label="Their name", max_length=200)
    received_on = forms.DateField(widget=date_input())
    channel = forms.ChoiceField(label="Received by", choices=ActivityChannel.choices)
    subject = forms.CharField(max_length=200)
    details = forms.CharField(widget=textarea(4), max_length=8000)


class ContactForm(WebForm):
    contacted_on = forms.DateField(widget=date_input())
    channel = forms.ChoiceField(choices=ActivityChannel.choices)
    direction = forms.ChoiceField(choices=ActivityDirection.choices)
    summary = forms.CharField(widget=textarea(2), max_length=4000)


class Stage1Form(WebForm):
    outcome = forms.CharField(label="Stage 1 outcome", widget=textarea(3), max_length=8000)
    decided_on = forms.DateField(widget=date_input())


class EscalateForm(WebForm):
    escalated_on = forms.DateField(widget=date_input())
    reason = forms.CharField(
        label="Why the complainant is not satisfied", widget=textarea(2), max_length=4000
    )


class FinalForm(WebForm):
    decision = forms.CharField(label="Final decision", widget=textarea(3), max_length=8000)
    decided_on = forms.DateField(widget=date_input())


class ReferForm(WebForm):
    body = forms.ChoiceField(label="Referred to", choices=ExternalBody.choices)
    referred_on = forms.DateField(widget=date_input())
    reference = forms.CharField(label="Their reference", max_length=100, required=False)
    note = forms.CharField(widget=textarea(2), max_length=2000, required=False)


#: Each step: its form, its service, the status it needs, and what the message says.
STEPS: dict[str, tuple[type[WebForm], Any, str, str]] = {
    "contact": (ContactForm, complaint_contact_record, "", "Progress contact logged."),
    "stage-1": (Stage1Form, complaint_stage_1_decide, ComplaintStatus.STAGE_1, "Stage 1 outcome recorded."),
    "escalate": (EscalateForm, complaint_escalate, ComplaintStatus.STAGE_1_DECIDED, "Escalated to stage 2."),
    "final": (FinalForm, complaint_final_decide, ComplaintStatus.STAGE_2, "Final decision recorded."),
    "refer": (
        ReferForm,
        complaint_refer,
        ComplaintStatus.FINAL_DECIDED,
        "Referral to the external body recorded.",
    ),
}


def _step_forms(user: User, claim: Claim, complaint: Complaint) -> dict[str, WebForm]:
    """The forms this user may use on ``complaint`` now: a contact, and the one next step."""
    if not user_can_handle_complaints(user, claim):
        return {}
    prefix = f"c{complaint.pk}"
    offered: dict[str, WebForm] = {}
    for step, (form_class, _service, needs, _done) in STEPS.items():
        if needs and needs != complaint.status:
            continue
        if step == "final" and not user_can_decide_stage_2(user, claim):
            continue
        offered[step] = form_class(prefix=f"{prefix}-{step}")
    return offered


def _page(
    request: HttpRequest,
    claim: Claim,
    *,
    form: ComplaintForm | None = None,
    failed: tuple[int, str, WebForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    may_handle = user_can_handle_complaints(user, claim)
    rows = []
    for complaint in claim_complaints(claim=claim).prefetch_related("contacts"):
        steps = _step_forms(user, claim, complaint)
        if failed and failed[0] == complaint.pk:
            steps[failed[1]] = failed[2]
        rows.append({"complaint": complaint, "steps": steps})
    context = {
        "claim": claim,
        "rows": rows,
        "may_handle": may_handle,
        "form": form if form is not None else (ComplaintForm() if may_handle else None),
        "may_decide_stage_2": user_can_decide_stage_2(user, claim),
    }
    return render(request, "web/complaints/list.html", context, status=status)


def _claim(request: HttpRequest, number: str) -> Claim:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_view_complaints(user, claim), "You may not see this claim's complaints.")
    return claim


@login_required
@require_http_methods(["GET", "POST"])
@application_errors
def claim_complaints_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim(request, number)
    if request.method == "GET":
        return _page(request, claim)
    require(user_can_handle_complaints(user, claim), "Only the claim's administrator handles its complaints.")
    form = ComplaintForm(request.POST)
    if form.is_valid():
        try:
            complaint = complaint_receive(actor=user, claim=claim, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(request, f"Complaint “{complaint.subject}” recorded: stage 1 has begun.")
            return redirect(reverse("web:claim_complaints", args=[claim.number]))
    return _page(request, claim, form=form)


@login_required
@require_POST
@application_errors
def claim_complaint_step_view(request: HttpRequest, number: str, pk: int, step: str) -> HttpResponse:
    user = _user(request)
    claim = _claim(request, number)
    complaint = complaint_get(claim=claim, pk=pk)
    if step not in STEPS:
        raise Http404(f"No step {step!r}.")
    require(user_can_handle_complaints(user, claim), "Only the claim's administrator handles its complaints.")
    form_class, service, _needs, done = STEPS[step]
    form = form_class(request.POST, prefix=f"c{complaint.pk}-{step}")
    if form.is_valid():
        try:
            service(actor=user, complaint=complaint, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(request, done)
            return redirect(
                reverse("web:claim_complaints", args=[claim.number]) + f"#complaint-{complaint.pk}"
            )
    return _page(request, claim, failed=(complaint.pk, step, form))
