"""``opencomp calc``: due dates and day counts as JSON, usage errors as one line and status 2.

No test here has the ``db`` fixture: pytest-django refuses any query, so these also prove
the command needs no database.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opencomp.jurisdictions.rulepack import pack_for

OPENCOMP = Path(sys.executable).with_name("opencomp")


def calc(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("calc", *args, stdout=out)
    return json.loads(out.getvalue())


def calc_error(*args: str) -> CommandError:
    with pytest.raises(CommandError) as caught:
        call_command("calc", *args, stdout=io.StringIO())
    assert caught.value.returncode == 2
    return caught.value


@pytest.mark.smoke
def test_due_date_rolled_past_easter():
    # Notified Fri 11 Apr 2025 + 7 = Fri 18 Apr (Good Friday) → Tue 22 Apr 2025.
    nsw = pack_for("NSW")
    rule = nsw.rule("nsw.liability_decision")
    assert calc(
        "due-date",
        "--jurisdiction",
        "NSW",
        "--rule",
        "nsw.liability_decision",
        "--trigger-date",
        "2025-04-11",
    ) == {
        "jurisdiction": "NSW",
        "rule": "nsw.liability_decision",
        "title": rule.title,
        "trigger_date": "2025-04-11",
        "due": "2025-04-22",
        "raw_due": "2025-04-18",
        "unit": "calendar_days",
        "amount": 7,
        "direction": "after",
        "rolled": True,
        "explanation": [
            "7 calendar days after Fri 11 Apr 2025 → Fri 18 Apr 2025",
            "Fri 18 Apr 2025 is not a business day (Good Friday): moves to Tue 22 Apr 2025",
        ],
        "citation": rule.source.citation,
        "source_url": rule.source.url,
        "grade": "P",
        "rules_version": nsw.rules_version,
        "calendar_version": nsw.calendar.version,
    }


def test_due_date_the_issue_example():
    # Mon 14 Apr 2025 + 7 = Mon 21 Apr (Easter Monday) → Tue 22 Apr 2025.
    result = calc(
        "due-date",
        "--jurisdiction",
        "NSW",
        "--rule",
        "nsw.liability_decision",
        "--trigger-date",
        "2025-04-14",
    )
    assert (result["raw_due"], result["due"], result["rolled"]) == ("2025-04-21", "2025-04-22", True)
    assert "due_at" not in result


def test_due_date_business_days():
    # Thu 17 Apr 2025, 3 business days past Easter → Thu 24 Apr.
    result = calc(
        "due-date",
        "--jurisdiction",
        "nsw",
        "--rule",
        "nsw.initial_contact_worker",
        "--trigger-date",
        "2025-04-17",
    )
    assert (result["due"], result["raw_due"], result["rolled"]) == ("2025-04-24", "2025-04-24", False)
    assert "Good Friday" in result["explanation"][0]


def test_due_date_hour_rule_across_daylight_saving():
    # Injured Sat 8 Mar 2025 22:00 MST; 32 elapsed hours → Mon 10 Mar 07:00 MDT.
    result = calc(
        "due-date",
        "--jurisdiction",
        "CO",
        "--rule",
        "co.drug_test",
        "--trigger-date",
        "2025-03-08",
        "--trigger-time",
        "22:00",
    )
    assert result["due_at"] == "2025-03-10T07:00:00-06:00"
    assert (result["due"], result["unit"], result["amount"]) == ("2025-03-10", "hours", 32)


def test_due_date_backwards_rule():
    # IME Fri 9 Jan 2026 - 14 days = Fri 26 Dec 2025 (Boxing Day) → back to Wed 24 Dec 2025.
    result = calc(
        "due-date", "--jurisdiction", "NSW", "--rule", "nsw.ime_notice", "--trigger-date", "2026-01-09"
    )
    assert (result["raw_due"], result["due"], result["direction"]) == ("2025-12-26", "2025-12-24", "before")


def test_due_date_rule_that_does_not_roll():
    result = calc(
        "due-date",
        "--jurisdiction",
        "NSW",
        "--rule",
        "nsw.certificate_current",
        "--trigger-date",
        "2025-11-28",
    )
    assert (result["due"], result["rolled"]) == ("2025-12-26", False)


def test_add_days_calendar_days_rolls_in_colorado():
    # Sat 14 Jun 2025 + 20 = Fri 4 Jul (Independence Day) → Mon 7 Jul 2025 (C.R.S. 2-4-108).
    co = pack_for("CO")
    assert calc("add-days", "--jurisdiction", "CO", "--from", "2025-06-14", "--days", "20") == {
        "jurisdiction": "CO",
        "from": "2025-06-14",
        "days": 20,
        "business_days": False,
        "due": "2025-07-07",
        "raw_due": "2025-07-04",
        "rolled": True,
        "explanation": [
            "20 calendar days after Sat 14 Jun 2025 → Fri 4 Jul 2025",
            "Fri 4 Jul 2025 is not a business day (Independence Day): moves to Mon 7 Jul 2025",
        ],
        "rules_version": co.rules_version,
        "calendar_version": co.calendar.version,
        "counting_citation": co.counting_source.citation if co.counting_source else None,
    }


def test_add_days_business_days_and_back():
    # CO, from Wed 1 Oct 2025, 5 business days: Thu 2, Fri 3, (Mon 6 Cabrini Day), Tue 7, Wed 8,
    # Thu 9 → Thu 9 Oct. Back 5 from Thu 9 Oct: Wed 8, Tue 7, Fri 3, Thu 2, Wed 1 → Wed 1 Oct.
    forward = calc(
        "add-days", "--jurisdiction", "CO", "--from", "2025-10-01", "--days", "5", "--business-days"
    )
    assert (forward["due"], forward["business_days"]) == ("2025-10-09", True)
    back = calc("add-days", "--jurisdiction", "CO", "--from", "2025-10-09", "--days", "-5", "--business-days")
    assert (back["due"], back["days"]) == ("2025-10-01", -5)


def test_add_days_back_rolls_back():
    # NSW, Mon 6 Jul 2026 - 91 days = Mon 6 Apr (Easter Monday) → back to Thu 2 Apr 2026.
    result = calc("add-days", "--jurisdiction", "NSW", "--from", "2026-07-06", "--days", "-91")
    assert (result["raw_due"], result["due"], result["rolled"]) == ("2026-04-06", "2026-04-02", True)


def test_add_days_connecticut_does_not_roll():
    # Thu 18 Dec 2025 + 7 = Thu 25 Dec (Christmas): CT has no rolling rule found, it stays.
    result = calc("add-days", "--jurisdiction", "CT", "--from", "2025-12-18", "--days", "7")
    assert (result["due"], result["rolled"], result["counting_citation"]) == ("2025-12-25", False, None)


LIABILITY = "due-date --jurisdiction NSW --rule nsw.liability_decision"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (f"{LIABILITY} --trigger-date 2025-02-30", "--trigger-date: '2025-02-30' is not a date (YYYY-MM-DD)"),
        (
            "due-date --jurisdiction XX --rule nsw.liability_decision --trigger-date 2025-02-03",
            "--jurisdiction: unknown jurisdiction 'XX'; known: CO, CT, MN, NSW",
        ),
        (
            "due-date --jurisdiction NSW --rule co.alcohol_test --trigger-date 2025-02-03",
            "--rule: 'co.alcohol_test' is a CO rule, not a NSW one",
        ),
        (
            f"{LIABILITY} --trigger-date 2025-02-03 --trigger-time 9h30",
            "--trigger-time: '9h30' is not a time (HH:MM)",
        ),
        (
            "add-days --jurisdiction CO --from 2025-06-14 --days twenty",
            "--days: 'twenty' is not a whole number",
        ),
        (
            "add-days --jurisdiction CO --from 2025-06-14 --days 9999",
            "--days: 9999 is more than 5000 days either way",
        ),
        (
            "add-days --jurisdiction CO --from 2101-01-01 --days 3",
            "--from: CO calendar covers 1990 to 2100, not 2101",
        ),
        ("add-days --jurisdiction CO --from 2025-06-14", "the following arguments are required: --days"),
        (f"{LIABILITY} --trigger-date 2025-02-03 --bogus 1", "unrecognized arguments: --bogus 1"),
    ],
)
def test_usage_errors(args, message):
    assert str(calc_error(*args.split())) == message


def test_unknown_rule_lists_the_pack_rules():
    error = str(
        calc_error("due-date", "--jurisdiction", "MN", "--rule", "mn.nope", "--trigger-date", "2025-02-03")
    )
    assert error.startswith("--rule: MN has no rule 'mn.nope'; it has: mn.employer_report, ")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPENCOMP_DEV": "1", "DJANGO_SETTINGS_MODULE": "opencomp.settings"}
    return subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [str(OPENCOMP), "calc", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_console_script():
    done = _run(
        "due-date",
        "--jurisdiction",
        "NSW",
        "--rule",
        "nsw.liability_decision",
        "--trigger-date",
        "2025-04-14",
    )
    assert (done.returncode, done.stderr) == (0, "")
    result = json.loads(done.stdout)
    assert (result["due"], result["raw_due"]) == ("2025-04-22", "2025-04-21")

    bad_date = _run(
        "due-date",
        "--jurisdiction",
        "NSW",
        "--rule",
        "nsw.liability_decision",
        "--trigger-date",
        "2025-02-30",
    )
    assert (bad_date.returncode, bad_date.stdout) == (2, "")
    assert bad_date.stderr == "error: --trigger-date: '2025-02-30' is not a date (YYYY-MM-DD)\n"

    missing = _run("add-days", "--jurisdiction", "CO", "--from", "2025-06-14")
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "error: the following arguments are required: --days\n"

    no_action = _run()
    assert (no_action.returncode, no_action.stdout) == (2, "")
    assert no_action.stderr.count("\n") == 1
