from django.apps import AppConfig


class DienstverleningConfig(AppConfig):
    name = "seta.dienstverlening"
    label = "dienstverlening"
    verbose_name = "Dienstverlening"
