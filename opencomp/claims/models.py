"""The claim and its event log.

Every fact about a claim enters as an append-only ``ClaimEvent``. ``Claim`` holds
the current state (status, assignment, dates) as a projection, updated by the same
service in the same transaction that appends the event. Events are numbered per
claim (``seq``); the pair is unique, so two writers cannot both append event N.
Updates and deletes of events are refused by the model and by the database
(triggers in migration ``0002_event_log_append_only``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from opencomp.claims.enums import ClaimStatus, ClaimType, EventKind, ParticipantRole, Sensitivity
from opencomp.core.models import AppendOnlyModel
from opencomp.jurisdictions import choices as jurisdiction_choices


class ClaimNumberSequence(models.Model):
    """Last claim number issued per jurisdiction and year."""

    jurisdiction = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year"], name="claim_number_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.year}: {self.last}"


class Claim(models.Model):
    number = models.CharField(max_length=32, unique=True)
    jurisdiction = models.CharField(max_length=8, choices=jurisdiction_choices())
    # employer, administrator and assigned_adjuster are looked up through the composite
    # indexes below (each leads with the key): a single-column index of its own would only
    # slow down every write of a claim row (each event rewrites it).
    employer = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="claims", db_index=False
    )
    administrator = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        db_index=False,
        related_name="administered_claims",
        help_text="The insurer, TPA, pool or self-insured employer handling the claim.",
    )
    establishment = models.ForeignKey(
        "parties.Establishment", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    worker = models.ForeignKey("parties.Worker", on_delete=models.PROTECT, related_name="claims")
    employment = models.ForeignKey(
        "parties.Employment", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    source_report = models.OneToOneField(
        "intake.InjuryReport", null=True, blank=True, on_delete=models.PROTECT, related_name="claim"
    )
    injury_date = models.DateField()
    injury_time = models.TimeField(null=True, blank=True)
    employer_knowledge_date = models.DateField()
    notification_date = models.DateField(help_text="When the administrator was notified of the claim.")
    claim_type = models.CharField(max_length=16, choices=ClaimType.choices)
    significant_injury = models.BooleanField(default=False)
    fatal = models.BooleanField(default=False, help_text="The worker died of the injury (death claim).")
    nature_of_injury = models.CharField(max_length=120)
    body_part = models.CharField(max_length=120)
    description = models.TextField()
    status = models.CharField(max_length=24, choices=ClaimStatus.choices, default=ClaimStatus.REPORTED)
    status_changed_at = models.DateTimeField()
    assigned_adjuster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_claims",
        db_index=False,
    )
    last_event_seq = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["assigned_adjuster", "status"], name="claim_queue_idx"),
            models.Index(fields=["employer", "status"], name="claim_employer_idx"),
            models.Index(fields=["administrator", "status"], name="claim_admin_idx"),
            models.Index(fields=["jurisdiction", "status"], name="claim_jurisdiction_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(employer_knowledge_date__gte=models.F("injury_date")),
                name="claim_knowledge_not_before_injury",
            ),
            models.CheckConstraint(
                condition=Q(notification_date__gte=models.F("injury_date")),
                name="claim_notification_not_before_injury",
            ),
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="claim_status_known"),
        ]

    def __str__(self) -> str:
        return self.number


class ClaimEvent(AppendOnlyModel):
    # The claim is looked up through (claim, seq) and (claim, kind); actor and corrects are
    # mostly empty, so only rows that have one are indexed (batch writers leave them empty).
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="events", db_index=False)
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=40, choices=EventKind.choices)
    occurred_at = models.DateTimeField()
    recorded_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    payload = models.JSONField(encoder=DjangoJSONEncoder)
    sensitivity = models.CharField(max_length=20, choices=Sensitivity.choices, default=Sensitivity.NORMAL)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections", db_index=False
    )

    class Meta:
        ordering = ["claim_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "seq"], name="claim_event_seq_unique"),
            models.CheckConstraint(condition=Q(seq__gte=1), name="claim_event_seq_positive"),
        ]
        # A claim's events of a kind are read through (claim, seq): a claim has tens or
        # hundreds of events, and batch readers want them in order anyway.
        indexes = [
            models.Index(fields=["actor"], condition=Q(actor__isnull=False), name="claim_event_actor_idx"),
            models.Index(
                fields=["corrects"], condition=Q(corrects__isnull=False), name="claim_event_corrects_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}#{self.seq} {self.kind}"


class ClaimParticipant(models.Model):
    """A provider or attorney involved in a claim; providers on a claim may see it."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="participants")
    role = models.CharField(max_length=24, choices=ParticipantRole.choices)
    provider = models.ForeignKey(
        "parties.Provider", null=True, blank=True, on_delete=models.PROTECT, related_name="claim_roles"
    )
    attorney = models.ForeignKey(
        "parties.Attorney", null=True, blank=True, on_delete=models.PROTECT, related_name="claim_roles"
    )
    added_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(provider__isnull=False) & Q(attorney__isnull=True))
                | (Q(provider__isnull=True) & Q(attorney__isnull=False)),
                name="participant_is_provider_or_attorney",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.provider or self.attorney}"


class MedicalDetailRead(AppendOnlyModel):
    """One read of restricted medical detail: who, when, which events, through what."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="medical_reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    channel = models.CharField(max_length=8)  # "web" or "api"
    event_ids = models.JSONField(default=list)

    class Meta:
        ordering = ["-at", "-pk"]
