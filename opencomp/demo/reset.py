"""Wiping the database for ``seed-demo --reset``.

The append-only tables (the claim event log, the audit trail, …) refuse DELETE and
TRUNCATE through database triggers; ``core.dbtriggers.flush_everything`` is the one
sanctioned way to empty them. Here it runs inside one transaction with the load that
follows, so a failed reset leaves the old database untouched.
"""

from __future__ import annotations

from django.db import connections, transaction

from opencomp.core.dbtriggers import flush_everything


def flush_database(using: str = "default") -> None:
    """Empty every table of the database (Django ``flush``), append-only ones included."""
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks queued earlier in this transaction would make
            # TRUNCATE fail ("pending trigger events"); run them now.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        flush_everything(using=using)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
