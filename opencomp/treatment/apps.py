from django.apps import AppConfig


class TreatmentConfig(AppConfig):
    name = "opencomp.treatment"
    label = "treatment"
    default_auto_field = "django.db.models.BigAutoField"
