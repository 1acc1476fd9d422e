"""The words of treatment requests: the services asked for, where a request stands, the decisions."""

from django.db import models

from opencomp.claims.enums import RequestDecision


class TreatmentService(models.TextChoices):
    """The services a treatment request asks for (a small catalogue; ``other`` with its description)."""

    PHYSIOTHERAPY = "physiotherapy", "Physiotherapy"
    CHIROPRACTIC = "chiropractic", "Chiropractic"
    PSYCHOLOGY = "psychology", "Psychology"
    EXERCISE_PHYSIOLOGY = "exercise_physiology", "Exercise physiology"
    OSTEOPATHY = "osteopathy", "Osteopathy"
    SURGERY = "surgery", "Surgery"
    IMAGING = "imaging", "Imaging (diagnostic investigations)"
    MEDICATION = "medication", "Medication (pharmacy)"
    OTHER = "other", "Other"


class TreatmentStatus(models.TextChoices):
    """received → acknowledged → decided; or exempt (no pre-approval needed) from the start."""

    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    DECIDED = "decided", "Decided"
    EXEMPT = "exempt", "No pre-approval needed"


class TreatmentDecision(models.TextChoices):
    """The decision on a request: the claim's generic request decisions (``request.decided``)."""

    APPROVED = RequestDecision.APPROVED.value, RequestDecision.APPROVED.label
    PARTLY_APPROVED = RequestDecision.PARTLY_APPROVED.value, RequestDecision.PARTLY_APPROVED.label
    DECLINED = RequestDecision.DECLINED.value, RequestDecision.DECLINED.label


#: ``request.received`` payload value of ``pre_approval`` for a request inside an exemption window.
PRE_APPROVAL_NOT_REQUIRED = "not_required"
PRE_APPROVAL_REQUIRED = "required"
