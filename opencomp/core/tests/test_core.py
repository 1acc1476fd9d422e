from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from opencomp.core.models import AuditEntry
from opencomp.core.money import round_money, to_money


@pytest.mark.smoke
def test_money_refuses_floats_and_rounds_half_up_by_default():
    with pytest.raises(TypeError):
        to_money(0.1)
    assert round_money(Decimal("1234.565")) == Decimal("1234.57")
    assert round_money(Decimal("1234.565"), rounding=ROUND_HALF_EVEN) == Decimal("1234.56")
    with pytest.raises(ValueError, match="not a money amount"):
        to_money("NaN")


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=4))
def test_rounding_moves_at_most_half_a_cent(amount):
    assert abs(round_money(amount) - amount) <= Decimal("0.005")


def test_audit_entries_cannot_be_changed_in_sql(book):
    entry = AuditEntry.objects.first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
