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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import Case, CharField, F, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Length
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
    for est, entered in establishments_for_year(year=year, establishment_ids=establishment_ids):
        found = summaries.get(est.pk)
        row = _establishment_row(est, entered, found.totals if found else empty_totals(), year)
        rows.append([row[c] for c in ita.ESTABLISHMENT_COLUMNS])
        problems.extend(ita.establishment_problems(len(rows), row))
    return ItaExport(_csv(ita.ESTABLISHMENT_COLUMNS, rows), len(rows), problems)


class _Format(Func):
    """A date or time as text in the database (``to_char`` on PostgreSQL, ``strftime`` on SQLite)."""

    output_field = CharField()
    pg_pattern = ""
    sqlite_pattern = ""

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template=f"to_char(%(expressions)s, '{self.pg_pattern}')", **extra
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template=f"strftime('{self.sqlite_pattern}', %(expressions)s)", **extra
        )


class _UsDate(_Format):
    pg_pattern = "MM/DD/YYYY"
    sqlite_pattern = "%%m/%%d/%%Y"


class _HourMinute(_Format):
    pg_pattern = "HH24:MI"
    sqlite_pattern = "%%H:%%M"


def _us_date(name: str) -> Coalesce:
    """``MM/DD/YYYY`` (empty for no date): the case file's date format."""
    return Coalesce(_UsDate(name), Value(""), output_field=CharField())


def _hh_mm(name: str) -> Coalesce:
    return Coalesce(_HourMinute(name), Value(""), output_field=CharField())


def _code(name: str, codes: dict[str, str]) -> Case:
    return Case(
        *(When(**{name: k}, then=Value(v)) for k, v in codes.items()),
        default=Value(""),
        output_field=CharField(),
    )


_CHECKED_TEXT = ("job_title", "incident_location", "incident_description")


def _needs_check() -> Q:
    """Rows ``ita.case_problems`` may find a problem in (a superset; Python names each problem).

    One regular expression per row over the checked texts together, then cheap comparisons.
    """
    condition = Q(c_checked_text__regex=ita.SPECIAL.pattern) | Q(
        c_name_length__gt=ita.TEXT_LIMITS["establishment_name"]
    )
    for name in _CHECKED_TEXT:
        condition |= Q(**{name: ""})
    condition |= Q(outcome="death", date_of_death__isnull=True) | Q(outcome="days_away", days_away=0)
    return condition | _has_unsourced_facts()


def _has_unsourced_facts() -> Q:
    """The case holds facts for the case file's unsourced columns (sex, facility, in-patient)."""
    return ~Q(sex="") | ~Q(treatment_facility="") | Q(hospitalized_overnight__isnull=False)


def _case_query(year: int, establishment_ids: list[int] | None) -> QuerySet[OshaCase]:
    """The case file as one SQL query: a check flag, then the 24 columns formatted by the database."""
    cases = recorded_cases(year=year)
    if establishment_ids is not None:
        cases = cases.filter(establishment_id__in=establishment_ids)
    text: CharField[str, str] = CharField()
    cases = cases.alias(
        c_checked_text=Concat(
            "establishment__name",
            *(e for name in _CHECKED_TEXT for e in (Value(" "), F(name))),
            output_field=text,
        )
    )
    # Longer than ITA takes: only the establishment's name can be (job title, place and description
    # have ITA's limits in the model).
    cases = cases.alias(c_name_length=Length("establishment__name"))
    columns = {
        "c_flag": Case(When(_needs_check(), then=Value(1)), default=Value(0), output_field=IntegerField()),
        "c_unsourced": Case(
            When(_has_unsourced_facts(), then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
        "c_establishment_name": F("establishment__name"),
        "c_year_of_filing": Value(str(year), output_field=text),
        "c_case_number": F("case_number"),
        "c_job_title": F("job_title"),
        "c_date_of_incident": _us_date("date_of_incident"),
        "c_incident_location": F("incident_location"),
        "c_incident_description": F("incident_description"),
        "c_incident_outcome": _code("outcome", ita.OUTCOME_CODES),
        "c_dafw_num_away": Cast("days_away", text),
        "c_djtr_num_tr": Cast("days_restricted", text),
        "c_type_of_incident": _code("case_type", ita.TYPE_CODES),
        "c_date_of_birth": _us_date("date_of_birth"),
        "c_date_of_hire": _us_date("date_of_hire"),
        "c_sex": Value("", output_field=text),  # unsourced codes (ita.UNSOURCED_CASE_COLUMNS)
        "c_treatment_facility_type": Value("", output_field=text),
        "c_treatment_in_patient": Value("", output_field=text),
        "c_time_started_work": _hh_mm("time_started_work"),
        "c_time_of_incident": _hh_mm("time_of_incident"),
        "c_time_unknown": Value("", output_field=text),
        "c_nar_before_incident": F("nar_before_incident"),
        "c_nar_what_happened": F("nar_what_happened"),
        "c_nar_injury_illness": F("nar_injury_illness"),
        "c_nar_object_substance": F("nar_object_substance"),
        "c_date_of_death": _us_date("date_of_death"),
    }
    return cases.annotate(**columns).order_by("establishment_id", "case_number").values_list(*columns)


def ita_case_csv(*, year: int, establishment_ids: list[int] | None = None) -> ItaExport:
    """The Form 300/301 case upload file for the year, checked row by row.

    The database formats every column (``_case_query``). On PostgreSQL it also writes the CSV
    (``COPY … TO STDOUT``), and a second query returns only the rows a check could fault, with
    their row numbers; Python names their problems (``osha.ita``). Elsewhere (SQLite) Python
    writes the rows it streams. Both give the same bytes (a test compares them).
    """
    sql, params = _case_query(year, establishment_ids).query.get_compiler(using="default").as_sql()
    if connection.vendor == "postgresql":
        return _case_csv_copy(sql, params)
    return _case_csv_stream(sql, params)


def _header() -> str:
    return ",".join(ita.CASE_COLUMNS) + "\n"


def _case_csv_stream(sql: str, params: Any) -> ItaExport:
    out = io.StringIO()
    out.write(_header())
    writer = csv.writer(out, lineterminator="\n")
    problems: list[ita.Problem] = []
    count = 0
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(5000):
            writer.writerows(row[2:] for row in batch)
            for offset, row in enumerate(batch, start=count + 1):
                if row[0]:
                    problems.extend(_problems(offset, row[1], row[2:]))
            count += len(batch)
    return ItaExport(out.getvalue(), count, problems)


def _problems(row_no: int, unsourced: Any, values: Iterable[Any]) -> list[ita.Problem]:
    row = dict(zip(ita.CASE_COLUMNS, (str(v) for v in values), strict=True))
    return ita.case_problems(row_no, row, unsourced_facts=bool(unsourced))


_OUTPUT = [f"c_{name}" for name in ita.CASE_COLUMNS]


def _case_csv_copy(sql: str, params: Any) -> ItaExport:
    # Empty text as NULL, so PostgreSQL writes it unquoted as Python's csv module does.
    columns = ", ".join(f"NULLIF(t.{c}, '')" for c in _OUTPUT)
    copy_sql = f"COPY (SELECT {columns} FROM ({sql}) t) TO STDOUT (FORMAT csv)"  # noqa: S608 - our own SQL
    flagged_sql = (
        f"SELECT n, c_unsourced, {', '.join(_OUTPUT)} FROM "  # noqa: S608 - our own SQL
        f"(SELECT row_number() OVER () AS n, t.* FROM ({sql}) t) numbered WHERE c_flag = 1"
    )
    out = io.BytesIO()
    out.write(_header().encode())
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no COPY
        with raw.copy(copy_sql, params) as copy:
            for block in copy:
                out.write(block)
        count = raw.rowcount  # PostgreSQL's "COPY n"
        cursor.execute(flagged_sql, params)
        problems = [p for row in cursor.fetchall() for p in _problems(row[0], row[1], row[2:])]
    return ItaExport(out.getvalue().decode(), count, problems)
