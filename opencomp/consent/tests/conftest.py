from __future__ import annotations

import datetime as dt

import pytest

from opencomp.consent.services import consent_give

D = dt.date


@pytest.fixture
def give(book):
    """Record a consent on the book's claim as its adjuster; keyword arguments override the defaults."""

    def _give(**overrides):
        values = dict(
            actor=book.users["adjuster"],
            claim=book.claim,
            given_by="worker",
            given_on=D(2026, 10, 22),
            method="signed_form",
            categories=["certificate", "capacity_restrictions"],
            recipients=["employer"],
            purpose="Return to work planning",
        )
        values.update(overrides)
        return consent_give(**values)

    return _give
