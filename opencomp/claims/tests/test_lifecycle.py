"""The pure status table."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opencomp.claims import lifecycle
from opencomp.claims.enums import ClaimStatus

pytestmark = pytest.mark.smoke


def test_enum_and_table_name_the_same_statuses():
    assert set(ClaimStatus.values) == set(lifecycle.STATUSES) == set(lifecycle.TRANSITIONS)


def test_every_target_is_a_known_status():
    for targets in lifecycle.TRANSITIONS.values():
        assert targets <= set(lifecycle.STATUSES)


@pytest.mark.parametrize(
    ("_case", "current", "requested"),
    [
        ("investigation starts", "reported", "under_investigation"),
        ("accepted outright", "reported", "accepted"),
        ("NSW provisional liability", "under_investigation", "provisionally_accepted"),
        ("reasonable excuse", "reported", "reasonable_excuse"),
        ("accepted claim opened", "accepted", "open"),
        ("denial reconsidered", "denied", "under_investigation"),
        ("finalised", "open", "finalised"),
        ("closed claim reopened", "closed", "reopened"),
        ("reopened back to open", "reopened", "open"),
    ],
)
def test_legal_transitions(_case, current, requested):
    lifecycle.check_transition(current, requested)


@pytest.mark.parametrize(
    ("_case", "current", "requested"),
    [
        ("closed straight to open", "closed", "open"),
        ("reported straight to closed", "reported", "closed"),
        ("accepted to denied", "accepted", "denied"),
        ("no self loop", "open", "open"),
        ("finalised to closed", "finalised", "closed"),
    ],
)
def test_illegal_transitions_name_the_allowed_moves(_case, current, requested):
    with pytest.raises(lifecycle.IllegalTransition) as exc:
        lifecycle.check_transition(current, requested)
    assert f"from '{current}' to '{requested}'" in str(exc.value)
    assert exc.value.current == current


def test_unknown_status_is_a_value_error():
    with pytest.raises(ValueError, match="unknown claim status"):
        lifecycle.check_transition("reported", "lost")


@given(st.sampled_from(lifecycle.STATUSES), st.sampled_from(lifecycle.STATUSES))
def test_check_agrees_with_the_table(current, requested):
    legal = requested in lifecycle.TRANSITIONS[current]
    try:
        lifecycle.check_transition(current, requested)
    except lifecycle.IllegalTransition:
        assert not legal
    else:
        assert legal


def test_every_status_is_reachable_from_reported():
    seen, frontier = {"reported"}, ["reported"]
    while frontier:
        for nxt in lifecycle.TRANSITIONS[frontier.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(lifecycle.STATUSES)


def test_terminal_statuses_only_reopen():
    assert lifecycle.TRANSITIONS["closed"] == {"reopened"}
    assert lifecycle.TRANSITIONS["finalised"] == {"reopened"}
