"""Bank payment files: which EFT payments went to the bank in which file (append-only).

``PaymentFileExport`` is one file written for the bank (ABA for Australian claims,
NACHA PPD for US claims) with its text, digest, totals and the payments left out with
the reason. ``PaymentFileLine`` is one payment (ledger entry) in a file, with the bank
details it was paid to. Both tables refuse UPDATE and DELETE (triggers, both databases).

An entry is in at most one **live** file. The database holds it so: an entry appears
once as an original line (a unique index on ``entry`` where ``replaces`` is null), and
a line is replaced at most once (``replaces`` is unique). A file is re-issued at most
once (``reissue_of`` is unique), with a reason; the re-issue replaces the lines of the
file it supersedes, which is then no longer live.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class BankFileFormat(models.TextChoices):
    ABA = "aba", "ABA direct entry (Australia)"
    NACHA = "nacha", "NACHA PPD (United States)"


class PaymentFileExport(models.Model):
    country = models.CharField(max_length=2)
    format = models.CharField(max_length=8, choices=BankFileFormat.choices)
    #: The administrator whose claims the file pays; null: every claim (a system administrator's export).
    administrator = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    date_from = models.DateField()
    date_to = models.DateField()
    #: The day the bank is to process (ABA) or settle (NACHA effective entry date) the file.
    processing_date = models.DateField()
    file_name = models.CharField(max_length=100)
    content = models.TextField()
    sha256 = models.CharField(max_length=64)
    line_count = models.PositiveIntegerField()
    total = models.DecimalField(max_digits=14, decimal_places=2)
    #: Payments of the range left out: ``[{"entry_id", "claim_number", "payee_name", "amount", "reason"}]``.
    excluded = models.JSONField(default=list)
    reissue_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reissued_by"
    )
    reissue_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_to__gte=models.F("date_from")), name="payment_file_range_ordered"
            ),
            models.CheckConstraint(
                condition=Q(reissue_of__isnull=True, reissue_reason="")
                | (Q(reissue_of__isnull=False) & ~Q(reissue_reason="")),
                name="payment_file_reissue_has_reason",
            ),
            models.CheckConstraint(condition=Q(line_count__gt=0), name="payment_file_not_empty"),
        ]

    def __str__(self) -> str:
        return self.file_name


class PaymentFileLine(models.Model):
    file = models.ForeignKey(PaymentFileExport, on_delete=models.PROTECT, related_name="lines")
    entry = models.ForeignKey("payments.LedgerEntry", on_delete=models.PROTECT, related_name="file_lines")
    #: The line of the superseded file this re-issued line replaces.
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    bank_details = models.ForeignKey("payments.BankDetails", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    reference = models.CharField(max_length=18)

    class Meta:
        ordering = ["file_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=Q(replaces__isnull=True), name="payment_file_entry_once"
            ),
            models.UniqueConstraint(fields=["file", "entry"], name="payment_file_line_once_per_file"),
        ]

    def __str__(self) -> str:
        return f"{self.file_id}: entry {self.entry_id} {self.amount}"
