"""Provider invoices through the real services: receive, review, decide, pay, void, approval.

The book's CO claim was injured on Tue 20 Oct 2026; the clock stands at Mon 2 Nov 2026. It
has a medical reserve of $5,000.00 and a treatment request received on Thu 22 Oct 2026,
approved. The adjuster may pay up to $1,000.00; the supervisor $50,000.00. Every refusal is
checked to write nothing.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import claim_event_append
from opencomp.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.payments.enums import Account, Category, EntryKind, PayeeKind, RequestStatus
from opencomp.payments.enums_invoices import InvoiceStatus, LineFlag
from opencomp.payments.invoice_selectors import (
    RegisterFilters,
    approved_treatments,
    claim_invoices,
    invoice_get_for_user,
    invoice_register,
)
from opencomp.payments.invoice_services import (
    InvoiceInput,
    LineInput,
    LineReview,
    invoice_decide,
    invoice_pay,
    invoice_receive,
    invoice_review,
)
from opencomp.payments.models import ApprovalRequest, LedgerEntry
from opencomp.payments.models_invoices import InvoiceLine, ProviderInvoice
from opencomp.payments.selectors import balance
from opencomp.payments.services import approval_decide, payment_void, reserve_set
from opencomp.payments.tests.fixtures import D, M, events_of, fields, give_authority, latest

MED = Category.MEDICAL
RECEIVED_ON = D(2026, 10, 30)


def line(day, amount: str, code: str = "AA010", *, units: str = "1") -> LineInput:
    return LineInput(
        service_date=day, item_code=code, description="Consultation", units=M(units), amount_claimed=M(amount)
    )


def bill(number: str = "INV-1001", *lines: LineInput, received=RECEIVED_ON, provider=None) -> InvoiceInput:
    return InvoiceInput(
        provider_name="Dr Jo Reyes",
        invoice_number=number,
        received_on=received,
        lines=lines or (line(D(2026, 10, 22), "120.00"), line(D(2026, 10, 27), "80.50", "AA020")),
        provider=provider,
    )


def writes() -> dict[str, int]:
    return {
        "invoices": ProviderInvoice.objects.count(),
        "lines": InvoiceLine.objects.count(),
        "events": ClaimEvent.objects.count(),
        "entries": LedgerEntry.objects.count(),
        "requests": ApprovalRequest.objects.count(),
    }


def treatment_approved(claim: Claim, actor, received_on) -> int:
    received = claim_event_append(
        actor=actor,
        claim=claim,
        kind=EventKind.REQUEST_RECEIVED,
        payload={"subject": "treatment", "received_on": received_on.isoformat(), "from_party": "provider"},
    )
    claim_event_append(
        actor=actor,
        claim=claim,
        kind=EventKind.REQUEST_DECIDED,
        payload={"request_seq": received.seq, "decision": "approved"},
    )
    return received.seq


@pytest.fixture
def staff(book):
    users = book.users
    give_authority(users["adjuster"], payment="1000.00", reserve="20000.00")
    give_authority(users["supervisor"], payment="50000.00", reserve="100000.00")
    reserve_set(
        actor=users["adjuster"], claim=book.claim, category=MED, amount=M("5000.00"), reason="Initial"
    )
    book.treatment_seq = treatment_approved(book.claim, users["adjuster"], D(2026, 10, 22))
    return users


def reviewed(book, staff, *amounts: str, number: str = "INV-1001") -> ProviderInvoice:
    invoice = invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=bill(number))
    reviews = [LineReview(amount_approved=M(a)) for a in (amounts or ("120.00", "80.50"))]
    return invoice_review(actor=staff["adjuster"], invoice=invoice, lines=reviews)


def approved(book, staff, *amounts: str, number: str = "INV-1001") -> ProviderInvoice:
    invoice = reviewed(book, staff, *amounts, number=number)
    outcome = "approved" if not amounts or amounts == ("120.00", "80.50") else "partly_approved"
    return invoice_decide(
        actor=staff["adjuster"], invoice=invoice, outcome=outcome, reasons="Item AA020 reduced"
    )


# --- receive --------------------------------------------------------------------------------------


def test_receive_records_the_invoice_its_lines_and_event(book, staff):
    # when
    invoice = invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=bill(provider=book.provider))

    # then
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.RECEIVED
    assert invoice.amount_claimed == M("200.50")
    assert (invoice.service_from, invoice.service_to) == (D(2026, 10, 22), D(2026, 10, 27))
    assert invoice.provider_id == book.provider.pk
    assert [(ln.position, ln.item_code, ln.amount_claimed) for ln in invoice.lines.all()] == [
        (1, "AA010", M("120.00")),
        (2, "AA020", M("80.50")),
    ]
    event = latest(book.claim, EventKind.INVOICE_RECEIVED)
    assert invoice.received_seq == event.seq
    assert event.payload == {
        "invoice_id": invoice.pk,
        "provider_name": "Dr Jo Reyes",
        "invoice_number": "INV-1001",
        "received_on": "2026-10-30",
        "service_from": "2026-10-22",
        "service_to": "2026-10-27",
        "amount_claimed": "200.50",
        "line_count": 2,
    }


def test_receive_names_every_bad_field_and_writes_nothing(book, staff):
    # given
    before = writes()
    bad = InvoiceInput(
        provider_name=" ",
        invoice_number="",
        received_on=D(2026, 11, 9),
        lines=(
            line(D(2026, 10, 22), "120.00"),
            LineInput(
                service_date=D(2026, 10, 19),
                item_code="",
                description="",
                units=M("0"),
                amount_claimed=M("1.005"),
            ),
            line(D(2026, 11, 3), "-5.00"),
        ),
    )

    # when
    with pytest.raises(ValidationFailed) as exc:
        invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=bad)

    # then
    assert fields(exc) == [
        "provider_name",
        "invoice_number",
        "received_on",
        "lines[1].service_date",
        "lines[1].item_code",
        "lines[1].description",
        "lines[1].units",
        "lines[1].amount_claimed",
        "lines[2].service_date",
        "lines[2].amount_claimed",
    ]
    messages = {e.field: e.message for e in exc.value.errors}
    assert messages["lines[1].service_date"] == "is before the injury date (2026-10-20)"
    assert messages["lines[2].service_date"] == "is in the future (today is 2026-11-02)"
    assert writes() == before


def test_receive_refuses_a_service_after_receipt_and_a_total_that_does_not_add_up(book, staff):
    before = writes()
    with pytest.raises(ValidationFailed) as exc:
        invoice_receive(
            actor=staff["adjuster"], claim=book.claim, invoice=bill("X", line(D(2026, 10, 31), "10.00"))
        )
    assert fields(exc) == ["lines[0].service_date"]

    total = InvoiceInput(
        "Dr Jo Reyes", "Y", D(2026, 10, 30), (line(D(2026, 10, 22), "10.00"),), total=M("12.00")
    )
    with pytest.raises(ValidationFailed) as exc:
        invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=total)
    assert fields(exc) == ["total"]
    assert writes() == before


def test_a_duplicate_invoice_number_of_the_same_provider_is_refused(book, staff):
    # given
    invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=bill("INV-1001"))
    before = writes()

    # when the same provider's number comes again (spacing and case of the name aside)
    again = InvoiceInput("  dr jo   REYES ", "INV-1001", D(2026, 10, 31), (line(D(2026, 10, 22), "120.00"),))
    with pytest.raises(Conflict) as exc:
        invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=again)

    # then
    assert fields(exc) == ["invoice_number"]
    assert "already recorded" in exc.value.errors[0].message
    assert writes() == before
    # another provider may use the same number
    other = InvoiceInput("Front Range Physio", "INV-1001", D(2026, 10, 31), (line(D(2026, 10, 22), "60.00"),))
    assert invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=other).pk


@pytest.mark.parametrize("username", ["employer_coordinator", "other_adjuster", "auditor"])
def test_only_the_claims_staff_record_invoices(book, staff, username):
    before = writes()
    with pytest.raises(PermissionDenied):
        invoice_receive(actor=book.users[username], claim=book.claim, invoice=bill())
    assert writes() == before


# --- review ---------------------------------------------------------------------------------------


def test_review_flags_lines_without_treatment_and_duplicates(book, staff):
    # given an invoice with one service before the treatment request, and a later one billing it again
    first = invoice_receive(
        actor=staff["adjuster"],
        claim=book.claim,
        invoice=bill("A-1", line(D(2026, 10, 21), "90.00"), line(D(2026, 10, 23), "40.00", "AA020")),
    )
    second = invoice_receive(
        actor=staff["adjuster"],
        claim=book.claim,
        invoice=bill("A-2", line(D(2026, 10, 23), "40.00", "AA020")),
    )

    # when
    invoice_review(
        actor=staff["adjuster"],
        invoice=first,
        lines=[LineReview(M("0.00")), LineReview(M("40.00"))],
        note="ok",
    )
    invoice_review(actor=staff["adjuster"], invoice=second, lines=[LineReview(M("0.00"))])

    # then
    a1, a2 = list(first.lines.order_by("position"))
    assert a1.flags == [LineFlag.NO_APPROVED_TREATMENT]
    assert a1.treatment_seq is None
    assert a2.flags == [LineFlag.DUPLICATE_SERVICE]
    assert a2.treatment_seq == book.treatment_seq
    assert second.lines.get().flags == [LineFlag.DUPLICATE_SERVICE]
    event = events_of(book.claim, EventKind.INVOICE_REVIEWED)[0]
    assert event.payload == {
        "invoice_id": first.pk,
        "received_seq": first.received_seq,
        "amount_claimed": "130.00",
        "amount_recommended": "40.00",
        "flags": ["line 1: no_approved_treatment", "line 2: duplicate_service"],
        "note": "ok",
    }
    first.refresh_from_db()
    assert first.status == InvoiceStatus.REVIEWED


def test_review_names_bad_amounts_and_writes_nothing(book, staff):
    invoice = invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=bill())
    before = writes()

    with pytest.raises(ValidationFailed) as exc:
        invoice_review(
            actor=staff["adjuster"],
            invoice=invoice,
            lines=[LineReview(M("120.01")), LineReview(M("-1.00"), treatment_seq=999)],
        )
    assert fields(exc) == ["lines[0].amount_approved", "lines[1].amount_approved", "lines[1].treatment_seq"]
    with pytest.raises(ValidationFailed) as exc:
        invoice_review(actor=staff["adjuster"], invoice=invoice, lines=[LineReview(M("1.00"))])
    assert fields(exc) == ["lines"]
    assert writes() == before


def test_approved_treatment_is_a_treatment_request_approved(book, staff):
    declined = claim_event_append(
        actor=staff["adjuster"],
        claim=book.claim,
        kind=EventKind.REQUEST_RECEIVED,
        payload={"subject": "treatment", "received_on": "2026-10-28"},
    )
    claim_event_append(
        actor=staff["adjuster"],
        claim=book.claim,
        kind=EventKind.REQUEST_DECIDED,
        payload={"request_seq": declined.seq, "decision": "declined"},
    )
    assert [(t.seq, t.received_on) for t in approved_treatments(book.claim)] == [
        (book.treatment_seq, D(2026, 10, 22))
    ]


# --- decide ---------------------------------------------------------------------------------------


def test_partial_approval_sums_the_reviewed_lines_exactly(book, staff):
    # given lines reviewed at 120.00 and 55.25 of 80.50
    invoice = reviewed(book, staff, "120.00", "55.25")

    # when
    invoice = invoice_decide(
        actor=staff["adjuster"],
        invoice=invoice,
        outcome="partly_approved",
        reasons="AA020 above the usual fee",
    )

    # then
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTLY_APPROVED
    assert invoice.amount_approved == M("175.25")
    assert latest(book.claim, EventKind.INVOICE_DECIDED).payload == {
        "invoice_id": invoice.pk,
        "received_seq": invoice.received_seq,
        "outcome": "partly_approved",
        "amount_claimed": "200.50",
        "amount_approved": "175.25",
        "reasons": "AA020 above the usual fee",
    }


@pytest.mark.parametrize(
    ("amounts", "outcome", "reasons", "field"),
    [
        (("120.00", "55.25"), "approved", "", "outcome"),
        (("120.00", "80.50"), "partly_approved", "why", "outcome"),
        (("0.00", "0.00"), "partly_approved", "why", "outcome"),
        (("120.00", "55.25"), "partly_approved", " ", "reasons"),
        (("120.00", "80.50"), "denied", "", "reasons"),
        (("120.00", "80.50"), "maybe", "", "outcome"),
    ],
)
def test_decisions_that_do_not_match_the_lines_are_refused(book, staff, amounts, outcome, reasons, field):
    invoice = reviewed(book, staff, *amounts)
    before = writes()
    with pytest.raises(ValidationFailed) as exc:
        invoice_decide(actor=staff["adjuster"], invoice=invoice, outcome=outcome, reasons=reasons)
    assert fields(exc) == [field]
    assert writes() == before


def test_an_invoice_is_decided_only_once_reviewed(book, staff):
    invoice = invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=bill())
    with pytest.raises(Conflict) as exc:
        invoice_decide(actor=staff["adjuster"], invoice=invoice, outcome="approved")
    assert fields(exc) == ["status"]


def test_a_denied_invoice_approves_nothing_and_cannot_be_paid(book, staff):
    invoice = reviewed(book, staff)
    invoice = invoice_decide(
        actor=staff["adjuster"], invoice=invoice, outcome="denied", reasons="Not work related"
    )
    assert (invoice.status, invoice.amount_approved) == (InvoiceStatus.DENIED, M("0.00"))
    with pytest.raises(Conflict):
        invoice_pay(actor=staff["adjuster"], invoice=invoice)


# --- pay ------------------------------------------------------------------------------------------


def test_pay_posts_a_medical_payment_to_the_provider(book, staff):
    # given
    invoice = approved(book, staff)

    # when
    invoice = invoice_pay(actor=staff["adjuster"], invoice=invoice, method="cheque")

    # then
    invoice.refresh_from_db()
    entry = invoice.entry
    assert invoice.status == InvoiceStatus.PAID
    assert (entry.kind, entry.category, entry.payee_kind, entry.payee_name, entry.method) == (
        EntryKind.PAYMENT,
        MED,
        PayeeKind.PROVIDER,
        "Dr Jo Reyes",
        "cheque",
    )
    assert entry.idempotency_key == f"invoice:{invoice.pk}:1"
    assert balance(claim=book.claim, account=Account.PAID, category=MED) == M("200.50")
    assert latest(book.claim, EventKind.INVOICE_PAID).payload == {
        "invoice_id": invoice.pk,
        "received_seq": invoice.received_seq,
        "entry_id": entry.pk,
        "amount": "200.50",
        "method": "cheque",
    }


def test_paying_twice_is_a_conflict(book, staff):
    invoice = invoice_pay(actor=staff["adjuster"], invoice=approved(book, staff))
    before = writes()
    with pytest.raises(Conflict) as exc:
        invoice_pay(actor=staff["adjuster"], invoice=invoice)
    assert fields(exc) == ["status"]
    assert writes() == before


def test_more_than_the_outstanding_reserve_is_refused(book, staff):
    reserve_set(actor=staff["adjuster"], claim=book.claim, category=MED, amount=M("100.00"), reason="Lower")
    invoice = approved(book, staff)
    before = writes()
    with pytest.raises(ValidationFailed) as exc:
        invoice_pay(actor=staff["adjuster"], invoice=invoice)
    assert fields(exc) == ["amount"]
    assert writes() == before


def test_above_authority_waits_for_approval_then_is_paid(book, staff):
    # given an invoice of $1,200.00, above the adjuster's $1,000.00
    invoice = invoice_receive(
        actor=staff["adjuster"], claim=book.claim, invoice=bill("BIG", line(D(2026, 10, 22), "1200.00"))
    )
    invoice = invoice_review(actor=staff["adjuster"], invoice=invoice, lines=[LineReview(M("1200.00"))])
    invoice = invoice_decide(actor=staff["adjuster"], invoice=invoice, outcome="approved")

    # when the adjuster pays it
    invoice = invoice_pay(actor=staff["adjuster"], invoice=invoice)

    # then it waits
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.APPROVED
    assert invoice.awaiting_approval
    assert not invoice.payable
    assert events_of(book.claim, EventKind.INVOICE_PAID) == []
    with pytest.raises(Conflict):
        invoice_pay(actor=staff["adjuster"], invoice=invoice)

    # when the supervisor approves it
    approval_decide(actor=staff["supervisor"], request=invoice.approval, approve=True)

    # then it is paid, with its event naming the posted entry
    invoice.refresh_from_db()
    request = ApprovalRequest.objects.get()
    assert request.status == RequestStatus.APPROVED
    assert (invoice.status, invoice.entry_id, invoice.approval_id) == (
        InvoiceStatus.PAID,
        request.entry_id,
        None,
    )
    paid = latest(book.claim, EventKind.INVOICE_PAID)
    assert paid.payload["entry_id"] == request.entry_id
    assert paid.actor == staff["supervisor"]


def test_a_rejected_approval_leaves_the_invoice_approved_and_payable(book, staff):
    give_authority(staff["adjuster"], payment="0.00", reserve="20000.00")
    invoice = invoice_pay(actor=staff["adjuster"], invoice=approved(book, staff))
    approval_decide(actor=staff["supervisor"], request=invoice.approval, approve=False, reason="Check AA020")

    invoice.refresh_from_db()
    assert (invoice.status, invoice.approval_id, invoice.payment_round) == (InvoiceStatus.APPROVED, None, 2)
    assert invoice.payable

    # paying again makes a new request (a new key), which the supervisor may approve
    invoice = invoice_pay(actor=staff["adjuster"], invoice=invoice)
    assert invoice.approval.idempotency_key == f"invoice:{invoice.pk}:2"
    assert invoice.approval.status == RequestStatus.PENDING


def test_voiding_the_payment_reopens_the_invoice(book, staff):
    # given a paid, partly approved invoice
    invoice = invoice_pay(actor=staff["adjuster"], invoice=approved(book, staff, "120.00", "55.25"))
    entry = invoice.entry

    # when its payment is voided
    payment_void(actor=staff["adjuster"], entry=entry, reason="Paid to the wrong account")

    # then it is partly approved again and can be paid again (a new payment)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.entry_id) == (InvoiceStatus.PARTLY_APPROVED, None)
    assert invoice.payable
    invoice = invoice_pay(actor=staff["adjuster"], invoice=invoice)
    assert invoice.entry.pk != entry.pk
    assert invoice.entry.idempotency_key == f"invoice:{invoice.pk}:2"
    assert balance(claim=book.claim, account=Account.PAID, category=MED) == M("175.25")


# --- reads ----------------------------------------------------------------------------------------


def test_the_register_filters_and_scopes_by_claim_access(book, staff):
    # given one invoice paid and one received
    invoice_pay(actor=staff["adjuster"], invoice=approved(book, staff))
    invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=bill("INV-2"))
    now = book.claim.created_at

    def numbers(user, **filters) -> list[str]:
        found = invoice_register(user=book.users[user], filters=RegisterFilters(**filters), now=now)
        return [i.invoice_number for i in found]

    assert numbers("adjuster") == ["INV-1001", "INV-2"]
    assert numbers("adjuster", status="paid") == ["INV-1001"]
    assert numbers("employer_coordinator", provider="reyes") == ["INV-1001", "INV-2"]
    assert numbers("adjuster", provider="physio") == []
    assert numbers("adjuster", received_from=D(2026, 10, 31)) == []
    assert numbers("adjuster", overdue=True) == []  # CO holds no invoice payment deadline
    assert numbers("other_adjuster") == []
    assert numbers("worker") == []
    assert numbers("provider") == []
    assert len(claim_invoices(book.claim)) == 2


def test_the_register_reads_the_page_in_a_fixed_number_of_queries(book, staff, django_assert_num_queries):
    for n in range(5):
        invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=bill(f"N-{n}"))
    user = book.users["adjuster"]
    with django_assert_num_queries(1):
        rows = list(invoice_register(user=user, filters=RegisterFilters(), now=book.claim.created_at)[:50])
    assert len(rows) == 5
    assert all(r.claim.number == book.claim.number for r in rows)


def test_an_invoice_another_user_may_not_see_is_not_found(book, staff):
    invoice = invoice_receive(actor=staff["adjuster"], claim=book.claim, invoice=bill())
    assert invoice_get_for_user(pk=invoice.pk, user=book.users["auditor"]).pk == invoice.pk
    for username in ("other_adjuster", "worker", "provider"):
        with pytest.raises(ApplicationError):
            invoice_get_for_user(pk=invoice.pk, user=book.users[username])


# --- NSW: the 10-business-day payment clock -------------------------------------------------------


def nsw_invoice(book):
    """The book's NSW claim (Harbour Insurance's) with an invoice received Mon 26 Oct 2026."""
    adjuster = book.users["other_adjuster"]
    give_authority(adjuster, payment="5000.00", reserve="20000.00")
    claim = book.other_claim
    reserve_set(actor=adjuster, claim=claim, category=MED, amount=M("2000.00"), reason="Initial")
    invoice = invoice_receive(
        actor=adjuster,
        claim=claim,
        invoice=InvoiceInput("Sydney Physio", "SP-77", D(2026, 10, 26), (line(D(2026, 10, 23), "95.00"),)),
    )
    return adjuster, invoice


def obligation(invoice: ProviderInvoice) -> Obligation:
    return Obligation.objects.get(
        claim_id=invoice.claim_id, rule_id="nsw.provider_invoice", trigger_seq=invoice.received_seq
    )


def test_nsw_payment_satisfies_the_ten_business_day_obligation(book):
    # given
    adjuster, invoice = nsw_invoice(book)
    due = obligation(invoice)
    assert (due.status, due.due_date) == ("open", D(2026, 11, 9))

    # when it is reviewed, approved and paid
    invoice = invoice_review(actor=adjuster, invoice=invoice, lines=[LineReview(M("95.00"))])
    invoice = invoice_decide(actor=adjuster, invoice=invoice, outcome="approved")
    assert obligation(invoice).status == "open"
    invoice = invoice_pay(actor=adjuster, invoice=invoice)

    # then
    done = obligation(invoice)
    assert done.status == "satisfied"
    assert done.satisfied_seq == latest(book.other_claim, EventKind.INVOICE_PAID).seq


def test_nsw_denial_satisfies_the_obligation_and_the_register_shows_the_deadline(book):
    adjuster, invoice = nsw_invoice(book)
    row = invoice_register(user=adjuster, filters=RegisterFilters(), now=book.claim.created_at).get()
    assert (row.due_date, row.deadline_status) == (D(2026, 11, 9), "open")
    later = row.due_at.replace(year=2027)
    assert [
        i.pk for i in invoice_register(user=adjuster, filters=RegisterFilters(overdue=True), now=later)
    ] == [invoice.pk]

    invoice = invoice_review(actor=adjuster, invoice=invoice, lines=[LineReview(M("0.00"))])
    invoice_decide(actor=adjuster, invoice=invoice, outcome="denied", reasons="Not related to the injury")

    assert obligation(invoice).status == "satisfied"
    assert list(invoice_register(user=adjuster, filters=RegisterFilters(overdue=True), now=later)) == []


# --- concurrency ----------------------------------------------------------------------------------


def _run_together(calls) -> dict[int, object]:
    barrier = threading.Barrier(len(calls))
    results: dict[int, object] = {}

    def run(n: int, call) -> None:
        try:
            barrier.wait(timeout=10)
            results[n] = call()
        except ApplicationError as exc:
            results[n] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(results) == len(calls), "a thread did not finish"
    return results


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_pays_make_one_payment(frozen_now):
    """Two clicks of "pay" at once: one payment, the other told it is already paid."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers itself")
    from conftest import build_book

    book = build_book()
    adjuster, adjuster2 = book.users["adjuster"], book.users["adjuster2"]
    give_authority(adjuster, payment="5000.00", reserve="20000.00")
    give_authority(adjuster2, payment="5000.00", reserve="20000.00")
    reserve_set(actor=adjuster, claim=book.claim, category=MED, amount=M("5000.00"), reason="Initial")
    invoice = invoice_receive(actor=adjuster, claim=book.claim, invoice=bill())
    invoice = invoice_review(
        actor=adjuster, invoice=invoice, lines=[LineReview(M("120.00")), LineReview(M("80.50"))]
    )
    invoice = invoice_decide(actor=adjuster, invoice=invoice, outcome="approved")
    pk = invoice.pk

    results = _run_together(
        [
            lambda actor=actor: invoice_pay(actor=actor, invoice=ProviderInvoice.objects.get(pk=pk))
            for actor in (adjuster, adjuster2)
        ]
    )

    outcomes = sorted(type(r).__name__ for r in results.values())
    assert outcomes == ["Conflict", "ProviderInvoice"], results
    assert LedgerEntry.objects.filter(claim=book.claim, kind=EntryKind.PAYMENT).count() == 1
    assert len(events_of(book.claim, EventKind.INVOICE_PAID)) == 1
    assert balance(claim=book.claim, account=Account.PAID, category=MED) == Decimal("200.50")
