"""Recording a triage, overriding it, and sweeping the untriaged book."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from opencomp.claims.enums import EventKind, Sensitivity
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.claims.services import ClaimDraft, claim_create, claim_transition
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.triage.access import FULL, SUMMARY, UNTRIAGED, triage_view_of
from opencomp.triage.models import TriageAssessment
from opencomp.triage.selectors import claims_in_band, triage_current, untriaged_claims
from opencomp.triage.services import triage_record, triage_sweep
from opencomp.workstatus.services import work_status_record

D = dt.date


def _record(book, **overrides):
    values = dict(
        actor=book.users["adjuster"],
        claim=book.claim,
        occasion="first_contact",
        injury_type="soft_tissue",
        psychosocial_flags=(),
    )
    values.update(overrides)
    return triage_record(**values)


def _off_work(book, start, end=None):
    work_status_record(
        actor=book.users["adjuster"],
        claim=book.claim,
        kind="certificate_of_capacity",
        examined_on=start,
        valid_from=start,
        valid_to=end,
        capacity="none",
        provider_name="Dr Jo Reyes",
    )


def test_a_first_contact_triage_scores_the_file_and_logs_it(book):
    _off_work(book, D(2026, 10, 21), D(2026, 10, 30))  # 10 days of no capacity: 2 points
    assessment = _record(book, psychosocial_flags=["fear_avoidance"])
    # soft tissue 2 + 10 days off 2 + one flag 2 + age 41 0 + no earlier claim 0
    assert (assessment.score, assessment.computed_band, assessment.band) == (6, "medium", "medium")
    assert (assessment.days_off_work, assessment.age, assessment.prior_claims) == (10, 41, 0)
    assert assessment.handling == "specialist"
    assert assessment.assessed_on == D(2026, 11, 2)
    event = ClaimEvent.objects.get(claim=book.claim, seq=assessment.seq)
    assert event.kind == EventKind.TRIAGE_RECORDED
    assert event.sensitivity == Sensitivity.MEDICAL  # the factors carry the psychosocial flags
    assert event.payload["band"] == "medium"
    assert event.payload["factors"][2]["value"] == "Fear of movement or re-injury; avoids activity"
    assert triage_current(claim=book.claim) == assessment


def test_days_off_work_given_by_the_adjuster_replace_the_file(book):
    assessment = _record(book, days_off_work=12)
    assert (assessment.days_off_work, assessment.score) == (12, 4)


def test_earlier_claims_of_the_worker_count(book):
    claim_create(
        actor=None,
        draft=ClaimDraft(
            jurisdiction="CO",
            employer=book.employer,
            worker=book.worker,
            injury_date=D(2024, 3, 1),
            employer_knowledge_date=D(2024, 3, 1),
            notification_date=D(2024, 3, 2),
            claim_type="medical_only",
            nature_of_injury="Laceration",
            body_part="Hand",
            description="Cut on a sheet edge.",
        ),
    )
    assert _record(book).prior_claims == 1


def test_an_override_needs_a_reason_and_another_band(book):
    with pytest.raises(ValidationFailed) as caught:
        _record(book, band="high")
    assert [e.field for e in caught.value.errors] == ["override_reason"]
    with pytest.raises(ValidationFailed) as caught:
        _record(book, band="low", override_reason="It is low")
    assert [e.field for e in caught.value.errors] == ["band"]
    with pytest.raises(ValidationFailed) as caught:
        _record(book, override_reason="No band chosen")
    assert [e.field for e in caught.value.errors] == ["override_reason"]
    assert not TriageAssessment.objects.exists()
    assessment = _record(
        book, band="high", override_reason="Surgery booked; complex history with the employer."
    )
    assert (assessment.computed_band, assessment.band, assessment.overridden) == ("low", "high", True)
    assert assessment.handling == "senior_specialist"
    event = ClaimEvent.objects.get(claim=book.claim, seq=assessment.seq)
    assert event.payload["override_reason"].startswith("Surgery booked")


def test_bad_input_names_every_field_and_writes_nothing(book):
    seq = Claim.objects.get(pk=book.claim.pk).last_event_seq
    with pytest.raises(ValidationFailed) as caught:
        _record(
            book,
            occasion="on_file",
            injury_type="bruised_ego",
            days_off_work=400,
            band="extreme",
            note="x" * 4001,
        )
    fields = sorted(e.field for e in caught.value.errors)
    assert fields == ["band", "days_off_work", "injury_type", "note", "occasion"]
    with pytest.raises(ValidationFailed) as caught:
        _record(book, psychosocial_flags=["grumpy"])
    assert caught.value.errors[0].field == "psychosocial_flags"
    assert not TriageAssessment.objects.exists()
    assert Claim.objects.get(pk=book.claim.pk).last_event_seq == seq


@pytest.mark.parametrize("who", ["employer_coordinator", "worker", "provider", "auditor", "other_adjuster"])
def test_only_those_who_work_the_claim_record_a_triage(book, who):
    with pytest.raises(PermissionDenied):
        _record(book, actor=book.users[who])
    assert not TriageAssessment.objects.exists()


@pytest.mark.parametrize(
    ("who", "view"),
    [
        ("adjuster", FULL),
        ("supervisor", FULL),
        ("compliance_officer", FULL),
        ("auditor", SUMMARY),
        ("employer_coordinator", None),
        ("employer_supervisor", None),
        ("worker", None),
        ("provider", None),
        ("other_adjuster", None),
    ],
)
def test_who_reads_the_triage(book, who, view):
    assert triage_view_of(book.users[who], book.claim) == view


def test_the_sweep_triages_the_untriaged_book_once_in_a_fixed_number_of_queries(
    book, django_assert_max_num_queries
):
    _record(book)  # a person triaged this one already
    claim_transition(actor=None, claim=book.pool_claim, to_status="denied", reason="Not work related.")
    assert list(untriaged_claims()) == [book.other_claim]
    for n in range(6):
        claim_create(
            actor=None,
            draft=ClaimDraft(
                jurisdiction="CO",
                employer=book.employer,
                worker=book.worker,
                injury_date=D(2026, 10, 1 + n),
                employer_knowledge_date=D(2026, 10, 1 + n),
                notification_date=D(2026, 10, 2 + n),
                claim_type="lost_time",
                nature_of_injury="Fractured wrist" if n % 2 else "Unusual",
                body_part="Wrist",
                description="Fell from a step.",
            ),
        )
    with django_assert_max_num_queries(40):  # ~12 per batch of 4 and the loop's reads, not per claim
        result = triage_sweep(on=D(2026, 11, 2), batch_size=4)
    assert result.triaged == 7
    swept = TriageAssessment.objects.filter(occasion="on_file")
    assert swept.count() == 7
    assert all(a.psychosocial_flags == [] for a in swept)  # nobody has been asked yet
    fallback = swept.filter(injury_type_suggested=False)
    assert fallback.count() == 3
    assert all(a.injury_type == "soft_tissue" and "No keyword matched" in a.note for a in fallback)
    assert swept.filter(injury_type="fracture").count() == 3
    for a in swept:
        event = ClaimEvent.objects.get(claim=a.claim, seq=a.seq)
        assert event.kind == EventKind.TRIAGE_RECORDED
        assert event.payload["assessment_id"] == a.pk
        assert event.sensitivity == Sensitivity.MEDICAL
        assert Claim.objects.get(pk=a.claim_id).last_event_seq == a.seq
    assert not TriageAssessment.objects.filter(claim=book.pool_claim).exists()  # denied: left alone
    assert triage_sweep(on=D(2026, 11, 2)).triaged == 0  # idempotent


def test_the_queue_filters_by_band_in_force(book):
    _record(book, band="high", override_reason="Complex")
    claims = Claim.objects.all()
    assert list(claims_in_band(claims, "high")) == [book.claim]
    assert book.claim not in claims_in_band(claims, UNTRIAGED)
    assert set(claims_in_band(claims, UNTRIAGED)) == {book.other_claim, book.pool_claim}
    _record(book, occasion="strategic_review")  # a later review's band is the one in force
    assert list(claims_in_band(claims, "low")) == [book.claim]
    assert not claims_in_band(claims, "high").exists()


def test_the_sweep_command(book):
    out = io.StringIO()
    call_command("triage_sweep", "--on", "2026-11-02", "--json", stdout=out)
    line = json.loads(out.getvalue())
    assert line["triaged"] == 3
    assert sum(line["by_band"].values()) == 3
    out = io.StringIO()
    call_command("triage_sweep", stdout=out, stderr=io.StringIO())
    assert out.getvalue().startswith("Triaged 0 claims")
    with pytest.raises(CommandError, match="--on"):
        call_command("triage_sweep", "--on", "02/11/2026")
    with pytest.raises(CommandError, match="--batch-size"):
        call_command("triage_sweep", "--batch-size", "0")
