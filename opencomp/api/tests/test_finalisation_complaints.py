"""The complaints and finalisation endpoints: shapes, refusals naming their field, and nothing changed."""

from __future__ import annotations

from decimal import Decimal

from opencomp.claims.models import Claim
from opencomp.finalisation.tests.setup import ready_to_close
from opencomp.payments.services import reserve_set

COMPLAINT = {
    "complainant_kind": "employer",
    "complainant_name": "Acme Fabrication HR",
    "received_on": "2026-10-28",
    "channel": "email",
    "subject": "No reply to emails",
    "details": "Three emails about the return-to-work plan went unanswered.",
}


def test_complaint_through_the_three_stages(api, book):
    base = f"claims/{book.claim.number}/complaints"
    created = api.call("POST", base, as_="adjuster", body=COMPLAINT)
    assert created.status == 201, created.body
    assert created.body["stage"] == 1
    assert created.body["status"] == "stage_1"
    one = f"{base}/{created.body['id']}"

    early = api.call(
        "POST", f"{one}/escalation", as_="adjuster", body={"escalated_on": "2026-10-30", "reason": "x"}
    )
    assert early.status == 400
    assert [e["field"] for e in early.body["errors"]] == ["status"]

    assert (
        api.call(
            "POST",
            f"{one}/contacts",
            as_="adjuster",
            body={
                "contacted_on": "2026-10-29",
                "channel": "phone",
                "direction": "outbound",
                "summary": "Called back",
            },
        ).status
        == 201
    )
    assert (
        api.call(
            "POST",
            f"{one}/stage-1-outcome",
            as_="adjuster",
            body={"outcome": "Apology", "decided_on": "2026-10-29"},
        ).status
        == 200
    )
    assert (
        api.call(
            "POST",
            f"{one}/escalation",
            as_="adjuster",
            body={"escalated_on": "2026-10-30", "reason": "Wants a new adjuster"},
        ).status
        == 200
    )
    final = api.call(
        "POST",
        f"{one}/final-decision",
        as_="supervisor",
        body={"decision": "Reassigned", "decided_on": "2026-11-02"},
    )
    assert final.status == 200
    assert final.body["final_decided_by"] == "Sam Supervisor"
    referred = api.call(
        "POST",
        f"{one}/referral",
        as_="adjuster",
        body={"body": "sira", "referred_on": "2026-11-02", "reference": "S-9"},
    )
    assert referred.status == 200
    assert referred.body["stage"] == 3
    assert referred.body["external_body"] == "sira"
    assert [c["summary"] for c in referred.body["contacts"]] == ["Called back"]

    listed = api.call("GET", base, as_="auditor")
    assert listed.status == 200
    assert listed.body["count"] == 1


def test_closure_checks_list_each_check_with_its_state(api, book):
    claim = ready_to_close(book, told=("employer",))

    reply = api.call("GET", f"claims/{claim.number}/closure-checks", as_="other_adjuster")

    assert reply.status == 200
    assert reply.body["passed"] is False
    states = {c["key"]: c["passed"] for c in reply.body["checks"]}
    assert states == {
        "status": True,
        "invoices": True,
        "reimbursements": True,
        "obligations": True,
        "reserves": True,
        "disputes": True,
        "intention_to_close": False,
    }
    intention = next(c for c in reply.body["checks"] if c["key"] == "intention_to_close")
    assert intention["items"] == [{"text": "worker not yet told", "ref": "worker"}]


def test_close_refused_by_a_check_changes_nothing_then_succeeds(api, book):
    claim = ready_to_close(book)
    reserve_set(
        actor=book.users["admin"], claim=claim, category="medical", amount=Decimal("500"), reason="Est"
    )
    claim = Claim.objects.get(pk=claim.pk)
    path = f"claims/{claim.number}/close"

    refused = api.call("POST", path, as_="other_adjuster", body={"to_status": "closed", "reason": "settled"})

    assert refused.status == 400
    assert [e["field"] for e in refused.body["errors"]] == ["reserves"]
    after = Claim.objects.get(pk=claim.pk)
    assert (after.status, after.last_event_seq) == (claim.status, claim.last_event_seq)

    done = api.call(
        "POST",
        path,
        as_="other_adjuster",
        body={"to_status": "closed", "reason": "settled", "release_reserves": True},
    )
    assert done.status == 200, done.body
    assert done.body["status"] == "closed"

    reopened = api.call(
        "POST",
        f"claims/{claim.number}/reopen",
        as_="other_adjuster",
        body={
            "kind": "aggravation",
            "notified_on": "2026-11-02",
            "evidence": "Report",
            "expected_status": "finalised",
        },
    )
    assert reopened.status == 409
    reopened = api.call(
        "POST",
        f"claims/{claim.number}/reopen",
        as_="other_adjuster",
        body={
            "kind": "aggravation",
            "notified_on": "2026-11-02",
            "evidence": "Report",
            "expected_status": "closed",
        },
    )
    assert reopened.status == 200
    assert reopened.body["status"] == "reopened"
    determined = api.call(
        "POST",
        f"claims/{claim.number}/recurrence-determinations",
        as_="other_adjuster",
        body={"outcome": "accepted", "decided_on": "2026-11-02", "reasons": "Aggravated at work"},
    )
    assert determined.status == 201
    assert determined.body["outcome"] == "accepted"
