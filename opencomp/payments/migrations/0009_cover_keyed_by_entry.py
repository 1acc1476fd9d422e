"""A cover is keyed by its payment entry (one cover per payment): no id of its own to index.

SQLite rebuilds the table for this, which drops its triggers; they are put back as
migration 0002 made them (the SQL is written out here so this migration never changes).
"""

import django.db.models.deletion
from django.db import migrations, models


SQLITE_TRIGGERS = [
    """CREATE TRIGGER payments_cover_no_overlap BEFORE INSERT ON payments_indemnitycover
    WHEN EXISTS (
      SELECT 1 FROM payments_indemnitycover c
      WHERE c.claim_id = NEW.claim_id AND c.benefit = NEW.benefit
        AND c.first_day <= NEW.last_day AND NEW.first_day <= c.last_day
    )
    BEGIN SELECT RAISE(ABORT, 'payments_cover_no_overlap: a day of this period is already paid'); END;""",
    """CREATE TRIGGER payments_cover_no_update BEFORE UPDATE ON payments_indemnitycover
    BEGIN SELECT RAISE(ABORT, 'UPDATE on payments_indemnitycover is not allowed: insert or delete'); END;""",
    """CREATE TRIGGER payments_cover_matches BEFORE INSERT ON payments_indemnitycover
    WHEN NOT EXISTS (
      SELECT 1 FROM payments_ledgerentry e WHERE e.id = NEW.entry_id AND e.kind = 'payment'
        AND e.claim_id = NEW.claim_id AND e.benefit = NEW.benefit
        AND e.period_start = NEW.first_day AND e.period_end = NEW.last_day
    )
    BEGIN SELECT RAISE(ABORT, 'indemnity cover does not match its payment (claim, benefit, period)'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS payments_cover_no_overlap;",
    "DROP TRIGGER IF EXISTS payments_cover_no_update;",
    "DROP TRIGGER IF EXISTS payments_cover_matches;",
]


def sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_DROP + SQLITE_TRIGGERS:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('payments', '0008_storage_for_batch_writes'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='indemnitycover',
            name='id',
        ),
        migrations.AlterField(
            model_name='indemnitycover',
            name='entry',
            field=models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, primary_key=True, related_name='cover', serialize=False, to='payments.ledgerentry'),
        ),
        migrations.RunPython(sqlite_triggers, sqlite_triggers),
    ]
