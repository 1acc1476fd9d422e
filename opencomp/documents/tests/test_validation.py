"""The upload check: type by content, size, emptiness and the display name."""

from __future__ import annotations

import io

import pytest

from opencomp.core.errors import ErrorCollector
from opencomp.documents import validation as v
from opencomp.documents.tests import samples as s

pytestmark = pytest.mark.smoke


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (s.PDF, v.PDF),
        (s.PNG, v.PNG),
        (s.JPEG, v.JPEG),
        (s.TIFF_LE, v.TIFF),
        (s.TIFF_BE, v.TIFF),
        (s.TEXT, v.TEXT),
        (s.DOCX, v.DOCX),
    ],
)
def test_accepted_types_are_found_by_their_first_bytes(content, expected):
    stream = io.BytesIO(content)

    assert v.sniff_content_type(stream) == expected
    assert stream.tell() == 0


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (s.EXE, "program"),
        (s.ELF, "program"),
        (s.SCRIPT, "program"),
        (s.HTML, "web page"),
        (s.SVG, "web page"),
        (s.BARE_SVG, "web page"),
        (s.ZIP, "archive"),
        (s.GZIP, "archive"),
        (s.BINARY, "not an accepted type"),
        (s.LATIN1, "not an accepted type"),
        (b"PK\x03\x04broken", "archive"),
    ],
)
def test_other_types_are_refused_saying_what_they_are(content, says):
    with pytest.raises(v.Refused, match=says):
        v.sniff_content_type(io.BytesIO(content))


def test_a_pdf_named_like_an_executable_is_a_pdf_and_an_executable_named_pdf_is_refused():
    errors = ErrorCollector()

    pdf = v.inspect_upload(name="run.exe", stream=io.BytesIO(s.PDF), max_bytes=1000, errors=errors)
    exe = v.inspect_upload(name="report.pdf", stream=io.BytesIO(s.EXE), max_bytes=1000, errors=errors)

    assert pdf is not None
    assert pdf.content_type == v.PDF
    assert pdf.display_name == "run.pdf"
    assert exe is None
    assert [e.field for e in errors.errors] == ["file"]


def test_too_big_is_refused_naming_the_limit():
    errors = ErrorCollector()

    result = v.inspect_upload(
        name="big.pdf", stream=io.BytesIO(s.PDF + b"x" * 2_000_000), max_bytes=1024 * 1024, errors=errors
    )

    assert result is None
    assert errors.errors[0].field == "file"
    assert errors.errors[0].message == "is larger than the 1 MB limit"


def test_exactly_the_limit_is_accepted():
    errors = ErrorCollector()

    result = v.inspect_upload(name="a.pdf", stream=io.BytesIO(s.PDF), max_bytes=len(s.PDF), errors=errors)

    assert result is not None
    assert result.size == len(s.PDF)
    assert not errors.errors


def test_empty_is_refused():
    errors = ErrorCollector()

    assert v.inspect_upload(name="a.pdf", stream=io.BytesIO(b""), max_bytes=100, errors=errors) is None
    assert errors.errors[0].message.startswith("is empty")


def test_digest_is_the_sha256_of_the_content():
    import hashlib

    result = v.inspect_upload(
        name="x.txt", stream=io.BytesIO(s.TEXT), max_bytes=10_000, errors=ErrorCollector()
    )

    assert result is not None
    assert result.sha256 == hashlib.sha256(s.TEXT).hexdigest()


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("report.pdf", v.PDF, "report.pdf"),
        ("../../etc/passwd", v.TEXT, "passwd.txt"),
        ("C:\\Users\\jo\\Desktop\\scan.JPEG", v.JPEG, "scan.jpeg"),
        ("..hidden.pdf", v.PDF, "hidden.pdf"),
        (".htaccess", v.TEXT, "htaccess.txt"),
        ("invoice.pdf.exe", v.PDF, "invoice.pdf.pdf"),
        ("evil\x00name\r\n.pdf", v.PDF, "evil name.pdf"),
        ("a<b>c|d?.png", v.PNG, "a_b_c_d_.png"),
        ("", v.PDF, "document.pdf"),
        ("...", v.DOCX, "document.docx"),
        ("letter.html", v.TEXT, "letter.txt"),
        ("wages.csv", v.TEXT, "wages.csv"),
        ("scan.tif", v.TIFF, "scan.tif"),
    ],
)
def test_display_names_are_sanitised(name, content_type, expected):
    assert v.sanitise_file_name(name, content_type) == expected


def test_display_names_are_limited_in_length_and_keep_their_extension():
    name = v.sanitise_file_name("x" * 500 + ".pdf", v.PDF)

    assert len(name) == v.NAME_LIMIT
    assert name.endswith(".pdf")


@pytest.mark.parametrize(
    ("size", "text"),
    [(20 * 1024 * 1024, "20 MB"), (1536 * 1024, "1.5 MB"), (300 * 1024, "300 KB"), (100, "100 bytes")],
)
def test_sizes_read_as_people_say_them(size, text):
    assert v.size_text(size) == text
