"""Bestuursopdrachten with their kaders, lifecycle history, wijzigingsverzoeken, voortgang,
bestuursvragen (ontlokken) and overleggen (portefeuillehoudersoverleg, gezamenlijk overleg)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from seta.catalogus.models import Catalogusitem
from seta.core.models import VersionedModel
from seta.gemeenten.models import Functionaris, Gemeente, Portefeuille
from seta.opdrachten import lifecycle
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

STATUS_CHOICES: list[tuple[str, str]] = list(lifecycle.STATUS_LABELS.items())


class Vertrouwelijkheid(models.TextChoices):
    OPENBAAR = "openbaar", "Openbaar"
    VERTROUWELIJK = "vertrouwelijk", "Vertrouwelijk"


class Initiatief(models.TextChoices):
    GEMEENTE = "gemeente", "Gemeente (college of beleidsregisseur)"
    POOL = "pool", "Werkorganisatie (voorstel, ontlokt)"


class Prioriteit(models.TextChoices):
    HOOG = "hoog", "Hoog"
    NORMAAL = "normaal", "Normaal"
    LAAG = "laag", "Laag"


class Reikwijdte(models.TextChoices):
    GEMEENTE = "gemeente", "Eigen gemeente"
    WIJK = "wijk", "Wijk of kern"
    REGIO = "regio", "Regio (meerdere gemeenten)"


class Bestuursopdracht(VersionedModel):
    """An assignment of one college (or jointly of several partners) to the shared pool."""

    nummer = models.CharField("nummer", max_length=20, unique=True, help_text="Bijvoorbeeld BEL-2026-014.")
    titel = models.CharField("titel", max_length=200)
    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband,
        verbose_name="samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="bestuursopdrachten",
    )
    catalogusitem = models.ForeignKey(
        Catalogusitem,
        verbose_name="catalogusitem",
        on_delete=models.PROTECT,
        related_name="bestuursopdrachten",
    )
    eenheid = models.ForeignKey(
        Eenheid,
        verbose_name="uitvoerende eenheid",
        on_delete=models.PROTECT,
        related_name="bestuursopdrachten",
    )
    status = models.CharField(
        "status", max_length=20, choices=STATUS_CHOICES, default=lifecycle.CONCEPT, db_index=True
    )
    status_voor_aanhouden = models.CharField("status voor aanhouden", max_length=20, blank=True)
    initiatief = models.CharField(
        "initiatief", max_length=10, choices=Initiatief.choices, default=Initiatief.GEMEENTE
    )
    vertrouwelijkheid = models.CharField(
        "vertrouwelijkheid",
        max_length=15,
        choices=Vertrouwelijkheid.choices,
        default=Vertrouwelijkheid.OPENBAAR,
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # proceskader
    deadline = models.DateField("deadline", help_text="Uiterste opleverdatum volgens het proceskader.")
    participatie_gewenst = models.BooleanField("participatie gewenst", default=False)
    participatie_toelichting = models.TextField("toelichting participatie", blank=True)
    # inhoudelijk kader
    doelen = models.TextField("doelen", help_text="Wat moet de opdracht bereiken?")
    politieke_wensen = models.TextField(
        "politieke wensen", blank=True, help_text="De politieke kleur of accenten."
    )
    scope = models.TextField("scope", blank=True)
    buiten_scope = models.TextField("buiten scope", blank=True)
    doelgroep = models.CharField("doelgroep", max_length=200, blank=True)
    reikwijdte = models.CharField(
        "reikwijdte", max_length=10, choices=Reikwijdte.choices, default=Reikwijdte.GEMEENTE
    )
    prioriteit = models.CharField(
        "prioriteit", max_length=10, choices=Prioriteit.choices, default=Prioriteit.NORMAAL
    )
    # dienstverleningskader
    dienstverleningskader = models.TextField(
        "dienstverleningskader", blank=True, help_text="Hoe inwoners bediend worden."
    )
    # budgetkader
    max_uren = models.DecimalField(
        "maximaal aantal uren",
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    max_euro = models.DecimalField(
        "maximaal budget (euro)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    # kaderstellend raadsbesluit
    raadsbesluit_kenmerk = models.CharField("kaderstellend raadsbesluit", max_length=100, blank=True)
    raadsbesluit_datum = models.DateField("datum raadsbesluit", null=True, blank=True)

    # raming (intake by the pool)
    raming_uren = models.DecimalField("geraamde uren", max_digits=9, decimal_places=1, null=True, blank=True)
    raming_externe_kosten = models.DecimalField(
        "geraamde externe kosten", max_digits=12, decimal_places=2, null=True, blank=True
    )
    raming_opleverdatum = models.DateField("geraamde opleverdatum", null=True, blank=True)
    # planning (capacity planning reads these beside the estimate, unit, deadline and priority)
    vroegste_start = models.DateField(
        "vroegste start",
        null=True,
        blank=True,
        help_text="Niet eerder te beginnen dan deze datum (leeg: vanaf het opdragen).",
    )
    wettelijke_termijn = models.CharField(
        "wettelijke termijn",
        max_length=200,
        blank=True,
        help_text="Bij medebewind: de wettelijke grondslag van de deadline (bijv. 'Omgevingswet art. 16.64, "
        "acht weken'). Dan is de deadline in de planning een harde eis.",
    )
    raming_toelichting = models.TextField("toelichting raming", blank=True)

    opgedragen_op = models.DateField("opgedragen op", null=True, blank=True)
    opgeleverd_op = models.DateField("opgeleverd op", null=True, blank=True)
    vastgesteld_op = models.DateField("vastgesteld op", null=True, blank=True)
    naar_raad = models.BooleanField("aangeboden aan de raad", default=False)

    class Meta:
        verbose_name = "bestuursopdracht"
        verbose_name_plural = "bestuursopdrachten"
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [models.Index(fields=["samenwerkingsverband", "status"]), models.Index(fields=["deadline"])]

    def __str__(self) -> str:
        return f"{self.nummer} {self.titel}"

    @property
    def status_label(self) -> str:
        return lifecycle.STATUS_LABELS.get(self.status, self.status)

    @property
    def is_gezamenlijk(self) -> bool:
        return len(self.actieve_opdrachtgevers) > 1

    @property
    def actieve_opdrachtgevers(self) -> list[Opdrachtgever]:
        return [o for o in self.opdrachtgevers.all() if o.teruggetrokken_op is None]

    @property
    def gemeenten_label(self) -> str:
        return ", ".join(o.gemeente.naam for o in self.actieve_opdrachtgevers)

    def deadline_in_gevaar(self, vandaag: dt.date | None = None, marge_dagen: int = 30) -> bool:
        """Still running and the deadline is past or within ``marge_dagen``, or the estimate overshoots it."""
        if self.status in lifecycle.EINDSTATUSSEN or self.status in {lifecycle.CONCEPT, lifecycle.OPGELEVERD}:
            return False
        vandaag = vandaag or timezone.localdate()
        if self.raming_opleverdatum and self.raming_opleverdatum > self.deadline:
            return True
        return self.deadline <= vandaag + dt.timedelta(days=marge_dagen)


class Opdrachtgever(models.Model):
    """One commissioning municipality of an assignment, with its portfolio and its own decisions."""

    bestuursopdracht = models.ForeignKey(
        Bestuursopdracht, on_delete=models.CASCADE, related_name="opdrachtgevers"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="bestuursopdrachten")
    portefeuille = models.ForeignKey(
        Portefeuille, on_delete=models.PROTECT, related_name="bestuursopdrachten"
    )
    beleidsregisseur = models.ForeignKey(
        Functionaris,
        verbose_name="beleidsregisseur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The decision this principal took in the current round (opdragen, akkoord, vaststellen), if any.
    instemming = models.CharField("ingestemd met", max_length=20, blank=True)
    ingestemd_op = models.DateTimeField("ingestemd op", null=True, blank=True)
    naar_raad = models.BooleanField("aan de raad aangeboden", default=False)
    teruggetrokken_op = models.DateField("teruggetrokken op", null=True, blank=True)
    # Set when a change of the frames voided this principal's consent (it must decide again); cleared when it does.
    instemming_vervallen_op = models.DateTimeField("instemming vervallen op", null=True, blank=True)

    class Meta:
        verbose_name = "opdrachtgever"
        verbose_name_plural = "opdrachtgevers"
        ordering = ["bestuursopdracht", "gemeente__naam"]
        constraints = [
            models.UniqueConstraint(fields=["bestuursopdracht", "gemeente"], name="uniek_opdrachtgever")
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} ({self.portefeuille.naam})"


class Mijlpaal(models.Model):
    bestuursopdracht = models.ForeignKey(Bestuursopdracht, on_delete=models.CASCADE, related_name="mijlpalen")
    omschrijving = models.CharField("omschrijving", max_length=200)
    datum = models.DateField("datum")
    gereed = models.BooleanField("gereed", default=False)

    class Meta:
        verbose_name = "mijlpaal"
        verbose_name_plural = "mijlpalen"
        ordering = ["bestuursopdracht", "datum", "id"]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.datum:%d-%m-%Y})"


class Kant(models.TextChoices):
    GEMEENTE = "gemeente", "Gemeente"
    POOL = "pool", "Werkorganisatie"


class Statusovergang(models.Model):
    """One step in the life of an assignment (also a partial decision of one co-principal)."""

    bestuursopdracht = models.ForeignKey(Bestuursopdracht, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField("van", max_length=20, blank=True)
    naar = models.CharField("naar", max_length=20)
    actie = models.CharField("actie", max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_naam = models.CharField("door", max_length=150)
    rol = models.CharField("rol", max_length=30)
    kant = models.CharField("kant", max_length=10, choices=Kant.choices)
    gemeente = models.ForeignKey(Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reden = models.TextField("reden", blank=True)
    deelbesluit = models.BooleanField(
        "deelbesluit", default=False, help_text="Besluit van één opdrachtgever van een gezamenlijke opdracht."
    )
    wijzigingen = models.JSONField(
        "gewijzigde kaders",
        default=dict,
        blank=True,
        help_text="Bij een kaderwijziging: per veld de waarde ervoor en erna ({veld: {van, naar}}).",
    )
    overschrijding = models.JSONField(
        "overschrijding van het kader",
        null=True,
        blank=True,
        help_text="Bij akkoord: de overschrijding van het kader door de raming waarmee is ingestemd.",
    )
    overschrijding_gezien = models.BooleanField(
        "overschrijding gezien",
        default=False,
        help_text="Het college bevestigde bij akkoord dat het zag dat de raming het kader overschrijdt.",
    )
    tijdstip = models.DateTimeField("tijdstip", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "statusovergang"
        verbose_name_plural = "statusovergangen"
        ordering = ["bestuursopdracht", "tijdstip", "id"]

    def __str__(self) -> str:
        return f"{self.bestuursopdracht_id}: {self.van or '—'} → {self.naar} ({self.actie})"

    @property
    def van_label(self) -> str:
        return lifecycle.STATUS_LABELS.get(self.van, "—")

    @property
    def naar_label(self) -> str:
        return lifecycle.STATUS_LABELS.get(self.naar, self.naar)


class Soortwijziging(models.TextChoices):
    SCOPE = "scope", "Scope"
    DEADLINE = "deadline", "Deadline"
    BUDGET = "budget", "Budget"


class Wijzigingsstatus(models.TextChoices):
    INGEDIEND = "ingediend", "Ingediend"
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
    AFGEWEZEN = "afgewezen", "Afgewezen"


class Wijzigingsverzoek(VersionedModel):
    """A request to change the scope, deadline or budget; needs the approval of every principal."""

    bestuursopdracht = models.ForeignKey(
        Bestuursopdracht, on_delete=models.CASCADE, related_name="wijzigingsverzoeken"
    )
    soort = models.CharField("soort", max_length=10, choices=Soortwijziging.choices)
    toelichting = models.TextField("toelichting")
    nieuwe_scope = models.TextField("nieuwe scope", blank=True)
    nieuwe_deadline = models.DateField("nieuwe deadline", null=True, blank=True)
    nieuw_max_uren = models.DecimalField(
        "nieuw maximum uren", max_digits=9, decimal_places=1, null=True, blank=True
    )
    nieuw_max_euro = models.DecimalField(
        "nieuw maximum budget", max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        "status", max_length=12, choices=Wijzigingsstatus.choices, default=Wijzigingsstatus.INGEDIEND
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ingediend_op = models.DateTimeField("ingediend op", default=timezone.now)
    goedgekeurd_door = models.ManyToManyField(
        Gemeente, blank=True, related_name="+", verbose_name="goedgekeurd door"
    )
    besluit_toelichting = models.TextField("toelichting besluit", blank=True)
    afgehandeld_op = models.DateTimeField("afgehandeld op", null=True, blank=True)

    class Meta:
        verbose_name = "wijzigingsverzoek"
        verbose_name_plural = "wijzigingsverzoeken"
        ordering = ["-ingediend_op", "-id"]

    def __str__(self) -> str:
        return f"Wijziging {self.get_soort_display().lower()} van {self.bestuursopdracht.nummer}"


class Rag(models.TextChoices):
    GROEN = "groen", "Groen: op schema"
    ORANJE = "oranje", "Oranje: risico"
    ROOD = "rood", "Rood: knelpunt"


class Voortgangsrapportage(models.Model):
    bestuursopdracht = models.ForeignKey(Bestuursopdracht, on_delete=models.CASCADE, related_name="voortgang")
    datum = models.DateField("datum")
    status = models.CharField("status", max_length=10, choices=Rag.choices)
    percentage_gereed = models.PositiveSmallIntegerField(
        "percentage gereed", default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    toelichting = models.TextField("toelichting")
    gerapporteerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "voortgangsrapportage"
        verbose_name_plural = "voortgangsrapportages"
        ordering = ["bestuursopdracht", "-datum", "-id"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.get_status_display()}"


class GerichtAan(models.TextChoices):
    COLLEGE = "college", "College van B&W"
    WETHOUDER = "wethouder", "Wethouder (portefeuillehouder)"
    RAAD = "raad", "Gemeenteraad"


class Vraagstatus(models.TextChoices):
    OPEN = "open", "Open"
    BEANTWOORD = "beantwoord", "Beantwoord"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


class Bestuursvraag(VersionedModel):
    """Ontlokken: the pool asks a college, a wethouder or the council for direction or a missing frame."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="bestuursvragen"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="bestuursvragen")
    bestuursopdracht = models.ForeignKey(
        Bestuursopdracht, null=True, blank=True, on_delete=models.CASCADE, related_name="bestuursvragen"
    )
    gericht_aan = models.CharField("gericht aan", max_length=10, choices=GerichtAan.choices)
    wethouder = models.ForeignKey(
        Functionaris,
        verbose_name="wethouder",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    onderwerp = models.CharField("onderwerp", max_length=200)
    vraag = models.TextField("vraag")
    gesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    gesteld_op = models.DateField("gesteld op")
    uiterlijk = models.DateField("antwoord uiterlijk")
    status = models.CharField(
        "status", max_length=12, choices=Vraagstatus.choices, default=Vraagstatus.OPEN, db_index=True
    )
    antwoord = models.TextField("antwoord", blank=True)
    besluit = models.TextField("besluit", blank=True, help_text="Het besluit dat het bestuur heeft genomen.")
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    beantwoord_op = models.DateField("beantwoord op", null=True, blank=True)

    class Meta:
        verbose_name = "bestuursvraag"
        verbose_name_plural = "bestuursvragen"
        ordering = ["uiterlijk", "id"]

    def __str__(self) -> str:
        return self.onderwerp

    def is_te_laat(self, vandaag: dt.date | None = None) -> bool:
        return self.status == Vraagstatus.OPEN and self.uiterlijk < (vandaag or timezone.localdate())


class Overlegsoort(models.TextChoices):
    PORTEFEUILLEHOUDERSOVERLEG = "portefeuillehoudersoverleg", "Portefeuillehoudersoverleg (één gemeente)"
    GEZAMENLIJK = "gezamenlijk", "Gezamenlijk overleg van de portefeuillehouders"


class Overleg(VersionedModel):
    soort = models.CharField("soort", max_length=30, choices=Overlegsoort.choices)
    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="overleggen"
    )
    gemeenten = models.ManyToManyField(Gemeente, related_name="overleggen", verbose_name="gemeenten")
    thema = models.CharField("portefeuille of thema", max_length=150)
    titel = models.CharField("titel", max_length=200)
    datum = models.DateField("datum")
    locatie = models.CharField("locatie", max_length=150, blank=True)
    deelnemers = models.ManyToManyField(
        Functionaris, blank=True, related_name="overleggen", verbose_name="deelnemers"
    )

    class Meta:
        verbose_name = "overleg"
        verbose_name_plural = "overleggen"
        ordering = ["-datum", "-id"]

    def __str__(self) -> str:
        return f"{self.titel} ({self.datum:%d-%m-%Y})"


class Agendapunt(models.Model):
    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="agendapunten")
    volgnummer = models.PositiveSmallIntegerField("volgnummer")
    onderwerp = models.CharField("onderwerp", max_length=200)
    bestuursopdracht = models.ForeignKey(
        Bestuursopdracht, null=True, blank=True, on_delete=models.SET_NULL, related_name="agendapunten"
    )
    bestuursvraag = models.ForeignKey(
        Bestuursvraag, null=True, blank=True, on_delete=models.SET_NULL, related_name="agendapunten"
    )
    catalogusitem = models.ForeignKey(
        Catalogusitem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Bij een gezamenlijk onderwerp: het product waarover de partners samen een standpunt innemen.",
    )
    toelichting = models.TextField("toelichting", blank=True)

    class Meta:
        verbose_name = "agendapunt"
        verbose_name_plural = "agendapunten"
        ordering = ["overleg", "volgnummer"]

    def __str__(self) -> str:
        return f"{self.volgnummer}. {self.onderwerp}"


class Besluit(models.Model):
    """One line of a meeting's decision list."""

    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="besluiten")
    agendapunt = models.ForeignKey(
        Agendapunt, null=True, blank=True, on_delete=models.SET_NULL, related_name="besluiten"
    )
    nummer = models.PositiveSmallIntegerField("nummer")
    tekst = models.TextField("besluit")
    actiehouder = models.CharField("actiehouder", max_length=150, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluitenlijst"
        ordering = ["overleg", "nummer"]

    def __str__(self) -> str:
        return f"Besluit {self.nummer}: {self.tekst[:60]}"
