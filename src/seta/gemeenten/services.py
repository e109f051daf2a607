"""The one write path for gemeenten: the reference list (import) and the functionarissen of each gemeente."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.errors import InvalidInput
from seta.core.services import create, update_fields
from seta.gemeenten import importer
from seta.gemeenten.models import Functie, Functionaris, Gemeente, Portefeuille

DATA_DIR = Path(__file__).resolve().parent / "data"
REFERENTIELIJST = DATA_DIR / "gemeenten-2021.csv"
REFERENTIE_PEILDATUM = dt.date(2021, 7, 22)
REFERENTIE_BRON = "RIVM/CBS, bevolkingsaantal per 22 juli 2021"

# Positions of which a gemeente has exactly one at a time.
ENKELVOUDIG = {Functie.BURGEMEESTER, Functie.GRIFFIER, Functie.GEMEENTESECRETARIS}
COLLEGELEDEN = {Functie.BURGEMEESTER, Functie.WETHOUDER}


@dataclass(frozen=True)
class Importverslag:
    """What an import did, per municipality code."""

    bestand: str
    toegevoegd: int
    bijgewerkt: int
    opgeheven: int
    ongewijzigd: int

    def __str__(self) -> str:
        return (
            f"{self.bestand}: {self.toegevoegd} toegevoegd, {self.bijgewerkt} bijgewerkt, "
            f"{self.opgeheven} opgeheven, {self.ongewijzigd} ongewijzigd"
        )


# --- the reference list ------------------------------------------------------------------------------------
def _unique_slug(naam: str, cbs_code: str, taken: set[str]) -> str:
    slug = slugify(naam) or cbs_code.lower()
    if slug in taken:
        slug = f"{slug}-{cbs_code.lower()}"
    taken.add(slug)
    return slug


@transaction.atomic
def import_gemeenten(*, actor: Actor, path: str | Path, peildatum: dt.date, bron: str) -> Importverslag:
    """Import a CBS list of gemeenten: all or nothing.

    - codes in the file are added, or their name, province and population updated (with ``peildatum``, ``bron``);
    - codes in the database but not in the file are marked ``opgeheven_op = peildatum``, never deleted, so
      every reference to them (functionarissen, deelnemers, staff) stays intact;
    - a row with ``opgegaan_in`` (a CBS code) marks that gemeente as merged into the other one.

    The beheerder, or the system actor (``seta import-gemeenten`` run by an operator, or the demo).
    Raises :class:`InvalidInput` naming file, row and field of every problem; nothing is written then.
    """
    policy.require(actor, "gemeente.importeren")
    path = Path(path)
    result = importer.read_file(path)
    if not bron.strip():
        result.fout(None, None, "geef de bron van de bevolkingsaantallen op (--bron).")
    if peildatum > dt.date.today() + dt.timedelta(days=366):
        result.fout(None, None, f"peildatum {peildatum.isoformat()} ligt te ver in de toekomst.")

    bestaand = {g.cbs_code: g for g in Gemeente.objects.all()}
    in_bestand = {r.cbs_code for r in result.rijen}
    for r in result.rijen:
        if r.opgegaan_in and r.opgegaan_in not in in_bestand and r.opgegaan_in not in bestaand:
            result.fout(
                r.rij, "opgegaan_in", f"'{r.opgegaan_in}' staat niet in het bestand en is ook niet bekend."
            )
    if result.aantal:
        meer = (
            f" (de eerste {importer.MAX_FOUTEN} staan hieronder)"
            if result.aantal > importer.MAX_FOUTEN
            else ""
        )
        raise InvalidInput(
            f"{result.bestand} is niet ingelezen: {result.aantal} fout(en){meer}; er is niets gewijzigd.",
            fields=result.fouten,
            code="import_invalid",
        )

    toegevoegd = bijgewerkt = opgeheven = ongewijzigd = 0
    slugs = set(Gemeente.objects.values_list("slug", flat=True))
    bron = bron.strip()
    for r in result.rijen:
        gemeente = bestaand.get(r.cbs_code)
        velden: dict[str, Any] = {
            "naam": r.naam,
            "provincie": r.provincie,
            "provincie_code": r.provincie_code,
        }
        if r.inwoners is not None:
            velden.update(inwoners=r.inwoners, peildatum_inwoners=peildatum, bron=bron)
        if not r.opgegaan_in:
            velden.update(opgeheven_op=None, opgegaan_in=None)
        if gemeente is None:
            if r.inwoners is None:  # a dissolved municipality we never knew: keep it, without a figure
                velden.update(inwoners=0, peildatum_inwoners=peildatum, bron=bron)
            gemeente = create(
                Gemeente(cbs_code=r.cbs_code, slug=_unique_slug(r.naam, r.cbs_code, slugs), **velden),
                actor=actor,
                action="gemeente.importeren",
            )
            bestaand[r.cbs_code] = gemeente
            toegevoegd += 1
            continue
        changes = {k: v for k, v in velden.items() if getattr(gemeente, k) != v}
        if changes:
            update_fields(gemeente, actor=actor, action="gemeente.importeren", changes=changes)
            bijgewerkt += 1
        elif not r.opgegaan_in:
            ongewijzigd += 1

    # Merges named in the file, then every code that is no longer in the list.
    for r in result.rijen:
        if not r.opgegaan_in:
            continue
        gemeente = bestaand[r.cbs_code]
        opvolger = bestaand[r.opgegaan_in]
        if gemeente.opgegaan_in_id == opvolger.pk and gemeente.opgeheven_op is not None:
            ongewijzigd += 1
            continue
        update_fields(
            gemeente,
            actor=actor,
            action="gemeente.opheffen",
            changes={"opgeheven_op": gemeente.opgeheven_op or peildatum, "opgegaan_in": opvolger},
        )
        opgeheven += 1
    for code, gemeente in bestaand.items():
        if code in in_bestand or gemeente.opgeheven_op is not None:
            continue
        update_fields(gemeente, actor=actor, action="gemeente.opheffen", changes={"opgeheven_op": peildatum})
        opgeheven += 1

    return Importverslag(
        bestand=path.name,
        toegevoegd=toegevoegd,
        bijgewerkt=bijgewerkt,
        opgeheven=opgeheven,
        ongewijzigd=ongewijzigd,
    )


def load_reference_list(*, actor: Actor) -> Importverslag:
    """Load the bundled reference list (352 gemeenten, RIVM/CBS, 22 July 2021)."""
    return import_gemeenten(
        actor=actor, path=REFERENTIELIJST, peildatum=REFERENTIE_PEILDATUM, bron=REFERENTIE_BRON
    )


@transaction.atomic
def record_opheffing(
    *, actor: Actor, gemeente: Gemeente, opgeheven_op: dt.date, opgegaan_in: Gemeente | None
) -> Gemeente:
    """Mark a gemeente as dissolved (a merger); it keeps its history and every reference to it."""
    policy.require(actor, "gemeente.importeren")
    fouten: dict[str, str] = {}
    if opgegaan_in is not None and opgegaan_in.pk == gemeente.pk:
        fouten["opgegaan_in"] = "Een gemeente kan niet in zichzelf opgaan."
    if (
        opgegaan_in is not None
        and opgegaan_in.opgeheven_op is not None
        and opgegaan_in.opgeheven_op <= opgeheven_op
    ):
        fouten["opgegaan_in"] = f"{opgegaan_in} bestond op {opgeheven_op:%d-%m-%Y} niet meer."
    if fouten:
        raise InvalidInput(fields=fouten)
    return update_fields(
        gemeente,
        actor=actor,
        action="gemeente.opheffen",
        changes={"opgeheven_op": opgeheven_op, "opgegaan_in": opgegaan_in},
    )


# --- portefeuilles and functionarissen ---------------------------------------------------------------------
def _require_bestuur(actor: Actor, gemeente: Gemeente) -> None:
    policy.require(actor, "gemeente.bestuur_wijzigen", gemeente, read_action="gemeente.lezen")


@transaction.atomic
def create_portefeuille(*, actor: Actor, gemeente: Gemeente, naam: str) -> Portefeuille:
    _require_bestuur(actor, gemeente)
    naam = naam.strip()
    if not naam:
        raise InvalidInput(fields={"naam": "Geef de portefeuille een naam."})
    if Portefeuille.objects.filter(gemeente=gemeente, naam__iexact=naam).exists():
        raise InvalidInput(fields={"naam": f"{gemeente} heeft al een portefeuille '{naam}'."})
    portefeuille = Portefeuille.objects.create(gemeente=gemeente, naam=naam)
    audit.record(actor=actor, action="portefeuille.aanmaken", instance=portefeuille)
    return portefeuille


def _check_portefeuilles(gemeente: Gemeente, functie: str, portefeuilles: list[Portefeuille]) -> list[str]:
    fouten: list[str] = []
    if portefeuilles and functie not in COLLEGELEDEN:
        fouten.append("Alleen de burgemeester en wethouders houden portefeuilles.")
    vreemd = [p.naam for p in portefeuilles if p.gemeente_id != gemeente.pk]
    if vreemd:
        fouten.append(f"Deze portefeuilles horen niet bij {gemeente}: {', '.join(vreemd)}.")
    return fouten


@transaction.atomic
def add_functionaris(
    *,
    actor: Actor,
    gemeente: Gemeente,
    functie: str,
    naam: str,
    begindatum: dt.date,
    fractie: str = "",
    portefeuilles: Iterable[Portefeuille] = (),
    gebruiker: Any = None,
) -> Functionaris:
    """Add a burgemeester, wethouder, raadslid, griffier, gemeentesecretaris or beleidsregisseur."""
    _require_bestuur(actor, gemeente)
    portefeuilles = list(portefeuilles)
    fouten: dict[str, list[str]] = {}
    if functie not in Functie.values:
        fouten.setdefault("functie", []).append(
            f"'{functie}' is geen functie; kies uit {', '.join(Functie.values)}."
        )
    if not naam.strip():
        fouten.setdefault("naam", []).append("Vul de naam in.")
    if functie == Functie.RAADSLID and not fractie.strip():
        fouten.setdefault("fractie", []).append(
            "Een raadslid zit namens een fractie in de raad; vul de fractie in."
        )
    if gemeente.opgeheven_op is not None and begindatum >= gemeente.opgeheven_op:
        fouten.setdefault("begindatum", []).append(
            f"{gemeente} is opgeheven op {gemeente.opgeheven_op:%d-%m-%Y}."
        )
    if functie in ENKELVOUDIG:
        zittend = (
            Functionaris.objects.filter(gemeente=gemeente, functie=functie)
            .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=begindatum))
            .first()
        )
        if zittend is not None:
            fouten.setdefault("functie", []).append(
                f"{gemeente} heeft op {begindatum:%d-%m-%Y} al een {zittend.get_functie_display().lower()} "
                f"({zittend.naam}); beëindig die functie eerst."
            )
    if (
        gebruiker is not None
        and Functionaris.objects.actief(begindatum)
        .filter(gebruiker=gebruiker, gemeente=gemeente, functie=functie)
        .exists()
    ):
        fouten.setdefault("gebruiker", []).append("Deze gebruiker heeft deze functie al.")
    portefeuillefouten = _check_portefeuilles(gemeente, functie, portefeuilles)
    if portefeuillefouten:
        fouten["portefeuilles"] = portefeuillefouten
    if fouten:
        raise InvalidInput(fields=fouten)
    functionaris = Functionaris(
        gemeente=gemeente,
        functie=functie,
        naam=naam.strip(),
        fractie=fractie.strip(),
        begindatum=begindatum,
        gebruiker=gebruiker,
    )
    return create(
        functionaris, actor=actor, action="functionaris.aanmaken", m2m={"portefeuilles": portefeuilles}
    )


@transaction.atomic
def end_functionaris(
    *, actor: Actor, functionaris: Functionaris, einddatum: dt.date, expected_version: int | None = None
) -> Functionaris:
    """End a position (the last day in office is ``einddatum``); the record and its history stay."""
    _require_bestuur(actor, functionaris.gemeente)
    if functionaris.einddatum is not None and functionaris.einddatum < einddatum:
        raise InvalidInput(
            fields={"einddatum": f"Deze functie is al beëindigd op {functionaris.einddatum:%d-%m-%Y}."}
        )
    if einddatum < functionaris.begindatum:
        raise InvalidInput(
            fields={
                "einddatum": f"De einddatum ligt vóór de begindatum ({functionaris.begindatum:%d-%m-%Y})."
            }
        )
    return update_fields(
        functionaris,
        actor=actor,
        action="functionaris.beeindigen",
        changes={"einddatum": einddatum},
        expected_version=expected_version,
    )


@transaction.atomic
def set_portefeuilles(
    *,
    actor: Actor,
    functionaris: Functionaris,
    portefeuilles: Iterable[Portefeuille],
    expected_version: int | None = None,
) -> Functionaris:
    """Give a college member their portefeuilles (replacing the previous set)."""
    _require_bestuur(actor, functionaris.gemeente)
    portefeuilles = list(portefeuilles)
    fouten = _check_portefeuilles(functionaris.gemeente, functionaris.functie, portefeuilles)
    if fouten:
        raise InvalidInput(fields={"portefeuilles": fouten})
    return update_fields(
        functionaris,
        actor=actor,
        action="functionaris.portefeuilles_wijzigen",
        changes={},
        expected_version=expected_version,
        m2m={"portefeuilles": portefeuilles},
    )


@transaction.atomic
def link_gebruiker(
    *, actor: Actor, functionaris: Functionaris, gebruiker: Any, expected_version: int | None = None
) -> Functionaris:
    """Link (or unlink, with None) the login of a functionaris: this is how a person gets its roles."""
    policy.require(actor, "gebruiker.koppelen", functionaris)
    if (
        gebruiker is not None
        and Functionaris.objects.filter(
            gebruiker=gebruiker, gemeente=functionaris.gemeente, functie=functionaris.functie
        )
        .exclude(pk=functionaris.pk)
        .exists()
    ):
        raise InvalidInput(fields={"gebruiker": "Deze gebruiker heeft deze functie in deze gemeente al."})
    return update_fields(
        functionaris,
        actor=actor,
        action="functionaris.gebruiker_koppelen",
        changes={"gebruiker": gebruiker},
        expected_version=expected_version,
    )
