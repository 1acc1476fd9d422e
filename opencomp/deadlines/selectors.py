"""Reads of the deadlines context: a claim's obligations, the diary, the team view, timeliness."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.claims.access import claim_queryset_for_user
from opencomp.claims.models import Claim
from opencomp.deadlines.models import Obligation, ObligationStatus, Obligor

#: Roles that see obligations (the people who run claims, and those who oversee them).
DIARY_ROLES = frozenset(
    {
        Role.ADJUSTER,
        Role.SUPERVISOR,
        Role.ADMIN,
        Role.AUDITOR,
        Role.COMPLIANCE_OFFICER,
        Role.POOL_ADMINISTRATOR,
        Role.EMPLOYER_COORDINATOR,
    }
)
DIARY_OBLIGORS = (Obligor.ADMINISTRATOR,)


def user_can_see_obligations(user: User) -> bool:
    return user.is_authenticated and user.role in DIARY_ROLES


def obligation_queryset_for_user(user: User) -> QuerySet[Obligation]:
    """Obligations of the claims ``user`` may see, if their role sees obligations at all."""
    if not user_can_see_obligations(user):
        return Obligation.objects.none()
    return Obligation.objects.filter(claim__in=claim_queryset_for_user(user))


def claim_obligations(claim: Claim) -> list[Obligation]:
    """The claim's obligations: open ones by due time first, then the rest by due date."""
    rows = list(Obligation.objects.filter(claim=claim))
    return sorted(rows, key=lambda o: (o.status != ObligationStatus.OPEN, o.due_at, o.key))


@dataclass
class Diary:
    """Open obligations in three buckets, as of ``now`` (dates in the user's zone)."""

    overdue: list[Obligation] = field(default_factory=list)
    due_today: list[Obligation] = field(default_factory=list)
    next_7_days: list[Obligation] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due_today) + len(self.next_7_days)


def diary_for(user: User, *, now: dt.datetime, today: dt.date, team: bool = False, limit: int = 200) -> Diary:
    """The adjuster's diary (their claims) or, with ``team``, every claim of their organisation.

    Shows the administrator's obligations and the adjuster's own entries; each bucket
    holds at most ``limit`` rows, soonest first.
    """
    rows = obligation_queryset_for_user(user).filter(
        status=ObligationStatus.OPEN, obligor__in=DIARY_OBLIGORS, due_date__lte=today + dt.timedelta(days=7)
    )
    if not team:
        rows = rows.filter(claim__assigned_adjuster=user)
    rows = rows.select_related("claim", "claim__assigned_adjuster", "claim__worker").order_by("due_at", "pk")
    diary = Diary()
    overdue = list(rows.filter(due_at__lt=now)[:limit])
    diary.overdue = overdue
    diary.due_today = list(rows.filter(due_at__gte=now, due_date__lte=today)[:limit])
    diary.next_7_days = list(rows.filter(due_date__gt=today)[:limit])
    return diary


@dataclass(frozen=True)
class TeamLoad:
    adjuster_id: int | None
    adjuster_name: str
    overdue: int
    due_today: int
    next_7_days: int


def team_load(user: User, *, now: dt.datetime, today: dt.date) -> list[TeamLoad]:
    """Per adjuster of the supervisor's claims: open obligations overdue, due today, due in 7 days."""
    rows = (
        obligation_queryset_for_user(user)
        .filter(
            status=ObligationStatus.OPEN,
            obligor__in=DIARY_OBLIGORS,
            due_date__lte=today + dt.timedelta(days=7),
        )
        .values("claim__assigned_adjuster_id")
        .annotate(
            overdue=Count("pk", filter=Q(due_at__lt=now)),
            due_today=Count("pk", filter=Q(due_at__gte=now, due_date__lte=today)),
            next_7=Count("pk", filter=Q(due_date__gt=today)),
        )
    )
    names = {
        u.pk: u.get_full_name() or u.username
        for u in User.objects.filter(
            pk__in=[r["claim__assigned_adjuster_id"] for r in rows if r["claim__assigned_adjuster_id"]]
        )
    }
    out = [
        TeamLoad(
            adjuster_id=r["claim__assigned_adjuster_id"],
            adjuster_name=names.get(r["claim__assigned_adjuster_id"], "Unassigned"),
            overdue=r["overdue"],
            due_today=r["due_today"],
            next_7_days=r["next_7"],
        )
        for r in rows
    ]
    return sorted(out, key=lambda t: (-t.overdue, -t.due_today, t.adjuster_name))


TIMELINESS_GROUPS = {
    "rule": "rule_id",
    "adjuster": "claim__assigned_adjuster_id",
    "administrator": "claim__administrator_id",
}


@dataclass(frozen=True)
class Timeliness:
    """How one rule, adjuster or administrator did on obligations due in the period.

    ``counted`` = done on time + done late + still open past due; waived and
    cancelled obligations, and open ones not yet due, are not counted.
    """

    group: str
    label: str
    counted: int
    on_time: int
    late: int
    overdue: int
    share_on_time: float | None
    median_days_late: float | None


def timeliness(
    user: User,
    *,
    group_by: str,
    due_from: dt.date,
    due_to: dt.date,
    now: dt.datetime,
    jurisdiction: str = "",
) -> list[Timeliness]:
    """Share on time and median days late per ``group_by`` (rule, adjuster or administrator).

    Counts come from one grouped query; the days late of the late and overdue
    obligations (the minority) are read to take their median.

    Raises:
        ValueError: an unknown ``group_by``.
    """
    column = TIMELINESS_GROUPS.get(group_by)
    if column is None:
        raise ValueError(f"group_by must be one of {', '.join(TIMELINESS_GROUPS)}")
    base = obligation_queryset_for_user(user).filter(due_date__gte=due_from, due_date__lte=due_to)
    if jurisdiction:
        base = base.filter(claim__jurisdiction=jurisdiction)
    overdue_q = Q(status=ObligationStatus.OPEN, due_at__lt=now)
    counts = (
        base.values(column)
        .annotate(
            on_time=Count("pk", filter=Q(status=ObligationStatus.SATISFIED)),
            late=Count("pk", filter=Q(status=ObligationStatus.LATE)),
            overdue=Count("pk", filter=overdue_q),
        )
        .order_by(column)
    )
    lateness: dict[object, list[int]] = defaultdict(list)
    for key, status, due_date, satisfied_at in base.filter(
        Q(status=ObligationStatus.LATE) | overdue_q
    ).values_list(column, "status", "due_date", "satisfied_at"):
        done = satisfied_at.date() if status == ObligationStatus.LATE and satisfied_at else now.date()
        lateness[key].append(max(1, (done - due_date).days))
    labels = _labels(group_by, [r[column] for r in counts])
    out = []
    for r in counts:
        counted = r["on_time"] + r["late"] + r["overdue"]
        if not counted:
            continue
        days = lateness.get(r[column], [])
        out.append(
            Timeliness(
                group=str(r[column] or ""),
                label=labels.get(r[column], "Unassigned" if r[column] is None else str(r[column])),
                counted=counted,
                on_time=r["on_time"],
                late=r["late"],
                overdue=r["overdue"],
                share_on_time=r["on_time"] / counted,
                median_days_late=float(statistics.median(days)) if days else None,
            )
        )
    return sorted(out, key=lambda t: (t.share_on_time or 0.0, t.label))


def _labels(group_by: str, keys: list[object]) -> dict[object, str]:
    ids = [k for k in keys if k is not None]
    if group_by == "adjuster":
        return {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=ids)}
    if group_by == "administrator":
        from opencomp.accounts.models import Organisation

        return {o.pk: o.name for o in Organisation.objects.filter(pk__in=ids)}
    return {k: str(k) for k in ids}
