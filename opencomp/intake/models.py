"""Intake: the register of injuries, employee and supervisor reports, post-accident tests.

An ``Incident`` is a line of the employer's incident log / register of injuries
(seeds 003 and 004): every event is logged, first-aid-only ones never become claims.
An ``InjuryReport`` is the employee's report (Denver ADM 4, Colorado WC1, the NSW
notification fields); a claim is created from it by ``claims.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from opencomp.intake.enums import (
    BodySide,
    IncidentOutcome,
    IncidentStatus,
    NotifierRelationship,
    ReportStatus,
    TestReason,
    TestResult,
)
from opencomp.jurisdictions import choices as jurisdiction_choices


class Incident(models.Model):
    employer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="incidents")
    establishment = models.ForeignKey(
        "parties.Establishment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    worker = models.ForeignKey(
        "parties.Worker", null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    person_name = models.CharField(
        max_length=200,
        help_text="Name of the person hurt (a volunteer or visitor may have no worker record).",
    )
    occupation = models.CharField(max_length=120, blank=True)
    occurred_at = models.DateTimeField()
    location = models.CharField(max_length=200)
    description = models.TextField(help_text="How it happened.")
    nature_of_injury = models.CharField(max_length=120, blank=True)
    body_part = models.CharField(max_length=120, blank=True)
    outcome = models.CharField(max_length=24, choices=IncidentOutcome.choices)
    first_aid_given = models.TextField(blank=True)
    first_aid_by = models.CharField(max_length=120, blank=True)
    witnesses = models.TextField(blank=True)
    reported_by = models.CharField(max_length=120)
    status = models.CharField(max_length=16, choices=IncidentStatus.choices, default=IncidentStatus.LOGGED)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["employer", "occurred_at"], name="incident_employer_idx")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.person_name}: {self.nature_of_injury or self.outcome}"


class InjuryReport(models.Model):
    employer = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="injury_reports"
    )
    establishment = models.ForeignKey(
        "parties.Establishment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    worker = models.ForeignKey("parties.Worker", on_delete=models.PROTECT, related_name="injury_reports")
    incident = models.OneToOneField(
        Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="injury_report"
    )
    jurisdiction = models.CharField(max_length=8, choices=jurisdiction_choices())
    injury_date = models.DateField()
    injury_time = models.TimeField(null=True, blank=True)
    location = models.CharField(max_length=200)
    nature_of_injury = models.CharField(max_length=120)
    body_part = models.CharField(max_length=120)
    body_side = models.CharField(max_length=16, choices=BodySide.choices, default=BodySide.NOT_APPLICABLE)
    how_it_happened = models.TextField()
    witnesses = models.TextField(blank=True)
    reported_to_employer_on = models.DateField(help_text="When the employer first knew of the injury.")
    notifier_name = models.CharField(max_length=200)
    notifier_address = models.CharField(max_length=300, blank=True)
    notifier_relationship = models.CharField(max_length=16, choices=NotifierRelationship.choices)
    medical_treatment_sought = models.BooleanField(default=False)
    time_lost = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reported_to_employer_on__gte=models.F("injury_date")),
                name="report_knowledge_not_before_injury",
            ),
        ]

    def __str__(self) -> str:
        return f"Injury report #{self.pk}: {self.worker} {self.injury_date}"


class SupervisorReport(models.Model):
    """Supervisor report of accident or incident (seed 001)."""

    report = models.OneToOneField(InjuryReport, on_delete=models.PROTECT, related_name="supervisor_report")
    supervisor_name = models.CharField(max_length=200)
    scene_inspected = models.BooleanField()
    hazard_found = models.BooleanField()
    hazard_abated = models.BooleanField()
    hazard_description = models.TextField(blank=True)
    procedures_followed = models.BooleanField()
    safety_equipment_required = models.BooleanField()
    safety_equipment_used = models.BooleanField()
    safety_rule_violation = models.BooleanField()
    violation_details = models.TextField(blank=True)
    witness_statements = models.TextField(blank=True)
    employee_statement = models.TextField(blank=True)
    corrective_action = models.TextField(blank=True)
    safety_officer_contacted = models.BooleanField(default=False)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Supervisor report for {self.report}"


class DrugAlcoholTest(models.Model):
    """Post-accident drug and alcohol test record (seed 001, Executive Order 94)."""

    report = models.OneToOneField(InjuryReport, on_delete=models.PROTECT, related_name="drug_alcohol_test")
    accident_at = models.DateTimeField()
    reason = models.CharField(max_length=24, choices=TestReason.choices)
    alcohol_tested_at = models.DateTimeField(null=True, blank=True)
    alcohol_result = models.CharField(
        max_length=16, choices=TestResult.choices, default=TestResult.NOT_TESTED
    )
    drug_tested_at = models.DateTimeField(null=True, blank=True)
    drug_result = models.CharField(max_length=16, choices=TestResult.choices, default=TestResult.NOT_TESTED)
    duplicate_sample_preserved = models.BooleanField(default=False)
    reason_not_tested = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Drug/alcohol test for {self.report}"
