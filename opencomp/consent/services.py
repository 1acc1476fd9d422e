"""Every write of consent: give, withdraw, disclose, record and complete a request for own information.

Each service checks the actor first (``consent.access``: those who work the claim), then
the input, reporting every problem at once under the field it concerns; a refused request
writes nothing. A change appends its claim event in the same transaction, under the claim's
row lock: ``consent.given``, ``consent.withdrawn`` and ``information.disclosed`` (with
``medical`` sensitivity), and for a request for the worker's own information the generic
``request.received`` (subject ``personal_information``) and ``request.completed`` through
``claims.services.claim_event_append``, which the NSW rule ``nsw.personal_information_access``
counts ten business days between.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require
from opencomp.claims.enums import ActivityChannel, ActivityParty, EventKind, RequestSubject, Sensitivity
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_event_append, claim_event_record, claim_lock
from opencomp.consent.access import user_can_manage_consents
from opencomp.consent.enums import (
    ConsentCategory,
    ConsentGiver,
    ConsentMethod,
    ConsentRecipient,
    DisclosureRecipient,
)
from opencomp.consent.models import Consent, ConsentScope, Disclosure
from opencomp.consent.selectors import (
    access_requests,
    claim_document_refs,
    consent_permits,
    disclosures_after,
)
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector, ValidationFailed

NAME_LIMIT = 200
PURPOSE_LIMIT = 500
TEXT_LIMIT = 2000
#: Who may ask for the worker's own information: the worker, or someone acting for them.
REQUESTERS = (ActivityParty.WORKER, ActivityParty.ATTORNEY, ActivityParty.FAMILY, ActivityParty.OTHER)


def _require_manages(actor: User, claim: Claim) -> None:
    require(
        user_can_manage_consents(actor, claim),
        "Only those who work the claim record consent and disclosures.",
    )


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def _long_text(value: str | None) -> str:
    return (value or "").strip()


def _words(label: str) -> str:
    """A label inside a sentence: lower case first, but an acronym ("IME reports") stays."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() else label[:1].lower() + label[1:]


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _date(
    errors: ErrorCollector, name: str, value: dt.date | None, *, claim: Claim, what: str
) -> dt.date | None:
    """A required date that has happened (not after today in the claim's jurisdiction)."""
    if value is None:
        errors.add(name, f"give the date {what}")
        return None
    if value > claim_today(claim):
        errors.add(name, "is in the future")
        return None
    if value < claim.injury_date:
        errors.add(name, f"is before the injury date ({_fmt(claim.injury_date)})")
        return None
    return value


def _choices(
    errors: ErrorCollector, name: str, values: Iterable[str], allowed: list[str], what: str
) -> list[str]:
    chosen: list[str] = []
    unknown = False
    for value in values or ():
        if value not in allowed:
            errors.add(name, f"{value!r} is not one of: {', '.join(allowed)}")
            unknown = True
        elif value not in chosen:
            chosen.append(value)
    if not chosen and not unknown:
        errors.add(name, f"choose at least one {what}")
    return chosen


def _one_of(errors: ErrorCollector, name: str, value: str, allowed: list[str]) -> str:
    if value not in allowed:
        errors.add(name, f"choose one of: {', '.join(allowed)}")
    return value


def _ordered(chosen: list[str], allowed: list[str]) -> list[str]:
    return [v for v in allowed if v in chosen]


@transaction.atomic
def consent_give(
    *,
    actor: User,
    claim: Claim,
    given_by: str,
    given_on: dt.date | None,
    method: str,
    categories: Iterable[str],
    recipients: Iterable[str],
    purpose: str,
    representative_name: str = "",
    expires_on: dt.date | None = None,
) -> Consent:
    """Record the worker's consent to release ``categories`` to ``recipients``; appends ``consent.given``.

    The consent covers every category to every recipient named, from ``given_on`` until
    ``expires_on`` (inclusive, when given) or its withdrawal. Seed 004 asks for the worker's
    written consent: a signed form, an online form, or verbal consent confirmed in writing.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``given_by``, ``representative_name``, ``given_on``, ``method``,
            ``categories``, ``recipients``, ``purpose`` or ``expires_on``; nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    _one_of(errors, "given_by", given_by, ConsentGiver.values)
    name = _text(representative_name)
    if given_by == ConsentGiver.REPRESENTATIVE and not name:
        errors.add("representative_name", "name the representative who gave consent for the worker")
    elif given_by == ConsentGiver.WORKER and name:
        errors.add("representative_name", "leave empty when the worker gave consent themselves")
    elif len(name) > NAME_LIMIT:
        errors.add("representative_name", f"must be at most {NAME_LIMIT} characters")
    given = _date(errors, "given_on", given_on, claim=claim, what="consent was given")
    _one_of(errors, "method", method, ConsentMethod.values)
    chosen_categories = _choices(
        errors, "categories", categories, ConsentCategory.values, "category of information"
    )
    chosen_recipients = _choices(errors, "recipients", recipients, ConsentRecipient.values, "recipient")
    purpose = _text(purpose)
    if not purpose:
        errors.add("purpose", "say what the information is released for (for example, return to work)")
    elif len(purpose) > PURPOSE_LIMIT:
        errors.add("purpose", f"must be at most {PURPOSE_LIMIT} characters")
    if expires_on is not None and given is not None and expires_on < given:
        errors.add("expires_on", f"is before the date consent was given ({_fmt(given)})")
    errors.raise_if_any("The consent was not recorded.")
    assert given is not None  # no errors: the date was given  # noqa: S101
    chosen_categories = _ordered(chosen_categories, ConsentCategory.values)
    chosen_recipients = _ordered(chosen_recipients, ConsentRecipient.values)
    claim = claim_lock(claim)
    consent = Consent.objects.create(
        claim=claim,
        given_by=given_by,
        representative_name=name,
        given_on=given,
        method=method,
        purpose=purpose,
        expires_on=expires_on,
        recorded_by=actor,
        recorded_at=clock.now(),
        given_seq=claim.last_event_seq + 1,  # the event appended next; checked below
    )
    ConsentScope.objects.bulk_create(
        ConsentScope(consent=consent, category=c, recipient=r)
        for r in chosen_recipients
        for c in chosen_categories
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.CONSENT_GIVEN,
        payload={
            "consent_id": consent.pk,
            "given_by": given_by,
            "representative_name": name,
            "given_on": given.isoformat(),
            "method": method,
            "categories": chosen_categories,
            "recipients": chosen_recipients,
            "purpose": purpose,
            "expires_on": expires_on.isoformat() if expires_on else None,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    if event.seq != consent.given_seq:
        consent.given_seq = event.seq
        consent.save(update_fields=["given_seq"])
    return consent


@transaction.atomic
def consent_withdraw(
    *, actor: User, consent: Consent, withdrawn_on: dt.date | None, method: str, reason: str = ""
) -> Consent:
    """Withdraw ``consent`` from ``withdrawn_on``; appends ``consent.withdrawn``.

    Not retroactive: the consent covers the days before ``withdrawn_on``, and disclosures made
    under it then stay valid. Disclosures already recorded under it dated on or after
    ``withdrawn_on`` (a withdrawal that reached the administrator late) are named in the event.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``withdrawn_on`` (missing, in the future, before the consent
            was given, after it expired, or the consent already withdrawn), ``method`` or
            ``reason``; nothing is written.
    """
    _require_manages(actor, consent.claim)
    claim = claim_lock(consent.claim)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    errors = ErrorCollector()
    if consent.withdrawn_on is not None:
        raise ValidationFailed.for_field(
            "withdrawn_on", f"the consent was already withdrawn on {_fmt(consent.withdrawn_on)}"
        )
    day = _date(errors, "withdrawn_on", withdrawn_on, claim=claim, what="consent was withdrawn")
    if day is not None and day < consent.given_on:
        errors.add("withdrawn_on", f"is before the consent was given ({_fmt(consent.given_on)})")
    elif day is not None and consent.expires_on is not None and day > consent.expires_on:
        errors.add(
            "withdrawn_on", f"is after the consent expired ({_fmt(consent.expires_on)}): nothing to withdraw"
        )
    _one_of(errors, "method", method, ActivityChannel.values)
    reason = _long_text(reason)
    if len(reason) > TEXT_LIMIT:
        errors.add("reason", f"must be at most {TEXT_LIMIT} characters")
    errors.raise_if_any("The consent was not withdrawn.")
    assert day is not None  # noqa: S101
    after = disclosures_after(consent=consent, on=day)
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.CONSENT_WITHDRAWN,
        payload={
            "consent_id": consent.pk,
            "given_seq": consent.given_seq,
            "withdrawn_on": day.isoformat(),
            "method": method,
            "reason": reason,
            "disclosures_after": after,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    consent.withdrawn_on = day
    consent.withdrawal_method = method
    consent.withdrawal_reason = reason
    consent.withdrawn_by = actor
    consent.withdrawn_at = event.recorded_at
    consent.withdrawn_seq = event.seq
    consent.save(
        update_fields=[
            "withdrawn_on",
            "withdrawal_method",
            "withdrawal_reason",
            "withdrawn_by",
            "withdrawn_at",
            "withdrawn_seq",
        ]
    )
    return consent


@transaction.atomic
def disclosure_record(
    *,
    actor: User,
    claim: Claim,
    category: str,
    recipient: str,
    recipient_name: str,
    channel: str,
    disclosed_on: dt.date | None,
    document_ids: Iterable[int] = (),
    description: str = "",
) -> Disclosure:
    """Record a release of the worker's information; appends ``information.disclosed``.

    Refused, naming ``recipient``, when no consent of the worker in force on ``disclosed_on``
    releases ``category`` to ``recipient``. The one release that needs no consent is the
    worker's own information to the worker (or their representative): see ``consent.rules``.
    Documents named must be the claim's, filed under the category disclosed.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``category``, ``recipient``, ``recipient_name``, ``channel``,
            ``disclosed_on``, ``document_ids`` or ``description``; nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    _one_of(errors, "category", category, ConsentCategory.values)
    _one_of(errors, "recipient", recipient, DisclosureRecipient.values)
    name = _text(recipient_name)
    if not name:
        errors.add("recipient_name", "name who received it (organisation and person)")
    elif len(name) > NAME_LIMIT:
        errors.add("recipient_name", f"must be at most {NAME_LIMIT} characters")
    _one_of(errors, "channel", channel, ActivityChannel.values)
    day = _date(errors, "disclosed_on", disclosed_on, claim=claim, what="the information was released")
    description = _long_text(description)
    if len(description) > TEXT_LIMIT:
        errors.add("description", f"must be at most {TEXT_LIMIT} characters")
    ids: list[int] = []
    for raw in document_ids or ():
        if int(raw) not in ids:
            ids.append(int(raw))
    if not ids and not description:
        errors.add("description", "say what was released, or name the documents")
    claim = claim_lock(claim)
    if ids:
        refs = claim_document_refs(claim)
        for pk in ids:
            ref = refs.get(pk)
            if ref is None:
                errors.add("document_ids", f"document {pk} is not a document of this claim")
            elif category in ConsentCategory.values and ref.category != category:
                errors.add(
                    "document_ids",
                    f"document {pk} (“{ref.title}”) is filed as {ref.category.replace('_', ' ')}, "
                    f"not {_words(ConsentCategory(category).label)}",
                )
    if errors.errors:
        errors.raise_if_any("The disclosure was not recorded.")
    assert day is not None  # noqa: S101
    permission = consent_permits(claim=claim, category=category, recipient=recipient, on=day)
    if not permission.permitted:
        raise ValidationFailed.for_field(
            "recipient",
            f"no consent of the worker in force on {_fmt(day)} releases "
            f"{_words(ConsentCategory(category).label)} to {_words(DisclosureRecipient(recipient).label)}; "
            "record the worker's consent first",
        )
    consent = permission.consent
    disclosure = Disclosure.objects.create(
        claim=claim,
        category=category,
        recipient=recipient,
        recipient_name=name,
        channel=channel,
        disclosed_on=day,
        document_ids=ids,
        description=description,
        basis=permission.basis,
        consent=consent,
        recorded_by=actor,
        recorded_at=clock.now(),
        seq=claim.last_event_seq + 1,  # the event appended next (the claim is locked)
    )
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.INFORMATION_DISCLOSED,
        payload={
            "disclosure_id": disclosure.pk,
            "category": category,
            "recipient": recipient,
            "recipient_name": name,
            "channel": channel,
            "disclosed_on": day.isoformat(),
            "document_ids": ids,
            "description": description,
            "basis": permission.basis,
            "consent_id": consent.pk if consent else None,
            "consent_seq": consent.given_seq if consent else None,
        },
        sensitivity=Sensitivity.MEDICAL,
    )
    if event.seq != disclosure.seq:  # the log and the row must agree; the row cannot be updated
        raise RuntimeError(f"disclosure {disclosure.pk} expected event {disclosure.seq}, got {event.seq}")
    return disclosure


@transaction.atomic
def access_request_record(
    *,
    actor: User,
    claim: Claim,
    received_on: dt.date | None,
    from_party: str,
    description: str,
    requested_by: str = "",
) -> ClaimEvent:
    """Record a request for the worker's own information; appends ``request.received``.

    The generic request event (subject ``personal_information``), so the rule pack's clock
    starts on it: in NSW, access within ten business days (``nsw.personal_information_access``).

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``received_on``, ``from_party``, ``requested_by`` or
            ``description``; nothing is written.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    day = _date(errors, "received_on", received_on, claim=claim, what="the request was received")
    _one_of(errors, "from_party", from_party, [p.value for p in REQUESTERS])
    who = _text(requested_by)
    if len(who) > NAME_LIMIT:
        errors.add("requested_by", f"must be at most {NAME_LIMIT} characters")
    what = _long_text(description)
    if not what:
        errors.add("description", "say what information is asked for")
    text = f"Asked by {who}: {what}" if who else what
    if what and len(text) > TEXT_LIMIT:
        errors.add("description", f"must be at most {TEXT_LIMIT - len(who) - 10} characters")
    errors.raise_if_any("The request was not recorded.")
    assert day is not None  # noqa: S101
    return claim_event_append(
        actor=actor,
        claim=claim,
        kind=EventKind.REQUEST_RECEIVED,
        payload={
            "subject": RequestSubject.PERSONAL_INFORMATION,
            "received_on": day.isoformat(),
            "from_party": from_party,
            "description": text,
        },
    )


@transaction.atomic
def access_request_complete(
    *,
    actor: User,
    claim: Claim,
    request_seq: int | None,
    provided: str,
    channel: str,
    completed_at: dt.datetime | None = None,
) -> ClaimEvent:
    """Record that a request for own information was answered; appends ``request.completed``.

    The note says what was provided and how (``channel``); the completion's time (now, or
    ``completed_at``) is what the rule pack's clock is satisfied by.

    Raises:
        PermissionDenied: the actor does not work the claim.
        ValidationFailed: naming ``request_seq`` (not a request for own information of this
            claim, or already completed), ``provided``, ``channel`` or ``completed_at``.
    """
    _require_manages(actor, claim)
    errors = ErrorCollector()
    claim = claim_lock(claim)
    requests = {r.seq: r for r in access_requests(claim=claim)}
    request = requests.get(request_seq) if request_seq is not None else None
    if request is None:
        errors.add("request_seq", "choose one of this claim's requests for the worker's own information")
    elif request.completed:
        errors.add("request_seq", f"was already completed (event {request.completed_seq})")
    what = _long_text(provided)
    if not what:
        errors.add("provided", "say what was provided to the worker")
    _one_of(errors, "channel", channel, ActivityChannel.values)
    note = (
        f"{what} (provided by {_words(ActivityChannel(channel).label)})"
        if channel in ActivityChannel.values
        else what
    )
    if what and len(note) > TEXT_LIMIT:
        errors.add("provided", f"must be at most {TEXT_LIMIT - 30} characters")
    if completed_at is not None and request is not None:
        if completed_at > clock.now():
            errors.add("completed_at", "is in the future")
        elif completed_at.date() < request.received_on:
            errors.add("completed_at", f"is before the request was received ({_fmt(request.received_on)})")
    errors.raise_if_any("The request was not completed.")
    return claim_event_append(
        actor=actor,
        claim=claim,
        kind=EventKind.REQUEST_COMPLETED,
        payload={"request_seq": request_seq, "note": note},
        occurred_at=completed_at,
    )
