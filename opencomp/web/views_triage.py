"""A claim's risk triage page: the band in force, each factor's part, the history, the form.

``/claims/<number>/triage/`` shows those who work the claim and the regulator every factor
(psychosocial flags included); auditors and pool administrators see the band, handling, score,
occasion and date of each triage. Those who work the claim get the form: the occasion (first
contact or strategic claim review), the injury type (the one the claim's words suggest is
preselected), the psychosocial flags found, the days off work when the reports do not show
them yet, and an optional override of the band with its reason. The claim page shows the band
in force on a "Risk triage" card (``triage_card``).
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
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.triage.access import FULL, triage_view_of, user_can_read_triage, user_can_record_triage
from opencomp.triage.enums import PERSON_OCCASIONS
from opencomp.triage.policy import triage_policy
from opencomp.triage.selectors import facts_on_file, triage_current, triage_history
from opencomp.triage.services import triage_record
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, textarea

READ_REFUSED = "Your role does not read this claim's triage."
WRITE_REFUSED = "Only those who work the claim record its triage."


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


class TriageForm(WebForm):
    occasion = forms.ChoiceField(label="Occasion", choices=[(o.value, o.label) for o in PERSON_OCCASIONS])
    injury_type = forms.ChoiceField(label="Injury type")
    psychosocial_flags = forms.MultipleChoiceField(
        label="Psychosocial flags found",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Sensitive: shown only to those who work the claim and the regulator.",
    )
    days_off_work = forms.IntegerField(
        label="Days off work so far",
        required=False,
        min_value=0,
        help_text="Leave blank to count the days of no capacity the work status reports cover.",
    )
    band = forms.ChoiceField(label="Override the band", required=False)
    override_reason = forms.CharField(label="Reason for the override", required=False, widget=textarea(2))
    note = forms.CharField(label="Note", required=False, widget=textarea(2), max_length=4000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "triage")
        super().__init__(*args, **kwargs)
        policy = triage_policy()
        cast(forms.ChoiceField, self.fields["injury_type"]).choices = [
            (t.type, f"{t.label} ({t.points})") for t in policy.injury_types
        ]
        cast(forms.MultipleChoiceField, self.fields["psychosocial_flags"]).choices = [
            (f.flag, f"{f.label} ({f.points})") for f in policy.psychosocial.flags
        ]
        cast(forms.ChoiceField, self.fields["band"]).choices = [
            ("", "No: the computed band"),
            *((b.band, f"{b.label}: {b.handling_label}") for b in policy.bands),
        ]


def _form(claim: Claim, data: Any = None) -> TriageForm:
    policy = triage_policy()
    found = facts_on_file([claim], on=claim_today(claim), policy=policy)[claim.pk]
    initial = {"injury_type": found.suggested_injury_type or policy.fallback_injury_type}
    return TriageForm(data, initial=initial)


def _band_labels() -> dict[str, dict[str, str]]:
    return {b.band: {"label": b.label, "handling": b.handling_label} for b in triage_policy().bands}


def triage_card(user: User, claim: Claim) -> dict[str, Any] | None:
    """The claim page's "Risk triage" card: the triage in force as ``user`` may see it, or None."""
    view = triage_view_of(user, claim)
    if view is None:
        return None
    current = triage_current(claim=claim)
    bands = _band_labels()
    return {
        "current": current,
        "everything": view == FULL,
        "band": bands[current.band] if current else None,
        "computed": bands[current.computed_band]["label"] if current else "",
    }


def _page(request: HttpRequest, claim: Claim, *, form: TriageForm | None = None) -> HttpResponse:
    user = _user(request)
    view = triage_view_of(user, claim)
    may_record = user_can_record_triage(user, claim)
    policy = triage_policy()
    bands = _band_labels()
    context: dict[str, Any] = {
        "claim": claim,
        "card": triage_card(user, claim),
        "everything": view == FULL,
        "history": [
            (a, bands[a.band]["label"], bands[a.computed_band]["label"]) for a in triage_history(claim=claim)
        ],
        "policy": policy,
        "may_record": may_record,
        "form": form if form is not None else (_form(claim) if may_record else None),
    }
    return render(request, "web/triage/page.html", context)


def _readable(request: HttpRequest, number: str) -> Claim:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_triage(user, claim), READ_REFUSED)
    return claim


@login_required
@require_GET
@application_errors
def claim_triage_view(request: HttpRequest, number: str) -> HttpResponse:
    return _page(request, _readable(request, number))


@login_required
@require_POST
@application_errors
def claim_triage_record_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _readable(request, number)
    require(user_can_record_triage(_user(request), claim), WRITE_REFUSED)
    form = _form(claim, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            assessment = triage_record(
                actor=_user(request),
                claim=claim,
                occasion=data["occasion"],
                injury_type=data["injury_type"],
                psychosocial_flags=data["psychosocial_flags"],
                days_off_work=data["days_off_work"],
                band=data["band"] or None,
                override_reason=data["override_reason"],
                note=data["note"],
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            label = _band_labels()[assessment.band]["label"]
            messages.success(request, f"Triage recorded: {label} (score {assessment.score}).")
            return redirect(reverse("web:claim_triage", args=[claim.number]))
    return _page(request, claim, form=form)
