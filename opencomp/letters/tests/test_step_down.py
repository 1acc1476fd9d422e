"""NSW step-down notice: the date weekly payments move to 80% of PIAWE, and the new payment.

The clock stands at Monday 28 October 2024 (the NSW maximum is held for October 2024 to
March 2025). The worker was injured on Monday 14 October 2024, incapacitated from Tuesday
15 October; PIAWE is $1,500.00 (52 weeks of $3,000.00 fortnights).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from opencomp.benefits.calculators.aww import WageLine
from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
from opencomp.claims.services import ClaimDraft, claim_create
from opencomp.deadlines.models import Obligation
from opencomp.letters.services import RecipientInput, letter_issue
from opencomp.letters.tests.helpers import stored_text

D = dt.date
NSW_NOW = dt.datetime(2024, 10, 28, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def nsw_claim(book):
    with time_machine.travel(NSW_NOW, tick=False):
        yield claim_create(
            actor=None,
            draft=ClaimDraft(
                jurisdiction="NSW",
                employer=book.other_employer,
                worker=book.other_worker,
                injury_date=D(2024, 10, 14),
                employer_knowledge_date=D(2024, 10, 15),
                notification_date=D(2024, 10, 15),
                claim_type="lost_time",
                nature_of_injury="Strain",
                body_part="Lower back",
                description="Lifting a steel sheet onto the press.",
            ),
        )


def test_the_step_down_notice_gives_the_date_and_the_new_weekly_payment_and_satisfies_the_rule(
    book, nsw_claim
):
    adjuster = book.users["other_adjuster"]
    lines = tuple(
        WageLine(
            period_start=D(2023, 10, 16) + dt.timedelta(days=14 * i),
            period_end=D(2023, 10, 16) + dt.timedelta(days=14 * i + 13),
            amount=Decimal("3000.00"),
        )
        for i in range(26)
    )
    wage_statement_record(actor=adjuster, claim=nsw_claim, statement=WageStatementInput("piawe", lines=lines))
    benefit_rate_decide(actor=adjuster, claim=nsw_claim, benefit="weekly", week_start=D(2024, 10, 15))
    benefit_rate_decide(
        actor=adjuster, claim=nsw_claim, benefit="weekly", entitlement_week=14, week_start=D(2025, 1, 14)
    )
    assert Obligation.objects.get(claim=nsw_claim, rule_id="nsw.step_down_notice").status == "open"

    letter = letter_issue(
        actor=adjuster,
        claim=nsw_claim,
        template_id="nsw.step_down",
        recipients=[RecipientInput("worker", "Tom Nguyen", "mail", address="3 Harbour St\nSydney NSW 2000")],
    )

    text = stored_text(letter)
    assert "From 14 January 2025 your weekly payments move into the second entitlement period" in text
    assert "80% of your pre-injury average weekly earnings (PIAWE) instead of 95%" in text
    assert "Your PIAWE: $1,500.00" in text
    assert "Your weekly payment now $1,425.00" in text  # 95% × $1,500.00
    assert "Your weekly payment from 14 January 2025 $1,200.00" in text  # 80% × $1,500.00
    assert "first day of incapacity, 15 October 2024" in text
    assert Obligation.objects.get(claim=nsw_claim, rule_id="nsw.step_down_notice").status == "satisfied"
