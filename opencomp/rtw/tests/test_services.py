"""Offer, answer, review, extend and end modified duty: validation, events, benefits, access."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.core.errors import Conflict, PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.letters.models import Letter
from opencomp.payments.models import PaymentSchedule
from opencomp.rtw import rules
from opencomp.rtw.enums import AssignmentStatus, EndReason
from opencomp.rtw.models import AssignmentReview, ModifiedDutyAssignment
from opencomp.rtw.services import (
    modified_duty_accept,
    modified_duty_end,
    modified_duty_extend,
    modified_duty_refuse,
    modified_duty_review,
)
from opencomp.rtw.tests.conftest import D
from opencomp.workstatus.services import work_status_record


def _errors(excinfo) -> dict[str, str]:
    return {e.field: e.message for e in excinfo.value.errors}


def _nothing_written(claim, seq_before):
    assert ModifiedDutyAssignment.objects.filter(claim=claim).count() == 0
    assert Letter.objects.filter(claim=claim).count() == 0
    assert ClaimEvent.objects.filter(claim=claim, seq__gt=seq_before).count() == 0


def _last_seq(claim):
    return ClaimEvent.objects.filter(claim=claim).order_by("-seq").values_list("seq", flat=True)[0]


# --- rules -------------------------------------------------------------------------------------------


def test_the_program_limit_is_six_months_from_the_injury():
    assert rules.program_limit(D(2026, 6, 1)) == D(2026, 11, 30)
    assert rules.program_limit(D(2026, 8, 31)) == D(2027, 2, 27)  # 28 Feb 2027 is the six months' end


def test_a_demand_breaks_a_restriction_only_when_it_asks_more():
    restrictions = [
        {"kind": "lifting", "limit": "20", "unit": "lb", "side": "", "note": ""},
        {"kind": "arm_hand", "limit": "", "unit": "", "side": "left", "note": ""},
    ]
    demands = [
        {"kind": "lifting", "limit": "20", "unit": "lb", "side": "", "note": ""},
        {"kind": "lifting", "limit": "25", "unit": "lb", "side": "", "note": ""},
        {"kind": "arm_hand", "limit": "", "unit": "", "side": "right", "note": ""},
        {"kind": "arm_hand", "limit": "", "unit": "", "side": "both", "note": ""},
    ]
    assert [i for i, _ in rules.breaches(demands, restrictions)] == [1, 3]


# --- offer -------------------------------------------------------------------------------------------


def test_a_duty_breaking_a_restriction_is_refused_naming_it_and_nothing_is_written(denver, offer):
    before = _last_seq(denver)
    with pytest.raises(ValidationFailed) as excinfo:
        offer(
            demands=[
                {"kind": "sitting", "limit": "30"},
                {"kind": "lifting", "limit": "35"},
                {"kind": "climbing"},
            ]
        )
    errors = _errors(excinfo)
    assert errors["demands.1"].startswith(
        'Lifting: up to 35 lb breaks the restriction "Lifting: at most 20 lb"'
    )
    assert "Climbing" in errors["demands.2"]
    assert "demands.0" not in errors
    _nothing_written(denver, before)


def test_an_override_reason_lets_a_breaking_offer_go_and_is_recorded(denver, offer):
    assignment = offer(demands=[{"kind": "lifting", "limit": "25"}], override_reason="Lifts are team lifts.")
    event = ClaimEvent.objects.get(claim=denver, seq=assignment.offer_seq)
    assert event.kind == EventKind.MODIFIED_DUTY_OFFERED
    assert event.sensitivity == "medical"
    assert event.payload["override_reason"] == "Lifts are team lifts."
    assert event.payload["restrictions"] == "Lifting: at most 20 lb; Climbing — no ladders"


def test_an_override_reason_without_a_breach_is_refused(offer):
    with pytest.raises(ValidationFailed) as excinfo:
        offer(override_reason="Just in case")
    assert "override_reason" in _errors(excinfo)


def test_the_program_needs_the_physicians_sign_off_and_certified_mail_its_number(denver, offer):
    before = _last_seq(denver)
    with pytest.raises(ValidationFailed) as excinfo:
        offer(atp_approved_by="", atp_approved_on=None, tracking_number="", weekly_earnings="-1", position="")
    assert set(_errors(excinfo)) == {
        "atp_approved_by",
        "atp_approved_on",
        "tracking_number",
        "weekly_earnings",
        "position",
    }
    _nothing_written(denver, before)


def test_without_a_program_the_sign_off_is_not_required(book, denver, offer):
    from opencomp.accounts.models import Organisation

    Organisation.objects.filter(pk=book.employer.pk).update(policies=[])
    denver.refresh_from_db()
    assignment = offer(atp_approved_by="", atp_approved_on=None, delivery_method="mail")
    assert assignment.atp_approval_required is False
    assert Letter.objects.get(pk=assignment.letter_id).content["md_atp_approved_by"] == ""


def test_no_offer_without_restrictions_in_force(offer):
    with pytest.raises(ValidationFailed) as excinfo:
        offer(start_on=D(2026, 10, 1))
    assert _errors(excinfo)["work_status"].startswith("no work status report is in force on 1 Oct 2026")


def test_a_placement_in_another_agency_is_recorded(denver, offer):
    assignment = offer(department="Parks Office", agency="Parks and Recreation", other_placement=True)
    letter = Letter.objects.get(pk=assignment.letter_id)
    assert (letter.content["md_agency"], letter.content["md_other_placement"]) == (
        "Parks and Recreation",
        True,
    )


def test_only_those_who_work_the_claim_offer(book, offer):
    with pytest.raises(PermissionDenied):
        offer(actor=book.users["employer_coordinator"])


def test_holidays_count_as_the_engine_counts_them(book, denver):
    # Restrictions of Friday 6 November: Mon 9, Tue 10, (Wed 11 Veterans Day), Thu 12, Fri 13, Mon 16.
    with time_machine.travel(dt.datetime(2026, 11, 9, 17, 0, tzinfo=dt.UTC), tick=False):
        work_status_record(
            actor=book.users["adjuster"],
            claim=denver,
            kind="rtw_pass",
            examined_on=D(2026, 11, 6),
            valid_from=D(2026, 11, 6),
            capacity="partial",
            restrictions=[{"kind": "lifting", "limit": "15"}],
            provider_name="Dr Jo Reyes",
        )
    due = Obligation.objects.filter(claim=denver, rule_id="co.modified_duty_letter").order_by("-pk")[0]
    assert due.due_date == D(2026, 11, 16)


# --- answer ------------------------------------------------------------------------------------------


def test_a_refusal_in_colorado_ends_tpd(book, denver, offer):
    adjuster = book.users["adjuster"]
    first = modified_duty_accept(actor=adjuster, assignment=offer(), accepted_on=D(2026, 11, 2))
    modified_duty_end(actor=adjuster, assignment=first, ended_on=D(2026, 11, 2), reason="worker_left")
    second = offer(position="Dispatcher", start_on=D(2026, 11, 2))
    before = _last_seq(denver)

    refused = modified_duty_refuse(
        actor=adjuster, assignment=second, refused_on=D(2026, 11, 2), reason="Too far"
    )

    assert refused.status == AssignmentStatus.REFUSED
    answered, suspended = ClaimEvent.objects.filter(claim=denver, seq__gt=before).order_by("seq")[:2]
    assert answered.payload["response"] == "refused"
    assert "C.R.S. 8-42-106(1)" in answered.payload["benefit_effect"]
    assert (suspended.kind, suspended.payload["benefit"], suspended.payload["last_day"]) == (
        EventKind.INDEMNITY_SUSPENDED,
        "TPD",
        "2026-11-01",
    )
    tpd = PaymentSchedule.objects.get(claim=denver, benefit="TPD")
    assert (tpd.status, tpd.stop_reason) == ("stopped", "suspension")


def test_an_answered_offer_cannot_be_answered_again(book, offer):
    adjuster = book.users["adjuster"]
    assignment = modified_duty_refuse(
        actor=adjuster, assignment=offer(), refused_on=D(2026, 11, 2), reason="No"
    )
    with pytest.raises(Conflict):
        modified_duty_accept(actor=adjuster, assignment=assignment, accepted_on=D(2026, 11, 2))


def test_a_refusal_needs_its_reason_and_a_day_not_in_the_future(book, offer):
    with pytest.raises(ValidationFailed) as excinfo:
        modified_duty_refuse(
            actor=book.users["adjuster"], assignment=offer(), refused_on=D(2026, 11, 9), reason=""
        )
    assert set(_errors(excinfo)) == {"refused_on", "reason"}


def test_accepting_without_tpd_leaves_the_benefits_alone(book, denver, offer):
    modified_duty_accept(
        actor=book.users["adjuster"], assignment=offer(), accepted_on=D(2026, 11, 2), start_tpd=False
    )
    assert PaymentSchedule.objects.get(claim=denver, benefit="TTD").status == "active"
    assert not PaymentSchedule.objects.filter(claim=denver, benefit="TPD").exists()


# --- while it runs -----------------------------------------------------------------------------------


def _running(book, offer):
    return modified_duty_accept(
        actor=book.users["adjuster"], assignment=offer(start_on=D(2026, 11, 2)), accepted_on=D(2026, 11, 2)
    )


def test_a_review_after_a_visit_acknowledges_the_rtw_pass_and_satisfies_the_review_item(book, denver, offer):
    adjuster = book.users["adjuster"]
    assignment = _running(book, offer)
    assert assignment.status == AssignmentStatus.ACTIVE
    with time_machine.travel(dt.datetime(2026, 11, 12, 17, 0, tzinfo=dt.UTC), tick=False):
        rtw_pass = work_status_record(
            actor=adjuster,
            claim=denver,
            kind="rtw_pass",
            examined_on=D(2026, 11, 12),
            valid_from=D(2026, 11, 12),
            capacity="partial",
            restrictions=[{"kind": "lifting", "limit": "5"}],
            provider_name="Dr Jo Reyes",
        )
        review = modified_duty_review(
            actor=adjuster,
            assignment=assignment,
            reviewed_on=D(2026, 11, 12),
            kind="after_visit",
            work_status_report_id=rtw_pass.pk,
        )
    assert review.within_restrictions is False  # the duties lift 10 lb; the new pass allows 5
    event = ClaimEvent.objects.get(claim=denver, seq=review.seq)
    assert event.payload["milestone"] == "modified_duty_reviewed"
    assert "RTW pass of 12 Nov 2026 acknowledged" in event.payload["summary"]
    done = Obligation.objects.filter(claim=denver, rule_id="co.light_duty_review").order_by("pk")[0]
    assert done.status == "satisfied"


def test_a_visit_review_names_its_pass(book, offer):
    with pytest.raises(ValidationFailed) as excinfo:
        modified_duty_review(
            actor=book.users["adjuster"],
            assignment=_running(book, offer),
            reviewed_on=D(2026, 11, 2),
            kind="after_visit",
        )
    assert set(_errors(excinfo)) == {"work_status_report_id"}
    assert AssignmentReview.objects.count() == 0


def test_the_coordinator_extends_past_the_limit_with_a_reason(book, denver, offer):
    assignment = _running(book, offer)
    with pytest.raises(ValidationFailed) as excinfo:
        modified_duty_extend(
            actor=book.users["adjuster"], assignment=assignment, limit_on=D(2026, 11, 30), reason=""
        )
    assert set(_errors(excinfo)) == {"limit_on", "reason"}
    extended = modified_duty_extend(
        actor=book.users["adjuster"], assignment=assignment, limit_on=D(2027, 1, 31), reason="Surgery pending"
    )
    assert extended.limit_on == D(2027, 1, 31)
    event = ClaimEvent.objects.filter(claim=denver, kind=EventKind.MODIFIED_DUTY_EXTENDED).get()
    assert event.payload == {
        "assignment_id": assignment.pk,
        "previous_limit_on": "2026-11-30",
        "limit_on": "2027-01-31",
        "reason": "Surgery pending",
    }


def test_the_time_limit_ends_an_assignment_only_once_reached(book, offer):
    assignment = _running(book, offer)
    with pytest.raises(ValidationFailed) as excinfo:
        modified_duty_end(
            actor=book.users["adjuster"], assignment=assignment, ended_on=D(2026, 11, 2), reason="time_limit"
        )
    assert "ended_on" in _errors(excinfo)


def test_a_release_to_full_duty_ends_the_assignment_the_day_before(book, denver, offer):
    assignment = _running(book, offer)
    work_status_record(
        actor=book.users["adjuster"],
        claim=denver,
        kind="rtw_pass",
        examined_on=D(2026, 11, 2),
        valid_from=D(2026, 11, 3),
        capacity="full",
        provider_name="Dr Jo Reyes",
    )
    assignment.refresh_from_db()
    assert (assignment.status, assignment.ended_on, assignment.end_reason) == (
        AssignmentStatus.ENDED,
        D(2026, 11, 2),
        EndReason.FULL_DUTY,
    )
    with pytest.raises(Conflict):
        modified_duty_end(
            actor=book.users["adjuster"], assignment=assignment, ended_on=D(2026, 11, 2), reason="worker_left"
        )


def test_the_delivery_of_the_letter_goes_on_the_activity_log_once(book, denver, offer):
    from opencomp.rtw.services import modified_duty_delivery_record

    adjuster = book.users["adjuster"]
    assignment = offer()
    with pytest.raises(ValidationFailed) as excinfo:
        modified_duty_delivery_record(
            actor=adjuster, assignment=assignment, delivered_on=D(2026, 11, 3), signed_by=""
        )
    assert set(_errors(excinfo)) == {"delivered_on", "signed_by"}

    done = modified_duty_delivery_record(
        actor=adjuster, assignment=assignment, delivered_on=D(2026, 11, 2), signed_by="Maria Lopez"
    )

    assert (done.delivered_on, done.delivery_signed_by) == (D(2026, 11, 2), "Maria Lopez")
    event = ClaimEvent.objects.filter(claim=denver, kind=EventKind.ACTIVITY_LOGGED).latest("seq")
    assert event.payload["action"] == (
        "Offer of Records clerk delivered on 2 Nov 2026 (article 9407 1000 0000 0000 0000 01)."
    )
    assert event.payload["result"] == "Delivery verification signed by Maria Lopez."
    with pytest.raises(Conflict):
        modified_duty_delivery_record(
            actor=adjuster, assignment=assignment, delivered_on=D(2026, 11, 2), signed_by="Maria Lopez"
        )


def test_an_accepted_assignment_is_active_from_its_start_and_flagged_past_its_limit(book, offer):
    assignment = modified_duty_accept(
        actor=book.users["adjuster"], assignment=offer(), accepted_on=D(2026, 11, 2), start_tpd=False
    )
    assert assignment.status == AssignmentStatus.ACCEPTED
    assert assignment.status_on(D(2026, 11, 2)) == "accepted"
    assert assignment.status_on(D(2026, 11, 3)) == "active"
    assert not assignment.past_limit_on(D(2026, 11, 30))
    assert assignment.past_limit_on(D(2026, 12, 1))


def test_the_employers_supervisor_acknowledges_the_rtw_pass_only_under_the_workers_consent(
    book, denver, offer
):
    from opencomp.consent.services import consent_give

    assignment = _running(book, offer)
    supervisor = book.users["employer_supervisor"]
    with pytest.raises(PermissionDenied):
        modified_duty_review(
            actor=supervisor, assignment=assignment, reviewed_on=D(2026, 11, 2), kind="periodic"
        )
    consent_give(
        actor=book.users["adjuster"],
        claim=denver,
        given_by="worker",
        given_on=D(2026, 10, 22),
        method="signed_form",
        categories=["capacity_restrictions"],
        recipients=["employer"],
        purpose="Suitable duties",
    )
    review = modified_duty_review(
        actor=supervisor,
        assignment=assignment,
        reviewed_on=D(2026, 11, 2),
        kind="after_visit",
        work_status_report_id=assignment.work_status_report_id,
        note="Pass signed and kept in the supervisor's file.",
    )
    assert (review.reviewed_by, review.within_restrictions) == (supervisor, True)
    with pytest.raises(PermissionDenied):
        modified_duty_extend(
            actor=supervisor, assignment=assignment, limit_on=D(2027, 1, 31), reason="More time"
        )
