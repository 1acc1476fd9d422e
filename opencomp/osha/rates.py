"""Incidence rates (pure): cases per 100 full-time workers a year.

TRIR = recordable cases × 200,000 ÷ hours worked; DART = days-away, restricted or transferred
cases × 200,000 ÷ hours worked. 200,000 is 100 employees working 40 hours a week for 50 weeks
(the formula of issue 8; the base of OSHA's incidence-rate worksheet that statutes.md §3.4
references, with the 300A's hours-worked definition). None when no hours are entered: a rate
without hours would be invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

BASE_HOURS = 200_000


@dataclass(frozen=True)
class Rates:
    trir: Decimal | None
    dart: Decimal | None
    hours: int | None


def incidence_rates(*, recordable: int, dart_cases: int, hours: int | None) -> Rates:
    """TRIR and DART to two decimals (half up); None without hours worked."""
    if recordable < 0 or dart_cases < 0 or dart_cases > recordable:
        raise ValueError("case counts must be 0 or more, and DART cases at most the recordable cases")
    if not hours:
        return Rates(None, None, hours)

    def rate(cases: int) -> Decimal:
        return (Decimal(cases) * BASE_HOURS / Decimal(hours)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    return Rates(rate(recordable), rate(dart_cases), hours)
