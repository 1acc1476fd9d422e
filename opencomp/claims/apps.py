from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "opencomp.claims"
    label = "claims"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencomp.claims.services import _on_test_recorded
        from opencomp.intake.models import DrugAlcoholTest
        from opencomp.intake.signals import test_recorded

        test_recorded.connect(_on_test_recorded, sender=DrugAlcoholTest, dispatch_uid="claims.test_recorded")
