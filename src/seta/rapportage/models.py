"""Council reports (issue 12): the reporting cycle a cooperation follows, the reports and the subscriptions.

A ``Raadsrapportage`` is one period's report to one municipality's council (``gemeente`` set) or the joint report
to all councils of the cooperation (``gemeente`` empty). While it is a concept, its figures are computed on every
read (``inhoud.bouw``); when it is sent (``lifecycle.AANBIEDEN``) the figures are frozen into ``inhoud`` (JSON,
the contract in ``kern/model.py``) and the PDF into ``pdf``, with the SHA-256 of each, so what the council got can
be shown later, byte for byte. A correction is a new version (``voorganger``), never an edit in place.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from seta.core.models import VersionedModel
from seta.gemeenten.models import Gemeente
from seta.rapportage import lifecycle
from seta.samenwerkingsverbanden.models import Bestuursbesluit, Samenwerkingsverband

STATUS_CHOICES: list[tuple[str, str]] = list(lifecycle.STATUS_LABELS.items())


class Ritme(models.TextChoices):
    """The planning & control cycle the cooperation reports in (the periods: ``kern/perioden.py``)."""

    PC_CYCLUS = "pc_cyclus", "Planning & control-cyclus (voorjaarsnota, najaarsnota, jaarrekening)"
    VIERMAANDELIJKS = "viermaandelijks", "Viermaandelijks (drie tertiaalrapportages)"
    KWARTAAL = "kwartaal", "Per kwartaal"


class Rapportagecyclus(VersionedModel):
    """How often and over which periods a cooperation reports to its councils, and on what that rests."""

    samenwerkingsverband = models.OneToOneField(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="rapportagecyclus"
    )
    ritme = models.CharField("ritme", max_length=20, choices=Ritme.choices, default=Ritme.PC_CYCLUS)
    bron = models.CharField(
        "grondslag",
        max_length=300,
        blank=True,
        help_text="Waar het ritme op berust, bijvoorbeeld 'Financiële verordening BEL Combinatie, art. 6'.",
    )
    dagen_na_periode = models.PositiveSmallIntegerField(
        "aanbieden binnen (dagen)",
        default=42,
        help_text="Binnen hoeveel dagen na het einde van een periode de rapportage aan de raad gaat.",
    )

    class Meta:
        verbose_name = "rapportagecyclus"
        verbose_name_plural = "rapportagecycli"

    def __str__(self) -> str:
        return f"Rapportagecyclus {self.samenwerkingsverband}"


class Raadsrapportage(VersionedModel):
    """One period's report to a municipality's council (or, with ``gemeente`` empty, to all councils jointly)."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="raadsrapportages"
    )
    gemeente = models.ForeignKey(
        Gemeente,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="raadsrapportages",
        help_text="Leeg: de gezamenlijke rapportage aan alle raden.",
    )
    # the key of the constraints (NULL is distinct in a unique index on SQLite): the CBS code or "gezamenlijk"
    ontvanger = models.CharField("ontvanger", max_length=12, editable=False)
    jaar = models.PositiveSmallIntegerField("jaar")
    periode = models.CharField(
        "periode", max_length=20, help_text="De code van de periode, bijv. 'najaarsnota'."
    )
    periode_naam = models.CharField("naam van de periode", max_length=100)
    begin = models.DateField("begin van de periode")
    eind = models.DateField("einde van de periode")
    volgnummer = models.PositiveSmallIntegerField("versie", default=1)
    voorganger = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correctie",
        verbose_name="corrigeert versie",
    )
    status = models.CharField(
        "status", max_length=20, choices=STATUS_CHOICES, default=lifecycle.CONCEPT, db_index=True
    )
    toelichting_pool = models.TextField(
        "toelichting van de werkorganisatie",
        blank=True,
        help_text="De uitleg van de directeur bij de cijfers van deze periode (geen gegenereerde tekst).",
    )
    toelichting_gemeente = models.TextField(
        "toelichting van de gemeentesecretaris",
        blank=True,
        help_text="De uitleg van de gemeentesecretaris voor de raad.",
    )
    correctiereden = models.TextField("reden van de correctie", blank=True)
    # frozen at ``aanbieden``
    inhoud = models.JSONField("vastgelegde inhoud", null=True, blank=True)
    inhoud_sha256 = models.CharField("SHA-256 van de inhoud", max_length=64, blank=True)
    pdf = models.BinaryField("PDF", null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField("SHA-256 van de PDF", max_length=64, blank=True)
    besluit = models.ForeignKey(
        Bestuursbesluit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="besluit tot aanbieden",
    )
    aangeboden_op = models.DateField("aangeboden op", null=True, blank=True)
    aangeboden_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "raadsrapportage"
        verbose_name_plural = "raadsrapportages"
        ordering = ["-jaar", "-eind", "samenwerkingsverband", "gemeente__naam", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "ontvanger", "jaar", "periode", "volgnummer"],
                name="rapportage_uniek_per_versie",
            ),
            # at most one version of a period is the one the council holds
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "ontvanger", "jaar", "periode"],
                condition=Q(status=lifecycle.AANGEBODEN),
                name="rapportage_een_aangeboden",
            ),
            # and at most one version is being drafted
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "ontvanger", "jaar", "periode"],
                condition=Q(status=lifecycle.CONCEPT),
                name="rapportage_een_concept",
            ),
        ]
        indexes = [models.Index(fields=["samenwerkingsverband", "jaar", "periode"])]

    GEZAMENLIJK = "gezamenlijk"

    def save(self, *args: object, **kwargs: object) -> None:
        self.ontvanger = self.gemeente.cbs_code if self.gemeente is not None else self.GEZAMENLIJK
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def __str__(self) -> str:
        wie = self.gemeente.naam if self.gemeente is not None else "alle raden"
        versie = f" (versie {self.volgnummer})" if self.volgnummer > 1 else ""
        return f"Raadsrapportage {self.periode_naam} {self.jaar}, {wie}{versie}"

    @property
    def is_gezamenlijk(self) -> bool:
        return self.gemeente_id is None

    @property
    def is_bevroren(self) -> bool:
        return self.status in lifecycle.BEVROREN

    @property
    def status_label(self) -> str:
        return lifecycle.STATUS_LABELS.get(self.status, self.status)


class Abonnement(models.Model):
    """A person's wish to get an e-mail with a link when a new report for a municipality is published."""

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    gemeente = models.ForeignKey(
        Gemeente,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Leeg: ook de gezamenlijke rapportage.",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "abonnement op raadsrapportages"
        verbose_name_plural = "abonnementen op raadsrapportages"
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "samenwerkingsverband", "gemeente"],
                name="abonnement_uniek",
            ),
            models.UniqueConstraint(
                fields=["gebruiker", "samenwerkingsverband"],
                condition=Q(gemeente__isnull=True),
                name="abonnement_uniek_gezamenlijk",
            ),
        ]

    def __str__(self) -> str:
        return f"Abonnement van {self.gebruiker} op {self.gemeente or self.samenwerkingsverband}"


class Verzending(models.Model):
    """One e-mail sent to a subscriber about a published report (so no one gets the same report twice)."""

    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, related_name="verzendingen")
    rapportage = models.ForeignKey(Raadsrapportage, on_delete=models.CASCADE, related_name="verzendingen")
    verzonden_op = models.DateTimeField("verzonden op", auto_now_add=True)

    class Meta:
        verbose_name = "verzonden bericht"
        verbose_name_plural = "verzonden berichten"
        constraints = [
            models.UniqueConstraint(fields=["abonnement", "rapportage"], name="verzending_eenmaal")
        ]

    def __str__(self) -> str:
        return f"Bericht over {self.rapportage} aan {self.abonnement.gebruiker}"
