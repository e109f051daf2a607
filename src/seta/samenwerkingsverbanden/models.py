"""Samenwerkingsverbanden: partners over time, menu, legal form, governance and scope (groeimodel)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from seta.core.models import VersionedModel
from seta.gemeenten.models import Functionaris, Gemeente


class Menu(models.TextChoices):
    FUNCTIONELE_INTEGRATIE = "functionele_integratie", "Menu 1: functionele integratie"
    AMBTELIJKE_FUSIE = "ambtelijke_fusie", "Menu 2: ambtelijke fusie"
    GASTHEERGEMEENTE = "gastheergemeente", "Menu 3: gastheergemeente (centrumgemeente)"


class Rechtsvorm(models.TextChoices):
    BEDRIJFSVOERINGSORGANISATIE = "bedrijfsvoeringsorganisatie", "Bedrijfsvoeringsorganisatie (Wgr)"
    OPENBAAR_LICHAAM = "openbaar_lichaam", "Openbaar lichaam (Wgr)"
    CENTRUMGEMEENTECONSTRUCTIE = "centrumgemeenteconstructie", "Centrumgemeenteconstructie"
    GEEN = "geen", "Geen (convenant)"


class Samenwerkingsverband(VersionedModel):
    naam = models.CharField("naam", max_length=150, unique=True)
    afkorting = models.CharField("afkorting", max_length=30, blank=True)
    slug = models.SlugField("slug", max_length=60, unique=True)
    menu = models.CharField("menu", max_length=30, choices=Menu.choices)
    rechtsvorm = models.CharField("rechtsvorm", max_length=40, choices=Rechtsvorm.choices)
    gastheergemeente = models.ForeignKey(
        Gemeente,
        verbose_name="gastheergemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    werkorganisatie = models.CharField(
        "naam werkorganisatie", max_length=150, blank=True, help_text="De gedeelde ambtelijke organisatie."
    )
    gemeentesecretaris_is_directeur = models.BooleanField(
        "gemeentesecretaris is directeur",
        default=False,
        help_text="Aan: de gemeentesecretarissen vormen de directie (BAR, Ommen-Hardenberg). "
        "Uit: een apart aangestelde directeur; de secretaris is opdrachtgever (BEL).",
    )
    startdatum = models.DateField("startdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    omschrijving = models.TextField("omschrijving", blank=True)
    # The public register (Woo, ADR 0030) names the publisher by a TOOI organisation URI. TOOI registers the
    # openbare lichamen and samenwerkingsorganisaties it knows; where it has none for this cooperation, the
    # register publishes under the gastheergemeente (or the first partner) and names the cooperation beside it.
    tooi_uri = models.CharField(
        "TOOI-organisatie-URI",
        max_length=200,
        blank=True,
        validators=[
            RegexValidator(
                r"^https://identifier\.overheid\.nl/tooi/id/[a-z_]+/[a-z0-9_]+$",
                "Een TOOI-URI: https://identifier.overheid.nl/tooi/id/<register>/<code>.",
            )
        ],
        help_text="De URI van het samenwerkingsverband in TOOI (register overheidsorganisaties), als die er is. "
        "Leeg: het openbaar register publiceert onder de gastheergemeente of de eerste deelnemer.",
    )

    class Meta:
        verbose_name = "samenwerkingsverband"
        verbose_name_plural = "samenwerkingsverbanden"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def deelnemers_op(self, datum: dt.date) -> models.QuerySet[Deelnemer]:
        return self.deelnemers.filter(toetredingsdatum__lte=datum).filter(
            Q(uittredingsdatum__isnull=True) | Q(uittredingsdatum__gt=datum)
        )


class Deelnemer(models.Model):
    """A partner municipality in a cooperation, from its join date to its optional leave date."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="deelnemers"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="deelnames")
    toetredingsdatum = models.DateField("toetredingsdatum")
    uittredingsdatum = models.DateField("uittredingsdatum", null=True, blank=True)
    neemt_bestaande_afspraken_over = models.BooleanField(
        "neemt bestaande afspraken over",
        default=False,
        help_text="Een later toegetreden deelnemer voegt zich naar de bestaande afspraken.",
    )

    class Meta:
        verbose_name = "deelnemer"
        verbose_name_plural = "deelnemers"
        ordering = ["samenwerkingsverband__naam", "gemeente__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "gemeente", "toetredingsdatum"], name="uniek_deelnemerschap"
            ),
            models.CheckConstraint(
                condition=Q(uittredingsdatum__isnull=True)
                | Q(uittredingsdatum__gt=models.F("toetredingsdatum")),
                name="uittreding_na_toetreding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} in {self.samenwerkingsverband}"


class Bestuursorgaan(models.TextChoices):
    ALGEMEEN_BESTUUR = "algemeen_bestuur", "Algemeen bestuur"
    DAGELIJKS_BESTUUR = "dagelijks_bestuur", "Dagelijks bestuur"
    # A centrumgemeenteconstructie has no bodies of its own: the colleges of the partners decide together
    # (the regeling is theirs; ADR 0034). Recorded by a burgemeester or wethouder of a partner.
    COLLEGES = "colleges", "Colleges van de deelnemers"
    # The college of one partner (``Bestuursbesluit.gemeente``): its side of an agreement between the pool and
    # that municipality, such as a service agreement (DVO). Not a body the cooperation's governance names.
    COLLEGE = "college", "College van burgemeester en wethouders"


class Zetelorgaan(models.TextChoices):
    """The bodies that have seats (a ``Bestuurslid``): the same values as :class:`Bestuursorgaan` without the
    partners' colleges."""

    ALGEMEEN_BESTUUR = Bestuursorgaan.ALGEMEEN_BESTUUR.value, Bestuursorgaan.ALGEMEEN_BESTUUR.label
    DAGELIJKS_BESTUUR = Bestuursorgaan.DAGELIJKS_BESTUUR.value, Bestuursorgaan.DAGELIJKS_BESTUUR.label


class Bestuurslid(models.Model):
    """A seat in the cooperation's algemeen or dagelijks bestuur, held by a college member of a partner."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="bestuursleden"
    )
    # a seat is in the AB or the DB; the partners' colleges (a centrumgemeenteconstructie) have no seats
    orgaan = models.CharField("orgaan", max_length=30, choices=Zetelorgaan.choices)
    functionaris = models.ForeignKey(Functionaris, on_delete=models.PROTECT, related_name="bestuurszetels")
    voorzitter = models.BooleanField("voorzitter", default=False)
    begindatum = models.DateField("begindatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)

    class Meta:
        verbose_name = "bestuurslid"
        verbose_name_plural = "bestuursleden"
        ordering = ["samenwerkingsverband__naam", "orgaan", "functionaris__gemeente__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "orgaan", "functionaris", "begindatum"],
                name="uniek_bestuurslid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.functionaris.naam} ({self.get_orgaan_display()} {self.samenwerkingsverband})"


class Taakgebied(models.Model):
    """A domain a partner can bring into the pool (HR, ICT, financiën, fysiek domein, …)."""

    code = models.SlugField("code", max_length=40, unique=True)
    naam = models.CharField("naam", max_length=100)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0, validators=[MaxValueValidator(999)])

    class Meta:
        verbose_name = "taakgebied"
        verbose_name_plural = "taakgebieden"
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Inbreng(models.Model):
    """Scope over time (groeimodel): partner X brought domain Y into the pool from date Z (until …)."""

    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.CASCADE, related_name="inbreng")
    taakgebied = models.ForeignKey(Taakgebied, on_delete=models.PROTECT, related_name="+")
    vanaf = models.DateField("vanaf")
    tot = models.DateField("tot", null=True, blank=True)

    class Meta:
        verbose_name = "ingebracht taakgebied"
        verbose_name_plural = "ingebrachte taakgebieden"
        ordering = ["deelnemer__gemeente__naam", "vanaf", "taakgebied__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["deelnemer", "taakgebied", "vanaf"], name="uniek_inbreng"),
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gt=models.F("vanaf")), name="inbreng_tot_na_vanaf"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.taakgebied} van {self.deelnemer.gemeente} sinds {self.vanaf:%d-%m-%Y}"


class Besluitonderwerp(models.TextChoices):
    """What a board decides on in SETA (the cooperation's governance says which body decides each)."""

    BEGROTING = "begroting", "Begroting"
    VERDEELMODEL = "verdeelmodel", "Verdeelmodel (kostenverdeelsleutel)"
    AFREKENING = "afrekening", "Jaarafrekening"
    AFWIJKINGSDREMPEL = "afwijkingsdrempel", "Drempel van het afwijkingssignaal"
    UITTREDINGSREGEL = "uittredingsregel", "Uittredingsregel (frictiekosten)"
    DVO = "dvo", "Dienstverleningsovereenkomst (DVO)"
    PLANNINGSREGELS = "planningsregels", "Planningsregels (eerlijke verdeling van de capaciteit)"
    RAADSRAPPORTAGE = "raadsrapportage", "Raadsrapportage (actieve informatie aan de raden)"


#: The defaults per the Wgr (ADR 0034): the algemeen bestuur adopts the budget (art. 35), the annual
#: accounts with the settlement (art. 34) and the cost-allocation key (part of the regulation's
#: financial arrangements); the deviation threshold is an operational signal the AB mandates to the DB.
STANDAARD_BEVOEGDHEDEN: dict[str, str] = {
    Besluitonderwerp.BEGROTING: Bestuursorgaan.ALGEMEEN_BESTUUR,
    Besluitonderwerp.VERDEELMODEL: Bestuursorgaan.ALGEMEEN_BESTUUR,
    Besluitonderwerp.AFREKENING: Bestuursorgaan.ALGEMEEN_BESTUUR,
    Besluitonderwerp.AFWIJKINGSDREMPEL: Bestuursorgaan.DAGELIJKS_BESTUUR,
    # the exit rule is part of the regulation, which the AB (and the councils) set
    Besluitonderwerp.UITTREDINGSREGEL: Bestuursorgaan.ALGEMEEN_BESTUUR,
    # a service agreement is an executive agreement between the pool's board and a partner's college (Wgr
    # art. 33b: the DB runs the organisation); the college's own decision is recorded beside it
    Besluitonderwerp.DVO: Bestuursorgaan.DAGELIJKS_BESTUUR,
    # who is served first is the running of the organisation the AB mandates to the DB (Wgr art. 33b)
    Besluitonderwerp.PLANNINGSREGELS: Bestuursorgaan.DAGELIJKS_BESTUUR,
    # the joint report to all councils is the board's active information duty (Wgr art. 17, as amended in 2022):
    # the AB adopts it; a municipality's own report is sent by its college (a college decision)
    Besluitonderwerp.RAADSRAPPORTAGE: Bestuursorgaan.ALGEMEEN_BESTUUR,
}


def standaard_bevoegdheden(rechtsvorm: str) -> dict[str, str]:
    """The defaults for a cooperation of this legal form: the Wgr bodies, or the partners' colleges where the
    cooperation has no bodies of its own (a centrumgemeenteconstructie)."""
    if rechtsvorm == Rechtsvorm.CENTRUMGEMEENTECONSTRUCTIE:
        return dict.fromkeys(STANDAARD_BEVOEGDHEDEN, Bestuursorgaan.COLLEGES)
    return dict(STANDAARD_BEVOEGDHEDEN)


class Besluitbevoegdheid(models.Model):
    """The cooperation's governance as data: which body (AB or DB) decides on a subject."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="besluitbevoegdheden"
    )
    onderwerp = models.CharField("onderwerp", max_length=40, choices=Besluitonderwerp.choices)
    orgaan = models.CharField("orgaan", max_length=30, choices=Bestuursorgaan.choices)

    class Meta:
        verbose_name = "besluitbevoegdheid"
        verbose_name_plural = "besluitbevoegdheden"
        ordering = ["samenwerkingsverband__naam", "onderwerp"]
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "onderwerp"], name="uniek_bevoegdheid_per_onderwerp"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_onderwerp_display()}: {self.get_orgaan_display()} ({self.samenwerkingsverband})"


class Bestuursbesluit(models.Model):
    """A recorded decision of the AB or DB (the meeting's reference and date), on which an adoption rests."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="bestuursbesluiten"
    )
    orgaan = models.CharField("orgaan", max_length=30, choices=Bestuursorgaan.choices)
    onderwerp = models.CharField("onderwerp", max_length=40, choices=Besluitonderwerp.choices)
    kenmerk = models.CharField("kenmerk", max_length=200, help_text="Bijvoorbeeld AB 2025-07, agendapunt 4.")
    datum = models.DateField("datum vergadering")
    omschrijving = models.TextField("omschrijving", blank=True)
    # Only for a decision of one partner's college (orgaan ``college``): which municipality's college.
    gemeente = models.ForeignKey(Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "bestuursbesluit"
        verbose_name_plural = "bestuursbesluiten"
        ordering = ["samenwerkingsverband__naam", "-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_orgaan_display()} {self.datum:%d-%m-%Y}, {self.kenmerk}"
