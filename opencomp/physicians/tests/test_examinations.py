"""MMI, impairment ratings, IME referrals (notice period, same doctor rule) and consultant referrals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_event_append
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.physicians.models import ImcReferral, ImeReferral, ImpairmentRating
from opencomp.physicians.selectors import impairment_current, impairment_default, mmi_current
from opencomp.physicians.services import (
    imc_outcome_record,
    imc_refer,
    ime_notice_period,
    ime_outcome_record,
    ime_refer,
    impairment_rate,
    mmi_record,
)

D = dt.date
SYDNEY = dt.timezone(dt.timedelta(hours=11))


def _fields(exc: ValidationFailed) -> set[str]:
    return {e.field for e in exc.errors}


def _count(claim):
    return ClaimEvent.objects.filter(claim=claim).count()


# --- MMI --------------------------------------------------------------------------------------


def test_mmi_is_recorded_with_the_treating_doctor_by_default(book, co_doctor):
    event = mmi_record(actor=book.users["adjuster"], claim=book.claim, mmi_date=D(2026, 10, 30))
    assert (event.kind, event.sensitivity) == ("mmi.recorded", "medical")
    assert event.payload["mmi_date"] == "2026-10-30"
    assert event.payload["provider_name"] == "Dr Jo Reyes"
    assert mmi_current(book.claim) == event


def test_mmi_refusals_name_the_field(book):
    before = _count(book.claim)
    with pytest.raises(ValidationFailed) as exc:
        mmi_record(actor=book.users["adjuster"], claim=book.claim, mmi_date=D(2026, 10, 1))
    assert _fields(exc.value) == {"mmi_date", "physician_name"}
    assert _count(book.claim) == before
    with pytest.raises(PermissionDenied):
        mmi_record(
            actor=book.users["employer_coordinator"],
            claim=book.claim,
            mmi_date=D(2026, 10, 30),
            physician_name="X",
        )


# --- impairment -------------------------------------------------------------------------------


def test_a_ppd_rating_is_recorded_and_is_current(book):
    adjuster = book.users["adjuster"]
    first = impairment_rate(
        actor=adjuster,
        claim=book.claim,
        percent="12",
        rater_name="Dr Level II",
        rated_on=D(2026, 10, 28),
        basis="scheduled",
        body_part="Left arm at the shoulder",
    )
    assert (first.kind, first.percent) == ("ppd", Decimal("12.00"))
    event = ClaimEvent.objects.get(claim=book.claim, seq=first.recorded_seq)
    assert (event.kind, event.sensitivity, event.payload["percent"]) == ("impairment.rated", "medical", "12")
    second = impairment_rate(
        actor=adjuster, claim=book.claim, percent=Decimal("21.5"), rater_name="DIME", rated_on=D(2026, 11, 1)
    )
    assert impairment_current(book.claim) == second
    default = impairment_default(book.claim, kind="ppd")
    assert default is not None
    assert default.percent == Decimal("21.50")
    assert default.source.startswith("from the impairment rating of 1 Nov 2026")


def test_a_nsw_rating_is_wpi_of_the_whole_person(book):
    adjuster = book.users["other_adjuster"]
    rating = impairment_rate(
        actor=adjuster,
        claim=book.other_claim,
        percent="15",
        rater_name="Dr Assessor",
        rated_on=D(2026, 11, 1),
    )
    assert rating.kind == "wpi"
    with pytest.raises(ValidationFailed) as exc:
        impairment_rate(
            actor=adjuster,
            claim=book.other_claim,
            percent="15",
            rater_name="Dr Assessor",
            rated_on=D(2026, 11, 1),
            basis="scheduled",
        )
    assert _fields(exc.value) == {"basis", "body_part"}


def test_impairment_refusals_name_the_field_and_write_nothing(book):
    before = (_count(book.claim), ImpairmentRating.objects.count())
    with pytest.raises(ValidationFailed) as exc:
        impairment_rate(
            actor=book.users["adjuster"], claim=book.claim, percent="101", rater_name="", rated_on=None
        )
    assert _fields(exc.value) == {"percent", "rater_name", "rated_on"}
    with pytest.raises(ValidationFailed) as exc:
        impairment_rate(
            actor=book.users["adjuster"],
            claim=book.claim,
            percent=12.5,
            rater_name="Dr",
            rated_on=D(2026, 11, 1),
        )
    assert _fields(exc.value) == {"percent"}
    assert (_count(book.claim), ImpairmentRating.objects.count()) == before


def test_impairment_rated_is_not_appended_directly(book):
    with pytest.raises(ValidationFailed) as exc:
        claim_event_append(
            actor=book.users["adjuster"],
            claim=book.claim,
            kind="impairment.rated",
            payload={"percent": "10"},
        )
    assert _fields(exc.value) == {"kind"}


# --- IME --------------------------------------------------------------------------------------


def _ime(book, **overrides):
    values = dict(
        actor=book.users["other_adjuster"],
        claim=book.other_claim,
        doctor_name="Dr Helen Marsh",
        specialty="Orthopaedic surgeon",
        purpose="Diagnosis, causation and capacity for work: the questions put to the treating doctor",
        appointment_at=dt.datetime(2026, 11, 16, 10, 30, tzinfo=SYDNEY),
        place="Level 4, 123 Macquarie St, Sydney",
        notice_given_on=D(2026, 11, 2),
    )
    values.update(overrides)
    return ime_refer(**values)


def test_the_nsw_notice_period_comes_from_the_pack():
    period = ime_notice_period("NSW")
    assert period is not None
    assert (period.days, period.text) == (14, "2 weeks")
    assert "seed 004" in period.citation
    assert ime_notice_period("CO") is None


def test_an_ime_with_two_weeks_notice_is_scheduled_and_starts_the_notice_clock(book):
    referral = _ime(book)
    event = ClaimEvent.objects.get(claim=book.other_claim, seq=referral.scheduled_seq)
    assert (event.kind, event.payload["subject"], event.payload["on"]) == (
        "schedule.recorded",
        "ime",
        "2026-11-16",
    )
    assert event.payload["ime_referral_id"] == referral.pk
    assert event.sensitivity == "medical"
    assert Obligation.objects.filter(
        claim=book.other_claim, rule_id="nsw.ime_notice", trigger_seq=referral.scheduled_seq
    ).exists()


def test_less_than_two_weeks_notice_is_refused_unless_the_worker_agreed(book):
    before = (_count(book.other_claim), ImeReferral.objects.count())
    with pytest.raises(ValidationFailed) as exc:
        _ime(book, appointment_at=dt.datetime(2026, 11, 15, 10, 30, tzinfo=SYDNEY))
    assert _fields(exc.value) == {"appointment_at"}
    assert "13 days' notice: at least 2 weeks" in exc.value.errors[0].message
    with pytest.raises(ValidationFailed) as exc:
        _ime(book, appointment_at=dt.datetime(2026, 11, 9, 9, 0, tzinfo=SYDNEY), shorter_notice_agreed=True)
    assert _fields(exc.value) == {"shorter_notice_note"}
    assert (_count(book.other_claim), ImeReferral.objects.count()) == before
    referral = _ime(
        book,
        appointment_at=dt.datetime(2026, 11, 9, 9, 0, tzinfo=SYDNEY),
        shorter_notice_agreed=True,
        shorter_notice_note="Worker agreed by phone on 2 Nov to the earlier slot",
    )
    assert referral.shorter_notice_agreed


def test_a_repeat_ime_goes_to_the_same_doctor_unless_a_seed_reason_is_given(book):
    original = _ime(book)
    with pytest.raises(ValidationFailed) as exc:
        _ime(
            book, doctor_name="Dr Someone Else", appointment_at=dt.datetime(2026, 12, 1, 9, 0, tzinfo=SYDNEY)
        )
    assert _fields(exc.value) == {"doctor_name"}
    assert "Dr Helen Marsh" in exc.value.errors[0].message
    again = _ime(book, appointment_at=dt.datetime(2026, 12, 1, 9, 0, tzinfo=SYDNEY))
    assert again.previous == original
    other = _ime(
        book,
        doctor_name="Dr Someone Else",
        appointment_at=dt.datetime(2026, 12, 2, 9, 0, tzinfo=SYDNEY),
        different_doctor_reason="no_longer_performing_imes",
    )
    assert other.previous == original
    with pytest.raises(ValidationFailed) as exc:
        _ime(
            book, appointment_at=dt.datetime(2026, 12, 3, 9, 0, tzinfo=SYDNEY), different_doctor_reason="whim"
        )
    assert _fields(exc.value) == {"different_doctor_reason"}


def test_ime_outcomes(book, frozen_now):
    referral = _ime(book)
    adjuster = book.users["other_adjuster"]
    with pytest.raises(ValidationFailed) as exc:
        ime_outcome_record(actor=adjuster, referral=referral, outcome="cancelled")
    assert _fields(exc.value) == {"note"}
    frozen_now.move_to(dt.datetime(2026, 11, 17, 3, 0, tzinfo=dt.UTC))
    done = ime_outcome_record(actor=adjuster, referral=referral, outcome="not_attended", on=D(2026, 11, 16))
    assert done.status == "not_attended"
    event = ClaimEvent.objects.get(claim=book.other_claim, seq=done.outcome_seq)
    assert (event.kind, event.payload["outcome"]) == ("ime.outcome_recorded", "not_attended")
    with pytest.raises(ValidationFailed) as exc:
        ime_outcome_record(actor=adjuster, referral=referral, outcome="attended")
    assert _fields(exc.value) == {"status"}


# --- injury management consultants ------------------------------------------------------------


def test_an_imc_referral_and_its_outcome(book):
    adjuster = book.users["other_adjuster"]
    with pytest.raises(ValidationFailed) as exc:
        imc_refer(
            actor=adjuster,
            claim=book.other_claim,
            consultant_name="Dr Ian Cole",
            reason="",
            referred_on=D(2026, 10, 30),
            worker_and_doctor_told=False,
        )
    assert _fields(exc.value) == {"reason", "worker_and_doctor_told"}
    assert not ImcReferral.objects.exists()
    referral = imc_refer(
        actor=adjuster,
        claim=book.other_claim,
        consultant_name="Dr Ian Cole",
        reason="At risk of delayed recovery: no upgrade of capacity in six weeks",
        referred_on=D(2026, 10, 30),
        worker_and_doctor_told=True,
    )
    event = ClaimEvent.objects.get(claim=book.other_claim, seq=referral.referred_seq)
    assert (event.kind, event.sensitivity) == ("imc.referred", "medical")
    done = imc_outcome_record(
        actor=adjuster, referral=referral, outcome="Upgrade to 4 hours a day agreed", on=D(2026, 11, 2)
    )
    assert (done.status, done.outcome_on) == ("completed", D(2026, 11, 2))
    with pytest.raises(ValidationFailed) as exc:
        imc_outcome_record(actor=adjuster, referral=referral, outcome="again", on=D(2026, 11, 2))
    assert _fields(exc.value) == {"status"}


# --- the IME report: a restricted document --------------------------------------------------


def _upload(book, claim, category: str):
    import io

    from opencomp.documents.services import document_upload

    return document_upload(
        actor=book.users["other_adjuster"],
        claim=claim,
        category=category,
        title="IME report, Dr Helen Marsh",
        file_name="ime.pdf",
        content=io.BytesIO(b"%PDF-1.7\n%%EOF\n"),
    )


def test_the_ime_report_is_a_restricted_ime_report_document(book, frozen_now):
    from opencomp.documents.selectors import claim_documents

    referral = _ime(book)
    frozen_now.move_to(dt.datetime(2026, 11, 17, 3, 0, tzinfo=dt.UTC))
    adjuster = book.users["other_adjuster"]
    letter = _upload(book, book.other_claim, "correspondence")
    with pytest.raises(ValidationFailed) as exc:
        ime_outcome_record(actor=adjuster, referral=referral, outcome="attended", report=letter)
    assert _fields(exc.value) == {"report"}
    report = _upload(book, book.other_claim, "ime_report")
    assert report.restricted
    done = ime_outcome_record(actor=adjuster, referral=referral, outcome="attended", report=report)
    assert (done.status, done.report) == ("attended", report)
    event = ClaimEvent.objects.get(claim=book.other_claim, seq=done.outcome_seq)
    assert event.payload["report_document_id"] == report.pk
    # The employer's coordinator sees the claim but never the IME report without the worker's consent
    employer = book.users["other_employer_coordinator"]
    assert report not in claim_documents(user=employer, claim=book.other_claim)
