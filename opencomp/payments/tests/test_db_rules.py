"""What the database itself refuses in the claim ledger, whatever the code above it does.

Rows are written straight through the ORM or in SQL, never through the services, so
each test proves a rule the database holds (payments migrations 0001 and 0002): a
bug in a service, a shell session or a hand-written statement meets the same wall.
Every test runs on both databases; where a rule exists on PostgreSQL only, the
SQLite branch asserts what SQLite accepts (the services enforce it there).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from opencomp.payments.enums import Account, Category, EntryKind
from opencomp.payments.models import IndemnityCover, LedgerEntry, LedgerLine

D = dt.date
RESERVE = ((Account.RESERVE, "1000.00"), (Account.RESERVE_MOVEMENT, "-1000.00"))
PAYMENT = ((Account.PAID, "450.00"), (Account.DISBURSED, "-450.00"))
ONE_CENT_SHORT = ((Account.RESERVE, "1000.00"), (Account.RESERVE_MOVEMENT, "-999.99"))


def post(claim, lines=RESERVE, **fields) -> LedgerEntry:
    """An entry on ``claim`` with ``lines`` ((account, amount), ...), written with the bare ORM."""
    entry = LedgerEntry.objects.create(
        claim=claim,
        kind=fields.pop("kind", EntryKind.RESERVE_CHANGE),
        category=fields.pop("category", Category.INDEMNITY),
        occurred_on=fields.pop("occurred_on", D(2026, 11, 2)),
        recorded_at=timezone.now(),
        **fields,
    )
    for account, amount in lines:
        LedgerLine.objects.create(
            entry=entry,
            claim=entry.claim,
            account=account,
            category=entry.category,
            amount=Decimal(amount),
        )
    return entry


def pay(claim, first: dt.date, last: dt.date, *, benefit: str = "ttd") -> IndemnityCover:
    """An indemnity payment for ``first``–``last`` and the cover row holding its days."""
    entry = post(claim, PAYMENT, kind=EntryKind.PAYMENT, benefit=benefit, period_start=first, period_end=last)
    return IndemnityCover.objects.create(
        entry=entry, claim=claim, benefit=benefit, first_day=first, last_day=last
    )


def counts() -> tuple[int, int]:
    return LedgerEntry.objects.count(), LedgerLine.objects.count()


def balance(entry: LedgerEntry) -> Decimal:
    # Summed in Python: SQLite's SUM() works in floats (1000.00 - 999.99 comes back as
    # 0.00999999999999091), while each column value comes back exact.
    return sum(LedgerLine.objects.filter(entry=entry).values_list("amount", flat=True), Decimal("0"))


# --- Entries balance (PostgreSQL: a deferred constraint trigger, checked at commit) ---


@pytest.mark.django_db(transaction=True)
def test_a_balanced_entry_commits(book):
    with transaction.atomic():
        entry = post(book.claim, RESERVE)

    stored = LedgerEntry.objects.get(pk=entry.pk)
    assert stored.lines.count() == 2
    assert balance(stored) == Decimal("0.00")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(ONE_CENT_SHORT, id="one-cent-short"),
        pytest.param(((Account.PAID, "450.00"),), id="one-sided"),
        pytest.param((*PAYMENT, (Account.PAID, "10.00")), id="extra-line"),
    ],
)
def test_an_unbalanced_entry_is_refused_at_commit_on_postgresql(book, lines):
    before = counts()
    expected = sum(Decimal(amount) for _, amount in lines)
    inserted = []

    def post_in_one_transaction():
        with transaction.atomic():
            inserted.append(post(book.claim, lines))  # each INSERT passes; the check waits for COMMIT

    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError, match="does not balance"):
            post_in_one_transaction()

        assert len(inserted) == 1  # refused at commit, not at the INSERTs
        assert counts() == before  # the whole transaction was rolled back
    else:
        # SQLite has no deferred triggers: the balance rule lives in the services there.
        post_in_one_transaction()

        assert counts() == (before[0] + 1, before[1] + len(lines))
        assert balance(inserted[0]) == expected


@pytest.mark.django_db(transaction=True)
def test_a_line_that_unbalances_an_already_posted_entry_is_refused_on_postgresql(book):
    with transaction.atomic():
        entry = post(book.claim, RESERVE)
    before = counts()

    def add_line():
        LedgerLine.objects.create(
            entry=entry,
            claim=book.claim,
            account=Account.RESERVE,
            category=entry.category,
            amount=Decimal("5"),
        )

    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError, match="does not balance"), transaction.atomic():
            add_line()

        assert counts() == before
        assert balance(entry) == Decimal("0.00")
    else:
        with transaction.atomic():
            add_line()

        assert counts() == (before[0], before[1] + 1)
        assert balance(entry) == Decimal("5.00")


# --- Posted entries and lines never change (triggers, both databases) ---


def _save_changed_line(line):
    line.amount = Decimal("1.00")
    line.save()


def _save_changed_entry(entry):
    entry.reason = "tampered"
    entry.save()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_save_changed_line, id="instance-save"),
        pytest.param(lambda line: line.delete(), id="instance-delete"),
        pytest.param(
            lambda line: LedgerLine.objects.filter(pk=line.pk).update(amount=Decimal("1.00")),
            id="queryset-update",
        ),
        pytest.param(lambda line: LedgerLine.objects.filter(pk=line.pk).delete(), id="queryset-delete"),
    ],
)
def test_a_posted_line_cannot_be_changed_or_deleted_through_the_orm(book, change):
    line = post(book.claim).lines.first()

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        change(line)

    assert LedgerLine.objects.get(pk=line.pk).amount == Decimal("1000.00")


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_save_changed_entry, id="instance-save"),
        pytest.param(
            lambda entry: LedgerEntry.objects.filter(pk=entry.pk).update(reason="tampered"),
            id="queryset-update",
        ),
        pytest.param(
            lambda entry: LedgerEntry.objects.filter(pk=entry.pk).update(kind=EntryKind.VOID),
            id="queryset-update-kind",
        ),
    ],
)
def test_a_posted_entry_cannot_be_changed_through_the_orm(book, change):
    entry = post(book.claim, reason="Initial reserve")

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        change(entry)

    stored = LedgerEntry.objects.get(pk=entry.pk)
    assert (stored.reason, stored.kind) == ("Initial reserve", EntryKind.RESERVE_CHANGE)


@pytest.mark.parametrize(
    "delete",
    [
        pytest.param(lambda entry: entry.delete(), id="instance-delete"),
        pytest.param(lambda entry: LedgerEntry.objects.filter(pk=entry.pk).delete(), id="queryset-delete"),
    ],
)
def test_a_posted_entry_cannot_be_deleted_through_the_orm(book, delete):
    with_lines = post(book.claim)
    # An entry without lines: Django's PROTECT has nothing to stop, so the DELETE reaches
    # the database (this test's transaction never commits, so PostgreSQL's balance check
    # never runs).
    bare = post(book.claim, ())

    with pytest.raises(ProtectedError):  # Django stops this one before any SQL
        delete(with_lines)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        delete(bare)

    assert LedgerEntry.objects.filter(pk__in=[with_lines.pk, bare.pk]).count() == 2
    assert with_lines.lines.count() == 2


@pytest.mark.parametrize(
    ("table", "sql"),
    [
        ("payments_ledgerline", "UPDATE payments_ledgerline SET amount = 1 WHERE entry_id = %s"),
        ("payments_ledgerline", "DELETE FROM payments_ledgerline WHERE entry_id = %s"),
        ("payments_ledgerentry", "UPDATE payments_ledgerentry SET reason = 'tampered' WHERE id = %s"),
        ("payments_ledgerentry", "UPDATE payments_ledgerentry SET claim_id = claim_id WHERE id = %s"),
        ("payments_ledgerentry", "DELETE FROM payments_ledgerentry WHERE id = %s"),
    ],
    ids=["line-update", "line-delete", "entry-update", "entry-noop-update", "entry-delete"],
)
def test_posted_rows_cannot_be_changed_or_deleted_in_sql(book, table, sql):
    entry = post(book.claim, reason="Initial reserve")
    before = counts()

    with (
        pytest.raises(IntegrityError, match=f"on {table} is not allowed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])

    assert counts() == before
    assert LedgerEntry.objects.get(pk=entry.pk).reason == "Initial reserve"
    assert sorted(entry.lines.values_list("amount", flat=True)) == [Decimal("-1000.00"), Decimal("1000.00")]


@pytest.mark.parametrize("table", ["payments_ledgerline", "payments_ledgerentry"])
def test_a_ledger_table_cannot_be_emptied(book, table):
    post(book.claim)
    before = counts()

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Only a session that asked for it (flush_everything) may TRUNCATE.
            cursor.execute("RESET opencomp.allow_truncate")
            # Run the pending balance checks now (the entry balances): PostgreSQL will not
            # TRUNCATE a table with trigger events still waiting for the commit.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        statement = f"TRUNCATE {table} CASCADE"
    else:
        statement = f"DELETE FROM {table}"  # noqa: S608 - a fixed table name

    with pytest.raises(IntegrityError, match="not allowed"), transaction.atomic(), connection.cursor() as cur:
        cur.execute(statement)

    assert counts() == before


# --- One payment per idempotency key; an entry is reversed at most once ---


def test_a_duplicate_idempotency_key_is_refused(book):
    post(book.claim, PAYMENT, kind=EntryKind.PAYMENT, idempotency_key="pay-7f3a")
    before = counts()

    with pytest.raises(IntegrityError, match="idempotency_key"), transaction.atomic():
        post(book.other_claim, PAYMENT, kind=EntryKind.PAYMENT, idempotency_key="pay-7f3a")

    assert counts() == before
    assert LedgerEntry.objects.filter(idempotency_key="pay-7f3a").count() == 1


def test_entries_without_an_idempotency_key_do_not_collide(book):
    first = post(book.claim, idempotency_key=None)
    second = post(book.claim, idempotency_key=None)

    assert LedgerEntry.objects.filter(pk__in=[first.pk, second.pk], idempotency_key__isnull=True).count() == 2


def test_an_entry_can_be_reversed_once_but_not_twice(book):
    payment = post(book.claim, PAYMENT, kind=EntryKind.PAYMENT)
    reversal = tuple((account, str(-Decimal(amount))) for account, amount in PAYMENT)
    void = post(book.claim, reversal, kind=EntryKind.VOID, reverses=payment)
    before = counts()

    with pytest.raises(IntegrityError, match="reverses"), transaction.atomic():
        post(book.claim, reversal, kind=EntryKind.VOID, reverses=payment)

    assert counts() == before
    assert LedgerEntry.objects.get(reverses=payment) == void


# --- Lines carry money ---


@pytest.mark.parametrize("amount", ["0", "0.00", "-0.00"])
def test_a_line_of_zero_is_refused(book, amount):
    entry = post(book.claim)
    before = counts()

    with pytest.raises(IntegrityError, match="ledger_line_not_zero"), transaction.atomic():
        LedgerLine.objects.create(
            entry=entry,
            claim=book.claim,
            account=Account.PAID,
            category=entry.category,
            amount=Decimal(amount),
        )

    assert counts() == before


def test_an_entry_period_that_ends_before_it_starts_is_refused(book):
    before = counts()

    with pytest.raises(IntegrityError, match="ledger_period_ordered"), transaction.atomic():
        post(
            book.claim,
            PAYMENT,
            kind=EntryKind.PAYMENT,
            period_start=D(2026, 10, 28),
            period_end=D(2026, 10, 27),
        )

    assert counts() == before


# --- No day of one benefit is paid twice (PostgreSQL: exclusion constraint; SQLite: trigger) ---


@pytest.mark.parametrize(
    ("first", "last"),
    [
        pytest.param(D(2026, 10, 21), D(2026, 10, 27), id="same-period"),
        pytest.param(D(2026, 10, 14), D(2026, 10, 21), id="last-day-is-their-first"),
        pytest.param(D(2026, 10, 27), D(2026, 11, 3), id="first-day-is-their-last"),
        pytest.param(D(2026, 10, 24), D(2026, 10, 24), id="one-day-inside"),
        pytest.param(D(2026, 10, 1), D(2026, 11, 30), id="encloses"),
        pytest.param(D(2026, 10, 25), D(2026, 11, 10), id="straddles-the-end"),
    ],
)
def test_a_cover_overlapping_a_live_payment_of_the_same_benefit_is_refused(book, first, last):
    pay(book.claim, D(2026, 10, 21), D(2026, 10, 27))
    entry = post(
        book.claim, PAYMENT, kind=EntryKind.PAYMENT, benefit="ttd", period_start=first, period_end=last
    )

    with pytest.raises(IntegrityError, match="payments_cover_no_overlap"), transaction.atomic():
        IndemnityCover.objects.create(
            entry=entry, claim=book.claim, benefit="ttd", first_day=first, last_day=last
        )

    assert IndemnityCover.objects.filter(claim=book.claim).count() == 1


def test_covers_that_only_touch_or_belong_to_another_benefit_or_claim_are_allowed(book):
    pay(book.claim, D(2026, 10, 21), D(2026, 10, 27))

    pay(book.claim, D(2026, 10, 28), D(2026, 11, 3))  # the next day onwards
    pay(book.claim, D(2026, 10, 14), D(2026, 10, 20))  # up to the day before
    pay(book.claim, D(2026, 10, 21), D(2026, 10, 27), benefit="tpd")  # another benefit
    pay(book.other_claim, D(2026, 10, 21), D(2026, 10, 27))  # another claim

    assert IndemnityCover.objects.filter(claim=book.claim, benefit="ttd").count() == 3
    assert IndemnityCover.objects.count() == 5


def test_a_voided_payment_frees_its_days_for_a_new_payment(book):
    cover = pay(book.claim, D(2026, 10, 21), D(2026, 10, 27))
    payment = cover.entry
    reversal = tuple((account, str(-Decimal(amount))) for account, amount in PAYMENT)

    # the void: a reversing entry, and the cover row deleted; the payment and its lines stay
    post(book.claim, reversal, kind=EntryKind.VOID, reverses=payment)
    IndemnityCover.objects.filter(pk=cover.pk).delete()
    again = pay(book.claim, D(2026, 10, 21), D(2026, 10, 27))

    assert IndemnityCover.objects.get(claim=book.claim, benefit="ttd") == again
    assert again.entry != payment
    assert LedgerEntry.objects.filter(pk=payment.pk).exists()
    assert payment.lines.count() == 2


def test_a_cover_cannot_be_moved_onto_days_already_paid(book):
    pay(book.claim, D(2026, 10, 21), D(2026, 10, 27))
    later = pay(book.claim, D(2026, 10, 28), D(2026, 11, 3))
    # Both databases refuse every UPDATE of a cover row (a void deletes it, a payment inserts one);
    # on PostgreSQL the exclusion constraint would refuse the overlap as well.
    refusal = "UPDATE on payments_indemnitycover"

    with pytest.raises(IntegrityError, match=refusal), transaction.atomic():
        IndemnityCover.objects.filter(pk=later.pk).update(first_day=D(2026, 10, 27))

    assert IndemnityCover.objects.get(pk=later.pk).first_day == D(2026, 10, 28)


def test_a_cover_whose_last_day_is_before_its_first_is_refused(book):
    entry = post(book.claim, PAYMENT, kind=EntryKind.PAYMENT, benefit="ttd")

    # the cover must match its payment's period (trigger) and be ordered (check constraint)
    with (
        pytest.raises(IntegrityError, match=r"cover_days_ordered|does not match its payment"),
        transaction.atomic(),
    ):
        IndemnityCover.objects.create(
            entry=entry, claim=book.claim, benefit="ttd", first_day=D(2026, 10, 27), last_day=D(2026, 10, 21)
        )

    assert not IndemnityCover.objects.exists()


def test_a_cover_must_match_its_payment_even_among_many_rows_of_one_statement(book):
    # given two payments of ttd
    first = post(
        book.claim,
        PAYMENT,
        kind=EntryKind.PAYMENT,
        benefit="ttd",
        period_start=D(2026, 10, 7),
        period_end=D(2026, 10, 13),
    )
    second = post(
        book.claim,
        PAYMENT,
        kind=EntryKind.PAYMENT,
        benefit="ttd",
        period_start=D(2026, 10, 14),
        period_end=D(2026, 10, 20),
    )

    def cover(entry, claim, benefit, days):
        return IndemnityCover(entry=entry, claim=claim, benefit=benefit, first_day=days[0], last_day=days[1])

    right = cover(first, book.claim, "ttd", (D(2026, 10, 7), D(2026, 10, 13)))
    # when one statement inserts a right cover with one naming other days, benefit or claim
    for wrong in (
        cover(second, book.claim, "ttd", (D(2026, 10, 14), D(2026, 10, 19))),
        cover(second, book.claim, "tpd", (D(2026, 10, 14), D(2026, 10, 20))),
        cover(second, book.other_claim, "ttd", (D(2026, 10, 14), D(2026, 10, 20))),
        IndemnityCover(  # no such entry (on PostgreSQL the trigger stands for the foreign key)
            entry_id=10**9,
            claim=book.claim,
            benefit="ttd",
            first_day=D(2026, 10, 14),
            last_day=D(2026, 10, 20),
        ),
    ):
        # then the whole statement is refused and no cover is written
        with (
            pytest.raises(IntegrityError, match="does not match its payment"),
            transaction.atomic(),
        ):
            IndemnityCover.objects.bulk_create([right, wrong])
        assert not IndemnityCover.objects.exists()

    # and the two right covers go in together
    IndemnityCover.objects.bulk_create(
        [right, cover(second, book.claim, "ttd", (D(2026, 10, 14), D(2026, 10, 20)))]
    )
    assert IndemnityCover.objects.count() == 2


def test_a_line_must_match_its_entry_claim_and_category(book):
    # given a balanced reserve entry on the claim
    entry = post(book.claim, PAYMENT, kind=EntryKind.PAYMENT)

    # when a line names another claim, or another category, it is refused
    with pytest.raises(IntegrityError, match="does not match its entry"), transaction.atomic():
        LedgerLine.objects.create(
            entry=entry,
            claim=book.other_claim,
            account="paid",
            category=entry.category,
            amount=Decimal("1.00"),
        )
    with pytest.raises(IntegrityError, match="does not match its entry"), transaction.atomic():
        LedgerLine.objects.create(
            entry=entry, claim=book.claim, account="paid", category="medical", amount=Decimal("1.00")
        )


def test_an_empty_idempotency_key_and_a_half_open_period_are_refused(book):
    with pytest.raises(IntegrityError, match="ledger_key_not_empty"), transaction.atomic():
        post(book.claim, PAYMENT, kind=EntryKind.PAYMENT, idempotency_key="")
    with pytest.raises(IntegrityError, match="ledger_period_ordered"), transaction.atomic():
        post(book.claim, PAYMENT, kind=EntryKind.PAYMENT, period_start=D(2026, 10, 21))
