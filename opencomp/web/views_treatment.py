"""A claim's treatment requests page, and the ICD-10-CM autocomplete.

``/claims/<number>/treatment/`` shows those entitled to the claim's medical detail every
treatment request (service, provider, number, cost, diagnosis codes on US claims), whether it
needed pre-approval, its decision deadline from the rule pack (NSW: 21 days from receipt) and
its decision with reasons. Those who work the claim also get the forms: record a request,
acknowledge it, decide it. Employers, pool administrators and auditors are refused (403).

``/icd10cm/options/`` answers the diagnosis field's htmx request with a ``<datalist>`` of
matching billable codes; the code set loads on the first search, never at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from opencomp.accounts.models import User
from opencomp.claims.access import claim_get_for_user
from opencomp.claims.models import Claim
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.parties.models import Provider
from opencomp.treatment import icd10cm
from opencomp.treatment.access import (
    user_can_manage_treatment,
    user_can_read_treatment,
    user_can_search_diagnoses,
)
from opencomp.treatment.enums import TreatmentDecision, TreatmentService, TreatmentStatus
from opencomp.treatment.selectors import (
    TreatmentRow,
    claim_treatment_requests,
    treatment_request_get_for_user,
    treatment_rows,
)
from opencomp.treatment.services import (
    treatment_reads_record,
    treatment_request_acknowledge,
    treatment_request_decide,
    treatment_request_record,
)
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, textarea

CHOOSE = ("", "Choose…")
READ_REFUSED = "Your role does not read this claim's treatment requests."
WRITE_REFUSED = "Only those who work the claim record and decide treatment requests."
_SPLIT = re.compile(r"[,\s]+")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


def _is_us(claim: Claim) -> bool:
    return JURISDICTIONS[claim.jurisdiction].country == "US"


def _claim_providers(claim: Claim) -> QuerySet[Provider]:
    return Provider.objects.filter(
        pk__in=claim.participants.filter(provider__isnull=False).values("provider_id")
    )


class RequestForm(WebForm):
    service = forms.ChoiceField(label="Service", choices=[CHOOSE, *TreatmentService.choices], required=False)
    description = forms.CharField(
        label="Details", required=False, max_length=500, help_text="Needed for “Other”."
    )
    provider = forms.ModelChoiceField(
        label="Provider on the claim", queryset=Provider.objects.none(), required=False
    )
    provider_name = forms.CharField(
        label="Or the provider's name", required=False, max_length=200, help_text="When not on the claim."
    )
    treatments = forms.IntegerField(label="Number of treatments", required=False, min_value=1)
    estimated_cost = forms.DecimalField(
        label="Estimated cost", required=False, min_value=0, max_digits=12, decimal_places=2
    )
    requested_on = forms.DateField(
        label="Requested on",
        required=False,
        widget=date_input(),
        help_text="The date of the provider's request.",
    )
    received_on = forms.DateField(label="Received on", required=False, widget=date_input())
    diagnosis_codes = forms.CharField(
        label="Diagnosis (ICD-10-CM)",
        required=False,
        max_length=200,
        help_text="Type a code or words and choose; separate several codes with commas.",
    )

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "treatment")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["provider"]).queryset = _claim_providers(claim)  # type: ignore[type-arg]
        if _is_us(claim):
            self.fields["diagnosis_codes"].widget.attrs.update(
                {
                    "list": "icd-options",
                    "autocomplete": "off",
                    "hx-get": reverse("web:icd10cm_options"),
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": "#icd-options",
                    "hx-swap": "outerHTML",
                }
            )
        else:
            del self.fields["diagnosis_codes"]  # ICD-10-CM is for US claims
        for name in ("service", "treatments", "estimated_cost", "requested_on", "received_on"):
            self.fields[name].show_optional = False  # type: ignore[attr-defined]  # the service requires them

    def service_kwargs(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        codes = values.pop("diagnosis_codes", "") or ""
        values["diagnosis_codes"] = [c for c in _SPLIT.split(codes) if c]
        return values


class AcknowledgeForm(WebForm):
    note = forms.CharField(label="Note", required=False, max_length=2000)


class DecideForm(WebForm):
    decision = forms.ChoiceField(
        label="Decision", choices=[CHOOSE, *TreatmentDecision.choices], required=False
    )
    approved_treatments = forms.IntegerField(
        label="Treatments approved", required=False, min_value=0, help_text="Partly approved only."
    )
    approved_cost = forms.DecimalField(
        label="Cost approved", required=False, min_value=0, max_digits=12, decimal_places=2
    )
    reasons = forms.CharField(label="Reasons", required=False, widget=textarea(2), max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("decision", "reasons"):
            self.fields[name].show_optional = False  # type: ignore[attr-defined]


@dataclass
class Row:
    row: TreatmentRow
    diagnoses: list[icd10cm.Diagnosis]
    acknowledge: AcknowledgeForm | None
    decide: DecideForm | None


def _page(request: HttpRequest, claim: Claim, *, bound: dict[str, Any] | None = None) -> HttpResponse:
    user = _user(request)
    bound = bound or {}
    may_manage = user_can_manage_treatment(user, claim)
    acknowledge = bound.get("acknowledge", (None, None))
    decide = bound.get("decide", (None, None))
    requests = list(claim_treatment_requests(claim=claim))
    treatment_reads_record(user=user, claim=claim, requests=requests, channel="web")
    rows = []
    for item in treatment_rows(claim, requests):
        r = item.request
        open_ = r.status in (TreatmentStatus.RECEIVED, TreatmentStatus.ACKNOWLEDGED)
        rows.append(
            Row(
                row=item,
                diagnoses=[icd10cm.lookup(c) or icd10cm.Diagnosis(c, "") for c in r.diagnosis_codes],
                acknowledge=(
                    (acknowledge[1] if acknowledge[0] == r.pk else AcknowledgeForm(prefix=f"ack-{r.pk}"))
                    if may_manage and r.status == TreatmentStatus.RECEIVED
                    else None
                ),
                decide=(
                    (decide[1] if decide[0] == r.pk else DecideForm(prefix=f"decide-{r.pk}"))
                    if may_manage and open_
                    else None
                ),
            )
        )
    context: dict[str, Any] = {"claim": claim, "may_manage": may_manage, "rows": rows, "is_us": _is_us(claim)}
    if may_manage:
        context["request_form"] = bound.get("request") or RequestForm(claim=claim)
    failed = [v[1] if isinstance(v, tuple) else v for v in bound.values()]
    if failed:
        context["form"] = failed[0]
    return render(request, "web/treatment/page.html", context)


def _readable(request: HttpRequest, number: str) -> Claim:
    claim = claim_get_for_user(number=number, user=_user(request))
    require(user_can_read_treatment(_user(request), claim), READ_REFUSED)
    return claim


def _workable(request: HttpRequest, number: str) -> Claim:
    claim = _readable(request, number)
    require(user_can_manage_treatment(_user(request), claim), WRITE_REFUSED)
    return claim


def _done(request: HttpRequest, claim: Claim, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("web:claim_treatment", args=[claim.number]))


@login_required
@require_GET
@application_errors
def claim_treatment_view(request: HttpRequest, number: str) -> HttpResponse:
    return _page(request, _readable(request, number))


@login_required
@require_POST
@application_errors
def claim_treatment_record_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _workable(request, number)
    form = RequestForm(request.POST, claim=claim)
    if form.is_valid():
        try:
            created = treatment_request_record(actor=_user(request), claim=claim, **form.service_kwargs())
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            if created.status == TreatmentStatus.EXEMPT:
                return _done(request, claim, "The treatment request was recorded; it needs no pre-approval.")
            return _done(request, claim, "The treatment request was recorded.")
    return _page(request, claim, bound={"request": form})


@login_required
@require_POST
@application_errors
def claim_treatment_acknowledge_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    claim = _workable(request, number)
    found = treatment_request_get_for_user(user=_user(request), claim=claim, pk=pk)
    form = AcknowledgeForm(request.POST, prefix=f"ack-{pk}")
    if form.is_valid():
        try:
            treatment_request_acknowledge(actor=_user(request), request=found, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, "The treatment request was acknowledged.")
    return _page(request, claim, bound={"acknowledge": (pk, form)})


@login_required
@require_POST
@application_errors
def claim_treatment_decide_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    claim = _workable(request, number)
    found = treatment_request_get_for_user(user=_user(request), claim=claim, pk=pk)
    form = DecideForm(request.POST, prefix=f"decide-{pk}")
    if form.is_valid():
        try:
            treatment_request_decide(actor=_user(request), request=found, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, "The treatment request was decided; send the decision notice.")
    return _page(request, claim, bound={"decide": (pk, form)})


@login_required
@require_GET
@application_errors
def icd10cm_options_view(request: HttpRequest) -> HttpResponse:
    """The ``<datalist>`` of codes matching the last code typed in the diagnosis field (or ``q``)."""
    require(user_can_search_diagnoses(_user(request)), "Your role does not search diagnosis codes.")
    typed = request.GET.get("q") or request.GET.get("treatment-diagnosis_codes", "")
    before, _, last = typed.rpartition(",")
    prefix = f"{before.strip()}, " if before.strip() else ""
    results = icd10cm.search(last.strip()[:100], limit=icd10cm.LIMIT) if last.strip() else []
    return render(
        request, "web/treatment/icd_options.html", {"options": [(prefix + d.code, d) for d in results]}
    )
