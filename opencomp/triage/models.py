"""Risk triage assessments: one row per triage of a claim, never changed.

Each row keeps the facts it was scored on, the policy version, the computed score and band
with every factor's part, and the band in force (the computed one, or a person's override with
its reason). The claim's current triage is its latest row (``triage.selectors``). Written with
the claim's ``triage.recorded`` event in the same transaction (``triage.services``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from opencomp.claims.models import Claim
from opencomp.triage.enums import Occasion


class TriageAssessment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="triage_assessments")
    occasion = models.CharField(max_length=24, choices=Occasion.choices)
    assessed_on = models.DateField()
    injury_type = models.CharField(max_length=32)
    injury_type_suggested = models.BooleanField(
        default=False, help_text="The injury type came from the claim's words, not a person's choice."
    )
    days_off_work = models.PositiveIntegerField()
    psychosocial_flags = models.JSONField(default=list, blank=True)
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    prior_claims = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField()
    computed_band = models.CharField(max_length=16)
    band = models.CharField(max_length=16, help_text="In force: the computed band or the override.")
    handling = models.CharField(max_length=24)
    override_reason = models.TextField(blank=True)
    factors = models.JSONField(default=list)
    policy_version = models.CharField(max_length=32)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    seq = models.PositiveIntegerField(help_text="The claim's `triage.recorded` event.")

    class Meta:
        ordering = ["-seq"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "seq"], name="triage_claim_seq_unique"),
            models.CheckConstraint(
                condition=Q(band=models.F("computed_band")) | ~Q(override_reason=""),
                name="triage_override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Triage {self.band} ({self.score}) of claim {self.claim_id} on {self.assessed_on}"

    @property
    def overridden(self) -> bool:
        return self.band != self.computed_band
