"""Who sees which of a claim's documents.

- Whoever may see the claim (``claims.access``) sees its unrestricted documents (wage
  records, correspondence, legal, other).
- Restricted documents (medical reports, certificates, IME reports) only for users
  entitled to the claim's medical detail: ``claims.access.visible_sensitivities``
  includes ``medical`` (claims staff who work the claim, its treating providers, the
  worker, the regulator; not employers, pool administrators or auditors).
- An IME report never for an employer-side user (employer supervisor or coordinator),
  whatever else they may see (seed 004, privacy). Until the worker's consent is recorded
  (issue 6, item 4) this is absolute; the consent check will widen it, here and only here.

Only the claim's administrator (who may work the claim) uploads and reclassifies.
"""

from __future__ import annotations

from opencomp.accounts.access import is_employer_user
from opencomp.accounts.models import User
from opencomp.claims.access import user_can_work_claim, visible_sensitivities
from opencomp.claims.enums import Sensitivity
from opencomp.claims.models import Claim
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
        # No worker consent model yet (issue 6, item 4): an employer never sees an IME report.
        categories.discard(DocumentCategory.IME_REPORT)
    return frozenset(categories)


def user_can_see_category(user: User, claim: Claim, category: str) -> bool:
    return category in visible_categories(user, claim)


def user_can_manage_documents(user: User, claim: Claim) -> bool:
    """May upload and reclassify the claim's documents."""
    return user_can_work_claim(user, claim)
