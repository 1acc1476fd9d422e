"""Reads of finalisation: the closing checklist and the claim's reopenings.

The checklist is what ``services.claim_close`` runs first; each check is named (its
``key`` is the field a refusal names) and lists what keeps it from passing:

- ``status``: the lifecycle lets the claim move to closed or finalised from where it is;
- ``invoices``: no provider invoice still to review, decide or pay;
- ``reimbursements``: no wage reimbursement schedule awaiting decision or payment;
- ``obligations``: no open obligation of the administrator (statutory clocks, the
  adjuster's own diary entries, information requests): do it or waive it with a reason;
- ``reserves``: no outstanding reserve (reserve − paid) in any category and bucket;
- ``intention_to_close``: the worker, the employer and (when the claim has treating
  providers) a service provider were told of the intention to close since the claim was
  last reopened (seed 004, Finalisation: "Prior to finalisation … contact the worker,
  employer, and any relevant service providers to advise of the intention to close").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from opencomp.claims import lifecycle
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.deadlines.models import Obligation, ObligationStatus, Obligor
from opencomp.disputes.enums import CLOSED_DISPUTE, PENDING_HEARING, WITHDRAWABLE_OFFER
from opencomp.disputes.models import Dispute, Hearing, SettlementOffer
from opencomp.finalisation.enums import IntentionParty, ReopenKind
from opencomp.payments.enums_invoices import InvoiceStatus
from opencomp.payments.models_invoices import ProviderInvoice
from opencomp.payments.models_reimbursements import ReimbursementStatus, WageReimbursement
from opencomp.payments.selectors import Position, financial_summary

STATUS, INVOICES, REIMBURSEMENTS, OBLIGATIONS, RESERVES, DISPUTES, INTENTION = (
    "status",
    "invoices",
    "reimbursements",
    "obligations",
    "reserves",
    "disputes",
    "intention_to_close",
)
CHECK_KEYS = (STATUS, INVOICES, REIMBURSEMENTS, OBLIGATIONS, RESERVES, DISPUTES, INTENTION)
CLOSING_STATUSES = frozenset({lifecycle.CLOSED, lifecycle.FINALISED})
#: Invoice statuses that are finished: paid, or denied (nothing to pay).
FINISHED_INVOICE = frozenset({InvoiceStatus.PAID, InvoiceStatus.DENIED})


@dataclass(frozen=True)
class CheckItem:
    """One thing holding a check back; ``ref`` is the invoice, schedule or obligation it is about."""

    text: str
    ref: int | str | None = None


@dataclass(frozen=True)
class ClosureCheck:
    key: str
    label: str
    passed: bool
    detail: str
    items: tuple[CheckItem, ...] = ()

    @property
    def refusal(self) -> str:
        """The check's failure as one sentence naming what blocks it."""
        listed = "; ".join(i.text for i in self.items[:10])
        more = f" (and {len(self.items) - 10} more)" if len(self.items) > 10 else ""
        return f"{self.detail}{': ' + listed + more if listed else ''}"


@dataclass(frozen=True)
class ClosureChecklist:
    claim_number: str
    checks: tuple[ClosureCheck, ...]
    outstanding: tuple[Position, ...] = field(default=())

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def failing(self, *, ignore: frozenset[str] = frozenset()) -> list[ClosureCheck]:
        return [c for c in self.checks if not c.passed and c.key not in ignore]

    def check(self, key: str) -> ClosureCheck:
        return next(c for c in self.checks if c.key == key)


def _status_check(claim: Claim) -> ClosureCheck:
    allowed = sorted(lifecycle.allowed_transitions(claim.status) & CLOSING_STATUSES)
    label = "The claim's status lets it close"
    if allowed:
        return ClosureCheck(
            STATUS, label, True, f"A {claim.get_status_display().lower()} claim may be {' or '.join(allowed)}"
        )
    return ClosureCheck(
        STATUS,
        label,
        False,
        f"a {claim.get_status_display().lower()} claim cannot be closed or finalised; "
        f"allowed from here: {', '.join(sorted(lifecycle.allowed_transitions(claim.status))) or 'none'}",
    )


def _invoices_check(claim: Claim) -> ClosureCheck:
    open_invoices = ProviderInvoice.objects.filter(claim=claim).exclude(status__in=sorted(FINISHED_INVOICE))
    items = tuple(
        CheckItem(
            f"invoice {i.invoice_number} from {i.provider_name}, received {i.received_on:%d %b %Y}: "
            f"{i.get_status_display().lower()}",
            i.pk,
        )
        for i in open_invoices.order_by("received_on", "pk")
    )
    label = "No open provider invoices"
    if items:
        return ClosureCheck(
            INVOICES, label, False, f"{len(items)} provider invoice(s) still to decide or pay", items
        )
    return ClosureCheck(INVOICES, label, True, "Every provider invoice is paid or denied")


def _reimbursements_check(claim: Claim) -> ClosureCheck:
    waiting = WageReimbursement.objects.filter(claim=claim, status__in=ReimbursementStatus.open_values())
    items = tuple(
        CheckItem(
            f"schedule {w.period_from:%d %b %Y}–{w.period_to:%d %b %Y}, received {w.received_on:%d %b %Y}: "
            f"{w.get_status_display().lower()}",
            w.pk,
        )
        for w in waiting.order_by("received_on", "pk")
    )
    label = "No wage reimbursements awaiting decision or payment"
    if items:
        return ClosureCheck(
            REIMBURSEMENTS,
            label,
            False,
            f"{len(items)} wage reimbursement schedule(s) awaiting decision or payment",
            items,
        )
    return ClosureCheck(
        REIMBURSEMENTS, label, True, "Every wage reimbursement schedule is reimbursed or rejected"
    )


def _obligations_check(claim: Claim) -> ClosureCheck:
    rows = Obligation.objects.filter(
        claim=claim, status=ObligationStatus.OPEN, obligor=Obligor.ADMINISTRATOR
    ).order_by("due_at", "key")
    items = tuple(CheckItem(f"{o.title}, due {o.due_date:%d %b %Y}", o.key) for o in rows)
    label = "No open diary items or obligations"
    if items:
        return ClosureCheck(
            OBLIGATIONS,
            label,
            False,
            f"{len(items)} open obligation(s) or diary entr(ies); do each or waive it with a reason",
            items,
        )
    return ClosureCheck(OBLIGATIONS, label, True, "Nothing open in the claim's diary")


def outstanding_reserves(claim: Claim) -> tuple[Position, ...]:
    """The categories and buckets whose reserve is not all paid (outstanding ≠ 0)."""
    return tuple(p for p in financial_summary(claim=claim).positions if p.outstanding != Decimal("0"))


def _reserves_check(claim: Claim, outstanding: tuple[Position, ...]) -> ClosureCheck:
    items = tuple(
        CheckItem(
            f"{p.category} ({p.bucket}): {p.outstanding:,.2f} outstanding of a {p.reserve:,.2f} reserve"
        )
        for p in outstanding
    )
    label = "No outstanding reserves"
    if items:
        return ClosureCheck(
            RESERVES,
            label,
            False,
            "reserves are still outstanding; release them (set each to what was paid) or close with "
            "“release remaining reserves”",
            items,
        )
    return ClosureCheck(RESERVES, label, True, "Every reserve is paid out or released")


def last_reopening_seq(claim: Claim) -> int:
    """The seq of the claim's latest move to reopened (0 if it never reopened)."""
    seq = (
        ClaimEvent.objects.filter(
            claim=claim, kind=EventKind.STATUS_CHANGED, payload__to_status=lifecycle.REOPENED
        )
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
    )
    return seq or 0


def intention_events(claim: Claim) -> list[ClaimEvent]:
    """The intention-to-close contacts that count: those since the claim was last reopened."""
    return list(
        ClaimEvent.objects.filter(
            claim=claim, kind=EventKind.CLOSURE_INTENTION_ADVISED, seq__gt=last_reopening_seq(claim)
        ).order_by("seq")
    )


def intention_parties_needed(claim: Claim) -> list[str]:
    """Worker and employer always; a service provider when the claim has one on it."""
    needed = [IntentionParty.WORKER.value, IntentionParty.EMPLOYER.value]
    if claim.participants.filter(provider__isnull=False).exists():
        needed.append(IntentionParty.PROVIDER.value)
    return needed


def _intention_check(claim: Claim) -> ClosureCheck:
    told = {e.payload["party"] for e in intention_events(claim)}
    missing = [p for p in intention_parties_needed(claim) if p not in told]
    label = "Worker, employer and service providers told of the intention to close"
    if missing:
        items = tuple(CheckItem(f"{IntentionParty(p).label.lower()} not yet told", p) for p in missing)
        return ClosureCheck(
            INTENTION,
            label,
            False,
            "record the contact advising each party of the intention to close the claim",
            items,
        )
    return ClosureCheck(INTENTION, label, True, "Every party was told of the intention to close")


def _disputes_check(claim: Claim) -> ClosureCheck:
    """Nothing in dispute is left running: disputes, hearings to come, settlement offers not answered."""
    items = [
        CheckItem(
            f"{d.get_kind_display().lower()} dispute raised {d.raised_on:%d %b %Y}: "
            f"{d.get_status_display().lower()}",
            f"dispute-{d.pk}",
        )
        for d in Dispute.objects.filter(claim=claim).exclude(status__in=sorted(CLOSED_DISPUTE)).order_by("pk")
    ]
    items += [
        CheckItem(f"hearing on {h.starts_at:%d %b %Y}: {h.get_status_display().lower()}", f"hearing-{h.pk}")
        for h in Hearing.objects.filter(claim=claim, status__in=sorted(PENDING_HEARING)).order_by("pk")
    ]
    items += [
        CheckItem(f"settlement offer of ${o.amount:,.2f}: {o.get_status_display().lower()}", f"offer-{o.pk}")
        for o in SettlementOffer.objects.filter(claim=claim, status__in=sorted(WITHDRAWABLE_OFFER)).order_by(
            "pk"
        )
    ]
    label = "No dispute, hearing or settlement offer still open"
    if items:
        return ClosureCheck(
            DISPUTES,
            label,
            False,
            f"{len(items)} dispute(s), hearing(s) or offer(s) still open",
            tuple(items),
        )
    return ClosureCheck(
        DISPUTES, label, True, "Every dispute is resolved or withdrawn; no hearing or offer pending"
    )


def closure_checklist(claim: Claim) -> ClosureChecklist:
    """Every closing check of ``claim`` with its state (read under the claim's lock when closing)."""
    outstanding = outstanding_reserves(claim)
    checks = (
        _status_check(claim),
        _invoices_check(claim),
        _reimbursements_check(claim),
        _obligations_check(claim),
        _reserves_check(claim, outstanding),
        _disputes_check(claim),
        _intention_check(claim),
    )
    return ClosureChecklist(claim.number, checks, outstanding)


@dataclass(frozen=True)
class Reopening:
    """One reopening of the claim and, for a recurrence or aggravation, its determination."""

    event: ClaimEvent
    determination: ClaimEvent | None

    @property
    def kind(self) -> str:
        return str(self.event.payload["kind"])

    @property
    def kind_label(self) -> str:
        return ReopenKind(self.kind).label

    @property
    def notified_on(self) -> dt.date:
        return dt.date.fromisoformat(self.event.payload["notified_on"])

    @property
    def needs_determination(self) -> bool:
        return self.kind in ReopenKind.needing_determination() and self.determination is None


def claim_reopenings(claim: Claim) -> list[Reopening]:
    """The claim's reopenings, newest first, each with its recurrence determination if any."""
    events = list(ClaimEvent.objects.filter(claim=claim, kind=EventKind.CLAIM_REOPENED).order_by("-seq"))
    determinations = {
        e.payload["reopening_seq"]: e
        for e in ClaimEvent.objects.filter(claim=claim, kind=EventKind.RECURRENCE_DETERMINED)
    }
    return [Reopening(e, determinations.get(e.seq)) for e in events]


def pending_determination(claim: Claim) -> Reopening | None:
    """The latest recurrence or aggravation reopening still awaiting its determination."""
    return next((r for r in claim_reopenings(claim) if r.needs_determination), None)


def claim_closures(claim: Claim) -> list[ClaimEvent]:
    """The claim's finalisation records, newest first."""
    return list(ClaimEvent.objects.filter(claim=claim, kind=EventKind.CLAIM_FINALISED).order_by("-seq"))
