"""Hearings and conferences: forums of the claim's jurisdiction, adjournments, outcomes, and orders
that become obligations in the diary until carried out. The book's clock is Monday 2 November 2026."""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.core.errors import Conflict, PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.selectors import claim_obligations
from opencomp.disputes.enums import FORUMS, forums_for
from opencomp.disputes.hearing_services import (
    OrderInput,
    RepresentativeInput,
    hearing_adjourn,
    hearing_cancel,
    hearing_order_comply,
    hearing_outcome_record,
    hearing_schedule,
)
from opencomp.disputes.models import Hearing, HearingOrder, HearingRepresentative
from opencomp.disputes.tests.setup import HEARD_AT, NEXT_WEEK, hearing, held_with_order

D = dt.date
RULE = "diary.hearing_order"


def _fields(exc) -> list[str]:
    return [e.field for e in exc.value.errors]


def _snapshot(claim) -> tuple[int, ...]:
    return (
        ClaimEvent.objects.filter(claim=claim).count(),
        Hearing.objects.count(),
        HearingRepresentative.objects.count(),
        HearingOrder.objects.count(),
        Obligation.objects.filter(claim=claim, rule_id=RULE).count(),
    )


def test_every_forum_names_its_source_and_each_jurisdiction_has_its_own_plus_other():
    assert all(f.source.strip() for f in FORUMS)
    for code in ("CO", "MN", "CT", "NSW"):
        forums = forums_for(code)
        assert forums[-1].code == "other"
        assert all(f.jurisdiction in {code, "*"} for f in forums)
        assert len(forums) >= 2


def test_a_hearing_is_scheduled_with_each_sides_representatives(book):
    scheduled = hearing(book)

    assert (scheduled.status, scheduled.forum_name) == (
        "scheduled",
        "Hearing before an Administrative Law Judge (Division of Administrative Hearings)",
    )
    assert [(r.name, r.firm, r.side) for r in scheduled.representatives.all()] == [
        ("Lee Ortiz", "Ortiz Law", "worker"),
        ("Kim Hale", "Hale & Co", "insurer"),
    ]
    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.HEARING_SCHEDULED)
    assert event.seq == scheduled.scheduled_seq
    assert event.payload["representatives"][0] == {"name": "Lee Ortiz", "firm": "Ortiz Law", "side": "worker"}


@pytest.mark.parametrize(
    ("_case", "overrides", "fields"),
    [
        ("a NSW forum for a Colorado claim", {"forum_code": "nsw_pic_arbitration"}, ["forum"]),
        ("another forum without its name", {"forum_code": "other"}, ["forum_name"]),
        ("no time", {"starts_at": None}, ["starts_at"]),
        ("a time without its offset", {"starts_at": dt.datetime(2026, 11, 9, 9, 0)}, ["starts_at"]),
        ("no place", {"location": " "}, ["location"]),
        (
            "a representative without a name or side",
            {"representatives": [RepresentativeInput(name="", side="judge")]},
            ["representatives.0.name", "representatives.0.side"],
        ),
    ],
)
def test_a_bad_hearing_names_the_field_and_writes_nothing(book, _case, overrides, fields):
    values = dict(forum_code="co_alj_hearing", starts_at=NEXT_WEEK, location="Denver")
    values.update(overrides)
    before = _snapshot(book.claim)

    with pytest.raises(ValidationFailed) as exc:
        hearing_schedule(actor=book.users["adjuster"], claim=book.claim, **values)

    assert sorted(_fields(exc)) == fields
    assert _snapshot(book.claim) == before


def test_another_forum_is_recorded_by_its_name(book):
    scheduled = hearing_schedule(
        actor=book.users["adjuster"],
        claim=book.claim,
        forum_code="other",
        forum_name="District Court, Denver",
        starts_at=NEXT_WEEK,
        location="https://meet.example.test/abc",
    )

    assert (scheduled.forum, scheduled.forum_name) == ("other", "District Court, Denver")


def test_only_the_claims_staff_schedule_hearings(book):
    before = _snapshot(book.claim)
    for key in ("employer_coordinator", "worker", "auditor"):
        with pytest.raises(PermissionDenied):
            hearing_schedule(
                actor=book.users[key],
                claim=book.claim,
                forum_code="co_alj_hearing",
                starts_at=NEXT_WEEK,
                location="x",
            )
    assert _snapshot(book.claim) == before


def test_adjourned_to_a_later_date_then_cancelled(book):
    adjuster = book.users["adjuster"]
    scheduled = hearing(book, starts_at=NEXT_WEEK)
    before = _snapshot(book.claim)

    with pytest.raises(ValidationFailed) as exc:
        hearing_adjourn(actor=adjuster, hearing=scheduled, to_starts_at=HEARD_AT, reason="Judge ill")
    assert _fields(exc) == ["to_starts_at"]
    with pytest.raises(ValidationFailed) as exc:
        hearing_adjourn(
            actor=adjuster, hearing=scheduled, to_starts_at=NEXT_WEEK + dt.timedelta(days=7), reason=""
        )
    assert _fields(exc) == ["reason"]
    assert _snapshot(book.claim) == before

    later = NEXT_WEEK + dt.timedelta(days=14)
    adjourned = hearing_adjourn(actor=adjuster, hearing=scheduled, to_starts_at=later, reason="Judge ill")
    assert (adjourned.status, adjourned.starts_at) == ("adjourned", later)
    event = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.HEARING_ADJOURNED)
    assert event.payload["from_starts_at"].startswith("2026-11-09")

    cancelled = hearing_cancel(actor=adjuster, hearing=adjourned, reason="Dispute settled")
    assert cancelled.status == "cancelled"
    with pytest.raises(ValidationFailed):
        hearing_outcome_record(actor=adjuster, hearing=cancelled, outcome="Held after all")


def test_the_outcome_of_a_hearing_not_yet_held_is_refused(book):
    scheduled = hearing(book, starts_at=NEXT_WEEK)
    before = _snapshot(book.claim)

    with pytest.raises(ValidationFailed) as exc:
        hearing_outcome_record(actor=book.users["adjuster"], hearing=scheduled, outcome="Won")

    assert _fields(exc) == ["outcome"]
    assert _snapshot(book.claim) == before


def test_orders_due_before_the_hearing_or_without_a_date_are_refused(book):
    scheduled = hearing(book)
    before = _snapshot(book.claim)

    with pytest.raises(ValidationFailed) as exc:
        hearing_outcome_record(
            actor=book.users["adjuster"],
            hearing=scheduled,
            outcome="Ordered",
            orders=[OrderInput("Pay", D(2026, 10, 29)), OrderInput("", None)],
        )
    assert sorted(_fields(exc)) == ["orders.1.description", "orders.1.due_on"]
    with pytest.raises(ValidationFailed) as exc:
        hearing_outcome_record(
            actor=book.users["adjuster"],
            hearing=scheduled,
            outcome="Ordered",
            orders=[OrderInput("Pay", D(2026, 10, 29))],
        )
    assert _fields(exc) == ["orders.0.due_on"]
    assert _snapshot(book.claim) == before


def test_an_order_is_an_obligation_in_the_diary_until_carried_out(book):
    held = held_with_order(book, due_on=D(2026, 11, 16))
    order = held.orders.get()
    recorded = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.HEARING_ORDER_RECORDED)
    assert (held.status, order.recorded_seq) == ("held", recorded.seq)
    assert ClaimEvent.objects.get(claim=book.claim, kind=EventKind.HEARING_HELD).payload["order_count"] == 1

    # then it is in the claim's diary, due on the order's date, with the order as its title
    obligation = Obligation.objects.get(claim=book.claim, rule_id=RULE)
    assert (obligation.status, obligation.due_date, obligation.trigger_seq) == (
        "open",
        D(2026, 11, 16),
        recorded.seq,
    )
    assert obligation.title == "Pay Dr Reyes's bills"
    assert obligation in claim_obligations(book.claim)

    # when it is carried out on time
    order = hearing_order_comply(
        actor=book.users["adjuster"], order=order, complied_on=D(2026, 11, 2), note="Paid by EFT"
    )

    obligation.refresh_from_db()
    complied = ClaimEvent.objects.get(claim=book.claim, kind=EventKind.HEARING_ORDER_COMPLIED)
    assert (obligation.status, obligation.satisfied_seq) == ("satisfied", complied.seq)
    assert (order.complied_on, order.complied_seq) == (D(2026, 11, 2), complied.seq)
    before = _snapshot(book.claim)
    with pytest.raises(Conflict):
        hearing_order_comply(actor=book.users["adjuster"], order=order, complied_on=D(2026, 11, 2))
    assert _snapshot(book.claim) == before


def test_complying_with_one_order_does_not_satisfy_another(book):
    held = hearing_outcome_record(
        actor=book.users["adjuster"],
        hearing=hearing(book),
        outcome="Two orders",
        orders=[OrderInput("Pay the bills", D(2026, 11, 16)), OrderInput("Reinstate TTD", D(2026, 11, 6))],
    )
    first, second = held.orders.order_by("pk")

    hearing_order_comply(actor=book.users["adjuster"], order=first, complied_on=D(2026, 11, 2))

    states = dict(
        Obligation.objects.filter(claim=book.claim, rule_id=RULE).values_list("trigger_seq", "status")
    )
    assert states == {first.recorded_seq: "satisfied", second.recorded_seq: "open"}


def test_a_compliance_date_in_the_future_or_before_the_hearing_is_refused(book):
    order = held_with_order(book).orders.get()
    before = _snapshot(book.claim)

    for day in (D(2026, 11, 20), D(2026, 10, 29), None):
        with pytest.raises(ValidationFailed) as exc:
            hearing_order_comply(actor=book.users["adjuster"], order=order, complied_on=day)
        assert _fields(exc) == ["complied_on"]

    assert _snapshot(book.claim) == before
    assert Obligation.objects.get(claim=book.claim, rule_id=RULE).status == "open"
