"""Capacity planning: the board's planning rules (versioned), absences, and the stored plan runs.

A plan run (``Planrun``) keeps the instance it was computed from (``invoer``, the core's JSON) and the result, so
a plan can be explained and reproduced later; its per-assignment outcome (``Planuitkomst``: expected delivery,
lateness, the reason it waits) and its hours per assignment × unit × week (``Planregel``) are rows, read by the
pages, the API and the plan-against-reality comparison. The current plan of a cooperation is its latest run
with status ``gereed``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from seta.core.models import VersionedModel
from seta.organisatie.models import Eenheid, Medewerker
from seta.planning import lifecycle
from seta.samenwerkingsverbanden.models import Bestuursbesluit, Samenwerkingsverband

STATUS_CHOICES: list[tuple[str, str]] = list(lifecycle.STATUS_LABELS.items())

#: Default priority weights: an hour-week late of a "hoog" assignment weighs four times one of a "laag".
STANDAARD_PRIORITEITSGEWICHTEN: dict[str, int] = {"hoog": 4, "normaal": 2, "laag": 1}


def _standaard_prioriteitsgewichten() -> dict[str, int]:
    return dict(STANDAARD_PRIORITEITSGEWICHTEN)


class Grondslag(models.TextChoices):
    KOSTENSLEUTEL = "kostensleutel", "Kostenverdeelsleutel (wie 30 % betaalt, krijgt ongeveer 30 %)"
    GELIJK = "gelijk", "Gelijke delen"
    VAST = "vast", "Vaste aandelen die het bestuur vaststelt"


class Meetperiode(models.TextChoices):
    KWARTAAL = "kwartaal", "Kwartaal (13 weken)"
    HALFJAAR = "halfjaar", "Halfjaar (26 weken)"


class Planningsregels(VersionedModel):
    """The board's rules for planning one cooperation's assignments in one year, adopted by a decision."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="planningsregels"
    )
    jaar = models.PositiveSmallIntegerField("jaar")
    volgnummer = models.PositiveSmallIntegerField("versie", default=1)
    status = models.CharField(
        "status", max_length=20, choices=STATUS_CHOICES, default=lifecycle.CONCEPT, db_index=True
    )
    # capacity: gross-to-net
    uren_per_fte_week = models.DecimalField(
        "uren per fte per week",
        max_digits=4,
        decimal_places=1,
        default=Decimal("36.0"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("40"))],
        help_text="Het aantal contracturen van een voltijdse medewerker per week.",
    )
    productieve_uren_per_fte_jaar = models.DecimalField(
        "productieve uren per fte per jaar",
        max_digits=5,
        decimal_places=0,
        default=Decimal("1600"),
        validators=[MinValueValidator(Decimal("100")), MaxValueValidator(Decimal("2080"))],
        help_text="Bruto-netto: de uren die na verlof, verzuim, opleiding en overhead overblijven (standaard 1.600).",
    )
    regulier_pct = models.DecimalField(
        "deel voor regulier werk (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text="Het deel van de netto capaciteit dat gereserveerd is voor de catalogusdiensten en het "
        "medebewind; de rest is voor bestuursopdrachten. Per eenheid af te wijken.",
    )
    regulier_per_eenheid = models.JSONField(
        "deel voor regulier werk per eenheid",
        default=dict,
        blank=True,
        help_text="Afwijkingen per eenheid: {eenheidcode: percentage}.",
    )
    # fairness
    grondslag = models.CharField(
        "grondslag van de eerlijke verdeling",
        max_length=20,
        choices=Grondslag.choices,
        default=Grondslag.KOSTENSLEUTEL,
    )
    aandelen = models.JSONField(
        "vaste aandelen", default=dict, blank=True, help_text="Bij grondslag 'vast': {CBS-code: percentage}."
    )
    minima = models.JSONField(
        "gereserveerd minimum per partner",
        default=dict,
        blank=True,
        help_text="Optioneel: {CBS-code: percentage van de opdrachtcapaciteit dat die partner minstens krijgt "
        "als hij het werk heeft}.",
    )
    prioriteitsgewichten = models.JSONField(
        "gewicht per prioriteit",
        default=_standaard_prioriteitsgewichten,
        help_text="Hoe zwaar een week vertraging per uur telt: {hoog: 4, normaal: 2, laag: 1}.",
    )
    meetperiode = models.CharField(
        "meetperiode van de eerlijkheid",
        max_length=10,
        choices=Meetperiode.choices,
        default=Meetperiode.KWARTAAL,
    )
    drempel_procentpunt = models.DecimalField(
        "drempel van het dominantiesignaal (procentpunt)",
        max_digits=4,
        decimal_places=1,
        default=Decimal("5.0"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("50"))],
        help_text="Wijkt het aandeel van een partner in de meetperiode meer af van zijn recht, dan krijgt het "
        "bestuur een signaal.",
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
    vastgesteld_op = models.DateField("vastgesteld op", null=True, blank=True)
    vervangt = models.ForeignKey(
        "self",
        verbose_name="vervangt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opvolgers",
    )

    class Meta:
        verbose_name = "planningsregels"
        verbose_name_plural = "planningsregels"
        ordering = ["samenwerkingsverband__naam", "-jaar", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "jaar", "volgnummer"], name="uniek_planningsregels_versie"
            ),
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "jaar"],
                condition=models.Q(status=lifecycle.VASTGESTELD),
                name="een_vastgestelde_planningsregels_per_jaar",
            ),
        ]

    def __str__(self) -> str:
        return f"Planningsregels {self.jaar} v{self.volgnummer}"

    @property
    def status_label(self) -> str:
        return lifecycle.STATUS_LABELS.get(self.status, self.status)


class Afwezigheidsoort(models.TextChoices):
    VERLOF = "verlof", "Verlof (langer dan gewoonlijk, bijv. ouderschapsverlof)"
    ZIEKTE = "ziekte", "Ziekte (langdurig)"
    OPLEIDING = "opleiding", "Opleiding"
    OVERIG = "overig", "Overig (detachering, project elders)"


class Afwezigheid(VersionedModel):
    """An absence the teamleider registers beyond the normal pattern that the gross-to-net factor covers."""

    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    medewerker = models.ForeignKey(Medewerker, on_delete=models.CASCADE, related_name="afwezigheden")
    soort = models.CharField("soort", max_length=20, choices=Afwezigheidsoort.choices)
    van = models.DateField("van")
    tot = models.DateField("tot en met")
    percentage = models.DecimalField(
        "deel van de werktijd afwezig (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100"))],
    )
    omschrijving = models.CharField("omschrijving", max_length=200, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "afwezigheid"
        verbose_name_plural = "afwezigheden"
        ordering = ["medewerker__naam", "van", "pk"]
        indexes = [models.Index(fields=["samenwerkingsverband", "van", "tot"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tot__gte=models.F("van")), name="afwezigheid_tot_na_van"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.medewerker} {self.get_soort_display().lower()} {self.van:%d-%m-%Y} – {self.tot:%d-%m-%Y}"
        )


class Runstatus(models.TextChoices):
    WACHTRIJ = "wachtrij", "In de wachtrij"
    BEZIG = "bezig", "Wordt berekend"
    GEREED = "gereed", "Gereed"
    MISLUKT = "mislukt", "Mislukt"


class Planrun(models.Model):
    """One computation of the plan of a cooperation's commissioned work (append-only once gereed)."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="planruns"
    )
    regels = models.ForeignKey(
        Planningsregels,
        verbose_name="planningsregels",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField("status", max_length=10, choices=Runstatus.choices, default=Runstatus.WACHTRIJ)
    startweek = models.DateField("eerste week (maandag)")
    aantal_weken = models.PositiveSmallIntegerField(
        "aantal weken", default=65, validators=[MinValueValidator(1), MaxValueValidator(156)]
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangevraagd_op = models.DateTimeField("aangevraagd op", auto_now_add=True)
    gestart_op = models.DateTimeField("gestart op", null=True, blank=True)
    gereed_op = models.DateTimeField("gereed op", null=True, blank=True)
    rekentijd_ms = models.PositiveIntegerField("rekentijd (ms)", null=True, blank=True)
    invoer = models.JSONField(
        "invoer", default=dict, blank=True, help_text="De instantie voor de kern (JSON)."
    )
    resultaat = models.JSONField(
        "resultaat",
        default=dict,
        blank=True,
        help_text="Samenvatting: aandelen per partner en periode, de eerlijkheidsmaat, de vergelijking met EDF, "
        "wettelijke termijnen die niet haalbaar zijn, niet-planbare opdrachten.",
    )
    foutmelding = models.TextField("foutmelding", blank=True)

    class Meta:
        verbose_name = "planrun"
        verbose_name_plural = "planruns"
        ordering = ["-aangevraagd_op", "-pk"]
        indexes = [models.Index(fields=["samenwerkingsverband", "status", "-aangevraagd_op"])]

    def __str__(self) -> str:
        return f"Plan {self.samenwerkingsverband} {self.aangevraagd_op:%d-%m-%Y %H:%M}"


class Planuitkomst(models.Model):
    """Where one assignment stands in a plan run, and why."""

    planrun = models.ForeignKey(Planrun, on_delete=models.CASCADE, related_name="uitkomsten")
    bestuursopdracht = models.ForeignKey(
        "opdrachten.Bestuursopdracht", on_delete=models.CASCADE, related_name="planuitkomsten"
    )
    planbaar = models.BooleanField("planbaar", default=True)
    reden = models.CharField("reden niet planbaar", max_length=300, blank=True)
    wettelijk = models.BooleanField("wettelijke termijn", default=False)
    uren_gepland = models.DecimalField("geplande uren", max_digits=9, decimal_places=1, default=Decimal("0"))
    uren_na_horizon = models.DecimalField(
        "uren na de planperiode", max_digits=9, decimal_places=1, default=Decimal("0")
    )
    eerste_week = models.DateField("eerste week", null=True, blank=True)
    verwachte_oplevering = models.DateField("verwachte oplevering", null=True, blank=True)
    deadline = models.DateField("deadline")
    dagen_te_laat = models.IntegerField("dagen te laat", default=0)
    uitleg = models.JSONField(
        "uitleg",
        default=dict,
        blank=True,
        help_text="Waarom de opdracht staat waar ze staat: bijv. {wachtOp: eenheid, totWeek: datum}.",
    )

    class Meta:
        verbose_name = "planuitkomst"
        verbose_name_plural = "planuitkomsten"
        ordering = ["planrun", "verwachte_oplevering", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["planrun", "bestuursopdracht"], name="uniek_planuitkomst")
        ]

    def __str__(self) -> str:
        return f"{self.bestuursopdracht_id} in {self.planrun_id}"


class Planregel(models.Model):
    """Hours of one assignment planned in one unit in one week."""

    planrun = models.ForeignKey(Planrun, on_delete=models.CASCADE, related_name="planregels")
    bestuursopdracht = models.ForeignKey(
        "opdrachten.Bestuursopdracht", on_delete=models.CASCADE, related_name="+"
    )
    eenheid = models.ForeignKey(Eenheid, on_delete=models.PROTECT, related_name="+")
    week = models.DateField("week (maandag)")
    uren = models.DecimalField("uren", max_digits=8, decimal_places=1)

    class Meta:
        verbose_name = "planregel"
        verbose_name_plural = "planregels"
        ordering = ["planrun", "bestuursopdracht", "week"]
        indexes = [
            models.Index(fields=["planrun", "bestuursopdracht"]),
            models.Index(fields=["planrun", "eenheid", "week"]),
        ]

    def __str__(self) -> str:
        return f"{self.uren} u week {self.week:%d-%m-%Y}"
