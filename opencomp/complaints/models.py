"""A complaint about the handling of a claim, and the contacts kept with the complainant.

Each row is a projection of its claim events (``complaint.received`` … ``complaint.referred``),
written in the same transaction; the events are the record. ``status`` only moves forward
through ``ComplaintStatus.order()``. The database checks the order's invariants: each stage's
facts are present once the complaint has reached it, and the stage 2 decision is never made
by whoever gave the stage 1 outcome.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from opencomp.claims.enums import ActivityChannel, ActivityDirection
from opencomp.claims.models import Claim
from opencomp.complaints.enums import ComplainantKind, ComplaintStatus, ExternalBody

_AT_LEAST_DECIDED = [
    ComplaintStatus.STAGE_1_DECIDED,
    ComplaintStatus.STAGE_2,
    ComplaintStatus.FINAL_DECIDED,
    ComplaintStatus.REFERRED,
]


class Complaint(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="complaints")
    complainant_kind = models.CharField(max_length=12, choices=ComplainantKind.choices)
    complainant_name = models.CharField(max_length=200)
    received_on = models.DateField()
    channel = models.CharField(max_length=12, choices=ActivityChannel.choices)
    subject = models.CharField(max_length=200)
    details = models.TextField()
    status = models.CharField(max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.STAGE_1)
    received_seq = models.PositiveIntegerField(help_text="The claim's `complaint.received` event.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    # Stage 1: internal dispute resolution.
    stage_1_outcome = models.TextField(blank=True)
    stage_1_decided_on = models.DateField(null=True, blank=True)
    stage_1_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Stage 2: further review by senior management, and its final decision.
    escalated_on = models.DateField(null=True, blank=True)
    escalation_reason = models.TextField(blank=True)
    final_decision = models.TextField(blank=True)
    final_decided_on = models.DateField(null=True, blank=True)
    final_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Stage 3: referral to the external body.
    external_body = models.CharField(max_length=8, choices=ExternalBody.choices, blank=True)
    referred_on = models.DateField(null=True, blank=True)
    external_reference = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["claim", "status"], name="complaints_claim_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ComplaintStatus.values), name="complaints_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=_AT_LEAST_DECIDED) | Q(stage_1_decided_by__isnull=False),
                name="complaints_stage_1_decided_first",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=_AT_LEAST_DECIDED[2:]) | Q(final_decided_by__isnull=False),
                name="complaints_final_decision_before_referral",
            ),
            models.CheckConstraint(
                condition=Q(final_decided_by__isnull=True) | ~Q(final_decided_by=F("stage_1_decided_by")),
                name="complaints_stage_2_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_status_display()})"

    @property
    def stage(self) -> int:
        """1, 2 or 3: the stage the complaint is at."""
        if self.status == ComplaintStatus.REFERRED:
            return 3
        return 2 if self.status in {ComplaintStatus.STAGE_2, ComplaintStatus.FINAL_DECIDED} else 1


class ComplaintContact(models.Model):
    """A progress contact with the complainant: seed 004's "ongoing dialogue"."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="contacts")
    contacted_on = models.DateField()
    channel = models.CharField(max_length=12, choices=ActivityChannel.choices)
    direction = models.CharField(max_length=12, choices=ActivityDirection.choices)
    summary = models.TextField()
    seq = models.PositiveIntegerField(help_text="The claim's `complaint.contacted` event.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["contacted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.contacted_on} {self.get_channel_display()}: {self.summary[:60]}"
