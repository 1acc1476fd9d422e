"""NSW IME appointment notice: the appointment details in writing, satisfying ``nsw.ime_notice``."""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.core.errors import ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.letters.services import RecipientInput, letter_issue
from opencomp.letters.tests.helpers import stored_text
from opencomp.physicians.services import ime_refer

SYDNEY = dt.timezone(dt.timedelta(hours=11))
WORKER = RecipientInput("worker", "Tom Nguyen", "mail", address="3 Harbour St\nSydney NSW 2000")


def test_the_ime_notice_gives_the_appointment_and_satisfies_the_rule(book, frozen_now):
    frozen_now.move_to(dt.datetime(2026, 11, 1, 22, 0, tzinfo=dt.UTC))  # 9 am on Mon 2 Nov in Sydney
    adjuster = book.users["other_adjuster"]
    claim = book.other_claim
    with pytest.raises(ValidationFailed):
        letter_issue(actor=adjuster, claim=claim, template_id="nsw.ime_appointment", recipients=[WORKER])
    ime_refer(
        actor=adjuster,
        claim=claim,
        doctor_name="Dr Helen Marsh",
        specialty="Orthopaedic surgeon",
        purpose="Capacity for work",
        appointment_at=dt.datetime(2026, 11, 16, 10, 30, tzinfo=SYDNEY),
        place="Level 4, 123 Macquarie St\nSydney NSW 2000",
        notice_given_on=dt.date(2026, 11, 2),
    )
    rule = Obligation.objects.get(claim=claim, rule_id="nsw.ime_notice")
    assert rule.status == "open"
    assert rule.due_date == dt.date(2026, 11, 2)  # two weeks before the appointment

    letter = letter_issue(actor=adjuster, claim=claim, template_id="nsw.ime_appointment", recipients=[WORKER])

    text = stored_text(letter)
    assert "16 November 2026, 10:30" in text
    assert "Dr Helen Marsh (Orthopaedic surgeon)" in text
    assert "123 Macquarie St" in text
    assert "As we told you on 2 November 2026" in text
    rule.refresh_from_db()
    assert rule.status == "satisfied"
