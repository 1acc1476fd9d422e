"""The benefits pages: the calculators, and a claim's wage statement, rates and paid periods.

The book's clock stands at Monday 2 Nov 2026. Its CO claim was injured on 20 Oct 2026, a date
the Colorado pack holds no maximum for; the claim tests correct it to 20 Oct 2025 (maximum
$1,396.85). A monthly wage of $4,000.00 is an AWW of $923.08 and a TTD rate of $615.39.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import ClaimDraft, claim_correct_details, claim_create

WEEKLY = {
    "calc": "weekly",
    "weekly-jurisdiction": "CO",
    "weekly-benefit": "TTD",
    "weekly-injury_date": "2023-09-01",
    "weekly-aww": "1939.88",
}
PERIOD = {
    "calc": "period",
    "period-jurisdiction": "CO",
    "period-weekly_rate": "1293.25",
    "period-first_day": "2023-09-02",
    "period-return_to_work": "2023-09-10",
    "period-injury_date": "2023-09-01",
}


def text(response) -> str:
    """The page's text with tags dropped and white space collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def calculators(client, **params):
    return client.get(reverse("web:calculators"), params)


def benefits_url(claim, name: str = "claim_benefits") -> str:
    return reverse(f"web:{name}", args=[claim.number])


def events(claim, kind: str) -> int:
    return ClaimEvent.objects.filter(claim=claim, kind=kind).count()


@pytest.fixture
def co_claim(book):
    """The book's CO claim, its injury date corrected to 20 Oct 2025 (a year with a sourced maximum)."""
    return claim_correct_details(
        actor=None, claim=book.claim, changes={"injury_date": dt.date(2025, 10, 20)}, reason="Year mistyped"
    )


def _mn_claim(book):
    return claim_create(
        actor=None,
        draft=ClaimDraft(
            jurisdiction="MN",
            employer=book.employer,
            worker=book.worker,
            injury_date=dt.date(2025, 10, 20),
            employer_knowledge_date=dt.date(2025, 10, 20),
            claim_type="lost_time",
            nature_of_injury="Strain",
            body_part="Back",
            description="Lifting.",
        ),
    )


# --- the calculators ------------------------------------------------------------------------------


def test_calculator_shows_the_weekly_amount_with_its_steps_citations_and_version(book, login):
    # when
    response = calculators(login("adjuster"), **WEEKLY)

    # then
    assert response.status_code == 200
    page = text(response)
    assert "Temporary total disability (TTD) $1,293.25 a week" in page
    assert "Maximum $1,293.25" in page
    assert "TTD: AWW $1,939.88 × 2/3 = 1293.2533… → $1,293.25 (to the cent, half up)." in page
    assert (
        "C.R.S. 8-42-105(1) — TTD is 66⅔% of the average weekly wage, not more than 91% of the state "
        "average weekly wage" in page
    )
    assert re.search(r"Rules version CO-benefits-\S+", page)
    assert 'href="https://colorado.public.law/statutes/crs_8-42-105"' in response.content.decode()


def test_calculator_refuses_a_date_with_no_sourced_maximum_on_the_injury_date(book, login):
    # when
    response = calculators(login("auditor"), **{**WEEKLY, "weekly-injury_date": "2026-09-01"})

    # then
    form = response.context["form"]
    [error] = form.errors["injury_date"]
    assert error.startswith("CO has no sourced figure for maximum weekly TTD/TPD/PTD rate")
    assert "for injuries on 2026-09-01" in error
    assert "add the sourced value to packs/benefits/co.yaml" in error
    assert response.context["weekly"] is None


def test_calculator_puts_an_input_error_on_its_field(book, login):
    # when: TPD without the current earnings
    response = calculators(login("employer_coordinator"), **{**WEEKLY, "weekly-benefit": "TPD"})

    # then
    assert response.context["form"].errors == {
        "current_earnings": ["CO TPD needs the current weekly earnings"]
    }


def test_calculator_disability_period(book, login):
    # when: off Sat 2 Sep 2023, back Sun 10 Sep (8 days: the waiting period is not paid back)
    response = calculators(login("supervisor"), **PERIOD)

    # then
    page = text(response)
    assert "Amount owed $923.75" in page
    assert "Days paid 5" in page
    assert "Waiting days Sat 2 Sep 2023, Sun 3 Sep 2023, Mon 4 Sep 2023 (not paid)" in page
    assert (
        "Week 1 (Sat 2 Sep 2023 – Fri 8 Sep 2023): 4 paid days × 1/7 of the weekly rate $1,293.25 = $739.00."
        in page
    )


def test_calculator_disability_period_in_nsw_is_refused_on_the_jurisdiction(book, login):
    response = calculators(login("adjuster"), **{**PERIOD, "period-jurisdiction": "NSW"})

    assert list(response.context["form"].errors) == ["jurisdiction"]
    assert response.context["period"] is None


def test_weekly_result_links_to_the_period_calculator_with_the_rate(book, login):
    # given
    client = login("adjuster")
    link = reverse("web:calculators") + "?" + calculators(client, **WEEKLY).context["weekly"].period_query

    # when
    response = client.get(link)

    # then
    form = response.context["period_form"]
    assert not form.is_bound
    assert form.initial == {"jurisdiction": "CO", "weekly_rate": "1293.25", "injury_date": "2023-09-01"}


def test_calculators_are_in_the_navigation_of_staff_only(book, login):
    adjuster_page = login("adjuster").get(reverse("web:work_queue")).content.decode()
    assert f'<a href="{reverse("web:calculators")}">Calculators</a>' in adjuster_page

    worker_page = login("worker").get(reverse("web:work_queue")).content.decode()
    assert "Calculators" not in worker_page


@pytest.mark.parametrize("role", ["worker", "provider"])
def test_workers_and_providers_do_not_use_the_calculators(book, login, role):
    assert calculators(login(role), **WEEKLY).status_code == 403


# --- a claim's benefits ---------------------------------------------------------------------------


def test_claim_page_links_to_the_benefits_except_for_providers(co_claim, login):
    link = f'href="{benefits_url(co_claim)}"'
    claim_url = reverse("web:claim_detail", args=[co_claim.number])

    assert link in login("adjuster").get(claim_url).content.decode()
    assert link not in login("provider").get(claim_url).content.decode()
    assert login("provider").get(benefits_url(co_claim)).status_code == 403


def test_benefits_page_before_any_wage_statement(co_claim, login):
    # when
    response = login("adjuster").get(benefits_url(co_claim))

    # then
    page = text(response)
    assert "No wage statement yet." in page
    assert "Temporary total disability (TTD) No rate decided yet." in page
    methods = [value for value, _label in response.context["wage_form"].fields["method"].choices]
    assert methods == ["monthly", "hourly", "agreed"]
    assert not response.context["wage_form"].uses_lines


def test_what_each_role_is_offered(co_claim, login):
    staff = login("adjuster").get(benefits_url(co_claim)).context
    assert {"wage_form", "rate_form", "period_form"} <= set(staff.keys())

    employer = login("employer_coordinator").get(benefits_url(co_claim)).context
    assert "wage_form" in employer
    assert "rate_form" not in employer

    worker = login("worker").get(benefits_url(co_claim))
    assert worker.status_code == 200
    assert "wage_form" not in worker.context
    assert "Calculators" not in text(worker)


def test_recording_a_wage_statement(co_claim, login):
    # when
    response = login("employer_coordinator").post(
        benefits_url(co_claim, "claim_wage_statement_record"),
        {"wage-method": "monthly", "wage-monthly_wage": "4000.00"},
        follow=True,
    )

    # then
    page = text(response)
    assert "Wage statement recorded (#" in page
    assert "AWW $923.08" in page
    assert "A monthly wage is multiplied by 12 and divided by 52: $4,000.00 × 12 = $48,000.00 a year." in page
    assert events(co_claim, EventKind.WAGE_STATEMENT_RECORDED) == 1


def test_a_rate_needs_a_wage_statement(co_claim, login):
    # when
    response = login("adjuster").post(
        benefits_url(co_claim, "claim_benefit_rate_decide"), {"rate-benefit": "TTD"}
    )

    # then
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Record a wage statement before deciding a rate"]
    assert events(co_claim, EventKind.BENEFIT_RATE_DECIDED) == 0


def _pay_thirty_days(client, claim) -> None:
    client.post(
        benefits_url(claim, "claim_wage_statement_record"),
        {"wage-method": "monthly", "wage-monthly_wage": "4000.00"},
    )
    client.post(benefits_url(claim, "claim_benefit_rate_decide"), {"rate-benefit": "TTD"})
    client.post(
        benefits_url(claim, "claim_benefit_period_record"),
        {"period-benefit": "TTD", "period-first_day": "2025-10-21", "period-return_to_work": "2025-11-20"},
    )


def test_deciding_a_rate_and_recording_a_period(co_claim, login):
    # given
    client = login("adjuster")

    # when
    _pay_thirty_days(client, co_claim)
    response = client.get(benefits_url(co_claim))

    # then
    page = text(response)
    assert "Weekly rate $615.39 a week" in page
    assert "AWW $923.08" in page
    assert "Maximum $1,396.85" in page
    assert "Tue 21 Oct 2025 – Wed 19 Nov 2025 Thu 20 Nov 2025 $615.39" in page
    assert "Total paid $2,637.39" in page
    assert "No difference" in page


def test_an_instalment_that_continues_a_disability_says_so(co_claim, login):
    # given: 30 days paid from Tue 21 Oct 2025 (back Thu 20 Nov)
    client = login("adjuster")
    _pay_thirty_days(client, co_claim)

    # when the disability continues from Thu 20 Nov to Thu 27 Nov
    client.post(
        benefits_url(co_claim, "claim_benefit_period_record"),
        {"period-benefit": "TTD", "period-first_day": "2025-11-20", "period-return_to_work": "2025-11-27"},
    )
    page = text(client.get(benefits_url(co_claim)))

    # then the second period names the disability it continues, and the waiting days were paid earlier
    assert "continues the disability from Tue 21 Oct 2025" in page
    assert "Thu 23 Oct 2025 (paid back)" in page
    assert "Thu 23 Oct 2025 (paid back earlier)" in page


def test_changing_the_wage_after_payments_shows_the_arrears(co_claim, login):
    # given: 30 days paid at $615.39
    client = login("adjuster")
    _pay_thirty_days(client, co_claim)

    # when: the wage is $4,333.33 a month (AWW $1,000.00)
    response = client.post(
        benefits_url(co_claim, "claim_wage_statement_record"),
        {"wage-method": "monthly", "wage-monthly_wage": "4333.33"},
        follow=True,
    )

    # then
    page = text(response)
    assert "rate decided again" in page
    assert "$666.67 a week; arrears of $219.77 owed to the worker." in page
    assert "Arrears of $219.77 owed to the worker (paid $2,637.39; due at this rate $2,857.16)" in page
    assert "$666.67 a week (was $615.39)" in page


def test_lowering_the_wage_after_payments_shows_the_overpayment(co_claim, login):
    # given
    client = login("adjuster")
    _pay_thirty_days(client, co_claim)

    # when: $3,900.00 a month is an AWW of $900.00 and a rate of $600.00
    response = client.post(
        benefits_url(co_claim, "claim_wage_statement_record"),
        {"wage-method": "monthly", "wage-monthly_wage": "3900.00"},
        follow=True,
    )

    # then
    assert "Overpaid by $65.96" in text(response)


def test_a_day_already_paid_is_refused_on_the_first_day(co_claim, login):
    # given
    client = login("adjuster")
    _pay_thirty_days(client, co_claim)

    # when
    response = client.post(
        benefits_url(co_claim, "claim_benefit_period_record"),
        {"period-benefit": "TTD", "period-first_day": "2025-11-19", "period-return_to_work": "2025-11-25"},
    )

    # then
    [error] = response.context["form"].errors["first_day"]
    assert "a day is never paid twice" in error
    assert events(co_claim, EventKind.BENEFIT_PERIOD_PAID) == 1


def _lines(*rows: tuple[str, str, str], total: int = 6) -> dict[str, str]:
    data = {"lines-TOTAL_FORMS": str(total), "lines-INITIAL_FORMS": "0"}
    for i, (start, end, amount) in enumerate(rows):
        if start or end or amount:
            data |= {
                f"lines-{i}-period_start": start,
                f"lines-{i}-period_end": end,
                f"lines-{i}-amount": amount,
            }
    return data


def test_minnesota_wage_lines_table(book, login):
    # given
    claim = _mn_claim(book)

    # when
    response = login("adjuster").get(benefits_url(claim))

    # then
    assert response.context["wage_form"].uses_lines
    assert len(response.context["line_formset"].forms) == 6
    assert "Line 1 gross amount" in response.content.decode()


def test_a_wage_line_error_goes_on_the_row_it_came_from(book, login):
    # given: a blank row between two lines; the second line's amount is negative
    claim = _mn_claim(book)
    data = {"wage-method": "26_weeks"} | _lines(
        ("2025-09-01", "2025-09-07", "900.00"), ("", "", ""), ("2025-09-08", "2025-09-14", "-5.00")
    )

    # when
    response = login("adjuster").post(benefits_url(claim, "claim_wage_statement_record"), data)

    # then: the calculator's lines[1] is the table's third row
    rows = response.context["line_formset"].forms
    assert rows[2].errors == {"amount": ["Gross amount must not be negative"]}
    assert not rows[0].errors
    assert events(claim, EventKind.WAGE_STATEMENT_RECORDED) == 0


def test_an_incomplete_wage_line_is_refused(book, login):
    claim = _mn_claim(book)
    data = {"wage-method": "26_weeks"} | _lines(("2025-09-01", "", "900.00"))

    response = login("adjuster").post(benefits_url(claim, "claim_wage_statement_record"), data)

    assert list(response.context["line_formset"].forms[0].errors) == ["period_end"]
    assert events(claim, EventKind.WAGE_STATEMENT_RECORDED) == 0


def test_minnesota_wage_lines_make_the_aww(book, login):
    # given: 26 weeks of $900 (the 26 weeks before Mon 20 Oct 2025 start Mon 21 Apr 2025)
    claim = _mn_claim(book)
    start = dt.date(2025, 4, 21)
    weeks = [
        (
            (start + dt.timedelta(weeks=i)).isoformat(),
            (start + dt.timedelta(weeks=i, days=6)).isoformat(),
            "900.00",
        )
        for i in range(26)
    ]
    data = {"wage-method": "26_weeks"} | _lines(*weeks, total=26)

    # when
    response = login("adjuster").post(benefits_url(claim, "claim_wage_statement_record"), data, follow=True)

    # then
    assert "AWW $900.00" in text(response)


def test_more_rows_keeps_what_was_typed_and_writes_nothing(book, login):
    # given
    claim = _mn_claim(book)
    data = {"wage-method": "26_weeks", "more_lines": "1"} | _lines(("2025-09-01", "2025-09-07", "900.00"))

    # when
    response = login("adjuster").post(benefits_url(claim, "claim_wage_statement_record"), data)

    # then
    formset = response.context["line_formset"]
    assert len(formset.forms) == 12
    assert formset.forms[0]["amount"].value() == "900.00"
    assert events(claim, EventKind.WAGE_STATEMENT_RECORDED) == 0


def test_nsw_page_shows_the_step_down_date(book, login):
    # given: an NSW claim of Harbour's with the weekly rate decided, a week after the injury
    with time_machine.travel(dt.datetime(2024, 10, 14, 0, 0, tzinfo=dt.UTC), tick=False):
        claim = claim_create(
            actor=None,
            draft=ClaimDraft(
                jurisdiction="NSW",
                employer=book.other_employer,
                worker=book.other_worker,
                injury_date=dt.date(2024, 10, 7),
                employer_knowledge_date=dt.date(2024, 10, 7),
                claim_type="lost_time",
                nature_of_injury="Sprain",
                body_part="Ankle",
                description="Stepped off a forklift.",
            ),
        )
        statement = WageStatementInput(method="agreed", agreed_aww=Decimal("1500.00"), note="Agreed")
        wage_statement_record(actor=None, claim=claim, statement=statement)
        benefit_rate_decide(actor=None, claim=claim, benefit="weekly")

        # when
        response = login("other_adjuster").get(benefits_url(claim))

    # then
    page = text(response)
    assert "PIAWE $1,500.00" in page
    assert "Weekly rate $1,425.00 a week" in page
    assert "Second entitlement period starts Mon 6 Jan 2025" in page
    assert "Scheduled for Mon 6 Jan 2025; the notice is in the diary, due 15 business days before." in page
