"""Claim-level access: who sees which claim, and which medical detail."""

from __future__ import annotations

import pytest

from opencomp.claims.access import claim_get_for_user, claim_queryset_for_user, visible_sensitivities
from opencomp.claims.enums import EventKind
from opencomp.claims.models import MedicalDetailRead
from opencomp.claims.services import claim_event_append, claim_timeline_read
from opencomp.core.errors import NotFound

# role → which of the book's claims the user sees
EXPECTED_VISIBLE = {
    "adjuster": {"claim"},
    "adjuster2": {"claim"},
    "supervisor": {"claim"},
    "other_adjuster": {"other_claim"},
    "employer_supervisor": {"claim"},
    "employer_coordinator": {"claim"},
    "other_employer_coordinator": {"other_claim"},
    "worker": {"claim"},
    "other_worker": {"other_claim"},
    "provider": {"claim"},
    "compliance_officer": {"claim", "pool_claim"},
    "nsw_compliance_officer": {"other_claim"},
    "pool_administrator": {"pool_claim"},
    "auditor": {"claim"},
    "admin": {"claim", "other_claim", "pool_claim"},
}


@pytest.mark.smoke
@pytest.mark.parametrize("role", sorted(EXPECTED_VISIBLE))
def test_each_role_sees_exactly_its_claims(book, role):
    user = book.users[role]
    numbers = {getattr(book, name).number: name for name in ("claim", "other_claim", "pool_claim")}

    visible = {numbers[n] for n in claim_queryset_for_user(user).values_list("number", flat=True)}

    assert visible == EXPECTED_VISIBLE[role]


def test_every_role_in_the_book_is_covered(book):
    assert set(book.users) == set(EXPECTED_VISIBLE)


def test_employer_cannot_read_another_employers_claim(book):
    with pytest.raises(NotFound, match="was not found"):
        claim_get_for_user(number=book.other_claim.number, user=book.users["employer_coordinator"])


def test_missing_and_hidden_claims_give_the_same_answer(book):
    user = book.users["employer_coordinator"]
    with pytest.raises(NotFound) as hidden:
        claim_get_for_user(number=book.other_claim.number, user=user)
    with pytest.raises(NotFound) as missing:
        claim_get_for_user(number="CO-26-999999", user=user)
    assert type(hidden.value) is type(missing.value)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("adjuster", {"normal", "medical", "restricted_medical"}),
        ("supervisor", {"normal", "medical", "restricted_medical"}),
        ("provider", {"normal", "medical", "restricted_medical"}),
        ("admin", {"normal", "medical", "restricted_medical"}),
        ("worker", {"normal", "medical"}),
        ("compliance_officer", {"normal", "medical"}),
        ("employer_supervisor", {"normal"}),
        ("employer_coordinator", {"normal"}),
        ("auditor", {"normal"}),
    ],
)
def test_medical_entitlement_by_role(book, role, expected):
    assert visible_sensitivities(book.users[role], book.claim) == expected


def _medical_notes(book):
    adjuster = book.users["adjuster"]
    ordinary = claim_event_append(
        actor=adjuster,
        claim=book.claim,
        kind=EventKind.MEDICAL_NOTE,
        payload={"summary": "L4-L5 strain; physiotherapy twice weekly.", "diagnosis": "Lumbar strain"},
    )
    restricted = claim_event_append(
        actor=book.users["provider"],
        claim=book.claim,
        kind=EventKind.MEDICAL_NOTE,
        payload={"summary": "Psychological assessment: adjustment disorder."},
        restricted=True,
    )
    return ordinary, restricted


@pytest.mark.smoke
def test_worker_cannot_read_restricted_medical_detail(book):
    # given
    ordinary, restricted = _medical_notes(book)

    # when
    entries = {
        t.event.pk: t for t in claim_timeline_read(user=book.users["worker"], claim=book.claim, channel="api")
    }

    # then
    assert entries[ordinary.pk].redacted is False
    assert entries[restricted.pk].redacted is True
    read = MedicalDetailRead.objects.get(user=book.users["worker"])
    assert read.event_ids == [ordinary.pk]
    assert read.channel == "api"


def test_employer_sees_no_medical_detail_and_no_read_is_logged(book):
    _medical_notes(book)

    entries = claim_timeline_read(user=book.users["employer_coordinator"], claim=book.claim, channel="web")

    assert all(t.redacted for t in entries if t.event.sensitivity != "normal")
    assert not MedicalDetailRead.objects.filter(user=book.users["employer_coordinator"]).exists()


def test_every_read_of_medical_detail_is_recorded(book):
    _medical_notes(book)
    adjuster = book.users["adjuster"]

    claim_timeline_read(user=adjuster, claim=book.claim, channel="web")
    claim_timeline_read(user=adjuster, claim=book.claim, channel="web")

    assert MedicalDetailRead.objects.filter(user=adjuster, claim=book.claim).count() == 2
