"""A suggested indemnity reserve from the benefit schedule (a read; nothing is written).

The figure a case reserve is set to is the total incurred expectation: what the
benefit has paid so far plus what it is still expected to pay. Here that is

    amount = paid so far + remaining weeks × the weekly rate in force

rounded to the cent half up. The parts, and how each is measured:

- **benefit**: the jurisdiction's first benefit that has a rate decided (TTD in
  Colorado, Minnesota and Connecticut, before TPD; ``weekly`` in NSW).
- **weekly rate**: the decision in force latest in time (outside NSW the latest
  decision; in NSW the decision for the latest entitlement week decided).
- **paid so far**: the amounts of the benefit's ``benefit.period_paid`` events.
- **weeks paid**: Colorado, Minnesota and Connecticut count the calendar weeks the
  paid periods cover (calendar days ÷ 7, waiting days included, kept as an exact
  fraction); NSW counts the aggregate entitlement weeks paid, as its step-downs and
  s 39 do.
- **remaining weeks**: with an expected return-to-work date, the calendar days from
  ``as_at`` (or from the end of the last paid period, when that is later) to the
  expected return, ÷ 7 (never below 0), capped by the statutory limit the benefit
  parameters hold (Minnesota ``ttd_week_limit`` for TTD; NSW ``weekly_limit_weeks``
  for weekly payments) less the weeks already paid. Without one: the statutory
  limit less the weeks paid, an upper bound. Colorado and Connecticut hold no sourced
  duration, so without an expected return the suggestion has no amount: OpenComp
  never invents a duration.

``None`` when no rate is decided for any benefit of the claim.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from opencomp.benefits.calculators.nsw_weeks import entitlement_weeks
from opencomp.benefits.calculators.types import dollars
from opencomp.benefits.calculators.weekly import BENEFITS
from opencomp.benefits.selectors import (
    PaidPeriod,
    RateDecision,
    decisions_in_force,
    paid_periods,
    rate_decisions,
)
from opencomp.claims.models import Claim
from opencomp.core.money import round_money
from opencomp.jurisdictions.benefit_params import Figure, MissingFigure, benefit_parameters

ZERO = Decimal("0.00")

#: The statutory duration limit of a benefit, where the benefit parameters hold one:
#: (jurisdiction, benefit) → parameter name.
DURATION_LIMITS: dict[tuple[str, str], str] = {
    ("MN", "TTD"): "ttd_week_limit",
    ("NSW", "weekly"): "weekly_limit_weeks",
}


@dataclass(frozen=True)
class Suggestion:
    """A suggested indemnity reserve and how it was reached."""

    benefit: str
    weekly_rate: Decimal
    rate_seq: int  # the rate decision used
    as_at: dt.date
    expected_return: dt.date | None
    paid_to_date: Decimal
    weeks_paid: Fraction
    limit_weeks: int | None  # the statutory limit applied, if any
    remaining_weeks: Fraction | None  # None: no basis to count them (no amount)
    amount: Decimal | None  # paid so far + remaining weeks × rate; None: an expected return is needed
    basis: tuple[str, ...]
    citations: tuple[dict[str, Any], ...]

    @property
    def remaining_amount(self) -> Decimal | None:
        """What the remaining weeks are expected to cost (the amount less paid so far)."""
        return None if self.amount is None else self.amount - self.paid_to_date

    @property
    def upper_bound(self) -> bool:
        """The remaining weeks are the statutory maximum, not an expected duration."""
        return self.expected_return is None and self.amount is not None


def weeks_text(weeks: Fraction) -> str:
    """``12 weeks``, ``1 week 3 days``, ``0 weeks`` (weeks of calendar days ÷ 7)."""
    days = weeks * 7
    if days.denominator != 1:
        return f"{float(weeks):.2f} weeks"
    whole, rest = divmod(int(days), 7)
    text = f"{whole} week{'' if whole == 1 else 's'}"
    if rest:
        text += f" {rest} day{'' if rest == 1 else 's'}"
    return text


def _times(weeks: Fraction, rate: Decimal) -> Decimal:
    return rate * Decimal(weeks.numerator) / Decimal(weeks.denominator)


def _weeks_paid(jurisdiction: str, periods: list[PaidPeriod]) -> Fraction:
    if not periods:
        return Fraction(0)
    if jurisdiction == "NSW":
        first = min(p.first_day for p in periods)
        days = [d for p in periods for d in p.days()]
        return Fraction(len(entitlement_weeks(first, days)))
    return Fraction(sum((p.return_to_work - p.first_day).days for p in periods), 7)


def _current(jurisdiction: str, claim: Claim) -> tuple[str, RateDecision] | None:
    decisions = rate_decisions(claim=claim)
    for benefit in BENEFITS.get(jurisdiction, ()):
        in_force = decisions_in_force(jurisdiction, [d for d in decisions if d.benefit == benefit])
        if in_force:
            return benefit, in_force[-1]
    return None


def _limit(claim: Claim, benefit: str) -> Figure | None:
    name = DURATION_LIMITS.get((claim.jurisdiction, benefit))
    if name is None:
        return None
    try:
        return benefit_parameters(claim.jurisdiction).figure(name, claim.injury_date)
    except MissingFigure:
        return None


def _cite(figure: Figure) -> dict[str, Any]:
    source = figure.source
    return {"citation": source.citation, "url": source.url, "grade": source.grade}


def suggested_indemnity_reserve(
    *, claim: Claim, expected_return: dt.date | None = None, as_at: dt.date
) -> Suggestion | None:
    """The suggested indemnity reserve of ``claim`` on ``as_at`` (see the module's docstring).

    ``None`` when no weekly rate is decided for any of the claim's benefits.
    """
    code = claim.jurisdiction
    found = _current(code, claim)
    if found is None:
        return None
    benefit, decision = found
    rate = decision.weekly_rate
    periods = paid_periods(claim=claim, benefit=benefit)
    paid = sum((p.amount for p in periods), ZERO)
    weeks_paid = _weeks_paid(code, periods)
    limit = _limit(claim, benefit)
    limit_weeks = int(limit.ratio) if limit is not None else None
    citations = (_cite(limit),) if limit is not None else ()
    unit = "entitlement weeks" if code == "NSW" else "calendar weeks (days ÷ 7)"

    basis = [
        f"Weekly rate in force: {dollars(rate)} (decision #{decision.seq}).",
        f"Paid so far: {dollars(paid)} over {weeks_text(weeks_paid)} ({unit}).",
    ]
    left_by_law = None if limit_weeks is None else max(Fraction(limit_weeks) - weeks_paid, Fraction(0))
    law = "" if limit is None else f"{limit.description}: {limit_weeks} weeks ({limit.source.citation})"

    remaining: Fraction | None
    if expected_return is not None:
        start = max([as_at, *(p.return_to_work for p in periods)])
        remaining = Fraction(max((expected_return - start).days, 0), 7)
        basis.append(
            f"Expected return to work {expected_return.isoformat()}: {weeks_text(remaining)} "
            f"from {start.isoformat()}."
        )
        if left_by_law is not None and remaining > left_by_law:
            remaining = left_by_law
            basis.append(f"Capped by the statutory limit, {law}: {weeks_text(remaining)} left.")
    elif left_by_law is not None:
        remaining = left_by_law
        basis.append(
            f"No expected return-to-work date: the statutory maximum duration — an upper bound. "
            f"{law}, less {weeks_text(weeks_paid)} paid: {weeks_text(remaining)} left."
        )
    else:
        remaining = None
        basis.append(
            f"{code} benefit parameters hold no sourced duration limit for {benefit}: an expected "
            "return-to-work date is needed to suggest a reserve."
        )

    if remaining is None:
        amount = None
    else:
        amount = round_money(paid + _times(remaining, rate))
        basis.append(
            f"Suggested reserve: {dollars(paid)} paid + {weeks_text(remaining)} × {dollars(rate)} "
            f"= {dollars(amount)}."
        )
        if code == "NSW":
            second = benefit_parameters(code).figure("second_period_last_week", claim.injury_date)
            if weeks_paid + remaining > second.ratio:
                basis.append(
                    f"Weeks after week {int(second.ratio)} need a continuation decision "
                    f"({second.source.citation}); they are included at the rate in force."
                )
                citations = (*citations, _cite(second))
            basis.append(
                "Every remaining week is counted at the rate in force; a step-down still ahead "
                "(week 14, week 131) is not applied."
            )
    return Suggestion(
        benefit=benefit,
        weekly_rate=rate,
        rate_seq=decision.seq,
        as_at=as_at,
        expected_return=expected_return,
        paid_to_date=paid,
        weeks_paid=weeks_paid,
        limit_weeks=limit_weeks,
        remaining_weeks=remaining,
        amount=amount,
        basis=tuple(basis),
        citations=citations,
    )
