"""The risk triage page, the claim page's card and the work queue's risk filter."""

from __future__ import annotations

from django.urls import reverse

from opencomp.triage.models import TriageAssessment
from opencomp.triage.services import triage_record


def _triage(book, **overrides):
    values = dict(
        actor=book.users["adjuster"],
        claim=book.claim,
        occasion="first_contact",
        injury_type="soft_tissue",
        psychosocial_flags=["workplace_conflict"],
    )
    values.update(overrides)
    return triage_record(**values)


def test_the_page_explains_the_score_factor_by_factor(login, book):
    _triage(book)
    page = login("adjuster").get(reverse("web:claim_triage", args=[book.claim.number])).content.decode()
    assert "Medium risk" in page
    assert "Conflict with supervisor or co-workers; poor relations at work" in page
    assert "1 flag: 2 points." in page
    assert "not the Official Disability Guidelines" in page
    assert 'name="triage-injury_type"' in page
    # the injury type the claim's words suggest ("Strain", "Lower back") is preselected
    assert '<option value="soft_tissue" selected>' in page


def test_auditors_see_the_band_but_no_factor(login, book):
    _triage(book)
    page = login("auditor").get(reverse("web:claim_triage", args=[book.claim.number])).content.decode()
    assert "Medium risk" in page
    assert "Conflict with supervisor" not in page
    assert "Why: factor by factor" not in page
    assert 'name="triage-injury_type"' not in page


def test_the_claim_page_shows_the_card_to_readers_only(login, book):
    _triage(book, band="high", override_reason="Second claim this year; dispute with supervisor.")
    url = reverse("web:claim_detail", args=[book.claim.number])
    page = login("adjuster").get(url).content.decode()
    assert "Risk triage" in page
    assert "High risk" in page
    assert "Second claim this year" in page
    employer = login("employer_coordinator").get(url).content.decode()
    assert "Risk triage" not in employer
    assert "High risk" not in employer


def test_recording_from_the_page_and_a_refused_override(login, book):
    client = login("adjuster")
    url = reverse("web:claim_triage_record", args=[book.claim.number])
    reply = client.post(
        url, {"triage-occasion": "first_contact", "triage-injury_type": "fracture", "triage-band": "high"}
    )
    assert reply.status_code == 200
    assert reply.context["form"].errors == {"override_reason": ["Say why the computed band is overridden"]}
    assert not TriageAssessment.objects.exists()
    reply = client.post(
        url,
        {
            "triage-occasion": "strategic_review",
            "triage-injury_type": "fracture",
            "triage-days_off_work": "10",
        },
    )
    assert reply.status_code == 302
    assessment = TriageAssessment.objects.get()
    assert (assessment.score, assessment.band, assessment.occasion) == (5, "medium", "strategic_review")


def test_the_queue_filters_and_shows_the_band(login, book):
    _triage(book)
    client = login("adjuster")

    def listed(reply):
        return [c.number for c in reply.context["page"].object_list]

    reply = client.get(reverse("web:work_queue"), {"scope": "all", "triage_band": "medium"})
    assert listed(reply) == [book.claim.number]
    assert "triage-band--medium" in reply.content.decode()
    reply = client.get(reverse("web:work_queue"), {"scope": "all", "triage_band": "untriaged"})
    assert listed(reply) == []  # the only claim the adjuster sees is triaged
    employer = login("employer_coordinator").get(reverse("web:work_queue"), {"triage_band": "high"})
    assert listed(employer) == [book.claim.number]  # no risk filter for them: ignored
    assert 'name="triage_band"' not in employer.content.decode()
