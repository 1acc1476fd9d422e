"""Valid request bodies against the book, for the API tests."""

from __future__ import annotations

from typing import Any

NOTE = {"kind": "note.added", "payload": {"text": "Called the employer about light duty."}}
MEDICAL_NOTE = {"kind": "medical.note_recorded", "payload": {"summary": "Sutured; review in 10 days."}}
SUPERVISOR_REPORT = {
    "supervisor_name": "Lee Foreman",
    "scene_inspected": True,
    "hazard_found": False,
    "hazard_abated": False,
    "procedures_followed": True,
    "safety_equipment_required": False,
    "safety_equipment_used": False,
    "safety_rule_violation": False,
}
DRUG_TEST = {"accident_at": "2026-10-28T14:00:00Z", "reason": "not_required"}


def new_worker(book: Any) -> dict[str, Any]:
    return {
        "given_name": "Priya",
        "family_name": "Shah",
        "date_of_birth": "1992-02-29",
        "employment": {
            "employer_id": book.employer.pk,
            "job_title": "Welder",
            "hire_date": "2024-01-08",
            "employment_type": "full_time",
            "hours_per_week": "38",
            "days_per_week": "5",
        },
    }


def new_incident(book: Any) -> dict[str, Any]:
    return {
        "employer_id": book.employer.pk,
        "worker_id": book.worker.pk,
        "person_name": "Maria Lopez",
        "occurred_at": "2026-11-01T09:30:00Z",
        "location": "Loading dock",
        "description": "Twisted an ankle stepping off the dock plate.",
        "outcome": "first_aid_only",
        "reported_by": "Maria Lopez",
    }


def new_report(book: Any) -> dict[str, Any]:
    return {
        "employer_id": book.employer.pk,
        "worker_id": book.worker.pk,
        "jurisdiction": "CO",
        "injury_date": "2026-11-01",
        "location": "Loading dock",
        "nature_of_injury": "Sprain",
        "body_part": "Ankle",
        "body_side": "right",
        "how_it_happened": "Stepped off the dock plate and rolled the ankle.",
        "reported_to_employer_on": "2026-11-01",
        "notifier_name": "Maria Lopez",
        "notifier_relationship": "self",
    }


def claim_body(book, **changes: Any) -> dict[str, Any]:
    """A valid ``POST /claims`` body for Maria at Acme."""
    body = {
        "employer_id": book.employer.pk,
        "worker_id": book.worker.pk,
        "jurisdiction": "CO",
        "injury_date": "2026-10-30",
        "employer_knowledge_date": "2026-10-30",
        "claim_type": "medical_only",
        "nature_of_injury": "Contusion",
        "body_part": "Left knee",
        "description": "Slipped on an oily floor near press 3.",
    }
    body.update(changes)
    return body
