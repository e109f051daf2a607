"""The one write path of the werkorganisatie: eenheden (tree) and medewerkers.

Permission: units are changed by the directeur (``eenheid.wijzigen``); staff by the directeur or by a
teamleider for the units under them (``medewerker.wijzigen``, checked on the old and the new unit);
only the directeur appoints managers (``medewerker.leidinggevende_aanstellen``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.errors import Conflict, InvalidInput
from seta.core.services import check_version, full_clean_or_raise, update_fields
from seta.gemeenten.models import Gemeente
from seta.organisatie.models import Competentie, Eenheid, Medewerker, Positie, Soort
from seta.samenwerkingsverbanden.models import Menu, Samenwerkingsverband

FTE_MIN = Decimal("0.01")
FTE_MAX = Decimal("1.50")
LEIDINGGEVENDE_POSITIES = frozenset({Positie.DIRECTEUR, Positie.CONTROLLER, Positie.TEAMLEIDER})
PERSONEELSNUMMER_MAX = 20
# Letters and digits, with - . / _ inside: "BEL-00123", "004711", "GR/2019/17".
PERSONEELSNUMMER_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9./_-]*[A-Za-z0-9])?")


# --- validation helpers -----------------------------------------------------------------------------------
def _is_partner(sv: Samenwerkingsverband, gemeente: Gemeente) -> bool:
    return sv.deelnemers.filter(gemeente=gemeente).exists()


def _check_gastgemeente(
    sv: Samenwerkingsverband, gastgemeente: Gemeente | None, errors: dict[str, list[str]]
) -> None:
    if gastgemeente is None:
        return
    if sv.menu == Menu.AMBTELIJKE_FUSIE:
        errors.setdefault("gastgemeente", []).append(
            "Bij een ambtelijke fusie (menu 2) is er één werkorganisatie; een eenheid is niet bij een "
            "gemeente ondergebracht. Laat dit veld leeg."
        )
    elif (
        sv.menu == Menu.GASTHEERGEMEENTE
        and sv.gastheergemeente_id
        and gastgemeente.pk != sv.gastheergemeente_id
    ):
        errors.setdefault("gastgemeente", []).append(
            f"Bij menu 3 is de gastheergemeente ({sv.gastheergemeente}) de gemeente waar eenheden zijn ondergebracht."
        )
    elif not _is_partner(sv, gastgemeente):
        errors.setdefault("gastgemeente", []).append(f"{gastgemeente} is geen deelnemer van {sv}.")


def _check_bovenliggend(eenheid: Eenheid, bovenliggend: Eenheid | None, errors: dict[str, list[str]]) -> None:
    if bovenliggend is None:
        return
    if bovenliggend.samenwerkingsverband_id != eenheid.samenwerkingsverband_id:
        errors.setdefault("bovenliggend", []).append(
            "De bovenliggende eenheid hoort bij een ander samenwerkingsverband."
        )
        return
    if eenheid.pk is None:
        return
    # Walk up from the new parent: meeting the unit itself means a cycle.
    parents = dict(
        Eenheid.objects.filter(samenwerkingsverband_id=eenheid.samenwerkingsverband_id).values_list(
            "id", "bovenliggend_id"
        )
    )
    current: int | None = bovenliggend.pk
    seen: set[int] = set()
    while current is not None and current not in seen:
        if current == eenheid.pk:
            errors.setdefault("bovenliggend", []).append(
                "Een eenheid kan niet onder zichzelf of onder een van haar eigen onderdelen vallen."
            )
            return
        seen.add(current)
        current = parents.get(current)


def _check_code(
    model: type[Any], sv_id: int, code: str, exclude_pk: int | None, errors: dict[str, list[str]]
) -> None:
    qs = model.objects.filter(samenwerkingsverband_id=sv_id, code=code)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    if code and qs.exists():
        errors.setdefault("code", []).append(
            f"De code {code!r} is al in gebruik in dit samenwerkingsverband."
        )


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise InvalidInput(fields=errors)


# --- eenheden -------------------------------------------------------------------------------------------
@transaction.atomic
def create_eenheid(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    naam: str,
    code: str,
    soort: str = Soort.TEAM,
    bovenliggend: Eenheid | None = None,
    gastgemeente: Gemeente | None = None,
    omschrijving: str = "",
) -> Eenheid:
    eenheid = Eenheid(
        samenwerkingsverband=samenwerkingsverband,
        naam=(naam or "").strip(),
        code=(code or "").strip(),
        soort=soort,
        bovenliggend=bovenliggend,
        gastgemeente=gastgemeente,
        omschrijving=omschrijving or "",
    )
    policy.require(actor, "eenheid.wijzigen", eenheid, read_action="eenheid.lezen")
    errors: dict[str, list[str]] = {}
    if not eenheid.naam:
        errors["naam"] = ["Geef de eenheid een naam."]
    _check_code(Eenheid, samenwerkingsverband.pk, eenheid.code, None, errors)
    _check_bovenliggend(eenheid, bovenliggend, errors)
    _check_gastgemeente(samenwerkingsverband, gastgemeente, errors)
    _raise(errors)
    full_clean_or_raise(eenheid, exclude=["bovenliggend", "gastgemeente"])
    eenheid.save()
    audit.record(actor=actor, action="eenheid.aanmaken", instance=eenheid)
    return eenheid


@transaction.atomic
def update_eenheid(
    *, actor: Actor, eenheid: Eenheid, expected_version: int | None = None, **changes: Any
) -> Eenheid:
    """Rename, move (``bovenliggend``), change kind, host or description of a unit."""
    allowed = {"naam", "code", "soort", "bovenliggend", "gastgemeente", "omschrijving"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput(fields={name: ["Dit veld kan niet worden gewijzigd."] for name in sorted(unknown)})
    eenheid = Eenheid.objects.select_for_update(of=("self",)).get(pk=eenheid.pk)
    policy.require(actor, "eenheid.wijzigen", eenheid, read_action="eenheid.lezen")
    check_version(eenheid, expected_version)
    before = audit.snapshot(eenheid)
    errors: dict[str, list[str]] = {}
    sv = eenheid.samenwerkingsverband
    if "naam" in changes:
        changes["naam"] = (changes["naam"] or "").strip()
        if not changes["naam"]:
            errors["naam"] = ["Geef de eenheid een naam."]
    if "code" in changes:
        changes["code"] = (changes["code"] or "").strip()
        _check_code(Eenheid, sv.pk, changes["code"], eenheid.pk, errors)
    if "bovenliggend" in changes:
        _check_bovenliggend(eenheid, changes["bovenliggend"], errors)
    if "gastgemeente" in changes:
        _check_gastgemeente(sv, changes["gastgemeente"], errors)
    _raise(errors)
    for name, value in changes.items():
        setattr(eenheid, name, value)
    full_clean_or_raise(eenheid, exclude=["bovenliggend", "gastgemeente"])
    eenheid.versie += 1
    eenheid.save()
    action = "eenheid.verplaatsen" if set(changes) == {"bovenliggend"} else "eenheid.wijzigen"
    audit.record(actor=actor, action=action, instance=eenheid, before=before)
    return eenheid


def move_eenheid(
    *, actor: Actor, eenheid: Eenheid, bovenliggend: Eenheid | None, expected_version: int | None = None
) -> Eenheid:
    return update_eenheid(
        actor=actor, eenheid=eenheid, expected_version=expected_version, bovenliggend=bovenliggend
    )


def rename_eenheid(
    *, actor: Actor, eenheid: Eenheid, naam: str, expected_version: int | None = None
) -> Eenheid:
    return update_eenheid(actor=actor, eenheid=eenheid, expected_version=expected_version, naam=naam)


# --- medewerkers ------------------------------------------------------------------------------------------
def _fte(value: Any, errors: dict[str, list[str]]) -> Decimal | None:
    try:
        fte = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        errors.setdefault("fte", []).append("Geef de FTE als getal, bijvoorbeeld 0,8.")
        return None
    if not FTE_MIN <= fte <= FTE_MAX:
        errors.setdefault("fte", []).append("De FTE moet tussen 0,01 en 1,50 liggen.")
        return None
    return fte


def _check_medewerker_velden(
    sv: Samenwerkingsverband, values: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    if "naam" in values:
        values["naam"] = (values["naam"] or "").strip()
        if not values["naam"]:
            errors.setdefault("naam", []).append("Geef de naam van de medewerker.")
    if "fte" in values:
        values["fte"] = _fte(values["fte"], errors)
    if "positie" in values and values["positie"] not in Positie.values:
        errors.setdefault("positie", []).append(f"Kies een van: {', '.join(Positie.values)}.")
    if values.get("schaal") is not None and not 1 <= int(values["schaal"]) <= 18:
        errors.setdefault("schaal", []).append("De salarisschaal ligt tussen 1 en 18.")
    afkomstig = values.get("afkomstig_van")
    if afkomstig is not None and not _is_partner(sv, afkomstig):
        errors.setdefault("afkomstig_van", []).append(f"{afkomstig} is geen deelnemer van {sv}.")
    eenheid = values.get("eenheid")
    if eenheid is not None and eenheid.samenwerkingsverband_id != sv.pk:
        errors.setdefault("eenheid", []).append("Deze eenheid hoort bij een ander samenwerkingsverband.")


def _check_personeelsnummer(
    sv: Samenwerkingsverband, value: Any, exclude_pk: int | None, errors: dict[str, list[str]]
) -> str:
    """The cleaned staff number ('' = none). Unique within the cooperation, compared without case, so an
    import that matches on it can never hit two people."""
    nummer = str(value or "").strip()
    if not nummer:
        return ""
    if len(nummer) > PERSONEELSNUMMER_MAX:
        errors.setdefault("personeelsnummer", []).append(
            f"Het personeelsnummer is hoogstens {PERSONEELSNUMMER_MAX} tekens lang."
        )
    elif not PERSONEELSNUMMER_RE.fullmatch(nummer):
        errors.setdefault("personeelsnummer", []).append(
            "Een personeelsnummer bestaat uit letters en cijfers, eventueel met - . / of _ ertussen "
            "(bijv. BEL-00123)."
        )
    else:
        qs = Medewerker.objects.filter(samenwerkingsverband=sv, personeelsnummer__iexact=nummer)
        if exclude_pk is not None:
            qs = qs.exclude(pk=exclude_pk)
        if qs.exists():
            errors.setdefault("personeelsnummer", []).append(
                f"Het personeelsnummer {nummer!r} is al in gebruik in dit samenwerkingsverband."
            )
    return nummer


def _probe(sv_id: int, eenheid_id: int | None) -> Medewerker:
    """An unsaved staff record standing for 'someone in that unit', to ask the policy about a unit."""
    return Medewerker(samenwerkingsverband_id=sv_id, eenheid_id=eenheid_id)  # type: ignore[misc]


@transaction.atomic
def hire_medewerker(
    *,
    actor: Actor,
    eenheid: Eenheid,
    naam: str,
    personeelsnummer: str = "",
    in_dienst: dt.date | None = None,
    functietitel: str = "",
    positie: str = Positie.MEDEWERKER,
    fte: Decimal | str | float = Decimal("1.00"),
    schaal: int | None = None,
    afkomstig_van: Gemeente | None = None,
    competenties: Iterable[Competentie] = (),
    gebruiker: Any = None,
) -> Medewerker:
    sv = eenheid.samenwerkingsverband
    probe = _probe(sv.pk, eenheid.pk)
    policy.require(actor, "medewerker.wijzigen", probe, read_action="medewerker.lezen")
    if positie in LEIDINGGEVENDE_POSITIES:
        policy.require(actor, "medewerker.leidinggevende_aanstellen", probe)
    values: dict[str, Any] = {
        "naam": naam,
        "fte": fte,
        "positie": positie,
        "schaal": schaal,
        "afkomstig_van": afkomstig_van,
    }
    errors: dict[str, list[str]] = {}
    _check_medewerker_velden(sv, values, errors)
    personeelsnummer = _check_personeelsnummer(sv, personeelsnummer, None, errors)
    _raise(errors)
    medewerker = Medewerker(
        samenwerkingsverband=sv,
        eenheid=eenheid,
        naam=values["naam"],
        personeelsnummer=personeelsnummer,
        functietitel=functietitel or "",
        positie=positie,
        fte=values["fte"],
        schaal=schaal,
        afkomstig_van=afkomstig_van,
        gebruiker=gebruiker,
        in_dienst=in_dienst or timezone.localdate(),
    )
    full_clean_or_raise(medewerker)
    medewerker.save()
    medewerker.competenties.set(list(competenties))
    audit.record(actor=actor, action="medewerker.aannemen", instance=medewerker)
    return medewerker


def _locked(medewerker: Medewerker) -> Medewerker:
    return (
        Medewerker.objects.select_for_update(of=("self",))
        .select_related("samenwerkingsverband")
        .get(pk=medewerker.pk)
    )


@transaction.atomic
def update_medewerker(
    *,
    actor: Actor,
    medewerker: Medewerker,
    expected_version: int | None = None,
    competenties: Iterable[Competentie] | None = None,
    **changes: Any,
) -> Medewerker:
    """Change FTE, position, function title, scale, origin, name, staff number, unit or competences."""
    allowed = {
        "naam",
        "personeelsnummer",
        "functietitel",
        "positie",
        "fte",
        "schaal",
        "afkomstig_van",
        "eenheid",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput(fields={name: ["Dit veld kan niet worden gewijzigd."] for name in sorted(unknown)})
    medewerker = _locked(medewerker)
    sv = medewerker.samenwerkingsverband
    policy.require(actor, "medewerker.wijzigen", medewerker, read_action="medewerker.lezen")
    check_version(medewerker, expected_version)
    if medewerker.uit_dienst is not None and medewerker.uit_dienst <= timezone.localdate():
        raise Conflict(f"{medewerker} is uit dienst; gegevens worden niet meer gewijzigd.")
    nieuwe_eenheid = changes.get("eenheid")
    if nieuwe_eenheid is not None and nieuwe_eenheid.pk != medewerker.eenheid_id:
        # A teamleider may move staff only between units they manage.
        policy.require(actor, "medewerker.wijzigen", _probe(sv.pk, nieuwe_eenheid.pk))
    if changes.get("positie", medewerker.positie) != medewerker.positie and (
        changes["positie"] in LEIDINGGEVENDE_POSITIES or medewerker.positie in LEIDINGGEVENDE_POSITIES
    ):
        policy.require(actor, "medewerker.leidinggevende_aanstellen", medewerker)
    errors: dict[str, list[str]] = {}
    _check_medewerker_velden(sv, changes, errors)
    if "personeelsnummer" in changes:
        changes["personeelsnummer"] = _check_personeelsnummer(
            sv, changes["personeelsnummer"], medewerker.pk, errors
        )
        if medewerker.personeelsnummer and not changes["personeelsnummer"]:
            # Imports of hours find people by this number: it can be corrected, not removed.
            errors.setdefault("personeelsnummer", []).append(
                "Een personeelsnummer kan niet worden gewist; geef zo nodig een ander nummer."
            )
    _raise(errors)
    before = audit.snapshot(medewerker)
    for name, value in changes.items():
        setattr(medewerker, name, value)
    full_clean_or_raise(medewerker)
    medewerker.versie += 1
    medewerker.save()
    if competenties is not None:
        medewerker.competenties.set(list(competenties))
    action = "medewerker.verplaatsen" if set(changes) == {"eenheid"} else "medewerker.wijzigen"
    audit.record(actor=actor, action=action, instance=medewerker, before=before)
    return medewerker


def move_medewerker(
    *, actor: Actor, medewerker: Medewerker, eenheid: Eenheid, expected_version: int | None = None
) -> Medewerker:
    return update_medewerker(
        actor=actor, medewerker=medewerker, expected_version=expected_version, eenheid=eenheid
    )


@transaction.atomic
def end_medewerker(
    *,
    actor: Actor,
    medewerker: Medewerker,
    uit_dienst: dt.date | None = None,
    expected_version: int | None = None,
) -> Medewerker:
    """The staff member leaves the pool on ``uit_dienst`` (today by default)."""
    medewerker = _locked(medewerker)
    policy.require(actor, "medewerker.wijzigen", medewerker, read_action="medewerker.lezen")
    check_version(medewerker, expected_version)
    datum = uit_dienst or timezone.localdate()
    if medewerker.uit_dienst is not None:
        raise Conflict(f"{medewerker} is al uit dienst per {medewerker.uit_dienst:%d-%m-%Y}.")
    if datum < medewerker.in_dienst:
        raise InvalidInput(fields={"uit_dienst": ["De datum uit dienst ligt vóór de datum in dienst."]})
    before = audit.snapshot(medewerker)
    medewerker.uit_dienst = datum
    medewerker.versie += 1
    medewerker.save()
    audit.record(actor=actor, action="medewerker.uit_dienst", instance=medewerker, before=before)
    return medewerker


# --- competenties --------------------------------------------------------------------------------------------
@transaction.atomic
def create_competentie(*, actor: Actor, naam: str) -> Competentie:
    """Add a competence to the shared list (names are unique, compared without case)."""
    policy.require(actor, "competentie.aanmaken")
    naam = (naam or "").strip()
    if not naam:
        raise InvalidInput(fields={"naam": ["Geef de naam van de competentie."]})
    if Competentie.objects.filter(naam__iexact=naam).exists():
        raise InvalidInput(fields={"naam": [f"De competentie {naam!r} bestaat al."]})
    competentie = Competentie.objects.create(naam=naam)
    audit.record(actor=actor, action="competentie.aanmaken", instance=competentie)
    return competentie


@transaction.atomic
def link_gebruiker(
    *, actor: Actor, medewerker: Medewerker, gebruiker: Any, expected_version: int | None = None
) -> Medewerker:
    """Link (or unlink, with None) the login of a medewerker: this is how a person gets its pool role."""
    policy.require(actor, "gebruiker.koppelen", medewerker)
    if (
        gebruiker is not None
        and Medewerker.objects.filter(gebruiker=gebruiker).exclude(pk=medewerker.pk).exists()
    ):
        raise InvalidInput(fields={"gebruiker": "Deze gebruiker is al aan een andere medewerker gekoppeld."})
    return update_fields(
        medewerker,
        actor=actor,
        action="medewerker.gebruiker_koppelen",
        changes={"gebruiker": gebruiker},
        expected_version=expected_version,
    )
