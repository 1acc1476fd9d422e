"""Per jurisdiction: the employer's injury report → the claim → the liability decision → its notice.

The book's clock is Monday 2 November 2026. Maria Lopez reports an injury of Wednesday 28
October at Acme's Denver plant through the employer's coordinator; the adjuster turns the
report into a lost-time claim of the jurisdiction, decides liability, and issues the notice.
Each walk checks the decision's side effects (status, events), the deadlines satisfied and
scheduled, and the PDF's own text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.benefits.services import WageStatementInput, wage_statement_record
from opencomp.claims.enums import EventKind
from opencomp.claims.liability_services import LiabilityInput, liability_decide
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_assign, claim_create_from_report
from opencomp.deadlines.models import Obligation
from opencomp.intake.services import injury_report_submit
from opencomp.letters.services import letter_issue
from opencomp.letters.tests.helpers import stored_text, weekly_lines, worker_and_employer

D = dt.date


def _claim_from_report(book, jurisdiction: str):
    report = injury_report_submit(
        actor=book.users["employer_coordinator"],
        employer=book.employer,
        worker=book.worker,
        jurisdiction=jurisdiction,
        injury_date=D(2026, 10, 28),
        location="Press line 2",
        nature_of_injury="Laceration",
        body_part="Left hand",
        how_it_happened="Caught a sheet edge while unloading the press.",
        reported_to_employer_on=D(2026, 10, 28),
        notifier_name="Maria Lopez",
        notifier_relationship="self",
        time_lost=True,
        establishment=book.establishment,
    )
    claim = claim_create_from_report(
        actor=book.users["adjuster"], report=report, claim_type="lost_time", notification_date=D(2026, 10, 29)
    )
    return claim_assign(actor=None, claim=claim, adjuster=book.users["adjuster"])


def _status(claim, rule_id: str) -> str:
    return Obligation.objects.get(claim=claim, rule_id=rule_id).status


def _walk(book, jurisdiction: str, template_id: str, **decision):
    claim = _claim_from_report(book, jurisdiction)
    claim = liability_decide(actor=book.users["adjuster"], claim=claim, given=LiabilityInput(**decision))
    decided = ClaimEvent.objects.get(claim=claim, kind=EventKind.LIABILITY_DECIDED)
    letter = letter_issue(
        actor=book.users["adjuster"],
        claim=claim,
        template_id=template_id,
        recipients=worker_and_employer(),
        enclosures_confirmed=True,
    )
    assert letter.subject_seq == decided.seq
    return claim, stored_text(letter)


def test_nsw_report_to_provisional_liability_and_its_notice(book):
    claim = _claim_from_report(book, "NSW")
    assert _status(claim, "nsw.liability_decision") == "open"
    wage_statement_record(
        actor=book.users["adjuster"],
        claim=claim,
        statement=WageStatementInput("piawe", lines=weekly_lines(D(2025, 10, 27), 52, "1200.00")),
    )
    claim = liability_decide(
        actor=book.users["adjuster"], claim=claim, given=LiabilityInput(decision="provisional")
    )
    assert claim.status == "provisionally_accepted"
    assert _status(claim, "nsw.liability_decision") == "satisfied"
    assert _status(claim, "nsw.liability_notice") == "open"
    # s 267(3): 12 weeks from Tue 3 Nov in Sydney (15:00 UTC on 2 Nov) is Tue 26 Jan 2027,
    # Australia Day, so the full decision is due on Wed 27 Jan
    end = Obligation.objects.get(claim=claim, rule_id="nsw.provisional_liability_end")
    assert (end.status, end.due_date) == ("open", D(2027, 1, 27))

    letter = letter_issue(
        actor=book.users["adjuster"],
        claim=claim,
        template_id="nsw.liability_notice",
        recipients=worker_and_employer(),
    )

    text = stored_text(letter)
    assert "accept liability for your claim provisionally" in text
    assert "$1,200.00" in text  # 52 weeks of $1,200.00
    assert "Date of injury 28 October 2026" in text
    assert _status(claim, "nsw.liability_notice") == "satisfied"
    assert _status(claim, "nsw.provisional_liability_end") == "open"  # still ahead


def test_colorado_report_to_notice_of_contest(book):
    claim, text = _walk(book, "CO", "co.notice_of_contest", decision="contest", reasons="Not at work.")

    assert claim.status == "denied"
    assert _status(claim, "co.admission_or_contest") == "satisfied"
    assert "contests liability for the claimed injury of 28 October 2026" in text
    assert "Not at work." in text
    assert "by 17 December 2026" in text  # 45 days after the notice of 2 November


def test_minnesota_report_to_denial(book):
    claim, text = _walk(book, "MN", "mn.liability_notice", decision="denied", reasons="Not work related.")

    assert claim.status == "denied"
    assert _status(claim, "mn.first_action") == "satisfied"
    assert "denies primary liability for the claimed injury of 28 October 2026" in text
    assert "Not work related." in text


@pytest.mark.parametrize(
    ("decision", "words"), [("accepted", "accepts the claim"), ("disclaimer", "disclaims")]
)
def test_connecticut_report_to_acceptance_or_disclaimer(book, decision, words):
    claim, text = _walk(book, "CT", "ct.liability_notice", decision=decision, reasons="Seen on CCTV.")

    assert claim.status == ("accepted" if decision == "accepted" else "denied")
    assert words in text
    sent = ClaimEvent.objects.get(claim=claim, kind=EventKind.NOTICE_SENT)
    assert sent.payload["notice"] == "liability_decision"
