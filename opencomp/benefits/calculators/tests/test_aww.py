"""Average weekly wage from wage history: CO monthly/hourly, MN 26 weeks, CT 52 weeks, NSW PIAWE."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opencomp.benefits.calculators.aww import (
    AverageWeeklyWage,
    WageLine,
    average_weekly_wage,
    aww_ct_52_weeks,
    aww_from_hourly,
    aww_from_monthly,
    aww_mn_26_weeks,
    piawe_nsw,
)
from opencomp.benefits.calculators.types import InputError, MissingFigure, exact

D = Decimal
DAY = dt.timedelta(days=1)
WEEK = dt.timedelta(days=7)


def weekly(first: dt.date, count: int, amount: str, **extra: Any) -> list[WageLine]:
    """``count`` consecutive 7-day lines of ``amount`` from ``first``."""
    return [WageLine(first + k * WEEK, first + k * WEEK + 6 * DAY, D(amount), **extra) for k in range(count)]


def field_of(call: Callable[[], object]) -> str:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value.field


# --------------------------------------------------------------------------- Colorado


def test_co_monthly_wage_times_twelve_over_fifty_two() -> None:
    # given a monthly wage of $4,203.07
    # when the monthly method is applied
    result = aww_from_monthly(D("4203.07"), injury_date=dt.date(2023, 9, 1))
    # then 4,203.07 × 12 = 50,436.84; ÷ 52 = 969.939230… → 969.94 (half up)
    assert result.amount == D("969.94")
    assert result.total_earnings == D("50436.84")
    assert result.weeks == D(52)
    assert result.method == "monthly"
    assert result.window_start is None
    assert result.by_employer == ()


def test_co_monthly_gives_the_aww_the_2023_24_maximum_needs() -> None:
    # given the monthly wage 8,406.15 (statutes.md §4.1: AWW $1,939.88 → maximum $1,293.25)
    # when the monthly method is applied
    result = aww_from_monthly(D("8406.15"), injury_date=dt.date(2023, 8, 1))
    # then 8,406.15 × 12 = 100,873.80; ÷ 52 = 1,939.880769… → 1,939.88
    assert result.amount == D("1939.88")
    data = result.as_json()
    assert data["average_weekly_wage"] == "1939.88"
    assert data["total_earnings"] == "100873.80"
    assert data["weeks"] == "52"
    assert data["window"] is None
    assert data["by_employer"] == []
    assert data["rules_version"].startswith("CO-benefits-")
    assert any("8-42-102(2)(a)" in c["citation"] for c in data["citations"])
    assert any(c["grade"] == "D" and "rounded to the cent" in c["citation"] for c in data["citations"])
    assert "$8,406.15 × 12 = $100,873.80" in data["explanation"][0]


def test_co_hourly_rate_times_hours_times_days() -> None:
    # given $24.25 an hour, 8 hours a day, 5 days a week
    # when the hourly method is applied
    result = aww_from_hourly(D("24.25"), D("8"), D("5"), injury_date=dt.date(2024, 3, 1))
    # then 24.25 × 8 × 5 = 970.00
    assert result.amount == D("970.00")
    assert result.weeks == D(1)
    assert result.method == "hourly"
    assert any("8-42-102(2)(d)" in c.citation for c in result.explanation.citations)


def test_co_hourly_rounds_half_up_at_the_end() -> None:
    # given $23.37 an hour, 7.5 hours a day, 5 days a week
    # when the hourly method is applied
    result = aww_from_hourly(D("23.37"), D("7.5"), D("5"), injury_date=dt.date(2024, 3, 1))
    # then 23.37 × 7.5 × 5 = 876.375 → 876.38 (half up, not half even)
    assert result.amount == D("876.38")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((4203.07, D("8"), D("5")), "hourly_rate"),
        ((D("0"), D("8"), D("5")), "hourly_rate"),
        ((D("24.255"), D("8"), D("5")), "hourly_rate"),
        ((D("24.25"), D("0"), D("5")), "hours_per_day"),
        ((D("24.25"), D("24.5"), D("5")), "hours_per_day"),
        ((D("24.25"), 8.0, D("5")), "hours_per_day"),
        ((D("24.25"), D("8"), D("0")), "days_per_week"),
        ((D("24.25"), D("8"), D("7.5")), "days_per_week"),
        ((D("24.25"), D("8"), D("NaN")), "days_per_week"),
    ],
)
def test_co_hourly_bad_inputs_name_the_field(args: tuple[Any, Any, Any], field: str) -> None:
    # given an unusable hourly input
    # when the hourly method is applied
    # then the error names the argument
    assert field_of(lambda: aww_from_hourly(*args, injury_date=dt.date(2024, 3, 1))) == field


def test_co_hourly_full_day_and_full_week_are_allowed() -> None:
    # given the largest allowed hours and days
    result = aww_from_hourly(D("10.00"), D("24"), D("7"), injury_date=dt.date(2024, 3, 1))
    # then 10 × 24 × 7 = 1,680.00
    assert result.amount == D("1680.00")


@pytest.mark.parametrize(
    ("monthly", "field"),
    [
        (4203.07, "monthly_wage"),
        (D("-1.00"), "monthly_wage"),
        (D("0"), "monthly_wage"),
        (D("1.001"), "monthly_wage"),
    ],
)
def test_co_monthly_bad_wage_names_the_field(monthly: Any, field: str) -> None:
    # given an unusable monthly wage (a float, negative, zero, three places)
    # then the error names monthly_wage
    assert field_of(lambda: aww_from_monthly(monthly, injury_date=dt.date(2024, 3, 1))) == field


def test_co_methods_need_a_date() -> None:
    # given a datetime (not a date) as the injury date
    # then injury_date is named
    when = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
    assert field_of(lambda: aww_from_monthly(D("100.00"), injury_date=when)) == "injury_date"


@pytest.mark.parametrize("jurisdiction", ["MN", "CT", "NSW"])
def test_monthly_and_hourly_are_only_sourced_for_colorado(jurisdiction: str) -> None:
    # given a jurisdiction whose pack cites no monthly or hourly method
    # when either is asked for
    with pytest.raises(InputError) as monthly:
        aww_from_monthly(D("4000.00"), injury_date=dt.date(2024, 3, 1), jurisdiction=jurisdiction)
    with pytest.raises(InputError) as hourly:
        aww_from_hourly(
            D("20.00"), D("8"), D("5"), injury_date=dt.date(2024, 3, 1), jurisdiction=jurisdiction
        )
    # then the method is refused, naming what is known
    assert monthly.value.field == "method"
    assert hourly.value.field == "method"
    assert "CO: monthly, hourly" in monthly.value.message


# --------------------------------------------------------------------------- Minnesota

MN_INJURY = dt.date(2024, 7, 1)  # a Monday; the window is Mon 1 Jan 2024 to Sun 30 Jun 2024 (182 days)


def test_mn_twenty_six_weekly_lines_of_1000() -> None:
    # given 26 weekly lines of $1,000.00 filling the 26 weeks before the injury
    lines = weekly(dt.date(2024, 1, 1), 26, "1000.00")
    # when the 26-week method is applied
    result = aww_mn_26_weeks(lines, injury_date=MN_INJURY)
    # then 26,000.00 ÷ 26 = 1,000.00
    assert result.amount == D("1000.00")
    assert result.total_earnings == D("26000.00")
    assert result.weeks == D(26)
    assert (result.window_start, result.window_end) == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    assert result.explanation.citations[0].grade == "S"
    assert "Lines 1 to 26 fall wholly inside the window" in " ".join(result.explanation.steps)


def test_mn_straddling_fortnight_is_pro_rated_and_later_lines_ignored() -> None:
    # given a fortnight (Mon 25 Dec 2023 – Sun 7 Jan 2024) of $2,000.00 half inside the window,
    # 25 weekly lines of $1,000.00 after it, and a week after the injury
    lines = [WageLine(dt.date(2023, 12, 25), dt.date(2024, 1, 7), D("2000.00"))]
    lines += weekly(dt.date(2024, 1, 8), 25, "1000.00")
    lines += weekly(MN_INJURY, 1, "1000.00")
    # when the 26-week method is applied
    result = aww_mn_26_weeks(lines, injury_date=MN_INJURY)
    # then 7/14 × 2,000 = 1,000 + 25 × 1,000 = 26,000 ÷ 26 = 1,000.00
    assert result.amount == D("1000.00")
    steps = result.explanation.steps
    assert (
        "Line 1 (Mon 25 Dec 2023 to Sun 7 Jan 2024, $2,000.00) has 7 of its 14 days in the window: "
        "7/14 × $2,000.00 = $1,000.00 counted." in steps
    )
    assert any(
        s.startswith("Line 27 starts on or after the injury (Mon 1 Jul 2024) and is ignored") for s in steps
    )


def test_mn_pro_rating_is_exact_and_rounded_once() -> None:
    # given a fortnight Fri 22 Dec 2023 – Thu 4 Jan 2024 of $2,100.00 (4 days in the window),
    # 25 weeks of $1,000.00 from Fri 5 Jan 2024, and Fri 28 Jun – Thu 4 Jul 2024 of $1,000.00
    # (3 days before the injury)
    lines = [WageLine(dt.date(2023, 12, 22), dt.date(2024, 1, 4), D("2100.00"))]
    lines += weekly(dt.date(2024, 1, 5), 25, "1000.00")
    lines += weekly(dt.date(2024, 6, 28), 1, "1000.00")
    # when the 26-week method is applied
    result = aww_mn_26_weeks(lines, injury_date=MN_INJURY)
    # then 4/14 × 2,100 = 600 + 25,000 + 3/7 × 1,000 = 182,200/7 = 26,028.571428…;
    # ÷ 26 = 182,200/182 = 1,001.098901… → 1,001.10
    assert result.amount == D("1001.10")
    assert result.total_earnings == D("26028.57")
    assert any(
        "has 3 of its 7 days in the window: 3/7 × $1,000.00 = $428.571428… counted" in s
        for s in result.explanation.steps
    )


def test_mn_lines_before_the_window_are_not_counted() -> None:
    # given 26 weeks of $1,000.00 plus an older week of $5,000.00
    lines = weekly(dt.date(2023, 12, 25), 1, "5000.00") + weekly(dt.date(2024, 1, 1), 26, "1000.00")
    # when the 26-week method is applied
    result = aww_mn_26_weeks(lines, injury_date=MN_INJURY)
    # then the older week is left out: 1,000.00
    assert result.amount == D("1000.00")
    assert "Line 1 ends before the window and is not counted." in result.explanation.steps


def test_mn_mixed_kinds_are_all_gross_wages() -> None:
    # given 26 weeks of $900.00 ordinary and $100.00 overtime
    lines = weekly(dt.date(2024, 1, 1), 26, "900.00") + weekly(
        dt.date(2024, 1, 1), 26, "100.00", kind="overtime"
    )
    # when the 26-week method is applied
    result = aww_mn_26_weeks(lines, injury_date=MN_INJURY)
    # then (23,400 + 2,600) ÷ 26 = 1,000.00, with the kinds shown
    assert result.amount == D("1000.00")
    assert any(
        s.startswith("Earnings by kind: ordinary $23,400.00, overtime $2,600.00")
        for s in result.explanation.steps
    )


def test_mn_no_earnings_in_the_window_is_refused() -> None:
    # given only wages older than the 26 weeks
    lines = weekly(dt.date(2023, 6, 5), 4, "1000.00")
    # when the 26-week method is applied
    with pytest.raises(InputError) as caught:
        aww_mn_26_weeks(lines, injury_date=MN_INJURY)
    # then the lines are named
    assert caught.value.field == "lines"
    assert "no earnings in the 26 weeks before" in caught.value.message


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (WageLine(dt.date(2024, 2, 10), dt.date(2024, 2, 9), D("10.00")), "lines[1].period_end"),
        (WageLine(dt.date(2024, 2, 5), dt.date(2024, 2, 11), 1000.0), "lines[1].amount"),  # type: ignore[arg-type]
        (WageLine(dt.date(2024, 2, 5), dt.date(2024, 2, 11), D("-1.00")), "lines[1].amount"),
        (WageLine(dt.date(2024, 2, 5), dt.date(2024, 2, 11), D("1.005")), "lines[1].amount"),
        (WageLine(dt.date(2024, 2, 5), dt.date(2024, 2, 11), D("1.00"), kind="tips"), "lines[1].kind"),
        (WageLine(dt.date(2024, 2, 5), dt.date(2024, 2, 11), D("1.00"), hours=38.0), "lines[1].hours"),  # type: ignore[arg-type]
        (WageLine("2024-02-05", dt.date(2024, 2, 11), D("1.00")), "lines[1].period_start"),  # type: ignore[arg-type]
    ],
)
def test_bad_lines_name_the_field(line: WageLine, field: str) -> None:
    # given a good line then a bad one
    lines = [*weekly(dt.date(2024, 1, 1), 1, "1000.00"), line]
    # when any wage-history method is applied
    # then the bad line's field is named
    assert field_of(lambda: aww_mn_26_weeks(lines, injury_date=MN_INJURY)) == field
    assert field_of(lambda: aww_ct_52_weeks(lines, injury_date=MN_INJURY)) == field
    assert field_of(lambda: piawe_nsw(lines, injury_date=MN_INJURY)) == field


def test_lines_must_be_wage_lines() -> None:
    # given something that is not a list of wage lines
    # then lines (or the bad element) is named
    assert field_of(lambda: aww_mn_26_weeks("lines", injury_date=MN_INJURY)) == "lines"  # type: ignore[arg-type]
    assert field_of(lambda: aww_mn_26_weeks([{"amount": "1"}], injury_date=MN_INJURY)) == "lines[0]"  # type: ignore[list-item]


# --------------------------------------------------------------------------- Connecticut

CT_INJURY = dt.date(2024, 5, 15)  # a Wednesday, in the week Sun 12 May – Sat 18 May 2024


def test_ct_fifty_two_weeks_all_worked() -> None:
    # given 52 Sunday–Saturday weeks of $1,000.00 before the week of injury
    lines = weekly(dt.date(2023, 5, 14), 52, "1000.00")
    # when the 52-week method is applied
    result = aww_ct_52_weeks(lines, injury_date=CT_INJURY)
    # then 52,000.00 ÷ 52 = 1,000.00
    assert result.amount == D("1000.00")
    assert result.weeks == D(52)
    assert (result.window_start, result.window_end) == (dt.date(2023, 5, 14), dt.date(2024, 5, 11))


def test_ct_mid_week_hire_and_unpaid_fortnight_reduce_the_weeks_employed() -> None:
    # given a hire on Wed 15 Nov 2023 (partial week Wed–Sat paid $480.00), then 25 full weeks from
    # Sun 19 Nov 2023 to Sat 11 May 2024 at $1,200.00 except an unpaid fortnight: the week of
    # Sun 4 Feb 2024 has no line at all and the week of Sun 11 Feb 2024 a $0.00 line; and
    # $720.00 earned Sun 12 – Tue 14 May 2024, in the week of injury
    hire = dt.date(2023, 11, 15)
    lines = [WageLine(hire, dt.date(2023, 11, 18), D("480.00"))]
    lines += weekly(dt.date(2023, 11, 19), 11, "1200.00")  # to Sat 3 Feb 2024
    lines += weekly(dt.date(2024, 2, 11), 1, "0.00")
    lines += weekly(dt.date(2024, 2, 18), 12, "1200.00")  # to Sat 11 May 2024
    lines.append(WageLine(dt.date(2024, 5, 12), dt.date(2024, 5, 14), D("720.00")))
    # when the 52-week method is applied
    result = aww_ct_52_weeks(lines, injury_date=CT_INJURY, hire_date=hire)
    # then 25 full weeks − 2 unpaid = 23 weeks employed; 23 × 1,200 = 27,600 ÷ 23 = 1,200.00
    # (not 27,600 ÷ 52 = 530.77, and the $480.00 partial week and the $720.00 are left out)
    assert result.amount == D("1200.00")
    assert result.weeks == D(23)
    assert result.total_earnings == D("27600.00")
    steps = result.explanation.steps
    assert "Weeks with no earnings, not weeks employed: Sun 4 Feb 2024 to Sat 17 Feb 2024 (2 weeks)." in steps
    assert any(
        "mid-week: that partial first week is not a week employed" in s and "$480.00" in s for s in steps
    )
    assert "Line 26 falls in the week of injury, after the window, and is not counted." in steps
    assert any("Sunday to Saturday" in s for s in steps)
    assumption = [c for c in result.explanation.citations if "Sunday to Saturday" in c.citation]
    assert [c.grade for c in assumption] == ["D"]


def test_ct_sunday_hire_counts_its_first_week() -> None:
    # given a hire on Sun 19 Nov 2023 and 25 weeks of $1,000.00 from then
    lines = weekly(dt.date(2023, 11, 19), 25, "1000.00")
    # when the 52-week method is applied
    result = aww_ct_52_weeks(lines, injury_date=CT_INJURY, hire_date=dt.date(2023, 11, 19))
    # then all 25 weeks count: 25,000 ÷ 25 = 1,000.00
    assert result.amount == D("1000.00")
    assert result.weeks == D(25)


def test_ct_fortnightly_lines_are_spread_over_their_weeks() -> None:
    # given 26 fortnightly lines of $2,500.00 covering the 52 weeks, then one fortnight of $0.00
    # replacing the last paid one
    lines = [
        WageLine(dt.date(2023, 5, 14) + k * 2 * WEEK, dt.date(2023, 5, 27) + k * 2 * WEEK, D("2500.00"))
        for k in range(25)
    ]
    lines.append(WageLine(dt.date(2024, 4, 28), dt.date(2024, 5, 11), D("0.00")))
    # when the 52-week method is applied
    result = aww_ct_52_weeks(lines, injury_date=CT_INJURY)
    # then 25 × 2,500 = 62,500 over the 50 weeks with earnings = 1,250.00
    assert result.amount == D("1250.00")
    assert result.weeks == D(50)


def test_ct_hire_dates_that_leave_no_full_week_are_refused() -> None:
    lines = weekly(dt.date(2024, 5, 5), 1, "1000.00")
    # given a hire after the injury, or in the week before it but mid-week
    # then hire_date is named
    assert (
        field_of(lambda: aww_ct_52_weeks(lines, injury_date=CT_INJURY, hire_date=dt.date(2024, 5, 16)))
        == "hire_date"
    )
    assert (
        field_of(lambda: aww_ct_52_weeks(lines, injury_date=CT_INJURY, hire_date=dt.date(2024, 5, 7)))
        == "hire_date"
    )


def test_ct_no_weeks_employed_is_refused() -> None:
    # given only $0.00 lines
    lines = weekly(dt.date(2024, 4, 28), 2, "0.00")
    # then lines is named
    assert field_of(lambda: aww_ct_52_weeks(lines, injury_date=CT_INJURY)) == "lines"


# --------------------------------------------------------------------------- NSW

NSW_INJURY = dt.date(2024, 7, 1)


def test_nsw_piawe_over_fifty_two_weeks() -> None:
    # given 52 weeks of $1,000.00 before the injury and employment since 2015
    lines = weekly(NSW_INJURY - 52 * WEEK, 52, "1000.00")
    # when PIAWE is calculated
    result = piawe_nsw(lines, injury_date=NSW_INJURY, employment_start=dt.date(2015, 3, 2))
    # then 52,000.00 ÷ 52 = 1,000.00
    assert result.amount == D("1000.00")
    assert result.weeks == D(52)
    assert result.window_start == dt.date(2023, 7, 3)
    assert result.by_employer == (("", D("52000.00")),)


def test_nsw_piawe_concurrent_employers_and_short_employment() -> None:
    # given employment from Mon 22 Apr 2024, 10 weeks (70 days) before the injury on Mon 1 Jul 2024,
    # with Acme paying $2,000.00 a fortnight (5 fortnights) and Beta Cafe $300.00 a week (10 weeks)
    start = dt.date(2024, 4, 22)
    lines = [
        WageLine(start + k * 2 * WEEK, start + k * 2 * WEEK + 13 * DAY, D("2000.00"), employer="Acme Pty Ltd")
        for k in range(5)
    ]
    lines += weekly(start, 10, "300.00", employer="Beta Cafe", kind="shift_allowance")
    # when PIAWE is calculated
    result = piawe_nsw(lines, injury_date=NSW_INJURY, employment_start=start)
    # then weeks = 70/7 = 10; (10,000 + 3,000) ÷ 10 = 1,300.00
    assert result.weeks == D(10)
    assert result.amount == D("1300.00")
    assert result.by_employer == (("Acme Pty Ltd", D("10000.00")), ("Beta Cafe", D("3000.00")))
    data = result.as_json()
    assert data["window"] == {"start": "2024-04-22", "end": "2024-06-30", "days": 70}
    assert data["by_employer"] == [
        {"employer": "Acme Pty Ltd", "earnings": "10000.00"},
        {"employer": "Beta Cafe", "earnings": "3000.00"},
    ]
    assert data["weeks"] == "10"
    assert any(
        "Acme Pty Ltd $10,000.00; Beta Cafe $3,000.00; summed: $13,000.00" in s for s in data["explanation"]
    )
    assert any("GN 5.1A" in c["citation"] for c in data["citations"])


def test_nsw_piawe_short_period_divides_by_exact_days_over_seven() -> None:
    # given employment from Wed 24 Apr 2024: 68 days before the injury, one line of $6,800.00
    start = dt.date(2024, 4, 24)
    lines = [WageLine(start, NSW_INJURY - DAY, D("6800.00"))]
    # when PIAWE is calculated
    result = piawe_nsw(lines, injury_date=NSW_INJURY, employment_start=start)
    # then weeks = 68/7 exactly; 6,800 ÷ 68/7 = 6,800 × 7 ÷ 68 = 700.00
    assert result.weeks == exact(Fraction(68, 7))
    assert result.amount == D("700.00")


def test_nsw_injury_before_21_october_2019_is_refused() -> None:
    lines = weekly(dt.date(2019, 1, 7), 20, "1000.00")
    # given an injury on 20 Oct 2019 (s 44C PIAWE, not implemented)
    # when PIAWE is calculated
    with pytest.raises(MissingFigure) as caught:
        piawe_nsw(lines, injury_date=dt.date(2019, 10, 20))
    # then the missing figure is named
    assert caught.value.name == "piawe_relevant_weeks"
    # and the next day is computed
    assert piawe_nsw(lines, injury_date=dt.date(2019, 10, 21)).weeks == D(52)


def test_nsw_employment_start_must_be_before_the_injury() -> None:
    lines = weekly(dt.date(2024, 6, 3), 4, "1000.00")
    # given employment starting on the day of injury
    # then employment_start is named
    assert (
        field_of(lambda: piawe_nsw(lines, injury_date=NSW_INJURY, employment_start=NSW_INJURY))
        == "employment_start"
    )


# --------------------------------------------------------------------------- dispatcher


def test_dispatcher_routes_each_method() -> None:
    lines = weekly(dt.date(2024, 1, 1), 26, "1000.00")
    # given each jurisdiction and method
    # when dispatched
    monthly = average_weekly_wage("CO", "monthly", monthly_wage=D("8406.15"), injury_date=dt.date(2023, 8, 1))
    hourly = average_weekly_wage(
        "CO",
        "hourly",
        hourly_rate=D("24.25"),
        hours_per_day=D("8"),
        days_per_week=D("5"),
        injury_date=dt.date(2024, 3, 1),
    )
    mn = average_weekly_wage("MN", "26_weeks", lines=lines, injury_date=MN_INJURY)
    ct = average_weekly_wage("CT", "52_weeks", lines=lines, injury_date=MN_INJURY, hire_date=None)
    nsw = average_weekly_wage(
        "NSW", "piawe", lines=lines, injury_date=MN_INJURY, employment_start=dt.date(2024, 1, 1)
    )
    # then each gives its method's result
    assert (monthly.amount, hourly.amount, mn.amount, nsw.amount) == (
        D("1939.88"),
        D("970.00"),
        D("1000.00"),
        D("1000.00"),
    )
    assert ct.weeks == D(26)
    assert [r.method for r in (monthly, hourly, mn, ct, nsw)] == [
        "monthly",
        "hourly",
        "26_weeks",
        "52_weeks",
        "piawe",
    ]


def test_dispatcher_unknown_method_lists_the_known_ones() -> None:
    # given a method MN does not have
    with pytest.raises(InputError) as caught:
        average_weekly_wage("MN", "monthly", monthly_wage=D("1.00"), injury_date=MN_INJURY)
    # then method is named with the known methods
    assert caught.value.field == "method"
    assert "known for CO: monthly, hourly; MN: 26_weeks; CT: 52_weeks; NSW: piawe" in caught.value.message


def test_dispatcher_names_unknown_jurisdiction_and_inputs() -> None:
    # given an unknown jurisdiction, an unknown input, a missing input
    # then each is named
    assert field_of(lambda: average_weekly_wage("XX", "monthly")) == "jurisdiction"
    assert (
        field_of(
            lambda: average_weekly_wage(
                "CO", "monthly", monthly_wage=D("1.00"), injury_date=MN_INJURY, hours=D("8")
            )
        )
        == "hours"
    )
    assert field_of(lambda: average_weekly_wage("CO", "monthly", monthly_wage=D("1.00"))) == "injury_date"


# --------------------------------------------------------------------------- properties

PROPERTY_INJURY = dt.date(2024, 7, 1)

cents = st.integers(min_value=0, max_value=500_000).map(lambda c: D(c).scaleb(-2))
positive_cents = st.integers(min_value=1, max_value=500_000).map(lambda c: D(c).scaleb(-2))


@st.composite
def wage_lines(draw: st.DrawFn, amounts: st.SearchStrategy[Decimal] = cents) -> list[WageLine]:
    """Lines from about 60 weeks before the injury to just after it, plus one inside every window."""
    lines = [
        WageLine(
            PROPERTY_INJURY - 5 * DAY, PROPERTY_INJURY - 3 * DAY, draw(positive_cents), employer="anchor"
        )
    ]
    for _ in range(draw(st.integers(min_value=0, max_value=10))):
        start = PROPERTY_INJURY + draw(st.integers(min_value=-420, max_value=5)) * DAY
        length = draw(st.integers(min_value=1, max_value=31))
        employer = draw(st.sampled_from(["", "A", "B"]))
        lines.append(WageLine(start, start + (length - 1) * DAY, draw(amounts), employer=employer))
    return lines


CALCULATORS: dict[str, Callable[[list[WageLine]], AverageWeeklyWage]] = {
    "MN": lambda lines: aww_mn_26_weeks(lines, injury_date=PROPERTY_INJURY),
    "CT": lambda lines: aww_ct_52_weeks(lines, injury_date=PROPERTY_INJURY),
    "NSW": lambda lines: piawe_nsw(lines, injury_date=PROPERTY_INJURY),
    "NSW short": lambda lines: piawe_nsw(
        lines, injury_date=PROPERTY_INJURY, employment_start=PROPERTY_INJURY - 45 * DAY
    ),
}


def raised(lines: list[WageLine], by: list[Decimal]) -> list[WageLine]:
    return [
        WageLine(
            line.period_start, line.period_end, line.amount + extra, line.kind, line.hours, line.employer
        )
        for line, extra in zip(lines, by, strict=False)
    ]


@pytest.mark.parametrize("name", sorted(CALCULATORS))
@given(lines=wage_lines())
def test_property_aww_is_never_negative(name: str, lines: list[WageLine]) -> None:
    # given any wage history with something earned in the window
    # then the average weekly wage is not negative and is in cents
    result = CALCULATORS[name](lines)
    assert result.amount >= 0
    assert result.amount == result.amount.quantize(D("0.01"))


@pytest.mark.parametrize("name", sorted(CALCULATORS))
@given(lines=wage_lines(positive_cents), extra=st.lists(cents, min_size=11, max_size=11))
def test_property_raising_every_line_never_lowers_the_aww(
    name: str, lines: list[WageLine], extra: list[Decimal]
) -> None:
    # given any wage history (amounts above zero, so CT's weeks employed stay the same)
    # when every line is raised by zero or more
    before = CALCULATORS[name](lines)
    after = CALCULATORS[name](raised(lines, extra))
    # then the average weekly wage does not fall
    assert after.amount >= before.amount


@pytest.mark.parametrize("name", sorted(CALCULATORS))
@given(lines=wage_lines())
def test_property_doubling_every_amount_doubles_the_aww(name: str, lines: list[WageLine]) -> None:
    # given any wage history
    # when every amount is doubled
    single = CALCULATORS[name](lines)
    double = CALCULATORS[name](raised(lines, [line.amount for line in lines]))
    # then the average doubles, within the one cent of rounding
    assert abs(double.amount - 2 * single.amount) <= D("0.01")
    assert double.weeks == single.weeks


@given(monthly=positive_cents)
def test_property_monthly_is_monthly_times_twelve_over_fifty_two(monthly: Decimal) -> None:
    # given any monthly wage
    result = aww_from_monthly(monthly, injury_date=dt.date(2024, 3, 1))
    # then the AWW is monthly × 12 ÷ 52, rounded to the cent, half up
    assert result.amount == (monthly * 12 / 52).quantize(D("0.01"), rounding=ROUND_HALF_UP)
