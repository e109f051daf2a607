"""Demo finances of BEL for 2025, made through the services by the people who would do it.

- the controller (controller.bel) sets the tariffs and the budget, drafts three verdeelmodellen and
  a scenario comparing them:
  1. Inwonersaantal: everything by population;
  2. BEL hybride (BAR-achtig): the base package by historical contribution (inbreng), custom work
     (assignments) by usage;
  3. Naar gebruik met Shapley: all work by usage, joint assignments by the Shapley value of the
     partners' stand-alone costs, overhead and the rest by population;
- the AB (burgemeester.laren, chair of AB and DB) adopts the 2025 budget and the hybrid model, the DB
  sets the deviation threshold, each on a recorded decision (kenmerk and date of the meeting); the controller makes the 2025 settlement, which raises one deviation alert (Eemnes
  received clearly less work than its key share: the ABG case).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from seta.autorisaties.actor import actor_for
from seta.demo.builder import DemoContext
from seta.financien import invoer, services
from seta.financien import jaar as jaarcyclus
from seta.financien.models import Grondslag
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer
from seta.samenwerkingsverbanden.models import Bestuursorgaan

JAAR = 2025
# Deviation of each partner's key share from the share of work it received, in percentage points:
# Eemnes's key share is 8 points above the work it got; the threshold is 5 points.
AFWIJKING = {"blaricum": Decimal("-4"), "eemnes": Decimal("8"), "laren": Decimal("-4")}
SCHAALTARIEVEN = {6: 68, 7: 72, 8: 76, 9: 81, 10: 86, 11: 92, 12: 99, 13: 106, 14: 114}
EEN = Decimal("1")


def _rond(value: Decimal, stap: Decimal = Decimal("1000")) -> Decimal:
    return ((value / stap).quantize(EEN, ROUND_HALF_UP) * stap).quantize(Decimal("0.01"))


def build(ctx: DemoContext) -> None:
    sv = ctx.data.get("verbanden", {}).get("bel")
    users: dict[str, Any] = ctx.data.get("users", {})
    if sv is None or "controller.bel" not in users or not ctx.data.get("uren"):
        ctx.log("demo: financien overgeslagen (geen BEL-uren of geen controller)")
        return
    controller = actor_for(users["controller.bel"])
    bestuur = actor_for(users["burgemeester.laren"])
    gemeenten = ctx.data["gemeenten"]

    # tariffs: per salarisschaal, and a default for staff without a scale
    services.set_tariff(
        actor=controller,
        samenwerkingsverband=sv,
        jaar=JAAR,
        uurtarief=Decimal(88),
        omschrijving="Integraal standaardtarief",
    )
    for schaal, tarief in SCHAALTARIEVEN.items():
        services.set_tariff(
            actor=controller,
            samenwerkingsverband=sv,
            jaar=JAAR,
            schaal=schaal,
            uurtarief=Decimal(tarief),
            omschrijving=f"Integraal tarief schaal {schaal}",
        )

    # the hours as the allocation sees them: one GROUP BY
    data = invoer.load_year(sv, JAAR)
    gebruik = data.gebruik["realisatie"]
    kosten_uren = sum(
        (u * t for per_soort in gebruik.values() for (_c, t), u in per_soort.items()), Decimal(0)
    )
    kosten_uren += sum((p.bedrag for p in data.gezamenlijk["realisatie"].values()), Decimal(0))
    totaal = _rond(kosten_uren / Decimal("0.86"), Decimal("10000"))
    personeel = _rond(totaal * Decimal("0.74"))
    materieel = _rond(totaal * Decimal("0.11"))
    overhead = totaal - personeel - materieel

    # historical contribution (inbreng): key shares that deviate from the work received (see AFWIJKING)
    code_slug = {gemeenten[s].cbs_code: s for s in AFWIJKING if s in gemeenten}
    geleverd = data.geleverde_uren()
    som = sum(geleverd.values(), Decimal(0)) or EEN
    aandelen = {
        code_slug[c]: (u * 100 / som) + AFWIJKING[code_slug[c]] for c, u in geleverd.items() if c in code_slug
    }
    inbreng_basis = Decimal("21000000")
    bijdragen = []
    for slug, aandeel in aandelen.items():
        aandeel = aandeel.quantize(Decimal("0.01"))
        voorschot = _rond(totaal * aandeel / 100)
        bijdragen.append(
            services.Bijdrageinvoer(
                gemeente=gemeenten[slug],
                inbreng=_rond(inbreng_basis * aandeel / 100),
                voorschot=voorschot,
                vorige_bijdrage=_rond(voorschot * Decimal("0.97")),
            )
        )
    begroting = services.save_budget(
        actor=controller,
        samenwerkingsverband=sv,
        jaar=JAAR,
        personeel=personeel,
        materieel=materieel,
        overhead=overhead,
        toelichting="Primitieve begroting 2025 van de BEL Combinatie (demo).",
        bijdragen=bijdragen,
    )
    jaarcyclus.adopt_budget(
        actor=bestuur,
        begroting=begroting,
        besluit=BesluitInvoer(
            Bestuursorgaan.ALGEMEEN_BESTUUR, "AB BEL 2024-07, agendapunt 5", dt.date(2024, 7, 4)
        ),
    )

    bevolking = services.draft_model(
        actor=controller,
        samenwerkingsverband=sv,
        naam="Inwonersaantal",
        omschrijving="De hele begroting naar het aantal inwoners (peildatum van de referentielijst).",
        configuratie={
            "verdeelsleutel": {"soort": "bevolking"},
            "onderdelen": [
                {"soort": "vast", "naam": "Werkorganisatie", "bedrag": "begroting", "btw": "vrijgesteld"}
            ],
        },
    )
    hybride = services.draft_model(
        actor=controller,
        samenwerkingsverband=sv,
        naam="BEL hybride",
        omschrijving="Zoals BAR: het basispakket naar historische inbreng; maatwerk (bestuursopdrachten) naar gebruik, "
        "uren x integraal tarief plus externe kosten. Gezamenlijke opdrachten naar de verdeelsleutel.",
        configuratie={
            "verdeelsleutel": {"soort": "inbreng"},
            "onderdelen": [
                {
                    "soort": "gebruik",
                    "naam": "Maatwerk (bestuursopdrachten)",
                    "grondslag": "realisatie",
                    "urensoorten": ["opdracht"],
                    "btw": "vrijgesteld",
                },
                {"soort": "vast", "naam": "Basispakket", "bedrag": "rest", "btw": "vrijgesteld"},
            ],
            "gezamenlijkeOpdrachten": {"methode": "verdeelsleutel"},
        },
    )
    # stand-alone costs of the joint assignments: what each partner's own product would have cost
    joint_parts = []
    for nummer, product in sorted(data.gezamenlijk["realisatie"].items()):
        if len(product.deelnemers) < 2 or product.bedrag <= 0:
            continue
        inwoners = {g.cbs_code: g.inwoners for g in data.gemeenten}
        grootste = max(inwoners[d] for d in product.deelnemers)
        standalone = {
            d: _rond(
                product.bedrag * (Decimal("0.55") + Decimal("0.35") * Decimal(inwoners[d]) / grootste),
                Decimal("100"),
            )
            for d in product.deelnemers
        }
        joint_parts.append(
            {
                "soort": "gezamenlijk",
                # a confidential one is named neutrally, as the figures name it (invoer.noembaar)
                "naam": data.onderdeelnaam(product) if product.vertrouwelijk else f"Gezamenlijk {nummer}",
                "opdracht": nummer,
                "methode": "shapley",
                "standaloneKosten": {k: str(v) for k, v in standalone.items()},
                "btw": "vrijgesteld",
            }
        )
    gebruiksmodel = services.draft_model(
        actor=controller,
        samenwerkingsverband=sv,
        naam="Naar gebruik met Shapley",
        omschrijving="Alle werk naar gebruik (uren x tarief); gezamenlijke opdrachten naar de Shapley-waarde van de "
        "stand-alone kosten; overhead en restant naar inwonersaantal.",
        configuratie={
            "verdeelsleutel": {"soort": "bevolking"},
            "onderdelen": [
                {
                    "soort": "gebruik",
                    "naam": "Werk naar gebruik",
                    "grondslag": "realisatie",
                    "urensoorten": ["opdracht", "regulier"],
                    "btw": "vrijgesteld",
                },
                *joint_parts,
                {"soort": "vast", "naam": "Overhead en restant", "bedrag": "rest", "btw": "vrijgesteld"},
            ],
            "gezamenlijkeOpdrachten": {"methode": "shapley"},
        },
    )
    services.adopt_model(
        actor=bestuur,
        verdeelmodel=hybride,
        besluit=BesluitInvoer(
            Bestuursorgaan.ALGEMEEN_BESTUUR, "AB BEL 2024-11, agendapunt 6", dt.date(2024, 11, 28)
        ),
    )
    scenario = services.create_scenario(
        actor=controller,
        samenwerkingsverband=sv,
        naam="Drie verdeelmodellen voor 2025",
        jaar=JAAR,
        verdeelmodellen=[bevolking, hybride, gebruiksmodel],
        referentiemodel=hybride,
        grondslag=Grondslag.REALISATIE,
        omschrijving="Wat betaalt elke gemeente over 2025 onder het vastgestelde hybride model, naar inwonersaantal, "
        "en geheel naar gebruik? Voor de evaluatie van de verdeelsleutel door het AB.",
    )
    services.calculate_scenario(actor=controller, scenario=scenario)
    services.set_threshold(
        actor=bestuur,
        samenwerkingsverband=sv,
        vanaf_jaar=2024,
        procentpunten=Decimal(5),
        besluit=BesluitInvoer(
            Bestuursorgaan.DAGELIJKS_BESTUUR,
            "DB BEL 2023-12, agendapunt 3",
            dt.date(2023, 12, 14),
            "Signaal bij meer dan 5 procentpunt afwijking van het sleutelaandeel",
        ),
    )
    afrekening = services.settle_year(actor=controller, samenwerkingsverband=sv, jaar=JAAR)
    ctx.data["financien"] = {
        "scenario": scenario,
        "afrekening": afrekening,
        "modellen": [bevolking, hybride, gebruiksmodel],
    }
    ctx.log(
        f"  begroting {JAAR} € {totaal}, 3 verdeelmodellen, 1 scenario, afrekening met {len(afrekening.signalen)} signaal/signalen"
    )
