"""The diary recompute bench's data generator, run small on the test database.

``bench/diary_recompute.py`` fills its databases with set-based SQL. Here it makes a few
dozen claims, and the test checks that what it wrote is what the application itself could
have written (every payload valid for its kind, the claim rows agreeing with their logs,
legal status moves), and that the batch recompute over them gives exactly the obligations
the engine gives claim by claim.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import pytest

from opencomp.claims import lifecycle
from opencomp.claims.events import validate_payload
from opencomp.claims.models import Claim, ClaimEvent
from opencomp.core import clock
from opencomp.deadlines.batch import read_kinds, recompute
from opencomp.deadlines.models import Obligation
from opencomp.deadlines.services import ENGINE_FIELDS, obligation_row, obligations_compute
from opencomp.jurisdictions.registry import JURISDICTIONS

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]

BENCH = Path(__file__).resolve().parents[3] / "bench" / "diary_recompute.py"
CLAIMS = 60


def _bench() -> ModuleType:
    name = "bench_diary_recompute"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def generated():
    return _bench().generate(CLAIMS, employers_per_jurisdiction=3, workers_per_employer=2, batch=25)


def test_generated_claims_and_events_are_ones_the_application_could_write(generated):
    assert generated.claims == CLAIMS
    assert ClaimEvent.objects.count() == generated.events
    assert 15 <= generated.events / CLAIMS <= 25
    claims = {c.pk: c for c in Claim.objects.select_related("employer", "employment")}
    assert set(claims) == set(range(1, CLAIMS + 1))
    assert {c.jurisdiction for c in claims.values()} == {"CO", "MN", "CT", "NSW"}

    logs: dict[int, list[ClaimEvent]] = {}
    for event in ClaimEvent.objects.order_by("claim_id", "seq"):
        logs.setdefault(event.claim_id, []).append(event)
    kinds: Counter[str] = Counter()
    for claim_id, log in logs.items():
        claim = claims[claim_id]
        zone = ZoneInfo(JURISDICTIONS[claim.jurisdiction].time_zone)
        assert [e.seq for e in log] == list(range(1, len(log) + 1))
        assert claim.last_event_seq == len(log)
        assert [e.occurred_at for e in log] == sorted(e.occurred_at for e in log)
        assert claim.employer.jurisdiction == claim.jurisdiction
        assert claim.employment.worker_id == claim.worker_id
        assert claim.employment.employer_id == claim.employer_id
        assert claim.administrator_id == (claim.employer.claims_administrator_id or claim.employer_id)
        status = lifecycle.REPORTED
        for event in log:
            kinds[event.kind] += 1
            assert validate_payload(event.kind, event.payload) == event.payload, (claim_id, event.seq)
            if event.kind == "claim.status_changed":
                assert event.payload["from_status"] == status
                lifecycle.check_transition(status, event.payload["to_status"])
                status = event.payload["to_status"]
            elif event.kind == "request.received":  # dated the local day it arrived
                assert event.payload["received_on"] == event.occurred_at.astimezone(zone).date().isoformat()
            for name in ("request_seq", "entry_seq"):
                if name in event.payload:
                    assert event.payload[name] < event.seq
        assert claim.status == status
        created = log[0]
        assert created.kind == "claim.created"
        assert created.occurred_at.astimezone(zone).date() == claim.notification_date
        assert created.payload["employer_id"] == claim.employer_id
        assert created.payload["worker_id"] == claim.worker_id
        assert created.payload["injury_date"] == claim.injury_date.isoformat()
        assert created.payload["notification_date"] == claim.notification_date.isoformat()
        assert claim.injury_date <= claim.employer_knowledge_date <= claim.notification_date
    for kind in ("activity.logged", "claim.status_changed", "notice.sent", "work_status.recorded"):
        assert kinds[kind] > 0, kind


def test_recompute_over_the_bench_data_gives_the_engine_obligations(generated):
    stats = recompute(chunk_size=17)

    now = clock.now()
    expected = {}
    for claim in Claim.objects.select_related("employer"):
        for o in obligations_compute(claim):
            row = obligation_row(claim.pk, o, now)
            expected[(claim.pk, o.key)] = tuple(getattr(row, f) for f in ENGINE_FIELDS)
    actual = {
        (claim_id, key): tuple(rest)
        for claim_id, key, *rest in Obligation.objects.values_list("claim_id", "key", *ENGINE_FIELDS)
    }
    assert stats.claims == CLAIMS
    # events a rule reads are fetched; notes and the like are not
    read = ClaimEvent.objects.filter(kind__in=read_kinds()).count()
    assert stats.events == read < generated.events
    assert stats.obligations == len(expected) == len(actual)
    assert actual == expected
    # a realistic diary: most things done, some late or still open, some closed off
    at = ENGINE_FIELDS.index("status")
    statuses = Counter(values[at] for values in expected.values())
    assert {"satisfied", "late", "open", "cancelled"} <= set(statuses)
