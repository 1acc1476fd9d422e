"""The words of disputes, internal reviews, hearings and settlement offers.

Hearing forums are named only as the seeds and ``shared/reference/statutes.md`` name them;
anything else is ``other``, with its name typed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.db import models

from opencomp.claims.enums import ActivityParty, EventKind


class DisputeKind(models.TextChoices):
    LIABILITY = "liability", "Liability"
    TREATMENT = "treatment", "Treatment"
    WORK_CAPACITY = "work_capacity", "Work capacity"
    BENEFITS = "benefits", "Benefits"


class DisputeStatus(models.TextChoices):
    OPEN = "open", "Open"
    UNDER_REVIEW = "under_review", "Under internal review"
    REVIEWED = "reviewed", "Reviewed"
    ESCALATED = "escalated", "Escalated externally"
    RESOLVED = "resolved", "Resolved"
    WITHDRAWN = "withdrawn", "Withdrawn"


#: Statuses a dispute ends in; nothing moves it on from there.
CLOSED_DISPUTE = frozenset({DisputeStatus.RESOLVED, DisputeStatus.WITHDRAWN})

#: Where each step may start from.
REVIEW_FROM = frozenset({DisputeStatus.OPEN})
ESCALATE_FROM = frozenset({DisputeStatus.OPEN, DisputeStatus.REVIEWED})


class ReviewOutcome(models.TextChoices):
    UPHELD = "upheld", "Decision upheld"
    VARIED = "varied", "Decision varied"
    OVERTURNED = "overturned", "Decision overturned"


#: Who may raise a dispute: the parties of the activity log that can be aggrieved by a decision.
RAISED_BY: Final[tuple[str, ...]] = (
    ActivityParty.WORKER,
    ActivityParty.EMPLOYER,
    ActivityParty.PROVIDER,
    ActivityParty.ATTORNEY,
)
RAISED_BY_CHOICES = [(value, ActivityParty(value).label) for value in RAISED_BY]

#: The claim events each kind of dispute may contest (``disputes.services._check_decision`` adds
#: the payload tests: a treatment request, a work capacity decision milestone).
DISPUTABLE: Final[dict[str, frozenset[str]]] = {
    DisputeKind.LIABILITY: frozenset({EventKind.LIABILITY_DECIDED}),
    DisputeKind.TREATMENT: frozenset({EventKind.REQUEST_DECIDED}),
    DisputeKind.WORK_CAPACITY: frozenset({EventKind.MILESTONE_RECORDED}),
    DisputeKind.BENEFITS: frozenset(
        {EventKind.BENEFIT_RATE_DECIDED, EventKind.INDEMNITY_SUSPENDED, EventKind.PAYMENT_SCHEDULE_STOPPED}
    ),
}

#: What the adjuster records after a review varies or overturns a decision of each kind.
FOLLOW_UP: Final[dict[str, str]] = {
    DisputeKind.LIABILITY: "Record a new liability decision (the review does not change the claim's status).",
    DisputeKind.TREATMENT: "Record a new decision on the treatment request.",
    DisputeKind.WORK_CAPACITY: "Record a new work capacity decision and send its notice.",
    DisputeKind.BENEFITS: "Re-decide the benefit (or restart its payments) as the review found.",
}


@dataclass(frozen=True)
class Forum:
    """A body that holds hearings or conferences, in one jurisdiction (``*``: any)."""

    code: str
    label: str
    jurisdiction: str
    source: str


OTHER_FORUM = "other"

FORUMS: Final[tuple[Forum, ...]] = (
    Forum(
        "co_alj_hearing",
        "Hearing before an Administrative Law Judge (Division of Administrative Hearings)",
        "CO",
        "Seed 001: hearings before an Administrative Law Judge within the State Division of "
        "Administrative Hearings; seed 003: a hearing before the Workers' Compensation Division",
    ),
    Forum(
        "co_expedited_hearing",
        "Expedited hearing after a notice of contest",
        "CO",
        "C.R.S. 8-43-203(1)(a): expedited hearing request within 45 days of the NOC (statutes.md)",
    ),
    Forum(
        "co_dowc_dispute_resolution",
        "Division of Workers' Compensation non-litigation dispute resolution",
        "CO",
        "Seed 003: the Non-Litigation Dispute Resolution Services of the Division of Workers' Compensation",
    ),
    Forum(
        "mn_administrative_conference",
        "Administrative conference (Department of Labor and Industry)",
        "MN",
        "Seed 002: disputes settled through mediation and administrative conferences",
    ),
    Forum(
        "mn_mediation",
        "Mediation (Department of Labor and Industry)",
        "MN",
        "Seed 002: disputes settled through mediation and administrative conferences",
    ),
    Forum(
        "mn_alj_hearing",
        "Hearing before an administrative law judge",
        "MN",
        "Seed 002: legal proceedings before an administrative law judge",
    ),
    Forum(
        "ct_commission_hearing",
        "Workers' Compensation Commission hearing",
        "CT",
        "Seed 000: WC claim hearings, with the TPA's hearing representative or the Attorney General's "
        "Workers' Compensation Unit",
    ),
    Forum(
        "nsw_pic_teleconference",
        "Personal Injury Commission teleconference",
        "NSW",
        "Seed 004: Commission teleconferences, conciliation or arbitration; Personal Injury Commission (PIC)",
    ),
    Forum(
        "nsw_pic_conciliation",
        "Personal Injury Commission conciliation",
        "NSW",
        "Seed 004: Commission teleconferences, conciliation or arbitration; Personal Injury Commission (PIC)",
    ),
    Forum(
        "nsw_pic_arbitration",
        "Personal Injury Commission arbitration",
        "NSW",
        "Seed 004: Commission teleconferences, conciliation or arbitration; Personal Injury Commission (PIC)",
    ),
    Forum(OTHER_FORUM, "Other (name it)", "*", "A forum the seeds do not name: its name is recorded"),
)


def forums_for(jurisdiction: str) -> tuple[Forum, ...]:
    """The forums a claim of ``jurisdiction`` may be heard in (its own, then ``other``)."""
    return tuple(f for f in FORUMS if f.jurisdiction in {jurisdiction, "*"})


def forum(code: str) -> Forum | None:
    return next((f for f in FORUMS if f.code == code), None)


class HearingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    ADJOURNED = "adjourned", "Adjourned to a new date"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


#: A hearing still to take place.
PENDING_HEARING = frozenset({HearingStatus.SCHEDULED, HearingStatus.ADJOURNED})


class RepresentativeSide(models.TextChoices):
    WORKER = "worker", "Worker"
    EMPLOYER = "employer", "Employer"
    INSURER = "insurer", "Insurer / administrator"
    OTHER = "other", "Other"


class OfferStatus(models.TextChoices):
    DRAFTED = "drafted", "Drafted, awaiting approval"
    APPROVED = "approved", "Approved, not yet made"
    APPROVAL_REFUSED = "approval_refused", "Approval refused"
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


WITHDRAWABLE_OFFER = frozenset({OfferStatus.DRAFTED, OfferStatus.APPROVED, OfferStatus.OFFERED})


class OfferResponse(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class ApprovalParty(models.TextChoices):
    """Whose approval a settlement offer needs (``disputes.access.required_approvals``)."""

    DISTRICT = "district", "The member employer (district)"
    POOL = "pool", "The pool"
    ADMINISTRATOR = "administrator", "A claims supervisor of the administrator"
