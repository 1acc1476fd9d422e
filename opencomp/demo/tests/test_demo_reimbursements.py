"""Wage reimbursement schedules on the demo book: ``seed-demo`` sends, decides and reimburses a few.

One small book for the module, drawn on the day the demo financials tests use (Monday 20
January 2025), when the NSW claims' first-period rates are decided and their weeks sourced.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.deadlines.models import Obligation
from opencomp.payments.models import LedgerEntry
from opencomp.payments.models_reimbursements import WageReimbursement

N = 80
SEED = 424242
NOW = dt.datetime(2025, 1, 20, 15, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    out = StringIO()
    with django_db_blocker.unblock(), time_machine.travel(NOW, tick=True), transaction.atomic():
        call_command("seed_demo", claims=N, seed=SEED, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def book(demo_output, db):
    return demo_output


def test_schedules_are_sent_in_every_state_and_reimbursed_through_the_ledger(book):
    schedules = list(WageReimbursement.objects.select_related("claim").order_by("pk"))

    assert schedules, book
    assert "wage reimbursements: " in book
    assert {s.claim.jurisdiction for s in schedules} == {"NSW"}
    statuses = {s.status for s in schedules}
    assert "submitted" in statuses
    assert statuses & {"approved", "partly_approved"}
    assert statuses & {"reimbursed", "awaiting_approval"}
    for s in schedules:
        submitted = ClaimEvent.objects.get(claim=s.claim, seq=s.submitted_seq)
        assert submitted.kind == EventKind.WAGE_REIMBURSEMENT_SUBMITTED
        assert Obligation.objects.filter(
            claim=s.claim, rule_id="nsw.wrs_reimbursement", trigger_seq=s.submitted_seq
        ).exists()
        if s.status == "reimbursed":
            entry = LedgerEntry.objects.get(pk=s.entry_id)
            assert (entry.payee_kind, entry.benefit) == ("employer", "weekly")
            assert entry.lines.get(account="paid").amount == s.amount_approved
