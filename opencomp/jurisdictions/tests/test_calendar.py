"""Business calendars: each pack's holidays against the statute lists, and day counting."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opencomp.jurisdictions.calendar import BusinessCalendar, CalendarError, HolidayAddition, HolidayRemoval
from opencomp.jurisdictions.rulepack import pack_for

D = dt.date


def cal(code: str) -> BusinessCalendar:
    return pack_for(code).calendar


# Public Holidays Act 2010 (NSW) s 4 (statutes.md section 6), with the August Bank Holiday.
# Australia Day 2025 is a Sunday: the Monday instead. 2026: ANZAC Day is a Saturday and the Act
# gives no substitute; Boxing Day is a Saturday: the Monday as well.
NSW = {
    2025: {
        D(2025, 1, 1): "New Year's Day",
        D(2025, 1, 27): "Australia Day",
        D(2025, 4, 18): "Good Friday",
        D(2025, 4, 19): "Easter Saturday",
        D(2025, 4, 20): "Easter Sunday",
        D(2025, 4, 21): "Easter Monday",
        D(2025, 4, 25): "ANZAC Day",
        D(2025, 6, 9): "King's Birthday",
        D(2025, 8, 4): "Bank Holiday",
        D(2025, 10, 6): "Labor Day",
        D(2025, 12, 25): "Christmas Day",
        D(2025, 12, 26): "Boxing Day",
    },
    2026: {
        D(2026, 1, 1): "New Year's Day",
        D(2026, 1, 26): "Australia Day",
        D(2026, 4, 3): "Good Friday",
        D(2026, 4, 4): "Easter Saturday",
        D(2026, 4, 5): "Easter Sunday",
        D(2026, 4, 6): "Easter Monday",
        D(2026, 4, 25): "ANZAC Day",
        D(2026, 6, 8): "King's Birthday",
        D(2026, 8, 3): "Bank Holiday",
        D(2026, 10, 5): "Labor Day",
        D(2026, 12, 25): "Christmas Day",
        D(2026, 12, 26): "Boxing Day",
        D(2026, 12, 28): "Boxing Day (observed)",
    },
}

# Colo. R. Civ. P. 6 legal holidays (statutes.md section 6): no Cesar Chavez Day (31 Mar);
# Frances Xavier Cabrini Day, first Monday in October. 2026: Independence Day is a Saturday;
# the state observes (and its courts close) Friday 3 July, which C.R.C.P. 6 counts as "a day
# the court is closed".
CO = {
    2025: {
        D(2025, 1, 1),
        D(2025, 1, 20),
        D(2025, 2, 17),
        D(2025, 5, 26),
        D(2025, 6, 19),
        D(2025, 7, 4),
        D(2025, 9, 1),
        D(2025, 10, 6),
        D(2025, 11, 11),
        D(2025, 11, 27),
        D(2025, 12, 25),
    },
    2026: {
        D(2026, 1, 1),
        D(2026, 1, 19),
        D(2026, 2, 16),
        D(2026, 5, 25),
        D(2026, 6, 19),
        D(2026, 7, 3),
        D(2026, 7, 4),
        D(2026, 9, 7),
        D(2026, 10, 5),
        D(2026, 11, 11),
        D(2026, 11, 26),
        D(2026, 12, 25),
    },
}

# Minn. Stat. 645.44 subd. 5 for the executive branch: the Friday after Thanksgiving, and not
# Christopher Columbus Day; a Saturday holiday also makes the Friday before one.
MN = {
    2025: {
        D(2025, 1, 1),
        D(2025, 1, 20),
        D(2025, 2, 17),
        D(2025, 5, 26),
        D(2025, 6, 19),
        D(2025, 7, 4),
        D(2025, 9, 1),
        D(2025, 11, 11),
        D(2025, 11, 27),
        D(2025, 11, 28),
        D(2025, 12, 25),
    },
    2026: {
        D(2026, 1, 1),
        D(2026, 1, 19),
        D(2026, 2, 16),
        D(2026, 5, 25),
        D(2026, 6, 19),
        D(2026, 7, 3),
        D(2026, 7, 4),
        D(2026, 9, 7),
        D(2026, 11, 11),
        D(2026, 11, 26),
        D(2026, 11, 27),
        D(2026, 12, 25),
    },
}

# C.G.S. 1-4: with Lincoln's Birthday (12 Feb), Good Friday and Columbus Day.
CT = {
    2025: {
        D(2025, 1, 1),
        D(2025, 1, 20),
        D(2025, 2, 12),
        D(2025, 2, 17),
        D(2025, 4, 18),
        D(2025, 5, 26),
        D(2025, 6, 19),
        D(2025, 7, 4),
        D(2025, 9, 1),
        D(2025, 10, 13),
        D(2025, 11, 11),
        D(2025, 11, 27),
        D(2025, 12, 25),
    },
    2026: {
        D(2026, 1, 1),
        D(2026, 1, 19),
        D(2026, 2, 12),
        D(2026, 2, 16),
        D(2026, 4, 3),
        D(2026, 5, 25),
        D(2026, 6, 19),
        D(2026, 7, 3),
        D(2026, 7, 4),
        D(2026, 9, 7),
        D(2026, 10, 12),
        D(2026, 11, 11),
        D(2026, 11, 26),
        D(2026, 12, 25),
    },
}


@pytest.mark.smoke
@pytest.mark.parametrize("year", [2025, 2026])
def test_nsw_holidays_match_the_act(year):
    assert cal("NSW").holidays_in(year) == NSW[year]


@pytest.mark.parametrize(("code", "expected"), [("CO", CO), ("MN", MN), ("CT", CT)])
@pytest.mark.parametrize("year", [2025, 2026])
def test_us_holidays_match_the_statute(code, expected, year):
    assert set(cal(code).holidays_in(year)) == expected[year]


def test_pack_corrections_are_applied():
    assert D(2026, 4, 27) not in cal("NSW").holidays_in(2026)  # ANZAC Day (observed) removed
    assert cal("NSW").is_business_day(D(2026, 4, 27))
    assert cal("CO").is_business_day(D(2025, 3, 31))  # Cesar Chavez Day removed
    assert cal("CO").holiday_name(D(2025, 10, 6)) == "Frances Xavier Cabrini Day"
    assert cal("MN").holiday_name(D(2025, 11, 28)) == "Friday after Thanksgiving"
    assert cal("CO").is_business_day(D(2025, 11, 28))


def test_why_closed():
    nsw = cal("NSW")
    assert nsw.why_closed(D(2025, 4, 18)) == "Good Friday"
    assert nsw.why_closed(D(2026, 4, 25)) == "ANZAC Day"  # a Saturday, named for the holiday
    assert nsw.why_closed(D(2025, 4, 26)) == "Saturday"
    assert nsw.why_closed(D(2025, 4, 22)) is None


# --- counting ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        # Thu 17 Apr 2025: (Fri 18, Sat 19, Sun 20, Mon 21) Tue 22 = 1, Wed 23 = 2, Thu 24 = 3.
        (D(2025, 4, 17), 3, D(2025, 4, 24)),
        # ... Thu 24 = 3, (Fri 25 ANZAC Day, Sat, Sun) Mon 28 = 4.
        (D(2025, 4, 17), 4, D(2025, 4, 28)),
        # Back from Thu 24: Wed 23 = 1, Tue 22 = 2, (Mon 21 to Fri 18) Thu 17 = 3.
        (D(2025, 4, 24), -3, D(2025, 4, 17)),
        # Back from Easter Monday: (Sun, Sat, Fri 18) Thu 17 = 1, Wed 16 = 2, Tue 15 = 3.
        (D(2025, 4, 21), -3, D(2025, 4, 15)),
        # Wed 23 Dec 2026: Thu 24 = 1, (Fri 25, Sat 26, Sun 27, Mon 28) Tue 29 = 2.
        (D(2026, 12, 23), 2, D(2026, 12, 29)),
        # Back from Tue 29 Dec 2026: (Mon 28 back to Fri 25) Thu 24 = 1.
        (D(2026, 12, 29), -1, D(2026, 12, 24)),
        # Zero: the day itself, business day or not.
        (D(2025, 4, 19), 0, D(2025, 4, 19)),
    ],
)
def test_nsw_add_business_days(start, count, expected):
    nsw = cal("NSW")
    assert nsw.add_business_days(start, count) == expected
    assert nsw.business_days_between(start, expected) == count


def test_business_days_between_counts_back_as_add_business_days_does():
    # From Easter Monday back to Tue 15 Apr is 3 business days back (Thu 17, Wed 16, Tue 15):
    # the start is never counted, the end is. (It once gave -2, counting Easter Monday instead
    # of Tue 15 Apr, so it did not invert add_business_days from a closed day.)
    assert cal("NSW").business_days_between(D(2025, 4, 21), D(2025, 4, 15)) == -3
    assert cal("NSW").business_days_between(D(2025, 4, 15), D(2025, 4, 21)) == 2


@pytest.mark.parametrize(
    ("day", "forward", "back"),
    [
        (D(2025, 4, 18), D(2025, 4, 22), D(2025, 4, 17)),  # Good Friday
        (D(2025, 4, 26), D(2025, 4, 28), D(2025, 4, 24)),  # Saturday after ANZAC Day
        (D(2026, 12, 26), D(2026, 12, 29), D(2026, 12, 24)),  # Boxing Day 2026
        (D(2026, 4, 27), D(2026, 4, 27), D(2026, 4, 27)),  # a business day stays
    ],
)
def test_nsw_roll(day, forward, back):
    assert cal("NSW").roll_forward(day) == forward
    assert cal("NSW").roll_back(day) == back


def test_us_rolls():
    assert cal("CO").roll_forward(D(2025, 10, 4)) == D(2025, 10, 7)  # Sat, Sun, Cabrini Day
    assert cal("MN").roll_forward(D(2025, 11, 27)) == D(2025, 12, 1)  # Thanksgiving and Friday
    assert cal("CO").roll_forward(D(2025, 11, 27)) == D(2025, 11, 28)
    assert cal("CT").roll_back(D(2026, 7, 4)) == D(2026, 7, 2)


def test_closed_days_between_excludes_start_includes_end():
    assert cal("NSW").closed_days_between(D(2025, 4, 17), D(2025, 4, 21)) == [
        (D(2025, 4, 18), "Good Friday"),
        (D(2025, 4, 19), "Easter Saturday"),
        (D(2025, 4, 20), "Easter Sunday"),
        (D(2025, 4, 21), "Easter Monday"),
    ]


def test_years_outside_the_calendar_are_refused():
    with pytest.raises(CalendarError, match="NSW calendar covers 1990 to 2100, not 2101"):
        cal("NSW").is_business_day(D(2101, 1, 3))


def test_version_names_the_package_and_digests_the_corrections():
    plain = BusinessCalendar(code="NSW", country="AU", subdivision="NSW")
    corrected = BusinessCalendar(
        code="NSW",
        country="AU",
        subdivision="NSW",
        removals=(HolidayRemoval("ANZAC Day (observed)", "test"),),
    )
    assert plain.version.startswith("holidays-0.109+")
    assert plain.version != corrected.version
    assert cal("NSW").version == cal("NSW").version


def test_corrections_from_a_year_and_fixed_closures():
    c = BusinessCalendar(
        code="NSW",
        country="AU",
        subdivision="NSW",
        removals=(HolidayRemoval("ANZAC Day (observed)", "test", from_year=2027),),
        additions=(
            HolidayAddition("Court closure", "test", date=D(2026, 3, 10)),
            HolidayAddition("Day after Labour Day", "test", after="Labor Day", days=1, from_year=2026),
        ),
    )
    assert c.holiday_name(D(2026, 4, 27)) == "ANZAC Day (observed)"  # removal not yet in force
    assert c.holiday_name(D(2026, 3, 10)) == "Court closure"
    assert c.holiday_name(D(2025, 3, 10)) is None  # a fixed closure is one day, not every year
    assert c.holiday_name(D(2026, 10, 6)) == "Day after Labour Day"
    assert c.holiday_name(D(2025, 10, 7)) is None


# --- properties ---------------------------------------------------------------------------------

CODES = st.sampled_from(["NSW", "CO", "MN", "CT"])
DAYS = st.dates(min_value=D(1995, 1, 1), max_value=D(2095, 12, 31))


@settings(max_examples=150, deadline=None)
@given(code=CODES, day=DAYS, n=st.integers(min_value=1, max_value=60))
def test_add_business_days_lands_on_a_business_day_and_increases(code, day, n):
    c = cal(code)
    due = c.add_business_days(day, n)
    assert c.is_business_day(due)
    assert due > day
    assert c.add_business_days(day, n + 1) > due
    back = c.add_business_days(day, -n)
    assert c.is_business_day(back)
    assert back < day


@settings(max_examples=150, deadline=None)
@given(code=CODES, day=DAYS, n=st.integers(min_value=-60, max_value=60))
def test_business_days_between_inverts_add_business_days(code, day, n):
    c = cal(code)
    assert c.business_days_between(day, c.add_business_days(day, n)) == n


@settings(max_examples=150, deadline=None)
@given(code=CODES, day=DAYS)
def test_rolls_are_idempotent_and_land_on_business_days(code, day):
    c = cal(code)
    forward, back = c.roll_forward(day), c.roll_back(day)
    assert c.is_business_day(forward)
    assert c.is_business_day(back)
    assert back <= day <= forward
    assert c.roll_forward(forward) == forward
    assert c.roll_back(back) == back
    assert (forward == day) == c.is_business_day(day)
