"""The benefit calculator, end to end in a real browser.

An adjuster opens the calculators from the top bar and works out Colorado TTD for an
injury on 1 September 2023 at an average weekly wage of $1,939.88: two thirds is
$1,293.2533…, which is exactly the 2023-24 maximum, $1,293.25. The page shows the
amount, each step, the statute it comes from and the rules version; the adjuster then
takes the rate to the period calculator for eight days off work.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = pytest.mark.e2e

TTD_CITATION = (
    "C.R.S. 8-42-105(1) — TTD is 66⅔% of the average weekly wage, not more than 91% of the state average "
    "weekly wage"
)


@pytest.fixture
def adjuster(transactional_db) -> object:
    from opencomp.accounts.services import organisation_create, user_create

    insurer = organisation_create(actor=None, kind="insurer", name="Summit Mutual")
    return user_create(
        actor=None,
        username="adjuster",
        password=PASSWORD,
        role="adjuster",
        organisation=insurer,
        first_name="Avery",
        last_name="Adjuster",
        email="adjuster@example.test",
    )


def _log_in(page: Page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Work queue")).to_be_visible()


def test_adjuster_works_out_colorado_ttd_with_its_citation(adjuster, browser_page: Page):
    # given: the adjuster on the calculators page, reached from the top bar
    page = browser_page
    _log_in(page, "adjuster")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calculators").click()
    expect(page.get_by_role("heading", name="Benefit calculators")).to_be_visible()

    # when: Colorado TTD for an injury on 1 Sep 2023 at an AWW of $1,939.88
    weekly = page.locator("#weekly")
    weekly.get_by_label("Jurisdiction").select_option(label="Colorado")
    weekly.get_by_label("Benefit").select_option(value="TTD")
    weekly.get_by_label("Date of injury").fill("2023-09-01")
    weekly.get_by_label("Average weekly wage (AWW)").fill("1939.88")
    weekly.get_by_role("button", name="Calculate the weekly benefit").click()

    # then: the amount, the arithmetic, the statute and the rules version
    result = page.locator("#weekly .calculator__result")
    expect(result.locator(".calculator__amount")).to_have_text("$1,293.25")
    expect(result).to_contain_text(
        "TTD: AWW $1,939.88 × 2/3 = 1293.2533… → $1,293.25 (to the cent, half up)."
    )
    expect(result.locator(".citation").filter(has_text=TTD_CITATION)).to_have_count(1)
    expect(result.get_by_role("link", name=TTD_CITATION)).to_have_attribute(
        "href", "https://colorado.public.law/statutes/crs_8-42-105"
    )
    expect(result.locator(".explanation__version")).to_contain_text("Rules version CO-benefits-")

    # when: the adjuster pays eight days off work at that rate
    result.get_by_role("link", name="Work out a period of disability at this rate").click()
    period = page.locator("#period")
    expect(period.get_by_label("Weekly rate")).to_have_value("1293.25")
    period.get_by_label("First day of disability").fill("2023-09-02")
    period.get_by_label("Back at work on").fill("2023-09-10")
    period.get_by_role("button", name="Calculate the period").click()

    # then: three waiting days are not paid; five days at 1/7 of the weekly rate are
    period_result = page.locator("#period .calculator__result")
    expect(period_result.locator(".calculator__amount")).to_have_text("$923.75")
    expect(period_result.locator(".period__compensable")).to_have_text("5")
    expect(period_result.locator(".period__waiting")).to_have_text(
        "Sat 2 Sep 2023, Sun 3 Sep 2023, Mon 4 Sep 2023 (not paid)"
    )
