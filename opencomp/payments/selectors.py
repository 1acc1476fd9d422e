"""Reads of a claim's money: balances are derived from the ledger lines, never stored.

Sums run in the database on PostgreSQL (exact ``numeric``); on SQLite, whose ``SUM`` of a
decimal column is floating point, the lines are added in Python ``Decimal`` instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Sum

from opencomp.claims.models import Claim
from opencomp.payments.enums import Account, Bucket, Category, EntryKind, RequestStatus
from opencomp.payments.models import ApprovalRequest, LedgerEntry, LedgerLine, RepaymentPlan

ZERO = Decimal("0.00")


def _sum(lines: object) -> Decimal:
    qs = lines  # a LedgerLine queryset
    if connection.vendor == "postgresql":
        total = qs.aggregate(total=Sum("amount"))["total"]  # type: ignore[attr-defined]
        return ZERO if total is None else Decimal(total).quantize(ZERO)
    return sum((Decimal(str(a)) for a in qs.values_list("amount", flat=True)), ZERO)  # type: ignore[attr-defined]


def balance(*, claim: Claim, account: str, category: str, bucket: str | None = None) -> Decimal:
    """The balance of one account of the claim for a category (and bucket)."""
    lines = LedgerLine.objects.filter(claim=claim, account=account, category=category)
    if bucket is not None:
        lines = lines.filter(bucket=bucket)
    return _sum(lines)


@dataclass(frozen=True)
class Position:
    """Reserve, paid, outstanding, recovered and incurred for one category and bucket."""

    category: str
    bucket: str
    reserve: Decimal
    paid: Decimal
    recovered: Decimal

    @property
    def outstanding(self) -> Decimal:
        return self.reserve - self.paid

    @property
    def incurred(self) -> Decimal:
        return self.paid + max(self.outstanding, ZERO)

    @property
    def net_incurred(self) -> Decimal:
        return self.incurred - self.recovered


@dataclass(frozen=True)
class FinancialSummary:
    claim_number: str
    positions: tuple[Position, ...]

    def total(self, attr: str) -> Decimal:
        return sum((getattr(p, attr) for p in self.positions), ZERO)

    def position(self, category: str, bucket: str = Bucket.GENERAL) -> Position:
        for p in self.positions:
            if (p.category, p.bucket) == (category, bucket):
                return p
        return Position(category, bucket, ZERO, ZERO, ZERO)


def financial_summary(*, claim: Claim) -> FinancialSummary:
    """Every category/bucket that has a line, in category order, with its derived figures."""
    sums: dict[tuple[str, str, str], Decimal] = defaultdict(lambda: ZERO)
    for category, bucket, account, amount in LedgerLine.objects.filter(claim=claim).values_list(
        "category", "bucket", "account", "amount"
    ):
        sums[(category, bucket, account)] += Decimal(str(amount))
    keys = sorted(
        {(c, b) for c, b, _ in sums},
        key=lambda k: (list(Category.values).index(k[0]), list(Bucket.values).index(k[1])),
    )
    positions = tuple(
        Position(
            category=c,
            bucket=b,
            reserve=sums[(c, b, Account.RESERVE)],
            paid=sums[(c, b, Account.PAID)],
            recovered=-sums[(c, b, Account.RECOVERED)],
        )
        for c, b in keys
    )
    return FinancialSummary(claim.number, positions)


def plan_still_owed(plan: RepaymentPlan) -> Decimal:
    """What is still owed on a repayment plan: owed less recoveries against it (never below nil)."""
    recovered = -_sum(LedgerLine.objects.filter(entry__plan=plan, account=Account.RECOVERED))
    return max(plan.owed - recovered, ZERO)


def payment_history(*, claim: Claim) -> list[LedgerEntry]:
    """Payments, voids and recoveries, oldest first, each with what reversed it."""
    return list(
        LedgerEntry.objects.filter(
            claim=claim, kind__in=[EntryKind.PAYMENT, EntryKind.VOID, EntryKind.RECOVERY]
        )
        .select_related("reversed_by", "reverses", "actor", "approved_by")
        .order_by("id")
    )


def approval_queue(*, administrator_id: int | None) -> list[ApprovalRequest]:
    """Requests waiting on the administrator's claims (``None``: every claim's), oldest first."""
    pending = ApprovalRequest.objects.filter(status=RequestStatus.PENDING)
    if administrator_id is not None:
        pending = pending.filter(claim__administrator_id=administrator_id)
    return list(pending.select_related("claim", "requested_by", "decided_by").order_by("requested_at", "pk"))
