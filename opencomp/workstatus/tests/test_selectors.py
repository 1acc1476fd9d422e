from __future__ import annotations

import datetime as dt

import pytest

from opencomp.accounts.models import Organisation
from opencomp.claims.services import claim_event_append
from opencomp.deadlines.models import Obligation
from opencomp.workstatus.selectors import work_status_history, work_status_on
from opencomp.workstatus.services import work_status_record

D = dt.date


def test_no_report_yet(book):
    status = work_status_on(claim=book.claim, on=D(2026, 10, 25))
    assert (status.state, status.report) == ("none", None)


def test_status_in_force_over_dates(book, record):
    first = record(
        examined_on=D(2026, 10, 21),
        valid_from=D(2026, 10, 21),
        valid_to=D(2026, 10, 27),
        capacity="none",
        hours_per_day=None,
        days_per_week=None,
        restrictions=[],
    )
    second = record(examined_on=D(2026, 10, 28), valid_from=D(2026, 10, 28), valid_to=D(2026, 11, 3))
    assert work_status_on(claim=book.claim, on=D(2026, 10, 20)).state == "none"
    assert work_status_on(claim=book.claim, on=D(2026, 10, 21)).report == first
    assert work_status_on(claim=book.claim, on=D(2026, 10, 27)).report == first
    on_28 = work_status_on(claim=book.claim, on=D(2026, 10, 28))
    assert (on_28.state, on_28.report) == ("in_force", second)
    assert work_status_on(claim=book.claim, on=D(2026, 11, 3)).report == second
    lapsed = work_status_on(claim=book.claim, on=D(2026, 11, 4))
    assert (lapsed.state, lapsed.report) == ("expired", second)


def test_overlapping_reports_the_latest_examination_wins(book, record):
    older = record(examined_on=D(2026, 10, 21), valid_from=D(2026, 10, 21), valid_to=None)
    newer = record(
        examined_on=D(2026, 10, 26),
        valid_from=D(2026, 10, 26),
        valid_to=D(2026, 10, 30),
        capacity="none",
        hours_per_day=None,
        days_per_week=None,
        restrictions=[],
    )
    assert work_status_on(claim=book.claim, on=D(2026, 10, 25)).report == older
    assert work_status_on(claim=book.claim, on=D(2026, 10, 28)).report == newer
    # the newer one lapsed; the older one has no end and covers the day again
    assert work_status_on(claim=book.claim, on=D(2026, 11, 2)).report == older


def test_a_correction_replaces_the_report_but_both_stay_in_the_history(book, record):
    first = record()
    fixed = record(corrects_id=first.pk, correction_reason="Wrong end date", valid_to=D(2026, 11, 10))
    assert work_status_on(claim=book.claim, on=D(2026, 11, 8)).report == fixed
    assert work_status_history(claim=book.claim) == [fixed, first]


# --- the diary ------------------------------------------------------------------------------------


@pytest.fixture
def nsw(book):
    """The NSW claim with weekly payments commenced (the 28-day rule applies only then)."""
    claim_event_append(
        actor=book.users["other_adjuster"],
        claim=book.other_claim,
        kind="indemnity.commenced",
        payload={"benefit": "weekly", "first_day": "2026-10-21", "first_payment_on": "2026-10-28"},
    )
    return book.other_claim


def _nsw_certificate(book, claim, examined_on, kind="certificate_of_capacity"):
    return work_status_record(
        actor=book.users["other_adjuster"],
        claim=claim,
        kind=kind,
        examined_on=examined_on,
        valid_from=examined_on,
        valid_to=examined_on + dt.timedelta(days=27),
        capacity="none",
        provider_name="Dr Lee",
    )


def test_certificates_keep_the_nsw_28_day_item_current(book, nsw):
    # Certificate Wed 21 Oct 2026 + 28 days = Wed 18 Nov 2026 (open).
    first = _nsw_certificate(book, nsw, D(2026, 10, 21))
    (o,) = Obligation.objects.filter(claim=nsw, rule_id="nsw.certificate_current")
    assert (o.trigger_seq, o.due_date, o.status) == (first.seq, D(2026, 11, 18), "open")
    # An RTW pass is not a certificate of capacity: the item stays open.
    _nsw_certificate(book, nsw, D(2026, 10, 26), kind="rtw_pass")
    assert Obligation.objects.get(claim=nsw, rule_id="nsw.certificate_current").status == "open"
    # The next certificate, Fri 30 Oct 2026, satisfies it on time; the next is due
    # Fri 30 Oct + 28 days = Fri 27 Nov 2026.
    second = _nsw_certificate(book, nsw, D(2026, 10, 30))
    rows = list(Obligation.objects.filter(claim=nsw, rule_id="nsw.certificate_current").order_by("instance"))
    assert [(r.due_date, r.status, r.satisfied_seq) for r in rows] == [
        (D(2026, 11, 18), "satisfied", second.seq),
        (D(2026, 11, 27), "open", None),
    ]


def test_restrictions_start_the_denver_modified_duty_letter(book, record):
    Organisation.objects.filter(pk=book.employer.pk).update(policies=["modified_duty_program"])
    report = record(examined_on=D(2026, 10, 30), valid_from=D(2026, 10, 30))
    (o,) = Obligation.objects.filter(claim=book.claim, rule_id="co.modified_duty_letter")
    # Fri 30 Oct 2026 + 5 business days: Mon 2, Tue 3, Wed 4, Thu 5, Fri 6 Nov 2026.
    assert (o.trigger_seq, o.due_date, o.status, o.obligor) == (
        report.seq,
        D(2026, 11, 6),
        "open",
        "employer",
    )
