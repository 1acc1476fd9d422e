"""Golden cases kept in the rule packs (``packs/golden/<jurisdiction>.yaml``), run here.

Each case names a calculator, its inputs, and either the expected output fields (compared
as the calculator's JSON gives them, so Decimals as exact strings) or the error expected.
Analysts add cases to the YAML; this one test runs them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from opencomp.benefits.calculators.aww import WageLine, average_weekly_wage
from opencomp.benefits.calculators.nsw_weeks import step_downs
from opencomp.benefits.calculators.period import disability_period, salary_continuation
from opencomp.benefits.calculators.reimbursement import ReimbursementWeekInput, reimbursement_schedule
from opencomp.benefits.calculators.types import InputError, MissingFigure
from opencomp.benefits.calculators.weekly import index_piawe, weekly_benefit
from opencomp.jurisdictions.benefit_params import golden_cases

JURISDICTIONS = ("CO", "MN", "CT", "NSW")
ERRORS: dict[str, type[Exception]] = {"MissingFigure": MissingFigure, "InputError": InputError}
MONEY_KEYS = {
    "aww",
    "current_earnings",
    "after_tax_aww",
    "piawe",
    "hours_worked",
    "wpi",
    "weekly_rate",
    "weekly_gross",
    "ttd_weekly_rate",
    "pre_injury_hours",
    "earnings",
    "amount",
    "hours",
    "monthly_wage",
    "hourly_rate",
    "hours_per_day",
    "days_per_week_decimal",
}


def _convert(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _convert(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_convert(v, key) for v in value]
    if key in MONEY_KEYS and isinstance(value, str):
        return Decimal(value)
    return value


def _reimbursement(**kw: Any) -> Any:
    weeks = [ReimbursementWeekInput(**w) for w in kw.pop("weeks")]
    return reimbursement_schedule(weeks=weeks, **kw)


def _aww(**kw: Any) -> Any:
    if "lines" in kw:
        kw["lines"] = [WageLine(**line) for line in kw["lines"]]
    return average_weekly_wage(kw.pop("jurisdiction"), kw.pop("method"), **kw)


def _weekly(**kw: Any) -> Any:
    return weekly_benefit(kw.pop("jurisdiction"), kw.pop("benefit"), **kw)


def _period(**kw: Any) -> Any:
    return disability_period(kw.pop("jurisdiction"), **kw)


CALCULATORS: dict[str, Callable[..., Any]] = {
    "weekly_benefit": _weekly,
    "disability_period": _period,
    "salary_continuation": salary_continuation,
    "reimbursement_schedule": _reimbursement,
    "index_piawe": lambda **kw: index_piawe(kw.pop("piawe"), **kw),
    "step_downs": step_downs,
    "average_weekly_wage": _aww,
}


def _cases() -> list[Any]:
    return [
        pytest.param(code, case, id=f"{code}: {case['name']}")
        for code in JURISDICTIONS
        for case in golden_cases(code)
    ]


def _lookup(result: dict[str, Any], dotted: str) -> Any:
    """``rows.reimbursement`` → the list of that field over ``rows``."""
    head, _, rest = dotted.partition(".")
    value = result[head]
    if not rest:
        return value
    return [_lookup(item, rest) for item in value]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def test_every_jurisdiction_has_golden_cases() -> None:
    for code in JURISDICTIONS:
        cases = golden_cases(code)
        assert len(cases) >= 5, code
        for case in cases:
            assert case["source"]["citation"], case["name"]
            assert case["source"]["grade"] in {"R", "S", "D", "P"}, case["name"]
            assert ("expected" in case) != ("error" in case), case["name"]
            assert case["calculator"] in CALCULATORS, case["name"]


@pytest.mark.parametrize(("code", "case"), _cases())
def test_golden_case(code: str, case: dict[str, Any]) -> None:
    # given
    calculator = CALCULATORS[case["calculator"]]
    inputs = _convert(case["input"])
    # when / then
    if "error" in case:
        with pytest.raises(ERRORS[case["error"]["type"]]) as caught:
            calculator(**inputs)
        assert case["error"]["contains"] in str(caught.value)
        return
    result = calculator(**inputs).as_json()
    for key, expected in case["expected"].items():
        assert _lookup(result, key) == _plain(expected), f"{code} {case['name']}: {key}"
    assert result["rules_version"].startswith(f"{code}-benefits-")
    assert result["citations"], "every result cites its sources"
