from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "opencomp.payments"
    label = "payments"
    verbose_name = "Claim financials"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencomp.claims import hooks
        from opencomp.payments import listeners_reimbursements  # noqa: F401  (its listener registers itself)
        from opencomp.payments.listeners import schedules_on_event

        hooks.on_event_appended(schedules_on_event)
        from opencomp.payments import listeners_invoices  # noqa: F401  (registers invoices_on_event)
