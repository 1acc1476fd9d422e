"""OSHA logs: an establishment's year (the 300A's inputs) and its cases (Form 300 rows and 301s).

An ``OshaCase`` keeps the facts recordability is decided from (``facts``, the same JSON as the
``osha-case`` CLI) and what the pure calculator decided from them (recordable, outcome, days,
privacy case, type), written together by ``osha.services`` so the log, the 300A and the ITA files
are plain reads. Not-recordable cases stay (the decision is the record of why) but are left off
every form. An ``OshaYear`` holds what the 300A needs beyond the cases: the annual average
employees, the total hours worked, the certifying executive and the ITA establishment fields.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from opencomp.claims.models import Claim
from opencomp.parties.models import Establishment


class OshaYear(models.Model):
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="osha_years")
    year = models.PositiveSmallIntegerField()
    annual_average_employees = models.PositiveIntegerField(null=True, blank=True)
    total_hours_worked = models.PositiveBigIntegerField(null=True, blank=True)
    ein = models.CharField(max_length=9, blank=True)
    company_name = models.CharField(max_length=100, blank=True)
    industry_description = models.CharField(max_length=300, blank=True)
    establishment_type = models.CharField(max_length=1, default="1")
    certified_by_name = models.CharField(max_length=100, blank=True)
    certified_by_title = models.CharField(max_length=100, blank=True)
    certified_by_phone = models.CharField(max_length=30, blank=True)
    certified_on = models.DateField(null=True, blank=True)
    change_reason = models.CharField(max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["establishment", "year"], name="osha_year_unique"),
            models.CheckConstraint(
                condition=Q(establishment_type__in=["1", "2", "3"]), name="osha_year_type_known"
            ),
        ]

    def __str__(self) -> str:
        return f"OSHA {self.year} of establishment {self.establishment_id}"


class OshaCase(models.Model):
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="osha_cases")
    year = models.PositiveSmallIntegerField(help_text="The year of the injury: the log it is recorded on.")
    case_number = models.CharField(max_length=20)
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.PROTECT, related_name="osha_cases"
    )
    employee_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=100)
    date_of_incident = models.DateField()
    incident_location = models.CharField(max_length=100)
    incident_description = models.CharField(max_length=200)
    facts = models.JSONField(help_text="The recordability facts (the osha-case CLI's JSON).")
    recordable = models.BooleanField()
    outcome = models.CharField(max_length=32)
    days_away = models.PositiveSmallIntegerField()
    days_restricted = models.PositiveSmallIntegerField()
    privacy_case = models.BooleanField()
    case_type = models.CharField(max_length=32)
    reasons = models.JSONField(default=list)
    rules_version = models.CharField(max_length=32)
    # Form 301 and the case file.
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_hire = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=16, blank=True)
    physician_name = models.CharField(max_length=200, blank=True)
    treatment_facility = models.CharField(max_length=300, blank=True)
    emergency_room = models.BooleanField(null=True, blank=True)
    hospitalized_overnight = models.BooleanField(null=True, blank=True)
    time_started_work = models.TimeField(null=True, blank=True)
    time_of_incident = models.TimeField(null=True, blank=True)
    nar_before_incident = models.TextField(blank=True)
    nar_what_happened = models.TextField(blank=True)
    nar_injury_illness = models.TextField(blank=True)
    nar_object_substance = models.TextField(blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    # For the counts by nature, body part and cause (seed 000's watch list).
    nature = models.CharField(max_length=120, blank=True)
    body_part = models.CharField(max_length=120, blank=True)
    cause = models.CharField(max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["establishment_id", "year", "case_number"]
        indexes = [models.Index(fields=["year", "establishment"], name="osha_case_year_est")]
        constraints = [
            models.UniqueConstraint(
                fields=["establishment", "year", "case_number"], name="osha_case_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(days_away__lte=180) & Q(days_restricted__lte=180), name="osha_case_day_cap"
            ),
        ]

    def __str__(self) -> str:
        return f"OSHA case {self.case_number} ({self.year}) of establishment {self.establishment_id}"

    @property
    def log_name(self) -> str:
        """The name on the Form 300: "Privacy Case" for a privacy concern case (1904.29(b)(7))."""
        return "Privacy Case" if self.privacy_case else self.employee_name
