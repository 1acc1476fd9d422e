"""The complaints page and the close and reopen pages: what they show, and refusals back on the form."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from opencomp.claims.models import Claim, ClaimEvent
from opencomp.complaints.models import Complaint
from opencomp.deadlines.services import diary_entry_add
from opencomp.finalisation.tests.setup import ready_to_close


def _raise(client, book):
    return client.post(
        reverse("web:claim_complaints", args=[book.claim.number]),
        {
            "complainant_kind": "worker",
            "complainant_name": "Maria Lopez",
            "received_on": "2026-10-28",
            "channel": "phone",
            "subject": "Payment late",
            "details": "Her weekly payment has not arrived.",
        },
    )


def test_complaints_page_offers_only_the_next_step(book, login):
    client = login("adjuster")
    assert _raise(client, book).status_code == 302
    complaint = Complaint.objects.get()
    page = client.get(reverse("web:claim_complaints", args=[book.claim.number]))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Payment late" in html
    assert "Give the stage 1 outcome" in html
    assert "Escalate to stage 2" not in html
    assert reverse("web:claim_complaint_step", args=[book.claim.number, complaint.pk, "stage-1"]) in html


def test_a_step_out_of_order_comes_back_on_its_form_and_writes_nothing(book, login):
    client = login("adjuster")
    _raise(client, book)
    complaint = Complaint.objects.get()
    seq = Claim.objects.get(pk=book.claim.pk).last_event_seq

    response = client.post(
        reverse("web:claim_complaint_step", args=[book.claim.number, complaint.pk, "escalate"]),
        {
            f"c{complaint.pk}-escalate-escalated_on": "2026-10-30",
            f"c{complaint.pk}-escalate-reason": "Unhappy",
        },
    )

    assert response.status_code == 200
    assert "cannot escalate to stage 2" in response.content.decode()
    assert Claim.objects.get(pk=book.claim.pk).last_event_seq == seq
    assert Complaint.objects.get().status == "stage_1"


def test_the_close_page_shows_each_check_with_a_link(book, login):
    claim = ready_to_close(book, told=("employer",))
    diary_entry_add(
        actor=book.users["other_adjuster"],
        claim=claim,
        title="Chase the final report",
        due_on=dt.date(2026, 11, 20),
    )
    client = login("other_adjuster")

    page = client.get(reverse("web:claim_close", args=[claim.number]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Pre-close checklist" in html
    assert "not ready" in html
    assert 'id="check-obligations" class="checklist__item checklist__item--fail"' in html
    assert 'id="check-invoices" class="checklist__item checklist__item--ok"' in html
    assert "Chase the final report" in html
    assert reverse("web:claim_obligations", args=[claim.number]) in html
    assert "worker not yet told" in html


def test_closing_with_a_failing_check_shows_it_on_the_form_then_closes(book, login):
    claim = ready_to_close(book, told=("employer",))
    client = login("other_adjuster")
    url = reverse("web:claim_close", args=[claim.number])
    seq = claim.last_event_seq

    refused = client.post(url, {"to_status": "closed", "reason": "settled", "expected_status": "open"})

    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors()
    assert "worker not yet told" in " ".join(refused.context["form"].non_field_errors())
    assert Claim.objects.get(pk=claim.pk).last_event_seq == seq

    told = client.post(
        reverse("web:claim_close_intention", args=[claim.number]),
        {"intention-party": "worker", "intention-advised_on": "2026-10-30", "intention-channel": "phone"},
    )
    assert told.status_code == 302
    done = client.post(url, {"to_status": "finalised", "reason": "settled", "expected_status": "open"})
    assert done.status_code == 302
    assert Claim.objects.get(pk=claim.pk).status == "finalised"


def test_reopen_and_determine_from_the_reopen_page(book, login):
    from opencomp.finalisation.services import claim_close

    claim = claim_close(
        actor=book.users["other_adjuster"], claim=ready_to_close(book), to_status="closed", reason="settled"
    )
    client = login("other_adjuster")
    url = reverse("web:claim_reopen", args=[claim.number])
    assert "Reopen the claim" in client.get(url).content.decode()

    missing = client.post(
        url, {"kind": "recurrence", "notified_on": "2026-10-30", "evidence": "", "expected_status": "closed"}
    )
    assert missing.status_code == 200
    assert missing.context["form"].errors["evidence"]

    assert (
        client.post(
            url,
            {
                "kind": "recurrence",
                "notified_on": "2026-10-30",
                "evidence": "Certificate",
                "expected_status": "closed",
            },
        ).status_code
        == 302
    )
    page = client.get(url).content.decode()
    assert "awaiting determination" in page
    assert "Record the determination" in page

    determined = client.post(
        reverse("web:claim_recurrence_determine", args=[claim.number]),
        {
            "determination-outcome": "accepted",
            "determination-decided_on": "2026-10-30",
            "determination-further_treatment_required": "yes",
            "determination-reasons": "Recurrence confirmed",
        },
    )
    assert determined.status_code == 302
    assert ClaimEvent.objects.filter(claim=claim, kind="recurrence.determined").count() == 1


def test_the_claim_page_links_complaints_and_closing(book, login):
    html = login("adjuster").get(reverse("web:claim_detail", args=[book.claim.number])).content.decode()
    assert reverse("web:claim_complaints", args=[book.claim.number]) in html
    assert reverse("web:claim_close", args=[book.claim.number]) in html
    worker_html = login("worker").get(reverse("web:claim_detail", args=[book.claim.number])).content.decode()
    assert reverse("web:claim_complaints", args=[book.claim.number]) not in worker_html
