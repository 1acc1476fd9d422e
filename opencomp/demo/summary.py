"""What ``seed-demo`` prints at the end: the book by status and jurisdiction, and the logins."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from opencomp.accounts.enums import Role
from opencomp.accounts.models import User
from opencomp.claims import lifecycle
from opencomp.claims.access import claim_queryset_for_user
from opencomp.claims.enums import ClaimStatus
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.deadlines.models import Obligation, ObligationStatus
from opencomp.deadlines.selectors import diary_for
from opencomp.demo import DEMO_PASSWORD, DEMO_USERS
from opencomp.intake.models import Incident, InjuryReport
from opencomp.jurisdictions import JURISDICTIONS


def book_table() -> list[str]:
    """Claims by status (rows) and jurisdiction (columns)."""
    codes = sorted(JURISDICTIONS)
    counts: dict[tuple[str, str], int] = {}
    for row in Claim.objects.values("status", "jurisdiction").annotate(n=Count("id")).order_by():
        counts[(row["status"], row["jurisdiction"])] = row["n"]
    width = 24
    lines = [f"{'Status':<{width}}" + "".join(f"{c:>8}" for c in codes) + f"{'Total':>9}"]
    lines.append("-" * len(lines[0]))
    col_totals = dict.fromkeys(codes, 0)
    for status in lifecycle.STATUSES:
        cells = [counts.get((status, c), 0) for c in codes]
        for c, n in zip(codes, cells, strict=True):
            col_totals[c] += n
        label = ClaimStatus(status).label
        lines.append(f"{label:<{width}}" + "".join(f"{n:>8,}" for n in cells) + f"{sum(cells):>9,}")
    lines.append("-" * len(lines[0]))
    lines.append(
        f"{'Total':<{width}}"
        + "".join(f"{col_totals[c]:>8,}" for c in codes)
        + f"{sum(col_totals.values()):>9,}"
    )
    return lines


def totals_line() -> str:
    first_aid = Incident.objects.filter(outcome__in=["first_aid_only", "no_treatment"]).count()
    reports = dict(InjuryReport.objects.values_list("status").annotate(n=Count("id")).order_by())
    return (
        f"{ClaimEvent.objects.count():,} claim events; {Incident.objects.count():,} incident-log entries "
        f"({first_aid:,} first aid / no "
        f"treatment); injury reports: {reports.get('submitted', 0):,} awaiting a claim, "
        f"{reports.get('converted', 0):,} converted, {reports.get('withdrawn', 0):,} withdrawn."
    )


def logins_table() -> list[str]:
    """One line per demo login: role, username, organisation, claims they can see."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=DEMO_USERS.values()).select_related("organisation")
    }
    rows = [("Role", "Username", "Organisation", "Sees")]
    for role, username in DEMO_USERS.items():
        user = users.get(username)
        if user is None:
            continue
        seen = claim_queryset_for_user(user).count()
        rows.append(
            (
                Role(role).label,
                username,
                user.organisation.name if user.organisation else "-",
                f"{seen:,} claims",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    lines.append(f"Password for every demo login: {DEMO_PASSWORD}")
    return lines


def deadlines_lines(now: dt.datetime, today: dt.date) -> list[str]:
    """Obligations of the whole book and of the demo adjuster, and the adjuster's diary."""

    def counts(rows: QuerySet[Obligation]) -> dict[str, int]:
        opened = Q(status=ObligationStatus.OPEN)
        totals: dict[str, int] = rows.aggregate(
            total=Count("pk"),
            open=Count("pk", filter=opened),
            overdue=Count("pk", filter=opened & Q(due_at__lt=now)),
            escalated=Count("pk", filter=opened & Q(escalated_seq__isnull=False)),
            late=Count("pk", filter=Q(status=ObligationStatus.LATE)),
        )
        return totals

    book = counts(Obligation.objects.all())
    lines = [
        f"Deadlines: {book['total']:,} obligations; {book['open']:,} open, {book['overdue']:,} overdue "
        f"({book['escalated']:,} escalated to a supervisor), {book['late']:,} done late."
    ]
    adjuster = User.objects.filter(username=DEMO_USERS["adjuster"]).first()
    if adjuster is not None:
        mine = counts(Obligation.objects.filter(claim__assigned_adjuster=adjuster))
        diary = diary_for(adjuster, now=now, today=today, limit=100_000)
        lines.append(
            f"Demo adjuster ({adjuster.username}): {mine['open']:,} open, {mine['overdue']:,} overdue "
            f"({mine['escalated']:,} escalated); diary: {len(diary.overdue)} overdue, "
            f"{len(diary.due_today)} due today, {len(diary.next_7_days)} in the next 7 days."
        )
    return lines
