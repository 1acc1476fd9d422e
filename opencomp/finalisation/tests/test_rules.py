"""The NSW rules of finalisation and reopening: the closure confirmation and the recurrence advice."""

from __future__ import annotations

import datetime as dt

from opencomp.claims.services import claim_event_append
from opencomp.deadlines.models import Obligation
from opencomp.finalisation.services import claim_close, claim_reopen, recurrence_determine
from opencomp.finalisation.tests.setup import ready_to_close
from opencomp.jurisdictions.rulepack import pack_for

D = dt.date
SYDNEY = dt.timezone(dt.timedelta(hours=11))  # AEDT, in force in October and November 2026


def _notice(book, claim, notice, recipients, on):
    return claim_event_append(
        actor=book.users["other_adjuster"],
        claim=claim,
        kind="notice.sent",
        payload={"notice": notice, "recipients": recipients, "summary": "Letter"},
        occurred_at=on,
    )


def _closed(book):
    return claim_close(
        actor=book.users["other_adjuster"], claim=ready_to_close(book), to_status="closed", reason="settled"
    )


def test_the_pack_carries_both_rules_with_their_sources():
    pack = pack_for("NSW")
    assert {"nsw.closure_confirmation", "nsw.recurrence_decision_notice"} <= set(pack.rule_ids)
    assert pack.version == "2026.11.4"


def test_closing_puts_the_written_confirmation_in_the_diary_due_that_day_and_cancels_the_rest(book):
    claim = _closed(book)

    confirmation = Obligation.objects.get(claim=claim, rule_id="nsw.closure_confirmation")
    assert (
        confirmation.status == "open"
    )  # the closing event triggers it; the pack's default does not cancel it
    assert confirmation.due_date == D(2026, 11, 3)  # the day the claim closed, in Sydney
    assert confirmation.trigger_seq == claim.last_event_seq - 1  # the status change, not the record
    others = Obligation.objects.filter(claim=claim).exclude(rule_id="nsw.closure_confirmation")
    assert not others.filter(status="open").exists()


def test_the_letter_to_worker_and_employer_satisfies_the_confirmation(book):
    claim = _closed(book)
    _notice(book, claim, "claim_closure", ["worker"], None)  # the employer is not told yet
    assert Obligation.objects.get(claim=claim, rule_id="nsw.closure_confirmation").status == "open"

    _notice(book, claim, "claim_closure", ["worker", "employer"], None)

    assert Obligation.objects.get(claim=claim, rule_id="nsw.closure_confirmation").status == "satisfied"


def test_reopening_before_the_letter_cancels_the_confirmation(book):
    claim = claim_reopen(
        actor=book.users["other_adjuster"],
        claim=_closed(book),
        kind="new_treatment",
        notified_on=D(2026, 11, 2),
        evidence="Surgeon's referral",
    )
    assert Obligation.objects.get(claim=claim, rule_id="nsw.closure_confirmation").status == "cancelled"


def test_the_recurrence_notice_is_satisfied_in_time_and_late_after_the_weekend(book):
    claim = claim_reopen(
        actor=book.users["other_adjuster"],
        claim=_closed(book),
        kind="recurrence",
        notified_on=D(2026, 10, 22),
        evidence="Certificate of 22 Oct 2026",
    )
    recurrence_determine(
        actor=book.users["other_adjuster"],
        claim=claim,
        outcome="accepted",
        decided_on=D(2026, 10, 23),  # Friday
        further_treatment_required=True,
        reasons="Recurrence of the wrist injury; splinting and physiotherapy needed.",
    )
    notice = Obligation.objects.get(claim=claim, rule_id="nsw.recurrence_decision_notice")
    # By hand: Sat 24 and Sun 25 skipped; Mon 26 is the first business day, Tue 27 the second.
    assert notice.due_date == D(2026, 10, 27)

    _notice(
        book,
        claim,
        "recurrence_decision",
        ["worker", "employer"],
        dt.datetime(2026, 10, 28, 9, tzinfo=SYDNEY),
    )

    assert Obligation.objects.get(claim=claim, rule_id="nsw.recurrence_decision_notice").status == "late"
