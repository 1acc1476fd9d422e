"""A claim's documents page: the list (filtered by category), upload, view, download, reclassify.

``/claims/<number>/documents/`` lists the documents the user may see (medical reports,
certificates and IME reports only for those entitled to the claim's medical detail; IME
reports never for employers) and, for the claim's staff, the upload form and the
reclassify controls. Viewing or downloading a restricted document is recorded.
"""

from __future__ import annotations

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
from opencomp.claims.access import claim_get_for_user
from opencomp.claims.models import Claim
from opencomp.documents.access import user_can_manage_documents
from opencomp.documents.enums import AccessAction, AccessChannel, DocumentCategory
from opencomp.documents.http import document_response
from opencomp.documents.selectors import claim_documents, document_get_for_user
from opencomp.documents.services import document_open, document_reclassify, document_upload, max_upload_bytes
from opencomp.documents.validation import ACCEPTED, JPEG, PDF, PNG, TEXT, size_text
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import ANY, WebForm

PAGE_SIZE = 50
#: Types a browser shows itself; the others are offered as a download only.
VIEWABLE = frozenset({PDF, PNG, JPEG, TEXT})
CHOOSE = ("", "Choose…")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


class UploadForm(WebForm):
    file = forms.FileField(required=False, allow_empty_file=True)
    category = forms.ChoiceField(choices=[CHOOSE, *DocumentCategory.choices], required=False)
    title = forms.CharField(max_length=200, required=False)
    title.help_text = "What it is, from whom, of when: “Dr Reyes – progress report, 28 Oct”."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = f"{ACCEPTED}; at most {size_text(max_upload_bytes())}."
        for field in self.fields.values():
            field.show_optional = False  # type: ignore[attr-defined]  # the service requires all three


class FilterForm(WebForm):
    category = forms.ChoiceField(choices=[ANY, *DocumentCategory.choices], required=False)


class ReclassifyForm(WebForm):
    category = forms.ChoiceField(choices=DocumentCategory.choices, label="New category")
    reason = forms.CharField(max_length=500, required=False)


def _page(
    request: HttpRequest,
    claim: Claim,
    *,
    upload: UploadForm | None = None,
    reclassify: tuple[int, ReclassifyForm] | None = None,
) -> HttpResponse:
    user = _user(request)
    may_manage = user_can_manage_documents(user, claim)
    filters = FilterForm(request.GET or None)
    category = filters.cleaned_data.get("category", "") if filters.is_valid() else ""
    page = Paginator(claim_documents(user=user, claim=claim, category=category), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "claim": claim,
        "page": page,
        "filters": filters,
        "form": upload if upload is not None else (UploadForm() if may_manage else None),
        "may_manage": may_manage,
        "categories": DocumentCategory.choices,
        "viewable": VIEWABLE,
        "reclassify_id": reclassify[0] if reclassify else None,
        "reclassify_form": reclassify[1] if reclassify else None,
    }
    return render(request, "web/documents/list.html", context, status=200)


@login_required
@require_http_methods(["GET", "POST"])
@application_errors
def claim_documents_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = claim_get_for_user(number=number, user=user)
    if request.method == "GET":
        return _page(request, claim)
    require(user_can_manage_documents(user, claim), "Only the claim's administrator files its documents.")
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload is None:
            form.add_error("file", "Choose a file to upload.")
        else:
            try:
                document = document_upload(
                    actor=user,
                    claim=claim,
                    category=form.cleaned_data["category"],
                    title=form.cleaned_data["title"],
                    file_name=upload.name or "",
                    content=upload,
                )
            except FORM_ERRORS as exc:
                form_error_apply(form, exc)
            else:
                messages.success(request, f"“{document.title}” uploaded ({document.get_category_display()}).")
                return redirect(reverse("web:claim_documents", args=[claim.number]))
    return _page(request, claim, upload=form)


def _open(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    opened = document_open(actor=_user(request), pk=pk, action=action, channel=AccessChannel.WEB)
    return document_response(opened, attachment=action == AccessAction.DOWNLOAD)


@login_required
@require_GET
@application_errors
def document_download_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _open(request, pk, AccessAction.DOWNLOAD)


@login_required
@require_GET
@application_errors
def document_view_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The document shown in the browser (still sandboxed and never sniffed)."""
    return _open(request, pk, AccessAction.VIEW)


@login_required
@require_POST
@application_errors
def document_reclassify_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    document = document_get_for_user(pk=pk, user=user)
    claim = document.claim
    require(user_can_manage_documents(user, claim), "Only the claim's administrator files its documents.")
    form = ReclassifyForm(request.POST, prefix=f"doc-{pk}")
    if form.is_valid():
        try:
            document = document_reclassify(actor=user, document=document, **form.cleaned_data)
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            messages.success(
                request, f"“{document.title}” is now filed as {document.get_category_display().lower()}."
            )
            return redirect(reverse("web:claim_documents", args=[claim.number]))
    return _page(request, claim, reclassify=(pk, form))
