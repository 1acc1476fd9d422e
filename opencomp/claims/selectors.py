"""Reads of the claims context. Selectors never write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from opencomp.accounts.models import Organisation, User
from opencomp.claims.access import claim_queryset_for_user
from opencomp.claims.models import Claim, ClaimParticipant
from opencomp.core import clock
from opencomp.jurisdictions.registry import JURISDICTIONS


def claim_today(claim: Claim) -> dt.date:
    """Today in the claim's jurisdiction: the date its deadlines, payments and checks count from."""
    return clock.today_in(JURISDICTIONS[claim.jurisdiction].time_zone)


SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "injury": ("-injury_date", "-pk"),
    "number": ("number",),
    "status": ("status", "-created_at"),
}


@dataclass(frozen=True)
class ClaimFilters:
    """Work-queue filters; empty values mean "any"."""

    mine: bool = False
    q: str = ""
    status: str = ""
    jurisdiction: str = ""
    employer_id: int | None = None
    adjuster_id: int | None = None
    sort: str = "newest"


def claim_list(*, user: User, filters: ClaimFilters) -> QuerySet[Claim]:
    """Claims ``user`` may see, filtered for the work queue.

    ``q`` matches the claim number (prefix), or the worker's or employer's name (substring).
    """
    qs = claim_queryset_for_user(user).select_related(
        "employer", "worker", "assigned_adjuster", "administrator"
    )
    if filters.mine:
        qs = qs.filter(assigned_adjuster=user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.jurisdiction:
        qs = qs.filter(jurisdiction=filters.jurisdiction)
    if filters.employer_id:
        qs = qs.filter(employer_id=filters.employer_id)
    if filters.adjuster_id:
        qs = qs.filter(assigned_adjuster_id=filters.adjuster_id)
    term = filters.q.strip()
    if term:
        condition = Q(number__istartswith=term) | Q(employer__name__icontains=term)
        for word in term.split()[:3]:
            condition |= Q(worker__family_name__icontains=word) | Q(worker__given_name__icontains=word)
        qs = qs.filter(condition)
    return qs.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


def adjusters_for(*, claim: Claim) -> QuerySet[User]:
    """People a supervisor may assign this claim to."""
    return User.objects.filter(
        organisation_id=claim.administrator_id, role__in=["adjuster", "supervisor"], is_active=True
    ).order_by("last_name", "first_name")


def team_managers_for(*, claim: Claim) -> QuerySet[User]:
    """People who may sign off a decision on this claim (its administrator's supervisors and admins)."""
    return User.objects.filter(
        organisation_id=claim.administrator_id, role__in=["supervisor", "admin"], is_active=True
    ).order_by("last_name", "first_name")


def claim_employers_for(user: User) -> QuerySet[Organisation]:
    """Employers that appear on claims the user may see (work-queue filter choices)."""
    claim_employer_ids = claim_queryset_for_user(user).values("employer_id")
    return Organisation.objects.filter(pk__in=claim_employer_ids).order_by("name")


def claim_participants(claim: Claim) -> QuerySet[ClaimParticipant]:
    return claim.participants.select_related("provider", "attorney").order_by("added_at", "pk")


def claim_event_count(*, claim: Claim, kinds: list[str] | None = None) -> int:
    """How many events the claim's log holds (of these kinds)."""
    events = claim.events.all()
    if kinds:
        events = events.filter(kind__in=kinds)
    return events.count()
