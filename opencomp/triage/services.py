"""Every write of risk triage: a person's triage (with an override), and the book-wide sweep.

``triage_record`` checks the actor (``triage.access``: those who work the claim), then the
input, reporting every problem at once under the field it concerns; a refused request writes
nothing. It scores the facts with the pure ``triage.scoring.triage_score`` under the policy in
force, and under the claim's row lock writes the assessment and appends ``triage.recorded``
(``medical`` sensitivity: its factors carry the psychosocial flags) in the same transaction.

``triage_sweep`` triages, from the file alone, every claim still being handled that has never
been triaged: a provisional ``on_file`` triage with the injury type its words suggest and no
psychosocial flag (nobody has been asked yet), so the queue can sort the untouched book by risk
until a person triages at first contact. It works in batches of claims locked in id order: per
batch one query for the claims, three for their facts, one insert of assessments and one of
events (``claims.services.claim_events_append_bulk``), whatever the batch size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.enums import EventKind, Sensitivity
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_events_append_bulk, claim_lock
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector
from opencomp.triage.access import user_can_record_triage
from opencomp.triage.enums import PERSON_OCCASIONS, Occasion
from opencomp.triage.models import TriageAssessment
from opencomp.triage.policy import Policy, triage_policy
from opencomp.triage.scoring import TriageFacts, TriageInputError, TriageScore, triage_score
from opencomp.triage.selectors import FileFacts, facts_on_file, untriaged_claims

TEXT_LIMIT = 4000
RECORD_REFUSED = "Only those who work the claim record its triage."
SWEEP_BATCH = 500


def _payload(assessment: TriageAssessment) -> dict[str, Any]:
    return {
        "assessment_id": assessment.pk,
        "occasion": assessment.occasion,
        "assessed_on": assessment.assessed_on.isoformat(),
        "score": assessment.score,
        "computed_band": assessment.computed_band,
        "band": assessment.band,
        "handling": assessment.handling,
        "override_reason": assessment.override_reason,
        "policy_version": assessment.policy_version,
        "factors": assessment.factors,
    }


def _assessment(
    claim: Claim,
    *,
    occasion: str,
    on: dt.date,
    facts: TriageFacts,
    suggested: bool,
    result: TriageScore,
    band: str,
    policy: Policy,
    override_reason: str = "",
    note: str = "",
    actor: User | None,
    seq: int,
) -> TriageAssessment:
    return TriageAssessment(
        claim=claim,
        occasion=occasion,
        assessed_on=on,
        injury_type=facts.injury_type,
        injury_type_suggested=suggested,
        days_off_work=facts.days_off_work,
        psychosocial_flags=list(facts.psychosocial_flags),
        age=facts.age,
        prior_claims=facts.prior_claims,
        score=result.score,
        computed_band=result.band,
        band=band,
        handling=policy.band(band).handling,
        override_reason=override_reason,
        factors=result.as_dict()["factors"],
        policy_version=result.policy_version,
        note=note,
        recorded_by=actor,
        recorded_at=clock.now(),
        seq=seq,
    )


def _override(
    errors: ErrorCollector, policy: Policy, computed: str | None, band: str | None, reason: str
) -> str | None:
    """The band in force, or None when the override is refused (the error is on ``errors``)."""
    if not band:
        if reason:
            errors.add("override_reason", "only an override takes a reason; choose the band too")
        return computed
    if band not in [b.band for b in policy.bands]:
        errors.add("band", f"choose one of: {', '.join(b.band for b in policy.bands)}")
        return None
    if computed is not None and band == computed:
        errors.add("band", "is the band the score gives; leave it empty, or choose another band to override")
        return None
    if not reason:
        errors.add("override_reason", "say why the computed band is overridden")
        return None
    return band


@transaction.atomic
def triage_record(
    *,
    actor: User,
    claim: Claim,
    occasion: str,
    injury_type: str,
    psychosocial_flags: Iterable[str] = (),
    days_off_work: int | None = None,
    band: str | None = None,
    override_reason: str = "",
    note: str = "",
) -> TriageAssessment:
    """Triage the claim today: score the facts, choose the band (or override it), log it.

    ``injury_type`` and ``psychosocial_flags`` are the policy's codes (``triage.policy``), as
    the adjuster found them at first contact or a strategic claim review. ``days_off_work``
    defaults to the days of no capacity the claim's work status reports cover up to today;
    give it when the worker has been off work before any report arrived. The worker's age and
    earlier claims come from the file. ``band`` overrides the computed band, with
    ``override_reason``.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``occasion``, ``injury_type``, ``psychosocial_flags``,
            ``days_off_work``, ``band``, ``override_reason`` or ``note``; nothing is written.
    """
    require(user_can_record_triage(actor, claim), RECORD_REFUSED)
    policy = triage_policy()
    errors = ErrorCollector()
    if occasion not in PERSON_OCCASIONS:
        errors.add("occasion", f"choose one of: {', '.join(o.value for o in PERSON_OCCASIONS)}")
    today = claim_today(claim)
    on_file = facts_on_file([claim], on=today, policy=policy)[claim.pk]
    days = on_file.days_off_work if days_off_work is None else days_off_work
    since_injury = (today - claim.injury_date).days + 1
    if days_off_work is not None and not 0 <= days_off_work <= since_injury:
        errors.add("days_off_work", f"must be between 0 and {since_injury} (the days since the injury)")
        days = 0
    flags = tuple(psychosocial_flags)
    facts = TriageFacts(
        injury_type=injury_type,
        days_off_work=days,
        psychosocial_flags=flags,
        age=on_file.age,
        prior_claims=on_file.prior_claims,
    )
    result: TriageScore | None = None
    try:
        result = triage_score(facts, policy)
    except TriageInputError as exc:
        errors.add(exc.field, exc.message)
    reason = (override_reason or "").strip()
    text = (note or "").strip()
    for name, value in (("override_reason", reason), ("note", text)):
        if len(value) > TEXT_LIMIT:
            errors.add(name, f"must be at most {TEXT_LIMIT} characters")
    in_force = _override(errors, policy, result.band if result else None, band, reason)
    errors.raise_if_any("The triage was not recorded.")
    assert result is not None  # noqa: S101 - no errors: it was scored
    assert in_force is not None  # noqa: S101 - no errors: the band was decided

    claim = claim_lock(claim)
    assessment = _assessment(
        claim,
        occasion=occasion,
        on=today,
        facts=facts,
        suggested=False,
        result=result,
        band=in_force,
        policy=policy,
        override_reason=reason if in_force != result.band else "",
        note=text,
        actor=actor,
        seq=claim.last_event_seq + 1,  # the event appended next
    )
    assessment.save()
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.TRIAGE_RECORDED,
        payload=_payload(assessment),
        sensitivity=Sensitivity.MEDICAL,
    )
    if event.seq != assessment.seq:  # pragma: no cover - the claim row lock makes this impossible
        raise RuntimeError("triage assessment and its event disagree on the sequence number")
    return assessment


@dataclass(frozen=True)
class SweepResult:
    triaged: int
    by_band: dict[str, int]


def _sweep_facts(claim: Claim, found: FileFacts, policy: Policy) -> tuple[TriageFacts, bool]:
    suggested = found.suggested_injury_type is not None
    return (
        TriageFacts(
            injury_type=found.suggested_injury_type or policy.fallback_injury_type,
            days_off_work=found.days_off_work,
            psychosocial_flags=(),
            age=found.age,
            prior_claims=found.prior_claims,
        ),
        suggested,
    )


def _sweep_batch(ids: list[int], *, on: dt.date, policy: Policy, by_band: dict[str, int]) -> int:
    with transaction.atomic():
        claims = list(
            Claim.objects.select_for_update(of=("self",))
            .select_related("worker")
            .filter(pk__in=ids)
            .exclude(triage_assessments__isnull=False)
            .order_by("pk")
        )
        if not claims:
            return 0
        found = facts_on_file(claims, on=on, policy=policy)
        rows: list[TriageAssessment] = []
        for claim in claims:
            facts, suggested = _sweep_facts(claim, found[claim.pk], policy)
            result = triage_score(facts, policy)
            rows.append(
                _assessment(
                    claim,
                    occasion=Occasion.ON_FILE,
                    on=on,
                    facts=facts,
                    suggested=suggested,
                    result=result,
                    band=result.band,
                    policy=policy,
                    note="" if suggested else f"No keyword matched; scored as {policy.fallback_injury_type}.",
                    actor=None,
                    seq=claim.last_event_seq + 1,
                )
            )
            by_band[result.band] = by_band.get(result.band, 0) + 1
        TriageAssessment.objects.bulk_create(rows)
        if rows[0].pk is None:  # SQLite before 3.35 and other backends that return no keys
            keyed = dict(TriageAssessment.objects.filter(claim__in=claims).values_list("claim_id", "pk"))
            for row in rows:
                row.pk = keyed[row.claim_id]
        claim_events_append_bulk(
            entries=[(row.claim, EventKind.TRIAGE_RECORDED, _payload(row)) for row in rows],
            sensitivity=Sensitivity.MEDICAL,
        )
        return len(rows)


def triage_sweep(
    *, on: dt.date, batch_size: int = SWEEP_BATCH, progress: Callable[[int], None] | None = None
) -> SweepResult:
    """Triage from the file every claim still handled that was never triaged (see the module docstring).

    Idempotent: a claim triaged once (by a person or an earlier sweep) is never swept again.
    ``progress`` is called with the running count after each batch.
    """
    policy = triage_policy()
    by_band: dict[str, int] = {}
    total = 0
    last = 0
    while True:
        ids = list(untriaged_claims().filter(pk__gt=last).values_list("pk", flat=True)[:batch_size])
        if not ids:
            break
        last = ids[-1]
        total += _sweep_batch(ids, on=on, policy=policy, by_band=by_band)
        if progress is not None:
            progress(total)
    return SweepResult(triaged=total, by_band=by_band)
