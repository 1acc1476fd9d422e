"""Writes of the core layer."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from opencomp.core import clock
from opencomp.core.errors import FieldError, ValidationFailed
from opencomp.core.models import AuditEntry


def audit_record(
    *, actor: Any, action: str, obj: models.Model, data: dict[str, Any] | None = None
) -> AuditEntry:
    """Append one audit entry for a change to ``obj``; call inside the service's transaction."""
    return AuditEntry.objects.create(
        at=clock.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data or {},
    )


def validation_failed_from(
    exc: ValidationError, message: str = "The input is not valid."
) -> ValidationFailed:
    """Turn Django's ``ValidationError`` into our error, keeping the field names."""
    errors: list[FieldError] = []
    if hasattr(exc, "error_dict"):
        for name, field_errors in exc.message_dict.items():
            label = "" if name == "__all__" else name
            errors.extend(FieldError(label, text) for text in field_errors)
    else:
        errors.extend(FieldError("", text) for text in exc.messages)
    detail = "; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in errors)
    return ValidationFailed(f"{message} {detail}".strip(), errors=errors)


def full_clean_or_raise(
    instance: models.Model, *, exclude: list[str] | None = None, validate_constraints: bool = True
) -> None:
    """``full_clean`` that raises ``ValidationFailed`` naming every bad field.

    ``validate_constraints=False`` skips the per-constraint queries when the caller has
    already checked the same conditions field by field (the database still enforces them).
    """
    try:
        instance.full_clean(exclude=exclude, validate_constraints=validate_constraints)
    except ValidationError as exc:
        raise validation_failed_from(exc) from exc
