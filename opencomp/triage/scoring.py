"""The triage score: pure, explainable factor by factor.

``triage_score(facts, policy)`` adds the points of five factors -- injury type, time off work,
psychosocial flags (capped), age and prior claims -- and places the total in the policy's bands;
an injury type may lift the band to a minimum (a psychological injury is never fast-tracked
under the default policy). Every factor comes back with the value it was scored on, its points
and a sentence saying why, so a person can check the score by hand and argue with it. The
override (a person choosing another band, with a reason) is not decided here: it is recorded
beside the computed band by ``triage.services``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from opencomp.triage.policy import Policy, Step


class TriageInputError(ValueError):
    """A fact the policy cannot score; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class TriageFacts:
    """What the triage is scored on, as at the assessment day.

    ``age`` is None when the worker's date of birth is not known (scored as the first step,
    and said so); ``psychosocial_flags`` empty when none was found (or none assessed).
    """

    injury_type: str
    days_off_work: int
    psychosocial_flags: tuple[str, ...]
    age: int | None
    prior_claims: int


@dataclass(frozen=True)
class FactorScore:
    factor: str
    label: str
    value: str
    points: int
    explanation: str


@dataclass(frozen=True)
class TriageScore:
    score: int
    band: str
    handling: str
    factors: tuple[FactorScore, ...]
    lifted_from: str | None
    policy_version: str

    def as_dict(self) -> dict[str, object]:
        return {
            "score": self.score,
            "band": self.band,
            "handling": self.handling,
            "lifted_from": self.lifted_from,
            "policy_version": self.policy_version,
            "factors": [
                {
                    "factor": f.factor,
                    "label": f.label,
                    "value": f.value,
                    "points": f.points,
                    "explanation": f.explanation,
                }
                for f in self.factors
            ],
        }


@dataclass(frozen=True)
class StatusPeriod:
    """A work status report as the time-off count needs it: its days and whether it says no capacity."""

    valid_from: dt.date
    valid_to: dt.date | None
    no_capacity: bool


def days_off_work(periods: Iterable[StatusPeriod], on: dt.date) -> int:
    """Days up to ``on`` (inclusive) that a report of no capacity covers.

    Each report runs from its first day to its last (or, open-ended, to ``on``) but no further
    than the day before the next report (by first day) begins: a later report replaces it.
    Days are counted once however many reports cover them.
    """
    ordered = sorted((p for p in periods if p.valid_from <= on), key=lambda p: p.valid_from)
    days: set[dt.date] = set()
    for index, period in enumerate(ordered):
        if not period.no_capacity:
            continue
        end = min(period.valid_to or on, on)
        later = [p.valid_from for p in ordered[index + 1 :] if p.valid_from > period.valid_from]
        if later:
            end = min(end, later[0] - dt.timedelta(days=1))
        day = period.valid_from
        while day <= end:
            days.add(day)
            day += dt.timedelta(days=1)
    return len(days)


def _step(steps: tuple[Step, ...], value: int) -> Step:
    for step in steps:
        limit = step.limit
        if limit is None or value <= limit:
            return step
    return steps[-1]  # pragma: no cover - the policy's last step has no limit


def _points(n: int) -> str:
    return "1 point" if n == 1 else f"{n} points"


def _injury(facts: TriageFacts, policy: Policy) -> FactorScore:
    injury = policy.injury_type(facts.injury_type)
    if injury is None:
        known = ", ".join(t.type for t in policy.injury_types)
        raise TriageInputError(
            "injury_type", f"{facts.injury_type!r} is not an injury type; choose one of: {known}"
        )
    return FactorScore(
        "injury_type",
        "Injury type",
        injury.label,
        injury.points,
        f"{injury.label}: {_points(injury.points)}.",
    )


def _time_off(facts: TriageFacts, policy: Policy) -> FactorScore:
    if facts.days_off_work < 0:
        raise TriageInputError("days_off_work", "cannot be negative")
    step = _step(policy.time_off_work, facts.days_off_work)
    days = "1 day" if facts.days_off_work == 1 else f"{facts.days_off_work} days"
    return FactorScore(
        "time_off_work",
        "Time off work",
        days,
        step.points,
        f"{days} off work ({step.label}): {_points(step.points)}.",
    )


def _psychosocial(facts: TriageFacts, policy: Policy) -> FactorScore:
    labels: list[str] = []
    total = 0
    seen: set[str] = set()
    for code in facts.psychosocial_flags:
        flag = policy.flag(code)
        if flag is None:
            known = ", ".join(f.flag for f in policy.psychosocial.flags)
            raise TriageInputError("psychosocial_flags", f"{code!r} is not a flag; choose from: {known}")
        if code in seen:
            raise TriageInputError("psychosocial_flags", f"{code!r} is given twice")
        seen.add(code)
        labels.append(flag.label)
        total += flag.points
    points = min(total, policy.psychosocial.max_points)
    if not labels:
        return FactorScore("psychosocial", "Psychosocial flags", "none", 0, "No psychosocial flag: 0 points.")
    capped = f" (capped at {policy.psychosocial.max_points} from {total})" if points < total else ""
    return FactorScore(
        "psychosocial",
        "Psychosocial flags",
        "; ".join(labels),
        points,
        f"{len(labels)} flag{'s' if len(labels) > 1 else ''}: {_points(points)}{capped}.",
    )


def _age(facts: TriageFacts, policy: Policy) -> FactorScore:
    if facts.age is None:
        first = policy.age[0]
        return FactorScore(
            "age",
            "Age",
            "not known",
            first.points,
            f"Date of birth not known, scored as {first.label}: {_points(first.points)}.",
        )
    if not 0 <= facts.age <= 130:
        raise TriageInputError("age", "must be between 0 and 130")
    step = _step(policy.age, facts.age)
    return FactorScore(
        "age", "Age", str(facts.age), step.points, f"Age {facts.age} ({step.label}): {_points(step.points)}."
    )


def _prior(facts: TriageFacts, policy: Policy) -> FactorScore:
    if facts.prior_claims < 0:
        raise TriageInputError("prior_claims", "cannot be negative")
    step = _step(policy.prior_claims, facts.prior_claims)
    return FactorScore(
        "prior_claims",
        "Prior claims",
        str(facts.prior_claims),
        step.points,
        f"{step.label}: {_points(step.points)}.",
    )


def triage_score(facts: TriageFacts, policy: Policy) -> TriageScore:
    """Score ``facts`` under ``policy``: the total, its band and handling, and each factor's part.

    Raises:
        TriageInputError: an injury type or flag the policy does not know, a flag given twice,
            or a negative count; ``field`` names the fact.
    """
    factors = (
        _injury(facts, policy),
        _time_off(facts, policy),
        _psychosocial(facts, policy),
        _age(facts, policy),
        _prior(facts, policy),
    )
    score = sum(f.points for f in factors)
    band = next(b for b in policy.bands if b.max_score is None or score <= b.max_score)
    lifted_from: str | None = None
    injury = policy.injury_type(facts.injury_type)
    floor = injury.minimum_band if injury is not None else None
    if floor is not None and policy.band_rank(floor) > policy.band_rank(band.band):
        lifted_from = band.band
        band = policy.band(floor)
    return TriageScore(
        score=score,
        band=band.band,
        handling=band.handling,
        factors=factors,
        lifted_from=lifted_from,
        policy_version=policy.version,
    )
