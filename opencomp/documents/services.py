"""Every write to claim documents: upload, reclassify, and the recorded opening of restricted ones.

Each service checks the actor first (``documents.access``), then the input, reporting every
problem at once under the field it concerns (``file``, ``category``, ``title``); a refused
request stores no file and writes no row. A change appends its claim event in the same
transaction (``document.uploaded``, ``document.reclassified``), with ``medical``
sensitivity when the document is restricted so its title stays with those entitled to it.
Opening a restricted document (a view or a download) appends a ``DocumentAccess`` row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, BinaryIO, cast

from django.conf import settings
from django.core.files import File
from django.db import transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.enums import EventKind, Sensitivity
from opencomp.claims.models import Claim
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector, ValidationFailed
from opencomp.documents.access import user_can_manage_documents
from opencomp.documents.enums import AccessAction, AccessChannel, DocumentCategory, is_restricted
from opencomp.documents.models import ClaimDocument, DocumentAccess
from opencomp.documents.selectors import document_get_for_user
from opencomp.documents.validation import Inspected, inspect_upload

TITLE_LIMIT = 200
REASON_LIMIT = 500
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_upload_bytes() -> int:
    """The largest file accepted (setting ``OPENCOMP_DOCUMENT_MAX_BYTES``, 20 MB by default)."""
    return int(getattr(settings, "OPENCOMP_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _category(errors: ErrorCollector, value: str) -> str:
    if value not in DocumentCategory.values:
        errors.add("category", f"choose one of: {', '.join(DocumentCategory.values)}")
    return value


def _title(errors: ErrorCollector, value: str) -> str:
    title = " ".join((value or "").split())
    title = "".join(ch for ch in title if ch.isprintable())
    if not title:
        errors.add("title", "give the document a title (what it is, from whom, of when)")
    elif len(title) > TITLE_LIMIT:
        errors.add("title", f"must be at most {TITLE_LIMIT} characters")
    return title


def _require_manages(actor: User, claim: Claim) -> None:
    require(user_can_manage_documents(actor, claim), "Only the claim's administrator files its documents.")


def _sensitivity(*categories: str) -> str:
    return Sensitivity.MEDICAL if any(is_restricted(c) for c in categories) else Sensitivity.NORMAL


@transaction.atomic
def document_upload(
    *, actor: User, claim: Claim, category: str, title: str, file_name: str, content: IO[bytes]
) -> ClaimDocument:
    """Store ``content`` as a document of ``claim``; appends ``document.uploaded``.

    The file is checked by its content (``documents.validation``): at most the size limit,
    not empty, one of the accepted types. It is stored under a random name.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``file``, ``category`` or ``title``; nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    category = _category(errors, category)
    title = _title(errors, title)
    stream = cast(BinaryIO, content)
    inspected = inspect_upload(name=file_name, stream=stream, max_bytes=max_upload_bytes(), errors=errors)
    errors.raise_if_any("The document was not uploaded.")
    inspected = cast(Inspected, inspected)  # no errors: the file passed
    claim = claim_lock(claim)
    now = clock.now()
    document = ClaimDocument(
        claim=claim,
        category=category,
        title=title,
        original_name=inspected.display_name,
        content_type=inspected.content_type,
        size=inspected.size,
        sha256=inspected.sha256,
        restricted=is_restricted(category),
        uploaded_by=actor,
        uploaded_at=now,
        uploaded_seq=claim.last_event_seq + 1,  # the event appended next; checked below
        updated_at=now,
    )
    stream.seek(0)
    document.file.save("upload", File(stream), save=False)
    stored = document.file.name
    try:
        document.save()
        event = claim_event_record(
            actor=actor,
            claim=claim,
            kind=EventKind.DOCUMENT_UPLOADED,
            payload={
                "document_id": document.pk,
                "category": category,
                "title": title,
                "file_name": inspected.display_name,
                "content_type": inspected.content_type,
                "size": inspected.size,
                "sha256": inspected.sha256,
                "restricted": document.restricted,
            },
            sensitivity=_sensitivity(category),
        )
        if event.seq != document.uploaded_seq:
            document.uploaded_seq = event.seq
            document.save(update_fields=["uploaded_seq"])
    except BaseException:
        # No row without its file, and no file without its row. (Should the caller's own
        # transaction roll back after this returns, the stored file is left orphaned: harmless,
        # unreachable, and found by comparing storage with the table.)
        document.file.storage.delete(stored)
        raise
    return document


@transaction.atomic
def document_reclassify(
    *, actor: User, document: ClaimDocument, category: str, reason: str = ""
) -> ClaimDocument:
    """Move a document to another category; appends ``document.reclassified``.

    Who may see it follows the new category at once.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``category`` (unknown, or the one it already has) or ``reason``.
    """
    _require_manages(actor, document.claim)
    errors = ErrorCollector()
    category = _category(errors, category)
    reason = " ".join((reason or "").split())
    if len(reason) > REASON_LIMIT:
        errors.add("reason", f"must be at most {REASON_LIMIT} characters")
    errors.raise_if_any("The document was not reclassified.")
    claim = claim_lock(document.claim)
    document = ClaimDocument.objects.select_for_update().get(pk=document.pk)
    if document.category == category:
        raise ValidationFailed.for_field(
            "category", f"the document is already filed as {document.get_category_display().lower()}"
        )
    before = document.category
    document.category = category
    document.restricted = is_restricted(category)
    document.updated_at = clock.now()
    document.save(update_fields=["category", "restricted", "updated_at"])
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.DOCUMENT_RECLASSIFIED,
        payload={
            "document_id": document.pk,
            "uploaded_seq": document.uploaded_seq,
            "from_category": before,
            "to_category": category,
            "restricted": document.restricted,
            "reason": reason,
        },
        sensitivity=_sensitivity(before, category),
    )
    return document


@dataclass(frozen=True)
class OpenedDocument:
    """A document the user may open, with its stored file open for reading (the caller closes it)."""

    document: ClaimDocument
    file: File  # type: ignore[type-arg]


@transaction.atomic
def document_open(*, actor: User, pk: int, action: str, channel: str) -> OpenedDocument:
    """Open a document for ``action`` (view or download); records the access if it is restricted.

    Raises:
        NotFound: the document is missing or the actor may not see it (the two are not told apart).
    """
    if action not in AccessAction.values or channel not in AccessChannel.values:
        raise ValueError(f"unknown access {action!r} through {channel!r}")
    document = document_get_for_user(pk=pk, user=actor)  # hidden is not found
    if document.restricted:
        DocumentAccess.objects.create(
            document=document, user=actor, action=action, channel=channel, at=clock.now()
        )
    handle = document.file.storage.open(document.file.name, "rb")
    return OpenedDocument(document=document, file=handle)
