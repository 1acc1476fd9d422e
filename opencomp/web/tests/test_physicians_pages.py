"""The physicians and examinations page: the treating doctor, a change and its due date, IME notice."""

from __future__ import annotations

from django.urls import reverse

from opencomp.physicians.models import ImeReferral, PhysicianChangeRequest, TreatingDoctor


def _url(claim, name: str = "claim_physicians", *args) -> str:
    return reverse(f"web:{name}", args=[claim.number, *args])


def test_the_claim_page_links_to_physicians_for_medical_readers_only(book, login):
    page = login("adjuster").get(reverse("web:claim_detail", args=[book.claim.number]))
    assert _url(book.claim) in page.content.decode()
    page = login("employer_coordinator").get(reverse("web:claim_detail", args=[book.claim.number]))
    assert _url(book.claim) not in page.content.decode()


def test_doctor_change_and_its_due_date_on_the_page(book, login):
    client = login("adjuster")
    done = client.post(
        _url(book.claim, "claim_treating_doctor"),
        {
            "designate-provider": book.provider.pk,
            "designate-from_date": "2026-10-20",
            "designate-how_chosen": "designated",
        },
    )
    assert done.status_code == 302
    assert TreatingDoctor.objects.get().doctor_name == "Dr Jo Reyes"
    done = client.post(
        _url(book.claim, "claim_physician_change"),
        {"change-doctor_name": "Dr Sam Ortiz", "change-received_on": "2026-10-26"},
    )
    assert done.status_code == 302
    change = PhysicianChangeRequest.objects.get()
    html = client.get(_url(book.claim)).content.decode()
    assert "Mon 16 Nov 2026" in html
    assert "deemed approved if unanswered after it" in html
    assert f'action="{_url(book.claim, "claim_physician_change_decide", change.pk)}"' in html
    # The worker reads it; the employer does not
    assert login("worker").get(_url(book.claim)).status_code == 200
    assert login("employer_coordinator").get(_url(book.claim)).status_code == 403


def test_an_ime_with_too_little_notice_is_shown_again_with_the_error(book, login):
    client = login("other_adjuster")
    page = client.post(
        _url(book.other_claim, "claim_ime"),
        {
            "ime-doctor_name": "Dr Helen Marsh",
            "ime-specialty": "Orthopaedics",
            "ime-purpose": "Capacity for work",
            "ime-appointment_on": "2026-11-10",
            "ime-appointment_time": "10:00",
            "ime-place": "Sydney",
            "ime-notice_given_on": "2026-11-02",
        },
    )
    assert page.status_code == 200
    assert "8 days&#x27; notice: at least 2 weeks" in page.content.decode()
    assert not ImeReferral.objects.exists()
