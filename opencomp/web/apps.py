from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "opencomp.web"
    label = "web"
