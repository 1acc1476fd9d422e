from __future__ import annotations

import datetime as dt

import pytest

from opencomp.treatment.services import treatment_request_record

D = dt.date
UTC = dt.UTC


@pytest.fixture
def later(frozen_now):
    """Move the clock to 1 Feb 2027, after the NSW three-month window of the book's injury."""
    frozen_now.move_to(dt.datetime(2027, 2, 1, 3, 0, tzinfo=UTC))
    return frozen_now


@pytest.fixture
def record(book):
    """Record a request on the book's NSW claim as its adjuster; keyword arguments override the defaults."""

    def _record(**overrides):
        values = dict(
            actor=book.users["other_adjuster"],
            claim=book.other_claim,
            service="physiotherapy",
            treatments=6,
            estimated_cost="540.00",
            requested_on=D(2026, 10, 28),
            received_on=D(2026, 10, 29),
            provider_name="Harbour Physio, Jane Lee",
        )
        values.update(overrides)
        return treatment_request_record(**values)

    return _record
