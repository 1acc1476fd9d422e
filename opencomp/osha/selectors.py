"""Reads of the OSHA logs: an establishment's Form 300 rows, its 300A summary, the book-wide
establishment and case files, incidence rates and counts by nature, body part and cause.

Every summary is one aggregate query over the case table (``summaries_300a``: all
establishments of a year in one ``GROUP BY``), so the ITA export of a whole book is one scan of
the cases plus one of the establishments.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from opencomp.osha.models import OshaCase, OshaYear
from opencomp.parties.models import Establishment

OUTCOME_TOTALS = {
    "total_deaths": "death",
    "total_dafw_cases": "days_away",
    "total_djtr_cases": "job_transfer_restriction",
    "total_other_cases": "other_recordable",
}
TYPE_TOTALS = {
    "total_injuries": "injury",
    "total_skin_disorders": "skin_disorder",
    "total_respiratory_conditions": "respiratory_condition",
    "total_poisonings": "poisoning",
    "total_hearing_loss": "hearing_loss",
    "total_other_illnesses": "other_illness",
}


def recorded_cases(*, year: int) -> QuerySet[OshaCase]:
    """The recordable cases on the year's logs."""
    return OshaCase.objects.filter(year=year, recordable=True)


def form_300_rows(*, establishment: Establishment, year: int) -> list[OshaCase]:
    """The establishment's Form 300 for the year, by case number."""
    return list(recorded_cases(year=year).filter(establishment=establishment).order_by("case_number", "pk"))


def privacy_list(*, establishment: Establishment, year: int) -> list[OshaCase]:
    """The confidential list: case numbers and names of the privacy cases (1904.29(b)(6))."""
    return [c for c in form_300_rows(establishment=establishment, year=year) if c.privacy_case]


def _aggregates() -> dict[str, Count | Sum]:
    values: dict[str, Count | Sum] = {
        name: Count("pk", filter=Q(outcome=outcome)) for name, outcome in OUTCOME_TOTALS.items()
    }
    values["total_dafw_days"] = Sum("days_away")
    values["total_djtr_days"] = Sum("days_restricted")
    values |= {name: Count("pk", filter=Q(case_type=kind)) for name, kind in TYPE_TOTALS.items()}
    return values


@dataclass(frozen=True)
class Summary300A:
    establishment_id: int
    totals: dict[str, int]

    @property
    def cases(self) -> int:
        return sum(self.totals[n] for n in OUTCOME_TOTALS)


def summaries_300a(*, year: int, establishment_ids: list[int] | None = None) -> dict[int, Summary300A]:
    """Form 300A totals (G-J, K, L, M1-M6) of every establishment with cases, by establishment id.

    One aggregate query; establishments without recordable cases are absent (their totals are 0).
    """
    cases = recorded_cases(year=year)
    if establishment_ids is not None:
        cases = cases.filter(establishment_id__in=establishment_ids)
    rows = cases.order_by().values("establishment_id").annotate(**_aggregates())
    return {
        row["establishment_id"]: Summary300A(
            row["establishment_id"], {k: int(v or 0) for k, v in row.items() if k != "establishment_id"}
        )
        for row in rows
    }


def empty_totals() -> dict[str, int]:
    return dict.fromkeys([*OUTCOME_TOTALS, "total_dafw_days", "total_djtr_days", *TYPE_TOTALS], 0)


def summary_300a(*, establishment: Establishment, year: int) -> Summary300A:
    found = summaries_300a(year=year, establishment_ids=[establishment.pk])
    return found.get(establishment.pk, Summary300A(establishment.pk, empty_totals()))


def osha_year(*, establishment: Establishment, year: int) -> OshaYear | None:
    return OshaYear.objects.filter(establishment=establishment, year=year).first()


def establishments_for_year(
    *, year: int, establishment_ids: list[int] | None = None
) -> Iterator[tuple[Establishment, OshaYear | None]]:
    """Every US establishment (or those of ``establishment_ids``) with its year's record (None
    when not entered), by id, streamed."""
    establishments = Establishment.objects.filter(country="US")
    entered = OshaYear.objects.filter(year=year)
    if establishment_ids is not None:
        establishments = establishments.filter(pk__in=establishment_ids)
        entered = entered.filter(establishment_id__in=establishment_ids)
    years = {y.establishment_id: y for y in entered}
    for est in establishments.order_by("pk").iterator(chunk_size=2000):
        yield est, years.get(est.pk)


def counts_by(*, establishment: Establishment, year: int, field: str) -> list[tuple[str, int]]:
    """Recordable cases of the year by ``nature``, ``body_part`` or ``cause``, most first."""
    if field not in {"nature", "body_part", "cause"}:
        raise ValueError(f"cannot count by {field!r}")
    rows = (
        recorded_cases(year=year)
        .filter(establishment=establishment)
        .order_by()
        .values_list(field)
        .annotate(n=Count("pk"))
        .order_by("-n", field)
    )
    return [(value or "not recorded", n) for value, n in rows]
