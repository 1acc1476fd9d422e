"""Storage for the payment run's set-based writes (and every other ledger writer).

- foreign keys whose lookups a composite index already serves lose their own index (the
  entry's, line's and cover's claim); an entry's actor, approver and repayment plan are
  indexed only where present (the run's entries have none);
- the idempotency key is unique through a named constraint (an equality index only: the
  one prefix search, a schedule's own payments, also filters by claim);
- a line's balance index covers claim, category, bucket and account and includes the
  amount, so a claim's reserve, paid and outstanding are read from the index alone;
- a cover's (claim, last day) index answers "is a day from D on already paid?"; on PostgreSQL
  a cover has no foreign-key constraints of its own: the covers trigger checks each one
  against a payment entry of the same claim, benefit and period (a stronger check), and
  entries are append-only, so neither the entry nor its claim can go away;
- the schedules lose their next_due index (the run rewrites next_due on every schedule it
  pays); PostgreSQL keeps half of each schedule page free (fillfactor 50) so those
  updates stay on their page (HOT);
- PostgreSQL: a cover is checked against its payment once per statement (a statement-level
  trigger over the inserted rows) instead of once per row; an UPDATE is still refused row by
  row. The SQL is written out here so this migration never changes after it ran.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from opencomp.core.migration_ops import PostgresOnly


PG_FORWARD = [
    "ALTER TABLE payments_paymentschedule SET (fillfactor = 50)",
    """CREATE OR REPLACE FUNCTION payments_covers_match_entries() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM new_covers n WHERE NOT EXISTS (
          SELECT 1 FROM payments_ledgerentry e WHERE e.id = n.entry_id AND e.kind = 'payment'
            AND e.claim_id = n.claim_id AND e.benefit = n.benefit
            AND e.period_start = n.first_day AND e.period_end = n.last_day)) THEN
        RAISE EXCEPTION 'indemnity cover does not match its payment (claim, benefit, period)'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NULL;
    END; $$ LANGUAGE plpgsql;""",
    "DROP TRIGGER payments_cover_matches ON payments_indemnitycover;",
    "CREATE TRIGGER payments_cover_no_update BEFORE UPDATE ON payments_indemnitycover "
    "FOR EACH ROW EXECUTE FUNCTION payments_cover_matches_entry();",
    "CREATE TRIGGER payments_covers_match AFTER INSERT ON payments_indemnitycover "
    "REFERENCING NEW TABLE AS new_covers FOR EACH STATEMENT EXECUTE FUNCTION payments_covers_match_entries();",
]
PG_REVERSE = [
    "DROP TRIGGER IF EXISTS payments_covers_match ON payments_indemnitycover;",
    "DROP TRIGGER IF EXISTS payments_cover_no_update ON payments_indemnitycover;",
    "DROP FUNCTION IF EXISTS payments_covers_match_entries();",
    "CREATE TRIGGER payments_cover_matches BEFORE INSERT OR UPDATE ON payments_indemnitycover "
    "FOR EACH ROW EXECUTE FUNCTION payments_cover_matches_entry();",
    "ALTER TABLE payments_paymentschedule RESET (fillfactor)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_FORWARD:
            schema_editor.execute(sql, params=None)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_REVERSE:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0008_storage_for_batch_writes'),
        ('payments', '0007_payment_file_exports'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        PostgresOnly(
            migrations.AlterField(
                model_name='indemnitycover',
                name='claim',
                field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='claims.claim'),
            ),
            migrations.AlterField(
                model_name='indemnitycover',
                name='entry',
                field=models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='cover', to='payments.ledgerentry'),
            ),
            migrations.AlterField(
                model_name='ledgerentry',
                name='actor',
                field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AlterField(
                model_name='ledgerentry',
                name='approved_by',
                field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AlterField(
                model_name='ledgerentry',
                name='claim',
                field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='ledger_entries', to='claims.claim'),
            ),
            migrations.AlterField(
                model_name='ledgerentry',
                name='idempotency_key',
                field=models.CharField(blank=True, max_length=100, null=True),
            ),
            migrations.AlterField(
                model_name='ledgerentry',
                name='plan',
                field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='entries', to='payments.repaymentplan'),
            ),
            migrations.AlterField(
                model_name='ledgerline',
                name='claim',
                field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='ledger_lines', to='claims.claim'),
            ),
            migrations.AddConstraint(
                model_name='ledgerentry',
                constraint=models.UniqueConstraint(fields=('idempotency_key',), name='ledger_idempotency_key_unique'),
            ),
        ),
        migrations.RemoveIndex(
            model_name='ledgerline',
            name='payments_le_claim_i_4a3364_idx',
        ),
        migrations.RemoveIndex(
            model_name='paymentschedule',
            name='payments_pa_next_du_531fd0_idx',
        ),
        migrations.AddIndex(
            model_name='indemnitycover',
            index=models.Index(fields=['claim', 'last_day'], name='cover_claim_last_day_idx'),
        ),
        migrations.AddIndex(
            model_name='ledgerentry',
            index=models.Index(condition=models.Q(('actor__isnull', False)), fields=['actor'], name='ledger_entry_actor_idx'),
        ),
        migrations.AddIndex(
            model_name='ledgerentry',
            index=models.Index(condition=models.Q(('approved_by__isnull', False)), fields=['approved_by'], name='ledger_entry_approver_idx'),
        ),
        migrations.AddIndex(
            model_name='ledgerentry',
            index=models.Index(condition=models.Q(('plan__isnull', False)), fields=['plan'], name='ledger_entry_plan_idx'),
        ),
        migrations.AddIndex(
            model_name='ledgerline',
            index=models.Index(fields=['claim', 'category', 'bucket', 'account'], include=('amount',), name='ledger_line_balance_idx'),
        ),
        migrations.RunPython(forward, reverse),
    ]
