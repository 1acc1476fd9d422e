from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "opencomp.payments"
    label = "payments"
    verbose_name = "Claim financials"
    default_auto_field = "django.db.models.BigAutoField"
