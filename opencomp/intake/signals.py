"""Signals the intake context sends; higher contexts connect to them at start-up."""

from django.dispatch import Signal

#: Sent inside the recording transaction with ``test=`` the new ``DrugAlcoholTest``.
test_recorded = Signal()
