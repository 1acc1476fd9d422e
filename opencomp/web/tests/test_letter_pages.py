"""The claim's letters pages: what can be sent, the preview, issuing with errors beside the row."""

from __future__ import annotations

from django.urls import reverse

from opencomp.claims.enums import EventKind
from opencomp.claims.liability_services import LiabilityInput, liability_decide
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_assign
from opencomp.deadlines.tests.claims import open_claim
from opencomp.letters.models import Letter


def _excused(book):
    claim = claim_assign(actor=None, claim=open_claim(book, "NSW"), adjuster=book.users["adjuster"])
    return liability_decide(
        actor=book.users["adjuster"],
        claim=claim,
        given=LiabilityInput(
            decision="reasonable_excuse",
            excuses=("insufficient_medical_information",),
            worker_action="Send us a certificate of capacity from your doctor.",
        ),
    )


def _issue_data(*, employer_address: str = "1 Plant Road, Parramatta NSW 2150") -> dict[str, str]:
    return {
        "to-TOTAL_FORMS": "3",
        "to-INITIAL_FORMS": "3",
        "to-0-include": "on",
        "to-0-party": "worker",
        "to-0-name": "Maria Lopez",
        "to-0-method": "email",
        "to-0-email": "maria@example.test",
        "to-1-include": "on",
        "to-1-party": "employer",
        "to-1-name": "Acme Manufacturing",
        "to-1-method": "mail",
        "to-1-address": employer_address,
        "to-2-party": "other",
        "to-2-method": "mail",
    }


def test_staff_see_which_letters_are_ready_and_what_the_others_need(book, login):
    claim = _excused(book)

    page = login("adjuster").get(reverse("web:claim_letters", args=[claim.number])).content.decode()

    assert "Prepare a letter" in page
    assert "Reasonable excuse notice" in page
    assert "ready" in page
    assert "The claim&#x27;s latest liability decision is reasonable excuse" in page  # the others wait


def test_the_prepare_page_previews_the_letter_and_prefills_the_worker_and_employer(book, login):
    claim = _excused(book)
    client = login("adjuster")

    page = client.get(reverse("web:claim_letter_prepare", args=[claim.number, "nsw.reasonable_excuse"]))
    preview = client.get(
        reverse("web:claim_letter_preview_html", args=[claim.number, "nsw.reasonable_excuse"])
    )
    pdf = client.get(reverse("web:claim_letter_preview_pdf", args=[claim.number, "nsw.reasonable_excuse"]))

    html = page.content.decode()
    assert 'value="Maria Lopez"' in html
    assert 'value="maria@example.test"' in html
    assert "Insufficient medical information" in preview.content.decode()
    assert "sandbox" in preview["Content-Security-Policy"]
    assert (pdf["Content-Type"], pdf.content[:5]) == ("application/pdf", b"%PDF-")
    assert Letter.objects.count() == 0  # previews keep nothing


def test_a_recipient_without_an_address_is_shown_on_its_row_and_nothing_is_issued(book, login):
    claim = _excused(book)
    events = ClaimEvent.objects.filter(claim=claim).count()

    response = login("adjuster").post(
        reverse("web:claim_letter_prepare", args=[claim.number, "nsw.reasonable_excuse"]),
        _issue_data(employer_address=""),
    )

    assert response.status_code == 200
    row = response.context["formset"].forms[1]
    assert row.errors["address"] == ["a letter sent by mail needs a postal address"]
    assert Letter.objects.count() == 0
    assert ClaimEvent.objects.filter(claim=claim).count() == events


def test_issuing_records_the_notice_and_the_worker_sees_it_on_the_timeline(book, login):
    claim = _excused(book)

    response = login("adjuster").post(
        reverse("web:claim_letter_prepare", args=[claim.number, "nsw.reasonable_excuse"]), _issue_data()
    )

    assert response.status_code == 302
    letter = Letter.objects.get()
    assert [r.method for r in letter.recipients.all()] == ["email", "mail"]  # the unticked row is not sent
    assert ClaimEvent.objects.filter(claim=claim, kind=EventKind.NOTICE_SENT).count() == 1
    worker = login("worker")
    listing = worker.get(reverse("web:claim_letters", args=[claim.number])).content.decode()
    assert "Reasonable excuse notice" in listing
    assert "Prepare a letter" not in listing
    timeline = worker.get(reverse("web:claim_detail", args=[claim.number])).content.decode()
    assert "Reasonable excuse notice (nsw.reasonable_excuse v1)" in timeline
    assert worker.get(reverse("web:document_view", args=[letter.document_id])).status_code == 200
