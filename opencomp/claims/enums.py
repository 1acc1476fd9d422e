from django.db import models

from opencomp.claims import lifecycle


class ClaimStatus(models.TextChoices):
    REPORTED = lifecycle.REPORTED, "Reported"
    UNDER_INVESTIGATION = lifecycle.UNDER_INVESTIGATION, "Under investigation"
    ACCEPTED = lifecycle.ACCEPTED, "Accepted"
    PROVISIONALLY_ACCEPTED = lifecycle.PROVISIONALLY_ACCEPTED, "Provisionally accepted"
    DENIED = lifecycle.DENIED, "Denied"
    REASONABLE_EXCUSE = lifecycle.REASONABLE_EXCUSE, "Reasonable excuse"
    OPEN = lifecycle.OPEN, "Open"
    CLOSED = lifecycle.CLOSED, "Closed"
    FINALISED = lifecycle.FINALISED, "Finalised"
    REOPENED = lifecycle.REOPENED, "Reopened"


class ClaimType(models.TextChoices):
    MEDICAL_ONLY = "medical_only", "Medical only"
    LOST_TIME = "lost_time", "Lost time"


class EventKind(models.TextChoices):
    CLAIM_CREATED = "claim.created", "Claim created"
    STATUS_CHANGED = "claim.status_changed", "Status changed"
    ASSIGNED = "claim.assigned", "Assigned"
    DETAILS_CORRECTED = "claim.details_corrected", "Details corrected"
    PARTICIPANT_ADDED = "claim.participant_added", "Participant added"
    ACTIVITY_LOGGED = "activity.logged", "Activity"
    NOTE_ADDED = "note.added", "Note"
    MEDICAL_NOTE = "medical.note_recorded", "Medical note"


class Sensitivity(models.TextChoices):
    NORMAL = "normal", "Normal"
    MEDICAL = "medical", "Medical"
    RESTRICTED_MEDICAL = "restricted_medical", "Restricted medical"


class ActivityChannel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    PORTAL = "portal", "Portal"
    FAX = "fax", "Fax"
    SMS = "sms", "SMS"


class ActivityDirection(models.TextChoices):
    INBOUND = "inbound", "Inbound"
    OUTBOUND = "outbound", "Outbound"
    INTERNAL = "internal", "Internal"


class ActivityParty(models.TextChoices):
    WORKER = "worker", "Worker"
    EMPLOYER = "employer", "Employer"
    PROVIDER = "provider", "Treating provider"
    ATTORNEY = "attorney", "Attorney"
    REGULATOR = "regulator", "Regulator"
    INSURER = "insurer", "Insurer / TPA"
    OTHER = "other", "Other"


class ParticipantRole(models.TextChoices):
    TREATING_DOCTOR = "treating_doctor", "Treating doctor"
    TREATING_FACILITY = "treating_facility", "Treating facility"
    REHABILITATION = "rehabilitation", "Rehabilitation provider"
    IME = "ime", "Independent medical examiner"
    WORKER_ATTORNEY = "worker_attorney", "Worker's attorney"
    DEFENSE_ATTORNEY = "defense_attorney", "Defense attorney"
