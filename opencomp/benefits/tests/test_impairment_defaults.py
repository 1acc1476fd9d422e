"""Impairment ratings (``physicians``) feed the benefits: NSW WPI for s 39, Colorado's combined cap."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opencomp.benefits.selectors import co_combined_cap
from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
from opencomp.benefits.tests.conftest import lines, open_claim
from opencomp.core.errors import ValidationFailed
from opencomp.physicians.services import impairment_rate

D = dt.date


def _nsw_ready(book, claim):
    adjuster = book.users["other_adjuster"]
    wage_statement_record(
        actor=adjuster,
        claim=claim,
        statement=WageStatementInput("piawe", lines=lines(D(2023, 10, 16), 26, "3000.00")),
    )
    return adjuster


def test_nsw_week_261_without_a_rating_pays_nothing(book, nsw_claim):
    adjuster = _nsw_ready(book, nsw_claim)
    decision = benefit_rate_decide(actor=adjuster, claim=nsw_claim, benefit="weekly", entitlement_week=261)
    assert decision.payload["weekly_rate"] == "0.00"
    assert not any("WPI" in step and "rating" in step for step in decision.payload["explanation"])


def test_nsw_wpi_defaults_from_the_latest_rating_and_says_so(book, nsw_claim):
    adjuster = _nsw_ready(book, nsw_claim)
    impairment_rate(
        actor=adjuster, claim=nsw_claim, percent="15", rater_name="Dr A", rated_on=D(2024, 10, 25)
    )
    decision = benefit_rate_decide(actor=adjuster, claim=nsw_claim, benefit="weekly", entitlement_week=261)
    assert decision.payload["weekly_rate"] == "0.00"  # 15% is not more than 20%: s 39 ends payments
    assert (
        "WPI 15% from the impairment rating of 25 Oct 2024 (Whole person impairment (WPI) %, Dr A)."
        in (decision.payload["explanation"])
    )


def test_nsw_a_wpi_over_20_from_the_rating_lifts_the_s39_limit(book, nsw_claim):
    adjuster = _nsw_ready(book, nsw_claim)
    impairment_rate(
        actor=adjuster, claim=nsw_claim, percent="25.5", rater_name="Dr A", rated_on=D(2024, 10, 25)
    )
    # Over 20%: week 261 is payable, so the week's maximum is needed, and none is held for 2029
    with pytest.raises(ValidationFailed) as exc:
        benefit_rate_decide(actor=adjuster, claim=nsw_claim, benefit="weekly", entitlement_week=261)
    assert {e.field for e in exc.value.errors} == {"week_start"}
    # A WPI given by the caller wins over the rating
    decision = benefit_rate_decide(
        actor=adjuster, claim=nsw_claim, benefit="weekly", entitlement_week=261, wpi=Decimal("20")
    )
    assert decision.payload["weekly_rate"] == "0.00"
    assert "WPI 20% as given." in decision.payload["explanation"]


def test_wpi_is_refused_on_us_claims(book, co_claim):
    with pytest.raises(ValidationFailed) as exc:
        benefit_rate_decide(actor=book.users["adjuster"], claim=co_claim, benefit="TTD", wpi=Decimal("10"))
    assert {e.field for e in exc.value.errors} == {"wpi"}


@pytest.mark.parametrize(
    ("percent", "amount", "name"),
    [
        ("12", Decimal("185000.00"), "combined_cap_rating_19_or_less"),
        ("19", Decimal("185000.00"), "combined_cap_rating_19_or_less"),
        ("19.5", Decimal("300000.00"), "combined_cap_rating_over_19"),
    ],
)
def test_co_combined_cap_defaults_from_the_latest_ppd_rating(book, percent, amount, name):
    claim = open_claim(book, "CO", D(2025, 3, 3))
    impairment_rate(
        actor=book.users["adjuster"],
        claim=claim,
        percent=percent,
        rater_name="Dr L2",
        rated_on=D(2026, 10, 30),
    )
    cap = co_combined_cap(claim=claim)
    assert cap is not None
    assert (cap.amount, cap.parameter, cap.rating) == (amount, name, Decimal(percent))
    assert cap.rating_source.startswith("from the impairment rating of 30 Oct 2026")
    assert "8-42-107.5" in cap.citation
    # A rating given by the caller wins
    given = co_combined_cap(claim=claim, rating=Decimal("30"))
    assert given is not None
    assert (given.amount, given.rating_source) == (Decimal("300000.00"), "as given")


def test_co_combined_cap_says_what_is_missing(book):
    claim = open_claim(book, "CO", D(2025, 3, 3))
    cap = co_combined_cap(claim=claim)
    assert cap is not None
    assert cap.amount is None
    assert "No impairment rating recorded" in cap.explanation
    impairment_rate(
        actor=book.users["adjuster"],
        claim=book.claim,
        percent="10",
        rater_name="Dr L2",
        rated_on=D(2026, 10, 30),
    )
    later = co_combined_cap(claim=book.claim)  # injured 20 Oct 2026: no sourced figure held
    assert later is not None
    assert later.amount is None
    assert "no sourced combined cap is held for an injury on 2026-10-20" in later.explanation
    assert co_combined_cap(claim=book.other_claim) is None  # NSW
