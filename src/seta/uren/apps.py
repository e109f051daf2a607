from django.apps import AppConfig


class UrenConfig(AppConfig):
    name = "seta.uren"
    label = "uren"
    verbose_name = "Urenregistratie"
