"""Benefit parameter files: shipped files load; bad files are refused naming file, parameter, field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from opencomp.jurisdictions.benefit_params import (
    BENEFITS_DIR,
    MissingFigure,
    golden_cases,
    load_benefit_parameters,
)
from opencomp.jurisdictions.rulepack import RulePackError

HEADER = 'jurisdiction: MN\nversion: "2026.1.1"\ntitle: test\n'


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "mn.yaml").write_text(HEADER + body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("code", ["CO", "MN", "CT", "NSW"])
def test_shipped_parameters_load_with_sources_on_every_value(code):
    params = load_benefit_parameters(code)
    assert params.rules_version.startswith(f"{code}-benefits-")
    for name, param in params.parameters.items():
        for value in param.values:
            assert value.source.citation, f"{code} {name}"
            assert value.source.grade in {"R", "S", "D", "P"}, f"{code} {name}"
    assert golden_cases(code)


def test_figure_is_exact_and_cited():
    co = load_benefit_parameters("CO")
    pct = co.figure("ttd_percent", dt.date(2023, 9, 1))
    assert pct.ratio == Fraction(2, 3)
    assert pct.text == "2/3"
    maximum = co.figure("max_weekly", dt.date(2024, 6, 30))
    assert maximum.value == Decimal("1293.25")
    assert maximum.text == "$1,293.25"
    assert maximum.source.grade == "S"


def test_a_gap_is_refused_by_name_listing_what_is_held():
    with pytest.raises(MissingFigure) as caught:
        load_benefit_parameters("CO").figure("max_weekly", dt.date(2024, 7, 1))
    assert caught.value.name == "max_weekly"
    assert "for injuries on 2024-07-01" in str(caught.value)
    assert "2023-07-01 to 2024-06-30" in str(caught.value)


def test_unknown_parameter_is_a_key_error_listing_the_known_ones():
    with pytest.raises(KeyError, match="ttd_percent"):
        load_benefit_parameters("MN").figure("nope", dt.date(2024, 1, 1))


def test_float_values_and_overlaps_are_reported_together(tmp_path):
    directory = _write(
        tmp_path,
        """parameters:
  max_weekly:
    description: maximum
    unit: money
    key: injury_date
    values:
      - {from: 2024-10-01, to: 2025-09-30, value: 1481.76, source: {citation: DLI, grade: R}}
  min_weekly:
    description: minimum
    unit: money
    key: injury_date
    values:
      - {from: 2024-10-01, to: 2025-09-30, value: "1.00", source: {citation: DLI, grade: R}}
      - {from: 2025-01-01, value: "2.00", source: {citation: DLI, grade: R}}
""",
    )
    with pytest.raises(RulePackError) as caught:
        load_benefit_parameters("MN", directory=directory)
    found = {(p.rule, p.field.split(".")[0]) for p in caught.value.problems}
    assert ("max_weekly", "values") in found
    assert ("min_weekly", "(file)") in found or any(p.rule == "min_weekly" for p in caught.value.problems)
    assert "floats" in str(caught.value)
    assert "overlap" in str(caught.value)


def test_wrong_jurisdiction_and_bad_yaml(tmp_path):
    (tmp_path / "mn.yaml").write_text('jurisdiction: CO\nversion: "2026.1.1"\ntitle: t\nparameters: {}\n')
    with pytest.raises(RulePackError, match="is 'CO', not 'MN'"):
        load_benefit_parameters("MN", directory=tmp_path)
    (tmp_path / "mn.yaml").write_text("jurisdiction: [MN\n")
    with pytest.raises(RulePackError, match="is not valid YAML"):
        load_benefit_parameters("MN", directory=tmp_path)


def test_every_shipped_file_is_named_for_a_jurisdiction():
    assert sorted(p.stem for p in BENEFITS_DIR.glob("*.yaml")) == ["co", "ct", "mn", "nsw"]
