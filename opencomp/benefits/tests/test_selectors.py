"""The benefits summary of a claim, read back from its event log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opencomp.benefits.selectors import (
    PaidPeriod,
    RateDecision,
    benefit_summary,
    decision_for_day,
    decisions_in_force,
    difference_words,
)
from opencomp.benefits.services import (
    WageStatementInput,
    benefit_period_record,
    benefit_rate_decide,
    wage_statement_record,
)
from opencomp.benefits.tests.conftest import lines
from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent

D = dt.date
M = Decimal

pytestmark = pytest.mark.django_db


def test_difference_in_words():
    assert difference_words(M("123.45")) == "Arrears of $123.45 owed to the worker"
    assert difference_words(M("-1173.00")) == "Overpaid by $1,173.00"
    assert difference_words(M("0.00")) == "No difference"


def test_summary_before_anything_is_recorded(book, co_claim):
    # when
    summary = benefit_summary(claim=co_claim)

    # then
    assert summary.jurisdiction == "CO"
    assert summary.basis_label == "AWW"
    assert summary.benefits_available == ("TTD", "TPD")
    assert summary.wage_methods == ("monthly", "hourly", "agreed")
    assert summary.wage_statement is None
    assert summary.average_weekly_wage is None
    assert [b.benefit for b in summary.benefits] == ["TTD", "TPD"]
    assert all(b.current is None and b.total_paid == M("0.00") for b in summary.benefits)
    assert summary.decided == ()
    assert summary.step_downs is None


def test_summary_after_an_overpayment(book, co_claim):
    # given TTD at $1,293.25, four weeks paid, then a lower wage
    adjuster = book.users["adjuster"]
    wage_statement_record(
        actor=adjuster, claim=co_claim, statement=WageStatementInput("monthly", monthly_wage=M("8406.15"))
    )
    first = benefit_rate_decide(actor=adjuster, claim=co_claim, benefit="TTD")
    period = benefit_period_record(
        actor=adjuster, claim=co_claim, benefit="TTD", first_day=D(2023, 9, 2), return_to_work=D(2023, 9, 30)
    )
    second = wage_statement_record(
        actor=adjuster, claim=co_claim, statement=WageStatementInput("monthly", monthly_wage=M("6500.00"))
    )

    # when
    summary = benefit_summary(claim=co_claim)

    # then the latest statement and its AWW
    assert summary.wage_statement is not None
    assert summary.wage_statement.seq == second.seq
    assert summary.wage_statement.method == "monthly"
    assert summary.wage_statement.actor_name == "Avery Adjuster"
    assert summary.average_weekly_wage == M("1500.00")
    assert [s.seq for s in summary.wage_statements] == [second.seq, second.seq - 3]
    # and the current TTD decision with its history, latest first
    ttd = summary.benefit("TTD")
    assert ttd is not None
    assert ttd.current is not None
    assert ttd.current.weekly_rate == M("1000.00")
    assert ttd.current.previous_rate == M("1293.25")
    assert ttd.current.difference == M("-1173.00")
    assert ttd.current.difference_words == "Overpaid by $1,173.00"
    assert ttd.current.actor_name == "Avery Adjuster"  # re-decided for the adjuster who recorded the wage
    assert [d.seq for d in ttd.history] == [ttd.current.seq, first.seq]
    assert ttd.history[1].difference_words == "No difference"
    line = ttd.current.difference_periods[0]
    assert (line.period_seq, line.paid, line.due, line.difference) == (
        period.seq,
        M("5173.00"),
        M("4000.00"),
        M("-1173.00"),
    )
    # and the period paid, with its total
    assert [(p.first_day, p.last_day, p.amount) for p in ttd.periods] == [
        (D(2023, 9, 2), D(2023, 9, 29), M("5173.00"))
    ]
    assert ttd.total_paid == M("5173.00")
    assert summary.decided == (ttd,)


def test_nsw_summary_shows_the_step_down(book, nsw_claim):
    # given the weekly rate decided from Tue 15 Oct 2024 and two weeks paid
    adjuster = book.users["other_adjuster"]
    wage_statement_record(
        actor=adjuster,
        claim=nsw_claim,
        statement=WageStatementInput("piawe", lines=lines(D(2023, 10, 16), 26, "3000.00")),
    )
    benefit_rate_decide(actor=adjuster, claim=nsw_claim, benefit="weekly", week_start=D(2024, 10, 15))
    benefit_period_record(
        actor=adjuster,
        claim=nsw_claim,
        benefit="weekly",
        first_day=D(2024, 10, 15),
        return_to_work=D(2024, 10, 29),
    )

    # when
    summary = benefit_summary(claim=nsw_claim)

    # then
    assert summary.basis_label == "PIAWE"
    assert summary.wage_methods == ("piawe", "agreed")
    assert summary.average_weekly_wage == M("1500.00")
    weekly = summary.benefit("weekly")
    assert weekly is not None
    assert weekly.current is not None
    assert weekly.current.weekly_rate == M("1425.00")
    assert weekly.total_paid == M("2850.00")
    assert summary.step_downs is not None
    assert summary.step_downs.first_incapacity == D(2024, 10, 15)
    assert summary.step_downs.weeks_paid == 2
    assert summary.step_downs.second_period_starts == D(2025, 1, 14)
    assert summary.step_downs.after_130_starts == D(2027, 4, 13)
    assert summary.step_downs.scheduled == (D(2025, 1, 14),)


def test_paid_periods_show_the_disability_they_continue(book, mn_claim):
    # given MN TTD paid in three instalments from Mon 2 Dec 2024, back to back
    adjuster = book.users["adjuster"]
    wage_statement_record(
        actor=adjuster,
        claim=mn_claim,
        statement=WageStatementInput("26_weeks", lines=lines(D(2024, 6, 2), 13, "4800.00")),
    )
    benefit_rate_decide(actor=adjuster, claim=mn_claim, benefit="TTD")
    for first, back in ((D(2024, 12, 2), D(2024, 12, 9)), (D(2024, 12, 9), D(2024, 12, 16))):
        benefit_period_record(
            actor=adjuster, claim=mn_claim, benefit="TTD", first_day=first, return_to_work=back
        )
    benefit_period_record(
        actor=adjuster,
        claim=mn_claim,
        benefit="TTD",
        first_day=D(2024, 12, 16),
        return_to_work=D(2024, 12, 23),
    )

    # when
    ttd = benefit_summary(claim=mn_claim).benefit("TTD")

    # then each period names the first day of the disability; the third found the waiting period settled
    assert ttd is not None
    assert [
        (p.first_day, p.disability_start, p.waiting_paid_back, p.waiting_settled) for p in ttd.periods
    ] == [
        (D(2024, 12, 2), D(2024, 12, 2), False, False),
        (D(2024, 12, 9), D(2024, 12, 2), True, False),
        (D(2024, 12, 16), D(2024, 12, 2), True, True),
    ]
    assert ttd.total_paid == M("4445.28")  # 3 × $1,481.76


def test_a_period_recorded_before_instalments_reads_as_its_own_disability():
    # given a benefit.period_paid payload without disability_start and waiting_settled
    event = ClaimEvent(
        seq=7,
        kind=EventKind.BENEFIT_PERIOD_PAID,
        recorded_at=dt.datetime(2024, 12, 20, tzinfo=dt.UTC),
        payload={
            "benefit": "TTD",
            "first_day": "2024-12-09",
            "return_to_work": "2024-12-16",
            "weekly_rate": "1481.76",
            "rate_seq": 3,
            "days_per_week": 5,
            "work_days": [1, 2, 3, 4, 5],
            "weeks": None,
            "amount": "592.70",
            "waiting_days": ["2024-12-09", "2024-12-10", "2024-12-11"],
            "waiting_paid_back": False,
            "compensable_days": 2,
            "rules_version": "MN-benefits-x",
            "explanation": [],
        },
    )

    # when
    period = PaidPeriod.from_event(event)

    # then
    assert period.disability_start == D(2024, 12, 9)
    assert period.waiting_settled is False


def _decision(seq: int, effective_from: dt.date, rate: str) -> RateDecision:
    return RateDecision(
        seq=seq,
        recorded_at=dt.datetime(2024, 10, 28, tzinfo=dt.UTC),
        actor_name="",
        benefit="weekly",
        weekly_rate=M(rate),
        basis=M("1500.00"),
        injury_date=D(2024, 10, 14),
        effective_from=effective_from,
        wage_statement_seq=1,
        previous_rate=None,
        paid_to_date=M("0.00"),
        due_at_new_rate=M("0.00"),
        difference=M("0.00"),
        difference_periods=(),
        maximum=None,
        minimum=None,
        current_earnings=None,
        hours_worked=None,
        entitlement_week=1,
        week_start=effective_from,
        reason="",
        rules_version="x",
        explanation=(),
        citations=(),
        payload={},
    )


def test_decisions_in_force_by_entitlement_week_in_nsw_and_latest_elsewhere():
    # given a week-1 decision, a week-14 decision, then week 1 decided again
    week1, week14 = D(2024, 10, 15), D(2025, 1, 14)
    decisions = [
        _decision(3, week1, "1425.00"),
        _decision(9, week14, "1200.00"),
        _decision(12, week1, "1520.00"),
    ]

    # then NSW keeps the latest of each week; elsewhere the latest decision alone governs
    assert [d.seq for d in decisions_in_force("NSW", decisions)] == [12, 9]
    assert decision_for_day("NSW", decisions, D(2024, 11, 5)).seq == 12
    assert decision_for_day("NSW", decisions, D(2025, 2, 4)).seq == 9
    assert decision_for_day("NSW", decisions, D(2024, 10, 14)) is None
    assert [d.seq for d in decisions_in_force("CO", decisions)] == [12]
    assert decision_for_day("CO", decisions, D(2025, 2, 4)).seq == 12
