"""Signalen: alerts that a service raises for the people who must act on them.

A signal is raised inside the write path that discovers it (approving hours crosses 90 % of an estimate; an
imported period shows a norm missed twice running), addressed to a *doelgroep* of one cooperation and, for the
municipality side, one gemeente. Who of that doelgroep reads it is the policy's decision
(``autorisaties/policy/signalen.py``). ``sleutel`` makes raising idempotent: the same finding for the same
recipients is one signal, however often the check runs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Samenwerkingsverband


class Doelgroep(models.TextChoices):
    POOL = "pool", "De pool (directie en controller)"
    COLLEGE = "college", "Het college van de gemeente"
    BELEIDSREGISSEUR = "beleidsregisseur", "De beleidsregisseur van de gemeente"


class Signaalsoort(models.TextChoices):
    NORM_GEMIST = "norm_gemist", "Norm twee perioden op rij niet gehaald"
    RAMING_90 = "raming_90", "90 % van de raming bereikt"
    RAMING_100 = "raming_100", "Raming bereikt"
    KADER_OVERSCHREDEN = "kader_overschreden", "Budgetkader overschreden"
    AANDEEL_AFWIJKING = "aandeel_afwijking", "Aandeel in de planning wijkt af van het recht"
    WETTELIJK_ONHAALBAAR = "wettelijk_onhaalbaar", "Wettelijke termijn niet haalbaar in de planning"


class Signaal(models.Model):
    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    gemeente = models.ForeignKey(
        Gemeente,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Bij de doelgroepen college en beleidsregisseur: welke gemeente.",
    )
    doelgroep = models.CharField("doelgroep", max_length=20, choices=Doelgroep.choices)
    soort = models.CharField("soort", max_length=30, choices=Signaalsoort.choices)
    sleutel = models.CharField("sleutel", max_length=200, unique=True)
    titel = models.CharField("titel", max_length=200)
    tekst = models.TextField("tekst")
    link = models.CharField("verwijzing", max_length=300, blank=True)
    bestuursopdracht = models.ForeignKey(
        "opdrachten.Bestuursopdracht", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True, db_index=True)
    afgehandeld_op = models.DateTimeField("afgehandeld op", null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    afhandeling = models.TextField("afhandeling", blank=True)

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [models.Index(fields=["samenwerkingsverband", "doelgroep", "gemeente"])]

    def __str__(self) -> str:
        return self.titel
