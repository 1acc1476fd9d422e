"""Liability decisions through the API (the rules: ``deadlines/tests/test_liability_decisions.py``)."""

from __future__ import annotations

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent


def fields(reply) -> list[str]:
    return [e["field"] for e in reply.body["errors"]]


def url(book) -> str:
    return f"claims/{book.claim.number}/liability-decisions"


def test_a_colorado_admission_moves_the_claim_and_records_the_decision(book, api):
    reply = api.post(url(book), {"decision": "admission", "expected_status": "reported"}, as_="adjuster")

    assert reply.status == 200, reply.body
    assert reply.body["status"] == "accepted"
    decided = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.LIABILITY_DECIDED)
    assert decided.payload["label"] == "General admission of liability (GAL)"


def test_refusals_name_the_field_and_change_nothing(book, api):
    before = ClaimEvent.objects.filter(claim=book.claim).count()

    not_allowed = api.post(url(book), {"decision": "reasonable_excuse"}, as_="adjuster")
    no_reasons = api.post(url(book), {"decision": "contest"}, as_="adjuster")
    no_manager = api.post(url(book), {"decision": "contest", "signed_off_by_id": 999999}, as_="adjuster")
    moved = api.post(url(book), {"decision": "admission", "expected_status": "accepted"}, as_="adjuster")

    assert (not_allowed.status, fields(not_allowed)) == (400, ["decision"])
    assert (
        not_allowed.body["errors"][0]["message"]
        == "CO allows these liability decisions: admission, contest, final_admission"
    )
    assert (no_reasons.status, fields(no_reasons)) == (400, ["reasons"])
    assert (no_manager.status, fields(no_manager)) == (400, ["signed_off_by_id"])
    assert moved.status == 409
    assert ClaimEvent.objects.filter(claim=book.claim).count() == before
