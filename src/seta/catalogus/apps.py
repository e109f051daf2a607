from django.apps import AppConfig


class CatalogusConfig(AppConfig):
    name = "seta.catalogus"
    label = "catalogus"
    verbose_name = "Catalogus"
