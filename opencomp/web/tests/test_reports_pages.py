"""The spend page (table, totals, downloads) and the payment files page (write, list, re-issue)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from opencomp.payments.models import PaymentFileExport
from opencomp.web.tests.test_permissions import PAYMENT_FILE, _eft_payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(book):
    _eft_payment(book, None)
    return book


def test_spend_page_shows_the_table_with_its_total_and_download_links(paid, login):
    # when
    response = login("adjuster").get(reverse("web:spend_report"), {"group_by": ["category", "employer"]})

    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["header"][:2] == ["Employer", "Category"]
    assert response.context["rows"] == [
        ["Acme Fabrication", "Indemnity", "1", "0", "$1,293.25", "$0.00", "$1,293.25", "$0.00", "$1,293.25"]
    ]
    assert response.context["total"][0] == "Total"
    assert "group_by=category&amp;group_by=employer&amp;format=xlsx" in page
    assert reverse("web:payment_register_export") in page


def test_spend_page_shows_a_bad_choice_on_the_form(paid, login):
    # when
    response = login("adjuster").get(
        reverse("web:spend_report"), {"group_by": ["period"], "as_of": "2026-11-02"}
    )

    # then
    assert response.status_code == 200
    assert "as_of" in response.context["form"].errors
    assert response.context["report"] is None


def test_spend_downloads_as_csv_and_xlsx(paid, login):
    # given
    client = login("supervisor")

    # when
    as_csv = client.get(reverse("web:spend_report"), {"group_by": "jurisdiction", "format": "csv"})
    as_xlsx = client.get(reverse("web:spend_report"), {"group_by": "jurisdiction", "format": "xlsx"})

    # then
    rows = list(csv.reader(io.StringIO(b"".join(as_csv.streaming_content).decode())))
    assert rows[1][:4] == ["CO", "1", "0", "1293.25"]
    assert as_csv["Content-Disposition"] == 'attachment; filename="spend-2026-11-02.csv"'
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert (sheet["A2"].value, sheet["D2"].value, sheet["D2"].number_format) == ("CO", 1293.25, "#,##0.00")


def test_register_downloads_with_the_payee_and_the_days_covered(paid, login):
    # when
    response = login("auditor").get(reverse("web:payment_register_export"), {"format": "csv"})

    # then
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, row = rows
    assert dict(zip(header, row, strict=True)) | {"Entry": ""} == {
        "Entry": "",
        "Date": "2026-10-28",
        "Kind": "Payment",
        "Claim": paid.claim.number,
        "Jurisdiction": "CO",
        "Employer": "Acme Fabrication",
        "Category": "Indemnity",
        "Bucket": "General",
        "Benefit": "TTD",
        "Amount": "1293.25",
        "Payee kind": "Injured worker",
        "Payee": "Maria Lopez",
        "Method": "Electronic funds transfer",
        "Period start": "2026-10-21",
        "Period end": "2026-10-27",
        "Reverses": "",
        "Voided by": "",
        "Reason": "",
        "Bank file": "",
    }


def test_a_supervisor_writes_lists_and_reissues_a_file(paid, login):
    # given
    client = login("supervisor")

    # when
    written = client.post(reverse("web:payment_file_export"), PAYMENT_FILE)
    file = PaymentFileExport.objects.get()
    page = client.get(reverse("web:payment_files"))
    reissued = client.post(
        reverse("web:payment_file_reissue", args=[file.pk]), {f"reissue-{file.pk}-reason": "Rejected"}
    )

    # then
    assert written.status_code == 302
    assert file.file_name in page.content.decode()
    assert reissued.status_code == 302
    assert PaymentFileExport.objects.get(reissue_of=file).reissue_reason == "Rejected"


def test_nothing_to_write_is_shown_on_the_form(paid, login):
    # given
    client = login("admin")
    client.post(reverse("web:payment_file_export"), PAYMENT_FILE)

    # when
    response = client.post(reverse("web:payment_file_export"), PAYMENT_FILE)

    # then
    assert response.status_code == 200
    assert "ready for a bank file" in str(response.context["form"].errors["date_from"])
    assert PaymentFileExport.objects.count() == 1


@pytest.mark.parametrize(("role", "shown"), [("adjuster", True), ("auditor", True), ("worker", False)])
def test_the_spend_link_is_in_the_navigation_for_those_who_see_money(book, login, role, shown):
    # when
    page = login(role).get(reverse("web:work_queue")).content.decode()

    # then
    assert (f'href="{reverse("web:spend_report")}"' in page) is shown


def test_a_register_download_with_a_bad_range_goes_back_to_the_spend_page(paid, login):
    # when
    response = login("adjuster").get(
        reverse("web:payment_register_export"), {"date_from": "2026-11-02", "date_to": "2026-11-01"}
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:spend_report')}?date_from=2026-11-02&date_to=2026-11-01"
