"""Claim financials pages: a claim's reserves, payments and recoveries, and the approval queue.

``/claims/<number>/financials/`` shows the summary by category and bucket (reserve,
paid, outstanding, recovered, incurred, net incurred), the payment history (voids shown
against the payment they reverse) and the claim's requests waiting for approval. Everyone
who sees the claim sees it but its worker and treating providers (payments to providers
are medical detail). Claims staff who work the claim set reserves, issue and void
payments, record recoveries and agree repayment plans; an amount above their authority
is not posted but waits in the supervisors' queue (``/approvals/``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from opencomp.accounts.access import is_supervisor
from opencomp.accounts.models import User
from opencomp.claims.access import claim_get_for_user, user_can_view_claim, user_can_work_claim
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.core.errors import NotFound
from opencomp.payments.access import user_can_view_financials
from opencomp.payments.bank import bank_details_change, bank_details_current
from opencomp.payments.enums import (
    Account,
    Bucket,
    Category,
    EntryKind,
    PayeeKind,
    PaymentMethod,
    RecoveryKind,
    RequestKind,
    RequestStatus,
    VerificationMethod,
)
from opencomp.payments.models import ApprovalRequest, LedgerEntry, RepaymentPlan
from opencomp.payments.reserves import Suggestion, suggested_indemnity_reserve, weeks_text
from opencomp.payments.selectors import (
    FinancialSummary,
    approval_queue,
    financial_summary,
    payment_history,
    plan_still_owed,
)
from opencomp.payments.services import (
    PaymentInput,
    approval_decide,
    limits_of,
    payment_issue,
    payment_void,
    recovery_record,
    repayment_plan_agree,
    request_get,
    reserve_set,
    user_can_approve,
)
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm, date_input, textarea
from opencomp.web.schedules import schedules_context
from opencomp.web.views_benefits import BENEFIT_LABELS, day_text, money_text
from opencomp.web.views_reimbursements import reimbursement_context

TEMPLATE = "web/financials/claim.html"
QUEUE_TEMPLATE = "web/financials/approvals.html"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


# Forms ------------------------------------------------------------------------------------------


def _money(label: str = "Amount", *, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def _category() -> forms.ChoiceField:
    return forms.ChoiceField(choices=Category.choices)


def _bucket() -> forms.ChoiceField:
    return forms.ChoiceField(choices=Bucket.choices, initial=Bucket.GENERAL)


class ReserveForm(WebForm):
    category = _category()
    bucket = _bucket()
    amount = _money("New reserve", help_text="The whole reserve of the category and bucket, not the change.")
    reason = forms.CharField(widget=textarea(2), max_length=2000)


class BankDetailsForm(WebForm):
    account_name = forms.CharField(label="Account name", max_length=200)
    bsb_or_routing = forms.CharField(
        label="BSB or routing number",
        max_length=20,
        help_text="Australian claims: the 6-digit BSB. US claims: the 9-digit ABA routing number.",
    )
    account_number = forms.CharField(label="Account number", max_length=30, help_text="4 to 17 digits.")
    verification_method = forms.ChoiceField(
        label="Verified by", choices=[("", "—"), *VerificationMethod.choices]
    )
    verification_note = forms.CharField(
        label="Verification note",
        widget=textarea(2),
        max_length=2000,
        help_text="What you checked: the number you called back, the identification you saw.",
    )


class PaymentForm(WebForm):
    category = _category()
    bucket = _bucket()
    amount = _money()
    payee_kind = forms.ChoiceField(label="Payee", choices=PayeeKind.choices)
    payee_name = forms.CharField(label="Payee name", max_length=200)
    method = forms.ChoiceField(choices=PaymentMethod.choices)
    benefit = forms.ChoiceField(
        choices=[("", "—"), *BENEFIT_LABELS.items()],
        required=False,
        help_text="Indemnity: the benefit paid.",
    )
    period_start = forms.DateField(label="Period from", required=False, widget=date_input())
    period_end = forms.DateField(label="Period to", required=False, widget=date_input())
    reason = forms.CharField(widget=textarea(2), required=False, max_length=2000)
    #: A new key each time the form is shown: submitting it twice pays once.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def payment(self) -> PaymentInput:
        data = self.cleaned_data
        return PaymentInput(
            category=data["category"],
            bucket=data["bucket"],
            amount=data["amount"],
            payee_kind=data["payee_kind"],
            payee_name=data["payee_name"],
            method=data["method"],
            benefit=data["benefit"] or "",
            period_start=data["period_start"],
            period_end=data["period_end"],
            idempotency_key=data["idempotency_key"],
            reason=data["reason"] or "",
        )


class VoidForm(WebForm):
    reason = forms.CharField(widget=textarea(2), max_length=2000, help_text="Why the payment is voided.")


class RecoveryForm(WebForm):
    category = _category()
    amount = _money()
    kind = forms.ChoiceField(choices=RecoveryKind.choices)
    payer = forms.CharField(max_length=200)
    reason = forms.CharField(widget=textarea(2), required=False, max_length=2000)
    plan = forms.TypedChoiceField(
        label="Repayment plan", coerce=int, required=False, empty_value=None, choices=[("", "None")]
    )

    def __init__(self, *args: Any, plans: list[RepaymentPlan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plans = {plan.pk: plan for plan in plans}
        cast(forms.ChoiceField, self.fields["plan"]).choices = [
            ("", "None"),
            *((plan.pk, f"#{plan.pk} {plan.debtor}: {money_text(plan.owed)}") for plan in plans),
        ]


class PlanForm(WebForm):
    kind = forms.ChoiceField(choices=RecoveryKind.choices, initial=RecoveryKind.OVERPAYMENT)
    category = _category()
    owed = _money("Amount owed")
    debtor = forms.CharField(label="Who owes it", max_length=200)
    terms = forms.CharField(
        widget=textarea(2), max_length=2000, help_text="Instalments, deduction, lump sum."
    )


class DecisionForm(WebForm):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Reject")])
    reason = forms.CharField(
        widget=textarea(2), required=False, max_length=2000, help_text="Required to reject."
    )


class SuggestionForm(WebForm):
    """The expected return-to-work date the suggested indemnity reserve counts to (a GET form)."""

    expected_return = forms.DateField(
        label="Expected return to work",
        required=False,
        widget=date_input(),
        help_text="Leave empty for the statutory maximum, where the jurisdiction has one.",
    )


def _payment_form(data: Any = None) -> PaymentForm:
    return PaymentForm(data, prefix="payment", initial={"idempotency_key": uuid.uuid4().hex})


# Presentation -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    label: str
    reserve: str
    paid: str
    outstanding: str
    recovered: str
    incurred: str
    net_incurred: str


def _summary_rows(summary: FinancialSummary) -> tuple[list[SummaryRow], SummaryRow]:
    rows = [
        SummaryRow(
            label=f"{Category(p.category).label} · {Bucket(p.bucket).label}",
            reserve=money_text(p.reserve),
            paid=money_text(p.paid),
            outstanding=money_text(p.outstanding),
            recovered=money_text(p.recovered),
            incurred=money_text(p.incurred),
            net_incurred=money_text(p.net_incurred),
        )
        for p in summary.positions
    ]
    total = SummaryRow(
        "Total",
        *(
            money_text(summary.total(a))
            for a in ("reserve", "paid", "outstanding", "recovered", "incurred", "net_incurred")
        ),
    )
    return rows, total


def entry_amount(entry: LedgerEntry) -> Decimal:
    """What a payment, void or recovery moved: paid (negative for a void) or received."""
    accounts = {Account.PAID, Account.RECEIVED}
    return sum((line.amount for line in entry.lines.all() if line.account in accounts), Decimal("0.00"))


@dataclass(frozen=True)
class HistoryRow:
    entry: LedgerEntry
    amount: str
    void_form: VoidForm | None

    @property
    def kind(self) -> str:
        return EntryKind(self.entry.kind).label

    @property
    def category(self) -> str:
        e = self.entry
        return f"{Category(e.category).label} · {Bucket(e.bucket).label}"

    @property
    def period(self) -> str:
        e = self.entry
        if e.period_start is None:
            return ""
        return f"{day_text(e.period_start)} – {day_text(e.period_end)}"

    @property
    def party(self) -> str:
        e = self.entry
        if e.kind == EntryKind.RECOVERY:
            kind = RecoveryKind(e.recovery_kind).label if e.recovery_kind else ""
            return f"from {e.payee_name}" + (f" ({kind})" if kind else "")
        payee = PayeeKind(e.payee_kind).label if e.payee_kind else ""
        method = PaymentMethod(e.method).label if e.method else ""
        return f"to {e.payee_name}" + (f" ({payee}, {method})" if payee else "")

    @property
    def voided_by(self) -> LedgerEntry | None:
        return getattr(self.entry, "reversed_by", None)


@dataclass(frozen=True)
class RequestRow:
    request: ApprovalRequest
    may_decide: bool
    form: DecisionForm | None

    @property
    def amount(self) -> str:
        return money_text(self.request.amount)

    @property
    def summary(self) -> str:
        d = self.request.details
        if self.request.kind == RequestKind.RESERVE_CHANGE:
            return (
                f"{d.get('category', '')} reserve ({d.get('bucket', '')}) to "
                f"{money_text(d.get('amount'))}: {d.get('reason', '')}"
            )
        period = ""
        if d.get("period_start"):
            period = f", {day_text(d['period_start'])} – {day_text(d.get('period_end'))}"
        return (
            f"{d.get('category', '')} payment of {money_text(d.get('amount'))} to "
            f"{d.get('payee_name', '')}{period}" + (f": {d['reason']}" if d.get("reason") else "")
        )


def _requests(user: User, requests: list[ApprovalRequest], bound: Mapping[int, DecisionForm]) -> list[Any]:
    rows = []
    for r in requests:
        may = user_can_approve(user, r)
        form = bound.get(r.pk) or (DecisionForm(prefix=f"decide-{r.pk}") if may else None)
        rows.append(RequestRow(r, may, form))
    return rows


@dataclass(frozen=True)
class SuggestionView:
    """The suggested indemnity reserve as the page shows it."""

    s: Suggestion
    use_url: str  # "Use this figure": the page again with the set-reserve form pre-filled

    @property
    def amount(self) -> str:
        return money_text(self.s.amount)

    @property
    def benefit(self) -> str:
        return BENEFIT_LABELS.get(self.s.benefit, self.s.benefit)

    @property
    def weekly_rate(self) -> str:
        return money_text(self.s.weekly_rate)

    @property
    def paid(self) -> str:
        return money_text(self.s.paid_to_date)

    @property
    def weeks_paid(self) -> str:
        return weeks_text(self.s.weeks_paid)

    @property
    def remaining(self) -> str:
        return "" if self.s.remaining_weeks is None else weeks_text(self.s.remaining_weeks)


def _suggestion(request: HttpRequest, claim: Claim) -> tuple[SuggestionForm, Suggestion | None, str]:
    """The expected-return form (from the query string), the suggestion and its "Use this figure" link."""
    form = SuggestionForm(request.GET or None)
    expected = form.cleaned_data.get("expected_return") if form.is_valid() else None
    as_at = claim_today(claim)
    found = suggested_indemnity_reserve(claim=claim, expected_return=expected, as_at=as_at)
    query = {"use_suggestion": "1"}
    if expected is not None:
        query = {"expected_return": expected.isoformat(), **query}
    url = reverse("web:claim_financials", args=[claim.number]) + "?" + urlencode(query) + "#set-reserve"
    return form, found, url


# The claim's financials page ---------------------------------------------------------------------


def _claim_to_view(request: HttpRequest, number: str) -> Claim:
    """The claim (404 when hidden), if the user may see its money (403 for workers and providers)."""
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_view_financials(user, claim), "Workers and providers do not see a claim's payments.")
    return claim


def _claim_to_work(request: HttpRequest, number: str) -> Claim:
    claim = _claim_to_view(request, number)
    require(user_can_work_claim(_user(request), claim), "Only the claim's administrator handles its money.")
    return claim


def _financials_page(
    request: HttpRequest,
    claim: Claim,
    *,
    bound: Mapping[str, Any] | None = None,
    void_entry: int = 0,
    stop_schedule: int = 0,
) -> HttpResponse:
    bound = bound or {}
    user = _user(request)
    may_work = user_can_work_claim(user, claim)
    summary = financial_summary(claim=claim)
    rows, total = _summary_rows(summary)
    history = payment_history(claim=claim)
    prefetch_related_objects(history, "lines")
    plans = list(RepaymentPlan.objects.filter(claim=claim).order_by("pk"))
    pending = list(
        ApprovalRequest.objects.filter(claim=claim, status=RequestStatus.PENDING)
        .select_related("requested_by", "claim")
        .order_by("requested_at", "pk")
    )

    def void_form(entry: LedgerEntry) -> VoidForm | None:
        if not may_work or entry.kind != EntryKind.PAYMENT or hasattr(entry, "reversed_by"):
            return None
        if entry.pk == void_entry and "void" in bound:
            return cast(VoidForm, bound["void"])
        return VoidForm(prefix=f"void-{entry.pk}")

    payment_limit, reserve_limit = limits_of(user) if may_work else (Decimal("0"), Decimal("0"))
    suggestion_form, suggestion, use_url = _suggestion(request, claim)
    context: dict[str, Any] = {
        "claim": claim,
        "rows": rows,
        "total": total,
        "history": [HistoryRow(e, money_text(entry_amount(e)), void_form(e)) for e in history],
        "plans": [
            {"plan": p, "still_owed": money_text(plan_still_owed(p)), "owed": money_text(p.owed)}
            for p in plans
        ],
        "pending": _requests(user, pending, {}),
        "may_work": may_work,
        "payment_limit": money_text(payment_limit),
        "reserve_limit": money_text(reserve_limit),
        "open_form": next(iter(bound), ""),
        "form": bound.get("form"),
        "suggestion": suggestion,
        "suggestion_view": None if suggestion is None else SuggestionView(suggestion, use_url),
        "suggestion_form": suggestion_form,
        "bank": bank_details_current(claim.worker_id),
        **schedules_context(claim, may_work=may_work, bound=bound, stop_schedule=stop_schedule),
        **reimbursement_context(user, claim),
    }
    if may_work:
        reserve_initial: dict[str, Any] = {}
        if request.GET.get("use_suggestion") and suggestion is not None and suggestion.amount is not None:
            reserve_initial = {
                "category": Category.INDEMNITY,
                "bucket": Bucket.GENERAL,
                "amount": suggestion.amount,
                "reason": ("Suggested indemnity reserve: " + " ".join(suggestion.basis))[:2000],
            }
        context["reserve_form"] = bound.get("reserve") or ReserveForm(
            prefix="reserve", initial=reserve_initial
        )
        context["payment_form"] = bound.get("payment") or _payment_form()
        context["recovery_form"] = bound.get("recovery") or RecoveryForm(prefix="recovery", plans=plans)
        context["plan_form"] = bound.get("plan") or PlanForm(prefix="plan")
        context["bank_form"] = bound.get("bank") or BankDetailsForm(prefix="bank")
    return render(request, TEMPLATE, context)


def _done(request: HttpRequest, claim: Claim, notice: str, anchor: str = "history") -> HttpResponse:
    messages.success(request, notice)
    return redirect(reverse("web:claim_financials", args=[claim.number]) + f"#{anchor}")


def _waiting(request: HttpRequest, claim: Claim, limit: Decimal, item: ApprovalRequest) -> HttpResponse:
    notice = (
        f"Waiting for approval: above your authority of {money_text(limit)}. "
        f"Request #{item.pk} ({money_text(item.amount)}) is in the supervisors' queue."
    )
    messages.info(request, notice)
    return redirect(reverse("web:claim_financials", args=[claim.number]) + "#pending")


@login_required
@require_GET
@application_errors
def claim_financials_view(request: HttpRequest, number: str) -> HttpResponse:
    return _financials_page(request, _claim_to_view(request, number))


@login_required
@require_POST
@application_errors
def claim_reserve_set_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim_to_work(request, number)
    form = ReserveForm(request.POST, prefix="reserve")
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = reserve_set(
                actor=user,
                claim=claim,
                category=data["category"],
                bucket=data["bucket"],
                amount=data["amount"],
                reason=data["reason"],
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            if isinstance(result, ApprovalRequest):
                return _waiting(request, claim, limits_of(user)[1], result)
            notice = (
                f"Reserve set (#{result.pk}): {Category(data['category']).label} · "
                f"{Bucket(data['bucket']).label} {money_text(data['amount'])}."
            )
            return _done(request, claim, notice, "summary")
    return _financials_page(request, claim, bound={"reserve": form, "form": form})


@login_required
@require_POST
@application_errors
def claim_payment_issue_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim_to_work(request, number)
    form = PaymentForm(request.POST, prefix="payment")
    if form.is_valid():
        try:
            result = payment_issue(actor=user, claim=claim, payment=form.payment())
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            if isinstance(result, ApprovalRequest):
                return _waiting(request, claim, limits_of(user)[0], result)
            notice = (
                f"Payment made (#{result.pk}): {money_text(entry_amount(result))} to {result.payee_name}."
            )
            return _done(request, claim, notice)
    return _financials_page(request, claim, bound={"payment": form, "form": form})


@login_required
@require_POST
@application_errors
def claim_bank_details_change_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _claim_to_work(request, number)
    form = BankDetailsForm(request.POST, prefix="bank")
    if form.is_valid():
        try:
            details = bank_details_change(actor=_user(request), claim=claim, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            notice = f"Bank details changed: account {details.masked_number} ({details.account_name})."
            return _done(request, claim, notice, "bank-details")
    return _financials_page(request, claim, bound={"bank": form, "form": form})


def _entry_of(claim: Claim, entry_id: int) -> LedgerEntry:
    entry = LedgerEntry.objects.filter(pk=entry_id, claim=claim).first()
    if entry is None:
        raise NotFound(f"Payment #{entry_id} was not found on claim {claim.number}.")
    return entry


@login_required
@require_POST
@application_errors
def claim_payment_void_view(request: HttpRequest, number: str, entry_id: int) -> HttpResponse:
    user = _user(request)
    claim = _claim_to_work(request, number)
    entry = _entry_of(claim, entry_id)
    form = VoidForm(request.POST, prefix=f"void-{entry.pk}")
    if form.is_valid():
        try:
            void = payment_void(actor=user, entry=entry, reason=form.cleaned_data["reason"])
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            notice = f"Payment #{entry.pk} voided (#{void.pk}): {money_text(-entry_amount(void))} reversed."
            return _done(request, claim, notice)
    return _financials_page(request, claim, bound={"void": form, "form": form}, void_entry=entry.pk)


@login_required
@require_POST
@application_errors
def claim_recovery_record_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim_to_work(request, number)
    plans = list(RepaymentPlan.objects.filter(claim=claim).order_by("pk"))
    form = RecoveryForm(request.POST, prefix="recovery", plans=plans)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = recovery_record(
                actor=user,
                claim=claim,
                category=data["category"],
                amount=data["amount"],
                kind=data["kind"],
                payer=data["payer"],
                reason=data["reason"] or "",
                plan=form.plans.get(data["plan"]) if data["plan"] else None,
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            notice = f"Recovery recorded (#{entry.pk}): {money_text(data['amount'])} from {entry.payee_name}."
            return _done(request, claim, notice)
    return _financials_page(request, claim, bound={"recovery": form, "form": form})


@login_required
@require_POST
@application_errors
def claim_repayment_plan_agree_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _claim_to_work(request, number)
    form = PlanForm(request.POST, prefix="plan")
    if form.is_valid():
        try:
            plan = repayment_plan_agree(actor=user, claim=claim, **form.service_kwargs())
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            notice = f"Repayment plan #{plan.pk} agreed: {plan.debtor} owes {money_text(plan.owed)}."
            return _done(request, claim, notice, "plans")
    return _financials_page(request, claim, bound={"plan": form, "form": form})


# The approval queue ------------------------------------------------------------------------------


def _queue(user: User) -> list[ApprovalRequest]:
    return approval_queue(administrator_id=user.organisation_id)  # an administrator: every claim's


def _queue_page(request: HttpRequest, bound: Mapping[int, DecisionForm] | None = None) -> HttpResponse:
    user = _user(request)
    payment_limit, reserve_limit = limits_of(user)
    bound = bound or {}
    queue = _queue(user)
    listed = {r.pk for r in queue}
    context = {
        "requests": _requests(user, queue, bound),
        # a refused decision on a request no longer waiting (decided meanwhile) shows above the queue
        "orphan_form": next((f for pk, f in bound.items() if pk not in listed), None),
        "payment_limit": money_text(payment_limit),
        "reserve_limit": money_text(reserve_limit),
        "form": next(iter(bound.values()), None),
    }
    return render(request, QUEUE_TEMPLATE, context)


@login_required
@require_GET
@application_errors
def approval_queue_view(request: HttpRequest) -> HttpResponse:
    require(is_supervisor(_user(request)), "Only supervisors decide approval requests.")
    return _queue_page(request)


@login_required
@require_POST
@application_errors
def approval_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    require(is_supervisor(user), "Only supervisors decide approval requests.")
    item = request_get(pk)
    if not user_can_view_claim(user, item.claim):
        raise NotFound(f"Approval request {pk} was not found.")
    form = DecisionForm(request.POST, prefix=f"decide-{pk}")
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            decided = approval_decide(
                actor=user, request=item, approve=approve, reason=form.cleaned_data["reason"]
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)  # "request", "amount"…: not fields of the form, shown above it
        else:
            verb = "approved and posted" if approve else "rejected"
            notice = f"Request #{decided.pk} ({money_text(decided.amount)} on {item.claim.number}) {verb}."
            messages.success(request, notice)
            return redirect("web:approval_queue")
    return _queue_page(request, {pk: form})
