"""OSHA recordability (29 CFR 1904.7, 1904.29): every first-aid item and its counterpart, each
medicine's threshold on both sides, day counting across the year end and the 180 cap, each
privacy case, and bad input named field by field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opencomp.osha.recordability import CASE_TYPES, CaseInputError, case_from_json, recordability
from opencomp.osha.rules import recordkeeping_rules

RULES = recordkeeping_rules()


def decide(**facts):
    data = {"injury_date": "2026-03-02", "work_related": True}
    data.update(facts)
    return recordability(case_from_json(data, RULES), RULES)


FIRST_AID = [item.kind for item in RULES.first_aid]
COUNTERPARTS = [(m.kind, m.counterpart) for m in RULES.medical_treatment if m.counterpart]


def test_the_first_aid_list_is_items_b_to_n_with_medication_as_a():
    assert sorted({i.item for i in RULES.first_aid}) == list("BCDEFGHIJKLMN")
    assert RULES.treatment_kinds[0] == "medication"


@pytest.mark.parametrize("kind", FIRST_AID)
def test_each_first_aid_item_alone_is_not_recordable(kind):
    result = decide(treatments=[{"kind": kind}])
    assert (result.recordable, result.outcome, result.column) == (False, "not_recordable", "")
    assert result.first_aid == (kind,)
    item = RULES.first_aid_by_kind[kind]
    assert f"{kind}: first aid, 1904.7(b)(5)(ii)({item.item})" in result.reasons[1]


@pytest.mark.parametrize(("kind", "counterpart"), COUNTERPARTS)
def test_each_medical_treatment_counterpart_is_recordable_as_other(kind, counterpart):
    assert counterpart in FIRST_AID
    result = decide(treatments=[{"kind": counterpart}, {"kind": kind}])
    assert (result.recordable, result.outcome, result.column) == (True, "other_recordable", "J")
    assert result.medical_treatment == (kind,)
    assert result.first_aid == (counterpart,)
    assert any(f"not first aid like {counterpart}" in r for r in result.reasons)


def test_a_procedure_not_on_the_list_is_medical_treatment():
    result = decide(treatments=[{"kind": "other_procedure", "description": "Tendon repair"}])
    assert result.outcome == "other_recordable"
    assert "Tendon repair" in result.reasons[1]


THRESHOLDS = [
    ("ibuprofen", "467"),
    ("diphenhydramine", "50"),
    ("naproxen_sodium", "220"),
    ("ketoprofen", "25"),
]


@pytest.mark.parametrize(("name", "threshold"), THRESHOLDS)
def test_each_medicine_at_its_threshold_is_first_aid_and_above_it_medical(name, threshold):
    at = decide(
        treatments=[{"kind": "medication", "name": name, "dose_mg": threshold, "prescription": False}]
    )
    assert (at.recordable, at.first_aid) == (False, (f"medication:{name}",))
    above = str(Decimal(threshold) + Decimal("0.5"))
    over = decide(treatments=[{"kind": "medication", "name": name, "dose_mg": above}])
    assert (over.recordable, over.outcome, over.medical_treatment) == (
        True,
        "other_recordable",
        (f"medication:{name}",),
    )
    assert "FAQ 7-8" in over.reasons[1]


def test_a_prescription_for_an_otc_medicine_at_otc_strength_stays_first_aid():
    result = decide(
        treatments=[{"kind": "medication", "name": "ibuprofen", "dose_mg": 200, "prescription": True}]
    )
    assert result.recordable is False
    assert "LOI 2 Sep 1997" in result.reasons[1]


def test_any_prescription_medication_is_medical_treatment_and_otc_ones_are_first_aid():
    rx = decide(treatments=[{"kind": "medication", "name": "Amoxicillin", "prescription": True}])
    assert (rx.recordable, rx.medical_treatment) == (True, ("medication:amoxicillin",))
    assert "LOI 10 Mar 2005" in rx.reasons[1]
    otc = decide(treatments=[{"kind": "medication", "name": "acetaminophen", "prescription": False}])
    assert otc.recordable is False


@pytest.mark.parametrize(
    ("facts", "outcome", "column"),
    [
        ({"death": True, "days_away_from": "2026-03-03", "returned_to_work": "2026-03-10"}, "death", "G"),
        (
            {
                "days_away_from": "2026-03-03",
                "returned_to_work": "2026-03-05",
                "restricted_from": "2026-03-05",
                "restricted_until": "2026-03-20",
            },
            "days_away",
            "H",
        ),
        (
            {"restricted_from": "2026-03-03", "restricted_until": "2026-03-04"},
            "job_transfer_restriction",
            "I",
        ),
        ({"loss_of_consciousness": True}, "other_recordable", "J"),
        ({"significant_diagnosis": True}, "other_recordable", "J"),
        ({}, "not_recordable", ""),
    ],
)
def test_the_most_serious_outcome_is_the_column(facts, outcome, column):
    result = decide(**facts)
    assert (result.outcome, result.column) == (outcome, column)


def test_not_work_related_is_never_recordable():
    result = decide(work_related=False, death=True)
    assert (result.recordable, result.outcome) == (False, "not_recordable")
    assert result.reasons[0].startswith("not work-related")


@pytest.mark.parametrize(
    ("facts", "away", "restricted"),
    [
        # the day of injury is not counted, even when the worker left that day
        ({"days_away_from": "2026-03-02", "returned_to_work": "2026-03-03"}, 0, 0),
        ({"days_away_from": "2026-03-02", "returned_to_work": "2026-03-09"}, 6, 0),
        # calendar days: a weekend counts
        ({"days_away_from": "2026-03-06", "returned_to_work": "2026-03-09"}, 3, 0),
        # still away: counted to as_at inclusive
        ({"days_away_from": "2026-03-03", "as_at": "2026-03-12"}, 10, 0),
        # restricted after away; the overlap day counts as away
        (
            {
                "days_away_from": "2026-03-03",
                "returned_to_work": "2026-03-06",
                "restricted_from": "2026-03-05",
                "restricted_until": "2026-03-10",
            },
            3,
            5,
        ),
        # still restricted: to as_at
        ({"restricted_from": "2026-03-03", "as_at": "2026-03-04"}, 0, 2),
    ],
)
def test_day_counting(facts, away, restricted):
    result = decide(**facts)
    assert (result.days_away, result.days_restricted) == (away, restricted)


def test_day_counting_across_the_year_end():
    result = decide(injury_date="2026-12-30", days_away_from="2026-12-30", returned_to_work="2027-01-04")
    assert result.days_away == 4  # 31 Dec, 1, 2, 3 Jan
    result = decide(injury_date="2026-12-31", restricted_from="2027-01-01", restricted_until="2027-01-31")
    assert (result.days_away, result.days_restricted) == (0, 31)


def test_days_away_and_restricted_stop_together_at_180_in_date_order():
    result = decide(
        days_away_from="2026-03-03",
        returned_to_work="2026-07-01",
        restricted_from="2026-07-01",
        restricted_until="2026-12-31",
    )
    # away 3 Mar - 30 Jun is 120 days; restricted from 1 Jul fills the cap with 60
    assert (result.days_away, result.days_restricted) == (120, 60)
    assert any("counting stops at 180" in r for r in result.reasons)
    long_away = decide(days_away_from="2026-03-03", as_at="2027-03-02")
    assert (long_away.days_away, long_away.days_restricted) == (180, 0)


@pytest.mark.parametrize("kind", [p.kind for p in RULES.privacy_cases])
def test_each_privacy_case(kind):
    case_type = "other_illness" if RULES.privacy_by_kind[kind].illness_only else "injury"
    result = decide(significant_diagnosis=True, privacy_concern=kind, case_type=case_type)
    assert result.privacy_case is True
    assert 'enter "privacy case" instead of the name (1904.29(b)(7))' in result.reasons[-1]
    assert decide(privacy_concern=kind, case_type=case_type).privacy_case is False  # not on the log at all


def test_an_employees_request_makes_a_privacy_case_only_for_an_illness():
    with pytest.raises(CaseInputError) as caught:
        decide(significant_diagnosis=True, privacy_concern="employee_request")
    assert "only for an illness" in caught.value.errors["privacy_concern"]


@pytest.mark.parametrize(
    ("facts", "field", "words"),
    [
        ({"treatments": [{"kind": "duct_tape"}]}, "treatments.0.kind", "unknown treatment kind 'duct_tape'"),
        (
            {"treatments": [{"kind": "medication", "name": "ibuprofen"}]},
            "treatments.0.dose_mg",
            "give the single dose",
        ),
        (
            {"treatments": [{"kind": "medication", "name": "ibuprofen", "dose_mg": "lots"}]},
            "treatments.0.dose_mg",
            "must be a number",
        ),
        ({"treatments": [{"kind": "sutures", "dose_mg": 5}]}, "treatments.0.dose_mg", "not a field"),
        ({"treatments": [{"kind": "medication", "dose_mg": 5}]}, "treatments.0.name", "name the medicine"),
        ({"work_related": "yes"}, "work_related", "true or false"),
        ({"injury_date": "02/03/2026"}, "injury_date", "is not a date"),
        (
            {"days_away_from": "2026-03-01", "returned_to_work": "2026-03-05"},
            "days_away_from",
            "before the injury",
        ),
        (
            {"days_away_from": "2026-03-05", "returned_to_work": "2026-03-05"},
            "returned_to_work",
            "after the first",
        ),
        ({"returned_to_work": "2026-03-05"}, "days_away_from", "give the first day away"),
        (
            {"restricted_from": "2026-03-05", "restricted_until": "2026-03-04"},
            "restricted_until",
            "before the first",
        ),
        ({"days_away_from": "2026-03-05"}, "as_at", "give the day to count to"),
        ({"privacy_concern": "embarrassing"}, "privacy_concern", "unknown privacy case"),
        ({"case_type": "M9"}, "case_type", "use one of"),
        ({"colour": "red"}, "colour", "is not a field of a case"),
    ],
)
def test_bad_input_names_the_field(facts, field, words):
    with pytest.raises(CaseInputError) as caught:
        decide(**facts)
    assert words in caught.value.errors[field]


def test_a_missing_work_related_is_named():
    with pytest.raises(CaseInputError) as caught:
        recordability(case_from_json({"injury_date": "2026-03-02"}, RULES), RULES)
    assert caught.value.errors == {"work_related": "is required (true or false)"}


@given(
    away=st.integers(0, 400),
    gap=st.integers(-30, 30),
    restricted=st.integers(0, 400),
    injury=st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
)
def test_day_count_properties(away, gap, restricted, injury):
    facts = {"injury_date": injury.isoformat(), "work_related": True}
    start = injury + dt.timedelta(days=1)
    if away:
        facts |= {
            "days_away_from": start.isoformat(),
            "returned_to_work": (start + dt.timedelta(days=away)).isoformat(),
        }
    if restricted:
        r_start = start + dt.timedelta(days=max(0, away + gap))
        facts |= {
            "restricted_from": r_start.isoformat(),
            "restricted_until": (r_start + dt.timedelta(days=restricted - 1)).isoformat(),
        }
    result = recordability(case_from_json(facts, RULES), RULES)
    assert result.days_away + result.days_restricted <= 180
    assert result.days_away == min(away, 180)
    assert (result.outcome == "days_away") == (result.days_away > 0)
    assert result.case_type in CASE_TYPES
