"""Load the rules table (``data/regels.yaml``) and apply it to answers.

The table is data, not code: every weight, threshold and sentence lives in the YAML file with the
seed passage it rests on. This module only interprets it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

import yaml

from .model import (
    MENUS,
    RISICO_NIVEAUS,
    WEET_NIET,
    Antwoordwaarde,
    Bron,
    Risico,
    Voorbehoud,
    Zekerheid,
)
from .questions import DATA_DIR, QuestionnaireError, Vragenlijst, load_questions, parse_bron

REGELS_PATH = DATA_DIR / "regels.yaml"


class RulesError(QuestionnaireError):
    """The rules table is inconsistent with itself or with the questionnaire."""


@dataclass(frozen=True)
class Drempel:
    """One band of a numeric threshold list: ``[vanaf, tot_en_met]`` or ``< onder``."""

    risico: Risico
    vanaf: float | None = None
    tot_en_met: float | None = None
    onder: float | None = None

    def past(self, waarde: float) -> bool:
        if self.vanaf is not None and waarde < self.vanaf:
            return False
        if self.tot_en_met is not None and waarde > self.tot_en_met:
            return False
        return not (self.onder is not None and waarde >= self.onder)


@dataclass(frozen=True)
class FactorRegel:
    id: str
    titel: str
    soort: str  # gevraagd | berekend
    gewicht: int
    zekerheid: Zekerheid
    bron: Bron
    redenen: Mapping[str, str]
    weging: Mapping[str, float]
    werkpunt_tekst: str
    werkpunt_bron: Bron
    vraag: str | None = None
    #: Discrete mapping answer -> risk (asked factors, provinces, host fit).
    drempels: Mapping[str, Risico] | None = None
    #: Numeric bands (number of partners, size ratio).
    banden: tuple[Drempel, ...] = ()
    voorbehoud: str | None = None
    drempel_herkomst: str | None = None
    maatstaf: str | None = None
    grens_verhouding: float | None = None
    zie_ook: tuple[Bron, ...] = ()

    def risico_voor(self, antwoord: Antwoordwaarde) -> Risico:
        """Map an answer to a risk level using the discrete thresholds."""
        if antwoord == WEET_NIET or self.drempels is None:
            return "onbekend"
        return self.drempels.get(str(antwoord), "onbekend")

    def risico_voor_getal(self, waarde: float) -> Risico:
        for band in self.banden:
            if band.past(waarde):
                return band.risico
        return "onbekend"

    def reden_sleutel(self, risico: Risico) -> str:
        """Which of the factor's sentences explains this risk level."""
        if risico == "onbekend":
            return "onbekend"
        if risico == "laag":
            return "gunstig"
        if risico == "matig" and "neutraal" in self.redenen:
            return "neutraal"
        return "ongunstig"


@dataclass(frozen=True)
class MenuRegel:
    id: str
    naam: str
    bron: Bron
    basis: float | None
    basis_herkomst: str | None
    figuur3_kolom: str | None


@dataclass(frozen=True)
class Figuur3Rij:
    id: str
    punt: str
    tekens: Mapping[str, str]


@dataclass(frozen=True)
class Aanpassing:
    """A bonus or malus for a menu under a condition (a preference or a circumstance)."""

    id: str
    als: Mapping[str, Any]
    reden: str
    bron: Bron
    menu: str | None = None
    punten: float = 0.0
    figuur3_punt: str | None = None
    punten_per_teken: float = 0.0


@dataclass(frozen=True)
class OntradenRegel:
    id: str
    menus: tuple[str, ...]
    als: Mapping[str, Any]
    reden: str
    bron: Bron


@dataclass(frozen=True)
class DealbreakerRegel:
    """A factor that on its own stops the forms in ``blokkeert`` when its risk is in ``risico_in``.

    ``tenzij_alle_onder``: the rule does not apply when every partner has fewer inhabitants than this
    (the seed's "tenzij het hele kleine gemeenten zijn"; the figure is a project choice, see
    ``tenzij_herkomst``). An unknown population never triggers the exception.
    """

    id: str
    factor: str
    risico_in: tuple[str, ...]
    blokkeert: tuple[str, ...]
    eerst_oplossen: str
    bron: Bron
    tenzij_alle_onder: int | None = None
    tenzij_herkomst: str | None = None
    #: What the reader is told to resolve ("een verborgen financieel probleem"); else the factor's title.
    titel: str | None = None


@dataclass(frozen=True)
class Regelset:
    versie: int
    risicopunten: Mapping[str, int]
    strafdeler: float
    menus: Mapping[str, MenuRegel]
    figuur3_titel: str
    figuur3_bron: Bron
    figuur3_kolommen: Mapping[str, str]
    tekenwaarde: Mapping[str, int]
    figuur3: tuple[Figuur3Rij, ...]
    factoren: Mapping[str, FactorRegel]
    aanpassingen: tuple[Aanpassing, ...]
    ontraden: tuple[OntradenRegel, ...]
    voorbehouden: tuple[Voorbehoud, ...]
    dealbreakers: tuple[DealbreakerRegel, ...] = ()
    #: Answers that only express a preference (not a condition of the seed); see ``voorkeur_max``.
    voorkeuren: tuple[str, ...] = ()
    #: The most points a single mild preference may move any menu (the documented weighting).
    voorkeur_max: float = 0.5
    #: The seed's core conditions for cooperation; when all are met, a cooperation form goes first.
    kernvoorwaarden: tuple[str, ...] = ()
    kernvoorwaarden_bron: Bron | None = None

    def basis(self, menu: str) -> float:
        """Base score of a menu: mean Figure 3 sign value, or the fixed project choice."""
        regel = self.menus[menu]
        if regel.figuur3_kolom is not None:
            values = [self.tekenwaarde[rij.tekens[regel.figuur3_kolom]] for rij in self.figuur3]
            return sum(values) / len(values)
        assert regel.basis is not None
        return regel.basis

    def figuur3_rij(self, rij_id: str) -> Figuur3Rij:
        for rij in self.figuur3:
            if rij.id == rij_id:
                return rij
        raise KeyError(rij_id)


def _risico(value: Any, ctx: str) -> Risico:
    if value not in RISICO_NIVEAUS:
        raise RulesError(f"{ctx}: onbekend risiconiveau {value!r}")
    return cast(Risico, value)


def _parse_factor(fid: str, data: Mapping[str, Any], standaard: Mapping[str, float]) -> FactorRegel:
    ctx = f"factor {fid!r}"
    soort = data.get("soort")
    if soort not in ("gevraagd", "berekend"):
        raise RulesError(f"{ctx}: soort moet 'gevraagd' of 'berekend' zijn")
    gewicht = data.get("gewicht")
    if gewicht not in (1, 2, 3):
        raise RulesError(f"{ctx}: gewicht moet 1, 2 of 3 zijn")
    zekerheid = data.get("zekerheid")
    if zekerheid not in ("beperkt", "redelijk"):
        raise RulesError(f"{ctx}: zekerheid moet 'beperkt' of 'redelijk' zijn")
    weging = dict(standaard)
    for menu, value in (data.get("weging") or {}).items():
        if menu not in MENUS:
            raise RulesError(f"{ctx}: weging voor onbekend menu {menu!r}")
        weging[menu] = float(value)
    raw = data.get("drempels")
    drempels: dict[str, Risico] | None = None
    banden: tuple[Drempel, ...] = ()
    if isinstance(raw, Mapping):
        drempels = {str(k): _risico(v, ctx) for k, v in raw.items()}
    elif isinstance(raw, list):
        banden = tuple(
            Drempel(
                risico=_risico(item.get("risico"), ctx),
                vanaf=item.get("vanaf"),
                tot_en_met=item.get("tot_en_met"),
                onder=item.get("onder"),
            )
            for item in raw
        )
    else:
        raise RulesError(f"{ctx}: drempels ontbreken")
    redenen = {str(k): " ".join(str(v).split()) for k, v in (data.get("redenen") or {}).items()}
    if "ongunstig" not in redenen and soort == "gevraagd":
        raise RulesError(f"{ctx}: een ongunstige reden ontbreekt")
    werkpunt = data.get("werkpunt") or {}
    if not werkpunt.get("tekst"):
        raise RulesError(f"{ctx}: werkpunt ontbreekt")
    return FactorRegel(
        id=fid,
        titel=str(data["titel"]),
        soort=soort,
        gewicht=int(gewicht),
        zekerheid=cast(Zekerheid, zekerheid),
        bron=parse_bron(data.get("bron"), ctx),
        redenen=redenen,
        weging=weging,
        werkpunt_tekst=" ".join(str(werkpunt["tekst"]).split()),
        werkpunt_bron=parse_bron(werkpunt.get("bron"), ctx),
        vraag=data.get("vraag"),
        drempels=drempels,
        banden=banden,
        voorbehoud=" ".join(str(data["voorbehoud"]).split()) if data.get("voorbehoud") else None,
        drempel_herkomst=" ".join(str(data["drempel_herkomst"]).split())
        if data.get("drempel_herkomst")
        else None,
        maatstaf=data.get("maatstaf"),
        grens_verhouding=float(data["grens_verhouding"]) if "grens_verhouding" in data else None,
        zie_ook=tuple(parse_bron(b, ctx) for b in data.get("zie_ook") or ()),
    )


def parse_rules(data: Mapping[str, Any], vragen: Vragenlijst | None = None) -> Regelset:
    """Validate a parsed rules document, cross-checking it against the questionnaire."""
    vragen = vragen or load_questions()
    standaard = {str(k): float(v) for k, v in (data.get("standaard_weging") or {}).items()}
    if set(standaard) != set(MENUS):
        raise RulesError("standaard_weging moet elk menu noemen")
    menus: dict[str, MenuRegel] = {}
    for mid, mdata in (data.get("menus") or {}).items():
        menus[mid] = MenuRegel(
            id=mid,
            naam=str(mdata["naam"]),
            bron=parse_bron(mdata.get("bron"), f"menu {mid!r}"),
            basis=float(mdata["basis"]) if "basis" in mdata else None,
            basis_herkomst=" ".join(str(mdata["basis_herkomst"]).split())
            if mdata.get("basis_herkomst")
            else None,
            figuur3_kolom=mdata.get("figuur3_kolom"),
        )
    if tuple(menus) != MENUS:
        raise RulesError(f"menus moeten precies {MENUS} zijn, in die volgorde")
    fig = data["figuur3"]
    tekenwaarde = {str(k): int(v) for k, v in fig["tekenwaarde"].items()}
    rijen = []
    for rij in fig["punten"]:
        tekens = {m: str(rij[m]) for m in ("menu_1", "menu_2", "menu_3")}
        for teken in tekens.values():
            if teken not in tekenwaarde:
                raise RulesError(f"Figuur 3, punt {rij['id']!r}: onbekend teken {teken!r}")
        rijen.append(Figuur3Rij(id=str(rij["id"]), punt=str(rij["punt"]), tekens=tekens))
    for menu in menus.values():
        if menu.figuur3_kolom is None and menu.basis is None:
            raise RulesError(f"menu {menu.id!r}: basis of figuur3_kolom nodig")
    factoren = {fid: _parse_factor(fid, fdata, standaard) for fid, fdata in data["factoren"].items()}
    for regel in factoren.values():
        if regel.vraag is None:
            continue
        vraag = vragen.get(regel.vraag)
        if vraag is None:
            raise RulesError(f"factor {regel.id!r}: vraag {regel.vraag!r} staat niet in de vragenlijst")
        if regel.soort == "gevraagd":
            assert regel.drempels is not None
            expected = {str(v) for v in vraag.toegestane_waarden()}
            if set(regel.drempels) != expected:
                raise RulesError(
                    f"factor {regel.id!r}: drempels {sorted(regel.drempels)} dekken niet precies "
                    f"de antwoorden {sorted(expected)}"
                )
    aanpassingen = tuple(
        Aanpassing(
            id=str(a["id"]),
            als=a["als"],
            reden=" ".join(str(a["reden"]).split()),
            bron=parse_bron(a.get("bron"), f"aanpassing {a['id']!r}"),
            menu=a.get("menu"),
            punten=float(a.get("punten", 0.0)),
            figuur3_punt=a.get("figuur3_punt"),
            punten_per_teken=float(a.get("punten_per_teken", 0.0)),
        )
        for a in data.get("aanpassingen") or ()
    )
    for a in aanpassingen:
        if a.menu is not None and a.menu not in MENUS:
            raise RulesError(f"aanpassing {a.id!r}: onbekend menu {a.menu!r}")
        _check_conditie(a.als, factoren, vragen, f"aanpassing {a.id!r}")
    ontraden = tuple(
        OntradenRegel(
            id=str(o["id"]),
            menus=tuple(o["menus"]),
            als=o["als"],
            reden=" ".join(str(o["reden"]).split()),
            bron=parse_bron(o.get("bron"), f"ontraden {o['id']!r}"),
        )
        for o in data.get("ontraden") or ()
    )
    for o in ontraden:
        _check_conditie(o.als, factoren, vragen, f"ontraden {o.id!r}")
    voorbehouden = tuple(
        Voorbehoud(tekst=" ".join(str(v["tekst"]).split()), bron=parse_bron(v.get("bron"), "voorbehoud"))
        for v in data.get("voorbehouden") or ()
    )
    dealbreakers = []
    for d in data.get("dealbreakers") or ():
        ctx = f"dealbreaker {d.get('id')!r}"
        if d.get("factor") not in factoren:
            raise RulesError(f"{ctx}: onbekende factor {d.get('factor')!r}")
        blokkeert = tuple(str(m) for m in d.get("blokkeert") or ())
        if not blokkeert or any(m not in MENUS for m in blokkeert) or "stand_alone" in blokkeert:
            raise RulesError(f"{ctx}: 'blokkeert' moet menu's noemen (nooit stand_alone)")
        dealbreakers.append(
            DealbreakerRegel(
                id=str(d["id"]),
                factor=str(d["factor"]),
                risico_in=tuple(_risico(r, ctx) for r in d.get("risico_in") or ("hoog",)),
                blokkeert=blokkeert,
                eerst_oplossen=" ".join(str(d["eerst_oplossen"]).split()),
                bron=parse_bron(d.get("bron"), ctx),
                titel=str(d["titel"]) if d.get("titel") else None,
                tenzij_alle_onder=int(d["tenzij_alle_onder"]) if "tenzij_alle_onder" in d else None,
                tenzij_herkomst=" ".join(str(d["tenzij_herkomst"]).split())
                if d.get("tenzij_herkomst")
                else None,
            )
        )
    voorkeuren = tuple(str(v) for v in data.get("voorkeuren") or ())
    for vid in voorkeuren:
        if vragen.get(vid) is None:
            raise RulesError(f"voorkeuren: onbekende vraag {vid!r}")
    kern = data.get("kernvoorwaarden") or {}
    kernvoorwaarden = tuple(str(f) for f in kern.get("factoren") or ())
    for fid in kernvoorwaarden:
        if fid not in factoren:
            raise RulesError(f"kernvoorwaarden: onbekende factor {fid!r}")
    return Regelset(
        kernvoorwaarden=kernvoorwaarden,
        kernvoorwaarden_bron=parse_bron(kern["bron"], "kernvoorwaarden") if kern.get("bron") else None,
        versie=int(data.get("versie", 1)),
        risicopunten={str(k): int(v) for k, v in data["risicopunten"].items()},
        strafdeler=float(data.get("strafdeler", 1.0)),
        menus=menus,
        figuur3_titel=str(fig["titel"]),
        figuur3_bron=parse_bron(fig.get("bron"), "figuur3"),
        figuur3_kolommen={str(k): str(v) for k, v in fig["kolommen"].items()},
        tekenwaarde=tekenwaarde,
        figuur3=tuple(rijen),
        factoren=factoren,
        aanpassingen=aanpassingen,
        ontraden=ontraden,
        voorbehouden=voorbehouden,
        dealbreakers=tuple(dealbreakers),
        voorkeuren=voorkeuren,
        voorkeur_max=float(data.get("voorkeur_max", 0.5)),
    )


def _check_conditie(
    als: Mapping[str, Any], factoren: Mapping[str, FactorRegel], vragen: Vragenlijst, ctx: str
) -> None:
    if "factor" in als and als["factor"] not in factoren:
        raise RulesError(f"{ctx}: onbekende factor {als['factor']!r}")
    if "vraag" in als and vragen.get(als["vraag"]) is None:
        raise RulesError(f"{ctx}: onbekende vraag {als['vraag']!r}")
    for vid in als.get("gemiddelde_van", ()):
        if vragen.get(vid) is None:
            raise RulesError(f"{ctx}: onbekende vraag {vid!r}")


def conditie_geldt(
    als: Mapping[str, Any], antwoorden: Mapping[str, Antwoordwaarde], risicos: Mapping[str, Risico]
) -> bool:
    """Evaluate an ``als`` condition of the rules table."""
    if "factor" in als:
        return risicos.get(als["factor"], "onbekend") in als.get("risico_in", ())
    if "vraag" in als:
        waarde = antwoorden.get(als["vraag"], WEET_NIET)
        return waarde != WEET_NIET and str(waarde) in {str(v) for v in als.get("in", ())}
    if "gemiddelde_van" in als:
        getallen = [antwoorden.get(v) for v in als["gemiddelde_van"]]
        bekend = [g for g in getallen if isinstance(g, int)]
        # Only when every named question is answered: no conclusion from partial data.
        if len(bekend) != len(getallen):
            return False
        return sum(bekend) / len(bekend) >= float(als["minstens"])
    raise RulesError(f"onbekende conditie {dict(als)!r}")


@cache
def _load_default() -> Regelset:
    with REGELS_PATH.open(encoding="utf-8") as fh:
        return parse_rules(yaml.safe_load(fh))


def load_rules(path: Path | None = None) -> Regelset:
    """Load and validate the rules table; the bundled one unless ``path`` is given."""
    if path is None:
        return _load_default()
    with Path(path).open(encoding="utf-8") as fh:
        return parse_rules(yaml.safe_load(fh))
