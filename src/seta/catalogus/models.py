"""Catalogus: the products, services and processes the pool delivers."""

from __future__ import annotations

from django.db import models

from seta.core.models import VersionedModel
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.models import Samenwerkingsverband, Taakgebied


class Soort(models.TextChoices):
    PRODUCT = "product", "Product"
    DIENST = "dienst", "Dienst"
    PROCES = "proces", "Proces"


class Taaksoort(models.TextChoices):
    MECHANISCH_MEDEBEWIND = "mechanisch_medebewind", "Mechanisch medebewind"
    NIET_MECHANISCH_MEDEBEWIND = "niet_mechanisch_medebewind", "Niet-mechanisch medebewind"
    AUTONOOM = "autonoom", "Autonome taak"


class Maatwerkruimte(models.TextChoices):
    GEEN = "geen", "Geen: de wetgever bepaalt het product"
    BEPERKT = "beperkt", "Beperkt: lokale speelruimte binnen rijksregels"
    VOLLEDIG = "volledig", "Volledig: de gemeente bepaalt zelf"


# One line each, after the seed ("Sturing: weten wat je wil", lines 516-533).
MAATWERKRUIMTE_UITLEG: dict[str, str] = {
    Maatwerkruimte.GEEN: "Mechanisch medebewind: de wetgever bepaalt hoe het product eruitziet (de gemeente bepaalt "
    "niet hoe een paspoort eruitziet); een eigen variant per gemeente is niet mogelijk.",
    Maatwerkruimte.BEPERKT: "Niet-mechanisch medebewind: een rijkstaak met enige lokale speelruimte in aanpak en "
    "(co)financiering, zoals leerplicht; een gemeente kan binnen de rijksregels bijsturen, vaak regionaal afgestemd.",
    Maatwerkruimte.VOLLEDIG: "Autonome taak: de gemeente kiest en betaalt zelf; hier vindt de meeste sturing plaats en "
    "kan elke gemeente een eigen variant opdragen (een groen toeristisch plan voor A, een rood voor B).",
}

MAATWERKRUIMTE: dict[str, str] = {
    Taaksoort.MECHANISCH_MEDEBEWIND: Maatwerkruimte.GEEN,
    Taaksoort.NIET_MECHANISCH_MEDEBEWIND: Maatwerkruimte.BEPERKT,
    Taaksoort.AUTONOOM: Maatwerkruimte.VOLLEDIG,
}


class Taakveld(models.Model):
    """An Iv3 taakveld: the municipal budget classification (BBV), e.g. 0.1 Bestuur."""

    code = models.CharField("code", max_length=8, unique=True)
    naam = models.CharField("naam", max_length=150)
    hoofdtaakveld = models.CharField("hoofdtaakveld", max_length=100)
    # Codes sort numerically per part (0.1, 0.2, …, 0.10, 0.11), not as text.
    volgorde = models.PositiveIntegerField("volgorde", default=0, editable=False)

    class Meta:
        verbose_name = "taakveld (Iv3)"
        verbose_name_plural = "taakvelden (Iv3)"
        ordering = ["volgorde", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.naam}"


class Catalogusitem(VersionedModel):
    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="catalogusitems"
    )
    code = models.SlugField("code", max_length=40)
    naam = models.CharField("naam", max_length=150)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    taaksoort = models.CharField("taaksoort", max_length=30, choices=Taaksoort.choices)
    eenheid = models.ForeignKey(
        Eenheid, verbose_name="eigenaar (eenheid)", on_delete=models.PROTECT, related_name="catalogusitems"
    )
    taakveld = models.ForeignKey(
        Taakveld, verbose_name="taakveld (Iv3)", on_delete=models.PROTECT, related_name="+"
    )
    taakgebied = models.ForeignKey(
        Taakgebied,
        verbose_name="taakgebied",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    omschrijving = models.TextField("omschrijving", blank=True)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "catalogusitem"
        verbose_name_plural = "catalogusitems"
        ordering = ["samenwerkingsverband__naam", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["samenwerkingsverband", "code"], name="uniek_catalogusitemcode")
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def maatwerkruimte(self) -> str:
        return MAATWERKRUIMTE[self.taaksoort]

    @property
    def maatwerkruimte_label(self) -> str:
        return str(Maatwerkruimte(self.maatwerkruimte).label)

    @property
    def maatwerkruimte_uitleg(self) -> str:
        return MAATWERKRUIMTE_UITLEG[self.maatwerkruimte]


class Norm(models.Model):
    """A service norm of a catalogue item (e.g. doorlooptijd 8 werkdagen)."""

    catalogusitem = models.ForeignKey(Catalogusitem, on_delete=models.CASCADE, related_name="normen")
    omschrijving = models.CharField("omschrijving", max_length=200)
    waarde = models.DecimalField("waarde", max_digits=10, decimal_places=2)
    eenheid = models.CharField("eenheid", max_length=30, help_text="Bijvoorbeeld werkdagen, procent, uren.")

    class Meta:
        verbose_name = "norm"
        verbose_name_plural = "normen"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.omschrijving}: {self.waarde} {self.eenheid}"
