"""Reads of consent: what a consent permits, the consents and disclosures a user may read, requests.

``consent_permits`` is the one answer to "does the worker's consent permit releasing
category C to party P on day D", with the consent relied on. The disclosure service and
the documents context (``employer_released_categories``) both ask it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from opencomp.accounts.access import is_employer_user
from opencomp.accounts.models import User
from opencomp.claims.enums import EventKind, RequestSubject
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.consent import rules
from opencomp.consent.access import ALL, EMPLOYER, consent_view_of
from opencomp.consent.enums import ConsentRecipient, DisclosureBasis
from opencomp.consent.models import Consent, ConsentScope, Disclosure
from opencomp.core.errors import NotFound


def in_force_q(on: dt.date, prefix: str = "") -> Q:
    """Consents in force on day ``on`` (``rules.in_force`` as a query); ``prefix``: through a relation."""
    return (
        Q(**{f"{prefix}given_on__lte": on})
        & (Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": on}))
        & (Q(**{f"{prefix}withdrawn_on__isnull": True}) | Q(**{f"{prefix}withdrawn_on__gt": on}))
    )


@dataclass(frozen=True)
class Permission:
    """The answer for one category, recipient and day: permitted or not, and on what basis."""

    permitted: bool
    basis: str  # a DisclosureBasis value, or "" when not permitted
    consent: Consent | None


def consent_permits(*, claim: Claim, category: str, recipient: str, on: dt.date) -> Permission:
    """Whether releasing ``category`` to ``recipient`` on ``on`` is permitted, and the consent relied on.

    The worker's own information to the worker needs no consent. Otherwise the most recently
    given consent in force that day whose scope names the category and the recipient.
    """
    if not rules.needs_consent(recipient):
        return Permission(permitted=True, basis=DisclosureBasis.OWN_INFORMATION, consent=None)
    consent = (
        Consent.objects.filter(
            in_force_q(on), claim=claim, scope__category=category, scope__recipient=recipient
        )
        .order_by("-given_on", "-pk")
        .first()
    )
    if consent is None:
        return Permission(permitted=False, basis="", consent=None)
    return Permission(permitted=True, basis=DisclosureBasis.CONSENT, consent=consent)


def categories_released(*, claim: Claim, recipient: str, on: dt.date) -> frozenset[str]:
    """Every category a consent in force on ``on`` releases to ``recipient``."""
    rows = ConsentScope.objects.filter(in_force_q(on, "consent__"), consent__claim=claim, recipient=recipient)
    return frozenset(rows.values_list("category", flat=True).distinct())


def employer_released_categories(user: User, claim: Claim, *, on: dt.date | None = None) -> frozenset[str]:
    """The categories an employer-side ``user`` may be shown by consent today (or on ``on``).

    Those a consent in force releases to the employer, within what the user's role may ever
    see (``rules.EMPLOYER_ROLE_CEILING``). Empty for anyone not on the employer's side.
    """
    if not is_employer_user(user):
        return frozenset()
    day = on if on is not None else claim_today(claim)
    released = categories_released(claim=claim, recipient=ConsentRecipient.EMPLOYER, on=day)
    return frozenset(c for c in released if rules.employer_role_may_see(user.role, c))


@dataclass
class ConsentView:
    """A consent as ``user`` may read it: its state today and its scope by recipient."""

    consent: Consent
    state: str
    scope: dict[str, list[str]] = field(default_factory=dict)  # recipient -> categories
    disclosures: int = 0


def claim_consents(*, user: User, claim: Claim) -> list[ConsentView]:
    """The claim's consents ``user`` may read, newest first; for employer-side users only their part.

    The caller obtained ``claim`` through ``claims.access`` and checked ``user_can_read_consents``.
    """
    view = consent_view_of(user, claim)
    if view is None:
        return []
    consents = Consent.objects.filter(claim=claim).select_related("recorded_by", "withdrawn_by")
    if view == EMPLOYER:
        consents = consents.filter(scope__recipient=ConsentRecipient.EMPLOYER).distinct()
    consents = consents.order_by("-given_on", "-pk")
    rows = list(consents)
    scopes: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    scope_rows = ConsentScope.objects.filter(consent__in=[c.pk for c in rows]).order_by("pk")
    if view == EMPLOYER:
        scope_rows = scope_rows.filter(recipient=ConsentRecipient.EMPLOYER)
    for s in scope_rows:
        scopes[s.consent_id][s.recipient].append(s.category)
    counts: dict[int, int] = defaultdict(int)
    for d in claim_disclosures(user=user, claim=claim).filter(consent__isnull=False):
        counts[d.consent_id or 0] += 1
    today = claim_today(claim)
    return [
        ConsentView(consent=c, state=c.state(today), scope=dict(scopes[c.pk]), disclosures=counts[c.pk])
        for c in rows
    ]


def consent_get_for_user(*, user: User, claim: Claim, pk: int) -> Consent:
    """One of the claim's consents the user may read, or ``NotFound``."""
    for row in claim_consents(user=user, claim=claim):
        if row.consent.pk == pk:
            return row.consent
    raise NotFound(f"Consent {pk} was not found.")


def claim_disclosures(*, user: User, claim: Claim) -> QuerySet[Disclosure]:
    """The disclosure log of the claim as ``user`` may read it: everything, or what went to the employer."""
    view = consent_view_of(user, claim)
    disclosures = Disclosure.objects.filter(claim=claim).select_related("recorded_by", "consent")
    if view == ALL:
        return disclosures
    if view == EMPLOYER:
        return disclosures.filter(recipient=ConsentRecipient.EMPLOYER)
    return disclosures.none()


def disclosures_after(*, consent: Consent, on: dt.date) -> list[int]:
    """Disclosures recorded under ``consent`` dated on or after ``on`` (a withdrawal dated back)."""
    return list(
        Disclosure.objects.filter(consent=consent, disclosed_on__gte=on)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class ClaimDocumentRef:
    """A document of the claim as its log knows it: its current category and title."""

    id: int
    category: str
    title: str


def claim_document_refs(claim: Claim) -> dict[int, ClaimDocumentRef]:
    """The claim's documents by id, from its ``document.uploaded`` / ``document.reclassified`` events."""
    refs: dict[int, ClaimDocumentRef] = {}
    events = ClaimEvent.objects.filter(
        claim=claim, kind__in=[EventKind.DOCUMENT_UPLOADED, EventKind.DOCUMENT_RECLASSIFIED]
    ).order_by("seq")
    for event in events:
        p = event.payload
        if event.kind == EventKind.DOCUMENT_UPLOADED:
            refs[p["document_id"]] = ClaimDocumentRef(p["document_id"], p["category"], p["title"])
        elif p["document_id"] in refs:
            old = refs[p["document_id"]]
            refs[p["document_id"]] = ClaimDocumentRef(old.id, p["to_category"], old.title)
    return refs


@dataclass(frozen=True)
class AccessRequest:
    """A request for the worker's own information (``request.received``, subject personal information)."""

    seq: int
    received_on: dt.date
    from_party: str
    description: str
    recorded_at: dt.datetime
    completed_seq: int | None
    completed_at: dt.datetime | None
    completion_note: str

    @property
    def completed(self) -> bool:
        return self.completed_seq is not None


def access_requests(*, claim: Claim) -> list[AccessRequest]:
    """The claim's requests for the worker's own information, newest first, with their completion.

    A request corrected by a later event is shown as corrected (the correction's values).
    """
    events = list(
        ClaimEvent.objects.filter(
            claim=claim, kind__in=[EventKind.REQUEST_RECEIVED, EventKind.REQUEST_COMPLETED]
        ).order_by("seq")
    )
    by_pk = {e.pk: e for e in events}
    root: dict[int, int] = {}  # seq of a request or its correction -> seq of the original request
    latest: dict[int, ClaimEvent] = {}  # original seq -> its latest version
    for event in events:
        if event.kind != EventKind.REQUEST_RECEIVED:
            continue
        corrected = by_pk.get(event.corrects_id) if event.corrects_id is not None else None
        origin = root.get(corrected.seq, corrected.seq) if corrected is not None else event.seq
        root[event.seq] = origin
        latest[origin] = event
    completions: dict[int, ClaimEvent] = {}
    for event in events:
        if event.kind == EventKind.REQUEST_COMPLETED:
            origin = root.get(int(event.payload["request_seq"]))
            if origin is not None:
                completions.setdefault(origin, event)
    out = []
    for origin, event in latest.items():
        if event.payload.get("subject") != RequestSubject.PERSONAL_INFORMATION:
            continue
        done = completions.get(origin)
        out.append(
            AccessRequest(
                seq=event.seq,
                received_on=dt.date.fromisoformat(event.payload["received_on"]),
                from_party=event.payload.get("from_party", ""),
                description=event.payload.get("description", ""),
                recorded_at=event.recorded_at,
                completed_seq=done.seq if done else None,
                completed_at=done.occurred_at if done else None,
                completion_note=done.payload.get("note", "") if done else "",
            )
        )
    return sorted(out, key=lambda r: (r.received_on, r.seq), reverse=True)
