from __future__ import annotations

import datetime as dt

import pytest

from opencomp.workstatus.services import work_status_record

D = dt.date


@pytest.fixture
def record(book):
    """Record a work status report on the book's claim as its adjuster; keyword arguments override."""

    def _record(**overrides):
        values = dict(
            actor=book.users["adjuster"],
            claim=book.claim,
            kind="rtw_pass",
            examined_on=D(2026, 10, 22),
            valid_from=D(2026, 10, 22),
            valid_to=D(2026, 11, 5),
            capacity="partial",
            hours_per_day="6",
            days_per_week="5",
            restrictions=[{"kind": "lifting", "limit": "20", "note": "from waist height"}],
            provider_name="Dr Jo Reyes",
        )
        values.update(overrides)
        return work_status_record(**values)

    return _record
