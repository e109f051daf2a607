"""The case base (``data/casussen.yaml``): loading, similarity, the consistency check and the validation.

Similarity is a weighted overlap of factor risk levels (asked and computed) between the scanned
configuration and each case, using only factors known on both sides, shrunk towards zero when
little is known so that a case with one matching fact does not look like a perfect match.

The **consistency check** (:func:`consistency_check`, formerly "agreement") shows that the rules table does not
contradict what the seed says about its own cases; it is circular by construction (the case answers and the
thresholds were written from the same passages) and is *not* a validation. The validation that can fail
(:func:`validate`, ADR 0052, ``seta scan-validatie``) adds the structural-only figures, a leave-one-out outcome
test and the agreement between two independent encodings of the cases (``casussen-tweede-hand.yaml``).
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


# --------------------------------------------------------------------------- consistency check


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
class Consistentie:
    """The consistency check: does the rules table reproduce what the seed says about its own cases?

    Circular by construction (answers and thresholds come from the same passages); not a validation."""

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


def consistency_check(
    casussen: Sequence[Casus] | None = None, regels: Regelset | None = None
) -> Consistentie:
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
    return Consistentie(
        aantal_casussen=len(casussen),
        per_uitkomst=per_uitkomst,
        gestopt_met_factoren=len(gestopt) - len(zonder),
        gestopt_zonder_factoren=tuple(zonder),
        faalfactoren=tuple(faal),
        gunstige_factoren=tuple(gunstig),
        vormen=tuple(vormen),
        gerealiseerd_met_verhoogd_risico=tuple(realised_flags),
    )


def consistency_report(o: Consistentie) -> str:
    """Plain-text consistency-check report (English, for docs/scan.md)."""
    lines = [
        "Consistency check (circular by construction: answers and thresholds come from the same passages)",
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


#: Former names (before issue 15); the check is called the consistency check everywhere now.
Overeenstemming = Consistentie
agreement = consistency_check
agreement_report = consistency_report


# --------------------------------------------------------------------------- validation (issue 15, ADR 0052)

TWEEDE_HAND_PATH = DATA_DIR / "casussen-tweede-hand.yaml"

#: Outcome classes of the leave-one-out test; 'verkend' (explored, no decision) has none.
KLASSE = {
    "gerealiseerd": "gerealiseerd",
    "gestopt": "gestopt",
    "tijdelijk_stilgelegd": "gestopt",
    "doorgegroeid_naar_herindeling": "doorgegroeid",
}
KLASSEN = ("gestopt", "gerealiseerd", "doorgegroeid")
#: Number of nearest cases that vote in the leave-one-out test.
K_BUREN = 3


def _structurele_ids(regels: Regelset) -> tuple[str, ...]:
    return tuple(f.id for f in regels.factoren.values() if f.soort == "berekend")


def _telt_voor(regels: Regelset, factor: str, vorm: str) -> bool:
    return bool(regels.factoren[factor].weging.get(VORM_MENU[vorm], 0))


@dataclass(frozen=True)
class Structureel:
    """The part of the check that uses only factors computed from structural data (partners, sizes, provinces)."""

    factoren: tuple[str, ...]
    faalfactoren: tuple[FactorCheck, ...]
    gunstige_factoren: tuple[FactorCheck, ...]
    #: per class: (cases with an elevated structural factor that counts for their form, cases in the class)
    verhoogd_per_klasse: Mapping[str, tuple[int, int]]
    per_casus: tuple[tuple[str, str, tuple[str, ...]], ...]


def structural_check(
    casussen: Sequence[Casus] | None = None,
    regels: Regelset | None = None,
    consistentie: Consistentie | None = None,
) -> Structureel:
    """Structural factors only, from the partner list alone (every answer 'weet niet')."""
    from .engine import evaluate_factors

    casussen = casussen if casussen is not None else load_cases()
    regels = regels or load_rules()
    consistentie = consistentie or consistency_check(casussen, regels)
    ids = _structurele_ids(regels)
    per_casus = []
    telling: dict[str, list[int]] = {k: [0, 0] for k in KLASSEN}
    for casus in casussen:
        klasse = KLASSE.get(casus.uitkomst)
        if klasse is None:
            continue
        kaal = Antwoorden(aantal_partners=casus.antwoorden.aantal_partners)
        verhoogd = tuple(
            f.factor
            for f in evaluate_factors(casus.partners, kaal, regels)
            if f.factor in ids and f.verhoogd and _telt_voor(regels, f.factor, casus.vorm)
        )
        telling[klasse][1] += 1
        telling[klasse][0] += bool(verhoogd)
        per_casus.append((casus.id, klasse, verhoogd))
    return Structureel(
        factoren=ids,
        faalfactoren=tuple(c for c in consistentie.faalfactoren if c.factor in ids),
        gunstige_factoren=tuple(c for c in consistentie.gunstige_factoren if c.factor in ids),
        verhoogd_per_klasse={k: (v[0], v[1]) for k, v in telling.items()},
        per_casus=tuple(per_casus),
    )


@dataclass(frozen=True)
class LooVoorspelling:
    casus_id: str
    werkelijk: str
    regel: str  # the rule's prediction: gestopt | gerealiseerd
    buren: str | None  # the nearest cases' majority class, None when no case is similar at all
    buren_ids: tuple[str, ...]
    buren_zelfde: int  # how many of the nearest cases have the same outcome class
    achtergehouden: tuple[str, ...]


@dataclass(frozen=True)
class LeaveOneOut:
    """For each case: removed from the case base, its named factors withheld; what do its answers predict?"""

    voorspellingen: tuple[LooVoorspelling, ...]

    def _telling(self, attr: str) -> dict[tuple[str, str], int]:
        out: dict[tuple[str, str], int] = {}
        for v in self.voorspellingen:
            key = (v.werkelijk, getattr(v, attr) or "geen")
            out[key] = out.get(key, 0) + 1
        return out

    @property
    def verwarring_regel(self) -> dict[tuple[str, str], int]:
        """Confusion table (actual, predicted) -> count for the rule."""
        return self._telling("regel")

    @property
    def verwarring_buren(self) -> dict[tuple[str, str], int]:
        """Confusion table (actual, predicted or 'geen') -> count for the nearest cases."""
        return self._telling("buren")

    @property
    def n(self) -> int:
        return len(self.voorspellingen)

    @property
    def goed_regel(self) -> int:
        return sum(v.regel == v.werkelijk for v in self.voorspellingen)

    @property
    def goed_buren(self) -> int:
        return sum(v.buren == v.werkelijk for v in self.voorspellingen)

    @property
    def buren_zelfde(self) -> tuple[int, int]:
        """(nearest cases with the same outcome class, nearest cases listed), over all held-out cases."""
        return sum(v.buren_zelfde for v in self.voorspellingen), sum(
            len(v.buren_ids) for v in self.voorspellingen
        )

    @property
    def meerderheid(self) -> tuple[str, int]:
        """The majority-class baseline: always predict the most frequent class."""
        tel: dict[str, int] = {}
        for v in self.voorspellingen:
            tel[v.werkelijk] = tel.get(v.werkelijk, 0) + 1
        klasse = max(sorted(tel), key=lambda k: tel[k]) if tel else "gerealiseerd"
        return klasse, tel.get(klasse, 0)


def leave_one_out(
    casussen: Sequence[Casus] | None = None, regels: Regelset | None = None, k: int = K_BUREN
) -> LeaveOneOut:
    """The leave-one-out outcome test.

    For each case with an outcome class: drop it from the case base; withhold its named factors (the factor
    and the answer it is computed from; for a named number of partners also the count); then

    * the **rule**: predict ``gestopt`` when any remaining factor that counts for the case's form comes out
      ``verhoogd`` or ``hoog``, otherwise ``gerealiseerd`` (the rule cannot predict ``doorgegroeid``);
    * the **nearest cases**: the majority class of the ``k`` most similar remaining cases (``most_similar``),
      ties to the nearest; and how many of them share the case's outcome.
    """
    from .engine import evaluate_factors

    casussen = casussen if casussen is not None else load_cases()
    regels = regels or load_rules()
    met_klasse = [c for c in casussen if c.uitkomst in KLASSE]
    uit: list[LooVoorspelling] = []
    for casus in met_klasse:
        genoemd = {g.factor for g in casus.genoemde_factoren}
        vragen_weg = {regels.factoren[f].vraag for f in genoemd if regels.factoren[f].vraag}
        waarden = {q: a for q, a in casus.antwoorden.waarden.items() if q not in vragen_weg}
        antwoorden = Antwoorden(waarden=waarden, aantal_partners=casus.antwoorden.aantal_partners)
        factoren = [
            f for f in evaluate_factors(casus.partners, antwoorden, regels) if f.factor not in genoemd
        ]
        verhoogd = any(f.verhoogd and _telt_voor(regels, f.factor, casus.vorm) for f in factoren)
        anderen = [c for c in met_klasse if c.id != casus.id]
        aantal = 0 if "aantal_partners" in genoemd else casus.aantal_partners
        buren = most_similar(factoren, aantal, anderen, regels, k=k)
        klassen = [KLASSE[b.uitkomst] for b in buren]
        stemmen = {c: klassen.count(c) for c in klassen}
        voorspeld = max(klassen, key=lambda c: (stemmen[c], -klassen.index(c))) if klassen else None
        werkelijk = KLASSE[casus.uitkomst]
        uit.append(
            LooVoorspelling(
                casus_id=casus.id,
                werkelijk=werkelijk,
                regel="gestopt" if verhoogd else "gerealiseerd",
                buren=voorspeld,
                buren_ids=tuple(b.casus_id for b in buren),
                buren_zelfde=sum(c == werkelijk for c in klassen),
                achtergehouden=tuple(sorted(genoemd)),
            )
        )
    return LeaveOneOut(voorspellingen=tuple(uit))


# --- the second encoding


@dataclass(frozen=True)
class TweedeCodering:
    maker: str
    antwoorden: Mapping[str, Antwoorden]  # case id -> the second hand's answers (cases not listed: none)


def load_second_encoding(path: Path | None = None, casussen: Sequence[Casus] | None = None) -> TweedeCodering:
    """Read ``casussen-tweede-hand.yaml``; every case id must exist in the case base, every answer be valid."""
    from .io import validate_answers

    casussen = casussen if casussen is not None else load_cases()
    bekend = {c.id: c for c in casussen}
    with Path(path or TWEEDE_HAND_PATH).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    vragen = load_questions()
    out: dict[str, Antwoorden] = {}
    for item in data["casussen"]:
        cid = str(item["id"])
        if cid not in bekend:
            raise CaseBaseError(f"tweede codering: onbekende casus {cid!r}")
        if cid in out:
            raise CaseBaseError(f"tweede codering: casus {cid!r} staat er twee keer in")
        waarden, fouten = validate_answers(item.get("antwoorden") or {}, vragen, verplicht=False)
        if fouten:
            raise CaseBaseError(f"tweede codering, casus {cid!r}: " + "; ".join(fouten))
        out[cid] = Antwoorden(waarden=waarden, aantal_partners=bekend[cid].antwoorden.aantal_partners)
    return TweedeCodering(maker=str(data.get("maker", "")), antwoorden=out)


def with_answers(
    casussen: Sequence[Casus], codering: TweedeCodering, regels: Regelset | None = None
) -> tuple[Casus, ...]:
    """The same cases (partners, form, outcome, named factors) with the second hand's answers and profiles."""
    import dataclasses

    from .engine import evaluate_factors

    regels = regels or load_rules()
    out = []
    for c in casussen:
        antwoorden = codering.antwoorden.get(c.id, Antwoorden(aantal_partners=c.antwoorden.aantal_partners))
        profiel = {f.factor: f.risico for f in evaluate_factors(c.partners, antwoorden, regels)}
        out.append(dataclasses.replace(c, antwoorden=antwoorden, profiel=profiel))
    return tuple(out)


def cohen_kappa(paren: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels; None for no pairs; 1.0 when both always agree on one label."""
    n = len(paren)
    if not n:
        return None
    po = sum(a == b for a, b in paren) / n
    labels = {x for p in paren for x in p}
    pe = sum((sum(a == lab for a, _ in paren) / n) * (sum(b == lab for _, b in paren) / n) for lab in labels)
    if pe >= 1.0:
        return 1.0 if po == 1.0 else 0.0
    return (po - pe) / (1 - pe)


@dataclass(frozen=True)
class VraagOvereenstemming:
    vraag: str
    alleen_eerste: int
    alleen_tweede: int
    beide: int
    zelfde_waarde: int
    zelfde_risico: int  # same risk level of the factor (same value for questions without a factor)
    kappa: float | None  # over the cases that either encoding answered; 'weet niet' is a label
    paren: int = 0  # cases that either encoding answered
    gelijk: int = 0  # of those, the same answer (also 'weet niet' on one side counts as different)


@dataclass(frozen=True)
class Encoderingen:
    maker: str
    per_vraag: tuple[VraagOvereenstemming, ...]
    kappa_totaal: float | None
    paren_totaal: int
    gelijk_totaal: int
    gecodeerd_eerste: int
    gecodeerd_tweede: int
    consistentie_tweede: Consistentie


def encoding_agreement(
    casussen: Sequence[Casus] | None = None,
    codering: TweedeCodering | None = None,
    regels: Regelset | None = None,
) -> Encoderingen:
    """Per question: how often the two encodings answer it, agree on the value, on the risk level; kappa."""
    casussen = casussen if casussen is not None else load_cases()
    regels = regels or load_rules()
    codering = codering or load_second_encoding(casussen=casussen)
    tweede = with_answers(casussen, codering, regels)
    factor_van = {f.vraag: f.id for f in regels.factoren.values() if f.vraag and f.soort == "gevraagd"}
    per_vraag = []
    alle_paren: list[tuple[str, str]] = []
    for vraag in load_questions():
        q = vraag.id
        paren: list[tuple[str, str]] = []
        alleen1 = alleen2 = beide = zelfde = zelfde_risico = 0
        for c1, c2 in zip(casussen, tweede, strict=True):
            a1, a2 = c1.antwoorden.is_bekend(q), c2.antwoorden.is_bekend(q)
            if not (a1 or a2):
                continue
            paren.append((str(c1.antwoorden.get(q)), str(c2.antwoorden.get(q))))
            alleen1 += a1 and not a2
            alleen2 += a2 and not a1
            if a1 and a2:
                beide += 1
                zelfde += c1.antwoorden.get(q) == c2.antwoorden.get(q)
                f = factor_van.get(q)
                if f:
                    zelfde_risico += c1.profiel.get(f) == c2.profiel.get(f)
                else:
                    zelfde_risico += c1.antwoorden.get(q) == c2.antwoorden.get(q)
        if paren:
            per_vraag.append(
                VraagOvereenstemming(
                    q,
                    alleen1,
                    alleen2,
                    beide,
                    zelfde,
                    zelfde_risico,
                    cohen_kappa(paren),
                    paren=len(paren),
                    gelijk=sum(a == b for a, b in paren),
                )
            )
            alle_paren.extend((f"{q}={a}", f"{q}={b}") for a, b in paren)
    return Encoderingen(
        maker=codering.maker,
        per_vraag=tuple(per_vraag),
        kappa_totaal=cohen_kappa(alle_paren),
        paren_totaal=len(alle_paren),
        gelijk_totaal=sum(a == b for a, b in alle_paren),
        gecodeerd_eerste=sum(len(c.antwoorden.waarden) for c in casussen),
        gecodeerd_tweede=sum(len(c.antwoorden.waarden) for c in tweede),
        consistentie_tweede=consistency_check(tweede, regels),
    )


@dataclass(frozen=True)
class Validatie:
    consistentie: Consistentie
    structureel: Structureel
    loo: LeaveOneOut
    loo_tweede: LeaveOneOut
    encoderingen: Encoderingen


def validate(casussen: Sequence[Casus] | None = None, regels: Regelset | None = None) -> Validatie:
    """Every figure of ``docs/scan.md`` § Validatie: consistency, structural, leave-one-out (both encodings), kappa."""
    casussen = casussen if casussen is not None else load_cases()
    regels = regels or load_rules()
    consistentie = consistency_check(casussen, regels)
    codering = load_second_encoding()  # ids checked against the bundled case base
    return Validatie(
        consistentie=consistentie,
        structureel=structural_check(casussen, regels, consistentie),
        loo=leave_one_out(casussen, regels),
        loo_tweede=leave_one_out(with_answers(casussen, codering, regels), regels),
        encoderingen=encoding_agreement(casussen, codering, regels),
    )
