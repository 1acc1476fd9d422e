"""The consent API: record, read (all, or the employer's part), check, disclose, withdraw; access requests."""

from __future__ import annotations

import datetime as dt

import pytest

from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_assign
from opencomp.consent.models import Consent, Disclosure
from opencomp.deadlines.tests.claims import open_claim

CONSENT = {
    "given_by": "worker",
    "given_on": "2026-10-22",
    "method": "signed_form",
    "categories": ["ime_report", "certificate"],
    "recipients": ["employer", "rehabilitation"],
    "purpose": "Return to work planning",
}
DISCLOSURE = {
    "category": "ime_report",
    "recipient": "employer",
    "recipient_name": "Acme Fabrication — Jo Park",
    "channel": "email",
    "disclosed_on": "2026-10-28",
    "description": "IME report of Dr Grant, 26 Oct",
}


def _path(book, tail: str = "consents") -> str:
    return f"claims/{book.claim.number}/{tail}"


def test_a_consent_recorded_is_listed_and_relied_on_by_a_disclosure(api, book):
    given = api.post(_path(book), CONSENT, as_="adjuster")
    assert given.status == 201, given.body
    assert given.body["state"] == "current"
    assert given.body["scope"] == {
        "employer": ["certificate", "ime_report"],
        "rehabilitation": ["certificate", "ime_report"],
    }

    check = api.get(
        _path(book, "consents/check"), as_="supervisor", category="ime_report", recipient="employer"
    )
    assert check.body == {
        "permitted": True,
        "basis": "consent",
        "consent_id": given.body["id"],
        "on": "2026-11-02",
    }

    disclosed = api.post(_path(book, "disclosures"), DISCLOSURE, as_="adjuster")
    assert disclosed.status == 201, disclosed.body
    assert (disclosed.body["basis"], disclosed.body["consent_id"]) == ("consent", given.body["id"])

    log = api.get(_path(book, "disclosures"), as_="worker")
    assert [d["id"] for d in log.body["items"]] == [disclosed.body["id"]]
    listed = api.get(_path(book), as_="worker")
    assert listed.body["count"] == 1
    assert listed.body["items"][0]["disclosures"] == 1


def test_after_withdrawal_a_disclosure_is_refused_naming_the_recipient(api, book):
    consent_id = api.post(_path(book), CONSENT, as_="adjuster").body["id"]
    withdrawn = api.post(
        _path(book, f"consents/{consent_id}/withdrawal"),
        {"withdrawn_on": "2026-10-27", "method": "email", "reason": "Prefers to pass it on herself"},
        as_="adjuster",
    )
    assert withdrawn.status == 200, withdrawn.body
    assert withdrawn.body["state"] == "withdrawn"
    before = (Disclosure.objects.count(), ClaimEvent.objects.count())

    refused = api.post(_path(book, "disclosures"), DISCLOSURE, as_="adjuster")

    assert refused.status == 400
    assert [e["field"] for e in refused.body["errors"]] == ["recipient"]
    assert (Disclosure.objects.count(), ClaimEvent.objects.count()) == before
    again = api.post(
        _path(book, f"consents/{consent_id}/withdrawal"),
        {"withdrawn_on": "2026-10-28", "method": "email"},
        as_="adjuster",
    )
    assert again.status == 400
    assert [e["field"] for e in again.body["errors"]] == ["withdrawn_on"]


def test_bad_consent_input_names_each_field(api, book):
    reply = api.post(_path(book), {**CONSENT, "categories": [], "expires_on": "2026-10-01"}, as_="adjuster")

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["categories", "expires_on"]
    assert Consent.objects.count() == 0


def test_an_employer_reads_only_the_employers_part(api, book):
    api.post(_path(book), CONSENT, as_="adjuster")
    api.post(_path(book), {**CONSENT, "recipients": ["attorney"]}, as_="adjuster")
    api.post(_path(book, "disclosures"), DISCLOSURE, as_="adjuster")
    api.post(
        _path(book, "disclosures"),
        {**DISCLOSURE, "recipient": "rehabilitation", "recipient_name": "Workfit"},
        as_="adjuster",
    )

    consents = api.get(_path(book), as_="employer_coordinator").body
    disclosures = api.get(_path(book, "disclosures"), as_="employer_supervisor").body

    assert consents["count"] == 1
    assert consents["items"][0]["scope"] == {"employer": ["certificate", "ime_report"]}
    assert [d["recipient"] for d in disclosures["items"]] == ["employer"]
    assert api.get(_path(book), as_="adjuster").body["count"] == 2
    assert (
        api.get(
            _path(book, "consents/check"),
            as_="employer_coordinator",
            category="ime_report",
            recipient="employer",
        ).status
        == 403
    )


def test_the_coordinator_downloads_the_ime_report_only_while_consent_releases_it(api, book, tmp_path):
    import io

    from opencomp.documents.services import document_upload

    document = document_upload(
        actor=book.users["adjuster"],
        claim=book.claim,
        category="ime_report",
        title="IME report",
        file_name="ime.pdf",
        content=io.BytesIO(b"%PDF-1.7\n%%EOF\n"),
    )
    assert api.get(f"documents/{document.pk}", as_="employer_coordinator").status == 404

    consent_id = api.post(_path(book), CONSENT, as_="adjuster").body["id"]
    assert api.get(f"documents/{document.pk}", as_="employer_coordinator").status == 200
    assert api.get(f"documents/{document.pk}", as_="employer_supervisor").status == 404

    api.post(
        _path(book, f"consents/{consent_id}/withdrawal"),
        {"withdrawn_on": "2026-11-02", "method": "phone"},
        as_="adjuster",
    )
    assert api.get(f"documents/{document.pk}", as_="employer_coordinator").status == 404


@pytest.fixture
def nsw_claim(book):
    claim = open_claim(
        book,
        "NSW",
        injury_date=dt.date(2026, 9, 1),
        employer_knowledge_date=dt.date(2026, 9, 1),
        notification_date=dt.date(2026, 9, 2),
    )
    return claim_assign(actor=None, claim=claim, adjuster=book.users["adjuster"])


def test_a_request_for_own_information_shows_its_due_date_and_is_satisfied(api, book, nsw_claim):
    path = f"claims/{nsw_claim.number}/access-requests"

    recorded = api.post(
        path,
        {"received_on": "2026-10-02", "from_party": "worker", "description": "My medical reports"},
        as_="adjuster",
    )

    assert recorded.status == 201, recorded.body
    # Fri 2 Oct 2026 + 10 business days over Labour Day (Mon 5 Oct) → Mon 19 Oct.
    assert (recorded.body["due_date"], recorded.body["obligation_status"]) == ("2026-10-19", "open")
    assert recorded.body["rule_id"] == "nsw.personal_information_access"
    obligations = api.get(f"claims/{nsw_claim.number}/obligations", as_="adjuster").body["items"]
    clock = next(o for o in obligations if o["rule_id"] == "nsw.personal_information_access")
    assert clock["due_date"] == "2026-10-19"

    seq = recorded.body["seq"]
    done = api.post(
        f"{path}/{seq}/completion",
        {"provided": "Two medical reports", "channel": "email", "completed_at": "2026-10-16T10:00:00+11:00"},
        as_="adjuster",
    )

    assert done.status == 200, done.body
    assert done.body["obligation_status"] == "satisfied"
    assert done.body["completion_note"] == "Two medical reports (provided by email)"
    listed = api.get(path, as_="worker").body
    assert [(r["seq"], r["obligation_status"]) for r in listed["items"]] == [(seq, "satisfied")]


def test_the_check_names_an_unknown_category(api, book):
    reply = api.get(_path(book, "consents/check"), as_="adjuster", category="diagnosis", recipient="employer")

    assert reply.status == 400
    assert [e["field"] for e in reply.body["errors"]] == ["category"]


def test_the_check_answers_for_a_past_day_and_for_the_worker(api, book):
    consent_id = api.post(_path(book), CONSENT, as_="adjuster").body["id"]

    before = api.get(
        _path(book, "consents/check"),
        as_="adjuster",
        category="certificate",
        recipient="employer",
        on="2026-10-21",
    )
    own = api.get(
        _path(book, "consents/check"), as_="adjuster", category="medical_report", recipient="worker"
    )

    assert before.body == {"permitted": False, "basis": "", "consent_id": None, "on": "2026-10-21"}
    assert own.body == {"permitted": True, "basis": "own_information", "consent_id": None, "on": "2026-11-02"}
    assert consent_id
