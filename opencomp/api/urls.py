"""``/api/v1/``: the API's operations, its OpenAPI document and docs, and JSON 404s for anything else."""

from django.urls import path, re_path

from opencomp.api.errors import unknown_endpoint
from opencomp.api.main import api

urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<path>.*)$", unknown_endpoint),
]
