"""A claim's physicians and examinations page.

``/claims/<number>/physicians/`` shows those entitled to the claim's medical detail the treating
doctor (CO designated / NSW nominated) with its history, the change requests with their due
dates (CO: deemed approved when unanswered after 20 days, seed 003), IME and injury management
consultant referrals, MMI and impairment ratings, with (CO) the combined cap the latest rating
gives. Those who work the claim also get the forms. Employers, pool administrators and auditors
are refused (403).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from opencomp.accounts.models import User
from opencomp.benefits.selectors import co_combined_cap
from opencomp.claims.access import claim_get_for_user
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import medical_read_record
from opencomp.core.errors import NotFound
from opencomp.documents.enums import DocumentCategory
from opencomp.documents.models import ClaimDocument
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.parties.models import Provider
from opencomp.physicians import selectors
from opencomp.physicians.access import user_can_manage_physicians, user_can_read_physicians
from opencomp.physicians.enums import (
    CHANGE_NEEDS_REASONS,
    ChangeDecision,
    ChangeStatus,
    HowChosen,
    ImcStatus,
    ImeOutcome,
    ImeStatus,
    RatingBasis,
)
from opencomp.physicians.models import ImcReferral, ImeReferral, PhysicianChangeRequest
from opencomp.physicians.services import (
    DIFFERENT_DOCTOR_REASONS,
    imc_outcome_record,
    imc_refer,
    ime_notice_period,
    ime_outcome_record,
    ime_refer,
    impairment_rate,
    mmi_record,
    physician_change_decide,
    physician_change_request,
    rating_kind_for,
    treating_doctor_designate,
)
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, textarea

CHOOSE = ("", "Choose…")
READ_REFUSED = "Your role does not read this claim's medical detail."
WRITE_REFUSED = "Only those who work the claim record treating doctors, examinations and ratings."


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


def _claim_providers(claim: Claim) -> QuerySet[Provider]:
    return Provider.objects.filter(
        pk__in=claim.participants.filter(provider__isnull=False).values("provider_id")
    )


def _documents(claim: Claim, *categories: str) -> QuerySet[ClaimDocument]:
    return ClaimDocument.objects.filter(claim=claim, category__in=categories)


def _required(form: forms.Form, *names: str) -> None:
    for name in names:
        form.fields[name].show_optional = False  # type: ignore[attr-defined]  # the service requires them


class DesignateForm(WebForm):
    provider = forms.ModelChoiceField(
        label="Doctor on the claim", queryset=Provider.objects.none(), required=False
    )
    doctor_name = forms.CharField(label="Or the doctor's name", required=False, max_length=200)
    practice_name = forms.CharField(label="Practice", required=False, max_length=200)
    from_date = forms.DateField(label="Treating from", required=False, widget=date_input())
    how_chosen = forms.ChoiceField(label="How chosen", required=False)

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "designate")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["provider"]).queryset = _claim_providers(claim)  # type: ignore[type-arg]
        allowed = (
            [HowChosen.NOMINATED]
            if claim.jurisdiction in CHANGE_NEEDS_REASONS
            else [HowChosen.DESIGNATED, HowChosen.WORKER_CHOICE]
        )
        cast(forms.ChoiceField, self.fields["how_chosen"]).choices = [
            CHOOSE,
            *[(c.value, c.label) for c in allowed],
        ]
        _required(self, "from_date", "how_chosen")


class ChangeForm(WebForm):
    doctor_name = forms.CharField(label="Doctor asked for", required=False, max_length=200)
    practice_name = forms.CharField(label="Practice", required=False, max_length=200)
    reasons = forms.CharField(
        label="The worker's reasons", required=False, widget=textarea(2), max_length=2000
    )
    received_on = forms.DateField(label="Received on", required=False, widget=date_input())

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "change")
        super().__init__(*args, **kwargs)
        _required(self, "doctor_name", "received_on")
        if claim.jurisdiction in CHANGE_NEEDS_REASONS:
            _required(self, "reasons")


class ChangeDecisionForm(WebForm):
    decision = forms.ChoiceField(label="Decision", choices=[CHOOSE, *ChangeDecision.choices], required=False)
    reasons = forms.CharField(label="Reasons", required=False, widget=textarea(2), max_length=2000)
    effective_on = forms.DateField(
        label="New doctor from", required=False, widget=date_input(), help_text="Approval; default today."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _required(self, "decision", "reasons")


class MmiForm(WebForm):
    mmi_date = forms.DateField(label="MMI date", required=False, widget=date_input())
    physician_name = forms.CharField(
        label="Physician", required=False, max_length=200, help_text="Default: the treating doctor."
    )
    report = forms.ModelChoiceField(label="Report", queryset=ClaimDocument.objects.none(), required=False)
    note = forms.CharField(label="Note", required=False, widget=textarea(2), max_length=2000)

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "mmi")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["report"]).queryset = _documents(  # type: ignore[type-arg]
            claim, DocumentCategory.MEDICAL_REPORT, DocumentCategory.IME_REPORT
        )
        _required(self, "mmi_date")


class RatingForm(WebForm):
    percent = forms.DecimalField(
        label="Rating %", required=False, min_value=0, max_value=100, decimal_places=2
    )
    basis = forms.ChoiceField(label="Basis", choices=RatingBasis.choices, required=False)
    body_part = forms.CharField(label="Body part (scheduled)", required=False, max_length=200)
    rater_name = forms.CharField(label="Rated by", required=False, max_length=200)
    rated_on = forms.DateField(label="Rated on", required=False, widget=date_input())
    report = forms.ModelChoiceField(label="Report", queryset=ClaimDocument.objects.none(), required=False)
    note = forms.CharField(label="Note", required=False, widget=textarea(2), max_length=2000)

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "rating")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["report"]).queryset = _documents(  # type: ignore[type-arg]
            claim, DocumentCategory.MEDICAL_REPORT, DocumentCategory.IME_REPORT
        )
        if rating_kind_for(claim) == "wpi":
            del self.fields["basis"]
            del self.fields["body_part"]
        _required(self, "percent", "rater_name", "rated_on")

    def service_kwargs(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        values["basis"] = values.get("basis") or RatingBasis.WHOLE_PERSON
        return values


class ImeForm(WebForm):
    provider = forms.ModelChoiceField(
        label="Doctor on the claim", queryset=Provider.objects.none(), required=False
    )
    doctor_name = forms.CharField(label="Or the examining doctor", required=False, max_length=200)
    specialty = forms.CharField(label="Specialty", required=False, max_length=100)
    purpose = forms.CharField(
        label="Purpose (questions asked)", required=False, widget=textarea(2), max_length=2000
    )
    appointment_on = forms.DateField(label="Appointment date", required=False, widget=date_input())
    appointment_time = forms.TimeField(
        label="Time", required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label="Place", required=False, max_length=300)
    notice_given_on = forms.DateField(label="Worker told on", required=False, widget=date_input())
    shorter_notice_agreed = forms.BooleanField(label="The worker agreed to shorter notice", required=False)
    shorter_notice_note = forms.CharField(label="How the worker agreed", required=False, max_length=500)
    different_doctor_reason = forms.ChoiceField(
        label="Repeat IME with another doctor because",
        choices=[("", "—"), *DIFFERENT_DOCTOR_REASONS.items()],
        required=False,
    )

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "ime")
        super().__init__(*args, **kwargs)
        self.claim = claim
        cast(forms.ModelChoiceField, self.fields["provider"]).queryset = _claim_providers(claim)  # type: ignore[type-arg]
        _required(self, "purpose", "appointment_on", "appointment_time", "place", "notice_given_on")

    def service_kwargs(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        day, time = values.pop("appointment_on"), values.pop("appointment_time")
        zone = ZoneInfo(JURISDICTIONS[self.claim.jurisdiction].time_zone)
        values["appointment_at"] = dt.datetime.combine(day, time, tzinfo=zone) if day and time else None
        return values


class ImeOutcomeForm(WebForm):
    outcome = forms.ChoiceField(label="Outcome", choices=[CHOOSE, *ImeOutcome.choices], required=False)
    on = forms.DateField(label="On", required=False, widget=date_input())
    report = forms.ModelChoiceField(label="IME report", queryset=ClaimDocument.objects.none(), required=False)
    note = forms.CharField(label="Note", required=False, max_length=2000)

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["report"]).queryset = _documents(  # type: ignore[type-arg]
            claim, DocumentCategory.IME_REPORT
        )
        _required(self, "outcome")


class ImcForm(WebForm):
    consultant_name = forms.CharField(label="Consultant", required=False, max_length=200)
    reason = forms.CharField(label="Reason", required=False, widget=textarea(2), max_length=2000)
    referred_on = forms.DateField(label="Referred on", required=False, widget=date_input())
    worker_and_doctor_told = forms.BooleanField(
        label="The worker and the treating doctor were told the purpose first", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "imc")
        super().__init__(*args, **kwargs)
        _required(self, "consultant_name", "reason", "referred_on")


class ImcOutcomeForm(WebForm):
    outcome = forms.CharField(label="Outcome", required=False, widget=textarea(2), max_length=2000)
    on = forms.DateField(label="On", required=False, widget=date_input())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _required(self, "outcome", "on")


@dataclass
class Item:
    obj: Any
    form: WebForm | None


def _page(request: HttpRequest, claim: Claim, *, bound: dict[str, Any] | None = None) -> HttpResponse:
    user = _user(request)
    bound = bound or {}
    may_manage = user_can_manage_physicians(user, claim)
    history = list(selectors.treating_doctor_history(claim))
    changes = list(selectors.physician_changes(claim))
    imes = list(selectors.ime_referrals(claim))
    imcs = list(selectors.imc_referrals(claim))
    ratings = list(selectors.impairment_ratings(claim))
    seqs = [d.recorded_seq for d in history] + [c.received_seq for c in changes]
    seqs += (
        [r.scheduled_seq for r in imes] + [r.referred_seq for r in imcs] + [r.recorded_seq for r in ratings]
    )
    if seqs:
        events = list(ClaimEvent.objects.filter(claim=claim, seq__in=seqs).order_by("seq"))
        medical_read_record(user=user, claim=claim, events=events, channel="web")

    def row_form(kind: str, pk: int, make: Any, open_: bool) -> WebForm | None:
        if not (may_manage and open_):
            return None
        chosen = bound.get(kind)
        form: WebForm = chosen[1] if chosen and chosen[0] == pk else make()
        return form

    context: dict[str, Any] = {
        "claim": claim,
        "may_manage": may_manage,
        "current": selectors.treating_doctor_current(claim),
        "history": history,
        "changes": [
            Item(
                c,
                row_form(
                    "decide",
                    c.pk,
                    lambda c=c: ChangeDecisionForm(prefix=f"change-{c.pk}"),
                    c.status == ChangeStatus.PENDING,
                ),
            )
            for c in changes
        ],
        "imes": [
            Item(
                r,
                row_form(
                    "ime_outcome",
                    r.pk,
                    lambda r=r: ImeOutcomeForm(prefix=f"ime-{r.pk}", claim=claim),
                    r.status == ImeStatus.SCHEDULED,
                ),
            )
            for r in imes
        ],
        "imcs": [
            Item(
                r,
                row_form(
                    "imc_outcome",
                    r.pk,
                    lambda r=r: ImcOutcomeForm(prefix=f"imc-{r.pk}"),
                    r.status == ImcStatus.REFERRED,
                ),
            )
            for r in imcs
        ],
        "ratings": ratings,
        "mmi": selectors.mmi_current(claim),
        "cap": co_combined_cap(claim=claim),
        "notice": ime_notice_period(claim.jurisdiction),
        "needs_reasons": claim.jurisdiction in CHANGE_NEEDS_REASONS,
    }
    if may_manage:
        context["designate_form"] = bound.get("designate") or DesignateForm(claim=claim)
        context["change_form"] = bound.get("change") or ChangeForm(claim=claim)
        context["mmi_form"] = bound.get("mmi") or MmiForm(claim=claim)
        context["rating_form"] = bound.get("rating") or RatingForm(claim=claim)
        context["ime_form"] = bound.get("ime") or ImeForm(claim=claim)
        context["imc_form"] = bound.get("imc") or ImcForm()
    failed = [v[1] if isinstance(v, tuple) else v for v in bound.values()]
    if failed:
        context["form"] = failed[0]
    return render(request, "web/physicians/page.html", context)


def _readable(request: HttpRequest, number: str) -> Claim:
    claim = claim_get_for_user(number=number, user=_user(request))
    require(user_can_read_physicians(_user(request), claim), READ_REFUSED)
    return claim


def _workable(request: HttpRequest, number: str) -> Claim:
    claim = _readable(request, number)
    require(user_can_manage_physicians(_user(request), claim), WRITE_REFUSED)
    return claim


def _done(request: HttpRequest, claim: Claim, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("web:claim_physicians", args=[claim.number]))


def _submit(
    request: HttpRequest, claim: Claim, form: WebForm, key: Any, action: Any, message: str
) -> HttpResponse:
    if form.is_valid():
        try:
            action(form.service_kwargs())
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, message)
    name = key[0] if isinstance(key, tuple) else key
    return _page(request, claim, bound={name: (key[1], form) if isinstance(key, tuple) else form})


@login_required
@require_GET
@application_errors
def claim_physicians_view(request: HttpRequest, number: str) -> HttpResponse:
    return _page(request, _readable(request, number))


@login_required
@require_POST
@application_errors
def claim_treating_doctor_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _workable(request, number)
    form = DesignateForm(request.POST, claim=claim)
    return _submit(
        request,
        claim,
        form,
        "designate",
        lambda v: treating_doctor_designate(actor=_user(request), claim=claim, **v),
        "The treating doctor was recorded.",
    )


@login_required
@require_POST
@application_errors
def claim_physician_change_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _workable(request, number)
    form = ChangeForm(request.POST, claim=claim)
    return _submit(
        request,
        claim,
        form,
        "change",
        lambda v: physician_change_request(actor=_user(request), claim=claim, **v),
        "The change request was recorded.",
    )


@login_required
@require_POST
@application_errors
def claim_physician_change_decide_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    claim = _workable(request, number)
    change = PhysicianChangeRequest.objects.filter(claim=claim, pk=pk).first()
    if change is None:
        raise NotFound("This claim has no such change request.")
    form = ChangeDecisionForm(request.POST, prefix=f"change-{pk}")
    return _submit(
        request,
        claim,
        form,
        ("decide", pk),
        lambda v: physician_change_decide(actor=_user(request), change=change, **v),
        "The change request was decided.",
    )


@login_required
@require_POST
@application_errors
def claim_mmi_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _workable(request, number)
    form = MmiForm(request.POST, claim=claim)
    return _submit(
        request,
        claim,
        form,
        "mmi",
        lambda v: mmi_record(actor=_user(request), claim=claim, **v),
        "MMI was recorded; payment schedules stop on its date.",
    )


@login_required
@require_POST
@application_errors
def claim_impairment_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _workable(request, number)
    form = RatingForm(request.POST, claim=claim)
    return _submit(
        request,
        claim,
        form,
        "rating",
        lambda v: impairment_rate(actor=_user(request), claim=claim, **v),
        "The impairment rating was recorded.",
    )


@login_required
@require_POST
@application_errors
def claim_ime_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _workable(request, number)
    form = ImeForm(request.POST, claim=claim)
    return _submit(
        request,
        claim,
        form,
        "ime",
        lambda v: ime_refer(actor=_user(request), claim=claim, **v),
        "The IME referral was recorded; send the worker the appointment notice.",
    )


@login_required
@require_POST
@application_errors
def claim_ime_outcome_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    claim = _workable(request, number)
    referral = ImeReferral.objects.filter(claim=claim, pk=pk).first()
    if referral is None:
        raise NotFound("This claim has no such IME referral.")
    form = ImeOutcomeForm(request.POST, prefix=f"ime-{pk}", claim=claim)
    return _submit(
        request,
        claim,
        form,
        ("ime_outcome", pk),
        lambda v: ime_outcome_record(actor=_user(request), referral=referral, **v),
        "The IME outcome was recorded.",
    )


@login_required
@require_POST
@application_errors
def claim_imc_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _workable(request, number)
    form = ImcForm(request.POST)
    return _submit(
        request,
        claim,
        form,
        "imc",
        lambda v: imc_refer(actor=_user(request), claim=claim, **v),
        "The referral to the injury management consultant was recorded.",
    )


@login_required
@require_POST
@application_errors
def claim_imc_outcome_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    claim = _workable(request, number)
    referral = ImcReferral.objects.filter(claim=claim, pk=pk).first()
    if referral is None:
        raise NotFound("This claim has no such consultant referral.")
    form = ImcOutcomeForm(request.POST, prefix=f"imc-{pk}")
    return _submit(
        request,
        claim,
        form,
        ("imc_outcome", pk),
        lambda v: imc_outcome_record(actor=_user(request), referral=referral, **v),
        "The consultant's outcome was recorded.",
    )
