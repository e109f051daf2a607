"""Urenregistratie: hours per day per medewerker, the weekstaat that is submitted and approved, imports.

An :class:`Urenregel` is written on exactly one of: a bestuursopdracht (soort ``opdracht``), a
catalogusitem for one gemeente (regular work, soort ``regulier``) or overhead (soort ``overhead``).
To let the cost allocation aggregate hours in ONE ``GROUP BY`` over one table, a line also carries
what it is charged to and at what tariff basis, as it was on the day of work: the
samenwerkingsverband, the gemeente it was done for (the opdrachtgever of a single-principal
assignment; empty for a joint assignment and for overhead), and the medewerker's eenheid and
salarisschaal. The service fills these; nobody types them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce

from seta.catalogus.models import Catalogusitem
from seta.core.models import VersionedModel
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Eenheid, Medewerker
from seta.samenwerkingsverbanden.models import Samenwerkingsverband


class Soort(models.TextChoices):
    OPDRACHT = "opdracht", "Bestuursopdracht"
    REGULIER = "regulier", "Regulier werk (catalogus)"
    OVERHEAD = "overhead", "Overhead"


class Weekstatus(models.TextChoices):
    OPEN = "open", "Open"
    INGEDIEND = "ingediend", "Ingediend"
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd (vergrendeld)"


class Weekstaat(VersionedModel):
    """One ISO week of one medewerker: open → ingediend → goedgekeurd (locked); reopened with a reason."""

    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    medewerker = models.ForeignKey(Medewerker, on_delete=models.CASCADE, related_name="weekstaten")
    jaar = models.PositiveSmallIntegerField("jaar (ISO)")
    week = models.PositiveSmallIntegerField(
        "week (ISO)", validators=[MinValueValidator(1), MaxValueValidator(53)]
    )
    status = models.CharField("status", max_length=20, choices=Weekstatus.choices, default=Weekstatus.OPEN)
    ingediend_op = models.DateTimeField("ingediend op", null=True, blank=True)
    goedgekeurd_op = models.DateTimeField("goedgekeurd op", null=True, blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "weekstaat"
        verbose_name_plural = "weekstaten"
        ordering = ["-jaar", "-week", "medewerker__naam"]
        constraints = [models.UniqueConstraint(fields=["medewerker", "jaar", "week"], name="uniek_weekstaat")]
        indexes = [models.Index(fields=["samenwerkingsverband", "status"])]

    def __str__(self) -> str:
        return f"{self.medewerker} week {self.week}-{self.jaar}"

    @property
    def maandag(self) -> dt.date:
        return dt.date.fromisocalendar(self.jaar, self.week, 1)

    @property
    def dagen(self) -> list[dt.date]:
        return [self.maandag + dt.timedelta(days=i) for i in range(7)]

    @property
    def vergrendeld(self) -> bool:
        return self.status == Weekstatus.GOEDGEKEURD


class Weekovergang(models.Model):
    """History of a weekstaat: every transition, who made it, when and why."""

    weekstaat = models.ForeignKey(Weekstaat, on_delete=models.CASCADE, related_name="overgangen")
    van = models.CharField("van", max_length=20, choices=Weekstatus.choices)
    naar = models.CharField("naar", max_length=20, choices=Weekstatus.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True)
    reden = models.TextField("reden", blank=True)

    class Meta:
        verbose_name = "weekovergang"
        verbose_name_plural = "weekovergangen"
        ordering = ["tijdstip", "id"]

    def __str__(self) -> str:
        return f"{self.weekstaat}: {self.van} → {self.naar}"


class Urenregel(VersionedModel):
    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    medewerker = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="urenregels")
    weekstaat = models.ForeignKey(Weekstaat, on_delete=models.PROTECT, related_name="regels")
    datum = models.DateField("datum")
    uren = models.DecimalField(
        "uren",
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("24"))],
    )
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    opdracht = models.ForeignKey(
        Bestuursopdracht,
        verbose_name="bestuursopdracht",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="urenregels",
    )
    catalogusitem = models.ForeignKey(
        Catalogusitem,
        verbose_name="catalogusitem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name="gemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Voor wie het werk was: de gemeente van het regulier werk of de opdrachtgever van de opdracht. "
        "Leeg bij overhead en bij een gezamenlijke opdracht.",
    )
    eenheid = models.ForeignKey(Eenheid, on_delete=models.PROTECT, related_name="+")
    schaal = models.PositiveSmallIntegerField("salarisschaal", null=True, blank=True)
    omschrijving = models.CharField("omschrijving", max_length=255, blank=True)
    bron = models.CharField(
        "bron", max_length=80, default="ui", help_text="ui, api of import:<sha256 van het bestand>."
    )
    sleutel = models.CharField(
        "importsleutel",
        max_length=64,
        blank=True,
        help_text="Natuurlijke sleutel van een geïmporteerde regel.",
    )

    class Meta:
        verbose_name = "urenregel"
        verbose_name_plural = "urenregels"
        ordering = ["datum", "id"]
        indexes = [
            models.Index(fields=["samenwerkingsverband", "datum"]),
            models.Index(fields=["medewerker", "datum"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["sleutel"], condition=~Q(sleutel=""), name="uniek_importsleutel"),
            models.CheckConstraint(condition=Q(uren__gt=0) & Q(uren__lte=24), name="uren_tussen_0_en_24"),
        ]

    def __str__(self) -> str:
        return f"{self.medewerker} {self.datum:%d-%m-%Y} {self.uren} uur ({self.get_soort_display()})"


class Urenimport(models.Model):
    """One imported file. A file with the same content (SHA-256) is never imported twice."""

    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    bestandsnaam = models.CharField("bestandsnaam", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    ingelezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True)
    aantal_rijen = models.PositiveIntegerField("rijen in bestand", default=0)
    aantal_nieuw = models.PositiveIntegerField("nieuwe urenregels", default=0)

    class Meta:
        verbose_name = "urenimport"
        verbose_name_plural = "urenimports"
        ordering = ["-tijdstip"]
        constraints = [
            models.UniqueConstraint(fields=["samenwerkingsverband", "sha256"], name="uniek_importbestand")
        ]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.tijdstip:%d-%m-%Y})"


class Urenoverzicht(models.Model):
    """The APPROVED hours summed per cooperation, month, gemeente, eenheid, salarisschaal and assignment.

    Derived data, maintained by ``uren/overzicht.py``: an approved week adds its lines in the same
    transaction as the approval, reopening it removes them again. The key is exactly the grouping of
    ``financien.invoer.hours_queryset`` plus the calendar month of the line's ``datum`` (an ISO week can
    lie in two months or two years), so the allocation reads a few hundred rows instead of grouping
    millions of lines. ``seta check-urenoverzicht`` compares it with a fresh GROUP BY (ADR 0033).
    """

    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    jaar = models.PositiveSmallIntegerField("jaar")
    maand = models.PositiveSmallIntegerField(
        "maand", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    gemeente = models.ForeignKey(Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    eenheid = models.ForeignKey(Eenheid, on_delete=models.PROTECT, related_name="+")
    schaal = models.PositiveSmallIntegerField("salarisschaal", null=True, blank=True)
    opdracht = models.ForeignKey(
        Bestuursopdracht, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uren = models.DecimalField("uren", max_digits=14, decimal_places=2)
    aantal_regels = models.IntegerField("aantal urenregels")

    class Meta:
        verbose_name = "urenoverzicht"
        verbose_name_plural = "urenoverzichten"
        constraints = [
            # NULL never equals NULL in a unique index; the coalesced key makes "no gemeente" one value
            # (on SQLite and PostgreSQL alike; ids start at 1, schaal at 1).
            models.UniqueConstraint(
                "samenwerkingsverband",
                "jaar",
                "maand",
                Coalesce("gemeente", Value(0)),
                "eenheid",
                Coalesce("schaal", Value(0)),
                Coalesce("opdracht", Value(0)),
                name="uniek_urenoverzicht",
            ),
        ]  # its leading columns also serve the allocation's "cooperation and year"

    def __str__(self) -> str:
        return f"{self.samenwerkingsverband} {self.maand:02d}-{self.jaar}: {self.uren} uur"
