"""The treatment requests page: list, record (with ICD-10-CM autocomplete), acknowledge, decide."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from opencomp.claims.models import ClaimEvent
from opencomp.treatment.models import TreatmentRequest
from opencomp.treatment.services import treatment_request_record

RECORD = {
    "treatment-service": "physiotherapy",
    "treatment-provider_name": "Front Range Physio",
    "treatment-treatments": "12",
    "treatment-estimated_cost": "1200.00",
    "treatment-requested_on": "2026-10-22",
    "treatment-received_on": "2026-10-23",
    "treatment-diagnosis_codes": "s335xxa, M54.50",
}


def _url(claim, name: str = "claim_treatment", *args) -> str:
    return reverse(f"web:{name}", args=[claim.number, *args])


def test_the_claim_page_links_to_treatment_for_medical_readers_only(book, login):
    page = login("adjuster").get(reverse("web:claim_detail", args=[book.claim.number]))
    assert _url(book.claim) in page.content.decode()
    page = login("employer_coordinator").get(reverse("web:claim_detail", args=[book.claim.number]))
    assert _url(book.claim) not in page.content.decode()


def test_a_request_recorded_on_the_page_shows_its_diagnosis_to_the_worker_not_the_employer(book, login):
    client = login("adjuster")
    page = client.get(_url(book.claim))
    html = page.content.decode()
    assert 'list="icd-options"' in html
    assert reverse("web:icd10cm_options") in html

    done = client.post(_url(book.claim, "claim_treatment_record"), RECORD)
    assert done.status_code == 302
    request = TreatmentRequest.objects.get()
    assert request.diagnosis_codes == ["S33.5XXA", "M54.50"]

    html = login("worker").get(_url(book.claim)).content.decode()
    assert "S33.5XXA" in html
    assert "Sprain of ligaments of lumbar spine, initial encounter" in html
    assert login("employer_supervisor").get(_url(book.claim)).status_code == 403


def test_a_bad_request_shows_the_errors_and_writes_nothing(book, login):
    events = ClaimEvent.objects.count()
    page = login("adjuster").post(
        _url(book.claim, "claim_treatment_record"),
        {**RECORD, "treatment-diagnosis_codes": "S33.5", "treatment-provider_name": ""},
    )
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert set(errors) == {"provider_name", "diagnosis_codes"}
    assert "S33.5 is not billable" in str(errors["diagnosis_codes"])
    assert ClaimEvent.objects.count() == events
    assert not TreatmentRequest.objects.exists()


def test_acknowledge_then_decide_on_the_page(book, login):
    request = treatment_request_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        service="surgery",
        treatments=1,
        estimated_cost=Decimal("9000.00"),
        requested_on=dt.date(2026, 10, 22),
        received_on=dt.date(2026, 10, 23),
        provider_name="Dr Ava Ng",
    )
    client = login("adjuster")
    ack = client.post(
        _url(book.claim, "claim_treatment_acknowledge", request.pk), {f"ack-{request.pk}-note": ""}
    )
    assert ack.status_code == 302
    refused = client.post(
        _url(book.claim, "claim_treatment_decide", request.pk),
        {f"decide-{request.pk}-decision": "declined", f"decide-{request.pk}-reasons": ""},
    )
    assert refused.status_code == 200
    assert "reasons" in refused.context["form"].errors
    decided = client.post(
        _url(book.claim, "claim_treatment_decide", request.pk),
        {
            f"decide-{request.pk}-decision": "declined",
            f"decide-{request.pk}-reasons": "Not reasonably necessary.",
        },
    )
    assert decided.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.decision, request.reasons) == (
        "decided",
        "declined",
        "Not reasonably necessary.",
    )
    html = client.get(_url(book.claim)).content.decode()
    assert "Declined" in html


def test_nsw_page_has_no_diagnosis_field_and_shows_an_exemption(book, login):
    treatment_request_record(
        actor=book.users["other_adjuster"],
        claim=book.other_claim,
        service="physiotherapy",
        treatments=6,
        estimated_cost=Decimal("540.00"),
        requested_on=dt.date(2026, 10, 28),
        received_on=dt.date(2026, 10, 29),
        provider_name="Harbour Physio",
    )
    html = login("other_adjuster").get(_url(book.other_claim)).content.decode()
    assert "No pre-approval needed" in html
    assert "icd-options" not in html


def test_the_autocomplete_offers_codes_keeping_those_already_typed(book, login):
    client = login("adjuster")
    reply = client.get(reverse("web:icd10cm_options"), {"treatment-diagnosis_codes": "M54.50, S33.5"})
    html = reply.content.decode()
    assert reply.status_code == 200
    assert html.startswith('<datalist id="icd-options">')
    assert 'value="M54.50, S33.5XXA"' in html
    assert "Sprain of ligaments of lumbar spine, initial encounter" in html
    assert login("worker").get(reverse("web:icd10cm_options"), {"q": "S33"}).status_code == 403
