"""The worker's consent widens what an employer-side user sees of restricted documents, and only that.

The book's claim is in Colorado (Denver), its clock Monday 2 November 2026 08:00 local.
"""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.claims.access import visible_sensitivities
from opencomp.consent.services import consent_give, consent_withdraw
from opencomp.core.errors import NotFound
from opencomp.documents.access import visible_categories
from opencomp.documents.selectors import claim_documents, document_get_for_user

D = dt.date
ORDINARY = {"wage_records", "correspondence", "legal", "other"}
RESTRICTED = ["medical_report", "certificate", "ime_report"]


@pytest.fixture
def documents(book, upload):
    return {category: upload(category) for category in [*RESTRICTED, *sorted(ORDINARY)]}


def _consent(book, *, categories=("ime_report", "certificate"), recipients=("employer",), **kwargs):
    return consent_give(
        actor=book.users["adjuster"],
        claim=book.claim,
        given_by="worker",
        given_on=D(2026, 10, 22),
        method="signed_form",
        categories=list(categories),
        recipients=list(recipients),
        purpose="Return to work planning",
        **kwargs,
    )


def _sees(book, role) -> set[str]:
    return {d.category for d in claim_documents(user=book.users[role], claim=book.claim)}


@pytest.mark.parametrize("role", ["employer_coordinator", "employer_supervisor"])
def test_without_consent_an_employer_sees_no_restricted_document(book, documents, role):
    assert _sees(book, role) == ORDINARY
    for category in RESTRICTED:
        with pytest.raises(NotFound):
            document_get_for_user(pk=documents[category].pk, user=book.users[role])


def test_consent_to_the_employer_shows_the_coordinator_what_it_releases(book, documents):
    _consent(book)
    coordinator = book.users["employer_coordinator"]

    assert _sees(book, "employer_coordinator") == ORDINARY | {"ime_report", "certificate"}
    assert document_get_for_user(pk=documents["ime_report"].pk, user=coordinator) == documents["ime_report"]
    with pytest.raises(NotFound):  # not released
        document_get_for_user(pk=documents["medical_report"].pk, user=coordinator)
    # documents only: the claim's medical events stay hidden from the employer
    assert visible_sensitivities(coordinator, book.claim) == frozenset({"normal"})


def test_the_line_supervisors_role_never_allows_a_medical_document(book, documents):
    _consent(book, categories=("ime_report", "certificate", "medical_report", "capacity_restrictions"))

    assert _sees(book, "employer_supervisor") == ORDINARY
    with pytest.raises(NotFound):
        document_get_for_user(pk=documents["ime_report"].pk, user=book.users["employer_supervisor"])


def test_consent_to_someone_else_shows_the_employer_nothing(book, documents):
    _consent(book, recipients=("rehabilitation", "attorney"))

    assert _sees(book, "employer_coordinator") == ORDINARY


def test_another_employer_sees_nothing_of_the_claim_whatever_the_consent(book, documents):
    _consent(book)

    with pytest.raises(NotFound):
        document_get_for_user(pk=documents["ime_report"].pk, user=book.users["other_employer_coordinator"])


def test_withdrawal_closes_it_again_from_its_date(book, documents):
    consent = _consent(book)
    coordinator = book.users["employer_coordinator"]
    assert "ime_report" in visible_categories(coordinator, book.claim)

    consent_withdraw(
        actor=book.users["adjuster"], consent=consent, withdrawn_on=D(2026, 11, 2), method="email"
    )

    assert _sees(book, "employer_coordinator") == ORDINARY
    with pytest.raises(NotFound):
        document_get_for_user(pk=documents["ime_report"].pk, user=coordinator)


def test_expiry_closes_it_the_day_after_its_last_day(book, documents, frozen_now):
    _consent(book, expires_on=D(2026, 11, 3))
    coordinator = book.users["employer_coordinator"]

    frozen_now.move_to(dt.datetime(2026, 11, 4, 6, 0, tzinfo=dt.UTC))  # still 3 Nov in Denver
    assert "ime_report" in visible_categories(coordinator, book.claim)

    frozen_now.move_to(dt.datetime(2026, 11, 4, 8, 0, tzinfo=dt.UTC))  # 4 Nov in Denver
    assert _sees(book, "employer_coordinator") == ORDINARY
    with pytest.raises(NotFound):
        document_get_for_user(pk=documents["ime_report"].pk, user=coordinator)


def test_consent_changes_nothing_for_those_already_entitled(book, documents):
    _consent(book)

    for role in ("adjuster", "worker", "provider", "compliance_officer"):
        assert _sees(book, role) == set(documents), role
    assert _sees(book, "auditor") == ORDINARY
