"""The worker's consents on a claim, what each releases to whom, and the disclosures made.

``Consent`` is the consent as given (who, when, how, for what purpose, until when) and,
once withdrawn, from when and how. ``ConsentScope`` holds one row per category released
to one recipient, so "does a consent cover category C to party P on day D" is one
indexed query. ``Disclosure`` is the disclosure log: append-only, in the database too
(migration 0002), each row naming the consent it relied on unless none was needed.
The claim events ``consent.given``, ``consent.withdrawn`` and ``information.disclosed``
are written with them, in the same transaction (``consent.services``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from opencomp.claims.enums import ActivityChannel
from opencomp.claims.models import Claim
from opencomp.consent import rules
from opencomp.consent.enums import (
    ConsentCategory,
    ConsentGiver,
    ConsentMethod,
    ConsentRecipient,
    DisclosureBasis,
    DisclosureRecipient,
)
from opencomp.core.models import AppendOnlyModel


class Consent(models.Model):
    """One consent of the worker to release information, as given and (perhaps) withdrawn."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="consents")
    given_by = models.CharField(max_length=16, choices=ConsentGiver.choices)
    representative_name = models.CharField(max_length=200, blank=True)
    given_on = models.DateField()
    method = models.CharField(max_length=32, choices=ConsentMethod.choices)
    purpose = models.CharField(max_length=500)
    expires_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    given_seq = models.PositiveIntegerField(help_text="The claim's `consent.given` event.")
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_method = models.CharField(max_length=16, choices=ActivityChannel.choices, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_seq = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("given_on")),
                name="consent_expires_after_given",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
            ),
            models.CheckConstraint(
                condition=Q(given_by=ConsentGiver.WORKER) | ~Q(representative_name=""),
                name="consent_representative_named",
            ),
        ]

    def __str__(self) -> str:
        return f"Consent of {self.given_on:%d %b %Y} on {self.claim_id}"

    def in_force(self, on) -> bool:  # type: ignore[no-untyped-def]
        return rules.in_force(
            given_on=self.given_on, expires_on=self.expires_on, withdrawn_on=self.withdrawn_on, on=on
        )

    def state(self, on) -> str:  # type: ignore[no-untyped-def]
        """``current``, ``not_yet``, ``expired`` or ``withdrawn`` on day ``on``."""
        if self.withdrawn_on is not None and on >= self.withdrawn_on:
            return "withdrawn"
        if self.expires_on is not None and on > self.expires_on:
            return "expired"
        if on < self.given_on:
            return "not_yet"
        return "current"


class ConsentScope(models.Model):
    """One category of information one consent releases to one recipient."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="scope")
    category = models.CharField(max_length=32, choices=ConsentCategory.choices)
    recipient = models.CharField(max_length=32, choices=ConsentRecipient.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["consent", "category", "recipient"], name="consent_scope_unique"),
        ]
        indexes = [models.Index(fields=["category", "recipient"], name="consent_scope_lookup")]

    def __str__(self) -> str:
        return f"{self.get_category_display()} to {self.get_recipient_display()}"


class Disclosure(AppendOnlyModel):
    """One release of the worker's information to a party: the disclosure log. Never changed or deleted."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="disclosures")
    category = models.CharField(max_length=32, choices=ConsentCategory.choices)
    recipient = models.CharField(max_length=32, choices=DisclosureRecipient.choices)
    recipient_name = models.CharField(max_length=200)
    channel = models.CharField(max_length=16, choices=ActivityChannel.choices)
    disclosed_on = models.DateField()
    document_ids = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    basis = models.CharField(max_length=16, choices=DisclosureBasis.choices)
    consent = models.ForeignKey(
        Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="disclosures"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    seq = models.PositiveIntegerField(help_text="The claim's `information.disclosed` event.")

    class Meta:
        ordering = ["-disclosed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(basis=DisclosureBasis.CONSENT) & Q(consent__isnull=False))
                | (
                    Q(basis=DisclosureBasis.OWN_INFORMATION)
                    & Q(consent__isnull=True)
                    & Q(recipient=DisclosureRecipient.WORKER)
                ),
                name="disclosure_basis_consistent",
            ),
        ]
