"""The book's NSW claim made ready for wage reimbursement schedules (imported by the API and web tests).

The book's NSW claim (Tom Nguyen at Blue Gum Logistics, Harbour Insurance) is moved to
an injury on Monday 14 October 2024, provisionally accepted, with PIAWE $1,500.00 and
the week-1 rate of $1,425.00 decided from Tuesday 15 October 2024; $9,000.00 of
indemnity reserve; Harbour's adjuster may pay $5,000.00 without approval.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
from opencomp.benefits.tests.conftest import lines
from opencomp.claims.models import Claim
from opencomp.claims.services import claim_correct_details, claim_transition
from opencomp.payments.models import Authority
from opencomp.payments.models_reimbursements import WageReimbursement
from opencomp.payments.reimbursement_services import (
    WeekLine,
    wage_reimbursement_decide,
    wage_reimbursement_submit,
)
from opencomp.payments.services import reserve_set

WEEK1 = WeekLine(1, dt.date(2024, 10, 15), dt.date(2024, 10, 21), Decimal("1425.00"))


def wrs_claim_ready(book: Any) -> Claim:
    claim = claim_correct_details(
        actor=None,
        claim=book.other_claim,
        changes={"injury_date": dt.date(2024, 10, 14)},
        reason="Year mistyped",
    )
    claim = claim_transition(actor=None, claim=claim, to_status="provisionally_accepted")
    statement = WageStatementInput("piawe", lines=lines(dt.date(2023, 10, 16), 26, "3000.00"))
    wage_statement_record(actor=None, claim=claim, statement=statement)
    benefit_rate_decide(actor=None, claim=claim, benefit="weekly", week_start=dt.date(2024, 10, 15))
    Authority.objects.create(
        user=book.users["other_adjuster"],
        payment_limit=Decimal("5000.00"),
        reserve_limit=Decimal("100000.00"),
        set_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )
    reserve_set(
        actor=book.users["admin"], claim=claim, category="indemnity", amount=Decimal("9000"), reason="Est"
    )
    return Claim.objects.get(pk=claim.pk)


def wrs_sent(book: Any, *, decided: bool = False) -> WageReimbursement:
    """Week 1 sent by Blue Gum's coordinator (and decided by Harbour's adjuster)."""
    claim = wrs_claim_ready(book)
    wrs = wage_reimbursement_submit(
        actor=book.users["other_employer_coordinator"], claim=claim, weeks=[WEEK1], channel="api"
    )
    if decided:
        wrs = wage_reimbursement_decide(actor=book.users["other_adjuster"], reimbursement=wrs)
    return wrs
