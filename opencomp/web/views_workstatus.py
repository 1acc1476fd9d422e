"""A claim's work status page: the status in force, the history of reports, the record form.

``/claims/<number>/work-status/`` shows those entitled to the claim's medical detail every
certificate of capacity, RTW pass and activity report, with the status in force today;
employer-side users see capacity, hours, restrictions, validity and next review only while
the worker's consent releases capacity and restrictions to the employer ("not released by
the worker" otherwise). Those who work the claim and its treating providers get the form.
The claim page shows the status in force on a "Work status" card (``work_status_card``).
"""

from __future__ import annotations

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
from opencomp.claims.enums import WorkCapacity
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_participants, claim_today
from opencomp.documents.enums import DocumentCategory
from opencomp.documents.selectors import claim_documents
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, textarea
from opencomp.workstatus import rules
from opencomp.workstatus.access import (
    FULL,
    RELEASED,
    user_can_read_work_status,
    user_can_record_work_status,
    work_status_view_of,
)
from opencomp.workstatus.enums import ReportKind, RestrictionKind, Side
from opencomp.workstatus.selectors import work_status_history, work_status_on
from opencomp.workstatus.services import work_status_record

CHOOSE = ("", "Choose…")
READ_REFUSED = "Your role does not read this claim's work status."
WRITE_REFUSED = "Only those who work the claim and its treating providers record work status."
MINUTES = (RestrictionKind.STANDING, RestrictionKind.SITTING, RestrictionKind.WALKING)
FLAGS = (RestrictionKind.DRIVING, RestrictionKind.BENDING, RestrictionKind.CLIMBING)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


class WorkStatusForm(WebForm):
    kind = forms.ChoiceField(label="Report", choices=ReportKind.choices)
    examined_on = forms.DateField(label="Examined on", required=False, widget=date_input())
    valid_from = forms.DateField(label="Covers from", required=False, widget=date_input())
    valid_to = forms.DateField(
        label="Covers to",
        required=False,
        widget=date_input(),
        help_text="Its last day; blank: until reviewed.",
    )
    capacity = forms.ChoiceField(label="Capacity", choices=WorkCapacity.choices, initial=WorkCapacity.PARTIAL)
    hours_per_day = forms.CharField(label="Hours a day", required=False, max_length=8)
    days_per_week = forms.CharField(label="Days a week", required=False, max_length=8)
    lifting = forms.CharField(label="Lifting at most", required=False, max_length=8)
    standing = forms.CharField(label="Standing (minutes at a time)", required=False, max_length=8)
    sitting = forms.CharField(label="Sitting (minutes at a time)", required=False, max_length=8)
    walking = forms.CharField(label="Walking (minutes at a time)", required=False, max_length=8)
    driving = forms.BooleanField(label="No driving", required=False)
    bending = forms.BooleanField(label="No bending", required=False)
    climbing = forms.BooleanField(label="No climbing", required=False)
    arm_hand = forms.ChoiceField(
        label="Restricted use of an arm or hand", choices=[("", "None"), *Side.choices], required=False
    )
    other = forms.CharField(label="Other restriction", required=False, max_length=500)
    restrictions_text = forms.CharField(
        label="Restrictions in the provider's words", required=False, widget=textarea(2), max_length=4000
    )
    next_review_on = forms.DateField(label="Next review", required=False, widget=date_input())
    provider_id = forms.TypedChoiceField(label="Provider", coerce=int, required=False, empty_value=None)
    provider_name = forms.CharField(
        label="Or the provider's name",
        required=False,
        max_length=200,
        help_text="When not one of the claim's.",
    )
    document_id = forms.TypedChoiceField(
        label="Certificate uploaded", coerce=int, required=False, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        unit: str,
        providers: list[tuple[int, str]],
        documents: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", "status")
        super().__init__(*args, **kwargs)
        self.fields["lifting"].label = f"Lifting at most ({unit})"
        cast(forms.TypedChoiceField, self.fields["provider_id"]).choices = [("", "Not listed"), *providers]
        cast(forms.TypedChoiceField, self.fields["document_id"]).choices = [("", "None"), *documents]
        for name in ("examined_on", "valid_from"):
            self.fields[name].show_optional = False  # type: ignore[attr-defined]  # the service requires them

    def record_kwargs(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The service's arguments, and which form field collects each restriction's errors."""
        data = self.cleaned_data
        items: list[dict[str, Any]] = []
        aliases: dict[str, str] = {}

        def add(name: str, item: dict[str, Any]) -> None:
            for part in ("kind", "limit", "unit", "side", "note"):
                aliases[f"restrictions.{len(items)}.{part}"] = name
            items.append(item)

        if data["lifting"]:
            add("lifting", {"kind": RestrictionKind.LIFTING, "limit": data["lifting"]})
        for kind in MINUTES:
            if data[kind.value]:
                add(kind.value, {"kind": kind, "limit": data[kind.value]})
        for kind in FLAGS:
            if data[kind.value]:
                add(kind.value, {"kind": kind, "note": "not permitted"})
        if data["arm_hand"]:
            add("arm_hand", {"kind": RestrictionKind.ARM_HAND, "side": data["arm_hand"]})
        if data["other"]:
            add("other", {"kind": RestrictionKind.OTHER, "note": data["other"]})
        aliases["restrictions"] = "restrictions_text"
        kwargs = {
            name: data[name]
            for name in (
                "kind",
                "examined_on",
                "valid_from",
                "valid_to",
                "capacity",
                "hours_per_day",
                "days_per_week",
                "restrictions_text",
                "next_review_on",
                "provider_id",
                "provider_name",
                "document_id",
            )
        }
        kwargs["restrictions"] = items
        return kwargs, aliases


def _form(request: HttpRequest, claim: Claim, data: Any = None) -> WorkStatusForm:
    user = _user(request)
    providers = [
        (p.provider.pk, f"{p.provider.name} ({p.get_role_display()})")
        for p in claim_participants(claim).select_related("provider")
        if p.provider is not None
    ]
    documents = [
        (d.pk, d.title)
        for d in claim_documents(user=user, claim=claim, category=DocumentCategory.CERTIFICATE)
    ]
    unit = rules.weight_unit(JURISDICTIONS[claim.jurisdiction].country)
    return WorkStatusForm(data, unit=unit, providers=providers, documents=documents)


def work_status_card(user: User, claim: Claim) -> dict[str, Any] | None:
    """The claim page's "Work status" card: the status in force today as ``user`` may see it, or None."""
    view = work_status_view_of(user, claim)
    if view is None:
        return None
    if view not in (FULL, RELEASED):
        return {"released": False}
    status = work_status_on(claim=claim, on=claim_today(claim))
    return {
        "released": True,
        "everything": view == FULL,
        "status": status,
        "restrictions": [rules.describe_restriction(i) for i in status.report.restrictions]
        if status.report
        else [],
    }


def _page(request: HttpRequest, claim: Claim, *, form: WorkStatusForm | None = None) -> HttpResponse:
    user = _user(request)
    view = work_status_view_of(user, claim)
    released = view in (FULL, RELEASED)
    may_record = user_can_record_work_status(user, claim)
    history = [
        (r, [rules.describe_restriction(i) for i in r.restrictions])
        for r in (work_status_history(claim=claim) if released else [])
    ]
    context: dict[str, Any] = {
        "claim": claim,
        "card": work_status_card(user, claim),
        "everything": view == FULL,
        "released": released,
        "history": history,
        "may_record": may_record,
        "form": form if form is not None else (_form(request, claim) if may_record else None),
    }
    return render(request, "web/workstatus/page.html", context)


def _readable(request: HttpRequest, number: str) -> Claim:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_work_status(user, claim), READ_REFUSED)
    return claim


@login_required
@require_GET
@application_errors
def claim_work_status_view(request: HttpRequest, number: str) -> HttpResponse:
    return _page(request, _readable(request, number))


@login_required
@require_POST
@application_errors
def claim_work_status_record_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _readable(request, number)
    require(user_can_record_work_status(_user(request), claim), WRITE_REFUSED)
    form = _form(request, claim, request.POST)
    if form.is_valid():
        kwargs, aliases = form.record_kwargs()
        try:
            work_status_record(actor=_user(request), claim=claim, **kwargs)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc, aliases=aliases)
        else:
            messages.success(request, "The work status was recorded.")
            return redirect(reverse("web:claim_work_status", args=[claim.number]))
    return _page(request, claim, form=form)
