"""The benefits engine on the demo book: ``seed-demo`` works a sample of lost-time claims through it.

One small book for the module, drawn on Monday 20 January 2025: Colorado injuries
of FY 2023-24 and Minnesota's and Connecticut's recent ones have sourced maxima;
Colorado's FY 2024-25 has none (refused); NSW injuries from 1 October 2024 fall in
a MAX half-year the pack holds, and their step-down dates are still ahead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from opencomp.benefits.calculators.aww import WageLine, average_weekly_wage
from opencomp.benefits.calculators.types import MissingFigure
from opencomp.benefits.calculators.weekly import weekly_benefit
from opencomp.benefits.selectors import benefit_summary
from opencomp.claims.enums import EventKind
from opencomp.claims.events import validate_payload
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.deadlines.models import Obligation
from opencomp.demo import DEMO_USERS
from opencomp.demo.benefits import ADJUSTER_CAP, OTHERS
from opencomp.parties.models import WageRecord

N = 80
SEED = 424242
NOW = dt.datetime(2025, 1, 20, 15, 0, tzinfo=dt.UTC)
SUMMARY = re.compile(
    r"benefits: (\d+) claims with rates decided, (\d+) with wage statements only "
    r"\(no sourced figure for the date\)"
)
WAGES = EventKind.WAGE_STATEMENT_RECORDED
DECIDED = EventKind.BENEFIT_RATE_DECIDED
PAID = EventKind.BENEFIT_PERIOD_PAID


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """One book of ``N`` claims for the whole module, rolled back at the end."""
    out = StringIO()
    with django_db_blocker.unblock(), time_machine.travel(NOW, tick=True), transaction.atomic():
        call_command("seed_demo", claims=N, seed=SEED, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def book(demo_output, db):
    return demo_output


def _logs(*kinds: str) -> dict[int, list[ClaimEvent]]:
    logs: dict[int, list[ClaimEvent]] = defaultdict(list)
    for event in ClaimEvent.objects.filter(kind__in=kinds).order_by("claim_id", "seq"):
        logs[event.claim_id].append(event)
    return logs


def _statement(claim: Claim, seq: int) -> dict:
    return ClaimEvent.objects.get(claim=claim, seq=seq, kind=WAGES).payload


def _wage_lines(payload: dict) -> tuple[WageLine, ...]:
    return tuple(
        WageLine(
            dt.date.fromisoformat(line["period_start"]),
            dt.date.fromisoformat(line["period_end"]),
            Decimal(line["amount"]),
            line["kind"],
            None if line["hours"] is None else Decimal(line["hours"]),
            line["employer"],
        )
        for line in payload["lines"]
    )


def _money(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _rate(claim: Claim, statement: dict, decision: dict | None = None) -> Decimal:
    """The calculator's weekly rate for the claim on ``statement`` (as a decision asked for it)."""
    code = claim.jurisdiction
    aww = Decimal(statement["average_weekly_wage"])
    if code == "NSW":
        week_start = decision and decision["week_start"]
        return weekly_benefit(
            "NSW",
            "weekly",
            injury_date=claim.injury_date,
            piawe=aww,
            entitlement_week=decision["entitlement_week"] if decision else 1,
            week_start=dt.date.fromisoformat(week_start) if week_start else None,
        ).weekly_amount
    return weekly_benefit(
        code,
        "TTD",
        injury_date=claim.injury_date,
        aww=aww,
        after_tax_aww=_money(statement["after_tax_aww"]),
    ).weekly_amount


def test_the_summary_line_counts_the_claims_decided_and_refused(book):
    # given the book's output
    match = SUMMARY.search(book)

    # then the line is there and agrees with the logs
    assert match is not None, book
    decided, refused = int(match[1]), int(match[2])
    with_rate = set(ClaimEvent.objects.filter(kind=DECIDED).values_list("claim_id", flat=True))
    with_wages = set(ClaimEvent.objects.filter(kind=WAGES).values_list("claim_id", flat=True))
    assert decided == len(with_rate) > 0
    assert refused == len(with_wages - with_rate) > 0
    assert len(with_wages) <= ADJUSTER_CAP + OTHERS


def test_every_decided_rate_is_the_calculators_on_the_recorded_wage_statement(book):
    # given every rate decided in the book
    checked = defaultdict(int)
    for claim_id, decisions in _logs(DECIDED).items():
        claim = Claim.objects.get(pk=claim_id)
        for event in decisions:
            decision = event.payload
            statement = _statement(claim, decision["wage_statement_seq"])

            # when the calculators are run again on the statement's own figures
            inputs: dict = {"injury_date": claim.injury_date}
            if statement["method"] == "hourly":
                inputs |= {
                    k: Decimal(statement[k]) for k in ("hourly_rate", "hours_per_day", "days_per_week")
                }
            else:
                inputs["lines"] = _wage_lines(statement)
                if statement["method"] == "52_weeks":
                    inputs["hire_date"] = statement["hire_date"] and dt.date.fromisoformat(
                        statement["hire_date"]
                    )
                if statement["method"] == "piawe":
                    start = statement["employment_start"]
                    inputs["employment_start"] = start and dt.date.fromisoformat(start)
            aww = average_weekly_wage(claim.jurisdiction, statement["method"], **inputs).amount

            # then the AWW and the weekly rate are exactly theirs
            assert Decimal(statement["average_weekly_wage"]) == aww, claim.number
            assert Decimal(decision["weekly_rate"]) == _rate(claim, statement, decision), claim.number
            assert decision["explanation"]
            assert decision["citations"]
            checked[claim.jurisdiction] += 1
    assert set(checked) == {"CO", "CT", "MN", "NSW"}, checked


def test_connecticut_statements_carry_the_after_tax_aww_said_to_be_entered_by_the_adjuster(book):
    statements = ClaimEvent.objects.filter(kind=WAGES, claim__jurisdiction="CT")
    assert statements.exists()
    for event in statements:
        assert Decimal(event.payload["after_tax_aww"]) > 0
        assert (
            "demo: after-tax AWW entered by the adjuster from the Commission's table" in event.payload["note"]
        )


def test_a_corrected_wage_statement_shows_the_arrears_or_the_overpayment(book):
    # given the decisions made again after a corrected wage statement
    redecided = [
        e
        for e in ClaimEvent.objects.filter(kind=DECIDED).select_related("claim")
        if e.payload["previous_rate"] is not None
    ]
    assert redecided

    # then each is on a corrected statement, and one at least has money owed or overpaid
    differences = []
    for event in redecided:
        statement = _statement(event.claim, event.payload["wage_statement_seq"])
        assert statement["note"].startswith("Corrected:"), event.claim.number
        assert event.payload["reason"].startswith("wage statement of")
        assert event.payload["weekly_rate"] != event.payload["previous_rate"]
        lines = event.payload["difference_periods"]
        total = sum((Decimal(p["due"]) - Decimal(p["paid"]) for p in lines), Decimal(0))
        assert Decimal(event.payload["difference"]) == total
        if total:
            differences.append(total)
    assert differences


def test_no_rate_is_decided_for_a_date_without_a_sourced_figure(book):
    # given the claims with a wage statement
    refused = 0
    for claim_id, statements in _logs(WAGES).items():
        claim = Claim.objects.get(pk=claim_id)
        # when the calculator has no figure for the claim's dates
        try:
            _rate(claim, statements[-1].payload)
        except MissingFigure:
            # then the wage statement stands and no rate was decided
            refused += 1
            assert not claim.events.filter(kind__in=(DECIDED, PAID)).exists(), claim.number
        else:
            assert claim.events.filter(kind=DECIDED).exists(), claim.number
    assert refused


def test_paid_periods_follow_the_injury_and_are_not_in_the_future(book):
    periods = ClaimEvent.objects.filter(kind=PAID).select_related("claim")
    assert {p.claim.jurisdiction for p in periods} == {"CO", "MN", "NSW"}  # CT periods are not computed
    for event in periods:
        first_day = dt.date.fromisoformat(event.payload["first_day"])
        back = dt.date.fromisoformat(event.payload["return_to_work"])
        assert event.claim.injury_date < first_day < back <= NOW.date()
        assert Decimal(event.payload["amount"]) > 0


def test_nsw_step_down_is_scheduled_with_its_notice_in_the_diary(book):
    # given the NSW claims with a weekly rate decided
    decided = Claim.objects.filter(jurisdiction="NSW", events__kind=DECIDED).distinct()
    assert decided.exists()
    scheduled = 0
    for claim in decided:
        # then the benefits page has the step-down date
        summary = benefit_summary(claim=claim)
        assert summary.step_downs is not None
        on = summary.step_downs.second_period_starts
        if on > NOW.date():
            # and, while it is ahead, the log schedules it and the diary has the notice
            assert on in summary.step_downs.scheduled
            notice = Obligation.objects.get(claim=claim, rule_id="nsw.step_down_notice")
            assert notice.due_date < on
            scheduled += 1
    assert scheduled


def test_the_demo_adjuster_has_a_claim_with_the_whole_story(book):
    # given the demo adjuster's claims with a wage statement
    claims = Claim.objects.filter(
        assigned_adjuster__username=DEMO_USERS["adjuster"], events__kind=WAGES
    ).distinct()
    # then one at least has a rate with its explanation and periods paid
    whole = [
        c for c in claims if (summary := benefit_summary(claim=c)).decided and summary.decided[0].periods
    ]
    assert whole
    for claim in whole:
        assert claim.events.filter(kind=DECIDED).first().actor.username == DEMO_USERS["adjuster"]


def test_every_event_validates_and_the_payroll_stays_consistent(book):
    for event in ClaimEvent.objects.all():
        assert validate_payload(event.kind, event.payload) == event.payload, (event.claim_id, event.seq)
    for wage in WageRecord.objects.select_related("employment"):
        assert wage.employment.hire_date <= wage.period_start <= wage.period_end
        assert wage.amount > 0
