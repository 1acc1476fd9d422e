"""Claim financials on the demo book: ``seed-demo`` posts reserves, payments, voids and recoveries.

One small book for the module, drawn on the day the benefits tests use (Monday 20
January 2025), so the benefits step has paid periods for the financials step to pay.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from opencomp.accounts.models import User
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.demo import DEMO_USERS
from opencomp.demo.financials import ADJUSTER_CAP, ADJUSTER_LIMITS, OTHERS, SUPERVISOR_LIMITS
from opencomp.payments.enums import Account, Category, EntryKind, RequestStatus
from opencomp.payments.models import ApprovalRequest, Authority, IndemnityCover, LedgerEntry, LedgerLine
from opencomp.payments.selectors import approval_queue, financial_summary
from opencomp.payments.services import user_can_approve

N = 80
SEED = 424242
NOW = dt.datetime(2025, 1, 20, 15, 0, tzinfo=dt.UTC)
SUMMARY = re.compile(
    r"financials: (\d+) claims with reserves, (\d+) payments \(([\d,]+\.\d\d) paid net of (\d+) voids\), "
    r"(\d+) requests waiting for approval, (\d+) recoveries \(([\d,]+\.\d\d)\)"
)
SCHEDULES = re.compile(
    r"payment schedules: (\d+) started; the payment run paid (\d+) periods \(([\d,]+\.\d\d)\)"
)
ZERO = Decimal("0.00")
SCHEDULE_KEY = "schedule:"


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """One book of ``N`` claims for the whole module, rolled back at the end."""
    out = StringIO()
    with django_db_blocker.unblock(), time_machine.travel(NOW, tick=True), transaction.atomic():
        call_command("seed_demo", claims=N, seed=SEED, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def book(demo_output, db):
    return demo_output


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _total(lines) -> Decimal:
    return sum((Decimal(str(a)) for a in lines.values_list("amount", flat=True)), ZERO)


def test_the_summary_line_agrees_with_the_ledger(book):
    # given the book's output
    match = SUMMARY.search(book)
    assert match is not None, book
    claims, payments, paid, voids, pending, recoveries, recovered = match.groups()

    # then every figure is the ledger's
    reserved = LedgerEntry.objects.filter(kind=EntryKind.RESERVE_CHANGE).values("claim").distinct()
    assert int(claims) == reserved.count() > 0
    assert int(claims) <= ADJUSTER_CAP + OTHERS
    # (the provider invoices and the payment run after this step are counted by their own lines)
    step = LedgerEntry.objects.filter(kind=EntryKind.PAYMENT, invoice__isnull=True).exclude(
        idempotency_key__startswith=SCHEDULE_KEY
    )
    assert int(payments) == step.count() > 0
    paid_lines = LedgerLine.objects.filter(account=Account.PAID, entry__invoice__isnull=True).exclude(
        entry__idempotency_key__startswith=SCHEDULE_KEY
    )
    assert _money(paid) == _total(paid_lines) > 0
    assert int(voids) == LedgerEntry.objects.filter(kind=EntryKind.VOID).count() > 0
    assert (
        int(pending)
        == ApprovalRequest.objects.filter(status=RequestStatus.PENDING, invoice__isnull=True).count()
        > 0
    )
    assert int(recoveries) == LedgerEntry.objects.filter(kind=EntryKind.RECOVERY).count() > 0
    assert _money(recovered) == -_total(LedgerLine.objects.filter(account=Account.RECOVERED)) > 0
    # and nothing was refused
    assert "refused:" not in book


def test_the_schedules_line_agrees_with_the_ledger(book):
    from opencomp.payments.models import PaymentSchedule

    match = SCHEDULES.search(book)
    assert match is not None, book
    started, periods, amount = match.groups()
    assert int(started) == PaymentSchedule.objects.count() > 0
    run = LedgerEntry.objects.filter(kind=EntryKind.PAYMENT, idempotency_key__startswith=SCHEDULE_KEY)
    assert int(periods) == run.count()
    assert _money(amount) == _total(LedgerLine.objects.filter(account=Account.PAID, entry__in=run))


def test_every_entry_balances(book):
    sums: dict[int, Decimal] = defaultdict(lambda: ZERO)
    counts: dict[int, int] = defaultdict(int)
    for entry_id, amount in LedgerLine.objects.values_list("entry_id", "amount"):
        sums[entry_id] += Decimal(str(amount))
        counts[entry_id] += 1
    assert set(sums) == set(LedgerEntry.objects.values_list("pk", flat=True))
    assert all(total == 0 for total in sums.values())
    assert all(n >= 2 for n in counts.values())


def test_every_indemnity_payment_is_a_benefit_period_paid(book):
    # given the benefit periods paid in the book
    periods = {
        (e.claim_id, e.seq): e.payload for e in ClaimEvent.objects.filter(kind=EventKind.BENEFIT_PERIOD_PAID)
    }
    payments = LedgerEntry.objects.filter(kind=EntryKind.PAYMENT, category=Category.INDEMNITY)
    payments = payments.exclude(payee_kind="employer")  # wage reimbursements: test_demo_reimbursements
    assert payments.exists()
    paid_claims = set()
    for entry in payments.select_related("claim__worker"):
        # then each indemnity payment is one period: its key, benefit, days and amount
        if (entry.idempotency_key or "").startswith(SCHEDULE_KEY):  # the payment run's: the event names it
            period = periods[(entry.claim_id, entry.event_seq)]
            assert period["entry_id"] == entry.pk
        else:
            match = re.fullmatch(rf"demo-period-{entry.claim_id}-(\d+)", entry.idempotency_key or "")
            assert match is not None, entry.idempotency_key
            period = periods[(entry.claim_id, int(match[1]))]
        assert entry.benefit == period["benefit"]
        assert entry.period_start == dt.date.fromisoformat(period["first_day"])
        assert entry.period_end == dt.date.fromisoformat(period["return_to_work"]) - dt.timedelta(days=1)
        assert entry.lines.get(account=Account.PAID).amount == Decimal(period["amount"])
        assert entry.payee_kind == "worker"
        assert entry.payee_name == entry.claim.worker.full_name
        assert IndemnityCover.objects.filter(entry=entry).exists()
        paid_claims.add(entry.claim_id)
    # and every period of a claim with indemnity payments is paid once
    for (claim_id, seq), period in periods.items():
        if claim_id in paid_claims and Decimal(period["amount"]) > 0 and not period.get("schedule_id"):
            assert payments.filter(idempotency_key=f"demo-period-{claim_id}-{seq}").count() == 1


def test_the_demo_supervisor_has_requests_to_decide(book):
    supervisor = User.objects.get(username=DEMO_USERS["supervisor"])
    queue = approval_queue(administrator_id=supervisor.organisation_id)
    assert queue
    assert any(user_can_approve(supervisor, r) for r in queue)
    # and some were decided, a rejection always with its reason
    decided = ApprovalRequest.objects.exclude(status=RequestStatus.PENDING)
    assert decided.filter(status=RequestStatus.APPROVED, entry__isnull=False).exists()
    rejected = decided.filter(status=RequestStatus.REJECTED)
    assert rejected.exists()
    assert all(r.decision_reason for r in rejected)


def test_the_demo_adjuster_has_lost_time_claims_with_financials_and_authority(book):
    adjuster = User.objects.get(username=DEMO_USERS["adjuster"])
    supervisor = User.objects.get(username=DEMO_USERS["supervisor"])
    authority = Authority.objects.get(user=adjuster)
    assert (authority.payment_limit, authority.reserve_limit) == ADJUSTER_LIMITS
    authority = Authority.objects.get(user=supervisor)
    assert (authority.payment_limit, authority.reserve_limit) == SUPERVISOR_LIMITS
    claims = Claim.objects.filter(
        assigned_adjuster=adjuster, claim_type="lost_time", ledger_entries__isnull=False
    )
    assert claims.distinct().count() > 0
    assert LedgerEntry.objects.filter(
        claim__assigned_adjuster=adjuster, kind=EntryKind.PAYMENT, category=Category.INDEMNITY
    ).exists()


def test_no_outstanding_reserve_is_negative(book):
    claims = Claim.objects.filter(pk__in=LedgerLine.objects.values("claim_id"))
    assert claims.exists()
    for claim in claims:
        for position in financial_summary(claim=claim).positions:
            assert position.outstanding >= 0, (claim.number, position)


def test_a_voided_payment_has_exactly_one_reversal(book):
    voids = LedgerEntry.objects.filter(kind=EntryKind.VOID).select_related("reverses")
    assert voids.exists()
    assert {v.reason for v in voids} <= {"duplicate invoice", "wrong payee"}
    for void in voids:
        payment = void.reverses
        assert payment is not None
        assert payment.kind == EntryKind.PAYMENT
        assert LedgerEntry.objects.filter(reverses=payment).count() == 1
        reversed_lines = sorted((ln.account, -ln.amount) for ln in payment.lines.all())
        assert sorted((ln.account, ln.amount) for ln in void.lines.all()) == reversed_lines
        assert not IndemnityCover.objects.filter(entry=payment).exists()


def test_repayment_plans_and_recoveries(book):
    overpayments = LedgerEntry.objects.filter(kind=EntryKind.RECOVERY, recovery_kind="overpayment")
    assert overpayments.exists()
    for entry in overpayments:
        assert entry.plan is not None
        assert entry.lines.get(account=Account.RECOVERED).amount * -1 < entry.plan.owed
    assert LedgerEntry.objects.filter(kind=EntryKind.RECOVERY, recovery_kind="subrogation").exists()


def test_every_worker_paid_by_eft_has_verified_fake_bank_details_and_a_bank_file_can_be_written(book):
    # given
    from opencomp.payments.bankfile import aba_checksum_ok
    from opencomp.payments.enums import PayeeKind, PaymentMethod
    from opencomp.payments.models import BankDetails
    from opencomp.payments.payment_files import payment_file_export

    eft = LedgerEntry.objects.filter(
        kind=EntryKind.PAYMENT, method=PaymentMethod.EFT, payee_kind=PayeeKind.WORKER
    )
    workers = set(eft.values_list("claim__worker_id", flat=True))
    details = BankDetails.objects.filter(worker_id__in=workers)

    # then
    assert workers
    assert set(details.values_list("worker_id", flat=True)) == workers
    assert all(d.bsb_or_routing.startswith("9990") or aba_checksum_ok(d.bsb_or_routing) for d in details)
    assert all(d.verification_note.startswith("DEMO BOOK") for d in details)
    admin = User.objects.get(username=DEMO_USERS["admin"])
    for country in ("US", "AU"):
        if eft.filter(claim__jurisdiction__in=["NSW"] if country == "AU" else ["CO", "MN", "CT"]).exists():
            file, _ = payment_file_export(
                actor=admin, country=country, date_from=dt.date(2000, 1, 1), date_to=dt.date(2030, 12, 31)
            )
            assert file.line_count > 0
