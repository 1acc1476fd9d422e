"""Reads of work status: the status in force on a day, and the history of reports.

``work_status_on`` is the one answer to "what can the worker do on day D": the report
whose validity covers D that was examined last (then recorded last), ``expired`` when the
last report that began on or before D has lapsed, ``none`` before any report. Corrected
reports are replaced by their corrections everywhere except the history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from opencomp.claims.models import Claim
from opencomp.workstatus.enums import StatusState
from opencomp.workstatus.models import WorkStatusReport


@dataclass(frozen=True)
class WorkStatus:
    """The work status on ``on``: its state and the report it comes from (the lapsed one when expired)."""

    state: str
    on: dt.date
    report: WorkStatusReport | None

    @property
    def in_force(self) -> bool:
        return self.state == StatusState.IN_FORCE


def live_reports(claim: Claim) -> QuerySet[WorkStatusReport]:
    """The claim's reports that no later report corrects."""
    return WorkStatusReport.objects.filter(claim=claim, corrected_by__isnull=True)


def work_status_on(*, claim: Claim, on: dt.date) -> WorkStatus:
    """The work status in force on ``on`` (see the module docstring)."""
    begun = live_reports(claim).filter(valid_from__lte=on).select_related("provider", "document")
    covering = begun.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)).order_by("-examined_on", "-pk")
    report = covering.first()
    if report is not None:
        return WorkStatus(state=StatusState.IN_FORCE, on=on, report=report)
    lapsed = begun.order_by("-valid_to", "-examined_on", "-pk").first()
    if lapsed is not None:
        return WorkStatus(state=StatusState.EXPIRED, on=on, report=lapsed)
    return WorkStatus(state=StatusState.NONE, on=on, report=None)


def work_status_history(*, claim: Claim) -> list[WorkStatusReport]:
    """Every report of the claim, corrected ones included, newest examination first."""
    return list(
        WorkStatusReport.objects.filter(claim=claim)
        .select_related("provider", "document", "recorded_by", "corrects", "corrected_by")
        .order_by("-examined_on", "-pk")
    )


def work_status_latest(*, claim: Claim) -> WorkStatusReport | None:
    """The live report examined last (recorded last on the same day): "the previous report"."""
    return live_reports(claim).order_by("-examined_on", "-pk").first()


def work_status_report_get(*, claim: Claim, pk: int) -> WorkStatusReport | None:
    return WorkStatusReport.objects.filter(claim=claim, pk=pk).first()
