"""Words of complaints (seed 004 section 8, Complaints and Customer Feedback)."""

from __future__ import annotations

from django.db import models


class ComplainantKind(models.TextChoices):
    """Who raised the complaint: seed 004's "stakeholders"."""

    WORKER = "worker", "Worker"
    EMPLOYER = "employer", "Employer"
    PROVIDER = "provider", "Service provider"
    OTHER = "other", "Other"


class ComplaintStatus(models.TextChoices):
    """The three stages, in the only order a complaint moves through them."""

    STAGE_1 = "stage_1", "Stage 1: internal dispute resolution under way"
    STAGE_1_DECIDED = "stage_1_decided", "Stage 1: outcome given"
    STAGE_2 = "stage_2", "Stage 2: further review by senior management"
    FINAL_DECIDED = "final_decided", "Stage 2: final decision made"
    REFERRED = "referred", "Stage 3: referred to the external body"

    @classmethod
    def order(cls) -> list[str]:
        return [cls.STAGE_1, cls.STAGE_1_DECIDED, cls.STAGE_2, cls.FINAL_DECIDED, cls.REFERRED]


class ExternalBody(models.TextChoices):
    """Seed 004's External Dispute Resolution bodies."""

    IRO = "iro", "Independent Review Office (IRO)"
    SIRA = "sira", "State Insurance Regulatory Authority (SIRA)"
