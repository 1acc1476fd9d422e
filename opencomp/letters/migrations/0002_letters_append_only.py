from django.db import migrations

from opencomp.core.dbtriggers import append_only_operation


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [
        append_only_operation("letters_letter"),
        append_only_operation("letters_letterrecipient"),
    ]
