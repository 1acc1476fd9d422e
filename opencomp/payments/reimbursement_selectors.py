"""Reads of wage reimbursement schedules (WRS): a claim's, one, and the book-wide queue.

Who sees them: the claim's employer's people (their own workers' claims only), and
everyone who sees the claim's financials (claims staff, auditors, the regulator…);
never the worker or a treating provider. The queue lists the schedules still to be
decided or paid on the claims the user may see, with the day the NSW rule
``nsw.wrs_reimbursement`` says they are due (ten business days from receipt).
"""

from __future__ import annotations

from django.db.models import DateField, OuterRef, QuerySet, Subquery

from opencomp.accounts.access import is_employer_user
from opencomp.accounts.models import User
from opencomp.claims.access import claim_queryset_for_user, user_can_view_claim
from opencomp.claims.models import Claim
from opencomp.core.errors import NotFound
from opencomp.deadlines.models import Obligation
from opencomp.payments.access import NO_FINANCIALS, user_can_view_financials
from opencomp.payments.models_reimbursements import ReimbursementStatus, WageReimbursement

#: The rule that gives a schedule its due date (rule pack ``nsw.yaml``).
RULE_ID = "nsw.wrs_reimbursement"


def user_can_view_reimbursements(user: User, claim: Claim) -> bool:
    """The claim's employer's people and whoever sees its financials (the caller checked visibility)."""
    if is_employer_user(user):
        return bool(user.organisation_id and user.organisation_id == claim.employer_id)
    return user_can_view_financials(user, claim)


def user_can_view_reimbursement_queue(user: User) -> bool:
    """Everyone signed in but workers and treating providers (the queue is scoped to their claims)."""
    return bool(user.is_authenticated and user.role not in NO_FINANCIALS)


def _with_due(qs: QuerySet[WageReimbursement]) -> QuerySet[WageReimbursement]:
    due = Obligation.objects.filter(
        claim_id=OuterRef("claim_id"), rule_id=RULE_ID, trigger_seq=OuterRef("submitted_seq")
    ).values("due_date")[:1]
    return qs.annotate(due_date=Subquery(due, output_field=DateField()))


def reimbursement_list(*, claim: Claim) -> QuerySet[WageReimbursement]:
    """The claim's schedules, newest received first, with their weeks and due dates."""
    qs = WageReimbursement.objects.filter(claim=claim).select_related("claim", "employer")
    return _with_due(qs).prefetch_related("weeks").order_by("-received_on", "-pk")


def reimbursement_get_for_user(*, pk: int, user: User) -> WageReimbursement:
    """One schedule, or ``NotFound`` both when it is missing and when the user may not see it."""
    reimbursement = (
        _with_due(WageReimbursement.objects.select_related("claim", "employer", "submitted_by", "decided_by"))
        .filter(pk=pk)
        .first()
    )
    if reimbursement is None or not user_can_view_claim(user, reimbursement.claim):
        raise NotFound(f"Wage reimbursement schedule {pk} was not found.")
    return reimbursement


def reimbursement_read(*, pk: int) -> WageReimbursement:
    """One schedule with its due date, for a caller already allowed to see it."""
    return _with_due(WageReimbursement.objects.select_related("claim", "employer")).get(pk=pk)


def reimbursement_queue(*, user: User, status: str | None = None) -> QuerySet[WageReimbursement]:
    """Schedules still to be decided or paid on the claims ``user`` sees, the soonest due first.

    Workers and providers see none; employer users see their own organisation's.
    """
    qs = WageReimbursement.objects.filter(claim__in=claim_queryset_for_user(user))
    if not user_can_view_reimbursement_queue(user):
        qs = qs.none()
    statuses = [status] if status else ReimbursementStatus.open_values()
    qs = qs.filter(status__in=statuses).select_related("claim", "employer")
    return _with_due(qs).order_by("due_date", "received_on", "pk")
