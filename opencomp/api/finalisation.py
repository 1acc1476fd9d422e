"""Closing a claim and reopening it: the closing checks, the intention to close, close, reopen, determine.

The checks are read by the claim's staff, its administrator's auditor and the regulator's
compliance officer (others who see the claim get 403); everything else is the claim's staff's.
A failing check refuses the close with 400 naming it (`invoices`, `reimbursements`,
`obligations`, `reserves`, `intention_to_close`, `to_status`) and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import BaseModel, ConfigDict, Field

from opencomp.accounts.models import User
from opencomp.api.auth import user_of
from opencomp.api.errors import responses
from opencomp.api.schemas import ClaimOut
from opencomp.claims.access import claim_get_for_user, require
from opencomp.claims.models import Claim
from opencomp.finalisation.access import user_can_view_closure
from opencomp.finalisation.enums import FinalisationReason, RecurrenceOutcome, ReopenKind
from opencomp.finalisation.selectors import ClosureCheck, closure_checklist
from opencomp.finalisation.services import (
    claim_close,
    claim_reopen,
    closure_intention_record,
    recurrence_determine,
)

router = Router(tags=["Finalisation"])

REASONS = "; ".join(f"`{c.value}`: {c.label}" for c in FinalisationReason)
KINDS = ", ".join(f"`{c}`" for c in ReopenKind.values)


class CheckItemOut(BaseModel):
    text: str
    ref: int | str | None = Field(None, description="The invoice or schedule id, or the obligation key.")


class CheckOut(BaseModel):
    key: str
    label: str
    passed: bool
    detail: str
    items: list[CheckItemOut]

    @classmethod
    def of(cls, c: ClosureCheck) -> CheckOut:
        return cls(
            key=c.key,
            label=c.label,
            passed=c.passed,
            detail=c.detail,
            items=[CheckItemOut(text=i.text, ref=i.ref) for i in c.items],
        )


class ChecklistOut(BaseModel):
    claim_number: str
    status: str
    passed: bool = Field(description="Every check passes: the claim may be closed now.")
    checks: list[CheckOut]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class IntentionIn(_In):
    party: str = Field(description="`worker`, `employer` or `provider`.")
    party_name: str = ""
    advised_on: dt.date | None = None
    channel: str = Field(description="`phone`, `email`, `letter`, `in_person`, `portal`, `fax` or `sms`.")
    summary: str = ""


class IntentionOut(BaseModel):
    seq: int
    party: str
    advised_on: dt.date


class CloseIn(_In):
    to_status: str = Field(description="`closed` or `finalised`.")
    reason: str = Field(description=f"Seed 004's Finalisation list: {REASONS}.")
    details: str = ""
    release_reserves: bool = Field(
        False, description="Release every outstanding reserve (a `reserve.changed` each) instead of refusing."
    )
    expected_status: str | None = Field(None, description="The status you saw; 409 if the claim moved since.")


class ReopenIn(_In):
    kind: str = Field(description=f"One of {KINDS}.")
    notified_on: dt.date | None = Field(None, description="When the administrator was told.")
    evidence: str = ""
    details: str = ""
    expected_status: str | None = None


class DeterminationIn(_In):
    outcome: str = Field(description=f"One of {', '.join(f'`{v}`' for v in RecurrenceOutcome.values)}.")
    decided_on: dt.date | None = None
    reasons: str = ""
    further_treatment_required: bool = False
    reopening_seq: int | None = Field(
        None, description="The reopening determined; default: the latest waiting."
    )


class DeterminationOut(BaseModel):
    seq: int
    reopening_seq: int
    outcome: str
    decided_on: dt.date


def _claim(request: HttpRequest, number: str) -> tuple[User, Claim]:
    user = user_of(request)
    return user, claim_get_for_user(number=number, user=user)


@router.get(
    "/claims/{number}/closure-checks",
    **responses({200: ChecklistOut}, 403, 404),
    summary="The claim's closing checks",
    description="Each check closing runs first, with its state and what holds it back.",
)
def claim_closure_checks(request: HttpRequest, number: str) -> ChecklistOut:
    user, claim = _claim(request, number)
    require(user_can_view_closure(user, claim), "You may not see this claim's closing checks.")
    checklist = closure_checklist(claim)
    return ChecklistOut(
        claim_number=claim.number,
        status=claim.status,
        passed=checklist.passed,
        checks=[CheckOut.of(c) for c in checklist.checks],
    )


@router.post(
    "/claims/{number}/closure-intentions",
    **responses({201: IntentionOut}, 400, 403, 404),
    summary="Record telling a party of the intention to close",
    description="Seed 004: before finalisation, contact the worker, employer and any relevant service "
    "providers to advise of the intention to close. Appends `closure.intention_advised`.",
)
def claim_closure_intention(request: HttpRequest, number: str, body: IntentionIn) -> Status[IntentionOut]:
    user, claim = _claim(request, number)
    event = closure_intention_record(actor=user, claim=claim, **body.model_dump())
    return Status(201, IntentionOut(seq=event.seq, party=body.party, advised_on=event.payload["advised_on"]))


@router.post(
    "/claims/{number}/close",
    **responses({200: ClaimOut}, 400, 403, 404, 409),
    summary="Close or finalise the claim",
    description="Runs the closing checks; each failing one is refused under its name and nothing changes. "
    "Then `claim.status_changed`, a message to the worker and employer, and `claim.finalisation_recorded`; "
    "in NSW the written confirmation (`notice.sent`, `claim_closure`) is due the same day.",
)
def claim_close_api(request: HttpRequest, number: str, body: CloseIn) -> ClaimOut:
    user, claim = _claim(request, number)
    return ClaimOut.of(claim_close(actor=user, claim=claim, **body.model_dump()))


@router.post(
    "/claims/{number}/reopen",
    **responses({200: ClaimOut}, 400, 403, 404, 409),
    summary="Reopen a closed or finalised claim",
    description=f"Why ({KINDS}), when the administrator was notified, and the evidence. Appends "
    "`claim.status_changed` and `claim.reopening_recorded`.",
)
def claim_reopen_api(request: HttpRequest, number: str, body: ReopenIn) -> ClaimOut:
    user, claim = _claim(request, number)
    return ClaimOut.of(claim_reopen(actor=user, claim=claim, **body.model_dump()))


@router.post(
    "/claims/{number}/recurrence-determinations",
    **responses({201: DeterminationOut}, 400, 403, 404),
    summary="Determine a recurrence or aggravation",
    description="Accepted or declined, with reasons. In NSW an accepted one must be advised to the worker "
    "and "
    "employer within 2 business days of `decided_on` (`notice.sent`, `recurrence_decision`). Appends "
    "`recurrence.determined`.",
)
def claim_recurrence_determine(
    request: HttpRequest, number: str, body: DeterminationIn
) -> Status[DeterminationOut]:
    user, claim = _claim(request, number)
    event = recurrence_determine(actor=user, claim=claim, **body.model_dump())
    return Status(
        201,
        DeterminationOut(
            seq=event.seq,
            reopening_seq=event.payload["reopening_seq"],
            outcome=event.payload["outcome"],
            decided_on=event.payload["decided_on"],
        ),
    )
