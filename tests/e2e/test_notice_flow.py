"""A NSW reasonable excuse, its notice previewed and issued, end to end in a real browser.

The adjuster records a reasonable-excuse decision on a new NSW claim from the claim page,
opens the claim's letters, previews the reasonable excuse notice (in the page and as a
PDF), sends it to the worker by e-mail and to the employer by mail, and sees it issued.
The worker then finds the notice on their claim's timeline and opens the PDF. An employer
user cannot see, or open by its address, the claim's IME report.
"""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import PASSWORD
from tests.e2e.conftest import VIEWPORT

pytestmark = pytest.mark.e2e

WORKER_ACTION = "Please send us a certificate of capacity from your doctor."


@pytest.fixture
def nsw_claim(transactional_db, book):
    from opencomp.claims.services import claim_assign
    from opencomp.deadlines.tests.claims import open_claim
    from opencomp.documents.services import document_upload

    claim = claim_assign(actor=None, claim=open_claim(book, "NSW"), adjuster=book.users["adjuster"])
    ime = document_upload(
        actor=book.users["adjuster"],
        claim=claim,
        category="ime_report",
        title="IME report — Dr Shaw",
        file_name="ime.pdf",
        content=io.BytesIO(b"%PDF-1.7\n%%EOF\n"),
    )
    return claim, ime


def _page_for(browser: Browser, base_url: str, username: str) -> Page:
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Work queue")).to_be_visible()
    return page


def test_adjuster_issues_a_reasonable_excuse_notice_the_worker_sees_it(nsw_claim, browser, live_server):
    claim, ime = nsw_claim
    adjuster = _page_for(browser, live_server.url, "adjuster")

    # when: the adjuster records the reasonable excuse on the claim page
    adjuster.goto(f"/claims/{claim.number}/")
    card = adjuster.locator("section", has=adjuster.get_by_role("heading", name="Liability decision"))
    card.get_by_label("Decision").select_option(label="Reasonable excuse")
    card.get_by_label("Insufficient medical information").check()
    card.get_by_label("What the worker must do").fill(WORKER_ACTION)
    card.get_by_role("button", name="Record decision").click()
    expect(adjuster.locator(".claim-header")).to_contain_text("Reasonable excuse")

    # and previews the notice from the claim's letters
    adjuster.get_by_role("link", name="Letters", exact=True).click()
    expect(adjuster.get_by_role("heading", name="Letters and notices")).to_be_visible()
    adjuster.get_by_role("link", name="Reasonable excuse notice").click()
    preview = adjuster.frame_locator("iframe.letter-preview")
    expect(preview.get_by_role("heading", name="Reasonable excuse notice")).to_be_visible()
    expect(preview.locator("body")).to_contain_text("Insufficient medical information")
    expect(preview.locator("body")).to_contain_text(WORKER_ACTION)
    pdf_link = adjuster.get_by_role("link", name="Preview the PDF")
    pdf = adjuster.request.get(pdf_link.get_attribute("href") or "")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body()[:5] == b"%PDF-"

    # and issues it: the worker by e-mail (prefilled), the employer by mail at an address typed in
    worker_row = adjuster.locator("#recipient-0")
    expect(worker_row.get_by_role("textbox").first).to_have_value("Maria Lopez")
    worker_row.get_by_role("combobox").nth(1).select_option(value="email")
    employer_row = adjuster.locator("#recipient-1")
    employer_row.locator("textarea").fill("1 Plant Road\nParramatta NSW 2150")
    adjuster.get_by_role("button", name="Issue the letter").click()

    # then: it is issued and listed with how it went to each party
    expect(adjuster.get_by_text("Reasonable excuse notice issued")).to_be_visible()
    issued = adjuster.locator("table.letters tbody tr")
    expect(issued).to_have_count(1)
    expect(issued).to_contain_text("Maria Lopez")
    expect(issued).to_contain_text("email to maria@example.test")
    expect(issued).to_contain_text("nsw.reasonable_excuse v1")

    # and the worker finds it on their claim's timeline and opens the PDF
    worker = _page_for(browser, live_server.url, "worker")
    worker.goto(f"/claims/{claim.number}/")
    expect(worker.get_by_text("Reasonable excuse notice (nsw.reasonable_excuse v1)")).to_be_visible()
    worker.get_by_role("link", name="Letters", exact=True).click()
    view = worker.get_by_role("link", name="View")
    opened = worker.request.get(view.get_attribute("href") or "")
    assert opened.status == 200
    assert opened.body()[:5] == b"%PDF-"

    # and an employer user can neither see the IME report nor open it by its address
    employer = _page_for(browser, live_server.url, "employer_coordinator")
    employer.goto(f"/claims/{claim.number}/documents/")
    expect(employer.get_by_role("heading", name="Documents")).to_be_visible()
    # correspondence is theirs to see; the IME report is not
    expect(employer.get_by_text("Reasonable excuse notice —")).to_be_visible()
    expect(employer.get_by_text("IME report — Dr Shaw")).to_have_count(0)
    refused = employer.request.get(f"/documents/{ime.pk}/view/")
    assert refused.status == 404
