"""Every Colorado rule against dates worked out by hand.

Colorado closed days (Colo. R. Civ. P. 6 legal holidays, pack corrections applied): Cesar
Chavez Day (31 Mar) is NOT one (the pack removes it); Frances Xavier Cabrini Day (first Monday
in October: Mon 6 Oct 2025) is; Thanksgiving Thu 27 Nov 2025 is, the Friday after is not;
MLK Day Mon 19 Jan 2026. Counting (C.R.S. 2-4-108): the first day is excluded; a last day on
a Saturday, Sunday or legal holiday runs to the next day that is none of those. Hour rules
count elapsed hours from the injury date and time in America/Denver.
"""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.deadlines.engine import CANCELLED, LATE, OPEN, SATISFIED
from opencomp.deadlines.tests.builders import D, Log, dates, facts, of, only, run

DENVER = "America/Denver"
POLICIES = ("modified_duty_program", "light_duty_review", "post_accident_testing")


def known(on: dt.date, notified: dt.date | None = None, **kw: object) -> tuple[object, Log]:
    """A Colorado claim the employer knew of on ``on`` (notified to the administrator on ``notified``)."""
    values: dict[str, object] = dict(
        injury_date=on,
        employer_knowledge_date=on,
        notification_date=notified or on,
        employer_policies=POLICIES,
    )
    values.update(kw)
    f = facts("CO", **values)
    log = Log("CO")
    log.created(f)
    return f, log


# --- reports and the admission ---------------------------------------------------------------


def test_employer_report_on_cesar_chavez_day_does_not_roll():
    # Known Fri 21 Mar 2025 + 10 = Mon 31 Mar 2025, Cesar Chavez Day: holidays 0.109 lists it
    # for CO, C.R.C.P. 6 does not, the pack removes it → due Mon 31 Mar (not Tue 1 Apr).
    # Reported to the administrator (claim created) Tue 1 Apr → late.
    f, log = known(D(2025, 3, 21), notified=D(2025, 4, 1))
    o = only(run(f, log), "co.employer_report")
    assert dates(o) == (D(2025, 3, 31), D(2025, 3, 31), LATE)
    assert o.obligor == "employer"


def test_employer_report_satisfied_by_the_notification_itself():
    f, log = known(D(2025, 3, 21), notified=D(2025, 3, 31))
    o = only(run(f, log), "co.employer_report")
    assert (o.status, o.satisfied_seq) == (SATISFIED, 1)
    assert o.satisfied_at == dt.datetime(2025, 3, 31, tzinfo=o.due_at.tzinfo)


def test_first_report_division_rolls_past_cabrini_day():
    # Known Fri 26 Sep 2025 + 10 = Mon 6 Oct 2025, Frances Xavier Cabrini Day → Tue 7 Oct 2025.
    f, log = known(D(2025, 9, 26))
    log.report(D(2025, 10, 7), at=dt.time(16, 45))
    o = only(run(f, log), "co.first_report_division")
    assert dates(o) == (D(2025, 10, 6), D(2025, 10, 7), SATISFIED)
    assert any("Cabrini" in line for line in o.explanation)


def test_first_report_division_late_on_cesar_chavez_day_claim():
    # Known Fri 21 Mar 2025 → due Mon 31 Mar (Cesar Chavez Day is a business day); filed Tue 1 Apr.
    f, log = known(D(2025, 3, 21))
    log.report(D(2025, 4, 1))
    assert dates(only(run(f, log), "co.first_report_division")) == (D(2025, 3, 31), D(2025, 3, 31), LATE)


def test_first_report_division_only_for_lost_time():
    f, log = known(D(2025, 3, 21), claim_type="medical_only")
    found = run(f, log)
    assert of(found, "co.first_report_division") == []
    assert of(found, "co.admission_or_contest") == []


@pytest.mark.smoke
def test_admission_counts_from_the_day_the_report_was_filed_early():
    # Known Fri 21 Mar 2025; report due Mon 31 Mar, filed Wed 26 Mar. Admission: 20 days after
    # the report was filed: Wed 26 Mar + 20 = Tue 15 Apr 2025. Admitted Tue 15 Apr → on time.
    f, log = known(D(2025, 3, 21))
    log.report(D(2025, 3, 26))
    log.status("accepted", D(2025, 4, 15))
    o = only(run(f, log), "co.admission_or_contest")
    assert dates(o) == (D(2025, 4, 15), D(2025, 4, 15), SATISFIED)
    assert o.anchor.date() == D(2025, 3, 26)
    assert any("the day co.first_report_division was done" in line for line in o.explanation)


def test_admission_counts_from_when_the_report_should_have_been_filed():
    # Report due Mon 31 Mar, filed late Thu 3 Apr: counted from when it should have been
    # filed: Mon 31 Mar + 20 = Sun 20 Apr → Mon 21 Apr 2025 (Easter is not a CO holiday).
    # A notice of contest (denied) on Tue 22 Apr is late.
    f, log = known(D(2025, 3, 21))
    log.report(D(2025, 4, 3))
    log.status("denied", D(2025, 4, 22))
    o = only(run(f, log), "co.admission_or_contest")
    assert dates(o) == (D(2025, 4, 20), D(2025, 4, 21), LATE)
    assert o.anchor.date() == D(2025, 3, 31)


def test_admission_counts_from_due_date_when_report_never_filed():
    f, log = known(D(2025, 3, 21))
    o = only(run(f, log), "co.admission_or_contest")
    assert dates(o) == (D(2025, 4, 20), D(2025, 4, 21), OPEN)


def test_admission_not_owed_when_report_obligation_waived():
    f, log = known(D(2025, 3, 21))
    log.waived("co.first_report_division#1", D(2025, 3, 24), "Fewer than three shifts lost")
    assert of(run(f, log), "co.admission_or_contest") == []


# --- physician change, modified and light duty -------------------------------------------------


def test_physician_change_response_thanksgiving_friday_is_a_business_day():
    # Request received Fri 7 Nov 2025 + 20 = Thu 27 Nov (Thanksgiving) → Fri 28 Nov 2025, a
    # Colorado business day (unlike Minnesota). A decision on another request does not answer it.
    f, log = known(D(2025, 10, 1))
    request = log.request("physician_change", D(2025, 11, 7))
    other = log.request("physician_change", D(2025, 11, 10))
    log.decided(other, D(2025, 11, 20))
    found = {o.trigger_seq: dates(o) for o in of(run(f, log), "co.physician_change_response")}
    assert found == {
        request: (D(2025, 11, 27), D(2025, 11, 28), OPEN),
        # Mon 10 Nov + 20 = Sun 30 Nov → Mon 1 Dec 2025.
        other: (D(2025, 11, 30), D(2025, 12, 1), SATISFIED),
    }


def test_modified_duty_letter_five_business_days_past_cabrini_day():
    # Restrictions (partial capacity) recorded Wed 1 Oct 2025: Thu 2 = 1, Fri 3 = 2, (Sat, Sun,
    # Mon 6 Cabrini Day), Tue 7 = 3, Wed 8 = 4, Thu 9 = 5 → Thu 9 Oct 2025. An offer sent to the
    # employer only does not count; the one to the worker on Fri 10 Oct is late.
    f, log = known(D(2025, 9, 22))
    log.work_status(D(2025, 10, 1), capacity="none")  # no capacity: no offer owed
    log.work_status(D(2025, 10, 1), capacity="partial")
    log.notice("modified_duty_offer", D(2025, 10, 8), ["employer"])
    log.notice("modified_duty_offer", D(2025, 10, 10), ["worker"])
    o = only(run(f, log), "co.modified_duty_letter")
    assert dates(o) == (D(2025, 10, 9), D(2025, 10, 9), LATE)


def test_modified_duty_letter_only_under_the_employer_policy():
    f, log = known(D(2025, 9, 22), employer_policies=("post_accident_testing",))
    log.work_status(D(2025, 10, 1), capacity="partial")
    assert of(run(f, log), "co.modified_duty_letter") == []


def test_light_duty_review_every_30_days_then_cancelled():
    # Started Mon 1 Dec 2025 + 30 = Wed 31 Dec; reviewed Sat 20 Dec (on time).
    # Sat 20 Dec + 30 = Mon 19 Jan 2026 (MLK Day) → Tue 20 Jan; light duty ended Mon 5 Jan,
    # before that: cancelled, and the run stops.
    f, log = known(D(2025, 11, 3))
    log.milestone("modified_duty_started", D(2025, 12, 1))
    log.milestone("modified_duty_reviewed", D(2025, 12, 20))
    ended = log.milestone("modified_duty_ended", D(2026, 1, 5))
    found = of(run(f, log), "co.light_duty_review")
    assert [dates(o) for o in found] == [
        (D(2025, 12, 31), D(2025, 12, 31), SATISFIED),
        (D(2026, 1, 19), D(2026, 1, 20), CANCELLED),
    ]
    assert found[1].closed_seq == ended


def test_light_duty_review_runs_on_while_reviewed():
    # Mon 1 Dec 2025 + 30 = Wed 31 Dec; reviewed Mon 29 Dec. + 30 = Wed 28 Jan 2026; reviewed
    # Fri 30 Jan (late). + 30 = Sun 1 Mar 2026 → Mon 2 Mar, open.
    f, log = known(D(2025, 11, 3))
    log.milestone("modified_duty_started", D(2025, 12, 1))
    log.milestone("modified_duty_reviewed", D(2025, 12, 29))
    log.milestone("modified_duty_reviewed", D(2026, 1, 30))
    found = of(run(f, log), "co.light_duty_review")
    assert [dates(o) for o in found] == [
        (D(2025, 12, 31), D(2025, 12, 31), SATISFIED),
        (D(2026, 1, 28), D(2026, 1, 28), LATE),
        (D(2026, 3, 1), D(2026, 3, 2), OPEN),
    ]


# --- post-accident testing (hours) -----------------------------------------------------------


def _test_record(log: Log, on: dt.date, **fields: object) -> int:
    payload = dict(test_id=1, accident_at="2025-06-13T20:30:00Z", reason="treated_away")
    payload.update(fields)
    return log.add("drug_alcohol_test.recorded", on, payload)


def test_alcohol_and_drug_test_windows():
    # Injured Fri 13 Jun 2025 14:30 MDT (20:30 UTC). Alcohol: + 8 h = Fri 13 Jun 22:30 MDT.
    # Drug: + 32 h = Sat 14 Jun 22:30 MDT. Alcohol tested 21:00 MDT (03:00 UTC Sat: the UTC
    # date is the next day, still on time); drug tested Sun 15 Jun 01:00 MDT (late).
    f, log = known(D(2025, 6, 13), injury_time=dt.time(14, 30))
    _test_record(
        log,
        D(2025, 6, 15),
        alcohol_tested_at="2025-06-14T03:00:00Z",
        drug_tested_at="2025-06-15T07:00:00Z",
    )
    found = run(f, log)
    alcohol, drug = only(found, "co.alcohol_test"), only(found, "co.drug_test")
    assert dates(alcohol) == (D(2025, 6, 13), D(2025, 6, 13), SATISFIED)
    assert alcohol.due_at.isoformat() == "2025-06-13T22:30:00-06:00"
    assert dates(drug) == (D(2025, 6, 14), D(2025, 6, 14), LATE)
    assert drug.due_at.isoformat() == "2025-06-14T22:30:00-06:00"
    assert drug.satisfied_at is not None
    assert drug.satisfied_at.isoformat() == "2025-06-15T01:00:00-06:00"


def test_test_windows_count_elapsed_hours_across_daylight_saving():
    # Injured Sat 8 Mar 2025 22:00 MST (05:00 UTC Sun). Clocks go forward at 02:00 Sun 9 Mar.
    # Alcohol: 05:00 UTC + 8 h = 13:00 UTC = Sun 9 Mar 07:00 MDT (not 06:00: that is 7 hours).
    # Drug: 05:00 UTC + 32 h = 13:00 UTC Mon 10 Mar = 07:00 MDT.
    f, log = known(D(2025, 3, 8), injury_time=dt.time(22, 0))
    found = run(f, log)
    assert only(found, "co.alcohol_test").due_at.isoformat() == "2025-03-09T07:00:00-06:00"
    assert only(found, "co.drug_test").due_at.isoformat() == "2025-03-10T07:00:00-06:00"


def test_test_window_when_clocks_go_back():
    # Injured Sat 1 Nov 2025 20:00 MDT (02:00 UTC Sun). Clocks go back at 02:00 Sun 2 Nov.
    # Alcohol: 02:00 UTC + 8 h = 10:00 UTC = Sun 2 Nov 03:00 MST.
    f, log = known(D(2025, 11, 1), injury_time=dt.time(20, 0))
    assert only(run(f, log), "co.alcohol_test").due_at.isoformat() == "2025-11-02T03:00:00-07:00"


def test_written_reason_for_not_testing_counts_as_done():
    f, log = known(D(2025, 6, 13), injury_time=dt.time(14, 30))
    _test_record(log, D(2025, 6, 16), reason_not_tested="Worker taken to hospital by ambulance")
    found = run(f, log)
    assert only(found, "co.alcohol_test").status == SATISFIED
    assert only(found, "co.drug_test").status == SATISFIED


def test_no_ground_for_testing_counts_as_done():
    f, log = known(D(2025, 6, 13), injury_time=dt.time(14, 30))
    _test_record(log, D(2025, 6, 13), reason="not_required")
    assert {o.status for o in run(f, log) if o.rule_id in ("co.alcohol_test", "co.drug_test")} == {SATISFIED}


def test_tests_only_under_the_employer_policy():
    f, log = known(D(2025, 6, 13), employer_policies=())
    assert [o.rule_id for o in run(f, log) if o.rule_id.endswith("_test")] == []


def test_hour_rules_use_denver_time():
    f, log = known(D(2025, 6, 13), injury_time=dt.time(14, 30))
    o = only(run(f, log), "co.alcohol_test")
    assert str(o.anchor.tzinfo) == DENVER
    assert o.anchor == dt.datetime(2025, 6, 13, 20, 30, tzinfo=dt.UTC)
