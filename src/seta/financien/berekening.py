"""Run the allocation core on data from the database: one model, a scenario of models, a settlement.

These are reads (nothing is stored here); ``services.py`` stores results, ``selectors.py`` shows them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Sum

from seta.core.errors import InvalidInput
from seta.financien import invoer
from seta.financien.models import (
    Afwijkingsdrempel,
    Tarief,
    Verdeelmodel,
    Voorschotschema,
    Voorschotstatus,
    Voorschottermijn,
)
from seta.financien.verdeling import engine
from seta.financien.verdeling import io as core_io
from seta.financien.verdeling.model import (
    AfrekeningInvoer,
    AllocationInputError,
    OnderdeelSoort,
    Resultaat,
)
from seta.financien.verdeling.model import (
    Afwijkingsdrempel as CoreDrempel,
)
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

NUL = Decimal("0")


@dataclass
class Uitkomst:
    """The core's input document and result for one or more models."""

    document: dict[str, Any]
    resultaat: Resultaat
    data: invoer.Jaardata

    def to_json(self) -> dict[str, Any]:
        return core_io.to_json(self.resultaat)


def _run(doc: dict[str, Any]) -> Resultaat:
    parsed = invoer.parse_document(doc)
    try:
        return engine.run(parsed)
    except AllocationInputError as exc:  # pragma: no cover - parse_document validated already
        raise InvalidInput(fields={e.path: [e.message] for e in exc.errors}) from exc


def allocate(
    sv: Samenwerkingsverband,
    jaar: int,
    modellen: list[Verdeelmodel],
    *,
    grondslag: str = "",
    referentie: Verdeelmodel | None = None,
    data: invoer.Jaardata | None = None,
) -> Uitkomst:
    """Allocate ``jaar`` under each model (and compare them when there are several)."""
    if not modellen:
        raise InvalidInput(fields={"verdeelmodellen": ["Kies minstens één verdeelmodel."]})
    data = data or invoer.load_year(sv, jaar)
    if not data.gemeenten:
        raise InvalidInput(fields={"jaar": [f"{sv} had in {jaar} geen deelnemers."]})
    doc = invoer.build_document(data, modellen, grondslag=grondslag, referentie=referentie)
    return Uitkomst(doc, _run(doc), data)


# --- settlement -------------------------------------------------------------------------------------------------
@dataclass
class Afrekeninguitkomst:
    document: dict[str, Any]
    resultaat: Resultaat
    geleverde_uren: dict[str, Decimal]
    drempel: Afwijkingsdrempel | None
    uurtarief: Decimal | None


def threshold_for(sv: Samenwerkingsverband, jaar: int) -> Afwijkingsdrempel | None:
    return (
        Afwijkingsdrempel.objects.filter(samenwerkingsverband=sv, vanaf_jaar__lte=jaar)
        .order_by("-vanaf_jaar")
        .first()
    )


def settle(sv: Samenwerkingsverband, jaar: int, model: Verdeelmodel) -> Afrekeninguitkomst:
    """Year-end settlement: realisation under ``model`` against the advances, and the deviation alert.

    The work a partner received = its registered productive hours, plus its part of the hours on joint
    assignments in the proportion the model split that joint product's cost.
    """
    data = invoer.load_year(sv, jaar)
    if data.begroting is None:
        raise InvalidInput(
            fields={"begroting": [f"Er is geen begroting {jaar}; zonder voorschotten geen afrekening."]}
        )
    doc = invoer.build_document(data, [model], grondslag="realisatie")
    parsed = invoer.parse_document(doc)
    jaargegevens = parsed.jaargegevens
    core_model = parsed.verdeelmodellen[0]
    verdeling = engine.allocate(jaargegevens, core_model)

    uren = {code: Fraction(v) for code, v in data.geleverde_uren().items()}
    # joint assignments: hours split as the model split the product's cost
    producten = data.gezamenlijk.get("realisatie", {})
    for onderdeel in core_model.onderdelen:
        if onderdeel.soort is not OnderdeelSoort.GEZAMENLIJK:
            continue
        product = producten.get(data.onderdeel_opdracht.get(onderdeel.naam, ""))
        if product is None or not product.uren:
            continue
        bedragen = {
            b.gemeente: next((r.bedrag for r in b.regels if r.onderdeel == onderdeel.naam), NUL)
            for b in verdeling.bijdragen
        }
        totaal = sum(bedragen.values(), NUL)
        for code, bedrag in bedragen.items():
            aandeel = (
                Fraction(bedrag) / Fraction(totaal)
                if totaal
                else Fraction(1, len(product.deelnemers))
                if code in product.deelnemers
                else Fraction(0)
            )
            uren[code] = uren.get(code, Fraction(0)) + Fraction(product.uren) * aandeel

    geleverd = {code: Decimal(v.numerator) / Decimal(v.denominator) for code, v in uren.items()}
    geleverd = {code: v.quantize(Decimal("0.01")) for code, v in geleverd.items()}
    uurtarief = _average_tariff(sv, jaar, data)
    drempel = threshold_for(sv, jaar)
    volgens_schema = advances_by_schedule(sv, jaar)
    if volgens_schema is not None:  # an adopted schedule: its terms are what each partner paid (ADR 0035)
        voorschotten = {g.cbs_code: volgens_schema.get(g.pk, NUL) for g in data.gemeenten}
    else:
        voorschotten = {
            g.cbs_code: (data.bijdragen[g.pk].voorschot if g.pk in data.bijdragen else NUL)
            for g in data.gemeenten
        }
    core_drempel = None
    if drempel is not None:
        core_drempel = CoreDrempel(
            procentpunten=drempel.procentpunten, bedrag=drempel.bedrag if uurtarief is not None else None
        )
    afrekening_invoer = AfrekeningInvoer(
        voorschotten=voorschotten,
        geleverde_uren=geleverd if sum(geleverd.values(), NUL) > 0 else None,
        uurtarief=uurtarief,
        drempel=core_drempel,
    )
    afrekening = engine.settle(verdeling, jaargegevens, core_model, afrekening_invoer)
    doc["afrekening"] = {
        "voorschotten": {c: f"{v:.2f}" for c, v in voorschotten.items()},
        **(
            {"geleverdeUren": {c: str(v) for c, v in geleverd.items()}}
            if afrekening_invoer.geleverde_uren
            else {}
        ),
        **({"uurtarief": str(uurtarief)} if uurtarief is not None else {}),
        **(
            {
                "drempel": {
                    k: str(v)
                    for k, v in (
                        ("procentpunten", core_drempel.procentpunten),
                        ("bedrag", core_drempel.bedrag),
                    )
                    if v is not None
                }
            }
            if core_drempel is not None
            else {}
        ),
    }
    resultaat = Resultaat(jaar, verdeling.verdeelmodel, (verdeling,), None, afrekening)
    return Afrekeninguitkomst(doc, resultaat, geleverd, drempel, uurtarief)


def advances_by_schedule(sv: Samenwerkingsverband, jaar: int) -> dict[int, Decimal] | None:
    """Per gemeente (id) the sum of its terms in the year's ADOPTED (or sent) advance schedule; None when
    the year has no adopted schedule (then the settlement takes ``Deelnemersbijdrage.voorschot``)."""
    rijen = (
        Voorschottermijn.objects.filter(
            schema__samenwerkingsverband=sv,
            schema__jaar=jaar,
            schema__status__in=(Voorschotstatus.VASTGESTELD, Voorschotstatus.VERZONDEN),
        )
        .values("gemeente_id")
        .annotate(totaal=Sum("bedrag"))
        .order_by()
    )
    totalen = {r["gemeente_id"]: r["totaal"] or NUL for r in rijen}
    if totalen:
        return totalen
    vastgesteld = Voorschotschema.objects.filter(
        samenwerkingsverband=sv,
        jaar=jaar,
        status__in=(Voorschotstatus.VASTGESTELD, Voorschotstatus.VERZONDEN),
    ).exists()
    return {} if vastgesteld else None


def _average_tariff(sv: Samenwerkingsverband, jaar: int, data: invoer.Jaardata) -> Decimal | None:
    """The year's default tariff; else the hour-weighted average of the tariffs that applied."""
    standaard = Tarief.objects.filter(
        samenwerkingsverband=sv, jaar=jaar, eenheid__isnull=True, schaal__isnull=True
    ).first()
    if standaard is not None:
        return standaard.uurtarief
    uren = NUL
    bedrag = NUL
    per_key: dict[str, Decimal] = defaultdict(Decimal)
    for groep in data.groepen:
        tarief = data.tarieven.voor(groep.eenheid_id, groep.schaal)
        if tarief is None or groep.soort not in invoer.PRODUCTIEF:
            continue
        uren += groep.uren
        bedrag += groep.uren * tarief
        per_key[groep.soort] += groep.uren
    return (bedrag / uren).quantize(Decimal("0.01")) if uren else None
