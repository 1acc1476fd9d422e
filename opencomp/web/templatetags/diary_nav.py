"""The diary's links in the top bar, and the user's unread notices count."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from opencomp.deadlines import selectors as diary

register = template.Library()

#: The top-bar entry each diary page belongs to, by URL name.
_SECTIONS = {
    "diary": "diary",
    "diary_team": "diary",
    "diary_timeliness": "timeliness",
    "notice_list": "notices",
}


@dataclass(frozen=True)
class DiaryNav:
    diary: bool = False
    timeliness: bool = False
    notices: bool = False
    unread: int = 0
    section: str = ""


@register.simple_tag(takes_context=True)
def diary_nav(context: template.Context) -> DiaryNav:
    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return DiaryNav()
    match = getattr(request, "resolver_match", None)
    notices = diary.user_can_see_notices(user)
    return DiaryNav(
        diary=diary.user_can_see_obligations(user),
        timeliness=diary.user_can_see_timeliness(user),
        notices=notices,
        unread=diary.notice_unread_count(user) if notices else 0,
        section=_SECTIONS.get(match.url_name if match else "", ""),
    )
