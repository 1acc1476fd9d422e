"""The people and organisations a claim involves: establishments, workers and their
employment and wages, providers and attorneys. Organisations themselves (employers,
insurers, pools, regulators) live in ``accounts``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from opencomp.parties.enums import AttorneyRepresents, EmploymentType, Gender, ProviderKind, WageKind

naics_validator = RegexValidator(r"^\d{2,6}$", "A NAICS code is 2 to 6 digits.")


class Establishment(models.Model):
    """A single physical location of an employer (an OSHA establishment)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="establishments"
    )
    name = models.CharField(max_length=200)
    street = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    region = models.CharField(max_length=50, help_text="State or territory.")
    postcode = models.CharField(max_length=16)
    country = models.CharField(max_length=2, default="US")
    naics_code = models.CharField(max_length=6, validators=[naics_validator], blank=True)

    class Meta:
        ordering = ["organisation_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="establishment_name_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"


class Worker(models.Model):
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=16, choices=Gender.choices, default=Gender.NOT_STATED)
    street = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=50, blank=True)
    postcode = models.CharField(max_length=16, blank=True)
    country = models.CharField(max_length=2, default="US")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    preferred_language = models.CharField(max_length=40, default="English")
    interpreter_required = models.BooleanField(default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="worker_profile",
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        indexes = [models.Index(fields=["family_name", "given_name"], name="worker_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def address(self) -> str:
        parts = [self.street, self.city, " ".join(p for p in (self.region, self.postcode) if p)]
        return ", ".join(p for p in parts if p)


class Employment(models.Model):
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="employments")
    employer = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="employments"
    )
    establishment = models.ForeignKey(
        Establishment, null=True, blank=True, on_delete=models.PROTECT, related_name="employments"
    )
    employee_number = models.CharField(max_length=40, blank=True)
    job_title = models.CharField(max_length=120)
    hire_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    employment_type = models.CharField(max_length=16, choices=EmploymentType.choices)
    hours_per_week = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(168)]
    )
    days_per_week = models.DecimalField(
        max_digits=3, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(7)]
    )

    class Meta:
        ordering = ["-hire_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=0) & Q(hours_per_week__lte=168),
                name="employment_hours_in_week",
            ),
            models.CheckConstraint(
                condition=Q(days_per_week__gte=0) & Q(days_per_week__lte=7),
                name="employment_days_in_week",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("hire_date")),
                name="employment_ends_after_hire",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_title} at {self.employer}"


class WageRecord(models.Model):
    """Earnings for one pay period: the raw material of AWW and PIAWE."""

    employment = models.ForeignKey(Employment, on_delete=models.PROTECT, related_name="wages")
    period_start = models.DateField()
    period_end = models.DateField()
    kind = models.CharField(max_length=20, choices=WageKind.choices, default=WageKind.ORDINARY)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    hours = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["employment_id", "period_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="wage_period_ordered"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="wage_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.period_start} to {self.period_end} {self.kind} {self.amount}"


class Provider(models.Model):
    kind = models.CharField(max_length=20, choices=ProviderKind.choices)
    name = models.CharField(max_length=200)
    practice_name = models.CharField(max_length=200, blank=True)
    provider_number = models.CharField(
        max_length=32, blank=True, help_text="NPI (US) or Medicare provider number (AU)."
    )
    specialty = models.CharField(max_length=100, blank=True)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provider_profile",
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Attorney(models.Model):
    name = models.CharField(max_length=200)
    firm = models.CharField(max_length=200, blank=True)
    bar_number = models.CharField(max_length=32, blank=True)
    represents = models.CharField(max_length=16, choices=AttorneyRepresents.choices)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.firm})" if self.firm else self.name
