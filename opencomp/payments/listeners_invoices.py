"""Claim-log listener of provider invoices (registered in ``apps.py``).

An invoice's payment can be settled away from the invoice services, in the same
transaction as the ledger's own event:

- ``approval.decided`` of the invoice's waiting payment: approved, the invoice is paid
  (``invoice.paid``, naming the posted entry); rejected, it is approved-unpaid again;
- ``payment.voided`` of the invoice's payment: the invoice returns to its decided status,
  payable again.

Importing the module registers the listener (``apps.py`` imports it in ``ready()``).
"""

from __future__ import annotations

from opencomp.claims import hooks
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.payments.invoice_services import invoice_approval_decided, invoice_payment_voided
from opencomp.payments.models_invoices import ProviderInvoice


def invoices_on_event(claim: Claim, event: ClaimEvent) -> None:
    """Claims hook: settle the invoice whose payment was approved, rejected or voided."""
    if event.kind not in {EventKind.APPROVAL_DECIDED, EventKind.PAYMENT_VOIDED}:
        return
    if not ProviderInvoice.objects.filter(claim=claim).exists():
        return
    p = event.payload or {}
    if event.kind == EventKind.APPROVAL_DECIDED:
        if p.get("kind") == "payment":
            invoice_approval_decided(claim, int(p["request_id"]), p.get("entry_id"), event.actor)
    else:
        invoice_payment_voided(int(p["voided_entry_id"]))


hooks.on_event_appended(invoices_on_event)
