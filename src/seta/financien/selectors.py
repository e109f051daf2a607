"""Reads of financiën, restricted by the actor; the comparison and settlement as view data."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.autorisaties.policy.financien import financien_verbanden
from seta.financien import berekening
from seta.financien.models import (
    Afrekening,
    Afwijkingsdrempel,
    Begroting,
    Berekening,
    Scenario,
    Tarief,
    Verdeelmodel,
)
from seta.samenwerkingsverbanden.models import Samenwerkingsverband


def begrotingen_for(actor: Actor) -> QuerySet[Begroting]:
    return Begroting.objects.filter(policy.scope(actor, "financien.begroting")).select_related(
        "samenwerkingsverband"
    )


def tarieven_for(actor: Actor) -> QuerySet[Tarief]:
    return Tarief.objects.filter(policy.scope(actor, "financien.tarief")).select_related(
        "samenwerkingsverband", "eenheid"
    )


def uurtarief_for(
    actor: Actor, samenwerkingsverband_id: int, jaar: int, eenheid_id: int | None
) -> Decimal | None:
    """The integral hourly tariff of the pool for ``jaar``: the unit's own, else the default; None when the year
    has no tariff (or the actor may not read the cooperation's tariffs). Never an invented one."""
    tarieven = tarieven_for(actor).filter(
        samenwerkingsverband_id=samenwerkingsverband_id, jaar=jaar, schaal=None
    )
    per_eenheid = {t.eenheid_id: t.uurtarief for t in tarieven}
    if eenheid_id is not None and eenheid_id in per_eenheid:
        return per_eenheid[eenheid_id]
    return per_eenheid.get(None)


def verdeelmodellen_for(actor: Actor) -> QuerySet[Verdeelmodel]:
    return Verdeelmodel.objects.filter(policy.scope(actor, "financien.verdeelmodel")).select_related(
        "samenwerkingsverband"
    )


AFGESCHERMD = "Gezamenlijke opdracht (niet in te zien)"


def configuratie_for(actor: Actor, verdeelmodel: Verdeelmodel) -> Any:
    """The model's configuration as ``actor`` may see it: a part on a joint assignment the actor may not open
    shows neither its number (``opdracht``: null) nor the model's own name for the part (which may name it)."""
    from seta.opdrachten.selectors import bestuursopdrachten_for

    config = verdeelmodel.configuratie
    onderdelen = config.get("onderdelen") if isinstance(config, dict) else None
    if not isinstance(onderdelen, list):
        return config
    nummers = {
        str(o["opdracht"])
        for o in onderdelen
        if isinstance(o, dict) and o.get("soort") == "gezamenlijk" and o.get("opdracht")
    }
    if not nummers:
        return config
    leesbaar = set(
        bestuursopdrachten_for(actor)
        .filter(samenwerkingsverband_id=verdeelmodel.samenwerkingsverband_id, nummer__in=nummers)
        .values_list("nummer", flat=True)
    )
    verborgen = sorted(nummers - leesbaar)
    nieuw = []
    for o in onderdelen:
        nummer = str(o.get("opdracht")) if isinstance(o, dict) and o.get("soort") == "gezamenlijk" else ""
        if nummer in verborgen:
            o = {**o, "opdracht": None, "naam": AFGESCHERMD}
        nieuw.append(o)
    return {**config, "onderdelen": nieuw}


def scenarios_for(actor: Actor) -> QuerySet[Scenario]:
    return Scenario.objects.filter(policy.scope(actor, "financien.scenario")).select_related(
        "samenwerkingsverband", "referentiemodel"
    )


def afrekeningen_for(actor: Actor) -> QuerySet[Afrekening]:
    return Afrekening.objects.filter(policy.scope(actor, "financien.afrekening")).select_related(
        "samenwerkingsverband", "verdeelmodel", "drempel"
    )


def drempels_for(actor: Actor) -> QuerySet[Afwijkingsdrempel]:
    return Afwijkingsdrempel.objects.filter(policy.scope(actor, "financien.afwijkingsdrempel"))


def berekeningen_for(actor: Actor) -> QuerySet[Berekening]:
    return Berekening.objects.filter(policy.scope(actor, "financien.berekening"))


def verbanden_for(actor: Actor) -> QuerySet[Samenwerkingsverband]:
    """Cooperations whose financial figures the actor may see."""
    return Samenwerkingsverband.objects.filter(financien_verbanden(actor))


# --- comparison as view data -------------------------------------------------------------------------------------
@dataclass
class Cel:
    bedrag: Decimal
    verschil: Decimal
    procent: Decimal | None


@dataclass
class Vergelijkingsrij:
    gemeente: str  # CBS code
    naam: str
    cellen: list[Cel]


@dataclass
class Vergelijkingstabel:
    """A scenario's comparison: per partner the total (incl. VAT) under each model and the
    difference with the reference model in euros and percent."""

    jaar: int
    modellen: list[str]
    referentie: str
    rijen: list[Vergelijkingsrij]
    totalen: list[Decimal]
    waarschuwingen: dict[str, list[str]] = field(default_factory=dict)
    verdelingen: list[dict[str, Any]] = field(default_factory=list)
    document: dict[str, Any] = field(default_factory=dict)

    @property
    def verschilmodellen(self) -> list[str]:
        return [m for m in self.modellen if m != self.referentie]


def _table_from_json(resultaat: dict[str, Any]) -> Vergelijkingstabel:
    verdelingen = resultaat["verdelingen"]
    modellen = [v["verdeelmodel"] for v in verdelingen]
    referentie = resultaat.get("referentiemodel") or modellen[0]
    rijen: list[Vergelijkingsrij] = []
    ref = next(v for v in verdelingen if v["verdeelmodel"] == referentie)
    for bijdrage in ref["bijdragen"]:
        code = bijdrage["gemeente"]
        ref_bedrag = Decimal(bijdrage["totaalInclBtw"])
        cellen = []
        for v in verdelingen:
            b = next(x for x in v["bijdragen"] if x["gemeente"] == code)
            bedrag = Decimal(b["totaalInclBtw"])
            verschil = bedrag - ref_bedrag
            procent = (verschil * 100 / ref_bedrag).quantize(Decimal("0.01")) if ref_bedrag else None
            cellen.append(Cel(bedrag, verschil, procent))
        rijen.append(Vergelijkingsrij(code, bijdrage["naam"], cellen))
    totalen = [Decimal(v["totaalInclBtw"]) for v in verdelingen]
    waarschuwingen = {v["verdeelmodel"]: list(v.get("waarschuwingen", [])) for v in verdelingen}
    return Vergelijkingstabel(
        resultaat["jaar"], modellen, referentie, rijen, totalen, waarschuwingen, verdelingen
    )


def comparison(actor: Actor, scenario: Scenario, *, opgeslagen: bool = False) -> Vergelijkingstabel:
    """The scenario's comparison: computed from the database now (or the stored result)."""
    policy.require(actor, "scenario.lezen", scenario)
    if opgeslagen and scenario.resultaat:
        return _table_from_json(scenario.resultaat)
    modellen = list(scenario.verdeelmodellen.order_by("pk"))
    uitkomst = berekening.allocate(
        scenario.samenwerkingsverband,
        scenario.jaar,
        modellen,
        grondslag=scenario.grondslag,
        referentie=scenario.referentiemodel,
    )
    tabel = _table_from_json(uitkomst.to_json())
    tabel.document = uitkomst.document
    return tabel


def allocation(
    actor: Actor, verdeelmodel: Verdeelmodel, jaar: int, grondslag: str = ""
) -> berekening.Uitkomst:
    """One model's allocation of a year, computed now (a read: nothing is stored)."""
    policy.require(actor, "verdeelmodel.lezen", verdeelmodel)
    return berekening.allocate(verdeelmodel.samenwerkingsverband, jaar, [verdeelmodel], grondslag=grondslag)


# --- the verdeelmodel form: partners and the live preview -----------------------------------------------------
def partners_for(
    actor: Actor, samenwerkingsverband: Samenwerkingsverband, jaar: int | None = None
) -> list[tuple[str, str]]:
    """The partners (CBS code, name) of a cooperation in ``jaar`` (default this year), for the model form."""
    from django.utils import timezone

    from seta.financien import invoer

    policy.require(actor, "financien.lezen", samenwerkingsverband)
    jaar = jaar or timezone.localdate().year
    return [(g.cbs_code, g.naam) for g in invoer.partners_in_year(samenwerkingsverband, jaar)]


def preview(
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    configuratie: dict[str, Any],
    jaar: int,
    grondslag: str = "",
) -> berekening.Uitkomst:
    """The allocation of an UNSAVED configuration for ``jaar`` (the form's live preview): a read, nothing is
    stored. Errors name the form's parts (``configuratie.onderdelen[i]``), also when the calculation added
    parts of its own (the joint assignments) before them."""
    from seta.core.errors import InvalidInput
    from seta.financien import invoer

    policy.require(actor, "verdeelmodel.opstellen", samenwerkingsverband, read_action="verdeelmodel.lezen")
    model = Verdeelmodel(
        samenwerkingsverband=samenwerkingsverband,
        naam=str(configuratie.get("naam") or "Voorbeeld"),
        configuratie=configuratie,
    )
    data = invoer.load_year(samenwerkingsverband, jaar)
    try:
        return berekening.allocate(samenwerkingsverband, jaar, [model], grondslag=grondslag, data=data)
    except InvalidInput as exc:
        onderdelen = configuratie.get("onderdelen") or []
        try:
            opgelost = invoer.resolve(model, data, grondslag=grondslag)["onderdelen"]
        except InvalidInput:
            raise exc from None
        namen = [str(o.get("naam", "")) for o in onderdelen if isinstance(o, dict)]
        velden: dict[str, list[str]] = {}
        for pad, berichten in exc.fields.items():
            nieuw = pad
            if pad.startswith("verdeelmodel.onderdelen["):
                index, _, rest = pad.removeprefix("verdeelmodel.onderdelen[").partition("]")
                deel = opgelost[int(index)] if index.isdigit() and int(index) < len(opgelost) else {}
                naam = str(deel.get("naam", "")) if isinstance(deel, dict) else ""
                if naam in namen:
                    nieuw = f"configuratie.onderdelen[{namen.index(naam)}]{rest}"
                else:
                    nieuw = "configuratie.onderdelen"
                    berichten = [f"{naam}: {b}" for b in berichten]
            elif pad.startswith("verdeelmodel."):
                nieuw = "configuratie." + pad.removeprefix("verdeelmodel.")
            velden.setdefault(nieuw, []).extend(berichten)
        raise InvalidInput(exc.detail, fields=velden) from exc


# --- for the nacalculatie (issue 10): the tariffs and the cost key of a year ----------------------------------
def load_tariffs(sv_id: int, jaar: int) -> Any:
    """The year's tariffs as a lookup (``Tarieven.voor(eenheid_id, schaal)``: the unit's, else the scale's, else the
    default; None when the year has none). Not restricted: the caller decided who reads the figures."""
    from seta.financien import invoer

    return invoer.load_tariffs(sv_id, jaar)


@dataclass(frozen=True)
class Kostensleutel:
    """How a joint assignment's cost is split among its co-principals in ``jaar``: the adopted (or else the latest)
    verdeelmodel, its ``gezamenlijkeOpdrachten.methode`` and the exact shares of the given gemeenten (by pk,
    normalised over them). ``model`` None: the cooperation has no verdeelmodel."""

    jaar: int
    model: Verdeelmodel | None
    methode: str
    aandelen: dict[int, Any]  # gemeente pk -> fractions.Fraction (summing to 1); empty: no key could be made
    reden: str = ""


def kostensleutel(
    samenwerkingsverband: Samenwerkingsverband, jaar: int, gemeente_ids: list[int]
) -> Kostensleutel:
    """The split of a joint assignment's cost over ``gemeente_ids`` by the model's rule (see ``invoer.py``)."""
    from fractions import Fraction

    from seta.financien import invoer
    from seta.financien.verdeling import engine
    from seta.financien.verdeling import io as core_io
    from seta.financien.verdeling.model import AllocationInputError, Methode, Verdeelsleutel
    from seta.gemeenten.models import Gemeente

    modellen = Verdeelmodel.objects.filter(samenwerkingsverband=samenwerkingsverband)
    model = modellen.filter(status="vastgesteld").order_by("-vastgesteld_op", "-pk").first()
    if model is None:
        model = modellen.order_by("-gewijzigd_op", "-pk").first()
    if model is None:
        return Kostensleutel(jaar, None, "gelijk", {}, "geen verdeelmodel")
    config = model.configuratie if isinstance(model.configuratie, dict) else {}
    regel = config.get("gezamenlijkeOpdrachten") or {}
    methode = regel.get("methode", "verdeelsleutel") if isinstance(regel, dict) else "verdeelsleutel"
    if methode == Methode.GELIJK:
        return Kostensleutel(jaar, model, methode, {})
    gemeenten = {g.pk: g for g in Gemeente.objects.filter(pk__in=gemeente_ids)}
    if methode == Methode.SHAPLEY:
        return Kostensleutel(
            jaar, model, methode, {}, "Shapley vraagt de stand-alone kosten (alleen in de afrekening)"
        )
    data = invoer.load_year(samenwerkingsverband, jaar, uren=False)
    doc = invoer.year_document(data)
    codes = {g.cbs_code: pk for pk, g in gemeenten.items()}
    if not set(codes) <= {item["code"] for item in doc["gemeenten"]}:
        return Kostensleutel(jaar, model, methode, {}, f"niet alle opdrachtgevers zijn in {jaar} deelnemer")
    sleutel_json = {"soort": "bevolking"} if methode == Methode.BEVOLKING else config.get("verdeelsleutel")
    doc["verdeelmodel"] = {  # only the key is used; the core wants a part to accept a model
        "naam": model.label,
        "verdeelsleutel": sleutel_json or {"soort": "gelijk"},
        "onderdelen": [{"soort": "vast", "naam": "nacalculatie", "bedrag": "1"}],
    }
    try:
        kern = core_io.parse(doc)
        sleutel: Verdeelsleutel = kern.verdeelmodellen[0].verdeelsleutel
        # the key over all partners, restricted to the co-principals (the core's Methode.VERDEELSLEUTEL)
        alle = engine.key_shares(sleutel, kern.jaargegevens.gemeenten)
        shares = {c: alle[c] for c in codes}
    except (AllocationInputError, ValueError, KeyError, ZeroDivisionError):
        return Kostensleutel(
            jaar, model, methode, {}, "de verdeelsleutel is voor deze gemeenten niet te bepalen"
        )
    totaal = sum(shares.values(), Fraction(0))
    if totaal <= 0:
        return Kostensleutel(jaar, model, methode, {}, "de verdeelsleutel geeft deze gemeenten geen aandeel")
    return Kostensleutel(jaar, model, methode, {codes[c]: s / totaal for c, s in shares.items()})


# --- for the council reports (issue 12): the year's allocation as the report reconciles with it ----------------
def vastgesteld_model_van_jaar(samenwerkingsverband: Samenwerkingsverband, jaar: int) -> Verdeelmodel | None:
    """The adopted verdeelmodel that applies to ``jaar``: the latest one adopted by the year's end, else the latest
    adopted one (as ``services._adopted_model``); None when the cooperation has none."""
    import datetime as dt

    qs = Verdeelmodel.objects.filter(
        samenwerkingsverband=samenwerkingsverband, status="vastgesteld"
    ).order_by("-vastgesteld_op", "-volgnummer", "-pk")
    return qs.filter(vastgesteld_op__lte=dt.date(jaar, 12, 31)).first() or qs.first()


def jaarverdeling(
    samenwerkingsverband: Samenwerkingsverband, jaar: int, verdeelmodel: Verdeelmodel
) -> berekening.Uitkomst:
    """The year's allocation under ``verdeelmodel`` with grondslag realisatie, computed now (a read; unrestricted:
    the council report's builder decides what of it is shown). Raises InvalidInput like :func:`allocation`."""
    return berekening.allocate(samenwerkingsverband, jaar, [verdeelmodel], grondslag="realisatie")


def deelnemers_in_jaar(samenwerkingsverband: Samenwerkingsverband, jaar: int) -> list[Any]:
    """The partners of a cooperation in ``jaar`` (public information), ordered by name."""
    from seta.financien import invoer

    return invoer.partners_in_year(samenwerkingsverband, jaar)
