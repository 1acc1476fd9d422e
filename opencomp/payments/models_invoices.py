"""Provider invoices: a bill for treatment, its lines, the review, the decision and the payment.

An invoice moves received → reviewed → approved / partly approved / denied → paid. Each
move appends its claim event (``invoice.received`` … ``invoice.paid``) in the same
transaction; ``received_seq`` is the seq of its ``invoice.received`` event, which the NSW
rule ``nsw.provider_invoice`` counts its 10 business days from. The payment is an
ordinary medical ``LedgerEntry`` (``entry``); while it waits for a supervisor it is the
``approval`` request. A provider's invoice number is unique per provider (``provider_key``),
so the same invoice cannot be recorded twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from opencomp.payments.enums_invoices import PAYABLE, InvoiceOutcome, InvoiceStatus


def provider_key(name: str) -> str:
    """The provider's name folded for comparison: case and runs of spaces do not matter."""
    return " ".join(name.split()).casefold()


class ProviderInvoice(models.Model):
    claim = models.ForeignKey("claims.Claim", on_delete=models.PROTECT, related_name="invoices")
    #: The provider on file, when the invoice is from one; ``provider_name`` is always given.
    provider = models.ForeignKey(
        "parties.Provider", null=True, blank=True, on_delete=models.PROTECT, related_name="invoices"
    )
    provider_name = models.CharField(max_length=200)
    provider_key = models.CharField(max_length=200)
    invoice_number = models.CharField(max_length=60)
    received_on = models.DateField()
    service_from = models.DateField()
    service_to = models.DateField()
    amount_claimed = models.DecimalField(max_digits=14, decimal_places=2)
    #: Set by the decision (the sum of the lines' approved amounts).
    amount_approved = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=16, choices=InvoiceStatus.choices, default=InvoiceStatus.RECEIVED)
    #: The decision, kept when the invoice is paid (a void returns it to this status).
    outcome = models.CharField(max_length=16, choices=InvoiceOutcome.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    review_note = models.TextField(blank=True)
    received_seq = models.PositiveIntegerField()
    #: The payment in force; cleared when it is voided (the invoice is payable again).
    entry = models.OneToOneField(
        "payments.LedgerEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="invoice"
    )
    #: The payment waiting for a supervisor, if the payer's authority was too low.
    approval = models.OneToOneField(
        "payments.ApprovalRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="invoice"
    )
    #: Counts payment attempts; each has its own idempotency key ``invoice:<id>:<round>``.
    payment_round = models.PositiveSmallIntegerField(default=1)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "received_on"]),
            models.Index(fields=["claim", "received_seq"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["provider_key", "invoice_number"], name="invoice_number_unique_per_provider"
            ),
            models.CheckConstraint(
                condition=Q(service_to__gte=models.F("service_from")), name="invoice_service_ordered"
            ),
            models.CheckConstraint(condition=Q(amount_claimed__gt=0), name="invoice_claimed_positive"),
            models.CheckConstraint(
                condition=Q(amount_approved__isnull=True)
                | Q(amount_approved__gte=0, amount_approved__lte=models.F("amount_claimed")),
                name="invoice_approved_within_claimed",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(entry__isnull=False), name="invoice_paid_has_entry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider_name} #{self.invoice_number} ({self.status})"

    @property
    def awaiting_approval(self) -> bool:
        return self.approval_id is not None

    @property
    def payable(self) -> bool:
        return self.status in PAYABLE and self.approval_id is None and bool(self.amount_approved)

    @property
    def idempotency_key(self) -> str:
        return f"invoice:{self.pk}:{self.payment_round}"


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(ProviderInvoice, on_delete=models.CASCADE, related_name="lines")
    #: 1, 2, 3… in the order the provider listed them.
    position = models.PositiveSmallIntegerField()
    service_date = models.DateField()
    item_code = models.CharField(max_length=30)
    description = models.CharField(max_length=300)
    units = models.DecimalField(max_digits=8, decimal_places=2)
    amount_claimed = models.DecimalField(max_digits=14, decimal_places=2)
    #: Set by the review; never more than claimed.
    amount_approved = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    #: The ``request.received`` (subject treatment, approved) event the service falls under.
    treatment_seq = models.PositiveIntegerField(null=True, blank=True)
    #: ``LineFlag`` values the review found.
    flags = models.JSONField(default=list, blank=True)
    review_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["invoice_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoice_line_position_unique"),
            models.CheckConstraint(condition=Q(amount_claimed__gt=0), name="invoice_line_claimed_positive"),
            models.CheckConstraint(condition=Q(units__gt=0), name="invoice_line_units_positive"),
            models.CheckConstraint(
                condition=Q(amount_approved__isnull=True)
                | Q(amount_approved__gte=0, amount_approved__lte=models.F("amount_claimed")),
                name="invoice_line_approved_within_claimed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.service_date} {self.item_code} {self.amount_claimed}"
