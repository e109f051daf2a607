"""The scan: answers + partners -> factor risks -> ranked menus, with every step explained."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .model import (
    MENUS,
    VERHOOGDE_RISICOS,
    WEET_NIET,
    Advies,
    Antwoorden,
    Bijdrage,
    FactorUitkomst,
    Figuur3Punt,
    MenuAdvies,
    Partner,
    Risico,
    ScanResultaat,
    Status,
    Werkpunt,
    Zekerheid,
)
from .questions import Vragenlijst, load_questions
from .rules import Regelset, conditie_geldt, load_rules
from .structural import aantal, structural_factors

if TYPE_CHECKING:
    from .cases import Casus

#: Menus that pool civil servants (the SETA menus).
SAMENWERKINGSMENUS = ("menu_1", "menu_2", "menu_3")

#: Score distance to the best menu within which another menu still counts as 'mogelijk'.
MOGELIJK_MARGE = 1.0


def _zin(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _fmt(value: float) -> str:
    return f"{value:+.2f}".replace(".", ",")


def evaluate_asked(
    regels: Regelset, vragen: Vragenlijst, antwoorden: Antwoorden
) -> tuple[FactorUitkomst, ...]:
    """Risk per asked factor, with the answer and the seed's sentence as the reason."""
    out = []
    for regel in regels.factoren.values():
        if regel.soort != "gevraagd" or regel.vraag is None:
            continue
        vraag = vragen[regel.vraag]
        waarde = antwoorden.get(regel.vraag)
        risico = regel.risico_voor(waarde)
        if risico == "onbekend":
            reden = (
                "Antwoord 'weet niet': zonder antwoord kan de scan dit risico niet beoordelen, "
                "en dat verlaagt de zekerheid van de uitkomst."
            )
            antwoord = WEET_NIET
        else:
            antwoord = vraag.beschrijf(waarde)
            reden = _zin(f"Antwoord {antwoord}: {regel.redenen[regel.reden_sleutel(risico)]}")
        out.append(
            FactorUitkomst(
                factor=regel.id,
                titel=regel.titel,
                risico=risico,
                reden=reden,
                bron=regel.bron,
                zekerheid=regel.zekerheid if risico != "onbekend" else "onbekend",
                soort="gevraagd",
                gewicht=regel.gewicht,
                antwoord=antwoord,
                voorbehoud=regel.voorbehoud,
            )
        )
    return tuple(out)


def evaluate_factors(
    partners: Sequence[Partner],
    antwoorden: Antwoorden,
    regels: Regelset | None = None,
    vragen: Vragenlijst | None = None,
) -> tuple[FactorUitkomst, ...]:
    """All factors: the asked ones in questionnaire order, then the computed ones."""
    regels = regels or load_rules()
    vragen = vragen or load_questions()
    return evaluate_asked(regels, vragen, antwoorden) + structural_factors(regels, partners, antwoorden)


def _score_menus(
    regels: Regelset, factoren: Sequence[FactorUitkomst], antwoorden: Antwoorden
) -> tuple[MenuAdvies, ...]:
    risicos = {f.factor: f.risico for f in factoren}
    waarden = dict(antwoorden.waarden)
    scored: list[tuple[str, float, list[Bijdrage], list[str]]] = []
    for menu in MENUS:
        mregel = regels.menus[menu]
        basis = regels.basis(menu)
        if mregel.figuur3_kolom:
            basis_tekst = f"Basis uit Figuur 3 (gemiddelde van {len(regels.figuur3)} vergelijkingspunten)"
            basis_bron = regels.figuur3_bron
        else:
            basis_tekst = f"Basis (projectkeuze): {mregel.basis_herkomst}"
            basis_bron = mregel.bron
        bijdragen = [Bijdrage(basis_tekst, round(basis, 3), basis_bron)]
        for f in factoren:
            regel = regels.factoren[f.factor]
            weging = regel.weging.get(menu, 0.0)
            punten = regels.risicopunten.get(f.risico, 0)
            if weging and punten:
                straf = -(regel.gewicht * punten * weging) / regels.strafdeler
                bijdragen.append(
                    Bijdrage(
                        f"{f.titel}: risico {f.risico} (gewicht {regel.gewicht}, weging {weging:g})",
                        round(straf, 3),
                        f.bron,
                    )
                )
        for a in regels.aanpassingen:
            if not conditie_geldt(a.als, waarden, risicos):
                continue
            if a.menu == menu:
                bijdragen.append(Bijdrage(a.reden, a.punten, a.bron))
            elif a.figuur3_punt and mregel.figuur3_kolom:
                teken = regels.figuur3_rij(a.figuur3_punt).tekens[mregel.figuur3_kolom]
                punten_f3 = regels.tekenwaarde[teken] * a.punten_per_teken
                if punten_f3:
                    bijdragen.append(Bijdrage(f"{a.reden} (hier: '{teken}')", punten_f3, a.bron))
        ontraden = [
            o.reden for o in regels.ontraden if menu in o.menus and conditie_geldt(o.als, waarden, risicos)
        ]
        scored.append((menu, sum(b.punten for b in bijdragen), bijdragen, ontraden))

    ordered = sorted(scored, key=lambda s: (bool(s[3]), -round(s[1], 6), MENUS.index(s[0])))
    best = next((s[1] for s in ordered if not s[3]), ordered[0][1])
    out = []
    for rang, (menu, score, bijdragen, ontraden) in enumerate(ordered, start=1):
        status: Status
        if ontraden:
            status = "ontraden"
        elif rang == 1:
            status = "aanbevolen"
        elif score >= best - MOGELIJK_MARGE:
            status = "mogelijk"
        else:
            status = "minder passend"
        redenen = [_zin(r) for r in ontraden]
        for b in sorted(bijdragen[1:], key=lambda b: -abs(b.punten)):
            redenen.append(_zin(f"{b.omschrijving.rstrip('.')} ({_fmt(b.punten)})"))
        out.append(
            MenuAdvies(
                menu=menu,
                naam=regels.menus[menu].naam,
                score=round(score, 3),
                rang=rang,
                status=status,
                bijdragen=tuple(bijdragen),
                redenen=tuple(redenen),
                ontraden_om=tuple(_zin(r) for r in ontraden),
            )
        )
    return tuple(out)


def _werkpunten(regels: Regelset, factoren: Sequence[FactorUitkomst], menu: str) -> tuple[Werkpunt, ...]:
    """Elevated factors that count for ``menu``, most serious first; then crucial unknowns."""
    punten = regels.risicopunten
    relevant = [
        f for f in factoren if f.risico in VERHOOGDE_RISICOS and regels.factoren[f.factor].weging.get(menu, 0)
    ]
    relevant.sort(key=lambda f: -(f.gewicht * punten[f.risico]))
    out = [
        Werkpunt(
            factor=f.factor,
            titel=f.titel,
            risico=f.risico,
            tekst=regels.factoren[f.factor].werkpunt_tekst,
            bron=regels.factoren[f.factor].werkpunt_bron,
        )
        for f in relevant
    ]
    for f in factoren:
        if f.risico == "onbekend" and f.gewicht == 3 and regels.factoren[f.factor].weging.get(menu, 0):
            out.append(
                Werkpunt(
                    factor=f.factor,
                    titel=f.titel,
                    risico="onbekend",
                    tekst=(
                        f"Zoek eerst uit hoe het staat met '{f.titel.lower()}': het antwoord is onbekend "
                        "en de bron rekent deze factor tot de zwaarste."
                    ),
                    bron=f.bron,
                )
            )
    return tuple(out)


def _overall(
    regels: Regelset, factoren: Sequence[FactorUitkomst], menu: str
) -> tuple[Risico, Zekerheid, int, int, int]:
    """Overall risk and certainty for one menu: weighted mean of the known factors' risk points."""
    punten = regels.risicopunten
    known_weight = total_weight = weighted_points = 0.0
    crucial_high = False
    for f in factoren:
        w = regels.factoren[f.factor].weging.get(menu, 0.0) * f.gewicht
        if not w:
            continue
        total_weight += w
        if f.risico == "onbekend":
            continue
        known_weight += w
        weighted_points += w * punten[f.risico]
        crucial_high = crucial_high or (f.risico == "hoog" and f.gewicht == 3)
    n_hoog = sum(1 for f in factoren if f.risico == "hoog")
    n_verhoogd = sum(1 for f in factoren if f.risico == "verhoogd")
    n_onbekend = sum(1 for f in factoren if f.risico == "onbekend")
    if not known_weight:
        return "onbekend", "onbekend", n_hoog, n_verhoogd, n_onbekend
    mean = weighted_points / known_weight
    risico: Risico
    if mean < 0.5:
        risico = "laag"
    elif mean < 1.2:
        risico = "matig"
    elif mean < 2.0:
        risico = "verhoogd"
    else:
        risico = "hoog"
    if crucial_high and risico in ("laag", "matig"):
        risico = "verhoogd"
    share = known_weight / total_weight
    # Capped at 'redelijk': the seed is an experienced observer's account, not a validated model.
    zekerheid: Zekerheid = "redelijk" if share >= 0.75 else "beperkt" if share >= 0.4 else "laag"
    return risico, zekerheid, n_hoog, n_verhoogd, n_onbekend


def scan(
    partners: Sequence[Partner],
    antwoorden: Antwoorden,
    *,
    regels: Regelset | None = None,
    vragen: Vragenlijst | None = None,
    casussen: Sequence[Casus] | None = None,
    max_casussen: int = 3,
) -> ScanResultaat:
    """Run the cooperation scan for a configuration of partners and a set of answers.

    ``casussen`` defaults to the bundled case base; pass an empty sequence to skip the comparison.
    """
    regels = regels or load_rules()
    vragen = vragen or load_questions()
    factoren = evaluate_factors(partners, antwoorden, regels, vragen)
    menus = _score_menus(regels, factoren, antwoorden)
    # The conditions to work on and the overall risk refer to the best-ranked SETA menu.
    coop = next(
        (m for m in menus if m.menu in SAMENWERKINGSMENUS and m.status != "ontraden"),
        next(m for m in menus if m.menu in SAMENWERKINGSMENUS),
    )
    advies = Advies(
        menus=menus,
        werkpunten=_werkpunten(regels, factoren, coop.menu),
        figuur3=tuple(Figuur3Punt(id=r.id, punt=r.punt, tekens=r.tekens) for r in regels.figuur3),
        figuur3_bron=regels.figuur3_bron,
    )
    risico, zekerheid, n_hoog, n_verhoogd, n_onbekend = _overall(regels, factoren, coop.menu)
    top = menus[0]
    oordeel = (
        f"Voor de best passende samenwerkingsvorm ({coop.naam}) is het risico {risico} "
        f"(zekerheid: {zekerheid}); {n_hoog} factor(en) hoog, {n_verhoogd} verhoogd en "
        f"{n_onbekend} onbekend. De scan zet '{top.naam}' op de eerste plaats. Dit is een afweging "
        "op grond van de ervaringen in de brontekst, geen voorspelling."
    )
    if casussen is None:
        from .cases import load_cases

        casussen = load_cases()
    if casussen and max_casussen > 0:
        from .cases import most_similar

        vergelijkbaar = most_similar(factoren, aantal(partners, antwoorden), casussen, regels, max_casussen)
    else:
        vergelijkbaar = ()
    return ScanResultaat(
        partners=tuple(partners),
        aantal_partners=aantal(partners, antwoorden),
        factoren=factoren,
        risico=risico,
        zekerheid=zekerheid,
        oordeel=oordeel,
        advies=advies,
        vergelijkbare_casussen=vergelijkbaar,
        voorbehouden=regels.voorbehouden,
        onbekend=tuple(f.factor for f in factoren if f.risico == "onbekend"),
    )
