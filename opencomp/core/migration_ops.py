"""Migration operations of our own."""

from __future__ import annotations

from typing import Any

from django.db.migrations import SeparateDatabaseAndState


class PostgresOnly(SeparateDatabaseAndState):
    """Operations whose state always changes but whose SQL runs on PostgreSQL only.

    For storage changes that matter on PostgreSQL (an index dropped from a foreign key, a
    unique column turned into a named constraint) and that SQLite could only make by
    rebuilding the table, which would drop the table's triggers (append-only, ledger rules).
    On SQLite the old index or unique flag stays, which changes no behaviour.
    """

    def __init__(self, *operations: Any) -> None:
        super().__init__(database_operations=list(operations), state_operations=list(operations))

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return "On PostgreSQL: " + "; ".join(op.describe() for op in self.database_operations)
