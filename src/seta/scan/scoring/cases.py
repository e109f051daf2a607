"""The case base (``data/casussen.yaml``): loading, similarity and the agreement check.

Similarity is a weighted overlap of factor risk levels (asked and computed) between the scanned
configuration and each case, using only factors known on both sides, shrunk towards zero when
little is known so that a case with one matching fact does not look like a perfect match.

Print the agreement report used in ``docs/scan.md`` with::

    python -c "from seta.scan.scoring import agreement, agreement_report as r; print(r(agreement()))"
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from .model import (
    VERHOOGDE_RISICOS,
    Antwoorden,
    Bron,
    CasusMatch,
    FactorUitkomst,
    Partner,
    Risico,
)
from .questions import DATA_DIR, QuestionnaireError, check_regels, load_questions, parse_bron
from .rules import Regelset, load_rules

CASUSSEN_PATH = DATA_DIR / "casussen.yaml"

VORMEN = ("menu_1", "menu_2", "menu_3", "ambtelijke_fusie", "bestuurlijke_fusie")
UITKOMSTEN = ("gerealiseerd", "gestopt", "tijdelijk_stilgelegd", "doorgegroeid_naar_herindeling", "verkend")
GESTOPT = ("gestopt", "tijdelijk_stilgelegd")

#: Shrinkage in the similarity score: score = matched / (compared + SHRINK).
SHRINK = 3.0
#: Weight of the feature "same number of partners".
GEWICHT_AANTAL = 1.0

_UITKOMST_TEKST = {
    "gerealiseerd": "gerealiseerd",
    "gestopt": "niet doorgezet",
    "tijdelijk_stilgelegd": "tijdelijk stilgelegd",
    "doorgegroeid_naar_herindeling": "doorgegroeid naar herindeling",
    "verkend": "verkend",
}


class CaseBaseError(QuestionnaireError):
    """The case base is inconsistent."""


@dataclass(frozen=True)
class GenoemdeFactor:
    factor: str
    richting: Literal["gunstig", "ongunstig"]
    regels: str


@dataclass(frozen=True)
class Casus:
    id: str
    naam: str
    partners: tuple[Partner, ...]
    jaar: int | None
    vorm: str
    uitkomst: str
    genoemde_factoren: tuple[GenoemdeFactor, ...]
    antwoorden: Antwoorden
    bron: tuple[Bron, ...]
    toelichting: str
    interpretatie: str | None = None
    profiel: Mapping[str, Risico] = field(default_factory=dict)

    @property
    def aantal_partners(self) -> int:
        return max(len(self.partners), self.antwoorden.aantal_partners or 0)

    @property
    def gestopt(self) -> bool:
        return self.uitkomst in GESTOPT

    @property
    def uitkomst_tekst(self) -> str:
        return _UITKOMST_TEKST[self.uitkomst]


def _parse_casus(data: Mapping[str, Any], gemeenten: Any, regels: Regelset) -> Casus:
    from .engine import evaluate_factors
    from .io import resolve_partner, validate_answers

    cid = str(data.get("id", ""))
    ctx = f"casus {cid!r}"
    vragen = load_questions()
    partners = []
    for i, spec in enumerate(data.get("partners") or (), start=1):
        partner, fout = resolve_partner(spec, gemeenten, f"{ctx}, partner {i}")
        if fout or partner is None:
            raise CaseBaseError(fout or ctx)
        partners.append(partner)
    if not partners:
        raise CaseBaseError(f"{ctx}: geen partners")
    if data.get("vorm") not in VORMEN:
        raise CaseBaseError(f"{ctx}: onbekende vorm {data.get('vorm')!r}")
    if data.get("uitkomst") not in UITKOMSTEN:
        raise CaseBaseError(f"{ctx}: onbekende uitkomst {data.get('uitkomst')!r}")
    waarden, fouten = validate_answers(data.get("antwoorden") or {}, vragen, verplicht=False)
    if fouten:
        raise CaseBaseError(f"{ctx}: " + "; ".join(fouten))
    genoemd = []
    for item in data.get("genoemde_factoren") or ():
        if item["factor"] not in regels.factoren:
            raise CaseBaseError(f"{ctx}: onbekende factor {item['factor']!r}")
        if item["richting"] not in ("gunstig", "ongunstig"):
            raise CaseBaseError(f"{ctx}: richting moet 'gunstig' of 'ongunstig' zijn")
        check_regels(str(item["regels"]), ctx)
        genoemd.append(GenoemdeFactor(item["factor"], item["richting"], str(item["regels"])))
    antwoorden = Antwoorden(waarden=waarden, aantal_partners=data.get("aantal_partners"))
    profiel = {f.factor: f.risico for f in evaluate_factors(partners, antwoorden, regels, vragen)}
    return Casus(
        id=cid,
        naam=str(data["naam"]),
        partners=tuple(partners),
        jaar=data.get("jaar"),
        vorm=str(data["vorm"]),
        uitkomst=str(data["uitkomst"]),
        genoemde_factoren=tuple(genoemd),
        antwoorden=antwoorden,
        bron=tuple(parse_bron(b, ctx) for b in data.get("bron") or ()),
        toelichting=" ".join(str(data.get("toelichting", "")).split()),
        interpretatie=data.get("interpretatie"),
        profiel=profiel,
    )


def parse_cases(
    data: Mapping[str, Any], gemeenten: Any = None, regels: Regelset | None = None
) -> tuple[Casus, ...]:
    from .io import _default_gemeenten

    regels = regels or load_rules()
    gemeenten = gemeenten if gemeenten is not None else _default_gemeenten()
    casussen = tuple(_parse_casus(item, gemeenten, regels) for item in data["casussen"])
    ids = [c.id for c in casussen]
    dubbel = {i for i in ids if ids.count(i) > 1}
    if dubbel:
        raise CaseBaseError(f"dubbele casus-id's: {sorted(dubbel)}")
    return casussen


@cache
def _load_default() -> tuple[Casus, ...]:
    with CASUSSEN_PATH.open(encoding="utf-8") as fh:
        return parse_cases(yaml.safe_load(fh))


def load_cases(path: Path | None = None, gemeenten: Any = None) -> tuple[Casus, ...]:
    """Load and validate the case base; ``gemeenten`` is a lookup as in :mod:`.io`."""
    if path is None and gemeenten is None:
        return _load_default()
    with Path(path or CASUSSEN_PATH).open(encoding="utf-8") as fh:
        return parse_cases(yaml.safe_load(fh), gemeenten)


# --------------------------------------------------------------------------- similarity


def _band(risico: Risico) -> str:
    return "verhoogd" if risico in VERHOOGDE_RISICOS else "niet verhoogd"


def similarity(
    factoren: Sequence[FactorUitkomst], aantal: int, casus: Casus, regels: Regelset
) -> tuple[float, list[str], list[str]]:
    """Weighted overlap between a scan's factors and a case's profile, with the explanation.

    Same risk level: full weight; same band (elevated or not): three quarters; otherwise nothing.
    Only factors known on both sides count; 'same number of partners' is an extra feature.
    """
    matched = compared = 0.0
    overeenkomsten: list[str] = []
    verschillen: list[str] = []
    for f in factoren:
        theirs = casus.profiel.get(f.factor, "onbekend")
        if f.risico == "onbekend" or theirs == "onbekend":
            continue
        gewicht = float(regels.factoren[f.factor].gewicht)
        compared += gewicht
        if theirs == f.risico:
            matched += gewicht
            overeenkomsten.append(f"{f.titel}: {f.risico} in beide")
        elif _band(theirs) == _band(f.risico):
            matched += 0.75 * gewicht
            overeenkomsten.append(f"{f.titel}: {f.risico} hier, {theirs} bij de casus")
        else:
            verschillen.append(f"{f.titel}: {f.risico} hier, {theirs} bij de casus")
    if aantal >= 2:
        compared += GEWICHT_AANTAL
        if aantal == casus.aantal_partners:
            matched += GEWICHT_AANTAL
            overeenkomsten.append(f"zelfde aantal partners ({aantal})")
        else:
            verschillen.append(f"aantal partners: {aantal} hier, {casus.aantal_partners} bij de casus")
    return matched / (compared + SHRINK), overeenkomsten, verschillen


def most_similar(
    factoren: Sequence[FactorUitkomst],
    aantal: int,
    casussen: Sequence[Casus],
    regels: Regelset | None = None,
    k: int = 3,
) -> tuple[CasusMatch, ...]:
    """The ``k`` most similar cases, best first, each with what matched and what differed."""
    regels = regels or load_rules()
    scored = []
    for casus in casussen:
        score, plus, minus = similarity(factoren, aantal, casus, regels)
        if score > 0:
            scored.append((score, len(plus), casus, plus, minus))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2].naam))
    return tuple(
        CasusMatch(
            casus_id=c.id,
            naam=c.naam,
            score=round(score, 3),
            uitkomst=c.uitkomst,
            vorm=c.vorm,
            jaar=c.jaar,
            overeenkomsten=tuple(plus),
            verschillen=tuple(minus),
            bron=c.bron,
        )
        for score, _, c, plus, minus in scored[:k]
    )


# --------------------------------------------------------------------------- agreement


@dataclass(frozen=True)
class FactorCheck:
    casus_id: str
    factor: str
    richting: str
    risico: Risico
    klopt: bool


@dataclass(frozen=True)
class VormCheck:
    casus_id: str
    menu: str
    rang: int
    aantal_menus: int
    status: str
    klopt: bool


@dataclass(frozen=True)
class Overeenstemming:
    """How well the rules table reproduces what the seed says about its own cases."""

    aantal_casussen: int
    per_uitkomst: Mapping[str, int]
    gestopt_met_factoren: int
    gestopt_zonder_factoren: tuple[str, ...]
    faalfactoren: tuple[FactorCheck, ...]
    gunstige_factoren: tuple[FactorCheck, ...]
    vormen: tuple[VormCheck, ...]
    gerealiseerd_met_verhoogd_risico: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def faalfactoren_kloppend(self) -> int:
        return sum(c.klopt for c in self.faalfactoren)

    @property
    def gunstig_kloppend(self) -> int:
        return sum(c.klopt for c in self.gunstige_factoren)


#: The menu whose factor weights apply to a case's form. The seed often only says "ambtelijke
#: fusie" without naming the menu; those are read as Menu 2, the seed's end model.
VORM_MENU = {
    "menu_1": "menu_1",
    "menu_2": "menu_2",
    "menu_3": "menu_3",
    "ambtelijke_fusie": "menu_2",
    "bestuurlijke_fusie": "bestuurlijke_fusie",
}

#: The two realised cases whose chosen form the scan must not advise against.
VORM_CONTROLES = {"bel": "menu_2", "groningen_ten_boer": "menu_3"}


def agreement(casussen: Sequence[Casus] | None = None, regels: Regelset | None = None) -> Overeenstemming:
    """Feed each case's seed-implied answers through the scan and compare with what the seed says."""
    from .engine import scan

    casussen = casussen if casussen is not None else load_cases()
    regels = regels or load_rules()
    faal: list[FactorCheck] = []
    gunstig: list[FactorCheck] = []
    vormen: list[VormCheck] = []
    zonder: list[str] = []
    realised_flags: list[tuple[str, tuple[str, ...]]] = []
    for casus in casussen:
        for g in casus.genoemde_factoren:
            risico = casus.profiel.get(g.factor, "onbekend")
            if g.richting == "ongunstig" and casus.gestopt:
                faal.append(FactorCheck(casus.id, g.factor, g.richting, risico, risico in VERHOOGDE_RISICOS))
            elif g.richting == "gunstig":
                gunstig.append(
                    FactorCheck(casus.id, g.factor, g.richting, risico, risico in ("laag", "matig"))
                )
        if casus.gestopt and not any(g.richting == "ongunstig" for g in casus.genoemde_factoren):
            zonder.append(casus.id)
        if casus.uitkomst in ("gerealiseerd", "doorgegroeid_naar_herindeling"):
            menu = VORM_MENU[casus.vorm]
            flagged = tuple(
                f
                for f, r in casus.profiel.items()
                if r in VERHOOGDE_RISICOS and regels.factoren[f].weging.get(menu, 0)
            )
            if flagged:
                realised_flags.append((casus.id, flagged))
        if casus.id in VORM_CONTROLES:
            menu = VORM_CONTROLES[casus.id]
            result = scan(casus.partners, casus.antwoorden, regels=regels, casussen=())
            advies = result.advies.voor(menu)
            n = len(result.advies.menus)
            vormen.append(
                VormCheck(
                    casus.id,
                    menu,
                    advies.rang,
                    n,
                    advies.status,
                    advies.rang < n and advies.status != "ontraden",
                )
            )
    per_uitkomst: dict[str, int] = {}
    for casus in casussen:
        per_uitkomst[casus.uitkomst] = per_uitkomst.get(casus.uitkomst, 0) + 1
    gestopt = [c for c in casussen if c.gestopt]
    return Overeenstemming(
        aantal_casussen=len(casussen),
        per_uitkomst=per_uitkomst,
        gestopt_met_factoren=len(gestopt) - len(zonder),
        gestopt_zonder_factoren=tuple(zonder),
        faalfactoren=tuple(faal),
        gunstige_factoren=tuple(gunstig),
        vormen=tuple(vormen),
        gerealiseerd_met_verhoogd_risico=tuple(realised_flags),
    )


def agreement_report(o: Overeenstemming) -> str:
    """Plain-text agreement report (English, for docs/scan.md)."""
    lines = [
        f"Cases in the case base: {o.aantal_casussen} "
        + "("
        + ", ".join(f"{k}: {v}" for k, v in sorted(o.per_uitkomst.items()))
        + ")",
        f"Stopped cases (gestopt + tijdelijk_stilgelegd): {o.gestopt_met_factoren + len(o.gestopt_zonder_factoren)}; "
        f"with failure factors named by the seed: {o.gestopt_met_factoren}; "
        f"without (seed names no cause): {len(o.gestopt_zonder_factoren)} ({', '.join(o.gestopt_zonder_factoren)})",
        f"Failure factors named for stopped cases that come out verhoogd/hoog: "
        f"{o.faalfactoren_kloppend}/{len(o.faalfactoren)}",
    ]
    for c in o.faalfactoren:
        lines.append(f"  {'ok ' if c.klopt else 'NO '} {c.casus_id}: {c.factor} -> {c.risico}")
    lines.append(
        f"Favourable conditions named by the seed that come out laag/matig: "
        f"{o.gunstig_kloppend}/{len(o.gunstige_factoren)}"
    )
    for c in o.gunstige_factoren:
        lines.append(f"  {'ok ' if c.klopt else 'NO '} {c.casus_id}: {c.factor} -> {c.risico}")
    lines.append("Chosen form not advised against (not last, not 'ontraden'):")
    for v in o.vormen:
        lines.append(
            f"  {'ok ' if v.klopt else 'NO '} {v.casus_id}: {v.menu} rank {v.rang}/{v.aantal_menus}, status {v.status}"
        )
    lines.append(
        f"Realised cases with at least one elevated risk that counts for their form: "
        f"{len(o.gerealiseerd_met_verhoogd_risico)}"
    )
    for cid, flags in o.gerealiseerd_met_verhoogd_risico:
        lines.append(f"  {cid}: {', '.join(flags)}")
    return "\n".join(lines)
