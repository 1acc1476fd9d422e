"""Every Minnesota rule against dates worked out by hand.

Minnesota closed days (Minn. Stat. 645.44 subd. 5, executive branch): Thanksgiving Thu 27 Nov
2025 and the Friday after, Fri 28 Nov 2025 (added by the pack; holidays 0.109 lacks it);
Christmas Thu 25 Dec 2025 (Fri 26 Dec is a business day); Independence Day Sat 4 Jul 2026
observed Fri 3 Jul. Counting (Minn. Stat. 645.15): exclude the first day, include the last; a
last day on a Saturday, Sunday or legal holiday is omitted (runs to the next business day).
"""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.deadlines.engine import LATE, OPEN, SATISFIED
from opencomp.deadlines.tests.builders import D, Log, dates, facts, of, only, run

FIRST_RULES = ("mn.employer_report", "mn.first_report_filing", "mn.first_action")


def known(on: dt.date, notified: dt.date | None = None, **kw: object) -> tuple[object, Log]:
    f = facts("MN", injury_date=on, employer_knowledge_date=on, notification_date=notified or on, **kw)
    log = Log("MN")
    log.created(f)
    return f, log


@pytest.mark.smoke
def test_first_action_rolls_past_thanksgiving_and_the_friday_after():
    # Known Thu 13 Nov 2025 + 14 = Thu 27 Nov (Thanksgiving); Fri 28 (Friday after
    # Thanksgiving), Sat 29, Sun 30 closed → Mon 1 Dec 2025. Weekly payments commenced Mon 1 Dec.
    f, log = known(D(2025, 11, 13))
    log.indemnity(D(2025, 11, 14), on=D(2025, 12, 1))
    o = only(run(f, log), "mn.first_action")
    assert dates(o) == (D(2025, 11, 27), D(2025, 12, 1), SATISFIED)
    assert any("(Thanksgiving Day): moves to Mon 1 Dec 2025" in line for line in o.explanation)


def test_first_action_satisfied_by_a_denial():
    f, log = known(D(2025, 11, 13))
    log.status("denied", D(2025, 11, 26))
    assert only(run(f, log), "mn.first_action").status == SATISFIED


def test_first_report_filing_late():
    # Known Thu 13 Nov 2025 → due Mon 1 Dec (as above); filed Tue 2 Dec → late.
    f, log = known(D(2025, 11, 13))
    log.report(D(2025, 12, 2))
    assert dates(only(run(f, log), "mn.first_report_filing")) == (D(2025, 11, 27), D(2025, 12, 1), LATE)


def test_employer_report_on_the_friday_after_thanksgiving():
    # Known Tue 18 Nov 2025 + 10 = Fri 28 Nov (Friday after Thanksgiving, a holiday for the
    # executive branch) → Mon 1 Dec 2025. The insurer notified on Mon 1 Dec: on time.
    f, log = known(D(2025, 11, 18), notified=D(2025, 12, 1))
    o = only(run(f, log), "mn.employer_report")
    assert dates(o) == (D(2025, 11, 28), D(2025, 12, 1), SATISFIED)
    assert any("Friday after Thanksgiving" in line for line in o.explanation)


def test_employer_report_weekend_roll_and_late():
    # Known Thu 13 Nov 2025 + 10 = Sun 23 Nov → Mon 24 Nov; notified Tue 25 Nov → late.
    f, log = known(D(2025, 11, 13), notified=D(2025, 11, 25))
    assert dates(only(run(f, log), "mn.employer_report")) == (D(2025, 11, 23), D(2025, 11, 24), LATE)


def test_first_rules_only_for_lost_time():
    f, log = known(D(2025, 11, 13), claim_type="medical_only")
    assert [o.rule_id for o in run(f, log) if o.rule_id in FIRST_RULES] == []


def test_first_action_cancelled_only_if_closed_in_time():
    f, log = known(D(2025, 11, 13))
    log.status("closed", D(2025, 11, 20))
    assert only(run(f, log), "mn.first_action").status == "cancelled"
    f, log = known(D(2025, 11, 13))
    log.status("closed", D(2025, 12, 2))
    assert only(run(f, log), "mn.first_action").status == OPEN


def test_independence_day_observed_friday():
    # Known Fri 19 Jun 2026 (Juneteenth) + 14 = Fri 3 Jul 2026, Independence Day observed (4 Jul
    # is a Saturday; 645.44 subd. 5 makes the Friday before the holiday) → Sat, Sun → Mon 6 Jul.
    f, log = known(D(2026, 6, 19))
    assert dates(only(run(f, log), "mn.first_action")) == (D(2026, 7, 3), D(2026, 7, 6), OPEN)


def test_serious_injury_notice_48_hours_and_report_7_days():
    # Fatal; employer knew Thu 18 Dec 2025 (clock from 00:00 CST).
    # Notice: + 48 h = Sat 20 Dec 2025 00:00 CST (hours do not roll).
    # Report: + 7 days = Thu 25 Dec (Christmas) → Fri 26 Dec 2025, a Minnesota business day.
    f, log = known(D(2025, 12, 18), fatal=True)
    log.activity("regulator", D(2025, 12, 19))
    log.report(D(2025, 12, 29))
    found = run(f, log)
    notice = only(found, "mn.serious_injury_notice")
    assert dates(notice) == (D(2025, 12, 20), D(2025, 12, 20), SATISFIED)
    assert notice.due_at.isoformat() == "2025-12-20T00:00:00-06:00"
    assert dates(only(found, "mn.serious_injury_report")) == (D(2025, 12, 25), D(2025, 12, 26), LATE)


def test_serious_injury_notice_counts_elapsed_hours_when_clocks_go_back():
    # Knew Sat 1 Nov 2025, 00:00 CDT = 05:00 UTC. + 48 h = 05:00 UTC Mon 3 Nov = Sun 2 Nov 23:00
    # CST (clocks went back an hour at 02:00 Sun 2 Nov): due Sun 2 Nov, not Mon 3 Nov.
    f, log = known(D(2025, 11, 1), fatal=True)
    o = only(run(f, log), "mn.serious_injury_notice")
    assert o.due_at.isoformat() == "2025-11-02T23:00:00-06:00"
    assert dates(o) == (D(2025, 11, 2), D(2025, 11, 2), OPEN)


def test_serious_injury_rules_only_for_fatal_claims():
    f, log = known(D(2025, 12, 18))
    found = run(f, log)
    assert of(found, "mn.serious_injury_notice") == []
    assert of(found, "mn.serious_injury_report") == []
