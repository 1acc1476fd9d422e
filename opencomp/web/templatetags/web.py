"""Small presentation helpers for the web templates."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from opencomp.claims.enums import ClaimStatus
from opencomp.intake.enums import ReportStatus
from opencomp.web.selectors import IntakeAreas, intake_areas_for
from opencomp.web.views_benefits import money_text

register = template.Library()

#: The navigation section each page belongs to, by URL name prefix.
_SECTIONS = (("claim", "queue"), ("work_queue", "queue"), ("incident", "incidents"), ("report", "reports"))


#: ``{{ amount|money }}``: ``$1,293.25``, empty for no amount (add ``|default:"—"`` for a dash).
register.filter("money", money_text)


@register.filter
def dict_get(mapping: dict[str, Any], key: str) -> Any:
    """``{{ labels|dict_get:code }}``: a mapping's value for a key a template holds in a variable."""
    return mapping.get(key, key)


@register.filter
def status_badge(value: str) -> SafeString:
    """A claim status as a coloured badge; the text carries the meaning, the colour only helps."""
    try:
        label = ClaimStatus(value).label
    except ValueError:
        label = value
    return format_html('<span class="badge status status--{}">{}</span>', value, label)


@register.filter
def report_badge(value: str) -> SafeString:
    try:
        label = ReportStatus(value).label
    except ValueError:
        label = value
    return format_html('<span class="badge report-status report-status--{}">{}</span>', value, label)


@register.simple_tag(takes_context=True)
def intake_areas(context: template.Context) -> IntakeAreas:
    return intake_areas_for(context["request"].user)


@register.simple_tag(takes_context=True)
def nav_section(context: template.Context) -> str:
    match = getattr(context["request"], "resolver_match", None)
    name = match.url_name if match else ""
    for prefix, section in _SECTIONS:
        if name and name.startswith(prefix):
            return section
    return ""


def _query(request: HttpRequest, **changes: Any) -> str:
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("web/partials/sort_header.html", takes_context=True)
def sort_header(context: template.Context, label: str, key: str, other: str = "") -> dict[str, Any]:
    """A column header that sorts by ``key`` (and toggles to ``other`` when already sorted by it)."""
    request = context["request"]
    current = context["filters"].sort
    active = current in (key, other)
    target = other if other and current == key else key
    direction = "descending" if current in ("newest", "injury") else "ascending"
    return {
        "label": label,
        "href": _query(request, sort=target, page=None),
        "aria_sort": direction if active else "",
        "active": active,
        "arrow": ("↓" if direction == "descending" else "↑") if active else "",
    }


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int) -> str:
    return _query(context["request"], page=str(number))
