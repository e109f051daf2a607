"""Joining and leaving partners as scenarios (toetreding, uittreding): load, compute, store. Never a decision.

The arithmetic is the pure core ``financien/verdeling/mutatie.py``; this module reads what it needs (the
year's data as the allocation reads it, the staff with their origin and hours, the single-person posts
through ``organisatie.selectors``, the cooperation's ``Uittredingsregel``) and stores the result on a
``Deelnemersscenario``. It never touches ``Deelnemer`` records: joining or leaving is the councils'
decision, taken elsewhere. See docs/toetreding-uittreding.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core.errors import InvalidInput, PreconditionRequired
from seta.core.services import create, lock, update_fields
from seta.financien import invoer
from seta.financien.models import (
    STANDAARD_BRON,
    STANDAARD_JAREN_OVERHEAD,
    Begroting,
    Deelnemersscenario,
    Modelstatus,
    Mutatiesoort,
    Uittredingsregel,
    Verdeelmodel,
)
from seta.financien.verdeling import engine, mutatie
from seta.financien.verdeling.model import AllocationInputError
from seta.financien.verdeling.model import Gemeente as CoreGemeente
from seta.gemeenten.models import Gemeente
from seta.organisatie import selectors as organisatie_selectors
from seta.samenwerkingsverbanden.models import Deelnemer, Samenwerkingsverband
from seta.uren.models import Urenregel

NUL = Decimal("0")
MAX_POSTEN = 10


# --- reads ------------------------------------------------------------------------------------------------------
def deelnemersscenarios_for(actor: Actor) -> QuerySet[Deelnemersscenario]:
    return Deelnemersscenario.objects.filter(
        policy.scope(actor, "financien.deelnemersscenario")
    ).select_related("samenwerkingsverband", "gemeente", "verdeelmodel")


def uittredingsregels_for(actor: Actor) -> QuerySet[Uittredingsregel]:
    return Uittredingsregel.objects.filter(policy.scope(actor, "financien.uittredingsregel")).select_related(
        "samenwerkingsverband"
    )


def uittredingsregel_van(samenwerkingsverband: Samenwerkingsverband) -> Uittredingsregel | None:
    return Uittredingsregel.objects.filter(samenwerkingsverband=samenwerkingsverband).first()


def huidige_partners(samenwerkingsverband: Samenwerkingsverband, datum: dt.date) -> list[Gemeente]:
    """The partners on ``datum`` (joined on or before it, not yet left)."""
    ids = (
        Deelnemer.objects.filter(samenwerkingsverband=samenwerkingsverband, toetredingsdatum__lte=datum)
        .exclude(uittredingsdatum__lte=datum)
        .values_list("gemeente_id", flat=True)
    )
    return list(Gemeente.objects.filter(pk__in=ids).order_by("naam"))


def alle_gemeenten() -> QuerySet[Gemeente]:
    """The reference list of gemeenten (public): a joiner can be any of them."""
    return Gemeente.objects.order_by("naam")


def vastgesteld_model(samenwerkingsverband: Samenwerkingsverband) -> Verdeelmodel | None:
    """The cooperation's adopted model: the latest adopted version."""
    return (
        Verdeelmodel.objects.filter(samenwerkingsverband=samenwerkingsverband, status=Modelstatus.VASTGESTELD)
        .order_by("-vastgesteld_op", "-volgnummer", "-pk")
        .first()
    )


def standaardjaar(samenwerkingsverband: Samenwerkingsverband, vandaag: dt.date | None = None) -> int | None:
    """The current year when it has a budget, else the latest budget year before it, else the latest one."""
    jaar = (vandaag or timezone.localdate()).year
    jaren = sorted(
        Begroting.objects.filter(samenwerkingsverband=samenwerkingsverband).values_list("jaar", flat=True)
    )
    eerder = [j for j in jaren if j <= jaar]
    return eerder[-1] if eerder else (jaren[-1] if jaren else None)


def veronderstelde_inbreng(
    samenwerkingsverband: Samenwerkingsverband, jaar: int, gemeente: Gemeente
) -> Decimal | None:
    """A suggestion for a joiner's inbreng: the partners' inbreng per inhabitant in ``jaar`` times its
    inhabitants, rounded to thousands (None without a budget with inbreng)."""
    begroting = Begroting.objects.filter(samenwerkingsverband=samenwerkingsverband, jaar=jaar).first()
    if begroting is None:
        return None
    paren = [(b.inbreng, b.gemeente.inwoners) for b in begroting.bijdragen.select_related("gemeente")]
    inbreng, inwoners = sum((i for i, _n in paren), NUL), sum(n for _i, n in paren)
    if inbreng <= 0 or inwoners <= 0:
        return None
    return mutatie.veronderstelde_inbreng(inbreng, inwoners, gemeente.inwoners)


# --- parameters -------------------------------------------------------------------------------------------------
def _bedrag(
    value: Any, veld: str, fouten: dict[str, list[str]], *, maximum: Decimal | None = None
) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        fouten[veld] = [f"'{value}' is geen getal."]
        return None
    if not number.is_finite() or number < 0 or (maximum is not None and number > maximum):
        grens = f" en ten hoogste {maximum}" if maximum is not None else ""
        fouten[veld] = [f"Geef een getal van 0 of meer{grens}."]
        return None
    if abs(number) >= Decimal("1e12"):
        fouten[veld] = ["Dit getal is te groot."]
        return None
    return number


def _parameters(
    soort: str,
    inbreng: Any,
    percentage: Any,
    overige: Sequence[Any],
    fouten: dict[str, list[str]],
) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if soort == Mutatiesoort.TOETREDING:
        waarde = _bedrag(inbreng, "inbreng", fouten)
        if waarde is not None:
            params["inbreng"] = f"{waarde.quantize(Decimal('0.01'))}"
        pct = _bedrag(percentage, "percentage", fouten, maximum=Decimal("99.999999"))
        if pct is not None:
            params["percentage"] = f"{pct.quantize(Decimal('0.000001'))}"
    posten = []
    if len(overige) > MAX_POSTEN:
        fouten["overigeFrictiekosten"] = [f"Ten hoogste {MAX_POSTEN} posten."]
    for i, post in enumerate(list(overige)[:MAX_POSTEN]):
        omschrijving = str((post or {}).get("omschrijving", "") if isinstance(post, dict) else "").strip()
        bedrag = _bedrag(
            post.get("bedrag") if isinstance(post, dict) else None,
            f"overigeFrictiekosten[{i}].bedrag",
            fouten,
        )
        if not omschrijving:
            fouten[f"overigeFrictiekosten[{i}].omschrijving"] = ["Geef een omschrijving van de post."]
        elif len(omschrijving) > 200:
            fouten[f"overigeFrictiekosten[{i}].omschrijving"] = ["Ten hoogste 200 tekens."]
        if bedrag is None and f"overigeFrictiekosten[{i}].bedrag" not in fouten:
            fouten[f"overigeFrictiekosten[{i}].bedrag"] = ["Geef het bedrag van de post."]
        if bedrag is not None:
            posten.append({"omschrijving": omschrijving, "bedrag": f"{bedrag.quantize(Decimal('0.01'))}"})
    if posten and soort == Mutatiesoort.UITTREDING:
        params["overigeFrictiekosten"] = posten
    return params


# --- the calculation ----------------------------------------------------------------------------------------------
def _geld(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.quantize(Decimal('0.01'))}"


def _pct(share: Any) -> str | None:
    value = mutatie.percentage(share, 2)
    return None if value is None else f"{value}"


def _jaardagen(datum: dt.date) -> int:
    return (dt.date(datum.year, 12, 31) - dt.date(datum.year, 1, 1)).days + 1


def _uren_per_medewerker(sv: Samenwerkingsverband, jaar: int) -> dict[int, dict[int | None, Decimal]]:
    """Hours of the year per member of staff and gemeente (one GROUP BY; None: overhead or joint work)."""
    result: dict[int, dict[int | None, Decimal]] = defaultdict(dict)
    rows = (
        Urenregel.objects.filter(
            samenwerkingsverband=sv, datum__gte=dt.date(jaar, 1, 1), datum__lte=dt.date(jaar, 12, 31)
        )
        .values("medewerker_id", "gemeente_id")
        .annotate(totaal=Sum("uren"))
        .order_by()
    )
    for r in rows:
        result[r["medewerker_id"]][r["gemeente_id"]] = r["totaal"] or NUL
    return result


def _posten(
    posten: list[tuple[int, organisatie_selectors.Staflid]], namen: dict[int, str]
) -> list[dict[str, Any]]:
    return sorted(
        ({"competentie": namen.get(c, "?"), "eenheid": s.eenheid} for c, s in posten),
        key=lambda p: (p["competentie"], p["eenheid"]),
    )


def _robuustheid(
    staf: list[organisatie_selectors.Staflid], partners: list[Gemeente], namen: dict[int, str]
) -> dict[str, Any]:
    """The seed's claim measured: per partner, its own staff alone (by origin) against the pool today."""
    pool_competenties = set().union(*(s.competentie_ids for s in staf)) if staf else set()
    vandaag = organisatie_selectors.eenmansposten_van(staf)
    rijen = []
    for g in partners:
        eigen = [s for s in staf if s.afkomstig_van_id == g.pk]
        eigen_competenties = set().union(*(s.competentie_ids for s in eigen)) if eigen else set()
        rijen.append(
            {
                "gemeente": g.cbs_code,
                "naam": g.naam,
                "medewerkers": len(eigen),
                "fte": f"{sum((s.fte for s in eigen), NUL).quantize(Decimal('0.01'))}",
                "eenmanspostenAlleen": len(organisatie_selectors.eenmansposten_van(eigen)),
                "ontbrekendAlleen": len(pool_competenties - eigen_competenties),
            }
        )
    return {
        "medewerkers": len(staf),
        "competenties": len(pool_competenties),
        "eenmanspostenPool": len(vandaag),
        "partners": rijen,
        "zonderHerkomst": sum(1 for s in staf if s.afkomstig_van_id is None),
        "postenPool": _posten(vandaag, namen),
    }


def _uittreding(
    sv: Samenwerkingsverband,
    jaar: int,
    gemeente: Gemeente,
    staf: list[organisatie_selectors.Staflid],
    namen: dict[int, str],
    overhead: Decimal,
    aandeel: Any,
    overige: list[dict[str, str]],
) -> dict[str, Any]:
    uren = _uren_per_medewerker(sv, jaar)
    code_van = {
        g.pk: g.cbs_code
        for g in Gemeente.objects.filter(
            pk__in={s.afkomstig_van_id for s in staf if s.afkomstig_van_id is not None}
        )
    }
    personen = [
        mutatie.Persoon(
            eenheid=s.eenheid,
            fte=s.fte,
            afkomstig_van=code_van.get(s.afkomstig_van_id) if s.afkomstig_van_id else None,
            uren_partner=uren.get(s.medewerker_id, {}).get(gemeente.pk, NUL),
            uren_totaal=sum(uren.get(s.medewerker_id, {}).values(), NUL),
        )
        for s in staf
    ]
    personeel = mutatie.personeel_per_eenheid(personen, gemeente.cbs_code)
    mee = [s for s in staf if s.afkomstig_van_id == gemeente.pk]
    blijft = [s for s in staf if s.afkomstig_van_id != gemeente.pk]
    vandaag = {c for c, _s in organisatie_selectors.eenmansposten_van(staf)}
    blijvend = organisatie_selectors.eenmansposten_van(blijft)
    competenties_blijft = set().union(*(s.competentie_ids for s in blijft)) if blijft else set()
    competenties_pool = set().union(*(s.competentie_ids for s in staf)) if staf else set()
    regel = uittredingsregel_van(sv)
    core_regel = mutatie.Uittredingsregel(
        regel.jaren_overhead if regel else STANDAARD_JAREN_OVERHEAD, regel.bron if regel else STANDAARD_BRON
    )
    frictie = mutatie.frictiekosten(
        core_regel,
        overhead,
        aandeel,
        [mutatie.Post(p["omschrijving"], Decimal(p["bedrag"])) for p in overige],
    )
    return {
        "personeel": [
            {
                "eenheid": r.eenheid,
                "aantalHerkomst": r.aantal_herkomst,
                "fteHerkomst": f"{r.fte_herkomst}",
                "aantalMetUren": r.aantal_met_uren,
                "fteEquivalent": f"{r.fte_equivalent}",
            }
            for r in personeel
        ],
        "personeelTotaal": {
            "aantalHerkomst": sum(r.aantal_herkomst for r in personeel),
            "fteHerkomst": f"{sum((r.fte_herkomst for r in personeel), NUL).quantize(Decimal('0.01'))}",
            "aantalMetUren": sum(r.aantal_met_uren for r in personeel),
            "fteEquivalent": f"{sum((r.fte_equivalent for r in personeel), NUL).quantize(Decimal('0.01'))}",
        },
        "eenmanspostenBlijvers": sorted(
            (
                {"competentie": namen.get(c, "?"), "eenheid": s.eenheid, "nieuw": c not in vandaag}
                for c, s in blijvend
            ),
            key=lambda p: (p["competentie"], p["eenheid"]),
        ),
        "verdwijnendeCompetenties": sorted(
            namen.get(c, "?") for c in competenties_pool - competenties_blijft
        ),
        "eenmanspostenUittreder": _posten(organisatie_selectors.eenmansposten_van(mee), namen),
        "medewerkersUittreder": len(mee),
        "frictiekosten": {
            "regel": {
                "jarenOverhead": f"{core_regel.jaren_overhead}",
                "bron": core_regel.bron,
                "besluit": regel.besluit if regel else "",
                "standaard": regel is None,
            },
            "overhead": _geld(frictie.overhead),
            "aandeel": _pct(frictie.aandeel),
            "overheadPerJaar": _geld(frictie.overhead_aandeel),
            "uitOverhead": _geld(frictie.uit_overhead),
            "overige": [{"omschrijving": p.omschrijving, "bedrag": _geld(p.bedrag)} for p in frictie.overige],
            "totaal": _geld(frictie.totaal),
        },
    }


def bereken(
    samenwerkingsverband: Samenwerkingsverband,
    soort: str,
    gemeente: Gemeente,
    datum: dt.date,
    jaar: int,
    verdeelmodel: Verdeelmodel,
    parameters: dict[str, Any],
    *,
    peildatum: dt.date | None = None,
) -> dict[str, Any]:
    """The scenario's figures (a read: nothing is stored). Raises InvalidInput naming the field."""
    sv = samenwerkingsverband
    data = invoer.load_year(sv, jaar)
    if data.begroting is None:
        raise InvalidInput(fields={"jaar": [f"Er is geen begroting {jaar} van {sv}; kies een ander jaar."]})
    if not data.gemeenten:
        raise InvalidInput(fields={"jaar": [f"{sv} had in {jaar} geen deelnemers."]})
    parsed = invoer.parse_document(invoer.build_document(data, [verdeelmodel]))
    jaargegevens, model = parsed.jaargegevens, parsed.verdeelmodellen[0]
    codes = jaargegevens.codes()
    try:
        voor = engine.allocate(jaargegevens, model)
        if soort == Mutatiesoort.TOETREDING:
            if gemeente.cbs_code in codes:
                raise InvalidInput(fields={"gemeente": [f"{gemeente} was in {jaar} al deelnemer van {sv}."]})
            toetreder = CoreGemeente(
                gemeente.cbs_code,
                gemeente.naam,
                gemeente.inwoners,
                gemeente.peildatum_inwoners,
                Decimal(parameters.get("inbreng") or "0"),
            )
            pct = parameters.get("percentage")
            jaar_na, model_na = mutatie.met_toetreder(
                jaargegevens, model, toetreder, Decimal(pct) if pct is not None else None
            )
        else:
            if gemeente.cbs_code not in codes:
                raise InvalidInput(
                    fields={"gemeente": [f"{gemeente} was in {jaar} geen deelnemer van {sv}."]}
                )
            jaar_na, model_na = mutatie.zonder_deelnemer(jaargegevens, model, gemeente.cbs_code)
        na = engine.allocate(jaar_na, model_na)
    except mutatie.MutatieFout as exc:
        raise InvalidInput(fields={exc.veld: [exc.bericht[:1].upper() + exc.bericht[1:] + "."]}) from exc
    except AllocationInputError as exc:
        raise InvalidInput(
            "Het verdeelmodel kan met deze deelnemers niet worden uitgerekend.",
            fields={"verdeelmodel": [e.message for e in exc.errors]},
        ) from exc
    vergelijking = mutatie.vergelijk(voor, na)
    resultaat: dict[str, Any] = {
        "soort": soort,
        "jaar": jaar,
        "datum": datum.isoformat(),
        "gemeente": {"code": gemeente.cbs_code, "naam": gemeente.naam, "inwoners": gemeente.inwoners},
        "verdeelmodel": verdeelmodel.label,
        "sleutels": sorted(str(s) for s in mutatie.gebruikte_sleutels(model)),
        "parameters": parameters,
        "deelnemers": [
            {
                "gemeente": r.code,
                "naam": r.naam,
                "aandeelVoor": _pct(r.aandeel_voor),
                "aandeelNa": _pct(r.aandeel_na),
                "bedragVoor": _geld(r.bedrag_voor),
                "bedragNa": _geld(r.bedrag_na),
                "verschil": _geld(r.verschil),
            }
            for r in vergelijking.regels
        ],
        "totaalVoor": _geld(vergelijking.totaal_voor),
        "totaalNa": _geld(vergelijking.totaal_na),
        "totaalVerschil": _geld(vergelijking.totaal_verschil),
        "waarschuwingen": list(dict.fromkeys([*voor.waarschuwingen, *na.waarschuwingen])),
    }
    eigen = vergelijking.regel(gemeente.cbs_code)
    if soort == Mutatiesoort.TOETREDING:
        dagen, bedrag = mutatie.naar_rato(eigen.bedrag_na or NUL, datum, toetreding=True)
        resultaat["toetreder"] = {
            "bijdrage": _geld(eigen.bedrag_na),
            "aandeel": _pct(eigen.aandeel_na),
            "eersteJaar": {
                "jaar": datum.year,
                "dagen": dagen,
                "jaarDagen": _jaardagen(datum),
                "bedrag": _geld(bedrag),
            },
        }
    staf = organisatie_selectors.staf_van(sv, peildatum or timezone.localdate())
    namen = organisatie_selectors.competentienamen(
        set().union(*(s.competentie_ids for s in staf)) if staf else ()
    )
    resultaat["robuustheid"] = _robuustheid(staf, data.gemeenten, namen)
    if soort == Mutatiesoort.UITTREDING:
        dagen, bedrag = mutatie.naar_rato(eigen.bedrag_voor or NUL, datum, toetreding=False)
        resultaat["uittreder"] = {
            "bijdrageVoor": _geld(eigen.bedrag_voor),
            "gebruik": _geld(mutatie.gebruik_van(model, gemeente.cbs_code)),
            "laatsteJaar": {
                "jaar": datum.year,
                "dagen": dagen,
                "jaarDagen": _jaardagen(datum),
                "bedrag": _geld(bedrag),
            },
        }
        resultaat["uittreding"] = _uittreding(
            sv,
            jaar,
            gemeente,
            staf,
            namen,
            data.begroting.overhead,
            eigen.aandeel_voor,
            list(parameters.get("overigeFrictiekosten", [])),
        )
    return resultaat


# --- services ---------------------------------------------------------------------------------------------------
@transaction.atomic
def draft_member_scenario(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    soort: str,
    gemeente: Gemeente | None,
    datum: dt.date | None,
    jaar: int | None = None,
    verdeelmodel: Verdeelmodel | None = None,
    inbreng: Any = None,
    percentage: Any = None,
    overige_frictiekosten: Sequence[Any] = (),
    omschrijving: str = "",
) -> Deelnemersscenario:
    """The controller drafts a join or leave scenario; it is calculated at once (and never a decision)."""
    sv = samenwerkingsverband
    policy.require(actor, "deelnemersscenario.opstellen", sv, read_action="deelnemersscenario.lezen")
    fouten: dict[str, list[str]] = {}
    if soort not in Mutatiesoort.values:
        fouten["soort"] = ["Kies toetreding of uittreding."]
    if gemeente is None:
        fouten["gemeente"] = ["Kies een gemeente."]
    if datum is None:
        fouten["datum"] = ["Geef de beoogde datum."]
    elif not 2000 <= datum.year <= 2100:
        fouten["datum"] = ["Geef een datum tussen 2000 en 2100."]
    if jaar is None:
        jaar = standaardjaar(sv)
        if jaar is None:
            fouten["jaar"] = [f"{sv} heeft nog geen begroting; leg eerst een begroting vast."]
    elif not 2000 <= jaar <= 2100:
        fouten["jaar"] = ["Geef een jaartal tussen 2000 en 2100."]
    model = verdeelmodel or vastgesteld_model(sv)
    if model is None:
        fouten["verdeelmodel"] = [f"{sv} heeft nog geen vastgesteld verdeelmodel; kies een model."]
    elif model.samenwerkingsverband_id != sv.pk:
        fouten["verdeelmodel"] = [f"{model} is geen verdeelmodel van {sv}."]
    parameters = _parameters(soort, inbreng, percentage, list(overige_frictiekosten or ()), fouten)
    if gemeente is not None and datum is not None and soort in Mutatiesoort.values and "datum" not in fouten:
        partner = any(g.pk == gemeente.pk for g in huidige_partners(sv, datum))
        if soort == Mutatiesoort.TOETREDING and partner:
            fouten["gemeente"] = [f"{gemeente} is op {datum:%d-%m-%Y} al deelnemer van {sv}."]
        if soort == Mutatiesoort.UITTREDING and not partner:
            fouten["gemeente"] = [f"{gemeente} is op {datum:%d-%m-%Y} geen deelnemer van {sv}."]
    if fouten:
        raise InvalidInput(fields=fouten)
    assert gemeente is not None and datum is not None and jaar is not None and model is not None
    resultaat = bereken(sv, soort, gemeente, datum, jaar, model, parameters)
    scenario = Deelnemersscenario(
        samenwerkingsverband=sv,
        soort=soort,
        gemeente=gemeente,
        datum=datum,
        jaar=jaar,
        verdeelmodel=model,
        parameters=parameters,
        omschrijving=omschrijving,
        resultaat=resultaat,
        berekend_op=timezone.now(),
        opgesteld_door=actor.user if actor.user_id else None,
    )
    return create(scenario, actor=actor, action="deelnemersscenario.opstellen")


@transaction.atomic
def recalculate_member_scenario(
    *, actor: Actor, scenario: Deelnemersscenario, expected_version: int | None = None
) -> Deelnemersscenario:
    """Recalculate with the year's current figures (budget, hours, staff may have changed)."""
    policy.require(actor, "deelnemersscenario.berekenen", scenario, read_action="deelnemersscenario.lezen")
    obj = lock(scenario, expected_version=expected_version)
    resultaat = bereken(
        obj.samenwerkingsverband,
        obj.soort,
        obj.gemeente,
        obj.datum,
        obj.jaar,
        obj.verdeelmodel,
        obj.parameters,
    )
    return update_fields(
        obj,
        actor=actor,
        action="deelnemersscenario.berekenen",
        changes={"resultaat": resultaat, "berekend_op": timezone.now()},
    )


@transaction.atomic
def set_exit_rule(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    jaren_overhead: Any,
    bron: str,
    besluit: str = "",
    expected_version: int | None = None,
    version_required: bool = False,
) -> Uittredingsregel:
    """The board records the frictional-cost rule of the cooperation's regulation (years of overhead share)."""
    sv = samenwerkingsverband
    policy.require(actor, "uittredingsregel.vaststellen", sv, read_action="uittredingsregel.lezen")
    fouten: dict[str, list[str]] = {}
    jaren = _bedrag(jaren_overhead, "jarenOverhead", fouten, maximum=Decimal("20"))
    if jaren is None and "jarenOverhead" not in fouten:
        fouten["jarenOverhead"] = ["Geef het aantal jaren."]
    bron = (bron or "").strip()
    if not bron:
        fouten["bron"] = ["Geef aan waar de regel staat (regeling, artikel)."]
    if fouten:
        raise InvalidInput(fields=fouten)
    assert jaren is not None
    changes = {
        "jaren_overhead": jaren.quantize(Decimal("0.01")),
        "bron": bron,
        "besluit": (besluit or "").strip(),
    }
    regel = uittredingsregel_van(sv)
    if regel is None:
        return create(
            Uittredingsregel(samenwerkingsverband=sv, **changes),
            actor=actor,
            action="uittredingsregel.vaststellen",
        )
    if version_required and expected_version is None:
        raise PreconditionRequired("If-Match")
    return update_fields(
        regel,
        actor=actor,
        action="uittredingsregel.vaststellen",
        changes=changes,
        expected_version=expected_version,
    )
