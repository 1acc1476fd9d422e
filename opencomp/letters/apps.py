from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "opencomp.letters"
    label = "letters"
    default_auto_field = "django.db.models.BigAutoField"
