"""Writes of the deadlines context: keeping obligations current, the diary, waivers, escalation.

The obligations table follows the claim's event log. ``obligations_on_event`` runs
inside the transaction of every claim event (registered in ``apps.py``) and rewrites
the claim's rows when the event can change them. People act on obligations only
through events: waiving one, adding a diary entry or a request for information, and
the escalation sweep each append an event to the claim's log.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import transaction

from opencomp.accounts.access import is_admin
from opencomp.accounts.enums import EmployerPolicy, Role
from opencomp.accounts.models import Notification, NotificationChannel, Organisation, User
from opencomp.claims.access import require, user_can_work_claim
from opencomp.claims.enums import ActivityParty, EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_record, claim_events_append_bulk
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector, ValidationFailed
from opencomp.core.services import audit_record
from opencomp.deadlines import engine
from opencomp.deadlines.models import Obligation, ObligationStatus, Obligor
from opencomp.deadlines.packs import pack, relevant_kinds

#: Obligation columns the engine decides (everything but identity and ``computed_at``).
ENGINE_FIELDS = (
    "rule_id",
    "title",
    "obligor",
    "citation",
    "source_url",
    "status",
    "trigger_seq",
    "instance",
    "anchor_at",
    "raw_due",
    "due_date",
    "due_at",
    "satisfied_seq",
    "satisfied_at",
    "closed_seq",
    "waiver_reason",
    "escalated_seq",
    "explanation",
    "rules_version",
    "calendar_version",
)


def claim_facts(claim: Claim, *, employer_policies: Sequence[str] | None = None) -> engine.ClaimFacts:
    """The claim's current facts as the engine reads them."""
    policies = employer_policies if employer_policies is not None else claim.employer.policies
    return engine.ClaimFacts(
        jurisdiction=claim.jurisdiction,
        claim_type=claim.claim_type,
        significant_injury=claim.significant_injury,
        status=claim.status,
        injury_date=claim.injury_date,
        injury_time=claim.injury_time,
        employer_knowledge_date=claim.employer_knowledge_date,
        notification_date=claim.notification_date,
        fatal=claim.fatal,
        employer_policies=tuple(policies or ()),
    )


def claim_event_records(claim: Claim) -> list[engine.EventRecord]:
    rows = (
        ClaimEvent.objects.filter(claim=claim)
        .order_by("seq")
        .values_list("seq", "kind", "occurred_at", "payload")
    )
    return [
        engine.EventRecord(seq, kind, occurred_at, payload or {}) for seq, kind, occurred_at, payload in rows
    ]


def obligations_compute(claim: Claim) -> list[engine.Obligation]:
    """Run the engine for one claim from its log (no writes)."""
    return engine.obligations(claim_facts(claim), claim_event_records(claim), pack(claim.jurisdiction))


def obligation_row(claim_id: int, o: engine.Obligation, now: dt.datetime) -> Obligation:
    """The table row for an engine obligation."""
    return Obligation(
        claim_id=claim_id,
        key=o.key,
        rule_id=o.rule_id,
        title=o.title,
        obligor=o.obligor,
        citation=o.citation[:400],
        source_url=o.source_url[:400],
        status=o.status,
        trigger_seq=o.trigger_seq,
        instance=o.instance,
        anchor_at=o.anchor,
        raw_due=o.raw_due,
        due_date=o.due_date,
        due_at=o.due_at,
        satisfied_seq=o.satisfied_seq,
        satisfied_at=o.satisfied_at,
        closed_seq=o.closed_seq,
        waiver_reason=o.waiver_reason,
        escalated_seq=o.escalated_seq,
        explanation=list(o.explanation),
        rules_version=o.rules_version,
        calendar_version=o.calendar_version,
        computed_at=now,
    )


def _same(row: Obligation, new: Obligation) -> bool:
    return all(getattr(row, f) == getattr(new, f) for f in ENGINE_FIELDS)


def obligations_refresh(claim: Claim) -> list[Obligation]:
    """Recompute the claim's obligations and write the differences (call inside the claim's lock)."""
    now = clock.now()
    computed = {o.key: obligation_row(claim.pk, o, now) for o in obligations_compute(claim)}
    existing = {row.key: row for row in Obligation.objects.filter(claim=claim)}
    stale = [row.pk for key, row in existing.items() if key not in computed]
    if stale:
        Obligation.objects.filter(pk__in=stale).delete()
    new, changed = [], []
    for key, row in computed.items():
        old = existing.get(key)
        if old is None:
            new.append(row)
        elif not _same(old, row):
            row.pk = old.pk
            changed.append(row)
    if new:
        Obligation.objects.bulk_create(new)
    if changed:
        Obligation.objects.bulk_update(changed, [*ENGINE_FIELDS, "computed_at"])
    return list(computed.values())


def obligations_on_event(claim: Claim, event: ClaimEvent) -> None:
    """Claims hook: keep the obligations current in the transaction that appended ``event``.

    A new claim's first event is the whole log and there are no rows yet, so it is
    one insert; other events recompute the claim only if some rule reads their kind.
    """
    if event.kind not in relevant_kinds(claim.jurisdiction):
        return
    if event.seq == 1:
        record = engine.EventRecord(event.seq, event.kind, event.occurred_at, event.payload)
        computed = engine.obligations(claim_facts(claim), [record], pack(claim.jurisdiction))
        now = clock.now()
        Obligation.objects.bulk_create([obligation_row(claim.pk, o, now) for o in computed])
        return
    obligations_refresh(claim)


# --- people acting on obligations -------------------------------------------------------


def _require_worker_of(actor: User, claim: Claim) -> None:
    require(user_can_work_claim(actor, claim), "Only the claim's administrator may work its diary.")


def _lock_claim(claim: Claim) -> None:
    """Hold the claim's row lock, so the obligation's status read next cannot change under us."""
    list(Claim.objects.select_for_update().filter(pk=claim.pk).values_list("pk", flat=True))


def _current_status(obligation: Obligation) -> str | None:
    """The status now, not as the caller read it; ``None`` once the pack no longer gives it.

    Found by its key, which a full recompute keeps (it gives the rows new ids).
    """
    rows = Obligation.objects.filter(claim_id=obligation.claim_id, key=obligation.key)
    return rows.values_list("status", flat=True).first()


@transaction.atomic
def obligation_waive(*, actor: User, obligation: Obligation, reason: str) -> Obligation:
    """Excuse an open obligation, with the reason, as an ``obligation.waived`` event.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: no reason, or the obligation is no longer open.
    """
    claim = obligation.claim
    _require_worker_of(actor, claim)
    reason = (reason or "").strip()
    errors = ErrorCollector()
    if not reason:
        errors.add("reason", "say why this obligation is waived")
    _lock_claim(claim)
    current = _current_status(obligation)
    if current is None:
        errors.add("obligation", "no longer applies to this claim (its obligations were recomputed); reload")
    elif current != ObligationStatus.OPEN:
        errors.add("obligation", f"is already {ObligationStatus(current).label.lower()}")
    errors.raise_if_any("The obligation was not waived.")
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.OBLIGATION_WAIVED,
        payload={
            "key": obligation.key,
            "rule_id": obligation.rule_id,
            "title": obligation.title,
            "reason": reason,
        },
    )
    return Obligation.objects.get(claim=claim, key=obligation.key)


def _check_due_on(errors: ErrorCollector, due_on: dt.date | None, *, today: dt.date) -> None:
    if due_on is None:
        errors.add("due_on", "give the date it is due")
    elif due_on < today:
        errors.add("due_on", "is in the past")
    elif due_on > today + dt.timedelta(days=3 * 366):
        errors.add("due_on", "is more than three years away")


@transaction.atomic
def diary_entry_add(
    *, actor: User, claim: Claim, title: str, due_on: dt.date | None, details: str = ""
) -> ClaimEvent:
    """A follow-up the adjuster sets themselves; it becomes an obligation due on ``due_on``."""
    _require_worker_of(actor, claim)
    errors = ErrorCollector()
    if not (title or "").strip():
        errors.add("title", "say what needs doing")
    _check_due_on(errors, due_on, today=claim_today(claim))
    errors.raise_if_any("The diary entry was not added.")
    return claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.DIARY_ENTRY_ADDED,
        payload={"title": title.strip(), "due_on": due_on, "details": details.strip()},
    )


@transaction.atomic
def info_request_add(
    *,
    actor: User,
    claim: Claim,
    party: str,
    what: str,
    due_on: dt.date | None,
    party_name: str = "",
) -> ClaimEvent:
    """Ask a party for missing information; following it up becomes an obligation due on ``due_on``."""
    _require_worker_of(actor, claim)
    errors = ErrorCollector()
    if party not in ActivityParty.values:
        errors.add("party", f"must be one of {', '.join(ActivityParty.values)}")
    if not (what or "").strip():
        errors.add("what", "say what information is missing")
    _check_due_on(errors, due_on, today=claim_today(claim))
    errors.raise_if_any("The request for information was not recorded.")
    return claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.INFO_REQUESTED,
        payload={"party": party, "party_name": party_name.strip(), "what": what.strip(), "due_on": due_on},
    )


_COMPLETIONS = {
    engine.DIARY_RULE: (EventKind.DIARY_ENTRY_COMPLETED, "entry_seq"),
    engine.INFO_RULE: (EventKind.INFO_RECEIVED, "request_seq"),
}


@transaction.atomic
def obligation_complete(*, actor: User, obligation: Obligation, note: str = "") -> Obligation:
    """Mark a diary entry done or a requested piece of information received.

    Statutory obligations are done by recording what satisfies them (the contact,
    the decision, the notice), never by ticking them off.
    """
    claim = obligation.claim
    _require_worker_of(actor, claim)
    completion = _COMPLETIONS.get(obligation.rule_id)
    if completion is None:
        raise ValidationFailed.for_field(
            "obligation", "is done by recording what satisfies it (see its rule), not by marking it done"
        )
    _lock_claim(claim)
    current = _current_status(obligation)
    if current is None:
        raise ValidationFailed.for_field(
            "obligation", "no longer applies to this claim (its obligations were recomputed); reload"
        )
    if current != ObligationStatus.OPEN:
        raise ValidationFailed.for_field(
            "obligation", f"is already {ObligationStatus(current).label.lower()}"
        )
    kind, ref = completion
    claim_event_record(
        actor=actor, claim=claim, kind=kind, payload={ref: obligation.trigger_seq, "note": note.strip()}
    )
    return Obligation.objects.get(claim=claim, key=obligation.key)


# --- escalation -------------------------------------------------------------------------


def _supervisors_by_org(org_ids: Iterable[int]) -> dict[int, list[User]]:
    out: dict[int, list[User]] = defaultdict(list)
    users = User.objects.filter(organisation_id__in=set(org_ids), role=Role.SUPERVISOR, is_active=True)
    for user in users.order_by("pk"):
        assert user.organisation_id is not None  # noqa: S101 - filtered above
        out[user.organisation_id].append(user)
    return out


def _overdue_unescalated(now: dt.datetime) -> Any:
    return Obligation.objects.filter(
        status=ObligationStatus.OPEN,
        obligor=Obligor.ADMINISTRATOR,
        escalated_seq__isnull=True,
        due_at__lt=now,
    )


def escalations_run(
    *, now: dt.datetime | None = None, batch_size: int = 500, progress: Callable[[int], None] | None = None
) -> int:
    """Escalate every overdue administrator obligation not yet escalated; return how many.

    Each escalation is an ``obligation.escalated`` event on the claim and an in-app
    notice to each supervisor of the claim's administrator. Work goes in batches of
    claims, each batch one transaction that locks its claims, re-reads what is still
    overdue and unescalated under the lock, appends the events in bulk and marks the
    rows, so a second sweep (or two at once) escalates nothing twice.
    """
    now = now or clock.now()
    total = 0
    last_claim = 0
    while True:
        claim_ids = list(
            _overdue_unescalated(now)
            .filter(claim_id__gt=last_claim)
            .order_by("claim_id")
            .values_list("claim_id", flat=True)
            .distinct()[:batch_size]
        )
        if not claim_ids:
            return total
        last_claim = claim_ids[-1]
        total += _escalate_batch(claim_ids, now)
        if progress:
            progress(total)


@transaction.atomic
def _escalate_batch(claim_ids: list[int], now: dt.datetime) -> int:
    claims = {
        c.pk: c
        for c in Claim.objects.select_for_update(of=("self",))
        .filter(pk__in=claim_ids)
        .order_by("pk")
        .only("pk", "number", "administrator_id", "assigned_adjuster_id", "last_event_seq", "updated_at")
    }
    rows = list(_overdue_unescalated(now).filter(claim_id__in=claims).order_by("claim_id", "due_at", "key"))
    if not rows:
        return 0
    supervisors = _supervisors_by_org(c.administrator_id for c in claims.values())
    entries: list[tuple[Claim, str, dict[str, Any]]] = []
    for row in rows:
        claim = claims[row.claim_id]
        sups = supervisors.get(claim.administrator_id, [])
        entries.append(
            (
                claim,
                EventKind.OBLIGATION_ESCALATED,
                {
                    "key": row.key,
                    "rule_id": row.rule_id,
                    "title": row.title,
                    "due_date": row.due_date,
                    "adjuster_id": claim.assigned_adjuster_id,
                    "supervisor_ids": [s.pk for s in sups],
                },
            )
        )
    events = claim_events_append_bulk(entries=entries, occurred_at=now)
    notices: list[Notification] = []
    for row, event in zip(rows, events, strict=True):
        row.escalated_seq = event.seq
        row.explanation = [*row.explanation, f"Escalated to the supervisor by event #{event.seq}"]
        row.computed_at = now
        claim = claims[row.claim_id]
        notices.extend(
            Notification(
                created_at=now,
                channel=NotificationChannel.PORTAL,
                recipient=sup,
                recipient_name=sup.get_full_name() or sup.username,
                subject=f"Overdue on {claim.number}: {row.title}",
                body=(
                    f"{row.title} on claim {claim.number} was due {row.due_date:%d %b %Y} "
                    f"({row.citation}) and is not done."
                ),
                claim_number=claim.number,
            )
            for sup in supervisors.get(claim.administrator_id, [])
        )
    Obligation.objects.bulk_update(rows, ["escalated_seq", "explanation", "computed_at"])
    Notification.objects.bulk_create(notices)
    return len(rows)


# --- employer policies ------------------------------------------------------------------


@transaction.atomic
def employer_policies_set(
    *, actor: User | None, employer: Organisation, policies: Sequence[str]
) -> Organisation:
    """Set the employer's own programs with clocks, and recompute its claims' obligations.

    The system administrator or the employer's own WC / RTW coordinator may do it
    (``actor=None`` is an operator at the command line). The change is audited.

    Raises:
        PermissionDenied: anyone else.
        ValidationFailed: ``organisation`` not an employer, ``policies`` naming unknown programs.
    """
    if actor is not None:
        own = actor.role == Role.EMPLOYER_COORDINATOR and actor.organisation_id == employer.pk
        require(
            is_admin(actor) or own,
            "Only the employer's coordinator or an administrator may set its policies.",
        )
    errors = ErrorCollector()
    if not employer.is_employer:
        errors.add("organisation", f"{employer.name} is not an employer")
    unknown = sorted(set(policies) - set(EmployerPolicy.values))
    if unknown:
        errors.add("policies", f"unknown: {', '.join(unknown)}; known: {', '.join(EmployerPolicy.values)}")
    errors.raise_if_any("The employer's policies were not changed.")
    new = sorted(set(policies))
    old = list(employer.policies or [])
    if new == sorted(old):
        return employer
    employer.policies = new
    employer.save(update_fields=["policies"])
    audit_record(actor=actor, action="organisation.policies_set", obj=employer, data={"from": old, "to": new})
    from opencomp.deadlines.batch import recompute  # batch imports this module

    recompute(employer_id=employer.pk)
    return employer
