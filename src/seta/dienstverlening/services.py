"""Services of the service agreement (DVO): draft and edit a concept with its services, norms and escalation
route; the partner colleges' decisions and the board's adoption; a new version; ending it.

Every write follows the house order: permission (404 when the actor may not read the DVO, 403 when it may read
but not act), the version check (``expected_version``; 428 without one from the API, 412 when stale), the
state check (409 naming why: a vastgesteld DVO is changed by a new version), validation naming every bad field,
the write, the audit event. A change to an afspraak, a norm or the escalation route is a new version of the DVO
(``bump_version``), so one ETag guards the whole agreement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max, Q

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.autorisaties.policy.dienstverlening import eigen_colleges, open_colleges, vereiste_colleges
from seta.catalogus.models import Catalogusitem
from seta.core import audit
from seta.core.errors import Conflict, InvalidInput, NotFound
from seta.core.services import bump_version, create, full_clean_or_raise, lock, update_fields
from seta.dienstverlening import lifecycle
from seta.dienstverlening.models import (
    Dagsoort,
    Dienstafspraak,
    Dienstnorm,
    Dienstverleningsovereenkomst,
    Escalatieniveau,
    Escalatiestap,
    Normsoort,
    Rapportageritme,
)
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.besluiten import (
    BesluitInvoer,
    record_college_decision,
    record_decision,
    require_bevoegd,
)
from seta.samenwerkingsverbanden.models import Besluitonderwerp, Deelnemer, Samenwerkingsverband

DVO = Dienstverleningsovereenkomst
LEZEN = "dvo.lezen"
#: The DVO fields a concept's edit may change.
VELDEN = (
    "kenmerk",
    "titel",
    "gemeente",
    "ingangsdatum",
    "einddatum",
    "rapportageritme",
    "openbaar",
    "toelichting",
)


# --- input ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NormInvoer:
    """One norm as a form or the API gives it (which fields apply follows from ``soort``)."""

    soort: str
    omschrijving: str = ""
    termijn: int | None = None
    dagsoort: str = ""
    wettelijke_grondslag: str = ""
    streefpercentage: Decimal | None = None
    minimumscore: Decimal | None = None
    openingstijden: str = ""
    volume_min: int | None = None
    volume_max: int | None = None

    @classmethod
    def uit(cls, data: Mapping[str, Any] | NormInvoer) -> NormInvoer:
        if isinstance(data, NormInvoer):
            return data
        return cls(
            soort=str(data.get("soort") or ""),
            omschrijving=str(data.get("omschrijving") or ""),
            termijn=data.get("termijn"),
            dagsoort=str(data.get("dagsoort") or ""),
            wettelijke_grondslag=str(data.get("wettelijke_grondslag") or ""),
            streefpercentage=_decimal(data.get("streefpercentage")),
            minimumscore=_decimal(data.get("minimumscore")),
            openingstijden=str(data.get("openingstijden") or ""),
            volume_min=data.get("volume_min"),
            volume_max=data.get("volume_max"),
        )


@dataclass(frozen=True)
class StapInvoer:
    niveau: str
    termijn_dagen: int | None = None
    omschrijving: str = ""

    @classmethod
    def uit(cls, data: Mapping[str, Any] | StapInvoer) -> StapInvoer:
        if isinstance(data, StapInvoer):
            return data
        return cls(
            niveau=str(data.get("niveau") or ""),
            termijn_dagen=data.get("termijn_dagen"),
            omschrijving=str(data.get("omschrijving") or ""),
        )


@dataclass
class _Fouten:
    velden: dict[str, list[str]] = field(default_factory=dict)

    def add(self, naam: str, bericht: str) -> None:
        self.velden.setdefault(naam, []).append(bericht)

    def raise_if_any(self) -> None:
        if self.velden:
            raise InvalidInput(fields=self.velden)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal("NaN")


def _geheel(value: Any) -> int | str | None:
    """An integer, None, or ``"fout"`` for anything else (so validation can name the field)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "fout"
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return "fout"


# --- validation -------------------------------------------------------------------------------------------------
def validate_norm(norm: NormInvoer, prefix: str, fouten: _Fouten) -> None:
    """Which fields a norm needs follows from its soort (``Dienstnorm``'s docstring)."""
    if norm.soort not in Normsoort.values:
        fouten.add(f"{prefix}soort", "Kies doorlooptijd, beschikbaarheid, kwaliteit of volume.")
        return
    if not norm.omschrijving.strip():
        fouten.add(f"{prefix}omschrijving", "Geef een omschrijving, bijvoorbeeld 'Besluit na aanvraag'.")
    elif len(norm.omschrijving.strip()) > 200:
        fouten.add(f"{prefix}omschrijving", "Hoogstens 200 tekens.")
    pct = norm.streefpercentage
    if pct is not None and (not pct.is_finite() or pct < 0 or pct > 100):
        fouten.add(f"{prefix}streefpercentage", "Een percentage van 0 tot en met 100.")
        pct = None
    if norm.soort == Normsoort.DOORLOOPTIJD:
        termijn = _geheel(norm.termijn)
        if termijn is None or termijn == "fout" or not (isinstance(termijn, int) and 1 <= termijn <= 3650):
            fouten.add(f"{prefix}termijn", "Een doorlooptijd heeft een termijn van 1 tot 3650 dagen.")
        if norm.dagsoort not in Dagsoort.values:
            fouten.add(f"{prefix}dagsoort", "Kies werkdagen of kalenderdagen.")
        if norm.streefpercentage is None:
            fouten.add(
                f"{prefix}streefpercentage",
                "Geef het aandeel zaken dat binnen de termijn moet zijn afgehandeld (0 tot en met 100).",
            )
    elif norm.soort == Normsoort.KWALITEIT:
        score = norm.minimumscore
        if score is None or not score.is_finite() or score < 0 or score > 10:
            fouten.add(
                f"{prefix}minimumscore", "Een kwaliteitsnorm heeft een minimumscore van 0 tot en met 10."
            )
    elif norm.soort == Normsoort.VOLUME:
        laag, hoog = _geheel(norm.volume_min), _geheel(norm.volume_max)
        for naam, waarde in (("volume_min", laag), ("volume_max", hoog)):
            if waarde == "fout" or (isinstance(waarde, int) and not 0 <= waarde <= 10**9):
                fouten.add(f"{prefix}{naam}", "Een aantal zaken van 0 of meer.")
        if laag is None and hoog is None:
            fouten.add(f"{prefix}volume_min", "Geef een minimum, een maximum of beide.")
        elif isinstance(laag, int) and isinstance(hoog, int) and laag > hoog:
            fouten.add(f"{prefix}volume_max", "Het maximum is niet kleiner dan het minimum.")
    elif norm.soort == Normsoort.BESCHIKBAARHEID:
        if not norm.openingstijden.strip() and norm.streefpercentage is None:
            fouten.add(
                f"{prefix}openingstijden",
                "Geef de openingstijden of een beschikbaarheidspercentage (of beide).",
            )
        elif len(norm.openingstijden) > 200:
            fouten.add(f"{prefix}openingstijden", "Hoogstens 200 tekens.")
    if len(norm.wettelijke_grondslag) > 200:
        fouten.add(f"{prefix}wettelijke_grondslag", "Hoogstens 200 tekens.")


def _norm_rij(afspraak: Dienstafspraak, norm: NormInvoer) -> Dienstnorm:
    """The row for a validated norm: only the fields its soort uses are kept."""
    soort = norm.soort
    termijn = _geheel(norm.termijn) if soort == Normsoort.DOORLOOPTIJD else None
    laag = _geheel(norm.volume_min) if soort == Normsoort.VOLUME else None
    hoog = _geheel(norm.volume_max) if soort == Normsoort.VOLUME else None
    return Dienstnorm(
        afspraak=afspraak,
        soort=soort,
        omschrijving=norm.omschrijving.strip(),
        termijn=termijn if isinstance(termijn, int) else None,
        dagsoort=norm.dagsoort if soort == Normsoort.DOORLOOPTIJD else "",
        wettelijke_grondslag=norm.wettelijke_grondslag.strip(),
        streefpercentage=norm.streefpercentage
        if soort in (Normsoort.DOORLOOPTIJD, Normsoort.BESCHIKBAARHEID)
        else None,
        minimumscore=norm.minimumscore if soort == Normsoort.KWALITEIT else None,
        openingstijden=norm.openingstijden.strip() if soort == Normsoort.BESCHIKBAARHEID else "",
        volume_min=laag if isinstance(laag, int) else None,
        volume_max=hoog if isinstance(hoog, int) else None,
    )


def _validate_stappen(stappen: Sequence[StapInvoer], fouten: _Fouten) -> None:
    for i, stap in enumerate(stappen):
        if stap.niveau not in Escalatieniveau.values:
            fouten.add(
                f"escalatie[{i}].niveau", "Kies beleidsregisseur, directeur, gemeentesecretaris, DB of AB."
            )
        dagen = _geheel(stap.termijn_dagen)
        if dagen == "fout" or (isinstance(dagen, int) and not 0 <= dagen <= 3650):
            fouten.add(f"escalatie[{i}].termijn_dagen", "Een aantal dagen van 0 tot 3650.")
        if len(stap.omschrijving) > 200:
            fouten.add(f"escalatie[{i}].omschrijving", "Hoogstens 200 tekens.")
    niveaus = [s.niveau for s in stappen]
    if len(set(niveaus)) != len(niveaus):
        fouten.add("escalatie", "Elk niveau komt één keer voor in de escalatieroute.")


def _partner_ids(sv: Samenwerkingsverband) -> set[int]:
    return set(Deelnemer.objects.filter(samenwerkingsverband=sv).values_list("gemeente_id", flat=True))


def _validate_kop(
    sv: Samenwerkingsverband, data: Mapping[str, Any], fouten: _Fouten, *, bestaand: DVO | None
) -> None:
    kenmerk = str(data.get("kenmerk") or "").strip()
    if not kenmerk:
        fouten.add("kenmerk", "Geef een kenmerk, bijvoorbeeld DVO-BEL-BLA.")
    elif len(kenmerk) > 60:
        fouten.add("kenmerk", "Hoogstens 60 tekens.")
    elif bestaand is None and DVO.objects.filter(samenwerkingsverband=sv, kenmerk=kenmerk).exists():
        fouten.add("kenmerk", f"Er is al een overeenkomst {kenmerk} in {sv}: maak daarvan een nieuwe versie.")
    elif (
        bestaand is not None
        and kenmerk != bestaand.kenmerk
        and DVO.objects.filter(samenwerkingsverband=sv, kenmerk=kenmerk).exclude(pk=bestaand.pk).exists()
    ):
        fouten.add("kenmerk", f"Er is al een overeenkomst {kenmerk} in {sv}.")
    if bestaand is not None and bestaand.vorige_id and kenmerk and kenmerk != bestaand.kenmerk:
        fouten.add("kenmerk", "Een nieuwe versie houdt het kenmerk van de overeenkomst die zij vervangt.")
    if not str(data.get("titel") or "").strip():
        fouten.add("titel", "Geef de titel van de overeenkomst.")
    elif len(str(data["titel"]).strip()) > 200:
        fouten.add("titel", "Hoogstens 200 tekens.")
    gemeente = data.get("gemeente")
    if gemeente is not None and gemeente.pk not in _partner_ids(sv):
        fouten.add("gemeente", f"{gemeente} is geen deelnemer van {sv}.")
    begin, eind = data.get("ingangsdatum"), data.get("einddatum")
    if not isinstance(begin, dt.date):
        fouten.add("ingangsdatum", "Geef de ingangsdatum.")
    if eind is not None and not isinstance(eind, dt.date):
        fouten.add("einddatum", "Geef een geldige datum of laat de einddatum leeg.")
    elif isinstance(begin, dt.date) and isinstance(eind, dt.date) and eind < begin:
        fouten.add("einddatum", "De einddatum ligt niet vóór de ingangsdatum.")
    if data.get("rapportageritme") not in Rapportageritme.values:
        fouten.add("rapportageritme", "Kies maand, kwartaal, tertiaal, halfjaar of jaar.")


def _alleen_concept(dvo: DVO) -> None:
    if dvo.status != lifecycle.CONCEPT:
        raise Conflict(
            f"{dvo} is {lifecycle.STATUS_LABELS[dvo.status].lower()}: een vastgestelde overeenkomst wijzigt niet. "
            "Stel een nieuwe versie op en laat die vaststellen."
        )


def _locked(dvo: DVO, expected_version: int | None) -> DVO:
    return lock(dvo, expected_version=expected_version)


# --- the concept ------------------------------------------------------------------------------------------------
@transaction.atomic
def create_dvo(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    kenmerk: str,
    titel: str,
    ingangsdatum: dt.date | None,
    gemeente: Gemeente | None = None,
    einddatum: dt.date | None = None,
    rapportageritme: str = Rapportageritme.KWARTAAL,
    openbaar: bool = False,
    toelichting: str = "",
    escalatie: Sequence[Mapping[str, Any] | StapInvoer] = (),
) -> DVO:
    """A concept DVO (version 1) with one partner (``gemeente``) or with all partners (``gemeente`` None)."""
    policy.require(actor, "dvo.aanmaken", samenwerkingsverband, read_action="samenwerkingsverband.lezen")
    data = {
        "kenmerk": kenmerk,
        "titel": titel,
        "gemeente": gemeente,
        "ingangsdatum": ingangsdatum,
        "einddatum": einddatum,
        "rapportageritme": rapportageritme,
    }
    stappen = [StapInvoer.uit(s) for s in escalatie]
    fouten = _Fouten()
    _validate_kop(samenwerkingsverband, data, fouten, bestaand=None)
    _validate_stappen(stappen, fouten)
    fouten.raise_if_any()
    assert ingangsdatum is not None
    dvo = create(
        DVO(
            samenwerkingsverband=samenwerkingsverband,
            gemeente=gemeente,
            kenmerk=kenmerk.strip(),
            titel=titel.strip(),
            ingangsdatum=ingangsdatum,
            einddatum=einddatum,
            rapportageritme=rapportageritme,
            openbaar=bool(openbaar),
            toelichting=toelichting.strip(),
        ),
        actor=actor,
        action="dvo.aanmaken",
    )
    _schrijf_stappen(dvo, stappen)
    return dvo


@transaction.atomic
def update_dvo(
    *,
    actor: Actor,
    dvo: DVO,
    changes: Mapping[str, Any],
    escalatie: Sequence[Mapping[str, Any] | StapInvoer] | None = None,
    expected_version: int | None = None,
) -> DVO:
    """Change a concept's heading fields (and, given, its whole escalation route)."""
    policy.require(actor, "dvo.wijzigen", dvo, read_action=LEZEN)
    dvo = _locked(dvo, expected_version)
    _alleen_concept(dvo)
    onbekend = set(changes) - set(VELDEN)
    if onbekend:
        raise InvalidInput(
            fields={naam: ["Dit veld kan niet worden gewijzigd."] for naam in sorted(onbekend)}
        )
    data = {naam: getattr(dvo, naam) for naam in VELDEN} | dict(changes)
    stappen = [StapInvoer.uit(s) for s in escalatie] if escalatie is not None else None
    fouten = _Fouten()
    _validate_kop(dvo.samenwerkingsverband, data, fouten, bestaand=dvo)
    if stappen is not None:
        _validate_stappen(stappen, fouten)
    nieuwe_gemeente = changes.get("gemeente")
    if nieuwe_gemeente is not None and dvo.afspraken.filter(gemeente__isnull=False).exists():
        fouten.add("gemeente", "Deze overeenkomst heeft bijlagen per deelnemer: verwijder die eerst.")
    fouten.raise_if_any()
    schoon = {
        naam: (waarde.strip() if isinstance(waarde, str) and naam != "rapportageritme" else waarde)
        for naam, waarde in changes.items()
    }
    if stappen is not None:
        _schrijf_stappen(dvo, stappen)
    return update_fields(dvo, actor=actor, action="dvo.wijzigen", changes=schoon)


def _schrijf_stappen(dvo: DVO, stappen: Sequence[StapInvoer]) -> None:
    dvo.escalatie.all().delete()
    Escalatiestap.objects.bulk_create(
        Escalatiestap(
            dvo=dvo,
            volgorde=i + 1,
            niveau=stap.niveau,
            termijn_dagen=stap.termijn_dagen if isinstance(_geheel(stap.termijn_dagen), int) else None,
            omschrijving=stap.omschrijving.strip(),
        )
        for i, stap in enumerate(stappen)
    )


@transaction.atomic
def set_escalatie(
    *,
    actor: Actor,
    dvo: DVO,
    stappen: Sequence[Mapping[str, Any] | StapInvoer],
    expected_version: int | None = None,
) -> DVO:
    """Replace a concept's escalation route (in order: who is told, after how many days)."""
    policy.require(actor, "dvo.wijzigen", dvo, read_action=LEZEN)
    dvo = _locked(dvo, expected_version)
    _alleen_concept(dvo)
    invoer = [StapInvoer.uit(s) for s in stappen]
    fouten = _Fouten()
    _validate_stappen(invoer, fouten)
    fouten.raise_if_any()
    voor = [f"{s.volgorde}. {s.niveau}" for s in dvo.escalatie.all()]
    _schrijf_stappen(dvo, invoer)
    bump_version(dvo)
    audit.record(
        actor=actor,
        action="dvo.escalatie_wijzigen",
        instance=dvo,
        before={"escalatie": voor},
        after={"escalatie": [f"{i + 1}. {s.niveau}" for i, s in enumerate(invoer)]},
    )
    return dvo


# --- services covered (afspraken) and their norms ---------------------------------------------------------------
def _validate_afspraak(
    dvo: DVO,
    catalogusitem: Catalogusitem | None,
    gemeente: Gemeente | None,
    normen: Sequence[NormInvoer],
    fouten: _Fouten,
    *,
    bestaand: Dienstafspraak | None,
) -> None:
    if catalogusitem is None:
        fouten.add("catalogusitem", "Kies de dienst uit de catalogus.")
    elif catalogusitem.samenwerkingsverband_id != dvo.samenwerkingsverband_id:
        fouten.add(
            "catalogusitem", f"{catalogusitem} hoort niet bij de catalogus van {dvo.samenwerkingsverband}."
        )
    if gemeente is not None:
        if dvo.gemeente_id is not None:
            fouten.add(
                "gemeente",
                "Alleen een overeenkomst voor alle deelnemers heeft bijlagen per deelnemer; "
                f"deze overeenkomst is met {dvo.gemeente}.",
            )
        elif gemeente.pk not in _partner_ids(dvo.samenwerkingsverband):
            fouten.add("gemeente", f"{gemeente} is geen deelnemer van {dvo.samenwerkingsverband}.")
    if catalogusitem is not None and "catalogusitem" not in fouten.velden:
        dubbel = dvo.afspraken.filter(catalogusitem=catalogusitem, gemeente=gemeente)
        if bestaand is not None:
            dubbel = dubbel.exclude(pk=bestaand.pk)
        if dubbel.exists():
            fouten.add("catalogusitem", f"{catalogusitem} staat al in deze overeenkomst{_bijlage(gemeente)}.")
    for i, norm in enumerate(normen):
        validate_norm(norm, f"normen[{i}].", fouten)


def _bijlage(gemeente: Gemeente | None) -> str:
    return f" (bijlage {gemeente})" if gemeente is not None else ""


def _schrijf_normen(afspraak: Dienstafspraak, normen: Sequence[NormInvoer]) -> None:
    afspraak.normen.all().delete()
    rijen = [_norm_rij(afspraak, n) for n in normen]
    for rij in rijen:
        full_clean_or_raise(rij, exclude=["afspraak"])
    Dienstnorm.objects.bulk_create(rijen)


def _afspraak_na(afspraak: Dienstafspraak, normen: Sequence[NormInvoer]) -> dict[str, Any]:
    return {
        "catalogusitem": afspraak.catalogusitem_id,
        "gemeente": afspraak.gemeente_id,
        "toelichting": afspraak.toelichting,
        "normen": [f"{n.soort}: {n.omschrijving}" for n in normen],
    }


@transaction.atomic
def add_afspraak(
    *,
    actor: Actor,
    dvo: DVO,
    catalogusitem: Catalogusitem | None,
    normen: Sequence[Mapping[str, Any] | NormInvoer] = (),
    gemeente: Gemeente | None = None,
    toelichting: str = "",
    expected_version: int | None = None,
) -> Dienstafspraak:
    """Add a catalogue service with its norms to a concept (for a joint DVO optionally in one partner's annex)."""
    policy.require(actor, "dvo.wijzigen", dvo, read_action=LEZEN)
    dvo = _locked(dvo, expected_version)
    _alleen_concept(dvo)
    invoer = [NormInvoer.uit(n) for n in normen]
    fouten = _Fouten()
    _validate_afspraak(dvo, catalogusitem, gemeente, invoer, fouten, bestaand=None)
    fouten.raise_if_any()
    afspraak = Dienstafspraak(
        dvo=dvo, catalogusitem=catalogusitem, gemeente=gemeente, toelichting=toelichting.strip()
    )
    full_clean_or_raise(afspraak)
    afspraak.save()
    _schrijf_normen(afspraak, invoer)
    bump_version(dvo)
    audit.record(
        actor=actor, action="dvo.afspraak_toevoegen", instance=dvo, after=_afspraak_na(afspraak, invoer)
    )
    return afspraak


@transaction.atomic
def change_afspraak(
    *,
    actor: Actor,
    afspraak: Dienstafspraak,
    catalogusitem: Catalogusitem | None = None,
    normen: Sequence[Mapping[str, Any] | NormInvoer] | None = None,
    gemeente: Gemeente | str | None = "ongewijzigd",
    toelichting: str | None = None,
    expected_version: int | None = None,
) -> Dienstafspraak:
    """Change a service of a concept; ``normen`` given replaces all its norms."""
    dvo = afspraak.dvo
    policy.require(actor, "dvo.wijzigen", dvo, read_action=LEZEN)
    dvo = _locked(dvo, expected_version)
    _alleen_concept(dvo)
    afspraak = Dienstafspraak.objects.select_related("catalogusitem").get(pk=afspraak.pk)
    voor = _afspraak_na(afspraak, [NormInvoer.uit(norm_gegevens(n)) for n in afspraak.normen.all()])
    nieuw_item = catalogusitem if catalogusitem is not None else afspraak.catalogusitem
    nieuwe_gemeente = afspraak.gemeente if isinstance(gemeente, str) else gemeente
    invoer = [NormInvoer.uit(n) for n in normen] if normen is not None else None
    fouten = _Fouten()
    _validate_afspraak(dvo, nieuw_item, nieuwe_gemeente, invoer or [], fouten, bestaand=afspraak)
    fouten.raise_if_any()
    afspraak.catalogusitem = nieuw_item
    afspraak.gemeente = nieuwe_gemeente
    if toelichting is not None:
        afspraak.toelichting = toelichting.strip()
    full_clean_or_raise(afspraak)
    afspraak.save()
    if invoer is not None:
        _schrijf_normen(afspraak, invoer)
    bump_version(dvo)
    na = _afspraak_na(afspraak, [NormInvoer.uit(norm_gegevens(n)) for n in afspraak.normen.all()])
    audit.record(actor=actor, action="dvo.afspraak_wijzigen", instance=dvo, before=voor, after=na)
    return afspraak


@transaction.atomic
def remove_afspraak(*, actor: Actor, afspraak: Dienstafspraak, expected_version: int | None = None) -> DVO:
    dvo = afspraak.dvo
    policy.require(actor, "dvo.wijzigen", dvo, read_action=LEZEN)
    dvo = _locked(dvo, expected_version)
    _alleen_concept(dvo)
    voor = _afspraak_na(afspraak, [NormInvoer.uit(norm_gegevens(n)) for n in afspraak.normen.all()])
    afspraak.delete()
    bump_version(dvo)
    audit.record(actor=actor, action="dvo.afspraak_verwijderen", instance=dvo, before=voor, after={})
    return dvo


def norm_gegevens(norm: Dienstnorm) -> dict[str, Any]:
    return {
        "soort": norm.soort,
        "omschrijving": norm.omschrijving,
        "termijn": norm.termijn,
        "dagsoort": norm.dagsoort,
        "wettelijke_grondslag": norm.wettelijke_grondslag,
        "streefpercentage": norm.streefpercentage,
        "minimumscore": norm.minimumscore,
        "openingstijden": norm.openingstijden,
        "volume_min": norm.volume_min,
        "volume_max": norm.volume_max,
    }


# --- decisions --------------------------------------------------------------------------------------------------
def _kan_vastgesteld(dvo: DVO) -> None:
    """A DVO covers at least one service with a norm, and its term overlaps no other adopted DVO of the partner."""
    fouten = _Fouten()
    if not Dienstnorm.objects.filter(afspraak__dvo=dvo).exists():
        fouten.add(
            "afspraken", "Een overeenkomst dekt ten minste één dienst met een norm: voeg die eerst toe."
        )
    andere = DVO.objects.filter(
        samenwerkingsverband_id=dvo.samenwerkingsverband_id, status=lifecycle.VASTGESTELD
    ).exclude(pk=dvo.pk)
    if dvo.vorige_id:
        andere = andere.exclude(pk=dvo.vorige_id)
    if dvo.gemeente_id is not None:
        andere = andere.filter(Q(gemeente_id=dvo.gemeente_id) | Q(gemeente__isnull=True))
    andere = andere.filter(Q(einddatum__isnull=True) | Q(einddatum__gte=dvo.ingangsdatum))
    if dvo.einddatum is not None:
        andere = andere.filter(ingangsdatum__lte=dvo.einddatum)
    overlap = andere.order_by("kenmerk").first()
    if overlap is not None:
        fouten.add(
            "ingangsdatum",
            f"De looptijd overlapt met de vastgestelde overeenkomst {overlap} "
            f"({overlap.ingangsdatum:%d-%m-%Y} tot {overlap.einddatum:%d-%m-%Y})."
            if overlap.einddatum
            else f"De looptijd overlapt met de vastgestelde overeenkomst {overlap} (vanaf {overlap.ingangsdatum:%d-%m-%Y}).",
        )
    fouten.raise_if_any()


def _college_gemeente(actor: Actor, dvo: DVO, gemeente: Gemeente | None) -> Gemeente:
    """The municipality whose college decides now: the DVO's, or (joint DVO) the actor's still open one."""
    open_ids = open_colleges(dvo)
    if gemeente is not None:
        if gemeente.pk not in vereiste_colleges(dvo):
            raise InvalidInput(fields={"gemeente": [f"Het college van {gemeente} besluit niet over {dvo}."]})
        if gemeente.pk not in open_ids:
            raise Conflict(f"Het college van {gemeente} heeft al besloten over {dvo}.")
        if gemeente.pk not in eigen_colleges(actor, dvo):
            raise InvalidInput(fields={"gemeente": [f"U bent geen lid van het college van {gemeente}."]})
        return gemeente
    kandidaten = sorted(eigen_colleges(actor, dvo) & open_ids)
    if not kandidaten:
        raise Conflict(f"Het college heeft al besloten over {dvo}.")
    if len(kandidaten) > 1:
        raise InvalidInput(fields={"gemeente": ["Kies namens welk college u het besluit vastlegt."]})
    return Gemeente.objects.get(pk=kandidaten[0])


@transaction.atomic
def record_college(
    *,
    actor: Actor,
    dvo: DVO,
    besluit: BesluitInvoer | Mapping[str, Any] | None,
    gemeente: Gemeente | None = None,
    expected_version: int | None = None,
) -> DVO:
    """The college of the DVO's gemeente (or, joint, of one partner) records its decision on the concept."""
    eigen = eigen_colleges(actor, dvo)
    if policy.can(actor, LEZEN, dvo) and eigen and not eigen & open_colleges(dvo):
        namen = ", ".join(g.naam for g in Gemeente.objects.filter(pk__in=eigen).order_by("naam"))
        raise Conflict(f"Het college van {namen} heeft al besloten over {dvo}.")
    policy.require(actor, "dvo.collegebesluit", dvo, read_action=LEZEN)
    dvo = _locked(dvo, expected_version)
    _alleen_concept(dvo)
    wie = _college_gemeente(actor, dvo, gemeente)
    record = record_college_decision(
        actor=actor,
        samenwerkingsverband=dvo.samenwerkingsverband,
        gemeente=wie,
        onderwerp=Besluitonderwerp.DVO,
        besluit=BesluitInvoer.uit(besluit),
        omschrijving=f"Instemming college {wie} met {dvo}",
    )
    dvo.collegebesluiten.add(record)
    bump_version(dvo)
    audit.record(
        actor=actor,
        action="dvo.collegebesluit",
        instance=dvo,
        after={"besluit": record.pk, "gemeente": wie.pk},
    )
    return dvo


def _ontbrekend(dvo: DVO) -> list[str]:
    ids = open_colleges(dvo)
    return [g.naam for g in Gemeente.objects.filter(pk__in=ids).order_by("naam")]


@transaction.atomic
def adopt(
    *,
    actor: Actor,
    dvo: DVO,
    besluit: BesluitInvoer | Mapping[str, Any] | None,
    expected_version: int | None = None,
) -> DVO:
    """The board (the body the governance names for DVOs) adopts a concept, once every college has decided.

    Adopting a new version sets the version it replaces to ``vervangen``."""
    require_bevoegd(
        actor,
        "dvo.vaststellen",
        dvo,
        samenwerkingsverband=dvo.samenwerkingsverband,
        onderwerp=Besluitonderwerp.DVO,
        read_action=LEZEN,
    )
    dvo = _locked(dvo, expected_version)
    if dvo.status != lifecycle.CONCEPT:
        raise Conflict(f"{dvo} is al {lifecycle.STATUS_LABELS[dvo.status].lower()}.")
    ontbrekend = _ontbrekend(dvo)
    if ontbrekend:
        namen = ", ".join(ontbrekend[:-1]) + (" en " if len(ontbrekend) > 1 else "") + ontbrekend[-1]
        raise Conflict(
            f"Het bestuur stelt {dvo} pas vast als het college heeft ingestemd: het besluit van het college van "
            f"{namen} ontbreekt nog."
        )
    _kan_vastgesteld(dvo)
    record = record_decision(
        actor=actor,
        samenwerkingsverband=dvo.samenwerkingsverband,
        onderwerp=Besluitonderwerp.DVO,
        besluit=BesluitInvoer.uit(besluit),
        omschrijving=f"Vaststelling {dvo}",
    )
    if dvo.vorige_id:
        vorige = lock(DVO.objects.get(pk=dvo.vorige_id))
        if vorige.status == lifecycle.VASTGESTELD:
            update_fields(
                vorige, actor=actor, action="dvo.vervangen", changes={"status": lifecycle.VERVANGEN}
            )
    return update_fields(
        dvo,
        actor=actor,
        action="dvo.vaststellen",
        changes={"status": lifecycle.VASTGESTELD, "besluit_bestuur": record, "vastgesteld_op": record.datum},
    )


@transaction.atomic
def terminate(
    *,
    actor: Actor,
    dvo: DVO,
    besluit: BesluitInvoer | Mapping[str, Any] | None,
    expected_version: int | None = None,
) -> DVO:
    """End an adopted DVO on a decision of the body that adopted it."""
    require_bevoegd(
        actor,
        "dvo.beeindigen",
        dvo,
        samenwerkingsverband=dvo.samenwerkingsverband,
        onderwerp=Besluitonderwerp.DVO,
        read_action=LEZEN,
    )
    dvo = _locked(dvo, expected_version)
    if dvo.status != lifecycle.VASTGESTELD:
        raise Conflict(
            f"Alleen een vastgestelde overeenkomst kan worden beëindigd; {dvo} is {dvo.get_status_display().lower()}."
        )
    record = record_decision(
        actor=actor,
        samenwerkingsverband=dvo.samenwerkingsverband,
        onderwerp=Besluitonderwerp.DVO,
        besluit=BesluitInvoer.uit(besluit),
        omschrijving=f"Beëindiging {dvo}",
    )
    einde = dvo.einddatum if dvo.einddatum and dvo.einddatum < record.datum else record.datum
    return update_fields(
        dvo, actor=actor, action="dvo.beeindigen", changes={"status": lifecycle.BEEINDIGD, "einddatum": einde}
    )


@transaction.atomic
def new_version(*, actor: Actor, dvo: DVO, expected_version: int | None = None) -> DVO:
    """A concept copy of an adopted DVO (volgnummer + 1, ``vorige`` = it) with its services, norms and route."""
    policy.require(actor, "dvo.nieuwe_versie", dvo, read_action=LEZEN)
    bron = _locked(dvo, expected_version)
    if bron.status != lifecycle.VASTGESTELD:
        raise Conflict(
            f"Alleen van een vastgestelde overeenkomst wordt een nieuwe versie gemaakt; {bron} is "
            f"{bron.get_status_display().lower()}."
        )
    open_versie = bron.opvolgers.filter(status=lifecycle.CONCEPT).first()
    if open_versie is not None:
        raise Conflict(f"Er is al een nieuwe versie in concept: {open_versie}.")
    hoogste = (
        DVO.objects.filter(samenwerkingsverband=bron.samenwerkingsverband, kenmerk=bron.kenmerk).aggregate(
            m=Max("volgnummer")
        )["m"]
        or 0
    )
    kopie = create(
        DVO(
            samenwerkingsverband=bron.samenwerkingsverband,
            gemeente=bron.gemeente,
            kenmerk=bron.kenmerk,
            titel=bron.titel,
            volgnummer=hoogste + 1,
            vorige=bron,
            ingangsdatum=bron.ingangsdatum,
            einddatum=bron.einddatum,
            rapportageritme=bron.rapportageritme,
            openbaar=bron.openbaar,
            toelichting=bron.toelichting,
        ),
        actor=actor,
        action="dvo.nieuwe_versie",
    )
    for afspraak in bron.afspraken.prefetch_related("normen"):
        normen = list(afspraak.normen.all())
        afspraak.pk = None
        afspraak.dvo = kopie
        afspraak.save()
        for norm in normen:
            norm.pk = None
            norm.afspraak = afspraak
        Dienstnorm.objects.bulk_create(normen)
    Escalatiestap.objects.bulk_create(
        Escalatiestap(
            dvo=kopie,
            volgorde=s.volgorde,
            niveau=s.niveau,
            termijn_dagen=s.termijn_dagen,
            omschrijving=s.omschrijving,
        )
        for s in bron.escalatie.all()
    )
    return kopie


def perform(*, actor: Actor, dvo: DVO, actie: str, gegevens: Mapping[str, Any]) -> DVO:
    """Run an action of the lifecycle table by name (the API's and the pages' action routes)."""
    versie = gegevens.get("expected_version")
    if actie == lifecycle.COLLEGEBESLUIT:
        return record_college(
            actor=actor,
            dvo=dvo,
            besluit=gegevens.get("besluit"),
            gemeente=gegevens.get("gemeente"),
            expected_version=versie,
        )
    if actie == lifecycle.VASTSTELLEN:
        return adopt(actor=actor, dvo=dvo, besluit=gegevens.get("besluit"), expected_version=versie)
    if actie == lifecycle.BEEINDIGEN:
        return terminate(actor=actor, dvo=dvo, besluit=gegevens.get("besluit"), expected_version=versie)
    if actie == lifecycle.NIEUWE_VERSIE:
        return new_version(actor=actor, dvo=dvo, expected_version=versie)
    raise NotFound(f"Onbekende handeling '{actie}'.")
