"""Reads of the deadlines context: a claim's obligations, the diary, the team view, timeliness.

Also the reads behind the in-app notices (``Notification`` rows addressed to a user):
the escalations this context sends are what fills them.

Buckets of the diary, as of ``now`` and ``today`` (the user's date):

    overdue       open and past its due time
    due_today     open, not yet past its due time, due on or before today
    next_7_days   open, due after today and at most 7 days from today

They are disjoint, and together they are every open obligation due by ``today + 7``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet

from opencomp.accounts.access import is_admin, is_supervisor
from opencomp.accounts.enums import Role
from opencomp.accounts.models import Notification, Organisation, User
from opencomp.claims.access import claim_queryset_for_user
from opencomp.claims.models import Claim
from opencomp.core.errors import NotFound
from opencomp.deadlines import packs
from opencomp.deadlines.models import Obligation, ObligationStatus, Obligor
from opencomp.jurisdictions import JURISDICTIONS

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
#: Roles with claims of their own (the "Mine" diary).
OWN_DIARY_ROLES = frozenset({Role.ADJUSTER, Role.SUPERVISOR})
#: Roles that oversee how timely an administrator's staff are.
TIMELINESS_ROLES = frozenset(
    {Role.SUPERVISOR, Role.AUDITOR, Role.COMPLIANCE_OFFICER, Role.POOL_ADMINISTRATOR, Role.ADMIN}
)
DIARY_OBLIGORS = (Obligor.ADMINISTRATOR,)
#: The employer's WC / RTW coordinator works the employer's obligations, not the adjuster's.
EMPLOYER_OBLIGORS = (Obligor.EMPLOYER,)

OVERDUE, DUE_TODAY, NEXT_7_DAYS = "overdue", "due_today", "next_7_days"
BUCKETS = (OVERDUE, DUE_TODAY, NEXT_7_DAYS)
BUCKET_LABELS = {OVERDUE: "Overdue", DUE_TODAY: "Due today", NEXT_7_DAYS: "Next 7 days"}
HORIZON_DAYS = 7
#: ``DiaryFilters.adjuster_id`` for "claims with no adjuster".
UNASSIGNED = 0


# Who sees what --------------------------------------------------------------------------------


def user_can_see_obligations(user: User) -> bool:
    return user.is_authenticated and user.role in DIARY_ROLES


def user_has_own_diary(user: User) -> bool:
    """Adjusters and supervisors have claims assigned to them: a "Mine" diary."""
    return user.is_authenticated and user.role in OWN_DIARY_ROLES


def user_can_see_team_load(user: User) -> bool:
    """Supervisors (and administrators) see the load of every adjuster of their claims."""
    return user_can_see_obligations(user) and is_supervisor(user)


def user_can_see_timeliness(user: User) -> bool:
    return user.is_authenticated and (user.role in TIMELINESS_ROLES or is_admin(user))


def diary_obligors_for(user: User) -> tuple[str, ...]:
    """Whose obligations the diary lists: the employer's for its coordinator, else the administrator's."""
    return EMPLOYER_OBLIGORS if user.role == Role.EMPLOYER_COORDINATOR else DIARY_OBLIGORS


def obligation_queryset_for_user(user: User) -> QuerySet[Obligation]:
    """Obligations of the claims ``user`` may see, if their role sees obligations at all."""
    if not user_can_see_obligations(user):
        return Obligation.objects.none()
    return Obligation.objects.filter(claim__in=claim_queryset_for_user(user))


def claim_obligations(claim: Claim) -> list[Obligation]:
    """The claim's obligations: open ones by due time first, then the rest by due date."""
    rows = list(Obligation.objects.filter(claim=claim))
    return sorted(rows, key=lambda o: (o.status != ObligationStatus.OPEN, o.due_at, o.key))


# The diary ------------------------------------------------------------------------------------


@dataclass
class Diary:
    """Open obligations in three buckets, as of ``now`` (dates in the user's zone)."""

    overdue: list[Obligation] = field(default_factory=list)
    due_today: list[Obligation] = field(default_factory=list)
    next_7_days: list[Obligation] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due_today) + len(self.next_7_days)


@dataclass(frozen=True)
class DiaryFilters:
    """Which open obligations a diary lists.

    ``team`` widens "assigned to me" to every claim the user sees; ``adjuster_id``
    (team only) narrows it to one adjuster's claims, ``UNASSIGNED`` to claims with none;
    ``bucket`` is one of ``BUCKETS`` or empty for all three.
    """

    team: bool = False
    bucket: str = ""
    adjuster_id: int | None = None
    jurisdiction: str = ""
    rule_id: str = ""


@dataclass(frozen=True)
class DiaryCounts:
    overdue: int = 0
    due_today: int = 0
    next_7_days: int = 0

    @property
    def total(self) -> int:
        return self.overdue + self.due_today + self.next_7_days

    def of(self, bucket: str) -> int:
        return int(getattr(self, bucket)) if bucket in BUCKETS else self.total


def bucket_q(bucket: str, *, now: dt.datetime, today: dt.date) -> Q:
    """The condition for one bucket (see the module docstring)."""
    if bucket == OVERDUE:
        return Q(due_at__lt=now)
    if bucket == DUE_TODAY:
        return Q(due_at__gte=now, due_date__lte=today)
    if bucket == NEXT_7_DAYS:
        return Q(due_at__gte=now, due_date__gt=today)
    raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}")


def bucket_of(obligation: Obligation, *, now: dt.datetime, today: dt.date) -> str:
    """The bucket an open obligation of the diary falls in."""
    if obligation.due_at < now:
        return OVERDUE
    return DUE_TODAY if obligation.due_date <= today else NEXT_7_DAYS


def _diary_base(user: User, *, today: dt.date, filters: DiaryFilters) -> QuerySet[Obligation]:
    rows = obligation_queryset_for_user(user).filter(
        status=ObligationStatus.OPEN,
        obligor__in=diary_obligors_for(user),
        due_date__lte=today + dt.timedelta(days=HORIZON_DAYS),
    )
    if not filters.team:
        rows = rows.filter(claim__assigned_adjuster=user)
    elif filters.adjuster_id == UNASSIGNED:
        rows = rows.filter(claim__assigned_adjuster__isnull=True)
    elif filters.adjuster_id is not None:
        rows = rows.filter(claim__assigned_adjuster_id=filters.adjuster_id)
    if filters.jurisdiction:
        rows = rows.filter(claim__jurisdiction=filters.jurisdiction)
    if filters.rule_id:
        rows = rows.filter(rule_id=filters.rule_id)
    return rows


def diary_queryset(
    user: User, *, now: dt.datetime, today: dt.date, filters: DiaryFilters | None = None
) -> QuerySet[Obligation]:
    """The diary's rows (one bucket, or all three), soonest first, ready to paginate."""
    filters = filters or DiaryFilters()
    rows = _diary_base(user, today=today, filters=filters)
    if filters.bucket:
        rows = rows.filter(bucket_q(filters.bucket, now=now, today=today))
    return rows.select_related("claim", "claim__assigned_adjuster", "claim__worker").order_by("due_at", "pk")


def diary_counts(
    user: User, *, now: dt.datetime, today: dt.date, filters: DiaryFilters | None = None
) -> DiaryCounts:
    """How many rows each bucket holds under ``filters`` (its ``bucket`` is ignored), in one query."""
    filters = filters or DiaryFilters()
    totals = _diary_base(user, today=today, filters=filters).aggregate(
        **{b: Count("pk", filter=bucket_q(b, now=now, today=today)) for b in BUCKETS}
    )
    return DiaryCounts(**{b: totals[b] or 0 for b in BUCKETS})


def diary_for(user: User, *, now: dt.datetime, today: dt.date, team: bool = False, limit: int = 200) -> Diary:
    """The adjuster's diary (their claims) or, with ``team``, every claim of their organisation.

    Shows the administrator's obligations (an employer coordinator: the employer's);
    each bucket holds at most ``limit`` rows, soonest first.
    """
    lists = {
        bucket: list(
            diary_queryset(user, now=now, today=today, filters=DiaryFilters(team=team, bucket=bucket))[:limit]
        )
        for bucket in BUCKETS
    }
    return Diary(**lists)


def due_is_timed(obligation: Obligation) -> bool:
    """True for an hour rule: its due time is a moment, not the end of its due date."""
    jurisdiction = JURISDICTIONS.get(obligation.claim.jurisdiction)
    zone = ZoneInfo(jurisdiction.time_zone) if jurisdiction else dt.UTC
    return obligation.due_at.astimezone(zone).time() != dt.time.max


def days_overdue(obligation: Obligation, *, now: dt.datetime, today: dt.date) -> int | None:
    """Calendar days past the due date (at least 1) for an overdue obligation, else ``None``."""
    if obligation.status != ObligationStatus.OPEN or obligation.due_at >= now:
        return None
    return max(1, (today - obligation.due_date).days)


def diary_rule_choices(user: User) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rules a diary filter can name, grouped by jurisdiction (common rules last)."""
    obligors = set(diary_obligors_for(user))
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    common: dict[str, str] = {}
    for code in sorted(JURISDICTIONS):
        own = []
        for rule in packs.pack(code).rules:
            if rule.obligor not in obligors:
                continue
            if rule.id.startswith(f"{code.lower()}."):
                own.append((rule.id, rule.title))
            else:
                common[rule.id] = rule.title
        if own:
            groups.append((JURISDICTIONS[code].name, own))
    if common:
        groups.append(("All jurisdictions", sorted(common.items())))
    return groups


def diary_adjusters(user: User) -> QuerySet[User]:
    """Whom a supervisor's diary and team view can filter by.

    Their organisation's active claims staff (everyone's, for an administrator), and
    anyone still assigned to a claim the user sees.
    """
    staff = Q(role__in=[Role.ADJUSTER, Role.SUPERVISOR], is_active=True)
    if not is_admin(user):
        staff &= Q(organisation_id=user.organisation_id)
    assigned = claim_queryset_for_user(user).filter(assigned_adjuster__isnull=False)
    return User.objects.filter(staff | Q(pk__in=assigned.values("assigned_adjuster_id"))).order_by(
        "last_name", "first_name", "pk"
    )


# The team view --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamLoad:
    adjuster_id: int | None
    adjuster_name: str
    overdue: int
    due_today: int
    next_7_days: int

    @property
    def total(self) -> int:
        return self.overdue + self.due_today + self.next_7_days


def _name(user: User) -> str:
    return user.get_full_name() or user.username


def team_load(user: User, *, now: dt.datetime, today: dt.date, include_idle: bool = False) -> list[TeamLoad]:
    """Per adjuster of the supervisor's claims: open obligations overdue, due today, due in 7 days.

    Sorted by overdue, then due today (most first), then name. With ``include_idle``
    the organisation's adjusters with nothing due are listed too, with zeros.
    """
    rows = list(
        _diary_base(user, today=today, filters=DiaryFilters(team=True))
        .values("claim__assigned_adjuster_id")
        .annotate(**{b: Count("pk", filter=bucket_q(b, now=now, today=today)) for b in BUCKETS})
        .order_by()
    )
    counted = {r["claim__assigned_adjuster_id"] for r in rows}
    people = {u.pk: u for u in User.objects.filter(pk__in=[pk for pk in counted if pk is not None])}
    if include_idle:
        people.update({u.pk: u for u in diary_adjusters(user) if u.pk not in counted})
        rows += [
            {"claim__assigned_adjuster_id": pk, OVERDUE: 0, DUE_TODAY: 0, NEXT_7_DAYS: 0}
            for pk in people
            if pk not in counted
        ]
    out = [
        TeamLoad(
            adjuster_id=r["claim__assigned_adjuster_id"],
            adjuster_name=_name(people[r["claim__assigned_adjuster_id"]])
            if r["claim__assigned_adjuster_id"] in people
            else "Unassigned",
            overdue=r[OVERDUE],
            due_today=r[DUE_TODAY],
            next_7_days=r[NEXT_7_DAYS],
        )
        for r in rows
    ]
    return sorted(out, key=lambda t: (-t.overdue, -t.due_today, -t.next_7_days, t.adjuster_name))


# Timeliness -----------------------------------------------------------------------------------

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

    @property
    def percent_on_time(self) -> float | None:
        return None if self.share_on_time is None else self.share_on_time * 100


def timeliness(
    user: User,
    *,
    group_by: str,
    due_from: dt.date,
    due_to: dt.date,
    now: dt.datetime,
    jurisdiction: str = "",
    obligors: Iterable[str] | None = None,
) -> list[Timeliness]:
    """Share on time and median days late per ``group_by`` (rule, adjuster or administrator).

    Counts come from one grouped query; the days late of the late and overdue
    obligations (the minority) are read to take their median. ``obligors`` limits
    the count to those parties' obligations (all of them when not given).

    Raises:
        ValueError: an unknown ``group_by``.
    """
    column = TIMELINESS_GROUPS.get(group_by)
    if column is None:
        raise ValueError(f"group_by must be one of {', '.join(TIMELINESS_GROUPS)}")
    base = obligation_queryset_for_user(user).filter(due_date__gte=due_from, due_date__lte=due_to)
    if jurisdiction:
        base = base.filter(claim__jurisdiction=jurisdiction)
    if obligors is not None:
        base = base.filter(obligor__in=list(obligors))
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
    counts = list(counts)
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
        return {u.pk: _name(u) for u in User.objects.filter(pk__in=ids)}
    if group_by == "administrator":
        return {o.pk: o.name for o in Organisation.objects.filter(pk__in=ids)}
    return {k: rule_title(str(k)) for k in ids}


def rule_title(rule_id: str) -> str:
    """The rule's title from its jurisdiction's pack (the rule id if no pack has it)."""
    for code in sorted(JURISDICTIONS):
        try:
            return packs.pack(code).rule(rule_id).title
        except KeyError:
            continue
    return rule_id


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last 12 months up to and including ``today``."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = dt.date(today.year - 1, 3, 1) - dt.timedelta(days=1)
    return year_ago + dt.timedelta(days=1), today


# In-app notices -------------------------------------------------------------------------------


def user_can_see_notices(user: User) -> bool:
    """The notices page belongs with the diary: the same roles have it."""
    return user_can_see_obligations(user)


def notices_for(user: User) -> QuerySet[Notification]:
    """The user's in-app notices, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notice_unread_count(user: User) -> int:
    if not user_can_see_notices(user):
        return 0
    return notices_for(user).filter(read_at__isnull=True).count()


def notice_get_for_user(*, user: User, notice_id: int) -> Notification:
    """The user's own notice, or ``NotFound`` (someone else's notice is not revealed)."""
    notice = notices_for(user).filter(pk=notice_id).first()
    if notice is None:
        raise NotFound(f"Notice {notice_id} was not found.")
    return notice


def obligations_started_by(claim: Claim, seqs: Iterable[int]) -> dict[int, Obligation]:
    """For each of ``seqs`` (events of ``claim``), the obligation it started (the earliest due), if any."""
    found: dict[int, Obligation] = {}
    rows = Obligation.objects.filter(claim=claim, trigger_seq__in=list(seqs)).order_by("due_at", "pk")
    for obligation in rows:
        found.setdefault(obligation.trigger_seq, obligation)
    return found
