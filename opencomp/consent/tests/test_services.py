"""Consent, withdrawal and disclosure services: what they write, and that every refusal writes nothing.

The book's clock is Monday 2 November 2026 (Denver); its claim is Maria's, injured 20 October 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.claims.enums import EventKind, Sensitivity
from opencomp.claims.models import ClaimEvent
from opencomp.consent.models import Consent, ConsentScope, Disclosure
from opencomp.consent.selectors import consent_permits
from opencomp.consent.services import (
    access_request_complete,
    access_request_record,
    consent_withdraw,
    disclosure_record,
)
from opencomp.core.errors import PermissionDenied, ValidationFailed

D = dt.date


def _counts() -> tuple[int, int, int, int]:
    return (
        Consent.objects.count(),
        ConsentScope.objects.count(),
        Disclosure.objects.count(),
        ClaimEvent.objects.count(),
    )


def _fields(exc) -> list[str]:
    return [e.field for e in exc.value.errors]


def _upload(book, category: str):
    from opencomp.claims.services import claim_event_record

    # A document as the log knows it (consent may not import documents): its upload event.
    event = claim_event_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        kind=EventKind.DOCUMENT_UPLOADED,
        payload={
            "document_id": 900 + ClaimEvent.objects.count(),
            "category": category,
            "title": f"A {category}",
            "file_name": "scan.pdf",
            "content_type": "application/pdf",
            "size": 10,
            "sha256": "0" * 64,
            "restricted": category in {"medical_report", "certificate", "ime_report"},
        },
    )
    return event.payload["document_id"]


# --- giving consent -------------------------------------------------------------------------------


def test_consent_is_recorded_with_its_scope_and_event(book, give):
    consent = give(
        categories=["ime_report", "certificate", "ime_report"],
        recipients=["rehabilitation", "employer"],
        expires_on=D(2027, 4, 30),
    )

    assert consent.given_on == D(2026, 10, 22)
    assert consent.recorded_by == book.users["adjuster"]
    scope = set(ConsentScope.objects.filter(consent=consent).values_list("recipient", "category"))
    assert scope == {
        ("employer", "certificate"),
        ("employer", "ime_report"),
        ("rehabilitation", "certificate"),
        ("rehabilitation", "ime_report"),
    }
    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.CONSENT_GIVEN)
    assert event.seq == consent.given_seq
    assert event.sensitivity == Sensitivity.MEDICAL
    assert event.payload == {
        "consent_id": consent.pk,
        "given_by": "worker",
        "representative_name": "",
        "given_on": "2026-10-22",
        "method": "signed_form",
        "categories": ["certificate", "ime_report"],
        "recipients": ["employer", "rehabilitation"],
        "purpose": "Return to work planning",
        "expires_on": "2027-04-30",
    }


def test_a_representative_gives_consent_by_name(give):
    consent = give(
        given_by="representative",
        representative_name="  Ana   Lopez (sister) ",
        method="verbal_confirmed_in_writing",
    )

    assert consent.representative_name == "Ana Lopez (sister)"
    assert consent.get_method_display() == "Verbal, confirmed in writing"


@pytest.mark.parametrize(
    ("_case", "overrides", "field"),
    [
        ("expiry before the given date", {"expires_on": D(2026, 10, 21)}, "expires_on"),
        ("no categories", {"categories": []}, "categories"),
        ("an unknown category", {"categories": ["diagnosis"]}, "categories"),
        ("no recipients", {"recipients": []}, "recipients"),
        ("an unknown recipient", {"recipients": ["neighbour"]}, "recipients"),
        ("given in the future", {"given_on": D(2026, 11, 3)}, "given_on"),
        ("given before the injury", {"given_on": D(2026, 10, 19)}, "given_on"),
        ("no date", {"given_on": None}, "given_on"),
        ("plain verbal consent", {"method": "verbal"}, "method"),
        ("a representative without a name", {"given_by": "representative"}, "representative_name"),
        ("a name when the worker gave it", {"representative_name": "Ana"}, "representative_name"),
        ("no purpose", {"purpose": "  "}, "purpose"),
        ("an unknown giver", {"given_by": "employer"}, "given_by"),
    ],
)
def test_consent_refusals_name_the_field_and_write_nothing(book, give, _case, overrides, field):
    before = _counts()

    with pytest.raises(ValidationFailed) as exc:
        give(**overrides)

    assert _fields(exc) == [field]
    assert _counts() == before


def test_every_problem_is_reported_at_once(give):
    with pytest.raises(ValidationFailed) as exc:
        give(categories=[], recipients=[], purpose="", expires_on=D(2026, 10, 1))

    assert _fields(exc) == ["categories", "recipients", "purpose", "expires_on"]


@pytest.mark.parametrize(
    "role", ["employer_coordinator", "worker", "auditor", "provider", "compliance_officer"]
)
def test_only_those_who_work_the_claim_record_consent(book, give, role):
    before = _counts()

    with pytest.raises(PermissionDenied):
        give(actor=book.users[role])

    assert _counts() == before


# --- withdrawal -----------------------------------------------------------------------------------


def test_withdrawal_ends_consent_from_its_date_not_before(book, give):
    consent = give()
    claim = book.claim

    consent = consent_withdraw(
        actor=book.users["adjuster"],
        consent=consent,
        withdrawn_on=D(2026, 10, 30),
        method="email",
        reason="Changed jobs",
    )

    assert consent.withdrawn_on == D(2026, 10, 30)
    event = ClaimEvent.objects.get(claim=claim, kind=EventKind.CONSENT_WITHDRAWN)
    assert event.seq == consent.withdrawn_seq
    assert event.sensitivity == Sensitivity.MEDICAL
    assert event.payload["given_seq"] == consent.given_seq
    assert event.payload["disclosures_after"] == []
    assert consent_permits(
        claim=claim, category="certificate", recipient="employer", on=D(2026, 10, 29)
    ).permitted
    assert not consent_permits(
        claim=claim, category="certificate", recipient="employer", on=D(2026, 10, 30)
    ).permitted


def test_expiry_ends_consent_after_its_last_day(book, give):
    give(expires_on=D(2026, 10, 31))

    assert consent_permits(
        claim=book.claim, category="certificate", recipient="employer", on=D(2026, 10, 31)
    ).permitted
    assert not consent_permits(
        claim=book.claim, category="certificate", recipient="employer", on=D(2026, 11, 1)
    ).permitted


def test_consent_permits_only_its_scope_from_its_date(book, give):
    consent = give()

    answer = consent_permits(
        claim=book.claim, category="certificate", recipient="employer", on=D(2026, 10, 22)
    )
    assert (answer.permitted, answer.basis, answer.consent) == (True, "consent", consent)
    assert not consent_permits(
        claim=book.claim, category="certificate", recipient="employer", on=D(2026, 10, 21)
    ).permitted
    assert not consent_permits(
        claim=book.claim, category="ime_report", recipient="employer", on=D(2026, 10, 22)
    ).permitted
    assert not consent_permits(
        claim=book.claim, category="certificate", recipient="attorney", on=D(2026, 10, 22)
    ).permitted
    own = consent_permits(claim=book.claim, category="ime_report", recipient="worker", on=D(2026, 10, 22))
    assert (own.permitted, own.basis, own.consent) == (True, "own_information", None)


@pytest.mark.parametrize(
    ("_case", "kwargs", "message"),
    [
        (
            "before the consent was given",
            {"withdrawn_on": D(2026, 10, 21)},
            "is before the consent was given",
        ),
        ("in the future", {"withdrawn_on": D(2026, 11, 3)}, "is in the future"),
        ("no date", {"withdrawn_on": None}, "give the date"),
        ("after it expired", {"withdrawn_on": D(2026, 11, 1)}, "is after the consent expired"),
    ],
)
def test_withdrawal_refusals_name_the_date_and_write_nothing(book, give, _case, kwargs, message):
    consent = give(expires_on=D(2026, 10, 31))
    before = _counts()

    with pytest.raises(ValidationFailed) as exc:
        consent_withdraw(actor=book.users["adjuster"], consent=consent, method="letter", **kwargs)

    assert _fields(exc) == ["withdrawn_on"]
    assert message in exc.value.errors[0].message
    assert _counts() == before
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_withdrawing_twice_is_refused_even_from_a_stale_copy(book, give):
    consent = give()
    stale = Consent.objects.get(pk=consent.pk)
    consent_withdraw(
        actor=book.users["adjuster"], consent=consent, withdrawn_on=D(2026, 10, 30), method="phone"
    )
    before = _counts()

    with pytest.raises(ValidationFailed) as exc:
        consent_withdraw(
            actor=book.users["supervisor"], consent=stale, withdrawn_on=D(2026, 11, 1), method="letter"
        )

    assert _fields(exc) == ["withdrawn_on"]
    assert "already withdrawn on 30 Oct 2026" in exc.value.errors[0].message
    assert _counts() == before
    stale.refresh_from_db()
    assert stale.withdrawn_on == D(2026, 10, 30)
    assert stale.withdrawal_method == "phone"


def test_withdrawal_needs_a_known_method_and_the_right_to_work_the_claim(book, give):
    consent = give()
    before = _counts()

    with pytest.raises(ValidationFailed) as exc:
        consent_withdraw(
            actor=book.users["adjuster"], consent=consent, withdrawn_on=D(2026, 10, 30), method="pigeon"
        )
    assert _fields(exc) == ["method"]
    with pytest.raises(PermissionDenied):
        consent_withdraw(
            actor=book.users["worker"], consent=consent, withdrawn_on=D(2026, 10, 30), method="email"
        )
    assert _counts() == before


# --- disclosures ----------------------------------------------------------------------------------


def _disclose(book, **overrides):
    values = dict(
        actor=book.users["adjuster"],
        claim=book.claim,
        category="certificate",
        recipient="employer",
        recipient_name="Acme Fabrication — Jo Park, RTW coordinator",
        channel="email",
        disclosed_on=D(2026, 10, 28),
        description="Certificate of capacity of 27 Oct",
    )
    values.update(overrides)
    return disclosure_record(**values)


def test_a_disclosure_without_consent_is_refused_naming_the_recipient(book):
    before = _counts()

    with pytest.raises(ValidationFailed) as exc:
        _disclose(book)

    assert _fields(exc) == ["recipient"]
    assert (
        "no consent of the worker in force on 28 Oct 2026 releases certificates of capacity to employer"
        in (exc.value.errors[0].message)
    )
    assert _counts() == before


def test_a_disclosure_under_consent_names_the_consent_relied_on(book, give):
    consent = give()
    document_id = _upload(book, "certificate")

    disclosure = _disclose(book, document_ids=[document_id, document_id], description="")

    assert disclosure.consent == consent
    assert disclosure.basis == "consent"
    assert disclosure.document_ids == [document_id]
    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.INFORMATION_DISCLOSED)
    assert event.seq == disclosure.seq
    assert event.sensitivity == Sensitivity.MEDICAL
    assert event.payload["consent_id"] == consent.pk
    assert event.payload["consent_seq"] == consent.given_seq
    assert event.payload["basis"] == "consent"
    assert event.payload["document_ids"] == [document_id]


def test_the_workers_own_information_needs_no_consent(book):
    disclosure = _disclose(book, category="ime_report", recipient="worker", recipient_name="Maria Lopez")

    assert (disclosure.basis, disclosure.consent) == ("own_information", None)


@pytest.mark.parametrize(
    ("_case", "overrides", "field"),
    [
        ("a category outside the scope", {"category": "ime_report"}, "recipient"),
        ("a recipient outside the scope", {"recipient": "attorney"}, "recipient"),
        ("before the consent was given", {"disclosed_on": D(2026, 10, 21)}, "recipient"),
        ("after the consent was withdrawn", {"disclosed_on": D(2026, 10, 30)}, "recipient"),
        ("in the future", {"disclosed_on": D(2026, 11, 3)}, "disclosed_on"),
        ("nothing said of what was released", {"description": ""}, "description"),
        ("no recipient name", {"recipient_name": ""}, "recipient_name"),
        ("an unknown channel", {"channel": "carrier pigeon"}, "channel"),
        ("an unknown category", {"category": "diagnosis"}, "category"),
        ("a document not of the claim", {"document_ids": [123456]}, "document_ids"),
    ],
)
def test_disclosure_refusals_name_the_field_and_write_nothing(book, give, _case, overrides, field):
    consent = give()
    consent_withdraw(
        actor=book.users["adjuster"], consent=consent, withdrawn_on=D(2026, 10, 30), method="email"
    )
    before = _counts()

    with pytest.raises(ValidationFailed) as exc:
        _disclose(book, **overrides)

    assert _fields(exc) == [field]
    assert _counts() == before


def test_documents_disclosed_must_be_of_the_category(book, give):
    give()
    document_id = _upload(book, "ime_report")
    before = _counts()

    with pytest.raises(ValidationFailed) as exc:
        _disclose(book, document_ids=[document_id])

    assert _fields(exc) == ["document_ids"]
    assert "is filed as ime report, not certificates of capacity" in exc.value.errors[0].message
    assert _counts() == before


def test_a_late_withdrawal_names_the_disclosures_made_after_it(book, give):
    consent = give()
    disclosure = _disclose(book, disclosed_on=D(2026, 10, 31))

    consent_withdraw(
        actor=book.users["adjuster"], consent=consent, withdrawn_on=D(2026, 10, 30), method="letter"
    )

    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.CONSENT_WITHDRAWN)
    assert event.payload["disclosures_after"] == [disclosure.pk]


def test_the_disclosure_log_cannot_be_changed(book, give):
    give()
    disclosure = _disclose(book)

    with pytest.raises(TypeError):
        disclosure.save()
    with pytest.raises(TypeError):
        disclosure.delete()


@pytest.mark.parametrize("role", ["employer_coordinator", "worker", "provider"])
def test_only_those_who_work_the_claim_record_disclosures(book, give, role):
    give()
    before = _counts()

    with pytest.raises(PermissionDenied):
        _disclose(book, actor=book.users[role])

    assert _counts() == before


# --- requests for the worker's own information ----------------------------------------------------


def test_a_request_is_recorded_and_completed_through_the_generic_request_events(book):
    request = access_request_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        received_on=D(2026, 10, 29),
        from_party="attorney",
        requested_by="Lee & Co, solicitors",
        description="A copy of every medical report on file",
    )

    assert request.kind == EventKind.REQUEST_RECEIVED
    assert request.payload == {
        "subject": "personal_information",
        "received_on": "2026-10-29",
        "from_party": "attorney",
        "description": "Asked by Lee & Co, solicitors: A copy of every medical report on file",
    }
    done = access_request_complete(
        actor=book.users["adjuster"],
        claim=book.claim,
        request_seq=request.seq,
        provided="Three medical reports and the IME report",
        channel="email",
    )
    assert done.kind == EventKind.REQUEST_COMPLETED
    assert done.payload == {
        "request_seq": request.seq,
        "note": "Three medical reports and the IME report (provided by email)",
    }
    before = _counts()
    with pytest.raises(ValidationFailed) as exc:
        access_request_complete(
            actor=book.users["adjuster"],
            claim=book.claim,
            request_seq=request.seq,
            provided="Again",
            channel="email",
        )
    assert _fields(exc) == ["request_seq"]
    assert _counts() == before


@pytest.mark.parametrize(
    ("_case", "overrides", "field"),
    [
        ("no date", {"received_on": None}, "received_on"),
        ("in the future", {"received_on": D(2026, 11, 3)}, "received_on"),
        ("from the employer", {"from_party": "employer"}, "from_party"),
        ("nothing asked", {"description": " "}, "description"),
    ],
)
def test_request_refusals_name_the_field_and_write_nothing(book, _case, overrides, field):
    values = dict(received_on=D(2026, 10, 29), from_party="worker", description="My file")
    values.update(overrides)
    before = _counts()

    with pytest.raises(ValidationFailed) as exc:
        access_request_record(actor=book.users["adjuster"], claim=book.claim, **values)

    assert _fields(exc) == [field]
    assert _counts() == before


def test_only_a_request_for_own_information_is_completed_here(book):
    from opencomp.claims.services import claim_event_append

    other = claim_event_append(
        actor=book.users["adjuster"],
        claim=book.claim,
        kind=EventKind.REQUEST_RECEIVED,
        payload={"subject": "treatment", "received_on": "2026-10-29"},
    )
    before = _counts()

    with pytest.raises(ValidationFailed) as exc:
        access_request_complete(
            actor=book.users["adjuster"],
            claim=book.claim,
            request_seq=other.seq,
            provided="x",
            channel="email",
        )

    assert _fields(exc) == ["request_seq"]
    assert _counts() == before


def test_only_those_who_work_the_claim_record_requests(book):
    with pytest.raises(PermissionDenied):
        access_request_record(
            actor=book.users["worker"],
            claim=book.claim,
            received_on=D(2026, 10, 29),
            from_party="worker",
            description="My file",
        )
