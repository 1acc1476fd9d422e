"""The bank details card of the claim financials page: masked number, verification, change form.

The book's CO claim (US: ABA routing numbers) is handled by Summit Mutual's adjuster.
"""

from __future__ import annotations

from django.urls import reverse

from opencomp.claims.models import ClaimEvent
from opencomp.payments.models import BankDetails

ACCOUNT = "123456789012"
FORM = {
    "bank-account_name": "Maria Lopez",
    "bank-bsb_or_routing": "021000021",
    "bank-account_number": ACCOUNT,
    "bank-verification_method": "in_person_with_id",
    "bank-verification_note": "Saw her driver licence at the branch office.",
}


def page(book) -> str:
    return reverse("web:claim_financials", args=[book.claim.number])


def change_url(book) -> str:
    return reverse("web:claim_bank_details_change", args=[book.claim.number])


def test_a_verified_change_is_shown_masked_with_who_verified_it(book, login):
    client = login("adjuster")

    response = client.post(change_url(book), FORM, follow=True)

    assert response.status_code == 200
    details = BankDetails.objects.get()
    assert details.account_number == ACCOUNT
    content = response.content.decode()
    assert "•••• 012" in content
    assert ACCOUNT not in content
    assert "In person, with photo identification" in content
    assert "Avery Adjuster" in content


def test_a_change_without_a_verification_note_is_refused_on_the_field(book, login):
    response = login("adjuster").post(change_url(book), {**FORM, "bank-verification_note": ""})

    assert response.status_code == 200
    assert "verification_note" in response.context["bank_form"].errors
    assert not BankDetails.objects.exists()


def test_a_bad_routing_number_is_refused_on_the_field(book, login):
    response = login("adjuster").post(change_url(book), {**FORM, "bank-bsb_or_routing": "021000022"})

    assert response.status_code == 200
    assert "bsb_or_routing" in response.context["bank_form"].errors
    assert not BankDetails.objects.exists()
    assert not ClaimEvent.objects.filter(kind="bank_details.changed").exists()


def test_readers_who_do_not_work_the_claim_see_the_card_but_no_form(book, login):
    login("adjuster").post(change_url(book), FORM)

    response = login("auditor").get(page(book))

    assert "•••• 012" in response.content.decode()
    assert "bank_form" not in response.context
    assert login("auditor").post(change_url(book), FORM).status_code == 403
    assert BankDetails.objects.count() == 1
