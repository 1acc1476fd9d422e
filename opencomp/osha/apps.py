from django.apps import AppConfig


class OshaConfig(AppConfig):
    name = "opencomp.osha"
    label = "osha"
    verbose_name = "OSHA recordkeeping"
    default_auto_field = "django.db.models.BigAutoField"
