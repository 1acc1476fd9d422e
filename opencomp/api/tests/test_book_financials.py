"""Book financials over the API: spend (JSON, CSV, XLSX), the register, bank files."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from opencomp.api.tests.test_permission_matrix import book_path, payment_file_path

pytestmark = pytest.mark.django_db


def test_spend_json_has_rows_and_exact_totals(api, book):
    # given a $250 medical payment voided the same day
    book_path(book, "")

    # when
    reply = api.get("book/spend", as_="adjuster", group_by="category,bucket")

    # then
    assert reply.status == 200
    assert reply.body["group_by"] == ["category", "bucket"]
    [row] = reply.body["rows"]
    assert (row["category"], row["bucket"], row["paid"], row["voided"], row["net_paid"]) == (
        "medical",
        "general",
        "250.00",
        "250.00",
        "0.00",
    )
    assert reply.body["total"]["payments"] == 1
    assert reply.body["total"]["reserve"] is None


def test_spend_downloads_as_csv_with_a_totals_row(api, book):
    # given
    book_path(book, "")

    # when
    reply = api.get("book/spend", as_="supervisor", group_by="jurisdiction", format="csv")

    # then
    rows = list(csv.reader(io.StringIO(reply.body.decode())))
    assert rows[0] == ["Jurisdiction", "Payments", "Voids", "Paid", "Voided", "Net paid", "Recovered", "Net"]
    assert rows[1] == ["CO", "1", "1", "250.00", "250.00", "0.00", "0.00", "0.00"]
    assert rows[2] == ["Total", "1", "1", "250.00", "250.00", "0.00", "0.00", "0.00"]


def test_spend_downloads_as_xlsx_with_a_frozen_header_and_money_formats(api, book):
    # given
    book_path(book, "")

    # when
    reply = api.get("book/spend", as_="admin", group_by="employer", format="xlsx", as_of="2026-11-02")

    # then
    sheet = load_workbook(io.BytesIO(reply.body))["Spend"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:4] == ["Employer", "Payments", "Voids", "Paid"]
    assert sheet["A2"].value == "Acme Fabrication"
    assert sheet["D2"].value == 250
    assert sheet["D2"].number_format == "#,##0.00"
    assert sheet["I2"].value == 10000  # the reserve on the day
    assert sheet["A3"].value == "Total"


def test_bad_spend_query_names_the_field(api, book):
    # when
    reply = api.get(
        "book/spend", as_="adjuster", group_by="colour", date_from="2026-11-02", date_to="2026-11-01"
    )

    # then
    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["group_by", "date_to"]


def test_register_pages_and_links_the_void_to_its_payment(api, book):
    # given
    book_path(book, "")

    # when
    first = api.get("book/payments", as_="auditor", limit=1)
    second = api.get("book/payments", as_="auditor", limit=1, offset=1)

    # then
    assert first.body["count"] == 2
    [payment], [void] = first.body["items"], second.body["items"]
    assert (payment["kind"], payment["amount"], payment["voided_by"]) == ("payment", "250.00", void["id"])
    assert (void["kind"], void["amount"], void["reverses"]) == ("void", "-250.00", payment["id"])


def test_register_downloads_as_csv(api, book):
    # given
    book_path(book, "")

    # when
    reply = api.get("book/payments", as_="adjuster", format="csv")

    # then
    rows = list(csv.reader(io.StringIO(reply.body.decode())))
    assert len(rows) == 3
    assert rows[0][:4] == ["Entry", "Date", "Kind", "Claim"]
    assert rows[2][2] == "Void (reversal)"
    assert rows[2][9] == "-250.00"


def test_a_bank_file_is_written_listed_downloaded_and_reissued(api, book):
    # given
    book_path(book, "", eft=True)

    # when
    created = api.post(
        "payment-files",
        {"country": "US", "date_from": "2026-10-01", "date_to": "2026-11-30"},
        as_="supervisor",
    )

    # then
    assert created.status == 201
    assert (created.body["format"], created.body["line_count"], created.body["total"]) == (
        "nacha",
        1,
        "1293.25",
    )
    assert created.body["excluded"] == []  # the provider's payment was voided
    file_id = created.body["id"]
    listed = api.get("payment-files", as_="admin")
    assert [f["id"] for f in listed.body["items"]] == [file_id]
    download = api.get(f"payment-files/{file_id}/download", as_="supervisor")
    assert download.body.decode("ascii").splitlines()[2].startswith("622021000021123456789012")
    again = api.post(f"payment-files/{file_id}/reissue", {"reason": "Rejected by the bank"}, as_="admin")
    assert again.status == 201
    assert again.body["reissue_of"] == file_id
    assert api.get("payment-files", as_="supervisor").body["items"][1]["reissued_by"] == again.body["id"]


def test_a_second_file_for_the_same_days_is_refused(api, book):
    # given
    payment_file_path(book, "download")

    # when
    reply = api.post(
        "payment-files", {"country": "US", "date_from": "2026-10-01", "date_to": "2026-10-31"}, as_="admin"
    )

    # then
    assert reply.status == 400
    assert reply.body["errors"][0]["field"] == "date_from"
