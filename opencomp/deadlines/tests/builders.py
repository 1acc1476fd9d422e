"""Claim facts and event logs for the deadline engine's tests.

Every payload goes through the real event schema (``opencomp.claims.events``) and is
stored as JSON would store it (dates as ISO strings), so a rule pack's ``where``
values are tested against payloads the application can actually write. Events
happen at a local time in the jurisdiction and are stored in UTC, as the database
stores them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from opencomp.claims.events import validate_payload
from opencomp.deadlines.engine import ClaimFacts, EventRecord, Obligation, obligations
from opencomp.jurisdictions.registry import JURISDICTIONS
from opencomp.jurisdictions.rulepack import pack_for

D = dt.date


def facts(jurisdiction: str = "NSW", **overrides: Any) -> ClaimFacts:
    """A lost-time, non-significant, open claim injured, known and notified on 15 Apr 2025."""
    values: dict[str, Any] = dict(
        jurisdiction=jurisdiction,
        claim_type="lost_time",
        significant_injury=False,
        status="reported",
        injury_date=D(2025, 4, 15),
        injury_time=None,
        employer_knowledge_date=D(2025, 4, 15),
        notification_date=D(2025, 4, 15),
    )
    values.update(overrides)
    return ClaimFacts(**values)


@dataclass
class Log:
    """An event log under construction; ``add`` returns the new event's seq."""

    jurisdiction: str = "NSW"
    events: list[EventRecord] = field(default_factory=list)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(JURISDICTIONS[self.jurisdiction].time_zone)

    def add(
        self, kind: str, on: dt.date, payload: dict[str, Any] | None = None, at: dt.time = dt.time(10, 0)
    ) -> int:
        """Append ``kind`` happening on ``on`` at local time ``at``; the payload is schema-checked."""
        seq = len(self.events) + 1
        local = dt.datetime.combine(on, at, tzinfo=self.zone)
        stored = validate_payload(kind, payload or {})
        self.events.append(EventRecord(seq, kind, local.astimezone(dt.UTC), stored))
        return seq

    # The kinds the packs read, with the payload fields they need.

    def created(self, f: ClaimFacts, on: dt.date | None = None) -> int:
        payload = dict(
            jurisdiction=f.jurisdiction,
            claim_type=f.claim_type,
            employer_id=1,
            worker_id=1,
            injury_date=f.injury_date,
            notification_date=f.notification_date,
        )
        return self.add("claim.created", on or f.notification_date, payload)

    def status(self, to: str, on: dt.date, at: dt.time = dt.time(14, 0), frm: str = "reported") -> int:
        return self.add("claim.status_changed", on, dict(from_status=frm, to_status=to), at)

    def activity(
        self, party: str, on: dt.date, channel: str = "phone", direction: str = "outbound", **kw: Any
    ) -> int:
        payload = dict(party=party, channel=channel, direction=direction, issue="Contact", action="Called")
        return self.add("activity.logged", on, payload, **kw)

    def notice(self, notice: str, on: dt.date, recipients: list[str], **kw: Any) -> int:
        return self.add("notice.sent", on, dict(notice=notice, recipients=recipients), **kw)

    def report(self, on: dt.date, **kw: Any) -> int:
        payload = dict(report="first_report_of_injury", filed_with="Division")
        return self.add("report.filed", on, payload, **kw)

    def request(self, subject: str, received_on: dt.date, on: dt.date | None = None) -> int:
        return self.add("request.received", on or received_on, dict(subject=subject, received_on=received_on))

    def acknowledged(self, request_seq: int, on: dt.date) -> int:
        return self.add("request.acknowledged", on, dict(request_seq=request_seq))

    def decided(self, request_seq: int, on: dt.date, decision: str = "approved") -> int:
        return self.add("request.decided", on, dict(request_seq=request_seq, decision=decision))

    def completed(self, request_seq: int, on: dt.date) -> int:
        return self.add("request.completed", on, dict(request_seq=request_seq))

    def schedule(self, subject: str, for_day: dt.date, on: dt.date) -> int:
        return self.add("schedule.recorded", on, {"subject": subject, "on": for_day})

    def work_status(self, on: dt.date, capacity: str = "none", certificate: bool = True) -> int:
        payload = dict(capacity=capacity, from_date=on, certificate=certificate)
        return self.add("work_status.recorded", on, payload)

    def milestone(self, milestone: str, on: dt.date) -> int:
        return self.add("milestone.recorded", on, dict(milestone=milestone))

    def indemnity(self, first_day: dt.date, on: dt.date | None = None, benefit: str = "weekly") -> int:
        payload = dict(benefit=benefit, first_day=first_day, first_payment_on=on or first_day)
        return self.add("indemnity.commenced", on or first_day, payload)

    def waived(self, key: str, on: dt.date, reason: str = "Not needed on this claim") -> int:
        rule_id = key.split("#", 1)[0]
        return self.add("obligation.waived", on, dict(key=key, rule_id=rule_id, reason=reason))

    def escalated(self, key: str, on: dt.date, due_date: dt.date) -> int:
        rule_id = key.split("#", 1)[0]
        return self.add("obligation.escalated", on, dict(key=key, rule_id=rule_id, due_date=due_date))


def run(f: ClaimFacts, log: Log) -> list[Obligation]:
    return obligations(f, log.events, pack_for(f.jurisdiction))


def of(found: list[Obligation], rule_id: str) -> list[Obligation]:
    return [o for o in found if o.rule_id == rule_id]


def only(found: list[Obligation], rule_id: str) -> Obligation:
    matching = of(found, rule_id)
    assert len(matching) == 1, f"{rule_id}: {len(matching)} obligations, expected 1"
    return matching[0]


def dates(o: Obligation) -> tuple[dt.date, dt.date, str]:
    """(raw due, due date, status): what most tests compare."""
    return o.raw_due, o.due_date, o.status
