"""The words of consent: what may be released, to whom, how consent was given and on what basis.

Recipient values reuse the claim's party words (``claims.enums``) where one fits, so a
disclosure reads the same as an activity-log entry or a participant of the claim.
"""

from django.db import models

from opencomp.claims.enums import ActivityParty, ParticipantRole


class ConsentCategory(models.TextChoices):
    """Categories of information a consent releases (the first five match ``DocumentCategory``)."""

    MEDICAL_REPORT = "medical_report", "Medical reports"
    CERTIFICATE = "certificate", "Certificates of capacity"
    IME_REPORT = "ime_report", "IME reports"
    CAPACITY_RESTRICTIONS = "capacity_restrictions", "Capacity and restrictions"
    WAGE_RECORDS = "wage_records", "Wage and earnings records"
    CORRESPONDENCE = "correspondence", "Claim correspondence"


class ConsentRecipient(models.TextChoices):
    """Parties a consent may release information to."""

    EMPLOYER = ActivityParty.EMPLOYER.value, "Employer"
    REHABILITATION = ParticipantRole.REHABILITATION.value, "Return-to-work / injury management provider"
    TREATING_DOCTOR = ParticipantRole.TREATING_DOCTOR.value, "Treating doctor"
    OTHER_INSURER = ActivityParty.INSURER.value, "Other insurer"
    LEGAL_REPRESENTATIVE = ActivityParty.ATTORNEY.value, "Legal representative"


class DisclosureRecipient(models.TextChoices):
    """Parties a disclosure goes to: the consent recipients, and the worker themselves."""

    EMPLOYER = ConsentRecipient.EMPLOYER.value, ConsentRecipient.EMPLOYER.label
    REHABILITATION = ConsentRecipient.REHABILITATION.value, ConsentRecipient.REHABILITATION.label
    TREATING_DOCTOR = ConsentRecipient.TREATING_DOCTOR.value, ConsentRecipient.TREATING_DOCTOR.label
    OTHER_INSURER = ConsentRecipient.OTHER_INSURER.value, ConsentRecipient.OTHER_INSURER.label
    LEGAL_REPRESENTATIVE = (
        ConsentRecipient.LEGAL_REPRESENTATIVE.value,
        ConsentRecipient.LEGAL_REPRESENTATIVE.label,
    )
    WORKER = ActivityParty.WORKER.value, "The worker or their representative (their own information)"


class ConsentGiver(models.TextChoices):
    WORKER = "worker", "The worker"
    REPRESENTATIVE = "representative", "The worker's representative"


class ConsentMethod(models.TextChoices):
    """How consent was given. Seed 004 asks for the worker's *written* consent: verbal only once confirmed."""

    SIGNED_FORM = "signed_form", "Signed consent form"
    ONLINE_FORM = "online_form", "Online form"
    VERBAL_CONFIRMED = "verbal_confirmed_in_writing", "Verbal, confirmed in writing"


class DisclosureBasis(models.TextChoices):
    CONSENT = "consent", "The worker's consent"
    OWN_INFORMATION = "own_information", "The worker's own information (no consent needed)"
