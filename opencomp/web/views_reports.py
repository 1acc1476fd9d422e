"""Book-wide money pages: spend (with CSV/XLSX downloads, and the payment register's) and bank files.

``/book/spend/`` groups the spend of the claims the user may see by period, jurisdiction,
employer, category and bucket, with a totals row, for every role but workers and
treating providers. ``/book/payment-files/`` is for claims supervisors and system
administrators: write the bank file of a date range, list the files, download one,
re-issue one with a reason.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from opencomp.accounts.models import User
from opencomp.claims.selectors import claim_employers_for
from opencomp.core import clock
from opencomp.jurisdictions import choices as jurisdiction_choices
from opencomp.payments.access import user_can_export_payment_files, user_can_view_book_financials
from opencomp.payments.enums import Category, PaymentMethod
from opencomp.payments.payment_files import (
    payment_file_export,
    payment_file_get,
    payment_file_list,
    payment_file_reissue,
)
from opencomp.payments.report_exports import (
    register_table,
    spend_cells,
    spend_columns,
    spend_table,
    table_response,
)
from opencomp.payments.report_selectors import (
    GROUPINGS,
    RegisterFilters,
    SpendFilters,
    payment_register,
    spend_report,
)
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import ANY, WebForm, date_input, textarea
from opencomp.web.views_benefits import money_text

SPEND_TEMPLATE = "web/reports/spend.html"
FILES_TEMPLATE = "web/reports/payment_files.html"
GROUP_LABELS = {
    "period": "Period",
    "jurisdiction": "Jurisdiction",
    "employer": "Employer",
    "category": "Category",
    "bucket": "Bucket",
}
DOWNLOADS = ("csv", "xlsx")
NO_SPEND = "Workers and providers do not see payments."
NO_FILES = "Only claims supervisors write bank payment files."


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


class SpendForm(WebForm):
    group_by = forms.MultipleChoiceField(
        label="Group by",
        choices=[(g, GROUP_LABELS[g]) for g in GROUPINGS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    period = forms.ChoiceField(
        choices=[("month", "Month"), ("quarter", "Quarter"), ("year", "Year")], required=False
    )
    date_from = forms.DateField(label="From", required=False, widget=date_input())
    date_to = forms.DateField(label="To", required=False, widget=date_input())
    jurisdiction = forms.ChoiceField(choices=[ANY, *jurisdiction_choices()], required=False)
    employer = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    category = forms.ChoiceField(choices=[ANY, *Category.choices], required=False)
    as_of = forms.DateField(
        label="Reserves as of", required=False, widget=date_input(), help_text="Adds reserve and incurred."
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employer = self.fields["employer"]
        if isinstance(employer, forms.ChoiceField):
            employer.choices = [ANY, *((org.pk, org.name) for org in claim_employers_for(user))]

    def chosen(self) -> tuple[list[str], str, SpendFilters]:
        """Grouping, period and filters; with nothing chosen, by category over every date."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        groups = list(data.get("group_by") or []) or ["category"]
        return (
            groups,
            data.get("period") or "month",
            SpendFilters(
                date_from=data.get("date_from"),
                date_to=data.get("date_to"),
                jurisdiction=data.get("jurisdiction") or "",
                employer_id=data.get("employer"),
                category=data.get("category") or "",
                as_of=data.get("as_of"),
            ),
        )


class PaymentFileForm(WebForm):
    country = forms.ChoiceField(
        choices=[("AU", "Australia: ABA file (NSW claims)"), ("US", "United States: NACHA PPD file")]
    )
    date_from = forms.DateField(label="Payments dated from", widget=date_input())
    date_to = forms.DateField(label="to", widget=date_input())
    processing_date = forms.DateField(
        label="Processing date", required=False, widget=date_input(), help_text="Defaults to today."
    )


class ReissueForm(WebForm):
    reason = forms.CharField(widget=textarea(2), max_length=2000, help_text="Why the file is written again.")


def _spend_rows(report: Any) -> tuple[list[str], list[list[str]], list[str], int]:
    """Header, rows and totals as text for the page; the index of the first money column."""
    header = spend_columns(report)
    first_money = len(report.group_by) + 2

    def text(cells: list[Any]) -> list[str]:
        return [
            money_text(c) if i >= first_money else ("" if c is None else str(c)) for i, c in enumerate(cells)
        ]

    rows = [text(spend_cells(report, r)) for r in report.rows]
    return header, rows, text(spend_cells(report, report.total, total=True)), len(report.group_by)


@login_required
@require_GET
@application_errors
def spend_report_view(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    user = _user(request)
    require(user_can_view_book_financials(user), NO_SPEND)
    form = SpendForm(request.GET or None, user=user)
    groups, period, filters = form.chosen()
    fmt = request.GET.get("format", "")
    report = None
    try:
        report = spend_report(user=user, group_by=groups, period=period, filters=filters)
    except FORM_ERRORS as exc:
        form_error_apply(form, exc)
    if report is not None and fmt in DOWNLOADS:
        return table_response(spend_table(report), fmt=fmt, stem="spend", on=clock.today())
    query = request.GET.copy()
    query.pop("format", None)
    chosen = query.urlencode()
    downloads = {f: "?" + "&".join(filter(None, [chosen, urlencode({"format": f})])) for f in DOWNLOADS}
    context: dict[str, Any] = {"form": form, "report": report, "downloads": downloads, "query": chosen}
    if report is not None:
        header, rows, total, labels = _spend_rows(report)
        context.update(header=header, rows=rows, total=total, label_columns=labels)
    return render(request, SPEND_TEMPLATE, context)


@login_required
@require_GET
@application_errors
def payment_register_export_view(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The payment register of the spend page's filters, as CSV (default) or XLSX."""
    user = _user(request)
    require(user_can_view_book_financials(user), NO_SPEND)
    form = SpendForm(request.GET or None, user=user)
    _groups, _period, f = form.chosen()
    method = request.GET.get("method", "")
    filters = RegisterFilters(
        date_from=f.date_from,
        date_to=f.date_to,
        jurisdiction=f.jurisdiction,
        employer_id=f.employer_id,
        category=f.category,
        method=method if method in PaymentMethod.values else "",
    )
    fmt = request.GET.get("format", "csv")
    try:
        entries = payment_register(user=user, filters=filters)
    except FORM_ERRORS:  # the spend page shows what is wrong with the same choices
        query = request.GET.copy()
        query.pop("format", None)
        return redirect(f"{reverse('web:spend_report')}?{query.urlencode()}")
    fmt = fmt if fmt in DOWNLOADS else "csv"
    return table_response(register_table(entries), fmt=fmt, stem="payment-register", on=clock.today())


def _files_page(
    request: HttpRequest, form: PaymentFileForm | None = None, reissue: dict[int, ReissueForm] | None = None
) -> HttpResponse:
    user = _user(request)
    files = list(payment_file_list(user=user)[:100])
    reissue = reissue or {}
    rows = [
        {
            "file": f,
            "total": money_text(f.total),
            "live": getattr(f, "reissued_by", None) is None,
            "form": reissue.get(f.pk) or ReissueForm(prefix=f"reissue-{f.pk}"),
        }
        for f in files
    ]
    today = clock.today()
    return render(
        request,
        FILES_TEMPLATE,
        {
            "form": form or PaymentFileForm(initial={"date_to": today, "date_from": today.replace(day=1)}),
            "files": rows,
        },
    )


@login_required
@require_GET
@application_errors
def payment_files_view(request: HttpRequest) -> HttpResponse:
    require(user_can_export_payment_files(_user(request)), NO_FILES)
    return _files_page(request)


@login_required
@require_POST
@application_errors
def payment_file_export_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(user_can_export_payment_files(user), NO_FILES)
    form = PaymentFileForm(request.POST)
    if form.is_valid():
        try:
            file, excluded = payment_file_export(actor=user, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            notice = f"{file.file_name}: {file.line_count} payments, {money_text(file.total)}."
            if excluded:
                notice += f" {len(excluded)} left out (see the file's list)."
            messages.success(request, notice)
            return redirect("web:payment_files")
    return _files_page(request, form=form)


@login_required
@require_GET
@application_errors
def payment_file_download_view(request: HttpRequest, pk: int) -> HttpResponse:
    file = payment_file_get(user=_user(request), file_id=pk)
    response = HttpResponse(file.content.encode("ascii"), content_type="text/plain; charset=us-ascii")
    response["Content-Disposition"] = f'attachment; filename="{file.file_name}"'
    return response


@login_required
@require_POST
@application_errors
def payment_file_reissue_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    file = payment_file_get(user=user, file_id=pk)
    form = ReissueForm(request.POST, prefix=f"reissue-{pk}")
    if form.is_valid():
        try:
            new, _excluded = payment_file_reissue(actor=user, file=file, reason=form.cleaned_data["reason"])
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(request, f"{file.file_name} re-issued as {new.file_name}.")
            return redirect("web:payment_files")
    return _files_page(request, reissue={pk: form})
