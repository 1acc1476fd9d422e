"""The modified duty API: offer (refusals name the field), the letter, answers, and who reads it."""

from __future__ import annotations

import datetime as dt

from opencomp.consent.services import consent_give
from opencomp.letters.models import Letter
from opencomp.parties.models import Worker
from opencomp.rtw.models import ModifiedDutyAssignment
from opencomp.workstatus.services import work_status_record

D = dt.date
OFFER = {
    "position": "Records clerk",
    "duties": "Scanning and filing work orders.",
    "department": "Fleet Maintenance",
    "hours_per_day": "6",
    "days_per_week": "5",
    "weekly_earnings": "600.00",
    "start_on": "2026-11-02",
    "demands": [{"kind": "lifting", "limit": "10"}],
    "tracking_number": "9407 1000 0000 0000 0000 01",
}


def _restrictions(book) -> str:
    Worker.objects.filter(pk=book.worker.pk).update(
        street="12 Elm St", city="Denver", region="CO", postcode="80203"
    )
    work_status_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        kind="rtw_pass",
        examined_on=D(2026, 10, 22),
        valid_from=D(2026, 10, 22),
        capacity="partial",
        restrictions=[{"kind": "lifting", "limit": "20"}],
        provider_name="Dr Jo Reyes",
    )
    return f"claims/{book.claim.number}/modified-duty"


def test_an_offer_breaking_a_restriction_names_the_demand_and_writes_nothing(api, book):
    path = _restrictions(book)
    reply = api.post(path, {**OFFER, "demands": [{"kind": "lifting", "limit": "30"}]}, as_="adjuster")
    assert reply.status == 400
    assert reply.body["errors"] == [
        {
            "field": "demands.0",
            "message": 'Lifting: up to 30 lb breaks the restriction "Lifting: at most 20 lb" of the '
            "return-to-work pass of 22 Oct 2026; change the duties or give an override reason",
        }
    ]
    assert ModifiedDutyAssignment.objects.count() == 0
    assert Letter.objects.count() == 0


def test_an_offer_is_issued_as_a_letter_and_answered(api, book):
    path = _restrictions(book)
    created = api.post(path, OFFER, as_="adjuster")
    assert created.status == 201, created.body
    body = created.body
    assert (body["status"], body["weekly_earnings"], body["limit_on"]) == ("offered", "600.00", "2027-04-19")
    assert Letter.objects.get(pk=body["letter_id"]).template_id == "co.modified_duty_offer"

    answered = api.post(
        f"{path}/{body['id']}/acceptance", {"accepted_on": "2026-11-02", "start_tpd": False}, as_="adjuster"
    )
    assert answered.status == 200, answered.body
    assert answered.body["status"] == "active"
    again = api.post(
        f"{path}/{body['id']}/refusal", {"refused_on": "2026-11-02", "reason": "No"}, as_="adjuster"
    )
    assert again.status == 409

    read = api.get(path, as_="worker")
    assert read.status == 200
    assert [a["status"] for a in read.body["assignments"]] == ["active"]


def test_employers_read_it_only_under_the_workers_consent(api, book):
    path = _restrictions(book)
    api.post(path, OFFER, as_="adjuster")
    assert api.get(path, as_="employer_coordinator").status == 403
    consent_give(
        actor=book.users["adjuster"],
        claim=book.claim,
        given_by="worker",
        given_on=D(2026, 10, 22),
        method="signed_form",
        categories=["capacity_restrictions"],
        recipients=["employer"],
        purpose="Suitable duties",
    )
    released = api.get(path, as_="employer_coordinator")
    assert released.status == 200
    assert released.body["assignments"][0]["position"] == "Records clerk"
