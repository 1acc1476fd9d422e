"""Recording a liability decision: the jurisdiction's options, their requirements, the claim's move."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from opencomp.accounts.access import is_supervisor
from opencomp.accounts.models import User
from opencomp.claims import lifecycle
from opencomp.claims.access import require, user_can_work_claim
from opencomp.claims.enums import ClaimStatus, EventKind
from opencomp.claims.liability import (
    MAINTENANCE_CARE,
    NO_MOVE,
    NSW_REASONABLE_EXCUSES,
    Option,
    option,
    options_for,
)
from opencomp.claims.models import Claim
from opencomp.claims.services import claim_event_record, claim_lock, claim_transition
from opencomp.core import clock
from opencomp.core.errors import Conflict, ErrorCollector


@dataclass(frozen=True)
class LiabilityInput:
    """What the decision maker says: the decision and what that decision must carry."""

    decision: str
    reasons: str = ""
    excuses: tuple[str, ...] = ()
    worker_action: str = ""
    evidence: tuple[str, ...] = ()
    signed_off_by: User | None = None
    #: Colorado final admission (FAL): the MMI date, the impairment rating, the permanent
    #: restrictions and whether maintenance care after MMI is admitted (``MAINTENANCE_CARE``).
    mmi_date: dt.date | None = None
    impairment_percent: Decimal | None = None
    permanent_restrictions: str = ""
    maintenance_care: str = ""
    maintenance_care_details: str = ""


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


def _check_final_admission(
    chosen: Option, given: LiabilityInput, claim: Claim, errors: ErrorCollector
) -> None:
    if "mmi_date" in chosen.requires:
        if given.mmi_date is None:
            errors.add("mmi_date", "give the date of maximum medical improvement")
        elif given.mmi_date < claim.injury_date:
            errors.add("mmi_date", f"MMI cannot be before the injury ({claim.injury_date:%d %b %Y})")
        elif given.mmi_date > clock.today():
            errors.add("mmi_date", "MMI cannot be in the future")
    if given.impairment_percent is not None and not (
        Decimal(0) <= given.impairment_percent <= Decimal(100)
        and given.impairment_percent == given.impairment_percent.quantize(Decimal("0.1"))
    ):
        errors.add(
            "impairment_percent", "give the impairment rating as a percentage from 0 to 100 (one decimal)"
        )
    if "maintenance_care" in chosen.requires:
        if given.maintenance_care not in MAINTENANCE_CARE:
            errors.add("maintenance_care", "say whether maintenance care after MMI is admitted or denied")
        elif given.maintenance_care == "admitted" and not given.maintenance_care_details.strip():
            errors.add("maintenance_care_details", "describe the maintenance care admitted")


def _check_status(chosen: Option, claim: Claim, errors: ErrorCollector) -> None:
    current = ClaimStatus(claim.status).label.lower()
    if chosen.from_statuses and claim.status not in chosen.from_statuses:
        needed = ", ".join(sorted(ClaimStatus(s).label.lower() for s in chosen.from_statuses))
        errors.add("decision", f"a {chosen.label} needs the claim {needed}; it is {current}")
    elif chosen.to_status != NO_MOVE and chosen.to_status not in lifecycle.TRANSITIONS.get(
        claim.status, frozenset()
    ):
        errors.add("decision", f"a claim that is {current} cannot be given a {chosen.label.lower()}")


def _payload(chosen: Option, given: LiabilityInput, status_seq: int | None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "decision": chosen.code,
        "label": chosen.label,
        "to_status": chosen.to_status,
        "citation": chosen.citation,
        "reasons": given.reasons.strip(),
        "excuses": list(given.excuses),
        "worker_action": given.worker_action.strip(),
        "evidence": [e.strip() for e in given.evidence if e.strip()],
        "signed_off_by": given.signed_off_by.pk if given.signed_off_by else None,
        "status_seq": status_seq,
    }
    if "mmi_date" in chosen.requires:
        payload |= {
            "mmi_date": given.mmi_date,
            "impairment_percent": given.impairment_percent,
            "permanent_restrictions": given.permanent_restrictions.strip(),
            "maintenance_care": given.maintenance_care,
            "maintenance_care_details": given.maintenance_care_details.strip(),
        }
    return payload


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
    one transaction; a refusal names the field and writes nothing. A Colorado final
    admission (FAL) moves nothing: it needs an admitted claim and records the MMI date,
    impairment, permanent restrictions and maintenance care.
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
    _check_final_admission(chosen, given, claim, errors)
    _check_status(chosen, claim, errors)
    errors.raise_if_any("The liability decision was not recorded.")
    status_seq: int | None = None
    if chosen.to_status == NO_MOVE:
        claim = claim_lock(claim)
        if expected_status is not None and claim.status != expected_status:
            raise Conflict(
                f"Claim {claim.number} is now '{claim.status}', not '{expected_status}'; "
                "reload and try again."
            )
    else:
        claim = claim_transition(
            actor=actor,
            claim=claim,
            to_status=chosen.to_status,
            reason=_reason(chosen, given),
            expected_status=expected_status,
        )
        status_seq = claim.last_event_seq
    payload = _payload(chosen, given, status_seq)
    claim_event_record(actor=actor, claim=claim, kind=EventKind.LIABILITY_DECIDED, payload=payload)
    claim.refresh_from_db()
    return claim
