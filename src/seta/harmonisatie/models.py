"""Harmonisation (issue 13): similar orders across partners, the harmonisation proposal and its answers, and the
stored text vectors of the similarity search.

- ``Harmonisatievoorstel``: the pool's proposal ("wilt u niet ook…?") to the colleges concerned, made from a set of
  similar orders (``opdrachten``), in one form (``vorm``: parallel or joint) with the estimate of every option frozen
  at sending (``raming``, the contract in ``kern/raming.py``). Its lifecycle: ``lifecycle.py``.
- ``Voorstelpartij``: one college's side of a proposal: its own similar order (``bron_opdracht``), its answer
  (``besluit``: open / aanvaard / afgewezen) and, once the proposal is done, the assignment that resulted for it
  (``resultaat_opdracht``: the joint assignment, or its linked parallel one).
- ``Tekstvector``: the embedding of an assignment's text (a derived index, like a search index: rebuilt from the
  assignment, never edited; ``sha256`` of the embedded text tells when it is stale). See ADR 0050.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from seta.catalogus.models import Catalogusitem
from seta.core.models import VersionedModel
from seta.gemeenten.models import Gemeente, Portefeuille
from seta.harmonisatie import lifecycle
from seta.opdrachten.models import Agendapunt, Bestuursopdracht
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

STATUS_CHOICES: list[tuple[str, str]] = list(lifecycle.STATUS_LABELS.items())
BESLUIT_CHOICES: list[tuple[str, str]] = list(lifecycle.BESLUIT_LABELS.items())


class Vorm(models.TextChoices):
    PARALLEL = "parallel", "Parallel: ieder een eigen plan, met één informatiebasis en planning"
    GEZAMENLIJK = "gezamenlijk", "Gezamenlijk: één regionaal plan voor alle deelnemende gemeenten"


class Harmonisatievoorstel(VersionedModel):
    nummer = models.CharField("nummer", max_length=30, unique=True, help_text="Bijvoorbeeld HV-BEL-2026-001.")
    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="harmonisatievoorstellen"
    )
    catalogusitem = models.ForeignKey(
        Catalogusitem, null=True, blank=True, on_delete=models.PROTECT, related_name="harmonisatievoorstellen"
    )
    onderwerp = models.CharField("onderwerp", max_length=200)
    toelichting = models.TextField(
        "toelichting",
        help_text='De vraag aan de colleges: wat wordt voorgesteld en waarom ("wilt u niet ook…?").',
    )
    vorm = models.CharField("voorgestelde vorm", max_length=20, choices=Vorm.choices)
    status = models.CharField("status", max_length=20, choices=STATUS_CHOICES, default=lifecycle.CONCEPT)
    leidende_opdracht = models.ForeignKey(
        Bestuursopdracht,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="De opdracht waarvan tekst en kaders de basis zijn van het gezamenlijke of parallelle plan.",
    )
    opdrachten = models.ManyToManyField(
        Bestuursopdracht,
        blank=True,
        related_name="harmonisatievoorstellen",
        verbose_name="vergelijkbare opdrachten",
    )
    uiterlijk = models.DateField("besluit uiterlijk", null=True, blank=True)
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)
    #: the options with their estimate and the cost per partner, frozen at sending (``kern/raming.py``)
    raming = models.JSONField("raming per optie", default=dict, blank=True)
    resultaat_opdracht = models.ForeignKey(
        Bestuursopdracht,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="De gezamenlijke opdracht die uit het voorstel voortkwam.",
    )
    agendapunt = models.ForeignKey(
        Agendapunt, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "harmonisatievoorstel"
        verbose_name_plural = "harmonisatievoorstellen"
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return f"{self.nummer} {self.onderwerp}"

    @property
    def status_label(self) -> str:
        return lifecycle.STATUS_LABELS.get(self.status, self.status)


class Voorstelpartij(models.Model):
    voorstel = models.ForeignKey(Harmonisatievoorstel, on_delete=models.CASCADE, related_name="partijen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    portefeuille = models.ForeignKey(
        Portefeuille,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="De portefeuille van de wethouder die namens het college besluit.",
    )
    bron_opdracht = models.ForeignKey(
        Bestuursopdracht,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="De eigen vergelijkbare opdracht van deze gemeente, als die er is.",
    )
    besluit = models.CharField("besluit", max_length=20, choices=BESLUIT_CHOICES, default=lifecycle.OPEN)
    toelichting = models.TextField("toelichting bij het besluit", blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    besloten_rol = models.CharField("besloten als", max_length=30, blank=True)
    besloten_op = models.DateTimeField("besloten op", null=True, blank=True)
    resultaat_opdracht = models.ForeignKey(
        Bestuursopdracht,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="De opdracht die voor deze gemeente uit het voorstel voortkwam (gezamenlijk of parallel).",
    )

    class Meta:
        verbose_name = "partij bij een harmonisatievoorstel"
        verbose_name_plural = "partijen bij harmonisatievoorstellen"
        ordering = ["voorstel", "gemeente__naam"]
        constraints = [
            models.UniqueConstraint(fields=["voorstel", "gemeente"], name="voorstelpartij_een_per_gemeente"),
        ]

    def __str__(self) -> str:
        return f"{self.voorstel.nummer}: {self.gemeente}"

    @property
    def besluit_label(self) -> str:
        return lifecycle.BESLUIT_LABELS.get(self.besluit, self.besluit)


class Tekstvector(models.Model):
    """The embedding of one assignment's text by one model (a derived index; ADR 0050)."""

    bestuursopdracht = models.ForeignKey(
        Bestuursopdracht, on_delete=models.CASCADE, related_name="tekstvectoren"
    )
    model = models.CharField("model", max_length=80)
    sha256 = models.CharField("SHA-256 van de tekst", max_length=64)
    vector = models.BinaryField("vector (float32)")
    bijgewerkt_op = models.DateTimeField("bijgewerkt op", auto_now=True)

    class Meta:
        verbose_name = "tekstvector"
        verbose_name_plural = "tekstvectoren"
        constraints = [
            models.UniqueConstraint(fields=["bestuursopdracht", "model"], name="tekstvector_een_per_model"),
            models.CheckConstraint(condition=~Q(model=""), name="tekstvector_model_gevuld"),
        ]

    def __str__(self) -> str:
        return f"{self.bestuursopdracht_id} ({self.model})"
