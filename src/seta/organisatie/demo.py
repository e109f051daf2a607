"""Demo step: a believable werkorganisatie for each demo cooperation, with fictional staff.

- BEL Combinatie (Menu 2): one pool after the Kompanjie organogram (seed lines 423-481): directie, staf
  with the concerncontroller, four eenheden with their teams; about 200 staff.
- Groningen – Ten Boer (Menu 3): the part of Groningen's directies that works for Ten Boer, every unit
  hosted by Groningen; about 90 staff.
- Kempengemeenten (Menu 1): six shared units, each hosted by a partner; about 80 staff.

Pool logins ``<rol>.<verband>`` (``directeur.bel``, ``controller.gtb``, ``teamleider.kempen``,
``medewerker.bel`` …), password ``demo``, each linked to a Medewerker. Every medewerker has a
personeelsnummer (``BEL-00101``, ``710001``, ``KMP-0001`` …, numbered in build order). Everything is
bulk-inserted.
Some rare competences are held by exactly one person, so the eenmansposten show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from seta.demo.builder import DEMO_PASSWORD, DemoContext
from seta.gemeenten.models import Gemeente
from seta.organisatie.models import Competentie, Eenheid, Medewerker, Positie, Soort
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

VOORNAMEN = (
    "Anouk",
    "Bram",
    "Charlotte",
    "Dennis",
    "Esther",
    "Floor",
    "Gijs",
    "Hanna",
    "Ilse",
    "Joost",
    "Kim",
    "Lars",
    "Marieke",
    "Niels",
    "Olga",
    "Pieter",
    "Quinten",
    "Renske",
    "Sander",
    "Tessa",
    "Ubbo",
    "Vera",
    "Wouter",
    "Yvonne",
    "Zoë",
    "Ahmed",
    "Bart",
    "Claudia",
    "Dirk",
    "Eline",
    "Frank",
    "Gerda",
    "Henk",
    "Inge",
    "Jan",
    "Karlijn",
    "Lotte",
    "Martijn",
    "Nadia",
    "Otto",
    "Petra",
    "Rik",
    "Sanne",
    "Thijs",
    "Ursula",
    "Vincent",
    "Willemijn",
    "Youssef",
    "Annemiek",
    "Bert",
    "Corine",
    "Erik",
    "Fatima",
    "Geert",
    "Hilde",
    "Ivo",
    "Jolanda",
    "Koen",
    "Linda",
    "Maarten",
    "Noor",
    "Roel",
    "Suzanne",
    "Tom",
    "Wendy",
    "Jeroen",
    "Marloes",
    "Stijn",
)
TUSSENVOEGSELS = ("", "", "", "", "", "van ", "de ", "van der ", "van den ", "van de ", "ter ")
ACHTERNAMEN = (
    "Jansen",
    "Hermans",
    "Bosch",
    "Kramer",
    "Veenstra",
    "Wolters",
    "Scholten",
    "Post",
    "Kuiper",
    "Timmermans",
    "Groen",
    "Sanders",
    "Martens",
    "Evers",
    "Bouwman",
    "Hofman",
    "Vink",
    "Koning",
    "Wijnands",
    "Lammers",
    "Zijlstra",
    "Brink",
    "Heuvel",
    "Berg",
    "Vliet",
    "Ven",
    "Wal",
    "Mheen",
    "Laan",
    "Hoeven",
    "Geest",
    "Haar",
    "Steen",
    "Molen",
    "Pol",
    "Broek",
    "Meulen",
    "Rijn",
    "Loon",
    "Dam",
    "Wouters",
    "Claassen",
    "Gerritsen",
    "Verbeek",
    "Arts",
    "Coenen",
    "Maas",
    "Swinkels",
    "Van Gool",
    "Schellekens",
    "Rutten",
    "Verhagen",
    "Tiemersma",
    "Boersma",
    "Hoogeveen",
    "Oosterhuis",
    "Wierenga",
    "Bakker",
    "Smit",
    "Mulder",
    "Visser",
)

# Competences per domain; the last few of each list are rare (assigned to exactly one person).
COMPETENTIES: dict[str, tuple[list[str], list[str]]] = {
    "bestuur": (
        ["Bestuursadvisering", "Projectmanagement", "Communicatieadvies", "Juridisch advies"],
        ["Integriteitsonderzoek", "Archivering (archivaris)"],
    ),
    "financien": (
        ["Planning & control", "Begroten", "Financieel advies", "Inkoop en aanbesteding"],
        ["Treasury", "Vennootschapsbelasting", "Subsidieverantwoording (SiSa)"],
    ),
    "ict": (
        ["Informatiebeheer", "Applicatiebeheer", "Informatiebeveiliging"],
        ["Functionaris gegevensbescherming", "Geo-informatie (GIS)"],
    ),
    "hr": (["HR-advies", "Salarisadministratie", "Arbo en verzuim"], ["Arbeidsrecht"]),
    "dienstverlening": (
        ["Burgerzaken", "Klantcontact", "WOZ-taxatie", "Heffing en invordering"],
        ["Lijkbezorging", "Naturalisatie", "Verkiezingen"],
    ),
    "fysiek": (
        [
            "Vergunningverlening",
            "Toezicht en handhaving",
            "Ruimtelijke ordening",
            "Beheer openbare ruimte",
            "Verkeerskunde",
        ],
        ["Archeologie", "Bodemkwaliteit", "Bouwfysica", "Monumentenzorg", "Rioleringsbeheer"],
    ),
    "sociaal": (
        ["Wmo-consulentschap", "Jeugdhulp", "Werk en inkomen", "Schuldhulpverlening"],
        ["Leerplicht", "Inburgering", "Bijzondere bijstand zelfstandigen (Bbz)"],
    ),
    "facilitair": (["Facilitaire dienstverlening", "Vastgoedbeheer"], ["Accommodatiebeleid sport"]),
}

FUNCTIES: dict[str, list[tuple[str, int]]] = {
    "bestuur": [
        ("Bestuursadviseur", 11),
        ("Directiesecretaris", 10),
        ("Communicatieadviseur", 10),
        ("Jurist", 11),
    ],
    "financien": [
        ("Financieel adviseur", 10),
        ("Concerncontroller", 13),
        ("Medewerker financiële administratie", 8),
        ("Inkoopadviseur", 10),
    ],
    "ict": [
        ("Informatiemanager", 12),
        ("Applicatiebeheerder", 9),
        ("Medewerker servicedesk", 7),
        ("Adviseur informatieveiligheid", 11),
    ],
    "hr": [("HR-adviseur", 10), ("Salarisadministrateur", 8), ("Adviseur arbo en verzuim", 9)],
    "dienstverlening": [
        ("Medewerker Publiekszaken", 7),
        ("Klantcontactmedewerker", 6),
        ("Taxateur WOZ", 9),
        ("Medewerker belastingen", 8),
    ],
    "fysiek": [
        ("Vergunningverlener", 9),
        ("Toezichthouder", 8),
        ("Beleidsadviseur ruimte", 11),
        ("Medewerker buitendienst", 6),
        ("Projectleider openbare ruimte", 11),
        ("Verkeerskundige", 10),
    ],
    "sociaal": [
        ("Wmo-consulent", 9),
        ("Klantmanager werk en inkomen", 9),
        ("Jeugdconsulent", 9),
        ("Beleidsadviseur sociaal domein", 11),
        ("Schuldhulpverlener", 8),
    ],
    "facilitair": [("Facilitair medewerker", 6), ("Beheerder vastgoed", 9), ("Bode", 5)],
}
FTE_KEUZES = ("1.00", "1.00", "1.00", "1.00", "0.89", "0.89", "0.80", "0.78", "0.72", "0.67", "0.56", "0.50")


@dataclass
class Unit:
    code: str
    naam: str
    soort: str
    domein: str
    staf: int = 0  # staff besides the teamleider
    gast: str | None = None  # slug of the hosting gemeente
    kinderen: list[Unit] = field(default_factory=list)


def _bel() -> Unit:
    return Unit(
        "directie",
        "Directie BEL Combinatie",
        Soort.DIRECTIE,
        "bestuur",
        2,
        kinderen=[
            Unit("concernstaf", "Concernstaf", Soort.STAF, "financien", 5),
            Unit(
                "dienstverlening",
                "Eenheid Dienstverlening",
                Soort.EENHEID,
                "dienstverlening",
                1,
                kinderen=[
                    Unit("publiekszaken", "Team Publiekszaken", Soort.TEAM, "dienstverlening", 14),
                    Unit("klantcontact", "Team Klantcontactcentrum", Soort.TEAM, "dienstverlening", 11),
                    Unit("belastingen", "Team Belastingen en WOZ", Soort.TEAM, "dienstverlening", 9),
                ],
            ),
            Unit(
                "fysiek",
                "Eenheid Fysiek domein",
                Soort.EENHEID,
                "fysiek",
                1,
                kinderen=[
                    Unit("vergunningen", "Team Vergunningen en Handhaving", Soort.TEAM, "fysiek", 16),
                    Unit("openbare-ruimte", "Team Beheer Openbare Ruimte", Soort.TEAM, "fysiek", 19),
                    Unit(
                        "ruimtelijke-ontwikkeling", "Team Ruimtelijke Ontwikkeling", Soort.TEAM, "fysiek", 11
                    ),
                    Unit("sport", "Team Sport", Soort.TEAM, "facilitair", 5),
                ],
            ),
            Unit(
                "sociaal",
                "Eenheid Sociaal domein",
                Soort.EENHEID,
                "sociaal",
                1,
                kinderen=[
                    Unit("werk-inkomen", "Team Werk en Inkomen", Soort.TEAM, "sociaal", 15),
                    Unit("maatschappelijke-zaken", "Team Maatschappelijke Zaken", Soort.TEAM, "sociaal", 17),
                    Unit("mdt-school", "Team MDT en School", Soort.TEAM, "sociaal", 6),
                ],
            ),
            Unit(
                "bedrijfsvoering",
                "Eenheid Bedrijfsvoering",
                Soort.EENHEID,
                "financien",
                1,
                kinderen=[
                    Unit("financien", "Team Financiën", Soort.TEAM, "financien", 10),
                    Unit("hr", "Team HR", Soort.TEAM, "hr", 6),
                    Unit("ict", "Team Gegevensbeheer en ICT", Soort.TEAM, "ict", 11),
                    Unit("jz-communicatie", "Team JZ en Communicatie", Soort.TEAM, "bestuur", 7),
                    Unit("facilitaire-zaken", "Team Facilitaire Zaken", Soort.TEAM, "facilitair", 8),
                ],
            ),
        ],
    )


def _gtb() -> Unit:
    g = "groningen"
    return Unit(
        "directie",
        "Concerndirectie (dienstverlening Ten Boer)",
        Soort.DIRECTIE,
        "bestuur",
        1,
        gast=g,
        kinderen=[
            Unit("concernstaf", "Concernstaf en control", Soort.STAF, "financien", 3, gast=g),
            Unit(
                "publiekszaken",
                "Directie Publieksdienstverlening",
                Soort.EENHEID,
                "dienstverlening",
                1,
                gast=g,
                kinderen=[
                    Unit(
                        "balie-ten-boer",
                        "Team Publiekszaken Ten Boer",
                        Soort.TEAM,
                        "dienstverlening",
                        7,
                        gast=g,
                    ),
                    Unit("belastingen", "Team Belastingen", Soort.TEAM, "dienstverlening", 5, gast=g),
                ],
            ),
            Unit(
                "ruimtelijk",
                "Directie Ruimtelijke Ontwikkeling",
                Soort.EENHEID,
                "fysiek",
                1,
                gast=g,
                kinderen=[
                    Unit("gebiedsteam", "Gebiedsteam Ten Boer", Soort.TEAM, "fysiek", 8, gast=g),
                    Unit("vth", "Team Vergunningen, Toezicht en Handhaving", Soort.TEAM, "fysiek", 9, gast=g),
                ],
            ),
            Unit(
                "stadsbeheer",
                "Directie Stadsbeheer",
                Soort.EENHEID,
                "fysiek",
                1,
                gast=g,
                kinderen=[
                    Unit("wijkbeheer", "Team Wijkbeheer Ten Boer", Soort.TEAM, "fysiek", 10, gast=g),
                ],
            ),
            Unit(
                "maatschappelijk",
                "Directie Maatschappelijke Ontwikkeling",
                Soort.EENHEID,
                "sociaal",
                1,
                gast=g,
                kinderen=[
                    Unit("wij-team", "WIJ-team Ten Boer", Soort.TEAM, "sociaal", 9, gast=g),
                    Unit("werk-inkomen", "Team Werk en Inkomen", Soort.TEAM, "sociaal", 7, gast=g),
                ],
            ),
            Unit(
                "bedrijfsvoering",
                "Directie Bedrijfsvoering",
                Soort.EENHEID,
                "financien",
                1,
                gast=g,
                kinderen=[
                    Unit("financien", "Team Financiën", Soort.TEAM, "financien", 5, gast=g),
                    Unit("ict", "Team Informatievoorziening", Soort.TEAM, "ict", 5, gast=g),
                    Unit("hr", "Team HR", Soort.TEAM, "hr", 3, gast=g),
                ],
            ),
        ],
    )


def _kempen() -> Unit:
    return Unit(
        "directie",
        "Directie Samenwerking Kempengemeenten",
        Soort.DIRECTIE,
        "bestuur",
        2,
        kinderen=[
            Unit("control", "Staf Planning en Control", Soort.STAF, "financien", 2),
            Unit(
                "ict",
                "Eenheid ICT",
                Soort.EENHEID,
                "ict",
                4,
                gast="eersel",
                kinderen=[
                    Unit("servicedesk", "Team Servicedesk en Werkplek", Soort.TEAM, "ict", 6, gast="eersel"),
                    Unit("informatiebeheer", "Team Informatiebeheer", Soort.TEAM, "ict", 4, gast="eersel"),
                ],
            ),
            Unit("hr", "Eenheid HR en Juridische zaken", Soort.EENHEID, "hr", 9, gast="bladel"),
            Unit(
                "belastingen",
                "Eenheid Belastingen en Burgerzaken",
                Soort.EENHEID,
                "dienstverlening",
                2,
                gast="bergeijk",
                kinderen=[
                    Unit("woz", "Team WOZ en Heffing", Soort.TEAM, "dienstverlening", 8, gast="bergeijk"),
                    Unit(
                        "burgerzaken", "Team Burgerzaken", Soort.TEAM, "dienstverlening", 7, gast="bergeijk"
                    ),
                ],
            ),
            Unit("financien", "Eenheid Inkoop en Financiën", Soort.EENHEID, "financien", 9, gast="oirschot"),
            Unit(
                "sociaal",
                "Eenheid Sociaal domein",
                Soort.EENHEID,
                "sociaal",
                3,
                gast="reusel-de-mierden",
                kinderen=[
                    Unit(
                        "werk-inkomen",
                        "Team Werk en Inkomen",
                        Soort.TEAM,
                        "sociaal",
                        7,
                        gast="reusel-de-mierden",
                    ),
                    Unit(
                        "wmo-jeugd", "Team Wmo en Jeugd", Soort.TEAM, "sociaal", 7, gast="reusel-de-mierden"
                    ),
                ],
            ),
            Unit("omgeving", "Eenheid Ruimte en Omgeving", Soort.EENHEID, "fysiek", 9, gast="eersel"),
        ],
    )


# Staff numbers as each pool's time-keeping system writes them (deterministic: the n-th staff member built).
PERSONEELSNUMMERS: dict[str, str] = {
    "bel": "BEL-{n:05d}",  # BEL-00101, BEL-00102, …
    "gtb": "{n:06d}",  # Groningen's numeric numbers: 710001, …
    "kempen": "KMP-{n:04d}",
}
PERSONEELSNUMMER_START: dict[str, int] = {"bel": 100, "gtb": 710000, "kempen": 0}


# cooperation key → (structure, code of the teamleider's unit (with teams), code of medewerker's team, start)
ORGANISATIES: dict[str, tuple[Any, str, str, dt.date]] = {
    "bel": (_bel, "sociaal", "werk-inkomen", dt.date(2008, 1, 1)),
    "gtb": (_gtb, "maatschappelijk", "wij-team", dt.date(2019, 1, 1)),
    "kempen": (_kempen, "sociaal", "wmo-jeugd", dt.date(2011, 1, 1)),
}


def _naam(ctx: DemoContext, gebruikt: set[str]) -> tuple[str, str, str]:
    while True:
        voornaam = ctx.rng.choice(VOORNAMEN)
        achternaam = ctx.rng.choice(TUSSENVOEGSELS) + ctx.rng.choice(ACHTERNAMEN)
        naam = f"{voornaam} {achternaam}"
        if naam not in gebruikt:
            gebruikt.add(naam)
            return naam, voornaam, achternaam


def _walk(unit: Unit, parent: Unit | None = None) -> list[tuple[Unit, Unit | None]]:
    result = [(unit, parent)]
    for child in unit.kinderen:
        result.extend(_walk(child, unit))
    return result


def build(ctx: DemoContext) -> None:
    verbanden: dict[str, Samenwerkingsverband] = ctx.data.get("verbanden", {})
    gemeenten: dict[str, Gemeente] = ctx.data.get("gemeenten", {})
    if not verbanden:
        ctx.log("demo: organisatie overgeslagen (geen samenwerkingsverbanden)")
        return
    competenties = _competenties()
    User = get_user_model()
    wachtwoord = make_password(DEMO_PASSWORD)
    users: dict[str, Any] = ctx.data.setdefault("users", {})
    eenheden_data: dict[str, dict[str, Eenheid]] = ctx.data.setdefault("eenheden", {})
    medewerkers_data: dict[str, list[Medewerker]] = ctx.data.setdefault("medewerkers", {})
    gebruikt: set[str] = set()

    for key, (structuur, tl_code, mw_code, start) in ORGANISATIES.items():
        sv = verbanden.get(key)
        if sv is None:
            continue
        partners = [d.gemeente for d in sv.deelnemers.select_related("gemeente").order_by("gemeente__naam")]
        partner_slugs = {g.slug for g in partners}
        start = max(start, sv.startdatum)
        tree = _walk(structuur())

        # Units, parents first (bulk per level keeps it to a handful of queries).
        units: dict[str, Eenheid] = {}
        for unit, _parent in tree:
            gast = gemeenten.get(unit.gast) if unit.gast and unit.gast in partner_slugs else None
            if unit.gast == "groningen" and sv.gastheergemeente_id:
                gast = sv.gastheergemeente
            units[unit.code] = Eenheid(
                samenwerkingsverband=sv,
                naam=unit.naam,
                code=unit.code,
                soort=unit.soort,
                gastgemeente=gast,
                omschrijving=_omschrijving(unit, gast),
            )
        Eenheid.objects.bulk_create(units.values())
        for unit, parent in tree:
            if parent is not None:
                units[unit.code].bovenliggend = units[parent.code]
        Eenheid.objects.bulk_update([units[u.code] for u, p in tree if p is not None], ["bovenliggend"])
        eenheden_data[key] = units

        # Staff.
        staff: list[Medewerker] = []
        comps: list[list[Competentie]] = []
        domeinen: list[str] = []
        logins: dict[str, Medewerker] = {}
        for unit, _parent in tree:
            eenheid = units[unit.code]
            common, _rare = COMPETENTIES[unit.domein]
            leiding = Positie.DIRECTEUR if unit.soort == Soort.DIRECTIE else Positie.TEAMLEIDER
            titel: str = {
                Soort.DIRECTIE.value: "Algemeen directeur",
                Soort.STAF.value: "Teamleider concernstaf",
                Soort.EENHEID.value: "Eenheidsmanager",
                Soort.TEAM.value: "Teamleider",
            }[unit.soort]
            posities = [(leiding, titel, 14 if leiding == Positie.DIRECTEUR else 12)]
            if unit.soort == Soort.STAF:
                posities.append((Positie.CONTROLLER, "Concerncontroller", 13))
            functies = FUNCTIES[unit.domein]
            for _ in range(unit.staf - (1 if unit.soort == Soort.STAF else 0)):
                titel_mw, schaal = ctx.rng.choice(functies)
                posities.append(
                    (Positie.MEDEWERKER, titel_mw, max(6, min(14, schaal + ctx.rng.choice((-1, 0, 0, 1)))))
                )
            for positie, titel_mw, schaal in posities:
                naam, _, _ = _naam(ctx, gebruikt)
                host = eenheid.gastgemeente
                herkomst: Gemeente | None
                if host is not None and ctx.rng.random() < 0.6:
                    herkomst = host
                elif key == "gtb":
                    herkomst = gemeenten.get("ten-boer") if ctx.rng.random() < 0.15 else sv.gastheergemeente
                else:
                    herkomst = ctx.rng.choice(partners) if partners else None
                if herkomst is not None and herkomst.slug not in partner_slugs:
                    herkomst = None
                in_dienst = (
                    start
                    if ctx.rng.random() < 0.7
                    else start + dt.timedelta(days=ctx.rng.randrange(200, 5000))
                )
                in_dienst = min(in_dienst, dt.date(2026, 6, 1))
                fte = (
                    Decimal("1.00") if positie != Positie.MEDEWERKER else Decimal(ctx.rng.choice(FTE_KEUZES))
                )
                staff.append(
                    Medewerker(
                        samenwerkingsverband=sv,
                        naam=naam,
                        eenheid=eenheid,
                        positie=positie,
                        functietitel=titel_mw,
                        fte=fte,
                        schaal=schaal,
                        afkomstig_van=herkomst,
                        in_dienst=in_dienst,
                    )
                )
                domeinen.append(unit.domein)
                k = ctx.rng.randint(1, min(3, len(common)))
                comps.append([competenties[c] for c in ctx.rng.sample(common, k)])
                if positie == Positie.DIRECTEUR and "directeur" not in logins:
                    logins["directeur"] = staff[-1]
                elif positie == Positie.CONTROLLER and "controller" not in logins:
                    logins["controller"] = staff[-1]
                elif positie == Positie.TEAMLEIDER and unit.code == tl_code and "teamleider" not in logins:
                    logins["teamleider"] = staff[-1]
                elif positie == Positie.MEDEWERKER and unit.code == mw_code and "medewerker" not in logins:
                    logins["medewerker"] = staff[-1]

        # Rare competences: each held by exactly one person of its domain (a few domains get none).
        per_domein: dict[str, list[int]] = {}
        for index, domein in enumerate(domeinen):
            per_domein.setdefault(domein, []).append(index)
        for domein, indices in per_domein.items():
            for naam in COMPETENTIES[domein][1]:
                comps[ctx.rng.choice(indices)].append(competenties[naam])
        # A few staff left the pool (history stays).
        for m in ctx.rng.sample([m for m in staff if m.positie == Positie.MEDEWERKER], 3):
            m.uit_dienst = dt.date(2025, ctx.rng.randint(1, 12), 1)
            m.in_dienst = min(m.in_dienst, dt.date(2024, 1, 1))

        # Logins for the pool roles, linked to their Medewerker.
        nieuwe_users = []
        for rol, m in logins.items():
            voornaam, _, achternaam = m.naam.partition(" ")
            nieuwe_users.append(
                User(
                    username=f"{rol}.{key}",
                    first_name=voornaam,
                    last_name=achternaam,
                    password=wachtwoord,
                    email=f"{rol}.{key}@seta.example",
                )
            )
        User.objects.bulk_create(nieuwe_users)
        by_name = {
            u.username: u for u in User.objects.filter(username__in=[u.username for u in nieuwe_users])
        }
        for rol, m in logins.items():
            m.gebruiker = by_name[f"{rol}.{key}"]
            users[f"{rol}.{key}"] = m.gebruiker

        formaat = PERSONEELSNUMMERS.get(key, key.upper() + "-{n:05d}")
        for n, m in enumerate(staff, start=PERSONEELSNUMMER_START.get(key, 0) + 1):
            m.personeelsnummer = formaat.format(n=n)
        Medewerker.objects.bulk_create(staff)
        Through = Medewerker.competenties.through
        Through.objects.bulk_create(
            Through(medewerker_id=m.pk, competentie_id=c.pk)
            for m, cs in zip(staff, comps, strict=True)
            for c in {c.pk: c for c in cs}.values()
        )
        medewerkers_data[key] = staff
        ctx.log(f"demo: {sv.naam}: {len(units)} eenheden, {len(staff)} medewerkers")


def _competenties() -> dict[str, Competentie]:
    namen = sorted({n for common, rare in COMPETENTIES.values() for n in (*common, *rare)})
    bestaand = set(Competentie.objects.filter(naam__in=namen).values_list("naam", flat=True))
    Competentie.objects.bulk_create([Competentie(naam=n) for n in namen if n not in bestaand])
    return {c.naam: c for c in Competentie.objects.filter(naam__in=namen)}


def _omschrijving(unit: Unit, gast: Gemeente | None) -> str:
    if gast is not None and unit.soort != Soort.TEAM:
        return f"{unit.naam}, ondergebracht bij de gemeente {gast.naam}, werkt voor alle deelnemers."
    return ""
