"""The words of work status: kinds of report and the catalogue of restrictions."""

from __future__ import annotations

from django.db import models


class ReportKind(models.TextChoices):
    """What the treating provider issued (seed 004: certificate of capacity; seed 001: RTW pass)."""

    CERTIFICATE = "certificate_of_capacity", "Certificate of capacity"
    RTW_PASS = "rtw_pass", "Return-to-work pass"
    ACTIVITY_REPORT = "activity_report", "Physician activity report"


class RestrictionKind(models.TextChoices):
    """The structured restrictions a report may carry; anything else is ``other`` or free text."""

    LIFTING = "lifting", "Lifting"
    STANDING = "standing", "Standing"
    SITTING = "sitting", "Sitting"
    WALKING = "walking", "Walking"
    DRIVING = "driving", "Driving"
    ARM_HAND = "arm_hand", "Use of an arm or hand"
    BENDING = "bending", "Bending"
    CLIMBING = "climbing", "Climbing"
    OTHER = "other", "Other"


class WeightUnit(models.TextChoices):
    KG = "kg", "kg"
    LB = "lb", "lb"


class Side(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"
    BOTH = "both", "Both"


class StatusState(models.TextChoices):
    """The work status on a day: a report in force, the last one lapsed, or none yet."""

    IN_FORCE = "in_force", "In force"
    EXPIRED = "expired", "Expired"
    NONE = "none", "No report"
