"""Every operation by every role of the book (+ anonymous), with the exact status each must get.

Each row names an operation, how to build a request against the book, and the
expected status for every caller. A row runs every caller against the same data,
each request in its own rolled-back transaction, so one caller's success never
changes what the next one sees. ``test_every_operation_is_in_the_matrix`` fails when
an operation is added to the API without a row here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import pytest
from django.db import transaction

from opencomp.api.main import api as ninja_api
from opencomp.api.tests.bodies import (
    DRUG_TEST,
    MEDICAL_NOTE,
    NOTE,
    SUPERVISOR_REPORT,
    claim_body,
    new_incident,
    new_report,
    new_worker,
)
from opencomp.api.tests.conftest import ANONYMOUS, Upload
from opencomp.benefits.services import WageStatementInput, benefit_rate_decide, wage_statement_record
from opencomp.claims.services import claim_correct_details
from opencomp.deadlines.services import diary_entry_add

ROLES = [
    "adjuster",
    "adjuster2",
    "supervisor",
    "other_adjuster",
    "employer_supervisor",
    "employer_coordinator",
    "other_employer_coordinator",
    "worker",
    "other_worker",
    "provider",
    "compliance_officer",
    "nsw_compliance_officer",
    "pool_administrator",
    "auditor",
    "admin",
]
CALLERS = [*ROLES, ANONYMOUS]

# Who sees what in the book (see the root conftest): the insurer's staff see Acme and its claim;
# "other_*" users belong to Blue Gum / Harbour; the pool administrator sees only its member.
CLAIM_READERS = (
    "adjuster",
    "adjuster2",
    "supervisor",
    "auditor",
    "employer_supervisor",
    "employer_coordinator",
    "worker",
    "provider",
    "compliance_officer",
    "admin",
)
CLAIM_WORKERS = ("adjuster", "adjuster2", "supervisor", "admin")
ACME_RECORD_READERS = (
    "adjuster",
    "adjuster2",
    "supervisor",
    "auditor",
    "employer_supervisor",
    "employer_coordinator",
    "admin",
)
ACME_FILERS = ("adjuster", "adjuster2", "supervisor", "employer_supervisor", "employer_coordinator", "admin")
FOREIGN_STAFF = ("other_adjuster", "other_employer_coordinator", "pool_administrator")


def statuses(default: int, **groups: tuple[tuple[str, ...], int] | int) -> dict[str, int]:
    """Expected status per caller: ``default`` for every role, anonymous 401, then the overrides.

    An override is either ``role=status`` or ``label=((role, ...), status)``.
    """
    table = dict.fromkeys(ROLES, default)
    table[ANONYMOUS] = 401
    for key, value in groups.items():
        roles, status = ((key,), value) if isinstance(value, int) else value
        for role in roles:
            assert role in table, f"unknown caller {role!r}"
            table[role] = status
    return table


@dataclass(frozen=True)
class Row:
    method: str
    path: str  # as in the OpenAPI document
    request: Callable[[Any], tuple[str, dict[str, Any] | None]]  # ctx -> (concrete path, body)
    expected: dict[str, int]
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}{' ' + self.label if self.label else ''}"


# Deadlines: the roles that see obligations (deadlines.selectors.DIARY_ROLES) among each group.
DIARY_CLAIM_READERS = (
    "adjuster",
    "adjuster2",
    "supervisor",
    "auditor",
    "employer_coordinator",
    "compliance_officer",
    "admin",
)
NO_DIARY = ("employer_supervisor", "worker", "other_worker", "provider")
TIMELINESS_READERS = (
    "supervisor",
    "auditor",
    "compliance_officer",
    "nsw_compliance_officer",
    "pool_administrator",
    "admin",
)


def obligation_path(book: Any, action: str, key: str = "co.first_report_division#1") -> str:
    return f"claims/{book.claim.number}/obligations/{quote(key, safe='')}/{action}"


def diary_entry_path(book: Any, action: str) -> str:
    """A new diary entry on the book's claim (it lasts the whole row), and ``action`` on it."""
    event = diary_entry_add(
        actor=book.users["adjuster"], claim=book.claim, title="Call the worker", due_on=dt.date(2026, 11, 5)
    )
    return obligation_path(book, action, f"diary.entry#{event.seq}")


# Benefits: the calculators are for every role but workers and providers; a claim's benefits are seen by
# its readers but its treating provider, its wages recorded by its workers and the employer's people.
NO_CALCULATORS = ("worker", "other_worker", "provider")
EMPLOYER_PEOPLE = ("employer_supervisor", "employer_coordinator")
WEEKLY_BENEFIT = {"jurisdiction": "CO", "benefit": "TTD", "injury_date": "2023-09-01", "aww": "1939.88"}


def benefits_path(book: Any, tail: str, *, wage_statement: bool = False, rate: bool = False) -> str:
    """The book's claim, injured in a year with a sourced CO maximum; with a wage statement and a TTD rate."""
    claim = claim_correct_details(
        actor=None, claim=book.claim, changes={"injury_date": dt.date(2025, 10, 20)}, reason="Year mistyped"
    )
    if wage_statement or rate:
        statement = WageStatementInput(method="monthly", monthly_wage=Decimal("4000.00"))
        wage_statement_record(actor=None, claim=claim, statement=statement)
    if rate:
        benefit_rate_decide(actor=None, claim=claim, benefit="TTD")
    return f"claims/{claim.number}/{tail}"


# Financials: seen by the claim's readers but its worker and provider; written by its staff, whom the setup
# gives $5,000 of payment authority; approvals decided by supervisors and administrators.
NO_FINANCIALS = ("worker", "provider")
APPROVERS = ("supervisor", "admin")
PAYMENT = {"category": "medical", "amount": "250.00", "payee_kind": "provider", "payee_name": "Dr Jo Reyes"}


def financials_path(book: Any, tail: str) -> str:
    """The book's claim with a $10,000 medical reserve; its staff may pay $5,000 without approval."""
    from opencomp.payments.models import Authority
    from opencomp.payments.services import reserve_set

    for key in ("adjuster", "adjuster2", "supervisor"):
        Authority.objects.create(
            user=book.users[key],
            payment_limit=Decimal("5000.00"),
            reserve_limit=Decimal("50000.00"),
            set_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        )
    reserve_set(
        actor=book.users["admin"],
        claim=book.claim,
        category="medical",
        amount=Decimal("10000.00"),
        reason="Initial estimate",
    )
    return f"claims/{book.claim.number}/{tail}"


def schedules_path(book: Any) -> str:
    """The book's claim accepted, TTD decided, reserved and with authority for its staff."""
    from opencomp.claims.services import claim_transition

    financials_path(book, "")
    path = benefits_path(book, "payment-schedules", rate=True)
    claim_transition(actor=None, claim=book.claim, to_status="accepted")
    return path


def schedule_stop_path(book: Any) -> str:
    from opencomp.payments.schedule_services import payment_schedule_start

    schedules_path(book)
    book.claim.refresh_from_db()
    schedule = payment_schedule_start(
        actor=book.users["admin"],
        claim=book.claim,
        benefit="TTD",
        first_day=dt.date(2025, 10, 21),
        method="cheque",
    )
    return f"payment-schedules/{schedule.pk}/stop"


def _pay(book: Any, actor_key: str) -> Any:
    from opencomp.payments.services import PaymentInput, payment_issue

    payment = PaymentInput(
        category="medical", amount=Decimal("250.00"), payee_kind="provider", payee_name="Dr Jo Reyes"
    )
    return payment_issue(actor=book.users[actor_key], claim=book.claim, payment=payment)


def void_path(book: Any) -> str:
    financials_path(book, "")
    return f"payments/{_pay(book, 'admin').pk}/void"


def decision_path(book: Any) -> str:
    """A payment of the adjuster's waiting for approval (they have no authority; the supervisor has)."""
    from opencomp.payments.models import Authority

    financials_path(book, "")
    Authority.objects.filter(user=book.users["adjuster"]).delete()
    return f"approvals/{_pay(book, 'adjuster').pk}/decision"


# Wage reimbursement schedules: the book's NSW claim (Blue Gum Logistics, Harbour Insurance), seen by its
# employer's coordinator and everyone who sees its financials; decided and reimbursed by its staff.
WRS_READERS = ("other_adjuster", "other_employer_coordinator", "nsw_compliance_officer", "admin")
WRS_SENDERS = ("other_adjuster", "other_employer_coordinator", "admin")
WRS_STAFF = ("other_adjuster", "admin")
WRS_WEEK = {"week_number": 1, "week_from": "2024-10-15", "week_to": "2024-10-21", "amount_claimed": "1425.00"}
WRS_CSV = Upload(
    "wrs.csv", b'week_number,week_from,week_to,amount_claimed\n1,15/10/2024,21/10/2024,"$1,425.00"\n'
)


def wrs_path(book: Any, tail: str = "wage-reimbursements") -> str:
    from opencomp.payments.tests.reimbursement_setup import wrs_claim_ready

    return f"claims/{wrs_claim_ready(book).number}/{tail}"


def wrs_one_path(book: Any, tail: str = "", *, decided: bool = False) -> str:
    from opencomp.payments.tests.reimbursement_setup import wrs_sent

    return f"wage-reimbursements/{wrs_sent(book, decided=decided).pk}{tail}"


# Invoices: seen by whoever sees the claim's money; written by its staff.
INVOICE_READERS = tuple(r for r in CLAIM_READERS if r not in NO_FINANCIALS)
INVOICE = {
    "provider_name": "Dr Jo Reyes",
    "invoice_number": "INV-9",
    "received_on": "2026-10-30",
    "lines": [
        {
            "service_date": "2026-10-22",
            "item_code": "AA010",
            "description": "Consult",
            "amount_claimed": "120.00",
        }
    ],
}


# Documents: who may read the claim's medical detail sees restricted ones (employers never an IME report).
MEDICAL_READERS = ("adjuster", "adjuster2", "supervisor", "admin", "provider", "worker", "compliance_officer")
DOCUMENT_UPLOAD = Upload(
    "report.pdf", b"%PDF-1.7\n%%EOF\n", fields=(("category", "legal"), ("title", "Solicitor's letter"))
)


def document_path(book: Any, tail: str, *, category: str) -> str:
    """A document of ``category`` on the book's claim (uploaded by its adjuster), and ``tail`` on it."""
    import io

    from opencomp.documents.services import document_upload

    document = document_upload(
        actor=book.users["adjuster"],
        claim=book.claim,
        category=category,
        title=f"A {category}",
        file_name="scan.pdf",
        content=io.BytesIO(b"%PDF-1.7\n%%EOF\n"),
    )
    return f"documents/{document.pk}{tail}"


LETTER_RECIPIENTS = [
    {"party": "worker", "name": "Maria Lopez", "method": "mail", "address": "12 Elm Street"},
    {"party": "employer", "name": "Acme", "method": "mail", "address": "1 Plant Road"},
]


def contested_claim(book: Any) -> str:
    """The book's claim given a notice of contest (its letter is then ready to issue)."""
    from opencomp.claims.liability_services import LiabilityInput, liability_decide

    liability_decide(
        actor=book.users["adjuster"],
        claim=book.claim,
        given=LiabilityInput(decision="contest", reasons="Not in the course of employment."),
    )
    return book.claim.number


def letter_path(book: Any) -> str:
    """A notice of contest issued on the book's claim."""
    from opencomp.letters.services import RecipientInput, letter_issue

    number = contested_claim(book)
    book.claim.refresh_from_db()
    letter = letter_issue(
        actor=book.users["adjuster"],
        claim=book.claim,
        template_id="co.notice_of_contest",
        recipients=[RecipientInput(**r) for r in LETTER_RECIPIENTS],
        enclosures_confirmed=True,
    )
    assert number == letter.claim.number
    return f"letters/{letter.pk}"


def consent_path(book: Any, tail: str, *, recipients: tuple[str, ...] = ("employer",)) -> str:
    """The book's claim with the worker's consent releasing IME reports and certificates to ``recipients``."""
    from opencomp.consent.services import consent_give

    consent = consent_give(
        actor=book.users["adjuster"],
        claim=book.claim,
        given_by="worker",
        given_on=dt.date(2026, 10, 22),
        method="signed_form",
        categories=["ime_report", "certificate"],
        recipients=list(recipients),
        purpose="Return to work planning",
    )
    return f"claims/{book.claim.number}/{tail.format(consent_id=consent.pk)}"


def access_request_path(book: Any, tail: str = "") -> str:
    """A request for Maria's own information on the book's claim, and ``tail`` on it."""
    from opencomp.consent.services import access_request_record

    event = access_request_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        received_on=dt.date(2026, 10, 29),
        from_party="worker",
        description="My medical reports",
    )
    return f"claims/{book.claim.number}/access-requests/{event.seq}{tail}"


# Treatment requests: read by the medical-detail readers, recorded and decided by those who work the claim.
ICD_SEARCHERS = ("adjuster", "adjuster2", "supervisor", "other_adjuster", "admin")
TREATMENT_REQUEST = {
    "service": "physiotherapy",
    "treatments": 12,
    "estimated_cost": "1200.00",
    "requested_on": "2026-10-22",
    "received_on": "2026-10-23",
    "provider_name": "Front Range Physio",
    "diagnosis_codes": ["S33.5XXA"],
}


def treatment_path(book: Any, tail: str = "") -> str:
    """A treatment request on the book's claim (received, undecided), and ``tail`` on it."""
    from opencomp.treatment.services import treatment_request_record

    request = treatment_request_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        service="psychology",
        treatments=6,
        estimated_cost=Decimal("900.00"),
        requested_on=dt.date(2026, 10, 22),
        received_on=dt.date(2026, 10, 23),
        provider_name="Dr Lee Psychology",
        diagnosis_codes=["F43.10"],
    )
    return f"claims/{book.claim.number}/treatment-requests/{request.pk}{tail}"


# Physicians and examinations: read by the medical-detail readers, recorded by those who work the claim.
def physician_path(book: Any, tail: str, *, change: bool = False) -> str:
    """The book's claim with its designated doctor (and a pending change request), and ``tail`` on it."""
    from opencomp.physicians.services import physician_change_request, treating_doctor_designate

    adjuster = book.users["adjuster"]
    treating_doctor_designate(
        actor=adjuster,
        claim=book.claim,
        doctor_name="Dr Jo Reyes",
        from_date=dt.date(2026, 10, 20),
        how_chosen="designated",
    )
    if change:
        found = physician_change_request(
            actor=adjuster, claim=book.claim, doctor_name="Dr Sam Ortiz", received_on=dt.date(2026, 10, 26)
        )
        tail = tail.replace("{id}", str(found.pk))
    return f"claims/{book.claim.number}/{tail}"


def ime_path(book: Any) -> str:
    from opencomp.physicians.services import ime_refer

    referral = ime_refer(
        actor=book.users["adjuster"],
        claim=book.claim,
        doctor_name="Dr Helen Marsh",
        specialty="Orthopaedics",
        purpose="Causation",
        appointment_at=dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC),
        place="Denver",
        notice_given_on=dt.date(2026, 11, 2),
    )
    return f"claims/{book.claim.number}/ime-referrals/{referral.pk}/outcome"


def imc_path(book: Any) -> str:
    from opencomp.physicians.services import imc_refer

    referral = imc_refer(
        actor=book.users["adjuster"],
        claim=book.claim,
        consultant_name="Dr Ian Cole",
        reason="Delayed recovery",
        referred_on=dt.date(2026, 10, 30),
        worker_and_doctor_told=True,
    )
    return f"claims/{book.claim.number}/imc-referrals/{referral.pk}/outcome"


# Consent: read in full by those entitled to medical detail (MEDICAL_READERS), in part by employer people.
DISCLOSURE = {
    "category": "ime_report",
    "recipient": "employer",
    "recipient_name": "Acme Fabrication",
    "channel": "email",
    "disclosed_on": "2026-10-28",
    "description": "IME report",
}


# Disputes, hearings and settlement offers: built by the disputes tests' own setup.
NEW_HEARING = {
    "forum": "co_alj_hearing",
    "starts_at": "2026-11-09T16:00:00Z",
    "location": "1525 Sherman St, Denver",
    "representatives": [{"name": "Lee Ortiz", "firm": "Ortiz Law", "side": "worker"}],
}


def new_dispute(book: Any) -> dict[str, Any]:
    from opencomp.disputes.tests.setup import contested, decision_of

    claim = contested(book)
    return {
        "kind": "liability",
        "raised_by": "worker",
        "raised_on": "2026-11-02",
        "decision_seq": decision_of(claim).seq,
        "grounds": "She was lifting at work.",
    }


def dispute_path(book: Any, tail: str, *, stage: str = "open") -> str:
    from opencomp.disputes.tests.setup import liability_dispute, under_review

    dispute = under_review(book) if stage == "review" else liability_dispute(book)
    return f"claims/{book.claim.number}/disputes/{dispute.pk}/{tail}"


def hearing_path(book: Any, tail: str, *, stage: str = "past") -> str:
    from opencomp.disputes.tests.setup import HEARD_AT, NEXT_WEEK, hearing, held_with_order

    if stage == "held":
        held = held_with_order(book)
        return f"claims/{book.claim.number}/hearings/{held.pk}/orders/{held.orders.get().pk}/{tail}"
    scheduled = hearing(book, starts_at=NEXT_WEEK if stage == "next_week" else HEARD_AT)
    return f"claims/{book.claim.number}/hearings/{scheduled.pk}/{tail}"


def offer_path(book: Any, tail: str, *, stage: str = "drafted") -> str:
    """An offer of $25,000 drafted by the book claim's adjuster, taken to ``stage``."""
    from opencomp.disputes.settlement_services import settlement_approval_decide, settlement_offer_make
    from opencomp.disputes.tests.setup import offer

    drafted = offer(book)
    if stage in {"approved", "offered"}:
        drafted = settlement_approval_decide(actor=book.users["supervisor"], offer=drafted, approve=True)
    if stage == "offered":
        settlement_offer_make(actor=book.users["adjuster"], offer=drafted, offered_on=dt.date(2026, 11, 2))
    return f"claims/{book.claim.number}/settlement-offers/{drafted.pk}/{tail}"


def invoice_path(book: Any, tail: str, *, stage: str = "received") -> str:
    """An invoice of $120.00 on the book's claim (with its medical reserve), taken to ``stage``."""
    from opencomp.payments.invoice_services import (
        InvoiceInput,
        LineInput,
        LineReview,
        invoice_decide,
        invoice_receive,
        invoice_review,
    )

    financials_path(book, "")
    admin = book.users["admin"]
    line = LineInput(dt.date(2026, 10, 22), "AA010", "Consult", Decimal("1"), Decimal("120.00"))
    invoice = invoice_receive(
        actor=admin,
        claim=book.claim,
        invoice=InvoiceInput("Dr Jo Reyes", "INV-1", dt.date(2026, 10, 30), (line,)),
    )
    if stage in {"reviewed", "decided"}:
        invoice_review(actor=admin, invoice=invoice, lines=[LineReview(Decimal("120.00"))])
    if stage == "decided":
        invoice_decide(actor=admin, invoice=invoice, outcome="approved")
    return f"invoices/{invoice.pk}{tail}"


# Book financials: spend and the register for every role but workers and providers (over the claims they
# see); bank files for supervisors (their organisation's) and administrators.
NO_BOOK_FINANCIALS = ("worker", "other_worker", "provider")
FILE_WRITERS = ("supervisor", "admin")
PAYMENT_FILE = {"country": "US", "date_from": "2026-10-01", "date_to": "2026-11-30"}


def eft_payment(book: Any) -> None:
    """A TTD payment by EFT to the book's worker, whose verified bank details are on file."""
    from opencomp.payments.tests.fixtures import eft_payment as pay_by_eft

    pay_by_eft(book)


def book_path(book: Any, path: str, *, eft: bool = False) -> str:
    """``path`` once the claim has a $250 payment voided the same day (and, with ``eft``, an EFT one)."""
    from opencomp.payments.services import payment_void

    financials_path(book, "")
    payment_void(actor=book.users["admin"], entry=_pay(book, "admin"), reason="Duplicate invoice")
    if eft:
        eft_payment(book)
    return path


def payment_file_path(book: Any, tail: str) -> str:
    """A bank file of Summit Mutual's (written by its supervisor), and ``tail`` on it."""
    from opencomp.payments.payment_files import payment_file_export

    book_path(book, "", eft=True)
    file, _ = payment_file_export(
        actor=book.users["supervisor"],
        country="US",
        date_from=dt.date(2026, 10, 1),
        date_to=dt.date(2026, 10, 31),
    )
    return f"payment-files/{file.pk}/{tail}"


# Complaints: read by the claim's staff, auditor and compliance officer; handled by its staff; the stage 2
# decision by senior management (supervisor, admin) other than the stage 1 decider (the adjuster here).
COMPLAINT_VIEWERS = ("adjuster", "adjuster2", "supervisor", "auditor", "compliance_officer", "admin")
SENIOR_MANAGEMENT = ("supervisor", "admin")
COMPLAINT = {
    "complainant_kind": "worker",
    "complainant_name": "Maria Lopez",
    "received_on": "2026-10-28",
    "channel": "phone",
    "subject": "Payment late",
    "details": "The weekly payment has not arrived.",
}


def complaint_path(book: Any, tail: str = "", *, stage: str = "received") -> str:
    """A complaint on the book's claim taken to ``stage`` (stage 1 decided by the adjuster)."""
    from opencomp.complaints.services import (
        complaint_escalate,
        complaint_final_decide,
        complaint_receive,
        complaint_stage_1_decide,
    )

    adjuster = book.users["adjuster"]
    complaint = complaint_receive(
        actor=adjuster,
        claim=book.claim,
        **{**COMPLAINT, "received_on": dt.date(2026, 10, 28)},
    )
    if stage in {"decided", "escalated", "final"}:
        complaint = complaint_stage_1_decide(
            actor=adjuster, complaint=complaint, outcome="Reissued", decided_on=dt.date(2026, 10, 29)
        )
    if stage in {"escalated", "final"}:
        complaint = complaint_escalate(
            actor=adjuster, complaint=complaint, escalated_on=dt.date(2026, 10, 30), reason="Not satisfied"
        )
    if stage == "final":
        complaint_final_decide(
            actor=book.users["supervisor"],
            complaint=complaint,
            decision="Upheld",
            decided_on=dt.date(2026, 11, 2),
        )
    return f"claims/{book.claim.number}/complaints/{complaint.pk}{tail}"


# Finalisation on the book's NSW claim (Harbour's): its checks read by its staff and the NSW regulator;
# closed and reopened by its staff.
CLOSURE_VIEWERS = ("other_adjuster", "nsw_compliance_officer", "admin")
CLOSERS = ("other_adjuster", "admin")
NSW_CLAIM_SEERS = (
    "other_adjuster",
    "other_employer_coordinator",
    "other_worker",
    "nsw_compliance_officer",
    "admin",
)


def closable_path(book: Any, tail: str, *, state: str = "ready") -> str:
    """The book's NSW claim ready to close; or closed; or reopened for a recurrence."""
    from opencomp.finalisation.services import claim_close, claim_reopen
    from opencomp.finalisation.tests.setup import ready_to_close

    claim = ready_to_close(book)
    if state in {"closed", "reopened"}:
        claim = claim_close(
            actor=book.users["other_adjuster"], claim=claim, to_status="closed", reason="pre_injury_duties"
        )
    if state == "reopened":
        claim = claim_reopen(
            actor=book.users["other_adjuster"],
            claim=claim,
            kind="recurrence",
            notified_on=dt.date(2026, 10, 30),
            evidence="New certificate",
        )
    return f"claims/{claim.number}/{tail}"


def modified_duty_path(book: Any, tail: str = "", *, state: str = "offered") -> str:
    """Modified duty on the book's claim: an assignment ``offered`` or ``running`` (accepted, no TPD),
    or a less arduous duty ``search`` (after MMI, with one fitting candidate); and ``tail`` on it."""
    from opencomp.claims.services import claim_event_append
    from opencomp.parties.models import Worker
    from opencomp.rtw.services import (
        duty_search_candidate_add,
        duty_search_start,
        modified_duty_accept,
        modified_duty_offer,
    )
    from opencomp.workstatus.services import work_status_record

    adjuster = book.users["adjuster"]
    if state == "search":
        claim_event_append(
            actor=adjuster, claim=book.claim, kind="mmi.recorded", payload={"mmi_date": "2026-11-01"}
        )
        search = duty_search_start(
            actor=adjuster,
            claim=book.claim,
            job_classification="Machine operator",
            permanent_restrictions="No lifting over 15 lb.",
            restrictions=[{"kind": "lifting", "limit": "15"}],
            started_on=dt.date(2026, 11, 2),
        )
        duty_search_candidate_add(actor=adjuster, search=search, position="Dispatcher", department="Fleet")
        return f"claims/{book.claim.number}/duty-searches/{search.pk}{tail}"
    Worker.objects.filter(pk=book.worker.pk).update(
        street="12 Elm St", city="Denver", region="CO", postcode="80203"
    )
    work_status_record(
        actor=adjuster,
        claim=book.claim,
        kind="rtw_pass",
        examined_on=dt.date(2026, 10, 22),
        valid_from=dt.date(2026, 10, 22),
        capacity="partial",
        restrictions=[{"kind": "lifting", "limit": "20"}],
        provider_name="Dr Jo Reyes",
    )
    if state == "restrictions":
        return f"claims/{book.claim.number}/modified-duty{tail}"
    assignment = modified_duty_offer(
        actor=adjuster,
        claim=book.claim,
        position="Records clerk",
        duties="Filing",
        department="Fleet Maintenance",
        hours_per_day="6",
        days_per_week="5",
        weekly_earnings="600.00",
        start_on=dt.date(2026, 11, 2),
        tracking_number="9407 1000 0000 0000 0000 01",
    )
    if state == "running":
        modified_duty_accept(
            actor=adjuster, assignment=assignment, accepted_on=dt.date(2026, 11, 2), start_tpd=False
        )
    return f"claims/{book.claim.number}/modified-duty/{assignment.pk}{tail}"


MODIFIED_DUTY_OFFER = {
    "position": "Records clerk",
    "duties": "Scanning and filing work orders.",
    "department": "Fleet Maintenance",
    "hours_per_day": "6",
    "days_per_week": "5",
    "weekly_earnings": "600.00",
    "start_on": "2026-11-02",
    "demands": [{"kind": "lifting", "limit": "10"}],
    "tracking_number": "9407 1000 0000 0000 0000 01",
}


# Plans and work capacity decisions (opencomp.plans): RTW plans on the book's claim (any jurisdiction);
# work capacity decisions on the book's NSW claim, worked by its insurer's adjuster.
NSW_MEDICAL_READERS = ("other_adjuster", "other_worker", "nsw_compliance_officer", "admin")
NSW_WORKERS = ("other_adjuster", "admin")
RTW_PLAN = {
    "kind": "return_to_work",
    "issued_on": "2026-10-30",
    "goal": "Back to full duties",
    "review_on": "2026-11-13",
    "duties": ["Bench work"],
    "hours": [{"week": 1, "hours_per_day": "4", "days_per_week": "5"}],
    "supervisor": "Pat Reed",
    "starts_on": "2026-11-02",
}
PLAN_RECIPIENTS = {
    "recipients": [
        {"party": "worker", "name": "Maria Lopez", "method": "mail", "address": "12 Elm Street"},
        {"party": "employer", "name": "Acme", "method": "mail", "address": "1 Plant Road"},
    ]
}


def rtw_plan_path(book: Any, tail: str) -> str:
    from opencomp.plans.services import plan_create

    body = {k: v for k, v in RTW_PLAN.items() if k != "hours"}
    version = plan_create(
        actor=book.users["adjuster"],
        claim=book.claim,
        hours=[{"week": 1, "hours_per_day": "4", "days_per_week": "5"}],
        **{
            **body,
            "issued_on": dt.date(2026, 10, 30),
            "review_on": dt.date(2026, 11, 13),
            "starts_on": dt.date(2026, 11, 2),
        },
    )
    return f"claims/{book.claim.number}/plans/{version.plan_id}{tail}"


def nsw_evidence(book: Any) -> int:
    import io

    from opencomp.documents.services import document_upload
    from opencomp.documents.tests import samples

    return document_upload(
        actor=book.users["other_adjuster"],
        claim=book.other_claim,
        category="medical_report",
        title="Functional capacity report",
        file_name="report.pdf",
        content=io.BytesIO(samples.PDF),
    ).pk


def decision_body(book: Any) -> dict[str, Any]:
    return {
        "types": ["a"],
        "decided_on": "2026-10-30",
        "capacity": "partial",
        "effect": "no_change",
        "reasons": "Fit for suitable duties",
        "evidence_ids": [nsw_evidence(book)],
    }


def wcd_path(book: Any, tail: str) -> str:
    from opencomp.plans.services import work_capacity_decide

    body = decision_body(book)
    decision = work_capacity_decide(
        actor=book.users["other_adjuster"],
        claim=book.other_claim,
        **{**body, "decided_on": dt.date(2026, 10, 30)},
    )
    return f"claims/{book.other_claim.number}/work-capacity-decisions/{decision.pk}{tail}"


MATRIX: list[Row] = [
    Row("GET", "/api/v1/health", lambda c: ("health", None), {**statuses(200), ANONYMOUS: 200}),
    # organisations
    Row("GET", "/api/v1/organisations", lambda c: ("organisations", None), statuses(200)),
    Row(
        "GET",
        "/api/v1/organisations/{organisation_id}",
        lambda c: (f"organisations/{c.book.employer.pk}", None),
        statuses(404, readers=(CLAIM_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/organisations",
        lambda c: ("organisations", {"kind": "tpa", "name": "Front Line TPA"}),
        statuses(403, admin=201),
    ),
    Row(
        "PUT",
        "/api/v1/organisations/{organisation_id}/policies",
        lambda c: (f"organisations/{c.book.employer.pk}/policies", {"policies": ["post_accident_testing"]}),
        statuses(404, readers=(CLAIM_READERS, 403), employer_coordinator=200, admin=200),
    ),
    # workers
    Row("GET", "/api/v1/workers", lambda c: ("workers", None), statuses(200)),
    Row(
        "GET",
        "/api/v1/workers/{worker_id}",
        lambda c: (f"workers/{c.book.worker.pk}", None),
        statuses(404, readers=(ACME_RECORD_READERS, 200), worker=200),
    ),
    Row(
        "POST",
        "/api/v1/workers",
        lambda c: ("workers", new_worker(c.book)),
        statuses(403, filers=(ACME_FILERS, 201), foreign=(FOREIGN_STAFF, 400)),
    ),
    # the register of injuries
    Row("GET", "/api/v1/incidents", lambda c: ("incidents", None), statuses(200)),
    Row(
        "GET",
        "/api/v1/incidents/{incident_id}",
        lambda c: (f"incidents/{c.incident.pk}", None),
        statuses(404, readers=(ACME_RECORD_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/incidents",
        lambda c: ("incidents", new_incident(c.book)),
        statuses(403, filers=(ACME_FILERS, 201), worker=201, foreign=(FOREIGN_STAFF, 400), other_worker=400),
    ),
    # injury reports
    Row("GET", "/api/v1/reports", lambda c: ("reports", None), statuses(200)),
    Row(
        "GET",
        "/api/v1/reports/{report_id}",
        lambda c: (f"reports/{c.report.pk}", None),
        statuses(404, readers=(ACME_RECORD_READERS, 200), worker=200),
    ),
    Row(
        "POST",
        "/api/v1/reports",
        lambda c: ("reports", new_report(c.book)),
        statuses(403, filers=(ACME_FILERS, 201), worker=201, foreign=(FOREIGN_STAFF, 400), other_worker=400),
    ),
    Row(
        "POST",
        "/api/v1/reports/{report_id}/supervisor-report",
        lambda c: (f"reports/{c.report.pk}/supervisor-report", SUPERVISOR_REPORT),
        statuses(404, filers=(ACME_FILERS, 201), worker=403, auditor=403),
    ),
    Row(
        "POST",
        "/api/v1/reports/{report_id}/drug-alcohol-test",
        lambda c: (f"reports/{c.report.pk}/drug-alcohol-test", DRUG_TEST),
        statuses(404, filers=(ACME_FILERS, 201), worker=403, auditor=403),
    ),
    Row(
        "POST",
        "/api/v1/reports/{report_id}/claim",
        lambda c: (f"reports/{c.report.pk}/claim", {"claim_type": "medical_only"}),
        statuses(
            404,
            staff=(CLAIM_WORKERS, 201),
            others=(("worker", "auditor", "employer_supervisor", "employer_coordinator"), 403),
        ),
    ),
    # claims
    Row("GET", "/api/v1/claims", lambda c: ("claims", None), statuses(200)),
    Row(
        "POST",
        "/api/v1/claims",
        lambda c: ("claims", claim_body(c.book)),
        statuses(403, staff=(CLAIM_WORKERS, 201), other_adjuster=400),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}",
        lambda c: (f"claims/{c.book.claim.number}", None),
        statuses(404, readers=(CLAIM_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/transition",
        lambda c: (
            f"claims/{c.book.claim.number}/transition",
            {"to_status": "under_investigation", "expected_status": "reported"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/liability-decisions",
        lambda c: (
            f"claims/{c.book.claim.number}/liability-decisions",
            {"decision": "admission", "expected_status": "reported"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/assign",
        lambda c: (
            f"claims/{c.book.claim.number}/assign",
            {"adjuster_id": c.book.users["adjuster2"].pk, "reason": "Caseload balancing"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), supervisor=200, admin=200),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/events",
        lambda c: (f"claims/{c.book.claim.number}/events", None),
        statuses(404, readers=(CLAIM_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/events",
        lambda c: (f"claims/{c.book.claim.number}/events", NOTE),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
        label="note",
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/events",
        lambda c: (f"claims/{c.book.claim.number}/events", MEDICAL_NOTE),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201), provider=201),
        label="medical note",
    ),
    # deadlines
    Row(
        "GET",
        "/api/v1/claims/{number}/obligations",
        lambda c: (f"claims/{c.book.claim.number}/obligations", None),
        statuses(404, readers=(CLAIM_READERS, 403), diary=(DIARY_CLAIM_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/obligations/{key}/waive",
        lambda c: (obligation_path(c.book, "waive"), {"reason": "Medical only in fact"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/obligations/{key}/complete",
        lambda c: (diary_entry_path(c.book, "complete"), {"note": "Called"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/diary-entries",
        lambda c: (
            f"claims/{c.book.claim.number}/diary-entries",
            {"title": "Chase the MRI report", "due_on": "2026-11-09"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/information-requests",
        lambda c: (
            f"claims/{c.book.claim.number}/information-requests",
            {"party": "employer", "what": "Wage statement", "due_on": "2026-11-09"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row("GET", "/api/v1/diary", lambda c: ("diary", None), statuses(200, no_diary=(NO_DIARY, 403))),
    Row(
        "GET",
        "/api/v1/diary/team",
        lambda c: ("diary/team", None),
        statuses(403, supervisor=200, admin=200),
    ),
    Row(
        "GET",
        "/api/v1/timeliness",
        lambda c: ("timeliness", None),
        statuses(403, readers=(TIMELINESS_READERS, 200)),
    ),
    # benefits
    Row(
        "GET",
        "/api/v1/claims/{number}/benefits",
        lambda c: (benefits_path(c.book, "benefits", rate=True), None),
        statuses(404, readers=(CLAIM_READERS, 200), provider=403),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/wage-statements",
        lambda c: (
            benefits_path(c.book, "wage-statements"),
            {"method": "monthly", "monthly_wage": "4000.00"},
        ),
        statuses(
            404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201), employer=(EMPLOYER_PEOPLE, 201)
        ),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/benefit-rates",
        lambda c: (benefits_path(c.book, "benefit-rates", wage_statement=True), {"benefit": "TTD"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/benefit-periods",
        lambda c: (
            benefits_path(c.book, "benefit-periods", rate=True),
            {"benefit": "TTD", "first_day": "2025-10-21", "return_to_work": "2025-11-20"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    # payment schedules
    Row(
        "GET",
        "/api/v1/claims/{number}/payment-schedules",
        lambda c: (schedules_path(c.book), None),
        statuses(404, readers=(CLAIM_READERS, 200), no=(NO_FINANCIALS, 403)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/payment-schedules",
        lambda c: (schedules_path(c.book), {"benefit": "TTD", "first_day": "2025-10-21", "method": "cheque"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/payment-schedules/{schedule_id}/stop",
        lambda c: (schedule_stop_path(c.book), {"reason": "mmi", "last_day": "2025-11-30"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    # financials
    Row(
        "GET",
        "/api/v1/claims/{number}/financials",
        lambda c: (financials_path(c.book, "financials"), None),
        statuses(404, readers=(CLAIM_READERS, 200), no=(NO_FINANCIALS, 403)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/reserves",
        lambda c: (
            financials_path(c.book, "reserves"),
            {"category": "medical", "amount": "12000.00", "reason": "MRI ordered"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/payments",
        lambda c: (financials_path(c.book, "payments"), PAYMENT),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/payments/{entry_id}/void",
        lambda c: (void_path(c.book), {"reason": "Duplicate invoice"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/recoveries",
        lambda c: (
            financials_path(c.book, "recoveries"),
            {"category": "medical", "amount": "120.00", "kind": "subrogation", "payer": "Third Party Mutual"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/repayment-plans",
        lambda c: (
            financials_path(c.book, "repayment-plans"),
            {
                "kind": "overpayment",
                "category": "indemnity",
                "owed": "450.00",
                "debtor": "Maria Lopez",
                "terms": "Three instalments",
            },
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/bank-details",
        lambda c: (
            financials_path(c.book, "bank-details"),
            {
                "account_name": "Maria Lopez",
                "bsb_or_routing": "021000021",
                "account_number": "123456789012",
                "verification_method": "call_back_to_known_number",
                "verification_note": "Called back on the number on the claim form.",
            },
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    # invoices
    Row(
        "GET",
        "/api/v1/claims/{number}/invoices",
        lambda c: (financials_path(c.book, "invoices"), None),
        statuses(404, readers=(CLAIM_READERS, 200), no=(NO_FINANCIALS, 403)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/invoices",
        lambda c: (financials_path(c.book, "invoices"), INVOICE),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "GET",
        "/api/v1/invoices/{invoice_id}",
        lambda c: (invoice_path(c.book, ""), None),
        statuses(404, readers=(INVOICE_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/invoices/{invoice_id}/review",
        lambda c: (invoice_path(c.book, "/review"), {"lines": [{"amount_approved": "120.00"}]}),
        statuses(404, readers=(INVOICE_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/invoices/{invoice_id}/decision",
        lambda c: (invoice_path(c.book, "/decision", stage="reviewed"), {"outcome": "approved"}),
        statuses(404, readers=(INVOICE_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/invoices/{invoice_id}/payment",
        lambda c: (invoice_path(c.book, "/payment", stage="decided"), {"method": "eft"}),
        statuses(404, readers=(INVOICE_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "GET",
        "/api/v1/invoices",
        lambda c: ("invoices", None),
        statuses(200, no=(("worker", "other_worker", "provider"), 403)),
    ),
    # documents
    Row(
        "GET",
        "/api/v1/claims/{number}/documents",
        lambda c: (f"claims/{c.book.claim.number}/documents", None),
        statuses(404, readers=(CLAIM_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/documents",
        lambda c: (f"claims/{c.book.claim.number}/documents", DOCUMENT_UPLOAD),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "GET",
        "/api/v1/documents/{document_id}",
        lambda c: (document_path(c.book, "", category="correspondence"), None),
        statuses(404, readers=(CLAIM_READERS, 200)),
        label="unrestricted",
    ),
    Row(
        "GET",
        "/api/v1/documents/{document_id}",
        lambda c: (document_path(c.book, "", category="medical_report"), None),
        statuses(404, readers=(MEDICAL_READERS, 200)),
        label="medical report",
    ),
    Row(
        "GET",
        "/api/v1/documents/{document_id}/download",
        lambda c: (document_path(c.book, "/download", category="wage_records"), None),
        statuses(404, readers=(CLAIM_READERS, 200)),
        label="unrestricted",
    ),
    Row(
        "GET",
        "/api/v1/documents/{document_id}/download",
        lambda c: (document_path(c.book, "/download", category="ime_report"), None),
        statuses(404, readers=(MEDICAL_READERS, 200)),
        label="IME report",
    ),
    Row(
        "POST",
        "/api/v1/documents/{document_id}/reclassify",
        lambda c: (
            document_path(c.book, "/reclassify", category="certificate"),
            {"category": "medical_report"},
        ),
        statuses(404, readers=(MEDICAL_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    # letters
    Row(
        "GET",
        "/api/v1/claims/{number}/letters",
        lambda c: (f"claims/{c.book.claim.number}/letters", None),
        statuses(404, readers=(CLAIM_READERS, 200)),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/letter-templates",
        lambda c: (f"claims/{c.book.claim.number}/letter-templates", None),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/letter-templates/{template_id}/preview",
        lambda c: (f"claims/{c.book.claim.number}/letter-templates/co.notice_of_contest/preview", None),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/letters",
        lambda c: (
            f"claims/{contested_claim(c.book)}/letters",
            {
                "template_id": "co.notice_of_contest",
                "recipients": LETTER_RECIPIENTS,
                "enclosures_confirmed": True,
            },
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "GET",
        "/api/v1/letters/{letter_id}",
        lambda c: (letter_path(c.book), None),
        statuses(404, readers=(CLAIM_READERS, 200)),
    ),
    # disputes, hearings and settlement offers (the book's claim, contested by its adjuster)
    Row(
        "GET",
        "/api/v1/claims/{number}/disputes",
        lambda c: (f"claims/{c.book.claim.number}/disputes", None),
        statuses(404, readers=(CLAIM_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/disputes",
        lambda c: (f"claims/{c.book.claim.number}/disputes", new_dispute(c.book)),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/disputes/{dispute_id}/review",
        lambda c: (dispute_path(c.book, "review"), {"reviewer_id": c.book.users["adjuster2"].pk}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/disputes/{dispute_id}/review-outcome",
        lambda c: (
            dispute_path(c.book, "review-outcome", stage="review"),
            {"outcome": "upheld", "reasons": "Stands"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), adjuster2=200),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/disputes/{dispute_id}/escalation",
        lambda c: (
            dispute_path(c.book, "escalation"),
            {"to": "Division of Administrative Hearings", "on": "2026-11-02"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/disputes/{dispute_id}/resolution",
        lambda c: (
            dispute_path(c.book, "resolution"),
            {"status": "withdrawn", "note": "Withdrawn", "on": "2026-11-02"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/hearings",
        lambda c: (f"claims/{c.book.claim.number}/hearings", None),
        statuses(404, readers=(CLAIM_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/hearings",
        lambda c: (f"claims/{c.book.claim.number}/hearings", NEW_HEARING),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/hearings/{hearing_id}/adjournment",
        lambda c: (
            hearing_path(c.book, "adjournment", stage="next_week"),
            {"to_starts_at": "2026-11-23T16:00:00Z", "reason": "Judge ill"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/hearings/{hearing_id}/cancellation",
        lambda c: (hearing_path(c.book, "cancellation"), {"reason": "Settled"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/hearings/{hearing_id}/outcome",
        lambda c: (
            hearing_path(c.book, "outcome"),
            {
                "outcome": "Bills to be paid",
                "orders": [{"description": "Pay the bills", "due_on": "2026-11-16"}],
            },
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/hearings/{hearing_id}/orders/{order_id}/compliance",
        lambda c: (hearing_path(c.book, "compliance", stage="held"), {"complied_on": "2026-11-02"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/settlement-offers",
        lambda c: (f"claims/{c.book.claim.number}/settlement-offers", None),
        statuses(404, readers=(CLAIM_READERS, 200), no=(("worker", "provider"), 403)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/settlement-offers",
        lambda c: (
            f"claims/{c.book.claim.number}/settlement-offers",
            {"amount": "25000.00", "terms": "Full and final"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/settlement-offers/{offer_id}/approvals",
        lambda c: (offer_path(c.book, "approvals"), {"approve": True}),
        statuses(404, readers=(CLAIM_READERS, 403), supervisor=200, admin=200),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/settlement-offers/{offer_id}/offer",
        lambda c: (offer_path(c.book, "offer", stage="approved"), {"offered_on": "2026-11-02"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/settlement-offers/{offer_id}/response",
        lambda c: (
            offer_path(c.book, "response", stage="offered"),
            {"response": "accepted", "responded_on": "2026-11-02"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/settlement-offers/{offer_id}/withdrawal",
        lambda c: (offer_path(c.book, "withdrawal"), {"reason": "Resolved"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row("GET", "/api/v1/approvals", lambda c: ("approvals", None), statuses(403, approvers=(APPROVERS, 200))),
    # worker consent and the disclosure log
    Row(
        "GET",
        "/api/v1/documents/{document_id}/download",
        lambda c: (
            consent_path(c.book, "") and document_path(c.book, "/download", category="ime_report"),
            None,
        ),
        statuses(404, readers=(MEDICAL_READERS, 200), employer_coordinator=200),
        label="IME report released to the employer",
    ),
    # work status: certificates of capacity, RTW passes, activity reports
    Row(
        "GET",
        "/api/v1/claims/{number}/work-status",
        lambda c: (f"claims/{c.book.claim.number}/work-status", None),
        statuses(404, readers=(CLAIM_READERS, 200), auditor=403),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/work-status",
        lambda c: (
            f"claims/{c.book.claim.number}/work-status",
            {
                "kind": "rtw_pass",
                "examined_on": "2026-10-22",
                "valid_from": "2026-10-22",
                "capacity": "partial",
                "restrictions": [{"kind": "lifting", "limit": "20"}],
                "provider_name": "Dr Jo Reyes",
            },
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201), provider=201),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/consents",
        lambda c: (consent_path(c.book, "consents"), None),
        statuses(404, readers=(CLAIM_READERS, 200), auditor=403),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/consents",
        lambda c: (
            f"claims/{c.book.claim.number}/consents",
            {
                "given_by": "worker",
                "given_on": "2026-10-22",
                "method": "online_form",
                "categories": ["capacity_restrictions"],
                "recipients": ["employer"],
                "purpose": "Suitable duties",
            },
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/consents/{consent_id}/withdrawal",
        lambda c: (
            consent_path(c.book, "consents/{consent_id}/withdrawal"),
            {"withdrawn_on": "2026-11-01", "method": "email"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/consents/check",
        lambda c: (consent_path(c.book, "consents/check?category=ime_report&recipient=employer"), None),
        statuses(404, readers=(CLAIM_READERS, 403), full=(MEDICAL_READERS, 200)),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/disclosures",
        lambda c: (consent_path(c.book, "disclosures"), None),
        statuses(404, readers=(CLAIM_READERS, 200), auditor=403),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/disclosures",
        lambda c: (consent_path(c.book, "disclosures"), DISCLOSURE),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/access-requests",
        lambda c: (access_request_path(c.book).rsplit("/", 1)[0], None),
        statuses(404, readers=(CLAIM_READERS, 403), full=(MEDICAL_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/access-requests",
        lambda c: (
            f"claims/{c.book.claim.number}/access-requests",
            {"received_on": "2026-10-29", "from_party": "worker", "description": "My file"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/access-requests/{request_seq}/completion",
        lambda c: (access_request_path(c.book, "/completion"), {"provided": "Copies", "channel": "email"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    # wage reimbursement schedules
    Row(
        "GET",
        "/api/v1/claims/{number}/wage-reimbursements",
        lambda c: (wrs_path(c.book), None),
        statuses(404, readers=(WRS_READERS, 200), other_worker=403),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/wage-reimbursements",
        lambda c: (wrs_path(c.book), {"weeks": [WRS_WEEK]}),
        statuses(404, readers=(WRS_READERS, 403), senders=(WRS_SENDERS, 201), other_worker=403),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/wage-reimbursements/csv",
        lambda c: (wrs_path(c.book, "wage-reimbursements/csv"), WRS_CSV),
        statuses(404, readers=(WRS_READERS, 403), senders=(WRS_SENDERS, 201), other_worker=403),
    ),
    Row(
        "GET",
        "/api/v1/wage-reimbursements",
        lambda c: ("wage-reimbursements", None),
        statuses(200, no=(("worker", "other_worker", "provider"), 403)),
    ),
    Row(
        "GET",
        "/api/v1/wage-reimbursements/{reimbursement_id}",
        lambda c: (wrs_one_path(c.book), None),
        statuses(404, readers=(WRS_READERS, 200), other_worker=403),
    ),
    Row(
        "POST",
        "/api/v1/wage-reimbursements/{reimbursement_id}/decision",
        lambda c: (wrs_one_path(c.book, "/decision"), {}),
        statuses(404, readers=(WRS_READERS, 403), staff=(WRS_STAFF, 200), other_worker=403),
    ),
    Row(
        "POST",
        "/api/v1/wage-reimbursements/{reimbursement_id}/reimbursement",
        lambda c: (wrs_one_path(c.book, "/reimbursement", decided=True), {"method": "cheque"}),
        statuses(404, readers=(WRS_READERS, 403), staff=(WRS_STAFF, 200), other_worker=403),
    ),
    Row(
        "POST",
        "/api/v1/approvals/{request_id}/decision",
        lambda c: (decision_path(c.book), {"approve": True}),
        statuses(403, approvers=(APPROVERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/calc/weekly-benefit",
        lambda c: ("calc/weekly-benefit", WEEKLY_BENEFIT),
        statuses(200, no=(NO_CALCULATORS, 403)),
    ),
    Row(
        "POST",
        "/api/v1/calc/disability-period",
        lambda c: (
            "calc/disability-period",
            {
                "jurisdiction": "CO",
                "weekly_rate": "1293.25",
                "first_day": "2023-09-02",
                "return_to_work": "2023-09-10",
            },
        ),
        statuses(200, no=(NO_CALCULATORS, 403)),
    ),
    Row(
        "POST",
        "/api/v1/calc/average-weekly-wage",
        lambda c: (
            "calc/average-weekly-wage",
            {
                "jurisdiction": "CO",
                "method": "monthly",
                "injury_date": "2025-10-20",
                "monthly_wage": "4000.00",
            },
        ),
        statuses(200, no=(NO_CALCULATORS, 403)),
    ),
    # book financials
    Row(
        "GET",
        "/api/v1/book/spend",
        lambda c: (book_path(c.book, "book/spend"), None),
        statuses(200, no=(NO_BOOK_FINANCIALS, 403)),
    ),
    Row(
        "GET",
        "/api/v1/book/payments",
        lambda c: (book_path(c.book, "book/payments"), None),
        statuses(200, no=(NO_BOOK_FINANCIALS, 403)),
    ),
    Row(
        "POST",
        "/api/v1/payment-files",
        lambda c: (book_path(c.book, "payment-files", eft=True), PAYMENT_FILE),
        statuses(403, writers=(FILE_WRITERS, 201)),
    ),
    Row(
        "GET",
        "/api/v1/payment-files",
        lambda c: ("payment-files", None),
        statuses(403, writers=(FILE_WRITERS, 200)),
    ),
    Row(
        "GET",
        "/api/v1/payment-files/{file_id}/download",
        lambda c: (payment_file_path(c.book, "download"), None),
        statuses(403, writers=(FILE_WRITERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/payment-files/{file_id}/reissue",
        lambda c: (payment_file_path(c.book, "reissue"), {"reason": "The bank rejected the file"}),
        statuses(403, writers=(FILE_WRITERS, 201)),
    ),
    # complaints
    Row(
        "GET",
        "/api/v1/claims/{number}/complaints",
        lambda c: (f"claims/{c.book.claim.number}/complaints", None),
        statuses(404, readers=(CLAIM_READERS, 403), viewers=(COMPLAINT_VIEWERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/complaints",
        lambda c: (f"claims/{c.book.claim.number}/complaints", COMPLAINT),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/complaints/{complaint_id}",
        lambda c: (complaint_path(c.book), None),
        statuses(404, readers=(CLAIM_READERS, 403), viewers=(COMPLAINT_VIEWERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/complaints/{complaint_id}/contacts",
        lambda c: (
            complaint_path(c.book, "/contacts"),
            {"contacted_on": "2026-10-29", "channel": "phone", "direction": "outbound", "summary": "Update"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/complaints/{complaint_id}/stage-1-outcome",
        lambda c: (
            complaint_path(c.book, "/stage-1-outcome"),
            {"outcome": "Reissued", "decided_on": "2026-10-29"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/complaints/{complaint_id}/escalation",
        lambda c: (
            complaint_path(c.book, "/escalation", stage="decided"),
            {"escalated_on": "2026-10-30", "reason": "Not satisfied"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/complaints/{complaint_id}/final-decision",
        lambda c: (
            complaint_path(c.book, "/final-decision", stage="escalated"),
            {"decision": "Upheld", "decided_on": "2026-11-02"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), senior=(SENIOR_MANAGEMENT, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/complaints/{complaint_id}/referral",
        lambda c: (
            complaint_path(c.book, "/referral", stage="final"),
            {"body": "iro", "referred_on": "2026-11-02", "reference": "IRO-1"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    # finalisation and reopening
    Row(
        "GET",
        "/api/v1/claims/{number}/closure-checks",
        lambda c: (closable_path(c.book, "closure-checks"), None),
        statuses(404, seers=(NSW_CLAIM_SEERS, 403), viewers=(CLOSURE_VIEWERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/closure-intentions",
        lambda c: (
            closable_path(c.book, "closure-intentions"),
            {"party": "worker", "advised_on": "2026-10-30", "channel": "phone"},
        ),
        statuses(404, seers=(NSW_CLAIM_SEERS, 403), closers=(CLOSERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/close",
        lambda c: (closable_path(c.book, "close"), {"to_status": "closed", "reason": "settled"}),
        statuses(404, seers=(NSW_CLAIM_SEERS, 403), closers=(CLOSERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/reopen",
        lambda c: (
            closable_path(c.book, "reopen", state="closed"),
            {"kind": "aggravation", "notified_on": "2026-10-30", "evidence": "Doctor's report"},
        ),
        statuses(404, seers=(NSW_CLAIM_SEERS, 403), closers=(CLOSERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/recurrence-determinations",
        lambda c: (
            closable_path(c.book, "recurrence-determinations", state="reopened"),
            {"outcome": "accepted", "decided_on": "2026-10-30", "reasons": "Recurrence confirmed"},
        ),
        statuses(404, seers=(NSW_CLAIM_SEERS, 403), closers=(CLOSERS, 201)),
    ),
    # treatment requests and ICD-10-CM
    Row(
        "GET",
        "/api/v1/icd10cm",
        lambda c: ("icd10cm?q=S33.5", None),
        statuses(403, staff=(ICD_SEARCHERS, 200)),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/treatment-requests",
        lambda c: (treatment_path(c.book).rsplit("/", 1)[0], None),
        statuses(404, readers=(CLAIM_READERS, 403), full=(MEDICAL_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/treatment-requests",
        lambda c: (f"claims/{c.book.claim.number}/treatment-requests", TREATMENT_REQUEST),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/treatment-requests/{request_id}/acknowledgement",
        lambda c: (treatment_path(c.book, "/acknowledgement"), {"note": "Received"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/treatment-requests/{request_id}/decision",
        lambda c: (
            treatment_path(c.book, "/decision"),
            {"decision": "approved", "reasons": "Reasonably necessary"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),  # risk triage (issue 7, item 6)
    Row("GET", "/api/v1/triage/policy", lambda c: ("triage/policy", None), statuses(200)),
    Row(
        "GET",
        "/api/v1/claims/{number}/triage",
        lambda c: (f"claims/{c.book.claim.number}/triage", None),
        statuses(
            404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200), compliance_officer=200, auditor=200
        ),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/triage",
        lambda c: (
            f"claims/{c.book.claim.number}/triage",
            {"occasion": "first_contact", "injury_type": "soft_tissue", "psychosocial_flags": ["distress"]},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "GET",
        "/api/v1/claims",
        lambda c: ("claims?triage_band=untriaged", None),
        statuses(
            200,
            no_triage=(
                (
                    "employer_supervisor",
                    "employer_coordinator",
                    "other_employer_coordinator",
                    "worker",
                    "other_worker",
                    "provider",
                ),
                403,
            ),
        ),
        label="filtered by triage band",
    ),
    # modified duty and less arduous duty searches (rtw)
    Row(
        "GET",
        "/api/v1/claims/{number}/modified-duty",
        lambda c: (modified_duty_path(c.book).rsplit("/", 1)[0], None),
        statuses(404, readers=(CLAIM_READERS, 403), full=(MEDICAL_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/modified-duty",
        lambda c: (modified_duty_path(c.book, state="restrictions"), MODIFIED_DUTY_OFFER),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/modified-duty/{assignment_id}/delivery",
        lambda c: (
            modified_duty_path(c.book, "/delivery"),
            {"delivered_on": "2026-11-02", "signed_by": "Maria Lopez"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/modified-duty/{assignment_id}/acceptance",
        lambda c: (
            modified_duty_path(c.book, "/acceptance"),
            {"accepted_on": "2026-11-02", "start_tpd": False},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/modified-duty/{assignment_id}/refusal",
        lambda c: (modified_duty_path(c.book, "/refusal"), {"refused_on": "2026-11-02", "reason": "Too far"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/modified-duty/{assignment_id}/reviews",
        lambda c: (
            modified_duty_path(c.book, "/reviews", state="running"),
            {"reviewed_on": "2026-11-02", "kind": "periodic"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/modified-duty/{assignment_id}/extension",
        lambda c: (
            modified_duty_path(c.book, "/extension", state="running"),
            {"limit_on": "2027-06-30", "reason": "Surgery pending"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/modified-duty/{assignment_id}/end",
        lambda c: (
            modified_duty_path(c.book, "/end", state="running"),
            {"ended_on": "2026-11-02", "reason": "worker_left"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/duty-searches",
        lambda c: (
            modified_duty_path(c.book, state="search").split("/duty-searches/")[0] + "/duty-searches",
            {
                "job_classification": "Machine operator",
                "permanent_restrictions": "None over 15 lb",
                "started_on": "2026-11-02",
            },
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/duty-searches/{search_id}/candidates",
        lambda c: (
            modified_duty_path(c.book, "/candidates", state="search"),
            {"position": "Clerk", "department": "Parks", "demands": [{"kind": "lifting", "limit": "10"}]},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/duty-searches/{search_id}/conclusion",
        lambda c: (
            modified_duty_path(c.book, "/conclusion", state="search"),
            {"outcome": "no_position", "concluded_on": "2026-11-02", "note": "Nothing within 15 lb"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    # plans and work capacity decisions
    Row(
        "GET",
        "/api/v1/claims/{number}/plans",
        lambda c: (rtw_plan_path(c.book, "").rsplit("/", 1)[0], None),
        statuses(404, readers=(CLAIM_READERS, 200), auditor=403),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/plans",
        lambda c: (f"claims/{c.book.claim.number}/plans", RTW_PLAN),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/plans/{plan_id}/versions",
        lambda c: (
            rtw_plan_path(c.book, "/versions"),
            {**{k: v for k, v in RTW_PLAN.items() if k != "kind"}, "changes": "Hours up"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/plans/{plan_id}/shares",
        lambda c: (rtw_plan_path(c.book, "/shares"), PLAN_RECIPIENTS),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/plans/{plan_id}/sign-offs",
        lambda c: (
            rtw_plan_path(c.book, "/sign-offs"),
            {"party": "worker", "name": "Maria Lopez", "signed_on": "2026-10-30"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "GET",
        "/api/v1/claims/{number}/work-capacity-decisions",
        lambda c: (wcd_path(c.book, "").rsplit("/", 1)[0], None),
        statuses(404, seers=(NSW_CLAIM_SEERS, 403), full=(NSW_MEDICAL_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/work-capacity-decisions",
        lambda c: (f"claims/{c.book.other_claim.number}/work-capacity-decisions", decision_body(c.book)),
        statuses(404, seers=(NSW_CLAIM_SEERS, 403), workers=(NSW_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/work-capacity-decisions/{decision_id}/notice",
        lambda c: (wcd_path(c.book, "/notice"), {"recipients": PLAN_RECIPIENTS["recipients"][:1]}),
        statuses(404, seers=(NSW_CLAIM_SEERS, 403), workers=(NSW_WORKERS, 201)),
    ),
    # physicians and examinations
    Row(
        "GET",
        "/api/v1/claims/{number}/physicians",
        lambda c: (physician_path(c.book, "physicians"), None),
        statuses(404, readers=(CLAIM_READERS, 403), full=(MEDICAL_READERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/treating-doctor",
        lambda c: (
            f"claims/{c.book.claim.number}/treating-doctor",
            {"doctor_name": "Dr Jo Reyes", "from_date": "2026-10-20", "how_chosen": "designated"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/physician-changes",
        lambda c: (
            physician_path(c.book, "physician-changes"),
            {"doctor_name": "Dr Sam Ortiz", "received_on": "2026-10-26"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/physician-changes/{change_id}/decision",
        lambda c: (
            physician_path(c.book, "physician-changes/{id}/decision", change=True),
            {"decision": "approved", "reasons": "Closer to home", "effective_on": "2026-11-01"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/mmi",
        lambda c: (
            f"claims/{c.book.claim.number}/mmi",
            {"mmi_date": "2026-10-30", "physician_name": "Dr Jo Reyes"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/impairment-ratings",
        lambda c: (
            f"claims/{c.book.claim.number}/impairment-ratings",
            {"percent": "12.5", "rater_name": "Dr Level II", "rated_on": "2026-10-30"},
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/ime-referrals",
        lambda c: (
            f"claims/{c.book.claim.number}/ime-referrals",
            {
                "doctor_name": "Dr Helen Marsh",
                "specialty": "Orthopaedics",
                "purpose": "Causation",
                "appointment_at": "2026-11-20T10:00:00Z",
                "place": "Denver",
                "notice_given_on": "2026-11-02",
            },
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/ime-referrals/{referral_id}/outcome",
        lambda c: (ime_path(c.book), {"outcome": "cancelled", "note": "Worker unwell"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/imc-referrals",
        lambda c: (
            f"claims/{c.book.claim.number}/imc-referrals",
            {
                "consultant_name": "Dr Ian Cole",
                "reason": "Delayed recovery",
                "referred_on": "2026-10-30",
                "worker_and_doctor_told": True,
            },
        ),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 201)),
    ),
    Row(
        "POST",
        "/api/v1/claims/{number}/imc-referrals/{referral_id}/outcome",
        lambda c: (imc_path(c.book), {"outcome": "Upgrade agreed", "on": "2026-11-02"}),
        statuses(404, readers=(CLAIM_READERS, 403), staff=(CLAIM_WORKERS, 200)),
    ),
]


@dataclass
class Ctx:
    book: Any
    incident: Any
    report: Any


@pytest.mark.parametrize("row", MATRIX, ids=lambda r: r.id)
def test_permission_matrix(row: Row, api, book, incident, report):
    # given
    assert set(ROLES) == set(book.users), "the matrix must cover every user of the book"
    ctx = Ctx(book=book, incident=incident, report=report)
    path, body = row.request(ctx)

    # when every caller makes the same request against the same data
    actual = {}
    for caller in CALLERS:
        with transaction.atomic():
            reply = api.call(row.method, path, as_=caller, body=body)
            transaction.set_rollback(True)
        actual[caller] = reply.status
        if reply.status >= 400:
            assert set(reply.body) == {"message", "errors"}, (caller, reply.body)

    # then
    assert actual == row.expected


def _operations() -> set[tuple[str, str]]:
    schema = ninja_api.get_openapi_schema(path_prefix="/api/v1/")
    return {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}


@pytest.mark.smoke
def test_every_operation_is_in_the_matrix():
    covered = {(row.method, row.path) for row in MATRIX}

    missing = _operations() - covered
    unknown = covered - _operations()

    assert not missing, f"operations without a permission-matrix row: {sorted(missing)}"
    assert not unknown, f"matrix rows for operations the API does not have: {sorted(unknown)}"


@pytest.mark.smoke
def test_every_caller_has_an_expectation_in_every_row():
    for row in MATRIX:
        assert set(row.expected) == set(CALLERS), row.id
