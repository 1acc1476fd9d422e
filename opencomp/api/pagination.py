"""``limit``/``offset`` pages with an exact ``count``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar, overload

from django.db.models import Model, QuerySet

from opencomp.api.schemas import PageParams

M = TypeVar("M", bound=Model)
T = TypeVar("T")


@overload
def page_of(items: QuerySet[M], page: PageParams) -> tuple[int, list[M]]: ...
@overload
def page_of(items: Sequence[T], page: PageParams) -> tuple[int, list[T]]: ...
def page_of(items: QuerySet[Any] | Sequence[Any], page: PageParams) -> tuple[int, list[Any]]:
    """The total number of items and the requested slice of them (two queries for a queryset)."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    if page.offset >= count:
        return count, []
    return count, list(items[page.offset : page.offset + page.limit])
