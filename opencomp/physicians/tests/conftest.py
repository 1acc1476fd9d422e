from __future__ import annotations

import datetime as dt

import pytest

from opencomp.physicians.services import treating_doctor_designate

D = dt.date


@pytest.fixture
def co_doctor(book):
    """The CO claim's designated doctor (Dr Jo Reyes, the book's provider) from the injury date."""
    return treating_doctor_designate(
        actor=book.users["adjuster"],
        claim=book.claim,
        provider=book.provider,
        practice_name="Front Range Occupational Health",
        from_date=D(2026, 10, 20),
        how_chosen="designated",
    )


@pytest.fixture
def nsw_doctor(book):
    """The NSW claim's nominated treating doctor from the day after the injury."""
    return treating_doctor_designate(
        actor=book.users["other_adjuster"],
        claim=book.other_claim,
        doctor_name="Dr Priya Nair",
        practice_name="Harbour GP",
        from_date=D(2026, 10, 21),
        how_chosen="nominated",
    )
