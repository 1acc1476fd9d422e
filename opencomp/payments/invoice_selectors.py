"""Reads of provider invoices: a claim's invoices, the approved treatment, the book-wide register.

Invoices are part of a claim's money: whoever may see the claim's financials sees its
invoices (``payments.access``); their lines are medical detail, for those who may read
the claim's medical events. The register is one query for the page and one for the
count, whatever the page size: each invoice's payment deadline is read from its
obligation (``nsw.provider_invoice``, triggered by its ``invoice.received``) by subquery.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery

from opencomp.accounts.access import is_admin
from opencomp.accounts.models import User
from opencomp.claims.access import claim_queryset_for_user, visible_sensitivities
from opencomp.claims.enums import EventKind, RequestDecision, RequestSubject, Sensitivity
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.core.errors import NotFound
from opencomp.deadlines.models import Obligation, ObligationStatus
from opencomp.payments.access import NO_FINANCIALS
from opencomp.payments.models_invoices import ProviderInvoice

#: The rule whose obligation is an invoice's payment deadline (NSW; other packs hold none).
PAYMENT_RULE = "nsw.provider_invoice"
#: Said wherever amounts are checked: no fee schedule amounts are held (none is sourced).
NO_FEE_SCHEDULE = (
    "No fee schedule is held: no fee-schedule amounts are sourced for any jurisdiction, so each line "
    "is checked against the amount claimed and the approved treatment only."
)


@dataclass(frozen=True)
class ApprovedTreatment:
    """A treatment request (``request.received``, subject treatment) that was approved or partly approved."""

    seq: int
    received_on: dt.date
    description: str
    decision: str


#: The ``decision`` of an approved treatment that needed no pre-approval (``pre_approval: not_required``).
EXEMPT = "exempt"


def approved_treatments(claim: Claim) -> list[ApprovedTreatment]:
    """The claim's approved treatment requests, by the date received (latest decision wins).

    A treatment request inside a pre-approval exemption of the rule pack (its ``request.received``
    says ``pre_approval: not_required``) is approved treatment without a decision (``exempt``).
    """
    events = ClaimEvent.objects.filter(
        claim=claim, kind__in=[EventKind.REQUEST_RECEIVED, EventKind.REQUEST_DECIDED]
    ).order_by("seq")
    requests: dict[int, dict[str, str]] = {}
    decisions: dict[int, str] = {}
    for event in events.only("seq", "kind", "payload"):
        payload = event.payload or {}
        if event.kind == EventKind.REQUEST_RECEIVED and payload.get("subject") == RequestSubject.TREATMENT:
            requests[event.seq] = payload
            if payload.get("pre_approval") == "not_required":
                decisions[event.seq] = EXEMPT
        elif event.kind == EventKind.REQUEST_DECIDED:
            decisions[int(payload.get("request_seq", 0))] = str(payload.get("decision", ""))
    approved = {RequestDecision.APPROVED.value, RequestDecision.PARTLY_APPROVED.value, EXEMPT}
    found = [
        ApprovedTreatment(
            seq=seq,
            received_on=dt.date.fromisoformat(payload["received_on"]),
            description=payload.get("description", ""),
            decision=decisions[seq],
        )
        for seq, payload in requests.items()
        if decisions.get(seq) in approved
    ]
    return sorted(found, key=lambda t: (t.received_on, t.seq))


def user_can_view_invoices(user: User) -> bool:
    """Everyone who sees a claim's money: not its worker nor its treating providers."""
    return user.is_authenticated and (is_admin(user) or user.role not in NO_FINANCIALS)


def user_can_view_invoice_lines(user: User, claim: Claim) -> bool:
    """The lines say what treatment was given: for those who read the claim's medical events."""
    return user_can_view_invoices(user) and Sensitivity.MEDICAL.value in visible_sensitivities(user, claim)


def invoice_queryset_for_user(user: User) -> QuerySet[ProviderInvoice]:
    """Invoices of the claims ``user`` may see, if their role sees claims' money at all."""
    if not user_can_view_invoices(user):
        return ProviderInvoice.objects.none()
    if is_admin(user):
        return ProviderInvoice.objects.all()
    return ProviderInvoice.objects.filter(claim__in=claim_queryset_for_user(user))


def _with_deadline(invoices: QuerySet[ProviderInvoice]) -> QuerySet[ProviderInvoice]:
    obligation = Obligation.objects.filter(
        claim_id=OuterRef("claim_id"), rule_id=PAYMENT_RULE, trigger_seq=OuterRef("received_seq")
    ).order_by("instance")
    return invoices.annotate(
        due_date=Subquery(obligation.values("due_date")[:1]),
        due_at=Subquery(obligation.values("due_at")[:1]),
        deadline_status=Subquery(obligation.values("status")[:1]),
    )


def claim_invoices(claim: Claim) -> list[ProviderInvoice]:
    """The claim's invoices, newest received first, with their lines and payment deadline."""
    invoices = _with_deadline(ProviderInvoice.objects.filter(claim=claim))
    return list(invoices.select_related("entry", "approval").prefetch_related("lines"))


def invoice_get_for_user(*, pk: int, user: User) -> ProviderInvoice:
    """The invoice, or ``NotFound`` both when it is missing and when the user may not see it."""
    invoice = (
        _with_deadline(invoice_queryset_for_user(user))
        .select_related("claim", "entry", "approval", "received_by", "reviewed_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if invoice is None:
        raise NotFound(f"Invoice {pk} was not found.")
    return invoice


@dataclass(frozen=True)
class RegisterFilters:
    status: str = ""
    provider: str = ""
    overdue: bool = False
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    claim_number: str = ""


def invoice_register(*, user: User, filters: RegisterFilters, now: dt.datetime) -> QuerySet[ProviderInvoice]:
    """The book's invoices ``user`` may see, filtered, oldest received first (the payment queue).

    ``overdue``: the payment deadline (the open obligation) has passed at ``now``. The
    caller pages it (``count()`` and one slice: two queries).
    """
    invoices = _with_deadline(invoice_queryset_for_user(user)).select_related("claim")
    if filters.status:
        invoices = invoices.filter(status=filters.status)
    if filters.provider.strip():
        invoices = invoices.filter(provider_name__icontains=filters.provider.strip())
    if filters.claim_number.strip():
        invoices = invoices.filter(claim__number=filters.claim_number.strip())
    if filters.received_from is not None:
        invoices = invoices.filter(received_on__gte=filters.received_from)
    if filters.received_to is not None:
        invoices = invoices.filter(received_on__lte=filters.received_to)
    if filters.overdue:
        invoices = invoices.filter(Q(deadline_status=ObligationStatus.OPEN) & Q(due_at__lt=now))
    return invoices.order_by("received_on", "pk")
