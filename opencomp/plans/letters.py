"""The facts of the plan and work capacity decision letters (registered with ``letters.content``).

Each letter prints the claim's latest plan version or decision as it stands on the letter's
date; until there is one, ``missing`` says what to record first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from opencomp.benefits.calculators.types import dollars
from opencomp.claims.enums import WorkCapacity
from opencomp.claims.models import Claim
from opencomp.letters.content import NSW_REVIEW_OPTIONS, long_date
from opencomp.plans.enums import (
    ADVERSE,
    SEED_004_DELAY,
    DecisionEffect,
    DecisionType,
    PlanKind,
    ResponsibleParty,
)
from opencomp.plans.models import PlanVersion, WorkCapacityDecision
from opencomp.plans.rules import ReductionTiming, reduction_timing
from opencomp.plans.selectors import claim_plan, current_version, latest_decision, paid_periods

PLAN_TEMPLATE = "nsw.injury_management_plan"
DECISION_TEMPLATE = "nsw.work_capacity_decision"
RTW_TEMPLATE = "rtw_plan"

Facts = tuple[dict[str, Any], list[str], int | None]


def _version_facts(version: PlanVersion) -> dict[str, Any]:
    return {
        "plan_version": version.number,
        "plan_issued_on": long_date(version.issued_on),
        "plan_goal": version.goal,
        "plan_goals": list(version.goals),
        "plan_actions": [
            {
                "responsible": a["responsible"],
                "party": ResponsibleParty(a["party"]).label,
                "action": a["action"],
                "outcome": a["outcome"],
                "due_on": long_date(dt.date.fromisoformat(a["due_on"])),
            }
            for a in version.actions
        ],
        "plan_support_team": [
            {"party": ResponsibleParty(p).label, "name": n} for p, n in version.support_team.items()
        ],
        "plan_review_on": long_date(version.review_on),
        "plan_changes": version.changes,
        "plan_duties": list(version.duties),
        "plan_hours": list(version.hours),
        "plan_supervisor": version.supervisor,
        "plan_starts_on": long_date(version.starts_on) if version.starts_on else "",
    }


def _plan(claim: Claim, kind: str, what: str) -> Facts:
    plan = claim_plan(claim=claim, kind=kind)
    version = current_version(plan) if plan is not None else None
    if version is None:
        return {}, [f"Record the {what} first: this letter shares it."], None
    return _version_facts(version), [], version.seq


def plan_facts(claim: Claim, on: dt.date) -> Facts:
    return _plan(claim, PlanKind.INJURY_MANAGEMENT, "injury management plan")


def rtw_facts(claim: Claim, on: dt.date) -> Facts:
    return _plan(claim, PlanKind.RETURN_TO_WORK, "return-to-work plan")


def timing_for(
    decision: WorkCapacityDecision, *, notice_on: dt.date, periods: list[tuple[dt.date, dt.date]]
) -> ReductionTiming | None:
    """When the decision's reduction or discontinuation may apply (``None`` if it is neither)."""
    if decision.effect not in ADVERSE:
        return None
    return reduction_timing(notice_on=notice_on, paid_periods=periods)


def _amount(value: Any) -> str:
    return dollars(value) if value is not None else ""


def decision_facts(claim: Claim, on: dt.date) -> Facts:
    decision = latest_decision(claim)
    if decision is None:
        return {}, ["Record the work capacity decision first: this notice gives it."], None
    timing = timing_for(decision, notice_on=on, periods=paid_periods(claim))
    facts: dict[str, Any] = {
        "notice_on": on.isoformat(),
        "decided_on": long_date(decision.decided_on),
        "decision_types": [DecisionType(t).label for t in decision.types],
        "capacity": WorkCapacity(decision.capacity).label,
        "suitable_employment": decision.suitable_employment,
        "able_to_earn": _amount(decision.able_to_earn),
        "current_weekly_amount": _amount(decision.current_weekly_amount),
        "new_weekly_amount": _amount(decision.new_weekly_amount),
        "effect": decision.effect,
        "effect_label": DecisionEffect(decision.effect).label,
        "reasons": decision.reasons,
        "evidence": [
            f"{d.title} ({d.get_category_display().lower()})" for d in decision.evidence.order_by("pk")
        ],
        "review_options": list(NSW_REVIEW_OPTIONS),
        "takes_effect_on": long_date(timing.earliest) if timing else "",
        "delayed": bool(timing and timing.delayed),
        "timing_explanation": timing.explanation if timing else "",
        "delay_source": SEED_004_DELAY,
    }
    missing = (
        []
        if decision.letter_id is None
        else ["The notice of the latest work capacity decision has been sent."]
    )
    return facts, missing, decision.seq
