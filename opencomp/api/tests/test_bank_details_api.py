"""A worker's bank details through the API: a verified change (201, masked) and the financials view."""

from __future__ import annotations

import json

from opencomp.claims.models import ClaimEvent
from opencomp.payments.models import BankDetails

ACCOUNT = "123456789012"
BODY = {
    "account_name": "Maria Lopez",
    "bsb_or_routing": "021000021",
    "account_number": ACCOUNT,
    "verification_method": "call_back_to_known_number",
    "verification_note": "Called back on the number on the claim form.",
}


def url(book, tail: str) -> str:
    return f"claims/{book.claim.number}/{tail}"


def fields(reply) -> list[str]:
    return [e["field"] for e in reply.body["errors"]]


def test_a_verified_change_is_201_and_masked(book, api):
    reply = api.post(url(book, "bank-details"), BODY, as_="adjuster")

    assert reply.status == 201
    assert reply.body["account_number_masked"] == "•••• 012"
    assert reply.body["verified_by"] == "Avery Adjuster"
    assert reply.body["claim_number"] == book.claim.number
    assert ACCOUNT not in json.dumps(reply.body)
    assert BankDetails.objects.get().account_number == ACCOUNT


def test_the_financials_show_the_current_details_masked(book, api):
    assert api.get(url(book, "financials"), as_="auditor").body["bank_details"] is None
    api.post(url(book, "bank-details"), BODY, as_="adjuster")

    reply = api.get(url(book, "financials"), as_="auditor")

    assert reply.status == 200
    assert reply.body["bank_details"]["account_number_masked"] == "•••• 012"
    assert reply.body["bank_details"]["verification_method"] == "call_back_to_known_number"
    assert ACCOUNT not in json.dumps(reply.body)


def test_a_missing_verification_is_refused_and_nothing_written(book, api):
    reply = api.post(url(book, "bank-details"), {**BODY, "verification_note": " "}, as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == ["verification_note"]
    assert not BankDetails.objects.exists()
    assert not ClaimEvent.objects.filter(kind="bank_details.changed").exists()


def test_a_bad_routing_checksum_is_refused(book, api):
    reply = api.post(url(book, "bank-details"), {**BODY, "bsb_or_routing": "021000022"}, as_="adjuster")

    assert reply.status == 400
    assert fields(reply) == ["bsb_or_routing"]


def test_the_worker_may_not_change_their_details_here(book, api):
    assert api.post(url(book, "bank-details"), BODY, as_="worker").status == 403
    assert api.post(url(book, "bank-details"), BODY, as_="employer_supervisor").status == 403
    assert not BankDetails.objects.exists()
