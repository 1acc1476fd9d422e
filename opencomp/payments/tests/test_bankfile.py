"""The bank file writers (pure): exact records of a worked example, totals, counts and refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.payments.bankfile import (
    AbaOriginator,
    BankFileError,
    CreditLine,
    NachaOriginator,
    aba_checksum_ok,
    aba_file,
    nacha_file,
)

ABA_ORIGINATOR = AbaOriginator(
    bank="WBC",
    user_name="SUMMIT MUTUAL",
    user_id="123456",
    description="WC BENEFITS",
    bsb="032-000",
    account="12345678",
    remitter="SUMMIT MUTUAL",
)
ABA_LINES = [
    CreditLine("062000", "12345678", "MARIA LOPEZ", 123456, "OC17 NSW-26-000001"),
    CreditLine("082-001", "987654321", "TOM NGUYEN", 50, "OC18 NSW-26-000002"),
]
NACHA_ORIGINATOR = NachaOriginator(
    destination_routing="021000021",
    destination_name="JPMORGAN CHASE",
    origin_id="1234567890",
    origin_name="SUMMIT MUTUAL",
    company_name="SUMMIT MUTUAL",
    company_id="1234567890",
    entry_description="WC BENEFIT",
    odfi_routing="021000021",
)
NACHA_LINES = [
    CreditLine("011000015", "123456789012", "MARIA LOPEZ", 129325, "OC17"),
    CreditLine("123456780", "4444", "ANN PARK", 10000, "OC18"),
]


def _problems(exc: pytest.ExceptionInfo[BankFileError]) -> dict[str, str]:
    return dict(exc.value.problems)


def test_aba_file_worked_example_gives_exact_records():
    # when
    text = aba_file(originator=ABA_ORIGINATOR, lines=ABA_LINES, processing_date=dt.date(2026, 11, 3))

    # then
    assert text.endswith("\r\n")
    assert text.split("\r\n")[:-1] == [
        "0                 01WBC       SUMMIT MUTUAL             123456WC BENEFITS 031126" + " " * 40,
        "1062-000 12345678 530000123456MARIA LOPEZ                     OC17 NSW-26-000001"
        "032-000 12345678SUMMIT MUTUAL   00000000",
        "1082-001987654321 530000000050TOM NGUYEN                      OC18 NSW-26-000002"
        "032-000 12345678SUMMIT MUTUAL   00000000",
        "7999-999" + " " * 12 + "0000123506" + "0000123506" + "0000000000" + " " * 24 + "000002" + " " * 40,
    ]


def test_aba_self_balancing_file_adds_the_debit_and_nets_to_nil():
    # given
    originator = AbaOriginator(**{**ABA_ORIGINATOR.__dict__, "self_balancing": True})

    # when
    records = aba_file(originator=originator, lines=ABA_LINES, processing_date=dt.date(2026, 11, 3)).split(
        "\r\n"
    )

    # then
    balancing, total = records[3], records[4]
    assert balancing[:30] == "1032-000 12345678 130000123506"
    assert total[20:50] == "0000000000" + "0000123506" + "0000123506"
    assert total[74:80] == "000003"


def test_nacha_file_worked_example_gives_exact_records_and_whole_blocks():
    # when
    text = nacha_file(
        originator=NACHA_ORIGINATOR,
        lines=NACHA_LINES,
        effective_date=dt.date(2026, 11, 4),
        created_at=dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC),
    )

    # then
    records = text.split("\n")[:-1]
    assert records[:6] == [
        "101 02100002112345678902611021500A094101JPMORGAN CHASE         SUMMIT MUTUAL" + " " * 18,
        "5220SUMMIT MUTUAL                       1234567890PPDWC BENEFIT      261104   1021000020000001",
        "622011000015123456789012     0000129325OC17           MARIA LOPEZ             0021000020000001",
        "6221234567804444             0000010000OC18           ANN PARK                0021000020000002",
        "822000000200134456790000000000000000001393251234567890" + " " * 25 + "021000020000001",
        "9000001000001000000020013445679000000000000000000139325" + " " * 39,
    ]
    assert records[6:] == ["9" * 94] * 4
    assert len(records) == 10
    assert all(len(r) == 94 for r in records)


def test_nacha_entry_hash_keeps_the_last_ten_digits():
    # given 1000 entries whose 8-digit routing prefixes add up past ten digits
    lines = [CreditLine("123456780", "4444", "ANN PARK", 1, f"OC{i}") for i in range(1000)]

    # when
    records = nacha_file(
        originator=NACHA_ORIGINATOR,
        lines=lines,
        effective_date=dt.date(2026, 11, 4),
        created_at=dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC),
    ).split("\n")

    # then 12345678 × 1000 = 12345678000 → 2345678000
    control = records[1003]
    assert control.startswith("9000001000101")
    assert control[13:21] == "00001000"
    assert control[21:31] == "2345678000"
    assert len(records) - 1 == 1010


@pytest.mark.parametrize(
    ("_case", "line", "field", "message"),
    [
        ("BSB too short", CreditLine("06200", "1234", "A", 1, "R"), "lines[0].branch", "must be a BSB"),
        ("account too long", CreditLine("062000", "1234567890", "A", 1, "R"), "lines[0].account", "1 to 9"),
        ("nil amount", CreditLine("062000", "1234", "A", 0, "R"), "lines[0].amount_cents", "more than nil"),
        ("name too long", CreditLine("062000", "1234", "A" * 33, 1, "R"), "lines[0].name", "at most 32"),
        ("no reference", CreditLine("062000", "1234", "A", 1, " "), "lines[0].reference", "required"),
        (
            "amount too big",
            CreditLine("062000", "1234", "A", 10**10, "R"),
            "lines[0].amount_cents",
            "10 digits",
        ),
    ],
)
def test_aba_refuses_a_bad_line_naming_the_field(_case, line, field, message):
    # when
    with pytest.raises(BankFileError) as exc:
        aba_file(originator=ABA_ORIGINATOR, lines=[line], processing_date=dt.date(2026, 11, 3))

    # then
    assert message in _problems(exc)[field]


def test_aba_refuses_a_bad_originator_listing_every_problem():
    # given
    originator = AbaOriginator(
        bank="Westpac", user_name="", user_id="12", description="X", bsb="32000", account="1", remitter="R"
    )

    # when
    with pytest.raises(BankFileError) as exc:
        aba_file(originator=originator, lines=[], processing_date=dt.date(2026, 11, 3))

    # then
    assert set(_problems(exc)) == {
        "originator.bank",
        "originator.user_name",
        "originator.user_id",
        "originator.bsb",
        "lines",
    }


def test_nacha_refuses_a_routing_number_whose_check_digit_is_wrong():
    # when
    with pytest.raises(BankFileError) as exc:
        nacha_file(
            originator=NACHA_ORIGINATOR,
            lines=[CreditLine("021000022", "4444", "ANN PARK", 100, "OC1")],
            effective_date=dt.date(2026, 11, 4),
            created_at=dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC),
        )

    # then
    assert "check digit" in _problems(exc)["lines[0].branch"]


def test_aba_checksum():
    assert aba_checksum_ok("011000015")
    assert aba_checksum_ok("123456780")
    assert not aba_checksum_ok("021000022")
    assert not aba_checksum_ok("02100002a")
