"""The one write path of the samenwerkingsscan: scans (drafts, answers, partners, results) and cases.

Every function takes the actor first, checks the policy, validates (InvalidInput naming the question
id or the partner), writes and records an audit event. The scoring is done by the pure core
(:mod:`seta.scan.scoring`) through :mod:`seta.scan.kern`; the service stores what it returns.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.errors import InvalidInput
from seta.core.services import check_version, full_clean_or_raise, lock
from seta.gemeenten.models import Gemeente
from seta.scan import kern
from seta.scan.models import Casus, Scanpartner, Scansessie, Scanstatus
from seta.scan.scoring.model import paar_sleutel

MAX_PARTNERS = 12


class _Ongewijzigd(enum.Enum):
    """Sentinel: the argument was not given (None means: clear the value)."""

    TOKEN = 0


ONGEWIJZIGD = _Ongewijzigd.TOKEN


@dataclass(frozen=True)
class PartnerInvoer:
    """One candidate partner as entered: a CBS code from the reference list, or a gemeente by hand."""

    gemeente: str | None = None  # CBS code, e.g. GM0252
    naam: str = ""
    provincie: str = ""
    inwoners: int | None = None

    @classmethod
    def from_data(cls, data: Any, veld: str) -> PartnerInvoer:
        if isinstance(data, str):
            return cls(gemeente=data)
        if not isinstance(data, Mapping):
            raise InvalidInput(fields={veld: ["Geef een gemeentecode of een naam, provincie en inwonertal."]})
        code = data.get("gemeente") or data.get("code") or data.get("cbs_code") or data.get("cbsCode")
        inwoners = data.get("inwoners", data.get("bevolking"))
        if inwoners in ("", None):
            inwoners = None
        else:
            try:
                inwoners = int(inwoners)
            except (TypeError, ValueError) as exc:
                raise InvalidInput(
                    fields={f"{veld}.inwoners": ["Het inwonertal moet een geheel getal zijn."]}
                ) from exc
        return cls(
            gemeente=str(code).strip().upper() if code else None,
            naam=str(data.get("naam") or "").strip(),
            provincie=str(data.get("provincie") or "").strip(),
            inwoners=inwoners,
        )


# --- answers -------------------------------------------------------------------------------------------
def _normalise_een(vraag: Any, waarde: Any) -> tuple[Any, str | None]:
    """One answer value: (clean value, None) or (None, Dutch error)."""
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        return None, None
    if isinstance(waarde, str) and waarde.strip().lower() in {kern.WEET_NIET, "weet_niet", "weetniet"}:
        return kern.WEET_NIET, None
    toegestaan = vraag.toegestane_waarden()
    if vraag.soort == "schaal":
        try:
            getal = int(str(waarde).strip()) if not isinstance(waarde, bool) else None
        except ValueError:
            getal = None
        if getal is None or (isinstance(waarde, float) and not float(waarde).is_integer()):
            return None, (
                f"Vraag '{vraag.id}' ({vraag.titel}): geef een geheel getal van {vraag.schaal_min} tot en met "
                f"{vraag.schaal_max}, of 'weet niet'."
            )
        if getal not in toegestaan:
            return None, (
                f"Vraag '{vraag.id}' ({vraag.titel}): {getal} ligt buiten de schaal {vraag.schaal_min} tot en met "
                f"{vraag.schaal_max}."
            )
        return getal, None
    tekst = str(waarde).strip().lower() if not isinstance(waarde, bool) else ("ja" if waarde else "nee")
    if tekst not in toegestaan:
        opties = ", ".join(f"'{o}'" for o in toegestaan)
        return None, (
            f"Vraag '{vraag.id}' ({vraag.titel}): '{waarde}' is geen geldig antwoord; kies {opties} of 'weet niet'."
        )
    return tekst, None


def normalise_answers(antwoorden: Mapping[str, Any], *, veldprefix: str = "antwoorden") -> dict[str, Any]:
    """Validate answers against the questionnaire, keyed by question id; None or '' removes an answer.

    Returns the cleaned mapping (scale values as integers). Raises InvalidInput naming every bad
    question id (unknown question, value out of range, unknown option).
    """
    vragen = kern.vragenlijst()
    fouten: dict[str, list[str]] = {}
    schoon: dict[str, Any] = {}
    if not isinstance(antwoorden, Mapping):
        raise InvalidInput(fields={veldprefix: ["Geef de antwoorden als een object: vraag-id → antwoord."]})
    for vraag_id, waarde in antwoorden.items():
        naam = f"{veldprefix}.{vraag_id}"
        vraag = vragen.get(str(vraag_id))
        if vraag is None:
            fouten[naam] = [f"Onbekende vraag '{vraag_id}'."]
            continue
        if isinstance(waarde, Mapping):
            # A per-partner (or per-pair) answer: {partnernaam: antwoord} or {"A + B": antwoord}.
            if vraag.per == "scan":
                fouten[naam] = [
                    f"Vraag '{vraag.id}' ({vraag.titel}) wordt voor de hele scan beantwoord, niet per partner."
                ]
                continue
            per: dict[str, Any] = {}
            for sleutel, sub in waarde.items():
                namen = (
                    [n.strip() for n in str(sleutel).split("+")]
                    if vraag.per == "paar"
                    else [str(sleutel).strip()]
                )
                if not all(namen) or (vraag.per == "paar" and len(namen) != 2):
                    fouten[f"{naam}.{sleutel}"] = [
                        f"'{sleutel}' is geen paar; schrijf 'Gemeente A + Gemeente B'."
                    ]
                    continue
                sub_schoon, fout = _normalise_een(vraag, sub)
                if fout:
                    fouten[f"{naam}.{sleutel}"] = [f"{fout[:-1]} (bij {sleutel})."]
                elif sub_schoon is not None:
                    per[paar_sleutel(*namen) if vraag.per == "paar" else namen[0]] = sub_schoon
            schoon[vraag.id] = per or None
            continue
        if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
            schoon[vraag.id] = None
            continue
        waarde_schoon, fout = _normalise_een(vraag, waarde)
        if fout:
            fouten[naam] = [fout]
            continue
        schoon[vraag.id] = waarde_schoon
    if fouten:
        raise InvalidInput(fields=fouten)
    return schoon


def onbekende_partners_in_antwoorden(
    antwoorden: Mapping[str, Any], partner_namen: Sequence[str]
) -> dict[str, list[str]]:
    """Per-partner answers that name a municipality that is not (or no longer) a partner of the scan."""
    fouten: dict[str, list[str]] = {}
    bekend = set(partner_namen)
    for vraag_id, waarde in antwoorden.items():
        if not isinstance(waarde, Mapping):
            continue
        for sleutel in waarde:
            namen = [n.strip() for n in str(sleutel).split("+")]
            onbekend = [n for n in namen if n not in bekend]
            if onbekend:
                fouten[f"antwoorden.{vraag_id}.{sleutel}"] = [
                    f"Vraag '{vraag_id}': {', '.join(onbekend)} is geen partner van deze scan; "
                    "pas het antwoord per gemeente aan of voeg de gemeente toe."
                ]
    return fouten


def missing_required(antwoorden: Mapping[str, Any]) -> dict[str, list[str]]:
    """Required questions without an answer ('weet niet' counts as an answer)."""
    fouten: dict[str, list[str]] = {}
    for vraag in kern.vragenlijst():
        if vraag.verplicht and antwoorden.get(vraag.id) in (None, ""):
            fouten[f"antwoorden.{vraag.id}"] = [
                f"Vraag '{vraag.id}' ({vraag.titel}) is verplicht; antwoord desnoods met 'weet niet'."
            ]
    return fouten


# --- partners ------------------------------------------------------------------------------------------
def _resolve_partners(invoer: Sequence[PartnerInvoer]) -> list[Scanpartner]:
    """Turn partner input into unsaved Scanpartner rows; InvalidInput names each bad partner."""
    fouten: dict[str, list[str]] = {}
    codes = [p.gemeente for p in invoer if p.gemeente]
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.filter(cbs_code__in=codes)}
    rows: list[Scanpartner] = []
    gezien: set[str] = set()
    if len(invoer) > MAX_PARTNERS:
        fouten["partners"] = [f"Een scan heeft hoogstens {MAX_PARTNERS} partners."]
    for index, p in enumerate(invoer):
        veld = f"partners[{index}]"
        if p.gemeente:
            gemeente = gemeenten.get(p.gemeente)
            if gemeente is None:
                fouten[f"{veld}.gemeente"] = [
                    f"Onbekende gemeentecode '{p.gemeente}'. Kies een gemeente uit de referentielijst (GMxxxx) of voer "
                    "een niet meer bestaande gemeente in met naam, provincie en inwonertal."
                ]
                continue
            sleutel = gemeente.cbs_code
            if sleutel in gezien:
                fouten[f"{veld}.gemeente"] = [f"{gemeente.naam} staat al in de lijst van partners."]
                continue
            gezien.add(sleutel)
            rows.append(
                Scanpartner(
                    gemeente=gemeente,
                    naam=gemeente.naam,
                    provincie=gemeente.provincie,
                    inwoners=gemeente.inwoners,
                    handmatig=False,
                    volgorde=index,
                )
            )
            continue
        if not p.naam:
            fouten[f"{veld}.naam"] = [
                "Geef een gemeentecode uit de referentielijst, of de naam van de gemeente."
            ]
            continue
        if p.inwoners is not None and p.inwoners <= 0:
            fouten[f"{veld}.inwoners"] = ["Het inwonertal moet groter dan nul zijn."]
            continue
        # --- issue 15 (h-scan-val): a hand-entered name that today means a later, larger municipality
        vergroot = kern.io.load_vergrote_gemeenten().get(p.naam.casefold())
        if vergroot is not None and p.inwoners is None:
            fouten[f"{veld}.naam"] = [
                f"{vergroot.naam} is sinds {vergroot.jaar} samen met {kern.io.opsomming(vergroot.samen_met)} één grotere "
                f"gemeente. Bedoelt u de huidige gemeente, kies dan {vergroot.naam} ({vergroot.code}) uit de lijst; "
                f"bedoelt u {vergroot.naam} van vóór {vergroot.jaar}, geef dan het inwonertal van toen."
            ]
            continue
        # --- end issue 15
        bekend = kern.bekende_opgeheven_gemeente(p.naam)
        if bekend is not None:
            # A municipality the core knows (data/gemeenten-extra.yaml): fill in what was left empty.
            p = PartnerInvoer(
                naam=bekend.naam,
                provincie=p.provincie or (bekend.provincie or ""),
                inwoners=p.inwoners if p.inwoners is not None else bekend.bevolking,
            )
        sleutel = f"naam:{p.naam.lower()}"
        if sleutel in gezien:
            fouten[f"{veld}.naam"] = [f"{p.naam} staat al in de lijst van partners."]
            continue
        gezien.add(sleutel)
        rows.append(
            Scanpartner(
                gemeente=None,
                naam=p.naam,
                provincie=p.provincie,
                inwoners=p.inwoners,
                handmatig=True,
                volgorde=index,
            )
        )
    if fouten:
        raise InvalidInput(fields=fouten)
    return rows


def _partner_snapshot(scansessie: Scansessie) -> list[dict[str, Any]]:
    return [
        {
            "gemeente": p.cbs_code,
            "naam": p.naam,
            "provincie": p.provincie,
            "inwoners": p.inwoners,
            "handmatig": p.handmatig,
        }
        for p in scansessie.partners.select_related("gemeente").all()
    ]


def _replace_partners(scansessie: Scansessie, rows: list[Scanpartner]) -> None:
    scansessie.partners.all().delete()
    for volgorde, row in enumerate(rows):
        row.scansessie = scansessie
        row.volgorde = volgorde
    Scanpartner.objects.bulk_create(rows)


def _invalidate_result(scansessie: Scansessie) -> None:
    """Answers or partners changed: the stored result no longer describes this scan."""
    scansessie.resultaat = None
    scansessie.resultaat_versie = ""
    scansessie.berekend_op = None
    scansessie.status = Scanstatus.CONCEPT


# --- scans ---------------------------------------------------------------------------------------------
@transaction.atomic
def create_scansessie(
    *,
    actor: Actor,
    naam: str,
    partners: Sequence[PartnerInvoer] = (),
    antwoorden: Mapping[str, Any] | None = None,
    aantal_partners: int | None = None,
) -> Scansessie:
    """Start a scan (a draft owned by the actor)."""
    policy.require(actor, "scansessie.aanmaken")
    fouten: dict[str, list[str]] = {}
    if not (naam or "").strip():
        fouten["naam"] = ["Geef de scan een naam, bijvoorbeeld 'Heumen zoekt een partner'."]
    try:
        rows = _resolve_partners(partners)
    except InvalidInput as exc:
        fouten.update(exc.fields)
        rows = []
    try:
        schoon = normalise_answers(antwoorden or {})
    except InvalidInput as exc:
        fouten.update(exc.fields)
        schoon = {}
    if fouten:
        raise InvalidInput(fields=fouten)
    scansessie = Scansessie(
        naam=naam.strip(),
        eigenaar=actor.user,
        antwoorden={k: v for k, v in schoon.items() if v is not None},
        aantal_partners=aantal_partners,
    )
    full_clean_or_raise(scansessie)
    scansessie.save()
    _replace_partners(scansessie, rows)
    after = audit.snapshot(scansessie) or {}
    after["partners"] = _partner_snapshot(scansessie)
    audit.record(actor=actor, action="scansessie.aanmaken", instance=scansessie, after=after)
    return scansessie


@transaction.atomic
def update_scansessie(
    *,
    actor: Actor,
    scansessie: Scansessie,
    expected_version: int | None = None,
    naam: str | None = None,
    antwoorden: Mapping[str, Any] | None = None,
    partners: Sequence[PartnerInvoer] | None = None,
    aantal_partners: int | _Ongewijzigd | None = ONGEWIJZIGD,
) -> Scansessie:
    """Save a draft: rename, merge answers (None removes one), replace partners.

    Missing required answers are fine in a draft; :func:`calculate` asks for them.
    """
    policy.require(actor, "scansessie.wijzigen", scansessie, read_action="scansessie.lezen")
    scansessie = Scansessie.objects.select_for_update(of=("self",)).get(pk=scansessie.pk)
    check_version(scansessie, expected_version)
    before = audit.snapshot(scansessie) or {}
    before["partners"] = _partner_snapshot(scansessie)
    fouten: dict[str, list[str]] = {}
    changed_input = False
    if naam is not None:
        if not naam.strip():
            fouten["naam"] = ["De naam mag niet leeg zijn."]
        scansessie.naam = naam.strip()
    rows: list[Scanpartner] | None = None
    if partners is not None:
        try:
            rows = _resolve_partners(partners)
        except InvalidInput as exc:
            fouten.update(exc.fields)
    if antwoorden is not None:
        try:
            schoon = normalise_answers(antwoorden)
        except InvalidInput as exc:
            fouten.update(exc.fields)
            schoon = {}
        merged = dict(scansessie.antwoorden or {})
        for key, value in schoon.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        if merged != scansessie.antwoorden:
            changed_input = True
        scansessie.antwoorden = merged
    if not isinstance(aantal_partners, _Ongewijzigd):
        if aantal_partners is not None and (not isinstance(aantal_partners, int) or aantal_partners < 1):
            fouten["aantal_partners"] = ["Het aantal partners moet een geheel getal zijn."]
        elif aantal_partners != scansessie.aantal_partners:
            changed_input = True
            scansessie.aantal_partners = aantal_partners
    if fouten:
        raise InvalidInput(fields=fouten)
    if rows is not None:
        old = [(p["gemeente"], p["naam"], p["provincie"], p["inwoners"]) for p in before["partners"]]
        new = [(r.gemeente.cbs_code if r.gemeente else None, r.naam, r.provincie, r.inwoners) for r in rows]
        if old != new:
            changed_input = True
            _replace_partners(scansessie, rows)
    if changed_input:
        _invalidate_result(scansessie)
    full_clean_or_raise(scansessie)
    scansessie.versie += 1
    scansessie.save()
    after = audit.snapshot(scansessie) or {}
    after["partners"] = _partner_snapshot(scansessie)
    audit.record(actor=actor, action="scansessie.wijzigen", instance=scansessie, before=before, after=after)
    return scansessie


def add_partner(
    *, actor: Actor, scansessie: Scansessie, partner: PartnerInvoer, expected_version: int | None = None
) -> Scansessie:
    """Add one partner to a draft (the wizard's step 1)."""
    huidige = [
        PartnerInvoer(gemeente=p.cbs_code)
        if not p.handmatig
        else PartnerInvoer(naam=p.naam, provincie=p.provincie, inwoners=p.inwoners)
        for p in scansessie.partners.select_related("gemeente").all()
    ]
    try:
        return update_scansessie(
            actor=actor,
            scansessie=scansessie,
            expected_version=expected_version,
            partners=[*huidige, partner],
        )
    except InvalidInput as exc:
        # Name the new partner's fields as the form knows them.
        index = len(huidige)
        prefix = f"partners[{index}]."
        fields = {(k[len(prefix) :] if k.startswith(prefix) else k): v for k, v in exc.fields.items()}
        raise InvalidInput(fields=fields) from exc


def remove_partner(
    *, actor: Actor, scansessie: Scansessie, partner_id: int, expected_version: int | None = None
) -> Scansessie:
    """Remove one partner from a draft."""
    huidige = list(scansessie.partners.select_related("gemeente").all())
    rest = [
        PartnerInvoer(gemeente=p.cbs_code)
        if not p.handmatig
        else PartnerInvoer(naam=p.naam, provincie=p.provincie, inwoners=p.inwoners)
        for p in huidige
        if p.pk != partner_id
    ]
    return update_scansessie(
        actor=actor, scansessie=scansessie, expected_version=expected_version, partners=rest
    )


@transaction.atomic
def delete_scansessie(*, actor: Actor, scansessie: Scansessie, expected_version: int | None = None) -> None:
    policy.require(actor, "scansessie.verwijderen", scansessie, read_action="scansessie.lezen")
    scansessie = lock(scansessie, expected_version=expected_version)
    before = audit.snapshot(scansessie)
    audit.record(actor=actor, action="scansessie.verwijderen", instance=scansessie, before=before, after={})
    scansessie.delete()


@transaction.atomic
def calculate(*, actor: Actor, scansessie: Scansessie, expected_version: int | None = None) -> Scansessie:
    """Compute the scan with the current case base and store the result (the scan becomes 'afgerond').

    Refuses (InvalidInput naming the question) while a required answer is missing or fewer than two
    partners are known.
    """
    policy.require(actor, "scansessie.wijzigen", scansessie, read_action="scansessie.lezen")
    scansessie = Scansessie.objects.select_for_update(of=("self",)).get(pk=scansessie.pk)
    check_version(scansessie, expected_version)
    partners = list(scansessie.partners.select_related("gemeente").all())
    fouten = missing_required(scansessie.antwoorden or {})
    fouten.update(onbekende_partners_in_antwoorden(scansessie.antwoorden or {}, [p.naam for p in partners]))
    if max(len(partners), scansessie.aantal_partners or 0) < 2:
        fouten["partners"] = ["Kies minstens twee partnergemeenten (stap 1)."]
    elif not partners:
        fouten["partners"] = ["Kies minstens één partnergemeente bij naam (stap 1)."]
    if fouten:
        raise InvalidInput("De scan kan nog niet worden berekend.", fields=fouten)
    before = audit.snapshot(scansessie)
    resultaat, versie = kern.bereken(
        partners=[kern.partner_van(p) for p in partners],
        antwoorden=scansessie.antwoorden or {},
        aantal_partners=scansessie.aantal_partners,
        casussen=kern.casussen_uit_db(),
    )
    scansessie.resultaat = resultaat
    scansessie.resultaat_versie = versie
    scansessie.berekend_op = timezone.now()
    scansessie.status = Scanstatus.AFGEROND
    scansessie.versie += 1
    scansessie.save()
    audit.record(
        actor=actor,
        action="scansessie.berekenen",
        instance=scansessie,
        before=before,
        after={"status": scansessie.status, "resultaat_versie": versie, "oordeel": resultaat.get("oordeel")},
    )
    return scansessie


def calculate_file(*, actor: Actor, data: Any) -> dict[str, Any]:
    """The stateless scan: a questionnaire file (the format of ``seta scan FILE``) in, the result out.

    Validation is the core's own (the same as the command line), with partners looked up in the
    database's reference list; every error is reported under the question id or partner it is about.
    Nothing is stored.
    """
    policy.require(actor, "scan.berekenen")
    try:
        invoer = kern.lees_bestand(data)
    except kern.io.ScanInputError as exc:
        fouten: dict[str, list[str]] = {}
        for melding in exc.fouten:
            fouten.setdefault(kern.veld_van_fout(melding), []).append(melding[:1].upper() + melding[1:] + ".")
        raise InvalidInput("Het vragenlijstbestand is ongeldig.", fields=fouten) from exc
    resultaat, _versie = kern.bereken(
        partners=invoer.partners,
        antwoorden=invoer.antwoorden.als_dict(),
        aantal_partners=invoer.antwoorden.aantal_partners,
        casussen=kern.casussen_uit_db(),
    )
    return resultaat


# --- case base -----------------------------------------------------------------------------------------
CASUS_VELDEN = (
    "naam",
    "jaar",
    "vorm",
    "uitkomst",
    "partners",
    "aantal_partners",
    "genoemde_factoren",
    "antwoorden",
    "bron",
    "toelichting",
    "interpretatie",
    "actief",
)


def _validate_casus(casus: Casus) -> None:
    full_clean_or_raise(casus)
    fouten = kern.check_casus(casus.as_data())
    if fouten:
        raise InvalidInput("De casus is ongeldig.", fields=fouten)


@transaction.atomic
def create_casus(*, actor: Actor, code: str, **velden: Any) -> Casus:
    policy.require(actor, "casus.aanmaken")
    onbekend = set(velden) - set(CASUS_VELDEN)
    if onbekend:
        raise InvalidInput(fields={name: ["Onbekend veld."] for name in sorted(onbekend)})
    casus = Casus(code=code, **velden)
    _validate_casus(casus)
    casus.save()
    audit.record(actor=actor, action="casus.aanmaken", instance=casus)
    return casus


@transaction.atomic
def update_casus(*, actor: Actor, casus: Casus, expected_version: int | None = None, **changes: Any) -> Casus:
    policy.require(actor, "casus.wijzigen", casus, read_action="casus.lezen")
    onbekend = set(changes) - set(CASUS_VELDEN) - {"code"}
    if onbekend:
        raise InvalidInput(fields={name: ["Onbekend veld."] for name in sorted(onbekend)})
    casus = lock(casus, expected_version=expected_version)
    before = audit.snapshot(casus)
    for name, value in changes.items():
        setattr(casus, name, value)
    _validate_casus(casus)
    casus.versie += 1
    casus.save()
    audit.record(actor=actor, action="casus.wijzigen", instance=casus, before=before)
    return casus


@transaction.atomic
def delete_casus(*, actor: Actor, casus: Casus, expected_version: int | None = None) -> None:
    policy.require(actor, "casus.verwijderen", casus, read_action="casus.lezen")
    casus = lock(casus, expected_version=expected_version)
    audit.record(
        actor=actor, action="casus.verwijderen", instance=casus, before=audit.snapshot(casus), after={}
    )
    casus.delete()


@transaction.atomic
def load_casussen(*, actor: Actor, path: Path | None = None, overschrijven: bool = False) -> dict[str, int]:
    """Load the case base from YAML into the table: new cases are added; existing ones are kept unless
    ``overschrijven`` (then the YAML wins). The system actor loads it for the demo and ``seta scan-casussen``."""
    policy.require(actor, "casus.laden")
    telling = {"toegevoegd": 0, "bijgewerkt": 0, "ongewijzigd": 0}
    for data in kern.casussen_yaml(path):
        velden = casus_velden_uit_data(data)
        bestaand = Casus.objects.filter(code=data["id"]).first()
        if bestaand is None:
            casus = Casus(code=data["id"], **velden)
            _validate_casus(casus)
            casus.save()
            audit.record(actor=actor, action="casus.laden", instance=casus)
            telling["toegevoegd"] += 1
        elif overschrijven and any(getattr(bestaand, k) != v for k, v in velden.items()):
            bestaand = lock(bestaand)
            before = audit.snapshot(bestaand)
            for k, v in velden.items():
                setattr(bestaand, k, v)
            _validate_casus(bestaand)
            bestaand.versie += 1
            bestaand.save()
            audit.record(actor=actor, action="casus.laden", instance=bestaand, before=before)
            telling["bijgewerkt"] += 1
        else:
            telling["ongewijzigd"] += 1
    return telling


def casus_velden_uit_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """Model fields of a case from its YAML form (the inverse of :meth:`Casus.as_data`)."""
    return {
        "naam": str(data.get("naam", "")),
        "jaar": data.get("jaar"),
        "vorm": str(data.get("vorm", "")),
        "uitkomst": str(data.get("uitkomst", "")),
        "partners": list(data.get("partners") or []),
        "aantal_partners": data.get("aantal_partners"),
        "genoemde_factoren": list(data.get("genoemde_factoren") or []),
        "antwoorden": dict(data.get("antwoorden") or {}),
        "bron": list(data.get("bron") or []),
        "toelichting": " ".join(str(data.get("toelichting") or "").split()),
        "interpretatie": " ".join(str(data.get("interpretatie") or "").split()),
    }
