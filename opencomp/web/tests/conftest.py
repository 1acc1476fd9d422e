from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from opencomp.claims.enums import EventKind
from opencomp.claims.services import claim_event_append
from opencomp.intake.services import injury_report_submit

RESTRICTED_TEXT = "Psychiatric assessment: panic attacks since the accident."
ORDINARY_TEXT = "Lumbar strain; physiotherapy twice weekly for four weeks."


@pytest.fixture
def login(client: Client, book):
    """Log the test client in as one of ``book.users`` (or stay anonymous for ``None``)."""

    def as_user(key: str | None) -> Client:
        if key is not None:
            client.force_login(book.users[key])
        return client

    return as_user


@pytest.fixture
def report(book):
    """A submitted injury report for Maria Lopez at Acme, filed by the employer's coordinator."""
    return injury_report_submit(
        actor=book.users["employer_coordinator"],
        employer=book.employer,
        worker=book.worker,
        jurisdiction="CO",
        injury_date=dt.date(2026, 10, 30),
        injury_time=dt.time(9, 30),
        location="Press line 2",
        nature_of_injury="Laceration",
        body_part="Left hand",
        how_it_happened="Caught a sheet edge while unloading the press.",
        reported_to_employer_on=dt.date(2026, 10, 30),
        notifier_name="Pat Foreman",
        notifier_relationship="supervisor",
        establishment=book.establishment,
    )


@pytest.fixture
def medical_notes(book):
    """One ordinary and one restricted medical note on ``book.claim``."""
    adjuster = book.users["adjuster"]
    ordinary = claim_event_append(
        actor=adjuster,
        claim=book.claim,
        kind=EventKind.MEDICAL_NOTE,
        payload={"summary": ORDINARY_TEXT, "diagnosis": "Lumbar strain", "provider_name": "Dr Jo Reyes"},
    )
    restricted = claim_event_append(
        actor=adjuster,
        claim=book.claim,
        kind=EventKind.MEDICAL_NOTE,
        payload={"summary": RESTRICTED_TEXT, "diagnosis": "Adjustment disorder"},
        restricted=True,
    )
    book.claim.refresh_from_db()
    return ordinary, restricted
