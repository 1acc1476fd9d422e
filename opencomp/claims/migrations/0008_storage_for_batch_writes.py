"""Storage for batch writes: each claim row is rewritten by every event it records.

- the claim's employer, administrator and adjuster lose their single-column indexes
  (each leads a composite index); the event's claim likewise, and (claim, kind) goes too:
  (claim, seq) serves both (a claim has tens or hundreds of events, read in order); an
  event's actor and corrected event are indexed only where present;
- PostgreSQL: the claims table keeps half of each page free (fillfactor 50), so rewriting a
  claim row (its event sequence) stays on its page and touches none of its indexes (HOT).
  Existing rows move to the new layout with the next ``VACUUM FULL claims_claim``.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from opencomp.core.migration_ops import PostgresOnly


def fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE claims_claim SET (fillfactor = 50)")


def reverse_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE claims_claim RESET (fillfactor)")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_notification_read_at_notification_recipient_and_more'),
        ('claims', '0007_schedule_invoice_reimbursement_events'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        PostgresOnly(
            migrations.AlterField(
                model_name='claim',
                name='administrator',
                field=models.ForeignKey(db_index=False, help_text='The insurer, TPA, pool or self-insured employer handling the claim.', on_delete=django.db.models.deletion.PROTECT, related_name='administered_claims', to='accounts.organisation'),
            ),
            migrations.AlterField(
                model_name='claim',
                name='assigned_adjuster',
                field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='assigned_claims', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AlterField(
                model_name='claim',
                name='employer',
                field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='accounts.organisation'),
            ),
            migrations.AlterField(
                model_name='claimevent',
                name='actor',
                field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AlterField(
                model_name='claimevent',
                name='claim',
                field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='claims.claim'),
            ),
            migrations.AlterField(
                model_name='claimevent',
                name='corrects',
                field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='claims.claimevent'),
            ),
        ),
        migrations.AddIndex(
            model_name='claimevent',
            index=models.Index(condition=models.Q(('actor__isnull', False)), fields=['actor'], name='claim_event_actor_idx'),
        ),
        migrations.AddIndex(
            model_name='claimevent',
            index=models.Index(condition=models.Q(('corrects__isnull', False)), fields=['corrects'], name='claim_event_corrects_idx'),
        ),
        migrations.RemoveIndex(
            model_name='claimevent',
            name='claim_event_kind_idx',
        ),
        migrations.RunPython(fillfactor, reverse_fillfactor),
    ]
