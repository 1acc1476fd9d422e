"""The consent and privacy page: who sees what, forms with errors by field, the access request clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_assign
from opencomp.consent.models import Consent, Disclosure
from opencomp.consent.services import consent_give, disclosure_record
from opencomp.deadlines.tests.claims import open_claim

D = dt.date


def _url(name: str, *args) -> str:
    return reverse(f"web:{name}", args=args)


@pytest.fixture
def consents(book):
    """One consent releasing certificates to the employer and the rehabilitation provider, one to a lawyer."""
    adjuster = book.users["adjuster"]
    common = dict(
        actor=adjuster, claim=book.claim, given_by="worker", given_on=D(2026, 10, 22), method="signed_form"
    )
    employer = consent_give(
        **common,
        categories=["certificate"],
        recipients=["employer", "rehabilitation"],
        purpose="Return to work",
    )
    lawyer = consent_give(
        **common, categories=["ime_report"], recipients=["attorney"], purpose="Dispute advice"
    )
    disclosure_record(
        actor=adjuster,
        claim=book.claim,
        category="ime_report",
        recipient="attorney",
        recipient_name="Lee & Co",
        channel="email",
        disclosed_on=D(2026, 10, 28),
        description="IME report",
    )
    return employer, lawyer


@pytest.mark.parametrize(
    ("role", "linked"),
    [("adjuster", True), ("worker", True), ("employer_coordinator", True), ("auditor", False)],
)
def test_the_claim_page_links_to_consent_and_privacy_for_those_who_may_read_it(book, login, role, linked):
    page = login(role).get(_url("claim_detail", book.claim.number))

    assert (_url("claim_consent", book.claim.number) in page.content.decode()) is linked


def test_staff_see_every_consent_the_disclosure_log_and_the_forms(book, login, consents):
    page = login("adjuster").get(_url("claim_consent", book.claim.number))
    html = page.content.decode()

    assert [row.view.consent for row in page.context["consents"]] == [consents[1], consents[0]]
    assert "Lee &amp; Co" in html
    assert "Dispute advice" in html
    assert page.context["consent_form"] is not None
    assert "Record a disclosure" in html


def test_the_employer_sees_only_what_concerns_the_employer(book, login, consents):
    page = login("employer_coordinator").get(_url("claim_consent", book.claim.number))
    html = page.content.decode()

    rows = page.context["consents"]
    assert [row.view.consent for row in rows] == [consents[0]]
    assert rows[0].scope == [("Employer", "Certificates of capacity")]
    assert "Return-to-work" not in html
    assert "Lee &amp; Co" not in html
    assert "Dispute advice" not in html
    assert "Record the worker" not in html
    assert "Requests for the worker" not in html


def test_a_consent_with_an_expiry_before_it_was_given_is_shown_back_on_its_field(book, login):
    before = (Consent.objects.count(), ClaimEvent.objects.count())

    page = login("adjuster").post(
        _url("claim_consent_give", book.claim.number),
        {
            "consent-given_by": "worker",
            "consent-given_on": "2026-10-22",
            "consent-method": "online_form",
            "consent-categories": ["certificate"],
            "consent-purpose": "Return to work",
            "consent-expires_on": "2026-10-01",
        },
    )

    assert page.status_code == 200
    form = page.context["consent_form"]
    assert set(form.errors) == {"recipients", "expires_on"}
    assert "Expires on is before the date consent was given (22 Oct 2026)" in form.errors["expires_on"][0]
    assert (Consent.objects.count(), ClaimEvent.objects.count()) == before


def test_a_disclosure_without_consent_is_refused_on_the_recipient(book, login):
    page = login("adjuster").post(
        _url("claim_disclosure_record", book.claim.number),
        {
            "disclosure-category": "ime_report",
            "disclosure-recipient": "employer",
            "disclosure-recipient_name": "Acme Fabrication",
            "disclosure-channel": "email",
            "disclosure-disclosed_on": "2026-10-28",
            "disclosure-description": "IME report",
        },
    )

    assert page.status_code == 200
    errors = page.context["disclosure_form"].errors
    assert list(errors) == ["recipient"]
    assert (
        "No consent of the worker in force on 28 Oct 2026 releases IME reports to employer"
        in errors["recipient"][0]
    )
    assert Disclosure.objects.count() == 0


def test_withdrawing_from_the_page_ends_the_consent(book, login, consents):
    consent = consents[0]

    page = login("supervisor").post(
        _url("claim_consent_withdraw", book.claim.number, consent.pk),
        {f"withdraw-{consent.pk}-withdrawn_on": "2026-11-02", f"withdraw-{consent.pk}-method": "phone"},
    )

    assert page.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == D(2026, 11, 2)
    shown = login("adjuster").get(_url("claim_consent", book.claim.number)).content.decode()
    assert "Withdrawn 2 Nov 2026" in shown


def test_a_consent_the_employer_may_not_read_is_not_found_to_them(book, login, consents):
    lawyer = consents[1]

    reply = login("employer_coordinator").post(
        _url("claim_consent_withdraw", book.claim.number, lawyer.pk),
        {f"withdraw-{lawyer.pk}-withdrawn_on": "2026-11-02", f"withdraw-{lawyer.pk}-method": "phone"},
    )

    assert reply.status_code == 404


def test_an_access_request_shows_its_due_date_and_is_completed(book, login):
    claim = open_claim(
        book,
        "NSW",
        injury_date=D(2026, 9, 1),
        employer_knowledge_date=D(2026, 9, 1),
        notification_date=D(2026, 9, 2),
    )
    claim = claim_assign(actor=None, claim=claim, adjuster=book.users["adjuster"])
    client = login("adjuster")

    recorded = client.post(
        _url("claim_access_request_add", claim.number),
        {
            "request-received_on": "2026-10-02",
            "request-from_party": "worker",
            "request-description": "My reports",
        },
    )
    assert recorded.status_code == 302
    page = client.get(_url("claim_consent", claim.number))
    (row,) = page.context["requests"]
    # Fri 2 Oct 2026 + ten business days, Labour Day (Mon 5 Oct) not counted → Mon 19 Oct.
    assert row.obligation.due_date == D(2026, 10, 19)
    assert "Mon 19 Oct 2026" in page.content.decode()

    seq = row.request.seq
    done = client.post(
        _url("claim_access_request_complete", claim.number, seq),
        {f"complete-{seq}-provided": "Two medical reports", f"complete-{seq}-channel": "letter"},
    )
    assert done.status_code == 302
    (row,) = client.get(_url("claim_consent", claim.number)).context["requests"]
    assert row.request.completion_note == "Two medical reports (provided by letter)"
    assert row.obligation.status == "late"  # answered today, Tue 3 Nov in Sydney: after 19 Oct


def test_completing_without_saying_what_was_provided_is_refused_on_the_field(book, login):
    from opencomp.consent.services import access_request_record

    event = access_request_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        received_on=D(2026, 10, 29),
        from_party="worker",
        description="My file",
    )
    before = ClaimEvent.objects.count()

    page = login("adjuster").post(
        _url("claim_access_request_complete", book.claim.number, event.seq),
        {f"complete-{event.seq}-provided": " ", f"complete-{event.seq}-channel": "email"},
    )

    assert page.status_code == 200
    assert list(page.context["form"].errors) == ["provided"]
    assert ClaimEvent.objects.count() == before
