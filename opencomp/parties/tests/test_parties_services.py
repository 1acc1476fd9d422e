"""Parties: establishments, workers, employment and wages, providers and attorneys."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from opencomp.core.errors import ValidationFailed
from opencomp.core.models import AuditEntry
from opencomp.parties.models import Employment, WageRecord, Worker
from opencomp.parties.services import (
    attorney_create,
    employment_create,
    establishment_create,
    provider_create,
    wage_record_add,
    worker_create,
)


@pytest.mark.smoke
def test_worker_with_interpreter_need_is_created_and_audited(book):
    worker = worker_create(
        actor=book.users["adjuster"],
        given_name="Lan",
        family_name="Tran",
        date_of_birth=dt.date(1979, 2, 3),
        preferred_language="Vietnamese",
        interpreter_required=True,
        email="lan@example.test",
    )
    assert worker.full_name == "Lan Tran"
    assert (
        AuditEntry.objects.get(action="worker.created", object_id=str(worker.pk)).actor
        == book.users["adjuster"]
    )


def test_worker_validation_names_fields(book):
    count = Worker.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        worker_create(
            actor=None, given_name="", family_name="X", date_of_birth=dt.date(1990, 1, 1), email="nope"
        )
    assert sorted(e.field for e in exc.value.errors) == ["email", "given_name"]
    with pytest.raises(ValidationFailed) as exc:
        worker_create(actor=None, given_name="A", family_name="B", date_of_birth=dt.date(2030, 1, 1))
    assert exc.value.errors[0].field == "date_of_birth"
    assert Worker.objects.count() == count


def test_establishment_needs_an_employer_and_a_naics_code_shape(book):
    with pytest.raises(ValidationFailed) as exc:
        establishment_create(
            actor=None,
            organisation=book.insurer,
            name="HQ",
            street="1 A St",
            city="Denver",
            region="CO",
            postcode="80202",
        )
    assert exc.value.errors[0].field == "organisation"
    with pytest.raises(ValidationFailed) as exc:
        establishment_create(
            actor=None,
            organisation=book.employer,
            name="Plant 2",
            street="1 A St",
            city="Denver",
            region="CO",
            postcode="80202",
            naics_code="33A",
        )
    assert exc.value.errors[0].field == "naics_code"


def test_employment_rules(book):
    with pytest.raises(ValidationFailed) as exc:
        employment_create(
            actor=None,
            worker=book.worker,
            employer=book.employer,
            job_title="Welder",
            hire_date=dt.date(2020, 1, 1),
            employment_type="full_time",
            hours_per_week=Decimal("200"),
            days_per_week=Decimal("5"),
        )
    assert exc.value.errors[0].field == "hours_per_week"
    with pytest.raises(ValidationFailed) as exc:
        employment_create(
            actor=None,
            worker=book.worker,
            employer=book.other_employer,
            job_title="Welder",
            hire_date=dt.date(2020, 1, 1),
            employment_type="full_time",
            hours_per_week=Decimal("38"),
            days_per_week=Decimal("5"),
            establishment=book.establishment,
        )
    assert exc.value.errors[0].field == "establishment"


def test_database_enforces_week_limits(book):
    employment = Employment.objects.filter(worker=book.worker).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Employment.objects.filter(pk=employment.pk).update(days_per_week=Decimal("8"))


def test_wages_are_decimal_and_periods_ordered(book):
    employment = Employment.objects.filter(worker=book.worker).first()
    record = wage_record_add(
        actor=None,
        employment=employment,
        period_start=dt.date(2026, 10, 5),
        period_end=dt.date(2026, 10, 11),
        amount=Decimal("1234.56"),
        hours=Decimal("40"),
    )
    assert WageRecord.objects.get(pk=record.pk).amount == Decimal("1234.56")
    with pytest.raises(ValidationFailed) as exc:
        wage_record_add(
            actor=None,
            employment=employment,
            period_start=dt.date(2026, 10, 5),
            period_end=dt.date(2026, 10, 11),
            amount=1234.56,
        )
    assert exc.value.errors[0].field == "amount"
    with pytest.raises(ValidationFailed) as exc:
        wage_record_add(
            actor=None,
            employment=employment,
            period_start=dt.date(2026, 10, 11),
            period_end=dt.date(2026, 10, 5),
            amount=Decimal("1"),
        )
    assert exc.value.errors[0].field == "period_end"


def test_providers_and_attorneys(book):
    ime = provider_create(actor=None, kind="ime", name="Dr A. Examiner", specialty="Orthopaedics")
    attorney = attorney_create(actor=None, name="L. Counsel", firm="Counsel & Co", represents="worker")
    assert str(ime) == "Dr A. Examiner"
    assert str(attorney) == "L. Counsel (Counsel & Co)"
    with pytest.raises(ValidationFailed) as exc:
        provider_create(actor=None, kind="witch_doctor", name="X")
    assert exc.value.errors[0].field == "kind"
