"""Employer wage reimbursement schedules (WRS, seed 004 Appendix 1).

Under a WRS agreement an NSW employer pays the worker's weekly compensation and sends
the insurer a schedule of the entitlement weeks it paid. ``WageReimbursement`` is one
schedule as received (API, CSV upload or the web form); ``WageReimbursementWeek`` one
line of it: the entitlement week, its 7 days, the worker's earnings and hours, what the
employer claims, the weekly rate in force and what the insurer allows. The employer is
reimbursed with ordinary indemnity payments (``payments.LedgerEntry``, benefit
``weekly``, payee the employer), one per run of consecutive weeks, whose
``IndemnityCover`` rows stop the same days being paid again by a payment schedule.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ReimbursementChannel(models.TextChoices):
    API = "api", "API"
    CSV = "csv", "CSV upload"
    WEB = "web", "Web form"


class ReimbursementStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for review"
    APPROVED = "approved", "Approved"
    PARTLY_APPROVED = "partly_approved", "Partly approved"
    REJECTED = "rejected", "Rejected"
    AWAITING_APPROVAL = "awaiting_approval", "Payment waiting for approval"
    REIMBURSED = "reimbursed", "Reimbursed"

    @classmethod
    def open_values(cls) -> list[str]:
        """Schedules still to be decided or paid (the queue)."""
        return [cls.SUBMITTED, cls.APPROVED, cls.PARTLY_APPROVED, cls.AWAITING_APPROVAL]

    @classmethod
    def payable_values(cls) -> list[str]:
        """Decided with something to pay, not yet paid."""
        return [cls.APPROVED, cls.PARTLY_APPROVED]


class WageReimbursement(models.Model):
    """One wage reimbursement schedule an employer sent for one claim."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.PROTECT, related_name="wage_reimbursements")
    employer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField()
    channel = models.CharField(max_length=3, choices=ReimbursementChannel.choices)
    period_from = models.DateField()
    period_to = models.DateField()
    status = models.CharField(
        max_length=20, choices=ReimbursementStatus.choices, default=ReimbursementStatus.SUBMITTED
    )
    amount_claimed = models.DecimalField(max_digits=14, decimal_places=2)
    amount_approved = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    reasons = models.TextField(blank=True)
    #: The ``wage_reimbursement.submitted`` event (decided and reimbursed events refer to it).
    submitted_seq = models.PositiveIntegerField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    method = models.CharField(max_length=12, blank=True)
    #: Raised when a supervisor rejects the payment: paying again uses new idempotency keys.
    payment_attempt = models.PositiveSmallIntegerField(default=1)
    #: The (first) ledger entry that paid the employer.
    entry = models.ForeignKey(
        "payments.LedgerEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: The (first) payment waiting for a supervisor's approval.
    pending_request = models.ForeignKey(
        "payments.ApprovalRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reimbursed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["claim_id", "received_on", "pk"]
        indexes = [models.Index(fields=["status", "received_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=models.F("period_from")), name="wrs_period_ordered"
            ),
            models.CheckConstraint(condition=Q(amount_claimed__gte=0), name="wrs_claimed_not_negative"),
            models.CheckConstraint(
                condition=Q(amount_approved__isnull=True) | Q(amount_approved__gte=0),
                name="wrs_approved_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"WRS #{self.pk} {self.claim_id} {self.period_from}–{self.period_to} ({self.status})"


class WageReimbursementWeek(models.Model):
    """One entitlement week of a schedule, as the form has it, with the insurer's review."""

    reimbursement = models.ForeignKey(WageReimbursement, on_delete=models.CASCADE, related_name="weeks")
    week_number = models.PositiveIntegerField()
    week_from = models.DateField()
    week_to = models.DateField()
    earnings = models.DecimalField(max_digits=14, decimal_places=2)
    hours_worked = models.DecimalField(max_digits=6, decimal_places=2)
    hours_lost = models.DecimalField(max_digits=6, decimal_places=2)
    amount_claimed = models.DecimalField(max_digits=14, decimal_places=2)
    #: The weekly rate decided for the entitlement week (DWB) and its ``benefit.rate_decided`` event.
    weekly_rate = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    rate_seq = models.PositiveIntegerField(null=True, blank=True)
    amount_allowed = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    #: Why less than claimed is allowed (empty when the week is allowed in full).
    rejection_reason = models.TextField(blank=True)
    entry = models.ForeignKey(
        "payments.LedgerEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approval_request = models.ForeignKey(
        "payments.ApprovalRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["reimbursement_id", "week_number"]
        constraints = [
            models.UniqueConstraint(fields=["reimbursement", "week_number"], name="wrs_week_once"),
            models.CheckConstraint(condition=Q(week_to__gte=models.F("week_from")), name="wrs_week_ordered"),
            models.CheckConstraint(
                condition=Q(amount_claimed__gte=0) & Q(earnings__gte=0), name="wrs_week_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"week {self.week_number} ({self.week_from}–{self.week_to}): {self.amount_claimed}"
