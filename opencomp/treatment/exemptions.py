"""Which treatment needs no pre-approval: the NSW table of seed 004, read from the benefit parameters.

Seed 004 (Reasonably Necessary Treatment) lists treatments and services that "don't require
pre-approval", each within a timeframe from the date of injury. The figures are dated data in
``jurisdictions/packs/benefits/nsw.yaml`` (``treatment_exempt_*``, each with the seed's
citation); this module maps the request catalogue onto the seed's rows:

- allied health services (physiotherapy, psychology, exercise physiology, osteopathy,
  chiropractic): requested within three months of the injury, up to eight consultations;
- medication (pharmacy items prescribed for the injury): requested within one month.

"Within N months" counts calendar months from the injury date: the last day inside is the same
day of the month N months on (or that month's last day), so for an injury on 20 Oct 2026 a
request dated 20 Jan 2027 is inside three months and one dated 21 Jan 2027 is not. Surgery,
imaging and other services are never exempt here: the seed's rows for them depend on referrals
(by the nominated treating doctor, to a specialist) that a request does not record, so they are
decided. Jurisdictions whose parameters hold no such figures exempt nothing. Pure: no database.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from opencomp.jurisdictions.benefit_params import MissingFigure, benefit_parameters
from opencomp.treatment.enums import TreatmentService

ALLIED_HEALTH = frozenset(
    {
        TreatmentService.PHYSIOTHERAPY,
        TreatmentService.CHIROPRACTIC,
        TreatmentService.PSYCHOLOGY,
        TreatmentService.EXERCISE_PHYSIOLOGY,
        TreatmentService.OSTEOPATHY,
    }
)


@dataclass(frozen=True)
class Exemption:
    """A request inside a pre-approval exemption: why, with the source, and the window's last day."""

    reason: str
    last_day: dt.date
    rules_version: str


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months on; the month's last day when it has no such day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _figure(jurisdiction: str, name: str, injury_date: dt.date) -> int | None:
    try:
        params = benefit_parameters(jurisdiction)
    except KeyError:
        return None
    if not params.has(name):
        return None
    try:
        return int(params.figure(name, injury_date).value)
    except MissingFigure:
        return None


def exemption_for(
    *, jurisdiction: str, service: str, treatments: int, injury_date: dt.date, requested_on: dt.date
) -> Exemption | None:
    """The exemption a request falls inside, or ``None`` when it needs a decision."""
    if service in ALLIED_HEALTH:
        months = _figure(jurisdiction, "treatment_exempt_allied_health_months", injury_date)
        most = _figure(jurisdiction, "treatment_exempt_allied_health_consultations", injury_date)
        what = "allied health treatment"
        if months is None or most is None or treatments > most:
            return None
        limit = f", up to {most} consultations"
    elif service == TreatmentService.MEDICATION:
        months = _figure(jurisdiction, "treatment_exempt_pharmacy_months", injury_date)
        what, limit = "prescribed pharmacy items", ""
        if months is None:
            return None
    else:
        return None
    last = add_months(injury_date, months)
    if not injury_date <= requested_on <= last:
        return None
    plural = "month" if months == 1 else "months"
    reason = (
        f"No pre-approval needed: {what} within {months} {plural} of the injury{limit} "
        f"(injury {_fmt(injury_date)}, requested {_fmt(requested_on)}, window to {_fmt(last)}); "
        "seed 004, Reasonably Necessary Treatment"
    )
    return Exemption(
        reason=reason, last_day=last, rules_version=benefit_parameters(jurisdiction).rules_version
    )
