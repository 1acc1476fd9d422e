from django.db import models


class DocumentCategory(models.TextChoices):
    MEDICAL_REPORT = "medical_report", "Medical report"
    CERTIFICATE = "certificate", "Certificate of capacity"
    IME_REPORT = "ime_report", "IME report"
    WAGE_RECORDS = "wage_records", "Wage records"
    CORRESPONDENCE = "correspondence", "Correspondence"
    LEGAL = "legal", "Legal"
    OTHER = "other", "Other"


#: Categories only users entitled to the claim's medical detail may see (``documents.access``).
RESTRICTED_CATEGORIES = frozenset(
    {DocumentCategory.MEDICAL_REPORT, DocumentCategory.CERTIFICATE, DocumentCategory.IME_REPORT}
)


def is_restricted(category: str) -> bool:
    return category in RESTRICTED_CATEGORIES


class AccessAction(models.TextChoices):
    VIEW = "view", "Viewed"
    DOWNLOAD = "download", "Downloaded"


class AccessChannel(models.TextChoices):
    WEB = "web", "Web"
    API = "api", "API"
