"""Modified duty assignments and their reviews.

One ``ModifiedDutyAssignment`` per written offer of modified duty: the position and duties,
where (the worker's own department or agency, or another one), hours, weekly earnings, the
start day, the program's limit, the treating physician's sign-off, and the work status
report (with its restrictions) the duties were checked against. Its status moves only
through ``rtw.services``, each change written with its claim event in the same transaction:
``modified_duty.offered`` (the offer letter follows as ``notice.sent``),
``modified_duty.responded`` (accepted or refused), ``milestone.recorded``
(``modified_duty_started`` / ``_reviewed`` / ``_ended``) and ``modified_duty.extended``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from opencomp.claims.models import Claim
from opencomp.letters.models import Letter
from opencomp.rtw.enums import AssignmentStatus, EndReason, ReviewKind, SearchOutcome
from opencomp.workstatus.models import WorkStatusReport


class ModifiedDutyAssignment(models.Model):
    """A written offer of modified duty and, once accepted, the assignment it became."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="modified_duty_assignments")
    position = models.CharField(max_length=200)
    duties = models.TextField()
    department = models.CharField(max_length=200)
    agency = models.CharField(max_length=200, blank=True)
    other_placement = models.BooleanField(
        default=False, help_text="Placed in another agency or department than the worker's own (seed 001)."
    )
    hours_per_day = models.DecimalField(max_digits=4, decimal_places=2)
    days_per_week = models.DecimalField(max_digits=3, decimal_places=2)
    weekly_earnings = models.DecimalField(max_digits=10, decimal_places=2)
    demands = models.JSONField(default=list, blank=True, help_text="What the duties ask, as restrictions.")
    start_on = models.DateField()
    limit_on = models.DateField(help_text="The program's last day (six months from injury, or as extended).")
    status = models.CharField(
        max_length=12, choices=AssignmentStatus.choices, default=AssignmentStatus.OFFERED
    )
    work_status_report = models.ForeignKey(WorkStatusReport, on_delete=models.PROTECT, related_name="+")
    override_reason = models.TextField(blank=True, help_text="Why an offer breaking a restriction was made.")
    atp_approval_required = models.BooleanField()
    atp_approved_by = models.CharField(max_length=200, blank=True)
    atp_approved_on = models.DateField(null=True, blank=True)
    letter = models.ForeignKey(Letter, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    offered_at = models.DateTimeField()
    offer_seq = models.PositiveIntegerField(help_text="The claim's `modified_duty.offered` event.")
    delivered_on = models.DateField(null=True, blank=True, help_text="The offer letter reached the worker.")
    delivery_signed_by = models.CharField(
        max_length=200, blank=True, help_text="Who signed the delivery verification (seed 001)."
    )
    responded_on = models.DateField(null=True, blank=True)
    refusal_reason = models.TextField(blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)
    end_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "offer_seq"], name="rtw_assignment_offer_seq_unique"),
            models.CheckConstraint(
                condition=Q(weekly_earnings__gte=0), name="rtw_assignment_earnings_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(limit_on__gte=F("start_on")), name="rtw_assignment_limit_after_start"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_day__gt=0, hours_per_day__lte=24), name="rtw_assignment_hours_range"
            ),
            models.CheckConstraint(
                condition=Q(days_per_week__gt=0, days_per_week__lte=7), name="rtw_assignment_days_range"
            ),
            models.CheckConstraint(
                condition=Q(atp_approval_required=False) | ~Q(atp_approved_by=""),
                name="rtw_assignment_atp_signed_when_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position} ({self.get_status_display()}) on {self.claim_id}"

    def status_on(self, day: dt.date) -> str:
        """The status on ``day``: an accepted assignment is active from its start day."""
        if self.status == AssignmentStatus.ACCEPTED and self.start_on <= day:
            return AssignmentStatus.ACTIVE.value
        return str(self.status)

    def past_limit_on(self, day: dt.date) -> bool:
        """Running after the program's limit (seed 001): the coordinator ends or extends it."""
        return self.status in (AssignmentStatus.ACCEPTED, AssignmentStatus.ACTIVE) and day > self.limit_on


class AssignmentReview(models.Model):
    """One review of a running assignment: every 30 days or after a doctor visit (seed 003)."""

    assignment = models.ForeignKey(ModifiedDutyAssignment, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=16, choices=ReviewKind.choices)
    reviewed_on = models.DateField()
    work_status_report = models.ForeignKey(
        WorkStatusReport,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The RTW pass the supervisor acknowledged (after a visit).",
    )
    within_restrictions = models.BooleanField(help_text="The duties still meet the restrictions in force.")
    note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    seq = models.PositiveIntegerField(help_text="The claim's `milestone.recorded` (modified_duty_reviewed).")

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ReviewKind.AFTER_VISIT) | Q(work_status_report__isnull=False),
                name="rtw_review_after_visit_names_pass",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.reviewed_on} ({self.assignment_id})"


class DutySearch(models.Model):
    """A less arduous duty search: an alternate job for a worker at MMI with permanent restrictions.

    Seed 000 (the coordinator "coordinate[s] a less arduous duties search process to try to locate
    an alternate job when staff have attained maximum medical improvement and are permanently
    unable to continue in the normal duties of their job classifications").
    """

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="duty_searches")
    job_classification = models.CharField(
        max_length=200, help_text="The normal job the worker cannot return to."
    )
    permanent_restrictions = models.TextField()
    restrictions = models.JSONField(
        default=list, blank=True, help_text="Structured, to check candidates against."
    )
    started_on = models.DateField()
    outcome = models.CharField(max_length=16, choices=SearchOutcome.choices, blank=True, default="")
    concluded_on = models.DateField(null=True, blank=True)
    placed = models.ForeignKey(
        "DutySearchCandidate", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveIntegerField(help_text="The claim's `duty_search.recorded` (started).")

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(concluded_on__isnull=False), name="rtw_search_concluded_dated"
            ),
            models.CheckConstraint(
                condition=~Q(outcome=SearchOutcome.PLACED) | Q(placed__isnull=False),
                name="rtw_search_placed_names_candidate",
            ),
        ]

    def __str__(self) -> str:
        return f"Less arduous duty search of {self.started_on} ({self.claim_id})"


class DutySearchCandidate(models.Model):
    """A candidate position of a search, with what it asks and whether that fits the restrictions."""

    search = models.ForeignKey(DutySearch, on_delete=models.PROTECT, related_name="candidates")
    position = models.CharField(max_length=200)
    department = models.CharField(max_length=200)
    agency = models.CharField(max_length=200, blank=True)
    demands = models.JSONField(default=list, blank=True)
    fits_restrictions = models.BooleanField()
    note = models.TextField(blank=True)
    seq = models.PositiveIntegerField(help_text="The claim's `duty_search.recorded` (candidate_added).")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.position}, {self.department}"
