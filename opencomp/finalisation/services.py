"""Every write of finalisation: the intention to close, closing, reopening, and recurrence determinations.

``claim_close`` runs the closing checks (``selectors.closure_checklist``) under the claim's
row lock first; each failing check is refused under its own name (``invoices``,
``reimbursements``, ``obligations``, ``reserves``, ``intention_to_close``, ``to_status``)
and nothing is written. When they pass it moves the claim to closed or finalised through
``claims.services.claim_transition`` (``claim.status_changed``), queues a message to the
worker and the employer, and records ``claim.finalisation_recorded`` with the reason from
seed 004's list, all in one transaction. The written confirmation to the worker and employer
is an obligation of the NSW pack (``nsw.closure_confirmation``), done by recording the
``notice.sent`` of the ``claim_closure`` letter.

``claim_reopen`` moves a closed or finalised claim to reopened and records why
(``claim.reopening_recorded``); a recurrence or aggravation is then determined by
``recurrence_determine`` (``recurrence.determined``), which starts the NSW clock
``nsw.recurrence_decision_notice`` (2 business days, seed 004).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from opencomp.accounts.models import User
from opencomp.accounts.services import notification_queue
from opencomp.claims import lifecycle
from opencomp.claims.access import require
from opencomp.claims.enums import ActivityChannel, EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_lock, claim_transition
from opencomp.core.errors import Conflict, ErrorCollector, ValidationFailed
from opencomp.finalisation.access import user_can_close_claim
from opencomp.finalisation.enums import (
    CloseTo,
    FinalisationReason,
    IntentionParty,
    RecurrenceOutcome,
    ReopenKind,
)
from opencomp.finalisation.selectors import (
    RESERVES,
    STATUS,
    claim_reopenings,
    closure_checklist,
    intention_events,
)
from opencomp.payments.models import ApprovalRequest
from opencomp.payments.services import limits_of, reserve_set

DETAILS_LIMIT = 1500
TEXT_LIMIT = 4000


def _require_closer(actor: User, claim: Claim) -> None:
    require(user_can_close_claim(actor, claim), "Only the claim's administrator closes or reopens it.")


def _text(
    errors: ErrorCollector, name: str, value: str, *, required: str = "", limit: int = TEXT_LIMIT
) -> str:
    text = (value or "").strip()
    if required and not text:
        errors.add(name, required)
    elif len(text) > limit:
        errors.add(name, f"must be at most {limit} characters")
    return text


def _date(errors: ErrorCollector, name: str, value: dt.date | None, *, claim: Claim, today: dt.date) -> None:
    if value is None:
        errors.add(name, "give the date")
    elif value > today:
        errors.add(name, "is in the future")
    elif value < claim.injury_date:
        errors.add(name, "is before the injury date")


def _check_expected(claim: Claim, expected_status: str | None) -> None:
    if expected_status is not None and claim.status != expected_status:
        raise Conflict(
            f"Claim {claim.number} is now '{claim.status}', not '{expected_status}'; reload and try again."
        )


@transaction.atomic
def closure_intention_record(
    *,
    actor: User,
    claim: Claim,
    party: str,
    channel: str,
    advised_on: dt.date | None,
    party_name: str = "",
    summary: str = "",
) -> ClaimEvent:
    """Record that ``party`` was told the claim is to be closed; appends ``closure.intention_advised``.

    The closing check ``intention_to_close`` counts these since the claim was last reopened.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``party``, ``channel``, ``advised_on``, ``summary`` or ``status``.
    """
    _require_closer(actor, claim)
    errors = ErrorCollector()
    if party not in IntentionParty.values:
        errors.add("party", f"must be one of {', '.join(IntentionParty.values)}")
    if channel not in ActivityChannel.values:
        errors.add("channel", f"must be one of {', '.join(ActivityChannel.values)}")
    _date(errors, "advised_on", advised_on, claim=claim, today=claim_today(claim))
    party_name = _text(errors, "party_name", party_name, limit=200)
    summary = _text(errors, "summary", summary, limit=2000)
    errors.raise_if_any("The contact was not recorded.")
    claim = claim_lock(claim)
    if claim.status in {lifecycle.CLOSED, lifecycle.FINALISED}:
        raise ValidationFailed.for_field("status", f"the claim is already {claim.status}")
    return claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.CLOSURE_INTENTION_ADVISED,
        payload={
            "party": party,
            "party_name": party_name,
            "advised_on": advised_on,
            "channel": channel,
            "summary": summary,
        },
    )


def _notify_closure(claim: Claim, to_status: str, reason_label: str) -> list[str]:
    """Queue a message to the worker and the employer that the claim is closed (the letter follows)."""
    word = CloseTo(to_status).label.lower()
    body = (
        f"Claim {claim.number} has been {word}: {reason_label}. "
        f"{claim.administrator.name} will confirm this in writing."
    )
    subject = f"Claim {claim.number} {word}"
    worker, employer = claim.worker, claim.employer
    notification_queue(
        recipient_name=worker.full_name,
        recipient_address=worker.email,
        subject=subject,
        body=f"Dear {worker.given_name},\n\n{body}",
        claim_number=claim.number,
        channel="email" if worker.email else "letter",
    )
    notification_queue(
        recipient_name=employer.name,
        recipient_address=employer.email,
        subject=subject,
        body=f"To {employer.name},\n\n{body}",
        claim_number=claim.number,
        channel="email" if employer.email else "letter",
    )
    return ["worker", "employer"]


def _release(actor: User, claim: Claim, reason_label: str) -> list[dict[str, object]]:
    """Set each outstanding reserve to what was paid (``payments.services.reserve_set``, one event each).

    A release above the actor's reserve authority would wait for approval: refused instead, so
    the claim never closes with a reserve still outstanding.
    """
    released: list[dict[str, object]] = []
    for position in closure_checklist(claim).outstanding:
        result = reserve_set(
            actor=actor,
            claim=claim,
            category=position.category,
            bucket=position.bucket,
            amount=position.paid,
            reason=f"Released on closing the claim: {reason_label}"[:2000],
        )
        if isinstance(result, ApprovalRequest):
            _, limit = limits_of(actor)
            raise ValidationFailed.for_field(
                "release_reserves",
                f"releasing the {position.category} ({position.bucket}) reserve of "
                f"{position.outstanding:,.2f} is above your reserve authority of {limit:,.2f}; "
                "ask someone with that authority to release it, then close the claim",
            )
        released.append(
            {
                "entry_id": result.pk,
                "category": position.category,
                "bucket": position.bucket,
                "released": position.outstanding,
            }
        )
    return released


@transaction.atomic
def claim_close(
    *,
    actor: User,
    claim: Claim,
    to_status: str,
    reason: str,
    details: str = "",
    release_reserves: bool = False,
    expected_status: str | None = None,
) -> Claim:
    """Close or finalise ``claim`` with a reason from seed 004's Finalisation list, once its checks pass.

    The checks run under the claim's lock; every failing one is refused under its name and
    nothing is written. With ``release_reserves`` the outstanding reserves are released
    (a ``reserve.changed`` event each) instead of refusing, when every other check passes.
    Then ``claim.status_changed``, messages to the worker and employer, and
    ``claim.finalisation_recorded``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        Conflict: the claim is no longer in ``expected_status``.
        ValidationFailed: naming ``to_status``, ``reason``, ``details``, ``release_reserves`` or a check.
    """
    _require_closer(actor, claim)
    errors = ErrorCollector()
    if to_status not in CloseTo.values:
        errors.add("to_status", f"must be one of {', '.join(CloseTo.values)}")
    if reason not in FinalisationReason.values:
        errors.add("reason", f"choose one of seed 004's reasons: {', '.join(FinalisationReason.values)}")
    details = _text(errors, "details", details, limit=DETAILS_LIMIT)
    errors.raise_if_any("The claim was not closed.")
    claim = claim_lock(claim)
    _check_expected(claim, expected_status)
    checklist = closure_checklist(claim)
    if to_status not in lifecycle.allowed_transitions(claim.status):
        errors.add(
            "to_status",
            f"a {claim.get_status_display().lower()} claim cannot be {to_status}; "
            f"allowed from here: {', '.join(sorted(lifecycle.allowed_transitions(claim.status))) or 'none'}",
        )
    ignore = frozenset({STATUS, RESERVES}) if release_reserves else frozenset({STATUS})
    for check in checklist.failing(ignore=ignore):
        errors.add(check.key, check.refusal)
    errors.raise_if_any("The claim was not closed: a closing check failed.")
    reason_label = FinalisationReason(reason).label
    released = _release(actor, claim, reason_label) if release_reserves else []
    from_status = claim.status
    claim = claim_transition(
        actor=actor,
        claim=claim,
        to_status=to_status,
        reason=f"{reason_label}{' — ' + details if details else ''}",
        expected_status=from_status,
    )
    status_seq = claim.last_event_seq
    notified = _notify_closure(claim, to_status, reason_label)
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.CLAIM_FINALISED,
        payload={
            "to_status": to_status,
            "status_seq": status_seq,
            "reason": reason,
            "reason_label": reason_label,
            "details": details,
            "intention_seqs": [e.seq for e in intention_events(claim)],
            "released_reserves": released,
            "notified": notified,
        },
    )
    claim.refresh_from_db()
    return claim


@transaction.atomic
def claim_reopen(
    *,
    actor: User,
    claim: Claim,
    kind: str,
    notified_on: dt.date | None,
    evidence: str,
    details: str = "",
    expected_status: str | None = None,
) -> Claim:
    """Reopen a closed or finalised claim; appends ``claim.status_changed`` and ``claim.reopening_recorded``.

    ``kind`` says why (recurrence, aggravation, new treatment needed, a decision set aside),
    ``notified_on`` when the administrator was told, ``evidence`` what shows it. A recurrence
    or aggravation then waits for ``recurrence_determine``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        Conflict: the claim is no longer in ``expected_status``.
        ValidationFailed: naming ``kind``, ``notified_on``, ``evidence``, ``details`` or ``status``.
    """
    _require_closer(actor, claim)
    errors = ErrorCollector()
    if kind not in ReopenKind.values:
        errors.add("kind", f"must be one of {', '.join(ReopenKind.values)}")
    _date(errors, "notified_on", notified_on, claim=claim, today=claim_today(claim))
    evidence = _text(
        errors, "evidence", evidence, required="say what shows it (certificate, report, decision)", limit=1500
    )
    details = _text(errors, "details", details)
    errors.raise_if_any("The claim was not reopened.")
    claim = claim_lock(claim)
    _check_expected(claim, expected_status)
    if claim.status not in {lifecycle.CLOSED, lifecycle.FINALISED}:
        raise ValidationFailed.for_field(
            "status",
            f"the claim is {claim.get_status_display().lower()}; only a closed or finalised claim reopens",
        )
    from_status = claim.status
    claim = claim_transition(
        actor=actor,
        claim=claim,
        to_status=lifecycle.REOPENED,
        reason=f"{ReopenKind(kind).label}: {evidence}",
        expected_status=from_status,
    )
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.CLAIM_REOPENED,
        payload={
            "kind": kind,
            "from_status": from_status,
            "status_seq": claim.last_event_seq,
            "notified_on": notified_on,
            "evidence": evidence,
            "details": details,
        },
    )
    claim.refresh_from_db()
    return claim


@transaction.atomic
def recurrence_determine(
    *,
    actor: User,
    claim: Claim,
    outcome: str,
    decided_on: dt.date | None,
    reasons: str,
    further_treatment_required: bool = False,
    reopening_seq: int | None = None,
) -> ClaimEvent:
    """Record the determination of a recurrence or aggravation; appends ``recurrence.determined``.

    ``reopening_seq`` names the ``claim.reopening_recorded`` event it determines (default: the
    latest one still waiting). An accepted recurrence starts ``nsw.recurrence_decision_notice``:
    the worker and employer are told within 2 business days of ``decided_on`` (seed 004).

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``outcome``, ``decided_on``, ``reasons`` or ``reopening_seq``.
    """
    _require_closer(actor, claim)
    errors = ErrorCollector()
    if outcome not in RecurrenceOutcome.values:
        errors.add("outcome", f"must be one of {', '.join(RecurrenceOutcome.values)}")
    _date(errors, "decided_on", decided_on, claim=claim, today=claim_today(claim))
    reasons = _text(errors, "reasons", reasons, required="give the reasons for the determination")
    errors.raise_if_any("The determination was not recorded.")
    claim = claim_lock(claim)
    reopenings = claim_reopenings(claim)
    if reopening_seq is None:
        target = next((r for r in reopenings if r.needs_determination), None)
        if target is None:
            raise ValidationFailed.for_field(
                "reopening_seq", "no recurrence or aggravation reopening of this claim awaits a determination"
            )
    else:
        target = next((r for r in reopenings if r.event.seq == reopening_seq), None)
        if target is None:
            raise ValidationFailed.for_field("reopening_seq", f"this claim has no reopening #{reopening_seq}")
        if target.kind not in ReopenKind.needing_determination():
            raise ValidationFailed.for_field(
                "reopening_seq",
                f"reopening #{reopening_seq} is for {target.kind_label.lower()}, not a recurrence",
            )
        if target.determination is not None:
            raise ValidationFailed.for_field(
                "reopening_seq",
                f"reopening #{reopening_seq} was already determined (event #{target.determination.seq})",
            )
    assert decided_on is not None  # noqa: S101 - checked above
    if decided_on < target.notified_on:
        raise ValidationFailed.for_field(
            "decided_on", f"is before the recurrence was notified ({target.notified_on:%d %b %Y})"
        )
    return claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.RECURRENCE_DETERMINED,
        payload={
            "reopening_seq": target.event.seq,
            "kind": target.kind,
            "outcome": outcome,
            "decided_on": decided_on,
            "further_treatment_required": further_treatment_required,
            "reasons": reasons,
        },
    )
