"""Hearings and conferences of a claim, and the orders they leave to carry out.

A hearing is set before one of the claim's jurisdiction's forums (``enums.FORUMS``: only the
names the seeds and ``statutes.md`` give, or ``other`` with its name), at a time and place
(or link), with the attorneys and representatives of each side. It is scheduled, adjourned to
a new date (any number of times), held or cancelled. When it is held, its outcome and each
order to carry out (what, by when) are recorded; each order is a ``hearing.order_recorded``
event, which the common rule ``diary.hearing_order`` turns into an obligation due on the
order's date, satisfied by the ``hearing.order_complied`` event that names it.

Every service checks the actor, then the input (each problem naming its field), then locks
the claim and the hearing and checks the state; a refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from django.db import transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import Conflict, ErrorCollector, ValidationFailed
from opencomp.disputes.access import user_can_manage_disputes
from opencomp.disputes.common import local_date, past_date, text
from opencomp.disputes.enums import (
    CLOSED_DISPUTE,
    OTHER_FORUM,
    PENDING_HEARING,
    Forum,
    HearingStatus,
    RepresentativeSide,
    forum,
    forums_for,
)
from opencomp.disputes.models import Dispute, Hearing, HearingOrder, HearingRepresentative

NOT_STAFF = "Only the claim's administrator records its hearings."
MAX_REPRESENTATIVES = 20
MAX_ORDERS = 20


@dataclass(frozen=True)
class RepresentativeInput:
    """An attorney or representative at the hearing: name, firm (optional), and for which side."""

    name: str
    side: str
    firm: str = ""


@dataclass(frozen=True)
class OrderInput:
    """An order the hearing made: what must be done, and by when."""

    description: str
    due_on: dt.date | None


def _require_manages(actor: User, claim: Claim) -> None:
    require(user_can_manage_disputes(actor, claim), NOT_STAFF)


def _when(errors: ErrorCollector, field: str, value: dt.datetime | None, claim: Claim) -> None:
    if value is None:
        errors.add(field, "give the date and time")
    elif value.tzinfo is None:
        errors.add(field, "give the time with its time zone offset")
    elif local_date(claim, value) < claim.injury_date:
        errors.add(field, "is before the injury date")


def _representatives(
    errors: ErrorCollector, given: Sequence[RepresentativeInput]
) -> list[RepresentativeInput]:
    if len(given) > MAX_REPRESENTATIVES:
        errors.add("representatives", f"list at most {MAX_REPRESENTATIVES}")
        return []
    cleaned = []
    for i, rep in enumerate(given):
        name = text(errors, f"representatives.{i}.name", rep.name, limit=200, required="give the name")
        firm = text(errors, f"representatives.{i}.firm", rep.firm, limit=200)
        if rep.side not in RepresentativeSide.values:
            errors.add(f"representatives.{i}.side", f"choose one of: {', '.join(RepresentativeSide.values)}")
        cleaned.append(RepresentativeInput(name=name, side=rep.side, firm=firm))
    return cleaned


@transaction.atomic
def hearing_schedule(
    *,
    actor: User,
    claim: Claim,
    forum_code: str,
    starts_at: dt.datetime | None,
    location: str,
    forum_name: str = "",
    representatives: Sequence[RepresentativeInput] = (),
    dispute: Dispute | None = None,
) -> Hearing:
    """Set a hearing or conference of the claim; appends ``hearing.scheduled``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``forum`` (not one of the jurisdiction's), ``forum_name``
            (missing for ``other``), ``starts_at``, ``location``, ``representatives.<i>.<field>``
            or ``dispute`` (of another claim, or closed); nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    chosen = forum(forum_code)
    if chosen is None or chosen not in forums_for(claim.jurisdiction):
        codes = ", ".join(f.code for f in forums_for(claim.jurisdiction))
        errors.add("forum", f"a {claim.jurisdiction} claim is heard in one of: {codes}")
    elif chosen.code == OTHER_FORUM:
        forum_name = text(errors, "forum_name", forum_name, limit=200, required="name the forum")
    else:
        forum_name = chosen.label
    _when(errors, "starts_at", starts_at, claim)
    location = text(errors, "location", location, limit=300, required="give the place, or the link")
    reps = _representatives(errors, representatives)
    if dispute is not None and (dispute.claim_id != claim.pk or dispute.status in CLOSED_DISPUTE):
        errors.add("dispute", "must be a dispute of this claim that is not closed")
    errors.raise_if_any("The hearing was not scheduled.")
    chosen, starts_at = cast(Forum, chosen), cast(dt.datetime, starts_at)  # no errors: both given
    claim = claim_lock(claim)
    now = clock.now()
    hearing = Hearing.objects.create(
        claim=claim,
        dispute=dispute,
        forum=chosen.code,
        forum_name=forum_name,
        starts_at=starts_at,
        location=location,
        scheduled_seq=claim.last_event_seq + 1,  # the event appended next; checked below
        recorded_by=actor,
        updated_at=now,
    )
    HearingRepresentative.objects.bulk_create(
        HearingRepresentative(hearing=hearing, name=r.name, firm=r.firm, side=r.side) for r in reps
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.HEARING_SCHEDULED,
        payload={
            "hearing_id": hearing.pk,
            "forum": chosen.code,
            "forum_name": forum_name,
            "starts_at": starts_at,
            "location": location,
            "dispute_id": dispute.pk if dispute else None,
            "representatives": [{"name": r.name, "firm": r.firm, "side": r.side} for r in reps],
        },
    )
    if event.seq != hearing.scheduled_seq:
        hearing.scheduled_seq = event.seq
        hearing.save(update_fields=["scheduled_seq"])
    return hearing


def _locked(hearing: Hearing) -> tuple[Claim, Hearing]:
    claim = claim_lock(hearing.claim)
    return claim, Hearing.objects.select_for_update().get(pk=hearing.pk)


def _require_pending(hearing: Hearing, doing: str) -> None:
    if hearing.status == HearingStatus.HELD:
        raise Conflict.for_field("status", f"the hearing was already held; it cannot be {doing}")
    if hearing.status not in PENDING_HEARING:
        raise ValidationFailed.for_field(
            "status", f"the hearing is {hearing.get_status_display().lower()}; it cannot be {doing}"
        )


@transaction.atomic
def hearing_adjourn(
    *, actor: User, hearing: Hearing, to_starts_at: dt.datetime | None, reason: str
) -> Hearing:
    """The hearing was adjourned to ``to_starts_at``; appends ``hearing.adjourned``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``to_starts_at`` (not after the date it was set for), ``reason``
            or ``status`` (cancelled).
        Conflict: the hearing was already held.
    """
    _require_manages(actor, hearing.claim)
    errors = ErrorCollector()
    _when(errors, "to_starts_at", to_starts_at, hearing.claim)
    reason = text(errors, "reason", reason, limit=2000, required="say why it was adjourned")
    errors.raise_if_any("The adjournment was not recorded.")
    to_starts_at = cast(dt.datetime, to_starts_at)  # no errors: given
    claim, hearing = _locked(hearing)
    _require_pending(hearing, "adjourned")
    if to_starts_at <= hearing.starts_at:
        raise ValidationFailed.for_field(
            "to_starts_at", f"must be after the time it was set for ({hearing.starts_at.isoformat()})"
        )
    before = hearing.starts_at
    hearing.status = HearingStatus.ADJOURNED
    hearing.starts_at = to_starts_at
    hearing.updated_at = clock.now()
    hearing.save(update_fields=["status", "starts_at", "updated_at"])
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.HEARING_ADJOURNED,
        payload={
            "hearing_id": hearing.pk,
            "scheduled_seq": hearing.scheduled_seq,
            "from_starts_at": before,
            "to_starts_at": to_starts_at,
            "reason": reason,
        },
    )
    return hearing


@transaction.atomic
def hearing_cancel(*, actor: User, hearing: Hearing, reason: str) -> Hearing:
    """The hearing will not take place; appends ``hearing.cancelled``.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``reason`` or ``status`` (already cancelled).
        Conflict: the hearing was already held.
    """
    _require_manages(actor, hearing.claim)
    errors = ErrorCollector()
    reason = text(errors, "reason", reason, limit=2000, required="say why it was cancelled")
    errors.raise_if_any("The cancellation was not recorded.")
    claim, hearing = _locked(hearing)
    _require_pending(hearing, "cancelled")
    hearing.status = HearingStatus.CANCELLED
    hearing.cancel_reason = reason
    hearing.updated_at = clock.now()
    hearing.save(update_fields=["status", "cancel_reason", "updated_at"])
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.HEARING_CANCELLED,
        payload={"hearing_id": hearing.pk, "scheduled_seq": hearing.scheduled_seq, "reason": reason},
    )
    return hearing


@transaction.atomic
def hearing_outcome_record(
    *, actor: User, hearing: Hearing, outcome: str, orders: Sequence[OrderInput] = ()
) -> Hearing:
    """The hearing was held: its outcome and the orders to carry out; appends ``hearing.held`` and
    one ``hearing.order_recorded`` per order (each an obligation in the diary, due on its date).

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``outcome`` (missing, or the hearing has not yet taken place),
            ``orders.<i>.description``, ``orders.<i>.due_on`` (before the hearing) or ``status``.
        Conflict: the hearing's outcome was already recorded.
    """
    _require_manages(actor, hearing.claim)
    errors = ErrorCollector()
    outcome = text(errors, "outcome", outcome, limit=4000, required="say what the hearing decided")
    if len(orders) > MAX_ORDERS:
        errors.add("orders", f"record at most {MAX_ORDERS} orders at once")
    cleaned: list[tuple[str, dt.date]] = []
    for i, order in enumerate(orders[:MAX_ORDERS]):
        description = text(
            errors, f"orders.{i}.description", order.description, limit=200, required="say what must be done"
        )
        if order.due_on is None:
            errors.add(f"orders.{i}.due_on", "give the date it must be done by")
        else:
            cleaned.append((description, order.due_on))
    errors.raise_if_any("The hearing's outcome was not recorded.")
    claim, hearing = _locked(hearing)
    _require_pending(hearing, "recorded as held")
    if hearing.starts_at > clock.now():
        raise ValidationFailed.for_field(
            "outcome", f"the hearing is set for {hearing.starts_at.isoformat()}; record its outcome once held"
        )
    held_on = local_date(claim, hearing.starts_at)
    errors = ErrorCollector()
    for i, (_description, due_on) in enumerate(cleaned):
        if due_on < held_on:
            errors.add(f"orders.{i}.due_on", f"is before the hearing ({held_on.isoformat()})")
    errors.raise_if_any("The hearing's outcome was not recorded.")
    hearing.status = HearingStatus.HELD
    hearing.outcome = outcome
    hearing.updated_at = clock.now()
    hearing.save(update_fields=["status", "outcome", "updated_at"])
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.HEARING_HELD,
        payload={
            "hearing_id": hearing.pk,
            "scheduled_seq": hearing.scheduled_seq,
            "outcome": outcome,
            "order_count": len(cleaned),
        },
    )
    for description, due_on in cleaned:
        row = HearingOrder.objects.create(
            hearing=hearing,
            claim=claim,
            description=description,
            due_on=due_on,
            recorded_seq=event.seq + 1,  # the event appended next; checked below
        )
        event = claim_event_record(
            actor=actor,
            claim=claim,
            kind=EventKind.HEARING_ORDER_RECORDED,
            payload={
                "hearing_id": hearing.pk,
                "order_id": row.pk,
                "description": description,
                "due_on": due_on,
            },
        )
        if event.seq != row.recorded_seq:
            row.recorded_seq = event.seq
            row.save(update_fields=["recorded_seq"])
    return hearing


@transaction.atomic
def hearing_order_comply(
    *, actor: User, order: HearingOrder, complied_on: dt.date | None, note: str = ""
) -> HearingOrder:
    """The order was carried out on ``complied_on``; appends ``hearing.order_complied`` (which
    satisfies its diary obligation: on time if ``complied_on`` is not after the due date).

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``complied_on`` (in the future, before the hearing) or ``note``.
        Conflict: the order was already recorded as carried out.
    """
    _require_manages(actor, order.claim)
    errors = ErrorCollector()
    hearing = order.hearing
    past_date(
        errors, "complied_on", complied_on, order.claim, not_before=local_date(order.claim, hearing.starts_at)
    )
    note = text(errors, "note", note, limit=2000)
    errors.raise_if_any("The order was not recorded as carried out.")
    claim = claim_lock(order.claim)
    order = HearingOrder.objects.select_for_update().get(pk=order.pk)
    if order.complied_seq is not None:
        raise Conflict.for_field("complied_on", f"the order was already carried out on {order.complied_on}")
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.HEARING_ORDER_COMPLIED,
        payload={
            "hearing_id": order.hearing_id,
            "order_id": order.pk,
            "order_seq": order.recorded_seq,
            "complied_on": complied_on,
            "note": note,
        },
    )
    order.complied_on = complied_on
    order.complied_seq = event.seq
    order.compliance_note = note
    order.save(update_fields=["complied_on", "complied_seq", "compliance_note"])
    return order
