from django.db import migrations

from opencomp.core.dbtriggers import append_only_operation


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [
        append_only_operation("plans_planversion"),
        append_only_operation("plans_planshare"),
        append_only_operation("plans_plansignoff"),
    ]
