"""The modified duty page: a refused offer shows its error at the field; the claim page still renders."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from opencomp.parties.models import Worker
from opencomp.rtw.models import ModifiedDutyAssignment
from opencomp.workstatus.services import work_status_record

D = dt.date
OFFER = {
    "offer-position": "Records clerk",
    "offer-duties": "Filing.",
    "offer-department": "Fleet Maintenance",
    "offer-hours_per_day": "6",
    "offer-days_per_week": "5",
    "offer-weekly_earnings": "600.00",
    "offer-start_on": "2026-11-02",
    "offer-delivery_method": "certified_mail",
    "offer-tracking_number": "9407 1000 0000 0000 0000 01",
}


def _restrictions(book):
    Worker.objects.filter(pk=book.worker.pk).update(
        street="12 Elm St", city="Denver", region="CO", postcode="80203"
    )
    work_status_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        kind="rtw_pass",
        examined_on=D(2026, 10, 22),
        valid_from=D(2026, 10, 22),
        capacity="partial",
        restrictions=[{"kind": "lifting", "limit": "20"}],
        provider_name="Dr Jo Reyes",
    )


def test_a_duty_breaking_a_restriction_is_shown_at_its_field(login, book):
    _restrictions(book)
    client = login("adjuster")
    url = reverse("web:claim_modified_duty_offer", args=[book.claim.number])
    reply = client.post(url, {**OFFER, "offer-lifting": "30"})
    assert reply.status_code == 200
    (error,) = reply.context["offer_form"].errors["lifting"]
    assert 'Lifting: up to 30 lb breaks the restriction "Lifting: at most 20 lb"' in error
    assert ModifiedDutyAssignment.objects.count() == 0


def test_an_offer_made_on_the_page_is_listed_and_the_claim_page_renders(login, book):
    _restrictions(book)
    client = login("adjuster")
    url = reverse("web:claim_modified_duty_offer", args=[book.claim.number])
    reply = client.post(url, {**OFFER, "offer-lifting": "10"})
    assert reply.status_code == 302
    page = client.get(reverse("web:claim_modified_duty", args=[book.claim.number])).content.decode()
    assert "Records clerk" in page
    assert "Certified mail (article 9407 1000 0000 0000 0000 01)" in page
    assert "Lifting: up to 10 lb" in page
    claim_page = client.get(reverse("web:claim_detail", args=[book.claim.number]))
    assert claim_page.status_code == 200
    assert "Modified duty offered" in claim_page.content.decode()
