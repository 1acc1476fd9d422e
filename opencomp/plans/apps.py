from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "opencomp.plans"
    label = "plans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The letters layer may not import plans: the plan and decision letters read their
        # facts through the sources registered here.
        from opencomp.letters.content import register_facts
        from opencomp.plans import letters

        register_facts(letters.PLAN_TEMPLATE, letters.plan_facts)
        register_facts(letters.DECISION_TEMPLATE, letters.decision_facts)
        register_facts(letters.RTW_TEMPLATE, letters.rtw_facts)
