"""The OSHA log in a real browser (issue 8): the employer's WC coordinator opens Plant 1's 2025
log, sees "Privacy Case" in place of a privacy case's name, and opens the Form 300 PDF, which says
"Privacy Case" too and never the name."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from conftest import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def plant_log(transactional_db, book):
    from opencomp.osha.services import osha_case_record

    coordinator = book.users["employer_coordinator"]
    for number, name, facts in (
        ("25-001", "Maria Lopez", {"days_away_from": "2025-03-03", "returned_to_work": "2025-03-10"}),
        (
            "25-002",
            "Jane Roe",
            {
                "significant_diagnosis": True,
                "privacy_concern": "mental_illness",
                "case_type": "other_illness",
            },
        ),
    ):
        osha_case_record(
            actor=coordinator,
            establishment=book.establishment,
            case_number=number,
            facts={"injury_date": "2025-03-02", "work_related": True, **facts},
            employee_name=name,
            job_title="Machine operator",
            incident_location="Press line 2",
            incident_description="Injury at the press",
        )
    return book.establishment


def test_the_300_shows_privacy_case_on_the_page_and_in_the_pdf(plant_log, browser_page: Page):
    page = browser_page
    page.goto("/login/")
    page.get_by_label("Username").fill("employer_coordinator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Work queue")).to_be_visible()

    page.get_by_role("link", name="OSHA", exact=True).click()
    expect(page.get_by_role("heading", name="OSHA logs")).to_be_visible()
    page.get_by_role("link", name="2025").first.click()
    expect(page.get_by_role("heading", name="Plant 1 — 2025")).to_be_visible()
    log = page.locator("table.osha-300")
    expect(log).to_contain_text("Privacy Case")
    expect(log).to_contain_text("Maria Lopez")
    expect(log).not_to_contain_text("Jane Roe")

    link = page.get_by_role("link", name="Forms 300 and 300A (PDF)")
    pdf = page.request.get(link.get_attribute("href") or "")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf.body())).pages
    )
    assert "Privacy Case" in text
    assert "Jane Roe" not in text

    # the PDF opens in the browser itself (inline), as the coordinator would print it
    with page.expect_response(lambda r: r.url.endswith("form-300.pdf")) as opened:
        page.goto(link.get_attribute("href") or "")
    assert opened.value.status == 200
    assert opened.value.headers["content-disposition"].startswith("inline")
