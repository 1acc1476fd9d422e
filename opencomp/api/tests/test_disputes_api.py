"""The disputes API: a dispute through its internal review, a hearing whose order sits in the diary until
carried out, and a settlement offer that is made only once approved. The book's clock is 2 November 2026."""

from __future__ import annotations

from opencomp.claims.models import ClaimEvent
from opencomp.disputes.models import Dispute, SettlementOffer
from opencomp.disputes.tests.setup import contested, decision_of, nsw_disputed


def _claim_path(claim, tail: str) -> str:
    return f"claims/{claim.number}/{tail}"


def _fields(reply) -> list[str]:
    return [e["field"] for e in reply.body["errors"]]


def test_a_dispute_is_reviewed_by_someone_without_a_part_in_the_decision(api, book):
    claim = nsw_disputed(book)
    body = {
        "kind": "liability",
        "raised_by": "attorney",
        "raised_by_name": "Ortiz Law",
        "raised_on": "2026-11-03",
        "decision_seq": decision_of(claim).seq,
        "grounds": "The trip home was part of the work.",
    }
    created = api.post(_claim_path(claim, "disputes"), body, as_="adjuster")
    assert created.status == 201, created.body
    path = _claim_path(claim, f"disputes/{created.body['id']}")

    events = ClaimEvent.objects.filter(claim=claim).count()
    refused = api.post(f"{path}/review", {"reviewer_id": book.users["supervisor"].pk}, as_="adjuster")
    assert refused.status == 400
    assert _fields(refused) == ["reviewer_id"]
    assert "signed off the decision" in refused.body["message"]
    missing = api.post(f"{path}/review", {"reviewer_id": 999999}, as_="adjuster")
    assert (missing.status, _fields(missing)) == (400, ["reviewer_id"])
    assert ClaimEvent.objects.filter(claim=claim).count() == events

    started = api.post(f"{path}/review", {"reviewer_id": book.users["adjuster2"].pk}, as_="adjuster")
    assert (started.status, started.body["status"], started.body["reviewer"]) == (
        200,
        "under_review",
        "Blake Second",
    )
    again = api.post(f"{path}/review", {"reviewer_id": book.users["adjuster2"].pk}, as_="supervisor")
    assert again.status == 409

    reviewed = api.post(
        f"{path}/review-outcome", {"outcome": "overturned", "reasons": "Work trip."}, as_="adjuster2"
    )
    assert reviewed.status == 200
    assert reviewed.body["follow_up"].startswith("Record a new liability decision")

    listed = api.get(_claim_path(claim, "disputes"), as_="worker")  # Maria sees her own claim's disputes
    assert [(d["id"], d["review_outcome"]) for d in listed.body["items"]] == [
        (created.body["id"], "overturned")
    ]
    closed = api.post(
        f"{path}/resolution",
        {"status": "resolved", "note": "Liability accepted.", "on": "2026-11-03"},
        as_="adjuster",
    )
    assert (closed.status, closed.body["status"]) == (200, "resolved")


def test_a_bad_dispute_names_each_field(api, book):
    claim = contested(book)

    reply = api.post(
        _claim_path(claim, "disputes"),
        {
            "kind": "benefits",
            "raised_by": "worker",
            "raised_on": "2026-12-01",
            "decision_seq": 1,
            "grounds": "",
        },
        as_="adjuster",
    )

    assert reply.status == 400
    assert sorted(_fields(reply)) == ["decision_seq", "grounds", "raised_on"]
    assert Dispute.objects.count() == 0


def _orders_in_diary(api, number: str) -> list[dict]:
    reply = api.get(f"claims/{number}/obligations", as_="adjuster", limit=200)
    assert reply.status == 200
    return [o for o in reply.body["items"] if o["rule_id"] == "diary.hearing_order"]


def test_a_hearing_order_is_in_the_claims_obligations_until_complied(api, book):
    number = book.claim.number
    hearing = {
        "forum": "co_alj_hearing",
        "starts_at": "2026-10-30T16:00:00Z",
        "location": "1525 Sherman St, Denver",
        "representatives": [{"name": "Lee Ortiz", "firm": "Ortiz Law", "side": "worker"}],
    }
    created = api.post(f"claims/{number}/hearings", hearing, as_="adjuster")
    assert created.status == 201, created.body
    base = f"claims/{number}/hearings/{created.body['id']}"

    held = api.post(
        f"{base}/outcome",
        {"outcome": "Bills to be paid", "orders": [{"description": "Pay the bills", "due_on": "2026-11-16"}]},
        as_="adjuster",
    )
    assert held.status == 200, held.body
    order = held.body["orders"][0]

    obligations = _orders_in_diary(api, number)
    assert [(o["title"], o["status"], o["due_date"]) for o in obligations] == [
        ("Pay the bills", "open", "2026-11-16")
    ]

    complied = api.post(
        f"{base}/orders/{order['id']}/compliance", {"complied_on": "2026-11-02"}, as_="adjuster"
    )
    assert complied.status == 200
    assert complied.body["orders"][0]["complied_on"] == "2026-11-02"
    assert [o["status"] for o in _orders_in_diary(api, number)] == ["satisfied"]


def test_a_hearing_before_another_jurisdictions_forum_is_refused(api, book):
    reply = api.post(
        f"claims/{book.claim.number}/hearings",
        {"forum": "nsw_pic_conciliation", "starts_at": "2026-11-09T16:00:00Z", "location": "Sydney"},
        as_="adjuster",
    )

    assert (reply.status, _fields(reply)) == (400, ["forum"])


def test_a_settlement_offer_is_made_only_once_approved(api, book):
    number = book.claim.number
    bad = api.post(f"claims/{number}/settlement-offers", {"amount": "100.001", "terms": "x"}, as_="adjuster")
    assert (bad.status, _fields(bad)) == (400, ["amount"])
    assert SettlementOffer.objects.count() == 0

    drafted = api.post(
        f"claims/{number}/settlement-offers",
        {"amount": "25000.00", "terms": "Full and final"},
        as_="adjuster",
    )
    assert drafted.status == 201
    assert (drafted.body["required_approvals"], drafted.body["missing_approvals"]) == (
        ["administrator"],
        ["administrator"],
    )
    base = f"claims/{number}/settlement-offers/{drafted.body['id']}"

    early = api.post(f"{base}/offer", {"offered_on": "2026-11-02"}, as_="adjuster")
    assert (early.status, _fields(early)) == (400, ["status"])
    own = api.post(f"{base}/approvals", {"approve": True}, as_="adjuster")
    assert own.status == 403
    approved = api.post(f"{base}/approvals", {"approve": True}, as_="supervisor")
    assert (approved.status, approved.body["status"], approved.body["missing_approvals"]) == (
        200,
        "approved",
        [],
    )
    twice = api.post(f"{base}/approvals", {"approve": True}, as_="admin")
    assert twice.status == 409

    made = api.post(f"{base}/offer", {"offered_on": "2026-11-02"}, as_="adjuster")
    assert (made.status, made.body["status"]) == (200, "offered")
    assert api.get(f"claims/{number}/settlement-offers", as_="worker").status == 403
