"""URL patterns of the claim diary pages (joined into ``web.urls``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
