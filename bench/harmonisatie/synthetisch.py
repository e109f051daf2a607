"""The synthetic index of the harmonisation benchmark: realistic Dutch assignment texts from templates and a
vocabulary, with a fixed seed (the same ``n`` gives the same texts on every machine).

Each text is an assignment as a municipality would order it from a shared service organisation: an action
("Actualisatie", "Plan van aanpak", …), a subject from a municipal policy field ("gemeentelijk rioleringsplan",
"armoedebeleid", …), the municipality, and two or three sentences of goals and scope. The labelled evaluation
set is added to this index in the benchmark, so its partners must be found among 100,000 distractors.
"""

from __future__ import annotations

import random

GEMEENTEN = [
    "Blaricum",
    "Eemnes",
    "Laren",
    "Huizen",
    "Hilversum",
    "Wijdemeren",
    "Weesp",
    "Baarn",
    "Bunschoten",
    "Soest",
    "Amersfoort",
    "Leusden",
    "Woudenberg",
    "Renswoude",
    "Veenendaal",
    "Rhenen",
    "Wageningen",
    "Ede",
    "Barneveld",
    "Nijkerk",
    "Putten",
    "Ermelo",
    "Harderwijk",
    "Zeewolde",
    "Almere",
    "Lelystad",
    "Dronten",
    "Urk",
    "Noordoostpolder",
    "Steenwijkerland",
    "Meppel",
    "Westerveld",
    "Assen",
    "Tynaarlo",
    "Borger-Odoorn",
    "Emmen",
    "Coevorden",
    "Hardenberg",
    "Ommen",
    "Dalfsen",
    "Zwolle",
    "Kampen",
    "Oldebroek",
    "Elburg",
    "Nunspeet",
    "Epe",
    "Heerde",
    "Hattem",
    "Apeldoorn",
    "Voorst",
    "Brummen",
    "Zutphen",
    "Lochem",
    "Berkelland",
    "Winterswijk",
    "Aalten",
    "Bronckhorst",
    "Doetinchem",
    "Montferland",
    "Zevenaar",
    "Duiven",
    "Westervoort",
    "Arnhem",
    "Renkum",
    "Rheden",
    "Rozendaal",
]
GEMEENTEN_MEERDELIG = ("Gooise Meren", "Oost Gelre", "Aa en Hunze", "Midden-Drenthe")

ACTIES = (
    "Actualisatie",
    "Opstellen",
    "Evaluatie",
    "Herijking",
    "Uitvoeringsprogramma",
    "Onderzoek naar",
    "Advies over",
    "Plan van aanpak",
    "Beleidskader",
    "Nota",
    "Verkenning",
    "Doorlichting",
    "Implementatie",
    "Visie op",
    "Notitie over",
    "Businesscase",
    "Quickscan",
    "Projectplan",
    "Monitor",
    "Aanbesteding",
)

# (subject, field words used in the body)
ONDERWERPEN = (
    ("gemeentelijk rioleringsplan", "riolering hemelwater waterschap investeringen gemalen"),
    ("integraal huisvestingsplan onderwijs", "schoolgebouwen nieuwbouw renovatie schoolbesturen leerlingen"),
    ("armoedebeleid", "minima inkomensondersteuning kindregeling bijzondere bijstand"),
    ("schuldhulpverlening", "schulden vroegsignalering budgetcoaching inwoners"),
    ("toeristisch beleid", "bezoekers verblijfsrecreatie toeristenbelasting ondernemers"),
    ("recreatieve fietsroutes", "fietsers knooppunten bewegwijzering recreanten"),
    ("speeltuinen en speelplekken", "speeltoestellen veiligheid kinderen wijken onderhoud"),
    ("sportaccommodaties", "sportvelden sporthal verenigingen exploitatie"),
    ("cultuurnota", "kunst cultuur musea podia amateurkunst"),
    ("bibliotheekvoorziening", "bibliotheek leesbevordering laaggeletterdheid"),
    ("jeugdhulp", "jeugdigen gezinnen zorgaanbieders wachtlijsten"),
    ("maatwerkvoorzieningen Wmo", "hulpmiddelen huishoudelijke hulp indicaties zorgaanbieders"),
    ("mantelzorgbeleid", "mantelzorgers respijtzorg waardering ondersteuning"),
    ("aanpak eenzaamheid", "ouderen ontmoeting vrijwilligers welzijn"),
    ("handhavingsbeleid", "toezicht handhaving vergunningen overtredingen"),
    ("evenementenbeleid", "evenementen vergunningverlening veiligheid geluid"),
    ("horecabeleid", "horeca terrassen sluitingstijden paracommercie"),
    ("parkeerbeleid", "parkeren vergunningen parkeernormen centrum"),
    ("omgevingsvisie", "ruimtelijke ontwikkeling wonen werken landschap"),
    ("omgevingsplan", "bestemmingsplannen regels omgevingswet bruidsschat"),
    ("woonvisie", "woningbouw sociale huur starters doorstroming"),
    ("erfgoedbeleid", "monumenten cultureel erfgoed archeologie"),
    ("bomenbeleidsplan", "bomen kapvergunning groenstructuur"),
    ("klimaatadaptatie", "hittestress wateroverlast droogte stresstest"),
    ("afvalbeleid", "afvalinzameling grondstoffen restafval gft"),
    ("zwerfafval", "afval schoonmaak straten bewustwording"),
    ("transitievisie warmte", "aardgasvrij wijken warmtenet isolatie"),
    ("laadinfrastructuur", "laadpalen elektrisch rijden openbare ruimte"),
    ("regionale energiestrategie", "windmolens zonnevelden duurzame opwek"),
    ("informatiebeveiliging", "BIO privacy datalekken digitale weerbaarheid"),
    ("digitale dienstverlening", "website formulieren inwoners zaakgericht werken"),
    ("archiefbeheer", "archief informatiebeheer digitale duurzaamheid"),
    ("Woo-verzoeken", "openbaarheid actieve openbaarmaking informatiehuishouding"),
    ("inkoopbeleid", "inkoop aanbesteden lokale ondernemers duurzaamheid"),
    ("subsidiebeleid", "subsidies maatschappelijke organisaties verantwoording"),
    ("burgerparticipatie", "inwoners participatie inspraak wijkraden"),
    ("dorpshuizen", "ontmoeting accommodaties vrijwilligers exploitatie"),
    ("leerlingenvervoer", "vervoer leerlingen speciaal onderwijs vervoerders"),
    ("re-integratie", "uitkeringsgerechtigden werk participatiewet werkgevers"),
    ("huisvesting statushouders", "taakstelling woningen inburgering"),
    ("opvang ontheemden", "opvanglocaties Oekraïners begeleiding"),
    ("integrale veiligheid", "ondermijning woninginbraak criminaliteit politie"),
    ("cameratoezicht", "camera's openbare orde privacy politie"),
    ("beheerplan wegen", "wegen asfalt onderhoud verkeersveiligheid"),
    ("openbare verlichting", "lantaarnpalen led energiebesparing"),
    ("begraafplaatsen", "graven begraafrechten onderhoud"),
    ("groenbeheer", "openbaar groen maaien biodiversiteit"),
    ("verkeersveiligheid", "schoolroutes snelheid 30 km-zones"),
    ("economisch beleid", "bedrijventerreinen ondernemers werkgelegenheid"),
    ("detailhandelsvisie", "winkels centrum leegstand"),
    ("vrijwilligersbeleid", "vrijwilligers waardering vrijwilligerscentrale"),
    ("gezondheidsbeleid", "preventie overgewicht roken alcohol GGD"),
    ("onderwijsachterstanden", "voorschoolse educatie taal peuters"),
    ("accommodatiebeleid", "maatschappelijk vastgoed gebouwen verhuur"),
    ("vastgoedstrategie", "gemeentelijk vastgoed verkoop onderhoud"),
    ("grondbeleid", "grondexploitatie grondprijzen"),
    ("dierenwelzijn", "zwerfdieren dierenopvang"),
    ("kermis en markten", "standplaatsen weekmarkt kermis"),
)

DOELEN = (
    "Doel is een actueel en gedragen kader voor de komende {jaren} jaar.",
    "Het college wil de raad in {kwartaal} {jaar} een voorstel voorleggen.",
    "De raad heeft om een integrale aanpak gevraagd.",
    "Aanleiding is de motie van de raad uit {vorigjaar}.",
    "Het huidige beleid loopt af in {jaar}.",
    "Er is behoefte aan heldere keuzes en een realistische planning.",
    "We willen beter aansluiten bij de behoefte van inwoners.",
    "Doel is de kosten beheersbaar te houden en de kwaliteit te borgen.",
)
SCOPE = (
    "Met aandacht voor {veld1} en {veld2}.",
    "Inclusief een analyse van {veld1}, {veld2} en {veld3}.",
    "In overleg met {partner} en betrokken inwoners.",
    "Inclusief participatie en een financiële paragraaf.",
    "Afstemming met {partner} is nodig.",
    "De opdracht omvat een inventarisatie van {veld1} en een uitvoeringsplan.",
    "Oplevering in {kwartaal} {jaar}.",
)
PARTNERS = (
    "de regio",
    "de buurgemeenten",
    "het waterschap",
    "de provincie",
    "de woningcorporatie",
    "maatschappelijke partners",
    "de GGD",
    "de veiligheidsregio",
    "ondernemers",
    "scholen",
)


def teksten(n: int, seed: int = 13) -> list[tuple[str, str]]:
    """``n`` (titel, tekst) pairs, deterministic for the seed."""
    rnd = random.Random(seed)
    uit: list[tuple[str, str]] = []
    for _ in range(n):
        actie = rnd.choice(ACTIES)
        onderwerp, veld = rnd.choice(ONDERWERPEN)
        gemeente = rnd.choice((*GEMEENTEN, *GEMEENTEN_MEERDELIG))
        velden = veld.split()
        rnd.shuffle(velden)
        jaar = rnd.randint(2022, 2028)
        vul = {
            "jaren": rnd.choice((4, 5, 10)),
            "kwartaal": rnd.choice(
                ("het eerste kwartaal", "het tweede kwartaal", "het najaar", "het voorjaar")
            ),
            "jaar": jaar,
            "vorigjaar": jaar - 1,
            "veld1": velden[0],
            "veld2": velden[1 % len(velden)],
            "veld3": velden[2 % len(velden)],
            "partner": rnd.choice(PARTNERS),
        }
        titel = f"{actie} {onderwerp} {gemeente}" if rnd.random() < 0.6 else f"{actie} {onderwerp}"
        zinnen = [rnd.choice(DOELEN), *rnd.sample(SCOPE, rnd.randint(1, 2))]
        uit.append((titel, " ".join(z.format(**vul) for z in zinnen)))
    return uit


CHUNK = 5000


def vectoren(n: int, inbedder: object, cachemap: str, *, log: bool = False) -> tuple[object, float, int]:
    """The embedded rows of ``teksten(n)`` (``titel. tekst``, as ``documenttekst``), computed in chunks of
    ``CHUNK`` and cached in ``cachemap`` keyed by the SHA-256 of the model's name and the chunk's texts, so a
    re-run (or a larger ``n``: the texts of ``n`` are a prefix of those of a larger ``n``) loads them.

    Returns (matrix, seconds spent embedding in this call, rows embedded in this call)."""
    return ingebed([f"{t}. {x}".strip() for t, x in teksten(n)], inbedder, cachemap, log=log)


def ingebed(
    alle: list[str], inbedder: object, cachemap: str, *, log: bool = False
) -> tuple[object, float, int]:
    """``inbedder.passages(alle)``, in cached chunks (see ``vectoren``)."""
    import hashlib
    import time
    from pathlib import Path

    import numpy as np

    map_ = Path(cachemap)
    map_.mkdir(parents=True, exist_ok=True)
    n = len(alle)
    delen = []
    besteed = 0.0
    berekend = 0
    for start in range(0, n, CHUNK):
        deel = alle[start : start + CHUNK]
        sleutel = hashlib.sha256("\x1e".join([inbedder.naam, *deel]).encode()).hexdigest()[:24]  # type: ignore[attr-defined]
        pad = map_ / f"{sleutel}.npy"
        if pad.exists():
            delen.append(np.load(pad))
            continue
        t0 = time.perf_counter()
        m = inbedder.passages(deel)  # type: ignore[attr-defined]
        besteed += time.perf_counter() - t0
        berekend += len(deel)
        np.save(pad.with_suffix(".tmp.npy"), m)
        pad.with_suffix(".tmp.npy").rename(pad)
        delen.append(m)
        if log:
            print(f"embedded {start + len(deel)}/{n} ({besteed:.0f} s)", flush=True)
    return np.vstack(delen) if delen else np.zeros((0, 384), dtype=np.float32), besteed, berekend
