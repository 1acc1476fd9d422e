"""The triage policy as data: ``policy.yaml``, validated when loaded.

Pure (no framework). The scorer (``triage.scoring``) reads it; so do the forms that offer its
injury types and psychosocial flags. The shipped file is OpenComp's own defaults, not a
validated instrument (its ``basis`` says so, and every page that shows a score repeats it).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from opencomp.jurisdictions.datafile import load_model

POLICY_FILE = Path(__file__).with_name("policy.yaml")
CODE = r"^[a-z][a-z0-9_]*$"
Points = Annotated[int, Field(ge=0, le=20)]


class PolicyError(ValueError):
    """The policy file is unusable; the message names the file and every problem in it."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Band(_Model):
    band: Annotated[str, Field(pattern=CODE)]
    label: str
    handling: Annotated[str, Field(pattern=CODE)]
    handling_label: str
    max_score: Annotated[int, Field(ge=0)] | None = None


class InjuryType(_Model):
    type: Annotated[str, Field(pattern=CODE)]
    label: str
    points: Points
    minimum_band: str | None = None
    keywords: tuple[str, ...] = ()


class Step(_Model):
    """One step of a banded factor: applies up to ``limit`` (the last step has none)."""

    label: str
    points: Points
    max_days: Annotated[int, Field(ge=0)] | None = None
    max_age: Annotated[int, Field(ge=0)] | None = None
    max_claims: Annotated[int, Field(ge=0)] | None = None

    @property
    def limit(self) -> int | None:
        for value in (self.max_days, self.max_age, self.max_claims):
            if value is not None:
                return value
        return None


class Flag(_Model):
    flag: Annotated[str, Field(pattern=CODE)]
    label: str
    points: Points


class Psychosocial(_Model):
    max_points: Points
    flags: tuple[Flag, ...]


def _check_steps(name: str, steps: tuple[Step, ...]) -> None:
    if not steps:
        raise ValueError(f"{name}: give at least one step")
    limits = [s.limit for s in steps]
    if limits[-1] is not None:
        raise ValueError(f"{name}: the last step has no maximum (it takes everything above)")
    bounded = [x for x in limits[:-1] if x is not None]
    if len(bounded) != len(limits) - 1 or bounded != sorted(set(bounded)):
        raise ValueError(f"{name}: every step but the last needs a maximum, rising step by step")


class Policy(_Model):
    version: Annotated[str, Field(min_length=1, max_length=32)]
    name: str
    basis: str
    handling_source: str
    bands: tuple[Band, ...]
    fallback_injury_type: str
    injury_types: tuple[InjuryType, ...]
    time_off_work: tuple[Step, ...]
    psychosocial: Psychosocial
    age: tuple[Step, ...]
    prior_claims: tuple[Step, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        codes = [b.band for b in self.bands]
        if len(set(codes)) != len(codes) or len(codes) < 2:
            raise ValueError("bands: give at least two bands, each named once")
        maxima = [b.max_score for b in self.bands]
        if maxima[-1] is not None or None in maxima[:-1]:
            raise ValueError("bands: every band but the last needs max_score; the last has none")
        bounded = [m for m in maxima[:-1] if m is not None]
        if bounded != sorted(set(bounded)):
            raise ValueError("bands: max_score must rise band by band")
        types = [t.type for t in self.injury_types]
        if len(set(types)) != len(types) or not types:
            raise ValueError("injury_types: give at least one, each named once")
        if self.fallback_injury_type not in types:
            raise ValueError(f"fallback_injury_type: {self.fallback_injury_type!r} is not an injury type")
        for injury in self.injury_types:
            if injury.minimum_band is not None and injury.minimum_band not in codes:
                raise ValueError(
                    f"injury_types.{injury.type}.minimum_band: {injury.minimum_band!r} is not a band"
                )
        flags = [f.flag for f in self.psychosocial.flags]
        if len(set(flags)) != len(flags):
            raise ValueError("psychosocial.flags: each flag once")
        _check_steps("time_off_work", self.time_off_work)
        _check_steps("age", self.age)
        _check_steps("prior_claims", self.prior_claims)
        return self

    def band(self, code: str) -> Band:
        return next(b for b in self.bands if b.band == code)

    def band_rank(self, code: str) -> int:
        return [b.band for b in self.bands].index(code)

    def injury_type(self, code: str) -> InjuryType | None:
        return next((t for t in self.injury_types if t.type == code), None)

    def flag(self, code: str) -> Flag | None:
        return next((f for f in self.psychosocial.flags if f.flag == code), None)

    def suggest_injury_type(self, text: str) -> str | None:
        """The first injury type one of whose keywords is a word of ``text``; None when none is."""
        words = set(re.findall(r"[a-z]+", text.lower()))
        for injury in self.injury_types:
            if words.intersection(injury.keywords):
                return injury.type
        return None


def policy_load(path: Path) -> Policy:
    """Read and validate a policy file; PolicyError names the file and each problem."""
    return load_model(path, Policy, PolicyError)


@cache
def triage_policy() -> Policy:
    """The policy in force (the shipped ``policy.yaml``)."""
    return policy_load(POLICY_FILE)
