"""A treatment request on a claim and where it stands.

``TreatmentRequest`` is the projection of the claim events that record it: the generic
``request.received`` (subject ``treatment``), ``request.acknowledged`` and ``request.decided``,
written with it in the same transaction by ``treatment.services``. The deadline rules of the
jurisdiction's pack count on those events; the row holds what the screens show.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from opencomp.claims.models import Claim
from opencomp.parties.models import Provider
from opencomp.treatment.enums import TreatmentDecision, TreatmentService, TreatmentStatus


class TreatmentRequest(models.Model):
    """One request to fund treatment: what service, by whom, how many, at what cost, and the answer."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="treatment_requests")
    service = models.CharField(max_length=32, choices=TreatmentService.choices)
    description = models.CharField(max_length=500, blank=True)
    provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="treatment_requests"
    )
    provider_name = models.CharField(max_length=200)
    treatments = models.PositiveIntegerField(help_text="Number of treatments (sessions, items) asked for.")
    estimated_cost = models.DecimalField(max_digits=12, decimal_places=2)
    requested_on = models.DateField()
    received_on = models.DateField()
    diagnosis_codes = models.JSONField(default=list, blank=True, help_text="ICD-10-CM codes (US claims).")
    status = models.CharField(max_length=16, choices=TreatmentStatus.choices)
    exemption = models.TextField(blank=True, help_text="Why no pre-approval is needed, with its source.")
    received_seq = models.PositiveIntegerField(help_text="The claim's `request.received` event.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    acknowledged_seq = models.PositiveIntegerField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=16, choices=TreatmentDecision.choices, blank=True)
    approved_treatments = models.PositiveIntegerField(null=True, blank=True)
    approved_cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    reasons = models.TextField(blank=True)
    decided_seq = models.PositiveIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "received_seq"], name="treatment_request_event_unique"),
            models.CheckConstraint(condition=Q(treatments__gte=1), name="treatment_request_some_treatments"),
            models.CheckConstraint(
                condition=Q(estimated_cost__gte=0), name="treatment_request_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=(Q(status=TreatmentStatus.DECIDED) & ~Q(decision=""))
                | (~Q(status=TreatmentStatus.DECIDED) & Q(decision="")),
                name="treatment_request_decided_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_display()} × {self.treatments} on {self.claim_id}"
