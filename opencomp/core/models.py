"""Audit trail for changes to records that are not (yet) part of a claim.

Claim facts live in the claim event log (``claims.ClaimEvent``). Everything else a
service changes (an organisation, a worker, an incident, an injury report) writes
one ``AuditEntry`` in the same transaction. Entries are never updated or deleted;
the database refuses it (see migration ``0002_audit_append_only``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Bulk updates and deletes are refused for append-only tables."""

    def update(self, **kwargs: Any) -> int:
        raise TypeError(f"{self.model.__name__} rows are append-only and cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError(f"{self.model.__name__} rows are append-only and cannot be deleted")


class AppendOnlyModel(models.Model):
    """Base for rows that are written once and never changed."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError(f"{type(self).__name__} rows are append-only and cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError(f"{type(self).__name__} rows are append-only and cannot be deleted")


class AuditEntry(AppendOnlyModel):
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"
