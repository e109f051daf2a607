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
    Antwoordwaarde,
    Bijdrage,
    Dealbreaker,
    FactorUitkomst,
    Figuur3Punt,
    Gevoeligheid,
    MenuAdvies,
    Partner,
    Risico,
    ScanResultaat,
    Status,
    Werkpunt,
    Zekerheid,
)
from .questions import Vraag, Vragenlijst, load_questions
from .rules import DealbreakerRegel, Regelset, conditie_geldt, load_rules
from .structural import aantal, structural_factors

if TYPE_CHECKING:
    from .cases import Casus

#: Menus that pool civil servants (the SETA menus).
SAMENWERKINGSMENUS = ("menu_1", "menu_2", "menu_3")

#: Score distance to the best menu within which another menu still counts as 'mogelijk'.
MOGELIJK_MARGE = 1.0

#: Order of severity, to find the partner whose answer is the worst (unknown counts least).
_ERNST = {"onbekend": 0, "laag": 1, "matig": 2, "verhoogd": 3, "hoog": 4}


def _opsomming(namen: Sequence[str]) -> str:
    namen = list(namen)
    if len(namen) <= 1:
        return "".join(namen)
    return ", ".join(namen[:-1]) + " en " + namen[-1]


def _zin(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _fmt(value: float) -> str:
    return f"{value:+.2f}".replace(".", ",")


def evaluate_asked(
    regels: Regelset, vragen: Vragenlijst, antwoorden: Antwoorden
) -> tuple[FactorUitkomst, ...]:
    """Risk per asked factor, with the answer and the seed's sentence as the reason.

    When a question is answered per partner (or per pair), the factor's risk is the worst of those
    answers and sits with the partner(s) or pair(s) that gave it (``bij``).
    """
    out = []
    for regel in regels.factoren.values():
        if regel.soort != "gevraagd" or regel.vraag is None:
            continue
        vraag = vragen[regel.vraag]
        # in a fixed order (by name): a stored answer comes back from PostgreSQL's jsonb with its keys reordered
        per = dict(sorted(antwoorden.per(regel.vraag).items()))
        bij: tuple[str, ...] = ()
        if per:
            risicos = {k: regel.risico_voor(v) for k, v in per.items()}
            risico = max(risicos.values(), key=lambda r: _ERNST[r])
            if risico in ("laag", "onbekend"):
                waarde = next(v for k, v in per.items() if risicos[k] == risico)
            else:
                bij = tuple(k for k in per if risicos[k] == risico)
                waarde = per[bij[0]]
        else:
            waarde = antwoorden.get(regel.vraag)
            risico = regel.risico_voor(waarde)
        if risico == "onbekend":
            reden = (
                "Antwoord 'weet niet': zonder antwoord kan de scan dit risico niet beoordelen, "
                "en dat verlaagt de zekerheid van de uitkomst."
            )
            antwoord = WEET_NIET
        elif per:
            antwoord = "; ".join(f"{k}: {vraag.beschrijf(v)}" for k, v in per.items())
            wie = f"bij {_opsomming(bij)}" if bij else "bij alle partners"
            reden = _zin(
                f"Antwoord {wie} {vraag.beschrijf(waarde)}: {regel.redenen[regel.reden_sleutel(risico)]}"
            )
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
                bij=bij,
            )
        )
    return tuple(out)


def effectieve_waarden(
    regels: Regelset, vragen: Vragenlijst, antwoorden: Antwoorden
) -> dict[str, Antwoordwaarde]:
    """One value per question: the plain answer, or for per-partner answers the worst partner's.

    The rules' conditions (preferences, the mean urgency) and the case comparison read these.
    """
    waarden: dict[str, Antwoordwaarde] = antwoorden.gewone_waarden()
    per_factor = {r.vraag: r for r in regels.factoren.values() if r.soort == "gevraagd" and r.vraag}
    for vid in antwoorden.per_partner:
        per = antwoorden.per(vid)
        if not per:
            continue
        regel = per_factor.get(vid)
        if regel is None:
            waarden[vid] = next(iter(per.values()))
            continue
        waarden[vid] = max(per.values(), key=lambda v: _ERNST[regel.risico_voor(v)])
    return waarden


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


def actieve_dealbreakers(
    regels: Regelset, factoren: Sequence[FactorUitkomst], partners: Sequence[Partner]
) -> tuple[tuple[DealbreakerRegel, FactorUitkomst], ...]:
    """The dealbreakers that hold in this scan, with the factor outcome that triggers each."""
    per_id = {f.factor: f for f in factoren}
    out = []
    for d in regels.dealbreakers:
        f = per_id.get(d.factor)
        if f is None or f.risico not in d.risico_in:
            continue
        if d.tenzij_alle_onder is not None and partners:
            inwoners = [p.bevolking for p in partners]
            if all(i is not None and i < d.tenzij_alle_onder for i in inwoners):
                continue
        out.append((d, f))
    return tuple(out)


def kernvoorwaarden_vervuld(regels: Regelset, factoren: Sequence[FactorUitkomst]) -> bool:
    """True when every core condition of the seed is known and none is 'verhoogd' or 'hoog'."""
    if not regels.kernvoorwaarden:
        return False
    risicos = {f.factor: f.risico for f in factoren}
    return all(risicos.get(fid, "onbekend") in ("laag", "matig") for fid in regels.kernvoorwaarden)


def _score_menus(
    regels: Regelset,
    factoren: Sequence[FactorUitkomst],
    antwoorden: Antwoorden | dict[str, Antwoordwaarde],
    partners: Sequence[Partner] = (),
) -> tuple[MenuAdvies, ...]:
    risicos = {f.factor: f.risico for f in factoren}
    waarden = antwoorden.gewone_waarden() if isinstance(antwoorden, Antwoorden) else dict(antwoorden)
    blokkades = actieve_dealbreakers(regels, factoren, partners)
    scored: list[tuple[str, float, list[Bijdrage], list[str], tuple[str, ...]]] = []
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
        geblokkeerd = tuple(d.id for d, _ in blokkades if menu in d.blokkeert)
        for d, f in blokkades:
            if menu in d.blokkeert:
                wie = f" (bij {_opsomming(f.bij)})" if f.bij else ""
                citaat = f" De bron: \u201c{d.bron.citaat}\u201d" if d.bron.citaat else ""
                titel = d.titel or f.titel.lower()
                ontraden.insert(0, f"Eerst oplossen: {titel}{wie}. {d.eerst_oplossen}{citaat}")
        scored.append((menu, sum(b.punten for b in bijdragen), bijdragen, ontraden, geblokkeerd))

    vervuld = kernvoorwaarden_vervuld(regels, factoren)

    def voorrang(menu: str) -> int:
        return 0 if not vervuld or menu in SAMENWERKINGSMENUS else 1

    ordered = sorted(scored, key=lambda s: (bool(s[3]), voorrang(s[0]), -round(s[1], 6), MENUS.index(s[0])))
    best = ordered[0][1]
    out = []
    for rang, (menu, score, bijdragen, ontraden, geblokkeerd) in enumerate(ordered, start=1):
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
        if not ontraden and voorrang(menu):
            redenen.append(
                "De kernvoorwaarden van de bron voor samenwerking zijn vervuld; daarom gaat een open "
                "samenwerkingsvorm in de rangorde voor, ook bij een hogere score van deze vorm."
            )
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
                geblokkeerd_door=geblokkeerd,
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
            tekst=regels.factoren[f.factor].werkpunt_tekst
            + (f" Het gaat om {_opsomming(f.bij)}." if f.bij else ""),
            bron=regels.factoren[f.factor].werkpunt_bron,
            bij=f.bij,
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
    """Overall risk and certainty for one form, from the factors that weigh for that form only.

    The band of the weighted mean of the known factors' risk points, raised to a floor so that the
    badge never reads lower than a single factor allows: any weighing factor 'hoog' makes it at least
    'verhoogd', any weighing factor 'verhoogd' at least 'matig'. A form no factor weighs for (stand
    alone) has risk 'laag': the scan knows no cooperation risk for it. Counts are of the weighing
    factors only, so the summary's numbers are those of the form it names.
    """
    punten = regels.risicopunten
    known_weight = total_weight = weighted_points = 0.0
    telt = [f for f in factoren if regels.factoren[f.factor].weging.get(menu, 0.0) * f.gewicht]
    for f in telt:
        w = regels.factoren[f.factor].weging.get(menu, 0.0) * f.gewicht
        total_weight += w
        if f.risico == "onbekend":
            continue
        known_weight += w
        weighted_points += w * punten[f.risico]
    n_hoog = sum(1 for f in telt if f.risico == "hoog")
    n_verhoogd = sum(1 for f in telt if f.risico == "verhoogd")
    n_onbekend = sum(1 for f in telt if f.risico == "onbekend")
    if not total_weight:
        return "laag", "redelijk", 0, 0, 0
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
    if n_hoog and risico in ("laag", "matig"):
        risico = "verhoogd"
    if n_verhoogd and risico == "laag":
        risico = "matig"
    share = known_weight / total_weight
    # Capped at 'redelijk': the seed is an experienced observer's account, not a validated model.
    zekerheid: Zekerheid = "redelijk" if share >= 0.75 else "beperkt" if share >= 0.4 else "laag"
    return risico, zekerheid, n_hoog, n_verhoogd, n_onbekend


def _rangorde(
    regels: Regelset, vragen: Vragenlijst, partners: Sequence[Partner], antwoorden: Antwoorden
) -> tuple[tuple[FactorUitkomst, ...], tuple[MenuAdvies, ...]]:
    factoren = evaluate_factors(partners, antwoorden, regels, vragen)
    waarden = effectieve_waarden(regels, vragen, antwoorden)
    return factoren, _score_menus(regels, factoren, waarden, partners)


def _kort(vraag: Vraag, waarde: Antwoordwaarde) -> str:
    """A short rendering of an answer for the sensitivity table: '3' on a scale, 'ja', an option's label."""
    if waarde == WEET_NIET:
        return WEET_NIET
    if vraag.soort == "schaal":
        return str(waarde)
    return vraag.beschrijf(waarde)


def gevoeligheid(
    partners: Sequence[Partner],
    antwoorden: Antwoorden,
    *,
    regels: Regelset | None = None,
    vragen: Vragenlijst | None = None,
) -> tuple[Gevoeligheid, ...]:
    """The sensitivity table: every single answer change that would change the recommendation.

    Each question is tried with each other answer (including 'weet niet'); a question answered per
    partner is tried per partner. One row per (question, partner, new recommendation), with all the
    answers that lead there.
    """
    regels = regels or load_rules()
    vragen = vragen or load_questions()
    _, menus = _rangorde(regels, vragen, partners, antwoorden)
    huidig_top = menus[0].menu
    rows: list[Gevoeligheid] = []
    for vraag in vragen:
        per = dict(antwoorden.per_partner.get(vraag.id, {}))
        doelen: list[str | None] = list(per) if per else [None]
        for partner in doelen:
            huidig = per[partner] if partner is not None else antwoorden.get(vraag.id)
            naar: dict[str, list[str]] = {}
            for ander in (*vraag.toegestane_waarden(), WEET_NIET):
                if str(ander) == str(huidig):
                    continue
                _, alt = _rangorde(regels, vragen, partners, antwoorden.met(vraag.id, ander, partner))
                if alt[0].menu != huidig_top:
                    naar.setdefault(alt[0].menu, []).append(_kort(vraag, ander))
            for menu, andere in naar.items():
                rows.append(
                    Gevoeligheid(
                        vraag=vraag.id,
                        titel=vraag.titel,
                        partner=partner,
                        huidig=_kort(vraag, huidig),
                        ander=" of ".join(andere),
                        nieuw_menu=menu,
                        nieuw_naam=regels.menus[menu].naam,
                    )
                )
    return tuple(rows)


def _oordeel(
    regels: Regelset,
    top: MenuAdvies,
    coop: MenuAdvies,
    risico: Risico,
    zekerheid: Zekerheid,
    tellingen: tuple[int, int, int],
    factoren: Sequence[FactorUitkomst],
    dealbreakers: Sequence[Dealbreaker],
    coop_risico: Risico,
) -> str:
    n_hoog, n_verhoogd, n_onbekend = tellingen
    zinnen = [f"Aanbevolen: {top.naam}."]
    if top.menu in SAMENWERKINGSMENUS and kernvoorwaarden_vervuld(regels, factoren):
        zinnen.append(
            "De kernvoorwaarden van de bron (urgentie, voordelen zien, vertrouwen, geen snel financieel "
            "voordeel verwachten, geen voorkeur voor een ander menu) zijn vervuld; de overige verhoogde "
            "factoren zijn werkpunten."
        )
    if top.menu == "stand_alone":
        zinnen.append(
            f"Het risico voor deze vorm is {risico} (zekerheid: {zekerheid}): zelfstandig blijven kent in "
            "deze scan geen samenwerkingsrisico's; of de eigen organisatie te kwetsbaar is, weegt de scan "
            "alleen via de urgentie."
        )
        zinnen.append(
            f"Wie toch wil samenwerken: de best passende samenwerkingsvorm is {coop.naam} "
            f"(plaats {coop.rang}), met risico {coop_risico} voor die vorm."
        )
    else:
        zinnen.append(
            f"Het risico voor deze vorm is {risico} (zekerheid: {zekerheid}), berekend uit de factoren die "
            f"voor deze vorm meetellen: {n_hoog} hoog, {n_verhoogd} verhoogd en {n_onbekend} onbekend."
        )
    for d in dealbreakers:
        wie = f" bij {_opsomming(d.bij)}" if d.bij else ""
        zinnen.append(
            f"Eerst oplossen: {d.titel[:1].lower() + d.titel[1:]}{wie}. {d.eerst_oplossen} Zolang dat niet is opgelost, "
            f"raadt de scan {_opsomming(d.blokkeert_namen)} af; open blijven {_opsomming(d.open_vormen)} "
            f"(bron: {d.bron})."
        )
    meetellend = {m for m in MENUS if m == top.menu or (top.menu == "stand_alone" and m == coop.menu)}
    bij = [
        f
        for f in factoren
        if f.bij
        and f.risico in VERHOOGDE_RISICOS
        and any(regels.factoren[f.factor].weging.get(m) for m in meetellend)
    ]
    for f in bij:
        zinnen.append(f"Het risico '{f.titel.lower()}' ({f.risico}) ligt bij {_opsomming(f.bij)}.")
    zinnen.append("Dit is een afweging op grond van de ervaringen in de brontekst, geen voorspelling.")
    return " ".join(zinnen)


def scan(
    partners: Sequence[Partner],
    antwoorden: Antwoorden,
    *,
    regels: Regelset | None = None,
    vragen: Vragenlijst | None = None,
    casussen: Sequence[Casus] | None = None,
    max_casussen: int = 3,
    met_gevoeligheid: bool = True,
) -> ScanResultaat:
    """Run the cooperation scan for a configuration of partners and a set of answers.

    ``casussen`` defaults to the bundled case base; pass an empty sequence to skip the comparison.
    """
    regels = regels or load_rules()
    vragen = vragen or load_questions()
    factoren, menus = _rangorde(regels, vragen, partners, antwoorden)
    top = menus[0]
    # The conditions to work on refer to the best-ranked open cooperation menu (the recommended form
    # itself when it is one); the overall risk is always that of the recommended form.
    coop = next(
        (m for m in menus if m.menu in SAMENWERKINGSMENUS and m.status != "ontraden"),
        next(m for m in menus if m.menu in SAMENWERKINGSMENUS),
    )
    namen = {m: regels.menus[m].naam for m in MENUS}
    dealbreakers = []
    for d, f in actieve_dealbreakers(regels, factoren, partners):
        dealbreakers.append(
            Dealbreaker(
                id=d.id,
                factor=f.factor,
                titel=d.titel or f.titel,
                bij=f.bij,
                blokkeert=d.blokkeert,
                blokkeert_namen=tuple(namen[m] for m in d.blokkeert),
                open_vormen=tuple(
                    namen[m]
                    for m in MENUS
                    if not any(m in b.blokkeert for b, _ in actieve_dealbreakers(regels, factoren, partners))
                ),
                eerst_oplossen=d.eerst_oplossen,
                bron=d.bron,
            )
        )
    risico, zekerheid, n_hoog, n_verhoogd, n_onbekend = _overall(regels, factoren, top.menu)
    coop_risico = _overall(regels, factoren, coop.menu)[0]
    advies = Advies(
        menus=menus,
        werkpunten=_werkpunten(regels, factoren, coop.menu),
        figuur3=tuple(Figuur3Punt(id=r.id, punt=r.punt, tekens=r.tekens) for r in regels.figuur3),
        figuur3_bron=regels.figuur3_bron,
        dealbreakers=tuple(dealbreakers),
        gevoeligheid=gevoeligheid(partners, antwoorden, regels=regels, vragen=vragen)
        if met_gevoeligheid
        else (),
    )
    oordeel = _oordeel(
        regels,
        top,
        coop,
        risico,
        zekerheid,
        (n_hoog, n_verhoogd, n_onbekend),
        factoren,
        dealbreakers,
        coop_risico,
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
        risico_vorm=top.menu,
    )
