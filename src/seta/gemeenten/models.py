"""Gemeenten (the national reference list) and their bestuursorganen and functionarissen."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from seta.core.models import VersionedModel


class Gemeente(VersionedModel):
    """A Dutch municipality from the CBS reference list. A merged-away one keeps its history."""

    cbs_code = models.CharField("CBS-code", max_length=6, unique=True, help_text="Bijvoorbeeld GM0376.")
    naam = models.CharField("naam", max_length=100)
    slug = models.SlugField("slug", max_length=100, unique=True)
    provincie = models.CharField("provincie", max_length=50)
    provincie_code = models.CharField("provinciecode", max_length=4, blank=True)
    inwoners = models.PositiveIntegerField("inwoners")
    peildatum_inwoners = models.DateField("peildatum inwoners")
    bron = models.CharField("bron", max_length=255, help_text="Herkomst van het inwonertal.")
    opgeheven_op = models.DateField("opgeheven op", null=True, blank=True)
    opgegaan_in = models.ForeignKey(
        "self", verbose_name="opgegaan in", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def bestaat(self) -> bool:
        return self.opgeheven_op is None


class Portefeuille(models.Model):
    """A policy portfolio of a college member (wethouder or burgemeester)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="portefeuilles")
    naam = models.CharField("naam", max_length=100)

    class Meta:
        verbose_name = "portefeuille"
        verbose_name_plural = "portefeuilles"
        ordering = ["gemeente__naam", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "naam"], name="uniek_portefeuille_per_gemeente")
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"


class Functie(models.TextChoices):
    BURGEMEESTER = "burgemeester", "Burgemeester"
    WETHOUDER = "wethouder", "Wethouder"
    RAADSLID = "raadslid", "Raadslid"
    GRIFFIER = "griffier", "Griffier"
    GEMEENTESECRETARIS = "gemeentesecretaris", "Gemeentesecretaris"
    BELEIDSREGISSEUR = "beleidsregisseur", "Beleidsregisseur"


class Bestuursorgaan(models.TextChoices):
    GEMEENTERAAD = "gemeenteraad", "Gemeenteraad"
    COLLEGE = "college", "College van B&W"
    AMBTELIJK = "ambtelijk", "Ambtelijke ondersteuning"


ORGAAN_VAN_FUNCTIE: dict[str, str] = {
    Functie.BURGEMEESTER: Bestuursorgaan.COLLEGE,
    Functie.WETHOUDER: Bestuursorgaan.COLLEGE,
    Functie.GEMEENTESECRETARIS: Bestuursorgaan.COLLEGE,
    Functie.RAADSLID: Bestuursorgaan.GEMEENTERAAD,
    Functie.GRIFFIER: Bestuursorgaan.GEMEENTERAAD,
    Functie.BELEIDSREGISSEUR: Bestuursorgaan.AMBTELIJK,
}


class FunctionarisQuerySet(models.QuerySet["Functionaris"]):
    def actief(self, op: object = None) -> FunctionarisQuerySet:
        from django.utils import timezone

        datum = op or timezone.localdate()
        return self.filter(begindatum__lte=datum).filter(
            models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=datum)
        )


class Functionaris(VersionedModel):
    """A person holding a position in a municipality: college, council or beleidsregie.

    The municipality-side roles of a user follow from the functionarissen linked to that user.
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="functionarissen")
    functie = models.CharField("functie", max_length=30, choices=Functie.choices)
    naam = models.CharField("naam", max_length=150)
    fractie = models.CharField("fractie", max_length=100, blank=True)
    portefeuilles = models.ManyToManyField(Portefeuille, blank=True, related_name="portefeuillehouders")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="functionarissen",
    )
    begindatum = models.DateField("begindatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)

    objects = FunctionarisQuerySet.as_manager()

    class Meta:
        verbose_name = "functionaris"
        verbose_name_plural = "functionarissen"
        ordering = ["gemeente__naam", "functie", "naam"]

    def __str__(self) -> str:
        return f"{self.naam}, {self.get_functie_display().lower()} {self.gemeente}"

    @property
    def orgaan(self) -> str:
        return ORGAAN_VAN_FUNCTIE[self.functie]
