"""The obligations table: every clock of every claim, kept current with its event log.

A row is the deadline engine's output for one obligation, written in the same
transaction as the event that changed it (``services.obligations_on_event``) or by a
full recompute after a pack changes (``batch.recompute``). It is derived data: the
event log is the truth, and the table can be rebuilt from it at any time.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from opencomp.deadlines import engine


class ObligationStatus(models.TextChoices):
    OPEN = engine.OPEN, "Open"
    SATISFIED = engine.SATISFIED, "Done on time"
    LATE = engine.LATE, "Done late"
    WAIVED = engine.WAIVED, "Waived"
    CANCELLED = engine.CANCELLED, "No longer needed"


class Obligor(models.TextChoices):
    ADMINISTRATOR = "administrator", "Claims administrator"
    EMPLOYER = "employer", "Employer"
    WORKER = "worker", "Worker"
    PROVIDER = "provider", "Provider"


class Obligation(models.Model):
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="obligations")
    key = models.CharField(max_length=120)
    rule_id = models.CharField(max_length=80)
    title = models.CharField(max_length=200)
    obligor = models.CharField(max_length=16, choices=Obligor.choices)
    citation = models.CharField(max_length=400)
    source_url = models.CharField(max_length=400, blank=True)
    status = models.CharField(max_length=12, choices=ObligationStatus.choices)
    trigger_seq = models.PositiveIntegerField()
    instance = models.PositiveIntegerField(default=0)
    anchor_at = models.DateTimeField()
    raw_due = models.DateField()
    due_date = models.DateField()
    due_at = models.DateTimeField()
    satisfied_seq = models.PositiveIntegerField(null=True, blank=True)
    satisfied_at = models.DateTimeField(null=True, blank=True)
    closed_seq = models.PositiveIntegerField(null=True, blank=True)
    waiver_reason = models.TextField(blank=True)
    escalated_seq = models.PositiveIntegerField(null=True, blank=True)
    explanation = models.JSONField(default=list)
    rules_version = models.CharField(max_length=60)
    calendar_version = models.CharField(max_length=60)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "key"], name="obligation_claim_key_unique"),
            models.CheckConstraint(
                condition=Q(status__in=ObligationStatus.values), name="obligation_status_known"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"], name="obligation_open_due_idx"),
            models.Index(fields=["claim", "status"], name="obligation_claim_idx"),
            models.Index(fields=["rule_id", "status"], name="obligation_rule_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.key} ({self.status})"

    def overdue(self, now) -> bool:  # type: ignore[no-untyped-def]
        return self.status == ObligationStatus.OPEN and now > self.due_at
