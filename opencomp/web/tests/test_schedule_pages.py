"""The payment schedules section of the claim financials page: list, start and stop.

The book's clock is Monday 2 November 2026. The CO claim is injured on Monday 1 June
2026 and accepted; a monthly wage of $6,500.00 gives TTD of $1,000.00 a week
(FY 2025-26 maximum $1,396.85). Colorado pays at least every two weeks, so a schedule
started without an interval pays every 14 days: days 2–15 June are the first period,
due on Monday 15 June 2026 (its last day).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
from opencomp.benefits.tests.conftest import open_claim
from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_assign, claim_transition
from opencomp.payments.enums import Category, ScheduleStatus
from opencomp.payments.models import PaymentSchedule
from opencomp.payments.schedule_services import payment_schedule_start
from opencomp.payments.services import reserve_set
from opencomp.payments.tests.fixtures import give_authority

START = {"schedule-benefit": "TTD", "schedule-first_day": "2026-06-02", "schedule-method": "cheque"}


@pytest.fixture
def co(book):
    adjuster = book.users["adjuster"]
    give_authority(adjuster, payment="5000.00", reserve="100000.00")
    claim = open_claim(book, "CO", dt.date(2026, 6, 1))
    claim = claim_assign(actor=None, claim=claim, adjuster=adjuster)
    claim = claim_transition(actor=None, claim=claim, to_status="accepted")
    statement = WageStatementInput(method="monthly", monthly_wage=Decimal("6500.00"))
    wage_statement_record(actor=adjuster, claim=claim, statement=statement)
    benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")
    reserve_set(
        actor=adjuster, claim=claim, category=Category.INDEMNITY, amount=Decimal("60000.00"), reason="Initial"
    )
    claim.refresh_from_db()
    return claim


def page(claim) -> str:
    return reverse("web:claim_financials", args=[claim.number])


def test_starting_a_schedule_shows_its_interval_rate_and_first_due_date(book, login, co):
    # given
    client = login("adjuster")

    # when
    response = client.post(reverse("web:claim_schedule_start", args=[co.number]), START, follow=True)

    # then
    schedule = PaymentSchedule.objects.get(claim=co)
    assert (schedule.interval_days, schedule.next_due) == (14, dt.date(2026, 6, 15))
    content = response.content.decode()
    started = f"Payment schedule #{schedule.pk} started: Temporary total disability (TTD) every 14 days"
    assert started in content
    assert "first payment due Mon 15 Jun 2026" in content
    section = response.context["schedules"]
    assert [row.rates for row in section] == [["week 1 on: $1,000.00 a week"]]
    assert (section[0].status, section[0].next_due) == ("Paying", "Mon 15 Jun 2026")
    assert ClaimEvent.objects.filter(claim=co, kind=EventKind.PAYMENT_SCHEDULE_STARTED).count() == 1


def test_a_bad_start_is_refused_on_its_field_and_writes_nothing(book, login, co):
    # given
    client = login("adjuster")
    before = ClaimEvent.objects.filter(claim=co).count()

    # when: a first day before the injury, and an interval longer than Colorado allows is not offered
    response = client.post(
        reverse("web:claim_schedule_start", args=[co.number]), {**START, "schedule-first_day": "2026-05-20"}
    )

    # then
    assert response.status_code == 200
    errors = response.context["schedule_form"].errors
    assert "is before the injury date (2026-06-01)" in " ".join(errors["first_day"])
    assert not PaymentSchedule.objects.exists()
    assert ClaimEvent.objects.filter(claim=co).count() == before


def test_stopping_a_schedule_from_the_page(book, login, co):
    # given
    schedule = payment_schedule_start(
        actor=book.users["adjuster"], claim=co, benefit="TTD", first_day=dt.date(2026, 6, 2), method="cheque"
    )
    client = login("adjuster")
    url = reverse("web:claim_schedule_stop", args=[co.number, schedule.pk])

    # when
    data = {f"stop-{schedule.pk}-reason": "return_to_work", f"stop-{schedule.pk}-last_day": "2026-06-20"}
    response = client.post(url, data, follow=True)

    # then
    schedule.refresh_from_db()
    assert (schedule.status, schedule.last_day) == (ScheduleStatus.STOPPED, dt.date(2026, 6, 20))
    assert "nothing after Sat 20 Jun 2026 is paid" in response.content.decode()
    assert response.context["schedules"][0].status == "Stopped: Return to work"
    assert response.context["schedules"][0].stop_form is None


def test_other_without_a_note_is_refused_on_the_note(book, login, co):
    schedule = payment_schedule_start(
        actor=book.users["adjuster"], claim=co, benefit="TTD", first_day=dt.date(2026, 6, 2), method="cheque"
    )
    url = reverse("web:claim_schedule_stop", args=[co.number, schedule.pk])

    data = {f"stop-{schedule.pk}-reason": "other", f"stop-{schedule.pk}-last_day": "2026-06-20"}
    response = login("adjuster").post(url, data)

    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.ACTIVE


def test_an_auditor_sees_the_schedules_but_no_forms(book, login, co):
    payment_schedule_start(
        actor=book.users["adjuster"], claim=co, benefit="TTD", first_day=dt.date(2026, 6, 2), method="cheque"
    )

    response = login("auditor").get(page(co))

    assert response.status_code == 200
    rows = response.context["schedules"]
    assert len(rows) == 1
    assert rows[0].stop_form is None
    assert "schedule_form" not in response.context
    assert "Start a payment schedule" not in response.content.decode()


def test_a_ct_claim_says_why_no_schedule_can_pay(book, login):
    claim = open_claim(book, "CT", dt.date(2026, 6, 1))
    claim_assign(actor=None, claim=claim, adjuster=book.users["adjuster"])

    response = login("adjuster").get(page(claim))

    content = response.content.decode()
    assert "Connecticut&#x27;s waiting period and daily rate are not in the sources held" in content
    assert 'action="' + reverse("web:claim_schedule_start", args=[claim.number]) not in content


def test_a_period_the_run_held_says_why(book, login, co):
    from opencomp.payments.run import payment_run

    payment_schedule_start(
        actor=book.users["adjuster"], claim=co, benefit="TTD", first_day=dt.date(2026, 6, 2), method="cheque"
    )
    reserve_set(
        actor=book.users["adjuster"],
        claim=co,
        category=Category.INDEMNITY,
        amount=Decimal("5000.00"),
        reason="Cut",
    )
    payment_run(through=dt.date(2026, 11, 2))

    response = login("adjuster").get(page(co))

    held = response.context["schedules"][0].held
    assert held.startswith("Held by the run of Mon 2 Nov 2026: reserve too low: $2,000.00 is due")
