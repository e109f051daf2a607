"""Nacalculatie: what each bestuursopdracht actually cost, against its estimate and its budget frame.

Hours come from ``uren`` (approved and not yet approved), their cost from the cooperation's tariffs
(``financien``); the external costs actually incurred are booked here (``Kostenpost``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from seta.core.models import VersionedModel
from seta.opdrachten.models import Bestuursopdracht


class Kostenpost(VersionedModel):
    """External costs actually incurred for an assignment (an invoice of a bureau, a venue, a printer)."""

    bestuursopdracht = models.ForeignKey(
        Bestuursopdracht, on_delete=models.PROTECT, related_name="kostenposten"
    )
    datum = models.DateField("datum")
    bedrag = models.DecimalField("bedrag (excl. btw)", max_digits=12, decimal_places=2)
    omschrijving = models.CharField("omschrijving", max_length=200)
    leverancier = models.CharField("leverancier", max_length=150, blank=True)
    factuurnummer = models.CharField("factuurnummer", max_length=60, blank=True)
    geboekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "kostenpost"
        verbose_name_plural = "kostenposten"
        ordering = ["bestuursopdracht", "datum", "pk"]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.datum:%d-%m-%Y})"
