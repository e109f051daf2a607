"""The year's cycle (jaar opzetten): a new year's budget and tariffs from last year with an indexation,
the tariffs of a year as one grid (all or nothing), the readiness check before calculating, and the
adoption of the budget by the body the governance names (docs/financien-jaar.md, ADR 0034).

Who may: the controller or the directeur of the pool sets up a year and edits its budget and tariffs
(``begroting.opzetten``, ``begroting.wijzigen``, ``tarief.wijzigen``); the deciding body (by default the
algemeen bestuur) adopts the budget on a recorded decision (``begroting.vaststellen``), after which the
budget is frozen. The arithmetic is the pure core ``financien/verdeling/indexatie.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.bounds import JAAR_MAX, JAAR_MIN
from seta.core.errors import Conflict, InvalidInput
from seta.core.services import check_version, create, update_fields
from seta.financien import invoer
from seta.financien.models import (
    Begroting,
    Begrotingstatus,
    Deelnemersbijdrage,
    Modelstatus,
    Tarief,
    Verdeelmodel,
)
from seta.financien.services import delete_tariff, set_tariff
from seta.financien.verdeling import indexatie
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer, record_decision, require_bevoegd
from seta.samenwerkingsverbanden.models import Besluitonderwerp, Samenwerkingsverband
from seta.uren.models import Urenregel

INDEX_MIN, INDEX_MAX = Decimal("-10"), Decimal("25")


def _jaartal(value: Any, veld: str, fouten: dict[str, list[str]]) -> int:
    try:
        jaar = int(value)
    except (TypeError, ValueError):
        fouten[veld] = [f"'{value}' is geen jaartal."]
        return 0
    if not JAAR_MIN <= jaar <= JAAR_MAX:
        fouten[veld] = [f"Geef een jaartal tussen {JAAR_MIN} en {JAAR_MAX}."]
    return jaar


def _procent(value: Any, veld: str, naam: str, fouten: dict[str, list[str]]) -> Decimal:
    try:
        procent = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        fouten[veld] = [f"De {naam} '{value}' is geen percentage."]
        return Decimal(0)
    if not procent.is_finite() or not INDEX_MIN <= procent <= INDEX_MAX:
        fouten[veld] = [f"De {naam} ligt tussen {INDEX_MIN} en {INDEX_MAX} procent."]
        return Decimal(0)
    if procent != procent.quantize(Decimal("0.01")):
        fouten[veld] = [f"Geef de {naam} in hoogstens twee decimalen."]
    return procent


# --- set up a year -------------------------------------------------------------------------------------------
@transaction.atomic
def prepare_year(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    jaar: int,
    van_jaar: int,
    loonindex: Decimal | str,
    prijsindex: Decimal | str,
) -> Begroting:
    """Copy ``van_jaar``'s budget, the partners' figures and all tariffs into ``jaar`` as a concept,
    indexed by the wage and price percentages (tariffs that already exist in ``jaar`` are kept)."""
    sv = samenwerkingsverband
    policy.require(actor, "begroting.opzetten", sv, read_action="begroting.lezen")
    fouten: dict[str, list[str]] = {}
    doel = _jaartal(jaar, "jaar", fouten)
    bron_jaar = _jaartal(van_jaar, "van_jaar", fouten)
    loon = _procent(loonindex, "loonindex", "loonindex", fouten)
    prijs = _procent(prijsindex, "prijsindex", "prijsindex", fouten)
    if not fouten and doel == bron_jaar:
        fouten["van_jaar"] = ["Kies een ander jaar dan het jaar dat u opzet."]
    if fouten:
        raise InvalidInput(fields=fouten)
    # one set-up at a time per cooperation: the second waits and then sees the first one's budget
    Samenwerkingsverband.objects.select_for_update().filter(pk=sv.pk).first()
    if Begroting.objects.filter(samenwerkingsverband=sv, jaar=doel).exists():
        raise Conflict(
            f"{sv} heeft al een begroting {doel}; wijzig die in plaats van het jaar opnieuw op te zetten."
        )
    bron = Begroting.objects.filter(samenwerkingsverband=sv, jaar=bron_jaar).first()
    if bron is None:
        raise InvalidInput(
            fields={"van_jaar": [f"{sv} heeft geen begroting {bron_jaar} om van uit te gaan."]}
        )
    nieuw = indexatie.indexeer_begroting(bron.personeel, bron.materieel, bron.overhead, loon, prijs)
    toelichting = (
        f"Opgezet uit de begroting {bron_jaar} met een loonindex van {loon}% (personeelslasten en "
        f"uurtarieven), een prijsindex van {prijs}% (materiële lasten) en {nieuw.overhead_procent}% voor de "
        f"overhead (loon- en prijsindex gewogen naar personeel en materieel {bron_jaar})."
    )
    begroting = create(
        Begroting(
            samenwerkingsverband=sv,
            jaar=doel,
            personeel=nieuw.personeel,
            materieel=nieuw.materieel,
            overhead=nieuw.overhead,
            toelichting=toelichting,
            status=Begrotingstatus.CONCEPT,
        ),
        actor=actor,
        action="begroting.opzetten",
    )
    partners = {g.pk for g in invoer.partners_in_year(sv, doel)}
    bijdragen = [
        Deelnemersbijdrage(
            begroting=begroting,
            gemeente_id=b.gemeente_id,
            inbreng=b.inbreng,  # the historical contribution is history: unchanged
            voorschot=indexatie.schaal_mee(b.voorschot, bron.totaal, nieuw.totaal),
            vorige_bijdrage=None,  # last year's realised contribution: known after its settlement
        )
        for b in bron.bijdragen.all()
        if b.gemeente_id in partners
    ]
    Deelnemersbijdrage.objects.bulk_create(bijdragen)
    bestaand = {(t.eenheid_id, t.schaal) for t in Tarief.objects.filter(samenwerkingsverband=sv, jaar=doel)}
    tarieven = [
        Tarief(
            samenwerkingsverband=sv,
            jaar=doel,
            eenheid_id=t.eenheid_id,
            schaal=t.schaal,
            uurtarief=indexatie.indexeer_tarief(t.uurtarief, loon),
            omschrijving=t.omschrijving,
        )
        for t in Tarief.objects.filter(samenwerkingsverband=sv, jaar=bron_jaar)
        if (t.eenheid_id, t.schaal) not in bestaand
    ]
    Tarief.objects.bulk_create(tarieven)
    audit.record(
        actor=actor,
        action="begroting.opzetten",
        instance=begroting,
        after={
            "van_jaar": bron_jaar,
            "loonindex": str(loon),
            "prijsindex": str(prijs),
            "bijdragen": len(bijdragen),
            "tarieven": len(tarieven),
        },
    )
    return begroting


# --- adopt the budget ----------------------------------------------------------------------------------------
@transaction.atomic
def adopt_budget(
    *,
    actor: Actor,
    begroting: Begroting,
    besluit: BesluitInvoer | None,
    expected_version: int | None = None,
) -> Begroting:
    """The deciding body (by default the AB) adopts the budget on a recorded decision; then it is frozen."""
    obj = Begroting.objects.select_for_update(of=("self",)).get(pk=begroting.pk)
    require_bevoegd(
        actor,
        "begroting.vaststellen",
        obj,
        samenwerkingsverband=obj.samenwerkingsverband,
        onderwerp=Besluitonderwerp.BEGROTING,
        read_action="begroting.lezen",
    )
    check_version(obj, expected_version)
    if obj.is_vastgesteld:
        raise Conflict(f"De begroting {obj.jaar} is al vastgesteld.")
    record = record_decision(
        actor=actor,
        samenwerkingsverband=obj.samenwerkingsverband,
        onderwerp=Besluitonderwerp.BEGROTING,
        besluit=besluit,
        omschrijving=f"Vaststelling begroting {obj.jaar}",
    )
    return update_fields(
        obj,
        actor=actor,
        action="begroting.vaststellen",
        changes={"status": Begrotingstatus.VASTGESTELD, "bestuursbesluit": record},
    )


# --- the tariffs of a year as one grid ---------------------------------------------------------------------
@dataclass(frozen=True)
class Tariefcel:
    """One cell of the grid: the default, a unit (by name) or a salary scale."""

    sleutel: str  # "standaard", "eenheid-<id>", "schaal-<n>" (the form field's name)
    label: str
    eenheid: Eenheid | None
    schaal: int | None
    uurtarief: Decimal | None
    vorig_jaar: Decimal | None
    heeft_uren: bool


def _sleutel(eenheid_id: int | None, schaal: int | None) -> str:
    if eenheid_id is not None:
        return f"eenheid-{eenheid_id}"
    if schaal is not None:
        return f"schaal-{schaal}"
    return "standaard"


def tariff_grid(actor: Actor, samenwerkingsverband: Samenwerkingsverband, jaar: int) -> list[Tariefcel]:
    """The default, every unit of the cooperation (by name) and every scale in use or with a tariff."""
    sv = samenwerkingsverband
    policy.require(actor, "tarief.lezen", sv, read_action="tarief.lezen")
    huidig = {
        (t.eenheid_id, t.schaal): t.uurtarief
        for t in Tarief.objects.filter(samenwerkingsverband=sv, jaar=jaar)
    }
    vorig = {
        (t.eenheid_id, t.schaal): t.uurtarief
        for t in Tarief.objects.filter(samenwerkingsverband=sv, jaar=jaar - 1)
    }
    uren = Urenregel.objects.filter(samenwerkingsverband=sv, datum__year=jaar)
    eenheden_met_uren = set(uren.values_list("eenheid_id", flat=True).distinct())
    schalen_met_uren = {s for s in uren.values_list("schaal", flat=True).distinct() if s is not None}
    schalen = sorted(schalen_met_uren | {s for (e, s) in (*huidig, *vorig) if e is None and s is not None})
    cellen = [
        Tariefcel(
            "standaard",
            "Standaardtarief",
            None,
            None,
            huidig.get((None, None)),
            vorig.get((None, None)),
            False,
        )
    ]
    for e in Eenheid.objects.filter(samenwerkingsverband=sv).order_by("naam"):
        cellen.append(
            Tariefcel(
                _sleutel(e.pk, None),
                f"Eenheid {e.naam}",
                e,
                None,
                huidig.get((e.pk, None)),
                vorig.get((e.pk, None)),
                e.pk in eenheden_met_uren,
            )
        )
    for s in schalen:
        cellen.append(
            Tariefcel(
                _sleutel(None, s),
                f"Schaal {s}",
                None,
                s,
                huidig.get((None, s)),
                vorig.get((None, s)),
                s in schalen_met_uren,
            )
        )
    return cellen


@transaction.atomic
def save_tariffs(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    jaar: int,
    tarieven: Mapping[str, Any],
) -> int:
    """Save the grid in one go (all or nothing): a value sets the cell's tariff, an empty cell removes it.

    ``tarieven`` maps the cell keys of :func:`tariff_grid` to amounts; an error names the unit or scale.
    Returns the number of tariffs changed."""
    sv = samenwerkingsverband
    policy.require(actor, "tarief.wijzigen", sv, read_action="tarief.lezen")
    cellen = {c.sleutel: c for c in tariff_grid(actor, sv, jaar)}
    fouten: dict[str, list[str]] = {}
    gewenst: dict[str, Decimal | None] = {}
    for sleutel, waarde in tarieven.items():
        cel = cellen.get(sleutel)
        schaal = sleutel.removeprefix("schaal-")
        if cel is None and schaal.isdigit() and 1 <= int(schaal) <= 18:  # a scale not yet in use
            cel = cellen[sleutel] = Tariefcel(
                sleutel, f"Schaal {int(schaal)}", None, int(schaal), None, None, False
            )
        if cel is None:
            fouten[sleutel] = [f"Onbekende eenheid of schaal '{sleutel}' in {sv}."]
            continue
        tekst = "" if waarde is None else str(waarde).strip()
        if not tekst:
            gewenst[sleutel] = None
            continue
        try:
            bedrag = Decimal(tekst.replace(",", "."))
        except InvalidOperation:
            fouten[sleutel] = [f"{cel.label}: '{tekst}' is geen bedrag."]
            continue
        if not bedrag.is_finite() or bedrag < 0 or bedrag >= Decimal("1000000"):
            fouten[sleutel] = [f"{cel.label}: geef een uurtarief van 0 tot 1.000.000 euro."]
        elif bedrag != bedrag.quantize(Decimal("0.01")):
            fouten[sleutel] = [f"{cel.label}: geef het uurtarief in hele centen."]
        else:
            gewenst[sleutel] = bedrag
    if fouten:
        raise InvalidInput(
            f"Een of meer uurtarieven {jaar} zijn ongeldig; er is niets opgeslagen.", fields=fouten
        )
    gewijzigd = 0
    bestaand = {
        _sleutel(t.eenheid_id, t.schaal): t for t in Tarief.objects.filter(samenwerkingsverband=sv, jaar=jaar)
    }
    for sleutel, nieuw in gewenst.items():
        cel, tarief = cellen[sleutel], bestaand.get(sleutel)
        if nieuw is None:
            if tarief is not None:
                delete_tariff(actor=actor, tarief=tarief)
                gewijzigd += 1
        elif tarief is None or tarief.uurtarief != nieuw:
            set_tariff(
                actor=actor,
                samenwerkingsverband=sv,
                jaar=jaar,
                uurtarief=nieuw,
                eenheid=cel.eenheid,
                schaal=cel.schaal,
                omschrijving=tarief.omschrijving
                if tarief is not None
                else f"Integraal tarief {cel.label.lower()}",
            )
            gewijzigd += 1
    return gewijzigd


# --- readiness -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Gereedheidspunt:
    code: str  # begroting, begroting_vastgesteld, tarieven, verdeelmodel
    ok: bool
    tekst: str


def readiness(actor: Actor, samenwerkingsverband: Samenwerkingsverband, jaar: int) -> list[Gereedheidspunt]:
    """What is missing before the year can be calculated (and settled), each named in words."""
    sv = samenwerkingsverband
    policy.require(actor, "begroting.lezen", sv, read_action="begroting.lezen")
    punten: list[Gereedheidspunt] = []
    begroting = Begroting.objects.filter(samenwerkingsverband=sv, jaar=jaar).first()
    if begroting is None:
        punten.append(Gereedheidspunt("begroting", False, f"Er is nog geen begroting {jaar}."))
        punten.append(
            Gereedheidspunt("begroting_vastgesteld", False, f"De begroting {jaar} is (nog) niet vastgesteld.")
        )
    else:
        punten.append(Gereedheidspunt("begroting", True, f"De begroting {jaar} is opgesteld."))
        if begroting.is_vastgesteld:
            punten.append(
                Gereedheidspunt("begroting_vastgesteld", True, f"De begroting {jaar} is vastgesteld.")
            )
        else:
            punten.append(
                Gereedheidspunt(
                    "begroting_vastgesteld",
                    False,
                    f"De begroting {jaar} is nog een concept: het bestuur heeft haar niet vastgesteld.",
                )
            )
    data = invoer.load_year(sv, jaar)
    if data.ontbrekende_tarieven:
        for naam in sorted(data.ontbrekende_tarieven):
            punten.append(
                Gereedheidspunt(
                    "tarieven", False, f"Geen uurtarief {jaar} voor {naam} (of een standaardtarief)."
                )
            )
    elif not Tarief.objects.filter(samenwerkingsverband=sv, jaar=jaar).exists():
        punten.append(Gereedheidspunt("tarieven", False, f"Er zijn nog geen uurtarieven {jaar}."))
    else:
        punten.append(
            Gereedheidspunt(
                "tarieven", True, f"Elke eenheid en schaal met uren in {jaar} heeft een uurtarief."
            )
        )
    if Verdeelmodel.objects.filter(samenwerkingsverband=sv, status=Modelstatus.VASTGESTELD).exists():
        punten.append(Gereedheidspunt("verdeelmodel", True, "Er is een vastgesteld verdeelmodel."))
    else:
        punten.append(Gereedheidspunt("verdeelmodel", False, "Er is nog geen vastgesteld verdeelmodel."))
    return punten
