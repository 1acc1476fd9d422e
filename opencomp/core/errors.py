"""One error family for the whole application.

Services raise these; the API turns them into ``{"message", "errors"}`` JSON and
the HTML views put them on the form. ``field`` names the input that was wrong, so
every interface can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ApplicationError(Exception):
    """A request that the system understood and refused, with a message for people."""

    status_code = 400

    def __init__(self, message: str, *, errors: list[FieldError] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors: list[FieldError] = list(errors or [])

    @classmethod
    def for_field(cls, field_name: str, message: str) -> ApplicationError:
        return cls(f"{field_name}: {message}", errors=[FieldError(field_name, message)])


class ValidationFailed(ApplicationError):
    """Input failed validation; nothing was written."""


class NotFound(ApplicationError):
    """The object does not exist, or the user may not know that it does."""

    status_code = 404


class PermissionDenied(ApplicationError):
    """The user may see the object but not do this to it."""

    status_code = 403


class Conflict(ApplicationError):
    """The object changed under the request (a concurrent edit won)."""

    status_code = 409


@dataclass
class ErrorCollector:
    """Gathers field errors so a form or import reports all of them at once."""

    errors: list[FieldError] = field(default_factory=list)

    def add(self, field_name: str, message: str) -> None:
        self.errors.append(FieldError(field_name, message))

    def raise_if_any(self, message: str = "The input is not valid.") -> None:
        if self.errors:
            raise ValidationFailed(message, errors=self.errors)
