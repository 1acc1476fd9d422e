"""``opencomp payments run``: the command line of the payment run, and ranges run at once."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from opencomp.claims.models import Claim, ClaimEvent
from opencomp.payments.models import IndemnityCover, LedgerEntry, PaymentSchedule
from opencomp.payments.run import payment_run
from opencomp.payments.tests.fixtures import D, M, give_authority, unbalanced_entries
from opencomp.payments.tests.test_schedules import _accepted_co, _start


@pytest.fixture
def staff(book):
    give_authority(book.users["adjuster"], payment="5000.00", reserve="100000.00")
    return book.users


def test_the_command_prints_what_it_paid_as_json(book, staff, capsys):
    claim = _accepted_co(book, staff)
    _start(claim, staff["adjuster"])

    call_command("payments", "run", "--through", "2026-07-13", "--quiet")

    out = json.loads(capsys.readouterr().out)
    assert (out["payments"], out["amount"], out["commenced"], out["held"]) == (3, "6000.00", 1, 0)
    assert out["through"] == "2026-07-13"
    assert out["dry_run"] is False
    assert LedgerEntry.objects.filter(claim=claim, kind="payment").count() == 3


def test_a_dry_run_prints_the_same_and_writes_nothing(book, staff, capsys):
    claim = _accepted_co(book, staff)
    _start(claim, staff["adjuster"])

    call_command("payments", "run", "--through", "2026-07-13", "--dry-run")

    captured = capsys.readouterr()
    assert json.loads(captured.out)["payments"] == 3
    assert "1/1 schedules due, 3 payments ($6,000.00), 0 held" in captured.err
    assert not LedgerEntry.objects.filter(claim=claim, kind="payment").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--through", "13/07/2026"], r"--through: '13/07/2026' is not a date \(YYYY-MM-DD\)"),
        (["--through", "2026-07-13", "--jurisdiction", "XX"], "--jurisdiction: unknown 'XX'"),
        (["--through", "2026-07-13", "--chunk-size", "0"], "--chunk-size: must be at least 1"),
        (["--through", "2026-07-13", "--workers", "0"], "--workers: must be at least 1"),
    ],
)
def test_bad_options_are_named_and_nothing_is_paid(book, staff, args, message):
    claim = _accepted_co(book, staff)
    _start(claim, staff["adjuster"])

    with pytest.raises(CommandError, match=message):
        call_command("payments", "run", *args)

    assert not LedgerEntry.objects.filter(kind="payment").exists()


@pytest.mark.django_db(transaction=True)
def test_ranges_run_at_once_each_pay_their_own_claims_once(frozen_now):
    """Two workers, one schedule per range: every period paid once, every claim's log unbroken."""
    if connection.vendor != "postgresql":
        pytest.skip("ranges run at once on PostgreSQL only (SQLite has one writer)")
    from conftest import build_book

    book = build_book()
    staff = book.users
    give_authority(staff["adjuster"], payment="5000.00", reserve="100000.00")
    claims = [_accepted_co(book, staff) for _ in range(6)]
    for claim in claims:
        _start(claim, staff["adjuster"])
    payment_run(through=D(2026, 7, 13), workers=1)  # the waiting month, worked out in Python

    dry = payment_run(through=D(2026, 11, 2), chunk_size=1, workers=2, dry_run=True)
    stats = payment_run(through=D(2026, 11, 2), chunk_size=1, workers=2)

    # eight ordinary fortnights on each claim, paid by the database, the same as the dry run
    assert (stats.due_schedules, stats.payments, stats.set_based_payments) == (6, 48, 48)
    assert stats.amount == M("2000.00") * 48
    assert (dry.payments, dry.amount) == (stats.payments, stats.amount)
    keys = Counter(LedgerEntry.objects.filter(kind="payment").values_list("idempotency_key", flat=True))
    assert len(keys) == 6 * 11
    assert set(keys.values()) == {1}
    assert IndemnityCover.objects.count() == 6 * 11
    for claim in Claim.objects.filter(pk__in=[c.pk for c in claims]):
        seqs = list(ClaimEvent.objects.filter(claim=claim).order_by("seq").values_list("seq", flat=True))
        assert seqs == list(range(1, claim.last_event_seq + 1))
        assert unbalanced_entries(claim) == []
    assert set(PaymentSchedule.objects.values_list("periods_paid", "next_due")) == {(11, D(2026, 11, 16))}
    # and a second run finds nothing due
    assert payment_run(through=D(2026, 11, 2), chunk_size=1, workers=2).payments == 0


def test_ranges_split_the_due_schedules_at_least_once_per_worker():
    from opencomp.payments.run import _ranges

    assert _ranges([], 10, 2) == []
    assert _ranges([5], 10, 2) == [(5, 5)]
    assert _ranges(list(range(1, 11)), 10, 2) == [(1, 5), (6, 10)]
    assert _ranges([2, 4, 6, 8, 10, 12], 4, 1) == [(2, 8), (10, 12)]
    assert len(_ranges(list(range(1, 101)), 10, 2)) == 10


def test_the_ranges_with_most_first_payments_start_first():
    from opencomp.payments.run import _heaviest_first

    ranges = [(1, 10), (11, 20), (21, 30), (31, 40)]
    # two first payments in 31-40, one in 11-20, none elsewhere: ties keep their order
    assert _heaviest_first(ranges, [35, 12, 38]) == [(31, 40), (11, 20), (1, 10), (21, 30)]
    assert _heaviest_first(ranges, []) == ranges
