"""Who sees which documents: lists leave hidden ones out, and opening them is "not found"."""

from __future__ import annotations

import pytest

from opencomp.core.errors import NotFound
from opencomp.documents import access
from opencomp.documents.selectors import claim_documents, document_get_for_user

CATEGORIES = [
    "medical_report",
    "certificate",
    "ime_report",
    "wage_records",
    "correspondence",
    "legal",
    "other",
]
ORDINARY = {"wage_records", "correspondence", "legal", "other"}
EVERYTHING = set(CATEGORIES)

# What each user of the book sees of the book's claim (None: not the claim itself).
SEES = {
    "adjuster": EVERYTHING,
    "adjuster2": EVERYTHING,
    "supervisor": EVERYTHING,
    "admin": EVERYTHING,
    "provider": EVERYTHING,  # a treating provider on the claim
    "worker": EVERYTHING,  # their own claim
    "compliance_officer": EVERYTHING,  # the regulator reads ordinary medical detail
    "auditor": ORDINARY,
    "employer_supervisor": ORDINARY,
    "employer_coordinator": ORDINARY,
    "other_adjuster": None,
    "other_employer_coordinator": None,
    "other_worker": None,
    "pool_administrator": None,
    "nsw_compliance_officer": None,
}


@pytest.fixture
def documents(book, upload):
    return {category: upload(category) for category in CATEGORIES}


@pytest.mark.parametrize("role", sorted(SEES))
def test_each_role_lists_and_opens_only_what_it_may_see(book, documents, role):
    user = book.users[role]
    expected = SEES[role]

    if expected is None:
        for document in documents.values():
            with pytest.raises(NotFound):
                document_get_for_user(pk=document.pk, user=user)
        return
    listed = {d.category for d in claim_documents(user=user, claim=book.claim)}
    assert listed == expected
    for category, document in documents.items():
        if category in expected:
            assert document_get_for_user(pk=document.pk, user=user) == document
        else:
            with pytest.raises(NotFound):
                document_get_for_user(pk=document.pk, user=user)


def test_the_list_filters_by_category(book, documents):
    listed = claim_documents(user=book.users["adjuster"], claim=book.claim, category="legal")

    assert [d.category for d in listed] == ["legal"]


@pytest.mark.parametrize("role", ["employer_supervisor", "employer_coordinator"])
def test_an_employer_never_sees_an_ime_report_even_if_entitled_to_medical_detail(
    book, documents, role, monkeypatch
):
    # given an employer user who could read medical detail (and no consent of the worker)
    monkeypatch.setattr(access, "user_is_entitled_to_medical", lambda user, claim: True)
    user = book.users[role]

    # then medical reports and certificates would show, but never the IME report
    assert access.visible_categories(user, book.claim) == EVERYTHING - {"ime_report"}
    with pytest.raises(NotFound):
        document_get_for_user(pk=documents["ime_report"].pk, user=user)
