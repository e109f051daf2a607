"""The DiWoo metadata of what the public register shows: SETA's records mapped onto ``kern.diwoo.Metadata``.

Who publishes (``publisher``, a TOOI organisation URI, ADR 0030):

- a municipality's own item (its report to its council, an assignment its college commissioned, its college's
  decision in the cooperation): that municipality, ``…/tooi/id/gemeente/gm0417`` from its CBS code; the other
  commissioning municipalities of a joint assignment are ``medeverantwoordelijken``;
- the cooperation's item (a decision of its AB or DB, the joint report, the organisation): the cooperation's own
  ``Samenwerkingsverband.tooi_uri`` when TOOI knows it; else the gastheergemeente, else the first partner, with
  the cooperation named as ``opsteller`` (TOOI has no identifier for every gemeenschappelijke regeling).

The information category per item follows Woo art. 3.3 (TOOI list ``kern.diwoo.CATEGORIEEN``): council reports are
stukken ingekomen bij de raad; AB decisions vergaderstukken of a decentral body; DB and college decisions and the
colleges' commissioning of an assignment besluitenlijsten of bestuurscolleges; budget and accounts jaarplannen en
jaarverslagen; a council decision setting an assignment's frame vergaderstukken; the organisation organisatie en
werkwijze.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.rapportage import register_selectors as selectors
from seta.rapportage.kern.diwoo import Metadata, Organisatie, gemeente_uri
from seta.rapportage.models import Raadsrapportage
from seta.samenwerkingsverbanden.models import (
    Besluitonderwerp,
    Bestuursbesluit,
    Bestuursorgaan,
    Samenwerkingsverband,
)

Absoluut = Callable[[str], str]


def gemeente_organisatie(g: Gemeente) -> Organisatie:
    return Organisatie(f"gemeente {g.naam}", gemeente_uri(g.cbs_code))


def uitgever(sv: Samenwerkingsverband) -> tuple[Organisatie, Organisatie | None]:
    """The cooperation's publisher and, when that is a partner municipality, the cooperation as ``opsteller``."""
    if sv.tooi_uri:
        return Organisatie(sv.naam, sv.tooi_uri), None
    g = sv.gastheergemeente or selectors.eerste_partner(sv)
    if g is None:
        raise ValueError(f"{sv} heeft geen TOOI-URI en geen deelnemer om onder te publiceren")
    return gemeente_organisatie(g), Organisatie(sv.naam)


def _datum(d: dt.datetime | dt.date | None, anders: dt.date) -> dt.date:
    if d is None:
        return anders
    if isinstance(d, dt.datetime):
        return timezone.localdate(d) if timezone.is_aware(d) else d.date()
    return d


# --- assignments ----------------------------------------------------------------------------------------------------
def _opdrachtgevers(o: Bestuursopdracht) -> list[Gemeente]:
    return sorted(
        (og.gemeente for og in o.opdrachtgevers.all() if og.teruggetrokken_op is None), key=lambda g: g.naam
    )


def opdracht(o: Bestuursopdracht, absoluut: Absoluut) -> Metadata:
    sv = o.samenwerkingsverband
    url = absoluut(reverse("register:opdracht", args=[sv.slug, o.pk]))
    gemeenten = _opdrachtgevers(o)
    opsteller: Organisatie | None
    if gemeenten:
        publisher, opsteller = gemeente_organisatie(gemeenten[0]), Organisatie(sv.naam)
    else:
        publisher, opsteller = uitgever(sv)
    opgedragen = o.opgedragen_op or _datum(o.aangemaakt_op, dt.date.today())
    return Metadata(
        identifier=o.nummer,
        url=url,
        titel=f"Bestuursopdracht {o.nummer}: {o.titel}",
        omschrijving=f"Opdracht van het college aan {sv.werkorganisatie or sv.naam}, status "
        f"{o.get_status_display().lower()}; uiterlijk op te leveren {o.deadline:%d-%m-%Y}.",
        categorie="besluitenlijsten",
        documentsoort="besluit",
        publisher=publisher,
        opsteller=opsteller,
        medeverantwoordelijken=tuple(gemeente_organisatie(g) for g in gemeenten[1:]),
        handeling="vaststelling",
        handeling_op=opgedragen,
        creatiedatum=opgedragen,
        gewijzigd=_datum(o.gewijzigd_op, opgedragen),
    )


def raadsbesluit(o: Bestuursopdracht, absoluut: Absoluut) -> Metadata:
    """The council decision that sets an assignment's frame (its page is the assignment's)."""
    sv = o.samenwerkingsverband
    gemeenten = _opdrachtgevers(o)
    publisher = gemeente_organisatie(gemeenten[0]) if gemeenten else uitgever(sv)[0]
    datum = o.raadsbesluit_datum or o.opgedragen_op or _datum(o.aangemaakt_op, dt.date.today())
    url = absoluut(reverse("register:opdracht", args=[sv.slug, o.pk])) + "#raadsbesluit"
    return Metadata(
        identifier=o.raadsbesluit_kenmerk,
        url=url,
        titel=f"Raadsbesluit {o.raadsbesluit_kenmerk} (kader voor bestuursopdracht {o.nummer})",
        omschrijving=f"Het kaderstellende besluit van de raad waarop bestuursopdracht {o.nummer} ({o.titel}) berust.",
        categorie="vergaderstukken",
        documentsoort="raadsbesluit",
        publisher=publisher,
        medeverantwoordelijken=tuple(gemeente_organisatie(g) for g in gemeenten[1:]),
        handeling="vaststelling",
        handeling_op=datum,
        creatiedatum=datum,
        gewijzigd=datum,
    )


# --- board decisions ------------------------------------------------------------------------------------------------
_JAARSTUKKEN = {Besluitonderwerp.BEGROTING, Besluitonderwerp.AFREKENING}


def _besluit_categorie(b: Bestuursbesluit) -> str:
    if b.onderwerp in _JAARSTUKKEN:
        return "jaarplannen"
    if b.orgaan == Bestuursorgaan.ALGEMEEN_BESTUUR:
        return "vergaderstukken"
    return "besluitenlijsten"


def besluit_titel(b: Bestuursbesluit) -> str:
    if b.orgaan == Bestuursorgaan.COLLEGE and b.gemeente is not None:
        wie = f"College van B en W van {b.gemeente.naam}"
    else:
        wie = b.get_orgaan_display()
    return f"Besluit {wie}: {b.get_onderwerp_display()} ({b.kenmerk})"


def besluit(b: Bestuursbesluit, absoluut: Absoluut) -> Metadata:
    sv = b.samenwerkingsverband
    opsteller: Organisatie | None
    if b.orgaan == Bestuursorgaan.COLLEGE and b.gemeente is not None:
        publisher, opsteller = gemeente_organisatie(b.gemeente), None
    else:
        publisher, opsteller = uitgever(sv)
    return Metadata(
        identifier=b.kenmerk,
        url=absoluut(reverse("register:besluit", args=[sv.slug, b.pk])),
        titel=besluit_titel(b),
        omschrijving=b.omschrijving or f"{b.get_onderwerp_display()}, besloten op {b.datum:%d-%m-%Y}.",
        categorie=_besluit_categorie(b),
        documentsoort="besluit",
        publisher=publisher,
        opsteller=opsteller,
        handeling="vaststelling",
        handeling_op=b.datum,
        creatiedatum=b.datum,
        gewijzigd=_datum(b.vastgelegd_op, b.datum),
    )


# --- council reports ------------------------------------------------------------------------------------------------
def rapportage_titel(r: Raadsrapportage) -> str:
    wie = f"de raad van {r.gemeente.naam}" if r.gemeente is not None else "alle raden"
    versie = f", versie {r.volgnummer}" if r.volgnummer > 1 else ""
    return f"Raadsrapportage {r.periode_naam} {r.jaar} van {r.samenwerkingsverband.naam} aan {wie}{versie}"


def rapportage(r: Raadsrapportage, absoluut: Absoluut) -> Metadata:
    sv = r.samenwerkingsverband
    opsteller: Organisatie | None
    if r.gemeente is not None:
        publisher, opsteller = gemeente_organisatie(r.gemeente), Organisatie(sv.naam)
    else:
        publisher, opsteller = uitgever(sv)
    aangeboden = r.aangeboden_op or _datum(r.gewijzigd_op, r.eind)
    omschrijving = (
        f"Periode {r.begin:%d-%m-%Y} tot en met {r.eind:%d-%m-%Y}; aangeboden op {aangeboden:%d-%m-%Y}."
    )
    if r.status == "vervangen":
        omschrijving += " Vervangen door een gecorrigeerde versie."
    pagina = absoluut(reverse("register:rapportage", args=[sv.slug, r.pk]))
    heeft_pdf = bool(r.pdf_sha256)
    return Metadata(
        identifier=f"{sv.slug}-{r.ontvanger.lower()}-{r.jaar}-{r.periode}-v{r.volgnummer}",
        url=absoluut(reverse("register:rapportage_pdf", args=[sv.slug, r.pk])) if heeft_pdf else pagina,
        pagina=pagina,
        titel=rapportage_titel(r),
        omschrijving=omschrijving,
        categorie="ingekomen",
        documentsoort="rapportage",
        publisher=publisher,
        opsteller=opsteller,
        handeling="vaststelling",
        handeling_op=aangeboden,
        creatiedatum=aangeboden,
        gewijzigd=_datum(r.gewijzigd_op, aangeboden),
        formaat="application/pdf" if heeft_pdf else "text/html",
        extra={"sha256": r.pdf_sha256} if heeft_pdf else {},
    )


# --- the organisation -----------------------------------------------------------------------------------------------
def organisatie(sv: Samenwerkingsverband, absoluut: Absoluut) -> Metadata:
    publisher, opsteller = uitgever(sv)
    return Metadata(
        identifier=f"{sv.slug}-organisatie",
        url=absoluut(reverse("register:organisatie", args=[sv.slug])),
        titel=f"Organisatie en werkwijze van {sv.naam}",
        omschrijving=f"{sv.get_rechtsvorm_display()}; de deelnemende gemeenten, het bestuur en de eenheden "
        f"van {sv.werkorganisatie or sv.naam} (organogram) en de bereikbaarheid.",
        categorie="organisatie",
        documentsoort="organisatiebeschrijving",
        publisher=publisher,
        opsteller=opsteller,
        handeling="vaststelling",
        handeling_op=sv.startdatum,
        creatiedatum=sv.startdatum,
        gewijzigd=_datum(sv.gewijzigd_op, sv.startdatum),
    )


def alles(sv: Samenwerkingsverband, absoluut: Absoluut, gemeente: Gemeente | None = None) -> list[Metadata]:
    """Every published item of a cooperation (or of one partner municipality in it), newest first per kind."""
    items: list[Metadata] = []
    if gemeente is None:
        items.append(organisatie(sv, absoluut))
    items += [rapportage(r, absoluut) for r in selectors.rapportages(sv, gemeente)]
    items += [besluit(b, absoluut) for b in selectors.besluiten(sv, gemeente)]
    items += [raadsbesluit(o, absoluut) for o in selectors.raadsbesluiten(sv, gemeente)]
    items += [opdracht(o, absoluut) for o in selectors.opdrachten(sv, gemeente)]
    return items
