"""Demo step: the reference list, Ten Boer (merged in 2019), and the bestuur of the ten demo gemeenten.

Every person is fictional. Every municipality-side role has one login ``<rol>.<gemeente-slug>``
(``wethouder.blaricum``, ``raadslid.laren``, ``regisseur.eemnes``, ``secretaris.laren``,
``burgemeester.ten-boer`` …), password ``demo``; plus the superuser ``beheerder``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from seta.autorisaties.actor import system_actor
from seta.demo.builder import DEMO_PASSWORD, DemoContext
from seta.gemeenten import services
from seta.gemeenten.models import Functie, Functionaris, Gemeente, Portefeuille

SYSTEEM = system_actor("demo")  # the demo builder: a trusted channel, audited as systeem:demo

# slug → (number of wethouders, number of raadsleden, local parties)
DEMO_GEMEENTEN: dict[str, tuple[int, int, tuple[str, ...]]] = {
    "blaricum": (2, 13, ("Blaricums Belang", "Dorpsbelangen Blaricum")),
    "eemnes": (3, 15, ("Lokaal Eemnes", "Eemnes Vooruit")),
    "laren": (3, 15, ("Larens Dorpsbelang", "Gemeentebelangen Laren")),
    "groningen": (4, 15, ("Stadspartij Groningen", "Student en Stad")),
    "ten-boer": (2, 13, ("Gemeentebelangen Ten Boer",)),
    "bergeijk": (3, 15, ("Dorpsbelangen Bergeijk", "Samen Bergeijk")),
    "bladel": (3, 15, ("Bladel Lokaal", "Gemeentebelang Bladel")),
    "eersel": (3, 15, ("Eersel Lokaal", "Dorpsbelang Eersel")),
    "oirschot": (3, 15, ("Oirschot Anders", "Gemeentebelangen Oirschot")),
    "reusel-de-mierden": (2, 13, ("Reusel-De Mierden Lokaal", "Dorpsbelang De Mierden")),
}
LANDELIJK = ("VVD", "CDA", "D66", "PvdA", "GroenLinks", "ChristenUnie")

BURGEMEESTER_PORTEFEUILLES = ("Openbare orde en veiligheid", "Regionale samenwerking")
WETHOUDER_PORTEFEUILLES = (
    "Financiën",
    "Ruimtelijke ordening",
    "Sociaal domein",
    "Economie en toerisme",
    "Onderwijs",
    "Wonen",
    "Duurzaamheid en klimaat",
    "Verkeer en vervoer",
    "Sport en cultuur",
    "Bedrijfsvoering",
)

VOORNAMEN = (
    "Anne",
    "Bas",
    "Carla",
    "Daan",
    "Eva",
    "Femke",
    "Gert",
    "Hanneke",
    "Iris",
    "Jeroen",
    "Karin",
    "Luuk",
    "Marieke",
    "Niels",
    "Olga",
    "Pieter",
    "Quirine",
    "Ruud",
    "Sanne",
    "Tom",
    "Ursula",
    "Vincent",
    "Wendy",
    "Youssef",
    "Zeynep",
    "Ahmed",
    "Bram",
    "Chantal",
    "Dirk",
    "Esther",
    "Frank",
    "Gerda",
    "Hein",
    "Ilse",
    "Joost",
    "Kees",
    "Lotte",
    "Maarten",
    "Nadia",
    "Otto",
    "Petra",
    "Rik",
    "Saskia",
    "Thijs",
    "Vera",
    "Willem",
)
ACHTERNAMEN = (
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Jong",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "Prins",
    "Blom",
    "Huisman",
    "Peeters",
    "Kuipers",
    "Postma",
)

# Login name part per position (the documented pattern <rol>.<gemeente-slug>).
LOGIN_ROL: dict[str, str] = {
    Functie.BURGEMEESTER: "burgemeester",
    Functie.WETHOUDER: "wethouder",
    Functie.RAADSLID: "raadslid",
    Functie.GRIFFIER: "griffier",
    Functie.GEMEENTESECRETARIS: "secretaris",
    Functie.BELEIDSREGISSEUR: "regisseur",
}

TEN_BOER = {
    "cbs_code": "GM0009",
    "naam": "Ten Boer",
    "slug": "ten-boer",
    "provincie": "Groningen",
    "provincie_code": "PV20",
    "inwoners": 7150,
    "peildatum_inwoners": dt.date(2018, 1, 1),
    "bron": "CBS, circa; niet in de lijst van 2021",
}


def _naam(ctx: DemoContext, gebruikt: set[str]) -> str:
    while True:
        naam = f"{ctx.rng.choice(VOORNAMEN)} {ctx.rng.choice(ACHTERNAMEN)}"
        if naam not in gebruikt:
            gebruikt.add(naam)
            return naam


def _add_ten_boer() -> Gemeente:
    """Ten Boer merged into Groningen on 2019-01-01, so it is not in the 2021 list: add it honestly."""
    groningen = Gemeente.objects.get(cbs_code="GM0014")
    ten_boer, _ = Gemeente.objects.get_or_create(cbs_code=TEN_BOER["cbs_code"], defaults=TEN_BOER)
    services.record_opheffing(
        actor=SYSTEEM, gemeente=ten_boer, opgeheven_op=dt.date(2019, 1, 1), opgegaan_in=groningen
    )
    return ten_boer


def build(ctx: DemoContext) -> None:
    verslag = services.load_reference_list(actor=SYSTEEM)
    ctx.log(f"  gemeenten: {verslag}")
    _add_ten_boer()
    gemeenten = {g.slug: g for g in Gemeente.objects.filter(slug__in=DEMO_GEMEENTEN)}
    ctx.data["gemeenten"] = gemeenten

    User = get_user_model()
    wachtwoord = make_password(DEMO_PASSWORD)
    gebruikers: dict[str, Any] = ctx.data.setdefault("users", {})
    beheerder = User(
        username="beheerder",
        first_name="Functioneel",
        last_name="beheerder",
        is_staff=True,
        is_superuser=True,
        password=wachtwoord,
        email="beheerder@seta.example",
    )
    beheerder.save()
    gebruikers["beheerder"] = beheerder

    functionarissen: dict[str, list[Functionaris]] = {}
    portefeuille_koppelingen: list[tuple[Functionaris, list[Portefeuille]]] = []
    namen: set[str] = set()
    nieuw: list[Functionaris] = []
    for slug, (n_wethouders, n_raad, lokaal) in DEMO_GEMEENTEN.items():
        gemeente = gemeenten[slug]
        # Ten Boer's bestuur as it was in 2017-2018, kept without an end date so the demo logins work.
        raad_start = dt.date(2014, 3, 27) if slug == "ten-boer" else dt.date(2022, 3, 30)
        college_start = dt.date(2014, 5, 22) if slug == "ten-boer" else dt.date(2022, 6, 2)
        portefeuilles = {
            naam: Portefeuille.objects.create(gemeente=gemeente, naam=naam)
            for naam in (*BURGEMEESTER_PORTEFEUILLES, *WETHOUDER_PORTEFEUILLES)
        }
        fracties = list(lokaal) + list(ctx.rng.sample(LANDELIJK, 4))

        def add(
            functie: str, *, begin: dt.date, fractie: str = "", gemeente: Gemeente = gemeente
        ) -> Functionaris:
            f = Functionaris(
                gemeente=gemeente, functie=functie, naam=_naam(ctx, namen), fractie=fractie, begindatum=begin
            )
            nieuw.append(f)
            functionarissen.setdefault(f"{LOGIN_ROL[functie]}.{gemeente.slug}", []).append(f)
            return f

        burgemeester = add(Functie.BURGEMEESTER, begin=dt.date(2016 if slug == "ten-boer" else 2019, 9, 1))
        portefeuille_koppelingen.append(
            (burgemeester, [portefeuilles[n] for n in BURGEMEESTER_PORTEFEUILLES])
        )
        verdeling: list[list[str]] = [[] for _ in range(n_wethouders)]
        for i, naam in enumerate(WETHOUDER_PORTEFEUILLES):
            verdeling[i % n_wethouders].append(naam)
        for i, namen_pf in enumerate(verdeling):
            wethouder = add(Functie.WETHOUDER, begin=college_start, fractie=fracties[i % len(fracties)])
            portefeuille_koppelingen.append((wethouder, [portefeuilles[n] for n in namen_pf]))
        for i in range(n_raad):
            add(Functie.RAADSLID, begin=raad_start, fractie=fracties[i % len(fracties)])
        add(Functie.GRIFFIER, begin=dt.date(2012, 2, 1))
        add(Functie.GEMEENTESECRETARIS, begin=dt.date(2011 if slug == "ten-boer" else 2018, 4, 1))
        for _ in range(3 if slug in {"ten-boer", "blaricum", "laren"} else 2):
            add(Functie.BELEIDSREGISSEUR, begin=dt.date(2009 if slug == "ten-boer" else 2015, 1, 1))

    Functionaris.objects.bulk_create(nieuw)
    # bulk_create sets primary keys on SQLite and PostgreSQL; wire the portefeuilles in one insert.
    through = Functionaris.portefeuilles.through
    through.objects.bulk_create(
        [
            through(functionaris_id=f.pk, portefeuille_id=p.pk)
            for f, pfs in portefeuille_koppelingen
            for p in pfs
        ]
    )

    users = []
    for username, lijst in functionarissen.items():
        persoon = lijst[0]
        voornaam, _, achternaam = persoon.naam.partition(" ")
        users.append(
            User(
                username=username,
                first_name=voornaam,
                last_name=achternaam,
                password=wachtwoord,
                email=f"{username}@seta.example",
            )
        )
    User.objects.bulk_create(users)
    per_naam = {u.username: u for u in User.objects.filter(username__in=functionarissen)}
    for username, lijst in functionarissen.items():
        lijst[0].gebruiker = per_naam[username]
        gebruikers[username] = per_naam[username]
    Functionaris.objects.bulk_update([lijst[0] for lijst in functionarissen.values()], ["gebruiker"])
    ctx.data["functionarissen"] = functionarissen
    ctx.log(f"  {len(nieuw)} functionarissen, {len(users) + 1} gebruikers (wachtwoord '{DEMO_PASSWORD}')")
