"""Fixtures for the API tests: a JSON client that authenticates as any user of the book."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from opencomp.accounts.services import api_token_issue
from opencomp.intake.services import incident_log, injury_report_submit

API = "/api/v1"
ANONYMOUS = "anonymous"


@dataclass
class Reply:
    status: int
    body: Any


@dataclass(frozen=True)
class Upload:
    """A file sent as multipart form data (field ``file``) instead of a JSON body."""

    name: str
    content: bytes
    fields: tuple[tuple[str, str], ...] = ()  # other form fields sent with the file


class ApiClient:
    """Calls the API as a user (by bearer token) or anonymously; bodies are JSON (downloads: bytes)."""

    def __init__(self, tokens: dict[str, str]) -> None:
        self.tokens = tokens
        self.client = Client()

    def call(self, method: str, path: str, *, as_: str = ANONYMOUS, body: Any = None, **query: Any) -> Reply:
        headers = {} if as_ == ANONYMOUS else {"Authorization": f"Bearer {self.tokens[as_]}"}
        url = path if path.startswith("/") else f"{API}/{path}"
        if method == "GET":
            response = self.client.get(url, query, headers=headers)
        elif isinstance(body, Upload):
            upload = SimpleUploadedFile(body.name, body.content, "text/csv")
            response = self.client.post(url, {"file": upload, **dict(body.fields)}, headers=headers)
        else:
            response = self.client.generic(
                method, url, json.dumps(body if body is not None else {}), "application/json", headers=headers
            )
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        is_json = response.get("Content-Type", "").startswith("application/json")
        payload = (json.loads(raw) if is_json else raw) if raw else None  # downloads stay bytes
        return Reply(response.status_code, payload)

    def get(self, path: str, *, as_: str = ANONYMOUS, **query: Any) -> Reply:
        return self.call("GET", path, as_=as_, **query)

    def post(self, path: str, body: Any, *, as_: str = ANONYMOUS) -> Reply:
        return self.call("POST", path, as_=as_, body=body)


@pytest.fixture
def tokens(book) -> dict[str, str]:
    """A raw API token for every user of the book, by role key."""
    return {key: api_token_issue(actor=None, user=user, name="tests")[1] for key, user in book.users.items()}


@pytest.fixture
def api(tokens) -> ApiClient:
    return ApiClient(tokens)


@pytest.fixture
def incident(book):
    """A line of Acme's register of injuries for Maria."""
    return incident_log(
        actor=book.users["employer_coordinator"],
        employer=book.employer,
        worker=book.worker,
        person_name="Maria Lopez",
        occurred_at=dt.datetime(2026, 10, 28, 14, 0, tzinfo=dt.UTC),
        location="Press line 2",
        description="Caught a finger in the press guard.",
        nature_of_injury="Laceration",
        body_part="Finger",
        outcome="medical_treatment",
        reported_by="Line lead",
    )


@pytest.fixture
def report(book):
    """Maria's submitted injury report at Acme, not yet a claim."""
    return injury_report_submit(
        actor=book.users["employer_coordinator"],
        employer=book.employer,
        worker=book.worker,
        jurisdiction="CO",
        injury_date=dt.date(2026, 10, 28),
        location="Press line 2",
        nature_of_injury="Laceration",
        body_part="Finger",
        body_side="left",
        how_it_happened="Caught a finger in the press guard while clearing a jam.",
        reported_to_employer_on=dt.date(2026, 10, 28),
        notifier_name="Maria Lopez",
        notifier_relationship="self",
    )
