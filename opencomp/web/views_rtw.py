"""A claim's modified duty page: assignments, their offer letters, answers, reviews and ends; searches.

``/claims/<number>/modified-duty/`` shows whoever reads the claim's work status in full (and the
employer's people while the worker's consent releases capacity and restrictions) every modified
duty assignment: where, what, hours, weekly earnings, the restrictions checked, the physician's
sign-off, the offer letter (with its certified mail number), the answer, reviews and end, and the
less arduous duty searches. Those who work the claim also get the forms: offer (issued as the
offer letter), accept (deciding TPD on the assignment's earnings and starting it), refuse,
review (periodic, or after a visit acknowledging its RTW pass), extend, end; start a search, add
a candidate position, conclude it. Other roles that see the claim are refused (403).
"""

from __future__ import annotations

from collections.abc import Callable
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
from opencomp.core.errors import NotFound
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.letters.enums import DeliveryMethod
from opencomp.payments.enums import PaymentMethod
from opencomp.rtw import rules
from opencomp.rtw.access import (
    READ_REFUSED,
    REVIEW_REFUSED,
    WRITE_REFUSED,
    user_can_read_modified_duty,
    user_can_review_modified_duty,
    user_can_work_modified_duty,
)
from opencomp.rtw.enums import RUNNING, AssignmentStatus, EndReason, ReviewKind, SearchOutcome
from opencomp.rtw.models import DutySearch, ModifiedDutyAssignment
from opencomp.rtw.selectors import assignment_get, assignments_of, reviews_of, search_get, searches_of
from opencomp.rtw.services import (
    duty_search_candidate_add,
    duty_search_conclude,
    duty_search_start,
    modified_duty_accept,
    modified_duty_delivery_record,
    modified_duty_end,
    modified_duty_extend,
    modified_duty_offer,
    modified_duty_refuse,
    modified_duty_review,
)
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, textarea
from opencomp.workstatus import rules as status_rules
from opencomp.workstatus.enums import RestrictionKind
from opencomp.workstatus.selectors import work_status_history

MINUTES = (RestrictionKind.STANDING, RestrictionKind.SITTING, RestrictionKind.WALKING)
FLAGS = (RestrictionKind.DRIVING, RestrictionKind.BENDING, RestrictionKind.CLIMBING)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


class DemandsForm(WebForm):
    """The demands of a duty as restriction-shaped fields (lifting, minutes, driving, bending, climbing)."""

    lifting = forms.CharField(label="Lifting up to", required=False, max_length=8)
    standing = forms.CharField(label="Standing (minutes at a time)", required=False, max_length=8)
    sitting = forms.CharField(label="Sitting (minutes at a time)", required=False, max_length=8)
    walking = forms.CharField(label="Walking (minutes at a time)", required=False, max_length=8)
    driving = forms.BooleanField(label="Driving", required=False)
    bending = forms.BooleanField(label="Bending", required=False)
    climbing = forms.BooleanField(label="Climbing", required=False)

    def __init__(self, *args: Any, unit: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lifting"].label = f"Lifting up to ({unit})"

    def demands(self, key: str = "demands") -> tuple[list[dict[str, Any]], dict[str, str]]:
        data = self.cleaned_data
        items: list[dict[str, Any]] = []
        aliases: dict[str, str] = {}

        def add(name: str, item: dict[str, Any]) -> None:
            aliases[f"{key}.{len(items)}"] = name
            for part in ("kind", "limit", "unit", "side", "note"):
                aliases[f"{key}.{len(items)}.{part}"] = name
            items.append(item)

        if data["lifting"]:
            add("lifting", {"kind": RestrictionKind.LIFTING, "limit": data["lifting"]})
        for kind in MINUTES:
            if data[kind.value]:
                add(kind.value, {"kind": kind, "limit": data[kind.value]})
        for kind in FLAGS:
            if data[kind.value]:
                add(kind.value, {"kind": kind})
        return items, aliases


class OfferForm(DemandsForm):
    position = forms.CharField(label="Position", max_length=200)
    duties = forms.CharField(label="Duties", widget=textarea(3), max_length=4000)
    department = forms.CharField(label="Department", max_length=200)
    agency = forms.CharField(label="Agency", required=False, max_length=200)
    other_placement = forms.BooleanField(label="Placed in another agency or department", required=False)
    hours_per_day = forms.CharField(label="Hours a day", max_length=8)
    days_per_week = forms.CharField(label="Days a week", max_length=8)
    weekly_earnings = forms.CharField(label="Weekly earnings ($)", max_length=12)
    start_on = forms.DateField(label="Starts on", widget=date_input())
    override_reason = forms.CharField(
        label="Override reason", required=False, widget=textarea(2), max_length=2000,
        help_text="Only when a duty breaks a restriction: why the offer is made anyway.",
    )  # fmt: skip
    atp_approved_by = forms.CharField(
        label="Signed off by (treating physician)", required=False, max_length=200
    )
    atp_approved_on = forms.DateField(label="Signed off on", required=False, widget=date_input())
    delivery_method = forms.ChoiceField(label="Send by", choices=DeliveryMethod.choices)
    tracking_number = forms.CharField(label="Certified mail article number", required=False, max_length=60)
    copy_employer = forms.BooleanField(label="Copy to the employer", required=False, initial=True)

    field_order = [
        "position", "duties", "department", "agency", "other_placement", "hours_per_day", "days_per_week",
        "weekly_earnings", "start_on", "lifting", "standing", "sitting", "walking", "driving", "bending",
        "climbing", "override_reason", "atp_approved_by", "atp_approved_on", "delivery_method",
        "tracking_number", "copy_employer",
    ]  # fmt: skip

    def kwargs(self) -> tuple[dict[str, Any], dict[str, str]]:
        demands, aliases = self.demands()
        names = [
            n for n in self.field_order if n not in {"lifting", "standing", "sitting", "walking"} | set(FLAGS)
        ]
        return {n: self.cleaned_data[n] for n in names} | {"demands": demands}, aliases


class DeliveryForm(WebForm):
    delivered_on = forms.DateField(label="Delivered on", widget=date_input())
    signed_by = forms.CharField(label="Delivery verification signed by", max_length=200)


class AcceptForm(WebForm):
    accepted_on = forms.DateField(label="Accepted on", widget=date_input())
    start_tpd = forms.BooleanField(
        label="Start TPD on the assignment's earnings (stops TTD the day before)",
        required=False,
        initial=True,
    )
    payment_method = forms.ChoiceField(
        label="Pay TPD by", choices=PaymentMethod.choices, initial=PaymentMethod.CHEQUE
    )


class RefuseForm(WebForm):
    refused_on = forms.DateField(label="Refused on", widget=date_input())
    reason = forms.CharField(label="Why (the worker's words)", widget=textarea(2), max_length=2000)


class ReviewForm(WebForm):
    reviewed_on = forms.DateField(label="Reviewed on", widget=date_input())
    kind = forms.ChoiceField(label="Review", choices=ReviewKind.choices)
    work_status_report_id = forms.TypedChoiceField(
        label="RTW pass acknowledged", coerce=int, required=False, empty_value=None
    )
    note = forms.CharField(label="Note", required=False, widget=textarea(2), max_length=4000)


class ExtendForm(WebForm):
    limit_on = forms.DateField(label="New last day", widget=date_input())
    reason = forms.CharField(label="Why (the coordinator's reason)", widget=textarea(2), max_length=2000)


class EndForm(WebForm):
    ended_on = forms.DateField(label="Last day", widget=date_input())
    reason = forms.ChoiceField(label="Why", choices=EndReason.choices)
    note = forms.CharField(label="Note", required=False, widget=textarea(2), max_length=2000)


class SearchForm(DemandsForm):
    job_classification = forms.CharField(label="Job the worker cannot return to", max_length=200)
    permanent_restrictions = forms.CharField(
        label="Permanent restrictions", widget=textarea(2), max_length=4000
    )
    started_on = forms.DateField(label="Search started on", widget=date_input())
    field_order = ["job_classification", "permanent_restrictions", "started_on"]


class CandidateForm(DemandsForm):
    position = forms.CharField(label="Position", max_length=200)
    department = forms.CharField(label="Department", max_length=200)
    agency = forms.CharField(label="Agency", required=False, max_length=200)
    note = forms.CharField(label="Note", required=False, widget=textarea(2), max_length=4000)
    field_order = ["position", "department", "agency"]


class ConcludeForm(WebForm):
    outcome = forms.ChoiceField(label="Outcome", choices=[c for c in SearchOutcome.choices if c[0]])
    concluded_on = forms.DateField(label="Concluded on", widget=date_input())
    placed_id = forms.TypedChoiceField(label="Placed in", coerce=int, required=False, empty_value=None)
    note = forms.CharField(label="Note", required=False, widget=textarea(2), max_length=4000)


def _unit(claim: Claim) -> str:
    return status_rules.weight_unit(JURISDICTIONS[claim.jurisdiction].country)


def _review_form(claim: Claim, a: ModifiedDutyAssignment, data: Any = None) -> ReviewForm:
    form = ReviewForm(data, prefix=f"review-{a.pk}")
    passes = [
        (r.pk, f"{r.get_kind_display()} of {r.examined_on:%d %b %Y}")
        for r in work_status_history(claim=claim)
    ]
    cast(forms.TypedChoiceField, form.fields["work_status_report_id"]).choices = [("", "None"), *passes]
    return form


def _conclude_form(search: DutySearch, data: Any = None) -> ConcludeForm:
    form = ConcludeForm(data, prefix=f"conclude-{search.pk}")
    choices = [(c.pk, c.position) for c in search.candidates.all()]
    cast(forms.TypedChoiceField, form.fields["placed_id"]).choices = [("", "None"), *choices]
    return form


def _page(request: HttpRequest, claim: Claim, bound: dict[str, forms.Form] | None = None) -> HttpResponse:
    user = _user(request)
    bound = bound or {}
    may_write = user_can_work_modified_duty(user, claim)
    may_review = user_can_review_modified_duty(user, claim)
    unit = _unit(claim)
    today = claim_today(claim)
    rows = []
    for a in assignments_of(claim=claim):
        row: dict[str, Any] = {
            "a": a,
            "status": AssignmentStatus(a.status_on(today)).label,
            "past_limit": a.past_limit_on(today),
            "demands": [rules.describe_demand(d) for d in a.demands],
            "restrictions": [status_rules.describe_restriction(i) for i in a.work_status_report.restrictions],
            "reviews": list(reviews_of(assignment=a)),
            "deliveries": list(a.letter.recipients.all()) if a.letter is not None else [],
        }
        if may_write and a.delivered_on is None and a.letter_id is not None:
            row["delivery"] = bound.get(f"delivery-{a.pk}") or DeliveryForm(prefix=f"delivery-{a.pk}")
        if may_write and a.status == AssignmentStatus.OFFERED:
            row["accept"] = bound.get(f"accept-{a.pk}") or AcceptForm(prefix=f"accept-{a.pk}")
            row["refuse"] = bound.get(f"refuse-{a.pk}") or RefuseForm(prefix=f"refuse-{a.pk}")
        if may_review and a.status in RUNNING:
            row["review"] = bound.get(f"review-{a.pk}") or _review_form(claim, a)
        if may_write and a.status in RUNNING:
            row["extend"] = bound.get(f"extend-{a.pk}") or ExtendForm(prefix=f"extend-{a.pk}")
            row["end"] = bound.get(f"end-{a.pk}") or EndForm(prefix=f"end-{a.pk}")
        rows.append(row)
    searches = []
    for s in searches_of(claim=claim):
        entry: dict[str, Any] = {"s": s, "candidates": list(s.candidates.all())}
        if may_write and not s.outcome:
            entry["candidate"] = bound.get(f"candidate-{s.pk}") or CandidateForm(
                prefix=f"candidate-{s.pk}", unit=unit
            )
            entry["conclude"] = bound.get(f"conclude-{s.pk}") or _conclude_form(s)
        searches.append(entry)
    context: dict[str, Any] = {
        "claim": claim,
        "rows": rows,
        "searches": searches,
        "may_write": may_write,
        "program_source": rules.PROGRAM_SOURCE,
        "offer_form": (bound.get("offer") or OfferForm(prefix="offer", unit=unit)) if may_write else None,
        "search_form": (bound.get("search") or SearchForm(prefix="search", unit=unit)) if may_write else None,
    }
    return render(request, "web/rtw/page.html", context)


def _readable(request: HttpRequest, number: str) -> Claim:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_modified_duty(user, claim), READ_REFUSED)
    return claim


def _writable(request: HttpRequest, number: str) -> Claim:
    claim = _readable(request, number)
    require(user_can_work_modified_duty(_user(request), claim), WRITE_REFUSED)
    return claim


def _assignment(claim: Claim, pk: int) -> ModifiedDutyAssignment:
    found = assignment_get(claim=claim, pk=pk)
    if found is None:
        raise NotFound(f"Modified duty assignment {pk} was not found.")
    return found


def _search(claim: Claim, pk: int) -> DutySearch:
    found = search_get(claim=claim, pk=pk)
    if found is None:
        raise NotFound(f"Less arduous duty search {pk} was not found.")
    return found


def _act(
    request: HttpRequest,
    claim: Claim,
    key: str,
    form: forms.Form,
    call: Callable[[], tuple[Callable[..., Any], dict[str, Any], dict[str, str]]],
    done: str,
) -> HttpResponse:
    """Validate ``form``; call the service; on success redirect with ``done``, else show the page again."""
    if form.is_valid():
        service, kwargs, aliases = call()
        try:
            service(actor=_user(request), **kwargs)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc, aliases=aliases)
        else:
            messages.success(request, done)
            return redirect(reverse("web:claim_modified_duty", args=[claim.number]))
    return _page(request, claim, {key: form})


@login_required
@require_GET
@application_errors
def claim_modified_duty_view(request: HttpRequest, number: str) -> HttpResponse:
    return _page(request, _readable(request, number))


@login_required
@require_POST
@application_errors
def claim_modified_duty_offer_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _writable(request, number)
    form = OfferForm(request.POST, prefix="offer", unit=_unit(claim))

    def call() -> tuple[Callable[..., Any], dict[str, Any], dict[str, str]]:
        kwargs, aliases = form.kwargs()
        return modified_duty_offer, {"claim": claim, **kwargs}, aliases | {"work_status": "start_on"}

    return _act(request, claim, "offer", form, call, "The modified duty offer letter was issued.")


def _assignment_action(
    request: HttpRequest,
    number: str,
    pk: int,
    prefix: str,
    make: Callable[[Claim, ModifiedDutyAssignment, Any], forms.Form],
    service: Callable[..., Any],
    done: str,
    *,
    review: bool = False,
) -> HttpResponse:
    if review:
        claim = _readable(request, number)
        require(user_can_review_modified_duty(_user(request), claim), REVIEW_REFUSED)
    else:
        claim = _writable(request, number)
    assignment = _assignment(claim, pk)
    form = make(claim, assignment, request.POST)

    def call() -> tuple[Callable[..., Any], dict[str, Any], dict[str, str]]:
        return service, {"assignment": assignment, **form.cleaned_data}, {}

    return _act(request, claim, f"{prefix}-{pk}", form, call, done)


@login_required
@require_POST
@application_errors
def claim_modified_duty_delivery_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    return _assignment_action(
        request, number, pk, "delivery", lambda c, a, d: DeliveryForm(d, prefix=f"delivery-{a.pk}"),
        modified_duty_delivery_record, "The delivery was recorded.",
    )  # fmt: skip


@login_required
@require_POST
@application_errors
def claim_modified_duty_accept_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    return _assignment_action(
        request, number, pk, "accept", lambda c, a, d: AcceptForm(d, prefix=f"accept-{a.pk}"),
        modified_duty_accept, "The acceptance was recorded.",
    )  # fmt: skip


@login_required
@require_POST
@application_errors
def claim_modified_duty_refuse_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    return _assignment_action(
        request, number, pk, "refuse", lambda c, a, d: RefuseForm(d, prefix=f"refuse-{a.pk}"),
        modified_duty_refuse, "The refusal was recorded.",
    )  # fmt: skip


@login_required
@require_POST
@application_errors
def claim_modified_duty_review_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    return _assignment_action(
        request,
        number,
        pk,
        "review",
        _review_form,
        modified_duty_review,
        "The review was recorded.",
        review=True,
    )


@login_required
@require_POST
@application_errors
def claim_modified_duty_extend_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    return _assignment_action(
        request, number, pk, "extend", lambda c, a, d: ExtendForm(d, prefix=f"extend-{a.pk}"),
        modified_duty_extend, "The assignment was extended.",
    )  # fmt: skip


@login_required
@require_POST
@application_errors
def claim_modified_duty_end_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    return _assignment_action(
        request, number, pk, "end", lambda c, a, d: EndForm(d, prefix=f"end-{a.pk}"),
        modified_duty_end, "The assignment was ended.",
    )  # fmt: skip


@login_required
@require_POST
@application_errors
def claim_duty_search_start_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _writable(request, number)
    form = SearchForm(request.POST, prefix="search", unit=_unit(claim))

    def call() -> tuple[Callable[..., Any], dict[str, Any], dict[str, str]]:
        items, aliases = form.demands("restrictions")
        data = {
            k: form.cleaned_data[k] for k in ("job_classification", "permanent_restrictions", "started_on")
        }
        return duty_search_start, {"claim": claim, "restrictions": items, **data}, aliases

    return _act(request, claim, "search", form, call, "The less arduous duty search was started.")


@login_required
@require_POST
@application_errors
def claim_duty_search_candidate_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    claim = _writable(request, number)
    search = _search(claim, pk)
    form = CandidateForm(request.POST, prefix=f"candidate-{pk}", unit=_unit(claim))

    def call() -> tuple[Callable[..., Any], dict[str, Any], dict[str, str]]:
        items, aliases = form.demands()
        data = {k: form.cleaned_data[k] for k in ("position", "department", "agency", "note")}
        return duty_search_candidate_add, {"search": search, "demands": items, **data}, aliases

    return _act(request, claim, f"candidate-{pk}", form, call, "The candidate position was added.")


@login_required
@require_POST
@application_errors
def claim_duty_search_conclude_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    claim = _writable(request, number)
    search = _search(claim, pk)
    form = _conclude_form(search, request.POST)

    def call() -> tuple[Callable[..., Any], dict[str, Any], dict[str, str]]:
        return duty_search_conclude, {"search": search, **form.cleaned_data}, {}

    return _act(request, claim, f"conclude-{pk}", form, call, "The search was concluded.")
