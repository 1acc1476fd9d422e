"""Authentication: bearer tokens, sessions with CSRF, and the one open endpoint."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from opencomp.accounts.services import api_token_issue, api_token_revoke
from opencomp.api.tests.bodies import claim_body
from opencomp.api.tests.conftest import API
from opencomp.claims.models import Claim


@pytest.mark.smoke
def test_health_needs_no_credentials_and_no_database(client):
    # No ``db`` fixture: any database access in the request would raise.
    response = client.get(f"{API}/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.smoke
def test_anonymous_request_gets_401_in_the_error_shape(db, client):
    response = client.get(f"{API}/claims")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json() == {
        "message": "Authentication required: send 'Authorization: Bearer <token>' or log in.",
        "errors": [],
    }


def test_token_authenticates_in_one_query_and_writes_nothing(book, client):
    # given
    _, raw = api_token_issue(actor=None, user=book.users["adjuster"], name="integration")

    # when
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{API}/claims/{book.claim.number}", headers={"Authorization": f"Bearer {raw}"})

    # then
    assert response.status_code == 200
    assert response.json()["number"] == book.claim.number
    sql = [q["sql"] for q in queries.captured_queries]
    token_queries = [s for s in sql if "accounts_apitoken" in s]
    assert len(token_queries) == 1
    assert len(sql) == 2  # the token (with its user) and the claim
    assert not [s for s in sql if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


@pytest.mark.parametrize(
    ("_case", "header"),
    [
        ("unknown token", "Bearer oc_not-a-real-token"),
        ("not our prefix", "Bearer abc"),
        ("wrong scheme", "Token oc_whatever"),
        ("empty", "Bearer "),
    ],
)
def test_bad_credentials_get_401(book, client, _case, header):
    response = client.get(f"{API}/claims", headers={"Authorization": header})

    assert response.status_code == 401
    assert response.json()["errors"] == []


def test_revoked_token_gets_401(book, client):
    # given
    token, raw = api_token_issue(actor=None, user=book.users["adjuster"], name="laptop")
    auth = {"Authorization": f"Bearer {raw}"}
    assert client.get(f"{API}/claims", headers=auth).status_code == 200

    # when
    api_token_revoke(actor=book.users["admin"], token=token)

    # then
    assert client.get(f"{API}/claims", headers=auth).status_code == 401


def test_token_of_deactivated_user_gets_401(book, client):
    user = book.users["adjuster"]
    _, raw = api_token_issue(actor=None, user=user, name="laptop")
    user.is_active = False
    user.save(update_fields=["is_active"])

    response = client.get(f"{API}/claims", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401


def test_session_authenticates_reads(book):
    client = Client(enforce_csrf_checks=True)
    client.force_login(book.users["employer_coordinator"])

    response = client.get(f"{API}/claims/{book.claim.number}")

    assert response.status_code == 200


def test_session_write_without_csrf_token_is_refused_and_writes_nothing(book):
    # given
    client = Client(enforce_csrf_checks=True)
    client.force_login(book.users["adjuster"])
    before = Claim.objects.count()

    # when
    response = client.post(f"{API}/claims", json.dumps(claim_body(book)), content_type="application/json")

    # then
    assert response.status_code == 403
    assert response.json()["message"].startswith("CSRF check failed")
    assert Claim.objects.count() == before


def test_session_write_with_csrf_token_is_accepted(book):
    # given
    client = Client(enforce_csrf_checks=True)
    client.force_login(book.users["adjuster"])
    secret = "a" * 32
    client.cookies["csrftoken"] = secret

    # when
    response = client.post(
        f"{API}/claims",
        json.dumps(claim_body(book)),
        content_type="application/json",
        headers={"X-CSRFToken": secret},
    )

    # then
    assert response.status_code == 201
    assert Claim.objects.filter(number=response.json()["number"]).exists()


def test_bearer_token_write_needs_no_csrf_token(book, api):
    reply = api.post("claims", claim_body(book), as_="adjuster")

    assert reply.status == 201


@pytest.mark.smoke
def test_openapi_document_and_docs_are_served(db, client):
    schema = client.get(f"{API}/openapi.json")
    docs = client.get(f"{API}/docs")

    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "OpenComp API"
    assert docs.status_code == 200
