"""Reads that only the web pages need (navigation); built on the contexts' access rules."""

from __future__ import annotations

from dataclasses import dataclass

from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.intake.access import employers_visible_to, filing_employers_for


@dataclass(frozen=True)
class IntakeAreas:
    """Which intake pages a user has any use for (drives the navigation and 403s)."""

    incidents_visible: bool
    incidents_loggable: bool
    reports_visible: bool
    reports_fileable: bool


def intake_areas_for(user: User) -> IntakeAreas:
    if not user.is_authenticated:
        return IntakeAreas(False, False, False, False)
    if user.role == Role.WORKER:
        employed = filing_employers_for(user).exists()
        return IntakeAreas(False, False, True, employed)
    has_employers = employers_visible_to(user).exists()
    may_file = has_employers and user.role != Role.AUDITOR
    return IntakeAreas(has_employers, may_file, has_employers, may_file)
