"""The rules of consent as plain functions of dates and words: no database, no clock.

- A consent is in force on day ``D`` when it was given on or before ``D``, has not expired
  (``D`` on or before its expiry date) and has not been withdrawn (``D`` before the
  withdrawal date). Withdrawal ends it from that date, never retroactively: what was
  disclosed before stays disclosed under it.
- An employer-side user is shown a category the worker released to the employer only
  when their role may ever see it (``EMPLOYER_ROLE_CEILING``): the employer's WC / RTW
  coordinator works the claim with the insurer and may receive whatever the worker
  releases to the employer; the employer supervisor (the worker's line manager) needs
  only what the worker can and cannot do at work, never a medical document (seed 004,
  privacy: medical information only to those authorised).
- Disclosing the worker's own information to the worker (or their representative)
  needs no consent (seed 004, information and record management: access within ten
  business days). No other exception is applied: ``reference/statutes.md`` holds no
  statutory provision permitting disclosure without consent, so none is assumed.
"""

from __future__ import annotations

import datetime as dt

from opencomp.accounts.enums import Role
from opencomp.consent.enums import ConsentCategory, DisclosureRecipient

#: The categories each employer role may be shown under a consent to the employer.
EMPLOYER_ROLE_CEILING: dict[str, frozenset[str]] = {
    Role.EMPLOYER_COORDINATOR.value: frozenset(ConsentCategory.values),
    Role.EMPLOYER_SUPERVISOR.value: frozenset({ConsentCategory.CAPACITY_RESTRICTIONS.value}),
}

#: Recipients a disclosure needs no consent for.
NO_CONSENT_NEEDED = frozenset({DisclosureRecipient.WORKER.value})


def in_force(
    *, given_on: dt.date, expires_on: dt.date | None, withdrawn_on: dt.date | None, on: dt.date
) -> bool:
    """Whether a consent given on ``given_on`` covers day ``on``."""
    if on < given_on:
        return False
    if expires_on is not None and on > expires_on:
        return False
    return withdrawn_on is None or on < withdrawn_on


def employer_role_may_see(role: str, category: str) -> bool:
    """Whether an employer-side ``role`` may be shown ``category`` at all (consent aside)."""
    return category in EMPLOYER_ROLE_CEILING.get(role, frozenset())


def needs_consent(recipient: str) -> bool:
    return recipient not in NO_CONSENT_NEEDED
