"""Financiën: begroting, tarieven, verdeelmodellen (versioned), scenarios, berekeningen, afrekeningen.

The calculation itself is the pure core in ``financien/verdeling``; these models hold what the core
needs (budget, tariffs, partner figures, the model configuration) and what it produced.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from seta.catalogus.models import Taakveld
from seta.core.models import VersionedModel
from seta.gemeenten.models import Gemeente
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.models import Bestuursbesluit, Samenwerkingsverband

NUL = Decimal("0")


def _bedrag(label: str, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(NUL)],
        **{"default": NUL, **kwargs},
    )


def _besluit_veld() -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        Bestuursbesluit,
        verbose_name="bestuursbesluit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )


class Begrotingstatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    VASTGESTELD = "vastgesteld", "Vastgesteld"


class Begroting(VersionedModel):
    """The budget of the werkorganisatie for one year: the costs that the partners share.

    A concept is drawn up by the controller; the body the governance names adopts it (vaststellen) on a
    recorded decision, after which it is frozen (``is_vastgesteld``)."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="begrotingen"
    )
    jaar = models.PositiveSmallIntegerField("jaar")
    personeel = _bedrag("personeelslasten")
    materieel = _bedrag("materiële lasten")
    overhead = _bedrag("overhead")
    toelichting = models.TextField("toelichting", blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Begrotingstatus.choices, default=Begrotingstatus.CONCEPT
    )
    bestuursbesluit = _besluit_veld()

    class Meta:
        verbose_name = "begroting"
        verbose_name_plural = "begrotingen"
        ordering = ["samenwerkingsverband__naam", "-jaar"]
        constraints = [
            models.UniqueConstraint(fields=["samenwerkingsverband", "jaar"], name="uniek_begroting_per_jaar")
        ]

    def __str__(self) -> str:
        return f"Begroting {self.jaar} {self.samenwerkingsverband}"

    @property
    def totaal(self) -> Decimal:
        return self.personeel + self.materieel + self.overhead

    @property
    def is_vastgesteld(self) -> bool:
        """Adopted by the board: frozen, and the basis of advances (voorschotten)."""
        return self.status == Begrotingstatus.VASTGESTELD


class Kostensoort(models.TextChoices):
    PERSONEEL = "personeel", "Personeel"
    MATERIEEL = "materieel", "Materieel"
    OVERHEAD = "overhead", "Overhead"


class Begrotingsregel(models.Model):
    """Optional: the budget per Iv3 taakveld (the municipal budget classification), where known."""

    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="regels")
    taakveld = models.ForeignKey(
        Taakveld, verbose_name="taakveld (Iv3)", on_delete=models.PROTECT, related_name="+"
    )
    kostensoort = models.CharField("kostensoort", max_length=20, choices=Kostensoort.choices)
    bedrag = _bedrag("bedrag")

    class Meta:
        verbose_name = "begrotingsregel"
        verbose_name_plural = "begrotingsregels"
        ordering = ["begroting", "taakveld__code", "kostensoort"]
        constraints = [
            models.UniqueConstraint(
                fields=["begroting", "taakveld", "kostensoort"], name="uniek_begrotingsregel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.taakveld} {self.get_kostensoort_display()}: {self.bedrag}"


class Deelnemersbijdrage(models.Model):
    """A partner's figures in a year's budget: its historical contribution (inbreng, the basis of an
    inbreng key), the advance it pays (voorschot, incl. VAT) and last year's contribution (excl. VAT,
    the basis of a groeiplafond)."""

    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="bijdragen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    inbreng = _bedrag("historische inbreng", help_text="Grondslag van een verdeelsleutel naar inbreng.")
    voorschot = _bedrag("voorschot", help_text="Wat de gemeente dit jaar als voorschot betaalt (incl. btw).")
    vorige_bijdrage = models.DecimalField(
        "bijdrage vorig jaar",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(NUL)],
        help_text="Excl. btw; grondslag van het groeiplafond.",
    )

    class Meta:
        verbose_name = "deelnemersbijdrage"
        verbose_name_plural = "deelnemersbijdragen"
        ordering = ["begroting", "gemeente__naam"]
        constraints = [
            models.UniqueConstraint(fields=["begroting", "gemeente"], name="uniek_bijdrage_per_gemeente")
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} in {self.begroting}"


class Tarief(VersionedModel):
    """An integral hourly tariff for a year: for one eenheid, for one salarisschaal, or (neither) the default."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="tarieven"
    )
    jaar = models.PositiveSmallIntegerField("jaar")
    eenheid = models.ForeignKey(
        Eenheid, verbose_name="eenheid", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    schaal = models.PositiveSmallIntegerField("salarisschaal", null=True, blank=True)
    uurtarief = models.DecimalField(
        "integraal uurtarief", max_digits=8, decimal_places=2, validators=[MinValueValidator(NUL)]
    )
    omschrijving = models.CharField("omschrijving", max_length=200, blank=True)

    class Meta:
        verbose_name = "tarief"
        verbose_name_plural = "tarieven"
        ordering = ["samenwerkingsverband__naam", "-jaar", "eenheid__naam", "schaal"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eenheid__isnull=True) | Q(schaal__isnull=True), name="tarief_eenheid_of_schaal"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jaar} {self.grondslag}: € {self.uurtarief}"

    @property
    def grondslag(self) -> str:
        if self.eenheid_id:
            return f"eenheid {self.eenheid}"
        if self.schaal:
            return f"schaal {self.schaal}"
        return "standaard"


class Modelstatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    VASTGESTELD = "vastgesteld", "Vastgesteld"


class Verdeelmodel(VersionedModel):
    """A saved, versioned cost allocation model. A vastgesteld version is never edited: a new version is made.

    ``configuratie`` is the model part of the allocation core's input (docs/schemas/allocate-input.schema.json,
    ``verdeelmodel``) with a few SETA extensions that take figures from the database (docs/allocation-in-seta
    section of docs/uren.md): a ``vast`` part's ``bedrag`` may be ``"begroting"`` or ``"rest"``; a ``gebruik``
    part without ``regels`` takes them from the registered hours (``realisatie``) or the agreed estimates
    (``raming``), limited to its ``urensoorten``; a ``gezamenlijk`` part may name an ``opdracht`` (its nummer);
    ``gezamenlijkeOpdrachten.methode`` says how other joint assignments are split.
    """

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="verdeelmodellen"
    )
    naam = models.CharField("naam", max_length=120)
    volgnummer = models.PositiveSmallIntegerField("versienummer", default=1)
    status = models.CharField(
        "status", max_length=20, choices=Modelstatus.choices, default=Modelstatus.CONCEPT
    )
    omschrijving = models.TextField("omschrijving", blank=True)
    configuratie = models.JSONField("configuratie")
    voorganger = models.ForeignKey(
        "self",
        verbose_name="vorige versie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opvolgers",
    )
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgesteld_op = models.DateField("vastgesteld op", null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bestuursbesluit = _besluit_veld()

    class Meta:
        verbose_name = "verdeelmodel"
        verbose_name_plural = "verdeelmodellen"
        ordering = ["samenwerkingsverband__naam", "naam", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "naam", "volgnummer"], name="uniek_verdeelmodelversie"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name used in comparisons: unique per cooperation."""
        return self.naam if self.volgnummer == 1 else f"{self.naam} (versie {self.volgnummer})"

    @property
    def is_vastgesteld(self) -> bool:
        return self.status == Modelstatus.VASTGESTELD


class Grondslag(models.TextChoices):
    REALISATIE = "realisatie", "Realisatie (geregistreerde uren, achteraf)"
    RAMING = "raming", "Raming (afgesproken ramingen, vooraf)"


class Scenario(VersionedModel):
    """A comparison of several verdeelmodellen on the same year, side by side per partner."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="scenarios"
    )
    naam = models.CharField("naam", max_length=150)
    jaar = models.PositiveSmallIntegerField("jaar")
    grondslag = models.CharField(
        "grondslag gebruik",
        max_length=20,
        choices=Grondslag.choices,
        blank=True,
        help_text="Leeg: zoals elk model zegt. Anders geldt dit voor elk gebruiksonderdeel.",
    )
    omschrijving = models.TextField("omschrijving", blank=True)
    verdeelmodellen = models.ManyToManyField(
        Verdeelmodel, related_name="scenarios", verbose_name="verdeelmodellen"
    )
    referentiemodel = models.ForeignKey(
        Verdeelmodel,
        verbose_name="referentiemodel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resultaat = models.JSONField("laatste berekening", null=True, blank=True)
    berekend_op = models.DateTimeField("berekend op", null=True, blank=True)

    class Meta:
        verbose_name = "scenario"
        verbose_name_plural = "scenario's"
        ordering = ["samenwerkingsverband__naam", "-jaar", "naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.jaar})"


class Berekening(models.Model):
    """A stored allocation: the core's input document and its output, so it can be reproduced with ``seta allocate``."""

    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="+")
    verdeelmodel = models.ForeignKey(Verdeelmodel, on_delete=models.CASCADE, related_name="berekeningen")
    jaar = models.PositiveSmallIntegerField("jaar")
    grondslag = models.CharField("grondslag gebruik", max_length=20, choices=Grondslag.choices, blank=True)
    invoer = models.JSONField("invoer")
    resultaat = models.JSONField("resultaat")
    berekend_op = models.DateTimeField("berekend op", auto_now_add=True)
    berekend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "berekening"
        verbose_name_plural = "berekeningen"
        ordering = ["-berekend_op", "-id"]

    def __str__(self) -> str:
        return f"{self.verdeelmodel} {self.jaar} ({self.berekend_op:%d-%m-%Y %H:%M})"


class Afwijkingsdrempel(VersionedModel):
    """The threshold of the deviation alert, set by the board: percentage points and/or euros."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="afwijkingsdrempels"
    )
    vanaf_jaar = models.PositiveSmallIntegerField("geldt vanaf jaar")
    procentpunten = models.DecimalField(
        "drempel in procentpunten",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(NUL)],
    )
    bedrag = models.DecimalField(
        "drempel in euro",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(NUL)],
    )
    bestuursbesluit = _besluit_veld()
    vastgesteld_op = models.DateField("vastgesteld op")
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "afwijkingsdrempel"
        verbose_name_plural = "afwijkingsdrempels"
        ordering = ["samenwerkingsverband__naam", "-vanaf_jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "vanaf_jaar"], name="uniek_drempel_per_jaar"
            ),
            models.CheckConstraint(
                condition=Q(procentpunten__isnull=False) | Q(bedrag__isnull=False),
                name="drempel_procent_of_bedrag",
            ),
        ]

    def __str__(self) -> str:
        delen = []
        if self.procentpunten is not None:
            delen.append(f"{self.procentpunten} procentpunt")
        if self.bedrag is not None:
            delen.append(f"€ {self.bedrag}")
        return f"Drempel vanaf {self.vanaf_jaar}: {' of '.join(delen)}"


class Afrekeningstatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    VASTGESTELD = "vastgesteld", "Vastgesteld"


class Afrekening(VersionedModel):
    """Year-end settlement: per partner the advance against the realisation, and the deviation alerts."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="afrekeningen"
    )
    jaar = models.PositiveSmallIntegerField("jaar")
    verdeelmodel = models.ForeignKey(Verdeelmodel, on_delete=models.PROTECT, related_name="afrekeningen")
    status = models.CharField(
        "status", max_length=20, choices=Afrekeningstatus.choices, default=Afrekeningstatus.CONCEPT
    )
    verrekend = models.BooleanField(
        "verrekend", default=True, help_text="Uit in een startperiode: niets wordt verrekend."
    )
    drempel = models.ForeignKey(
        Afwijkingsdrempel, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signalen = models.JSONField("afwijkingssignalen", default=list, blank=True)
    invoer = models.JSONField("invoer")
    resultaat = models.JSONField("resultaat")
    berekend_op = models.DateTimeField("berekend op", auto_now=True)
    vastgesteld_op = models.DateField("vastgesteld op", null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bestuursbesluit = _besluit_veld()

    class Meta:
        verbose_name = "afrekening"
        verbose_name_plural = "afrekeningen"
        ordering = ["samenwerkingsverband__naam", "-jaar"]
        constraints = [
            models.UniqueConstraint(fields=["samenwerkingsverband", "jaar"], name="uniek_afrekening_per_jaar")
        ]

    def __str__(self) -> str:
        return f"Afrekening {self.jaar} {self.samenwerkingsverband}"


class Afrekeningsregel(models.Model):
    """One partner in a settlement. ``saldo`` > 0: the partner pays; < 0: it gets money back."""

    afrekening = models.ForeignKey(Afrekening, on_delete=models.CASCADE, related_name="regels")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    voorschot = models.DecimalField("voorschot", max_digits=14, decimal_places=2)
    realisatie = models.DecimalField("realisatie", max_digits=14, decimal_places=2)
    saldo = models.DecimalField("saldo", max_digits=14, decimal_places=2)
    te_betalen = models.DecimalField("te betalen", max_digits=14, decimal_places=2)
    te_ontvangen = models.DecimalField("terug te ontvangen", max_digits=14, decimal_places=2)
    niet_verrekend = models.DecimalField("niet verrekend", max_digits=14, decimal_places=2)
    sleutelaandeel = models.DecimalField("sleutelaandeel (%)", max_digits=9, decimal_places=4)
    urenaandeel = models.DecimalField(
        "aandeel geleverde uren (%)", max_digits=9, decimal_places=4, null=True, blank=True
    )
    geleverde_uren = models.DecimalField(
        "geleverde uren", max_digits=12, decimal_places=2, null=True, blank=True
    )
    afwijking_procentpunten = models.DecimalField(
        "afwijking (procentpunt)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    afwijking_bedrag = models.DecimalField(
        "afwijking (euro)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    signaal = models.BooleanField("afwijkingssignaal", default=False)

    class Meta:
        verbose_name = "afrekeningsregel"
        verbose_name_plural = "afrekeningsregels"
        ordering = ["afrekening", "gemeente__naam"]

    def __str__(self) -> str:
        return f"{self.gemeente}: saldo {self.saldo}"


# --- voorschotten (advances) ---------------------------------------------------------------------------------------
class Ritme(models.TextChoices):
    MAAND = "maand", "Per maand (12 termijnen)"
    KWARTAAL = "kwartaal", "Per kwartaal (4 termijnen)"


class Voorschotstatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    VASTGESTELD = "vastgesteld", "Vastgesteld"
    VERZONDEN = "verzonden", "Verzonden"


class Voorschotschema(VersionedModel):
    """The advances of one cooperation-year: each partner's yearly advance (the year's budget allocated by
    the adopted model on the ``raming`` basis, incl. VAT) split into monthly or quarterly terms.

    concept (computed, may be recomputed) → vastgesteld (the amounts the partners pay; the settlement uses
    them as the advance paid) → verzonden (the invoices or payment schedule went out). See ADR 0035.
    """

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="voorschotschemas"
    )
    jaar = models.PositiveSmallIntegerField("jaar")
    begroting = models.ForeignKey(Begroting, on_delete=models.PROTECT, related_name="voorschotschemas")
    verdeelmodel = models.ForeignKey(Verdeelmodel, on_delete=models.PROTECT, related_name="voorschotschemas")
    ritme = models.CharField("ritme", max_length=20, choices=Ritme.choices, default=Ritme.KWARTAAL)
    vervaldag = models.PositiveSmallIntegerField(
        "vervaldag",
        null=True,
        blank=True,
        help_text="Dag van de eerste maand van de termijn (1 tot en met 28), naar de eerstvolgende werkdag; "
        "leeg: de eerste werkdag.",
    )
    status = models.CharField(
        "status", max_length=20, choices=Voorschotstatus.choices, default=Voorschotstatus.CONCEPT
    )
    begrotingstotaal = models.DecimalField(
        "begrotingstotaal bij berekening", max_digits=14, decimal_places=2, default=NUL
    )
    totaal = models.DecimalField(
        "totaal voorschotten (incl. btw)", max_digits=14, decimal_places=2, default=NUL
    )
    invoer = models.JSONField("invoer van de berekening", default=dict)
    resultaat = models.JSONField("verdeling per deelnemer", default=dict)
    berekend_op = models.DateTimeField("berekend op", null=True, blank=True)
    berekend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgesteld_op = models.DateField("vastgesteld op", null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verzonden_op = models.DateField("verzonden op", null=True, blank=True)
    verzonden_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "voorschotschema"
        verbose_name_plural = "voorschotschema's"
        ordering = ["samenwerkingsverband__naam", "-jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "jaar"], name="uniek_voorschotschema_per_jaar"
            ),
            models.CheckConstraint(
                condition=Q(vervaldag__isnull=True) | Q(vervaldag__gte=1, vervaldag__lte=28),
                name="voorschot_vervaldag_1_28",
            ),
        ]

    def __str__(self) -> str:
        return f"Voorschotten {self.jaar} {self.samenwerkingsverband}"

    @property
    def is_concept(self) -> bool:
        return self.status == Voorschotstatus.CONCEPT


class Voorschottermijn(models.Model):
    """One invoice of an advance: a partner's term (number, period, due date, amount incl. VAT, reference)."""

    schema = models.ForeignKey(Voorschotschema, on_delete=models.CASCADE, related_name="termijnen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    nummer = models.PositiveSmallIntegerField("termijn")
    periode = models.CharField("periode", max_length=40)
    periode_begin = models.DateField("begin periode")
    periode_eind = models.DateField("einde periode")
    vervaldatum = models.DateField("vervaldatum")
    bedrag = models.DecimalField("bedrag (incl. btw)", max_digits=14, decimal_places=2)
    factuurkenmerk = models.CharField(
        "factuurkenmerk",
        max_length=80,
        db_index=True,
        help_text="Afkorting van het samenwerkingsverband, jaar, termijn en CBS-nummer, bijv. BEL-2026-V03-0317.",
    )

    class Meta:
        verbose_name = "voorschottermijn"
        verbose_name_plural = "voorschottermijnen"
        ordering = ["schema", "gemeente__naam", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["schema", "gemeente", "nummer"], name="uniek_voorschottermijn")
        ]

    def __str__(self) -> str:
        return f"{self.factuurkenmerk}: {self.bedrag}"

    @property
    def samenwerkingsverband_id(self) -> int:
        """The cooperation of the term's schedule (the policy decides by it)."""
        return int(self.schema.samenwerkingsverband_id)


# --- joining and leaving (toetreding, uittreding) ----------------------------------------------------------------
#: The documented default when a cooperation has laid down no rule: three years of the leaver's share of
#: the overhead (docs/toetreding-uittreding.md, ADR 0037).
STANDAARD_JAREN_OVERHEAD = Decimal("3")
STANDAARD_BRON = (
    "Standaardregel van SETA (geen uittredingsregeling vastgelegd): 3 jaar het aandeel in de overhead."
)


class Uittredingsregel(VersionedModel):
    """The cooperation's rule for the frictional costs a leaving partner pays, as its regulation sets it."""

    samenwerkingsverband = models.OneToOneField(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="uittredingsregel"
    )
    jaren_overhead = models.DecimalField(
        "jaren aandeel in de overhead",
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(NUL)],
        default=STANDAARD_JAREN_OVERHEAD,
        help_text="Zoveel jaar betaalt de uittredende gemeente haar aandeel in de overhead als frictiekosten.",
    )
    bron = models.CharField(
        "bron",
        max_length=300,
        help_text="Waar de regel staat, bijv. 'Gemeenschappelijke regeling BEL, artikel 38, lid 2'.",
    )
    besluit = models.CharField("besluit", max_length=200, blank=True)

    class Meta:
        verbose_name = "uittredingsregel"
        verbose_name_plural = "uittredingsregels"
        ordering = ["samenwerkingsverband__naam"]

    def __str__(self) -> str:
        return f"{self.jaren_overhead} jaar overhead ({self.samenwerkingsverband})"


class Mutatiesoort(models.TextChoices):
    TOETREDING = "toetreding", "Toetreding"
    UITTREDING = "uittreding", "Uittreding"


class Deelnemersscenario(VersionedModel):
    """What if a gemeente joined or left: a calculation for the board, never a decision.

    It never changes the ``Deelnemer`` records; ``resultaat`` holds the last calculation
    (``financien/mutaties.py``)."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="deelnemersscenarios"
    )
    soort = models.CharField("soort", max_length=20, choices=Mutatiesoort.choices)
    gemeente = models.ForeignKey(
        Gemeente, verbose_name="gemeente", on_delete=models.PROTECT, related_name="+"
    )
    datum = models.DateField("datum", help_text="De beoogde datum van toetreding of uittreding.")
    jaar = models.PositiveSmallIntegerField(
        "vergelijkingsjaar", help_text="Het jaar waarvan begroting, uren en verdeelmodel worden gebruikt."
    )
    verdeelmodel = models.ForeignKey(
        Verdeelmodel, verbose_name="verdeelmodel", on_delete=models.PROTECT, related_name="+"
    )
    parameters = models.JSONField("aannames", default=dict, blank=True)
    omschrijving = models.TextField("omschrijving", blank=True)
    resultaat = models.JSONField("laatste berekening", null=True, blank=True)
    berekend_op = models.DateTimeField("berekend op", null=True, blank=True)
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "deelnemersscenario"
        verbose_name_plural = "deelnemersscenario's"
        ordering = ["samenwerkingsverband__naam", "-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return f"{self.get_soort_display()} {self.gemeente.naam} per {self.datum:%d-%m-%Y}"
