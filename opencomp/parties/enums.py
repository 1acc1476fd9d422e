from django.db import models


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CASUAL = "casual", "Casual"
    SEASONAL = "seasonal", "Seasonal"
    TEMPORARY = "temporary", "Temporary"
    VOLUNTEER = "volunteer", "Volunteer"


class WageKind(models.TextChoices):
    ORDINARY = "ordinary", "Ordinary earnings"
    OVERTIME = "overtime", "Overtime"
    SHIFT_ALLOWANCE = "shift_allowance", "Shift allowance"
    OTHER_ALLOWANCE = "other_allowance", "Other allowance"
    BONUS = "bonus", "Bonus"
    NON_PECUNIARY = "non_pecuniary", "Non-pecuniary benefit"


class ProviderKind(models.TextChoices):
    TREATING_DOCTOR = "treating_doctor", "Treating doctor"
    CLINIC = "clinic", "Clinic"
    HOSPITAL = "hospital", "Hospital"
    REHABILITATION = "rehabilitation", "Rehabilitation provider"
    IME = "ime", "Independent medical examiner"


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NON_BINARY = "non_binary", "Non-binary"
    NOT_STATED = "not_stated", "Not stated"


class AttorneyRepresents(models.TextChoices):
    WORKER = "worker", "Worker"
    EMPLOYER = "employer", "Employer / insurer"
