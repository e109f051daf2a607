"""Dienstverlening: service agreements (DVO) per partner with their norms, and the case data that measures them.

A cooperation runs on two kinds of agreement: bestuursopdrachten for the specific work (``opdrachten``) and
service agreements (dienstverleningsovereenkomsten, DVO/SLA) for the regular work. A DVO covers catalogue
services (``Dienstafspraak``) with norms (``Dienstnorm``: a lead time, availability, a quality score, a volume
band); the cases (``Zaak``) imported per period from the systems that do the work measure them. Adopting or
changing a DVO is a decision of the partner's college and of the pool's board (``Bestuursbesluit``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from seta.catalogus.models import Catalogusitem
from seta.core.models import VersionedModel
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Bestuursbesluit, Samenwerkingsverband


class Dvostatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    VASTGESTELD = "vastgesteld", "Vastgesteld"
    VERVANGEN = "vervangen", "Vervangen door een nieuwe versie"
    BEEINDIGD = "beeindigd", "Beëindigd"


class Rapportageritme(models.TextChoices):
    MAAND = "maand", "Per maand"
    KWARTAAL = "kwartaal", "Per kwartaal"
    TERTIAAL = "tertiaal", "Per vier maanden"
    HALFJAAR = "halfjaar", "Per halfjaar"
    JAAR = "jaar", "Per jaar"


class Dienstverleningsovereenkomst(VersionedModel):
    """A service agreement of the pool with one partner (``gemeente``) or with all partners (``gemeente`` empty,
    with per-partner annexes as ``Dienstafspraak`` rows that name a gemeente).

    Versioned: a change is a new version (``volgnummer`` + 1, ``vorige`` the version it replaces) that is
    adopted like the first; on adoption the previous version becomes ``vervangen``.
    """

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="dienstverleningsovereenkomsten"
    )
    gemeente = models.ForeignKey(
        Gemeente,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leeg: één overeenkomst voor alle deelnemers, met een bijlage per deelnemer.",
    )
    kenmerk = models.CharField("kenmerk", max_length=60, help_text="Bijvoorbeeld DVO-BEL-BLA.")
    titel = models.CharField("titel", max_length=200)
    volgnummer = models.PositiveSmallIntegerField("versie van de overeenkomst", default=1)
    vorige = models.ForeignKey(
        "self",
        verbose_name="vervangt versie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opvolgers",
    )
    ingangsdatum = models.DateField("ingangsdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=Dvostatus.choices, default=Dvostatus.CONCEPT)
    rapportageritme = models.CharField(
        "rapportageritme", max_length=20, choices=Rapportageritme.choices, default=Rapportageritme.KWARTAAL
    )
    openbaar = models.BooleanField(
        "naleving openbaar voor alle deelnemers",
        default=False,
        help_text="Aan: de colleges en raden van alle deelnemers zien de nalevingscijfers; "
        "uit: alleen de eigen gemeente, de pool en het bestuur.",
    )
    toelichting = models.TextField("toelichting", blank=True)
    besluit_bestuur = models.ForeignKey(
        Bestuursbesluit,
        verbose_name="besluit van het bestuur",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    collegebesluiten = models.ManyToManyField(
        Bestuursbesluit,
        verbose_name="besluiten van de colleges",
        blank=True,
        related_name="+",
    )
    vastgesteld_op = models.DateField("vastgesteld op", null=True, blank=True)

    class Meta:
        verbose_name = "dienstverleningsovereenkomst"
        verbose_name_plural = "dienstverleningsovereenkomsten"
        ordering = ["samenwerkingsverband__naam", "kenmerk", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "kenmerk", "volgnummer"], name="uniek_dvo_versie"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kenmerk} versie {self.volgnummer}"


class Dienstafspraak(models.Model):
    """A catalogue service the DVO covers; with ``gemeente`` set, a line of that partner's annex."""

    dvo = models.ForeignKey(Dienstverleningsovereenkomst, on_delete=models.CASCADE, related_name="afspraken")
    catalogusitem = models.ForeignKey(Catalogusitem, on_delete=models.PROTECT, related_name="dienstafspraken")
    gemeente = models.ForeignKey(
        Gemeente,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Alleen bij een overeenkomst voor alle deelnemers: de bijlage van deze deelnemer.",
    )
    toelichting = models.TextField("toelichting", blank=True)

    class Meta:
        verbose_name = "dienstafspraak"
        verbose_name_plural = "dienstafspraken"
        ordering = ["dvo", "catalogusitem__naam", "pk"]

    def __str__(self) -> str:
        return f"{self.catalogusitem} ({self.dvo})"


class Normsoort(models.TextChoices):
    DOORLOOPTIJD = "doorlooptijd", "Doorlooptijd"
    BESCHIKBAARHEID = "beschikbaarheid", "Beschikbaarheid of openingstijden"
    KWALITEIT = "kwaliteit", "Kwaliteit of tevredenheid"
    VOLUME = "volume", "Volume (aantal zaken per periode)"


class Dagsoort(models.TextChoices):
    WERKDAGEN = "werkdagen", "Werkdagen"
    KALENDERDAGEN = "kalenderdagen", "Kalenderdagen"


class Dienstnorm(models.Model):
    """One norm of a service in a DVO. Which fields apply follows from ``soort``:

    - doorlooptijd: ``termijn`` in ``dagsoort`` (a legal term such as the Awb's decision term in
      ``wettelijke_grondslag``), ``streefpercentage``: the share of cases that must be decided within it;
    - beschikbaarheid: ``openingstijden`` (text) and/or ``streefpercentage`` (availability in %);
    - kwaliteit: ``minimumscore`` (e.g. 7,0 on a scale of 10), measured from the cases' satisfaction scores;
    - volume: ``volume_min`` and/or ``volume_max`` cases per reporting period.
    """

    afspraak = models.ForeignKey(Dienstafspraak, on_delete=models.CASCADE, related_name="normen")
    soort = models.CharField("soort", max_length=20, choices=Normsoort.choices)
    omschrijving = models.CharField("omschrijving", max_length=200)
    termijn = models.PositiveIntegerField("termijn (dagen)", null=True, blank=True)
    dagsoort = models.CharField("dagsoort", max_length=20, choices=Dagsoort.choices, blank=True)
    wettelijke_grondslag = models.CharField(
        "wettelijke termijn", max_length=200, blank=True, help_text="Bijvoorbeeld Awb art. 4:13 (8 weken)."
    )
    streefpercentage = models.DecimalField(
        "streefpercentage", max_digits=5, decimal_places=2, null=True, blank=True
    )
    minimumscore = models.DecimalField("minimumscore", max_digits=4, decimal_places=1, null=True, blank=True)
    openingstijden = models.CharField("openingstijden", max_length=200, blank=True)
    volume_min = models.PositiveIntegerField("volume minimaal", null=True, blank=True)
    volume_max = models.PositiveIntegerField("volume maximaal", null=True, blank=True)

    class Meta:
        verbose_name = "dienstnorm"
        verbose_name_plural = "dienstnormen"
        ordering = ["afspraak", "pk"]

    def __str__(self) -> str:
        return self.omschrijving


class Escalatieniveau(models.TextChoices):
    BELEIDSREGISSEUR = "beleidsregisseur", "Beleidsregisseur van de gemeente"
    DIRECTEUR = "directeur", "Directeur van de pool"
    GEMEENTESECRETARIS = "gemeentesecretaris", "Gemeentesecretaris"
    DAGELIJKS_BESTUUR = "dagelijks_bestuur", "Dagelijks bestuur"
    ALGEMEEN_BESTUUR = "algemeen_bestuur", "Algemeen bestuur"


class Escalatiestap(models.Model):
    """A step of the DVO's escalation route: who is told, after how many days without a solution."""

    dvo = models.ForeignKey(Dienstverleningsovereenkomst, on_delete=models.CASCADE, related_name="escalatie")
    volgorde = models.PositiveSmallIntegerField("volgorde")
    niveau = models.CharField("niveau", max_length=30, choices=Escalatieniveau.choices)
    termijn_dagen = models.PositiveIntegerField("na (dagen)", null=True, blank=True)
    omschrijving = models.CharField("omschrijving", max_length=200, blank=True)

    class Meta:
        verbose_name = "escalatiestap"
        verbose_name_plural = "escalatiestappen"
        ordering = ["dvo", "volgorde"]
        constraints = [models.UniqueConstraint(fields=["dvo", "volgorde"], name="uniek_escalatiestap")]

    def __str__(self) -> str:
        return f"{self.volgorde}. {self.get_niveau_display()}"


class Meting(models.Model):
    """A measurement of a norm that case data cannot give (availability, a satisfaction survey), per partner and
    period, entered by the pool with its source."""

    norm = models.ForeignKey(Dienstnorm, on_delete=models.CASCADE, related_name="metingen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    periode_van = models.DateField("periode van")
    periode_tot = models.DateField("periode tot en met")
    waarde = models.DecimalField("gemeten waarde", max_digits=8, decimal_places=2)
    bron = models.CharField("bron", max_length=200)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "meting"
        verbose_name_plural = "metingen"
        ordering = ["norm", "gemeente", "periode_van"]
        constraints = [
            models.UniqueConstraint(
                fields=["norm", "gemeente", "periode_van"], name="uniek_meting_per_periode"
            )
        ]

    def __str__(self) -> str:
        return f"{self.norm}: {self.waarde} ({self.periode_van:%d-%m-%Y} t/m {self.periode_tot:%d-%m-%Y})"


# --- case data ---------------------------------------------------------------------------------------------
class Zaaktypekoppeling(VersionedModel):
    """The documented mapping from a case system's zaaktype (a code or a ZGW Catalogi URL) to a catalogue item."""

    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    zaaktype = models.CharField("zaaktype", max_length=300, help_text="De code of de URL van het zaaktype.")
    omschrijving = models.CharField("omschrijving", max_length=200, blank=True)
    catalogusitem = models.ForeignKey(Catalogusitem, on_delete=models.PROTECT, related_name="zaaktypen")

    class Meta:
        verbose_name = "zaaktypekoppeling"
        verbose_name_plural = "zaaktypekoppelingen"
        ordering = ["samenwerkingsverband__naam", "zaaktype"]
        constraints = [
            models.UniqueConstraint(fields=["samenwerkingsverband", "zaaktype"], name="uniek_zaaktype_per_sv")
        ]

    def __str__(self) -> str:
        return f"{self.zaaktype} → {self.catalogusitem}"


class Zaakbron(models.TextChoices):
    BESTAND = "bestand", "Bestand (CSV of XLSX)"
    ZGW = "zgw", "Zaken API (ZGW)"


class Zaakimport(models.Model):
    """One import of a period's cases (all or nothing). Re-importing the period replaces its cases exactly."""

    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    gemeente = models.ForeignKey(
        Gemeente,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leeg: een export met de zaken van alle deelnemers.",
    )
    periode_van = models.DateField("periode van")
    periode_tot = models.DateField("periode tot en met")
    bron = models.CharField("bron", max_length=20, choices=Zaakbron.choices)
    bestandsnaam = models.CharField("bestandsnaam of adres", max_length=300)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    ingelezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True)
    aantal_zaken = models.PositiveIntegerField("zaken", default=0)
    aantal_vervangen = models.PositiveIntegerField("vervangen zaken", default=0)

    class Meta:
        verbose_name = "zaakimport"
        verbose_name_plural = "zaakimports"
        ordering = ["-tijdstip", "-pk"]

    def __str__(self) -> str:
        return f"Zaken {self.periode_van:%d-%m-%Y} t/m {self.periode_tot:%d-%m-%Y} ({self.bestandsnaam})"


class Zaak(models.Model):
    """One case as the system that handled it exported it: the measurement behind a norm."""

    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    zaakimport = models.ForeignKey(Zaakimport, on_delete=models.CASCADE, related_name="zaken")
    identificatie = models.CharField("identificatie", max_length=100)
    zaaktype = models.CharField("zaaktype", max_length=300)
    catalogusitem = models.ForeignKey(Catalogusitem, on_delete=models.PROTECT, related_name="+")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    ontvangen_op = models.DateField("ontvangen op")
    besloten_op = models.DateField("besloten op", null=True, blank=True)
    opgeschorte_dagen = models.PositiveIntegerField("opgeschorte dagen", default=0)
    uiterste_datum = models.DateField("uiterlijke einddatum afdoening", null=True, blank=True)
    resultaat = models.CharField("resultaat", max_length=200, blank=True)
    tevredenheid = models.DecimalField("tevredenheid", max_digits=3, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = "zaak"
        verbose_name_plural = "zaken"
        ordering = ["ontvangen_op", "identificatie"]
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "gemeente", "identificatie"], name="uniek_zaak_per_gemeente"
            )
        ]
        indexes = [models.Index(fields=["samenwerkingsverband", "catalogusitem", "gemeente", "ontvangen_op"])]

    def __str__(self) -> str:
        return self.identificatie


class Zaaksysteem(VersionedModel):
    """A municipality's ZGW Zaken API (e.g. Open Zaak), read only. The secret is not stored: ``geheim_variabele``
    names the environment variable that holds it on the server."""

    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField("naam", max_length=100)
    api_root = models.URLField("adres van de Zaken API", max_length=300)
    client_id = models.CharField("client-id", max_length=100)
    geheim_variabele = models.CharField("omgevingsvariabele met het geheim", max_length=100)
    timeout_seconden = models.PositiveSmallIntegerField("time-out (seconden)", default=10)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "zaaksysteem"
        verbose_name_plural = "zaaksystemen"
        ordering = ["samenwerkingsverband__naam", "gemeente__naam"]
        constraints = [
            models.UniqueConstraint(fields=["samenwerkingsverband", "gemeente"], name="uniek_zaaksysteem")
        ]

    def __str__(self) -> str:
        return self.naam
