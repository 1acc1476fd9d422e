"""The words of modified duty: an assignment's status, how it ends, what a review was."""

from __future__ import annotations

from django.db import models


class AssignmentStatus(models.TextChoices):
    """Offered in writing → accepted (start day ahead) or active → ended; or refused."""

    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted (starts later)"
    REFUSED = "refused", "Refused"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


#: An assignment the worker is on or about to start: reviewed, extended, ended.
RUNNING = frozenset({AssignmentStatus.ACCEPTED, AssignmentStatus.ACTIVE})


class EndReason(models.TextChoices):
    """Why an assignment ended (seed 001, Maximum Medical Improvement)."""

    MMI = "mmi", "Maximum medical improvement"
    FULL_DUTY = "full_duty", "Released to full duty"
    TIME_LIMIT = "time_limit", "Six-month limit reached"
    WORKER_LEFT = "worker_left", "Worker stopped the assignment"
    OTHER = "other", "Other"


class SearchOutcome(models.TextChoices):
    """How a less arduous duty search ended (seed 000)."""

    OPEN = "", "Searching"
    PLACED = "placed", "Placed in an alternate position"
    NO_POSITION = "no_position", "No suitable position found"


class ReviewKind(models.TextChoices):
    """Seed 003: reviewed after each doctor visit or every 30 days, whichever is less."""

    PERIODIC = "periodic", "Periodic review"
    AFTER_VISIT = "after_visit", "After a doctor visit (RTW pass)"
