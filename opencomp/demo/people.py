"""Invented people and identifiers: names, birth dates, addresses, phones, FEIN/ABN/NPI.

Every function takes the book's ``random.Random`` so the whole book follows from
one seed.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

from opencomp.demo import catalog

T = TypeVar("T")


class Weighted(Generic[T]):
    """Fast repeated weighted choice over a fixed list (``random.choices`` without re-summing)."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.items = [p[0] for p in pairs]
        self.cum = list(accumulate(float(p[1]) for p in pairs))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self.cum, rng.random() * self.total)]


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    gender: str
    language: str
    interpreter: bool

    @property
    def full_name(self) -> str:
        return f"{self.given} {self.family}"


_MIX = {code: Weighted(pairs) for code, pairs in catalog.BACKGROUND_MIX.items()}


def person(rng: random.Random, jurisdiction: str) -> Person:
    bg = catalog.BACKGROUNDS[_MIX[jurisdiction].pick(rng)]
    r = rng.random()
    if r < 0.49:
        gender, given = "female", rng.choice(bg.female)
    elif r < 0.98:
        gender, given = "male", rng.choice(bg.male)
    else:
        gender, given = rng.choice(("non_binary", "not_stated")), rng.choice(bg.female + bg.male)
    language, interpreter = "English", False
    if bg.prefers_language and rng.random() < bg.prefers_language:
        language = bg.language
        interpreter = rng.random() < bg.interpreter
    return Person(given, rng.choice(bg.family), gender, language, interpreter)


def ascii_slug(text: str) -> str:
    """``"Wiśniewski"`` → ``"wisniewski"``; for usernames and e-mail local parts."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def date_of_birth(rng: random.Random, at: dt.date, low: int = 19, high: int = 64) -> dt.date:
    """A birth date making the person between ``low`` and ``high`` years old on ``at``."""
    return at - dt.timedelta(days=rng.randint(low * 365 + 5, high * 365 + 300))


def home_address(rng: random.Random, jurisdiction: str) -> tuple[str, str, str, str, str]:
    """(street, city, region, postcode, country)."""
    city, postcodes = rng.choice(catalog.HOME_TOWNS[jurisdiction])
    postcode = rng.choice(postcodes)
    if jurisdiction == "NSW":
        number = rng.randint(1, 240)
        street = f"{number} {rng.choice(catalog.AU_STREETS)}"
        if rng.random() < 0.3:
            street = f"{rng.randint(1, 24)}/{street}"
        return street, city, "NSW", postcode, "AU"
    street = f"{rng.randint(100, 19999)} {rng.choice(catalog.US_STREETS)}"
    if rng.random() < 0.2:
        street += f", Apt {rng.randint(1, 40)}{rng.choice('ABCD')}"
    return street, city, jurisdiction, postcode, "US"


def phone(rng: random.Random, jurisdiction: str) -> str:
    """A number from the ranges reserved for fiction."""
    if jurisdiction == "NSW":
        return f"(02) 5550 {rng.randint(0, 9999):04d}"
    return f"({rng.choice(catalog.AREA_CODES[jurisdiction])}) 555-01{rng.randint(0, 99):02d}"


def email(rng: random.Random, p: Person) -> str:
    local = f"{ascii_slug(p.given)}.{ascii_slug(p.family)}{rng.randint(1, 99)}"
    return f"{local}@{rng.choice(('mail', 'inbox', 'post'))}.example"


def fein(rng: random.Random, jurisdiction: str) -> str:
    return f"{catalog.FEIN_PREFIX.get(jurisdiction, '84')}-{rng.randint(1000000, 9999999)}"


_ABN_WEIGHTS = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)


def abn(rng: random.Random) -> str:
    """An 11-digit ABN that passes the ABR checksum (weights 10,1,3,…; modulus 89)."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(10)]
        check = [digits[0] - 1, *digits[1:]]
        if sum(w * d for w, d in zip(_ABN_WEIGHTS, check, strict=True)) % 89 == 0:
            s = "".join(map(str, digits))
            return f"{s[:2]} {s[2:5]} {s[5:8]} {s[8:]}"


def npi(rng: random.Random) -> str:
    """A 10-digit NPI with a valid Luhn check digit (computed with the 80840 prefix)."""
    base = [rng.randint(1, 2)] + [rng.randint(0, 9) for _ in range(8)]
    digits = [8, 0, 8, 4, 0, *base]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    check = (10 - total % 10) % 10
    return "".join(map(str, base)) + str(check)


_PLV = "0123456789ABCDEFGHJKLMNPQRTUVWXY"


def au_provider_number(rng: random.Random) -> str:
    """A Medicare provider number shape: 6-digit stem, location character, check character."""
    stem = [rng.randint(0, 9) for _ in range(6)]
    plv = rng.randint(0, 9)
    weights = (3, 5, 8, 4, 2, 1)
    total = sum(w * d for w, d in zip(weights, stem, strict=True)) + plv * 6
    return "".join(map(str, stem)) + _PLV[plv] + "YXWTLKJHFBA"[total % 11]
