"""Every NSW rule against dates worked out by hand.

NSW closed days used below (Public Holidays Act 2010 s 4, pack corrections applied):
2025: Good Friday 18 Apr, Easter Sat to Mon 19-21 Apr, ANZAC Day Fri 25 Apr, King's Birthday
Mon 9 Jun, Bank Holiday Mon 4 Aug, Christmas Thu 25 Dec, Boxing Day Fri 26 Dec.
2026: Good Friday 3 Apr, Easter 4-6 Apr, ANZAC Day Sat 25 Apr (no Monday substitute: the
pack removes holidays' "ANZAC Day (observed)" 27 Apr), Christmas Fri 25 Dec, Boxing Day
Sat 26 Dec observed Mon 28 Dec. 2027: New Year's Day Fri 1 Jan.
Counting (Interpretation Act 1987 s 36): the trigger day is not counted; a last day on a
closed day moves to the next business day, unless the rule says ``roll: false``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.deadlines.engine import CANCELLED, LATE, OPEN, SATISFIED, WAIVED
from opencomp.deadlines.tests.builders import D, Log, dates, facts, of, only, run

#: Notified on the Thursday before Easter 2025.
EASTER_THU = D(2025, 4, 17)


def notified(on: dt.date = EASTER_THU, **kw: object) -> tuple[object, Log]:
    f = facts("NSW", notification_date=on, employer_knowledge_date=on, injury_date=on, **kw)
    log = Log("NSW")
    log.created(f)
    return f, log


# --- early contact: 3 business days -------------------------------------------------------


@pytest.mark.smoke
def test_initial_contacts_over_easter():
    # Notified Thu 17 Apr 2025. Not counted: Fri 18 (Good Friday), Sat 19, Sun 20, Mon 21
    # (Easter Monday). Tue 22 = 1, Wed 23 = 2, Thu 24 = 3 → due Thu 24 Apr 2025.
    f, log = notified()
    log.activity("worker", D(2025, 4, 23), channel="phone")  # on time
    log.activity("employer", D(2025, 4, 24), channel="email")  # email does not count for the employer
    log.activity("employer", D(2025, 4, 25), channel="in_person")  # ANZAC Day, a day late
    log.activity("provider", D(2025, 4, 24), channel="fax", at=dt.time(17, 30))  # last day, on time
    found = run(f, log)
    worker = only(found, "nsw.initial_contact_worker")
    assert dates(worker) == (D(2025, 4, 24), D(2025, 4, 24), SATISFIED)
    assert worker.satisfied_seq == 2
    assert dates(only(found, "nsw.initial_contact_employer")) == (D(2025, 4, 24), D(2025, 4, 24), LATE)
    assert only(found, "nsw.initial_contact_employer").satisfied_seq == 4
    assert dates(only(found, "nsw.initial_contact_doctor")) == (D(2025, 4, 24), D(2025, 4, 24), SATISFIED)
    text = " ".join(worker.explanation)
    assert "Good Friday" in text
    assert "Easter Monday" in text


def test_initial_contact_over_bank_holiday():
    # Notified Thu 31 Jul 2025. Fri 1 Aug = 1; Sat 2, Sun 3, Mon 4 (Bank Holiday, first Monday
    # in August) not counted; Tue 5 = 2, Wed 6 = 3 → due Wed 6 Aug 2025.
    f, log = notified(D(2025, 7, 31))
    o = only(run(f, log), "nsw.initial_contact_worker")
    assert dates(o) == (D(2025, 8, 6), D(2025, 8, 6), OPEN)
    assert any("Bank Holiday" in line for line in o.explanation)


def test_initial_contact_over_christmas_2026():
    # Notified Wed 23 Dec 2026. Thu 24 = 1; Fri 25 (Christmas), Sat 26 (Boxing Day), Sun 27,
    # Mon 28 (Boxing Day observed) not counted; Tue 29 = 2, Wed 30 = 3 → due Wed 30 Dec 2026.
    f, log = notified(D(2026, 12, 23))
    assert only(run(f, log), "nsw.initial_contact_employer").due_date == D(2026, 12, 30)


def test_event_counts_on_its_sydney_date_not_its_utc_date():
    # 08:00 Fri 25 Apr 2025 in Sydney is 22:00 Thu 24 Apr UTC: the contact is late (due Thu 24).
    f, log = notified()
    log.activity("worker", D(2025, 4, 25), at=dt.time(8, 0))
    o = only(run(f, log), "nsw.initial_contact_worker")
    assert log.events[-1].occurred_at.date() == D(2025, 4, 24)
    assert o.status == LATE
    assert o.satisfied_at is not None
    assert o.satisfied_at.date() == D(2025, 4, 25)


# --- liability -------------------------------------------------------------------------------


def test_liability_decision_seven_days_no_roll_needed():
    # Thu 17 Apr + 7 calendar days (18, 19, 20, 21, 22, 23, 24) → Thu 24 Apr, a business day.
    f, log = notified()
    log.status("provisionally_accepted", D(2025, 4, 24), at=dt.time(16, 0))
    assert dates(only(run(f, log), "nsw.liability_decision")) == (D(2025, 4, 24), D(2025, 4, 24), SATISFIED)


def test_liability_decision_rolls_past_easter():
    # Notified Fri 11 Apr 2025 + 7 = Fri 18 Apr (Good Friday); Sat 19, Sun 20, Mon 21 closed
    # → due Tue 22 Apr 2025. A decision at 23:30 Tue 22 Apr (Sydney) is on time.
    f, log = notified(D(2025, 4, 11))
    log.status("accepted", D(2025, 4, 22), at=dt.time(23, 30))
    o = only(run(f, log), "nsw.liability_decision")
    assert dates(o) == (D(2025, 4, 18), D(2025, 4, 22), SATISFIED)
    assert any("Good Friday" in line and "Tue 22 Apr 2025" in line for line in o.explanation)


def test_liability_decision_late_by_sydney_date():
    # Due Tue 22 Apr (above); 08:00 Wed 23 Apr Sydney (22:00 Tue UTC) is late.
    f, log = notified(D(2025, 4, 11))
    log.status("denied", D(2025, 4, 23), at=dt.time(8, 0))
    assert only(run(f, log), "nsw.liability_decision").status == LATE


def test_liability_decision_cancelled_when_claim_closed_before_due():
    # Due Thu 24 Apr; closed Tue 22 Apr → cancelled.
    f, log = notified()
    closed = log.status("closed", D(2025, 4, 22))
    o = only(run(f, log), "nsw.liability_decision")
    assert (o.status, o.closed_seq) == (CANCELLED, closed)


def test_liability_decision_stays_open_when_claim_closed_after_due():
    # Due Thu 24 Apr; closed Mon 28 Apr → still open (overdue), and says why.
    f, log = notified()
    log.status("closed", D(2025, 4, 28))
    o = only(run(f, log), "nsw.liability_decision")
    assert (o.status, o.closed_seq) == (OPEN, None)
    assert o.overdue(dt.datetime(2025, 4, 28, 12, tzinfo=dt.UTC))
    assert any("came after the due date" in line for line in o.explanation)


def test_liability_notice_needs_both_worker_and_employer():
    # Accepted Thu 24 Apr 2025. Fri 25 (ANZAC Day), Sat 26, Sun 27 not counted; Mon 28 = 1,
    # Tue 29 = 2 → due Tue 29 Apr. A notice to the worker only (Mon 28) does not satisfy it;
    # the one to both on Wed 30 does, late.
    f, log = notified()
    log.status("accepted", D(2025, 4, 24))
    log.notice("liability_decision", D(2025, 4, 28), ["worker"])
    both = log.notice("liability_decision", D(2025, 4, 30), ["worker", "employer", "provider"])
    o = only(run(f, log), "nsw.liability_notice")
    assert dates(o) == (D(2025, 4, 29), D(2025, 4, 29), LATE)
    assert o.satisfied_seq == both


def test_liability_notice_worker_only_leaves_it_open():
    f, log = notified()
    log.status("provisionally_accepted", D(2025, 4, 24))
    log.notice("liability_decision", D(2025, 4, 28), ["worker"])
    assert only(run(f, log), "nsw.liability_notice").status == OPEN


def test_liability_notice_one_per_decision():
    # Provisionally accepted Thu 24 Apr (due Tue 29 Apr), accepted Mon 12 May (Tue 13 = 1,
    # Wed 14 = 2 → due Wed 14 May): two notices owed.
    f, log = notified()
    log.status("provisionally_accepted", D(2025, 4, 24))
    log.notice("liability_decision", D(2025, 4, 29), ["worker", "employer"])
    log.status("accepted", D(2025, 5, 12), frm="provisionally_accepted")
    found = of(run(f, log), "nsw.liability_notice")
    assert [dates(o) for o in found] == [
        (D(2025, 4, 29), D(2025, 4, 29), SATISFIED),
        (D(2025, 5, 14), D(2025, 5, 14), OPEN),
    ]


def test_reasonable_excuse_notice():
    # Reasonable excuse Thu 24 Apr 2025 → due Tue 29 Apr (as above). A liability_decision
    # notice is not the reasonable excuse notice.
    f, log = notified()
    log.status("reasonable_excuse", D(2025, 4, 24))
    log.notice("liability_decision", D(2025, 4, 28), ["worker", "employer"])
    log.notice("reasonable_excuse", D(2025, 4, 29), ["worker", "employer"])
    found = run(f, log)
    assert dates(only(found, "nsw.reasonable_excuse_notice")) == (D(2025, 4, 29), D(2025, 4, 29), SATISFIED)
    assert of(found, "nsw.liability_notice") == []


def test_dispute_notice_only_once_denied():
    # Notified Thu 17 Apr + 7 → Thu 24 Apr. No denial: no dispute notice owed.
    f, log = notified()
    assert of(run(f, log), "nsw.dispute_notice") == []
    log.status("denied", D(2025, 4, 22))
    log.notice("dispute", D(2025, 4, 23), ["worker", "employer"])
    assert dates(only(run(f, log), "nsw.dispute_notice")) == (D(2025, 4, 24), D(2025, 4, 24), SATISFIED)


def test_provisional_liability_end_rolls_past_bank_holiday():
    # Provisional liability Mon 12 May 2025 + 12 weeks (84 days: 19 to 31 May, 30 in June,
    # 31 in July, 4 in August) = Mon 4 Aug 2025, the Bank Holiday → Tue 5 Aug 2025.
    f, log = notified(D(2025, 5, 9))
    log.status("provisionally_accepted", D(2025, 5, 12))
    log.status("accepted", D(2025, 8, 5), frm="provisionally_accepted")
    o = only(run(f, log), "nsw.provisional_liability_end")
    assert dates(o) == (D(2025, 8, 4), D(2025, 8, 5), SATISFIED)


def test_weekly_payments_start():
    # Thu 17 Apr + 7 = Thu 24 Apr 2025; commenced that day → on time.
    f, log = notified()
    log.indemnity(D(2025, 4, 16), on=D(2025, 4, 24))
    assert dates(only(run(f, log), "nsw.weekly_payments_start")) == (
        D(2025, 4, 24),
        D(2025, 4, 24),
        SATISFIED,
    )


def test_weekly_payments_start_only_for_lost_time():
    f, log = notified(claim_type="medical_only")
    assert of(run(f, log), "nsw.weekly_payments_start") == []


def test_weekly_payments_start_cancelled_by_denial_before_due_not_after():
    f, log = notified()
    log.status("denied", D(2025, 4, 22))  # before Thu 24 Apr
    assert only(run(f, log), "nsw.weekly_payments_start").status == CANCELLED
    f, log = notified()
    log.status("denied", D(2025, 4, 28))  # after: payments were already overdue
    assert only(run(f, log), "nsw.weekly_payments_start").status == OPEN


def test_direct_payments_advice_over_christmas_2026():
    # Direct payments commenced Sun 20 Dec 2026 + 5 = Fri 25 Dec (Christmas); Sat 26 (Boxing
    # Day), Sun 27, Mon 28 (Boxing Day observed) closed → due Tue 29 Dec 2026.
    f, log = notified(D(2026, 12, 10))
    log.indemnity(D(2026, 12, 14), on=D(2026, 12, 20), benefit="direct_payments")
    log.indemnity(D(2026, 12, 14), on=D(2026, 12, 21), benefit="weekly")  # not direct: no advice owed
    log.notice("direct_payments", D(2026, 12, 29), ["worker"])
    o = only(run(f, log), "nsw.direct_payments_advice")
    assert dates(o) == (D(2026, 12, 25), D(2026, 12, 29), SATISFIED)
    assert any("(Christmas Day): moves to Tue 29 Dec 2026" in line for line in o.explanation)


# --- injury management ------------------------------------------------------------------------


def test_injury_management_plan_rolls_past_easter():
    # Significant injury notified Mon 31 Mar 2025 + 20 = Sun 20 Apr (Easter Sunday); Mon 21
    # (Easter Monday) closed → due Tue 22 Apr 2025.
    f, log = notified(D(2025, 3, 31), significant_injury=True)
    log.milestone("injury_plan_issued", D(2025, 4, 22))
    assert dates(only(run(f, log), "nsw.injury_management_plan")) == (
        D(2025, 4, 20),
        D(2025, 4, 22),
        SATISFIED,
    )


def test_injury_management_plan_only_for_significant_injury():
    f, log = notified(D(2025, 3, 31), significant_injury=False)
    assert of(run(f, log), "nsw.injury_management_plan") == []


def test_injury_management_plan_review_every_four_weeks():
    # Plan issued Tue 22 Apr 2025 + 4 weeks = Tue 20 May → reviewed Mon 12 May (on time).
    # Then Mon 12 May + 28 = Mon 9 Jun (King's Birthday) → Tue 10 Jun; reviewed Tue 10 Jun (on
    # time). Then Tue 10 Jun + 28 = Tue 8 Jul, open.
    f, log = notified(D(2025, 3, 31), significant_injury=True)
    first = log.milestone("injury_plan_issued", D(2025, 4, 22))
    second = log.milestone("injury_plan_issued", D(2025, 5, 12))
    third = log.milestone("injury_plan_issued", D(2025, 6, 10))
    found = of(run(f, log), "nsw.injury_management_plan_review")
    assert [dates(o) for o in found] == [
        (D(2025, 5, 20), D(2025, 5, 20), SATISFIED),
        (D(2025, 6, 9), D(2025, 6, 10), SATISFIED),
        (D(2025, 7, 8), D(2025, 7, 8), OPEN),
    ]
    assert [o.key for o in found] == [
        f"nsw.injury_management_plan_review#{first}",
        f"nsw.injury_management_plan_review#{second}#1",
        f"nsw.injury_management_plan_review#{third}#2",
    ]
    assert [o.instance for o in found] == [0, 1, 2]


def test_recovery_screen_fifteen_business_days():
    # Thu 17 Apr 2025: Tue 22 = 1, Wed 23 = 2, Thu 24 = 3, (Fri 25 ANZAC Day), Mon 28 = 4,
    # Tue 29 = 5, Wed 30 = 6, Thu 1 May = 7, Fri 2 = 8, Mon 5 = 9, Tue 6 = 10, Wed 7 = 11,
    # Thu 8 = 12, Fri 9 = 13, Mon 12 = 14, Tue 13 = 15 → due Tue 13 May 2025.
    f, log = notified()
    log.milestone("recovery_screen", D(2025, 5, 14))
    assert dates(only(run(f, log), "nsw.recovery_screen")) == (D(2025, 5, 13), D(2025, 5, 13), LATE)


# --- payments ---------------------------------------------------------------------------------


def test_piawe_recalculation_counts_from_received_on():
    # All PIAWE information received Thu 31 Jul 2025 (recorded Mon 4 Aug). Fri 1 Aug = 1;
    # (Sat, Sun, Mon 4 Bank Holiday); Tue 5 = 2, Wed 6 = 3, Thu 7 = 4, Fri 8 = 5 → Fri 8 Aug.
    f, log = notified(D(2025, 7, 1))
    log.request("piawe_information", D(2025, 7, 31), on=D(2025, 8, 4))
    log.milestone("piawe_recalculated", D(2025, 8, 8))
    assert dates(only(run(f, log), "nsw.piawe_recalculation")) == (D(2025, 8, 8), D(2025, 8, 8), SATISFIED)


def test_piawe_adjustment_waived_with_reason():
    # Recalculated Thu 11 Dec 2025 + 14 = Thu 25 Dec (Christmas); Fri 26 (Boxing Day), Sat 27,
    # Sun 28 closed → due Mon 29 Dec 2025. No adjustment was needed: waived.
    f, log = notified(D(2025, 11, 3))
    recalculated = log.milestone("piawe_recalculated", D(2025, 12, 11))
    waiver = log.waived(f"nsw.piawe_adjustment#{recalculated}", D(2025, 12, 12), "No adjustment needed")
    o = only(run(f, log), "nsw.piawe_adjustment")
    assert dates(o) == (D(2025, 12, 25), D(2025, 12, 29), WAIVED)
    assert (o.closed_seq, o.waiver_reason) == (waiver, "No adjustment needed")


def test_waiver_for_another_key_does_not_waive():
    f, log = notified(D(2025, 11, 3))
    recalculated = log.milestone("piawe_recalculated", D(2025, 12, 11))
    log.waived(f"nsw.piawe_adjustment#{recalculated + 100}", D(2025, 12, 12))
    assert only(run(f, log), "nsw.piawe_adjustment").status == OPEN


def test_wage_reimbursement_over_christmas_and_new_year():
    # Schedule received Wed 23 Dec 2026. Thu 24 = 1; (Fri 25, Sat 26, Sun 27, Mon 28 Boxing Day
    # observed); Tue 29 = 2, Wed 30 = 3, Thu 31 = 4; (Fri 1 Jan 2027 New Year's Day, Sat, Sun);
    # Mon 4 = 5, Tue 5 = 6, Wed 6 = 7, Thu 7 = 8, Fri 8 = 9, Mon 11 = 10 → Mon 11 Jan 2027.
    # A notice of the delay satisfies it.
    f, log = notified(D(2026, 11, 2))
    log.request("wage_reimbursement", D(2026, 12, 23))
    log.notice("payment_delay", D(2027, 1, 11), ["employer"])
    assert dates(only(run(f, log), "nsw.wage_reimbursement")) == (D(2027, 1, 11), D(2027, 1, 11), SATISFIED)


def test_invoice_payment_ref_must_match():
    # Two invoices received Thu 17 Apr 2025; 10 business days: Tue 22 = 1, Wed 23 = 2,
    # Thu 24 = 3, Mon 28 = 4, Tue 29 = 5, Wed 30 = 6, Thu 1 May = 7, Fri 2 = 8, Mon 5 = 9,
    # Tue 6 = 10 → Tue 6 May 2025. Paying the second does not pay the first.
    f, log = notified(D(2025, 4, 1))
    first = log.request("invoice", EASTER_THU)
    second = log.request("invoice", EASTER_THU)
    log.completed(second, D(2025, 5, 2))
    found = of(run(f, log), "nsw.invoice_payment")
    assert [(o.trigger_seq, *dates(o)) for o in found] == [
        (first, D(2025, 5, 6), D(2025, 5, 6), OPEN),
        (second, D(2025, 5, 6), D(2025, 5, 6), SATISFIED),
    ]


def _invoice(log: Log, invoice_id: int, received_on: dt.date) -> int:
    payload = dict(
        invoice_id=invoice_id,
        provider_name="Harbour Physio",
        invoice_number=f"INV-{invoice_id}",
        received_on=received_on,
        service_from=received_on - dt.timedelta(days=14),
        service_to=received_on - dt.timedelta(days=7),
        amount_claimed="240.00",
        line_count=2,
    )
    return log.add("invoice.received", received_on, payload)


def test_provider_invoice_paid_in_time_and_denied_invoice_needs_no_payment():
    # Received Thu 17 Apr 2025 (Easter): due Tue 6 May 2025, as for the request form above.
    # Invoice 1 is paid on Fri 2 May (on time); invoice 2 is denied on Wed 7 May (a day late);
    # invoice 3 is still open. A payment names the invoice it pays (received_seq).
    f, log = notified(D(2025, 4, 1))
    first = _invoice(log, 1, EASTER_THU)
    second = _invoice(log, 2, EASTER_THU)
    third = _invoice(log, 3, EASTER_THU)
    paid = dict(invoice_id=1, received_seq=first, entry_id=9, amount="240.00", method="eft")
    log.add("invoice.paid", D(2025, 5, 2), paid)
    denied = dict(
        invoice_id=2, received_seq=second, outcome="denied", amount_claimed="240.00", amount_approved="0.00"
    )
    log.add("invoice.decided", D(2025, 5, 7), denied)
    found = of(run(f, log), "nsw.provider_invoice")
    assert [(o.trigger_seq, *dates(o)) for o in found] == [
        (first, D(2025, 5, 6), D(2025, 5, 6), SATISFIED),
        (second, D(2025, 5, 6), D(2025, 5, 6), LATE),
        (third, D(2025, 5, 6), D(2025, 5, 6), OPEN),
    ]


def test_provider_invoice_partly_approved_is_answered_only_by_its_payment():
    f, log = notified(D(2025, 4, 1))
    received = _invoice(log, 1, EASTER_THU)
    partly = dict(
        invoice_id=1,
        received_seq=received,
        outcome="partly_approved",
        amount_claimed="240.00",
        amount_approved="120.00",
    )
    log.add("invoice.decided", D(2025, 4, 30), partly)
    assert only(run(f, log), "nsw.provider_invoice").status == OPEN


def test_wrs_reimbursed_over_christmas_and_new_year():
    # WRS received Wed 23 Dec 2026: due Mon 11 Jan 2027 (counted in the test above). Reimbursed
    # Tue 12 Jan: late. A rejected schedule is answered by the rejection.
    f, log = notified(D(2026, 11, 2))
    base = dict(
        employer_name="Acme",
        received_on=D(2026, 12, 23),
        period_from=D(2026, 12, 6),
        period_to=D(2026, 12, 19),
        week_count=2,
        amount_claimed="1600.00",
        channel="csv",
    )
    submitted = log.add("wage_reimbursement.submitted", D(2026, 12, 23), dict(base, reimbursement_id=1))
    rejected = log.add("wage_reimbursement.submitted", D(2026, 12, 23), dict(base, reimbursement_id=2))
    paid = dict(reimbursement_id=1, submitted_seq=submitted, entry_id=4, amount="1600.00", method="eft")
    log.add("wage_reimbursement.reimbursed", D(2027, 1, 12), paid)
    decision = dict(
        reimbursement_id=2,
        submitted_seq=rejected,
        outcome="rejected",
        amount_claimed="1600.00",
        amount_approved="0.00",
        reasons="Weeks already reimbursed",
    )
    log.add("wage_reimbursement.decided", D(2027, 1, 5), decision)
    found = of(run(f, log), "nsw.wrs_reimbursement")
    assert [(o.trigger_seq, *dates(o)) for o in found] == [
        (submitted, D(2027, 1, 11), D(2027, 1, 11), LATE),
        (rejected, D(2027, 1, 11), D(2027, 1, 11), SATISFIED),
    ]


# --- treatment requests ------------------------------------------------------------------------


def test_treatment_acknowledge_and_decide_over_easter_2026():
    # Received Sat 4 Apr 2026 (Easter Saturday).
    # Acknowledge, 10 business days: (Sun 5, Mon 6 Easter Monday); Tue 7 = 1, Wed 8 = 2,
    # Thu 9 = 3, Fri 10 = 4, Mon 13 = 5, Tue 14 = 6, Wed 15 = 7, Thu 16 = 8, Fri 17 = 9,
    # Mon 20 = 10 → Mon 20 Apr 2026.
    # Decide, 21 calendar days: Sat 25 Apr 2026 (ANZAC Day, on a Saturday) → Sun 26 closed →
    # Mon 27 Apr. (holidays 0.109 has Mon 27 Apr as "ANZAC Day (observed)"; the pack removes
    # it as the Act has no Anzac substitute day, so Mon 27 is a business day.)
    f, log = notified(D(2026, 3, 2))
    request = log.request("treatment", D(2026, 4, 4), on=D(2026, 4, 7))
    log.acknowledged(request, D(2026, 4, 20))
    log.decided(request, D(2026, 4, 27))
    found = run(f, log)
    assert dates(only(found, "nsw.treatment_acknowledge")) == (D(2026, 4, 20), D(2026, 4, 20), SATISFIED)
    assert dates(only(found, "nsw.treatment_decision")) == (D(2026, 4, 25), D(2026, 4, 27), SATISFIED)


def test_treatment_decision_for_another_request_does_not_satisfy():
    # Two requests received Thu 17 Apr 2025. Decide by Thu 8 May (17 Apr + 21); acknowledge by
    # Tue 6 May (10 business days, as for invoices above). Deciding request B (Thu 1 May) also
    # acknowledges B; request A is only acknowledged Wed 7 May (late) and never decided.
    f, log = notified(D(2025, 4, 1))
    a = log.request("treatment", EASTER_THU)
    b = log.request("treatment", EASTER_THU)
    log.decided(b, D(2025, 5, 1))
    log.acknowledged(a, D(2025, 5, 7))
    found = run(f, log)
    decisions = {o.trigger_seq: dates(o) for o in of(found, "nsw.treatment_decision")}
    assert decisions == {
        a: (D(2025, 5, 8), D(2025, 5, 8), OPEN),
        b: (D(2025, 5, 8), D(2025, 5, 8), SATISFIED),
    }
    acks = {o.trigger_seq: dates(o) for o in of(found, "nsw.treatment_acknowledge")}
    assert acks == {a: (D(2025, 5, 6), D(2025, 5, 6), LATE), b: (D(2025, 5, 6), D(2025, 5, 6), SATISFIED)}


def test_treatment_decision_notice():
    # Decided Thu 24 Apr 2025: (Fri 25 ANZAC Day, Sat, Sun); Mon 28 = 1, Tue 29 = 2 → Tue 29 Apr.
    f, log = notified(D(2025, 4, 1))
    request = log.request("treatment", D(2025, 4, 14))
    decision = log.decided(request, D(2025, 4, 24))
    log.notice("treatment_decision", D(2025, 4, 30), ["worker", "provider"])
    o = only(run(f, log), "nsw.treatment_decision_notice")
    assert (o.trigger_seq, *dates(o)) == (decision, D(2025, 4, 29), D(2025, 4, 29), LATE)


def test_consequential_condition_over_christmas_2026():
    # Certificate naming a new condition received Thu 24 Dec 2026.
    # Contact the doctor, 5 business days: (Fri 25, Sat 26, Sun 27, Mon 28); Tue 29 = 1,
    # Wed 30 = 2, Thu 31 = 3, (Fri 1 Jan 2027, Sat, Sun), Mon 4 = 4, Tue 5 = 5 → Tue 5 Jan 2027.
    # Decide liability, 21 calendar days: Thu 14 Jan 2027.
    f, log = notified(D(2026, 11, 2))
    request = log.request("consequential_condition", D(2026, 12, 24))
    log.activity("provider", D(2027, 1, 5), channel="email")
    log.decided(request, D(2027, 1, 15), decision="declined")
    found = run(f, log)
    assert dates(only(found, "nsw.consequential_condition_contact")) == (
        D(2027, 1, 5),
        D(2027, 1, 5),
        SATISFIED,
    )
    assert dates(only(found, "nsw.consequential_condition_liability")) == (
        D(2027, 1, 14),
        D(2027, 1, 14),
        LATE,
    )


def test_personal_information_access_over_bank_holiday():
    # Requested Mon 28 Jul 2025: Tue 29 = 1, Wed 30 = 2, Thu 31 = 3, Fri 1 Aug = 4, (Mon 4 Bank
    # Holiday), Tue 5 = 5, Wed 6 = 6, Thu 7 = 7, Fri 8 = 8, Mon 11 = 9, Tue 12 = 10 → Tue 12 Aug.
    f, log = notified(D(2025, 7, 1))
    request = log.request("personal_information", D(2025, 7, 28))
    log.completed(request, D(2025, 8, 12))
    o = only(run(f, log), "nsw.personal_information_access")
    assert dates(o) == (D(2025, 8, 12), D(2025, 8, 12), SATISFIED)


# --- certificates -------------------------------------------------------------------------------


def test_certificate_current_every_28_days():
    # Weekly payments commenced. Certificate Tue 22 Apr 2025 + 28 = Tue 20 May; next one
    # Mon 19 May (on time). Mon 19 May + 28 = Mon 16 Jun; next one Wed 18 Jun (late).
    # Wed 18 Jun + 28 = Wed 16 Jul, open. A "certificate: false" status does not count.
    f, log = notified()
    log.indemnity(D(2025, 4, 16), on=D(2025, 4, 22))
    log.work_status(D(2025, 4, 22))
    log.work_status(D(2025, 5, 19))
    log.work_status(D(2025, 6, 2), certificate=False)
    log.work_status(D(2025, 6, 18), capacity="partial")
    found = of(run(f, log), "nsw.certificate_current")
    assert [dates(o) for o in found] == [
        (D(2025, 5, 20), D(2025, 5, 20), SATISFIED),
        (D(2025, 6, 16), D(2025, 6, 16), LATE),
        (D(2025, 7, 16), D(2025, 7, 16), OPEN),
    ]
    assert [o.obligor for o in found] == ["worker"] * 3


def test_certificate_current_does_not_roll():
    # Certificate Fri 28 Nov 2025 + 28 = Fri 26 Dec 2025 (Boxing Day): the rule does not move it.
    f, log = notified(D(2025, 11, 3))
    log.indemnity(D(2025, 11, 3), on=D(2025, 11, 10))
    log.work_status(D(2025, 11, 28))
    o = only(run(f, log), "nsw.certificate_current")
    assert dates(o) == (D(2025, 12, 26), D(2025, 12, 26), OPEN)
    assert any("does not move it" in line for line in o.explanation)


def test_certificate_current_only_while_weekly_payments():
    f, log = notified()
    log.work_status(D(2025, 4, 22))
    assert of(run(f, log), "nsw.certificate_current") == []


# --- notices counted backwards -------------------------------------------------------------------


def test_step_down_notice_fifteen_business_days_before():
    # Step-down on Tue 29 Apr 2025, counting back: Mon 28 = 1, (Fri 25 ANZAC Day), Thu 24 = 2,
    # Wed 23 = 3, Tue 22 = 4, (Mon 21, Sun 20, Sat 19, Fri 18 Easter), Thu 17 = 5, Wed 16 = 6,
    # Tue 15 = 7, Mon 14 = 8, Fri 11 = 9, Thu 10 = 10, Wed 9 = 11, Tue 8 = 12, Mon 7 = 13,
    # Fri 4 = 14, Thu 3 Apr = 15 → notice due by Thu 3 Apr 2025.
    f, log = notified(D(2025, 1, 6))
    log.schedule("step_down", D(2025, 4, 29), on=D(2025, 3, 17))
    log.notice("step_down", D(2025, 4, 4), ["worker", "employer"])
    o = only(run(f, log), "nsw.step_down_notice")
    assert dates(o) == (D(2025, 4, 3), D(2025, 4, 3), LATE)
    assert "15 business days before Tue 29 Apr 2025" in " ".join(o.explanation)


def test_ime_notice_two_weeks_before_rolls_back():
    # IME on Fri 9 Jan 2026 - 14 days = Fri 26 Dec 2025 (Boxing Day); back past Thu 25
    # (Christmas) → notice due by Wed 24 Dec 2025.
    f, log = notified(D(2025, 11, 3))
    log.schedule("ime", D(2026, 1, 9), on=D(2025, 12, 1))
    log.notice("ime_appointment", D(2025, 12, 24), ["worker"])
    o = only(run(f, log), "nsw.ime_notice")
    assert dates(o) == (D(2025, 12, 26), D(2025, 12, 24), SATISFIED)
    assert any("brought back to Wed 24 Dec 2025" in line for line in o.explanation)


def test_investigation_notice_and_statement():
    # Interview Tue 29 Apr 2025.
    # Notice 5 business days before: Mon 28 = 1, (Fri 25), Thu 24 = 2, Wed 23 = 3, Tue 22 = 4,
    # (Mon 21 back to Fri 18), Thu 17 = 5 → Thu 17 Apr 2025.
    # Statement 10 business days after: Wed 30 = 1, Thu 1 May = 2, Fri 2 = 3, Mon 5 = 4, Tue 6 = 5,
    # Wed 7 = 6, Thu 8 = 7, Fri 9 = 8, Mon 12 = 9, Tue 13 = 10 → Tue 13 May 2025.
    f, log = notified(D(2025, 3, 3))
    log.schedule("investigation_interview", D(2025, 4, 29), on=D(2025, 4, 1))
    log.notice("investigation_interview", D(2025, 4, 16), ["worker"])
    found = run(f, log)
    assert dates(only(found, "nsw.investigation_notice")) == (D(2025, 4, 17), D(2025, 4, 17), SATISFIED)
    assert dates(only(found, "nsw.investigation_statement")) == (D(2025, 5, 13), D(2025, 5, 13), OPEN)


def test_impairment_evidence_before_negotiation():
    # Negotiation Mon 5 Jan 2026, back 5 business days: Fri 2 Jan = 1, (Thu 1 Jan New Year's
    # Day), Wed 31 Dec = 2, Tue 30 = 3, Mon 29 = 4, (Sun 28, Sat 27, Fri 26 Boxing Day,
    # Thu 25 Christmas), Wed 24 Dec = 5 → Wed 24 Dec 2025.
    f, log = notified(D(2025, 6, 2))
    log.schedule("impairment_negotiation", D(2026, 1, 5), on=D(2025, 12, 1))
    o = only(run(f, log), "nsw.impairment_evidence")
    assert dates(o) == (D(2025, 12, 24), D(2025, 12, 24), OPEN)


def test_cessation_notice_thirteen_weeks_before_rolls_back_past_easter():
    # Cessation Mon 6 Jul 2026 - 91 days = Mon 6 Apr 2026 (Easter Monday); back past Sun 5,
    # Sat 4, Fri 3 (Good Friday) → notice due by Thu 2 Apr 2026. To the worker alone is not
    # enough; to worker and employer on Thu 2 Apr is on time.
    f, log = notified(D(2021, 7, 5))
    log.schedule("cessation", D(2026, 7, 6), on=D(2026, 3, 2))
    log.notice("cessation", D(2026, 3, 30), ["worker"])
    log.notice("cessation", D(2026, 4, 2), ["worker", "employer"])
    o = only(run(f, log), "nsw.cessation_notice")
    assert dates(o) == (D(2026, 4, 6), D(2026, 4, 2), SATISFIED)


# --- work capacity decisions, handover --------------------------------------------------------


def test_work_capacity_decision_130_weeks_then_every_two_years():
    # First day of weekly payments Mon 1 Jul 2024 + 130 weeks (910 days: 180 to Sat 28 Dec 2024,
    # then 730 for 2025 and 2026) = Mon 28 Dec 2026 (Boxing Day observed) → Tue 29 Dec 2026.
    # Decided Mon 14 Dec 2026 → next due two years on, Thu 14 Dec 2028.
    f, log = notified(D(2024, 6, 24))
    log.indemnity(D(2024, 7, 1), on=D(2024, 7, 4))
    log.milestone("work_capacity_decision", D(2026, 12, 14))
    found = of(run(f, log), "nsw.work_capacity_decision")
    assert [dates(o) for o in found] == [
        (D(2026, 12, 28), D(2026, 12, 29), SATISFIED),
        (D(2028, 12, 14), D(2028, 12, 14), OPEN),
    ]
    assert "2 years" in found[1].explanation[0]


def test_handover_contact_does_not_roll():
    # Handed over Fri 19 Dec 2025 + 7 = Fri 26 Dec 2025 (Boxing Day); the rule does not move it.
    # The first assignment (from nobody) is not a handover.
    f, log = notified(D(2025, 12, 1))
    first = dict(from_adjuster_id=None, from_adjuster_name="", to_adjuster_id=7, to_adjuster_name="A")
    log.add("claim.assigned", D(2025, 12, 1), first)
    handover = dict(from_adjuster_id=7, from_adjuster_name="A", to_adjuster_id=9, to_adjuster_name="B")
    log.add("claim.assigned", D(2025, 12, 19), handover)
    log.activity("worker", D(2025, 12, 29), channel="phone", direction="inbound")  # inbound: not it
    o = only(run(f, log), "nsw.handover_contact")
    assert dates(o) == (D(2025, 12, 26), D(2025, 12, 26), OPEN)


# --- death claims -------------------------------------------------------------------------------


def test_death_claim_rules():
    # Fatal claim notified Thu 17 Apr 2025.
    # Investigate and contact family, 5 business days: Tue 22 = 1, Wed 23 = 2, Thu 24 = 3,
    # Mon 28 = 4, Tue 29 = 5 → Tue 29 Apr. Liability 21 days → Thu 8 May.
    # Accepted Thu 8 May: written confirmation 2 business days (Fri 9 = 1, Mon 12 = 2) → Mon 12
    # May; dependants 10 business days (Fri 9, Mon 12 … Fri 16 = 6, Mon 19 = 7, Tue 20 = 8,
    # Wed 21 = 9, Thu 22 = 10) → Thu 22 May 2025.
    f, log = notified(fatal=True)
    log.milestone("investigation_started", D(2025, 4, 22))
    log.activity("family", D(2025, 4, 29))
    log.status("accepted", D(2025, 5, 8))
    log.notice("death_liability", D(2025, 5, 13), ["family"])
    found = run(f, log)
    assert dates(only(found, "nsw.death_investigation")) == (D(2025, 4, 29), D(2025, 4, 29), SATISFIED)
    assert dates(only(found, "nsw.death_family_contact")) == (D(2025, 4, 29), D(2025, 4, 29), SATISFIED)
    assert dates(only(found, "nsw.death_liability")) == (D(2025, 5, 8), D(2025, 5, 8), SATISFIED)
    assert dates(only(found, "nsw.death_liability_notice")) == (D(2025, 5, 12), D(2025, 5, 12), LATE)
    assert dates(only(found, "nsw.death_dependants_contact")) == (D(2025, 5, 22), D(2025, 5, 22), OPEN)


def test_death_rules_only_for_fatal_claims():
    f, log = notified()
    log.status("accepted", D(2025, 5, 8))
    assert [o.rule_id for o in run(f, log) if o.rule_id.startswith("nsw.death")] == []


# --- escalation ---------------------------------------------------------------------------------


def test_escalated_obligation_stays_open_and_says_so():
    f, log = notified()
    key = f"nsw.liability_decision#{1}"
    escalation = log.escalated(key, D(2025, 4, 25), due_date=D(2025, 4, 24))
    o = only(run(f, log), "nsw.liability_decision")
    assert (o.key, o.status, o.escalated_seq) == (key, OPEN, escalation)
    assert any(f"event #{escalation}" in line for line in o.explanation)


def test_days_late_counted_in_sydney_days():
    # Due Thu 24 Apr 2025 (23:59:59 AEST). At 22:30 UTC Fri 25 Apr it is 08:30 Sat 26 Apr in
    # Sydney: two days late, not one.
    f, log = notified()
    o = only(run(f, log), "nsw.liability_decision")
    assert o.days_late(dt.datetime(2025, 4, 25, 22, 30, tzinfo=dt.UTC)) == 2
    assert o.days_late(dt.datetime(2025, 4, 24, 13, 0, tzinfo=dt.UTC)) is None  # 23:00 Thu, in time
    log.status("accepted", D(2025, 4, 28), at=dt.time(8, 0))  # 22:00 UTC Sun 27 Apr
    assert only(run(f, log), "nsw.liability_decision").days_late(dt.datetime(2025, 6, 1, tzinfo=dt.UTC)) == 4
