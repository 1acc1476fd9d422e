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
              -- Emptying a whole test or demo database (Django's flush) is allowed only
              -- in a session that asked for it; single rows can never be changed.
              IF TG_OP = 'TRUNCATE' AND current_setting('opencomp.allow_truncate', true) = 'on' THEN
                RETURN NULL;
              END IF;
              RAISE EXCEPTION '% on {table} is not allowed: rows are append-only', TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
            END; $$ LANGUAGE plpgsql;""",
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {func}();",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {func}();",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {func}();",
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


#: Every table the database keeps append-only.
APPEND_ONLY_TABLES = (
    "core_auditentry",
    "claims_claimevent",
    "claims_medicaldetailread",
    "payments_ledgerentry",
    "payments_ledgerline",
    "payments_bankdetails",
    "payments_paymentfileexport",
    "payments_paymentfileline",
    "documents_documentaccess",
    "letters_letter",
    "letters_letterrecipient",
    "consent_disclosure",
)


def _run(connection, statements: list[str]) -> None:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def allow_truncate(connection) -> None:  # type: ignore[no-untyped-def]
    """Let this PostgreSQL session TRUNCATE append-only tables (Django's ``flush``)."""
    if connection.vendor == "postgresql":
        _run(connection, ["SET opencomp.allow_truncate = 'on'"])


def flush_everything(*, using: str = "default") -> None:
    """Empty the whole database, append-only tables included.

    The only sanctioned way past the append-only triggers, for wiping a demo or
    test database, never production data. On PostgreSQL it allows TRUNCATE for this
    session and runs Django's ``flush``; on SQLite (whose flush deletes row by row)
    it drops the triggers, flushes and puts them back, even on error.
    """
    from django.core.management import call_command
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "postgresql":
        allow_truncate(connection)
        try:
            call_command("flush", interactive=False, database=using, verbosity=0)
        finally:
            _run(connection, ["RESET opencomp.allow_truncate"])
        return
    for table in APPEND_ONLY_TABLES:
        _run(connection, forbid_changes_sql(connection.vendor, table)[1])
    try:
        call_command("flush", interactive=False, database=using, verbosity=0)
    finally:
        for table in APPEND_ONLY_TABLES:
            _run(connection, forbid_changes_sql(connection.vendor, table)[0])
