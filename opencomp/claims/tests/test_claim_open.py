"""Opening claims: numbering, validation, conversion from a report, assignment, corrections."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from opencomp.accounts.models import Notification
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import (
    ClaimDraft,
    claim_assign,
    claim_correct_details,
    claim_create,
    claim_create_from_report,
)
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.intake.models import InjuryReport
from opencomp.intake.services import injury_report_submit


def _draft(book, **overrides):
    values = dict(
        jurisdiction="CO",
        employer=book.employer,
        worker=book.worker,
        injury_date=dt.date(2026, 10, 30),
        employer_knowledge_date=dt.date(2026, 10, 30),
        claim_type="medical_only",
        nature_of_injury="Laceration",
        body_part="Left hand",
        description="Cut on sheet metal edge.",
    )
    values.update(overrides)
    return ClaimDraft(**values)


@pytest.mark.smoke
def test_claim_numbers_follow_jurisdiction_and_year(book):
    first = claim_create(actor=book.users["adjuster"], draft=_draft(book))
    second = claim_create(actor=book.users["adjuster"], draft=_draft(book))

    # the book already opened two CO claims notified in 2026
    assert first.number == "CO-26-000003"
    assert second.number == "CO-26-000004"
    assert first.administrator == book.insurer
    assert first.notification_date == dt.date(2026, 11, 2)  # defaults to today
    created = first.events.get()
    assert created.kind == EventKind.CLAIM_CREATED
    assert created.seq == 1


@pytest.mark.parametrize(
    ("_case", "overrides", "field"),
    [
        (
            "future injury",
            {"injury_date": dt.date(2026, 12, 1), "employer_knowledge_date": dt.date(2026, 12, 1)},
            "injury_date",
        ),
        (
            "knowledge before injury",
            {"employer_knowledge_date": dt.date(2026, 10, 1)},
            "employer_knowledge_date",
        ),
        ("unknown jurisdiction", {"jurisdiction": "XX"}, "jurisdiction"),
        ("bad claim type", {"claim_type": "fatal"}, "claim_type"),
        ("blank body part", {"body_part": "  "}, "body_part"),
    ],
)
def test_bad_claim_input_names_the_field_and_writes_nothing(book, _case, overrides, field):
    claims, events = Claim.objects.count(), ClaimEvent.objects.count()

    with pytest.raises(ValidationFailed) as exc:
        claim_create(actor=book.users["adjuster"], draft=_draft(book, **overrides))

    assert field in [e.field for e in exc.value.errors]
    assert (Claim.objects.count(), ClaimEvent.objects.count()) == (claims, events)


def test_worker_not_employed_by_employer_is_refused(book):
    with pytest.raises(ValidationFailed) as exc:
        claim_create(actor=book.users["adjuster"], draft=_draft(book, worker=book.other_worker))
    assert exc.value.errors[0].field == "worker"


def test_adjuster_cannot_open_a_claim_for_another_administrator(book):
    with pytest.raises(PermissionDenied):
        claim_create(actor=book.users["other_adjuster"], draft=_draft(book))
    assert not Claim.objects.filter(injury_date=dt.date(2026, 10, 30)).exists()


def _report(book):
    return injury_report_submit(
        actor=book.users["employer_supervisor"],
        employer=book.employer,
        worker=book.worker,
        jurisdiction="CO",
        injury_date=dt.date(2026, 10, 29),
        injury_time=dt.time(9, 15),
        location="Press line 3",
        nature_of_injury="Crush",
        body_part="Finger",
        body_side="right",
        how_it_happened="Finger caught in the press die during setup.",
        reported_to_employer_on=dt.date(2026, 10, 29),
        notifier_name="Pat Foreman",
        notifier_relationship="supervisor",
        medical_treatment_sought=True,
        time_lost=True,
    )


@pytest.mark.smoke
def test_report_becomes_a_claim_once(book):
    report = _report(book)

    claim = claim_create_from_report(actor=book.users["adjuster"], report=report, claim_type="lost_time")

    assert claim.source_report == report
    assert claim.body_part == "Finger (right)"
    assert claim.injury_time == dt.time(9, 15)
    assert claim.employer_knowledge_date == dt.date(2026, 10, 29)
    assert InjuryReport.objects.get(pk=report.pk).status == "converted"
    assert claim.events.get().payload["source_report_id"] == report.pk
    with pytest.raises(ValidationFailed, match="no longer awaiting a claim"):
        claim_create_from_report(actor=book.users["adjuster"], report=report, claim_type="lost_time")


def test_reassignment_notifies_worker_and_employer(book):
    # given
    claim = book.claim
    mail.outbox.clear()

    # when
    with pytest.raises(PermissionDenied):
        claim_assign(actor=book.users["adjuster"], claim=claim, adjuster=book.users["adjuster2"])
    claim = claim_assign(
        actor=book.users["supervisor"],
        claim=claim,
        adjuster=book.users["adjuster2"],
        reason="Caseload balance",
    )

    # then
    assert claim.assigned_adjuster == book.users["adjuster2"]
    event = claim.events.order_by("-seq").first()
    assert event.kind == EventKind.ASSIGNED
    assert event.payload["from_adjuster_id"] == book.users["adjuster"].pk
    assert event.payload["notified"] == ["worker", "employer"]
    notes = Notification.objects.filter(claim_number=claim.number, subject__contains="claims contact")
    assert notes.count() == 4  # two from the book's first assignment, two now
    assert "Blake Second" in notes.first().body


@pytest.mark.django_db(transaction=True)
def test_assignment_email_goes_out_after_commit(frozen_now):
    from conftest import build_book

    mail.outbox.clear()
    book = build_book()

    claim_assign(actor=book.users["supervisor"], claim=book.claim, adjuster=book.users["adjuster2"])

    recipients = sorted(m.to[0] for m in mail.outbox if book.claim.number in m.subject)
    assert recipients == ["hr@acme.test", "hr@acme.test", "maria@example.test", "maria@example.test"]


def test_assignee_must_work_for_the_administrator(book):
    with pytest.raises(ValidationFailed) as exc:
        claim_assign(actor=book.users["supervisor"], claim=book.claim, adjuster=book.users["other_adjuster"])
    assert exc.value.errors[0].field == "adjuster"


def test_correction_changes_projection_and_keeps_history(book):
    claim = claim_correct_details(
        actor=book.users["adjuster"],
        claim=book.claim,
        changes={"injury_date": "2026-10-19", "body_part": "Lumbar spine"},
        reason="Worker's statement gives the 19th.",
    )

    assert claim.injury_date == dt.date(2026, 10, 19)
    event = claim.events.order_by("-seq").first()
    assert event.kind == EventKind.DETAILS_CORRECTED
    assert event.corrects.kind == EventKind.CLAIM_CREATED
    assert event.payload["changes"]["injury_date"] == ["2026-10-20", "2026-10-19"]


def test_correction_refuses_uncorrectable_and_invalid_values(book):
    events = ClaimEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        claim_correct_details(
            actor=book.users["adjuster"], claim=book.claim, changes={"status": "open"}, reason="x"
        )
    assert exc.value.errors[0].field == "status"
    with pytest.raises(ValidationFailed) as exc:
        claim_correct_details(
            actor=book.users["adjuster"], claim=book.claim, changes={"injury_date": "not a date"}, reason="x"
        )
    assert exc.value.errors[0].field == "injury_date"
    assert ClaimEvent.objects.count() == events
