"""The claim status machine, as a pure transition table (no Django).

A claim moves only along these edges; every move is a ``claim.status_changed``
event appended by ``claims.services.claim_transition``.

    reported → under investigation → accepted / provisionally accepted / denied /
    reasonable excuse → open → closed / finalised → reopened → open …
"""

from __future__ import annotations

from typing import Final

REPORTED: Final = "reported"
UNDER_INVESTIGATION: Final = "under_investigation"
ACCEPTED: Final = "accepted"
PROVISIONALLY_ACCEPTED: Final = "provisionally_accepted"
DENIED: Final = "denied"
REASONABLE_EXCUSE: Final = "reasonable_excuse"
OPEN: Final = "open"
CLOSED: Final = "closed"
FINALISED: Final = "finalised"
REOPENED: Final = "reopened"

STATUSES: Final = (
    REPORTED,
    UNDER_INVESTIGATION,
    ACCEPTED,
    PROVISIONALLY_ACCEPTED,
    DENIED,
    REASONABLE_EXCUSE,
    OPEN,
    CLOSED,
    FINALISED,
    REOPENED,
)

_DECISIONS = frozenset({ACCEPTED, PROVISIONALLY_ACCEPTED, DENIED, REASONABLE_EXCUSE})

TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    REPORTED: frozenset({UNDER_INVESTIGATION}) | _DECISIONS,
    UNDER_INVESTIGATION: _DECISIONS,
    # NSW provisional liability ends in full acceptance or a denial; meanwhile the claim is managed.
    PROVISIONALLY_ACCEPTED: frozenset({ACCEPTED, DENIED, OPEN}),
    # A reasonable excuse not to start provisional payments is followed by a decision.
    REASONABLE_EXCUSE: frozenset({UNDER_INVESTIGATION, ACCEPTED, PROVISIONALLY_ACCEPTED, DENIED}),
    ACCEPTED: frozenset({OPEN, CLOSED}),
    # A denial can be reconsidered (new evidence, dispute) or the file closed.
    DENIED: frozenset({UNDER_INVESTIGATION, ACCEPTED, CLOSED}),
    OPEN: frozenset({CLOSED, FINALISED}),
    CLOSED: frozenset({REOPENED}),
    FINALISED: frozenset({REOPENED}),
    REOPENED: frozenset({OPEN, CLOSED, FINALISED}),
}

#: Moves that must carry a reason people can read later.
REASON_REQUIRED: Final = frozenset({DENIED, REASONABLE_EXCUSE, CLOSED, FINALISED, REOPENED})

#: Statuses in which a claim is still being worked.
ACTIVE: Final = frozenset(STATUSES) - {CLOSED, FINALISED}


class IllegalTransition(ValueError):
    """The requested status change is not an edge of the table."""

    def __init__(self, current: str, requested: str) -> None:
        self.current = current
        self.requested = requested
        allowed = ", ".join(sorted(TRANSITIONS.get(current, frozenset()))) or "none"
        super().__init__(
            f"A claim cannot move from '{current}' to '{requested}'. Allowed from '{current}': {allowed}."
        )


def allowed_transitions(current: str) -> frozenset[str]:
    """The statuses a claim in ``current`` may move to."""
    if current not in TRANSITIONS:
        raise ValueError(f"unknown claim status {current!r}")
    return TRANSITIONS[current]


def check_transition(current: str, requested: str) -> None:
    """Raise ``IllegalTransition`` unless ``current → requested`` is in the table."""
    if requested not in TRANSITIONS:
        raise ValueError(f"unknown claim status {requested!r}")
    if requested not in allowed_transitions(current):
        raise IllegalTransition(current, requested)
