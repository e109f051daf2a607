from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "seta.planning"
    label = "planning"
    verbose_name = "Capaciteitsplanning"
