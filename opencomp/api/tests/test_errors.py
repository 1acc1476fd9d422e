"""Refused requests: JSON ``{"message", "errors"}`` naming each field, the right status, nothing written."""

from __future__ import annotations

import pytest
from django.test import Client

from opencomp.accounts.models import Notification
from opencomp.api.tests.bodies import claim_body
from opencomp.api.tests.conftest import API
from opencomp.claims.models import Claim, ClaimEvent, ClaimNumberSequence
from opencomp.core.models import AuditEntry
from opencomp.parties.models import Employment, Worker


def rows() -> dict[str, int]:
    """Row counts of every table a claim request could write to."""
    return {
        "claims": Claim.objects.count(),
        "events": ClaimEvent.objects.count(),
        "numbers": sum(ClaimNumberSequence.objects.values_list("last", flat=True)),
        "audit": AuditEntry.objects.count(),
        "notifications": Notification.objects.count(),
        "workers": Worker.objects.count(),
        "employments": Employment.objects.count(),
    }


def fields(reply) -> list[str]:
    return [e["field"] for e in reply.body["errors"]]


def test_bad_claim_body_names_every_field_and_writes_nothing(book, api):
    # given
    before = rows()
    body = claim_body(book, claim_type="paper_cut", unexpected="x")
    del body["injury_date"]

    # when
    reply = api.post("claims", body, as_="adjuster")

    # then
    assert reply.status == 400
    assert sorted(fields(reply)) == ["claim_type", "injury_date", "unexpected"]
    assert reply.body["message"].startswith("The input is not valid.")
    assert rows() == before


def test_nested_input_errors_are_dotted_paths(book, api):
    before = rows()
    body = {
        "given_name": "Priya",
        "family_name": "Shah",
        "date_of_birth": "1992-02-29",
        "employment": {
            "employer_id": book.employer.pk,
            "job_title": "Welder",
            "hire_date": "not a date",
            "employment_type": "full_time",
            "hours_per_week": "200",
            "days_per_week": "5",
        },
    }

    reply = api.post("workers", body, as_="employer_coordinator")

    assert reply.status == 400
    assert sorted(fields(reply)) == ["employment.hire_date", "employment.hours_per_week"]
    assert rows() == before


def test_service_error_in_nested_input_is_reported_under_the_input_name_and_rolls_back(book, api):
    # given: the service refuses a hire date before the worker's birth, after the worker row was written
    before = rows()
    body = {
        "given_name": "Priya",
        "family_name": "Shah",
        "date_of_birth": "1992-02-29",
        "employment": {
            "employer_id": book.employer.pk,
            "job_title": "Welder",
            "hire_date": "1990-01-01",
            "employment_type": "full_time",
            "hours_per_week": "38",
            "days_per_week": "5",
        },
    }

    # when
    reply = api.post("workers", body, as_="employer_coordinator")

    # then
    assert reply.status == 400
    assert fields(reply) == ["employment.hire_date"]
    assert rows() == before


def test_bad_event_payload_names_the_payload_field_and_writes_nothing(book, api):
    before = rows()
    body = {
        "kind": "activity.logged",
        "payload": {
            "party": "worker",
            "channel": "carrier pigeon",
            "direction": "outbound",
            "issue": "Initial contact",
            "action": "Tried to call.",
        },
    }

    reply = api.post(f"claims/{book.claim.number}/events", body, as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == ["payload.channel"]
    assert rows() == before


@pytest.mark.smoke
def test_illegal_transition_is_400_on_to_status_and_writes_nothing(book, api):
    # given
    before = rows()

    # when: a reported claim cannot be closed
    reply = api.post(
        f"claims/{book.claim.number}/transition", {"to_status": "closed", "reason": "x"}, as_="adjuster"
    )

    # then
    assert reply.status == 400
    assert fields(reply) == ["to_status"]
    assert "cannot move from 'reported' to 'closed'" in reply.body["message"]
    assert rows() == before
    assert Claim.objects.get(pk=book.claim.pk).status == "reported"


def test_unknown_status_is_400_on_to_status(book, api):
    reply = api.post(f"claims/{book.claim.number}/transition", {"to_status": "vanished"}, as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == ["to_status"]


def test_missing_reason_is_400_on_reason(book, api):
    before = rows()

    reply = api.post(f"claims/{book.claim.number}/transition", {"to_status": "denied"}, as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == ["reason"]
    assert rows() == before


def test_expected_status_mismatch_is_409_and_writes_nothing(book, api):
    # given
    before = rows()

    # when: the caller thinks the claim is still under investigation
    reply = api.post(
        f"claims/{book.claim.number}/transition",
        {"to_status": "accepted", "expected_status": "under_investigation"},
        as_="adjuster",
    )

    # then
    assert reply.status == 409
    assert "is now 'reported', not 'under_investigation'" in reply.body["message"]
    assert rows() == before


@pytest.mark.parametrize(
    ("_case", "employer"),
    [
        ("does not exist", lambda book: 999_999),
        ("another insurer's employer", lambda book: book.other_employer.pk),
    ],
)
def test_unknown_or_foreign_employer_id_is_400_naming_the_field_and_writes_nothing(
    book, api, _case, employer
):
    # given
    before = rows()
    employer_id = employer(book)

    # when
    reply = api.post("claims", claim_body(book, employer_id=employer_id), as_="adjuster")

    # then: the two cases read the same, so existence is not leaked
    assert reply.status == 400
    assert reply.body == {
        "message": f"employer_id: no employer with id {employer_id} that you may use",
        "errors": [
            {"field": "employer_id", "message": f"no employer with id {employer_id} that you may use"}
        ],
    }
    assert rows() == before


def test_foreign_worker_id_is_400_naming_the_field(book, api):
    before = rows()

    reply = api.post("claims", claim_body(book, worker_id=book.other_worker.pk), as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == ["worker_id"]
    assert rows() == before


def test_service_field_names_are_reported_as_input_names(book, api):
    # given: an admin sees every worker, but Tom has no employment with Acme
    before = rows()

    # when
    reply = api.post("claims", claim_body(book, worker_id=book.other_worker.pk), as_="admin")

    # then
    assert reply.status == 400
    assert reply.body["errors"] == [
        {"field": "worker_id", "message": "has no employment with Acme Fabrication"}
    ]
    assert rows() == before


def test_establishment_of_another_employer_is_400(book, api):
    from opencomp.parties.services import establishment_create

    depot = establishment_create(
        actor=None,
        organisation=book.other_employer,
        name="Depot",
        street="1 Quay St",
        city="Sydney",
        region="NSW",
        postcode="2000",
        country="AU",
    )

    reply = api.post("claims", claim_body(book, establishment_id=depot.pk), as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == ["establishment_id"]


def test_future_dates_are_refused_by_the_service_with_field_names(book, api):
    before = rows()

    reply = api.post(
        "claims",
        claim_body(book, injury_date="2026-12-01", employer_knowledge_date="2026-12-01"),
        as_="adjuster",
    )

    assert reply.status == 400
    # notification_date defaults to today, which is then before the injury date
    assert sorted(fields(reply)) == ["employer_knowledge_date", "injury_date", "notification_date"]
    assert rows() == before


def test_query_parameters_are_validated(book, api):
    reply = api.get("claims", as_="adjuster", limit=500, sort="sideways")

    assert reply.status == 400
    assert sorted(fields(reply)) == ["limit", "sort"]


def test_unreadable_json_is_400(book, tokens):
    response = Client().post(
        f"{API}/claims",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {tokens['adjuster']}"},
    )

    assert response.status_code == 400
    assert response.json()["errors"] == []


@pytest.mark.smoke
def test_unknown_endpoint_is_a_json_404(db, client):
    response = client.get(f"{API}/no-such-thing")

    assert response.status_code == 404
    assert response.json() == {"message": "There is no API endpoint at /api/v1/no-such-thing.", "errors": []}


def test_claim_not_visible_reads_exactly_like_claim_missing(book, api):
    hidden = api.get(f"claims/{book.other_claim.number}", as_="employer_coordinator")
    missing = api.get("claims/CO-26-999999", as_="employer_coordinator")

    assert hidden.status == missing.status == 404
    assert hidden.body["message"].replace(book.other_claim.number, "N") == missing.body["message"].replace(
        "CO-26-999999", "N"
    )


def test_unexpected_failure_is_a_logged_json_500(book, api, monkeypatch, caplog):
    # given: a fault the API does not anticipate (the failure boundary is what is under test)
    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("opencomp.api.claims.claim_list", broken)

    # when
    reply = api.get("claims", as_="adjuster")

    # then
    assert reply.status == 500
    assert reply.body == {"message": "Internal server error; the failure was logged.", "errors": []}
    assert any("disk on fire" in (r.exc_text or str(r.exc_info)) for r in caplog.records)
