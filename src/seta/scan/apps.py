from django.apps import AppConfig


class ScanConfig(AppConfig):
    name = "seta.scan"
    label = "scan"
    verbose_name = "Samenwerkingsscan"
