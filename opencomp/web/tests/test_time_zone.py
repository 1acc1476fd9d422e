"""Times typed and shown on the pages are in the user's jurisdiction's zone."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from opencomp.intake.models import Incident


def _log(client, book, when: str):
    return client.post(
        reverse("web:incident_create"),
        {
            "employer": book.employer.pk,
            "person_name": "Sam Visitor",
            "occurred_at": when,
            "location": "Car park",
            "description": "Slipped on ice.",
            "outcome": "first_aid_only",
            "reported_by": "Security",
        },
    )


def test_colorado_employer_types_mountain_time(book, login):
    response = _log(login("employer_coordinator"), book, "2026-11-02T07:15")

    assert response.status_code == 302
    assert Incident.objects.get().occurred_at == dt.datetime(2026, 11, 2, 14, 15, tzinfo=dt.UTC)


def test_organisation_without_jurisdiction_keeps_server_time(book, login):
    # the insurer has no home jurisdiction: the server's UTC applies
    response = _log(login("adjuster"), book, "2026-11-02T07:15")

    assert response.status_code == 302
    assert Incident.objects.get().occurred_at == dt.datetime(2026, 11, 2, 7, 15, tzinfo=dt.UTC)


def test_a_mountain_time_moment_still_in_the_future_is_refused(book, login):
    # 09:00 in Denver is 16:00 UTC, after the pinned 15:00 UTC "now"
    response = _log(login("employer_coordinator"), book, "2026-11-02T09:00")

    assert response.status_code == 200
    assert "is in the future" in response.content.decode()
    assert not Incident.objects.exists()
