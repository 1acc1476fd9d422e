"""OSHA logs: recording cases, the Form 300 (privacy cases hidden), 300A, the ITA files column by
column, their checks, rates, permissions, and the claim event of a case from a claim."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from opencomp.claims.models import ClaimEvent
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.osha import exports, ita
from opencomp.osha.models import OshaCase
from opencomp.osha.rates import incidence_rates
from opencomp.osha.selectors import counts_by, summary_300a
from opencomp.osha.services import osha_case_record, osha_year_save

D = dt.date


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def record(book, number, facts, **details):
    values = dict(
        employee_name="Maria Lopez",
        job_title="Machine operator",
        incident_location="Press line 2",
        incident_description="Strained lower back lifting a steel sheet",
        nature="Strain",
        body_part="Lower back",
        cause="Lifting",
    )
    values.update(details)
    return osha_case_record(
        actor=book.users["employer_coordinator"],
        establishment=book.establishment,
        case_number=number,
        facts={"injury_date": "2025-03-02", "work_related": True, **facts},
        **values,
    )


@pytest.fixture
def logged(book):
    """Four cases of 2025 at Plant 1 and the year's figures."""
    away = record(
        book,
        "25-001",
        {
            "days_away_from": "2025-03-03",
            "returned_to_work": "2025-03-13",
            "treatments": [{"kind": "physical_therapy"}],
        },
        date_of_birth=D(1985, 4, 12),
        date_of_hire=D(2015, 3, 1),
        time_of_incident=dt.time(9, 30),
    )
    restricted = record(
        book,
        "25-002",
        {"injury_date": "2025-06-10", "restricted_from": "2025-06-11", "restricted_until": "2025-06-20"},
        employee_name="Tom Baker",
        nature="Carpal tunnel syndrome",
        body_part="Wrist",
        cause="Repetitive motion",
        incident_description="Numbness in the right hand",
    )
    private = record(
        book,
        "25-003",
        {
            "injury_date": "2025-08-01",
            "significant_diagnosis": True,
            "privacy_concern": "mental_illness",
            "case_type": "other_illness",
        },
        employee_name="Jane Roe",
        nature="Anxiety",
        body_part="Psychological",
        cause="Assault",
        incident_description="Anxiety after an assault",
    )
    first_aid = record(
        book,
        "25-004",
        {"injury_date": "2025-09-09", "treatments": [{"kind": "wound_covering"}]},
        employee_name="Al Smith",
    )
    osha_year_save(
        actor=book.users["employer_coordinator"],
        establishment=book.establishment,
        year=2025,
        annual_average_employees=85,
        total_hours_worked=170_000,
        ein="84-1234567",
        company_name="Acme Fabrication Inc",
        industry_description="Plate work manufacturing",
        certified_by_name="Dana Chief",
        certified_by_title="Plant Manager",
        certified_by_phone="303-555-0100",
        certified_on=D(2026, 1, 30),
    )
    return away, restricted, private, first_aid


def test_cases_are_decided_and_stored_with_why(logged):
    away, restricted, private, first_aid = logged
    assert (away.outcome, away.days_away, away.days_restricted) == ("days_away", 10, 0)
    assert (restricted.outcome, restricted.days_restricted) == ("job_transfer_restriction", 10)
    assert (private.outcome, private.privacy_case, private.case_type) == (
        "other_recordable",
        True,
        "other_illness",
    )
    assert (first_aid.recordable, first_aid.outcome) == (False, "not_recordable")
    assert away.reasons[0].startswith("recordable: 10 calendar days away")


def test_the_form_300_hides_privacy_names_and_leaves_first_aid_off(book, logged):
    log = rows(exports.form_300_csv(establishment=book.establishment, year=2025))
    assert [r["case_number"] for r in log] == ["25-001", "25-002", "25-003"]
    assert list(log[0]) == list(exports.FORM_300_COLUMNS)
    assert log[0] == {
        "case_number": "25-001",
        "employee_name": "Maria Lopez",
        "job_title": "Machine operator",
        "date_of_injury": "2025-03-02",
        "where": "Press line 2",
        "description": "Strained lower back lifting a steel sheet",
        "G_death": "",
        "H_days_away": "X",
        "I_job_transfer_restriction": "",
        "J_other_recordable": "",
        "K_days_away": "10",
        "L_days_transfer_restriction": "0",
        "M1_injury": "X",
        "M2_skin_disorder": "",
        "M3_respiratory_condition": "",
        "M4_poisoning": "",
        "M5_hearing_loss": "",
        "M6_other_illness": "",
    }
    assert log[2]["employee_name"] == "Privacy Case"
    assert (log[2]["J_other_recordable"], log[2]["M6_other_illness"]) == ("X", "X")
    assert "Jane Roe" not in exports.form_300_csv(establishment=book.establishment, year=2025)
    assert rows(exports.privacy_list_csv(establishment=book.establishment, year=2025)) == [
        {"case_number": "25-003", "employee_name": "Jane Roe"}
    ]
    reader = PdfReader(io.BytesIO(exports.form_300_pdf(establishment=book.establishment, year=2025)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Privacy Case" in text
    assert "Jane Roe" not in text
    assert "Dana Chief, Plant Manager" in text
    assert "1 February to 30 April 2026" in text


def test_the_300a(book, logged):
    totals = summary_300a(establishment=book.establishment, year=2025).totals
    assert totals == {
        "total_deaths": 0,
        "total_dafw_cases": 1,
        "total_djtr_cases": 1,
        "total_other_cases": 1,
        "total_dafw_days": 10,
        "total_djtr_days": 10,
        "total_injuries": 2,
        "total_skin_disorders": 0,
        "total_respiratory_conditions": 0,
        "total_poisonings": 0,
        "total_hearing_loss": 0,
        "total_other_illnesses": 1,
    }
    (row,) = rows(exports.form_300a_csv(establishment=book.establishment, year=2025))
    assert (row["annual_average_employees"], row["total_hours_worked"]) == ("85", "170000")
    assert (row["total_dafw_cases"], row["total_djtr_days"], row["certified_on"]) == ("1", "10", "2026-01-30")


def test_the_ita_establishment_file_column_by_column(book, logged):
    export = exports.ita_establishment_csv(year=2025)
    (row,) = rows(export.csv)
    assert list(row) == list(ita.ESTABLISHMENT_COLUMNS)
    assert len(ita.ESTABLISHMENT_COLUMNS) == 28
    assert row == {
        "establishment_name": "Plant 1",
        "ein": "841234567",
        "company_name": "Acme Fabrication Inc",
        "street_address": "100 Main St",
        "city": "Denver",
        "state": "CO",
        "zip": "80202",
        "naics_code": "332312",
        "industry_description": "Plate work manufacturing",
        "size": "21",
        "establishment_type": "1",
        "year_filing_for": "2025",
        "annual_average_employees": "85",
        "total_hours_worked": "170000",
        "no_injuries_illnesses": "1",
        "total_deaths": "0",
        "total_dafw_cases": "1",
        "total_djtr_cases": "1",
        "total_other_cases": "1",
        "total_dafw_days": "10",
        "total_djtr_days": "10",
        "total_injuries": "2",
        "total_skin_disorders": "0",
        "total_respiratory_conditions": "0",
        "total_poisonings": "0",
        "total_hearing_loss": "0",
        "total_other_illnesses": "1",
        "change_reason": "",
    }
    assert export.problems == []


def test_the_ita_case_file_column_by_column(book, logged):
    export = exports.ita_case_csv(year=2025)
    cases = rows(export.csv)
    assert len(ita.CASE_COLUMNS) == 24
    assert list(cases[0]) == list(ita.CASE_COLUMNS)
    assert cases[0] == {
        "establishment_name": "Plant 1",
        "year_of_filing": "2025",
        "case_number": "25-001",
        "job_title": "Machine operator",
        "date_of_incident": "03/02/2025",
        "incident_location": "Press line 2",
        "incident_description": "Strained lower back lifting a steel sheet",
        "incident_outcome": "2",
        "dafw_num_away": "10",
        "djtr_num_tr": "0",
        "type_of_incident": "1",
        "date_of_birth": "04/12/1985",
        "date_of_hire": "03/01/2015",
        "sex": "",
        "treatment_facility_type": "",
        "treatment_in_patient": "",
        "time_started_work": "",
        "time_of_incident": "09:30",
        "time_unknown": "",
        "nar_before_incident": "",
        "nar_what_happened": "",
        "nar_injury_illness": "",
        "nar_object_substance": "",
        "date_of_death": "",
    }
    assert [c["incident_outcome"] for c in cases] == ["2", "3", "4"]
    assert cases[2]["type_of_incident"] == "6"
    assert "Jane Roe" not in export.csv  # the case file carries no names at all
    assert export.problems == []


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        ({"establishment_name": "Plant #1"}, "establishment_name", "characters ITA rejects"),
        ({"zip": "8020"}, "zip", "5 or 9 digits"),
        ({"naics_code": "3323"}, "naics_code", "6-digit NAICS"),
        ({"state": "Colorado"}, "state", "2-letter"),
        ({"total_injuries": "1"}, "total_injuries", "add up to 2, not the 3 cases"),
        ({"no_injuries_illnesses": "2"}, "no_injuries_illnesses", "must be 1 for 3 cases"),
        ({"total_hours_worked": ""}, "total_hours_worked", "whole number"),
        ({"establishment_type": "4"}, "establishment_type", "1, 2 or 3"),
    ],
)
def test_the_establishment_checks_name_row_and_column(book, logged, change, column, words):
    (row,) = rows(exports.ita_establishment_csv(year=2025).csv)
    row.update(change)
    found = ita.establishment_problems(1, row)
    assert any(p.column == column and words in p.message for p in found), found
    assert str(found[0]).startswith("row 1, ")


def test_unsourced_case_codes_are_left_empty_and_said(book, logged):
    away = logged[0]
    osha_case_record(
        actor=book.users["employer_coordinator"],
        establishment=book.establishment,
        case=away,
        case_number=away.case_number,
        facts=away.facts,
        employee_name=away.employee_name,
        job_title=away.job_title,
        incident_location=away.incident_location,
        incident_description=away.incident_description,
        sex="female",
    )
    export = exports.ita_case_csv(year=2025)
    assert rows(export.csv)[0]["sex"] == ""
    assert [str(p) for p in export.problems] == [
        "row 1, sex: exported empty: the ITA codes for sex, treatment facility type, in-patient "
        "treatment and time unknown are not held (no official source); enter them in ITA"
    ]


def test_a_correction_after_the_year_end_updates_the_log(book, logged, frozen_now):
    restricted = logged[1]
    facts = {**restricted.facts, "restricted_until": "2025-07-10"}
    osha_case_record(
        actor=book.users["adjuster"],
        establishment=book.establishment,
        case=restricted,
        case_number="25-002",
        facts=facts,
        employee_name="Tom Baker",
        job_title="Machine operator",
        incident_location="Press line 2",
        incident_description="Numbness in the right hand",
    )
    restricted.refresh_from_db()
    assert restricted.days_restricted == 30
    assert summary_300a(establishment=book.establishment, year=2025).totals["total_djtr_days"] == 30


def test_bad_input_names_fields_and_writes_nothing(book, logged):
    with pytest.raises(ValidationFailed) as caught:
        record(book, "25-001", {"treatments": [{"kind": "duct_tape"}]}, job_title="")
    assert {e.field for e in caught.value.errors} == {"facts.treatments.0.kind", "job_title"}
    with pytest.raises(ValidationFailed) as caught:
        record(book, "25-001", {})
    assert [e.field for e in caught.value.errors] == ["case_number"]
    assert OshaCase.objects.count() == 4


@pytest.mark.parametrize("who", ["employer_supervisor", "other_employer_coordinator", "worker", "auditor"])
def test_only_keepers_record(book, who):
    with pytest.raises(PermissionDenied):
        osha_case_record(
            actor=book.users[who],
            establishment=book.establishment,
            case_number="X-1",
            facts={"injury_date": "2025-03-02", "work_related": True},
            employee_name="A",
            job_title="B",
            incident_location="C",
            incident_description="D",
        )


def test_a_case_from_a_claim_is_on_its_log(book):
    case = osha_case_record(
        actor=book.users["adjuster"],
        establishment=book.establishment,
        claim=book.claim,
        case_number="26-001",
        facts={
            "injury_date": "2026-10-20",
            "work_related": True,
            "days_away_from": "2026-10-21",
            "as_at": "2026-11-02",
        },
        employee_name="Maria Lopez",
        job_title="Machine operator",
        incident_location="Press line 2",
        incident_description="Strained lower back lifting a steel sheet",
    )
    event = ClaimEvent.objects.filter(claim=book.claim, kind="osha.case_recorded").get()
    assert event.payload["case_id"] == case.pk
    assert (event.payload["outcome"], event.payload["days_away"]) == ("days_away", 13)


def test_rates_and_counts(book, logged):
    rates = incidence_rates(recordable=3, dart_cases=2, hours=170_000)
    assert (rates.trir, rates.dart) == (Decimal("3.53"), Decimal("2.35"))
    assert incidence_rates(recordable=3, dart_cases=2, hours=None).trir is None
    assert counts_by(establishment=book.establishment, year=2025, field="nature") == [
        ("Anxiety", 1),
        ("Carpal tunnel syndrome", 1),
        ("Strain", 1),
    ]


def test_both_ways_of_writing_the_case_file_agree_and_number_flagged_rows(book, logged):
    from django.db import connection

    record(
        book,
        "25-005",
        {"injury_date": "2025-10-01", "days_away_from": "2025-10-02", "returned_to_work": "2025-10-04"},
        employee_name="Kim Lee",
        job_title="Welder / fitter",
        nar_what_happened='Slipped, said "ouch"\nthen sat down',
    )
    sql, params = exports._case_query(2025, None).query.get_compiler(using="default").as_sql()
    streamed = exports._case_csv_stream(sql, params)
    parsed = rows(streamed.csv)
    assert parsed[3]["nar_what_happened"] == 'Slipped, said "ouch"\nthen sat down'
    assert streamed.rows == 4
    assert [str(p) for p in streamed.problems] == [
        "row 4, job_title: has characters ITA rejects: ( ) ~ @ # $ % ^ & * ? / \\ !"
    ]
    if connection.vendor == "postgresql":  # COPY is PostgreSQL's; elsewhere only the stream runs
        copied = exports._case_csv_copy(sql, params)
        assert copied.csv == streamed.csv
        assert copied.rows == streamed.rows
        assert [str(p) for p in copied.problems] == [str(p) for p in streamed.problems]
