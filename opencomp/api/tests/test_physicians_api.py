"""The physicians API: the treating doctor and a change, MMI and a rating, refusals naming the field."""

from __future__ import annotations

from opencomp.claims.models import ClaimEvent
from opencomp.physicians.models import TreatingDoctor


def _path(claim, tail: str) -> str:
    return f"claims/{claim.number}/{tail}"


def test_doctor_change_rating_and_who_reads_them(api, book):
    claim = book.claim
    made = api.post(
        _path(claim, "treating-doctor"),
        {"provider_id": book.provider.pk, "from_date": "2026-10-20", "how_chosen": "designated"},
        as_="adjuster",
    )
    assert made.status == 201, made.body
    assert made.body["treating_doctor"]["doctor_name"] == "Dr Jo Reyes"

    change = api.post(
        _path(claim, "physician-changes"),
        {"doctor_name": "Dr Sam Ortiz", "received_on": "2026-10-26"},
        as_="adjuster",
    )
    assert change.status == 201, change.body
    request = change.body["change_requests"][0]
    assert (request["status"], request["due_on"]) == ("pending", "2026-11-16")

    decided = api.post(
        _path(claim, f"physician-changes/{request['id']}/decision"),
        {"decision": "approved", "reasons": "Closer to home", "effective_on": "2026-11-01"},
        as_="adjuster",
    )
    assert decided.status == 200, decided.body
    assert [(h["doctor_name"], h["to_date"]) for h in decided.body["history"]] == [
        ("Dr Sam Ortiz", None),
        ("Dr Jo Reyes", "2026-10-31"),
    ]

    rated = api.post(
        _path(claim, "impairment-ratings"),
        {"percent": "12", "rater_name": "Dr Level II", "rated_on": "2026-10-30"},
        as_="adjuster",
    )
    assert rated.status == 201, rated.body
    assert rated.body["ratings"][0]["kind"] == "ppd"
    cap = rated.body["combined_cap"]
    assert cap["amount"] is None  # injured 20 Oct 2026: no sourced cap is held for that date
    assert "from the impairment rating of 30 Oct 2026" in cap["explanation"]

    for who in ("worker", "provider", "compliance_officer"):
        assert api.get(_path(claim, "physicians"), as_=who).status == 200
    for who in ("employer_coordinator", "employer_supervisor", "auditor"):
        assert api.get(_path(claim, "physicians"), as_=who).status == 403


def test_refusals_name_the_field_and_write_nothing(api, book):
    claim = book.claim
    before = ClaimEvent.objects.filter(claim=claim).count()
    reply = api.post(
        _path(claim, "treating-doctor"),
        {"doctor_name": "", "from_date": "2026-12-20", "how_chosen": "nominated"},
        as_="adjuster",
    )
    assert reply.status == 400
    assert sorted(e["field"] for e in reply.body["errors"]) == ["doctor_name", "from_date", "how_chosen"]
    assert ClaimEvent.objects.filter(claim=claim).count() == before
    assert not TreatingDoctor.objects.exists()
    missing = api.post(
        _path(claim, "mmi"), {"mmi_date": "2026-10-30", "report_document_id": 999999}, as_="adjuster"
    )
    assert (missing.status, [e["field"] for e in missing.body["errors"]]) == (400, ["report_document_id"])


def test_a_nsw_rate_decision_takes_the_wpi_from_the_latest_rating(api, book):
    import datetime as dt

    from opencomp.benefits.services import WageStatementInput, wage_statement_record
    from opencomp.benefits.tests.conftest import lines
    from opencomp.physicians.services import impairment_rate

    claim = book.other_claim
    adjuster = book.users["other_adjuster"]
    wage_statement_record(
        actor=adjuster,
        claim=claim,
        statement=WageStatementInput("piawe", lines=lines(dt.date(2025, 10, 20), 26, "3000.00")),
    )
    impairment_rate(
        actor=adjuster, claim=claim, percent="15", rater_name="Dr A", rated_on=dt.date(2026, 11, 1)
    )
    path = f"claims/{claim.number}/benefit-rates"
    decided = api.post(path, {"benefit": "weekly", "entitlement_week": 261}, as_="other_adjuster")
    assert decided.status == 201, decided.body
    assert decided.body["weekly_rate"] == "0.00"
    assert any("from the impairment rating of 1 Nov 2026" in s for s in decided.body["explanation"])
    given = api.post(path, {"benefit": "weekly", "entitlement_week": 261, "wpi": "12"}, as_="other_adjuster")
    assert given.status == 201, given.body
    assert "WPI 12% as given." in given.body["explanation"]
    refused = api.post(
        f"claims/{book.claim.number}/benefit-rates", {"benefit": "TTD", "wpi": "12"}, as_="adjuster"
    )
    assert (refused.status, [e["field"] for e in refused.body["errors"]]) == (400, ["wpi"])
