"""Disputes and their internal review: what each kind may contest, who may review, and that every
refusal writes nothing. The book's clock is Monday 2 November 2026."""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import claim_event_append
from opencomp.core.errors import Conflict, PermissionDenied, ValidationFailed
from opencomp.disputes.models import Dispute
from opencomp.disputes.selectors import claim_disputes
from opencomp.disputes.services import (
    dispute_close,
    dispute_escalate,
    dispute_raise,
    dispute_review_record,
    dispute_review_start,
)
from opencomp.disputes.tests.setup import (
    contested,
    decision_of,
    liability_dispute,
    nsw_disputed,
    under_review,
)

D = dt.date


def _fields(exc) -> list[str]:
    return [e.field for e in exc.value.errors]


def _snapshot(claim: Claim) -> tuple[int, int, list[tuple[str, str]]]:
    """Events of the claim, disputes, and each dispute's state: what a refusal must leave alone."""
    return (
        ClaimEvent.objects.filter(claim=claim).count(),
        Dispute.objects.count(),
        list(Dispute.objects.order_by("pk").values_list("status", "review_outcome")),
    )


def _raise(book, claim, **overrides):
    values = dict(
        kind="liability", raised_by="worker", raised_on=D(2026, 11, 2), grounds="She was lifting at work."
    )
    values.update(overrides)
    if "decision_seq" not in values:
        values["decision_seq"] = decision_of(claim).seq
    return dispute_raise(actor=book.users["adjuster"], claim=claim, **values)


def test_a_worker_disputes_the_notice_of_contest(book):
    claim = contested(book)

    dispute = _raise(book, claim, raised_by_name="Maria Lopez")

    assert (dispute.status, dispute.kind, dispute.decision_kind) == ("open", "liability", "liability.decided")
    event = ClaimEvent.objects.get(claim=claim, kind=EventKind.DISPUTE_RAISED)
    assert dispute.raised_seq == event.seq
    assert event.sensitivity == "normal"
    assert event.payload["decision_seq"] == decision_of(claim).seq
    assert event.payload["raised_by_name"] == "Maria Lopez"


@pytest.mark.parametrize(
    ("_case", "overrides", "field"),
    [
        ("unknown kind", {"kind": "pay"}, "kind"),
        ("unknown party", {"raised_by": "neighbour"}, "raised_by"),
        ("no grounds", {"grounds": "  "}, "grounds"),
        ("no such event", {"decision_seq": 999}, "decision_seq"),
        ("not a liability decision", {"decision_seq": 1}, "decision_seq"),
        ("a liability decision is not a benefit decision", {"kind": "benefits"}, "decision_seq"),
        ("raised in the future", {"raised_on": D(2026, 11, 20)}, "raised_on"),
        ("raised before the decision", {"raised_on": D(2026, 10, 25)}, "raised_on"),
        ("no date", {"raised_on": None}, "raised_on"),
    ],
)
def test_a_bad_dispute_names_the_field_and_writes_nothing(book, _case, overrides, field):
    claim = contested(book)
    before = _snapshot(claim)

    with pytest.raises(ValidationFailed) as exc:
        _raise(book, claim, **overrides)

    assert field in _fields(exc)
    assert _snapshot(claim) == before


def test_one_live_dispute_per_decision_but_a_new_one_after_it_closes(book):
    dispute = liability_dispute(book)
    claim = dispute.claim
    before = _snapshot(claim)

    with pytest.raises(ValidationFailed) as exc:
        _raise(book, claim)
    assert _fields(exc) == ["decision_seq"]
    assert _snapshot(claim) == before

    dispute_close(
        actor=book.users["adjuster"],
        dispute=dispute,
        status="withdrawn",
        note="Worker withdrew",
        on=D(2026, 11, 2),
    )
    assert _raise(book, claim).status == "open"


def test_only_the_claims_staff_record_a_dispute(book):
    claim = contested(book)
    before = _snapshot(claim)

    for key in ("employer_coordinator", "worker", "auditor", "other_adjuster"):
        with pytest.raises(PermissionDenied):
            dispute_raise(
                actor=book.users[key],
                claim=claim,
                kind="liability",
                raised_by="worker",
                decision_seq=decision_of(claim).seq,
                raised_on=D(2026, 11, 2),
                grounds="x",
            )

    assert _snapshot(claim) == before


def _treatment_decision(book, claim, subject="treatment"):
    adjuster = book.users["adjuster"]
    request = claim_event_append(
        actor=adjuster,
        claim=claim,
        kind=EventKind.REQUEST_RECEIVED,
        payload={"subject": subject, "received_on": "2026-10-28", "from_party": "provider"},
    )
    return claim_event_append(
        actor=adjuster,
        claim=claim,
        kind=EventKind.REQUEST_DECIDED,
        payload={"request_seq": request.seq, "decision": "declined", "reason": "Not reasonably necessary"},
    )


def test_a_treatment_dispute_is_medical_detail(book):
    claim = book.claim
    decided = _treatment_decision(book, claim)

    dispute = _raise(book, claim, kind="treatment", raised_by="provider", decision_seq=decided.seq)

    event = ClaimEvent.objects.get(claim=claim, kind=EventKind.DISPUTE_RAISED)
    assert event.sensitivity == "medical"
    assert list(claim_disputes(user=book.users["adjuster"], claim=claim)) == [dispute]
    assert list(claim_disputes(user=book.users["provider"], claim=claim)) == [dispute]
    assert list(claim_disputes(user=book.users["employer_coordinator"], claim=claim)) == []
    assert list(claim_disputes(user=book.users["auditor"], claim=claim)) == []


def test_a_treatment_dispute_contests_a_decision_on_a_treatment_request_only(book):
    claim = book.claim
    decided = _treatment_decision(book, claim, subject="physician_change")
    before = _snapshot(claim)

    with pytest.raises(ValidationFailed) as exc:
        _raise(book, claim, kind="treatment", decision_seq=decided.seq)

    assert "not for treatment" in exc.value.errors[0].message
    assert _snapshot(claim) == before


def test_a_work_capacity_dispute_contests_a_work_capacity_decision(book):
    claim = book.claim
    adjuster = book.users["adjuster"]
    screen = claim_event_append(
        actor=adjuster,
        claim=claim,
        kind=EventKind.MILESTONE_RECORDED,
        payload={"milestone": "recovery_screen"},
    )
    decision = claim_event_append(
        actor=adjuster,
        claim=claim,
        kind=EventKind.MILESTONE_RECORDED,
        payload={"milestone": "work_capacity_decision", "summary": "Fit for 20 hours a week"},
    )

    with pytest.raises(ValidationFailed):
        _raise(book, claim, kind="work_capacity", decision_seq=screen.seq)
    dispute = _raise(book, claim, kind="work_capacity", decision_seq=decision.seq)

    assert dispute.decision_kind == "milestone.recorded"


def test_a_corrected_decision_is_disputed_in_its_corrected_version(book):
    claim = book.claim
    original = claim_event_append(
        actor=book.users["adjuster2"],
        claim=claim,
        kind=EventKind.INDEMNITY_SUSPENDED,
        payload={"last_day": "2026-10-30", "reason": "Returned to work"},
    )
    correction = claim_event_append(
        actor=book.users["adjuster"],
        claim=claim,
        kind=EventKind.INDEMNITY_SUSPENDED,
        payload={"last_day": "2026-10-31", "reason": "Returned to work on the 1st"},
        corrects=original,
    )

    with pytest.raises(ValidationFailed) as exc:
        _raise(book, claim, kind="benefits", decision_seq=original.seq)
    assert f"corrected by event #{correction.seq}" in exc.value.errors[0].message
    dispute = _raise(book, claim, kind="benefits", decision_seq=correction.seq)

    # whoever recorded the corrected original had a part too
    before = _snapshot(claim)
    with pytest.raises(ValidationFailed) as exc:
        dispute_review_start(
            actor=book.users["supervisor"], dispute=dispute, reviewer=book.users["adjuster2"]
        )
    assert _fields(exc) == ["reviewer"]
    assert "corrected" in exc.value.errors[0].message
    assert _snapshot(claim) == before


# --- internal review ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "reviewer", "words"),
    [
        ("who made the decision", "adjuster", "recorded the decision"),
        ("the team manager who signed it off", "supervisor", "signed off the decision"),
        ("a claims user of another administrator", "other_adjuster", "may work this claim"),
        ("an employer's coordinator", "employer_coordinator", "may work this claim"),
        ("a read-only auditor", "auditor", "may work this claim"),
    ],
)
def test_the_reviewer_had_no_part_in_the_decision(book, _case, reviewer, words):
    claim = nsw_disputed(book)
    dispute = liability_dispute(book, claim)
    before = _snapshot(claim)

    with pytest.raises(ValidationFailed) as exc:
        dispute_review_start(actor=book.users["adjuster2"], dispute=dispute, reviewer=book.users[reviewer])

    assert _fields(exc) == ["reviewer"]
    assert words in exc.value.message
    assert _snapshot(claim) == before
    assert Dispute.objects.get(pk=dispute.pk).reviewer is None


def test_a_review_by_someone_without_a_part_overturns_liability_and_says_what_to_record(book):
    claim = nsw_disputed(book)
    dispute = liability_dispute(book, claim)
    adjuster2 = book.users["adjuster2"]

    dispute = dispute_review_start(actor=book.users["adjuster"], dispute=dispute, reviewer=adjuster2)
    assert (dispute.status, dispute.reviewer) == ("under_review", adjuster2)
    started = ClaimEvent.objects.get(claim=claim, kind=EventKind.DISPUTE_REVIEW_STARTED)
    assert started.payload["reviewer_id"] == adjuster2.pk

    # only the reviewer records the outcome
    before = _snapshot(claim)
    for key in ("adjuster", "supervisor", "admin"):
        with pytest.raises(PermissionDenied):
            dispute_review_record(actor=book.users[key], dispute=dispute, outcome="overturned", reasons="x")
    with pytest.raises(ValidationFailed) as exc:
        dispute_review_record(actor=adjuster2, dispute=dispute, outcome="reversed", reasons=" ")
    assert sorted(_fields(exc)) == ["outcome", "reasons"]
    assert _snapshot(claim) == before

    dispute = dispute_review_record(
        actor=adjuster2, dispute=dispute, outcome="overturned", reasons="The trip was for work."
    )

    assert (dispute.status, dispute.review_outcome) == ("reviewed", "overturned")
    assert "new liability decision" in dispute.follow_up
    claim.refresh_from_db()
    assert claim.status == "denied"  # the review does not move the claim; the adjuster decides again
    reviewed = ClaimEvent.objects.get(claim=claim, kind=EventKind.DISPUTE_REVIEWED)
    assert reviewed.payload["follow_up"] == dispute.follow_up
    with pytest.raises(Conflict):
        dispute_review_record(actor=adjuster2, dispute=dispute, outcome="upheld", reasons="Again")


def test_an_upheld_decision_needs_no_follow_up(book):
    dispute = under_review(book)

    dispute = dispute_review_record(
        actor=book.users["adjuster2"], dispute=dispute, outcome="upheld", reasons="The contest stands."
    )

    assert dispute.follow_up == ""


def test_a_dispute_under_review_cannot_be_given_a_second_reviewer(book):
    dispute = under_review(book)
    before = _snapshot(dispute.claim)

    with pytest.raises(Conflict) as exc:
        dispute_review_start(
            actor=book.users["supervisor"], dispute=dispute, reviewer=book.users["supervisor"]
        )

    assert "already under review" in exc.value.message
    assert _snapshot(dispute.claim) == before


# --- escalation and closing -------------------------------------------------------------------------


def test_escalated_after_review_then_resolved(book):
    dispute = dispute_review_record(
        actor=book.users["adjuster2"], dispute=under_review(book), outcome="upheld", reasons="Stands."
    )
    adjuster = book.users["adjuster"]

    dispute = dispute_escalate(
        actor=adjuster,
        dispute=dispute,
        to="Division of Administrative Hearings",
        on=D(2026, 11, 2),
        reference="WC 5-1",
    )
    assert (dispute.status, dispute.escalated_to) == ("escalated", "Division of Administrative Hearings")

    dispute = dispute_close(
        actor=adjuster, dispute=dispute, status="resolved", note="Settled at hearing.", on=D(2026, 11, 2)
    )
    assert (dispute.status, dispute.outcome) == ("resolved", "Settled at hearing.")
    kinds = list(
        ClaimEvent.objects.filter(claim=dispute.claim, kind__startswith="dispute.")
        .order_by("seq")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        "dispute.raised",
        "dispute.review_started",
        "dispute.reviewed",
        "dispute.escalated",
        "dispute.resolved",
    ]


def test_escalation_and_closing_refusals_write_nothing(book):
    dispute = under_review(book)
    adjuster = book.users["adjuster"]
    before = _snapshot(dispute.claim)

    with pytest.raises(ValidationFailed) as exc:
        dispute_escalate(actor=adjuster, dispute=dispute, to="PIC", on=D(2026, 11, 2))
    assert _fields(exc) == ["status"]
    with pytest.raises(ValidationFailed) as exc:
        dispute_escalate(actor=adjuster, dispute=dispute, to="", on=D(2026, 11, 9))
    assert sorted(_fields(exc)) == ["on", "to"]
    with pytest.raises(ValidationFailed) as exc:
        dispute_close(actor=adjuster, dispute=dispute, status="lost", note="", on=D(2026, 11, 2))
    assert sorted(_fields(exc)) == ["note", "status"]
    with pytest.raises(PermissionDenied):
        dispute_close(
            actor=book.users["employer_coordinator"],
            dispute=dispute,
            status="withdrawn",
            note="x",
            on=D(2026, 11, 2),
        )
    assert _snapshot(dispute.claim) == before

    dispute_close(
        actor=adjuster, dispute=dispute, status="withdrawn", note="Worker withdrew", on=D(2026, 11, 2)
    )
    after = _snapshot(dispute.claim)
    with pytest.raises(Conflict):
        dispute_close(actor=adjuster, dispute=dispute, status="resolved", note="Again", on=D(2026, 11, 2))
    assert _snapshot(dispute.claim) == after
