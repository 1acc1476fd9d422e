"""Recording a liability decision: the jurisdiction's options, their requirements, the claim's move."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from opencomp.accounts.access import is_supervisor
from opencomp.accounts.models import User
from opencomp.claims import lifecycle
from opencomp.claims.access import require, user_can_work_claim
from opencomp.claims.enums import ClaimStatus, EventKind
from opencomp.claims.liability import NSW_REASONABLE_EXCUSES, Option, option, options_for
from opencomp.claims.models import Claim
from opencomp.claims.services import claim_event_record, claim_transition
from opencomp.core.errors import ErrorCollector


@dataclass(frozen=True)
class LiabilityInput:
    """What the decision maker says: the decision and what that decision must carry."""

    decision: str
    reasons: str = ""
    excuses: tuple[str, ...] = ()
    worker_action: str = ""
    evidence: tuple[str, ...] = ()
    signed_off_by: User | None = None


def _check_requirements(
    chosen: Option, given: LiabilityInput, actor: User, claim: Claim, errors: ErrorCollector
) -> None:
    if "reasons" in chosen.requires and not given.reasons.strip():
        errors.add("reasons", f"give the reasons for the {chosen.label.lower()}")
    if "excuses" in chosen.requires:
        if not given.excuses:
            errors.add("excuses", "name at least one reasonable excuse")
        unknown = [e for e in given.excuses if e not in NSW_REASONABLE_EXCUSES]
        if unknown:
            errors.add(
                "excuses",
                f"{', '.join(unknown)} is not one of the reasonable excuses the program allows: "
                + ", ".join(NSW_REASONABLE_EXCUSES),
            )
    if "worker_action" in chosen.requires and not given.worker_action.strip():
        errors.add("worker_action", "say what the worker must do to resolve the excuse")
    if "evidence" in chosen.requires and not [e for e in given.evidence if e.strip()]:
        errors.add("evidence", "list the evidence the decision relies on")
    if "signed_off_by" in chosen.requires:
        manager = given.signed_off_by
        if manager is None:
            errors.add("signed_off_by", "a team manager must sign off a dispute")
        elif manager.pk == actor.pk:
            errors.add("signed_off_by", "the team manager who signs off must be someone other than you")
        elif not (is_supervisor(manager) and user_can_work_claim(manager, claim)):
            errors.add("signed_off_by", f"{manager.get_username()} is not a team manager of this claim")


def _reason(chosen: Option, given: LiabilityInput) -> str:
    if given.excuses:
        return "; ".join(NSW_REASONABLE_EXCUSES[e] for e in given.excuses)
    return given.reasons.strip() or chosen.label


@transaction.atomic
def liability_decide(
    *, actor: User, claim: Claim, given: LiabilityInput, expected_status: str | None = None
) -> Claim:
    """Record a liability decision the claim's jurisdiction allows, and move the claim.

    The decision must be one of ``claims.liability.options_for(jurisdiction)``, carry what
    that option requires, and be a move the status table allows from where the claim is
    (a Colorado contest may become an admission, not the reverse). Appends
    ``claim.status_changed`` (which the rule packs' liability deadlines read) and
    ``liability.decided`` (the decision with its reasons, excuses, evidence and sign-off) in
    one transaction; a refusal names the field and writes nothing.
    """
    require(user_can_work_claim(actor, claim), "You may not decide liability on this claim.")
    errors = ErrorCollector()
    chosen = option(claim.jurisdiction, given.decision)
    if chosen is None:
        allowed = ", ".join(o.code for o in options_for(claim.jurisdiction)) or "none"
        errors.add("decision", f"{claim.jurisdiction} allows these liability decisions: {allowed}")
        errors.raise_if_any("The liability decision was not recorded.")
        return claim
    _check_requirements(chosen, given, actor, claim, errors)
    if chosen.to_status not in lifecycle.TRANSITIONS.get(claim.status, frozenset()):
        errors.add(
            "decision",
            f"a claim that is {ClaimStatus(claim.status).label.lower()} cannot be given a "
            f"{chosen.label.lower()}",
        )
    errors.raise_if_any("The liability decision was not recorded.")
    claim = claim_transition(
        actor=actor,
        claim=claim,
        to_status=chosen.to_status,
        reason=_reason(chosen, given),
        expected_status=expected_status,
    )
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.LIABILITY_DECIDED,
        payload={
            "decision": chosen.code,
            "label": chosen.label,
            "to_status": chosen.to_status,
            "citation": chosen.citation,
            "reasons": given.reasons.strip(),
            "excuses": list(given.excuses),
            "worker_action": given.worker_action.strip(),
            "evidence": [e.strip() for e in given.evidence if e.strip()],
            "signed_off_by": given.signed_off_by.pk if given.signed_off_by else None,
            "status_seq": claim.last_event_seq,
        },
    )
    claim.refresh_from_db()
    return claim
