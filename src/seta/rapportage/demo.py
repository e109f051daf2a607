"""Demo: the BEL Combinatie's council reports, everything through the services as the demo's people.

- the cycle (the planning & control cycle, with its source), set by the pool's directeur;
- for Blaricum, Eemnes and Laren a report for the jaarrekening 2025 and for the last closed period, the najaarsnota
  2026 (the demo's today is 2 November 2026), each with the explanation of the pool's directeur and of the
  municipality's gemeentesecretaris, sent to the council by the burgemeester (a college decision with its
  reference and date);
- the joint report for the najaarsnota 2026, adopted by the AB (its chair, the burgemeester of Laren);
- one open concept: a corrected version of Laren's najaarsnota 2026, drafted by the directeur;
- a subscription of raadslid.laren (made after the reports were sent, so the build prints no e-mail).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from seta.autorisaties.actor import actor_for
from seta.rapportage import lifecycle, services
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer
from seta.samenwerkingsverbanden.models import Bestuursorgaan

GEMEENTEN = ("blaricum", "eemnes", "laren")
CYCLUS_BRON = (
    "Financiële verordening BEL Combinatie, art. 6 (planning & control-cyclus), in lijn met art. 34b Wgr "
    "(actieve informatie aan de raden)"
)

#: (jaar, periode) -> the date of the college decisions that send the reports
PERIODEN: dict[tuple[int, str], dt.date] = {
    (2025, "jaarrekening"): dt.date(2026, 4, 14),
    (2026, "najaarsnota"): dt.date(2026, 10, 13),
}
GEZAMENLIJK_BESLUIT = dt.date(2026, 10, 22)

TOELICHTING_POOL = {
    "jaarrekening": (
        "Over 2025 heeft de BEL Combinatie de opdrachten van {gemeente} grotendeels binnen de kaders uitgevoerd. "
        "De uren voor regulier werk lagen iets boven de begroting door de extra inzet op het sociaal domein. "
        "Twee opdrachten liepen vertraging op; de reden staat per opdracht in de tabel."
    ),
    "najaarsnota": (
        "Tot en met augustus 2026 ligt de uitvoering voor {gemeente} op koers. De capaciteit voor opdrachten is "
        "verdeeld naar de kostenverdeelsleutel. Waar een opdracht later wordt opgeleverd dan de deadline, noemt "
        "de tabel de verwachte datum uit de planning en de reden."
    ),
}
TOELICHTING_GEMEENTE = {
    "jaarrekening": (
        "Het college van {gemeente} herkent het beeld. Wij vragen de raad in het bijzonder aandacht voor de "
        "opdrachten die vertraging opliepen, en voor de kosten ten opzichte van het voorschot."
    ),
    "najaarsnota": (
        "Het college van {gemeente} biedt deze rapportage aan bij de najaarsnota. De afwijkingen ten opzichte van "
        "de vorige rapportage zijn met de werkorganisatie besproken; waar nodig volgt een voorstel bij de begroting."
    ),
}
TOELICHTING_GEZAMENLIJK = (
    "De gezamenlijke rapportage zet de cijfers van Blaricum, Eemnes en Laren naast elkaar, zoals het algemeen "
    "bestuur ze vaststelt. De raden kunnen haar samen bespreken."
)
CORRECTIEREDEN = (
    "In de aangeboden versie ontbrak de boeking van externe kosten voor één opdracht van augustus 2026; de "
    "gecorrigeerde versie neemt die mee."
)


def _tekst(sjabloon: str, gemeente: Any) -> str:
    return sjabloon.format(gemeente=gemeente.naam)


def build(ctx: Any) -> None:
    sv = ctx.data.get("verbanden", {}).get("bel")
    users: dict[str, Any] = ctx.data.get("users", {})
    gemeenten: dict[str, Any] = ctx.data.get("gemeenten", {})
    nodig = ["directeur.bel", "raadslid.laren"] + [
        f"{r}.{g}" for g in GEMEENTEN for r in ("burgemeester", "secretaris")
    ]
    if sv is None or any(n not in users for n in nodig) or any(g not in gemeenten for g in GEMEENTEN):
        ctx.log("demo: raadsrapportages overgeslagen (geen BEL)")
        return
    begin = time.perf_counter()
    directeur = actor_for(users["directeur.bel"])
    services.cyclus_instellen(
        actor=directeur, samenwerkingsverband=sv, ritme="pc_cyclus", bron=CYCLUS_BRON, dagen_na_periode=42
    )
    verzonden: dict[str, Any] = {}
    for (jaar, periode), datum in PERIODEN.items():
        for slug in GEMEENTEN:
            gemeente = gemeenten[slug]
            secretaris = actor_for(users[f"secretaris.{slug}"])
            burgemeester = actor_for(users[f"burgemeester.{slug}"])
            r = services.opstellen(
                actor=directeur, samenwerkingsverband=sv, gemeente=gemeente, jaar=jaar, periode=periode
            )
            r = services.toelichten(
                actor=directeur,
                rapportage=r,
                actie=lifecycle.TOELICHTEN_POOL,
                tekst=_tekst(TOELICHTING_POOL[periode], gemeente),
                expected_version=r.versie,
            )
            r = services.toelichten(
                actor=secretaris,
                rapportage=r,
                actie=lifecycle.TOELICHTEN_GEMEENTE,
                tekst=_tekst(TOELICHTING_GEMEENTE[periode], gemeente),
                expected_version=r.versie,
            )
            r = services.aanbieden(
                actor=burgemeester,
                rapportage=r,
                besluit=BesluitInvoer(
                    orgaan=Bestuursorgaan.COLLEGE,
                    kenmerk=f"B&W {gemeente.naam} {datum:%Y-%m-%d}, besluit raadsrapportage {r.periode_naam} {jaar}",
                    datum=datum,
                ),
                expected_version=r.versie,
                vandaag=datum,
            )
            verzonden[f"{slug}-{periode}-{jaar}"] = r
    # the joint report of the najaarsnota, adopted by the AB (its chair)
    voorzitter = actor_for(users["burgemeester.laren"])
    g = services.opstellen(
        actor=directeur, samenwerkingsverband=sv, gemeente=None, jaar=2026, periode="najaarsnota"
    )
    g = services.toelichten(
        actor=directeur,
        rapportage=g,
        actie=lifecycle.TOELICHTEN_POOL,
        tekst=TOELICHTING_GEZAMENLIJK,
        expected_version=g.versie,
    )
    g = services.aanbieden(
        actor=voorzitter,
        rapportage=g,
        besluit=BesluitInvoer(
            orgaan=Bestuursorgaan.ALGEMEEN_BESTUUR,
            kenmerk="AB BEL 2026-10, agendapunt 5: gezamenlijke raadsrapportage najaarsnota 2026",
            datum=GEZAMENLIJK_BESLUIT,
        ),
        expected_version=g.versie,
        vandaag=GEZAMENLIJK_BESLUIT,
    )
    verzonden["gezamenlijk-najaarsnota-2026"] = g
    # an open concept: Laren's corrected najaarsnota
    laren = verzonden["laren-najaarsnota-2026"]
    correctie = services.corrigeren(
        actor=directeur, rapportage=laren, reden=CORRECTIEREDEN, expected_version=laren.versie
    )
    # the subscription last: no e-mail is printed while the demo builds
    services.abonneren(
        actor=actor_for(users["raadslid.laren"]), samenwerkingsverband=sv, gemeente=gemeenten["laren"]
    )
    ctx.data["rapportages"] = {**verzonden, "concept": correctie}
    ctx.log(
        f"demo: raadsrapportages BEL: {len(verzonden)} aangeboden, 1 concept (correctie Laren), 1 abonnement "
        f"({time.perf_counter() - begin:.1f} s)"
    )
