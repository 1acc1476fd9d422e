"""``opencomp calc osha-case --case FILE.json``: the JSON answer, and bad files named."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command


def calc(tmp_path, case, *extra):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case) if not isinstance(case, str) else case, encoding="utf-8")
    out = io.StringIO()
    call_command("calc", "osha-case", "--case", str(path), *extra, stdout=out)
    return json.loads(out.getvalue())


def test_the_issue_example(tmp_path):
    result = calc(
        tmp_path,
        {
            "injury_date": "2026-03-02",
            "work_related": True,
            "death": False,
            "loss_of_consciousness": False,
            "significant_diagnosis": False,
            "treatments": [
                {"kind": "wound_covering"},
                {"kind": "medication", "name": "ibuprofen", "dose_mg": 800, "prescription": False},
            ],
            "days_away_from": "2026-03-03",
            "returned_to_work": "2026-03-06",
            "restricted_from": "2026-03-06",
            "restricted_until": "2026-03-12",
            "privacy_concern": None,
        },
    )
    assert {
        k: result[k] for k in ("recordable", "outcome", "days_away", "days_restricted", "privacy_case")
    } == {
        "recordable": True,
        "outcome": "days_away",
        "days_away": 3,
        "days_restricted": 7,
        "privacy_case": False,
    }
    assert result["column"] == "H"
    assert result["medical_treatment"] == ["medication:ibuprofen"]
    assert result["first_aid"] == ["wound_covering"]
    assert result["reasons"][0].startswith("recordable: 3 calendar days away")


def test_open_periods_count_to_as_at(tmp_path):
    case = {"injury_date": "2026-03-02", "work_related": True, "restricted_from": "2026-03-03"}
    assert calc(tmp_path, case, "--as-at", "2026-03-05")["days_restricted"] == 3
    assert calc(tmp_path, {**case, "as_at": "2026-03-04"}, "--as-at", "2026-03-05")["days_restricted"] == 2


@pytest.mark.parametrize(
    ("case", "words"),
    [
        (
            {"injury_date": "2026-03-02", "work_related": True, "treatments": [{"kind": "duct_tape"}]},
            "--case: treatments.0.kind: unknown treatment kind 'duct_tape'",
        ),
        ("{not json", "--case: "),
        ([1, 2], "--case: case: must be a JSON object"),
    ],
)
def test_a_bad_file_is_named(tmp_path, case, words):
    with pytest.raises(CommandError) as caught:
        calc(tmp_path, case)
    assert str(caught.value).startswith(words)
    assert caught.value.returncode == 2


def test_a_missing_file_and_a_bad_as_at(tmp_path):
    with pytest.raises(CommandError, match="--case: cannot read"):
        call_command("calc", "osha-case", "--case", str(tmp_path / "nope.json"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="--as-at"):
        calc(tmp_path, {"injury_date": "2026-03-02", "work_related": True}, "--as-at", "soon")


def test_from_the_command_line_an_unknown_kind_is_one_line_on_stderr(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(
        json.dumps({"injury_date": "2026-03-02", "work_related": True, "treatments": [{"kind": "leeches"}]}),
        encoding="utf-8",
    )
    done = subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [sys.executable, "-m", "opencomp.cli", "calc", "osha-case", "--case", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("error: --case: treatments.0.kind: unknown treatment kind 'leeches'")
