"""The claim page's deadlines over an NSW Easter, end to end in a real browser.

An NSW claim notified on Thursday 17 April 2025, the day before Good Friday: its
three-business-day contacts skip Good Friday and Easter Monday and fall due on
Thursday 24 April. The clock is pinned (``time_machine`` patches the process, so the
live server's thread reads the same "now") to the Tuesday morning after Easter in
Sydney. The claims administrator is an NSW insurer, so its people read Sydney time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import Locator, Page, expect

from conftest import PASSWORD
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim
from opencomp.deadlines.models import Obligation, ObligationStatus

pytestmark = pytest.mark.e2e

SYDNEY = ZoneInfo("Australia/Sydney")
#: Tuesday after Easter, 09:30 in Sydney (still Easter Monday, 23:30, in UTC).
TUESDAY_MORNING = dt.datetime(2025, 4, 22, 9, 30, tzinfo=SYDNEY)
#: The Monday after Anzac Day: everything due on Thursday 24 April is overdue.
NEXT_MONDAY = dt.datetime(2025, 4, 28, 9, 0, tzinfo=SYDNEY)
NOTIFIED = dt.date(2025, 4, 17)

DUE = "Thu 24 Apr 2025"
EARLY_CONTACT = (
    "Injury management program (seed 004), Early and regular communication"
    " — within three (3) business days of notification"
)
LIABILITY_CITATION = (
    "Injury management program (seed 004), Assessing liability"
    " — within seven (7) calendar days of notification; WIM&WC Act 1998 s 267"
)
WORKER_CONTACT = "Contact the worker"
EMPLOYER_CONTACT = "Contact the employer"
DOCTOR_CONTACT = "Contact the nominated treating doctor"
LIABILITY = "Decide liability (provisional, accepted, reasonable excuse or disputed)"


@dataclass
class Easter:
    claim: Claim
    adjuster: object
    supervisor: object
    clock: time_machine.Coordinates


@pytest.fixture
def easter(transactional_db) -> Iterator[Easter]:
    """An NSW insurer's claim, notified the Thursday before Easter, on the Tuesday after."""
    from opencomp.accounts.services import organisation_create, user_create
    from opencomp.claims.services import ClaimDraft, claim_assign, claim_create, claim_participant_add
    from opencomp.parties.services import employment_create, provider_create, worker_create

    with time_machine.travel(TUESDAY_MORNING, tick=True) as clock:
        insurer = organisation_create(actor=None, kind="insurer", name="Harbour Mutual", jurisdiction="NSW")
        employer = organisation_create(
            actor=None,
            kind="employer",
            name="Blue Gum Logistics",
            claims_administrator=insurer,
            jurisdiction="NSW",
        )

        def user(username: str, role: str, first: str, last: str) -> object:
            return user_create(
                actor=None,
                username=username,
                password=PASSWORD,
                role=role,
                organisation=insurer,
                first_name=first,
                last_name=last,
                email=f"{username}@example.test",
            )

        adjuster = user("adjuster", "adjuster", "Avery", "Adjuster")
        supervisor = user("supervisor", "supervisor", "Sam", "Supervisor")
        worker = worker_create(
            actor=None,
            given_name="Tom",
            family_name="Nguyen",
            date_of_birth=dt.date(1990, 1, 5),
            country="AU",
        )
        employment_create(
            actor=None,
            worker=worker,
            employer=employer,
            job_title="Forklift driver",
            hire_date=dt.date(2019, 3, 1),
            employment_type="full_time",
            hours_per_week=Decimal("38"),
            days_per_week=Decimal("5"),
        )
        doctor = provider_create(actor=None, kind="treating_doctor", name="Dr Priya Shah")
        claim = claim_create(
            actor=None,
            draft=ClaimDraft(
                jurisdiction="NSW",
                employer=employer,
                worker=worker,
                injury_date=dt.date(2025, 4, 16),
                employer_knowledge_date=dt.date(2025, 4, 16),
                notification_date=NOTIFIED,
                claim_type="medical_only",
                nature_of_injury="Sprain",
                body_part="Right ankle",
                description="Stepped off the forklift onto a pallet edge.",
            ),
        )
        claim = claim_assign(actor=None, claim=claim, adjuster=adjuster)
        claim_participant_add(actor=None, claim=claim, role="treating_doctor", provider=doctor)
        claim.refresh_from_db()
        yield Easter(claim=claim, adjuster=adjuster, supervisor=supervisor, clock=clock)


def _log_in(page: Page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Work queue")).to_be_visible()


def _obligation(page: Page, title: str, *, done: bool = False) -> Locator:
    """The panel's row for ``title``, in the open table or the done one."""
    table = ".obligations__table--done" if done else ".obligations__table:not(.obligations__table--done)"
    return page.locator(f"#obligations {table} tr.obligation").filter(
        has=page.locator(".obligation__title").get_by_text(title, exact=True)
    )


def _expect_due(row: Locator, citation: str) -> None:
    expect(row).to_have_count(1)
    expect(row.locator(".obligation__due time").first).to_have_text(DUE)
    expect(row.locator(".obligation__due time").first).to_have_attribute("datetime", "2025-04-24")
    expect(row.locator(".obligation__citation")).to_have_text(citation)
    expect(row.locator(".obligation__status .badge").first).to_have_text("Open")


def test_adjuster_works_the_easter_contacts_from_the_claim_page(easter: Easter, browser_page: Page):
    # given: the adjuster on the claim page on the Tuesday after Easter
    page = browser_page
    claim = easter.claim
    _log_in(page, "adjuster")
    page.goto(f"/claims/{claim.number}/")
    expect(page.get_by_role("heading", name=f"Claim {claim.number}")).to_be_visible()
    panel = page.locator("#obligations")
    expect(panel.get_by_role("heading", name="Deadlines and diary")).to_be_visible()

    # then: the three early contacts and the liability decision are due on the Thursday
    for title in (WORKER_CONTACT, EMPLOYER_CONTACT, DOCTOR_CONTACT):
        _expect_due(_obligation(page, title), EARLY_CONTACT)
    _expect_due(_obligation(page, LIABILITY), LIABILITY_CITATION)
    expect(panel.locator(".obligations__overdue-count")).to_have_count(0)

    # when: the adjuster asks why the worker contact is due then
    worker_row = _obligation(page, WORKER_CONTACT)
    why = worker_row.locator(".obligation__why")
    why.get_by_text("Why this date").click()

    # then: the Easter holidays are named as the days not counted
    expect(why).to_have_attribute("open", "")
    expect(why).to_contain_text("clock starts at notification date Thu 17 Apr 2025")
    expect(why).to_contain_text("Fri 18 Apr 2025 (Good Friday)")
    expect(why).to_contain_text("Mon 21 Apr 2025 (Easter Monday)")
    expect(why).to_contain_text(f"→ {DUE}")

    # when: the adjuster logs a phone call with the worker through the claim file's form
    page.get_by_text("Log activity").click()
    form = page.locator("form[action$='/activity/']")
    form.get_by_label("Party", exact=True).select_option(label="Worker")
    form.get_by_label("Party name").fill("Tom Nguyen")
    form.get_by_label("Channel").select_option(label="Phone")
    form.get_by_label("Direction").select_option(label="Outbound")
    form.get_by_label("Issue").fill("Initial contact call")
    form.get_by_label("Action taken").fill("Explained the claim process and the next steps.")
    form.get_by_role("button", name="Add to activity log").click()

    # then: the panel follows the claim file: the worker contact is done on time, by that call
    expect(page.get_by_role("status").filter(has_text="Activity logged")).to_be_visible()
    done_worker = _obligation(page, WORKER_CONTACT, done=True)
    expect(done_worker).to_have_count(1)
    expect(done_worker.locator(".obligation-status")).to_have_text("Done on time")
    call = claim.events.filter(kind=EventKind.ACTIVITY_LOGGED).get()
    expect(done_worker.locator(".obligation__done")).to_have_text(
        f"Done by #{call.seq} Activity on 22 Apr 2025"
    )
    expect(done_worker.locator(".obligation__done a")).to_have_attribute("href", f"#event-{call.seq}")
    expect(_obligation(page, WORKER_CONTACT)).to_have_count(0)
    expect(_obligation(page, EMPLOYER_CONTACT)).to_have_count(1)  # a worker call does not reach the employer

    # when: the adjuster waives the doctor contact, with the reason
    reason = "Worker has not yet seen a doctor; no nominated treating doctor to contact."
    doctor_row = _obligation(page, DOCTOR_CONTACT)
    doctor_row.locator("summary", has_text="Waive").click()
    doctor_row.get_by_label("Why it is waived").fill(reason)
    doctor_row.get_by_role("button", name="Waive this obligation").click()

    # then: it is waived, with the reason and the event that waived it
    expect(panel.get_by_role("status")).to_have_text(f"Waived: {DOCTOR_CONTACT}.")
    waived = _obligation(page, DOCTOR_CONTACT, done=True)
    expect(waived.locator(".obligation-status")).to_have_text("Waived")
    waiver = claim.events.filter(kind=EventKind.OBLIGATION_WAIVED).get()
    expect(waived.locator(".obligation__done")).to_have_text(f"Waived by #{waiver.seq}: {reason}")
    expect(_obligation(page, DOCTOR_CONTACT)).to_have_count(0)

    # when: the adjuster adds a diary entry for tomorrow
    panel.locator("summary", has_text="Diary entry").click()
    diary_form = panel.locator("form[action$='/diary/']")
    diary_form.get_by_label("What needs doing").fill("Chase the employer's wage records")
    diary_form.get_by_label("Due on").fill("2025-04-23")
    diary_form.get_by_label("Details").fill("Payroll said they would send them after Easter.")
    diary_form.get_by_role("button", name="Add diary entry").click()

    # then: it is on the panel, and on the work queue's diary
    expect(panel.get_by_role("status")).to_have_text(re.compile(r"^Diary entry added \(#\d+\)\.$"))
    entry = claim.events.filter(kind=EventKind.DIARY_ENTRY_ADDED).get()
    expect(panel.get_by_role("status")).to_have_text(f"Diary entry added (#{entry.seq}).")
    diary_row = _obligation(page, "Chase the employer's wage records")
    expect(diary_row.locator(".obligation__detail")).to_have_text(
        "Payroll said they would send them after Easter."
    )
    expect(diary_row.locator(".obligation__due time").first).to_have_text("Wed 23 Apr 2025")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Work queue").click()
    preview = page.locator("section.diary-preview")
    upcoming = preview.locator(".diary-bucket--next_7_days")
    item = upcoming.locator(".diary-item").filter(has_text="Chase the employer's wage records")
    expect(item).to_have_count(1)
    expect(item.locator(".diary-item__claim")).to_have_text(claim.number)
    expect(item.locator(".diary-item__due")).to_have_text("Due 23 Apr 2025")
    expect(upcoming.locator(".diary-item").filter(has_text=EMPLOYER_CONTACT)).to_have_count(1)
    expect(preview.locator(".diary-item").filter(has_text=WORKER_CONTACT)).to_have_count(0)
    statuses = dict(claim.obligations.values_list("rule_id", "status"))
    assert statuses["nsw.initial_contact_worker"] == ObligationStatus.SATISFIED
    assert statuses["nsw.initial_contact_doctor"] == ObligationStatus.WAIVED
    assert statuses["nsw.initial_contact_employer"] == ObligationStatus.OPEN


def test_supervisor_sees_the_notice_of_an_overdue_liability_decision(easter: Easter, browser_page: Page):
    from opencomp.claims.services import claim_event_append
    from opencomp.deadlines.services import escalations_run, obligation_waive

    # given: on the Tuesday the adjuster made the contacts, but no liability decision
    claim = easter.claim
    for party in ("worker", "employer"):
        claim_event_append(
            actor=easter.adjuster,
            claim=claim,
            kind=EventKind.ACTIVITY_LOGGED,
            payload={
                "party": party,
                "channel": "phone",
                "direction": "outbound",
                "issue": "Initial contact call",
                "action": "Explained the claim process.",
            },
        )
    obligation_waive(
        actor=easter.adjuster,
        obligation=claim.obligations.get(rule_id="nsw.initial_contact_doctor"),
        reason="No nominated treating doctor yet.",
    )

    # when: the Monday after Anzac Day the escalation sweep runs
    easter.clock.move_to(NEXT_MONDAY)
    escalated = escalations_run()

    # then: the supervisor has one unread notice in the top bar, and it names the claim
    assert escalated == 1
    page = browser_page
    _log_in(page, "supervisor")
    nav = page.get_by_role("navigation", name="Main")
    notices_link = nav.get_by_role("link", name=re.compile(r"^Notices"))
    expect(notices_link.locator("#notice-count")).to_be_visible()
    expect(notices_link.locator("#notice-count")).to_have_text("1 unread")
    notices_link.click()
    expect(page.get_by_role("heading", name="Notices", exact=True)).to_be_visible()
    expect(page.locator(".page-header")).to_contain_text("1 unread")
    notice = page.locator("ul.notices > li")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(f"Unread Overdue on {claim.number}: {LIABILITY}")
    expect(notice).to_contain_text(f"{LIABILITY} on claim {claim.number} was due 24 Apr 2025")
    expect(notice).to_contain_text("WIM&WC Act 1998 s 267) and is not done.")
    expect(notice.locator("time")).to_have_text("28 Apr 2025 09:00")

    # when: the supervisor follows the notice to the claim
    notice.get_by_role("link", name=claim.number).click()

    # then: the liability decision is overdue there, marked escalated by the sweep's event
    expect(page.get_by_role("heading", name=f"Claim {claim.number}")).to_be_visible()
    row = _obligation(page, LIABILITY)
    escalation = claim.events.filter(kind=EventKind.OBLIGATION_ESCALATED).get()
    expect(row.locator(".obligation-status")).to_have_text("Overdue")
    expect(row.locator(".badge--warn")).to_have_text(f"Escalated #{escalation.seq}")
    expect(page.locator("#obligations .obligations__overdue-count")).to_have_text("1 overdue")
    liability = Obligation.objects.get(claim=claim, rule_id="nsw.liability_decision")
    assert liability.escalated_seq == escalation.seq
