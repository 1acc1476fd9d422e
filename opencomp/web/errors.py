"""How the pages show what the services refuse.

Services raise ``ApplicationError`` subclasses naming the bad input in
``FieldError.field``. A form shows each error next to the field it names, and
everything it cannot place (an unknown or empty field name, an error with no
field list at all) above the form.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from opencomp.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied, ValidationFailed

#: Refusals a form can show; ``NotFound`` and ``PermissionDenied`` become 404 and 403 instead.
FORM_ERRORS = (ValidationFailed, Conflict)

#: Messages that read as the end of a sentence starting with the field's name.
_PREDICATE_STARTS = ("is ", "has ", "was ", "are ", "belongs ", "does ", "already ", "cannot ")


def field_label(name: str) -> str:
    return name.removeprefix("payload.").replace("_", " ").replace(".", " ").strip().capitalize()


def _sentence(label: str, message: str) -> str:
    if label and message.startswith(_PREDICATE_STARTS):
        return f"{label} {message}"
    return message[:1].upper() + message[1:]


def form_error_apply(
    form: forms.BaseForm, exc: ApplicationError, *, aliases: Mapping[str, str] | None = None
) -> None:
    """Put the service's refusal on ``form``: field errors by name, the rest as non-field errors.

    ``aliases`` maps a service's field name to the form field that collects it
    (``{"reported_to_employer_on": "reported_to_employer_on"}``); a ``payload.``
    prefix (event payload validation) is dropped before lookup.
    """
    aliases = aliases or {}
    if not exc.errors:
        form.add_error(None, exc.message)
        return
    for error in exc.errors:
        name = error.field.removeprefix("payload.")
        name = aliases.get(name, name)
        if name and name in form.fields:
            form.add_error(name, _sentence(str(form.fields[name].label or field_label(name)), error.message))
        elif error.field:
            form.add_error(None, _sentence(field_label(error.field), error.message))
        else:
            form.add_error(None, _sentence("", error.message))


R = TypeVar("R", bound=HttpResponseBase)


def application_errors(view: Callable[..., R]) -> Callable[..., R]:
    """Turn ``NotFound`` into a 404 and ``PermissionDenied`` into a 403 page."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> R:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from None
        except PermissionDenied as exc:
            raise HttpForbidden(exc.message) from None

    return wrapped


def require(allowed: bool, message: str = "You may not do that.") -> None:
    """Refuse early (403) when the page would not offer the action to this user."""
    if not allowed:
        raise PermissionDenied(message)
