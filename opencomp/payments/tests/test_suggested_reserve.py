"""The suggested indemnity reserve: paid so far + remaining weeks × the weekly rate in force."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
import time_machine
from django.urls import reverse

from opencomp.accounts.services import api_token_issue
from opencomp.benefits.services import (
    WageStatementInput,
    benefit_period_record,
    benefit_rate_decide,
    wage_statement_record,
)
from opencomp.benefits.tests.conftest import NSW_NOW, lines, open_claim
from opencomp.payments.reserves import suggested_indemnity_reserve, weeks_text

D = dt.date
M = Decimal

pytestmark = pytest.mark.django_db


def _co_paid_four_weeks(book):
    """CO injured Fri 1 Sep 2023: TTD $1,293.25; Sat 2 – Fri 29 Sep paid (28 days)."""
    adjuster = book.users["adjuster"]
    claim = open_claim(book, "CO", D(2023, 9, 1))
    wage_statement_record(
        actor=adjuster, claim=claim, statement=WageStatementInput("monthly", monthly_wage=M("8406.15"))
    )
    benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")
    period = benefit_period_record(
        actor=adjuster, claim=claim, benefit="TTD", first_day=D(2023, 9, 2), return_to_work=D(2023, 9, 30)
    )
    return claim, M(period.payload["amount"])


def test_weeks_text():
    assert weeks_text(Fraction(0)) == "0 weeks"
    assert weeks_text(Fraction(10, 7)) == "1 week 3 days"
    assert weeks_text(Fraction(129)) == "129 weeks"


def test_no_rate_decided_no_suggestion(book):
    claim = open_claim(book, "CO", D(2023, 9, 1))

    assert suggested_indemnity_reserve(claim=claim, as_at=D(2023, 9, 10)) is None


def test_mn_without_expected_return_is_the_130_week_limit_less_weeks_paid(book):
    # given MN injured Sun 1 Dec 2024: TTD at the maximum $1,481.76; Mon 2 – Sun 8 Dec paid ($592.70)
    adjuster = book.users["adjuster"]
    claim = open_claim(book, "MN", D(2024, 12, 1))
    wage_statement_record(
        actor=adjuster,
        claim=claim,
        statement=WageStatementInput("26_weeks", lines=lines(D(2024, 6, 2), 13, "4800.00")),
    )
    benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")
    benefit_period_record(
        actor=adjuster, claim=claim, benefit="TTD", first_day=D(2024, 12, 2), return_to_work=D(2024, 12, 9)
    )

    # when
    s = suggested_indemnity_reserve(claim=claim, as_at=D(2024, 12, 9))

    # then 130 − 1 = 129 weeks: $592.70 + 129 × $1,481.76 = $191,739.74
    assert s is not None
    assert (s.benefit, s.weekly_rate, s.paid_to_date) == ("TTD", M("1481.76"), M("592.70"))
    assert (s.weeks_paid, s.limit_weeks, s.remaining_weeks) == (1, 130, 129)
    assert s.amount == M("191739.74")
    assert s.upper_bound
    assert any("upper bound" in line and "130 weeks" in line for line in s.basis)
    assert [c["citation"] for c in s.citations] == ["DLI, TTD"]

    # and an expected return further off than the limit is capped by it
    far = suggested_indemnity_reserve(claim=claim, expected_return=D(2030, 1, 1), as_at=D(2024, 12, 9))
    assert far is not None
    assert far.remaining_weeks == 129
    assert far.amount == M("191739.74")
    assert any(line.startswith("Capped by the statutory limit") for line in far.basis)


def test_nsw_without_expected_return_is_260_weeks_less_entitlement_weeks_paid(book):
    # given NSW injured Mon 14 Oct 2024: weekly payments $1,425.00; two entitlement weeks paid
    adjuster = book.users["other_adjuster"]
    with time_machine.travel(NSW_NOW, tick=False):
        claim = open_claim(book, "NSW", D(2024, 10, 14), nsw=True)
        wage_statement_record(
            actor=adjuster,
            claim=claim,
            statement=WageStatementInput("piawe", lines=lines(D(2023, 10, 16), 26, "3000.00")),
        )
        benefit_rate_decide(actor=adjuster, claim=claim, benefit="weekly", week_start=D(2024, 10, 15))
        benefit_period_record(
            actor=adjuster,
            claim=claim,
            benefit="weekly",
            first_day=D(2024, 10, 15),
            return_to_work=D(2024, 10, 29),
        )

    # when
    s = suggested_indemnity_reserve(claim=claim, as_at=D(2024, 10, 29))

    # then 260 − 2 = 258 weeks: $2,850.00 + 258 × $1,425.00 = $370,500.00
    assert s is not None
    assert (s.benefit, s.weekly_rate, s.paid_to_date) == ("weekly", M("1425.00"), M("2850.00"))
    assert (s.weeks_paid, s.limit_weeks, s.remaining_weeks) == (2, 260, 258)
    assert s.amount == M("370500.00")
    assert any("continuation decision" in line for line in s.basis)
    assert [c["citation"] for c in s.citations] == [
        "Workers Compensation Act 1987 s 39; SIRA GN 3.10",
        "Workers Compensation Act 1987 s 32A (13 + 117 weeks)",
    ]


def test_co_needs_an_expected_return(book):
    # given four weeks paid and no sourced duration limit in Colorado
    claim, paid = _co_paid_four_weeks(book)

    # when no expected return is given
    s = suggested_indemnity_reserve(claim=claim, as_at=D(2023, 10, 2))

    # then no amount, and the basis says why
    assert s is not None
    assert (s.weekly_rate, s.paid_to_date, s.weeks_paid) == (M("1293.25"), paid, 4)
    assert s.amount is None
    assert s.remaining_weeks is None
    assert s.limit_weeks is None
    assert any("expected return-to-work date is needed" in line for line in s.basis)
    assert s.citations == ()


def test_co_with_an_expected_return_counts_days_from_as_at(book):
    claim, paid = _co_paid_four_weeks(book)

    # when the worker is expected back Thu 12 Oct 2023, asked on Mon 2 Oct: 10 days
    s = suggested_indemnity_reserve(claim=claim, expected_return=D(2023, 10, 12), as_at=D(2023, 10, 2))

    # then paid + 10/7 × $1,293.25 = paid + $1,847.50
    assert s is not None
    assert s.remaining_weeks == Fraction(10, 7)
    assert s.amount == paid + M("1847.50")
    assert not s.upper_bound
    assert any("Expected return to work 2023-10-12: 1 week 3 days" in line for line in s.basis)


def test_co_remaining_weeks_start_at_the_end_of_the_last_paid_period_when_later(book):
    claim, paid = _co_paid_four_weeks(book)

    # asked on Mon 25 Sep, but paid to Fri 29 Sep: 14 days from Sat 30 Sep to Sat 14 Oct
    s = suggested_indemnity_reserve(claim=claim, expected_return=D(2023, 10, 14), as_at=D(2023, 9, 25))

    assert s is not None
    assert s.remaining_weeks == 2
    assert s.amount == paid + M("2586.50")


def test_expected_return_before_as_at_leaves_nothing_to_come(book):
    claim, paid = _co_paid_four_weeks(book)

    s = suggested_indemnity_reserve(claim=claim, expected_return=D(2023, 10, 14), as_at=D(2023, 10, 20))

    assert s is not None
    assert s.remaining_weeks == 0
    assert s.amount == paid


def test_ct_without_expected_return_has_no_amount(book):
    # given CT injured Wed 6 Nov 2024: TTD 75% × after-tax AWW $950.00 = $712.50
    adjuster = book.users["adjuster"]
    claim = open_claim(book, "CT", D(2024, 11, 6))
    wage_statement_record(
        actor=adjuster,
        claim=claim,
        statement=WageStatementInput(
            "52_weeks", lines=lines(D(2023, 11, 5), 26, "2400.00"), after_tax_aww=M("950.00")
        ),
    )
    benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")

    s = suggested_indemnity_reserve(claim=claim, as_at=D(2024, 11, 20))

    assert s is not None
    assert (s.weekly_rate, s.paid_to_date, s.weeks_paid) == (M("712.50"), M("0.00"), 0)
    assert s.amount is None
    assert any(
        "CT benefit parameters hold no sourced duration limit for TTD" in line
        and "expected return-to-work date is needed" in line
        for line in s.basis
    )


# --- the financials page -------------------------------------------------------------------------


def test_financials_page_shows_the_suggestion_and_a_prefilled_link(book, client):
    # given a CO claim injured Fri 1 Sep 2023 with TTD decided at $1,293.25, nothing paid
    adjuster = book.users["adjuster"]
    claim = open_claim(book, "CO", D(2023, 9, 1))
    wage_statement_record(
        actor=adjuster, claim=claim, statement=WageStatementInput("monthly", monthly_wage=M("8406.15"))
    )
    benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")
    rate = M("1293.25")
    url = reverse("web:claim_financials", args=[claim.number])
    client.force_login(adjuster)

    # when no expected return is given: Colorado needs one
    plain = client.get(url)
    assert plain.status_code == 200
    assert b"Suggested indemnity reserve" in plain.content
    assert b"expected return-to-work date is needed" in plain.content
    assert b"Use this figure" not in plain.content

    # when the worker is expected back in 14 days (the book's clock: Mon 2 Nov 2026)
    shown = client.get(url, {"expected_return": "2026-11-16"})
    suggestion = shown.context["suggestion"]
    assert suggestion.amount == 2 * rate
    assert b"Use this figure" in shown.content
    assert b"use_suggestion=1" in shown.content

    # and "Use this figure" pre-fills the set-reserve form, writing nothing
    used = client.get(url, {"expected_return": "2026-11-16", "use_suggestion": "1"})
    form = used.context["reserve_form"]
    assert form.initial["amount"] == 2 * rate
    assert (form.initial["category"], form.initial["bucket"]) == ("indemnity", "general")
    assert f'value="{2 * rate}"'.encode() in used.content

    # and an unusable date is said so, not a 500
    bad = client.get(url, {"expected_return": "not-a-date"})
    assert bad.status_code == 200
    assert bad.context["suggestion_form"].errors


# --- the API -------------------------------------------------------------------------------------


def test_api_financials_carry_the_suggestion(book, client):
    # given a CO claim with TTD decided at $1,293.25, nothing paid
    adjuster = book.users["adjuster"]
    claim = open_claim(book, "CO", D(2023, 9, 1))
    wage_statement_record(
        actor=adjuster, claim=claim, statement=WageStatementInput("monthly", monthly_wage=M("8406.15"))
    )
    benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")
    token = api_token_issue(actor=None, user=book.users["auditor"], name="tests")[1]
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/claims/{claim.number}/financials"

    # when asked without and with an expected return (10 days after the book's Mon 2 Nov 2026)
    plain = client.get(url, headers=headers).json()["suggested_indemnity_reserve"]
    dated = client.get(url, {"expected_return": "2026-11-12"}, headers=headers).json()[
        "suggested_indemnity_reserve"
    ]

    # then Colorado needs the date; with it, 10/7 × $1,293.25 = $1,847.50
    assert (plain["benefit"], plain["weekly_rate"], plain["amount"]) == ("TTD", "1293.25", None)
    assert plain["remaining_weeks"] is None
    assert any("expected return-to-work date is needed" in line for line in plain["basis"])
    assert (dated["amount"], dated["remaining_weeks"], dated["as_at"]) == ("1847.50", "1.4286", "2026-11-02")
    assert dated["expected_return"] == "2026-11-12"


def test_api_financials_without_a_rate_have_no_suggestion(book, client):
    token = api_token_issue(actor=None, user=book.users["auditor"], name="tests")[1]
    reply = client.get(
        f"/api/v1/claims/{book.claim.number}/financials", headers={"Authorization": f"Bearer {token}"}
    )

    assert reply.status_code == 200
    assert reply.json()["suggested_indemnity_reserve"] is None
