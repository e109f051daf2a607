from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "seta.web"
    label = "web"
    verbose_name = "Web"
