"""Register of injuries, injury and supervisor reports, post-accident tests."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.core.models import AuditEntry
from opencomp.intake.access import incident_queryset_for_user, report_queryset_for_user
from opencomp.intake.models import DrugAlcoholTest, Incident, InjuryReport, SupervisorReport
from opencomp.intake.services import (
    drug_alcohol_test_record,
    incident_log,
    injury_report_submit,
    injury_report_withdraw,
    supervisor_report_submit,
)

ACCIDENT = dt.datetime(2026, 10, 29, 9, 15, tzinfo=dt.UTC)


def _incident(book, **overrides):
    values = dict(
        actor=book.users["employer_supervisor"],
        employer=book.employer,
        person_name="Maria Lopez",
        worker=book.worker,
        occurred_at=ACCIDENT,
        location="Press line 3",
        description="Nicked thumb on burr; cleaned and dressed at the first-aid station.",
        outcome="first_aid_only",
        reported_by="Maria Lopez",
        first_aid_given="Cleaned, adhesive dressing",
        first_aid_by="J. Park (first aider)",
    )
    values.update(overrides)
    return incident_log(**values)


def _report(book, **overrides):
    values = dict(
        actor=book.users["employer_supervisor"],
        employer=book.employer,
        worker=book.worker,
        jurisdiction="CO",
        injury_date=dt.date(2026, 10, 29),
        location="Press line 3",
        nature_of_injury="Crush",
        body_part="Finger",
        how_it_happened="Finger caught in the press die during setup.",
        reported_to_employer_on=dt.date(2026, 10, 29),
        notifier_name="Pat Foreman",
        notifier_relationship="supervisor",
    )
    values.update(overrides)
    return injury_report_submit(**values)


@pytest.mark.smoke
def test_first_aid_incident_is_logged_without_a_claim(book):
    incident = _incident(book)

    assert incident.status == "logged"
    assert not hasattr(incident, "injury_report") or incident.injury_report is None
    assert AuditEntry.objects.filter(action="incident.logged", object_id=str(incident.pk)).count() == 1


def test_incident_in_the_future_is_refused(book):
    with pytest.raises(ValidationFailed) as exc:
        _incident(book, occurred_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert exc.value.errors[0].field == "occurred_at"
    assert Incident.objects.count() == 0


def test_report_from_an_incident_marks_it_reported(book):
    incident = _incident(book)

    _report(book, incident=incident)

    assert Incident.objects.get(pk=incident.pk).status == "reported"
    with pytest.raises(ValidationFailed) as exc:
        _report(book, incident=incident)
    assert exc.value.errors[0].field == "incident"


def test_report_reports_every_bad_field_at_once(book):
    with pytest.raises(ValidationFailed) as exc:
        _report(book, injury_date=dt.date(2026, 12, 1), reported_to_employer_on=dt.date(2026, 11, 30))
    fields = sorted(e.field for e in exc.value.errors)
    assert fields == ["injury_date", "reported_to_employer_on", "reported_to_employer_on"]
    assert InjuryReport.objects.count() == 0


def test_employer_cannot_file_for_another_employer(book):
    with pytest.raises(PermissionDenied):
        _report(book, actor=book.users["other_employer_coordinator"])
    assert InjuryReport.objects.count() == 0


def test_worker_files_their_own_report_only(book):
    report = _report(
        book, actor=book.users["worker"], notifier_name="Maria Lopez", notifier_relationship="self"
    )
    assert report.submitted_by == book.users["worker"]
    with pytest.raises(PermissionDenied):
        _report(book, actor=book.users["other_worker"])


def test_report_visibility(book):
    _report(book)
    assert report_queryset_for_user(book.users["adjuster"]).count() == 1
    assert report_queryset_for_user(book.users["employer_coordinator"]).count() == 1
    assert report_queryset_for_user(book.users["worker"]).count() == 1
    assert report_queryset_for_user(book.users["other_worker"]).count() == 0
    assert report_queryset_for_user(book.users["other_employer_coordinator"]).count() == 0
    assert report_queryset_for_user(book.users["provider"]).count() == 0
    assert incident_queryset_for_user(book.users["worker"]).count() == 0


def test_withdraw_needs_a_reason_and_only_once(book):
    report = _report(book)
    with pytest.raises(ValidationFailed) as exc:
        injury_report_withdraw(actor=book.users["employer_supervisor"], report=report, reason=" ")
    assert exc.value.errors[0].field == "reason"
    injury_report_withdraw(actor=book.users["employer_supervisor"], report=report, reason="Filed twice.")
    with pytest.raises(ValidationFailed):
        injury_report_withdraw(actor=book.users["employer_supervisor"], report=report, reason="Again.")


SUPERVISOR = dict(
    supervisor_name="Pat Foreman",
    scene_inspected=True,
    hazard_found=True,
    hazard_abated=True,
    hazard_description="Die guard interlock bypassed.",
    procedures_followed=False,
    safety_equipment_required=True,
    safety_equipment_used=True,
    safety_rule_violation=True,
    violation_details="Lock-out/tag-out not applied before die change.",
    witness_statements="R. Diaz saw the press cycle while the guard was open.",
    corrective_action="Interlock repaired; LOTO refresher for the shift.",
)


@pytest.mark.smoke
def test_supervisor_report_is_recorded_once(book):
    report = _report(book)

    sup = supervisor_report_submit(actor=book.users["employer_supervisor"], report=report, **SUPERVISOR)

    assert sup.completed_by == book.users["employer_supervisor"]
    with pytest.raises(ValidationFailed) as exc:
        supervisor_report_submit(actor=book.users["employer_supervisor"], report=report, **SUPERVISOR)
    assert exc.value.errors[0].field == "report"


@pytest.mark.parametrize(
    ("_case", "overrides", "fields"),
    [
        ("hazard without description", {"hazard_description": ""}, ["hazard_description"]),
        ("violation without details", {"violation_details": ""}, ["violation_details"]),
        ("abated but none found", {"hazard_found": False, "hazard_description": ""}, ["hazard_abated"]),
    ],
)
def test_supervisor_report_consistency(book, _case, overrides, fields):
    report = _report(book)
    with pytest.raises(ValidationFailed) as exc:
        supervisor_report_submit(
            actor=book.users["employer_supervisor"], report=report, **{**SUPERVISOR, **overrides}
        )
    assert [e.field for e in exc.value.errors] == fields
    assert SupervisorReport.objects.count() == 0


def test_worker_cannot_file_a_supervisor_report(book):
    report = _report(book)
    with pytest.raises(PermissionDenied):
        supervisor_report_submit(actor=book.users["worker"], report=report, **SUPERVISOR)


def test_tests_within_the_windows_are_recorded(book):
    report = _report(book)

    test = drug_alcohol_test_record(
        actor=book.users["employer_supervisor"],
        report=report,
        accident_at=ACCIDENT,
        reason="treated_away",
        alcohol_tested_at=ACCIDENT + dt.timedelta(hours=1, minutes=30),
        alcohol_result="negative",
        drug_tested_at=ACCIDENT + dt.timedelta(hours=31),
        drug_result="pending",
        duplicate_sample_preserved=True,
    )

    assert test.alcohol_result == "negative"


@pytest.mark.parametrize(
    ("_case", "overrides", "fields"),
    [
        (
            "alcohol after 8 hours",
            {"alcohol_tested_at": ACCIDENT + dt.timedelta(hours=8, minutes=1), "alcohol_result": "negative"},
            ["alcohol_tested_at", "reason_not_tested"],
        ),
        (
            "drug after 32 hours",
            {
                "alcohol_tested_at": ACCIDENT + dt.timedelta(hours=1),
                "alcohol_result": "negative",
                "drug_tested_at": ACCIDENT + dt.timedelta(hours=33),
                "drug_result": "negative",
            },
            ["drug_tested_at"],
        ),
        ("not tested without a written reason", {}, ["reason_not_tested"]),
        (
            "result without a test time",
            {"alcohol_result": "negative", "reason_not_tested": "Clinic closed."},
            ["alcohol_result"],
        ),
        (
            "test before the accident",
            {
                "alcohol_tested_at": ACCIDENT - dt.timedelta(hours=1),
                "alcohol_result": "negative",
                "reason_not_tested": "Drug collector unavailable.",
            },
            ["alcohol_tested_at"],
        ),
    ],
)
def test_test_windows_of_executive_order_94(book, _case, overrides, fields):
    report = _report(book)
    with pytest.raises(ValidationFailed) as exc:
        drug_alcohol_test_record(
            actor=book.users["employer_supervisor"],
            report=report,
            accident_at=ACCIDENT,
            reason="treated_away",
            **overrides,
        )
    assert [e.field for e in exc.value.errors] == fields
    assert DrugAlcoholTest.objects.count() == 0


def test_no_ground_for_testing_needs_no_times(book):
    report = _report(book)
    test = drug_alcohol_test_record(
        actor=book.users["employer_supervisor"], report=report, accident_at=ACCIDENT, reason="not_required"
    )
    assert test.alcohol_result == "not_tested"


@pytest.mark.smoke
def test_employer_visibility_predicate_agrees_with_the_queryset(book):
    """``employer_visible_to`` (no query) and ``employers_visible_to`` (SQL) are one rule."""
    from opencomp.accounts.models import Organisation
    from opencomp.intake.access import employer_visible_to, employers_visible_to

    organisations = list(Organisation.objects.all())
    for key, user in book.users.items():
        visible = set(employers_visible_to(user).values_list("pk", flat=True))
        for org in organisations:
            assert employer_visible_to(user, org) is (org.pk in visible), (key, org.name)


def test_report_dates_are_checked_in_the_jurisdictions_time_zone(book):
    # given: 20:00 UTC on 2 Nov 2026 is 07:00 on 3 Nov in Sydney and 13:00 on 2 Nov in Denver
    with time_machine.travel(dt.datetime(2026, 11, 2, 20, 0, tzinfo=dt.UTC), tick=False):
        # when: an NSW injury of Sydney's today is reported
        report = _report(
            book,
            jurisdiction="NSW",
            injury_date=dt.date(2026, 11, 3),
            reported_to_employer_on=dt.date(2026, 11, 3),
        )
        # then: it is accepted, and the same date is still the future in Colorado
        assert report.injury_date == dt.date(2026, 11, 3)
        with pytest.raises(ValidationFailed) as exc:
            _report(book, injury_date=dt.date(2026, 11, 3), reported_to_employer_on=dt.date(2026, 11, 3))
    assert sorted(e.field for e in exc.value.errors) == ["injury_date", "reported_to_employer_on"]
