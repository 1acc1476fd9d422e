"""Shared types of the benefit calculators: explanations, errors and money helpers.

Every calculator returns a frozen result with an :class:`Explanation`: the steps in
words with the figures used, the citations of every statutory number, and the
``rules_version`` of the parameters it resolved against. Bad input raises
:class:`InputError` naming the argument; a date with no sourced figure raises
:class:`~opencomp.jurisdictions.benefit_params.MissingFigure`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from opencomp.core.money import CENT, round_money
from opencomp.jurisdictions.benefit_params import (
    BenefitParameters,
    Figure,
    MissingFigure,
    benefit_parameters,
)
from opencomp.jurisdictions.rulepack import Source

__all__ = [
    "Explanation",
    "ExplanationBuilder",
    "Figure",
    "InputError",
    "MissingFigure",
    "Source",
    "day",
    "dollars",
    "exact",
    "money",
    "params_for",
    "require_money",
]


class InputError(ValueError):
    """An argument a calculator cannot use; ``field`` names it (``aww``, ``first_day``…)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Explanation:
    """How a result was reached: steps in words, the citations used, the parameter version."""

    steps: tuple[str, ...]
    citations: tuple[Source, ...]
    rules_version: str

    def citations_json(self) -> list[dict[str, str]]:
        return [c.model_dump() for c in self.citations]

    def as_json(self) -> dict[str, Any]:
        return {
            "explanation": list(self.steps),
            "citations": self.citations_json(),
            "rules_version": self.rules_version,
        }


@dataclass
class ExplanationBuilder:
    """Collects steps and citations (each citation once, in order of first use)."""

    rules_version: str
    steps: list[str] = field(default_factory=list)
    citations: list[Source] = field(default_factory=list)

    def cite(self, *sources: Source) -> None:
        for source in sources:
            if source not in self.citations:
                self.citations.append(source)

    def step(self, text: str, *sources: Source) -> None:
        self.steps.append(text)
        self.cite(*sources)

    def figure(self, fig: Figure) -> Figure:
        """Cite a resolved figure and return it."""
        self.cite(fig.source)
        return fig

    def build(self) -> Explanation:
        return Explanation(tuple(self.steps), tuple(self.citations), self.rules_version)


def params_for(jurisdiction: str) -> BenefitParameters:
    """The benefit parameters of ``jurisdiction``.

    Raises:
        InputError: naming ``jurisdiction`` when it is unknown.
    """
    try:
        return benefit_parameters(jurisdiction)
    except KeyError as exc:
        raise InputError("jurisdiction", str(exc.args[0])) from None


def exact(value: Fraction) -> Decimal:
    """A fraction as a Decimal with enough digits that rounding to cents is exact."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def money(value: Decimal | Fraction, *, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round an exact amount to cents (half up unless the pack says otherwise)."""
    amount = exact(value) if isinstance(value, Fraction) else value
    return round_money(amount, rounding=rounding)


def dollars(amount: Decimal) -> str:
    """``$1,293.25`` for explanations."""
    sign = "−" if amount < 0 else ""
    return f"{sign}${abs(amount.quantize(CENT)):,.2f}"


def day(value: dt.date) -> str:
    """``Fri 1 Sep 2023`` for explanations."""
    return f"{value:%a} {value.day} {value:%b %Y}"


def require_money(field_name: str, value: Decimal, *, allow_zero: bool = True) -> Decimal:
    """Check a money input: a finite Decimal, not negative, at most two decimal places."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InputError(field_name, "must be an amount such as 1939.88")
    if value < 0 or (value == 0 and not allow_zero):
        raise InputError(field_name, "must be more than zero" if not allow_zero else "must not be negative")
    if value != value.quantize(CENT):
        raise InputError(field_name, "has more than two decimal places")
    return value
