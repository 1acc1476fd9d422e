"""Shape claim events for the page: one readable item per event, labels instead of codes.

The presenter only ever sees what ``claim_timeline_read`` returned; a redacted
entry is turned into a placeholder carrying its number and date and nothing of
its payload, so restricted text cannot reach a template by accident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from opencomp.claims.enums import (
    ActivityChannel,
    ActivityDirection,
    ActivityParty,
    ClaimStatus,
    ClaimType,
    EventKind,
    NoticeType,
    ParticipantRole,
    Sensitivity,
)
from opencomp.claims.services import TimelineEntry

REDACTED_TITLE = "Medical detail restricted"


@dataclass(frozen=True)
class TimelineItem:
    seq: int
    kind: str
    kind_label: str
    tone: str
    title: str
    occurred_at: dt.datetime
    recorded_at: dt.datetime | None = None
    actor_name: str = ""
    meta: list[str] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)
    sensitivity_label: str = ""
    redacted: bool = False
    corrected_by_seq: int | None = None
    corrects_seq: int | None = None

    @property
    def backdated(self) -> bool:
        """Recorded noticeably later than it happened (worth showing both times)."""
        if self.recorded_at is None:
            return False
        return self.recorded_at - self.occurred_at > dt.timedelta(minutes=5)


@dataclass(frozen=True)
class ActivityRow:
    seq: int
    occurred_at: dt.datetime
    party: str
    channel: str
    direction: str
    issue: str
    action: str
    result: str
    actor_name: str
    corrected_by_seq: int | None


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _date(value: Any) -> str:
    if not value:
        return "—"
    day = dt.date.fromisoformat(str(value))
    return f"{day.day} {day:%b %Y}"


def _party(payload: dict[str, Any]) -> str:
    party = _label(ActivityParty, payload["party"])
    return f"{party}: {payload['party_name']}" if payload.get("party_name") else party


def _created(p: dict[str, Any]) -> tuple[str, list[str], list[tuple[str, str]]]:
    meta = [
        p["jurisdiction"],
        _label(ClaimType, p["claim_type"]),
        f"Injured {_date(p['injury_date'])}",
        f"Notified {_date(p['notification_date'])}",
    ]
    if p.get("source_report_id"):
        meta.append(f"From injury report #{p['source_report_id']}")
    return "", meta, []


def _status(p: dict[str, Any]) -> tuple[str, list[str], list[tuple[str, str]]]:
    title = f"{_label(ClaimStatus, p['from_status'])} → {_label(ClaimStatus, p['to_status'])}"
    return title, [], [("Reason", p["reason"])] if p.get("reason") else []


def _assigned(p: dict[str, Any]) -> tuple[str, list[str], list[tuple[str, str]]]:
    title = f"To {p['to_adjuster_name']}" if p.get("to_adjuster_name") else "Unassigned"
    meta = [f"Previously {p['from_adjuster_name'] or 'unassigned'}"]
    if p.get("notified"):
        meta.append("Notified " + ", ".join(p["notified"]))
    return title, meta, [("Reason", p["reason"])] if p.get("reason") else []


def _corrected(p: dict[str, Any]) -> tuple[str, list[str], list[tuple[str, str]]]:
    changes = [
        (name.replace("_", " ").capitalize(), f"{old} → {new}") for name, (old, new) in p["changes"].items()
    ]
    return "", [], [*changes, ("Reason", p["reason"])]


def _participant(p: dict[str, Any]) -> tuple[str, list[str], list[tuple[str, str]]]:
    return f"{_label(ParticipantRole, p['role'])}: {p['name']}", [], []


def _activity(p: dict[str, Any]) -> tuple[str, list[str], list[tuple[str, str]]]:
    meta = [_label(ActivityChannel, p["channel"]), _label(ActivityDirection, p["direction"]), _party(p)]
    sections = [("Action", p["action"])]
    if p.get("result"):
        sections.append(("Result", p["result"]))
    return p["issue"], meta, sections


def _note(p: dict[str, Any]) -> tuple[str, list[str], list[tuple[str, str]]]:
    return "", [], [("", p["text"])]


def _medical(p: dict[str, Any]) -> tuple[str, list[str], list[tuple[str, str]]]:
    title = p.get("diagnosis") or ""
    meta = [p["provider_name"]] if p.get("provider_name") else []
    return title, meta, [("", p["summary"])]


def _notice(p: dict[str, Any]) -> tuple[str, list[str], list[tuple[str, str]]]:
    title = p.get("summary") or _label(NoticeType, p["notice"])
    meta = ["To " + ", ".join(_label(ActivityParty, r).lower() for r in p["recipients"])]
    if p.get("template"):
        meta.append(p["template"])
    deliveries = [
        f"{d['name']}: {d['method'].replace('_', ' ')}"
        + (f" {d['tracking_number']}" if d.get("tracking_number") else "")
        for d in p.get("deliveries", [])
    ]
    return title, meta, [("Sent", "; ".join(deliveries))] if deliveries else []


def _liability(p: dict[str, Any]) -> tuple[str, list[str], list[tuple[str, str]]]:
    sections = [("Reasons", p["reasons"])] if p.get("reasons") else []
    if p.get("worker_action"):
        sections.append(("What the worker must do", p["worker_action"]))
    return p["label"], [p["citation"]], sections


_BUILDERS: dict[str, tuple[str, Callable[[dict[str, Any]], tuple[str, list[str], list[tuple[str, str]]]]]] = {
    EventKind.CLAIM_CREATED: ("system", _created),
    EventKind.STATUS_CHANGED: ("status", _status),
    EventKind.ASSIGNED: ("system", _assigned),
    EventKind.DETAILS_CORRECTED: ("system", _corrected),
    EventKind.PARTICIPANT_ADDED: ("system", _participant),
    EventKind.ACTIVITY_LOGGED: ("activity", _activity),
    EventKind.NOTE_ADDED: ("note", _note),
    EventKind.MEDICAL_NOTE: ("medical", _medical),
    EventKind.NOTICE_SENT: ("activity", _notice),
    EventKind.LIABILITY_DECIDED: ("status", _liability),
}


def _sensitivity_label(value: str) -> str:
    return "" if value == Sensitivity.NORMAL else _label(Sensitivity, value)


def timeline_item(entry: TimelineEntry) -> TimelineItem:
    event = entry.event
    if entry.redacted:
        return TimelineItem(
            seq=event.seq,
            kind=event.kind,
            kind_label="Medical",
            tone="redacted",
            title=REDACTED_TITLE,
            occurred_at=event.occurred_at,
            redacted=True,
        )
    tone, build = _BUILDERS.get(event.kind, ("system", lambda p: (event.get_kind_display(), [], [])))
    title, meta, sections = build(event.payload)
    return TimelineItem(
        seq=event.seq,
        kind=event.kind,
        kind_label=event.get_kind_display(),
        tone=tone,
        title=title,
        occurred_at=event.occurred_at,
        recorded_at=event.recorded_at,
        actor_name=str(event.actor) if event.actor else "System",
        meta=meta,
        sections=sections,
        sensitivity_label=_sensitivity_label(event.sensitivity),
        corrected_by_seq=entry.corrected_by_seq,
        corrects_seq=event.corrects.seq if event.corrects else None,
    )


def activity_row(entry: TimelineEntry) -> ActivityRow:
    event, p = entry.event, entry.event.payload
    return ActivityRow(
        seq=event.seq,
        occurred_at=event.occurred_at,
        party=_party(p),
        channel=_label(ActivityChannel, p["channel"]),
        direction=_label(ActivityDirection, p["direction"]),
        issue=p["issue"],
        action=p["action"],
        result=p.get("result", ""),
        actor_name=str(event.actor) if event.actor else "System",
        corrected_by_seq=entry.corrected_by_seq,
    )


def activity_rows(entries: list[TimelineEntry]) -> list[ActivityRow]:
    return [activity_row(e) for e in entries if e.event.kind == EventKind.ACTIVITY_LOGGED and not e.redacted]
