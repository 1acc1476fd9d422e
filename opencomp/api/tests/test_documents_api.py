"""Claim documents through the API: upload (multipart), list, details, download, reclassify."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.documents.models import ClaimDocument, DocumentAccess
from opencomp.documents.tests import samples


def _post(tokens, role, path, data):
    return Client().post(f"/api/v1/{path}", data, headers={"Authorization": f"Bearer {tokens[role]}"})


def _get(tokens, role, path, **query):
    return Client().get(f"/api/v1/{path}", query, headers={"Authorization": f"Bearer {tokens[role]}"})


def _upload(
    tokens,
    book,
    *,
    category="medical_report",
    content=samples.PDF,
    name="Dr Reyes – report.pdf",
    title="Report",
):
    # The browser's content type is deliberately wrong: only the bytes count.
    file = SimpleUploadedFile(name, content, "application/x-msdownload")
    return _post(
        tokens,
        "adjuster",
        f"claims/{book.claim.number}/documents",
        {"file": file, "category": category, "title": title},
    )


def test_upload_then_list_details_and_download(book, tokens):
    # when
    created = _upload(tokens, book)

    # then
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["content_type"] == "application/pdf"
    assert body["file_name"] == "Dr Reyes – report.pdf"
    assert body["restricted"] is True
    assert ClaimEvent.objects.filter(claim=book.claim, kind=EventKind.DOCUMENT_UPLOADED).count() == 1

    listed = _get(tokens, "worker", f"claims/{book.claim.number}/documents").json()
    assert listed["count"] == 1
    assert listed["items"][0]["id"] == body["id"]
    assert _get(tokens, "adjuster", f"documents/{body['id']}").json()["sha256"] == body["sha256"]

    download = _get(tokens, "worker", f"documents/{body['id']}/download")
    assert download.status_code == 200
    assert download.content == samples.PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"] == (
        "attachment; filename=\"Dr Reyes  report.pdf\"; filename*=UTF-8''Dr%20Reyes%20%E2%80%93%20report.pdf"
    )
    [access] = DocumentAccess.objects.all()
    assert (access.user, access.action, access.channel) == (book.users["worker"], "download", "api")


def test_metadata_reads_are_not_recorded_as_views(book, tokens):
    document_id = _upload(tokens, book).json()["id"]

    _get(tokens, "adjuster", f"documents/{document_id}")
    _get(tokens, "adjuster", f"claims/{book.claim.number}/documents")

    assert DocumentAccess.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (samples.EXE, "report.pdf", "is a program or script"),
        (samples.HTML, "letter.txt", "is a web page"),
        (samples.ZIP, "records.docx", "is an archive"),
        (b"", "empty.pdf", "is empty"),
    ],
)
def test_refused_uploads_name_the_file_and_store_nothing(book, tokens, content, name, says):
    reply = _upload(tokens, book, content=content, name=name)

    assert reply.status_code == 400
    [error] = reply.json()["errors"]
    assert error["field"] == "file"
    assert error["message"].startswith(says)
    assert ClaimDocument.objects.count() == 0


def test_too_big_is_refused(book, tokens, settings):
    settings.OPENCOMP_DOCUMENT_MAX_BYTES = 100

    reply = _upload(tokens, book, content=samples.PDF + b" " * 200)

    assert reply.status_code == 400
    assert reply.json()["errors"] == [{"field": "file", "message": "is larger than the 100 bytes limit"}]
    assert ClaimDocument.objects.count() == 0


def test_missing_category_and_title_are_named(book, tokens):
    reply = _upload(tokens, book, category="", title="")

    assert reply.status_code == 400
    assert [e["field"] for e in reply.json()["errors"]] == ["category", "title"]


def test_an_employer_neither_lists_nor_downloads_an_ime_report(book, tokens):
    ime = _upload(tokens, book, category="ime_report").json()["id"]
    wages = _upload(tokens, book, category="wage_records", content=samples.TEXT, name="wages.csv").json()[
        "id"
    ]

    listed = _get(tokens, "employer_coordinator", f"claims/{book.claim.number}/documents").json()

    assert [d["id"] for d in listed["items"]] == [wages]
    assert _get(tokens, "employer_coordinator", f"documents/{ime}").status_code == 404
    assert _get(tokens, "employer_coordinator", f"documents/{ime}/download").status_code == 404
    assert DocumentAccess.objects.count() == 0


def test_list_filters_by_category_and_pages(book, tokens):
    for category in ("legal", "legal", "other"):
        _upload(tokens, book, category=category)

    page = _get(tokens, "adjuster", f"claims/{book.claim.number}/documents", category="legal", limit=1).json()

    assert page["count"] == 2
    assert len(page["items"]) == 1
    assert (
        _get(tokens, "adjuster", f"claims/{book.claim.number}/documents", category="x-ray").status_code == 400
    )


def test_reclassify(book, tokens, api):
    document_id = _upload(tokens, book, category="correspondence").json()["id"]

    reply = api.post(
        f"documents/{document_id}/reclassify", {"category": "ime_report", "reason": "IME"}, as_="adjuster"
    )

    assert reply.status == 200
    assert reply.body["category"] == "ime_report"
    assert reply.body["restricted"] is True
    refused = api.post(f"documents/{document_id}/reclassify", {"category": "ime_report"}, as_="adjuster")
    assert refused.status == 400
    assert refused.body["errors"][0]["field"] == "category"
    assert api.get(f"documents/{document_id}", as_="employer_supervisor").status == 404


def test_no_file_is_named(book, tokens):
    reply = _post(
        tokens, "adjuster", f"claims/{book.claim.number}/documents", {"category": "legal", "title": "x"}
    )

    assert reply.status_code == 400
    assert [e["field"] for e in reply.json()["errors"]] == ["file"]
    assert ClaimDocument.objects.count() == 0
