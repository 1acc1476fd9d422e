"""The intake benchmark's request bodies are valid against the API (so the benchmark measures intake)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

from opencomp.claims.models import Claim

BENCH = Path(__file__).resolve().parents[3] / "bench" / "intake.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_intake", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_benchmark_body_opens_a_claim(book, api, bench):
    # given: the book's employer and workers, shaped as the benchmark's seed
    seed = bench.Seed(
        token="",
        employers=[
            {
                "id": book.employer.pk,
                "jurisdiction": "CO",
                "establishment_id": book.establishment.pk,
                "workers": [book.worker.pk],
            }
        ],
    )
    bodies = bench.claim_bodies(seed, 40, today=dt.date(2026, 11, 1), rng=random.Random(1))  # noqa: S311 - test data
    before = Claim.objects.count()

    # when
    replies = [api.post("claims", json.loads(body), as_="adjuster") for body in bodies]

    # then
    assert [r.status for r in replies] == [201] * 40, [r.body for r in replies if r.status != 201][:2]
    assert Claim.objects.count() == before + 40
    assert len({r.body["number"] for r in replies}) == 40
