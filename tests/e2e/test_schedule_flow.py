"""Recurring indemnity in a real browser: start a payment schedule, see the run pay it, stop it.

The book's clock is Monday 2 November 2026. The Colorado claim was injured on Monday
1 June 2026 and accepted; a monthly wage of $6,500.00 gives TTD of $1,000.00 a week.
Colorado pays at least every two weeks, so the schedule pays 2–15 June first: $1,571.43
(the first three days are the waiting period, paid back once the disability passes two
weeks — here not yet, so 11 of 14 days: $1,000.00 × 11 / 7 = $1,571.43).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def co_claim(transactional_db, book):
    from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
    from opencomp.benefits.tests.conftest import open_claim
    from opencomp.claims.services import claim_assign, claim_transition
    from opencomp.payments.services import reserve_set
    from opencomp.payments.tests.fixtures import give_authority

    adjuster = book.users["adjuster"]
    give_authority(adjuster, payment="5000.00", reserve="100000.00")
    claim = open_claim(book, "CO", dt.date(2026, 6, 1))
    claim = claim_assign(actor=None, claim=claim, adjuster=adjuster)
    claim = claim_transition(actor=None, claim=claim, to_status="accepted")
    statement = WageStatementInput(method="monthly", monthly_wage=Decimal("6500.00"))
    wage_statement_record(actor=adjuster, claim=claim, statement=statement)
    benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")
    reserve_set(actor=adjuster, claim=claim, category="indemnity", amount=Decimal("60000.00"), reason="TTD")
    return claim


def _log_in(page: Page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Work queue")).to_be_visible()


def test_adjuster_starts_a_schedule_the_run_pays_it_and_a_return_to_work_stops_it(
    co_claim, browser_page: Page
):
    from opencomp.payments.run import payment_run

    # given: the adjuster on the claim's financials page
    page = browser_page
    _log_in(page, "adjuster")
    page.goto(f"/claims/{co_claim.number}/financials/")
    section = page.locator("#schedules")
    expect(section).to_contain_text("No payment schedules")

    # when: a TTD schedule from Tuesday 2 June, by cheque, at Colorado's interval
    section.get_by_text("Start a payment schedule").click()
    form = section.locator("form[action$='/financials/schedules/']")
    form.get_by_label("Benefit").select_option(value="TTD")
    form.get_by_label("First day paid").fill("2026-06-02")
    form.get_by_label("Method").select_option(value="cheque")
    form.get_by_role("button", name="Start the schedule").click()

    # then: started, every 14 days, first due on Monday 15 June
    expect(page.get_by_role("status").filter(has_text="started")).to_contain_text(
        "every 14 days from Tue 2 Jun 2026, first payment due Mon 15 Jun 2026"
    )
    row = page.locator("#schedules tbody tr").first
    expect(row).to_contain_text("every 14 days")
    expect(row).to_contain_text("week 1 on: $1,000.00 a week")

    # when: the payment run pays the first period, and the page is shown again
    assert payment_run(through=dt.date(2026, 6, 15)).payments == 1
    page.reload()

    # then: the period is in the payment history, the cursor has moved
    expect(page.locator("#schedules tbody tr").first).to_contain_text("1 period paid")
    expect(page.locator("#schedules tbody tr").first).to_contain_text("Mon 29 Jun 2026")
    expect(page.locator("#history")).to_contain_text("$1,571.43")

    # when: the worker returned to work on Saturday 20 June: stop after Friday 19 June
    page.locator("#schedules").get_by_text("Stop schedule").click()
    stop = page.locator("#schedules form[action$='/stop/']")
    stop.get_by_label("Reason").select_option(label="Return to work")
    stop.get_by_label("Last day paid").fill("2026-06-19")
    stop.get_by_role("button", name="Stop the schedule").click()

    # then
    expect(page.get_by_role("status").filter(has_text="stopped")).to_contain_text(
        "nothing after Fri 19 Jun 2026 is paid"
    )
    expect(page.locator("#schedules tbody tr").first).to_contain_text("Stopped: Return to work")
