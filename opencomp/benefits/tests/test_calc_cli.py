"""``opencomp calc`` benefit subcommands: JSON with Decimal strings; bad input exits 2 naming the option.

No test here has the ``db`` fixture: the calculators need no database.
"""

from __future__ import annotations

import datetime as dt
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

OPENCOMP = Path(sys.executable).with_name("opencomp")


def calc(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("calc", *args, stdout=out)
    return json.loads(out.getvalue())


def calc_error(*args: str) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("calc", *args, stdout=io.StringIO())
    assert caught.value.returncode == 2
    return str(caught.value)


@pytest.mark.smoke
def test_weekly_benefit_issue_example():
    result = calc(
        "weekly-benefit",
        "--jurisdiction",
        "CO",
        "--benefit",
        "TTD",
        "--injury-date",
        "2023-09-01",
        "--aww",
        "1939.88",
    )
    assert result["weekly_amount"] == "1293.25"
    assert result["rules_version"].startswith("CO-benefits-")
    assert result["explanation"]
    assert {"citation", "url", "grade"} <= set(result["citations"][0])


def test_weekly_benefit_tpd_and_ct_and_nsw():
    tpd = calc(
        "weekly-benefit",
        "--jurisdiction",
        "mn",
        "--benefit",
        "TPD",
        "--injury-date",
        "2024-12-01",
        "--aww",
        "900.00",
        "--current-earnings",
        "750.00",
    )
    assert tpd["weekly_amount"] == "100.00"
    ct = calc(
        "weekly-benefit",
        "--jurisdiction",
        "CT",
        "--benefit",
        "TTD",
        "--injury-date",
        "2024-10-15",
        "--after-tax-aww",
        "1500",
    )
    assert ct["weekly_amount"] == "1125.00"
    nsw = calc(
        "weekly-benefit",
        "--jurisdiction",
        "NSW",
        "--benefit",
        "weekly",
        "--injury-date",
        "2024-10-14",
        "--piawe",
        "1500.00",
        "--entitlement-week",
        "16",
        "--week-start",
        "2025-02-03",
        "--current-earnings",
        "600.00",
        "--hours-worked",
        "20",
    )
    assert nsw["weekly_amount"] == "825.00"


def test_disability_period_dli_example_two():
    result = calc(
        "disability-period",
        "--jurisdiction",
        "MN",
        "--weekly-rate",
        "500.00",
        "--first-day",
        "2005-03-04",
        "--return-to-work",
        "2005-03-09",
        "--days-per-week",
        "5",
    )
    assert result["waiting_days"] == ["2005-03-04", "2005-03-05", "2005-03-06"]
    assert result["compensable_days"] == ["2005-03-07", "2005-03-08"]
    assert result["amount"] == "200.00"


def test_disability_period_continuing_instalment_pays_the_waiting_days_back():
    # DLI example 3 split in two: Mar 8–14 continues a disability that started Tue 1 Mar 2005
    result = calc(
        "disability-period",
        "--jurisdiction",
        "MN",
        "--weekly-rate",
        "500.00",
        "--first-day",
        "2005-03-08",
        "--return-to-work",
        "2005-03-15",
        "--disability-start",
        "2005-03-01",
    )
    assert result["amount"] == "800.00"
    assert result["waiting_paid_back"] is True


def test_average_weekly_wage_from_a_csv(tmp_path):
    wages = tmp_path / "wages.csv"
    rows = ["period_start,period_end,amount"]
    # 26 weekly lines of 1,000.00 ending the day before the injury (Sun 1 Dec 2024)
    end = dt.date(2024, 11, 30)
    for week in range(26):
        last = end - dt.timedelta(days=7 * week)
        rows.append(f"{last - dt.timedelta(days=6)},{last},1000.00")
    wages.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = calc(
        "average-weekly-wage",
        "--jurisdiction",
        "MN",
        "--method",
        "26_weeks",
        "--injury-date",
        "2024-12-01",
        "--wages",
        str(wages),
    )
    assert result["average_weekly_wage"] == "1000.00"


def test_reimbursement_reproduces_the_seed_example(tmp_path):
    weeks = tmp_path / "weeks.csv"
    weeks.write_text(
        "week_number,start,end,earnings,hours_worked\n"
        "34,2021-08-01,2021-08-07,0,0\n"
        "35,2021-08-08,2021-08-14,200.00,10\n"
        "36,2021-08-15,2021-08-21,0,0\n"
        "37,2021-08-22,2021-08-28,0,0\n",
        encoding="utf-8",
    )
    result = calc(
        "reimbursement",
        "--injury-date",
        "2021-03-01",
        "--piawe",
        "1000.00",
        "--pre-injury-hours",
        "38",
        "--weeks",
        str(weeks),
    )
    assert result["total_reimbursement"] == "3000.00"
    assert [r["reimbursement"] for r in result["rows"]] == ["800.00", "600.00", "800.00", "800.00"]


def test_index_piawe_and_step_downs():
    indexed = calc("index-piawe", "--piawe", "1500.00", "--as-at", "2019-11-01", "--to", "2022-10-05")
    assert indexed["indexed_piawe"] == "1600.00"
    steps = calc("step-downs", "--injury-date", "2024-10-14", "--first-incapacity", "2024-10-16")
    # weeks are 7-day blocks from Wed 16 Oct 2024; week 14 starts 13 × 7 = 91 days later
    assert steps["second_period_starts"] == "2025-01-15"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (
                "weekly-benefit",
                "--jurisdiction",
                "CO",
                "--benefit",
                "TTD",
                "--injury-date",
                "2023-09-01",
                "--aww",
                "12.345",
            ),
            "--aww: '12.345' has more than 2 decimal places",
        ),
        (
            (
                "weekly-benefit",
                "--jurisdiction",
                "CO",
                "--benefit",
                "TTD",
                "--injury-date",
                "2023-09-01",
                "--aww",
                "lots",
            ),
            "--aww: 'lots' is not a number",
        ),
        (
            ("weekly-benefit", "--jurisdiction", "TX", "--benefit", "TTD", "--injury-date", "2023-09-01"),
            "--jurisdiction: unknown jurisdiction 'TX'",
        ),
        (
            ("weekly-benefit", "--jurisdiction", "CO", "--benefit", "TTD", "--injury-date", "2023-09-01"),
            "--aww: CO TTD needs the average weekly wage",
        ),
        (
            (
                "weekly-benefit",
                "--jurisdiction",
                "CO",
                "--benefit",
                "PPD",
                "--injury-date",
                "2023-09-01",
                "--aww",
                "1000",
            ),
            "--benefit: CO benefits are TTD, TPD",
        ),
        (
            (
                "weekly-benefit",
                "--jurisdiction",
                "CO",
                "--benefit",
                "TTD",
                "--injury-date",
                "2019-01-01",
                "--aww",
                "1000",
            ),
            "--injury-date: CO has no sourced figure for maximum weekly",
        ),
        (
            (
                "weekly-benefit",
                "--jurisdiction",
                "NSW",
                "--benefit",
                "weekly",
                "--injury-date",
                "2025-06-02",
                "--piawe",
                "1500",
                "--entitlement-week",
                "2",
                "--week-start",
                "2025-06-09",
            ),
            "--week-start: NSW has no sourced figure for maximum weekly compensation amount",
        ),
        (
            (
                "disability-period",
                "--jurisdiction",
                "MN",
                "--weekly-rate",
                "500",
                "--first-day",
                "2025-03-04",
                "--return-to-work",
                "2025-03-01",
            ),
            "--return-to-work:",
        ),
        (
            (
                "disability-period",
                "--jurisdiction",
                "CT",
                "--weekly-rate",
                "500",
                "--first-day",
                "2025-03-04",
                "--return-to-work",
                "2025-03-11",
            ),
            "--jurisdiction:",
        ),
        (
            (
                "disability-period",
                "--jurisdiction",
                "MN",
                "--weekly-rate",
                "500",
                "--first-day",
                "2025-03-04",
                "--return-to-work",
                "2025-03-11",
                "--work-days",
                "mon,funday",
            ),
            "--work-days: 'funday' is not a day",
        ),
    ],
    ids=[
        "places",
        "not-a-number",
        "jurisdiction",
        "missing-aww",
        "benefit",
        "no-maximum",
        "nsw-max",
        "rtw-before",
        "ct-period",
        "work-days",
    ],
)
def test_bad_input_names_the_option(args, message):
    assert calc_error(*args).startswith(message)


def test_console_script_exit_status_and_one_line():
    env = {**os.environ, "OPENCOMP_DEV": "1", "DJANGO_SETTINGS_MODULE": "opencomp.settings"}
    ok = subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [
            str(OPENCOMP),
            "calc",
            "weekly-benefit",
            "--jurisdiction",
            "CO",
            "--benefit",
            "TTD",
            "--injury-date",
            "2023-09-01",
            "--aww",
            "1939.88",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert (ok.returncode, ok.stderr) == (0, "")
    assert json.loads(ok.stdout)["weekly_amount"] == "1293.25"
    bad = subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [
            str(OPENCOMP),
            "calc",
            "weekly-benefit",
            "--jurisdiction",
            "CO",
            "--benefit",
            "TTD",
            "--injury-date",
            "2023-09-01",
            "--aww",
            "-5",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr == "error: --aww: must not be negative\n"
