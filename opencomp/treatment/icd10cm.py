"""ICD-10-CM diagnosis codes: search by code or words, and check a code exists and is billable.

The code set is the one the ``simple-icd-10-cm`` package ships (the CDC's ICD-10-CM release it
packages). Loading it takes about two seconds, so it is loaded on first use, never at start-up,
and kept for the process. Billable codes are the leaves of the classification (a category with
no subcategories, or the most specific subcategory, seventh character included). Pure: no
database, no clock.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import cache
from types import ModuleType

#: At most this many results per search.
LIMIT = 20
MAX_LIMIT = 50
_CODE_LIKE = re.compile(r"^[A-Za-z][0-9][0-9A-Za-z]?\.?[0-9A-Za-z]{0,4}$")


@dataclass(frozen=True)
class Diagnosis:
    """One billable ICD-10-CM code (with its dot, ``S33.5XXA``) and its description."""

    code: str
    description: str


@cache
def _library() -> ModuleType:
    with warnings.catch_warnings():
        # The package reads its data with importlib.resources' legacy API.
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm

    module: ModuleType = simple_icd_10_cm
    return module


@cache
def _billable() -> tuple[tuple[str, str, str], ...]:
    """Every billable code: (code with dot, code without dot, description lower-cased)."""
    cm = _library()
    return tuple(
        (code, code.replace(".", ""), cm.get_description(code))
        for code in cm.get_all_codes(True)
        if cm.is_leaf(code) and not cm.is_chapter_or_block(code)
    )


def _normal(code: str) -> str:
    return code.strip().upper().replace(".", "")


def search(query: str, *, limit: int = LIMIT) -> list[Diagnosis]:
    """Billable codes matching ``query``: a code (or its start, with or without the dot) or words.

    Words match a description containing every one of them, in any order (case ignored); those
    starting with the words as typed come first, then the shorter (more general) descriptions.
    Codes match in code order. At most ``limit`` (1–50) results.
    """
    text = " ".join((query or "").split())
    limit = max(1, min(limit, MAX_LIMIT))
    if not text:
        return []
    found: list[Diagnosis] = []
    if _CODE_LIKE.match(text):
        prefix = _normal(text)
        for code, bare, description in _billable():
            if bare.startswith(prefix):
                found.append(Diagnosis(code, description))
                if len(found) >= limit:
                    return found
        if found:
            return found
    phrase = text.lower()
    words = phrase.split()
    matches = [
        (not description.lower().startswith(phrase), len(description), code, description)
        for code, _bare, description in _billable()
        if all(w in description.lower() for w in words)
    ]
    matches.sort()
    return [Diagnosis(code, description) for _start, _length, code, description in matches[:limit]]


def lookup(code: str) -> Diagnosis | None:
    """The billable code ``code`` (dot optional, any case), or ``None`` if it is not one."""
    cm = _library()
    bare = _normal(code)
    if not bare or not cm.is_valid_item(bare):
        return None
    if not cm.is_leaf(bare) or cm.is_chapter_or_block(bare):
        return None
    dotted = cm.add_dot(bare)
    return Diagnosis(dotted, cm.get_description(dotted))


def problem(code: str) -> str | None:
    """Why ``code`` cannot be recorded as a diagnosis, or ``None`` when it is a billable code."""
    cm = _library()
    bare = _normal(code)
    if not bare or not cm.is_valid_item(bare):
        return f"{code.strip()!r} is not an ICD-10-CM code"
    if cm.is_chapter_or_block(bare) or not cm.is_leaf(bare):
        return f"{cm.add_dot(bare)} is not billable: choose a more specific code"
    return None
