"""The NSW pre-approval exemptions (seed 004), counted by hand on both sides of each window."""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.treatment.exemptions import add_months, exemption_for

D = dt.date
INJURY = D(2026, 10, 20)


def _exempt(service: str, requested_on: dt.date, treatments: int = 8, jurisdiction: str = "NSW"):
    return exemption_for(
        jurisdiction=jurisdiction,
        service=service,
        treatments=treatments,
        injury_date=INJURY,
        requested_on=requested_on,
    )


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(D(2026, 10, 20), 3) == D(2027, 1, 20)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)  # no 30 February
    assert add_months(D(2027, 11, 30), 3) == D(2028, 2, 29)  # a leap year
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)


@pytest.mark.parametrize(
    "service", ["physiotherapy", "chiropractic", "psychology", "exercise_physiology", "osteopathy"]
)
def test_allied_health_is_exempt_through_the_same_day_three_months_on(service):
    # Injury 20 Oct 2026: three months on is 20 Jan 2027 (inside), 21 Jan is outside
    inside = _exempt(service, D(2027, 1, 20))
    assert inside is not None
    assert inside.last_day == D(2027, 1, 20)
    assert "within 3 months of the injury, up to 8 consultations" in inside.reason
    assert "seed 004" in inside.reason
    assert _exempt(service, D(2027, 1, 21)) is None


def test_allied_health_needs_approval_beyond_eight_consultations():
    assert _exempt("physiotherapy", D(2026, 10, 21), treatments=8) is not None
    assert _exempt("physiotherapy", D(2026, 10, 21), treatments=9) is None


def test_medication_is_exempt_for_one_month():
    assert _exempt("medication", D(2026, 11, 20), treatments=30) is not None  # 20 Oct + 1 month
    assert _exempt("medication", D(2026, 11, 21), treatments=30) is None


@pytest.mark.parametrize("service", ["surgery", "imaging", "other"])
def test_other_services_always_need_a_decision(service):
    assert _exempt(service, D(2026, 10, 21), treatments=1) is None


def test_a_request_dated_before_the_injury_is_not_exempt():
    assert _exempt("physiotherapy", D(2026, 10, 19)) is None


@pytest.mark.parametrize("jurisdiction", ["CO", "MN", "CT"])
def test_us_jurisdictions_hold_no_exemption(jurisdiction):
    assert _exempt("physiotherapy", D(2026, 10, 21), jurisdiction=jurisdiction) is None
