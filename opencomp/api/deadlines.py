"""Deadlines: a claim's obligations, the adjuster's diary, the team's load and timeliness.

Seeing obligations is a role matter (``deadlines.selectors.user_can_see_obligations``) on top of
seeing the claim: a claim you may not see is 404, obligations your role does not see are 403.
Acting on them (waiving, completing, adding diary entries and requests for information) is for
the people who work the claim; each action is an event in the claim's log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Status

from opencomp.accounts.models import User
from opencomp.api.auth import user_of
from opencomp.api.errors import input_names, responses
from opencomp.api.pagination import page_of
from opencomp.api.schemas import (
    CompleteIn,
    DiaryBucket,
    DiaryEntryIn,
    DiaryFiltersIn,
    DiaryPage,
    DiaryRowOut,
    InformationRequestIn,
    ObligationFilters,
    ObligationOut,
    ObligationPage,
    TeamLoadFilters,
    TeamLoadOut,
    TeamLoadPage,
    TimelinessFilters,
    TimelinessOut,
    TimelinessPage,
    WaiveIn,
)
from opencomp.claims.access import claim_get_for_user, require, user_can_work_claim
from opencomp.claims.enums import EventKind
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.core import clock
from opencomp.core.errors import NotFound, ValidationFailed
from opencomp.deadlines.engine import DIARY_RULE, INFO_RULE
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.selectors import (
    DUE_TODAY,
    NEXT_7_DAYS,
    OVERDUE,
    DiaryFilters,
    bucket_of,
    claim_obligations,
    default_period,
    diary_queryset,
    team_load,
    timeliness,
    user_can_see_obligations,
    user_can_see_team_load,
    user_can_see_timeliness,
    user_has_own_diary,
)
from opencomp.deadlines.services import (
    diary_entry_add,
    info_request_add,
    obligation_complete,
    obligation_waive,
)

router = Router(tags=["Deadlines"])

#: ``GET /diary`` bucket names → the selectors' buckets, and back.
DIARY_BUCKETS: dict[DiaryBucket, str] = {"overdue": OVERDUE, "today": DUE_TODAY, "week": NEXT_7_DAYS}
BUCKET_NAMES = {bucket: name for name, bucket in DIARY_BUCKETS.items()}
#: The event that starts each of the adjuster's own obligations, and its payload field that says what it is.
SUBJECTS = {
    DIARY_RULE: (EventKind.DIARY_ENTRY_ADDED, "title"),
    INFO_RULE: (EventKind.INFO_REQUESTED, "what"),
}
KEY_PATH = "URL-encode the key: `#` is `%23` (`nsw.liability_decision%231`)."


def _require_diary(user: User) -> None:
    require(user_can_see_obligations(user), "Your role does not see obligations or the diary.")


def _claim_to_work(request: HttpRequest, number: str) -> Claim:
    """The claim (404 if hidden), if the caller works it (403 otherwise)."""
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    # Checked before looking the obligation up, so that a claim's obligations are not probed here.
    require(user_can_work_claim(user, claim), "Only the claim's administrator may work its diary.")
    return claim


def _subjects(rows: Iterable[Obligation]) -> dict[int, str]:
    """What the adjuster wrote for the diary entries and information requests among ``rows`` (one query).

    Their rules give them a generic title; the entry's own title, or the information asked
    for, is in the payload of the event that started them. Keyed by obligation id.
    """
    started = {(o.claim_id, o.trigger_seq): o.pk for o in rows if o.rule_id in SUBJECTS}
    if not started:
        return {}
    events = Q()
    for claim_id, seq in started:
        events |= Q(claim_id=claim_id, seq=seq)
    field_of = dict(SUBJECTS.values())
    payloads = ClaimEvent.objects.filter(events, kind__in=field_of).values_list(
        "claim_id", "seq", "kind", "payload"
    )
    return {started[c, seq]: str(payload.get(field_of[kind], "")) for c, seq, kind, payload in payloads}


def _out(o: Obligation, *, now: dt.datetime) -> ObligationOut:
    return ObligationOut.of(o, now=now, subject=_subjects([o]).get(o.pk, ""))


def _obligation(claim: Claim, key: str) -> Obligation:
    obligation = claim.obligations.filter(key=key).first()
    if obligation is None:
        raise NotFound(f"Claim {claim.number} has no obligation {key}.")
    return obligation


@router.get(
    "/claims/{number}/obligations",
    **responses({200: ObligationPage}, 400, 403, 404),
    summary="List a claim's obligations",
    description="Every clock of the claim with its due date, status and how both were worked out: open ones "
    "soonest first, then the rest. `overdue` is worked out as of the request.",
)
def claim_obligation_list(
    request: HttpRequest, filters: Query[ObligationFilters], number: str
) -> ObligationPage:
    user = user_of(request)
    claim = claim_get_for_user(number=number, user=user)
    _require_diary(user)
    rows = claim_obligations(claim)
    if filters.status is not None:
        rows = [o for o in rows if o.status == filters.status]
    count, items = page_of(rows, filters)
    now, subjects = clock.now(), _subjects(items)
    return ObligationPage(
        count=count,
        items=[ObligationOut.of(o, now=now, subject=subjects.get(o.pk, "")) for o in items],
    )


@router.post(
    "/claims/{number}/obligations/{key}/waive",
    **responses({200: ObligationOut}, 400, 403, 404),
    summary="Waive an obligation",
    description="Excuses an open obligation, with the reason, as an `obligation.waived` event. "
    f"An obligation that is no longer open is refused (400 naming `key`). {KEY_PATH}",
)
def obligation_waive_api(request: HttpRequest, body: WaiveIn, number: str, key: str) -> ObligationOut:
    obligation = _obligation(_claim_to_work(request, number), key)
    with input_names(obligation="key"):
        updated = obligation_waive(actor=user_of(request), obligation=obligation, reason=body.reason)
    return _out(updated, now=clock.now())


@router.post(
    "/claims/{number}/obligations/{key}/complete",
    **responses({200: ObligationOut}, 400, 403, 404),
    summary="Complete a diary entry or information request",
    description="Marks a diary entry done (`diary.entry_completed`) or the requested information received "
    "(`info.received`). Statutory obligations are done by recording what satisfies them (a notice sent, a "
    f"report filed, a status change), never here (400 naming `key`). {KEY_PATH}",
)
def obligation_complete_api(request: HttpRequest, body: CompleteIn, number: str, key: str) -> ObligationOut:
    obligation = _obligation(_claim_to_work(request, number), key)
    with input_names(obligation="key"):
        updated = obligation_complete(actor=user_of(request), obligation=obligation, note=body.note)
    return _out(updated, now=clock.now())


@router.post(
    "/claims/{number}/diary-entries",
    **responses({201: ObligationOut}, 400, 403, 404),
    summary="Add a diary entry",
    description="A follow-up you set yourself (`diary.entry_added`); it becomes an obligation due on "
    "`due_on`.",
)
def diary_entry_add_api(request: HttpRequest, body: DiaryEntryIn, number: str) -> Status[ObligationOut]:
    claim = _claim_to_work(request, number)
    event = diary_entry_add(
        actor=user_of(request), claim=claim, title=body.title, due_on=body.due_on, details=body.details
    )
    obligation = claim.obligations.get(rule_id=DIARY_RULE, trigger_seq=event.seq)
    return Status(201, _out(obligation, now=clock.now()))


@router.post(
    "/claims/{number}/information-requests",
    **responses({201: ObligationOut}, 400, 403, 404),
    summary="Request missing information",
    description="Records a request to a party (`info.requested`); following it up becomes an obligation due "
    "on `due_on`, done when the information is received (`.../complete`).",
)
def info_request_add_api(
    request: HttpRequest, body: InformationRequestIn, number: str
) -> Status[ObligationOut]:
    claim = _claim_to_work(request, number)
    event = info_request_add(
        actor=user_of(request),
        claim=claim,
        party=body.party,
        what=body.what,
        due_on=body.due_on,
        party_name=body.party_name,
    )
    obligation = claim.obligations.get(rule_id=INFO_RULE, trigger_seq=event.seq)
    return Status(201, _out(obligation, now=clock.now()))


def _diary_filters(user: User, query: DiaryFiltersIn) -> DiaryFilters:
    """The selector's filters for ``query``; the scope defaults as on the diary page."""
    scope = query.scope or ("mine" if user_has_own_diary(user) else "team")
    team = scope == "team"
    if team and user_has_own_diary(user):
        require(user_can_see_team_load(user), "Only a claims supervisor sees the team's diary.")
    if query.adjuster_id is not None and not team:
        raise ValidationFailed.for_field("adjuster_id", "narrows the team's diary: use it with scope=team")
    return DiaryFilters(
        team=team,
        bucket=DIARY_BUCKETS[query.bucket] if query.bucket else "",
        adjuster_id=query.adjuster_id,
        jurisdiction=query.jurisdiction or "",
        rule_id=query.rule_id,
    )


@router.get(
    "/diary",
    **responses({200: DiaryPage}, 400, 403),
    summary="Your diary",
    description="Open obligations due within seven days or overdue, soonest first, each with its "
    "`bucket` (`overdue`, `today`, `week`): the claims administrator's, or for an employer coordinator "
    "the employer's. Adjusters and supervisors see their own claims (`scope=mine`), supervisors also the "
    "team's (`scope=team`); other diary roles every claim they may see.",
)
def diary_list(request: HttpRequest, filters: Query[DiaryFiltersIn]) -> DiaryPage:
    user = user_of(request)
    _require_diary(user)
    now, today = clock.now(), clock.today()
    rows = diary_queryset(user, now=now, today=today, filters=_diary_filters(user, filters))
    count, items = page_of(rows, filters)
    subjects = _subjects(items)
    return DiaryPage(
        count=count,
        items=[
            DiaryRowOut.of_row(
                o,
                bucket=BUCKET_NAMES[bucket_of(o, now=now, today=today)],
                now=now,
                subject=subjects.get(o.pk, ""),
            )
            for o in items
        ],
    )


@router.get(
    "/diary/team",
    **responses({200: TeamLoadPage}, 400, 403),
    summary="The team's diary load",
    description="Claims supervisors: per adjuster of the claims you oversee, open obligations overdue, "
    "due today and due in the next seven days; the most overdue first. `adjuster: null` counts the claims "
    "with no adjuster.",
)
def team_load_api(request: HttpRequest, filters: Query[TeamLoadFilters]) -> TeamLoadPage:
    user = user_of(request)
    require(user_can_see_team_load(user), "Only a claims supervisor sees the team's diary load.")
    loads = team_load(user, now=clock.now(), today=clock.today(), include_idle=filters.include_idle)
    count, items = page_of(loads, filters)
    return TeamLoadPage(count=count, items=[TeamLoadOut.of(t) for t in items])


@router.get(
    "/timeliness",
    **responses({200: TimelinessPage}, 400, 403),
    summary="Timeliness of obligations",
    description="Supervisors, auditors, compliance officers and pool administrators: per rule, adjuster "
    "or administrator (`group_by`), of the obligations due in the period on the claims you may see, how "
    "many were done on time, late or are still open past due, the share on time and the median days late. "
    "Least timely first. The period defaults to the last twelve months.",
)
def timeliness_api(request: HttpRequest, filters: Query[TimelinessFilters]) -> TimelinessPage:
    user = user_of(request)
    require(user_can_see_timeliness(user), "Your role does not review timeliness.")
    due_to = filters.due_to or clock.today()
    due_from = filters.due_from or default_period(due_to)[0]
    if due_from > due_to:
        if filters.due_to is not None:
            raise ValidationFailed.for_field("due_to", "is before due_from")
        raise ValidationFailed.for_field("due_from", "is after today (the default due_to)")
    rows = timeliness(
        user,
        group_by=filters.group_by,
        due_from=due_from,
        due_to=due_to,
        now=clock.now(),
        jurisdiction=filters.jurisdiction or "",
        obligors=[filters.obligor],
    )
    count, items = page_of(rows, filters)
    return TimelinessPage(count=count, items=[TimelinessOut.of(t) for t in items])
