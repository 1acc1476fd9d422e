from django.apps import AppConfig


class RtwConfig(AppConfig):
    name = "opencomp.rtw"
    label = "rtw"
    verbose_name = "Modified duty and return to work"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencomp.claims import hooks
        from opencomp.rtw.listeners import assignments_on_event

        hooks.on_event_appended(assignments_on_event)
