"""Demo step: a catalogue of products, services and processes for every demo cooperation.

Each item has an owning unit (found by the organisatie step's unit codes), an Iv3 taakveld, a
taakgebied and, for services, norms. All three taaksoorten appear, so the maatwerkruimte shows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from seta.catalogus.models import Catalogusitem, Norm, Soort, Taaksoort, Taakveld
from seta.demo.builder import DemoContext
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.models import Taakgebied

MM = Taaksoort.MECHANISCH_MEDEBEWIND
NM = Taaksoort.NIET_MECHANISCH_MEDEBEWIND
AU = Taaksoort.AUTONOOM
P, D, PR = Soort.PRODUCT, Soort.DIENST, Soort.PROCES

# code, naam, soort, taaksoort, Iv3 taakveld, werkterrein (→ owning unit), norms (omschrijving, waarde, eenheid)
ITEMS: list[tuple[str, str, str, str, str, str, list[tuple[str, str, str]]]] = [
    ("paspoort", "Paspoort aanvragen", D, MM, "0.2", "publiek", [("Doorlooptijd", "5", "werkdagen")]),
    (
        "identiteitskaart",
        "Identiteitskaart aanvragen",
        D,
        MM,
        "0.2",
        "publiek",
        [("Doorlooptijd", "5", "werkdagen")],
    ),
    (
        "rijbewijs",
        "Rijbewijs aanvragen en vernieuwen",
        D,
        MM,
        "0.2",
        "publiek",
        [("Doorlooptijd", "5", "werkdagen")],
    ),
    (
        "brp-uittreksel",
        "Uittreksel Basisregistratie Personen (BRP)",
        D,
        MM,
        "0.2",
        "publiek",
        [("Doorlooptijd", "1", "werkdagen")],
    ),
    ("verhuizing", "Verhuizing doorgeven", D, MM, "0.2", "publiek", [("Verwerkt binnen", "5", "werkdagen")]),
    (
        "geboorteaangifte",
        "Aangifte geboorte",
        D,
        MM,
        "0.2",
        "publiek",
        [("Verwerkt binnen", "3", "werkdagen")],
    ),
    (
        "huwelijk",
        "Huwelijk en geregistreerd partnerschap",
        D,
        MM,
        "0.2",
        "publiek",
        [("Bevestiging melding voorgenomen huwelijk", "5", "werkdagen")],
    ),
    (
        "naturalisatie",
        "Naturalisatieverzoek",
        D,
        MM,
        "0.2",
        "publiek",
        [("Doorsturen naar IND", "10", "werkdagen")],
    ),
    ("verkiezingen", "Organisatie van verkiezingen", PR, MM, "0.2", "publiek", []),
    (
        "lijkbezorging",
        "Verlof tot begraven of cremeren",
        D,
        MM,
        "7.5",
        "publiek",
        [("Doorlooptijd", "1", "werkdagen")],
    ),
    (
        "woz-beschikking",
        "WOZ-beschikking",
        P,
        MM,
        "0.61",
        "belasting",
        [("Uitspraak op bezwaar", "60", "kalenderdagen")],
    ),
    (
        "bag-mutaties",
        "Mutaties Basisregistratie Adressen en Gebouwen (BAG)",
        PR,
        MM,
        "8.3",
        "vergunning",
        [("Verwerkt binnen", "4", "werkdagen")],
    ),
    (
        "leerplicht",
        "Leerplichthandhaving",
        D,
        NM,
        "4.3",
        "onderwijs",
        [("Reactie op verzuimmelding", "5", "werkdagen")],
    ),
    (
        "leerlingenvervoer",
        "Leerlingenvervoer",
        D,
        NM,
        "4.3",
        "onderwijs",
        [("Besluit op aanvraag", "8", "weken")],
    ),
    (
        "wmo-maatwerk",
        "Wmo-maatwerkvoorziening",
        D,
        NM,
        "6.6",
        "zorg",
        [("Onderzoek na melding", "6", "weken"), ("Beschikking na aanvraag", "2", "weken")],
    ),
    ("jeugdhulp", "Toegang jeugdhulp", D, NM, "6.72", "zorg", [("Besluit na aanvraag", "8", "weken")]),
    (
        "bijstand",
        "Bijstandsuitkering (Participatiewet)",
        D,
        NM,
        "6.3",
        "werk",
        [("Besluit na aanvraag", "8", "weken")],
    ),
    (
        "bijzondere-bijstand",
        "Bijzondere bijstand",
        D,
        NM,
        "6.3",
        "werk",
        [("Besluit na aanvraag", "8", "weken")],
    ),
    (
        "schuldhulp",
        "Schuldhulpverlening",
        D,
        NM,
        "6.71",
        "werk",
        [("Eerste gesprek na aanmelding", "4", "weken")],
    ),
    (
        "reintegratie",
        "Re-integratietraject",
        D,
        NM,
        "6.5",
        "werk",
        [("Start traject na intake", "4", "weken")],
    ),
    (
        "inburgering",
        "Inburgeringsbegeleiding",
        D,
        NM,
        "6.1",
        "werk",
        [("Brede intake na huisvesting", "10", "weken")],
    ),
    (
        "omgevingsvergunning",
        "Omgevingsvergunning bouwen",
        D,
        NM,
        "8.3",
        "vergunning",
        [("Besluit (reguliere procedure)", "8", "weken")],
    ),
    ("handhaving-bouwen", "Toezicht en handhaving bouwen en wonen", PR, NM, "8.3", "vergunning", []),
    ("omgevingsplan", "Omgevingsplan", P, NM, "8.1", "ruimte", []),
    ("rioleringsplan", "Gemeentelijk rioleringsplan", P, NM, "7.2", "buiten", []),
    (
        "afvalinzameling",
        "Inzameling huishoudelijk afval",
        D,
        NM,
        "7.3",
        "buiten",
        [("Gemiste container opgehaald binnen", "2", "werkdagen")],
    ),
    (
        "kwijtschelding",
        "Kwijtschelding gemeentelijke belastingen",
        D,
        NM,
        "0.64",
        "belasting",
        [("Besluit na aanvraag", "8", "weken")],
    ),
    ("programmabegroting", "Programmabegroting", P, NM, "0.4", "financien", []),
    ("jaarrekening", "Jaarstukken (jaarverslag en jaarrekening)", P, NM, "0.4", "financien", []),
    ("woo-verzoek", "Woo-verzoek afhandelen", D, NM, "0.1", "juridisch", [("Besluit", "4", "weken")]),
    (
        "bezwaarschriften",
        "Behandeling bezwaarschriften",
        PR,
        NM,
        "0.1",
        "juridisch",
        [("Beslissing op bezwaar", "12", "weken")],
    ),
    ("klachten", "Klachtenafhandeling", PR, NM, "0.1", "klant", [("Afhandeling", "6", "weken")]),
    ("toeristisch-plan", "Toeristisch-recreatief plan", P, AU, "3.4", "ruimte", []),
    ("verkeersveiligheidsplan", "Verkeersveiligheidsplan", P, AU, "2.1", "buiten", []),
    ("sportnota", "Sportnota", P, AU, "5.1", "sport", []),
    ("cultuurnota", "Cultuurnota", P, AU, "5.3", "sport", []),
    (
        "subsidieregeling",
        "Subsidieregeling maatschappelijke organisaties",
        D,
        AU,
        "6.1",
        "zorg",
        [("Beschikking na aanvraag", "8", "weken")],
    ),
    ("participatietraject", "Participatietraject met inwoners", PR, AU, "0.1", "ruimte", []),
    (
        "evenementenvergunning",
        "Evenementenvergunning",
        D,
        AU,
        "1.2",
        "vergunning",
        [("Besluit (groot evenement)", "8", "weken")],
    ),
    ("duurzaamheidsagenda", "Duurzaamheids- en klimaatagenda", P, AU, "7.4", "ruimte", []),
    ("woonvisie", "Woonvisie", P, AU, "8.3", "ruimte", []),
    ("economische-visie", "Economische visie en ondernemersdienstverlening", P, AU, "3.1", "ruimte", []),
    (
        "standplaatsvergunning",
        "Standplaats- en marktvergunning",
        D,
        AU,
        "3.3",
        "vergunning",
        [("Besluit", "4", "weken")],
    ),
    ("groenbeheerplan", "Groenbeheerplan", P, AU, "5.7", "buiten", []),
    (
        "speelvoorzieningen",
        "Beheer speelvoorzieningen",
        D,
        AU,
        "5.7",
        "buiten",
        [("Melding gevaarlijke situatie opgelost", "1", "werkdagen")],
    ),
    ("accommodatiebeleid", "Accommodatiebeleid (dorpshuizen en sporthallen)", P, AU, "5.2", "sport", []),
    (
        "klantcontact",
        "Klantcontact (telefoon, chat en e-mail)",
        D,
        AU,
        "0.2",
        "klant",
        [("Telefoon opgenomen binnen 30 seconden", "80", "procent"), ("E-mail beantwoord", "2", "werkdagen")],
    ),
    (
        "communicatie",
        "Communicatie en website",
        D,
        AU,
        "0.1",
        "juridisch",
        [("Webcare-vraag beantwoord", "1", "werkdagen")],
    ),
    ("personeelsbeleid", "Strategisch personeelsbeleid", PR, AU, "0.4", "hr", []),
    (
        "salarisadministratie",
        "Salarisadministratie",
        D,
        AU,
        "0.4",
        "hr",
        [("Salaris op tijd uitbetaald", "100", "procent")],
    ),
    (
        "ict-werkplek",
        "ICT-werkplek en informatievoorziening",
        D,
        AU,
        "0.4",
        "ict",
        [("Beschikbaarheid kernapplicaties", "99.5", "procent"), ("Storing opgelost", "1", "werkdagen")],
    ),
    ("inkoopbeleid", "Inkoop- en aanbestedingsbeleid", P, AU, "0.4", "financien", []),
]

# werkterrein → (taakgebied keywords, owning unit code per cooperation)
WERKTERREINEN: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "publiek": (
        ("publiek", "dienstverlening", "burgerzaken"),
        {"bel": "publiekszaken", "gtb": "balie-ten-boer", "kempen": "burgerzaken"},
    ),
    "klant": (
        ("publiek", "dienstverlening", "klant"),
        {"bel": "klantcontact", "gtb": "balie-ten-boer", "kempen": "burgerzaken"},
    ),
    "belasting": (("belasting", "financ"), {"bel": "belastingen", "gtb": "belastingen", "kempen": "woz"}),
    "vergunning": (
        ("fysiek", "vergunning", "omgeving"),
        {"bel": "vergunningen", "gtb": "vth", "kempen": "omgeving"},
    ),
    "ruimte": (
        ("fysiek", "ruimt", "omgeving"),
        {"bel": "ruimtelijke-ontwikkeling", "gtb": "gebiedsteam", "kempen": "omgeving"},
    ),
    "buiten": (
        ("openbare", "fysiek", "beheer"),
        {"bel": "openbare-ruimte", "gtb": "wijkbeheer", "kempen": "omgeving"},
    ),
    "sport": (("sociaal", "sport", "cultuur"), {"bel": "sport", "gtb": "gebiedsteam", "kempen": "omgeving"}),
    "werk": (
        ("sociaal", "werk", "inkomen"),
        {"bel": "werk-inkomen", "gtb": "werk-inkomen", "kempen": "werk-inkomen"},
    ),
    "zorg": (
        ("sociaal", "zorg", "wmo"),
        {"bel": "maatschappelijke-zaken", "gtb": "wij-team", "kempen": "wmo-jeugd"},
    ),
    "onderwijs": (("sociaal", "onderwijs"), {"bel": "mdt-school", "gtb": "wij-team", "kempen": "wmo-jeugd"}),
    "financien": (("financ",), {"bel": "financien", "gtb": "financien", "kempen": "financien"}),
    "hr": (("hr", "personeel", "p&o"), {"bel": "hr", "gtb": "hr", "kempen": "hr"}),
    "ict": (("ict", "informatie"), {"bel": "ict", "gtb": "ict", "kempen": "informatiebeheer"}),
    "juridisch": (
        ("juridisch", "bedrijfsvoering", "bestuur"),
        {"bel": "jz-communicatie", "gtb": "concernstaf", "kempen": "hr"},
    ),
}


def _taakgebied(taakgebieden: dict[str, Taakgebied], keywords: tuple[str, ...]) -> Taakgebied | None:
    """The taakgebied whose code or name matches the first keyword that matches any."""
    for keyword in keywords:
        for code, tg in taakgebieden.items():
            if keyword in code.lower() or keyword in tg.naam.lower():
                return tg
    return None


def build(ctx: DemoContext) -> None:
    verbanden = ctx.data.get("verbanden", {})
    eenheden: dict[str, dict[str, Eenheid]] = ctx.data.get("eenheden", {})
    if not eenheden:
        ctx.log("demo: catalogus overgeslagen (geen eenheden)")
        return
    taakvelden = {t.code: t for t in Taakveld.objects.all()}
    taakgebieden: dict[str, Taakgebied] = ctx.data.get("taakgebieden") or {
        t.code: t for t in Taakgebied.objects.all()
    }
    catalogus: dict[str, dict[str, Catalogusitem]] = ctx.data.setdefault("catalogus", {})
    for key, units in eenheden.items():
        sv = verbanden[key]
        items: list[Catalogusitem] = []
        normen: list[tuple[int, list[tuple[str, str, str]]]] = []
        for code, naam, soort, taaksoort, taakveld, werkterrein, item_normen in ITEMS:
            keywords, owners = WERKTERREINEN[werkterrein]
            items.append(
                Catalogusitem(
                    samenwerkingsverband=sv,
                    code=code,
                    naam=naam,
                    soort=soort,
                    taaksoort=taaksoort,
                    eenheid=units[owners[key]],
                    taakveld=taakvelden[taakveld],
                    taakgebied=_taakgebied(taakgebieden, keywords),
                    omschrijving=_omschrijving(naam, taaksoort),
                )
            )
            normen.append((len(items) - 1, item_normen))
        Catalogusitem.objects.bulk_create(items)
        Norm.objects.bulk_create(
            Norm(catalogusitem=items[i], omschrijving=o, waarde=Decimal(w), eenheid=e)
            for i, ns in normen
            for o, w, e in ns
        )
        catalogus[key] = {item.code: item for item in items}
        ctx.log(f"demo: {sv.naam}: {len(items)} catalogusitems")


def _omschrijving(naam: str, taaksoort: str) -> str:
    extra: dict[str, Any] = {
        MM: "De wetgever bepaalt het product; de werkorganisatie levert het voor alle deelnemers gelijk.",
        NM: "Rijkstaak met lokale speelruimte; deelnemers kunnen binnen de rijksregels eigen accenten vragen.",
        AU: "Eigen taak van de gemeente; elke deelnemer kan een eigen variant opdragen.",
    }
    return f"{naam}. {extra[taaksoort]}"
