from django.apps import AppConfig


class BenefitsConfig(AppConfig):
    name = "opencomp.benefits"
    label = "benefits"
    verbose_name = "Benefits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencomp.benefits.listeners import decisions_on_event
        from opencomp.claims import hooks

        hooks.on_event_appended(decisions_on_event)
