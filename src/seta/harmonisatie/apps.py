from django.apps import AppConfig


class HarmonisatieConfig(AppConfig):
    name = "seta.harmonisatie"
    label = "harmonisatie"
    verbose_name = "Harmonisatie: vergelijkbare opdrachten, voorstellen en de variantenkaart"
