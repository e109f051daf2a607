from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "seta.api"
    label = "api"
    verbose_name = "API"
