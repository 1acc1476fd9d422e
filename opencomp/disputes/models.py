"""Disputes of a claim's decisions, their internal review, hearings with their orders, settlement offers.

Each row is the current state of something whose history is in the claim's event log
(``dispute.*``, ``hearing.*``, ``settlement.*``); the services change both in one transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from opencomp.claims.enums import ActivityParty
from opencomp.claims.models import Claim
from opencomp.disputes.enums import (
    ApprovalParty,
    DisputeKind,
    DisputeStatus,
    HearingStatus,
    OfferStatus,
    RepresentativeSide,
    ReviewOutcome,
)


class Dispute(models.Model):
    """A party's dispute of one decision recorded on the claim (the event ``decision_seq``)."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="disputes")
    kind = models.CharField(max_length=16, choices=DisputeKind.choices)
    raised_by = models.CharField(max_length=12, choices=ActivityParty.choices)
    raised_by_name = models.CharField(max_length=200, blank=True)
    raised_on = models.DateField()
    decision_seq = models.PositiveIntegerField(help_text="The claim event of the decision disputed.")
    decision_kind = models.CharField(max_length=40)
    grounds = models.TextField()
    status = models.CharField(max_length=16, choices=DisputeStatus.choices, default=DisputeStatus.OPEN)
    raised_seq = models.PositiveIntegerField(help_text="The claim's `dispute.raised` event.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_started_at = models.DateTimeField(null=True, blank=True)
    review_outcome = models.CharField(max_length=12, choices=ReviewOutcome.choices, blank=True)
    review_reasons = models.TextField(blank=True)
    follow_up = models.CharField(max_length=500, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.CharField(max_length=200, blank=True)
    escalated_on = models.DateField(null=True, blank=True)
    escalation_reference = models.CharField(max_length=100, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="How it was resolved, or why it was withdrawn.")
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-raised_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "decision_seq"],
                condition=~Q(status__in=["resolved", "withdrawn"]),
                name="disputes_one_live_dispute_per_decision",
            ),
            models.CheckConstraint(
                condition=Q(reviewer__isnull=True) | ~Q(status="open"), name="disputes_reviewer_means_review"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} dispute of event {self.decision_seq} ({self.get_status_display()})"


class Hearing(models.Model):
    """A hearing or conference of the claim before a forum; ``starts_at`` follows adjournments."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="hearings")
    dispute = models.ForeignKey(
        Dispute, null=True, blank=True, on_delete=models.PROTECT, related_name="hearings"
    )
    forum = models.CharField(max_length=40)
    forum_name = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=300, help_text="An address, a room, or a link.")
    status = models.CharField(max_length=12, choices=HearingStatus.choices, default=HearingStatus.SCHEDULED)
    outcome = models.TextField(blank=True)
    cancel_reason = models.TextField(blank=True)
    scheduled_seq = models.PositiveIntegerField(help_text="The claim's `hearing.scheduled` event.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.forum_name}, {self.starts_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class HearingRepresentative(models.Model):
    """An attorney or representative at a hearing: who, of which firm, for which side."""

    hearing = models.ForeignKey(Hearing, on_delete=models.PROTECT, related_name="representatives")
    name = models.CharField(max_length=200)
    firm = models.CharField(max_length=200, blank=True)
    side = models.CharField(max_length=12, choices=RepresentativeSide.choices)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} for the {self.get_side_display().lower()}"


class HearingOrder(models.Model):
    """An order the hearing left to carry out by ``due_on`` (an obligation in the diary until complied)."""

    hearing = models.ForeignKey(Hearing, on_delete=models.PROTECT, related_name="orders")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=200)
    due_on = models.DateField()
    recorded_seq = models.PositiveIntegerField(help_text="The claim's `hearing.order_recorded` event.")
    complied_on = models.DateField(null=True, blank=True)
    complied_seq = models.PositiveIntegerField(null=True, blank=True)
    compliance_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "recorded_seq"], name="disputes_order_one_per_event"),
            models.CheckConstraint(
                condition=Q(complied_on__isnull=True, complied_seq__isnull=True)
                | Q(complied_on__isnull=False, complied_seq__isnull=False),
                name="disputes_order_complied_with_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description} by {self.due_on}"


class SettlementOffer(models.Model):
    """An offer to settle the claim (or a dispute of it), and the approvals it needs before it is made."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="settlement_offers")
    dispute = models.ForeignKey(
        Dispute, null=True, blank=True, on_delete=models.PROTECT, related_name="settlement_offers"
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    terms = models.TextField()
    status = models.CharField(max_length=16, choices=OfferStatus.choices, default=OfferStatus.DRAFTED)
    required_approvals = models.JSONField(help_text="Approval parties, fixed when the offer was drafted.")
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField()
    drafted_seq = models.PositiveIntegerField(help_text="The claim's `settlement.drafted` event.")
    offered_on = models.DateField(null=True, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    response_note = models.TextField(blank=True)
    withdrawn_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-drafted_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disputes_offer_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"Settlement offer {self.amount} ({self.get_status_display()})"


class SettlementApproval(models.Model):
    """One party's decision on a settlement offer; one per party (the database refuses a second)."""

    offer = models.ForeignKey(SettlementOffer, on_delete=models.PROTECT, related_name="approvals")
    party = models.CharField(max_length=16, choices=ApprovalParty.choices)
    approved = models.BooleanField()
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    decided_seq = models.PositiveIntegerField()

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "party"], name="disputes_one_approval_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {'approved' if self.approved else 'refused'}"
