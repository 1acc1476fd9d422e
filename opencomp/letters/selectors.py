"""Reading letters: which a claim can be sent now, what each would say, and those issued.

Who sees an issued letter follows its stored PDF: a letter is correspondence, so whoever
may see the claim sees its letters (the worker and the employer are their addressees).
Only the claim's administrator previews and issues.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from opencomp.accounts.models import User
from opencomp.claims.access import claim_queryset_for_user
from opencomp.claims.models import Claim
from opencomp.core.errors import NotFound
from opencomp.documents.access import user_can_see_category
from opencomp.letters.catalog import TEMPLATES, LetterTemplate, template
from opencomp.letters.content import LetterContent, letter_content
from opencomp.letters.models import Letter


def letter_template_for(*, claim: Claim, template_id: str) -> LetterTemplate:
    """The letter ``template_id`` of the claim's jurisdiction; ``NotFound`` if it has none such."""
    chosen = template(template_id)
    if chosen is None or claim.jurisdiction not in chosen.jurisdictions:
        raise NotFound(f"There is no letter {template_id!r} for {claim.jurisdiction} claims.")
    return chosen


def letter_content_for(*, claim: Claim, chosen: LetterTemplate, on: dt.date) -> LetterContent:
    """What ``chosen`` would say for ``claim`` if issued on ``on``, and what is missing."""
    return letter_content(claim=claim, template=chosen, on=on)


def letter_choices(*, claim: Claim, on: dt.date) -> list[LetterContent]:
    """Every letter of the claim's jurisdiction, ready ones first, each with what it still needs."""
    found = [
        letter_content(claim=claim, template=t, on=on)
        for t in TEMPLATES.values()
        if claim.jurisdiction in t.jurisdictions
    ]
    return sorted(found, key=lambda c: (not c.ready, c.template.title))


def claim_letters(*, user: User, claim: Claim) -> QuerySet[Letter]:
    """The letters issued on ``claim`` that ``user`` (who can see the claim) may see, newest first."""
    letters = Letter.objects.filter(claim=claim).select_related("document", "issued_by", "claim")
    if user_can_see_category(user, claim, "correspondence"):
        return letters.prefetch_related("recipients")
    return letters.none()


def letter_get_for_user(*, pk: int, user: User) -> Letter:
    """The letter ``pk`` if ``user`` may see it; otherwise ``NotFound`` (hidden is not found)."""
    letter: Letter | None = (
        Letter.objects.filter(pk=pk, claim__in=claim_queryset_for_user(user))
        .select_related("claim", "document", "issued_by")
        .prefetch_related("recipients")
        .first()
    )
    if letter is None or not user_can_see_category(user, letter.claim, letter.document.category):
        raise NotFound(f"Letter {pk} was not found.")
    return letter
