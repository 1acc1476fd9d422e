"""A claim's plans and work capacity decisions page.

``/claims/<number>/plans/`` shows those entitled to the claim's medical detail the injury
management plan (NSW) and the return-to-work plan, each with its versions, shares and
sign-offs, and the work capacity decisions with their notices; employer-side users see the
return-to-work plan only while the worker's consent releases capacity and restrictions to the
employer. Those who work the claim get the forms: issue or revise a plan (actions one per
line: ``person | party | action | outcome | YYYY-MM-DD``), share it with the worker and the
employer (and the treating doctor), record sign-offs, record a decision and send its notice.
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
from opencomp.core.errors import NotFound
from opencomp.documents.selectors import claim_documents
from opencomp.letters.content import addressees
from opencomp.letters.services import RecipientInput
from opencomp.plans.access import (
    FULL,
    RELEASED,
    plans_view_of,
    user_can_manage_plans,
    user_can_read_plans,
)
from opencomp.plans.enums import DecisionEffect, DecisionType, PlanKind, SignOffParty
from opencomp.plans.models import Plan
from opencomp.plans.selectors import claim_decisions, claim_plans, decision_get, plan_get, plan_versions
from opencomp.plans.services import (
    plan_create,
    plan_revise,
    plan_share,
    plan_sign_off,
    work_capacity_decide,
    work_capacity_notice_issue,
)
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, textarea

READ_REFUSED = "Your role does not read this claim's plans."
WRITE_REFUSED = "Only those who work the claim issue its plans and work capacity decisions."
LIST_MAX = 30


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PlanForm(WebForm):
    kind = forms.ChoiceField(label="Plan", choices=PlanKind.choices)
    issued_on = forms.DateField(label="Made on", required=False, widget=date_input())
    goal = forms.CharField(label="Current return-to-work goal", widget=textarea(2), max_length=4000)
    review_on = forms.DateField(label="Next review", required=False, widget=date_input())
    goals = forms.CharField(label="Further goals (one a line)", required=False, widget=textarea(2))
    actions = forms.CharField(
        label="Agreed actions",
        required=False,
        widget=textarea(4),
        help_text="One a line: person | party (worker, employer, treating_doctor, claims_specialist, "
        "rehabilitation, other) | action | anticipated outcome | review date YYYY-MM-DD.",
    )
    duties = forms.CharField(
        label="Duties (return-to-work plan; one a line)", required=False, widget=textarea(2)
    )
    hours = forms.CharField(
        label="Hours by week (return-to-work plan)",
        required=False,
        widget=textarea(2),
        help_text="One a line: week hours-a-day days-a-week, e.g. 1 4 3.",
    )
    supervisor = forms.CharField(label="Supervisor (return-to-work plan)", required=False, max_length=200)
    starts_on = forms.DateField(label="Starts on (return-to-work plan)", required=False, widget=date_input())
    changes = forms.CharField(label="What changed, and why (a revision)", required=False, widget=textarea(2))

    def __init__(self, *args: Any, revising: Plan | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"plan{revising.pk}" if revising else "plan")
        super().__init__(*args, **kwargs)
        if revising is not None:
            cast(forms.ChoiceField, self.fields["kind"]).choices = [
                (revising.kind, PlanKind(revising.kind).label)
            ]
            self.fields["kind"].initial = revising.kind
        else:
            del self.fields["changes"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        actions: list[dict[str, Any]] = []
        for index, line in enumerate(_lines(data["actions"])[:LIST_MAX]):
            parts = [p.strip() for p in line.split("|")]
            parts += [""] * (5 - len(parts))
            actions.append(
                {
                    "responsible": parts[0],
                    "party": parts[1],
                    "action": parts[2],
                    "outcome": parts[3],
                    "due_on": parts[4],
                }
            )
            if len(parts) > 5:
                self.add_error("actions", f"Line {index + 1} has more than five parts.")
        hours: list[dict[str, Any]] = []
        for index, line in enumerate(_lines(data["hours"])[:LIST_MAX]):
            parts = line.split()
            if len(parts) != 3 or not parts[0].isdigit():
                self.add_error("hours", f"Line {index + 1}: give the week, hours a day and days a week.")
                continue
            hours.append({"week": int(parts[0]), "hours_per_day": parts[1], "days_per_week": parts[2]})
        return {
            "issued_on": data["issued_on"],
            "goal": data["goal"],
            "review_on": data["review_on"],
            "goals": _lines(data["goals"]),
            "actions": actions,
            "duties": _lines(data["duties"]),
            "hours": hours,
            "supervisor": data["supervisor"],
            "starts_on": data["starts_on"],
        }


def _aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for index in range(LIST_MAX + 1):
        aliases[f"goals.{index}"] = "goals"
        aliases[f"duties.{index}"] = "duties"
        for part in ("responsible", "party", "action", "outcome", "due_on"):
            aliases[f"actions.{index}.{part}"] = "actions"
        aliases[f"actions.{index}"] = "actions"
        for part in ("week", "hours_per_day", "days_per_week"):
            aliases[f"hours.{index}.{part}"] = "hours"
    return aliases


ALIASES = _aliases()


class ShareForm(WebForm):
    worker_address = forms.CharField(label="Worker's postal address", widget=textarea(2), max_length=1000)
    employer_address = forms.CharField(label="Employer's postal address", widget=textarea(2), max_length=1000)
    doctor_name = forms.CharField(
        label="Nominated treating doctor (optional)", required=False, max_length=200
    )
    doctor_address = forms.CharField(
        label="Doctor's postal address", required=False, widget=textarea(2), max_length=1000
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"share{plan.pk}")
        known = {a.party: a.address for a in addressees(plan.claim)}
        kwargs.setdefault(
            "initial",
            {"worker_address": known.get("worker", ""), "employer_address": known.get("employer", "")},
        )
        super().__init__(*args, **kwargs)

    def recipients(self, claim: Claim) -> list[RecipientInput]:
        data = self.cleaned_data
        names = {a.party: a.name for a in addressees(claim)}
        found = [
            RecipientInput("worker", names["worker"], "mail", address=data["worker_address"]),
            RecipientInput("employer", names["employer"], "mail", address=data["employer_address"]),
        ]
        if data["doctor_name"]:
            found.append(
                RecipientInput("provider", data["doctor_name"], "mail", address=data["doctor_address"])
            )
        return found


SHARE_ALIASES = {
    "recipients[0].address": "worker_address",
    "recipients[1].address": "employer_address",
    "recipients[2].address": "doctor_address",
    "recipients[2].name": "doctor_name",
}


class NoticeForm(WebForm):
    worker_address = forms.CharField(label="Worker's postal address", widget=textarea(2), max_length=1000)

    def __init__(self, *args: Any, claim: Claim, decision_id: int, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"notice{decision_id}")
        known = {a.party: a.address for a in addressees(claim)}
        kwargs.setdefault("initial", {"worker_address": known.get("worker", "")})
        super().__init__(*args, **kwargs)


class SignOffForm(WebForm):
    party = forms.ChoiceField(label="Signed by", choices=SignOffParty.choices)
    name = forms.CharField(label="Name", max_length=200)
    signed_on = forms.DateField(label="Signed on", required=False, widget=date_input())

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"signoff{plan.pk}")
        super().__init__(*args, **kwargs)


class DecisionForm(WebForm):
    types = forms.MultipleChoiceField(
        label="Decisions made (s 43(1))", choices=DecisionType.choices, widget=forms.CheckboxSelectMultiple
    )
    decided_on = forms.DateField(label="Decided on", required=False, widget=date_input())
    capacity = forms.ChoiceField(label="Current capacity for work", choices=WorkCapacity.choices)
    effect = forms.ChoiceField(label="Effect on weekly payments", choices=DecisionEffect.choices)
    suitable_employment = forms.CharField(label="Suitable employment", required=False, widget=textarea(2))
    able_to_earn = forms.CharField(label="Able to earn a week in suitable employment", required=False)
    current_weekly_amount = forms.CharField(label="Weekly amount now", required=False)
    new_weekly_amount = forms.CharField(label="New weekly amount", required=False)
    reasons = forms.CharField(label="Reasons", widget=textarea(3), max_length=4000)
    evidence_ids = forms.TypedMultipleChoiceField(
        label="Evidence relied on", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, documents: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "decision")
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["evidence_ids"]).choices = documents


def _documents(user: User, claim: Claim) -> list[tuple[int, str]]:
    return [
        (d.pk, f"{d.title} ({d.get_category_display().lower()})")
        for d in claim_documents(user=user, claim=claim)
    ]


def _readable(request: HttpRequest, number: str) -> Claim:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_plans(user, claim), READ_REFUSED)
    return claim


def _writable(request: HttpRequest, number: str) -> Claim:
    claim = _readable(request, number)
    require(user_can_manage_plans(_user(request), claim), WRITE_REFUSED)
    return claim


def _plan(claim: Claim, plan_id: int) -> Plan:
    plan = plan_get(claim=claim, pk=plan_id)
    if plan is None:
        raise NotFound(f"Claim {claim.number} has no plan {plan_id}.")
    return plan


def _page(request: HttpRequest, claim: Claim, **forms_given: Any) -> HttpResponse:
    user = _user(request)
    view = plans_view_of(user, claim)
    may_write = user_can_manage_plans(user, claim)
    found = claim_plans(claim=claim)
    if view == FULL:
        shown = [p for p in found.values() if p is not None]
    elif view == RELEASED:
        shown = [p for p in (found[PlanKind.RETURN_TO_WORK],) if p is not None]
    else:
        shown = []
    plans = []
    for plan in shown:
        revise_form = forms_given.get(f"revise{plan.pk}")
        if revise_form is None and may_write:
            revise_form = PlanForm(revising=plan)
        plans.append(
            {
                "plan": plan,
                "versions": plan_versions(plan),
                "revise_form": revise_form if may_write else None,
                "share_form": forms_given.get(f"share{plan.pk}")
                or (ShareForm(plan=plan) if may_write else None),
                "sign_off_form": (
                    forms_given.get(f"signoff{plan.pk}") or SignOffForm(plan=plan)
                    if may_write and plan.kind == PlanKind.RETURN_TO_WORK
                    else None
                ),
            }
        )
    decisions = claim_decisions(claim=claim) if view == FULL else []
    notice_form = forms_given.get("notice_form")
    if notice_form is None and may_write and decisions and decisions[0].letter_id is None:
        notice_form = NoticeForm(claim=claim, decision_id=decisions[0].pk)
    context: dict[str, Any] = {
        "claim": claim,
        "released": view in (FULL, RELEASED),
        "everything": view == FULL,
        "plans": plans,
        "may_write": may_write,
        "create_form": forms_given.get("create") or (PlanForm() if may_write else None),
        "decisions": decisions,
        "nsw": claim.jurisdiction == "NSW",
        "decision_form": (
            forms_given.get("decision") or DecisionForm(documents=_documents(user, claim))
            if may_write and claim.jurisdiction == "NSW"
            else None
        ),
        "notice_form": notice_form,
    }
    return render(request, "web/plans/page.html", context)


def _back(claim: Claim) -> HttpResponse:
    return redirect(reverse("web:claim_plans", args=[claim.number]))


@login_required
@require_GET
@application_errors
def claim_plans_view(request: HttpRequest, number: str) -> HttpResponse:
    return _page(request, _readable(request, number))


@login_required
@require_POST
@application_errors
def claim_plan_create_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _writable(request, number)
    form = PlanForm(request.POST)
    if form.is_valid():
        kwargs = form.service_kwargs()
        if not form.errors:
            try:
                plan_create(actor=_user(request), claim=claim, kind=form.cleaned_data["kind"], **kwargs)
            except FORM_ERRORS as exc:
                form_error_apply(form, exc, aliases=ALIASES)
            else:
                messages.success(request, "The plan was issued.")
                return _back(claim)
    return _page(request, claim, create=form)


@login_required
@require_POST
@application_errors
def claim_plan_revise_view(request: HttpRequest, number: str, plan_id: int) -> HttpResponse:
    claim = _writable(request, number)
    plan = _plan(claim, plan_id)
    form = PlanForm(request.POST, revising=plan)
    if form.is_valid():
        kwargs = form.service_kwargs()
        if not form.errors:
            try:
                plan_revise(actor=_user(request), plan=plan, changes=form.cleaned_data["changes"], **kwargs)
            except FORM_ERRORS as exc:
                form_error_apply(form, exc, aliases=ALIASES)
            else:
                messages.success(request, "The plan was revised: a new version.")
                return _back(claim)
    return _page(request, claim, **{f"revise{plan.pk}": form})


@login_required
@require_POST
@application_errors
def claim_plan_share_view(request: HttpRequest, number: str, plan_id: int) -> HttpResponse:
    claim = _writable(request, number)
    plan = _plan(claim, plan_id)
    form = ShareForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            plan_share(actor=_user(request), plan=plan, recipients=form.recipients(claim))
        except FORM_ERRORS as exc:
            form_error_apply(form, exc, aliases=SHARE_ALIASES)
        else:
            messages.success(request, "The plan was sent to the parties.")
            return _back(claim)
    return _page(request, claim, **{f"share{plan.pk}": form})


@login_required
@require_POST
@application_errors
def claim_plan_sign_off_view(request: HttpRequest, number: str, plan_id: int) -> HttpResponse:
    claim = _writable(request, number)
    plan = _plan(claim, plan_id)
    form = SignOffForm(request.POST, plan=plan)
    if form.is_valid():
        data = form.cleaned_data
        try:
            plan_sign_off(
                actor=_user(request),
                plan=plan,
                party=data["party"],
                name=data["name"],
                signed_on=data["signed_on"],
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc, aliases={"plan_id": "party"})
        else:
            messages.success(request, "The sign-off was recorded.")
            return _back(claim)
    return _page(request, claim, **{f"signoff{plan.pk}": form})


@login_required
@require_POST
@application_errors
def claim_decision_create_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _writable(request, number)
    form = DecisionForm(request.POST, documents=_documents(_user(request), claim))
    if form.is_valid():
        data = form.cleaned_data
        try:
            work_capacity_decide(
                actor=_user(request),
                claim=claim,
                types=data["types"],
                decided_on=data["decided_on"],
                capacity=data["capacity"],
                effect=data["effect"],
                reasons=data["reasons"],
                evidence_ids=data["evidence_ids"],
                suitable_employment=data["suitable_employment"],
                able_to_earn=data["able_to_earn"],
                current_weekly_amount=data["current_weekly_amount"],
                new_weekly_amount=data["new_weekly_amount"],
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(request, "The work capacity decision was recorded. Send its notice.")
            return _back(claim)
    return _page(request, claim, decision=form)


@login_required
@require_POST
@application_errors
def claim_decision_notice_view(request: HttpRequest, number: str, decision_id: int) -> HttpResponse:
    claim = _writable(request, number)
    decision = decision_get(claim=claim, pk=decision_id)
    if decision is None:
        raise NotFound(f"Claim {claim.number} has no work capacity decision {decision_id}.")
    form = NoticeForm(request.POST, claim=claim, decision_id=decision.pk)
    if form.is_valid():
        worker = next(a for a in addressees(claim) if a.party == "worker")
        recipient = RecipientInput("worker", worker.name, "mail", address=form.cleaned_data["worker_address"])
        try:
            decision = work_capacity_notice_issue(
                actor=_user(request), decision=decision, recipients=[recipient]
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc, aliases={"recipients[0].address": "worker_address"})
        else:
            when = decision.takes_effect_on
            after = f" A reduction may take effect from {when:%d %b %Y}." if when else ""
            messages.success(request, f"The notice was sent to the worker.{after}")
            return _back(claim)
    return _page(request, claim, notice_form=form)
