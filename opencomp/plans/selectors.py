"""Reads of plans and work capacity decisions."""

from __future__ import annotations

import datetime as dt

from opencomp.claims.models import Claim
from opencomp.payments.models import IndemnityCover
from opencomp.plans.enums import PlanKind
from opencomp.plans.models import Plan, PlanVersion, WorkCapacityDecision


def current_version(plan: Plan) -> PlanVersion | None:
    """The plan's latest version (the one in force); earlier ones are its history."""
    return PlanVersion.objects.filter(plan=plan).order_by("-number").first()


def claim_plan(*, claim: Claim, kind: str) -> Plan | None:
    return Plan.objects.filter(claim=claim, kind=kind).first()


def plan_get(*, claim: Claim, pk: int) -> Plan | None:
    return Plan.objects.filter(claim=claim, pk=pk).first()


def plan_versions(plan: Plan) -> list[PlanVersion]:
    """Every version of the plan, newest first, with its shares and sign-offs."""
    return list(
        PlanVersion.objects.filter(plan=plan)
        .select_related("recorded_by")
        .prefetch_related("shares__letter", "sign_offs")
        .order_by("-number")
    )


def claim_plans(*, claim: Claim) -> dict[str, Plan | None]:
    """The claim's injury management plan and return-to-work plan (``None`` where there is none)."""
    found = {p.kind: p for p in Plan.objects.filter(claim=claim)}
    return {kind: found.get(kind) for kind in PlanKind.values}


def claim_decisions(*, claim: Claim) -> list[WorkCapacityDecision]:
    return list(
        WorkCapacityDecision.objects.filter(claim=claim)
        .select_related("letter", "recorded_by")
        .prefetch_related("evidence")
        .order_by("-seq")
    )


def decision_get(*, claim: Claim, pk: int) -> WorkCapacityDecision | None:
    return WorkCapacityDecision.objects.filter(claim=claim, pk=pk).first()


def latest_decision(claim: Claim) -> WorkCapacityDecision | None:
    return WorkCapacityDecision.objects.filter(claim=claim).order_by("-seq").first()


def paid_periods(claim: Claim) -> list[tuple[dt.date, dt.date]]:
    """The days live weekly payments of the claim cover (voided payments have no cover)."""
    return list(IndemnityCover.objects.filter(claim=claim).values_list("first_day", "last_day"))
