from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "opencomp.triage"
    label = "triage"
    verbose_name = "Risk triage"
    default_auto_field = "django.db.models.BigAutoField"
