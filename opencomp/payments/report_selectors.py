"""Book-wide reads of the ledger: spend by category, employer, jurisdiction and period; the payment register.

**Spend** is one aggregate query over the ledger lines of the claims the user may see
(``claims.access.claim_queryset_for_user``), grouped by any of category, bucket,
employer, jurisdiction and the month, quarter or year of the entry's date:

- *paid*: the ``paid`` lines of payments; *voided*: the ``paid`` lines of voids (shown
  as a positive amount taken back); *net paid* = paid − voided. A void counts on its
  own date, so the figures of a closed period never change afterwards;
- *recovered*: money received back (subrogation, overpayments repaid, reinsurance),
  shown separately; *net* = net paid − recovered;
- with ``as_of``: the *reserve* and *paid to date* on that day (every line up to it,
  whatever the date range), *outstanding* = reserve − paid to date and *incurred* =
  paid to date + outstanding. Reserves are not split by period.

Amounts are summed in the database as whole cents (``ROUND(amount × 100)``), so the
totals are exact on PostgreSQL and on SQLite (whose ``SUM`` of a decimal column is
floating point, but whose sums of whole numbers are exact). The totals row adds the
group rows' cents.

**The payment register** lists payments and voids (each void against the payment it
reverses) with payee, method, the days covered and the live bank file holding them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Round, TruncMonth, TruncQuarter, TruncYear

from opencomp.accounts.models import User
from opencomp.claims.access import claim_queryset_for_user, require
from opencomp.core.errors import ErrorCollector
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.payments.access import user_can_view_book_financials
from opencomp.payments.enums import Account, Bucket, Category, EntryKind, PaymentMethod
from opencomp.payments.models import LedgerEntry, LedgerLine
from opencomp.payments.models_bankfiles import PaymentFileLine

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
#: What spend may be grouped by, in the order the columns show.
GROUPINGS = ("period", "jurisdiction", "employer", "category", "bucket")
PERIODS = {"month": TruncMonth, "quarter": TruncQuarter, "year": TruncYear}
NOT_ALLOWED = "Workers and providers do not see payments."


@dataclass(frozen=True)
class SpendFilters:
    """Which lines count: dates are inclusive; empty strings and None mean any."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    jurisdiction: str = ""
    employer_id: int | None = None
    category: str = ""
    #: Also the reserve, paid to date, outstanding and incurred on this day.
    as_of: dt.date | None = None


@dataclass(frozen=True)
class SpendRow:
    """One group's figures (a group's key fields are None when spend is not grouped by them)."""

    period_start: dt.date | None
    jurisdiction: str | None
    employer_id: int | None
    employer_name: str | None
    category: str | None
    bucket: str | None
    payments: int
    voids: int
    paid: Decimal
    voided: Decimal
    recovered: Decimal
    reserve: Decimal | None = None
    paid_to_date: Decimal | None = None

    @property
    def net_paid(self) -> Decimal:
        return self.paid - self.voided

    @property
    def net(self) -> Decimal:
        """Net paid less recovered."""
        return self.net_paid - self.recovered

    @property
    def outstanding(self) -> Decimal | None:
        if self.reserve is None or self.paid_to_date is None:
            return None
        return self.reserve - self.paid_to_date

    @property
    def incurred(self) -> Decimal | None:
        outstanding = self.outstanding
        return None if outstanding is None or self.paid_to_date is None else self.paid_to_date + outstanding


@dataclass(frozen=True)
class SpendReport:
    group_by: tuple[str, ...]
    period: str
    filters: SpendFilters
    rows: list[SpendRow]
    total: SpendRow


def _cents(expression: Any) -> Any:
    """An amount as whole cents (exact when summed on SQLite too)."""
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=20, decimal_places=2)
    scaled = ExpressionWrapper(expression * Value(100), output_field=money)
    return Cast(Round(scaled), BigIntegerField())


def _sum_cents(condition: Q, *, negate: bool = False) -> Sum:
    amount = -F("amount") if negate else F("amount")
    return Sum(Case(When(condition, then=_cents(amount)), default=Value(0), output_field=BigIntegerField()))


def _money(cents: Any) -> Decimal:
    return (Decimal(int(cents or 0)) / 100).quantize(CENT)


def spend_check(
    *, group_by: Sequence[str], period: str, filters: SpendFilters, errors: ErrorCollector | None = None
) -> ErrorCollector:
    """The field errors of a spend request (raised by :func:`spend_report`)."""
    errors = errors or ErrorCollector()
    unknown = [g for g in group_by if g not in GROUPINGS]
    if unknown:
        errors.add("group_by", f"unknown {', '.join(unknown)}; choose from {', '.join(GROUPINGS)}")
    if period not in PERIODS:
        errors.add("period", f"must be one of {', '.join(PERIODS)}")
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        errors.add("date_to", "must be on or after date_from")
    if filters.jurisdiction and filters.jurisdiction not in JURISDICTIONS:
        errors.add("jurisdiction", f"unknown; known: {', '.join(sorted(JURISDICTIONS))}")
    if filters.category and filters.category not in Category.values:
        errors.add("category", f"must be one of {', '.join(Category.values)}")
    if filters.as_of is not None and "period" in group_by:
        errors.add("as_of", "reserves are not split by period: group by something else, or leave as_of out")
    return errors


def _visible_lines(user: User, filters: SpendFilters) -> QuerySet[LedgerLine]:
    lines = LedgerLine.objects.filter(claim_id__in=claim_queryset_for_user(user).values("pk"))
    if filters.jurisdiction:
        lines = lines.filter(claim__jurisdiction=filters.jurisdiction)
    if filters.employer_id is not None:
        lines = lines.filter(claim__employer_id=filters.employer_id)
    if filters.category:
        lines = lines.filter(category=filters.category)
    return lines


def _in_range(filters: SpendFilters) -> Q:
    q = Q()
    if filters.date_from is not None:
        q &= Q(entry__occurred_on__gte=filters.date_from)
    if filters.date_to is not None:
        q &= Q(entry__occurred_on__lte=filters.date_to)
    return q


def _sort_key(row: SpendRow) -> tuple[Any, ...]:
    categories, buckets = list(Category.values), list(Bucket.values)
    return (
        row.period_start or dt.date.min,
        row.jurisdiction or "",
        (row.employer_name or "").lower(),
        row.employer_id or 0,
        categories.index(row.category) if row.category in categories else -1,
        buckets.index(row.bucket) if row.bucket in buckets else -1,
    )


def spend_report(
    *, user: User, group_by: Sequence[str] = ("category",), period: str = "month", filters: SpendFilters
) -> SpendReport:
    """Spend over the claims ``user`` may see, grouped, with a totals row (one aggregate query).

    Raises:
        PermissionDenied: workers and providers never see payments.
        ValidationFailed: naming the field (an unknown grouping, a reversed date range…).
    """
    require(user_can_view_book_financials(user), NOT_ALLOWED)
    spend_check(group_by=group_by, period=period, filters=filters).raise_if_any("The report was not run.")
    groups = tuple(g for g in GROUPINGS if g in group_by)
    in_range = _in_range(filters)
    paid = Q(account=Account.PAID)
    sums: dict[str, Any] = {
        "paid_c": _sum_cents(in_range & paid & Q(entry__kind=EntryKind.PAYMENT)),
        "voided_c": _sum_cents(in_range & paid & Q(entry__kind=EntryKind.VOID), negate=True),
        "recovered_c": _sum_cents(in_range & Q(account=Account.RECOVERED), negate=True),
        "payments": Count("pk", filter=in_range & paid & Q(entry__kind=EntryKind.PAYMENT)),
        "voids": Count("pk", filter=in_range & paid & Q(entry__kind=EntryKind.VOID)),
    }
    accounts = [Account.PAID, Account.RECOVERED]
    where = in_range
    if filters.as_of is not None:
        to_date = Q(entry__occurred_on__lte=filters.as_of)
        sums["reserve_c"] = _sum_cents(to_date & Q(account=Account.RESERVE))
        sums["paid_to_date_c"] = _sum_cents(to_date & paid)
        accounts.append(Account.RESERVE)
        where = in_range | to_date
    lines = _visible_lines(user, filters).filter(where, account__in=accounts)
    keys: dict[str, Any] = {
        "period": "period_start",
        "jurisdiction": "claim__jurisdiction",
        "employer": "claim__employer_id",
        "category": "category",
        "bucket": "bucket",
    }
    fields: list[str] = []
    for g in groups:
        fields.append(keys[g])
        if g == "employer":
            fields.append("claim__employer__name")
    if "period" in groups:
        lines = lines.annotate(period_start=PERIODS[period]("entry__occurred_on"))
    if fields:
        results = list(lines.values(*fields).annotate(**sums).order_by(*fields))
    else:
        results = [lines.aggregate(**sums)]

    def row(r: dict[str, Any]) -> SpendRow:
        as_of = filters.as_of is not None
        return SpendRow(
            period_start=r.get("period_start"),
            jurisdiction=r.get("claim__jurisdiction"),
            employer_id=r.get("claim__employer_id"),
            employer_name=r.get("claim__employer__name"),
            category=r.get("category"),
            bucket=r.get("bucket"),
            payments=int(r["payments"] or 0),
            voids=int(r["voids"] or 0),
            paid=_money(r["paid_c"]),
            voided=_money(r["voided_c"]),
            recovered=_money(r["recovered_c"]),
            reserve=_money(r["reserve_c"]) if as_of else None,
            paid_to_date=_money(r["paid_to_date_c"]) if as_of else None,
        )

    rows = sorted((row(r) for r in results), key=_sort_key) if fields else []
    totals: dict[str, Any] = {name: sum(int(r[name] or 0) for r in results) for name in sums}
    total = row(totals)
    return SpendReport(group_by=groups, period=period, filters=filters, rows=rows, total=total)


# --- the payment register ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    jurisdiction: str = ""
    employer_id: int | None = None
    category: str = ""
    method: str = ""


def register_check(filters: RegisterFilters) -> ErrorCollector:
    errors = spend_check(
        group_by=(),
        period="month",
        filters=SpendFilters(
            date_from=filters.date_from,
            date_to=filters.date_to,
            jurisdiction=filters.jurisdiction,
            category=filters.category,
        ),
    )
    if filters.method and filters.method not in PaymentMethod.values:
        errors.add("method", f"must be one of {', '.join(PaymentMethod.values)}")
    return errors


def payment_register(*, user: User, filters: RegisterFilters) -> QuerySet[LedgerEntry]:
    """Payments and voids of the claims ``user`` may see, oldest first.

    Each entry carries ``amount`` (the ``paid`` line: negative for a void),
    ``claim_number``, ``employer_name``, ``jurisdiction``, ``voided_by_id`` and
    ``payment_file`` (the name of the live bank file holding it, or None).

    Raises:
        PermissionDenied: workers and providers never see payments.
        ValidationFailed: naming the field.
    """
    require(user_can_view_book_financials(user), NOT_ALLOWED)
    register_check(filters).raise_if_any("The register was not read.")
    entries = LedgerEntry.objects.filter(
        claim_id__in=claim_queryset_for_user(user).values("pk"),
        kind__in=[EntryKind.PAYMENT, EntryKind.VOID],
    )
    if filters.date_from is not None:
        entries = entries.filter(occurred_on__gte=filters.date_from)
    if filters.date_to is not None:
        entries = entries.filter(occurred_on__lte=filters.date_to)
    if filters.jurisdiction:
        entries = entries.filter(claim__jurisdiction=filters.jurisdiction)
    if filters.employer_id is not None:
        entries = entries.filter(claim__employer_id=filters.employer_id)
    if filters.category:
        entries = entries.filter(category=filters.category)
    if filters.method:
        entries = entries.filter(method=filters.method)
    paid_line = LedgerLine.objects.filter(entry=OuterRef("pk"), account=Account.PAID).values("amount")[:1]
    live_file = (
        PaymentFileLine.objects.filter(
            entry=OuterRef("pk"), replaced_by__isnull=True, file__reissued_by__isnull=True
        )
        .order_by("-pk")
        .values("file__file_name")[:1]
    )
    return entries.annotate(
        amount=Subquery(paid_line, output_field=DecimalField(max_digits=14, decimal_places=2)),
        claim_number=F("claim__number"),
        employer_name=F("claim__employer__name"),
        jurisdiction=F("claim__jurisdiction"),
        voided_by_id=F("reversed_by__id"),
        payment_file=Subquery(live_file),
    ).order_by("occurred_on", "pk")
