from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "seta.demo"
    label = "demo"
    verbose_name = "Demo"
