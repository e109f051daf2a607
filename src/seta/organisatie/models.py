"""Werkorganisatie: the tree of eenheden and teams, and the medewerkers of the pool."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from seta.core.models import VersionedModel
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Samenwerkingsverband


class Soort(models.TextChoices):
    DIRECTIE = "directie", "Directie"
    STAF = "staf", "Staf"
    EENHEID = "eenheid", "Eenheid"
    TEAM = "team", "Team"


class Eenheid(VersionedModel):
    """A unit or team of the pool; under Menu 1 or 3 optionally hosted by one municipality."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="eenheden"
    )
    naam = models.CharField("naam", max_length=150)
    code = models.SlugField("code", max_length=40)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices, default=Soort.TEAM)
    bovenliggend = models.ForeignKey(
        "self",
        verbose_name="valt onder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="onderdelen",
    )
    gastgemeente = models.ForeignKey(
        Gemeente,
        verbose_name="ondergebracht bij",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Menu 1: de gemeente waar deze eenheid is ondergebracht; Menu 3: de gastheergemeente.",
    )
    omschrijving = models.TextField("omschrijving", blank=True)

    class Meta:
        verbose_name = "eenheid"
        verbose_name_plural = "eenheden"
        ordering = ["samenwerkingsverband__naam", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["samenwerkingsverband", "code"], name="uniek_eenheidcode")
        ]

    def __str__(self) -> str:
        return self.naam


class Competentie(models.Model):
    naam = models.CharField("naam", max_length=100, unique=True)

    class Meta:
        verbose_name = "competentie"
        verbose_name_plural = "competenties"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Positie(models.TextChoices):
    DIRECTEUR = "directeur", "Directeur"
    CONTROLLER = "controller", "Controller"
    TEAMLEIDER = "teamleider", "Teamleider"
    MEDEWERKER = "medewerker", "Medewerker"


class Medewerker(VersionedModel):
    """A member of staff of the pool. The pool-side roles of a user follow from this record."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="medewerkers"
    )
    naam = models.CharField("naam", max_length=150)
    personeelsnummer = models.CharField(
        "personeelsnummer",
        max_length=20,
        blank=True,
        default="",
        help_text="Het nummer waarmee tijdschrijf- en salarissystemen de medewerker aanduiden, "
        "bijv. BEL-00123; uniek binnen het samenwerkingsverband. Mag leeg blijven bij oude dossiers.",
    )
    eenheid = models.ForeignKey(Eenheid, on_delete=models.PROTECT, related_name="medewerkers")
    positie = models.CharField("positie", max_length=20, choices=Positie.choices, default=Positie.MEDEWERKER)
    functietitel = models.CharField("functie", max_length=150, blank=True)
    fte = models.DecimalField(
        "fte",
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1.50"))],
    )
    schaal = models.PositiveSmallIntegerField(
        "salarisschaal", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(18)]
    )
    afkomstig_van = models.ForeignKey(
        Gemeente,
        verbose_name="afkomstig van",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    competenties = models.ManyToManyField(Competentie, blank=True, related_name="medewerkers")
    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="medewerker"
    )
    in_dienst = models.DateField("in dienst")
    uit_dienst = models.DateField("uit dienst", null=True, blank=True)

    class Meta:
        verbose_name = "medewerker"
        verbose_name_plural = "medewerkers"
        ordering = ["samenwerkingsverband__naam", "naam"]
        constraints = [
            # Unique per cooperation; old records without a number (empty) are exempt.
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "personeelsnummer"],
                condition=~models.Q(personeelsnummer=""),
                name="uniek_personeelsnummer",
            )
        ]

    def __str__(self) -> str:
        return self.naam
