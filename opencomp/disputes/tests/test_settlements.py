"""Settlement offers: the approvals seed 003 requires for a pool member's claim (the district and the
pool), a claims supervisor's on any other claim, never the drafter's; and every refusal writes nothing."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connections

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from opencomp.disputes.models import Dispute, SettlementApproval, SettlementOffer
from opencomp.disputes.selectors import claim_settlement_offers
from opencomp.disputes.services import dispute_review_start
from opencomp.disputes.settlement_services import (
    settlement_approval_decide,
    settlement_offer_draft,
    settlement_offer_make,
    settlement_offer_respond,
    settlement_offer_withdraw,
)
from opencomp.disputes.tests.setup import liability_dispute, offer, pool_people

D = dt.date


def _fields(exc) -> list[str]:
    return [e.field for e in exc.value.errors]


def _snapshot(claim) -> tuple[object, ...]:
    return (
        ClaimEvent.objects.filter(claim=claim).count(),
        list(SettlementOffer.objects.order_by("pk").values_list("status", "offered_on")),
        SettlementApproval.objects.count(),
    )


@pytest.mark.parametrize(
    ("_case", "amount"),
    [
        ("zero", Decimal("0.00")),
        ("negative", Decimal("-100.00")),
        ("fractions of a cent", Decimal("100.005")),
        ("a float", 100.5),
        ("not a number", Decimal("NaN")),
    ],
)
def test_the_amount_is_a_positive_sum_in_cents(book, _case, amount):
    before = _snapshot(book.claim)

    with pytest.raises(ValidationFailed) as exc:
        settlement_offer_draft(
            actor=book.users["adjuster"], claim=book.claim, amount=amount, terms="Full and final"
        )

    assert _fields(exc) == ["amount"]
    assert _snapshot(book.claim) == before


def test_terms_and_dispute_are_checked_and_only_the_claims_staff_draft(book):
    other = liability_dispute(book)
    Dispute.objects.filter(pk=other.pk).update(status="withdrawn")
    other.refresh_from_db()
    before = _snapshot(book.claim)

    with pytest.raises(ValidationFailed) as exc:
        settlement_offer_draft(
            actor=book.users["adjuster"], claim=book.claim, amount=Decimal("10.00"), terms=" ", dispute=other
        )
    assert sorted(_fields(exc)) == ["dispute", "terms"]
    for key in ("employer_coordinator", "pool_administrator", "worker"):
        with pytest.raises(PermissionDenied):
            settlement_offer_draft(
                actor=book.users[key], claim=book.claim, amount=Decimal("10.00"), terms="x"
            )
    assert _snapshot(book.claim) == before


def test_an_offer_on_an_insured_claim_needs_a_claims_supervisors_approval(book):
    drafted = offer(book)
    assert (drafted.status, drafted.required_approvals) == ("drafted", ["administrator"])
    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.SETTLEMENT_DRAFTED)
    assert event.payload["amount"] == "25000.00"
    assert event.payload["required_approvals"] == ["administrator"]
    before = _snapshot(book.claim)

    # not before it is approved
    with pytest.raises(ValidationFailed) as exc:
        settlement_offer_make(actor=book.users["adjuster"], offer=drafted, offered_on=D(2026, 11, 2))
    assert _fields(exc) == ["status"]
    assert "claims supervisor" in exc.value.message
    # not by an adjuster, an employer or the drafter
    for key in ("adjuster", "adjuster2", "employer_coordinator", "auditor"):
        with pytest.raises(PermissionDenied):
            settlement_approval_decide(actor=book.users[key], offer=drafted, approve=True)
    assert _snapshot(book.claim) == before

    approved = settlement_approval_decide(actor=book.users["supervisor"], offer=drafted, approve=True)
    assert approved.status == "approved"
    decided = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.SETTLEMENT_APPROVAL_DECIDED)
    assert (decided.payload["party"], decided.payload["approved"]) == ("administrator", True)

    made = settlement_offer_make(actor=book.users["adjuster"], offer=approved, offered_on=D(2026, 11, 2))
    assert (made.status, made.offered_on) == ("offered", D(2026, 11, 2))
    accepted = settlement_offer_respond(
        actor=book.users["adjuster"], offer=made, response="accepted", responded_on=D(2026, 11, 2)
    )
    assert accepted.status == "accepted"
    after = _snapshot(book.claim)
    with pytest.raises(Conflict):
        settlement_offer_respond(
            actor=book.users["adjuster"], offer=made, response="rejected", responded_on=D(2026, 11, 2)
        )
    with pytest.raises(ValidationFailed):
        settlement_offer_withdraw(actor=book.users["adjuster"], offer=made, reason="Changed our mind")
    assert _snapshot(book.claim) == after


def test_the_supervisor_who_drafted_an_offer_may_not_approve_it(book):
    drafted = offer(book, actor="supervisor")
    before = _snapshot(book.claim)

    with pytest.raises(PermissionDenied) as exc:
        settlement_approval_decide(actor=book.users["supervisor"], offer=drafted, approve=True)

    assert "You drafted this offer" in exc.value.message
    assert _snapshot(book.claim) == before
    assert (
        settlement_approval_decide(actor=book.users["admin"], offer=drafted, approve=True).status
        == "approved"
    )


def test_an_offer_on_a_pool_members_claim_needs_the_district_and_the_pool(book):
    people = pool_people(book)
    claim = book.pool_claim
    drafted = offer(book, claim, actor=people["pool_adjuster"])
    assert drafted.required_approvals == ["district", "pool"]
    before = _snapshot(claim)

    # the claims supervisor of an insurer, the district's line supervisor and the drafter do not count
    for user in (book.users["supervisor"], people["district_supervisor"], people["pool_adjuster"]):
        with pytest.raises(PermissionDenied):
            settlement_approval_decide(actor=user, offer=drafted, approve=True)
    assert _snapshot(claim) == before

    # the pool approves: still waiting for the district
    waiting = settlement_approval_decide(actor=book.users["pool_administrator"], offer=drafted, approve=True)
    assert waiting.status == "drafted"
    with pytest.raises(ValidationFailed) as exc:
        settlement_offer_make(actor=people["pool_adjuster"], offer=waiting, offered_on=D(2026, 11, 2))
    assert "member employer's WC coordinator" in exc.value.message
    # the pool cannot approve twice, even through another of its people
    with pytest.raises(Conflict):
        settlement_approval_decide(actor=people["pool_supervisor"], offer=waiting, approve=True)

    approved = settlement_approval_decide(actor=people["district_coordinator"], offer=waiting, approve=True)
    assert approved.status == "approved"
    assert sorted(approved.approvals.values_list("party", flat=True)) == ["district", "pool"]
    made = settlement_offer_make(actor=people["pool_adjuster"], offer=approved, offered_on=D(2026, 11, 2))
    assert made.status == "offered"


def test_a_refused_approval_needs_a_reason_and_ends_the_draft(book):
    people = pool_people(book)
    drafted = offer(book, book.pool_claim, actor=people["pool_adjuster"])
    district = people["district_coordinator"]
    before = _snapshot(book.pool_claim)

    with pytest.raises(ValidationFailed) as exc:
        settlement_approval_decide(actor=district, offer=drafted, approve=False, reason=" ")
    assert _fields(exc) == ["reason"]
    assert _snapshot(book.pool_claim) == before

    refused = settlement_approval_decide(actor=district, offer=drafted, approve=False, reason="Too high")
    assert refused.status == "approval_refused"
    with pytest.raises(Conflict):
        settlement_approval_decide(actor=book.users["pool_administrator"], offer=refused, approve=True)
    with pytest.raises(ValidationFailed):
        settlement_offer_make(actor=people["pool_adjuster"], offer=refused, offered_on=D(2026, 11, 2))


def test_withdrawn_with_a_reason(book):
    drafted = offer(book)
    with pytest.raises(ValidationFailed) as exc:
        settlement_offer_withdraw(actor=book.users["adjuster"], offer=drafted, reason="")
    assert _fields(exc) == ["reason"]

    withdrawn = settlement_offer_withdraw(
        actor=book.users["adjuster"], offer=drafted, reason="Dispute resolved"
    )

    assert withdrawn.status == "withdrawn"
    with pytest.raises(Conflict):
        settlement_offer_withdraw(actor=book.users["adjuster"], offer=drafted, reason="Again")


def test_workers_and_providers_do_not_see_offers(book):
    offer(book)
    assert claim_settlement_offers(user=book.users["employer_coordinator"], claim=book.claim).count() == 1
    for key in ("worker", "provider"):
        with pytest.raises(PermissionDenied):
            claim_settlement_offers(user=book.users[key], claim=book.claim)


# --- concurrency ----------------------------------------------------------------------------------


def _run_together(calls) -> list[object]:
    barrier = threading.Barrier(len(calls))
    results: dict[int, object] = {}

    def run(n: int, call) -> None:
        try:
            barrier.wait(timeout=10)
            results[n] = call()
        except ApplicationError as exc:
            results[n] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(results) == len(calls), "a thread did not finish"
    return [results[n] for n in sorted(results)]


@pytest.mark.django_db(transaction=True)
def test_two_approvals_for_the_pool_at_once_do_not_both_win(frozen_now):
    from conftest import build_book

    book = build_book()
    people = pool_people(book)
    pk = offer(book, book.pool_claim, actor=people["pool_adjuster"]).pk

    results = _run_together(
        [
            lambda user=user: settlement_approval_decide(
                actor=user, offer=SettlementOffer.objects.get(pk=pk), approve=True
            )
            for user in (book.users["pool_administrator"], people["pool_supervisor"])
        ]
    )

    assert sorted(type(r).__name__ for r in results) == ["Conflict", "SettlementOffer"], results
    assert SettlementApproval.objects.filter(offer_id=pk).count() == 1
    assert ClaimEvent.objects.filter(kind=EventKind.SETTLEMENT_APPROVAL_DECIDED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_district_and_the_pool_approving_at_once_both_count(frozen_now):
    from conftest import build_book

    book = build_book()
    people = pool_people(book)
    pk = offer(book, book.pool_claim, actor=people["pool_adjuster"]).pk

    results = _run_together(
        [
            lambda user=user: settlement_approval_decide(
                actor=user, offer=SettlementOffer.objects.get(pk=pk), approve=True
            )
            for user in (book.users["pool_administrator"], people["district_coordinator"])
        ]
    )

    assert all(isinstance(r, SettlementOffer) for r in results), results
    assert SettlementOffer.objects.get(pk=pk).status == "approved"  # the second saw the first's approval


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_named_at_once_do_not_both_win(frozen_now):
    from conftest import build_book

    book = build_book()
    pk = liability_dispute(book).pk

    results = _run_together(
        [
            lambda reviewer=reviewer: dispute_review_start(
                actor=book.users["supervisor"], dispute=Dispute.objects.get(pk=pk), reviewer=reviewer
            )
            for reviewer in (book.users["adjuster2"], book.users["supervisor"])
        ]
    )

    assert sorted(type(r).__name__ for r in results) == ["Conflict", "Dispute"], results
    assert ClaimEvent.objects.filter(kind=EventKind.DISPUTE_REVIEW_STARTED).count() == 1
