"""Book-wide spend: exact Decimal totals net of voids, recoveries apart, grouping and who sees what.

The book: Acme's CO claim (Summit Mutual) and Blue Gum's NSW claim (Harbour Insurance)
carry payments; a void is posted today (2 November 2026) against an October payment.
"""

from __future__ import annotations

import dataclasses

import pytest

from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.payments.enums import Category, PayeeKind, RecoveryKind
from opencomp.payments.models import LedgerEntry
from opencomp.payments.report_selectors import (
    RegisterFilters,
    SpendFilters,
    payment_register,
    spend_report,
)
from opencomp.payments.services import PaymentInput, payment_issue, payment_void, recovery_record, reserve_set
from opencomp.payments.tests.fixtures import D, M, indemnity

pytestmark = pytest.mark.django_db

IND, MED = Category.INDEMNITY, Category.MEDICAL


def _medical(claim, admin, amount: str, on, payee: str = "Dr Jo Reyes") -> LedgerEntry:
    payment = PaymentInput(
        category=MED, amount=M(amount), payee_kind=PayeeKind.PROVIDER, payee_name=payee, occurred_on=on
    )
    entry = payment_issue(actor=admin, claim=claim, payment=payment)
    assert isinstance(entry, LedgerEntry)
    return entry


@pytest.fixture
def ledger(book):
    """Payments in September, October and a void today; a recovery; a payment on the NSW claim."""
    admin = book.users["admin"]
    for claim, category, amount in [
        (book.claim, MED, "10000.00"),
        (book.claim, IND, "5000.00"),
        (book.other_claim, MED, "5000.00"),
    ]:
        reserve_set(actor=admin, claim=claim, category=category, amount=M(amount), reason="Estimate")
    _medical(book.claim, admin, "250.10", D(2026, 9, 15))
    _medical(book.claim, admin, "0.20", D(2026, 10, 1))
    ttd = dataclasses.replace(
        indemnity("1293.25", D(2026, 10, 21), D(2026, 10, 27)), occurred_on=D(2026, 10, 28)
    )
    payment_issue(actor=admin, claim=book.claim, payment=ttd)
    wrong = _medical(book.claim, admin, "100.00", D(2026, 10, 5))
    payment_void(actor=admin, entry=wrong, reason="Duplicate invoice")
    recovery_record(
        actor=admin,
        claim=book.claim,
        category=MED,
        amount=M("120.00"),
        kind=RecoveryKind.SUBROGATION,
        payer="Third Party Mutual",
        received_on=D(2026, 10, 30),
    )
    _medical(book.other_claim, admin, "500.00", D(2026, 10, 10), payee="Sydney Physio")
    return book


def _figures(row) -> tuple:
    return (row.payments, row.voids, row.paid, row.voided, row.net_paid, row.recovered, row.net)


def test_spend_by_category_is_exact_net_of_voids_with_recoveries_apart(ledger):
    # when
    report = spend_report(user=ledger.users["admin"], group_by=["category"], filters=SpendFilters())

    # then
    assert [(r.category, *_figures(r)) for r in report.rows] == [
        (IND, 1, 0, M("1293.25"), M("0.00"), M("1293.25"), M("0.00"), M("1293.25")),
        (MED, 4, 1, M("850.30"), M("100.00"), M("750.30"), M("120.00"), M("630.30")),
    ]
    assert _figures(report.total) == (
        5,
        1,
        M("2143.55"),
        M("100.00"),
        M("2043.55"),
        M("120.00"),
        M("1923.55"),
    )


def test_spend_by_month_counts_a_void_on_its_own_date(ledger):
    # when
    report = spend_report(
        user=ledger.users["admin"], group_by=["period"], period="month", filters=SpendFilters()
    )

    # then
    assert [(r.period_start, r.paid, r.voided, r.recovered) for r in report.rows] == [
        (D(2026, 9, 1), M("250.10"), M("0.00"), M("0.00")),
        (D(2026, 10, 1), M("1893.45"), M("0.00"), M("120.00")),
        (D(2026, 11, 1), M("0.00"), M("100.00"), M("0.00")),
    ]


def test_spend_by_quarter_jurisdiction_and_employer(ledger):
    # when
    report = spend_report(
        user=ledger.users["admin"],
        group_by=["employer", "period", "jurisdiction"],
        period="quarter",
        filters=SpendFilters(),
    )

    # then the rows come in period, jurisdiction, employer order
    assert report.group_by == ("period", "jurisdiction", "employer")
    assert [(r.period_start, r.jurisdiction, r.employer_name, r.net_paid) for r in report.rows] == [
        (D(2026, 7, 1), "CO", "Acme Fabrication", M("250.10")),
        (D(2026, 10, 1), "CO", "Acme Fabrication", M("1293.45")),
        (D(2026, 10, 1), "NSW", "Blue Gum Logistics", M("500.00")),
    ]
    assert report.total.net_paid == M("2043.55")


def test_spend_filters_by_date_range_jurisdiction_employer_and_category(ledger):
    # given
    admin = ledger.users["admin"]
    october = SpendFilters(date_from=D(2026, 10, 1), date_to=D(2026, 10, 31))

    # when
    in_october = spend_report(user=admin, group_by=[], filters=october)
    co_medical = spend_report(
        user=admin,
        group_by=["bucket"],
        filters=SpendFilters(jurisdiction="CO", employer_id=ledger.employer.pk, category=MED),
    )

    # then
    assert in_october.rows == []
    assert _figures(in_october.total) == (
        4,
        0,
        M("1893.45"),
        M("0.00"),
        M("1893.45"),
        M("120.00"),
        M("1773.45"),
    )
    assert [(r.bucket, r.paid, r.voided) for r in co_medical.rows] == [("general", M("350.30"), M("100.00"))]


def test_reserves_outstanding_and_incurred_as_of_a_day(ledger):
    # given the NSW reserve was set today in Sydney, which is already 3 November there
    admin = ledger.users["admin"]
    before = spend_report(user=admin, group_by=["jurisdiction"], filters=SpendFilters(as_of=D(2026, 11, 2)))

    # when
    report = spend_report(user=admin, group_by=["jurisdiction"], filters=SpendFilters(as_of=D(2026, 11, 3)))

    # then
    co, nsw = report.rows
    assert (co.reserve, co.paid_to_date, co.outstanding, co.incurred) == (
        M("15000.00"),
        M("1543.55"),
        M("13456.45"),
        M("15000.00"),
    )
    assert (nsw.reserve, nsw.paid_to_date, nsw.outstanding) == (M("5000.00"), M("500.00"), M("4500.00"))
    assert report.total.reserve == M("20000.00")
    assert before.total.reserve == M("15000.00")


@pytest.mark.parametrize(
    ("user_key", "expected_paid"),
    [
        ("adjuster", M("1643.55")),
        ("employer_coordinator", M("1643.55")),
        ("other_adjuster", M("500.00")),
        ("compliance_officer", M("1643.55")),
        ("pool_administrator", M("0.00")),
    ],
)
def test_spend_covers_only_the_claims_the_user_sees(ledger, user_key, expected_paid):
    # when
    report = spend_report(user=ledger.users[user_key], group_by=["category"], filters=SpendFilters())

    # then
    assert report.total.paid == expected_paid


@pytest.mark.parametrize("user_key", ["worker", "provider"])
def test_workers_and_providers_never_see_spend(ledger, user_key):
    with pytest.raises(PermissionDenied):
        spend_report(user=ledger.users[user_key], filters=SpendFilters())
    with pytest.raises(PermissionDenied):
        payment_register(user=ledger.users[user_key], filters=RegisterFilters())


def test_bad_report_input_names_every_field(book):
    # when
    with pytest.raises(ValidationFailed) as exc:
        spend_report(
            user=book.users["admin"],
            group_by=["period", "colour"],
            period="fortnight",
            filters=SpendFilters(
                date_from=D(2026, 10, 31),
                date_to=D(2026, 10, 1),
                jurisdiction="XX",
                category="food",
                as_of=D(2026, 1, 1),
            ),
        )

    # then
    assert [e.field for e in exc.value.errors] == [
        "group_by",
        "period",
        "date_to",
        "jurisdiction",
        "category",
        "as_of",
    ]


def test_the_register_lists_payments_and_voids_with_their_links(ledger):
    # when
    entries = list(payment_register(user=ledger.users["adjuster"], filters=RegisterFilters(category=MED)))

    # then
    rows = [(e.kind, e.occurred_on, e.amount, e.payee_name, e.claim_number) for e in entries]
    number = ledger.claim.number
    assert rows == [
        ("payment", D(2026, 9, 15), M("250.10"), "Dr Jo Reyes", number),
        ("payment", D(2026, 10, 1), M("0.20"), "Dr Jo Reyes", number),
        ("payment", D(2026, 10, 5), M("100.00"), "Dr Jo Reyes", number),
        ("void", D(2026, 11, 2), M("-100.00"), "Dr Jo Reyes", number),
    ]
    payment, void = entries[2], entries[3]
    assert payment.voided_by_id == void.pk
    assert void.reverses_id == payment.pk
    assert all(e.payment_file is None for e in entries)
