"""Services of the planning rules and the absences: the one write path (the plan's own services live in
``services_plan.py``).

Every write follows the house order: permission (404 when the actor may not read the record, 403 when it may
read but not act), the version check (``expected_version``; 428 without one from the API, 412 when stale), the
state check (409 naming why: adopted rules are changed by a new version), validation naming every bad field
(Dutch), the write, the audit event. The rules' history is their audit trail: every version with the decision
it was adopted by (``besluit_bestuur``: orgaan, kenmerk, datum).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max, Q

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.bounds import JAAR_MAX, JAAR_MIN
from seta.core.errors import Conflict, InvalidInput
from seta.core.services import create, lock, update_fields
from seta.organisatie.models import Eenheid, Medewerker
from seta.planning import lifecycle
from seta.planning.models import Afwezigheid, Afwezigheidsoort, Grondslag, Meetperiode, Planningsregels
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer, record_decision, require_bevoegd
from seta.samenwerkingsverbanden.models import Besluitonderwerp, Deelnemer, Samenwerkingsverband

LEZEN = "planningsregels.lezen"
AFWEZIGHEID_LEZEN = "afwezigheid.lezen"

#: The fields of the rules that drafting and editing a concept may set.
VELDEN: tuple[str, ...] = (
    "uren_per_fte_week",
    "productieve_uren_per_fte_jaar",
    "regulier_pct",
    "regulier_per_eenheid",
    "grondslag",
    "aandelen",
    "minima",
    "prioriteitsgewichten",
    "meetperiode",
    "drempel_procentpunt",
    "toelichting",
)
#: The fields of an absence that an edit may change.
AFWEZIGHEID_VELDEN: tuple[str, ...] = ("soort", "van", "tot", "percentage", "omschrijving")
PRIORITEITEN: tuple[str, ...] = ("hoog", "normaal", "laag")


# --- helpers ------------------------------------------------------------------------------------------------------
class _Fouten:
    def __init__(self) -> None:
        self.velden: dict[str, list[str]] = {}

    def add(self, naam: str, bericht: str) -> None:
        self.velden.setdefault(naam, []).append(bericht)

    def raise_if_any(self) -> None:
        if self.velden:
            raise InvalidInput(fields=self.velden)


def _decimal(value: Any) -> Decimal | None:
    """A finite Decimal, or None for anything that is not a number (bools are not numbers)."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        d = Decimal(str(value).replace(",", ".")) if isinstance(value, str) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def _getal(d: Decimal) -> int | float:
    """A JSON number: an integer when whole, else a float (percentages with up to two decimals)."""
    return int(d) if d == d.to_integral_value() else float(round(d, 2))


def _nl(d: Decimal | float | int) -> str:
    tekst = f"{Decimal(str(d)).normalize():f}"
    return tekst.replace(".", ",")


def partner_codes(sv: Samenwerkingsverband, jaar: int) -> dict[str, int]:
    """CBS code -> gemeente pk of the partners in (some part of) ``jaar``."""
    begin, eind = dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)
    rijen = (
        Deelnemer.objects.filter(samenwerkingsverband=sv, toetredingsdatum__lte=eind)
        .filter(Q(uittredingsdatum__isnull=True) | Q(uittredingsdatum__gt=begin))
        .values_list("gemeente__cbs_code", "gemeente_id")
    )
    return dict(rijen)


def _percentages(
    naam: str, waarde: Any, toegestaan: Mapping[str, Any], wat: str, fouten: _Fouten
) -> dict[str, int | float] | None:
    """A JSON object {key: percentage 0..100}; every bad key or value is named (``aandelen.0363``)."""
    if waarde is None or waarde == "":
        return {}
    if not isinstance(waarde, Mapping):
        fouten.add(naam, f"Geef een object {{{wat}: percentage}}.")
        return None
    uit: dict[str, int | float] = {}
    goed = True
    for sleutel, pct in waarde.items():
        sleutel = str(sleutel)
        if sleutel not in toegestaan:
            fouten.add(
                f"{naam}.{sleutel}",
                f"'{sleutel}' is geen {wat} van dit samenwerkingsverband; kies uit {', '.join(sorted(toegestaan)) or '(geen)'}.",
            )
            goed = False
            continue
        d = _decimal(pct)
        if d is None or d < 0 or d > 100:
            fouten.add(f"{naam}.{sleutel}", f"{sleutel}: een percentage van 0 tot en met 100.")
            goed = False
            continue
        uit[sleutel] = _getal(d)
    return uit if goed else None


def _bereik(
    naam: str, waarde: Any, laag: Decimal, hoog: Decimal, bericht: str, fouten: _Fouten
) -> Decimal | None:
    d = _decimal(waarde)
    if d is None or d < laag or d > hoog:
        fouten.add(naam, bericht)
        return None
    return d


def _valideer_regels(sv: Samenwerkingsverband, jaar: int, data: Mapping[str, Any]) -> dict[str, Any]:
    """Check every field of the rules (all of them, merged with the stored ones); the clean values."""
    fouten = _Fouten()
    schoon: dict[str, Any] = {}
    uren = _bereik(
        "uren_per_fte_week",
        data.get("uren_per_fte_week"),
        Decimal(1),
        Decimal(40),
        "Het aantal uren per fte per week is een getal van 1 tot en met 40 (bijvoorbeeld 36).",
        fouten,
    )
    if uren is not None:
        schoon["uren_per_fte_week"] = round(uren, 1)
    productief = _bereik(
        "productieve_uren_per_fte_jaar",
        data.get("productieve_uren_per_fte_jaar"),
        Decimal(100),
        Decimal(2080),
        "De productieve uren per fte per jaar zijn een getal van 100 tot en met 2.080 (standaard 1.600).",
        fouten,
    )
    if productief is not None:
        if uren is not None and productief > uren * 52:
            fouten.add(
                "productieve_uren_per_fte_jaar",
                f"De productieve uren per fte per jaar zijn niet meer dan de bruto uren ({_nl(uren)} × 52 = "
                f"{_nl(uren * 52)}).",
            )
        elif productief != productief.to_integral_value():
            fouten.add("productieve_uren_per_fte_jaar", "Geef een geheel aantal uren.")
        else:
            schoon["productieve_uren_per_fte_jaar"] = productief
    regulier = _bereik(
        "regulier_pct",
        data.get("regulier_pct"),
        Decimal(0),
        Decimal(100),
        "Het deel voor regulier werk is een percentage van 0 tot en met 100.",
        fouten,
    )
    if regulier is not None:
        schoon["regulier_pct"] = round(regulier, 2)
    codes = dict(Eenheid.objects.filter(samenwerkingsverband=sv).values_list("code", "pk"))
    per_eenheid = _percentages(
        "regulier_per_eenheid", data.get("regulier_per_eenheid"), codes, "eenheidcode", fouten
    )
    if per_eenheid is not None:
        schoon["regulier_per_eenheid"] = per_eenheid
    grondslag = data.get("grondslag")
    if grondslag not in Grondslag.values:
        fouten.add("grondslag", "Kies de kostenverdeelsleutel, gelijke delen of vaste aandelen.")
    else:
        schoon["grondslag"] = grondslag
    partners = partner_codes(sv, jaar)
    aandelen = _percentages("aandelen", data.get("aandelen"), partners, "CBS-code van een deelnemer", fouten)
    if aandelen is not None:
        if grondslag == Grondslag.VAST:
            som = sum((Decimal(str(v)) for v in aandelen.values()), Decimal(0))
            if not aandelen:
                fouten.add(
                    "aandelen", "Geef bij vaste aandelen het percentage van elke deelnemer (samen 100)."
                )
            elif abs(som - 100) > Decimal("0.01"):
                fouten.add("aandelen", f"De vaste aandelen tellen op tot 100 %, niet tot {_nl(som)} %.")
        schoon["aandelen"] = aandelen
    minima = _percentages("minima", data.get("minima"), partners, "CBS-code van een deelnemer", fouten)
    if minima is not None:
        som = sum((Decimal(str(v)) for v in minima.values()), Decimal(0))
        if som > 100:
            fouten.add("minima", f"De minima tellen samen op tot {_nl(som)} %: hoogstens 100 %.")
        schoon["minima"] = minima
    gewichten = data.get("prioriteitsgewichten")
    if not isinstance(gewichten, Mapping) or set(map(str, gewichten)) != set(PRIORITEITEN):
        fouten.add(
            "prioriteitsgewichten",
            "Geef precies de gewichten voor hoog, normaal en laag, bijvoorbeeld {hoog: 4, normaal: 2, laag: 1}.",
        )
    else:
        schoon_gewichten: dict[str, int | float] = {}
        for p in PRIORITEITEN:
            d = _decimal(gewichten[p])
            if d is None or d <= 0 or d > 1000:
                fouten.add(f"prioriteitsgewichten.{p}", "Een positief getal (hoogstens 1.000).")
            else:
                schoon_gewichten[p] = _getal(d)
        if len(schoon_gewichten) == len(PRIORITEITEN):
            schoon["prioriteitsgewichten"] = schoon_gewichten
    if data.get("meetperiode") not in Meetperiode.values:
        fouten.add("meetperiode", "Kies kwartaal of halfjaar.")
    else:
        schoon["meetperiode"] = data["meetperiode"]
    drempel = _bereik(
        "drempel_procentpunt",
        data.get("drempel_procentpunt"),
        Decimal("0.5"),
        Decimal(50),
        "De drempel van het dominantiesignaal is 0,5 tot en met 50 procentpunt.",
        fouten,
    )
    if drempel is not None:
        schoon["drempel_procentpunt"] = round(drempel, 1)
    toelichting = data.get("toelichting") or ""
    if not isinstance(toelichting, str):
        fouten.add("toelichting", "Geef een tekst.")
    elif len(toelichting) > 5000:
        fouten.add("toelichting", "Hoogstens 5.000 tekens.")
    else:
        schoon["toelichting"] = toelichting.strip()
    fouten.raise_if_any()
    return schoon


def _standaard() -> dict[str, Any]:
    """The model's defaults for the fields a caller leaves out."""
    leeg = Planningsregels()
    return {naam: getattr(leeg, naam) for naam in VELDEN}


def _onbekend(velden: Mapping[str, Any], toegestaan: tuple[str, ...]) -> None:
    onbekend = sorted(set(velden) - set(toegestaan))
    if onbekend:
        raise InvalidInput(
            fields={naam: ["Dit veld bestaat niet of kan niet worden gewijzigd."] for naam in onbekend}
        )


def _alleen_concept(regels: Planningsregels) -> None:
    if regels.status != lifecycle.CONCEPT:
        raise Conflict(
            f"{regels} zijn {lifecycle.STATUS_LABELS[regels.status].lower()}: vastgestelde regels wijzigen niet. "
            "Stel een nieuwe versie op en laat die vaststellen."
        )


# --- the rules ----------------------------------------------------------------------------------------------------
@transaction.atomic
def stel_regels_op(
    *, actor: Actor, samenwerkingsverband: Samenwerkingsverband, jaar: int, **velden: Any
) -> Planningsregels:
    """A concept (version 1) of the rules of ``jaar``; fields left out take the model's defaults."""
    policy.require(
        actor, "planningsregels.aanmaken", samenwerkingsverband, read_action="samenwerkingsverband.lezen"
    )
    _onbekend(velden, VELDEN)
    if isinstance(jaar, bool) or not isinstance(jaar, int) or not JAAR_MIN <= jaar <= JAAR_MAX:
        raise InvalidInput(fields={"jaar": [f"Een jaar van {JAAR_MIN} tot en met {JAAR_MAX}."]})
    bestaand = Planningsregels.objects.filter(samenwerkingsverband=samenwerkingsverband, jaar=jaar)
    if bestaand.exists():
        raise Conflict(
            f"Er zijn al planningsregels voor {samenwerkingsverband} in {jaar}: wijzig het concept of stel van "
            "de vastgestelde regels een nieuwe versie op."
        )
    schoon = _valideer_regels(samenwerkingsverband, jaar, _standaard() | dict(velden))
    return create(
        Planningsregels(samenwerkingsverband=samenwerkingsverband, jaar=jaar, volgnummer=1, **schoon),
        actor=actor,
        action="planningsregels.aanmaken",
    )


@transaction.atomic
def wijzig_regels(
    *, actor: Actor, regels: Planningsregels, expected_version: int | None, **velden: Any
) -> Planningsregels:
    """Change a concept's fields (only those given)."""
    policy.require(actor, "planningsregels.wijzigen", regels, read_action=LEZEN)
    regels = lock(regels, expected_version=expected_version)
    _alleen_concept(regels)
    _onbekend(velden, VELDEN)
    huidig = {naam: getattr(regels, naam) for naam in VELDEN}
    schoon = _valideer_regels(regels.samenwerkingsverband, regels.jaar, huidig | dict(velden))
    wijzigingen = {naam: schoon[naam] for naam in velden}
    return update_fields(regels, actor=actor, action="planningsregels.wijzigen", changes=wijzigingen)


@transaction.atomic
def stel_regels_vast(
    *,
    actor: Actor,
    regels: Planningsregels,
    expected_version: int | None,
    besluit: BesluitInvoer | Mapping[str, Any] | None,
) -> Planningsregels:
    """The body the governance names for ``planningsregels`` (the DB by default) adopts a concept with its
    decision; the version of that year adopted before becomes ``vervangen``."""
    require_bevoegd(
        actor,
        "planningsregels.vaststellen",
        regels,
        samenwerkingsverband=regels.samenwerkingsverband,
        onderwerp=Besluitonderwerp.PLANNINGSREGELS,
        read_action=LEZEN,
    )
    regels = lock(regels, expected_version=expected_version)
    if regels.status != lifecycle.CONCEPT:
        raise Conflict(f"{regels} zijn al {lifecycle.STATUS_LABELS[regels.status].lower()}.")
    # the partners or units may have changed since the concept was written
    _valideer_regels(
        regels.samenwerkingsverband, regels.jaar, {naam: getattr(regels, naam) for naam in VELDEN}
    )
    record = record_decision(
        actor=actor,
        samenwerkingsverband=regels.samenwerkingsverband,
        onderwerp=Besluitonderwerp.PLANNINGSREGELS,
        besluit=BesluitInvoer.uit(besluit),
        omschrijving=f"Vaststelling {regels} van {regels.samenwerkingsverband}",
    )
    vorige = (
        Planningsregels.objects.filter(
            samenwerkingsverband_id=regels.samenwerkingsverband_id,
            jaar=regels.jaar,
            status=lifecycle.VASTGESTELD,
        )
        .exclude(pk=regels.pk)
        .first()
    )
    if vorige is not None:
        vorige = lock(vorige)
        update_fields(
            vorige, actor=actor, action="planningsregels.vervangen", changes={"status": lifecycle.VERVANGEN}
        )
    return update_fields(
        regels,
        actor=actor,
        action="planningsregels.vaststellen",
        changes={
            "status": lifecycle.VASTGESTELD,
            "besluit_bestuur": record,
            "vastgesteld_op": record.datum,
        },
    )


@transaction.atomic
def nieuwe_versie_regels(
    *, actor: Actor, regels: Planningsregels, expected_version: int | None
) -> Planningsregels:
    """A concept copy of adopted rules (volgnummer + 1, ``vervangt`` = them); they stay in force until the copy
    is adopted."""
    policy.require(actor, "planningsregels.nieuwe_versie", regels, read_action=LEZEN)
    bron = lock(regels, expected_version=expected_version)
    if bron.status != lifecycle.VASTGESTELD:
        raise Conflict(
            f"Alleen van vastgestelde regels wordt een nieuwe versie gemaakt; {bron} zijn "
            f"{lifecycle.STATUS_LABELS[bron.status].lower()}."
        )
    jaar = Planningsregels.objects.filter(
        samenwerkingsverband_id=bron.samenwerkingsverband_id, jaar=bron.jaar
    )
    open_versie = jaar.filter(status=lifecycle.CONCEPT).first()
    if open_versie is not None:
        raise Conflict(f"Er is al een nieuwe versie in concept: {open_versie}.")
    hoogste = jaar.aggregate(m=Max("volgnummer"))["m"] or 0
    return create(
        Planningsregels(
            samenwerkingsverband_id=bron.samenwerkingsverband_id,
            jaar=bron.jaar,
            volgnummer=hoogste + 1,
            vervangt=bron,
            **{naam: getattr(bron, naam) for naam in VELDEN},
        ),
        actor=actor,
        action="planningsregels.nieuwe_versie",
    )


def voer_uit(
    *, actor: Actor, regels: Planningsregels, actie: str, gegevens: Mapping[str, Any]
) -> Planningsregels:
    """Run an action of the lifecycle table by name (the API's and the pages' action routes)."""
    versie = gegevens.get("expected_version")
    if actie == lifecycle.VASTSTELLEN:
        return stel_regels_vast(
            actor=actor, regels=regels, expected_version=versie, besluit=gegevens.get("besluit")
        )
    if actie == lifecycle.NIEUWE_VERSIE:
        return nieuwe_versie_regels(actor=actor, regels=regels, expected_version=versie)
    raise InvalidInput(fields={"actie": [f"Onbekende handeling '{actie}'."]})


# --- absences -----------------------------------------------------------------------------------------------------
def _valideer_afwezigheid(medewerker: Medewerker, data: Mapping[str, Any]) -> dict[str, Any]:
    fouten = _Fouten()
    schoon: dict[str, Any] = {}
    if data.get("soort") not in Afwezigheidsoort.values:
        fouten.add("soort", "Kies verlof, ziekte, opleiding of overig.")
    else:
        schoon["soort"] = data["soort"]
    van, tot = data.get("van"), data.get("tot")
    for naam, waarde in (("van", van), ("tot", tot)):
        if not isinstance(waarde, dt.date) or isinstance(waarde, dt.datetime):
            fouten.add(
                naam, "Geef een datum." if naam == "van" else "Geef de laatste dag van de afwezigheid."
            )
        elif not JAAR_MIN <= waarde.year <= JAAR_MAX:
            fouten.add(naam, f"Geef een datum tussen {JAAR_MIN} en {JAAR_MAX}.")
        else:
            schoon[naam] = waarde
    if "van" in schoon and "tot" in schoon:
        if schoon["tot"] < schoon["van"]:
            fouten.add("tot", "De laatste dag ligt niet vóór de eerste dag (van).")
        elif schoon["tot"] < medewerker.in_dienst or (
            medewerker.uit_dienst is not None and schoon["van"] > medewerker.uit_dienst
        ):
            fouten.add("van", f"De afwezigheid valt buiten de diensttijd van {medewerker}.")
    pct = _decimal(data.get("percentage"))
    if pct is None or pct < 1 or pct > 100:
        fouten.add("percentage", "Het deel van de werktijd is een percentage van 1 tot en met 100.")
    else:
        schoon["percentage"] = round(pct, 2)
    omschrijving = data.get("omschrijving") or ""
    if not isinstance(omschrijving, str):
        fouten.add("omschrijving", "Geef een tekst.")
    elif len(omschrijving.strip()) > 200:
        fouten.add("omschrijving", "Hoogstens 200 tekens.")
    else:
        schoon["omschrijving"] = omschrijving.strip()
    fouten.raise_if_any()
    return schoon


@transaction.atomic
def registreer_afwezigheid(
    *,
    actor: Actor,
    medewerker: Medewerker,
    soort: str,
    van: dt.date | None,
    tot: dt.date | None,
    percentage: Any = 100,
    omschrijving: str = "",
) -> Afwezigheid:
    """Register an absence beyond the normal pattern (the teamleider of the person's unit, or the directeur)."""
    policy.require(actor, "afwezigheid.registreren", medewerker, read_action="medewerker.lezen")
    schoon = _valideer_afwezigheid(
        medewerker,
        {"soort": soort, "van": van, "tot": tot, "percentage": percentage, "omschrijving": omschrijving},
    )
    return create(
        Afwezigheid(
            samenwerkingsverband_id=medewerker.samenwerkingsverband_id,
            medewerker=medewerker,
            geregistreerd_door=actor.user if actor.user_id else None,
            **schoon,
        ),
        actor=actor,
        action="afwezigheid.registreren",
    )


@transaction.atomic
def wijzig_afwezigheid(
    *, actor: Actor, afwezigheid: Afwezigheid, expected_version: int | None, **velden: Any
) -> Afwezigheid:
    """Change an absence (only the fields given)."""
    policy.require(actor, "afwezigheid.wijzigen", afwezigheid, read_action=AFWEZIGHEID_LEZEN)
    afwezigheid = lock(afwezigheid, expected_version=expected_version)
    _onbekend(velden, AFWEZIGHEID_VELDEN)
    huidig = {naam: getattr(afwezigheid, naam) for naam in AFWEZIGHEID_VELDEN}
    schoon = _valideer_afwezigheid(afwezigheid.medewerker, huidig | dict(velden))
    return update_fields(
        afwezigheid,
        actor=actor,
        action="afwezigheid.wijzigen",
        changes={naam: schoon[naam] for naam in velden},
    )


@transaction.atomic
def verwijder_afwezigheid(*, actor: Actor, afwezigheid: Afwezigheid, expected_version: int | None) -> None:
    """Remove an absence (audited with what it was)."""
    policy.require(actor, "afwezigheid.verwijderen", afwezigheid, read_action=AFWEZIGHEID_LEZEN)
    vers = lock(afwezigheid, expected_version=expected_version)
    before = audit.snapshot(vers)
    audit.record(actor=actor, action="afwezigheid.verwijderen", instance=vers, before=before)
    vers.delete()
