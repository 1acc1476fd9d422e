"""The OSHA forms and files: Form 300 and 300A as CSV and PDF, the ITA upload CSVs, checks.

- ``form_300_csv`` / ``form_300_pdf``: the establishment's log for a year. A privacy case shows
  "Privacy Case" in place of the name everywhere, exports included (1904.29(b)(7)); the names are
  only on ``privacy_list_csv``, the confidential list (for those who keep the logs).
- ``form_300a_csv``: the summary with the year's employees, hours and certification.
- ``ita_establishment_csv`` / ``ita_case_csv``: the two upload files for a whole year of the
  book (or chosen establishments), checked first: ``ItaExport.problems`` names the row and
  column of every problem (``osha.ita``). The establishment file reads the case table once (one
  aggregate query) and the establishments once; the case file streams the case table once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from django.template.loader import render_to_string
from weasyprint import HTML

from opencomp.osha import ita
from opencomp.osha.models import OshaCase, OshaYear
from opencomp.osha.selectors import (
    OUTCOME_TOTALS,
    TYPE_TOTALS,
    empty_totals,
    establishments_for_year,
    form_300_rows,
    osha_year,
    privacy_list,
    recorded_cases,
    summaries_300a,
    summary_300a,
)
from opencomp.parties.models import Establishment

FORM_300_COLUMNS = (
    "case_number",
    "employee_name",
    "job_title",
    "date_of_injury",
    "where",
    "description",
    "G_death",
    "H_days_away",
    "I_job_transfer_restriction",
    "J_other_recordable",
    "K_days_away",
    "L_days_transfer_restriction",
    "M1_injury",
    "M2_skin_disorder",
    "M3_respiratory_condition",
    "M4_poisoning",
    "M5_hearing_loss",
    "M6_other_illness",
)
_OUTCOME_COLUMNS = ("death", "days_away", "job_transfer_restriction", "other_recordable")


def _csv(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def form_300_row(case: OshaCase) -> list[str]:
    return [
        case.case_number,
        case.log_name,
        case.job_title,
        case.date_of_incident.isoformat(),
        case.incident_location,
        case.incident_description,
        *("X" if case.outcome == o else "" for o in _OUTCOME_COLUMNS),
        str(case.days_away),
        str(case.days_restricted),
        *("X" if case.case_type == t else "" for t in TYPE_TOTALS.values()),
    ]


def form_300_csv(*, establishment: Establishment, year: int) -> str:
    return _csv(
        FORM_300_COLUMNS, (form_300_row(c) for c in form_300_rows(establishment=establishment, year=year))
    )


def privacy_list_csv(*, establishment: Establishment, year: int) -> str:
    """The confidential list of privacy cases: case number and name (1904.29(b)(6))."""
    rows = privacy_list(establishment=establishment, year=year)
    return _csv(("case_number", "employee_name"), ((c.case_number, c.employee_name) for c in rows))


def form_300a_values(*, establishment: Establishment, year: int) -> dict[str, Any]:
    totals = summary_300a(establishment=establishment, year=year).totals
    entered = osha_year(establishment=establishment, year=year)
    return {
        "establishment": establishment,
        "year": year,
        "totals": totals,
        "osha_year": entered,
        "posting": f"1 February to 30 April {year + 1}",
    }


def form_300a_csv(*, establishment: Establishment, year: int) -> str:
    values = form_300a_values(establishment=establishment, year=year)
    entered: OshaYear | None = values["osha_year"]
    totals = values["totals"]
    columns = (
        "establishment_name",
        "street",
        "city",
        "state",
        "zip",
        "naics_code",
        "year",
        *totals,
        "annual_average_employees",
        "total_hours_worked",
        "certified_by_name",
        "certified_by_title",
        "certified_by_phone",
        "certified_on",
    )
    row = [
        establishment.name,
        establishment.street,
        establishment.city,
        establishment.region,
        establishment.postcode,
        establishment.naics_code,
        str(year),
        *(str(v) for v in totals.values()),
        _num(entered.annual_average_employees if entered else None),
        _num(entered.total_hours_worked if entered else None),
        entered.certified_by_name if entered else "",
        entered.certified_by_title if entered else "",
        entered.certified_by_phone if entered else "",
        entered.certified_on.isoformat() if entered and entered.certified_on else "",
    ]
    return _csv(columns, [row])


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"OSHA forms load nothing from outside: {url}")


def form_300_pdf(*, establishment: Establishment, year: int) -> bytes:
    """Form 300 (the log) and Form 300A (the summary) of the year as one PDF (landscape)."""
    html = render_to_string(
        "osha/form_300.html",
        {
            "rows": [form_300_row(c) for c in form_300_rows(establishment=establishment, year=year)],
            **form_300a_values(establishment=establishment, year=year),
        },
    )
    return cast(bytes, HTML(string=html, url_fetcher=_no_fetch).write_pdf())


# ITA -------------------------------------------------------------------------------------------


@dataclass
class ItaExport:
    csv: str
    rows: int
    problems: list[ita.Problem] = field(default_factory=list)


def _establishment_row(
    est: Establishment, entered: OshaYear | None, totals: dict[str, int], year: int
) -> dict[str, str]:
    employees = entered.annual_average_employees if entered else None
    cases = sum(totals[n] for n in OUTCOME_TOTALS)
    return {
        "establishment_name": ita.clean_text(est.name),
        "ein": entered.ein if entered else "",
        "company_name": ita.clean_text(entered.company_name if entered else ""),
        "street_address": ita.clean_text(est.street),
        "city": ita.clean_text(est.city),
        "state": est.region.upper(),
        "zip": est.postcode.replace("-", "").replace(" ", ""),
        "naics_code": est.naics_code,
        "industry_description": ita.clean_text(entered.industry_description if entered else ""),
        "size": ita.size_code(employees) if employees is not None else "",
        "establishment_type": entered.establishment_type if entered else "",
        "year_filing_for": str(year),
        "annual_average_employees": _num(employees),
        "total_hours_worked": _num(entered.total_hours_worked if entered else None),
        "no_injuries_illnesses": "1" if cases else "2",
        **{k: str(v) for k, v in totals.items()},
        "change_reason": ita.clean_text(entered.change_reason if entered else ""),
    }


def ita_establishment_csv(*, year: int, establishment_ids: list[int] | None = None) -> ItaExport:
    """The establishment / 300A upload file for the year, checked row by row."""
    summaries = summaries_300a(year=year, establishment_ids=establishment_ids)
    problems: list[ita.Problem] = []
    rows: list[list[str]] = []
    for est, entered in establishments_for_year(year=year):
        if establishment_ids is not None and est.pk not in establishment_ids:
            continue
        found = summaries.get(est.pk)
        row = _establishment_row(est, entered, found.totals if found else empty_totals(), year)
        rows.append([row[c] for c in ita.ESTABLISHMENT_COLUMNS])
        problems.extend(ita.establishment_problems(len(rows), row))
    return ItaExport(_csv(ita.ESTABLISHMENT_COLUMNS, rows), len(rows), problems)


def _time(value: Any) -> str:
    return value.strftime("%H:%M") if value is not None else ""


def _case_rows(year: int, establishment_ids: list[int] | None) -> Iterator[tuple[dict[str, str], bool]]:
    cases = (
        recorded_cases(year=year).select_related("establishment").order_by("establishment_id", "case_number")
    )
    if establishment_ids is not None:
        cases = cases.filter(establishment_id__in=establishment_ids)
    for c in cases.iterator(chunk_size=5000):
        row = {
            "establishment_name": ita.clean_text(c.establishment.name),
            "year_of_filing": str(year),
            "case_number": c.case_number,
            "job_title": ita.clean_text(c.job_title),
            "date_of_incident": c.date_of_incident.strftime("%m/%d/%Y"),
            "incident_location": ita.clean_text(c.incident_location),
            "incident_description": ita.clean_text(c.incident_description),
            "incident_outcome": ita.OUTCOME_CODES[c.outcome],
            "dafw_num_away": str(c.days_away),
            "djtr_num_tr": str(c.days_restricted),
            "type_of_incident": ita.TYPE_CODES[c.case_type],
            "date_of_birth": c.date_of_birth.strftime("%m/%d/%Y") if c.date_of_birth else "",
            "date_of_hire": c.date_of_hire.strftime("%m/%d/%Y") if c.date_of_hire else "",
            "sex": "",
            "treatment_facility_type": "",
            "treatment_in_patient": "",
            "time_started_work": _time(c.time_started_work),
            "time_of_incident": _time(c.time_of_incident),
            "time_unknown": "",
            "nar_before_incident": ita.clean_text(c.nar_before_incident),
            "nar_what_happened": ita.clean_text(c.nar_what_happened),
            "nar_injury_illness": ita.clean_text(c.nar_injury_illness),
            "nar_object_substance": ita.clean_text(c.nar_object_substance),
            "date_of_death": c.date_of_death.strftime("%m/%d/%Y") if c.date_of_death else "",
        }
        unsourced = bool(c.sex or c.treatment_facility or c.hospitalized_overnight is not None)
        yield row, unsourced


def ita_case_csv(*, year: int, establishment_ids: list[int] | None = None) -> ItaExport:
    """The Form 300/301 case upload file for the year, checked row by row."""
    problems: list[ita.Problem] = []
    rows: list[list[str]] = []
    for row, unsourced in _case_rows(year, establishment_ids):
        rows.append([row[c] for c in ita.CASE_COLUMNS])
        problems.extend(ita.case_problems(len(rows), row, unsourced_facts=unsourced))
    return ItaExport(_csv(ita.CASE_COLUMNS, rows), len(rows), problems)
