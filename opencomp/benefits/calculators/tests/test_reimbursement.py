"""The employer wage reimbursement schedule (seed 004, Appendix 1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opencomp.benefits.calculators.reimbursement import (
    ReimbursementWeekInput,
    reimbursement_schedule,
)
from opencomp.benefits.calculators.types import InputError, MissingFigure

D = Decimal
d = dt.date
W = ReimbursementWeekInput
LOW = "second entitlement period (weeks 14–130), no capacity or working less than 15 hours"


def _seed_004_weeks() -> list[ReimbursementWeekInput]:
    return [
        W(34, d(2021, 8, 1), d(2021, 8, 7), D("0.00"), D("0")),
        W(35, d(2021, 8, 8), d(2021, 8, 14), D("200.00"), D("10.00")),
        W(36, d(2021, 8, 15), d(2021, 8, 21), D("0.00"), D("0")),
        W(37, d(2021, 8, 22), d(2021, 8, 28), D("0.00"), D("0")),
    ]


def test_seed_004_appendix_1_example_reproduces_exactly() -> None:
    # given: Company ABC's example — 33 weeks already paid; Mr X worked 10 hours (earning $200) in week 35;
    # PIAWE $1,000 (DWB $800 = 80% of PIAWE), 38 pre-injury hours; the form's injury date is illegible
    # when
    schedule = reimbursement_schedule(
        injury_date=d(2021, 3, 1), piawe=D("1000.00"), pre_injury_hours=D("38"), weeks=_seed_004_weeks()
    )
    # then
    rows = [
        (
            r.week_number,
            r.period,
            r.percent,
            r.weekly_benefit,
            r.earnings,
            r.hours_worked,
            r.hours_lost,
            r.reimbursement,
        )
        for r in schedule.rows
    ]
    assert rows == [
        (34, LOW, Fraction(4, 5), D("800.00"), D("0.00"), D("0"), D("38"), D("800.00")),
        (35, LOW, Fraction(4, 5), D("800.00"), D("200.00"), D("10.00"), D("28.00"), D("600.00")),
        (36, LOW, Fraction(4, 5), D("800.00"), D("0.00"), D("0"), D("38"), D("800.00")),
        (37, LOW, Fraction(4, 5), D("800.00"), D("0.00"), D("0"), D("38"), D("800.00")),
    ]
    assert schedule.total_earnings == D("200.00")
    assert schedule.total_hours_worked == D("10.00")
    assert schedule.total_hours_lost == D("142.00")
    assert schedule.total_reimbursement == D("3000.00")
    assert not any(r.maximum_applied for r in schedule.rows)
    # and the 2021 maximum weekly amount is not held: one warning a week, not a failure
    assert len(schedule.warnings) == 4
    assert schedule.warnings[0] == (
        "maximum weekly amount for the week of Sun 1 Aug 2021 (week 34) is not in the rule pack; "
        "DWB not capped — check it"
    )


def test_seed_004_as_json_shows_the_form() -> None:
    # given
    schedule = reimbursement_schedule(
        injury_date=d(2021, 3, 1), piawe=D("1000.00"), pre_injury_hours=D("38"), weeks=_seed_004_weeks()
    )
    # when
    out = schedule.as_json()
    # then
    assert out["rows"][1] == {
        "week_number": 35,
        "start": "2021-08-08",
        "end": "2021-08-14",
        "period": LOW,
        "percent": "0.80",
        "weekly_benefit": "800.00",
        "maximum_applied": False,
        "earnings": "200.00",
        "hours_worked": "10.00",
        "hours_lost": "28.00",
        "reimbursement": "600.00",
    }
    assert out["total_hours_lost"] == "142.00"
    assert out["total_reimbursement"] == "3000.00"
    assert len(out["warnings"]) == 4
    assert out["rules_version"].startswith("NSW-benefits-")
    assert any("seed 004" in c["citation"] for c in out["citations"])


def test_first_period_pays_95_percent_whatever_the_hours() -> None:
    # given: weeks 1–2, the first starting mid-week (Thursday)
    weeks = [
        W(1, d(2021, 3, 4), d(2021, 3, 6), D("0.00"), D("0")),
        W(2, d(2021, 3, 7), d(2021, 3, 13), D("150.00"), D("5")),
    ]
    # when
    schedule = reimbursement_schedule(
        injury_date=d(2021, 3, 3), piawe=D("1234.57"), pre_injury_hours=D("40"), weeks=weeks
    )
    # then: 95% × 1,234.57 = 1,172.8415 → $1,172.84
    assert [r.period for r in schedule.rows] == ["first entitlement period (weeks 1–13)"] * 2
    assert [r.weekly_benefit for r in schedule.rows] == [D("1172.84"), D("1172.84")]
    assert [r.reimbursement for r in schedule.rows] == [D("1172.84"), D("1022.84")]
    assert schedule.total_reimbursement == D("2195.68")
    assert schedule.warnings == (
        "maximum weekly amount for the week of Thu 4 Mar 2021 (week 1) is not in the rule pack; DWB not "
        "capped — check it",
        "week 1 covers 3 days (Thu 4 Mar 2021 – Sat 6 Mar 2021); the DWB shown is the full weekly amount: "
        "the form does not say how a part week is paid — check it",
        "maximum weekly amount for the week of Sun 7 Mar 2021 (week 2) is not in the rule pack; DWB not "
        "capped — check it",
    )


def test_second_period_15_hours_or_more_keeps_95_percent() -> None:
    # given: week 14 with 15 hours worked, week 15 with 14.5
    weeks = [
        W(14, d(2021, 6, 6), d(2021, 6, 12), D("300.00"), D("15")),
        W(15, d(2021, 6, 13), d(2021, 6, 19), D("290.00"), D("14.5")),
    ]
    # when
    schedule = reimbursement_schedule(
        injury_date=d(2021, 3, 1), piawe=D("1000.00"), pre_injury_hours=D("38"), weeks=weeks
    )
    # then
    assert schedule.rows[0].period == "second entitlement period (weeks 14–130), working 15 hours or more"
    assert schedule.rows[0].weekly_benefit == D("950.00")
    assert schedule.rows[0].reimbursement == D("650.00")
    assert schedule.rows[1].period == LOW
    assert schedule.rows[1].weekly_benefit == D("800.00")
    assert schedule.rows[1].reimbursement == D("510.00")
    assert schedule.rows[1].hours_lost == D("23.5")


def test_the_maximum_weekly_amount_caps_the_dwb_when_it_is_held() -> None:
    # given: weeks in October 2024 (maximum $2,523.00), PIAWE $3,000 (95% = $2,850)
    weeks = [
        W(1, d(2024, 10, 6), d(2024, 10, 12), D("0.00"), D("0")),
        W(2, d(2024, 10, 13), d(2024, 10, 19), D("100.00"), D("4")),
    ]
    # when
    schedule = reimbursement_schedule(
        injury_date=d(2024, 10, 5), piawe=D("3000.00"), pre_injury_hours=D("38"), weeks=weeks
    )
    # then
    assert [r.weekly_benefit for r in schedule.rows] == [D("2523.00"), D("2523.00")]
    assert all(r.maximum_applied for r in schedule.rows)
    assert [r.reimbursement for r in schedule.rows] == [D("2523.00"), D("2423.00")]
    assert schedule.warnings == ()
    assert any("2,523.00" in step for step in schedule.explanation.steps)


def test_earnings_above_the_dwb_reimburse_nothing_and_hours_lost_is_not_negative() -> None:
    # given
    weeks = [W(20, d(2021, 7, 18), d(2021, 7, 24), D("900.00"), D("40"))]
    # when
    schedule = reimbursement_schedule(
        injury_date=d(2021, 3, 1), piawe=D("1000.00"), pre_injury_hours=D("38"), weeks=weeks
    )
    # then
    assert schedule.rows[0].weekly_benefit == D("950.00")
    assert schedule.rows[0].reimbursement == D("50.00")
    more = reimbursement_schedule(
        injury_date=d(2021, 3, 1),
        piawe=D("1000.00"),
        pre_injury_hours=D("38"),
        weeks=[W(20, d(2021, 7, 18), d(2021, 7, 24), D("1200.00"), D("40"))],
    )
    assert more.rows[0].reimbursement == D("0.00")
    assert more.rows[0].hours_lost == D("0")


def test_an_injury_before_21_october_2019_is_refused_as_a_missing_figure() -> None:
    # given / when / then
    with pytest.raises(MissingFigure):
        reimbursement_schedule(
            injury_date=d(2019, 10, 1),
            piawe=D("1000.00"),
            pre_injury_hours=D("38"),
            weeks=[W(1, d(2019, 10, 2), d(2019, 10, 8), D("0.00"), D("0"))],
        )


@pytest.mark.parametrize(
    ("weeks", "field", "words"),
    [
        ([], "weeks", "at least one"),
        (
            [W(131, d(2021, 8, 1), d(2021, 8, 7), D("0"), D("0"))],
            "weeks[0].week_number",
            "work capacity decision",
        ),
        ([W(0, d(2021, 8, 1), d(2021, 8, 7), D("0"), D("0"))], "weeks[0].week_number", "1 or more"),
        (
            [
                W(34, d(2021, 8, 1), d(2021, 8, 7), D("0"), D("0")),
                W(36, d(2021, 8, 8), d(2021, 8, 14), D("0"), D("0")),
            ],
            "weeks[1].week_number",
            "must be 35",
        ),
        (
            [
                W(34, d(2021, 8, 1), d(2021, 8, 7), D("0"), D("0")),
                W(35, d(2021, 8, 7), d(2021, 8, 13), D("0"), D("0")),
            ],
            "weeks[1].start",
            "overlaps",
        ),
        (
            [
                W(34, d(2021, 8, 1), d(2021, 8, 7), D("0"), D("0")),
                W(35, d(2021, 8, 8), d(2021, 8, 12), D("0"), D("0")),
                W(36, d(2021, 8, 15), d(2021, 8, 21), D("0"), D("0")),
            ],
            "weeks[1].end",
            "7-day weeks",
        ),
        ([W(34, d(2021, 8, 1), d(2021, 8, 8), D("0"), D("0"))], "weeks[0].end", "at the latest 2021-08-07"),
        ([W(34, d(2021, 8, 7), d(2021, 8, 1), D("0"), D("0"))], "weeks[0].end", "before the start"),
        ([W(34, d(2021, 2, 1), d(2021, 2, 7), D("0"), D("0"))], "weeks[0].start", "injury date"),
        ([W(34, d(2021, 8, 1), d(2021, 8, 7), D("-1"), D("0"))], "weeks[0].earnings", "negative"),
        ([W(34, d(2021, 8, 1), d(2021, 8, 7), D("0"), D("-1"))], "weeks[0].hours_worked", "negative"),
        ([W(34, d(2021, 8, 1), d(2021, 8, 7), D("0"), D("169"))], "weeks[0].hours_worked", "168"),
    ],
)
def test_bad_weeks_name_the_row_and_field(
    weeks: list[ReimbursementWeekInput], field: str, words: str
) -> None:
    # given / when / then
    with pytest.raises(InputError) as err:
        reimbursement_schedule(
            injury_date=d(2021, 3, 1), piawe=D("1000.00"), pre_injury_hours=D("38"), weeks=weeks
        )
    assert err.value.field == field
    assert words in err.value.message


def test_the_last_week_may_end_mid_week() -> None:
    # given: a final week of 3 days
    weeks = [
        W(34, d(2021, 8, 1), d(2021, 8, 7), D("0.00"), D("0")),
        W(35, d(2021, 8, 8), d(2021, 8, 10), D("0.00"), D("0")),
    ]
    # when
    schedule = reimbursement_schedule(
        injury_date=d(2021, 3, 1), piawe=D("1000.00"), pre_injury_hours=D("38"), weeks=weeks
    )
    # then: the form's DWB is a weekly amount; the part week is flagged, not pro-rated
    assert schedule.total_reimbursement == D("1600.00")
    assert any("week 35 covers 3 days" in w for w in schedule.warnings)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(piawe=D("0")), "piawe"),
        (dict(piawe=D("1000.001")), "piawe"),
        (dict(pre_injury_hours=D("-1")), "pre_injury_hours"),
    ],
)
def test_bad_amounts_name_the_argument(kwargs: dict[str, object], field: str) -> None:
    # given
    args: dict[str, object] = dict(
        injury_date=d(2021, 3, 1), piawe=D("1000.00"), pre_injury_hours=D("38"), weeks=_seed_004_weeks()
    )
    args.update(kwargs)
    # when / then
    with pytest.raises(InputError) as err:
        reimbursement_schedule(**args)  # type: ignore[arg-type]
    assert err.value.field == field


cents = st.integers(min_value=0, max_value=400_000).map(lambda c: D(c) / 100)
hours = st.integers(min_value=0, max_value=6_000).map(lambda c: D(c) / 100)


@settings(max_examples=200, deadline=None)
@given(
    piawe=st.integers(min_value=1, max_value=500_000).map(lambda c: D(c) / 100),
    pre=hours,
    first_week=st.integers(min_value=1, max_value=120),
    start=st.dates(min_value=d(2024, 9, 1), max_value=d(2025, 6, 1)),
    rows=st.lists(st.tuples(cents, hours), min_size=1, max_size=10),
)
def test_property_total_is_the_sum_and_each_reimbursement_is_between_zero_and_the_dwb(
    piawe: Decimal,
    pre: Decimal,
    first_week: int,
    start: dt.date,
    rows: list[tuple[Decimal, Decimal]],
) -> None:
    # given: consecutive 7-day weeks, some inside the half-year whose maximum is held
    weeks = [
        W(
            first_week + i,
            start + dt.timedelta(weeks=i),
            start + dt.timedelta(weeks=i, days=6),
            earned,
            worked,
        )
        for i, (earned, worked) in enumerate(rows)
        if first_week + i <= 130
    ]
    # when
    schedule = reimbursement_schedule(
        injury_date=d(2024, 8, 1), piawe=piawe, pre_injury_hours=pre, weeks=weeks
    )
    # then
    assert schedule.total_reimbursement == sum((r.reimbursement for r in schedule.rows), D("0.00"))
    assert schedule.total_earnings == sum((r.earnings for r in schedule.rows), D("0.00"))
    assert schedule.total_hours_lost == sum((r.hours_lost for r in schedule.rows), D("0.00"))
    for row in schedule.rows:
        assert D("0") <= row.reimbursement <= row.weekly_benefit
        assert row.hours_lost >= 0
        assert row.weekly_benefit <= piawe
    assert len(schedule.warnings) == sum(
        1 for r in schedule.rows if not d(2024, 10, 1) <= r.start <= d(2025, 3, 31)
    )
