"""The plans API: versions in the answer, refusals naming the field, the employer's view under consent."""

from __future__ import annotations

import datetime as dt

from opencomp.claims.models import ClaimEvent
from opencomp.consent.services import consent_give
from opencomp.letters.models import Letter

RTW = {
    "kind": "return_to_work",
    "issued_on": "2026-10-30",
    "goal": "Back to full duties",
    "review_on": "2026-11-13",
    "duties": ["Bench work"],
    "hours": [
        {"week": 1, "hours_per_day": "4", "days_per_week": "3"},
        {"week": 2, "hours_per_day": "6", "days_per_week": "5"},
    ],
    "supervisor": "Pat Reed",
    "starts_on": "2026-11-02",
    "actions": [
        {"responsible": "Pat Reed", "party": "employer", "action": "Set up the bench", "due_on": "2026-11-02"}
    ],
}


def test_issue_revise_and_read_back_the_versions(api, book):
    path = f"claims/{book.claim.number}/plans"
    created = api.call("POST", path, as_="adjuster", body=RTW)
    assert created.status == 201, created.body
    plan_id = created.body["id"]
    assert created.body["versions"][0]["hours"][1] == {"week": 2, "hours_per_day": "6", "days_per_week": "5"}

    revised = api.call(
        "POST",
        f"{path}/{plan_id}/versions",
        as_="adjuster",
        body={
            **{k: v for k, v in RTW.items() if k != "kind"},
            "goal": "Full duties by December",
            "changes": "Faster",
        },
    )
    assert revised.status == 201, revised.body
    assert [v["number"] for v in revised.body["versions"]] == [2, 1]
    assert revised.body["versions"][1]["goal"] == "Back to full duties"


def test_a_bad_plan_names_its_fields_and_writes_nothing(api, book):
    before = ClaimEvent.objects.count()
    reply = api.call(
        "POST",
        f"claims/{book.claim.number}/plans",
        as_="adjuster",
        body={
            **RTW,
            "review_on": "2026-10-01",
            "supervisor": "",
            "actions": [{**RTW["actions"][0], "party": "boss"}],
        },
    )
    assert reply.status == 400
    assert {e["field"] for e in reply.body["errors"]} == {"review_on", "supervisor", "actions.0.party"}
    assert ClaimEvent.objects.count() == before


def test_sharing_without_an_address_names_the_recipient_field(api, book):
    plan_id = api.call("POST", f"claims/{book.claim.number}/plans", as_="adjuster", body=RTW).body["id"]
    reply = api.call(
        "POST",
        f"claims/{book.claim.number}/plans/{plan_id}/shares",
        as_="adjuster",
        body={
            "recipients": [
                {"party": "worker", "name": "Maria Lopez", "method": "mail"},
                {"party": "employer", "name": "Acme", "method": "mail", "address": "1 Plant Road"},
            ]
        },
    )
    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["recipients.0.address"]
    assert Letter.objects.count() == 0


def test_the_employer_reads_the_rtw_plan_only_under_the_workers_consent(api, book):
    api.call("POST", f"claims/{book.claim.number}/plans", as_="adjuster", body=RTW)

    withheld = api.call("GET", f"claims/{book.claim.number}/plans", as_="employer_coordinator")
    assert withheld.status == 200
    assert (withheld.body["released"], withheld.body["plans"]) == (False, [])

    consent_give(
        actor=book.users["adjuster"],
        claim=book.claim,
        given_by="worker",
        given_on=dt.date(2026, 10, 22),
        method="signed_form",
        categories=["capacity_restrictions"],
        recipients=["employer"],
        purpose="Return to work planning",
    )
    released = api.call("GET", f"claims/{book.claim.number}/plans", as_="employer_coordinator")
    assert released.body["released"] is True
    assert [p["kind"] for p in released.body["plans"]] == ["return_to_work"]
