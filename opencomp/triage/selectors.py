"""Reads of risk triage: a claim's current triage and history, the facts on file, the book's bands.

``facts_on_file`` is what OpenComp knows without asking anyone, for a batch of claims in three
queries: the injury type its words suggest, the days of no capacity its work status reports
cover, the worker's age and their earlier claims. ``with_triage_band`` annotates a claim
queryset with the band in force (its latest triage), so the work queue and the API filter by
band in SQL; ``untriaged_claims`` is the sweep's input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from opencomp.claims.enums import ClaimStatus, WorkCapacity
from opencomp.claims.models import Claim
from opencomp.triage.access import UNTRIAGED
from opencomp.triage.models import TriageAssessment
from opencomp.triage.policy import Policy
from opencomp.triage.scoring import StatusPeriod, days_off_work
from opencomp.workstatus.models import WorkStatusReport

#: Statuses a sweep leaves alone: nothing more will be handled on them.
SETTLED_STATUSES = (ClaimStatus.DENIED, ClaimStatus.CLOSED, ClaimStatus.FINALISED)


@dataclass(frozen=True)
class FileFacts:
    suggested_injury_type: str | None
    days_off_work: int
    age: int | None
    prior_claims: int


def age_on(born: dt.date | None, on: dt.date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def facts_on_file(claims: list[Claim], *, on: dt.date, policy: Policy) -> dict[int, FileFacts]:
    """The facts on file of each claim (``worker`` loaded), as at ``on``, keyed by claim id."""
    ids = [c.pk for c in claims]
    periods: dict[int, list[StatusPeriod]] = {pk: [] for pk in ids}
    rows = WorkStatusReport.objects.filter(claim_id__in=ids, corrected_by__isnull=True, valid_from__lte=on)
    for claim_id, start, end, capacity in rows.values_list("claim_id", "valid_from", "valid_to", "capacity"):
        periods[claim_id].append(StatusPeriod(start, end, capacity == WorkCapacity.NONE))
    earlier = (
        Claim.objects.filter(worker_id=OuterRef("worker_id"), injury_date__lt=OuterRef("injury_date"))
        .order_by()
        .values("worker_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    prior = dict(Claim.objects.filter(pk__in=ids).annotate(n=Subquery(earlier)).values_list("pk", "n"))
    return {
        c.pk: FileFacts(
            suggested_injury_type=policy.suggest_injury_type(f"{c.nature_of_injury} {c.body_part}"),
            days_off_work=days_off_work(periods[c.pk], on),
            age=age_on(c.worker.date_of_birth, on),
            prior_claims=prior.get(c.pk) or 0,
        )
        for c in claims
    }


def triage_current(*, claim: Claim) -> TriageAssessment | None:
    return TriageAssessment.objects.filter(claim=claim).select_related("recorded_by").order_by("-seq").first()


def triage_history(*, claim: Claim) -> list[TriageAssessment]:
    return list(TriageAssessment.objects.filter(claim=claim).select_related("recorded_by").order_by("-seq"))


def _latest(field: str) -> Subquery:
    return Subquery(TriageAssessment.objects.filter(claim=OuterRef("pk")).order_by("-seq").values(field)[:1])


def with_triage_band(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """``claims`` annotated with ``triage_band`` (None: never triaged)."""
    return claims.annotate(triage_band=_latest("band"))


def claims_in_band(claims: QuerySet[Claim], band: str) -> QuerySet[Claim]:
    """``claims`` whose triage in force is ``band`` (``untriaged``: never triaged), annotated."""
    annotated = with_triage_band(claims)
    if band == UNTRIAGED:
        return annotated.filter(Q(triage_band__isnull=True))  # Q: the annotation is not a model field
    return annotated.filter(Q(triage_band=band))


def untriaged_claims() -> QuerySet[Claim]:
    """Claims still being handled that have never been triaged, oldest first."""
    return (
        Claim.objects.exclude(status__in=SETTLED_STATUSES)
        .filter(~Exists(TriageAssessment.objects.filter(claim=OuterRef("pk"))))
        .order_by("pk")
    )
