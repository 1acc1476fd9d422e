"""Small files of every kind the upload check meets, built in memory."""

from __future__ import annotations

import io
import zipfile

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
TIFF_LE = b"II*\x00\x08\x00\x00\x00" + b"\x00" * 20
TIFF_BE = b"MM\x00*\x00\x00\x00\x08" + b"\x00" * 20
TEXT = "Spoke to the worker; back at work Monday. Café au lait — ok.\n".encode()


def zip_of(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX = zip_of("[Content_Types].xml", "word/document.xml")
ZIP = zip_of("notes.txt", "payroll.csv")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 50
SCRIPT = b"#!/bin/sh\nrm -rf /\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
BARE_SVG = b'  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
GZIP = b"\x1f\x8b\x08\x00" + b"\x00" * 20
BINARY = b"\x00\x01\x02\x03garbage\x00"
LATIN1 = "Caf\xe9 r\xe9sum\xe9".encode("latin-1")
