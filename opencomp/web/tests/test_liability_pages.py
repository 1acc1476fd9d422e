"""The claim page's liability decision card: the jurisdiction's options, errors beside the field."""

from __future__ import annotations

from django.urls import reverse

from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import claim_assign
from opencomp.deadlines.tests.claims import open_claim


def _nsw_claim(book) -> Claim:
    return claim_assign(actor=None, claim=open_claim(book, "NSW"), adjuster=book.users["adjuster"])


def test_a_nsw_claim_offers_its_four_decisions_and_the_excuse_fields(book, login):
    claim = _nsw_claim(book)

    page = login("adjuster").get(reverse("web:claim_detail", args=[claim.number])).content.decode()

    assert "Liability decision" in page
    for label in ("Provisional liability", "Liability accepted", "Reasonable excuse", "Liability disputed"):
        assert label in page
    assert "Insufficient medical information" in page
    assert "What the worker must do" in page


def test_a_colorado_claim_offers_gal_noc_and_fal_with_the_fal_fields(book, login):
    page = login("adjuster").get(reverse("web:claim_detail", args=[book.claim.number])).content.decode()

    assert "General admission of liability (GAL)" in page
    assert "Notice of contest (NOC)" in page
    assert "Final admission of liability (FAL)" in page
    assert "MMI date" in page
    assert "Maintenance care after MMI" in page
    assert "Reasonable excuses" not in page


def test_a_reasonable_excuse_without_what_the_worker_must_do_is_shown_beside_the_field(book, login):
    claim = _nsw_claim(book)
    client = login("adjuster")
    url = reverse("web:claim_liability", args=[claim.number])
    data = {
        "liability-decision": "reasonable_excuse",
        "liability-excuses": ["insufficient_medical_information"],
        "liability-expected_status": "reported",
    }

    refused = client.post(url, data)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert (
        '<ul class="errorlist" id="id_liability-worker_action_error">'
        "<li>Say what the worker must do to resolve the excuse</li></ul>"
    ) in page
    assert not ClaimEvent.objects.filter(claim=claim, kind=EventKind.LIABILITY_DECIDED).exists()

    done = client.post(url, {**data, "liability-worker_action": "Send us your certificate of capacity."})

    assert done.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "reasonable_excuse"
    decided = ClaimEvent.objects.get(claim=claim, kind=EventKind.LIABILITY_DECIDED)
    assert decided.payload["excuses"] == ["insufficient_medical_information"]
