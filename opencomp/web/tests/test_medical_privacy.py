"""Medical detail on the claim page: who reads what, and that every read is recorded."""

from __future__ import annotations

from django.urls import reverse

from opencomp.claims.models import MedicalDetailRead
from opencomp.web.presenters import REDACTED_TITLE
from opencomp.web.tests.conftest import ORDINARY_TEXT, RESTRICTED_TEXT


def _claim_page(client, claim, **params):
    return client.get(reverse("web:claim_detail", args=[claim.number]), params)


def test_worker_sees_ordinary_medical_note_but_not_restricted_text(book, medical_notes, login):
    # given
    _ordinary, restricted = medical_notes
    client = login("worker")

    # when
    response = _claim_page(client, book.claim)

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert ORDINARY_TEXT in html
    assert RESTRICTED_TEXT not in html
    assert "Adjustment disorder" not in html
    assert html.count(REDACTED_TITLE) == 1
    redacted = [item for item in response.context["items"] if item.redacted]
    assert [(item.seq, item.title, item.sections) for item in redacted] == [
        (restricted.seq, REDACTED_TITLE, [])
    ]


def test_employer_sees_no_medical_text_at_all(book, medical_notes, login):
    # given
    client = login("employer_coordinator")

    # when
    response = _claim_page(client, book.claim)

    # then
    html = response.content.decode()
    assert ORDINARY_TEXT not in html
    assert RESTRICTED_TEXT not in html
    assert "Lumbar strain" not in html
    assert html.count(REDACTED_TITLE) == 2


def test_adjuster_sees_both_notes(book, medical_notes, login):
    # given
    client = login("adjuster")

    # when
    response = _claim_page(client, book.claim)

    # then
    html = response.content.decode()
    assert ORDINARY_TEXT in html
    assert RESTRICTED_TEXT in html
    assert REDACTED_TITLE not in html


def test_each_view_of_medical_detail_records_a_read(book, medical_notes, login):
    # given
    ordinary, restricted = medical_notes
    client = login("adjuster")

    # when
    _claim_page(client, book.claim)
    _claim_page(client, book.claim)

    # then
    reads = MedicalDetailRead.objects.filter(claim=book.claim, user=book.users["adjuster"]).order_by("pk")
    assert [(r.channel, sorted(r.event_ids)) for r in reads] == [
        ("web", sorted([ordinary.pk, restricted.pk])),
        ("web", sorted([ordinary.pk, restricted.pk])),
    ]


def test_worker_read_records_only_the_note_they_were_shown(book, medical_notes, login):
    # given
    ordinary, _restricted = medical_notes
    client = login("worker")

    # when
    _claim_page(client, book.claim)

    # then
    reads = MedicalDetailRead.objects.filter(claim=book.claim)
    assert [(r.user_id, r.event_ids) for r in reads] == [(book.users["worker"].pk, [ordinary.pk])]


def test_employer_view_records_no_medical_read(book, medical_notes, login):
    # given
    client = login("employer_coordinator")

    # when
    _claim_page(client, book.claim)

    # then
    assert MedicalDetailRead.objects.filter(claim=book.claim).count() == 0


def test_activity_log_view_shows_no_medical_detail_and_records_no_read(book, medical_notes, login):
    # given
    client = login("adjuster")

    # when
    response = _claim_page(client, book.claim, log="activity")

    # then
    assert RESTRICTED_TEXT not in response.content.decode()
    assert MedicalDetailRead.objects.filter(claim=book.claim).count() == 0


def test_treating_provider_on_the_claim_reads_restricted_detail_and_it_is_recorded(
    book, medical_notes, login
):
    # given
    ordinary, restricted = medical_notes
    client = login("provider")

    # when
    response = _claim_page(client, book.claim)

    # then
    assert RESTRICTED_TEXT in response.content.decode()
    reads = MedicalDetailRead.objects.filter(claim=book.claim, user=book.users["provider"])
    assert [sorted(r.event_ids) for r in reads] == [sorted([ordinary.pk, restricted.pk])]
