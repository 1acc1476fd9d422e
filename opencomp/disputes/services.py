"""Disputes of a claim's decisions and their internal review.

A dispute contests one decision recorded on the claim: a liability decision
(``liability.decided``), a treatment decision (``request.decided`` on a treatment request),
a work capacity decision (``milestone.recorded`` of a work capacity decision) or a benefit
decision (``benefit.rate_decided``, ``indemnity.suspended``, ``payment_schedule.stopped``).
It moves open → under internal review → reviewed → escalated externally → resolved or
withdrawn (escalation, resolution and withdrawal may also come straight from open).

The internal review is done by a claims user who may work the claim and who had no part in
the original decision (seed 004: "a senior team member at CCI who had no part in the original
decision will review the claim"): not whoever recorded it, not the team manager who signed it
off, not whoever recorded the decision it corrected. A review that varies or overturns the
decision does not change the claim: it says what the adjuster records next (a new liability
decision through ``claims.liability_services``, a new treatment decision…).

No timeframe for the internal review is in the seeds or ``statutes.md``, so no rule-pack
deadline follows a dispute (see ``docs/disputes.md``).

Every service checks the actor, then the input (every problem at once, each naming its field),
then locks the claim and the dispute and checks the state; a refusal writes nothing. Each
change appends its ``dispute.*`` claim event in the same transaction (``medical`` sensitivity
for a treatment dispute).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.db import transaction

from opencomp.accounts.access import is_claims_staff
from opencomp.accounts.models import User
from opencomp.claims.access import require, user_can_work_claim
from opencomp.claims.enums import EventKind, Milestone, RequestSubject, Sensitivity
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import Conflict, ErrorCollector, PermissionDenied, ValidationFailed
from opencomp.disputes.access import user_can_manage_disputes
from opencomp.disputes.common import local_date, name_of, past_date, text
from opencomp.disputes.enums import (
    CLOSED_DISPUTE,
    DISPUTABLE,
    ESCALATE_FROM,
    FOLLOW_UP,
    RAISED_BY,
    DisputeKind,
    DisputeStatus,
    ReviewOutcome,
)
from opencomp.disputes.models import Dispute

GROUNDS_LIMIT = 4000
NOT_STAFF = "Only the claim's administrator records disputes and their review."


def _require_manages(actor: User, claim: Claim) -> None:
    require(user_can_manage_disputes(actor, claim), NOT_STAFF)


def _sensitivity(dispute_kind: str) -> str:
    return Sensitivity.MEDICAL if dispute_kind == DisputeKind.TREATMENT else Sensitivity.NORMAL


def _label(kind: str) -> str:
    return DisputeKind(kind).label.lower() if kind in DisputeKind.values else kind


def _check_decision(claim: Claim, kind: str, event: ClaimEvent, errors: ErrorCollector) -> None:
    """The event must be a decision a dispute of ``kind`` can contest, and its latest version."""
    field = "decision_seq"
    allowed = DISPUTABLE.get(kind)
    if allowed is None:
        return  # the kind itself is reported
    if event.kind not in allowed:
        errors.add(
            field,
            f"event #{event.seq} is a {event.kind} event; a {_label(kind)} dispute contests "
            f"{' or '.join(sorted(allowed))}",
        )
        return
    if kind == DisputeKind.TREATMENT:
        request = ClaimEvent.objects.filter(
            claim=claim, seq=event.payload.get("request_seq"), kind=EventKind.REQUEST_RECEIVED
        ).first()
        if request is None or request.payload.get("subject") != RequestSubject.TREATMENT:
            errors.add(field, f"event #{event.seq} decides a request that is not for treatment")
    if (
        kind == DisputeKind.WORK_CAPACITY
        and event.payload.get("milestone") != Milestone.WORK_CAPACITY_DECISION
    ):
        errors.add(field, f"event #{event.seq} is not a work capacity decision")
    correction = ClaimEvent.objects.filter(corrects=event).order_by("seq").first()
    if correction is not None:
        errors.add(
            field, f"event #{event.seq} was corrected by event #{correction.seq}; dispute the correction"
        )


@transaction.atomic
def dispute_raise(
    *,
    actor: User,
    claim: Claim,
    kind: str,
    raised_by: str,
    decision_seq: int,
    raised_on: dt.date | None,
    grounds: str,
    raised_by_name: str = "",
) -> Dispute:
    """Record that a party disputes the decision of event ``decision_seq``; appends ``dispute.raised``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``kind``, ``raised_by``, ``raised_by_name``, ``raised_on``,
            ``grounds`` or ``decision_seq`` (no such event, not a decision of that kind, since
            corrected, or already disputed); nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    if kind not in DisputeKind.values:
        errors.add("kind", f"choose one of: {', '.join(DisputeKind.values)}")
    if raised_by not in RAISED_BY:
        errors.add("raised_by", f"choose one of: {', '.join(RAISED_BY)}")
    raised_by_name = text(errors, "raised_by_name", raised_by_name, limit=200)
    grounds = text(errors, "grounds", grounds, limit=GROUNDS_LIMIT, required="say what is disputed and why")
    decision = ClaimEvent.objects.filter(claim=claim, seq=decision_seq).first()
    if decision is None:
        errors.add("decision_seq", f"this claim has no event #{decision_seq}")
        past_date(errors, "raised_on", raised_on, claim)
    else:
        _check_decision(claim, kind, decision, errors)
        past_date(errors, "raised_on", raised_on, claim, not_before=local_date(claim, decision.occurred_at))
    errors.raise_if_any("The dispute was not recorded.")
    decision, raised_on = cast(ClaimEvent, decision), cast(dt.date, raised_on)  # no errors: both given
    claim = claim_lock(claim)
    live = (
        Dispute.objects.filter(claim=claim, decision_seq=decision_seq)
        .exclude(status__in=sorted(CLOSED_DISPUTE))
        .first()
    )
    if live is not None:
        raise ValidationFailed.for_field(
            "decision_seq",
            f"event #{decision_seq} is already disputed "
            f"(dispute {live.pk}, {live.get_status_display().lower()})",
        )
    now = clock.now()
    dispute = Dispute.objects.create(
        claim=claim,
        kind=kind,
        raised_by=raised_by,
        raised_by_name=raised_by_name,
        raised_on=raised_on,
        decision_seq=decision_seq,
        decision_kind=decision.kind,
        grounds=grounds,
        raised_seq=claim.last_event_seq + 1,  # the event appended next; checked below
        recorded_by=actor,
        updated_at=now,
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.DISPUTE_RAISED,
        payload={
            "dispute_id": dispute.pk,
            "kind": kind,
            "raised_by": raised_by,
            "raised_by_name": raised_by_name,
            "raised_on": raised_on,
            "decision_seq": decision_seq,
            "decision_kind": decision.kind,
            "grounds": grounds,
        },
        sensitivity=_sensitivity(kind),
    )
    if event.seq != dispute.raised_seq:
        dispute.raised_seq = event.seq
        dispute.save(update_fields=["raised_seq"])
    return dispute


def had_part(dispute: Dispute) -> dict[int, str]:
    """Who had a part in the disputed decision, by user id, and what they did."""
    claim_id = dispute.claim_id
    decision = ClaimEvent.objects.select_related("corrects").get(claim_id=claim_id, seq=dispute.decision_seq)
    part: dict[int, str] = {}
    if decision.corrects is not None and decision.corrects.actor_id is not None:
        part[decision.corrects.actor_id] = (
            f"recorded the decision it corrected (event #{decision.corrects.seq})"
        )
    if decision.kind == EventKind.LIABILITY_DECIDED:
        status = ClaimEvent.objects.filter(claim_id=claim_id, seq=decision.payload.get("status_seq")).first()
        if status is not None and status.actor_id is not None:
            part[status.actor_id] = f"made the decision (event #{status.seq})"
        signed_off_by = decision.payload.get("signed_off_by")
        if signed_off_by is not None:
            part[int(signed_off_by)] = f"signed off the decision (event #{decision.seq})"
    if decision.actor_id is not None:
        part[decision.actor_id] = f"recorded the decision (event #{decision.seq})"
    return part


def _locked(dispute: Dispute) -> tuple[Claim, Dispute]:
    claim = claim_lock(dispute.claim)
    return claim, Dispute.objects.select_for_update(of=("self",)).select_related("reviewer").get(
        pk=dispute.pk
    )


def _record(actor: User, claim: Claim, dispute: Dispute, kind: str, payload: dict[str, Any]) -> None:
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=kind,
        payload={"dispute_id": dispute.pk, "raised_seq": dispute.raised_seq, **payload},
        sensitivity=_sensitivity(dispute.kind),
    )


@transaction.atomic
def dispute_review_start(*, actor: User, dispute: Dispute, reviewer: User | None) -> Dispute:
    """Start the internal review of an open dispute by ``reviewer``; appends ``dispute.review_started``.

    The reviewer must be a claims user who may work the claim and who had no part in the
    disputed decision (``had_part``). Two requests at once cannot both name a reviewer: the
    second finds the dispute under review.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``reviewer`` (missing, not a claims user of the claim, or had a
            part in the decision) or ``status`` (the dispute is past review).
        Conflict: the dispute is already under internal review.
    """
    _require_manages(actor, dispute.claim)
    if reviewer is None:
        raise ValidationFailed.for_field("reviewer", "name the reviewer")
    claim, dispute = _locked(dispute)
    if dispute.status == DisputeStatus.UNDER_REVIEW:
        raise Conflict.for_field(
            "status", f"the dispute is already under review by {name_of(dispute.reviewer)}"
        )
    if dispute.status != DisputeStatus.OPEN:
        raise ValidationFailed.for_field(
            "status",
            f"the dispute is {dispute.get_status_display().lower()}; only an open dispute is reviewed",
        )
    if not (reviewer.is_active and is_claims_staff(reviewer) and user_can_work_claim(reviewer, claim)):
        raise ValidationFailed.for_field("reviewer", "must be a claims user who may work this claim")
    part = had_part(dispute).get(reviewer.pk)
    if part is not None:
        raise ValidationFailed.for_field(
            "reviewer",
            f"{name_of(reviewer)} {part}; the internal review must be by someone who had no part in the "
            "original decision",
        )
    now = clock.now()
    dispute.status = DisputeStatus.UNDER_REVIEW
    dispute.reviewer = reviewer
    dispute.review_started_at = now
    dispute.updated_at = now
    dispute.save(update_fields=["status", "reviewer", "review_started_at", "updated_at"])
    _record(
        actor,
        claim,
        dispute,
        EventKind.DISPUTE_REVIEW_STARTED,
        {"reviewer_id": reviewer.pk, "reviewer_name": name_of(reviewer)},
    )
    return dispute


@transaction.atomic
def dispute_review_record(*, actor: User, dispute: Dispute, outcome: str, reasons: str) -> Dispute:
    """The reviewer records the review's outcome (upheld, varied, overturned) with reasons;
    appends ``dispute.reviewed``.

    A varied or overturned decision is not changed here: ``follow_up`` says what the adjuster
    records next (for liability, a new liability decision).

    Raises:
        PermissionDenied: the actor is not the dispute's reviewer.
        ValidationFailed: naming ``outcome``, ``reasons`` or ``status`` (no review under way).
        Conflict: the review's outcome was already recorded.
    """
    _require_manages(actor, dispute.claim)
    errors = ErrorCollector()
    if outcome not in ReviewOutcome.values:
        errors.add("outcome", f"choose one of: {', '.join(ReviewOutcome.values)}")
    reasons = text(
        errors, "reasons", reasons, limit=GROUNDS_LIMIT, required="give the reasons for the outcome"
    )
    errors.raise_if_any("The review was not recorded.")
    claim, dispute = _locked(dispute)
    if dispute.status != DisputeStatus.UNDER_REVIEW:
        if dispute.reviewed_at is not None:
            raise Conflict.for_field("status", "the review's outcome was already recorded")
        raise ValidationFailed.for_field(
            "status", f"the dispute is {dispute.get_status_display().lower()}, not under internal review"
        )
    if dispute.reviewer_id != actor.pk:
        raise PermissionDenied(
            f"Only the reviewer, {name_of(dispute.reviewer)}, records the review's outcome."
        )
    follow_up = FOLLOW_UP[dispute.kind] if outcome != ReviewOutcome.UPHELD else ""
    now = clock.now()
    dispute.status = DisputeStatus.REVIEWED
    dispute.review_outcome = outcome
    dispute.review_reasons = reasons
    dispute.follow_up = follow_up
    dispute.reviewed_at = now
    dispute.updated_at = now
    dispute.save(
        update_fields=["status", "review_outcome", "review_reasons", "follow_up", "reviewed_at", "updated_at"]
    )
    _record(
        actor,
        claim,
        dispute,
        EventKind.DISPUTE_REVIEWED,
        {"outcome": outcome, "reasons": reasons, "follow_up": follow_up},
    )
    return dispute


@transaction.atomic
def dispute_escalate(
    *, actor: User, dispute: Dispute, to: str, on: dt.date | None, reference: str = ""
) -> Dispute:
    """The dispute went to a body outside the administrator (``to``) on ``on``; appends
    ``dispute.escalated``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``to``, ``on``, ``reference`` or ``status`` (under review, or closed).
    """
    _require_manages(actor, dispute.claim)
    errors = ErrorCollector()
    to = text(errors, "to", to, limit=200, required="name the body it went to")
    reference = text(errors, "reference", reference, limit=100)
    past_date(errors, "on", on, dispute.claim, not_before=dispute.raised_on)
    errors.raise_if_any("The escalation was not recorded.")
    claim, dispute = _locked(dispute)
    if dispute.status not in ESCALATE_FROM:
        raise ValidationFailed.for_field(
            "status",
            f"the dispute is {dispute.get_status_display().lower()}; it is escalated when open or reviewed",
        )
    dispute.status = DisputeStatus.ESCALATED
    dispute.escalated_to = to
    dispute.escalated_on = on
    dispute.escalation_reference = reference
    dispute.updated_at = clock.now()
    dispute.save(
        update_fields=["status", "escalated_to", "escalated_on", "escalation_reference", "updated_at"]
    )
    _record(actor, claim, dispute, EventKind.DISPUTE_ESCALATED, {"to": to, "on": on, "reference": reference})
    return dispute


@transaction.atomic
def dispute_close(*, actor: User, dispute: Dispute, status: str, note: str, on: dt.date | None) -> Dispute:
    """Resolve (``note`` is the outcome) or withdraw (``note`` is why) the dispute; appends
    ``dispute.resolved`` or ``dispute.withdrawn``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``status``, ``note`` or ``on``.
        Conflict: the dispute was already resolved or withdrawn.
    """
    _require_manages(actor, dispute.claim)
    errors = ErrorCollector()
    if status not in CLOSED_DISPUTE:
        errors.add("status", f"choose one of: {', '.join(sorted(CLOSED_DISPUTE))}")
    message = "say how it was resolved" if status == DisputeStatus.RESOLVED else "say why it was withdrawn"
    note = text(errors, "note", note, limit=GROUNDS_LIMIT, required=message)
    past_date(errors, "on", on, dispute.claim, not_before=dispute.raised_on)
    errors.raise_if_any("The dispute was not closed.")
    claim, dispute = _locked(dispute)
    if dispute.status in CLOSED_DISPUTE:
        raise Conflict.for_field("status", f"the dispute was already {dispute.get_status_display().lower()}")
    dispute.status = status
    dispute.outcome = note
    dispute.closed_on = on
    dispute.updated_at = clock.now()
    dispute.save(update_fields=["status", "outcome", "closed_on", "updated_at"])
    kind = EventKind.DISPUTE_RESOLVED if status == DisputeStatus.RESOLVED else EventKind.DISPUTE_WITHDRAWN
    _record(actor, claim, dispute, kind, {"on": on, "note": note})
    return dispute
