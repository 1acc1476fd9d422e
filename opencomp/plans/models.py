"""Injury management plans, employer return-to-work plans and NSW work capacity decisions.

A ``Plan`` is one claim's injury management plan (seed 004, appendix 2) or its employer's
return-to-work plan. What it says lives in its ``PlanVersion`` rows: the first is the plan as
issued, each revision a new version; earlier versions are kept as they were and never
changed. A version is shared by sending its letter (``PlanShare``: the letter, its parties and
when). A return-to-work plan version is signed off by the worker, the employer and the
treating doctor (``PlanSignOff``).

A ``WorkCapacityDecision`` is one decision of the types of s 43(1) (a)–(f) of the Workers
Compensation Act 1987 (NSW) as seed 004 lists them, with its evidence, its outcome, its notice
and, for a reduction or discontinuation, the earliest day it may take effect
(``plans.rules.reduction_timing``).

Versions, shares and sign-offs are append-only (``core.models.AppendOnlyModel`` and, on
PostgreSQL, a trigger refusing UPDATE and DELETE). Every row is written by ``plans.services``
with the claim event that records it, in the same transaction; ``seq`` is that event's number.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from opencomp.claims.enums import WorkCapacity
from opencomp.claims.models import Claim
from opencomp.core.models import AppendOnlyModel
from opencomp.documents.models import ClaimDocument
from opencomp.letters.models import Letter
from opencomp.plans.enums import DecisionEffect, PlanKind, PlanStatus, SignOffParty


class Plan(models.Model):
    """A claim's injury management plan or return-to-work plan (one of each kind)."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=24, choices=PlanKind.choices)
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["claim", "kind"]
        constraints = [models.UniqueConstraint(fields=["claim", "kind"], name="plans_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.claim_id}"


class PlanVersion(AppendOnlyModel):
    """What a plan says, as issued (version 1) or revised (2, 3…); never changed once written."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    issued_on = models.DateField(help_text="The day this version was made (agreed with the parties).")
    goal = models.TextField(help_text="The current return-to-work (recovery at work) goal.")
    goals = models.JSONField(default=list, blank=True, help_text="Further goals, one text each.")
    actions = models.JSONField(
        default=list, blank=True, help_text="responsible, party, action, outcome, due_on (ISO date)."
    )
    support_team = models.JSONField(default=dict, blank=True, help_text="party → name.")
    review_on = models.DateField(help_text="When the plan is reviewed next.")
    changes = models.TextField(blank=True, help_text="What changed from the previous version, and why.")
    # Return-to-work plans.
    duties = models.JSONField(default=list, blank=True)
    hours = models.JSONField(default=list, blank=True, help_text="week, hours_per_day, days_per_week.")
    supervisor = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    seq = models.PositiveIntegerField(help_text="The claim's milestone event of this version.")

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plans_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="plans_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class PlanShare(AppendOnlyModel):
    """A plan version sent to the parties: the letter it went in, to whom and when."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="shares")
    letter = models.OneToOneField(Letter, on_delete=models.PROTECT, related_name="plan_share")
    parties = models.JSONField(default=list)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField()

    class Meta:
        ordering = ["-shared_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.version} shared with {', '.join(self.parties)}"


class PlanSignOff(AppendOnlyModel):
    """A party's sign-off of a return-to-work plan version."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="sign_offs")
    party = models.CharField(max_length=16, choices=SignOffParty.choices)
    name = models.CharField(max_length=200)
    signed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    seq = models.PositiveIntegerField()

    class Meta:
        ordering = ["version", "party"]
        constraints = [
            models.UniqueConstraint(fields=["version", "party"], name="plans_one_sign_off_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.version} signed by {self.party}"


class WorkCapacityDecision(models.Model):
    """A NSW work capacity decision (s 43(1) (a)–(f)) with its outcome and notice."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="work_capacity_decisions")
    types = models.JSONField(help_text="The s 43(1) letters decided: a–f.")
    decided_on = models.DateField()
    capacity = models.CharField(max_length=16, choices=WorkCapacity.choices)
    suitable_employment = models.TextField(blank=True)
    able_to_earn = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="Weekly, in suitable employment."
    )
    current_weekly_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    new_weekly_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    effect = models.CharField(max_length=16, choices=DecisionEffect.choices)
    reasons = models.TextField()
    evidence = models.ManyToManyField(ClaimDocument, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    seq = models.PositiveIntegerField(help_text="The claim's work_capacity_decision milestone.")
    # The notice (s 78), once sent.
    letter = models.OneToOneField(
        Letter, null=True, blank=True, on_delete=models.PROTECT, related_name="work_capacity_decision"
    )
    notice_on = models.DateField(null=True, blank=True)
    continuous_days = models.PositiveIntegerField(null=True, blank=True)
    takes_effect_on = models.DateField(
        null=True, blank=True, help_text="The earliest day a reduction or discontinuation may apply."
    )
    timing_explanation = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "seq"], name="plans_decision_claim_seq_unique"),
            models.CheckConstraint(
                condition=Q(able_to_earn__isnull=True) | Q(able_to_earn__gte=0),
                name="plans_able_to_earn_positive",
            ),
            models.CheckConstraint(
                condition=Q(new_weekly_amount__isnull=True) | Q(new_weekly_amount__gte=0),
                name="plans_new_amount_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Work capacity decision of {self.decided_on} on {self.claim_id}"
