"""Services of the council reports: the ONE write path (pages, API, demo and the other modules call these).

Every write follows the house order: permission (404 when the actor may not read the record, 403 when it may read
but not act), the version check (``expected_version``; 428 without one from the API, 412 when stale), the state
check (409 naming why: a sent report is never edited, it is corrected by a new version), validation naming every
bad field (Dutch), the write, the audit event.

``aanbieden`` freezes the report: its content (``inhoud.bouw``, with the decision that sent it) is stored as JSON
and as the PDF rendered from it (``document.pdf``), each with its SHA-256 (the JSON's over its canonical form,
:func:`canonieke_json`), so what the council got can be shown later, byte for byte (ADR 0045).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.bounds import JAAR_MAX, JAAR_MIN
from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound, StaleVersion
from seta.core.services import (
    VersionRequired,
    check_version,
    create,
    full_clean_or_raise,
    lock,
    update_fields,
)
from seta.gemeenten.models import Gemeente
from seta.rapportage import lifecycle
from seta.rapportage.kern import model
from seta.rapportage.kern import perioden as kern_perioden
from seta.rapportage.models import Abonnement, Raadsrapportage, Rapportagecyclus, Ritme
from seta.samenwerkingsverbanden.besluiten import (
    BesluitInvoer,
    orgaan_label,
    record_college_decision,
    record_decision,
    require_bevoegd,
)
from seta.samenwerkingsverbanden.models import Besluitonderwerp, Deelnemer, Samenwerkingsverband

LEZEN = "raadsrapportage.lezen"
SV_LEZEN = "samenwerkingsverband.lezen"
TOELICHTING_MAX = 10_000
REDEN_MAX = 5_000
BRON_MAX = 300
DAGEN_MAX = 365

#: The field each explanation action writes.
TOELICHTING_VELD: dict[str, str] = {
    lifecycle.TOELICHTEN_POOL: "toelichting_pool",
    lifecycle.TOELICHTEN_GEMEENTE: "toelichting_gemeente",
}


# --- helpers ------------------------------------------------------------------------------------------------------
def canonieke_json(inhoud: Any) -> bytes:
    """The canonical bytes of a report's content: what ``inhoud_sha256`` is the hash of (keys sorted, no spaces,
    UTF-8). Anything that is not JSON (a stray Decimal or date) becomes its string, as it is stored."""
    return json.dumps(inhoud, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode(
        "utf-8"
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ritme_van(samenwerkingsverband: Samenwerkingsverband) -> str:
    """The cooperation's rhythm (its stored cycle, else the P&C cycle)."""
    cyclus = Rapportagecyclus.objects.filter(samenwerkingsverband=samenwerkingsverband).first()
    return cyclus.ritme if cyclus is not None else Ritme.PC_CYCLUS.value


def _is_partner(samenwerkingsverband: Samenwerkingsverband, gemeente: Gemeente, jaar: int) -> bool:
    begin, eind = dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)
    return (
        Deelnemer.objects.filter(
            samenwerkingsverband=samenwerkingsverband, gemeente=gemeente, toetredingsdatum__lte=eind
        )
        .filter(Q(uittredingsdatum__isnull=True) | Q(uittredingsdatum__gt=begin))
        .exists()
    )


def _tekst(waarde: Any, veld: str, maximum: int, fouten: dict[str, list[str]]) -> str:
    if waarde is None:
        return ""
    if not isinstance(waarde, str):
        fouten[veld] = ["Geef een tekst."]
        return ""
    if len(waarde.strip()) > maximum:
        fouten[veld] = [f"Hoogstens {maximum:,} tekens.".replace(",", ".")]
    return waarde.strip()


def _alleen_concept(rapportage: Raadsrapportage, wat: str) -> None:
    if rapportage.status != lifecycle.CONCEPT:
        raise Conflict(
            f"{rapportage} is {lifecycle.STATUS_LABELS[rapportage.status].lower()}: {wat} kan alleen in een "
            "concept. Een aangeboden rapportage wijzigt nooit; stel een gecorrigeerde versie op."
        )


def _vrije_versie(rapportage: Raadsrapportage) -> Raadsrapportage | None:
    """The concept of the same cooperation, recipient and period, if one is being drafted."""
    return (
        Raadsrapportage.objects.filter(
            samenwerkingsverband_id=rapportage.samenwerkingsverband_id,
            ontvanger=rapportage.ontvanger,
            jaar=rapportage.jaar,
            periode=rapportage.periode,
            status=lifecycle.CONCEPT,
        )
        .exclude(pk=rapportage.pk)
        .first()
    )


# --- drafting -----------------------------------------------------------------------------------------------------
@transaction.atomic
def opstellen(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    gemeente: Gemeente | None,
    jaar: int,
    periode: str,
) -> Raadsrapportage:
    """A concept report (version 1) for ``gemeente``'s council (None: the joint report to all councils) over the
    period ``periode`` (a code of the cooperation's cycle, e.g. ``najaarsnota``) of ``jaar``."""
    policy.require(actor, "raadsrapportage.opstellen", samenwerkingsverband, read_action=SV_LEZEN)
    fouten: dict[str, list[str]] = {}
    if isinstance(jaar, bool) or not isinstance(jaar, int) or not JAAR_MIN <= jaar <= JAAR_MAX:
        raise InvalidInput(fields={"jaar": [f"Een jaar van {JAAR_MIN} tot en met {JAAR_MAX}."]})
    ritme = ritme_van(samenwerkingsverband)
    p = kern_perioden.periode(ritme, jaar, periode) if isinstance(periode, str) else None
    if p is None:
        codes = ", ".join(q.code for q in kern_perioden.perioden(ritme, jaar))
        fouten["periode"] = [
            f"'{periode}' is geen periode van de rapportagecyclus van {samenwerkingsverband} "
            f"({Ritme(ritme).label}); kies uit {codes}."
        ]
    elif p.begin > timezone.localdate():
        fouten["periode"] = [f"De periode {p.volledige_naam} is nog niet begonnen."]
    if gemeente is not None and not _is_partner(samenwerkingsverband, gemeente, jaar):
        fouten["gemeente"] = [f"{gemeente} is in {jaar} geen deelnemer van {samenwerkingsverband}."]
    if fouten:
        raise InvalidInput(fields=fouten)
    assert p is not None
    ontvanger = gemeente.cbs_code if gemeente is not None else Raadsrapportage.GEZAMENLIJK
    bestaand = Raadsrapportage.objects.filter(
        samenwerkingsverband=samenwerkingsverband, ontvanger=ontvanger, jaar=jaar, periode=p.code
    )
    wie = f"de raad van {gemeente}" if gemeente is not None else "alle raden"
    if (open_versie := bestaand.filter(status=lifecycle.CONCEPT).first()) is not None:
        raise Conflict(
            f"Er is al een concept van de rapportage over {p.volledige_naam} aan {wie}: {open_versie}."
        )
    if (verzonden := bestaand.filter(status=lifecycle.AANGEBODEN).first()) is not None:
        raise Conflict(
            f"De rapportage over {p.volledige_naam} aan {wie} is al aangeboden ({verzonden}): stel daarvan een "
            "gecorrigeerde versie op."
        )
    volgnummer = (bestaand.aggregate(m=Max("volgnummer"))["m"] or 0) + 1
    return create(
        Raadsrapportage(
            samenwerkingsverband=samenwerkingsverband,
            gemeente=gemeente,
            jaar=jaar,
            periode=p.code,
            periode_naam=p.naam,
            begin=p.begin,
            eind=p.eind,
            volgnummer=volgnummer,
            opgesteld_door=actor.user if actor.user_id else None,
        ),
        actor=actor,
        action="raadsrapportage.opstellen",
    )


@transaction.atomic
def toelichten(
    *, actor: Actor, rapportage: Raadsrapportage, actie: str, tekst: str, expected_version: int | None
) -> Raadsrapportage:
    """Write the pool's explanation (``toelichten_pool``: the directeur) or the municipality's
    (``toelichten_gemeente``: its gemeentesecretaris) of a concept."""
    if actie not in TOELICHTING_VELD:
        raise InvalidInput(
            fields={"actie": [f"Onbekende handeling '{actie}'; kies {' of '.join(TOELICHTING_VELD)}."]}
        )
    policy.require(actor, f"raadsrapportage.{actie}", rapportage, read_action=LEZEN)
    rapportage = lock(rapportage, expected_version=expected_version)
    _alleen_concept(rapportage, "de toelichting wijzigen")
    if lifecycle.overgang(rapportage.status, actie, gezamenlijk=rapportage.is_gezamenlijk) is None:
        raise Conflict(
            "De gezamenlijke rapportage aan alle raden heeft geen toelichting van één gemeentesecretaris."
        )
    fouten: dict[str, list[str]] = {}
    schoon = _tekst(tekst, "tekst", TOELICHTING_MAX, fouten)
    if fouten:
        raise InvalidInput(fields=fouten)
    return update_fields(
        rapportage,
        actor=actor,
        action=f"raadsrapportage.{actie}",
        changes={TOELICHTING_VELD[actie]: schoon},
    )


# --- sending: the freeze ------------------------------------------------------------------------------------------
def _besluit_json(record: Any) -> model.Besluit:
    return {
        "orgaan": str(record.orgaan),
        "orgaan_label": orgaan_label(record.orgaan)
        if record.gemeente_id is None
        else f"college van burgemeester en wethouders van {record.gemeente}",
        "kenmerk": record.kenmerk,
        "datum": record.datum.isoformat(),
    }


def require_aanbieden(*, actor: Actor, rapportage: Raadsrapportage) -> None:
    """The refusal names who sends: the municipality's college, or the body that adopts the joint report."""
    if rapportage.is_gezamenlijk:
        require_bevoegd(
            actor,
            "raadsrapportage.aanbieden",
            rapportage,
            samenwerkingsverband=rapportage.samenwerkingsverband,
            onderwerp=Besluitonderwerp.RAADSRAPPORTAGE,
            read_action=LEZEN,
        )
        return
    if not policy.can(actor, LEZEN, rapportage):
        raise NotFound()
    if not policy.can(actor, "raadsrapportage.aanbieden", rapportage):
        raise Forbidden(
            f"Het college van burgemeester en wethouders van {rapportage.gemeente} biedt deze rapportage aan de "
            "raad aan: alleen de burgemeester of een wethouder van die gemeente legt dat besluit vast."
        )


@transaction.atomic
def aanbieden(
    *,
    actor: Actor,
    rapportage: Raadsrapportage,
    besluit: BesluitInvoer | Mapping[str, Any] | None,
    expected_version: int | None,
    vandaag: dt.date | None = None,
) -> Raadsrapportage:
    """Send a concept to the council and freeze it.

    A municipality's report rests on its college's decision (``record_college_decision``, orgaan ``college``);
    the joint report on the decision of the body the governance names for ``raadsrapportage`` (the AB by
    default). The content as of ``vandaag`` is stored with the decision in it, with the PDF rendered from it and
    the SHA-256 of both; the version it corrects becomes ``vervangen``. Subscribers are told after the commit."""
    from seta.rapportage import berichten, document, inhoud

    require_aanbieden(actor=actor, rapportage=rapportage)
    rapportage = lock(rapportage, expected_version=expected_version)
    _alleen_concept(rapportage, "aanbieden")
    vandaag = vandaag or timezone.localdate()
    invoer = BesluitInvoer.uit(besluit)
    if invoer is not None and isinstance(invoer.datum, dt.date) and invoer.datum <= rapportage.eind:
        raise InvalidInput(
            fields={
                "besluit.datum": [
                    f"Het besluit tot aanbieden valt na het einde van de periode ({rapportage.eind:%d-%m-%Y})."
                ]
            }
        )
    sv = rapportage.samenwerkingsverband
    if rapportage.gemeente is not None:
        record = record_college_decision(
            actor=actor,
            samenwerkingsverband=sv,
            gemeente=rapportage.gemeente,
            onderwerp=Besluitonderwerp.RAADSRAPPORTAGE,
            besluit=invoer,
            omschrijving=f"Aanbieding {rapportage} aan de raad",
        )
    else:
        record = record_decision(
            actor=actor,
            samenwerkingsverband=sv,
            onderwerp=Besluitonderwerp.RAADSRAPPORTAGE,
            besluit=invoer,
            omschrijving=f"Vaststelling {rapportage}",
        )
    voorganger: Raadsrapportage | None = None
    if rapportage.voorganger_id is not None:
        voorganger = lock(Raadsrapportage.objects.get(pk=rapportage.voorganger_id))
    inhoud_nu = dict(inhoud.bouw(rapportage, vandaag=vandaag))
    inhoud_nu["besluit"] = _besluit_json(record)
    inhoud_nu["versie"] = rapportage.volgnummer
    if voorganger is not None and not inhoud_nu.get("corrigeert"):
        inhoud_nu["corrigeert"] = {"id": voorganger.pk, "naam": str(voorganger)}
    inhoud_nu["correctiereden"] = rapportage.correctiereden
    canoniek = canonieke_json(inhoud_nu)
    bevroren: model.Inhoud = json.loads(canoniek)
    pdf = document.pdf(bevroren)
    # the version it corrects steps aside first: at most one version of a period is "aangeboden"
    if voorganger is not None and voorganger.status == lifecycle.AANGEBODEN:
        update_fields(
            voorganger,
            actor=actor,
            action="raadsrapportage.vervangen",
            changes={"status": lifecycle.VERVANGEN},
        )
    rapportage = update_fields(
        rapportage,
        actor=actor,
        action="raadsrapportage.aanbieden",
        changes={
            "status": lifecycle.AANGEBODEN,
            "inhoud": bevroren,
            "inhoud_sha256": sha256(canoniek),
            "pdf": pdf,
            "pdf_sha256": sha256(pdf),
            "besluit": record,
            "aangeboden_op": vandaag,
            "aangeboden_door": actor.user if actor.user_id else None,
        },
    )
    verzonden = rapportage
    transaction.on_commit(lambda: berichten.na_publicatie(verzonden))
    return rapportage


@transaction.atomic
def corrigeren(
    *, actor: Actor, rapportage: Raadsrapportage, reden: str, expected_version: int | None
) -> Raadsrapportage:
    """A concept copy of a sent report (volgnummer + 1, ``voorganger`` = it, the texts copied, the reason
    recorded). The sent one stays what the council holds until the correction is sent."""
    policy.require(actor, "raadsrapportage.corrigeren", rapportage, read_action=LEZEN)
    bron = lock(rapportage, expected_version=expected_version)
    if bron.status != lifecycle.AANGEBODEN:
        if bron.status == lifecycle.VERVANGEN:
            raise Conflict(
                f"{bron} is al vervangen door een gecorrigeerde versie: corrigeer de nieuwste versie."
            )
        raise Conflict(f"{bron} is nog een concept: wijzig de toelichting of bied het aan.")
    fouten: dict[str, list[str]] = {}
    schoon = _tekst(reden, "reden", REDEN_MAX, fouten)
    if not schoon and "reden" not in fouten:
        fouten["reden"] = ["Geef de reden van de correctie: wat was er onjuist aan de aangeboden versie?"]
    if fouten:
        raise InvalidInput(fields=fouten)
    if (open_versie := _vrije_versie(bron)) is not None:
        raise Conflict(f"Er is al een gecorrigeerde versie in concept: {open_versie}.")
    hoogste = (
        Raadsrapportage.objects.filter(
            samenwerkingsverband_id=bron.samenwerkingsverband_id,
            ontvanger=bron.ontvanger,
            jaar=bron.jaar,
            periode=bron.periode,
        ).aggregate(m=Max("volgnummer"))["m"]
        or 0
    )
    return create(
        Raadsrapportage(
            samenwerkingsverband_id=bron.samenwerkingsverband_id,
            gemeente_id=bron.gemeente_id,
            jaar=bron.jaar,
            periode=bron.periode,
            periode_naam=bron.periode_naam,
            begin=bron.begin,
            eind=bron.eind,
            volgnummer=hoogste + 1,
            voorganger=bron,
            toelichting_pool=bron.toelichting_pool,
            toelichting_gemeente=bron.toelichting_gemeente,
            correctiereden=schoon,
            opgesteld_door=actor.user if actor.user_id else None,
        ),
        actor=actor,
        action="raadsrapportage.corrigeren",
    )


def voer_uit(
    *, actor: Actor, rapportage: Raadsrapportage, actie: str, gegevens: Mapping[str, Any]
) -> Raadsrapportage:
    """Run an action of the lifecycle table by name (the API's and the pages' action routes). ``gegevens``:
    ``expected_version`` and, per action, ``tekst`` / ``besluit`` / ``reden``."""
    versie = gegevens.get("expected_version")
    if actie in TOELICHTING_VELD:
        return toelichten(
            actor=actor,
            rapportage=rapportage,
            actie=actie,
            tekst=gegevens.get("tekst") or "",
            expected_version=versie,
        )
    if actie == lifecycle.AANBIEDEN:
        return aanbieden(
            actor=actor, rapportage=rapportage, besluit=gegevens.get("besluit"), expected_version=versie
        )
    if actie == lifecycle.CORRIGEREN:
        return corrigeren(
            actor=actor, rapportage=rapportage, reden=gegevens.get("reden") or "", expected_version=versie
        )
    raise InvalidInput(fields={"actie": [f"Onbekende handeling '{actie}'."]})


# --- the cycle ----------------------------------------------------------------------------------------------------
@transaction.atomic
def cyclus_instellen(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    ritme: str,
    bron: str,
    dagen_na_periode: int,
    expected_version: int | None = None,
) -> Rapportagecyclus:
    """Set the cooperation's reporting cycle (its rhythm, what it rests on, and within how many days after a
    period the report goes to the council). A cooperation without one reports in the P&C cycle (version 0)."""
    policy.require(
        actor, "rapportagecyclus.wijzigen", samenwerkingsverband, read_action="rapportagecyclus.lezen"
    )
    bestaand = Rapportagecyclus.objects.filter(samenwerkingsverband=samenwerkingsverband).first()
    if bestaand is not None:
        bestaand = lock(bestaand, expected_version=expected_version)
    elif isinstance(expected_version, VersionRequired):
        check_version(Rapportagecyclus(versie=0), expected_version)
    elif expected_version is not None and int(expected_version) != 0:
        raise StaleVersion(expected=int(expected_version), current=0)
    fouten: dict[str, list[str]] = {}
    if ritme not in Ritme.values:
        fouten["ritme"] = [f"Kies een ritme: {', '.join(Ritme.values)}."]
    schone_bron = _tekst(bron, "bron", BRON_MAX, fouten)
    if isinstance(dagen_na_periode, bool) or not isinstance(dagen_na_periode, int):
        fouten["dagen_na_periode"] = ["Geef een geheel aantal dagen."]
    elif not 1 <= dagen_na_periode <= DAGEN_MAX:
        fouten["dagen_na_periode"] = [f"Een aantal dagen van 1 tot en met {DAGEN_MAX}."]
    if fouten:
        raise InvalidInput(fields=fouten)
    waarden = {"ritme": ritme, "bron": schone_bron, "dagen_na_periode": dagen_na_periode}
    if bestaand is None:
        return create(
            Rapportagecyclus(samenwerkingsverband=samenwerkingsverband, **waarden),
            actor=actor,
            action="rapportagecyclus.instellen",
        )
    return update_fields(bestaand, actor=actor, action="rapportagecyclus.wijzigen", changes=waarden)


# --- subscriptions ------------------------------------------------------------------------------------------------
@transaction.atomic
def abonneren(
    *, actor: Actor, samenwerkingsverband: Samenwerkingsverband, gemeente: Gemeente | None
) -> Abonnement:
    """Subscribe the actor to the cooperation's published reports: those for ``gemeente``'s council, or (None)
    every report of the cooperation, the joint one included. An e-mail with a link follows each publication."""
    policy.require(actor, "abonnement.nemen", samenwerkingsverband, read_action=SV_LEZEN)
    if (
        gemeente is not None
        and not Deelnemer.objects.filter(
            samenwerkingsverband=samenwerkingsverband, gemeente=gemeente
        ).exists()
    ):
        raise InvalidInput(fields={"gemeente": [f"{gemeente} is geen deelnemer van {samenwerkingsverband}."]})
    bestaand = Abonnement.objects.filter(
        gebruiker_id=actor.user_id, samenwerkingsverband=samenwerkingsverband, gemeente=gemeente
    ).first()
    if bestaand is not None:
        raise Conflict(f"U bent al geabonneerd: {bestaand}.")
    abonnement = Abonnement(
        gebruiker=actor.user, samenwerkingsverband=samenwerkingsverband, gemeente=gemeente
    )
    full_clean_or_raise(abonnement)
    abonnement.save()
    audit.record(actor=actor, action="abonnement.nemen", instance=abonnement)
    return abonnement


@transaction.atomic
def opzeggen(*, actor: Actor, abonnement: Abonnement) -> None:
    """End one's own subscription (someone else's is not found)."""
    if not policy.can(actor, "abonnement.opzeggen", abonnement):
        raise NotFound()
    before = audit.snapshot(abonnement)
    audit.record(actor=actor, action="abonnement.opzeggen", instance=abonnement, before=before, after={})
    abonnement.delete()
