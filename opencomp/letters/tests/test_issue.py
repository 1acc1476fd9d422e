"""Report → liability decision → notice, per jurisdiction: the PDF's own text, the deadlines, the record.

The book's clock is Monday 2 November 2026; the claims (``open_claim``) were injured on
Monday 26 October and notified on Tuesday 27 October 2026.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
from opencomp.claims.enums import EventKind
from opencomp.claims.liability_services import LiabilityInput, liability_decide
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_assign
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.tests.claims import open_claim
from opencomp.documents.models import ClaimDocument
from opencomp.letters.models import Letter, LetterRecipient
from opencomp.letters.services import RecipientInput, letter_issue
from opencomp.letters.tests.helpers import pdf_text, stored_text, weekly_lines, worker_and_employer

D = dt.date
M = Decimal


def _claim(book, code: str, **overrides):
    claim = open_claim(book, code, **overrides)
    return claim_assign(actor=None, claim=claim, adjuster=book.users["adjuster"])


def _decide(book, claim, **given):
    return liability_decide(actor=book.users["adjuster"], claim=claim, given=LiabilityInput(**given))


def _issue(book, claim, template_id, recipients=None, **kwargs):
    return letter_issue(
        actor=book.users["adjuster"],
        claim=claim,
        template_id=template_id,
        recipients=worker_and_employer() if recipients is None else recipients,
        **kwargs,
    )


def _rule(claim, rule_id):
    return Obligation.objects.get(claim=claim, rule_id=rule_id)


def _writes(claim) -> tuple[int, int, int]:
    return (
        ClaimEvent.objects.filter(claim=claim).count(),
        Letter.objects.filter(claim=claim).count(),
        ClaimDocument.objects.filter(claim=claim).count(),
    )


# --- NSW ----------------------------------------------------------------------------------------


def test_nsw_provisional_liability_notice_gives_piawe_and_its_workings_and_satisfies_the_rule(book):
    claim = _claim(book, "NSW")
    claim = _decide(book, claim, decision="provisional")
    assert _rule(claim, "nsw.liability_notice").status == "open"
    # 52 weeks of $1,500.00 before the injury of Mon 26 Oct 2026 → PIAWE $1,500.00
    wage_statement_record(
        actor=book.users["adjuster"],
        claim=claim,
        statement=WageStatementInput("piawe", lines=weekly_lines(D(2025, 10, 27), 52, "1500.00")),
    )

    letter = _issue(book, claim, "nsw.liability_notice", worker_and_employer(email="maria@example.org"))

    text = stored_text(letter)
    assert "Notice of liability decision" in text
    assert "accept liability for your claim provisionally" in text
    assert "pre-injury average weekly earnings (PIAWE)" in text
    assert "$1,500.00" in text
    assert "How it was calculated" in text
    assert "up to 12 weeks" in text
    assert "up to $10,000.00" in text
    assert "nsw.liability_notice v1" in text
    assert claim.number in text
    # the notice the rule waits for, to the worker and the employer, with the letter named
    sent = ClaimEvent.objects.filter(claim=claim, kind=EventKind.NOTICE_SENT).get()
    assert sent.payload["notice"] == "liability_decision"
    assert sent.payload["recipients"] == ["worker", "employer"]
    assert sent.payload["letter_id"] == letter.pk
    assert sent.payload["document_id"] == letter.document_id
    assert sent.payload["template"] == "nsw.liability_notice v1"
    assert [d["method"] for d in sent.payload["deliveries"]] == ["email", "certified_mail"]
    assert letter.notice_seq == sent.seq
    rule = _rule(claim, "nsw.liability_notice")
    assert (rule.status, rule.satisfied_seq) == ("satisfied", sent.seq)
    # the stored copy is a correspondence document with the PDF's digest; the worker got it by e-mail
    assert letter.document.category == "correspondence"
    assert letter.document.content_type == "application/pdf"
    assert letter.content["wage"]["amount"] == "$1,500.00"
    (message,) = mail.outbox
    assert message.to == ["maria@example.org"]
    (name, data, kind) = message.attachments[0]
    assert (name, kind) == (letter.document.original_name, "application/pdf")
    assert "$1,500.00" in pdf_text(data)


def test_a_nsw_liability_notice_without_piawe_is_refused_and_nothing_is_kept(book):
    claim = _claim(book, "NSW")
    claim = _decide(book, claim, decision="accepted")
    before = _writes(claim)

    with pytest.raises(ValidationFailed) as exc:
        _issue(book, claim, "nsw.liability_notice")

    assert [e.field for e in exc.value.errors] == ["template_id"]
    assert "Record the worker's PIAWE first" in exc.value.errors[0].message
    assert _writes(claim) == before
    assert _rule(claim, "nsw.liability_notice").status == "open"


def test_nsw_reasonable_excuse_notice_lists_the_excuses_and_what_the_worker_must_do(book):
    claim = _claim(book, "NSW")
    claim = _decide(
        book,
        claim,
        decision="reasonable_excuse",
        excuses=("insufficient_medical_information", "cannot_contact_worker"),
        worker_action="Send us a certificate of capacity from your doctor and call us on 1300 000 000.",
    )

    letter = _issue(book, claim, "nsw.reasonable_excuse")

    text = stored_text(letter)
    assert "Reasonable excuse notice" in text
    assert "Insufficient medical information" in text
    assert "The insurer cannot contact the worker" in text
    assert "What you need to do" in text
    assert "Send us a certificate of capacity from your doctor" in text
    assert _rule(claim, "nsw.reasonable_excuse_notice").status == "satisfied"


def test_nsw_section_78_notice_explains_the_decision_reasons_evidence_and_review_options(book):
    claim = _claim(book, "NSW")
    manager = book.users["supervisor"]
    claim = _decide(
        book,
        claim,
        decision="disputed",
        reasons="The injury did not arise out of or in the course of employment.",
        evidence=("CCTV footage of 26 October 2026", "Statement of the supervisor"),
        signed_off_by=manager,
    )

    letter = _issue(book, claim, "nsw.dispute_s78")

    text = stored_text(letter)
    assert "section 78 of the Workplace Injury Management and Workers Compensation Act 1998" in text
    assert "dispute liability for your claim" in text
    assert "did not arise out of or in the course of employment" in text
    assert "CCTV footage of 26 October 2026" in text
    assert "Statement of the supervisor" in text
    assert manager.get_full_name() in text
    assert "who had no part in the original decision" in text
    assert "Independent Review Office (IRO) on 13 94 76" in text
    assert _rule(claim, "nsw.dispute_notice").status == "satisfied"


def test_a_letter_that_does_not_answer_the_latest_decision_is_refused(book):
    claim = _claim(book, "NSW")
    claim = _decide(book, claim, decision="provisional")
    before = _writes(claim)

    with pytest.raises(ValidationFailed) as exc:
        _issue(book, claim, "nsw.reasonable_excuse")

    assert exc.value.errors[0].message == (
        "The claim's latest liability decision is provisional liability; this letter answers a "
        "reasonable excuse."
    )
    assert _writes(claim) == before


# --- Colorado ------------------------------------------------------------------------------------


#: Colorado's maximum is held for FY 2025-26 (injuries 1 Jul 2025 – 30 Jun 2026).
CO_DATES = {
    "injury_date": D(2026, 6, 1),
    "employer_knowledge_date": D(2026, 6, 1),
    "notification_date": D(2026, 6, 2),
}


def _co_admitted(book):
    claim = _claim(book, "CO", **CO_DATES)
    claim = _decide(book, claim, decision="admission")
    adjuster = book.users["adjuster"]
    # $6,500.00 a month × 12 ÷ 52 = $1,500.00 AWW; TTD 66⅔% = $1,000.00
    wage_statement_record(
        actor=adjuster, claim=claim, statement=WageStatementInput(method="monthly", monthly_wage=M("6500.00"))
    )
    benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")
    return claim


def test_colorado_gal_gives_the_aww_and_ttd_rate_and_needs_the_brochure_enclosed(book):
    claim = _co_admitted(book)
    before = _writes(claim)

    with pytest.raises(ValidationFailed) as exc:
        _issue(book, claim, "co.general_admission")
    assert [e.field for e in exc.value.errors] == ["enclosures_confirmed"]
    assert _writes(claim) == before

    letter = _issue(book, claim, "co.general_admission", enclosures_confirmed=True)

    text = stored_text(letter)
    assert "General Admission of Liability (GAL)" in text
    assert "admits liability" in text
    assert "$1,500.00" in text
    assert "$1,000.00" in text
    assert "Temporary total disability (TTD)" in text
    assert "claimant brochure" in text
    assert letter.notice == "liability_decision"


def test_colorado_gal_of_a_lost_time_claim_without_a_ttd_rate_is_refused(book):
    claim = _claim(book, "CO", **CO_DATES)
    claim = _decide(book, claim, decision="admission")

    with pytest.raises(ValidationFailed) as exc:
        _issue(book, claim, "co.general_admission", enclosures_confirmed=True)

    messages = [e.message for e in exc.value.errors]
    assert messages == [
        "Record the worker's AWW first: the notice must give it and how it was calculated.",
        "Decide the TTD rate first: the notice must give the weekly rate and how it was worked out.",
    ]


def test_colorado_notice_of_contest_gives_the_reasons_and_the_45_day_hearing_request_date(book):
    claim = _claim(book, "CO")
    claim = _decide(book, claim, decision="contest", reasons="The fall happened at home, not at work.")

    letter = _issue(book, claim, "co.notice_of_contest", enclosures_confirmed=True)

    text = stored_text(letter)
    assert "Notice of Contest (NOC)" in text
    assert "The fall happened at home, not at work." in text
    # issued Mon 2 Nov 2026 + 45 days = Thu 17 Dec 2026
    assert "by 17 December 2026" in text
    assert "C.R.S. 8-43-203(1)(a)" in text


def test_colorado_final_admission_summarises_benefits_mmi_restrictions_and_maintenance_care(book):
    claim = _co_admitted(book)
    claim = _decide(
        book,
        claim,
        decision="final_admission",
        mmi_date=D(2026, 10, 30),
        impairment_percent=M("12.5"),
        permanent_restrictions="No lifting over 20 lb with the left hand.",
        maintenance_care="admitted",
        maintenance_care_details="Six follow-up visits with the authorised treating physician.",
    )

    letter = _issue(book, claim, "co.final_admission")

    text = stored_text(letter)
    assert "Final Admission of Liability" in text
    assert "30 October 2026" in text
    assert "12.5%" in text
    assert "No lifting over 20 lb with the left hand." in text
    assert "Medical maintenance care after MMI is admitted" in text
    assert "Six follow-up visits" in text
    assert "Temporary total disability (TTD) $0.00" in text  # nothing paid yet on this claim
    assert "Total paid $0.00" in text
    assert ClaimEvent.objects.filter(claim=claim, kind=EventKind.NOTICE_SENT).get().payload["notice"] == (
        "final_admission"
    )


# --- Minnesota and Connecticut -----------------------------------------------------------------


def test_minnesota_denial_is_served_with_its_reasons(book):
    claim = _claim(book, "MN")
    claim = _decide(
        book, claim, decision="denied", reasons="No medical evidence links the condition to work."
    )

    letter = _issue(book, claim, "mn.liability_notice")

    text = stored_text(letter)
    assert "denies primary liability" in text
    assert "filed with the commissioner and served" in text
    assert "No medical evidence links the condition to work." in text
    assert "Minn. Stat. 176.221 subd. 1" in text


def test_connecticut_disclaimer_gives_its_reasons(book):
    claim = _claim(book, "CT")
    claim = _decide(book, claim, decision="disclaimer", reasons="Not an employee of the agency.")

    letter = _issue(book, claim, "ct.liability_notice")

    text = stored_text(letter)
    assert "disclaims the injury" in text
    assert "Not an employee of the agency." in text


# --- recipients and permissions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("recipients", "fields"),
    [
        ([], ["recipients"]),
        ([RecipientInput("worker", "Maria Lopez", "mail", address="12 Elm St")], ["recipients"]),
        (
            [
                RecipientInput("worker", "Maria Lopez", "email", email="not-an-address"),
                RecipientInput("employer", "Acme", "certified_mail", address="1 Plant Road"),
            ],
            ["recipients[0].email", "recipients[1].tracking_number"],
        ),
        (
            [
                RecipientInput("worker", " ", "mail"),
                RecipientInput("boss", "Acme", "pigeon"),
            ],
            [
                "recipients[0].name",
                "recipients[0].address",
                "recipients[1].party",
                "recipients[1].method",
                "recipients",
            ],
        ),
    ],
)
def test_recipients_are_checked_and_a_refusal_names_each_field(book, recipients, fields):
    claim = _claim(book, "NSW")
    claim = _decide(
        book, claim, decision="reasonable_excuse", excuses=("late_notification",), worker_action="Call us."
    )
    before = _writes(claim)

    with pytest.raises(ValidationFailed) as exc:
        _issue(book, claim, "nsw.reasonable_excuse", recipients)

    assert [e.field for e in exc.value.errors] == fields
    assert _writes(claim) == before
    assert LetterRecipient.objects.count() == 0


def test_an_unknown_template_or_another_jurisdictions_letter_is_refused(book):
    claim = _claim(book, "NSW")
    claim = _decide(book, claim, decision="provisional")

    with pytest.raises(ValidationFailed) as unknown:
        _issue(book, claim, "nsw.no_such_letter")
    with pytest.raises(ValidationFailed) as foreign:
        _issue(book, claim, "co.notice_of_contest", enclosures_confirmed=True)

    assert unknown.value.errors[0].message == "there is no letter 'nsw.no_such_letter'"
    assert foreign.value.errors[0].message == "Notice of Contest (NOC) is a letter of CO claims."


def test_a_mail_server_refusal_keeps_nothing(book, settings):
    settings.EMAIL_BACKEND = "opencomp.letters.tests.failing_mail.RefusingBackend"
    claim = _claim(book, "NSW")
    claim = _decide(
        book, claim, decision="reasonable_excuse", excuses=("late_notification",), worker_action="Call us."
    )
    before = _writes(claim)

    with pytest.raises(ValidationFailed) as exc:
        _issue(book, claim, "nsw.reasonable_excuse", worker_and_employer(email="maria@example.org"))

    assert [e.field for e in exc.value.errors] == ["recipients[0].email"]
    assert "could not be sent" in exc.value.errors[0].message
    assert _writes(claim) == before


def test_only_the_claims_administrator_issues_letters(book):
    claim = _claim(book, "NSW")
    claim = _decide(
        book, claim, decision="reasonable_excuse", excuses=("late_notification",), worker_action="Call us."
    )

    for role in ("employer_coordinator", "worker", "provider", "auditor"):
        with pytest.raises(PermissionDenied):
            letter_issue(
                actor=book.users[role],
                claim=claim,
                template_id="nsw.reasonable_excuse",
                recipients=worker_and_employer(),
            )
    assert Letter.objects.count() == 0
