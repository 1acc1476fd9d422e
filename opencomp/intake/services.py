"""Writes of the intake context: the register of injuries and the reports.

Each service checks that the actor may file for the employer, validates every
field (reporting all bad fields at once), writes, and records an audit entry, all
in one transaction.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from opencomp.accounts.enums import Role
from opencomp.accounts.models import Organisation, User
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector, PermissionDenied, ValidationFailed
from opencomp.core.services import audit_record, full_clean_or_raise
from opencomp.intake.access import user_can_file_for_employer
from opencomp.intake.enums import IncidentStatus, ReportStatus, TestReason, TestResult
from opencomp.intake.models import DrugAlcoholTest, Incident, InjuryReport, SupervisorReport
from opencomp.intake.signals import test_recorded
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.parties.models import Establishment, Worker

#: Post-accident testing windows of the City and County of Denver, Executive Order 94
#: (seed 001): stop attempts at alcohol testing 8 hours and drug testing 32 hours after
#: the accident, and record in writing why no test was given.
ALCOHOL_TEST_WINDOW = dt.timedelta(hours=8)
DRUG_TEST_WINDOW = dt.timedelta(hours=32)


def _require_filer(actor: User, employer: Organisation, worker: Worker | None = None) -> None:
    if actor.role == Role.WORKER:
        if worker is None or worker.user_id != actor.pk:
            raise PermissionDenied("Workers may only report their own injuries.")
        if not worker.employments.filter(employer=employer).exists():
            raise PermissionDenied("You are not employed by that employer.")
        return
    if not user_can_file_for_employer(actor, employer):
        raise PermissionDenied(f"You may not file reports for {employer.name}.")


def _check_establishment(errors: ErrorCollector, employer: Organisation, est: Establishment | None) -> None:
    if est is not None and est.organisation_id != employer.pk:
        errors.add("establishment", "belongs to a different employer")


@transaction.atomic
def incident_log(
    *,
    actor: User,
    employer: Organisation,
    person_name: str,
    occurred_at: dt.datetime,
    location: str,
    description: str,
    outcome: str,
    reported_by: str,
    establishment: Establishment | None = None,
    worker: Worker | None = None,
    occupation: str = "",
    nature_of_injury: str = "",
    body_part: str = "",
    first_aid_given: str = "",
    first_aid_by: str = "",
    witnesses: str = "",
) -> Incident:
    """Record one line of the register of injuries / incident log."""
    _require_filer(actor, employer, worker)
    errors = ErrorCollector()
    _check_establishment(errors, employer, establishment)
    if occurred_at > clock.now():
        errors.add("occurred_at", "is in the future")
    errors.raise_if_any()
    incident = Incident(
        employer=employer,
        establishment=establishment,
        worker=worker,
        person_name=person_name,
        occupation=occupation,
        occurred_at=occurred_at,
        location=location,
        description=description,
        nature_of_injury=nature_of_injury,
        body_part=body_part,
        outcome=outcome,
        first_aid_given=first_aid_given,
        first_aid_by=first_aid_by,
        witnesses=witnesses,
        reported_by=reported_by,
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    full_clean_or_raise(incident)
    incident.save()
    audit_record(actor=actor, action="incident.logged", obj=incident, data={"outcome": outcome})
    return incident


@transaction.atomic
def injury_report_submit(
    *,
    actor: User,
    employer: Organisation,
    worker: Worker,
    jurisdiction: str,
    injury_date: dt.date,
    location: str,
    nature_of_injury: str,
    body_part: str,
    how_it_happened: str,
    reported_to_employer_on: dt.date,
    notifier_name: str,
    notifier_relationship: str,
    injury_time: dt.time | None = None,
    body_side: str = "not_applicable",
    witnesses: str = "",
    notifier_address: str = "",
    medical_treatment_sought: bool = False,
    time_lost: bool = False,
    establishment: Establishment | None = None,
    incident: Incident | None = None,
) -> InjuryReport:
    """File the employee's injury report (ADM 4 / WC1 / NSW notification)."""
    _require_filer(actor, employer, worker)
    errors = ErrorCollector()
    known = JURISDICTIONS.get(jurisdiction)
    # Dates are the jurisdiction's: 9 am in Sydney is still yesterday in UTC.
    today = clock.today_in(known.time_zone) if known else clock.today()
    _check_establishment(errors, employer, establishment)
    if injury_date > today:
        errors.add("injury_date", "is in the future")
    if reported_to_employer_on > today:
        errors.add("reported_to_employer_on", "is in the future")
    if reported_to_employer_on < injury_date:
        errors.add("reported_to_employer_on", "is before the injury date")
    if not worker.employments.filter(employer=employer).exists():
        errors.add("worker", f"has no employment with {employer.name}")
    if incident is not None:
        if incident.employer_id != employer.pk:
            errors.add("incident", "was logged by a different employer")
        elif incident.status != IncidentStatus.LOGGED:
            errors.add("incident", "already has an injury report")
    errors.raise_if_any("The injury report is not valid.")
    report = InjuryReport(
        employer=employer,
        establishment=establishment,
        worker=worker,
        incident=incident,
        jurisdiction=jurisdiction,
        injury_date=injury_date,
        injury_time=injury_time,
        location=location,
        nature_of_injury=nature_of_injury,
        body_part=body_part,
        body_side=body_side,
        how_it_happened=how_it_happened,
        witnesses=witnesses,
        reported_to_employer_on=reported_to_employer_on,
        notifier_name=notifier_name,
        notifier_address=notifier_address,
        notifier_relationship=notifier_relationship,
        medical_treatment_sought=medical_treatment_sought,
        time_lost=time_lost,
        submitted_by=actor,
        submitted_at=clock.now(),
    )
    full_clean_or_raise(report)
    report.save()
    if incident is not None:
        incident.status = IncidentStatus.REPORTED
        incident.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="injury_report.submitted",
        obj=report,
        data={"worker_id": worker.pk, "employer_id": employer.pk, "injury_date": injury_date},
    )
    return report


@transaction.atomic
def injury_report_withdraw(*, actor: User, report: InjuryReport, reason: str) -> InjuryReport:
    report = InjuryReport.objects.select_for_update().get(pk=report.pk)
    _require_filer(actor, report.employer, report.worker)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationFailed.for_field(
            "status", f"a report that is {report.get_status_display()} cannot be withdrawn"
        )
    if not reason.strip():
        raise ValidationFailed.for_field("reason", "is required")
    report.status = ReportStatus.WITHDRAWN
    report.save(update_fields=["status"])
    audit_record(actor=actor, action="injury_report.withdrawn", obj=report, data={"reason": reason})
    return report


@transaction.atomic
def supervisor_report_submit(
    *,
    actor: User,
    report: InjuryReport,
    supervisor_name: str,
    scene_inspected: bool,
    hazard_found: bool,
    hazard_abated: bool,
    procedures_followed: bool,
    safety_equipment_required: bool,
    safety_equipment_used: bool,
    safety_rule_violation: bool,
    hazard_description: str = "",
    violation_details: str = "",
    witness_statements: str = "",
    employee_statement: str = "",
    corrective_action: str = "",
    safety_officer_contacted: bool = False,
) -> SupervisorReport:
    """The supervisor's report of accident or incident (seed 001)."""
    if actor.role == Role.WORKER or not user_can_file_for_employer(actor, report.employer):
        raise PermissionDenied("Only the employer or its claims administrator may file a supervisor report.")
    errors = ErrorCollector()
    if SupervisorReport.objects.filter(report=report).exists():
        errors.add("report", "already has a supervisor report")
    if hazard_found and not hazard_description.strip():
        errors.add("hazard_description", "describe the hazard that was found")
    if hazard_abated and not hazard_found:
        errors.add("hazard_abated", "no hazard was found to abate")
    if safety_rule_violation and not violation_details.strip():
        errors.add("violation_details", "describe the safety rule violation")
    if safety_equipment_used and not safety_equipment_required:
        errors.add("safety_equipment_used", "answer only when safety equipment was required")
    errors.raise_if_any("The supervisor report is not valid.")
    sup = SupervisorReport(
        report=report,
        supervisor_name=supervisor_name,
        scene_inspected=scene_inspected,
        hazard_found=hazard_found,
        hazard_abated=hazard_abated,
        hazard_description=hazard_description,
        procedures_followed=procedures_followed,
        safety_equipment_required=safety_equipment_required,
        safety_equipment_used=safety_equipment_used,
        safety_rule_violation=safety_rule_violation,
        violation_details=violation_details,
        witness_statements=witness_statements,
        employee_statement=employee_statement,
        corrective_action=corrective_action,
        safety_officer_contacted=safety_officer_contacted,
        completed_by=actor,
        completed_at=clock.now(),
    )
    full_clean_or_raise(sup)
    sup.save()
    audit_record(actor=actor, action="supervisor_report.submitted", obj=sup, data={"report_id": report.pk})
    return sup


def _check_test(
    errors: ErrorCollector,
    *,
    name: str,
    accident_at: dt.datetime,
    tested_at: dt.datetime | None,
    result: str,
    window: dt.timedelta,
) -> None:
    field = f"{name}_tested_at"
    if tested_at is None:
        if result != TestResult.NOT_TESTED:
            errors.add(f"{name}_result", "a result needs the time of the test")
        return
    if tested_at < accident_at:
        errors.add(field, "is before the accident")
    elif tested_at - accident_at > window:
        hours = int(window.total_seconds() // 3600)
        errors.add(
            field, f"is more than {hours} hours after the accident; record why no test was given instead"
        )
    if result == TestResult.NOT_TESTED:
        errors.add(f"{name}_result", "give the result (or pending) of the test that was given")


@transaction.atomic
def drug_alcohol_test_record(
    *,
    actor: User,
    report: InjuryReport,
    accident_at: dt.datetime,
    reason: str,
    alcohol_tested_at: dt.datetime | None = None,
    alcohol_result: str = TestResult.NOT_TESTED,
    drug_tested_at: dt.datetime | None = None,
    drug_result: str = TestResult.NOT_TESTED,
    duplicate_sample_preserved: bool = False,
    reason_not_tested: str = "",
) -> DrugAlcoholTest:
    """Record the post-accident drug and alcohol test, or why none was given (seed 001)."""
    if actor.role == Role.WORKER or not user_can_file_for_employer(actor, report.employer):
        raise PermissionDenied("Only the employer or its claims administrator may record test results.")
    errors = ErrorCollector()
    if DrugAlcoholTest.objects.filter(report=report).exists():
        errors.add("report", "already has a test record")
    if accident_at.date() != report.injury_date:
        errors.add("accident_at", f"is not on the injury date {report.injury_date.isoformat()}")
    if reason == TestReason.NOT_REQUIRED:
        if alcohol_tested_at or drug_tested_at:
            errors.add("reason", "a test was given, so give the ground for testing")
    else:
        for name, tested_at, result, window in (
            ("alcohol", alcohol_tested_at, alcohol_result, ALCOHOL_TEST_WINDOW),
            ("drug", drug_tested_at, drug_result, DRUG_TEST_WINDOW),
        ):
            _check_test(
                errors, name=name, accident_at=accident_at, tested_at=tested_at, result=result, window=window
            )
        if (alcohol_tested_at is None or drug_tested_at is None) and not reason_not_tested.strip():
            errors.add("reason_not_tested", "state in writing why the test was not given")
    errors.raise_if_any("The test record is not valid.")
    test = DrugAlcoholTest(
        report=report,
        accident_at=accident_at,
        reason=reason,
        alcohol_tested_at=alcohol_tested_at,
        alcohol_result=alcohol_result,
        drug_tested_at=drug_tested_at,
        drug_result=drug_result,
        duplicate_sample_preserved=duplicate_sample_preserved,
        reason_not_tested=reason_not_tested,
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    full_clean_or_raise(test)
    test.save()
    audit_record(actor=actor, action="drug_alcohol_test.recorded", obj=test, data={"reason": reason})
    test_recorded.send(sender=DrugAlcoholTest, test=test)
    return test
