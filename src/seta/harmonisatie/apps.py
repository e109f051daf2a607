from django.apps import AppConfig


class HarmonisatieConfig(AppConfig):
    name = "seta.harmonisatie"
    label = "harmonisatie"
    verbose_name = "Harmonisatie: vergelijkbare opdrachten, voorstellen en de variantenkaart"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from seta.harmonisatie import signals
        from seta.opdrachten.models import Bestuursopdracht

        post_save.connect(
            signals.opdracht_opgeslagen, sender=Bestuursopdracht, dispatch_uid="harmonisatie.tekstvector"
        )
