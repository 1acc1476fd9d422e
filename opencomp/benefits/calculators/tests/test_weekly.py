"""Weekly rates: exact values, refusals naming the argument, and Hypothesis properties."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opencomp.benefits.calculators.types import InputError, MissingFigure
from opencomp.benefits.calculators.weekly import index_piawe, review_dates, weekly_benefit

money = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("20000.00"), places=2)
positive = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("20000.00"), places=2)

#: Injury dates inside a sourced maximum period, per jurisdiction.
INJURY = {
    "CO": st.sampled_from(
        [dt.date(2013, 10, 1), dt.date(2016, 1, 15), dt.date(2023, 9, 1), dt.date(2025, 8, 1)]
    ),
    "MN": st.sampled_from(
        [dt.date(2001, 3, 1), dt.date(2017, 12, 1), dt.date(2022, 11, 1), dt.date(2024, 12, 1)]
    ),
    "CT": st.sampled_from(
        [dt.date(2001, 12, 1), dt.date(2010, 11, 1), dt.date(2021, 11, 1), dt.date(2024, 10, 15)]
    ),
}


def test_co_cli_example_explains_and_cites():
    # when
    result = weekly_benefit("CO", "TTD", injury_date=dt.date(2023, 9, 1), aww=Decimal("1939.88"))
    # then
    assert result.weekly_amount == Decimal("1293.25")
    data = result.as_json()
    assert data["weekly_amount"] == "1293.25"
    assert any("1,939.88 × 2/3" in step for step in data["explanation"])
    assert any("8-42-105" in c["citation"] for c in data["citations"])
    assert data["rules_version"].startswith("CO-benefits-2026.11.1+")


def test_unknown_benefit_names_the_argument():
    with pytest.raises(InputError) as caught:
        weekly_benefit("CO", "PPD", injury_date=dt.date(2023, 9, 1), aww=Decimal("1000.00"))
    assert caught.value.field == "benefit"


def test_missing_aww_names_the_argument():
    with pytest.raises(InputError) as caught:
        weekly_benefit("MN", "TTD", injury_date=dt.date(2024, 12, 1))
    assert caught.value.field == "aww"


def test_aww_with_three_decimals_is_refused():
    with pytest.raises(InputError) as caught:
        weekly_benefit("MN", "TTD", injury_date=dt.date(2024, 12, 1), aww=Decimal("1000.005"))
    assert caught.value.field == "aww"


def test_unknown_jurisdiction_names_the_argument():
    with pytest.raises(InputError) as caught:
        weekly_benefit("TX", "TTD", injury_date=dt.date(2024, 12, 1), aww=Decimal("1000.00"))
    assert caught.value.field == "jurisdiction"


def test_ct_below_minimum_without_gross_aww_asks_for_it():
    with pytest.raises(InputError) as caught:
        weekly_benefit("CT", "TTD", injury_date=dt.date(2024, 10, 15), after_tax_aww=Decimal("200.00"))
    assert caught.value.field == "aww"


def test_missing_maximum_message_names_the_figure_and_what_is_held():
    with pytest.raises(MissingFigure) as caught:
        weekly_benefit("MN", "TTD", injury_date=dt.date(2020, 1, 1), aww=Decimal("1000.00"))
    message = str(caught.value)
    assert "maximum weekly compensation rate" in message
    assert "2020-01-01" in message
    assert "2024-10-01 to 2025-09-30" in message


def test_nsw_weeks_after_130_need_a_continuation_decision():
    # given: week 140, no capacity, no decision
    result = weekly_benefit(
        "NSW",
        "weekly",
        injury_date=dt.date(2019, 11, 1),
        piawe=Decimal("1500.00"),
        entitlement_week=140,
        week_start=dt.date(2024, 11, 4),
    )
    # then
    assert result.weekly_amount == Decimal("0.00")
    assert "work capacity decision" in " ".join(result.explanation.steps)


def test_nsw_wpi_over_20_keeps_payments_after_260_weeks():
    # given: injury 2019-11-01, PIAWE indexed to 1,600 by Oct 2022 is not needed — PIAWE given as at the week
    result = weekly_benefit(
        "NSW",
        "weekly",
        injury_date=dt.date(2019, 11, 1),
        piawe=Decimal("1500.00"),
        piawe_as_at=dt.date(2024, 10, 28),
        entitlement_week=270,
        week_start=dt.date(2024, 10, 28),
        wpi=Decimal("25"),
    )
    # then: 80% × 1500.00
    assert result.weekly_amount == Decimal("1200.00")


def test_nsw_hours_are_needed_from_week_14_with_capacity():
    with pytest.raises(InputError) as caught:
        weekly_benefit(
            "NSW",
            "weekly",
            injury_date=dt.date(2024, 10, 14),
            piawe=Decimal("1500.00"),
            entitlement_week=14,
            current_earnings=Decimal("100.00"),
        )
    assert caught.value.field == "hours_worked"


def test_nsw_indexation_applies_each_review_date_and_never_reduces():
    # when
    result = index_piawe(
        Decimal("900.00"),
        injury_date=dt.date(2019, 11, 1),
        as_at=dt.date(2019, 11, 1),
        to_date=dt.date(2020, 4, 1),
    )
    # then: 900.00 × 290.9 / 287.2 = 911.5947… → 912.00 (under $1,000: nearest dollar)
    assert result.indexed == Decimal("912.00")
    assert [r[0] for r in result.reviews] == [dt.date(2020, 4, 1)]


def test_nsw_indexation_across_a_missing_index_is_refused():
    with pytest.raises(MissingFigure) as caught:
        index_piawe(
            Decimal("900.00"),
            injury_date=dt.date(2019, 11, 1),
            as_at=dt.date(2019, 11, 1),
            to_date=dt.date(2023, 4, 1),
        )
    assert "2023-04-01" in str(caught.value)


def test_nsw_indexation_uses_the_2013_order_factors():
    # 1000.00 × 1.0179 = 1017.90 → 1020.00 (nearest $10); × 1.0078 = 1027.956 → 1030.00
    result = index_piawe(
        Decimal("1000.00"),
        injury_date=dt.date(2013, 1, 1),
        as_at=dt.date(2013, 1, 1),
        to_date=dt.date(2013, 12, 31),
    )
    assert result.indexed == Decimal("1030.00")


def test_review_dates_are_april_and_october_after_the_start():
    assert review_dates(dt.date(2020, 4, 1), dt.date(2021, 4, 1)) == [
        dt.date(2020, 10, 1),
        dt.date(2021, 4, 1),
    ]


@settings(max_examples=150, deadline=None)
@given(jurisdiction=st.sampled_from(["CO", "MN"]), data=st.data(), aww=money)
def test_two_thirds_rate_within_maximum_and_floor(jurisdiction, data, aww):
    injury = data.draw(INJURY[jurisdiction])
    result = weekly_benefit(jurisdiction, "TTD", injury_date=injury, aww=aww)
    assert result.maximum is not None
    assert Decimal("0.00") <= result.weekly_amount <= result.maximum
    if result.minimum is not None:
        assert result.weekly_amount >= min(result.minimum, aww)


@settings(max_examples=150, deadline=None)
@given(jurisdiction=st.sampled_from(["CO", "MN"]), data=st.data(), aww=money, rise=positive)
def test_rate_never_decreases_when_the_wage_rises(jurisdiction, data, aww, rise):
    injury = data.draw(INJURY[jurisdiction])
    lower = weekly_benefit(jurisdiction, "TTD", injury_date=injury, aww=aww)
    higher = weekly_benefit(jurisdiction, "TTD", injury_date=injury, aww=aww + rise)
    assert higher.weekly_amount >= lower.weekly_amount


@settings(max_examples=100, deadline=None)
@given(jurisdiction=st.sampled_from(["CO", "MN"]), data=st.data(), aww=money, current=money)
def test_tpd_never_negative_nor_above_ttd(jurisdiction, data, aww, current):
    injury = data.draw(INJURY[jurisdiction])
    tpd = weekly_benefit(jurisdiction, "TPD", injury_date=injury, aww=aww, current_earnings=current)
    assert tpd.maximum is not None
    assert Decimal("0.00") <= tpd.weekly_amount <= tpd.maximum


@settings(max_examples=150, deadline=None)
@given(data=st.data(), after_tax=money, gross_extra=money)
def test_ct_rate_within_maximum_and_minimum(data, after_tax, gross_extra):
    injury = data.draw(INJURY["CT"])
    gross = after_tax + gross_extra
    result = weekly_benefit("CT", "TTD", injury_date=injury, after_tax_aww=after_tax, aww=gross)
    assert result.maximum is not None
    assert result.minimum is not None
    assert Decimal("0.00") <= result.weekly_amount <= result.maximum
    cap = (gross * Decimal("0.75")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert result.weekly_amount >= min(result.minimum, cap)


@settings(max_examples=150, deadline=None)
@given(
    piawe=money,
    rise=positive,
    week=st.integers(min_value=1, max_value=130),
    earnings=st.one_of(st.none(), money),
    hours=st.decimals(min_value=Decimal("0"), max_value=Decimal("60"), places=1),
)
def test_nsw_weekly_within_maximum_and_monotone_in_piawe(piawe, rise, week, earnings, hours):
    kwargs = dict(
        injury_date=dt.date(2024, 10, 1),
        entitlement_week=week,
        week_start=dt.date(2024, 10, 14),
        current_earnings=earnings,
        hours_worked=None if earnings is None else hours,
    )
    lower = weekly_benefit("NSW", "weekly", piawe=piawe, **kwargs)
    higher = weekly_benefit("NSW", "weekly", piawe=piawe + rise, **kwargs)
    assert lower.maximum == Decimal("2523.00")
    assert Decimal("0.00") <= lower.weekly_amount <= lower.maximum
    assert higher.weekly_amount >= lower.weekly_amount
