"""Reads of modified duty: a claim's assignments, the one running, their reviews."""

from __future__ import annotations

from django.db.models import QuerySet

from opencomp.claims.models import Claim
from opencomp.rtw.enums import RUNNING
from opencomp.rtw.models import AssignmentReview, DutySearch, ModifiedDutyAssignment


def assignments_of(*, claim: Claim) -> QuerySet[ModifiedDutyAssignment]:
    """Every assignment offered on the claim, latest start first."""
    return ModifiedDutyAssignment.objects.filter(claim=claim).select_related(
        "work_status_report", "letter", "letter__document", "offered_by"
    )


def assignment_get(*, claim: Claim, pk: int) -> ModifiedDutyAssignment | None:
    return assignments_of(claim=claim).filter(pk=pk).first()


def assignment_running(*, claim: Claim) -> ModifiedDutyAssignment | None:
    """The assignment the worker is on (or has accepted and starts later), if any."""
    return assignments_of(claim=claim).filter(status__in=RUNNING).first()


def reviews_of(*, assignment: ModifiedDutyAssignment) -> QuerySet[AssignmentReview]:
    return AssignmentReview.objects.filter(assignment=assignment).select_related(
        "work_status_report", "reviewed_by"
    )


def searches_of(*, claim: Claim) -> QuerySet[DutySearch]:
    """The claim's less arduous duty searches, latest first, with their candidates."""
    return DutySearch.objects.filter(claim=claim).select_related("placed").prefetch_related("candidates")


def search_get(*, claim: Claim, pk: int) -> DutySearch | None:
    return searches_of(claim=claim).filter(pk=pk).first()
