"""Benefits through the API: the calculators, and a claim's wage statements, rates and paid periods.

The book's clock stands at Monday 2 Nov 2026. Its CO claim was injured on 20 Oct 2026, a date the
Colorado pack holds no maximum for; the claim tests correct it to 20 Oct 2025 (maximum $1,396.85).
A monthly wage of $4,000.00 is an AWW of $923.08 (× 12 ÷ 52) and a TTD rate of $615.39 (⅔).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencomp.claims.enums import EventKind, ScheduleSubject
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import ClaimDraft, claim_correct_details, claim_create
from opencomp.deadlines.models import Obligation

CO_TTD_2023 = {"jurisdiction": "CO", "benefit": "TTD", "injury_date": "2023-09-01", "aww": "1939.88"}


def fields(reply) -> list[str]:
    return [e["field"] for e in reply.body["errors"]]


def events(claim, kind: str) -> int:
    return ClaimEvent.objects.filter(claim=claim, kind=kind).count()


@pytest.fixture
def co_claim(book):
    """The book's CO claim, its injury date corrected to 20 Oct 2025 (a year with a sourced maximum)."""
    return claim_correct_details(
        actor=None, claim=book.claim, changes={"injury_date": dt.date(2025, 10, 20)}, reason="Year mistyped"
    )


def url(claim, tail: str) -> str:
    return f"claims/{claim.number}/{tail}"


# --- the calculators ------------------------------------------------------------------------------


def test_weekly_benefit_is_two_thirds_of_the_aww_with_every_step_cited(book, api):
    # when
    reply = api.post("calc/weekly-benefit", CO_TTD_2023, as_="adjuster")

    # then
    assert reply.status == 200
    body = reply.body
    assert body["weekly_amount"] == "1293.25"
    assert body["maximum"] == "1293.25"
    assert body["minimum"] is None
    assert body["inputs"] == {"injury_date": "2023-09-01", "aww": "1939.88"}
    assert "TTD: AWW $1,939.88 × 2/3 = 1293.2533… → $1,293.25 (to the cent, half up)." in body["explanation"]
    assert {
        "citation": "C.R.S. 8-42-105(1) — TTD is 66⅔% of the average weekly wage, not more than 91% of the "
        "state average weekly wage",
        "url": "https://colorado.public.law/statutes/crs_8-42-105",
        "grade": "R",
    } in body["citations"]
    assert body["rules_version"].startswith("CO-benefits-")


def test_a_date_with_no_sourced_maximum_is_refused_naming_the_injury_date(book, api):
    # when
    reply = api.post("calc/weekly-benefit", {**CO_TTD_2023, "injury_date": "2026-09-01"}, as_="auditor")

    # then
    assert reply.status == 400
    assert fields(reply) == ["injury_date"]
    message = reply.body["errors"][0]["message"]
    assert message.startswith("CO has no sourced figure for maximum weekly TTD/TPD/PTD rate")
    assert "(max_weekly) for injuries on 2026-09-01" in message
    assert "add the sourced value to packs/benefits/co.yaml" in message


def test_nsw_maximum_missing_for_the_payment_week_names_week_start(book, api):
    # given: the NSW maximum is held for October 2024 to March 2025 only
    body = {
        "jurisdiction": "NSW",
        "benefit": "weekly",
        "injury_date": "2024-10-07",
        "piawe": "1500.00",
        "entitlement_week": 1,
        "week_start": "2025-10-06",
    }

    # when
    reply = api.post("calc/weekly-benefit", body, as_="compliance_officer")

    # then
    assert reply.status == 400
    assert fields(reply) == ["week_start"]


def test_nsw_weekly_payment_for_the_first_entitlement_period(book, api):
    # when
    reply = api.post(
        "calc/weekly-benefit",
        {
            "jurisdiction": "NSW",
            "benefit": "weekly",
            "injury_date": "2024-10-07",
            "piawe": "1500.00",
            "entitlement_week": 1,
        },
        as_="pool_administrator",
    )

    # then
    assert reply.status == 200
    assert reply.body["weekly_amount"] == "1425.00"
    assert reply.body["maximum"] == "2523.00"


def test_calculator_input_error_names_the_input(book, api):
    # when: TPD without the current earnings
    reply = api.post("calc/weekly-benefit", {**CO_TTD_2023, "benefit": "TPD"}, as_="employer_coordinator")

    # then
    assert reply.status == 400
    assert reply.body["errors"] == [
        {"field": "current_earnings", "message": "CO TPD needs the current weekly earnings"}
    ]


def test_a_benefit_the_jurisdiction_does_not_have_is_refused(book, api):
    reply = api.post("calc/weekly-benefit", {**CO_TTD_2023, "benefit": "weekly"}, as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == ["benefit"]


def test_amounts_as_numbers_with_more_than_cents_are_refused(book, api):
    reply = api.post("calc/weekly-benefit", {**CO_TTD_2023, "aww": "1939.885"}, as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == ["aww"]


def test_disability_period_counts_the_waiting_days_and_pays_by_calendar_day(book, api):
    # when: off Sat 2 Sep 2023, back Sun 10 Sep (8 days: the waiting period is not paid back)
    reply = api.post(
        "calc/disability-period",
        {
            "jurisdiction": "CO",
            "weekly_rate": "1293.25",
            "first_day": "2023-09-02",
            "return_to_work": "2023-09-10",
            "injury_date": "2023-09-01",
        },
        as_="supervisor",
    )

    # then
    assert reply.status == 200
    body = reply.body
    assert body["waiting_days"] == ["2023-09-02", "2023-09-03", "2023-09-04"]
    assert body["waiting_paid_back"] is False
    assert body["compensable_days"] == ["2023-09-05", "2023-09-06", "2023-09-07", "2023-09-08", "2023-09-09"]
    assert body["amount"] == "923.75"  # 4/7 × 1293.25 = 739.00, then 1/7 = 184.75
    assert [d["kind"] for d in body["days"]] == ["waiting"] * 3 + ["compensable"] * 5
    assert body["explanation"][-1].startswith("Total: 5 paid days, $923.75.")
    assert body["rules_version"].startswith("CO-benefits-")


def test_disability_period_continuing_an_earlier_instalment(book, api):
    # when: MN, DLI example 3 paid in two instalments; the second (Tue 8 – Mon 14 Mar 2005) continues a
    # disability that began Tue 1 Mar and reaches its 10th day, so the waiting days Mar 1–3 are paid now
    reply = api.post(
        "calc/disability-period",
        {
            "jurisdiction": "MN",
            "weekly_rate": "500.00",
            "first_day": "2005-03-08",
            "return_to_work": "2005-03-15",
            "disability_start": "2005-03-01",
        },
        as_="adjuster",
    )

    # then: 5 workdays + 3 waiting workdays paid back, 8 × 0.2 × 500.00
    assert reply.status == 200
    assert reply.body["disability_start"] == "2005-03-01"
    assert reply.body["waiting_paid_back"] is True
    assert reply.body["amount"] == "800.00"


def test_disability_period_in_nsw_is_refused_naming_the_jurisdiction(book, api):
    reply = api.post(
        "calc/disability-period",
        {
            "jurisdiction": "NSW",
            "weekly_rate": "100.00",
            "first_day": "2024-10-07",
            "return_to_work": "2024-11-04",
        },
        as_="adjuster",
    )

    assert reply.status == 400
    assert fields(reply) == ["jurisdiction"]


def test_average_weekly_wage_from_a_monthly_wage(book, api):
    reply = api.post(
        "calc/average-weekly-wage",
        {"jurisdiction": "CO", "method": "monthly", "injury_date": "2025-10-20", "monthly_wage": "4000.00"},
        as_="adjuster",
    )

    assert reply.status == 200
    assert reply.body["average_weekly_wage"] == "923.08"
    assert reply.body["weeks"] == "52"


def test_average_weekly_wage_names_the_wage_line_at_fault(book, api):
    # when: the second line ends before it starts
    lines = [
        {"period_start": "2024-03-04", "period_end": "2024-03-10", "amount": "900.00"},
        {"period_start": "2024-03-17", "period_end": "2024-03-11", "amount": "900.00"},
    ]
    reply = api.post(
        "calc/average-weekly-wage",
        {"jurisdiction": "MN", "method": "26_weeks", "injury_date": "2024-09-02", "lines": lines},
        as_="adjuster",
    )

    # then
    assert reply.status == 400
    assert fields(reply) == ["lines.1.period_end"]
    assert reply.body["message"].startswith("lines.1.period_end: line 2 ends (2024-03-11)")


def test_an_input_the_method_does_not_take_is_refused(book, api):
    reply = api.post(
        "calc/average-weekly-wage",
        {"jurisdiction": "MN", "method": "26_weeks", "injury_date": "2024-09-02", "monthly_wage": "4000.00"},
        as_="adjuster",
    )

    assert reply.status == 400
    assert fields(reply) == ["monthly_wage"]


@pytest.mark.parametrize("caller", ["worker", "provider"])
def test_workers_and_providers_do_not_use_the_calculators(book, api, caller):
    reply = api.post("calc/weekly-benefit", CO_TTD_2023, as_=caller)

    assert reply.status == 403


# --- a claim's benefits ---------------------------------------------------------------------------


def test_summary_before_any_wage_statement(co_claim, api):
    reply = api.get(url(co_claim, "benefits"), as_="worker")

    assert reply.status == 200
    body = reply.body
    assert body["claim_number"] == co_claim.number
    assert body["injury_date"] == "2025-10-20"
    assert body["basis_label"] == "AWW"
    assert body["benefits_available"] == ["TTD", "TPD"]
    assert body["wage_methods"] == ["monthly", "hourly", "agreed"]
    assert body["wage_statement"] is None
    assert [b["benefit"] for b in body["benefits"]] == ["TTD", "TPD"]
    assert body["benefits"][0]["current"] is None
    assert body["step_downs"] is None


def test_treating_providers_do_not_see_a_claims_benefits(co_claim, api):
    assert api.get(url(co_claim, "benefits"), as_="provider").status == 403
    assert api.get(url(co_claim, "benefits"), as_="other_adjuster").status == 404


def test_a_rate_needs_a_wage_statement(co_claim, api):
    reply = api.post(url(co_claim, "benefit-rates"), {"benefit": "TTD"}, as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == ["wage_statement"]
    assert events(co_claim, EventKind.BENEFIT_RATE_DECIDED) == 0


def test_employer_coordinator_records_a_wage_statement(co_claim, api):
    # when
    reply = api.post(
        url(co_claim, "wage-statements"),
        {"method": "monthly", "monthly_wage": "4000.00"},
        as_="employer_coordinator",
    )

    # then
    assert reply.status == 201
    body = reply.body
    assert body["method"] == "monthly"
    assert body["average_weekly_wage"] == "923.08"
    assert body["monthly_wage"] == "4000.00"
    assert body["recorded_by"] == str(co_claim.employer.users.get(role="employer_coordinator"))
    assert body["explanation"][-1].endswith("rounded to the cent, half up: $923.08.")
    assert body["redecided"] == []
    assert events(co_claim, EventKind.WAGE_STATEMENT_RECORDED) == 1


def test_wage_statement_method_must_fit_the_jurisdiction(co_claim, api):
    reply = api.post(
        url(co_claim, "wage-statements"),
        {
            "method": "26_weeks",
            "lines": [{"period_start": "2025-04-01", "period_end": "2025-04-30", "amount": "1"}],
        },
        as_="adjuster",
    )

    assert reply.status == 400
    assert fields(reply) == ["method"]
    assert events(co_claim, EventKind.WAGE_STATEMENT_RECORDED) == 0


def test_wage_statement_wage_line_errors_use_dotted_paths(book, api):
    # given: a Minnesota claim
    claim = claim_create(
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
    lines = [
        {"period_start": "2025-09-01", "period_end": "2025-09-07", "amount": "900.00"},
        {"period_start": "2025-09-08", "period_end": "2025-09-14", "amount": "-5.00"},
    ]

    # when
    reply = api.post(url(claim, "wage-statements"), {"method": "26_weeks", "lines": lines}, as_="adjuster")

    # then
    assert reply.status == 400
    assert fields(reply) == ["lines.1.amount"]
    assert "lines.1.amount" in reply.body["message"]


def _paid_ttd(claim, api) -> None:
    """A wage statement of $4,000 a month, the TTD rate decided on it and 30 days paid."""
    api.post(url(claim, "wage-statements"), {"method": "monthly", "monthly_wage": "4000.00"}, as_="adjuster")
    api.post(url(claim, "benefit-rates"), {"benefit": "TTD"}, as_="adjuster")
    reply = api.post(
        url(claim, "benefit-periods"),
        {"benefit": "TTD", "first_day": "2025-10-21", "return_to_work": "2025-11-20"},
        as_="adjuster",
    )
    assert reply.status == 201


def test_deciding_the_ttd_rate(co_claim, api):
    # given
    api.post(
        url(co_claim, "wage-statements"), {"method": "monthly", "monthly_wage": "4000.00"}, as_="adjuster"
    )

    # when
    reply = api.post(url(co_claim, "benefit-rates"), {"benefit": "TTD", "reason": "Initial"}, as_="adjuster")

    # then
    assert reply.status == 201
    body = reply.body
    assert body["weekly_rate"] == "615.39"
    assert body["basis"] == "923.08"
    assert body["maximum"] == "1396.85"
    assert body["previous_rate"] is None
    assert body["difference"] == "0.00"
    assert body["difference_words"] == "No difference"
    assert body["reason"] == "Initial"
    assert body["explanation"][0] == (
        "Average weekly wage $923.08 from the wage statement of 2 Nov 2026 "
        f"(event #{body['wage_statement_seq']}, monthly method)."
    )
    assert any(c["citation"].startswith("C.R.S. 8-42-105(1)") for c in body["citations"])


def test_recording_a_paid_period(co_claim, api):
    # given
    api.post(
        url(co_claim, "wage-statements"), {"method": "monthly", "monthly_wage": "4000.00"}, as_="adjuster"
    )
    rate = api.post(url(co_claim, "benefit-rates"), {"benefit": "TTD"}, as_="adjuster").body

    # when: off 21 Oct, back 20 Nov 2025: 30 days, longer than two weeks, so the waiting days are paid back
    reply = api.post(
        url(co_claim, "benefit-periods"),
        {"benefit": "TTD", "first_day": "2025-10-21", "return_to_work": "2025-11-20"},
        as_="adjuster",
    )

    # then
    assert reply.status == 201
    body = reply.body
    assert body["rate_seq"] == rate["seq"]
    assert body["weekly_rate"] == "615.39"
    assert body["amount"] == "2637.39"  # 4 × 615.39 + 2/7 × 615.39 (175.83)
    assert body["compensable_days"] == 30
    assert body["waiting_days"] == ["2025-10-21", "2025-10-22", "2025-10-23"]


def test_a_day_already_paid_is_a_conflict(co_claim, api):
    # given
    _paid_ttd(co_claim, api)

    # when
    reply = api.post(
        url(co_claim, "benefit-periods"),
        {"benefit": "TTD", "first_day": "2025-11-19", "return_to_work": "2025-11-25"},
        as_="adjuster",
    )

    # then
    assert reply.status == 409
    assert fields(reply) == ["first_day"]
    assert events(co_claim, EventKind.BENEFIT_PERIOD_PAID) == 1


def test_a_higher_wage_after_payments_shows_the_exact_arrears(co_claim, api):
    # given: 30 days paid at $615.39
    _paid_ttd(co_claim, api)

    # when: the wage turns out to be $4,333.33 a month (AWW $1,000.00)
    reply = api.post(
        url(co_claim, "wage-statements"), {"method": "monthly", "monthly_wage": "4333.33"}, as_="adjuster"
    )

    # then: the rate is decided again and the same 30 days come to $2,857.16
    assert reply.status == 201
    assert reply.body["average_weekly_wage"] == "1000.00"
    [decision] = reply.body["redecided"]
    assert decision["weekly_rate"] == "666.67"
    assert decision["previous_rate"] == "615.39"
    assert decision["paid_to_date"] == "2637.39"
    assert decision["due_at_new_rate"] == "2857.16"
    assert decision["difference"] == "219.77"
    assert decision["difference_words"] == "Arrears of $219.77 owed to the worker"
    assert decision["reason"].startswith("wage statement of 2 Nov 2026 changed the AWW")
    [line] = decision["difference_periods"]
    assert (line["paid"], line["due"], line["difference"]) == ("2637.39", "2857.16", "219.77")


def test_a_lower_wage_after_payments_shows_the_overpayment(co_claim, api):
    # given
    _paid_ttd(co_claim, api)

    # when: $3,900.00 a month is an AWW of $900.00 and a rate of $600.00
    reply = api.post(
        url(co_claim, "wage-statements"), {"method": "monthly", "monthly_wage": "3900.00"}, as_="adjuster"
    )

    # then: 4 × 600.00 + 2/7 × 600.00 (171.43) = 2571.43; paid 2637.39
    [decision] = reply.body["redecided"]
    assert decision["weekly_rate"] == "600.00"
    assert decision["due_at_new_rate"] == "2571.43"
    assert decision["difference"] == "-65.96"
    assert decision["difference_words"] == "Overpaid by $65.96"


def test_summary_after_payments(co_claim, api):
    # given
    _paid_ttd(co_claim, api)
    api.post(
        url(co_claim, "wage-statements"), {"method": "monthly", "monthly_wage": "4333.33"}, as_="adjuster"
    )

    # when
    reply = api.get(url(co_claim, "benefits"), as_="employer_supervisor")

    # then
    assert reply.status == 200
    body = reply.body
    assert body["average_weekly_wage"] == "1000.00"
    assert [w["average_weekly_wage"] for w in body["wage_statements"]] == ["1000.00", "923.08"]
    ttd = body["benefits"][0]
    assert ttd["current"]["weekly_rate"] == "666.67"
    assert [d["weekly_rate"] for d in ttd["history"]] == ["666.67", "615.39"]
    assert [d["difference_words"] for d in ttd["history"]] == [
        "Arrears of $219.77 owed to the worker",
        "No difference",
    ]
    assert [p["amount"] for p in ttd["periods"]] == ["2637.39"]
    assert ttd["total_paid"] == "2637.39"


def test_nsw_rate_decision_schedules_the_step_down(book, api):
    # given: an NSW claim of Harbour's, on 14 Oct 2024, a week after the injury
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
        api.post(
            url(claim, "wage-statements"),
            {"method": "agreed", "agreed_aww": "1500.00", "note": "Agreed with the employer"},
            as_="other_adjuster",
        )

        # when
        reply = api.post(url(claim, "benefit-rates"), {"benefit": "weekly"}, as_="other_adjuster")
        summary = api.get(url(claim, "benefits"), as_="other_adjuster").body

    # then: week 1 at 95% of the PIAWE; the second entitlement period starts with week 14
    assert reply.status == 201, reply.body
    assert reply.body["weekly_rate"] == "1425.00"
    assert reply.body["entitlement_week"] == 1
    assert summary["basis_label"] == "PIAWE"
    assert summary["step_downs"]["second_period_starts"] == "2025-01-06"
    assert summary["step_downs"]["scheduled"] == ["2025-01-06"]
    schedule = ClaimEvent.objects.get(claim=claim, kind=EventKind.SCHEDULE_RECORDED)
    assert schedule.payload["subject"] == ScheduleSubject.STEP_DOWN
    # and the notice is in the diary, 15 NSW business days before (Christmas, Boxing Day, New Year skipped)
    notice = Obligation.objects.get(claim=claim, rule_id="nsw.step_down_notice")
    assert notice.title == "Give notice of the step-down in weekly payments"
    assert notice.due_date == dt.date(2024, 12, 11)
