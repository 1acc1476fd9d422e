"""Printing a letter: its template filled with the claim's facts, as HTML and as a PDF file.

The PDF is made by WeasyPrint from the same HTML the preview shows. Nothing is fetched from
outside while printing: the letters carry no images or links to load, and the fetcher
refuses any URL, so a value typed into a claim cannot make the server reach out.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, cast

from django.template.loader import get_template
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from opencomp.letters.catalog import LetterTemplate

TEMPLATE_DIR = Path(__file__).parent / "templates"


class FetchRefused(ValueError):
    """A letter tried to load something from a URL."""


class _NoFetch(URLFetcher):  # type: ignore[misc]
    def fetch(self, url: str, headers: Any = None) -> Any:
        raise FetchRefused(f"letters load nothing from outside: {url}")


def template_digest(template: LetterTemplate) -> str:
    """SHA-256 over the bytes of every file the letter is printed from, in order."""
    digest = hashlib.sha256()
    for name in template.files:
        digest.update((TEMPLATE_DIR / name).read_bytes())
    return digest.hexdigest()


def render_html(template: LetterTemplate, facts: dict[str, Any]) -> str:
    """The letter as an HTML document (the browser preview)."""
    return get_template(template.template_name).render({"f": facts})


def render_pdf(template: LetterTemplate, facts: dict[str, Any]) -> bytes:
    """The letter as a PDF file: the same HTML, laid out for print by WeasyPrint."""
    html = render_html(template, facts)
    return cast(bytes, HTML(string=html, url_fetcher=_NoFetch()).write_pdf())  # no target: the bytes
