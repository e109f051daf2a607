from django.apps import AppConfig


class RapportageConfig(AppConfig):
    name = "seta.rapportage"
    label = "rapportage"
    verbose_name = "Raadsrapportage en openbaar register"
