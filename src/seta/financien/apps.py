from django.apps import AppConfig


class FinancienConfig(AppConfig):
    name = "seta.financien"
    label = "financien"
    verbose_name = "Financiën"
