"""What an upload must be before it is stored: checked by its content, never by its name.

Pure helpers (the standard library and ``core.errors`` only), unit-tested on their own:

- ``sniff_content_type`` reads the file's first bytes (magic numbers): PDF, PNG, JPEG,
  TIFF, plain UTF-8 text without NUL bytes, and DOCX (a ZIP whose entries include
  ``word/document.xml``). Everything else is refused: executables, HTML, SVG and other
  markup, archives, unknown binaries. The name and the browser's content type are ignored.
- ``sanitise_file_name`` turns the uploader's name into one safe to show and to offer as a
  download name: no directories, control characters or leading dots, limited length, and
  the extension of the type actually found.
- ``inspect_upload`` runs both plus the size limit, and reports every problem under the
  field ``file`` in an ``ErrorCollector``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from opencomp.core.errors import ErrorCollector

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
TEXT = "text/plain"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: Accepted content types and the extensions a stored name may keep (the first is the default).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    TIFF: (".tif", ".tiff"),
    TEXT: (".txt", ".text", ".csv"),
    DOCX: (".docx",),
}
ACCEPTED = "PDF, PNG, JPEG, TIFF, plain text (UTF-8) or Word (DOCX)"
NAME_LIMIT = 120
CHUNK = 64 * 1024

_EXECUTABLE_MAGIC = (
    b"MZ",  # Windows PE / DOS
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",  # Mach-O
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # a script
)
_ARCHIVE_MAGIC = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"Rar!",
    b"7z\xbc\xaf\x27\x1c",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
)
_MARKUP = ("<html", "<!doctype", "<svg", "<script", "<?xml", "<body", "<head", "<iframe", "<object", "<embed")


class Refused(ValueError):
    """The file is not one of the accepted types; the message says what it is or what is accepted."""


@dataclass(frozen=True)
class Inspected:
    content_type: str
    size: int
    sha256: str
    display_name: str


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sniff_content_type(stream: BinaryIO) -> str:
    """The accepted content type of ``stream``'s bytes, or ``Refused`` saying why not.

    Reads from the start; leaves the position at the start.
    """
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    if not head:
        raise Refused("is empty")
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        finally:
            stream.seek(0)
        if "word/document.xml" in names:
            return DOCX
        raise Refused(f"is an archive; archives are not accepted ({ACCEPTED})")
    if head.startswith(_EXECUTABLE_MAGIC):
        raise Refused(f"is a program or script; programs are not accepted ({ACCEPTED})")
    if head.startswith(_ARCHIVE_MAGIC):
        raise Refused(f"is an archive; archives are not accepted ({ACCEPTED})")
    whole = stream.read()
    stream.seek(0)
    if _is_text(whole):
        start = whole[:2048].decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n").lower()
        if start.startswith("<") and any(tag in start for tag in _MARKUP):
            raise Refused(
                f"is a web page or image markup (HTML, SVG, XML); these are not accepted ({ACCEPTED})"
            )
        return TEXT
    raise Refused(f"is not an accepted type ({ACCEPTED})")


_UNSAFE = re.compile(r'[<>:"/\\|?*;%$`]+')


def sanitise_file_name(name: str, content_type: str) -> str:
    """A display name for ``name``: base name only, printable, no leading dots, at most
    ``NAME_LIMIT`` characters, ending in an extension of ``content_type``."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(" " if unicodedata.category(ch).startswith(("C", "Z")) else ch for ch in base)
    base = _UNSAFE.sub("_", base)
    base = " ".join(base.split()).lstrip(". ").rstrip(". ")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    allowed = EXTENSIONS.get(content_type, (".bin",))
    suffix = f".{ext.lower()}" if f".{ext.lower()}" in allowed else allowed[0]
    stem = stem.rstrip(". ") or "document"
    return stem[: NAME_LIMIT - len(suffix)].rstrip(". ") + suffix


def size_text(size: int) -> str:
    """``20 MB``, ``1.5 MB``, ``300 KB``, ``100 bytes``."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) or value >= 10 else f"{value:.1f} {unit}"
    return f"{size} bytes"


def inspect_upload(
    *, name: str, stream: BinaryIO, max_bytes: int, errors: ErrorCollector, field: str = "file"
) -> Inspected | None:
    """Check an upload's size and type; the digest and display name when it passes, else ``None``
    with the problems added to ``errors`` under ``field``."""
    stream.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            errors.add(field, f"is larger than the {size_text(max_bytes)} limit")
            stream.seek(0)
            return None
        digest.update(chunk)
    stream.seek(0)
    if size == 0:
        errors.add(field, "is empty; choose a file with something in it")
        return None
    try:
        content_type = sniff_content_type(stream)
    except Refused as exc:
        errors.add(field, str(exc))
        return None
    return Inspected(
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
        display_name=sanitise_file_name(name, content_type),
    )
