"""A Denver-style Colorado claim for the modified duty tests.

The book's clock is Monday 2 November 2026, 15:00 UTC. The claim (the book's worker at Acme
Fabrication, whose policies list the modified duty program and the light duty review) was
injured on Monday 1 June 2026 (FY 2025-26: maximum TTD $1,396.85); a monthly wage of
$6,500.00 gives an AWW of $1,500.00 and TTD of $1,000.00 a week, paid by cheque from
Tuesday 2 June. The treating doctor's RTW pass of Thursday 29 October 2026 allows modified
duty lifting at most 20 lb.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opencomp.accounts.models import Organisation
from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
from opencomp.benefits.tests.conftest import open_claim
from opencomp.claims.services import claim_assign, claim_participant_add, claim_transition
from opencomp.parties.models import Worker
from opencomp.payments.enums import Category
from opencomp.payments.schedule_services import payment_schedule_start
from opencomp.payments.services import reserve_set
from opencomp.payments.tests.fixtures import give_authority
from opencomp.rtw.services import modified_duty_offer
from opencomp.workstatus.services import work_status_record

D = dt.date
RESTRICTIONS_DAY = D(2026, 10, 29)


@pytest.fixture
def denver(book):
    """The accepted CO claim with TTD paying and the RTW pass of 29 October recorded."""
    Organisation.objects.filter(pk=book.employer.pk).update(
        policies=["modified_duty_program", "light_duty_review"]
    )
    Worker.objects.filter(pk=book.worker.pk).update(
        street="12 Elm St", city="Denver", region="CO", postcode="80203"
    )
    adjuster = book.users["adjuster"]
    give_authority(adjuster, payment="5000.00", reserve="100000.00")
    claim = open_claim(book, "CO", D(2026, 6, 1))
    claim = claim_assign(actor=None, claim=claim, adjuster=adjuster)
    claim_participant_add(actor=None, claim=claim, role="treating_doctor", provider=book.provider)
    claim = claim_transition(actor=None, claim=claim, to_status="accepted")
    wage_statement_record(
        actor=adjuster,
        claim=claim,
        statement=WageStatementInput(method="monthly", monthly_wage=Decimal("6500.00")),
    )
    benefit_rate_decide(actor=adjuster, claim=claim, benefit="TTD")
    reserve_set(
        actor=adjuster, claim=claim, category=Category.INDEMNITY, amount=Decimal("60000.00"), reason="Initial"
    )
    payment_schedule_start(
        actor=adjuster, claim=claim, benefit="TTD", first_day=D(2026, 6, 2), method="cheque"
    )
    work_status_record(
        actor=adjuster,
        claim=claim,
        kind="rtw_pass",
        examined_on=RESTRICTIONS_DAY,
        valid_from=RESTRICTIONS_DAY,
        capacity="partial",
        hours_per_day="6",
        days_per_week="5",
        restrictions=[{"kind": "lifting", "limit": "20"}, {"kind": "climbing", "note": "no ladders"}],
        provider_id=book.provider.pk,
    )
    claim.refresh_from_db()
    return claim


@pytest.fixture
def offer(book, denver):
    """Offer the records clerk assignment from Tuesday 3 November; keyword arguments override."""

    def _offer(**overrides):
        values = dict(
            actor=book.users["adjuster"],
            claim=denver,
            position="Records clerk",
            duties="Scanning and filing work orders; answering the parts counter telephone.",
            department="Fleet Maintenance",
            agency="Public Works",
            hours_per_day="6",
            days_per_week="5",
            weekly_earnings="600.00",
            start_on=D(2026, 11, 3),
            demands=[{"kind": "lifting", "limit": "10"}, {"kind": "sitting", "limit": "60"}],
            atp_approved_by="Dr Jo Reyes",
            atp_approved_on=D(2026, 10, 30),
            tracking_number="9407 1000 0000 0000 0000 01",
        )
        values.update(overrides)
        return modified_duty_offer(**values)

    return _offer
