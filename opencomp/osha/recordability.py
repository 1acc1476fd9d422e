"""Is an injury or illness recordable on the OSHA 300 log, and how? (29 CFR 1904.7, 1904.29)

Pure and typed: ``case_from_json`` reads a case's facts (the CLI's JSON file, an API body),
refusing bad input with :class:`CaseInputError` naming the field; ``recordability`` decides, from
the rules pack (``packs/recordkeeping.yaml``):

- **recordable** when work-related and one of the general criteria holds (1904.7(a)): death, days
  away, restricted work or job transfer, medical treatment beyond first aid, loss of
  consciousness, or a significant injury or illness diagnosed by a physician or other licensed
  health care professional;
- **first aid** is the exhaustive list of 1904.7(b)(5)(ii); any other treatment is medical
  treatment. Medication: a listed non-prescription medicine (ibuprofen, diphenhydramine, naproxen
  sodium, ketoprofen) is medical treatment exactly when a single dose exceeds its
  prescription-strength threshold -- a formal prescription for it at non-prescription strength
  does not change that (LOI 2 Sep 1997); any other medicine is medical treatment when it is a
  prescription medication (LOI 10 Mar 2005) and first aid otherwise;
- **outcome**, the most serious (column G-J): death > days away > job transfer or restriction >
  other recordable;
- **days** (columns K and L): calendar days, not counting the day of injury; days away from the
  first day away (never the injury day) to the day before the return to work (or the ``as_at``
  day while still away); restricted days from the first to the last day restricted; a day both
  away and restricted counts as away; together they stop at the cap (180) in date order;
- **privacy case** (1904.29(b)(7)): only the listed kinds, the employee's own request only for
  an illness.

Every decision comes with its reasons, each naming the rule it applied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from opencomp.osha.rules import RecordkeepingRules

OUTCOMES = ("death", "days_away", "job_transfer_restriction", "other_recordable", "not_recordable")
#: Form 300 column M: the case's type (an injury, or one of five kinds of illness).
CASE_TYPES = {
    "injury": "M1",
    "skin_disorder": "M2",
    "respiratory_condition": "M3",
    "poisoning": "M4",
    "hearing_loss": "M5",
    "other_illness": "M6",
}
_FIELDS = {
    "injury_date",
    "work_related",
    "death",
    "loss_of_consciousness",
    "significant_diagnosis",
    "treatments",
    "days_away_from",
    "returned_to_work",
    "restricted_from",
    "restricted_until",
    "privacy_concern",
    "case_type",
    "as_at",
}


class CaseInputError(ValueError):
    """Bad case facts; ``errors`` maps each field (``treatments.2.dose_mg``) to what is wrong."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Treatment:
    kind: str
    name: str = ""
    dose_mg: Decimal | None = None
    prescription: bool = False
    description: str = ""


@dataclass(frozen=True)
class CaseFacts:
    injury_date: dt.date
    work_related: bool
    death: bool = False
    loss_of_consciousness: bool = False
    significant_diagnosis: bool = False
    treatments: tuple[Treatment, ...] = ()
    days_away_from: dt.date | None = None
    returned_to_work: dt.date | None = None
    restricted_from: dt.date | None = None
    restricted_until: dt.date | None = None
    privacy_concern: str | None = None
    case_type: str = "injury"
    as_at: dt.date | None = None


@dataclass(frozen=True)
class Recordability:
    recordable: bool
    outcome: str
    days_away: int
    days_restricted: int
    privacy_case: bool
    reasons: tuple[str, ...]
    medical_treatment: tuple[str, ...]
    first_aid: tuple[str, ...]
    case_type: str
    rules_version: str

    @property
    def column(self) -> str:
        """The Form 300 outcome column: G death, H days away, I restriction, J other; empty if none."""
        return {"death": "G", "days_away": "H", "job_transfer_restriction": "I", "other_recordable": "J"}.get(
            self.outcome, ""
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "recordable": self.recordable,
            "outcome": self.outcome,
            "column": self.column,
            "days_away": self.days_away,
            "days_restricted": self.days_restricted,
            "privacy_case": self.privacy_case,
            "case_type": self.case_type,
            "type_column": CASE_TYPES[self.case_type],
            "medical_treatment": list(self.medical_treatment),
            "first_aid": list(self.first_aid),
            "reasons": list(self.reasons),
            "rules_version": self.rules_version,
        }


# Reading the facts -------------------------------------------------------------------------------


def _date(
    errors: dict[str, str], data: dict[str, Any], name: str, *, required: bool = False
) -> dt.date | None:
    value = data.get(name)
    if value is None or value == "":
        if required:
            errors[name] = "is required (YYYY-MM-DD)"
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors[name] = f"{value!r} is not a date (YYYY-MM-DD)"
        return None


def _bool(errors: dict[str, str], data: dict[str, Any], name: str, *, default: bool | None = False) -> bool:
    value = data.get(name, default)
    if value is None and default is None:
        errors[name] = "is required (true or false)"
        return False
    if not isinstance(value, bool):
        errors[name] = "must be true or false"
        return False
    return value


def _treatment(errors: dict[str, str], index: int, item: Any, rules: RecordkeepingRules) -> Treatment | None:
    where = f"treatments.{index}"
    if not isinstance(item, dict):
        errors[where] = 'must be an object such as {"kind": "wound_covering"}'
        return None
    kind = item.get("kind")
    if kind not in rules.treatment_kinds:
        errors[f"{where}.kind"] = (
            f"unknown treatment kind {kind!r}; use one of: {', '.join(rules.treatment_kinds)}"
            if kind
            else "is required"
        )
        return None
    allowed = {"kind", "description"} | (
        {"name", "dose_mg", "prescription"} if kind == "medication" else set()
    )
    for extra in sorted(set(item) - allowed):
        errors[f"{where}.{extra}"] = f"is not a field of a {kind} treatment"
    if kind != "medication":
        return Treatment(kind=kind, description=str(item.get("description") or ""))
    name = str(item.get("name") or "").strip().lower().replace(" ", "_")
    if not name:
        errors[f"{where}.name"] = "name the medicine (e.g. ibuprofen)"
    dose: Decimal | None = None
    raw = item.get("dose_mg")
    if raw is not None:
        try:
            dose = Decimal(str(raw))
        except InvalidOperation:
            errors[f"{where}.dose_mg"] = "must be a number of milligrams"
        else:
            if not dose.is_finite() or dose <= 0:
                errors[f"{where}.dose_mg"] = "must be a positive number of milligrams"
                dose = None
    if name in rules.medication.thresholds_mg and dose is None and f"{where}.dose_mg" not in errors:
        errors[f"{where}.dose_mg"] = f"give the single dose in mg: {name} is decided by its strength"
    prescription = item.get("prescription", False)
    if not isinstance(prescription, bool):
        errors[f"{where}.prescription"] = "must be true or false"
        prescription = False
    return Treatment(kind=kind, name=name, dose_mg=dose, prescription=prescription)


def case_from_json(data: Any, rules: RecordkeepingRules) -> CaseFacts:
    """The facts of a case from a JSON object; :class:`CaseInputError` names every bad field."""
    if not isinstance(data, dict):
        raise CaseInputError({"case": "must be a JSON object"})
    errors: dict[str, str] = {}
    for extra in sorted(set(data) - _FIELDS):
        errors[extra] = f"is not a field of a case; use: {', '.join(sorted(_FIELDS))}"
    injury = _date(errors, data, "injury_date", required=True)
    work_related = _bool(errors, data, "work_related", default=None)
    flags = {n: _bool(errors, data, n) for n in ("death", "loss_of_consciousness", "significant_diagnosis")}
    raw_treatments = data.get("treatments") or []
    treatments: list[Treatment] = []
    if not isinstance(raw_treatments, list):
        errors["treatments"] = "must be a list"
    else:
        for index, item in enumerate(raw_treatments):
            treatment = _treatment(errors, index, item, rules)
            if treatment is not None:
                treatments.append(treatment)
    dates = {
        n: _date(errors, data, n)
        for n in ("days_away_from", "returned_to_work", "restricted_from", "restricted_until", "as_at")
    }
    privacy = data.get("privacy_concern")
    if privacy in (None, False, ""):
        privacy = None
    elif privacy not in rules.privacy_by_kind:
        errors["privacy_concern"] = (
            f"unknown privacy case {privacy!r}; use one of: {', '.join(rules.privacy_by_kind)}"
        )
        privacy = None
    case_type = data.get("case_type") or "injury"
    if case_type not in CASE_TYPES:
        errors["case_type"] = f"use one of: {', '.join(CASE_TYPES)}"
        case_type = "injury"
    if injury is not None:
        for name, day in dates.items():
            if day is not None and day < injury:
                errors[name] = f"is before the injury date ({injury.isoformat()})"
    _check_periods(errors, dates)
    if privacy is not None and rules.privacy_by_kind[privacy].illness_only and case_type == "injury":
        errors["privacy_concern"] = (
            "an employee's own request makes a privacy case only for an illness (set case_type)"
        )
    if errors:
        raise CaseInputError(errors)
    assert injury is not None  # noqa: S101 - required: no errors means it was given
    return CaseFacts(
        injury_date=injury,
        work_related=work_related,
        death=flags["death"],
        loss_of_consciousness=flags["loss_of_consciousness"],
        significant_diagnosis=flags["significant_diagnosis"],
        treatments=tuple(treatments),
        days_away_from=dates["days_away_from"],
        returned_to_work=dates["returned_to_work"],
        restricted_from=dates["restricted_from"],
        restricted_until=dates["restricted_until"],
        privacy_concern=privacy,
        case_type=case_type,
        as_at=dates["as_at"],
    )


def _check_periods(errors: dict[str, str], dates: dict[str, dt.date | None]) -> None:
    away, back = dates["days_away_from"], dates["returned_to_work"]
    if back is not None and away is None:
        errors.setdefault("days_away_from", "give the first day away from work with the return to work")
    if away is not None and back is not None and back <= away:
        errors.setdefault("returned_to_work", "must be after the first day away")
    start, end = dates["restricted_from"], dates["restricted_until"]
    if end is not None and start is None:
        errors.setdefault("restricted_from", "give the first day of restricted work with its last day")
    if start is not None and end is not None and end < start:
        errors.setdefault("restricted_until", "is before the first day of restricted work")
    as_at = dates["as_at"]
    if ((away is not None and back is None) or (start is not None and end is None)) and as_at is None:
        errors.setdefault("as_at", "give the day to count to while the worker is still away or restricted")


# Deciding --------------------------------------------------------------------------------------


def _medical(facts: CaseFacts, rules: RecordkeepingRules) -> tuple[list[str], list[str], list[str]]:
    """Treatments that are medical treatment, those that are first aid, and why."""
    medical: list[str] = []
    first: list[str] = []
    reasons: list[str] = []
    first_aid = rules.first_aid_by_kind
    treatment = rules.medical_by_kind
    med = rules.medication
    for t in facts.treatments:
        if t.kind == "medication":
            threshold = med.thresholds_mg.get(t.name)
            if threshold is not None:
                assert t.dose_mg is not None  # noqa: S101 - case_from_json requires the dose
                if t.dose_mg > threshold:
                    medical.append(f"medication:{t.name}")
                    reasons.append(
                        f"{t.name} {t.dose_mg:f} mg is more than the {threshold:f} mg single dose of "
                        "prescription strength: medical treatment (OSHA Recordkeeping Handbook, FAQ 7-8)"
                    )
                else:
                    first.append(f"medication:{t.name}")
                    note = (
                        " (a prescription for it at that strength does not change this: LOI 2 Sep 1997)"
                        if t.prescription
                        else ""
                    )
                    reasons.append(
                        f"{t.name} {t.dose_mg:f} mg is not more than {threshold:f} mg: non-prescription "
                        f"strength, first aid (1904.7(b)(5)(ii)(A)){note}"
                    )
            elif t.prescription:
                medical.append(f"medication:{t.name}")
                reasons.append(f"{t.name} is a prescription medication: medical treatment (LOI 10 Mar 2005)")
            else:
                first.append(f"medication:{t.name}")
                reasons.append(
                    f"{t.name}: non-prescription medication at non-prescription strength, "
                    "first aid (1904.7(b)(5)(ii)(A))"
                )
        elif t.kind in first_aid:
            item = first_aid[t.kind]
            first.append(t.kind)
            reasons.append(f"{t.kind}: first aid, 1904.7(b)(5)(ii)({item.item}): {item.text}")
        else:
            m = treatment[t.kind]
            medical.append(t.kind)
            versus = f" (not first aid like {m.counterpart})" if m.counterpart else ""
            what = f" — {t.description}" if t.description else ""
            reasons.append(f"{t.kind}: medical treatment beyond first aid{versus}: {m.text}{what}")
    return medical, first, reasons


def _days(facts: CaseFacts, cap: int) -> tuple[int, int]:
    """Days away and days restricted (see the module docstring)."""
    first_countable = facts.injury_date + dt.timedelta(days=1)
    away: set[dt.date] = set()
    if facts.days_away_from is not None:
        last = (facts.returned_to_work - dt.timedelta(days=1)) if facts.returned_to_work else facts.as_at
        assert last is not None  # noqa: S101 - case_from_json requires as_at while still away
        away = _span(max(facts.days_away_from, first_countable), last)
    restricted: set[dt.date] = set()
    if facts.restricted_from is not None:
        last = facts.restricted_until or facts.as_at
        assert last is not None  # noqa: S101 - case_from_json requires as_at while still restricted
        if facts.as_at is not None:
            last = min(last, facts.as_at)
        restricted = _span(max(facts.restricted_from, first_countable), last) - away
    counted_away = counted_restricted = 0
    for day in sorted(away | restricted)[:cap]:
        if day in away:
            counted_away += 1
        else:
            counted_restricted += 1
    return counted_away, counted_restricted


def _span(first: dt.date, last: dt.date) -> set[dt.date]:
    return {first + dt.timedelta(days=n) for n in range((last - first).days + 1)} if last >= first else set()


def recordability(facts: CaseFacts, rules: RecordkeepingRules) -> Recordability:
    """Decide the case (see the module docstring)."""
    general = "1904.7(a)"
    if not facts.work_related:
        return Recordability(
            recordable=False,
            outcome="not_recordable",
            days_away=0,
            days_restricted=0,
            privacy_case=False,
            reasons=("not work-related: only work-related injuries and illnesses are recorded (1904.7(a))",),
            medical_treatment=(),
            first_aid=(),
            case_type=facts.case_type,
            rules_version=rules.version,
        )
    medical, first, reasons = _medical(facts, rules)
    days_away, days_restricted = _days(facts, rules.days.cap)
    raw_total = _raw_total(facts)
    if raw_total > rules.days.cap:
        reasons.append(
            f"{raw_total} days away and restricted in all; counting stops at {rules.days.cap} "
            "(1904.7(b)(3)(vii))"
        )
    criteria: list[str] = []
    if facts.death:
        criteria.append(f"death ({general})")
    if days_away:
        criteria.append(
            f"{days_away} calendar days away from work, not counting the day of injury (1904.7(b)(3))"
        )
    if days_restricted:
        criteria.append(f"{days_restricted} calendar days of restricted work or job transfer (1904.7(b)(4))")
    if medical:
        criteria.append(f"medical treatment beyond first aid ({general}, 1904.7(b)(5))")
    if facts.loss_of_consciousness:
        criteria.append(f"loss of consciousness ({general})")
    if facts.significant_diagnosis:
        criteria.append(
            "a significant injury or illness diagnosed by a physician or licensed health care "
            f"professional ({general})"
        )
    if facts.death:
        outcome = "death"
    elif days_away:
        outcome = "days_away"
    elif days_restricted:
        outcome = "job_transfer_restriction"
    elif criteria:
        outcome = "other_recordable"
    else:
        outcome = "not_recordable"
    recordable = outcome != "not_recordable"
    if recordable:
        reasons.insert(0, "recordable: " + "; ".join(criteria))
    else:
        reasons.insert(
            0,
            f"not recordable: no death, days away, restriction, medical treatment beyond first aid, "
            f"loss of consciousness or significant diagnosis ({general})",
        )
    privacy = recordable and facts.privacy_concern is not None
    if privacy:
        case = rules.privacy_by_kind[facts.privacy_concern or ""]
        reasons.append(f'privacy case: {case.text}; enter "privacy case" instead of the name (1904.29(b)(7))')
    return Recordability(
        recordable=recordable,
        outcome=outcome,
        days_away=days_away,
        days_restricted=days_restricted,
        privacy_case=privacy,
        reasons=tuple(reasons),
        medical_treatment=tuple(medical),
        first_aid=tuple(first),
        case_type=facts.case_type,
        rules_version=rules.version,
    )


def _raw_total(facts: CaseFacts) -> int:
    away, restricted = _days(facts, 10**6)
    return away + restricted
