"""Who sees which of a claim's documents.

- Whoever may see the claim (``claims.access``) sees its unrestricted documents (wage
  records, correspondence, legal, other).
- Restricted documents (medical reports, certificates, IME reports) only for users
  entitled to the claim's medical detail: ``claims.access.visible_sensitivities``
  includes ``medical`` (claims staff who work the claim, its treating providers, the
  worker, the regulator; not employers, pool administrators or auditors).
- An IME report never for an employer-side user (employer supervisor or coordinator)
  without the worker's consent (seed 004, privacy).
- The worker's consent widens this, here and only here: an employer-side user also sees
  a restricted category (medical reports, certificates, IME reports) while a consent in
  force today (in the claim's jurisdiction) releases it to the employer AND their role may
  be shown it at all (``consent.rules.EMPLOYER_ROLE_CEILING``: the coordinator, yes; the
  line supervisor, never a medical document). Withdrawal or expiry closes it again the
  day it takes effect. Medical events stay hidden: consent widens documents, nothing else.

Only the claim's administrator (who may work the claim) uploads and reclassifies.
"""

from __future__ import annotations

from opencomp.accounts.access import is_employer_user
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_work_claim, visible_sensitivities
from opencomp.claims.enums import Sensitivity
from opencomp.claims.models import Claim
from opencomp.consent.selectors import employer_released_categories
from opencomp.documents.enums import RESTRICTED_CATEGORIES, DocumentCategory


def user_is_entitled_to_medical(user: User, claim: Claim) -> bool:
    """May read the claim's (ordinary) medical detail: the same gate as medical events."""
    return Sensitivity.MEDICAL.value in visible_sensitivities(user, claim)


def visible_categories(user: User, claim: Claim) -> frozenset[str]:
    """The document categories ``user`` may see on ``claim`` (they can already see the claim)."""
    categories = set(DocumentCategory.values)
    if not user_is_entitled_to_medical(user, claim):
        categories -= RESTRICTED_CATEGORIES
    if is_employer_user(user):
        # Without the worker's consent an employer never sees an IME report (seed 004, privacy);
        # with it, what the consent releases to the employer and the user's role allows.
        categories.discard(DocumentCategory.IME_REPORT)
        categories |= employer_released_categories(user, claim) & set(DocumentCategory.values)
    return frozenset(categories)


def user_can_see_category(user: User, claim: Claim, category: str) -> bool:
    return category in visible_categories(user, claim)


def user_can_manage_documents(user: User, claim: Claim) -> bool:
    """May upload and reclassify the claim's documents."""
    return user_can_work_claim(user, claim)
