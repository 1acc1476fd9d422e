"""Uploading, reclassifying and opening documents: events, refusals, the access record."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction

from opencomp.claims.enums import EventKind, Sensitivity
from opencomp.claims.models import ClaimEvent
from opencomp.core.errors import NotFound, PermissionDenied, ValidationFailed
from opencomp.documents.models import ClaimDocument, DocumentAccess
from opencomp.documents.services import document_open, document_reclassify, document_upload
from opencomp.documents.tests import samples


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _events(claim, kind):
    return list(ClaimEvent.objects.filter(claim=claim, kind=kind).order_by("seq"))


def test_upload_stores_the_file_under_a_random_name_and_appends_its_event(book, upload):
    # when
    document = upload("medical_report", name="../Dr Reyes report.PDF")

    # then
    assert document.original_name == "Dr Reyes report.pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(samples.PDF)
    assert document.restricted is True
    assert "Reyes" not in document.file.name
    assert document.file.name.startswith("claim-documents/")
    assert [p.read_bytes() for p in _stored_files()] == [samples.PDF]
    [event] = _events(book.claim, EventKind.DOCUMENT_UPLOADED)
    assert event.seq == document.uploaded_seq
    assert event.sensitivity == Sensitivity.MEDICAL
    assert event.payload["document_id"] == document.pk
    assert event.payload["sha256"] == document.sha256
    assert event.actor == book.users["adjuster"]


def test_an_unrestricted_upload_is_an_ordinary_event(book, upload):
    upload("wage_records", content=samples.TEXT, name="wages.csv")

    [event] = _events(book.claim, EventKind.DOCUMENT_UPLOADED)
    assert event.sensitivity == Sensitivity.NORMAL


@pytest.mark.parametrize(
    ("content", "category", "title", "fields"),
    [
        (samples.EXE, "legal", "Contract", ["file"]),
        (samples.HTML, "legal", "Contract", ["file"]),
        (b"", "legal", "Contract", ["file"]),
        (samples.PDF, "x-ray", "Contract", ["category"]),
        (samples.PDF, "legal", "   ", ["title"]),
        (samples.SVG, "", "", ["category", "title", "file"]),
    ],
)
def test_a_refused_upload_names_every_field_and_writes_nothing(book, content, category, title, fields):
    before = book.claim.events.count()

    with pytest.raises(ValidationFailed) as refused:
        document_upload(
            actor=book.users["adjuster"],
            claim=book.claim,
            category=category,
            title=title,
            file_name="x.pdf",
            content=io.BytesIO(content),
        )

    assert [e.field for e in refused.value.errors] == fields
    assert ClaimDocument.objects.count() == 0
    assert book.claim.events.count() == before
    assert _stored_files() == []


def test_too_big_is_refused_with_the_limit(book, settings):
    settings.OPENCOMP_DOCUMENT_MAX_BYTES = 1024 * 1024

    with pytest.raises(ValidationFailed) as refused:
        document_upload(
            actor=book.users["adjuster"],
            claim=book.claim,
            category="legal",
            title="Big",
            file_name="big.pdf",
            content=io.BytesIO(samples.PDF + b"0" * (1024 * 1024)),
        )

    assert refused.value.errors[0].message == "is larger than the 1 MB limit"
    assert ClaimDocument.objects.count() == 0
    assert _stored_files() == []


@pytest.mark.parametrize(
    "role", ["employer_coordinator", "worker", "auditor", "provider", "compliance_officer"]
)
def test_only_the_administrator_uploads(book, role):
    with pytest.raises(PermissionDenied):
        document_upload(
            actor=book.users[role],
            claim=book.claim,
            category="correspondence",
            title="Letter",
            file_name="l.txt",
            content=io.BytesIO(samples.TEXT),
        )
    assert ClaimDocument.objects.count() == 0


def test_a_failure_after_the_file_is_stored_removes_it(book, upload, monkeypatch):
    from opencomp.documents import services

    def boom(**kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(services, "claim_event_record", boom)

    with pytest.raises(IntegrityError):
        upload("legal")

    assert ClaimDocument.objects.count() == 0
    assert _stored_files() == []


def test_reclassify_moves_the_document_and_appends_the_trail(book, upload):
    document = upload("correspondence")

    document = document_reclassify(
        actor=book.users["adjuster"],
        document=document,
        category="ime_report",
        reason="It is the IME's report",
    )

    assert document.category == "ime_report"
    assert document.restricted is True
    [event] = _events(book.claim, EventKind.DOCUMENT_RECLASSIFIED)
    assert event.payload["from_category"] == "correspondence"
    assert event.payload["to_category"] == "ime_report"
    assert event.payload["uploaded_seq"] == document.uploaded_seq
    assert event.sensitivity == Sensitivity.MEDICAL
    with pytest.raises(NotFound):
        document_open(actor=book.users["employer_coordinator"], pk=document.pk, action="view", channel="web")


def test_reclassify_refuses_the_same_or_an_unknown_category(book, upload):
    document = upload("legal")

    for category in ("legal", "nonsense"):
        with pytest.raises(ValidationFailed) as refused:
            document_reclassify(actor=book.users["adjuster"], document=document, category=category)
        assert refused.value.errors[0].field == "category"
    assert _events(book.claim, EventKind.DOCUMENT_RECLASSIFIED) == []


def test_reclassify_is_for_the_administrator(book, upload):
    document = upload("legal")

    with pytest.raises(PermissionDenied):
        document_reclassify(actor=book.users["auditor"], document=document, category="other")


def test_opening_a_restricted_document_records_each_view_and_download(book, upload):
    document = upload("certificate")

    for action, channel in (("view", "web"), ("download", "api")):
        opened = document_open(actor=book.users["worker"], pk=document.pk, action=action, channel=channel)
        assert opened.file.read() == samples.PDF
        opened.file.close()

    accesses = list(DocumentAccess.objects.order_by("pk").values_list("user__username", "action", "channel"))
    assert [a[1:] for a in accesses] == [("view", "web"), ("download", "api")]
    assert {a[0] for a in accesses} == {book.users["worker"].username}


def test_opening_an_unrestricted_document_records_nothing(book, upload):
    document = upload("wage_records")

    document_open(
        actor=book.users["employer_coordinator"], pk=document.pk, action="download", channel="web"
    ).file.close()

    assert DocumentAccess.objects.count() == 0


def test_the_access_record_is_append_only(book, upload):
    document = upload("medical_report")
    document_open(actor=book.users["adjuster"], pk=document.pk, action="view", channel="web").file.close()
    access = DocumentAccess.objects.get()

    with pytest.raises(TypeError, match="append-only"):
        access.delete()
    for sql in (
        "UPDATE documents_documentaccess SET action = 'download' WHERE id = %s",
        "DELETE FROM documents_documentaccess WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cur,
        ):
            cur.execute(sql, [access.pk])
    assert DocumentAccess.objects.get().action == "view"


def test_the_database_keeps_restricted_with_the_category(book, upload):
    document = upload("medical_report")

    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimDocument.objects.filter(pk=document.pk).update(restricted=False)


def test_media_root_is_a_temporary_directory():
    assert not str(settings.MEDIA_ROOT).startswith(str(Path(__file__).resolve().parents[3]))
    assert os.path.basename(settings.MEDIA_ROOT) == "media"
