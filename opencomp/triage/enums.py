from __future__ import annotations

from django.db import models


class Occasion(models.TextChoices):
    """When a triage was made (seed 004: at first contact and at each strategic claim review)."""

    FIRST_CONTACT = "first_contact", "First contact"
    STRATEGIC_REVIEW = "strategic_review", "Strategic claim review"
    ON_FILE = "on_file", "From the file (book-wide sweep, provisional)"


#: Occasions a person records; ``on_file`` is the sweep's.
PERSON_OCCASIONS = (Occasion.FIRST_CONTACT, Occasion.STRATEGIC_REVIEW)
