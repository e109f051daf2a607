"""A realistic, fully populated sample of a council report's content (``model.Inhoud``): Laren in the BEL
Combinatie, Najaarsnota 2026, and the joint report of the three BEL councils.

It is what the template, the PDF and the XLSX are developed and tested against while the real figures
(``inhoud.bouw``) are built from the database, and it is the fixture of the rendering benchmark. Its figures
reconcile the way the contract promises: ``financien.totaal`` is the sum of the parts, the usage and joint parts
are the sum of their breakdowns, the joint report's totals are the sum of its partners.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Literal

from seta.rapportage.kern import model

TARIEF = Decimal("98.00")  # the pool's hourly tariff in the sample (euros, excl. VAT)
CENT = Decimal("0.01")

BEL: model.Ref = {"id": 2, "naam": "BEL Combinatie"}
BLARICUM: model.GemeenteRef = {"id": 376, "code": "GM0376", "naam": "Blaricum"}
EEMNES: model.GemeenteRef = {"id": 317, "code": "GM0317", "naam": "Eemnes"}
LAREN: model.GemeenteRef = {"id": 417, "code": "GM0417", "naam": "Laren"}

PERIODE: model.Periode = {
    "jaar": 2026,
    "code": "najaarsnota",
    "naam": "Najaarsnota 2026",
    "begin": "2026-01-01",
    "eind": "2026-08-31",
}


def _d(value: Decimal) -> str:
    return str(value.quantize(CENT))


def _uren(value: Decimal) -> str:
    return str(value.quantize(CENT))


def _kosten(uren: str, extern: str = "0") -> str:
    return _d(Decimal(uren) * TARIEF + Decimal(extern))


def _opdrachten() -> model.Opdrachten:
    regels: list[model.Opdrachtregel] = [
        {
            "id": 1014,
            "nummer": "BEL-2026-014",
            "titel": "Omgevingsplan Laren: bruidsschat omzetten naar eigen regels",
            "status": "in_uitvoering",
            "status_label": "In uitvoering",
            "gezamenlijk": False,
            "naar_raad": True,
            "opgedragen_op": "2026-02-10",
            "deadline": "2026-12-01",
            "verwachte_oplevering": "2026-11-20",
            "planstatus": "op_schema",
            "opgeleverd_op": None,
            "vastgesteld_op": None,
            "te_laat": False,
            "reden_te_laat": "",
            "uren": "412.50",
            "kosten": _kosten("412.50", "3500.00"),
            "raming_uren": "600.00",
            "raming_kosten": _kosten("600.00", "3500.00"),
            "kader_bedrag": "70000.00",
        },
        {
            "id": 1009,
            "nummer": "BEL-2026-009",
            "titel": "Beleidsplan schuldhulpverlening 2027-2030",
            "status": "in_uitvoering",
            "status_label": "In uitvoering",
            "gezamenlijk": False,
            "naar_raad": True,
            "opgedragen_op": "2026-01-20",
            "deadline": "2026-07-01",
            "verwachte_oplevering": "2026-10-15",
            "planstatus": "te_laat",
            "opgeleverd_op": None,
            "vastgesteld_op": None,
            "te_laat": True,
            "reden_te_laat": "Wacht op de landelijke evaluatie van de Wet gemeentelijke schuldhulpverlening; "
            "het college stemde op 2 juni 2026 in met uitstel tot oktober.",
            "uren": "286.00",
            "kosten": _kosten("286.00"),
            "raming_uren": "300.00",
            "raming_kosten": _kosten("300.00"),
            "kader_bedrag": "30000.00",
        },
        {
            "id": 1003,
            "nummer": "BEL-2026-003",
            "titel": "Evaluatie parkeerbeleid centrum",
            "status": "vastgesteld",
            "status_label": "Vastgesteld",
            "gezamenlijk": False,
            "naar_raad": True,
            "opgedragen_op": "2026-01-13",
            "deadline": "2026-06-01",
            "verwachte_oplevering": None,
            "planstatus": "",
            "opgeleverd_op": "2026-05-20",
            "vastgesteld_op": "2026-06-16",
            "te_laat": False,
            "reden_te_laat": "",
            "uren": "140.00",
            "kosten": _kosten("140.00"),
            "raming_uren": "160.00",
            "raming_kosten": _kosten("160.00"),
            "kader_bedrag": "16000.00",
        },
        {
            "id": 1021,
            "nummer": "BEL-2026-021",
            "titel": "Regionale woonvisie Gooi en Vechtstreek",
            "status": "opgedragen",
            "status_label": "Opgedragen",
            "gezamenlijk": True,
            "naar_raad": False,
            "opgedragen_op": "2026-07-07",
            "deadline": "2027-03-01",
            "verwachte_oplevering": "2027-02-15",
            "planstatus": "gepland",
            "opgeleverd_op": None,
            "vastgesteld_op": None,
            "te_laat": False,
            "reden_te_laat": "",
            "uren": "96.25",
            "kosten": _kosten("96.25"),
            "raming_uren": "110.00",
            "raming_kosten": _kosten("110.00"),
            "kader_bedrag": None,
        },
    ]
    return {
        "regels": regels,
        "vertrouwelijk": {"aantal": 1, "uren": "38.00", "kosten": _kosten("38.00")},
        "opgedragen": 5,  # four named and one confidential
        "opgeleverd": 1,
        "vastgesteld": 1,
        "lopend": 4,
        "te_laat": 1,
    }


def _bestuursvragen() -> model.Bestuursvragen:
    return {
        "regels": [
            {
                "onderwerp": "Welke vergunningen vallen onder de nieuwe legesverordening?",
                "gesteld_op": "2026-03-02",
                "uiterlijk": "2026-03-16",
                "beantwoord_op": "2026-03-07",
                "dagen": 5,
                "op_tijd": True,
            },
            {
                "onderwerp": "Keuze tussen twee varianten voor de herinrichting van de Brink",
                "gesteld_op": "2026-05-11",
                "uiterlijk": "2026-05-25",
                "beantwoord_op": "2026-05-27",
                "dagen": 16,
                "op_tijd": False,
            },
            {
                "onderwerp": "Prioriteit van de woonvisie ten opzichte van het omgevingsplan",
                "gesteld_op": "2026-08-24",
                "uiterlijk": "2026-09-07",
                "beantwoord_op": None,
                "dagen": None,
                "op_tijd": None,
            },
        ],
        "gesteld": 3,
        "beantwoord": 2,
        "open": 1,
        "op_tijd": 1,
        "mediaan_dagen": "10.5",
        "gemiddeld_dagen": "10.5",
    }


def _regel(code: str, naam: str, uren: str, bedrag: str | None = None) -> model.Kostenregel:
    return {
        "code": code,
        "naam": naam,
        "uren": uren,
        "bedrag": bedrag if bedrag is not None else _kosten(uren),
        "onderdeel": "",  # the contract's field since the figures' merge; the sample names no part
    }


def _financien(opdrachten: model.Opdrachten) -> model.Financien:
    per_opdracht = [_regel(r["nummer"], r["titel"], r["uren"], r["kosten"]) for r in opdrachten["regels"]]
    vertrouwelijk = opdrachten["vertrouwelijk"]
    per_opdracht.append(
        _regel(
            "vertrouwelijk",
            f"Vertrouwelijke opdrachten ({vertrouwelijk['aantal']})",
            vertrouwelijk["uren"],
            vertrouwelijk["kosten"],
        )
    )
    regulier = [
        _regel("0.2", "Burgerzaken", "1820.00"),
        _regel("6.3", "Inkomensregelingen", "1544.50"),
        _regel("7.4", "Milieubeheer", "612.00"),
        _regel("8.3", "Wonen en bouwen", "2207.75"),
    ]
    gezamenlijk = [
        _regel("ICT", "Informatievoorziening en ICT", "0.00", "58410.00"),
        _regel("PO", "Personeel en organisatie", "0.00", "31877.40"),
    ]
    gebruik = sum((Decimal(r["bedrag"]) for r in per_opdracht + regulier), Decimal(0))
    gezamenlijk_bedrag = sum((Decimal(r["bedrag"]) for r in gezamenlijk), Decimal(0))
    gezamenlijk_btw = (gezamenlijk_bedrag * Decimal("0.21")).quantize(CENT)
    vast = Decimal("412500.00")
    onderdelen: list[model.Onderdeel] = [
        {
            "naam": "Vaste bijdrage (inwonersleutel)",
            "soort": "vast",
            "bedrag": _d(vast),
            "btw": "0.00",
            "totaal": _d(vast),
        },
        {
            "naam": "Gebruik: opdrachten en regulier werk",
            "soort": "gebruik",
            "bedrag": _d(gebruik),
            "btw": "0.00",
            "totaal": _d(gebruik),
        },
        {
            "naam": "Gezamenlijke producten",
            "soort": "gezamenlijk",
            "bedrag": _d(gezamenlijk_bedrag),
            "btw": _d(gezamenlijk_btw),
            "totaal": _d(gezamenlijk_bedrag + gezamenlijk_btw),
        },
    ]
    totaal = sum((Decimal(o["totaal"]) for o in onderdelen), Decimal(0))
    uren = sum((Decimal(r["uren"]) for r in per_opdracht + regulier), Decimal(0))
    voorschot = Decimal("1300000.00")
    return {
        "jaar": 2026,
        "tot": "2026-08-31",
        "verdeelmodel": {"id": 31, "naam": "Verdeelmodel BEL 2026"},
        "grondslag": "realisatie",
        "onderdelen": onderdelen,
        "opdrachten": per_opdracht,
        "regulier": regulier,
        "gezamenlijk": gezamenlijk,
        "uren": _uren(uren),
        "totaal": _d(totaal),
        "voorschot": _d(voorschot),
        "voorschot_jaar": _d(voorschot * 12 / 8),
        "sleutelaandeel": "31.4",
        "begroting": "1975000.00",
        "afrekening": {
            "status": "concept",
            "voorschot": _d(voorschot),
            "realisatie": _d(totaal),
            "saldo": _d(totaal - voorschot),
            "sleutelaandeel": "31.4",
            "urenaandeel": "33.8",
        },
        "toelichting": "",
    }


def _dienstverlening() -> model.Dienstverlening:
    return {
        "gemeten": True,
        "toelichting": "",
        "dvo": {"id": 12, "naam": "Dienstverleningsovereenkomst Laren 2026"},
        "normen": [
            {
                "dienst": "Omgevingsvergunningen",
                "norm": "Beslistermijn regulier",
                "doel": "95 % binnen 8 weken",
                "waarde": "91,2 %",
                "aantal": 182,
                "gehaald": False,
                "trend": "slechter",
            },
            {
                "dienst": "Reisdocumenten",
                "norm": "Paspoort en identiteitskaart",
                "doel": "98 % binnen 5 werkdagen",
                "waarde": "99,1 %",
                "aantal": 1410,
                "gehaald": True,
                "trend": "gelijk",
            },
            {
                "dienst": "Meldingen openbare ruimte",
                "norm": "Afgehandeld",
                "doel": "90 % binnen 10 werkdagen",
                "waarde": "93,4 %",
                "aantal": 655,
                "gehaald": True,
                "trend": "beter",
            },
            {
                "dienst": "Bezwaarschriften",
                "norm": "Beslissing op bezwaar",
                "doel": "90 % binnen 12 weken",
                "waarde": None,
                "aantal": 3,
                "gehaald": None,
                "trend": "",
            },
        ],
        "gehaald": 2,
        "gemist": 1,
        "niet_meetbaar": 1,
    }


def _robuustheid() -> model.Robuustheid:
    return {
        "competenties": 48,
        "kwetsbaar": [
            {
                "competentie": "Archeologie",
                "eenheid": "Ruimte en Wonen",
                "houders": 1,
                "diensten": ["Omgevingsvergunningen"],
            },
            {
                "competentie": "Leerplicht",
                "eenheid": "Sociaal Domein",
                "houders": 1,
                "diensten": ["Leerplicht en RMC"],
            },
            {
                "competentie": "WOZ-taxatie",
                "eenheid": "Belastingen",
                "houders": 2,
                "diensten": ["WOZ-beschikkingen", "Bezwaarschriften"],
            },
        ],
        "eenpitters": 2,
    }


def _verschil(vorig: str | int | None, nu: str | int | None) -> model.Verschil:
    if vorig is None or nu is None:
        return {"vorig": vorig, "nu": nu, "verschil": None, "richting": "nieuw"}
    delta = Decimal(str(nu)) - Decimal(str(vorig))
    richting: model.Richting = "hoger" if delta > 0 else "lager" if delta < 0 else "gelijk"
    tekst = str(delta) if isinstance(nu, int) and isinstance(vorig, int) else _d(delta)
    if isinstance(nu, str) and len(nu.split(".")[-1]) == 1:  # one decimal (median days)
        tekst = str(delta.quantize(Decimal("0.1")))
    return {"vorig": vorig, "nu": nu, "verschil": tekst, "richting": richting}


def _vergelijking(
    vorige: model.Ref, vorig: dict[str, str | int | None], nu: model.Kerncijfers
) -> model.Vergelijking:
    return {"vorige": vorige, "cijfers": {k: _verschil(vorig.get(k), v) for k, v in nu.items()}}  # type: ignore[arg-type]


def _kerncijfers(
    opd: model.Opdrachten, vragen: model.Bestuursvragen, fin: model.Financien
) -> model.Kerncijfers:
    return {
        "opgedragen": opd["opgedragen"],
        "opgeleverd": opd["opgeleverd"],
        "te_laat": opd["te_laat"],
        "lopend": opd["lopend"],
        "vragen_open": vragen["open"],
        "vragen_mediaan_dagen": vragen["mediaan_dagen"],
        "uren": fin["uren"],
        "kosten": fin["totaal"],
        "voorschot": fin["voorschot"],
        "normen_gehaald": 2,
        "normen_gemist": 1,
        "eenpitters": 2,
    }


TOELICHTING_POOL = (
    "De eerste acht maanden van 2026 stonden in het teken van het omgevingsplan. Het beleidsplan "
    "schuldhulpverlening loopt vertraging op omdat we de landelijke evaluatie afwachten; het college stemde "
    "daarmee in. De beslistermijn voor reguliere omgevingsvergunningen is niet gehaald door een piek in "
    "aanvragen in het voorjaar en het vertrek van een vergunningverlener; de vacature is per 1 september vervuld.\n\n"
    "De kosten blijven binnen het voorschot. De verwachte verrekening bij de jaarrekening is een terugbetaling aan Laren."
)
TOELICHTING_GEMEENTE = (
    "Het college is tevreden over de voortgang van het omgevingsplan en houdt de raad via de commissie Ruimte op de hoogte. "
    "Over de beslistermijn van omgevingsvergunningen maakt het college in het DVO-overleg van oktober afspraken over herstel."
)


def _gemeente() -> model.Inhoud:
    opd = _opdrachten()
    vragen = _bestuursvragen()
    fin = _financien(opd)
    kern = _kerncijfers(opd, vragen, fin)
    vorig: dict[str, str | int | None] = {
        "opgedragen": 3,
        "opgeleverd": 0,
        "te_laat": 0,
        "lopend": 3,
        "vragen_open": 1,
        "vragen_mediaan_dagen": "7.0",
        "uren": "3104.00",
        "kosten": "701233.18",
        "voorschot": "650000.00",
        "normen_gehaald": None,
        "normen_gemist": None,
        "eenpitters": 2,
    }
    return {
        "schema": model.SCHEMA,
        "soort": "gemeente",
        "samenwerkingsverband": BEL,
        "gemeente": LAREN,
        "periode": PERIODE,
        "peildatum": "2026-10-06",
        "opdrachten": opd,
        "bestuursvragen": vragen,
        "financien": fin,
        "dienstverlening": _dienstverlening(),
        "robuustheid": _robuustheid(),
        "kerncijfers": kern,
        "partners": [],
        "vergelijking": _vergelijking({"id": 7, "naam": "Voorjaarsnota 2026"}, vorig, kern),
        "toelichting_pool": TOELICHTING_POOL,
        "toelichting_gemeente": TOELICHTING_GEMEENTE,
        "besluit": {
            "orgaan": "college",
            "orgaan_label": "College van burgemeester en wethouders van Laren",
            "kenmerk": "B&W 2026/0412",
            "datum": "2026-10-06",
        },
        "versie": 2,
        "corrigeert": {"id": 14, "naam": "Najaarsnota 2026"},
        "correctiereden": "In versie 1 ontbrak de btw op het aandeel in de gezamenlijke producten.",
    }


def _partner(
    gemeente: model.GemeenteRef, factor: str, laat: int, gehaald: int, gemist: int
) -> model.Partnerkolom:
    laren = _gemeente()["kerncijfers"]
    f = Decimal(factor)
    return {
        "gemeente": gemeente,
        "cijfers": {
            "opgedragen": round(laren["opgedragen"] * f),
            "opgeleverd": round(laren["opgeleverd"] * f) + 1,
            "te_laat": laat,
            "lopend": round(laren["lopend"] * f),
            "vragen_open": 0,
            "vragen_mediaan_dagen": "6.0",
            "uren": _uren(Decimal(laren["uren"]) * f),
            "kosten": _d(Decimal(laren["kosten"]) * f),
            "voorschot": _d(Decimal(str(laren["voorschot"])) * f),
            "normen_gehaald": gehaald,
            "normen_gemist": gemist,
            "eenpitters": 2,
        },
    }


def _gezamenlijk() -> model.Inhoud:
    laren = _gemeente()
    partners: list[model.Partnerkolom] = [
        _partner(BLARICUM, "0.92", 0, 3, 0),
        _partner(EEMNES, "0.85", 2, 2, 2),
        {"gemeente": LAREN, "cijfers": copy.deepcopy(laren["kerncijfers"])},
    ]
    cijfers = [p["cijfers"] for p in partners]
    kern: model.Kerncijfers = {
        "opgedragen": sum(c["opgedragen"] for c in cijfers),
        "opgeleverd": sum(c["opgeleverd"] for c in cijfers),
        "te_laat": sum(c["te_laat"] for c in cijfers),
        "lopend": sum(c["lopend"] for c in cijfers),
        "vragen_open": sum(c["vragen_open"] for c in cijfers),
        "vragen_mediaan_dagen": "7.5",
        "uren": _uren(sum((Decimal(c["uren"]) for c in cijfers), Decimal(0))),
        "kosten": _d(sum((Decimal(c["kosten"]) for c in cijfers), Decimal(0))),
        "voorschot": _d(sum((Decimal(str(c["voorschot"])) for c in cijfers), Decimal(0))),
        "normen_gehaald": sum(c["normen_gehaald"] or 0 for c in cijfers),
        "normen_gemist": sum(c["normen_gemist"] or 0 for c in cijfers),
        "eenpitters": 2,
    }
    vorig: dict[str, str | int | None] = {
        "opgedragen": 9,
        "opgeleverd": 2,
        "te_laat": 1,
        "lopend": 9,
        "vragen_open": 2,
        "vragen_mediaan_dagen": "8.0",
        "uren": "8840.00",
        "kosten": "1990512.44",
        "voorschot": "1780000.00",
        "normen_gehaald": None,
        "normen_gemist": None,
        "eenpitters": 3,
    }
    return {
        "schema": model.SCHEMA,
        "soort": "gezamenlijk",
        "samenwerkingsverband": BEL,
        "gemeente": None,
        "periode": PERIODE,
        "peildatum": "2026-10-29",
        "opdrachten": None,
        "bestuursvragen": None,
        "financien": None,
        "dienstverlening": None,
        "robuustheid": laren["robuustheid"],
        "kerncijfers": kern,
        "partners": partners,
        "vergelijking": _vergelijking({"id": 8, "naam": "Voorjaarsnota 2026 (gezamenlijk)"}, vorig, kern),
        "toelichting_pool": TOELICHTING_POOL.split("\n\n")[0],
        "toelichting_gemeente": "",
        "besluit": {
            "orgaan": "algemeen_bestuur",
            "orgaan_label": "Algemeen bestuur van de BEL Combinatie",
            "kenmerk": "AB 2026-11",
            "datum": "2026-10-29",
        },
        "versie": 1,
        "corrigeert": None,
        "correctiereden": "",
    }


def voorbeeld(soort: Literal["gemeente", "gezamenlijk"] = "gemeente") -> model.Inhoud:
    """A fresh copy of the sample (the caller may change it)."""
    return _gezamenlijk() if soort == "gezamenlijk" else _gemeente()
