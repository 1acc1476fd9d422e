"""Employer wage reimbursement schedules (WRS): submitted, decided, reimbursed.

The NSW claim (the benefits tests' ``nsw_claim``) is Tom Nguyen's at Blue Gum Logistics,
administered by Harbour Insurance, injured Monday 14 October 2024. PIAWE is $1,500.00
(26 fortnights of $3,000.00); the weekly rate decided for entitlement week 1, from
Tuesday 15 October 2024, is 95% = $1,425.00. Entitlement week k runs from
15 Oct 2024 + 7(k − 1) days. The clock stands at Tuesday 12 November 2024 in Sydney.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connections

from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
from opencomp.benefits.tests.conftest import lines
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import claim_transition
from opencomp.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.payments.enums import Category, PayeeKind, RequestStatus
from opencomp.payments.models import ApprovalRequest, IndemnityCover, LedgerEntry
from opencomp.payments.models_reimbursements import (
    ReimbursementStatus,
    WageReimbursement,
    WageReimbursementWeek,
)
from opencomp.payments.reimbursement_selectors import reimbursement_queue
from opencomp.payments.reimbursement_services import (
    WeekLine,
    wage_reimbursement_decide,
    wage_reimbursement_reimburse,
    wage_reimbursement_submit,
)
from opencomp.payments.run import payment_run
from opencomp.payments.schedule_services import payment_schedule_start
from opencomp.payments.services import approval_decide, reserve_set
from opencomp.payments.tests.fixtures import D, M, counts, fields, give_authority, unbalanced_entries

NOW = dt.datetime(2024, 11, 12, 1, 0, tzinfo=dt.UTC)  # Tue 12 Nov 2024, 12:00 in Sydney
WEEK1 = D(2024, 10, 15)


def week(n: int, claimed: str, *, earnings: str = "0.00", hours: str = "0", label: str = "") -> WeekLine:
    start = WEEK1 + dt.timedelta(days=7 * (n - 1))
    return WeekLine(
        week_number=n,
        week_from=start,
        week_to=start + dt.timedelta(days=6),
        amount_claimed=M(claimed),
        earnings=M(earnings),
        hours_worked=M(hours),
        label=label,
    )


@pytest.fixture
def clock_nsw():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _prepare(book, nsw_claim) -> Claim:
    adjuster = book.users["other_adjuster"]
    give_authority(adjuster, payment="5000.00", reserve="200000.00")
    with time_machine.travel(dt.datetime(2024, 10, 28, 1, 0, tzinfo=dt.UTC), tick=False):
        claim = claim_transition(actor=None, claim=nsw_claim, to_status="provisionally_accepted")
        statement = WageStatementInput("piawe", lines=lines(D(2023, 10, 16), 26, "3000.00"))
        wage_statement_record(actor=adjuster, claim=claim, statement=statement)
        benefit_rate_decide(actor=adjuster, claim=claim, benefit="weekly", week_start=WEEK1)
        reserve_set(
            actor=adjuster, claim=claim, category=Category.INDEMNITY, amount=M("90000.00"), reason="Initial"
        )
    claim.refresh_from_db()
    return claim


@pytest.fixture
def wrs_claim(book, nsw_claim, clock_nsw) -> Claim:
    return _prepare(book, nsw_claim)


@pytest.fixture
def employer(book):
    return book.users["other_employer_coordinator"]


@pytest.fixture
def adjuster(book):
    return book.users["other_adjuster"]


def _submit(claim, actor, weeks, channel="api", **kwargs):
    return wage_reimbursement_submit(actor=actor, claim=claim, weeks=weeks, channel=channel, **kwargs)


def _events(claim, kind):
    return list(ClaimEvent.objects.filter(claim=claim, kind=kind).order_by("seq"))


def _wrs_counts():
    return {
        **counts(),
        "wrs": WageReimbursement.objects.count(),
        "weeks": WageReimbursementWeek.objects.count(),
    }


# --- the whole path ----------------------------------------------------------------------------------


def test_a_fortnight_is_submitted_decided_and_reimbursed_in_one_payment(book, wrs_claim, employer, adjuster):
    # given the employer's fortnight: week 1 off work, week 2 back part time earning $300.00
    wrs = _submit(
        wrs_claim,
        employer,
        [week(1, "1425.00"), week(2, "1200.00", earnings="300.00", hours="12")],
    )

    # then it is recorded with the rate in force for each week and the 10-business-day obligation
    assert (wrs.status, wrs.amount_claimed, wrs.employer_id) == (
        "submitted",
        M("2625.00"),
        book.other_employer.pk,
    )
    assert (wrs.period_from, wrs.period_to, wrs.received_on) == (WEEK1, D(2024, 10, 28), D(2024, 11, 12))
    rows = list(wrs.weeks.values_list("week_number", "weekly_rate", "hours_lost"))
    assert rows == [(1, M("1425.00"), M("40.00")), (2, M("1425.00"), M("28.00"))]
    submitted = _events(wrs_claim, EventKind.WAGE_REIMBURSEMENT_SUBMITTED)[0]
    assert wrs.submitted_seq == submitted.seq
    assert submitted.payload["amount_claimed"] == "2625.00"
    rule = Obligation.objects.get(claim=wrs_claim, rule_id="nsw.wrs_reimbursement")
    assert (rule.status, rule.due_date) == ("open", D(2024, 11, 26))

    # when the adjuster decides it: week 2 allows $1,425.00 − $300.00 = $1,125.00, not the $1,200.00 claimed
    wrs = wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)

    assert (wrs.status, wrs.amount_approved) == ("partly_approved", M("2550.00"))
    allowed = list(wrs.weeks.order_by("week_number").values_list("amount_allowed", flat=True))
    assert allowed == [M("1425.00"), M("1125.00")]
    assert "Week 2" in wrs.reasons
    assert "$1,425.00" in wrs.reasons
    assert "$300.00" in wrs.reasons
    decided = _events(wrs_claim, EventKind.WAGE_REIMBURSEMENT_DECIDED)[0]
    assert decided.payload["outcome"] == "partly_approved"
    assert decided.payload["submitted_seq"] == submitted.seq

    # when it is reimbursed
    wrs = wage_reimbursement_reimburse(actor=adjuster, reimbursement=wrs, method="eft")

    # then one indemnity payment to the employer covers both weeks
    entry = LedgerEntry.objects.get(claim=wrs_claim, kind="payment")
    assert (entry.payee_kind, entry.payee_name, entry.benefit) == (
        PayeeKind.EMPLOYER,
        "Blue Gum Logistics",
        "weekly",
    )
    assert (entry.period_start, entry.period_end) == (WEEK1, D(2024, 10, 28))
    assert entry.idempotency_key == f"wrs:{wrs.pk}"
    assert entry.lines.get(account="paid").amount == M("2550.00")
    assert IndemnityCover.objects.get(entry=entry).first_day == WEEK1
    assert (wrs.status, wrs.entry_id) == ("reimbursed", entry.pk)
    reimbursed = _events(wrs_claim, EventKind.WAGE_REIMBURSEMENT_REIMBURSED)[0]
    assert reimbursed.payload["entry_id"] == entry.pk
    assert reimbursed.payload["amount"] == "2550.00"
    assert reimbursed.payload["submitted_seq"] == submitted.seq
    rule.refresh_from_db()
    assert (rule.status, rule.satisfied_seq) == ("satisfied", reimbursed.seq)
    assert unbalanced_entries(wrs_claim) == []


def test_a_rate_decided_with_current_earnings_is_not_reduced_again(book, wrs_claim, employer, adjuster):
    # given week 3 decided with current weekly earnings of $500.00 (s 37): $1,425.00 − $500.00 = $925.00
    benefit_rate_decide(
        actor=adjuster,
        claim=wrs_claim,
        benefit="weekly",
        entitlement_week=3,
        week_start=D(2024, 10, 29),
        current_earnings=M("500.00"),
        hours_worked=M("16"),
    )
    wrs = _submit(wrs_claim, employer, [week(3, "1000.00", earnings="500.00", hours="16")])

    wrs = wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)

    assert wrs.weeks.get().weekly_rate == M("925.00")
    assert (wrs.status, wrs.amount_approved) == ("partly_approved", M("925.00"))
    assert "already net of current weekly earnings of $500.00" in wrs.reasons


def test_earnings_at_or_above_the_rate_reject_the_schedule(book, wrs_claim, employer, adjuster):
    wrs = _submit(wrs_claim, employer, [week(1, "200.00", earnings="1500.00", hours="38")])

    wrs = wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)

    assert (wrs.status, wrs.amount_approved) == ("rejected", M("0.00"))
    rule = Obligation.objects.get(claim=wrs_claim, rule_id="nsw.wrs_reimbursement")
    assert rule.status == "satisfied"  # a rejected decision answers the employer
    with pytest.raises(Conflict):
        wage_reimbursement_reimburse(actor=adjuster, reimbursement=wrs)


def test_a_whole_schedule_is_rejected_only_with_a_reason(book, wrs_claim, employer, adjuster):
    wrs = _submit(wrs_claim, employer, [week(1, "1425.00")])
    before = _wrs_counts()
    with pytest.raises(ValidationFailed) as exc:
        wage_reimbursement_decide(actor=adjuster, reimbursement=wrs, reject=True)
    assert fields(exc) == ["note"]
    assert _wrs_counts() == before

    wrs = wage_reimbursement_decide(actor=adjuster, reimbursement=wrs, reject=True, note="No WRS agreement")
    assert (wrs.status, wrs.amount_approved, wrs.reasons) == ("rejected", M("0.00"), "No WRS agreement")
    # the rejected weeks may be sent again
    again = _submit(wrs_claim, employer, [week(1, "1425.00")])
    assert again.status == "submitted"


def test_non_consecutive_weeks_are_paid_as_one_payment_per_run(book, wrs_claim, employer, adjuster):
    wrs = _submit(wrs_claim, employer, [week(1, "1425.00"), week(3, "1425.00"), week(4, "1000.00")])
    wrs = wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)
    assert wrs.status == "approved"

    wage_reimbursement_reimburse(actor=adjuster, reimbursement=wrs)

    entries = LedgerEntry.objects.filter(claim=wrs_claim, kind="payment").order_by("period_start")
    got = [
        (e.idempotency_key, e.period_start, e.period_end, e.lines.get(account="paid").amount) for e in entries
    ]
    assert got == [
        (f"wrs:{wrs.pk}:1", WEEK1, D(2024, 10, 21), M("1425.00")),
        (f"wrs:{wrs.pk}:2", D(2024, 10, 29), D(2024, 11, 11), M("2425.00")),
    ]
    assert len(_events(wrs_claim, EventKind.WAGE_REIMBURSEMENT_REIMBURSED)) == 1


# --- validation: every refusal names the line and the column and writes nothing -----------------------


REFUSALS = {
    "a week of six days": (
        lambda: [WeekLine(1, WEEK1, D(2024, 10, 20), M("1425.00"), label="row 2")],
        ["row 2, week_to"],
    ),
    "a week off the entitlement-week cycle": (
        lambda: [week(1, "1425.00"), WeekLine(2, D(2024, 10, 23), D(2024, 10, 29), M("1.00"), label="row 3")],
        ["row 3, week_from"],
    ),
    "a week numbered against its dates": (
        lambda: [WeekLine(3, WEEK1, D(2024, 10, 21), M("1425.00"))],
        ["weeks.0.week_from"],
    ),
    "a week not yet ended": (lambda: [week(5, "1425.00", label="row 2")], ["row 2, week_to"]),
    "a week twice in the file": (
        lambda: [week(1, "1425.00", label="row 2"), week(1, "1425.00", label="row 3")],
        ["row 3, week_number"],
    ),
    "a negative amount": (lambda: [week(1, "-1.00")], ["weeks.0.amount_claimed"]),
    "more than two places": (
        lambda: [week(1, "1.005", earnings="0.001")],
        [
            "weeks.0.amount_claimed",
            "weeks.0.earnings",
        ],
    ),
    "more hours than a week holds": (lambda: [week(1, "1.00", hours="169")], ["weeks.0.hours_worked"]),
    "no weeks": (list, ["weeks"]),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_bad_line_refuses_the_whole_schedule_naming_it(book, wrs_claim, employer, case):
    make, expected = REFUSALS[case]
    before = _wrs_counts()

    with pytest.raises(ValidationFailed) as exc:
        _submit(wrs_claim, employer, make())

    assert fields(exc) == expected
    assert _wrs_counts() == before


def test_a_week_without_a_decided_rate_is_refused(book, wrs_claim, employer):
    # week 14 (from 14 Jan 2025) has no decision: the week-1 decision governs weeks 1–13 only
    later = dt.datetime(2025, 1, 21, 1, 0, tzinfo=dt.UTC)
    with time_machine.travel(later, tick=False), pytest.raises(ValidationFailed) as exc:
        _submit(wrs_claim, employer, [week(13, "1425.00"), week(14, "1200.00")])
    assert fields(exc) == ["weeks.1.week_number"]
    assert "no weekly rate is decided for entitlement week 14" in exc.value.errors[0].message


def test_a_week_already_on_a_live_schedule_is_refused(book, wrs_claim, employer):
    first = _submit(wrs_claim, employer, [week(1, "1425.00")])
    before = _wrs_counts()

    with pytest.raises(ValidationFailed) as exc:
        _submit(wrs_claim, employer, [week(2, "1425.00"), week(1, "1425.00")])

    assert fields(exc) == ["weeks.1.week_number"]
    assert f"schedule #{first.pk}" in exc.value.errors[0].message
    assert _wrs_counts() == before


def test_a_claim_not_accepted_or_not_nsw_is_refused(book, nsw_claim, employer, clock_nsw):
    with pytest.raises(ValidationFailed) as exc:
        _submit(nsw_claim, employer, [week(1, "1425.00")])
    assert fields(exc) == ["claim"]
    with pytest.raises(ValidationFailed) as exc:
        _submit(book.claim, book.users["employer_coordinator"], [week(1, "1425.00")])
    assert fields(exc)[0] == "claim"
    assert "NSW claims" in exc.value.errors[0].message


def test_only_the_claims_employer_or_its_staff_submit(book, wrs_claim):
    before = _wrs_counts()
    for name in ("employer_coordinator", "adjuster", "other_worker", "provider", "nsw_compliance_officer"):
        with pytest.raises(PermissionDenied):
            _submit(wrs_claim, book.users[name], [week(1, "1425.00")])
    assert _wrs_counts() == before
    # claims staff may key a paper form
    assert (
        _submit(wrs_claim, book.users["other_adjuster"], [week(1, "1425.00")], channel="web").channel == "web"
    )


def test_only_claims_staff_decide_and_reimburse(book, wrs_claim, employer, adjuster):
    wrs = _submit(wrs_claim, employer, [week(1, "1425.00")])
    with pytest.raises(PermissionDenied):
        wage_reimbursement_decide(actor=employer, reimbursement=wrs)
    wrs = wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)
    with pytest.raises(PermissionDenied):
        wage_reimbursement_reimburse(actor=employer, reimbursement=wrs)
    with pytest.raises(Conflict):
        wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)


# --- never paid twice, with the payment schedule ----------------------------------------------------


def test_weeks_paid_by_the_payment_run_cannot_be_reimbursed(book, wrs_claim, employer, adjuster):
    payment_schedule_start(
        actor=adjuster, claim=wrs_claim, benefit="weekly", first_day=WEEK1, interval_days=14, method="cheque"
    )
    payment_run(through=D(2024, 11, 11))
    paid = LedgerEntry.objects.filter(claim=wrs_claim, kind="payment").order_by("period_start").first()
    before = _wrs_counts()

    with pytest.raises(ValidationFailed) as exc:
        _submit(wrs_claim, employer, [week(1, "1425.00", label="row 2")], channel="csv")

    assert fields(exc) == ["row 2, week_from"]
    assert f"already paid (payment #{paid.pk}" in exc.value.errors[0].message
    assert _wrs_counts() == before


def test_reimbursed_weeks_are_held_by_the_payment_run(book, wrs_claim, employer, adjuster):
    wrs = _submit(wrs_claim, employer, [week(1, "1425.00"), week(2, "1425.00")])
    wrs = wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)
    wage_reimbursement_reimburse(actor=adjuster, reimbursement=wrs)
    payment_schedule_start(
        actor=adjuster, claim=wrs_claim, benefit="weekly", first_day=WEEK1, interval_days=14, method="cheque"
    )

    stats = payment_run(through=D(2024, 11, 11))

    assert stats.payments == 0
    assert stats.held[0].reason.startswith("days already paid: ")
    assert LedgerEntry.objects.filter(claim=wrs_claim, kind="payment").count() == 1


def test_a_week_paid_between_decision_and_reimbursement_conflicts_and_nothing_is_paid(
    book, wrs_claim, employer, adjuster
):
    wrs = _submit(wrs_claim, employer, [week(1, "1425.00"), week(2, "1425.00")])
    wrs = wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)
    payment_schedule_start(
        actor=adjuster,
        claim=wrs_claim,
        benefit="weekly",
        first_day=D(2024, 10, 22),
        interval_days=7,
        method="cheque",
    )
    payment_run(through=D(2024, 10, 28))
    before = _wrs_counts()

    with pytest.raises(Conflict) as exc:
        wage_reimbursement_reimburse(actor=adjuster, reimbursement=wrs)

    assert fields(exc) == ["period_start"]
    assert _wrs_counts() == before
    wrs.refresh_from_db()
    assert wrs.status == "approved"


# --- authority and approval -------------------------------------------------------------------------


def test_above_authority_the_payment_waits_and_approval_reimburses(book, wrs_claim, employer, adjuster):
    give_authority(adjuster, payment="1000.00", reserve="200000.00")
    wrs = _submit(wrs_claim, employer, [week(1, "1425.00"), week(2, "1425.00")])
    wrs = wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)

    wrs = wage_reimbursement_reimburse(actor=adjuster, reimbursement=wrs)

    assert wrs.status == "awaiting_approval"
    request = ApprovalRequest.objects.get(claim=wrs_claim)
    assert (wrs.pending_request_id, request.amount) == (request.pk, M("2850.00"))
    assert LedgerEntry.objects.filter(claim=wrs_claim, kind="payment").count() == 0
    assert _events(wrs_claim, EventKind.WAGE_REIMBURSEMENT_REIMBURSED) == []
    assert list(reimbursement_queue(user=adjuster)) == [wrs]

    # when a supervisor (here an administrator) approves it
    approval_decide(actor=book.users["admin"], request=request, approve=True)

    wrs.refresh_from_db()
    entry = LedgerEntry.objects.get(claim=wrs_claim, kind="payment")
    assert (wrs.status, wrs.entry_id, wrs.pending_request_id) == ("reimbursed", entry.pk, None)
    assert entry.idempotency_key == f"wrs:{wrs.pk}"
    reimbursed = _events(wrs_claim, EventKind.WAGE_REIMBURSEMENT_REIMBURSED)[0]
    assert reimbursed.actor == book.users["admin"]
    assert reimbursed.payload["amount"] == "2850.00"
    rule = Obligation.objects.get(claim=wrs_claim, rule_id="nsw.wrs_reimbursement")
    assert rule.satisfied_seq == reimbursed.seq
    assert list(reimbursement_queue(user=adjuster)) == []


def test_a_rejected_payment_is_paid_again_with_a_new_key(book, wrs_claim, employer, adjuster):
    give_authority(adjuster, payment="1000.00", reserve="200000.00")
    wrs = _submit(wrs_claim, employer, [week(1, "1425.00")])
    wrs = wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)
    wrs = wage_reimbursement_reimburse(actor=adjuster, reimbursement=wrs)
    request = ApprovalRequest.objects.get(claim=wrs_claim)

    approval_decide(actor=book.users["admin"], request=request, approve=False, reason="Check the hours first")

    wrs.refresh_from_db()
    assert (wrs.status, wrs.pending_request_id, wrs.payment_attempt) == ("approved", None, 2)
    assert "Check the hours first" in wrs.reasons
    give_authority(adjuster, payment="5000.00", reserve="200000.00")
    wrs = wage_reimbursement_reimburse(actor=adjuster, reimbursement=wrs)
    entry = LedgerEntry.objects.get(claim=wrs_claim, kind="payment")
    assert (wrs.status, entry.idempotency_key) == ("reimbursed", f"wrs:{wrs.pk}:a2")
    request.refresh_from_db()
    assert request.status == RequestStatus.REJECTED


def test_more_than_the_outstanding_reserve_is_refused(book, wrs_claim, employer, adjuster):
    reserve_set(
        actor=adjuster, claim=wrs_claim, category=Category.INDEMNITY, amount=M("1000.00"), reason="Down"
    )
    wrs = _submit(wrs_claim, employer, [week(1, "1425.00")])
    wrs = wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)
    before = _wrs_counts()

    with pytest.raises(ValidationFailed) as exc:
        wage_reimbursement_reimburse(actor=adjuster, reimbursement=wrs)

    assert fields(exc) == ["amount"]
    assert _wrs_counts() == before


# --- the queue ----------------------------------------------------------------------------------------


def test_the_queue_is_scoped_to_the_users_claims_and_soonest_due_first(book, wrs_claim, employer, adjuster):
    late = _submit(wrs_claim, employer, [week(2, "1425.00")])
    early = _submit(wrs_claim, employer, [week(1, "1425.00")], received_on=D(2024, 11, 1))

    queue = list(reimbursement_queue(user=adjuster))

    assert queue == [early, late]
    assert [q.due_date for q in queue] == [D(2024, 11, 15), D(2024, 11, 26)]
    assert list(reimbursement_queue(user=employer)) == [early, late]
    for name in ("adjuster", "employer_coordinator", "other_worker", "provider"):
        assert list(reimbursement_queue(user=book.users[name])) == []


# --- concurrency ------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_reimbursements_pay_once(frozen_now):
    import threading

    from conftest import build_book
    from opencomp.benefits.tests.conftest import open_claim

    book = build_book()
    with time_machine.travel(dt.datetime(2024, 10, 28, 1, 0, tzinfo=dt.UTC), tick=False):
        nsw_claim = open_claim(book, "NSW", D(2024, 10, 14), nsw=True)
    with time_machine.travel(NOW, tick=False):
        claim = _prepare(book, nsw_claim)
        adjuster = book.users["other_adjuster"]
        wrs = _submit(
            claim, book.users["other_employer_coordinator"], [week(1, "1425.00"), week(2, "1425.00")]
        )
        wage_reimbursement_decide(actor=adjuster, reimbursement=wrs)
    barrier = threading.Barrier(2)
    results: dict[int, object] = {}

    def run(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            with time_machine.travel(NOW, tick=False):
                results[n] = wage_reimbursement_reimburse(
                    actor=adjuster, reimbursement=WageReimbursement.objects.get(pk=wrs.pk)
                )
        except ApplicationError as exc:
            results[n] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    outcomes = sorted(type(r).__name__ for r in results.values())
    assert outcomes == ["Conflict", "WageReimbursement"], results
    assert LedgerEntry.objects.filter(claim=claim, kind="payment").count() == 1
    assert len(_events(claim, EventKind.WAGE_REIMBURSEMENT_REIMBURSED)) == 1
    assert WageReimbursement.objects.get(pk=wrs.pk).status == ReimbursementStatus.REIMBURSED
