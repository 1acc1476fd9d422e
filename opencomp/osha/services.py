"""Every write of the OSHA logs: record or correct a case, enter an establishment's year.

``osha_case_record`` checks the actor (``osha.access``), then the input, naming every bad
field (the recordability facts as ``facts.<field>``, as ``case_from_json`` names them); a
refused request writes nothing. It decides recordability with the pure calculator and writes
the case with what was decided, in one transaction: an audit entry always, and on a case that
comes from a claim an ``osha.case_recorded`` claim event (under the claim's row lock). A
correction (``case`` given) rewrites the row the same way -- including after the year end, as
1904.7(b)(3)(ix) expects for cases whose days run on -- and is audited with what changed.

``osha_year_save`` enters the year's figures for the 300A and the ITA file: annual average
employees, total hours worked, the certifying executive, the ITA establishment fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim
from opencomp.claims.services import claim_event_record
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector
from opencomp.core.services import audit_record
from opencomp.osha import ita
from opencomp.osha.access import user_can_keep_osha
from opencomp.osha.models import OshaCase, OshaYear
from opencomp.osha.recordability import CaseInputError, case_from_json, recordability
from opencomp.osha.rules import recordkeeping_rules
from opencomp.parties.models import Establishment

KEEP_REFUSED = "Only the employer's WC coordinators and its claims administrator keep its OSHA logs."
TEXT_FIELDS = {
    "employee_name": 200,
    "job_title": 100,
    "incident_location": 100,
    "incident_description": 200,
    "sex": 16,
    "physician_name": 200,
    "treatment_facility": 300,
    "nature": 120,
    "body_part": 120,
    "cause": 120,
}
NARRATIVES = ("nar_before_incident", "nar_what_happened", "nar_injury_illness", "nar_object_substance")
REQUIRED = ("employee_name", "job_title", "incident_location", "incident_description")
CASE_NUMBER_LIMIT = 20


def _texts(errors: ErrorCollector, values: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, limit in TEXT_FIELDS.items():
        text = " ".join(str(values.get(name) or "").split())
        if len(text) > limit:
            errors.add(name, f"must be at most {limit} characters")
        out[name] = text
    for name in REQUIRED:
        if not out[name]:
            errors.add(name, "is required on the Form 300")
    for name in NARRATIVES:
        text = str(values.get(name) or "").strip()
        if len(text) > 4000:
            errors.add(name, "must be at most 4000 characters")
        out[name] = text
    return out


def _claim(errors: ErrorCollector, claim: Claim | None, establishment: Establishment) -> None:
    if claim is not None and claim.establishment_id not in (None, establishment.pk):
        errors.add("claim", "belongs to another establishment")


def _payload(case: OshaCase) -> dict[str, Any]:
    return {
        "case_id": case.pk,
        "establishment_id": case.establishment_id,
        "year": case.year,
        "case_number": case.case_number,
        "recordable": case.recordable,
        "outcome": case.outcome,
        "days_away": case.days_away,
        "days_restricted": case.days_restricted,
        "privacy_case": case.privacy_case,
    }


@transaction.atomic
def osha_case_record(
    *,
    actor: User,
    establishment: Establishment,
    case_number: str,
    facts: dict[str, Any],
    case: OshaCase | None = None,
    claim: Claim | None = None,
    **details: Any,
) -> OshaCase:
    """Record (or, with ``case``, correct) a case of the establishment's log; see the module docstring.

    ``facts`` are the recordability facts (``osha.recordability.case_from_json``); ``details``
    the Form 300 / 301 fields of ``OshaCase`` (``employee_name``, ``job_title``,
    ``incident_location``, ``incident_description``, ``date_of_birth``… ``nature``, ``body_part``,
    ``cause``).

    Raises:
        PermissionDenied: the actor does not keep this establishment's logs.
        ValidationFailed: naming each bad field (``facts.<field>`` for the facts); nothing is written.
    """
    require(user_can_keep_osha(actor, establishment), KEEP_REFUSED)
    unknown = sorted(set(details) - set(TEXT_FIELDS) - set(NARRATIVES) - _OTHER_DETAILS)
    errors = ErrorCollector()
    for name in unknown:
        errors.add(name, "is not a field of an OSHA case")
    number = " ".join((case_number or "").split())
    if not number:
        errors.add("case_number", "is required")
    elif len(number) > CASE_NUMBER_LIMIT or ita.SPECIAL.search(number):
        errors.add(
            "case_number", f"at most {CASE_NUMBER_LIMIT} characters, none of ( ) ~ @ # $ % ^ & * ? / \\ !"
        )
    texts = _texts(errors, details)
    _claim(errors, claim, establishment)
    rules = recordkeeping_rules()
    decided = None
    try:
        parsed = case_from_json(facts, rules)
    except CaseInputError as exc:
        for field, message in exc.errors.items():
            errors.add(f"facts.{field}", message)
    else:
        decided = recordability(parsed, rules)
        if parsed.death and not details.get("date_of_death"):
            errors.add("date_of_death", "give the date of death of a death case")
    errors.raise_if_any("The OSHA case was not recorded.")
    assert decided is not None  # noqa: S101 - no errors: the facts were read
    injury = dt.date.fromisoformat(str(facts["injury_date"]))
    now = clock.now()
    row = case or OshaCase(establishment=establishment, recorded_by=actor, recorded_at=now)
    before = _payload(row) if case is not None else None
    row.year = injury.year
    row.case_number = number
    row.claim = claim
    row.date_of_incident = injury
    row.facts = facts
    row.recordable = decided.recordable
    row.outcome = decided.outcome
    row.days_away = decided.days_away
    row.days_restricted = decided.days_restricted
    row.privacy_case = decided.privacy_case
    row.case_type = decided.case_type
    row.reasons = list(decided.reasons)
    row.rules_version = decided.rules_version
    row.updated_at = now
    for name, value in texts.items():
        setattr(row, name, value)
    for name in _OTHER_DETAILS:
        setattr(row, name, details.get(name))
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        errors.add("case_number", f"is already a case of {injury.year} at this establishment")
        errors.raise_if_any("The OSHA case was not recorded.")
    audit_record(
        actor=actor,
        action="osha.case_corrected" if case is not None else "osha.case_recorded",
        obj=row,
        data={"before": before, "after": _payload(row)} if before else _payload(row),
    )
    if claim is not None:
        claim_event_record(actor=actor, claim=claim, kind=EventKind.OSHA_CASE_RECORDED, payload=_payload(row))
    return row


_OTHER_DETAILS = frozenset(
    {
        "date_of_birth",
        "date_of_hire",
        "emergency_room",
        "hospitalized_overnight",
        "time_started_work",
        "time_of_incident",
        "date_of_death",
    }
)


@transaction.atomic
def osha_year_save(
    *,
    actor: User,
    establishment: Establishment,
    year: int,
    annual_average_employees: int | None,
    total_hours_worked: int | None,
    establishment_type: str = "1",
    ein: str = "",
    company_name: str = "",
    industry_description: str = "",
    certified_by_name: str = "",
    certified_by_title: str = "",
    certified_by_phone: str = "",
    certified_on: dt.date | None = None,
    change_reason: str = "",
) -> OshaYear:
    """Enter (or change) the establishment's year: the 300A's inputs and the ITA establishment fields.

    Raises:
        PermissionDenied: the actor does not keep this establishment's logs.
        ValidationFailed: naming each bad field; nothing is written.
    """
    require(user_can_keep_osha(actor, establishment), KEEP_REFUSED)
    errors = ErrorCollector()
    today = clock.today()
    if not 2000 <= year <= today.year:
        errors.add("year", f"must be a year from 2000 to {today.year}")
    if annual_average_employees is not None and annual_average_employees < 0:
        errors.add("annual_average_employees", "cannot be negative")
    if total_hours_worked is not None and total_hours_worked < 0:
        errors.add("total_hours_worked", "cannot be negative")
    if annual_average_employees and total_hours_worked == 0:
        errors.add("total_hours_worked", "is 0 for an establishment with employees")
    if establishment_type not in ita.ESTABLISHMENT_TYPES:
        errors.add(
            "establishment_type", "choose 1 (not a government entity), 2 (state) or 3 (local government)"
        )
    digits = (ein or "").replace("-", "").strip()
    if digits and not ita.EIN.match(digits):
        errors.add("ein", "must be 9 digits")
    for name, value, limit in (
        ("company_name", company_name, 100),
        ("industry_description", industry_description, 300),
        ("certified_by_name", certified_by_name, 100),
        ("certified_by_title", certified_by_title, 100),
        ("certified_by_phone", certified_by_phone, 30),
        ("change_reason", change_reason, 200),
    ):
        if len(value or "") > limit:
            errors.add(name, f"must be at most {limit} characters")
    if certified_on is not None and not (certified_by_name and certified_by_title):
        errors.add("certified_by_name", "a certification names the executive and their title")
    if certified_on is not None and certified_on > today:
        errors.add("certified_on", "is in the future")
    errors.raise_if_any("The OSHA year was not saved.")
    row, _ = OshaYear.objects.select_for_update().get_or_create(
        establishment=establishment, year=year, defaults={"updated_at": clock.now()}
    )
    values: dict[str, Any] = {
        "annual_average_employees": annual_average_employees,
        "total_hours_worked": total_hours_worked,
        "establishment_type": establishment_type,
        "ein": digits,
        "company_name": (company_name or "").strip(),
        "industry_description": (industry_description or "").strip(),
        "certified_by_name": (certified_by_name or "").strip(),
        "certified_by_title": (certified_by_title or "").strip(),
        "certified_by_phone": (certified_by_phone or "").strip(),
        "certified_on": certified_on,
        "change_reason": (change_reason or "").strip(),
    }
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_by = actor
    row.updated_at = clock.now()
    row.save()
    audit_record(actor=actor, action="osha.year_saved", obj=row, data={k: str(v) for k, v in values.items()})
    return row
