"""OSHA Injury Tracking Application (ITA) upload files: columns, codes and checks. Pure.

Two CSV files (``shared/reference/statutes.md`` §3.5): the establishment / Form 300A file (28
columns in spec order) and the Form 300/301 case file (24 columns). ``establishment_problems``
and ``case_problems`` check a row before export and name the row and column of each problem:
special characters ITA rejects, ZIP codes, NAICS codes, sizes, totals that do not add up.

Not sourced, so not invented: the allowed codes of the case file's ``sex``,
``treatment_facility_type``, ``treatment_in_patient`` and ``time_unknown`` columns (statutes.md
§3.5: "NOT FOUND"). Those columns are exported empty; the check says so for each row that has
the facts, so nobody uploads believing they were coded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

ESTABLISHMENT_COLUMNS: tuple[str, ...] = (
    "establishment_name",
    "ein",
    "company_name",
    "street_address",
    "city",
    "state",
    "zip",
    "naics_code",
    "industry_description",
    "size",
    "establishment_type",
    "year_filing_for",
    "annual_average_employees",
    "total_hours_worked",
    "no_injuries_illnesses",
    "total_deaths",
    "total_dafw_cases",
    "total_djtr_cases",
    "total_other_cases",
    "total_dafw_days",
    "total_djtr_days",
    "total_injuries",
    "total_skin_disorders",
    "total_respiratory_conditions",
    "total_poisonings",
    "total_hearing_loss",
    "total_other_illnesses",
    "change_reason",
)

CASE_COLUMNS: tuple[str, ...] = (
    "establishment_name",
    "year_of_filing",
    "case_number",
    "job_title",
    "date_of_incident",
    "incident_location",
    "incident_description",
    "incident_outcome",
    "dafw_num_away",
    "djtr_num_tr",
    "type_of_incident",
    "date_of_birth",
    "date_of_hire",
    "sex",
    "treatment_facility_type",
    "treatment_in_patient",
    "time_started_work",
    "time_of_incident",
    "time_unknown",
    "nar_before_incident",
    "nar_what_happened",
    "nar_injury_illness",
    "nar_object_substance",
    "date_of_death",
)

#: Columns whose allowed codes are not sourced (statutes.md §3.5): exported empty.
UNSOURCED_CASE_COLUMNS = ("sex", "treatment_facility_type", "treatment_in_patient", "time_unknown")

#: incident_outcome codes: 1 death, 2 days away, 3 job transfer or restriction, 4 other recordable.
OUTCOME_CODES = {"death": "1", "days_away": "2", "job_transfer_restriction": "3", "other_recordable": "4"}
#: type_of_incident codes: M1-M6.
TYPE_CODES = {
    "injury": "1",
    "skin_disorder": "2",
    "respiratory_condition": "3",
    "poisoning": "4",
    "hearing_loss": "5",
    "other_illness": "6",
}
#: establishment_type: 1 not a government entity, 2 State Government, 3 Local Government.
ESTABLISHMENT_TYPES = {"1": "Not a government entity", "2": "State government", "3": "Local government"}

#: Characters ITA rejects in text (statutes.md §3.5, Aclaimant).
SPECIAL = re.compile(r"[()~@#$%^&*?/\\!]")
ZIP = re.compile(r"^\d{5}(\d{4})?$")
NAICS = re.compile(r"^\d{6}$")
EIN = re.compile(r"^\d{9}$")
STATE = re.compile(r"^[A-Z]{2}$")
TEXT_LIMITS = {
    "establishment_name": 100,
    "company_name": 100,
    "street_address": 100,
    "city": 100,
    "industry_description": 300,
    "job_title": 100,
    "incident_location": 100,
    "incident_description": 200,
}
TOTALS = ("total_deaths", "total_dafw_cases", "total_djtr_cases", "total_other_cases")
TYPES = (
    "total_injuries",
    "total_skin_disorders",
    "total_respiratory_conditions",
    "total_poisonings",
    "total_hearing_loss",
    "total_other_illnesses",
)


def size_code(annual_average_employees: int) -> str:
    """The upload file's size: 1 (<20), 21 (20-99), 22 (100-249), 3 (250+) (statutes.md §3.5)."""
    if annual_average_employees < 20:
        return "1"
    if annual_average_employees < 100:
        return "21"
    if annual_average_employees < 250:
        return "22"
    return "3"


def clean_text(value: str) -> str:
    """Text as ITA takes it: the rejected characters dropped, whitespace collapsed."""
    return " ".join(SPECIAL.sub(" ", value or "").split())


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"


def _text_problems(row_no: int, row: Mapping[str, str], names: tuple[str, ...]) -> list[Problem]:
    found: list[Problem] = []
    for name in names:
        value = row.get(name, "")
        limit = TEXT_LIMITS.get(name)
        if SPECIAL.search(value):
            found.append(Problem(row_no, name, "has characters ITA rejects: ( ) ~ @ # $ % ^ & * ? / \\ !"))
        if limit is not None and len(value) > limit:
            found.append(Problem(row_no, name, f"is longer than {limit} characters"))
    return found


def establishment_problems(row_no: int, row: Mapping[str, str]) -> list[Problem]:
    """Every problem of one establishment / 300A row (all values as the CSV holds them)."""
    found = _text_problems(
        row_no, row, ("establishment_name", "company_name", "street_address", "city", "industry_description")
    )
    for name in ("establishment_name", "street_address", "city", "state", "zip", "naics_code", "size"):
        if not row.get(name):
            found.append(Problem(row_no, name, "is required"))
    if row.get("ein") and not EIN.match(row["ein"]):
        found.append(Problem(row_no, "ein", "must be 9 digits with no dash"))
    if row.get("state") and not STATE.match(row["state"]):
        found.append(Problem(row_no, "state", "must be the 2-letter postal code"))
    if row.get("zip") and not ZIP.match(row["zip"]):
        found.append(Problem(row_no, "zip", "must be 5 or 9 digits with no hyphen"))
    if row.get("naics_code") and not NAICS.match(row["naics_code"]):
        found.append(Problem(row_no, "naics_code", "must be a 6-digit NAICS code"))
    if row.get("establishment_type") not in ESTABLISHMENT_TYPES:
        found.append(Problem(row_no, "establishment_type", "must be 1, 2 or 3"))
    for name in ("annual_average_employees", "total_hours_worked"):
        value = row.get(name, "")
        if not value.isdigit():
            found.append(Problem(row_no, name, "must be a whole number (enter it for the year)"))
    employees, hours = row.get("annual_average_employees", ""), row.get("total_hours_worked", "")
    if employees.isdigit() and hours.isdigit() and int(employees) > 0 and int(hours) == 0:
        found.append(Problem(row_no, "total_hours_worked", "is 0 for an establishment with employees"))
    numbers = {n: int(row.get(n) or 0) for n in (*TOTALS, *TYPES, "total_dafw_days", "total_djtr_days")}
    cases = sum(numbers[n] for n in TOTALS)
    if cases != sum(numbers[n] for n in TYPES):
        found.append(
            Problem(
                row_no,
                "total_injuries",
                f"the injury and illness types add up to {sum(numbers[n] for n in TYPES)}, "
                f"not the {cases} cases of columns G-J",
            )
        )
    if numbers["total_dafw_days"] and not numbers["total_dafw_cases"]:
        found.append(Problem(row_no, "total_dafw_days", "days away without a days-away case"))
    if numbers["total_djtr_days"] and not numbers["total_djtr_cases"] and not numbers["total_dafw_cases"]:
        found.append(Problem(row_no, "total_djtr_days", "restricted days without a case that has them"))
    expected = "1" if cases else "2"
    if row.get("no_injuries_illnesses") != expected:
        found.append(Problem(row_no, "no_injuries_illnesses", f"must be {expected} for {cases} cases"))
    return found


def case_problems(row_no: int, row: Mapping[str, str], *, unsourced_facts: bool) -> list[Problem]:
    """Every problem of one case row; ``unsourced_facts``: the case holds facts for the unsourced columns."""
    found = _text_problems(
        row_no, row, ("establishment_name", "job_title", "incident_location", "incident_description")
    )
    for name in (
        "establishment_name",
        "case_number",
        "job_title",
        "date_of_incident",
        "incident_outcome",
        "type_of_incident",
    ):
        if not row.get(name):
            found.append(Problem(row_no, name, "is required"))
    if row.get("incident_outcome") and row["incident_outcome"] not in OUTCOME_CODES.values():
        found.append(Problem(row_no, "incident_outcome", "must be 1, 2, 3 or 4"))
    if row.get("incident_outcome") == "1" and not row.get("date_of_death"):
        found.append(Problem(row_no, "date_of_death", "is required for a death"))
    if row.get("incident_outcome") == "2" and not int(row.get("dafw_num_away") or 0):
        found.append(Problem(row_no, "dafw_num_away", "a days-away case needs its days away"))
    if unsourced_facts:
        found.append(
            Problem(
                row_no,
                "sex",
                "exported empty: the ITA codes for sex, treatment facility type, in-patient "
                "treatment and time unknown are not held (no official source); enter them in ITA",
            )
        )
    return found
