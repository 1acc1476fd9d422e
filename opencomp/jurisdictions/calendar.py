"""Business calendars: which days count, and how a period of days is reckoned.

A calendar is the ``holidays`` package's list for a country and subdivision,
corrected by the rule pack (holidays the statute lists that the package lacks,
package holidays the statute does not list, one-off closures), each correction
with its source. Counting follows the pack's convention: the trigger day is
excluded and, where the statute says so (C.R.S. 2-4-108; Interpretation Act 1987
(NSW) s 36; Minn. Stat. 645.15), a last day that falls on a weekend or holiday
rolls to the next business day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import holidays as holidays_lib

HOLIDAYS_VERSION: str = str(getattr(holidays_lib, "__version__", "unknown"))

#: Saturday and Sunday (``date.weekday()`` numbers).
WEEKEND = frozenset({5, 6})

#: Years a calendar covers; a date outside them is refused rather than guessed.
FIRST_YEAR = 1990
LAST_YEAR = 2100


class CalendarError(ValueError):
    """A date a calendar cannot reckon (outside its years, or a bad count)."""


@dataclass(frozen=True)
class HolidayRemoval:
    """A package holiday the statute does not list."""

    name: str
    source: str
    from_year: int | None = None


@dataclass(frozen=True)
class HolidayAddition:
    """A closure the package lacks: a fixed date, or days after a named holiday."""

    name: str
    source: str
    date: dt.date | None = None
    after: str | None = None
    days: int = 0
    from_year: int | None = None


@dataclass(frozen=True)
class BusinessCalendar:
    """The days on which a jurisdiction's business is done.

    Attributes:
        code: The jurisdiction code (``NSW``).
        country: ISO country code given to ``holidays``.
        subdivision: Subdivision code given to ``holidays``.
        categories: ``holidays`` categories (``public``, ``bank``).
        removals: Package holidays taken out, with sources.
        additions: Closures put in, with sources.
    """

    code: str
    country: str
    subdivision: str
    categories: tuple[str, ...] = ("public",)
    removals: tuple[HolidayRemoval, ...] = ()
    additions: tuple[HolidayAddition, ...] = ()
    _cache: dict[int, dict[dt.date, str]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def version(self) -> str:
        """``holidays`` version plus a digest of the overrides, stored with every computed date."""
        parts = [f"{r.name}|{r.from_year}" for r in self.removals]
        parts += [f"{a.name}|{a.date}|{a.after}|{a.days}|{a.from_year}" for a in self.additions]
        parts.append(f"base|{self.country}|{self.subdivision}|{','.join(sorted(self.categories))}")
        digest = hashlib.sha1("\n".join(sorted(parts)).encode(), usedforsecurity=False).hexdigest()
        return f"holidays-{HOLIDAYS_VERSION}+{digest[:8]}"

    def holidays_in(self, year: int) -> dict[dt.date, str]:
        """Every holiday of ``year`` after the pack's corrections, by date."""
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CalendarError(f"{self.code} calendar covers {FIRST_YEAR} to {LAST_YEAR}, not {year}")
        cached = self._cache.get(year)
        if cached is not None:
            return cached
        base: Any = holidays_lib.country_holidays(
            self.country, subdiv=self.subdivision, years=year, categories=self.categories
        )
        days: dict[dt.date, str] = {}
        for day, names in base.items():
            kept = [n for n in str(names).split("; ") if not self._removed(n, year)]
            if kept:
                days[day] = "; ".join(kept)
        for addition in self.additions:
            if addition.from_year is not None and year < addition.from_year:
                continue
            for day in self._addition_dates(addition, year, base):
                days[day] = f"{days[day]}; {addition.name}" if day in days else addition.name
        self._cache[year] = days
        return days

    def _removed(self, name: str, year: int) -> bool:
        return any(r.name == name and (r.from_year is None or year >= r.from_year) for r in self.removals)

    @staticmethod
    def _addition_dates(addition: HolidayAddition, year: int, base: Any) -> Iterable[dt.date]:
        if addition.date is not None:
            if addition.date.year == year:
                yield addition.date
            return
        for day in base.get_named(addition.after, lookup="exact"):
            yield day + dt.timedelta(days=addition.days)

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday's name if ``day`` is one, else ``None``."""
        return self.holidays_in(day.year).get(day)

    def is_business_day(self, day: dt.date) -> bool:
        """Not a Saturday, Sunday or holiday."""
        return day.weekday() not in WEEKEND and day not in self.holidays_in(day.year)

    def why_closed(self, day: dt.date) -> str | None:
        """Why ``day`` is not a business day ("Saturday", "Good Friday"), or ``None``."""
        name = self.holiday_name(day)
        if name:
            return name
        if day.weekday() in WEEKEND:
            return day.strftime("%A")
        return None

    def roll_forward(self, day: dt.date) -> dt.date:
        """``day`` if it is a business day, else the next one."""
        while not self.is_business_day(day):
            day += dt.timedelta(days=1)
        return day

    def roll_back(self, day: dt.date) -> dt.date:
        """``day`` if it is a business day, else the one before."""
        while not self.is_business_day(day):
            day -= dt.timedelta(days=1)
        return day

    def add_business_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th business day after ``start`` (``start`` itself is not counted).

        A negative ``count`` counts back: the ``|count|``-th business day before ``start``.
        """
        step = dt.timedelta(days=1 if count >= 0 else -1)
        day, remaining = start, abs(count)
        while remaining:
            day += step
            if self.is_business_day(day):
                remaining -= 1
        return day

    def business_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many business days ``end`` is from ``start``, the inverse of ``add_business_days``.

        ``start`` is never counted: for a later ``end``, the business days after ``start``
        up to and including ``end``; for an earlier one, minus the business days from
        ``end`` (included) up to ``start`` (excluded). So
        ``business_days_between(d, add_business_days(d, n)) == n`` for every ``n``.
        """
        sign, lo, hi = (1, start, end) if end >= start else (-1, end, start)
        count, day = 0, lo
        while day < hi:
            counted = day + dt.timedelta(days=1) if sign > 0 else day
            if self.is_business_day(counted):
                count += 1
            day += dt.timedelta(days=1)
        return sign * count

    def closed_days_between(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
        """Days after ``start`` up to ``end`` that are not business days, with why."""
        out: list[tuple[dt.date, str]] = []
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            why = self.why_closed(day)
            if why:
                out.append((day, why))
        return out
