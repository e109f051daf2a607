from django.apps import AppConfig


class SignalenConfig(AppConfig):
    name = "seta.signalen"
    label = "signalen"
    verbose_name = "Signalen"
