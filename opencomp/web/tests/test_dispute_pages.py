"""The claim's "Disputes and hearings" page: the link from the claim, refusals beside the field, the review,
a hearing's orders into the diary, and settlement approvals."""

from __future__ import annotations

from django.urls import reverse

from opencomp.claims.models import ClaimEvent
from opencomp.deadlines.models import Obligation
from opencomp.disputes.models import Dispute, HearingOrder, SettlementOffer
from opencomp.disputes.tests.setup import contested, hearing, liability_dispute, offer


def _url(book) -> str:
    return reverse("web:claim_disputes", args=[book.claim.number])


def test_the_claim_page_links_to_disputes_and_hearings(book, login):
    page = login("worker").get(reverse("web:claim_detail", args=[book.claim.number]))

    assert _url(book) in page.content.decode()
    assert "Disputes and hearings" in page.content.decode()


def test_staff_see_the_forms_and_the_worker_sees_no_offers(book, login):
    offer(book)

    staff = login("adjuster").get(_url(book)).content.decode()
    for heading in ("Record a dispute", "Schedule a hearing", "Draft a settlement offer"):
        assert heading in staff
    assert "25000.00" in staff

    worker = login("worker").get(_url(book)).content.decode()
    assert "Record a dispute" not in worker
    assert "Settlement offers" not in worker
    assert "25000.00" not in worker


def test_a_bad_dispute_is_shown_again_with_the_error_beside_the_field(book, login):
    claim = contested(book)
    events = ClaimEvent.objects.filter(claim=claim).count()

    response = login("adjuster").post(
        _url(book),
        {
            "dispute-kind": "benefits",
            "dispute-decision_seq": str(claim.last_event_seq),
            "dispute-raised_by": "worker",
            "dispute-raised_on": "2026-11-02",
            "dispute-grounds": "Wrong rate",
        },
    )

    assert response.status_code == 200
    assert "a benefits dispute contests" in str(response.context["form"].errors["decision_seq"])
    assert ClaimEvent.objects.filter(claim=claim).count() == events
    assert Dispute.objects.count() == 0


def test_the_review_offers_only_reviewers_without_a_part_and_records_the_outcome(book, login):
    dispute = liability_dispute(book)
    client = login("supervisor")

    page = client.get(_url(book))
    reviewers = page.context["disputes"][0].actions["review"].fields["reviewer"].queryset
    assert book.users["adjuster"] not in reviewers  # made the decision
    assert book.users["adjuster2"] in reviewers

    done = client.post(
        reverse("web:dispute_review_start", args=[book.claim.number, dispute.pk]),
        {f"review-{dispute.pk}-reviewer": book.users["adjuster2"].pk},
    )
    assert done.status_code == 302

    reviewer = login("adjuster2")
    done = reviewer.post(
        reverse("web:dispute_review_record", args=[book.claim.number, dispute.pk]),
        {f"outcome-{dispute.pk}-outcome": "varied", f"outcome-{dispute.pk}-reasons": "Partly work related."},
    )
    assert done.status_code == 302
    page = reviewer.get(done["Location"]).content.decode()
    assert "Record a new liability decision" in page


def test_a_hearings_orders_go_to_the_diary_and_are_ticked_off(book, login):
    heard = hearing(book)
    client = login("adjuster")

    done = client.post(
        reverse("web:hearing_outcome", args=[book.claim.number, heard.pk]),
        {
            f"held-{heard.pk}-outcome": "The ALJ ordered TTD reinstated.",
            f"held-{heard.pk}-order_1_description": "Reinstate TTD",
            f"held-{heard.pk}-order_1_due_on": "2026-11-06",
        },
    )
    assert done.status_code == 302
    order = HearingOrder.objects.get()
    obligation = Obligation.objects.get(claim=book.claim, rule_id="diary.hearing_order")
    assert (obligation.status, obligation.due_date.isoformat()) == ("open", "2026-11-06")

    bad = client.post(
        reverse("web:hearing_order_comply", args=[book.claim.number, heard.pk, order.pk]),
        {f"comply-{order.pk}-complied_on": "2026-12-01"},
    )
    assert bad.status_code == 200
    assert "future" in str(bad.context["form"].errors["complied_on"])

    done = client.post(
        reverse("web:hearing_order_comply", args=[book.claim.number, heard.pk, order.pk]),
        {f"comply-{order.pk}-complied_on": "2026-11-02"},
    )
    assert done.status_code == 302
    obligation.refresh_from_db()
    assert obligation.status == "satisfied"


def test_a_hearings_order_due_before_it_is_shown_beside_the_order(book, login):
    heard = hearing(book)

    response = login("adjuster").post(
        reverse("web:hearing_outcome", args=[book.claim.number, heard.pk]),
        {
            f"held-{heard.pk}-outcome": "Ordered",
            f"held-{heard.pk}-order_1_description": "Pay",
            f"held-{heard.pk}-order_1_due_on": "2026-10-01",
        },
    )

    assert response.status_code == 200
    assert "before the hearing" in str(response.context["form"].errors["order_1_due_on"])
    assert HearingOrder.objects.count() == 0


def test_the_supervisor_approves_and_the_adjuster_makes_the_offer(book, login):
    drafted = offer(book)

    adjuster_page = login("adjuster").get(_url(book))
    assert "approve" not in adjuster_page.context["offers"][0].actions  # the drafter never approves

    done = login("supervisor").post(
        reverse("web:settlement_approve", args=[book.claim.number, drafted.pk]),
        {f"approve-{drafted.pk}-decision": "approve"},
    )
    assert done.status_code == 302
    done = login("adjuster").post(
        reverse("web:settlement_make", args=[book.claim.number, drafted.pk]),
        {f"make-{drafted.pk}-offered_on": "2026-11-02"},
    )
    assert done.status_code == 302
    assert SettlementOffer.objects.get().status == "offered"
