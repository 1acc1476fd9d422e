"""Claim financials through the API: reserves, payments (posted or queued), voids, recoveries, approvals.

The book's clock stands at Monday 2 Nov 2026; its CO claim was injured on 20 Oct 2026. The adjuster has no
payment authority unless a test gives some.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opencomp.payments.models import Authority, LedgerEntry
from opencomp.payments.services import reserve_set


def authority(user, pay: str = "5000.00", reserve: str = "50000.00") -> None:
    Authority.objects.create(
        user=user,
        payment_limit=Decimal(pay),
        reserve_limit=Decimal(reserve),
        set_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )


@pytest.fixture
def reserved(book):
    """A $10,000 medical and a $5,000 indemnity reserve on the book's claim."""
    for category, amount in (("medical", "10000.00"), ("indemnity", "5000.00")):
        reserve_set(
            actor=book.users["admin"],
            claim=book.claim,
            category=category,
            amount=Decimal(amount),
            reason="Initial estimate",
        )
    return book.claim


def url(book, tail: str) -> str:
    return f"claims/{book.claim.number}/{tail}"


def fields(reply) -> list[str]:
    return [e["field"] for e in reply.body["errors"]]


PAYMENT = {
    "category": "medical",
    "amount": "250.00",
    "payee_kind": "provider",
    "payee_name": "Front Range Physio",
    "method": "eft",
    "idempotency_key": "api-test-1",
    "reason": "Invoice 1042",
}
TTD = {
    "category": "indemnity",
    "amount": "600.00",
    "payee_kind": "worker",
    "payee_name": "Maria Lopez",
    "benefit": "TTD",
    "period_start": "2026-10-21",
    "period_end": "2026-10-27",
}


def test_financials_summarise_by_category_with_totals(book, api, reserved):
    # given
    api.post(url(book, "payments"), PAYMENT, as_="admin")

    # when
    reply = api.get(url(book, "financials"), as_="auditor")

    # then
    assert reply.status == 200
    positions = {(p["category"], p["bucket"]): p for p in reply.body["positions"]}
    assert positions["medical", "general"] == {
        "category": "medical",
        "bucket": "general",
        "reserve": "10000.00",
        "paid": "250.00",
        "outstanding": "9750.00",
        "recovered": "0.00",
        "incurred": "10000.00",
        "net_incurred": "10000.00",
    }
    assert reply.body["totals"]["reserve"] == "15000.00"
    assert [(e["kind"], e["amount"]) for e in reply.body["history"]] == [("payment", "250.00")]


def test_worker_and_provider_do_not_see_the_money(book, api):
    assert api.get(url(book, "financials"), as_="worker").status == 403
    assert api.get(url(book, "financials"), as_="provider").status == 403
    assert api.get(url(book, "financials"), as_="other_adjuster").status == 404


def test_a_payment_within_authority_is_201_and_a_retry_pays_once(book, api, reserved):
    # given
    authority(book.users["adjuster"])

    # when
    first = api.post(url(book, "payments"), PAYMENT, as_="adjuster")
    again = api.post(url(book, "payments"), PAYMENT, as_="adjuster")

    # then
    assert first.status == 201
    assert first.body["amount"] == "250.00"
    assert first.body["payee_name"] == "Front Range Physio"
    assert again.status == 201
    assert again.body["id"] == first.body["id"]
    assert LedgerEntry.objects.filter(kind="payment").count() == 1


def test_a_payment_above_authority_is_202_with_the_request(book, api, reserved):
    # when
    reply = api.post(url(book, "payments"), PAYMENT, as_="adjuster")

    # then
    assert reply.status == 202
    assert reply.body["status"] == "pending"
    assert reply.body["amount"] == "250.00"
    assert reply.body["details"]["payee_name"] == "Front Range Physio"
    listed = api.get(url(book, "financials"), as_="adjuster").body["pending_requests"]
    assert [r["id"] for r in listed] == [reply.body["id"]]


def test_more_than_the_outstanding_reserve_is_refused_naming_amount(book, api, reserved):
    reply = api.post(url(book, "payments"), {**PAYMENT, "amount": "20000.00"}, as_="admin")

    assert reply.status == 400
    assert fields(reply) == ["amount"]


def test_an_indemnity_day_paid_twice_is_a_conflict(book, api, reserved):
    assert api.post(url(book, "payments"), TTD, as_="admin").status == 201

    reply = api.post(
        url(book, "payments"), {**TTD, "period_start": "2026-10-27", "period_end": "2026-10-30"}, as_="admin"
    )

    assert reply.status == 409
    assert fields(reply) == ["period_start"]


def test_a_void_restores_the_outstanding_reserve_and_frees_the_days(book, api, reserved):
    # given
    paid = api.post(url(book, "payments"), TTD, as_="admin").body

    # when
    void = api.post(f"payments/{paid['id']}/void", {"reason": "Wrong period"}, as_="admin")

    # then
    assert void.status == 201
    assert (void.body["kind"], void.body["amount"], void.body["reverses"]) == ("void", "-600.00", paid["id"])
    body = api.get(url(book, "financials"), as_="admin").body
    indemnity = next(p for p in body["positions"] if p["category"] == "indemnity")
    assert indemnity["outstanding"] == "5000.00"
    assert body["history"][0]["voided_by"] == void.body["id"]
    assert api.post(url(book, "payments"), TTD, as_="admin").status == 201
    again = api.post(f"payments/{paid['id']}/void", {"reason": "Again"}, as_="admin")
    assert again.status == 409


def test_a_void_of_a_payment_on_a_hidden_claim_is_not_found(book, api, reserved):
    paid = api.post(url(book, "payments"), PAYMENT, as_="admin").body

    assert api.post(f"payments/{paid['id']}/void", {"reason": "x"}, as_="other_adjuster").status == 404
    assert api.post("payments/999999/void", {"reason": "x"}, as_="admin").status == 404


def test_reserve_below_paid_is_refused_and_a_change_is_201(book, api, reserved):
    api.post(url(book, "payments"), PAYMENT, as_="admin")

    low = api.post(
        url(book, "reserves"), {"category": "medical", "amount": "100.00", "reason": "Cut"}, as_="admin"
    )
    ok = api.post(
        url(book, "reserves"), {"category": "medical", "amount": "12000.00", "reason": "MRI"}, as_="admin"
    )

    assert low.status == 400
    assert fields(low) == ["amount"]
    assert ok.status == 201
    assert (ok.body["kind"], ok.body["amount"]) == ("reserve_change", "2000.00")


def test_a_recovery_against_a_plan_reduces_what_is_still_owed(book, api, reserved):
    # given
    plan = api.post(
        url(book, "repayment-plans"),
        {
            "kind": "overpayment",
            "category": "indemnity",
            "owed": "600.00",
            "debtor": "Maria Lopez",
            "terms": "$100 a week",
        },
        as_="adjuster",
    )

    # when
    body = {"category": "indemnity", "amount": "100.00", "kind": "overpayment", "payer": "Maria Lopez"}
    reply = api.post(url(book, "recoveries"), {**body, "plan_id": plan.body["id"]}, as_="adjuster")
    too_much = api.post(
        url(book, "recoveries"), {**body, "amount": "900.00", "plan_id": plan.body["id"]}, as_="adjuster"
    )
    unknown = api.post(url(book, "recoveries"), {**body, "plan_id": 999999}, as_="adjuster")

    # then
    assert plan.status == 201
    assert reply.status == 201
    assert too_much.status == 400
    assert fields(unknown) == ["plan_id"]
    financials = api.get(url(book, "financials"), as_="adjuster").body
    assert financials["repayment_plans"][0]["still_owed"] == "500.00"
    indemnity = next(p for p in financials["positions"] if p["category"] == "indemnity")
    assert (indemnity["recovered"], indemnity["net_incurred"]) == ("100.00", "4900.00")


def test_the_supervisor_approves_from_the_queue_and_the_payment_is_posted(book, api, reserved):
    # given
    authority(book.users["supervisor"])
    queued = api.post(url(book, "payments"), PAYMENT, as_="adjuster").body

    # when
    queue = api.get("approvals", as_="supervisor")
    decided = api.post(f"approvals/{queued['id']}/decision", {"approve": True}, as_="supervisor")

    # then
    assert [r["id"] for r in queue.body] == [queued["id"]]
    assert decided.status == 200
    assert decided.body["status"] == "approved"
    entry = LedgerEntry.objects.get(pk=decided.body["entry_id"])
    assert entry.approved_by == book.users["supervisor"]
    again = api.post(f"approvals/{queued['id']}/decision", {"approve": True}, as_="supervisor")
    assert again.status == 409


def test_a_rejection_needs_a_reason_and_the_requester_may_not_decide(book, api, reserved):
    authority(book.users["supervisor"])
    queued = api.post(url(book, "payments"), PAYMENT, as_="supervisor")
    assert queued.status == 201  # within the supervisor's own authority
    authority_less = api.post(
        url(book, "payments"), {**PAYMENT, "idempotency_key": "k2"}, as_="adjuster"
    ).body

    no_reason = api.post(f"approvals/{authority_less['id']}/decision", {"approve": False}, as_="supervisor")
    adjuster = api.post(f"approvals/{authority_less['id']}/decision", {"approve": True}, as_="adjuster")
    rejected = api.post(
        f"approvals/{authority_less['id']}/decision",
        {"approve": False, "reason": "Not ours"},
        as_="supervisor",
    )

    assert no_reason.status == 400
    assert fields(no_reason) == ["reason"]
    assert adjuster.status == 403
    assert (rejected.status, rejected.body["status"], rejected.body["decision_reason"]) == (
        200,
        "rejected",
        "Not ours",
    )


def test_the_queue_is_refused_to_adjusters(book, api):
    assert api.get("approvals", as_="adjuster").status == 403
    assert api.get("approvals", as_="admin").status == 200
