"""Issuing a letter: print it, keep the PDF on the claim, send it, and record the notice.

One transaction: the claim is locked, the facts read, the PDF printed and stored as a
claim document (``document.uploaded``), the letter and its recipients written, e-mails sent
with the PDF attached, and ``notice.sent`` appended — the event the rule packs' notice
deadlines wait for. If anything fails (a figure the law requires is missing, a recipient
without an address, an e-mail the mail server refuses) nothing is kept.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require, user_can_work_claim
from opencomp.claims.enums import ActivityChannel, ActivityParty, EventKind
from opencomp.claims.models import Claim
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector, ValidationFailed
from opencomp.documents.enums import DocumentCategory
from opencomp.documents.models import ClaimDocument
from opencomp.documents.services import document_upload
from opencomp.letters.catalog import LetterTemplate, template
from opencomp.letters.content import LetterContent, long_date
from opencomp.letters.enums import POSTAL, DeliveryMethod
from opencomp.letters.models import Letter, LetterRecipient
from opencomp.letters.render import render_pdf, template_digest
from opencomp.letters.selectors import letter_content_for

MAX_RECIPIENTS = 20


@dataclass(frozen=True)
class RecipientInput:
    """One addressee: who, and how the letter reaches them."""

    party: str
    name: str
    method: str
    address: str = ""
    email: str = ""
    tracking_number: str = ""


def _check_recipient(index: int, given: RecipientInput, errors: ErrorCollector) -> None:
    field = f"recipients[{index}]"
    if given.party not in ActivityParty.values:
        errors.add(
            f"{field}.party", f"{given.party!r} is not a party: one of {', '.join(ActivityParty.values)}"
        )
    if not given.name.strip():
        errors.add(f"{field}.name", "give the addressee's name")
    if given.method not in DeliveryMethod.values:
        errors.add(f"{field}.method", f"send by one of {', '.join(DeliveryMethod.values)}")
        return
    if given.method in POSTAL and not given.address.strip():
        errors.add(f"{field}.address", "a letter sent by mail needs a postal address")
    if given.method == DeliveryMethod.CERTIFIED_MAIL and not given.tracking_number.strip():
        errors.add(f"{field}.tracking_number", "give the certified mail article number")
    if given.method == DeliveryMethod.EMAIL:
        try:
            validate_email(given.email.strip())
        except DjangoValidationError:
            errors.add(f"{field}.email", "give a valid e-mail address to send the letter to")


def _check(content: LetterContent, recipients: Sequence[RecipientInput], enclosures_confirmed: bool) -> None:
    errors = ErrorCollector()
    for reason in content.missing:
        errors.add("template_id", reason)
    if not recipients:
        errors.add("recipients", "name at least one recipient")
    elif len(recipients) > MAX_RECIPIENTS:
        errors.add("recipients", f"at most {MAX_RECIPIENTS} recipients")
    for index, given in enumerate(recipients):
        _check_recipient(index, given, errors)
    parties = {r.party for r in recipients}
    absent = [p for p in content.template.recipients if p not in parties]
    if recipients and absent:
        names = " and ".join(ActivityParty(p).label.lower() for p in absent)
        errors.add("recipients", f"{content.template.title} must also go to the {names}")
    if content.template.enclosures and not enclosures_confirmed:
        errors.add(
            "enclosures_confirmed",
            "confirm the enclosures go with it: " + "; ".join(content.template.enclosures),
        )
    errors.raise_if_any("The letter was not issued.")


def _email(letter: Letter, recipient: LetterRecipient, pdf: bytes) -> None:
    facts = letter.content
    message = EmailMessage(
        subject=f"{letter.title} — claim {letter.claim.number}",
        body=(
            f"Dear {recipient.name},\n\nPlease find attached the {letter.title.lower()} of "
            f"{facts['letter_date']} on workers' compensation claim {letter.claim.number}.\n\n"
            f"{facts['administrator']}\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
    )
    message.attach(letter.document.original_name, pdf, "application/pdf")
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # the mail server's refusal, whatever its type, stops the issue
        raise ValidationFailed.for_field(
            f"recipients[{recipient.position}].email",
            f"the e-mail to {recipient.email} could not be sent ({exc}); nothing was issued",
        ) from exc


def _store(actor: User, claim: Claim, chosen: LetterTemplate, pdf: bytes) -> ClaimDocument:
    today = clock.today()
    return document_upload(
        actor=actor,
        claim=claim,
        category=DocumentCategory.CORRESPONDENCE,
        title=f"{chosen.title} — {long_date(today)}",
        file_name=f"{claim.number}-{chosen.id}-v{chosen.version}-{today:%Y%m%d}.pdf",
        content=io.BytesIO(pdf),
    )


def _deliveries(rows: Sequence[LetterRecipient]) -> list[dict[str, str]]:
    return [
        {"party": r.party, "name": r.name, "method": r.method, "tracking_number": r.tracking_number}
        for r in rows
    ]


@transaction.atomic
def letter_issue(
    *,
    actor: User,
    claim: Claim,
    template_id: str,
    recipients: Sequence[RecipientInput],
    enclosures_confirmed: bool = False,
) -> Letter:
    """Print ``template_id`` for ``claim``, keep it, send it and record ``notice.sent``.

    The letter is filled with the claim's facts as they stand (``letters.content``); it
    cannot be issued while a figure it must carry is missing, to fewer parties than the
    template requires, to a postal recipient without an address, by certified mail without
    an article number, or without confirming its enclosures. E-mail recipients get the PDF
    attached, sent before the transaction commits: a refusal keeps nothing.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming ``template_id``, ``recipients[i].<field>`` or
            ``enclosures_confirmed``; nothing is written or sent.
    """
    require(user_can_work_claim(actor, claim), "Only the claim's administrator issues its letters.")
    chosen = template(template_id)
    if chosen is None:
        raise ValidationFailed.for_field("template_id", f"there is no letter {template_id!r}")
    claim = claim_lock(claim)
    content = letter_content_for(claim=claim, chosen=chosen, on=clock.today())
    _check(content, recipients, enclosures_confirmed)
    pdf = render_pdf(chosen, content.facts)
    document = _store(actor, claim, chosen, pdf)
    try:
        return _record(actor, claim, chosen, content, document, recipients, pdf)
    except BaseException:
        document.file.storage.delete(document.file.name)
        raise


def _record(
    actor: User,
    claim: Claim,
    chosen: LetterTemplate,
    content: LetterContent,
    document: ClaimDocument,
    recipients: Sequence[RecipientInput],
    pdf: bytes,
) -> Letter:
    claim = claim_lock(claim)
    letter = Letter.objects.create(
        claim=claim,
        template_id=chosen.id,
        template_version=chosen.version,
        template_digest=template_digest(chosen),
        notice=chosen.notice,
        title=chosen.title,
        subject_seq=content.subject_seq,
        document=document,
        content=content.facts,
        issued_by=actor,
        issued_at=clock.now(),
        notice_seq=claim.last_event_seq + 1,  # the event appended below; checked
    )
    rows = [
        LetterRecipient.objects.create(
            letter=letter,
            position=i,
            party=r.party,
            name=r.name.strip(),
            address=r.address.strip(),
            email=r.email.strip(),
            method=r.method,
            tracking_number=r.tracking_number.strip(),
        )
        for i, r in enumerate(recipients)
    ]
    for row in rows:
        if row.method == DeliveryMethod.EMAIL:
            _email(letter, row, pdf)
    postal = any(r.method in POSTAL for r in rows)
    event = claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.NOTICE_SENT,
        payload={
            "notice": chosen.notice,
            "recipients": list(dict.fromkeys(r.party for r in rows)),
            "channel": ActivityChannel.LETTER if postal else ActivityChannel.EMAIL,
            "summary": f"{chosen.title} ({chosen.reference})",
            "letter_id": letter.pk,
            "document_id": document.pk,
            "template": chosen.reference,
            "deliveries": _deliveries(rows),
        },
    )
    if event.seq != letter.notice_seq:  # the claim is locked: cannot happen, and must not pass silently
        raise RuntimeError(f"notice.sent was appended as {event.seq}, not {letter.notice_seq}")
    return letter
