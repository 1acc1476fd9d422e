"""The triage API: record, read in full or in summary, errors naming fields, the queue filter."""

from __future__ import annotations

from opencomp.triage.models import TriageAssessment


def _path(book) -> str:
    return f"claims/{book.claim.number}/triage"


def test_record_and_read_a_triage(book, api):
    reply = api.post(
        _path(book),
        {"occasion": "first_contact", "injury_type": "soft_tissue", "psychosocial_flags": ["distress"]},
        as_="adjuster",
    )
    assert reply.status == 201, reply.body
    assert (reply.body["score"], reply.body["band"], reply.body["handling"]) == (4, "medium", "specialist")
    assert [f["points"] for f in reply.body["factors"]] == [2, 0, 2, 0, 0]
    full = api.get(_path(book), as_="supervisor").body
    assert full["view"] == "full"
    assert full["current"]["psychosocial_flags"] == ["distress"]
    assert "not the Official Disability Guidelines" in full["policy_basis"]
    summary = api.get(_path(book), as_="auditor").body
    assert summary["view"] == "summary"
    assert summary["current"]["band"] == "medium"
    assert summary["current"]["factors"] == []
    assert summary["current"]["psychosocial_flags"] == []


def test_bad_input_is_400_naming_the_fields(book, api):
    reply = api.post(
        _path(book),
        {"occasion": "whenever", "injury_type": "soft_tissue", "band": "high"},
        as_="adjuster",
    )
    assert reply.status == 400
    assert sorted(e["field"] for e in reply.body["errors"]) == ["occasion", "override_reason"]
    assert not TriageAssessment.objects.exists()


def test_the_claim_list_filters_by_band(book, api):
    api.post(
        _path(book),
        {"occasion": "first_contact", "injury_type": "minor", "band": "high", "override_reason": "Litigated"},
        as_="adjuster",
    )
    high = api.get("claims", as_="adjuster", triage_band="high").body
    assert [c["number"] for c in high["items"]] == [book.claim.number]
    untriaged = api.get("claims", as_="adjuster", triage_band="untriaged").body
    assert book.claim.number not in [c["number"] for c in untriaged["items"]]
    reply = api.get("claims", as_="adjuster", triage_band="purple")
    assert reply.status == 400
    assert reply.body["errors"][0]["field"] == "triage_band"
    assert api.get("claims", as_="employer_coordinator", triage_band="high").status == 403
