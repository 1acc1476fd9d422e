"""Organisations, users, tokens."""

from __future__ import annotations

import pytest

from opencomp.accounts.models import ApiToken, Organisation, hash_token
from opencomp.accounts.services import api_token_issue, api_token_revoke, organisation_create, user_create
from opencomp.core.errors import ValidationFailed


def test_pool_member_must_belong_to_a_pool(book):
    with pytest.raises(ValidationFailed) as exc:
        organisation_create(actor=None, kind="pool_member", name="Orphan Town", parent=book.insurer)
    assert exc.value.errors[0].field == "parent"
    assert not Organisation.objects.filter(name="Orphan Town").exists()


def test_regulator_needs_a_jurisdiction(book):
    with pytest.raises(ValidationFailed):
        organisation_create(actor=None, kind="regulator", name="Nowhere Board")


def test_claims_administrator_must_administer_claims(book):
    with pytest.raises(ValidationFailed) as exc:
        organisation_create(
            actor=None, kind="employer", name="Shop", claims_administrator=book.other_employer
        )
    assert exc.value.errors[0].field == "claims_administrator"


def test_unknown_role_is_refused(book):
    with pytest.raises(ValidationFailed) as exc:
        user_create(actor=None, username="x", password="pw-long-enough", role="wizard")
    assert exc.value.errors[0].field == "role"


@pytest.mark.smoke
def test_token_is_stored_hashed_and_can_be_revoked(book):
    token, raw = api_token_issue(actor=book.users["admin"], user=book.users["adjuster"], name="intake script")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_token(raw)
    assert raw not in (stored.key_hash, stored.prefix)
    assert raw.startswith(stored.prefix)
    api_token_revoke(actor=book.users["admin"], token=token)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
