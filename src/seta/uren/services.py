"""The one write path for urenregistratie: lines of hours, the weekly grid, the weekstaat lifecycle, imports.

Rules (each enforced here, for the UI, the API, the import and the command alike):
- a line is written on exactly one of: a bestuursopdracht, a catalogusitem for a gemeente, overhead;
- 0 < uren <= 24 per line and at most 24 hours per medewerker per day in total;
- a goedgekeurd week is locked: nothing in it changes until a teamleider (or the directeur) reopens
  it, with a reason that is kept in the history and the audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem
from seta.core import audit
from seta.core.errors import Conflict, InvalidInput
from seta.core.services import check_version
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Medewerker
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren import overzicht
from seta.uren.models import Soort, Urenregel, Weekovergang, Weekstaat, Weekstatus


def _nacalculatie(
    actor: Actor, *, staat: Weekstaat | None = None, opdracht_ids: Iterable[int | None] = ()
) -> None:
    """The actuals of the assignments whose hours changed may have reached an alert (issue 10, nacalculatie)."""
    from seta.nacalculatie import services as nacalculatie_services

    ids = {i for i in opdracht_ids if i is not None}
    if staat is not None:
        ids |= set(
            Urenregel.objects.filter(weekstaat=staat, opdracht__isnull=False).values_list(
                "opdracht_id", flat=True
            )
        )
    nacalculatie_services.controleer(actor=actor, opdrachten=ids)


MAX_PER_DAG = Decimal("24")
TWEE = Decimal("0.01")
DAGNAMEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]

# The weekstaat lifecycle as one table: (from, to) -> (action, who may do it)
OVERGANGEN: dict[tuple[str, str], tuple[str, str]] = {
    (Weekstatus.OPEN, Weekstatus.INGEDIEND): ("weekstaat.indienen", "de medewerker zelf"),
    (Weekstatus.INGEDIEND, Weekstatus.GOEDGEKEURD): (
        "weekstaat.goedkeuren",
        "teamleider van de eenheid of directeur",
    ),
    (Weekstatus.INGEDIEND, Weekstatus.OPEN): (
        "weekstaat.heropenen",
        "teamleider van de eenheid of directeur, met reden",
    ),
    (Weekstatus.GOEDGEKEURD, Weekstatus.OPEN): (
        "weekstaat.heropenen",
        "teamleider van de eenheid of directeur, met reden",
    ),
}


def iso_week(datum: dt.date) -> tuple[int, int]:
    jaar, week, _ = datum.isocalendar()
    return jaar, week


def nl_datum(datum: dt.date) -> str:
    return f"{datum:%d-%m-%Y}"


# --- weekstaten ------------------------------------------------------------------------------------------
def _weekstaat(medewerker: Medewerker, jaar: int, week: int) -> Weekstaat:
    staat, _ = Weekstaat.objects.get_or_create(
        medewerker=medewerker,
        jaar=jaar,
        week=week,
        defaults={"samenwerkingsverband_id": medewerker.samenwerkingsverband_id},
    )
    return staat


def weekstaat_for_week(*, actor: Actor, medewerker: Medewerker, jaar: int, week: int) -> Weekstaat:
    """The weekstaat of that week; the actor must be able to read it. Never writes: a week without a
    weekstaat yet comes back *unsaved* (open, empty); :func:`save_week` or :func:`submit_week` creates
    it, audited, when the medewerker saves."""
    try:
        dt.date.fromisocalendar(jaar, week, 1)
    except (ValueError, OverflowError) as exc:
        raise InvalidInput(fields={"week": [f"Week {week} van {jaar} bestaat niet."]}) from exc
    policy.require(actor, "weekstaat.lezen", medewerker)
    staat = Weekstaat.objects.filter(medewerker=medewerker, jaar=jaar, week=week).first()
    if staat is None:
        staat = Weekstaat(
            medewerker=medewerker,
            jaar=jaar,
            week=week,
            samenwerkingsverband_id=medewerker.samenwerkingsverband_id,
        )
    return staat


def _locked_week(actor: Actor, weekstaat: Weekstaat, action: str) -> Weekstaat:
    """The week's row under lock. An unsaved week (a page showed an empty one) is created here, once,
    by the medewerker who may write it, and audited as ``weekstaat.openen``."""
    if weekstaat.pk is None:
        policy.require(actor, action, weekstaat.medewerker, read_action="weekstaat.lezen")
        staat, aangemaakt = Weekstaat.objects.get_or_create(  # safe against a concurrent create
            medewerker=weekstaat.medewerker,
            jaar=weekstaat.jaar,
            week=weekstaat.week,
            defaults={"samenwerkingsverband_id": weekstaat.medewerker.samenwerkingsverband_id},
        )
        if aangemaakt:
            audit.record(actor=actor, action="weekstaat.openen", instance=staat)
        weekstaat = staat
    return Weekstaat.objects.select_for_update(of=("self",)).select_related("medewerker").get(pk=weekstaat.pk)


def _transition(actor: Actor, staat: Weekstaat, naar: str, reden: str = "") -> Weekstaat:
    van = staat.status
    if (van, naar) not in OVERGANGEN:
        raise Conflict(
            f"Een weekstaat met status '{Weekstatus(van).label.lower()}' kan niet naar "
            f"'{Weekstatus(naar).label.lower()}'."
        )
    actie, _ = OVERGANGEN[(van, naar)]
    before = audit.snapshot(staat)
    staat.status = naar
    nu = timezone.now()
    if naar == Weekstatus.INGEDIEND:
        staat.ingediend_op = nu
    elif naar == Weekstatus.GOEDGEKEURD:
        staat.goedgekeurd_op = nu
        staat.goedgekeurd_door = actor.user
    else:
        staat.goedgekeurd_op = None
        staat.goedgekeurd_door = None
    staat.versie += 1
    staat.save()
    Weekovergang.objects.create(weekstaat=staat, van=van, naar=naar, door=actor.user, reden=reden)
    audit.record(actor=actor, action=actie, instance=staat, before=before, note=reden)
    _nacalculatie(actor, staat=staat)
    return staat


@transaction.atomic
def submit_week(*, actor: Actor, weekstaat: Weekstaat, expected_version: int | None = None) -> Weekstaat:
    """The medewerker hands in the week (open → ingediend)."""
    staat = _locked_week(actor, weekstaat, "weekstaat.indienen")
    policy.require(actor, "weekstaat.indienen", staat, read_action="weekstaat.lezen")
    check_version(staat, expected_version)
    if staat.status != Weekstatus.OPEN:
        raise Conflict(f"Week {staat.week}-{staat.jaar} is al {Weekstatus(staat.status).label.lower()}.")
    if not staat.regels.exists():
        raise InvalidInput(fields={"regels": ["Er staan geen uren in deze week; vul eerst uw uren in."]})
    return _transition(actor, staat, Weekstatus.INGEDIEND)


@transaction.atomic
def approve_week(*, actor: Actor, weekstaat: Weekstaat, expected_version: int | None = None) -> Weekstaat:
    """The teamleider of the unit (or the directeur) approves a submitted week; it is locked from then on."""
    staat = (
        Weekstaat.objects.select_for_update(of=("self",)).select_related("medewerker").get(pk=weekstaat.pk)
    )
    policy.require(actor, "weekstaat.goedkeuren", staat, read_action="weekstaat.lezen")
    check_version(staat, expected_version)
    if staat.status != Weekstatus.INGEDIEND:
        raise Conflict(
            f"Alleen een ingediende week kan worden goedgekeurd; week {staat.week}-{staat.jaar} is "
            f"{Weekstatus(staat.status).label.lower()}."
        )
    overzicht.week_erbij(staat)  # the week's hours into the summary, in this transaction (ADR 0033)
    return _transition(actor, staat, Weekstatus.GOEDGEKEURD)


@transaction.atomic
def reopen_week(
    *, actor: Actor, weekstaat: Weekstaat, reden: str, expected_version: int | None = None
) -> Weekstaat:
    """Reopen a submitted or approved week (→ open), only with a reason; kept in history and audit trail."""
    staat = (
        Weekstaat.objects.select_for_update(of=("self",)).select_related("medewerker").get(pk=weekstaat.pk)
    )
    policy.require(actor, "weekstaat.heropenen", staat, read_action="weekstaat.lezen")
    check_version(staat, expected_version)
    if not (reden or "").strip():
        raise InvalidInput(fields={"reden": ["Geef een reden op voor het heropenen van de week."]})
    if staat.status == Weekstatus.OPEN:
        raise Conflict(f"Week {staat.week}-{staat.jaar} is al open.")
    if staat.status == Weekstatus.GOEDGEKEURD:
        overzicht.week_eraf(staat)  # its hours leave the summary in the same transaction
    return _transition(actor, staat, Weekstatus.OPEN, reden=reden.strip())


# --- lines of hours -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Doel:
    """What hours are written on: an opdracht, a catalogusitem for a gemeente, or overhead."""

    soort: str
    opdracht: Bestuursopdracht | None = None
    catalogusitem: Catalogusitem | None = None
    gemeente: Gemeente | None = None

    @property
    def sleutel(self) -> tuple[str, int | None, int | None, int | None]:
        return (
            self.soort,
            self.opdracht.pk if self.opdracht else None,
            self.catalogusitem.pk if self.catalogusitem else None,
            self.gemeente.pk if self.gemeente else None,
        )


def _partner_ids(sv_id: int, datum: dt.date) -> set[int]:
    from seta.samenwerkingsverbanden.models import Deelnemer

    return set(
        Deelnemer.objects.filter(samenwerkingsverband_id=sv_id, toetredingsdatum__lte=datum)
        .filter(Q(uittredingsdatum__isnull=True) | Q(uittredingsdatum__gt=datum))
        .values_list("gemeente_id", flat=True)
    )


def opdracht_gemeente_id(opdracht: Bestuursopdracht) -> int | None:
    """The gemeente hours on an assignment are for: its only opdrachtgever; None for a joint assignment."""
    actief = [o.gemeente_id for o in opdracht.opdrachtgevers.all() if o.teruggetrokken_op is None]
    return actief[0] if len(actief) == 1 else None


def check_doel(
    doel: Doel,
    medewerker: Medewerker,
    datum: dt.date,
    partners: Callable[[int, dt.date], set[int]] | None = None,
) -> dict[str, list[str]]:
    """Field errors of a target for ``medewerker`` on ``datum`` (empty: fine)."""
    fouten: dict[str, list[str]] = {}
    sv_id = medewerker.samenwerkingsverband_id
    partners = partners or _partner_ids
    if doel.soort not in Soort.values:
        return {"soort": [f"Kies opdracht, regulier of overhead (niet '{doel.soort}')."]}
    if doel.soort == Soort.OPDRACHT:
        if doel.opdracht is None:
            fouten["opdracht"] = ["Kies de bestuursopdracht waarop u uren schrijft."]
        elif doel.opdracht.samenwerkingsverband_id != sv_id:
            fouten["opdracht"] = [f"Opdracht {doel.opdracht.nummer} hoort niet bij uw samenwerkingsverband."]
        if doel.catalogusitem is not None or doel.gemeente is not None:
            fouten["soort"] = ["Bij uren op een opdracht horen geen catalogusitem en gemeente."]
    elif doel.soort == Soort.REGULIER:
        if doel.catalogusitem is None:
            fouten["catalogusitem"] = [
                "Kies het catalogusitem (product, dienst of proces) van het reguliere werk."
            ]
        elif doel.catalogusitem.samenwerkingsverband_id != sv_id:
            fouten["catalogusitem"] = [f"{doel.catalogusitem} hoort niet bij uw samenwerkingsverband."]
        if doel.gemeente is None:
            fouten["gemeente"] = ["Kies voor welke gemeente het reguliere werk was."]
        elif doel.gemeente.pk not in partners(sv_id, datum):
            fouten["gemeente"] = [
                f"{doel.gemeente} is op {nl_datum(datum)} geen deelnemer van uw samenwerkingsverband."
            ]
        if doel.opdracht is not None:
            fouten["soort"] = ["Bij regulier werk hoort geen opdracht."]
    else:
        if doel.opdracht is not None or doel.catalogusitem is not None or doel.gemeente is not None:
            fouten["soort"] = ["Overhead gaat niet op een opdracht, catalogusitem of gemeente."]
    return fouten


def parse_uren(value: Any, veld: str = "uren") -> Decimal:
    """Hours as a Decimal with at most two decimals, 0 < uren <= 24 (a comma works as decimal sign)."""
    try:
        uren = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise InvalidInput(fields={veld: [f"'{value}' is geen aantal uren."]}) from exc
    if not uren.is_finite() or uren <= 0 or uren > MAX_PER_DAG:
        raise InvalidInput(fields={veld: [f"Uren moeten groter dan 0 en hoogstens 24 zijn (niet {value})."]})
    if uren != uren.quantize(TWEE):
        raise InvalidInput(fields={veld: [f"Uren hebben hoogstens twee decimalen (niet {value})."]})
    return uren.quantize(TWEE)


def _day_total(medewerker: Medewerker, datum: dt.date, exclude: Iterable[int] = ()) -> Decimal:
    total = (
        Urenregel.objects.filter(medewerker=medewerker, datum=datum)
        .exclude(pk__in=list(exclude))
        .aggregate(s=Sum("uren"))["s"]
    )
    return total or Decimal("0")


def _check_day(medewerker: Medewerker, datum: dt.date, extra: Decimal, exclude: Iterable[int] = ()) -> None:
    total = _day_total(medewerker, datum, exclude) + extra
    if total > MAX_PER_DAG:
        raise InvalidInput(
            fields={
                "uren": [
                    f"Op {nl_datum(datum)} komt {medewerker} dan op {total} uur; dat is meer dan 24 uur op één dag."
                ]
            }
        )


def _check_open(staat: Weekstaat) -> None:
    if staat.vergrendeld:
        raise Conflict(
            f"Week {staat.week}-{staat.jaar} van {staat.medewerker} is goedgekeurd en vergrendeld; "
            "vraag de teamleider om de week te heropenen."
        )


def _check_in_dienst(medewerker: Medewerker, datum: dt.date) -> None:
    if datum < medewerker.in_dienst or (medewerker.uit_dienst is not None and datum > medewerker.uit_dienst):
        raise InvalidInput(fields={"datum": [f"{medewerker} was op {nl_datum(datum)} niet in dienst."]})


def _line(
    medewerker: Medewerker,
    staat: Weekstaat,
    datum: dt.date,
    uren: Decimal,
    doel: Doel,
    omschrijving: str,
    bron: str,
) -> Urenregel:
    gemeente_id = doel.gemeente.pk if doel.gemeente else None
    if doel.soort == Soort.OPDRACHT and doel.opdracht is not None:
        gemeente_id = opdracht_gemeente_id(doel.opdracht)
    return Urenregel(
        samenwerkingsverband_id=medewerker.samenwerkingsverband_id,
        medewerker=medewerker,
        weekstaat=staat,
        datum=datum,
        uren=uren,
        soort=doel.soort,
        opdracht=doel.opdracht,
        catalogusitem=doel.catalogusitem,
        gemeente_id=gemeente_id,
        eenheid_id=medewerker.eenheid_id,
        schaal=medewerker.schaal,
        omschrijving=(omschrijving or "")[:255],
        bron=bron,
    )


@transaction.atomic
def register_hours(
    *,
    actor: Actor,
    medewerker: Medewerker,
    datum: dt.date,
    uren: Decimal | str | float,
    doel: Doel,
    omschrijving: str = "",
    bron: str = "ui",
) -> Urenregel:
    """Write one line of hours for ``medewerker`` (only the medewerker themself)."""
    policy.require(actor, "urenregel.schrijven", medewerker, read_action="weekstaat.lezen")
    aantal = parse_uren(uren)
    fouten = check_doel(doel, medewerker, datum)
    if fouten:
        raise InvalidInput(fields=fouten)
    _check_in_dienst(medewerker, datum)
    staat = _weekstaat(medewerker, *iso_week(datum))
    staat = Weekstaat.objects.select_for_update(of=("self",)).get(pk=staat.pk)
    _check_open(staat)
    _check_day(medewerker, datum, aantal)
    regel = _line(medewerker, staat, datum, aantal, doel, omschrijving, bron)
    regel.save()
    audit.record(actor=actor, action="urenregel.schrijven", instance=regel)
    _nacalculatie(actor, opdracht_ids=[regel.opdracht_id])
    return regel


@transaction.atomic
def change_hours(
    *,
    actor: Actor,
    urenregel: Urenregel,
    expected_version: int | None = None,
    uren: Decimal | str | float | None = None,
    datum: dt.date | None = None,
    doel: Doel | None = None,
    omschrijving: str | None = None,
) -> Urenregel:
    """Change a line (its old and its new week must both be open)."""
    regel = (
        Urenregel.objects.select_for_update(of=("self",))
        .select_related("medewerker", "weekstaat")
        .get(pk=urenregel.pk)
    )
    policy.require(actor, "urenregel.schrijven", regel, read_action="urenregel.lezen")
    check_version(regel, expected_version)
    _check_open(regel.weekstaat)
    medewerker = regel.medewerker
    before = audit.snapshot(regel)
    nieuw_datum = datum or regel.datum
    nieuw_uren = parse_uren(uren) if uren is not None else regel.uren
    if doel is None:
        doel = Doel(regel.soort, regel.opdracht, regel.catalogusitem, regel.gemeente)
    fouten = check_doel(doel, medewerker, nieuw_datum)
    if fouten:
        raise InvalidInput(fields=fouten)
    _check_in_dienst(medewerker, nieuw_datum)
    staat = _weekstaat(medewerker, *iso_week(nieuw_datum))
    _check_open(staat)
    _check_day(medewerker, nieuw_datum, nieuw_uren, exclude=[regel.pk])
    nieuw = _line(
        medewerker,
        staat,
        nieuw_datum,
        nieuw_uren,
        doel,
        regel.omschrijving if omschrijving is None else omschrijving,
        regel.bron,
    )
    for field in (
        "weekstaat",
        "datum",
        "uren",
        "soort",
        "opdracht",
        "catalogusitem",
        "gemeente_id",
        "eenheid_id",
        "schaal",
        "omschrijving",
    ):
        setattr(regel, field, getattr(nieuw, field))
    regel.versie += 1
    regel.save()
    audit.record(actor=actor, action="urenregel.wijzigen", instance=regel, before=before)
    _nacalculatie(actor, opdracht_ids=[regel.opdracht_id, before.get("opdracht_id") if before else None])
    return regel


@transaction.atomic
def delete_hours(*, actor: Actor, urenregel: Urenregel, expected_version: int | None = None) -> None:
    regel = (
        Urenregel.objects.select_for_update(of=("self",))
        .select_related("medewerker", "weekstaat")
        .get(pk=urenregel.pk)
    )
    policy.require(actor, "urenregel.schrijven", regel, read_action="urenregel.lezen")
    check_version(regel, expected_version)
    _check_open(regel.weekstaat)
    before = audit.snapshot(regel)
    audit.record(actor=actor, action="urenregel.verwijderen", instance=regel, before=before, after={})
    opdracht_id = regel.opdracht_id
    regel.delete()
    _nacalculatie(actor, opdracht_ids=[opdracht_id])


# --- the weekly grid -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Weekrij:
    """One row of the grid: a target and the hours of Monday..Sunday (None or 0: none)."""

    doel: Doel
    dagen: Sequence[Decimal | None]
    omschrijving: str = ""


@transaction.atomic
def save_week(
    *, actor: Actor, weekstaat: Weekstaat, rijen: Sequence[Weekrij], expected_version: int | None = None
) -> Weekstaat:
    """Save the grid of one week: every cell becomes the total of its target on that day.

    Cells whose total did not change keep their lines (so imported lines survive an untouched grid);
    a changed cell is replaced by one line with the new total. Rows not in ``rijen`` are removed.
    """
    staat = _locked_week(actor, weekstaat, "urenregel.schrijven")
    policy.require(actor, "urenregel.schrijven", staat, read_action="weekstaat.lezen")
    check_version(staat, expected_version)
    _check_open(staat)
    medewerker = staat.medewerker
    dagen = staat.dagen

    fouten: dict[str, list[str]] = {}
    gewenst: dict[tuple[Any, ...], dict[int, Decimal]] = defaultdict(dict)
    doelen: dict[tuple[Any, ...], Doel] = {}
    omschrijvingen: dict[tuple[Any, ...], str] = {}
    for i, rij in enumerate(rijen):
        if len(rij.dagen) != 7:
            raise InvalidInput(fields={f"rijen[{i}]": ["Een rij heeft zeven dagen (maandag t/m zondag)."]})
        if not any(rij.dagen):
            continue
        for veld, msgs in check_doel(rij.doel, medewerker, dagen[0]).items():
            fouten[f"rijen[{i}].{veld}"] = msgs
        key = rij.doel.sleutel
        doelen[key] = rij.doel
        omschrijvingen[key] = rij.omschrijving
        for d, waarde in enumerate(rij.dagen):
            if waarde in (None, Decimal(0)):
                continue
            try:
                gewenst[key][d] = gewenst[key].get(d, Decimal(0)) + parse_uren(waarde)
            except InvalidInput as exc:
                fouten[f"rijen[{i}].dagen[{d}]"] = [
                    f"{DAGNAMEN[d]} {nl_datum(dagen[d])}: {m}" for msgs in exc.fields.values() for m in msgs
                ]
            else:
                try:
                    _check_in_dienst(medewerker, dagen[d])
                except InvalidInput as exc:
                    fouten[f"rijen[{i}].dagen[{d}]"] = exc.fields["datum"]
    for d, datum in enumerate(dagen):
        totaal = sum((cells.get(d, Decimal(0)) for cells in gewenst.values()), Decimal(0))
        if totaal > MAX_PER_DAG:
            fouten[f"dag[{d}]"] = [
                f"Op {nl_datum(datum)} staat {totaal} uur; meer dan 24 uur op één dag kan niet."
            ]
    if fouten:
        raise InvalidInput(fields=fouten)

    bestaand: dict[tuple[Any, ...], dict[int, list[Urenregel]]] = defaultdict(lambda: defaultdict(list))
    for regel in staat.regels.select_related("opdracht", "catalogusitem", "gemeente"):
        key = (
            regel.soort,
            regel.opdracht_id,
            regel.catalogusitem_id,
            regel.gemeente_id if regel.soort == Soort.REGULIER else None,
        )
        bestaand[key][(regel.datum - dagen[0]).days].append(regel)
    before = {
        "regels": [
            audit.snapshot(r) for cells in bestaand.values() for lines in cells.values() for r in lines
        ]
    }

    weg: list[int] = []
    nieuw: list[Urenregel] = []
    for key in set(bestaand) | set(gewenst):
        for d in range(7):
            huidig = bestaand.get(key, {}).get(d, [])
            oud = sum((r.uren for r in huidig), Decimal(0))
            doel_uren = gewenst.get(key, {}).get(d, Decimal(0))
            if oud == doel_uren:
                continue
            weg.extend(r.pk for r in huidig)
            if doel_uren > 0:
                nieuw.append(
                    _line(
                        medewerker, staat, dagen[d], doel_uren, doelen[key], omschrijvingen.get(key, ""), "ui"
                    )
                )
    if weg or nieuw:
        Urenregel.objects.filter(pk__in=weg).delete()
        Urenregel.objects.bulk_create(nieuw)
        staat.versie += 1
        staat.save(update_fields=["versie", "gewijzigd_op"])
        audit.record(
            actor=actor,
            action="weekstaat.uren_opslaan",
            instance=staat,
            before=before,
            after={"verwijderd": len(weg), "nieuw": [audit.snapshot(r) for r in nieuw]},
        )
        _nacalculatie(actor, staat=staat)
    return staat


# --- import -----------------------------------------------------------------------------------------------------
def import_hours(
    *, actor: Actor, samenwerkingsverband: Samenwerkingsverband, bestandsnaam: str, inhoud: bytes
) -> Any:
    """Import a CSV/XLSX export of a time-keeping system: all or nothing, idempotent. See ``importeren.py``."""
    from seta.uren import importeren

    return importeren.import_file(
        actor=actor, samenwerkingsverband=samenwerkingsverband, bestandsnaam=bestandsnaam, inhoud=inhoud
    )


def week_totals(lines: Iterable[Urenregel]) -> Mapping[dt.date, Decimal]:
    totals: dict[dt.date, Decimal] = defaultdict(Decimal)
    for r in lines:
        totals[r.datum] += r.uren
    return totals


def doel_from_codes(
    medewerker: Medewerker,
    soort: str,
    opdracht: str = "",
    catalogusitem: str = "",
    gemeente: str = "",
    *,
    actor: Actor,
) -> Doel:
    """A target from natural keys (opdracht nummer, catalogusitem code, CBS code) within the medewerker's pool.

    Call it only after the policy allowed ``actor`` to write for ``medewerker``; the assignment is looked up among
    those the actor may open, so an unknown and an unreadable number get the same answer."""
    fouten: dict[str, list[str]] = {}
    sv_id = medewerker.samenwerkingsverband_id
    o = c = g = None
    if opdracht:
        o = (
            Bestuursopdracht.objects.filter(policy.scope(actor, "opdrachten.bestuursopdracht"))
            .filter(samenwerkingsverband_id=sv_id, nummer__iexact=opdracht.strip())
            .prefetch_related("opdrachtgevers")
            .first()
        )
        if o is None:
            fouten["opdracht"] = [f"Opdracht '{opdracht}' bestaat niet in uw samenwerkingsverband."]
    if catalogusitem:
        c = Catalogusitem.objects.filter(
            samenwerkingsverband_id=sv_id, code__iexact=catalogusitem.strip()
        ).first()
        if c is None:
            fouten["catalogusitem"] = [
                f"Catalogusitem '{catalogusitem}' bestaat niet in uw samenwerkingsverband."
            ]
    if gemeente:
        g = Gemeente.objects.filter(cbs_code__iexact=gemeente.strip()).first()
        if g is None:
            fouten["gemeente"] = [f"'{gemeente}' is geen bekende CBS-code."]
    if fouten:
        raise InvalidInput(fields=fouten)
    return Doel(soort, opdracht=o, catalogusitem=c, gemeente=g)
