"""A claim's consent and privacy page: the worker's consents, the disclosure log, access requests.

``/claims/<number>/consent/`` shows those entitled to the claim's medical detail every
consent (its scope, state today, withdrawal), every disclosure and every request for the
worker's own information with the due date its rule-pack clock gives (NSW: ten business
days) and how it was answered; employer-side users see only the consents releasing
something to the employer (that part of their scope) and the disclosures made to it.
Those who work the claim also get the forms: record a consent, withdraw one, record a
disclosure (refused when no consent covers it), record and complete a request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from opencomp.accounts.models import User
from opencomp.claims.access import claim_get_for_user
from opencomp.claims.enums import ActivityChannel, ActivityParty
from opencomp.claims.models import Claim
from opencomp.consent.access import user_can_manage_consents, user_can_read_consents, user_reads_all_consents
from opencomp.consent.enums import (
    ConsentCategory,
    ConsentGiver,
    ConsentMethod,
    ConsentRecipient,
    DisclosureRecipient,
)
from opencomp.consent.selectors import (
    AccessRequest,
    ConsentView,
    access_requests,
    claim_consents,
    claim_disclosures,
    consent_get_for_user,
)
from opencomp.consent.services import (
    REQUESTERS,
    access_request_complete,
    access_request_record,
    consent_give,
    consent_withdraw,
    disclosure_record,
)
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.selectors import obligations_started_by
from opencomp.documents.selectors import claim_documents
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, textarea

CHOOSE = ("", "Choose…")
READ_REFUSED = "Your role does not read this claim's consents."
WRITE_REFUSED = "Only those who work the claim record consent and disclosures."


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


class ConsentForm(WebForm):
    given_by = forms.ChoiceField(label="Given by", choices=ConsentGiver.choices, initial=ConsentGiver.WORKER)
    representative_name = forms.CharField(
        label="Representative's name",
        required=False,
        max_length=200,
        help_text="Only when a representative gave it.",
    )
    given_on = forms.DateField(label="Given on", required=False, widget=date_input())
    method = forms.ChoiceField(
        label="How",
        choices=[CHOOSE, *ConsentMethod.choices],
        required=False,
        help_text="Seed 004 asks for the worker's written consent: "
        "verbal consent counts once confirmed in writing.",
    )
    categories = forms.MultipleChoiceField(
        label="Information released",
        choices=ConsentCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recipients = forms.MultipleChoiceField(
        label="Released to",
        choices=ConsentRecipient.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(label="For what purpose", required=False, max_length=500)
    expires_on = forms.DateField(
        label="Expires on",
        required=False,
        widget=date_input(),
        help_text="Its last day; blank: until withdrawn.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "consent")
        super().__init__(*args, **kwargs)
        for name in ("given_on", "method", "categories", "recipients", "purpose"):
            self.fields[name].show_optional = False  # type: ignore[attr-defined]  # the service requires them


class WithdrawForm(WebForm):
    withdrawn_on = forms.DateField(label="Withdrawn on", required=False, widget=date_input())
    method = forms.ChoiceField(label="How", choices=ActivityChannel.choices)
    reason = forms.CharField(required=False, max_length=2000)


class DisclosureForm(WebForm):
    category = forms.ChoiceField(
        label="Information", choices=[CHOOSE, *ConsentCategory.choices], required=False
    )
    recipient = forms.ChoiceField(
        label="Released to", choices=[CHOOSE, *DisclosureRecipient.choices], required=False
    )
    recipient_name = forms.CharField(
        label="Recipient's name", required=False, max_length=200, help_text="Organisation and person."
    )
    channel = forms.ChoiceField(label="How", choices=ActivityChannel.choices)
    disclosed_on = forms.DateField(label="Released on", required=False, widget=date_input())
    document_ids = forms.TypedMultipleChoiceField(
        label="Documents", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label="What was released",
        required=False,
        widget=textarea(2),
        max_length=2000,
        help_text="Needed when no document is named.",
    )

    def __init__(self, *args: Any, documents: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "disclosure")
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["document_ids"]).choices = documents
        for name in ("category", "recipient", "recipient_name", "disclosed_on"):
            self.fields[name].show_optional = False  # type: ignore[attr-defined]


class AccessRequestForm(WebForm):
    received_on = forms.DateField(label="Received on", required=False, widget=date_input())
    from_party = forms.ChoiceField(
        label="From", choices=[(p.value, p.label) for p in REQUESTERS], initial=ActivityParty.WORKER
    )
    requested_by = forms.CharField(
        label="Asked by",
        required=False,
        max_length=200,
        help_text="The name of whoever asked for the worker.",
    )
    description = forms.CharField(
        label="What is asked for", required=False, widget=textarea(2), max_length=1800
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "request")
        super().__init__(*args, **kwargs)
        for name in ("received_on", "description"):
            self.fields[name].show_optional = False  # type: ignore[attr-defined]


class CompleteForm(WebForm):
    provided = forms.CharField(label="What was provided", required=False, widget=textarea(2), max_length=1900)
    channel = forms.ChoiceField(label="How", choices=ActivityChannel.choices)


def _documents(user: User, claim: Claim) -> list[tuple[int, str]]:
    return [
        (d.pk, f"{d.title} ({d.get_category_display()})") for d in claim_documents(user=user, claim=claim)
    ]


@dataclass
class ConsentRow:
    view: ConsentView
    scope: list[tuple[str, str]]  # (recipient, categories), in words
    withdraw: WithdrawForm | None


@dataclass
class RequestRow:
    request: AccessRequest
    obligation: Obligation | None
    from_party: str
    complete: CompleteForm | None


def _page(request: HttpRequest, claim: Claim, *, bound: dict[str, Any] | None = None) -> HttpResponse:
    user = _user(request)
    bound = bound or {}
    everything = user_reads_all_consents(user, claim)
    may_manage = user_can_manage_consents(user, claim)
    withdraw = bound.get("withdraw", (None, None))
    complete = bound.get("complete", (None, None))
    consents = [
        ConsentRow(
            view=row,
            scope=[
                (DisclosureRecipient(r).label, ", ".join(ConsentCategory(c).label for c in cs))
                for r, cs in row.scope.items()
            ],
            withdraw=(
                (
                    withdraw[1]
                    if withdraw[0] == row.consent.pk
                    else WithdrawForm(prefix=f"withdraw-{row.consent.pk}")
                )
                if may_manage and row.consent.withdrawn_on is None
                else None
            ),
        )
        for row in claim_consents(user=user, claim=claim)
    ]
    found = access_requests(claim=claim) if everything else []
    started = obligations_started_by(claim, [r.seq for r in found])
    requests = [
        RequestRow(
            request=r,
            obligation=started.get(r.seq),
            from_party=ActivityParty(r.from_party).label
            if r.from_party in ActivityParty.values
            else r.from_party,
            complete=(
                (complete[1] if complete[0] == r.seq else CompleteForm(prefix=f"complete-{r.seq}"))
                if may_manage and not r.completed
                else None
            ),
        )
        for r in found
    ]
    context: dict[str, Any] = {
        "claim": claim,
        "everything": everything,
        "may_manage": may_manage,
        "consents": consents,
        "disclosures": claim_disclosures(user=user, claim=claim),
        "requests": requests,
    }
    if may_manage:
        context["consent_form"] = bound.get("consent") or ConsentForm()
        context["disclosure_form"] = bound.get("disclosure") or DisclosureForm(
            documents=_documents(user, claim)
        )
        context["request_form"] = bound.get("request") or AccessRequestForm()
    failed = [v[1] if isinstance(v, tuple) else v for v in bound.values()]
    if failed:
        context["form"] = failed[0]  # the form sent back with its errors
    return render(request, "web/consent/page.html", context)


def _readable(request: HttpRequest, number: str) -> Claim:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_consents(user, claim), READ_REFUSED)
    return claim


def _workable(request: HttpRequest, number: str) -> Claim:
    claim = _readable(request, number)
    require(user_can_manage_consents(_user(request), claim), WRITE_REFUSED)
    return claim


def _done(request: HttpRequest, claim: Claim, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("web:claim_consent", args=[claim.number]))


@login_required
@require_GET
@application_errors
def claim_consent_view(request: HttpRequest, number: str) -> HttpResponse:
    return _page(request, _readable(request, number))


@login_required
@require_POST
@application_errors
def claim_consent_give_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _workable(request, number)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            consent_give(actor=_user(request), claim=claim, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, "The worker's consent was recorded.")
    return _page(request, claim, bound={"consent": form})


@login_required
@require_POST
@application_errors
def claim_consent_withdraw_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    claim = _readable(request, number)
    consent = consent_get_for_user(user=_user(request), claim=claim, pk=pk)
    require(user_can_manage_consents(_user(request), claim), WRITE_REFUSED)
    form = WithdrawForm(request.POST, prefix=f"withdraw-{pk}")
    if form.is_valid():
        try:
            consent_withdraw(actor=_user(request), consent=consent, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, "The consent was withdrawn.")
    return _page(request, claim, bound={"withdraw": (pk, form)})


@login_required
@require_POST
@application_errors
def claim_disclosure_record_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _workable(request, number)
    form = DisclosureForm(request.POST, documents=_documents(_user(request), claim))
    if form.is_valid():
        try:
            disclosure_record(actor=_user(request), claim=claim, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, "The disclosure was recorded.")
    return _page(request, claim, bound={"disclosure": form})


@login_required
@require_POST
@application_errors
def claim_access_request_add_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _workable(request, number)
    form = AccessRequestForm(request.POST)
    if form.is_valid():
        try:
            access_request_record(actor=_user(request), claim=claim, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, "The request for the worker's own information was recorded.")
    return _page(request, claim, bound={"request": form})


@login_required
@require_POST
@application_errors
def claim_access_request_complete_view(request: HttpRequest, number: str, seq: int) -> HttpResponse:
    claim = _workable(request, number)
    form = CompleteForm(request.POST, prefix=f"complete-{seq}")
    if form.is_valid():
        try:
            access_request_complete(actor=_user(request), claim=claim, request_seq=seq, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, "The request was completed.")
    return _page(request, claim, bound={"complete": (seq, form)})
