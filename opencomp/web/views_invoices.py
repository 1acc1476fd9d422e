"""Provider invoice pages: the invoice register, an invoice with its review, decision and payment.

``/invoices/`` is the book-wide register (the claims the user may see; filters by status,
provider, overdue and receipt dates). ``/invoices/<id>/`` shows one invoice, its lines
(for those who may read the claim's medical detail) and, for the claim's staff, the forms
to review, decide and pay it. ``/claims/<number>/invoices/new/`` records one as received.
No fee schedule is held (no amounts are sourced): the pages say so where amounts are checked.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencomp.accounts.models import User
from opencomp.claims.access import claim_get_for_user, user_can_work_claim
from opencomp.claims.models import Claim
from opencomp.core import clock
from opencomp.payments.enums import PaymentMethod
from opencomp.payments.enums_invoices import InvoiceOutcome, InvoiceStatus, LineFlag
from opencomp.payments.invoice_selectors import (
    NO_FEE_SCHEDULE,
    RegisterFilters,
    invoice_get_for_user,
    invoice_register,
    user_can_view_invoice_lines,
    user_can_view_invoices,
)
from opencomp.payments.invoice_services import (
    InvoiceInput,
    LineInput,
    LineReview,
    invoice_decide,
    invoice_pay,
    invoice_receive,
    invoice_review,
)
from opencomp.payments.models_invoices import ProviderInvoice
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import ANY, WebForm, date_input, textarea
from opencomp.web.views_benefits import money_text

#: Rows of the "record an invoice" form (an invoice with more lines is recorded through the API).
LINE_ROWS = 8
PAGE_SIZE = 50
FLAG_LABELS = dict(LineFlag.choices)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


def _money(label: str, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        required=required,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


# Forms ------------------------------------------------------------------------------------------


class InvoiceForm(WebForm):
    provider_name = forms.CharField(label="Provider", max_length=200)
    invoice_number = forms.CharField(label="Provider's invoice number", max_length=60)
    received_on = forms.DateField(label="Received on", widget=date_input())
    total = _money("Invoice total", required=False)
    total.help_text = "Optional: checked against the sum of the lines."


class LineForm(WebForm):
    service_date = forms.DateField(label="Service date", required=False, widget=date_input())
    item_code = forms.CharField(label="Item code", max_length=30, required=False)
    description = forms.CharField(max_length=300, required=False)
    units = forms.DecimalField(label="Units", max_digits=8, decimal_places=2, required=False, initial=1)
    amount_claimed = _money("Amount claimed", required=False)

    def filled(self) -> bool:
        return any(v not in (None, "") for k, v in self.cleaned_data.items() if k != "units")


class ReviewForm(WebForm):
    note = forms.CharField(label="Review note", widget=textarea(2), required=False, max_length=2000)

    def __init__(self, *args: Any, invoice: ProviderInvoice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        note = self.fields.pop("note")
        self.positions = [line.position for line in invoice.lines.all()]
        for line in invoice.lines.all():
            field = _money(f"Line {line.position}: approve (of {money_text(line.amount_claimed)})")
            field.initial = line.amount_approved if line.amount_approved is not None else line.amount_claimed
            self.fields[f"amount_{line.position}"] = field
        self.fields["note"] = note

    def reviews(self) -> list[LineReview]:
        return [LineReview(amount_approved=self.cleaned_data[f"amount_{p}"]) for p in self.positions]

    def aliases(self) -> dict[str, str]:
        return {f"lines[{i}].amount_approved": f"amount_{p}" for i, p in enumerate(self.positions)}


class DecideForm(WebForm):
    outcome = forms.ChoiceField(choices=InvoiceOutcome.choices)
    reasons = forms.CharField(
        widget=textarea(2), required=False, max_length=2000, help_text="Required to partly approve or deny."
    )


class PayForm(WebForm):
    method = forms.ChoiceField(choices=PaymentMethod.choices)
    paid_on = forms.DateField(label="Payment date", required=False, widget=date_input())


class RegisterFilterForm(WebForm):
    status = forms.ChoiceField(choices=[ANY, *InvoiceStatus.choices], required=False)
    provider = forms.CharField(max_length=200, required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)
    received_from = forms.DateField(label="Received from", required=False, widget=date_input())
    received_to = forms.DateField(label="Received to", required=False, widget=date_input())


# The register -----------------------------------------------------------------------------------


@login_required
@require_GET
@application_errors
def invoice_register_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(user_can_view_invoices(user), "Workers and providers do not see invoices.")
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = RegisterFilters(
        status=data.get("status") or "",
        provider=data.get("provider") or "",
        overdue=bool(data.get("overdue")),
        received_from=data.get("received_from"),
        received_to=data.get("received_to"),
    )
    now = clock.now()
    page = Paginator(invoice_register(user=user, filters=filters, now=now), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "now": now, "fee_schedule": NO_FEE_SCHEDULE}
    return render(request, "web/invoices/register.html", context)


# Recording an invoice ---------------------------------------------------------------------------


def _claim_to_work(request: HttpRequest, number: str) -> Claim:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_view_invoices(user), "Workers and providers do not see a claim's invoices.")
    require(user_can_work_claim(user, claim), "Only the claim's administrator handles its invoices.")
    return claim


@login_required
@require_http_methods(["GET", "POST"])
@application_errors
def claim_invoice_create_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _claim_to_work(request, number)
    data = request.POST if request.method == "POST" else None
    form = InvoiceForm(data, prefix="invoice")
    rows = [LineForm(data, prefix=f"line-{i}") for i in range(LINE_ROWS)]
    if data is not None and form.is_valid() and all(row.is_valid() for row in rows):
        used = [row for row in rows if row.filled()]
        lines = [
            LineInput(
                service_date=row.cleaned_data["service_date"],
                item_code=row.cleaned_data["item_code"],
                description=row.cleaned_data["description"],
                units=row.cleaned_data["units"] or Decimal("1"),
                amount_claimed=row.cleaned_data["amount_claimed"],
            )
            for row in used
        ]
        try:
            invoice = invoice_receive(
                actor=_user(request),
                claim=claim,
                invoice=InvoiceInput(
                    provider_name=form.cleaned_data["provider_name"],
                    invoice_number=form.cleaned_data["invoice_number"],
                    received_on=form.cleaned_data["received_on"],
                    lines=lines,
                    total=form.cleaned_data["total"],
                ),
            )
        except FORM_ERRORS as exc:
            _apply_line_errors(form, used, exc)
        else:
            messages.success(
                request, f"Invoice {invoice.invoice_number} of {invoice.provider_name} recorded."
            )
            return redirect(reverse("web:invoice_detail", args=[invoice.pk]))
    context = {"claim": claim, "form": form, "rows": rows}
    return render(request, "web/invoices/new.html", context)


def _apply_line_errors(form: InvoiceForm, used: list[LineForm], exc: Any) -> None:
    """Errors naming ``lines[i].field`` go on the i-th filled row; the rest on the invoice form."""
    rest = []
    for error in exc.errors:
        if error.field.startswith("lines[") and "]." in error.field:
            index, name = error.field.removeprefix("lines[").split("].", 1)
            row = used[int(index)]
            row.add_error(name if name in row.fields else None, error.message)
        else:
            rest.append(error)
    if rest or not exc.errors:
        form_error_apply(form, type(exc)(exc.message, errors=rest))
    elif not form.errors:
        form.add_error(None, exc.message)


# One invoice ------------------------------------------------------------------------------------


def _invoice_page(
    request: HttpRequest, invoice: ProviderInvoice, *, bound: dict[str, WebForm] | None = None
) -> HttpResponse:
    bound = bound or {}
    user = _user(request)
    claim = invoice.claim
    may_work = user_can_work_claim(user, claim)
    lines = list(invoice.lines.all()) if user_can_view_invoice_lines(user, claim) else None
    context: dict[str, Any] = {
        "invoice": invoice,
        "claim": claim,
        "lines": lines,
        "flag_labels": FLAG_LABELS,
        "may_work": may_work,
        "fee_schedule": NO_FEE_SCHEDULE,
        "form": next(iter(bound.values()), None),
        "now": clock.now(),
    }
    if may_work:
        status = invoice.status
        if status in {InvoiceStatus.RECEIVED, InvoiceStatus.REVIEWED}:
            context["review_form"] = bound.get("review") or ReviewForm(prefix="review", invoice=invoice)
        if status == InvoiceStatus.REVIEWED:
            context["decide_form"] = bound.get("decide") or DecideForm(prefix="decide")
        if invoice.payable:
            context["pay_form"] = bound.get("pay") or PayForm(prefix="pay")
    return render(request, "web/invoices/detail.html", context)


def _invoice_to_work(request: HttpRequest, pk: int) -> ProviderInvoice:
    user = _user(request)
    invoice = invoice_get_for_user(pk=pk, user=user)
    require(user_can_work_claim(user, invoice.claim), "Only the claim's administrator handles its invoices.")
    return invoice


def _done(request: HttpRequest, invoice: ProviderInvoice, notice: str) -> HttpResponse:
    messages.success(request, notice)
    return redirect(reverse("web:invoice_detail", args=[invoice.pk]))


@login_required
@require_GET
@application_errors
def invoice_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _invoice_page(request, invoice_get_for_user(pk=pk, user=_user(request)))


@login_required
@require_POST
@application_errors
def invoice_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice_to_work(request, pk)
    form = ReviewForm(request.POST, prefix="review", invoice=invoice)
    if form.is_valid():
        try:
            invoice_review(
                actor=_user(request), invoice=invoice, lines=form.reviews(), note=form.cleaned_data["note"]
            )
        except FORM_ERRORS as exc:
            form_error_apply(form, exc, aliases=form.aliases())
        else:
            return _done(request, invoice, "Invoice reviewed.")
    return _invoice_page(request, invoice, bound={"review": form})


@login_required
@require_POST
@application_errors
def invoice_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice_to_work(request, pk)
    form = DecideForm(request.POST, prefix="decide")
    if form.is_valid():
        try:
            invoice_decide(actor=_user(request), invoice=invoice, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            return _done(
                request, invoice, f"Invoice {InvoiceOutcome(form.cleaned_data['outcome']).label.lower()}."
            )
    return _invoice_page(request, invoice, bound={"decide": form})


@login_required
@require_POST
@application_errors
def invoice_pay_view(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice_to_work(request, pk)
    form = PayForm(request.POST, prefix="pay")
    if form.is_valid():
        try:
            invoice = invoice_pay(actor=_user(request), invoice=invoice, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            if invoice.awaiting_approval:
                messages.info(
                    request,
                    f"Waiting for approval: above your payment authority. Request #{invoice.approval_id} is "
                    "in the supervisors' queue; the invoice is paid when it is approved.",
                )
                return redirect(reverse("web:invoice_detail", args=[invoice.pk]))
            return _done(
                request,
                invoice,
                f"Invoice paid: {money_text(invoice.amount_approved)} (#{invoice.entry_id}).",
            )
    return _invoice_page(request, invoice, bound={"pay": form})
