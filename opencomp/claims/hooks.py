"""Listeners told of each event appended to a claim's log, inside the same transaction.

Higher contexts (the deadline diary) register here when Django starts, so the
claims context can keep them current without importing them. A listener that
raises rolls the whole write back: nothing is appended without its consequences.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opencomp.claims.models import Claim, ClaimEvent

Listener = Callable[["Claim", "ClaimEvent"], None]
_listeners: list[Listener] = []


def on_event_appended(listener: Listener) -> Listener:
    """Register ``listener(claim, event)``; registering the same one twice has no effect."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def event_appended(claim: Claim, event: ClaimEvent) -> None:
    """Tell every listener; called by the claims services after the projection is saved."""
    for listener in _listeners:
        listener(claim, event)
