"""Status changes go through the service, append one event, and refuse illegal moves."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import claim_transition
from opencomp.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed


@pytest.mark.smoke
def test_transition_appends_event_and_updates_projection(book):
    # given
    claim = book.claim
    seq = claim.last_event_seq

    # when
    claim = claim_transition(actor=book.users["adjuster"], claim=claim, to_status="accepted")

    # then
    assert Claim.objects.get(pk=claim.pk).status == "accepted"
    event = ClaimEvent.objects.get(claim=claim, seq=seq + 1)
    assert event.kind == EventKind.STATUS_CHANGED
    assert event.payload == {"from_status": "reported", "to_status": "accepted", "reason": ""}
    assert event.actor == book.users["adjuster"]


@pytest.mark.smoke
def test_illegal_transition_is_refused_with_a_clear_error_and_writes_nothing(book):
    # given
    claim = book.claim
    events = ClaimEvent.objects.count()

    # when
    with pytest.raises(ValidationFailed) as exc:
        claim_transition(actor=book.users["adjuster"], claim=claim, to_status="closed", reason="done")

    # then
    assert exc.value.errors[0].field == "to_status"
    assert "cannot move from 'reported' to 'closed'" in exc.value.message
    assert ClaimEvent.objects.count() == events
    assert Claim.objects.get(pk=claim.pk).status == "reported"


def test_denial_requires_a_reason(book):
    with pytest.raises(ValidationFailed) as exc:
        claim_transition(actor=book.users["adjuster"], claim=book.claim, to_status="denied", reason="  ")
    assert exc.value.errors[0].field == "reason"
    assert Claim.objects.get(pk=book.claim.pk).status == "reported"


def test_stale_expected_status_is_a_conflict(book):
    claim_transition(actor=book.users["adjuster"], claim=book.claim, to_status="under_investigation")
    events = ClaimEvent.objects.count()

    with pytest.raises(Conflict, match="now 'under_investigation'"):
        claim_transition(
            actor=book.users["adjuster2"], claim=book.claim, to_status="accepted", expected_status="reported"
        )
    assert ClaimEvent.objects.count() == events


@pytest.mark.parametrize(
    "role",
    [
        "employer_coordinator",
        "worker",
        "provider",
        "auditor",
        "compliance_officer",
        "other_adjuster",
        "pool_administrator",
    ],
)
def test_only_claims_staff_of_the_administrator_may_transition(book, role):
    events = ClaimEvent.objects.count()
    with pytest.raises(PermissionDenied):
        claim_transition(actor=book.users[role], claim=book.claim, to_status="accepted")
    assert ClaimEvent.objects.count() == events


def test_full_lifecycle_to_reopened(book):
    actor = book.users["supervisor"]
    claim = book.claim
    for to_status, reason in [
        ("under_investigation", ""),
        ("accepted", ""),
        ("open", ""),
        ("closed", "Returned to full duty; all bills paid."),
        ("reopened", "Recurrence of back pain reported by the treating doctor."),
        ("open", ""),
        ("finalised", "Settled by agreement."),
    ]:
        claim = claim_transition(actor=actor, claim=claim, to_status=to_status, reason=reason)
    kinds = list(claim.events.order_by("seq").values_list("kind", flat=True))
    assert kinds.count(EventKind.STATUS_CHANGED) == 7
    assert Claim.objects.get(pk=claim.pk).status == "finalised"


@pytest.mark.smoke
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("_case", "moves", "expected_outcomes"),
    [
        (
            "both accept the same claim",
            [("adjuster", "accepted", "", None), ("supervisor", "accepted", "", None)],
            ["ValidationFailed", "ok"],
        ),
        (
            "accept and deny, each from the status they saw",
            [
                ("adjuster", "accepted", "", "reported"),
                ("supervisor", "denied", "Not work related.", "reported"),
            ],
            ["Conflict", "ok"],
        ),
    ],
)
def test_concurrent_transitions_do_not_both_succeed(frozen_now, _case, moves, expected_outcomes):
    """Two people decide the same claim at once: one wins, the other is refused."""
    from conftest import build_book

    # given
    book = build_book()
    claim_id = book.claim.pk
    barrier = threading.Barrier(len(moves))
    outcomes: dict[str, str] = {}

    def decide(username: str, to_status: str, reason: str, expected: str | None) -> None:
        try:
            claim = Claim.objects.get(pk=claim_id)
            barrier.wait(timeout=10)
            claim_transition(
                actor=book.users[username],
                claim=claim,
                to_status=to_status,
                reason=reason,
                expected_status=expected,
            )
            outcomes[username] = "ok"
        except ApplicationError as exc:
            outcomes[username] = type(exc).__name__
        finally:
            connections.close_all()

    # when
    threads = [threading.Thread(target=decide, args=move) for move in moves]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    # then
    assert sorted(outcomes.values()) == expected_outcomes
    changes = ClaimEvent.objects.filter(claim_id=claim_id, kind=EventKind.STATUS_CHANGED)
    assert changes.count() == 1
    claim = Claim.objects.get(pk=claim_id)
    assert claim.status == changes.get().payload["to_status"]
    assert claim.last_event_seq == ClaimEvent.objects.filter(claim_id=claim_id).count()
