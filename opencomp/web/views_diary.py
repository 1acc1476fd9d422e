"""The diary pages: the adjuster's diary, the supervisor's team load, timeliness, in-app notices.

Thin like ``views``: a filter form parses the query string, a selector of
``deadlines.selectors`` reads, a service of ``deadlines.notices`` writes. Roles
without a diary (workers, providers, employer supervisors) get a 403 on every page;
someone else's notice is a 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from opencomp.accounts.models import User
from opencomp.core import clock
from opencomp.deadlines import selectors as diary
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.notices import notice_mark_read, notices_mark_all_read
from opencomp.jurisdictions import choices as jurisdiction_choices
from opencomp.web.errors import application_errors, require
from opencomp.web.forms import ANY, WebForm, date_input

PAGE_SIZE = 25
#: Rows per bucket in the work queue's diary; the rest are behind "Show all".
PREVIEW_ROWS = 5
SCOPE_MINE, SCOPE_TEAM = "mine", "team"
NO_DIARY = "Your role has no diary."


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


def _query(params: QueryDict, **changes: str | None) -> str:
    """``params`` with ``changes`` applied (``None`` drops a key), as ``?…``; never keeps ``page``."""
    query = params.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""


# Rows -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiaryRow:
    """One open obligation as the diary tables show it."""

    obligation: Obligation
    bucket: str
    timed: bool
    days_overdue: int | None

    @property
    def bucket_label(self) -> str:
        return diary.BUCKET_LABELS[self.bucket]


def _rows(obligations: list[Obligation], *, now: dt.datetime, today: dt.date) -> list[DiaryRow]:
    return [
        DiaryRow(
            obligation=o,
            bucket=diary.bucket_of(o, now=now, today=today),
            timed=diary.due_is_timed(o),
            days_overdue=diary.days_overdue(o, now=now, today=today),
        )
        for o in obligations
    ]


def _scopes(user: User) -> list[tuple[str, str]]:
    """The diaries a user can choose between: their own, and their organisation's for a supervisor."""
    if not diary.user_has_own_diary(user):
        return [(SCOPE_TEAM, "All claims")]
    if diary.user_can_see_team_load(user):
        return [(SCOPE_MINE, "Mine"), (SCOPE_TEAM, "Team")]
    return [(SCOPE_MINE, "Mine")]


# The diary on the work queue --------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewBucket:
    key: str
    label: str
    count: int
    rows: list[DiaryRow]
    all_url: str


@dataclass(frozen=True)
class DiaryPreview:
    scope: str
    scope_links: list[tuple[str, str, str]]  # (value, label, url)
    buckets: list[PreviewBucket]
    total: int
    diary_url: str

    @property
    def team(self) -> bool:
        return self.scope == SCOPE_TEAM


def diary_preview(request: HttpRequest) -> DiaryPreview | None:
    """The diary section at the top of the work queue, for adjusters and supervisors (else ``None``).

    ``?diary=team`` switches a supervisor to every claim of their organisation.
    """
    user = _user(request)
    if not diary.user_has_own_diary(user):
        return None
    scopes = [value for value, _label in _scopes(user)]
    scope = request.GET.get("diary", SCOPE_MINE)
    scope = scope if scope in scopes else SCOPE_MINE
    now, today = clock.now(), clock.today()
    team = scope == SCOPE_TEAM
    counts = diary.diary_counts(user, now=now, today=today, filters=diary.DiaryFilters(team=team))
    lists = diary.diary_for(user, now=now, today=today, team=team, limit=PREVIEW_ROWS)
    diary_url = reverse("web:diary")
    buckets = [
        PreviewBucket(
            key=bucket,
            label=diary.BUCKET_LABELS[bucket],
            count=counts.of(bucket),
            rows=_rows(getattr(lists, bucket), now=now, today=today),
            all_url=diary_url + _query(QueryDict(), scope=scope, bucket=bucket),
        )
        for bucket in diary.BUCKETS
    ]
    links = [
        (value, label, _query(request.GET, diary=None if value == SCOPE_MINE else value) or "?")
        for value, label in _scopes(user)
    ]
    return DiaryPreview(
        scope=scope,
        scope_links=links if len(links) > 1 else [],
        buckets=buckets,
        total=counts.total,
        diary_url=diary_url + _query(QueryDict(), scope=scope),
    )


# The full diary ---------------------------------------------------------------------------------


def _no_optional_marks(form: forms.BaseForm) -> None:
    """Every filter is optional; saying so on each label is noise (``web/forms/field.html`` reads it)."""
    for field in form.fields.values():
        field.show_optional = False  # type: ignore[attr-defined]


class DiaryFilterForm(WebForm):
    scope = forms.ChoiceField(label="Claims", required=False)
    bucket = forms.ChoiceField(
        label="Due", choices=[("", "Overdue to 7 days ahead"), *diary.BUCKET_LABELS.items()], required=False
    )
    adjuster = forms.TypedChoiceField(label="Adjuster", coerce=int, required=False, empty_value=None)
    jurisdiction = forms.ChoiceField(
        label="Jurisdiction", choices=[ANY, *jurisdiction_choices()], required=False
    )
    rule = forms.ChoiceField(label="Rule", required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        scopes = _scopes(user)
        self.default_scope = scopes[0][0]
        cast(forms.ChoiceField, self.fields["scope"]).choices = scopes
        rules: list[Any] = [ANY, *diary.diary_rule_choices(user)]
        cast(forms.ChoiceField, self.fields["rule"]).choices = rules
        if diary.user_can_see_team_load(user):
            people = [(u.pk, str(u)) for u in diary.diary_adjusters(user)]
            cast(forms.ChoiceField, self.fields["adjuster"]).choices = [
                ANY,
                *people,
                (diary.UNASSIGNED, "Unassigned"),
            ]
        else:
            del self.fields["adjuster"]
        _no_optional_marks(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        scope = data.get("scope") or self.default_scope
        if data.get("adjuster") is not None:
            scope = SCOPE_TEAM  # naming an adjuster means looking beyond one's own claims
        data["scope"] = scope
        return data

    def filters(self) -> diary.DiaryFilters | None:
        """The filters to apply, or ``None`` when a value is not one the form offers."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return diary.DiaryFilters(
            team=data["scope"] == SCOPE_TEAM,
            bucket=data.get("bucket") or "",
            adjuster_id=data.get("adjuster"),
            jurisdiction=data.get("jurisdiction") or "",
            rule_id=data.get("rule") or "",
        )

    @property
    def filtered(self) -> bool:
        """Anything narrowed beyond the scope and the bucket (worth a "Clear" link)."""
        return any(self.data.get(name) for name in ("adjuster", "jurisdiction", "rule"))


@login_required
@require_GET
@application_errors
def diary_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(diary.user_can_see_obligations(user), NO_DIARY)
    form = DiaryFilterForm(request.GET, user=user)
    filters = form.filters()
    now, today = clock.now(), clock.today()
    context: dict[str, Any] = {
        "form": form,
        "filters": filters,
        "today": today,
        "may_choose_scope": len(_scopes(user)) > 1,
    }
    if filters is None:
        context |= {"page": None, "rows": [], "tabs": []}
        return render(request, "web/diary/diary.html", context)
    counts = diary.diary_counts(user, now=now, today=today, filters=filters)
    page: Page[Obligation] = Paginator(
        diary.diary_queryset(user, now=now, today=today, filters=filters), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    tabs = [
        (key, label, counts.of(key), _query(request.GET, bucket=key) or "?")
        for key, label in (("", "All"), *diary.BUCKET_LABELS.items())
    ]
    context |= {
        "page": page,
        "rows": _rows(list(page.object_list), now=now, today=today),
        "counts": counts,
        "tabs": tabs,
        "scope_links": [
            (value, label, _query(request.GET, scope=value, adjuster=None) or "?")
            for value, label in _scopes(user)
        ]
        if len(_scopes(user)) > 1
        else [],
        "show_adjuster": filters.team,
        "may_see_team_load": diary.user_can_see_team_load(user),
        "clear_url": _query(QueryDict(), scope=form.cleaned_data["scope"]) or "?",
    }
    return render(request, "web/diary/diary.html", context)


# Team load --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamRow:
    load: diary.TeamLoad
    all_url: str  # the diary filtered to this adjuster
    links: dict[str, str]  # bucket → the diary filtered to this adjuster and bucket


@login_required
@require_GET
@application_errors
def diary_team_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(diary.user_can_see_obligations(user), NO_DIARY)
    require(diary.user_can_see_team_load(user), "Only a claims supervisor sees the team's load.")
    now, today = clock.now(), clock.today()
    loads = diary.team_load(user, now=now, today=today, include_idle=True)
    diary_url = reverse("web:diary")
    rows = []
    for load in loads:
        adjuster = str(diary.UNASSIGNED if load.adjuster_id is None else load.adjuster_id)

        def url(bucket: str, adjuster: str = adjuster) -> str:
            return diary_url + _query(QueryDict(), scope=SCOPE_TEAM, adjuster=adjuster, bucket=bucket)

        rows.append(TeamRow(load=load, all_url=url(""), links={b: url(b) for b in diary.BUCKETS}))
    totals = diary.DiaryCounts(
        overdue=sum(r.overdue for r in loads),
        due_today=sum(r.due_today for r in loads),
        next_7_days=sum(r.next_7_days for r in loads),
    )
    return render(request, "web/diary/team.html", {"rows": rows, "totals": totals, "today": today})


# Timeliness -------------------------------------------------------------------------------------


class TimelinessFilterForm(WebForm):
    due_from = forms.DateField(label="Due from", widget=date_input())
    due_to = forms.DateField(label="Due to", widget=date_input())
    jurisdiction = forms.ChoiceField(
        label="Jurisdiction", choices=[ANY, *jurisdiction_choices()], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _no_optional_marks(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        due_from, due_to = data.get("due_from"), data.get("due_to")
        if due_from and due_to and due_from > due_to:
            self.add_error("due_to", "Due to must be on or after Due from.")
        return data


@dataclass(frozen=True)
class TimelinessTable:
    key: str
    title: str
    group_label: str
    rows: list[diary.Timeliness]


TIMELINESS_TABLES = (
    ("rule", "By rule", "Rule"),
    ("adjuster", "By adjuster", "Adjuster"),
    ("administrator", "By administrator", "Administrator"),
)


def _timeliness_data(request: HttpRequest, today: dt.date) -> QueryDict:
    """The query string, with the last 12 months for a period left out entirely."""
    data = request.GET.copy()
    due_from, due_to = diary.default_period(today)
    if "due_from" not in data and "due_to" not in data:
        data["due_from"], data["due_to"] = due_from.isoformat(), due_to.isoformat()
    return data


@login_required
@require_GET
@application_errors
def diary_timeliness_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require(diary.user_can_see_timeliness(user), "Your role does not review timeliness.")
    now, today = clock.now(), clock.today()
    form = TimelinessFilterForm(_timeliness_data(request, today))
    tables: list[TimelinessTable] = []
    if form.is_valid():
        data = form.cleaned_data
        tables = [
            TimelinessTable(
                key=key,
                title=title,
                group_label=group_label,
                rows=diary.timeliness(
                    user,
                    group_by=key,
                    due_from=data["due_from"],
                    due_to=data["due_to"],
                    now=now,
                    jurisdiction=data.get("jurisdiction") or "",
                    obligors=diary.DIARY_OBLIGORS,
                ),
            )
            for key, title, group_label in TIMELINESS_TABLES
        ]
    context = {
        "form": form,
        "tables": tables,
        "empty": bool(tables) and not any(t.rows for t in tables),
        "default_period": diary.default_period(today),
    }
    return render(request, "web/diary/timeliness.html", context)


# Notices ----------------------------------------------------------------------------------------


def _notice_guard(user: User) -> None:
    require(diary.user_can_see_notices(user), NO_DIARY)


@login_required
@require_GET
@application_errors
def notice_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _notice_guard(user)
    page = Paginator(diary.notices_for(user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": diary.notice_unread_count(user)}
    return render(request, "web/diary/notices.html", context)


def _back_to_notices(request: HttpRequest) -> HttpResponse:
    page = request.POST.get("page", "")
    url = reverse("web:notice_list") + (f"?page={page}" if page.isdigit() else "")
    return redirect(url)


@login_required
@require_POST
@application_errors
def notice_mark_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    _notice_guard(user)
    notice = notice_mark_read(actor=user, notice=diary.notice_get_for_user(user=user, notice_id=pk))
    if getattr(request, "htmx", False):
        context = {"notice": notice, "unread": diary.notice_unread_count(user), "oob": True}
        response = render(request, "web/diary/_notice.html", context)
        patch_vary_headers(response, ["HX-Request"])
        return response
    messages.success(request, "Notice marked read.")
    return _back_to_notices(request)


@login_required
@require_POST
@application_errors
def notices_mark_all_read_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _notice_guard(user)
    marked = notices_mark_all_read(actor=user)
    if marked:
        messages.success(request, f"{marked} notice{'s' if marked != 1 else ''} marked read.")
    else:
        messages.info(request, "You have no unread notices.")
    return _back_to_notices(request)
