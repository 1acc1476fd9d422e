"""Reads of complaints; a complaint of a claim the user may not see is "not found" (ADR 0002)."""

from __future__ import annotations

from django.db.models import QuerySet

from opencomp.accounts.models import User
from opencomp.claims.models import Claim
from opencomp.complaints.models import Complaint, ComplaintContact
from opencomp.core.errors import NotFound


def claim_complaints(*, claim: Claim) -> QuerySet[Complaint]:
    """The claim's complaints, newest first (the caller checked ``access.user_can_view_complaints``)."""
    return Complaint.objects.filter(claim=claim).select_related(
        "claim", "recorded_by", "stage_1_decided_by", "final_decided_by"
    )


def complaint_get(*, claim: Claim, pk: int) -> Complaint:
    """The complaint ``pk`` of ``claim``, or ``NotFound``."""
    complaint = claim_complaints(claim=claim).filter(pk=pk).first()
    if complaint is None:
        raise NotFound(f"Complaint {pk} was not found on claim {claim.number}.")
    return complaint


def complaint_contacts(*, complaint: Complaint) -> QuerySet[ComplaintContact]:
    return ComplaintContact.objects.filter(complaint=complaint).select_related("recorded_by")


def user_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username
