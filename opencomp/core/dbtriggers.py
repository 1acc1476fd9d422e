"""SQL for append-only tables, for PostgreSQL and SQLite.

Used by migrations (copied by value at the time they run; the functions take only
table names). Any UPDATE or DELETE of a protected row is refused by the database
itself, so neither a bug nor a hand-written SQL statement can rewrite history.
"""

from __future__ import annotations


def forbid_changes_sql(vendor: str, table: str) -> tuple[list[str], list[str]]:
    """(forward statements, reverse statements) that make ``table`` append-only."""
    if vendor == "postgresql":
        func = f"{table}_append_only"
        forward = [
            f"""CREATE OR REPLACE FUNCTION {func}() RETURNS trigger AS $$
            BEGIN
              RAISE EXCEPTION '% on {table} is not allowed: rows are append-only', TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
            END; $$ LANGUAGE plpgsql;""",
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {func}();",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {func}();",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {func}();",
        ]
        reverse = [
            f"DROP TRIGGER IF EXISTS {table}_no_update ON {table};",
            f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table};",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};",
            f"DROP FUNCTION IF EXISTS {func}();",
        ]
        return forward, reverse
    if vendor == "sqlite":
        forward = [
            f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, 'UPDATE on {table} is not allowed: rows are append-only'); END;""",
            f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, 'DELETE on {table} is not allowed: rows are append-only'); END;""",
        ]
        reverse = [f"DROP TRIGGER IF EXISTS {table}_no_update;", f"DROP TRIGGER IF EXISTS {table}_no_delete;"]
        return forward, reverse
    return [], []


def append_only_operation(table: str):  # type: ignore[no-untyped-def]
    """A migration operation installing the triggers for ``table`` on the current database."""
    from django.db import migrations

    def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
        for sql in forbid_changes_sql(schema_editor.connection.vendor, table)[0]:
            schema_editor.execute(sql, params=None)

    def reverse(apps, schema_editor):  # type: ignore[no-untyped-def]
        for sql in forbid_changes_sql(schema_editor.connection.vendor, table)[1]:
            schema_editor.execute(sql, params=None)

    return migrations.RunPython(forward, reverse)
