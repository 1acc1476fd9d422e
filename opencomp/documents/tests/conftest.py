from __future__ import annotations

import io

import pytest

from opencomp.documents.services import document_upload
from opencomp.documents.tests import samples


@pytest.fixture
def upload(book):
    """Upload a document to the book's claim as its adjuster: ``upload("ime_report")``."""

    def _upload(
        category: str = "correspondence",
        *,
        content: bytes = samples.PDF,
        name: str = "report.pdf",
        claim=None,
    ):
        return document_upload(
            actor=book.users["adjuster"],
            claim=claim or book.claim,
            category=category,
            title=f"A {category.replace('_', ' ')}",
            file_name=name,
            content=io.BytesIO(content),
        )

    return _upload
