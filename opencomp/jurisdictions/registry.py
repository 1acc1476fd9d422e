"""The jurisdictions OpenComp knows, as immutable data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Jurisdiction:
    """A workers' compensation jurisdiction.

    Attributes:
        code: Stable short code used everywhere (claim numbers, rule packs, filters).
        name: Name for people.
        country: ISO 3166-1 alpha-2 country code.
        subdivision: ISO 3166-2 subdivision code within the country.
        time_zone: IANA time zone in which the jurisdiction's dates are reckoned.
        regulator: The agency that administers the jurisdiction's scheme.
    """

    code: str
    name: str
    country: str
    subdivision: str
    time_zone: str
    regulator: str


JURISDICTIONS: dict[str, Jurisdiction] = {
    j.code: j
    for j in (
        Jurisdiction(
            "CO", "Colorado", "US", "CO", "America/Denver", "Colorado Division of Workers' Compensation"
        ),
        Jurisdiction(
            "CT",
            "Connecticut",
            "US",
            "CT",
            "America/New_York",
            "Connecticut Workers' Compensation Commission",
        ),
        Jurisdiction(
            "MN", "Minnesota", "US", "MN", "America/Chicago", "Minnesota Department of Labor and Industry"
        ),
        Jurisdiction(
            "NSW", "New South Wales", "AU", "NSW", "Australia/Sydney", "State Insurance Regulatory Authority"
        ),
    )
}


def get(code: str) -> Jurisdiction:
    """The jurisdiction with this code.

    Raises:
        KeyError: with a message listing the known codes.
    """
    try:
        return JURISDICTIONS[code]
    except KeyError:
        known = ", ".join(sorted(JURISDICTIONS))
        raise KeyError(f"unknown jurisdiction {code!r}; known: {known}") from None


def choices() -> list[tuple[str, str]]:
    """(code, name) pairs, sorted by code, for forms and model fields."""
    return [(j.code, j.name) for j in sorted(JURISDICTIONS.values(), key=lambda j: j.code)]
