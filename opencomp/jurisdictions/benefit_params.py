"""Benefit parameters: a jurisdiction's dated benefit figures, each with its source.

One YAML file per jurisdiction in ``packs/benefits/`` (``co.yaml``…). A parameter
has a description, a unit, the date it is keyed by (the injury date for US rate
caps; the payment week for the NSW maximum; the review date for NSW indexation)
and a list of values, each valid ``from``/``to`` (inclusive, either end open) and
each carrying its own source with a grade as in ``shared/reference/statutes.md``.

Nothing is interpolated: a date that no sourced value covers raises
:class:`MissingFigure`, naming the figure, the date and the periods the pack does
hold. Values are exact: decimals as strings (``"1293.25"``) or fractions
(``"2/3"``, kept as :class:`fractions.Fraction`).

Golden cases (inputs → expected, each with the source of the expected value) live
beside the parameters in ``packs/golden/`` and are run by one test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.jurisdictions.rulepack import PackProblem, RulePackError, Source, _yaml_error

BENEFITS_DIR = Path(__file__).with_name("packs") / "benefits"
GOLDEN_DIR = Path(__file__).with_name("packs") / "golden"

Unit = Literal[
    "fraction",
    "money",
    "calendar_days",
    "weeks",
    "months",
    "years",
    "hours",
    "percent",
    "index",
    "factor",
    "count",
]
Key = Literal["injury_date", "payment_date", "review_date"]
_NUMBER = re.compile(r"^-?\d+(\.\d+)?(/\d+)?$")
_MONEY = re.compile(r"^\d+(\.\d{1,2})?$")

KEY_WORDS: dict[str, str] = {
    "injury_date": "injuries on",
    "payment_date": "the week of",
    "review_date": "the review date",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class DatedValue(_Model):
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None
    value: str
    source: Source
    notes: str = ""

    @field_validator("value", mode="before")
    @classmethod
    def _number(cls, value: Any) -> str:
        if isinstance(value, float):
            raise ValueError("write numbers as quoted strings ('1293.25'), not floats")
        text = str(value)
        if not _NUMBER.match(text):
            raise ValueError(f"{text!r} is not a decimal or a fraction such as '2/3'")
        return text

    @model_validator(mode="after")
    def _ordered(self) -> DatedValue:
        if self.from_ and self.to and self.to < self.from_:
            raise ValueError(f"to ({self.to}) is before from ({self.from_})")
        return self


class Parameter(_Model):
    description: Annotated[str, Field(min_length=3)]
    unit: Unit
    key: Key
    values: Annotated[list[DatedValue], Field(min_length=1)]

    @model_validator(mode="after")
    def _money_in_cents(self) -> Parameter:
        for v in self.values:
            if self.unit == "money" and not _MONEY.match(v.value):
                raise ValueError(f"money value {v.value!r} must be a decimal with at most two places")
        return self

    @model_validator(mode="after")
    def _no_overlap(self) -> Parameter:
        ordered = sorted(self.values, key=lambda v: v.from_ or dt.date.min)
        for before, after in itertools.pairwise(ordered):
            end = before.to or dt.date.max
            if (after.from_ or dt.date.min) <= end:
                raise ValueError(
                    f"values overlap: {before.from_ or 'open'}–{before.to or 'open'} and "
                    f"{after.from_ or 'open'}–{after.to or 'open'}"
                )
        return self


class BenefitPackFile(_Model):
    jurisdiction: str
    version: Annotated[str, Field(pattern=r"^\d{4}\.\d{1,2}\.\d{1,3}$")]
    title: str
    citations: dict[str, Source] = Field(default_factory=dict)
    parameters: dict[str, Parameter]
    notes: list[str] = Field(default_factory=list)


class MissingFigure(LookupError):
    """No sourced value covers the date asked for; the message names the figure."""

    def __init__(
        self, jurisdiction: str, name: str, description: str, key: str, on: dt.date, held: str
    ) -> None:
        self.jurisdiction = jurisdiction
        self.name = name
        self.on = on
        words = KEY_WORDS.get(key, key)
        super().__init__(
            f"{jurisdiction} has no sourced figure for {description} ({name}) for {words} {on.isoformat()}; "
            f"the rule pack holds: {held}. OpenComp does not guess a statutory figure: add the "
            f"sourced value to packs/benefits/{jurisdiction.lower()}.yaml."
        )


@dataclass(frozen=True)
class Figure:
    """One resolved value: what it is, its exact value, when it applies and its source."""

    name: str
    description: str
    unit: str
    ratio: Fraction
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: Source

    @property
    def value(self) -> Decimal:
        """The value as a Decimal (exact for decimals; fractions to 28 significant digits).

        Money keeps two decimal places (``1654.00``), as amounts do everywhere else.
        """
        value = Decimal(self.ratio.numerator) / Decimal(self.ratio.denominator)
        return value.quantize(Decimal("0.01")) if self.unit == "money" else value

    @property
    def text(self) -> str:
        """The value as written for people: ``2/3``, ``95%``, ``$1,293.25``."""
        if self.unit == "money":
            return f"${self.value:,.2f}"
        if self.unit == "fraction":
            if self.ratio.denominator in (1, 2, 4, 5, 10, 20, 25, 50, 100):
                return f"{(self.value * 100).normalize():f}%"
            return f"{self.ratio.numerator}/{self.ratio.denominator}"
        return f"{self.value.normalize():f}"

    @property
    def period(self) -> str:
        start = self.valid_from.isoformat() if self.valid_from else "…"
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{start} to {end}"


def _ratio(text: str) -> Fraction:
    try:
        if "/" in text:
            num, den = text.split("/")
            return Fraction(Decimal(num)) / Fraction(int(den))
        return Fraction(Decimal(text))
    except (InvalidOperation, ZeroDivisionError, ValueError) as exc:
        raise ValueError(f"{text!r} is not a number") from exc


@dataclass(frozen=True)
class BenefitParameters:
    """A jurisdiction's loaded benefit parameters."""

    code: str
    title: str
    version: str
    rules_version: str
    parameters: dict[str, Parameter]
    citations: dict[str, Source]
    notes: tuple[str, ...]

    def has(self, name: str) -> bool:
        return name in self.parameters

    def figure(self, name: str, on: dt.date) -> Figure:
        """The value of ``name`` that applies on ``on``.

        Raises:
            KeyError: the pack has no such parameter at all.
            MissingFigure: the parameter has no sourced value covering ``on``.
        """
        param = self.parameters.get(name)
        if param is None:
            known = ", ".join(sorted(self.parameters))
            raise KeyError(f"{self.code} benefit parameters have no {name!r}; they have: {known}")
        for v in param.values:
            if (v.from_ is None or v.from_ <= on) and (v.to is None or on <= v.to):
                return Figure(name, param.description, param.unit, _ratio(v.value), v.from_, v.to, v.source)
        raise MissingFigure(self.code, name, param.description, param.key, on, self.held(name))

    def held(self, name: str) -> str:
        """The periods the pack holds for ``name``, for messages."""
        param = self.parameters[name]
        ordered = sorted(param.values, key=lambda v: v.from_ or dt.date.min)
        return ", ".join(f"{v.from_ or '…'} to {v.to or '…'}" for v in ordered)

    def figures(self, name: str) -> list[Figure]:
        """Every value of ``name`` in date order (for tables and the calculator page)."""
        param = self.parameters[name]
        ordered = sorted(param.values, key=lambda v: v.from_ or dt.date.min)
        return [
            Figure(name, param.description, param.unit, _ratio(v.value), v.from_, v.to, v.source)
            for v in ordered
        ]

    def citation(self, name: str) -> Source:
        """A named method citation (``aww_monthly``, ``waiting_period``…).

        Raises:
            KeyError: naming the citations the pack has.
        """
        try:
            return self.citations[name]
        except KeyError:
            known = ", ".join(sorted(self.citations))
            raise KeyError(f"{self.code} benefit parameters cite no {name!r}; they cite: {known}") from None


def _problems(exc: ValidationError, file: str) -> list[PackProblem]:
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        rule = None
        if len(loc) >= 2 and loc[0] == "parameters":
            rule, loc = loc[1], loc[2:]
        field = ".".join(loc) or "(file)"
        out.append(PackProblem(file, rule, field, err["msg"].removeprefix("Value error, ")))
    return out


def load_benefit_parameters(code: str, *, directory: Path = BENEFITS_DIR) -> BenefitParameters:
    """Load and validate the benefit parameters of jurisdiction ``code``.

    Raises:
        KeyError: unknown jurisdiction.
        RulePackError: every problem found, each naming file, parameter and field.
    """
    if code not in JURISDICTIONS:
        known = ", ".join(sorted(JURISDICTIONS))
        raise KeyError(f"unknown jurisdiction {code!r}; known: {known}")
    path = directory / f"{code.lower()}.yaml"
    name = f"benefits/{path.name}"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RulePackError([PackProblem(name, None, "(file)", f"cannot be read: {exc.strerror}")]) from None
    try:
        raw = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise RulePackError(
            [PackProblem(name, None, "(file)", f"is not valid YAML: {_yaml_error(exc)}")]
        ) from None
    if not isinstance(raw, dict):
        raise RulePackError([PackProblem(name, None, "(file)", "must be a mapping")])
    try:
        pack = BenefitPackFile.model_validate(raw)
    except ValidationError as exc:
        raise RulePackError(_problems(exc, name)) from None
    if pack.jurisdiction != code:
        raise RulePackError(
            [PackProblem(name, None, "jurisdiction", f"is {pack.jurisdiction!r}, not {code!r}")]
        )
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()[:8]
    return BenefitParameters(
        code=code,
        title=pack.title,
        version=pack.version,
        rules_version=f"{code}-benefits-{pack.version}+{digest}",
        parameters=dict(pack.parameters),
        citations=dict(pack.citations),
        notes=tuple(pack.notes),
    )


@cache
def benefit_parameters(code: str) -> BenefitParameters:
    """The benefit parameters for ``code``, loaded once per process."""
    return load_benefit_parameters(code)


def golden_cases(code: str, *, directory: Path = GOLDEN_DIR) -> list[dict[str, Any]]:
    """The golden cases of ``code``: a list of {name, calculator, input, expected, source}."""
    path = directory / f"{code.lower()}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = raw.get("cases", []) if isinstance(raw, dict) else []
    return [c for c in cases if isinstance(c, dict)]
