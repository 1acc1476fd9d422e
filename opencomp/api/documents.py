"""Claim documents: list, upload, metadata, download and reclassify.

Whoever sees a claim lists its documents; medical reports, certificates and IME reports
only those entitled to the claim's medical detail, and an IME report never an employer
(without the worker's consent: ``docs/consent.md``). A document the caller may not see
answers 404 and is left out of lists. Each download of a restricted document is recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Status, UploadedFile
from pydantic import BaseModel, ConfigDict, Field

from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import PageParams
from opencomp.claims.access import claim_get_for_user
from opencomp.documents.enums import AccessAction, AccessChannel, DocumentCategory
from opencomp.documents.http import document_response
from opencomp.documents.models import ClaimDocument
from opencomp.documents.selectors import claim_documents, document_get_for_user
from opencomp.documents.services import document_open, document_reclassify, document_upload
from opencomp.documents.validation import ACCEPTED

router = Router(tags=["Documents"])

if TYPE_CHECKING:
    CategoryName = str
else:
    CategoryName = Literal[tuple(DocumentCategory.values)]

CATEGORIES = ", ".join(f"`{c}`" for c in DocumentCategory.values)


class DocumentOut(BaseModel):
    id: int
    claim_number: str
    category: str = Field(description=f"One of {CATEGORIES}.")
    title: str
    file_name: str = Field(description="The uploader's file name, sanitised; the download's name.")
    content_type: str = Field(description="As found in the file's first bytes, not as the uploader said.")
    size: int = Field(description="In bytes.")
    sha256: str
    restricted: bool = Field(
        description="A medical report, certificate or IME report: seen only by those entitled to the "
        "claim's medical detail; every download is recorded."
    )
    uploaded_by: str
    uploaded_at: dt.datetime
    uploaded_seq: int = Field(description="The claim's `document.uploaded` event.")

    @classmethod
    def of(cls, d: ClaimDocument) -> DocumentOut:
        return cls(
            id=d.pk,
            claim_number=d.claim.number,
            category=d.category,
            title=d.title,
            file_name=d.original_name,
            content_type=d.content_type,
            size=d.size,
            sha256=d.sha256,
            restricted=d.restricted,
            uploaded_by=d.uploaded_by.get_full_name() or d.uploaded_by.username,
            uploaded_at=d.uploaded_at,
            uploaded_seq=d.uploaded_seq,
        )


class DocumentPage(BaseModel):
    count: int
    items: list[DocumentOut]


class DocumentQuery(PageParams):
    category: CategoryName | None = Field(None, description="Only documents of this category.")


class ReclassifyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    category: str = Field(description=f"The new category: one of {CATEGORIES}.")
    reason: str = Field("", max_length=500)


def _download_doc() -> dict[str, Any]:
    documented = responses({}, 404)
    documented["openapi_extra"]["responses"][200] = {
        "description": "The file, as an attachment (`Content-Disposition` with an RFC 5987 `filename*`), "
        "with its checked content type and `X-Content-Type-Options: nosniff`.",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
    return documented


@router.get(
    "/claims/{number}/documents",
    **responses({200: DocumentPage}, 400, 404),
    summary="A claim's documents",
    description="Newest first, filtered by `category`. Whoever sees the claim; restricted documents (medical "
    "reports, certificates, IME reports) only for those entitled to its medical detail, and IME reports "
    "never for employers without the worker's consent. Documents you may not see are left out.",
)
def claim_document_list(request: HttpRequest, number: str, query: Query[DocumentQuery]) -> DocumentPage:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    count, items = page_of(claim_documents(user=user, claim=claim, category=query.category or ""), query)
    return DocumentPage(count=count, items=[DocumentOut.of(d) for d in items])


@router.post(
    "/claims/{number}/documents",
    **responses({201: DocumentOut}, 400, 403, 404),
    summary="Upload a document",
    description=f"Multipart form: `file`, `category` ({CATEGORIES}) and `title`. The file's type is "
    f"found from its first bytes, not its name: {ACCEPTED}; anything else (programs, HTML, SVG, archives), "
    "an empty file or one above the size limit (20 MB unless configured) is refused naming `file`, and "
    "nothing is stored. Appends `document.uploaded`. Claims staff who work the claim.",
)
def claim_document_upload(
    request: HttpRequest,
    number: str,
    file: File[UploadedFile],
    category: Form[str] = "",
    title: Form[str] = "",
) -> Status[DocumentOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    document = document_upload(
        actor=user, claim=claim, category=category, title=title, file_name=file.name or "", content=file
    )
    return Status(201, DocumentOut.of(document))


@router.get(
    "/documents/{document_id}",
    **responses({200: DocumentOut}, 404),
    summary="A document's details",
    description="What the document is and who uploaded it (not its content: see the download).",
)
def document_detail(request: HttpRequest, document_id: int) -> DocumentOut:
    return DocumentOut.of(document_get_for_user(pk=document_id, user=user_of(request)))


@router.get(
    "/documents/{document_id}/download",
    **_download_doc(),
    summary="Download a document",
    description="The stored file. Downloading a restricted document is recorded (who, when, through the "
    "API).",
)
def document_download(request: HttpRequest, document_id: int) -> HttpResponse:
    opened = document_open(
        actor=user_of(request), pk=document_id, action=AccessAction.DOWNLOAD, channel=AccessChannel.API
    )
    return document_response(opened, attachment=True)


@router.post(
    "/documents/{document_id}/reclassify",
    **responses({200: DocumentOut}, 400, 403, 404),
    summary="Reclassify a document",
    description="File the document under another category, with an optional reason; who may see it follows "
    "the new category at once. Appends `document.reclassified`. Claims staff who work the claim.",
)
def document_reclassify_api(request: HttpRequest, document_id: int, body: ReclassifyIn) -> DocumentOut:
    user = user_of(request)
    document = document_get_for_user(pk=document_id, user=user)
    document = document_reclassify(actor=user, document=document, category=body.category, reason=body.reason)
    return DocumentOut.of(document)
