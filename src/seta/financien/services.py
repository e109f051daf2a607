"""The one write path for financiën: begroting, tarieven, verdeelmodellen (versioned), scenarios,
berekeningen, the deviation threshold and the year-end settlement.

Who may: the controller of the pool drafts (begroting and tarieven also the directeur); the boards
(AB/DB) adopt models, settlements and the threshold. See ``autorisaties/policy/financien.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.errors import Conflict, InvalidInput, PreconditionRequired
from seta.core.services import check_version, create, full_clean_or_raise, lock, update_fields
from seta.financien import berekening, invoer
from seta.financien.models import (
    Afrekening,
    Afrekeningsregel,
    Afrekeningstatus,
    Afwijkingsdrempel,
    Begroting,
    Berekening,
    Deelnemersbijdrage,
    Grondslag,
    Modelstatus,
    Scenario,
    Tarief,
    Verdeelmodel,
)
from seta.financien.verdeling.rounding import format_euro
from seta.gemeenten.models import Gemeente
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer, record_decision, require_bevoegd
from seta.samenwerkingsverbanden.models import Besluitonderwerp, Samenwerkingsverband

NUL = Decimal("0")


def _decimal(
    value: Any, veld: str, fouten: dict[str, list[str]], *, optional: bool = False
) -> Decimal | None:
    if value in (None, ""):
        if optional:
            return None
        fouten[veld] = ["Dit veld is verplicht."]
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        fouten[veld] = [f"'{value}' is geen bedrag."]
        return None
    if not number.is_finite() or number < 0:
        fouten[veld] = ["Moet een bedrag van 0 of meer zijn."]
        return None
    return number.quantize(Decimal("0.01"))


def _jaar(jaar: Any, fouten: dict[str, list[str]]) -> int:
    try:
        value = int(jaar)
    except (TypeError, ValueError):
        fouten["jaar"] = [f"'{jaar}' is geen jaartal."]
        return 0
    if not 2000 <= value <= 2100:
        fouten["jaar"] = ["Geef een jaartal tussen 2000 en 2100."]
    return value


# --- begroting ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bijdrageinvoer:
    """A partner's figures in the budget."""

    gemeente: Gemeente
    inbreng: Decimal | str | None = None
    voorschot: Decimal | str | None = None
    vorige_bijdrage: Decimal | str | None = None


@transaction.atomic
def save_budget(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    jaar: int,
    personeel: Decimal | str,
    materieel: Decimal | str,
    overhead: Decimal | str,
    toelichting: str = "",
    bijdragen: Sequence[Bijdrageinvoer] = (),
    expected_version: int | None = None,
    version_required: bool = False,
) -> Begroting:
    """Create or change the budget of a year, with the partners' figures.

    With ``version_required`` (the API) changing an existing budget needs ``expected_version`` (else 428).
    """
    policy.require(actor, "begroting.wijzigen", samenwerkingsverband, read_action="begroting.lezen")
    fouten: dict[str, list[str]] = {}
    jaar = _jaar(jaar, fouten)
    bedragen = {
        "personeel": _decimal(personeel, "personeel", fouten),
        "materieel": _decimal(materieel, "materieel", fouten),
        "overhead": _decimal(overhead, "overhead", fouten),
    }
    partner_ids = {g.pk for g in invoer.partners_in_year(samenwerkingsverband, jaar)} if jaar else set()
    regels = []
    # With an adopted advance schedule the advances follow from it (ADR 0035): not typed in.
    volgens_schema = berekening.advances_by_schedule(samenwerkingsverband, jaar) if jaar else None
    for i, b in enumerate(bijdragen):
        if b.gemeente.pk not in partner_ids:
            fouten[f"bijdragen[{i}].gemeente"] = [
                f"{b.gemeente} was in {jaar} geen deelnemer van {samenwerkingsverband}."
            ]
        voorschot = _decimal(b.voorschot, f"bijdragen[{i}].voorschot", fouten, optional=True)
        if volgens_schema is not None:
            vast = volgens_schema.get(b.gemeente.pk, NUL)
            if voorschot is not None and voorschot != vast:
                fouten[f"bijdragen[{i}].voorschot"] = [
                    f"Het voorschot van {b.gemeente} volgt uit het vastgestelde voorschotschema {jaar} "
                    f"({format_euro(vast)}); het kan hier niet anders worden."
                ]
            voorschot = vast
        regels.append(
            (
                b.gemeente,
                _decimal(b.inbreng, f"bijdragen[{i}].inbreng", fouten, optional=True) or NUL,
                voorschot or NUL,
                _decimal(b.vorige_bijdrage, f"bijdragen[{i}].vorigeBijdrage", fouten, optional=True),
            )
        )
    if fouten:
        raise InvalidInput(fields=fouten)
    begroting = (
        Begroting.objects.select_for_update(of=("self",))
        .filter(samenwerkingsverband=samenwerkingsverband, jaar=jaar)
        .first()
    )
    changes = {**bedragen, "toelichting": toelichting}
    if begroting is None:
        begroting = create(
            Begroting(samenwerkingsverband=samenwerkingsverband, jaar=jaar, **changes),
            actor=actor,
            action="begroting.opstellen",
        )
    else:
        if version_required and expected_version is None:
            raise PreconditionRequired("If-Match")
        if begroting.is_vastgesteld:
            raise Conflict(
                f"De begroting {jaar} van {samenwerkingsverband} is vastgesteld en kan niet meer worden gewijzigd."
            )
        update_fields(
            begroting,
            actor=actor,
            action="begroting.wijzigen",
            changes=changes,
            expected_version=expected_version,
        )
    for gemeente, inbreng, voorschot, vorige in regels:
        Deelnemersbijdrage.objects.update_or_create(
            begroting=begroting,
            gemeente=gemeente,
            defaults={"inbreng": inbreng, "voorschot": voorschot, "vorige_bijdrage": vorige},
        )
    if regels:
        audit.record(
            actor=actor,
            action="begroting.bijdragen",
            instance=begroting,
            after={"bijdragen": [audit.snapshot(b) for b in begroting.bijdragen.all()]},
        )
    return begroting


# --- tarieven -----------------------------------------------------------------------------------------------------
@transaction.atomic
def set_tariff(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    jaar: int,
    uurtarief: Decimal | str,
    eenheid: Eenheid | None = None,
    schaal: int | None = None,
    omschrijving: str = "",
) -> Tarief:
    """Set the integral hourly tariff of a year for an eenheid, a salarisschaal or (neither) the default."""
    policy.require(actor, "tarief.wijzigen", samenwerkingsverband, read_action="tarief.lezen")
    fouten: dict[str, list[str]] = {}
    jaar = _jaar(jaar, fouten)
    bedrag = _decimal(uurtarief, "uurtarief", fouten)
    if eenheid is not None and schaal is not None:
        fouten["schaal"] = ["Een tarief geldt voor een eenheid óf een salarisschaal, niet voor beide."]
    if eenheid is not None and eenheid.samenwerkingsverband_id != samenwerkingsverband.pk:
        fouten["eenheid"] = [f"{eenheid} hoort niet bij {samenwerkingsverband}."]
    if schaal is not None and not 1 <= int(schaal) <= 18:
        fouten["schaal"] = ["Een salarisschaal ligt tussen 1 en 18."]
    if fouten or bedrag is None:
        raise InvalidInput(fields=fouten)
    tarief = (
        Tarief.objects.select_for_update(of=("self",))
        .filter(samenwerkingsverband=samenwerkingsverband, jaar=jaar, eenheid=eenheid, schaal=schaal)
        .first()
    )
    if tarief is None:
        return create(
            Tarief(
                samenwerkingsverband=samenwerkingsverband,
                jaar=jaar,
                eenheid=eenheid,
                schaal=schaal,
                uurtarief=bedrag,
                omschrijving=omschrijving,
            ),
            actor=actor,
            action="tarief.vastleggen",
        )
    return update_fields(
        tarief,
        actor=actor,
        action="tarief.wijzigen",
        changes={"uurtarief": bedrag, "omschrijving": omschrijving},
    )


@transaction.atomic
def delete_tariff(*, actor: Actor, tarief: Tarief, expected_version: int | None = None) -> None:
    policy.require(actor, "tarief.wijzigen", tarief, read_action="tarief.lezen")
    tarief = lock(tarief, expected_version=expected_version)
    audit.record(
        actor=actor, action="tarief.verwijderen", instance=tarief, before=audit.snapshot(tarief), after={}
    )
    tarief.delete()


# --- verdeelmodellen ----------------------------------------------------------------------------------------------
def validate_configuration(
    samenwerkingsverband: Samenwerkingsverband, configuratie: Any, jaar: int | None = None
) -> None:
    """Check a configuration against the core's schema and rules (with this year's partners)."""
    if not isinstance(configuratie, dict):
        raise InvalidInput(fields={"configuratie": ["De configuratie moet een JSON-object zijn."]})
    jaar = jaar or timezone.localdate().year
    einde = samenwerkingsverband.einddatum
    if einde is not None and jaar >= einde.year:
        # an ended cooperation (its history stays editable): checked against the partners of its last year
        jaar = (einde - dt.timedelta(days=1)).year
    data = invoer.load_year(samenwerkingsverband, jaar, uren=False)
    if not data.gemeenten:
        raise InvalidInput(
            fields={"configuratie": [f"{samenwerkingsverband} heeft in {jaar} geen deelnemers."]}
        )
    proef = copy.deepcopy(configuratie)
    # Budget-based amounts are checked for form only: an empty budget must not make a model invalid.
    for onderdeel in proef.get("onderdelen", []) if isinstance(proef.get("onderdelen"), list) else []:
        if isinstance(onderdeel, dict) and onderdeel.get("bedrag") in ("begroting", "rest"):
            onderdeel["bedrag"] = "0"
    doc = invoer.year_document(data)
    for g in doc["gemeenten"]:  # keys by inbreng need a positive inbreng to validate the form
        g.setdefault("inbreng", "1")
        if Decimal(g["inbreng"]) <= 0:
            g["inbreng"] = "1"
    doc["verdeelmodel"] = invoer.resolve(proef, data, naam=str(configuratie.get("naam") or "model"))
    invoer.parse_document(doc, prefix="configuratie.")


def _model_config(naam: str, configuratie: Mapping[str, Any]) -> dict[str, Any]:
    config = dict(copy.deepcopy(configuratie))
    config["naam"] = naam
    return config


@transaction.atomic
def draft_model(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    naam: str,
    configuratie: Mapping[str, Any],
    omschrijving: str = "",
) -> Verdeelmodel:
    """The controller drafts a new model (version 1, concept)."""
    policy.require(actor, "verdeelmodel.opstellen", samenwerkingsverband, read_action="verdeelmodel.lezen")
    naam = (naam or "").strip()
    if not naam:
        raise InvalidInput(fields={"naam": ["Geef het verdeelmodel een naam."]})
    if Verdeelmodel.objects.filter(samenwerkingsverband=samenwerkingsverband, naam=naam).exists():
        raise InvalidInput(
            fields={"naam": [f"Er is al een verdeelmodel '{naam}'; maak daarvan een nieuwe versie."]}
        )
    config = _model_config(naam, configuratie)
    validate_configuration(samenwerkingsverband, config)
    model = Verdeelmodel(
        samenwerkingsverband=samenwerkingsverband,
        naam=naam,
        omschrijving=omschrijving,
        configuratie=config,
        opgesteld_door=actor.user,
        status=Modelstatus.CONCEPT,
    )
    return create(model, actor=actor, action="verdeelmodel.opstellen")


@transaction.atomic
def change_model(
    *,
    actor: Actor,
    verdeelmodel: Verdeelmodel,
    expected_version: int | None = None,
    configuratie: Mapping[str, Any] | None = None,
    omschrijving: str | None = None,
) -> Verdeelmodel:
    """Change a concept; a vastgesteld model is never edited (make a new version)."""
    model = Verdeelmodel.objects.select_for_update(of=("self",)).get(pk=verdeelmodel.pk)
    policy.require(actor, "verdeelmodel.opstellen", model, read_action="verdeelmodel.lezen")
    check_version(model, expected_version)
    if model.is_vastgesteld:
        raise Conflict(
            f"{model.label} is vastgesteld en kan niet meer worden gewijzigd; maak een nieuwe versie."
        )
    changes: dict[str, Any] = {}
    if configuratie is not None:
        config = _model_config(model.naam, configuratie)
        validate_configuration(model.samenwerkingsverband, config)
        changes["configuratie"] = config
    if omschrijving is not None:
        changes["omschrijving"] = omschrijving
    return update_fields(model, actor=actor, action="verdeelmodel.wijzigen", changes=changes)


@transaction.atomic
def new_version(*, actor: Actor, verdeelmodel: Verdeelmodel) -> Verdeelmodel:
    """A new concept version of a model, starting from the given version's configuration."""
    bron = Verdeelmodel.objects.get(pk=verdeelmodel.pk)
    policy.require(actor, "verdeelmodel.opstellen", bron, read_action="verdeelmodel.lezen")
    hoogste = (
        Verdeelmodel.objects.filter(samenwerkingsverband=bron.samenwerkingsverband, naam=bron.naam).aggregate(
            m=Max("volgnummer")
        )["m"]
        or 0
    )
    model = Verdeelmodel(
        samenwerkingsverband=bron.samenwerkingsverband,
        naam=bron.naam,
        volgnummer=hoogste + 1,
        omschrijving=bron.omschrijving,
        configuratie=copy.deepcopy(bron.configuratie),
        voorganger=bron,
        opgesteld_door=actor.user,
    )
    return create(model, actor=actor, action="verdeelmodel.nieuwe_versie")


@transaction.atomic
def adopt_model(
    *,
    actor: Actor,
    verdeelmodel: Verdeelmodel,
    besluit: BesluitInvoer | None,
    expected_version: int | None = None,
) -> Verdeelmodel:
    """The deciding body (the governance's, by default the AB) adopts a concept model on a recorded decision."""
    model = Verdeelmodel.objects.select_for_update(of=("self",)).get(pk=verdeelmodel.pk)
    require_bevoegd(
        actor,
        "verdeelmodel.vaststellen",
        model,
        samenwerkingsverband=model.samenwerkingsverband,
        onderwerp=Besluitonderwerp.VERDEELMODEL,
        read_action="verdeelmodel.lezen",
    )
    check_version(model, expected_version)
    if model.is_vastgesteld:
        raise Conflict(f"{model.label} is al vastgesteld.")
    validate_configuration(model.samenwerkingsverband, model.configuratie)
    record = record_decision(
        actor=actor,
        samenwerkingsverband=model.samenwerkingsverband,
        onderwerp=Besluitonderwerp.VERDEELMODEL,
        besluit=besluit,
        omschrijving=f"Vaststelling verdeelmodel {model.label}",
    )
    return update_fields(
        model,
        actor=actor,
        action="verdeelmodel.vaststellen",
        changes={
            "status": Modelstatus.VASTGESTELD,
            "vastgesteld_op": record.datum,
            "vastgesteld_door": actor.user if actor.user_id else None,
            "bestuursbesluit": record,
        },
    )


@transaction.atomic
def store_calculation(
    *, actor: Actor, verdeelmodel: Verdeelmodel, jaar: int, grondslag: str = ""
) -> Berekening:
    """Calculate a model for a year from the database and keep input and result."""
    policy.require(actor, "verdeelmodel.berekenen", verdeelmodel, read_action="verdeelmodel.lezen")
    if grondslag and grondslag not in Grondslag.values:
        raise InvalidInput(fields={"grondslag": ["Kies realisatie of raming."]})
    uitkomst = berekening.allocate(
        verdeelmodel.samenwerkingsverband, int(jaar), [verdeelmodel], grondslag=grondslag
    )
    record = Berekening.objects.create(
        samenwerkingsverband=verdeelmodel.samenwerkingsverband,
        verdeelmodel=verdeelmodel,
        jaar=jaar,
        grondslag=grondslag,
        invoer=uitkomst.document,
        resultaat=uitkomst.to_json(),
        berekend_door=actor.user if actor.user_id else None,
    )
    audit.record(
        actor=actor,
        action="verdeelmodel.berekenen",
        instance=record,
        after={"jaar": jaar, "grondslag": grondslag},
    )
    return record


# --- scenarios ----------------------------------------------------------------------------------------------------
def _check_scenario_models(
    sv: Samenwerkingsverband, modellen: Sequence[Verdeelmodel], referentie: Verdeelmodel | None
) -> None:
    fouten: dict[str, list[str]] = {}
    if len(modellen) < 1:
        fouten["verdeelmodellen"] = ["Kies minstens één verdeelmodel."]
    if any(m.samenwerkingsverband_id != sv.pk for m in modellen):
        fouten["verdeelmodellen"] = [f"Alle verdeelmodellen moeten van {sv} zijn."]
    if referentie is not None and referentie not in modellen:
        fouten["referentiemodel"] = ["Het referentiemodel moet een van de gekozen verdeelmodellen zijn."]
    if fouten:
        raise InvalidInput(fields=fouten)


@transaction.atomic
def create_scenario(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    naam: str,
    jaar: int,
    verdeelmodellen: Sequence[Verdeelmodel],
    referentiemodel: Verdeelmodel | None = None,
    grondslag: str = "",
    omschrijving: str = "",
) -> Scenario:
    policy.require(actor, "scenario.opstellen", samenwerkingsverband, read_action="scenario.lezen")
    _check_scenario_models(samenwerkingsverband, verdeelmodellen, referentiemodel)
    scenario = Scenario(
        samenwerkingsverband=samenwerkingsverband,
        naam=naam,
        jaar=jaar,
        grondslag=grondslag,
        omschrijving=omschrijving,
        referentiemodel=referentiemodel or verdeelmodellen[0],
    )
    return create(
        scenario,
        actor=actor,
        action="scenario.opstellen",
        m2m={"verdeelmodellen": [m.pk for m in verdeelmodellen]},
    )


@transaction.atomic
def change_scenario(
    *,
    actor: Actor,
    scenario: Scenario,
    expected_version: int | None = None,
    **changes: Any,
) -> Scenario:
    obj = Scenario.objects.select_for_update(of=("self",)).get(pk=scenario.pk)
    policy.require(actor, "scenario.opstellen", obj, read_action="scenario.lezen")
    modellen = changes.pop("verdeelmodellen", None)
    allowed = {"naam", "jaar", "grondslag", "omschrijving", "referentiemodel"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput(fields={name: ["Dit veld kan niet worden gewijzigd."] for name in unknown})
    current = list(obj.verdeelmodellen.all()) if modellen is None else list(modellen)
    _check_scenario_models(
        obj.samenwerkingsverband, current, changes.get("referentiemodel", obj.referentiemodel)
    )
    changes["resultaat"] = None
    changes["berekend_op"] = None
    return update_fields(
        obj,
        actor=actor,
        action="scenario.wijzigen",
        changes=changes,
        expected_version=expected_version,
        m2m={"verdeelmodellen": [m.pk for m in modellen]} if modellen is not None else None,
    )


@transaction.atomic
def calculate_scenario(*, actor: Actor, scenario: Scenario, expected_version: int | None = None) -> Scenario:
    """Compute the comparison and store it on the scenario."""
    obj = Scenario.objects.select_for_update(of=("self",)).get(pk=scenario.pk)
    policy.require(actor, "scenario.opstellen", obj, read_action="scenario.lezen")
    check_version(obj, expected_version)
    modellen = list(obj.verdeelmodellen.order_by("pk"))
    uitkomst = berekening.allocate(
        obj.samenwerkingsverband, obj.jaar, modellen, grondslag=obj.grondslag, referentie=obj.referentiemodel
    )
    obj.resultaat = uitkomst.to_json()
    obj.berekend_op = timezone.now()
    obj.versie += 1
    obj.save()
    audit.record(
        actor=actor,
        action="scenario.berekenen",
        instance=obj,
        after={"berekend_op": obj.berekend_op.isoformat()},
    )
    return obj


# --- deviation threshold and settlement -----------------------------------------------------------------------------
@transaction.atomic
def set_threshold(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    vanaf_jaar: int,
    besluit: BesluitInvoer | None,
    procentpunten: Decimal | str | None = None,
    bedrag: Decimal | str | None = None,
) -> Afwijkingsdrempel:
    """The deciding body (by default the DB) sets the threshold of the deviation alert (from a year on)."""
    require_bevoegd(
        actor,
        "drempel.vaststellen",
        samenwerkingsverband,
        samenwerkingsverband=samenwerkingsverband,
        onderwerp=Besluitonderwerp.AFWIJKINGSDREMPEL,
        read_action="drempel.lezen",
    )
    fouten: dict[str, list[str]] = {}
    jaar = _jaar(vanaf_jaar, fouten)
    pp = _decimal(procentpunten, "procentpunten", fouten, optional=True)
    euro = _decimal(bedrag, "bedrag", fouten, optional=True)
    if pp is None and euro is None and "procentpunten" not in fouten and "bedrag" not in fouten:
        fouten["procentpunten"] = ["Geef een drempel in procentpunten, in euro of beide."]
    if fouten:
        raise InvalidInput(fields=fouten)
    drempel = (
        Afwijkingsdrempel.objects.select_for_update(of=("self",))
        .filter(samenwerkingsverband=samenwerkingsverband, vanaf_jaar=jaar)
        .first()
    )
    record = record_decision(
        actor=actor,
        samenwerkingsverband=samenwerkingsverband,
        onderwerp=Besluitonderwerp.AFWIJKINGSDREMPEL,
        besluit=besluit,
        omschrijving=f"Drempel afwijkingssignaal vanaf {jaar}",
    )
    changes = {
        "procentpunten": pp,
        "bedrag": euro,
        "bestuursbesluit": record,
        "vastgesteld_op": record.datum,
        "vastgesteld_door": actor.user if actor.user_id else None,
    }
    if drempel is None:
        return create(
            Afwijkingsdrempel(samenwerkingsverband=samenwerkingsverband, vanaf_jaar=jaar, **changes),
            actor=actor,
            action="drempel.vaststellen",
        )
    return update_fields(drempel, actor=actor, action="drempel.vaststellen", changes=changes)


def _adopted_model(sv: Samenwerkingsverband, jaar: int) -> Verdeelmodel | None:
    """The model that applies to a year: the latest adopted version (adopted on or before the year's end)."""
    return (
        Verdeelmodel.objects.filter(samenwerkingsverband=sv, status=Modelstatus.VASTGESTELD)
        .order_by("-vastgesteld_op", "-volgnummer", "-pk")
        .first()
    )


@transaction.atomic
def settle_year(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    jaar: int,
    verdeelmodel: Verdeelmodel | None = None,
) -> Afrekening:
    """Make (or remake, while concept) the year-end settlement under the adopted model."""
    policy.require(actor, "afrekening.opstellen", samenwerkingsverband, read_action="afrekening.lezen")
    fouten: dict[str, list[str]] = {}
    jaar = _jaar(jaar, fouten)
    if fouten:
        raise InvalidInput(fields=fouten)
    model = verdeelmodel or _adopted_model(samenwerkingsverband, jaar)
    if model is None:
        raise InvalidInput(
            fields={"verdeelmodel": ["Er is nog geen vastgesteld verdeelmodel; kies een model."]}
        )
    if model.samenwerkingsverband_id != samenwerkingsverband.pk:
        raise InvalidInput(
            fields={"verdeelmodel": [f"{model} is geen verdeelmodel van {samenwerkingsverband}."]}
        )
    bestaand = (
        Afrekening.objects.select_for_update(of=("self",))
        .filter(samenwerkingsverband=samenwerkingsverband, jaar=jaar)
        .first()
    )
    if bestaand is not None and bestaand.status == Afrekeningstatus.VASTGESTELD:
        raise Conflict(f"De afrekening {jaar} is vastgesteld en kan niet opnieuw worden berekend.")
    uitkomst = berekening.settle(samenwerkingsverband, jaar, model)
    afrekening_core = uitkomst.resultaat.afrekening
    assert afrekening_core is not None
    velden = {
        "verdeelmodel": model,
        "verrekend": afrekening_core.verrekend,
        "drempel": uitkomst.drempel,
        "signalen": list(afrekening_core.signalen),
        "invoer": uitkomst.document,
        "resultaat": berekening.core_io.to_json(uitkomst.resultaat),
    }
    before = audit.snapshot(bestaand)
    if bestaand is None:
        afrekening = Afrekening(samenwerkingsverband=samenwerkingsverband, jaar=jaar, **velden)
        # the alerts come from the core, not from input: a settlement without any is fine
        full_clean_or_raise(afrekening)
        afrekening.save()
    else:
        afrekening = bestaand
        for k, v in velden.items():
            setattr(afrekening, k, v)
        afrekening.versie += 1
        afrekening.save()
        afrekening.regels.all().delete()
    per_code = {g.cbs_code: g for g in invoer.partners_in_year(samenwerkingsverband, jaar)}
    Afrekeningsregel.objects.bulk_create(
        [
            Afrekeningsregel(
                afrekening=afrekening,
                gemeente=per_code[r.gemeente],
                voorschot=r.voorschot,
                realisatie=r.realisatie,
                saldo=r.saldo,
                te_betalen=r.te_betalen,
                te_ontvangen=r.te_ontvangen,
                niet_verrekend=r.niet_verrekend,
                sleutelaandeel=_pct(r.sleutelaandeel),
                urenaandeel=_pct(r.urenaandeel) if r.urenaandeel is not None else None,
                geleverde_uren=uitkomst.geleverde_uren.get(r.gemeente),
                afwijking_procentpunten=r.afwijking_procentpunten,
                afwijking_bedrag=r.afwijking_bedrag,
                signaal=r.signaal,
            )
            for r in afrekening_core.regels
        ]
    )
    audit.record(
        actor=actor,
        action="afrekening.opstellen",
        instance=afrekening,
        before=before,
        note="; ".join(afrekening_core.signalen),
    )
    return afrekening


def _pct(share: Any) -> Decimal:
    from seta.financien.verdeling.rounding import decimal_percentage

    return decimal_percentage(share, 4)


@transaction.atomic
def adopt_settlement(
    *,
    actor: Actor,
    afrekening: Afrekening,
    besluit: BesluitInvoer | None,
    expected_version: int | None = None,
) -> Afrekening:
    """The deciding body (by default the AB, with the jaarrekening) adopts the settlement; then it is frozen."""
    obj = Afrekening.objects.select_for_update(of=("self",)).get(pk=afrekening.pk)
    require_bevoegd(
        actor,
        "afrekening.vaststellen",
        obj,
        samenwerkingsverband=obj.samenwerkingsverband,
        onderwerp=Besluitonderwerp.AFREKENING,
        read_action="afrekening.lezen",
    )
    check_version(obj, expected_version)
    if obj.status == Afrekeningstatus.VASTGESTELD:
        raise Conflict(f"De afrekening {obj.jaar} is al vastgesteld.")
    record = record_decision(
        actor=actor,
        samenwerkingsverband=obj.samenwerkingsverband,
        onderwerp=Besluitonderwerp.AFREKENING,
        besluit=besluit,
        omschrijving=f"Jaarafrekening {obj.jaar}",
    )
    return update_fields(
        obj,
        actor=actor,
        action="afrekening.vaststellen",
        changes={
            "status": Afrekeningstatus.VASTGESTELD,
            "vastgesteld_op": record.datum,
            "vastgesteld_door": actor.user if actor.user_id else None,
            "bestuursbesluit": record,
        },
    )
