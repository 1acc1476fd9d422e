from django.apps import AppConfig


class FinalisationConfig(AppConfig):
    name = "opencomp.finalisation"
    label = "finalisation"
    default_auto_field = "django.db.models.BigAutoField"
