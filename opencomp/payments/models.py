"""The claim ledger (append-only, double entry) and what waits for approval.

``LedgerEntry`` is one business event (a reserve change, a payment, a void, a
recovery); its ``LedgerLine``s carry signed amounts on the claim's accounts and sum to
zero. Both tables refuse UPDATE and DELETE (triggers, both databases); PostgreSQL also
refuses, at commit, an entry whose lines do not balance (a deferred constraint
trigger). ``IndemnityCover`` holds the days each live indemnity payment covers: no
two live payments of one benefit may cover the same day of one claim (an exclusion
constraint on PostgreSQL, a trigger on SQLite); a void deletes the cover row, the
entry and its lines stay. ``BankDetails`` is a worker's bank account history: one row per
verified change, never updated or deleted (triggers); the newest row is current.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from opencomp.payments.enums import (
    Account,
    Bucket,
    Category,
    EntryKind,
    PayeeKind,
    PaymentMethod,
    RecoveryKind,
    RequestKind,
    RequestStatus,
    ScheduleStatus,
    StopReason,
    VerificationMethod,
)


class RepaymentPlan(models.Model):
    """What a worker (or a third party) owes back and how it is being repaid."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.PROTECT, related_name="repayment_plans")
    kind = models.CharField(max_length=12, choices=RecoveryKind.choices)
    category = models.CharField(max_length=12, choices=Category.choices)
    owed = models.DecimalField(max_digits=14, decimal_places=2)
    terms = models.TextField()
    debtor = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["claim_id", "pk"]
        constraints = [models.CheckConstraint(condition=Q(owed__gt=0), name="repayment_owed_positive")]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.kind} {self.owed}"


class LedgerEntry(models.Model):
    # The claim is looked up through (claim, kind); actor, approved_by and plan are empty on
    # most entries (the payment run's), so only entries that have one are indexed.
    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.PROTECT, related_name="ledger_entries", db_index=False
    )
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    category = models.CharField(max_length=12, choices=Category.choices)
    bucket = models.CharField(max_length=12, choices=Bucket.choices, default=Bucket.GENERAL)
    occurred_on = models.DateField()
    recorded_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    reason = models.TextField(blank=True)
    #: One key per external payment: a retried request finds the payment already made
    #: (unique: ``ledger_idempotency_key_unique``, an equality index; no pattern index).
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)
    #: The entry this one reverses (a void); an entry is reversed at most once.
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    benefit = models.CharField(max_length=20, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    payee_kind = models.CharField(max_length=12, choices=PayeeKind.choices, blank=True)
    payee_name = models.CharField(max_length=200, blank=True)
    method = models.CharField(max_length=12, choices=PaymentMethod.choices, blank=True)
    recovery_kind = models.CharField(max_length=12, choices=RecoveryKind.choices, blank=True)
    plan = models.ForeignKey(
        RepaymentPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    #: The claim event written in the same transaction.
    event_seq = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["claim_id", "id"]
        indexes = [
            models.Index(fields=["claim", "kind"]),
            models.Index(fields=["occurred_on"]),
            models.Index(fields=["actor"], condition=Q(actor__isnull=False), name="ledger_entry_actor_idx"),
            models.Index(
                fields=["approved_by"],
                condition=Q(approved_by__isnull=False),
                name="ledger_entry_approver_idx",
            ),
            models.Index(fields=["plan"], condition=Q(plan__isnull=False), name="ledger_entry_plan_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["idempotency_key"], name="ledger_idempotency_key_unique"),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True, period_end__isnull=True)
                | Q(
                    period_start__isnull=False,
                    period_end__isnull=False,
                    period_end__gte=models.F("period_start"),
                ),
                name="ledger_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(idempotency_key__isnull=True) | ~Q(idempotency_key=""),
                name="ledger_key_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.kind} #{self.pk}"


class LedgerLine(models.Model):
    entry = models.ForeignKey(LedgerEntry, on_delete=models.PROTECT, related_name="lines")
    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.PROTECT, related_name="ledger_lines", db_index=False
    )
    account = models.CharField(max_length=20, choices=Account.choices)
    category = models.CharField(max_length=12, choices=Category.choices)
    bucket = models.CharField(max_length=12, choices=Bucket.choices, default=Bucket.GENERAL)
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["entry_id", "id"]
        # A claim's balances (reserve, paid… by category and bucket) read from the index alone.
        indexes = [
            models.Index(
                fields=["claim", "category", "bucket", "account"],
                include=["amount"],
                name="ledger_line_balance_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=Decimal("0")), name="ledger_line_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.category} {self.amount}"


class IndemnityCover(models.Model):
    """The days a live indemnity payment covers (deleted when the payment is voided)."""

    # One cover per payment: the entry is the key (no id of its own to index).
    # No foreign-key constraints of their own on PostgreSQL: the covers trigger (migrations
    # 0002, 0008) checks every inserted cover against a payment entry of the same claim,
    # benefit and period — a stronger check than the keys — and entries are append-only, so
    # the entry (and through it the claim) can never go away.
    entry = models.OneToOneField(
        LedgerEntry, primary_key=True, on_delete=models.PROTECT, related_name="cover", db_constraint=False
    )
    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    benefit = models.CharField(max_length=20)
    first_day = models.DateField()
    last_day = models.DateField()

    class Meta:
        # "Is a day from D on already paid?" reads (claim, last_day); the exclusion
        # constraint (migration 0002) refuses an overlap on PostgreSQL whatever the reader.
        indexes = [models.Index(fields=["claim", "last_day"], name="cover_claim_last_day_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")), name="cover_days_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.benefit} {self.first_day}–{self.last_day}"


class Authority(models.Model):
    """How much a user may pay, or move a reserve by, without approval."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payment_authority"
    )
    payment_limit = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    reserve_limit = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(payment_limit__gte=0) & Q(reserve_limit__gte=0), name="authority_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: pay {self.payment_limit}, reserve {self.reserve_limit}"


class ApprovalRequest(models.Model):
    """A payment or reserve change above the requester's authority, waiting for a supervisor."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.PROTECT, related_name="approval_requests")
    kind = models.CharField(max_length=16, choices=RequestKind.choices)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    details = models.JSONField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    entry = models.OneToOneField(
        LedgerEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="approval"
    )
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} ({self.status})"


class BankDetails(models.Model):
    """One verified change of a worker's bank account (append-only; the newest row is current)."""

    worker = models.ForeignKey("parties.Worker", on_delete=models.PROTECT, related_name="bank_details")
    #: The claim the change was recorded on (its administrator verified it).
    claim = models.ForeignKey("claims.Claim", on_delete=models.PROTECT, related_name="+")
    account_name = models.CharField(max_length=200)
    #: Digits only: an Australian BSB (6) or a US ABA routing number (9).
    bsb_or_routing = models.CharField(max_length=9)
    #: Digits only, 4 to 17.
    account_number = models.CharField(max_length=17)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verification_method = models.CharField(max_length=32, choices=VerificationMethod.choices)
    verification_note = models.TextField()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["worker_id", "recorded_at", "pk"]
        indexes = [models.Index(fields=["worker", "recorded_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(verification_note=""), name="bank_details_note_given"),
            models.CheckConstraint(condition=~Q(account_name=""), name="bank_details_name_given"),
        ]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.masked_number}"

    @property
    def masked_number(self) -> str:
        return mask_account_number(self.account_number)


def mask_account_number(number: str) -> str:
    """Only the last three digits show: ``"•••• 789"``."""
    return f"•••• {number[-3:]}"


class PaymentSchedule(models.Model):
    """Recurring indemnity: one benefit paid every ``interval_days`` in arrears from ``first_day``.

    Period ``k`` (from 1) runs from ``first_day + (k − 1) × interval_days`` for
    ``interval_days`` days; a period is due once its last day has passed. The
    payment run pays periods ``periods_paid + 1 …`` and moves the cursor; the ledger
    and its ``IndemnityCover`` rows are the record, the cursor only saves reading
    them. ``last_day`` is the last payable day (a stop or a statutory limit);
    ``ScheduleRate`` gives each week's rate, ``ScheduleAdjustment`` the periods whose
    amount is not whole weeks at the rate (waiting days, payback, a short last period).
    """

    claim = models.ForeignKey("claims.Claim", on_delete=models.PROTECT, related_name="payment_schedules")
    benefit = models.CharField(max_length=20)
    interval_days = models.PositiveSmallIntegerField()
    first_day = models.DateField()
    #: NSW: entitlement weeks paid before the schedule (its week 1 is entitlement week ``base_week + 1``).
    base_week = models.PositiveIntegerField(default=0)
    #: First day of the continuing disability (earlier periods paid back to back into ``first_day``).
    disability_start = models.DateField()
    #: An earlier instalment of the disability already paid the waiting days back.
    waiting_settled = models.BooleanField(default=False)
    #: Minnesota's scheduled workdays a week (``{"days_per_week": 5}``), as the calculator takes them.
    work_pattern = models.JSONField(default=dict)
    payee_kind = models.CharField(max_length=12, choices=PayeeKind.choices, default=PayeeKind.WORKER)
    payee_name = models.CharField(max_length=200)
    method = models.CharField(max_length=12, choices=PaymentMethod.choices)
    status = models.CharField(max_length=10, choices=ScheduleStatus.choices, default=ScheduleStatus.ACTIVE)
    last_day = models.DateField(null=True, blank=True)
    stop_reason = models.CharField(max_length=20, choices=StopReason.choices, blank=True)
    periods_paid = models.PositiveIntegerField(default=0)
    paid_through = models.DateField(null=True, blank=True)
    #: The last day of the next unpaid period (due from then); None when nothing is left to pay.
    next_due = models.DateField(null=True, blank=True)
    #: The first payment also records ``indemnity.commenced`` (no earlier one on the claim).
    commences = models.BooleanField(default=False)
    #: Why the last payment run did not pay the next due period (empty: nothing held), and that run's day.
    held_reason = models.CharField(max_length=300, blank=True)
    held_on = models.DateField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["claim_id", "pk"]
        # No index on next_due: the run moves it for every schedule it pays, and an index on
        # it would turn each of those updates into a full-row copy with every index rewritten
        # (migration 0008 leaves room on each page for the update to stay in place).
        constraints = [
            models.CheckConstraint(condition=Q(interval_days__in=[7, 14]), name="schedule_interval_week"),
            models.UniqueConstraint(
                fields=["claim", "benefit"],
                condition=Q(status="active"),
                name="schedule_one_active_per_benefit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.benefit} every {self.interval_days} days from {self.first_day}"


class ScheduleRate(models.Model):
    """The weekly rate of schedule weeks ``first_week`` … ``last_week`` (weeks counted from 1)."""

    schedule = models.ForeignKey(PaymentSchedule, on_delete=models.CASCADE, related_name="rates")
    first_week = models.PositiveIntegerField()
    last_week = models.PositiveIntegerField(null=True, blank=True)
    weekly_rate = models.DecimalField(max_digits=14, decimal_places=2)
    decision_seq = models.PositiveIntegerField()
    rules_version = models.CharField(max_length=120)

    class Meta:
        ordering = ["schedule_id", "first_week"]

    def __str__(self) -> str:
        return f"weeks {self.first_week}–{self.last_week or '…'} at {self.weekly_rate}"


class ScheduleAdjustment(models.Model):
    """A period whose amount the calculator worked out (waiting days, payback, a short last period)."""

    schedule = models.ForeignKey(PaymentSchedule, on_delete=models.CASCADE, related_name="adjustments")
    period_no = models.PositiveIntegerField()
    last_day = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    details = models.JSONField()

    class Meta:
        ordering = ["schedule_id", "period_no"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "period_no"], name="adjustment_one_per_period"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="adjustment_not_negative"),
        ]

    def __str__(self) -> str:
        return f"period {self.period_no}: {self.amount}"


from opencomp.payments.models_bankfiles import PaymentFileExport, PaymentFileLine  # noqa: E402,F401
from opencomp.payments.models_invoices import InvoiceLine, ProviderInvoice  # noqa: E402,F401
from opencomp.payments.models_reimbursements import WageReimbursement, WageReimbursementWeek  # noqa: E402,F401
