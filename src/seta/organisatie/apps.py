from django.apps import AppConfig


class OrganisatieConfig(AppConfig):
    name = "seta.organisatie"
    label = "organisatie"
    verbose_name = "Werkorganisatie"
