"""The Denver flow (seed 001): restrictions arrive, the offer letter is due in 5 business days,
is generated and sent by certified mail, the worker accepts, TPD starts from the reduced
earnings, MMI ends the assignment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_event_append
from opencomp.deadlines.models import Obligation
from opencomp.letters.catalog import TEMPLATES
from opencomp.letters.models import Letter
from opencomp.letters.render import render_html
from opencomp.payments.models import PaymentSchedule
from opencomp.rtw.enums import AssignmentStatus, EndReason
from opencomp.rtw.services import modified_duty_accept
from opencomp.rtw.tests.conftest import D

MMI_DAY = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


def _kinds(claim, since):
    return list(
        ClaimEvent.objects.filter(claim=claim, seq__gt=since).order_by("seq").values_list("kind", flat=True)
    )


def test_the_denver_flow_from_restrictions_to_mmi(book, denver, offer):
    # Restrictions arrived Thursday 29 October: the letter is due 5 business days later,
    # Thursday 5 November (Fri 30, Mon 2, Tue 3, Wed 4, Thu 5; no Colorado holiday between).
    (letter_due,) = Obligation.objects.filter(claim=denver, rule_id="co.modified_duty_letter")
    assert letter_due.status == "open"
    assert letter_due.due_date == D(2026, 11, 5)

    assignment = offer()

    letter_due.refresh_from_db()
    assert letter_due.status == "satisfied"
    letter = Letter.objects.get(pk=assignment.letter_id)
    assert letter.template_id == "co.modified_duty_offer"
    assert letter.notice == "modified_duty_offer"
    with letter.document.file.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert letter.content["md_position"] == "Records clerk"
    assert letter.content["md_weekly_earnings"] == "$600.00"
    assert letter.content["md_atp_approved_by"] == "Dr Jo Reyes"
    # the restrictions are medical detail: the letter (which the employer sees) names only their date
    assert letter.content["md_restrictions_of"] == "29 October 2026"
    html = render_html(TEMPLATES["co.modified_duty_offer"], letter.content)
    assert "Lifting: up to 10 lb" in html
    assert "at most 20" not in html
    assert "ladders" not in html
    worker_copy, employer_copy = letter.recipients.order_by("position")
    assert (worker_copy.party, worker_copy.method, worker_copy.tracking_number) == (
        "worker",
        "certified_mail",
        "9407 1000 0000 0000 0000 01",
    )
    assert (employer_copy.party, employer_copy.method) == ("employer", "mail")
    assert assignment.status == AssignmentStatus.OFFERED
    assert assignment.limit_on == D(2026, 11, 30)  # six months from the injury of 1 June (seed 001)

    before = ClaimEvent.objects.filter(claim=denver).order_by("-seq").values_list("seq", flat=True)[0]
    assignment = modified_duty_accept(
        actor=book.users["adjuster"], assignment=assignment, accepted_on=D(2026, 11, 2)
    )

    assert assignment.status == AssignmentStatus.ACCEPTED  # starts tomorrow
    ttd = PaymentSchedule.objects.get(claim=denver, benefit="TTD")
    assert (ttd.status, ttd.stop_reason, ttd.last_day) == ("stopped", "return_to_work", D(2026, 11, 2))
    tpd = PaymentSchedule.objects.get(claim=denver, benefit="TPD")
    assert (tpd.status, tpd.first_day) == ("active", D(2026, 11, 3))
    rate = ClaimEvent.objects.filter(claim=denver, kind=EventKind.BENEFIT_RATE_DECIDED).latest("seq")
    # C.R.S. 8-42-106(1): 66 2/3% of ($1,500.00 AWW - $600.00 earnings) = $600.00 exactly.
    assert rate.payload["benefit"] == "TPD"
    assert Decimal(rate.payload["weekly_rate"]) == Decimal("600.00")
    assert Decimal(rate.payload["current_earnings"]) == Decimal("600.00")
    kinds = _kinds(denver, before)
    assert kinds[-2:] == [EventKind.MODIFIED_DUTY_RESPONDED, EventKind.MILESTONE_RECORDED]
    started = ClaimEvent.objects.filter(claim=denver, kind=EventKind.MILESTONE_RECORDED).latest("seq")
    assert started.payload["milestone"] == "modified_duty_started"
    (review_due,) = Obligation.objects.filter(claim=denver, rule_id="co.light_duty_review", status="open")
    assert review_due.due_date == D(2026, 12, 2)  # 30 days (seed 003)

    with time_machine.travel(MMI_DAY, tick=False):
        claim_event_append(
            actor=book.users["adjuster"],
            claim=denver,
            kind=EventKind.MMI_RECORDED,
            payload={"mmi_date": "2026-11-20", "provider_name": "Dr Jo Reyes"},
        )

    assignment.refresh_from_db()
    assert (assignment.status, assignment.ended_on, assignment.end_reason) == (
        AssignmentStatus.ENDED,
        D(2026, 11, 20),
        EndReason.MMI,
    )
    tpd.refresh_from_db()
    assert (tpd.status, tpd.stop_reason) == ("stopped", "mmi")
    ended = ClaimEvent.objects.filter(claim=denver, kind=EventKind.MILESTONE_RECORDED).latest("seq")
    assert ended.payload["milestone"] == "modified_duty_ended"
    review_due.refresh_from_db()
    assert review_due.status == "cancelled"
