"""Letters and statutory notices: the letters a claim can be sent, a PDF preview, issuing, and those issued.

A letter is printed from a versioned template with the claim's figures, kept as a PDF claim
document (download it through `/documents/{document_id}/download`) and recorded as
`notice.sent`, which satisfies the rule packs' notice deadlines. Claims staff who work the
claim list the templates, preview and issue; whoever sees the claim lists its letters.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from pydantic import BaseModel, Field

from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import In, PageParams
from opencomp.claims.access import claim_get_for_user, require, user_can_work_claim
from opencomp.claims.enums import ActivityParty
from opencomp.claims.models import Claim
from opencomp.core import clock
from opencomp.core.errors import FieldError, ValidationFailed
from opencomp.letters.catalog import TEMPLATES
from opencomp.letters.content import LetterContent
from opencomp.letters.enums import DeliveryMethod
from opencomp.letters.http import preview_pdf_response
from opencomp.letters.models import Letter
from opencomp.letters.selectors import claim_letters, letter_choices, letter_get_for_user, letter_template_for
from opencomp.letters.services import RecipientInput, letter_issue

router = Router(tags=["Letters"])

if TYPE_CHECKING:
    PartyName = str
    MethodName = str
else:
    PartyName = Literal[tuple(ActivityParty.values)]
    MethodName = Literal[tuple(DeliveryMethod.values)]

STAFF_ONLY = "Only the claim's administrator prepares and issues its letters."
TEMPLATE_IDS = ", ".join(f"`{t}`" for t in TEMPLATES)


class LetterTemplateOut(BaseModel):
    id: str
    version: int
    title: str
    notice: str = Field(description="The notice type recorded when issued (`notice.sent`).")
    citation: str
    required_recipients: list[str]
    enclosures: list[str] = Field(description="What must go with it; confirm with `enclosures_confirmed`.")
    ready: bool
    missing: list[str] = Field(description="What must be recorded on the claim before it can be issued.")

    @classmethod
    def of(cls, content: LetterContent) -> LetterTemplateOut:
        t = content.template
        return cls(
            id=t.id,
            version=t.version,
            title=t.title,
            notice=t.notice,
            citation=t.citation,
            required_recipients=list(t.recipients),
            enclosures=list(t.enclosures),
            ready=content.ready,
            missing=list(content.missing),
        )


class RecipientIn(In):
    party: PartyName
    name: str = Field(max_length=200)
    method: MethodName = Field(description="`mail`, `certified_mail` or `email`.")
    address: str = Field("", max_length=1000, description="Required for mail and certified mail.")
    email: str = Field("", max_length=254, description="Required for e-mail: the PDF is attached.")
    tracking_number: str = Field("", max_length=60, description="Certified mail: the article number.")


class LetterIssueIn(In):
    template_id: str = Field(
        max_length=60, description=f"One of {TEMPLATE_IDS} (for the claim's jurisdiction)."
    )
    recipients: list[RecipientIn] = Field(max_length=20)
    enclosures_confirmed: bool = False


class RecipientOut(BaseModel):
    party: str
    name: str
    method: str
    address: str
    email: str
    tracking_number: str


class LetterOut(BaseModel):
    id: int
    claim_number: str
    title: str
    template_id: str
    template_version: int
    template_digest: str
    notice: str
    subject_seq: int | None = Field(description="The claim event it answers (a `liability.decided`).")
    notice_seq: int = Field(description="The claim's `notice.sent` event.")
    document_id: int = Field(description="The PDF: `/documents/{document_id}/download`.")
    issued_by: str
    issued_at: dt.datetime
    recipients: list[RecipientOut]
    content: dict[str, Any] = Field(description="The facts as printed.")

    @classmethod
    def of(cls, letter: Letter) -> LetterOut:
        return cls(
            id=letter.pk,
            claim_number=letter.claim.number,
            title=letter.title,
            template_id=letter.template_id,
            template_version=letter.template_version,
            template_digest=letter.template_digest,
            notice=letter.notice,
            subject_seq=letter.subject_seq,
            notice_seq=letter.notice_seq,
            document_id=letter.document_id,
            issued_by=letter.issued_by.get_full_name() or letter.issued_by.username,
            issued_at=letter.issued_at,
            recipients=[
                RecipientOut(
                    party=r.party,
                    name=r.name,
                    method=r.method,
                    address=r.address,
                    email=r.email,
                    tracking_number=r.tracking_number,
                )
                for r in letter.recipients.all()
            ],
            content=letter.content,
        )


class LetterPage(BaseModel):
    count: int
    items: list[LetterOut]


def _staff_claim(request: HttpRequest, number: str) -> Claim:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_work_claim(user, claim), STAFF_ONLY)
    return claim


_INDEXED = re.compile(r"\[(\d+)\]")


def _dotted(exc: ValidationFailed) -> ValidationFailed:
    """``recipients[0].email`` → ``recipients.0.email`` (the API's paths)."""
    return ValidationFailed(
        exc.message, errors=[FieldError(_INDEXED.sub(r".\1", e.field), e.message) for e in exc.errors]
    )


@router.get(
    "/claims/{number}/letters",
    **responses({200: LetterPage}, 400, 404),
    summary="A claim's letters",
    description="The letters issued on the claim, newest first, with their recipients and the facts printed.",
)
def claim_letter_list(request: HttpRequest, number: str, query: Query[PageParams]) -> LetterPage:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    count, items = page_of(claim_letters(user=user, claim=claim), query)
    return LetterPage(count=count, items=[LetterOut.of(letter) for letter in items])


@router.get(
    "/claims/{number}/letter-templates",
    **responses({200: list[LetterTemplateOut]}, 403, 404),
    summary="Letters a claim can be sent",
    description="Every letter of the claim's jurisdiction, ready ones first, each with what must be recorded "
    "before it can be issued. Claims staff who work the claim.",
)
def claim_letter_templates(request: HttpRequest, number: str) -> list[LetterTemplateOut]:
    claim = _staff_claim(request, number)
    return [LetterTemplateOut.of(c) for c in letter_choices(claim=claim, on=clock.today())]


def _pdf_doc() -> dict[str, Any]:
    documented = responses({}, 403, 404)
    documented["openapi_extra"]["responses"][200] = {
        "description": "The letter as it would print today (nothing is kept).",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
    return documented


@router.get(
    "/claims/{number}/letter-templates/{template_id}/preview",
    **_pdf_doc(),
    summary="Preview a letter as PDF",
    description="The letter filled with the claim's figures as they stand, as a PDF; nothing is stored or "
    "sent. Claims staff who work the claim.",
)
def claim_letter_preview(request: HttpRequest, number: str, template_id: str) -> HttpResponse:
    claim = _staff_claim(request, number)
    return preview_pdf_response(claim, letter_template_for(claim=claim, template_id=template_id))


@router.post(
    "/claims/{number}/letters",
    **responses({201: LetterOut}, 400, 403, 404),
    summary="Issue a letter",
    description="Prints the letter, keeps the PDF as a correspondence document, sends it to each recipient "
    "(e-mail recipients get the PDF attached; mail and certified mail are recorded with the address and "
    "article number) and appends `notice.sent`. Refused, naming the field, while a figure the letter must "
    "carry is missing (`template_id`), a required recipient is absent (`recipients`), a recipient lacks an "
    "address, e-mail or article number (`recipients.N.…`) or the enclosures are not confirmed "
    "(`enclosures_confirmed`); nothing is kept or sent.",
)
def claim_letter_issue(request: HttpRequest, number: str, body: LetterIssueIn) -> Status[LetterOut]:
    user = user_of(request)
    claim = _staff_claim(request, number)
    recipients = [
        RecipientInput(
            party=r.party,
            name=r.name,
            method=r.method,
            address=r.address,
            email=r.email,
            tracking_number=r.tracking_number,
        )
        for r in body.recipients
    ]
    try:
        letter = letter_issue(
            actor=user,
            claim=claim,
            template_id=body.template_id,
            recipients=recipients,
            enclosures_confirmed=body.enclosures_confirmed,
        )
    except ValidationFailed as exc:
        raise _dotted(exc) from None
    return Status(201, LetterOut.of(letter))


@router.get(
    "/letters/{letter_id}",
    **responses({200: LetterOut}, 404),
    summary="A letter",
    description="What was printed, from which template version, to whom and how.",
)
def letter_detail(request: HttpRequest, letter_id: int) -> LetterOut:
    return LetterOut.of(letter_get_for_user(pk=letter_id, user=user_of(request)))
