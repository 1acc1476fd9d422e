"""Writes on the in-app notices: a recipient marks their notices read.

The notices are ``accounts.Notification`` rows addressed to a user (``recipient``);
this context's escalations are what sends them. Only the recipient may mark a notice:
to anyone else it does not exist. Each change writes an audit entry in the same
transaction, so who acknowledged an escalation, and when, stays on record.
"""

from __future__ import annotations

from django.db import transaction

from opencomp.accounts.models import Notification, User
from opencomp.core import clock
from opencomp.core.errors import NotFound
from opencomp.core.services import audit_record


@transaction.atomic
def notice_mark_read(*, actor: User, notice: Notification) -> Notification:
    """Mark ``notice`` read (once: a notice already read keeps its first ``read_at``).

    Raises:
        NotFound: ``actor`` is not the notice's recipient.
    """
    if not actor.is_authenticated or notice.recipient_id != actor.pk:
        raise NotFound(f"Notice {notice.pk} was not found.")
    locked = Notification.objects.select_for_update().get(pk=notice.pk)
    if locked.read_at is None:
        locked.read_at = clock.now()
        locked.save(update_fields=["read_at"])
        audit_record(actor=actor, action="notice.read", obj=locked, data={"subject": locked.subject})
    notice.read_at = locked.read_at
    return notice


@transaction.atomic
def notices_mark_all_read(*, actor: User) -> int:
    """Mark every unread notice of ``actor`` read; return how many were marked."""
    if not actor.is_authenticated:
        return 0
    unread = Notification.objects.select_for_update().filter(recipient=actor, read_at__isnull=True)
    ids = sorted(unread.values_list("pk", flat=True))
    if not ids:
        return 0
    Notification.objects.filter(pk__in=ids).update(read_at=clock.now())
    audit_record(actor=actor, action="notices.read_all", obj=actor, data={"notices": ids})
    return len(ids)
