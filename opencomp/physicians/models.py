"""The claim's treating doctors, change requests, IME and consultant referrals, impairment ratings.

Each row is the projection of claim events written with it in the same transaction by
``physicians.services``: ``treating_doctor.changed``; the generic ``request.received`` /
``request.decided`` with subject ``physician_change``; ``schedule.recorded`` with subject ``ime``
and ``ime.outcome_recorded``; ``imc.referred`` / ``imc.outcome_recorded``; ``impairment.rated``.
The deadline rules of the jurisdiction's pack count on those events; the rows hold what the
screens show.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from opencomp.claims.models import Claim
from opencomp.documents.models import ClaimDocument
from opencomp.parties.models import Provider
from opencomp.physicians.enums import (
    ChangeStatus,
    HowChosen,
    ImcStatus,
    ImeStatus,
    RatingBasis,
    RatingKind,
)


class TreatingDoctor(models.Model):
    """One spell of a doctor as the claim's treating doctor (CO designated / NSW nominated).

    The current one has no ``to_date``; a change closes it the day before the next one starts.
    """

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="treating_doctors")
    provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="treating_spells"
    )
    doctor_name = models.CharField(max_length=200)
    practice_name = models.CharField(max_length=200, blank=True)
    from_date = models.DateField()
    to_date = models.DateField(null=True, blank=True, help_text="The last day; empty while current.")
    how_chosen = models.CharField(max_length=32, choices=HowChosen.choices)
    change_request = models.OneToOneField(
        "PhysicianChangeRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="result"
    )
    recorded_seq = models.PositiveIntegerField(help_text="The claim's `treating_doctor.changed` event.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-from_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"], condition=Q(to_date__isnull=True), name="treating_doctor_one_current"
            ),
            models.UniqueConstraint(fields=["claim", "recorded_seq"], name="treating_doctor_event_unique"),
            models.CheckConstraint(
                condition=Q(to_date__isnull=True) | Q(to_date__gte=models.F("from_date")),
                name="treating_doctor_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.doctor_name


class PhysicianChangeRequest(models.Model):
    """The worker's request to change treating doctor, and the answer (or its deemed approval)."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="physician_changes")
    provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="change_requests"
    )
    doctor_name = models.CharField(max_length=200, help_text="The doctor the worker asks to change to.")
    practice_name = models.CharField(max_length=200, blank=True)
    reasons = models.TextField(blank=True)
    received_on = models.DateField()
    due_on = models.DateField(
        null=True,
        blank=True,
        help_text="When an unanswered request is deemed approved (the pack's rule); empty where none is.",
    )
    deemed_rule = models.CharField(max_length=80, blank=True)
    deemed_citation = models.CharField(max_length=400, blank=True)
    status = models.CharField(max_length=16, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    received_seq = models.PositiveIntegerField(help_text="The claim's `request.received` event.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    decision_reasons = models.TextField(blank=True)
    decided_seq = models.PositiveIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "received_seq"], name="physician_change_event_unique"),
            models.CheckConstraint(
                condition=Q(status=ChangeStatus.PENDING, decided_seq__isnull=True)
                | (~Q(status=ChangeStatus.PENDING) & Q(decided_seq__isnull=False)),
                name="physician_change_decided_has_event",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="physician_change_due")]

    def __str__(self) -> str:
        return f"Change to {self.doctor_name}"


class ImeReferral(models.Model):
    """A referral to an independent medical examination: who, why, when and where; what became of it."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="ime_referrals")
    provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="ime_referrals"
    )
    doctor_name = models.CharField(max_length=200)
    specialty = models.CharField(max_length=100)
    purpose = models.TextField()
    appointment_at = models.DateTimeField()
    place = models.CharField(max_length=300)
    notice_given_on = models.DateField(help_text="When the worker was told of the appointment.")
    shorter_notice_agreed = models.BooleanField(
        default=False, help_text="The worker agreed to less notice than the jurisdiction's period."
    )
    shorter_notice_note = models.CharField(max_length=500, blank=True)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeats",
        help_text="The original IME this one repeats (same injury).",
    )
    different_doctor_reason = models.CharField(max_length=32, blank=True)
    status = models.CharField(max_length=16, choices=ImeStatus.choices, default=ImeStatus.SCHEDULED)
    scheduled_seq = models.PositiveIntegerField(help_text="The claim's `schedule.recorded` event.")
    outcome_seq = models.PositiveIntegerField(null=True, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_note = models.TextField(blank=True)
    report = models.ForeignKey(
        ClaimDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="ime_referrals"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-appointment_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "scheduled_seq"], name="ime_referral_event_unique"),
        ]

    def __str__(self) -> str:
        return f"IME with {self.doctor_name}"


class ImcReferral(models.Model):
    """A referral to an injury management consultant (seed 004), and its outcome."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="imc_referrals")
    consultant_name = models.CharField(max_length=200)
    reason = models.TextField()
    referred_on = models.DateField()
    status = models.CharField(max_length=16, choices=ImcStatus.choices, default=ImcStatus.REFERRED)
    referred_seq = models.PositiveIntegerField()
    outcome = models.TextField(blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_seq = models.PositiveIntegerField(null=True, blank=True)
    report = models.ForeignKey(
        ClaimDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="imc_referrals"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "referred_seq"], name="imc_referral_event_unique"),
        ]

    def __str__(self) -> str:
        return f"IMC referral to {self.consultant_name}"


class ImpairmentRating(models.Model):
    """A permanent impairment rating as recorded (``impairment.rated``): PPD (US) or WPI (NSW) %."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="impairment_ratings")
    kind = models.CharField(max_length=4, choices=RatingKind.choices)
    percent = models.DecimalField(max_digits=5, decimal_places=2)
    basis = models.CharField(max_length=16, choices=RatingBasis.choices)
    body_part = models.CharField(max_length=200, blank=True)
    rater_name = models.CharField(max_length=200)
    rated_on = models.DateField()
    report = models.ForeignKey(
        ClaimDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="impairment_ratings"
    )
    note = models.TextField(blank=True)
    recorded_seq = models.PositiveIntegerField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-rated_on", "-recorded_seq"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "recorded_seq"], name="impairment_rating_event_unique"),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100), name="impairment_rating_percent_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.percent}"
