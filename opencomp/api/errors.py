"""Every error the API returns is ``{"message": ..., "errors": [{"field", "message"}]}``.

- ``ApplicationError`` (raised by services and access functions) keeps its status;
- request validation (pydantic, via ninja) answers 400 with dotted field paths
  (``injury_date``, ``employment.hire_date``, ``payload.channel``), not ninja's 422;
- no or bad credentials answer 401, an unreadable body 400, an unexpected error 500.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from opencomp.api.schemas import ErrorOut
from opencomp.core.errors import ApplicationError, FieldError, ValidationFailed

logger = logging.getLogger("opencomp.api")

#: What each documented error status means, for the OpenAPI document.
ERROR_DESCRIPTIONS = {
    400: "The input is not valid, or the change is not allowed in the object's current state; "
    "`errors` names each field at fault. Nothing was written.",
    401: "No valid credentials: send `Authorization: Bearer <token>` or a session cookie.",
    403: "Not allowed: your role may not do this, or not to this object (which you may see).",
    404: "The object does not exist or is not visible to you.",
    409: "The object changed since you read it (`expected_status` did not match); reload and retry.",
}


def error_body(message: str, errors: Sequence[FieldError] = ()) -> dict[str, Any]:
    return {"message": message, "errors": [{"field": e.field, "message": e.message} for e in errors]}


def error_response(status: int, message: str, errors: Sequence[FieldError] = ()) -> JsonResponse:
    return JsonResponse(error_body(message, errors), status=status)


def responses(ok: dict[int, Any], *errors: int) -> dict[str, Any]:
    """Keyword arguments of an operation: its success schema plus its documented errors.

    Use as ``@router.get(path, **responses({200: Out}, 404), summary=...)``. 401 is
    added to every operation (all need credentials but health).
    """
    codes = sorted({401, *errors})
    return {
        "response": {**ok, **dict.fromkeys(codes, ErrorOut)},
        "openapi_extra": {"responses": {code: {"description": ERROR_DESCRIPTIONS[code]} for code in codes}},
    }


def _loc_to_field(loc: Sequence[Any]) -> str:
    """``("body", "body", "employment", "hire_date")`` → ``employment.hire_date``.

    The first element is the parameter source; for a body the second is the view's
    argument name, which means nothing to the client.
    """
    parts = list(loc)
    source = parts.pop(0) if parts else ""
    if source == "body" and parts:
        parts.pop(0)
    return ".".join(str(p) for p in parts)


def _validation_errors(exc: ValidationError) -> list[FieldError]:
    return [
        FieldError(_loc_to_field(err.get("loc", ())), str(err.get("msg", "is not valid")))
        for err in exc.errors
    ]


@contextmanager
def input_names(prefix: str = "", **renames: str) -> Iterator[None]:
    """Report a service's field errors under the names the client sent.

    Services name model fields (``employer``); the API's input calls it
    ``employer_id``. ``prefix`` nests them (``employment.``) when the input is nested.
    """
    try:
        yield
    except ApplicationError as exc:
        errors = [
            FieldError(prefix + renames.get(e.field, e.field) if e.field else e.field, e.message)
            for e in exc.errors
        ]
        message = exc.message
        for old, new in renames.items():
            message = message.replace(f"{old}: ", f"{prefix}{new}: ")
        renamed = type(exc)(message, errors=errors)
        raise renamed from exc


def field_not_found(field: str, what: str, value: object) -> ValidationFailed:
    """A referenced object that does not exist or is not visible: 400 naming the field."""
    detail = f"no {what} with id {value} that you may use"
    return ValidationFailed(f"{field}: {detail}", errors=[FieldError(field, detail)])


def install(api: NinjaAPI) -> None:
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return error_response(exc.status_code, exc.message, exc.errors)

    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in errors)
        return error_response(400, f"The input is not valid. {detail}".strip(), errors)

    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = error_response(
            401, "Authentication required: send 'Authorization: Bearer <token>' or log in."
        )
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(exc.status_code, str(exc))

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(404, "Not found.")

    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("Unhandled error in %s %s", request.method, request.path, exc_info=exc)
        return error_response(500, "Internal server error; the failure was logged.")

    handlers: list[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]] = [
        (ApplicationError, application_error),
        (ValidationError, validation_error),
        (AuthenticationError, authentication_error),
        (HttpError, http_error),
        (Http404, not_found),
        (Exception, unexpected),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)


def unknown_endpoint(request: HttpRequest, path: str = "") -> HttpResponse:
    """JSON 404 for URLs under /api/v1/ that name no endpoint."""
    return error_response(404, f"There is no API endpoint at {request.path}.")
