"""Reads of a claim's money: balances, the financial summary, plans, history and the queue.

Everything is derived from the ledger lines written by the real services; sums are exact
Decimals on both databases.
"""

from __future__ import annotations

import pytest

from opencomp.payments.enums import Account, Bucket, Category, EntryKind, RecoveryKind, RequestStatus
from opencomp.payments.selectors import (
    Position,
    approval_queue,
    balance,
    financial_summary,
    payment_history,
    plan_still_owed,
)
from opencomp.payments.services import (
    approval_decide,
    payment_issue,
    payment_void,
    recovery_record,
    repayment_plan_agree,
    reserve_set,
)
from opencomp.payments.tests.fixtures import D, M, give_authority, indemnity, medical

IND, MED, EXP = Category.INDEMNITY, Category.MEDICAL, Category.EXPENSE
GEN, PERM, STIP = Bucket.GENERAL, Bucket.PERMANENCY, Bucket.STIPULATION

pytestmark = pytest.mark.django_db


@pytest.fixture
def adjuster(book):
    user = book.users["adjuster"]
    give_authority(user, payment="5000.00", reserve="50000.00")
    return user


def test_a_claim_without_entries_has_an_empty_summary(book):
    # when
    summary = financial_summary(claim=book.claim)

    # then
    assert summary.claim_number == book.claim.number
    assert summary.positions == ()
    assert summary.total("net_incurred") == M("0.00")
    assert summary.position(IND) == Position(IND, GEN, M("0.00"), M("0.00"), M("0.00"))
    assert balance(claim=book.claim, account=Account.RESERVE, category=IND) == M("0.00")


def test_the_summary_lists_each_category_and_bucket_in_order_with_exact_figures(book, adjuster):
    # given reserves in four places, payments from three, a recovery in one
    claim = book.claim
    for category, bucket, amount in [
        (EXP, GEN, "1500.00"),
        (MED, GEN, "5000.00"),
        (IND, PERM, "4500.00"),
        (IND, GEN, "10000.00"),
    ]:
        reserve_set(
            actor=adjuster, claim=claim, category=category, bucket=bucket, amount=M(amount), reason="R"
        )
    payment_issue(actor=adjuster, claim=claim, payment=indemnity("1293.25", D(2026, 10, 21), D(2026, 10, 27)))
    payment_issue(actor=adjuster, claim=claim, payment=medical("410.60"))
    payment_issue(actor=adjuster, claim=claim, payment=medical("89.40"))
    recovery_record(
        actor=adjuster,
        claim=claim,
        category=MED,
        amount=M("120.00"),
        kind=RecoveryKind.SUBROGATION,
        payer="Rocky Auto Insurance",
    )

    # when
    summary = financial_summary(claim=claim)

    # then indemnity before medical before expense; general before permanency
    assert [(p.category, p.bucket) for p in summary.positions] == [
        (IND, GEN),
        (IND, PERM),
        (MED, GEN),
        (EXP, GEN),
    ]
    ind = summary.position(IND)
    assert (ind.reserve, ind.paid, ind.outstanding, ind.incurred, ind.net_incurred) == (
        M("10000.00"),
        M("1293.25"),
        M("8706.75"),
        M("10000.00"),
        M("10000.00"),
    )
    med = summary.position(MED)
    assert (med.reserve, med.paid, med.outstanding, med.recovered, med.net_incurred) == (
        M("5000.00"),
        M("500.00"),
        M("4500.00"),
        M("120.00"),
        M("4880.00"),
    )
    assert summary.position(IND, PERM).outstanding == M("4500.00")
    assert summary.position(IND, STIP) == Position(IND, STIP, M("0.00"), M("0.00"), M("0.00"))
    assert summary.total("reserve") == M("21000.00")
    assert summary.total("paid") == M("1793.25")
    assert summary.total("outstanding") == M("19206.75")
    assert summary.total("recovered") == M("120.00")
    assert summary.total("net_incurred") == M("20880.00")
    # the balance of one account, one bucket or all of them
    assert balance(claim=claim, account=Account.RESERVE, category=IND, bucket=GEN) == M("10000.00")
    assert balance(claim=claim, account=Account.RESERVE, category=IND) == M("14500.00")
    assert balance(claim=claim, account=Account.DISBURSED, category=MED) == M("-500.00")
    assert balance(claim=claim, account=Account.RECEIVED, category=MED) == M("120.00")


def test_many_small_amounts_add_up_exactly(book, adjuster):
    # given ten payments of ten cents (binary floating point would not make $1.00)
    reserve_set(actor=adjuster, claim=book.claim, category=MED, amount=M("1000.00"), reason="R")
    for _ in range(10):
        payment_issue(actor=adjuster, claim=book.claim, payment=medical("0.10"))

    # then
    paid = balance(claim=book.claim, account=Account.PAID, category=MED, bucket=GEN)
    assert paid == M("1.00")
    assert str(paid) == "1.00"
    assert financial_summary(claim=book.claim).position(MED).outstanding == M("999.00")


def test_incurred_counts_no_negative_outstanding():
    # given a position paid beyond its reserve (only possible through an explicit adjustment)
    position = Position(IND, GEN, reserve=M("100.00"), paid=M("150.00"), recovered=M("20.00"))

    # then
    assert position.outstanding == M("-50.00")
    assert position.incurred == M("150.00")
    assert position.net_incurred == M("130.00")


def test_plan_still_owed_counts_only_that_plans_recoveries(book, adjuster):
    # given two plans and a recovery outside any plan
    claim = book.claim

    def plan(owed: str):
        return repayment_plan_agree(
            actor=adjuster,
            claim=claim,
            kind=RecoveryKind.OVERPAYMENT,
            category=IND,
            owed=M(owed),
            debtor="Maria Lopez",
            terms="Monthly",
        )

    first, second = plan("600.00"), plan("80.00")

    def recover(amount: str, on):
        recovery_record(
            actor=adjuster,
            claim=claim,
            category=IND,
            amount=M(amount),
            kind=RecoveryKind.OVERPAYMENT,
            payer="Maria Lopez",
            plan=on,
        )

    # when
    recover("199.99", first)
    recover("30.00", second)
    recover("500.00", None)

    # then
    assert plan_still_owed(first) == M("400.01")
    assert plan_still_owed(second) == M("50.00")
    assert financial_summary(claim=claim).position(IND).recovered == M("729.99")


def test_payment_history_shows_payments_voids_and_recoveries_with_their_reversals(book, adjuster):
    # given a reserve, two payments (one voided) and a recovery
    claim = book.claim
    reserve_set(actor=adjuster, claim=claim, category=MED, amount=M("1000.00"), reason="R")
    kept = payment_issue(actor=adjuster, claim=claim, payment=medical("100.00"))
    voided = payment_issue(actor=adjuster, claim=claim, payment=medical("200.00"))
    void = payment_void(actor=adjuster, entry=voided, reason="Duplicate bill")
    recovery = recovery_record(
        actor=adjuster,
        claim=claim,
        category=MED,
        amount=M("50.00"),
        kind=RecoveryKind.OTHER,
        payer="Dr Jo Reyes",
    )

    # when
    history = payment_history(claim=claim)

    # then reserve changes are left out; the oldest comes first; each void names its payment
    assert [(e.pk, e.kind) for e in history] == [
        (kept.pk, EntryKind.PAYMENT),
        (voided.pk, EntryKind.PAYMENT),
        (void.pk, EntryKind.VOID),
        (recovery.pk, EntryKind.RECOVERY),
    ]
    assert history[1].reversed_by == history[2]
    assert history[2].reverses == history[1]
    assert _reversal(history[0]) is None


def _reversal(entry):
    try:
        return entry.reversed_by
    except type(entry).reversed_by.RelatedObjectDoesNotExist:
        return None


def test_the_approval_queue_lists_what_waits_on_the_administrators_claims_oldest_first(
    book, adjuster, frozen_now
):
    # given two requests waiting on Summit's claim, one decided, and one on Harbour's claim
    claim = book.claim
    supervisor = book.users["supervisor"]
    give_authority(supervisor, payment="100000.00", reserve="1000000.00")
    give_authority(adjuster, payment="0.00", reserve="0.00")
    first = reserve_set(actor=adjuster, claim=claim, category=IND, amount=M("10000.00"), reason="R")
    frozen_now.shift(60)
    decided = reserve_set(actor=adjuster, claim=claim, category=MED, amount=M("2000.00"), reason="R")
    frozen_now.shift(60)
    second = reserve_set(actor=adjuster, claim=claim, category=EXP, amount=M("500.00"), reason="R")
    approval_decide(actor=supervisor, request=decided, approve=False, reason="Too early")
    elsewhere = reserve_set(
        actor=book.users["other_adjuster"], claim=book.other_claim, category=IND, amount=M("1.00"), reason="R"
    )

    # when
    summit = approval_queue(administrator_id=book.insurer.pk)
    harbour = approval_queue(administrator_id=book.other_insurer.pk)
    everyone = approval_queue(administrator_id=None)

    # then
    assert [r.pk for r in summit] == [first.pk, second.pk]
    assert all(r.status == RequestStatus.PENDING for r in summit)
    assert [r.pk for r in harbour] == [elsewhere.pk]
    assert [r.pk for r in everyone] == [first.pk, second.pk, elsewhere.pk]
