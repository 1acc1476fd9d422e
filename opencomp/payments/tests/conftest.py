"""Fixtures of the payments tests: the benefits tests' NSW claim is shared."""

from opencomp.benefits.tests.conftest import nsw_claim

__all__ = ["nsw_claim"]
