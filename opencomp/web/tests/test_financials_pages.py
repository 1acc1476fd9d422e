"""The claim financials page and the approval queue.

The book's clock stands at Monday 2 Nov 2026; its CO claim (injured 20 Oct 2026) is handled by
Summit Mutual's adjuster, who has no payment authority unless a test gives some.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from opencomp.payments.enums import RequestStatus
from opencomp.payments.models import ApprovalRequest, Authority, LedgerEntry
from opencomp.payments.services import PaymentInput, payment_issue, repayment_plan_agree, reserve_set


def authority(user, pay: str = "5000.00", reserve: str = "50000.00") -> None:
    Authority.objects.create(
        user=user,
        payment_limit=Decimal(pay),
        reserve_limit=Decimal(reserve),
        set_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )


def reserve(book, category: str = "medical", amount: str = "10000.00") -> None:
    reserve_set(
        actor=book.users["admin"],
        claim=book.claim,
        category=category,
        amount=Decimal(amount),
        reason="Initial estimate",
    )


def pay(book, amount: str = "250.00", **fields):
    payment = PaymentInput(
        category=fields.pop("category", "medical"),
        amount=Decimal(amount),
        payee_kind="provider",
        payee_name="Dr Jo Reyes",
        **fields,
    )
    return payment_issue(actor=book.users["admin"], claim=book.claim, payment=payment)


def page(book) -> str:
    return reverse("web:claim_financials", args=[book.claim.number])


def post_url(book, name: str, *args) -> str:
    return reverse(f"web:{name}", args=[book.claim.number, *args])


PAYMENT = {
    "payment-category": "medical",
    "payment-bucket": "general",
    "payment-amount": "300.00",
    "payment-payee_kind": "provider",
    "payment-payee_name": "Front Range Physio",
    "payment-method": "eft",
    "payment-idempotency_key": "web-test-key-1",
    "payment-reason": "Invoice 1042",
}


def test_summary_shows_each_category_and_the_totals(book, login):
    # given
    reserve(book, "medical", "10000.00")
    reserve(book, "indemnity", "5000.00")
    pay(book, "250.00")

    # when
    response = login("auditor").get(page(book))

    # then
    assert response.status_code == 200
    rows = {row.label: row for row in response.context["rows"]}
    assert set(rows) == {"Indemnity · General", "Medical · General"}
    medical = rows["Medical · General"]
    assert (medical.reserve, medical.paid, medical.outstanding) == ("$10,000.00", "$250.00", "$9,750.00")
    total = response.context["total"]
    assert (total.reserve, total.paid, total.incurred) == ("$15,000.00", "$250.00", "$15,000.00")
    assert b"Net incurred" in response.content


def test_readers_who_do_not_work_the_claim_see_no_forms(book, login):
    # when
    response = login("employer_coordinator").get(page(book))

    # then
    assert response.status_code == 200
    assert "payment_form" not in response.context
    assert b"Issue a payment" not in response.content


def test_worker_and_provider_may_not_see_the_money(book, login):
    assert login("worker").get(page(book)).status_code == 403
    assert login("provider").get(page(book)).status_code == 403


def test_claim_page_links_to_financials_for_staff_not_the_worker(book, login):
    detail = reverse("web:claim_detail", args=[book.claim.number])

    assert page(book).encode() in login("adjuster").get(detail).content
    assert page(book).encode() not in login("worker").get(detail).content


def test_a_payment_within_authority_is_made_and_a_double_submit_pays_once(book, login):
    # given
    reserve(book)
    authority(book.users["adjuster"])
    client = login("adjuster")

    # when
    first = client.post(post_url(book, "claim_payment_issue"), PAYMENT)
    second = client.post(post_url(book, "claim_payment_issue"), PAYMENT)

    # then
    assert first.status_code == second.status_code == 302
    assert LedgerEntry.objects.filter(claim=book.claim, kind="payment").count() == 1
    shown = client.get(page(book))
    assert b"Front Range Physio" in shown.content
    assert shown.context["total"].paid == "$300.00"


def test_each_render_of_the_payment_form_has_a_new_idempotency_key(book, login):
    client = login("adjuster")

    keys = {client.get(page(book)).context["payment_form"].initial["idempotency_key"] for _ in range(2)}

    assert len(keys) == 2


def test_a_payment_above_authority_waits_for_approval(book, login):
    # given
    reserve(book)
    authority(book.users["adjuster"], pay="100.00")
    client = login("adjuster")

    # when
    response = client.post(post_url(book, "claim_payment_issue"), PAYMENT, follow=True)

    # then
    assert "Waiting for approval: above your authority of $100.00" in response.content.decode()
    request = ApprovalRequest.objects.get(claim=book.claim)
    assert request.status == RequestStatus.PENDING
    assert [row.request for row in response.context["pending"]] == [request]
    assert not LedgerEntry.objects.filter(kind="payment").exists()


def test_a_payment_beyond_the_outstanding_reserve_is_refused_on_the_amount(book, login):
    # given
    reserve(book, amount="100.00")

    # when
    response = login("admin").post(post_url(book, "claim_payment_issue"), PAYMENT)

    # then
    assert response.status_code == 200
    form = response.context["form"]
    assert "raise the reserve first" in form.errors["amount"][0]
    assert form["idempotency_key"].value() == "web-test-key-1"


def test_an_indemnity_payment_without_period_is_refused_naming_the_fields(book, login):
    reserve(book, "indemnity")
    data = {**PAYMENT, "payment-category": "indemnity"}

    response = login("admin").post(post_url(book, "claim_payment_issue"), data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"benefit", "period_start"}


def test_setting_a_reserve_posts_it_or_queues_it(book, login):
    # given
    authority(book.users["adjuster"], reserve="1000.00")
    client = login("adjuster")
    data = {"reserve-category": "medical", "reserve-bucket": "general", "reserve-reason": "Estimate"}

    # when
    small = client.post(post_url(book, "claim_reserve_set"), {**data, "reserve-amount": "800.00"})
    large = client.post(
        post_url(book, "claim_reserve_set"), {**data, "reserve-amount": "9000.00"}, follow=True
    )

    # then
    assert small.status_code == 302
    assert LedgerEntry.objects.filter(kind="reserve_change").count() == 1
    assert "Waiting for approval: above your authority of $1,000.00" in large.content.decode()


def test_a_reserve_without_a_reason_is_refused_on_the_field(book, login):
    data = {"reserve-category": "medical", "reserve-bucket": "general", "reserve-amount": "800.00"}

    response = login("admin").post(post_url(book, "claim_reserve_set"), data)

    assert response.status_code == 200
    assert "reason" in response.context["form"].errors


def test_a_void_is_shown_against_the_payment_it_reverses(book, login):
    # given
    reserve(book)
    entry = pay(book, "250.00")
    client = login("admin")

    # when
    response = client.post(
        post_url(book, "claim_payment_void", entry.pk), {f"void-{entry.pk}-reason": "Duplicate invoice"}
    )

    # then
    assert response.status_code == 302
    shown = client.get(page(book))
    rows = shown.context["history"]
    assert [r.entry.kind for r in rows] == ["payment", "void"]
    assert rows[0].voided_by == rows[1].entry
    assert rows[0].void_form is None
    assert f"Voided by #{rows[1].entry.pk}" in shown.content.decode()
    assert shown.context["total"].outstanding == "$10,000.00"


def test_a_void_without_a_reason_is_refused_on_its_form(book, login):
    reserve(book)
    entry = pay(book)

    response = login("admin").post(post_url(book, "claim_payment_void", entry.pk), {})

    assert response.status_code == 200
    assert "reason" in response.context["form"].errors


def test_a_recovery_against_a_plan_reduces_what_is_still_owed(book, login):
    # given
    reserve(book, "indemnity")
    plan = repayment_plan_agree(
        actor=book.users["admin"],
        claim=book.claim,
        kind="overpayment",
        category="indemnity",
        owed=Decimal("600.00"),
        debtor="Maria Lopez",
        terms="$100 a week",
    )
    client = login("adjuster")
    data = {
        "recovery-category": "indemnity",
        "recovery-amount": "100.00",
        "recovery-kind": "overpayment",
        "recovery-payer": "Maria Lopez",
        "recovery-plan": str(plan.pk),
    }

    # when
    response = client.post(post_url(book, "claim_recovery_record"), data)

    # then
    assert response.status_code == 302
    shown = client.get(page(book))
    assert shown.context["plans"][0]["still_owed"] == "$500.00"
    assert shown.context["total"].recovered == "$100.00"


def test_a_repayment_plan_is_agreed_from_the_page(book, login):
    data = {
        "plan-kind": "overpayment",
        "plan-category": "indemnity",
        "plan-owed": "450.00",
        "plan-debtor": "Maria Lopez",
        "plan-terms": "Three instalments",
    }

    response = login("adjuster").post(post_url(book, "claim_repayment_plan_agree"), data, follow=True)

    assert "Repayment plan" in response.content.decode()
    assert response.context["plans"][0]["still_owed"] == "$450.00"


# --- the approval queue ---------------------------------------------------------------------------


@pytest.fixture
def waiting(book):
    """The adjuster's $300 payment, above their (nil) authority; the supervisor may pay $5,000."""
    reserve(book)
    authority(book.users["supervisor"])
    payment = PaymentInput(
        category="medical", amount=Decimal("300.00"), payee_kind="provider", payee_name="Front Range Physio"
    )
    return payment_issue(actor=book.users["adjuster"], claim=book.claim, payment=payment)


def test_the_queue_lists_the_organisations_requests(book, login, waiting):
    response = login("supervisor").get(reverse("web:approval_queue"))

    assert response.status_code == 200
    assert [row.request for row in response.context["requests"]] == [waiting]
    assert response.context["requests"][0].may_decide
    assert b"Approvals" in response.content


def test_the_queue_is_refused_to_adjusters(book, login):
    assert login("adjuster").get(reverse("web:approval_queue")).status_code == 403


def test_approving_posts_the_payment(book, login, waiting):
    url = reverse("web:approval_decide", args=[waiting.pk])

    response = login("supervisor").post(url, {f"decide-{waiting.pk}-decision": "approve"})

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.APPROVED
    assert waiting.entry.approved_by == book.users["supervisor"]


def test_a_rejection_needs_a_reason(book, login, waiting):
    url = reverse("web:approval_decide", args=[waiting.pk])
    client = login("supervisor")

    refused = client.post(url, {f"decide-{waiting.pk}-decision": "reject"})
    rejected = client.post(
        url, {f"decide-{waiting.pk}-decision": "reject", f"decide-{waiting.pk}-reason": "Not our bill"}
    )

    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    assert rejected.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, waiting.decision_reason) == (RequestStatus.REJECTED, "Not our bill")


def test_deciding_twice_is_refused_on_the_form(book, login, waiting):
    url = reverse("web:approval_decide", args=[waiting.pk])
    client = login("admin")
    client.post(url, {f"decide-{waiting.pk}-decision": "approve"})

    again = client.post(url, {f"decide-{waiting.pk}-decision": "approve"})

    assert again.status_code == 200
    assert again.context["form"].errors
    assert b"already" in again.content
