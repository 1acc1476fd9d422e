"""Reads of the intake context. Selectors never write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from opencomp.accounts.models import User
from opencomp.intake.access import filing_employers_for, incident_queryset_for_user
from opencomp.intake.enums import IncidentStatus
from opencomp.intake.models import Incident


@dataclass(frozen=True)
class IncidentFilters:
    """Register-of-injuries filters; empty values mean "any"."""

    outcome: str = ""
    status: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    employer_id: int | None = None
    worker_id: int | None = None


def incident_list(*, user: User, filters: IncidentFilters) -> QuerySet[Incident]:
    """Incidents ``user`` may see, filtered, newest first."""
    incidents = incident_queryset_for_user(user).select_related("injury_report")
    if filters.outcome:
        incidents = incidents.filter(outcome=filters.outcome)
    if filters.status:
        incidents = incidents.filter(status=filters.status)
    if filters.date_from:
        incidents = incidents.filter(occurred_at__date__gte=filters.date_from)
    if filters.date_to:
        incidents = incidents.filter(occurred_at__date__lte=filters.date_to)
    if filters.employer_id is not None:
        incidents = incidents.filter(employer_id=filters.employer_id)
    if filters.worker_id is not None:
        incidents = incidents.filter(worker_id=filters.worker_id)
    return incidents.order_by("-occurred_at", "-pk")


def incidents_awaiting_report(user: User) -> QuerySet[Incident]:
    """Logged incidents of the user's filing employers that have no injury report yet."""
    return incident_queryset_for_user(user).filter(
        status=IncidentStatus.LOGGED, employer__in=filing_employers_for(user)
    )
