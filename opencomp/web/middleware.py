"""Per-request time zone: times people type and read are in their jurisdiction's zone."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from opencomp.jurisdictions import JURISDICTIONS


class JurisdictionTimeZoneMiddleware:
    """Activate the time zone of the user's organisation's jurisdiction.

    An adjuster in Denver who types 09:30 means 09:30 in Denver. Users whose
    organisation has no home jurisdiction keep the server's ``TIME_ZONE``. The API
    is left alone: machines send ISO 8601 times with their offset.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = _zone_for(request)
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def _zone_for(request: HttpRequest) -> ZoneInfo | None:
    if request.path.startswith("/api/"):
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    organisation = getattr(user, "organisation", None)
    code = getattr(organisation, "jurisdiction", "") if organisation is not None else ""
    jurisdiction = JURISDICTIONS.get(code)
    return ZoneInfo(jurisdiction.time_zone) if jurisdiction else None
