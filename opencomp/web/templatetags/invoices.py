"""The "Provider invoices" card of a claim's financials page (its page view passes only the claim)."""

from __future__ import annotations

from typing import Any

from django import template

from opencomp.claims.access import user_can_work_claim
from opencomp.claims.models import Claim
from opencomp.payments.invoice_selectors import claim_invoices

register = template.Library()


@register.inclusion_tag("web/invoices/_claim_invoices.html", takes_context=True)
def claim_invoices_section(context: dict[str, Any], claim: Claim) -> dict[str, Any]:
    """The claim's invoices for a page only those who see its money reach (its financials page)."""
    user = context["request"].user
    return {
        "claim": claim,
        "invoices": claim_invoices(claim),
        "may_work": user_can_work_claim(user, claim),
    }
