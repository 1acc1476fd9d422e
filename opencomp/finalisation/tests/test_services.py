"""Closing checks, closing, reopening and recurrence determinations (the book's NSW claim).

The book's clock is Monday 2 November 2026 15:00 UTC: Tuesday 3 November in Sydney.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opencomp.accounts.models import Notification
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import claim_participant_add
from opencomp.core.errors import Conflict, PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.services import diary_entry_add
from opencomp.finalisation.selectors import closure_checklist, pending_determination
from opencomp.finalisation.services import (
    claim_close,
    claim_reopen,
    closure_intention_record,
    recurrence_determine,
)
from opencomp.finalisation.tests.setup import clear_diary, ready_to_close, tell
from opencomp.payments.invoice_services import InvoiceInput, LineInput, invoice_receive
from opencomp.payments.models import ApprovalRequest, LedgerEntry
from opencomp.payments.reimbursement_services import wage_reimbursement_submit
from opencomp.payments.services import authority_set, reserve_set
from opencomp.payments.tests.reimbursement_setup import WEEK1

D = dt.date


def _fields(exc) -> list[str]:
    return [e.field for e in exc.value.errors]


def _snapshot(claim: Claim) -> tuple:
    claim = Claim.objects.get(pk=claim.pk)
    return (
        claim.status,
        claim.last_event_seq,
        ClaimEvent.objects.filter(claim=claim).count(),
        LedgerEntry.objects.filter(claim=claim).count(),
        Notification.objects.count(),
    )


def _close(book, claim, **overrides):
    values = dict(
        actor=book.users["other_adjuster"], claim=claim, to_status="closed", reason="pre_injury_duties"
    )
    values.update(overrides)
    return claim_close(**values)


def _invoice(book, claim):
    line = LineInput(D(2026, 10, 22), "AA010", "Consult", Decimal("1"), Decimal("120.00"))
    invoice_receive(
        actor=book.users["other_adjuster"],
        claim=claim,
        invoice=InvoiceInput("Dr Jo Reyes", "INV-7", D(2026, 10, 30), (line,)),
    )
    clear_diary(book, claim)  # its payment clock: only the invoice itself should block


def _reimbursement(book, claim):
    wage_reimbursement_submit(
        actor=book.users["other_employer_coordinator"], claim=claim, weeks=[WEEK1], channel="api"
    )
    clear_diary(book, claim)


def _diary_entry(book, claim):
    diary_entry_add(
        actor=book.users["other_adjuster"],
        claim=claim,
        title="Check the final invoice",
        due_on=D(2026, 11, 20),
    )


def _reserve(book, claim):
    reserve_set(
        actor=book.users["admin"], claim=claim, category="medical", amount=Decimal("500"), reason="Est"
    )


def _dispute(book, claim):
    from opencomp.disputes.services import dispute_raise

    rate = ClaimEvent.objects.filter(claim=claim, kind=EventKind.BENEFIT_RATE_DECIDED).latest("seq")
    dispute_raise(
        actor=book.users["other_adjuster"],
        claim=claim,
        kind="benefits",
        raised_by="worker",
        decision_seq=rate.seq,
        raised_on=dt.date(2026, 11, 3),  # today in Sydney (15:00 UTC on 2 Nov), after the rate decision
        grounds="My overtime was left out of PIAWE.",
    )


BREAKERS = {
    "invoices": _invoice,
    "reimbursements": _reimbursement,
    "obligations": _diary_entry,
    "reserves": _reserve,
    "disputes": _dispute,
}


def test_a_ready_claim_passes_every_check(book):
    claim = ready_to_close(book)

    checklist = closure_checklist(claim)

    assert [c.key for c in checklist.checks] == [
        "status",
        "invoices",
        "reimbursements",
        "obligations",
        "reserves",
        "disputes",
        "intention_to_close",
    ]
    assert checklist.passed, [c.refusal for c in checklist.checks if not c.passed]


@pytest.mark.parametrize("key", sorted(BREAKERS))
def test_each_check_failing_alone_refuses_and_changes_nothing(book, key):
    claim = ready_to_close(book)
    BREAKERS[key](book, claim)
    checklist = closure_checklist(claim)
    assert [c.key for c in checklist.checks if not c.passed] == [key]
    before = _snapshot(claim)

    with pytest.raises(ValidationFailed) as exc:
        _close(book, claim)

    assert _fields(exc) == [key]
    assert exc.value.errors[0].message == checklist.check(key).refusal
    assert _snapshot(claim) == before


def test_intention_to_close_needs_the_worker_told(book):
    claim = ready_to_close(book, told=("employer",))
    before = _snapshot(claim)

    with pytest.raises(ValidationFailed) as exc:
        _close(book, claim)

    assert _fields(exc) == ["intention_to_close"]
    assert "worker not yet told" in exc.value.errors[0].message
    assert _snapshot(claim) == before


def test_a_service_provider_on_the_claim_must_be_told_too(book):
    claim = ready_to_close(book)
    claim_participant_add(actor=None, claim=claim, role="treating_doctor", provider=book.provider)
    assert closure_checklist(claim).check("intention_to_close").passed is False

    tell(book, claim, "provider")

    assert closure_checklist(claim).check("intention_to_close").passed is True


def test_a_status_that_cannot_close_is_refused(book):
    claim = ready_to_close(book)
    before = _snapshot(claim)

    with pytest.raises(ValidationFailed) as exc:
        _close(book, claim, to_status="reopened")
    assert _fields(exc) == ["to_status"]

    reported = book.pool_claim  # still reported
    check = closure_checklist(reported).check("status")
    assert check.passed is False
    assert "reported claim cannot be closed or finalised" in check.detail
    assert _snapshot(claim) == before


def test_every_failing_check_is_named_at_once(book):
    claim = ready_to_close(book, told=())
    _reserve(book, claim)
    _diary_entry(book, claim)

    with pytest.raises(ValidationFailed) as exc:
        _close(book, claim, reason="no_such_reason")
    assert _fields(exc) == ["reason"]  # bad input first, before the checks

    with pytest.raises(ValidationFailed) as exc:
        _close(book, claim)
    assert _fields(exc) == ["obligations", "reserves", "intention_to_close"]


def test_happy_close_records_reason_status_and_notifies_worker_and_employer(book):
    claim = ready_to_close(book)
    sent_before = Notification.objects.count()

    claim = _close(book, claim, to_status="finalised", reason="s39_cessation", details="260 weeks paid.")

    assert claim.status == "finalised"
    kinds = list(ClaimEvent.objects.filter(claim=claim).order_by("-seq").values_list("kind", flat=True)[:2])
    assert kinds == [EventKind.CLAIM_FINALISED, EventKind.STATUS_CHANGED]
    status = ClaimEvent.objects.get(claim=claim, seq=claim.last_event_seq - 1)
    assert status.payload["reason"] == (
        "Cessation of weekly payments after five (5) years (section 39 of the Workers Compensation Act 1987)"
        " — 260 weeks paid."
    )
    record = ClaimEvent.objects.get(claim=claim, seq=claim.last_event_seq)
    assert record.payload["reason"] == "s39_cessation"
    assert record.payload["status_seq"] == status.seq
    assert record.payload["notified"] == ["worker", "employer"]
    assert len(record.payload["intention_seqs"]) == 2
    assert record.payload["released_reserves"] == []
    assert Notification.objects.count() == sent_before + 2


def test_release_reserves_on_closing_posts_reserve_changes(book):
    claim = ready_to_close(book)
    _reserve(book, claim)  # the adjuster may change reserves by up to $100,000.00

    claim = _close(book, claim, release_reserves=True)

    assert claim.status == "closed"
    change = ClaimEvent.objects.filter(claim=claim, kind=EventKind.RESERVE_CHANGED).order_by("-seq").first()
    assert change.payload["category"] == "medical"
    assert change.payload["new"] == "0.00"
    record = ClaimEvent.objects.get(claim=claim, kind=EventKind.CLAIM_FINALISED)
    assert record.payload["released_reserves"] == [
        {
            "entry_id": int(change.payload["entry_id"]),
            "category": "medical",
            "bucket": "general",
            "released": "500.00",
        }
    ]
    assert closure_checklist(claim).check("reserves").passed is True


def test_a_release_above_the_closers_authority_is_refused_and_nothing_is_written(book):
    claim = ready_to_close(book)
    _reserve(book, claim)
    authority_set(
        actor=book.users["admin"],
        user=book.users["other_adjuster"],
        payment_limit=Decimal("5000.00"),
        reserve_limit=Decimal("100.00"),
    )
    before = _snapshot(claim)

    with pytest.raises(ValidationFailed) as exc:
        _close(book, claim, release_reserves=True)

    assert _fields(exc) == ["release_reserves"]
    assert "above your reserve authority of 100.00" in exc.value.errors[0].message
    assert _snapshot(claim) == before
    assert ApprovalRequest.objects.filter(claim=claim).count() == 0


def test_only_the_claims_administrator_closes(book):
    claim = ready_to_close(book)
    for key in ("adjuster", "auditor", "other_employer_coordinator"):
        with pytest.raises(PermissionDenied):
            _close(book, claim, actor=book.users[key])


def test_closing_a_claim_someone_else_moved_is_a_conflict(book):
    claim = ready_to_close(book)
    with pytest.raises(Conflict):
        _close(book, claim, expected_status="accepted")


def test_intention_contact_is_refused_on_a_closed_claim_and_needs_a_known_party(book):
    claim = ready_to_close(book)
    with pytest.raises(ValidationFailed) as exc:
        closure_intention_record(
            actor=book.users["other_adjuster"],
            claim=claim,
            party="union",
            channel="fax",
            advised_on=D(2027, 1, 1),
        )
    assert _fields(exc) == ["party", "advised_on"]
    claim = _close(book, claim)
    with pytest.raises(ValidationFailed) as exc:
        tell(book, claim, "worker")
    assert _fields(exc) == ["status"]


def _closed(book):
    return _close(book, ready_to_close(book))


def test_reopen_records_kind_date_and_evidence(book):
    claim = _closed(book)

    claim = claim_reopen(
        actor=book.users["other_adjuster"],
        claim=claim,
        kind="recurrence",
        notified_on=D(2026, 10, 1),
        evidence="Certificate of capacity, Dr Reyes, 1 Oct 2026: no capacity",
        expected_status="closed",
    )

    assert claim.status == "reopened"
    record = ClaimEvent.objects.get(claim=claim, kind=EventKind.CLAIM_REOPENED)
    assert record.payload["kind"] == "recurrence"
    assert record.payload["from_status"] == "closed"
    assert record.payload["notified_on"] == "2026-10-01"
    assert pending_determination(claim).event == record
    # The intention contacts before the reopening no longer count.
    assert closure_checklist(claim).check("intention_to_close").passed is False


def test_reopen_refuses_an_open_claim_and_bad_input_writing_nothing(book):
    claim = ready_to_close(book)
    before = _snapshot(claim)
    adjuster = book.users["other_adjuster"]
    with pytest.raises(ValidationFailed) as exc:
        claim_reopen(
            actor=adjuster, claim=claim, kind="recurrence", notified_on=D(2026, 10, 1), evidence="Cert"
        )
    assert _fields(exc) == ["status"]
    with pytest.raises(ValidationFailed) as exc:
        claim_reopen(actor=adjuster, claim=claim, kind="boredom", notified_on=D(2027, 1, 1), evidence=" ")
    assert _fields(exc) == ["kind", "notified_on", "evidence"]
    assert _snapshot(claim) == before


def _reopened(book, kind="aggravation"):
    return claim_reopen(
        actor=book.users["other_adjuster"],
        claim=_closed(book),
        kind=kind,
        notified_on=D(2026, 10, 1),
        evidence="Treating doctor's report of 1 Oct 2026",
    )


def test_a_determination_counts_two_business_days_over_the_nsw_labour_day_weekend(book):
    claim = _reopened(book)

    recurrence_determine(
        actor=book.users["other_adjuster"],
        claim=claim,
        outcome="accepted",
        decided_on=D(2026, 10, 2),  # Friday; Monday 5 October 2026 is Labour Day in NSW
        further_treatment_required=True,
        reasons="Aggravation of the lumbar strain at work; physiotherapy needed.",
    )

    notice = Obligation.objects.get(claim=claim, rule_id="nsw.recurrence_decision_notice")
    # By hand: Sat 3, Sun 4 and Mon 5 (Labour Day) are not business days;
    # Tue 6 is the first, Wed 7 the second.
    assert notice.due_date == D(2026, 10, 7)
    assert notice.status == "open"
    assert pending_determination(claim) is None


def test_a_declined_recurrence_starts_no_notice_clock_and_cannot_be_determined_twice(book):
    claim = _reopened(book, kind="recurrence")
    adjuster = book.users["other_adjuster"]
    event = recurrence_determine(
        actor=adjuster,
        claim=claim,
        outcome="declined",
        decided_on=D(2026, 10, 20),
        reasons="Not work related.",
    )
    assert not Obligation.objects.filter(claim=claim, rule_id="nsw.recurrence_decision_notice").exists()
    before = _snapshot(claim)

    with pytest.raises(ValidationFailed) as exc:
        recurrence_determine(
            actor=adjuster,
            claim=claim,
            outcome="accepted",
            decided_on=D(2026, 10, 21),
            reasons="Changed mind",
        )
    assert _fields(exc) == ["reopening_seq"]
    with pytest.raises(ValidationFailed) as exc:
        recurrence_determine(
            actor=adjuster,
            claim=claim,
            outcome="accepted",
            decided_on=D(2026, 10, 21),
            reasons="Changed mind",
            reopening_seq=event.payload["reopening_seq"],
        )
    assert "already determined" in exc.value.errors[0].message
    assert _snapshot(claim) == before


def test_a_determination_needs_a_recurrence_reopening_and_a_date_after_its_notification(book):
    adjuster = book.users["other_adjuster"]
    claim = _reopened(book, kind="new_treatment")
    with pytest.raises(ValidationFailed) as exc:
        recurrence_determine(
            actor=adjuster, claim=claim, outcome="accepted", decided_on=D(2026, 10, 2), reasons="x"
        )
    assert _fields(exc) == ["reopening_seq"]

    other = _reopened_again(book, claim)
    with pytest.raises(ValidationFailed) as exc:
        recurrence_determine(
            actor=adjuster, claim=other, outcome="accepted", decided_on=D(2026, 9, 1), reasons="x"
        )
    assert _fields(exc) == ["decided_on"]


def _reopened_again(book, claim):
    """Close the reopened claim again (the parties told since the reopening), reopen it for a recurrence."""
    clear_diary(book, claim)
    tell(book, claim, "worker", "employer")
    claim = _close(book, claim)
    return claim_reopen(
        actor=book.users["other_adjuster"],
        claim=claim,
        kind="recurrence",
        notified_on=D(2026, 10, 1),
        evidence="New certificate",
    )


def test_event_patterns_match_the_enums():
    from opencomp.claims.events import SCHEMAS
    from opencomp.finalisation.enums import FinalisationReason, ReopenKind

    def pattern(kind, name):
        metadata = SCHEMAS[kind].model_fields[name].metadata
        return next(m.pattern for m in metadata if hasattr(m, "pattern"))

    assert pattern(EventKind.CLAIM_FINALISED, "reason") == f"^({'|'.join(FinalisationReason.values)})$"
    assert pattern(EventKind.CLAIM_REOPENED, "kind") == f"^({'|'.join(ReopenKind.values)})$"
