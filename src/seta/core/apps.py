from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "seta.core"
    label = "core"
    verbose_name = "Kern"
