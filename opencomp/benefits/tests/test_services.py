"""Wage statements, rate decisions and paid periods recorded on the claim's log.

Runs through the real services against the database. Amounts are exact: the
calculators' results, stored as Decimal strings. The book's clock is Monday
2 November 2026, 15:00 UTC; the NSW claim is worked on Monday 28 October 2024.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opencomp.benefits.services import (
    WageStatementInput,
    benefit_period_record,
    benefit_rate_decide,
    wage_statement_record,
)
from opencomp.benefits.tests.conftest import events, lines, open_claim
from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_correct_details
from opencomp.core.errors import Conflict, PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation

D = dt.date
M = Decimal
DECIDED = EventKind.BENEFIT_RATE_DECIDED
PAID = EventKind.BENEFIT_PERIOD_PAID
WAGES = EventKind.WAGE_STATEMENT_RECORDED

pytestmark = pytest.mark.django_db


def monthly(amount: str) -> WageStatementInput:
    return WageStatementInput(method="monthly", monthly_wage=M(amount))


def latest(claim, kind: str) -> ClaimEvent:
    return ClaimEvent.objects.filter(claim=claim, kind=kind).order_by("-seq").first()


def fields(exc: pytest.ExceptionInfo) -> list[str]:
    return [e.field for e in exc.value.errors]


# --- Colorado: wage statement, decision, payment, corrected wage ------------------------


def test_co_monthly_wage_gives_aww_and_the_ttd_maximum(book, co_claim):
    # given a CO claim injured 1 Sep 2023
    adjuster = book.users["adjuster"]

    # when the monthly wage is recorded and the TTD rate decided
    statement = wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))
    decision = benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")

    # then $8,406.15 × 12 ÷ 52 = $1,939.88 and ⅔ of it is the FY 2023-24 maximum $1,293.25
    assert statement.payload["average_weekly_wage"] == "1939.88"
    assert statement.payload["method"] == "monthly"
    assert statement.payload["monthly_wage"] == "8406.15"
    assert statement.payload["explanation"]
    assert statement.payload["rules_version"].startswith("CO-benefits-")
    p = decision.payload
    assert p["weekly_rate"] == "1293.25"
    assert p["basis"] == "1939.88"
    assert p["maximum"] == "1293.25"
    assert p["injury_date"] == "2023-09-01"
    assert p["effective_from"] == "2023-09-01"
    assert p["wage_statement_seq"] == statement.seq
    assert p["previous_rate"] is None
    assert (p["paid_to_date"], p["due_at_new_rate"], p["difference"]) == ("0.00", "0.00", "0.00")
    assert p["difference_periods"] == []
    assert p["citations"]
    assert any("1,939.88" in step for step in p["explanation"])
    assert decision.actor == adjuster


def test_co_paid_period_amount(book, co_claim):
    # given TTD decided at $1,293.25
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))
    decision = benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")

    # when Sat 2 Sep – Fri 29 Sep 2023 is paid (back at work Sat 30 Sep)
    period = benefit_period_record(
        actor=adjuster, claim=co_claim, benefit="TTD", first_day=D(2023, 9, 2), return_to_work=D(2023, 9, 30)
    )

    # then 28 days, longer than two weeks, so the waiting days are paid back: 4 × $1,293.25
    p = period.payload
    assert p["amount"] == "5173.00"
    assert p["weekly_rate"] == "1293.25"
    assert p["rate_seq"] == decision.seq
    assert p["waiting_days"] == ["2023-09-02", "2023-09-03", "2023-09-04"]
    assert p["waiting_paid_back"] is True
    assert p["compensable_days"] == 28
    assert p["days_per_week"] == 7


def test_co_lower_wage_after_payment_shows_the_exact_overpayment(book, co_claim):
    # given TTD at $1,293.25 paid for two periods of four weeks
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))
    first = benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")
    one = benefit_period_record(
        actor=adjuster, claim=co_claim, benefit="TTD", first_day=D(2023, 9, 2), return_to_work=D(2023, 9, 30)
    )
    two = benefit_period_record(
        actor=adjuster,
        claim=co_claim,
        benefit="TTD",
        first_day=D(2023, 9, 30),
        return_to_work=D(2023, 10, 28),
    )
    before = events(co_claim, DECIDED)

    # when a corrected statement lowers the monthly wage to $6,500.00 (AWW $1,500.00, TTD $1,000.00)
    statement = wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("6500.00"))

    # then a new decision shows the overpayment: (4 × $1,000 − $5,173) on each period
    assert events(co_claim, DECIDED) == before + 1
    decision = latest(co_claim, DECIDED)
    p = decision.payload
    assert statement.payload["average_weekly_wage"] == "1500.00"
    assert p["weekly_rate"] == "1000.00"
    assert p["previous_rate"] == "1293.25"
    assert p["wage_statement_seq"] == statement.seq
    assert p["paid_to_date"] == "10346.00"
    assert p["due_at_new_rate"] == "8000.00"
    assert p["difference"] == "-2346.00"
    assert p["difference_periods"] == [
        {
            "period_seq": one.seq,
            "first_day": "2023-09-02",
            "return_to_work": "2023-09-30",
            "paid": "5173.00",
            "due": "4000.00",
            "difference": "-1173.00",
        },
        {
            "period_seq": two.seq,
            "first_day": "2023-09-30",
            "return_to_work": "2023-10-28",
            "paid": "5173.00",
            "due": "4000.00",
            "difference": "-1173.00",
        },
    ]
    assert sum(M(d["difference"]) for d in p["difference_periods"]) == M(p["difference"])
    assert p["reason"] == f"wage statement of 2 Nov 2026 changed the AWW (event #{statement.seq})"
    assert decision.actor == adjuster  # decided again for the adjuster who recorded the statement
    assert first.seq < decision.seq
    assert any("overpaid by $2,346.00" in step for step in p["explanation"])


def test_co_higher_wage_after_payment_shows_the_exact_arrears(book, co_claim):
    # given TTD decided at $1,000.00 on a $6,500.00 monthly wage and four weeks paid
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("6500.00"))
    benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")
    benefit_period_record(
        actor=adjuster, claim=co_claim, benefit="TTD", first_day=D(2023, 9, 2), return_to_work=D(2023, 9, 30)
    )

    # when the wage is corrected up to $8,406.15 a month
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))

    # then arrears of 4 × ($1,293.25 − $1,000.00) are owed to the worker
    p = latest(co_claim, DECIDED).payload
    assert (p["previous_rate"], p["weekly_rate"]) == ("1000.00", "1293.25")
    assert (p["paid_to_date"], p["due_at_new_rate"], p["difference"]) == ("4000.00", "5173.00", "1173.00")


def test_a_wage_statement_that_does_not_change_the_rate_records_no_decision(book, co_claim):
    # given TTD at the maximum $1,293.25
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))
    benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")

    # when a higher wage is recorded (⅔ of it is still above the maximum)
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("9000.00"))

    # then the rate stands: no new decision
    assert events(co_claim, DECIDED) == 1
    assert events(co_claim, WAGES) == 2


def test_co_hourly_method(book, co_claim):
    # given $25.50 an hour, 8 hours a day, 5 days a week: $1,020.00 a week
    statement = WageStatementInput(
        method="hourly", hourly_rate=M("25.50"), hours_per_day=M("8"), days_per_week=M("5")
    )

    # when recorded
    event = wage_statement_record(actor=book.users["adjuster"], claim=co_claim, statement=statement)

    # then
    assert event.payload["average_weekly_wage"] == "1020.00"
    assert (event.payload["hours_per_day"], event.payload["days_per_week"]) == ("8", "5")


def test_agreed_aww_needs_a_note(book, co_claim):
    adjuster = book.users["adjuster"]
    # given an agreed AWW without a note
    with pytest.raises(ValidationFailed) as exc:
        wage_statement_record(
            actor=adjuster,
            claim=co_claim,
            statement=WageStatementInput(method="agreed", agreed_aww=M("1200.00")),
        )
    # then refused, nothing written
    assert fields(exc) == ["note"]
    assert events(co_claim, WAGES) == 0

    # when the note says who agreed it
    event = wage_statement_record(
        actor=adjuster,
        claim=co_claim,
        statement=WageStatementInput(method="agreed", agreed_aww=M("1200.00"), note="Stipulated 3 Oct 2023"),
    )
    # then it is the AWW the rate is decided on
    assert event.payload["average_weekly_wage"] == "1200.00"
    decision = benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")
    assert decision.payload["weekly_rate"] == "800.00"


# --- validation: nothing written ---------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "field"),
    [
        (WageStatementInput(method="26_weeks"), "method"),
        (WageStatementInput(method="monthly"), "monthly_wage"),
        (WageStatementInput(method="monthly", monthly_wage=M("-5.00")), "monthly_wage"),
        (WageStatementInput(method="monthly", monthly_wage=M("100.005")), "monthly_wage"),
        (
            WageStatementInput(method="monthly", monthly_wage=M("5000.00"), hourly_rate=M("20.00")),
            "hourly_rate",
        ),
        (
            WageStatementInput(method="monthly", monthly_wage=M("5000.00"), after_tax_aww=M("900.00")),
            "after_tax_aww",
        ),
        (WageStatementInput(method="hourly", hourly_rate=M("25.50"), hours_per_day=M("8")), "days_per_week"),
        (
            WageStatementInput(
                method="hourly", hourly_rate=M("25.50"), hours_per_day=M("25"), days_per_week=M("5")
            ),
            "hours_per_day",
        ),
    ],
)
def test_a_bad_wage_statement_is_refused_naming_the_field(book, co_claim, statement, field):
    # given a claim with its opening events
    before = events(co_claim)

    # when a statement with a bad figure is recorded
    with pytest.raises(ValidationFailed) as exc:
        wage_statement_record(actor=book.users["adjuster"], claim=co_claim, statement=statement)

    # then the field is named and nothing is written
    assert field in fields(exc)
    assert events(co_claim) == before


def test_a_bad_wage_line_is_named_with_its_index(book, mn_claim):
    # given 13 lines, the third with more than cents
    bad = list(lines(D(2024, 6, 2), 13, "4800.00"))
    bad[2] = bad[2].__class__(bad[2].period_start, bad[2].period_end, M("4800.001"))

    # when recorded
    with pytest.raises(ValidationFailed) as exc:
        wage_statement_record(
            actor=book.users["adjuster"], claim=mn_claim, statement=WageStatementInput("26_weeks", lines=bad)
        )

    # then the calculator's field name is kept
    assert fields(exc) == ["lines[2].amount"]
    assert events(mn_claim, WAGES) == 0


def test_deciding_without_a_wage_statement_is_refused(book, co_claim):
    before = events(co_claim)
    with pytest.raises(ValidationFailed) as exc:
        benefit_rate_decide(actor=book.users["adjuster"], claim=co_claim, benefit="TTD")
    assert fields(exc) == ["wage_statement"]
    assert events(co_claim) == before


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"benefit": "weekly"}, "benefit"),
        ({"benefit": "TTD", "current_earnings": M("100.00")}, "current_earnings"),
        ({"benefit": "TTD", "entitlement_week": 2}, "entitlement_week"),
        ({"benefit": "TPD"}, "current_earnings"),
        ({"benefit": "TPD", "current_earnings": M("-1.00")}, "current_earnings"),
    ],
)
def test_bad_decision_inputs_are_refused(book, co_claim, kwargs, field):
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))
    before = events(co_claim)
    with pytest.raises(ValidationFailed) as exc:
        benefit_rate_decide(actor=adjuster, claim=co_claim, **kwargs)
    assert field in fields(exc)
    assert events(co_claim) == before


def test_tpd_on_current_earnings(book, co_claim):
    # given AWW $1,939.88 and current earnings $600.00
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))

    # when TPD is decided
    decision = benefit_rate_decide(
        actor=adjuster, claim=co_claim, benefit="TPD", current_earnings=M("600.00")
    )

    # then ⅔ × ($1,939.88 − $600.00) = $893.2533… → $893.25, with the earnings kept for a re-decision
    assert decision.payload["weekly_rate"] == "893.25"
    assert decision.payload["current_earnings"] == "600.00"


def test_an_injury_date_without_a_sourced_maximum_is_refused(book):
    # given a CO claim injured 1 Jan 2019 (FY 2018-19: no sourced maximum) with a wage statement
    adjuster = book.users["adjuster"]
    claim = open_claim(book, "CO", D(2019, 1, 1))
    wage_statement_record(actor=adjuster, claim=claim, statement=monthly("8406.15"))
    before = events(claim)

    # when the TTD rate is decided
    with pytest.raises(ValidationFailed) as exc:
        benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")

    # then it is refused on the injury date, with the rule pack's message; nothing is written
    assert fields(exc) == ["injury_date"]
    message = exc.value.errors[0].message
    assert "no sourced figure" in message
    assert "2019-01-01" in message
    assert events(claim) == before


def test_correcting_the_injury_date_to_one_without_a_sourced_maximum_is_refused(book, co_claim):
    # given TTD decided on the CO claim
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))
    benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")
    before = events(co_claim)

    # when the injury date is corrected to 1 Jan 2019
    with pytest.raises(ValidationFailed) as exc:
        claim_correct_details(
            actor=adjuster, claim=co_claim, changes={"injury_date": D(2019, 1, 1)}, reason="Typo in the date."
        )

    # then the whole correction is refused: the rate could not be decided for that date
    assert fields(exc) == ["injury_date"]
    assert "no sourced figure" in exc.value.errors[0].message
    co_claim.refresh_from_db()
    assert co_claim.injury_date == D(2023, 9, 1)
    assert events(co_claim) == before


# --- paid periods ------------------------------------------------------------------------


def test_a_period_needs_a_decided_rate(book, co_claim):
    before = events(co_claim)
    with pytest.raises(ValidationFailed) as exc:
        benefit_period_record(
            actor=book.users["adjuster"],
            claim=co_claim,
            benefit="TTD",
            first_day=D(2023, 9, 2),
            return_to_work=D(2023, 9, 30),
        )
    assert fields(exc) == ["benefit"]
    assert events(co_claim) == before


def test_an_overlapping_period_is_a_conflict(book, co_claim):
    # given Sat 2 Sep – Fri 29 Sep 2023 paid
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))
    benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")
    paid = benefit_period_record(
        actor=adjuster, claim=co_claim, benefit="TTD", first_day=D(2023, 9, 2), return_to_work=D(2023, 9, 30)
    )
    before = events(co_claim)

    # when a period sharing Fri 29 Sep is recorded
    with pytest.raises(Conflict) as exc:
        benefit_period_record(
            actor=adjuster,
            claim=co_claim,
            benefit="TTD",
            first_day=D(2023, 9, 29),
            return_to_work=D(2023, 10, 14),
        )

    # then it is refused and nothing is written
    assert f"event #{paid.seq}" in exc.value.message
    assert events(co_claim) == before


@pytest.mark.parametrize(
    ("first_day", "return_to_work", "field"),
    [
        (D(2023, 8, 30), D(2023, 9, 10), "first_day"),  # before the injury
        (D(2023, 9, 10), D(2023, 9, 10), "return_to_work"),
        (D(2026, 11, 10), D(2026, 11, 20), "first_day"),  # in the future
    ],
)
def test_bad_period_dates_are_refused(book, co_claim, first_day, return_to_work, field):
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))
    benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")
    before = events(co_claim)
    with pytest.raises(ValidationFailed) as exc:
        benefit_period_record(
            actor=adjuster, claim=co_claim, benefit="TTD", first_day=first_day, return_to_work=return_to_work
        )
    assert field in fields(exc)
    assert events(co_claim) == before


# --- Minnesota: 26 weeks, the waiting period, an injury date correction -----------------


def test_mn_26_weeks_waiting_period_and_injury_date_correction(book, mn_claim):
    # given 13 fortnights of $4,800.00 in the 26 weeks before Sun 1 Dec 2024: AWW $2,400.00
    adjuster = book.users["adjuster"]
    statement = wage_statement_record(
        actor=adjuster,
        claim=mn_claim,
        statement=WageStatementInput("26_weeks", lines=lines(D(2024, 6, 2), 13, "4800.00")),
    )
    assert statement.payload["average_weekly_wage"] == "2400.00"
    assert len(statement.payload["lines"]) == 13

    # when TTD is decided: ⅔ × $2,400 = $1,600 is above the maximum $1,481.76
    decision = benefit_rate_decide(actor=adjuster, claim=mn_claim, benefit="TTD")
    assert decision.payload["weekly_rate"] == "1481.76"
    assert decision.payload["minimum"] == "296.35"

    # and Mon 2 – Sun 8 Dec is paid: 7 days, under 10, so Mon–Wed are an unpaid waiting period;
    # Thu and Fri are paid at 1/5 of the weekly rate (a 5-day week), Sat and Sun are not workdays
    short = benefit_period_record(
        actor=adjuster, claim=mn_claim, benefit="TTD", first_day=D(2024, 12, 2), return_to_work=D(2024, 12, 9)
    )
    assert short.payload["waiting_days"] == ["2024-12-02", "2024-12-03", "2024-12-04"]
    assert short.payload["waiting_paid_back"] is False
    assert short.payload["compensable_days"] == 2
    assert short.payload["days_per_week"] == 5  # from the employment record
    assert short.payload["amount"] == "592.70"  # 2/5 × $1,481.76 = $592.704

    # and Tue 10 – Mon 23 Dec: 14 days, past the 10th, so the waiting period is paid back
    long = benefit_period_record(
        actor=adjuster,
        claim=mn_claim,
        benefit="TTD",
        first_day=D(2024, 12, 10),
        return_to_work=D(2024, 12, 24),
    )
    assert long.payload["waiting_paid_back"] is True
    assert long.payload["compensable_days"] == 10
    assert long.payload["amount"] == "2963.52"

    # when the injury date is corrected to Fri 20 Sep 2024 (maximum $1,363.74 for that year)
    decided = events(mn_claim, DECIDED)
    claim_correct_details(
        actor=adjuster, claim=mn_claim, changes={"injury_date": D(2024, 9, 20)}, reason="Date on the report."
    )

    # then the rate is decided again, with the overpayment on both periods
    assert events(mn_claim, DECIDED) == decided + 1
    p = latest(mn_claim, DECIDED).payload
    assert p["weekly_rate"] == "1363.74"
    assert p["previous_rate"] == "1481.76"
    assert p["injury_date"] == "2024-09-20"
    assert "injury date corrected from 2024-12-01 to 2024-09-20" in p["reason"]
    assert [(d["paid"], d["due"], d["difference"]) for d in p["difference_periods"]] == [
        ("592.70", "545.50", "-47.20"),  # 2/5 × $1,363.74 = $545.496
        ("2963.52", "2727.48", "-236.04"),
    ]
    assert (p["paid_to_date"], p["due_at_new_rate"], p["difference"]) == ("3556.22", "3272.98", "-283.24")
    assert any("computed for an injury on 2024-12-01" in step for step in p["explanation"])


def test_correcting_other_details_decides_nothing(book, mn_claim):
    adjuster = book.users["adjuster"]
    wage_statement_record(
        actor=adjuster,
        claim=mn_claim,
        statement=WageStatementInput("26_weeks", lines=lines(D(2024, 6, 2), 13, "4800.00")),
    )
    benefit_rate_decide(actor=adjuster, claim=mn_claim, benefit="TTD")
    claim_correct_details(
        actor=adjuster, claim=mn_claim, changes={"body_part": "Neck"}, reason="Per the doctor."
    )
    assert events(mn_claim, DECIDED) == 1


# --- Minnesota and Colorado: a continuing disability paid in instalments -----------------


def _mn_ttd(book, claim, amount: str = "4800.00"):
    """TTD decided on 13 fortnights of ``amount`` (AWW $2,400.00 → the maximum $1,481.76 by default)."""
    adjuster = book.users["adjuster"]
    wage_statement_record(
        actor=adjuster,
        claim=claim,
        statement=WageStatementInput("26_weeks", lines=lines(D(2024, 6, 2), 13, amount)),
    )
    return benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")


def _pay(book, claim, first_day: dt.date, return_to_work: dt.date, benefit: str = "TTD") -> ClaimEvent:
    return benefit_period_record(
        actor=book.users["adjuster"],
        claim=claim,
        benefit=benefit,
        first_day=first_day,
        return_to_work=return_to_work,
    )


def test_mn_back_to_back_instalments_pay_the_waiting_days_back_in_the_second(book, mn_claim):
    # given TTD at $1,481.76 (a 5-day week: $296.352 a day) and Mon 2 – Sun 8 Dec 2024 paid: 7 days, so
    # Mon 2 – Wed 4 Dec are an unpaid waiting period and Thu 5, Fri 6 are paid (2/5 = $592.704)
    _mn_ttd(book, mn_claim)
    first = _pay(book, mn_claim, D(2024, 12, 2), D(2024, 12, 9))
    assert first.payload["amount"] == "592.70"
    assert first.payload["disability_start"] == "2024-12-02"
    assert first.payload["waiting_paid_back"] is False

    # when the disability continues Mon 9 – Sun 15 Dec (back at work Mon 16 Dec)
    second = _pay(book, mn_claim, D(2024, 12, 9), D(2024, 12, 16))

    # then it is the same disability: it reaches its 10th calendar day (Wed 11 Dec), so its five workdays
    # ($1,481.76) and the three waiting workdays Mon 2 – Wed 4 Dec (3/5 = $889.056 → $889.06) are paid
    p = second.payload
    assert p["disability_start"] == "2024-12-02"
    assert p["waiting_settled"] is False
    assert p["waiting_paid_back"] is True
    assert p["waiting_days"] == ["2024-12-02", "2024-12-03", "2024-12-04"]
    assert p["compensable_days"] == 8
    assert p["amount"] == "2370.82"
    assert any("began on Mon 2 Dec 2024" in step for step in p["explanation"])
    # and the two instalments pay what one period of two weeks pays: 10 workdays, 2 × $1,481.76
    assert M(first.payload["amount"]) + M(p["amount"]) == M("2963.52")

    # when a third instalment follows, Mon 16 – Sun 22 Dec
    third = _pay(book, mn_claim, D(2024, 12, 16), D(2024, 12, 23))

    # then the waiting period is settled: a full week, no waiting day paid again
    assert third.payload["disability_start"] == "2024-12-02"
    assert third.payload["waiting_settled"] is True
    assert third.payload["compensable_days"] == 5
    assert third.payload["amount"] == "1481.76"


def test_a_gap_between_periods_starts_a_new_disability(book, mn_claim):
    # given TTD at $1,481.76 and Mon 2 – Sun 8 Dec 2024 paid (back at work Mon 9 Dec)
    _mn_ttd(book, mn_claim)
    _pay(book, mn_claim, D(2024, 12, 2), D(2024, 12, 9))

    # when the worker is off again Tue 10 – Mon 16 Dec (at work on Mon 9 Dec)
    again = _pay(book, mn_claim, D(2024, 12, 10), D(2024, 12, 17))

    # then it is a new disability with its own waiting period: Tue 10 – Thu 12 unpaid; Fri 13, Mon 16 paid
    p = again.payload
    assert p["disability_start"] == "2024-12-10"
    assert p["waiting_days"] == ["2024-12-10", "2024-12-11", "2024-12-12"]
    assert p["waiting_paid_back"] is False
    assert p["compensable_days"] == 2
    assert p["amount"] == "592.70"


def test_an_earlier_instalment_recorded_after_its_continuation_is_refused(book, mn_claim):
    # given TTD decided and Mon 9 – Sun 15 Dec 2024 paid first
    _mn_ttd(book, mn_claim)
    _pay(book, mn_claim, D(2024, 12, 9), D(2024, 12, 16))
    before = ClaimEvent.objects.filter(claim=mn_claim).count()

    # when the week before it (Mon 2 – Sun 8 Dec), which it continues, is recorded afterwards
    with pytest.raises(Conflict) as caught:
        _pay(book, mn_claim, D(2024, 12, 2), D(2024, 12, 9))

    # then it is refused naming the date and the order to follow, and nothing is written
    assert caught.value.errors[0].field == "return_to_work"
    assert "in order" in caught.value.errors[0].message
    assert ClaimEvent.objects.filter(claim=mn_claim).count() == before


def test_another_benefit_does_not_continue_the_disability(book, mn_claim):
    # given TTD and TPD decided, and TTD paid Mon 2 – Sun 8 Dec 2024
    adjuster = book.users["adjuster"]
    _mn_ttd(book, mn_claim)
    benefit_rate_decide(actor=adjuster, claim=mn_claim, benefit="TPD", current_earnings=M("900.00"))
    _pay(book, mn_claim, D(2024, 12, 2), D(2024, 12, 9))

    # when TPD is paid from Mon 9 Dec
    tpd = _pay(book, mn_claim, D(2024, 12, 9), D(2024, 12, 16), benefit="TPD")

    # then the TPD period is counted on its own (a chain is one benefit's periods)
    assert tpd.payload["disability_start"] == "2024-12-09"
    assert tpd.payload["waiting_paid_back"] is False


def test_a_rate_change_reruns_each_instalment_as_it_was_paid(book, mn_claim):
    # given TTD at $1,481.76 paid in two instalments, Mon 2 – Sun 8 and Mon 9 – Sun 15 Dec 2024
    # ($592.70, then $2,370.82 with the waiting days paid back)
    _mn_ttd(book, mn_claim)
    one = _pay(book, mn_claim, D(2024, 12, 2), D(2024, 12, 9))
    two = _pay(book, mn_claim, D(2024, 12, 9), D(2024, 12, 16))

    # when a wage statement of 13 fortnights of $3,100.00 lowers the AWW to $1,550.00 (TTD $1,033.33)
    _mn_ttd(book, mn_claim, "3100.00")

    # then both instalments are re-run on the same days: the first 2/5 × $1,033.33 = $413.332 → $413.33;
    # the second 3/5 × $1,033.33 = $619.998 → $620.00 for the waiting days paid back, plus a full week
    # $1,033.33 = $1,653.33
    p = latest(mn_claim, DECIDED).payload
    assert p["weekly_rate"] == "1033.33"
    assert p["difference_periods"] == [
        {
            "period_seq": one.seq,
            "first_day": "2024-12-02",
            "return_to_work": "2024-12-09",
            "paid": "592.70",
            "due": "413.33",
            "difference": "-179.37",
        },
        {
            "period_seq": two.seq,
            "first_day": "2024-12-09",
            "return_to_work": "2024-12-16",
            "paid": "2370.82",
            "due": "1653.33",
            "difference": "-717.49",
        },
    ]
    # and the difference is what both come to at the new rate less what was paid
    assert (p["paid_to_date"], p["due_at_new_rate"], p["difference"]) == ("2963.52", "2066.66", "-896.86")


def test_a_rate_change_does_not_pay_a_settled_waiting_period_again(book, mn_claim):
    # given three instalments at $1,481.76: the second paid the waiting period back, the third did not
    _mn_ttd(book, mn_claim)
    _pay(book, mn_claim, D(2024, 12, 2), D(2024, 12, 9))
    _pay(book, mn_claim, D(2024, 12, 9), D(2024, 12, 16))
    _pay(book, mn_claim, D(2024, 12, 16), D(2024, 12, 23))

    # when the rate is lowered to $1,033.33
    _mn_ttd(book, mn_claim, "3100.00")

    # then the third is re-run as a full week only
    p = latest(mn_claim, DECIDED).payload
    assert [(d["paid"], d["due"]) for d in p["difference_periods"]] == [
        ("592.70", "413.33"),
        ("2370.82", "1653.33"),
        ("1481.76", "1033.33"),
    ]
    assert p["due_at_new_rate"] == "3099.99"


def test_co_instalments_pay_the_waiting_days_back_when_the_disability_passes_two_weeks(book, co_claim):
    # given TTD at $1,293.25 and Sat 2 – Mon 11 Sep 2023 paid (10 days: Sat 2 – Mon 4 unpaid; Tue 5 – Fri 8
    # are week 1's 4 days = 4/7 × $1,293.25 = $739.0 → $739.00; Sat 9 – Mon 11 are 3/7 = $554.25)
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))
    benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")
    first = _pay(book, co_claim, D(2023, 9, 2), D(2023, 9, 12))
    assert first.payload["waiting_paid_back"] is False
    assert first.payload["amount"] == "1293.25"

    # when the disability continues Tue 12 – Mon 18 Sep (17 days in all)
    second = _pay(book, co_claim, D(2023, 9, 12), D(2023, 9, 19))

    # then it lasts longer than two weeks: its 7 days and the waiting days Sat 2 – Mon 4 Sep are paid
    p = second.payload
    assert p["disability_start"] == "2023-09-02"
    assert p["waiting_paid_back"] is True
    assert p["compensable_days"] == 10
    # week 1: 3/7 = $554.25; week 2 (Sat 9 – Fri 15): 4/7 = $739.00; week 3 (Sat 16 – Mon 18): $554.25
    assert p["amount"] == "1847.50"
    assert M(first.payload["amount"]) + M(p["amount"]) == M("3140.75")  # 17/7 × $1,293.25


# --- NSW: PIAWE, 95%, the step-down in the diary, whole weeks ---------------------------


def _nsw_statement(amount: str = "3000.00") -> WageStatementInput:
    # 26 fortnights from Mon 16 Oct 2023 to Sun 13 Oct 2024: the 52 weeks before the injury
    return WageStatementInput("piawe", lines=lines(D(2023, 10, 16), 26, amount))


def test_nsw_rate_step_down_notice_and_piawe_correction(book, nsw_claim):
    # given PIAWE from 52 weeks of $3,000.00 fortnights: $78,000 ÷ 52 = $1,500.00
    adjuster = book.users["other_adjuster"]
    statement = wage_statement_record(actor=adjuster, claim=nsw_claim, statement=_nsw_statement())
    assert statement.payload["average_weekly_wage"] == "1500.00"

    # when the weekly rate is decided for entitlement week 1, incapacity from Tue 15 Oct 2024
    decision = benefit_rate_decide(
        actor=adjuster, claim=nsw_claim, benefit="weekly", week_start=D(2024, 10, 15)
    )

    # then 95% × $1,500.00 = $1,425.00 (under the maximum $2,523.00 for the week)
    p = decision.payload
    assert p["weekly_rate"] == "1425.00"
    assert p["basis"] == "1500.00"
    assert p["maximum"] == "2523.00"
    assert (p["entitlement_week"], p["week_start"], p["effective_from"]) == (1, "2024-10-15", "2024-10-15")

    # and week 14 (Tue 14 Jan 2025) is scheduled as the step-down, putting the notice in the diary
    schedule = latest(nsw_claim, EventKind.SCHEDULE_RECORDED)
    assert schedule.seq == decision.seq + 1
    assert schedule.payload["subject"] == "step_down"
    assert schedule.payload["on"] == "2025-01-14"
    notice = Obligation.objects.get(claim=nsw_claim, rule_id="nsw.step_down_notice")
    assert notice.status == "open"
    # 15 business days before Tue 14 Jan 2025, past Christmas, Boxing Day and New Year's Day
    assert notice.due_date == D(2024, 12, 19)

    # when two weeks are paid
    period = benefit_period_record(
        actor=adjuster,
        claim=nsw_claim,
        benefit="weekly",
        first_day=D(2024, 10, 15),
        return_to_work=D(2024, 10, 29),
    )
    assert period.payload["weeks"] == 2
    assert period.payload["amount"] == "2850.00"

    # and the PIAWE is corrected to $1,600.00 (fortnights of $3,200.00)
    wage_statement_record(actor=adjuster, claim=nsw_claim, statement=_nsw_statement("3200.00"))

    # then 95% × $1,600.00 = $1,520.00, with arrears of 2 × $95.00 on the weeks paid
    p = latest(nsw_claim, DECIDED).payload
    assert (p["previous_rate"], p["weekly_rate"]) == ("1425.00", "1520.00")
    assert (p["paid_to_date"], p["due_at_new_rate"], p["difference"]) == ("2850.00", "3040.00", "190.00")
    assert p["reason"].startswith("wage statement of 28 Oct 2024 changed the PIAWE")
    # and the step-down is not scheduled twice
    assert events(nsw_claim, EventKind.SCHEDULE_RECORDED) == 1


def test_nsw_default_entitlement_week_follows_the_weeks_paid(book, nsw_claim):
    adjuster = book.users["other_adjuster"]
    wage_statement_record(actor=adjuster, claim=nsw_claim, statement=_nsw_statement())
    benefit_rate_decide(actor=adjuster, claim=nsw_claim, benefit="weekly", week_start=D(2024, 10, 15))
    benefit_period_record(
        actor=adjuster,
        claim=nsw_claim,
        benefit="weekly",
        first_day=D(2024, 10, 15),
        return_to_work=D(2024, 10, 29),
    )

    decision = benefit_rate_decide(actor=adjuster, claim=nsw_claim, benefit="weekly")

    p = decision.payload
    assert (p["entitlement_week"], p["week_start"], p["effective_from"]) == (3, "2024-10-29", "2024-10-29")
    assert p["difference_periods"] == []  # the weeks paid are governed by the week-1 decision
    assert any("1 + 2 entitlement weeks paid" in step for step in p["explanation"])


@pytest.mark.parametrize(
    ("first_day", "return_to_work", "field"),
    [
        (D(2024, 10, 15), D(2024, 10, 25), "return_to_work"),  # not whole weeks
        (D(2024, 10, 15), D(2025, 1, 21), "return_to_work"),  # runs into week 14
    ],
)
def test_nsw_periods_are_whole_weeks_within_an_entitlement_period(
    book, nsw_claim, first_day, return_to_work, field
):
    adjuster = book.users["other_adjuster"]
    wage_statement_record(actor=adjuster, claim=nsw_claim, statement=_nsw_statement())
    benefit_rate_decide(actor=adjuster, claim=nsw_claim, benefit="weekly", week_start=D(2024, 10, 15))
    before = events(nsw_claim)
    with pytest.raises(ValidationFailed) as exc:
        benefit_period_record(
            actor=adjuster,
            claim=nsw_claim,
            benefit="weekly",
            first_day=first_day,
            return_to_work=return_to_work,
        )
    assert fields(exc) == [field]
    assert events(nsw_claim) == before


def test_nsw_period_off_the_weekly_cycle_is_refused(book, nsw_claim):
    adjuster = book.users["other_adjuster"]
    wage_statement_record(actor=adjuster, claim=nsw_claim, statement=_nsw_statement())
    benefit_rate_decide(actor=adjuster, claim=nsw_claim, benefit="weekly", week_start=D(2024, 10, 15))
    benefit_period_record(
        actor=adjuster,
        claim=nsw_claim,
        benefit="weekly",
        first_day=D(2024, 10, 15),
        return_to_work=D(2024, 10, 22),
    )
    with pytest.raises(ValidationFailed) as exc:
        benefit_period_record(
            actor=adjuster,
            claim=nsw_claim,
            benefit="weekly",
            first_day=D(2024, 10, 23),
            return_to_work=D(2024, 10, 30),
        )
    assert fields(exc) == ["first_day"]


def test_nsw_week_without_a_sourced_maximum_names_week_start(book, nsw_claim):
    # given the PIAWE; the rule pack holds the NSW maximum from 1 Oct 2024 to 31 Mar 2025 only
    adjuster = book.users["other_adjuster"]
    wage_statement_record(actor=adjuster, claim=nsw_claim, statement=_nsw_statement())
    before = events(nsw_claim)

    # when a rate is decided for a week starting Tue 15 Apr 2025
    with pytest.raises(ValidationFailed) as exc:
        benefit_rate_decide(
            actor=adjuster, claim=nsw_claim, benefit="weekly", entitlement_week=27, week_start=D(2025, 4, 15)
        )

    # then the week's start is named, with the rule pack's message
    assert fields(exc) == ["week_start"]
    assert "no sourced figure" in exc.value.errors[0].message
    assert events(nsw_claim) == before


# --- who may do what ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["worker", "other_employer_coordinator", "provider", "auditor", "other_adjuster"]
)
def test_only_claims_staff_or_the_employer_record_wages(book, co_claim, who):
    before = events(co_claim)
    with pytest.raises(PermissionDenied):
        wage_statement_record(actor=book.users[who], claim=co_claim, statement=monthly("8406.15"))
    assert events(co_claim) == before


@pytest.mark.parametrize(
    "who",
    ["worker", "other_employer_coordinator", "provider", "auditor", "employer_coordinator", "other_adjuster"],
)
def test_only_claims_staff_decide_rates_and_record_periods(book, co_claim, who):
    # given a wage statement, a decision and a period by the adjuster
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("8406.15"))
    benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")
    before = events(co_claim)

    # when anyone else tries
    with pytest.raises(PermissionDenied):
        benefit_rate_decide(actor=book.users[who], claim=co_claim, benefit="TTD")
    with pytest.raises(PermissionDenied):
        benefit_period_record(
            actor=book.users[who],
            claim=co_claim,
            benefit="TTD",
            first_day=D(2023, 9, 2),
            return_to_work=D(2023, 9, 30),
        )

    # then nothing is written
    assert events(co_claim) == before


@pytest.mark.parametrize("who", ["employer_coordinator", "employer_supervisor"])
def test_the_claim_employer_records_a_wage_statement(book, co_claim, who):
    # given TTD decided at $1,000.00
    adjuster = book.users["adjuster"]
    wage_statement_record(actor=adjuster, claim=co_claim, statement=monthly("6500.00"))
    benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")

    # when the employer's coordinator (or supervisor) sends the payroll figure
    event = wage_statement_record(actor=book.users[who], claim=co_claim, statement=monthly("8406.15"))

    # then it is recorded as theirs, and the rate is decided again by the system
    assert event.actor == book.users[who]
    decision = latest(co_claim, DECIDED)
    assert decision.payload["weekly_rate"] == "1293.25"
    assert decision.actor is None


def test_supervisor_and_admin_may_decide(book, co_claim):
    wage_statement_record(actor=book.users["supervisor"], claim=co_claim, statement=monthly("8406.15"))
    benefit_rate_decide(actor=book.users["admin"], claim=co_claim, benefit="TTD")
    assert events(co_claim, DECIDED) == 1


# --- Connecticut and the PIAWE date limit -------------------------------------------------


def _ct_statement(after_tax: str | None = "950.00") -> WageStatementInput:
    # 26 fortnights of $2,400.00: the 52 calendar weeks (Sun–Sat) before the week of Wed 6 Nov 2024
    return WageStatementInput(
        "52_weeks",
        lines=lines(D(2023, 11, 5), 26, "2400.00"),
        after_tax_aww=None if after_tax is None else M(after_tax),
    )


def test_ct_rate_on_the_after_tax_aww_and_a_statement_that_cannot_be_decided_on(book):
    # given a CT claim injured Wed 6 Nov 2024, gross AWW $1,200.00, after-tax AWW $950.00
    adjuster = book.users["adjuster"]
    claim = open_claim(book, "CT", D(2024, 11, 6))
    statement = wage_statement_record(actor=adjuster, claim=claim, statement=_ct_statement())
    assert statement.payload["average_weekly_wage"] == "1200.00"
    assert statement.payload["hire_date"] == "2015-03-01"  # from the employment record

    # when TTD is decided: 75% × $950.00
    decision = benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")
    assert decision.payload["weekly_rate"] == "712.50"
    assert decision.payload["basis"] == "950.00"

    # then a statement without the after-tax AWW cannot be decided on: refused as a whole
    before = events(claim)
    with pytest.raises(ValidationFailed) as exc:
        wage_statement_record(actor=adjuster, claim=claim, statement=_ct_statement(None))
    assert fields(exc) == ["after_tax_aww"]
    assert events(claim) == before

    # and a CT period cannot be computed day by day
    with pytest.raises(ValidationFailed) as exc:
        benefit_period_record(
            actor=adjuster,
            claim=claim,
            benefit="TTD",
            first_day=D(2024, 11, 7),
            return_to_work=D(2024, 11, 21),
        )
    assert fields(exc) == ["jurisdiction"]
    assert events(claim) == before


def test_piawe_before_21_october_2019_names_the_injury_date(book):
    claim = open_claim(book, "NSW", D(2019, 6, 3), nsw=True)
    with pytest.raises(ValidationFailed) as exc:
        wage_statement_record(
            actor=book.users["other_adjuster"],
            claim=claim,
            statement=WageStatementInput("piawe", lines=lines(D(2018, 6, 4), 26, "3000.00")),
        )
    assert fields(exc) == ["injury_date"]
    assert "no sourced figure" in exc.value.errors[0].message
    assert events(claim, WAGES) == 0
