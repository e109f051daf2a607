"""Services of the case data (zaakgegevens): the zaaktype mapping, the case systems, and the import per period.

- **Mapping** (:func:`create_koppeling`, :func:`update_koppeling`, :func:`delete_koppeling`): a case system's
  zaaktype (a code such as ``BEL-OMGVERG`` or a ZGW Catalogi URL) → a catalogue item of the cooperation.
  Codes and URLs are matched without case and without a trailing ``/``.
- **Import** (:func:`importeer`, a CSV/XLSX file; :func:`haal_op`, a ZGW Zaken API): both produce
  :class:`~seta.dienstverlening.zaken_import.Zaakrij` rows and go through the same :func:`valideer` and the
  same replace path. All or nothing: every problem is collected (file or API, row, column) and one is enough
  to store nothing.
- **Replace rule**: an import of a period replaces exactly the cases of that cooperation (and of that
  gemeente, when one is given) *received* in the period: they are deleted and the file's inserted in one
  transaction (``aantal_vervangen`` counts the deleted). The same file twice gives the same rows; cases
  received outside the period are never touched. A file's case received outside its period is refused.

Policy: ``zaken.importeren`` / ``zaken.ophalen`` / ``zaaktypekoppeling.beheren`` / ``zaaksysteem.beheren``
(the pool's controller or directeur, ``autorisaties/policy/zaken.py``). See docs/zaakgegevens.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem
from seta.core import audit, files
from seta.core import services as core
from seta.core.errors import InvalidInput
from seta.dienstverlening.models import Zaak, Zaakbron, Zaakimport, Zaaksysteem, Zaaktypekoppeling
from seta.dienstverlening.zaken_import import Fouten, Zaakrij, cijfer, datum, geheel_getal, lees, tekst
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Deelnemer, Samenwerkingsverband


class Bestand(Protocol):
    name: str | None

    def read(self, *args: Any) -> bytes: ...


def sleutel(zaaktype: str) -> str:
    """How a zaaktype is matched: without surrounding spaces, a trailing ``/`` or case."""
    return zaaktype.strip().rstrip("/").lower()


def _nl(d: dt.date) -> str:
    return f"{d:%d-%m-%Y}"


# --- the mapping --------------------------------------------------------------------------------------------
def _check_koppeling(
    sv: Samenwerkingsverband, zaaktype: str, catalogusitem: Catalogusitem, *, zelf: int | None = None
) -> None:
    fouten: dict[str, list[str]] = {}
    zaaktype = zaaktype.strip()
    if not zaaktype:
        fouten["zaaktype"] = ["Geef de code of de URL van het zaaktype."]
    elif len(zaaktype) > 300:
        fouten["zaaktype"] = ["Een zaaktype is hooguit 300 tekens."]
    elif "://" in zaaktype and not re.match(r"https?://[^\s/]+/\S*$", zaaktype):
        fouten["zaaktype"] = ["Een URL van een zaaktype begint met https:// en bevat geen spaties."]
    elif re.search(r"\s", zaaktype) and "://" in zaaktype:
        fouten["zaaktype"] = ["Een URL bevat geen spaties."]
    else:
        bestaand = [
            k
            for k in Zaaktypekoppeling.objects.filter(samenwerkingsverband=sv).select_related("catalogusitem")
            if k.pk != zelf
            if sleutel(k.zaaktype) == sleutel(zaaktype)
        ]
        if bestaand:
            fouten["zaaktype"] = [
                f"Zaaktype '{zaaktype}' is al gekoppeld aan {bestaand[0].catalogusitem.naam}."
            ]
    if catalogusitem.samenwerkingsverband_id != sv.pk:
        fouten["catalogusitem"] = [f"{catalogusitem.naam} is geen catalogusitem van {sv}."]
    if fouten:
        raise InvalidInput(fields=fouten)


@transaction.atomic
def create_koppeling(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    zaaktype: str,
    catalogusitem: Catalogusitem,
    omschrijving: str = "",
) -> Zaaktypekoppeling:
    policy.require(
        actor, "zaaktypekoppeling.beheren", samenwerkingsverband, read_action="samenwerkingsverband.lezen"
    )
    _check_koppeling(samenwerkingsverband, zaaktype, catalogusitem)
    return core.create(
        Zaaktypekoppeling(
            samenwerkingsverband=samenwerkingsverband,
            zaaktype=zaaktype.strip(),
            catalogusitem=catalogusitem,
            omschrijving=omschrijving.strip(),
        ),
        actor=actor,
        action="zaaktypekoppeling.aanmaken",
    )


@transaction.atomic
def update_koppeling(
    *,
    actor: Actor,
    koppeling: Zaaktypekoppeling,
    expected_version: int | None = None,
    zaaktype: str | None = None,
    catalogusitem: Catalogusitem | None = None,
    omschrijving: str | None = None,
) -> Zaaktypekoppeling:
    policy.require(actor, "zaaktypekoppeling.beheren", koppeling, read_action="zaaktypekoppeling.lezen")
    changes: dict[str, Any] = {}
    if zaaktype is not None:
        changes["zaaktype"] = zaaktype.strip()
    if catalogusitem is not None:
        changes["catalogusitem"] = catalogusitem
    if omschrijving is not None:
        changes["omschrijving"] = omschrijving.strip()
    _check_koppeling(
        koppeling.samenwerkingsverband,
        changes.get("zaaktype", koppeling.zaaktype),
        changes.get("catalogusitem", koppeling.catalogusitem),
        zelf=koppeling.pk,
    )
    return core.update_fields(
        koppeling,
        actor=actor,
        action="zaaktypekoppeling.wijzigen",
        changes=changes,
        expected_version=expected_version,
    )


@transaction.atomic
def delete_koppeling(
    *, actor: Actor, koppeling: Zaaktypekoppeling, expected_version: int | None = None
) -> None:
    """Remove a mapping. Cases imported through it keep their catalogue item (they were measured then)."""
    policy.require(actor, "zaaktypekoppeling.beheren", koppeling, read_action="zaaktypekoppeling.lezen")
    koppeling = core.lock(koppeling, expected_version=expected_version)
    audit.record(
        actor=actor,
        action="zaaktypekoppeling.verwijderen",
        instance=koppeling,
        before=audit.snapshot(koppeling),
        after={},
    )
    koppeling.delete()


# --- the case systems ---------------------------------------------------------------------------------------
VARIABELE = re.compile(r"[A-Z][A-Z0-9_]{0,99}")


def _partner_ids(sv: Samenwerkingsverband) -> set[int]:
    return set(Deelnemer.objects.filter(samenwerkingsverband=sv).values_list("gemeente_id", flat=True))


def _check_zaaksysteem(sv: Samenwerkingsverband, waarden: dict[str, Any], *, zelf: int | None = None) -> None:
    fouten: dict[str, list[str]] = {}
    gemeente = waarden["gemeente"]
    if gemeente.pk not in _partner_ids(sv):
        fouten["gemeente"] = [f"{gemeente} is geen deelnemer van {sv}."]
    elif any(z.pk != zelf for z in Zaaksysteem.objects.filter(samenwerkingsverband=sv, gemeente=gemeente)):
        fouten["gemeente"] = [f"Voor {gemeente} is al een zaaksysteem ingesteld."]
    if not re.match(r"https?://[^\s/]+(/\S*)?$", waarden["api_root"].strip()):
        fouten["api_root"] = [
            "Geef het adres van de Zaken API, bijvoorbeeld https://zaken.example.nl/zaken/api/v1."
        ]
    if not waarden["client_id"].strip():
        fouten["client_id"] = ["Geef de client-id die de gemeente voor SETA heeft aangemaakt."]
    if not VARIABELE.fullmatch(waarden["geheim_variabele"]):
        fouten["geheim_variabele"] = [
            "De naam van een omgevingsvariabele: hoofdletters, cijfers en _, bijvoorbeeld SETA_ZGW_LAREN_GEHEIM. "
            "Het geheim zelf wordt niet in SETA opgeslagen."
        ]
    if not 1 <= int(waarden["timeout_seconden"]) <= 120:
        fouten["timeout_seconden"] = ["Tussen 1 en 120 seconden."]
    if fouten:
        raise InvalidInput(fields=fouten)


@transaction.atomic
def create_zaaksysteem(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    gemeente: Gemeente,
    naam: str,
    api_root: str,
    client_id: str,
    geheim_variabele: str,
    timeout_seconden: int = 10,
    actief: bool = True,
) -> Zaaksysteem:
    policy.require(
        actor, "zaaksysteem.beheren", samenwerkingsverband, read_action="samenwerkingsverband.lezen"
    )
    waarden = {
        "gemeente": gemeente,
        "naam": naam.strip() or f"Zaken API {gemeente}",
        "api_root": api_root.strip().rstrip("/"),
        "client_id": client_id.strip(),
        "geheim_variabele": geheim_variabele.strip(),
        "timeout_seconden": timeout_seconden,
        "actief": actief,
    }
    _check_zaaksysteem(samenwerkingsverband, waarden)
    return core.create(
        Zaaksysteem(samenwerkingsverband=samenwerkingsverband, **waarden),
        actor=actor,
        action="zaaksysteem.aanmaken",
    )


@transaction.atomic
def update_zaaksysteem(
    *, actor: Actor, zaaksysteem: Zaaksysteem, expected_version: int | None = None, **changes: Any
) -> Zaaksysteem:
    policy.require(actor, "zaaksysteem.beheren", zaaksysteem, read_action="zaaksysteem.lezen")
    toegestaan = {
        "gemeente",
        "naam",
        "api_root",
        "client_id",
        "geheim_variabele",
        "timeout_seconden",
        "actief",
    }
    onbekend = set(changes) - toegestaan
    if onbekend:
        raise InvalidInput(fields={k: ["Dit veld kan niet worden gewijzigd."] for k in sorted(onbekend)})
    changes = {k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items() if v is not None}
    if "api_root" in changes:
        changes["api_root"] = changes["api_root"].rstrip("/")
    waarden = {k: changes.get(k, getattr(zaaksysteem, k)) for k in toegestaan}
    _check_zaaksysteem(zaaksysteem.samenwerkingsverband, waarden, zelf=zaaksysteem.pk)
    return core.update_fields(
        zaaksysteem,
        actor=actor,
        action="zaaksysteem.wijzigen",
        changes=changes,
        expected_version=expected_version,
    )


@transaction.atomic
def delete_zaaksysteem(
    *, actor: Actor, zaaksysteem: Zaaksysteem, expected_version: int | None = None
) -> None:
    policy.require(actor, "zaaksysteem.beheren", zaaksysteem, read_action="zaaksysteem.lezen")
    zaaksysteem = core.lock(zaaksysteem, expected_version=expected_version)
    audit.record(
        actor=actor,
        action="zaaksysteem.verwijderen",
        instance=zaaksysteem,
        before=audit.snapshot(zaaksysteem),
        after={},
    )
    zaaksysteem.delete()


# --- checking rows (file and API alike) ---------------------------------------------------------------------
@dataclass(frozen=True)
class Periode:
    samenwerkingsverband: Samenwerkingsverband
    gemeente: Gemeente | None
    van: dt.date
    tot: dt.date


def check_periode(periode: Periode) -> None:
    """The period itself: van ≤ tot, at most ten years, and a given gemeente a partner in it."""
    fouten: dict[str, list[str]] = {}
    if periode.tot < periode.van:
        fouten["periode_tot"] = [
            f"De periode eindigt ({_nl(periode.tot)}) vóór zij begint ({_nl(periode.van)})."
        ]
    elif (periode.tot - periode.van).days > 3660:
        fouten["periode_tot"] = ["Een periode is hooguit tien jaar."]
    if periode.gemeente is not None and not any(
        d.gemeente_id == periode.gemeente.pk
        and d.toetredingsdatum <= periode.tot
        and (d.uittredingsdatum is None or d.uittredingsdatum > periode.van)
        for d in Deelnemer.objects.filter(samenwerkingsverband=periode.samenwerkingsverband)
    ):
        fouten["gemeente"] = [
            f"{periode.gemeente} is in deze periode geen deelnemer van {periode.samenwerkingsverband}."
        ]
    if fouten:
        raise InvalidInput(fields=fouten)


def valideer(rijen: list[Zaakrij], periode: Periode, *, bron: str, vandaag: dt.date) -> list[Zaak]:
    """The rows as unsaved cases, or :class:`InvalidInput` naming every problem (place, column, message)."""
    sv = periode.samenwerkingsverband
    fouten = Fouten(bron)
    koppelingen = {
        sleutel(k.zaaktype): k.catalogusitem
        for k in Zaaktypekoppeling.objects.filter(samenwerkingsverband=sv).select_related("catalogusitem")
    }
    items = {c.code.lower(): c for c in Catalogusitem.objects.filter(samenwerkingsverband=sv)}
    deelnames = list(Deelnemer.objects.filter(samenwerkingsverband=sv).select_related("gemeente"))
    gemeenten: dict[str, Gemeente] = {}
    for d in deelnames:
        g = d.gemeente
        for naam in (
            g.cbs_code.upper(),
            g.cbs_code.upper().removeprefix("GM"),
            g.naam.upper(),
            g.slug.upper(),
        ):
            gemeenten.setdefault(naam, g)

    def deelnemer_op(gemeente: Gemeente, dag: dt.date) -> bool:
        return any(
            d.gemeente_id == gemeente.pk
            and d.toetredingsdatum <= dag
            and (d.uittredingsdatum is None or d.uittredingsdatum > dag)
            for d in deelnames
        )

    gezien: dict[tuple[int, str], str] = {}
    zaken: list[Zaak] = []
    for rij in rijen:
        w, p = rij.waarden, rij.plaats
        voor = fouten.aantal
        identificatie = tekst(w.get("identificatie"))
        if not identificatie:
            fouten.add(p, "identificatie", "leeg; elke zaak heeft een identificatie.")
        elif len(identificatie) > 100:
            fouten.add(p, "identificatie", "langer dan 100 tekens.")
        zaaktype = tekst(w.get("zaaktype"))
        item = koppelingen.get(sleutel(zaaktype)) or items.get(zaaktype.lower())
        if not zaaktype:
            fouten.add(p, "zaaktype", "leeg; geef het zaaktype of de code van het catalogusitem.")
        elif len(zaaktype) > 300:
            fouten.add(p, "zaaktype", "langer dan 300 tekens.")
        elif item is None:
            fouten.add(
                p,
                "zaaktype",
                f"'{zaaktype}' heeft geen zaaktypekoppeling en is geen code van een catalogusitem van {sv}; "
                "leg eerst de koppeling vast.",
            )
        ruwe_gemeente = tekst(w.get("gemeente"))
        gemeente = gemeenten.get(ruwe_gemeente.upper())
        if not ruwe_gemeente:
            fouten.add(p, "gemeente", "leeg; geef de CBS-code of de naam van de gemeente.")
        elif gemeente is None:
            fouten.add(p, "gemeente", f"'{ruwe_gemeente}' is geen deelnemer van {sv}.")
        elif periode.gemeente is not None and gemeente.pk != periode.gemeente.pk:
            fouten.add(
                p, "gemeente", f"de zaak is van {gemeente}, maar deze import is voor {periode.gemeente}."
            )
            gemeente = None

        ontvangen = _datum(fouten, p, "ontvangen", w.get("ontvangen"), verplicht=True)
        besloten = _datum(fouten, p, "besloten", w.get("besloten"))
        uiterste = _datum(fouten, p, "uiterste_datum", w.get("uiterste_datum"))
        if ontvangen is not None:
            if not periode.van <= ontvangen <= periode.tot:
                fouten.add(
                    p,
                    "ontvangen",
                    f"{_nl(ontvangen)} ligt buiten de periode {_nl(periode.van)} t/m {_nl(periode.tot)}.",
                )
            if ontvangen > vandaag:
                fouten.add(p, "ontvangen", f"{_nl(ontvangen)} ligt in de toekomst.")
            if gemeente is not None and not deelnemer_op(gemeente, ontvangen):
                fouten.add(p, "gemeente", f"{gemeente} was op {_nl(ontvangen)} geen deelnemer van {sv}.")
        if besloten is not None:
            if ontvangen is not None and besloten < ontvangen:
                fouten.add(p, "besloten", f"datum vóór ontvangen ({_nl(besloten)} is vóór {_nl(ontvangen)}).")
            if besloten > vandaag:
                fouten.add(p, "besloten", f"{_nl(besloten)} ligt in de toekomst.")
        if uiterste is not None and ontvangen is not None and uiterste < ontvangen:
            fouten.add(
                p, "uiterste_datum", f"datum vóór ontvangen ({_nl(uiterste)} is vóór {_nl(ontvangen)})."
            )
        ruw = w.get("opgeschorte_dagen")
        opgeschort = 0 if tekst(ruw) == "" else geheel_getal(ruw)
        if opgeschort is None:
            fouten.add(p, "opgeschorte_dagen", f"'{tekst(ruw)}' is geen geheel aantal dagen van 0 of meer.")
        resultaat = tekst(w.get("resultaat"))
        if len(resultaat) > 200:
            fouten.add(p, "resultaat", "langer dan 200 tekens.")
        ruw = w.get("tevredenheid")
        tevredenheid: Decimal | None = None
        if tekst(ruw) != "":
            tevredenheid = cijfer(ruw)
            if tevredenheid is None:
                fouten.add(
                    p, "tevredenheid", f"'{tekst(ruw)}' is geen cijfer van 1 tot en met 10 (één decimaal)."
                )
        if gemeente is not None and identificatie:
            vorige = gezien.get((gemeente.pk, identificatie.lower()))
            if vorige is not None:
                fouten.add(p, "identificatie", f"'{identificatie}' komt al voor ({vorige}).")
            else:
                gezien[(gemeente.pk, identificatie.lower())] = p
        if (
            fouten.aantal > voor
            or item is None
            or gemeente is None
            or ontvangen is None
            or opgeschort is None
        ):
            continue
        zaken.append(
            Zaak(
                samenwerkingsverband=sv,
                identificatie=identificatie,
                zaaktype=zaaktype,
                catalogusitem=item,
                gemeente=gemeente,
                ontvangen_op=ontvangen,
                besloten_op=besloten,
                opgeschorte_dagen=opgeschort,
                uiterste_datum=uiterste,
                resultaat=resultaat,
                tevredenheid=tevredenheid,
            )
        )
    fouten.raise_if_any()
    return zaken


def _datum(fouten: Fouten, plaats: str, kolom: str, value: Any, *, verplicht: bool = False) -> dt.date | None:
    if tekst(value) == "" and not isinstance(value, dt.date):
        if verplicht:
            fouten.add(plaats, kolom, "leeg; geef een datum (jjjj-mm-dd of dd-mm-jjjj).")
        return None
    d = datum(value)
    if d is None:
        fouten.add(
            plaats, kolom, f"'{tekst(value)}' is geen geldige datum (gebruik jjjj-mm-dd of dd-mm-jjjj)."
        )
    return d


def _te_vervangen(periode: Periode) -> Any:
    qs = Zaak.objects.filter(
        samenwerkingsverband=periode.samenwerkingsverband, ontvangen_op__range=(periode.van, periode.tot)
    )
    if periode.gemeente is not None:
        qs = qs.filter(gemeente=periode.gemeente)
    return qs


def _vervang(
    *,
    actor: Actor,
    periode: Periode,
    rijen: list[Zaakrij],
    bron: Zaakbron,
    naam: str,
    sha256: str,
    vandaag: dt.date,
) -> Zaakimport:
    """Check, then delete the period's cases and insert the new ones (inside the caller's transaction)."""
    sv = periode.samenwerkingsverband
    # One import per cooperation at a time (SQLite serialises write transactions anyway).
    list(Samenwerkingsverband.objects.select_for_update().filter(pk=sv.pk).values("pk"))
    zaken = valideer(rijen, periode, bron=naam, vandaag=vandaag)
    oud = _te_vervangen(periode)
    # A case of the file that already exists outside the replaced set (received in another period).
    nummers = {(z.gemeente_id, z.identificatie) for z in zaken}
    elders = (
        Zaak.objects.filter(samenwerkingsverband=sv, identificatie__in={n for _, n in nummers})
        .exclude(pk__in=oud.values("pk"))
        .select_related("gemeente")
    )
    fouten = Fouten(naam)
    plaats = {(z.gemeente_id, z.identificatie): r.plaats for z, r in zip(zaken, rijen, strict=True)}
    for z in elders:
        if (z.gemeente_id, z.identificatie) in nummers:
            fouten.add(
                plaats.get((z.gemeente_id, z.identificatie), naam),
                "identificatie",
                f"'{z.identificatie}' van {z.gemeente} is al ingelezen met ontvangstdatum {_nl(z.ontvangen_op)}, "
                "buiten deze periode; lees die periode opnieuw in.",
            )
    fouten.raise_if_any()
    _, per_model = oud.delete()
    aantal_vervangen = per_model.get(Zaak._meta.label, 0)
    imp = Zaakimport.objects.create(
        samenwerkingsverband=sv,
        gemeente=periode.gemeente,
        periode_van=periode.van,
        periode_tot=periode.tot,
        bron=bron,
        bestandsnaam=naam[:300],
        sha256=sha256,
        ingelezen_door=actor.user if actor.user_id else None,
        aantal_zaken=len(zaken),
        aantal_vervangen=aantal_vervangen,
    )
    for z in zaken:
        z.zaakimport = imp
    Zaak.objects.bulk_create(zaken, batch_size=1000)
    wie = f" voor {periode.gemeente}" if periode.gemeente else ""
    audit.record(
        actor=actor,
        action="zaken.importeren",
        instance=imp,
        note=f"{naam}: {len(zaken)} zaken{wie} ontvangen {_nl(periode.van)} t/m {_nl(periode.tot)} ingelezen, "
        f"{imp.aantal_vervangen} vervangen.",
    )
    from seta.dienstverlening import naleving

    naleving.na_import(actor=actor, zaakimport=imp, vandaag=vandaag)
    return imp


# --- the import (a file) and the fetch (a Zaken API) --------------------------------------------------------
@transaction.atomic
def importeer(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    gemeente: Gemeente | None = None,
    periode_van: dt.date,
    periode_tot: dt.date,
    bestand: Bestand,
    vandaag: dt.date | None = None,
) -> Zaakimport:
    """Import a period's cases from a CSV/XLSX export; replaces the period's cases exactly (see module doc).

    ``vandaag`` (default: today) is the date after which no case can have been received or decided; the
    demo passes its peildatum. The system actor ``import-zaken`` is ``seta import-zaken`` on the server.
    """
    policy.require(actor, "zaken.importeren", samenwerkingsverband, read_action="samenwerkingsverband.lezen")
    periode = Periode(samenwerkingsverband, gemeente, periode_van, periode_tot)
    check_periode(periode)
    naam = Path(bestand.name or "bestand").name or "bestand"
    inhoud = bestand.read()
    files.check_size("zaken", len(inhoud), naam)
    rijen = lees(naam, inhoud)
    return _vervang(
        actor=actor,
        periode=periode,
        rijen=rijen,
        bron=Zaakbron.BESTAND,
        naam=naam,
        sha256=hashlib.sha256(inhoud).hexdigest(),
        vandaag=vandaag or timezone.localdate(),
    )


Ophaler = Callable[[Zaaksysteem, dt.date, dt.date], list[Zaakrij]]


@transaction.atomic
def haal_op(
    *,
    actor: Actor,
    zaaksysteem: Zaaksysteem,
    periode_van: dt.date,
    periode_tot: dt.date,
    vandaag: dt.date | None = None,
    ophaler: Ophaler | None = None,
) -> Zaakimport:
    """Fetch a period's cases of one gemeente from its Zaken API (``zgw.py``) and import them like a file.

    The period is replaced for that gemeente only. A refusal, a time-out or invalid data from the API is an
    :class:`InvalidInput` naming the API, the zaak and the field; nothing is stored then.
    """
    sv = zaaksysteem.samenwerkingsverband
    policy.require(actor, "zaken.ophalen", sv, read_action="samenwerkingsverband.lezen")
    policy.require(actor, "zaken.importeren", sv)
    if not zaaksysteem.actief:
        raise InvalidInput(fields={"zaaksysteem": [f"{zaaksysteem.naam} staat niet aan (actief is uit)."]})
    periode = Periode(sv, zaaksysteem.gemeente, periode_van, periode_tot)
    check_periode(periode)
    if ophaler is None:
        from seta.dienstverlening import zgw

        ophaler = zgw.haal_zaken
    rijen = ophaler(zaaksysteem, periode_van, periode_tot)
    naam = f"{zaaksysteem.naam} ({zaaksysteem.api_root})"
    # An API may truly have no cases in a period: the replace rule then empties the period for the gemeente.
    return _vervang(
        actor=actor,
        periode=periode,
        rijen=rijen,
        bron=Zaakbron.ZGW,
        naam=naam,
        sha256="",
        vandaag=vandaag or timezone.localdate(),
    )
