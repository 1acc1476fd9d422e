"""Liability decisions: each jurisdiction's options, what each requires, and the deadlines they move.

The book's clock is Monday 2 November 2026; the claims were notified on Tuesday 27 October.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opencomp.claims import lifecycle
from opencomp.claims.enums import EventKind
from opencomp.claims.liability import NO_MOVE, NSW_REASONABLE_EXCUSES, OPTIONS, option
from opencomp.claims.liability_services import LiabilityInput, liability_decide
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_assign
from opencomp.core.errors import PermissionDenied, ValidationFailed
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.tests.claims import open_claim

D = dt.date


def _claim(book, code: str):
    claim = open_claim(book, code)
    return claim_assign(actor=None, claim=claim, adjuster=book.users["adjuster"])


def _fields(exc) -> list[str]:
    return [e.field for e in exc.value.errors]


def _events(claim) -> list[str]:
    return list(ClaimEvent.objects.filter(claim=claim).order_by("seq").values_list("kind", flat=True))


def _rule(claim, rule_id):
    return Obligation.objects.get(claim=claim, rule_id=rule_id)


def test_every_option_moves_the_claim_to_a_known_status_and_cites_its_source():
    for code, options in OPTIONS.items():
        assert options, code
        for o in options:
            assert o.citation.strip(), (code, o.code)
            assert option(code, o.code) is o
            assert o.to_status in (*lifecycle.STATUSES, NO_MOVE), (code, o.code)
    assert option("NSW", "admission") is None  # a Colorado option is not NSW's


def test_nsw_provisional_liability_satisfies_the_decision_and_schedules_the_notice(book):
    claim = _claim(book, "NSW")

    claim = liability_decide(
        actor=book.users["adjuster"], claim=claim, given=LiabilityInput(decision="provisional")
    )

    assert claim.status == "provisionally_accepted"
    assert _events(claim)[-2:] == [EventKind.STATUS_CHANGED, EventKind.LIABILITY_DECIDED]
    decided = ClaimEvent.objects.get(claim=claim, kind=EventKind.LIABILITY_DECIDED)
    assert decided.payload["label"] == "Provisional liability"
    assert "s 267" in decided.payload["citation"]
    status = ClaimEvent.objects.get(claim=claim, kind=EventKind.STATUS_CHANGED)
    assert decided.payload["status_seq"] == status.seq
    assert _rule(claim, "nsw.liability_decision").satisfied_seq == status.seq
    notice = _rule(claim, "nsw.liability_notice")
    assert (notice.status, notice.trigger_seq) == ("open", status.seq)
    assert _rule(claim, "nsw.provisional_liability_end").status == "open"


def test_nsw_reasonable_excuse_names_only_the_programs_excuses_and_what_the_worker_must_do(book):
    claim = _claim(book, "NSW")
    adjuster = book.users["adjuster"]
    before = _events(claim)

    with pytest.raises(ValidationFailed) as exc:
        liability_decide(
            actor=adjuster,
            claim=claim,
            given=LiabilityInput(decision="reasonable_excuse", excuses=("worker_was_rude",)),
        )

    assert _fields(exc) == ["excuses", "worker_action"]
    assert "worker_was_rude is not one of the reasonable excuses" in exc.value.errors[0].message
    assert _events(claim) == before

    claim = liability_decide(
        actor=adjuster,
        claim=claim,
        given=LiabilityInput(
            decision="reasonable_excuse",
            excuses=("insufficient_medical_information", "cannot_contact_worker"),
            worker_action="Send the certificate of capacity from your doctor and call us on 1300 000 000.",
        ),
    )

    assert claim.status == "reasonable_excuse"
    status = ClaimEvent.objects.get(claim=claim, kind=EventKind.STATUS_CHANGED)
    assert status.payload["reason"] == (
        f"{NSW_REASONABLE_EXCUSES['insufficient_medical_information']}; "
        f"{NSW_REASONABLE_EXCUSES['cannot_contact_worker']}"
    )
    assert _rule(claim, "nsw.reasonable_excuse_notice").status == "open"


def test_a_nsw_dispute_needs_reasons_evidence_and_another_team_managers_sign_off(book):
    claim = _claim(book, "NSW")
    adjuster, supervisor = book.users["adjuster"], book.users["supervisor"]
    given = LiabilityInput(decision="disputed", reasons="The injury happened at a weekend football match.")

    with pytest.raises(ValidationFailed) as exc:
        liability_decide(actor=adjuster, claim=claim, given=given)
    assert _fields(exc) == ["evidence", "signed_off_by"]

    for manager, message in (
        (adjuster, "someone other than you"),
        (book.users["adjuster2"], "is not a team manager of this claim"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            liability_decide(
                actor=adjuster,
                claim=claim,
                given=LiabilityInput(
                    decision="disputed",
                    reasons=given.reasons,
                    evidence=("Club report",),
                    signed_off_by=manager,
                ),
            )
        assert _fields(refused) == ["signed_off_by"]
        assert message in refused.value.errors[0].message
    assert not ClaimEvent.objects.filter(claim=claim, kind=EventKind.LIABILITY_DECIDED).exists()

    claim = liability_decide(
        actor=adjuster,
        claim=claim,
        given=LiabilityInput(
            decision="disputed",
            reasons=given.reasons,
            evidence=("Club match report of Sat 24 Oct", "Employer statement"),
            signed_off_by=supervisor,
        ),
    )

    assert claim.status == "denied"
    decided = ClaimEvent.objects.get(claim=claim, kind=EventKind.LIABILITY_DECIDED)
    assert decided.payload["signed_off_by"] == supervisor.pk
    assert decided.payload["evidence"] == ["Club match report of Sat 24 Oct", "Employer statement"]
    assert _rule(claim, "nsw.dispute_notice").status == "open"


def test_a_colorado_contest_can_become_an_admission_but_not_the_reverse(book):
    claim = _claim(book, "CO")
    adjuster = book.users["adjuster"]

    claim = liability_decide(
        actor=adjuster,
        claim=claim,
        given=LiabilityInput(decision="contest", reasons="Not in course and scope."),
    )
    assert claim.status == "denied"
    claim = liability_decide(actor=adjuster, claim=claim, given=LiabilityInput(decision="admission"))
    assert claim.status == "accepted"
    assert _rule(claim, "co.admission_or_contest").satisfied_seq is not None
    before = _events(claim)

    with pytest.raises(ValidationFailed) as exc:
        liability_decide(
            actor=adjuster, claim=claim, given=LiabilityInput(decision="contest", reasons="New facts.")
        )

    assert _fields(exc) == ["decision"]
    assert exc.value.errors[0].message == "a claim that is accepted cannot be given a notice of contest (noc)"
    assert _events(claim) == before


def _fal(**overrides):
    values = dict(
        decision="final_admission",
        mmi_date=D(2026, 10, 30),
        impairment_percent=Decimal("12.5"),
        permanent_restrictions="No lifting over 20 lb with the left hand.",
        maintenance_care="admitted",
        maintenance_care_details="Six follow-up visits with the authorised treating physician.",
    )
    values.update(overrides)
    return LiabilityInput(**values)


def test_a_colorado_final_admission_needs_an_admitted_claim_and_records_mmi_without_moving_it(book):
    claim = _claim(book, "CO")
    adjuster = book.users["adjuster"]
    before = _events(claim)

    with pytest.raises(ValidationFailed) as exc:
        liability_decide(actor=adjuster, claim=claim, given=_fal())
    assert _fields(exc) == ["decision"]
    assert exc.value.errors[0].message == (
        "a Final admission of liability (FAL) needs the claim accepted, open, reopened; it is reported"
    )
    assert _events(claim) == before

    claim = liability_decide(actor=adjuster, claim=claim, given=LiabilityInput(decision="admission"))
    status_changed_at = claim.status_changed_at
    claim = liability_decide(actor=adjuster, claim=claim, given=_fal())

    assert (claim.status, claim.status_changed_at) == ("accepted", status_changed_at)
    assert _events(claim)[-1] == EventKind.LIABILITY_DECIDED
    payload = ClaimEvent.objects.filter(claim=claim, kind=EventKind.LIABILITY_DECIDED).last().payload
    assert payload["decision"] == "final_admission"
    assert payload["status_seq"] is None
    assert (payload["mmi_date"], payload["impairment_percent"]) == ("2026-10-30", "12.5")
    assert payload["maintenance_care"] == "admitted"
    assert payload["permanent_restrictions"] == "No lifting over 20 lb with the left hand."


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"mmi_date": None}, ["mmi_date"]),
        ({"mmi_date": D(2026, 10, 25)}, ["mmi_date"]),  # before the injury
        ({"mmi_date": D(2026, 11, 3)}, ["mmi_date"]),  # the book's clock is 2 November
        ({"maintenance_care": ""}, ["maintenance_care"]),
        ({"maintenance_care_details": " "}, ["maintenance_care_details"]),
        ({"impairment_percent": Decimal("100.5")}, ["impairment_percent"]),
        ({"impairment_percent": Decimal("12.25")}, ["impairment_percent"]),
    ],
)
def test_a_final_admission_missing_what_it_must_carry_is_refused(book, overrides, fields):
    claim = _claim(book, "CO")
    adjuster = book.users["adjuster"]
    claim = liability_decide(actor=adjuster, claim=claim, given=LiabilityInput(decision="admission"))
    before = _events(claim)

    with pytest.raises(ValidationFailed) as exc:
        liability_decide(actor=adjuster, claim=claim, given=_fal(**overrides))

    assert _fields(exc) == fields
    assert _events(claim) == before


@pytest.mark.parametrize(
    ("code", "decision", "status"),
    [("MN", "denied", "denied"), ("CT", "disclaimer", "denied"), ("MN", "accepted", "accepted")],
)
def test_mn_and_ct_decisions(book, code, decision, status):
    claim = _claim(book, code)
    adjuster = book.users["adjuster"]
    if status == "denied":
        with pytest.raises(ValidationFailed) as exc:
            liability_decide(actor=adjuster, claim=claim, given=LiabilityInput(decision=decision))
        assert _fields(exc) == ["reasons"]

    claim = liability_decide(
        actor=adjuster, claim=claim, given=LiabilityInput(decision=decision, reasons="No injury at work.")
    )

    assert claim.status == status


def test_a_decision_the_jurisdiction_does_not_allow_is_refused_naming_what_it_allows(book):
    claim = _claim(book, "MN")

    with pytest.raises(ValidationFailed) as exc:
        liability_decide(
            actor=book.users["adjuster"], claim=claim, given=LiabilityInput(decision="provisional")
        )

    assert _fields(exc) == ["decision"]
    assert exc.value.errors[0].message == "MN allows these liability decisions: accepted, denied"
    assert claim.status == "reported"


def test_only_the_claims_staff_decide(book):
    claim = _claim(book, "CO")

    for user in ("employer_coordinator", "other_adjuster"):
        with pytest.raises(PermissionDenied):
            liability_decide(actor=book.users[user], claim=claim, given=LiabilityInput(decision="admission"))

    assert not ClaimEvent.objects.filter(claim=claim, kind=EventKind.LIABILITY_DECIDED).exists()
