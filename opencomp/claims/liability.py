"""The liability decisions each jurisdiction allows, and what each requires (pure: no Django).

A liability decision moves the claim along the status table (``lifecycle``) and carries
what the law or the program asks of it: NSW's reasonable excuse names only the excuses
seed 004 lists and says what the worker must do; a NSW dispute (s 78 notice) carries its
reasons, the evidence relied on and a team manager's sign-off; Colorado's notice of contest
may later become an admission, never the reverse (the status table allows denied →
accepted, not accepted → denied). Colorado's final admission (FAL) concludes an admitted
claim after MMI: it carries the MMI date, the permanent impairment and restrictions and
whether maintenance care is admitted, and leaves the claim's status where it is (closing
the file is finalisation's business).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from opencomp.claims import lifecycle

SEED_004 = "Injury management program (seed 004), Assessing liability"
SEED_000 = (
    "State agency WC coordinator (seed 000) — accept the claim, or initiate action to disclaim the injury"
)
MN_FIRST_ACTION = "Minn. Stat. 176.221 subd. 1 — TTD commenced, or a denial filed and served, within 14 days"
SEED_001_FAL = (
    "Denver risk management (seed 001), Final Admission of Liability — filed at the conclusion of a "
    "compensable claim; summarises benefits, permanent restrictions and medical maintenance care after MMI"
)

#: A decision that records a position without moving the claim along the status table.
NO_MOVE: Final = ""

#: Colorado FAL: whether medical maintenance care after MMI is admitted.
MAINTENANCE_CARE: Final[dict[str, str]] = {
    "admitted": "Medical maintenance care after MMI is admitted",
    "denied": "Medical maintenance care after MMI is not admitted",
}


@dataclass(frozen=True)
class Option:
    """One decision a jurisdiction allows."""

    code: str
    label: str
    #: Where the claim moves (``NO_MOVE``: the decision leaves the status as it is).
    to_status: str
    citation: str
    #: Inputs the decision must carry (beyond the decision itself).
    requires: frozenset[str] = frozenset()
    #: The statuses the claim must be in (empty: any the status table allows the move from).
    from_statuses: frozenset[str] = frozenset()


#: NSW reasonable excuses: "can be used in the following situations only" (seed 004).
NSW_REASONABLE_EXCUSES: Final[dict[str, str]] = {
    "insufficient_medical_information": "Insufficient medical information",
    "not_a_worker": "The injured person is not a worker",
    "cannot_contact_worker": "The insurer cannot contact the worker",
    "access_refused": "The worker refused the insurer access to information",
    "not_work_related": "Evidence that the injury is not work related",
    "not_significant_more_information": "The injury is not significant and further information is needed",
    "late_notification": "Notification is more than two months after the date of injury",
}

OPTIONS: Final[dict[str, tuple[Option, ...]]] = {
    "NSW": (
        Option(
            "provisional",
            "Provisional liability",
            lifecycle.PROVISIONALLY_ACCEPTED,
            f"{SEED_004} — provisional liability within 7 calendar days; WIM&WC Act 1998 s 267",
        ),
        Option("accepted", "Liability accepted", lifecycle.ACCEPTED, f"{SEED_004} — liability accepted"),
        Option(
            "reasonable_excuse",
            "Reasonable excuse",
            lifecycle.REASONABLE_EXCUSE,
            f"{SEED_004} — reasonable excuse, in the listed situations only",
            frozenset({"excuses", "worker_action"}),
        ),
        Option(
            "disputed",
            "Liability disputed (s 78 notice)",
            lifecycle.DENIED,
            f"{SEED_004} — liability disputed, s 78 notice; WIM&WC Act 1998 s 78",
            frozenset({"reasons", "evidence", "signed_off_by"}),
        ),
    ),
    "CO": (
        Option(
            "admission",
            "General admission of liability (GAL)",
            lifecycle.ACCEPTED,
            "C.R.S. 8-43-203(1)(a) — admit or contest within 20 days (seed 001: GAL)",
        ),
        Option(
            "contest",
            "Notice of contest (NOC)",
            lifecycle.DENIED,
            "C.R.S. 8-43-203(1)(a) — admit or contest within 20 days (seed 001: NOC)",
            frozenset({"reasons"}),
        ),
        Option(
            "final_admission",
            "Final admission of liability (FAL)",
            NO_MOVE,
            SEED_001_FAL,
            frozenset({"mmi_date", "maintenance_care"}),
            frozenset({lifecycle.ACCEPTED, lifecycle.OPEN, lifecycle.REOPENED}),
        ),
    ),
    "MN": (
        Option("accepted", "Liability accepted", lifecycle.ACCEPTED, MN_FIRST_ACTION),
        Option(
            "denied", "Primary liability denied", lifecycle.DENIED, MN_FIRST_ACTION, frozenset({"reasons"})
        ),
    ),
    "CT": (
        Option("accepted", "Liability accepted", lifecycle.ACCEPTED, SEED_000),
        Option("disclaimer", "Injury disclaimed", lifecycle.DENIED, SEED_000, frozenset({"reasons"})),
    ),
}


def options_for(jurisdiction: str) -> tuple[Option, ...]:
    """The decisions ``jurisdiction`` allows (none for an unknown one)."""
    return OPTIONS.get(jurisdiction, ())


def option(jurisdiction: str, code: str) -> Option | None:
    """The option ``code`` of ``jurisdiction``, or ``None`` if it does not allow it."""
    return next((o for o in options_for(jurisdiction) if o.code == code), None)
