from django.db import migrations

from opencomp.core.dbtriggers import append_only_operation


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_initial")]

    operations = [append_only_operation("consent_disclosure")]
