"""The OSHA recordkeeping rules as data: ``packs/recordkeeping.yaml``, validated when loaded.

Pure (no framework): the recordability calculator and the CLI read it. Every list entry and
figure carries its source (citation, address, grade as in ``shared/reference/statutes.md``).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from opencomp.jurisdictions.datafile import load_model
from opencomp.jurisdictions.rulepack import Source

RULES_FILE = Path(__file__).with_name("packs") / "recordkeeping.yaml"
KIND = r"^[a-z][a-z0-9_]*$"


class RulesError(ValueError):
    """The rules file is unusable; the message names the file and every problem in it."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FirstAidItem(_Model):
    kind: Annotated[str, Field(pattern=KIND)]
    item: Annotated[str, Field(pattern=r"^[A-N]$")]
    text: str
    source: Source


class MedicalTreatment(_Model):
    kind: Annotated[str, Field(pattern=KIND)]
    counterpart: str | None = None
    text: str
    source: Source


class Medication(_Model):
    thresholds_mg: dict[str, Decimal]
    strength_source: Source
    prescription_source: Source
    formal_prescription_source: Source
    first_aid_source: Source

    @field_validator("thresholds_mg")
    @classmethod
    def _positive(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        for name, mg in value.items():
            if not mg.is_finite() or mg <= 0:
                raise ValueError(f"{name}: the threshold must be a positive number of mg")
        return value


class Days(_Model):
    cap: Annotated[int, Field(gt=0, le=366)]
    source: Source
    cap_source: Source


class PrivacyCase(_Model):
    kind: Annotated[str, Field(pattern=KIND)]
    text: str
    illness_only: bool = False
    source: Source


class SeriousEvent(_Model):
    kind: Annotated[str, Field(pattern=KIND)]
    hours: Annotated[int, Field(gt=0, le=72)]
    text: str
    source: Source


class RecordkeepingRules(_Model):
    """The whole rules file; look-ups by kind are the ``*_by_kind`` properties."""

    version: Annotated[str, Field(min_length=1)]
    title: str
    sources: dict[str, Source]
    first_aid: tuple[FirstAidItem, ...]
    medical_treatment: tuple[MedicalTreatment, ...]
    medication: Medication
    days: Days
    privacy_cases: tuple[PrivacyCase, ...]
    serious_events: tuple[SeriousEvent, ...]
    general_source: Source

    @model_validator(mode="after")
    def _consistent(self) -> RecordkeepingRules:
        kinds = [i.kind for i in self.first_aid] + [m.kind for m in self.medical_treatment]
        dupes = sorted({k for k in kinds if kinds.count(k) > 1})
        if dupes:
            raise ValueError(f"treatment kinds listed twice: {', '.join(dupes)}")
        if "medication" in kinds:
            raise ValueError("'medication' is decided by the medication rules, not listed as a kind")
        first_aid = {i.kind for i in self.first_aid}
        for m in self.medical_treatment:
            if m.counterpart is not None and m.counterpart not in first_aid:
                raise ValueError(f"{m.kind}: counterpart {m.counterpart!r} is not a first-aid kind")
        return self

    @property
    def first_aid_by_kind(self) -> dict[str, FirstAidItem]:
        return {i.kind: i for i in self.first_aid}

    @property
    def medical_by_kind(self) -> dict[str, MedicalTreatment]:
        return {m.kind: m for m in self.medical_treatment}

    @property
    def privacy_by_kind(self) -> dict[str, PrivacyCase]:
        return {p.kind: p for p in self.privacy_cases}

    @property
    def treatment_kinds(self) -> tuple[str, ...]:
        """Every treatment kind a case may name, ``medication`` included, in file order."""
        return ("medication", *(i.kind for i in self.first_aid), *(m.kind for m in self.medical_treatment))


@cache
def recordkeeping_rules(path: Path = RULES_FILE) -> RecordkeepingRules:
    """The validated rules (cached); :class:`RulesError` names the file and each problem."""
    return load_model(path, RecordkeepingRules, RulesError)
