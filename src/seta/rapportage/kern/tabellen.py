"""Every table of a council report, built once from its content (``model.Inhoud``) and rendered twice: as HTML
by the template (``rapportage/_tabel.html``) and as a sheet of the XLSX (``document.xlsx``). So the screen, the
PDF and the spreadsheet cannot disagree on a figure, a heading or a caption.

A cell keeps its value typed (``Decimal``, ``int``, ``date``, ``bool``) with its kind; ``Cel.tekst`` is its
Dutch notation (``opmaak``), the XLSX writes the value with a number format. Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from seta.rapportage.kern import model, opmaak

Soort = Literal[
    "tekst", "euro", "uren", "getal", "dagen", "procent", "datum", "richting", "janee", "verschil"
]
Waarde = Decimal | int | str | dt.date | bool | None
NUMERIEK = frozenset({"euro", "uren", "getal", "dagen", "procent", "verschil"})


@dataclass(frozen=True)
class Cel:
    waarde: Waarde
    soort: Soort = "tekst"
    van: Soort = "getal"  # for "verschil": the kind of the figure it is the difference of

    @property
    def tekst(self) -> str:
        w = self.waarde
        match self.soort:
            case "euro":
                return opmaak.euro(w)
            case "uren":
                return opmaak.uren(w)
            case "getal":
                return opmaak.getal(w)
            case "dagen":
                return opmaak.dagen(w)
            case "procent":
                return opmaak.procent(w)
            case "datum":
                return opmaak.datum(w)
            case "richting":
                return opmaak.richting(w)
            case "janee":
                return opmaak.ja_nee(w)
            case "verschil":
                return opmaak.verschil(w, self.van)
        return opmaak.LEEG if w is None or w == "" else str(w)

    @property
    def numeriek(self) -> bool:
        return self.soort in NUMERIEK


@dataclass(frozen=True)
class Kolom:
    kop: str
    numeriek: bool = False


@dataclass(frozen=True)
class Tabel:
    sleutel: str  # stable name (the XLSX sheet, the template's include)
    titel: str  # the caption
    kolommen: tuple[Kolom, ...]
    rijen: tuple[tuple[Cel, ...], ...]
    voet: tuple[Cel, ...] | None = None  # a totals row
    blad: str = ""  # the XLSX sheet's name (31 characters at most); the key when empty

    @property
    def bladnaam(self) -> str:
        return (self.blad or self.sleutel)[:31]


def _d(value: str | int | None) -> Decimal | None:
    return opmaak.decimaal(value)


def _datum(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _som(values: Sequence[str | None]) -> Decimal:
    return sum((Decimal(v) for v in values if v not in (None, "")), Decimal(0))


#: The key figures in the report's order: field, Dutch name, kind.
KERNCIJFERS: tuple[tuple[str, str, Soort], ...] = (
    ("opgedragen", "Opdrachten opgedragen", "getal"),
    ("opgeleverd", "Opdrachten opgeleverd", "getal"),
    ("te_laat", "Opdrachten te laat of verwacht te laat", "getal"),
    ("lopend", "Opdrachten lopend aan het eind van de periode", "getal"),
    ("vragen_open", "Bestuursvragen nog open", "getal"),
    ("vragen_mediaan_dagen", "Bestuursvragen: mediaan dagen tot antwoord", "dagen"),
    ("uren", "Uren", "uren"),
    ("kosten", "Kosten (incl. btw)", "euro"),
    ("voorschot", "Voorschot tot het eind van de periode", "euro"),
    ("normen_gehaald", "Normen gehaald", "getal"),
    ("normen_gemist", "Normen gemist", "getal"),
    ("eenpitters", "Eenpitters (taken die op één medewerker rusten)", "getal"),
)


def _cel(value: str | int | None, soort: Soort) -> Cel:
    if soort in ("getal",):
        return Cel(value if isinstance(value, int) else _d(value), soort)
    return Cel(_d(value), soort)


def kerncijfers(inhoud: model.Inhoud) -> Tabel:
    """The key figures against the previous report (or alone when this is the first)."""
    vergelijking = inhoud["vergelijking"]
    vorige = vergelijking["vorige"]
    kern = inhoud["kerncijfers"]
    wie = inhoud["gemeente"]["naam"] if inhoud["gemeente"] else "alle gemeenten samen"
    if vorige is None:
        return Tabel(
            "kerncijfers",
            f"Kerncijfers {inhoud['periode']['naam']}, {wie}",
            (Kolom("Cijfer"), Kolom("Deze rapportage", True)),
            tuple((Cel(naam), _cel(kern[veld], soort)) for veld, naam, soort in KERNCIJFERS),  # type: ignore[literal-required]
            blad="Kerncijfers",
        )
    rijen = []
    for veld, naam, soort in KERNCIJFERS:
        v = vergelijking["cijfers"].get(veld)
        nu = kern[veld]  # type: ignore[literal-required]
        if v is None:
            rijen.append(
                (Cel(naam), Cel(None), _cel(nu, soort), Cel(None, "verschil"), Cel(None, "richting"))
            )
            continue
        rijen.append(
            (
                Cel(naam),
                _cel(v["vorig"], soort),
                _cel(v["nu"], soort),
                Cel(_d(v["verschil"]), "verschil", soort),
                Cel(v["richting"], "richting"),
            )
        )
    return Tabel(
        "kerncijfers",
        f"Kerncijfers {wie}: deze rapportage tegenover {vorige['naam']}",
        (
            Kolom("Cijfer"),
            Kolom(vorige["naam"], True),
            Kolom(inhoud["periode"]["naam"], True),
            Kolom("Verschil", True),
            Kolom("Richting"),
        ),
        tuple(rijen),
        blad="Kerncijfers",
    )


def partners(inhoud: model.Inhoud) -> Tabel | None:
    """The joint report: every key figure per partner side by side, with the total."""
    if not inhoud["partners"]:
        return None
    namen = [p["gemeente"]["naam"] for p in inhoud["partners"]]
    rijen = tuple(
        (
            Cel(naam),
            *(_cel(p["cijfers"][veld], soort) for p in inhoud["partners"]),  # type: ignore[literal-required]
            _cel(inhoud["kerncijfers"][veld], soort),  # type: ignore[literal-required]
        )
        for veld, naam, soort in KERNCIJFERS
    )
    return Tabel(
        "partners",
        f"Kerncijfers per gemeente, {inhoud['periode']['naam']}",
        (Kolom("Cijfer"), *(Kolom(n, True) for n in namen), Kolom("Totaal", True)),
        rijen,
        blad="Per gemeente",
    )


def kosten_per_partner(inhoud: model.Inhoud) -> Tabel | None:
    if not inhoud["partners"]:
        return None
    rijen = tuple(
        (
            Cel(p["gemeente"]["naam"]),
            Cel(_d(p["cijfers"]["uren"]), "uren"),
            Cel(_d(p["cijfers"]["kosten"]), "euro"),
            Cel(_d(p["cijfers"]["voorschot"]), "euro"),
        )
        for p in inhoud["partners"]
    )
    kern = inhoud["kerncijfers"]
    return Tabel(
        "kosten_partners",
        "Uren en kosten per gemeente (incl. btw) tegenover het voorschot",
        (Kolom("Gemeente"), Kolom("Uren", True), Kolom("Kosten", True), Kolom("Voorschot", True)),
        rijen,
        (
            Cel("Totaal"),
            Cel(_d(kern["uren"]), "uren"),
            Cel(_d(kern["kosten"]), "euro"),
            Cel(_d(kern["voorschot"]), "euro"),
        ),
        blad="Kosten per gemeente",
    )


def _titel(regel: model.Opdrachtregel) -> str:
    return regel["titel"] + (" (gezamenlijke opdracht)" if regel["gezamenlijk"] else "")


def opdrachten(inhoud: model.Inhoud) -> Tabel | None:
    opd = inhoud["opdrachten"]
    if opd is None or not opd["regels"]:
        return None
    rijen = tuple(
        (
            Cel(r["nummer"]),
            Cel(_titel(r)),
            Cel(r["status_label"]),
            Cel(_datum(r["deadline"]), "datum"),
            Cel(_datum(r["verwachte_oplevering"]), "datum"),
            Cel(_datum(r["opgeleverd_op"]), "datum"),
            Cel(_datum(r["vastgesteld_op"]), "datum"),
            Cel(r["te_laat"], "janee"),
            Cel(r["naar_raad"], "janee"),
        )
        for r in opd["regels"]
    )
    return Tabel(
        "opdrachten",
        "Opdrachten: stand, deadline en (verwachte) oplevering",
        (
            Kolom("Nummer"),
            Kolom("Opdracht"),
            Kolom("Status"),
            Kolom("Deadline"),
            Kolom("Verwachte oplevering"),
            Kolom("Opgeleverd"),
            Kolom("Vastgesteld"),
            Kolom("Te laat"),
            Kolom("Aangeboden aan de raad"),
        ),
        rijen,
        blad="Opdrachten",
    )


def te_laat(inhoud: model.Inhoud) -> Tabel | None:
    opd = inhoud["opdrachten"]
    regels = [r for r in (opd["regels"] if opd else []) if r["te_laat"]]
    if not regels:
        return None
    return Tabel(
        "te_laat",
        "Opdrachten die te laat zijn of te laat dreigen te worden, en waarom",
        (
            Kolom("Nummer"),
            Kolom("Opdracht"),
            Kolom("Deadline"),
            Kolom("Verwachte oplevering"),
            Kolom("Reden"),
        ),
        tuple(
            (
                Cel(r["nummer"]),
                Cel(_titel(r)),
                Cel(_datum(r["deadline"]), "datum"),
                Cel(_datum(r["verwachte_oplevering"]), "datum"),
                Cel(r["reden_te_laat"] or "Geen reden opgegeven."),
            )
            for r in regels
        ),
        blad="Te laat",
    )


def bestuursvragen(inhoud: model.Inhoud) -> Tabel | None:
    bv = inhoud["bestuursvragen"]
    if bv is None or not bv["regels"]:
        return None
    return Tabel(
        "bestuursvragen",
        "Bestuursvragen aan het college en de snelheid van het antwoord",
        (
            Kolom("Onderwerp"),
            Kolom("Gesteld op"),
            Kolom("Antwoord uiterlijk"),
            Kolom("Beantwoord op"),
            Kolom("Dagen tot antwoord", True),
            Kolom("Op tijd"),
        ),
        tuple(
            (
                Cel(v["onderwerp"]),
                Cel(_datum(v["gesteld_op"]), "datum"),
                Cel(_datum(v["uiterlijk"]), "datum"),
                Cel(_datum(v["beantwoord_op"]), "datum") if v["beantwoord_op"] else Cel("nog open"),
                Cel(v["dagen"], "getal"),
                Cel(v["op_tijd"], "janee") if v["op_tijd"] is not None else Cel("nog open"),
            )
            for v in bv["regels"]
        ),
        blad="Bestuursvragen",
    )


SOORT_ONDERDEEL = {"vast": "vaste bijdrage", "gebruik": "naar gebruik", "gezamenlijk": "gezamenlijk"}


def onderdelen(inhoud: model.Inhoud) -> Tabel | None:
    fin = inhoud["financien"]
    if fin is None or not fin["onderdelen"]:
        return None
    regels = fin["onderdelen"]
    return Tabel(
        "onderdelen",
        f"Bijdrage {fin['jaar']} per onderdeel van het verdeelmodel, tot {opmaak.datum(fin['tot'])}",
        (
            Kolom("Onderdeel"),
            Kolom("Soort"),
            Kolom("Bedrag excl. btw", True),
            Kolom("Btw", True),
            Kolom("Totaal incl. btw", True),
        ),
        tuple(
            (
                Cel(o["naam"]),
                Cel(SOORT_ONDERDEEL.get(o["soort"], o["soort"])),
                Cel(_d(o["bedrag"]), "euro"),
                Cel(_d(o["btw"]), "euro"),
                Cel(_d(o["totaal"]), "euro"),
            )
            for o in regels
        ),
        (
            Cel("Totaal"),
            Cel(""),
            Cel(_som([o["bedrag"] for o in regels]), "euro"),
            Cel(_som([o["btw"] for o in regels]), "euro"),
            Cel(_d(fin["totaal"]), "euro"),
        ),
        blad="Onderdelen",
    )


def kosten_per_opdracht(inhoud: model.Inhoud) -> Tabel | None:
    fin = inhoud["financien"]
    if fin is None or not fin["opdrachten"]:
        return None
    opd = inhoud["opdrachten"]
    per_nummer = {r["nummer"]: r for r in (opd["regels"] if opd else [])}
    rijen = []
    for k in fin["opdrachten"]:
        r = per_nummer.get(k["code"])
        rijen.append(
            (
                Cel("" if k["code"] == "vertrouwelijk" else k["code"]),
                Cel(k["naam"]),
                Cel(_d(k["uren"]), "uren"),
                Cel(_d(k["bedrag"]), "euro"),
                Cel(_d(r["raming_kosten"]) if r else None, "euro"),
                Cel(_d(r["kader_bedrag"]) if r else None, "euro"),
            )
        )
    return Tabel(
        "kosten_opdrachten",
        "Kosten per opdracht (uren × tarief en externe kosten) tegenover raming en kader",
        (
            Kolom("Nummer"),
            Kolom("Opdracht"),
            Kolom("Uren", True),
            Kolom("Kosten", True),
            Kolom("Raming", True),
            Kolom("Kader", True),
        ),
        tuple(rijen),
        (
            Cel("Totaal"),
            Cel(""),
            Cel(_som([k["uren"] for k in fin["opdrachten"]]), "uren"),
            Cel(_som([k["bedrag"] for k in fin["opdrachten"]]), "euro"),
            Cel(None, "euro"),
            Cel(None, "euro"),
        ),
        blad="Kosten per opdracht",
    )


def _kostenregels(
    sleutel: str, titel: str, eerste: str, regels: list[model.Kostenregel], blad: str
) -> Tabel | None:
    if not regels:
        return None
    return Tabel(
        sleutel,
        titel,
        (Kolom(eerste), Kolom("Naam"), Kolom("Uren", True), Kolom("Bedrag", True)),
        tuple(
            (Cel(k["code"]), Cel(k["naam"]), Cel(_d(k["uren"]), "uren"), Cel(_d(k["bedrag"]), "euro"))
            for k in regels
        ),
        (
            Cel("Totaal"),
            Cel(""),
            Cel(_som([k["uren"] for k in regels]), "uren"),
            Cel(_som([k["bedrag"] for k in regels]), "euro"),
        ),
        blad=blad,
    )


def regulier(inhoud: model.Inhoud) -> Tabel | None:
    fin = inhoud["financien"]
    return (
        None
        if fin is None
        else _kostenregels(
            "regulier", "Regulier werk per taakveld (Iv3)", "Taakveld", fin["regulier"], "Regulier werk"
        )
    )


def gezamenlijk(inhoud: model.Inhoud) -> Tabel | None:
    fin = inhoud["financien"]
    return (
        None
        if fin is None
        else _kostenregels(
            "gezamenlijk",
            "Aandeel in de gezamenlijke producten",
            "Product",
            fin["gezamenlijk"],
            "Gezamenlijke producten",
        )
    )


def voorschot(inhoud: model.Inhoud) -> Tabel | None:
    fin = inhoud["financien"]
    if fin is None or fin["verdeelmodel"] is None:
        return None
    totaal = _d(fin["totaal"])
    vs = _d(fin["voorschot"])
    rijen: list[tuple[Cel, ...]] = [
        (Cel(f"Kosten tot {opmaak.datum(fin['tot'])} (incl. btw)"), Cel(totaal, "euro")),
        (Cel(f"Voorschot tot {opmaak.datum(fin['tot'])}"), Cel(vs, "euro")),
        (
            Cel("Kosten min voorschot (positief: de gemeente betaalt bij)"),
            Cel(None if vs is None or totaal is None else totaal - vs, "euro"),
        ),
        (Cel(f"Voorschot heel {fin['jaar']}"), Cel(_d(fin["voorschot_jaar"]), "euro")),
        (Cel(f"Bijdrage in de begroting {fin['jaar']}"), Cel(_d(fin["begroting"]), "euro")),
        (Cel("Sleutelaandeel in het verdeelmodel"), Cel(_d(fin["sleutelaandeel"]), "procent")),
    ]
    return Tabel(
        "voorschot",
        "Kosten tegenover voorschot en begroting",
        (Kolom("Onderwerp"), Kolom("Bedrag", True)),
        tuple(rijen),
        blad="Voorschot",
    )


AFREKENING_STATUS = {"concept": "concept (nog niet vastgesteld)", "vastgesteld": "vastgesteld"}


def afrekening(inhoud: model.Inhoud) -> Tabel | None:
    fin = inhoud["financien"]
    a = fin["afrekening"] if fin else None
    if a is None:
        return None
    return Tabel(
        "afrekening",
        "Afrekening (saldo positief: de gemeente betaalt bij; negatief: de gemeente krijgt terug)",
        (
            Kolom("Status"),
            Kolom("Voorschot", True),
            Kolom("Realisatie", True),
            Kolom("Saldo", True),
            Kolom("Sleutelaandeel", True),
            Kolom("Urenaandeel", True),
        ),
        (
            (
                Cel(AFREKENING_STATUS.get(a["status"], a["status"])),
                Cel(_d(a["voorschot"]), "euro"),
                Cel(_d(a["realisatie"]), "euro"),
                Cel(_d(a["saldo"]), "euro"),
                Cel(_d(a["sleutelaandeel"]), "procent"),
                Cel(_d(a["urenaandeel"]), "procent"),
            ),
        ),
        blad="Afrekening",
    )


def oordeel(gehaald: bool | None) -> str:
    return "niet meetbaar" if gehaald is None else "gehaald" if gehaald else "niet gehaald"


TREND = {"beter": "▲ beter", "slechter": "▼ slechter", "gelijk": "= gelijk", "": "–"}


def normen(inhoud: model.Inhoud) -> Tabel | None:
    dv = inhoud["dienstverlening"]
    if dv is None or not dv["gemeten"] or not dv["normen"]:
        return None
    return Tabel(
        "normen",
        "Normen uit de dienstverleningsovereenkomst in de periode",
        (
            Kolom("Dienst"),
            Kolom("Norm"),
            Kolom("Afspraak"),
            Kolom("Behaald"),
            Kolom("Aantal zaken", True),
            Kolom("Oordeel"),
            Kolom("Trend"),
        ),
        tuple(
            (
                Cel(n["dienst"]),
                Cel(n["norm"]),
                Cel(n["doel"]),
                Cel(n["waarde"]),
                Cel(n["aantal"], "getal"),
                Cel(oordeel(n["gehaald"])),
                Cel(TREND.get(n["trend"], n["trend"])),
            )
            for n in dv["normen"]
        ),
        blad="Normen",
    )


def normtelling(inhoud: model.Inhoud) -> tuple[int, int, int] | None:
    """(met, missed, not measurable) of the report, or None when not measured."""
    dv = inhoud["dienstverlening"]
    if dv is not None:
        return (dv["gehaald"], dv["gemist"], dv["niet_meetbaar"]) if dv["gemeten"] else None
    kern = inhoud["kerncijfers"]
    if kern["normen_gehaald"] is None and kern["normen_gemist"] is None:
        return None
    return (kern["normen_gehaald"] or 0, kern["normen_gemist"] or 0, 0)


def normen_telling(inhoud: model.Inhoud) -> Tabel | None:
    telling = normtelling(inhoud)
    if telling is None:
        return None
    gehaald, gemist, niet = telling
    rijen = [(Cel("Gehaald"), Cel(gehaald, "getal")), (Cel("Niet gehaald"), Cel(gemist, "getal"))]
    if inhoud["dienstverlening"] is not None:
        rijen.append((Cel("Niet meetbaar (te weinig zaken)"), Cel(niet, "getal")))
    return Tabel(
        "normen_telling",
        "Aantal normen gehaald en niet gehaald",
        (Kolom("Oordeel"), Kolom("Aantal normen", True)),
        tuple(rijen),
        (Cel("Totaal"), Cel(sum(telling), "getal")),
        blad="Normen in aantallen",
    )


def robuustheid(inhoud: model.Inhoud) -> Tabel | None:
    r = inhoud["robuustheid"]
    if not r["kwetsbaar"]:
        return None
    return Tabel(
        "robuustheid",
        "Kwetsbare competenties: taken die op één of twee medewerkers rusten",
        (
            Kolom("Competentie"),
            Kolom("Eenheid"),
            Kolom("Medewerkers met deze competentie", True),
            Kolom("Diensten"),
        ),
        tuple(
            (
                Cel(k["competentie"]),
                Cel(k["eenheid"]),
                Cel(k["houders"], "getal"),
                Cel(", ".join(k["diensten"]) or "–"),
            )
            for k in r["kwetsbaar"]
        ),
        blad="Robuustheid",
    )


BOUWERS = (
    kerncijfers,
    partners,
    kosten_per_partner,
    opdrachten,
    te_laat,
    bestuursvragen,
    onderdelen,
    kosten_per_opdracht,
    regulier,
    gezamenlijk,
    voorschot,
    afrekening,
    normen,
    normen_telling,
    robuustheid,
)


def tabellen(inhoud: model.Inhoud) -> dict[str, Tabel]:
    """Every table the report has (a section without figures has none), by key, in the report's order."""
    uit: dict[str, Tabel] = {}
    for bouw in BOUWERS:
        tabel = bouw(inhoud)
        if tabel is not None:
            uit[tabel.sleutel] = tabel
    return uit
