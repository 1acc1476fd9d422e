"""The worker's consent, the disclosure log and requests for the worker's own information.

Those who work the claim record consents, withdrawals, disclosures and requests. Those
entitled to the claim's medical detail (its staff, treating providers, the worker, the
regulator) read everything; employer-side users read only what concerns the employer (the
consents releasing something to it, with only that part of their scope, and the disclosures
made to it); other roles that see the claim get 403, and a hidden claim is 404.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import PageParams
from opencomp.claims.access import claim_get_for_user, require
from opencomp.claims.models import Claim
from opencomp.claims.selectors import claim_today
from opencomp.consent.access import user_can_read_consents, user_reads_all_consents
from opencomp.consent.enums import ConsentCategory, ConsentRecipient, DisclosureRecipient
from opencomp.consent.models import Disclosure
from opencomp.consent.selectors import (
    AccessRequest,
    ConsentView,
    access_requests,
    claim_consents,
    claim_disclosures,
    consent_get_for_user,
    consent_permits,
)
from opencomp.consent.services import (
    access_request_complete,
    access_request_record,
    consent_give,
    consent_withdraw,
    disclosure_record,
)
from opencomp.deadlines.selectors import obligations_started_by

router = Router(tags=["Consent"])

if TYPE_CHECKING:
    CategoryName = str
    DisclosedTo = str
else:
    CategoryName = Literal[tuple(ConsentCategory.values)]
    DisclosedTo = Literal[tuple(DisclosureRecipient.values)]

CATEGORIES = ", ".join(f"`{c}`" for c in ConsentCategory.values)
RECIPIENTS = ", ".join(f"`{r}`" for r in ConsentRecipient.values)
DISCLOSED_TO = ", ".join(f"`{r}`" for r in DisclosureRecipient.values)
READ_ALL = (
    "Read by those who may read the claim's medical detail (staff, treating providers, worker, regulator)"
)
WRITE = "Those who work the claim (its administrator's adjusters and supervisors, system administrators)."


def _name(user: object) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""  # type: ignore[attr-defined]


def _readable(request: HttpRequest, number: str, *, everything: bool = False) -> Claim:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    allowed = user_reads_all_consents(user, claim) if everything else user_can_read_consents(user, claim)
    require(allowed, "Your role does not read this claim's consents.")
    return claim


class ConsentOut(BaseModel):
    id: int
    claim_number: str
    state: str = Field(
        description="`current`, `not_yet`, `expired` or `withdrawn`, today in the claim's jurisdiction."
    )
    given_by: str = Field(description="`worker` or `representative`.")
    representative_name: str
    given_on: dt.date
    method: str = Field(description="`signed_form`, `online_form` or `verbal_confirmed_in_writing`.")
    purpose: str
    expires_on: dt.date | None
    scope: dict[str, list[str]] = Field(
        description="Categories released, by recipient; for employer-side users only the employer's."
    )
    given_seq: int = Field(description="The claim's `consent.given` event.")
    recorded_by: str
    withdrawn_on: dt.date | None
    withdrawal_method: str
    withdrawal_reason: str = Field(description="Empty for employer-side users.")
    withdrawn_seq: int | None
    disclosures: int = Field(description="Disclosures recorded under it (that the caller may read).")

    @classmethod
    def of(cls, row: ConsentView, *, everything: bool) -> ConsentOut:
        c = row.consent
        return cls(
            id=c.pk,
            claim_number=c.claim.number,
            state=row.state,
            given_by=c.given_by,
            representative_name=c.representative_name,
            given_on=c.given_on,
            method=c.method,
            purpose=c.purpose,
            expires_on=c.expires_on,
            scope=row.scope,
            given_seq=c.given_seq,
            recorded_by=_name(c.recorded_by),
            withdrawn_on=c.withdrawn_on,
            withdrawal_method=c.withdrawal_method,
            withdrawal_reason=c.withdrawal_reason if everything else "",
            withdrawn_seq=c.withdrawn_seq,
            disclosures=row.disclosures,
        )


class ConsentPage(BaseModel):
    count: int
    items: list[ConsentOut]


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    given_by: str = Field(description="`worker`, or `representative` (then name them).")
    representative_name: str = Field("", max_length=200)
    given_on: dt.date
    method: str = Field(
        description="`signed_form`, `online_form` or `verbal_confirmed_in_writing` "
        "(seed 004 asks for written consent)."
    )
    categories: list[str] = Field(description=f"At least one of {CATEGORIES}.")
    recipients: list[str] = Field(description=f"At least one of {RECIPIENTS}.")
    purpose: str = Field(max_length=500)
    expires_on: dt.date | None = Field(None, description="Last day it covers; none: until withdrawn.")


class WithdrawalIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    withdrawn_on: dt.date = Field(description="The consent no longer covers this day or any after it.")
    method: str = Field(
        description="How the worker withdrew it: `phone`, `email`, `letter`, `in_person`, `portal`…"
    )
    reason: str = Field("", max_length=2000)


class CheckQuery(BaseModel):
    category: CategoryName = Field(description=f"One of {CATEGORIES}.")
    recipient: DisclosedTo = Field(description=f"One of {DISCLOSED_TO}.")
    on: dt.date | None = Field(
        None, description="The day of the release; today in the claim's jurisdiction if none."
    )


class CheckOut(BaseModel):
    permitted: bool
    basis: str = Field(
        description="`consent`, `own_information` (the worker's own, no consent needed) or empty."
    )
    consent_id: int | None
    on: dt.date


class DisclosureOut(BaseModel):
    id: int
    category: str
    recipient: str
    recipient_name: str
    channel: str
    disclosed_on: dt.date
    document_ids: list[int]
    description: str
    basis: str
    consent_id: int | None
    seq: int = Field(description="The claim's `information.disclosed` event.")
    recorded_by: str
    recorded_at: dt.datetime

    @classmethod
    def of(cls, d: Disclosure) -> DisclosureOut:
        return cls(
            id=d.pk,
            category=d.category,
            recipient=d.recipient,
            recipient_name=d.recipient_name,
            channel=d.channel,
            disclosed_on=d.disclosed_on,
            document_ids=list(d.document_ids),
            description=d.description,
            basis=d.basis,
            consent_id=d.consent_id,
            seq=d.seq,
            recorded_by=_name(d.recorded_by),
            recorded_at=d.recorded_at,
        )


class DisclosurePage(BaseModel):
    count: int
    items: list[DisclosureOut]


class DisclosureIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    category: str = Field(description=f"One of {CATEGORIES}.")
    recipient: str = Field(description=f"One of {DISCLOSED_TO}.")
    recipient_name: str = Field(max_length=200, description="Who exactly received it (organisation, person).")
    channel: str = Field(description="`email`, `letter`, `portal`, `phone`, `in_person`, `fax` or `sms`.")
    disclosed_on: dt.date
    document_ids: list[int] = Field(
        default_factory=list, description="The claim's documents released, of the category."
    )
    description: str = Field(
        "", max_length=2000, description="What was released (needed when no documents are named)."
    )


class AccessRequestOut(BaseModel):
    seq: int = Field(description="The claim's `request.received` event (subject `personal_information`).")
    received_on: dt.date
    from_party: str
    description: str
    due_date: dt.date | None = Field(
        description="From the rule pack's obligation; none where the pack has no such clock."
    )
    obligation_status: str = Field(
        description="`open`, `satisfied`, `late`, `waived`, `cancelled`, or empty."
    )
    rule_id: str
    completed_seq: int | None
    completed_at: dt.datetime | None
    completion_note: str


class AccessRequestPage(BaseModel):
    count: int
    items: list[AccessRequestOut]


class AccessRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    received_on: dt.date
    from_party: str = Field("worker", description="`worker`, `attorney`, `family` or `other`.")
    requested_by: str = Field(
        "", max_length=200, description="The name of whoever asked for the worker, if not the worker."
    )
    description: str = Field(max_length=2000, description="What information is asked for.")


class CompletionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    provided: str = Field(max_length=1900, description="What was provided to the worker.")
    channel: str = Field(description="How: `email`, `letter`, `portal`, `in_person`…")
    completed_at: dt.datetime | None = Field(None, description="When it was provided; now if none.")


def _requests_out(claim: Claim, rows: list[AccessRequest]) -> list[AccessRequestOut]:
    started = obligations_started_by(claim, [r.seq for r in rows])
    out = []
    for r in rows:
        o = started.get(r.seq)
        out.append(
            AccessRequestOut(
                seq=r.seq,
                received_on=r.received_on,
                from_party=r.from_party,
                description=r.description,
                due_date=o.due_date if o else None,
                obligation_status=o.status if o else "",
                rule_id=o.rule_id if o else "",
                completed_seq=r.completed_seq,
                completed_at=r.completed_at,
                completion_note=r.completion_note,
            )
        )
    return out


@router.get(
    "/claims/{number}/consents",
    **responses({200: ConsentPage}, 400, 403, 404),
    summary="A claim's consents",
    description=f"Newest first. {READ_ALL}; employer-side users only the consents releasing something to the "
    "employer, with only the employer's part of the scope. Other roles: 403.",
)
def claim_consent_list(request: HttpRequest, number: str, query: Query[PageParams]) -> ConsentPage:
    user = user_of(request)
    claim = _readable(request, number)
    everything = user_reads_all_consents(user, claim)
    count, items = page_of(claim_consents(user=user, claim=claim), query)
    return ConsentPage(count=count, items=[ConsentOut.of(row, everything=everything) for row in items])


@router.post(
    "/claims/{number}/consents",
    **responses({201: ConsentOut}, 400, 403, 404),
    summary="Record the worker's consent",
    description="Who gave it, when, how, what it releases to whom (every category to every recipient named), "
    f"for what purpose and until when. Appends `consent.given`. {WRITE}",
)
def claim_consent_give(request: HttpRequest, number: str, body: ConsentIn) -> Status[ConsentOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    consent = consent_give(actor=user, claim=claim, **body.model_dump())
    row = next(r for r in claim_consents(user=user, claim=claim) if r.consent.pk == consent.pk)
    return Status(201, ConsentOut.of(row, everything=True))


@router.post(
    "/claims/{number}/consents/{consent_id}/withdrawal",
    **responses({200: ConsentOut}, 400, 403, 404),
    summary="Withdraw a consent",
    description="From `withdrawn_on` (not retroactively). Refused if already withdrawn, before the consent "
    f"was given or after it expired. Appends `consent.withdrawn`. {WRITE}",
)
def consent_withdrawal(request: HttpRequest, number: str, consent_id: int, body: WithdrawalIn) -> ConsentOut:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    require(user_can_read_consents(user, claim), "Your role does not read this claim's consents.")
    consent = consent_get_for_user(user=user, claim=claim, pk=consent_id)
    consent_withdraw(actor=user, consent=consent, **body.model_dump())
    row = next(r for r in claim_consents(user=user, claim=claim) if r.consent.pk == consent_id)
    return ConsentOut.of(row, everything=True)


@router.get(
    "/claims/{number}/consents/check",
    **responses({200: CheckOut}, 400, 403, 404),
    summary="Does consent permit a release?",
    description="Whether releasing `category` to `recipient` on `on` is permitted, and the consent relied "
    "on. "
    f"{READ_ALL}.",
)
def claim_consent_check(request: HttpRequest, number: str, query: Query[CheckQuery]) -> CheckOut:
    claim = _readable(request, number, everything=True)
    day = query.on or claim_today(claim)
    answer = consent_permits(claim=claim, category=query.category, recipient=query.recipient, on=day)
    return CheckOut(
        permitted=answer.permitted,
        basis=answer.basis,
        consent_id=answer.consent.pk if answer.consent else None,
        on=day,
    )


@router.get(
    "/claims/{number}/disclosures",
    **responses({200: DisclosurePage}, 400, 403, 404),
    summary="A claim's disclosure log",
    description=f"Every release of the worker's information, newest first. {READ_ALL}; employer-side users "
    "only the disclosures made to the employer.",
)
def claim_disclosure_list(request: HttpRequest, number: str, query: Query[PageParams]) -> DisclosurePage:
    user = user_of(request)
    claim = _readable(request, number)
    count, items = page_of(claim_disclosures(user=user, claim=claim), query)
    return DisclosurePage(count=count, items=[DisclosureOut.of(d) for d in items])


@router.post(
    "/claims/{number}/disclosures",
    **responses({201: DisclosureOut}, 400, 403, 404),
    summary="Record a disclosure",
    description="A release of the worker's information to a party. Refused naming `recipient` when no "
    "consent in force on `disclosed_on` releases the category to that recipient; the worker's own "
    f"information to the worker needs none. Appends `information.disclosed`. {WRITE}",
)
def claim_disclosure_record(request: HttpRequest, number: str, body: DisclosureIn) -> Status[DisclosureOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    disclosure = disclosure_record(actor=user, claim=claim, **body.model_dump())
    return Status(201, DisclosureOut.of(disclosure))


@router.get(
    "/claims/{number}/access-requests",
    **responses({200: AccessRequestPage}, 400, 403, 404),
    summary="Requests for the worker's own information",
    description="Each request (`request.received`, subject `personal_information`) with the due date of the "
    f"obligation it started (NSW: ten business days) and its completion. {READ_ALL}.",
)
def claim_access_request_list(
    request: HttpRequest, number: str, query: Query[PageParams]
) -> AccessRequestPage:
    claim = _readable(request, number, everything=True)
    count, items = page_of(access_requests(claim=claim), query)
    return AccessRequestPage(count=count, items=_requests_out(claim, items))


@router.post(
    "/claims/{number}/access-requests",
    **responses({201: AccessRequestOut}, 400, 403, 404),
    summary="Record a request for the worker's own information",
    description="Appends `request.received` (subject `personal_information`), which starts the clock. "
    f"{WRITE}",
)
def claim_access_request_record(
    request: HttpRequest, number: str, body: AccessRequestIn
) -> Status[AccessRequestOut]:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    event = access_request_record(actor=user, claim=claim, **body.model_dump())
    row = next(r for r in access_requests(claim=claim) if r.seq == event.seq)
    return Status(201, _requests_out(claim, [row])[0])


@router.post(
    "/claims/{number}/access-requests/{request_seq}/completion",
    **responses({200: AccessRequestOut}, 400, 403, 404),
    summary="Complete a request for the worker's own information",
    description=f"What was provided and how. Appends `request.completed`, which satisfies the clock. {WRITE}",
)
def claim_access_request_complete(
    request: HttpRequest, number: str, request_seq: int, body: CompletionIn
) -> AccessRequestOut:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    access_request_complete(actor=user, claim=claim, request_seq=request_seq, **body.model_dump())
    row = next(r for r in access_requests(claim=claim) if r.seq == request_seq)
    return _requests_out(claim, [row])[0]
