from django.apps import AppConfig


class WorkStatusConfig(AppConfig):
    name = "opencomp.workstatus"
    label = "workstatus"
    default_auto_field = "django.db.models.BigAutoField"
