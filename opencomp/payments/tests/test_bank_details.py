"""A worker's bank details change only with a recorded verification, and the change is an event.

The book's CO claim (US: ABA routing numbers) is worked by "adjuster"; its NSW claim (AU:
BSBs) by "other_adjuster".
"""

from __future__ import annotations

import json

import pytest
from django.db import IntegrityError, connection, transaction

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.core.models import AuditEntry
from opencomp.payments.bank import aba_checksum_ok, bank_details_change, bank_details_current
from opencomp.payments.enums import VerificationMethod
from opencomp.payments.models import BankDetails
from opencomp.payments.tests.fixtures import fields, latest

ROUTING = "021000021"  # a real ABA routing number (its check digit holds)
ACCOUNT = "123456789012"


def written() -> tuple[int, int, int]:
    return BankDetails.objects.count(), ClaimEvent.objects.count(), AuditEntry.objects.count()


def change(book, **overrides):
    values = {
        "actor": book.users["adjuster"],
        "claim": book.claim,
        "account_name": "Maria Lopez",
        "bsb_or_routing": ROUTING,
        "account_number": ACCOUNT,
        "verification_method": VerificationMethod.CALL_BACK,
        "verification_note": "Called Maria on the number on her claim form; she confirmed the account.",
    }
    values.update(overrides)
    return bank_details_change(**values)


def test_a_verified_change_is_recorded_for_the_claims_worker_with_its_event(book):
    details = change(book)

    assert details.worker == book.worker
    assert details.claim == book.claim
    assert details.verified_by == book.users["adjuster"]
    assert details.account_number == ACCOUNT
    assert details.masked_number == "•••• 012"
    event = latest(book.claim, EventKind.BANK_DETAILS_CHANGED)
    assert event.payload == {
        "bank_details_id": details.pk,
        "worker_id": book.worker.pk,
        "account_name": "Maria Lopez",
        "bsb_or_routing": ROUTING,
        "account_last3": "012",
        "verification_method": "call_back_to_known_number",
        "verification_note": "Called Maria on the number on her claim form; she confirmed the account.",
        "verified_by": "Avery Adjuster",
    }
    assert bank_details_current(book.worker) == details


def test_the_newest_change_is_current_and_the_old_row_stays(book):
    first = change(book)
    second = change(
        book,
        account_number="99887766",
        verification_method=VerificationMethod.SIGNED_FORM,
        verification_note="Signed form and driver licence copy received by mail.",
    )

    assert bank_details_current(book.worker) == second
    assert list(BankDetails.objects.filter(worker=book.worker)) == [first, second]
    assert bank_details_current(book.other_worker) is None


def test_the_event_log_never_holds_the_full_account_number(book):
    change(book)

    for event in ClaimEvent.objects.filter(claim=book.claim):
        assert ACCOUNT not in json.dumps(event.payload)
    for entry in AuditEntry.objects.all():
        assert ACCOUNT not in json.dumps(entry.data)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"verification_note": "   "}, "verification_note", id="no-note"),
        pytest.param({"verification_method": ""}, "verification_method", id="no-method"),
        pytest.param({"verification_method": "email_from_worker"}, "verification_method", id="bad-method"),
        pytest.param({"bsb_or_routing": "021000022"}, "bsb_or_routing", id="bad-aba-checksum"),
        pytest.param({"bsb_or_routing": "062000"}, "bsb_or_routing", id="bsb-on-a-us-claim"),
        pytest.param({"account_number": "123"}, "account_number", id="account-too-short"),
        pytest.param({"account_number": "1" * 18}, "account_number", id="account-too-long"),
        pytest.param({"account_number": "12AB5678"}, "account_number", id="account-not-digits"),
        pytest.param({"account_name": ""}, "account_name", id="no-name"),
    ],
)
def test_a_bad_field_is_named_and_nothing_is_written(book, overrides, field):
    before = written()

    with pytest.raises(ValidationFailed) as exc:
        change(book, **overrides)

    assert fields(exc) == [field]
    assert written() == before


def test_every_bad_field_is_named_at_once(book):
    with pytest.raises(ValidationFailed) as exc:
        change(book, verification_method="", verification_note="", bsb_or_routing="12")

    assert fields(exc) == ["bsb_or_routing", "verification_method", "verification_note"]


def test_an_australian_claim_takes_a_six_digit_bsb(book):
    def au(**overrides):
        return change(book, actor=book.users["other_adjuster"], claim=book.other_claim, **overrides)

    with pytest.raises(ValidationFailed) as exc:
        au(bsb_or_routing="06200")
    assert fields(exc) == ["bsb_or_routing"]
    with pytest.raises(ValidationFailed):
        au(bsb_or_routing=ROUTING)  # a US routing number is not a BSB

    details = au(bsb_or_routing="062-000", account_number="1234 5678")
    assert (details.bsb_or_routing, details.account_number) == ("062000", "12345678")
    assert details.worker == book.other_worker


@pytest.mark.parametrize(
    "username",
    ["employer_supervisor", "worker", "provider", "auditor", "compliance_officer", "other_adjuster"],
)
def test_only_claims_staff_who_work_the_claim_change_bank_details(book, username):
    before = written()

    with pytest.raises(PermissionDenied):
        change(book, actor=book.users[username])

    assert written() == before


def test_aba_checksum():
    assert aba_checksum_ok("011000015")
    assert aba_checksum_ok("021000021")
    assert not aba_checksum_ok("021000022")
    assert not aba_checksum_ok("02100002")


@pytest.mark.parametrize(
    "sql",
    [
        pytest.param(
            "UPDATE payments_bankdetails SET account_number = '55555555' WHERE id = %s", id="update"
        ),
        pytest.param("DELETE FROM payments_bankdetails WHERE id = %s", id="delete"),
    ],
)
def test_the_database_refuses_to_change_or_delete_a_row(book, sql):
    details = change(book)

    with (
        pytest.raises(IntegrityError, match="on payments_bankdetails is not allowed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [details.pk])

    assert BankDetails.objects.get(pk=details.pk).account_number == ACCOUNT


def test_the_orm_cannot_save_over_a_row_either(book):
    details = change(book)
    details.account_number = "55555555"

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        details.save()

    assert BankDetails.objects.get(pk=details.pk).account_number == ACCOUNT
