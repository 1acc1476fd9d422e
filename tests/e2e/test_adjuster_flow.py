"""An adjuster's day, end to end in a real browser: report → claim → activity log."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from opencomp.accounts.models import User
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim
from opencomp.intake.enums import ReportStatus
from opencomp.intake.models import InjuryReport

SCREENSHOT = Path("test-results/claim-page.png")

pytestmark = pytest.mark.e2e


def _log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Work queue")).to_be_visible()


def _file_injury_report(
    page: Page,
    *,
    employer: str = "Acme Fabrication",
    worker: str | None = "Maria Lopez",
    injury_date: str = "2026-10-30",
) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Injury reports").click()
    page.get_by_role("link", name="File an injury report").click()
    # htmx wires the employer select once the document has loaded; a change made
    # before that would fire no request (the flake CI saw on 2026-11-23).
    page.wait_for_load_state("load")
    with page.expect_response("**/reports/new/workers/?employer=*"):
        page.get_by_label("Employer", exact=True).select_option(label=employer)
    if worker is None:
        page.get_by_label("Injured worker").select_option(index=1)  # the first worker on the list
    else:
        page.get_by_label("Injured worker").select_option(label=worker)
    page.get_by_label("Date of injury").fill(injury_date)
    page.get_by_label("Time of injury").fill("09:30")
    page.get_by_label("Jurisdiction").select_option("CO")
    page.get_by_label("Reported to employer on").fill(injury_date)
    page.get_by_label("Where it happened").fill("Press line 2")
    page.get_by_label("Nature of injury").fill("Laceration")
    page.get_by_label("Part of body").fill("Left hand")
    page.get_by_label("How it happened").fill("Caught a sheet edge while unloading the press.")
    page.get_by_label("Time lost from work").check()
    page.get_by_label("Reported by").fill("Pat Foreman")
    page.get_by_label("Relationship to worker").select_option(label="Supervisor")
    page.get_by_role("button", name="File report").click()
    expect(page.get_by_role("heading", name="Injury report #")).to_be_visible()


def _create_claim(page: Page) -> None:
    page.get_by_label("Lost time").check()
    page.get_by_role("button", name="Create claim").click()
    expect(page.get_by_role("heading", name="Claim CO-26-")).to_be_visible()


def _log_activity(page: Page) -> None:
    page.get_by_text("Log activity").click()
    form = page.locator("form[action$='/activity/']")
    form.get_by_label("Party", exact=True).select_option(label="Worker")
    form.get_by_label("Party name").fill("Maria Lopez")
    form.get_by_label("Channel").select_option(label="Phone")
    form.get_by_label("Direction").select_option(label="Outbound")
    form.get_by_label("Issue").fill("Initial contact call")
    form.get_by_label("Action taken").fill("Explained the claim process through a Spanish interpreter.")
    form.get_by_label("Result").fill("Worker understands; first appointment booked for Thursday.")
    form.get_by_role("button", name="Add to activity log").click()


def test_adjuster_files_report_opens_claim_and_logs_activity(transactional_db, book, browser_page: Page):
    # given
    page = browser_page
    _log_in(page, "adjuster")

    # when
    _file_injury_report(page)
    _create_claim(page)
    _log_activity(page)

    # then
    notice = page.get_by_role("status").filter(has_text="Activity logged")
    expect(notice).to_be_visible()
    first_entry = page.locator(".timeline > li").first
    expect(first_entry.locator(".tl__title")).to_have_text("Activity Initial contact call")
    expect(first_entry).to_contain_text("Explained the claim process through a Spanish interpreter.")
    expect(first_entry.locator(".tl__meta")).to_have_text("PhoneOutboundWorker: Maria Lopez")
    report = InjuryReport.objects.get(worker=book.worker)
    claim = Claim.objects.get(source_report=report)
    assert report.status == ReportStatus.CONVERTED
    assert claim.claim_type == "lost_time"
    assert page.url.endswith(f"/claims/{claim.number}/")
    assert list(claim.events.order_by("seq").values_list("kind", flat=True)) == [
        EventKind.CLAIM_CREATED,
        EventKind.ACTIVITY_LOGGED,
    ]
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)


def test_demo_adjuster_works_a_new_claim_in_the_demo_book(transactional_db, browser_page: Page):
    """The demo as ``make demo`` serves it: the demo book, the demo adjuster's login."""
    import datetime as dt

    from django.core.management import call_command

    from opencomp.core import clock
    from opencomp.demo import DEMO_PASSWORD, DEMO_USERS

    # given: a demo book
    call_command("seed_demo", claims=40, quiet=True)
    page = browser_page
    adjuster = DEMO_USERS["adjuster"]
    _log_in(page, adjuster, DEMO_PASSWORD)
    expect(page.locator("table tbody tr").first).to_be_visible()  # the adjuster's queue is not empty
    employer = User.objects.get(username=adjuster).organisation.name  # a self-insured employer
    claims_before = Claim.objects.count()

    # when
    injury = (clock.today() - dt.timedelta(days=1)).isoformat()
    _file_injury_report(page, employer=employer, worker=None, injury_date=injury)
    _create_claim(page)
    _log_activity(page)

    # then
    first_entry = page.locator(".timeline > li").first
    expect(first_entry.locator(".tl__title")).to_have_text("Activity Initial contact call")
    claim = Claim.objects.order_by("-pk").first()
    assert Claim.objects.count() == claims_before + 1
    assert page.url.endswith(f"/claims/{claim.number}/")
    assert claim.events.order_by("-seq").first().kind == EventKind.ACTIVITY_LOGGED
