"""Reading issued letters back: the stored PDF's text, and recipients for the issue service."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from pypdf import PdfReader

from opencomp.benefits.calculators.aww import WageLine
from opencomp.letters.models import Letter
from opencomp.letters.services import RecipientInput


def pdf_text(data: bytes) -> str:
    """The text of a PDF file, whitespace collapsed (as a reader would search it)."""
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def stored_text(letter: Letter) -> str:
    with letter.document.file.open("rb") as handle:
        return pdf_text(handle.read())


def worker_and_employer(*, email: str = "") -> list[RecipientInput]:
    """The worker (by e-mail if ``email``, else by mail) and the employer by certified mail."""
    worker = (
        RecipientInput("worker", "Maria Lopez", "email", email=email)
        if email
        else RecipientInput("worker", "Maria Lopez", "mail", address="12 Elm Street\nDenver CO 80202")
    )
    employer = RecipientInput(
        "employer",
        "Acme Manufacturing",
        "certified_mail",
        address="1 Plant Road",
        tracking_number="9407 1000",
    )
    return [worker, employer]


def weekly_lines(first: dt.date, count: int, amount: str) -> tuple[WageLine, ...]:
    """``count`` consecutive weeks of earnings from ``first``, each ``amount``."""
    return tuple(
        WageLine(
            period_start=first + dt.timedelta(days=7 * i),
            period_end=first + dt.timedelta(days=7 * i + 6),
            amount=Decimal(amount),
        )
        for i in range(count)
    )
