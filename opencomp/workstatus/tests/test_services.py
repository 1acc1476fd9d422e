from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from opencomp.accounts.models import Notification
from opencomp.claims.enums import EventKind, Sensitivity
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_event_append
from opencomp.consent.services import consent_give, consent_withdraw
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.documents.services import document_upload
from opencomp.documents.tests import samples
from opencomp.workstatus.models import WorkStatusReport

D = dt.date


def _fields(exc: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {e.field: e.message for e in exc.value.errors}


def _nothing_written(book, seq_before: int) -> None:
    book.claim.refresh_from_db()
    assert book.claim.last_event_seq == seq_before
    assert WorkStatusReport.objects.count() == 0
    assert Notification.objects.filter(subject__startswith="Work status").count() == 0


def _upload(book, category: str, claim=None):
    return document_upload(
        actor=book.users["adjuster"],
        claim=claim or book.claim,
        category=category,
        title="Certificate",
        file_name="cert.pdf",
        content=io.BytesIO(samples.PDF),
    )


def test_record_writes_the_report_and_its_event(book, record):
    doc = _upload(book, "certificate")
    report = record(
        kind="certificate_of_capacity",
        document_id=doc.pk,
        provider_id=book.provider.pk,
        provider_name="",
        next_review_on=D(2026, 11, 5),
        restrictions=[
            {"kind": "lifting", "limit": "20"},
            {"kind": "standing", "limit": "30", "note": "then sit"},
            {"kind": "arm_hand", "side": "right"},
            {"kind": "other", "note": "no ladders"},
        ],
        restrictions_text="Rest breaks every hour.",
    )
    assert report.provider_name == "Dr Jo Reyes"
    assert report.hours_per_day == Decimal("6")
    assert report.restrictions == [
        {"kind": "lifting", "limit": "20", "unit": "lb", "side": "", "note": ""},
        {"kind": "standing", "limit": "30", "unit": "min", "side": "", "note": "then sit"},
        {"kind": "arm_hand", "limit": "", "unit": "", "side": "right", "note": ""},
        {"kind": "other", "limit": "", "unit": "", "side": "", "note": "no ladders"},
    ]
    event = ClaimEvent.objects.get(claim=book.claim, seq=report.seq)
    assert event.kind == EventKind.WORK_STATUS_RECORDED
    assert event.sensitivity == Sensitivity.MEDICAL
    assert event.payload["certificate"] is True
    assert event.payload["capacity"] == "partial"
    assert event.payload["from_date"] == "2026-10-22"
    assert event.payload["to_date"] == "2026-11-05"
    assert event.payload["report_id"] == report.pk
    assert event.payload["document_id"] == doc.pk
    assert event.payload["hours_per_day"] == "6"
    assert event.payload["restriction_items"][0] == {
        "kind": "lifting",
        "limit": "20",
        "unit": "lb",
        "side": "",
        "note": "",
    }
    # the report's date on the log: the examination day in Denver
    assert event.occurred_at == dt.datetime(2026, 10, 22, 6, 0, tzinfo=dt.UTC)


def test_an_rtw_pass_is_not_a_certificate(book, record):
    report = record()
    assert ClaimEvent.objects.get(claim=book.claim, seq=report.seq).payload["certificate"] is False


def test_lifting_is_in_kilograms_in_nsw(book):
    from opencomp.workstatus.services import work_status_record

    report = work_status_record(
        actor=book.users["other_adjuster"],
        claim=book.other_claim,
        kind="certificate_of_capacity",
        examined_on=D(2026, 10, 22),
        valid_from=D(2026, 10, 22),
        capacity="partial",
        restrictions=[{"kind": "lifting", "limit": "7.5"}],
        provider_name="Dr Lee",
    )
    assert report.restrictions[0]["unit"] == "kg"
    assert report.restrictions[0]["limit"] == "7.5"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"valid_to": D(2026, 10, 21)}, "valid_to", "is before the first day it covers (22 Oct 2026)"),
        ({"hours_per_day": "25"}, "hours_per_day", "must be more than 0 and at most 24 hours"),
        ({"hours_per_day": "0"}, "hours_per_day", "must be more than 0 and at most 24 hours"),
        ({"hours_per_day": "six"}, "hours_per_day", "must be a number"),
        ({"days_per_week": "8"}, "days_per_week", "must be more than 0 and at most 7 days"),
        ({"kind": "sick_note"}, "kind", "choose one of: certificate_of_capacity, rtw_pass, activity_report"),
        ({"capacity": "some"}, "capacity", "choose one of: full, partial, none"),
        ({"examined_on": None}, "examined_on", "give the date of the examination"),
        ({"examined_on": D(2026, 11, 3)}, "examined_on", "is in the future"),
        ({"valid_from": D(2026, 10, 1)}, "valid_from", "is before the injury date (20 Oct 2026)"),
        ({"next_review_on": D(2026, 10, 21)}, "next_review_on", "is before the examination (22 Oct 2026)"),
        (
            {"provider_name": ""},
            "provider_name",
            "name the provider who issued it, or choose one of the claim's providers",
        ),
        (
            {"provider_id": 999999, "provider_name": ""},
            "provider_id",
            "is not a provider on this claim; add them first or type the name",
        ),
        (
            {"restrictions": [{"kind": "lifting", "limit": "300"}]},
            "restrictions.0.limit",
            "must be between 0 and 220 lb",
        ),
        (
            {"restrictions": [{"kind": "lifting"}]},
            "restrictions.0.limit",
            "give the most the worker may lift, in lb (0: no lifting)",
        ),
        (
            {"restrictions": [{"kind": "lifting", "limit": "10", "unit": "kg"}]},
            "restrictions.0.unit",
            "lifting limits on this claim are in lb",
        ),
        (
            {"restrictions": [{"kind": "sitting", "limit": "2000"}]},
            "restrictions.0.limit",
            "must be whole minutes between 0 and 1440",
        ),
        (
            {"restrictions": [{"kind": "walking", "limit": "12.5"}]},
            "restrictions.0.limit",
            "must be whole minutes between 0 and 1440",
        ),
        (
            {"restrictions": [{"kind": "driving", "limit": "3"}]},
            "restrictions.0.limit",
            "only lifting, standing, sitting and walking take a limit",
        ),
        ({"restrictions": [{"kind": "arm_hand"}]}, "restrictions.0.side", "choose one of: left, right, both"),
        ({"restrictions": [{"kind": "other"}]}, "restrictions.0.note", "say what the restriction is"),
        (
            {"restrictions": [{"kind": "juggling"}]},
            "restrictions.0.kind",
            "choose one of: lifting, standing, sitting, walking, driving, arm_hand, bending, climbing, other",
        ),
        (
            {"restrictions": [{"kind": "bending"}, {"kind": "bending"}]},
            "restrictions.1.kind",
            "is given twice; give each restriction once",
        ),
        ({"capacity": "full"}, "restrictions", "a worker fit for pre-injury duties has no restrictions"),
        (
            {"capacity": "none", "restrictions": []},
            "hours_per_day",
            "leave empty: the worker has no capacity for work",
        ),
        (
            {"corrects_id": 999999, "correction_reason": "typo"},
            "corrects_id",
            "is not a work status report of this claim",
        ),
        ({"correction_reason": "typo"}, "correction_reason", "only a correction takes a reason"),
    ],
)
def test_each_refusal_names_its_field_and_changes_nothing(book, record, overrides, field, message):
    seq = book.claim.last_event_seq
    with pytest.raises(ValidationFailed) as exc:
        record(**overrides)
    assert _fields(exc)[field] == message
    _nothing_written(book, seq)


def test_document_must_be_a_certificate_of_this_claim(book, record):
    letter = _upload(book, "correspondence")
    elsewhere = document_upload(
        actor=book.users["other_adjuster"],
        claim=book.other_claim,
        category="certificate",
        title="Certificate",
        file_name="cert.pdf",
        content=io.BytesIO(samples.PDF),
    )
    book.claim.refresh_from_db()
    seq = book.claim.last_event_seq
    with pytest.raises(ValidationFailed) as exc:
        record(document_id=letter.pk)
    assert _fields(exc) == {"document_id": "is a correspondence, not a certificate"}
    with pytest.raises(ValidationFailed) as exc:
        record(document_id=elsewhere.pk)
    assert _fields(exc) == {"document_id": "is not a document of this claim"}
    _nothing_written(book, seq)


@pytest.mark.parametrize(
    "role", ["employer_coordinator", "worker", "auditor", "other_adjuster", "compliance_officer"]
)
def test_only_staff_and_treating_providers_record(book, record, role):
    seq = book.claim.last_event_seq
    with pytest.raises(PermissionDenied):
        record(actor=book.users[role])
    _nothing_written(book, seq)


def test_the_treating_provider_records(book, record):
    report = record(actor=book.users["provider"], provider_id=book.provider.pk, provider_name="")
    assert report.recorded_by == book.users["provider"]


def test_a_correction_names_the_report_and_its_event(book, record):
    first = record()
    second = record(
        corrects_id=first.pk,
        correction_reason="Lifting limit was 10 lb",
        restrictions=[{"kind": "lifting", "limit": "10"}],
    )
    assert second.corrects == first
    event = ClaimEvent.objects.get(claim=book.claim, seq=second.seq)
    assert event.corrects.seq == first.seq
    book.claim.refresh_from_db()
    seq = book.claim.last_event_seq
    with pytest.raises(ValidationFailed) as exc:
        record(corrects_id=first.pk, correction_reason="again")
    assert _fields(exc) == {"corrects_id": "has already been corrected; correct the correction instead"}
    with pytest.raises(ValidationFailed) as exc:
        record(corrects_id=second.pk)
    assert _fields(exc) == {"correction_reason": "say what was wrong with the report corrected"}
    book.claim.refresh_from_db()
    assert book.claim.last_event_seq == seq
    assert WorkStatusReport.objects.count() == 2


def test_work_status_cannot_be_appended_with_report_fields_directly(book):
    with pytest.raises(ValidationFailed) as exc:
        claim_event_append(
            actor=book.users["adjuster"],
            claim=book.claim,
            kind=EventKind.WORK_STATUS_RECORDED,
            payload={"capacity": "none", "from_date": "2026-10-22", "report_id": 1},
        )
    assert _fields(exc) == {
        "payload.report_id": (
            "is written by OpenComp's own services (letters, work status reports, treatment requests), "
            "not recorded directly"
        )
    }


# --- notifications -----------------------------------------------------------------------------


def _notices(user):
    return list(Notification.objects.filter(recipient=user, subject__startswith="Work status").order_by("pk"))


def _consent(book, categories=("capacity_restrictions",)):
    return consent_give(
        actor=book.users["adjuster"],
        claim=book.claim,
        given_by="worker",
        given_on=D(2026, 10, 22),
        method="signed_form",
        categories=list(categories),
        recipients=["employer"],
        purpose="Return to work planning",
    )


def test_a_change_notifies_the_adjuster_and_consented_employer_people(book, record):
    _consent(book)
    record(actor=book.users["supervisor"])
    adjuster = _notices(book.users["adjuster"])
    assert len(adjuster) == 1
    assert adjuster[0].subject == f"Work status changed on claim {book.claim.number}"
    assert "Dr Jo Reyes" in adjuster[0].body
    assert "This is the first work status report on the claim." in adjuster[0].body
    for role in ("employer_coordinator", "employer_supervisor"):
        (notice,) = _notices(book.users[role])
        assert notice.channel == "portal"
        assert notice.body == (
            "The work status of Maria Lopez changed (released to the employer with the worker's consent).\n"
            "Fit for modified duties (restrictions), 6 hours a day, 5 days a week, "
            "from 22 Oct 2026 to 5 Nov 2026.\n"
            "Restrictions: Lifting: at most 20 lb — from waist height."
        )
        assert "Dr Jo Reyes" not in notice.body
    assert _notices(book.users["other_employer_coordinator"]) == []


def test_without_consent_employer_people_are_told_nothing(book, record):
    _consent(book, categories=("certificate",))  # certificates only: not capacity and restrictions
    record(actor=book.users["supervisor"])
    assert len(_notices(book.users["adjuster"])) == 1
    assert _notices(book.users["employer_coordinator"]) == []
    assert _notices(book.users["employer_supervisor"]) == []


def test_a_withdrawn_consent_stops_employer_notices(book, record):
    consent = _consent(book)
    consent_withdraw(
        actor=book.users["adjuster"], consent=consent, withdrawn_on=D(2026, 11, 1), method="email"
    )
    record(actor=book.users["supervisor"])
    assert _notices(book.users["employer_coordinator"]) == []


def test_no_notice_when_capacity_and_restrictions_stay_the_same(book, record):
    _consent(book)
    record(actor=book.users["supervisor"])
    record(
        actor=book.users["supervisor"],
        examined_on=D(2026, 10, 29),
        valid_from=D(2026, 10, 29),
        hours_per_day="7",
    )
    assert len(_notices(book.users["adjuster"])) == 1
    assert len(_notices(book.users["employer_coordinator"])) == 1
    record(
        actor=book.users["supervisor"],
        examined_on=D(2026, 10, 30),
        valid_from=D(2026, 10, 30),
        restrictions=[{"kind": "lifting", "limit": "30", "note": "from waist height"}],
    )
    assert len(_notices(book.users["adjuster"])) == 2
    assert len(_notices(book.users["employer_coordinator"])) == 2


def test_the_actor_is_not_notified_of_their_own_report(book, record):
    record()  # by the adjuster
    assert _notices(book.users["adjuster"]) == []
