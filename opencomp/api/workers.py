"""Workers and their employment."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status

from opencomp.accounts.models import User
from opencomp.api.access import WORKER_REGISTRAR_ROLES, employer_for_filing, establishment_of, require_role
from opencomp.api.auth import user_of
from opencomp.api.errors import input_names, responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import WorkerFilters, WorkerIn, WorkerOut, WorkerPage
from opencomp.core.errors import NotFound, PermissionDenied
from opencomp.intake.access import (
    employments_visible_to,
    user_can_file_for_employer,
    worker_queryset_for_user,
)
from opencomp.parties.models import Worker
from opencomp.parties.services import employment_create, worker_create

router = Router(tags=["Workers"])


def _with_employments(workers: QuerySet[Worker], user: User) -> QuerySet[Worker]:
    return workers.prefetch_related(Prefetch("employments", queryset=employments_visible_to(user)))


@router.get(
    "",
    **responses({200: WorkerPage}, 400),
    summary="List workers",
    description="Claims staff see workers of the employers their organisation administers; employer users "
    "their own employees; a worker sees themself.",
)
def worker_list(request: HttpRequest, filters: Query[WorkerFilters]) -> WorkerPage:
    user = user_of(request)
    qs = worker_queryset_for_user(user).order_by("family_name", "given_name", "pk")
    if filters.employer_id is not None:
        qs = qs.filter(employments__employer_id=filters.employer_id).distinct()
    for word in filters.q.split()[:3]:
        qs = qs.filter(Q(family_name__icontains=word) | Q(given_name__icontains=word))
    count, items = page_of(_with_employments(qs, user), filters)
    return WorkerPage(count=count, items=[WorkerOut.of(w, list(w.employments.all())) for w in items])


@router.get("/{int:worker_id}", **responses({200: WorkerOut}, 404), summary="Get a worker")
def worker_get(request: HttpRequest, worker_id: int) -> WorkerOut:
    user = user_of(request)
    worker = _with_employments(worker_queryset_for_user(user).filter(pk=worker_id), user).first()
    if worker is None:
        raise NotFound(f"Worker {worker_id} was not found.")
    return WorkerOut.of(worker, list(worker.employments.all()))


@router.post(
    "",
    **responses({201: WorkerOut}, 400, 403),
    summary="Register a worker",
    description="Creates the worker with their employment at an employer you may file for.",
)
def worker_create_api(request: HttpRequest, body: WorkerIn) -> Status[WorkerOut]:
    user = user_of(request)
    require_role(user, WORKER_REGISTRAR_ROLES, "You may not register workers.")
    job = body.employment
    employer = employer_for_filing(user, job.employer_id, field="employment.employer_id")
    if not user_can_file_for_employer(user, employer):
        raise PermissionDenied(f"You may not register workers for {employer.name}.")
    establishment = (
        establishment_of(employer, job.establishment_id, field="employment.establishment_id")
        if job.establishment_id is not None
        else None
    )
    # Two services, one transaction: a worker is never left without the employment that makes them visible.
    with transaction.atomic():
        worker = worker_create(
            actor=user,
            given_name=body.given_name,
            family_name=body.family_name,
            date_of_birth=body.date_of_birth,
            gender=body.gender,
            street=body.street,
            city=body.city,
            region=body.region,
            postcode=body.postcode,
            country=body.country,
            phone=body.phone,
            email=body.email,
            preferred_language=body.preferred_language,
            interpreter_required=body.interpreter_required,
        )
        with input_names("employment.", employer="employer_id", establishment="establishment_id"):
            employment = employment_create(
                actor=user,
                worker=worker,
                employer=employer,
                establishment=establishment,
                employee_number=job.employee_number,
                job_title=job.job_title,
                hire_date=job.hire_date,
                end_date=job.end_date,
                employment_type=job.employment_type,
                hours_per_week=job.hours_per_week,
                days_per_week=job.days_per_week,
            )
    return Status(201, WorkerOut.of(worker, [employment]))
