"""Writes of the parties context. Each validates fully and writes an audit entry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from opencomp.accounts.models import Organisation, User
from opencomp.core import clock
from opencomp.core.errors import ValidationFailed
from opencomp.core.services import audit_record, full_clean_or_raise
from opencomp.parties.models import Attorney, Employment, Establishment, Provider, WageRecord, Worker


def _require_employer(org: Organisation, field: str = "employer") -> None:
    if not org.is_employer:
        raise ValidationFailed.for_field(field, f"{org.name} is not an employer")


@transaction.atomic
def establishment_create(
    *,
    actor: User | None,
    organisation: Organisation,
    name: str,
    street: str,
    city: str,
    region: str,
    postcode: str,
    country: str = "US",
    naics_code: str = "",
) -> Establishment:
    _require_employer(organisation, "organisation")
    est = Establishment(
        organisation=organisation,
        name=name,
        street=street,
        city=city,
        region=region,
        postcode=postcode,
        country=country,
        naics_code=naics_code,
    )
    full_clean_or_raise(est)
    est.save()
    audit_record(actor=actor, action="establishment.created", obj=est, data={"name": name})
    return est


@transaction.atomic
def worker_create(
    *,
    actor: User | None,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date,
    gender: str = "not_stated",
    street: str = "",
    city: str = "",
    region: str = "",
    postcode: str = "",
    country: str = "US",
    phone: str = "",
    email: str = "",
    preferred_language: str = "English",
    interpreter_required: bool = False,
    user: User | None = None,
) -> Worker:
    if date_of_birth >= clock.today():
        raise ValidationFailed.for_field("date_of_birth", "must be in the past")
    worker = Worker(
        given_name=given_name,
        family_name=family_name,
        date_of_birth=date_of_birth,
        gender=gender,
        street=street,
        city=city,
        region=region,
        postcode=postcode,
        country=country,
        phone=phone,
        email=email,
        preferred_language=preferred_language,
        interpreter_required=interpreter_required,
        user=user,
        created_at=clock.now(),
    )
    full_clean_or_raise(worker)
    worker.save()
    audit_record(actor=actor, action="worker.created", obj=worker, data={"name": worker.full_name})
    return worker


@transaction.atomic
def employment_create(
    *,
    actor: User | None,
    worker: Worker,
    employer: Organisation,
    job_title: str,
    hire_date: dt.date,
    employment_type: str,
    hours_per_week: Decimal,
    days_per_week: Decimal,
    establishment: Establishment | None = None,
    employee_number: str = "",
    end_date: dt.date | None = None,
) -> Employment:
    _require_employer(employer)
    if establishment is not None and establishment.organisation_id != employer.pk:
        raise ValidationFailed.for_field("establishment", "belongs to a different employer")
    if hire_date < worker.date_of_birth:
        raise ValidationFailed.for_field("hire_date", "is before the worker's date of birth")
    employment = Employment(
        worker=worker,
        employer=employer,
        establishment=establishment,
        employee_number=employee_number,
        job_title=job_title,
        hire_date=hire_date,
        end_date=end_date,
        employment_type=employment_type,
        hours_per_week=hours_per_week,
        days_per_week=days_per_week,
    )
    full_clean_or_raise(employment)
    employment.save()
    audit_record(
        actor=actor,
        action="employment.created",
        obj=employment,
        data={"worker_id": worker.pk, "employer_id": employer.pk, "job_title": job_title},
    )
    return employment


@transaction.atomic
def wage_record_add(
    *,
    actor: User | None,
    employment: Employment,
    period_start: dt.date,
    period_end: dt.date,
    amount: Decimal,
    kind: str = "ordinary",
    hours: Decimal | None = None,
) -> WageRecord:
    if not isinstance(amount, Decimal):
        raise ValidationFailed.for_field("amount", "must be a Decimal amount")
    if period_end < period_start:
        raise ValidationFailed.for_field("period_end", "is before period_start")
    record = WageRecord(
        employment=employment,
        period_start=period_start,
        period_end=period_end,
        amount=amount,
        kind=kind,
        hours=hours,
    )
    full_clean_or_raise(record)
    record.save()
    audit_record(
        actor=actor,
        action="wage_record.added",
        obj=record,
        data={"employment_id": employment.pk, "amount": str(amount), "kind": kind},
    )
    return record


@transaction.atomic
def provider_create(
    *,
    actor: User | None,
    kind: str,
    name: str,
    practice_name: str = "",
    provider_number: str = "",
    specialty: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    user: User | None = None,
) -> Provider:
    provider = Provider(
        kind=kind,
        name=name,
        practice_name=practice_name,
        provider_number=provider_number,
        specialty=specialty,
        address=address,
        phone=phone,
        email=email,
        user=user,
    )
    full_clean_or_raise(provider)
    provider.save()
    audit_record(actor=actor, action="provider.created", obj=provider, data={"name": name, "kind": kind})
    return provider


@transaction.atomic
def attorney_create(
    *,
    actor: User | None,
    name: str,
    represents: str,
    firm: str = "",
    bar_number: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
) -> Attorney:
    attorney = Attorney(
        name=name,
        represents=represents,
        firm=firm,
        bar_number=bar_number,
        address=address,
        phone=phone,
        email=email,
    )
    full_clean_or_raise(attorney)
    attorney.save()
    audit_record(actor=actor, action="attorney.created", obj=attorney, data={"name": name})
    return attorney
