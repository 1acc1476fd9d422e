"""Claim financials: reserves, the append-only double-entry ledger, authority and approvals.

Every money movement of a claim is a ``LedgerEntry`` whose ``LedgerLine``s sum to zero
(the database refuses an unbalanced entry on PostgreSQL, and refuses any change to a
posted line on both databases). Corrections are reversing entries. Balances (reserve,
paid, outstanding, recovered) are derived from the lines, never stored.
"""
