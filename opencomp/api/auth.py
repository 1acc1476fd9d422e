"""Who is calling: a bearer token, or a logged-in browser session.

Tokens (``Authorization: Bearer oc_...``) are looked up by their SHA-256 in one
query on the token's unique index that returns the user; nothing is written per
request. Sessions are Django's own; unsafe methods then need the CSRF token
(``X-CSRFToken`` header), exactly as for a form post. A request with neither answers
401 (before any CSRF check, so an anonymous caller learns nothing else).
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from opencomp.accounts.models import ApiToken, User, hash_token
from opencomp.core.errors import PermissionDenied

TOKEN_PREFIX = "oc_"  # noqa: S105 - the public prefix of every key, not a secret
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


@functools.cache
def _token_user_sql() -> str:
    """The user of a live token, as one statement on the token's unique index.

    Written out (from the models' metadata) rather than built by the ORM because it runs
    on every API request and the ORM's query compilation cost more than the query itself:
    about 1 ms of CPU against 0.2 ms (see ``bench/intake.py``). ``User.objects.raw``
    still applies the backend's converters, so SQLite and PostgreSQL read the same.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(f"u.{quote(f.column)}" for f in User._meta.concrete_fields)
    tables = f"{quote(ApiToken._meta.db_table)} t JOIN {quote(User._meta.db_table)} u"
    # Identifiers come from model metadata, quoted; the key hash is the only value and a parameter.
    return (
        f"SELECT {columns} FROM {tables} ON u.{quote('id')} = t.{quote('user_id')} "  # noqa: S608
        f"WHERE t.{quote('key_hash')} = %s AND t.{quote('revoked_at')} IS NULL AND u.{quote('is_active')}"
    )


def user_for_token(raw: str) -> User | None:
    """The active user whose unrevoked token is ``raw``, or ``None``."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    found = list(User.objects.raw(_token_user_sql(), [hash_token(raw)]))
    return found[0] if found else None


class BearerToken(HttpBearer):
    """``Authorization: Bearer oc_...``: an API token that is not revoked, of an active user."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user  # anything downstream that reads request.user sees the token's user
        return user


class Session(APIKeyCookie):
    """Django's session cookie; unsafe methods also need the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)  # tells the interactive docs to send the CSRF token

    def _get_key(self, request: HttpRequest) -> str | None:
        # Unlike ninja's cookie auth, check CSRF only once we know there is a session user,
        # so that a caller without credentials gets 401 rather than a CSRF 403.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not key:
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        if (
            request.method not in SAFE_METHODS
            and not getattr(request, "_ninja_csrf_exempt", False)
            and check_csrf(request) is not None
        ):
            raise PermissionDenied(
                "CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken header."
            )
        return user


def user_of(request: HttpRequest) -> User:
    """The authenticated user of an operation that requires authentication."""
    return request.auth  # type: ignore[attr-defined,no-any-return]
