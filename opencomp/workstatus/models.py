"""Work status reports: certificates of capacity, RTW passes and physician activity reports.

One ``WorkStatusReport`` per report as the treating provider issued it: what the worker can
do (capacity, hours a day, days a week, restrictions), for which days, when it is reviewed
next and who issued it. The status in force on a day is derived from them
(``workstatus.selectors``). A report is never changed: a correction is a new report naming
the one it corrects, written with the claim's ``work_status.recorded`` event in the same
transaction (``workstatus.services``). No diagnosis is kept here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from opencomp.claims.enums import WorkCapacity
from opencomp.claims.models import Claim
from opencomp.documents.models import ClaimDocument
from opencomp.parties.models import Provider
from opencomp.workstatus.enums import ReportKind


class WorkStatusReport(models.Model):
    """One certificate of capacity, RTW pass or activity report on a claim."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="work_status_reports")
    kind = models.CharField(max_length=32, choices=ReportKind.choices)
    examined_on = models.DateField(help_text="The day the provider examined the worker.")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="Last day it covers; none: until reviewed.")
    capacity = models.CharField(max_length=16, choices=WorkCapacity.choices)
    hours_per_day = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    days_per_week = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    restrictions = models.JSONField(
        default=list,
        blank=True,
        help_text="Structured: kind, limit, unit, side, note (``workstatus.rules``).",
    )
    restrictions_text = models.TextField(blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    provider_name = models.CharField(max_length=200)
    document = models.ForeignKey(
        ClaimDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="work_status_reports"
    )
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )
    correction_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    seq = models.PositiveIntegerField(help_text="The claim's `work_status.recorded` event.")

    class Meta:
        ordering = ["-examined_on", "-pk"]
        indexes = [models.Index(fields=["claim", "valid_from"], name="workstatus_claim_from")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="workstatus_valid_to_after_from",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_day__isnull=True) | Q(hours_per_day__gt=0, hours_per_day__lte=24),
                name="workstatus_hours_per_day_range",
            ),
            models.CheckConstraint(
                condition=Q(days_per_week__isnull=True) | Q(days_per_week__gt=0, days_per_week__lte=7),
                name="workstatus_days_per_week_range",
            ),
            models.CheckConstraint(condition=~Q(provider_name=""), name="workstatus_provider_named"),
            models.UniqueConstraint(fields=["claim", "seq"], name="workstatus_claim_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.examined_on:%d %b %Y} on {self.claim_id}"
