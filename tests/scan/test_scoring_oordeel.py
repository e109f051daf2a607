"""Issue 15: one consistent verdict, dealbreakers, per-partner answers and the sensitivity table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seta.scan.scoring import MENUS, WEET_NIET, Antwoorden, Partner, load_answer_file, load_questions, scan
from seta.scan.scoring.engine import SAMENWERKINGSMENUS, _overall, kernvoorwaarden_vervuld
from seta.scan.scoring.io import ScanInputError, build_schema, parse_answers
from seta.scan.scoring.model import VERHOOGDE_RISICOS, paar_sleutel
from seta.scan.scoring.rules import load_rules
from seta.scan.scoring.text import render_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scan"

A = Partner("GM0001", "A", "Gelderland", 20000)
B = Partner("GM0002", "B", "Gelderland", 18000)
C = Partner("GM0003", "C", "Gelderland", 22000)
D = Partner("GM0004", "D", "Gelderland", 19000)
E = Partner("GM0005", "E", "Gelderland", 90000)
KLEIN = [Partner(f"GM001{i}", f"K{i}", "Gelderland", 6000 + i) for i in range(4)]

GUNSTIG: dict[str, Any] = {
    "urgentie_college": 5,
    "urgentie_raad": 4,
    "urgentie_ambtelijk": 4,
    "voordelen_gezien": 4,
    "vertrouwen": 5,
    "negatieve_beeldvorming": 1,
    "lijk_in_de_kast": "nee",
    "gideonsbende": "ja",
    "gideonsbende_stabiel": "ja",
    "knipperlichtrelatie": "nee",
    "draagvlak_ambtenaren": 4,
    "snel_financieel_voordeel": 1,
    "alternatief_voorkeur": "geen",
    "eigen_bestuur_behouden": "ja",
}


def _scan(partners: list[Partner], antwoorden: Antwoorden, **kw: Any) -> Any:
    return scan(partners, antwoorden, casussen=(), **kw)


# --- the two examples of the issue ---------------------------------------------------------------------
def test_gooi_gives_one_consistent_seed_backed_verdict() -> None:
    invoer = load_answer_file(EXAMPLES / "gooi.yaml")
    r = _scan(list(invoer.partners), invoer.antwoorden)
    top = r.advies.aanbevolen
    # The core conditions are met (urgency, benefits, trust, no quick gain expected, no other menu
    # preferred); the missing Gideonsbende and explanation are work points, not a reason to stay alone.
    assert top.menu == "menu_2" and r.risico_vorm == "menu_2"
    assert r.oordeel.startswith("Aanbevolen: Menu 2: ambtelijke fusie.")
    assert "Stand alone" not in r.oordeel
    # Two factors 'verhoogd' weigh for Menu 2, so the badge cannot read 'laag'.
    assert r.risico == "matig"
    assert "0 hoog, 2 verhoogd" in r.oordeel
    assert {w.factor for w in r.advies.werkpunten} >= {"gideonsbende", "tekst_en_uitleg"}
    # The wish for a simple structure alone does not turn the verdict (it did before: +1,00).
    zonder_wens = _scan(list(invoer.partners), invoer.antwoorden.met("eenvoud_gewenst", "nee"))
    assert zonder_wens.advies.aanbevolen.menu == "menu_2"
    # And the sensitivity table names what would: low urgency in the councils means stand alone.
    rijen = {(g.vraag, g.nieuw_menu) for g in r.advies.gevoeligheid}
    assert ("urgentie_raad", "stand_alone") in rijen
    assert not any(g.vraag == "eenvoud_gewenst" for g in r.advies.gevoeligheid)


def test_druten_beuningen_with_a_land_development_loss_does_not_recommend_menu_2() -> None:
    invoer = load_answer_file(EXAMPLES / "druten-beuningen.yaml")
    r = _scan(list(invoer.partners), invoer.antwoorden)
    assert r.factor("lijk_in_de_kast").risico == "hoog"
    assert r.advies.aanbevolen.menu != "menu_2"
    menu_2 = r.advies.voor("menu_2")
    assert menu_2.status == "ontraden" and menu_2.geblokkeerd_door == ("lijk_in_de_kast",)
    assert r.advies.voor("bestuurlijke_fusie").status == "ontraden"
    (d,) = r.advies.dealbreakers
    assert d.blokkeert == ("menu_2", "bestuurlijke_fusie")
    assert {"Menu 1: functionele integratie", "Menu 3: gastheer- of centrumgemeente"} <= set(d.open_vormen)
    assert "Stand alone (zelfstandig blijven)" in d.open_vormen
    # What to resolve first, with the seed passage by heading and quotation (no line numbers).
    assert "Eerst oplossen: een verborgen financieel probleem (een lijk in de kast)" in r.oordeel
    assert "Dat wou de ander niet erven." in r.oordeel
    assert "Condities pro-SETA: geen negatieve beeldvorming van elkaar" in r.oordeel
    assert "758" not in r.oordeel
    text = render_text(r)
    assert "Eerst oplossen (dealbreakers)" in text and "Tegengehouden: Menu 2: ambtelijke fusie" in text


def test_druten_beuningen_ready_but_for_the_loss_still_not_menu_2() -> None:
    # The seed: both boards were ready and the civil servants went along; only the loss stopped it.
    antwoorden = Antwoorden({**GUNSTIG, "lijk_in_de_kast": {"Druten": "nee", "Beuningen": "ja"}})
    druten = Partner("GM0225", "Druten", "Gelderland", 18918)
    beuningen = Partner("GM0209", "Beuningen", "Gelderland", 25891)
    r = _scan([druten, beuningen], antwoorden)
    assert r.advies.aanbevolen.menu in ("menu_1", "menu_3")
    assert r.factor("lijk_in_de_kast").bij == ("Beuningen",)
    assert "bij Beuningen" in r.oordeel
    zonder = _scan([druten, beuningen], antwoorden.met("lijk_in_de_kast", "nee"))
    assert zonder.advies.aanbevolen.menu == "menu_2"
    assert any(g.vraag == "lijk_in_de_kast" and g.partner == "Beuningen" for g in r.advies.gevoeligheid)


# --- dealbreakers --------------------------------------------------------------------------------------
def test_no_trust_blocks_the_merger_of_civil_services_and_the_host_concept() -> None:
    r = _scan([A, B], Antwoorden({**GUNSTIG, "vertrouwen": 1}))
    assert {d.id for d in r.advies.dealbreakers} == {"geen_vertrouwen"}
    for menu in ("menu_2", "menu_3", "bestuurlijke_fusie"):
        assert r.advies.voor(menu).status == "ontraden"
    assert r.advies.aanbevolen.menu in ("menu_1", "stand_alone")


def test_more_than_three_partners_blocks_menu_2_unless_all_are_very_small() -> None:
    r = _scan([A, B, C, D], Antwoorden(GUNSTIG))
    assert "te_veel_partners" in r.advies.voor("menu_2").geblokkeerd_door
    assert r.advies.aanbevolen.menu != "menu_2"
    klein = _scan(KLEIN, Antwoorden(GUNSTIG))
    assert klein.factor("aantal_partners").risico == "hoog"
    assert klein.advies.voor("menu_2").geblokkeerd_door == ()
    assert not klein.advies.dealbreakers


# --- per-partner answers ---------------------------------------------------------------------------------
def test_per_partner_urgency_puts_the_risk_with_the_partner() -> None:
    invoer = load_answer_file(EXAMPLES / "zeeuws-vlaanderen.yaml")
    r = _scan(list(invoer.partners), invoer.antwoorden)
    f = r.factor("urgentie_college")
    assert f.risico == "hoog" and f.bij == ("Hulst", "Terneuzen")
    assert "ligt bij Hulst en Terneuzen" in r.oordeel
    assert "Dit risico ligt bij: Hulst, Terneuzen." in render_text(r)


def test_a_plain_answer_means_the_same_for_all_partners() -> None:
    plain = _scan([A, B, C], Antwoorden({**GUNSTIG, "urgentie_raad": 2}))
    per = _scan([A, B, C], Antwoorden({**GUNSTIG, "urgentie_raad": {"A": 2, "B": 2, "C": 2}}))
    assert plain.factor("urgentie_raad").risico == per.factor("urgentie_raad").risico == "verhoogd"
    assert [m.menu for m in plain.advies.menus] == [m.menu for m in per.advies.menus]
    assert plain.factor("urgentie_raad").bij == () and per.factor("urgentie_raad").bij == ("A", "B", "C")


def test_trust_per_pair_and_the_hesitating_partner_named() -> None:
    antwoorden = Antwoorden(
        {
            **GUNSTIG,
            "vertrouwen": {paar_sleutel("A", "B"): 5, paar_sleutel("B", "C"): 2},
            "knipperlichtrelatie": {"A": "nee", "B": "nee", "C": "ja"},
        }
    )
    r = _scan([A, B, C], antwoorden)
    assert r.factor("vertrouwen").risico == "verhoogd" and r.factor("vertrouwen").bij == ("B + C",)
    assert r.factor("knipperlichtrelatie").bij == ("C",)
    werkpunt = next(w for w in r.advies.werkpunten if w.factor == "knipperlichtrelatie")
    assert "Het gaat om C." in werkpunt.tekst


def test_the_file_format_accepts_and_checks_per_partner_answers() -> None:
    doc: dict[str, Any] = {
        "partners": ["GM0225", "GM0209"],
        "antwoorden": {
            **GUNSTIG,
            "urgentie_raad": {"Druten": 4, "beuningen": 2},
            "vertrouwen": {"Beuningen + Druten": 3},
        },
    }
    invoer = parse_answers(doc)
    assert dict(invoer.antwoorden.per_partner["urgentie_raad"]) == {"Druten": 4, "Beuningen": 2}
    assert dict(invoer.antwoorden.per_partner["vertrouwen"]) == {"Beuningen + Druten": 3}
    for fout_antwoord, melding in (
        ({"urgentie_raad": {"Wijchen": 3}}, "'Wijchen' is geen partner van deze scan"),
        ({"urgentie_raad": {"Druten": 9}}, "buiten het bereik 1–5 (bij Druten)"),
        ({"vertrouwen": {"Druten": 3}}, "is geen paar"),
        ({"alternatief_voorkeur": {"Druten": "geen"}}, "niet per partner"),
    ):
        with pytest.raises(ScanInputError) as exc:
            parse_answers({**doc, "antwoorden": {**doc["antwoorden"], **fout_antwoord}})
        assert any(melding in f for f in exc.value.fouten), exc.value.fouten


def test_the_schema_documents_per_partner_answers() -> None:
    props = build_schema()["properties"]["antwoorden"]["properties"]
    assert "per partner name" in props["urgentie_raad"]["description"]
    assert "per pair of partners" in props["vertrouwen"]["description"]
    assert (
        "oneOf" in props["urgentie_raad"]
        and "per partner" not in props["alternatief_voorkeur"]["description"]
    )


# --- the sensitivity table -------------------------------------------------------------------------------
def test_every_row_of_the_sensitivity_table_holds_and_no_other_single_answer_flips() -> None:
    invoer = load_answer_file(EXAMPLES / "gooi.yaml")
    partners = list(invoer.partners)
    r = _scan(partners, invoer.antwoorden)
    vragen = load_questions()
    genoemd = {(g.vraag, g.partner) for g in r.advies.gevoeligheid}
    for vraag in vragen:
        for waarde in (*vraag.toegestane_waarden(), WEET_NIET):
            alt = _scan(partners, invoer.antwoorden.met(vraag.id, waarde), met_gevoeligheid=False)
            if alt.advies.aanbevolen.menu != r.advies.aanbevolen.menu:
                assert (vraag.id, None) in genoemd, (vraag.id, waarde)
    assert "Gevoeligheid: welk ene antwoord de aanbeveling verandert" in render_text(r)


# --- the property: summary, ranking and badge never disagree --------------------------------------------
_VRAGEN = load_questions()
_REGELS = load_rules()


def _antwoord(vraag: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from([*vraag.toegestane_waarden(), WEET_NIET])


_ANTWOORDEN = st.fixed_dictionaries({}, optional={v.id: _antwoord(v) for v in _VRAGEN})
_PARTNERS = st.lists(st.sampled_from([A, B, C, D, E, *KLEIN]), min_size=2, max_size=5, unique=True)


@settings(max_examples=150, deadline=None)
@given(partners=_PARTNERS, waarden=_ANTWOORDEN)
def test_summary_ranking_and_badge_never_disagree(partners: list[Partner], waarden: dict[str, Any]) -> None:
    r = _scan(partners, Antwoorden(waarden), met_gevoeligheid=False)
    top = r.advies.aanbevolen
    assert top.status == "aanbevolen" and top.rang == 1
    assert r.risico_vorm == top.menu
    assert r.risico == _overall(_REGELS, r.factoren, top.menu)[0]
    assert r.oordeel.startswith(f"Aanbevolen: {top.naam}.")
    assert f"Het risico voor deze vorm is {r.risico} " in r.oordeel
    assert not top.geblokkeerd_door and not top.ontraden_om
    assert all(top.menu not in d.blokkeert for d in r.advies.dealbreakers)
    telt = [f for f in r.factoren if _REGELS.factoren[f.factor].weging.get(top.menu)]
    if r.risico == "laag":
        assert not any(f.risico in VERHOOGDE_RISICOS for f in telt)
    if any(f.risico == "hoog" for f in telt):
        assert r.risico in VERHOOGDE_RISICOS


@settings(max_examples=100, deadline=None)
@given(partners=_PARTNERS, waarden=_ANTWOORDEN, vraag=st.sampled_from(_REGELS.voorkeuren), data=st.data())
def test_a_single_mild_preference_cannot_outweigh_the_core_conditions(
    partners: list[Partner], waarden: dict[str, Any], vraag: str, data: st.DataObject
) -> None:
    nieuw = data.draw(_antwoord(_VRAGEN[vraag]))
    voor = _scan(partners, Antwoorden(waarden), met_gevoeligheid=False)
    na = _scan(partners, Antwoorden(waarden).met(vraag, nieuw), met_gevoeligheid=False)
    # The documented weighting: one preference moves the gap between any two forms by at most
    # voorkeur_max (1,00 point: one crucial factor at 'matig'; 'verhoogd' costs 2,00).
    score_voor = {m.menu: m.score for m in voor.advies.menus}
    score_na = {m.menu: m.score for m in na.advies.menus}
    for x in MENUS:
        for y in MENUS:
            shift = (score_na[x] - score_na[y]) - (score_voor[x] - score_voor[y])
            assert abs(shift) <= _REGELS.voorkeur_max + 1e-6, (vraag, x, y, shift)
    # With the core conditions met, a preference may choose between cooperation forms, never away from them.
    if kernvoorwaarden_vervuld(_REGELS, voor.factoren) and voor.advies.aanbevolen.menu in SAMENWERKINGSMENUS:
        assert na.advies.aanbevolen.menu in SAMENWERKINGSMENUS


# --- sources a reader can follow -------------------------------------------------------------------------
_SEED_NAAM = Path("shared") / "seed" / "000_8cc305bc8c951e2c.txt"
SEED = next(
    (p / _SEED_NAAM for p in Path(__file__).resolve().parents if (p / _SEED_NAAM).exists()),
    Path("/nonexistent") / _SEED_NAAM,
)


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalpha())


def _citaten() -> list[tuple[str, Any]]:
    regels = load_rules()
    out = [(f"factor {r.id}", r.bron) for r in regels.factoren.values() if r.bron.citaat]
    out += [(f"dealbreaker {d.id}", d.bron) for d in regels.dealbreakers]
    if regels.kernvoorwaarden_bron:
        out.append(("kernvoorwaarden", regels.kernvoorwaarden_bron))
    return out


def test_every_factor_dealbreaker_and_core_condition_cites_a_short_quotation() -> None:
    regels = load_rules()
    assert all(r.bron.citaat for r in regels.factoren.values()), "every factor quotes the seed"
    for naam, bron in _citaten():
        assert bron.citaat and len(bron.citaat) <= 320, naam  # one or two sentences
        assert bron.regels not in str(bron), naam  # the reader's text carries no line numbers


@pytest.mark.skipif(not SEED.exists(), reason="the seed text is not available here")
def test_every_quotation_is_in_the_seed_at_its_lines() -> None:
    import difflib

    seed = SEED.read_text(encoding="utf-8").splitlines()
    for naam, bron in _citaten():
        start, _, end = bron.regels.partition("-")
        passage = _letters(" ".join(seed[int(start) - 3 : int(end or start) + 2]))
        for deel in bron.citaat.split("[...]"):
            doel = _letters(deel)
            beste = max(
                difflib.SequenceMatcher(None, doel, passage[i : i + len(doel)]).ratio()
                for i in range(max(1, len(passage) - len(doel) + 1))
            )
            # OCR noise in the seed ("codrdinatie", "potentiéle") allows a small difference.
            assert beste >= 0.9, (naam, deel, beste)
