"""The samenwerkingsscan: saved scans (drafts and results) and the case base (casusbank).

The scoring itself lives in the pure core :mod:`seta.scan.scoring`; these models only store what a
user entered, what the core computed from it, and the historical cases the core compares with.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from seta.core.models import VersionedModel
from seta.gemeenten.models import Gemeente


class Scanstatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    AFGEROND = "afgerond", "Afgerond"


class Scansessie(VersionedModel):
    """One scan of one configuration of candidate partners, owned by the person who started it.

    ``antwoorden`` maps a question id of the questionnaire (``data/vragen.yaml``) to the answer
    (an integer on a scale, ``"ja"``/``"nee"``, an option key, or ``"weet niet"``). ``resultaat`` is
    the core's result as JSON, stored with the versions of questionnaire, rules and case base used.
    """

    naam = models.CharField("naam", max_length=150)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="eigenaar",
        on_delete=models.CASCADE,
        related_name="scansessies",
    )
    status = models.CharField("status", max_length=20, choices=Scanstatus.choices, default=Scanstatus.CONCEPT)
    antwoorden = models.JSONField("antwoorden", default=dict, blank=True)
    aantal_partners = models.PositiveSmallIntegerField(
        "aantal partners",
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
        help_text="Alleen invullen als er meer partners meedoen dan er bij naam zijn gekozen.",
    )
    resultaat = models.JSONField("resultaat", null=True, blank=True)
    resultaat_versie = models.CharField("versie vragenlijst en regels", max_length=100, blank=True)
    berekend_op = models.DateTimeField("berekend op", null=True, blank=True)

    class Meta:
        verbose_name = "scansessie"
        verbose_name_plural = "scansessies"
        ordering = ["-gewijzigd_op", "-id"]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_afgerond(self) -> bool:
        return self.status == Scanstatus.AFGEROND


class Scanpartner(models.Model):
    """A candidate partner in a scan: a gemeente from the reference list, or one entered by hand.

    A municipality that no longer exists (merged away before the reference list's date) is entered by
    hand with its name, province and population; ``handmatig`` marks it.
    """

    scansessie = models.ForeignKey(Scansessie, on_delete=models.CASCADE, related_name="partners")
    gemeente = models.ForeignKey(
        Gemeente, verbose_name="gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    naam = models.CharField("naam", max_length=100)
    provincie = models.CharField("provincie", max_length=50, blank=True)
    inwoners = models.PositiveIntegerField(
        "inwoners", null=True, blank=True, validators=[MaxValueValidator(5_000_000)]
    )
    handmatig = models.BooleanField(
        "handmatig ingevoerd",
        default=False,
        help_text="Een gemeente die niet (meer) in de referentielijst staat, met zelf ingevoerde gegevens.",
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0, validators=[MaxValueValidator(999)])

    class Meta:
        verbose_name = "scanpartner"
        verbose_name_plural = "scanpartners"
        ordering = ["scansessie", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scansessie", "gemeente"],
                condition=models.Q(gemeente__isnull=False),
                name="scanpartner_gemeente_eenmaal",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def cbs_code(self) -> str | None:
        return self.gemeente.cbs_code if self.gemeente_id and self.gemeente else None


class Casusvorm(models.TextChoices):
    STAND_ALONE = "stand_alone", "Stand alone"
    MENU_1 = "menu_1", "Menu 1: functionele integratie"
    MENU_2 = "menu_2", "Menu 2: ambtelijke fusie"
    MENU_3 = "menu_3", "Menu 3: gastheer- of centrumgemeente"
    AMBTELIJKE_FUSIE = "ambtelijke_fusie", "Ambtelijke fusie (menu niet genoemd)"
    BESTUURLIJKE_FUSIE = "bestuurlijke_fusie", "Bestuurlijke fusie (herindeling)"


class Casusuitkomst(models.TextChoices):
    GEREALISEERD = "gerealiseerd", "Gerealiseerd"
    GESTOPT = "gestopt", "Gestopt"
    TIJDELIJK_STILGELEGD = "tijdelijk_stilgelegd", "Tijdelijk stilgelegd"
    DOORGEGROEID = "doorgegroeid_naar_herindeling", "Doorgegroeid naar herindeling"
    VERKEND = "verkend", "Verkend"


class Casus(VersionedModel):
    """A historical cooperation or attempt from the seed (or added later by the beheerder).

    The case base ships as ``data/casussen.yaml`` and is loaded into this table (data migration,
    ``seta scan-casussen --laad``); from then on the beheerder edits it in the admin. The structured
    fields mirror the YAML file one to one, so a row converts back to the core's case object.
    """

    code = models.SlugField(
        "code", max_length=80, unique=True, help_text="Vaste sleutel, bijvoorbeeld heumen_wijchen."
    )
    naam = models.CharField("naam", max_length=200)
    jaar = models.PositiveSmallIntegerField(
        "jaar", null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    vorm = models.CharField("vorm", max_length=30, choices=Casusvorm.choices)
    uitkomst = models.CharField("uitkomst", max_length=40, choices=Casusuitkomst.choices)
    partners = models.JSONField(
        "partners",
        default=list,
        help_text='Lijst van {"code": "GM0252"} (referentielijst) of {"naam": "Ten Boer", "bestaat": false}.',
    )
    aantal_partners = models.PositiveSmallIntegerField(
        "aantal partners",
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
        help_text="Alleen als de bron meer partners telt dan ze noemt.",
    )
    genoemde_factoren = models.JSONField(
        "genoemde factoren",
        default=list,
        blank=True,
        help_text='Lijst van {"factor": "vertrouwen", "richting": "ongunstig", "regels": "852-865"}.',
    )
    antwoorden = models.JSONField(
        "antwoorden",
        default=dict,
        blank=True,
        help_text="Antwoorden op de vragenlijst die uit de bron volgen.",
    )
    bron = models.JSONField("bron", default=list, help_text='Lijst van {"regels": "699-718", "titel": "…"}.')
    toelichting = models.TextField("toelichting", blank=True)
    interpretatie = models.TextField("interpretatie", blank=True)
    actief = models.BooleanField(
        "actief", default=True, help_text="Uit: de scan vergelijkt niet met deze casus."
    )

    class Meta:
        verbose_name = "casus"
        verbose_name_plural = "casussen"
        ordering = ["jaar", "naam"]

    def __str__(self) -> str:
        return self.naam

    def as_data(self) -> dict[str, Any]:
        """The case as the YAML file writes it (the core's input format)."""
        data: dict[str, Any] = {
            "id": self.code,
            "naam": self.naam,
            "partners": self.partners,
            "jaar": self.jaar,
            "vorm": self.vorm,
            "uitkomst": self.uitkomst,
            "genoemde_factoren": self.genoemde_factoren,
            "antwoorden": self.antwoorden,
            "bron": self.bron,
            "toelichting": self.toelichting,
        }
        if self.aantal_partners:
            data["aantal_partners"] = self.aantal_partners
        if self.interpretatie:
            data["interpretatie"] = self.interpretatie
        return data
