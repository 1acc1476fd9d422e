"""Writes of the accounts context."""

from __future__ import annotations

import secrets

from django.core.mail import send_mail
from django.db import transaction

from opencomp.accounts.enums import OrganisationKind, Role
from opencomp.accounts.models import (
    ApiToken,
    Notification,
    NotificationChannel,
    Organisation,
    User,
    hash_token,
)
from opencomp.core import clock
from opencomp.core.errors import ValidationFailed
from opencomp.core.services import audit_record, full_clean_or_raise


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    kind: str,
    name: str,
    legal_name: str = "",
    identifier: str = "",
    parent: Organisation | None = None,
    claims_administrator: Organisation | None = None,
    jurisdiction: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
) -> Organisation:
    """Create an organisation of any kind; validates the kind-specific links."""
    if kind == OrganisationKind.POOL_MEMBER and (parent is None or parent.kind != OrganisationKind.POOL):
        raise ValidationFailed.for_field("parent", "a pool member must belong to a self-insurance pool")
    if claims_administrator is not None and not claims_administrator.is_administrator:
        raise ValidationFailed.for_field(
            "claims_administrator", "must be an insurer, TPA, pool or self-insured employer"
        )
    org = Organisation(
        kind=kind,
        name=name,
        legal_name=legal_name,
        identifier=identifier,
        parent=parent,
        claims_administrator=claims_administrator,
        jurisdiction=jurisdiction,
        address=address,
        phone=phone,
        email=email,
        created_at=clock.now(),
    )
    full_clean_or_raise(org)
    org.save()
    audit_record(actor=actor, action="organisation.created", obj=org, data={"kind": kind, "name": name})
    return org


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    role: str,
    organisation: Organisation | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Create a login with one role; a password of ``None`` makes an unusable password."""
    if role not in Role.values:
        raise ValidationFailed.for_field("role", f"unknown role {role!r}")
    user = User(
        username=username,
        role=role,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    full_clean_or_raise(user, exclude=["password", "last_login", "date_joined"])
    user.save()
    audit_record(actor=actor, action="user.created", obj=user, data={"username": username, "role": role})
    return user


@transaction.atomic
def api_token_issue(*, actor: User | None, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue an API token; the raw key is returned once and never stored."""
    raw = "oc_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[:10], key_hash=hash_token(raw), created_at=clock.now()
    )
    audit_record(
        actor=actor, action="api_token.issued", obj=token, data={"user": user.username, "name": name}
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="api_token.revoked", obj=token, data={})
    return token


def notification_queue(
    *,
    recipient_name: str,
    recipient_address: str,
    subject: str,
    body: str,
    claim_number: str = "",
    channel: str = NotificationChannel.EMAIL,
    recipient: User | None = None,
) -> Notification:
    """Queue a message; email goes out only after the surrounding transaction commits.

    A portal message with a ``recipient`` user is an in-app notice on their pages.
    """
    notification = Notification.objects.create(
        created_at=clock.now(),
        recipient=recipient,
        channel=channel,
        recipient_name=recipient_name,
        recipient_address=recipient_address,
        subject=subject,
        body=body,
        claim_number=claim_number,
    )
    if channel == NotificationChannel.EMAIL and recipient_address:
        transaction.on_commit(lambda: _notification_send(notification.pk))
    return notification


def _notification_send(notification_id: int) -> None:
    notification = Notification.objects.get(pk=notification_id)
    send_mail(
        notification.subject,
        notification.body,
        None,
        [notification.recipient_address],
        fail_silently=False,
    )
    Notification.objects.filter(pk=notification_id).update(sent_at=clock.now())
