"""Shared fixtures: a small book of claims with one user of every role.

Built through the real services, so every fixture object is one the application
itself could have made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

TODAY = dt.date(2026, 11, 2)


def _uses_transactional_db(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _flush_append_only_tables(request):
    """Let Django's end-of-test flush get past the append-only triggers.

    Transactional tests (threads, the live server) commit for real; Django empties
    the tables afterwards with DELETE/TRUNCATE, which the triggers refuse. This
    empties them first through the one sanctioned path, so the flush has nothing left
    to delete in those tables.
    """
    yield
    if _uses_transactional_db(request):
        from django.db import connection

        from opencomp.core.dbtriggers import allow_truncate, flush_everything

        if connection.vendor == "postgresql":
            allow_truncate(connection)  # Django's flush TRUNCATEs; rows stay protected
        else:
            flush_everything()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded documents go to a temporary directory of each test, never to ``var/media``."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def frozen_now():
    """Pin the clock to a Monday morning so date rules are reproducible."""
    import time_machine

    with time_machine.travel(dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC), tick=True) as traveller:
        yield traveller


@dataclass
class Book:
    insurer: object
    other_insurer: object
    employer: object
    other_employer: object
    pool: object
    pool_member: object
    regulator_co: object
    regulator_nsw: object
    establishment: object
    worker: object
    other_worker: object
    provider: object
    users: dict
    claim: object
    other_claim: object
    pool_claim: object


PASSWORD = "correct-horse-battery-staple"


def build_book() -> Book:
    from opencomp.accounts.services import organisation_create, user_create
    from opencomp.claims.services import ClaimDraft, claim_assign, claim_create, claim_participant_add
    from opencomp.parties.services import (
        employment_create,
        establishment_create,
        provider_create,
        worker_create,
    )

    insurer = organisation_create(
        actor=None, kind="insurer", name="Summit Mutual", email="claims@summit.test"
    )
    other_insurer = organisation_create(actor=None, kind="insurer", name="Harbour Insurance")
    employer = organisation_create(
        actor=None,
        kind="employer",
        name="Acme Fabrication",
        claims_administrator=insurer,
        jurisdiction="CO",
        email="hr@acme.test",
    )
    other_employer = organisation_create(
        actor=None,
        kind="employer",
        name="Blue Gum Logistics",
        claims_administrator=other_insurer,
        jurisdiction="NSW",
    )
    pool = organisation_create(
        actor=None, kind="pool", name="Front Range Public Entity Pool", jurisdiction="CO"
    )
    pool_member = organisation_create(
        actor=None,
        kind="pool_member",
        name="Town of Pine Creek",
        parent=pool,
        claims_administrator=pool,
        jurisdiction="CO",
    )
    regulator_co = organisation_create(
        actor=None, kind="regulator", name="CO Division of WC", jurisdiction="CO"
    )
    regulator_nsw = organisation_create(actor=None, kind="regulator", name="SIRA", jurisdiction="NSW")
    establishment = establishment_create(
        actor=None,
        organisation=employer,
        name="Plant 1",
        street="100 Main St",
        city="Denver",
        region="CO",
        postcode="80202",
        naics_code="332312",
    )

    def user(username, role, org=None, first="", last=""):
        return user_create(
            actor=None,
            username=username,
            password=PASSWORD,
            role=role,
            organisation=org,
            first_name=first or username.title(),
            last_name=last or "Tester",
            email=f"{username}@example.test",
        )

    users = {
        "adjuster": user("adjuster", "adjuster", insurer, "Avery", "Adjuster"),
        "adjuster2": user("adjuster2", "adjuster", insurer, "Blake", "Second"),
        "supervisor": user("supervisor", "supervisor", insurer, "Sam", "Supervisor"),
        "other_adjuster": user("other_adjuster", "adjuster", other_insurer),
        "employer_supervisor": user("employer_supervisor", "employer_supervisor", employer),
        "employer_coordinator": user("employer_coordinator", "employer_coordinator", employer),
        "other_employer_coordinator": user(
            "other_employer_coordinator", "employer_coordinator", other_employer
        ),
        "worker": user("worker", "worker"),
        "other_worker": user("other_worker", "worker"),
        "provider": user("provider", "provider"),
        "compliance_officer": user("compliance_officer", "compliance_officer", regulator_co),
        "nsw_compliance_officer": user("nsw_compliance_officer", "compliance_officer", regulator_nsw),
        "pool_administrator": user("pool_administrator", "pool_administrator", pool),
        "auditor": user("auditor", "auditor", insurer),
        "admin": user("admin", "admin"),
    }
    worker = worker_create(
        actor=None,
        given_name="Maria",
        family_name="Lopez",
        date_of_birth=dt.date(1985, 4, 12),
        email="maria@example.test",
        user=users["worker"],
        preferred_language="Spanish",
        interpreter_required=True,
    )
    other_worker = worker_create(
        actor=None,
        given_name="Tom",
        family_name="Nguyen",
        date_of_birth=dt.date(1990, 1, 5),
        country="AU",
        user=users["other_worker"],
    )
    pool_worker = worker_create(
        actor=None, given_name="Ann", family_name="Park", date_of_birth=dt.date(1970, 6, 1)
    )
    for w, emp in ((worker, employer), (other_worker, other_employer), (pool_worker, pool_member)):
        employment_create(
            actor=None,
            worker=w,
            employer=emp,
            job_title="Machine operator",
            hire_date=dt.date(2015, 3, 1),
            employment_type="full_time",
            hours_per_week=Decimal("40"),
            days_per_week=Decimal("5"),
            establishment=establishment if emp == employer else None,
        )
    provider = provider_create(actor=None, kind="treating_doctor", name="Dr Jo Reyes", user=users["provider"])

    def draft(emp, w, jur):
        return ClaimDraft(
            jurisdiction=jur,
            employer=emp,
            worker=w,
            injury_date=dt.date(2026, 10, 20),
            employer_knowledge_date=dt.date(2026, 10, 20),
            notification_date=dt.date(2026, 10, 21),
            claim_type="lost_time",
            nature_of_injury="Strain",
            body_part="Lower back",
            description="Lifting a steel sheet onto the press.",
        )

    claim = claim_create(actor=None, draft=draft(employer, worker, "CO"))
    other_claim = claim_create(actor=None, draft=draft(other_employer, other_worker, "NSW"))
    pool_claim = claim_create(actor=None, draft=draft(pool_member, pool_worker, "CO"))
    claim = claim_assign(actor=None, claim=claim, adjuster=users["adjuster"])
    claim_participant_add(actor=None, claim=claim, role="treating_doctor", provider=provider)
    claim.refresh_from_db()
    return Book(
        insurer=insurer,
        other_insurer=other_insurer,
        employer=employer,
        other_employer=other_employer,
        pool=pool,
        pool_member=pool_member,
        regulator_co=regulator_co,
        regulator_nsw=regulator_nsw,
        establishment=establishment,
        worker=worker,
        other_worker=other_worker,
        provider=provider,
        users=users,
        claim=claim,
        other_claim=other_claim,
        pool_claim=pool_claim,
    )


@pytest.fixture
def book(db, frozen_now) -> Book:
    return build_book()
