from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "opencomp.demo"
    label = "demo"
