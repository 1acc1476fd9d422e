"""Verified bank details for the demo workers paid by EFT, so the bank payment files have payees.

``seed_financials`` calls :func:`seed_demo_bank_details` at its end. The workers are read
in one query (those with an EFT payment to them and no bank details yet); each gets one
change through the real service (``payments.bank.bank_details_change``), recorded by the
``admin`` demo login (or the claim's adjuster) as verified by a call back.

The numbers are obviously fake but pass the format checks: BSB ``999-0nn`` and an
8-digit account starting ``99`` (AU); the routing number ``123456780`` (its ABA check
digit is right) and a 12-digit account starting ``9999`` (US).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import Exists, Min, OuterRef

from opencomp.accounts.models import User
from opencomp.claims.models import Claim
from opencomp.demo import DEMO_USERS
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.payments.bank import bank_details_change
from opencomp.payments.enums import EntryKind, PayeeKind, PaymentMethod, VerificationMethod
from opencomp.payments.models import BankDetails, LedgerEntry

DEMO_ROUTING = "123456780"
NOTE = "DEMO BOOK: a made-up account for trying the bank payment files; no real bank account."


def demo_account(country: str, worker_id: int) -> tuple[str, str]:
    """(BSB or routing number, account number) for a demo worker: fake, but well formed."""
    if country == "AU":
        return f"9990{worker_id % 100:02d}", f"99{worker_id % 1_000_000:06d}"
    return DEMO_ROUTING, f"9999{worker_id % 100_000_000:08d}"


def seed_demo_bank_details(*, write: Callable[[str], None] | None = None) -> int:
    """Bank details for every worker paid by EFT who has none; how many were recorded."""
    has_details = BankDetails.objects.filter(worker_id=OuterRef("claim__worker_id"))
    eft_to_workers = LedgerEntry.objects.filter(
        kind=EntryKind.PAYMENT, method=PaymentMethod.EFT, payee_kind=PayeeKind.WORKER
    )
    firsts = (
        eft_to_workers.exclude(Exists(has_details))
        .values("claim__worker_id")
        .annotate(first_claim=Min("claim_id"))
        .order_by("claim__worker_id")
    )
    claim_ids = [row["first_claim"] for row in firsts]
    claims = Claim.objects.select_related("worker", "assigned_adjuster").in_bulk(claim_ids)
    admin = User.objects.filter(username=DEMO_USERS["admin"]).first()
    recorded = 0
    for pk in claim_ids:
        claim = claims[pk]
        actor = admin or claim.assigned_adjuster
        if actor is None:
            continue
        branch, account = demo_account(JURISDICTIONS[claim.jurisdiction].country, claim.worker_id)
        with transaction.atomic():
            bank_details_change(
                actor=actor,
                claim=claim,
                account_name=claim.worker.full_name,
                bsb_or_routing=branch,
                account_number=account,
                verification_method=VerificationMethod.CALL_BACK,
                verification_note=NOTE,
            )
        recorded += 1
    if write is not None:
        write(f"  bank details: {recorded:,} workers paid by EFT given (fake) verified accounts")
    return recorded
