from django.apps import AppConfig


class PhysiciansConfig(AppConfig):
    name = "opencomp.physicians"
    label = "physicians"
    default_auto_field = "django.db.models.BigAutoField"
