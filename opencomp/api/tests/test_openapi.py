"""The OpenAPI document: committed, complete, and every operation documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opencomp.api.export_openapi import COMMAND, openapi_document

COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def operations() -> list[tuple[str, str, dict]]:
    schema = json.loads(openapi_document())
    return [(method.upper(), path, op) for path, ops in schema["paths"].items() for method, op in ops.items()]


@pytest.mark.smoke
def test_committed_openapi_document_is_current():
    current = openapi_document()

    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""

    assert committed == current, f"docs/openapi.json is out of date with the API; refresh it with: {COMMAND}"


@pytest.mark.smoke
def test_every_operation_has_a_summary_tags_an_id_and_documented_errors():
    ids = []
    for method, path, op in operations():
        name = f"{method} {path}"
        assert op.get("summary"), name
        assert op.get("tags"), name
        ids.append(op["operationId"])
        errors = {code: r for code, r in op["responses"].items() if int(code) >= 400}
        if path.endswith("/health"):
            assert not errors, name
            continue
        assert "401" in errors, name
        for code, response in errors.items():
            assert response["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorOut"
            }
            assert not response["description"].startswith(("Bad Request", "Unauthorized")), (name, code)
        if method == "POST":
            assert "400" in errors, name
        if "{" in path:
            assert "404" in errors, name
    assert len(ids) == len(set(ids)), "operation ids must be unique"


def test_document_is_valid_json_with_security_schemes():
    schema = json.loads(openapi_document())

    assert set(schema["components"]["securitySchemes"]) == {"BearerToken", "Session"}
    assert schema["components"]["securitySchemes"]["BearerToken"] == {"type": "http", "scheme": "bearer"}
