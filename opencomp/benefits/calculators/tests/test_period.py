"""Disability periods (MN, CO) and Denver salary continuation: days, waiting periods and amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opencomp.benefits.calculators.period import (
    DisabilityPeriod,
    _allocate,
    disability_period,
    salary_continuation,
)
from opencomp.benefits.calculators.types import InputError

D = Decimal
d = dt.date


def _kinds(period: DisabilityPeriod) -> dict[str, str]:
    return {line.day.isoformat(): line.kind for line in period.days}


# --- Minnesota: DLI waiting-period examples (employee works Monday to Friday) ---------------------


def test_mn_dli_example_1_three_days_off_is_the_waiting_period_only() -> None:
    # given: first day of disability Friday 4 March 2005, back at work Monday 7 March
    # when
    period = disability_period(
        "MN", weekly_rate=D("500.00"), first_day=d(2005, 3, 4), return_to_work=d(2005, 3, 7)
    )
    # then: 4–6 March are the waiting period and nothing is owed
    assert period.waiting_days == (d(2005, 3, 4), d(2005, 3, 5), d(2005, 3, 6))
    assert period.waiting_paid_back is False
    assert period.compensable_days == ()
    assert period.amount == D("0.00")
    assert [line.kind for line in period.days] == ["waiting", "waiting", "waiting"]


def test_mn_dli_example_2_monday_and_tuesday_are_owed() -> None:
    # given: first day Friday 4 March 2005, back Wednesday 9 March; $500 a week
    # when
    period = disability_period(
        "MN", weekly_rate=D("500.00"), first_day=d(2005, 3, 4), return_to_work=d(2005, 3, 9)
    )
    # then: waiting 4–6 March, compensable 7 and 8 March at 0.2 week each
    assert period.waiting_days == (d(2005, 3, 4), d(2005, 3, 5), d(2005, 3, 6))
    assert period.waiting_paid_back is False
    assert period.compensable_days == (d(2005, 3, 7), d(2005, 3, 8))
    assert period.amount == D("200.00")
    assert [(line.kind, line.amount) for line in period.days[3:]] == [
        ("compensable", D("100.00")),
        ("compensable", D("100.00")),
    ]
    assert period.days[3].fraction == Fraction(1, 5)


def test_mn_dli_example_3_ten_days_or_more_pays_from_the_first_day() -> None:
    # given: first day Tuesday 1 March 2005, back Tuesday 15 March
    # when
    period = disability_period(
        "MN", weekly_rate=D("500.00"), first_day=d(2005, 3, 1), return_to_work=d(2005, 3, 15)
    )
    # then: the whole period is owed: 10 workdays = 2 weeks
    assert period.waiting_paid_back is True
    assert period.waiting_days == (d(2005, 3, 1), d(2005, 3, 2), d(2005, 3, 3))
    assert period.compensable_days == (
        d(2005, 3, 1), d(2005, 3, 2), d(2005, 3, 3), d(2005, 3, 4),
        d(2005, 3, 7), d(2005, 3, 8), d(2005, 3, 9), d(2005, 3, 10), d(2005, 3, 11),
        d(2005, 3, 14),
    )  # fmt: skip
    assert period.amount == D("1000.00")
    kinds = _kinds(period)
    assert kinds["2005-03-01"] == "waiting_paid_back"
    assert kinds["2005-03-04"] == "compensable"
    assert kinds["2005-03-05"] == "non_workday"
    assert sum(line.amount for line in period.days) == period.amount


def test_mn_payback_turns_on_the_tenth_calendar_day() -> None:
    # given: disability Tue 1 – Wed 9 March 2005 (9 days) and Tue 1 – Thu 10 March (10 days)
    # when
    nine = disability_period(
        "MN", weekly_rate=D("500.00"), first_day=d(2005, 3, 1), return_to_work=d(2005, 3, 10)
    )
    ten = disability_period(
        "MN", weekly_rate=D("500.00"), first_day=d(2005, 3, 1), return_to_work=d(2005, 3, 11)
    )
    # then: 9 days keeps the waiting period (Fri 4, Mon 7 – Wed 9 paid), 10 days pays it back
    assert nine.waiting_paid_back is False
    assert nine.amount == D("400.00")
    assert ten.waiting_paid_back is True
    assert ten.amount == D("800.00")


def test_mn_four_day_week_pays_a_quarter_week_a_day() -> None:
    # given: an employee who works Monday to Thursday, $600 a week, off Mon 7 – Sun 20 March 2005
    # when
    period = disability_period(
        "MN",
        weekly_rate=D("600.00"),
        first_day=d(2005, 3, 7),
        return_to_work=d(2005, 3, 21),
        work_days=[1, 2, 3, 4],
    )
    # then: days_per_week is taken from the work days; 8 workdays at 0.25 week
    assert period.days_per_week == 4
    assert period.compensable_days[0] == d(2005, 3, 7)
    assert len(period.compensable_days) == 8
    assert period.amount == D("1200.00")
    assert _kinds(period)["2005-03-11"] == "non_workday"


def test_mn_three_day_week_shares_a_rounded_week_by_largest_remainder() -> None:
    # given: Mon/Wed/Fri, $100.00 a week (33.333… a day); off Mon 7 – Wed 16 March 2005 (10 days)
    # when
    short = disability_period(
        "MN", weekly_rate=D("100.00"), first_day=d(2005, 3, 7), return_to_work=d(2005, 3, 17),
        days_per_week=3, work_days=[1, 3, 5],
    )  # fmt: skip
    # then: 10 days: paid back; week 1 (Mon 7 – Sun 13) = 3 days = $100.00 exactly; week 2 (Mon 14 – Wed 16)
    # has Mon 14 and Wed 16: 2 × 33.333… = $66.67, shared 33.34 + 33.33
    assert short.waiting_paid_back is True
    amounts = {line.day: line.amount for line in short.days if line.amount}
    assert amounts == {
        d(2005, 3, 7): D("33.34"),
        d(2005, 3, 9): D("33.33"),
        d(2005, 3, 11): D("33.33"),
        d(2005, 3, 14): D("33.34"),
        d(2005, 3, 16): D("33.33"),
    }
    assert short.amount == D("166.67")


def test_mn_injury_date_keys_the_figures_and_defaults_to_the_first_day() -> None:
    # given / when
    period = disability_period(
        "MN",
        weekly_rate=D("500.00"),
        first_day=d(2005, 3, 4),
        return_to_work=d(2005, 3, 9),
        injury_date=d(2005, 3, 1),
    )
    # then
    assert period.amount == D("200.00")
    cited = [c.citation for c in period.explanation.citations]
    assert any("176.121" in c for c in cited)
    assert any("five-day week" in c for c in cited)


def test_mn_as_json_is_json_ready() -> None:
    # given
    period = disability_period(
        "MN", weekly_rate=D("500.00"), first_day=d(2005, 3, 4), return_to_work=d(2005, 3, 9)
    )
    # when
    out = period.as_json()
    # then
    assert out["amount"] == "200.00"
    assert out["waiting_days"] == ["2005-03-04", "2005-03-05", "2005-03-06"]
    assert out["compensable_days"] == ["2005-03-07", "2005-03-08"]
    assert out["days"][3] == {
        "day": "2005-03-07",
        "kind": "compensable",
        "fraction": "1/5",
        "amount": "100.00",
    }
    assert out["rules_version"].startswith("MN-benefits-")
    assert out["explanation"]
    assert out["citations"]


# --- Minnesota: a continuing disability paid in instalments -----------------------------------------


def _paid(period: DisabilityPeriod) -> list[tuple[str, str, Decimal]]:
    return [(line.day.isoformat(), line.kind, line.amount) for line in period.days if line.amount]


def test_mn_instalments_pay_the_waiting_days_back_when_the_disability_reaches_the_tenth_day() -> None:
    # given: DLI example 3 (Tue 1 March 2005, back Tue 15 March, $500 a week, Mon–Fri) paid in two
    # instalments: Tue 1 – Mon 7 March, then Tue 8 – Mon 14 March
    # when
    first = disability_period(
        "MN", weekly_rate=D("500.00"), first_day=d(2005, 3, 1), return_to_work=d(2005, 3, 8)
    )
    second = disability_period(
        "MN",
        weekly_rate=D("500.00"),
        first_day=d(2005, 3, 8),
        return_to_work=d(2005, 3, 15),
        disability_start=d(2005, 3, 1),
    )
    # then: the first is 7 days, short of the 10th: 1–3 March unpaid, Fri 4 and Mon 7 paid
    assert first.waiting_paid_back is False
    assert first.disability_start == d(2005, 3, 1)
    assert _paid(first) == [
        ("2005-03-04", "compensable", D("100.00")),
        ("2005-03-07", "compensable", D("100.00")),
    ]
    assert first.amount == D("200.00")
    # and the second reaches the 10th calendar day (Thu 10 March): 8–11 and 14 March, plus the waiting
    # workdays Tue 1 – Thu 3 March paid back
    assert second.waiting_paid_back is True
    assert second.waiting_days == (d(2005, 3, 1), d(2005, 3, 2), d(2005, 3, 3))
    assert _paid(second) == [
        ("2005-03-01", "waiting_paid_back", D("100.00")),
        ("2005-03-02", "waiting_paid_back", D("100.00")),
        ("2005-03-03", "waiting_paid_back", D("100.00")),
        ("2005-03-08", "compensable", D("100.00")),
        ("2005-03-09", "compensable", D("100.00")),
        ("2005-03-10", "compensable", D("100.00")),
        ("2005-03-11", "compensable", D("100.00")),
        ("2005-03-14", "compensable", D("100.00")),
    ]
    assert second.amount == D("800.00")
    assert len(second.compensable_days) == 8
    # and together they pay what the single period of DLI example 3 pays
    whole = disability_period(
        "MN", weekly_rate=D("500.00"), first_day=d(2005, 3, 1), return_to_work=d(2005, 3, 15)
    )
    assert first.amount + second.amount == whole.amount == D("1000.00")
    assert any("continues a disability that began on Tue 1 Mar 2005" in s for s in second.explanation.steps)
    assert any("paid back in this one" in s for s in second.explanation.steps)


def test_mn_a_third_instalment_after_the_payback_does_not_pay_the_waiting_days_again() -> None:
    # given: the disability of 1 March 2005 continues Tue 15 – Mon 21 March; the second instalment
    # already paid the waiting period back
    # when
    third = disability_period(
        "MN",
        weekly_rate=D("500.00"),
        first_day=d(2005, 3, 15),
        return_to_work=d(2005, 3, 22),
        disability_start=d(2005, 3, 1),
        waiting_settled=True,
    )
    # then: its five workdays only, a full week of the disability (week 3)
    assert third.waiting_paid_back is True
    assert third.waiting_settled is True
    assert [line.kind for line in third.days].count("waiting_paid_back") == 0
    assert third.days[0].day == d(2005, 3, 15)
    assert third.amount == D("500.00")
    assert any("Week 3 (Tue 15 Mar 2005" in s for s in third.explanation.steps)
    assert any("not paid again" in s for s in third.explanation.steps)
    out = third.as_json()
    assert (out["disability_start"], out["waiting_settled"]) == ("2005-03-01", True)


def test_mn_an_instalment_short_of_the_tenth_day_keeps_the_earlier_waiting_days_unpaid() -> None:
    # given: the disability of Tue 1 March 2005 continues Tue 8 – Wed 9 March (9 days in all)
    # when
    second = disability_period(
        "MN",
        weekly_rate=D("500.00"),
        first_day=d(2005, 3, 8),
        return_to_work=d(2005, 3, 10),
        disability_start=d(2005, 3, 1),
    )
    # then: nothing paid back; Tue 8 and Wed 9 are paid
    assert second.waiting_paid_back is False
    assert _paid(second) == [
        ("2005-03-08", "compensable", D("100.00")),
        ("2005-03-09", "compensable", D("100.00")),
    ]


def test_mn_a_waiting_day_inside_a_later_instalment_is_waiting_there() -> None:
    # given: the disability starts Tue 1 March 2005 with a 2-day instalment; the next runs Thu 3 – Mon 7
    # when
    second = disability_period(
        "MN",
        weekly_rate=D("500.00"),
        first_day=d(2005, 3, 3),
        return_to_work=d(2005, 3, 8),
        disability_start=d(2005, 3, 1),
    )
    # then: Thu 3 March is the third waiting day; Fri 4 and Mon 7 are paid
    assert second.days[0].kind == "waiting"
    assert second.amount == D("200.00")


def test_mn_waiting_days_before_the_period_on_nonscheduled_days_are_not_paid_back() -> None:
    # given: a Mon–Fri worker disabled from Sat 5 March 2005 (Sat 5 – Sun 6 a first instalment), the
    # second instalment Mon 7 – Tue 15 March reaching the 10th day (Mon 14 March)
    # when
    second = disability_period(
        "MN",
        weekly_rate=D("500.00"),
        first_day=d(2005, 3, 7),
        return_to_work=d(2005, 3, 16),
        disability_start=d(2005, 3, 5),
    )
    # then: the waiting days are Sat 5 – Mon 7; only Mon 7 (in this period) is a workday, paid back
    assert second.waiting_days == (d(2005, 3, 5), d(2005, 3, 6), d(2005, 3, 7))
    assert second.days[0].day == d(2005, 3, 7)
    assert second.days[0].kind == "waiting_paid_back"
    assert second.amount == D("700.00")  # Mon 7 – Fri 11, Mon 14, Tue 15
    assert any("fall on nonscheduled days: nothing to pay back" in s for s in second.explanation.steps)


# --- Colorado: calendar days, weekly rate ÷ 7 --------------------------------------------------------


def test_co_fourteen_days_keeps_the_waiting_period() -> None:
    # given: $1,000 a week, off Mon 4 – Sun 17 March 2024 (14 days)
    # when
    period = disability_period(
        "CO", weekly_rate=D("1000.00"), first_day=d(2024, 3, 4), return_to_work=d(2024, 3, 18)
    )
    # then: 4–6 March unpaid; 7–10 March = 4/7 week = 571.428… → $571.43; 11–17 March = $1,000.00
    assert period.days_per_week == 7
    assert period.waiting_paid_back is False
    assert period.waiting_days == (d(2024, 3, 4), d(2024, 3, 5), d(2024, 3, 6))
    assert period.amount == D("1571.43")
    assert [line.amount for line in period.days[3:7]] == [D("142.86"), D("142.86"), D("142.86"), D("142.85")]
    assert sum(line.amount for line in period.days[7:]) == D("1000.00")


def test_co_longer_than_two_weeks_pays_the_waiting_period_back() -> None:
    # given: off Mon 4 – Mon 18 March 2024 (15 days)
    # when
    period = disability_period(
        "CO", weekly_rate=D("1000.00"), first_day=d(2024, 3, 4), return_to_work=d(2024, 3, 19)
    )
    # then: two full weeks and one day (142.857… → $142.86)
    assert period.waiting_paid_back is True
    assert period.days[0].kind == "waiting_paid_back"
    assert period.amount == D("2142.86")
    assert len(period.compensable_days) == 15


def test_co_refuses_a_five_day_week() -> None:
    # given / when / then
    with pytest.raises(InputError) as err:
        disability_period(
            "CO", weekly_rate=D("1000.00"), first_day=d(2024, 3, 4), return_to_work=d(2024, 3, 19),
            days_per_week=5,
        )  # fmt: skip
    assert err.value.field == "days_per_week"
    assert "calendar day" in err.value.message


def test_co_instalments_pay_the_waiting_days_back_when_the_disability_passes_two_weeks() -> None:
    # given: $700 a week ($100 a day); off Mon 4 March 2024, paid Mon 4 – Wed 13 March (10 days), then
    # Thu 14 – Wed 20 March (7 days): 17 days in all
    # when
    first = disability_period(
        "CO", weekly_rate=D("700.00"), first_day=d(2024, 3, 4), return_to_work=d(2024, 3, 14)
    )
    second = disability_period(
        "CO",
        weekly_rate=D("700.00"),
        first_day=d(2024, 3, 14),
        return_to_work=d(2024, 3, 21),
        disability_start=d(2024, 3, 4),
    )
    # then: the first is not longer than two weeks: 4–6 March unpaid, 7 days paid
    assert first.waiting_paid_back is False
    assert first.amount == D("700.00")
    # and the second makes the disability longer than two weeks: its 7 days plus 4–6 March paid back
    assert second.waiting_paid_back is True
    assert [line.kind for line in second.days[:3]] == ["waiting_paid_back"] * 3
    assert [line.day for line in second.days[:4]] == [
        d(2024, 3, 4),
        d(2024, 3, 5),
        d(2024, 3, 6),
        d(2024, 3, 14),
    ]
    assert second.amount == D("1000.00")
    assert any("lasted 17 days (from Mon 4 Mar 2024)" in s for s in second.explanation.steps)
    # and together they pay the single 17-day period
    whole = disability_period(
        "CO", weekly_rate=D("700.00"), first_day=d(2024, 3, 4), return_to_work=d(2024, 3, 21)
    )
    assert first.amount + second.amount == whole.amount == D("1700.00")


def test_co_instalment_weeks_are_anchored_at_the_first_day_of_the_disability() -> None:
    # given: $1,000 a week, the same 10-day and 7-day instalments from Mon 4 March 2024
    # when
    first = disability_period(
        "CO", weekly_rate=D("1000.00"), first_day=d(2024, 3, 4), return_to_work=d(2024, 3, 14)
    )
    second = disability_period(
        "CO",
        weekly_rate=D("1000.00"),
        first_day=d(2024, 3, 14),
        return_to_work=d(2024, 3, 21),
        disability_start=d(2024, 3, 4),
    )
    # then: the second's weeks are those of the disability: 4–6 March (3/7 = 428.571… → $428.57),
    # Thu 14 – Sun 17 March (4/7 → $571.43), Mon 18 – Wed 20 March (3/7 → $428.57)
    assert second.amount == D("1428.57")
    assert any(
        s.startswith("Week 2 (Mon 11 Mar 2024 – Sun 17 Mar 2024): 4 paid days")
        for s in second.explanation.steps
    )
    whole = disability_period(
        "CO", weekly_rate=D("1000.00"), first_day=d(2024, 3, 4), return_to_work=d(2024, 3, 21)
    )
    assert first.amount + second.amount == whole.amount == D("2428.57")


# --- refusals -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "words"), [("CT", "not in the sources held"), ("NSW", "entitlement weeks")])
def test_ct_and_nsw_are_refused_with_the_reason(code: str, words: str) -> None:
    # given / when / then
    with pytest.raises(InputError) as err:
        disability_period(
            code, weekly_rate=D("500.00"), first_day=d(2024, 3, 4), return_to_work=d(2024, 3, 19)
        )
    assert err.value.field == "jurisdiction"
    assert words in err.value.message


def test_unknown_jurisdiction_is_refused() -> None:
    # given / when / then
    with pytest.raises(InputError) as err:
        disability_period(
            "TX", weekly_rate=D("500.00"), first_day=d(2024, 3, 4), return_to_work=d(2024, 3, 19)
        )
    assert err.value.field == "jurisdiction"


@pytest.mark.parametrize("back", [d(2024, 3, 4), d(2024, 3, 1)])
def test_return_to_work_must_be_after_the_first_day(back: dt.date) -> None:
    # given / when / then
    with pytest.raises(InputError) as err:
        disability_period("MN", weekly_rate=D("500.00"), first_day=d(2024, 3, 4), return_to_work=back)
    assert err.value.field == "return_to_work"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(days_per_week=0), "days_per_week"),
        (dict(days_per_week=8), "days_per_week"),
        (dict(days_per_week=5, work_days=[1, 2, 3, 4]), "work_days"),
        (dict(work_days=[1, 2, 2, 3]), "work_days"),
        (dict(work_days=[0, 1, 2]), "work_days"),
        (dict(work_days=[1, 2, 8]), "work_days"),
        (dict(weekly_rate=D("-1.00")), "weekly_rate"),
        (dict(weekly_rate=D("500.001")), "weekly_rate"),
        (dict(injury_date=d(2024, 3, 5)), "injury_date"),
        (dict(disability_start=d(2024, 3, 5)), "disability_start"),
        (dict(disability_start="2024-03-01"), "disability_start"),
        (dict(disability_start=d(2024, 3, 1), injury_date=d(2024, 3, 2)), "injury_date"),
        (dict(waiting_settled="yes"), "waiting_settled"),
        (dict(disability_start=d(2024, 2, 26), waiting_settled=True), "waiting_settled"),
    ],
)
def test_bad_input_names_the_argument(kwargs: dict[str, object], field: str) -> None:
    # given
    args: dict[str, object] = dict(
        weekly_rate=D("500.00"), first_day=d(2024, 3, 4), return_to_work=d(2024, 3, 19)
    )
    args.update(kwargs)
    # when / then
    with pytest.raises(InputError) as err:
        disability_period("MN", **args)  # type: ignore[arg-type]
    assert err.value.field == field


def test_allocation_gives_leftover_cents_to_the_largest_remainder_then_the_earlier_day() -> None:
    # given: shares 1/3, 1/3, 1/3 of a dollar rounded to $1.00
    # when
    out = _allocate(D("1.00"), [Fraction(1, 3)] * 3)
    # then
    assert out == [D("0.34"), D("0.33"), D("0.33")]
    assert _allocate(D("0.00"), []) == []


# --- properties ------------------------------------------------------------------------------------------

rates = st.integers(min_value=0, max_value=500_000).map(lambda c: D(c) / 100)
starts = st.dates(min_value=d(2005, 1, 1), max_value=d(2030, 12, 31))
schedules = st.integers(min_value=1, max_value=7).flatmap(
    lambda n: st.tuples(st.just(n), st.permutations(range(1, 8)).map(lambda p: sorted(p[:n])))
)


@st.composite
def periods(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    code = draw(st.sampled_from(["MN", "CO"]))
    first = draw(starts)
    length = draw(st.integers(min_value=1, max_value=60))
    args: dict[str, object] = dict(
        weekly_rate=draw(rates), first_day=first, return_to_work=first + dt.timedelta(days=length)
    )
    if code == "MN":
        n, work = draw(schedules)
        args.update(days_per_week=n, work_days=work)
    return code, args


@settings(max_examples=300, deadline=None)
@given(periods())
def test_property_amount_is_the_sum_of_its_days_and_bounded(case: tuple[str, dict[str, object]]) -> None:
    # given
    code, args = case
    # when
    period = disability_period(code, **args)  # type: ignore[arg-type]
    # then
    assert period.amount == sum((line.amount for line in period.days), D("0.00"))
    assert period.amount >= 0
    assert all(line.amount >= 0 for line in period.days)
    blocks = -(-len(period.days) // 7)
    assert period.amount <= period.weekly_rate * blocks
    assert len(period.days) == (period.return_to_work - period.first_day).days
    paid = {line.day for line in period.days if line.kind in ("compensable", "waiting_paid_back")}
    assert paid == set(period.compensable_days)


@settings(max_examples=300, deadline=None)
@given(periods())
def test_property_more_days_never_pay_less(case: tuple[str, dict[str, object]]) -> None:
    # given
    code, args = case
    longer = dict(args, return_to_work=args["return_to_work"] + dt.timedelta(days=1))  # type: ignore[operator]
    # when
    short = disability_period(code, **args)  # type: ignore[arg-type]
    long = disability_period(code, **longer)  # type: ignore[arg-type]
    # then
    assert long.amount >= short.amount


@settings(max_examples=300, deadline=None)
@given(periods())
def test_property_a_full_week_without_waiting_pays_the_weekly_rate(
    case: tuple[str, dict[str, object]],
) -> None:
    # given
    code, args = case
    # when
    period = disability_period(code, **args)  # type: ignore[arg-type]
    # then: every complete 7-day block with no unpaid waiting day pays exactly the weekly rate
    for start in range(0, len(period.days) - 6, 7):
        block = period.days[start : start + 7]
        if all(line.kind != "waiting" for line in block):
            assert sum(line.amount for line in block) == period.weekly_rate


@st.composite
def instalments(draw: st.DrawFn) -> tuple[str, dict[str, object], list[dt.date]]:
    """A disability and the first days of the back-to-back periods it is paid in (the first is its start)."""
    code, args = draw(periods())
    first = args["first_day"]
    length = (args["return_to_work"] - first).days  # type: ignore[operator]
    cuts = draw(st.sets(st.integers(min_value=1, max_value=length - 1), max_size=4)) if length > 1 else set()
    return code, args, [first + dt.timedelta(days=c) for c in sorted({0, *cuts})]  # type: ignore[operator]


def _split(code: str, args: dict[str, object], starts: list[dt.date]) -> list[DisabilityPeriod]:
    """Pay the disability in instalments, as the services do: settled once an instalment paid it back."""
    out: list[DisabilityPeriod] = []
    ends = [*starts[1:], args["return_to_work"]]
    for first, back in zip(starts, ends, strict=True):
        out.append(
            disability_period(
                code,  # type: ignore[arg-type]
                **dict(args, first_day=first, return_to_work=back),  # type: ignore[arg-type]
                disability_start=starts[0],
                waiting_settled=any(p.waiting_paid_back for p in out),
            )
        )
    return out


@settings(max_examples=300, deadline=None)
@given(instalments())
def test_property_instalments_pay_the_days_of_the_whole_disability_once(
    case: tuple[str, dict[str, object], list[dt.date]],
) -> None:
    # given
    code, args, starts = case
    # when
    parts = _split(code, args, starts)
    whole = disability_period(code, **args)  # type: ignore[arg-type]
    # then: each day of the whole is paid in exactly one instalment, and the waiting days are paid back
    # at most once
    paid = [d for p in parts for d in p.compensable_days]
    assert sorted(paid) == sorted(whole.compensable_days)
    assert len(paid) == len(set(paid))
    assert parts[-1].waiting_paid_back == whole.waiting_paid_back
    # and each instalment's amount is the sum of its days, never negative
    for p in parts:
        assert p.amount == sum((line.amount for line in p.days), D("0.00"))
        assert all(line.amount >= 0 for line in p.days)
    # and the instalments' total differs from the whole by rounding only: half a cent for each week of
    # the disability rounded apart in an instalment or in the whole
    pieces = sum(len({(day - starts[0]).days // 7 for day in p.compensable_days}) for p in parts)
    blocks = len({(day - starts[0]).days // 7 for day in whole.compensable_days})
    assert abs(sum(p.amount for p in parts) - whole.amount) <= D("0.005") * (pieces + blocks)


@settings(max_examples=300, deadline=None)
@given(instalments())
def test_property_a_full_week_of_the_disability_in_an_instalment_pays_the_weekly_rate(
    case: tuple[str, dict[str, object], list[dt.date]],
) -> None:
    # given
    code, args, starts = case
    # when
    parts = _split(code, args, starts)
    # then: a 7-day block counted from the disability's first day, wholly in one instalment and without
    # an unpaid waiting day, pays exactly the weekly rate
    for p in parts:
        by_day = {line.day: line for line in p.days}
        for k in range(0, (p.return_to_work - starts[0]).days, 7):
            block = [starts[0] + dt.timedelta(days=k + i) for i in range(7)]
            if block[0] < p.first_day or block[-1] >= p.return_to_work:
                continue
            lines = [by_day[day] for day in block]
            if all(line.kind != "waiting" for line in lines):
                assert sum(line.amount for line in lines) == p.weekly_rate


# --- Denver Career Service salary continuation ---------------------------------------------------------


def test_salary_continuation_three_week_absence_pays_back_the_waiting_shifts() -> None:
    # given: gross $1,500.00 a week, TTD $1,000.00; injured Mon 4 March 2024, off Tue 5 – Mon 25 March
    # when
    sc = salary_continuation(
        weekly_gross=D("1500.00"),
        ttd_weekly_rate=D("1000.00"),
        injury_date=d(2024, 3, 4),
        return_to_work=d(2024, 3, 26),
    )
    # then: 80% × 1,500 = 1,200 − 1,000 = $200 a week, $40 a shift; 21 days off > 14 so 15 shifts are paid
    assert sc.weekly_continuation == D("200.00")
    assert sc.injury_day_pay == D("300.00")
    assert sc.first_day_off == d(2024, 3, 5)
    assert sc.last_day_covered == d(2024, 6, 1)
    assert sc.waiting_days == (d(2024, 3, 5), d(2024, 3, 6), d(2024, 3, 7))
    assert sc.waiting_paid_back is True
    assert sc.total == D("600.00")
    assert sc.days[0].kind == "injury_day"
    assert sc.days[0].amount == D("300.00")
    assert [line.kind for line in sc.days[1:4]] == ["waiting_paid_back"] * 3
    assert sc.days[1].amount == D("40.00")
    assert sum(line.amount for line in sc.days[1:]) == sc.total


def test_salary_continuation_one_week_absence_leaves_the_waiting_shifts_unpaid() -> None:
    # given: off Tue 5 – Mon 11 March 2024 (7 days)
    # when
    sc = salary_continuation(
        weekly_gross=D("1500.00"),
        ttd_weekly_rate=D("1000.00"),
        injury_date=d(2024, 3, 4),
        return_to_work=d(2024, 3, 12),
    )
    # then: Tue–Thu are the waiting period; Fri 8 and Mon 11 are paid $40 each
    assert sc.waiting_paid_back is False
    assert [(line.day, line.kind, line.amount) for line in sc.days[1:]] == [
        (d(2024, 3, 5), "waiting", D("0.00")),
        (d(2024, 3, 6), "waiting", D("0.00")),
        (d(2024, 3, 7), "waiting", D("0.00")),
        (d(2024, 3, 8), "compensable", D("40.00")),
        (d(2024, 3, 9), "non_workday", D("0.00")),
        (d(2024, 3, 10), "non_workday", D("0.00")),
        (d(2024, 3, 11), "compensable", D("40.00")),
    ]
    assert sc.total == D("80.00")


def test_salary_continuation_exactly_two_weeks_off_is_not_more_than_two_weeks() -> None:
    # given: off Tue 5 – Mon 18 March 2024 (14 days)
    # when
    sc = salary_continuation(
        weekly_gross=D("1500.00"),
        ttd_weekly_rate=D("1000.00"),
        injury_date=d(2024, 3, 4),
        return_to_work=d(2024, 3, 19),
    )
    # then: 7 paid shifts (Fri 8, Mon 11 – Fri 15, Mon 18)
    assert sc.waiting_paid_back is False
    assert sc.total == D("280.00")


def test_salary_continuation_stops_after_ninety_days_from_the_injury() -> None:
    # given: injured Mon 1 January 2024, off from Tue 2 January, back Mon 15 April
    # when
    sc = salary_continuation(
        weekly_gross=D("1500.00"),
        ttd_weekly_rate=D("1000.00"),
        injury_date=d(2024, 1, 1),
        return_to_work=d(2024, 4, 15),
    )
    # then: covered to Sat 30 March (day 90): 12 full weeks ($2,400) + Tue 26 – Fri 29 March ($160)
    assert sc.last_day_covered == d(2024, 3, 30)
    assert sc.total == D("2560.00")
    after = [line for line in sc.days if line.kind == "after_90_days"]
    assert after[0].day == d(2024, 3, 31)
    assert after[-1].day == d(2024, 4, 14)
    assert all(line.amount == 0 for line in after)


def test_salary_continuation_is_nothing_when_ttd_reaches_eighty_percent() -> None:
    # given: gross $1,200.00, TTD $1,000.00 (80% of gross is $960.00)
    # when
    sc = salary_continuation(
        weekly_gross=D("1200.00"),
        ttd_weekly_rate=D("1000.00"),
        injury_date=d(2024, 3, 4),
        return_to_work=d(2024, 3, 26),
    )
    # then
    assert sc.weekly_continuation == D("0.00")
    assert sc.total == D("0.00")
    assert sc.injury_day_pay == D("240.00")


def test_salary_continuation_rounds_each_week_once() -> None:
    # given: gross $1,234.56, TTD $823.04: 80% = 987.648 → $987.65; continuation $164.61 a week
    # off Wed 6 – Fri 22 March 2024 after a Monday injury (first_day_off given)
    # when
    sc = salary_continuation(
        weekly_gross=D("1234.56"),
        ttd_weekly_rate=D("823.04"),
        injury_date=d(2024, 3, 4),
        first_day_off=d(2024, 3, 6),
        return_to_work=d(2024, 3, 23),
    )
    # then: 17 days off, paid back; blocks from Wed: 5 shifts ($164.61), 5 ($164.61), Wed 20 – Fri 22
    # (3 × 32.922 = 98.766 → $98.77, shared 32.93 + 32.92 + 32.92)
    assert sc.weekly_continuation == D("164.61")
    assert sc.injury_day_pay == D("246.91")
    assert sc.total == D("427.99")
    tail = [line.amount for line in sc.days if line.day >= d(2024, 3, 20)]
    assert tail == [D("32.93"), D("32.92"), D("32.92")]
    assert sc.as_json()["total"] == "427.99"
    assert sc.as_json()["days"][0]["kind"] == "injury_day"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(first_day_off=d(2024, 3, 4)), "first_day_off"),
        (dict(return_to_work=d(2024, 3, 5)), "return_to_work"),
        (dict(weekly_gross=D("0")), "weekly_gross"),
        (dict(ttd_weekly_rate=D("-5")), "ttd_weekly_rate"),
        (dict(days_per_week=4, work_days=[1, 2, 3]), "work_days"),
    ],
)
def test_salary_continuation_bad_input_names_the_argument(kwargs: dict[str, object], field: str) -> None:
    # given
    args: dict[str, object] = dict(
        weekly_gross=D("1500.00"),
        ttd_weekly_rate=D("1000.00"),
        injury_date=d(2024, 3, 4),
        return_to_work=d(2024, 3, 26),
    )
    args.update(kwargs)
    # when / then
    with pytest.raises(InputError) as err:
        salary_continuation(**args)  # type: ignore[arg-type]
    assert err.value.field == field


@settings(max_examples=200, deadline=None)
@given(
    gross=st.integers(min_value=1, max_value=500_000).map(lambda c: D(c) / 100),
    ttd=st.integers(min_value=0, max_value=500_000).map(lambda c: D(c) / 100),
    injury=starts,
    gap=st.integers(min_value=1, max_value=5),
    length=st.integers(min_value=1, max_value=120),
    schedule=schedules,
)
def test_property_salary_continuation_total_is_the_sum_of_its_days(
    gross: Decimal, ttd: Decimal, injury: dt.date, gap: int, length: int, schedule: tuple[int, list[int]]
) -> None:
    # given
    off = injury + dt.timedelta(days=gap)
    # when
    sc = salary_continuation(
        weekly_gross=gross,
        ttd_weekly_rate=ttd,
        injury_date=injury,
        first_day_off=off,
        return_to_work=off + dt.timedelta(days=length),
        days_per_week=schedule[0],
        work_days=schedule[1],
    )
    # then
    assert sc.total == sum((line.amount for line in sc.days[1:]), D("0.00"))
    assert sc.total >= 0
    assert all(line.amount == 0 for line in sc.days if line.day > sc.last_day_covered)
    assert sc.total <= sc.weekly_continuation * (-(-length // 7))
