"""Diary recompute benchmark: ``recompute()`` of the obligations table against a plain scan.

    .venv/bin/python bench/diary_recompute.py [--quick] [--sizes 10000,100000] [--profile] [--drop]

For each size N (default 10k, 100k and 1M claims; ``--quick``: 2k and 10k):

1. Makes (once, then reuses) the PostgreSQL database ``opencomp_bench_diary_<N>`` (``_10k``,
   ``_100k``, ``_1m``: same server and user as ``--database-url``), migrates it and fills it
   with set-based SQL: a few hundred employers, administrators and workers, N claims over the
   four jurisdictions notified 2023-2026, about 20 events each (``generate``). Each claim
   follows one of a few hundred scenarios built here and checked against the event schemas,
   and the events go in in time order, as a live system appends them. A marker table
   (``bench_diary_marker``) records the size and generator version; a mismatch rebuilds.
2. The floor: one ordered scan of the event table, ``SELECT claim_id, seq, kind, occurred_at,
   payload ... ORDER BY claim_id, seq``, streamed to Python through Django's connection the way
   ``opencomp.deadlines.batch`` reads events (plus, for information, the same with the JSON
   decoded, and the server-only ``count(*)``). Best of 2; the first warms the caches.
3. ``recompute()`` in-process, best of 2 (the obligations table is vacuumed before each).
4. Prints a table, then one JSON line for the largest size with every size's figures.

Each phase runs in its own child process (Django is set up against one database per
process), so each peak RSS is that phase's own. ``--profile`` also splits a recompute of the
smallest size into reading, engine and writing, and prints a cProfile summary. ``--drop``
drops every ``opencomp_bench_diary_*`` database and exits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/opencomp_bench_diary"
GOAL = "<= 3x floor, per-claim cost flat within 1.3x 10k→1M, peak memory < 2 GB"
GOAL_RATIO = 3.0
GOAL_FLATNESS = 1.3
GOAL_PEAK_BYTES = 2 * 1024**3
FULL_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (2_000, 10_000)
#: Bump when the generated data changes, so older bench databases are rebuilt.
GENERATOR_VERSION = "2026.11.23-1"

JURISDICTIONS = ("CO", "MN", "CT", "NSW")
SCENARIOS_PER_JURISDICTION = 64
FIRST_NOTIFICATION = dt.date(2023, 1, 2)
LAST_NOTIFICATION = dt.date(2026, 6, 30)  # the longest claim life is 150 days, so no event is in the future
EMPLOYERS_PER_JURISDICTION = 50
WORKERS_PER_EMPLOYER = 4
#: Events of a claim happen inside this window of UTC seconds (business hours where the claim is).
WINDOW_START = {"CO": 15 * 3600, "MN": 15 * 3600, "CT": 14 * 3600, "NSW": 0}
WINDOW = 6 * 3600
#: A claim's events are shifted by up to this many seconds (from its id), so claims differ.
JITTER = 1800
#: Standard-time offset to UTC, to write an injury's local time as an instant.
UTC_OFFSET_HOURS = {"CO": 7, "MN": 6, "CT": 5, "NSW": -10}
# Multiplicative hashes of the claim id: which scenario, employer and worker, and its jitter.
_PRIME = 4294967291
_HASH = {"scenario": 2654435761, "employer": 2246822519, "worker": 3266489917, "jitter": 668265263}

GIVEN = ["Maria", "Tom", "Aisha", "Wei", "Oskar", "Priya", "Jamal", "Lena", "Diego", "Hana", "Sam", "Ruth"]
FAMILY = ["Lopez", "Nguyen", "Okafor", "Chen", "Berg", "Shah", "Brown", "Kowalski", "Silva", "Sato"]
INJURIES = [
    ("Strain", "Lower back", "Lifting a steel sheet onto the press line without a second person."),
    ("Laceration", "Left hand", "Cut on the edge of a crate while clearing the loading dock."),
    ("Contusion", "Right knee", "Slipped on a wet floor near the cold store carrying a drum."),
    ("Fracture", "Left wrist", "Fell from a step ladder in the yard reaching for a hose."),
    ("Sprain", "Right ankle", "Stepped off the mezzanine stairs onto a loose pallet."),
    ("Burn", "Right forearm", "Touched a hot press guard at the wash bay."),
    ("Crush injury", "Right foot", "A pallet jack rolled over the foot at the loading dock."),
    ("Hearing loss", "Both ears", "Years of work next to the press line without protection."),
]
CONTACT_RESULTS = [
    "Explained the claim process and what happens next.",
    "Left a voicemail asking for a call back.",
    "Confirmed the injury details and the treating doctor.",
    "Discussed light duties and a return to work date.",
]
FOLLOW_UPS = [
    ("Progress", "Called the worker about treatment progress.", "Physiotherapy twice a week; pain easing."),
    (
        "Return to work",
        "Called the employer about suitable duties.",
        "Modified duties available from Monday.",
    ),
    ("Treatment", "Spoke with the treating doctor's practice.", "Review booked in two weeks."),
    ("Wages", "Asked the employer for the last 52 weeks of pay.", "Payroll will send it this week."),
    ("Medical", "Requested the specialist's report.", "Report promised within ten days."),
    ("Check-in", "Emailed the worker a summary of entitlements.", ""),
]
NOTES = [
    "Worker prefers contact after 3 pm; mobile only.",
    "Employer confirmed the worker is on modified duties.",
    "File reviewed; no outstanding requests.",
    "Interpreter (Vietnamese) needed for calls.",
    "Supervisor statement received and saved to the file.",
]
MEDICAL = [
    ("Lumbar strain; advised rest and physiotherapy.", "Lumbar strain"),
    ("Wound sutured; review in 10 days.", "Laceration, left hand"),
    ("Undisplaced fracture; cast for six weeks.", "Fracture, left wrist"),
    ("Ankle sprain grade II; moon boot.", "Sprain, right ankle"),
]
DOCTORS = ["Dr A Patel", "Dr J Kim", "Dr S Moreau", "Dr L Okoye", "Dr R Fischer"]


# --- the scenarios ---------------------------------------------------------------------------------


@dataclass
class _Event:
    day: int  # days after the notification date (negative: before it)
    secs: int  # UTC seconds into that day
    order: int
    kind: str
    payload: dict[str, Any]
    slots: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # field -> (D|T, day, secs)
    claim: dict[str, str] = field(default_factory=dict)  # field -> EMP, WRK, ADJ, ADJ2, INJ, NOT
    refs: dict[str, _Event] = field(default_factory=dict)  # field -> event whose seq it names
    key_of: tuple[str, _Event] | None = None  # a waiver key "<rule>#<seq of that event>"
    sensitivity: str = "normal"
    seq: int = 0


@dataclass
class Scenario:
    """One claim's story as a template: its facts and its events, dates relative to notification."""

    jurisdiction: str
    claim_type: str
    significant_injury: bool
    fatal: bool
    status: str
    injury_lag: int
    knowledge_lag: int
    injury_time: str | None
    nature: str
    body_part: str
    description: str
    events: list[_Event]


#: Placeholders for numbers (unquoted in the JSON text); the others stand for dates, in quotes.
NUMERIC_TOKENS = ("EMP", "WRK", "ADJ", "ADJ2")


class _Story:
    def __init__(self, jurisdiction: str, rng: random.Random) -> None:
        self.j = jurisdiction
        self.rng = rng
        self.events: list[_Event] = []

    def add(
        self,
        day: int,
        kind: str,
        payload: dict[str, Any] | None = None,
        *,
        slots: dict[str, tuple[str, int, int]] | None = None,
        claim: dict[str, str] | None = None,
        refs: dict[str, _Event] | None = None,
        key_of: tuple[str, _Event] | None = None,
        sensitivity: str = "normal",
        secs: int | None = None,
    ) -> _Event:
        if secs is None:
            secs = WINDOW_START[self.j] + self.rng.randrange(1800, WINDOW)
        event = _Event(
            day=day,
            secs=secs,
            order=len(self.events),
            kind=kind,
            payload=payload or {},
            slots=slots or {},
            claim=claim or {},
            refs=refs or {},
            key_of=key_of,
            sensitivity=sensitivity,
        )
        for ref in event.refs.values():
            if (ref.day, ref.secs) >= (day, secs):
                event.day = ref.day + 1  # an answer never comes before the question
        self.events.append(event)
        return event

    def activity(
        self, day: int, party: str, channel: str, issue: str, action: str, result: str = ""
    ) -> _Event:
        direction = "inbound" if channel in ("fax", "portal") else "outbound"
        return self.add(
            day,
            "activity.logged",
            {
                "party": party,
                "channel": channel,
                "direction": direction,
                "issue": issue,
                "action": action,
                "result": result,
            },
        )

    def status(self, day: int, old: str, new: str, reason: str) -> _Event:
        return self.add(day, "claim.status_changed", {"from_status": old, "to_status": new, "reason": reason})

    def notice(self, day: int, notice: str, recipients: list[str], summary: str) -> _Event:
        return self.add(day, "notice.sent", {"notice": notice, "recipients": recipients, "summary": summary})

    def request(self, day: int, subject: str, party: str, description: str) -> _Event:
        return self.add(
            day,
            "request.received",
            {"subject": subject, "from_party": party, "description": description},
            slots={"received_on": ("D", day, 0)},
        )

    def certificate(self, day: int, capacity: str, length: int) -> _Event:
        return self.add(
            day,
            "work_status.recorded",
            {
                "capacity": capacity,
                "restrictions": "No lifting over 10 kg; seated work preferred."
                if capacity == "partial"
                else "",
                "certificate": True,
                "provider_name": self.rng.choice(DOCTORS),
            },
            slots={"from_date": ("D", day, 0), "to_date": ("D", day + length, 0)},
        )

    def milestone(self, day: int, milestone: str, summary: str = "") -> _Event:
        return self.add(day, "milestone.recorded", {"milestone": milestone, "summary": summary})


def _status_path(j: str, lost_time: bool, fatal: bool, rng: random.Random) -> list[tuple[int, str, str]]:
    """(day, new status, reason) moves from ``reported``; legal by ``claims.lifecycle``."""
    r = rng.random()
    if j == "NSW":
        first = rng.choice([1, 2, 3, 4, 5, 6, 7, 7, 9, 12])
        if fatal:
            return [
                (first, "under_investigation", "Death claim: investigation started."),
                (first + rng.randint(7, 20), "accepted", "Liability accepted for the death claim."),
            ]
        if r < 0.45 and lost_time:
            path = [(first, "provisionally_accepted", "Provisional liability while the claim is assessed.")]
            full = first + rng.randint(20, 95)
            path.append((full, "accepted", "Medical evidence supports the claim."))
            if rng.random() < 0.7:
                path.append((full + rng.randint(10, 40), "closed", "Worker back at pre-injury duties."))
            return path
        if r < 0.65:
            path = [(first, "accepted", "Liability accepted.")]
            if rng.random() < 0.8:
                path.append((first + rng.randint(20, 100), "closed", "Treatment complete."))
            return path
        if r < 0.82:
            return [
                (first, "under_investigation", "Factual investigation needed."),
                (first + rng.randint(3, 12), "denied", "Injury did not arise out of employment."),
                (first + rng.randint(40, 90), "closed", "No dispute lodged."),
            ]
        if r < 0.92:
            return [
                (first, "reasonable_excuse", "Insufficient medical information to start payments."),
                (first + rng.randint(5, 20), "accepted", "Certificate and report received."),
            ]
        return [(first, "provisionally_accepted", "Provisional liability while the claim is assessed.")]
    first = rng.choice([1, 2, 3, 5, 7, 10, 14, 18, 25])
    if fatal:
        return [
            (first, "under_investigation", "Fatality: investigation started."),
            (first + rng.randint(5, 20), "accepted", "Liability accepted for the death claim."),
        ]
    if r < 0.35:
        accepted = first
        path = [(accepted, "accepted", "Compensable injury.")]
        if lost_time:
            path.append((accepted + rng.randint(1, 10), "open", "Indemnity claim managed."))
            path.append((accepted + rng.randint(40, 110), "closed", "Returned to full duty; benefits ended."))
        else:
            path.append((accepted + rng.randint(15, 80), "closed", "Medical treatment complete."))
        return path
    if r < 0.55:
        ui = first
        acc = ui + rng.randint(5, 25)
        path = [
            (ui, "under_investigation", "Recorded statements needed."),
            (acc, "accepted", "Investigation supports the claim."),
            (acc + rng.randint(1, 7), "open", "Indemnity claim managed."),
        ]
        if rng.random() < 0.6:
            path.append((acc + rng.randint(60, 110), "finalised", "Final admission filed."))
        return path
    if r < 0.72:
        ui = first
        return [
            (ui, "under_investigation", "Witness statements conflict."),
            (ui + rng.randint(5, 20), "denied", "Not work related per the investigation."),
            (ui + rng.randint(30, 70), "closed", "Denial not contested."),
        ]
    if r < 0.82:
        closed = first + rng.randint(15, 50)
        return [
            (first, "accepted", "Compensable injury."),
            (closed, "closed", "Treatment complete."),
            (closed + rng.randint(20, 60), "reopened", "Worker reports a flare-up; new treatment."),
            (closed + rng.randint(61, 80), "open", "Reopened claim managed."),
        ]
    path = [(first, "accepted", "Compensable injury.")]
    if lost_time:
        path.append((first + rng.randint(1, 10), "open", "Indemnity claim managed."))
    return path


def build_scenarios(seed: int = 2026) -> list[Scenario]:
    """The scenarios, in a fixed order (claim ``id`` picks one by hash)."""
    from opencomp.claims import lifecycle

    rng = random.Random(seed)
    out = []
    for j in JURISDICTIONS:
        for i in range(SCENARIOS_PER_JURISDICTION):
            scenario = _scenario(j, i, rng)
            current = lifecycle.REPORTED
            for e in scenario.events:
                if e.kind == "claim.status_changed":
                    lifecycle.check_transition(current, e.payload["to_status"])
                    current = e.payload["to_status"]
            assert current == scenario.status  # noqa: S101 - a bug in the builder, not bad input
            out.append(scenario)
    return out


def _scenario(j: str, index: int, rng: random.Random) -> Scenario:
    lost_time = rng.random() < (0.6 if j == "NSW" else 0.5)
    fatal = j in ("NSW", "MN") and index % 29 == 11
    if fatal:
        lost_time = True
    significant = j == "NSW" and lost_time and rng.random() < 0.6
    injury_lag = rng.choice([0, 0, 0, 1, 1, 2, 3, 4, 7, 10])
    knowledge_lag = rng.randint(0, injury_lag)
    injury_time = rng.choice([None, "06:40:00", "09:15:00", "11:30:00", "14:05:00", "16:50:00"])
    nature, body_part, description = rng.choice(INJURIES)
    s = _Story(j, rng)
    start = WINDOW_START[j]
    s.add(
        0,
        "claim.created",
        {"jurisdiction": j, "claim_type": "lost_time" if lost_time else "medical_only"},
        claim={"employer_id": "EMP", "worker_id": "WRK", "injury_date": "INJ", "notification_date": "NOT"},
        secs=start + rng.randrange(0, 900),
    )
    handover = j == "NSW" and rng.random() < 0.15
    s.add(
        0,
        "claim.assigned",
        {"from_adjuster_id": None, "from_adjuster_name": "", "to_adjuster_name": "Claims adjuster"},
        claim={"to_adjuster_id": "ADJ2" if handover else "ADJ"},
        secs=start + 900 + rng.randrange(0, 600),
    )
    path = _status_path(j, lost_time, fatal, rng)
    close_day = next((d for d, st, _ in path if st in ("closed", "finalised")), None)
    end = close_day or (path[-1][0] + rng.randint(20, 60))
    end = min(end, 150)

    # First contacts: mostly within three business days, some late, some by email.
    late = rng.random() < 0.2
    for party, issue in (
        ("worker", "Initial contact"),
        ("employer", "Initial contact"),
        ("provider", "Treatment"),
    ):
        if party == "provider" and rng.random() < 0.3:
            continue
        day = rng.choice([0, 1, 1, 2, 3]) + (rng.randint(3, 8) if late else 0)
        channel = rng.choice(
            ["phone", "phone", "phone", "email"] if party != "provider" else ["phone", "fax"]
        )
        s.activity(
            day,
            party,
            channel,
            issue,
            f"Called the {party} about the new claim.",
            rng.choice(CONTACT_RESULTS),
        )
    if fatal:
        s.activity(1, "family", "phone", "Death claim", "Called the family to explain entitlements.")
        s.milestone(rng.randint(1, 6), "investigation_started", "Death claim investigation opened.")
        if j == "MN":
            s.activity(1, "regulator", "phone", "Fatality", "Notified the Department of the death.")

    # Reports to the regulator (US lost-time claims).
    if j in ("CO", "MN") and lost_time and rng.random() < 0.9:
        filed = rng.choice([2, 4, 6, 8, 9, 12, 15])
        s.add(
            filed,
            "report.filed",
            {
                "report": "first_report_of_injury",
                "filed_with": "Colorado Division of Workers' Compensation" if j == "CO" else "Minnesota DLI",
                "reference": f"FROI-{rng.randrange(10**6):06d}",
            },
        )

    # The status path and the notices that go with it.
    prev = "reported"
    accepted_day: int | None = None
    for day, new, reason in path:
        s.status(day, prev, new, reason)
        if j == "NSW":
            if new in ("accepted", "provisionally_accepted"):
                s.notice(
                    day + rng.choice([0, 1, 1, 2, 4]),
                    "death_liability" if fatal else "liability_decision",
                    ["worker", "employer"],
                    "Liability decision and entitlements.",
                )
            elif new == "denied":
                s.notice(
                    day + rng.choice([0, 1, 3, 8]), "dispute", ["worker", "employer"], "Section 78 notice."
                )
            elif new == "reasonable_excuse":
                s.notice(
                    day + rng.choice([0, 1, 2]),
                    "reasonable_excuse",
                    ["worker", "employer"],
                    "Reasonable excuse.",
                )
        if new in ("accepted", "provisionally_accepted") and accepted_day is None:
            accepted_day = day
        prev = new

    # Weekly payments and certificates (lost time, liability accepted).
    indemnity = lost_time and accepted_day is not None and (j != "CT" or rng.random() < 0.8)
    if indemnity:
        assert accepted_day is not None  # noqa: S101
        start_day = accepted_day + rng.choice([0, 1, 2, 5, 9])
        direct = j == "NSW" and rng.random() < 0.25
        s.add(
            start_day,
            "indemnity.commenced",
            {"benefit": "direct_payments" if direct else ("weekly_payments" if j == "NSW" else "TTD")},
            slots={"first_day": ("D", -injury_lag + 1, 0), "first_payment_on": ("D", start_day, 0)},
        )
        if direct:
            s.notice(
                start_day + rng.randint(1, 7), "direct_payments", ["worker"], "Payments go to you directly."
            )
    if lost_time:
        day = rng.randint(0, 4)
        capacity = rng.choice(["none", "partial", "partial"])
        while day < end - 5:
            length = rng.choice([14, 21, 28, 28])
            s.certificate(day, capacity, length)
            day += length + rng.choice([-3, 0, 0, 2, 6])
            capacity = rng.choice(["partial", "partial", "full"]) if capacity != "full" else "full"
    elif rng.random() < 0.4:
        s.certificate(rng.randint(0, 3), "partial", 14)

    # Jurisdiction-specific requests and milestones.
    if j == "NSW":
        s.milestone(rng.choice([3, 8, 12, 16, 20, 24]), "recovery_screen", "Recovery screen done.")
        if significant:
            plan = rng.choice([10, 15, 19, 22])
            while plan < end:
                s.milestone(plan, "injury_plan_issued", "Injury management plan issued to the worker.")
                plan += rng.choice([26, 28, 28, 33])
        if rng.random() < 0.55:
            req = s.request(
                rng.randint(5, max(6, end - 25)), "treatment", "provider", "Physiotherapy, 8 sessions."
            )
            if rng.random() < 0.5:
                s.add(
                    req.day + rng.randint(1, 9),
                    "request.acknowledged",
                    {"note": "Received."},
                    refs={"request_seq": req},
                )
            if rng.random() < 0.9:
                decided = s.add(
                    req.day + rng.choice([3, 10, 18, 20, 26]),
                    "request.decided",
                    {"decision": rng.choice(["approved", "approved", "partly_approved", "declined"])},
                    refs={"request_seq": req},
                )
                s.notice(
                    decided.day + rng.choice([0, 1, 3]),
                    "treatment_decision",
                    ["worker", "provider"],
                    "Decision on treatment.",
                )
        if lost_time and rng.random() < 0.5:
            req = s.request(rng.randint(3, 20), "piawe_information", "employer", "Pay slips for 52 weeks.")
            recalculated = s.milestone(
                req.day + rng.choice([2, 4, 6, 9]), "piawe_recalculated", "PIAWE recalculated."
            )
            s.milestone(
                recalculated.day + rng.choice([5, 10, 16]), "piawe_adjustment_paid", "Adjustment paid."
            )
        if rng.random() < 0.3:
            subject = rng.choice(["invoice", "wage_reimbursement"])
            req = s.request(
                rng.randint(5, max(6, end - 15)),
                subject,
                "employer" if subject != "invoice" else "provider",
                "",
            )
            s.add(
                req.day + rng.choice([4, 9, 16]),
                "request.completed",
                {"note": "Paid."},
                refs={"request_seq": req},
            )
        if handover:
            day = rng.randint(10, max(11, end - 10))
            s.add(
                day,
                "claim.assigned",
                {
                    "from_adjuster_name": "Claims adjuster",
                    "to_adjuster_name": "Claims adjuster",
                    "reason": "Workload.",
                },
                claim={"from_adjuster_id": "ADJ2", "to_adjuster_id": "ADJ"},
            )
            s.activity(
                day + rng.choice([1, 3, 9]), "worker", "phone", "New case manager", "Introduced myself."
            )
        if rng.random() < 0.15 and indemnity:
            ime = rng.randint(30, max(31, end + 20))
            s.add(
                max(1, ime - 25),
                "schedule.recorded",
                {"subject": "ime", "details": "Orthopaedic IME."},
                slots={"on": ("D", ime, 0)},
            )
            s.notice(max(2, ime - rng.choice([8, 15, 20])), "ime_appointment", ["worker"], "IME appointment.")
    elif j == "CO":
        if rng.random() < 0.4:
            at = (-injury_lag, (int((injury_time or "00:00:00")[:2]) + UTC_OFFSET_HOURS[j]) * 3600)
            tested = rng.random()
            payload: dict[str, Any] = {"test_id": 1000 + index, "reason": "post_accident"}
            slots = {"accident_at": ("T", at[0], at[1])}
            if tested < 0.7:
                slots["alcohol_tested_at"] = ("T", at[0], at[1] + rng.choice([1, 3, 5, 10]) * 3600)
                slots["drug_tested_at"] = ("T", at[0], at[1] + rng.choice([2, 6, 20, 40]) * 3600)
            elif tested < 0.85:
                payload["reason"] = "not_required"
            else:
                payload["reason_not_tested"] = "Worker taken to hospital; test not possible in time."
            s.add(rng.randint(0, 2), "drug_alcohol_test.recorded", payload, slots=slots)
        if lost_time and rng.random() < 0.5:
            restrictions = s.certificate(rng.randint(1, 6), "partial", 14)
            s.notice(
                restrictions.day + rng.choice([1, 3, 5, 9]),
                "modified_duty_offer",
                ["worker"],
                "Temporary modified duty offer (certified mail).",
            )
            started = rng.randint(restrictions.day + 3, restrictions.day + 12)
            if started < end:
                s.milestone(started, "modified_duty_started", "Light duty in the tool crib.")
                review = started + rng.choice([20, 28, 30, 35])
                while review < end:
                    s.milestone(
                        review,
                        "modified_duty_reviewed",
                        "Light duty reviewed with the doctor's restrictions.",
                    )
                    review += rng.choice([25, 30, 30, 40])
                if rng.random() < 0.6:
                    s.milestone(min(end - 1, review - 5), "modified_duty_ended", "Back to full duty.")
        if rng.random() < 0.2:
            req = s.request(
                rng.randint(5, max(6, end - 25)), "physician_change", "worker", "Wants a different ATP."
            )
            s.add(
                req.day + rng.choice([5, 12, 19, 24]),
                "request.decided",
                {"decision": rng.choice(["approved", "declined"])},
                refs={"request_seq": req},
            )
    elif j == "MN" and lost_time and not indemnity and rng.random() < 0.5:
        s.add(
            rng.choice([7, 12, 16]),
            "indemnity.commenced",
            {"benefit": "TTD"},
            slots={"first_day": ("D", -injury_lag + 1, 0), "first_payment_on": ("D", 12, 0)},
        )

    # The adjuster's own diary and information requests (every jurisdiction; CT has only these).
    diary = None
    for _ in range(rng.choice([0, 1, 1, 2, 3] if j == "CT" else [0, 0, 1, 1, 2])):
        day = rng.randint(1, max(2, end - 10))
        due = day + rng.choice([7, 14, 21, 30])
        diary = s.add(
            day,
            "diary.entry_added",
            {
                "title": rng.choice(
                    ["Review medical report", "Chase wage statement", "Check return to work"]
                ),
                "details": "",
            },
            slots={"due_on": ("D", due, 0)},
        )
        if rng.random() < 0.75:
            s.add(
                min(end, due + rng.choice([-5, -2, 0, 3])),
                "diary.entry_completed",
                {"note": "Done."},
                refs={"entry_seq": diary},
            )
    for _ in range(rng.choice([0, 1, 2] if j == "CT" else [0, 0, 1])):
        day = rng.randint(1, max(2, end - 10))
        due = day + rng.choice([10, 14, 21])
        info = s.add(
            day,
            "info.requested",
            {
                "party": rng.choice(["employer", "provider", "worker"]),
                "party_name": "",
                "what": "Wage records and roster.",
            },
            slots={"due_on": ("D", due, 0)},
        )
        if rng.random() < 0.7:
            s.add(
                min(end, due + rng.choice([-6, -1, 4])),
                "info.received",
                {"note": "Received."},
                refs={"request_seq": info},
            )

    # Waivers of an obligation the claim has (the key names the rule and its trigger event).
    if rng.random() < 0.12:
        waivable = {
            "NSW": ("nsw.recovery_screen", "Screen for recoveries"),
            "CO": ("co.first_report_division", "File the first report of injury with the Division"),
            "MN": ("mn.first_report_filing", "File the first report of injury with the Department"),
            "CT": None,
        }[j]
        if waivable and (j == "NSW" or lost_time):
            s.add(
                rng.randint(2, 20),
                "obligation.waived",
                {
                    "key": f"{waivable[0]}#1",
                    "rule_id": waivable[0],
                    "title": waivable[1],
                    "reason": "Duplicate claim.",
                },
            )
        elif diary is not None:
            s.add(
                diary.day + 1,
                "obligation.waived",
                {"rule_id": "diary.entry", "title": "Diary entry", "reason": "No longer needed."},
                key_of=("diary.entry", diary),
            )

    # Follow-up contacts, notes and medical notes to a realistic length.
    target = rng.choice([12, 14, 16, 18, 19, 20, 21, 22, 24, 26, 30])
    last_open = (close_day or end) - 1
    while len(s.events) < target:
        day = rng.randint(1, max(1, last_open))
        pick = rng.random()
        if pick < 0.6:
            issue, action, result = rng.choice(FOLLOW_UPS)
            s.activity(
                day,
                rng.choice(["worker", "employer", "provider"]),
                rng.choice(["phone", "email"]),
                issue,
                action,
                result,
            )
        elif pick < 0.8:
            s.add(day, "note.added", {"text": rng.choice(NOTES)})
        else:
            summary, diagnosis = rng.choice(MEDICAL)
            s.add(
                day,
                "medical.note_recorded",
                {"summary": summary, "diagnosis": diagnosis, "provider_name": rng.choice(DOCTORS)},
                sensitivity="medical",
            )
    if close_day is not None:
        s.activity(
            close_day + rng.choice([0, 1, 2]), "worker", "letter", "Closure", "Sent the closing letter."
        )

    events = sorted(s.events, key=lambda e: (e.day, e.secs, e.order))
    created = events[0]
    if created.kind != "claim.created":  # something was put before the notification day
        raise AssertionError(f"{j} scenario {index}: {created.kind} before claim.created")
    for seq, event in enumerate(events, start=1):
        event.seq = seq
    status = path[-1][1]
    claim_type = "lost_time" if lost_time else "medical_only"
    return Scenario(
        jurisdiction=j,
        claim_type=claim_type,
        significant_injury=significant,
        fatal=fatal,
        status=status,
        injury_lag=injury_lag,
        knowledge_lag=knowledge_lag,
        injury_time=injury_time,
        nature=nature,
        body_part=body_part,
        description=description,
        events=events,
    )


def _template_payload(event: _Event) -> str:
    """The event's payload as JSON text, validated, with ``@TOKEN@`` placeholders for what varies."""
    from opencomp.claims.events import validate_payload

    sample_day = dt.date(2024, 1, 1)
    sample: dict[str, Any] = dict(event.payload)
    for name, ref in event.refs.items():
        if ref.seq >= event.seq:
            raise AssertionError(f"{event.kind} refers to a later event")
        sample[name] = ref.seq
    if event.key_of is not None:
        sample["key"] = f"{event.key_of[0]}#{event.key_of[1].seq}"
    for name, (kind, day, secs) in event.slots.items():
        moment = dt.datetime.combine(sample_day, dt.time.min, tzinfo=dt.UTC) + dt.timedelta(
            days=day, seconds=secs
        )
        sample[name] = moment if kind == "T" else sample_day + dt.timedelta(days=day)
    for name, token in event.claim.items():
        sample[name] = sample_day if token in ("INJ", "NOT") else 1
    stored = validate_payload(event.kind, sample)
    for i, name in enumerate(event.slots, start=1):
        stored[name] = f"@{event.slots[name][0]}{i}@"
    for name, token in event.claim.items():
        stored[name] = f"@{token}@"
    text = json.dumps(stored)
    for token in NUMERIC_TOKENS:
        text = text.replace(f'"@{token}@"', f"@{token}@")
    return text


# --- SQL for both databases -------------------------------------------------------------------------


class _Dialect:
    """The few expressions PostgreSQL and SQLite write differently."""

    def __init__(self, vendor: str) -> None:
        if vendor not in ("postgresql", "sqlite"):
            raise ValueError(f"the generator supports PostgreSQL and SQLite, not {vendor}")
        self.pg = vendor == "postgresql"

    def numbers(self, lo: int, hi: int) -> str:
        if self.pg:
            return f"generate_series({lo:d}, {hi:d}) AS g(i)"
        return f"(WITH RECURSIVE n(i) AS (VALUES ({lo:d}) UNION ALL SELECT i + 1 FROM n WHERE i < {hi:d}) SELECT i FROM n) AS g"  # noqa: E501, S608

    def date(self, iso: str) -> str:
        dt.date.fromisoformat(iso)
        return f"DATE '{iso}'" if self.pg else f"'{iso}'"

    def plus_days(self, day: str, n: str) -> str:
        return f"(({day}) + ({n}))" if self.pg else f"date({day}, printf('%+d days', {n}))"

    def date_text(self, day: str, n: str = "0") -> str:
        return f"to_char(({day}) + ({n}), 'YYYY-MM-DD')" if self.pg else self.plus_days(day, n)

    def moment(self, day: str, n: str, secs: str) -> str:
        if self.pg:
            return f"((({day}) + ({n}))::timestamp + ({secs}) * interval '1 second') AT TIME ZONE 'UTC'"
        return f"datetime({day}, printf('%+d days', {n}), printf('%+d seconds', {secs}))"

    def moment_text(self, day: str, n: str, secs: str) -> str:
        if self.pg:
            return (
                f"to_char((({day}) + ({n}))::timestamp + ({secs}) * interval '1 second',"
                ' \'YYYY-MM-DD"T"HH24:MI:SS"Z"\')'
            )
        return (
            f"strftime('%Y-%m-%dT%H:%M:%SZ', {day}, printf('%+d days', {n}), printf('%+d seconds', {secs}))"
        )

    def year2(self, day: str) -> str:
        return f"to_char({day}, 'YY')" if self.pg else f"substr(strftime('%Y', {day}), 3, 2)"

    def pad7(self, number: str) -> str:
        return f"lpad(CAST({number} AS text), 7, '0')" if self.pg else f"printf('%07d', {number})"

    def jsonb(self, text: str) -> str:
        return f"CAST({text} AS jsonb)" if self.pg else text


def _hash(column: str, what: str) -> str:
    return f"(CAST({column} AS BIGINT) * {_HASH[what]} % {_PRIME})"


@dataclass
class GenerateStats:
    claims: int = 0
    events: int = 0
    seconds: float = 0.0
    scenarios: int = 0


def generate(
    n_claims: int,
    *,
    employers_per_jurisdiction: int = EMPLOYERS_PER_JURISDICTION,
    workers_per_employer: int = WORKERS_PER_EMPLOYER,
    batch: int = 100_000,
    time_order: bool = True,
    bulk_load: bool = False,
    progress: Callable[[str], None] | None = None,
) -> GenerateStats:
    """Add ``n_claims`` claims (ids 1..n) with their event logs to the (empty) Django database.

    Set-based: the parties are a few hundred ORM rows; claims and events are one
    ``INSERT ... SELECT`` per batch of claims, joining a sequence of claim numbers with the
    scenario templates. On PostgreSQL each batch's events go in ordered by time (a live
    system's heap order), unless ``time_order`` is off. ``bulk_load`` (PostgreSQL, a database
    of its own): the two tables' secondary indexes and unique constraints are dropped for the
    load and built again after it, and foreign keys are not checked row by row (the rows are
    right by construction; the test suite checks the generator).
    """
    from django.db import connection, transaction

    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    d = _Dialect(connection.vendor)
    scenarios = build_scenarios()
    with transaction.atomic():
        employers, workers = _seed_parties(employers_per_jurisdiction, workers_per_employer)
        _load_helpers(scenarios, employers, workers)
    say(f"{len(scenarios)} scenarios, {len(employers)} employers, {len(workers)} workers")
    span = (LAST_NOTIFICATION - FIRST_NOTIFICATION).days + 1
    epj, wpe = employers_per_jurisdiction, workers_per_employer
    notif = d.plus_days(d.date(FIRST_NOTIFICATION.isoformat()), f"(g.i - 1) * {span:d} / {n_claims:d}")
    claims_sql = f"""
        INSERT INTO claims_claim (id, number, jurisdiction, employer_id, administrator_id, establishment_id,
            worker_id, employment_id, source_report_id, injury_date, injury_time, employer_knowledge_date,
            notification_date, claim_type, significant_injury, fatal, nature_of_injury, body_part,
            description, status, status_changed_at, assigned_adjuster_id, last_event_seq, created_at,
            updated_at)
        SELECT x.i, s.jurisdiction || '-' || {d.year2("x.notif")} || '-' || {d.pad7("x.i")}, s.jurisdiction,
            e.employer_id, e.administrator_id, NULL, w.worker_id, w.employment_id, NULL,
            {d.plus_days("x.notif", "-s.injury_lag")}, s.injury_time,
            {d.plus_days("x.notif", "-s.knowledge_lag")},
            x.notif, s.claim_type, s.significant, s.fatal, s.nature, s.body_part, s.description, s.status,
            {d.moment("x.notif", "s.status_day", "s.status_secs + x.jitter")}, e.adjuster_id, s.n_events,
            {d.moment("x.notif", "0", "s.created_secs + x.jitter")},
            {d.moment("x.notif", "s.last_day", "s.last_secs + x.jitter")}
        FROM (
            SELECT g.i, {notif} AS notif, {_hash("g.i", "scenario")} % {len(scenarios):d} AS scenario,
                {_hash("g.i", "employer")} % {epj:d} AS ek, {_hash("g.i", "worker")} % {wpe:d} AS wk,
                {_hash("g.i", "jitter")} % {JITTER:d} AS jitter
            FROM {{numbers}}
        ) x
        JOIN bench_scenario s ON s.idx = x.scenario
        JOIN bench_employer e ON e.jurisdiction = s.jurisdiction AND e.k = x.ek
        JOIN bench_worker w ON w.employer_id = e.employer_id AND w.k = x.wk
    """  # noqa: S608 - every value is the bench's own
    payload = "t.payload"
    for token, value in (
        ("@EMP@", "CAST(c.employer_id AS TEXT)"),
        ("@WRK@", "CAST(c.worker_id AS TEXT)"),
        ("@ADJ@", "CAST(c.assigned_adjuster_id AS TEXT)"),
        ("@ADJ2@", "CAST(e.adjuster2_id AS TEXT)"),
        ("@INJ@", d.date_text("c.injury_date")),
        ("@NOT@", d.date_text("c.notification_date")),
        *((f"@D{k}@", d.date_text("c.notification_date", f"t.day{k}")) for k in (1, 2, 3)),
        *((f"@T{k}@", d.moment_text("c.notification_date", f"t.day{k}", f"t.secs{k}")) for k in (1, 2, 3)),
    ):
        payload = f"replace({payload}, '{token}', {value})"
    jitter = f"{_hash('c.id', 'jitter')} % {JITTER:d}"
    order = "ORDER BY occurred_at, c.id, t.seq" if (d.pg and time_order) else ""
    events_sql = f"""
        INSERT INTO claims_claimevent (claim_id, seq, kind, occurred_at, recorded_at, actor_id, payload,
            sensitivity, corrects_id)
        SELECT c.id, t.seq, t.kind,
            {d.moment("c.notification_date", "t.day", f"t.secs + {jitter}")} AS occurred_at,
            {d.moment("c.notification_date", "t.day", f"t.secs + t.recorded_after + {jitter}")},
            CASE WHEN t.seq = 1 THEN NULL ELSE c.assigned_adjuster_id END,
            {d.jsonb(f"CASE WHEN t.dynamic = 1 THEN {payload} ELSE t.payload END")}, t.sensitivity, NULL
        FROM claims_claim c
        JOIN bench_template t ON t.scenario = {_hash("c.id", "scenario")} % {len(scenarios):d}
        JOIN bench_employer e ON e.employer_id = c.employer_id
        WHERE c.id BETWEEN {{lo}} AND {{hi}}
        {order}
    """  # noqa: S608 - every value is the bench's own
    stats = GenerateStats(scenarios=len(scenarios))
    bulk_load = bulk_load and d.pg
    with connection.cursor() as cursor:
        rebuild = _drop_indexes(cursor, ("claims_claim", "claims_claimevent")) if bulk_load else []
        for lo in range(1, n_claims + 1, batch):
            hi = min(n_claims, lo + batch - 1)
            with transaction.atomic():
                if d.pg:
                    cursor.execute("SET LOCAL work_mem = '512MB'")
                    cursor.execute("SET LOCAL synchronous_commit = off")
                if bulk_load:
                    cursor.execute("SET LOCAL session_replication_role = replica")
                cursor.execute(claims_sql.replace("{numbers}", d.numbers(lo, hi)))
                stats.claims += cursor.rowcount
                cursor.execute(events_sql.replace("{lo}", str(lo)).replace("{hi}", str(hi)))
                stats.events += cursor.rowcount
            say(
                f"claims {hi:,}/{n_claims:,}, events {stats.events:,} ({time.perf_counter() - started:.0f} s)"
            )
        if rebuild:
            say(f"building {len(rebuild)} indexes ({time.perf_counter() - started:.0f} s)")
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for statement in rebuild:
                cursor.execute(statement)
            cursor.execute("RESET maintenance_work_mem")
        if d.pg:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('claims_claim', 'id'),"
                " (SELECT max(id) FROM claims_claim))"
            )
        for table in ("bench_template", "bench_scenario", "bench_worker", "bench_employer"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
    stats.seconds = time.perf_counter() - started
    return stats


def _drop_indexes(cursor: Any, tables: tuple[str, ...]) -> list[str]:
    """Drop the tables' unique constraints and indexes but the primary keys; the SQL to make them again."""
    rebuild = []
    for table in tables:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = %s::regclass AND contype = 'u'",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            " WHERE x.indrelid = %s::regclass AND NOT x.indisprimary"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            [table],
        )
        indexes = cursor.fetchall()
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            rebuild.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for name, definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
            rebuild.append(definition)
    return rebuild


def _seed_parties(epj: int, wpe: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Administrators, adjusters, employers (some with policies) and workers employed by them.

    Returns the rows of the ``bench_employer`` and ``bench_worker`` helper tables.
    """
    from decimal import Decimal

    from opencomp.accounts.models import Organisation, User
    from opencomp.parties.models import Employment, Worker

    rng = random.Random(11)
    at = dt.datetime(2022, 12, 1, tzinfo=dt.UTC)
    admins = Organisation.objects.bulk_create(
        [
            Organisation(kind="insurer", name="Bench Mutual", jurisdiction="CO", created_at=at),
            Organisation(kind="tpa", name="Bench Claims Services", jurisdiction="MN", created_at=at),
            Organisation(kind="insurer", name="Bench Workers Insurance", jurisdiction="NSW", created_at=at),
        ]
    )
    staff: dict[int, list[User]] = {}
    users = [
        User(
            username=f"bench_adjuster_{admin.pk}_{k}",
            password="!",  # unusable
            role="adjuster",
            organisation=admin,
            first_name=rng.choice(GIVEN),
            last_name=rng.choice(FAMILY),
        )
        for admin in admins
        for k in range(3)
    ]
    for user in User.objects.bulk_create(users):
        staff.setdefault(user.organisation_id or 0, []).append(user)
    employers = []
    for j in JURISDICTIONS:
        for k in range(epj):
            policies: list[str] = []
            if j == "CO" and k % 4 == 0:
                policies = ["post_accident_testing", "modified_duty_program", "light_duty_review"]
            elif j == "CO" and k % 4 == 1:
                policies = ["light_duty_review"]
            admin = admins[2] if j == "NSW" else admins[k % 2]
            employers.append(
                Organisation(
                    kind="employer",
                    name=f"Bench {j} employer {k:03d}",
                    jurisdiction=j,
                    claims_administrator=admin,
                    policies=policies,
                    created_at=at,
                )
            )
    employers = Organisation.objects.bulk_create(employers)
    worker_rows = [
        Worker(
            given_name=rng.choice(GIVEN),
            family_name=rng.choice(FAMILY),
            date_of_birth=dt.date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28)),
            country="AU" if employer.jurisdiction == "NSW" else "US",
            created_at=at,
        )
        for employer in employers
        for _ in range(wpe)
    ]
    saved_workers = Worker.objects.bulk_create(worker_rows)
    employments = Employment.objects.bulk_create(
        [
            Employment(
                worker=worker,
                employer=employers[i // wpe],
                job_title="Operator",
                hire_date=dt.date(2010 + rng.randrange(12), 1 + rng.randrange(12), 1),
                employment_type="full_time",
                hours_per_week=Decimal(38),
                days_per_week=Decimal(5),
            )
            for i, worker in enumerate(saved_workers)
        ]
    )
    employer_rows = []
    for i, employer in enumerate(employers):
        admin_id = employer.claims_administrator_id or employer.pk
        adjusters = staff[admin_id]
        k = i % epj
        employer_rows.append(
            (
                employer.jurisdiction,
                k,
                employer.pk,
                admin_id,
                adjusters[k % len(adjusters)].pk,
                adjusters[(k + 1) % len(adjusters)].pk,
            )
        )
    worker_table = [
        (employment.employer_id, i % wpe, employment.worker_id, employment.pk)
        for i, employment in enumerate(employments)
    ]
    return employer_rows, worker_table


SCENARIO_COLUMNS = (
    "idx integer PRIMARY KEY, jurisdiction varchar(8), claim_type varchar(16), significant boolean,"
    " fatal boolean, status varchar(24), injury_lag integer, knowledge_lag integer, injury_time time,"
    " nature varchar(120), body_part varchar(120), description text, n_events integer, status_day integer,"
    " status_secs integer, created_secs integer, last_day integer, last_secs integer"
)
TEMPLATE_COLUMNS = (
    "scenario integer, seq integer, kind varchar(40), day integer, secs integer, recorded_after integer,"
    " payload text, dynamic integer, sensitivity varchar(20), day1 integer, secs1 integer, day2 integer,"
    " secs2 integer, day3 integer, secs3 integer, PRIMARY KEY (scenario, seq)"
)
EMPLOYER_COLUMNS = (
    "jurisdiction varchar(8), k integer, employer_id bigint PRIMARY KEY, administrator_id bigint,"
    " adjuster_id bigint, adjuster2_id bigint"
)
WORKER_COLUMNS = (
    "employer_id bigint, k integer, worker_id bigint, employment_id bigint, PRIMARY KEY (employer_id, k)"
)


def _load_helpers(
    scenarios: list[Scenario], employers: list[tuple[Any, ...]], workers: list[tuple[Any, ...]]
) -> None:
    from django.db import connection

    scenario_rows = []
    template_rows = []
    for idx, sc in enumerate(scenarios):
        status_event = max(
            (e for e in sc.events if e.kind == "claim.status_changed"),
            key=lambda e: e.seq,
            default=sc.events[0],
        )
        last = sc.events[-1]
        scenario_rows.append(
            (
                idx,
                sc.jurisdiction,
                sc.claim_type,
                sc.significant_injury,
                sc.fatal,
                sc.status,
                sc.injury_lag,
                sc.knowledge_lag,
                sc.injury_time,
                sc.nature,
                sc.body_part,
                sc.description,
                len(sc.events),
                status_event.day,
                status_event.secs,
                sc.events[0].secs,
                last.day,
                last.secs,
            )
        )
        rng = random.Random(idx)
        for e in sc.events:
            text = _template_payload(e)
            slots = list(e.slots.values()) + [("D", 0, 0)] * (3 - len(e.slots))
            if len(slots) > 3:
                raise AssertionError(f"{e.kind}: more than three date fields")
            template_rows.append(
                (
                    idx,
                    e.seq,
                    e.kind,
                    e.day,
                    e.secs,
                    0 if e.seq == 1 else rng.randrange(30, 3600),
                    text,
                    1 if "@" in text else 0,
                    e.sensitivity,
                    slots[0][1],
                    slots[0][2],
                    slots[1][1],
                    slots[1][2],
                    slots[2][1],
                    slots[2][2],
                )
            )
    with connection.cursor() as cursor:
        for table in ("bench_template", "bench_scenario", "bench_worker", "bench_employer"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        for table, (columns, rows) in {
            "bench_scenario": (SCENARIO_COLUMNS, scenario_rows),
            "bench_template": (TEMPLATE_COLUMNS, template_rows),
            "bench_employer": (EMPLOYER_COLUMNS, employers),
            "bench_worker": (WORKER_COLUMNS, workers),
        }.items():
            cursor.execute(f"CREATE TEMP TABLE {table} ({columns})")
            marks = ", ".join(["%s"] * len(rows[0]))
            cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608
        if connection.vendor == "postgresql":
            for table in ("bench_template", "bench_scenario", "bench_worker", "bench_employer"):
                cursor.execute(f"ANALYZE {table}")


# --- the measured phases (each in a child process with Django set up) ------------------------------


def _rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _backend_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (local server only)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]  # cheap, and right after a reconnection too
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


FLOOR_SQL = "SELECT claim_id, seq, kind, occurred_at, payload FROM claims_claimevent ORDER BY claim_id, seq"


def floor_scan(*, decode: bool = False, fetch: int = 20_000) -> dict[str, Any]:
    """One ordered scan of the event table streamed to Python, rows unpacked as ``batch`` does."""
    from django.db import connection, transaction

    cpu0, server0 = _cpu_seconds(), _backend_cpu()
    started = time.perf_counter()
    events = claims = 0
    last = None
    loads = json.loads
    with transaction.atomic():
        connection.ensure_connection()
        with connection.connection.cursor(name="bench_floor") as cursor:
            cursor.execute(FLOOR_SQL)
            while rows := cursor.fetchmany(fetch):
                for claim_id, _seq, _kind, _occurred_at, payload in rows:
                    if decode and isinstance(payload, str):
                        loads(payload)
                    if claim_id != last:
                        claims += 1
                        last = claim_id
                events += len(rows)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "events": events,
        "claims": claims,
        "client_cpu": _cpu_seconds() - cpu0,
        "server_cpu": _backend_cpu() - server0,
    }


def phase_floor() -> dict[str, Any]:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN DECLARE bench_plan CURSOR FOR {FLOOR_SQL}")
        plan = [row[0] for row in cursor.fetchall()]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claims_claimevent")
        counted = cursor.fetchone()[0]
    count_seconds = time.perf_counter() - started
    runs = [floor_scan() for _ in range(2)]
    decoded = floor_scan(decode=True)
    best = min(runs, key=lambda r: r["seconds"])
    return {
        **best,
        "runs": [round(r["seconds"], 3) for r in runs],
        "decode_seconds": decoded["seconds"],
        "count_seconds": count_seconds,
        "count": counted,
        "plan": plan[0].split("  (")[0].strip() if plan else "",
        "plan_nodes": [line.strip().split("  (")[0] for line in plan],
        "peak_rss": _rss_bytes(),
        "load_average": os.getloadavg()[0],
    }


def _vacuum_obligations() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE deadlines_obligation")


def code_version() -> str:
    """A short hash of the code a recompute runs (batch, engine, packs), to tell runs apart."""
    import hashlib

    digest = hashlib.sha1(usedforsecurity=False)
    paths = [ROOT / "opencomp/deadlines/batch.py", ROOT / "opencomp/deadlines/engine.py"]
    paths += sorted((ROOT / "opencomp/jurisdictions/packs").glob("*.yaml"))
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def phase_recompute(chunk_size: int) -> dict[str, Any]:
    from django.db import connection

    from opencomp.deadlines.batch import recompute

    code = code_version()  # what was just imported
    rss_before = _rss_bytes()
    runs = []
    for _ in range(2):
        _vacuum_obligations()
        cpu0, server0 = _cpu_seconds(), _backend_cpu()
        stats = recompute(chunk_size=chunk_size)
        runs.append(
            {
                "seconds": stats.seconds,
                "claims": stats.claims,
                "events": stats.events,
                "obligations": stats.obligations,
                "client_cpu": _cpu_seconds() - cpu0,
                "server_cpu": _backend_cpu() - server0,
            }
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT status, count(*) FROM deadlines_obligation GROUP BY status ORDER BY 2 DESC")
        by_status = dict(cursor.fetchall())
    best = min(runs, key=lambda r: r["seconds"])
    return {
        **best,
        "runs": [round(r["seconds"], 3) for r in runs],
        "by_status": by_status,
        "rss_before": rss_before,
        "peak_rss": _rss_bytes(),
        "load_average": os.getloadavg()[0],
        "code": code,
    }


class _Steps:
    """Wall, client CPU and server CPU seconds per named step."""

    def __init__(self) -> None:
        self.totals: dict[str, list[float]] = {}
        self._mark = self._now()

    @staticmethod
    def _now() -> tuple[float, float, float]:
        return time.perf_counter(), time.process_time(), _backend_cpu()

    def lap(self, name: str) -> None:
        now = self._now()
        spent = [b - a for a, b in zip(self._mark, now, strict=True)]
        self.totals[name] = [x + y for x, y in zip(self.totals.get(name, [0.0] * 3), spent, strict=True)]
        self._mark = self._now()  # reading the server's CPU costs a little; not counted


def split_recompute(chunk_size: int) -> dict[str, list[float]]:
    """``batch._recompute_range`` step by step (same queries, same order), each step timed."""
    from itertools import groupby

    from django.db import connection, transaction

    from opencomp.claims.models import Claim
    from opencomp.core import clock
    from opencomp.deadlines import batch, engine
    from opencomp.deadlines.models import Obligation
    from opencomp.deadlines.packs import pack

    ids = Claim.objects.order_by("pk").values_list("pk", flat=True)
    lo, hi = ids.first(), ids.last()
    assert lo is not None  # noqa: S101
    assert hi is not None  # noqa: S101
    steps = _Steps()
    for start, end in batch._ranges(lo, hi, chunk_size):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id FROM claims_claim WHERE id BETWEEN %s AND %s FOR SHARE", [start, end]
                )
            steps.lap("lock claims")
            rows = Claim.objects.filter(pk__gte=start, pk__lte=end).values(*batch.CLAIM_COLUMNS)
            facts = {row["id"]: batch._facts(row) for row in rows}
            steps.lap("read claim facts")
            groups = [
                (claim_id, [record for _, record in group])
                for claim_id, group in groupby(batch._events(start, end, ""), key=lambda item: item[0])
            ]
            steps.lap("read events")
            now = clock.now()
            found = [
                (claim_id, engine.obligations(facts[claim_id], records, pack(facts[claim_id].jurisdiction)))
                for claim_id, records in groups
            ]
            steps.lap("engine")
            tuples = [
                batch._as_tuple(claim_id, o, now) for claim_id, obligations in found for o in obligations
            ]
            steps.lap("rows for COPY")
            Obligation.objects.filter(claim_id__gte=start, claim_id__lte=end).delete()
            steps.lap("delete old rows")
            batch._copy_rows(tuples)
            steps.lap("COPY new rows")
        steps.lap("commit")
    return steps.totals


def phase_profile(chunk_size: int, top: int = 25) -> dict[str, Any]:
    """Where a recompute's time goes: its steps timed apart (best of 2), then a cProfile run."""
    import cProfile
    import io
    import pstats

    from opencomp.deadlines import batch

    splits = []
    for _ in range(2):
        _vacuum_obligations()
        splits.append(split_recompute(chunk_size))
    split = min(splits, key=lambda t: sum(v[1] + v[2] for v in t.values()))
    profiler = cProfile.Profile()
    _vacuum_obligations()
    profiler.runcall(batch.recompute, chunk_size=chunk_size)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return {"steps": split, "cprofile": out.getvalue()}


def phase_generate(size: int, time_order: bool) -> dict[str, Any]:
    from django.db import connection

    stats = generate(
        size,
        time_order=time_order,
        bulk_load=True,
        progress=lambda msg: print(f"  {msg}", file=sys.stderr, flush=True),
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (FREEZE, ANALYZE)")
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_diary_marker (size bigint, version text, claims bigint,"
            " events bigint, time_order boolean, seconds double precision,"
            " created_at timestamptz DEFAULT now())"
        )
        cursor.execute("DELETE FROM bench_diary_marker")
        cursor.execute(
            "INSERT INTO bench_diary_marker (size, version, claims, events, time_order, seconds)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            [size, GENERATOR_VERSION, stats.claims, stats.events, time_order, stats.seconds],
        )
        cursor.execute("SELECT kind, count(*) FROM claims_claimevent GROUP BY kind ORDER BY 2 DESC")
        kinds = dict(cursor.fetchall())
        cursor.execute(
            "SELECT pg_relation_size('claims_claimevent'), pg_total_relation_size('claims_claimevent'),"
            " pg_database_size(current_database())"
        )
        heap, total, database = cursor.fetchone()
    return {
        "claims": stats.claims,
        "events": stats.events,
        "seconds": stats.seconds,
        "vacuum_seconds": time.perf_counter() - started,
        "kinds": kinds,
        "event_heap_bytes": heap,
        "event_total_bytes": total,
        "database_bytes": database,
    }


def child_main(args: argparse.Namespace) -> int:
    os.environ.update(django_env(args.database_url))
    import django

    django.setup()
    if args.phase == "generate":
        result = phase_generate(args.size, not args.claim_order)
    elif args.phase == "floor":
        result = phase_floor()
    elif args.phase == "recompute":
        result = phase_recompute(args.chunk_size)
    else:
        result = phase_profile(args.chunk_size)
    print(json.dumps(result, default=str))
    return 0


# --- the orchestrator (no Django here: one child process per database and phase) -------------------


def django_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="opencomp.settings",
        OPENCOMP_DEV="1",
        DEBUG="0",
        LOG_LEVEL="WARNING",
        CONN_MAX_AGE="600",
    )
    return env


def label(size: int) -> str:
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000}m"
    if size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def size_url(base: str, size: int, claim_order: bool) -> str:
    parts = urlsplit(base)
    name = parts.path.lstrip("/") or "opencomp_bench_diary"
    suffix = f"_{label(size)}" + ("_claimorder" if claim_order else "")
    return urlunsplit(parts._replace(path=f"/{name}{suffix}"))


def _admin_connect(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres", query="")), autocommit=True)


def database_ready(url: str, size: int, claim_order: bool) -> bool:
    """The database exists and holds this generator's data at this size."""
    import psycopg

    try:
        with psycopg.connect(urlunsplit(urlsplit(url)._replace(query="")), autocommit=True) as conn:
            row = conn.execute(
                "SELECT size, version, claims, events, time_order FROM bench_diary_marker LIMIT 1"
            ).fetchone()
            if row is None or row[0] != size or row[1] != GENERATOR_VERSION or row[4] == claim_order:
                return False
            (claims,) = conn.execute("SELECT count(*) FROM claims_claim").fetchone() or (0,)
            return bool(claims == row[2] == size)
    except psycopg.Error:
        return False


def recreate_database(url: str) -> None:
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with _admin_connect(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_databases(base: str) -> list[str]:
    from psycopg import sql

    prefix = urlsplit(base).path.lstrip("/") or "opencomp_bench_diary"
    with _admin_connect(base) as conn:
        names = [
            r[0]
            for r in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "\\_%"])
        ]
        for name in names:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    return names


def run_child(phase: str, url: str, args: argparse.Namespace, size: int) -> dict[str, Any]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phase",
        phase,
        "--database-url",
        url,
        "--size",
        str(size),
        "--chunk-size",
        str(args.chunk_size),
    ]
    if args.claim_order:
        cmd.append("--claim-order")
    done = subprocess.run(cmd, cwd=ROOT, env=django_env(url), stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{phase} on {url} failed with exit code {done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepare(url: str, size: int, args: argparse.Namespace) -> dict[str, Any] | None:
    """Make the size's database unless it is ready; the generation figures when it was made."""
    if not args.regenerate and database_ready(url, size, args.claim_order):
        return None
    recreate_database(url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=django_env(url),
        check=True,
    )
    return run_child("generate", url, args, size)


def mb(n: float) -> float:
    return round(n / 1024**2, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help=f"sizes {', '.join(map(label, QUICK_SIZES))} only"
    )
    parser.add_argument("--sizes", help="comma-separated claim counts (default 10000,100000,1000000)")
    parser.add_argument(
        "--profile", action="store_true", help="split the smallest size's recompute and cProfile it"
    )
    parser.add_argument("--drop", action="store_true", help="drop the bench databases and exit")
    parser.add_argument(
        "--regenerate", action="store_true", help="rebuild the databases even if they are ready"
    )
    parser.add_argument(
        "--claim-order",
        action="store_true",
        help="insert events in claim order (not time order): separate databases",
    )
    parser.add_argument("--chunk-size", type=int, default=5_000, help="recompute's chunk size (its default)")
    parser.add_argument(
        "--database-url", default="", help=f"server and base name (default {DEFAULT_DATABASE_URL})"
    )
    parser.add_argument(
        "--phase", choices=["generate", "floor", "recompute", "profile"], help=argparse.SUPPRESS
    )
    parser.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args(argv)  # `make bench` passes the same BENCH_ARGS to every script
    if args.phase:
        return child_main(args)
    env_url = os.environ.get("DATABASE_URL", "")
    base = args.database_url or (
        urlunsplit(urlsplit(env_url)._replace(path="/opencomp_bench_diary"))
        if env_url.startswith(("postgres://", "postgresql://"))
        else DEFAULT_DATABASE_URL
    )
    if not base.startswith(("postgres://", "postgresql://")):
        print(f"bench/diary_recompute.py needs PostgreSQL; the URL is {base!r}", file=sys.stderr)
        return 2
    if args.drop:
        dropped = drop_databases(base)
        print(f"dropped: {', '.join(dropped) or 'nothing'}")
        return 0
    if args.sizes:
        sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    else:
        sizes = list(QUICK_SIZES if args.quick else FULL_SIZES)

    results = []
    for size in sizes:
        url = size_url(base, size, args.claim_order)
        name = urlsplit(url).path.lstrip("/")
        print(f"== {label(size)} claims: database {name}", flush=True)
        made = prepare(url, size, args)
        if made:
            print(
                f"  generated {made['claims']:,} claims, {made['events']:,} events in {made['seconds']:.1f} s"
                f" (+ {made['vacuum_seconds']:.1f} s vacuum);"
                f" events table {mb(made['event_total_bytes']):,.0f} MB"
                f" with indexes, database {mb(made['database_bytes']):,.0f} MB"
            )
            mix = sorted(made["kinds"].items(), key=lambda kv: -kv[1])
            print("  event mix: " + ", ".join(f"{k} {v / made['events']:.0%}" for k, v in mix[:12]))
        else:
            print("  reusing the existing data")
        floor = run_child("floor", url, args, size)
        print(
            f"  floor: {floor['seconds']:.2f} s (runs {floor['runs']}), {floor['events']:,} events;"
            f" with JSON decode {floor['decode_seconds']:.2f} s; count(*) {floor['count_seconds']:.2f} s;"
            f" plan {' > '.join(floor['plan_nodes'])}"
        )
        rec = run_child("recompute", url, args, size)
        print(
            f"  recompute: {rec['seconds']:.2f} s (runs {rec['runs']}), {rec['obligations']:,} obligations,"
            f" peak RSS {mb(rec['peak_rss']):,.0f} MB (after setup {mb(rec['rss_before']):,.0f} MB)"
        )
        results.append({"size": size, "made": made, "floor": floor, "recompute": rec})

    profile = None
    if args.profile:
        size = sizes[0]
        print(f"== profile at {label(size)} claims", flush=True)
        profile = run_child("profile", size_url(base, size, args.claim_order), args, size)

    print()
    header = (
        f"{'claims':>9} {'events':>11} {'obligations':>12} {'floor s':>8} {'recompute s':>12} {'ratio':>6}"
        f" {'events/s':>10} {'µs/claim':>9} {'floor µs/ev':>12} {'client cpu s':>13} {'pg cpu s':>9}"
        f" {'peak MB':>8}"
    )
    print(header)
    print("-" * len(header))
    per_size = []
    for r in results:
        rec, floor = r["recompute"], r["floor"]
        figures = {
            "claims": rec["claims"],
            "events": floor["events"],
            "events_read": rec["events"],
            "obligations": rec["obligations"],
            "seconds": round(rec["seconds"], 3),
            "runs": rec["runs"],
            "floor_seconds": round(floor["seconds"], 3),
            "floor_runs": floor["runs"],
            "floor_decode_seconds": round(floor["decode_seconds"], 3),
            "count_seconds": round(floor["count_seconds"], 3),
            "floor_plan": floor["plan"],
            "ratio_to_floor": round(rec["seconds"] / floor["seconds"], 2),
            "ratio_to_floor_with_decode": round(rec["seconds"] / floor["decode_seconds"], 2),
            "cpu_ratio_to_floor": round(
                (rec["client_cpu"] + rec["server_cpu"]) / (floor["client_cpu"] + floor["server_cpu"]), 2
            ),
            "events_per_second": round(floor["events"] / rec["seconds"]),
            "per_claim_us": round(rec["seconds"] / rec["claims"] * 1e6, 1),
            "per_claim_cpu_us": round((rec["client_cpu"] + rec["server_cpu"]) / rec["claims"] * 1e6, 1),
            "client_cpu_seconds": round(rec["client_cpu"], 2),
            "server_cpu_seconds": round(rec["server_cpu"], 2),
            "floor_client_cpu_seconds": round(floor["client_cpu"], 2),
            "floor_server_cpu_seconds": round(floor["server_cpu"], 2),
            "peak_rss_mb": mb(rec["peak_rss"]),
            "floor_peak_rss_mb": mb(floor["peak_rss"]),
            "obligations_by_status": rec["by_status"],
            "load_average_1min": round(max(floor["load_average"], rec["load_average"]), 2),
            "code": rec["code"],
        }
        if r["made"]:
            figures["generate_seconds"] = round(r["made"]["seconds"], 1)
        per_size.append(figures)
        print(
            f"{figures['claims']:>9,} {figures['events']:>11,} {figures['obligations']:>12,}"
            f" {figures['floor_seconds']:>8.2f} {figures['seconds']:>12.2f} {figures['ratio_to_floor']:>6.2f}"
            f" {figures['events_per_second']:>10,} {figures['per_claim_us']:>9.1f}"
            f" {floor['seconds'] / floor['events'] * 1e6:>12.2f} {figures['client_cpu_seconds']:>13.1f}"
            f" {figures['server_cpu_seconds']:>9.1f} {figures['peak_rss_mb']:>8.0f}"
        )

    if profile:
        steps = profile["steps"]
        wall, client, server = (sum(v[i] for v in steps.values()) for i in range(3))
        print()
        print(f"recompute at {label(sizes[0])} claims, step by step (best of 2):")
        print(f"  {'step':<18} {'wall s':>8} {'share':>6} {'client cpu s':>13} {'pg cpu s':>9}")
        for name, (w, c, sv) in steps.items():
            print(f"  {name:<18} {w:>8.2f} {w / wall:>6.1%} {c:>13.2f} {sv:>9.2f}")
        print(f"  {'total':<18} {wall:>8.2f} {1:>6.1%} {client:>13.2f} {server:>9.2f}")
        print()
        print("cProfile of one recompute (the profiler slows Python code about 2x):")
        print(profile["cprofile"])

    if len({p["code"] for p in per_size}) > 1:
        print("WARNING: batch.py, engine.py or the packs changed during the run; sizes ran different code")
    largest, smallest = per_size[-1], per_size[0]
    flat = largest["per_claim_us"] / smallest["per_claim_us"] if len(per_size) > 1 else None
    by_size = {p["claims"]: p for p in per_size}
    flat_1m = (
        round(by_size[1_000_000]["per_claim_us"] / by_size[10_000]["per_claim_us"], 3)
        if {10_000, 1_000_000} <= set(by_size)
        else None
    )
    flat_cpu = largest["per_claim_cpu_us"] / smallest["per_claim_cpu_us"] if len(per_size) > 1 else None
    meets_cpu = (
        largest["cpu_ratio_to_floor"] <= GOAL_RATIO
        and (flat_cpu is None or flat_cpu <= GOAL_FLATNESS)
        and largest["peak_rss_mb"] * 1024**2 < GOAL_PEAK_BYTES
    )
    meets = (
        largest["ratio_to_floor"] <= GOAL_RATIO
        and (flat is None or flat <= GOAL_FLATNESS)
        and largest["peak_rss_mb"] * 1024**2 < GOAL_PEAK_BYTES
    )
    figures = {
        "bench": "diary_recompute",
        "size": largest["claims"],
        "seconds": largest["seconds"],
        "floor_seconds": largest["floor_seconds"],
        "ratio_to_floor": largest["ratio_to_floor"],
        "goal": GOAL,
        "meets_goal": bool(meets),
        "events": largest["events"],
        "events_read": largest["events_read"],
        "obligations": largest["obligations"],
        "events_per_second": largest["events_per_second"],
        "per_claim_us": largest["per_claim_us"],
        "peak_rss_mb": largest["peak_rss_mb"],
        "per_claim_cost_ratio_1m_vs_10k": flat_1m,
        "per_claim_cost_ratio_largest_vs_smallest": round(flat, 3) if flat else None,
        # The same goals on CPU seconds (client + PostgreSQL backend), which other load on the
        # machine disturbs far less than wall-clock time.
        "cpu_ratio_to_floor": largest["cpu_ratio_to_floor"],
        "per_claim_cpu_us": largest["per_claim_cpu_us"],
        "per_claim_cpu_cost_ratio_largest_vs_smallest": round(flat_cpu, 3) if flat_cpu else None,
        "meets_goal_on_cpu": bool(meets_cpu),
        "load_average_1min": max(p["load_average_1min"] for p in per_size),
        "code": largest["code"],
        "layout": "claim_order" if args.claim_order else "time_order",
        "chunk_size": args.chunk_size,
        "sizes": per_size,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
