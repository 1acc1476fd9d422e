"""Payment schedules and the payment run (recurring indemnity).

The book's clock is Monday 2 November 2026. The CO claim of these tests was injured on
Monday 1 June 2026 (FY 2025-26: maximum TTD $1,396.85); a monthly wage of $6,500.00
gives an AWW of $1,500.00 and TTD of $1,000.00 a week. Off work from Tuesday 2 June.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencomp.benefits.calculators.period import disability_period
from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
from opencomp.benefits.tests.conftest import lines, open_claim
from opencomp.claims.enums import EventKind
from opencomp.claims.events import validate_payload
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_assign, claim_event_append, claim_transition
from opencomp.core.errors import Conflict, PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.payments.enums import Category, StopReason
from opencomp.payments.models import IndemnityCover, LedgerEntry, PaymentSchedule, ScheduleAdjustment
from opencomp.payments.run import payment_run
from opencomp.payments.schedule_services import payment_schedule_start, payment_schedule_stop
from opencomp.payments.services import reserve_set
from opencomp.payments.tests.fixtures import D, M, fields, give_authority, unbalanced_entries

FIRST = D(2026, 6, 2)


@pytest.fixture
def staff(book):
    users = book.users
    give_authority(users["adjuster"], payment="5000.00", reserve="100000.00")
    give_authority(users["other_adjuster"], payment="5000.00", reserve="100000.00")
    return users


def _accepted_co(book, staff, *, monthly="6500.00", reserve="60000.00"):
    claim = open_claim(book, "CO", D(2026, 6, 1))
    claim = claim_assign(actor=None, claim=claim, adjuster=staff["adjuster"])
    claim = claim_transition(actor=None, claim=claim, to_status="accepted")
    adjuster = staff["adjuster"]
    wage_statement_record(
        actor=adjuster, claim=claim, statement=WageStatementInput(method="monthly", monthly_wage=M(monthly))
    )
    benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")
    reserve_set(actor=adjuster, claim=claim, category=Category.INDEMNITY, amount=M(reserve), reason="Initial")
    claim.refresh_from_db()
    return claim


@pytest.fixture
def co(book, staff):
    return _accepted_co(book, staff)


def _start(claim, actor, **kwargs):
    options = {"benefit": "TTD", "first_day": FIRST, "method": "cheque"} | kwargs
    return payment_schedule_start(actor=actor, claim=claim, **options)


def _payments(claim):
    return list(LedgerEntry.objects.filter(claim=claim, kind="payment").order_by("period_start"))


def _paid_events(claim):
    return list(ClaimEvent.objects.filter(claim=claim, kind=EventKind.BENEFIT_PERIOD_PAID).order_by("seq"))


# --- start -------------------------------------------------------------------------------------------


def test_a_co_schedule_pays_every_two_weeks_and_works_out_the_waiting_period(book, staff, co):
    schedule = _start(co, staff["adjuster"])

    # CO pays at least every two weeks (C.R.S. 8-42-105(2)): the default interval
    assert schedule.interval_days == 14
    assert schedule.next_due == D(2026, 6, 15)
    assert schedule.payee_name == "Maria Lopez"
    started = ClaimEvent.objects.get(claim=co, kind=EventKind.PAYMENT_SCHEDULE_STARTED)
    assert started.payload["weekly_rate"] == "1000.00"
    assert started.payload["first_payment_due"] == "2026-06-15"
    # the first period holds the waiting days, the second their payback (longer than two weeks)
    adjustments = {a.period_no: a for a in ScheduleAdjustment.objects.filter(schedule=schedule)}
    assert adjustments[1].amount == M("1571.43")
    assert adjustments[1].details["waiting_days"] == ["2026-06-02", "2026-06-03", "2026-06-04"]
    assert adjustments[2].amount == M("2428.57")
    assert adjustments[2].details["waiting_paid_back"] is True


def test_the_run_pays_every_due_period_once_and_a_second_run_issues_nothing(book, staff, co):
    schedule = _start(co, staff["adjuster"])

    stats = payment_run(through=D(2026, 11, 2))

    # eleven fortnights from Tue 2 Jun end by Mon 2 Nov 2026
    payments = _payments(co)
    assert stats.payments == len(payments) == 11
    assert [p.period_start for p in payments][:3] == [D(2026, 6, 2), D(2026, 6, 16), D(2026, 6, 30)]
    assert payments[-1].period_end == D(2026, 11, 2)
    assert [p.lines.get(account="paid").amount for p in payments[:3]] == [
        M("1571.43"),
        M("2428.57"),
        M("2000.00"),
    ]
    assert {p.lines.get(account="paid").amount for p in payments[2:]} == {M("2000.00")}
    # 22 full weeks at $1,000.00: the waiting days paid back exactly once
    assert stats.amount == M("22000.00")
    assert unbalanced_entries(co) == []
    assert IndemnityCover.objects.filter(claim=co).count() == 11
    assert {p.idempotency_key for p in payments} == {
        f"schedule:{schedule.pk}:{k}:{2 * k - 1}" for k in range(1, 12)
    }
    # one benefit.period_paid event per payment, each a valid payload naming its entry
    events = _paid_events(co)
    assert [e.payload["entry_id"] for e in events] == [p.pk for p in payments]
    for event in events:
        validate_payload(event.kind, event.payload)
    assert [p.event_seq for p in payments] == [e.seq for e in events]
    # the first payment records that weekly payments commenced
    commenced = ClaimEvent.objects.get(claim=co, kind=EventKind.INDEMNITY_COMMENCED)
    assert commenced.payload == {
        "benefit": "TTD",
        "first_day": "2026-06-02",
        "first_payment_on": "2026-11-02",
    }
    co.refresh_from_db()
    assert co.last_event_seq == max(ClaimEvent.objects.filter(claim=co).values_list("seq", flat=True))
    schedule.refresh_from_db()
    assert (schedule.periods_paid, schedule.paid_through, schedule.next_due) == (
        11,
        D(2026, 11, 2),
        D(2026, 11, 16),
    )

    # when the run is repeated
    again = payment_run(through=D(2026, 11, 2))

    # then nothing is issued
    assert again.payments == 0
    assert again.due_schedules == 0
    assert len(_payments(co)) == 11


def test_the_run_pays_what_the_calculator_pays_for_the_whole_disability(book, staff, co):
    _start(co, staff["adjuster"], interval_days=7)
    payment_run(through=D(2026, 9, 21))

    paid = sum((p.lines.get(account="paid").amount for p in _payments(co)), M("0"))
    whole = disability_period(
        "CO",
        weekly_rate=M("1000.00"),
        first_day=FIRST,
        return_to_work=D(2026, 9, 22),
        injury_date=D(2026, 6, 1),
    )
    assert paid == whole.amount == M("16000.00")


def test_a_period_not_yet_ended_is_not_paid(book, staff, co):
    _start(co, staff["adjuster"])
    stats = payment_run(through=D(2026, 6, 14))
    assert stats.payments == 0
    assert payment_run(through=D(2026, 6, 15)).payments == 1


def test_the_run_holds_a_schedule_when_the_reserve_is_too_low_and_pays_once_it_is_raised(book, staff):
    claim = _accepted_co(book, staff, reserve="5000.00")
    _start(claim, staff["adjuster"])

    stats = payment_run(through=D(2026, 11, 2))

    # $1,571.43 + $2,428.57 = $4,000.00 fit; the third period ($2,000.00) would overdraw the reserve
    assert stats.payments == 2
    assert len(stats.held) == 1
    assert stats.held[0].reason.startswith("reserve too low: $2,000.00 is due")
    assert stats.held[0].period_no == 3
    schedule = PaymentSchedule.objects.get(claim=claim)
    assert schedule.held_reason == stats.held[0].reason  # the claim's financials page shows it
    assert schedule.held_on == D(2026, 11, 2)

    reserve_set(
        actor=staff["adjuster"], claim=claim, category=Category.INDEMNITY, amount=M("30000.00"), reason="More"
    )
    assert payment_run(through=D(2026, 11, 2)).payments == 9
    schedule.refresh_from_db()
    assert (schedule.held_reason, schedule.held_on) == ("", None)


def test_a_day_already_paid_by_hand_holds_the_schedule(book, staff, co):
    from opencomp.payments.services import payment_issue
    from opencomp.payments.tests.fixtures import indemnity

    _start(co, staff["adjuster"])
    payment_issue(
        actor=staff["adjuster"], claim=co, payment=indemnity("1000.00", D(2026, 7, 1), D(2026, 7, 7))
    )

    stats = payment_run(through=D(2026, 11, 2))

    assert stats.payments == 2  # the periods to 29 Jun
    assert stats.held[0].reason.startswith("days already paid: Wed 1 Jul 2026 to Tue 7 Jul 2026")


# --- stops -------------------------------------------------------------------------------------------


def test_a_return_to_work_stops_the_schedule_and_the_short_last_period_is_worked_out(book, staff, co):
    schedule = _start(co, staff["adjuster"])
    payment_run(through=D(2026, 7, 13))  # periods 1-3 (to Mon 13 Jul)

    # when a full-capacity work status from Thu 23 Jul is recorded
    claim_event_append(
        actor=staff["adjuster"],
        claim=co,
        kind=EventKind.WORK_STATUS_RECORDED,
        payload={"capacity": "full", "from_date": "2026-07-23"},
    )

    # then the schedule stops on Wed 22 Jul and its last period (14-22 Jul, 9 days) is worked out
    schedule.refresh_from_db()
    assert (schedule.status, schedule.stop_reason, schedule.last_day) == (
        "stopped",
        "return_to_work",
        D(2026, 7, 22),
    )
    stopped = ClaimEvent.objects.get(claim=co, kind=EventKind.PAYMENT_SCHEDULE_STOPPED)
    assert stopped.payload["reason"] == "return_to_work"
    last = ScheduleAdjustment.objects.get(schedule=schedule, period_no=4)
    assert (last.last_day, last.amount) == (D(2026, 7, 22), M("1285.71"))

    # and the run pays the short period and nothing after it
    stats = payment_run(through=D(2026, 11, 2))
    assert stats.payments == 1
    assert _payments(co)[-1].period_end == D(2026, 7, 22)
    schedule.refresh_from_db()
    assert schedule.next_due is None
    whole = disability_period(
        "CO",
        weekly_rate=M("1000.00"),
        first_day=FIRST,
        return_to_work=D(2026, 7, 23),
        injury_date=D(2026, 6, 1),
    )
    assert sum((p.lines.get(account="paid").amount for p in _payments(co)), M("0")) == whole.amount


def test_mmi_and_suspension_events_stop_schedules(book, staff, co):
    schedule = _start(co, staff["adjuster"])
    claim_event_append(
        actor=staff["adjuster"],
        claim=co,
        kind=EventKind.MMI_RECORDED,
        payload={"mmi_date": "2026-08-10", "provider_name": "Dr Jo Reyes"},
    )
    schedule.refresh_from_db()
    assert (schedule.status, schedule.stop_reason, schedule.last_day) == ("stopped", "mmi", D(2026, 8, 10))

    other = _accepted_co(book, staff)
    second = _start(other, staff["adjuster"], interval_days=7)
    claim_event_append(
        actor=staff["adjuster"],
        claim=other,
        kind=EventKind.INDEMNITY_SUSPENDED,
        payload={"last_day": "2026-06-22", "reason": "Did not attend the IME"},
    )
    second.refresh_from_db()
    assert (second.status, second.stop_reason, second.last_day) == ("stopped", "suspension", D(2026, 6, 22))
    payment_run(through=D(2026, 11, 2))
    assert _payments(other)[-1].period_end == D(2026, 6, 22)


def test_closing_the_claim_stops_paying_after_what_is_paid(book, staff, co):
    schedule = _start(co, staff["adjuster"])
    payment_run(through=D(2026, 6, 29))
    claim_transition(actor=None, claim=co, to_status="closed", reason="Back at work, file closed")
    schedule.refresh_from_db()
    assert (schedule.status, schedule.last_day, schedule.next_due) == ("stopped", D(2026, 6, 29), None)
    assert payment_run(through=D(2026, 11, 2)).payments == 0


def test_a_stop_after_payments_lists_the_overpaid_entries(book, staff, co):
    schedule = _start(co, staff["adjuster"])
    payment_run(through=D(2026, 7, 27))  # four fortnights, to Mon 27 Jul
    payment_schedule_stop(
        actor=staff["adjuster"], schedule=schedule, reason=StopReason.RETURN_TO_WORK, last_day=D(2026, 7, 20)
    )
    stopped = ClaimEvent.objects.get(claim=co, kind=EventKind.PAYMENT_SCHEDULE_STOPPED)
    overpaid = stopped.payload["overpaid_entries"]
    assert [o["period_start"] for o in overpaid] == ["2026-07-14"]
    schedule.refresh_from_db()
    assert schedule.next_due is None


def test_stopping_a_stopped_schedule_is_a_conflict(book, staff, co):
    schedule = _start(co, staff["adjuster"])
    payment_schedule_stop(actor=staff["adjuster"], schedule=schedule, reason="mmi", last_day=D(2026, 7, 1))
    with pytest.raises(Conflict):
        payment_schedule_stop(
            actor=staff["adjuster"], schedule=schedule, reason="mmi", last_day=D(2026, 7, 1)
        )


def test_a_stop_names_its_bad_fields(book, staff, co):
    schedule = _start(co, staff["adjuster"])
    with pytest.raises(ValidationFailed) as exc:
        payment_schedule_stop(
            actor=staff["adjuster"], schedule=schedule, reason="bored", last_day=D(2026, 1, 1)
        )
    assert fields(exc) == ["reason", "last_day"]
    with pytest.raises(ValidationFailed) as exc:
        payment_schedule_stop(
            actor=staff["adjuster"], schedule=schedule, reason="other", last_day=D(2026, 7, 1)
        )
    assert fields(exc) == ["note"]


# --- refusals ----------------------------------------------------------------------------------------


def test_a_schedule_needs_an_accepted_claim_and_a_decided_rate(book, staff):
    claim = open_claim(book, "CO", D(2026, 6, 1))
    before = ClaimEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        _start(claim, staff["admin"])
    assert fields(exc) == ["claim"]
    claim = claim_transition(actor=None, claim=claim, to_status="accepted")
    with pytest.raises(ValidationFailed) as exc:
        _start(claim, staff["admin"])
    assert "decide the rate first" in str(exc.value)
    assert ClaimEvent.objects.count() == before + 1  # the status change only
    assert PaymentSchedule.objects.count() == 0


def test_bad_start_fields_are_named_and_nothing_is_written(book, staff, co):
    with pytest.raises(ValidationFailed) as exc:
        _start(co, staff["adjuster"], benefit="PPD", first_day=D(2026, 5, 1), interval_days=21, method="cash")
    assert fields(exc) == ["benefit", "first_day", "interval_days", "method"]
    with pytest.raises(ValidationFailed) as exc:
        _start(co, staff["adjuster"], method="eft")
    assert fields(exc) == ["method"]
    assert "no verified bank details" in exc.value.errors[0].message
    assert PaymentSchedule.objects.count() == 0


def test_one_paying_schedule_per_benefit(book, staff, co):
    _start(co, staff["adjuster"])
    with pytest.raises(Conflict):
        _start(co, staff["adjuster"], first_day=D(2026, 9, 1))


def test_a_schedule_starts_after_the_last_day_paid(book, staff, co):
    schedule = _start(co, staff["adjuster"])
    payment_run(through=D(2026, 6, 29))
    payment_schedule_stop(
        actor=staff["adjuster"], schedule=schedule, reason="suspension", last_day=D(2026, 6, 29)
    )
    with pytest.raises(Conflict) as exc:
        _start(co, staff["adjuster"], first_day=D(2026, 6, 20))
    assert fields(exc) == ["first_day"]
    restarted = _start(co, staff["adjuster"], first_day=D(2026, 6, 30))
    # the disability continues: its waiting days were paid back in the old schedule
    assert restarted.waiting_settled is True
    assert not ScheduleAdjustment.objects.filter(schedule=restarted).exists()


def test_one_period_above_the_actors_authority_is_refused(book, staff, co):
    give_authority(staff["adjuster"], payment="1999.99", reserve="100000.00")
    with pytest.raises(PermissionDenied):
        _start(co, staff["adjuster"])


def test_another_administrators_adjuster_cannot_start_one(book, staff, co):
    with pytest.raises(PermissionDenied):
        _start(co, staff["other_adjuster"])


def test_ct_schedules_are_refused_for_want_of_a_sourced_waiting_period(book, staff):
    claim = open_claim(book, "CT", D(2026, 6, 1))
    claim = claim_transition(actor=None, claim=claim, to_status="accepted")
    with pytest.raises(ValidationFailed) as exc:
        _start(claim, staff["admin"])
    assert "Connecticut's waiting period" in exc.value.errors[0].message


# --- Minnesota ---------------------------------------------------------------------------------------


def _accepted_mn(book, staff):
    """MN, injured Sun 1 Dec 2024: 26 weeks of $1,500.00 → AWW $1,500.00, TTD $1,000.00."""
    claim = open_claim(book, "MN", D(2024, 12, 1))
    claim = claim_transition(actor=None, claim=claim, to_status="accepted")
    admin = staff["admin"]
    statement = WageStatementInput(method="26_weeks", lines=lines(D(2024, 6, 2), 26, "1500.00", days=7))
    wage_statement_record(actor=admin, claim=claim, statement=statement)
    benefit_rate_decide(actor=admin, claim=claim, benefit="TTD")
    reserve_set(
        actor=admin, claim=claim, category=Category.INDEMNITY, amount=M("900000.00"), reason="Initial"
    )
    return claim


def test_mn_needs_an_interval_and_its_first_payment_satisfies_the_first_action_rule(book, staff):
    claim = _accepted_mn(book, staff)
    admin = staff["admin"]
    rule = Obligation.objects.get(claim=claim, rule_id="mn.first_action")
    assert (rule.status, rule.due_date) == ("open", D(2024, 12, 16))

    with pytest.raises(ValidationFailed) as exc:
        _start(claim, admin, first_day=D(2024, 12, 2))
    assert fields(exc) == ["interval_days"]

    schedule = _start(claim, admin, first_day=D(2024, 12, 2), interval_days=7)
    # the 130 weeks of TTD end the schedule on a known day
    assert schedule.last_day == D(2024, 12, 2) + dt.timedelta(days=130 * 7 - 1)
    with time_machine.travel(dt.datetime(2024, 12, 16, 18, 0, tzinfo=dt.UTC), tick=False):
        stats = payment_run(through=D(2024, 12, 15))
    assert stats.payments == 2
    # the waiting days (2-4 Dec) are paid back once the disability reaches its 10th day
    amounts = [p.lines.get(account="paid").amount for p in _payments(claim)]
    assert sum(amounts, M("0")) == M("2000.00")
    rule = Obligation.objects.get(claim=claim, rule_id="mn.first_action")  # rebuilt from the log
    commenced = ClaimEvent.objects.get(claim=claim, kind=EventKind.INDEMNITY_COMMENCED)
    assert (rule.status, rule.satisfied_seq) == ("satisfied", commenced.seq)


# --- NSW ---------------------------------------------------------------------------------------------

NSW_RUN = dt.datetime(2025, 2, 10, 1, 0, tzinfo=dt.UTC)  # Mon 10 Feb 2025, 12:00 in Sydney


@pytest.fixture
def nsw(book, staff, nsw_claim):
    adjuster = staff["other_adjuster"]
    with time_machine.travel(dt.datetime(2024, 10, 28, 1, 0, tzinfo=dt.UTC), tick=False):
        claim = claim_transition(actor=None, claim=nsw_claim, to_status="provisionally_accepted")
        statement = WageStatementInput("piawe", lines=lines(D(2023, 10, 16), 26, "3000.00"))
        wage_statement_record(actor=adjuster, claim=claim, statement=statement)
        benefit_rate_decide(actor=adjuster, claim=claim, benefit="weekly", week_start=D(2024, 10, 15))
        reserve_set(
            actor=adjuster, claim=claim, category=Category.INDEMNITY, amount=M("90000.00"), reason="Initial"
        )
        schedule = payment_schedule_start(
            actor=adjuster,
            claim=claim,
            benefit="weekly",
            first_day=D(2024, 10, 15),
            interval_days=14,
            method="cheque",
        )
    claim.refresh_from_db()
    return claim, schedule


def test_nsw_pays_entitlement_weeks_and_holds_at_week_14_until_its_rate_is_decided(book, staff, nsw):
    claim, schedule = nsw
    with time_machine.travel(NSW_RUN, tick=False):
        stats = payment_run(through=D(2025, 2, 9))

    # fortnights from Tue 15 Oct 2024: six (weeks 1-12) are paid; the seventh holds weeks 13 and 14
    assert stats.payments == 6
    assert stats.amount == M("1425.00") * 12
    assert stats.held[0].reason == "no rate decided: no weekly rate is decided for entitlement week 14"

    with time_machine.travel(NSW_RUN, tick=False):
        benefit_rate_decide(
            actor=staff["other_adjuster"],
            claim=claim,
            benefit="weekly",
            entitlement_week=14,
            week_start=D(2025, 1, 14),
        )
        stats = payment_run(through=D(2025, 2, 9))
    assert stats.held == [], stats.held
    decided = ClaimEvent.objects.filter(claim=claim, kind=EventKind.BENEFIT_RATE_DECIDED).order_by("-seq")[0]
    assert decided.payload["entitlement_week"] == 14, decided.payload

    # the fortnight of weeks 13-14 is paid in two parts, at 95% and at 80% of $1,500.00
    paid = [(p.period_start, p.lines.get(account="paid").amount) for p in _payments(claim)[6:]]
    assert paid == [
        (D(2025, 1, 7), M("1425.00")),
        (D(2025, 1, 14), M("1200.00")),
        (D(2025, 1, 21), M("2400.00")),
    ]
    events = _paid_events(claim)
    assert [e.payload["weeks"] for e in events] == [2] * 6 + [1, 1, 2]
    assert "weeks 15–16" in events[-1].payload["explanation"][0]
    schedule.refresh_from_db()
    assert schedule.periods_paid == 8


def test_nsw_first_payment_satisfies_the_seven_day_rule(book, staff, nsw):
    claim, _ = nsw
    with time_machine.travel(dt.datetime(2024, 10, 29, 1, 0, tzinfo=dt.UTC), tick=False):
        payment_run(through=D(2024, 10, 28))
    rule = Obligation.objects.get(claim=claim, rule_id="nsw.weekly_payments_start")
    commenced = ClaimEvent.objects.get(claim=claim, kind=EventKind.INDEMNITY_COMMENCED)
    assert rule.satisfied_seq == commenced.seq


def test_nsw_stop_mid_week_leaves_the_part_week_to_the_adjuster(book, staff, nsw):
    claim, schedule = nsw
    with time_machine.travel(NSW_RUN, tick=False):
        payment_schedule_stop(
            actor=staff["other_adjuster"], schedule=schedule, reason="return_to_work", last_day=D(2024, 11, 1)
        )
        payment_run(through=D(2025, 2, 9))
    stopped = ClaimEvent.objects.get(claim=claim, kind=EventKind.PAYMENT_SCHEDULE_STOPPED)
    assert stopped.payload["payable_through"] == "2024-10-28"
    assert stopped.payload["part_week_days_unpaid"] == 4
    assert [(p.period_start, p.period_end) for p in _payments(claim)] == [(D(2024, 10, 15), D(2024, 10, 28))]


# --- dry run and status ------------------------------------------------------------------------------


def test_a_dry_run_writes_nothing(book, staff, co):
    _start(co, staff["adjuster"])
    events = ClaimEvent.objects.count()
    stats = payment_run(through=D(2026, 11, 2), dry_run=True)
    assert stats.payments == 11
    assert LedgerEntry.objects.filter(kind="payment").count() == 0
    assert ClaimEvent.objects.count() == events
    assert PaymentSchedule.objects.get().periods_paid == 0
