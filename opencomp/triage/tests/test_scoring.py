"""The pure triage scorer and its policy: exact scores, bands, lifts, errors, properties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from opencomp.triage.policy import POLICY_FILE, PolicyError, policy_load, triage_policy
from opencomp.triage.scoring import (
    StatusPeriod,
    TriageFacts,
    TriageInputError,
    days_off_work,
    triage_score,
)

D = dt.date
POLICY = triage_policy()


def facts(**overrides):
    values = dict(injury_type="minor", days_off_work=0, psychosocial_flags=(), age=30, prior_claims=0)
    values.update(overrides)
    return TriageFacts(**values)


@pytest.mark.parametrize(
    ("overrides", "score", "band", "handling"),
    [
        ({}, 0, "low", "fast_track"),
        ({"injury_type": "soft_tissue", "days_off_work": 3}, 3, "low", "fast_track"),
        ({"injury_type": "soft_tissue", "days_off_work": 8}, 4, "medium", "specialist"),
        ({"injury_type": "fracture", "days_off_work": 28, "age": 50}, 6, "medium", "specialist"),
        ({"injury_type": "fracture", "days_off_work": 29, "age": 50}, 7, "medium", "specialist"),
        ({"injury_type": "fracture", "days_off_work": 91, "age": 50}, 8, "high", "senior_specialist"),
        (
            {
                "injury_type": "soft_tissue",
                "psychosocial_flags": ("fear_avoidance",),
                "age": 55,
                "prior_claims": 2,
            },
            8,
            "high",
            "senior_specialist",
        ),
    ],
)
def test_scores_and_bands(overrides, score, band, handling):
    result = triage_score(facts(**overrides), POLICY)
    assert (result.score, result.band, result.handling) == (score, band, handling)
    assert result.score == sum(f.points for f in result.factors)
    assert [f.factor for f in result.factors] == [
        "injury_type",
        "time_off_work",
        "psychosocial",
        "age",
        "prior_claims",
    ]
    assert result.policy_version == POLICY.version


@pytest.mark.parametrize(
    ("days", "points"), [(0, 0), (1, 1), (7, 1), (8, 2), (28, 2), (29, 3), (90, 3), (91, 4), (400, 4)]
)
def test_time_off_work_steps_on_both_sides(days, points):
    factor = triage_score(facts(days_off_work=days), POLICY).factors[1]
    assert factor.points == points


@pytest.mark.parametrize(("age", "points"), [(18, 0), (44, 0), (45, 1), (54, 1), (55, 2), (70, 2)])
def test_age_steps(age, points):
    assert triage_score(facts(age=age), POLICY).factors[3].points == points


@pytest.mark.parametrize(("prior", "points"), [(0, 0), (1, 1), (2, 2), (9, 2)])
def test_prior_claim_steps(prior, points):
    assert triage_score(facts(prior_claims=prior), POLICY).factors[4].points == points


def test_a_psychological_injury_is_lifted_to_medium_and_says_from_what():
    result = triage_score(facts(injury_type="psychological"), POLICY)
    assert (result.score, result.band, result.lifted_from) == (4, "medium", None)  # 4 is medium anyway
    result = triage_score(facts(injury_type="complex"), POLICY)
    assert (result.score, result.band) == (4, "medium")
    lifted = POLICY.model_copy(
        update={"injury_types": tuple(t.model_copy(update={"points": 0}) for t in POLICY.injury_types)}
    )
    result = triage_score(facts(injury_type="psychological"), lifted)
    assert (result.score, result.band, result.lifted_from) == (0, "medium", "low")


def test_psychosocial_flags_add_up_to_the_cap_and_the_explanation_says_so():
    every = tuple(f.flag for f in POLICY.psychosocial.flags)
    factor = triage_score(facts(psychosocial_flags=every), POLICY).factors[2]
    assert factor.points == 6
    assert "capped at 6 from 12" in factor.explanation
    two = triage_score(facts(psychosocial_flags=("distress", "financial_stress")), POLICY).factors[2]
    assert (two.points, two.value) == (3, "Low mood, anxiety or distress; Financial hardship from the injury")
    assert two.explanation == "2 flags: 3 points."


def test_an_unknown_age_is_scored_as_the_first_step_and_said():
    factor = triage_score(facts(age=None), POLICY).factors[3]
    assert (factor.value, factor.points) == ("not known", 0)
    assert "Date of birth not known" in factor.explanation


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"injury_type": "sprained_ego"}, "injury_type", "'sprained_ego' is not an injury type"),
        ({"psychosocial_flags": ("grumpy",)}, "psychosocial_flags", "'grumpy' is not a flag"),
        ({"psychosocial_flags": ("distress", "distress")}, "psychosocial_flags", "given twice"),
        ({"days_off_work": -1}, "days_off_work", "cannot be negative"),
        ({"prior_claims": -1}, "prior_claims", "cannot be negative"),
        ({"age": 131}, "age", "between 0 and 130"),
    ],
)
def test_bad_facts_name_their_field(overrides, field, words):
    with pytest.raises(TriageInputError) as caught:
        triage_score(facts(**overrides), POLICY)
    assert caught.value.field == field
    assert words in caught.value.message


def test_keywords_suggest_an_injury_type():
    assert POLICY.suggest_injury_type("Strain Lower back") == "soft_tissue"
    assert POLICY.suggest_injury_type("Carpal tunnel syndrome, right wrist") == "repetitive"
    assert POLICY.suggest_injury_type("Fractured radius") == "fracture"
    assert POLICY.suggest_injury_type("Work-related stress") == "psychological"
    assert POLICY.suggest_injury_type("Unusual") is None


@pytest.mark.parametrize(
    ("periods", "on", "days"),
    [
        ([], D(2026, 11, 2), 0),
        ([StatusPeriod(D(2026, 10, 20), D(2026, 10, 26), True)], D(2026, 11, 2), 7),
        ([StatusPeriod(D(2026, 10, 20), None, True)], D(2026, 11, 2), 14),  # until reviewed: to the day
        ([StatusPeriod(D(2026, 10, 20), D(2026, 12, 31), True)], D(2026, 11, 2), 14),  # not past the day
        ([StatusPeriod(D(2026, 11, 3), None, True)], D(2026, 11, 2), 0),  # not begun
        # a later report (partial capacity from 25 Oct) replaces the first from its first day
        (
            [
                StatusPeriod(D(2026, 10, 20), D(2026, 11, 30), True),
                StatusPeriod(D(2026, 10, 25), None, False),
            ],
            D(2026, 11, 2),
            5,
        ),
        # overlapping no-capacity reports count each day once; a gap is not counted
        (
            [
                StatusPeriod(D(2026, 10, 20), D(2026, 10, 24), True),
                StatusPeriod(D(2026, 10, 22), D(2026, 10, 24), True),
                StatusPeriod(D(2026, 10, 28), D(2026, 10, 29), True),
            ],
            D(2026, 11, 2),
            7,
        ),
        # across the year end
        ([StatusPeriod(D(2026, 12, 30), None, True)], D(2027, 1, 2), 4),
    ],
)
def test_days_off_work(periods, on, days):
    assert days_off_work(periods, on) == days


def _write(tmp_path: Path, change) -> Path:
    raw = yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda r: r.update(fallback_injury_type="nothing"),
            "fallback_injury_type: 'nothing' is not an injury type",
        ),
        (lambda r: r["bands"][-1].update(max_score=99), "every band but the last needs max_score"),
        (lambda r: r["bands"][1].update(max_score=2), "max_score must rise"),
        (lambda r: r["injury_types"][4].update(minimum_band="extreme"), "'extreme' is not a band"),
        (lambda r: r["age"][-1].update(max_age=99), "age: the last step has no maximum"),
        (lambda r: r["time_off_work"][1].update(max_days=0), "time_off_work: every step but the last"),
        (lambda r: r["psychosocial"]["flags"].append(r["psychosocial"]["flags"][0]), "each flag once"),
        (lambda r: r.update(colour="blue"), "colour"),
    ],
)
def test_a_bad_policy_file_is_refused_naming_the_problem(tmp_path, change, words):
    with pytest.raises(PolicyError) as caught:
        policy_load(_write(tmp_path, change))
    assert words in str(caught.value)
    assert "policy.yaml" in str(caught.value)


def test_the_shipped_policy_says_it_is_not_a_validated_instrument():
    assert "not the Official Disability Guidelines" in POLICY.basis
    assert "Seed 004" in POLICY.handling_source


@given(
    injury=st.sampled_from([t.type for t in POLICY.injury_types]),
    days=st.integers(0, 2000),
    flags=st.sets(st.sampled_from([f.flag for f in POLICY.psychosocial.flags])),
    age=st.none() | st.integers(14, 100),
    prior=st.integers(0, 50),
    extra_days=st.integers(0, 500),
)
def test_properties(injury, days, flags, age, prior, extra_days):
    base = facts(
        injury_type=injury,
        days_off_work=days,
        psychosocial_flags=tuple(sorted(flags)),
        age=age,
        prior_claims=prior,
    )
    result = triage_score(base, POLICY)
    assert result.score == sum(f.points for f in result.factors)
    assert all(f.points >= 0 and f.explanation for f in result.factors)
    # more time off work, one more flag or one more prior claim never lowers the score or the band
    for worse in (
        facts(
            injury_type=injury,
            days_off_work=days + extra_days,
            psychosocial_flags=base.psychosocial_flags,
            age=age,
            prior_claims=prior,
        ),
        facts(
            injury_type=injury,
            days_off_work=days,
            psychosocial_flags=base.psychosocial_flags,
            age=age,
            prior_claims=prior + 1,
        ),
    ):
        other = triage_score(worse, POLICY)
        assert other.score >= result.score
        assert POLICY.band_rank(other.band) >= POLICY.band_rank(result.band)
