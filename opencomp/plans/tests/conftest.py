from __future__ import annotations

import datetime as dt
import io

import pytest

from opencomp.claims.services import claim_assign
from opencomp.deadlines.tests.claims import open_claim
from opencomp.documents.services import document_upload
from opencomp.documents.tests import samples
from opencomp.plans.services import plan_create, work_capacity_decide

D = dt.date


@pytest.fixture
def nsw_claim(book):
    """Maria's significant NSW injury of Mon 26 Oct 2026, notified Tue 27 Oct, assigned to the adjuster."""
    claim = open_claim(book, "NSW", significant_injury=True)
    return claim_assign(actor=None, claim=claim, adjuster=book.users["adjuster"])


@pytest.fixture
def upload(book):
    def _upload(claim, *, category="medical_report", title="Functional capacity report"):
        return document_upload(
            actor=book.users["adjuster"],
            claim=claim,
            category=category,
            title=title,
            file_name="report.pdf",
            content=io.BytesIO(samples.PDF),
        )

    return _upload


ACTIONS = [
    {
        "responsible": "Maria Lopez",
        "party": "worker",
        "action": "Attend physiotherapy twice a week",
        "outcome": "Improved wrist movement",
        "due_on": "2026-11-20",
    },
    {
        "responsible": "Pat Reed",
        "party": "employer",
        "action": "Identify suitable duties in the packing area",
        "outcome": "Duties offered within restrictions",
        "due_on": "2026-11-13",
    },
]


@pytest.fixture
def imp(book, nsw_claim):
    """Issue the injury management plan on the NSW claim; keyword arguments override."""

    def _imp(**overrides):
        values = dict(
            actor=book.users["adjuster"],
            claim=nsw_claim,
            kind="injury_management",
            issued_on=D(2026, 11, 2),
            goal="Return to pre-injury duties, full hours, by January 2027",
            review_on=D(2026, 11, 30),
            goals=["Recover at work on suitable duties"],
            actions=ACTIONS,
            support_team={"claims_specialist": "Avery Adjuster", "treating_doctor": "Dr Jo Reyes"},
        )
        values.update(overrides)
        return plan_create(**values)

    return _imp


@pytest.fixture
def decide(book, nsw_claim, upload):
    """Record a work capacity decision reducing weekly payments; keyword arguments override."""

    def _decide(**overrides):
        values = dict(
            actor=book.users["adjuster"],
            claim=nsw_claim,
            types=["a", "b", "c", "f"],
            decided_on=D(2026, 11, 2),
            capacity="partial",
            effect="reduce",
            reasons="The functional capacity report finds the worker fit for 6 hours a day of packing.",
            suitable_employment="Packing duties, 6 hours a day, 5 days a week",
            able_to_earn="780.00",
            current_weekly_amount="1425.00",
            new_weekly_amount="645.00",
        )
        values.update(overrides)
        if "evidence_ids" not in values:
            values["evidence_ids"] = [upload(values["claim"]).pk]
        return work_capacity_decide(**values)

    return _decide
