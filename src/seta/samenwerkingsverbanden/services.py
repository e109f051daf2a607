"""The one write path for samenwerkingsverbanden: partners, scope over time (groeimodel) and boards.

Date conventions: ``Deelnemer.uittredingsdatum`` and ``Inbreng.tot`` are the first day *no longer*
in (exclusive), as ``Samenwerkingsverband.deelnemers_op`` reads them; ``Bestuurslid.einddatum`` is
the last day in office (inclusive), as the actor reads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.errors import InvalidInput
from seta.core.services import bump_version, full_clean_or_raise, lock, update_fields
from seta.gemeenten.models import Functie, Functionaris, Gemeente
from seta.samenwerkingsverbanden.models import (
    Bestuurslid,
    Bestuursorgaan,
    Deelnemer,
    Inbreng,
    Menu,
    Rechtsvorm,
    Samenwerkingsverband,
    Taakgebied,
)

COLLEGELEDEN = {Functie.BURGEMEESTER, Functie.WETHOUDER}


def _require_wijzigen(actor: Actor, sv: Samenwerkingsverband) -> None:
    policy.require(actor, "samenwerkingsverband.wijzigen", sv, read_action="samenwerkingsverband.lezen")


def _bestond_op(gemeente: Gemeente, datum: dt.date) -> bool:
    return gemeente.opgeheven_op is None or datum < gemeente.opgeheven_op


def check_consistency(
    *,
    menu: str,
    rechtsvorm: str,
    gastheergemeente: Gemeente | None,
    partners: Iterable[Gemeente],
) -> dict[str, list[str]]:
    """Menu and legal form must fit together (seed lines 231-335): the errors per field, empty if fine."""
    fouten: dict[str, list[str]] = {}
    partner_ids = {g.pk for g in partners}
    if menu not in Menu.values:
        fouten.setdefault("menu", []).append(f"'{menu}' is geen menu; kies uit {', '.join(Menu.values)}.")
    if rechtsvorm not in Rechtsvorm.values:
        fouten.setdefault("rechtsvorm", []).append(
            f"'{rechtsvorm}' is geen rechtsvorm; kies uit {', '.join(Rechtsvorm.values)}."
        )
    if menu == Menu.GASTHEERGEMEENTE:
        if gastheergemeente is None:
            fouten.setdefault("gastheergemeente", []).append("Menu 3 vraagt een gastheergemeente.")
        elif gastheergemeente.pk not in partner_ids:
            fouten.setdefault("gastheergemeente", []).append(
                f"De gastheergemeente ({gastheergemeente}) moet zelf deelnemer zijn."
            )
    elif gastheergemeente is not None:
        fouten.setdefault("gastheergemeente", []).append(
            "Alleen Menu 3 (gastheergemeente) heeft een gastheergemeente; laat dit veld leeg."
        )
    if rechtsvorm == Rechtsvorm.CENTRUMGEMEENTECONSTRUCTIE and menu != Menu.GASTHEERGEMEENTE:
        fouten.setdefault("rechtsvorm", []).append(
            "Een centrumgemeenteconstructie hoort bij Menu 3 (gastheergemeente)."
        )
    return fouten


@transaction.atomic
def create_samenwerkingsverband(
    *,
    actor: Actor,
    naam: str,
    slug: str,
    menu: str,
    rechtsvorm: str,
    startdatum: dt.date,
    deelnemers: Iterable[Gemeente],
    gastheergemeente: Gemeente | None = None,
    afkorting: str = "",
    werkorganisatie: str = "",
    gemeentesecretaris_is_directeur: bool = False,
    omschrijving: str = "",
) -> Samenwerkingsverband:
    """Found a cooperation with its founding partners (all joining on ``startdatum``).

    Only the beheerder creates cooperations (or the system actor of the demo builder).
    """
    policy.require(actor, "samenwerkingsverband.aanmaken")
    partners = list(deelnemers)
    fouten = check_consistency(
        menu=menu, rechtsvorm=rechtsvorm, gastheergemeente=gastheergemeente, partners=partners
    )
    if len({g.pk for g in partners}) < 2:
        fouten.setdefault("deelnemers", []).append(
            "Een samenwerkingsverband heeft ten minste twee deelnemers."
        )
    if len({g.pk for g in partners}) != len(partners):
        fouten.setdefault("deelnemers", []).append("Elke gemeente kan maar één keer deelnemer zijn.")
    weg = [str(g) for g in partners if not _bestond_op(g, startdatum)]
    if weg:
        fouten.setdefault("deelnemers", []).append(
            f"Op {startdatum:%d-%m-%Y} bestond(en) niet meer: {', '.join(weg)}."
        )
    sv = Samenwerkingsverband(
        naam=naam.strip(),
        afkorting=afkorting.strip(),
        slug=slug,
        menu=menu,
        rechtsvorm=rechtsvorm,
        gastheergemeente=gastheergemeente,
        werkorganisatie=werkorganisatie.strip(),
        gemeentesecretaris_is_directeur=gemeentesecretaris_is_directeur,
        startdatum=startdatum,
        omschrijving=omschrijving,
    )
    try:
        full_clean_or_raise(sv, exclude=["menu", "rechtsvorm"])
    except InvalidInput as exc:
        for veld, berichten in exc.fields.items():
            fouten.setdefault(veld, []).extend(berichten)
    if fouten:
        raise InvalidInput(fields=fouten)
    sv.save()
    audit.record(actor=actor, action="samenwerkingsverband.aanmaken", instance=sv)
    from seta.samenwerkingsverbanden.besluiten import default_authorities

    default_authorities(sv)  # who decides what: the Wgr defaults (ADR 0034)
    for gemeente in partners:
        deelnemer = Deelnemer.objects.create(
            samenwerkingsverband=sv, gemeente=gemeente, toetredingsdatum=startdatum
        )
        audit.record(actor=actor, action="deelnemer.toetreden", instance=deelnemer)
    return sv


@transaction.atomic
def update_samenwerkingsverband(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    expected_version: int | None = None,
    **changes: Any,
) -> Samenwerkingsverband:
    """Change the form of a cooperation (menu, rechtsvorm, gastheergemeente, directie arrangement, …)."""
    _require_wijzigen(actor, samenwerkingsverband)
    sv = lock(samenwerkingsverband, expected_version=expected_version)
    toegestaan = {
        "naam",
        "afkorting",
        "menu",
        "rechtsvorm",
        "gastheergemeente",
        "werkorganisatie",
        "gemeentesecretaris_is_directeur",
        "omschrijving",
        "einddatum",
        "tooi_uri",  # the publisher URI of the public register (ADR 0030)
    }
    onbekend = set(changes) - toegestaan
    if onbekend:
        raise InvalidInput(fields=dict.fromkeys(sorted(onbekend), "Dit veld kan hier niet worden gewijzigd."))
    partners = [d.gemeente for d in sv.deelnemers.select_related("gemeente")]
    fouten = check_consistency(
        menu=changes.get("menu", sv.menu),
        rechtsvorm=changes.get("rechtsvorm", sv.rechtsvorm),
        gastheergemeente=changes.get("gastheergemeente", sv.gastheergemeente),
        partners=partners,
    )
    einddatum = changes.get("einddatum")
    if einddatum is not None and einddatum <= sv.startdatum:
        fouten.setdefault("einddatum", []).append(
            f"De einddatum ligt niet na de startdatum ({sv.startdatum:%d-%m-%Y})."
        )
    if changes.get("tooi_uri"):
        try:
            Samenwerkingsverband._meta.get_field("tooi_uri").run_validators(changes["tooi_uri"])
        except ValidationError as exc:
            fouten.setdefault("tooi_uri", []).extend(exc.messages)
    if fouten:
        raise InvalidInput(fields=fouten)
    return update_fields(
        sv,
        actor=actor,
        action="samenwerkingsverband.wijzigen",
        changes=changes,
        expected_version=expected_version,
    )


# --- partners ----------------------------------------------------------------------------------------------------
def taakgebieden_in_pool(sv: Samenwerkingsverband, datum: dt.date) -> list[Taakgebied]:
    """The taakgebieden that at least one partner has in the pool on ``datum``."""
    ids = (
        Inbreng.objects.filter(deelnemer__samenwerkingsverband=sv, vanaf__lte=datum)
        .filter(Q(tot__isnull=True) | Q(tot__gt=datum))
        .values_list("taakgebied_id", flat=True)
    )
    return list(Taakgebied.objects.filter(pk__in=set(ids)))


@transaction.atomic
def add_deelnemer(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    gemeente: Gemeente,
    toetredingsdatum: dt.date,
) -> Deelnemer:
    """A gemeente joins. A partner that joins later takes over the existing agreements: it brings in
    every taakgebied that is in the pool on its join date, from that date (seed lines 361-367, 409-418)."""
    sv = samenwerkingsverband
    _require_wijzigen(actor, sv)
    fouten: dict[str, list[str]] = {}
    if toetredingsdatum < sv.startdatum:
        fouten.setdefault("toetredingsdatum", []).append(
            f"Het samenwerkingsverband begon pas op {sv.startdatum:%d-%m-%Y}."
        )
    if sv.einddatum is not None and toetredingsdatum >= sv.einddatum:
        fouten.setdefault("toetredingsdatum", []).append(
            f"Het samenwerkingsverband eindigde op {sv.einddatum:%d-%m-%Y}."
        )
    if not _bestond_op(gemeente, toetredingsdatum):
        fouten.setdefault("gemeente", []).append(
            f"{gemeente} is opgeheven op {gemeente.opgeheven_op:%d-%m-%Y}."
        )
    overlap = sv.deelnemers.filter(gemeente=gemeente).filter(
        Q(uittredingsdatum__isnull=True) | Q(uittredingsdatum__gt=toetredingsdatum)
    )
    if overlap.exists():
        fouten.setdefault("gemeente", []).append(
            f"{gemeente} is op {toetredingsdatum:%d-%m-%Y} al deelnemer."
        )
    if fouten:
        raise InvalidInput(fields=fouten)
    bestaande = taakgebieden_in_pool(sv, toetredingsdatum)
    later = toetredingsdatum > sv.startdatum
    deelnemer = Deelnemer.objects.create(
        samenwerkingsverband=sv,
        gemeente=gemeente,
        toetredingsdatum=toetredingsdatum,
        neemt_bestaande_afspraken_over=later and bool(bestaande),
    )
    audit.record(actor=actor, action="deelnemer.toetreden", instance=deelnemer)
    if later:
        for taakgebied in bestaande:
            inbreng = Inbreng.objects.create(
                deelnemer=deelnemer, taakgebied=taakgebied, vanaf=toetredingsdatum
            )
            audit.record(
                actor=actor,
                action="inbreng.toevoegen",
                instance=inbreng,
                note="Overgenomen bij toetreding: bestaande afspraak van het samenwerkingsverband.",
            )
    bump_version(sv)
    return deelnemer


@transaction.atomic
def end_deelnemerschap(*, actor: Actor, deelnemer: Deelnemer, uittredingsdatum: dt.date) -> Deelnemer:
    """A partner leaves on ``uittredingsdatum`` (first day out); its scope and board seats end with it."""
    sv = deelnemer.samenwerkingsverband
    _require_wijzigen(actor, sv)
    fouten: dict[str, list[str]] = {}
    if deelnemer.uittredingsdatum is not None:
        fouten.setdefault("uittredingsdatum", []).append(
            f"{deelnemer.gemeente} is al uitgetreden op {deelnemer.uittredingsdatum:%d-%m-%Y}."
        )
    elif uittredingsdatum <= deelnemer.toetredingsdatum:
        fouten.setdefault("uittredingsdatum", []).append(
            f"De uittredingsdatum ligt niet na de toetredingsdatum ({deelnemer.toetredingsdatum:%d-%m-%Y})."
        )
    blijvend = sv.einddatum is None or uittredingsdatum < sv.einddatum
    if blijvend and sv.gastheergemeente_id == deelnemer.gemeente_id:
        fouten.setdefault("gemeente", []).append(
            "De gastheergemeente kan niet uittreden zolang het samenwerkingsverband doorgaat."
        )
    if fouten:
        raise InvalidInput(fields=fouten)
    before = audit.snapshot(deelnemer)
    deelnemer.uittredingsdatum = uittredingsdatum
    full_clean_or_raise(deelnemer)
    deelnemer.save()
    audit.record(actor=actor, action="deelnemer.uittreden", instance=deelnemer, before=before)
    for inbreng in deelnemer.inbreng.filter(Q(tot__isnull=True) | Q(tot__gt=uittredingsdatum)):
        if inbreng.vanaf >= uittredingsdatum:
            raise InvalidInput(
                fields={
                    "uittredingsdatum": f"{inbreng.taakgebied} is pas vanaf {inbreng.vanaf:%d-%m-%Y} ingebracht."
                }
            )
        voor = audit.snapshot(inbreng)
        inbreng.tot = uittredingsdatum
        inbreng.save(update_fields=["tot"])
        audit.record(
            actor=actor, action="inbreng.beeindigen", instance=inbreng, before=voor, note="Uittreding."
        )
    laatste_dag = uittredingsdatum - dt.timedelta(days=1)
    zetels = sv.bestuursleden.filter(functionaris__gemeente=deelnemer.gemeente).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gt=laatste_dag)
    )
    for zetel in zetels:
        voor = audit.snapshot(zetel)
        zetel.einddatum = max(laatste_dag, zetel.begindatum)
        zetel.save(update_fields=["einddatum"])
        audit.record(
            actor=actor, action="bestuurslid.beeindigen", instance=zetel, before=voor, note="Uittreding."
        )
    bump_version(sv)
    return deelnemer


# --- scope over time (groeimodel) -------------------------------------------------------------------------------
@transaction.atomic
def bring_in_taakgebied(
    *,
    actor: Actor,
    deelnemer: Deelnemer,
    taakgebied: Taakgebied,
    vanaf: dt.date,
    tot: dt.date | None = None,
) -> Inbreng:
    """Partner ``deelnemer`` brings ``taakgebied`` into the pool from ``vanaf`` (until ``tot``, exclusive)."""
    sv = deelnemer.samenwerkingsverband
    _require_wijzigen(actor, sv)
    fouten: dict[str, list[str]] = {}
    if vanaf < deelnemer.toetredingsdatum:
        fouten.setdefault("vanaf", []).append(
            f"{deelnemer.gemeente} is pas deelnemer sinds {deelnemer.toetredingsdatum:%d-%m-%Y}."
        )
    if deelnemer.uittredingsdatum is not None and vanaf >= deelnemer.uittredingsdatum:
        fouten.setdefault("vanaf", []).append(
            f"{deelnemer.gemeente} is uitgetreden op {deelnemer.uittredingsdatum:%d-%m-%Y}."
        )
    if tot is not None and tot <= vanaf:
        fouten.setdefault("tot", []).append("De einddatum ligt niet na de begindatum.")
    if tot is not None and deelnemer.uittredingsdatum is not None and tot > deelnemer.uittredingsdatum:
        fouten.setdefault("tot", []).append(
            f"{deelnemer.gemeente} is uitgetreden op {deelnemer.uittredingsdatum:%d-%m-%Y}."
        )
    overlap = deelnemer.inbreng.filter(taakgebied=taakgebied).filter(Q(tot__isnull=True) | Q(tot__gt=vanaf))
    if tot is not None:
        overlap = overlap.filter(vanaf__lt=tot)
    bestaand = overlap.first()
    if bestaand is not None:
        periode = f"vanaf {bestaand.vanaf:%d-%m-%Y}" + (
            f" tot {bestaand.tot:%d-%m-%Y}" if bestaand.tot else ""
        )
        fouten.setdefault("taakgebied", []).append(
            f"{deelnemer.gemeente} heeft {taakgebied} al in de pool ({periode}); periodes mogen niet overlappen."
        )
    if fouten:
        raise InvalidInput(fields=fouten)
    inbreng = Inbreng.objects.create(deelnemer=deelnemer, taakgebied=taakgebied, vanaf=vanaf, tot=tot)
    audit.record(actor=actor, action="inbreng.toevoegen", instance=inbreng)
    bump_version(sv)
    return inbreng


@transaction.atomic
def take_out_taakgebied(*, actor: Actor, inbreng: Inbreng, tot: dt.date) -> Inbreng:
    """Take a taakgebied out of the pool from ``tot`` (first day out); the history stays."""
    sv = inbreng.deelnemer.samenwerkingsverband
    _require_wijzigen(actor, sv)
    if inbreng.tot is not None and inbreng.tot <= tot:
        raise InvalidInput(fields={"tot": f"Dit taakgebied is al uit de pool sinds {inbreng.tot:%d-%m-%Y}."})
    if tot <= inbreng.vanaf:
        raise InvalidInput(
            fields={"tot": f"De einddatum ligt niet na de begindatum ({inbreng.vanaf:%d-%m-%Y})."}
        )
    before = audit.snapshot(inbreng)
    inbreng.tot = tot
    inbreng.save(update_fields=["tot"])
    audit.record(actor=actor, action="inbreng.beeindigen", instance=inbreng, before=before)
    bump_version(sv)
    return inbreng


# --- boards (Figure 2) -----------------------------------------------------------------------------------------
@transaction.atomic
def add_bestuurslid(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    functionaris: Functionaris,
    orgaan: str,
    begindatum: dt.date,
    voorzitter: bool = False,
    einddatum: dt.date | None = None,
) -> Bestuurslid:
    """Seat a college member (burgemeester or wethouder) of a partner in the AB or DB."""
    sv = samenwerkingsverband
    _require_wijzigen(actor, sv)
    fouten: dict[str, list[str]] = {}
    if orgaan not in Bestuursorgaan.values:
        fouten.setdefault("orgaan", []).append(
            f"'{orgaan}' is geen bestuursorgaan; kies uit {', '.join(Bestuursorgaan.values)}."
        )
    if functionaris.functie not in COLLEGELEDEN:
        fouten.setdefault("functionaris", []).append(
            f"{functionaris.naam} is {functionaris.get_functie_display().lower()}; alleen collegeleden "
            "(burgemeester of wethouder) kunnen in het bestuur zitten."
        )
    elif not (
        functionaris.begindatum <= begindatum
        and (functionaris.einddatum is None or functionaris.einddatum >= begindatum)
    ):
        fouten.setdefault("functionaris", []).append(
            f"{functionaris.naam} is op {begindatum:%d-%m-%Y} geen {functionaris.get_functie_display().lower()}."
        )
    if not sv.deelnemers_op(begindatum).filter(gemeente_id=functionaris.gemeente_id).exists():
        fouten.setdefault("functionaris", []).append(
            f"{functionaris.gemeente} is op {begindatum:%d-%m-%Y} geen deelnemer van {sv}."
        )
    if einddatum is not None and einddatum < begindatum:
        fouten.setdefault("einddatum", []).append("De einddatum ligt vóór de begindatum.")
    zittend = sv.bestuursleden.filter(orgaan=orgaan, functionaris=functionaris).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=begindatum)
    )
    if zittend.exists():
        fouten.setdefault("functionaris", []).append(f"{functionaris.naam} zit al in dit bestuursorgaan.")
    if voorzitter:
        andere = sv.bestuursleden.filter(orgaan=orgaan, voorzitter=True).filter(
            Q(einddatum__isnull=True) | Q(einddatum__gte=begindatum)
        )
        if andere.exists():
            fouten.setdefault("voorzitter", []).append("Dit bestuursorgaan heeft al een voorzitter.")
    if fouten:
        raise InvalidInput(fields=fouten)
    lid = Bestuurslid.objects.create(
        samenwerkingsverband=sv,
        orgaan=orgaan,
        functionaris=functionaris,
        voorzitter=voorzitter,
        begindatum=begindatum,
        einddatum=einddatum,
    )
    audit.record(actor=actor, action="bestuurslid.aanmaken", instance=lid)
    return lid


@transaction.atomic
def end_bestuurslid(*, actor: Actor, bestuurslid: Bestuurslid, einddatum: dt.date) -> Bestuurslid:
    """End a board seat (``einddatum`` is the last day in office)."""
    _require_wijzigen(actor, bestuurslid.samenwerkingsverband)
    if einddatum < bestuurslid.begindatum:
        raise InvalidInput(
            fields={"einddatum": f"De einddatum ligt vóór de begindatum ({bestuurslid.begindatum:%d-%m-%Y})."}
        )
    if bestuurslid.einddatum is not None and bestuurslid.einddatum < einddatum:
        raise InvalidInput(
            fields={"einddatum": f"Deze zetel is al beëindigd op {bestuurslid.einddatum:%d-%m-%Y}."}
        )
    before = audit.snapshot(bestuurslid)
    bestuurslid.einddatum = einddatum
    bestuurslid.save(update_fields=["einddatum"])
    audit.record(actor=actor, action="bestuurslid.beeindigen", instance=bestuurslid, before=before)
    return bestuurslid


@transaction.atomic
def create_taakgebied(*, actor: Actor, code: str, naam: str, volgorde: int = 0) -> Taakgebied:
    """Add a domain to the shared list of taakgebieden (beheerder)."""
    policy.require(actor, "taakgebied.aanmaken")
    taakgebied = Taakgebied(code=code, naam=naam, volgorde=volgorde)
    full_clean_or_raise(taakgebied)
    taakgebied.save()
    audit.record(actor=actor, action="taakgebied.aanmaken", instance=taakgebied)
    return taakgebied
