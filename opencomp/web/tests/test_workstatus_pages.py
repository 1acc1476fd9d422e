"""The work status page and the claim page's card: what each role sees, and recording a report."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from opencomp.consent.services import consent_give
from opencomp.workstatus.models import WorkStatusReport
from opencomp.workstatus.services import work_status_record

D = dt.date


def _record(book, **overrides):
    values = dict(
        actor=book.users["adjuster"],
        claim=book.claim,
        kind="rtw_pass",
        examined_on=D(2026, 10, 22),
        valid_from=D(2026, 10, 22),
        valid_to=D(2026, 11, 20),
        capacity="partial",
        hours_per_day="6",
        restrictions=[{"kind": "lifting", "limit": "20"}],
        next_review_on=D(2026, 11, 19),
        provider_name="Dr Jo Reyes",
    )
    values.update(overrides)
    return work_status_record(**values)


def _consent(book):
    consent_give(
        actor=book.users["adjuster"],
        claim=book.claim,
        given_by="worker",
        given_on=D(2026, 10, 22),
        method="signed_form",
        categories=["capacity_restrictions"],
        recipients=["employer"],
        purpose="Suitable duties",
    )


def test_the_claim_page_shows_the_status_in_force(login, book):
    _record(book)
    page = login("adjuster").get(reverse("web:claim_detail", args=[book.claim.number])).content.decode()
    assert "Work status" in page
    assert "Fit for modified duties (restrictions)" in page
    assert "Lifting: at most 20 lb" in page
    assert "20 Nov 2026" in page
    assert "19 Nov 2026" in page
    assert "Dr Jo Reyes" in page


def test_employer_people_see_it_only_when_the_worker_released_it(login, book):
    _record(book)
    url = reverse("web:claim_work_status", args=[book.claim.number])
    page = login("employer_supervisor").get(url).content.decode()
    assert "Not released by the worker" in page
    assert "Lifting" not in page
    detail = login("employer_coordinator").get(reverse("web:claim_detail", args=[book.claim.number]))
    assert "Not released by the worker" in detail.content.decode()
    _consent(book)
    page = login("employer_supervisor").get(url).content.decode()
    assert "Lifting: at most 20 lb" in page
    assert "Dr Jo Reyes" not in page
    assert "Record a report" not in page


def test_recording_from_the_page(login, book):
    url = reverse("web:claim_work_status_record", args=[book.claim.number])
    reply = login("adjuster").post(
        url,
        {
            "status-kind": "certificate_of_capacity",
            "status-examined_on": "2026-10-22",
            "status-valid_from": "2026-10-22",
            "status-valid_to": "2026-11-05",
            "status-capacity": "partial",
            "status-hours_per_day": "4",
            "status-lifting": "15",
            "status-standing": "30",
            "status-driving": "on",
            "status-arm_hand": "left",
            "status-provider_id": str(book.provider.pk),
        },
    )
    assert reply.status_code == 302
    report = WorkStatusReport.objects.get()
    assert [r["kind"] for r in report.restrictions] == ["lifting", "standing", "driving", "arm_hand"]
    assert report.provider_name == "Dr Jo Reyes"


def test_a_refused_report_shows_the_errors_by_field_and_writes_nothing(login, book):
    url = reverse("web:claim_work_status_record", args=[book.claim.number])
    reply = login("adjuster").post(
        url,
        {
            "status-kind": "rtw_pass",
            "status-examined_on": "2026-10-22",
            "status-valid_from": "2026-10-22",
            "status-valid_to": "2026-10-21",
            "status-capacity": "partial",
            "status-hours_per_day": "30",
            "status-lifting": "900",
            "status-provider_name": "Dr Jo Reyes",
        },
    )
    assert reply.status_code == 200
    form = reply.context["form"]
    assert set(form.errors) == {"valid_to", "hours_per_day", "lifting"}
    assert "between 0 and 220 lb" in form.errors["lifting"][0]
    assert WorkStatusReport.objects.count() == 0
