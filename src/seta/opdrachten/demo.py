"""Demo step: a realistic history of bestuursopdrachten, bestuursvragen and overleggen.

Every assignment walks the lifecycle table (``lifecycle.OVERGANGEN``) from concept to its present
state; the history rows are generated from that walk (every step is checked against the table) and
written in bulk, so the step stays fast. Groningen – Ten Boer's assignments date from 2009–2018 (the
cooperation ended with the 2019 merger); BEL's and the Kempen's lie around the demo's reference date.

The named demo people see meaningful data: wethouder.blaricum has assignments in his portfolios and
questions waiting; regisseur.eemnes sees a pipeline with deadlines at risk; teamleider.bel has an
intake queue; medewerker.bel has work to report progress on.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from seta.autorisaties.policy.opdrachten import raad_mag_lezen
from seta.catalogus.models import Catalogusitem
from seta.demo.builder import DemoContext
from seta.gemeenten.models import Functie, Functionaris, Gemeente, Portefeuille
from seta.opdrachten import lifecycle as lc
from seta.opdrachten.models import (
    Agendapunt,
    Besluit,
    Bestuursopdracht,
    Bestuursvraag,
    GerichtAan,
    Initiatief,
    Mijlpaal,
    Opdrachtgever,
    Overleg,
    Overlegsoort,
    Prioriteit,
    Rag,
    Soortwijziging,
    Statusovergang,
    Vertrouwelijkheid,
    Voortgangsrapportage,
    Vraagstatus,
    Wijzigingsstatus,
    Wijzigingsverzoek,
)
from seta.organisatie.models import Eenheid, Medewerker, Positie
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

TZ = ZoneInfo("Europe/Amsterdam")

# catalogue item → the portfolio it falls under
PORTEFEUILLE_VAN: dict[str, str] = {
    **dict.fromkeys(
        (
            "wmo-maatwerk",
            "jeugdhulp",
            "bijstand",
            "bijzondere-bijstand",
            "schuldhulp",
            "reintegratie",
            "inburgering",
            "subsidieregeling",
        ),
        "Sociaal domein",
    ),
    **dict.fromkeys(("leerplicht", "leerlingenvervoer"), "Onderwijs"),
    **dict.fromkeys(
        ("toeristisch-plan", "economische-visie", "standplaatsvergunning"), "Economie en toerisme"
    ),
    "verkeersveiligheidsplan": "Verkeer en vervoer",
    **dict.fromkeys(
        ("sportnota", "cultuurnota", "accommodatiebeleid", "speelvoorzieningen"), "Sport en cultuur"
    ),
    **dict.fromkeys(
        ("duurzaamheidsagenda", "afvalinzameling", "rioleringsplan", "groenbeheerplan"),
        "Duurzaamheid en klimaat",
    ),
    "woonvisie": "Wonen",
    **dict.fromkeys(("omgevingsplan", "handhaving-bouwen", "participatietraject"), "Ruimtelijke ordening"),
    **dict.fromkeys(("programmabegroting", "jaarrekening", "kwijtschelding", "inkoopbeleid"), "Financiën"),
    **dict.fromkeys(
        ("personeelsbeleid", "ict-werkplek", "klantcontact", "communicatie", "klachten", "woo-verzoek"),
        "Bedrijfsvoering",
    ),
    "evenementenvergunning": "Openbare orde en veiligheid",
}

TITELS: dict[str, list[str]] = {
    "wmo-maatwerk": ["Herijking Wmo-beleid", "Pilot algemene voorziening huishoudelijke hulp"],
    "jeugdhulp": ["Preventieve jeugdhulp op school", "Inkoop jeugdhulp herzien"],
    "bijstand": ["Uitvoeringsplan Participatiewet", "Handhavingsbeleid bijstand"],
    "bijzondere-bijstand": ["Minimabeleid en energietoeslag", "Beleidsregels bijzondere bijstand"],
    "schuldhulp": ["Vroegsignalering schulden", "Beleidsplan schuldhulpverlening"],
    "reintegratie": ["Werkgeversdienstverlening", "Beschut werk en garantiebanen"],
    "inburgering": ["Uitvoering Wet inburgering", "Huisvesting statushouders"],
    "subsidieregeling": ["Subsidieregeling welzijn", "Herijking subsidies verenigingen"],
    "leerplicht": ["Aanpak thuiszitters", "Leerplichtverslag"],
    "leerlingenvervoer": ["Aanbesteding leerlingenvervoer", "Beleidsregels leerlingenvervoer"],
    "toeristisch-plan": ["Toeristisch-recreatief plan", "Toeristische visie"],
    "economische-visie": ["Economische visie", "Ondernemersloket en bedrijventerrein"],
    "standplaatsvergunning": ["Markt- en standplaatsenbeleid"],
    "verkeersveiligheidsplan": ["Verkeersveiligheidsplan", "Fietsroutes naar school"],
    "sportnota": ["Sportnota", "Sportakkoord lokaal"],
    "cultuurnota": ["Cultuurnota", "Erfgoedvisie"],
    "accommodatiebeleid": ["Accommodatiebeleid dorpshuizen", "Toekomst sporthal"],
    "speelvoorzieningen": ["Speelruimteplan"],
    "duurzaamheidsagenda": ["Transitievisie warmte", "Klimaatadaptatie en hittestress"],
    "afvalinzameling": ["Afvalbeleidsplan (omgekeerd inzamelen)"],
    "rioleringsplan": ["Gemeentelijk rioleringsplan"],
    "groenbeheerplan": ["Groenbeheerplan en bomenbeleid"],
    "woonvisie": ["Woonvisie", "Woningbouwprogramma starters"],
    "omgevingsplan": ["Omgevingsplan, eerste tranche", "Omgevingsvisie"],
    "handhaving-bouwen": ["Handhavingsuitvoeringsprogramma"],
    "participatietraject": ["Participatie dorpsvisie", "Participatiebeleid Omgevingswet"],
    "programmabegroting": ["Programmabegroting", "Kadernota"],
    "jaarrekening": ["Jaarstukken"],
    "kwijtschelding": ["Kwijtscheldingsbeleid"],
    "inkoopbeleid": ["Inkoop- en aanbestedingsbeleid", "Social return bij inkoop"],
    "personeelsbeleid": ["Strategische personeelsplanning"],
    "ict-werkplek": ["Informatiebeveiligingsplan", "Digitaliseringsagenda"],
    "klantcontact": ["Dienstverleningsvisie", "Klantcontact op afspraak"],
    "communicatie": ["Nieuwe gemeentelijke website", "Communicatievisie"],
    "klachten": ["Klachtenregeling"],
    "woo-verzoek": ["Actieve openbaarmaking (Woo)"],
    "evenementenvergunning": ["Evenementenbeleid"],
}

# Relative weights of the present states of running cooperations (Groningen – Ten Boer has only closed ones).
STATEN_LOPEND: list[tuple[str, int]] = [
    (lc.CONCEPT, 8),
    (lc.OPGEDRAGEN, 6),
    (lc.INTAKE, 7),
    (lc.AKKOORD, 5),
    (lc.IN_UITVOERING, 18),
    (lc.OPGELEVERD, 6),
    (lc.VASTGESTELD, 22),
    (lc.TERUG, 3),
    (lc.AANGEHOUDEN, 3),
    (lc.GEANNULEERD, 4),
]
STATEN_HISTORISCH: list[tuple[str, int]] = [(lc.VASTGESTELD, 22), (lc.GEANNULEERD, 3)]

# Days between steps (min, max)
DUUR: dict[str, tuple[int, int]] = {
    "aanmaken": (0, 0),
    "opdragen": (7, 35),
    "intake": (2, 10),
    "ramen": (5, 20),
    "akkoord": (7, 28),
    "starten": (3, 14),
    "voortgang": (21, 45),
    "opleveren": (10, 30),
    "vaststellen": (14, 42),
    "terugsturen": (7, 21),
    "herstarten": (3, 10),
    "aanhouden": (10, 40),
    "hervatten": (20, 60),
    "annuleren": (10, 60),
}

REDENEN: dict[str, list[str]] = {
    "opdragen": ["Conform collegebesluit.", "Opdracht verleend in het portefeuillehoudersoverleg.", ""],
    "intake": ["Intake ingepland met de beleidsregisseur.", ""],
    "ramen": [
        "Raming op basis van vergelijkbare opdrachten.",
        "Inclusief externe expertise voor participatie.",
    ],
    "akkoord": ["Akkoord met de raming.", "Akkoord; graag tussentijds rapporteren.", ""],
    "starten": ["Projectteam samengesteld.", ""],
    "voortgang": [
        "Loopt volgens planning.",
        "Eerste concept besproken met de regisseur.",
        "Participatieavond gehouden.",
        "Capaciteit onder druk door ziekte.",
        "Afhankelijk van aanlevering door externe partij.",
    ],
    "opleveren": ["Eindproduct aangeboden aan het college.", "Opgeleverd met advies over vervolg."],
    "vaststellen": ["Vastgesteld in de collegevergadering.", "Vastgesteld en ter kennisname aan de raad."],
    "terugsturen": [
        "De politieke wensen uit het inhoudelijk kader zijn onvoldoende verwerkt.",
        "Graag een scherpere financiële paragraaf.",
    ],
    "herstarten": ["Herstel ingepland."],
    "aanhouden": ["Aangehouden in afwachting van de kadernota.", "Aangehouden tot na het raadsdebat."],
    "hervatten": ["Kaders zijn nu helder; hervat."],
    "annuleren": [
        "Prioriteit vervallen na de kadernota.",
        "Opgegaan in een regionale aanpak.",
        "Niet meer nodig door nieuwe rijksregelgeving.",
    ],
}


#: The legal basis of the deadline of assignments on these medebewind items (shown on the assignment, and a hard
#: constraint in the capacity planning).
WETTELIJKE_TERMIJNEN: dict[str, str] = {
    "woo-verzoek": "Woo art. 4.4: besluit binnen vier weken, eenmaal te verdagen met twee weken",
    "programmabegroting": "Gemeentewet art. 191: de begroting vóór 15 november aan Gedeputeerde Staten",
    "handhaving-bouwen": "Awb art. 4:13: besluit op een verzoek om handhaving binnen acht weken",
}


@dataclass
class Spec:
    sv: str
    gemeenten: list[str]
    item: str
    doel: str
    titel: str = ""
    vertrouwelijk: bool = False
    initiatief: str = Initiatief.GEMEENTE
    deadline_over: int | None = None  # days after the reference date (running ones)
    eenheid: str | None = None
    deelbesluit: bool = False  # a joint one where the first partner has already decided


@dataclass
class Mensen:
    """Who acts in the demo history, per cooperation."""

    portefeuilles: dict[tuple[int, str], Portefeuille] = field(default_factory=dict)
    houders: dict[int, Functionaris] = field(default_factory=dict)  # portefeuille id → holder
    burgemeesters: dict[int, Functionaris] = field(default_factory=dict)
    regisseurs: dict[int, list[Functionaris]] = field(default_factory=dict)
    griffiers: dict[int, Functionaris] = field(default_factory=dict)
    teamleiders: dict[int, Medewerker] = field(default_factory=dict)  # eenheid id → (nearest) teamleider
    medewerkers: dict[int, list[Medewerker]] = field(default_factory=dict)
    directeur: dict[int, Medewerker] = field(default_factory=dict)  # sv id → directeur


def _scripted() -> list[Spec]:
    """Assignments the named demo people need to see, plus the seed's examples."""
    return [
        # wethouder.blaricum (Sociaal domein, Onderwijs, Financiën, Duurzaamheid, Sport): his portfolio
        Spec("bel", ["blaricum"], "sportnota", lc.INTAKE, "Sportnota Blaricum 2027–2030", deadline_over=150),
        Spec(
            "bel",
            ["blaricum"],
            "schuldhulp",
            lc.IN_UITVOERING,
            "Vroegsignalering schulden Blaricum",
            deadline_over=20,
            eenheid="werk-inkomen",
        ),
        Spec(
            "bel",
            ["blaricum"],
            "duurzaamheidsagenda",
            lc.OPGELEVERD,
            "Transitievisie warmte Blaricum",
            deadline_over=10,
        ),
        Spec(
            "bel", ["blaricum"], "leerplicht", lc.CONCEPT, "Aanpak thuiszitters Blaricum", deadline_over=200
        ),
        Spec(
            "bel",
            ["blaricum"],
            "jeugdhulp",
            lc.IN_UITVOERING,
            "Preventieve jeugdhulp op school Blaricum",
            vertrouwelijk=True,
            deadline_over=90,
        ),
        # the seed's tourism plans: a green one for Blaricum, a red one for Laren (harmonisation!)
        Spec(
            "bel",
            ["blaricum"],
            "toeristisch-plan",
            lc.AKKOORD,
            "Toeristisch-recreatief plan Blaricum (groen)",
            deadline_over=240,
        ),
        Spec(
            "bel",
            ["laren"],
            "toeristisch-plan",
            lc.INTAKE,
            "Toeristisch-recreatief plan Laren (rode rand)",
            deadline_over=270,
        ),
        Spec(
            "bel",
            ["eemnes"],
            "toeristisch-plan",
            lc.CONCEPT,
            "Toeristische visie Eemnes",
            initiatief=Initiatief.POOL,
            deadline_over=300,
        ),
        # joint BEL assignments (one product for several partners)
        Spec(
            "bel",
            ["blaricum", "eemnes", "laren"],
            "inkoopbeleid",
            lc.IN_UITVOERING,
            "Gezamenlijk inkoop- en aanbestedingsbeleid BEL",
            deadline_over=60,
        ),
        Spec(
            "bel",
            ["blaricum", "laren"],
            "bijzondere-bijstand",
            lc.INTAKE,
            "Gezamenlijk minimabeleid Blaricum en Laren",
            deadline_over=120,
            deelbesluit=True,
            eenheid="werk-inkomen",
        ),
        Spec(
            "bel",
            ["eemnes", "laren"],
            "woonvisie",
            lc.OPGELEVERD,
            "Regionale woonvisie Eemnes en Laren",
            deadline_over=15,
            deelbesluit=True,
        ),
        Spec(
            "bel",
            ["blaricum", "eemnes", "laren"],
            "ict-werkplek",
            lc.VASTGESTELD,
            "Informatiebeveiligingsplan BEL",
        ),
        Spec(
            "bel",
            ["blaricum", "eemnes"],
            "verkeersveiligheidsplan",
            lc.OPGEDRAGEN,
            "Verkeersveiligheid N525 Blaricum–Eemnes",
            deadline_over=180,
        ),
        Spec(
            "bel",
            ["blaricum", "laren"],
            "participatietraject",
            lc.GEANNULEERD,
            "Participatie dorpsvisie Blaricum en Laren",
        ),
        # regisseur.eemnes: a pipeline with deadlines at risk
        Spec(
            "bel",
            ["eemnes"],
            "woonvisie",
            lc.IN_UITVOERING,
            "Woningbouwprogramma starters Eemnes",
            deadline_over=12,
        ),
        Spec(
            "bel",
            ["eemnes"],
            "afvalinzameling",
            lc.IN_UITVOERING,
            "Afvalbeleidsplan Eemnes",
            deadline_over=-5,
        ),
        Spec("bel", ["eemnes"], "wmo-maatwerk", lc.INTAKE, "Herijking Wmo-beleid Eemnes", deadline_over=25),
        Spec(
            "bel",
            ["eemnes"],
            "economische-visie",
            lc.AANGEHOUDEN,
            "Economische visie Eemnes",
            deadline_over=40,
        ),
        # teamleider.bel's intake queue (Eenheid Sociaal domein) and medewerker.bel's work (Werk en Inkomen)
        Spec(
            "bel",
            ["laren"],
            "bijstand",
            lc.OPGEDRAGEN,
            "Handhavingsbeleid bijstand Laren",
            deadline_over=160,
            eenheid="werk-inkomen",
        ),
        Spec(
            "bel",
            ["eemnes"],
            "reintegratie",
            lc.OPGEDRAGEN,
            "Werkgeversdienstverlening Eemnes",
            deadline_over=140,
            eenheid="werk-inkomen",
        ),
        Spec(
            "bel",
            ["blaricum"],
            "wmo-maatwerk",
            lc.OPGEDRAGEN,
            "Pilot algemene voorziening huishoudelijke hulp Blaricum",
            deadline_over=200,
        ),
        Spec(
            "bel",
            ["laren"],
            "inburgering",
            lc.IN_UITVOERING,
            "Huisvesting statushouders Laren",
            deadline_over=75,
            eenheid="werk-inkomen",
        ),
        Spec(
            "bel",
            ["blaricum"],
            "reintegratie",
            lc.TERUG,
            "Beschut werk en garantiebanen Blaricum",
            deadline_over=30,
            eenheid="werk-inkomen",
        ),
        # Kempen: joint ones and a confidential one
        Spec(
            "kempen",
            ["bergeijk", "bladel", "eersel", "oirschot", "reusel-de-mierden"],
            "ict-werkplek",
            lc.IN_UITVOERING,
            "Digitaliseringsagenda Kempengemeenten",
            deadline_over=110,
        ),
        Spec(
            "kempen",
            ["bladel", "eersel"],
            "toeristisch-plan",
            lc.AKKOORD,
            "Toeristische visie De Kempen (Bladel en Eersel)",
            deadline_over=200,
        ),
        Spec(
            "kempen",
            ["bergeijk"],
            "toeristisch-plan",
            lc.INTAKE,
            "Toeristisch-recreatief plan Bergeijk",
            deadline_over=230,
        ),
        Spec(
            "kempen",
            ["oirschot"],
            "jeugdhulp",
            lc.IN_UITVOERING,
            "Inkoop jeugdhulp herzien Oirschot",
            vertrouwelijk=True,
            deadline_over=45,
        ),
        Spec(
            "kempen",
            ["eersel", "reusel-de-mierden"],
            "wmo-maatwerk",
            lc.INTAKE,
            "Gezamenlijk Wmo-beleid Eersel en Reusel",
            deadline_over=150,
            deelbesluit=True,
        ),
    ]


# --- harmonisation (issue 13): playground orders of two partners, a proposal's material (harmonisatie.demo_*) ----
SPEELPLEKKEN: list[Spec] = [
    Spec(
        "bel",
        ["blaricum"],
        "speelvoorzieningen",
        lc.OPGELEVERD,
        "Speelruimteplan Blaricum",
        deadline_over=10,
    ),
    Spec(
        "bel",
        ["eemnes"],
        "speelvoorzieningen",
        lc.IN_UITVOERING,
        "Speelplekken en trapveldjes Eemnes",
        deadline_over=120,
    ),
]
# --- end harmonisation -------------------------------------------------------------------------------------------


def _walk(rng: Any, doel: str) -> list[str]:
    """A plausible sequence of actions from concept to ``doel``, checked against the table."""
    vol = (
        ["opdragen", "intake", "ramen", "akkoord", "starten"]
        + ["voortgang"] * rng.randint(1, 4)
        + ["opleveren"]
    )
    if doel == lc.CONCEPT:
        acties: list[str] = []
    elif doel == lc.OPGEDRAGEN:
        acties = ["opdragen"]
    elif doel == lc.INTAKE:
        acties = ["opdragen", "intake"] + (["ramen"] if rng.random() < 0.6 else [])
    elif doel == lc.AKKOORD:
        acties = ["opdragen", "intake", "ramen", "akkoord"]
    elif doel == lc.IN_UITVOERING:
        acties = vol[:-1]
        if rng.random() < 0.15:
            acties[5:5] = ["aanhouden", "hervatten"]
    elif doel == lc.OPGELEVERD:
        acties = vol
    elif doel == lc.TERUG:
        acties = [*vol, "terugsturen"]
    elif doel == lc.VASTGESTELD:
        acties = (
            [*vol, "terugsturen", "herstarten", "voortgang", "opleveren", "vaststellen"]
            if rng.random() < 0.15
            else [*vol, "vaststellen"]
        )
    elif doel == lc.AANGEHOUDEN:
        acties = [*_walk(rng, rng.choice([lc.OPGEDRAGEN, lc.INTAKE, lc.IN_UITVOERING])), "aanhouden"]
    elif doel == lc.GEANNULEERD:
        acties = [
            *_walk(rng, rng.choice([lc.CONCEPT, lc.OPGEDRAGEN, lc.INTAKE, lc.AKKOORD, lc.IN_UITVOERING])),
            "annuleren",
        ]
    else:  # pragma: no cover - every state is covered above
        raise ValueError(doel)
    return acties


def _check(acties: list[str]) -> str:
    status, voor = lc.CONCEPT, ""
    for actie in acties:
        rij = lc.overgang(status, actie, naar=voor if actie == "hervatten" else None)
        if rij is None:
            raise AssertionError(f"demo path breaks the lifecycle table: {status} --{actie}-->")
        voor = status if actie == "aanhouden" else voor
        status = rij.naar
    return status


def _mensen(verbanden: dict[str, Samenwerkingsverband]) -> Mensen:
    m = Mensen()
    for p in Portefeuille.objects.all():
        m.portefeuilles[(p.gemeente_id, p.naam)] = p
    for f in (
        Functionaris.objects.filter(einddatum__isnull=True).prefetch_related("portefeuilles").order_by("pk")
    ):
        if f.functie == Functie.WETHOUDER or f.functie == Functie.BURGEMEESTER:
            for p in f.portefeuilles.all():
                m.houders.setdefault(p.pk, f)
        if f.functie == Functie.BURGEMEESTER:
            m.burgemeesters.setdefault(f.gemeente_id, f)
        elif f.functie == Functie.BELEIDSREGISSEUR:
            m.regisseurs.setdefault(f.gemeente_id, []).append(f)
        elif f.functie == Functie.GRIFFIER:
            m.griffiers.setdefault(f.gemeente_id, f)
    sv_ids = [sv.pk for sv in verbanden.values()]
    eenheden = {e.pk: e for e in Eenheid.objects.filter(samenwerkingsverband_id__in=sv_ids)}
    staf = list(
        Medewerker.objects.filter(samenwerkingsverband_id__in=sv_ids, uit_dienst__isnull=True).order_by(
            "-gebruiker_id", "pk"
        )
    )
    leiders: dict[int, Medewerker] = {}
    for mw in staf:
        if mw.positie == Positie.TEAMLEIDER:
            leiders.setdefault(mw.eenheid_id, mw)
        elif mw.positie == Positie.DIRECTEUR:
            m.directeur.setdefault(mw.samenwerkingsverband_id, mw)
        elif mw.positie == Positie.MEDEWERKER:
            m.medewerkers.setdefault(mw.eenheid_id, []).append(mw)
    for eid, e in eenheden.items():
        cur: Eenheid | None = e
        while cur is not None and cur.pk not in leiders:
            cur = eenheden.get(cur.bovenliggend_id) if cur.bovenliggend_id else None
        if cur is not None:
            m.teamleiders[eid] = leiders[cur.pk]
    return m


def _ts(datum: dt.date, uur: int = 10) -> dt.datetime:
    return dt.datetime.combine(datum, dt.time(uur, 0), tzinfo=TZ)


class Bouwer:
    def __init__(self, ctx: DemoContext, mensen: Mensen) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.m = mensen
        self.opdrachten: list[Bestuursopdracht] = []
        self.opdrachtgevers: list[list[Opdrachtgever]] = []
        self.rijen: list[list[Statusovergang]] = []
        self.voortgang: list[list[Voortgangsrapportage]] = []
        self.mijlpalen: list[list[Mijlpaal]] = []
        self.specs: list[Spec] = []
        self.nummers: dict[str, int] = defaultdict(int)

    def _nummer(self, sv: Samenwerkingsverband, jaar: int) -> str:
        prefix = f"{(sv.afkorting or sv.slug).upper()}-{jaar}"
        self.nummers[prefix] += 1
        return f"{prefix}-{self.nummers[prefix]:03d}"

    def _college(self, og: Opdrachtgever) -> tuple[Any, str, str]:
        """(user id, name, role) of the college member deciding for this principal."""
        f = self.m.houders.get(og.portefeuille_id) or self.m.burgemeesters.get(og.gemeente_id)
        if f is None:
            return None, "college", "wethouder"
        return f.gebruiker_id, f.naam, f.functie

    def _pool(self, sv: Samenwerkingsverband, eenheid_id: int, actie: str) -> tuple[Any, str, str]:
        if actie == "voortgang":
            mws = self.m.medewerkers.get(eenheid_id) or []
            if mws:
                mw = mws[0] if self.rng.random() < 0.6 else self.rng.choice(mws)
                return mw.gebruiker_id, mw.naam, "medewerker"
        tl = self.m.teamleiders.get(eenheid_id)
        if tl is not None and (tl.positie == Positie.TEAMLEIDER) and self.rng.random() < 0.85:
            return tl.gebruiker_id, tl.naam, "teamleider"
        d = self.m.directeur.get(sv.pk)
        if d is not None:
            return d.gebruiker_id, d.naam, "directeur"
        return None, "werkorganisatie", "directeur"

    def opdracht(
        self,
        spec: Spec,
        sv: Samenwerkingsverband,
        gemeenten: list[Gemeente],
        item: Catalogusitem,
        eenheid: Eenheid,
        einde: dt.date,
        peildatum: dt.date,
        historisch: bool,
    ) -> None:
        rng = self.rng
        acties = _walk(rng, spec.doel)
        assert _check(acties) == spec.doel
        # Lay the steps out backwards from ``einde`` (the last step's date).
        gaps = [rng.randint(*DUUR[a]) for a in acties]
        begin = einde - dt.timedelta(days=sum(gaps) + rng.randint(0, 20))
        pf_naam = PORTEFEUILLE_VAN.get(item.code, "Bedrijfsvoering")
        ogs = []
        for g in gemeenten:
            pf = self.m.portefeuilles.get((g.pk, pf_naam)) or self.m.portefeuilles.get(
                (g.pk, "Bedrijfsvoering")
            )
            regs: list[Functionaris | None] = [*self.m.regisseurs.get(g.pk, [])] or [None]
            ogs.append(
                Opdrachtgever(
                    gemeente=g, portefeuille=pf, beleidsregisseur=regs[len(self.opdrachten) % len(regs)]
                )
            )
        label = " en ".join(g.naam for g in gemeenten) if len(gemeenten) < 3 else sv.afkorting or sv.naam
        titel = spec.titel or f"{rng.choice(TITELS.get(item.code, [item.naam]))} {label}"
        if spec.deadline_over is not None and not historisch:
            deadline = peildatum + dt.timedelta(days=spec.deadline_over)
        elif spec.doel in lc.EINDSTATUSSEN or spec.doel == lc.OPGELEVERD or historisch:
            deadline = einde + dt.timedelta(days=rng.randint(-30, 45))
        else:
            deadline = peildatum + dt.timedelta(days=rng.randint(20, 300))
        uren = Decimal(rng.choice([80, 120, 160, 240, 320, 400, 600, 800]))
        opdracht = Bestuursopdracht(
            nummer=self._nummer(sv, begin.year),
            titel=titel[:200],
            samenwerkingsverband=sv,
            catalogusitem=item,
            eenheid=eenheid,
            status=lc.CONCEPT,
            initiatief=spec.initiatief,
            vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK
            if spec.vertrouwelijk
            else Vertrouwelijkheid.OPENBAAR,
            deadline=deadline,
            participatie_gewenst=item.taaksoort == "autonoom" and rng.random() < 0.5,
            # statutory terms (medebewind): the planning treats their deadline as a hard constraint
            wettelijke_termijn=WETTELIJKE_TERMIJNEN.get(item.code, "")
            if "medebewind" in item.taaksoort
            else "",
            doelen=f"{item.naam}: een actueel en uitvoerbaar product dat past bij het coalitieakkoord van {label}.",
            politieke_wensen=rng.choice(
                [
                    "Groen accent: duurzaamheid en natuur voorop.",
                    "Sociaal accent: niemand mag tussen wal en schip vallen.",
                    "Zuinig: binnen de bestaande middelen.",
                    "Ondernemersvriendelijk en met weinig regels.",
                    "",
                ]
            ),
            scope=f"Het grondgebied van {label}; bestaand beleid wordt geëvalueerd en waar nodig herzien.",
            buiten_scope="Wijzigingen in de gemeentelijke organisatie.",
            doelgroep=rng.choice(
                ["Alle inwoners", "Ondernemers", "Jongeren en ouders", "Ouderen", "Verenigingen", ""]
            ),
            prioriteit=rng.choice([Prioriteit.HOOG, Prioriteit.NORMAAL, Prioriteit.NORMAAL, Prioriteit.LAAG]),
            dienstverleningskader=rng.choice(
                [
                    "Informatie vindbaar op de website en aan de balie.",
                    "Eén aanspreekpunt per inwoner.",
                    "",
                ]
            ),
            max_uren=uren * Decimal("1.2"),
            max_euro=Decimal(rng.choice([0, 5000, 15000, 25000, 40000, 75000])),
            raadsbesluit_kenmerk=f"RB {begin.year}-{rng.randint(10, 99)}" if rng.random() < 0.3 else "",
            versie=1,
        )
        if opdracht.participatie_gewenst:
            opdracht.participatie_toelichting = "Inwonersavonden en een digitale enquête."
        if opdracht.raadsbesluit_kenmerk:
            opdracht.raadsbesluit_datum = begin - dt.timedelta(days=rng.randint(20, 120))
        rijen: list[Statusovergang] = []
        rapporten: list[Voortgangsrapportage] = []
        eerste = ogs[0]
        if spec.initiatief == Initiatief.POOL:
            uid, naam, rol = self._pool(sv, eenheid.pk, "aanmaken")
            kant = "pool"
        else:
            reg = eerste.beleidsregisseur
            uid, naam, rol = (
                (reg.gebruiker_id, reg.naam, "beleidsregisseur")
                if reg
                else (None, "gemeente", "beleidsregisseur")
            )
            kant = "gemeente"
        datum = begin
        rijen.append(
            Statusovergang(
                van="",
                naar=lc.CONCEPT,
                actie="aanmaken",
                actor_id=uid,
                actor_naam=naam,
                rol=rol,
                kant=kant,
                tijdstip=_ts(datum, 9),
            )
        )
        status, voor = lc.CONCEPT, ""
        pct = 0
        for actie, gap in zip(acties, gaps, strict=True):
            datum = datum + dt.timedelta(days=gap)
            rij = lc.overgang(status, actie, naar=voor if actie == "hervatten" else None)
            assert rij is not None
            reden = rng.choice(REDENEN[actie])
            if rij.kant == "gemeente":
                beslissers = ogs if rij.gezamenlijk else [ogs[rng.randrange(len(ogs))]]
                if actie == "annuleren" and len(ogs) > 1:
                    beslissers = ogs  # everyone withdraws: the last one cancels
                for i, og in enumerate(beslissers[:-1]):
                    uid, naam, rol = self._college(og)
                    rijen.append(
                        Statusovergang(
                            van=status,
                            naar=status,
                            actie=actie,
                            actor_id=uid,
                            actor_naam=naam,
                            rol=rol,
                            kant="gemeente",
                            gemeente=og.gemeente,
                            reden=reden,
                            deelbesluit=True,
                            tijdstip=_ts(datum - dt.timedelta(days=len(beslissers) - 1 - i), 11),
                        )
                    )
                uid, naam, rol = self._college(beslissers[-1])
                gemeente = beslissers[-1].gemeente
            else:
                uid, naam, rol = self._pool(sv, eenheid.pk, actie)
                gemeente = None
            if actie == "voortgang":
                pct = min(95, pct + rng.randint(15, 35))
                kleur = rng.choices([Rag.GROEN, Rag.ORANJE, Rag.ROOD], weights=[70, 22, 8])[0]
                rapporten.append(
                    Voortgangsrapportage(
                        datum=datum,
                        status=kleur,
                        percentage_gereed=pct,
                        toelichting=reden or "Loopt volgens planning.",
                        gerapporteerd_door_id=uid,
                    )
                )
                reden = reden or "Loopt volgens planning."
            elif actie == "ramen":
                opdracht.raming_uren = uren
                opdracht.raming_externe_kosten = Decimal(rng.choice([0, 0, 2500, 7500, 12000, 30000]))
                opdracht.raming_opleverdatum = deadline - dt.timedelta(days=rng.randint(-10, 40))
                opdracht.raming_toelichting = reden
            elif actie == "opdragen":
                opdracht.opgedragen_op = datum
            elif actie == "opleveren":
                opdracht.opgeleverd_op = datum
                pct = 100
            elif actie == "vaststellen":
                opdracht.vastgesteld_op = datum
                opdracht.naar_raad = rng.random() < 0.4
            if actie in lc.REDEN_VERPLICHT and not reden:
                reden = "Zie collegebesluit."
            rijen.append(
                Statusovergang(
                    van=status,
                    naar=rij.naar,
                    actie=actie,
                    actor_id=uid,
                    actor_naam=naam,
                    rol=rol,
                    kant=rij.kant,
                    gemeente=gemeente,
                    reden=reden,
                    tijdstip=_ts(datum, 14),
                )
            )
            voor = status if actie == "aanhouden" else ("" if actie == "hervatten" else voor)
            status = rij.naar
        opdracht.status = status
        opdracht.status_voor_aanhouden = voor if status == lc.AANGEHOUDEN else ""
        opdracht.versie = len(rijen)
        if (
            status in {lc.IN_UITVOERING, lc.OPGELEVERD, lc.TERUG}
            and rapporten
            and spec.deadline_over is not None
            and (spec.deadline_over < 30)
        ):
            rapporten[-1].status = Rag.ORANJE if spec.deadline_over > 0 else Rag.ROOD
            rapporten[-1].toelichting = "Deadline komt in gevaar: capaciteit in het team is krap."
        # A joint assignment where the first partner has already decided (waiting for the others).
        if spec.deelbesluit and len(ogs) > 1:
            pending = {lc.INTAKE: "akkoord", lc.OPGELEVERD: "vaststellen", lc.CONCEPT: "opdragen"}.get(status)
            if pending and (pending != "akkoord" or opdracht.raming_uren is not None):
                uid, naam, rol = self._college(ogs[0])
                ogs[0].instemming = pending
                ogs[0].ingestemd_op = _ts(datum + dt.timedelta(days=3), 11)
                rijen.append(
                    Statusovergang(
                        van=status,
                        naar=status,
                        actie=pending,
                        actor_id=uid,
                        actor_naam=naam,
                        rol=rol,
                        kant="gemeente",
                        gemeente=ogs[0].gemeente,
                        reden="Akkoord namens ons college.",
                        deelbesluit=True,
                        tijdstip=_ts(datum + dt.timedelta(days=3), 11),
                    )
                )
                opdracht.versie += 1
        if status == lc.GEANNULEERD and len(ogs) > 1:
            for og in ogs[:-1]:
                og.teruggetrokken_op = datum
        # The service asks the college to confirm an estimate above the frame; the demo's colleges agreed to
        # estimates within it (the external costs within the budget). Estimates still in intake may exceed it.
        if (
            any(r.actie in lc.OVERSCHRIJDING_BEVESTIGEN for r in rijen)
            and opdracht.max_euro is not None
            and (opdracht.raming_externe_kosten or 0) > opdracht.max_euro
        ):
            opdracht.max_euro = opdracht.raming_externe_kosten
        mijlpalen = [
            Mijlpaal(
                omschrijving="Startnotitie besproken",
                datum=begin + dt.timedelta(days=30),
                gereed=status != lc.CONCEPT,
            ),
            Mijlpaal(
                omschrijving="Concept gereed",
                datum=deadline - dt.timedelta(days=45),
                gereed=status in {lc.OPGELEVERD, lc.VASTGESTELD, lc.TERUG},
            ),
            Mijlpaal(omschrijving="Besluitvorming college", datum=deadline, gereed=status == lc.VASTGESTELD),
        ]
        self.opdrachten.append(opdracht)
        self.opdrachtgevers.append(ogs)
        self.rijen.append(rijen)
        self.voortgang.append(rapporten)
        self.mijlpalen.append(mijlpalen)
        self.specs.append(spec)

    def opslaan(self) -> None:
        Bestuursopdracht.objects.bulk_create(self.opdrachten)
        alle_og, alle_rij, alle_vg, alle_mp = [], [], [], []
        for o, ogs, rijen, vg, mp in zip(
            self.opdrachten, self.opdrachtgevers, self.rijen, self.voortgang, self.mijlpalen, strict=True
        ):
            for x in ogs:
                x.bestuursopdracht = o
            for r in rijen:
                r.bestuursopdracht = o
            for v in vg:
                v.bestuursopdracht = o
            for p in mp:
                p.bestuursopdracht = o
            alle_og += ogs
            alle_rij += rijen
            alle_vg += vg
            alle_mp += mp
        Opdrachtgever.objects.bulk_create(alle_og)
        Statusovergang.objects.bulk_create(alle_rij)
        Voortgangsrapportage.objects.bulk_create(alle_vg)
        Mijlpaal.objects.bulk_create(alle_mp)


def build(ctx: DemoContext) -> None:
    verbanden: dict[str, Samenwerkingsverband] = ctx.data.get("verbanden", {})
    catalogus: dict[str, dict[str, Catalogusitem]] = ctx.data.get("catalogus", {})
    gemeenten: dict[str, Gemeente] = ctx.data.get("gemeenten", {})
    eenheden: dict[str, dict[str, Eenheid]] = ctx.data.get("eenheden", {})
    if not verbanden or not catalogus:
        ctx.log("demo: opdrachten overgeslagen (geen samenwerkingsverbanden of catalogus)")
        return
    rng = ctx.rng
    peil = ctx.peildatum
    mensen = _mensen(verbanden)
    bouwer = Bouwer(ctx, mensen)
    partners = {
        key: [d.gemeente for d in sv.deelnemers.select_related("gemeente").order_by("gemeente__naam")]
        for key, sv in verbanden.items()
    }

    def maak(spec: Spec) -> None:
        sv = verbanden[spec.sv]
        items = catalogus[spec.sv]
        item = items[spec.item]
        eenheid = eenheden.get(spec.sv, {}).get(spec.eenheid or "") or item.eenheid
        gs = [gemeenten[s] for s in spec.gemeenten]
        if spec.sv == "gtb":
            einde = dt.date(rng.randint(2010, 2018), rng.randint(1, 11), rng.randint(1, 28))
            historisch = True
        else:
            historisch = False
            if spec.doel in {lc.VASTGESTELD, lc.GEANNULEERD}:
                einde = peil - dt.timedelta(days=rng.randint(20, 1400))
            else:
                einde = peil - dt.timedelta(days=rng.randint(1, 25))
        bouwer.opdracht(spec, sv, gs, item, eenheid, einde, peil, historisch)

    for spec in _scripted():
        if spec.sv in verbanden:
            maak(spec)

    commissionable = list(PORTEFEUILLE_VAN)
    aantallen = {"bel": 70, "kempen": 60, "gtb": 32}
    for key, aantal in aantallen.items():
        if key not in verbanden:
            continue
        ps = [p.slug for p in partners[key]]
        ps_gewogen = [s for s in ps for _ in range(4 if s == "ten-boer" else 1)] if key == "gtb" else ps
        staten = STATEN_HISTORISCH if key == "gtb" else STATEN_LOPEND
        doelen = [s for s, _ in staten]
        gewichten = [w for _, w in staten]
        for i in range(aantal):
            doel = doelen[i] if i < len(doelen) else rng.choices(doelen, gewichten)[0]
            code = rng.choice([c for c in commissionable if c in catalogus[key]])
            gs = [rng.choice(ps_gewogen)]
            if key != "gtb" and rng.random() < 0.1:
                gs = sorted(rng.sample(ps, rng.randint(2, min(3, len(ps)))))
            maak(
                Spec(
                    key,
                    gs,
                    code,
                    doel,
                    vertrouwelijk=rng.random() < 0.12,
                    initiatief=Initiatief.POOL if rng.random() < 0.08 else Initiatief.GEMEENTE,
                )
            )
    # --- harmonisation (issue 13): the BEL playground orders -------------------------------------------------
    # After the random ones and with their own random stream, so every other demo assignment keeps its number
    # and its history.
    if "bel" in verbanden and "speelvoorzieningen" in catalogus.get("bel", {}):
        eigen, vorige = random.Random(13), bouwer.rng
        bouwer.rng = eigen
        for spec in SPEELPLEKKEN:
            item = catalogus["bel"][spec.item]
            einde = peil - dt.timedelta(days=eigen.randint(1, 25))
            wie = [gemeenten[s] for s in spec.gemeenten]
            bouwer.opdracht(spec, verbanden["bel"], wie, item, item.eenheid, einde, peil, False)
        bouwer.rng = vorige
    # --- end harmonisation ---------------------------------------------------------------------------------------
    # Historical pool proposals in GTB need to have been adopted by the college: keep them; the walk did that.
    bouwer.opslaan()
    opdrachten = bouwer.opdrachten
    _wijzigingsverzoeken(ctx, bouwer)
    _vragen(ctx, bouwer, mensen, verbanden, gemeenten)
    _overleggen(ctx, bouwer, mensen, verbanden, gemeenten, catalogus)
    ctx.data["bestuursopdrachten"] = opdrachten
    ctx.log(f"  {len(opdrachten)} bestuursopdrachten, {sum(len(r) for r in bouwer.rijen)} statusovergangen")


def _wijzigingsverzoeken(ctx: DemoContext, bouwer: Bouwer) -> None:
    rng = ctx.rng
    verzoeken: list[Wijzigingsverzoek] = []
    goedkeuringen: list[tuple[int, list[int]]] = []
    for o, ogs, rijen in zip(bouwer.opdrachten, bouwer.opdrachtgevers, bouwer.rijen, strict=True):
        gestart = [r for r in rijen if r.actie == "starten"]
        if not gestart or (
            rng.random() > 0.25 and o.titel != "Gezamenlijk inkoop- en aanbestedingsbeleid BEL"
        ):
            continue
        datum = gestart[0].tijdstip + dt.timedelta(days=rng.randint(10, 40))
        soort = rng.choice(list(Soortwijziging.values))
        lopend = o.status in {lc.IN_UITVOERING, lc.AANGEHOUDEN, lc.TERUG}
        status = (
            Wijzigingsstatus.INGEDIEND
            if lopend and rng.random() < 0.5
            else rng.choice(
                [Wijzigingsstatus.GOEDGEKEURD, Wijzigingsstatus.GOEDGEKEURD, Wijzigingsstatus.AFGEWEZEN]
            )
        )
        v = Wijzigingsverzoek(
            bestuursopdracht=o,
            soort=soort,
            status=status,
            ingediend_op=datum,
            toelichting={
                "scope": "De doelgroep blijkt breder dan verwacht.",
                "deadline": "Afhankelijk van een extern onderzoek.",
                "budget": "Extra expertise nodig voor participatie.",
            }[soort],
            nieuwe_scope="Inclusief de kernen en het buitengebied." if soort == "scope" else "",
            nieuwe_deadline=o.deadline + dt.timedelta(days=60) if soort == "deadline" else None,
            nieuw_max_uren=(o.max_uren or Decimal(100)) + Decimal(80) if soort == "budget" else None,
            ingediend_door_id=rijen[-1].actor_id if rijen[-1].kant == "pool" else None,
        )
        if status != Wijzigingsstatus.INGEDIEND:
            v.afgehandeld_op = datum + dt.timedelta(days=rng.randint(7, 30))
            v.besluit_toelichting = (
                "Akkoord." if status == Wijzigingsstatus.GOEDGEKEURD else "Past niet binnen het budgetkader."
            )
        verzoeken.append(v)
        if status == Wijzigingsstatus.GOEDGEKEURD:
            goedkeuringen.append((len(verzoeken) - 1, [og.gemeente_id for og in ogs]))
        elif status == Wijzigingsstatus.INGEDIEND and len(ogs) > 1:
            goedkeuringen.append((len(verzoeken) - 1, [ogs[0].gemeente_id]))
    Wijzigingsverzoek.objects.bulk_create(verzoeken)
    through = Wijzigingsverzoek.goedgekeurd_door.through
    through.objects.bulk_create(
        [through(wijzigingsverzoek_id=verzoeken[i].pk, gemeente_id=g) for i, gs in goedkeuringen for g in gs]
    )


def _vragen(
    ctx: DemoContext,
    bouwer: Bouwer,
    m: Mensen,
    verbanden: dict[str, Samenwerkingsverband],
    gemeenten: dict[str, Gemeente],
) -> None:
    rng = ctx.rng
    peil = ctx.peildatum
    vragen: list[Bestuursvraag] = []
    onderwerpen = [
        (
            "Welke participatie wenst het college?",
            "Het proceskader noemt participatie, maar niet met wie en hoe.",
        ),
        (
            "Gewenste politieke kleur",
            "Het inhoudelijk kader laat de politieke accenten open. Welke wensen heeft het college?",
        ),
        ("Ontbrekend budgetkader", "Er is geen maximum aan uren of euro's opgegeven. Wat is het kader?"),
        (
            "Prioriteit ten opzichte van andere opdrachten",
            "De eenheid heeft onvoldoende capaciteit voor beide opdrachten.",
        ),
        (
            "Aansluiten bij de buurgemeenten?",
            "Twee partners vroegen een vergelijkbaar product. Wilt u een gezamenlijke aanpak?",
        ),
        (
            "Kaders voor de regionale woonvisie",
            "De raad heeft nog geen kaders gesteld. Wilt u de raad om kaders vragen?",
        ),
    ]

    def pool_vrager(o: Bestuursopdracht) -> Any:
        tl = m.teamleiders.get(o.eenheid_id)
        return tl.gebruiker_id if tl is not None and tl.gebruiker_id else None

    for o, ogs, rijen in zip(bouwer.opdrachten, bouwer.opdrachtgevers, bouwer.rijen, strict=True):
        if not any(r.actie == "intake" for r in rijen) or rng.random() > 0.3:
            continue
        og = ogs[0]
        intake = next(r for r in rijen if r.actie == "intake").tijdstip.date()
        onderwerp, tekst = rng.choice(onderwerpen)
        lopend = o.status in {lc.INTAKE, lc.AKKOORD, lc.IN_UITVOERING, lc.AANGEHOUDEN}
        gericht = rng.choice(
            [GerichtAan.COLLEGE, GerichtAan.WETHOUDER, GerichtAan.WETHOUDER, GerichtAan.RAAD]
        )
        v = Bestuursvraag(
            samenwerkingsverband=o.samenwerkingsverband,
            gemeente=og.gemeente,
            bestuursopdracht=o,
            gericht_aan=gericht,
            wethouder=m.houders.get(og.portefeuille_id) if gericht == GerichtAan.WETHOUDER else None,
            onderwerp=onderwerp,
            vraag=tekst,
            gesteld_door_id=pool_vrager(o),
            gesteld_op=intake + dt.timedelta(days=2),
            uiterlijk=intake + dt.timedelta(days=rng.randint(14, 35)),
        )
        if v.wethouder is not None and v.wethouder.functie != Functie.WETHOUDER:
            v.gericht_aan, v.wethouder = GerichtAan.COLLEGE, None
        if v.gericht_aan == GerichtAan.RAAD and not raad_mag_lezen(o):
            v.gericht_aan = (
                GerichtAan.COLLEGE
            )  # the service refuses asking a council about what it may not see
        if lopend and v.uiterlijk >= peil - dt.timedelta(days=40) and rng.random() < 0.7:
            v.status = Vraagstatus.OPEN
        else:
            v.status = Vraagstatus.BEANTWOORD
            v.antwoord = "Het college kiest voor een brede aanpak met inwoners en ondernemers."
            v.besluit = "Kader aangevuld; opdracht gaat door binnen het bestaande budget."
            v.beantwoord_op = min(v.uiterlijk - dt.timedelta(days=rng.randint(0, 7)), peil)
        vragen.append(v)

    # Named people: questions waiting for wethouder.blaricum (one overdue), an overdue one for Eemnes's council
    # and for Kempen; standalone questions (not on an assignment) too.
    blaricum, eemnes, laren = gemeenten.get("blaricum"), gemeenten.get("eemnes"), gemeenten.get("laren")
    bel = verbanden.get("bel")
    if bel is not None and blaricum is not None and eemnes is not None and laren is not None:
        sportnota = next((o for o in bouwer.opdrachten if o.titel.startswith("Sportnota Blaricum")), None)
        wethouder = next(
            (
                f
                for f in m.houders.values()
                if f.gemeente_id == blaricum.pk and f.functie == Functie.WETHOUDER and f.gebruiker_id
            ),
            None,
        )
        tl = next(
            (mw for mw in m.teamleiders.values() if mw.samenwerkingsverband_id == bel.pk and mw.gebruiker_id),
            None,
        )
        vrager = tl.gebruiker_id if tl else None
        vragen += [
            Bestuursvraag(
                samenwerkingsverband=bel,
                gemeente=blaricum,
                bestuursopdracht=sportnota,
                gericht_aan=GerichtAan.WETHOUDER if wethouder else GerichtAan.COLLEGE,
                wethouder=wethouder,
                onderwerp="Sportnota: breedtesport of topsport?",
                vraag="Het inhoudelijk kader noemt beide. Waar legt u het accent, en hoort de sporthal erbij?",
                gesteld_door_id=vrager,
                gesteld_op=peil - dt.timedelta(days=30),
                uiterlijk=peil - dt.timedelta(days=9),
            ),
            Bestuursvraag(
                samenwerkingsverband=bel,
                gemeente=blaricum,
                gericht_aan=GerichtAan.COLLEGE,
                onderwerp="Wilt u ook een toeristisch plan, net als Laren?",
                vraag="Laren liet een toeristisch-recreatief plan maken. Wilt u aansluiten, zodat we een gezamenlijke "
                "informatiebasis kunnen maken?",
                gesteld_door_id=vrager,
                gesteld_op=peil - dt.timedelta(days=5),
                uiterlijk=peil + dt.timedelta(days=60),
            ),
            Bestuursvraag(
                samenwerkingsverband=bel,
                gemeente=eemnes,
                gericht_aan=GerichtAan.RAAD,
                onderwerp="Kaders voor de afvalinzameling",
                vraag="Wil de raad kaders stellen voor omgekeerd inzamelen voordat het college een besluit neemt?",
                gesteld_door_id=vrager,
                gesteld_op=peil - dt.timedelta(days=50),
                uiterlijk=peil - dt.timedelta(days=20),
            ),
            Bestuursvraag(
                samenwerkingsverband=bel,
                gemeente=laren,
                gericht_aan=GerichtAan.COLLEGE,
                onderwerp="Planning handhavingsbeleid bijstand",
                vraag="Wanneer wilt u het handhavingsbeleid behandelen: voor of na de kadernota?",
                gesteld_door_id=vrager,
                gesteld_op=peil - dt.timedelta(days=40),
                uiterlijk=peil - dt.timedelta(days=3),
            ),
        ]
    kempen = verbanden.get("kempen")
    if kempen is not None:
        for slug, dagen in (("bladel", -14), ("oirschot", 45)):
            g = gemeenten.get(slug)
            if g is not None:
                vragen.append(
                    Bestuursvraag(
                        samenwerkingsverband=kempen,
                        gemeente=g,
                        gericht_aan=GerichtAan.COLLEGE,
                        onderwerp="Dienstverlening op afspraak in de kernen",
                        vraag="Wilt u de balie in de kernen alleen op afspraak openen, zoals de andere Kempengemeenten?",
                        gesteld_op=peil - dt.timedelta(days=35),
                        uiterlijk=peil + dt.timedelta(days=dagen),
                    )
                )
    Bestuursvraag.objects.bulk_create(vragen)


def _overleggen(
    ctx: DemoContext,
    bouwer: Bouwer,
    m: Mensen,
    verbanden: dict[str, Samenwerkingsverband],
    gemeenten: dict[str, Gemeente],
    catalogus: dict[str, dict[str, Catalogusitem]],
) -> None:
    peil = ctx.peildatum

    def opdr(prefix: str) -> Bestuursopdracht | None:
        return next((o for o in bouwer.opdrachten if o.titel.startswith(prefix)), None)

    def deelnemers(gs: list[Gemeente], portefeuille: str) -> list[Functionaris]:
        result = []
        for g in gs:
            pf = m.portefeuilles.get((g.pk, portefeuille))
            f = m.houders.get(pf.pk) if pf else None
            if f is not None:
                result.append(f)
        return result

    def overleg(
        sv: Samenwerkingsverband,
        soort: str,
        gs: list[Gemeente],
        thema: str,
        titel: str,
        datum: dt.date,
        punten: list[dict[str, Any]],
        besluiten: list[tuple[int | None, str, str]],
    ) -> None:
        o = Overleg.objects.create(
            soort=soort,
            samenwerkingsverband=sv,
            thema=thema,
            titel=titel,
            datum=datum,
            locatie="Gemeentehuis",
        )
        o.gemeenten.set(gs)
        o.deelnemers.set(deelnemers(gs, thema))
        ap = Agendapunt.objects.bulk_create(
            [Agendapunt(overleg=o, volgnummer=i + 1, **p) for i, p in enumerate(punten)]
        )
        Besluit.objects.bulk_create(
            [
                Besluit(
                    overleg=o,
                    agendapunt=ap[i] if i is not None and i < len(ap) else None,
                    nummer=n + 1,
                    tekst=t,
                    actiehouder=a,
                )
                for n, (i, t, a) in enumerate(besluiten)
            ]
        )

    bel = verbanden.get("bel")
    names = ["blaricum", "eemnes", "laren"]
    if bel is not None and all(n in gemeenten for n in names):
        gs = [gemeenten[n] for n in names]
        inkoop = opdr("Gezamenlijk inkoop")
        minima = opdr("Gezamenlijk minimabeleid")
        vraag = Bestuursvraag.objects.filter(
            gemeente=gemeenten["blaricum"], onderwerp__startswith="Wilt u ook"
        ).first()
        overleg(
            bel,
            Overlegsoort.GEZAMENLIJK,
            gs,
            "Sociaal domein",
            "Gezamenlijk portefeuillehoudersoverleg sociaal domein BEL",
            peil - dt.timedelta(days=12),
            [
                {"onderwerp": "Voortgang gezamenlijk inkoopbeleid", "bestuursopdracht": inkoop},
                {
                    "onderwerp": "Gezamenlijk minimabeleid Blaricum en Laren: raming",
                    "bestuursopdracht": minima,
                },
                {
                    "onderwerp": "Gezamenlijk standpunt: Wmo-maatwerkvoorziening",
                    "catalogusitem": catalogus["bel"].get("wmo-maatwerk"),
                    "toelichting": "Twee partners hebben een opdracht over de Wmo lopen.",
                },
            ],
            [
                (
                    0,
                    "De portefeuillehouders stemmen in met de voortgang; tussenrapportage in januari.",
                    "Teamleider Sociaal domein",
                ),
                (
                    1,
                    "Eemnes overweegt aan te sluiten bij het minimabeleid; besluit in het volgende overleg.",
                    "Wethouder Eemnes",
                ),
                (
                    2,
                    "De partners nemen één gezamenlijk standpunt in over de Wmo-huishoudelijke hulp.",
                    "Beleidsregisseurs",
                ),
            ],
        )
        overleg(
            bel,
            Overlegsoort.GEZAMENLIJK,
            gs,
            "Economie en toerisme",
            "Wethoudersoverleg economie en toerisme BEL",
            peil + dt.timedelta(days=16),
            [
                {
                    "onderwerp": "Vraag aan Blaricum: aansluiten bij het toeristisch plan?",
                    "bestuursvraag": vraag,
                },
            ],
            [],
        )
        for slug in ("blaricum", "eemnes"):
            g = gemeenten[slug]
            overleg(
                bel,
                Overlegsoort.PORTEFEUILLEHOUDERSOVERLEG,
                [g],
                "Sociaal domein",
                f"Portefeuillehoudersoverleg sociaal domein {g.naam}",
                peil - dt.timedelta(days=5),
                [
                    {"onderwerp": o.titel, "bestuursopdracht": o}
                    for o, ogs in zip(bouwer.opdrachten, bouwer.opdrachtgevers, strict=True)
                    if any(x.gemeente_id == g.pk for x in ogs) and o.status in {lc.IN_UITVOERING, lc.INTAKE}
                ][:3],
                [(0, "Voortgang besproken; geen bijsturing nodig.", "Beleidsregisseur")],
            )
    kempen = verbanden.get("kempen")
    knames = ["bergeijk", "bladel", "eersel", "oirschot", "reusel-de-mierden"]
    if kempen is not None and all(n in gemeenten for n in knames):
        gs = [gemeenten[n] for n in knames]
        digi = opdr("Digitaliseringsagenda")
        visie = opdr("Toeristische visie De Kempen")
        overleg(
            kempen,
            Overlegsoort.GEZAMENLIJK,
            gs,
            "Economie en toerisme",
            "Regionaal wethoudersoverleg economie en toerisme Kempen",
            peil - dt.timedelta(days=20),
            [
                {"onderwerp": "Toeristische visie De Kempen", "bestuursopdracht": visie},
                {
                    "onderwerp": "Digitaliseringsagenda: dienstverlening aan ondernemers",
                    "bestuursopdracht": digi,
                },
                {
                    "onderwerp": "Gezamenlijk standpunt: toeristisch-recreatief plan",
                    "catalogusitem": catalogus["kempen"].get("toeristisch-plan"),
                },
            ],
            [
                (
                    0,
                    "Bladel en Eersel nodigen Bergeijk uit aan te sluiten bij de toeristische visie.",
                    "Wethouder Bladel",
                ),
                (2, "De vijf gemeenten maken één gezamenlijke informatiebasis voor toerisme.", "Directie"),
                (None, "Volgend overleg: afstemming evenementenbeleid.", "Secretaris"),
            ],
        )
