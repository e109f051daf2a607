from django.apps import AppConfig


class OpdrachtenConfig(AppConfig):
    name = "seta.opdrachten"
    label = "opdrachten"
    verbose_name = "Bestuursopdrachten"
