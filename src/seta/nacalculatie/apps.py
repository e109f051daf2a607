from django.apps import AppConfig


class NacalculatieConfig(AppConfig):
    name = "seta.nacalculatie"
    label = "nacalculatie"
    verbose_name = "Nacalculatie"
