"""What the database itself enforces on the ledger.

- Posted entries and lines never change: UPDATE and DELETE are refused (both databases).
- PostgreSQL: an entry's lines sum to zero, checked at commit (a deferred constraint trigger,
  as django-hordak does); SQLite has no deferred triggers, so there the services check it.
- No two live indemnity payments of one benefit cover the same day of one claim: an
  exclusion constraint on PostgreSQL (btree_gist), a trigger on SQLite.
- A line belongs to its entry's claim, category and bucket; a cover row to a payment entry of
  the same claim, benefit and period; cover rows are inserted or deleted, never updated.
The SQL is written out here (not imported) so this migration never changes after it ran.
"""

from django.db import migrations

from opencomp.core.dbtriggers import append_only_operation

PG_FORWARD = [
    """CREATE OR REPLACE FUNCTION payments_entry_balances() RETURNS trigger AS $$
    DECLARE total numeric;
    BEGIN
      SELECT COALESCE(SUM(amount), 0) INTO total FROM payments_ledgerline WHERE entry_id = NEW.entry_id;
      IF total <> 0 THEN
        RAISE EXCEPTION 'ledger entry % does not balance: its lines sum to %', NEW.entry_id, total
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NULL;
    END; $$ LANGUAGE plpgsql;""",
    "CREATE CONSTRAINT TRIGGER payments_ledgerline_balanced AFTER INSERT ON payments_ledgerline "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION payments_entry_balances();",
    "CREATE EXTENSION IF NOT EXISTS btree_gist;",
    "ALTER TABLE payments_indemnitycover ADD CONSTRAINT payments_cover_no_overlap EXCLUDE USING gist "
    "(claim_id WITH =, benefit WITH =, daterange(first_day, last_day, '[]') WITH &&);",
]
PG_FORWARD += [
    """CREATE OR REPLACE FUNCTION payments_line_matches_entry() RETURNS trigger AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM payments_ledgerentry e WHERE e.id = NEW.entry_id
                     AND e.claim_id = NEW.claim_id AND e.category = NEW.category AND e.bucket = NEW.bucket) THEN
        RAISE EXCEPTION 'ledger line does not match its entry (claim, category, bucket)'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END; $$ LANGUAGE plpgsql;""",
    "CREATE TRIGGER payments_ledgerline_matches BEFORE INSERT ON payments_ledgerline "
    "FOR EACH ROW EXECUTE FUNCTION payments_line_matches_entry();",
    """CREATE OR REPLACE FUNCTION payments_cover_matches_entry() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'UPDATE on payments_indemnitycover is not allowed: insert or delete'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM payments_ledgerentry e WHERE e.id = NEW.entry_id AND e.kind = 'payment'
                     AND e.claim_id = NEW.claim_id AND e.benefit = NEW.benefit
                     AND e.period_start = NEW.first_day AND e.period_end = NEW.last_day) THEN
        RAISE EXCEPTION 'indemnity cover does not match its payment (claim, benefit, period)'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END; $$ LANGUAGE plpgsql;""",
    "CREATE TRIGGER payments_cover_matches BEFORE INSERT OR UPDATE ON payments_indemnitycover "
    "FOR EACH ROW EXECUTE FUNCTION payments_cover_matches_entry();",
]
PG_REVERSE = [
    "DROP TRIGGER IF EXISTS payments_cover_matches ON payments_indemnitycover;",
    "DROP FUNCTION IF EXISTS payments_cover_matches_entry();",
    "DROP TRIGGER IF EXISTS payments_ledgerline_matches ON payments_ledgerline;",
    "DROP FUNCTION IF EXISTS payments_line_matches_entry();",
    "ALTER TABLE payments_indemnitycover DROP CONSTRAINT IF EXISTS payments_cover_no_overlap;",
    "DROP TRIGGER IF EXISTS payments_ledgerline_balanced ON payments_ledgerline;",
    "DROP FUNCTION IF EXISTS payments_entry_balances();",
]
SQLITE_FORWARD = [
    """CREATE TRIGGER payments_cover_no_overlap BEFORE INSERT ON payments_indemnitycover
    WHEN EXISTS (
      SELECT 1 FROM payments_indemnitycover c
      WHERE c.claim_id = NEW.claim_id AND c.benefit = NEW.benefit
        AND c.first_day <= NEW.last_day AND NEW.first_day <= c.last_day
    )
    BEGIN SELECT RAISE(ABORT, 'payments_cover_no_overlap: a day of this period is already paid'); END;""",
    """CREATE TRIGGER payments_cover_no_update BEFORE UPDATE ON payments_indemnitycover
    BEGIN SELECT RAISE(ABORT, 'UPDATE on payments_indemnitycover is not allowed: insert or delete'); END;""",
]
SQLITE_FORWARD += [
    """CREATE TRIGGER payments_ledgerline_matches BEFORE INSERT ON payments_ledgerline
    WHEN NOT EXISTS (
      SELECT 1 FROM payments_ledgerentry e WHERE e.id = NEW.entry_id
        AND e.claim_id = NEW.claim_id AND e.category = NEW.category AND e.bucket = NEW.bucket
    )
    BEGIN SELECT RAISE(ABORT, 'ledger line does not match its entry (claim, category, bucket)'); END;""",
    """CREATE TRIGGER payments_cover_matches BEFORE INSERT ON payments_indemnitycover
    WHEN NOT EXISTS (
      SELECT 1 FROM payments_ledgerentry e WHERE e.id = NEW.entry_id AND e.kind = 'payment'
        AND e.claim_id = NEW.claim_id AND e.benefit = NEW.benefit
        AND e.period_start = NEW.first_day AND e.period_end = NEW.last_day
    )
    BEGIN SELECT RAISE(ABORT, 'indemnity cover does not match its payment (claim, benefit, period)'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS payments_ledgerline_matches;",
    "DROP TRIGGER IF EXISTS payments_cover_matches;",
    "DROP TRIGGER IF EXISTS payments_cover_no_overlap;",
    "DROP TRIGGER IF EXISTS payments_cover_no_update;",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in PG_FORWARD if vendor == "postgresql" else SQLITE_FORWARD if vendor == "sqlite" else []:
        schema_editor.execute(sql, params=None)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in PG_REVERSE if vendor == "postgresql" else SQLITE_REVERSE if vendor == "sqlite" else []:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_ledger")]

    operations = [
        append_only_operation("payments_ledgerentry"),
        append_only_operation("payments_ledgerline"),
        migrations.RunPython(forward, reverse),
    ]
