"""The plans page: issue, revise and share an injury management plan, decide work capacity, send the notice.

The book's clock is Monday 2 November 2026; the NSW claim is a significant injury of Monday
26 October, notified Tuesday 27 October 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_assign
from opencomp.consent.services import consent_give
from opencomp.deadlines.tests.claims import open_claim
from opencomp.letters.models import Letter
from opencomp.plans.models import PlanVersion, WorkCapacityDecision
from opencomp.plans.services import plan_create

D = dt.date

IMP = {
    "plan-kind": "injury_management",
    "plan-issued_on": "2026-11-02",
    "plan-goal": "Return to pre-injury duties by January 2027",
    "plan-review_on": "2026-11-30",
    "plan-actions": (
        "Maria Lopez | worker | Attend physiotherapy twice a week | Better movement | 2026-11-20\n"
        "Pat Reed | employer | Find packing duties | Duties offered | 2026-11-13"
    ),
}


@pytest.fixture
def nsw(book):
    claim = open_claim(book, "NSW", significant_injury=True)
    return claim_assign(actor=None, claim=claim, adjuster=book.users["adjuster"])


def _url(name: str, *args) -> str:
    return reverse(f"web:{name}", args=list(args))


def test_the_adjuster_issues_revises_and_shares_the_plan(book, nsw, login):
    client = login("adjuster")

    response = client.post(_url("claim_plan_create", nsw.number), IMP)
    assert response.status_code == 302
    plan = PlanVersion.objects.get().plan
    page = client.get(_url("claim_plans", nsw.number)).content.decode()
    assert "Version 1 of 2 Nov 2026" in page
    assert "Attend physiotherapy twice a week" in page

    prefix = f"plan{plan.pk}"
    revision = {k.replace("plan-", f"{prefix}-"): v for k, v in IMP.items()}
    revision[f"{prefix}-changes"] = "Goal moved after the specialist's review"
    revision[f"{prefix}-goal"] = "Return to pre-injury duties by February 2027"
    assert client.post(_url("claim_plan_revise", nsw.number, plan.pk), revision).status_code == 302
    page = client.get(_url("claim_plans", nsw.number)).content.decode()
    assert "Version 2 of 2 Nov 2026" in page
    assert "Earlier version" in page
    assert "by January 2027" in page  # version 1 is still shown as it was

    share = {
        f"share{plan.pk}-worker_address": "12 Elm Street\nParramatta NSW 2150",
        f"share{plan.pk}-employer_address": "1 Plant Road\nParramatta NSW 2150",
        f"share{plan.pk}-doctor_name": "Dr Jo Reyes",
        f"share{plan.pk}-doctor_address": "5 Clinic Lane\nParramatta NSW 2150",
    }
    assert client.post(_url("claim_plan_share", nsw.number, plan.pk), share).status_code == 302
    letter = Letter.objects.get(claim=nsw)
    assert letter.template_id == "nsw.injury_management_plan"
    page = client.get(_url("claim_plans", nsw.number)).content.decode()
    assert "Shared with worker, employer, provider" in page


def test_a_bad_action_line_is_shown_on_its_field_and_nothing_is_written(book, nsw, login):
    client = login("adjuster")
    before = ClaimEvent.objects.filter(claim=nsw).count()

    response = client.post(
        _url("claim_plan_create", nsw.number),
        {**IMP, "plan-actions": "Maria Lopez | boss | Physio | | soon"},
    )

    assert response.status_code == 200
    errors = response.context["create_form"].errors
    assert "actions" in errors
    assert ClaimEvent.objects.filter(claim=nsw).count() == before
    assert PlanVersion.objects.count() == 0


def test_a_decision_and_its_notice_through_the_page(book, nsw, login):
    from io import BytesIO

    from opencomp.documents.services import document_upload
    from opencomp.documents.tests import samples

    doc = document_upload(
        actor=book.users["adjuster"],
        claim=nsw,
        category="medical_report",
        title="Functional capacity report",
        file_name="fce.pdf",
        content=BytesIO(samples.PDF),
    )
    client = login("adjuster")
    data = {
        "decision-types": ["a", "f"],
        "decision-decided_on": "2026-11-02",
        "decision-capacity": "partial",
        "decision-effect": "reduce",
        "decision-reasons": "Fit for 6 hours a day",
        "decision-evidence_ids": [str(doc.pk)],
        "decision-current_weekly_amount": "1425.00",
        "decision-new_weekly_amount": "900.00",
    }
    assert client.post(_url("claim_decision_create", nsw.number), data).status_code == 302
    decision = WorkCapacityDecision.objects.get()

    notice = {f"notice{decision.pk}-worker_address": "12 Elm Street\nParramatta NSW 2150"}
    assert client.post(_url("claim_decision_notice", nsw.number, decision.pk), notice).status_code == 302

    decision.refresh_from_db()
    assert decision.takes_effect_on == D(2026, 11, 2)  # no weekly payments yet: from the notice date
    page = client.get(_url("claim_plans", nsw.number)).content.decode()
    assert "Earliest day the change takes effect: 2 Nov 2026" in page


def test_the_employer_sees_the_rtw_plan_only_under_the_workers_consent(book, nsw, login):
    plan_create(
        actor=book.users["adjuster"],
        claim=nsw,
        kind="injury_management",
        issued_on=D(2026, 11, 2),
        goal="Secret medical goal",
        review_on=D(2026, 11, 30),
    )
    plan_create(
        actor=book.users["adjuster"],
        claim=nsw,
        kind="return_to_work",
        issued_on=D(2026, 11, 2),
        goal="Bench work first",
        review_on=D(2026, 11, 16),
        duties=["Bench work"],
        supervisor="Pat Reed",
        starts_on=D(2026, 11, 3),
    )
    client = login("employer_coordinator")

    page = client.get(_url("claim_plans", nsw.number)).content.decode()
    assert "Not released by the worker" in page
    assert "Bench work first" not in page

    consent_give(
        actor=book.users["adjuster"],
        claim=nsw,
        given_by="worker",
        given_on=D(2026, 10, 28),
        method="signed_form",
        categories=["capacity_restrictions"],
        recipients=["employer"],
        purpose="Return to work planning",
    )
    page = client.get(_url("claim_plans", nsw.number)).content.decode()
    assert "Bench work first" in page
    assert "Secret medical goal" not in page
    assert "Work capacity decisions" not in page
    assert "Issue a plan" not in page
