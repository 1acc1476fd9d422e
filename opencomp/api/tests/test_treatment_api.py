"""The treatment request API: record, list, acknowledge, decide; ICD-10-CM search; who reads codes."""

from __future__ import annotations

from opencomp.claims.models import ClaimEvent
from opencomp.deadlines.models import Obligation
from opencomp.treatment.models import TreatmentRequest

REQUEST = {
    "service": "physiotherapy",
    "treatments": 12,
    "estimated_cost": "1200.00",
    "requested_on": "2026-10-22",
    "received_on": "2026-10-23",
    "diagnosis_codes": ["s335xxa", "M54.50"],
}


def _path(claim, tail: str = "") -> str:
    return f"claims/{claim.number}/treatment-requests{tail}"


def test_a_us_request_with_diagnosis_codes_is_recorded_listed_and_decided(api, book):
    created = api.post(_path(book.claim), {**REQUEST, "provider_id": book.provider.pk}, as_="adjuster")
    assert created.status == 201, created.body
    body = created.body
    assert (body["status"], body["provider_name"], body["estimated_cost"]) == (
        "received",
        "Dr Jo Reyes",
        "1200.00",
    )
    assert body["diagnosis_codes"] == [
        {"code": "S33.5XXA", "description": "Sprain of ligaments of lumbar spine, initial encounter"},
        {"code": "M54.50", "description": "Low back pain, unspecified"},
    ]
    assert body["decision_due_date"] is None  # Colorado's pack holds no treatment clock

    # The worker and the treating provider read it, diagnosis included
    for who in ("worker", "provider", "compliance_officer"):
        listed = api.get(_path(book.claim), as_=who)
        assert listed.status == 200
        assert [i["diagnosis_codes"][0]["code"] for i in listed.body["items"]] == ["S33.5XXA"]
    # Employers and auditors never do
    for who in ("employer_coordinator", "employer_supervisor", "auditor"):
        assert api.get(_path(book.claim), as_=who).status == 403

    acknowledged = api.post(
        _path(book.claim, f"/{body['id']}/acknowledgement"), {"note": "Thanks"}, as_="adjuster"
    )
    assert (acknowledged.status, acknowledged.body["status"]) == (200, "acknowledged")
    decided = api.post(
        _path(book.claim, f"/{body['id']}/decision"),
        {
            "decision": "partly_approved",
            "reasons": "Six first.",
            "approved_treatments": 6,
            "approved_cost": "600.00",
        },
        as_="supervisor",
    )
    assert decided.status == 200, decided.body
    assert (decided.body["decision"], decided.body["approved_treatments"], decided.body["approved_cost"]) == (
        "partly_approved",
        6,
        "600.00",
    )
    assert decided.body["decided_by"] == "Sam Supervisor"


def test_nsw_request_shows_its_21_day_deadline_and_an_exempt_one_none(api, book):
    outside = {
        "service": "surgery",
        "treatments": 1,
        "estimated_cost": "9000.00",
        "requested_on": "2026-10-28",
        "received_on": "2026-10-29",
        "provider_name": "Dr Ava Ng, orthopaedic surgeon",
    }
    decided = api.post(_path(book.other_claim), outside, as_="other_adjuster")
    assert decided.status == 201, decided.body
    # 29 Oct 2026 + 21 days = Thu 19 Nov 2026
    assert (decided.body["decision_due_date"], decided.body["decision_deadline_status"]) == (
        "2026-11-19",
        "open",
    )
    exempt = api.post(
        _path(book.other_claim), {**outside, "service": "osteopathy", "treatments": 4}, as_="other_adjuster"
    )
    assert exempt.status == 201
    assert (exempt.body["status"], exempt.body["decision_due_date"]) == ("exempt", None)
    assert exempt.body["exemption"].startswith(
        "No pre-approval needed: allied health treatment within 3 months"
    )
    refused = api.post(
        _path(book.other_claim, f"/{exempt.body['id']}/decision"),
        {"decision": "approved", "reasons": "x"},
        as_="other_adjuster",
    )
    assert refused.status == 400
    assert [e["field"] for e in refused.body["errors"]] == ["status"]


def test_bad_input_names_each_field_and_writes_nothing(api, book):
    events = ClaimEvent.objects.count()
    reply = api.post(
        _path(book.claim),
        {**REQUEST, "treatments": 0, "diagnosis_codes": ["S33.5"], "requested_on": "2026-10-01"},
        as_="adjuster",
    )
    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == [
        "provider_name",
        "treatments",
        "requested_on",
        "diagnosis_codes",
    ]
    missing = api.post(_path(book.claim), {**REQUEST, "provider_id": 999999}, as_="adjuster")
    assert (missing.status, [e["field"] for e in missing.body["errors"]]) == (400, ["provider_id"])
    assert ClaimEvent.objects.count() == events
    assert TreatmentRequest.objects.count() == 0
    assert not Obligation.objects.filter(rule_id__startswith="nsw.treatment").exists()


def test_a_request_of_another_claim_is_not_found(api, book):
    created = api.post(_path(book.claim), {**REQUEST, "provider_name": "Dr X"}, as_="adjuster")
    reply = api.post(
        _path(book.other_claim, f"/{created.body['id']}/decision"),
        {"decision": "approved", "reasons": "x"},
        as_="other_adjuster",
    )
    assert reply.status == 404


def test_icd10cm_search(api):
    found = api.get("icd10cm", as_="adjuster", q="low back pain", limit=3)
    assert found.status == 200
    assert {"code": "M54.50", "description": "Low back pain, unspecified"} in found.body
    assert len(found.body) <= 3
    assert api.get("icd10cm", as_="adjuster", q="").status == 400
    assert api.get("icd10cm", as_="employer_coordinator", q="M54").status == 403


def test_each_list_read_is_recorded_as_a_medical_detail_read(api, book):
    from opencomp.claims.models import MedicalDetailRead

    created = api.post(_path(book.claim), {**REQUEST, "provider_name": "Dr X"}, as_="adjuster")
    api.get(_path(book.claim), as_="worker")
    read = MedicalDetailRead.objects.get(user=book.users["worker"])
    event = ClaimEvent.objects.get(claim=book.claim, seq=created.body["received_seq"])
    assert (read.channel, read.event_ids) == ("api", [event.pk])
