"""The case base and the consistency check (formerly "agreement") (docs/scan.md reports its figures)."""

from __future__ import annotations

import pytest

from seta.scan.scoring import Casus, consistency_check, consistency_report, load_cases, load_rules, scan
from seta.scan.scoring.cases import most_similar
from seta.scan.scoring.model import VERHOOGDE_RISICOS

#: The 26 realised cooperations in the seed's list (lines 648-691), in list order.
GEREALISEERD_LIJST = [
    "groningen_ten_boer",
    "bel",
    "millingen_groesbeek",
    "de_waard",
    "losser_enschede",
    "kompanjie",
    "ommen_hardenberg",
    "onderbanken_heerlen",
    "duivenvoorde",
    "amstelveen_aalsmeer",
    "uw_samenwerking",
    "noaberkracht",
    "purmerend_beemster",
    "over_gemeenten",
    "cgm",
    "bar",
    "appingedam_delfzijl",
    "woerden_oudewater",
    "de_wolden_hoogeveen",
    "sed",
    "vonns",
    "ddfk",
    "de_meijerij",
    "abg",
    "buch",
    "hlt",
]
#: The eight attempts not pursued (lines 699-722) and the temporarily halted one (724-725).
NIET_DOORGEZET_LIJST = {
    "zutphen_warnsveld": 2005,
    "warmond_voorhout_sassenheim": 2005,
    "kapelle_reimerswaal": 2005,
    "gulpen_valkenburg_vaals": 2009,
    "gennep_bergen_mook": 2010,
    "heumen_wijchen": 2012,
    "gennep_venray": 2013,
    "landgraaf_brunssum": 2016,
    "druten_beuningen_wijchen": 2015,
}
#: Stopped attempts described in the running text.
UIT_DE_TEKST = [
    "ubbergen_millingen",
    "lith",
    "boxmeer_sint_anthonis_cgm",
    "beek_valkenburg_nuth",
    "anna_paulowna_schagen",
    "terneuzen_sluis_hulst",
    "onderbanken_brunssum",
    "kempen_doorontwikkeling",
    "krimpenerwaard_doorontwikkeling",
]


@pytest.fixture(scope="module")
def casussen() -> dict[str, Casus]:
    return {c.id: c for c in load_cases()}


def test_every_cooperation_in_the_seed_is_in_the_case_base(casussen: dict[str, Casus]) -> None:
    for cid in GEREALISEERD_LIJST:
        assert casussen[cid].uitkomst in ("gerealiseerd", "doorgegroeid_naar_herindeling"), cid
    assert len(GEREALISEERD_LIJST) == 26
    jaren = [casussen[c].jaar or 0 for c in GEREALISEERD_LIJST]
    assert jaren == sorted(jaren)  # the list is chronological
    for cid, jaar in NIET_DOORGEZET_LIJST.items():
        assert casussen[cid].jaar == jaar and casussen[cid].gestopt, cid
    assert casussen["druten_beuningen_wijchen"].uitkomst == "tijdelijk_stilgelegd"
    for cid in UIT_DE_TEKST:
        assert casussen[cid].gestopt, cid
    assert casussen["kempen_functionele_integratie"].vorm == "menu_1"
    assert casussen["kempen_functionele_integratie"].aantal_partners == 5


def test_partners_that_no_longer_exist_are_marked(casussen: dict[str, Casus]) -> None:
    ten_boer = casussen["groningen_ten_boer"].partners[1]
    assert ten_boer.naam == "Ten Boer" and not ten_boer.bestaat and ten_boer.code is None
    assert all(p.code and p.bestaat for p in casussen["bel"].partners)


def test_cases_only_answer_what_the_seed_says(casussen: dict[str, Casus]) -> None:
    for casus in casussen.values():
        named = {g.factor for g in casus.genoemde_factoren}
        # Every unfavourable factor the seed names for a case is backed by an answer or by the
        # partner list, and the list-only cases carry no answers at all.
        if not named:
            assert not casus.antwoorden.waarden or casus.id in (
                "kempen_doorontwikkeling",
                "millingen_groesbeek",
            ), casus.id


def test_consistency_failure_factors_of_stopped_cases_are_elevated() -> None:
    o = consistency_check()
    assert o.aantal_casussen >= 45
    assert o.faalfactoren, "no failure factors checked"
    missers = [c for c in o.faalfactoren if not c.klopt]
    assert not missers, missers
    assert o.gestopt_met_factoren >= 13


def test_consistency_favourable_conditions_are_not_elevated() -> None:
    o = consistency_check()
    assert all(c.klopt for c in o.gunstige_factoren), [c for c in o.gunstige_factoren if not c.klopt]


def test_consistency_chosen_forms_of_bel_and_groningen_ten_boer_are_not_advised_against() -> None:
    o = consistency_check()
    vormen = {v.casus_id: v for v in o.vormen}
    assert vormen.keys() == {"bel", "groningen_ten_boer"}
    for v in vormen.values():
        assert v.klopt, v
        assert v.rang < v.aantal_menus and v.status != "ontraden"


def test_consistency_report_renders(capsys: pytest.CaptureFixture[str]) -> None:
    report = consistency_report(consistency_check())
    print(report)
    assert "Failure factors named for stopped cases that come out verhoogd/hoog:" in report
    assert "NO " not in report.split("Realised cases")[0]


def test_most_similar_finds_the_case_itself(casussen: dict[str, Casus]) -> None:
    regels = load_rules()
    for cid in ("onderbanken_brunssum", "bel", "groningen_ten_boer", "heumen_wijchen"):
        casus = casussen[cid]
        r = scan(casus.partners, casus.antwoorden, casussen=list(casussen.values()))
        assert r.vergelijkbare_casussen[0].casus_id == cid, (cid, r.vergelijkbare_casussen)
        top = r.vergelijkbare_casussen[0]
        assert top.overeenkomsten and 0 < top.score < 1
        again = most_similar(r.factoren, r.aantal_partners, list(casussen.values()), regels, k=5)
        assert [m.score for m in again] == sorted((m.score for m in again), reverse=True)


def test_similarity_explains_differences(casussen: dict[str, Casus]) -> None:
    casus = casussen["druten_beuningen_wijchen"]
    r = scan(casus.partners, casus.antwoorden)
    assert any("lijk in de kast" in o.lower() for o in r.vergelijkbare_casussen[0].overeenkomsten)
    assert r.factor("lijk_in_de_kast").risico in VERHOOGDE_RISICOS
