"""Reads of claim documents; a document the user may not see is "not found" (ADR 0002)."""

from __future__ import annotations

from django.db.models import QuerySet

from opencomp.accounts.models import User
from opencomp.claims.access import claim_queryset_for_user
from opencomp.claims.models import Claim
from opencomp.core.errors import NotFound
from opencomp.documents.access import visible_categories
from opencomp.documents.models import ClaimDocument


def claim_documents(*, user: User, claim: Claim, category: str = "") -> QuerySet[ClaimDocument]:
    """The claim's documents ``user`` may see, newest first; only ``category`` when given.

    The caller has obtained ``claim`` through ``claims.access`` (the user sees it).
    """
    allowed = visible_categories(user, claim)
    documents = ClaimDocument.objects.filter(claim=claim, category__in=sorted(allowed))
    if category:
        documents = documents.filter(category=category)
    return documents.select_related("uploaded_by", "claim")


def document_get_for_user(*, pk: int, user: User) -> ClaimDocument:
    """The document, or ``NotFound`` when it is missing, its claim is hidden, or its category is."""
    document = (
        ClaimDocument.objects.select_related("claim", "uploaded_by")
        .filter(pk=pk, claim__in=claim_queryset_for_user(user))
        .first()
    )
    if document is None or document.category not in visible_categories(user, document.claim):
        raise NotFound(f"Document {pk} was not found.")
    return document
