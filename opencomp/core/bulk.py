"""Bulk writes for batch work: many rows of one table in one statement."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection


def copy_rows(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Write ``rows`` into ``table`` with one ``COPY`` (PostgreSQL; the driver adapts the values).

    ``table`` and ``columns`` are the caller's constants, never input.
    """
    if not rows:
        return
    with (
        connection.cursor() as wrapper,
        wrapper.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def insert_rows(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """``copy_rows`` on PostgreSQL; one multi-row ``INSERT`` elsewhere (values already adapted)."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        copy_rows(table, columns, rows)
        return
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608 (names are constants)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
