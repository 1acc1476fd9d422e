"""Users, roles and organisations.

Every user has exactly one role and (except the system administrator) belongs to
one organisation. What a user may see follows from the pair: see
``claims.access`` for claim-level rules.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models

from opencomp.accounts.enums import EmployerPolicy, OrganisationKind, Role
from opencomp.jurisdictions import choices as jurisdiction_choices


def validate_policies(value: object) -> None:
    from django.core.exceptions import ValidationError

    if not isinstance(value, list) or any(v not in EmployerPolicy.values for v in value):
        raise ValidationError(f"must be a list of: {', '.join(EmployerPolicy.values)}")


class Organisation(models.Model):
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(max_length=200)
    legal_name = models.CharField(max_length=200, blank=True)
    identifier = models.CharField(
        max_length=32, blank=True, help_text="Tax or business identifier (FEIN, ABN)."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text="The pool a member belongs to, or the insurer that covers an employer.",
    )
    claims_administrator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="administered_employers",
        help_text="Who administers this employer's claims (insurer, TPA, pool); blank if it does so itself.",
    )
    jurisdiction = models.CharField(
        max_length=8,
        choices=jurisdiction_choices(),
        blank=True,
        help_text="Home jurisdiction; a regulator's jurisdiction of authority.",
    )
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)
    policies = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_policies],
        help_text=f"The employer's own programs with clocks: {', '.join(EmployerPolicy.values)}.",
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="organisation_kind_name_unique"),
            models.CheckConstraint(
                condition=~models.Q(kind="regulator") | ~models.Q(jurisdiction=""),
                name="regulator_has_jurisdiction",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_employer(self) -> bool:
        return self.kind in OrganisationKind.employer_kinds()

    @property
    def is_administrator(self) -> bool:
        return self.kind in OrganisationKind.administrator_kinds()

    def claims_administrator_or_self(self) -> Organisation:
        """The organisation that handles this employer's claims."""
        return self.claims_administrator or self


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="admin")
                | models.Q(organisation__isnull=False)
                | models.Q(role__in=["worker", "provider"]),
                name="user_has_organisation_unless_admin_worker_or_provider",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ""


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API; only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, validators=[RegexValidator(r"^[A-Za-z0-9_-]+$")])
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class NotificationChannel(models.TextChoices):
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    PORTAL = "portal", "Portal message"


class Notification(models.Model):
    """An outgoing message to a party, sent after the transaction that caused it commits."""

    created_at = models.DateTimeField()
    channel = models.CharField(max_length=16, choices=NotificationChannel.choices)
    recipient_name = models.CharField(max_length=200)
    recipient_address = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    claim_number = models.CharField(max_length=32, blank=True, db_index=True)
    recipient = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notices",
        help_text="The user whose in-app notices list shows it (portal messages).",
    )
    read_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient_name}"
