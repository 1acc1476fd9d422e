"""The one clock.

Every service that needs "now" asks this module, so tests can move time with
``time-machine`` and nothing in the system reads the wall clock on its own.
Calculators never call it: they take dates as arguments.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone


def now() -> dt.datetime:
    """The current instant, timezone-aware (UTC)."""
    return timezone.now()


def today() -> dt.date:
    """Today's date in the server's configured time zone."""
    return timezone.localdate(now())


def today_in(zone: str) -> dt.date:
    """Today's date in the IANA time zone ``zone`` (a jurisdiction's dates are reckoned there)."""
    return now().astimezone(ZoneInfo(zone)).date()
