"""MMI recorded through ``physicians.services.mmi_record`` stops payment schedules (the claims listener)."""

from __future__ import annotations

from opencomp.payments.tests.fixtures import D
from opencomp.payments.tests.test_schedules import _accepted_co, _start, staff  # noqa: F401  (fixture)
from opencomp.physicians.services import mmi_record


def test_mmi_recorded_by_the_physicians_service_stops_the_schedule(book, staff):  # noqa: F811
    claim = _accepted_co(book, staff)
    schedule = _start(claim, staff["adjuster"])
    event = mmi_record(
        actor=staff["adjuster"], claim=claim, mmi_date=D(2026, 8, 10), physician_name="Dr Jo Reyes"
    )
    schedule.refresh_from_db()
    assert (schedule.status, schedule.stop_reason, schedule.last_day) == ("stopped", "mmi", D(2026, 8, 10))
    assert event.sensitivity == "medical"
