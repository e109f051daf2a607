from django.apps import AppConfig


class AutorisatiesConfig(AppConfig):
    name = "seta.autorisaties"
    label = "autorisaties"
    verbose_name = "Autorisaties"
