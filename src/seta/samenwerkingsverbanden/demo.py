"""Demo step: the three cooperations of the seed, one per menu, with partners, boards and scope over time.

- BEL Combinatie (Blaricum, Eemnes, Laren): Menu 2, since 2008-01-01 (seed line 77).
- Groningen – Ten Boer: Menu 3, since 2008-01-01 (the seed's list of realised cooperations, lines
  626-652, gives 2008 for its first entry, Groningen-Ten Boer), ended 2019-01-01 when Ten Boer merged
  into Groningen.
- Kempengemeenten (Bergeijk, Bladel, Eersel, Oirschot, Reusel-De Mierden): Menu 1, units hosted by
  different partners, since 2004 (seed lines 249-254: chosen "after 2002", the secretaries visited in 2003).
"""

from __future__ import annotations

import datetime as dt

from seta.autorisaties.actor import system_actor
from seta.demo.builder import DemoContext
from seta.gemeenten.models import Functionaris
from seta.samenwerkingsverbanden import services
from seta.samenwerkingsverbanden.models import (
    Bestuursorgaan,
    Deelnemer,
    Menu,
    Rechtsvorm,
    Samenwerkingsverband,
    Taakgebied,
)

SYSTEEM = system_actor("demo")  # the demo builder: a trusted channel, audited as systeem:demo

TAAKGEBIEDEN: list[tuple[str, str]] = [
    ("hr", "Personeel en organisatie (HR)"),
    ("ict", "ICT en informatievoorziening"),
    ("financien", "Financiën en control"),
    ("inkoop", "Inkoop en aanbesteding"),
    ("belastingen", "Belastingen en WOZ"),
    ("juridische-zaken", "Juridische zaken"),
    ("communicatie", "Communicatie"),
    ("publiekszaken", "Publiekszaken (dienstverlening)"),
    ("sociaal-domein", "Sociaal domein"),
    ("fysiek-domein", "Fysiek domein (ruimte, wonen, milieu)"),
    ("openbare-ruimte", "Beheer openbare ruimte"),
]

# Kempengemeenten (Menu 1): each shared unit is hosted by one partner. The organisatie step reads this.
KEMPEN_GASTGEMEENTEN = {
    "ict": "eersel",
    "belastingen": "bergeijk",
    "inkoop": "oirschot",
    "sociaal-domein": "reusel-de-mierden",
    "hr": "bladel",
}
KEMPEN_GROEI: list[tuple[str, dt.date]] = [
    ("ict", dt.date(2004, 1, 1)),
    ("belastingen", dt.date(2005, 1, 1)),
    ("inkoop", dt.date(2006, 7, 1)),
    ("sociaal-domein", dt.date(2008, 1, 1)),
    ("hr", dt.date(2011, 1, 1)),
]


def _eerste(ctx: DemoContext, sleutel: str) -> Functionaris:
    return ctx.data["functionarissen"][sleutel][0]


def _college(ctx: DemoContext, slug: str) -> list[Functionaris]:
    return [
        *ctx.data["functionarissen"][f"burgemeester.{slug}"],
        *ctx.data["functionarissen"][f"wethouder.{slug}"],
    ]


def build(ctx: DemoContext) -> None:
    gemeenten = ctx.data["gemeenten"]
    taakgebieden = {}
    for volgorde, (code, naam) in enumerate(TAAKGEBIEDEN, start=1):
        taakgebieden[code] = Taakgebied.objects.create(code=code, naam=naam, volgorde=volgorde)
    ctx.data["taakgebieden"] = taakgebieden
    verbanden: dict[str, Samenwerkingsverband] = {}

    # --- BEL Combinatie ---------------------------------------------------------------------------------------
    # BEL's Wgr form: an openbaar lichaam (the "Werkorganisatie BEL Combinatie" GR since 2008). We are not sure
    # whether it was later converted into a bedrijfsvoeringsorganisatie, so we keep the original form.
    bel_partners = [gemeenten[s] for s in ("blaricum", "eemnes", "laren")]
    bel = services.create_samenwerkingsverband(
        actor=SYSTEEM,
        naam="BEL Combinatie",
        afkorting="BEL",
        slug="bel",
        menu=Menu.AMBTELIJKE_FUSIE,
        rechtsvorm=Rechtsvorm.OPENBAAR_LICHAAM,
        startdatum=dt.date(2008, 1, 1),
        deelnemers=bel_partners,
        werkorganisatie="Werkorganisatie BEL Combinatie",
        gemeentesecretaris_is_directeur=False,
        omschrijving=(
            "Blaricum, Eemnes en Laren voegden op 1 januari 2008 hun ambtelijke organisaties samen tot één "
            "werkorganisatie; elke gemeente houdt haar eigen raad en college. Een apart aangestelde directeur leidt "
            "de werkorganisatie; elke gemeentesecretaris is beleidsregisseur en opdrachtgever voor zijn gemeente "
            "(Figuur 2, variant BEL)."
        ),
    )
    verbanden["bel"] = bel
    bel_groei: list[tuple[str, dt.date]] = [
        *(
            (c, dt.date(2008, 1, 1))
            for c in ("hr", "ict", "financien", "inkoop", "juridische-zaken", "communicatie")
        ),
        ("publiekszaken", dt.date(2008, 1, 1)),
        ("fysiek-domein", dt.date(2008, 1, 1)),
        ("openbare-ruimte", dt.date(2008, 1, 1)),
        ("belastingen", dt.date(2010, 1, 1)),
        (
            "sociaal-domein",
            dt.date(2015, 1, 1),
        ),  # the decentralisations (Jeugdwet, Wmo 2015, Participatiewet)
    ]
    for deelnemer in bel.deelnemers.select_related("gemeente"):
        for code, vanaf in bel_groei:
            services.bring_in_taakgebied(
                actor=SYSTEEM, deelnemer=deelnemer, taakgebied=taakgebieden[code], vanaf=vanaf
            )
    # Figure 2, BEL: AB = the full colleges; DB = two wethouders and one burgemeester.
    zitting = dt.date(2022, 6, 2)
    for slug in ("blaricum", "eemnes", "laren"):
        for lid in _college(ctx, slug):
            services.add_bestuurslid(
                actor=SYSTEEM,
                samenwerkingsverband=bel,
                functionaris=lid,
                orgaan=Bestuursorgaan.ALGEMEEN_BESTUUR,
                begindatum=max(zitting, lid.begindatum),
                voorzitter=lid == _eerste(ctx, "burgemeester.laren"),
            )
    for sleutel in ("burgemeester.laren", "wethouder.blaricum", "wethouder.eemnes"):
        services.add_bestuurslid(
            actor=SYSTEEM,
            samenwerkingsverband=bel,
            functionaris=_eerste(ctx, sleutel),
            orgaan=Bestuursorgaan.DAGELIJKS_BESTUUR,
            begindatum=zitting,
            voorzitter=sleutel == "burgemeester.laren",
        )

    # --- Groningen – Ten Boer -------------------------------------------------------------------------------
    groningen, ten_boer = gemeenten["groningen"], gemeenten["ten-boer"]
    gtb = services.create_samenwerkingsverband(
        actor=SYSTEEM,
        naam="Groningen – Ten Boer",
        afkorting="GTB",
        slug="gtb",
        menu=Menu.GASTHEERGEMEENTE,
        rechtsvorm=Rechtsvorm.CENTRUMGEMEENTECONSTRUCTIE,
        gastheergemeente=groningen,
        startdatum=dt.date(2008, 1, 1),
        deelnemers=[groningen, ten_boer],
        werkorganisatie="Gemeente Groningen (gastheergemeente)",
        gemeentesecretaris_is_directeur=False,
        omschrijving=(
            "Groningen nam de ambtenaren van Ten Boer over; enkele ambtenaren bleven in Ten Boer werken als "
            "beleidsregisseur om het college te ondersteunen in het gesprek met Groningen. De eerste jaren werd "
            "er bewust niet verrekend. De samenwerking eindigde op 1 januari 2019, toen Ten Boer (samen met "
            "Haren) opging in de gemeente Groningen; de geschiedenis blijft hier zichtbaar."
        ),
    )
    verbanden["gtb"] = gtb
    ten_boer_deelnemer = gtb.deelnemers.get(gemeente=ten_boer)
    for code, _naam in TAAKGEBIEDEN:
        services.bring_in_taakgebied(
            actor=SYSTEEM,
            deelnemer=ten_boer_deelnemer,
            taakgebied=taakgebieden[code],
            vanaf=dt.date(2008, 1, 1),
        )
    einde = dt.date(2019, 1, 1)
    services.end_deelnemerschap(actor=SYSTEEM, deelnemer=ten_boer_deelnemer, uittredingsdatum=einde)
    gtb.einddatum = einde
    gtb.save(update_fields=["einddatum"])
    Deelnemer.objects.filter(samenwerkingsverband=gtb, gemeente=groningen).update(uittredingsdatum=einde)

    # --- Kempengemeenten ------------------------------------------------------------------------------------
    # Menu 1 started around 2003-2004 on covenants; we record the later Wgr form, a bedrijfsvoeringsorganisatie
    # (an assumption for the demo). The five gemeentesecretarissen steer the units together (BAR-like variant).
    kempen_slugs = ("bergeijk", "bladel", "eersel", "oirschot", "reusel-de-mierden")
    kempen = services.create_samenwerkingsverband(
        actor=SYSTEEM,
        naam="Kempengemeenten",
        afkorting="SK",
        slug="kempen",
        menu=Menu.FUNCTIONELE_INTEGRATIE,
        rechtsvorm=Rechtsvorm.BEDRIJFSVOERINGSORGANISATIE,
        startdatum=dt.date(2004, 1, 1),
        deelnemers=[gemeenten[s] for s in kempen_slugs],
        werkorganisatie="Samenwerking Kempengemeenten",
        gemeentesecretaris_is_directeur=True,
        omschrijving=(
            "Vijf Kempengemeenten kozen na 2002 voor functionele integratie: gedeelde eenheden, elk ondergebracht "
            "bij één van de gemeenten, die alle vijf bedienen. De samenwerking groeide stap voor stap; de vijf "
            "gemeentesecretarissen vormen samen de directie."
        ),
    )
    verbanden["kempen"] = kempen
    for deelnemer in kempen.deelnemers.select_related("gemeente"):
        for code, vanaf in KEMPEN_GROEI:
            # Oirschot joined the shared social services later than the others.
            if code == "sociaal-domein" and deelnemer.gemeente.slug == "oirschot":
                vanaf = dt.date(2011, 1, 1)
            services.bring_in_taakgebied(
                actor=SYSTEEM, deelnemer=deelnemer, taakgebied=taakgebieden[code], vanaf=vanaf
            )
    for slug in kempen_slugs:
        services.add_bestuurslid(
            actor=SYSTEEM,
            samenwerkingsverband=kempen,
            functionaris=_eerste(ctx, f"burgemeester.{slug}"),
            orgaan=Bestuursorgaan.ALGEMEEN_BESTUUR,
            begindatum=zitting,
            voorzitter=slug == "eersel",
        )
        wethouder = _eerste(ctx, f"wethouder.{slug}")
        services.add_bestuurslid(
            actor=SYSTEEM,
            samenwerkingsverband=kempen,
            functionaris=wethouder,
            orgaan=Bestuursorgaan.ALGEMEEN_BESTUUR,
            begindatum=zitting,
        )
        services.add_bestuurslid(
            actor=SYSTEEM,
            samenwerkingsverband=kempen,
            functionaris=wethouder,
            orgaan=Bestuursorgaan.DAGELIJKS_BESTUUR,
            begindatum=zitting,
            voorzitter=slug == "bladel",
        )

    ctx.data["verbanden"] = verbanden
    ctx.data["kempen_gastgemeenten"] = {code: gemeenten[slug] for code, slug in KEMPEN_GASTGEMEENTEN.items()}
    ctx.log(f"  samenwerkingsverbanden: {', '.join(sv.naam for sv in verbanden.values())}")
