"""URL patterns of the OSHA log pages (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_osha as views

urlpatterns: list[URLPattern] = [
    path("osha/", views.osha_index_view, name="osha_index"),
    path("osha/<int:pk>/<int:year>/", views.osha_log_view, name="osha_log"),
    path("osha/<int:pk>/<int:year>/<str:name>", views.osha_download_view, name="osha_download"),
]
