"""The words of physicians and examinations."""

from django.db import models


class HowChosen(models.TextChoices):
    """How the claim's treating doctor came to be the treating doctor."""

    DESIGNATED = "designated", "Designated by the employer (CO)"
    WORKER_CHOICE = "worker_choice", "Chosen by the worker (no designation)"
    NOMINATED = "nominated", "Nominated by the worker (NSW)"
    CHANGE_APPROVED = "change_approved", "Change approved"
    CHANGE_DEEMED_APPROVED = "change_deemed_approved", "Change deemed approved (no answer in time)"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    APPROVED = "approved", "Approved"
    DEEMED_APPROVED = "deemed_approved", "Deemed approved"
    DECLINED = "declined", "Declined"


class ChangeDecision(models.TextChoices):
    """What an adjuster decides on a change request (``request.decided``)."""

    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class RatingKind(models.TextChoices):
    """PPD: a US permanent partial disability rating; WPI: NSW whole person impairment."""

    PPD = "ppd", "Permanent partial disability (PPD) %"
    WPI = "wpi", "Whole person impairment (WPI) %"


class RatingBasis(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled (a listed body part)"
    WHOLE_PERSON = "whole_person", "Whole person"


class ImeStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    ATTENDED = "attended", "Attended"
    NOT_ATTENDED = "not_attended", "Not attended"
    CANCELLED = "cancelled", "Cancelled"


class ImeOutcome(models.TextChoices):
    ATTENDED = "attended", "Attended"
    NOT_ATTENDED = "not_attended", "Not attended"
    CANCELLED = "cancelled", "Cancelled"


class ImcStatus(models.TextChoices):
    REFERRED = "referred", "Referred"
    COMPLETED = "completed", "Outcome recorded"


#: The jurisdictions whose treating doctor is "nominated" by the worker, and whose change needs reasons
#: (seed 004, Worker rights: "Change their nominated treating doctor after providing reasons and
#: obtaining approval").
CHANGE_NEEDS_REASONS = frozenset({"NSW"})

#: The deadline rule whose due date is also the deemed-approval date of a change request (CO pack,
#: ``co.physician_change_response``: seed 003, "Approval will be automatic if the claims
#: administrator fails to respond within 20 days").
DEEMED_APPROVAL_RULES = frozenset({"co.physician_change_response"})

#: The IME notice rule of the NSW pack (seed 004: at least two weeks' notice unless the worker agrees).
IME_NOTICE_RULE = "nsw.ime_notice"
