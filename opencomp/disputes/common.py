"""Small checks the disputes services share: text, dates in the claim's own calendar, names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from opencomp.accounts.models import User
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.core.errors import ErrorCollector
from opencomp.core.money import CENT
from opencomp.jurisdictions import JURISDICTIONS


def text(errors: ErrorCollector, field: str, value: str, *, limit: int, required: str = "") -> str:
    """``value`` with its whitespace tidied; ``required`` is the message when it is empty."""
    cleaned = " ".join((value or "").split()) if limit <= 300 else (value or "").strip()
    if required and not cleaned:
        errors.add(field, required)
    elif len(cleaned) > limit:
        errors.add(field, f"must be at most {limit} characters")
    return cleaned


def past_date(
    errors: ErrorCollector,
    field: str,
    value: dt.date | None,
    claim: Claim,
    *,
    not_before: dt.date | None = None,
) -> None:
    """A date that has happened: not after today in the claim's jurisdiction, not before ``not_before``
    (or the injury date)."""
    if value is None:
        errors.add(field, "give the date")
        return
    if value > claim_today(claim):
        errors.add(field, "is in the future")
    floor = not_before or claim.injury_date
    if value < floor:
        errors.add(field, f"is before {floor.isoformat()}")


def local_date(claim: Claim, moment: dt.datetime) -> dt.date:
    """The date of ``moment`` in the claim's jurisdiction."""
    return moment.astimezone(ZoneInfo(JURISDICTIONS[claim.jurisdiction].time_zone)).date()


def name_of(user: User | None) -> str:
    return "" if user is None else (user.get_full_name() or user.username)


MAX_AMOUNT = Decimal("999999999999.99")


def money(errors: ErrorCollector, field: str, value: object) -> Decimal:
    """A positive amount with at most two decimal places (a ``Decimal``; never a float)."""
    if not isinstance(value, Decimal) or not value.is_finite():
        errors.add(field, "must be an amount such as 25000.00")
        return Decimal("0.00")
    if value != value.quantize(CENT):
        errors.add(field, "has more than two decimal places")
    elif value <= 0:
        errors.add(field, "must be more than zero")
    elif value > MAX_AMOUNT:
        errors.add(field, f"must be at most {MAX_AMOUNT}")
    return value.quantize(CENT) if value == value.quantize(CENT) else value
