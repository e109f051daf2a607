"""Demo finances of the three cooperations, made through the services by the people who would do it.

``build`` calls one function per cooperation (:func:`build_bel`, :func:`build_kempen`,
:func:`build_gtb`); each returns what it made, which ``build`` keeps in ``ctx.data["financien"]``.
Later demo steps of a cooperation's finances (advances, leaving partners) belong at the end of its
function, or as a call after it in ``build``.

BEL Combinatie (Menu 2), controller.bel:
- 2025, the closed previous year: tariffs, the budget and three verdeelmodellen with a scenario
  comparing them:
  1. Inwonersaantal: everything by population;
  2. BEL hybride (BAR-achtig): the base package by historical contribution (inbreng), custom work
     (assignments) by usage;
  3. Naar gebruik met Shapley: all work by usage, joint assignments by the Shapley value of the
     partners' stand-alone costs, overhead and the rest by population;
  the AB (burgemeester.laren, chair of AB and DB) adopts the 2025 budget and the hybrid model, the DB
  sets the deviation threshold, each on a recorded decision (kenmerk and date of the meeting); the controller makes the 2025 settlement, which raises one deviation alert (Eemnes
  received clearly less work than its key share: the ABG case);
- 2026, the current year: tariffs and budget indexed from 2025 (wages +4.2 %, prices +2.8 %, as in a
  kaderbrief) and a scenario comparing the three models on the hours so far.

Kempengemeenten (Menu 1), controller.kempen: tariffs, budget and two models (by population; work by
usage, the rest by population), the AB (burgemeester.eersel, its chair) adopts the usage model;
scenarios for 2025 and 2026 and the 2025 settlement.

Groningen – Ten Boer (Menu 3), controller.gtb: the cooperation ended on 1 January 2019 (Ten Boer
merged into Groningen); its history stays. Budgets 2017 and 2018 with Ten Boer's fixed contribution as
its advance, a model that puts the budget on Ten Boer with the settlement-free start period 2016–2017,
adopted by the two colleges (a centrumgemeenteconstructie has no AB or DB), and both settlements: 2017
"niet verrekend", 2018 settled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from seta.autorisaties.actor import Actor, actor_for
from seta.demo.builder import DemoContext
from seta.financien import demo_voorschotten, invoer, services
from seta.financien import jaar as jaarcyclus
from seta.financien.models import Begroting, Grondslag, Verdeelmodel
from seta.financien.verdeling.rounding import format_euro
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer
from seta.samenwerkingsverbanden.models import Bestuursorgaan

JAAR = 2025  # the closed previous year
HUIDIG_JAAR = 2026  # the demo's current year (builder.PEILDATUM)
# Indexation of the current year, as municipalities use in the kaderbrief: wages (tariffs, staff costs)
# and prices (material, overhead).
LOONINDEX = Decimal("4.2")
PRIJSINDEX = Decimal("2.8")
# Deviation of each partner's key share from the share of work it received, in percentage points:
# Eemnes's key share is 8 points above the work it got; the threshold is 5 points.
AFWIJKING = {"blaricum": Decimal("-4"), "eemnes": Decimal("8"), "laren": Decimal("-4")}
SCHAALTARIEVEN = {6: 68, 7: 72, 8: 76, 9: 81, 10: 86, 11: 92, 12: 99, 13: 106, 14: 114}
KEMPEN_TARIEVEN = {6: 64, 7: 68, 8: 72, 9: 77, 10: 82, 11: 87, 12: 94, 13: 101, 14: 108}
EEN = Decimal("1")


def _rond(value: Decimal, stap: Decimal = Decimal("1000")) -> Decimal:
    return ((value / stap).quantize(EEN, ROUND_HALF_UP) * stap).quantize(Decimal("0.01"))


def _geindexeerd(bedrag: Decimal, procent: Decimal, stap: Decimal = Decimal("1000")) -> Decimal:
    return _rond(bedrag * (100 + procent) / 100, stap)


def build(ctx: DemoContext) -> None:
    users: dict[str, Any] = ctx.data.get("users", {})
    verbanden = ctx.data.get("verbanden", {})
    resultaten: dict[str, dict[Any, Any]] = {}
    for key, bouw in (("bel", build_bel), ("kempen", build_kempen), ("gtb", build_gtb)):
        if key not in verbanden or f"controller.{key}" not in users:
            ctx.log(f"demo: financien {key} overgeslagen (geen samenwerkingsverband of controller)")
            continue
        resultaten[key] = bouw(ctx)
    # BEL's 2025 results stay at the top level: earlier steps and tests read them there.
    ctx.data["financien"] = {**resultaten.get("bel", {}).get(JAAR, {}), "per_verband": resultaten}


def _uren_van(ctx: DemoContext, key: str) -> bool:
    return bool(ctx.data.get("uren", {}).get("per_verband", {}).get(key))


# --- shared steps -----------------------------------------------------------------------------------------------
def _tarieven(
    controller: Actor, sv: Any, jaar: int, standaard: Decimal, per_schaal: Mapping[int, Decimal]
) -> None:
    """The integral hourly tariffs of a year: per salarisschaal and a default for staff without one."""
    services.set_tariff(
        actor=controller,
        samenwerkingsverband=sv,
        jaar=jaar,
        uurtarief=standaard,
        omschrijving="Integraal standaardtarief",
    )
    for schaal, tarief in per_schaal.items():
        services.set_tariff(
            actor=controller,
            samenwerkingsverband=sv,
            jaar=jaar,
            schaal=schaal,
            uurtarief=tarief,
            omschrijving=f"Integraal tarief schaal {schaal}",
        )


def _kosten_uren(data: invoer.Jaardata) -> Decimal:
    """What the year's hours cost at the tariffs, with the joint assignments' external costs."""
    gebruik = data.gebruik["realisatie"]
    kosten = sum((u * t for per_soort in gebruik.values() for (_c, t), u in per_soort.items()), Decimal(0))
    return kosten + sum((p.bedrag for p in data.gezamenlijk["realisatie"].values()), Decimal(0))


def _begroting_geindexeerd(
    controller: Actor, bestuur: Actor, vorige: Begroting, jaar: int, besluit: BesluitInvoer
) -> tuple[Begroting, Decimal]:
    """Next year set up as a controller does it on the year page (``jaar.prepare_year``: budget, partners'
    figures and every tariff indexed), each partner's advance of the closed year entered as its previous
    contribution (the basis of a growth cap), and the budget adopted by the board on its decision."""
    begroting = jaarcyclus.prepare_year(
        actor=controller,
        samenwerkingsverband=vorige.samenwerkingsverband,
        jaar=jaar,
        van_jaar=vorige.jaar,
        loonindex=LOONINDEX,
        prijsindex=PRIJSINDEX,
    )
    vorig = {b.gemeente_id: b.voorschot for b in vorige.bijdragen.all()}
    begroting = services.save_budget(
        actor=controller,
        samenwerkingsverband=vorige.samenwerkingsverband,
        jaar=jaar,
        personeel=begroting.personeel,
        materieel=begroting.materieel,
        overhead=begroting.overhead,
        toelichting=begroting.toelichting,
        bijdragen=[
            services.Bijdrageinvoer(
                gemeente=b.gemeente,
                inbreng=b.inbreng,
                voorschot=b.voorschot,
                vorige_bijdrage=vorig.get(b.gemeente_id),
            )
            for b in begroting.bijdragen.select_related("gemeente").order_by("gemeente__naam")
        ],
        expected_version=begroting.versie,
    )
    begroting = jaarcyclus.adopt_budget(actor=bestuur, begroting=begroting, besluit=besluit)
    return begroting, begroting.totaal


def _tarieftabel(sv: Any, jaar: int) -> dict[int | None, Decimal]:
    """A year's default (None) and per-scale tariffs."""
    return {t.schaal: t.uurtarief for t in sv.tarieven.filter(jaar=jaar, eenheid__isnull=True)}


# --- BEL Combinatie ---------------------------------------------------------------------------------------------
def build_bel(ctx: DemoContext) -> dict[Any, Any]:
    sv = ctx.data["verbanden"]["bel"]
    if not _uren_van(ctx, "bel"):
        ctx.log("demo: financien BEL overgeslagen (geen BEL-uren)")
        return {}
    controller = actor_for(ctx.data["users"]["controller.bel"])
    bestuur = actor_for(ctx.data["users"]["burgemeester.laren"])
    vorig = _bel_2025(ctx, sv, controller, bestuur)
    # the advances (ADR 0035): after the budget and model are adopted, before the settlement is adopted,
    # and before the next year's budget takes this year's advances as its "bijdrage vorig jaar"
    demo_voorschotten.build(ctx, JAAR)
    huidig = _bel_2026(ctx, sv, controller, bestuur, vorig["modellen"])
    demo_voorschotten.build(ctx, HUIDIG_JAAR)
    return {JAAR: vorig, HUIDIG_JAAR: huidig}


def _bel_2025(ctx: DemoContext, sv: Any, controller: Actor, bestuur: Actor) -> dict[str, Any]:
    gemeenten = ctx.data["gemeenten"]
    _tarieven(controller, sv, JAAR, Decimal(88), {schaal: Decimal(t) for schaal, t in SCHAALTARIEVEN.items()})

    # the hours as the allocation sees them: one GROUP BY
    data = invoer.load_year(sv, JAAR)
    totaal = _rond(_kosten_uren(data) / Decimal("0.86"), Decimal("10000"))
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
    gebruiksmodel = services.draft_model(
        actor=controller,
        samenwerkingsverband=sv,
        naam="Naar gebruik met Shapley",
        omschrijving="Alle werk naar gebruik (uren x tarief); gezamenlijke opdrachten naar de Shapley-waarde van de "
        "stand-alone kosten; overhead en restant naar inwonersaantal.",
        configuratie=_gebruiksconfiguratie(data),
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
    ctx.log(
        f"  BEL: begroting {JAAR} {format_euro(totaal)}, 3 verdeelmodellen, 1 scenario, "
        f"afrekening met {len(afrekening.signalen)} signaal/signalen"
    )
    return {"scenario": scenario, "afrekening": afrekening, "modellen": [bevolking, hybride, gebruiksmodel]}


def _gebruiksconfiguratie(data: invoer.Jaardata) -> dict[str, Any]:
    """All work by usage; each joint assignment by the Shapley value of the stand-alone costs (what each
    partner's own product would have cost); overhead and the rest by population."""
    inwoners = {g.cbs_code: g.inwoners for g in data.gemeenten}
    joint_parts = []
    for nummer, product in sorted(data.gezamenlijk["realisatie"].items()):
        if len(product.deelnemers) < 2 or product.bedrag <= 0:
            continue
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
    return {
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
    }


def _bel_2026(
    ctx: DemoContext, sv: Any, controller: Actor, bestuur: Actor, modellen: list[Verdeelmodel]
) -> dict[str, Any]:
    vorige = Begroting.objects.get(samenwerkingsverband=sv, jaar=JAAR)
    begroting, totaal = _begroting_geindexeerd(
        controller,
        bestuur,
        vorige,
        HUIDIG_JAAR,
        BesluitInvoer(Bestuursorgaan.ALGEMEEN_BESTUUR, "AB BEL 2025-07, agendapunt 4", dt.date(2025, 7, 3)),
    )
    bevolking, hybride, gebruiksmodel = modellen
    # The usage model names the joint assignments of a year: a new version for this year's.
    gebruik_2026 = services.new_version(actor=controller, verdeelmodel=gebruiksmodel)
    gebruik_2026 = services.change_model(
        actor=controller,
        verdeelmodel=gebruik_2026,
        configuratie=_gebruiksconfiguratie(invoer.load_year(sv, HUIDIG_JAAR)),
        omschrijving=gebruiksmodel.omschrijving + f" Met de gezamenlijke opdrachten van {HUIDIG_JAAR}.",
    )
    scenario = services.create_scenario(
        actor=controller,
        samenwerkingsverband=sv,
        naam=f"Drie verdeelmodellen voor {HUIDIG_JAAR}",
        jaar=HUIDIG_JAAR,
        verdeelmodellen=[bevolking, hybride, gebruik_2026],
        referentiemodel=hybride,
        grondslag=Grondslag.REALISATIE,
        omschrijving=f"De lopende begroting {HUIDIG_JAAR} op de uren tot nu toe: wat betaalt elke gemeente onder het "
        "vastgestelde hybride model, naar inwonersaantal en geheel naar gebruik?",
    )
    scenario = services.calculate_scenario(actor=controller, scenario=scenario)
    ctx.log(f"  BEL: begroting {HUIDIG_JAAR} {format_euro(totaal)} (geïndexeerd), 1 scenario")
    return {"begroting": begroting, "scenario": scenario, "modellen": [bevolking, hybride, gebruik_2026]}


# --- Kempengemeenten --------------------------------------------------------------------------------------------
def build_kempen(ctx: DemoContext) -> dict[Any, Any]:
    sv = ctx.data["verbanden"]["kempen"]
    users = ctx.data["users"]
    if not _uren_van(ctx, "kempen") or "burgemeester.eersel" not in users:
        ctx.log("demo: financien Kempengemeenten overgeslagen (geen uren of geen AB)")
        return {}
    controller = actor_for(users["controller.kempen"])
    bestuur = actor_for(users["burgemeester.eersel"])  # chair of the AB
    _tarieven(
        controller, sv, JAAR, Decimal(84), {schaal: Decimal(t) for schaal, t in KEMPEN_TARIEVEN.items()}
    )
    data = invoer.load_year(sv, JAAR)
    totaal = _rond(_kosten_uren(data) / Decimal("0.88"), Decimal("10000"))
    personeel = _rond(totaal * Decimal("0.76"))
    materieel = _rond(totaal * Decimal("0.10"))
    inwoners = sum(g.inwoners for g in data.gemeenten)
    bijdragen = [
        services.Bijdrageinvoer(
            gemeente=g,
            # each partner brought in the staff of the unit it hosts: a share near its population's
            inbreng=_rond(Decimal("12000000") * g.inwoners / inwoners),
            voorschot=_rond(totaal * g.inwoners / inwoners),
            vorige_bijdrage=_rond(totaal * g.inwoners / inwoners * Decimal("0.96")),
        )
        for g in data.gemeenten
    ]
    begroting_kempen = services.save_budget(
        actor=controller,
        samenwerkingsverband=sv,
        jaar=JAAR,
        personeel=personeel,
        materieel=materieel,
        overhead=totaal - personeel - materieel,
        toelichting=f"Begroting {JAAR} van de Samenwerking Kempengemeenten (demo).",
        bijdragen=bijdragen,
    )
    jaarcyclus.adopt_budget(
        actor=bestuur,
        begroting=begroting_kempen,
        besluit=BesluitInvoer(
            Bestuursorgaan.ALGEMEEN_BESTUUR, "AB Kempengemeenten 2024-07, agendapunt 4", dt.date(2024, 7, 11)
        ),
    )
    bevolking = services.draft_model(
        actor=controller,
        samenwerkingsverband=sv,
        naam="Inwonersaantal",
        omschrijving="De hele begroting naar het aantal inwoners, zoals bij de start van de samenwerking.",
        configuratie={
            "verdeelsleutel": {"soort": "bevolking"},
            "onderdelen": [
                {"soort": "vast", "naam": "Gedeelde eenheden", "bedrag": "begroting", "btw": "vrijgesteld"}
            ],
        },
    )
    gebruik = services.draft_model(
        actor=controller,
        samenwerkingsverband=sv,
        naam="Eenheden naar gebruik",
        omschrijving="Elke gedeelde eenheid werkt voor alle vijf gemeenten: het werk (uren x integraal tarief) naar "
        "gebruik, overhead en restant naar inwonersaantal. Groei van een bijdrage hoogstens 5 % per jaar.",
        configuratie={
            "verdeelsleutel": {"soort": "bevolking"},
            "onderdelen": [
                {
                    "soort": "gebruik",
                    "naam": "Werk van de eenheden",
                    "grondslag": "realisatie",
                    "urensoorten": ["opdracht", "regulier"],
                    "btw": "vrijgesteld",
                },
                {"soort": "vast", "naam": "Overhead en restant", "bedrag": "rest", "btw": "vrijgesteld"},
            ],
            "gezamenlijkeOpdrachten": {"methode": "verdeelsleutel"},
            "regels": {"groeiplafond": {"percentage": "5"}},
        },
    )
    services.adopt_model(
        actor=bestuur,
        verdeelmodel=gebruik,
        besluit=BesluitInvoer(
            Bestuursorgaan.ALGEMEEN_BESTUUR, "AB Kempengemeenten 2024-12, agendapunt 5", dt.date(2024, 12, 12)
        ),
    )
    scenarios = {}
    for jaar in (JAAR, HUIDIG_JAAR):
        if jaar == HUIDIG_JAAR:
            _begroting_geindexeerd(
                controller,
                bestuur,
                Begroting.objects.get(samenwerkingsverband=sv, jaar=JAAR),
                jaar,
                BesluitInvoer(
                    Bestuursorgaan.ALGEMEEN_BESTUUR,
                    "AB Kempengemeenten 2025-07, agendapunt 3",
                    dt.date(2025, 7, 10),
                ),
            )
        scenario = services.create_scenario(
            actor=controller,
            samenwerkingsverband=sv,
            naam=f"Inwonersaantal of gebruik {jaar}",
            jaar=jaar,
            verdeelmodellen=[bevolking, gebruik],
            referentiemodel=gebruik,
            grondslag=Grondslag.REALISATIE,
            omschrijving="Wat verschuift er als de gedeelde eenheden weer geheel naar inwonersaantal worden verdeeld?",
        )
        scenarios[jaar] = services.calculate_scenario(actor=controller, scenario=scenario)
    afrekening = services.settle_year(actor=controller, samenwerkingsverband=sv, jaar=JAAR)
    begroting_2026 = Begroting.objects.get(samenwerkingsverband=sv, jaar=HUIDIG_JAAR)
    ctx.log(
        f"  Kempengemeenten: begroting {JAAR} {format_euro(totaal)}, {HUIDIG_JAAR} "
        f"{format_euro(begroting_2026.totaal)}, 2 verdeelmodellen, 2 scenario's, afrekening {JAAR}"
    )
    return {
        JAAR: {"scenario": scenarios[JAAR], "afrekening": afrekening, "modellen": [bevolking, gebruik]},
        HUIDIG_JAAR: {"begroting": begroting_2026, "scenario": scenarios[HUIDIG_JAAR]},
    }


# --- Groningen – Ten Boer ---------------------------------------------------------------------------------------
# GTB's last two years before Ten Boer merged into Groningen (2019-01-01): staff costs, material, overhead,
# the default tariff of each year (the scale tariffs follow the default) and the fixed contribution Ten Boer
# paid as its advance.
GTB_BEGROTINGEN = {
    2017: (Decimal("5140000"), Decimal("610000"), Decimal("450000"), Decimal(80), Decimal("5900000")),
    2018: (Decimal("5260000"), Decimal("620000"), Decimal("460000"), Decimal(82), Decimal("6200000")),
}
# The seed: "De eerste jaren werd er bewust niet verrekend" (examples/allocate/groningen-ten-boer-startperiode.json).
GTB_STARTPERIODE = {"vanJaar": 2016, "totEnMetJaar": 2017}


def _colleges(kenmerk: str, datum: dt.date) -> BesluitInvoer:
    return BesluitInvoer(Bestuursorgaan.COLLEGES, kenmerk, datum)


def build_gtb(ctx: DemoContext) -> dict[Any, Any]:
    """Groningen, the centrumgemeente, carries out Ten Boer's work; Ten Boer pays a fixed contribution as its
    advance. A centrumgemeenteconstructie has no AB or DB: the two colleges decide (ADR 0034), recorded here by
    the burgemeester of Groningen. The model puts the whole budget on Ten Boer with a start period 2016–2017 in
    which nothing is settled: the 2017 settlement shows the difference as "niet verrekend", 2018 settles it."""
    sv = ctx.data["verbanden"]["gtb"]
    controller = actor_for(ctx.data["users"]["controller.gtb"])
    colleges = actor_for(ctx.data["users"]["burgemeester.groningen"])
    gemeenten = ctx.data["gemeenten"]
    groningen, ten_boer = gemeenten["groningen"], gemeenten["ten-boer"]
    result: dict[Any, Any] = {}
    vorige: Decimal | None = None
    for jaar, (personeel, materieel, overhead, standaard, bijdrage) in GTB_BEGROTINGEN.items():
        per_schaal = {s: standaard + t - SCHAALTARIEVEN[10] for s, t in SCHAALTARIEVEN.items()}
        _tarieven(controller, sv, jaar, standaard, {s: Decimal(t) for s, t in per_schaal.items()})
        begroting = services.save_budget(
            actor=controller,
            samenwerkingsverband=sv,
            jaar=jaar,
            personeel=personeel,
            materieel=materieel,
            overhead=overhead,
            toelichting=f"Begroting {jaar} van het werk van Groningen voor Ten Boer (demo). Ten Boer betaalt een "
            "vaste bijdrage als voorschot; in de startperiode werd het verschil bewust niet verrekend.",
            bijdragen=[
                services.Bijdrageinvoer(
                    gemeente=ten_boer, inbreng=Decimal(0), voorschot=bijdrage, vorige_bijdrage=vorige
                ),
                services.Bijdrageinvoer(gemeente=groningen, inbreng=Decimal(0), voorschot=Decimal(0)),
            ],
        )
        begroting = jaarcyclus.adopt_budget(
            actor=colleges,
            begroting=begroting,
            besluit=_colleges(f"Colleges Groningen en Ten Boer {jaar - 1}-11", dt.date(jaar - 1, 11, 15)),
        )
        result[jaar] = {"begroting": begroting}
        vorige = bijdrage
    model = services.draft_model(
        actor=controller,
        samenwerkingsverband=sv,
        naam="Centrumregeling Groningen – Ten Boer",
        omschrijving="Ten Boer betaalt het werk dat Groningen voor haar doet (de hele begroting); in de "
        "startperiode 2016–2017 wordt niets verrekend, zoals de colleges afspraken.",
        configuratie={
            "verdeelsleutel": {
                "soort": "percentages",
                "percentages": {ten_boer.cbs_code: "100", groningen.cbs_code: "0"},
            },
            "onderdelen": [
                {
                    "soort": "vast",
                    "naam": "Werk van Groningen voor Ten Boer",
                    "bedrag": "begroting",
                    "btw": "vrijgesteld",
                }
            ],
            "regels": {"startperiode": dict(GTB_STARTPERIODE)},
        },
    )
    model = services.adopt_model(
        actor=colleges,
        verdeelmodel=model,
        besluit=_colleges(
            "Colleges Groningen en Ten Boer 2015-12, centrumregeling art. 9", dt.date(2015, 12, 8)
        ),
    )
    for jaar in GTB_BEGROTINGEN:
        afrekening = services.settle_year(
            actor=controller, samenwerkingsverband=sv, jaar=jaar, verdeelmodel=model
        )
        result[jaar]["afrekening"] = services.adopt_settlement(
            actor=colleges,
            afrekening=afrekening,
            besluit=_colleges(f"Colleges Groningen en Ten Boer {jaar + 1}-06", dt.date(jaar + 1, 6, 12)),
        )
    eerste, laatste = min(GTB_BEGROTINGEN), max(GTB_BEGROTINGEN)
    ctx.log(
        f"  GTB: begrotingen {eerste} en {laatste} ({format_euro(result[laatste]['begroting'].totaal)} in "
        f"{laatste}), verdeelmodel met startperiode, afrekening {eerste} niet verrekend en {laatste} verrekend"
    )
    return result
