"""NSW entitlement weeks, step-down dates (s 32A, s 39) and the s 59A medical limit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opencomp.benefits.calculators.nsw_weeks import (
    add_years,
    entitlement_weeks,
    medical_entitlement_end,
    step_downs,
)
from opencomp.benefits.calculators.types import InputError

D = Decimal
d = dt.date
WED = d(2024, 1, 3)  # a Wednesday


def _days(start: dt.date, count: int) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(count)]


# --- entitlement weeks -----------------------------------------------------------------------------------


def test_weeks_run_from_the_first_day_of_incapacity_wednesday_to_tuesday() -> None:
    # given: incapacity from Wednesday 3 January 2024, paid every day for two weeks
    # when
    weeks = entitlement_weeks(WED, _days(WED, 14))
    # then
    assert [(w.number, w.start, w.end, w.projected) for w in weeks] == [
        (1, d(2024, 1, 3), d(2024, 1, 9), False),
        (2, d(2024, 1, 10), d(2024, 1, 16), False),
    ]
    assert weeks[0].start.strftime("%a") == "Wed"
    assert weeks[0].end.strftime("%a") == "Tue"


def test_a_single_paid_day_makes_an_entitlement_week_and_unpaid_weeks_do_not_count() -> None:
    # given: one paid day in week 1 (Tue 9 Jan) and one in the fourth block (Mon 29 Jan)
    # when
    weeks = entitlement_weeks(WED, [d(2024, 1, 29), d(2024, 1, 9)])
    # then: two entitlement weeks, numbered in aggregate
    assert [(w.number, w.start, w.end) for w in weeks] == [
        (1, d(2024, 1, 3), d(2024, 1, 9)),
        (2, d(2024, 1, 24), d(2024, 1, 30)),
    ]


def test_a_paid_day_before_incapacity_is_refused() -> None:
    # given / when / then
    with pytest.raises(InputError) as err:
        entitlement_weeks(WED, [d(2024, 1, 2)])
    assert err.value.field == "paid_days"


# --- step-down dates -------------------------------------------------------------------------------------


def test_continuous_payments_step_down_at_week_14_and_end_after_week_260() -> None:
    # given: incapacity from Wed 3 January 2024, nothing paid yet
    # when
    result = step_downs(injury_date=d(2024, 1, 2), first_incapacity=WED)
    # then: week 14 starts 13 weeks on; week 131 starts 130 weeks on; week 260 ends 260 weeks on less a day
    assert result.weeks_paid == 0
    assert result.as_at == WED
    assert result.second_period_starts == d(2024, 4, 3)
    assert result.after_130_starts == d(2026, 7, 1)
    assert result.s39_ends_after == d(2028, 12, 26)
    assert result.weeks == ()


def test_a_three_week_gap_pushes_the_step_down_three_weeks_later() -> None:
    # given: paid 3 weeks (3–23 Jan), nothing for 3 weeks, then paid 14 Feb – 2 Mar 2024
    paid = _days(WED, 21) + _days(d(2024, 2, 14), 18)
    # when
    result = step_downs(injury_date=d(2024, 1, 2), first_incapacity=WED, paid_days=paid)
    # then: 6 weeks paid as at 2 March; week 14 starts 24 April, not 3 April
    assert result.as_at == d(2024, 3, 2)
    assert result.weeks_paid == 6
    assert [w.start for w in result.weeks] == [
        d(2024, 1, 3), d(2024, 1, 10), d(2024, 1, 17), d(2024, 2, 14), d(2024, 2, 21), d(2024, 2, 28),
    ]  # fmt: skip
    assert result.second_period_starts == d(2024, 4, 24)
    assert result.after_130_starts == d(2026, 7, 22)
    assert result.s39_ends_after == d(2029, 1, 16)
    assert any("3 blocks without a payment" in step for step in result.explanation.steps)


def test_weeks_already_paid_give_their_own_step_down_date() -> None:
    # given: 16 weeks paid, with a 2-week gap after week 10
    paid = _days(WED, 70) + _days(d(2024, 3, 27), 42)
    # when
    result = step_downs(injury_date=WED, first_incapacity=WED, paid_days=paid)
    # then: week 14 is the 4th block after the gap, starting 17 April
    assert result.weeks_paid == 16
    assert result.second_period_starts == d(2024, 4, 17)
    assert result.weeks[13].start == d(2024, 4, 17)


def test_as_at_in_an_unpaid_week_projects_from_that_week() -> None:
    # given: 2 weeks paid; as at Thursday 25 January, in the 4th block, which has no payment yet
    # when
    result = step_downs(injury_date=WED, first_incapacity=WED, paid_days=_days(WED, 14), as_at=d(2024, 1, 25))
    # then: weeks 3… are projected from Wed 24 January; week 14 starts 11 weeks later
    assert result.weeks_paid == 2
    assert result.second_period_starts == d(2024, 4, 10)


def test_paid_days_after_as_at_are_not_counted() -> None:
    # given: 3 weeks paid, as at the end of week 1
    # when
    result = step_downs(injury_date=WED, first_incapacity=WED, paid_days=_days(WED, 21), as_at=d(2024, 1, 9))
    # then
    assert result.weeks_paid == 1
    assert result.second_period_starts == d(2024, 4, 3)
    assert any("are not counted" in step for step in result.explanation.steps)


def test_step_downs_as_json_and_citations() -> None:
    # given
    result = step_downs(injury_date=WED, first_incapacity=WED, paid_days=_days(WED, 7))
    # when
    out = result.as_json()
    # then
    assert out["weeks_paid"] == 1
    assert out["second_period_starts"] == "2024-04-03"
    assert out["weeks"] == [{"number": 1, "start": "2024-01-03", "end": "2024-01-09", "projected": False}]
    assert out["rules_version"].startswith("NSW-benefits-")
    cited = " ".join(c["citation"] for c in out["citations"])
    assert "s 39" in cited
    assert "s 32A" in cited
    assert any("95% to 80%" in step for step in out["explanation"])


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(first_incapacity=d(2024, 1, 1)), "first_incapacity"),
        (dict(as_at=d(2024, 1, 2)), "as_at"),
        (dict(paid_days=[d(2024, 1, 2)]), "paid_days"),
    ],
)
def test_step_downs_bad_input_names_the_argument(kwargs: dict[str, object], field: str) -> None:
    # given
    args: dict[str, object] = dict(injury_date=d(2024, 1, 2), first_incapacity=WED)
    args.update(kwargs)
    # when / then
    with pytest.raises(InputError) as err:
        step_downs(**args)  # type: ignore[arg-type]
    assert err.value.field == field


@settings(max_examples=200, deadline=None)
@given(
    first=st.dates(min_value=d(2013, 1, 1), max_value=d(2030, 12, 31)),
    offsets=st.lists(st.integers(min_value=0, max_value=400), max_size=60),
)
def test_property_weeks_are_distinct_blocks_and_gaps_only_delay(first: dt.date, offsets: list[int]) -> None:
    # given
    paid = [first + dt.timedelta(days=o) for o in offsets]
    # when
    weeks = entitlement_weeks(first, paid)
    result = step_downs(injury_date=first, first_incapacity=first, paid_days=paid)
    # then
    assert len(weeks) == len({o // 7 for o in offsets})
    assert [w.number for w in weeks] == list(range(1, len(weeks) + 1))
    assert all((w.start - first).days % 7 == 0 and (w.end - w.start).days == 6 for w in weeks)
    assert result.second_period_starts >= first + dt.timedelta(weeks=13)
    assert result.after_130_starts >= first + dt.timedelta(weeks=130)
    assert result.s39_ends_after >= first + dt.timedelta(weeks=260, days=-1)
    assert result.second_period_starts < result.after_130_starts < result.s39_ends_after


# --- s 59A medical expenses ----------------------------------------------------------------------------


def test_medical_two_years_from_the_claim_when_no_weekly_payments() -> None:
    # given / when
    limit = medical_entitlement_end(
        injury_date=d(2023, 5, 1), claim_date=d(2023, 5, 10), weekly_payments_ceased=None, wpi=None
    )
    # then
    assert limit.ends_on == d(2025, 5, 10)
    assert "2 years from the claim" in limit.basis
    assert limit.as_json()["ends_on"] == "2025-05-10"
    assert limit.as_json()["wpi"] is None


def test_medical_two_years_from_when_weekly_payments_ceased() -> None:
    # given / when
    limit = medical_entitlement_end(
        injury_date=d(2023, 5, 1),
        claim_date=d(2023, 5, 10),
        weekly_payments_ceased=d(2024, 2, 1),
        wpi=D("10"),
    )
    # then: 10% is "10% or less"
    assert limit.ends_on == d(2026, 2, 1)
    assert "weekly payments ceased" in limit.basis


@pytest.mark.parametrize(
    ("wpi", "ends"), [(D("11"), d(2029, 2, 1)), (D("20"), d(2029, 2, 1)), (D("10.5"), d(2029, 2, 1))]
)
def test_medical_five_years_for_more_than_10_up_to_20_percent(wpi: Decimal, ends: dt.date) -> None:
    # given / when
    limit = medical_entitlement_end(
        injury_date=d(2023, 5, 1), claim_date=d(2023, 5, 10), weekly_payments_ceased=d(2024, 2, 1), wpi=wpi
    )
    # then
    assert limit.ends_on == ends


def test_medical_no_limit_over_20_percent() -> None:
    # given / when
    limit = medical_entitlement_end(
        injury_date=d(2023, 5, 1), claim_date=d(2023, 5, 10), weekly_payments_ceased=None, wpi=D("21")
    )
    # then
    assert limit.ends_on is None
    assert "no time limit" in limit.basis
    assert limit.as_json()["ends_on"] is None


def test_medical_29_february_becomes_28_february_and_says_so() -> None:
    # given / when
    limit = medical_entitlement_end(
        injury_date=d(2024, 2, 1), claim_date=d(2024, 2, 29), weekly_payments_ceased=None, wpi=None
    )
    # then
    assert limit.ends_on == d(2026, 2, 28)
    assert any("28 February is used" in step for step in limit.explanation.steps)
    assert add_years(d(2024, 2, 29), 4) == d(2028, 2, 29)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(claim_date=d(2023, 4, 30)), "claim_date"),
        (dict(weekly_payments_ceased=d(2023, 4, 30)), "weekly_payments_ceased"),
        (dict(wpi=D("101")), "wpi"),
        (dict(wpi=D("-1")), "wpi"),
    ],
)
def test_medical_bad_input_names_the_argument(kwargs: dict[str, object], field: str) -> None:
    # given
    args: dict[str, object] = dict(
        injury_date=d(2023, 5, 1), claim_date=d(2023, 5, 10), weekly_payments_ceased=None, wpi=None
    )
    args.update(kwargs)
    # when / then
    with pytest.raises(InputError) as err:
        medical_entitlement_end(**args)  # type: ignore[arg-type]
    assert err.value.field == field
