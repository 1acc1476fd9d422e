"""The incident log and the injury reports, up to opening a claim."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from opencomp.claims.models import Claim
from opencomp.intake.models import Incident, InjuryReport
from opencomp.intake.services import incident_log
from opencomp.web.tests.test_form_errors import _report_data


def _log(book, day: int, outcome: str, person: str = "Visitor") -> Incident:
    return incident_log(
        actor=book.users["employer_coordinator"],
        employer=book.employer,
        person_name=person,
        occurred_at=dt.datetime(2026, 10, day, 10, 0, tzinfo=dt.UTC),
        location="Lobby",
        description="Tripped on a mat.",
        outcome=outcome,
        reported_by="Reception",
    )


def test_incident_log_filters_by_outcome_and_date_range(book, login):
    # given
    client = login("employer_coordinator")
    _log(book, 5, "first_aid_only")
    in_range = _log(book, 12, "first_aid_only")
    _log(book, 14, "medical_treatment")
    _log(book, 20, "first_aid_only")

    # when
    response = client.get(
        reverse("web:incident_list"),
        {"outcome": "first_aid_only", "date_from": "2026-10-10", "date_to": "2026-10-15"},
    )

    # then
    assert list(response.context["page"].object_list) == [in_range]


def test_incident_log_is_newest_first(book, login):
    # given
    client = login("employer_coordinator")
    older, newer = _log(book, 5, "no_treatment"), _log(book, 9, "no_treatment")

    # when
    response = client.get(reverse("web:incident_list"))

    # then
    assert list(response.context["page"].object_list) == [newer, older]
    assert "1\N{EN DASH}2 of 2" in response.content.decode()


def test_logging_an_incident_records_it(book, login):
    # given
    client = login("employer_coordinator")

    # when
    response = client.post(
        reverse("web:incident_create"),
        {
            "employer": book.employer.pk,
            "establishment": book.establishment.pk,
            "person_name": "Sam Visitor",
            "occurred_at": "2026-11-02T07:15",  # in Denver: the employer is a Colorado one
            "location": "Car park",
            "description": "Slipped on ice.",
            "outcome": "first_aid_only",
            "first_aid_given": "Ice pack",
            "reported_by": "Security",
        },
    )

    # then
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert (incident.person_name, incident.outcome, incident.establishment) == (
        "Sam Visitor",
        "first_aid_only",
        book.establishment,
    )
    assert incident.occurred_at == dt.datetime(2026, 11, 2, 14, 15, tzinfo=dt.UTC)  # 07:15 MST


def test_employer_choices_are_the_employers_the_user_may_file_for(book, login):
    # given
    client = login("pool_administrator")

    # when
    response = client.get(reverse("web:incident_create"))

    # then
    assert list(response.context["form"].fields["employer"].queryset) == [book.pool_member]


def test_worker_files_their_own_report_with_their_record_preselected(book, login):
    # given
    client = login("worker")

    # when
    form_page = client.get(reverse("web:report_create"))
    response = client.post(
        reverse("web:report_create"),
        _report_data(book, notifier_name="Maria Lopez", notifier_relationship="self"),
    )

    # then
    form = form_page.context["form"]
    assert form.initial == {
        "employer": book.employer.pk,
        "jurisdiction": "CO",
        "worker": book.worker.pk,
        "notifier_name": "Maria Lopez",
        "notifier_relationship": "self",
    }
    assert list(form.fields["worker"].queryset) == [book.worker]
    report = InjuryReport.objects.get()
    assert response["Location"] == f"/reports/{report.pk}/"
    assert (report.worker, report.submitted_by) == (book.worker, book.users["worker"])


def test_worker_options_are_the_employees_of_the_chosen_employer(book, login):
    # given
    client = login("admin")

    # when
    response = client.get(reverse("web:report_worker_options"), {"employer": book.other_employer.pk})

    # then
    html = response.content.decode()
    assert f'<option value="{book.other_worker.pk}">Tom Nguyen</option>' in html
    assert "Maria Lopez" not in html


def test_report_form_is_prefilled_from_an_incident(book, login):
    # given
    client = login("employer_coordinator")
    incident = _log(book, 30, "medical_treatment", person="Maria Lopez")

    # when
    response = client.get(reverse("web:report_create"), {"incident": incident.pk})

    # then
    initial = response.context["form"].initial
    assert (initial["incident"], initial["employer"], initial["injury_date"], initial["location"]) == (
        incident.pk,
        book.employer.pk,
        dt.date(2026, 10, 30),
        "Lobby",
    )


def test_report_filed_from_an_incident_links_it(book, login):
    # given
    client = login("employer_coordinator")
    incident = _log(book, 30, "medical_treatment", person="Maria Lopez")

    # when
    client.post(reverse("web:report_create"), _report_data(book, incident=incident.pk))

    # then
    incident.refresh_from_db()
    assert incident.status == "reported"
    assert InjuryReport.objects.get().incident == incident


def test_claims_staff_turn_a_report_into_a_claim(book, report, login):
    # given
    client = login("adjuster")

    # when
    response = client.post(
        reverse("web:report_claim_create", args=[report.pk]),
        {
            "claim-claim_type": "lost_time",
            "claim-significant_injury": "on",
            "claim-notification_date": "2026-11-01",
        },
    )

    # then
    claim = Claim.objects.get(source_report=report)
    assert response["Location"] == f"/claims/{claim.number}/"
    assert (claim.claim_type, claim.significant_injury, claim.notification_date) == (
        "lost_time",
        True,
        dt.date(2026, 11, 1),
    )
    report.refresh_from_db()
    assert report.status == "converted"


def test_report_page_offers_forms_by_role(book, report, login):
    # given
    adjuster = login("adjuster").get(reverse("web:report_detail", args=[report.pk]))
    employer = login("employer_supervisor").get(reverse("web:report_detail", args=[report.pk]))
    worker = login("worker").get(reverse("web:report_detail", args=[report.pk]))

    # when
    offered = {
        name: tuple(r.context[f] is not None for f in ("supervisor_form", "test_form", "claim_form"))
        for name, r in (("adjuster", adjuster), ("employer", employer), ("worker", worker))
    }

    # then
    assert offered == {
        "adjuster": (True, True, True),
        "employer": (True, True, False),
        "worker": (False, False, False),
    }


def test_converted_report_links_to_its_claim(book, report, login):
    # given
    client = login("adjuster")
    client.post(reverse("web:report_claim_create", args=[report.pk]), {"claim-claim_type": "medical_only"})
    claim = Claim.objects.get(source_report=report)

    # when
    response = client.get(reverse("web:report_detail", args=[report.pk]))

    # then
    assert response.context["claim_form"] is None
    assert f'<a href="/claims/{claim.number}/">{claim.number}</a>' in response.content.decode()


def test_worker_options_keep_a_worker_who_is_still_a_choice(book, login):
    # given
    client = login("admin")

    # when
    response = client.get(
        reverse("web:report_worker_options"), {"employer": book.employer.pk, "worker": book.worker.pk}
    )

    # then
    assert f'<option value="{book.worker.pk}" selected>Maria Lopez</option>' in response.content.decode()
