"""The HTTP answer that hands a document over, shared by the API and the web pages."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

from opencomp.documents.services import OpenedDocument


def content_disposition(name: str, *, attachment: bool) -> str:
    """``attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded`` (RFC 6266 / 5987)."""
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = "".join(ch if ch.isprintable() and ch not in '"\\' else "_" for ch in fallback) or "document"
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def document_response(opened: OpenedDocument, *, attachment: bool = True) -> HttpResponse:
    """The stored file with its checked content type; never sniffed, never run as a page.

    Read whole (documents are at most the upload limit) so the file is closed before the answer leaves.
    """
    document = opened.document
    with opened.file as handle:
        content = handle.read()
    response = HttpResponse(content, content_type=document.content_type)
    response["Content-Length"] = str(document.size)
    response["Content-Disposition"] = content_disposition(document.original_name, attachment=attachment)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
