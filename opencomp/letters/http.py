"""The HTTP answer that shows a letter's preview as PDF, shared by the API and the web pages."""

from __future__ import annotations

from django.http import HttpResponse

from opencomp.claims.models import Claim
from opencomp.core import clock
from opencomp.letters.catalog import LetterTemplate
from opencomp.letters.render import render_pdf
from opencomp.letters.selectors import letter_content_for


def preview_pdf_response(claim: Claim, chosen: LetterTemplate) -> HttpResponse:
    """``chosen`` filled with the claim's facts as they stand today, as an inline PDF; nothing is kept."""
    content = letter_content_for(claim=claim, chosen=chosen, on=clock.today())
    response = HttpResponse(render_pdf(chosen, content.facts), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="preview-{claim.number}-{chosen.id}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
