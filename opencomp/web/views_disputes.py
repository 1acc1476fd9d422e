"""The claim's "Disputes and hearings" page: disputes and their internal review, hearings and their
orders, settlement offers and their approvals.

``/claims/<number>/disputes/`` shows what the user may see (treatment disputes only with the
claim's medical detail; settlement offers not to the worker or treating providers) and, for
the claim's staff, the forms of each next step. Each form posts to its own URL, which calls
one service and comes back here; a refusal shows the page again with the error on the form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from opencomp.accounts.models import User
from opencomp.claims.access import claim_get_for_user
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.core.errors import NotFound
from opencomp.disputes.access import (
    approval_parties_of,
    user_can_manage_disputes,
    user_can_view_settlements,
)
from opencomp.disputes.enums import (
    CLOSED_DISPUTE,
    ESCALATE_FROM,
    PENDING_HEARING,
    RAISED_BY_CHOICES,
    WITHDRAWABLE_OFFER,
    ApprovalParty,
    DisputeKind,
    DisputeStatus,
    HearingStatus,
    OfferResponse,
    OfferStatus,
    RepresentativeSide,
    ReviewOutcome,
    forums_for,
)
from opencomp.disputes.hearing_services import (
    OrderInput,
    RepresentativeInput,
    hearing_adjourn,
    hearing_cancel,
    hearing_order_comply,
    hearing_outcome_record,
    hearing_schedule,
)
from opencomp.disputes.models import Dispute, Hearing, SettlementOffer
from opencomp.disputes.selectors import (
    claim_disputes,
    claim_hearings,
    claim_settlement_offers,
    disputable_decisions,
    dispute_get,
    hearing_get,
    hearing_order_get,
    reviewer_candidates,
    settlement_offer_get,
)
from opencomp.disputes.services import (
    dispute_close,
    dispute_escalate,
    dispute_raise,
    dispute_review_record,
    dispute_review_start,
    had_part,
)
from opencomp.disputes.settlement_services import (
    missing_approvals,
    settlement_approval_decide,
    settlement_offer_draft,
    settlement_offer_make,
    settlement_offer_respond,
    settlement_offer_withdraw,
)
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, datetime_input, textarea

CHOOSE = ("", "Choose…")
ROWS = 3  # representatives and orders offered on one form
NOT_STAFF = "Only the claim's administrator records disputes, hearings and settlement offers."


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


# --- forms ------------------------------------------------------------------------------------------


class DisputeForm(WebForm):
    kind = forms.ChoiceField(choices=[CHOOSE, *DisputeKind.choices])
    decision_seq = forms.TypedChoiceField(coerce=int, label="Decision disputed")
    raised_by = forms.ChoiceField(choices=[CHOOSE, *RAISED_BY_CHOICES])
    raised_by_name = forms.CharField(max_length=200, required=False, label="Name (optional)")
    raised_on = forms.DateField(widget=date_input())
    grounds = forms.CharField(widget=textarea(4), max_length=4000)

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["decision_seq"])
        field.choices = [
            CHOOSE,
            *(
                (e.seq, f"#{e.seq} {e.get_kind_display()} ({e.occurred_at:%d %b %Y})")
                for e in disputable_decisions(claim=claim)
            ),
        ]
        self.fields["raised_on"].initial = claim_today(claim)


class ReviewStartForm(WebForm):
    reviewer = forms.ModelChoiceField(queryset=User.objects.none())
    reviewer.help_text = "Who had no part in the decision (not its maker, nor who signed it off)."

    def __init__(self, *args: Any, dispute: Dispute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        excluded = list(had_part(dispute))
        field = cast(forms.ModelChoiceField, self.fields["reviewer"])  # type: ignore[type-arg]
        field.queryset = reviewer_candidates(claim=dispute.claim).exclude(pk__in=excluded)


class ReviewOutcomeForm(WebForm):
    outcome = forms.ChoiceField(choices=ReviewOutcome.choices)
    reasons = forms.CharField(widget=textarea(3), max_length=4000)


class EscalateForm(WebForm):
    to = forms.CharField(max_length=200, label="Escalated to")
    on = forms.DateField(widget=date_input())
    reference = forms.CharField(max_length=100, required=False)


class CloseForm(WebForm):
    status = forms.ChoiceField(
        choices=[(DisputeStatus.RESOLVED, "Resolved"), (DisputeStatus.WITHDRAWN, "Withdrawn")],
        label="Outcome",
    )
    note = forms.CharField(widget=textarea(2), max_length=4000, label="How it ended")
    on = forms.DateField(widget=date_input())


class HearingForm(WebForm):
    forum = forms.ChoiceField()
    forum_name = forms.CharField(max_length=200, required=False, label="Forum name (for other)")
    starts_at = forms.DateTimeField(widget=datetime_input(), label="Date and time")
    location = forms.CharField(max_length=300, label="Place or link")
    dispute = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Dispute heard")

    def __init__(self, *args: Any, claim: Claim, disputes: list[Dispute], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["forum"]).choices = [
            CHOOSE,
            *((f.code, f.label) for f in forums_for(claim.jurisdiction)),
        ]
        cast(forms.ChoiceField, self.fields["dispute"]).choices = [
            ("", "None"),
            *(
                (d.pk, f"{d.get_kind_display()} dispute of #{d.decision_seq}")
                for d in disputes
                if d.status not in CLOSED_DISPUTE
            ),
        ]
        for n in range(1, ROWS + 1):
            self.fields[f"rep_{n}_name"] = forms.CharField(
                max_length=200, required=False, label=f"Representative {n}"
            )
            self.fields[f"rep_{n}_firm"] = forms.CharField(max_length=200, required=False, label="Firm")
            self.fields[f"rep_{n}_side"] = forms.ChoiceField(
                choices=[CHOOSE, *RepresentativeSide.choices], required=False, label="For"
            )

    def representatives(self) -> list[RepresentativeInput]:
        data = self.cleaned_data
        return [
            RepresentativeInput(
                name=data[f"rep_{n}_name"], firm=data[f"rep_{n}_firm"], side=data[f"rep_{n}_side"]
            )
            for n in range(1, ROWS + 1)
            if data[f"rep_{n}_name"] or data[f"rep_{n}_firm"] or data[f"rep_{n}_side"]
        ]


class AdjournForm(WebForm):
    to_starts_at = forms.DateTimeField(widget=datetime_input(), label="New date and time")
    reason = forms.CharField(max_length=2000)


class CancelForm(WebForm):
    reason = forms.CharField(max_length=2000)


class OutcomeForm(WebForm):
    outcome = forms.CharField(widget=textarea(3), max_length=4000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, ROWS + 1):
            self.fields[f"order_{n}_description"] = forms.CharField(
                max_length=200, required=False, label=f"Order {n} to carry out"
            )
            self.fields[f"order_{n}_due_on"] = forms.DateField(
                widget=date_input(), required=False, label="By"
            )

    def orders(self) -> list[OrderInput]:
        data = self.cleaned_data
        return [
            OrderInput(description=data[f"order_{n}_description"], due_on=data[f"order_{n}_due_on"])
            for n in range(1, ROWS + 1)
            if data[f"order_{n}_description"] or data[f"order_{n}_due_on"]
        ]


class ComplyForm(WebForm):
    complied_on = forms.DateField(widget=date_input(), label="Carried out on")
    note = forms.CharField(max_length=2000, required=False)


class OfferForm(WebForm):
    amount = forms.DecimalField(min_value=None)
    terms = forms.CharField(widget=textarea(3), max_length=4000)
    dispute = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Dispute it settles")

    def __init__(self, *args: Any, disputes: list[Dispute], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["dispute"]).choices = [
            ("", "None"),
            *(
                (d.pk, f"{d.get_kind_display()} dispute of #{d.decision_seq}")
                for d in disputes
                if d.status not in CLOSED_DISPUTE
            ),
        ]


class ApproveForm(WebForm):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("refuse", "Refuse")])
    reason = forms.CharField(max_length=2000, required=False, label="Reason (required to refuse)")


class MakeForm(WebForm):
    offered_on = forms.DateField(widget=date_input(), label="Offered on")


class RespondForm(WebForm):
    response = forms.ChoiceField(choices=OfferResponse.choices)
    responded_on = forms.DateField(widget=date_input(), label="Answered on")
    note = forms.CharField(max_length=2000, required=False)


class WithdrawForm(WebForm):
    reason = forms.CharField(max_length=2000)


REP_ALIASES = {
    f"representatives.{n - 1}.{part}": f"rep_{n}_{part}"
    for n in range(1, ROWS + 1)
    for part in ("name", "firm", "side")
}
ORDER_ALIASES = {
    f"orders.{n - 1}.{part}": f"order_{n}_{part}"
    for n in range(1, ROWS + 1)
    for part in ("description", "due_on")
}


# --- the page ---------------------------------------------------------------------------------------


def _url(claim: Claim) -> str:
    return reverse("web:claim_disputes", args=[claim.number])


@dataclass
class Row:
    """One dispute, hearing or offer on the page, with the forms of its next steps for this user."""

    obj: Any
    actions: dict[str, forms.Form | None] = field(default_factory=dict)
    orders: list[tuple[Any, forms.Form | None]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _page(request: HttpRequest, claim: Claim, failed: tuple[str, forms.Form] | None = None) -> HttpResponse:
    """The page; ``failed`` is the form a refused post came from (key, bound form), shown with its errors."""
    user = _user(request)
    today = claim_today(claim)
    may_manage = user_can_manage_disputes(user, claim)
    failed_key, failed_form = failed if failed else ("", None)

    def form(key: str, make: Callable[[], forms.Form]) -> forms.Form | None:
        return failed_form if key == failed_key else make()

    disputes = list(claim_disputes(user=user, claim=claim))
    dispute_rows = [_dispute_row(d, user, today, form) if may_manage else Row(d) for d in disputes]
    hearing_rows = [
        _hearing_row(h, today, form) if may_manage else Row(h, orders=[(o, None) for o in h.orders.all()])
        for h in claim_hearings(claim=claim)
    ]
    may_see_offers = user_can_view_settlements(user, claim)
    offers = list(claim_settlement_offers(user=user, claim=claim)) if may_see_offers else []
    offer_rows = [_offer_row(o, user, claim, may_manage, today, form) for o in offers]
    context = {
        "claim": claim,
        "disputes": dispute_rows,
        "hearings": hearing_rows,
        "offers": offer_rows,
        "may_manage": may_manage,
        "may_see_offers": may_see_offers,
        "form": failed_form,
        "dispute_form": form("dispute", lambda: DisputeForm(prefix="dispute", claim=claim))
        if may_manage
        else None,
        "hearing_form": form("hearing", lambda: HearingForm(prefix="hearing", claim=claim, disputes=disputes))
        if may_manage
        else None,
        "offer_form": form("offer", lambda: OfferForm(prefix="offer", disputes=disputes))
        if may_manage
        else None,
    }
    return render(request, "web/disputes/page.html", context)


FormFor = Callable[[str, Callable[[], forms.Form]], forms.Form | None]


def _dispute_row(d: Dispute, user: User, today: dt.date, form: FormFor) -> Row:
    row = Row(d)
    pk = d.pk
    if d.status == DisputeStatus.OPEN:
        row.actions["review"] = form(
            f"review-{pk}", lambda: ReviewStartForm(prefix=f"review-{pk}", dispute=d)
        )
    if d.status == DisputeStatus.UNDER_REVIEW and d.reviewer_id == user.pk:
        row.actions["outcome"] = form(f"outcome-{pk}", lambda: ReviewOutcomeForm(prefix=f"outcome-{pk}"))
    if d.status in ESCALATE_FROM:
        row.actions["escalate"] = form(
            f"escalate-{pk}", lambda: EscalateForm(prefix=f"escalate-{pk}", initial={"on": today})
        )
    if d.status not in CLOSED_DISPUTE:
        row.actions["close"] = form(
            f"close-{pk}", lambda: CloseForm(prefix=f"close-{pk}", initial={"on": today})
        )
    return row


def _hearing_row(h: Hearing, today: dt.date, form: FormFor) -> Row:
    pk = h.pk
    row = Row(h)
    if h.status in PENDING_HEARING:
        row.actions["outcome"] = form(f"held-{pk}", lambda: OutcomeForm(prefix=f"held-{pk}"))
        row.actions["adjourn"] = form(f"adjourn-{pk}", lambda: AdjournForm(prefix=f"adjourn-{pk}"))
        row.actions["cancel"] = form(f"cancel-{pk}", lambda: CancelForm(prefix=f"cancel-{pk}"))
    for order in h.orders.all():
        comply = None
        if h.status == HearingStatus.HELD and order.complied_seq is None:
            comply = form(f"comply-{order.pk}", partial(_comply_form, order.pk, today))
        row.orders.append((order, comply))
    return row


def _comply_form(pk: int, today: dt.date) -> forms.Form:
    return ComplyForm(prefix=f"comply-{pk}", initial={"complied_on": today})


def _offer_row(
    o: SettlementOffer, user: User, claim: Claim, may_manage: bool, today: dt.date, form: FormFor
) -> Row:
    row = Row(o, missing=[ApprovalParty(p).label for p in missing_approvals(o)])
    pk = o.pk
    speaks_for = approval_parties_of(user, claim, list(o.required_approvals))
    if o.status == OfferStatus.DRAFTED and o.drafted_by_id != user.pk and speaks_for:
        row.actions["approve"] = form(f"approve-{pk}", lambda: ApproveForm(prefix=f"approve-{pk}"))
    if not may_manage:
        return row
    if o.status == OfferStatus.APPROVED:
        row.actions["make"] = form(
            f"make-{pk}", lambda: MakeForm(prefix=f"make-{pk}", initial={"offered_on": today})
        )
    if o.status == OfferStatus.OFFERED:
        row.actions["respond"] = form(
            f"respond-{pk}", lambda: RespondForm(prefix=f"respond-{pk}", initial={"responded_on": today})
        )
    if o.status in WITHDRAWABLE_OFFER:
        row.actions["withdraw"] = form(f"withdraw-{pk}", lambda: WithdrawForm(prefix=f"withdraw-{pk}"))
    return row


def _staff_claim(request: HttpRequest, number: str) -> tuple[User, Claim]:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_manage_disputes(user, claim), NOT_STAFF)
    return user, claim


def _done(request: HttpRequest, claim: Claim, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(_url(claim))


@login_required
@require_http_methods(["GET", "POST"])
@application_errors
def claim_disputes_view(request: HttpRequest, number: str) -> HttpResponse:
    """The page (GET); record a dispute (POST)."""
    if request.method == "GET":
        return _page(request, claim_get_for_user(number=number, user=_user(request)))
    user, claim = _staff_claim(request, number)
    form = DisputeForm(request.POST, prefix="dispute", claim=claim)
    if form.is_valid():
        try:
            dispute = dispute_raise(actor=user, claim=claim, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, f"{dispute.get_kind_display()} dispute recorded.")
    return _page(request, claim, ("dispute", form))


def _dispute(request: HttpRequest, number: str, pk: int) -> tuple[User, Claim, Dispute]:
    user, claim = _staff_claim(request, number)
    return user, claim, dispute_get(user=user, claim=claim, pk=pk)


@login_required
@require_POST
@application_errors
def dispute_review_start_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user, claim, dispute = _dispute(request, number, pk)
    form = ReviewStartForm(request.POST, prefix=f"review-{pk}", dispute=dispute)
    if form.is_valid():
        try:
            dispute = dispute_review_start(
                actor=user, dispute=dispute, reviewer=form.cleaned_data["reviewer"]
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, f"Internal review started by {dispute.reviewer}.")
    return _page(request, claim, (f"review-{pk}", form))


@login_required
@require_POST
@application_errors
def dispute_review_record_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user, claim, dispute = _dispute(request, number, pk)
    form = ReviewOutcomeForm(request.POST, prefix=f"outcome-{pk}")
    if form.is_valid():
        try:
            dispute = dispute_review_record(actor=user, dispute=dispute, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            follow = f" {dispute.follow_up}" if dispute.follow_up else ""
            return _done(
                request, claim, f"Review recorded: {dispute.get_review_outcome_display().lower()}.{follow}"
            )
    return _page(request, claim, (f"outcome-{pk}", form))


@login_required
@require_POST
@application_errors
def dispute_escalate_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user, claim, dispute = _dispute(request, number, pk)
    form = EscalateForm(request.POST, prefix=f"escalate-{pk}")
    if form.is_valid():
        try:
            dispute = dispute_escalate(actor=user, dispute=dispute, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, f"Dispute escalated to {dispute.escalated_to}.")
    return _page(request, claim, (f"escalate-{pk}", form))


@login_required
@require_POST
@application_errors
def dispute_close_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user, claim, dispute = _dispute(request, number, pk)
    form = CloseForm(request.POST, prefix=f"close-{pk}")
    if form.is_valid():
        try:
            dispute = dispute_close(actor=user, dispute=dispute, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, f"Dispute {dispute.get_status_display().lower()}.")
    return _page(request, claim, (f"close-{pk}", form))


# --- hearings ---------------------------------------------------------------------------------------


@login_required
@require_POST
@application_errors
def claim_hearing_schedule_view(request: HttpRequest, number: str) -> HttpResponse:
    user, claim = _staff_claim(request, number)
    disputes = list(claim_disputes(user=user, claim=claim))
    form = HearingForm(request.POST, prefix="hearing", claim=claim, disputes=disputes)
    if form.is_valid():
        data = form.cleaned_data
        try:
            dispute = dispute_get(user=user, claim=claim, pk=data["dispute"]) if data["dispute"] else None
            hearing = hearing_schedule(
                actor=user,
                claim=claim,
                forum_code=data["forum"],
                forum_name=data["forum_name"],
                starts_at=data["starts_at"],
                location=data["location"],
                representatives=form.representatives(),
                dispute=dispute,
            )
        except NotFound:
            form.add_error("dispute", "Choose a dispute of this claim.")
        except FORM_ERRORS as exc:
            form_error_apply(form, exc, aliases={"forum_code": "forum", **REP_ALIASES})
        else:
            return _done(request, claim, f"{hearing.forum_name} scheduled.")
    return _page(request, claim, ("hearing", form))


def _hearing(request: HttpRequest, number: str, pk: int) -> tuple[User, Claim, Hearing]:
    user, claim = _staff_claim(request, number)
    return user, claim, hearing_get(claim=claim, pk=pk)


@login_required
@require_POST
@application_errors
def hearing_adjourn_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user, claim, hearing = _hearing(request, number, pk)
    form = AdjournForm(request.POST, prefix=f"adjourn-{pk}")
    if form.is_valid():
        try:
            hearing_adjourn(actor=user, hearing=hearing, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, "Hearing adjourned to its new date.")
    return _page(request, claim, (f"adjourn-{pk}", form))


@login_required
@require_POST
@application_errors
def hearing_cancel_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user, claim, hearing = _hearing(request, number, pk)
    form = CancelForm(request.POST, prefix=f"cancel-{pk}")
    if form.is_valid():
        try:
            hearing_cancel(actor=user, hearing=hearing, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, "Hearing cancelled.")
    return _page(request, claim, (f"cancel-{pk}", form))


@login_required
@require_POST
@application_errors
def hearing_outcome_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user, claim, hearing = _hearing(request, number, pk)
    form = OutcomeForm(request.POST, prefix=f"held-{pk}")
    if form.is_valid():
        try:
            orders = form.orders()
            hearing_outcome_record(
                actor=user, hearing=hearing, outcome=form.cleaned_data["outcome"], orders=orders
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc, aliases=ORDER_ALIASES)
        else:
            added = f" {len(orders)} order(s) added to the diary." if orders else ""
            return _done(request, claim, f"Hearing outcome recorded.{added}")
    return _page(request, claim, (f"held-{pk}", form))


@login_required
@require_POST
@application_errors
def hearing_order_comply_view(request: HttpRequest, number: str, pk: int, order_pk: int) -> HttpResponse:
    user, claim, hearing = _hearing(request, number, pk)
    order = hearing_order_get(hearing=hearing, pk=order_pk)
    form = ComplyForm(request.POST, prefix=f"comply-{order_pk}")
    if form.is_valid():
        try:
            hearing_order_comply(actor=user, order=order, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, f"“{order.description}” recorded as carried out.")
    return _page(request, claim, (f"comply-{order_pk}", form))


# --- settlement offers ------------------------------------------------------------------------------


@login_required
@require_POST
@application_errors
def claim_settlement_draft_view(request: HttpRequest, number: str) -> HttpResponse:
    user, claim = _staff_claim(request, number)
    disputes = list(claim_disputes(user=user, claim=claim))
    form = OfferForm(request.POST, prefix="offer", disputes=disputes)
    if form.is_valid():
        data = form.cleaned_data
        try:
            dispute = dispute_get(user=user, claim=claim, pk=data["dispute"]) if data["dispute"] else None
            offer = settlement_offer_draft(
                actor=user, claim=claim, amount=data["amount"], terms=data["terms"], dispute=dispute
            )
        except NotFound:
            form.add_error("dispute", "Choose a dispute of this claim.")
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, f"Settlement offer of {offer.amount} drafted; it awaits approval.")
    return _page(request, claim, ("offer", form))


def _offer(request: HttpRequest, number: str, pk: int) -> tuple[User, Claim, SettlementOffer]:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    return user, claim, settlement_offer_get(user=user, claim=claim, pk=pk)


@login_required
@require_POST
@application_errors
def settlement_approve_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    """Approve or refuse for the party the user speaks for (the service decides who may)."""
    user, claim, offer = _offer(request, number, pk)
    form = ApproveForm(request.POST, prefix=f"approve-{pk}")
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            offer = settlement_approval_decide(
                actor=user, offer=offer, approve=approve, reason=form.cleaned_data["reason"]
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(
                request, claim, f"Approval recorded; the offer is {offer.get_status_display().lower()}."
            )
    return _page(request, claim, (f"approve-{pk}", form))


def _staff_offer(request: HttpRequest, number: str, pk: int) -> tuple[User, Claim, SettlementOffer]:
    user, claim, offer = _offer(request, number, pk)
    require(user_can_manage_disputes(user, claim), NOT_STAFF)
    return user, claim, offer


@login_required
@require_POST
@application_errors
def settlement_make_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user, claim, offer = _staff_offer(request, number, pk)
    form = MakeForm(request.POST, prefix=f"make-{pk}")
    if form.is_valid():
        try:
            settlement_offer_make(actor=user, offer=offer, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, "Settlement offer recorded as made.")
    return _page(request, claim, (f"make-{pk}", form))


@login_required
@require_POST
@application_errors
def settlement_respond_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user, claim, offer = _staff_offer(request, number, pk)
    form = RespondForm(request.POST, prefix=f"respond-{pk}")
    if form.is_valid():
        try:
            offer = settlement_offer_respond(actor=user, offer=offer, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, f"Settlement offer {offer.get_status_display().lower()}.")
    return _page(request, claim, (f"respond-{pk}", form))


@login_required
@require_POST
@application_errors
def settlement_withdraw_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user, claim, offer = _staff_offer(request, number, pk)
    form = WithdrawForm(request.POST, prefix=f"withdraw-{pk}")
    if form.is_valid():
        try:
            settlement_offer_withdraw(actor=user, offer=offer, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(request, claim, "Settlement offer withdrawn.")
    return _page(request, claim, (f"withdraw-{pk}", form))
