"""The claim page's deadlines and diary panel.

The panel lists the claim's obligations, open ones first with the overdue ones
marked, each with its source and the reasons for its due date. To the people who
work the claim it offers what changes them: waive an obligation, add a diary entry
or a request for information, mark one done or received, and record the facts the
statutory clocks start and stop on. Each action is one service call that appends a
claim event; the obligations follow in the same transaction.

With htmx a form swaps the panel (``#obligations``), and a success also tells the
page (``HX-Trigger: claim-changed``) to reload the claim file. Without htmx a
success redirects to the claim page and a refusal shows the panel on a page of its
own. Who may do what follows the claim page: a claim the user may not see is a 404,
a panel or action their role does not get is a 403.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from opencomp.accounts.models import User
from opencomp.claims.access import claim_get_for_user, user_can_work_claim
from opencomp.claims.enums import ActivityParty, EventKind, RequestSubject
from opencomp.claims.events import REFERENCES
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import claim_event_append, claim_timeline_read
from opencomp.core import clock
from opencomp.core.errors import NotFound
from opencomp.deadlines import engine
from opencomp.deadlines.models import Obligation, ObligationStatus
from opencomp.deadlines.packs import pack
from opencomp.deadlines.selectors import (
    claim_obligations,
    obligation_queryset_for_user,
    user_can_see_obligations,
)
from opencomp.deadlines.services import (
    diary_entry_add,
    info_request_add,
    obligation_complete,
    obligation_waive,
)
from opencomp.web.errors import FORM_ERRORS, application_errors, form_error_apply, require
from opencomp.web.forms import WebForm
from opencomp.web.forms_claim_diary import (
    FACT_KINDS,
    CompleteForm,
    DiaryEntryForm,
    FactForm,
    FactKindForm,
    InfoRequestForm,
    WaiveForm,
)

PANEL_TEMPLATE = "web/claim_diary/panel.html"
PAGE_TEMPLATE = "web/claim_diary/page.html"
#: The htmx event a successful action sends; the claim page reloads its claim file on it.
CLAIM_CHANGED = "claim-changed"
#: Obligations people tick off (the rest are done by recording what satisfies them): button, notice.
COMPLETIONS = {
    engine.DIARY_RULE: ("Mark done", "Diary entry done"),
    engine.INFO_RULE: ("Information received", "Information received"),
}
#: The events behind those obligations, whose payload says more than the obligation's title.
DIARY_KINDS = (EventKind.DIARY_ENTRY_ADDED, EventKind.INFO_REQUESTED)
OVERDUE = "overdue"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view is behind login_required


def _wants_partial(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request


def _date(value: Any) -> str:
    day = dt.date.fromisoformat(str(value))
    return f"{day.day} {day:%b %Y}"


# The panel -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventLink:
    """An event of the claim's log an obligation points at (the timeline anchors it as ``event-<seq>``)."""

    seq: int
    kind_label: str


@dataclass(frozen=True)
class ObligationRow:
    obligation: Obligation
    detail: str
    state: str
    state_label: str
    exact_time: bool
    source_url: str
    done_by: EventLink | None = None
    closed_by: EventLink | None = None
    escalated_by: EventLink | None = None
    waive_form: WebForm | None = None
    complete_form: WebForm | None = None
    complete_label: str = ""
    open_action: str = ""


@dataclass(frozen=True)
class Panel:
    claim: Claim
    open_rows: list[ObligationRow]
    done_rows: list[ObligationRow]
    overdue_count: int
    may_work: bool
    #: The jurisdiction's zone, in which an hour rule's due time is shown.
    time_zone: str
    diary_form: WebForm | None = None
    info_form: WebForm | None = None
    kind_form: WebForm | None = None
    fact_form: WebForm | None = None
    open_form: str = ""
    notice: str = ""


def _event_links(claim: Claim, seqs: Iterable[int | None]) -> dict[int, EventLink]:
    wanted = {seq for seq in seqs if seq}
    rows = ClaimEvent.objects.filter(claim=claim, seq__in=wanted).values_list("seq", "kind")
    return {seq: EventLink(seq, _label(EventKind, kind)) for seq, kind in rows}


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _diary_payloads(claim: Claim, obligations: list[Obligation]) -> dict[int, dict[str, Any]]:
    """The payloads of the events that started the claim's diary entries and information requests."""
    seqs = [o.trigger_seq for o in obligations if o.rule_id in COMPLETIONS]
    if not seqs:
        return {}
    rows = ClaimEvent.objects.filter(claim=claim, seq__in=seqs, kind__in=DIARY_KINDS)
    return dict(rows.values_list("seq", "payload"))


def _detail(obligation: Obligation, payload: dict[str, Any] | None) -> str:
    """More about a diary entry (its details) or a request for information (whom it asked)."""
    if not payload:
        return ""
    if obligation.rule_id == engine.DIARY_RULE:
        return str(payload.get("details", ""))
    party = _label(ActivityParty, str(payload.get("party", "")))
    name = payload.get("party_name")
    return f"Asked of {name} ({party.lower()})" if name else f"Asked of the {party.lower()}"


def _row(
    o: Obligation,
    *,
    now: dt.datetime,
    links: dict[int, EventLink],
    payloads: dict[int, dict[str, Any]],
    hour_rules: frozenset[str],
    bound: dict[str, WebForm] | None,
) -> ObligationRow:
    overdue = o.overdue(now)
    waive_form = complete_form = None
    open_action = ""
    if bound is not None and o.status == ObligationStatus.OPEN:
        waive_key, complete_key = f"waive-{o.pk}", f"complete-{o.pk}"
        waive_form = bound.get(waive_key) or WaiveForm(prefix=waive_key)
        if o.rule_id in COMPLETIONS:
            complete_form = bound.get(complete_key) or CompleteForm(prefix=complete_key)
        open_action = "waive" if waive_key in bound else "complete" if complete_key in bound else ""
    return ObligationRow(
        obligation=o,
        detail=_detail(o, payloads.get(o.trigger_seq)),
        state=OVERDUE if overdue else o.status,
        state_label="Overdue" if overdue else o.get_status_display(),
        exact_time=o.rule_id in hour_rules,
        source_url=o.source_url if o.source_url.startswith(("https://", "http://")) else "",
        done_by=links.get(o.satisfied_seq or 0),
        closed_by=links.get(o.closed_seq or 0),
        escalated_by=links.get(o.escalated_seq or 0),
        waive_form=waive_form,
        complete_form=complete_form,
        complete_label=COMPLETIONS[o.rule_id][0] if o.rule_id in COMPLETIONS else "",
        open_action=open_action,
    )


def _reference_label(event: ClaimEvent) -> str:
    payload = event.payload
    if event.kind == EventKind.REQUEST_RECEIVED:
        subject = _label(RequestSubject, str(payload.get("subject", "")))
        return f"#{event.seq} {subject}, received {_date(payload['received_on'])}"
    return f"#{event.seq} {event.get_kind_display()}, {_date(timezone.localdate(event.occurred_at))}"


def _references(user: User, claim: Claim, kind: str) -> list[tuple[int, str]]:
    """The claim's events a fact of ``kind`` may answer (newest first), as choices."""
    if kind not in REFERENCES:
        return []
    _field, wanted = REFERENCES[kind]
    entries = claim_timeline_read(user=user, claim=claim, channel="web", kinds=[wanted])
    return [(e.event.seq, _reference_label(e.event)) for e in entries if not e.redacted]


def obligations_panel(
    request: HttpRequest, claim: Claim, *, bound: dict[str, WebForm] | None = None, notice: str = ""
) -> Panel | None:
    """The panel for ``claim`` (which the user may see), or None when their role sees no obligations.

    ``bound`` holds a refused form to show again, by its prefix. A ``fact-kind``
    query parameter opens the fact form on that kind.
    """
    user = _user(request)
    if not user_can_see_obligations(user):
        return None
    bound = bound or {}
    may_work = user_can_work_claim(user, claim)
    obligations = claim_obligations(claim)
    links = _event_links(
        claim, (seq for o in obligations for seq in (o.satisfied_seq, o.closed_seq, o.escalated_seq))
    )
    payloads = _diary_payloads(claim, obligations)
    rules = pack(claim.jurisdiction)
    hour_rules = frozenset(rule.id for rule in rules.rules if rule.due.unit == "hours")
    now = clock.now()
    rows = [
        _row(
            o,
            now=now,
            links=links,
            payloads=payloads,
            hour_rules=hour_rules,
            bound=bound if may_work else None,
        )
        for o in obligations
    ]
    open_rows = [r for r in rows if r.obligation.status == ObligationStatus.OPEN]
    return Panel(
        claim=claim,
        open_rows=open_rows,
        done_rows=[r for r in rows if r.obligation.status != ObligationStatus.OPEN],
        overdue_count=sum(r.state == OVERDUE for r in open_rows),
        may_work=may_work,
        time_zone=rules.time_zone,
        notice=notice,
        **(_panel_forms(request, claim, bound) if may_work else {}),
    )


def _panel_forms(request: HttpRequest, claim: Claim, bound: dict[str, WebForm]) -> dict[str, Any]:
    """The panel's forms: the refused one as it was, the others empty."""
    fact_form = bound.get("fact")
    kind = fact_form.event_kind if isinstance(fact_form, FactForm) else request.GET.get("fact-kind", "")
    if fact_form is None and kind in FACT_KINDS:
        fact_form = FactForm(prefix="fact", kind=kind, references=_references(_user(request), claim, kind))
    return {
        "diary_form": bound.get("diary") or DiaryEntryForm(prefix="diary"),
        "info_form": bound.get("info") or InfoRequestForm(prefix="info"),
        "kind_form": FactKindForm(prefix="fact", initial={"kind": kind}, auto_id="id_choose-%s"),
        "fact_form": fact_form,
        "open_form": next(iter(bound), "") or ("fact" if fact_form is not None else ""),
    }


def _panel_response(
    request: HttpRequest,
    claim: Claim,
    *,
    bound: dict[str, WebForm] | None = None,
    notice: str = "",
    changed: bool = False,
) -> HttpResponse:
    """The panel alone (htmx) or on a page of its own; ``form`` is the refused form, if any."""
    bound = bound or {}
    context = {
        "claim": claim,
        "panel": obligations_panel(request, claim, bound=bound, notice=notice),
        "form": next(iter(bound.values()), None),
    }
    response = render(request, PANEL_TEMPLATE if _wants_partial(request) else PAGE_TEMPLATE, context)
    if changed:
        response["HX-Trigger"] = CLAIM_CHANGED
    patch_vary_headers(response, ["HX-Request"])
    return response


# Actions ---------------------------------------------------------------------------------------


def _claim_for(request: HttpRequest, number: str) -> Claim:
    """The claim, or ``NotFound`` (→ 404) when the user may not see it."""
    return claim_get_for_user(number=number, user=_user(request))


def _workable_claim(request: HttpRequest, number: str) -> Claim:
    claim = _claim_for(request, number)
    require(user_can_work_claim(_user(request), claim), "Only the claim's administrator may work its diary.")
    return claim


def _obligation(request: HttpRequest, claim: Claim, pk: int) -> Obligation:
    obligations = obligation_queryset_for_user(_user(request)).select_related("claim")
    obligation = obligations.filter(claim=claim, pk=pk).first()
    if obligation is None:
        raise NotFound("That obligation was not found; the claim's obligations may have been recomputed.")
    return obligation


def _submit(
    request: HttpRequest, claim: Claim, *, key: str, form: WebForm, action: Callable[..., str]
) -> HttpResponse:
    """Parse ``form`` and call ``action`` with its service arguments; ``action`` returns the notice."""
    if form.is_valid():
        try:
            notice = action(**form.service_kwargs())
        except FORM_ERRORS as exc:
            form_error_apply(form, exc)
        else:
            claim.refresh_from_db()
            if _wants_partial(request):
                return _panel_response(request, claim, notice=notice, changed=True)
            messages.success(request, notice)
            return redirect(reverse("web:claim_detail", args=[claim.number]) + "#obligations")
    return _panel_response(request, claim, bound={key: form})


@login_required
@require_GET
@application_errors
def claim_obligations_view(request: HttpRequest, number: str) -> HttpResponse:
    claim = _claim_for(request, number)
    require(user_can_see_obligations(_user(request)), "You may not see this claim's deadlines.")
    return _panel_response(request, claim)


@login_required
@require_POST
@application_errors
def claim_obligation_waive_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user = _user(request)
    claim = _workable_claim(request, number)
    obligation = _obligation(request, claim, pk)

    def waive(reason: str) -> str:
        obligation_waive(actor=user, obligation=obligation, reason=reason)
        return f"Waived: {obligation.title}."

    key = f"waive-{pk}"
    return _submit(request, claim, key=key, form=WaiveForm(request.POST, prefix=key), action=waive)


@login_required
@require_POST
@application_errors
def claim_obligation_complete_view(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user = _user(request)
    claim = _workable_claim(request, number)
    obligation = _obligation(request, claim, pk)

    def complete(note: str) -> str:
        done = obligation_complete(actor=user, obligation=obligation, note=note)
        return f"{COMPLETIONS[done.rule_id][1]} (#{done.satisfied_seq})."

    key = f"complete-{pk}"
    return _submit(request, claim, key=key, form=CompleteForm(request.POST, prefix=key), action=complete)


@login_required
@require_POST
@application_errors
def claim_diary_entry_add_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _workable_claim(request, number)

    def add(**fields: Any) -> str:
        event = diary_entry_add(actor=user, claim=claim, **fields)
        return f"Diary entry added (#{event.seq})."

    return _submit(request, claim, key="diary", form=DiaryEntryForm(request.POST, prefix="diary"), action=add)


@login_required
@require_POST
@application_errors
def claim_info_request_add_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _workable_claim(request, number)

    def add(**fields: Any) -> str:
        event = info_request_add(actor=user, claim=claim, **fields)
        return f"Request for information recorded (#{event.seq})."

    return _submit(request, claim, key="info", form=InfoRequestForm(request.POST, prefix="info"), action=add)


@login_required
@require_POST
@application_errors
def claim_fact_record_view(request: HttpRequest, number: str) -> HttpResponse:
    user = _user(request)
    claim = _workable_claim(request, number)
    kind = request.POST.get("fact-kind", "")
    form = FactForm(request.POST, prefix="fact", kind=kind, references=_references(user, claim, kind))

    def record(**fields: Any) -> str:
        event = claim_event_append(actor=user, claim=claim, **fields)
        return f"{event.get_kind_display()} recorded (#{event.seq})."

    return _submit(request, claim, key="fact", form=form, action=record)
