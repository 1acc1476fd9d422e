"""A claim's letters: those issued, and for its staff the ones to prepare, preview and issue.

``/claims/<number>/letters/`` lists the letters issued (each a PDF kept as a correspondence
document) and, for the claim's staff, every letter of the claim's jurisdiction with what it
still needs. ``/claims/<number>/letters/<template>/`` previews one — the letter as it would
print today, in the page and as a PDF — and issues it to the recipients chosen there.
"""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import formset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods

from opencomp.accounts.models import User
from opencomp.claims.access import claim_get_for_user, user_can_work_claim
from opencomp.claims.enums import ActivityParty
from opencomp.claims.models import Claim
from opencomp.core import clock
from opencomp.core.errors import FieldError, ValidationFailed
from opencomp.letters.content import LetterContent
from opencomp.letters.enums import DeliveryMethod
from opencomp.letters.http import preview_pdf_response
from opencomp.letters.render import render_html
from opencomp.letters.selectors import claim_letters, letter_choices, letter_content_for, letter_template_for
from opencomp.letters.services import RecipientInput, letter_issue
from opencomp.web.errors import FORM_ERRORS, application_errors, require
from opencomp.web.forms import WebForm

STAFF_ONLY = "Only the claim's administrator prepares and issues its letters."
_RECIPIENT_FIELD = re.compile(r"^recipients\[(\d+)\]\.(\w+)$")
EMPTY_ROWS = 2


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


class RecipientForm(WebForm):
    include = forms.BooleanField(required=False, label="Send")
    party = forms.ChoiceField(choices=ActivityParty.choices)
    name = forms.CharField(max_length=200, required=False)
    method = forms.ChoiceField(choices=DeliveryMethod.choices, label="How")
    address = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Postal address"
    )
    email = forms.CharField(max_length=254, required=False, label="E-mail")
    tracking_number = forms.CharField(max_length=60, required=False, label="Article number")


RecipientFormSet = formset_factory(RecipientForm, extra=0)


class IssueForm(WebForm):
    enclosures_confirmed = forms.BooleanField(required=False, label="The enclosures listed go with it")


def _initial(content: LetterContent) -> list[dict[str, Any]]:
    rows = [
        {
            "include": a.party in content.template.recipients,
            "party": a.party,
            "name": a.name,
            "method": DeliveryMethod.MAIL,
            "address": a.address,
            "email": a.email,
        }
        for a in content.addressees
    ]
    rows += [{"include": False, "party": ActivityParty.OTHER, "method": DeliveryMethod.MAIL}] * EMPTY_ROWS
    return rows


def _staff_claim(request: HttpRequest, number: str) -> Claim:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_work_claim(user, claim), STAFF_ONLY)
    return claim


@login_required
@require_GET
@application_errors
def claim_letters_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    staff = user_can_work_claim(user, claim)
    context = {
        "claim": claim,
        "letters": claim_letters(user=user, claim=claim),
        "choices": letter_choices(claim=claim, on=clock.today()) if staff else [],
        "staff": staff,
    }
    return render(request, "web/letters/list.html", context)


def _apply(exc: ValidationFailed, page_errors: list[str], formset: Any, issue: IssueForm) -> None:
    for error in exc.errors:
        match = _RECIPIENT_FIELD.match(error.field)
        if match and int(match[1]) < len(formset.forms):
            formset.forms[int(match[1])].add_error(
                match[2] if match[2] in RecipientForm.base_fields else None, error.message
            )
        elif error.field == "enclosures_confirmed":
            issue.add_error("enclosures_confirmed", error.message)
        else:
            page_errors.append(error.message)
    if not exc.errors:
        page_errors.append(exc.message)


def _selected(formset: Any) -> tuple[list[RecipientInput], list[int]]:
    """The rows ticked to send, as the service's recipients, and their row numbers."""
    chosen, rows = [], []
    for index, form in enumerate(formset.forms):
        data = form.cleaned_data
        if data.get("include"):
            rows.append(index)
            chosen.append(
                RecipientInput(
                    party=data["party"],
                    name=data.get("name", ""),
                    method=data["method"],
                    address=data.get("address", ""),
                    email=data.get("email", ""),
                    tracking_number=data.get("tracking_number", ""),
                )
            )
    return chosen, rows


def _renumber(exc: ValidationFailed, rows: list[int]) -> ValidationFailed:
    """The service numbers the ticked recipients; the page numbers every row."""
    errors = []
    for error in exc.errors:
        match = _RECIPIENT_FIELD.match(error.field)
        if match and int(match[1]) < len(rows):
            error = FieldError(f"recipients[{rows[int(match[1])]}].{match[2]}", error.message)
        errors.append(error)
    return ValidationFailed(exc.message, errors=errors)


@login_required
@require_http_methods(["GET", "POST"])
@application_errors
def claim_letter_prepare_view(request: HttpRequest, number: str, template_id: str) -> HttpResponse:
    user = _user(request)
    claim = _staff_claim(request, number)
    chosen = letter_template_for(claim=claim, template_id=template_id)
    content = letter_content_for(claim=claim, chosen=chosen, on=clock.today())
    page_errors: list[str] = []
    if request.method == "POST":
        formset = RecipientFormSet(request.POST, prefix="to")
        issue = IssueForm(request.POST)
        if formset.is_valid() and issue.is_valid():
            recipients, rows = _selected(formset)
            try:
                letter = letter_issue(
                    actor=user,
                    claim=claim,
                    template_id=chosen.id,
                    recipients=recipients,
                    enclosures_confirmed=issue.cleaned_data["enclosures_confirmed"],
                )
            except FORM_ERRORS as exc:
                if isinstance(exc, ValidationFailed):
                    _apply(_renumber(exc, rows), page_errors, formset, issue)
                else:
                    page_errors.append(exc.message)
            else:
                messages.success(request, f"{letter.title} issued and kept on the claim's documents.")
                return redirect(reverse("web:claim_letters", args=[claim.number]))
    else:
        formset = RecipientFormSet(initial=_initial(content), prefix="to")
        issue = IssueForm()
    context = {
        "claim": claim,
        "content": content,
        "template": chosen,
        "formset": formset,
        "issue": issue,
        "page_errors": page_errors,
    }
    return render(request, "web/letters/prepare.html", context, status=400 if page_errors else 200)


@login_required
@require_GET
@application_errors
@xframe_options_sameorigin
def claim_letter_preview_html_view(request: HttpRequest, number: str, template_id: str) -> HttpResponse:
    """The letter as it would print today, as a page (framed by the prepare page)."""
    claim = _staff_claim(request, number)
    chosen = letter_template_for(claim=claim, template_id=template_id)
    content = letter_content_for(claim=claim, chosen=chosen, on=clock.today())
    response = HttpResponse(render_html(chosen, content.facts))
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
@application_errors
def claim_letter_preview_pdf_view(request: HttpRequest, number: str, template_id: str) -> HttpResponse:
    """The letter as it would print today, as a PDF shown in the browser; nothing is kept."""
    claim = _staff_claim(request, number)
    return preview_pdf_response(claim, letter_template_for(claim=claim, template_id=template_id))
