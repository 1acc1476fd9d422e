"""Plans and work capacity decisions: versions, events, letters, validation and who may write.

The book's clock is Monday 2 November 2026; the NSW claim (``nsw_claim``) is a significant
injury of Monday 26 October, notified Tuesday 27 October 2026.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opencomp.claims.enums import EventKind, Sensitivity
from opencomp.claims.models import ClaimEvent
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.disputes.services import dispute_raise
from opencomp.letters.models import Letter
from opencomp.letters.services import RecipientInput
from opencomp.letters.tests.helpers import stored_text, worker_and_employer
from opencomp.plans.models import Plan, PlanShare, PlanSignOff, PlanVersion, WorkCapacityDecision
from opencomp.plans.services import (
    plan_create,
    plan_revise,
    plan_share,
    plan_sign_off,
    work_capacity_notice_issue,
)
from opencomp.plans.tests.helpers import pay_weeks

D = dt.date


def _fields(exc: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {e.field: e.message for e in exc.value.errors}


def _writes(claim) -> tuple[int, ...]:
    claim.refresh_from_db()
    return (
        claim.last_event_seq,
        Plan.objects.count(),
        PlanVersion.objects.count(),
        WorkCapacityDecision.objects.count(),
        Letter.objects.count(),
    )


# --- Injury management plans ------------------------------------------------------------------


def test_issuing_the_plan_writes_version_1_and_the_milestone_the_nsw_rules_wait_for(book, nsw_claim, imp):
    due = Obligation.objects.get(claim=nsw_claim, rule_id="nsw.injury_management_plan")
    assert (due.status, due.due_date) == ("open", D(2026, 11, 16))  # 20 days from 27 Oct

    version = imp()

    assert version.number == 1
    assert version.plan.kind == "injury_management"
    assert version.actions[0] == {
        "responsible": "Maria Lopez",
        "party": "worker",
        "action": "Attend physiotherapy twice a week",
        "outcome": "Improved wrist movement",
        "due_on": "2026-11-20",
    }
    event = ClaimEvent.objects.get(claim=nsw_claim, seq=version.seq)
    assert event.kind == EventKind.MILESTONE_RECORDED
    assert event.payload["milestone"] == "injury_plan_issued"
    assert event.sensitivity == Sensitivity.MEDICAL
    due.refresh_from_db()
    assert (due.status, due.satisfied_seq) == ("satisfied", version.seq)
    review = Obligation.objects.get(
        claim=nsw_claim, rule_id="nsw.injury_management_plan_review", status="open"
    )
    assert review.due_date == D(2026, 11, 30)  # 4 weeks from 2 Nov


def test_a_revision_is_a_new_version_and_the_earlier_one_is_kept_as_it_was(book, nsw_claim, imp, frozen_now):
    first = imp()
    frozen_now.move_to(dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.UTC))  # 25 Nov, noon in Sydney

    second = plan_revise(
        actor=book.users["adjuster"],
        plan=first.plan,
        issued_on=D(2026, 11, 25),
        goal="Return to pre-injury duties, full hours, by February 2027",
        review_on=D(2026, 12, 23),
        changes="Certificate of 24 Nov extends restrictions; goal moved by a month.",
        actions=[{**ACTION, "due_on": "2026-12-10"}],
    )

    assert second.number == 2
    assert second.plan_id == first.plan_id
    first.refresh_from_db()
    assert first.goal == "Return to pre-injury duties, full hours, by January 2027"
    assert len(first.actions) == 2
    reviews = Obligation.objects.filter(claim=nsw_claim, rule_id="nsw.injury_management_plan_review")
    assert reviews.get(trigger_seq=first.seq).status == "satisfied"
    assert reviews.get(trigger_seq=second.seq, status="open").due_date == D(2026, 12, 23)


ACTION = {
    "responsible": "Maria Lopez",
    "party": "worker",
    "action": "Attend physiotherapy once a week",
    "outcome": "",
    "due_on": "2026-12-01",
}


def test_a_revision_must_say_what_changed(book, nsw_claim, imp):
    first = imp()
    before = _writes(nsw_claim)
    with pytest.raises(ValidationFailed) as exc:
        plan_revise(
            actor=book.users["adjuster"],
            plan=first.plan,
            issued_on=D(2026, 11, 2),
            goal="Same goal",
            review_on=D(2026, 11, 30),
            changes=" ",
        )
    assert "changes" in _fields(exc)
    assert _writes(nsw_claim) == before


def test_bad_plan_input_names_every_field_and_writes_nothing(book, nsw_claim, imp):
    before = _writes(nsw_claim)
    with pytest.raises(ValidationFailed) as exc:
        imp(
            issued_on=D(2026, 11, 9),
            goal="",
            review_on=None,
            goals=[""],
            actions=[
                {"responsible": "", "party": "boss", "action": "", "due_on": "soon"},
                {"responsible": "Pat", "party": "employer", "action": "Offer duties", "due_on": "2026-10-01"},
            ],
            support_team={"nobody": "X"},
            supervisor="Pat Reed",
        )
    assert set(_fields(exc)) == {
        "issued_on",
        "goal",
        "review_on",
        "goals.0",
        "actions.0.responsible",
        "actions.0.party",
        "actions.0.action",
        "actions.0.due_on",
        "support_team.nobody",
        "supervisor",
    }
    assert _fields(exc)["issued_on"] == "is in the future"
    assert _writes(nsw_claim) == before


def test_the_injury_management_plan_is_issued_once_and_only_on_nsw_claims(book, nsw_claim, imp):
    imp()
    with pytest.raises(ValidationFailed) as exc:
        imp()
    assert "revise it" in _fields(exc)["kind"]
    with pytest.raises(ValidationFailed) as exc:
        imp(claim=book.claim)  # Colorado
    assert "NSW" in _fields(exc)["kind"]


def test_only_those_who_work_the_claim_issue_plans(book, nsw_claim, imp):
    before = _writes(nsw_claim)
    for who in ("employer_coordinator", "worker", "provider", "auditor"):
        with pytest.raises(PermissionDenied):
            imp(actor=book.users[who])
    assert _writes(nsw_claim) == before


def test_sharing_sends_the_plan_as_a_pdf_and_records_the_parties(book, nsw_claim, imp):
    version = imp()
    doctor = RecipientInput("provider", "Dr Jo Reyes", "mail", address="5 Clinic Lane\nParramatta NSW 2150")

    share = plan_share(
        actor=book.users["adjuster"], plan=version.plan, recipients=[*worker_and_employer(), doctor]
    )

    assert share.version == version
    assert share.parties == ["worker", "employer", "provider"]
    assert share.letter.template_id == "nsw.injury_management_plan"
    assert share.letter.subject_seq == version.seq
    text = stored_text(share.letter)
    assert "Planning for your recovery" in text
    assert "Return to pre-injury duties, full hours, by January 2027" in text
    assert "Attend physiotherapy twice a week" in text
    assert "20 November 2026" in text
    assert "30 November 2026" in text
    notice = ClaimEvent.objects.get(claim=nsw_claim, seq=share.letter.notice_seq)
    assert notice.payload["notice"] == "injury_management_plan"
    assert notice.payload["recipients"] == ["worker", "employer", "provider"]


def test_sharing_must_reach_the_worker_and_the_employer(book, nsw_claim, imp):
    version = imp()
    before = _writes(nsw_claim)
    with pytest.raises(ValidationFailed) as exc:
        plan_share(actor=book.users["adjuster"], plan=version.plan, recipients=worker_and_employer()[:1])
    assert "employer" in _fields(exc)["recipients"]
    assert _writes(nsw_claim) == before
    assert PlanShare.objects.count() == 0


# --- Return-to-work plans --------------------------------------------------------------------


def _rtw(book, claim, **overrides):
    values = dict(
        actor=book.users["adjuster"],
        claim=claim,
        kind="return_to_work",
        issued_on=D(2026, 11, 2),
        goal="Back to full duties as a machine operator",
        review_on=D(2026, 11, 16),
        duties=["Packing light parts (under 5 kg)", "Quality checks at the bench"],
        hours=[
            {"week": 1, "hours_per_day": "4", "days_per_week": "3"},
            {"week": 2, "hours_per_day": "6", "days_per_week": "5"},
        ],
        supervisor="Pat Reed",
        starts_on=D(2026, 11, 3),
    )
    values.update(overrides)
    return plan_create(**values)


def test_a_return_to_work_plan_has_duties_hours_by_week_and_sign_offs(book):
    version = _rtw(book, book.claim)  # any jurisdiction
    assert version.hours == [
        {"week": 1, "hours_per_day": "4", "days_per_week": "3"},
        {"week": 2, "hours_per_day": "6", "days_per_week": "5"},
    ]
    assert ClaimEvent.objects.get(claim=book.claim, seq=version.seq).payload["milestone"] == "rtw_plan_issued"

    signed = plan_sign_off(
        actor=book.users["adjuster"],
        plan=version.plan,
        party="worker",
        name="Maria Lopez",
        signed_on=D(2026, 11, 2),
    )
    assert signed.version == version
    assert ClaimEvent.objects.get(claim=book.claim, seq=signed.seq).payload["milestone"] == "rtw_plan_signed"
    with pytest.raises(ValidationFailed) as exc:
        plan_sign_off(
            actor=book.users["adjuster"],
            plan=version.plan,
            party="worker",
            name="Maria",
            signed_on=D(2026, 11, 2),
        )
    assert "already signed" in _fields(exc)["party"]
    assert PlanSignOff.objects.count() == 1

    share = plan_share(actor=book.users["adjuster"], plan=version.plan, recipients=worker_and_employer())
    text = stored_text(share.letter)
    assert "Packing light parts (under 5 kg)" in text
    assert "Pat Reed" in text


def test_a_return_to_work_plan_needs_duties_supervisor_start_and_good_hours(book):
    before = _writes(book.claim)
    with pytest.raises(ValidationFailed) as exc:
        _rtw(
            book,
            book.claim,
            duties=[],
            supervisor="",
            starts_on=None,
            hours=[{"week": 1, "hours_per_day": "25", "days_per_week": 5.0}, {"week": 1}],
        )
    assert set(_fields(exc)) == {
        "supervisor",
        "starts_on",
        "hours.0.hours_per_day",
        "hours.0.days_per_week",
        "hours.1.week",
    }
    assert _writes(book.claim) == before


def test_an_injury_management_plan_is_not_signed_off(book, imp):
    version = imp()
    with pytest.raises(ValidationFailed) as exc:
        plan_sign_off(
            actor=book.users["adjuster"],
            plan=version.plan,
            party="worker",
            name="Maria",
            signed_on=D(2026, 11, 2),
        )
    assert "plan_id" in _fields(exc)


# --- Work capacity decisions -----------------------------------------------------------------


def test_a_decision_records_its_outcome_evidence_and_the_milestone(book, nsw_claim, decide):
    decision = decide()
    assert decision.types == ["a", "b", "c", "f"]
    assert decision.able_to_earn == Decimal("780.00")
    assert decision.new_weekly_amount == Decimal("645.00")
    assert decision.evidence.count() == 1
    event = ClaimEvent.objects.get(claim=nsw_claim, seq=decision.seq)
    assert event.payload["milestone"] == "work_capacity_decision"
    assert "(a), (b), (c), (f)" in event.payload["summary"]


def test_bad_decision_input_names_every_field_and_writes_nothing(book, nsw_claim, decide, upload):
    other = upload(book.claim)  # a document of another claim
    before = _writes(nsw_claim)
    with pytest.raises(ValidationFailed) as exc:
        decide(
            types=["a", "b", "c"],
            decided_on=D(2026, 10, 1),
            capacity="some",
            reasons="",
            evidence_ids=[other.pk],
            suitable_employment="",
            able_to_earn=780.0,
            new_weekly_amount="1500.00",
        )
    fields = _fields(exc)
    assert set(fields) == {
        "types",
        "decided_on",
        "capacity",
        "reasons",
        "evidence_ids",
        "suitable_employment",
        "able_to_earn",
        "new_weekly_amount",
    }
    assert fields["types"] == "a decision to reduce or stop weekly payments is a decision (f)"
    assert "not a float" in fields["able_to_earn"]
    assert _writes(nsw_claim) == before


def test_work_capacity_decisions_are_made_on_nsw_claims_only(book, decide, upload):
    with pytest.raises(ValidationFailed) as exc:
        decide(claim=book.claim, evidence_ids=[upload(book.claim).pk])
    assert "NSW" in _fields(exc)["claim"]


def test_the_notice_after_12_weeks_of_payments_delays_the_reduction_three_months(
    book, nsw_claim, decide, frozen_now
):
    pay_weeks(nsw_claim, D(2026, 10, 27), 13)  # 27 Oct 2026 – 25 Jan 2027
    frozen_now.move_to(dt.datetime(2027, 1, 28, 1, 0, tzinfo=dt.UTC))  # Thu 28 Jan 2027 in Sydney
    decision = decide(decided_on=D(2027, 1, 27))

    decision = work_capacity_notice_issue(
        actor=book.users["adjuster"], decision=decision, recipients=worker_and_employer()[:1]
    )

    assert decision.notice_on == D(2027, 1, 28)
    assert decision.continuous_days == 91
    assert decision.takes_effect_on == D(2027, 4, 28)
    text = stored_text(decision.letter)
    assert "section 78" in text
    assert "(c) The amount a worker is able to earn in suitable employment." in text
    assert "28 April 2027" in text
    assert "internal review" in text
    assert "$645.00" in text
    notice = ClaimEvent.objects.get(claim=nsw_claim, seq=decision.letter.notice_seq)
    assert notice.payload["notice"] == "work_capacity_decision"


def test_the_notice_with_fewer_than_12_weeks_of_payments_takes_effect_from_its_date(book, nsw_claim, decide):
    pay_weeks(nsw_claim, D(2026, 10, 27), 1)
    decision = work_capacity_notice_issue(
        actor=book.users["adjuster"], decision=decide(), recipients=worker_and_employer()[:1]
    )
    assert decision.takes_effect_on == decision.notice_on
    assert decision.continuous_days == 7


def test_a_decision_that_does_not_reduce_has_no_effective_date(book, nsw_claim, decide):
    decision = decide(types=["a"], effect="no_change", current_weekly_amount="", new_weekly_amount="")
    decision = work_capacity_notice_issue(
        actor=book.users["adjuster"], decision=decision, recipients=worker_and_employer()[:1]
    )
    assert decision.takes_effect_on is None
    assert "When the change takes effect" not in stored_text(decision.letter)


def test_only_the_latest_decision_gets_its_notice_and_only_once(book, nsw_claim, decide):
    first = decide()
    with pytest.raises(ValidationFailed) as exc:
        work_capacity_notice_issue(
            actor=book.users["adjuster"],
            decision=decide(effect="no_change", types=["a"], new_weekly_amount=""),
            recipients=[],
        )
    assert "template_id" not in _fields(exc)  # the recipients are what is wrong
    latest = WorkCapacityDecision.objects.order_by("-seq").first()
    work_capacity_notice_issue(
        actor=book.users["adjuster"], decision=latest, recipients=worker_and_employer()[:1]
    )
    with pytest.raises(ValidationFailed) as exc:
        work_capacity_notice_issue(
            actor=book.users["adjuster"], decision=latest, recipients=worker_and_employer()[:1]
        )
    assert "already been sent" in _fields(exc)["decision_id"]
    with pytest.raises(ValidationFailed) as exc:
        work_capacity_notice_issue(
            actor=book.users["adjuster"], decision=first, recipients=worker_and_employer()[:1]
        )
    assert "later work capacity decision" in _fields(exc)["decision_id"]


def test_a_decision_can_be_disputed_for_internal_review(book, nsw_claim, decide):
    decision = decide()
    dispute = dispute_raise(
        actor=book.users["adjuster"],
        claim=nsw_claim,
        kind="work_capacity",
        raised_by="worker",
        decision_seq=decision.seq,
        raised_on=D(2026, 11, 2),
        grounds="I cannot work 6 hours a day.",
    )
    assert dispute.decision_seq == decision.seq
    assert dispute.kind == "work_capacity"


def test_an_issued_version_cannot_be_changed_or_deleted(book, imp):
    version = imp()
    version.goal = "Something else"
    with pytest.raises(TypeError):
        version.save()
    with pytest.raises(TypeError):
        version.delete()
    with pytest.raises(TypeError):
        PlanVersion.objects.filter(pk=version.pk).update(goal="Something else")
    version.refresh_from_db()
    assert version.goal == "Return to pre-injury duties, full hours, by January 2027"
