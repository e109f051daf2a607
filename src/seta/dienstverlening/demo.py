"""Demo step: an adopted service agreement (DVO) for each BEL partner, and a concept new version for Eemnes.

Each DVO covers twelve case-like BEL services (permits, passport, driving licence, BRP, benefits, Wmo,
objections …), each with a normed lead time taken from the catalogue's own norm (``catalogus.Norm``):

- a norm in ``werkdagen`` stays in working days;
- a norm in ``weken`` is a legal term (Awb art. 4:13, the Omgevingswet, the Wmo 2015): the Algemene termijnenwet
  counts such terms in calendar days, so it becomes ``kalenderdagen`` × 7 (8 weken = 56 kalenderdagen);
- a norm in ``kalenderdagen`` or ``dagen`` stays in calendar days.

Some services also carry a quality norm (minimumscore 7,0) and a volume band per quarter. Reporting rhythm per
quarter; the escalation route beleidsregisseur → gemeentesecretaris → DB; term 2025-01-01 to 2029-12-31;
Laren's figures are public to every partner, the others not. Every step goes through the services as the demo
people: the pool's directeur drafts, the wethouder of each gemeente records the college's decision, the DB's
chair (burgemeester.laren) records the DB's decision.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from seta.autorisaties.actor import actor_for
from seta.catalogus.models import Norm
from seta.demo.builder import DemoContext
from seta.dienstverlening import services
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer
from seta.samenwerkingsverbanden.models import Bestuursorgaan

INGANG = dt.date(2025, 1, 1)
EINDE = dt.date(2029, 12, 31)

# code → (streefpercentage, legal basis, kwaliteit?, volume band per quarter (min, max) or None)
DIENSTEN: dict[str, tuple[int, str, bool, tuple[int, int] | None]] = {
    "paspoort": (95, "", True, None),
    "rijbewijs": (95, "", True, None),
    "brp-uittreksel": (98, "", False, None),
    "verhuizing": (95, "Wet BRP art. 2.39 (5 werkdagen)", False, None),
    "omgevingsvergunning": (90, "Omgevingswet art. 16.64 (8 weken)", True, (10, 45)),
    "evenementenvergunning": (90, "Awb art. 4:13", False, None),
    "bijstand": (90, "Participatiewet art. 44 (8 weken)", False, (4, 30)),
    "wmo-maatwerk": (90, "Wmo 2015 art. 2.3.2 en 2.3.5", True, None),
    "bezwaarschriften": (85, "Awb art. 7:10 (12 weken)", False, None),
    "woo-verzoek": (90, "Woo art. 4.4 (4 weken)", False, None),
    "kwijtschelding": (90, "Awb art. 4:13", False, None),
    "afvalinzameling": (95, "", False, None),
}
PARTNERS = {"blaricum": "BLA", "eemnes": "EEM", "laren": "LAR"}
COLLEGEDATUM = {
    "blaricum": dt.date(2024, 11, 26),
    "eemnes": dt.date(2024, 11, 19),
    "laren": dt.date(2024, 11, 26),
}
DB_DATUM = dt.date(2024, 12, 12)
ESCALATIE = [
    {
        "niveau": "beleidsregisseur",
        "termijn_dagen": 10,
        "omschrijving": "Overleg met de teamleider over herstel.",
    },
    {"niveau": "gemeentesecretaris", "termijn_dagen": 20, "omschrijving": "Ambtelijk opdrachtgeversoverleg."},
    {"niveau": "dagelijks_bestuur", "termijn_dagen": 40, "omschrijving": "Agendapunt voor het DB."},
]


def _doorlooptijd(norm: Norm) -> tuple[int, str] | None:
    """The catalogue norm as a term and its kind of days (see the module's docstring), None if not a lead time."""
    waarde = int(norm.waarde)
    eenheid = norm.eenheid.lower()
    if eenheid == "werkdagen":
        return waarde, "werkdagen"
    if eenheid == "weken":
        return waarde * 7, "kalenderdagen"
    if eenheid in ("kalenderdagen", "dagen"):
        return waarde, "kalenderdagen"
    return None


def _normen(
    item: Any, catalogusnormen: list[Norm], spec: tuple[int, str, bool, tuple[int, int] | None]
) -> list[dict[str, Any]]:
    pct, grondslag, kwaliteit, volume = spec
    normen: list[dict[str, Any]] = []
    # One lead time per service: a case carries one received and one decided date, so only the catalogue's
    # first lead-time norm is measurable from case data (a second stage such as "onderzoek na melding" before
    # "beschikking na aanvraag" would need its own dates).
    for norm in catalogusnormen:
        termijn = _doorlooptijd(norm)
        if termijn is None:
            continue
        if any(n["soort"] == "doorlooptijd" for n in normen):
            break
        normen.append(
            {
                "soort": "doorlooptijd",
                "omschrijving": norm.omschrijving,
                "termijn": termijn[0],
                "dagsoort": termijn[1],
                "wettelijke_grondslag": grondslag,
                "streefpercentage": Decimal(pct),
            }
        )
    if kwaliteit:
        normen.append(
            {"soort": "kwaliteit", "omschrijving": "Klanttevredenheid", "minimumscore": Decimal("7.0")}
        )
    if volume is not None:
        normen.append(
            {
                "soort": "volume",
                "omschrijving": "Aanvragen per kwartaal",
                "volume_min": volume[0],
                "volume_max": volume[1],
            }
        )
    return normen


def build(ctx: DemoContext) -> None:
    sv = ctx.data.get("verbanden", {}).get("bel")
    items = ctx.data.get("catalogus", {}).get("bel")
    users = ctx.data.get("users", {})
    if sv is None or not items or "directeur.bel" not in users:
        ctx.log("demo: dienstverlening overgeslagen (geen BEL-catalogus)")
        return
    directeur = actor_for(users["directeur.bel"])
    db_voorzitter = actor_for(users["burgemeester.laren"])
    gemeenten = ctx.data["gemeenten"]
    codes = [c for c in DIENSTEN if c in items]
    catalogusnormen: dict[int, list[Norm]] = {}
    for norm in Norm.objects.filter(catalogusitem__in=[items[c] for c in codes]).order_by("id"):
        catalogusnormen.setdefault(norm.catalogusitem_id, []).append(norm)
    dvos: dict[str, Any] = {}
    for slug, code in PARTNERS.items():
        gemeente = gemeenten[slug]
        dvo = services.create_dvo(
            actor=directeur,
            samenwerkingsverband=sv,
            gemeente=gemeente,
            kenmerk=f"DVO-BEL-{code}",
            titel=f"Dienstverleningsovereenkomst BEL Combinatie – {gemeente.naam} 2025–2029",
            ingangsdatum=INGANG,
            einddatum=EINDE,
            rapportageritme="kwartaal",
            openbaar=slug == "laren",
            toelichting="De reguliere dienstverlening van de BEL Combinatie aan de gemeente, met normen per dienst.",
            escalatie=ESCALATIE,
        )
        for c in codes:
            item = items[c]
            services.add_afspraak(
                actor=directeur,
                dvo=dvo,
                catalogusitem=item,
                normen=_normen(item, catalogusnormen.get(item.pk, []), DIENSTEN[c]),
            )
        college = actor_for(users[f"wethouder.{slug}"])
        dvo = services.record_college(
            actor=college,
            dvo=dvo,
            besluit=BesluitInvoer(
                orgaan=Bestuursorgaan.COLLEGE,
                kenmerk=f"B&W {gemeente.naam} {COLLEGEDATUM[slug]:%Y-%m-%d}, DVO BEL",
                datum=COLLEGEDATUM[slug],
            ),
        )
        dvo = services.adopt(
            actor=db_voorzitter,
            dvo=dvo,
            besluit=BesluitInvoer(
                orgaan=Bestuursorgaan.DAGELIJKS_BESTUUR,
                kenmerk=f"DB BEL 2024-12, agendapunt {len(dvos) + 5}",
                datum=DB_DATUM,
            ),
        )
        dvos[slug] = dvo
    # Eemnes: a concept version 2 with a sharper permit norm (95 % instead of 90 % within 8 weeks)
    versie2 = services.new_version(actor=directeur, dvo=dvos["eemnes"])
    vergunning = versie2.afspraken.get(catalogusitem=items["omgevingsvergunning"])
    normen = [services.norm_gegevens(n) for n in vergunning.normen.all()]
    for n in normen:
        if n["soort"] == "doorlooptijd":
            n["streefpercentage"] = Decimal(95)
    services.change_afspraak(
        actor=directeur,
        afspraak=vergunning,
        normen=normen,
        toelichting="Voorstel: de vergunningen sneller, na de extra formatie van 2026.",
    )
    ctx.data["dvos"] = {**dvos, "eemnes-v2": versie2}
    ctx.log(f"demo: {len(dvos)} DVO's met {len(codes)} diensten elk, en een conceptversie voor Eemnes")
