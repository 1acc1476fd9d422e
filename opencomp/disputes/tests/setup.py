"""Claims with decisions to dispute, built through the real services (for the disputes tests and the
permission matrices)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from opencomp.accounts.services import user_create
from opencomp.claims.enums import EventKind
from opencomp.claims.liability_services import LiabilityInput, liability_decide
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.selectors import claim_today
from opencomp.claims.services import claim_assign
from opencomp.deadlines.tests.claims import open_claim
from opencomp.disputes.hearing_services import (
    OrderInput,
    RepresentativeInput,
    hearing_outcome_record,
    hearing_schedule,
)
from opencomp.disputes.models import Dispute, Hearing, SettlementOffer
from opencomp.disputes.services import dispute_raise, dispute_review_start
from opencomp.disputes.settlement_services import settlement_offer_draft

D = dt.date
#: The book's clock is Monday 2 November 2026 15:00 UTC.
HEARD_AT = dt.datetime(2026, 10, 30, 16, 0, tzinfo=dt.UTC)
NEXT_WEEK = dt.datetime(2026, 11, 9, 16, 0, tzinfo=dt.UTC)


def decision_of(claim: Claim) -> ClaimEvent:
    return ClaimEvent.objects.filter(claim=claim, kind=EventKind.LIABILITY_DECIDED).latest("seq")


def contested(book: Any) -> Claim:
    """The book's Colorado claim, contested (NOC) by its adjuster."""
    return liability_decide(
        actor=book.users["adjuster"],
        claim=book.claim,
        given=LiabilityInput(decision="contest", reasons="Not in the course of employment."),
    )


def nsw_disputed(book: Any) -> Claim:
    """An NSW claim at Acme whose liability the adjuster disputed, signed off by the supervisor."""
    claim = claim_assign(actor=None, claim=open_claim(book, "NSW"), adjuster=book.users["adjuster"])
    return liability_decide(
        actor=book.users["adjuster"],
        claim=claim,
        given=LiabilityInput(
            decision="disputed",
            reasons="The injury happened on the way home.",
            evidence=("Worker's statement",),
            signed_off_by=book.users["supervisor"],
        ),
    )


def liability_dispute(book: Any, claim: Claim | None = None) -> Dispute:
    """The worker disputes the book claim's notice of contest."""
    claim = claim or contested(book)
    return dispute_raise(
        actor=book.users["adjuster"],
        claim=claim,
        kind="liability",
        raised_by="worker",
        decision_seq=decision_of(claim).seq,
        raised_on=claim_today(claim),
        grounds="The worker says she was lifting at work.",
    )


def under_review(book: Any) -> Dispute:
    """The liability dispute under internal review by adjuster2 (who had no part in the contest)."""
    return dispute_review_start(
        actor=book.users["supervisor"], dispute=liability_dispute(book), reviewer=book.users["adjuster2"]
    )


def hearing(book: Any, *, starts_at: dt.datetime = HEARD_AT) -> Hearing:
    """An ALJ hearing on the book's claim, with both sides' attorneys."""
    return hearing_schedule(
        actor=book.users["adjuster"],
        claim=book.claim,
        forum_code="co_alj_hearing",
        starts_at=starts_at,
        location="1525 Sherman St, Denver",
        representatives=[
            RepresentativeInput(name="Lee Ortiz", firm="Ortiz Law", side="worker"),
            RepresentativeInput(name="Kim Hale", firm="Hale & Co", side="insurer"),
        ],
    )


ORDER_DUE = dt.date(2026, 11, 16)


def held_with_order(book: Any, due_on: dt.date = ORDER_DUE) -> Hearing:
    """The hearing held, with one order: pay the medical bills by ``due_on``."""
    return hearing_outcome_record(
        actor=book.users["adjuster"],
        hearing=hearing(book),
        outcome="The ALJ ordered the medical bills paid.",
        orders=[OrderInput(description="Pay Dr Reyes's bills", due_on=due_on)],
    )


def offer(book: Any, claim: Claim | None = None, *, actor: str = "adjuster") -> SettlementOffer:
    return settlement_offer_draft(
        actor=book.users[actor] if isinstance(actor, str) else actor,
        claim=claim or book.claim,
        amount=Decimal("25000.00"),
        terms="Full and final settlement of the claim.",
    )


def pool_people(book: Any) -> dict[str, Any]:
    """The pool's adjuster and supervisor, and the member district's WC coordinator and supervisor."""

    def user(username: str, role: str, org: Any) -> Any:
        return user_create(
            actor=None,
            username=username,
            password="correct-horse-battery-staple",
            role=role,
            organisation=org,
            first_name=username.title(),
            last_name="Tester",
            email=f"{username}@example.test",
        )

    return {
        "pool_adjuster": user("pool_adjuster", "adjuster", book.pool),
        "pool_supervisor": user("pool_supervisor", "supervisor", book.pool),
        "district_coordinator": user("district_coordinator", "employer_coordinator", book.pool_member),
        "district_supervisor": user("district_supervisor", "employer_supervisor", book.pool_member),
    }


AMOUNT = Decimal("25000.00")
