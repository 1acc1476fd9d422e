"""The Denver modified duty flow in a real browser (seed 001; issue 7 item 4).

The book's clock is Monday 2 November 2026. The Colorado claim was injured on Monday 1 June
2026 and accepted; a monthly wage of $6,500.00 gives an AWW of $1,500.00 and TTD of $1,000.00
a week, paid from 2 June. The employer runs Denver's Temporary Modified Duty Program.

Restrictions arrive (an RTW pass of Thursday 29 October: lifting at most 20 lb), so the offer
letter is due 5 business days later, Thursday 5 November; the adjuster issues it by certified
mail; the worker accepts; TTD stops and TPD starts from the reduced earnings ($600.00 a week:
2/3 × ($1,500.00 − $600.00) = $600.00, C.R.S. 8-42-106(1)); MMI ends the assignment.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def denver_claim(transactional_db, book):
    from opencomp.accounts.models import Organisation
    from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
    from opencomp.benefits.tests.conftest import open_claim
    from opencomp.claims.services import claim_assign, claim_participant_add, claim_transition
    from opencomp.parties.models import Worker
    from opencomp.payments.schedule_services import payment_schedule_start
    from opencomp.payments.services import reserve_set
    from opencomp.payments.tests.fixtures import give_authority

    Organisation.objects.filter(pk=book.employer.pk).update(
        policies=["modified_duty_program", "light_duty_review"]
    )
    Worker.objects.filter(pk=book.worker.pk).update(
        street="12 Elm St", city="Denver", region="CO", postcode="80203"
    )
    adjuster = book.users["adjuster"]
    give_authority(adjuster, payment="5000.00", reserve="100000.00")
    claim = open_claim(book, "CO", dt.date(2026, 6, 1))
    claim = claim_assign(actor=None, claim=claim, adjuster=adjuster)
    claim_participant_add(actor=None, claim=claim, role="treating_doctor", provider=book.provider)
    claim = claim_transition(actor=None, claim=claim, to_status="accepted")
    statement = WageStatementInput(method="monthly", monthly_wage=Decimal("6500.00"))
    wage_statement_record(actor=adjuster, claim=claim, statement=statement)
    benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")
    reserve_set(actor=adjuster, claim=claim, category="indemnity", amount=Decimal("60000.00"), reason="TTD")
    payment_schedule_start(
        actor=adjuster, claim=claim, benefit="TTD", first_day=dt.date(2026, 6, 2), method="cheque"
    )
    return claim


def _log_in(page: Page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Work queue")).to_be_visible()


def test_restrictions_offer_letter_acceptance_tpd_and_mmi(denver_claim, book, browser_page: Page):
    from opencomp.claims.services import claim_event_append
    from opencomp.deadlines.models import Obligation
    from opencomp.payments.models import PaymentSchedule

    page = browser_page
    number = denver_claim.number
    _log_in(page, "adjuster")

    # given: the treating doctor's RTW pass of Thursday 29 October, recorded on the work status page
    page.goto(f"/claims/{number}/work-status/")
    form = page.locator("form[action$='/work-status/record/']")
    form.get_by_label("Report").select_option(value="rtw_pass")
    form.get_by_label("Examined on").fill("2026-10-29")
    form.get_by_label("Covers from").fill("2026-10-29")
    form.get_by_label("Capacity").select_option(value="partial")
    form.get_by_label("Lifting at most (lb)").fill("20")
    form.locator("select[name='status-provider_id']").select_option(label="Dr Jo Reyes (Treating doctor)")
    form.get_by_role("button", name="Record").click()
    expect(page.get_by_role("status").filter(has_text="recorded")).to_be_visible()

    # then: the modified duty offer letter is due in 5 business days, Thursday 5 November
    page.goto(f"/claims/{number}/obligations/")
    letter_row = page.locator("tr.obligation").filter(has_text="Send the modified duty offer letter")
    expect(letter_row).to_contain_text("Thu 5 Nov 2026")

    # when: the adjuster offers the records clerk assignment, signed off by the doctor, by certified mail
    page.goto(f"/claims/{number}/modified-duty/")
    offer = page.locator("form[action$='/modified-duty/offer/']")
    offer.get_by_label("Position").fill("Records clerk")
    offer.get_by_label("Duties").fill(
        "Scanning and filing work orders; answering the parts counter telephone."
    )
    offer.locator("[name='offer-department']").fill("Fleet Maintenance")
    offer.locator("[name='offer-agency']").fill("Public Works")
    offer.get_by_label("Hours a day").fill("6")
    offer.get_by_label("Days a week").fill("5")
    offer.get_by_label("Weekly earnings ($)").fill("600.00")
    offer.get_by_label("Starts on").fill("2026-11-03")
    offer.get_by_label("Lifting up to (lb)").fill("10")
    offer.get_by_label("Signed off by (treating physician)").fill("Dr Jo Reyes")
    offer.get_by_label("Signed off on").fill("2026-10-30")
    offer.get_by_label("Send by").select_option(value="certified_mail")
    offer.get_by_label("Certified mail article number").fill("9407 1000 0000 0000 0000 01")
    offer.get_by_role("button", name="Issue the offer letter").click()

    # then: the letter was issued (kept on the claim) and the diary item is done
    expect(page.get_by_role("status").filter(has_text="offer letter was issued")).to_be_visible()
    assignment = page.locator("article.assignment").first
    expect(assignment.locator(".assignment-status")).to_have_text("Offered")
    expect(assignment).to_contain_text("Offer of temporary modified duty")
    expect(assignment).to_contain_text("Certified mail (article 9407 1000 0000 0000 0000 01)")
    assert Obligation.objects.get(claim=denver_claim, rule_id="co.modified_duty_letter").status == "satisfied"

    # when: the certified mail is delivered and the worker signs the delivery verification
    delivery = assignment.locator("form[aria-label='Delivery']")
    delivery.get_by_label("Delivered on").fill("2026-11-02")
    delivery.get_by_label("Delivery verification signed by").fill("Maria Lopez")
    delivery.get_by_role("button", name="Record delivery").click()
    expect(page.get_by_role("status").filter(has_text="delivery was recorded")).to_be_visible()
    assignment = page.locator("article.assignment").first
    expect(assignment).to_contain_text("verification signed by Maria Lopez")

    # when: the worker accepts on Monday 2 November
    accept = assignment.locator("form[aria-label='Accept']")
    accept.get_by_label("Accepted on").fill("2026-11-02")
    accept.get_by_role("button", name="Record acceptance").click()

    # then: accepted; TTD stopped on 2 November and TPD paid from 3 November at $600.00 a week
    expect(page.get_by_role("status").filter(has_text="acceptance was recorded")).to_be_visible()
    expect(page.locator("article.assignment .assignment-status").first).to_have_text(
        "Accepted (starts later)"
    )
    ttd = PaymentSchedule.objects.get(claim=denver_claim, benefit="TTD")
    tpd = PaymentSchedule.objects.get(claim=denver_claim, benefit="TPD")
    assert (ttd.status, ttd.last_day) == ("stopped", dt.date(2026, 11, 2))
    assert (tpd.status, tpd.first_day) == ("active", dt.date(2026, 11, 3))
    page.goto(f"/claims/{number}/financials/")
    expect(page.locator("#schedules")).to_contain_text("$600.00 a week")

    # when: the doctor finds MMI
    claim_event_append(
        actor=book.users["adjuster"],
        claim=denver_claim,
        kind="mmi.recorded",
        payload={"mmi_date": "2026-11-02", "provider_name": "Dr Jo Reyes"},
    )

    # then: the assignment has ended at MMI
    page.goto(f"/claims/{number}/modified-duty/")
    ended = page.locator("article.assignment").first
    expect(ended.locator(".assignment-status")).to_have_text("Ended")
    expect(ended).to_contain_text("Maximum medical improvement")
