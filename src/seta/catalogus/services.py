"""The one write path of the catalogus: items (product, dienst, proces) and their norms.

Permission (``catalogusitem.wijzigen``): the directeur, or the teamleider of the owning unit (and of the
new owning unit when ownership moves).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem, Norm, Soort, Taaksoort, Taakveld
from seta.core import audit
from seta.core.errors import Conflict, InvalidInput
from seta.core.services import check_version, full_clean_or_raise
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.models import Samenwerkingsverband, Taakgebied

EDITABLE = {
    "code",
    "naam",
    "soort",
    "taaksoort",
    "eenheid",
    "taakveld",
    "taakgebied",
    "omschrijving",
    "actief",
}


def _validate(
    sv_id: int, values: Mapping[str, Any], exclude_pk: int | None, errors: dict[str, list[str]]
) -> None:
    """Check every given field; collect all problems, naming the field."""
    if "naam" in values and not (values["naam"] or "").strip():
        errors.setdefault("naam", []).append("Geef het catalogusitem een naam.")
    if "code" in values:
        code = (values["code"] or "").strip()
        if not code:
            errors.setdefault("code", []).append("Geef een code, bijvoorbeeld 'paspoort'.")
        elif (
            Catalogusitem.objects.filter(samenwerkingsverband_id=sv_id, code=code)
            .exclude(pk=exclude_pk or 0)
            .exists()
        ):
            errors.setdefault("code", []).append(
                f"De code {code!r} is al in gebruik in dit samenwerkingsverband."
            )
    if "soort" in values and values["soort"] not in Soort.values:
        errors.setdefault("soort", []).append("Kies product, dienst of proces.")
    if "taaksoort" in values and values["taaksoort"] not in Taaksoort.values:
        errors.setdefault("taaksoort", []).append(
            "Kies mechanisch medebewind, niet-mechanisch medebewind of autonoom."
        )
    if "eenheid" in values:
        eenheid = values["eenheid"]
        if eenheid is None:
            errors.setdefault("eenheid", []).append("Kies de eenheid die eigenaar is van dit item.")
        elif eenheid.samenwerkingsverband_id != sv_id:
            errors.setdefault("eenheid", []).append(
                "De eigenaar moet een eenheid van hetzelfde samenwerkingsverband zijn."
            )
    if "taakveld" in values and values["taakveld"] is None:
        errors.setdefault("taakveld", []).append("Kies het Iv3-taakveld, bijvoorbeeld 0.2 Burgerzaken.")


def _normen(normen: Iterable[Mapping[str, Any]], errors: dict[str, list[str]]) -> list[Norm]:
    result: list[Norm] = []
    for index, data in enumerate(normen):
        prefix = f"normen[{index}]"
        omschrijving = (data.get("omschrijving") or "").strip()
        eenheid = (data.get("eenheid") or "").strip()
        if not omschrijving:
            errors.setdefault(f"{prefix}.omschrijving", []).append(
                "Beschrijf de norm, bijvoorbeeld 'doorlooptijd'."
            )
        if not eenheid:
            errors.setdefault(f"{prefix}.eenheid", []).append(
                "Geef de eenheid, bijvoorbeeld werkdagen of procent."
            )
        try:
            waarde = Decimal(str(data.get("waarde")))
            if not waarde.is_finite() or waarde < 0:
                raise InvalidOperation
        except (InvalidOperation, ValueError, TypeError):
            errors.setdefault(f"{prefix}.waarde", []).append("Geef een getal van 0 of meer.")
            waarde = Decimal("0")
        result.append(Norm(omschrijving=omschrijving, waarde=waarde, eenheid=eenheid))
    return result


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise InvalidInput(fields=errors)


def _probe(sv_id: int, eenheid: Eenheid | None) -> Catalogusitem:
    return Catalogusitem(samenwerkingsverband_id=sv_id, eenheid_id=getattr(eenheid, "pk", None))  # type: ignore[misc]


@transaction.atomic
def create_catalogusitem(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    code: str,
    naam: str,
    soort: str,
    taaksoort: str,
    eenheid: Eenheid | None,
    taakveld: Taakveld | None,
    taakgebied: Taakgebied | None = None,
    omschrijving: str = "",
    normen: Iterable[Mapping[str, Any]] = (),
) -> Catalogusitem:
    sv_id = samenwerkingsverband.pk
    policy.require(actor, "catalogusitem.wijzigen", _probe(sv_id, eenheid), read_action="catalogusitem.lezen")
    values = {
        "code": code,
        "naam": naam,
        "soort": soort,
        "taaksoort": taaksoort,
        "eenheid": eenheid,
        "taakveld": taakveld,
    }
    errors: dict[str, list[str]] = {}
    _validate(sv_id, values, None, errors)
    nieuwe_normen = _normen(normen, errors)
    _raise(errors)
    item = Catalogusitem(
        samenwerkingsverband=samenwerkingsverband,
        code=code.strip(),
        naam=naam.strip(),
        soort=soort,
        taaksoort=taaksoort,
        eenheid=eenheid,
        taakveld=taakveld,
        taakgebied=taakgebied,
        omschrijving=omschrijving or "",
    )
    full_clean_or_raise(item)
    item.save()
    for norm in nieuwe_normen:
        norm.catalogusitem = item
    Norm.objects.bulk_create(nieuwe_normen)
    audit.record(actor=actor, action="catalogusitem.aanmaken", instance=item, after=_snapshot(item))
    return item


def _snapshot(item: Catalogusitem) -> dict[str, Any]:
    data = audit.snapshot(item) or {}
    data["normen"] = [
        {"omschrijving": n.omschrijving, "waarde": str(n.waarde), "eenheid": n.eenheid}
        for n in item.normen.all()
    ]
    return data


@transaction.atomic
def update_catalogusitem(
    *,
    actor: Actor,
    item: Catalogusitem,
    expected_version: int | None = None,
    normen: Iterable[Mapping[str, Any]] | None = None,
    **changes: Any,
) -> Catalogusitem:
    """Change fields of an item; ``normen`` (when given) replaces all its norms."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise InvalidInput(fields={name: ["Dit veld kan niet worden gewijzigd."] for name in sorted(unknown)})
    item = Catalogusitem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    policy.require(actor, "catalogusitem.wijzigen", item, read_action="catalogusitem.lezen")
    check_version(item, expected_version)
    nieuwe_eenheid = changes.get("eenheid")
    if nieuwe_eenheid is not None and nieuwe_eenheid.pk != item.eenheid_id:
        # A teamleider may hand an item only to a unit they also manage.
        policy.require(actor, "catalogusitem.wijzigen", _probe(item.samenwerkingsverband_id, nieuwe_eenheid))
    errors: dict[str, list[str]] = {}
    _validate(item.samenwerkingsverband_id, changes, item.pk, errors)
    nieuwe_normen = _normen(normen, errors) if normen is not None else None
    _raise(errors)
    before = _snapshot(item)
    for name, value in changes.items():
        setattr(item, name, value.strip() if name in {"code", "naam"} else value)
    full_clean_or_raise(item)
    item.versie += 1
    item.save()
    if nieuwe_normen is not None:
        item.normen.all().delete()
        for norm in nieuwe_normen:
            norm.catalogusitem = item
        Norm.objects.bulk_create(nieuwe_normen)
    audit.record(
        actor=actor, action="catalogusitem.wijzigen", instance=item, before=before, after=_snapshot(item)
    )
    return item


@transaction.atomic
def deactivate_catalogusitem(
    *, actor: Actor, item: Catalogusitem, expected_version: int | None = None
) -> Catalogusitem:
    """Take an item out of the active catalogue (it stays for history and existing orders)."""
    item = Catalogusitem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    policy.require(actor, "catalogusitem.wijzigen", item, read_action="catalogusitem.lezen")
    check_version(item, expected_version)
    if not item.actief:
        raise Conflict(f"{item} is al gedeactiveerd.")
    before = audit.snapshot(item)
    item.actief = False
    item.versie += 1
    item.save()
    audit.record(actor=actor, action="catalogusitem.deactiveren", instance=item, before=before)
    return item


@transaction.atomic
def add_norm(*, actor: Actor, item: Catalogusitem, omschrijving: str, waarde: Any, eenheid: str) -> Norm:
    item = Catalogusitem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    policy.require(actor, "catalogusitem.wijzigen", item, read_action="catalogusitem.lezen")
    errors: dict[str, list[str]] = {}
    [norm] = _normen([{"omschrijving": omschrijving, "waarde": waarde, "eenheid": eenheid}], errors)
    if errors:
        raise InvalidInput(fields={k.removeprefix("normen[0]."): v for k, v in errors.items()})
    norm.catalogusitem = item
    norm.save()
    item.versie += 1
    item.save(update_fields=["versie", "gewijzigd_op"])
    audit.record(actor=actor, action="norm.toevoegen", instance=norm, note=str(item))
    return norm


@transaction.atomic
def remove_norm(*, actor: Actor, norm: Norm) -> None:
    item = Catalogusitem.objects.select_for_update(of=("self",)).get(pk=norm.catalogusitem_id)
    policy.require(actor, "catalogusitem.wijzigen", item, read_action="catalogusitem.lezen")
    before = audit.snapshot(norm)
    audit.record(
        actor=actor, action="norm.verwijderen", instance=norm, before=before, after={}, note=str(item)
    )
    norm.delete()
    item.versie += 1
    item.save(update_fields=["versie", "gewijzigd_op"])
