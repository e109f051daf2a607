"""Board decisions (bestuursbesluiten): the one way an adoption records the decision it rests on.

A service that adopts something (a budget, a verdeelmodel, a settlement, a threshold; later: service
agreements, planning rules) calls :func:`require_bevoegd` first and :func:`record_decision` inside its
own transaction; the decision is then linked to the adopted record. The body that decides each subject
is the cooperation's governance (``Besluitbevoegdheid``, defaults per the Wgr, ADR 0034); only a member
of that body (or the beheerder) records it, and the decision must name that body, a reference (kenmerk)
and the date of the meeting (not in the future).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.bounds import JAAR_MIN
from seta.core.errors import Forbidden, InvalidInput, NotFound
from seta.core.services import full_clean_or_raise
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import (
    Besluitbevoegdheid,
    Besluitonderwerp,
    Bestuursbesluit,
    Bestuursorgaan,
    Samenwerkingsverband,
    standaard_bevoegdheden,
)


@dataclass(frozen=True)
class BesluitInvoer:
    """The decision as the person recording it gives it: which body, its reference and the meeting's date."""

    orgaan: str
    kenmerk: str
    datum: dt.date | None
    omschrijving: str = ""

    @classmethod
    def uit(cls, data: Mapping[str, Any] | BesluitInvoer | None) -> BesluitInvoer | None:
        """From a mapping (a form's or the API's ``besluit``), as is, or None."""
        if data is None or isinstance(data, BesluitInvoer):
            return data
        return cls(
            orgaan=str(data.get("orgaan") or ""),
            kenmerk=str(data.get("kenmerk") or ""),
            datum=data.get("datum"),
            omschrijving=str(data.get("omschrijving") or ""),
        )


def orgaan_label(orgaan: str) -> str:
    return str(Bestuursorgaan(orgaan).label).lower() if orgaan in Bestuursorgaan.values else orgaan


def bevoegd_orgaan(samenwerkingsverband: Samenwerkingsverband, onderwerp: str) -> str:
    """The body that decides ``onderwerp`` in this cooperation (``Bestuursorgaan`` value)."""
    return policy.bestuur.bevoegd_orgaan(samenwerkingsverband.pk, onderwerp)


def require_bevoegd(
    actor: Actor,
    action: str,
    obj: Any,
    *,
    samenwerkingsverband: Samenwerkingsverband,
    onderwerp: str,
    read_action: str,
) -> None:
    """``policy.require`` with a refusal that names the deciding body (404 when the actor may not read)."""
    if not policy.can(actor, read_action, obj):
        raise NotFound()
    if not policy.can(actor, action, obj):
        orgaan_code = bevoegd_orgaan(samenwerkingsverband, onderwerp)
        orgaan = orgaan_label(orgaan_code)
        wat = Besluitonderwerp(onderwerp).label.lower()
        if orgaan_code == Bestuursorgaan.COLLEGES:
            raise Forbidden(
                f"Over de {wat} van {samenwerkingsverband} beslissen de colleges van de deelnemers: alleen een "
                "burgemeester of wethouder van een deelnemer legt dat besluit vast."
            )
        raise Forbidden(
            f"Over de {wat} van {samenwerkingsverband} beslist het {orgaan}: alleen een lid van het "
            f"{orgaan} legt dat besluit vast."
        )


def validate_decision(
    samenwerkingsverband: Samenwerkingsverband,
    onderwerp: str,
    besluit: BesluitInvoer | None,
    *,
    veld: str = "besluit",
) -> BesluitInvoer:
    """Refuse a missing or incomplete decision, naming each field (``besluit.kenmerk``, …)."""
    orgaan = bevoegd_orgaan(samenwerkingsverband, onderwerp)
    if besluit is None:
        raise InvalidInput(
            fields={
                veld: [
                    f"Leg het besluit van het {orgaan_label(orgaan)} vast: orgaan, kenmerk en datum van de vergadering."
                ]
            }
        )
    fouten: dict[str, list[str]] = {}
    if besluit.orgaan not in Bestuursorgaan.values:
        fouten[f"{veld}.orgaan"] = ["Kies het algemeen of het dagelijks bestuur."]
    elif besluit.orgaan != orgaan:
        fouten[f"{veld}.orgaan"] = [
            f"Over de {Besluitonderwerp(onderwerp).label.lower()} van {samenwerkingsverband} beslist het "
            f"{orgaan_label(orgaan)}, niet het {orgaan_label(besluit.orgaan)}."
        ]
    fouten.update(_kenmerk_en_datum(besluit, veld))
    if fouten:
        raise InvalidInput(fields=fouten)
    return besluit


def _kenmerk_en_datum(besluit: BesluitInvoer, veld: str) -> dict[str, list[str]]:
    fouten: dict[str, list[str]] = {}
    if not besluit.kenmerk.strip():
        fouten[f"{veld}.kenmerk"] = ["Geef het kenmerk van het besluit, bijvoorbeeld AB 2025-07."]
    elif len(besluit.kenmerk.strip()) > 200:
        fouten[f"{veld}.kenmerk"] = ["Het kenmerk is hoogstens 200 tekens."]
    if not isinstance(besluit.datum, dt.date):
        fouten[f"{veld}.datum"] = ["Geef de datum van de vergadering waarin is besloten."]
    elif besluit.datum > timezone.localdate():
        fouten[f"{veld}.datum"] = ["De datum van het besluit ligt in de toekomst."]
    elif besluit.datum.year < JAAR_MIN:
        fouten[f"{veld}.datum"] = [f"Geef een datum vanaf {JAAR_MIN}."]
    return fouten


def record_college_decision(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    gemeente: Gemeente,
    onderwerp: str,
    besluit: BesluitInvoer | None,
    omschrijving: str = "",
    veld: str = "besluit",
) -> Bestuursbesluit:
    """Record one partner college's own decision (orgaan ``college``, ``gemeente`` set), inside the caller's
    transaction after its permission check: the municipality's side of an agreement with the pool (a DVO)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_college_decision runs inside the adopting service's transaction.")
    if besluit is None:
        raise InvalidInput(
            fields={
                veld: [
                    f"Leg het besluit van het college van {gemeente} vast: kenmerk en datum van de vergadering."
                ]
            }
        )
    fouten: dict[str, list[str]] = {}
    if besluit.orgaan and besluit.orgaan != Bestuursorgaan.COLLEGE:
        fouten[f"{veld}.orgaan"] = [
            f"Dit is het besluit van het college van burgemeester en wethouders van {gemeente}, "
            f"niet van het {orgaan_label(besluit.orgaan)}."
        ]
    fouten.update(_kenmerk_en_datum(besluit, veld))
    if fouten:
        raise InvalidInput(fields=fouten)
    assert besluit.datum is not None
    record = Bestuursbesluit(
        samenwerkingsverband=samenwerkingsverband,
        orgaan=Bestuursorgaan.COLLEGE,
        gemeente=gemeente,
        onderwerp=onderwerp,
        kenmerk=besluit.kenmerk.strip(),
        datum=besluit.datum,
        omschrijving=(besluit.omschrijving or omschrijving).strip(),
        vastgelegd_door=actor.user if actor.user_id else None,
    )
    full_clean_or_raise(record)
    record.save()
    audit.record(actor=actor, action="bestuursbesluit.vastleggen", instance=record)
    return record


def record_decision(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    onderwerp: str,
    besluit: BesluitInvoer | None,
    omschrijving: str = "",
    veld: str = "besluit",
) -> Bestuursbesluit:
    """Validate and record the decision, inside the caller's transaction (after its permission check)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_decision runs inside the adopting service's transaction.")
    besluit = validate_decision(samenwerkingsverband, onderwerp, besluit, veld=veld)
    assert besluit.datum is not None
    record = Bestuursbesluit(
        samenwerkingsverband=samenwerkingsverband,
        orgaan=besluit.orgaan,
        onderwerp=onderwerp,
        kenmerk=besluit.kenmerk.strip(),
        datum=besluit.datum,
        omschrijving=(besluit.omschrijving or omschrijving).strip(),
        vastgelegd_door=actor.user if actor.user_id else None,
    )
    full_clean_or_raise(record)
    record.save()
    audit.record(actor=actor, action="bestuursbesluit.vastleggen", instance=record)
    return record


def default_authorities(samenwerkingsverband: Samenwerkingsverband) -> None:
    """Give a new cooperation the Wgr defaults (inside the founding service's transaction)."""
    Besluitbevoegdheid.objects.bulk_create(
        [
            Besluitbevoegdheid(samenwerkingsverband=samenwerkingsverband, onderwerp=o, orgaan=orgaan)
            for o, orgaan in standaard_bevoegdheden(samenwerkingsverband.rechtsvorm).items()
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def set_authority(
    *, actor: Actor, samenwerkingsverband: Samenwerkingsverband, onderwerp: str, orgaan: str
) -> Besluitbevoegdheid:
    """Change which body decides a subject (as the regulation says; the beheerder keeps it)."""
    policy.require(
        actor, "besluitbevoegdheid.wijzigen", samenwerkingsverband, read_action="samenwerkingsverband.lezen"
    )
    fouten: dict[str, list[str]] = {}
    if onderwerp not in Besluitonderwerp.values:
        fouten["onderwerp"] = [f"Onbekend onderwerp '{onderwerp}'."]
    if orgaan not in Bestuursorgaan.values:
        fouten["orgaan"] = ["Kies het algemeen of het dagelijks bestuur."]
    elif orgaan == Bestuursorgaan.COLLEGE:
        # one partner's college decides its own side of an agreement, never for the cooperation
        fouten["orgaan"] = [
            "Het college van één deelnemer is geen orgaan van het samenwerkingsverband: kies het algemeen of "
            "het dagelijks bestuur, of de colleges van de deelnemers samen."
        ]
    if fouten:
        raise InvalidInput(fields=fouten)
    record, _ = Besluitbevoegdheid.objects.select_for_update().get_or_create(
        samenwerkingsverband=samenwerkingsverband, onderwerp=onderwerp, defaults={"orgaan": orgaan}
    )
    before = audit.snapshot(record)
    record.orgaan = orgaan
    record.save()
    audit.record(actor=actor, action="besluitbevoegdheid.wijzigen", instance=record, before=before)
    return record
