"""A refused form shows the error next to the field it concerns and writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencomp.claims.models import Claim, ClaimEvent
from opencomp.core.models import AuditEntry
from opencomp.intake.models import DrugAlcoholTest, Incident, InjuryReport, SupervisorReport
from opencomp.web.tests.test_permissions import ACTIVITY


def _counts() -> dict[str, int]:
    models = (Claim, ClaimEvent, AuditEntry, Incident, InjuryReport, SupervisorReport, DrugAlcoholTest)
    return {model.__name__: model.objects.count() for model in models}


def _field_error_html(field_id: str, message: str) -> str:
    return f'<ul class="errorlist" id="{field_id}_error"><li>{message}</li></ul>'


@pytest.mark.parametrize(("_case", "headers"), [("plain post", {}), ("htmx post", {"HX-Request": "true"})])
def test_activity_in_the_future_is_refused_next_to_its_field(_case, headers, book, login):
    # given
    client = login("adjuster")
    before = _counts()
    data = ACTIVITY | {"activity-occurred_at": "2026-11-03T09:00"}

    # when
    response = client.post(reverse("web:claim_activity_add", args=[book.claim.number]), data, headers=headers)

    # then
    assert response.status_code == 200
    form = response.context["log_forms"]["activity"]
    assert form.errors == {"occurred_at": ["When it happened is in the future"]}
    html = response.content.decode()
    assert _field_error_html("id_activity-occurred_at", "When it happened is in the future") in html
    assert ("<html" in html) is (not headers)
    assert _counts() == before


def test_activity_with_blank_issue_is_refused_by_the_form(book, login):
    # given
    client = login("adjuster")
    before = _counts()

    # when
    response = client.post(
        reverse("web:claim_activity_add", args=[book.claim.number]), ACTIVITY | {"activity-issue": "  "}
    )

    # then
    assert response.context["log_forms"]["activity"].errors == {"issue": ["This field is required."]}
    assert _counts() == before


def test_illegal_transition_is_refused_on_the_status_field(book, login):
    # given
    client = login("adjuster")
    before = _counts()

    # when
    response = client.post(
        reverse("web:claim_transition", args=[book.claim.number]),
        {"status-to_status": "closed", "status-expected_status": "reported", "status-reason": "Done"},
    )

    # then
    message = (
        "A claim cannot move from 'reported' to 'closed'. Allowed from 'reported': "
        "accepted, denied, provisionally_accepted, reasonable_excuse, under_investigation."
    )
    assert response.status_code == 200
    assert response.context["transition_form"].errors == {"to_status": [message]}
    assert (
        _field_error_html("id_status-to_status", message.replace("'", "&#x27;")) in response.content.decode()
    )
    book.claim.refresh_from_db()
    assert book.claim.status == "reported"
    assert _counts() == before


def test_denial_without_reason_is_refused_on_the_reason_field(book, login):
    # given
    client = login("adjuster")
    before = _counts()

    # when
    response = client.post(
        reverse("web:claim_transition", args=[book.claim.number]),
        {"status-to_status": "denied", "status-expected_status": "reported"},
    )

    # then
    assert response.context["transition_form"].errors == {
        "reason": ["Give a reason for moving the claim to denied"]
    }
    assert _counts() == before


def test_transition_from_a_stale_page_shows_the_conflict_above_the_form(book, login):
    # given
    client = login("adjuster")
    before = _counts()

    # when
    response = client.post(
        reverse("web:claim_transition", args=[book.claim.number]),
        {"status-to_status": "open", "status-expected_status": "accepted"},
    )

    # then
    message = f"Claim {book.claim.number} is now 'reported', not 'accepted'; reload and try again."
    assert response.context["transition_form"].errors == {"__all__": [message]}
    assert '<div class="form-errors" role="alert">' in response.content.decode()
    assert _counts() == before


def _report_data(book, **changes):
    data = {
        "employer": book.employer.pk,
        "worker": book.worker.pk,
        "jurisdiction": "CO",
        "injury_date": "2026-10-31",
        "location": "Loading dock",
        "nature_of_injury": "Sprain",
        "body_part": "Ankle",
        "body_side": "left",
        "how_it_happened": "Stepped off the dock plate.",
        "reported_to_employer_on": "2026-10-31",
        "notifier_name": "Pat Foreman",
        "notifier_relationship": "supervisor",
    }
    return data | changes


def test_injury_report_with_a_future_injury_date_is_refused(book, login):
    # given
    client = login("employer_coordinator")
    before = _counts()

    # when
    response = client.post(
        reverse("web:report_create"),
        _report_data(book, injury_date="2026-11-05", reported_to_employer_on="2026-11-05"),
    )

    # then
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "injury_date": ["Date of injury is in the future"],
        "reported_to_employer_on": ["Reported to employer on is in the future"],
    }
    assert _field_error_html("id_injury_date", "Date of injury is in the future") in response.content.decode()
    assert _counts() == before


def test_injury_report_for_a_worker_of_another_employer_is_refused(book, login):
    # given
    client = login("admin")
    before = _counts()

    # when
    response = client.post(reverse("web:report_create"), _report_data(book, worker=book.other_worker.pk))

    # then
    assert response.context["form"].errors == {
        "worker": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert _counts() == before


def test_drug_and_alcohol_tests_outside_their_windows_are_refused(book, report, login):
    # given
    client = login("employer_coordinator")
    before = _counts()

    # when
    response = client.post(
        reverse("web:report_test_add", args=[report.pk]),
        {
            "test-accident_at": "2026-10-30T09:30",
            "test-reason": "treated_away",
            "test-alcohol_tested_at": "2026-10-30T17:31",
            "test-alcohol_result": "negative",
            "test-drug_tested_at": "2026-10-31T17:31",
            "test-drug_result": "negative",
        },
    )

    # then
    assert response.status_code == 200
    instead = "after the accident; record why no test was given instead"
    assert response.context["test_form"].errors == {
        "alcohol_tested_at": [f"Alcohol test given at is more than 8 hours {instead}"],
        "drug_tested_at": [f"Drug test given at is more than 32 hours {instead}"],
    }
    assert _counts() == before


def test_drug_and_alcohol_tests_inside_their_windows_are_recorded(book, report, login):
    # given
    client = login("employer_coordinator")

    # when
    response = client.post(
        reverse("web:report_test_add", args=[report.pk]),
        {
            "test-accident_at": "2026-10-30T09:30",
            "test-reason": "treated_away",
            "test-alcohol_tested_at": "2026-10-30T17:30",
            "test-alcohol_result": "negative",
            "test-drug_tested_at": "2026-10-31T17:30",
            "test-drug_result": "pending",
        },
    )

    # then
    assert response.status_code == 302
    test = DrugAlcoholTest.objects.get(report=report)
    assert (test.alcohol_result, test.drug_result) == ("negative", "pending")


def test_supervisor_report_with_an_undescribed_hazard_is_refused(book, report, login):
    # given
    client = login("employer_supervisor")
    before = _counts()
    answers = {
        "scene_inspected": "yes",
        "hazard_found": "yes",
        "hazard_abated": "no",
        "procedures_followed": "yes",
        "safety_equipment_required": "no",
        "safety_equipment_used": "no",
        "safety_rule_violation": "no",
    }

    # when
    response = client.post(
        reverse("web:report_supervisor_add", args=[report.pk]),
        {"supervisor-supervisor_name": "Pat Foreman"} | {f"supervisor-{k}": v for k, v in answers.items()},
    )

    # then
    assert response.context["supervisor_form"].errors == {
        "hazard_description": ["Describe the hazard that was found"]
    }
    assert _counts() == before


def test_incident_in_the_future_is_refused(book, login):
    # given
    client = login("employer_coordinator")
    before = _counts()

    # when
    response = client.post(
        reverse("web:incident_create"),
        {
            "employer": book.employer.pk,
            "person_name": "Visitor",
            "occurred_at": "2026-11-02T18:00",
            "location": "Lobby",
            "description": "Tripped on a mat.",
            "outcome": "no_treatment",
            "reported_by": "Reception",
        },
    )

    # then
    assert response.context["form"].errors == {"occurred_at": ["Date and time is in the future"]}
    assert _counts() == before


def test_claim_cannot_be_opened_twice_from_one_report(book, report, login):
    # given
    client = login("adjuster")
    url = reverse("web:report_claim_create", args=[report.pk])
    client.post(url, {"claim-claim_type": "medical_only"})
    before = _counts()

    # when
    response = client.post(url, {"claim-claim_type": "medical_only"})

    # then
    assert response.status_code == 200
    assert response.context["claim_form"].errors == {
        "__all__": [f"Report {report.pk} is no longer awaiting a claim (claim created)"]
    }
    assert _counts() == before
