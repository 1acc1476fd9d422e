"""ICD-10-CM search and validation over the packaged code set."""

from __future__ import annotations

import subprocess
import sys

import pytest

from opencomp.treatment import icd10cm


def test_search_by_code_prefix_with_or_without_the_dot():
    found = icd10cm.search("S33.5")
    assert [d.code for d in found] == ["S33.5XXA", "S33.5XXD", "S33.5XXS"]
    assert found[0].description == "Sprain of ligaments of lumbar spine, initial encounter"
    assert [d.code for d in icd10cm.search("s335")] == [d.code for d in found]


def test_search_by_words_in_any_order_and_only_billable_codes():
    found = icd10cm.search("lumbar sprain ligaments")
    assert "S33.5XXA" in [d.code for d in found]
    assert all(icd10cm.problem(d.code) is None for d in found)
    assert "S33.5" not in [d.code for d in icd10cm.search("S33")]  # a category is not billable


def test_search_is_limited():
    assert len(icd10cm.search("fracture")) == icd10cm.LIMIT
    assert len(icd10cm.search("fracture", limit=5)) == 5
    assert len(icd10cm.search("fracture", limit=500)) == icd10cm.MAX_LIMIT
    assert icd10cm.search("   ") == []
    assert icd10cm.search("zzzz no such words") == []


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("S33.5XXA", None),
        ("m5450", None),
        ("S33.5", "S33.5 is not billable: choose a more specific code"),
        ("S33", "S33 is not billable: choose a more specific code"),
        ("QQ9.9", "'QQ9.9' is not an ICD-10-CM code"),
        ("", "'' is not an ICD-10-CM code"),
    ],
)
def test_problem_says_why_a_code_cannot_be_recorded(code, problem):
    assert icd10cm.problem(code) == problem


def test_lookup_gives_the_dotted_code_and_description():
    found = icd10cm.lookup("m5450")
    assert found is not None
    assert (found.code, found.description) == ("M54.50", "Low back pain, unspecified")
    assert icd10cm.lookup("S33.5") is None


def test_the_code_set_is_not_loaded_when_django_starts():
    code = (
        "import django, os, sys; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'opencomp.settings');"
        "django.setup(); import opencomp.urls; print('simple_icd_10_cm' in sys.modules)"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
