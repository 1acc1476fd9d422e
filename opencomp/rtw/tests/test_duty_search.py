"""The less arduous duty search (seed 000): at MMI with permanent restrictions, candidates, outcome."""

from __future__ import annotations

import pytest

from opencomp.claims.enums import EventKind
from opencomp.claims.models import ClaimEvent
from opencomp.claims.services import claim_event_append
from opencomp.core.errors import Conflict, PermissionDenied, ValidationFailed
from opencomp.rtw.enums import SearchOutcome
from opencomp.rtw.models import DutySearch
from opencomp.rtw.services import duty_search_candidate_add, duty_search_conclude, duty_search_start
from opencomp.rtw.tests.conftest import D


def _start(book, claim, **overrides):
    values = dict(
        actor=book.users["adjuster"],
        claim=claim,
        job_classification="Machine operator",
        permanent_restrictions="No lifting over 15 lb; no climbing.",
        restrictions=[{"kind": "lifting", "limit": "15"}, {"kind": "climbing", "note": "permanent"}],
        started_on=D(2026, 11, 2),
    )
    values.update(overrides)
    return duty_search_start(**values)


def _mmi(book, claim):
    claim_event_append(
        actor=book.users["adjuster"],
        claim=claim,
        kind=EventKind.MMI_RECORDED,
        payload={"mmi_date": "2026-11-02"},
    )


def test_a_search_needs_mmi_first(book, denver):
    with pytest.raises(ValidationFailed) as excinfo:
        _start(book, denver, job_classification="")
    assert {e.field for e in excinfo.value.errors} == {"claim", "job_classification"}
    assert not DutySearch.objects.exists()


def test_a_search_checks_candidates_and_places_the_worker_in_one_that_fits(book, denver):
    _mmi(book, denver)
    adjuster = book.users["adjuster"]
    search = _start(book, denver)
    ladder = duty_search_candidate_add(
        actor=adjuster,
        search=search,
        position="Stock keeper",
        department="Stores",
        demands=[{"kind": "climbing"}],
    )
    desk = duty_search_candidate_add(
        actor=adjuster,
        search=search,
        position="Dispatcher",
        department="Fleet Maintenance",
        agency="Public Works",
        demands=[{"kind": "lifting", "limit": "10"}],
    )
    assert (ladder.fits_restrictions, desk.fits_restrictions) == (False, True)
    with pytest.raises(ValidationFailed) as excinfo:
        duty_search_conclude(
            actor=adjuster, search=search, outcome="placed", placed_id=ladder.pk, concluded_on=D(2026, 11, 2)
        )
    assert excinfo.value.errors[0].field == "placed_id"

    done = duty_search_conclude(
        actor=adjuster, search=search, outcome="placed", placed_id=desk.pk, concluded_on=D(2026, 11, 2)
    )

    assert (done.outcome, done.placed_id) == (SearchOutcome.PLACED, desk.pk)
    actions = [
        e.payload["action"]
        for e in ClaimEvent.objects.filter(claim=denver, kind=EventKind.DUTY_SEARCH_RECORDED).order_by("seq")
    ]
    assert actions == ["started", "candidate_added", "candidate_added", "concluded"]
    with pytest.raises(Conflict):
        duty_search_candidate_add(actor=adjuster, search=search, position="Clerk", department="Parks")


def test_no_position_needs_a_note_and_only_claim_staff_search(book, denver):
    _mmi(book, denver)
    with pytest.raises(PermissionDenied):
        _start(book, denver, actor=book.users["employer_supervisor"])
    search = _start(book, denver)
    with pytest.raises(ValidationFailed) as excinfo:
        duty_search_conclude(
            actor=book.users["adjuster"], search=search, outcome="no_position", concluded_on=D(2026, 11, 2)
        )
    assert excinfo.value.errors[0].field == "note"
