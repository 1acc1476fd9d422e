"""Lowest layer: clock, money, errors and the audit primitive shared by every context."""
