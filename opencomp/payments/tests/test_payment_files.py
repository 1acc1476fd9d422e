"""Bank payment files: what goes in, what is left out and why, never an entry twice, re-issue."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import IntegrityError, transaction

from opencomp.core.errors import Conflict, PermissionDenied, ValidationFailed
from opencomp.core.models import AuditEntry
from opencomp.payments.bank import bank_details_change
from opencomp.payments.enums import Category, PayeeKind
from opencomp.payments.models import LedgerEntry, PaymentFileExport, PaymentFileLine
from opencomp.payments.payment_files import payment_file_export, payment_file_list, payment_file_reissue
from opencomp.payments.report_selectors import RegisterFilters, payment_register
from opencomp.payments.services import PaymentInput, payment_issue, payment_void, reserve_set
from opencomp.payments.tests.fixtures import D, M, indemnity

pytestmark = pytest.mark.django_db

OCTOBER = {"date_from": D(2026, 10, 1), "date_to": D(2026, 10, 31)}


def _pay(admin, claim, payment: PaymentInput) -> LedgerEntry:
    entry = payment_issue(actor=admin, claim=claim, payment=payment)
    assert isinstance(entry, LedgerEntry)
    return entry


def _bank(admin, claim, branch: str, account: str, name: str) -> None:
    bank_details_change(
        actor=admin,
        claim=claim,
        account_name=name,
        bsb_or_routing=branch,
        account_number=account,
        verification_method="call_back_to_known_number",
        verification_note="Called back on the number on the claim form.",
    )


@pytest.fixture
def paid(book):
    """October: TTD to Maria (verified US account), a bill to her doctor, TTD to Ann (no bank details),
    weekly payments to Tom on the NSW claim (verified AU account)."""
    admin = book.users["admin"]
    for claim, category in [
        (book.claim, Category.INDEMNITY),
        (book.claim, Category.MEDICAL),
        (book.pool_claim, Category.INDEMNITY),
        (book.other_claim, Category.INDEMNITY),
    ]:
        reserve_set(actor=admin, claim=claim, category=category, amount=M("9000.00"), reason="Estimate")
    _bank(admin, book.claim, "021000021", "123456789012", "Maria Lopez")
    _bank(admin, book.other_claim, "062-000", "12345678", "Tom Nguyen")
    on = {"occurred_on": D(2026, 10, 28)}
    ttd = _pay(
        admin, book.claim, dataclasses.replace(indemnity("1293.25", D(2026, 10, 21), D(2026, 10, 27)), **on)
    )
    bill = _pay(
        admin,
        book.claim,
        PaymentInput(
            category=Category.MEDICAL,
            amount=M("250.00"),
            payee_kind=PayeeKind.PROVIDER,
            payee_name="Dr Jo Reyes",
            occurred_on=D(2026, 10, 20),
        ),
    )
    ann = _pay(
        admin,
        book.pool_claim,
        dataclasses.replace(
            indemnity("700.00", D(2026, 10, 21), D(2026, 10, 27)), payee_name="Ann Park", **on
        ),
    )
    tom = _pay(
        admin,
        book.other_claim,
        dataclasses.replace(
            indemnity("1100.50", D(2026, 10, 21), D(2026, 10, 27), benefit="weekly"),
            payee_name="Tom Nguyen",
            **on,
        ),
    )
    return {"ttd": ttd, "bill": bill, "ann": ann, "tom": tom}


def test_us_file_pays_the_verified_worker_and_lists_the_rest_as_excluded(book, paid):
    # when
    file, excluded = payment_file_export(actor=book.users["admin"], country="US", **OCTOBER)

    # then
    assert (file.format, file.line_count, file.total) == ("nacha", 1, M("1293.25"))
    assert [line.entry_id for line in file.lines.all()] == [paid["ttd"].pk]
    entry_record = file.content.split("\n")[2]
    assert entry_record.startswith("622021000021123456789012     0000129325")
    assert entry_record[54:76] == "Maria Lopez".ljust(22)
    assert {(e.entry_id, e.reason.split(":")[0]) for e in excluded} == {
        (paid["bill"].pk, "paid to a provider, employer or other payee"),
        (paid["ann"].pk, "the worker has no verified bank details"),
    }
    assert file.excluded[0]["claim_number"]
    audit = AuditEntry.objects.get(action="payment_file.exported")
    assert audit.data["total"] == "1293.25"


def test_au_file_is_an_aba_file_of_the_nsw_payments(book, paid):
    # when
    file, excluded = payment_file_export(actor=book.users["admin"], country="AU", **OCTOBER)

    # then
    records = file.content.split("\r\n")
    assert records[1][:30] == "1062-000 12345678 530000110050"
    assert records[2][20:30] == "0000110050"
    assert excluded == []
    assert file.file_name.endswith(".aba")


def test_a_payment_goes_in_one_file_only(book, paid):
    # given
    admin = book.users["admin"]
    payment_file_export(actor=admin, country="US", **OCTOBER)

    # when a second export covers the same days
    with pytest.raises(ValidationFailed) as exc:
        payment_file_export(actor=admin, country="US", **OCTOBER)

    # then nothing is written and the message says why
    assert exc.value.errors[0].field == "date_from"
    assert "no verified bank details" in exc.value.message
    assert PaymentFileExport.objects.count() == 1


def test_the_database_refuses_an_entry_in_a_second_file(book, paid):
    # given
    file, _ = payment_file_export(actor=book.users["admin"], country="US", **OCTOBER)
    line = file.lines.get()

    # when / then
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentFileLine.objects.create(
            file=file,
            entry_id=line.entry_id,
            bank_details_id=line.bank_details_id,
            amount=M("1.00"),
            reference="X",
        )


def test_files_are_append_only(book, paid):
    # given
    file, _ = payment_file_export(actor=book.users["admin"], country="US", **OCTOBER)

    # when / then
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        PaymentFileExport.objects.filter(pk=file.pk).update(file_name="other.ach")


def test_reissue_replaces_the_live_lines_and_leaves_out_voided_payments(book, paid):
    # given a file of two US payments, one of them voided afterwards
    admin = book.users["admin"]
    _bank(admin, book.pool_claim, "123456780", "4444", "Ann Park")
    file, _ = payment_file_export(actor=admin, country="US", **OCTOBER)
    payment_void(actor=admin, entry=paid["ann"], reason="Paid to the wrong claim")

    # when
    new, excluded = payment_file_reissue(actor=admin, file=file, reason="The bank rejected the file")

    # then
    assert new.reissue_of == file
    assert [(line.entry_id, line.replaces.file_id) for line in new.lines.all()] == [(paid["ttd"].pk, file.pk)]
    assert [(e.entry_id, e.reason) for e in excluded] == [(paid["ann"].pk, "voided since it was written")]
    assert [f.pk for f in payment_file_list(user=admin)] == [new.pk, file.pk]
    register = {e.pk: e.payment_file for e in payment_register(user=admin, filters=RegisterFilters())}
    assert register[paid["ttd"].pk] == new.file_name
    assert register[paid["ann"].pk] is None
    assert AuditEntry.objects.filter(action="payment_file.reissued").count() == 1


def test_reissue_needs_a_reason_and_happens_once(book, paid):
    # given
    admin = book.users["admin"]
    file, _ = payment_file_export(actor=admin, country="US", **OCTOBER)

    # when / then
    with pytest.raises(ValidationFailed) as exc:
        payment_file_reissue(actor=admin, file=file, reason="  ")
    assert exc.value.errors[0].field == "reason"
    payment_file_reissue(actor=admin, file=file, reason="Lost by the bank")
    with pytest.raises(Conflict):
        payment_file_reissue(actor=admin, file=file, reason="Lost again")


def test_a_supervisor_exports_their_organisations_claims_only(book, paid):
    # given Summit Mutual's supervisor; the pool's claim is not Summit's
    _bank(book.users["admin"], book.pool_claim, "123456780", "4444", "Ann Park")

    # when
    file, excluded = payment_file_export(actor=book.users["supervisor"], country="US", **OCTOBER)

    # then
    assert [line.entry_id for line in file.lines.all()] == [paid["ttd"].pk]
    assert file.administrator == book.insurer
    assert [e.entry_id for e in excluded] == [paid["bill"].pk]


@pytest.mark.parametrize("user_key", ["adjuster", "auditor", "employer_coordinator", "worker"])
def test_only_supervisors_and_administrators_write_bank_files(book, paid, user_key):
    with pytest.raises(PermissionDenied):
        payment_file_export(actor=book.users[user_key], country="US", **OCTOBER)
    assert PaymentFileExport.objects.count() == 0


def test_without_an_originator_no_file_is_written(book, paid, settings):
    # given
    settings.OPENCOMP_BANK_ORIGINATOR_US = None

    # when
    with pytest.raises(ValidationFailed) as exc:
        payment_file_export(actor=book.users["admin"], country="US", **OCTOBER)

    # then
    assert exc.value.errors[0].field == "country"
    assert "OPENCOMP_BANK_ORIGINATOR_US" in exc.value.message
    assert PaymentFileExport.objects.count() == 0


def test_bad_country_and_range_are_named(book):
    with pytest.raises(ValidationFailed) as exc:
        payment_file_export(
            actor=book.users["admin"], country="NZ", date_from=D(2026, 10, 31), date_to=D(2026, 10, 1)
        )
    assert [e.field for e in exc.value.errors] == ["country", "date_to"]
