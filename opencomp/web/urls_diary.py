"""URL patterns of the diary pages (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_diary

urlpatterns: list[URLPattern] = [
    path("diary/", views_diary.diary_view, name="diary"),
    path("diary/team/", views_diary.diary_team_view, name="diary_team"),
    path("diary/timeliness/", views_diary.diary_timeliness_view, name="diary_timeliness"),
    path("notices/", views_diary.notice_list_view, name="notice_list"),
    path("notices/<int:pk>/read/", views_diary.notice_mark_read_view, name="notice_mark_read"),
    path("notices/read-all/", views_diary.notices_mark_all_read_view, name="notices_mark_all_read"),
]
