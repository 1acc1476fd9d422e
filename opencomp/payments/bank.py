"""A worker's bank details: changed only with a recorded verification, and each change an event.

The details are append-only (``BankDetails`` refuses UPDATE and DELETE): a change is a new
row naming who verified it, how (a call back to a number already on file, in person with
identification, a signed form with identification) and a note of what was checked. The
claim event of the change shows the last three digits of the account number, never the
whole number, so the event log and timeline do not hold it.
"""

from __future__ import annotations

from django.db import transaction

from opencomp.accounts.models import User
from opencomp.claims.access import require, user_can_work_claim
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim
from opencomp.claims.services import claim_event_record, claim_lock
from opencomp.core import clock
from opencomp.core.errors import ErrorCollector
from opencomp.core.services import audit_record
from opencomp.jurisdictions import JURISDICTIONS
from opencomp.parties.models import Worker
from opencomp.payments.bankfile import aba_checksum_ok
from opencomp.payments.enums import VerificationMethod
from opencomp.payments.models import BankDetails

#: Digits of the bank or branch code by country: an Australian BSB, a US ABA routing number.
BRANCH_CODE_DIGITS = {"AU": 6, "US": 9}
BRANCH_CODE_NAME = {"AU": "a BSB", "US": "an ABA routing number"}


def _digits(value: str) -> str:
    """Spaces and hyphens people type are dropped; anything else is left for the check to refuse."""
    return value.replace(" ", "").replace("-", "")


def _check_branch(errors: ErrorCollector, country: str, value: str) -> None:
    digits = BRANCH_CODE_DIGITS.get(country)
    if digits is None:
        errors.add("bsb_or_routing", f"bank details are not taken for claims in {country}")
        return
    if not value.isdigit() or len(value) != digits:
        errors.add("bsb_or_routing", f"must be {BRANCH_CODE_NAME[country]}: {digits} digits")
    elif country == "US" and not aba_checksum_ok(value):
        errors.add("bsb_or_routing", "is not a valid ABA routing number (its check digit does not match)")


@transaction.atomic
def bank_details_change(
    *,
    actor: User,
    claim: Claim,
    account_name: str,
    bsb_or_routing: str,
    account_number: str,
    verification_method: str,
    verification_note: str,
) -> BankDetails:
    """Record new bank details for the claim's worker, verified by ``actor``.

    The BSB (AU claims, 6 digits) or ABA routing number (US claims, 9 digits with its check
    digit) follows the claim's jurisdiction; the account number is 4 to 17 digits. The
    change is a ``bank_details.changed`` claim event in the same transaction.

    Raises:
        PermissionDenied: the actor does not handle the claim.
        ValidationFailed: naming each bad field; nothing is written.
    """
    require(user_can_work_claim(actor, claim), "Only the claim's administrator changes bank details.")
    claim = claim_lock(claim)
    country = JURISDICTIONS[claim.jurisdiction].country
    name = account_name.strip()
    branch = _digits(bsb_or_routing.strip())
    number = _digits(account_number.strip())
    note = verification_note.strip()
    errors = ErrorCollector()
    if not name:
        errors.add("account_name", "give the name the account is held in")
    elif len(name) > 200:
        errors.add("account_name", "must be at most 200 characters")
    _check_branch(errors, country, branch)
    if not number.isdigit() or not 4 <= len(number) <= 17:
        errors.add("account_number", "must be 4 to 17 digits")
    if verification_method not in VerificationMethod.values:
        errors.add("verification_method", f"must be one of {', '.join(VerificationMethod.values)}")
    if not note:
        errors.add("verification_note", "say what was checked to verify the change")
    elif len(note) > 2000:
        errors.add("verification_note", "must be at most 2000 characters")
    errors.raise_if_any("The bank details were not changed.")
    details = BankDetails.objects.create(
        worker_id=claim.worker_id,
        claim=claim,
        account_name=name,
        bsb_or_routing=branch,
        account_number=number,
        verified_by=actor,
        verification_method=verification_method,
        verification_note=note,
        recorded_at=clock.now(),
    )
    verified_by = actor.get_full_name() or actor.username
    claim_event_record(
        actor=actor,
        claim=claim,
        kind=EventKind.BANK_DETAILS_CHANGED,
        payload={
            "bank_details_id": details.pk,
            "worker_id": claim.worker_id,
            "account_name": name,
            "bsb_or_routing": branch,
            "account_last3": number[-3:],
            "verification_method": verification_method,
            "verification_note": note,
            "verified_by": verified_by,
        },
    )
    audit_record(
        actor=actor,
        action="bank_details.changed",
        obj=details,
        data={"worker_id": claim.worker_id, "account_last3": number[-3:], "method": verification_method},
    )
    return details


def bank_details_current(worker: Worker | int) -> BankDetails | None:
    """The worker's bank details in force (the newest change), or None."""
    worker_id = worker if isinstance(worker, int) else worker.pk
    return (
        BankDetails.objects.filter(worker_id=worker_id)
        .select_related("verified_by", "claim")
        .order_by("-recorded_at", "-pk")
        .first()
    )
