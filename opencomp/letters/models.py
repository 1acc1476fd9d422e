"""Issued letters: what was printed, from which template version, and who it went to, how.

Both tables are append-only: an issued letter is part of the claim's record. A corrected
letter is a new letter. The PDF itself is a claim document (``documents.ClaimDocument``,
category correspondence), so it is listed, protected and downloaded like any other.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from opencomp.claims.enums import ActivityParty
from opencomp.claims.models import Claim
from opencomp.core.models import AppendOnlyModel
from opencomp.documents.models import ClaimDocument
from opencomp.letters.enums import DeliveryMethod


class Letter(AppendOnlyModel):
    """One letter or form issued on a claim."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="letters")
    template_id = models.CharField(max_length=60)
    template_version = models.PositiveSmallIntegerField()
    template_digest = models.CharField(max_length=64, help_text="SHA-256 of the template files printed from.")
    notice = models.CharField(max_length=40, help_text="The notice type of its `notice.sent` event.")
    title = models.CharField(max_length=200)
    subject_seq = models.PositiveIntegerField(
        null=True, blank=True, help_text="The claim event it answers (a `liability.decided`)."
    )
    document = models.OneToOneField(ClaimDocument, on_delete=models.PROTECT, related_name="letter")
    content = models.JSONField(encoder=DjangoJSONEncoder, help_text="The facts as printed.")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    notice_seq = models.PositiveIntegerField(help_text="The claim's `notice.sent` event.")

    class Meta:
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["claim", "notice"], name="letters_claim_notice")]
        constraints = [
            models.UniqueConstraint(fields=["claim", "notice_seq"], name="letters_one_per_notice_event"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.claim.number})"


class LetterRecipient(AppendOnlyModel):
    """One addressee of a letter and how it was sent to them."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="recipients")
    position = models.PositiveSmallIntegerField()
    party = models.CharField(max_length=16, choices=ActivityParty.choices)
    name = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    method = models.CharField(max_length=16, choices=DeliveryMethod.choices)
    tracking_number = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["letter", "position"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "position"], name="letters_recipient_position"),
            models.CheckConstraint(
                condition=~Q(method=DeliveryMethod.EMAIL) | ~Q(email=""), name="letters_email_has_address"
            ),
            models.CheckConstraint(
                condition=Q(method=DeliveryMethod.EMAIL) | ~Q(address=""), name="letters_post_has_address"
            ),
            models.CheckConstraint(
                condition=~Q(method=DeliveryMethod.CERTIFIED_MAIL) | ~Q(tracking_number=""),
                name="letters_certified_has_tracking",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_method_display()})"
