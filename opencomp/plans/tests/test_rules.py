"""The three months' delay before a work capacity decision reduces weekly payments (seed 004)."""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.plans.rules import add_months, continuous_paid_days, reduction_timing

D = dt.date


def weeks_paid(first: dt.date, count: int, *, every: int = 7) -> list[tuple[dt.date, dt.date]]:
    """``count`` weeks of back-to-back periods of ``every`` days from ``first``."""
    days = count * 7
    return [
        (first + dt.timedelta(days=i), first + dt.timedelta(days=min(i + every, days) - 1))
        for i in range(0, days, every)
    ]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 11, 2), 3, D(2027, 2, 2)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),  # no 30 February: the month's last day
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # leap year
        (D(2026, 8, 31), 3, D(2026, 11, 30)),
        (D(2026, 12, 31), 3, D(2027, 3, 31)),  # across the year end
        (D(2026, 10, 31), 4, D(2027, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_last_day_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


def test_exactly_12_weeks_of_continuous_payments_gets_three_months():
    notice = D(2027, 1, 25)
    periods = weeks_paid(notice - dt.timedelta(days=84), 12)  # 1 Nov 2026 – 24 Jan 2027: 84 days
    timing = reduction_timing(notice_on=notice, paid_periods=periods)
    assert timing.continuous_days == 84
    assert timing.delayed is True
    assert timing.earliest == D(2027, 4, 25)
    assert "12 weeks" in timing.explanation
    assert "25 Apr 2027" in timing.explanation


def test_one_day_short_of_12_weeks_takes_effect_from_the_notice():
    notice = D(2027, 1, 25)
    periods = [(notice - dt.timedelta(days=83), notice - dt.timedelta(days=1))]  # 83 days
    timing = reduction_timing(notice_on=notice, paid_periods=periods)
    assert timing.continuous_days == 83
    assert timing.delayed is False
    assert timing.earliest == notice
    assert "11 weeks and 6 days" in timing.explanation


def test_a_gap_breaks_continuity_and_only_the_latest_run_counts():
    notice = D(2027, 3, 1)
    early = weeks_paid(D(2026, 10, 5), 10)  # ends 13 Dec 2026
    late = weeks_paid(D(2026, 12, 15), 10)  # a day's gap (14 Dec): ends 22 Feb 2027
    timing = reduction_timing(notice_on=notice, paid_periods=early + late)
    assert timing.run_from == D(2026, 12, 15)
    assert timing.continuous_days == 70
    assert timing.delayed is False


def test_back_to_back_fortnightly_periods_join_and_overlaps_are_counted_once():
    periods = [*weeks_paid(D(2026, 11, 1), 14, every=14), (D(2026, 11, 10), D(2026, 11, 20))]
    days, first = continuous_paid_days(periods, on=D(2027, 2, 7))
    assert (days, first) == (98, D(2026, 11, 1))


def test_days_after_the_notice_are_not_counted():
    notice = D(2027, 1, 20)
    periods = weeks_paid(D(2026, 11, 1), 14)  # to 6 Feb 2027
    days, _ = continuous_paid_days(periods, on=notice)
    assert days == (notice - D(2026, 11, 1)).days + 1 == 81
    assert reduction_timing(notice_on=notice, paid_periods=periods).delayed is False


def test_month_end_notice_after_12_weeks_lands_on_the_last_day_of_february():
    notice = D(2026, 11, 30)
    timing = reduction_timing(notice_on=notice, paid_periods=weeks_paid(D(2026, 8, 1), 17))
    assert timing.delayed is True
    assert timing.earliest == D(2027, 2, 28)


def test_no_payments_means_no_delay():
    timing = reduction_timing(notice_on=D(2027, 1, 4), paid_periods=[])
    assert (timing.continuous_days, timing.run_from, timing.delayed, timing.earliest) == (
        0,
        None,
        False,
        D(2027, 1, 4),
    )
    assert "no weekly payments" in timing.explanation
