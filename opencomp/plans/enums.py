"""The words of plans and work capacity decisions (seed 004)."""

from __future__ import annotations

from typing import Final

from django.db import models


class PlanKind(models.TextChoices):
    """An injury management plan (the administrator's, seed 004 appendix 2) or the employer's RTW plan."""

    INJURY_MANAGEMENT = "injury_management", "Injury management plan"
    RETURN_TO_WORK = "return_to_work", "Return-to-work plan"


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class ResponsibleParty(models.TextChoices):
    """Who carries out an action of a plan (seed 004 appendix 2: "Your support team")."""

    WORKER = "worker", "Worker"
    EMPLOYER = "employer", "Employer"
    TREATING_DOCTOR = "treating_doctor", "Nominated treating doctor"
    CLAIMS_SPECIALIST = "claims_specialist", "Claims specialist"
    REHABILITATION = "rehabilitation", "Workplace rehabilitation provider"
    OTHER = "other", "Other"


class SignOffParty(models.TextChoices):
    """Who signs a return-to-work plan."""

    WORKER = "worker", "Worker"
    EMPLOYER = "employer", "Employer"
    DOCTOR = "doctor", "Treating doctor"


class DecisionType(models.TextChoices):
    """Workers Compensation Act 1987 (NSW) s 43(1) (a)–(f), in the words of seed 004."""

    A = "a", "(a) A worker's current capacity for work."
    B = "b", "(b) What constitutes suitable employment for the worker."
    C = "c", "(c) The amount a worker is able to earn in suitable employment."
    D = "d", "(d) The amount of a worker's pre-injury average weekly earnings or current weekly earnings."
    E = (
        "e",
        (
            "(e) Whether a worker is, as a result of an injury, unable without substantial risk of further "
            "injury to engage in employment of a certain kind because of the nature of that employment."
        ),
    )
    F = (
        "f",
        (
            "(f) Any other decision of an insurer that affects a worker's entitlement to weekly payments of "
            "compensation, including a decision to suspend, discontinue or reduce the amount payable to a "
            "worker on the basis of any decision referred to in (a) –(e)."
        ),
    )


class DecisionEffect(models.TextChoices):
    """What the decision does to the worker's weekly payments."""

    NO_CHANGE = "no_change", "No change to weekly payments"
    INCREASE = "increase", "Weekly payments increase"
    REDUCE = "reduce", "Weekly payments reduce"
    DISCONTINUE = "discontinue", "Weekly payments stop"


#: Effects that may not take effect before the delay of seed 004 (``plans.rules.reduction_timing``).
ADVERSE: Final = frozenset({DecisionEffect.REDUCE, DecisionEffect.DISCONTINUE})

SEED_004_WCD: Final = (
    "Injury management program (seed 004), Work Capacity Assessment and Decisions — Workers Compensation "
    "Act 1987 (NSW) s 43(1); notice under s 78 of the Workplace Injury Management and Workers Compensation "
    "Act 1998 with the right to request an internal review"
)
SEED_004_DELAY: Final = (
    'Injury management program (seed 004), Work Capacity Assessment and Decisions — "the worker will have '
    "three (3) months before any reduction is made to their weekly compensation payments if they have been "
    'receiving continuous weekly benefit payments for 12 weeks or more"'
)
