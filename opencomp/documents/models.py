"""A claim's documents and the append-only record of who opened the restricted ones."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from opencomp.claims.models import Claim
from opencomp.core.models import AppendOnlyModel
from opencomp.documents.enums import RESTRICTED_CATEGORIES, AccessAction, AccessChannel, DocumentCategory


def stored_name(instance: object, filename: str) -> str:
    """Where an upload is stored: a random name, never the user's (no extension, nothing to execute)."""
    return f"claim-documents/{uuid.uuid4().hex}"


class ClaimDocument(models.Model):
    """One uploaded file on a claim: what it is, who sent it, and its checked content type and digest.

    ``restricted`` follows the category (medical reports, certificates, IME reports) and is
    kept with it by every service; the database checks that they agree.
    """

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="documents")
    category = models.CharField(max_length=32, choices=DocumentCategory.choices)
    title = models.CharField(max_length=200)
    original_name = models.CharField(
        max_length=140, help_text="The uploader's file name, sanitised, for display."
    )
    file = models.FileField(upload_to=stored_name, max_length=200)
    content_type = models.CharField(max_length=100, help_text="As found in the file's first bytes.")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    restricted = models.BooleanField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    uploaded_seq = models.PositiveIntegerField(help_text="The claim's `document.uploaded` event.")
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["claim", "category"], name="documents_claim_category")]
        constraints = [
            models.CheckConstraint(
                condition=Q(restricted=True, category__in=sorted(RESTRICTED_CATEGORIES))
                | (Q(restricted=False) & ~Q(category__in=sorted(RESTRICTED_CATEGORIES))),
                name="documents_restricted_follows_category",
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="documents_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_category_display()})"


class DocumentAccess(AppendOnlyModel):
    """One view or download of a restricted document: who, when, how. Never changed or deleted."""

    document = models.ForeignKey(ClaimDocument, on_delete=models.PROTECT, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=8, choices=AccessAction.choices)
    channel = models.CharField(max_length=8, choices=AccessChannel.choices)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]
