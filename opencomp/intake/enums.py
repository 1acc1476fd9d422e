from django.db import models


class IncidentOutcome(models.TextChoices):
    NO_TREATMENT = "no_treatment", "No treatment needed"
    FIRST_AID_ONLY = "first_aid_only", "First aid only"
    MEDICAL_TREATMENT = "medical_treatment", "Medical treatment beyond first aid"
    LOST_TIME = "lost_time", "Time lost from work"
    FATALITY = "fatality", "Fatality"


class IncidentStatus(models.TextChoices):
    LOGGED = "logged", "Logged"
    REPORTED = "reported", "Injury report filed"


class BodySide(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"
    BOTH = "both", "Both"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


def body_part_with_side(body_part: str, side: str) -> str:
    """The part of body as a claim records it: "Finger (right)", or just "Finger"."""
    if side in ("", BodySide.NOT_APPLICABLE):
        return body_part
    return f"{body_part} ({BodySide(side).label.lower()})"


class NotifierRelationship(models.TextChoices):
    SELF = "self", "The worker"
    SUPERVISOR = "supervisor", "Supervisor"
    EMPLOYER_REPRESENTATIVE = "employer", "Employer representative"
    CO_WORKER = "co_worker", "Co-worker"
    FAMILY = "family", "Family member"
    PROVIDER = "provider", "Treating provider"
    OTHER = "other", "Other"


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    CONVERTED = "converted", "Claim created"
    WITHDRAWN = "withdrawn", "Withdrawn"


class TestReason(models.TextChoices):
    """Grounds for post-accident testing (seed 001, Denver Executive Order 94)."""

    FATALITY = "fatality", "Possible employee fault, accident involves a fatality"
    TREATED_AWAY = "treated_away", "Possible employee fault, someone treated away from the scene"
    DISABLING_DAMAGE = "disabling_damage", "Possible employee fault, disabling vehicle/equipment damage"
    REASONABLE_SUSPICION = "reasonable_suspicion", "Reasonable suspicion"
    NOT_REQUIRED = "not_required", "No ground for testing"


class TestResult(models.TextChoices):
    PENDING = "pending", "Pending"
    NEGATIVE = "negative", "Negative"
    POSITIVE = "positive", "Positive"
    NOT_TESTED = "not_tested", "Not tested"
