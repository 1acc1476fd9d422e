"""Words of provider invoices: where an invoice stands, how it was decided, what a review flags."""

from __future__ import annotations

from django.db import models


class InvoiceStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    REVIEWED = "reviewed", "Reviewed"
    APPROVED = "approved", "Approved"
    PARTLY_APPROVED = "partly_approved", "Partly approved"
    DENIED = "denied", "Denied"
    PAID = "paid", "Paid"


class InvoiceOutcome(models.TextChoices):
    """The decision on an invoice (the ``outcome`` of ``invoice.decided``)."""

    APPROVED = "approved", "Approved"
    PARTLY_APPROVED = "partly_approved", "Partly approved"
    DENIED = "denied", "Denied"


class LineFlag(models.TextChoices):
    """What the review found on a line, for the reviewer to weigh (a flag never decides anything)."""

    NO_APPROVED_TREATMENT = "no_approved_treatment", "No approved treatment covers the service"
    BEFORE_INJURY = "before_injury", "Service before the injury date"
    DUPLICATE_SERVICE = "duplicate_service", "Same provider, date and item on another live invoice"


#: Statuses from which the approved amount may be paid.
PAYABLE = frozenset({InvoiceStatus.APPROVED, InvoiceStatus.PARTLY_APPROVED})
#: Statuses of an invoice still in play (a denied one is not: its lines are no duplicates).
LIVE = frozenset(set(InvoiceStatus.values) - {InvoiceStatus.DENIED})
