from django.apps import AppConfig


class GemeentenConfig(AppConfig):
    name = "seta.gemeenten"
    label = "gemeenten"
    verbose_name = "Gemeenten"
