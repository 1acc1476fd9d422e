"""Words of the ledger: categories, buckets, accounts, entry kinds, payees and methods."""

from __future__ import annotations

from django.db import models


class Category(models.TextChoices):
    """What the money is for (seed 000 tracks indemnity, medical, permanency and stipulation)."""

    INDEMNITY = "indemnity", "Indemnity"
    MEDICAL = "medical", "Medical"
    EXPENSE = "expense", "Expense / legal"


class Bucket(models.TextChoices):
    """Seed 000's sub-buckets within a category."""

    GENERAL = "general", "General"
    PERMANENCY = "permanency", "Permanency"
    STIPULATION = "stipulation", "Stipulation / settlement"


class Account(models.TextChoices):
    """The accounts of a claim's ledger; every entry's lines across them sum to zero."""

    RESERVE = "reserve", "Case reserve"
    RESERVE_MOVEMENT = "reserve_movement", "Reserve movement"
    PAID = "paid", "Paid"
    DISBURSED = "disbursed", "Disbursed (bank)"
    RECOVERED = "recovered", "Recovered"
    RECEIVED = "received", "Received (bank)"


class EntryKind(models.TextChoices):
    RESERVE_CHANGE = "reserve_change", "Reserve change"
    PAYMENT = "payment", "Payment"
    VOID = "void", "Void (reversal)"
    RECOVERY = "recovery", "Recovery"


class PayeeKind(models.TextChoices):
    WORKER = "worker", "Injured worker"
    PROVIDER = "provider", "Provider"
    EMPLOYER = "employer", "Employer (wage reimbursement)"
    ATTORNEY = "attorney", "Attorney"
    OTHER = "other", "Other"


class PaymentMethod(models.TextChoices):
    EFT = "eft", "Electronic funds transfer"
    CHEQUE = "cheque", "Cheque"


class RecoveryKind(models.TextChoices):
    SUBROGATION = "subrogation", "Third party / subrogation"
    OVERPAYMENT = "overpayment", "Overpayment repayment"
    REINSURANCE = "reinsurance", "Excess / reinsurance"
    OTHER = "other", "Other"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved and posted"
    REJECTED = "rejected", "Rejected"


class RequestKind(models.TextChoices):
    PAYMENT = "payment", "Payment"
    RESERVE_CHANGE = "reserve_change", "Reserve change"


class VerificationMethod(models.TextChoices):
    """How a change of a worker's bank details was verified (never from the request alone)."""

    CALL_BACK = "call_back_to_known_number", "Called back on a number already on file"
    IN_PERSON = "in_person_with_id", "In person, with photo identification"
    SIGNED_FORM = "signed_form_with_id", "Signed form with a copy of identification"


class ScheduleStatus(models.TextChoices):
    ACTIVE = "active", "Paying"
    STOPPED = "stopped", "Stopped"
    ENDED = "ended", "Ended (last period paid)"


class StopReason(models.TextChoices):
    """Why a payment schedule stops (a work status, an MMI record, a suspension, the claim's status)."""

    RETURN_TO_WORK = "return_to_work", "Return to work"
    MMI = "mmi", "Maximum medical improvement"
    SUSPENSION = "suspension", "Suspension"
    CLAIM_CLOSED = "claim_closed", "Claim closed or denied"
    STATUTORY_LIMIT = "statutory_limit", "Statutory limit reached"
    OTHER = "other", "Other"
