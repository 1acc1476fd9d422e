"""The closure confirmation and the recurrence determination letters, on the book's NSW claim.

The claim is Tom Nguyen's at Blue Gum Logistics (Harbour Insurance's ``other_adjuster``),
made ready to close by the finalisation tests' setup; the book's clock is Monday 2 November 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.core.errors import ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.finalisation.services import claim_close, claim_reopen, recurrence_determine
from opencomp.finalisation.tests.setup import ready_to_close
from opencomp.letters.services import RecipientInput, letter_issue
from opencomp.letters.tests.helpers import stored_text

D = dt.date
TO_BOTH = [
    RecipientInput("worker", "Tom Nguyen", "mail", address="3 Harbour St\nSydney NSW 2000"),
    RecipientInput("employer", "Blue Gum Logistics", "email", email="hr@bluegum.example"),
]


def _issue(book, claim, template_id):
    return letter_issue(
        actor=book.users["other_adjuster"], claim=claim, template_id=template_id, recipients=TO_BOTH
    )


def _closed(book):
    return claim_close(
        actor=book.users["other_adjuster"],
        claim=ready_to_close(book),
        to_status="finalised",
        reason="pre_injury_duties",
        details="Back on full duties since 19 October; no treatment for three weeks.",
    )


def test_the_closure_letter_confirms_the_closure_with_its_reason_and_satisfies_the_rule(book):
    claim = _closed(book)
    assert Obligation.objects.get(claim=claim, rule_id="nsw.closure_confirmation").status == "open"

    letter = _issue(book, claim, "claim_closure")

    text = stored_text(letter)
    assert "Confirmation that your claim has been closed" in text
    assert "was finalised on" in text
    assert "returned to their pre-injury duties" in text
    assert "Back on full duties since 19 October" in text
    assert "If your condition comes back or gets worse" in text
    assert Obligation.objects.get(claim=claim, rule_id="nsw.closure_confirmation").status == "satisfied"


def test_the_closure_letter_waits_for_the_claim_to_close(book):
    claim = ready_to_close(book)

    with pytest.raises(ValidationFailed) as exc:
        _issue(book, claim, "claim_closure")

    assert exc.value.errors[0].message == (
        "Close the claim first (its closing checks and reason): this letter confirms the closure."
    )


def test_the_recurrence_letter_advises_the_determination_and_satisfies_the_two_day_rule(book):
    claim = claim_reopen(
        actor=book.users["other_adjuster"],
        claim=_closed(book),
        kind="aggravation",
        notified_on=D(2026, 10, 29),
        evidence="Certificate of capacity of 29 Oct 2026",
    )
    with pytest.raises(ValidationFailed):
        _issue(book, claim, "nsw.recurrence_decision")  # nothing determined yet
    recurrence_determine(
        actor=book.users["other_adjuster"],
        claim=claim,
        outcome="accepted",
        decided_on=D(2026, 11, 2),
        further_treatment_required=True,
        reasons="Aggravation at work on 28 October; physiotherapy for six weeks.",
    )

    letter = _issue(book, claim, "nsw.recurrence_decision")

    text = stored_text(letter)
    assert "You told us on 29 October 2026 of an aggravation" in text
    assert "On 2 November 2026 we determined that an aggravation has occurred" in text
    assert "further medical attention and treatment is required" in text
    assert "physiotherapy for six weeks" in text
    rule = Obligation.objects.get(claim=claim, rule_id="nsw.recurrence_decision_notice")
    assert rule.status == "satisfied"
