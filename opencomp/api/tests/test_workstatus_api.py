"""The work status API: record a report, read the status in force and the history, as each role may."""

from __future__ import annotations

import datetime as dt

from opencomp.consent.services import consent_give
from opencomp.workstatus.models import WorkStatusReport

D = dt.date
REPORT = {
    "kind": "rtw_pass",
    "examined_on": "2026-10-22",
    "valid_from": "2026-10-22",
    "valid_to": "2026-11-05",
    "capacity": "partial",
    "hours_per_day": "6",
    "days_per_week": "5",
    "restrictions": [{"kind": "lifting", "limit": "20"}, {"kind": "arm_hand", "side": "left"}],
    "restrictions_text": "Sit for 5 minutes each hour.",
    "provider_name": "Dr Jo Reyes",
}


def _path(book) -> str:
    return f"claims/{book.claim.number}/work-status"


def test_a_report_recorded_is_the_status_in_force(api, book):
    created = api.post(_path(book), REPORT, as_="adjuster")
    assert created.status == 201, created.body
    assert created.body["restrictions"] == [
        {"kind": "lifting", "limit": "20", "unit": "lb", "side": "", "note": ""},
        {"kind": "arm_hand", "limit": "", "unit": "", "side": "left", "note": ""},
    ]
    read = api.get(_path(book), as_="worker")
    assert read.status == 200
    assert read.body["state"] == "in_force"
    assert read.body["on"] == "2026-11-02"
    assert read.body["current"]["id"] == created.body["id"]
    assert read.body["current"]["hours_per_day"] == "6.00"
    assert read.body["current"]["provider_name"] == "Dr Jo Reyes"
    assert [r["id"] for r in read.body["history"]] == [created.body["id"]]


def test_a_refused_report_names_the_field_and_writes_nothing(api, book):
    reply = api.post(_path(book), {**REPORT, "valid_to": "2026-10-01", "hours_per_day": "30"}, as_="adjuster")
    assert reply.status == 400
    assert {e["field"] for e in reply.body["errors"]} == {"valid_to", "hours_per_day"}
    reply = api.post(
        _path(book), {**REPORT, "restrictions": [{"kind": "lifting", "limit": "500"}]}, as_="adjuster"
    )
    assert reply.body["errors"] == [
        {"field": "restrictions.0.limit", "message": "must be between 0 and 220 lb"}
    ]
    assert WorkStatusReport.objects.count() == 0


def test_employers_read_it_only_under_the_workers_consent(api, book):
    api.post(_path(book), REPORT, as_="adjuster")
    withheld = api.get(_path(book), as_="employer_coordinator")
    assert withheld.status == 200
    assert withheld.body["released"] is False
    assert withheld.body["message"].startswith("Not released by the worker")
    assert (withheld.body["current"], withheld.body["history"], withheld.body["state"]) == (None, [], "")
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
    for role in ("employer_coordinator", "employer_supervisor"):
        released = api.get(_path(book), as_=role)
        assert released.body["released"] is True
        current = released.body["current"]
        assert current["capacity"] == "partial"
        assert current["restrictions"][0]["limit"] == "20"
        assert (current["provider_name"], current["document_id"], current["provider_id"]) == ("", None, None)


def test_roles_without_medical_or_employer_standing_are_refused(api, book):
    assert api.get(_path(book), as_="auditor").status == 403
    assert api.get(_path(book), as_="other_adjuster").status == 404
    assert api.post(_path(book), REPORT, as_="employer_coordinator").status == 403
