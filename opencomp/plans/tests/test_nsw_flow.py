"""The NSW flow of issue 7 item 5, end to end through the services, the rule pack and the diary.

A significant injury notified Tue 27 Oct 2026 gets its injury management plan due in 20 days
(Mon 16 Nov) on the adjuster's diary; the plan issued on Tue 10 Nov satisfies it and starts the
4-weekly review (Tue 8 Dec); the revision of Tue 8 Dec satisfies that and starts the next (Tue
5 Jan 2027). Weekly payments from 27 Oct start the 130-week work capacity decision rule; after
13 weeks of continuous payments a decision reducing them, noticed on Thu 28 Jan 2027, may not
take effect before Wed 28 Apr 2027; the worker disputes it for internal review.
"""

from __future__ import annotations

import datetime as dt

from opencomp.claims.enums import EventKind
from opencomp.claims.services import claim_event_append
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.selectors import diary_for
from opencomp.disputes.services import dispute_raise
from opencomp.letters.tests.helpers import stored_text, worker_and_employer
from opencomp.plans.services import plan_create, plan_revise, plan_share, work_capacity_notice_issue
from opencomp.plans.tests.conftest import ACTIONS
from opencomp.plans.tests.helpers import pay_weeks

D = dt.date
SYDNEY_NOON_UTC = dt.time(1, 0)  # 12:00 in Sydney (AEDT, UTC+11)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, SYDNEY_NOON_UTC, tzinfo=dt.UTC)


def test_significant_injury_plan_review_and_work_capacity_decision(book, nsw_claim, decide, frozen_now):
    adjuster = book.users["adjuster"]
    rules = Obligation.objects.filter(claim=nsw_claim)

    # A significant injury: the plan is due 20 days from notification, on the adjuster's diary.
    frozen_now.move_to(at(D(2026, 11, 10)))
    due = rules.get(rule_id="nsw.injury_management_plan")
    assert (due.status, due.due_date) == ("open", D(2026, 11, 16))
    diary = diary_for(adjuster, now=at(D(2026, 11, 10)), today=D(2026, 11, 10))
    assert due.pk in {o.pk for o in diary.next_7_days}

    # The plan issued satisfies it; the review is due 4 weeks later.
    first = plan_create(
        actor=adjuster,
        claim=nsw_claim,
        kind="injury_management",
        issued_on=D(2026, 11, 10),
        goal="Return to pre-injury duties by February 2027",
        review_on=D(2026, 12, 8),
        actions=ACTIONS,
    )
    share = plan_share(actor=adjuster, plan=first.plan, recipients=worker_and_employer())
    assert "Return to pre-injury duties by February 2027" in stored_text(share.letter)
    due.refresh_from_db()
    assert (due.status, due.satisfied_seq) == ("satisfied", first.seq)
    review = rules.get(rule_id="nsw.injury_management_plan_review", trigger_seq=first.seq)
    assert (review.status, review.due_date) == ("open", D(2026, 12, 8))

    # The review revises the plan: that review is done, the next one is 4 weeks on.
    frozen_now.move_to(at(D(2026, 12, 8)))
    second = plan_revise(
        actor=adjuster,
        plan=first.plan,
        issued_on=D(2026, 12, 8),
        goal="Return to pre-injury duties by February 2027",
        review_on=D(2027, 1, 5),
        changes="Reviewed with the worker, employer and doctor: hours increased.",
    )
    review.refresh_from_db()
    assert review.status == "satisfied"
    following = rules.get(rule_id="nsw.injury_management_plan_review", trigger_seq=second.seq)
    assert (following.status, following.due_date) == ("open", D(2027, 1, 5))
    assert rules.filter(rule_id="nsw.injury_management_plan_review", status="open").count() == 1

    # Weekly payments from 27 Oct: the work capacity decision is due at 130 weeks.
    claim_event_append(
        actor=adjuster,
        claim=nsw_claim,
        kind=EventKind.INDEMNITY_COMMENCED,
        payload={"benefit": "weekly", "first_day": "2026-10-27", "first_payment_on": "2026-11-03"},
        occurred_at=at(D(2026, 11, 3)),
    )
    wcd = rules.get(rule_id="nsw.work_capacity_decision")
    assert wcd.status == "open"
    assert wcd.raw_due == D(2026, 10, 27) + dt.timedelta(weeks=130)

    # 13 weeks of continuous payments, then a decision to reduce them and its notice.
    pay_weeks(nsw_claim, D(2026, 10, 27), 13)
    frozen_now.move_to(at(D(2027, 1, 28)))
    decision = decide(decided_on=D(2027, 1, 27))
    wcd.refresh_from_db()
    assert (wcd.status, wcd.satisfied_seq) == ("satisfied", decision.seq)

    decision = work_capacity_notice_issue(actor=adjuster, decision=decision, recipients=worker_and_employer())
    assert decision.notice_on == D(2027, 1, 28)
    assert decision.continuous_days == 91
    assert decision.takes_effect_on == D(2027, 4, 28)
    text = stored_text(decision.letter)
    assert "28 April 2027" in text
    assert "request an internal review" in text

    # The worker asks for an internal review of the decision.
    dispute = dispute_raise(
        actor=adjuster,
        claim=nsw_claim,
        kind="work_capacity",
        raised_by="worker",
        decision_seq=decision.seq,
        raised_on=D(2027, 1, 28),
        grounds="I cannot work 6 hours a day yet.",
    )
    assert dispute.status == "open"
