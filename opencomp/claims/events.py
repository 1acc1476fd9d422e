"""Payload schemas of claim events, one per kind.

A payload is validated here before it is stored, so the log never holds a shape
the timeline, the regulator's activity log or the EDI builders cannot read.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from opencomp.claims.enums import (
    ActivityChannel,
    ActivityDirection,
    ActivityParty,
    ClaimStatus,
    EventKind,
    Milestone,
    NoticeType,
    ParticipantRole,
    ReportType,
    RequestDecision,
    RequestSubject,
    ScheduleSubject,
    Sensitivity,
    WorkCapacity,
)
from opencomp.core.errors import FieldError, ValidationFailed
from opencomp.core.money import CENT


class Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)


def _not_float(value: Any) -> Any:
    """Amounts come as Decimals or decimal strings; a float has already lost cents."""
    if isinstance(value, float):
        raise ValueError("give the amount as a decimal string such as '1293.25', not a float")
    return value


def _cents(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("must be a finite amount")
    if value != value.quantize(CENT):
        raise ValueError("has more than two decimal places")
    return value.quantize(CENT)


def _finite(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("must be a finite number")
    return value


#: Money stored as a decimal string with cents ("1293.25"); never negative.
Money = Annotated[Decimal, BeforeValidator(_not_float), Field(ge=0), AfterValidator(_cents)]
#: Money that may be negative (a difference: negative means overpaid).
SignedMoney = Annotated[Decimal, BeforeValidator(_not_float), AfterValidator(_cents)]
#: A quantity that is not money (hours, days a week), stored as a decimal string.
Quantity = Annotated[Decimal, BeforeValidator(_not_float), Field(ge=0), AfterValidator(_finite)]


class ClaimCreated(Payload):
    jurisdiction: str
    claim_type: str
    employer_id: int
    worker_id: int
    injury_date: dt.date
    notification_date: dt.date
    source_report_id: int | None = None


class StatusChanged(Payload):
    from_status: ClaimStatus
    to_status: ClaimStatus
    reason: str = Field(default="", max_length=2000)


class Assigned(Payload):
    from_adjuster_id: int | None
    from_adjuster_name: str
    to_adjuster_id: int | None
    to_adjuster_name: str
    reason: str = Field(default="", max_length=2000)
    notified: list[str] = Field(default_factory=list)


class DetailsCorrected(Payload):
    changes: dict[str, list[Any]]
    reason: str = Field(min_length=1, max_length=2000)


class ParticipantAdded(Payload):
    participant_id: int
    role: ParticipantRole
    name: str


class ActivityLogged(Payload):
    """An entry of the activity log a regulator reads (seed 002)."""

    party: ActivityParty
    party_name: str = Field(default="", max_length=200)
    channel: ActivityChannel
    direction: ActivityDirection
    issue: str = Field(min_length=1, max_length=200)
    action: str = Field(min_length=1, max_length=4000)
    result: str = Field(default="", max_length=4000)


class NoteAdded(Payload):
    text: str = Field(min_length=1, max_length=8000)


class MedicalNote(Payload):
    summary: str = Field(min_length=1, max_length=8000)
    diagnosis: str = Field(default="", max_length=200)
    provider_name: str = Field(default="", max_length=200)


class LiabilityDecided(Payload):
    """A liability decision and what it carries (``claims.liability``: the options of each pack)."""

    decision: str = Field(min_length=1, max_length=40)
    label: str = Field(min_length=1, max_length=120)
    #: Empty when the decision leaves the status as it is (a Colorado FAL).
    to_status: str = Field(default="", max_length=24)
    citation: str = Field(min_length=1, max_length=300)
    reasons: str = Field(default="", max_length=4000)
    excuses: list[str] = Field(default_factory=list, max_length=10)
    worker_action: str = Field(default="", max_length=2000)
    evidence: list[str] = Field(default_factory=list, max_length=50)
    signed_off_by: int | None = None
    #: The ``claim.status_changed`` recorded with it; ``None`` when the decision moves nothing (FAL).
    status_seq: int | None = Field(default=None, ge=1)
    #: Colorado final admission (FAL) only.
    mmi_date: dt.date | None = None
    impairment_percent: Quantity | None = Field(default=None, le=100)
    permanent_restrictions: str = Field(default="", max_length=4000)
    maintenance_care: Literal["", "admitted", "denied"] = ""
    maintenance_care_details: str = Field(default="", max_length=4000)


class NoticeDelivery(Payload):
    """How an issued letter went to one recipient (``letters``)."""

    party: ActivityParty
    name: str = Field(min_length=1, max_length=200)
    method: Literal["mail", "certified_mail", "email"]
    tracking_number: str = Field(default="", max_length=60)


class NoticeSent(Payload):
    """A written notice went out (liability decision, modified duty offer, step-down…).

    A notice issued as a letter (``letters``) names the letter, its stored PDF (a claim
    document), the template version it was printed from and each delivery.
    """

    notice: NoticeType
    recipients: list[ActivityParty] = Field(min_length=1)
    channel: ActivityChannel = ActivityChannel.LETTER
    summary: str = Field(default="", max_length=2000)
    letter_id: int | None = None
    document_id: int | None = None
    template: str = Field(default="", max_length=80)
    deliveries: list[NoticeDelivery] = Field(default_factory=list, max_length=20)


class ReportFiled(Payload):
    report: ReportType
    filed_with: str = Field(min_length=1, max_length=200)
    reference: str = Field(default="", max_length=100)


class RequestReceived(Payload):
    """A request or document arrived that the administrator must answer in time."""

    subject: RequestSubject
    received_on: dt.date
    from_party: ActivityParty = ActivityParty.WORKER
    description: str = Field(default="", max_length=2000)
    # A treatment request recorded in the treatment register (``treatment``); all optional.
    treatment_request_id: int | None = None
    service: str | None = Field(default=None, max_length=32)
    treatments: int | None = Field(default=None, ge=1)
    estimated_cost: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    provider_name: str | None = Field(default=None, max_length=200)
    diagnosis_codes: list[str] | None = Field(default=None, max_length=12)
    #: ``not_required``: inside a pre-approval exemption of the pack; the decision clocks do not start.
    pre_approval: Literal["required", "not_required"] | None = None
    exemption: str | None = Field(default=None, max_length=1000)
    # A change of treating doctor recorded by ``physicians``; optional.
    physician_change_id: int | None = None


class RequestAcknowledged(Payload):
    request_seq: int = Field(ge=1)
    note: str = Field(default="", max_length=2000)
    treatment_request_id: int | None = None


class RequestDecided(Payload):
    request_seq: int = Field(ge=1)
    decision: RequestDecision
    reason: str = Field(default="", max_length=2000)
    # A treatment request's decision (``treatment``); all optional.
    treatment_request_id: int | None = None
    approved_treatments: int | None = Field(default=None, ge=0)
    approved_cost: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    # A change of treating doctor decided by ``physicians`` (``deemed``: no answer in time); optional.
    physician_change_id: int | None = None
    deemed: bool | None = None


class RequestCompleted(Payload):
    request_seq: int = Field(ge=1)
    note: str = Field(default="", max_length=2000)


class ScheduleRecorded(Payload):
    """A future date a rule counts back from (an IME, a step-down, an interview)."""

    subject: ScheduleSubject
    on: dt.date
    details: str = Field(default="", max_length=2000)
    # An IME referral recorded by ``physicians``; optional.
    ime_referral_id: int | None = None


class RestrictionItem(Payload):
    """One structured restriction of a work status report (``workstatus.enums.RestrictionKind``)."""

    kind: str = Field(min_length=1, max_length=16)
    limit: Quantity | None = None
    unit: str = Field(default="", max_length=8)
    side: str = Field(default="", max_length=8)
    note: str = Field(default="", max_length=500)


class WorkStatusRecorded(Payload):
    """A certificate of capacity / work status report: what the worker can do, and until when.

    ``certificate`` is true for a certificate of capacity (the NSW rule ``nsw.certificate_current``
    counts those); the optional fields after it are written by ``workstatus.services``.
    """

    capacity: WorkCapacity
    from_date: dt.date
    to_date: dt.date | None = None
    restrictions: str = Field(default="", max_length=4000)
    certificate: bool = True
    provider_name: str = Field(default="", max_length=200)
    report_id: int | None = None
    report_kind: str = Field(default="", max_length=32)
    examined_on: dt.date | None = None
    hours_per_day: Quantity | None = None
    days_per_week: Quantity | None = None
    restriction_items: list[RestrictionItem] = Field(default_factory=list, max_length=20)
    next_review_on: dt.date | None = None
    provider_id: int | None = None
    document_id: int | None = None


class MilestoneRecorded(Payload):
    milestone: Milestone
    summary: str = Field(default="", max_length=4000)


class IndemnityCommenced(Payload):
    benefit: str = Field(min_length=1, max_length=40)
    first_day: dt.date
    first_payment_on: dt.date


class TestRecorded(Payload):
    """The post-accident drug and alcohol test record, copied onto the claim's log."""

    test_id: int
    accident_at: dt.datetime
    reason: str
    alcohol_tested_at: dt.datetime | None = None
    drug_tested_at: dt.datetime | None = None
    reason_not_tested: str = ""


class ObligationWaived(Payload):
    key: str = Field(min_length=3, max_length=120)
    rule_id: str = Field(min_length=3, max_length=80)
    title: str = Field(default="", max_length=200)
    reason: str = Field(min_length=1, max_length=2000)


class ObligationEscalated(Payload):
    key: str = Field(min_length=3, max_length=120)
    rule_id: str = Field(min_length=3, max_length=80)
    title: str = Field(default="", max_length=200)
    due_date: dt.date
    adjuster_id: int | None = None
    supervisor_ids: list[int] = Field(default_factory=list)


class DiaryEntryAdded(Payload):
    title: str = Field(min_length=1, max_length=200)
    due_on: dt.date
    details: str = Field(default="", max_length=4000)


class DiaryEntryCompleted(Payload):
    entry_seq: int = Field(ge=1)
    note: str = Field(default="", max_length=2000)


class InfoRequested(Payload):
    """A request for missing information: from whom, what, and by when."""

    party: ActivityParty
    party_name: str = Field(default="", max_length=200)
    what: str = Field(min_length=1, max_length=2000)
    due_on: dt.date


class InfoReceived(Payload):
    request_seq: int = Field(ge=1)
    note: str = Field(default="", max_length=2000)


class WageLinePayload(Payload):
    period_start: dt.date
    period_end: dt.date
    amount: Money
    kind: str = Field(default="ordinary", min_length=1, max_length=40)
    hours: Quantity | None = None
    employer: str = Field(default="", max_length=200)


class WageStatementRecorded(Payload):
    """The wage figures of the claim and the AWW (or PIAWE) computed from them."""

    method: Literal["monthly", "hourly", "26_weeks", "52_weeks", "piawe", "agreed"]
    monthly_wage: Money | None = None
    hourly_rate: Money | None = None
    hours_per_day: Quantity | None = None
    days_per_week: Quantity | None = None
    agreed_aww: Money | None = None
    after_tax_aww: Money | None = None
    lines: list[WageLinePayload] = Field(default_factory=list)
    hire_date: dt.date | None = None
    employment_start: dt.date | None = None
    injury_date: dt.date | None = None
    average_weekly_wage: Money
    rules_version: str = Field(min_length=1, max_length=120)
    explanation: list[str] = Field(default_factory=list)
    citations: list[dict[str, Any]] = Field(default_factory=list)
    note: str = Field(default="", max_length=2000)


class DifferencePeriod(Payload):
    period_seq: int = Field(ge=1)
    first_day: dt.date
    return_to_work: dt.date
    paid: Money
    due: Money
    difference: SignedMoney


class BenefitRateDecided(Payload):
    """A weekly rate decided, and what it means for the periods already paid.

    ``difference`` = ``due_at_new_rate`` − ``paid_to_date``: positive is arrears owed
    to the worker, negative an overpayment.
    """

    benefit: str = Field(min_length=1, max_length=20)
    weekly_rate: Money
    basis: Money
    injury_date: dt.date
    effective_from: dt.date
    wage_statement_seq: int = Field(ge=1)
    previous_rate: Money | None = None
    paid_to_date: Money
    due_at_new_rate: Money
    difference: SignedMoney
    difference_periods: list[DifferencePeriod] = Field(default_factory=list)
    maximum: Money | None = None
    minimum: Money | None = None
    current_earnings: Money | None = None
    hours_worked: Quantity | None = None
    entitlement_week: int | None = Field(default=None, ge=1)
    week_start: dt.date | None = None
    rules_version: str = Field(min_length=1, max_length=120)
    explanation: list[str] = Field(default_factory=list)
    citations: list[dict[str, Any]] = Field(default_factory=list)
    reason: str = Field(default="", max_length=2000)


class BenefitPeriodPaid(Payload):
    """A period of weekly benefit paid: the days, the rate and the amount.

    ``disability_start`` is the first day of the continuing disability the period is
    an instalment of (periods of the benefit running back to back); ``waiting_settled``
    says an earlier instalment had already paid the waiting period back. Events
    recorded before they existed read as ``first_day`` and false.
    """

    benefit: str = Field(min_length=1, max_length=20)
    first_day: dt.date
    return_to_work: dt.date
    weekly_rate: Money
    rate_seq: int = Field(ge=1)
    days_per_week: int | None = Field(default=None, ge=1, le=7)
    work_days: list[int] = Field(default_factory=list)
    weeks: int | None = Field(default=None, ge=1)
    amount: Money
    waiting_days: list[dt.date] = Field(default_factory=list)
    waiting_paid_back: bool = False
    compensable_days: int = Field(ge=0)
    rules_version: str = Field(min_length=1, max_length=120)
    explanation: list[str] = Field(default_factory=list)
    disability_start: dt.date | None = None
    waiting_settled: bool = False
    #: Paid by a payment schedule: the ledger payment, the schedule and its period.
    entry_id: int | None = None
    schedule_id: int | None = None
    period_no: int | None = Field(default=None, ge=1)


class ReserveChanged(Payload):
    entry_id: int
    category: str = Field(min_length=1, max_length=12)
    bucket: str = Field(min_length=1, max_length=12)
    previous: Money
    new: Money
    change: SignedMoney
    reason: str = Field(min_length=1, max_length=2000)
    approved_by: str = Field(default="", max_length=200)


class PaymentIssued(Payload):
    entry_id: int
    category: str = Field(min_length=1, max_length=12)
    bucket: str = Field(min_length=1, max_length=12)
    amount: Money
    payee_kind: str = Field(min_length=1, max_length=12)
    payee_name: str = Field(min_length=1, max_length=200)
    method: str = Field(min_length=1, max_length=12)
    benefit: str = Field(default="", max_length=20)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    idempotency_key: str | None = Field(default=None, max_length=100)
    reason: str = Field(default="", max_length=2000)
    approved_by: str = Field(default="", max_length=200)


class PaymentVoided(Payload):
    entry_id: int
    voided_entry_id: int
    amount: Money
    reason: str = Field(min_length=1, max_length=2000)


class RecoveryRecorded(Payload):
    entry_id: int
    category: str = Field(min_length=1, max_length=12)
    bucket: str = Field(min_length=1, max_length=12)
    amount: Money
    kind: str = Field(min_length=1, max_length=12)
    payer: str = Field(min_length=1, max_length=200)
    plan_id: int | None = None
    reason: str = Field(default="", max_length=2000)


class RepaymentPlanAgreed(Payload):
    plan_id: int
    kind: str = Field(min_length=1, max_length=12)
    category: str = Field(min_length=1, max_length=12)
    owed: Money
    debtor: str = Field(min_length=1, max_length=200)
    terms: str = Field(min_length=1, max_length=4000)


class ApprovalRequested(Payload):
    request_id: int
    kind: str = Field(min_length=1, max_length=16)
    amount: Money
    summary: str = Field(min_length=1, max_length=2000)
    limit: Money


class ApprovalDecided(Payload):
    request_id: int
    kind: str = Field(min_length=1, max_length=16)
    amount: Money
    approved: bool
    reason: str = Field(default="", max_length=2000)
    entry_id: int | None = None


class BankDetailsChanged(Payload):
    """A worker's bank details changed: the account number never appears, only its last 3 digits."""

    bank_details_id: int
    worker_id: int
    account_name: str = Field(min_length=1, max_length=200)
    bsb_or_routing: str = Field(pattern=r"^[0-9]{6}$|^[0-9]{9}$")
    account_last3: str = Field(pattern=r"^[0-9]{3}$")
    verification_method: str = Field(min_length=1, max_length=32)
    verification_note: str = Field(min_length=1, max_length=2000)
    verified_by: str = Field(min_length=1, max_length=200)


class PaymentScheduleStarted(Payload):
    schedule_id: int
    benefit: str = Field(min_length=1, max_length=20)
    first_day: dt.date
    interval_days: int = Field(ge=7, le=14)
    payee_kind: str = Field(min_length=1, max_length=12)
    payee_name: str = Field(min_length=1, max_length=200)
    method: str = Field(min_length=1, max_length=12)
    weekly_rate: Money | None = None
    rate_seq: int | None = None
    first_payment_due: dt.date | None = None
    last_day: dt.date | None = None
    note: str = Field(default="", max_length=2000)


class OverpaidEntry(Payload):
    entry_id: int
    period_start: dt.date | None = None
    period_end: dt.date | None = None


class PaymentScheduleStopped(Payload):
    schedule_id: int
    benefit: str = Field(min_length=1, max_length=20)
    reason: str = Field(min_length=1, max_length=20)
    last_day: dt.date
    payable_through: dt.date
    part_week_days_unpaid: int = Field(default=0, ge=0, le=6)
    overpaid_entries: list[OverpaidEntry] = Field(default_factory=list)
    note: str = Field(default="", max_length=2000)
    source_seq: int | None = None


class IndemnitySuspended(Payload):
    """Weekly benefits stop after ``last_day`` (of ``benefit``, or every benefit when it is empty)."""

    last_day: dt.date
    benefit: str = Field(default="", max_length=20)
    reason: str = Field(min_length=1, max_length=2000)


class MmiRecorded(Payload):
    """Maximum medical improvement: the date and who found it."""

    mmi_date: dt.date
    provider_name: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=2000)


class InvoiceReceived(Payload):
    """A provider's invoice arrived; ``received_on`` starts NSW's 10-business-day payment clock."""

    invoice_id: int
    provider_name: str = Field(min_length=1, max_length=200)
    invoice_number: str = Field(min_length=1, max_length=60)
    received_on: dt.date
    service_from: dt.date
    service_to: dt.date
    amount_claimed: Money
    line_count: int = Field(ge=1)


class InvoiceReviewed(Payload):
    """The invoice lines were checked against the approved treatment and the fee schedule."""

    invoice_id: int
    received_seq: int = Field(ge=1)
    amount_claimed: Money
    amount_recommended: Money
    flags: list[str] = Field(default_factory=list)
    note: str = Field(default="", max_length=2000)


class InvoiceDecided(Payload):
    """Approved, partly approved or denied, with the reasons a provider is told."""

    invoice_id: int
    received_seq: int = Field(ge=1)
    outcome: str = Field(pattern=r"^(approved|partly_approved|denied)$")
    amount_claimed: Money
    amount_approved: Money
    reasons: str = Field(default="", max_length=2000)


class InvoicePaid(Payload):
    """The approved amount was paid to the provider (the ledger entry ``entry_id``)."""

    invoice_id: int
    received_seq: int = Field(ge=1)
    entry_id: int
    amount: Money
    method: str = Field(min_length=1, max_length=12)


class WageReimbursementSubmitted(Payload):
    """An employer's wage reimbursement schedule (seed 004's WRS) arrived for this worker."""

    reimbursement_id: int
    employer_name: str = Field(min_length=1, max_length=200)
    received_on: dt.date
    period_from: dt.date
    period_to: dt.date
    week_count: int = Field(ge=1)
    amount_claimed: Money
    channel: str = Field(pattern=r"^(api|csv|web)$")


class WageReimbursementDecided(Payload):
    """The schedule's weeks were checked against the rate in force: approved, partly, or rejected."""

    reimbursement_id: int
    submitted_seq: int = Field(ge=1)
    outcome: str = Field(pattern=r"^(approved|partly_approved|rejected)$")
    amount_claimed: Money
    amount_approved: Money
    reasons: str = Field(default="", max_length=2000)


class WageReimbursementReimbursed(Payload):
    """The employer was paid the approved amount (the ledger entry ``entry_id``)."""

    reimbursement_id: int
    submitted_seq: int = Field(ge=1)
    entry_id: int
    amount: Money
    method: str = Field(min_length=1, max_length=12)


_DOCUMENT_CATEGORY = r"^(medical_report|certificate|ime_report|wage_records|correspondence|legal|other)$"


class DocumentUploaded(Payload):
    """A document was added to the claim file (``opencomp.documents``); the file itself is not in the log.

    Written with ``medical`` sensitivity when the document is restricted, so its title is
    shown only to those who may read medical detail.
    """

    document_id: int
    category: str = Field(pattern=_DOCUMENT_CATEGORY)
    title: str = Field(min_length=1, max_length=200)
    file_name: str = Field(min_length=1, max_length=140)
    content_type: str = Field(min_length=1, max_length=100)
    size: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    restricted: bool


class DocumentReclassified(Payload):
    """A document's category changed (and with it, possibly, who may see it)."""

    document_id: int
    uploaded_seq: int = Field(ge=1)
    from_category: str = Field(pattern=_DOCUMENT_CATEGORY)
    to_category: str = Field(pattern=_DOCUMENT_CATEGORY)
    restricted: bool
    reason: str = Field(default="", max_length=500)


#: The consent categories and recipients of ``opencomp.consent.enums`` (this module cannot import it).
ConsentCategoryName = Literal[
    "medical_report", "certificate", "ime_report", "capacity_restrictions", "wage_records", "correspondence"
]
ConsentRecipientName = Literal["employer", "rehabilitation", "treating_doctor", "insurer", "attorney"]


class ConsentGiven(Payload):
    """The worker (or their named representative) consented to release information (``opencomp.consent``).

    Written with ``medical`` sensitivity: to whom a worker lets their health information go is
    read by those entitled to the claim's medical detail.
    """

    consent_id: int
    given_by: Literal["worker", "representative"]
    representative_name: str = Field(default="", max_length=200)
    given_on: dt.date
    method: Literal["signed_form", "online_form", "verbal_confirmed_in_writing"]
    categories: list[ConsentCategoryName] = Field(min_length=1)
    recipients: list[ConsentRecipientName] = Field(min_length=1)
    purpose: str = Field(min_length=1, max_length=500)
    expires_on: dt.date | None = None


class ConsentWithdrawn(Payload):
    """A consent ends from ``withdrawn_on`` (not retroactively)."""

    consent_id: int
    given_seq: int = Field(ge=1)
    withdrawn_on: dt.date
    method: ActivityChannel
    reason: str = Field(default="", max_length=2000)
    disclosures_after: list[int] = Field(
        default_factory=list,
        description="Disclosures already recorded under it dated on or after withdrawal.",
    )


class InformationDisclosed(Payload):
    """Information about the worker was released to a party: under a consent, or to the worker."""

    disclosure_id: int
    category: ConsentCategoryName
    recipient: Literal["employer", "rehabilitation", "treating_doctor", "insurer", "attorney", "worker"]
    recipient_name: str = Field(min_length=1, max_length=200)
    channel: ActivityChannel
    disclosed_on: dt.date
    document_ids: list[int] = Field(default_factory=list)
    description: str = Field(default="", max_length=2000)
    basis: Literal["consent", "own_information"]
    consent_id: int | None = None
    consent_seq: int | None = None


_PARTY = r"^(worker|employer|provider|attorney)$"


class DisputeRaised(Payload):
    """A party disputes a decision recorded on the claim (``decision_seq``); ``opencomp.disputes``.

    Written with ``medical`` sensitivity for a treatment dispute.
    """

    dispute_id: int
    kind: str = Field(pattern=r"^(liability|treatment|work_capacity|benefits)$")
    raised_by: str = Field(pattern=_PARTY)
    raised_by_name: str = Field(default="", max_length=200)
    raised_on: dt.date
    decision_seq: int = Field(ge=1)
    decision_kind: str = Field(min_length=1, max_length=40)
    grounds: str = Field(min_length=1, max_length=4000)


class DisputeReviewStarted(Payload):
    """The internal review began, by a reviewer who had no part in the disputed decision."""

    dispute_id: int
    raised_seq: int = Field(ge=1)
    reviewer_id: int
    reviewer_name: str = Field(min_length=1, max_length=200)


class DisputeReviewed(Payload):
    """The internal review's outcome; ``follow_up`` says what the adjuster records next, if anything."""

    dispute_id: int
    raised_seq: int = Field(ge=1)
    outcome: str = Field(pattern=r"^(upheld|varied|overturned)$")
    reasons: str = Field(min_length=1, max_length=4000)
    follow_up: str = Field(default="", max_length=500)


class DisputeEscalated(Payload):
    """The dispute went to a body outside the administrator (a commission, a court, an ombudsman)."""

    dispute_id: int
    raised_seq: int = Field(ge=1)
    to: str = Field(min_length=1, max_length=200)
    on: dt.date
    reference: str = Field(default="", max_length=100)


class DisputeClosed(Payload):
    """A dispute resolved (``note`` is the outcome) or withdrawn (``note`` is the reason)."""

    dispute_id: int
    raised_seq: int = Field(ge=1)
    on: dt.date
    note: str = Field(min_length=1, max_length=4000)


class Representative(Payload):
    name: str = Field(min_length=1, max_length=200)
    firm: str = Field(default="", max_length=200)
    side: str = Field(pattern=r"^(worker|employer|insurer|other)$")


class HearingScheduled(Payload):
    """A hearing or conference was set: the forum, when, where, and who represents whom."""

    hearing_id: int
    forum: str = Field(min_length=1, max_length=40)
    forum_name: str = Field(min_length=1, max_length=200)
    starts_at: dt.datetime
    location: str = Field(min_length=1, max_length=300)
    dispute_id: int | None = None
    representatives: list[Representative] = Field(default_factory=list, max_length=20)


class HearingAdjourned(Payload):
    hearing_id: int
    scheduled_seq: int = Field(ge=1)
    from_starts_at: dt.datetime
    to_starts_at: dt.datetime
    reason: str = Field(min_length=1, max_length=2000)


class HearingCancelled(Payload):
    hearing_id: int
    scheduled_seq: int = Field(ge=1)
    reason: str = Field(min_length=1, max_length=2000)


class HearingHeld(Payload):
    """The hearing took place: its outcome, and how many orders it left to carry out."""

    hearing_id: int
    scheduled_seq: int = Field(ge=1)
    outcome: str = Field(min_length=1, max_length=4000)
    order_count: int = Field(ge=0)


class HearingOrderRecorded(Payload):
    """An order to carry out by ``due_on``; the rule ``diary.hearing_order`` puts it in the diary."""

    hearing_id: int
    order_id: int
    description: str = Field(min_length=1, max_length=200)
    due_on: dt.date


class HearingOrderComplied(Payload):
    """The order of event ``order_seq`` was carried out on ``complied_on``."""

    hearing_id: int
    order_id: int
    order_seq: int = Field(ge=1)
    complied_on: dt.date
    note: str = Field(default="", max_length=2000)


_APPROVER = r"^(district|pool|administrator)$"


class SettlementDrafted(Payload):
    """A settlement offer drafted, and whose approval it needs before it is made."""

    offer_id: int
    amount: Money
    terms: str = Field(min_length=1, max_length=4000)
    dispute_id: int | None = None
    required_approvals: list[Annotated[str, Field(pattern=_APPROVER)]] = Field(min_length=1)


class SettlementApprovalDecided(Payload):
    offer_id: int
    drafted_seq: int = Field(ge=1)
    party: str = Field(pattern=_APPROVER)
    approved: bool
    amount: Money
    reason: str = Field(default="", max_length=2000)


class SettlementOffered(Payload):
    offer_id: int
    drafted_seq: int = Field(ge=1)
    amount: Money
    offered_on: dt.date


class SettlementResponded(Payload):
    offer_id: int
    drafted_seq: int = Field(ge=1)
    response: str = Field(pattern=r"^(accepted|rejected)$")
    responded_on: dt.date
    note: str = Field(default="", max_length=2000)


class SettlementWithdrawn(Payload):
    offer_id: int
    drafted_seq: int = Field(ge=1)
    reason: str = Field(min_length=1, max_length=2000)


# Complaints (opencomp.complaints; seed 004 section 8). The vocabularies are the complaints
# app's enums, repeated here as patterns (claims sits below it); a test keeps them equal.
_COMPLAINANT = r"^(worker|employer|provider|other)$"
_EXTERNAL_BODY = r"^(iro|sira)$"


class ComplaintReceived(Payload):
    """A stakeholder raised a complaint about their experience of the claims process (stage 1 begins)."""

    complaint_id: int
    complainant_kind: str = Field(pattern=_COMPLAINANT)
    complainant_name: str = Field(min_length=1, max_length=200)
    received_on: dt.date
    channel: ActivityChannel
    subject: str = Field(min_length=1, max_length=200)
    details: str = Field(min_length=1, max_length=8000)


class ComplaintContacted(Payload):
    """A contact with the complainant about the progress of their complaint (the seed's ongoing dialogue)."""

    complaint_id: int
    received_seq: int = Field(ge=1)
    contacted_on: dt.date
    channel: ActivityChannel
    direction: ActivityDirection
    summary: str = Field(min_length=1, max_length=4000)


class ComplaintStage1Decided(Payload):
    """Stage 1, internal dispute resolution: the outcome given by workers compensation senior staff."""

    complaint_id: int
    received_seq: int = Field(ge=1)
    decided_on: dt.date
    outcome: str = Field(min_length=1, max_length=8000)
    decided_by_id: int
    decided_by_name: str = Field(min_length=1, max_length=200)


class ComplaintEscalated(Payload):
    """Stage 2 begins: the complainant is not satisfied with the stage 1 outcome."""

    complaint_id: int
    received_seq: int = Field(ge=1)
    escalated_on: dt.date
    reason: str = Field(min_length=1, max_length=4000)


class ComplaintFinalDecided(Payload):
    """Stage 2: senior management's final decision on behalf of the organisation."""

    complaint_id: int
    received_seq: int = Field(ge=1)
    decided_on: dt.date
    decision: str = Field(min_length=1, max_length=8000)
    decided_by_id: int
    decided_by_name: str = Field(min_length=1, max_length=200)
    stage_1_decided_by_id: int


class ComplaintReferred(Payload):
    """Stage 3: the complainant referred the complaint to an external dispute resolution body."""

    complaint_id: int
    received_seq: int = Field(ge=1)
    body: str = Field(pattern=_EXTERNAL_BODY)
    referred_on: dt.date
    reference: str = Field(default="", max_length=100)
    note: str = Field(default="", max_length=2000)


# Finalisation and reopening (opencomp.finalisation). Patterns repeat that app's enums (a test
# keeps them equal).
_FINALISATION_REASON = (
    r"^(pre_injury_duties|suitable_employment|liability_disputed|settled|s59a_limit|retirement_age"
    r"|s39_cessation|third_party_recovery)$"
)
_REOPEN_KIND = r"^(recurrence|aggravation|new_treatment|decision_set_aside)$"


class ClosureIntentionAdvised(Payload):
    """A party was told the administrator intends to close the claim (seed 004, Finalisation)."""

    party: str = Field(pattern=r"^(worker|employer|provider)$")
    party_name: str = Field(default="", max_length=200)
    advised_on: dt.date
    channel: ActivityChannel
    summary: str = Field(default="", max_length=2000)


class ReleasedReserve(Payload):
    entry_id: int
    category: str = Field(min_length=1, max_length=12)
    bucket: str = Field(min_length=1, max_length=12)
    released: Money


class ClaimFinalisationRecorded(Payload):
    """The claim was closed or finalised after its closing checks passed, with its reason."""

    to_status: str = Field(pattern=r"^(closed|finalised)$")
    status_seq: int = Field(ge=1)
    reason: str = Field(pattern=_FINALISATION_REASON)
    reason_label: str = Field(min_length=1, max_length=300)
    details: str = Field(default="", max_length=4000)
    intention_seqs: list[int] = Field(default_factory=list)
    released_reserves: list[ReleasedReserve] = Field(default_factory=list)
    notified: list[str] = Field(default_factory=list)


class ClaimReopeningRecorded(Payload):
    """A closed or finalised claim reopened: why, when the administrator was told, and on what evidence."""

    kind: str = Field(pattern=_REOPEN_KIND)
    from_status: str = Field(pattern=r"^(closed|finalised)$")
    status_seq: int = Field(ge=1)
    notified_on: dt.date
    evidence: str = Field(min_length=1, max_length=4000)
    details: str = Field(default="", max_length=4000)


class RecurrenceDetermined(Payload):
    """The determination of a recurrence or aggravation a reopening reported: accepted or declined."""

    reopening_seq: int = Field(ge=1)
    kind: str = Field(pattern=r"^(recurrence|aggravation)$")
    outcome: str = Field(pattern=r"^(accepted|declined)$")
    decided_on: dt.date
    further_treatment_required: bool
    reasons: str = Field(min_length=1, max_length=4000)


class TriageFactor(Payload):
    factor: str = Field(min_length=1, max_length=32)
    label: str = Field(min_length=1, max_length=80)
    value: str = Field(max_length=2000)
    points: int = Field(ge=0, le=100)
    explanation: str = Field(max_length=2000)


class TriageRecorded(Payload):
    """A risk triage of the claim (``triage.services``): score, band, handling, each factor's part.

    ``band`` is the band in force; it differs from ``computed_band`` only when a person overrode
    it, with ``override_reason``. Carries the psychosocial flags in its factors, so it is written
    with ``medical`` sensitivity.
    """

    assessment_id: int
    occasion: str = Field(pattern=r"^(first_contact|strategic_review|on_file)$")
    assessed_on: dt.date
    score: int = Field(ge=0, le=1000)
    computed_band: str = Field(min_length=1, max_length=16)
    band: str = Field(min_length=1, max_length=16)
    handling: str = Field(min_length=1, max_length=24)
    override_reason: str = Field(default="", max_length=4000)
    policy_version: str = Field(min_length=1, max_length=32)
    factors: list[TriageFactor] = Field(max_length=20)


# --- Modified duty and return to work (``rtw.services``) ---------------------------------------


class DutyDemand(Payload):
    """What a modified duty asks of the worker, in the shape of a restriction (``workstatus.rules``)."""

    kind: str = Field(min_length=1, max_length=16)
    limit: str = Field(default="", max_length=12)
    unit: str = Field(default="", max_length=4)
    side: str = Field(default="", max_length=8)
    note: str = Field(default="", max_length=500)


class ModifiedDutyOffered(Payload):
    """A written offer of modified duty: the assignment, its pay, the restrictions it was checked against."""

    assignment_id: int
    position: str = Field(min_length=1, max_length=200)
    duties: str = Field(min_length=1, max_length=4000)
    department: str = Field(min_length=1, max_length=200)
    agency: str = Field(default="", max_length=200)
    other_placement: bool = False
    hours_per_day: Quantity
    days_per_week: Quantity
    weekly_earnings: Money
    start_on: dt.date
    limit_on: dt.date
    demands: list[DutyDemand] = Field(default_factory=list, max_length=20)
    work_status_report_id: int
    restrictions_of: dt.date
    restrictions: str = Field(default="", max_length=4000)
    override_reason: str = Field(default="", max_length=2000)
    atp_approval_required: bool
    atp_approved_by: str = Field(default="", max_length=200)
    atp_approved_on: dt.date | None = None


class ModifiedDutyResponded(Payload):
    """The worker accepted or refused a written offer of modified duty, and what it did to benefits."""

    assignment_id: int
    offer_seq: int = Field(ge=1)
    response: Literal["accepted", "refused"]
    responded_on: dt.date
    reason: str = Field(default="", max_length=2000)
    benefit_effect: str = Field(default="", max_length=2000)


class ModifiedDutyExtended(Payload):
    """The modified duty coordinator extended an assignment past its limit (seed 001)."""

    assignment_id: int
    previous_limit_on: dt.date
    limit_on: dt.date
    reason: str = Field(min_length=1, max_length=2000)


class DutySearchRecorded(Payload):
    """A step of a less arduous duty search (seed 000): started, a candidate position, concluded."""

    search_id: int
    action: Literal["started", "candidate_added", "concluded"]
    summary: str = Field(min_length=1, max_length=4000)
    candidate_id: int | None = None
    fits_restrictions: bool | None = None
    outcome: Literal["", "placed", "no_position"] = ""


# --- physicians and examinations (written by ``physicians.services``) --------------------------


class TreatingDoctorChanged(Payload):
    """The claim's treating doctor (CO designated / authorised, NSW nominated) from a date."""

    treating_doctor_id: int
    doctor_name: str = Field(min_length=1, max_length=200)
    practice_name: str = Field(default="", max_length=200)
    from_date: dt.date
    how_chosen: str = Field(min_length=1, max_length=32)
    previous_doctor_name: str = Field(default="", max_length=200)
    change_request_seq: int | None = Field(default=None, ge=1)


class ImpairmentRated(Payload):
    """A permanent impairment rating: PPD (US) or WPI (NSW), in percent."""

    rating_id: int
    kind: Literal["ppd", "wpi"]
    percent: Quantity = Field(le=100)
    basis: Literal["scheduled", "whole_person"]
    body_part: str = Field(default="", max_length=200)
    rater_name: str = Field(min_length=1, max_length=200)
    rated_on: dt.date
    document_id: int | None = None
    note: str = Field(default="", max_length=2000)


class ImeOutcomeRecorded(Payload):
    """What became of an IME appointment: attended, not attended or cancelled."""

    ime_referral_id: int
    schedule_seq: int = Field(ge=1)
    outcome: Literal["attended", "not_attended", "cancelled"]
    on: dt.date
    report_document_id: int | None = None
    note: str = Field(default="", max_length=2000)


class ImcReferred(Payload):
    """A referral to an injury management consultant (seed 004), with its reason."""

    imc_referral_id: int
    consultant_name: str = Field(min_length=1, max_length=200)
    referred_on: dt.date
    reason: str = Field(min_length=1, max_length=2000)
    worker_and_doctor_told: bool


class ImcOutcomeRecorded(Payload):
    imc_referral_id: int
    referred_seq: int = Field(ge=1)
    on: dt.date
    outcome: str = Field(min_length=1, max_length=4000)
    report_document_id: int | None = None


class OshaCaseRecorded(Payload):
    """The claim's injury recorded (or corrected) as a case of an establishment's OSHA log."""

    case_id: int
    establishment_id: int
    year: int = Field(ge=2000, le=2100)
    case_number: str = Field(min_length=1, max_length=20)
    recordable: bool
    outcome: str = Field(
        pattern=r"^(death|days_away|job_transfer_restriction|other_recordable|not_recordable)$"
    )
    days_away: int = Field(ge=0, le=180)
    days_restricted: int = Field(ge=0, le=180)
    privacy_case: bool


SCHEMAS: dict[str, type[Payload]] = {
    EventKind.CLAIM_CREATED: ClaimCreated,
    EventKind.STATUS_CHANGED: StatusChanged,
    EventKind.LIABILITY_DECIDED: LiabilityDecided,
    EventKind.ASSIGNED: Assigned,
    EventKind.DETAILS_CORRECTED: DetailsCorrected,
    EventKind.PARTICIPANT_ADDED: ParticipantAdded,
    EventKind.ACTIVITY_LOGGED: ActivityLogged,
    EventKind.NOTE_ADDED: NoteAdded,
    EventKind.MEDICAL_NOTE: MedicalNote,
    EventKind.NOTICE_SENT: NoticeSent,
    EventKind.REPORT_FILED: ReportFiled,
    EventKind.REQUEST_RECEIVED: RequestReceived,
    EventKind.REQUEST_ACKNOWLEDGED: RequestAcknowledged,
    EventKind.REQUEST_DECIDED: RequestDecided,
    EventKind.REQUEST_COMPLETED: RequestCompleted,
    EventKind.SCHEDULE_RECORDED: ScheduleRecorded,
    EventKind.WORK_STATUS_RECORDED: WorkStatusRecorded,
    EventKind.MILESTONE_RECORDED: MilestoneRecorded,
    EventKind.INDEMNITY_COMMENCED: IndemnityCommenced,
    EventKind.TEST_RECORDED: TestRecorded,
    EventKind.OBLIGATION_WAIVED: ObligationWaived,
    EventKind.OBLIGATION_ESCALATED: ObligationEscalated,
    EventKind.DIARY_ENTRY_ADDED: DiaryEntryAdded,
    EventKind.DIARY_ENTRY_COMPLETED: DiaryEntryCompleted,
    EventKind.INFO_REQUESTED: InfoRequested,
    EventKind.INFO_RECEIVED: InfoReceived,
    EventKind.WAGE_STATEMENT_RECORDED: WageStatementRecorded,
    EventKind.BENEFIT_RATE_DECIDED: BenefitRateDecided,
    EventKind.BENEFIT_PERIOD_PAID: BenefitPeriodPaid,
    EventKind.RESERVE_CHANGED: ReserveChanged,
    EventKind.PAYMENT_ISSUED: PaymentIssued,
    EventKind.PAYMENT_VOIDED: PaymentVoided,
    EventKind.RECOVERY_RECORDED: RecoveryRecorded,
    EventKind.REPAYMENT_PLAN_AGREED: RepaymentPlanAgreed,
    EventKind.APPROVAL_REQUESTED: ApprovalRequested,
    EventKind.APPROVAL_DECIDED: ApprovalDecided,
    EventKind.BANK_DETAILS_CHANGED: BankDetailsChanged,
    EventKind.PAYMENT_SCHEDULE_STARTED: PaymentScheduleStarted,
    EventKind.PAYMENT_SCHEDULE_STOPPED: PaymentScheduleStopped,
    EventKind.INDEMNITY_SUSPENDED: IndemnitySuspended,
    EventKind.MMI_RECORDED: MmiRecorded,
    EventKind.INVOICE_RECEIVED: InvoiceReceived,
    EventKind.INVOICE_REVIEWED: InvoiceReviewed,
    EventKind.INVOICE_DECIDED: InvoiceDecided,
    EventKind.INVOICE_PAID: InvoicePaid,
    EventKind.WAGE_REIMBURSEMENT_SUBMITTED: WageReimbursementSubmitted,
    EventKind.WAGE_REIMBURSEMENT_DECIDED: WageReimbursementDecided,
    EventKind.WAGE_REIMBURSEMENT_REIMBURSED: WageReimbursementReimbursed,
    EventKind.DOCUMENT_UPLOADED: DocumentUploaded,
    EventKind.DOCUMENT_RECLASSIFIED: DocumentReclassified,
    EventKind.CONSENT_GIVEN: ConsentGiven,
    EventKind.CONSENT_WITHDRAWN: ConsentWithdrawn,
    EventKind.INFORMATION_DISCLOSED: InformationDisclosed,
    EventKind.DISPUTE_RAISED: DisputeRaised,
    EventKind.DISPUTE_REVIEW_STARTED: DisputeReviewStarted,
    EventKind.DISPUTE_REVIEWED: DisputeReviewed,
    EventKind.DISPUTE_ESCALATED: DisputeEscalated,
    EventKind.DISPUTE_RESOLVED: DisputeClosed,
    EventKind.DISPUTE_WITHDRAWN: DisputeClosed,
    EventKind.HEARING_SCHEDULED: HearingScheduled,
    EventKind.HEARING_ADJOURNED: HearingAdjourned,
    EventKind.HEARING_CANCELLED: HearingCancelled,
    EventKind.HEARING_HELD: HearingHeld,
    EventKind.HEARING_ORDER_RECORDED: HearingOrderRecorded,
    EventKind.HEARING_ORDER_COMPLIED: HearingOrderComplied,
    EventKind.SETTLEMENT_DRAFTED: SettlementDrafted,
    EventKind.SETTLEMENT_APPROVAL_DECIDED: SettlementApprovalDecided,
    EventKind.SETTLEMENT_OFFERED: SettlementOffered,
    EventKind.SETTLEMENT_RESPONDED: SettlementResponded,
    EventKind.SETTLEMENT_WITHDRAWN: SettlementWithdrawn,
    EventKind.COMPLAINT_RECEIVED: ComplaintReceived,
    EventKind.COMPLAINT_CONTACTED: ComplaintContacted,
    EventKind.COMPLAINT_STAGE_1_DECIDED: ComplaintStage1Decided,
    EventKind.COMPLAINT_ESCALATED: ComplaintEscalated,
    EventKind.COMPLAINT_FINAL_DECIDED: ComplaintFinalDecided,
    EventKind.COMPLAINT_REFERRED: ComplaintReferred,
    EventKind.CLOSURE_INTENTION_ADVISED: ClosureIntentionAdvised,
    EventKind.CLAIM_FINALISED: ClaimFinalisationRecorded,
    EventKind.CLAIM_REOPENED: ClaimReopeningRecorded,
    EventKind.RECURRENCE_DETERMINED: RecurrenceDetermined,
    EventKind.TRIAGE_RECORDED: TriageRecorded,
    EventKind.OSHA_CASE_RECORDED: OshaCaseRecorded,
    EventKind.MODIFIED_DUTY_OFFERED: ModifiedDutyOffered,
    EventKind.MODIFIED_DUTY_RESPONDED: ModifiedDutyResponded,
    EventKind.MODIFIED_DUTY_EXTENDED: ModifiedDutyExtended,
    EventKind.DUTY_SEARCH_RECORDED: DutySearchRecorded,
    # Physicians and examinations.
    EventKind.TREATING_DOCTOR_CHANGED: TreatingDoctorChanged,
    EventKind.IMPAIRMENT_RATED: ImpairmentRated,
    EventKind.IME_OUTCOME_RECORDED: ImeOutcomeRecorded,
    EventKind.IMC_REFERRED: ImcReferred,
    EventKind.IMC_OUTCOME_RECORDED: ImcOutcomeRecorded,
}

#: Kinds that people append directly (the rest are written by dedicated services).
APPENDABLE_KINDS = frozenset(
    {
        EventKind.ACTIVITY_LOGGED,
        EventKind.NOTE_ADDED,
        EventKind.MEDICAL_NOTE,
        EventKind.NOTICE_SENT,
        EventKind.REPORT_FILED,
        EventKind.REQUEST_RECEIVED,
        EventKind.REQUEST_ACKNOWLEDGED,
        EventKind.REQUEST_DECIDED,
        EventKind.REQUEST_COMPLETED,
        EventKind.SCHEDULE_RECORDED,
        EventKind.WORK_STATUS_RECORDED,
        EventKind.MILESTONE_RECORDED,
        EventKind.INDEMNITY_COMMENCED,
        EventKind.INDEMNITY_SUSPENDED,
        EventKind.MMI_RECORDED,
    }
)

#: Fields the treatment register adds to the generic request events; left out of a payload when
#: not given, so the requests recorded elsewhere keep their payloads as they were.
TREATMENT_FIELDS: dict[str, frozenset[str]] = {
    EventKind.REQUEST_RECEIVED: frozenset(
        {
            "treatment_request_id",
            "service",
            "treatments",
            "estimated_cost",
            "provider_name",
            "diagnosis_codes",
            "pre_approval",
            "exemption",
        }
    ),
    EventKind.REQUEST_ACKNOWLEDGED: frozenset({"treatment_request_id"}),
    EventKind.REQUEST_DECIDED: frozenset({"treatment_request_id", "approved_treatments", "approved_cost"}),
}

#: Fields the physicians register (``physicians.services``) adds to the generic request and schedule
#: events; left out of a payload when not given, like the treatment register's.
PHYSICIAN_FIELDS: dict[str, frozenset[str]] = {
    EventKind.REQUEST_RECEIVED: frozenset({"physician_change_id"}),
    EventKind.REQUEST_DECIDED: frozenset({"physician_change_id", "deemed"}),
    EventKind.SCHEDULE_RECORDED: frozenset({"ime_referral_id"}),
}

#: Appendable kinds whose ``*_seq`` payload field must name an earlier event of a given kind.
#: Payload fields only a context's own service writes (a letter's record on ``notice.sent``):
#: refused when someone appends the event directly, and not offered on the recording forms.
SERVICE_ONLY_FIELDS: dict[str, frozenset[str]] = {
    EventKind.NOTICE_SENT: frozenset({"letter_id", "document_id", "template", "deliveries"}),
    EventKind.WORK_STATUS_RECORDED: frozenset(
        {
            "report_id",
            "report_kind",
            "examined_on",
            "hours_per_day",
            "days_per_week",
            "restriction_items",
            "next_review_on",
            "provider_id",
            "document_id",
        }
    ),
    # Written by the treatment register (``treatment.services``) with its request row.
    **TREATMENT_FIELDS,
}
# Written by the physicians register (``physicians.services``) with its rows.
for _kind, _names in PHYSICIAN_FIELDS.items():
    SERVICE_ONLY_FIELDS[_kind] = SERVICE_ONLY_FIELDS.get(_kind, frozenset()) | _names


REFERENCES: dict[str, tuple[str, str]] = {
    EventKind.REQUEST_ACKNOWLEDGED: ("request_seq", EventKind.REQUEST_RECEIVED),
    EventKind.REQUEST_DECIDED: ("request_seq", EventKind.REQUEST_RECEIVED),
    EventKind.REQUEST_COMPLETED: ("request_seq", EventKind.REQUEST_RECEIVED),
    EventKind.DIARY_ENTRY_COMPLETED: ("entry_seq", EventKind.DIARY_ENTRY_ADDED),
    EventKind.INFO_RECEIVED: ("request_seq", EventKind.INFO_REQUESTED),
}

#: Sensitivity a kind carries unless the writer asks for a stricter one.
DEFAULT_SENSITIVITY: dict[str, str] = {EventKind.MEDICAL_NOTE: Sensitivity.MEDICAL}


def validate_payload(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Validate ``payload`` for ``kind``; return its JSON-ready form.

    Raises:
        ValidationFailed: naming each bad field as ``payload.<field>``.
    """
    schema = SCHEMAS.get(kind)
    if schema is None:
        raise ValidationFailed.for_field("kind", f"unknown event kind {kind!r}")
    if not isinstance(payload, dict):
        raise ValidationFailed.for_field("payload", "must be an object")
    try:
        model = schema.model_validate(payload)
    except ValidationError as exc:
        errors = [
            FieldError(".".join(["payload", *(str(p) for p in err["loc"])]), err["msg"])
            for err in exc.errors()
        ]
        detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
        raise ValidationFailed(f"The event payload is not valid. {detail}", errors=errors) from None
    dumped = model.model_dump(mode="json")
    for name in TREATMENT_FIELDS.get(kind, frozenset()) | PHYSICIAN_FIELDS.get(kind, frozenset()):
        if dumped.get(name) is None:
            dumped.pop(name, None)
    return dumped
