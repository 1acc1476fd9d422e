"""Reading a wage reimbursement schedule from CSV: every error names its row and column."""

from __future__ import annotations

import pytest

from opencomp.core.errors import ValidationFailed
from opencomp.payments.reimbursement_csv import MAX_ROWS, reimbursement_csv_parse
from opencomp.payments.reimbursement_services import WeekLine
from opencomp.payments.tests.fixtures import D, M, fields


def parse(text: str) -> list[WeekLine]:
    return reimbursement_csv_parse(text.encode())


def test_the_forms_columns_dates_and_money_are_read():
    text = (
        "Weeks paid,From,To,Entitlement period,DWB,Earnings,Hours worked,Hours lost,Reimbursement\n"
        '1,15/10/2024,21/10/2024,first,"$1,425.00",,,38,"$1,425.00"\n'
        "2,2024-10-22,2024-10-28,first,1425,$300,12.5,,1125\n"
        ",,,,,,,,\n"
    )

    weeks = parse(text)

    assert weeks == [
        WeekLine(1, D(2024, 10, 15), D(2024, 10, 21), M("1425.00"), M("0.00"), M("0"), M("38"), "row 2"),
        WeekLine(2, D(2024, 10, 22), D(2024, 10, 28), M("1125.00"), M("300.00"), M("12.5"), None, "row 3"),
    ]


def test_a_byte_order_mark_and_any_column_order_are_accepted():
    weeks = parse("\ufeffamount_claimed,week_to,week_from,week_number\n1425.00,2024-10-21,2024-10-15,1\n")
    assert [(w.week_number, w.amount_claimed) for w in weeks] == [(1, M("1425.00"))]


@pytest.mark.parametrize(
    ("_case", "row", "expected"),
    [
        ("a date that is not one", "1,2024-13-01,2024-10-21,0,0,1425", ["row 2, week_from"]),
        ("month first", "1,10/15/2024,2024-10-21,0,0,1425", ["row 2, week_from"]),
        ("an amount that is not one", "1,2024-10-15,2024-10-21,abc,0,1425", ["row 2, earnings"]),
        ("a negative amount", "1,2024-10-15,2024-10-21,0,0,-5", ["row 2, amount_claimed"]),
        ("three decimal places", "1,2024-10-15,2024-10-21,0,0,1.005", ["row 2, amount_claimed"]),
        ("week zero", "0,2024-10-15,2024-10-21,0,0,1425", ["row 2, week_number"]),
        ("hours beyond a week", "1,2024-10-15,2024-10-21,0,200,1425", ["row 2, hours_worked"]),
        ("missing required cells", "1,,2024-10-21,0,0,", ["row 2, week_from", "row 2, amount_claimed"]),
        ("too many cells", "1,2024-10-15,2024-10-21,0,0,1425,extra", ["row 2, row"]),
    ],
)
def test_a_bad_cell_rejects_the_file_naming_its_row_and_column(_case, row, expected):
    text = f"week_number,week_from,week_to,earnings,hours_worked,amount_claimed\n{row}\n"

    with pytest.raises(ValidationFailed) as exc:
        parse(text)

    assert fields(exc) == expected
    assert "nothing was recorded" in exc.value.message


def test_every_bad_row_is_named_not_only_the_first():
    text = (
        "week_number,week_from,week_to,amount_claimed\n"
        "1,2024-10-15,2024-10-21,1425\n"
        "2,2024-10-22,2024-10-28,x\n"
        "3,22/13/2024,2024-11-04,1425\n"
    )
    with pytest.raises(ValidationFailed) as exc:
        parse(text)
    assert fields(exc) == ["row 3, amount_claimed", "row 4, week_from"]


@pytest.mark.parametrize(
    ("_case", "data", "expected"),
    [
        ("empty", b"", ["file"]),
        ("header only", b"week_number,week_from,week_to,amount_claimed\n", ["file"]),
        ("not UTF-8", "week_number,from\n1,\xe9\n".encode("latin-1"), ["file"]),
        ("too large", b"x" * (256 * 1024 + 1), ["file"]),
        (
            "a required column missing",
            b"week_number,week_from,amount_claimed\n1,2024-10-15,1\n",
            ["row 1, week_to"],
        ),
        ("an unknown column", b"week_number,week_from,week_to,amount_claimed,tax\n", ["row 1, tax"]),
        ("a column twice", b"week,weeks_paid,week_from,week_to,amount\n", ["row 1, week_number"]),
    ],
)
def test_a_file_that_is_not_a_schedule_is_rejected(_case, data, expected):
    with pytest.raises(ValidationFailed) as exc:
        reimbursement_csv_parse(data)
    assert fields(exc) == expected


def test_too_many_rows_are_refused():
    body = "".join(f"{n},2024-10-15,2024-10-21,1\n" for n in range(1, MAX_ROWS + 2))
    with pytest.raises(ValidationFailed) as exc:
        parse("week_number,week_from,week_to,amount_claimed\n" + body)
    assert fields(exc) == ["file"]
    assert f"at most {MAX_ROWS}" in exc.value.errors[0].message


def test_the_sample_file_in_the_docs_is_read():
    from pathlib import Path

    sample = Path(__file__).resolve().parents[3] / "docs" / "samples" / "wage-reimbursement.csv"
    weeks = reimbursement_csv_parse(sample.read_bytes())
    assert [w.week_number for w in weeks] == [1, 2]
