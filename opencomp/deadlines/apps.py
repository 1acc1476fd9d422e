from django.apps import AppConfig
from django.core import checks


class DeadlinesConfig(AppConfig):
    name = "opencomp.deadlines"
    label = "deadlines"
    verbose_name = "Deadlines and diary"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencomp.claims import hooks
        from opencomp.deadlines.packs import check_packs
        from opencomp.deadlines.services import obligations_on_event

        hooks.on_event_appended(obligations_on_event)
        checks.register(check_packs, "opencomp")
