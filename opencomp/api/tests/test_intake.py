"""Intake through the API: the register, injury reports and their follow-up, conversion into a claim."""

from __future__ import annotations

from opencomp.api.tests.bodies import DRUG_TEST, SUPERVISOR_REPORT, new_incident, new_report
from opencomp.claims.models import Claim
from opencomp.intake.models import DrugAlcoholTest, Incident, InjuryReport, SupervisorReport


def test_report_to_claim_flow(book, api):
    # given: Maria reports her own injury
    filed = api.post("reports", new_report(book), as_="worker")
    assert filed.status == 201
    report_id = filed.body["id"]
    assert filed.body["status"] == "submitted"
    assert filed.body["claim_number"] is None

    # when: the employer follows up and the adjuster opens the claim
    sup = api.post(f"reports/{report_id}/supervisor-report", SUPERVISOR_REPORT, as_="employer_supervisor")
    test = api.post(
        f"reports/{report_id}/drug-alcohol-test",
        {**DRUG_TEST, "accident_at": "2026-11-01T08:00:00Z"},
        as_="employer_coordinator",
    )
    claim = api.post(f"reports/{report_id}/claim", {"claim_type": "lost_time"}, as_="adjuster")

    # then
    assert (sup.status, test.status, claim.status) == (201, 201, 201)
    assert claim.body["source_report_id"] == report_id
    assert claim.body["body_part"] == "Ankle (right)"
    assert claim.body["administrator"]["id"] == book.insurer.pk
    report = api.get(f"reports/{report_id}", as_="worker").body
    assert report["status"] == "converted"
    assert report["claim_number"] == claim.body["number"]
    assert report["supervisor_report"]["supervisor_name"] == "Lee Foreman"
    assert report["drug_alcohol_test"]["reason"] == "not_required"
    assert Claim.objects.get(number=claim.body["number"]).source_report_id == report_id


def test_converting_a_report_twice_is_400_on_the_report(book, api, report):
    assert (
        api.post(f"reports/{report.pk}/claim", {"claim_type": "medical_only"}, as_="adjuster").status == 201
    )
    claims = Claim.objects.count()

    again = api.post(f"reports/{report.pk}/claim", {"claim_type": "medical_only"}, as_="adjuster")

    assert again.status == 400
    assert [e["field"] for e in again.body["errors"]] == ["report_id"]
    assert Claim.objects.count() == claims


def test_second_supervisor_report_is_400_and_writes_nothing(book, api, report):
    assert api.post(f"reports/{report.pk}/supervisor-report", SUPERVISOR_REPORT, as_="adjuster").status == 201

    again = api.post(f"reports/{report.pk}/supervisor-report", SUPERVISOR_REPORT, as_="adjuster")

    assert again.status == 400
    assert [e["field"] for e in again.body["errors"]] == ["report"]
    assert SupervisorReport.objects.filter(report=report).count() == 1


def test_drug_test_outside_the_window_names_the_field(book, api, report):
    body = {
        "accident_at": "2026-10-28T14:00:00Z",
        "reason": "treated_away",
        "alcohol_tested_at": "2026-10-28T23:30:00Z",
        "alcohol_result": "negative",
        "drug_tested_at": "2026-10-28T16:00:00Z",
        "drug_result": "pending",
    }

    reply = api.post(f"reports/{report.pk}/drug-alcohol-test", body, as_="employer_coordinator")

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["alcohol_tested_at"]
    assert not DrugAlcoholTest.objects.exists()


def test_worker_sees_only_their_own_reports_and_never_the_register(book, api, report, incident):
    mine = api.get("reports", as_="worker")
    theirs = api.get("reports", as_="other_worker")
    register = api.get("incidents", as_="worker")

    assert [r["id"] for r in mine.body["items"]] == [report.pk]
    assert theirs.body == {"count": 0, "items": []}
    assert register.body == {"count": 0, "items": []}


def test_report_naming_an_incident_moves_it_to_reported(book, api, incident):
    reply = api.post("reports", {**new_report(book), "incident_id": incident.pk}, as_="employer_coordinator")

    assert reply.status == 201
    assert reply.body["incident_id"] == incident.pk
    assert Incident.objects.get(pk=incident.pk).status == "reported"


def test_report_naming_an_incident_the_worker_cannot_see_is_400(book, api, incident):
    before = InjuryReport.objects.count()

    reply = api.post("reports", {**new_report(book), "incident_id": incident.pk}, as_="worker")

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["incident_id"]
    assert InjuryReport.objects.count() == before


def test_incident_log_and_filters(book, api, incident):
    logged = api.post("incidents", new_incident(book), as_="employer_supervisor")

    first_aid = api.get("incidents", as_="employer_coordinator", outcome="first_aid_only")
    late_october = api.get(
        "incidents", as_="employer_coordinator", occurred_from="2026-10-28", occurred_to="2026-10-31"
    )

    assert logged.status == 201
    assert logged.body["worker"] == {"id": book.worker.pk, "name": "Maria Lopez"}
    assert [i["id"] for i in first_aid.body["items"]] == [logged.body["id"]]
    assert [i["id"] for i in late_october.body["items"]] == [incident.pk]


def test_incident_time_must_carry_a_time_zone(book, api):
    reply = api.post(
        "incidents", {**new_incident(book), "occurred_at": "2026-11-01T09:30:00"}, as_="employer_supervisor"
    )

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["occurred_at"]
