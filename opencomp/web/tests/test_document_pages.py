"""The claim's documents page: upload, refusals beside the field, filter, view, download, reclassify."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opencomp.claims.enums import EventKind
from opencomp.documents.models import ClaimDocument, DocumentAccess
from opencomp.documents.services import document_upload
from opencomp.documents.tests import samples


def _url(book) -> str:
    return reverse("web:claim_documents", args=[book.claim.number])


def _file(content=samples.PDF, name="report.pdf"):
    return SimpleUploadedFile(name, content, "application/pdf")


def _doc(book, category, content=samples.PDF):
    return document_upload(
        actor=book.users["adjuster"],
        claim=book.claim,
        category=category,
        title=f"A {category.replace('_', ' ')}",
        file_name="scan.pdf",
        content=io.BytesIO(content),
    )


def test_the_claim_page_links_to_its_documents(book, login):
    page = login("employer_coordinator").get(reverse("web:claim_detail", args=[book.claim.number]))

    assert _url(book) in page.content.decode()


def test_upload_then_list(book, login):
    client = login("adjuster")

    response = client.post(
        _url(book), {"file": _file(), "category": "medical_report", "title": "Progress report"}
    )

    assert response.status_code == 302
    document = ClaimDocument.objects.get()
    assert (document.title, document.category, document.restricted) == (
        "Progress report",
        "medical_report",
        True,
    )
    assert book.claim.events.filter(kind=EventKind.DOCUMENT_UPLOADED).count() == 1
    page = client.get(_url(book)).content.decode()
    assert "Progress report" in page
    assert reverse("web:document_download", args=[document.pk]) in page
    assert "Upload a document" in page


def test_a_refused_upload_shows_each_error_beside_its_field_and_writes_nothing(book, login):
    response = login("adjuster").post(
        _url(book), {"file": _file(samples.EXE, "scan.pdf"), "category": "", "title": ""}
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"file", "category", "title"}
    assert "program" in form.errors["file"][0]
    assert ClaimDocument.objects.count() == 0
    assert book.claim.events.filter(kind=EventKind.DOCUMENT_UPLOADED).count() == 0


def test_no_file_is_asked_for(book, login):
    response = login("adjuster").post(_url(book), {"category": "legal", "title": "Letter"})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Choose a file to upload."]


def test_too_big_says_the_limit(book, login, settings):
    settings.OPENCOMP_DOCUMENT_MAX_BYTES = 1024

    response = login("adjuster").post(
        _url(book), {"file": _file(samples.PDF + b" " * 2048), "category": "legal", "title": "Letter"}
    )

    assert "larger than the 1 KB limit" in response.context["form"].errors["file"][0]
    assert ClaimDocument.objects.count() == 0


def test_the_list_filters_by_category(book, login):
    _doc(book, "legal")
    _doc(book, "wage_records")

    page = login("adjuster").get(_url(book), {"category": "legal"})

    assert [d.category for d in page.context["page"].object_list] == ["legal"]


def test_an_employer_sees_wage_records_but_not_medical_documents_nor_an_ime_report(book, login):
    wages = _doc(book, "wage_records")
    ime = _doc(book, "ime_report")
    _doc(book, "medical_report")
    client = login("employer_supervisor")

    page = client.get(_url(book))

    assert [d.pk for d in page.context["page"].object_list] == [wages.pk]
    assert "Upload a document" not in page.content.decode()
    assert client.get(reverse("web:document_download", args=[ime.pk])).status_code == 404
    assert client.get(reverse("web:document_download", args=[wages.pk])).status_code == 200
    assert DocumentAccess.objects.count() == 0


def test_view_and_download_are_recorded_for_restricted_documents(book, login):
    document = _doc(book, "certificate")
    client = login("worker")

    viewed = client.get(reverse("web:document_view", args=[document.pk]))
    downloaded = client.get(reverse("web:document_download", args=[document.pk]))

    assert viewed.content == samples.PDF
    assert viewed["Content-Disposition"].startswith("inline;")
    assert downloaded["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''scan.pdf" in downloaded["Content-Disposition"]
    assert downloaded["X-Content-Type-Options"] == "nosniff"
    assert list(DocumentAccess.objects.order_by("pk").values_list("action", "channel")) == [
        ("view", "web"),
        ("download", "web"),
    ]


def test_reclassify(book, login):
    document = _doc(book, "correspondence")
    url = reverse("web:document_reclassify", args=[document.pk])
    client = login("adjuster")

    done = client.post(
        url, {f"doc-{document.pk}-category": "legal", f"doc-{document.pk}-reason": "A solicitor"}
    )
    same = client.post(url, {f"doc-{document.pk}-category": "legal"})

    assert done.status_code == 302
    document.refresh_from_db()
    assert document.category == "legal"
    assert same.status_code == 200
    assert "already filed as legal" in same.content.decode()
    assert book.claim.events.filter(kind=EventKind.DOCUMENT_RECLASSIFIED).count() == 1
